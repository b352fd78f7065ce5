/* wm-gpkg.h: GeoPackage geometry blobs and metadata tables
 *
 * A GeoPackage geometry is a small header ("GP", version, flags, srs id,
 * optional envelope) followed by standard WKB (OGC GeoPackage 1.3, 2.1.3).
 */
#pragma once

#include <sqlite3.h>

#include "wm-geometry.h"

G_BEGIN_DECLS

/* Encodes with an XY envelope (none for points), little endian. */
GBytes *wm_gpkg_geometry_to_blob (const WmGeometry *geometry, int srs_id);
/* Decodes any header variant; @out_srs_id may be NULL. Empty geometries give an error. */
WmGeometry *wm_gpkg_geometry_from_blob (const guint8 *blob, gsize len, int *out_srs_id, GError **error);

/* Creates gpkg_spatial_ref_sys (with EPSG:4326, EPSG:28992 and the two undefined rows),
 * gpkg_contents and gpkg_geometry_columns unless they exist (then adds missing rows only), and
 * sets application_id and user_version. */
gboolean wm_gpkg_init_metadata (sqlite3 *db, GError **error);
/* Registers @table as a feature layer (geometry column "geom") or, with @geometry_type NULL,
 * as an attributes table. @bounds may be NULL. */
gboolean wm_gpkg_register_table (sqlite3 *db, const char *table, const char *geometry_type,
                                 int srs_id, const WmBounds *bounds, GError **error);

/* Defines ST_MinX, ST_MaxX, ST_MinY, ST_MaxY and ST_IsEmpty, which the triggers of GeoPackage
 * spatial indexes (GDAL's, QGIS's) call when rows change. */
gboolean wm_gpkg_register_functions (sqlite3 *db);

G_END_DECLS
