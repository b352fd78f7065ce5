/* test-cli-export.c: `wijkmix-cli export` of the demo in every format, without a display */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "wm-core.h"
#include "wm-project-file.h"
#include "wm-test-util.h"

typedef struct
{
  char *dir;
  char *project;
} Fixture;

typedef struct
{
  int status; /* exit code, -1 when it did not exit */
  char *out;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_free (result->out);
  g_free (result->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Runs @argv with no display at all, in @language (NULL: the test's). */
static void
run_in (const char *const *argv, const char *language, Result *result)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  if (language != NULL)
    {
      env = g_environ_setenv (env, "LANGUAGE", language, TRUE);
      env = g_environ_setenv (env, "LANG", "C.UTF-8", TRUE);
      env = g_environ_unsetenv (env, "LC_ALL");
    }
  memset (result, 0, sizeof *result);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &result->out, &result->err, &wait_status, &error));
  g_assert_no_error (error);
  result->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static const char *
cli (void)
{
  const char *path = g_getenv ("WIJKMIX_CLI");

  g_assert_nonnull (path);
  return path;
}

/* wijkmix-cli export PROJECT followed by @args (NULL-terminated). */
static void
export (Fixture *f, const char *language, Result *result, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (gpointer) cli ());
  g_ptr_array_add (argv, "export");
  g_ptr_array_add (argv, f->project);
  va_start (args, result);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  run_in ((const char *const *) argv->pdata, language, result);
}

/* The demo with two proposals, as a user makes them: a building with dwellings demolished and
 * an infill on its spot. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmPlan) plan = NULL;
  g_autofree char *json = NULL;
  g_autofree char *changes = NULL;
  const char *victim = NULL;
  GListModel *buildings;
  WmPoint c = { 0, 0 };
  g_auto(Result) created;
  g_auto(Result) applied;

  f->dir = g_dir_make_tmp ("wijkmix-cli-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->project = g_build_filename (f->dir, "demo.wijkmix", NULL);
  run_in ((const char *const[]) { cli (), "new", f->project, "--demo", NULL }, NULL, &created);
  g_assert_cmpint (created.status, ==, 0);

  plan = wm_project_file_load (f->project, &error);
  g_assert_no_error (error);
  buildings = wm_plan_get_buildings (plan);
  for (guint i = 0; i < g_list_model_get_n_items (buildings) && victim == NULL; i++)
    {
      g_autoptr(WmBuilding) b = g_list_model_get_item (buildings, i);

      if (wm_building_get_n_dwellings (b) > 0 && wm_building_get_area_id (b) != NULL)
        {
          victim = wm_building_get_id (b);
          c = wm_geometry_centroid (wm_building_get_footprint (b));
        }
    }
  g_assert_nonnull (victim);
  json = g_strdup_printf ("{ \"version\": 1, \"proposals\": [\n"
                          "  { \"kind\": \"demolish\", \"buildings\": [\"%s\"], \"year\": 2027 },\n"
                          "  { \"kind\": \"new_build\", \"name\": \"Infill\", \"year\": 2029,\n"
                          "    \"dwellings\": { \"social_rent\": 6, \"mid_rent\": 4 },\n"
                          "    \"geometry\": { \"type\": \"Polygon\", \"coordinates\":\n"
                          "      [[[%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f]]] } } ] }\n",
                          victim, c.x - 5, c.y - 5, c.x + 5, c.y - 5, c.x + 5, c.y + 5, c.x - 5,
                          c.y + 5);
  changes = g_build_filename (f->dir, "changes.json", NULL);
  g_assert_true (g_file_set_contents (changes, json, -1, NULL));
  run_in ((const char *const[]) { cli (), "apply", f->project, changes, NULL }, NULL, &applied);
  if (applied.status != 0)
    g_error ("apply failed: %s", applied.err);
  g_unlink (changes);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      g_chmod (path, 0700);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Names of the files in @dir, sorted, joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
output (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static char *
run_tool (const char *const *argv)
{
  g_auto(Result) result;

  run_in (argv, NULL, &result);
  if (result.status != 0)
    g_error ("%s failed: %s", argv[0], result.err);
  return g_steal_pointer (&result.out);
}

static void
test_tables (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = output (f, "wijk.csv");
  g_autofree char *checklist = output (f, "checklist.csv");
  g_autofree char *xlsx = output (f, "wijk.xlsx");
  g_autofree char *contents = NULL;
  g_autofree char *sheets = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Result) result;

  export (f, NULL, &result, "--scenario", "Plan", "--csv", csv, "--checklist-csv", checklist,
          "--xlsx", xlsx, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, csv));
  g_assert_nonnull (strstr (result.out, xlsx));

  /* The demo has 16 areas: a header, the whole plan, the areas and what lies outside. */
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "scenario,area_id,area_name,dwellings,"));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 1 + 1 + 16 + 1);
  g_assert_true (g_str_has_prefix (lines[1], "Plan,,"));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (checklist, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "phase,id,title,status,owner,note,target_year,"
                                             "triggered_by\r\n"));
  g_assert_nonnull (strstr (contents, "explore-figures"));

  sheets = run_tool ((const char *const[]) {
    "/usr/bin/python3", "-c",
    "import sys, openpyxl; print(' '.join(openpyxl.load_workbook(sys.argv[1]).sheetnames))",
    xlsx, NULL });
  g_assert_cmpstr (g_strstrip (sheets), ==, "Indicators Checklist About");
}

static void
test_gis (Fixture *f, gconstpointer data)
{
  g_autofree char *gpkg = output (f, "wijk.gpkg");
  g_autofree char *geojson = output (f, "wijk.geojson");
  g_autofree char *info = NULL;
  g_auto(Result) result;

  export (f, NULL, &result, "--gpkg", gpkg, "--geojson", geojson, NULL);
  g_assert_cmpint (result.status, ==, 0);
  info = run_tool ((const char *const[]) { "ogrinfo", "-ro", "-so", "-al", gpkg, NULL });
  g_assert_nonnull (strstr (info, "Layer name: proposals"));
  g_assert_nonnull (strstr (info, "Layer name: facilities"));
  /* The demo's facilities, in RD New. */
  g_assert_nonnull (strstr (strstr (info, "Layer name: proposals"), "Feature Count: 2\n"));
  g_assert_null (strstr (info, "Feature Count: 0"));
  g_assert_nonnull (strstr (info, "28992"));
  g_free (info);
  info = run_tool ((const char *const[]) { "ogrinfo", "-ro", "-so", "-al", geojson, NULL });
  g_assert_nonnull (strstr (info, "Feature Count:"));
  g_assert_null (strstr (info, "Feature Count: 0"));
}

static int
pdf_pages (const char *path)
{
  g_autofree char *info = run_tool ((const char *const[]) { "pdfinfo", path, NULL });
  const char *pages = strstr (info, "\nPages:");

  g_assert_nonnull (pages);
  return atoi (pages + strlen ("\nPages:"));
}

static void
test_drawings (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = output (f, "rapport.pdf");
  g_autofree char *poster = output (f, "poster.pdf");
  g_autofree char *png = output (f, "kaart.png");
  g_autofree char *size = NULL;
  g_auto(Result) result;

  export (f, NULL, &result, "--pdf", pdf, "--poster", poster, "--png", png, "--size", "800x600",
          NULL);
  if (result.status != 0)
    g_error ("export failed: %s", result.err);
  /* The report has pages, the poster one. */
  g_assert_cmpint (pdf_pages (pdf), >, 3);
  g_assert_cmpint (pdf_pages (poster), ==, 1);
  /* The size asked for, and a map on it: many colours, not a blank page. */
  size = run_tool ((const char *const[]) { "identify", "-format", "%w %h %k", png, NULL });
  {
    g_auto(GStrv) parts = g_strsplit (g_strstrip (size), " ", -1);

    g_assert_cmpstr (parts[0], ==, "800");
    g_assert_cmpstr (parts[1], ==, "600");
    g_assert_cmpint (atoi (parts[2]), >, 200);
  }
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = output (f, "wijk.csv");
  g_autofree char *png = output (f, "kaart.png");
  g_autofree char *garbage = output (f, "kapot.wijkmix");
  g_autofree char *missing_project = output (f, "missing.wijkmix");
  g_autofree char *before = list_dir (f->dir);
  g_autofree char *after = NULL;
  const char *const bad_sizes[] = { "10x", "x10", "0x10", "10x-5", "100000x10", "axb", "10x10x10",
                                    "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_sizes); i++)
    {
      g_auto(Result) result;

      export (f, NULL, &result, "--png", png, "--size", bad_sizes[i], NULL);
      g_assert_cmpint (result.status, ==, 2);
      g_assert_nonnull (strstr (result.err, "--size"));
    }
  {
    g_auto(Result) result;

    export (f, NULL, &result, "--scenario", "Nergens", "--csv", csv, NULL);
    g_assert_cmpint (result.status, ==, 1);
    g_assert_nonnull (strstr (result.err, "“Nergens”"));
  }
  {
    /* In Dutch when the interface is. */
    g_auto(Result) result;

    export (f, "nl", &result, "--scenario", "Nergens", "--csv", csv, NULL);
    g_assert_cmpint (result.status, ==, 1);
    g_assert_nonnull (strstr (result.err, "het project heeft geen scenario “Nergens”"));
  }
  {
    g_auto(Result) result;

    export (f, NULL, &result, NULL);
    g_assert_cmpint (result.status, ==, 2);
    g_assert_nonnull (strstr (result.err, "--pdf"));
  }
  {
    g_auto(Result) result;

    run_in ((const char *const[]) { cli (), "export", missing_project, "--csv", csv, NULL },
            NULL, &result);
    g_assert_cmpint (result.status, ==, 1);
    g_assert_nonnull (strstr (result.err, missing_project));
  }
  after = list_dir (f->dir);
  g_assert_cmpstr (after, ==, before);
  {
    g_auto(Result) result;

    g_assert_true (g_file_set_contents (garbage, "not a project", -1, NULL));
    run_in ((const char *const[]) { cli (), "export", garbage, "--csv", csv, NULL }, NULL,
            &result);
    g_assert_cmpint (result.status, ==, 1);
    g_assert_nonnull (strstr (result.err, garbage));
    g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  }
}

/* A folder that does not exist: named, nothing made. */
static void
test_missing_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *folder = output (f, "weg");
  g_autofree char *target = g_build_filename (folder, "wijk.gpkg", NULL);
  g_autofree char *before = list_dir (f->dir);
  g_autofree char *after = NULL;
  g_auto(Result) result;

  export (f, NULL, &result, "--gpkg", target, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, target));
  g_assert_nonnull (strstr (result.err, "does not exist"));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  after = list_dir (f->dir);
  g_assert_cmpstr (after, ==, before);
}

/* Whether @folder can be bound read-only in a mount namespace of our own. */
static gboolean
can_unshare (const char *folder)
{
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *script = NULL;
  g_auto(Result) result;

  if (unshare == NULL)
    return FALSE;
  script = g_strdup_printf ("mount --bind '%s' '%s' && mount -o remount,bind,ro '%s'", folder,
                            folder, folder);
  run_in ((const char *const[]) { unshare, "-r", "-m", "sh", "-c", script, NULL }, NULL,
          &result);
  return result.status == 0;
}

/* Every format into a read-only folder: an error naming the file and the folder, and nothing
 * written: the file already there is unchanged and no temporary file is left. Root writes into
 * a folder without write permission, so there the folder is bound read-only in a mount
 * namespace of the export's own (unshare). */
static void
test_read_only_folder (Fixture *f, gconstpointer data)
{
  const char *const options[] = { "--csv", "--checklist-csv", "--xlsx", "--gpkg", "--geojson",
                                   "--pdf", "--poster", "--png" };
  const char *const names[] = { "wijk.csv", "checklist.csv", "wijk.xlsx", "wijk.gpkg",
                                "wijk.geojson", "rapport.pdf", "poster.pdf", "kaart.png" };
  g_autofree char *folder = output (f, "alleen-lezen");
  g_autofree char *existing = g_build_filename (folder, "wijk.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  gboolean as_root = geteuid () == 0;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  if (as_root && !can_unshare (folder))
    {
      g_test_skip ("running as root, which writes into any folder, and no mount namespace "
                   "(unshare -r -m) to make one read-only");
      return;
    }
  g_assert_true (g_file_set_contents (existing, "old,figures\r\n", -1, NULL));
  before = list_dir (folder);
  if (!as_root)
    g_assert_cmpint (g_chmod (folder, 0500), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_autofree char *target = g_build_filename (folder, names[i], NULL);
      g_autofree char *after = NULL;
      g_auto(Result) result;

      if (as_root)
        {
          g_autofree char *script = g_strdup_printf (
            "mount --bind '%s' '%s' && mount -o remount,bind,ro '%s' && exec \"$0\" \"$@\"",
            folder, folder, folder);

          run_in ((const char *const[]) { "unshare", "-r", "-m", "sh", "-c", script, cli (),
                                          "export", f->project, options[i], target, NULL },
                  NULL, &result);
        }
      else
        export (f, NULL, &result, options[i], target, NULL);
      g_test_message ("%s: %s", options[i], result.err);
      g_assert_cmpint (result.status, ==, 1);
      g_assert_nonnull (strstr (result.err, target));
      g_assert_nonnull (strstr (result.err, "read-only"));
      after = list_dir (folder);
      g_assert_cmpstr (after, ==, before);
    }
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old,figures\r\n");
}

/* A full disk, as a small tmpfs in a mount namespace of the export's own: for each format
 * larger than it, an error saying the disk is full and nothing left but the file that was
 * there, unchanged. */
static void
test_disk_full (Fixture *f, gconstpointer data)
{
  const char *const options[] = { "--pdf", "--poster", "--png", "--gpkg", "--xlsx", "--csv" };
  const char *const names[] = { "rapport.pdf", "poster.pdf", "kaart.png", "wijk.gpkg",
                                "wijk.xlsx", "wijk.csv" };
  g_autofree char *folder = output (f, "vol");
  g_autofree char *unshare = g_find_program_in_path ("unshare");

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  if (unshare == NULL || !can_unshare (folder))
    {
      g_test_skip ("no mount namespace (unshare -r -m) for a small file system");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_autofree char *target = g_build_filename (folder, names[i], NULL);
      /* The old file is made inside the small file system; what is left is listed after. */
      g_autofree char *script = g_strdup_printf (
        "mount -t tmpfs -o size=8k tmpfs '%s' && printf old > '%s' && \"$0\" \"$@\"; "
        "status=$?; echo; ls -A '%s'; cat '%s'; exit $status",
        folder, target, folder, target);
      g_autofree char *expected = g_strdup_printf ("\n%s\nold", names[i]);
      g_auto(Result) result;

      run_in ((const char *const[]) { unshare, "-r", "-m", "sh", "-c", script, cli (), "export",
                                      f->project, options[i], target, NULL },
              NULL, &result);
      g_test_message ("%s: %s", options[i], result.err);
      g_assert_cmpint (result.status, ==, 1);
      g_assert_nonnull (strstr (result.err, target));
      g_assert_nonnull (strstr (result.err, "the disk is full"));
      g_assert_true (g_str_has_suffix (result.out, expected));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add ("/cli-export/tables", Fixture, NULL, fixture_set_up, test_tables,
              fixture_tear_down);
  g_test_add ("/cli-export/gis", Fixture, NULL, fixture_set_up, test_gis, fixture_tear_down);
  g_test_add ("/cli-export/drawings", Fixture, NULL, fixture_set_up, test_drawings,
              fixture_tear_down);
  g_test_add ("/cli-export/errors", Fixture, NULL, fixture_set_up, test_errors,
              fixture_tear_down);
  g_test_add ("/cli-export/missing-folder", Fixture, NULL, fixture_set_up, test_missing_folder,
              fixture_tear_down);
  g_test_add ("/cli-export/read-only-folder", Fixture, NULL, fixture_set_up,
              test_read_only_folder, fixture_tear_down);
  g_test_add ("/cli-export/disk-full", Fixture, NULL, fixture_set_up, test_disk_full,
              fixture_tear_down);
  return g_test_run ();
}
