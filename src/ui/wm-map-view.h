/* wm-map-view.h: the neighbourhood map (libshumate) with the project's layers */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "wm-plan.h"

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
/* Layer ids in drawing order, bottom first (e.g. "basemap", "buildings", "facilities"). */
const char *const *wm_map_view_get_layer_ids (WmMapView *self);
ShumateLayer *wm_map_view_get_layer (WmMapView *self, const char *layer_id);
void wm_map_view_set_layer_visible (WmMapView *self, const char *layer_id, gboolean visible);
gboolean wm_map_view_get_layer_visible (WmMapView *self, const char *layer_id);

G_END_DECLS
