/* wm-bench-city.h: a synthetic city for benchmarks */
#pragma once

#include "wm-plan.h"

G_BEGIN_DECLS

/* @n_areas square areas of 400 m in a grid, @n_buildings buildings of 10 dwellings spread over
 * them with a segment mix that differs per area, and @n_facilities facilities of every type. */
WmPlan *wm_bench_city_new (guint n_areas, guint n_buildings, guint n_facilities, guint32 seed);

G_END_DECLS
