/* wm-file-commit.h: write an export beside its target, then put it in place in one step
 *
 * Every export (PDF, PNG, CSV, XLSX, GeoPackage, GeoJSON) writes into a temporary file in the
 * target's own folder (so the rename stays on one file system) and renames it over the target
 * only when all of it was written and flushed. A failure leaves the target as it was and no
 * temporary file behind, and the error names the file and the problem ("The folder “…” is
 * read-only", "The disk is full").
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

typedef struct _WmFileCommit WmFileCommit;

/* Creates the temporary file next to @path. FALSE with @error (G_IO_ERROR, message naming
 * @path's folder) when that folder does not exist or cannot be written. */
WmFileCommit *wm_file_commit_begin (const char *path, GError **error);
const char *wm_file_commit_get_path (WmFileCommit *self);
/* Where to write; the file exists, empty. Writers that insist on creating their file
 * themselves (GDAL, libxlsxwriter) may delete it first. */
const char *wm_file_commit_get_temp_path (WmFileCommit *self);
/* Flushes the temporary file to disk and renames it over the target; frees @self. On failure
 * the temporary file is removed and @error names the target and the problem. */
gboolean wm_file_commit_finish (WmFileCommit *self, GError **error);
/* Removes the temporary file; frees @self. NULL is allowed. */
void wm_file_commit_abort (WmFileCommit *self);
/* A GError for errno @errsv while writing @path, in the words above (ENOSPC: the disk is
 * full; EACCES/EROFS: read-only; otherwise g_strerror()). */
GError *wm_file_commit_error_from_errno (const char *path, int errsv);

/* The mode a new file gets from the umask (0666 less the mask), read without changing the
 * umask, which threads share. */
mode_t wm_file_commit_new_file_mode (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmFileCommit, wm_file_commit_abort)

G_END_DECLS
