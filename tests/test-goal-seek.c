/* test-goal-seek.c: "Reach the targets" for a new build (wm-goal-seek) */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-goal-seek.h"
#include "wm-history.h"
#include "wm-proposal-factory.h"
#include "wm-test-util.h"

/* Two areas side by side: A (x 0-1000) holds 80 expensive owner-occupied and 10 social-rent
 * dwellings, B (x 1000-2000) 20 social rent. The new build of @mix goes into A. Targets: the
 * neighbourhood preset (social rent 30-50 %, new build at least 2/3 affordable). */
typedef struct
{
  WmPlan *plan;
  WmHistory *history;
  WmProposal *proposal; /* borrowed from the scenario */
} Fixture;

static void
add_area (WmPlan     *plan,
          const char *id,
          double      x0)
{
  g_autoptr(WmGeometry) g = wm_test_square (x0, 0, 1000);
  g_autoptr(WmArea) area = wm_area_new (id, id, g);

  wm_plan_add_area (plan, area);
}

/* Bands set on top of the preset by fixture_init (NULL-key terminated), for the sweep. */
typedef struct
{
  const char *key;
  double min, max;
} ExtraBand;

static ExtraBand extra_bands[8];

static void
fixture_init (Fixture             *f,
              const WmDwellingMix *mix,
              int                  a_social,
              int                  a_expensive,
              int                  b_social)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGeometry) footprint = wm_test_square (400, 400, 30);
  g_autoptr(WmProposal) p = NULL;

  f->plan = wm_plan_new ();
  add_area (f->plan, "A", 0);
  add_area (f->plan, "B", 1000);
  wm_test_add_building (f->plan, "a-1", 100, 100, WM_SEGMENT_OWNER_EXPENSIVE, a_expensive);
  wm_test_add_building (f->plan, "a-2", 200, 100, WM_SEGMENT_SOCIAL_RENT, a_social);
  wm_test_add_building (f->plan, "b-1", 1100, 100, WM_SEGMENT_SOCIAL_RENT, b_social);
  wm_targets_apply_preset (wm_targets_get_for_plan (f->plan), WM_TARGET_PRESET_NEIGHBOURHOOD);
  for (guint i = 0; extra_bands[i].key != NULL; i++)
    {
      WmTargetBand band = { extra_bands[i].min, extra_bands[i].max };

      wm_targets_set_band (wm_targets_get_for_plan (f->plan), extra_bands[i].key, &band);
    }
  f->history = wm_history_new (f->plan);
  p = wm_proposal_factory_new_build (f->plan, NULL, footprint, mix, WM_DWELLING_TYPE_APARTMENT,
                                     2030, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (f->history, NULL, p, -1, &error));
  g_assert_no_error (error);
  f->proposal = p;
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->history);
  g_clear_object (&f->plan);
}

static int
changes (const WmDwellingMix *a,
         const WmDwellingMix *b)
{
  int l1 = 0;

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    l1 += ABS (a->counts[s] - b->counts[s]);
  return l1 / 2;
}

/* The total gap of every band in @area_id as the engine sees it now (0: all within). */
static double
engine_gap (WmIndicatorEngine *engine,
            const char        *area_id)
{
  WmTargets *targets = wm_targets_get_for_plan (wm_indicator_engine_get_plan (engine));
  g_auto(GStrv) keys = wm_targets_dup_keys (targets);
  double gap = 0.0;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      WmTargetBand band;
      double value;
      WmTargetVerdict verdict;

      if (!wm_indicator_engine_is_defined (engine, keys[i], area_id, WM_INDICATOR_PROJECTED))
        continue;
      wm_targets_get_band (targets, keys[i], &band);
      value = wm_indicator_engine_get (engine, keys[i], area_id, WM_INDICATOR_PROJECTED);
      verdict = wm_targets_judge (targets, keys[i], value);
      if (wm_target_verdict_is_below (verdict))
        gap += band.min - value;
      else if (wm_target_verdict_is_above (verdict))
        gap += value - band.max;
      else
        g_assert_cmpint (verdict, ==, WM_TARGET_VERDICT_WITHIN);
    }
  return gap;
}

/* Every mix of the proposal's dwellings, judged by the engine itself (the proposal's delta is
 * set on a fixture of its own): the fewest changes among the mixes that reach every band, or
 * (none reaching) the smallest total gap. */
static void
brute_force (const WmDwellingMix *mix,
             int                  a_social,
             int                  a_expensive,
             int                  b_social,
             const char          *area_id,
             int                 *out_fewest,
             double              *out_min_gap)
{
  Fixture f;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  int n = wm_dwelling_mix_total (mix);
  WmDwellingMix x = { { 0 } };

  fixture_init (&f, mix, a_social, a_expensive, b_social);
  engine = wm_indicator_engine_new (f.plan, NULL);
  *out_fewest = G_MAXINT;
  *out_min_gap = INFINITY;
  for (x.counts[0] = 0; x.counts[0] <= n; x.counts[0]++)
    for (x.counts[1] = 0; x.counts[0] + x.counts[1] <= n; x.counts[1]++)
      for (x.counts[2] = 0; x.counts[0] + x.counts[1] + x.counts[2] <= n; x.counts[2]++)
        for (x.counts[3] = 0; x.counts[0] + x.counts[1] + x.counts[2] + x.counts[3] <= n;
             x.counts[3]++)
          {
            double gap;

            x.counts[4] = n - x.counts[0] - x.counts[1] - x.counts[2] - x.counts[3];
            wm_proposal_set_dwelling_delta (f.proposal, &x);
            gap = engine_gap (engine, area_id);
            *out_min_gap = MIN (*out_min_gap, gap);
            if (gap == 0.0)
              *out_fewest = MIN (*out_fewest, changes (&x, mix));
          }
  g_clear_object (&engine);
  fixture_clear (&f);
}

/* Accepting the proposed mix through the history, a fresh engine meets every band. */
static void
assert_accepting_reaches (Fixture          *f,
                          WmGoalSeekResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmIndicatorEngine) engine = NULL;

  g_assert_true (wm_history_set_proposal_delta (f->history, f->proposal,
                                                wm_goal_seek_result_get_proposed (result,
                                                                                  f->proposal),
                                                &error));
  g_assert_no_error (error);
  engine = wm_indicator_engine_new (f->plan, NULL);
  g_assert_cmpfloat (engine_gap (engine, result->area_id), ==, 0.0);
  if (result->area_id == NULL)
    {
      WmTargetVerdict verdict;

      g_assert_true (wm_indicator_engine_get_target (engine, "share.social_rent", NULL, &verdict));
      g_assert_cmpint (verdict, ==, WM_TARGET_VERDICT_WITHIN);
      g_assert_true (wm_indicator_engine_get_target (engine, "new_build_affordable_share", NULL,
                                                     &verdict));
      g_assert_cmpint (verdict, ==, WM_TARGET_VERDICT_WITHIN);
    }
}

/* Social rent 30/140 before: 12 more social-rent dwellings and 2/3 of 30 affordable are
 * needed, so 20 of the 30 expensive dwellings change segment. */
static void
test_reachable (void)
{
  WmDwellingMix mix = { { 0, 0, 0, 0, 30 } };
  Fixture f, pristine;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGoalSeekResult) result = NULL;
  const WmDwellingMix *proposed;
  int fewest;
  double min_gap;
  double before;

  fixture_init (&f, &mix, 10, 80, 20);
  fixture_init (&pristine, &mix, 10, 80, 20);
  engine = wm_indicator_engine_new (f.plan, NULL);
  before = wm_indicator_engine_get (engine, "share.social_rent", NULL, WM_INDICATOR_PROJECTED);
  g_assert_cmpfloat_with_epsilon (before, 30.0 / 140.0, 1e-12);

  result = wm_goal_seek_new_build (engine, f.proposal, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_true (result->reached);
  g_assert_cmpfloat (result->total_gap, ==, 0.0);
  g_assert_cmpuint (result->n_changes, ==, 20);
  g_assert_cmpuint (result->bands->len, ==, 2);
  for (guint i = 0; i < result->bands->len; i++)
    {
      WmGoalSeekBand *band = &g_array_index (result->bands, WmGoalSeekBand, i);

      g_assert_cmpint (band->verdict, ==, WM_TARGET_VERDICT_WITHIN);
      g_assert_null (band->description);
    }
  proposed = wm_goal_seek_result_get_proposed (result, f.proposal);
  g_assert_nonnull (proposed);
  g_assert_cmpint (wm_dwelling_mix_total (proposed), ==, 30);
  g_assert_cmpint (changes (proposed, &mix), ==, 20);
  g_assert_cmpint (proposed->counts[WM_SEGMENT_SOCIAL_RENT], >=, 12);
  g_assert_true (wm_dwelling_mix_equal (&g_array_index (result->current, WmDwellingMix, 0),
                                        &mix));

  /* Nothing changed: the plan, the proposal and the engine's figures. */
  g_assert_true (wm_plan_equal (f.plan, pristine.plan));
  g_assert_true (wm_dwelling_mix_equal (wm_proposal_get_dwelling_delta (f.proposal), &mix));
  g_assert_false (wm_history_get_can_redo (f.history));
  g_assert_cmpuint (wm_history_get_n_undo (f.history), ==, 1);
  g_assert_cmpfloat (wm_indicator_engine_get (engine, "share.social_rent", NULL,
                                              WM_INDICATOR_PROJECTED), ==, before);

  brute_force (&mix, 10, 80, 20, NULL, &fewest, &min_gap);
  g_assert_cmpint (fewest, ==, result->n_changes);
  g_assert_cmpfloat (min_gap, ==, 0.0);
  /* The bound cut most of the 46,376 mixes. */
  g_assert_cmpuint (result->n_evaluated, <, 46376);

  g_clear_object (&engine);
  assert_accepting_reaches (&f, result);
  fixture_clear (&pristine);
  fixture_clear (&f);
}

static void
test_already_fits (void)
{
  WmDwellingMix mix = { { 14, 7, 0, 0, 9 } };
  Fixture f;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGoalSeekResult) result = NULL;

  fixture_init (&f, &mix, 10, 80, 20);
  engine = wm_indicator_engine_new (f.plan, NULL);
  result = wm_goal_seek_new_build (engine, f.proposal, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->reached);
  g_assert_cmpuint (result->n_changes, ==, 0);
  g_assert_true (wm_dwelling_mix_equal (wm_goal_seek_result_get_proposed (result, f.proposal),
                                        &mix));
  /* Only the current mix was looked at. */
  g_assert_cmpuint (result->n_evaluated, ==, 1);
  g_clear_object (&engine);
  fixture_clear (&f);
}

/* 10 new dwellings next to 10 social-rent of 200: at best 20 of 210 social rent. */
static void
test_unreachable (void)
{
  WmDwellingMix mix = { { 0, 0, 0, 0, 10 } };
  Fixture f, pristine;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGoalSeekResult) result = NULL;
  const WmDwellingMix *proposed;
  WmGoalSeekBand *social = NULL;
  g_autofree char *label = wm_target_key_label ("share.social_rent");
  g_autofree char *expected = NULL;
  int fewest;
  double min_gap;

  fixture_init (&f, &mix, 0, 190, 10);
  fixture_init (&pristine, &mix, 0, 190, 10);
  engine = wm_indicator_engine_new (f.plan, NULL);
  result = wm_goal_seek_new_build (engine, f.proposal, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (result->reached);
  proposed = wm_goal_seek_result_get_proposed (result, f.proposal);
  g_assert_cmpint (proposed->counts[WM_SEGMENT_SOCIAL_RENT], ==, 10);
  g_assert_cmpuint (result->n_changes, ==, 10);

  for (guint i = 0; i < result->bands->len; i++)
    {
      WmGoalSeekBand *band = &g_array_index (result->bands, WmGoalSeekBand, i);

      if (g_str_equal (band->key, "share.social_rent"))
        social = band;
      else
        {
          /* The new build is all affordable: that band is met. */
          g_assert_cmpstr (band->key, ==, "new_build_affordable_share");
          g_assert_cmpfloat (band->gap, ==, 0.0);
          g_assert_null (band->description);
        }
    }
  g_assert_nonnull (social);
  g_assert_cmpfloat_with_epsilon (social->value, 20.0 / 210.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (social->gap, 0.3 - 20.0 / 210.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (result->total_gap, social->gap, 1e-12);
  g_assert_true (wm_target_verdict_is_below (social->verdict));
  expected = g_strdup_printf ("%s: 9.5 %%, 20.5 points below the minimum of 30 %%", label);
  g_assert_cmpstr (social->description, ==, expected);

  g_assert_true (wm_plan_equal (f.plan, pristine.plan));
  brute_force (&mix, 0, 190, 10, NULL, &fewest, &min_gap);
  g_assert_cmpint (fewest, ==, G_MAXINT);
  g_assert_cmpfloat_with_epsilon (min_gap, result->total_gap, 1e-12);

  g_clear_object (&engine);
  fixture_clear (&pristine);
  fixture_clear (&f);
}

/* The band above: 80 % social rent in area A is too much, the whole neighbourhood has room. */
static void
test_above_maximum (void)
{
  WmDwellingMix mix = { { 6, 0, 0, 0, 0 } };
  Fixture f;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGoalSeekResult) result = NULL;
  WmGoalSeekBand *band;
  g_autofree char *label = wm_target_key_label ("share.social_rent");
  g_autofree char *expected = NULL;

  /* A: 10 social rent, no other dwellings; with 6 more, 16/16 social rent at best 10/16. */
  fixture_init (&f, &mix, 10, 0, 0);
  engine = wm_indicator_engine_new (f.plan, NULL);
  result = wm_goal_seek_new_build (engine, f.proposal, "A", &error);
  g_assert_no_error (error);
  g_assert_false (result->reached);
  g_assert_cmpint (wm_goal_seek_result_get_proposed (result, f.proposal)
                     ->counts[WM_SEGMENT_SOCIAL_RENT], ==, 0);
  band = &g_array_index (result->bands, WmGoalSeekBand, 1);
  g_assert_cmpstr (band->key, ==, "share.social_rent");
  g_assert_cmpfloat_with_epsilon (band->value, 10.0 / 16.0, 1e-12);
  expected = g_strdup_printf ("%s: 62.5 %%, 12.5 points above the maximum of 50 %%", label);
  g_assert_cmpstr (band->description, ==, expected);
  g_clear_object (&engine);
  fixture_clear (&f);
}

/* In area A alone 26 social-rent dwellings are needed (36 of 120); area B is not where the new
 * build is. */
static void
test_area_scope (void)
{
  WmDwellingMix mix = { { 0, 0, 0, 0, 30 } };
  Fixture f, pristine;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGoalSeekResult) result = NULL;
  WmGoalSeekResult *none;
  WmTestSignalWatch *watch;
  int fewest;
  double min_gap;

  fixture_init (&f, &mix, 10, 80, 20);
  fixture_init (&pristine, &mix, 10, 80, 20);
  engine = wm_indicator_engine_new (f.plan, NULL);
  watch = wm_test_signal_watch_new (engine, "changed");
  result = wm_goal_seek_new_build (engine, f.proposal, "A", &error);
  g_assert_no_error (error);
  g_assert_true (result->reached);
  g_assert_cmpstr (result->area_id, ==, "A");
  /* The engine's replay for the area is not a change anyone needs to redraw for. */
  g_assert_cmpuint (wm_test_signal_watch_get_count (watch), ==, 0);
  g_clear_pointer (&watch, wm_test_signal_watch_free);
  g_assert_cmpuint (result->n_changes, ==, 26);
  brute_force (&mix, 10, 80, 20, "A", &fewest, &min_gap);
  g_assert_cmpint (fewest, ==, 26);

  none = wm_goal_seek_new_build (engine, f.proposal, "B", &error);
  g_assert_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_OUTSIDE_SCOPE);
  g_assert_null (none);
  g_clear_error (&error);
  none = wm_goal_seek_new_build (engine, f.proposal, "Z", &error);
  g_assert_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_UNKNOWN_AREA);
  g_assert_null (none);
  g_clear_error (&error);

  /* The replays of the engine (contributions) left it and the plan as they were. */
  g_assert_true (wm_plan_equal (f.plan, pristine.plan));
  g_assert_cmpfloat_with_epsilon (wm_indicator_engine_get (engine, "share.social_rent", "A",
                                                           WM_INDICATOR_PROJECTED),
                                  10.0 / 120.0, 1e-12);
  g_clear_object (&engine);
  assert_accepting_reaches (&f, result);
  fixture_clear (&pristine);
  fixture_clear (&f);
}

static void
test_refusals (void)
{
  WmDwellingMix mix = { { 0, 0, 0, 0, WM_GOAL_SEEK_MAX_DWELLINGS + 1 } };
  Fixture f;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmProposal) demolition = NULL;
  const char *ids[] = { "a-1", NULL };

  fixture_init (&f, &mix, 10, 80, 20);
  engine = wm_indicator_engine_new (f.plan, NULL);
  g_assert_null (wm_goal_seek_new_build (engine, f.proposal, NULL, &error));
  g_assert_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_TOO_LARGE);
  g_clear_error (&error);

  demolition = wm_proposal_factory_demolish (f.plan, NULL, ids, 2030, &error);
  g_assert_no_error (error);
  g_assert_null (wm_goal_seek_new_build (engine, demolition, NULL, &error));
  g_assert_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_clear_object (&engine);
  fixture_clear (&f);
}

/* Many small problems, each against every mix judged by the engine: the same fewest changes
 * when some mix reaches every band, else the same least total gap. */
static void
test_sweep (void)
{
  static const char *const keys[] = {
    "share.mid_rent", "share.owner_expensive", "affordable_share", "diversity",
    "share.private_rent", "share.owner_affordable",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  guint n_reached = 0, n_unreached = 0;

  for (guint round = 0; round < 150; round++)
    {
      WmDwellingMix mix = { { 0 } };
      int n = g_rand_int_range (rand, 4, 17);
      int a_social = g_rand_int_range (rand, 0, 30);
      int a_expensive = g_rand_int_range (rand, 0, 30);
      int b_social = g_rand_int_range (rand, 0, 20);
      guint n_extra = g_rand_int_range (rand, 0, 4);
      const char *scope = g_rand_boolean (rand) ? "A" : NULL;
      Fixture f;
      g_autoptr(WmIndicatorEngine) engine = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(WmGoalSeekResult) result = NULL;
      int fewest;
      double min_gap;

      for (int i = 0; i < n; i++)
        mix.counts[g_rand_int_range (rand, 0, WM_N_SEGMENTS)]++;
      memset (extra_bands, 0, sizeof extra_bands);
      for (guint i = 0; i < n_extra; i++)
        {
          double lo = g_rand_double_range (rand, 0.0, 0.4);

          extra_bands[i].key = keys[g_rand_int_range (rand, 0, G_N_ELEMENTS (keys))];
          extra_bands[i].min = g_rand_boolean (rand) ? lo : NAN;
          extra_bands[i].max = lo + g_rand_double_range (rand, 0.05, 0.6);
        }
      /* Every third round a diversity band alone, one-sided either way, where it binds. */
      if (round % 3 == 2)
        {
          double bound = g_rand_double_range (rand, 0.2, 0.8);

          memset (extra_bands, 0, sizeof extra_bands);
          extra_bands[0].key = "diversity";
          extra_bands[0].min = g_rand_boolean (rand) ? bound : NAN;
          extra_bands[0].max = isnan (extra_bands[0].min) ? bound : NAN;
        }

      fixture_init (&f, &mix, a_social, a_expensive, b_social);
      engine = wm_indicator_engine_new (f.plan, NULL);
      result = wm_goal_seek_new_build (engine, f.proposal, scope, &error);
      g_assert_no_error (error);
      brute_force (&mix, a_social, a_expensive, b_social, scope, &fewest, &min_gap);
      if (fewest != G_MAXINT)
        {
          g_assert_true (result->reached);
          g_assert_cmpint (result->n_changes, ==, fewest);
          n_reached++;
        }
      else
        {
          g_assert_false (result->reached);
          g_assert_cmpfloat_with_epsilon (result->total_gap, min_gap, 1e-9);
          n_unreached++;
        }
      g_clear_object (&engine);
      fixture_clear (&f);
    }
  memset (extra_bands, 0, sizeof extra_bands);
  /* Both kinds of answer were checked. */
  g_assert_cmpuint (n_reached, >=, 5);
  g_assert_cmpuint (n_unreached, >=, 5);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/goal-seek/reachable", test_reachable);
  g_test_add_func ("/goal-seek/already-fits", test_already_fits);
  g_test_add_func ("/goal-seek/unreachable", test_unreachable);
  g_test_add_func ("/goal-seek/above-maximum", test_above_maximum);
  g_test_add_func ("/goal-seek/area-scope", test_area_scope);
  g_test_add_func ("/goal-seek/refusals", test_refusals);
  g_test_add_func ("/goal-seek/sweep", test_sweep);
  return g_test_run ();
}
