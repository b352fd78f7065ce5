/* test-goal-seek.c: "Reach the targets" for a new build (wm-goal-seek) */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-goal-seek.h"
#include "wm-history.h"
#include "wm-proposal-factory.h"
#include "wm-test-util.h"

#include <gio/gio.h>

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

/* Conversions. A plan of buildings in areas A and B, tenure conversions on some of them. */
typedef struct
{
  const char *id;
  double x;      /* < 1000: area A, else B */
  WmSegment segment;
  int count;
} BuildingSpec;

typedef struct
{
  const char *building;
  WmSegment from, to;
  int n;
} ConversionSpec;

typedef struct
{
  WmPlan *plan;
  WmHistory *history;
  GPtrArray *conversions; /* WmProposal, borrowed from the scenario */
} ConvFixture;

static void
conv_fixture_init (ConvFixture          *f,
                   const BuildingSpec   *buildings,
                   guint                 n_buildings,
                   const ConversionSpec *conversions,
                   guint                 n_conversions)
{
  f->plan = wm_plan_new ();
  add_area (f->plan, "A", 0);
  add_area (f->plan, "B", 1000);
  for (guint i = 0; i < n_buildings; i++)
    wm_test_add_building (f->plan, buildings[i].id, buildings[i].x, 100, buildings[i].segment,
                          buildings[i].count);
  wm_targets_apply_preset (wm_targets_get_for_plan (f->plan), WM_TARGET_PRESET_NEIGHBOURHOOD);
  for (guint i = 0; extra_bands[i].key != NULL; i++)
    {
      WmTargetBand band = { extra_bands[i].min, extra_bands[i].max };

      wm_targets_set_band (wm_targets_get_for_plan (f->plan), extra_bands[i].key, &band);
    }
  f->history = wm_history_new (f->plan);
  f->conversions = g_ptr_array_new ();
  for (guint i = 0; i < n_conversions; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WmProposal) p =
        wm_proposal_factory_convert_tenure (f->plan, NULL, conversions[i].building,
                                            conversions[i].from, conversions[i].to,
                                            conversions[i].n, 2028, &error);

      g_assert_no_error (error);
      g_assert_true (wm_history_add_proposal (f->history, NULL, p, -1, &error));
      g_assert_no_error (error);
      g_ptr_array_add (f->conversions, p);
    }
}

static void
conv_fixture_clear (ConvFixture *f)
{
  g_clear_pointer (&f->conversions, g_ptr_array_unref);
  g_clear_object (&f->history);
  g_clear_object (&f->plan);
}

typedef struct
{
  ConvFixture f;
  WmIndicatorEngine *engine;
  const ConversionSpec *conversions;
  guint n;
  const char *area_id;
  int fewest;      /* combined changes among the mixes reaching every band */
  double min_gap;
  int fewest_at_min_gap;
} Brute;

/* Every destination of every conversion (never its own segment), judged by the engine. */
static void
brute_step (Brute *b,
            guint  i)
{
  const ConversionSpec *c;
  WmDwellingMix delta = { { 0 } };

  if (i == b->n)
    {
      int combined[WM_N_SEGMENTS] = { 0 };
      int l1 = 0;
      double gap = engine_gap (b->engine, b->area_id);

      for (guint k = 0; k < b->n; k++)
        {
          const WmDwellingMix *d =
            wm_proposal_get_dwelling_delta (g_ptr_array_index (b->f.conversions, k));

          for (guint g = 0; g < WM_N_SEGMENTS; g++)
            if (d->counts[g] > 0)
              combined[g] += d->counts[g];
          combined[b->conversions[k].to] -= b->conversions[k].n;
        }
      for (guint g = 0; g < WM_N_SEGMENTS; g++)
        l1 += ABS (combined[g]);
      if (gap == 0.0)
        b->fewest = MIN (b->fewest, l1 / 2);
      if (gap < b->min_gap - 1e-12)
        {
          b->min_gap = gap;
          b->fewest_at_min_gap = l1 / 2;
        }
      else if (gap <= b->min_gap + 1e-12)
        b->fewest_at_min_gap = MIN (b->fewest_at_min_gap, l1 / 2);
      return;
    }
  c = &b->conversions[i];
  /* The n dwellings over the four other segments. */
  for (int a = 0; a <= c->n; a++)
    for (int bb = 0; a + bb <= c->n; bb++)
      for (int cc = 0; a + bb + cc <= c->n; cc++)
        {
          int counts[4] = { a, bb, cc, c->n - a - bb - cc };
          guint k = 0;

          memset (&delta, 0, sizeof delta);
          delta.counts[c->from] = -c->n;
          for (guint g = 0; g < WM_N_SEGMENTS; g++)
            if (g != c->from)
              delta.counts[g] = counts[k++];
          wm_proposal_set_dwelling_delta (g_ptr_array_index (b->f.conversions, i), &delta);
          brute_step (b, i + 1);
        }
}

static void
conv_brute_force (const BuildingSpec   *buildings,
                  guint                 n_buildings,
                  const ConversionSpec *conversions,
                  guint                 n_conversions,
                  const char           *area_id,
                  int                  *out_fewest,
                  double               *out_min_gap,
                  int                  *out_fewest_at_min_gap)
{
  Brute b = { 0 };

  conv_fixture_init (&b.f, buildings, n_buildings, conversions, n_conversions);
  b.engine = wm_indicator_engine_new (b.f.plan, NULL);
  b.conversions = conversions;
  b.n = n_conversions;
  b.area_id = area_id;
  b.fewest = G_MAXINT;
  b.min_gap = INFINITY;
  b.fewest_at_min_gap = G_MAXINT;
  brute_step (&b, 0);
  *out_fewest = b.fewest;
  *out_min_gap = b.min_gap;
  if (out_fewest_at_min_gap != NULL)
    *out_fewest_at_min_gap = b.fewest_at_min_gap;
  g_clear_object (&b.engine);
  conv_fixture_clear (&b.f);
}

/* Each proposed delta keeps what its conversion takes out and its number, and puts nothing back
 * into the segment it comes from. */
static void
assert_conversions_kept (WmGoalSeekResult     *result,
                         const ConversionSpec *conversions,
                         guint                 n)
{
  g_assert_cmpuint (result->proposals->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const WmDwellingMix *d = &g_array_index (result->proposed, WmDwellingMix, i);
      int positive = 0;

      g_assert_cmpint (d->counts[conversions[i].from], ==, -conversions[i].n);
      for (guint g = 0; g < WM_N_SEGMENTS; g++)
        if (g != conversions[i].from)
          {
            g_assert_cmpint (d->counts[g], >=, 0);
            positive += d->counts[g];
          }
      g_assert_cmpint (positive, ==, conversions[i].n);
    }
}

static WmGoalSeekResult *
seek_conversions (ConvFixture       *f,
                  WmIndicatorEngine *engine,
                  const char        *area_id,
                  GError           **error)
{
  return wm_goal_seek_conversions (engine, (WmProposal **) f->conversions->pdata,
                                   f->conversions->len, area_id, error);
}

/* 40 expensive owner-occupied in A, 50 + 30 social rent in A and B: 67 % social rent. Selling
 * 30 social-rent dwellings as expensive owner-occupied meets the social-rent band, but the
 * bands on expensive owner-occupied (at most 40 %) and mid-rent (at least 10 %) want 22 of them
 * elsewhere, 12 of those mid-rent. */
static const BuildingSpec single_buildings[] = {
  { "a-1", 100, WM_SEGMENT_OWNER_EXPENSIVE, 40 },
  { "a-2", 200, WM_SEGMENT_SOCIAL_RENT, 50 },
  { "b-1", 1100, WM_SEGMENT_SOCIAL_RENT, 30 },
};

static void
set_extra (guint       i,
           const char *key,
           double      min,
           double      max)
{
  extra_bands[i].key = key;
  extra_bands[i].min = min;
  extra_bands[i].max = max;
  extra_bands[i + 1].key = NULL;
}

static void
test_conversion_reachable (void)
{
  const ConversionSpec conversions[] = {
    { "a-2", WM_SEGMENT_SOCIAL_RENT, WM_SEGMENT_OWNER_EXPENSIVE, 30 },
  };
  ConvFixture f;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(WmIndicatorEngine) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGoalSeekResult) result = NULL;
  const WmDwellingMix *proposed;
  WmDwellingMix before;
  int fewest;
  double min_gap;

  set_extra (0, "share.owner_expensive", NAN, 0.4);
  set_extra (1, "share.mid_rent", 0.1, NAN);
  conv_fixture_init (&f, single_buildings, G_N_ELEMENTS (single_buildings), conversions, 1);
  engine = wm_indicator_engine_new (f.plan, NULL);
  result = seek_conversions (&f, engine, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->reached);
  g_assert_cmpuint (result->n_changes, ==, 22);
  assert_conversions_kept (result, conversions, 1);
  proposed = wm_goal_seek_result_get_proposed (result, g_ptr_array_index (f.conversions, 0));
  g_assert_cmpint (proposed->counts[WM_SEGMENT_MID_RENT], >=, 12);
  g_assert_cmpint (proposed->counts[WM_SEGMENT_OWNER_EXPENSIVE], ==, 8);
  conv_brute_force (single_buildings, G_N_ELEMENTS (single_buildings), conversions, 1, NULL,
                    &fewest, &min_gap, NULL);
  g_assert_cmpint (fewest, ==, result->n_changes);

  /* Nothing changed until accepted; then one step that a fresh engine finds inside every band,
   * and undo brings the conversion's own mix back. */
  before = *wm_proposal_get_dwelling_delta (g_ptr_array_index (f.conversions, 0));
  g_assert_cmpint (before.counts[WM_SEGMENT_OWNER_EXPENSIVE], ==, 30);
  g_clear_object (&engine);
  g_assert_true (wm_goal_seek_result_apply (result, f.history, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wm_history_get_undo_label (f.history), ==, "Undo Reach the targets");
  after = wm_indicator_engine_new (f.plan, NULL);
  g_assert_cmpfloat (engine_gap (after, NULL), ==, 0.0);
  g_assert_true (wm_history_undo (f.history));
  g_assert_true (wm_dwelling_mix_equal (
    wm_proposal_get_dwelling_delta (g_ptr_array_index (f.conversions, 0)), &before));
  conv_fixture_clear (&f);
  memset (extra_bands, 0, sizeof extra_bands);
}

/* Two conversions in A and one in B, judged together: the fewest combined changes (against
 * every split of every conversion), one undo step for all. */
static const BuildingSpec several_buildings[] = {
  { "a-1", 100, WM_SEGMENT_OWNER_EXPENSIVE, 12 },
  { "a-2", 200, WM_SEGMENT_SOCIAL_RENT, 14 },
  { "a-3", 300, WM_SEGMENT_MID_RENT, 6 },
  { "b-1", 1100, WM_SEGMENT_SOCIAL_RENT, 10 },
};
static const ConversionSpec several_conversions[] = {
  { "a-2", WM_SEGMENT_SOCIAL_RENT, WM_SEGMENT_OWNER_EXPENSIVE, 6 },
  { "a-3", WM_SEGMENT_MID_RENT, WM_SEGMENT_SOCIAL_RENT, 4 },
  { "b-1", WM_SEGMENT_SOCIAL_RENT, WM_SEGMENT_OWNER_EXPENSIVE, 5 },
};

static void
test_conversions_several (void)
{
  ConvFixture f;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(WmIndicatorEngine) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGoalSeekResult) result = NULL;
  int fewest;
  double min_gap;
  guint n_undo;

  set_extra (0, "share.owner_expensive", NAN, 0.3);
  set_extra (1, "share.owner_affordable", 0.08, NAN);
  set_extra (2, "share.mid_rent", 0.1, 0.2);
  conv_fixture_init (&f, several_buildings, G_N_ELEMENTS (several_buildings),
                     several_conversions, G_N_ELEMENTS (several_conversions));
  engine = wm_indicator_engine_new (f.plan, NULL);
  g_assert_cmpfloat (engine_gap (engine, NULL), >, 0.0);
  result = seek_conversions (&f, engine, NULL, &error);
  g_assert_no_error (error);
  conv_brute_force (several_buildings, G_N_ELEMENTS (several_buildings), several_conversions,
                    G_N_ELEMENTS (several_conversions), NULL, &fewest, &min_gap, NULL);
  g_assert_cmpint (fewest, !=, G_MAXINT);
  g_assert_true (result->reached);
  g_assert_cmpint (result->n_changes, ==, fewest);
  g_assert_cmpint (result->n_changes, >, 0);
  assert_conversions_kept (result, several_conversions, G_N_ELEMENTS (several_conversions));

  n_undo = wm_history_get_n_undo (f.history);
  g_clear_object (&engine);
  g_assert_true (wm_goal_seek_result_apply (result, f.history, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wm_history_get_n_undo (f.history), ==, n_undo + 1);
  after = wm_indicator_engine_new (f.plan, NULL);
  g_assert_cmpfloat (engine_gap (after, NULL), ==, 0.0);
  g_assert_true (wm_history_undo (f.history));
  for (guint i = 0; i < f.conversions->len; i++)
    g_assert_true (wm_dwelling_mix_equal (
      wm_proposal_get_dwelling_delta (g_ptr_array_index (f.conversions, i)),
      &g_array_index (result->current, WmDwellingMix, i)));
  conv_fixture_clear (&f);
  memset (extra_bands, 0, sizeof extra_bands);
}

/* Selling 4 of 80 social-rent dwellings cannot bring social rent under 50 %: the band is named
 * with its figures, and the gap is the least any destination gives. */
static void
test_conversions_unreachable (void)
{
  const BuildingSpec buildings[] = {
    { "a-1", 100, WM_SEGMENT_OWNER_EXPENSIVE, 20 },
    { "a-2", 200, WM_SEGMENT_SOCIAL_RENT, 80 },
  };
  const ConversionSpec conversions[] = {
    { "a-2", WM_SEGMENT_SOCIAL_RENT, WM_SEGMENT_OWNER_EXPENSIVE, 4 },
  };
  ConvFixture f;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGoalSeekResult) result = NULL;
  g_autofree char *label = wm_target_key_label ("share.social_rent");
  g_autofree char *expected = NULL;
  WmGoalSeekBand *social = NULL;
  int fewest, fewest_at_min;
  double min_gap;

  set_extra (0, "share.private_rent", 0.02, NAN);
  conv_fixture_init (&f, buildings, G_N_ELEMENTS (buildings), conversions, 1);
  engine = wm_indicator_engine_new (f.plan, NULL);
  result = seek_conversions (&f, engine, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (result->reached);
  for (guint i = 0; i < result->bands->len; i++)
    {
      WmGoalSeekBand *band = &g_array_index (result->bands, WmGoalSeekBand, i);

      if (g_str_equal (band->key, "share.social_rent"))
        social = band;
      else
        g_assert_null (band->description);
    }
  g_assert_nonnull (social);
  g_assert_cmpfloat_with_epsilon (social->value, 0.76, 1e-12);
  g_assert_true (wm_target_verdict_is_above (social->verdict));
  expected = g_strdup_printf ("%s: 76 %%, 26 points above the maximum of 50 %%", label);
  g_assert_cmpstr (social->description, ==, expected);
  /* The private-rent minimum (2 of 100) is met on the way: 2 of the 4 go there. */
  g_assert_cmpint (wm_goal_seek_result_get_proposed (result, g_ptr_array_index (f.conversions, 0))
                     ->counts[WM_SEGMENT_PRIVATE_RENT], ==, 2);
  conv_brute_force (buildings, G_N_ELEMENTS (buildings), conversions, 1, NULL, &fewest, &min_gap,
                    &fewest_at_min);
  g_assert_cmpint (fewest, ==, G_MAXINT);
  g_assert_cmpfloat_with_epsilon (result->total_gap, min_gap, 1e-12);
  g_assert_cmpint (result->n_changes, ==, fewest_at_min);
  g_clear_object (&engine);
  conv_fixture_clear (&f);
  memset (extra_bands, 0, sizeof extra_bands);
}

/* Area A only: the conversion in B keeps its mix, and the answer is A's. */
static void
test_conversions_area (void)
{
  ConvFixture f, pristine;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGoalSeekResult) result = NULL;
  WmGoalSeekResult *none;
  int fewest;
  double min_gap;

  set_extra (0, "share.owner_expensive", NAN, 0.3);
  set_extra (1, "share.owner_affordable", 0.08, NAN);
  set_extra (2, "share.mid_rent", 0.1, 0.2);
  conv_fixture_init (&f, several_buildings, G_N_ELEMENTS (several_buildings),
                     several_conversions, G_N_ELEMENTS (several_conversions));
  conv_fixture_init (&pristine, several_buildings, G_N_ELEMENTS (several_buildings),
                     several_conversions, G_N_ELEMENTS (several_conversions));
  engine = wm_indicator_engine_new (f.plan, NULL);
  result = seek_conversions (&f, engine, "A", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->area_id, ==, "A");
  assert_conversions_kept (result, several_conversions, G_N_ELEMENTS (several_conversions));
  g_assert_true (wm_dwelling_mix_equal (&g_array_index (result->proposed, WmDwellingMix, 2),
                                        &g_array_index (result->current, WmDwellingMix, 2)));
  /* Against every split of the two conversions in A, the one in B as it is. */
  conv_brute_force (several_buildings, G_N_ELEMENTS (several_buildings), several_conversions, 2,
                    "A", &fewest, &min_gap, NULL);
  if (fewest != G_MAXINT)
    {
      g_assert_true (result->reached);
      g_assert_cmpint (result->n_changes, ==, fewest);
    }
  else
    g_assert_cmpfloat_with_epsilon (result->total_gap, min_gap, 1e-12);
  g_assert_true (wm_plan_equal (f.plan, pristine.plan));

  /* The conversion in B alone, judged in A: nothing it does changes A. */
  none = wm_goal_seek_conversions (engine, (WmProposal **) &f.conversions->pdata[2], 1, "A",
                                   &error);
  g_assert_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_OUTSIDE_SCOPE);
  g_assert_null (none);
  g_clear_error (&error);
  g_clear_object (&engine);
  conv_fixture_clear (&pristine);
  conv_fixture_clear (&f);
  memset (extra_bands, 0, sizeof extra_bands);
}

/* A neighbourhood of social rent only: the converted dwellings can go anywhere but back; a
 * diversity minimum spreads them. */
static void
test_conversions_only_segment (void)
{
  const BuildingSpec buildings[] = {
    { "a-1", 100, WM_SEGMENT_SOCIAL_RENT, 12 },
    { "b-1", 1100, WM_SEGMENT_SOCIAL_RENT, 8 },
  };
  const ConversionSpec conversions[] = {
    { "a-1", WM_SEGMENT_SOCIAL_RENT, WM_SEGMENT_OWNER_AFFORDABLE, 8 },
  };
  ConvFixture f;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGoalSeekResult) result = NULL;
  g_autoptr(WmGoalSeekProblem) problem = NULL;
  int fewest;
  double min_gap;

  set_extra (0, "diversity", 0.8, NAN);
  conv_fixture_init (&f, buildings, G_N_ELEMENTS (buildings), conversions, 1);
  engine = wm_indicator_engine_new (f.plan, NULL);
  problem = wm_goal_seek_problem_conversions (engine, (WmProposal **) f.conversions->pdata, 1,
                                              NULL, &error);
  g_assert_no_error (error);
  g_assert_false (wm_goal_seek_problem_segment_allowed (problem, 0, WM_SEGMENT_SOCIAL_RENT));
  g_assert_true (wm_goal_seek_problem_segment_allowed (problem, 0, WM_SEGMENT_MID_RENT));
  g_assert_cmpuint (wm_goal_seek_problem_get_n_dwellings (problem), ==, 8);
  result = wm_goal_seek_problem_solve (problem, NULL, &error);
  g_assert_no_error (error);
  assert_conversions_kept (result, conversions, 1);
  conv_brute_force (buildings, G_N_ELEMENTS (buildings), conversions, 1, NULL, &fewest, &min_gap,
                    NULL);
  if (fewest != G_MAXINT)
    {
      g_assert_true (result->reached);
      g_assert_cmpint (result->n_changes, ==, fewest);
    }
  else
    {
      g_assert_false (result->reached);
      g_assert_cmpfloat_with_epsilon (result->total_gap, min_gap, 1e-9);
    }
  /* More than one segment receives dwellings: diversity wants them spread. */
  {
    const WmDwellingMix *d = &g_array_index (result->proposed, WmDwellingMix, 0);
    guint n_receiving = 0;

    for (guint g = 0; g < WM_N_SEGMENTS; g++)
      n_receiving += d->counts[g] > 0;
    g_assert_cmpuint (n_receiving, >=, 2);
  }
  g_clear_object (&engine);
  conv_fixture_clear (&f);
  memset (extra_bands, 0, sizeof extra_bands);
}

static gpointer
solve_thread (gpointer data)
{
  return wm_goal_seek_problem_solve (data, NULL, NULL);
}

/* The problem is plain data: solved in another thread it gives the same answer; a cancelled
 * search answers G_IO_ERROR_CANCELLED; judging the answer gives its verdicts; refusals. */
static void
test_conversions_problem (void)
{
  ConvFixture f;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGoalSeekProblem) problem = NULL;
  g_autoptr(WmGoalSeekResult) direct = NULL;
  g_autoptr(WmGoalSeekResult) threaded = NULL;
  g_autoptr(WmGoalSeekResult) judged = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(WmProposal) new_build = NULL;
  g_autoptr(WmProposal) demolition = NULL;
  g_autoptr(WmGeometry) footprint = wm_test_square (400, 400, 30);
  WmDwellingMix mix = { { 0, 0, 0, 0, 10 } };
  WmDwellingMix wrong[G_N_ELEMENTS (several_conversions)];
  const char *ids[] = { "b-1", NULL };
  GThread *thread;

  set_extra (0, "share.owner_expensive", NAN, 0.3);
  set_extra (1, "share.mid_rent", 0.1, 0.2);
  conv_fixture_init (&f, several_buildings, G_N_ELEMENTS (several_buildings),
                     several_conversions, G_N_ELEMENTS (several_conversions));
  engine = wm_indicator_engine_new (f.plan, NULL);
  problem = wm_goal_seek_problem_conversions (engine, (WmProposal **) f.conversions->pdata,
                                              f.conversions->len, NULL, &error);
  g_assert_no_error (error);
  direct = wm_goal_seek_problem_solve (problem, NULL, &error);
  g_assert_no_error (error);
  thread = g_thread_new ("goal-seek", solve_thread, problem);
  threaded = g_thread_join (thread);
  g_assert_nonnull (threaded);
  g_assert_cmpuint (threaded->n_changes, ==, direct->n_changes);
  for (guint i = 0; i < f.conversions->len; i++)
    g_assert_true (wm_dwelling_mix_equal (&g_array_index (threaded->proposed, WmDwellingMix, i),
                                          &g_array_index (direct->proposed, WmDwellingMix, i)));

  judged = wm_goal_seek_problem_judge (problem, (WmDwellingMix *) direct->proposed->data, &error);
  g_assert_no_error (error);
  g_assert_cmpint (judged->reached, ==, direct->reached);
  g_assert_cmpuint (judged->n_changes, ==, direct->n_changes);
  g_assert_cmpuint (judged->bands->len, ==, direct->bands->len);
  for (guint i = 0; i < judged->bands->len; i++)
    g_assert_cmpfloat (g_array_index (judged->bands, WmGoalSeekBand, i).value, ==,
                       g_array_index (direct->bands, WmGoalSeekBand, i).value);
  /* A mix that puts dwellings back where they come from, or loses one, is refused. */
  memcpy (wrong, direct->proposed->data, sizeof wrong);
  wrong[0].counts[WM_SEGMENT_SOCIAL_RENT] += 1;
  wrong[0].counts[WM_SEGMENT_MID_RENT] -= wrong[0].counts[WM_SEGMENT_MID_RENT] > 0 ? 1 : 0;
  g_assert_null (wm_goal_seek_problem_judge (problem, wrong, &error));
  g_assert_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_MIX);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_null (wm_goal_seek_problem_solve (problem, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Refusals: not a conversion, none at all, a building demolished later. */
  new_build = wm_proposal_factory_new_build (f.plan, NULL, footprint, &mix,
                                             WM_DWELLING_TYPE_APARTMENT, 2030, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (f.history, NULL, new_build, -1, &error));
  g_assert_null (wm_goal_seek_conversions (engine, &new_build, 1, NULL, &error));
  g_assert_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_null (wm_goal_seek_conversions (engine, NULL, 0, NULL, &error));
  g_assert_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_null (wm_goal_seek_conversions (engine, (WmProposal **) f.conversions->pdata, 1, "Z",
                                           &error));
  g_assert_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_UNKNOWN_AREA);
  g_clear_error (&error);
  demolition = wm_proposal_factory_demolish (f.plan, NULL, ids, 2031, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (f.history, NULL, demolition, -1, &error));
  g_assert_null (wm_goal_seek_conversions (engine, (WmProposal **) &f.conversions->pdata[2], 1,
                                           NULL, &error));
  g_assert_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_NOT_COUNTED);
  g_clear_error (&error);
  /* With the others it keeps its mix. */
  {
    g_autoptr(WmGoalSeekResult) rest = seek_conversions (&f, engine, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (wm_dwelling_mix_equal (&g_array_index (rest->proposed, WmDwellingMix, 2),
                                          &g_array_index (rest->current, WmDwellingMix, 2)));
  }
  g_clear_object (&engine);
  conv_fixture_clear (&f);
  memset (extra_bands, 0, sizeof extra_bands);
}

/* Random small sets of conversions against every destination of every one. */
static void
test_conversions_sweep (void)
{
  static const char *const keys[] = {
    "share.mid_rent", "share.owner_expensive", "affordable_share", "diversity",
    "share.private_rent", "share.owner_affordable", "share.social_rent",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);
  guint n_reached = 0, n_unreached = 0;

  for (guint round = 0; round < 60; round++)
    {
      BuildingSpec buildings[4];
      ConversionSpec conversions[3];
      char ids[4][8];
      guint n_conversions = g_rand_int_range (rand, 1, 4);
      guint n_extra = g_rand_int_range (rand, 0, 4);
      const char *scope = g_rand_int_range (rand, 0, 3) == 0 ? "A" : NULL;
      ConvFixture f;
      g_autoptr(WmIndicatorEngine) engine = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(WmGoalSeekResult) result = NULL;
      int fewest, fewest_at_min;
      double min_gap;

      for (guint i = 0; i < G_N_ELEMENTS (buildings); i++)
        {
          g_snprintf (ids[i], sizeof ids[i], "x-%u", i);
          buildings[i].id = ids[i];
          buildings[i].x = i < 3 ? 100 + 100 * i : 1100;
          buildings[i].segment = g_rand_int_range (rand, 0, WM_N_SEGMENTS);
          buildings[i].count = g_rand_int_range (rand, 4, 20);
        }
      for (guint i = 0; i < n_conversions; i++)
        {
          /* One conversion per building, so none stands on another's mix. */
          guint b = (i + g_rand_int_range (rand, 0, 2) * 3) % G_N_ELEMENTS (buildings);

          b = i == 0 ? b : (conversions[0].building == ids[i] ? 3 : i);
          conversions[i].building = buildings[b].id;
          conversions[i].from = buildings[b].segment;
          conversions[i].to = (conversions[i].from + 1 + g_rand_int_range (rand, 0, 4)) %
                              WM_N_SEGMENTS;
          conversions[i].n = g_rand_int_range (rand, 1, MIN (buildings[b].count, 6) + 1);
        }
      memset (extra_bands, 0, sizeof extra_bands);
      for (guint i = 0; i < n_extra; i++)
        {
          double lo = g_rand_double_range (rand, 0.0, 0.4);

          extra_bands[i].key = keys[g_rand_int_range (rand, 0, G_N_ELEMENTS (keys))];
          extra_bands[i].min = g_rand_boolean (rand) ? lo : NAN;
          extra_bands[i].max = lo + g_rand_double_range (rand, 0.05, 0.6);
        }

      conv_fixture_init (&f, buildings, G_N_ELEMENTS (buildings), conversions, n_conversions);
      engine = wm_indicator_engine_new (f.plan, NULL);
      result = seek_conversions (&f, engine, scope, &error);
      if (result == NULL)
        {
          /* Every conversion outside A. */
          g_assert_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_OUTSIDE_SCOPE);
          g_clear_object (&engine);
          conv_fixture_clear (&f);
          continue;
        }
      assert_conversions_kept (result, conversions, n_conversions);
      conv_brute_force (buildings, G_N_ELEMENTS (buildings), conversions, n_conversions, scope,
                        &fewest, &min_gap, &fewest_at_min);
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
      conv_fixture_clear (&f);
    }
  memset (extra_bands, 0, sizeof extra_bands);
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
  g_test_add_func ("/goal-seek/conversion-reachable", test_conversion_reachable);
  g_test_add_func ("/goal-seek/conversions-several", test_conversions_several);
  g_test_add_func ("/goal-seek/conversions-unreachable", test_conversions_unreachable);
  g_test_add_func ("/goal-seek/conversions-area", test_conversions_area);
  g_test_add_func ("/goal-seek/conversions-only-segment", test_conversions_only_segment);
  g_test_add_func ("/goal-seek/conversions-problem", test_conversions_problem);
  g_test_add_func ("/goal-seek/conversions-sweep", test_conversions_sweep);
  return g_test_run ();
}
