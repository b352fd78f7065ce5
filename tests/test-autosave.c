/* test-autosave.c: tests of autosave and crash recovery */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "wm-autosave.h"
#include "wm-project-file.h"
#include "wm-test-util.h"

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
failed_cb (WmAutosave *autosave,
           GError     *error,
           guint      *count)
{
  g_assert_nonnull (error);
  (*count)++;
}

typedef struct
{
  guint *count;
  guint n;
} CountAtLeast;

static gboolean
count_reached (gpointer data)
{
  CountAtLeast *c = data;

  return *c->count >= c->n;
}

/* Runs the main loop until *@count reaches @n (a signal counted it); wm_test_wait_until fails
 * naming @what. */
static void
wait_for_count (guint *count, guint n, const char *what)
{
  CountAtLeast c = { count, n };

  wm_test_wait_until (count_reached, &c, what);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
test_debounce (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-recovery-XXXXXX", NULL);
  g_autofree char *recovery_dir = g_build_filename (dir, "recovery", NULL);
  g_autoptr(WmPlan) plan = wm_test_make_small_plan ("Debounce");
  g_autoptr(WmAutosave) autosave = wm_autosave_new (plan, recovery_dir);
  g_autoptr(WmPlan) loaded = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *info_path = NULL;
  const guint delay_ms = 200;
  gint64 first_due;
  const char *path;
  guint n_saved = 0, n_failed = 0;

  g_signal_connect (autosave, "saved", G_CALLBACK (count_cb), &n_saved);
  g_signal_connect (autosave, "failed", G_CALLBACK (failed_cb), &n_failed);
  g_assert_cmpuint (wm_autosave_get_delay (autosave), ==, WM_AUTOSAVE_DEFAULT_DELAY_MS);
  wm_autosave_set_delay (autosave, delay_ms);
  wm_autosave_set_original_path (autosave, "/home/planner/otterlo.wijkmix");
  path = wm_autosave_get_recovery_path (autosave);
  g_assert_true (g_str_has_prefix (path, recovery_dir));
  stem = g_strndup (path, strlen (path) - strlen (".gpkg"));
  info_path = g_strconcat (stem, ".ini", NULL);

  /* Nothing is written without a change: no write waits. */
  g_assert_false (wm_autosave_get_pending (autosave));
  g_assert_cmpint (wm_autosave_get_due_time (autosave), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Each change moves the write to "delay" after it. */
  wm_plan_set_name (plan, "One");
  g_assert_true (wm_autosave_get_pending (autosave));
  first_due = wm_autosave_get_due_time (autosave);
  /* Due times come from the main context's cached time, so they are compared with each other,
   * never with a clock read here. */
  g_assert_cmpint (first_due, >, 0);
  wm_plan_set_description (plan, "Two");
  wm_plan_set_illustrative (plan, TRUE);
  g_assert_cmpint (wm_autosave_get_due_time (autosave), >=, first_due);
  g_assert_cmpuint (n_saved, ==, 0);

  /* Three changes, one write, with all three. */
  wait_for_count (&n_saved, 1, "the first autosave");
  g_assert_cmpuint (n_saved, ==, 1);
  g_assert_cmpuint (n_failed, ==, 0);
  g_assert_false (wm_autosave_get_pending (autosave));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (info_path, G_FILE_TEST_IS_REGULAR));

  loaded = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, loaded));
  g_clear_object (&loaded);

  /* This process is alive: its copy is not offered for recovery. */
  entries = wm_autosave_list_recoverable (recovery_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);

  /* A clean save discards the copy; later edits start a new one. */
  wm_autosave_discard (autosave);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (info_path, G_FILE_TEST_EXISTS));
  wm_plan_set_name (plan, "Again");
  wait_for_count (&n_saved, 2, "the autosave after a discard");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (info_path, G_FILE_TEST_IS_REGULAR));

  /* A pending write is dropped by discard: nothing waits, and the next write, after the next
   * change, is the only one. */
  wm_plan_set_name (plan, "Dropped");
  g_assert_true (wm_autosave_get_pending (autosave));
  wm_autosave_discard (autosave);
  g_assert_false (wm_autosave_get_pending (autosave));
  g_assert_cmpint (wm_autosave_get_due_time (autosave), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  wm_plan_set_description (plan, "Kept");
  wait_for_count (&n_saved, 3, "the autosave after a dropped one");
  g_assert_cmpuint (n_saved, ==, 3);
  loaded = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, loaded));

  /* A change while a write runs is written after it. With delay 0 the write starts in the
   * next iteration; the second change comes before its report, and gets a write of its own. */
  wm_autosave_set_delay (autosave, 0);
  wm_plan_set_name (plan, "While writing, 1");
  while (wm_autosave_get_due_time (autosave) != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wm_autosave_get_pending (autosave));
  g_assert_cmpuint (n_saved, ==, 3);
  wm_plan_set_name (plan, "While writing, 2");
  wait_for_count (&n_saved, 5, "the autosave of a change during a write");
  g_assert_false (wm_autosave_get_pending (autosave));
  g_clear_object (&loaded);
  loaded = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, loaded));
  g_assert_cmpuint (n_failed, ==, 0);

  wm_autosave_discard (autosave);
  remove_tree (recovery_dir);
  g_rmdir (dir);
}

/* A discard while a write runs in the worker leaves nothing behind and reports nothing. */
static void
test_discard_during_write (void)
{
  g_autofree char *recovery_dir = g_dir_make_tmp ("wijkmix-recovery-XXXXXX", NULL);
  g_autoptr(WmPlan) plan = wm_test_make_small_plan ("Discarded");
  g_autoptr(WmAutosave) autosave = wm_autosave_new (plan, recovery_dir);
  g_autofree char *path = g_strdup (wm_autosave_get_recovery_path (autosave));
  guint n_saved = 0, n_failed = 0, n_pending = 0;

  g_signal_connect (autosave, "saved", G_CALLBACK (count_cb), &n_saved);
  g_signal_connect (autosave, "failed", G_CALLBACK (failed_cb), &n_failed);
  g_signal_connect (autosave, "notify::pending", G_CALLBACK (notify_count_cb), &n_pending);
  wm_autosave_set_delay (autosave, 0);

  /* The write starts in the loop's next iteration and stays pending until reported. */
  wm_plan_set_name (plan, "Started");
  g_assert_cmpuint (n_pending, ==, 1);
  while (wm_autosave_get_due_time (autosave) != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wm_autosave_get_pending (autosave));
  wm_autosave_discard (autosave);

  /* Its report comes through the loop; after it nothing is pending and nothing is left. */
  wait_for_count (&n_pending, 2, "the end of the discarded write");
  g_assert_false (wm_autosave_get_pending (autosave));
  g_assert_cmpuint (n_saved, ==, 0);
  g_assert_cmpuint (n_failed, ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The next change starts a new, complete copy. */
  wm_plan_set_name (plan, "After the discard");
  wait_for_count (&n_saved, 1, "the autosave after the discarded write");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  wm_autosave_discard (autosave);
  remove_tree (recovery_dir);
}

/* The child autosaves and dies without discarding: a crash. */
static void
crash_child (const char *recovery_dir)
{
  g_autoptr(WmPlan) plan = wm_test_make_small_plan ("Crashed plan");
  g_autoptr(WmAutosave) autosave = wm_autosave_new (plan, recovery_dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *pid_text = g_strdup_printf ("%d", (int) getpid ());

  wm_autosave_set_original_path (autosave, "/home/planner/otterlo.wijkmix");
  wm_plan_set_description (plan, "Unsaved work");
  if (!wm_autosave_save_now (autosave, &error) ||
      !g_file_set_contents (g_getenv ("WM_TEST_CRASH_PID_FILE"), pid_text, -1, NULL))
    _exit (2);
  /* Gone without a clean close, as after a crash. */
  _exit (0);
}

/* Run only as the subprocess of /autosave/crash-recovery. */
static void
test_crash_child (void)
{
  if (g_test_subprocess ())
    crash_child (g_getenv ("WM_TEST_CRASH_DIR"));
}

static void
test_crash_recovery (void)
{
  g_autofree char *recovery_dir = g_dir_make_tmp ("wijkmix-recovery-XXXXXX", NULL);
  g_autoptr(WmPlan) expected = wm_test_make_small_plan ("Crashed plan");
  g_autoptr(WmPlan) restored = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original_path = NULL;
  WmRecoveryEntry *entry;
  g_autoptr(WmRecoveryEntry) copy = NULL;
  g_autofree char *pid_file = NULL;
  g_autofree char *pid_text = NULL;
  pid_t pid;

  wm_plan_set_description (expected, "Unsaved work");

  /* The child is a fresh process (the test binary run again), not a fork of this one: a
   * fork of a process with worker threads may inherit a lock another thread held. */
  pid_file = g_build_filename (g_get_tmp_dir (), "wijkmix-crash-pid-XXXXXX", NULL);
  g_close (g_mkstemp (pid_file), NULL);
  g_setenv ("WM_TEST_CRASH_DIR", recovery_dir, TRUE);
  g_setenv ("WM_TEST_CRASH_PID_FILE", pid_file, TRUE);
  g_test_trap_subprocess ("/autosave/crash-recovery/child", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_assert_true (g_file_get_contents (pid_file, &pid_text, NULL, &error));
  g_assert_no_error (error);
  pid = (pid_t) g_ascii_strtoll (pid_text, NULL, 10);
  g_assert_cmpint (pid, >, 0);
  g_unlink (pid_file);

  entries = wm_autosave_list_recoverable (recovery_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->pid, ==, pid);
  g_assert_cmpstr (entry->original_path, ==, "/home/planner/otterlo.wijkmix");
  g_assert_cmpstr (entry->plan_name, ==, "Crashed plan");
  g_assert_false (entry->is_demo);
  g_assert_nonnull (entry->time);
  g_assert_true (g_file_test (entry->plan_path, G_FILE_TEST_IS_REGULAR));
  copy = wm_recovery_entry_copy (entry);
  g_assert_cmpstr (copy->id, ==, entry->id);

  restored = wm_autosave_restore (recovery_dir, entry->id, &original_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_true (wm_plan_equal (restored, expected));
  g_assert_cmpstr (original_path, ==, "/home/planner/otterlo.wijkmix");

  /* Bad ids never reach outside the folder. */
  g_assert_null (wm_autosave_restore (recovery_dir, "../x", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (wm_autosave_delete (recovery_dir, entry->id, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (copy->plan_path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = wm_autosave_list_recoverable (recovery_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
  /* Deleting again is fine. */
  g_assert_true (wm_autosave_delete (recovery_dir, copy->id, &error));
  g_assert_no_error (error);

  remove_tree (recovery_dir);
}

static void
test_missing_dir (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = wm_autosave_list_recoverable ("/nonexistent/wijkmix/recovery", &error);
  g_assert_no_error (error);
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_failed_write_keeps_previous (void)
{
  g_autofree char *recovery_dir = g_dir_make_tmp ("wijkmix-recovery-XXXXXX", NULL);
  g_autoptr(WmPlan) plan = wm_test_make_small_plan ("First");
  g_autoptr(WmPlan) first = wm_test_make_small_plan ("First");
  g_autoptr(WmAutosave) autosave = wm_autosave_new (plan, recovery_dir);
  g_autoptr(WmPlan) loaded = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit saved_limit, small_limit;
  void (*saved_handler) (int);
  guint n_failed = 0;
  gboolean ok;

  g_signal_connect (autosave, "failed", G_CALLBACK (failed_cb), &n_failed);
  g_assert_true (wm_autosave_save_now (autosave, &error));
  g_assert_no_error (error);

  wm_plan_set_name (plan, "Second");

  /* A file size limit makes the write fail even for root (a full disk, in effect). */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  small_limit = saved_limit;
  small_limit.rlim_cur = 2048;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small_limit), ==, 0);
  ok = wm_autosave_save_now (autosave, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  signal (SIGXFSZ, saved_handler);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_cmpuint (n_failed, ==, 1);
  g_clear_error (&error);

  /* The previous copy is whole. */
  loaded = wm_project_file_load (wm_autosave_get_recovery_path (autosave), &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (loaded, first));
  g_clear_object (&loaded);

  /* And the next write succeeds. */
  g_assert_true (wm_autosave_save_now (autosave, &error));
  g_assert_no_error (error);
  loaded = wm_project_file_load (wm_autosave_get_recovery_path (autosave), &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (loaded, plan));

  wm_autosave_discard (autosave);
  remove_tree (recovery_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/autosave/debounce", test_debounce);
  g_test_add_func ("/autosave/discard-during-write", test_discard_during_write);
  g_test_add_func ("/autosave/crash-recovery", test_crash_recovery);
  g_test_add_func ("/autosave/crash-recovery/child", test_crash_child);
  g_test_add_func ("/autosave/missing-dir", test_missing_dir);
  g_test_add_func ("/autosave/failed-write-keeps-previous", test_failed_write_keeps_previous);

  return g_test_run ();
}
