/* wm-file-commit.c: write an export beside its target, then put it in place in one step */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wm-file-commit.h"

struct _WmFileCommit
{
  char *path;
  char *temp_path;
  int fd;
};

static GIOErrorEnum
io_code (int errsv)
{
  return g_io_error_from_errno (errsv);
}

GError *
wm_file_commit_error_from_errno (const char *path, int errsv)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (errsv == ENOSPC || errsv == EDQUOT || errsv == EFBIG)
    return g_error_new (G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                        _("Could not write “%s”: the disk is full"), path);
  /* A folder that exists but takes no new files (such as /proc) answers ENOENT too. */
  if (errsv == EACCES || errsv == EROFS || errsv == EPERM ||
      (errsv == ENOENT && g_file_test (dir, G_FILE_TEST_IS_DIR)))
    return g_error_new (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                        _("Could not write “%s”: the folder “%s” is read-only"), path, dir);
  if (errsv == ENOENT || errsv == ENOTDIR)
    return g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                        _("Could not write “%s”: the folder “%s” does not exist"), path, dir);
  return g_error_new (G_IO_ERROR, io_code (errsv), _("Could not write “%s”: %s"), path,
                      g_strerror (errsv));
}

mode_t
wm_file_commit_new_file_mode (void)
{
  g_autofree char *status = NULL;
  mode_t mask = 022;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *line = strstr (status, "\nUmask:");

      if (line != NULL)
        mask = (mode_t) g_ascii_strtoull (line + strlen ("\nUmask:"), NULL, 8) & 0777;
    }
  return 0666 & ~mask;
}

WmFileCommit *
wm_file_commit_begin (const char *path, GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_name = NULL;
  const char *dot;
  WmFileCommit *self;
  GStatBuf st;
  gboolean exists;
  int fd;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  exists = g_stat (path, &st) == 0;
  if (exists && S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("Could not write “%s”: it is a folder"), path);
      return NULL;
    }
  /* rename() would replace a read-only file in a writable folder; such a file is kept. */
  if (exists && g_access (path, W_OK) != 0 && (errno == EACCES || errno == EROFS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("Could not write “%s”: the file is read-only"), path);
      return NULL;
    }

  /* Hidden, and with the target's extension: some writers (GDAL) choose by extension. */
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    temp_name = g_strdup_printf (".%.*s-XXXXXX%s", (int) (dot - base), base, dot);
  else
    temp_name = g_strdup_printf (".%s-XXXXXX", base);

  self = g_new0 (WmFileCommit, 1);
  self->path = g_strdup (path);
  self->temp_path = g_build_filename (dir, temp_name, NULL);
  fd = g_mkstemp_full (self->temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int errsv = errno;

      g_propagate_error (error, wm_file_commit_error_from_errno (path, errsv));
      g_free (self->temp_path);
      g_free (self->path);
      g_free (self);
      return NULL;
    }
  self->fd = fd;
  /* An existing file keeps its mode; a new one follows the umask (mkstemp gives 0600). */
  if (fchmod (fd, exists ? (st.st_mode & 07777) : wm_file_commit_new_file_mode ()) != 0)
    g_debug ("Could not set the mode of %s: %s", self->temp_path, g_strerror (errno));
  return self;
}

const char *
wm_file_commit_get_path (WmFileCommit *self)
{
  return self->path;
}

const char *
wm_file_commit_get_temp_path (WmFileCommit *self)
{
  return self->temp_path;
}

static void
wm_file_commit_free (WmFileCommit *self)
{
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->temp_path);
  g_free (self->path);
  g_free (self);
}

gboolean
wm_file_commit_finish (WmFileCommit *self, GError **error)
{
  int fd;
  int errsv = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  /* The writer may have replaced the file (GDAL, libxlsxwriter create their own): flush what
   * is at the temporary path now, not the descriptor made at the start. */
  fd = g_open (self->temp_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    errsv = errno;
  else
    {
      if (fsync (fd) != 0)
        errsv = errno;
      close (fd);
    }
  if (errsv == 0 && g_rename (self->temp_path, self->path) != 0)
    errsv = errno;
  if (errsv != 0)
    {
      g_propagate_error (error, wm_file_commit_error_from_errno (self->path, errsv));
      g_unlink (self->temp_path);
      wm_file_commit_free (self);
      return FALSE;
    }
  wm_file_commit_free (self);
  return TRUE;
}

void
wm_file_commit_abort (WmFileCommit *self)
{
  if (self == NULL)
    return;
  g_unlink (self->temp_path);
  wm_file_commit_free (self);
}
