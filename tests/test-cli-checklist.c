/* test-cli-checklist.c: tests of `wijkmix-cli checklist`, spawned as a separate program */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "wm-checklist.h"
#include "wm-core.h"
#include "wm-project-file.h"
#include "wm-test-util.h"

typedef struct
{
  char *dir;
  char *project;
} Fixture;

/* The project of wm_test_save_demolition_project(): "Sloop" demolishes b1, "Niets" is empty. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->project = wm_test_save_demolition_project ("wijkmix-cli-checklist", TRUE, &f->dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  wm_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

static JsonObject *
find_item (JsonArray *array, const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (item, "id"), id))
        return item;
    }
  return NULL;
}

static void
test_json (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  JsonArray *array, *triggered;
  JsonObject *item;

  g_assert_cmpint (wm_test_run_cli (&out, &err, "checklist", f->project, "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), >, 8);

  item = find_item (array, "demolish-social-plan");
  g_assert_nonnull (item);
  g_assert_cmpstr (json_object_get_string_member (item, "phase"), ==, "vision");
  g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (item, "owner"), ==, "corporatie");
  g_assert_cmpstr (json_object_get_string_member (item, "title"), ==,
                   "Social plan for each complex");
  g_assert_cmpstr (json_object_get_string_member (item, "note"), ==, "met de huurders");
  g_assert_cmpint (json_object_get_int_member (item, "target_year"), ==, 2026);
  g_assert_true (json_object_get_boolean_member (item, "active"));
  g_assert_false (json_object_get_boolean_member (item, "orphaned"));
  triggered = json_object_get_array_member (item, "triggered_by");
  g_assert_cmpuint (json_array_get_length (triggered), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (triggered, 0),
                                                  "proposal"), ==, "p-sloop");

  /* Demolishing the 20-dwelling block rehouses 20 households: value and threshold. */
  item = find_item (array, "social-stock-rehousing");
  g_assert_nonnull (item);
  triggered = json_object_get_array_member (item, "triggered_by");
  g_assert_cmpuint (json_array_get_length (triggered), ==, 1);
  {
    JsonObject *why = json_array_get_object_element (triggered, 0);

    g_assert_cmpstr (json_object_get_string_member (why, "indicator"), ==,
                     "households_to_rehouse");
    g_assert_cmpstr (json_object_get_string_member (why, "condition"), ==, "above");
    g_assert_cmpfloat (json_object_get_double_member (why, "value"), ==, 20);
    g_assert_cmpfloat (json_object_get_double_member (why, "baseline"), ==, 0);
    g_assert_cmpfloat (json_object_get_double_member (why, "threshold"), ==, 0);
  }

  /* Process items have no trigger to show. */
  item = find_item (array, "vision-shared");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "triggered_by")),
                    ==, 0);
  g_assert_null (find_item (array, "renovate-home-visits"));
  g_assert_true (json_object_get_null_member (find_item (array, "explore-figures"), "source"));

  /* An item from the source says so. */
  item = find_item (array, "explore-local-team");
  g_assert_nonnull (item);
  g_assert_nonnull (strstr (json_object_get_string_member (item, "source"), "Platform31"));
}

static void
test_scenario (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  JsonArray *array;

  g_assert_cmpint (wm_test_run_cli (&out, &err, "checklist", f->project, "--scenario", "Niets", "--json",
                        NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_null (find_item (array, "demolish-social-plan"));
  g_assert_nonnull (find_item (array, "vision-shared"));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wm_test_run_cli (NULL, &err, "checklist", f->project, "--scenario", "Geen", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Geen"));
}

static void
test_text (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (wm_test_run_cli (&out, &err, "checklist", f->project, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Testwijk"));
  g_assert_nonnull (strstr (out, "\nShared vision ("));
  g_assert_nonnull (strstr (out, "[x] demolish-social-plan: Social plan for each complex"));
  g_assert_nonnull (strstr (out, "Note: met de huurders"));
  g_assert_null (strstr (out, "Design with residents (0/0)"));
  /* Phases appear in order. */
  g_assert_true (strstr (out, "\nExplore (") < strstr (out, "\nShared vision ("));
  g_assert_true (strstr (out, "\nShared vision (") < strstr (out, "\nManagement and monitoring ("));
}

static void
test_catalogue_option (Fixture *f, gconstpointer data)
{
  static const char custom[] =
    "{ \"format\": 1,\n"
    "  \"phases\": [ { \"id\": \"p\", \"order\": 1, \"name\": { \"nl\": \"Fase\", \"en\": \"Phase\" },"
    " \"description\": { \"nl\": \"x\", \"en\": \"x\" } } ],\n"
    "  \"owners\": [ { \"id\": \"gemeente\", \"name\": { \"nl\": \"Gemeente\", \"en\": \"Town\" } } ],\n"
    "  \"items\": [ { \"id\": \"eigen\", \"phase\": \"p\", \"default_owner\": \"gemeente\","
    " \"title\": { \"nl\": \"Eigen\", \"en\": \"Own\" }, \"description\": { \"nl\": \"x\", \"en\": \"x\" },"
    " \"trigger\": { \"proposal\": [\"demolish\"] } } ] }\n";
  g_autofree char *good = g_build_filename (f->dir, "eigen.json", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "kapot.json", NULL);
  g_autofree char *broken = g_strdup (custom);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_true (g_file_set_contents (good, custom, -1, NULL));
  g_assert_cmpint (wm_test_run_cli (&out, &err, "checklist", f->project, "--catalogue", good, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "eigen: Own [Town]"));
  g_assert_null (strstr (out, "vision-shared"));

  /* An unknown phase: an error naming file, item and problem, and no list. */
  memcpy (strstr (broken, "\"phase\": \"p\""), "\"phase\": \"q\"", strlen ("\"phase\": \"q\""));
  g_assert_true (g_file_set_contents (bad, broken, -1, NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wm_test_run_cli (&out, &err, "checklist", f->project, "--catalogue", bad, "--json", NULL),
                   ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "kapot.json"));
  g_assert_nonnull (strstr (err, "eigen"));
  g_assert_nonnull (strstr (err, "unknown phase"));

  /* A syntax error gives line and column. */
  g_assert_true (g_file_set_contents (bad, "{ \"format\": 1,\n  \"phases\": [ }", -1, NULL));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wm_test_run_cli (NULL, &err, "checklist", f->project, "--catalogue", bad, NULL), ==, 1);
  g_assert_true (g_regex_match_simple ("kapot\\.json.:2:[0-9]+:", err, 0, 0));

  /* Usage errors. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wm_test_run_cli (NULL, &err, "checklist", f->project, "--catalogue", NULL), ==, 2);
  g_assert_cmpint (wm_test_run_cli (NULL, NULL, "checklist", NULL), ==, 2);
  g_assert_cmpint (wm_test_run_cli (NULL, NULL, "checklist", f->project, "--colour", NULL), ==, 2);
}

static JsonObject *
checklist_item_json (Fixture *f, JsonParser *parser, const char *scenario, const char *id)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;

  if (scenario != NULL)
    g_assert_cmpint (wm_test_run_cli (&out, &err, "checklist", f->project, "--scenario", scenario, "--json",
                          NULL), ==, 0);
  else
    g_assert_cmpint (wm_test_run_cli (&out, &err, "checklist", f->project, "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return find_item (json_node_get_array (json_parser_get_root (parser)), id);
}

/* The entry the saved file holds, read back through the core. */
static const WmChecklistEntry *
saved_entry (Fixture *f, WmPlan **out_plan, const char *scenario_name, const char *id)
{
  g_autoptr (GError) error = NULL;
  WmScenario *scenario;

  *out_plan = wm_project_file_load (f->project, &error);
  g_assert_no_error (error);
  scenario = wm_plan_find_scenario (*out_plan, scenario_name);
  g_assert_nonnull (scenario);
  return wm_checklist_state_lookup (wm_checklist_state_get_for_plan (*out_plan),
                                    wm_scenario_get_id (scenario), id);
}

static void
test_set (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (WmPlan) saved = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const WmChecklistEntry *entry;
  JsonObject *item;

  /* Note, owner and year in one call; then the status, which keeps them. */
  g_assert_cmpint (wm_test_run_cli (&out, &err, "checklist", f->project, "--set", "vision-shared", "--note",
                        "Afspraak — één keer per maand", "--owner", "Wijkteam Oost", "--year",
                        "2027", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "vision-shared"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wm_test_run_cli (&out, &err, "checklist", f->project, "--set", "vision-shared",
                        "--status", "planned", NULL), ==, 0);
  item = checklist_item_json (f, parser, NULL, "vision-shared");
  g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "planned");
  g_assert_cmpstr (json_object_get_string_member (item, "note"), ==,
                   "Afspraak — één keer per maand");
  g_assert_cmpstr (json_object_get_string_member (item, "owner"), ==, "Wijkteam Oost");
  g_assert_cmpint (json_object_get_int_member (item, "target_year"), ==, 2027);
  g_assert_true (json_object_get_null_member (item, "reason"));

  entry = saved_entry (f, &saved, "Sloop", "vision-shared");
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->status, ==, WM_CHECKLIST_STATUS_PLANNED);
  g_assert_cmpstr (entry->note, ==, "Afspraak — één keer per maand");
  g_assert_cmpstr (entry->owner, ==, "Wijkteam Oost");
  g_assert_cmpint (entry->target_year, ==, 2027);
  g_clear_object (&saved);

  /* Not applicable with its reason; a reason alone changes it; --json shows the list after. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (wm_test_run_cli (&out, NULL, "checklist", f->project, "--set", "vision-shared",
                        "--status", "not_applicable", "--reason", "al in de wijkvisie", "--json",
                        NULL), ==, 0);
  {
    g_autoptr (JsonParser) direct = json_parser_new ();
    g_autoptr (GError) error = NULL;

    json_parser_load_from_data (direct, out, -1, &error);
    g_assert_no_error (error);
    item = find_item (json_node_get_array (json_parser_get_root (direct)), "vision-shared");
    g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "not_applicable");
    g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==, "al in de wijkvisie");
  }
  g_assert_cmpint (wm_test_run_cli (NULL, NULL, "checklist", f->project, "--set", "vision-shared",
                        "--reason=staat al in de wijkvisie", NULL), ==, 0);
  item = checklist_item_json (f, parser, NULL, "vision-shared");
  g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==, "staat al in de wijkvisie");

  /* Empty texts clear: the owner goes back to the catalogue's default; year 0 clears. */
  g_assert_cmpint (wm_test_run_cli (NULL, NULL, "checklist", f->project, "--set", "vision-shared",
                        "--owner", "", "--note", "", "--year", "0", "--status", "done", NULL),
                   ==, 0);
  item = checklist_item_json (f, parser, NULL, "vision-shared");
  g_assert_cmpstr (json_object_get_string_member (item, "owner"), ==, "gemeente");
  g_assert_true (json_object_get_null_member (item, "note"));
  g_assert_true (json_object_get_null_member (item, "target_year"));
  g_assert_true (json_object_get_null_member (item, "reason"));
  g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "done");

  /* Entries are per scenario: the other scenario's item is untouched. */
  g_assert_cmpint (wm_test_run_cli (NULL, NULL, "checklist", f->project, "--scenario", "Niets", "--set",
                        "vision-shared", "--note", "alleen hier", NULL), ==, 0);
  item = checklist_item_json (f, parser, "Niets", "vision-shared");
  g_assert_cmpstr (json_object_get_string_member (item, "note"), ==, "alleen hier");
  item = checklist_item_json (f, parser, NULL, "vision-shared");
  g_assert_true (json_object_get_null_member (item, "note"));
}

/* Each refusal: exit 1, a message naming the item and the problem, nothing on stdout, and the
 * file byte for byte as it was. */
static void
assert_refused (Fixture *f, const char *item, const char *problem, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *out = NULL, *err = NULL;
  gsize before_length, after_length;
  const char *cli = g_getenv ("WIJKMIX_CLI");
  int status = 0;
  va_list ap;

  g_assert_true (g_file_get_contents (f->project, &before, &before_length, &error));
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "checklist");
  g_ptr_array_add (argv, f->project);
  g_ptr_array_add (argv, (gpointer) "--set");
  g_ptr_array_add (argv, (gpointer) item);
  va_start (ap, problem);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, item));
  if (strstr (err, problem) == NULL)
    g_error ("“%s” not in the message: %s", problem, err);
  g_assert_true (g_file_get_contents (f->project, &after, &after_length, &error));
  g_assert_cmpmem (before, before_length, after, after_length);
}

static void
test_set_refused (Fixture *f, gconstpointer data)
{
  assert_refused (f, "no-such-item", "no such item", "--status", "done", NULL);
  assert_refused (f, "demolish-social-plan", "“finished” is not a status", "--status",
                  "finished", "--note", "x", NULL);
  assert_refused (f, "demolish-social-plan", "“99999” is not a target year", "--year", "99999",
                  "--note", "x", NULL);
  assert_refused (f, "demolish-social-plan", "“1850” is not a target year", "--year", "1850",
                  NULL);
  assert_refused (f, "demolish-social-plan", "“twenty” is not a target year", "--year",
                  "twenty", NULL);
  assert_refused (f, "vision-shared", "needs a reason", "--status", "not_applicable", "--owner",
                  "x", NULL);
  assert_refused (f, "vision-shared", "needs a reason", "--status", "not_applicable", "--reason",
                  "   ", NULL);
  assert_refused (f, "vision-shared", "--reason goes with", "--status", "done", "--reason",
                  "klaar", NULL);
  assert_refused (f, "vision-shared", "not valid UTF-8", "--note", "caf\xe9", NULL);

  /* Usage errors: fields without --set, --set without fields, an option without its value. */
  g_assert_cmpint (wm_test_run_cli (NULL, NULL, "checklist", f->project, "--note", "x", NULL), ==, 2);
  g_assert_cmpint (wm_test_run_cli (NULL, NULL, "checklist", f->project, "--set", "vision-shared", NULL), ==,
                   2);
  g_assert_cmpint (wm_test_run_cli (NULL, NULL, "checklist", f->project, "--set", "vision-shared", "--note",
                        NULL), ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add ("/cli-checklist/json", Fixture, NULL, fixture_set_up, test_json, fixture_tear_down);
  g_test_add ("/cli-checklist/scenario", Fixture, NULL, fixture_set_up, test_scenario,
              fixture_tear_down);
  g_test_add ("/cli-checklist/text", Fixture, NULL, fixture_set_up, test_text, fixture_tear_down);
  g_test_add ("/cli-checklist/catalogue-option", Fixture, NULL, fixture_set_up,
              test_catalogue_option, fixture_tear_down);
  g_test_add ("/cli-checklist/set", Fixture, NULL, fixture_set_up, test_set, fixture_tear_down);
  g_test_add ("/cli-checklist/set-refused", Fixture, NULL, fixture_set_up, test_set_refused,
              fixture_tear_down);

  return g_test_run ();
}
