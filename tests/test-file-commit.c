/* test-file-commit.c: an export lands whole or not at all */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <gio/gio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wm-file-commit.h"

static char *
make_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("wm-commit-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_entries (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (listing);
  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_replace (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  WmFileCommit *commit;
  const char *temp;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  commit = wm_file_commit_begin (path, &error);
  g_assert_no_error (error);
  temp = wm_file_commit_get_temp_path (commit);
  g_assert_cmpstr (wm_file_commit_get_path (commit), ==, path);
  /* Beside the target, hidden, with its extension. */
  g_assert_true (g_str_has_prefix (temp, dir));
  g_assert_true (g_str_has_suffix (temp, ".pdf"));
  g_assert_true (g_file_test (temp, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_set_contents (temp, "new", -1, NULL));
  /* Until it is finished the target is untouched. */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "old");
  g_clear_pointer (&text, g_free);

  g_assert_true (wm_file_commit_finish (commit, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "new");
  g_assert_cmpuint (count_entries (dir), ==, 1);
  remove_dir (dir);
}

static void
test_abort_leaves_nothing (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "table.csv", NULL);
  g_autofree char *kept = g_build_filename (dir, "kept.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  WmFileCommit *commit;

  commit = wm_file_commit_begin (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (wm_file_commit_get_temp_path (commit), "half", -1, NULL));
  wm_file_commit_abort (commit);
  g_assert_cmpuint (count_entries (dir), ==, 0);

  /* An existing file stays as it was. */
  g_assert_true (g_file_set_contents (kept, "before", -1, NULL));
  commit = wm_file_commit_begin (kept, &error);
  g_assert_no_error (error);
  wm_file_commit_abort (commit);
  g_assert_true (g_file_get_contents (kept, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "before");
  g_assert_cmpuint (count_entries (dir), ==, 1);
  wm_file_commit_abort (NULL);
  remove_dir (dir);
}

static void
test_missing_folder (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "nowhere", "map.png", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_null (wm_file_commit_begin (path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_cmpuint (count_entries (dir), ==, 0);
  remove_dir (dir);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "map.png", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  if (access (dir, W_OK) == 0)
    {
      /* root writes anyway: /proc is read-only for everyone. */
      g_clear_pointer (&path, g_free);
      path = g_strdup ("/proc/wijkmix-export.png");
    }
  g_assert_null (wm_file_commit_begin (path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpuint (count_entries (dir), ==, 0);
  remove_dir (dir);
}

static void
test_refuses_folder_and_read_only_file (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "locked.pdf", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_null (wm_file_commit_begin (dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "mine", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  if (access (path, W_OK) != 0)
    {
      g_assert_null (wm_file_commit_begin (path, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_nonnull (strstr (error->message, "read-only"));
    }
  g_assert_cmpuint (count_entries (dir), ==, 1);
  remove_dir (dir);
}

static void
test_keeps_mode (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "shared.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  WmFileCommit *commit;
  GStatBuf st;

  g_assert_true (g_file_set_contents (path, "v1", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0664), ==, 0);
  commit = wm_file_commit_begin (path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_file_commit_finish (commit, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0664);
  remove_dir (dir);
}

static void
test_disk_full_message (void)
{
  g_autoptr (GError) error = wm_file_commit_error_from_errno ("/media/usb/plan.pdf", ENOSPC);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpstr (error->message, ==, "Could not write “/media/usb/plan.pdf”: the disk is full");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/file-commit/replace", test_replace);
  g_test_add_func ("/file-commit/abort-leaves-nothing", test_abort_leaves_nothing);
  g_test_add_func ("/file-commit/missing-folder", test_missing_folder);
  g_test_add_func ("/file-commit/read-only-folder", test_read_only_folder);
  g_test_add_func ("/file-commit/refuses-folder-and-read-only-file",
                   test_refuses_folder_and_read_only_file);
  g_test_add_func ("/file-commit/keeps-mode", test_keeps_mode);
  g_test_add_func ("/file-commit/disk-full-message", test_disk_full_message);
  return g_test_run ();
}
