/* wm-tile-renderer.h: draws the project base map and buildings into XYZ raster tiles */
#pragma once

#include <cairo.h>

#include "wm-plan.h"

G_BEGIN_DECLS

#define WM_TILE_SIZE 256

#define WM_TYPE_TILE_RENDERER (wm_tile_renderer_get_type ())
G_DECLARE_FINAL_TYPE (WmTileRenderer, wm_tile_renderer, WM, TILE_RENDERER, GObject)

/* Snapshots the base map and buildings of @plan into a spatial index; later edits of the
 * plan are not seen. The renderer is immutable afterwards, so any thread may render. */
WmTileRenderer *wm_tile_renderer_new (WmPlan *plan);
/* Extent of the indexed features in RD metres (empty when there are none). */
WmBounds wm_tile_renderer_get_bounds (WmTileRenderer *self);
guint wm_tile_renderer_get_n_features (WmTileRenderer *self);
/* FALSE when tile (@zoom, @x, @y) lies outside the features and is only background. */
gboolean wm_tile_renderer_tile_has_features (WmTileRenderer *self, int zoom, int x, int y);
/* Thread-safe. Returns a new WM_TILE_SIZE square CAIRO_FORMAT_ARGB32 surface. */
cairo_surface_t *wm_tile_renderer_render (WmTileRenderer *self, int zoom, int x, int y);
/* Draws tile (@zoom, @x, @y) into @cr at (0, 0) - (WM_TILE_SIZE, WM_TILE_SIZE). */
void wm_tile_renderer_draw (WmTileRenderer *self, cairo_t *cr, int zoom, int x, int y);

/* Web Mercator: WGS84 <-> global pixel coordinates at @zoom (WM_TILE_SIZE pixel tiles). */
void wm_web_mercator_to_pixel (int zoom, double latitude, double longitude, double *px, double *py);
void wm_web_mercator_from_pixel (int zoom, double px, double py, double *latitude,
                                 double *longitude);

G_END_DECLS
