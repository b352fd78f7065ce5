/* test-document.c: the open project: load, edit, save in a worker, Save As, failures */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "wm-core.h"
#include "wm-document.h"
#include "wm-project-file.h"
#include "wm-test-util.h"

/* A temporary folder with a saved make_plan() in it. */
typedef struct
{
  char *dir;
  char *path;
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (WmPlan) plan = wm_test_make_small_plan ("Otterlo-Noord");
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("wijkmix-document-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "plan.gpkg", NULL);
  g_assert_true (wm_project_file_save (plan, fixture->path, &error));
  g_assert_no_error (error);
  fixture->file = g_file_new_for_path (fixture->path);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_chmod (path, 0700);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_clear_object (&fixture->file);
}

static gboolean
on_timeout (gpointer data)
{
  g_error ("%s did not finish within 30 s", (const char *) data);
  return G_SOURCE_REMOVE;
}

static void
on_ready (GObject *source, GAsyncResult *result, gpointer data)
{
  GAsyncResult **slot = data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

/* Runs the main loop until @slot holds the result; fails naming @what after 30 s. */
static GAsyncResult *
wait_for_result (GAsyncResult **slot, const char *what)
{
  guint timeout = g_timeout_add_seconds (30, on_timeout, (gpointer) what);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  return g_steal_pointer (slot);
}

static WmDocument *
load (GFile *file, GError **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  wm_document_load_async (file, NULL, on_ready, &slot);
  result = wait_for_result (&slot, "wm_document_load_async()");
  return wm_document_load_finish (result, error);
}

/* Starts a save and returns while it runs; finish with finish_save(). */
static void
start_save (WmDocument *document, GFile *file, GAsyncResult **slot)
{
  *slot = NULL;
  wm_document_save_async (document, file, NULL, on_ready, slot);
}

static gboolean
finish_save (WmDocument *document, GAsyncResult **slot, GError **error)
{
  g_autoptr (GAsyncResult) result = wait_for_result (slot, "wm_document_save_async()");

  return wm_document_save_finish (document, result, error);
}

static WmPlan *
read_back (const char *path)
{
  g_autoptr (GError) error = NULL;
  WmPlan *plan = wm_project_file_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_load (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmDocument) document = load (fixture->file, &error);
  g_autoptr (WmPlan) expected = wm_test_make_small_plan ("Otterlo-Noord");
  g_autoptr (GFile) missing = g_file_get_child (fixture->file, "no-such.gpkg");
  g_autoptr (WmDocument) none = NULL;
  WmPlan *plan;

  g_assert_no_error (error);
  g_assert_nonnull (document);
  plan = wm_document_get_plan (document);
  g_assert_true (wm_plan_equal (plan, expected));
  g_assert_true (g_file_equal (wm_document_get_file (document), fixture->file));
  g_assert_false (wm_document_get_modified (document));
  g_assert_false (wm_document_get_busy (document));
  g_assert_true (wm_history_get_plan (wm_document_get_history (document)) == plan);
  g_assert_true (wm_checklist_get_engine (wm_document_get_checklist (document)) ==
                 wm_document_get_engine (document));
  g_assert_true (wm_indicator_engine_get_scenario (wm_document_get_engine (document)) ==
                 wm_plan_get_active_scenario (plan));
  g_assert_null (wm_document_get_catalogue_error (document));
  g_assert_null (wm_document_get_autosave (document));

  /* The blocking load gives the same document. */
  g_clear_object (&document);
  document = wm_document_load (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (wm_document_get_plan (document), expected));

  /* A missing file is an error naming it, and no document. */
  none = load (missing, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no-such.gpkg"));
}

static void
test_modified (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmDocument) document = wm_document_load (fixture->file, &error);
  WmHistory *history;
  WmScenario *second;
  guint n_notify = 0;

  g_assert_no_error (error);
  history = wm_document_get_history (document);
  g_signal_connect (document, "notify::modified", G_CALLBACK (count_notify), &n_notify);

  wm_history_set_plan_name (history, "Renamed");
  g_assert_true (wm_document_get_modified (document));
  g_assert_cmpuint (n_notify, ==, 1);
  wm_history_set_plan_description (history, "Second edit");
  g_assert_cmpuint (n_notify, ==, 1);
  wm_history_undo (history);
  wm_history_undo (history);
  g_assert_false (wm_document_get_modified (document));
  g_assert_cmpuint (n_notify, ==, 2);

  /* Restored work is modified until saved, even without an edit. */
  wm_document_mark_restored (document);
  g_assert_true (wm_document_get_modified (document));
  g_assert_cmpuint (n_notify, ==, 3);
  g_assert_true (wm_document_save (document, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (wm_document_get_modified (document));
  g_assert_cmpuint (n_notify, ==, 4);

  /* The engine follows the active scenario. */
  second = wm_scenario_new ("variant", "Variant");
  wm_history_add_scenario (history, second, TRUE);
  g_assert_true (wm_indicator_engine_get_scenario (wm_document_get_engine (document)) == second);
  g_object_unref (second);
}

static void
test_save_async (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmDocument) document = wm_document_load (fixture->file, &error);
  g_autoptr (WmPlan) on_disk = NULL;
  GAsyncResult *slot = NULL;
  guint n_busy = 0;

  g_assert_no_error (error);
  g_signal_connect (document, "notify::busy", G_CALLBACK (count_notify), &n_busy);
  wm_history_set_plan_name (wm_document_get_history (document), "Saved in a worker");
  g_assert_true (wm_document_get_modified (document));

  start_save (document, NULL, &slot);
  /* The call returned at once: the write runs in a worker and is reported through the loop. */
  g_assert_true (wm_document_get_busy (document));
  g_assert_true (wm_document_get_modified (document));
  g_assert_null (slot);
  g_assert_true (finish_save (document, &slot, &error));
  g_assert_no_error (error);
  g_assert_false (wm_document_get_busy (document));
  g_assert_cmpuint (n_busy, ==, 2);
  g_assert_false (wm_document_get_modified (document));

  on_disk = read_back (fixture->path);
  g_assert_true (wm_plan_equal (on_disk, wm_document_get_plan (document)));
}

static void
test_edit_during_save (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmDocument) document = wm_document_load (fixture->file, &error);
  g_autoptr (WmPlan) on_disk = NULL;
  WmHistory *history;
  GAsyncResult *slot = NULL;
  GAsyncResult *second = NULL;
  g_autoptr (GAsyncResult) second_result = NULL;

  g_assert_no_error (error);
  history = wm_document_get_history (document);
  wm_history_set_plan_name (history, "Before the save");
  start_save (document, NULL, &slot);

  /* The save took its snapshot; this edit is not in it. The main loop has not run, so the
   * save cannot have been reported yet, wherever the worker is. */
  wm_history_set_plan_description (history, "During the save");

  /* One save at a time: a second one is refused while the first runs. */
  start_save (document, NULL, &second);
  second_result = wait_for_result (&second, "the refused second save");
  g_assert_false (wm_document_save_finish (document, second_result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);
  g_assert_false (wm_document_save (document, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);

  g_assert_true (finish_save (document, &slot, &error));
  g_assert_no_error (error);
  g_assert_true (wm_document_get_modified (document));

  on_disk = read_back (fixture->path);
  g_assert_cmpstr (wm_plan_get_name (on_disk), ==, "Before the save");
  g_assert_cmpstr (wm_plan_get_description (on_disk), !=, "During the save");

  /* Undoing the later edit is back at what the file holds. */
  g_assert_true (wm_history_undo (history));
  g_assert_false (wm_document_get_modified (document));
  g_assert_true (wm_history_redo (history));
  g_assert_true (wm_document_get_modified (document));
}

static void
test_save_as (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmDocument) document = wm_document_load (fixture->file, &error);
  g_autofree char *other_path = g_build_filename (fixture->dir, "copy.gpkg", NULL);
  g_autoptr (GFile) other = g_file_new_for_path (other_path);
  g_autoptr (WmPlan) original = NULL;
  g_autoptr (WmPlan) copy = NULL;
  GAsyncResult *slot = NULL;
  guint n_file = 0;

  g_assert_no_error (error);
  g_signal_connect (document, "notify::file", G_CALLBACK (count_notify), &n_file);
  wm_history_set_plan_name (wm_document_get_history (document), "Saved elsewhere");

  start_save (document, other, &slot);
  g_assert_true (finish_save (document, &slot, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (wm_document_get_file (document), other));
  g_assert_cmpuint (n_file, ==, 1);
  g_assert_false (wm_document_get_modified (document));
  original = read_back (fixture->path);
  g_assert_cmpstr (wm_plan_get_name (original), ==, "Otterlo-Noord");
  copy = read_back (other_path);
  g_assert_cmpstr (wm_plan_get_name (copy), ==, "Saved elsewhere");

  /* From now on the document lives in the new file. */
  wm_history_set_plan_name (wm_document_get_history (document), "Second save");
  start_save (document, NULL, &slot);
  g_assert_true (finish_save (document, &slot, &error));
  g_assert_no_error (error);
  g_clear_object (&original);
  g_clear_object (&copy);
  original = read_back (fixture->path);
  g_assert_cmpstr (wm_plan_get_name (original), ==, "Otterlo-Noord");
  copy = read_back (other_path);
  g_assert_cmpstr (wm_plan_get_name (copy), ==, "Second save");
}

static void
test_untitled (Fixture *fixture, gconstpointer data)
{
  g_autoptr (WmPlan) plan = wm_test_make_small_plan ("Untitled");
  g_autoptr (WmDocument) document = wm_document_new (plan, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "new.gpkg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (WmPlan) on_disk = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_null (wm_document_get_file (document));
  g_assert_false (wm_document_get_modified (document));
  /* Nowhere to save to yet. */
  g_assert_false (wm_document_save (document, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (wm_document_save (document, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (wm_document_get_file (document), file));
  on_disk = read_back (path);
  g_assert_true (wm_plan_equal (on_disk, plan));
}

/* A failed save names the file, keeps the document modified and in its old file. */
static void
check_failed_save (WmDocument *document, GFile *target, const char *target_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) before = g_object_ref (wm_document_get_file (document));
  GAsyncResult *slot = NULL;

  wm_history_set_plan_name (wm_document_get_history (document), "Not saved");
  start_save (document, target, &slot);
  g_assert_false (finish_save (document, &slot, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, target_path));
  g_assert_true (wm_document_get_modified (document));
  g_assert_false (wm_document_get_busy (document));
  g_assert_true (g_file_equal (wm_document_get_file (document), before));
}

static void
test_failed_save_as (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmDocument) document = wm_document_load (fixture->file, &error);
  /* A folder that is a file: no one can write below it, root included. */
  g_autofree char *target_path = g_build_filename (fixture->path, "inside.gpkg", NULL);
  g_autoptr (GFile) target = g_file_new_for_path (target_path);
  g_autoptr (WmPlan) on_disk = NULL;

  g_assert_no_error (error);
  check_failed_save (document, target, target_path);
  on_disk = read_back (fixture->path);
  g_assert_cmpstr (wm_plan_get_name (on_disk), ==, "Otterlo-Noord");
}

static void
test_failed_save_read_only (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmDocument) document = wm_document_load (fixture->file, &error);
  g_autoptr (WmPlan) on_disk = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  if (access (fixture->dir, W_OK) == 0)
    {
      g_test_skip ("root writes into read-only folders; /document/failed-save-as covers failures");
      return;
    }
  check_failed_save (document, NULL, fixture->path);
  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);
  on_disk = read_back (fixture->path);
  g_assert_cmpstr (wm_plan_get_name (on_disk), ==, "Otterlo-Noord");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/document/load", test_load);
  ADD ("/document/modified", test_modified);
  ADD ("/document/save-async", test_save_async);
  ADD ("/document/edit-during-save", test_edit_during_save);
  ADD ("/document/save-as", test_save_as);
  ADD ("/document/untitled", test_untitled);
  ADD ("/document/failed-save-as", test_failed_save_as);
  ADD ("/document/failed-save-read-only", test_failed_save_read_only);
#undef ADD

  return g_test_run ();
}
