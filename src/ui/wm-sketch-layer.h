/* wm-sketch-layer.h: what the editing tools draw above the map: sketch and selection */
#pragma once

#include <shumate/shumate.h>

#include "wm-geometry.h"

G_BEGIN_DECLS

#define WM_TYPE_SKETCH_LAYER (wm_sketch_layer_get_type ())
G_DECLARE_FINAL_TYPE (WmSketchLayer, wm_sketch_layer, WM, SKETCH_LAYER, ShumateLayer)

WmSketchLayer *wm_sketch_layer_new (ShumateViewport *viewport);
/* The polygon being drawn (RD metres, open), NULL/0 for none. */
void wm_sketch_layer_set_sketch (WmSketchLayer *self, const WmPoint *points, guint n_points);
/* A rubber-band box in widget coordinates; @visible FALSE hides it. */
void wm_sketch_layer_set_box (WmSketchLayer *self, gboolean visible, double x0, double y0,
                              double x1, double y1);
/* The keyboard crosshair in widget coordinates. */
void wm_sketch_layer_set_crosshair (WmSketchLayer *self, gboolean visible, double x, double y);
/* Selected shapes (footprints, points), drawn with a thick outline; replaces the previous. */
void wm_sketch_layer_set_selection (WmSketchLayer *self, GPtrArray *geometries);
/* A second, softer highlight (e.g. a checklist item's proposals). */
void wm_sketch_layer_set_highlight (WmSketchLayer *self, GPtrArray *geometries);
guint wm_sketch_layer_get_n_selected (WmSketchLayer *self);

G_END_DECLS
