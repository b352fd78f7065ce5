/* wm-map-city.h: a generated city for the map frame-rate benchmark */
#pragma once

#include "wm-plan.h"

G_BEGIN_DECLS

/* About @n_buildings houses of 8 x 10 m in street blocks (with roads, green, water and street
 * names in the base map), 400 m areas over them and a facility of each type every few blocks;
 * dwellings per building vary in segment by district. Near Otterlo (RD). */
WmPlan *wm_map_city_new (guint n_buildings, guint32 seed);

G_END_DECLS
