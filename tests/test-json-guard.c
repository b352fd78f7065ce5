/* test-json-guard.c: hostile JSON is refused by name before json-glib sees it, and the JSON the
 * program writes parses back to the same numbers */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "wm-core.h"
#include "wm-indicator-engine.h"
#include "wm-indicator-report.h"
#include "wm-json-guard.h"
#include "wm-project-file.h"
#include "wm-proposal-json.h"
#include "wm-roadmap-catalogue.h"
#include "wm-segment.h"

/* The nesting that crashed json-glib: 80,000 levels, 160 KB. */
#define HOSTILE_DEPTH 80000

/* @prefix, @depth nested arrays, @suffix. */
static char *
nested (const char *prefix, guint depth, const char *suffix)
{
  GString *text = g_string_new (prefix);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append (text, suffix);
  return g_string_free (text, FALSE);
}

static void
assert_has (const char *message, const char *needle)
{
  if (strstr (message, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, message);
}

/* The guard itself ------------------------------------------------------------------------- */

static void
test_depth (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *at_limit = nested ("", WM_JSON_GUARD_MAX_DEPTH, "");
  g_autofree char *over = nested ("", WM_JSON_GUARD_MAX_DEPTH + 1, "");
  g_autofree char *hostile = nested ("", HOSTILE_DEPTH, "");
  g_autoptr (GString) objects = g_string_new (NULL);

  g_assert_true (wm_json_guard_check (at_limit, -1, "x.json", &error));
  g_assert_no_error (error);

  g_assert_false (wm_json_guard_check (over, -1, "x.json", &error));
  g_assert_error (error, WM_JSON_GUARD_ERROR, WM_JSON_GUARD_ERROR_TOO_DEEP);
  /* The 65th bracket is in column 65 of line 1. */
  assert_has (error->message, "x.json:1:65: [0][0][0]");
  assert_has (error->message, "nested deeper than 64 levels");
  g_clear_error (&error);

  g_assert_false (wm_json_guard_check (hostile, -1, "x.json", &error));
  g_assert_error (error, WM_JSON_GUARD_ERROR, WM_JSON_GUARD_ERROR_TOO_DEEP);
  g_clear_error (&error);

  /* Objects count as well, and the path names their members. */
  for (guint i = 0; i <= WM_JSON_GUARD_MAX_DEPTH; i++)
    g_string_append (objects, "{\"a\":\n");
  g_assert_false (wm_json_guard_check (objects->str, -1, NULL, &error));
  g_assert_error (error, WM_JSON_GUARD_ERROR, WM_JSON_GUARD_ERROR_TOO_DEEP);
  assert_has (error->message, "JSON:65:1: a.a.a.a");
}

static void
test_strings (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *brackets = nested ("[\"", 1000, "\", \"\\\"[[[[\", \"\\\\\"]");

  /* Brackets in strings are text, also after escaped quotes and backslashes. */
  g_assert_true (wm_json_guard_check (brackets, -1, "x.json", &error));
  g_assert_no_error (error);
  g_assert_true (wm_json_guard_check ("", 0, "x.json", &error));
  g_assert_true (wm_json_guard_check ("\"\\u0001 \\\\u0000\"", -1, "x.json", &error));
  g_assert_no_error (error);

  g_assert_false (wm_json_guard_check ("{\"proposals\": [{\"kind\": \"demolish\",\n"
                                       "  \"id\": \"a\\u0000b\"}]}", -1, "c.json", &error));
  g_assert_error (error, WM_JSON_GUARD_ERROR, WM_JSON_GUARD_ERROR_NUL);
  assert_has (error->message, "c.json:2:11: proposals[0].id: a text holds a NUL character");
  g_clear_error (&error);

  /* In a member name, the name is the place. */
  g_assert_false (wm_json_guard_check ("{\"ok\": 1, \"b\\u0000\": 2}", -1, "c.json", &error));
  g_assert_error (error, WM_JSON_GUARD_ERROR, WM_JSON_GUARD_ERROR_NUL);
  assert_has (error->message, "c.json:1:13: b: a text holds a NUL character");
  g_clear_error (&error);

  /* A surrogate pair is one character; half of one would become invalid UTF-8. */
  g_assert_true (wm_json_guard_check ("[\"\\ud83d\\ude00\", \"\\u00e9\"]", -1, "c.json", &error));
  g_assert_no_error (error);
  g_assert_false (wm_json_guard_check ("{\"name\": \"\\udc00x\"}", -1, "c.json", &error));
  g_assert_error (error, WM_JSON_GUARD_ERROR, WM_JSON_GUARD_ERROR_SURROGATE);
  assert_has (error->message, "c.json:1:11: name: a text holds half of a UTF-16 surrogate pair");
  g_clear_error (&error);
  g_assert_false (wm_json_guard_check ("[\"\\ud800\\u0041\"]", -1, "c.json", &error));
  g_assert_error (error, WM_JSON_GUARD_ERROR, WM_JSON_GUARD_ERROR_SURROGATE);
  g_clear_error (&error);

  g_assert_false (wm_json_guard_check ("[1, 2,\n 3\0]", 11, "c.json", &error));
  g_assert_error (error, WM_JSON_GUARD_ERROR, WM_JSON_GUARD_ERROR_NUL);
  assert_has (error->message, "c.json:2:3: [2]: the text holds a NUL byte");
}

static void
test_size (void)
{
  g_autoptr (GError) error = NULL;
  /* Never read: the size is refused first (calloc maps it lazily, so this is cheap). */
  g_autofree char *huge = g_malloc0 (WM_JSON_GUARD_MAX_SIZE + 1);

  g_assert_false (wm_json_guard_check (huge, WM_JSON_GUARD_MAX_SIZE + 1, "big.json", &error));
  g_assert_error (error, WM_JSON_GUARD_ERROR, WM_JSON_GUARD_ERROR_TOO_LARGE);
  assert_has (error->message, "big.json: larger than 128 MB");
}

static void
test_load (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (wm_json_guard_load (parser, "{\"a\": [1, 2]}", -1, "ok.json", &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  /* json-glib's syntax errors keep their domain and get the source name. */
  g_assert_false (wm_json_guard_load (parser, "{\"a\": [1, 2}", -1, "bad.json", &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == JSON_PARSER_ERROR);
  g_assert_true (g_str_has_prefix (error->message, "bad.json:1:"));
}

/* Every entry point ------------------------------------------------------------------------ */

static void
test_changes (void)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *hostile =
    nested ("{\"proposals\": [{\"kind\": \"demolish\", \"buildings\": ", HOSTILE_DEPTH, "}]}");
  GPtrArray *proposals;

  proposals = wm_proposals_from_json_data (hostile, -1, "changes.json", plan, &error);
  g_assert_null (proposals);
  g_assert_error (error, WM_PROPOSAL_JSON_ERROR, WM_PROPOSAL_JSON_ERROR_SYNTAX);
  assert_has (error->message, "changes.json:1:");
  assert_has (error->message, "proposals[0].buildings[0][0]");
  assert_has (error->message, "nested deeper than 64 levels");
  g_clear_error (&error);

  proposals = wm_proposals_import_json_data (hostile, -1, "changes.json", plan, &error);
  g_assert_null (proposals);
  g_assert_error (error, WM_PROPOSAL_JSON_ERROR, WM_PROPOSAL_JSON_ERROR_SYNTAX);
  g_clear_error (&error);

  /* An id or a name with \u0000 would have been cut short. */
  proposals = wm_proposals_from_json_data ("{\"proposals\": [{\"kind\": \"demolish\"},\n"
                                           " {\"kind\": \"demolish\", \"name\": \"x\\u0000y\"}]}",
                                           -1, "changes.json", NULL, &error);
  g_assert_null (proposals);
  g_assert_error (error, WM_PROPOSAL_JSON_ERROR, WM_PROPOSAL_JSON_ERROR_SYNTAX);
  assert_has (error->message, "changes.json:2:33: proposals[1].name: a text holds a NUL");
  g_clear_error (&error);

  /* Nothing reached the plan. */
  g_assert_cmpuint (g_list_model_get_n_items (
                      wm_scenario_get_proposals (wm_plan_get_active_scenario (plan))), ==, 0);
}

static void
test_changes_ranges (void)
{
  static const struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "{\"proposals\": [{\"id\": \"p1\", \"kind\": \"new_build\","
      " \"dwellings\": {\"social_rent\": 20000000}}]}",
      "changes.json: proposals[0].dwellings.social_rent: must be between -10000000 and 10000000, not "
      "20000000 (proposal “p1”)" },
    { "{\"proposals\": [{\"kind\": \"demolish\"}, {\"kind\": \"convert_tenure\","
      " \"dwellings\": {\"mid_rent\": -10000001}}]}",
      "changes.json: proposals[1].dwellings.mid_rent: must be between -10000000 and 10000000, not "
      "-10000001 (proposal “proposal-2”)" },
    { "{\"proposals\": [{\"id\": \"p1\", \"kind\": \"new_build\","
      " \"dwellings\": {\"social_rent\": 2.5}}]}",
      "changes.json: proposals[0].dwellings.social_rent: must be a whole number of dwellings" },
    { "{\"proposals\": [{\"id\": \"p1\", \"kind\": \"demolish\", \"year\": 12000}]}",
      "changes.json: proposals[0].year: must be between 0 and 9999, not 12000 (proposal “p1”)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      GPtrArray *proposals =
        wm_proposals_from_json_data (cases[i].text, -1, "changes.json", NULL, &error);

      g_assert_null (proposals);
      g_assert_error (error, WM_PROPOSAL_JSON_ERROR, WM_PROPOSAL_JSON_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_catalogue (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hostile = nested ("{\"format\": 1, \"phases\": ", HOSTILE_DEPTH, "}");
  g_autoptr (GBytes) bytes = g_bytes_new_static (hostile, strlen (hostile));
  g_autoptr (WmRoadmapCatalogue) catalogue = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-guard-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "catalogue.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GBytes) builtin = NULL;
  g_autoptr (GString) with_nul = NULL;

  catalogue = wm_roadmap_catalogue_load_from_bytes (bytes, "catalogue.json", &error);
  g_assert_null (catalogue);
  g_assert_error (error, WM_ROADMAP_ERROR, WM_ROADMAP_ERROR_SYNTAX);
  assert_has (error->message, "“catalogue.json”:1:");
  assert_has (error->message, "phases[0][0]");
  assert_has (error->message, "nested deeper than 64 levels");
  g_clear_error (&error);

  /* From a file too. */
  g_assert_true (g_file_set_contents (path, hostile, -1, NULL));
  catalogue = wm_roadmap_catalogue_load (file, &error);
  g_assert_null (catalogue);
  g_assert_error (error, WM_ROADMAP_ERROR, WM_ROADMAP_ERROR_SYNTAX);
  assert_has (error->message, "/catalogue.json”:1:");
  g_clear_error (&error);

  /* The built-in catalogue with an item id cut short by \u0000. */
  builtin = g_resources_lookup_data ("/nl/wijkmix/core/roadmap.json", 0, &error);
  g_assert_no_error (error);
  with_nul = g_string_new_len (g_bytes_get_data (builtin, NULL), g_bytes_get_size (builtin));
  g_assert_cmpuint (g_string_replace (with_nul, "\"id\": \"explore\"",
                                      "\"id\": \"explore\\u0000x\"", 1), ==, 1);
  g_clear_object (&catalogue);
  g_bytes_unref (bytes);
  bytes = g_bytes_new (with_nul->str, with_nul->len);
  catalogue = wm_roadmap_catalogue_load_from_bytes (bytes, "catalogue.json", &error);
  g_assert_null (catalogue);
  g_assert_error (error, WM_ROADMAP_ERROR, WM_ROADMAP_ERROR_SYNTAX);
  assert_has (error->message, "phases[0].id: a text holds a NUL character");

  g_unlink (path);
  g_rmdir (dir);
}

/* Found by fuzz-catalogue: casting 1e300 to int is undefined behaviour. */
static void
test_catalogue_numbers (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) builtin = g_resources_lookup_data ("/nl/wijkmix/core/roadmap.json", 0,
                                                        NULL);
  g_autoptr (GString) text = g_string_new_len (g_bytes_get_data (builtin, NULL),
                                               g_bytes_get_size (builtin));
  g_autoptr (GString) format = g_string_new (text->str);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (WmRoadmapCatalogue) catalogue = NULL;

  g_assert_cmpuint (g_string_replace (format, "\"format\": 1,", "\"format\": 1e300,", 1), ==, 1);
  bytes = g_bytes_new (format->str, format->len);
  catalogue = wm_roadmap_catalogue_load_from_bytes (bytes, "catalogue.json", &error);
  g_assert_null (catalogue);
  g_assert_error (error, WM_ROADMAP_ERROR, WM_ROADMAP_ERROR_FORMAT);
  assert_has (error->message, "format 1e+300 is not supported");
  g_clear_error (&error);
  g_bytes_unref (bytes);

  g_assert_cmpuint (g_string_replace (text, "\"order\": 2,", "\"order\": -1e300,", 1), ==, 1);
  bytes = g_bytes_new (text->str, text->len);
  catalogue = wm_roadmap_catalogue_load_from_bytes (bytes, "catalogue.json", &error);
  g_assert_null (catalogue);
  g_assert_error (error, WM_ROADMAP_ERROR, WM_ROADMAP_ERROR_FORMAT);
  assert_has (error->message, "phase “vision”: “order” must be between -1000000 and 1000000");
}

static void
test_segments (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hostile = nested ("{\"segments\": ", HOSTILE_DEPTH, "}");
  g_autoptr (GBytes) bytes = g_bytes_new_static (hostile, strlen (hostile));
  g_autoptr (WmSegmentTable) table = NULL;

  table = wm_segment_table_load_from_bytes (bytes, "segments.json", &error);
  g_assert_null (table);
  g_assert_error (error, WM_SEGMENT_ERROR, WM_SEGMENT_ERROR_INVALID);
  assert_has (error->message, "segments.json:1:");
  assert_has (error->message, "segments[0][0]");
  assert_has (error->message, "nested deeper than 64 levels");
}

/* A saved plan with one building and a proposal on it, in a new folder. */
static char *
save_plan (void)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  g_autoptr (GError) error = NULL;
  WmPoint ring[] = { { 0, 0 }, { 10, 0 }, { 10, 10 }, { 0, 10 } };
  g_autoptr (WmGeometry) footprint = wm_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  g_autoptr (WmBuilding) building = wm_building_new ("b1", footprint);
  g_autoptr (WmProposal) proposal = wm_proposal_new ("p1", WM_PROPOSAL_DEMOLISH);
  const char *ids[] = { "b1", NULL };
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-guard-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  wm_plan_add_building (plan, building);
  wm_proposal_set_building_ids (proposal, ids);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), proposal);
  path = g_build_filename (dir, "plan.gpkg", NULL);
  g_assert_true (wm_project_file_save (plan, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
exec_sql (const char *path, const char *sql, const char *text)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Loading @path fails with a message holding @needles, and leaves the file as it was. */
static void
assert_project_refused (const char *path, const char *const *needles)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize n_before, n_after;
  g_autoptr (WmPlan) plan = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_assert_true (g_file_get_contents (path, &before, &n_before, NULL));
  plan = wm_project_file_load (path, &error);
  g_assert_null (plan);
  g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  assert_has (error->message, "plan.gpkg");
  for (guint i = 0; needles[i] != NULL; i++)
    assert_has (error->message, needles[i]);
  g_clear_error (&error);

  bytes = g_bytes_new_take (g_steal_pointer (&before), n_before);
  plan = wm_project_file_load_bytes (bytes, &error);
  g_assert_null (plan);
  g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID);
  assert_has (error->message, "nested deeper than 64 levels");

  g_assert_true (g_file_get_contents (path, &after, &n_after, NULL));
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), n_before, after, n_after);
}

static void
remove_project (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_project_building_ids (void)
{
  g_autofree char *path = save_plan ();
  g_autofree char *hostile = nested ("", HOSTILE_DEPTH, "");

  exec_sql (path, "UPDATE proposals_no_geometry SET building_ids = ?1", hostile);
  assert_project_refused (path, (const char *[]) { "proposals", "building_ids:1:65: [0][0]",
                                                   "nested deeper than 64 levels", NULL });
  remove_project (path);
}

static void
test_project_catalogue (void)
{
  g_autofree char *path = save_plan ();
  g_autofree char *hostile = nested ("{\"format\": 1, \"phases\": ", HOSTILE_DEPTH, "}");

  exec_sql (path, "INSERT INTO wijkmix_meta (key, value) VALUES ('roadmap_catalogue', ?1)",
            hostile);
  assert_project_refused (path, (const char *[]) { "wijkmix_meta.roadmap_catalogue:1:",
                                                   "phases[0][0]",
                                                   "nested deeper than 64 levels", NULL });
  remove_project (path);
}

/* `wijkmix-cli apply` with a hostile changes file: a message, exit status 1, the project as it
 * was (the crash took the process before). */
static void
test_cli_apply (void)
{
  g_autofree char *path = save_plan ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *changes = g_build_filename (dir, "changes.json", NULL);
  g_autofree char *hostile =
    nested ("{\"proposals\": [{\"kind\": \"demolish\", \"buildings\": ", HOSTILE_DEPTH, "}]}");
  g_autofree char *before = NULL, *after = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  gsize n_before, n_after;
  const char *argv[] = { g_getenv ("WIJKMIX_CLI"), "apply", path, changes, NULL };
  int status;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_file_set_contents (changes, hostile, -1, NULL));
  g_assert_true (g_file_get_contents (path, &before, &n_before, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  assert_has (err, "changes.json:1:");
  assert_has (err, "proposals[0].buildings[0][0]");
  assert_has (err, "nested deeper than 64 levels");
  g_assert_true (g_file_get_contents (path, &after, &n_after, NULL));
  g_assert_cmpmem (before, n_before, after, n_after);

  g_unlink (changes);
  remove_project (path);
}

/* Numbers out ------------------------------------------------------------------------------ */

static JsonNode *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("not JSON (%s): %s", error->message, text);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_numbers (void)
{
  static const double doubles[] = {
    1e17, -1e-300, 0.1, 1.5e300, 5e-324, 123456789012.0, -0.0, 1e21, 1e16, 190100.25, 2.0 / 3.0,
    -1.7976931348623157e308,
  };
  static const gint64 ints[] = { 0, -1, 42, G_MAXINT64, G_MININT64, 9007199254740993 };
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) back = NULL;
  g_autofree char *text = NULL;
  JsonArray *array;
  guint n = 0;

  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (doubles); i++)
    json_builder_add_double_value (builder, doubles[i]);
  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    json_builder_add_int_value (builder, ints[i]);
  json_builder_add_double_value (builder, INFINITY);
  json_builder_add_double_value (builder, NAN);
  json_builder_add_string_value (builder, "1e+17.0 [");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_add_null_value (builder);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  for (guint pretty = 0; pretty < 2; pretty++)
    {
      g_clear_pointer (&text, g_free);
      g_clear_pointer (&back, json_node_unref);
      text = wm_json_guard_to_data (root, pretty, NULL);
      g_test_message ("%s", text);
      back = parse (text);
      array = json_node_get_array (back);
      n = 0;
      for (guint i = 0; i < G_N_ELEMENTS (doubles); i++, n++)
        {
          JsonNode *node = json_array_get_element (array, n);

          g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
          g_assert_true (json_node_get_double (node) == doubles[i]);
          g_assert_true (signbit (json_node_get_double (node)) == signbit (doubles[i]));
        }
      for (guint i = 0; i < G_N_ELEMENTS (ints); i++, n++)
        g_assert_cmpint (json_array_get_int_element (array, n), ==, ints[i]);
      /* JSON has no infinity and no NaN. */
      g_assert_true (json_array_get_null_element (array, n++));
      g_assert_true (json_array_get_null_element (array, n++));
      g_assert_cmpstr (json_array_get_string_element (array, n++), ==, "1e+17.0 [");
      g_assert_true (json_array_get_boolean_element (array, n++));
      g_assert_true (json_array_get_null_element (array, n++));
      g_assert_cmpuint (json_array_get_length (array), ==, n);
    }
  /* The shortest text that reads back. */
  g_assert_nonnull (strstr (text, "0.1,"));
  g_assert_nonnull (strstr (text, "1e+17,"));
  g_assert_nonnull (strstr (text, "123456789012.0,"));
}

static void
test_export_round_trip (void)
{
  static const WmPoint points[] = {
    { 1e17, -1e-300 }, { 0.1, 1e17 }, { -1e17, 0.1 }, { 190100.0, 452300.5 },
    { 9007199254740993.0, -123456789012.0 },
  };
  g_autoptr (GListStore) store = g_list_store_new (WM_TYPE_PROPOSAL);
  g_autoptr (GPtrArray) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autofree char *id = g_strdup_printf ("f%u", i);
      g_autoptr (WmProposal) proposal = wm_proposal_new (id, WM_PROPOSAL_ADD_FACILITY);
      g_autoptr (WmGeometry) point = wm_geometry_new_point (points[i].x, points[i].y);

      wm_proposal_set_facility_type (proposal, WM_FACILITY_PLAYGROUND);
      wm_proposal_set_geometry (proposal, point);
      g_list_store_append (store, proposal);
    }

  text = wm_proposals_to_json_data (G_LIST_MODEL (store), &length);
  g_assert_cmpuint (strlen (text), ==, length);
  g_assert_null (strstr (text, "e+17.0"));
  back = wm_proposals_from_json_data (text, length, "export.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, G_N_ELEMENTS (points));
  for (guint i = 0; i < back->len; i++)
    {
      const WmGeometry *g = wm_proposal_get_geometry (g_ptr_array_index (back, i));

      g_assert_true (g->points[0].x == points[i].x);
      g_assert_true (g->points[0].y == points[i].y);
    }
}

static void
test_report (void)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  g_autoptr (WmIndicatorEngine) engine = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  WmPoint ring[] = { { 0, 0 }, { 100, 0 }, { 100, 100 }, { 0, 100 } };
  g_autoptr (WmGeometry) boundary = wm_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  g_autoptr (WmArea) area = wm_area_new ("a1", "Everywhere", boundary);

  /* An area without dwellings: its shares are no number. */
  wm_plan_add_area (plan, area);
  engine = wm_indicator_engine_new (plan, wm_plan_get_active_scenario (plan));
  text = wm_indicator_report_to_json (engine);
  root = parse (text);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add_func ("/json-guard/depth", test_depth);
  g_test_add_func ("/json-guard/strings", test_strings);
  g_test_add_func ("/json-guard/size", test_size);
  g_test_add_func ("/json-guard/load", test_load);
  g_test_add_func ("/json-guard/changes", test_changes);
  g_test_add_func ("/json-guard/changes-ranges", test_changes_ranges);
  g_test_add_func ("/json-guard/catalogue", test_catalogue);
  g_test_add_func ("/json-guard/catalogue-numbers", test_catalogue_numbers);
  g_test_add_func ("/json-guard/segments", test_segments);
  g_test_add_func ("/json-guard/project-building-ids", test_project_building_ids);
  g_test_add_func ("/json-guard/project-catalogue", test_project_catalogue);
  g_test_add_func ("/json-guard/cli-apply", test_cli_apply);
  g_test_add_func ("/json-guard/numbers", test_numbers);
  g_test_add_func ("/json-guard/export-round-trip", test_export_round_trip);
  g_test_add_func ("/json-guard/report", test_report);
  return g_test_run ();
}
