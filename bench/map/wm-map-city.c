/* wm-map-city.c: a generated city for the map frame-rate benchmark */
#include "config.h"

#include <math.h>

#include "wm-map-city.h"

#define ORIGIN_X 176000.0
#define ORIGIN_Y 452000.0
#define BLOCK 100.0   /* block pitch, street included */
#define STREET 12.0
#define LOT 12.0      /* house pitch along the block edge */
#define AREA 400.0

static WmGeometry *
rect (double x0, double y0, double x1, double y1)
{
  WmPoint p[] = { { x0, y0 }, { x1, y0 }, { x1, y1 }, { x0, y1 } };

  return wm_geometry_new_polygon (p, G_N_ELEMENTS (p));
}

static void
add_feature (WmPlan *plan, WmBasemapClass klass, const char *kind, const char *text,
             WmGeometry *geometry)
{
  g_autoptr(WmGeometry) g = geometry;
  g_autoptr(WmBasemapFeature) f = wm_basemap_feature_new (klass, kind, text, 0, g);

  wm_basemap_add (wm_plan_get_basemap (plan), f);
}

WmPlan *
wm_map_city_new (guint n_buildings, guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  WmPlan *plan = wm_plan_new ();
  /* A block holds 6 houses along each of its two long sides (12 in all). */
  guint per_block = 12;
  /* One block in eleven is a park. */
  guint n_blocks = (n_buildings + per_block - 1) / per_block * 11 / 10 + 1;
  guint side = (guint) ceil (sqrt (n_blocks));
  double extent = side * BLOCK;
  guint n_areas_side = (guint) ceil (extent / AREA);
  guint built = 0;

  wm_plan_set_name (plan, "Generated city");
  wm_plan_set_illustrative (plan, TRUE);

  for (guint j = 0; j < n_areas_side; j++)
    for (guint i = 0; i < n_areas_side; i++)
      {
        g_autofree char *id = g_strdup_printf ("area-%u-%u", i, j);
        g_autofree char *name = g_strdup_printf ("District %c%u", 'A' + (i % 26), j + 1);
        g_autoptr(WmGeometry) g = rect (ORIGIN_X + i * AREA, ORIGIN_Y + j * AREA,
                                        ORIGIN_X + (i + 1) * AREA, ORIGIN_Y + (j + 1) * AREA);
        g_autoptr(WmArea) area = wm_area_new (id, name, g);

        wm_plan_add_area (plan, area);
      }

  /* Streets between the blocks, with names. */
  for (guint k = 0; k <= side; k++)
    {
      double c = k * BLOCK - STREET / 2;
      g_autofree char *ns = g_strdup_printf ("Laan %u", k + 1);
      g_autofree char *ew = g_strdup_printf ("Straat %u", k + 1);

      add_feature (plan, WM_BASEMAP_ROAD, "rijbaan lokale weg", NULL,
                   rect (ORIGIN_X + c, ORIGIN_Y - STREET, ORIGIN_X + c + STREET, ORIGIN_Y + extent));
      add_feature (plan, WM_BASEMAP_ROAD, "rijbaan lokale weg", NULL,
                   rect (ORIGIN_X - STREET, ORIGIN_Y + c, ORIGIN_X + extent, ORIGIN_Y + c + STREET));
      for (guint m = 0; m < side; m += 4)
        {
          add_feature (plan, WM_BASEMAP_LABEL, NULL, ns,
                       wm_geometry_new_point (ORIGIN_X + c + STREET / 2, ORIGIN_Y + m * BLOCK + 50));
          add_feature (plan, WM_BASEMAP_LABEL, NULL, ew,
                       wm_geometry_new_point (ORIGIN_X + m * BLOCK + 50, ORIGIN_Y + c + STREET / 2));
        }
    }

  for (guint b = 0; b < n_blocks && built < n_buildings; b++)
    {
      double bx = ORIGIN_X + (b % side) * BLOCK + STREET / 2;
      double by = ORIGIN_Y + (b / side) * BLOCK + STREET / 2;
      double inner = BLOCK - STREET;
      /* Districts lean towards different segments. */
      guint district = ((guint) ((bx - ORIGIN_X) / 800) * 7 + (guint) ((by - ORIGIN_Y) / 800)) % 5;

      /* Every eleventh block a park, every 37th a pond (the houses go elsewhere). */
      if (b % 11 == 5)
        {
          add_feature (plan, WM_BASEMAP_GREEN, "groenvoorziening", NULL,
                       rect (bx, by, bx + inner, by + inner));
          if (b % 37 == 5)
            add_feature (plan, WM_BASEMAP_WATER, "watervlakte", NULL,
                         rect (bx + 20, by + 20, bx + inner - 20, by + inner - 20));
          continue;
        }

      for (guint h = 0; h < per_block && built < n_buildings; h++)
        {
          double x = bx + 4 + (h % 6) * LOT;
          double y = (h < 6) ? by + 4 : by + inner - 14;
          g_autofree char *id = g_strdup_printf ("b%u", built);
          g_autoptr(WmGeometry) footprint = rect (x, y, x + 8 + g_rand_double (rand), y + 10);
          g_autoptr(WmBuilding) building = wm_building_new (id, footprint);
          WmDwellingMix mix = { { 0 } };
          guint n = 1 + g_rand_int_range (rand, 0, 4);

          for (guint d = 0; d < n; d++)
            {
              guint s = g_rand_double (rand) < 0.6 ? district : (guint) g_rand_int_range (rand, 0, 5);

              mix.counts[s]++;
            }
          wm_building_set_dwellings (building, &mix);
          wm_plan_add_building (plan, building);
          built++;
        }
    }

  for (guint f = 0; f < n_blocks / 40; f++)
    {
      g_autofree char *id = g_strdup_printf ("f%u", f);
      guint b = g_rand_int_range (rand, 0, n_blocks);
      g_autoptr(WmFacility) facility =
        wm_facility_new (id, f % WM_N_FACILITY_TYPES, id, ORIGIN_X + (b % side) * BLOCK + 50,
                         ORIGIN_Y + (b / side) * BLOCK + 50);

      wm_plan_add_facility (plan, facility);
    }

  return plan;
}
