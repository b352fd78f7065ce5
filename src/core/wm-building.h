/* wm-building.h: a building of the baseline stock with its dwellings per segment */
#pragma once

#include "wm-geometry.h"
#include "wm-segment.h"

G_BEGIN_DECLS

#define WM_TYPE_BUILDING (wm_building_get_type ())
G_DECLARE_FINAL_TYPE (WmBuilding, wm_building, WM, BUILDING, GObject)

/* @id: stable identifier (BAG pand id where known); @footprint: (multi)polygon, kept as multipolygon. */
WmBuilding *wm_building_new (const char *id, WmGeometry *footprint);
const char *wm_building_get_id (WmBuilding *self);
WmGeometry *wm_building_get_footprint (WmBuilding *self);
/* Area the building lies in (by centroid); NULL when outside every area. */
const char *wm_building_get_area_id (WmBuilding *self);
void wm_building_set_area_id (WmBuilding *self, const char *area_id);
/* Year of construction, 0 when unknown. */
int wm_building_get_year (WmBuilding *self);
void wm_building_set_year (WmBuilding *self, int year);
/* Number of storeys, 0 when unknown. */
int wm_building_get_storeys (WmBuilding *self);
void wm_building_set_storeys (WmBuilding *self, int storeys);
const WmDwellingMix *wm_building_get_dwellings (WmBuilding *self);
void wm_building_set_dwellings (WmBuilding *self, const WmDwellingMix *mix);
gint wm_building_get_n_dwellings (WmBuilding *self);
/* Non-residential buildings have no dwellings; @use is free text such as "shop" or "barn". */
const char *wm_building_get_use (WmBuilding *self);
void wm_building_set_use (WmBuilding *self, const char *use);
gboolean wm_building_equal (WmBuilding *a, WmBuilding *b);

G_END_DECLS
