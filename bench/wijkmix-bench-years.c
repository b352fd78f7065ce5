/* wijkmix-bench-years.c: the plan over 15 years on a city, by deltas against fresh engines
 *
 * A synthetic city (wm-bench-city.h, by default 100,000 buildings in 500 areas, with base map
 * green) and a plan of 20 proposals a year over 2026-2040 (demolitions, new build, tenure
 * conversions, new facilities) plus a few without a completion year. Measured, each against
 * its fair peer:
 *  1. the state at each of the 15 years: one engine stepped from year to year
 *     (wm_indicator_engine_set_year(), by the deltas of the proposals completed in between),
 *     reading what the indicator panel shows after each step. Peer: a fresh engine per year
 *     (a full computation) on a scenario holding that year's proposals, with the same reading.
 *     The two readings must be equal, bit for bit (exit 1 otherwise);
 *  2. wm_indicator_engine_get_series() of the panel's keys over the 15 years (steps quietly
 *     and back);
 *  3. wm_scenario_comparison_new_at_year() of six such plans at 2033, against
 *     wm_scenario_comparison_new() of the whole plans; both make an engine of their own (a
 *     full computation). Then the same two on an engine kept up to date, as the comparison
 *     window keeps one (wm_scenario_comparison_new_with_engine(): switches by deltas only).
 * Usage: wijkmix-bench-years [BUILDINGS [AREAS]]
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "wm-bench-city.h"
#include "wm-checklist.h"
#include "wm-core.h"
#include "wm-indicator-engine.h"
#include "wm-proposal-factory.h"
#include "wm-scenario-comparison.h"
#include "wm-timeline.h"

#define FIRST_YEAR 2026
#define N_YEARS 15
#define PER_YEAR 20
#define N_UNDATED 10
#define N_SCENARIOS 6
#define N_RUNS 5
#define COMPARE_YEAR 2033

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  g_autofree double *sorted = g_memdup2 (values, n * sizeof (double));

  qsort (sorted, n, sizeof (double), cmp_double);
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/* What the indicator panel shows: every key of the whole neighbourhood and of one area, and
 * the units and chance level of each D, baseline and projected. Appended to @values. */
static void
read_panel (WmIndicatorEngine *engine,
            GArray            *values)
{
  for (const char *const *k = wm_indicator_engine_get_keys (engine, TRUE); *k != NULL; k++)
    for (int st = 0; st < 2; st++)
      {
        double v = wm_indicator_engine_get (engine, *k, NULL, st);
        WmDissimilarity d;

        g_array_append_val (values, v);
        if (wm_indicator_engine_get_dissimilarity_detail (engine, *k, st, &d))
          {
            double units = d.n_units;

            g_array_append_val (values, units);
            g_array_append_val (values, d.chance);
          }
      }
  for (const char *const *k = wm_indicator_engine_get_keys (engine, FALSE); *k != NULL; k++)
    {
      double v = wm_indicator_engine_get (engine, *k, "area-7", WM_INDICATOR_PROJECTED);

      g_array_append_val (values, v);
    }
}

/* A building not named yet with at least @social social rent homes. */
static WmBuilding *
pick_building (GRand      *rand,
               WmPlan     *plan,
               GHashTable *used,
               int         social)
{
  GListModel *buildings = wm_plan_get_buildings (plan);
  guint n = g_list_model_get_n_items (buildings);

  for (;;)
    {
      guint i = g_rand_int_range (rand, 0, n);
      g_autoptr(WmBuilding) b = g_list_model_get_item (buildings, i);

      if (g_hash_table_contains (used, GUINT_TO_POINTER (i + 1)) ||
          wm_building_get_dwellings (b)->counts[WM_SEGMENT_SOCIAL_RENT] < social)
        continue;
      g_hash_table_add (used, GUINT_TO_POINTER (i + 1));
      /* The plan holds it. */
      return b;
    }
}

static void
add (WmScenario *scenario,
     WmProposal *proposal,
     GError     *error)
{
  if (proposal == NULL)
    g_error ("%s", error->message);
  wm_scenario_add_proposal (scenario, proposal);
  g_object_unref (proposal);
}

/* 20 proposals a year over the 15 years, and some without a year, in @scenario. */
static void
add_plan (WmPlan     *plan,
          WmScenario *scenario,
          guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  static const WmFacilityType facilities[] = { WM_FACILITY_PLAYGROUND,
                                               WM_FACILITY_COMMUNITY_CENTRE, WM_FACILITY_SHOP };

  for (guint n = 0; n < N_YEARS * PER_YEAR + N_UNDATED; n++)
    {
      int year = n < N_YEARS * PER_YEAR ? FIRST_YEAR + (int) (n / PER_YEAR) : 0;
      WmBuilding *b = pick_building (rand, plan, used, n % 5 == 2 ? 4 : 0);
      WmPoint c = wm_geometry_centroid (wm_building_get_footprint (b));
      const char *ids[] = { wm_building_get_id (b), NULL };
      g_autoptr(GError) error = NULL;

      switch (n % 5)
        {
        case 0:
        case 3:
          add (scenario, wm_proposal_factory_demolish (plan, scenario, ids, year, &error),
               error);
          break;
        case 1:
          {
            WmDwellingMix mix = { { 12, 10, 4, 8, 6 } };
            g_autoptr(WmGeometry) footprint = NULL;
            WmPoint ring[4] = { { c.x + 20, c.y + 20 }, { c.x + 50, c.y + 20 },
                                { c.x + 50, c.y + 50 }, { c.x + 20, c.y + 50 } };

            footprint = wm_geometry_new_polygon (ring, 4);
            add (scenario, wm_proposal_factory_new_build (plan, scenario, footprint, &mix,
                                                          WM_DWELLING_TYPE_APARTMENT, year,
                                                          &error),
                 error);
          }
          break;
        case 2:
          add (scenario, wm_proposal_factory_convert_tenure (plan, scenario, ids[0],
                                                             WM_SEGMENT_SOCIAL_RENT,
                                                             WM_SEGMENT_OWNER_AFFORDABLE, 4,
                                                             year, &error),
               error);
          break;
        default:
          add (scenario, wm_proposal_factory_add_facility (plan, scenario,
                                                           facilities[n % 3], c.x + 30,
                                                           c.y - 30, NULL, year, &error),
               error);
          break;
        }
    }
}

int
main (int argc, char **argv)
{
  guint n_buildings = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint n_areas = argc > 2 ? (guint) atoi (argv[2]) : 500;
  g_autoptr(WmPlan) city = NULL;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  WmScenario *scenarios[N_SCENARIOS];
  WmScenario *at_year[N_YEARS];
  double steps_ms[N_RUNS], peer_ms[N_RUNS], series_ms[N_RUNS], first_ms[N_RUNS];
  double at_year_ms[N_RUNS], whole_ms[N_RUNS], kept_at_year_ms[N_RUNS], kept_whole_ms[N_RUNS];
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gboolean equal = TRUE;
  double start;
  guint n_green;

  setlocale (LC_ALL, "");
  wm_core_init ();
  start = now_ms ();
  city = wm_bench_city_new (n_areas, n_buildings, MAX (n_buildings / 50, 9), 42);
  n_green = wm_bench_city_add_green (city, n_areas, 42);
  scenarios[0] = wm_plan_get_active_scenario (city);
  for (guint s = 0; s < N_SCENARIOS; s++)
    {
      if (s > 0)
        {
          g_autofree char *id = g_strdup_printf ("s-bench-%u", s);
          g_autofree char *name = g_strdup_printf ("Variant %u", s);
          g_autoptr(WmScenario) scenario = wm_scenario_new (id, name);

          wm_plan_add_scenario (city, scenario);
          scenarios[s] = scenario;
        }
      add_plan (city, scenarios[s], 100 + s);
    }
  /* The peer's scenarios: the proposals completed by each year (not in the plan). */
  for (guint y = 0; y < N_YEARS; y++)
    {
      GListModel *proposals = wm_scenario_get_proposals (scenarios[0]);

      at_year[y] = wm_scenario_new ("s-at-year", "At the year");
      for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
        {
          g_autoptr(WmProposal) p = g_list_model_get_item (proposals, i);

          if (wm_timeline_completed_by (p, FIRST_YEAR + (int) y))
            wm_scenario_add_proposal (at_year[y], p);
        }
    }
  engine = wm_indicator_engine_new (city, scenarios[0]);
  g_print ("city: %u buildings in %u areas, %u green polygons of 1 ha or more, %u scenarios of "
           "%u proposals (%u a year over %d-%d, %u undated), made in %.0f ms (not measured)\n",
           n_buildings, n_areas, n_green, N_SCENARIOS, N_YEARS * PER_YEAR + N_UNDATED, PER_YEAR,
           FIRST_YEAR, FIRST_YEAR + N_YEARS - 1, N_UNDATED, now_ms () - start);

  for (guint r = 0; r < N_RUNS; r++)
    {
      static const char *const series_keys[] = {
        "dwellings", "share.social_rent", "affordable_share", "new_build_affordable_share",
        "diversity", "dissimilarity_social", "dissimilarity_social.grid_250m",
        "households_to_rehouse", "newcomer_share", "coverage.playground", "coverage.green",
        NULL,
      };
      g_autoptr(GArray) series = NULL;
      double t;

      /* 1. From the whole plan to the first year (not one of the steps), then year by year. */
      t = now_ms ();
      wm_indicator_engine_set_year (engine, FIRST_YEAR - 1);
      first_ms[r] = now_ms () - t;
      g_ptr_array_set_size (mine, 0);
      t = now_ms ();
      for (guint y = 0; y < N_YEARS; y++)
        {
          GArray *values = g_array_new (FALSE, FALSE, sizeof (double));

          wm_indicator_engine_set_year (engine, FIRST_YEAR + (int) y);
          read_panel (engine, values);
          g_ptr_array_add (mine, values);
        }
      steps_ms[r] = now_ms () - t;

      t = now_ms ();
      for (guint y = 0; y < N_YEARS; y++)
        {
          g_autoptr(WmIndicatorEngine) fresh = wm_indicator_engine_new (city, at_year[y]);
          g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
          GArray *steps = g_ptr_array_index (mine, y);

          read_panel (fresh, values);
          if (values->len != steps->len ||
              memcmp (values->data, steps->data, values->len * sizeof (double)) != 0)
            {
              g_printerr ("year %d: the stepped engine and a fresh one disagree\n",
                          FIRST_YEAR + (int) y);
              equal = FALSE;
            }
        }
      peer_ms[r] = now_ms () - t;

      /* 2. The chart's series, from the whole plan. */
      wm_indicator_engine_set_year (engine, WM_INDICATOR_ALL_YEARS);
      t = now_ms ();
      series = wm_indicator_engine_get_series (engine, series_keys, NULL, FIRST_YEAR,
                                               FIRST_YEAR + N_YEARS - 1);
      series_ms[r] = now_ms () - t;
      g_assert (series->len == N_YEARS * (G_N_ELEMENTS (series_keys) - 1));

      /* 3. The comparison at a year and of the whole plans. */
      {
        g_autoptr(WmScenarioComparison) at = NULL;
        g_autoptr(WmScenarioComparison) whole = NULL;

        t = now_ms ();
        at = wm_scenario_comparison_new_at_year (city, scenarios, N_SCENARIOS, NULL,
                                                 COMPARE_YEAR);
        at_year_ms[r] = now_ms () - t;
        t = now_ms ();
        whole = wm_scenario_comparison_new (city, scenarios, N_SCENARIOS, NULL);
        whole_ms[r] = now_ms () - t;
      }
      {
        g_autoptr(WmScenarioComparison) at = NULL;
        g_autoptr(WmScenarioComparison) whole = NULL;

        t = now_ms ();
        at = wm_scenario_comparison_new_with_engine (engine, scenarios, N_SCENARIOS, NULL,
                                                     COMPARE_YEAR);
        kept_at_year_ms[r] = now_ms () - t;
        t = now_ms ();
        whole = wm_scenario_comparison_new_with_engine (engine, scenarios, N_SCENARIOS, NULL,
                                                        WM_INDICATOR_ALL_YEARS);
        kept_whole_ms[r] = now_ms () - t;
      }

      /* Where the comparison's time goes: its engine, the year, the switches, the checklist. */
      if (r == 0)
        {
          g_autoptr(WmIndicatorEngine) e = NULL;
          g_autoptr(WmChecklist) checklist = NULL;
          double t_new, t_year, t_switch = 0, t_check = 0;

          t = now_ms ();
          e = wm_indicator_engine_new (city, scenarios[0]);
          t_new = now_ms () - t;
          t = now_ms ();
          wm_indicator_engine_set_year (e, COMPARE_YEAR);
          t_year = now_ms () - t;
          checklist = wm_checklist_new (e, NULL);
          for (guint s = 1; s < N_SCENARIOS; s++)
            {
              g_signal_handlers_block_matched (e, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                               checklist);
              t = now_ms ();
              wm_indicator_engine_set_scenario (e, scenarios[s]);
              t_switch += now_ms () - t;
              g_signal_handlers_unblock_matched (e, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                                 checklist);
              t = now_ms ();
              wm_checklist_refresh (checklist);
              t_check += now_ms () - t;
            }
          g_print ("comparison's parts: engine %.1f ms, to the year %.1f ms, 5 switches %.1f ms, "
                   "5 checklist evaluations %.1f ms\n", t_new, t_year, t_switch, t_check);
        }

      g_print ("run %u: 15 years stepped %7.1f ms (first jump from the whole plan %5.1f ms); "
               "peer, a fresh engine per year %8.1f ms; series of %u keys %6.1f ms; "
               "comparison of %u at %d %6.1f ms, of the whole plans %6.1f ms\n",
               r + 1, steps_ms[r], first_ms[r], peer_ms[r],
               (guint) G_N_ELEMENTS (series_keys) - 1, series_ms[r], N_SCENARIOS, COMPARE_YEAR,
               at_year_ms[r], whole_ms[r]);
      g_print ("run %u: on a kept engine, comparison of %u at %d %6.1f ms, of the whole plans "
               "%6.1f ms\n", r + 1, N_SCENARIOS, COMPARE_YEAR, kept_at_year_ms[r],
               kept_whole_ms[r]);
    }
  g_print ("median of %u: 15 years stepped %.1f ms (goal < 50 ms), peer %.1f ms; series %.1f ms;"
           " comparison at %d %.1f ms (goal < 100 ms), whole plans %.1f ms\n",
           N_RUNS, median (steps_ms, N_RUNS), median (peer_ms, N_RUNS),
           median (series_ms, N_RUNS), COMPARE_YEAR, median (at_year_ms, N_RUNS),
           median (whole_ms, N_RUNS));
  g_print ("median of %u on a kept engine: comparison at %d %.1f ms (goal < 100 ms), whole "
           "plans %.1f ms\n", N_RUNS, COMPARE_YEAR, median (kept_at_year_ms, N_RUNS),
           median (kept_whole_ms, N_RUNS));
  for (guint y = 0; y < N_YEARS; y++)
    g_object_unref (at_year[y]);
  return equal ? 0 : 1;
}
