/* wm-geometry.h: immutable planar geometries in project coordinates
 *
 * Project coordinates are RD New (EPSG:28992) metres, the CRS of the Dutch
 * base registrations (BAG, BGT, CBS wijk- en buurtkaart).
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WM_SRS_RD_NEW 28992

typedef struct
{
  double x;
  double y;
} WmPoint;

typedef struct
{
  double min_x, min_y, max_x, max_y;
} WmBounds;

/* Values are the WKB geometry type codes. */
typedef enum
{
  WM_GEOMETRY_POINT = 1,
  WM_GEOMETRY_LINESTRING = 2,
  WM_GEOMETRY_POLYGON = 3,
  WM_GEOMETRY_MULTIPOLYGON = 6,
} WmGeometryKind;

/* Layout: all vertices in one array. A ring is points[ring_start[r] .. ring_start[r + 1]).
 * A polygon is rings[polygon_start[p] .. polygon_start[p + 1]); its first ring is the shell.
 * A point has one vertex and no rings; a linestring has one "ring" (open) and no polygons.
 * Rings are stored without the repeated closing vertex. */
typedef struct _WmGeometry WmGeometry;
struct _WmGeometry
{
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public, read-only >*/
  WmGeometryKind kind;
  guint n_points;
  WmPoint *points;
  guint n_rings;
  guint *ring_start;    /* n_rings + 1 entries */
  guint n_polygons;
  guint *polygon_start; /* n_polygons + 1 entries */
  WmBounds bounds;
};

#define WM_TYPE_GEOMETRY (wm_geometry_get_type ())
GType wm_geometry_get_type (void) G_GNUC_CONST;

WmGeometry *wm_geometry_new_point (double x, double y);
WmGeometry *wm_geometry_new_linestring (const WmPoint *points, guint n_points);
/* One polygon from a shell ring (no closing vertex needed; a repeated closing vertex is dropped). */
WmGeometry *wm_geometry_new_polygon (const WmPoint *shell, guint n_points);

/* Builder for polygons and multipolygons with holes. */
typedef struct _WmGeometryBuilder WmGeometryBuilder;
WmGeometryBuilder *wm_geometry_builder_new (WmGeometryKind kind);
void wm_geometry_builder_begin_polygon (WmGeometryBuilder *self);
void wm_geometry_builder_begin_ring (WmGeometryBuilder *self);
void wm_geometry_builder_add_point (WmGeometryBuilder *self, double x, double y);
/* Returns NULL and sets @error when the result would be degenerate (ring < 3 points, no polygon). */
WmGeometry *wm_geometry_builder_finish (WmGeometryBuilder *self, GError **error);
void wm_geometry_builder_free (WmGeometryBuilder *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmGeometryBuilder, wm_geometry_builder_free)

WmGeometry *wm_geometry_ref (WmGeometry *self);
void wm_geometry_unref (WmGeometry *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmGeometry, wm_geometry_unref)

/* A polygon as a multipolygon of one; other kinds are returned with a new reference. */
WmGeometry *wm_geometry_to_multipolygon (WmGeometry *self);

gboolean wm_geometry_equal (const WmGeometry *a, const WmGeometry *b);
/* Area in square metres (holes subtracted); 0 for points and lines. */
double wm_geometry_area (const WmGeometry *self);
/* Area-weighted centroid for polygons, vertex mean otherwise. */
WmPoint wm_geometry_centroid (const WmGeometry *self);
gboolean wm_geometry_contains_point (const WmGeometry *self, double x, double y);
/* Straight-line distance from (@x, @y) to the geometry: 0 inside a polygon (not in a hole),
 * else to the nearest point of its rings, line or point. */
double wm_geometry_distance_to_point (const WmGeometry *self, double x, double y);

/* Well-known binary (little endian, 2D). */
GBytes *wm_geometry_to_wkb (const WmGeometry *self);
WmGeometry *wm_geometry_from_wkb (const guint8 *data, gsize len, gsize *consumed, GError **error);

gboolean wm_bounds_intersects (const WmBounds *a, const WmBounds *b);
void wm_bounds_union (WmBounds *self, const WmBounds *other);
gboolean wm_bounds_is_empty (const WmBounds *self);
WmBounds wm_bounds_empty (void);
/* 0 inside; INFINITY for empty bounds. */
double wm_bounds_distance_to_point (const WmBounds *self, double x, double y);

#define WM_GEOMETRY_ERROR (wm_geometry_error_quark ())
GQuark wm_geometry_error_quark (void);
typedef enum
{
  WM_GEOMETRY_ERROR_DEGENERATE,
  WM_GEOMETRY_ERROR_INVALID_WKB,
  WM_GEOMETRY_ERROR_UNSUPPORTED,
} WmGeometryError;

G_END_DECLS
