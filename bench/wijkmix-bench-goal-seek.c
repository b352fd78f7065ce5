/* wijkmix-bench-goal-seek: the time of "Reach the targets" (wm-goal-seek) at 50, 100 and 200
 * dwellings and for sets of conversions (docs/goal-seeking.md)
 *
 * A neighbourhood of one area: one building of expensive owner-occupied and one of social rent
 * (sizes per case), the preset bands (social rent 30-50 %, new build at least 2/3 affordable).
 * Each case is timed as the dialog runs it: making the problem on the main thread (it reads
 * the engine) and solving it (the worker's part), best of three. */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "wm-core.h"
#include "wm-goal-seek.h"
#include "wm-history.h"
#include "wm-proposal-factory.h"

typedef struct
{
  WmPlan *plan;
  WmHistory *history;
  WmIndicatorEngine *engine;
  GPtrArray *proposals;
} Bench;

static void
add_building (WmPlan *plan, const char *id, double x, WmSegment segment, int count)
{
  WmPoint ring[] = { { x, 0 }, { x + 20, 0 }, { x + 20, 20 }, { x, 20 }, { x, 0 } };
  g_autoptr (WmGeometry) g = wm_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  g_autoptr (WmBuilding) b = wm_building_new (id, g);
  WmDwellingMix mix = { { 0 } };

  mix.counts[segment] = count;
  wm_building_set_dwellings (b, &mix);
  wm_plan_add_building (plan, b);
}

static void
bench_init (Bench *b, int expensive, int social)
{
  b->plan = wm_plan_new ();
  add_building (b->plan, "expensive", 0, WM_SEGMENT_OWNER_EXPENSIVE, expensive);
  add_building (b->plan, "social", 100, WM_SEGMENT_SOCIAL_RENT, social);
  wm_targets_apply_preset (wm_targets_get_for_plan (b->plan), WM_TARGET_PRESET_NEIGHBOURHOOD);
  b->history = wm_history_new (b->plan);
  b->proposals = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
bench_add (Bench *b, WmProposal *p)
{
  g_autoptr (GError) error = NULL;

  if (p == NULL || !wm_history_add_proposal (b->history, NULL, p, -1, &error))
    g_error ("cannot add the proposal: %s", error != NULL ? error->message : "refused");
  g_ptr_array_add (b->proposals, p);
}

static void
bench_clear (Bench *b)
{
  g_clear_object (&b->engine);
  g_clear_pointer (&b->proposals, g_ptr_array_unref);
  g_clear_object (&b->history);
  g_clear_object (&b->plan);
}

static void
run_case (Bench *b, gboolean conversions, const char *label, int n)
{
  double best_make = INFINITY, best_solve = INFINITY;
  guint64 evaluated = 0;
  gboolean reached = FALSE;

  b->engine = wm_indicator_engine_new (b->plan, NULL);
  for (int round = 0; round < 3; round++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (WmGoalSeekProblem) problem = NULL;
      g_autoptr (WmGoalSeekResult) result = NULL;
      gint64 t0 = g_get_monotonic_time (), t1, t2;

      problem = conversions
        ? wm_goal_seek_problem_conversions (b->engine, (WmProposal **) b->proposals->pdata,
                                            b->proposals->len, NULL, &error)
        : wm_goal_seek_problem_new_build (b->engine, b->proposals->pdata[0], NULL, &error);
      t1 = g_get_monotonic_time ();
      if (problem != NULL)
        result = wm_goal_seek_problem_solve (problem, NULL, &error);
      t2 = g_get_monotonic_time ();
      if (result == NULL)
        g_error ("%s: %s", label, error->message);
      best_make = MIN (best_make, (t1 - t0) / 1e6);
      best_solve = MIN (best_solve, (t2 - t1) / 1e6);
      evaluated = result->n_evaluated;
      reached = result->reached;
    }
  printf ("| %s | %d | %s | %" G_GUINT64_FORMAT " | %.1f ms | %.1f ms |\n", label, n,
          reached ? "yes" : "no", evaluated, 1e3 * best_make, 1e3 * best_solve);
  g_clear_object (&b->engine);
}

static void
new_build_case (const char *label, int expensive, int social, int n)
{
  Bench b;
  WmPoint ring[] = { { 300, 0 }, { 340, 0 }, { 340, 40 }, { 300, 40 }, { 300, 0 } };
  g_autoptr (WmGeometry) footprint = wm_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  WmDwellingMix mix = { { 0, 0, 0, 0, n } };

  bench_init (&b, expensive, social);
  bench_add (&b, wm_proposal_factory_new_build (b.plan, NULL, footprint, &mix,
                                                WM_DWELLING_TYPE_APARTMENT, 2030, NULL));
  run_case (&b, FALSE, label, n);
  bench_clear (&b);
}

/* @k conversions of @each social-rent dwellings, each in a building of its own, all sold as
 * expensive owner-occupied; the bands on top of the preset ask for some mid-rent and at most
 * 40 % expensive owner-occupied. */
static void
conversions_case (const char *label, int k, int each, int expensive)
{
  Bench b;
  WmTargets *targets;
  WmTargetBand mid = { 0.15, NAN }, top = { NAN, 0.4 };

  bench_init (&b, expensive, 0);
  targets = wm_targets_get_for_plan (b.plan);
  wm_targets_set_band (targets, "share.mid_rent", &mid);
  wm_targets_set_band (targets, "share.owner_expensive", &top);
  for (int i = 0; i < k; i++)
    {
      g_autofree char *id = g_strdup_printf ("block-%d", i);

      add_building (b.plan, id, 200 + 40 * i, WM_SEGMENT_SOCIAL_RENT, 2 * each);
      bench_add (&b, wm_proposal_factory_convert_tenure (b.plan, NULL, id, WM_SEGMENT_SOCIAL_RENT,
                                                         WM_SEGMENT_OWNER_EXPENSIVE, each, 2030,
                                                         NULL));
    }
  run_case (&b, TRUE, label, k * each);
  bench_clear (&b);
}

int
main (int argc, char **argv)
{
  wm_core_init ();
  printf ("| case | dwellings chosen | reached | mixes evaluated | problem (main thread) | "
          "solve (worker) |\n|---|---|---|---|---|---|\n");
  for (int n = 50; n <= 200; n *= 2)
    {
      new_build_case ("new build, reachable (300 expensive, 100 social rent)", 300, 100, n);
      new_build_case ("new build, social-rent minimum out of reach (5,000 expensive)", 5000, 0, n);
    }
  conversions_case ("1 conversion", 1, 50, 100);
  conversions_case ("4 conversions", 4, 25, 100);
  conversions_case ("10 conversions", 10, 10, 100);
  conversions_case ("10 conversions", 10, 20, 200);
  return 0;
}
