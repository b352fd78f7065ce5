/* test-project-file-foreign.c: saving keeps what is not ours, and files behave like files */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "wm-core.h"
#include "wm-checklist-state.h"
#include "wm-demo.h"
#include "wm-project-file.h"

typedef struct
{
  char *dir;
  char *path; /* the demo, saved */
} Fixture;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static WmPlan *
demo (void)
{
  g_autoptr (GError) error = NULL;
  WmPlan *plan = wm_demo_load (&error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = demo ();

  fixture->dir = g_dir_make_tmp ("wijkmix-foreign-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "plan.gpkg", NULL);
  g_assert_true (wm_project_file_save (plan, fixture->path, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
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

/* The first column of the first row as text ("" for none or NULL). */
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

/* What QGIS, GDAL and a user's SQL leave in a file: a table of their own registered in
 * gpkg_contents, QGIS's layer_styles for one of our layers, and gpkg_metadata. */
static void
add_foreign_content (const char *path)
{
  exec_sql (path,
            "CREATE TABLE notes (fid INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT);"
            "INSERT INTO notes (text) VALUES ('bewonersavond 12 maart');"
            "INSERT INTO gpkg_contents (table_name, data_type, identifier)"
            " VALUES ('notes', 'attributes', 'notes');"
            "CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT,"
            " f_table_catalog TEXT, f_table_schema TEXT, f_table_name TEXT,"
            " f_geometry_column TEXT, styleName TEXT, styleQML TEXT, styleSLD TEXT,"
            " useAsDefault BOOLEAN, description TEXT, owner TEXT, ui TEXT, update_time DATETIME);"
            "INSERT INTO layer_styles (f_table_name, f_geometry_column, styleName, styleQML,"
            " useAsDefault) VALUES ('facilities', 'geom', 'red dots', '<qgis/>', 1);"
            "CREATE TABLE gpkg_metadata (id INTEGER PRIMARY KEY AUTOINCREMENT,"
            " md_scope TEXT NOT NULL DEFAULT 'dataset', md_standard_uri TEXT NOT NULL,"
            " mime_type TEXT NOT NULL DEFAULT 'text/xml', metadata TEXT NOT NULL DEFAULT '');"
            "CREATE TABLE gpkg_metadata_reference (reference_scope TEXT NOT NULL,"
            " table_name TEXT, column_name TEXT, row_id_value INTEGER,"
            " timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
            " md_file_id INTEGER NOT NULL, md_parent_id INTEGER);"
            "INSERT INTO gpkg_metadata (md_standard_uri, metadata)"
            " VALUES ('http://www.isotc211.org/2005/gmd', '<gmd:MD_Metadata/>');"
            "INSERT INTO gpkg_metadata_reference (reference_scope, table_name, md_file_id)"
            " VALUES ('table', 'buildings', 1);");
}

static void
assert_foreign_content (const char *path)
{
  assert_query (path, "SELECT text FROM notes", "bewonersavond 12 maart");
  assert_query (path, "SELECT data_type FROM gpkg_contents WHERE table_name = 'notes'",
                "attributes");
  assert_query (path, "SELECT styleName FROM layer_styles WHERE f_table_name = 'facilities'",
                "red dots");
  assert_query (path, "SELECT metadata FROM gpkg_metadata", "<gmd:MD_Metadata/>");
  assert_query (path, "SELECT table_name FROM gpkg_metadata_reference", "buildings");
}

/* A layer added with ogr2ogr -update, when GDAL is installed. */
static gboolean
add_ogr_layer (Fixture *fixture)
{
  g_autofree char *ogr2ogr = g_find_program_in_path ("ogr2ogr");
  g_autofree char *source = g_build_filename (fixture->dir, "trees.geojson", NULL);
  g_autoptr (GError) error = NULL;
  int status = 0;
  const char *geojson = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\","
                        "\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::28992\"}},"
                        "\"features\":[{\"type\":\"Feature\",\"properties\":{\"species\":"
                        "\"linde\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":"
                        "[190000,448000]}}]}";

  if (ogr2ogr == NULL)
    return FALSE;
  g_assert_true (g_file_set_contents (source, geojson, -1, &error));
  {
    const char *argv[] = { ogr2ogr, "-update", "-nln", "trees", fixture->path, source, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                                 NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  return TRUE;
}

/* An edit a user makes: a proposal, a checklist entry, the name. */
static void
edit (WmPlan *plan, const char *id)
{
  g_autoptr (WmProposal) proposal = wm_proposal_new (id, WM_PROPOSAL_ADD_FACILITY);
  g_autoptr (WmGeometry) point = wm_geometry_new_point (190500, 448300);
  WmChecklistEntry entry = { WM_CHECKLIST_STATUS_PLANNED, NULL, (char *) "gemeente",
                             (char *) "notitie", 2030 };

  wm_proposal_set_geometry (proposal, point);
  wm_proposal_set_facility_type (proposal, WM_FACILITY_PLAYGROUND);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), proposal);
  wm_checklist_state_set (wm_checklist_state_get_for_plan (plan),
                          wm_scenario_get_id (wm_plan_get_active_scenario (plan)), id, &entry);
  wm_plan_set_name (plan, id);
}

static gboolean
write_plan (WmProjectFile *file, WmPlan *plan, GError **error)
{
  g_autoptr (WmProjectSnapshot) snapshot = wm_project_snapshot_new (plan);

  return wm_project_file_write (file, snapshot, error);
}

static void
assert_reloads_as (const char *path, WmPlan *plan)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) loaded = wm_project_file_load (path, &error);

  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, loaded));
}

/* Saving keeps what is not ours ----------------------------------------------------------- */

static void
test_foreign_save (Fixture *fixture, gconstpointer data)
{
  g_autoptr (WmProjectFile) file = wm_project_file_new (fixture->path);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = NULL;
  gboolean ogr;

  add_foreign_content (fixture->path);
  ogr = add_ogr_layer (fixture);

  /* An edit saved through the handle: only rows change. */
  plan = wm_project_file_read (file, &error);
  g_assert_no_error (error);
  edit (plan, "p-foreign-1");
  g_assert_true (write_plan (file, plan, &error));
  g_assert_no_error (error);
  assert_foreign_content (fixture->path);
  if (ogr)
    assert_query (fixture->path, "SELECT species FROM trees", "linde");
  assert_reloads_as (fixture->path, plan);

  /* A complete write over the file (the convenience wrapper) keeps it too. */
  edit (plan, "p-foreign-2");
  g_assert_true (wm_project_file_save (plan, fixture->path, &error));
  g_assert_no_error (error);
  assert_foreign_content (fixture->path);
  if (ogr)
    {
      assert_query (fixture->path, "SELECT species FROM trees", "linde");
      assert_query (fixture->path, "SELECT srs_id FROM gpkg_geometry_columns"
                                   " WHERE table_name = 'trees'", "28992");
    }
  assert_reloads_as (fixture->path, plan);
}

static void
test_foreign_save_as (Fixture *fixture, gconstpointer data)
{
  g_autoptr (WmProjectFile) file = wm_project_file_new (fixture->path);
  g_autoptr (WmProjectFile) copy = NULL;
  g_autofree char *other = g_build_filename (fixture->dir, "copy.gpkg", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = NULL;

  add_foreign_content (fixture->path);
  plan = wm_project_file_read (file, &error);
  g_assert_no_error (error);
  edit (plan, "p-save-as");

  copy = wm_project_file_new_save_as (file, other);
  g_assert_cmpstr (wm_project_file_get_path (copy), ==, other);
  g_assert_true (write_plan (copy, plan, &error));
  g_assert_no_error (error);
  assert_foreign_content (other);
  assert_reloads_as (other, plan);
  /* The original is untouched: still the demo's name. */
  assert_query (fixture->path, "SELECT value FROM wijkmix_meta WHERE key = 'name'",
                "Otterlo (demo)");

  /* The new handle now writes changes into the copy. */
  edit (plan, "p-save-as-2");
  g_assert_true (write_plan (copy, plan, &error));
  g_assert_no_error (error);
  assert_foreign_content (other);
  assert_reloads_as (other, plan);
}

/* tests/fixtures/project-v2.gpkg: format 2, migrated on read, written completely. */
static void
test_migrate_v2 (Fixture *fixture, gconstpointer data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "project-v2.gpkg",
                                                   NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "v2.gpkg", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr (WmProjectFile) file = wm_project_file_new (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = NULL;
  g_autoptr (WmScenario) scenario = NULL;
  g_autoptr (WmProposal) senior = NULL;

  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
  add_foreign_content (path);

  plan = wm_project_file_read (file, &error);
  g_assert_no_error (error);
  /* Reading does not touch the file. */
  assert_query (path, "SELECT max(version) FROM wijkmix_schema", "2");
  scenario = g_list_model_get_item (wm_plan_get_scenarios (plan), 0);
  g_assert_cmpuint (g_list_model_get_n_items (wm_scenario_get_proposals (scenario)), ==, 7);
  senior = g_list_model_get_item (wm_scenario_get_proposals (scenario), 6);
  g_assert_cmpstr (wm_proposal_get_id (senior), ==, "p-senior");
  g_assert_cmpint (wm_proposal_get_dwelling_type (senior), ==, WM_DWELLING_TYPE_SENIOR);

  g_assert_true (write_plan (file, plan, &error));
  g_assert_no_error (error);
  assert_query (path, "SELECT max(version) FROM wijkmix_schema",
                G_STRINGIFY (WM_PROJECT_SCHEMA_VERSION));
  assert_query (path, "SELECT count(*) FROM sqlite_master WHERE name = 'proposals'", "0");
  assert_query (path, "SELECT count(*) FROM proposals_no_geometry", "4");
  assert_query (path, "SELECT count(*) FROM proposals_point", "1");
  assert_query (path, "SELECT count(*) FROM proposals_polygon", "2");
  assert_query (path, "SELECT group_concat(table_name || ':' || geometry_type_name || ':' ||"
                      " srs_id, ' ') FROM (SELECT * FROM gpkg_geometry_columns"
                      " WHERE table_name LIKE 'proposals%' ORDER BY table_name)",
                "proposals_line:LINESTRING:28992 proposals_multipolygon:MULTIPOLYGON:28992"
                " proposals_point:POINT:28992 proposals_polygon:POLYGON:28992");
  assert_foreign_content (path);
  assert_reloads_as (path, plan);

  /* The next save is an ordinary one. */
  edit (plan, "p-after-migration");
  g_assert_true (write_plan (file, plan, &error));
  g_assert_no_error (error);
  assert_foreign_content (path);
  assert_reloads_as (path, plan);
}

/* A spatial index GDAL made on one of our layers is kept up to date by our writes. */
static void
test_spatial_index (Fixture *fixture, gconstpointer data)
{
  g_autofree char *ogrinfo = g_find_program_in_path ("ogrinfo");
  g_autoptr (WmProjectFile) file = wm_project_file_new (fixture->path);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int status = 0;

  if (ogrinfo == NULL)
    {
      g_test_skip ("ogrinfo (gdal-bin) is not installed");
      return;
    }
  {
    const char *argv[] = { ogrinfo, fixture->path, "-sql",
                           "SELECT CreateSpatialIndex('proposals_point', 'geom')", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                 NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
    g_assert_no_error (error);
  }
  before = query_text (fixture->path, "SELECT count(*) FROM rtree_proposals_point_geom");

  plan = wm_project_file_read (file, &error);
  g_assert_no_error (error);
  edit (plan, "p-indexed");
  g_assert_true (write_plan (file, plan, &error));
  g_assert_no_error (error);
  after = query_text (fixture->path, "SELECT count(*) FROM rtree_proposals_point_geom");
  g_assert_cmpint (atoi (after), ==, atoi (before) + 1);
  assert_reloads_as (fixture->path, plan);
}

/* A proposal a QGIS user adds without a position is read (last), and one without an id is
 * refused by layer and fid. */
static void
test_gis_rows (Fixture *fixture, gconstpointer data)
{
  g_autoptr (WmProjectFile) file = wm_project_file_new (fixture->path);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = NULL;
  g_autoptr (WmProposal) last = NULL;
  GListModel *proposals;

  exec_sql (fixture->path,
            "INSERT INTO proposals_no_geometry (proposal_id, scenario_id, kind, year)"
            " SELECT 'p-qgis', scenario_id, 'renovate', 2031 FROM wijkmix_scenarios LIMIT 1");
  plan = wm_project_file_read (file, &error);
  g_assert_no_error (error);
  proposals = wm_scenario_get_proposals (wm_plan_get_active_scenario (plan));
  last = g_list_model_get_item (proposals, g_list_model_get_n_items (proposals) - 1);
  g_assert_cmpstr (wm_proposal_get_id (last), ==, "p-qgis");
  /* Saving gives it its position. */
  g_assert_true (write_plan (file, plan, &error));
  g_assert_no_error (error);
  assert_query (fixture->path, "SELECT position IS NOT NULL FROM proposals_no_geometry"
                               " WHERE proposal_id = 'p-qgis'", "1");
  assert_reloads_as (fixture->path, plan);

  exec_sql (fixture->path, "INSERT INTO facilities (geom, facility_id, type)"
                           " SELECT geom, 'f-new', 'school' FROM areas LIMIT 1");
  g_clear_object (&plan);
  plan = wm_project_file_load (fixture->path, &error);
  g_assert_null (plan);
  g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "plan.gpkg"));
  g_assert_nonnull (strstr (error->message, "facilities"));
  g_assert_nonnull (strstr (error->message, "row "));
  g_assert_nonnull (strstr (error->message, "not a point"));
}

/* Files behave like files ----------------------------------------------------------------- */

/* Two handles read, then write in turn: the second is refused and the first's edit stays. */
static void
test_two_writers (Fixture *fixture, gconstpointer data)
{
  g_autoptr (WmProjectFile) a = wm_project_file_new (fixture->path);
  g_autoptr (WmProjectFile) b = wm_project_file_new (fixture->path);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan_a = NULL;
  g_autoptr (WmPlan) plan_b = NULL;
  g_autoptr (WmPlan) again = NULL;

  plan_a = wm_project_file_read (a, &error);
  g_assert_no_error (error);
  plan_b = wm_project_file_read (b, &error);
  g_assert_no_error (error);

  edit (plan_a, "p-from-a");
  g_assert_true (write_plan (a, plan_a, &error));
  g_assert_no_error (error);

  edit (plan_b, "p-from-b");
  g_assert_false (write_plan (b, plan_b, &error));
  g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_CHANGED_ON_DISK);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "changed"));
  g_clear_error (&error);
  assert_reloads_as (fixture->path, plan_a);

  /* A replaced file (another program's rename) is a change too. */
  g_assert_true (wm_project_file_save (plan_a, fixture->path, &error));
  g_assert_no_error (error);
  edit (plan_a, "p-from-a-2");
  g_assert_false (write_plan (a, plan_a, &error));
  g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_CHANGED_ON_DISK);
  g_clear_error (&error);

  /* Read again, writing works. */
  again = wm_project_file_read (b, &error);
  g_assert_no_error (error);
  edit (again, "p-from-b-2");
  g_assert_true (write_plan (b, again, &error));
  g_assert_no_error (error);
  assert_reloads_as (fixture->path, again);
}

/* QGIS keeps a GeoPackage open in WAL mode while it shows it: saving goes on (through the WAL)
 * and is not mistaken for a change by another program. */
static void
test_wal_reader (Fixture *fixture, gconstpointer data)
{
  g_autoptr (WmProjectFile) file = wm_project_file_new (fixture->path);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = NULL;
  sqlite3 *qgis = NULL;
  char *mode = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &qgis, SQLITE_OPEN_READWRITE, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (qgis, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (qgis, "SELECT count(*) FROM facilities", NULL, NULL, NULL), ==,
                   SQLITE_OK);

  plan = wm_project_file_read (file, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("p-wal-%u", i);

      edit (plan, id);
      g_assert_true (write_plan (file, plan, &error));
      g_assert_no_error (error);
    }
  mode = query_text (fixture->path, "PRAGMA journal_mode");
  g_test_message ("journal mode with the other connection open: %s", mode);
  g_free (mode);
  g_assert_cmpint (sqlite3_close (qgis), ==, SQLITE_OK);
  assert_reloads_as (fixture->path, plan);
}

/* Another program holds a write transaction: the save is refused as locked, not corrupted. */
static void
test_locked (Fixture *fixture, gconstpointer data)
{
  g_autoptr (WmProjectFile) file = wm_project_file_new (fixture->path);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = NULL;
  sqlite3 *other = NULL;

  plan = wm_project_file_read (file, &error);
  g_assert_no_error (error);
  edit (plan, "p-locked");

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &other, SQLITE_OPEN_READWRITE, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (write_plan (file, plan, &error));
  g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_LOCKED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);

  /* Released, the same handle saves. */
  g_assert_true (write_plan (file, plan, &error));
  g_assert_no_error (error);
  assert_reloads_as (fixture->path, plan);
}

/* Two `wijkmix-cli apply` at once: both may succeed only if neither loses the other's
 * proposal; otherwise one fails saying why. */
static void
test_two_cli_writers (Fixture *fixture, gconstpointer data)
{
  const char *cli = g_getenv ("WIJKMIX_CLI");
  GPid pids[2];
  int outs[2];
  int status[2];
  gboolean ok[2];
  char *messages[2] = { NULL, NULL };
  g_autoptr (WmPlan) plan = demo ();
  g_autoptr (WmBuilding) building = g_list_model_get_item (wm_plan_get_buildings (plan), 0);

  if (cli == NULL)
    {
      g_test_skip ("WIJKMIX_CLI is not set (run through meson test)");
      return;
    }

  for (int i = 0; i < 2; i++)
    {
      g_autofree char *changes = g_strdup_printf ("%s/changes-%d.json", fixture->dir, i);
      g_autofree char *json = g_strdup_printf ("{\"version\": 1, \"srs_id\": 28992, \"proposals\":"
                                               " [{\"id\": \"p-cli-%d\", \"kind\": \"renovate\","
                                               " \"buildings\": [\"%s\"], \"year\": 2030}]}", i,
                                               wm_building_get_id (building));
      g_autoptr (GError) error = NULL;
      const char *argv[] = { cli, "apply", fixture->path, changes, NULL };

      g_assert_true (g_file_set_contents (changes, json, -1, &error));
      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                               G_SPAWN_DO_NOT_REAP_CHILD
                                               | G_SPAWN_STDOUT_TO_DEV_NULL,
                                               NULL, NULL, &pids[i], NULL, NULL, &outs[i],
                                               &error));
      g_assert_no_error (error);
    }
  for (int i = 0; i < 2; i++)
    {
      g_autoptr (GIOChannel) channel = g_io_channel_unix_new (outs[i]);
      gsize len = 0;

      g_io_channel_set_close_on_unref (channel, TRUE);
      g_io_channel_read_to_end (channel, &messages[i], &len, NULL);
      g_assert_cmpint (waitpid (pids[i], &status[i], 0), ==, pids[i]);
      g_spawn_close_pid (pids[i]);
      ok[i] = WIFEXITED (status[i]) && WEXITSTATUS (status[i]) == 0;
      g_test_message ("writer %d: %s %s", i, ok[i] ? "saved" : "refused", messages[i]);
    }

  g_assert_true (ok[0] || ok[1]);
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM proposals_no_geometry"
                                              " WHERE proposal_id = 'p-cli-%d'", i);

      assert_query (fixture->path, sql, ok[i] ? "1" : "0");
      if (!ok[i])
        g_assert_true (strstr (messages[i], "changed") != NULL ||
                       strstr (messages[i], "locked") != NULL);
      g_free (messages[i]);
    }
}

static void
test_symlink (Fixture *fixture, gconstpointer data)
{
  g_autofree char *linked = g_build_filename (fixture->dir, "link.gpkg", NULL);
  g_autofree char *hard = g_build_filename (fixture->dir, "hard.gpkg", NULL);
  g_autofree char *target = NULL;
  g_autoptr (WmProjectFile) file = wm_project_file_new (linked);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = NULL;

  g_assert_cmpint (symlink ("plan.gpkg", linked), ==, 0);
  g_assert_cmpint (link (fixture->path, hard), ==, 0);

  plan = wm_project_file_read (file, &error);
  g_assert_no_error (error);
  edit (plan, "p-link-1");
  g_assert_true (write_plan (file, plan, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (linked, G_FILE_TEST_IS_SYMLINK));
  /* Written in place: the hard link sees it too. */
  assert_reloads_as (hard, plan);

  /* The complete write (a new handle over the link) writes the target, not the link. */
  edit (plan, "p-link-2");
  g_assert_true (wm_project_file_save (plan, linked, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (linked, G_FILE_TEST_IS_SYMLINK));
  target = g_file_read_link (linked, &error);
  g_assert_cmpstr (target, ==, "plan.gpkg");
  assert_reloads_as (fixture->path, plan);
}

static void
test_modes (Fixture *fixture, gconstpointer data)
{
  g_autofree char *fresh = g_build_filename (fixture->dir, "fresh.gpkg", NULL);
  g_autoptr (WmProjectFile) file = wm_project_file_new (fixture->path);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = NULL;
  GStatBuf st;
  mode_t old = umask (077);

  plan = wm_project_file_read (file, &error);
  g_assert_no_error (error);
  g_assert_true (wm_project_file_save (plan, fresh, &error));
  umask (old);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fresh, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* An existing file keeps its mode through both kinds of write. */
  g_assert_cmpint (g_chmod (fixture->path, 0640), ==, 0);
  edit (plan, "p-mode");
  g_assert_true (write_plan (file, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_assert_true (wm_project_file_save (plan, fixture->path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
}

/* What killed saves left is removed by the next save; a save in progress is left alone. */
static void
test_leftovers (Fixture *fixture, gconstpointer data)
{
  g_autofree char *temp = g_build_filename (fixture->dir, ".plan.gpkg.Ab12Cd", NULL);
  g_autofree char *journal = g_build_filename (fixture->dir, ".plan.gpkg.Ab12Cd-journal", NULL);
  g_autofree char *orphan = g_build_filename (fixture->dir, ".plan.gpkg.Zz99Yy-journal", NULL);
  g_autofree char *busy = g_build_filename (fixture->dir, ".plan.gpkg.Busy00", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, ".other.gpkg.Ab12Cd", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = demo ();
  int fd;

  for (guint i = 0; i < 5; i++)
    {
      const char *paths[] = { temp, journal, orphan, busy, other };
      g_assert_true (g_file_set_contents (paths[i], "x", -1, &error));
    }
  fd = g_open (busy, O_RDONLY, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  g_assert_true (wm_project_file_save (plan, fixture->path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (busy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  close (fd);
}

/* A read-only file and a read-only folder. Permissions do not bind root, so as root the checks
 * run in a child that has become "nobody"; a failed assertion there aborts it. */
static void
test_read_only (Fixture *fixture, gconstpointer data)
{
  g_autofree char *sub = g_build_filename (fixture->dir, "ro", NULL);
  g_autofree char *in_sub = g_build_filename (sub, "new.gpkg", NULL);
  pid_t pid;
  int status = 0;

  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  g_assert_cmpint (g_mkdir (sub, 0555), ==, 0);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr (WmProjectFile) file = wm_project_file_new (fixture->path);
      g_autoptr (GError) error = NULL;
      g_autoptr (WmPlan) plan = NULL;

      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        g_error ("could not become nobody: %s", g_strerror (errno));
      plan = wm_project_file_read (file, &error);
      g_assert_no_error (error);
      edit (plan, "p-ro");
      g_assert_false (write_plan (file, plan, &error));
      g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, fixture->path));
      g_test_message ("%s", error->message);
      g_clear_error (&error);
      /* Also a complete write, which would otherwise rename over it. */
      g_assert_false (wm_project_file_save (plan, fixture->path, &error));
      g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_assert_false (wm_project_file_save (plan, in_sub, &error));
      g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_READ_ONLY_FOLDER);
      g_assert_nonnull (strstr (error->message, in_sub));
      g_test_message ("%s", error->message);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (sub, 0755), ==, 0);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* The disk full, made with a file size limit (no tmpfs can be mounted in a test). */
static void
test_disk_full (Fixture *fixture, gconstpointer data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = g_build_filename (fixture->dir, "big.gpkg", NULL);
      g_autoptr (WmPlan) plan = demo ();
      g_autoptr (GError) error = NULL;
      struct rlimit limit = { 64 * 1024, 64 * 1024 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (wm_project_file_save (plan, path, &error));
      g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_DISK_FULL);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_print ("%s\n", error->message);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*disk is full*");
}

/* A save killed in the middle of its transaction leaves a hot journal and a half-written file;
 * the next read sees the state before it (SQLite rolls the journal back), and saving goes on.
 * The kill is made deterministic: a child spills a big change into the file and exits without
 * committing. */
static void
test_killed_save (Fixture *fixture, gconstpointer data)
{
  g_autofree char *journal = g_strconcat (fixture->path, "-journal", NULL);
  g_autoptr (WmProjectFile) file = wm_project_file_new (fixture->path);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) before = wm_project_file_load (fixture->path, &error);
  g_autoptr (WmPlan) plan = NULL;
  GStatBuf st;
  pid_t pid;
  int status = 0;

  g_assert_no_error (error);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *db = NULL;

      if (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
          sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA cache_size = 2; BEGIN;"
                        " DELETE FROM buildings; DELETE FROM proposals_no_geometry;"
                        " UPDATE wijkmix_meta SET value = 'half' WHERE key = 'name'",
                        NULL, NULL, NULL) != SQLITE_OK)
        _exit (1);
      /* As if killed: no COMMIT, no close. */
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_cmpint (g_stat (journal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);

  plan = wm_project_file_read (file, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (before, plan));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  edit (plan, "p-after-kill");
  g_assert_true (write_plan (file, plan, &error));
  g_assert_no_error (error);
  assert_reloads_as (fixture->path, plan);
}

/* Saving costs what changed: after an edit the file keeps its inode and untouched rows
 * keep their fids. */
static void
test_incremental (Fixture *fixture, gconstpointer data)
{
  g_autoptr (WmProjectFile) file = wm_project_file_new (fixture->path);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = NULL;
  g_autofree char *fid_before = NULL;
  g_autofree char *fid_after = NULL;
  g_autoptr (WmProposal) first = NULL;
  GStatBuf before, after;

  plan = wm_project_file_read (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fixture->path, &before), ==, 0);
  fid_before = query_text (fixture->path, "SELECT group_concat(fid) FROM buildings");

  edit (plan, "p-inc");
  first = g_list_model_get_item (wm_scenario_get_proposals (wm_plan_get_active_scenario (plan)),
                                 0);
  wm_proposal_set_note (first, "changed in place");
  g_assert_true (write_plan (file, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fixture->path, &after), ==, 0);
  g_assert_cmpint (before.st_ino, ==, after.st_ino);
  fid_after = query_text (fixture->path, "SELECT group_concat(fid) FROM buildings");
  g_assert_cmpstr (fid_before, ==, fid_after);
  assert_reloads_as (fixture->path, plan);

  /* Removing and reordering. */
  wm_scenario_remove_proposal (wm_plan_get_active_scenario (plan), first);
  g_assert_true (write_plan (file, plan, &error));
  g_assert_no_error (error);
  assert_reloads_as (fixture->path, plan);
  /* Nothing changed: still fine, and still no conflict with itself. */
  g_assert_true (write_plan (file, plan, &error));
  g_assert_no_error (error);
  edit (plan, "p-inc-2");
  g_assert_true (write_plan (file, plan, &error));
  g_assert_no_error (error);
  assert_reloads_as (fixture->path, plan);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

#define ADD(name, func) \
  g_test_add ("/project-file/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("foreign/save", test_foreign_save);
  ADD ("foreign/save-as", test_foreign_save_as);
  ADD ("foreign/gis-rows", test_gis_rows);
  ADD ("foreign/spatial-index", test_spatial_index);
  ADD ("migrate/v2", test_migrate_v2);
  ADD ("files/incremental", test_incremental);
  ADD ("files/two-writers", test_two_writers);
  ADD ("files/two-cli-writers", test_two_cli_writers);
  ADD ("files/locked", test_locked);
  ADD ("files/wal-reader", test_wal_reader);
  ADD ("files/symlink", test_symlink);
  ADD ("files/modes", test_modes);
  ADD ("files/leftovers", test_leftovers);
  ADD ("files/read-only", test_read_only);
  ADD ("files/disk-full", test_disk_full);
  ADD ("files/killed-save", test_killed_save);
#undef ADD

  return g_test_run ();
}
