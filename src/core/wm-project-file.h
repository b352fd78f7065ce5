/* wm-project-file.h: the project file, a GeoPackage that GIS tools open directly
 *
 * One SQLite file: the OGC GeoPackage tables plus Wijkmix's own. Spatial layers, each of one
 * geometry type with its CRS: areas, buildings, facilities, proposals_point, proposals_line,
 * proposals_polygon, proposals_multipolygon and basemap_<class>; proposals without geometry
 * are in the attributes table proposals_no_geometry. A layer of polygons and multipolygons
 * (areas, basemap_<class>) is MULTIPOLYGON, its polygons marked 1 in its "polygon" column so
 * they read back as polygons. Areas carry their CBS key figures (has_figures 0: none; a NULL
 * figure: not available), buildings their tenure source ("stated", "estimated", "listed"), and
 * the attributes table wijkmix_addresses the address book (key UNIQUE -> building_id).
 * Tables, layers, styles and metadata of other programs are kept by every save.
 *
 * A save after an edit writes only the changed rows into the file, in one transaction (rollback
 * journal). A new file, Save As and a migration write a complete file next to the target and
 * rename it over the target. Either way a crash leaves the old or the new state.
 */
#pragma once

#include <gio/gio.h>

#include "wm-plan.h"

G_BEGIN_DECLS

/* Schema this version writes; files up to this version are read (older ones migrated). */
#define WM_PROJECT_SCHEMA_VERSION 6

/* Everything a save needs, taken on the main thread in well under 5 ms even at 1,000,000
 * buildings (the baseline is shared by reference, not copied), then read by a worker. */
typedef struct _WmProjectSnapshot WmProjectSnapshot;
#define WM_TYPE_PROJECT_SNAPSHOT (wm_project_snapshot_get_type ())
GType wm_project_snapshot_get_type (void) G_GNUC_CONST;
WmProjectSnapshot *wm_project_snapshot_new (WmPlan *plan);            /* main thread */
WmProjectSnapshot *wm_project_snapshot_ref (WmProjectSnapshot *self); /* any thread */
void wm_project_snapshot_unref (WmProjectSnapshot *self);             /* any thread */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmProjectSnapshot, wm_project_snapshot_unref)

/* A handle on one project file on disk: its path (symlinks resolved at write time), what
 * it held when last read or written (so the next write stores only the changed rows) and
 * its identity for the changed-on-disk check. Blocking I/O; meant for a GTask worker or
 * the CLI; used by one thread at a time. */
#define WM_TYPE_PROJECT_FILE (wm_project_file_get_type ())
G_DECLARE_FINAL_TYPE (WmProjectFile, wm_project_file, WM, PROJECT_FILE, GObject)
WmProjectFile *wm_project_file_new (const char *path);
/* A handle for Save As: its first write is complete and carries over everything that
 * other programs stored in @from's file (tables, layers, styles, metadata). @from NULL: a
 * new file. */
WmProjectFile *wm_project_file_new_save_as (WmProjectFile *from, const char *path);
const char *wm_project_file_get_path (WmProjectFile *self);
/* Reads the file into a new plan owned by the caller. */
WmPlan *wm_project_file_read (WmProjectFile *self, GError **error);
/* Writes @snapshot: only what changed into the file last read or written, or a complete
 * file where needed (new file, Save As, migration), keeping what is not Wijkmix's. Refuses
 * (WM_PROJECT_FILE_ERROR_CHANGED_ON_DISK, ..._LOCKED) when another writer changed or holds
 * the file since it was last read or written. */
gboolean wm_project_file_write (WmProjectFile *self, WmProjectSnapshot *snapshot, GError **error);

/* Convenience wrappers: a handle used once. _save over an existing file keeps what other
 * programs stored in it, but has nothing to compare with (no changed-on-disk check). */
WmPlan *wm_project_file_load (const char *path, GError **error);
WmPlan *wm_project_file_load_bytes (GBytes *bytes, GError **error);
gboolean wm_project_file_save (WmPlan *plan, const char *path, GError **error);

#define WM_PROJECT_FILE_ERROR (wm_project_file_error_quark ())
GQuark wm_project_file_error_quark (void);
typedef enum
{
  WM_PROJECT_FILE_ERROR_NOT_FOUND,     /* no such file */
  WM_PROJECT_FILE_ERROR_NOT_SQLITE,    /* not an SQLite/GeoPackage file at all */
  WM_PROJECT_FILE_ERROR_CORRUPT,       /* truncated or damaged database */
  WM_PROJECT_FILE_ERROR_NOT_PROJECT,   /* a GeoPackage/SQLite file, but not a Wijkmix project */
  WM_PROJECT_FILE_ERROR_NEWER_VERSION, /* written by a newer Wijkmix */
  WM_PROJECT_FILE_ERROR_INVALID,       /* a project whose contents break the rules (bad geometry, CRS, values) */
  WM_PROJECT_FILE_ERROR_WRITE,         /* saving failed; the previous file is untouched */
  WM_PROJECT_FILE_ERROR_LOCKED,        /* another program holds the file (reading or writing) */
  WM_PROJECT_FILE_ERROR_CHANGED_ON_DISK, /* another program wrote the file since it was read */
  WM_PROJECT_FILE_ERROR_READ_ONLY,     /* the file may not be written */
  WM_PROJECT_FILE_ERROR_READ_ONLY_FOLDER, /* its folder may not be written (new, temporary files) */
  WM_PROJECT_FILE_ERROR_DISK_FULL,     /* no space left (or the file size limit reached) */
} WmProjectFileError;

G_END_DECLS
