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
/* Where the split of the dwellings over segments comes from. BAG has no tenure: a building
 * imported with a dwelling count only is ESTIMATED (from its area's CBS figures, only the
 * total is data); a corporation's property list makes it LISTED. */
typedef enum
{
  WM_TENURE_STATED,    /* as the source (a project, the demo, a segment field) gives it */
  WM_TENURE_ESTIMATED, /* derived from area figures; only the dwelling count is data */
  WM_TENURE_LISTED,    /* set by a corporation's property list */
} WmTenureSource;

const char *wm_tenure_source_key (WmTenureSource source); /* "stated", "estimated", "listed" */
gboolean wm_tenure_source_from_key (const char *key, WmTenureSource *out);
WmTenureSource wm_building_get_tenure_source (WmBuilding *self);
void wm_building_set_tenure_source (WmBuilding *self, WmTenureSource source);

/* A new building with the same fields (baseline objects are immutable: change a copy). */
WmBuilding *wm_building_copy (WmBuilding *self);

gboolean wm_building_equal (WmBuilding *a, WmBuilding *b);

G_END_DECLS
