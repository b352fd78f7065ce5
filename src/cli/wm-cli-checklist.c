/* wm-cli-checklist.c: the `checklist` command of wijkmix-cli, the roadmap as text or JSON */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wm-cli-common.h"
#include "wm-checklist.h"
#include "wm-cli-checklist.h"
#include "wm-document.h"
#include "wm-project-file.h"
#include "wm-proposal-factory.h"

#define USAGE                                                                                  \
  "wijkmix-cli checklist PROJECT [--scenario NAME] [--catalogue FILE] [--json]\n"             \
  "            [--set ITEM [--status S] [--owner TEXT] [--note TEXT] [--year N] [--reason TEXT]]\n"

typedef struct
{
  const char *project;
  const char *scenario;
  const char *catalogue;
  gboolean json;
  /* --set ITEM and its fields; NULL: not given. */
  const char *item;
  const char *status;
  const char *owner;
  const char *note;
  const char *year;
  const char *reason;
} Args;

/* The options that take a value, and where it goes. */
static const char **
value_option (Args *args, const char *name)
{
  static const char *const names[] = {
    "--scenario", "--catalogue", "--set", "--status", "--owner", "--note", "--year", "--reason",
  };
  const char **slots[] = {
    &args->scenario, &args->catalogue, &args->item, &args->status,
    &args->owner, &args->note, &args->year, &args->reason,
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return slots[i];
  return NULL;
}

/* Returns NULL when fine, else the problem (to be freed). */
static char *
parse_args (int argc, char **argv, Args *args)
{
  memset (args, 0, sizeof *args);
  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *equals = strchr (arg, '=');
      g_autofree char *name = g_strndup (arg, equals != NULL ? (gsize) (equals - arg)
                                                               : strlen (arg));
      const char **slot = g_str_has_prefix (arg, "--") ? value_option (args, name) : NULL;

      if (g_str_equal (arg, "--json"))
        args->json = TRUE;
      else if (slot != NULL && equals != NULL)
        *slot = equals + 1;
      else if (slot != NULL)
        {
          if (i + 1 >= argc)
            /* Translators: %s is an option such as --note. */
            return g_strdup_printf (_("%s needs a value"), name);
          *slot = argv[++i];
        }
      else if (g_str_has_prefix (arg, "--"))
        return g_strdup_printf (_("unknown option %s"), arg);
      else if (args->project == NULL)
        args->project = arg;
      else
        return g_strdup (_("too many arguments"));
    }
  if (args->project == NULL)
    return g_strdup (_("“checklist” takes a project path"));
  if (args->item == NULL && (args->status != NULL || args->owner != NULL || args->note != NULL ||
                             args->year != NULL || args->reason != NULL))
    return g_strdup (_("--status, --owner, --note, --year and --reason need --set ITEM"));
  if (args->item != NULL && args->status == NULL && args->owner == NULL && args->note == NULL &&
      args->year == NULL && args->reason == NULL)
    return g_strdup (_("--set ITEM needs at least one of --status, --owner, --note, --year and "
                       "--reason"));
  return NULL;
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
      add_string_or_null (builder, "source",
                          wm_roadmap_entry_get_source (wm_checklist_item_get_entry (item)));
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

/* The new values of --set, checked before anything changes. */
typedef struct
{
  gboolean set_status;
  WmChecklistStatus status;
  const char *reason;
  gboolean set_year;
  int year;
} Edit;

static gboolean
valid_text (WmChecklistItem *item, const char *option, const char *text, GError **error)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: checklist item “id”: the text of --note is not valid UTF-8 */
               _("checklist item “%s”: the text of %s is not valid UTF-8"),
               wm_checklist_item_get_id (item), option);
  return FALSE;
}

static gboolean
check_edit (WmChecklistItem *item, const Args *args, Edit *edit, GError **error)
{
  const char *id = wm_checklist_item_get_id (item);

  memset (edit, 0, sizeof *edit);
  if (!valid_text (item, "--owner", args->owner, error) ||
      !valid_text (item, "--note", args->note, error) ||
      !valid_text (item, "--reason", args->reason, error))
    return FALSE;

  if (args->status != NULL)
    {
      if (!wm_checklist_status_from_key (args->status, &edit->status))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("checklist item “%s”: “%s” is not a status (open, planned, done, "
                         "not_applicable)"),
                       id, args->status);
          return FALSE;
        }
      edit->set_status = TRUE;
    }
  else if (args->reason != NULL)
    {
      /* A reason alone changes the reason of an item that does not apply. */
      edit->status = wm_checklist_item_get_status (item);
      edit->set_status = TRUE;
    }

  if (edit->set_status && edit->status == WM_CHECKLIST_STATUS_NOT_APPLICABLE)
    {
      g_autofree char *stripped = NULL;

      edit->reason = args->reason != NULL ? args->reason : wm_checklist_item_get_reason (item);
      stripped = g_strstrip (g_strdup (edit->reason != NULL ? edit->reason : ""));
      if (*stripped == '\0')
        {
          g_set_error (error, WM_CHECKLIST_ERROR, WM_CHECKLIST_ERROR_REASON_REQUIRED,
                       _("checklist item “%s”: “not_applicable” needs a reason "
                         "(--reason TEXT)"),
                       id);
          return FALSE;
        }
    }
  else if (args->reason != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("checklist item “%s”: --reason goes with the status "
                     "“not_applicable”"),
                   id);
      return FALSE;
    }

  if (args->year != NULL)
    {
      gint64 year = 0;

      /* 0 clears the target year; otherwise the years a proposal may have. */
      if (!g_ascii_string_to_signed (args->year, 10, 0, WM_PROPOSAL_MAX_YEAR, &year, NULL) ||
          (year != 0 && year < WM_PROPOSAL_MIN_YEAR))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("checklist item “%s”: “%s” is not a target year (%d to %d, or 0 "
                         "for none)"),
                       id, args->year, WM_PROPOSAL_MIN_YEAR, WM_PROPOSAL_MAX_YEAR);
          return FALSE;
        }
      edit->set_year = TRUE;
      edit->year = year;
    }
  return TRUE;
}

static void
count_change (WmChecklistState *state, const char *scenario_id, const char *item_id,
              guint *n_changes)
{
  (*n_changes)++;
}

/* Applies @edit through the item's setters, the calls the checklist panel makes. Returns the
 * number of entries that changed. */
static guint
apply_edit (WmChecklistItem *item, const Args *args, const Edit *edit, WmChecklistState *state)
{
  guint n_changes = 0;
  gulong id = g_signal_connect (state, "entry-changed", G_CALLBACK (count_change), &n_changes);

  if (args->owner != NULL)
    wm_checklist_item_set_owner (item, *args->owner != '\0' ? args->owner : NULL);
  if (args->note != NULL)
    wm_checklist_item_set_note (item, args->note);
  if (edit->set_year)
    wm_checklist_item_set_target_year (item, edit->year);
  if (edit->set_status)
    {
      g_autoptr (GError) error = NULL;

      /* Checked before; cannot fail. */
      if (!wm_checklist_item_set_status (item, edit->status, edit->reason, &error))
        g_error ("%s", error->message);
    }
  g_signal_handler_disconnect (state, id);
  return n_changes;
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
  g_autofree char *problem = NULL;
  WmScenario *scenario;
  Args args;

  if ((problem = parse_args (argc, argv, &args)) != NULL)
    return wm_cli_usage_error (problem, "Usage:\n  " USAGE);

  /* A catalogue named on the command line that does not load is an error, not a fallback. */
  if (args.catalogue != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (args.catalogue);

      catalogue = wm_roadmap_catalogue_load (file, &error);
      if (catalogue == NULL)
        return wm_cli_fail (error->message);
    }

  project_file = g_file_new_for_path (args.project);
  document = wm_document_load (project_file, &error);
  if (document == NULL)
    return wm_cli_fail (error->message);
  plan = wm_document_get_plan (document);
  if (args.scenario != NULL)
    {
      scenario = wm_plan_find_scenario (plan, args.scenario);
      if (scenario == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("the project has no scenario “%s”"), args.scenario);
          return wm_cli_fail (message);
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

  if (args.item != NULL)
    {
      WmChecklistItem *item = wm_checklist_find_item (checklist, args.item);
      Edit edit;

      if (item == NULL)
        {
          g_autofree char *message = g_strdup_printf (
            _("checklist item “%s”: the catalogue has no such item"), args.item);
          return wm_cli_fail (message);
        }
      /* Everything is checked before anything changes, so a refusal leaves the file as it was. */
      if (!check_edit (item, &args, &edit, &error))
        return wm_cli_fail (error->message);
      if (apply_edit (item, &args, &edit, wm_checklist_state_get_for_plan (plan)) > 0 &&
          !wm_document_save (document, NULL, &error))
        return wm_cli_fail (error->message);
      if (!args.json)
        {
          int year = wm_checklist_item_get_target_year (item);
          const char *note = wm_checklist_item_get_note (item);
          const char *reason = wm_checklist_item_get_reason (item);

          g_print (_("%s in scenario “%s”: %s, owner %s"), args.item,
                   wm_scenario_get_name (scenario),
                   wm_checklist_status_label (wm_checklist_item_get_status (item)),
                   wm_checklist_item_get_owner_label (item));
          if (year != 0)
            g_print (_(", target year %d"), year);
          g_print ("\n");
          if (reason != NULL)
            g_print (_("      Not applicable: %s\n"), reason);
          if (note != NULL)
            g_print (_("      Note: %s\n"), note);
          return 0;
        }
    }

  if (args.json)
    print_json (checklist);
  else
    print_text (checklist);
  return 0;
}
