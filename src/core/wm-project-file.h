/* wm-project-file.h: the project file, a GeoPackage that GIS tools open directly
 *
 * One SQLite file: the OGC GeoPackage tables plus Wijkmix's own. Spatial layers:
 * areas, buildings, facilities, proposals and basemap_<class>. A save writes a
 * complete new file next to the target in one transaction and renames it over
 * the target, so a crash never leaves a half-written project.
 */
#pragma once

#include <gio/gio.h>

#include "wm-plan.h"

G_BEGIN_DECLS

/* Schema this version writes; files up to this version are read (older ones migrated). */
#define WM_PROJECT_SCHEMA_VERSION 2

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
} WmProjectFileError;

G_END_DECLS
