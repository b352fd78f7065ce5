/* wm-tile-renderer.h: draws the project base map and buildings into XYZ raster tiles */
#pragma once

#include <cairo.h>

#include "wm-map-style.h"
#include "wm-map-transform.h"
#include "wm-plan.h"
#include "wm-proposal-factory.h"

G_BEGIN_DECLS

#define WM_TILE_SIZE 256

#define WM_TYPE_TILE_RENDERER (wm_tile_renderer_get_type ())
G_DECLARE_FINAL_TYPE (WmTileRenderer, wm_tile_renderer, WM, TILE_RENDERER, GObject)

/* Snapshots the base map and buildings of @plan into a spatial index; later edits of the
 * plan are not seen. The renderer is immutable afterwards, so any thread may render. */
WmTileRenderer *wm_tile_renderer_new (WmPlan *plan);
/* The housing layer: only residential buildings, coloured by @mode (@segment for
 * WM_HOUSING_SHARE), on a transparent ground. Zoomed out, buildings are summed into
 * small square cells coloured the same way, so the picture stays legible. */
WmTileRenderer *wm_tile_renderer_new_housing (WmPlan *plan, WmHousingMode mode,
                                              WmSegment segment);
/* The base map with the housing colours drawn into the same tiles (one opaque layer is much
 * cheaper to composite than two); WM_HOUSING_NEUTRAL gives wm_tile_renderer_new(). */
WmTileRenderer *wm_tile_renderer_new_with_housing (WmPlan *plan, WmHousingMode mode,
                                                   WmSegment segment);
/* As the two above, but coloured by the projected dwellings after the plan: @projected is a
 * table from wm_projected_building_table() (building id -> WmProjectedBuilding), copied when
 * the renderer is made. Buildings it does not name keep their baseline dwellings; demolished
 * ones are not coloured as housing. */
WmTileRenderer *wm_tile_renderer_new_housing_projected (WmPlan *plan, WmHousingMode mode,
                                                        WmSegment segment,
                                                        GHashTable *projected);
WmTileRenderer *wm_tile_renderer_new_with_housing_projected (WmPlan *plan, WmHousingMode mode,
                                                             WmSegment segment,
                                                             GHashTable *projected);
/* TRUE when the housing colours are the projected ones (made with a projected table). */
gboolean wm_tile_renderer_get_projected (WmTileRenderer *self);
/* TRUE for a housing renderer: tiles have a transparent ground. */
gboolean wm_tile_renderer_is_transparent (WmTileRenderer *self);
WmHousingMode wm_tile_renderer_get_housing_mode (WmTileRenderer *self);
WmSegment wm_tile_renderer_get_housing_segment (WmTileRenderer *self);
/* Extent of the indexed features in RD metres (empty when there are none). */
WmBounds wm_tile_renderer_get_bounds (WmTileRenderer *self);
guint wm_tile_renderer_get_n_features (WmTileRenderer *self);
/* FALSE when tile (@zoom, @x, @y) lies outside the features and is only background. */
gboolean wm_tile_renderer_tile_has_features (WmTileRenderer *self, int zoom, int x, int y);
/* Thread-safe. Returns a new WM_TILE_SIZE square CAIRO_FORMAT_ARGB32 surface. */
cairo_surface_t *wm_tile_renderer_render (WmTileRenderer *self, int zoom, int x, int y);
/* Draws tile (@zoom, @x, @y) into @cr at (0, 0) - (WM_TILE_SIZE, WM_TILE_SIZE). */
void wm_tile_renderer_draw (WmTileRenderer *self, cairo_t *cr, int zoom, int x, int y);

/* Draws the features meeting the @width x @height device rectangle of @transform (any, also
 * fractional zoom) as vector paths into @cr, in the same style as the tiles at the nearest
 * zoom level: for PDF and print. Thread-safe. */
void wm_tile_renderer_draw_view (WmTileRenderer *self, cairo_t *cr,
                                 const WmMapTransform *transform, double width, double height);
/* Number of features meeting that rectangle. */
guint wm_tile_renderer_count_in_view (WmTileRenderer *self, const WmMapTransform *transform,
                                      double width, double height);

/* Zoom levels at or below this draw the housing layer in cells instead of buildings. */
#define WM_HOUSING_CELL_MAX_ZOOM 13
/* Zoom levels from this one draw the segment patterns on buildings. */
#define WM_HOUSING_PATTERN_MIN_ZOOM 17

/* Web Mercator: WGS84 <-> global pixel coordinates at @zoom (WM_TILE_SIZE pixel tiles). */
void wm_web_mercator_to_pixel (int zoom, double latitude, double longitude, double *px, double *py);
void wm_web_mercator_from_pixel (int zoom, double px, double py, double *latitude,
                                 double *longitude);

G_END_DECLS
