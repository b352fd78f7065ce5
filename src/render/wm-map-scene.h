/* wm-map-scene.h: the whole map of a plan (base map, housing, areas, catchments, facilities,
 * proposals) as one drawing, for PNG, PDF and print
 *
 * Made on the main thread from the plan, one scenario and the engine; immutable afterwards,
 * so an export in a worker thread draws it while the user goes on editing. It draws the same
 * layers the live map shows, through the same drawing code (wm-tile-renderer,
 * wm-area-drawing, wm-facility-drawing, wm-proposal-drawing).
 */
#pragma once

#include <cairo.h>

#include "wm-indicator-engine.h"
#include "wm-map-key.h"
#include "wm-map-transform.h"
#include "wm-plan.h"
#include "wm-tile-renderer.h"

G_BEGIN_DECLS

typedef struct
{
  WmIndicatorState state;     /* housing colours and proposals now or after the plan */
  WmHousingMode housing_mode; /* default WM_HOUSING_DOMINANT */
  WmSegment housing_segment;  /* for WM_HOUSING_SHARE */
  gboolean show_basemap, show_housing, show_areas, show_catchments, show_facilities,
    show_proposals;           /* default: all but catchments */
  const char *selected_area;  /* highlighted, may be NULL (copied) */
  int year;                   /* as of the end of this year (wm-timeline.h); 0, the default:
                               * the whole plan */
} WmMapSceneOptions;

void wm_map_scene_options_init (WmMapSceneOptions *options);

/* How the base map and buildings go into a vector surface (PDF). */
typedef enum
{
  WM_MAP_SCENE_BASE_AUTO,   /* vector up to WM_MAP_SCENE_VECTOR_MAX_FEATURES in view; on an
                             * image surface always vector (faster there at every size) */
  WM_MAP_SCENE_BASE_VECTOR, /* every feature as a path */
  WM_MAP_SCENE_BASE_RASTER, /* an image at the surface's resolution */
} WmMapSceneBaseMode;

/* Above this many base-map features in view, AUTO draws the base map as an image. Measured
 * with bench/wijkmix-bench-map-scene on the 100,000-building city at A4 and A3: paths are
 * faster up to about 20,000 features and smaller up to about 40,000 (at 30,000 about 10 %
 * slower and 20 % smaller than the 200 dpi image, and sharp at any print size); at the whole
 * city (213,000) they take twice the time and file (A3: 2.3 s and 3.9 MB against 1.2 s and
 * 1.7 MB). */
#define WM_MAP_SCENE_VECTOR_MAX_FEATURES 30000

typedef struct _WmMapScene WmMapScene;

/* @scenario NULL: the active one. @engine NULL: catchment radii from the indicator
 * parameters. @base_renderer (may be NULL): a tile renderer of @plan's base map with the
 * housing colours (as the live map holds), reused instead of indexing the plan again. */
WmMapScene *wm_map_scene_new (WmPlan *plan, WmScenario *scenario, WmIndicatorEngine *engine,
                              const WmMapSceneOptions *options, WmTileRenderer *base_renderer);
WmMapScene *wm_map_scene_ref (WmMapScene *self);
void wm_map_scene_unref (WmMapScene *self);
/* RD bounds to show: the planning areas, else everything in the plan. */
WmBounds wm_map_scene_get_bounds (WmMapScene *self);
/* The key to what the scene shows (housing mode, projected or not, facility types drawn). */
WmMapKey *wm_map_scene_new_key (WmMapScene *self);
/* Attribution of the plan's data sources, one per line. */
const char *wm_map_scene_get_attribution (WmMapScene *self);
/* Number of base-map and building features meeting the view. */
guint wm_map_scene_count_base_features (WmMapScene *self, const WmMapTransform *transform,
                                        double width, double height);
/* The mode @base_mode stands for in that view of a vector surface (PDF, print): AUTO becomes
 * VECTOR up to WM_MAP_SCENE_VECTOR_MAX_FEATURES base features, RASTER above; the others are
 * themselves. */
WmMapSceneBaseMode wm_map_scene_choose_base_mode (WmMapScene *self,
                                                  const WmMapTransform *transform,
                                                  double width, double height,
                                                  WmMapSceneBaseMode base_mode);
/* Draws every layer shown into the @width x @height device rectangle at (0, 0), clipped to
 * it. Any thread. */
void wm_map_scene_draw (WmMapScene *self, cairo_t *cr, const WmMapTransform *transform,
                        double width, double height, WmMapSceneBaseMode base_mode);
/* The map with its legend, scale bar, north arrow and attribution, as on a slide. @scale as in
 * wm_area_drawing_draw(). */
void wm_map_scene_draw_framed (WmMapScene *self, cairo_t *cr, const WmMapTransform *transform,
                               double width, double height, double scale,
                               WmMapSceneBaseMode base_mode);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmMapScene, wm_map_scene_unref)

G_END_DECLS
