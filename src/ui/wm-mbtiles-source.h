/* wm-mbtiles-source.h: raster tiles from an MBTiles file (SQLite), fully offline */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define WM_MBTILES_ERROR (wm_mbtiles_error_quark ())
GQuark wm_mbtiles_error_quark (void);

typedef enum
{
  WM_MBTILES_ERROR_OPEN,        /* missing or unreadable file, or not SQLite */
  WM_MBTILES_ERROR_NOT_MBTILES, /* SQLite without the tiles table */
  WM_MBTILES_ERROR_UNSUPPORTED, /* vector tiles (pbf) */
  WM_MBTILES_ERROR_NO_TILE,     /* no tile at that place */
} WmMbtilesError;

#define WM_TYPE_MBTILES_SOURCE (wm_mbtiles_source_get_type ())
G_DECLARE_FINAL_TYPE (WmMbtilesSource, wm_mbtiles_source, WM, MBTILES_SOURCE, ShumateDataSource)

/* Opens @path read-only; the error names the file and what is wrong with it. */
WmMbtilesSource *wm_mbtiles_source_new (const char *path, GError **error);
const char *wm_mbtiles_source_get_path (WmMbtilesSource *self);
/* Metadata, with defaults when the file leaves them out (zoom 0-20, the file name). */
const char *wm_mbtiles_source_get_name (WmMbtilesSource *self);
const char *wm_mbtiles_source_get_attribution (WmMbtilesSource *self);
guint wm_mbtiles_source_get_min_zoom (WmMbtilesSource *self);
guint wm_mbtiles_source_get_max_zoom (WmMbtilesSource *self);
/* West, south, east, north in degrees; FALSE when the file has no bounds. */
gboolean wm_mbtiles_source_get_bounds (WmMbtilesSource *self, double *west, double *south,
                                       double *east, double *north);
ShumateMapSource *wm_mbtiles_source_create_map_source (WmMbtilesSource *self);

G_END_DECLS
