/* wm-cli-checklist.c: the `checklist` command of wijkmix-cli, the roadmap as text or JSON */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wm-checklist.h"
#include "wm-cli-checklist.h"
#include "wm-document.h"
#include "wm-project-file.h"

#define USAGE "wijkmix-cli checklist PROJECT [--scenario NAME] [--catalogue FILE] [--json]\n"

typedef struct
{
  const char *project;
  const char *scenario;
  const char *catalogue;
  gboolean json;
} Args;

static int
usage_error (const char *message)
{
  g_printerr ("wijkmix-cli: %s\nUsage:\n  %s", message, USAGE);
  return 2;
}

static int
fail (const char *message)
{
  g_printerr ("wijkmix-cli: %s\n", message);
  return 1;
}

/* Returns NULL when fine, else the problem. */
static const char *
parse_args (int argc, char **argv, Args *args)
{
  memset (args, 0, sizeof *args);
  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--json"))
        args->json = TRUE;
      else if (g_str_equal (arg, "--scenario") || g_str_equal (arg, "--catalogue"))
        {
          if (i + 1 >= argc)
            return g_str_equal (arg, "--scenario") ? _("--scenario needs a name")
                                                   : _("--catalogue needs a file");
          if (g_str_equal (arg, "--scenario"))
            args->scenario = argv[++i];
          else
            args->catalogue = argv[++i];
        }
      else if (g_str_has_prefix (arg, "--scenario="))
        args->scenario = arg + strlen ("--scenario=");
      else if (g_str_has_prefix (arg, "--catalogue="))
        args->catalogue = arg + strlen ("--catalogue=");
      else if (g_str_has_prefix (arg, "--"))
        return _("unknown option");
      else if (args->project == NULL)
        args->project = arg;
      else
        return _("too many arguments");
    }
  return args->project == NULL ? _("“checklist” takes a project path") : NULL;
}

static void
add_triggered_by (JsonBuilder *builder, WmChecklistItem *item)
{
  const char *const *proposals = wm_checklist_item_get_proposal_ids (item);
  const char *indicator = wm_checklist_item_get_indicator (item);

  json_builder_set_member_name (builder, "triggered_by");
  json_builder_begin_array (builder);
  for (guint i = 0; proposals[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "proposal");
      json_builder_add_string_value (builder, proposals[i]);
      json_builder_end_object (builder);
    }
  if (indicator != NULL && wm_checklist_item_get_active (item))
    {
      const WmRoadmapTrigger *trigger =
        wm_roadmap_entry_get_trigger (wm_checklist_item_get_entry (item));
      const char *const *areas = wm_checklist_item_get_area_ids (item);
      const double numbers[] = {
        wm_checklist_item_get_indicator_value (item),
        wm_checklist_item_get_indicator_baseline (item),
        wm_checklist_item_get_threshold (item),
      };
      const char *const names[] = { "value", "baseline", "threshold" };

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "indicator");
      json_builder_add_string_value (builder, indicator);
      json_builder_set_member_name (builder, "condition");
      json_builder_add_string_value (builder, wm_roadmap_compare_key (trigger->compare));
      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        {
          json_builder_set_member_name (builder, names[n]);
          if (isfinite (numbers[n]))
            json_builder_add_double_value (builder, numbers[n]);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_set_member_name (builder, "areas");
      json_builder_begin_array (builder);
      for (guint a = 0; areas[a] != NULL; a++)
        json_builder_add_string_value (builder, areas[a]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_string_or_null (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_json (WmChecklist *checklist)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GListModel *items = wm_checklist_get_items (checklist);

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (WmChecklistItem) item = g_list_model_get_item (items, i);
      int year = wm_checklist_item_get_target_year (item);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "id", wm_checklist_item_get_id (item));
      add_string_or_null (builder, "phase", wm_checklist_item_get_phase (item));
      add_string_or_null (builder, "status",
                          wm_checklist_status_key (wm_checklist_item_get_status (item)));
      add_string_or_null (builder, "owner", wm_checklist_item_get_owner (item));
      add_triggered_by (builder, item);
      add_string_or_null (builder, "title", wm_checklist_item_get_title (item));
      json_builder_set_member_name (builder, "active");
      json_builder_add_boolean_value (builder, wm_checklist_item_get_active (item));
      json_builder_set_member_name (builder, "orphaned");
      json_builder_add_boolean_value (builder, wm_checklist_item_get_orphaned (item));
      add_string_or_null (builder, "reason", wm_checklist_item_get_reason (item));
      add_string_or_null (builder, "note", wm_checklist_item_get_note (item));
      json_builder_set_member_name (builder, "target_year");
      if (year != 0)
        json_builder_add_int_value (builder, year);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static const char *
status_mark (WmChecklistStatus status)
{
  static const char *const marks[] = { "[ ]", "[~]", "[x]", "[-]" };

  return marks[status];
}

static void
print_text (WmChecklist *checklist)
{
  WmRoadmapCatalogue *catalogue = wm_checklist_get_catalogue (checklist);
  const char *const *phases = wm_roadmap_catalogue_get_phases (catalogue);
  GListModel *items = wm_checklist_get_items (checklist);
  WmPlan *plan = wm_checklist_get_plan (checklist);

  g_print (_("Roadmap checklist of “%s”, scenario “%s” (catalogue %s)\n"),
           wm_plan_get_name (plan) != NULL ? wm_plan_get_name (plan) : "",
           wm_scenario_get_name (wm_checklist_get_scenario (checklist)),
           wm_roadmap_catalogue_get_source_name (catalogue));
  g_print (_("[ ] open  [~] planned  [x] done  [-] not applicable\n"));

  for (guint p = 0; phases[p] != NULL; p++)
    {
      guint done, listed;

      wm_checklist_get_phase_progress (checklist, phases[p], &done, &listed);
      if (listed == 0)
        continue;
      g_print ("\n%s (%u/%u)\n", wm_roadmap_catalogue_get_phase_name (catalogue, phases[p]),
               done, listed);
      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr (WmChecklistItem) item = g_list_model_get_item (items, i);
          const char *note = wm_checklist_item_get_note (item);
          const char *reason = wm_checklist_item_get_reason (item);
          int year = wm_checklist_item_get_target_year (item);

          if (!g_str_equal (wm_checklist_item_get_phase (item), phases[p]))
            continue;
          g_print ("  %s %s: %s [%s]", status_mark (wm_checklist_item_get_status (item)),
                   wm_checklist_item_get_id (item), wm_checklist_item_get_title (item),
                   wm_checklist_item_get_owner_label (item));
          if (year != 0)
            g_print (" %d", year);
          g_print ("\n      %s\n", wm_checklist_item_get_trigger_text (item));
          if (reason != NULL)
            g_print (_("      Not applicable: %s\n"), reason);
          if (note != NULL)
            g_print (_("      Note: %s\n"), note);
        }
    }
}

int
wm_cli_checklist (int    argc,
                  char **argv)
{
  g_autoptr (WmDocument) document = NULL;
  g_autoptr (GFile) project_file = NULL;
  WmPlan *plan;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmIndicatorEngine) engine = NULL;
  g_autoptr (WmRoadmapCatalogue) catalogue = NULL;
  g_autoptr (WmChecklist) checklist = NULL;
  WmScenario *scenario;
  const char *problem;
  Args args;

  if ((problem = parse_args (argc, argv, &args)) != NULL)
    return usage_error (problem);

  /* A catalogue named on the command line that does not load is an error, not a fallback. */
  if (args.catalogue != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (args.catalogue);

      catalogue = wm_roadmap_catalogue_load (file, &error);
      if (catalogue == NULL)
        return fail (error->message);
    }

  project_file = g_file_new_for_path (args.project);
  document = wm_document_load (project_file, &error);
  if (document == NULL)
    return fail (error->message);
  plan = wm_document_get_plan (document);
  if (args.scenario != NULL)
    {
      scenario = wm_plan_find_scenario (plan, args.scenario);
      if (scenario == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("the project has no scenario “%s”"), args.scenario);
          return fail (message);
        }
    }
  else
    scenario = wm_plan_get_active_scenario (plan);

  if (catalogue == NULL)
    {
      catalogue = wm_checklist_get_plan_catalogue (plan, &error);
      if (catalogue == NULL)
        {
          g_printerr (_("wijkmix-cli: %s; using the built-in catalogue\n"), error->message);
          g_clear_error (&error);
          catalogue = g_object_ref (wm_roadmap_catalogue_get_default ());
        }
    }

  engine = wm_indicator_engine_new (plan, scenario);
  checklist = wm_checklist_new (engine, catalogue);
  if (args.json)
    print_json (checklist);
  else
    print_text (checklist);
  return 0;
}
