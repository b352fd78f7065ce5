/* wm-cli-scenario.c: `wijkmix-cli scenario`: make, duplicate, rename, delete and list scenarios */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wm-cli-common.h"
#include "wm-cli-scenario.h"
#include "wm-document.h"
#include "wm-history.h"

#define USAGE \
  "wijkmix-cli scenario PROJECT new NAME\n" \
  "  wijkmix-cli scenario PROJECT duplicate FROM NAME\n" \
  "  wijkmix-cli scenario PROJECT rename OLD NEW\n" \
  "  wijkmix-cli scenario PROJECT delete NAME\n" \
  "  wijkmix-cli scenario PROJECT list [--json]\n"

static int
fail_printf (const char *format, ...) G_GNUC_PRINTF (1, 2);

static int
fail_printf (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list ap;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  return wm_cli_fail (message);
}

static WmScenario *
lookup (WmPlan *plan, const char *name, int *status)
{
  WmScenario *scenario = wm_plan_find_scenario (plan, name);

  if (scenario == NULL)
    *status = fail_printf (_("the project has no scenario “%s”"), name);
  return scenario;
}

/* The name stripped, or NULL with the exit status when it is empty or another scenario
 * (@except aside) already answers to it, by name or by id. */
static char *
check_new_name (WmPlan *plan, WmScenario *except, const char *name, int *status)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  WmScenario *other;

  if (*stripped == '\0')
    {
      *status = wm_cli_fail (_("a scenario needs a name"));
      return NULL;
    }
  other = wm_plan_find_scenario (plan, stripped);
  if (other != NULL && other != except)
    {
      *status = fail_printf (_("the project already has a scenario “%s”"), stripped);
      return NULL;
    }
  return g_steal_pointer (&stripped);
}

static void
print_json (WmPlan *plan)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GListModel *scenarios = wm_plan_get_scenarios (plan);
  WmScenario *active = wm_plan_get_active_scenario (plan);

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr (WmScenario) scenario = g_list_model_get_item (scenarios, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, wm_scenario_get_id (scenario));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, wm_scenario_get_name (scenario));
      json_builder_set_member_name (builder, "active");
      json_builder_add_boolean_value (builder, scenario == active);
      json_builder_set_member_name (builder, "n_proposals");
      json_builder_add_int_value (builder,
                                  g_list_model_get_n_items (wm_scenario_get_proposals (scenario)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_text (WmPlan *plan)
{
  GListModel *scenarios = wm_plan_get_scenarios (plan);
  WmScenario *active = wm_plan_get_active_scenario (plan);

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr (WmScenario) scenario = g_list_model_get_item (scenarios, i);
      guint n = g_list_model_get_n_items (wm_scenario_get_proposals (scenario));

      /* Translators: one line of `scenario list`: a marker for the active scenario, its
       * name, its id and its number of proposals. */
      g_print (g_dngettext (NULL, "%s %s (%s): %u proposal\n", "%s %s (%s): %u proposals\n", n),
               scenario == active ? "*" : " ", wm_scenario_get_name (scenario),
               wm_scenario_get_id (scenario), n);
    }
}

int
wm_cli_scenario (int argc, char **argv)
{
  static const char usage[] = "Usage:\n  " USAGE;
  g_autoptr (GPtrArray) positional = g_ptr_array_new ();
  g_autoptr (GFile) file = NULL;
  g_autoptr (WmDocument) document = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  gboolean json = FALSE;
  const char *action;
  WmHistory *history;
  WmPlan *plan;
  WmScenario *scenario;
  int status = 1;
  guint n_args;

  for (int i = 2; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          g_print ("%s", usage);
          return 0;
        }
      else if (g_str_has_prefix (argv[i], "--"))
        return wm_cli_usage_error (_("unknown option for “scenario”"), usage);
      else
        g_ptr_array_add (positional, argv[i]);
    }
  if (positional->len < 2)
    return wm_cli_usage_error (_("“scenario” takes a project path and an action"), usage);
  action = g_ptr_array_index (positional, 1);
  n_args = positional->len - 2;
  if (g_str_equal (action, "list") ? n_args != 0
      : g_str_equal (action, "new") || g_str_equal (action, "delete") ? n_args != 1
      : g_str_equal (action, "duplicate") || g_str_equal (action, "rename") ? n_args != 2
      : TRUE)
    return wm_cli_usage_error (_("“scenario” takes new NAME, duplicate FROM NAME, rename OLD NEW, "
                                 "delete NAME or list"), usage);
  if (json && !g_str_equal (action, "list"))
    return wm_cli_usage_error (_("--json goes with “list”"), usage);

  file = g_file_new_for_path (g_ptr_array_index (positional, 0));
  document = wm_document_load (file, &error);
  if (document == NULL)
    return wm_cli_fail (error->message);
  plan = wm_document_get_plan (document);
  history = wm_document_get_history (document);

  if (g_str_equal (action, "list"))
    {
      if (json)
        print_json (plan);
      else
        print_text (plan);
      return 0;
    }

  /* Everything is checked before the plan changes, so a refusal writes nothing. */
  if (g_str_equal (action, "new"))
    {
      g_autoptr (WmScenario) created = NULL;
      g_autofree char *id = NULL;

      if ((name = check_new_name (plan, NULL, g_ptr_array_index (positional, 2), &status)) == NULL)
        return status;
      id = wm_plan_new_id (plan, "scenario");
      created = wm_scenario_new (id, name);
      wm_history_add_scenario (history, created, FALSE);
      if (!wm_document_save (document, NULL, &error))
        return wm_cli_fail (error->message);
      g_print (_("Added scenario “%s”\n"), name);
    }
  else if (g_str_equal (action, "duplicate"))
    {
      WmScenario *copy;

      if ((scenario = lookup (plan, g_ptr_array_index (positional, 2), &status)) == NULL)
        return status;
      if ((name = check_new_name (plan, NULL, g_ptr_array_index (positional, 3), &status)) == NULL)
        return status;
      copy = wm_history_duplicate_scenario (history, scenario, name, FALSE, &error);
      if (copy == NULL)
        return fail_printf (_("scenario “%s” cannot be copied: %s"),
                            wm_scenario_get_name (scenario), error->message);
      if (!wm_document_save (document, NULL, &error))
        return wm_cli_fail (error->message);
      g_print (_("Copied scenario “%s” to “%s”\n"), wm_scenario_get_name (scenario), name);
    }
  else if (g_str_equal (action, "rename"))
    {
      g_autofree char *old_name = NULL;

      if ((scenario = lookup (plan, g_ptr_array_index (positional, 2), &status)) == NULL)
        return status;
      if ((name = check_new_name (plan, scenario, g_ptr_array_index (positional, 3), &status)) == NULL)
        return status;
      old_name = g_strdup (wm_scenario_get_name (scenario));
      if (g_str_equal (old_name, name))
        {
          g_print (_("Scenario “%s” already has that name\n"), name);
          return 0;
        }
      wm_history_rename_scenario (history, scenario, name);
      if (!wm_document_save (document, NULL, &error))
        return wm_cli_fail (error->message);
      g_print (_("Renamed scenario “%s” to “%s”\n"), old_name, name);
    }
  else /* delete */
    {
      g_autofree char *old_name = NULL;

      if ((scenario = lookup (plan, g_ptr_array_index (positional, 2), &status)) == NULL)
        return status;
      old_name = g_strdup (wm_scenario_get_name (scenario));
      if (!wm_history_remove_scenario (history, scenario))
        return fail_printf (_("scenario “%s” is the project’s only scenario and cannot be "
                              "deleted"), old_name);
      if (!wm_document_save (document, NULL, &error))
        return wm_cli_fail (error->message);
      g_print (_("Deleted scenario “%s”\n"), old_name);
    }
  return 0;
}
