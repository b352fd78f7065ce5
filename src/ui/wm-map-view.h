/* wm-map-view.h: the neighbourhood map (libshumate) with the project's layers */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "wm-indicator-engine.h"
#include "wm-map-style.h"
#include "wm-plan.h"
#include "wm-tile-renderer.h"

G_BEGIN_DECLS

#define WM_TYPE_MAP_VIEW (wm_map_view_get_type ())
G_DECLARE_FINAL_TYPE (WmMapView, wm_map_view, WM, MAP_VIEW, GtkWidget)

GtkWidget *wm_map_view_new (void);
WmPlan *wm_map_view_get_plan (WmMapView *self);
/* Shows @plan: base map and buildings drawn offline from the project; centres on it. */
void wm_map_view_set_plan (WmMapView *self, WmPlan *plan);
ShumateMap *wm_map_view_get_map (WmMapView *self);
ShumateViewport *wm_map_view_get_viewport (WmMapView *self);
/* Centres and zooms so the planning areas are visible (the whole plan when it has no areas):
 * outlying base-map features such as a long footpath should not shrink the neighbourhood. */
void wm_map_view_zoom_to_plan (WmMapView *self);
/* Layer ids in drawing order, bottom first: "basemap", "housing", "areas", "catchments",
 * "facilities", "proposals". An online or MBTiles base map sits right above "basemap" and is
 * shown and hidden with it. */
const char *const *wm_map_view_get_layer_ids (WmMapView *self);
ShumateLayer *wm_map_view_get_layer (WmMapView *self, const char *layer_id);
void wm_map_view_set_layer_visible (WmMapView *self, const char *layer_id, gboolean visible);
gboolean wm_map_view_get_layer_visible (WmMapView *self, const char *layer_id);
/* Translated name of a layer for the layer list. */
const char *wm_map_view_get_layer_title (const char *layer_id);

/* How the housing layer colours buildings; @segment counts for WM_HOUSING_SHARE. Replaces the
 * housing tiles and updates the legend. */
void wm_map_view_set_housing_style (WmMapView *self, WmHousingMode mode, WmSegment segment);
WmHousingMode wm_map_view_get_housing_mode (WmMapView *self);
WmSegment wm_map_view_get_housing_segment (WmMapView *self);
/* Whether the housing layer shows the dwellings now (WM_INDICATOR_BASELINE, the default) or
 * after the plan (WM_INDICATOR_PROJECTED: the projected dwellings of the active scenario;
 * demolished buildings are not coloured). After the plan, the housing tiles are drawn again
 * WM_MAP_VIEW_HOUSING_DELAY_MS after the last change of the plan (a proposal added, removed
 * or edited, another active scenario). Updates the legend's title. */
void wm_map_view_set_housing_state (WmMapView *self, WmIndicatorState state);
WmIndicatorState wm_map_view_get_housing_state (WmMapView *self);
#define WM_MAP_VIEW_HOUSING_DELAY_MS 300
/* The year the map shows (WM_INDICATOR_ALL_YEARS, 0, the default: the whole plan): after the
 * plan the housing colours are the dwellings as of the end of @year
 * (wm_projected_building_table_at_year()), now and after the plan the proposals under way are
 * drawn as under construction and those not started are left out; the legend names the year
 * and explains "under construction". The housing tiles are replaced at once (no delay) when
 * their colours change; "housing-refreshed" is emitted as after the delayed redraw. */
void wm_map_view_set_year (WmMapView *self, int year);
int wm_map_view_get_year (WmMapView *self);
/* Whether that delayed redraw is scheduled; when it has run, "housing-refreshed" (gboolean
 * replaced: the colours changed and new tiles were made) is emitted. */
gboolean wm_map_view_get_housing_refresh_pending (WmMapView *self);
/* The legend overlaid on the map (a WmMapLegend). */
GtkWidget *wm_map_view_get_legend (WmMapView *self);

/* Highlighted planning area (property "selected-area"); a click on the map selects. */
const char *wm_map_view_get_selected_area (WmMapView *self);
void wm_map_view_set_selected_area (WmMapView *self, const char *area_id);
/* Whether a click selects the area under it (TRUE by default); editing tools turn it off so
 * that placing a change does not also move the panels' focus. */
void wm_map_view_set_click_selects_area (WmMapView *self, gboolean enabled);
/* What a click at (@x, @y) (the view's widget coordinates) does: selects the area under it,
 * unless clicks do not select areas or a "claim-click" handler (gboolean (double x, double y))
 * returns TRUE because the click hit something else, such as a facility. TRUE when the
 * selected area was set. The click gesture calls it; tests too. */
gboolean wm_map_view_click_at (WmMapView *self, double x, double y);

/* A widget laid over the map at its left or right side (by its halign), such as a tool
 * palette or a card: what lies under it while it is shown is out of sight. Held weakly. */
void wm_map_view_add_cover (WmMapView *self, GtkWidget *widget);
/* Whether @bounds (RD) lies wholly inside the view, a small margin in from its edges and the
 * shown covers, and clear of the legend. */
gboolean wm_map_view_bounds_visible (WmMapView *self, const WmBounds *bounds);
/* Brings @bounds into view: nothing moves when it is visible already; else the map is centred
 * on it in the part the covers leave free, zoomed out (never in) as far as needed to see all
 * of it. TRUE when the map moved. */
gboolean wm_map_view_show_bounds (WmMapView *self, const WmBounds *bounds);

/* The engine whose coverage radii the catchment circles use (NULL: the indicator
 * parameters). */
void wm_map_view_set_engine (WmMapView *self, WmIndicatorEngine *engine);
WmIndicatorEngine *wm_map_view_get_engine (WmMapView *self);

/* Base map: "offline" (the project's own, always drawn underneath), "pdok", "osm" or "mbtiles"
 * (@mbtiles_path). On an error (a broken MBTiles file, an unknown key) the offline map stays
 * and FALSE is returned. */
gboolean wm_map_view_set_base_map (WmMapView *self, const char *key, const char *mbtiles_path,
                                   GError **error);
/* Any raster map source above the offline base map (NULL: none). When its data source is a
 * WmOnlineSource that fails, the layer is removed again: the offline map shows. */
void wm_map_view_set_online_source (WmMapView *self, ShumateMapSource *source);
ShumateMapSource *wm_map_view_get_online_source (WmMapView *self);
/* The layer of the online source, or NULL when there is none or it failed. */
ShumateLayer *wm_map_view_get_online_layer (WmMapView *self);
/* Follows the "basemap" and "mbtiles-file" keys of @settings; errors are reported through the
 * "base-map-error" signal (a translated message) and the offline map is shown. */
void wm_map_view_bind_settings (WmMapView *self, GSettings *settings);

/* The renderer of the offline base map tiles: with the housing colours drawn in when they are
 * (see wm_tile_renderer_get_housing_mode(), _get_projected()), for exports that draw the same
 * map without indexing the plan again. NULL before a plan is shown. */
WmTileRenderer *wm_map_view_get_base_renderer (WmMapView *self);

G_END_DECLS
