/* wm-ogr-reader.h: any vector source GDAL/OGR opens, read feature by feature in RD New
 *
 * The one place where Wijkmix talks to OGR. A zip is opened through /vsizip/ (every layer of
 * every file in it); a source without a CRS, a layer without geometry where one is needed,
 * a geometry outside the Netherlands, text longer than WM_OGR_MAX_TEXT and a broken file are
 * errors whose message names the file, the layer, the feature (its FID) and the problem.
 * GTK-free and thread-agnostic: a source and its readers are used by one thread at a time
 * (an import worker, the CLI).
 */
#pragma once

#include <glib.h>
#include <ogr_api.h>

#include "wm-geometry.h"

G_BEGIN_DECLS

/* Longest text field value taken from a source (bytes); longer is an error, never cut. */
#define WM_OGR_MAX_TEXT 4096

#define WM_IMPORT_ERROR (wm_import_error_quark ())
GQuark wm_import_error_quark (void);

typedef enum
{
  WM_IMPORT_ERROR_NOT_FOUND,   /* no such file */
  WM_IMPORT_ERROR_UNSUPPORTED, /* GDAL cannot read it (not a vector format it knows) */
  WM_IMPORT_ERROR_BROKEN,      /* GDAL knows the format but the file is damaged */
  WM_IMPORT_ERROR_EMPTY,       /* no layer, or no feature of the kind asked for */
  WM_IMPORT_ERROR_NO_LAYER,    /* the layer asked for is not there */
  WM_IMPORT_ERROR_NO_GEOMETRY, /* a layer or feature without the geometry it needs */
  WM_IMPORT_ERROR_NO_CRS,      /* a layer without a coordinate reference system */
  WM_IMPORT_ERROR_OUTSIDE,     /* coordinates outside the Netherlands (RD New validity area) */
  WM_IMPORT_ERROR_BAD_VALUE,   /* a value that cannot be right (text too long, absurd number) */
  WM_IMPORT_ERROR_FIELDS,      /* a field a role needs is missing: a field mapping is needed */
  WM_IMPORT_ERROR_UNKNOWN_KIND,/* what the source is cannot be told: say --as (or --basemap) */
} WmImportError;

typedef struct _WmOgrSource WmOgrSource;

/* Opens @path read-only (a .zip through /vsizip/, every layer of its files). */
WmOgrSource *wm_ogr_source_open (const char *path, GError **error);
void wm_ogr_source_free (WmOgrSource *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmOgrSource, wm_ogr_source_free)

/* The path as given (what messages name). */
const char *wm_ogr_source_get_path (WmOgrSource *self);
/* GDAL's short driver name of the (first) dataset: "GPKG", "GeoJSON", "GML", "CSV", "XLSX",
 * "OSM", "ESRI Shapefile", "FlatGeobuf", ... */
const char *wm_ogr_source_get_driver (WmOgrSource *self);
guint wm_ogr_source_get_n_layers (WmOgrSource *self);
const char *wm_ogr_source_get_layer_name (WmOgrSource *self, guint layer);
/* Base name without extension of the file the layer is in ("bgt_wegdeel" for a layer of
 * bgt_wegdeel.gml in a zip): GML files name their layers after the feature type instead. */
const char *wm_ogr_source_get_layer_file (WmOgrSource *self, guint layer);
/* Index of the layer named @name (case-insensitive), or -1. */
int wm_ogr_source_find_layer (WmOgrSource *self, const char *name);
/* Field names of @layer (NULL-terminated, owned by the source). */
const char *const *wm_ogr_source_get_field_names (WmOgrSource *self, guint layer);
/* Number of features (counted by the driver if it must); -1 when it cannot tell. */
gint64 wm_ogr_source_get_feature_count (WmOgrSource *self, guint layer);
gboolean wm_ogr_source_layer_has_geometry (WmOgrSource *self, guint layer);

/* Reads one layer, feature by feature, geometries transformed to RD New (EPSG:28992). */
typedef struct _WmOgrReader WmOgrReader;

/* @need_geometry: a layer without geometry column (or without CRS) is an error
 * (WM_IMPORT_ERROR_NO_GEOMETRY / _NO_CRS); FALSE for attribute tables (CSV, XLSX). */
WmOgrReader *wm_ogr_reader_new (WmOgrSource *source, guint layer, gboolean need_geometry,
                                GError **error);
void wm_ogr_reader_free (WmOgrReader *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmOgrReader, wm_ogr_reader_free)

const char *wm_ogr_reader_get_layer_name (WmOgrReader *self);
/* Which geometry field to read, for layers with several (GML); default the first. FALSE when
 * the layer has no such field. */
gboolean wm_ogr_reader_set_geometry_field (WmOgrReader *self, const char *name);
/* Fields not read (OGR_L_SetIgnoredFields: faster); names of the layer's fields, and
 * "OGR_GEOMETRY" for the geometry. Set before the first next. */
void wm_ogr_reader_set_ignored_fields (WmOgrReader *self, const char *const *names);
/* Keeps only features whose geometry intersects @bounds (RD New); set before the first next. */
void wm_ogr_reader_set_filter_bounds (WmOgrReader *self, const WmBounds *bounds);

/* Advances to the next feature: FALSE at the end (@error unset) or on a read error. */
gboolean wm_ogr_reader_next (WmOgrReader *self, GError **error);
/* FID of the current feature (what messages name). */
gint64 wm_ogr_reader_get_fid (WmOgrReader *self);
/* Share of the layer read so far, 0..1 (0 when the count is unknown). */
double wm_ogr_reader_get_progress (WmOgrReader *self);

/* Index of field @name (case-insensitive) in this layer, or -1. */
int wm_ogr_reader_field_index (WmOgrReader *self, const char *name);
gboolean wm_ogr_reader_is_null (WmOgrReader *self, int field);
/* The current feature's value as text, valid until the next call on the reader (OGR reuses
 * its buffer for numbers); NULL when unset or null. Text longer than
 * WM_OGR_MAX_TEXT or not valid UTF-8 is an error (WM_IMPORT_ERROR_BAD_VALUE, @error set). */
const char *wm_ogr_reader_get_string (WmOgrReader *self, int field, GError **error);
/* Numbers: FALSE when unset/null (@error unset) or not a number (@error set). */
gboolean wm_ogr_reader_get_int64 (WmOgrReader *self, int field, gint64 *out, GError **error);
gboolean wm_ogr_reader_get_double (WmOgrReader *self, int field, double *out, GError **error);

/* The current feature's geometry in RD New, curves made linear, Z dropped; NULL with @error
 * set when it has none (WM_IMPORT_ERROR_NO_GEOMETRY), cannot be transformed, or lies outside
 * the Netherlands (WM_IMPORT_ERROR_OUTSIDE). */
WmGeometry *wm_ogr_reader_get_geometry (WmOgrReader *self, GError **error);
/* Clipped to @bounds (RD New): NULL without error when nothing of it lies inside. */
WmGeometry *wm_ogr_reader_get_geometry_clipped (WmOgrReader *self, const WmBounds *bounds,
                                                GError **error);

/* The current feature's geometry as OGR has it, in the source's CRS (borrowed; NULL when
 * none), for importers that work on it with OGR (buffering lines, say), and its conversion to
 * RD New with the same checks as wm_ogr_reader_get_geometry (@geometry is not changed). */
OGRGeometryH wm_ogr_reader_get_ogr_geometry (WmOgrReader *self);
WmGeometry *wm_ogr_reader_convert_geometry (WmOgrReader *self, OGRGeometryH geometry,
                                            GError **error);

/* @geometry (RD New) cut to @bounds with GEOS through OGR: itself (a new reference) when it
 * lies inside, NULL when nothing of it does. */
WmGeometry *wm_ogr_clip_to_bounds (WmGeometry *geometry, const WmBounds *bounds);

/* Sets @error to "“FILE”, layer “L”, feature FID: MESSAGE" for the current feature. */
void wm_ogr_reader_set_error (WmOgrReader *self, GError **error, WmImportError code,
                              const char *format, ...) G_GNUC_PRINTF (4, 5);

/* Transforms points from EPSG:@from_epsg to EPSG:@to_epsg with PROJ (through OGR), x/y in
 * GIS order (easting/longitude first). For tests and checks; FALSE when PROJ cannot. */
gboolean wm_ogr_transform_points (int from_epsg, int to_epsg, double *x, double *y, gsize n);

G_END_DECLS
