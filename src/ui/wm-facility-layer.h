/* wm-facility-layer.h: existing facilities as symbols, or their catchment circles */
#pragma once

#include <shumate/shumate.h>

#include "wm-plan.h"

G_BEGIN_DECLS

#define WM_TYPE_FACILITY_LAYER (wm_facility_layer_get_type ())
G_DECLARE_FINAL_TYPE (WmFacilityLayer, wm_facility_layer, WM, FACILITY_LAYER, ShumateLayer)

/* @catchments: TRUE draws the walking-radius circles, FALSE the symbols. */
WmFacilityLayer *wm_facility_layer_new (ShumateViewport *viewport, gboolean catchments);
void wm_facility_layer_set_plan (WmFacilityLayer *self, WmPlan *plan);
gboolean wm_facility_layer_get_catchments (WmFacilityLayer *self);
/* Symbol radius in pixels at @zoom. */
float wm_facility_layer_get_symbol_radius (double zoom);
/* The symbol of @type centred at (@x, @y) (wm_map_style_draw_facility_symbol(): a coloured
 * disc with the type's pictogram). Shared with the proposals layer. */
void wm_facility_layer_append_symbol (GtkWidget *widget, GtkSnapshot *snapshot,
                                      WmFacilityType type, double x, double y, float radius);

G_END_DECLS
