/* wm-area.h: a sub-area of the neighbourhood (a CBS buurt or a grid cell) */
#pragma once

#include "wm-geometry.h"

G_BEGIN_DECLS

#define WM_TYPE_AREA (wm_area_get_type ())
G_DECLARE_FINAL_TYPE (WmArea, wm_area, WM, AREA, GObject)

/* @id: stable code, e.g. "BU01411601" or "cell-2-3"; @boundary: (multi)polygon. */
WmArea *wm_area_new (const char *id, const char *name, WmGeometry *boundary);
const char *wm_area_get_id (WmArea *self);
const char *wm_area_get_name (WmArea *self);
void wm_area_set_name (WmArea *self, const char *name);
WmGeometry *wm_area_get_boundary (WmArea *self);
gboolean wm_area_equal (WmArea *a, WmArea *b);

G_END_DECLS
