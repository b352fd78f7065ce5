/* test-cli-scenario.c: tests of `wijkmix-cli scenario`, spawned as a separate program */
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
  f->project = wm_test_save_demolition_project ("wijkmix-cli-scenario", FALSE, &f->dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  wm_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

static GBytes *
file_bytes (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

static WmPlan *
load (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  WmPlan *plan = wm_project_file_load (f->project, &error);

  g_assert_no_error (error);
  return plan;
}

static JsonArray *
list_json (Fixture *f, JsonParser *parser)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (wm_test_run_cli (&out, &err, "scenario", f->project, "list", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_array (json_parser_get_root (parser));
}

static void
test_list (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL, *err = NULL;
  JsonArray *array = list_json (f, parser);
  JsonObject *first, *second;

  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  first = json_array_get_object_element (array, 0);
  second = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Sloop");
  g_assert_true (json_object_get_boolean_member (first, "active"));
  g_assert_cmpint (json_object_get_int_member (first, "n_proposals"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (second, "id"), ==, "s-niets");
  g_assert_cmpstr (json_object_get_string_member (second, "name"), ==, "Niets");
  g_assert_false (json_object_get_boolean_member (second, "active"));
  g_assert_cmpint (json_object_get_int_member (second, "n_proposals"), ==, 0);

  g_assert_cmpint (wm_test_run_cli (&out, &err, "scenario", f->project, "list", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "* Sloop ("));
  g_assert_nonnull (strstr (out, "  Niets (s-niets): 0 proposals"));
}

static void
test_new_rename_delete (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (WmPlan) plan = NULL;
  JsonArray *array;

  g_assert_cmpint (wm_test_run_cli (&out, &err, "scenario", f->project, "new", "  Variant B ", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Added scenario “Variant B”\n");
  array = list_json (f, parser);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2), "name"),
                   ==, "Variant B");
  /* A new scenario does not take over: the window opens on the one it opened on before. */
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (array, 2),
                                                  "active"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wm_test_run_cli (&out, &err, "scenario", f->project, "rename", "Niets", "Niks", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Renamed scenario “Niets” to “Niks”\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wm_test_run_cli (&out, &err, "scenario", f->project, "delete", "Variant B", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Deleted scenario “Variant B”\n");

  plan = load (f);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_scenarios (plan)), ==, 2);
  g_assert_cmpstr (wm_scenario_get_name (wm_plan_find_scenario (plan, "s-niets")), ==, "Niks");
  g_assert_null (wm_plan_find_scenario (plan, "Variant B"));
}

static void
test_duplicate (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (WmPlan) plan = NULL;
  WmScenario *source, *copy;
  const WmChecklistEntry *entry;

  g_assert_cmpint (wm_test_run_cli (&out, &err, "scenario", f->project, "duplicate", "Sloop", "Sloop B", NULL),
                   ==, 0);
  g_assert_cmpstr (out, ==, "Copied scenario “Sloop” to “Sloop B”\n");

  plan = load (f);
  source = wm_plan_find_scenario (plan, "Sloop");
  copy = wm_plan_find_scenario (plan, "Sloop B");
  g_assert_nonnull (copy);
  g_assert_true (wm_plan_get_active_scenario (plan) == source);
  g_assert_cmpuint (g_list_model_get_n_items (wm_scenario_get_proposals (copy)), ==, 1);
  entry = wm_checklist_state_lookup (wm_checklist_state_get_for_plan (plan),
                                     wm_scenario_get_id (copy), "demolish-social-plan");
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->status, ==, WM_CHECKLIST_STATUS_DONE);
  g_assert_cmpstr (entry->note, ==, "met de huurders");
  g_assert_cmpint (entry->target_year, ==, 2026);

  /* The copy's checklist, through the CLI, says the same. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wm_test_run_cli (&out, &err, "checklist", f->project, "--scenario", "Sloop B", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "met de huurders"));
}

/* Every refusal: its exit status, a message naming the problem, and the file unchanged. */
static void
test_refusals (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *args[4];
    int status;
    const char *message;
  } cases[] = {
    { { "rename", "Nergens", "X" }, 1, "the project has no scenario “Nergens”" },
    { { "delete", "Nergens" }, 1, "the project has no scenario “Nergens”" },
    { { "duplicate", "Nergens", "X" }, 1, "the project has no scenario “Nergens”" },
    { { "new", "Niets" }, 1, "the project already has a scenario “Niets”" },
    { { "new", "s-niets" }, 1, "the project already has a scenario “s-niets”" },
    { { "duplicate", "Sloop", "Niets" }, 1, "the project already has a scenario “Niets”" },
    { { "rename", "Sloop", " Niets" }, 1, "the project already has a scenario “Niets”" },
    { { "new", "  " }, 1, "a scenario needs a name" },
    { { "rename", "Sloop", "" }, 1, "a scenario needs a name" },
    { { "new" }, 2, "“scenario” takes new NAME" },
    { { "rename", "Sloop" }, 2, "“scenario” takes new NAME" },
    { { "move", "Sloop" }, 2, "“scenario” takes new NAME" },
    { { "new", "X", "--json" }, 2, "--json goes with “list”" },
  };
  g_autoptr (GBytes) before = file_bytes (f->project);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      g_autoptr (GBytes) after = NULL;

      g_test_message ("case %u: %s", i, cases[i].message);
      g_assert_cmpint (wm_test_run_cli (&out, &err, "scenario", f->project, cases[i].args[0], cases[i].args[1],
                            cases[i].args[2], cases[i].args[3], NULL),
                       ==, cases[i].status);
      g_assert_nonnull (strstr (err, cases[i].message));
      g_assert_cmpstr (out, ==, "");
      after = file_bytes (f->project);
      g_assert_true (g_bytes_equal (before, after));
    }
}

static void
test_delete_last (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;

  g_assert_cmpint (wm_test_run_cli (&out, &err, "scenario", f->project, "delete", "Niets", NULL), ==, 0);
  before = file_bytes (f->project);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wm_test_run_cli (&out, &err, "scenario", f->project, "delete", "Sloop", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "scenario “Sloop” is the project’s only scenario and cannot be deleted"));
  after = file_bytes (f->project);
  g_assert_true (g_bytes_equal (before, after));
}

/* `apply --scenario` with a scenario the project lacks fails, naming it, and changes nothing. */
static void
test_apply_unknown (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *changes = g_build_filename (f->dir, "changes.json", NULL);
  g_autoptr (GBytes) before = file_bytes (f->project);
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (changes, "[]", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wm_test_run_cli (&out, &err, "apply", f->project, changes, "--scenario", "Nergens", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "the project has no scenario “Nergens”"));
  after = file_bytes (f->project);
  g_assert_true (g_bytes_equal (before, after));
}

int
main (int argc, char **argv)
{
  wm_core_init ();
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-scenario/list", test_list);
  ADD ("/cli-scenario/new-rename-delete", test_new_rename_delete);
  ADD ("/cli-scenario/duplicate", test_duplicate);
  ADD ("/cli-scenario/refusals", test_refusals);
  ADD ("/cli-scenario/delete-last", test_delete_last);
  ADD ("/cli-scenario/apply-unknown", test_apply_unknown);
  return g_test_run ();
}
