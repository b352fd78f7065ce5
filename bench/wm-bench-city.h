/* wm-bench-city.h: a synthetic city for benchmarks */
#pragma once

#include "wm-plan.h"

G_BEGIN_DECLS

/* @n_areas square areas of 400 m in a grid, @n_buildings buildings of 10 dwellings spread over
 * them with a segment mix that differs per area, and @n_facilities facilities of every type. */
WmPlan *wm_bench_city_new (guint n_areas, guint n_buildings, guint n_facilities, guint32 seed);
/* Adds base map green to @plan's areas as BGT "begroeid terreindeel" holds it (sizes after the
 * BGT of Otterlo): per area 24 small patches (50-1,000 m², "groenvoorziening"), 2 grass fields
 * (2,000-8,000 m², "grasland overig"), a park of 1-4 ha in 3 areas of 5 and a field of farmland
 * (2-5 ha, "grasland agrarisch", not green for the RIVM rule) in 1 of 10; irregular polygons of
 * 12-40 vertices, 80 for the parks. Returns the number of polygons of at least 1 ha that count. */
guint wm_bench_city_add_green (WmPlan *plan, guint n_areas, guint32 seed);

G_END_DECLS
