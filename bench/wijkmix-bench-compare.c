/* wijkmix-bench-compare.c: the comparison of six scenarios on a city, against fresh engines
 *
 * A synthetic city (wm-bench-city.h, by default 100,000 buildings in 500 areas) with six
 * scenarios of a demolition and a new build each. Three runs of wm_scenario_comparison_new()
 * (one engine switched between the scenarios by deltas, plus one checklist following it)
 * against the peer a straightforward implementation would be: a fresh engine, created (a
 * full computation) for each scenario. Only the indicators are compared in the peer, so it
 * does less than the comparison does.
 * Usage: wijkmix-bench-compare [BUILDINGS [AREAS]]
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "wm-bench-city.h"
#include "wm-core.h"
#include "wm-indicator-engine.h"
#include "wm-proposal-factory.h"
#include "wm-scenario-comparison.h"

#define N_SCENARIOS 6
#define N_RUNS 3

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* In @scenario: a demolition of the @nth building with dwellings, a new build beside it. */
static void
add_proposals (WmPlan *plan, WmScenario *scenario, guint nth)
{
  GListModel *buildings = wm_plan_get_buildings (plan);
  WmDwellingMix mix = { { 20 + nth, 12, 8, 10, 6 } };
  guint seen = 0;

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr(WmBuilding) b = g_list_model_get_item (buildings, i);
      const char *ids[] = { wm_building_get_id (b), NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(WmProposal) demolish = NULL;
      g_autoptr(WmProposal) build = NULL;
      g_autoptr(WmGeometry) footprint = NULL;
      WmPoint c, ring[4];

      if (wm_building_get_n_dwellings (b) == 0 || seen++ < nth * 997)
        continue;
      demolish = wm_proposal_factory_demolish (plan, scenario, ids, 2027, &error);
      g_assert_no_error (error);
      wm_scenario_add_proposal (scenario, demolish);
      c = wm_geometry_centroid (wm_building_get_footprint (b));
      ring[0] = (WmPoint) { c.x - 15, c.y - 15 };
      ring[1] = (WmPoint) { c.x + 15, c.y - 15 };
      ring[2] = (WmPoint) { c.x + 15, c.y + 15 };
      ring[3] = (WmPoint) { c.x - 15, c.y + 15 };
      footprint = wm_geometry_new_polygon (ring, 4);
      build = wm_proposal_factory_new_build (plan, scenario, footprint, &mix,
                                             WM_DWELLING_TYPE_APARTMENT, 2029, &error);
      g_assert_no_error (error);
      wm_scenario_add_proposal (scenario, build);
      return;
    }
}

int
main (int argc, char **argv)
{
  guint n_buildings = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint n_areas = argc > 2 ? (guint) atoi (argv[2]) : 500;
  g_autoptr(WmPlan) city = NULL;
  WmScenario *scenarios[N_SCENARIOS];
  double start;

  setlocale (LC_ALL, "");
  wm_core_init ();
  start = now_ms ();
  city = wm_bench_city_new (n_areas, n_buildings, MAX (n_buildings / 50, 9), 42);
  scenarios[0] = wm_plan_get_active_scenario (city);
  add_proposals (city, scenarios[0], 0);
  for (guint s = 1; s < N_SCENARIOS; s++)
    {
      g_autofree char *id = g_strdup_printf ("s-bench-%u", s);
      g_autofree char *name = g_strdup_printf ("Variant %u", s);
      g_autoptr(WmScenario) scenario = wm_scenario_new (id, name);

      wm_plan_add_scenario (city, scenario);
      scenarios[s] = scenario;
      add_proposals (city, scenario, s);
    }
  g_print ("city: %u buildings in %u areas, %u scenarios, made in %.0f ms (not measured)\n",
           n_buildings, n_areas, N_SCENARIOS, now_ms () - start);

  for (guint r = 0; r < N_RUNS; r++)
    {
      g_autoptr(WmScenarioComparison) comparison = NULL;
      double t0, t1, t2;

      t0 = now_ms ();
      comparison = wm_scenario_comparison_new (city, scenarios, N_SCENARIOS, NULL);
      t1 = now_ms ();
      for (guint s = 0; s < N_SCENARIOS; s++)
        {
          g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (city, scenarios[s]);

          g_assert_nonnull (engine);
        }
      t2 = now_ms ();
      g_print ("run %u: comparison of %u scenarios %8.1f ms (%u rows); "
               "peer, a fresh engine per scenario %8.1f ms\n",
               r + 1, N_SCENARIOS, t1 - t0, comparison->rows->len, t2 - t1);
    }
  return 0;
}
