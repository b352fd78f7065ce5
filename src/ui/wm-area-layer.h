/* wm-area-layer.h: planning area boundaries with their names; the selected one highlighted */
#pragma once

#include <shumate/shumate.h>

#include "wm-plan.h"

G_BEGIN_DECLS

#define WM_TYPE_AREA_LAYER (wm_area_layer_get_type ())
G_DECLARE_FINAL_TYPE (WmAreaLayer, wm_area_layer, WM, AREA_LAYER, ShumateLayer)

WmAreaLayer *wm_area_layer_new (ShumateViewport *viewport);
void wm_area_layer_set_plan (WmAreaLayer *self, WmPlan *plan);
/* Id of the highlighted area, or NULL. */
const char *wm_area_layer_get_selected (WmAreaLayer *self);
void wm_area_layer_set_selected (WmAreaLayer *self, const char *area_id);

G_END_DECLS
