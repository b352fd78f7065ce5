/* test-start-year.c: a proposal's start year in the changes JSON, the plan check, the history
 * (undo, redo, duplicating a scenario), the project file (and its migration from format 5) */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "wm-core.h"
#include "wm-history.h"
#include "wm-plan-check.h"
#include "wm-project-file.h"
#include "wm-proposal-factory.h"
#include "wm-proposal-json.h"
#include "wm-test-util.h"

/* Building b1 (40 social rent) and b2 (10 social rent); a demolition of b1 starting in 2026
 * and completed in 2027. */
static WmPlan *
make_plan (WmProposal **out_demolish)
{
  WmPlan *plan = wm_plan_new ();
  g_autoptr (WmProposal) demolish = wm_proposal_new ("p-sloop", WM_PROPOSAL_DEMOLISH);
  WmDwellingMix delta = { { 0 } };

  wm_test_add_building (plan, "b1", 0, 0, WM_SEGMENT_SOCIAL_RENT, 40);
  wm_test_add_building (plan, "b2", 50, 0, WM_SEGMENT_SOCIAL_RENT, 10);
  wm_proposal_set_name (demolish, "Sloop blok 1");
  wm_proposal_set_building_ids (demolish, (const char *const[]) { "b1", NULL });
  delta.counts[WM_SEGMENT_SOCIAL_RENT] = -40;
  wm_proposal_set_dwelling_delta (demolish, &delta);
  wm_proposal_set_year (demolish, 2027);
  wm_proposal_set_start_year (demolish, 2026);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), demolish);
  if (out_demolish != NULL)
    *out_demolish = demolish;
  return plan;
}

static char *
make_temp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("wijkmix-start-year-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
exec_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static char *
query_text (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return text != NULL ? text : g_strdup ("");
}

static void
assert_query (const char *path, const char *sql, const char *expected)
{
  g_autofree char *text = query_text (path, sql);

  g_assert_cmpstr (text, ==, expected);
}

static WmProposal *
first_proposal (WmPlan *plan)
{
  GListModel *list = wm_scenario_get_proposals (wm_plan_get_active_scenario (plan));
  g_autoptr (WmProposal) p = g_list_model_get_item (list, 0);

  return p; /* the scenario keeps it */
}

/* The changes JSON: written only when set, read back, absent is 0. */
static void
test_json_round_trip (void)
{
  g_autoptr (WmPlan) plan = make_plan (NULL);
  g_autoptr (GPtrArray) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr (WmProposal) later = wm_proposal_new ("p-later", WM_PROPOSAL_CONVERT_TENURE);

  wm_proposal_set_year (later, 2030);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), later);
  data = wm_proposals_to_json_data (wm_scenario_get_proposals (wm_plan_get_active_scenario (plan)),
                                    NULL);
  /* "year" stays the completion year; the start only where one is set. */
  g_assert_nonnull (strstr (data, "\"start_year\" : 2026"));
  g_assert_null (strstr (strstr (data, "\"start_year\"") + 1, "\"start_year\""));
  g_assert_nonnull (strstr (data, "\"year\" : 2027"));

  back = wm_proposals_from_json_data (data, -1, "c.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 2);
  g_assert_cmpint (wm_proposal_get_start_year (g_ptr_array_index (back, 0)), ==, 2026);
  g_assert_cmpint (wm_proposal_get_year (g_ptr_array_index (back, 0)), ==, 2027);
  g_assert_cmpint (wm_proposal_get_start_year (g_ptr_array_index (back, 1)), ==, 0);
  g_assert_cmpint (wm_proposal_get_effective_start_year (g_ptr_array_index (back, 1)), ==, 2030);
  g_assert_true (wm_proposal_equal (g_ptr_array_index (back, 0), first_proposal (plan)));

  /* A start without a completion year is a plan not dated yet: kept. */
  g_clear_pointer (&back, g_ptr_array_unref);
  back = wm_proposals_from_json_data ("{\"proposals\": [{\"kind\": \"demolish\", "
                                      "\"start_year\": 2028}]}", -1, "c.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_proposal_get_start_year (g_ptr_array_index (back, 0)), ==, 2028);
  g_assert_cmpint (wm_proposal_get_year (g_ptr_array_index (back, 0)), ==, 0);
}

/* Each refusal names the file, the place and the problem. */
static void
test_json_invalid (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "{\"proposals\": [{\"id\": \"d1\", \"kind\": \"demolish\", \"year\": 2028, "
      "\"start_year\": \"2026\"}]}",
      "c.json: proposals[0].start_year: must be a whole number, the year the works start "
      "(proposal “d1”)" },
    { "{\"proposals\": [{\"id\": \"d1\", \"kind\": \"demolish\", \"start_year\": 2026.5}]}",
      "c.json: proposals[0].start_year: must be a whole number" },
    { "{\"proposals\": [{\"id\": \"d1\", \"kind\": \"demolish\", \"start_year\": 1850}]}",
      "c.json: proposals[0].start_year: must be between 1900 and 2200, not 1850 "
      "(proposal “d1”)" },
    { "{\"proposals\": [{\"kind\": \"demolish\"}, {\"id\": \"d2\", \"kind\": \"demolish\", "
      "\"start_year\": 20260}]}",
      "c.json: proposals[1].start_year: must be between 1900 and 2200, not 20260" },
    { "{\"proposals\": [{\"id\": \"d1\", \"kind\": \"demolish\", \"year\": 2027, "
      "\"start_year\": 2029}]}",
      "c.json: proposals[0].start_year: the works cannot start in 2029, after the completion "
      "in 2027 (“year”) (proposal “d1”)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) back = wm_proposals_from_json_data (cases[i].json, -1, "c.json",
                                                                NULL, &error);

      g_assert_null (back);
      g_assert_error (error, WM_PROPOSAL_JSON_ERROR, WM_PROPOSAL_JSON_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message,
                 cases[i].message);
    }
}

/* wijkmix-cli apply names the file, the place and the problem, and adds nothing. */
static void
test_cli_apply (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *project = wm_test_save_demolition_project ("start-year", FALSE, &dir);
  g_autofree char *changes = g_build_filename (dir, "later.json", NULL);
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = NULL;

  g_assert_true (g_file_set_contents (changes,
                                      "{\"proposals\": [{\"id\": \"nb\", \"kind\": \"convert_tenure\","
                                      " \"year\": 2027, \"start_year\": 2031}]}", -1, NULL));
  g_assert_cmpint (wm_test_run_cli (NULL, &err, "apply", project, changes, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "later.json: proposals[0].start_year: the works cannot start "
                                 "in 2031, after the completion in 2027"));
  plan = wm_project_file_load (project, &error);
  g_assert_no_error (error);
  g_assert_null (wm_scenario_find_proposal (wm_plan_get_active_scenario (plan), "nb"));
  wm_test_remove_dir (dir);
}

/* The plan check names the proposal that starts after its completion; edits are refused. */
static void
test_plan_check (void)
{
  WmProposal *demolish = NULL;
  g_autoptr (WmPlan) plan = make_plan (&demolish);
  g_autoptr (WmHistory) history = wm_history_new (plan);
  g_autoptr (GPtrArray) problems = wm_plan_check_scenario (plan, NULL);
  g_autoptr (GError) error = NULL;
  WmPlanProblem *problem;

  g_assert_cmpuint (problems->len, ==, 0);

  /* A file from elsewhere: the problem is reported. */
  wm_proposal_set_start_year (demolish, 2029);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = wm_plan_check_scenario (plan, NULL);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_true (problem->proposal == demolish);
  g_assert_cmpint (problem->code, ==, WM_PROPOSAL_ERROR_YEAR);
  g_assert_cmpstr (problem->message, ==, "“Sloop blok 1” (2027) starts in 2029, after its "
                                         "completion in 2027; the works must start in or before "
                                         "the year they are completed");
  wm_proposal_set_start_year (demolish, 2026);

  /* Through the history: refused with that message, nothing changes. */
  g_assert_false (wm_history_set_proposal_years (history, demolish, 2028, 2027, &error));
  g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_YEAR);
  g_assert_nonnull (strstr (error->message, "“Sloop blok 1” (2027) starts in 2028"));
  g_assert_cmpint (wm_proposal_get_start_year (demolish), ==, 2026);
  g_assert_false (wm_history_get_can_undo (history));
  g_clear_error (&error);

  /* Completion moved before the start in one field: refused too. */
  g_assert_false (wm_history_set_proposal_year (history, demolish, 2025, &error));
  g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_YEAR);
  g_clear_error (&error);

  /* The factory's own check, for a form: range and order. */
  g_assert_true (wm_proposal_factory_check_years (0, 2027, NULL));
  g_assert_true (wm_proposal_factory_check_years (2027, 2027, NULL));
  g_assert_true (wm_proposal_factory_check_years (2026, 0, NULL));
  g_assert_false (wm_proposal_factory_check_years (1850, 2027, &error));
  g_assert_nonnull (strstr (error->message, "1850"));
  g_clear_error (&error);
  g_assert_false (wm_proposal_factory_check_years (2028, 2027, &error));
  g_assert_cmpstr (error->message, ==, "The works cannot start in 2028, after the completion in "
                                       "2027");
}

/* Both years in one step; undo and redo restore them, and so do save and reopen. */
static void
test_history_and_file (void)
{
  WmProposal *demolish = NULL;
  g_autoptr (WmPlan) plan = make_plan (&demolish);
  g_autoptr (WmHistory) history = wm_history_new (plan);
  g_autoptr (WmProposal) values = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) reloaded = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.gpkg", NULL);
  g_autoptr (WmProjectFile) file = wm_project_file_new (path);
  g_autoptr (WmProjectSnapshot) snapshot = NULL;

  /* Later on both ends at once: the start 2029 passes no state after the completion 2027. */
  g_assert_true (wm_history_set_proposal_years (history, demolish, 2029, 2030, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (wm_history_get_undo_label (history), ==,
                   "Undo Change the years of “Sloop blok 1”");
  g_assert_cmpint (wm_proposal_get_start_year (demolish), ==, 2029);
  g_assert_cmpint (wm_proposal_get_year (demolish), ==, 2030);
  g_assert_true (wm_history_undo (history));
  g_assert_cmpint (wm_proposal_get_start_year (demolish), ==, 2026);
  g_assert_cmpint (wm_proposal_get_year (demolish), ==, 2027);
  g_assert_true (wm_history_redo (history));
  g_assert_cmpint (wm_proposal_get_start_year (demolish), ==, 2029);

  /* An edit of another field keeps the start; undoing it too. */
  values = wm_proposal_factory_copy (demolish);
  g_assert_cmpint (wm_proposal_get_start_year (values), ==, 2029);
  wm_proposal_set_note (values, "met de huurders besproken");
  g_assert_true (wm_history_edit_proposal (history, demolish, values, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wm_proposal_get_start_year (demolish), ==, 2029);
  g_assert_true (wm_history_undo (history));
  g_assert_cmpint (wm_proposal_get_start_year (demolish), ==, 2029);
  g_assert_true (wm_history_undo (history));
  g_assert_cmpint (wm_proposal_get_start_year (demolish), ==, 2026);

  /* Saved after an undo, reopened equal; then redone and saved as a change of one row. */
  snapshot = wm_project_snapshot_new (plan);
  g_assert_true (wm_project_file_write (file, snapshot, &error));
  g_assert_no_error (error);
  assert_query (path, "SELECT start_year || '-' || year FROM proposals_no_geometry", "2026-2027");
  reloaded = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, reloaded));
  g_assert_cmpint (wm_proposal_get_start_year (first_proposal (reloaded)), ==, 2026);
  g_clear_object (&reloaded);

  g_assert_true (wm_history_redo (history));
  g_clear_pointer (&snapshot, wm_project_snapshot_unref);
  snapshot = wm_project_snapshot_new (plan);
  g_assert_true (wm_project_file_write (file, snapshot, &error));
  g_assert_no_error (error);
  reloaded = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, reloaded));
  g_assert_cmpint (wm_proposal_get_start_year (first_proposal (reloaded)), ==, 2029);
  g_assert_cmpint (wm_proposal_get_year (first_proposal (reloaded)), ==, 2030);
  g_clear_object (&reloaded);

  /* No start: NULL or 0 in the file read as 0 (a GIS may clear the cell). */
  exec_sql (path, "UPDATE proposals_no_geometry SET start_year = NULL");
  reloaded = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_proposal_get_start_year (first_proposal (reloaded)), ==, 0);
  g_clear_object (&reloaded);

  /* A start that is no year is refused, naming the layer and the row. */
  exec_sql (path, "UPDATE proposals_no_geometry SET start_year = 'spring'");
  reloaded = wm_project_file_load (path, &error);
  g_assert_null (reloaded);
  g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "proposals_no_geometry"));
  g_assert_nonnull (strstr (error->message, "the start year must be a year from 1900 to 2200, "
                                            "not “spring”"));
  wm_test_remove_dir (dir);
}

/* Duplicating a scenario copies the start years. */
static void
test_duplicate (void)
{
  g_autoptr (WmPlan) plan = make_plan (NULL);
  g_autoptr (WmHistory) history = wm_history_new (plan);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmProposal) copy = NULL;
  WmScenario *duplicate;

  duplicate = wm_history_duplicate_scenario (history, wm_plan_get_active_scenario (plan),
                                             "Variant", FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (duplicate);
  copy = g_list_model_get_item (wm_scenario_get_proposals (duplicate), 0);
  g_assert_cmpstr (wm_proposal_get_id (copy), !=, "p-sloop");
  g_assert_cmpint (wm_proposal_get_start_year (copy), ==, 2026);
  g_assert_cmpint (wm_proposal_get_year (copy), ==, 2027);
}

/* tests/fixtures/project-v5.gpkg, written by format 5 (see tests/fixtures/README.md): its
 * proposals have no start year (0); saved it is format 6 with a start_year column in every
 * proposals layer, keeping another program's table, style, and the column and index it added
 * to a proposals layer (the upgrade runs in the file itself), and a start year set survives. */
static void
test_migrate_v5 (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "project-v5.gpkg",
                                                   NULL);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *copy = g_build_filename (dir, "v5.gpkg", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = NULL;
  g_autoptr (WmPlan) reloaded = NULL;
  g_autoptr (WmProjectFile) file = NULL;
  g_autoptr (WmProjectSnapshot) snapshot = NULL;
  g_autoptr (WmProposal) last = NULL;
  GListModel *proposals;

  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_true (g_file_set_contents (copy, contents, length, &error));
  g_assert_no_error (error);
  assert_query (copy, "SELECT max(version) FROM wijkmix_schema", "5");
  assert_query (copy, "SELECT count(*) FROM pragma_table_info('proposals_polygon')"
                      " WHERE name = 'start_year'", "0");
  exec_sql (copy, "CREATE TABLE notes (fid INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT);"
                  "INSERT INTO notes (text) VALUES ('bewonersavond 12 maart');"
                  "INSERT INTO gpkg_contents (table_name, data_type, identifier)"
                  " VALUES ('notes', 'attributes', 'notes');"
                  "CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                  " f_table_name TEXT, styleName TEXT, styleQML TEXT);"
                  "INSERT INTO layer_styles (f_table_name, styleName, styleQML)"
                  " VALUES ('proposals_polygon', 'by year', '<qgis/>');"
                  "ALTER TABLE proposals_polygon ADD COLUMN permit TEXT;"
                  "UPDATE proposals_polygon SET permit = 'granted'"
                  " WHERE proposal_id = 'p-transform-school';"
                  "CREATE INDEX permits ON proposals_polygon (permit);");

  file = wm_project_file_new (copy);
  plan = wm_project_file_read (file, &error);
  g_assert_no_error (error);
  /* Reading does not touch the file. */
  assert_query (copy, "SELECT max(version) FROM wijkmix_schema", "5");
  proposals = wm_scenario_get_proposals (wm_plan_get_active_scenario (plan));
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 10);
  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (WmProposal) p = g_list_model_get_item (proposals, i);

      g_assert_cmpint (wm_proposal_get_start_year (p), ==, 0);
    }
  last = g_list_model_get_item (proposals, 9);
  g_assert_cmpstr (wm_proposal_get_id (last), ==, "p-transform-school");
  g_assert_cmpint (wm_proposal_get_year (last), ==, 2031);
  g_assert_cmpint (wm_proposal_get_dwelling_delta (last)->counts[WM_SEGMENT_SOCIAL_RENT], ==, 8);
  wm_proposal_set_start_year (last, 2029);

  snapshot = wm_project_snapshot_new (plan);
  g_assert_true (wm_project_file_write (file, snapshot, &error));
  g_assert_no_error (error);
  assert_query (copy, "SELECT max(version) FROM wijkmix_schema",
                G_STRINGIFY (WM_PROJECT_SCHEMA_VERSION));
  for (const char *const *t = (const char *const[]) { "proposals_point", "proposals_line",
                                                       "proposals_polygon",
                                                       "proposals_multipolygon",
                                                       "proposals_no_geometry", NULL };
       *t != NULL; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT type FROM pragma_table_info('%s')"
                                              " WHERE name = 'start_year'", *t);
      assert_query (copy, sql, "INTEGER");
    }
  assert_query (copy, "SELECT start_year FROM proposals_polygon"
                      " WHERE proposal_id = 'p-transform-school'", "2029");
  assert_query (copy, "SELECT count(*) FROM proposals_polygon WHERE start_year = 0", "2");
  assert_query (copy, "SELECT text FROM notes", "bewonersavond 12 maart");
  assert_query (copy, "SELECT data_type FROM gpkg_contents WHERE table_name = 'notes'",
                "attributes");
  assert_query (copy, "SELECT styleName FROM layer_styles", "by year");
  assert_query (copy, "SELECT permit || ' ' || start_year FROM proposals_polygon"
                      " WHERE proposal_id = 'p-transform-school'", "granted 2029");
  assert_query (copy, "SELECT count(*) FROM sqlite_master WHERE name = 'permits'", "1");
  assert_query (copy, "PRAGMA integrity_check", "ok");
  reloaded = wm_project_file_load (copy, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, reloaded));

  /* The next save through the same handle is an ordinary one, into the file. */
  wm_proposal_set_start_year (last, 2030);
  g_clear_pointer (&snapshot, wm_project_snapshot_unref);
  snapshot = wm_project_snapshot_new (plan);
  g_assert_true (wm_project_file_write (file, snapshot, &error));
  g_assert_no_error (error);
  assert_query (copy, "SELECT permit || ' ' || start_year FROM proposals_polygon"
                      " WHERE proposal_id = 'p-transform-school'", "granted 2030");

  /* A newer format is still refused as before. */
  exec_sql (copy, "UPDATE wijkmix_schema SET version = " G_STRINGIFY (WM_PROJECT_SCHEMA_VERSION)
                  " + 1");
  g_clear_object (&reloaded);
  reloaded = wm_project_file_load (copy, &error);
  g_assert_null (reloaded);
  g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_NEWER_VERSION);
  wm_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  wm_core_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/start-year/json/round-trip", test_json_round_trip);
  g_test_add_func ("/start-year/json/invalid", test_json_invalid);
  g_test_add_func ("/start-year/json/cli-apply", test_cli_apply);
  g_test_add_func ("/start-year/plan-check", test_plan_check);
  g_test_add_func ("/start-year/history-and-file", test_history_and_file);
  g_test_add_func ("/start-year/duplicate", test_duplicate);
  g_test_add_func ("/start-year/migrate-v5", test_migrate_v5);
  return g_test_run ();
}
