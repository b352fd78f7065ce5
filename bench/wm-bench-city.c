/* wm-bench-city.c: a synthetic city for benchmarks */
#include "config.h"

#include <math.h>

#include "wm-bench-city.h"

#define AREA_SIZE 400.0
#define ORIGIN_X 150000.0
#define ORIGIN_Y 400000.0

static WmGeometry *
square (double x0,
        double y0,
        double size)
{
  WmPoint ring[] = {
    { x0, y0 }, { x0 + size, y0 }, { x0 + size, y0 + size }, { x0, y0 + size },
  };

  return wm_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
}

WmPlan *
wm_bench_city_new (guint   n_areas,
                   guint   n_buildings,
                   guint   n_facilities,
                   guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  WmPlan *plan = wm_plan_new ();
  guint columns = (guint) ceil (sqrt (n_areas * 1.25));
  g_autofree double *weights = g_new (double, n_areas * WM_N_SEGMENTS);

  wm_plan_set_name (plan, "Synthetic city");
  wm_plan_set_illustrative (plan, TRUE);

  for (guint a = 0; a < n_areas; a++)
    {
      g_autofree char *id = g_strdup_printf ("area-%u", a);
      g_autofree char *name = g_strdup_printf ("Area %u", a);
      g_autoptr(WmGeometry) boundary = square (ORIGIN_X + (a % columns) * AREA_SIZE,
                                               ORIGIN_Y + (a / columns) * AREA_SIZE, AREA_SIZE);
      g_autoptr(WmArea) area = wm_area_new (id, name, boundary);
      double sum = 0;

      wm_plan_add_area (plan, area);
      /* Each area leans towards some segments, so segregation is not trivial. */
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        sum += weights[a * WM_N_SEGMENTS + s] = pow (g_rand_double (rand), 2.0) + 0.02;
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        weights[a * WM_N_SEGMENTS + s] /= sum;
    }

  for (guint i = 0; i < n_buildings; i++)
    {
      guint a = i % n_areas;
      double x = ORIGIN_X + (a % columns) * AREA_SIZE + g_rand_double_range (rand, 5, AREA_SIZE - 15);
      double y = ORIGIN_Y + (a / columns) * AREA_SIZE + g_rand_double_range (rand, 5, AREA_SIZE - 15);
      g_autofree char *id = g_strdup_printf ("b%u", i);
      g_autofree char *area_id = g_strdup_printf ("area-%u", a);
      g_autoptr(WmGeometry) footprint = square (x, y, 10);
      g_autoptr(WmBuilding) building = wm_building_new (id, footprint);
      WmDwellingMix mix = { { 0 } };

      /* Exactly 10 dwellings per building: 1,000,000 for 100,000 buildings. */
      for (guint d = 0; d < 10; d++)
        {
          double r = g_rand_double (rand);
          guint s = 0;

          while (s < WM_N_SEGMENTS - 1 && (r -= weights[a * WM_N_SEGMENTS + s]) > 0)
            s++;
          mix.counts[s]++;
        }
      wm_building_set_area_id (building, area_id);
      wm_building_set_dwellings (building, &mix);
      wm_building_set_year (building, 1900 + g_rand_int_range (rand, 0, 124));
      wm_plan_add_building (plan, building);
    }

  for (guint i = 0; i < n_facilities; i++)
    {
      g_autofree char *id = g_strdup_printf ("f%u", i);
      guint a = g_rand_int_range (rand, 0, n_areas);
      double x = ORIGIN_X + (a % columns) * AREA_SIZE + g_rand_double_range (rand, 0, AREA_SIZE);
      double y = ORIGIN_Y + (a / columns) * AREA_SIZE + g_rand_double_range (rand, 0, AREA_SIZE);
      g_autoptr(WmFacility) facility = wm_facility_new (id, i % WM_N_FACILITY_TYPES, id, x, y);

      wm_plan_add_facility (plan, facility);
    }

  return plan;
}

/* A star-shaped polygon of about @area m² round (@cx, @cy): simple, since the angles increase. */
static WmGeometry *
blob (GRand  *rand,
      double  cx,
      double  cy,
      double  area,
      guint   n_vertices)
{
  g_autofree WmPoint *ring = g_new (WmPoint, n_vertices);
  g_autofree double *radius = g_new (double, n_vertices);
  g_autoptr(WmGeometry) shape = NULL;
  double scale;

  for (guint i = 0; i < n_vertices; i++)
    {
      double a = 2 * G_PI * i / n_vertices;

      radius[i] = g_rand_double_range (rand, 0.8, 1.2);
      ring[i].x = cx + radius[i] * cos (a);
      ring[i].y = cy + radius[i] * sin (a);
    }
  /* Scaled to the wanted area. */
  shape = wm_geometry_new_polygon (ring, n_vertices);
  scale = sqrt (area / wm_geometry_area (shape));
  for (guint i = 0; i < n_vertices; i++)
    {
      ring[i].x = cx + (ring[i].x - cx) * scale;
      ring[i].y = cy + (ring[i].y - cy) * scale;
    }
  return wm_geometry_new_polygon (ring, n_vertices);
}

static void
add_green (WmBasemap  *basemap,
           const char *kind,
           WmGeometry *geometry)
{
  g_autoptr(WmBasemapFeature) feature =
    wm_basemap_feature_new (WM_BASEMAP_GREEN, kind, NULL, 0.0, geometry);

  wm_basemap_add (basemap, feature);
}

guint
wm_bench_city_add_green (WmPlan  *plan,
                         guint    n_areas,
                         guint32  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  WmBasemap *basemap = wm_plan_get_basemap (plan);
  guint columns = (guint) ceil (sqrt (n_areas * 1.25));
  guint n_parks = 0;

  for (guint a = 0; a < n_areas; a++)
    {
      double x0 = ORIGIN_X + (a % columns) * AREA_SIZE, y0 = ORIGIN_Y + (a / columns) * AREA_SIZE;

      for (guint i = 0; i < 26; i++)
        {
          gboolean field = i >= 24;
          double area = field ? g_rand_double_range (rand, 2000, 8000)
                              : exp (g_rand_double_range (rand, log (50), log (1000)));
          g_autoptr(WmGeometry) g =
            blob (rand, x0 + g_rand_double_range (rand, 20, AREA_SIZE - 20),
                  y0 + g_rand_double_range (rand, 20, AREA_SIZE - 20), area,
                  g_rand_int_range (rand, 12, 41));

          add_green (basemap, field ? "grasland overig" : "groenvoorziening", g);
        }
      if (g_rand_double (rand) < 0.6)
        {
          g_autoptr(WmGeometry) g =
            blob (rand, x0 + g_rand_double_range (rand, 80, AREA_SIZE - 80),
                  y0 + g_rand_double_range (rand, 80, AREA_SIZE - 80),
                  g_rand_double_range (rand, 10500, 40000), 80);

          add_green (basemap, g_rand_boolean (rand) ? "groenvoorziening" : "gemengd bos", g);
          n_parks++;
        }
      if (g_rand_double (rand) < 0.1)
        {
          g_autoptr(WmGeometry) g =
            blob (rand, x0 + g_rand_double_range (rand, 100, AREA_SIZE - 100),
                  y0 + g_rand_double_range (rand, 100, AREA_SIZE - 100),
                  g_rand_double_range (rand, 20000, 50000), 40);

          add_green (basemap, "grasland agrarisch", g);
        }
    }
  return n_parks;
}
