/* wijkmix-cli.c: command-line front end (create a project, import data, apply changes, print
 * indicators, export) */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wm-cli-common.h"
#include "wm-cli-checklist.h"
#include "wm-cli-compare.h"
#include "wm-cli-export.h"
#include "wm-cli-scenario.h"
#include "wm-core.h"
#include "wm-demo.h"
#include "wm-document.h"
#include "wm-field-mapping.h"
#include "wm-import.h"
#include "wm-indicator-engine.h"
#include "wm-indicator-report.h"
#include "wm-plan-check.h"
#include "wm-project-file.h"
#include "wm-proposal-json.h"
#include "wm-targets.h"
#include "wm-tenure-estimate.h"
#include "wm-timeline.h"

static const char usage[] =
  "Usage:\n"
  "  wijkmix-cli new PROJECT [--demo]\n"
  "  wijkmix-cli import PROJECT FILE [--layer NAME]\n"
  "              [--as buildings|areas|facilities|basemap|tenure]\n"
  "              [--basemap road|water|green|terrain|building|label]\n"
  "              [--field ROLE=NAME]... [--area CODE_OR_NAME]... [--construction]\n"
  "  wijkmix-cli apply PROJECT CHANGES.json [--scenario NAME]\n"
  "  wijkmix-cli indicators PROJECT [--scenario NAME] [--year YYYY] [--json]\n"
  "  wijkmix-cli compare PROJECT [--year YYYY] [--json]\n"
  "  wijkmix-cli checklist PROJECT [--scenario NAME] [--catalogue FILE] [--json]\n"
  "              [--set ITEM [--status S] [--owner TEXT] [--note TEXT] [--year N]\n"
  "                          [--reason TEXT]]\n"
  "  wijkmix-cli export PROJECT [--scenario NAME]\n"
  "              (--pdf FILE | --poster FILE | --png FILE [--size WxH] | --csv FILE |\n"
  "               --checklist-csv FILE | --xlsx FILE | --gpkg FILE | --geojson FILE)...\n"
  "  wijkmix-cli scenario PROJECT (new NAME | duplicate FROM NAME | rename OLD NEW |\n"
  "                               delete NAME | list [--json])\n";

typedef struct
{
  const char *positional[3];
  guint n_positional;
  const char *scenario;
  gboolean demo;
  gboolean json;
  const char *year; /* indicators: --year, as given */
  /* import */
  const char *layer;
  const char *as;
  const char *basemap;
  GPtrArray *fields; /* const char*: ROLE=NAME */
  GPtrArray *areas;  /* const char*: code or name */
  gboolean construction;
  gboolean import_options;
} Args;

static int
fail_error (GError *error)
{
  return wm_cli_fail (error->message);
}

/* "--name VALUE" or "--name=VALUE": TRUE when @arg is that option, with *@value set (NULL and
 * @problem set when the value is missing). */
static gboolean
take_value (int          argc,
            char       **argv,
            int         *i,
            const char  *name,
            const char **value,
            const char **problem)
{
  const char *arg = argv[*i];
  gsize length = strlen (name);

  if (strncmp (arg, name, length) != 0)
    return FALSE;
  if (arg[length] == '=')
    {
      *value = arg + length + 1;
      return TRUE;
    }
  if (arg[length] != '\0')
    return FALSE;
  if (*i + 1 >= argc)
    {
      *value = NULL;
      *problem = _("an option needs a value");
      return TRUE;
    }
  *value = argv[++*i];
  return TRUE;
}

static void
args_clear (Args *args)
{
  g_clear_pointer (&args->fields, g_ptr_array_unref);
  g_clear_pointer (&args->areas, g_ptr_array_unref);
}

/* Options may appear anywhere after the command. */
static gboolean
parse_args (int          argc,
            char       **argv,
            Args        *args,
            const char **problem)
{
  memset (args, 0, sizeof *args);
  args->fields = g_ptr_array_new ();
  args->areas = g_ptr_array_new ();
  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = NULL;

      if (take_value (argc, argv, &i, "--layer", &value, problem) ||
          take_value (argc, argv, &i, "--as", &value, problem) ||
          take_value (argc, argv, &i, "--basemap", &value, problem) ||
          take_value (argc, argv, &i, "--field", &value, problem) ||
          take_value (argc, argv, &i, "--area", &value, problem))
        {
          if (value == NULL)
            return FALSE;
          args->import_options = TRUE;
          if (g_str_has_prefix (arg, "--layer"))
            args->layer = value;
          else if (g_str_has_prefix (arg, "--as"))
            args->as = value;
          else if (g_str_has_prefix (arg, "--basemap"))
            args->basemap = value;
          else if (g_str_has_prefix (arg, "--field"))
            g_ptr_array_add (args->fields, (gpointer) value);
          else
            g_ptr_array_add (args->areas, (gpointer) value);
        }
      else if (take_value (argc, argv, &i, "--year", &value, problem))
        {
          if (value == NULL)
            return FALSE;
          args->year = value;
        }
      else if (g_str_equal (arg, "--construction"))
        {
          args->construction = TRUE;
          args->import_options = TRUE;
        }
      else if (g_str_equal (arg, "--demo"))
        args->demo = TRUE;
      else if (g_str_equal (arg, "--json"))
        args->json = TRUE;
      else if (g_str_equal (arg, "--scenario"))
        {
          if (i + 1 >= argc)
            {
              *problem = _("--scenario needs a name");
              return FALSE;
            }
          args->scenario = argv[++i];
        }
      else if (g_str_has_prefix (arg, "--scenario="))
        args->scenario = arg + strlen ("--scenario=");
      else if (g_str_has_prefix (arg, "--") && !g_str_equal (arg, "--"))
        {
          *problem = _("unknown option");
          return FALSE;
        }
      else if (args->n_positional < G_N_ELEMENTS (args->positional))
        args->positional[args->n_positional++] = arg;
      else
        {
          *problem = _("too many arguments");
          return FALSE;
        }
    }
  return TRUE;
}

/* A file from an older version or another program may hold proposals that do not fit
 * together: they are kept, and named. */
static void
warn_problems (WmPlan *plan)
{
  g_autoptr(GPtrArray) problems = wm_plan_check (plan);

  for (guint i = 0; i < problems->len; i++)
    {
      WmPlanProblem *problem = g_ptr_array_index (problems, i);

      g_printerr (_("wijkmix-cli: warning: scenario “%s”: %s\n"),
                  wm_scenario_get_name (problem->scenario), problem->message);
    }
}

static WmScenario *
find_scenario (WmPlan      *plan,
               const char  *name,
               GError     **error)
{
  WmScenario *scenario;

  if (name == NULL)
    return wm_plan_get_active_scenario (plan);
  scenario = wm_plan_find_scenario (plan, name);
  if (scenario == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("the project has no scenario “%s”"),
                 name);
  return scenario;
}

static int
cmd_new (Args *args)
{
  g_autoptr(WmPlan) plan = NULL;
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;

  if (args->n_positional != 1 || args->scenario != NULL || args->json || args->import_options ||
      args->year != NULL)
    return wm_cli_usage_error (_("“new” takes a project path and optionally --demo"), usage);
  path = args->positional[0];

  /* Never overwrite: "new" on an existing file is almost always a mistake. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” already exists"), path);
      return wm_cli_fail (message);
    }

  if (args->demo)
    {
      plan = wm_demo_load (&error);
      if (plan == NULL)
        return fail_error (error);
    }
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      plan = wm_plan_new ();
      wm_plan_set_name (plan, base);
    }

  /* Saved as a new file, the way the window saves an untitled plan. */
  document = wm_document_new (plan, NULL);
  file = g_file_new_for_path (path);
  if (!wm_document_save (document, file, &error))
    return fail_error (error);
  g_print (_("Created %s\n"), path);
  return 0;
}

/* The key a field mapping is remembered under: the file's base name, the layer and what it
 * is imported as (the roles differ per kind, so a mapping for one never breaks another). */
static char *
mapping_key (const char *path,
             const char *layer,
             WmImportAs  as)
{
  g_autofree char *base = g_path_get_basename (path);
  GString *key = g_string_new (base);

  if (layer != NULL)
    g_string_append_printf (key, " %s", layer);
  if (as != WM_IMPORT_AS_AUTO)
    g_string_append_printf (key, " (%s)", wm_import_as_key (as));
  return g_string_free (key, FALSE);
}

static char *
describe_mapping (const WmFieldMapping *mapping)
{
  g_autoptr(GPtrArray) roles = wm_field_mapping_get_roles (mapping);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < roles->len; i++)
    {
      const char *role = g_ptr_array_index (roles, i);

      g_string_append_printf (text, "%s%s=%s", i > 0 ? ", " : "", role,
                              wm_field_mapping_get (mapping, role));
    }
  return g_string_free (text, FALSE);
}

static int
cmd_import (Args *args)
{
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmFieldMapping) mapping = NULL;
  g_autoptr(WmImportResult) result = NULL;
  g_autofree char *key = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  WmBounds clip;
  gboolean given_mapping;
  const char *source;
  guint n;

  if (args->n_positional != 2 || args->demo || args->json || args->scenario != NULL ||
      args->year != NULL)
    return wm_cli_usage_error (_("“import” takes a project path and a file to import"), usage);
  source = args->positional[1];

  if (args->as != NULL && (!wm_import_as_from_key (args->as, &options.as) ||
                           options.as == WM_IMPORT_AS_AUTO))
    return wm_cli_usage_error (_("--as takes buildings, areas, facilities, basemap or tenure"),
                               usage);
  if (args->basemap != NULL)
    {
      WmBasemapClass klass;

      if (!wm_basemap_class_from_key (args->basemap, &klass))
        return wm_cli_usage_error (
          _("--basemap takes road, water, green, terrain, building or label"), usage);
      if (options.as != WM_IMPORT_AS_AUTO && options.as != WM_IMPORT_AS_BASEMAP)
        return wm_cli_usage_error (_("--basemap goes with --as basemap"), usage);
      options.basemap_class = klass;
      options.as = WM_IMPORT_AS_BASEMAP;
    }
  options.layer = args->layer;
  options.include_construction = args->construction;

  given_mapping = args->fields->len > 0;
  key = mapping_key (source, args->layer, options.as);
  if (given_mapping)
    {
      mapping = wm_field_mapping_new ();
      for (guint i = 0; i < args->fields->len; i++)
        if (!wm_field_mapping_parse_assignment (mapping, g_ptr_array_index (args->fields, i),
                                                &error))
          return wm_cli_usage_error (error->message, usage);
    }
  else
    {
      mapping = wm_field_mapping_lookup (NULL, key);
      if (mapping != NULL)
        {
          g_autofree char *text = describe_mapping (mapping);

          g_print (_("Using the fields remembered for “%s”: %s\n"), key, text);
        }
    }
  options.mapping = mapping;
  if (args->areas->len > 0)
    {
      g_ptr_array_add (args->areas, NULL);
      options.area_codes = (const char *const *) args->areas->pdata;
    }

  file = g_file_new_for_path (args->positional[0]);
  document = wm_document_load (file, &error);
  if (document == NULL)
    return fail_error (error);
  warn_problems (wm_document_get_plan (document));
  /* Into a project with areas, only what lies there (and the base map around it). */
  if (wm_import_default_clip (wm_document_get_plan (document), &clip))
    options.clip = &clip;

  result = wm_import_read (source, &options, NULL, NULL, NULL, &error);
  if (result == NULL)
    return fail_error (error);
  if (!wm_import_apply (document, result, &error))
    return fail_error (error);
  if (!wm_document_save (document, NULL, &error))
    return fail_error (error);

  /* Only what worked is remembered; failing to remember costs a question next time. */
  if (given_mapping && !wm_field_mapping_remember (NULL, key, mapping, &error))
    {
      g_printerr (_("wijkmix-cli: warning: the fields were not remembered: %s\n"),
                  error->message);
      g_clear_error (&error);
    }

  g_print (_("Imported “%s” into %s:\n"), source, args->positional[0]);
  /* One line per kind read; nothing for none. */
  if ((n = result->areas->len) > 0)
    g_print (g_dngettext (NULL, "  %u area\n", "  %u areas\n", n), n);
  if ((n = result->buildings->len) > 0)
    g_print (g_dngettext (NULL, "  %u building\n", "  %u buildings\n", n), n);
  if ((n = result->facilities->len) > 0)
    g_print (g_dngettext (NULL, "  %u facility\n", "  %u facilities\n", n), n);
  if ((n = result->basemap->len) > 0)
    g_print (g_dngettext (NULL, "  %u base map feature\n", "  %u base map features\n", n), n);
  if ((n = result->tenure_records->len) > 0)
    g_print (g_dngettext (NULL, "  %u row of the property list\n",
                          "  %u rows of the property list\n", n), n);
  for (guint i = 0; i < result->notes->len; i++)
    g_print (_("Note: %s\n"), (const char *) g_ptr_array_index (result->notes, i));
  return 0;
}

static int
cmd_apply (Args *args)
{
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  WmPlan *plan;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autofree char *data = NULL;
  gsize length;
  WmScenario *scenario;

  if (args->n_positional != 2 || args->demo || args->json || args->import_options ||
      args->year != NULL)
    return wm_cli_usage_error (_("“apply” takes a project path and a changes file"), usage);

  file = g_file_new_for_path (args->positional[0]);
  document = wm_document_load (file, &error);
  if (document == NULL)
    return fail_error (error);
  plan = wm_document_get_plan (document);
  warn_problems (plan);
  scenario = find_scenario (plan, args->scenario, &error);
  if (scenario == NULL)
    return fail_error (error);
  if (!g_file_get_contents (args->positional[1], &data, &length, &error))
    return fail_error (error);

  /* Everything is checked before anything is added or written. */
  proposals = wm_proposals_from_json_data (data, length, args->positional[1], plan, &error);
  if (proposals == NULL)
    return fail_error (error);
  /* Through the history, as the window adds them: consistent with the scenario, or none. */
  if (!wm_proposals_json_add (wm_document_get_history (document), scenario, proposals,
                              args->positional[1], &error))
    return fail_error (error);

  /* Into the file it was read from, through its handle: only the changes, and a file another
   * writer changed meanwhile is refused, not overwritten. */
  if (!wm_document_save (document, NULL, &error))
    return fail_error (error);
  g_print (g_dngettext (NULL, "Added %u proposal to scenario “%s”\n",
                        "Added %u proposals to scenario “%s”\n", proposals->len),
           proposals->len, wm_scenario_get_name (scenario));
  return 0;
}

static void
print_json (WmPlan            *plan,
            WmIndicatorEngine *engine)
{
  g_autofree char *text = wm_indicator_report_to_json (engine);

  g_print ("%s\n", text);
}

/* Columns of 12, or as wide as their translated heading. */
static int column_width[3] = { 12, 12, 12 };

static void
print_row (const char *label, const char *a, const char *b, const char *c)
{
  g_autofree char *l = wm_cli_padded (label, 52, TRUE);
  g_autofree char *pa = wm_cli_padded (a, column_width[0], FALSE);
  g_autofree char *pb = wm_cli_padded (b, column_width[1], FALSE);
  g_autofree char *pc = wm_cli_padded (c, column_width[2], FALSE);

  g_print ("  %s %s %s %s\n", l, pa, pb, pc);
}

static void
print_table (WmIndicatorEngine *engine,
             const char        *area_id,
             const char        *title)
{
  int year = wm_indicator_engine_get_year (engine);
  /* Translators: the heading of the projected column at a year, e.g. "End of 2030" */
  g_autofree char *at_year = year != WM_INDICATOR_ALL_YEARS
                               ? g_strdup_printf (_("End of %d"), year) : NULL;
  const char *headings[3] = { _("Baseline"), at_year != NULL ? at_year : _("Projected"),
                              _("Change") };

  g_print ("\n%s\n", title);

  for (guint i = 0; i < 3; i++)
    column_width[i] = MAX (12, (int) g_utf8_strlen (headings[i], -1));
  print_row (_("Indicator"), headings[0], headings[1], headings[2]);
  for (const char *const *k = wm_indicator_engine_get_keys (engine, area_id == NULL); *k != NULL;
       k++)
    {
      g_autofree char *label = wm_indicator_engine_get_label (engine, *k);
      double b = wm_indicator_engine_get (engine, *k, area_id, WM_INDICATOR_BASELINE);
      double p = wm_indicator_engine_get (engine, *k, area_id, WM_INDICATOR_PROJECTED);
      gboolean b_defined = wm_indicator_engine_is_defined (engine, *k, area_id,
                                                           WM_INDICATOR_BASELINE);
      gboolean p_defined = wm_indicator_engine_is_defined (engine, *k, area_id,
                                                           WM_INDICATOR_PROJECTED);
      /* A fraction of no dwellings is "–", not 0 %. */
      g_autofree char *bs = b_defined ? wm_cli_format_value (*k, b, FALSE) : g_strdup ("–");
      g_autofree char *ps = p_defined ? wm_cli_format_value (*k, p, FALSE) : g_strdup ("–");
      g_autofree char *cs = b_defined && p_defined ? wm_cli_format_change (*k, p - b)
                                                   : g_strdup ("–");
      g_autofree char *before = NULL, *after = NULL;

      print_row (label, bs, ps, cs);
      after = wm_indicator_engine_describe_dissimilarity (engine, *k, WM_INDICATOR_PROJECTED);
      if (after == NULL)
        continue;
      before = wm_indicator_engine_describe_dissimilarity (engine, *k, WM_INDICATOR_BASELINE);
      if (g_str_equal (before, after))
        g_print ("    %s\n", after);
      else if (wm_indicator_engine_get_year (engine) != WM_INDICATOR_ALL_YEARS)
        /* Translators: the D now, then at the end of a year of the plan, e.g. 2030 */
        g_print (_("    now %s\n    at the end of %d %s\n"), before,
                 wm_indicator_engine_get_year (engine), after);
      else
        g_print (_("    now %s\n    after the plan %s\n"), before, after);
    }
}

/* "Share of social rent: 100 %, above the maximum of 50 % (target 30–50 %)". */
static void
print_target (WmIndicatorEngine *engine,
              const char        *key)
{
  g_autofree char *label = wm_target_key_label (key);
  gboolean as_index = wm_target_key_is_index (key);
  double value = wm_indicator_engine_get (engine, key, NULL, WM_INDICATOR_PROJECTED);
  g_autofree char *value_text = NULL, *band_text = NULL, *verdict_text = NULL;
  WmTargetBand band;
  WmTargetVerdict verdict;

  if (!wm_indicator_engine_get_target (engine, key, &band, &verdict))
    return;
  band_text = wm_target_band_format (&band, as_index);
  verdict_text = wm_target_verdict_describe (verdict, &band, as_index);
  if (verdict_text == NULL)
    {
      /* Translators: a target with nothing to judge yet, e.g. no new build */
      g_print (_("  %s: target %s, nothing to judge yet\n"), label, band_text);
      return;
    }
  value_text = as_index ? g_strdup_printf ("%.2f", value)
                        /* Translators: a percentage with one decimal */
                        : g_strdup_printf (_("%.1f %%"), 100.0 * value);
  /* Translators: indicator, its value, the verdict ("above the maximum of 50 %"), the band */
  g_print (_("  %s: %s, %s (target %s)\n"), label, value_text, verdict_text, band_text);
}

static void
print_text (WmPlan            *plan,
            WmIndicatorEngine *engine)
{
  WmScenario *scenario = wm_indicator_engine_get_scenario (engine);
  GListModel *areas = wm_plan_get_areas (plan);
  WmTargets *targets = wm_targets_get_for_plan (plan);

  g_print (_("Project: %s\nScenario: %s\n"), wm_plan_get_name (plan) ? wm_plan_get_name (plan) : "",
           wm_scenario_get_name (scenario));
  wm_cli_print_year (plan, scenario, wm_indicator_engine_get_year (engine));
  if (wm_plan_get_illustrative (plan))
    g_print (_("Note: the dwelling figures of this project are illustrative.\n"));
  {
    /* Which segment figures are estimated (wm-tenure-estimate.h); nothing when all stated. */
    g_autofree char *tenure = wm_tenure_describe (plan);

    if (tenure != NULL)
      g_print ("%s\n", tenure);
  }
  g_print (_("Coverage uses straight-line distances.\n"));

  g_print (_("Targets: %s. %s\n"), wm_target_preset_label (wm_targets_get_preset (targets)),
           wm_target_preset_assumption (wm_targets_get_preset (targets)));
  /* In the order of the table below. */
  for (const char *const *k = wm_indicator_engine_get_keys (engine, TRUE); *k != NULL; k++)
    print_target (engine, *k);

  print_table (engine, NULL, _("Whole neighbourhood"));
  g_print (_("  D is above 0 by chance alone where units hold few dwellings; what lies above "
             "the chance level is what the spatial pattern adds.\n"
             "  D across the areas counts the dwellings outside the areas as one unit of their "
             "own.\n"));
  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WmArea) area = g_list_model_get_item (areas, i);
      g_autofree char *title = g_strdup_printf ("%s (%s)", wm_area_get_name (area),
                                                wm_area_get_id (area));

      print_table (engine, wm_area_get_id (area), title);
    }
  print_table (engine, WM_INDICATOR_AREA_OUTSIDE, _("Outside the areas"));
  g_print (_("  A share of no dwellings is shown as “–”.\n"));
}

static int
cmd_indicators (Args *args)
{
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  WmPlan *plan;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  WmScenario *scenario;
  g_autofree char *problem = NULL;
  int year = WM_INDICATOR_ALL_YEARS;

  if (args->n_positional != 1 || args->demo || args->import_options)
    return wm_cli_usage_error (_("“indicators” takes a project path"), usage);
  if (args->year != NULL && !wm_cli_parse_year (args->year, &year, &problem))
    return wm_cli_usage_error (problem, usage);

  file = g_file_new_for_path (args->positional[0]);
  document = wm_document_load (file, &error);
  if (document == NULL)
    return fail_error (error);
  plan = wm_document_get_plan (document);
  warn_problems (plan);
  scenario = find_scenario (plan, args->scenario, &error);
  if (scenario == NULL)
    return fail_error (error);

  engine = wm_indicator_engine_new (plan, scenario);
  /* As of the end of the year: by deltas from the whole plan. */
  wm_indicator_engine_set_year (engine, year);
  if (args->json)
    print_json (plan, engine);
  else
    print_text (plan, engine);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *problem = NULL;
  Args args;
  int status;

  setlocale (LC_ALL, "");
  wm_core_init ();
  bindtextdomain (GETTEXT_PACKAGE, wm_core_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return wm_cli_usage_error (_("no command given"), usage);
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      g_print ("%s", usage);
      return 0;
    }
  /* The checklist command reads its own options (wm-cli-checklist.c). */
  if (g_str_equal (argv[1], "checklist"))
    return wm_cli_checklist (argc, argv);
  if (g_str_equal (argv[1], "compare"))
    return wm_cli_compare (argc, argv);
  /* So does export (wm-cli-export.c). */
  if (g_str_equal (argv[1], "export"))
    return wm_cli_export (argc, argv);
  if (g_str_equal (argv[1], "scenario"))
    return wm_cli_scenario (argc, argv);
  if (!parse_args (argc, argv, &args, &problem))
    {
      args_clear (&args);
      return wm_cli_usage_error (problem, usage);
    }

  if (g_str_equal (argv[1], "new"))
    status = cmd_new (&args);
  else if (g_str_equal (argv[1], "import"))
    status = cmd_import (&args);
  else if (g_str_equal (argv[1], "apply"))
    status = cmd_apply (&args);
  else if (g_str_equal (argv[1], "indicators"))
    status = cmd_indicators (&args);
  else
    status = wm_cli_usage_error (_("unknown command"), usage);
  args_clear (&args);
  return status;
}
