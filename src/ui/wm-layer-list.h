/* wm-layer-list.h: switches for the map layers and the housing colouring */
#pragma once

#include <gtk/gtk.h>

#include "wm-map-view.h"

G_BEGIN_DECLS

#define WM_TYPE_LAYER_LIST (wm_layer_list_get_type ())
G_DECLARE_FINAL_TYPE (WmLayerList, wm_layer_list, WM, LAYER_LIST, GtkWidget)

GtkWidget *wm_layer_list_new (WmMapView *map_view);
/* The check button of @layer_id, for tests. */
GtkCheckButton *wm_layer_list_get_check (WmLayerList *self, const char *layer_id);
/* The drop-down choosing the housing colouring: item 0 not coloured, 1 most dwellings,
 * 2 + s the share of segment s. */
GtkDropDown *wm_layer_list_get_housing_choice (WmLayerList *self);
/* The drop-down choosing when: item 0 now, 1 after the plan. */
GtkDropDown *wm_layer_list_get_housing_state_choice (WmLayerList *self);

G_END_DECLS
