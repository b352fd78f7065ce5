/* wm-facility-layer.h: existing facilities as symbols, or the catchment circles of existing and
 * proposed facilities */
#pragma once

#include <shumate/shumate.h>

#include "wm-facility-drawing.h"
#include "wm-indicator-engine.h"
#include "wm-plan.h"

G_BEGIN_DECLS

#define WM_TYPE_FACILITY_LAYER (wm_facility_layer_get_type ())
G_DECLARE_FINAL_TYPE (WmFacilityLayer, wm_facility_layer, WM, FACILITY_LAYER, ShumateLayer)

/* A catchment circle drawn by the last frame: the drawing's WmFacilityCatchment and where it
 * went. */
typedef struct
{
  WmFacilityType type;
  double rd_x, rd_y, radius_m; /* RD centre, radius in metres */
  double x, y, radius_px;      /* in the layer's widget coordinates */
  gboolean proposed;           /* of an add-facility proposal */
  gboolean dashed;             /* drawn as a proposal (the map shows now) */
} WmDrawnCatchment;

/* @catchments: TRUE draws the walking-radius circles (of the baseline facilities and of the
 * active scenario's proposed ones), FALSE the baseline symbols. */
WmFacilityLayer *wm_facility_layer_new (ShumateViewport *viewport, gboolean catchments);
void wm_facility_layer_set_plan (WmFacilityLayer *self, WmPlan *plan);
gboolean wm_facility_layer_get_catchments (WmFacilityLayer *self);
/* Catchment radii come from @engine's coverage kinds (NULL: the indicator parameters). */
void wm_facility_layer_set_engine (WmFacilityLayer *self, WmIndicatorEngine *engine);
double wm_facility_layer_get_catchment_radius (WmFacilityLayer *self, WmFacilityType type);
/* Now (default): proposed catchments dashed, removed facilities' kept; after the plan:
 * proposed ones drawn like existing ones, removed ones left out. */
void wm_facility_layer_set_state (WmFacilityLayer *self, WmIndicatorState state);
WmIndicatorState wm_facility_layer_get_state (WmFacilityLayer *self);
guint wm_facility_layer_get_n_drawn_catchments (WmFacilityLayer *self);
const WmDrawnCatchment *wm_facility_layer_get_drawn_catchment (WmFacilityLayer *self,
                                                               guint index);
/* Symbol radius in pixels at @zoom. */
float wm_facility_layer_get_symbol_radius (double zoom);
/* The symbol of @type centred at (@x, @y) (wm_map_style_draw_facility_symbol(): a coloured
 * disc with the type's pictogram). Shared with the proposals layer. */
/* The drawing the layer shows (made on demand); the caller gets a reference. */
WmFacilityDrawing *wm_facility_layer_get_drawing (WmFacilityLayer *self);
void wm_facility_layer_append_symbol (GtkWidget *widget, GtkSnapshot *snapshot,
                                      WmFacilityType type, double x, double y, float radius);

G_END_DECLS
