/* test-indicators.c: tests of the indicator engine, proposals JSON and targets */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "wm-indicator-engine.h"
#include "wm-projection.h"
#include "wm-proposal-factory.h"
#include "wm-project-file.h"
#include "wm-proposal-json.h"
#include "wm-targets.h"
#include "wm-test-util.h"

#define B WM_INDICATOR_BASELINE
#define P WM_INDICATOR_PROJECTED

static WmGeometry *
square_at (double cx,
           double cy,
           double size)
{
  WmPoint ring[] = {
    { cx - size / 2, cy - size / 2 }, { cx + size / 2, cy - size / 2 },
    { cx + size / 2, cy + size / 2 }, { cx - size / 2, cy + size / 2 },
  };

  return wm_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
}

static void
add_area (WmPlan     *plan,
          const char *id,
          double      x0)
{
  g_autoptr(WmGeometry) g = square_at (x0 + 500, 500, 1000);
  g_autoptr(WmArea) area = wm_area_new (id, id, g);

  wm_plan_add_area (plan, area);
}

static void
add_building (WmPlan     *plan,
              const char *id,
              double      x,
              double      y,
              int         social,
              int         mid,
              int         priv,
              int         oa,
              int         oe)
{
  g_autoptr(WmGeometry) g = square_at (x, y, 10);
  g_autoptr(WmBuilding) b = wm_building_new (id, g);
  WmDwellingMix mix = { { social, mid, priv, oa, oe } };

  wm_building_set_dwellings (b, &mix);
  wm_plan_add_building (plan, b);
}

static void
add_facility (WmPlan         *plan,
              const char     *id,
              WmFacilityType  type,
              double          x,
              double          y)
{
  g_autoptr(WmFacility) f = wm_facility_new (id, type, id, x, y);

  wm_plan_add_facility (plan, f);
}

/* The hand-computed fixture of docs/indicators.md: areas A, B and an empty C. */
static WmPlan *
fixture (void)
{
  WmPlan *plan = wm_plan_new ();

  add_area (plan, "A", 0);
  add_area (plan, "B", 1000);
  add_area (plan, "C", 2000);
  add_building (plan, "b1", 100, 100, 30, 0, 0, 0, 10);
  add_building (plan, "b2", 300, 100, 10, 10, 0, 10, 10);
  add_building (plan, "b3", 1500, 500, 0, 0, 20, 0, 0);
  add_facility (plan, "f-play", WM_FACILITY_PLAYGROUND, 100, 150);
  add_facility (plan, "f-cc", WM_FACILITY_COMMUNITY_CENTRE, 1500, 600);

  return plan;
}

static WmProposal *
proposal_new (const char     *id,
              WmProposalKind  kind,
              const char     *building,
              int             social,
              int             mid,
              int             priv,
              int             oa,
              int             oe)
{
  WmProposal *p = wm_proposal_new (id, kind);
  WmDwellingMix delta = { { social, mid, priv, oa, oe } };
  const char *ids[] = { building, NULL };

  if (building != NULL)
    wm_proposal_set_building_ids (p, ids);
  wm_proposal_set_dwelling_delta (p, &delta);
  return p;
}

#define assert_value(engine, key, area, state, expected) \
  g_assert_cmpfloat_with_epsilon (wm_indicator_engine_get (engine, key, area, state), \
                                  expected, 1e-12)

static void
test_baseline (void)
{
  g_autoptr(WmPlan) plan = fixture ();
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);
  double h;

  assert_value (engine, "dwellings", NULL, B, 100);
  assert_value (engine, "dwellings", "A", B, 80);
  assert_value (engine, "dwellings", "B", B, 20);
  assert_value (engine, "dwellings.social_rent", NULL, B, 40);
  assert_value (engine, "dwellings.affordable", NULL, B, 60);
  assert_value (engine, "share.social_rent", NULL, B, 0.4);
  assert_value (engine, "share.mid_rent", NULL, B, 0.1);
  assert_value (engine, "share.private_rent", NULL, B, 0.2);
  assert_value (engine, "share.owner_affordable", NULL, B, 0.1);
  assert_value (engine, "share.owner_expensive", NULL, B, 0.2);
  assert_value (engine, "share.social_rent", "A", B, 0.5);
  assert_value (engine, "affordable_share", NULL, B, 0.6);
  assert_value (engine, "affordable_share", "A", B, 0.75);

  h = -(0.4 * log (0.4) + 2 * 0.1 * log (0.1) + 2 * 0.2 * log (0.2)) / log (5);
  assert_value (engine, "diversity", NULL, B, h);
  /* One segment only. */
  assert_value (engine, "diversity", "B", B, 0.0);
  assert_value (engine, "share.private_rent", "B", B, 1.0);
  /* Empty area. */
  assert_value (engine, "dwellings", "C", B, 0);
  assert_value (engine, "share.social_rent", "C", B, 0);
  assert_value (engine, "diversity", "C", B, 0);
  assert_value (engine, "coverage.playground", "C", B, 0);

  /* D = 1/2 (|40/40 - 40/60| + |0 - 20/60|) = 1/3 across areas; 500 m cells group b1 and b2
   * like the areas do; 250 m cells split them: 1/2 (|30/40 - 10/60| + |10/40 - 30/60|
   * + 20/60) = 7/12. */
  assert_value (engine, "dissimilarity_social", NULL, B, 1.0 / 3.0);
  assert_value (engine, "dissimilarity_social.grid_500m", NULL, B, 1.0 / 3.0);
  assert_value (engine, "dissimilarity_social.grid_250m", NULL, B, 7.0 / 12.0);
  g_assert_true (isnan (wm_indicator_engine_get (engine, "dissimilarity_social", "A", B)));
  g_assert_true (isnan (wm_indicator_engine_get (engine, "no-such-key", NULL, B)));
  g_assert_true (isnan (wm_indicator_engine_get (engine, "dwellings", "Z", B)));

  /* Playground at 50 m from b1, 206 m from b2; community centre 100 m from b3. */
  assert_value (engine, "coverage.playground", NULL, B, 0.4);
  assert_value (engine, "coverage.playground", "A", B, 0.5);
  assert_value (engine, "coverage.meeting_place", NULL, B, 0.2);
  assert_value (engine, "coverage.meeting_place", "B", B, 1.0);
  assert_value (engine, "coverage.green", NULL, B, 0.0);

  assert_value (engine, "residents", NULL, B, 40 * 1.9 + 10 * 1.9 + 20 * 1.7 + 10 * 2.3 + 20 * 2.5);
  assert_value (engine, "households_to_rehouse", NULL, B, 0);
  assert_value (engine, "newcomer_share", NULL, B, 0);
  assert_value (engine, "newcomer_share", NULL, P, 0);

  /* Without proposals projected equals baseline. */
  for (const char *const *k = wm_indicator_engine_get_keys (engine, TRUE); *k != NULL; k++)
    g_assert_cmpfloat (wm_indicator_engine_get (engine, *k, NULL, B), ==,
                       wm_indicator_engine_get (engine, *k, NULL, P));
  for (const char *const *k = wm_indicator_engine_get_keys (engine, FALSE); *k != NULL; k++)
    {
      g_autofree char *label = wm_indicator_engine_get_label (engine, *k);

      g_assert_false (isnan (wm_indicator_engine_get (engine, *k, "A", P)));
      g_assert_nonnull (label);
    }
  g_assert_cmpfloat (wm_indicator_engine_get_coverage_radius (engine, "playground"), ==, 200);
  g_assert_cmpfloat (wm_indicator_engine_get_coverage_radius (engine, "green"), ==, 300);
  g_assert_cmpfloat (wm_indicator_engine_get_coverage_radius (engine, "meeting_place"), ==, 400);
}

static void
count_cb (WmIndicatorEngine *engine,
          guint             *count)
{
  (*count)++;
}

static void
test_proposals (void)
{
  g_autoptr(WmPlan) plan = fixture ();
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (plan, scenario);
  g_autoptr(WmProposal) demolish = proposal_new ("p1", WM_PROPOSAL_DEMOLISH, "b1", 0, 0, 0, 0, 0);
  g_autoptr(WmProposal) build = proposal_new ("p2", WM_PROPOSAL_NEW_BUILD, NULL, 20, 10, 0, 0, 10);
  g_autoptr(WmProposal) play = wm_proposal_new ("p3", WM_PROPOSAL_ADD_FACILITY);
  g_autoptr(WmProposal) close_cc = wm_proposal_new ("p4", WM_PROPOSAL_REMOVE_FACILITY);
  g_autoptr(WmProposal) convert = proposal_new ("p5", WM_PROPOSAL_CONVERT_TENURE, "b3",
                                                0, 0, -10, 10, 0);
  g_autoptr(WmProposal) merge = proposal_new ("p6", WM_PROPOSAL_SPLIT_MERGE, "b2",
                                              0, -2, 0, 0, 0);
  g_autoptr(WmGeometry) footprint = square_at (350, 100, 100);
  g_autoptr(WmGeometry) point = wm_geometry_new_point (350, 120);
  g_autoptr(GArray) contributions = NULL;
  guint changed = 0;
  WmTargetBand band;
  WmTargetVerdict verdict;

  /* Minimums only, as the national agenda has them. */
  wm_targets_apply_preset (wm_targets_get_for_plan (plan), WM_TARGET_PRESET_NATIONAL);
  g_signal_connect (engine, "changed", G_CALLBACK (count_cb), &changed);

  g_assert_true (wm_indicator_engine_get_target (engine, "share.social_rent", &band, &verdict));
  g_assert_cmpfloat (band.min, ==, 0.30);
  g_assert_true (isnan (band.max));
  g_assert_cmpint (verdict, ==, WM_TARGET_VERDICT_WITHIN);

  /* Demolition: b1's 40 dwellings (30 social, 10 expensive) go, their households move. */
  wm_scenario_add_proposal (scenario, demolish);
  g_assert_cmpuint (changed, ==, 1);
  assert_value (engine, "dwellings", "A", P, 40);
  assert_value (engine, "dwellings", "A", B, 80);
  assert_value (engine, "households_to_rehouse", "A", P, 40);
  assert_value (engine, "households_to_rehouse", NULL, P, 40);
  assert_value (engine, "households_to_rehouse", "B", P, 0);
  assert_value (engine, "coverage.playground", NULL, P, 0);
  assert_value (engine, "share.social_rent", NULL, P, 10.0 / 60.0);
  g_assert_true (wm_indicator_engine_get_target (engine, "share.social_rent", NULL, &verdict));
  g_assert_cmpint (verdict, ==, WM_TARGET_VERDICT_BELOW_MINIMUM);
  band.min = 0.2;
  wm_targets_set_band (wm_targets_get_for_plan (plan), "share.social_rent", &band);
  g_assert_true (wm_indicator_engine_get_target (engine, "share.social_rent", NULL, &verdict));
  g_assert_cmpint (verdict, ==, WM_TARGET_VERDICT_CLOSE_TO_MINIMUM);
  /* A key without a band has no verdict. */
  g_assert_false (wm_indicator_engine_get_target (engine, "diversity", &band, &verdict));
  g_assert_cmpint (verdict, ==, WM_TARGET_VERDICT_NONE);
  g_assert_true (isnan (band.min) && isnan (band.max));

  /* No new build yet: nothing to judge against the new-build target. */
  g_assert_true (wm_indicator_engine_get_target (engine, "new_build_affordable_share", NULL,
                                                 &verdict));
  g_assert_cmpint (verdict, ==, WM_TARGET_VERDICT_NONE);

  /* New build at (350, 100): 40 dwellings, 30 of them affordable. */
  wm_proposal_set_geometry (build, footprint);
  wm_scenario_add_proposal (scenario, build);
  assert_value (engine, "dwellings", "A", P, 80);
  assert_value (engine, "newcomer_share", "A", P, 0.5);
  assert_value (engine, "newcomer_share", NULL, P, 40.0 / 100.0);
  assert_value (engine, "new_build_affordable_share", NULL, P, 0.75);
  assert_value (engine, "new_build_affordable_share", NULL, B, 0);
  g_assert_true (wm_indicator_engine_get_target (engine, "new_build_affordable_share", &band,
                                                 &verdict));
  g_assert_cmpfloat_with_epsilon (band.min, 2.0 / 3.0, 1e-12);
  g_assert_cmpint (verdict, ==, WM_TARGET_VERDICT_WITHIN);
  assert_value (engine, "coverage.playground", NULL, P, 0);

  contributions = wm_indicator_engine_get_contributions (engine, "dwellings", NULL);
  g_assert_cmpuint (contributions->len, ==, 2);
  g_assert_true (g_array_index (contributions, WmIndicatorContribution, 0).proposal == demolish);
  g_assert_cmpfloat (g_array_index (contributions, WmIndicatorContribution, 0).delta, ==, -40);
  g_assert_true (g_array_index (contributions, WmIndicatorContribution, 1).proposal == build);
  g_assert_cmpfloat (g_array_index (contributions, WmIndicatorContribution, 1).delta, ==, 40);
  g_clear_pointer (&contributions, g_array_unref);
  contributions = wm_indicator_engine_get_contributions (engine, "dwellings", "B");
  g_assert_cmpuint (contributions->len, ==, 0);
  g_clear_pointer (&contributions, g_array_unref);

  /* A playground at (350, 120) reaches the new build (20 m) and b2 (54 m). */
  wm_proposal_set_facility_type (play, WM_FACILITY_PLAYGROUND);
  wm_proposal_set_geometry (play, point);
  wm_scenario_add_proposal (scenario, play);
  assert_value (engine, "coverage.playground", "A", P, 1.0);
  assert_value (engine, "coverage.playground", NULL, P, 0.8);

  wm_proposal_set_facility_id (close_cc, "f-cc");
  wm_scenario_add_proposal (scenario, close_cc);
  assert_value (engine, "coverage.meeting_place", NULL, P, 0);
  assert_value (engine, "coverage.meeting_place", NULL, B, 0.2);

  /* A tenure conversion brings newcomers but rehouses nobody. */
  wm_scenario_add_proposal (scenario, convert);
  assert_value (engine, "newcomer_share", "B", P, 0.5);
  assert_value (engine, "households_to_rehouse", "B", P, 0);
  assert_value (engine, "share.owner_affordable", "B", P, 0.5);
  assert_value (engine, "diversity", "B", P, log (2) / log (5));

  /* Merging removes 2 dwellings: 2 households to rehouse. */
  wm_scenario_add_proposal (scenario, merge);
  assert_value (engine, "households_to_rehouse", "A", P, 42);

  /* Editing a proposal updates by its delta. */
  {
    WmDwellingMix delta = { { 0, 0, 0, 40, 0 } };

    wm_proposal_set_dwelling_delta (build, &delta);
    assert_value (engine, "new_build_affordable_share", NULL, P, 1.0);
    assert_value (engine, "dwellings.social_rent", NULL, P, 10);
  }

  /* A second demolition of b1 removes nothing more. */
  {
    g_autoptr(WmProposal) again = proposal_new ("p7", WM_PROPOSAL_DEMOLISH, "b1", 0, 0, 0, 0, 0);

    wm_scenario_add_proposal (scenario, again);
    assert_value (engine, "households_to_rehouse", "A", P, 42);
    assert_value (engine, "dwellings", "A", P, 78);
    contributions = wm_indicator_engine_get_contributions (engine, "dwellings", "A");
    /* One after another: the first demolition removes b1, the second nothing more. */
    g_assert_cmpuint (contributions->len, ==, 3);
    g_assert_true (g_array_index (contributions, WmIndicatorContribution, 0).proposal == demolish);
    g_assert_cmpfloat (g_array_index (contributions, WmIndicatorContribution, 0).delta, ==, -40);
    for (guint i = 0; i < contributions->len; i++)
      g_assert_true (g_array_index (contributions, WmIndicatorContribution, i).proposal != again);
    g_clear_pointer (&contributions, g_array_unref);
    wm_scenario_remove_proposal (scenario, again);
    assert_value (engine, "dwellings", "A", P, 78);
  }

  /* Removing everything returns to the baseline exactly. */
  while (g_list_model_get_n_items (wm_scenario_get_proposals (scenario)) > 0)
    {
      g_autoptr(WmProposal) p = g_list_model_get_item (wm_scenario_get_proposals (scenario), 0);

      wm_scenario_remove_proposal (scenario, p);
    }
  for (const char *const *k = wm_indicator_engine_get_keys (engine, TRUE); *k != NULL; k++)
    g_assert_cmpfloat (wm_indicator_engine_get (engine, *k, NULL, B), ==,
                       wm_indicator_engine_get (engine, *k, NULL, P));
}

static void
test_all_demolished (void)
{
  g_autoptr(WmPlan) plan = fixture ();
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);
  g_autoptr(WmProposal) p = wm_proposal_new ("p1", WM_PROPOSAL_DEMOLISH);
  const char *ids[] = { "b1", "b2", "b3", "no-such-building", NULL };

  wm_proposal_set_building_ids (p, ids);
  wm_scenario_add_proposal (scenario, p);
  assert_value (engine, "dwellings", NULL, P, 0);
  assert_value (engine, "share.social_rent", NULL, P, 0);
  assert_value (engine, "affordable_share", NULL, P, 0);
  assert_value (engine, "diversity", NULL, P, 0);
  assert_value (engine, "dissimilarity_social", NULL, P, 0);
  assert_value (engine, "dissimilarity_social.grid_250m", NULL, P, 0);
  assert_value (engine, "coverage.playground", NULL, P, 0);
  assert_value (engine, "newcomer_share", NULL, P, 0);
  assert_value (engine, "residents", NULL, P, 0);
  assert_value (engine, "households_to_rehouse", NULL, P, 100);
  assert_value (engine, "households_to_rehouse", "B", P, 20);
}

/* Switching scenarios goes by deltas and gives what a new engine computes. */
static void
test_scenario_switch (void)
{
  g_autoptr(WmPlan) plan = fixture ();
  g_autoptr(WmScenario) other = wm_scenario_new ("s2", "Other");
  g_autoptr(WmProposal) p = proposal_new ("p1", WM_PROPOSAL_NEW_BUILD, "b3", 5, 0, 0, 0, 0);
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);

  wm_scenario_add_proposal (other, p);
  wm_plan_add_scenario (plan, other);
  assert_value (engine, "dwellings", "B", P, 20);
  wm_indicator_engine_set_scenario (engine, other);
  g_assert_true (wm_indicator_engine_get_scenario (engine) == other);
  assert_value (engine, "dwellings", "B", P, 25);
  assert_value (engine, "share.social_rent", "B", P, 0.2);
  wm_indicator_engine_set_scenario (engine, wm_plan_find_scenario (plan, "Plan"));
  assert_value (engine, "dwellings", "B", P, 20);
}

static void assert_contributions_add_up (WmIndicatorEngine *engine, WmPlan *plan);

/* Contributions follow the plan's order, one after another from the baseline, and add up to
 * the change: a conversion completed in 2027 before a demolition of the same building in 2030
 * (made first); a playground, then new build within its reach. Leaving one out instead would
 * give coverage -5.7, +80 and +13.3 pt for a change of +40 pt. */
static void
test_contributions (void)
{
  g_autoptr(WmPlan) plan = fixture ();
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);
  g_autoptr(WmProposal) demolish = proposal_new ("p1", WM_PROPOSAL_DEMOLISH, "b1", 0, 0, 0, 0, 0);
  g_autoptr(WmProposal) convert = proposal_new ("p2", WM_PROPOSAL_CONVERT_TENURE, "b1",
                                                -10, 0, 0, 10, 0);
  g_autoptr(WmProposal) play = wm_proposal_new ("p3", WM_PROPOSAL_ADD_FACILITY);
  g_autoptr(WmProposal) build = proposal_new ("p4", WM_PROPOSAL_NEW_BUILD, NULL, 10, 0, 0, 0, 30);
  g_autoptr(WmGeometry) point = wm_geometry_new_point (300, 150);
  g_autoptr(WmGeometry) footprint = square_at (350, 100, 20);
  g_autoptr(GArray) c = NULL;
  const char *keys[] = { "share.social_rent", "coverage.playground", "dissimilarity_social",
                         "dissimilarity_social.grid_250m", "diversity" };

  wm_proposal_set_year (demolish, 2030);
  wm_proposal_set_year (convert, 2027);
  wm_proposal_set_facility_type (play, WM_FACILITY_PLAYGROUND);
  wm_proposal_set_geometry (play, point);
  wm_proposal_set_year (play, 2031);
  wm_proposal_set_geometry (build, footprint);
  wm_proposal_set_year (build, 2032);
  wm_scenario_add_proposal (scenario, demolish);
  wm_scenario_add_proposal (scenario, convert);
  wm_scenario_add_proposal (scenario, play);
  wm_scenario_add_proposal (scenario, build);

  /* Social rent in A: the conversion takes 10 of b1's 30, the demolition the other 20. */
  c = wm_indicator_engine_get_contributions (engine, "dwellings.social_rent", "A");
  g_assert_cmpuint (c->len, ==, 3);
  g_assert_true (g_array_index (c, WmIndicatorContribution, 0).proposal == convert);
  g_assert_cmpfloat (g_array_index (c, WmIndicatorContribution, 0).delta, ==, -10);
  g_assert_true (g_array_index (c, WmIndicatorContribution, 1).proposal == demolish);
  g_assert_cmpfloat (g_array_index (c, WmIndicatorContribution, 1).delta, ==, -20);
  g_assert_true (g_array_index (c, WmIndicatorContribution, 2).proposal == build);
  g_assert_cmpfloat (g_array_index (c, WmIndicatorContribution, 2).delta, ==, 10);
  g_clear_pointer (&c, g_array_unref);

  /* Playground: b1's 40 of 100 are within reach now; the demolition takes them (0 of 60), the
   * new playground reaches b2 (40 of 60), then the 40 new dwellings: 80 of 100. */
  assert_value (engine, "coverage.playground", NULL, B, 0.4);
  assert_value (engine, "coverage.playground", NULL, P, 0.8);
  c = wm_indicator_engine_get_contributions (engine, "coverage.playground", NULL);
  g_assert_cmpuint (c->len, ==, 3);
  g_assert_true (g_array_index (c, WmIndicatorContribution, 0).proposal == demolish);
  g_assert_cmpfloat_with_epsilon (g_array_index (c, WmIndicatorContribution, 0).delta, -0.4,
                                  1e-12);
  g_assert_true (g_array_index (c, WmIndicatorContribution, 1).proposal == play);
  g_assert_cmpfloat_with_epsilon (g_array_index (c, WmIndicatorContribution, 1).delta,
                                  40.0 / 60.0, 1e-12);
  g_assert_true (g_array_index (c, WmIndicatorContribution, 2).proposal == build);
  g_assert_cmpfloat_with_epsilon (g_array_index (c, WmIndicatorContribution, 2).delta,
                                  0.8 - 40.0 / 60.0, 1e-12);
  g_clear_pointer (&c, g_array_unref);

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      double sum = 0.0;

      c = wm_indicator_engine_get_contributions (engine, keys[k], NULL);
      g_assert_cmpuint (c->len, >, 0);
      for (guint i = 0; i < c->len; i++)
        sum += g_array_index (c, WmIndicatorContribution, i).delta;
      g_assert_cmpfloat_with_epsilon (sum, wm_indicator_engine_get (engine, keys[k], NULL, P) -
                                             wm_indicator_engine_get (engine, keys[k], NULL, B),
                                      1e-12);
      g_clear_pointer (&c, g_array_unref);
    }
  assert_contributions_add_up (engine, plan);
}

/* D with its number of units and chance level; the dwellings outside every area are a row of
 * their own and a unit of their own in D across the areas; an empty area has no shares. */
static void
test_dissimilarity_detail (void)
{
  g_autoptr(WmPlan) plan = fixture ();
  g_autoptr(WmIndicatorEngine) engine = NULL;
  WmDissimilarity d;
  /* By hand: A (40 social, 40 other), B (0, 20), outside (10, 0); C is empty. */
  const gint64 areas[] = { 40, 40, 0, 20 };
  const gint64 with_outside[] = { 40, 40, 0, 20, 10, 0 };
  const gint64 cells[] = { 30, 10, 10, 30, 0, 20 };

  engine = wm_indicator_engine_new (plan, NULL);
  g_assert_true (wm_indicator_engine_get_dissimilarity_detail (engine, "dissimilarity_social", B,
                                                               &d));
  g_assert_cmpfloat_with_epsilon (d.value, 1.0 / 3.0, 1e-15);
  g_assert_cmpuint (d.n_units, ==, 2);
  g_assert_cmpfloat (d.chance, ==, wm_dissimilarity_chance (&areas[0], &areas[1], 2, 2));
  g_assert_cmpfloat (d.chance, >, 0.0);
  g_assert_cmpfloat (d.chance, <, d.value);
  g_assert_true (wm_indicator_engine_get_dissimilarity_detail (engine,
                                                               "dissimilarity_social.grid_250m",
                                                               P, &d));
  g_assert_cmpfloat_with_epsilon (d.value, 7.0 / 12.0, 1e-15);
  g_assert_cmpuint (d.n_units, ==, 3);
  g_assert_cmpfloat (d.chance, ==, wm_dissimilarity_chance (&cells[0], &cells[1], 2, 3));
  g_assert_false (wm_indicator_engine_get_dissimilarity_detail (engine, "share.social_rent", B,
                                                                &d));
  g_assert_false (wm_indicator_engine_get_dissimilarity_detail (engine,
                                                                "dissimilarity_social.grid_1m",
                                                                B, &d));

  /* Nothing outside yet: the row exists, with 0 dwellings and no shares. */
  assert_value (engine, "dwellings", WM_INDICATOR_AREA_OUTSIDE, B, 0);
  g_assert_false (wm_indicator_engine_is_defined (engine, "share.social_rent",
                                                  WM_INDICATOR_AREA_OUTSIDE, B));
  g_assert_true (wm_indicator_engine_is_defined (engine, "dwellings", WM_INDICATOR_AREA_OUTSIDE,
                                                 B));

  /* An empty area: counts are 0, fractions have nothing to divide. */
  g_assert_false (wm_indicator_engine_is_defined (engine, "share.social_rent", "C", B));
  g_assert_false (wm_indicator_engine_is_defined (engine, "diversity", "C", P));
  g_assert_false (wm_indicator_engine_is_defined (engine, "coverage.playground", "C", P));
  g_assert_false (wm_indicator_engine_is_defined (engine, "newcomer_share", "C", P));
  g_assert_true (wm_indicator_engine_is_defined (engine, "dwellings", "C", P));
  g_assert_true (wm_indicator_engine_is_defined (engine, "households_to_rehouse", "C", P));
  g_assert_true (wm_indicator_engine_is_defined (engine, "share.social_rent", "A", P));
  g_assert_false (wm_indicator_engine_is_defined (engine, "no-such-key", "A", P));
  g_assert_false (wm_indicator_engine_is_defined (engine, "dwellings", "Z", P));

  /* A building outside every area: a row of its own, one more unit across the areas. */
  add_building (plan, "b4", 500, 1500, 10, 0, 0, 0, 0);
  assert_value (engine, "dwellings", WM_INDICATOR_AREA_OUTSIDE, B, 10);
  assert_value (engine, "share.social_rent", WM_INDICATOR_AREA_OUTSIDE, B, 1.0);
  assert_value (engine, "dwellings", NULL, B, 110);
  g_assert_true (wm_indicator_engine_get_dissimilarity_detail (engine, "dissimilarity_social", B,
                                                               &d));
  g_assert_cmpuint (d.n_units, ==, 3);
  g_assert_cmpfloat (d.value, ==, wm_dissimilarity_index (&with_outside[0], &with_outside[1], 2,
                                                          3));
  g_assert_cmpfloat (d.value, ==, wm_indicator_engine_get (engine, "dissimilarity_social", NULL,
                                                           B));
  g_assert_cmpfloat (d.chance, ==, wm_dissimilarity_chance (&with_outside[0], &with_outside[1],
                                                            2, 3));

  /* A proposal changes the projected figures at once (nothing stale is kept). */
  {
    g_autoptr(WmProposal) build = proposal_new ("p1", WM_PROPOSAL_NEW_BUILD, NULL, 0, 0, 0, 0, 30);
    g_autoptr(WmGeometry) footprint = square_at (1200, 1600, 20);
    const gint64 after[] = { 40, 40, 0, 20, 10, 30 };

    wm_proposal_set_geometry (build, footprint);
    wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), build);
    assert_value (engine, "dwellings", WM_INDICATOR_AREA_OUTSIDE, P, 40);
    g_assert_true (wm_indicator_engine_get_dissimilarity_detail (engine, "dissimilarity_social",
                                                                 P, &d));
    g_assert_cmpuint (d.n_units, ==, 3);
    g_assert_cmpfloat (d.value, ==, wm_dissimilarity_index (&after[0], &after[1], 2, 3));
    g_assert_cmpfloat (d.chance, ==, wm_dissimilarity_chance (&after[0], &after[1], 2, 3));
    g_assert_true (wm_indicator_engine_get_dissimilarity_detail (engine,
                                                                 "dissimilarity_social.grid_500m",
                                                                 P, &d));
    g_assert_cmpuint (d.n_units, ==, 4);
    wm_scenario_remove_proposal (wm_plan_get_active_scenario (plan), build);
    g_assert_true (wm_indicator_engine_get_dissimilarity_detail (engine,
                                                                 "dissimilarity_social.grid_500m",
                                                                 P, &d));
    g_assert_cmpuint (d.n_units, ==, 3);
  }
}

/* --- Property test -------------------------------------------------------------------- */

static WmPlan *
random_plan (GRand *rand)
{
  WmPlan *plan = wm_plan_new ();

  for (guint a = 0; a < 4; a++)
    {
      g_autofree char *id = g_strdup_printf ("area-%u", a);

      add_area (plan, id, a * 1000.0);
    }
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("b%u", i);

      /* Some buildings lie outside every area (y > 1000). */
      add_building (plan, id, g_rand_double_range (rand, 0, 4000),
                    g_rand_double_range (rand, 0, 1200), g_rand_int_range (rand, 0, 20),
                    g_rand_int_range (rand, 0, 5), g_rand_int_range (rand, 0, 5),
                    g_rand_int_range (rand, 0, 8), g_rand_int_range (rand, 0, 8));
    }
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *id = g_strdup_printf ("f%u", i);

      add_facility (plan, id, g_rand_int_range (rand, 0, WM_N_FACILITY_TYPES),
                    g_rand_double_range (rand, 0, 4000), g_rand_double_range (rand, 0, 1200));
    }
  /* Green of 0.25 to 4 ha: about half counts. */
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(WmGeometry) g = square_at (g_rand_double_range (rand, 0, 4000),
                                           g_rand_double_range (rand, 0, 1200),
                                           g_rand_double_range (rand, 50, 200));
      g_autoptr(WmBasemapFeature) feature = wm_basemap_feature_new (WM_BASEMAP_GREEN, "grasland",
                                                                    NULL, 0, g);

      wm_basemap_add (wm_plan_get_basemap (plan), feature);
    }
  return plan;
}

static void
random_edit (GRand      *rand,
             WmProposal *p)
{
  WmDwellingMix delta = { { 0 } };

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    delta.counts[s] = g_rand_int_range (rand, -5, 15);
  wm_proposal_set_dwelling_delta (p, &delta);
  wm_proposal_set_return_share (p, g_rand_int_range (rand, 0, 7) / 6.0);
}

static WmProposal *
random_proposal (GRand *rand,
                 guint  n)
{
  g_autofree char *id = g_strdup_printf ("p%u", n);
  WmProposalKind kind = g_rand_int_range (rand, 0, WM_N_PROPOSAL_KINDS);
  WmProposal *p = wm_proposal_new (id, kind);
  double x = g_rand_double_range (rand, 0, 4000), y = g_rand_double_range (rand, 0, 1200);
  g_autofree char *b1 = g_strdup_printf ("b%d", g_rand_int_range (rand, 0, 300));
  g_autofree char *b2 = g_strdup_printf ("b%d", g_rand_int_range (rand, 0, 300));
  const char *ids[] = { b1, b2, NULL };
  int how = g_rand_int_range (rand, 0, 3);

  random_edit (rand, p);
  if (kind == WM_PROPOSAL_ADD_FACILITY)
    {
      /* Half of them areas of 0.25 to 2.25 ha. */
      g_autoptr(WmGeometry) point = how == 0 ? square_at (x, y, g_rand_double_range (rand, 50, 150))
                                             : wm_geometry_new_point (x, y);

      wm_proposal_set_geometry (p, point);
      wm_proposal_set_facility_type (p, g_rand_int_range (rand, 0, WM_N_FACILITY_TYPES));
    }
  else if (kind == WM_PROPOSAL_REMOVE_FACILITY)
    {
      g_autofree char *fid = g_strdup_printf ("f%d", g_rand_int_range (rand, 0, 25));

      wm_proposal_set_facility_id (p, fid);
    }
  else if (how == 0)
    wm_proposal_set_building_ids (p, ids);
  else if (how == 1)
    {
      g_autoptr(WmGeometry) footprint = square_at (x, y, 20);

      wm_proposal_set_geometry (p, footprint);
    }
  /* how == 2: no location at all. */
  return p;
}

/* A demolition or a change of dwellings on one of a few buildings, so that changes and
 * demolitions of the same building meet in every order. */
static WmProposal *
focused_proposal (GRand *rand,
                  guint  n)
{
  static const WmProposalKind kinds[] = { WM_PROPOSAL_DEMOLISH, WM_PROPOSAL_TRANSFORM,
                                          WM_PROPOSAL_SPLIT_MERGE, WM_PROPOSAL_RENOVATE };
  g_autofree char *id = g_strdup_printf ("q%u", n);
  g_autofree char *b1 = g_strdup_printf ("b%d", g_rand_int_range (rand, 0, 4));
  g_autofree char *b2 = g_strdup_printf ("b%d", g_rand_int_range (rand, 0, 4));
  const char *ids[] = { b1, g_rand_boolean (rand) ? b2 : NULL, NULL };
  WmProposal *p = wm_proposal_new (id, kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))]);

  random_edit (rand, p);
  wm_proposal_set_building_ids (p, ids);
  return p;
}

static void
assert_engines_equal (WmIndicatorEngine *a,
                      WmIndicatorEngine *b,
                      WmPlan            *plan,
                      gboolean           projected_is_baseline)
{
  GListModel *areas = wm_plan_get_areas (plan);

  for (guint i = 0; i <= g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WmArea) area = i < g_list_model_get_n_items (areas)
                               ? g_list_model_get_item (areas, i) : NULL;
      const char *area_id = area != NULL ? wm_area_get_id (area) : NULL;

      for (const char *const *k = wm_indicator_engine_get_keys (a, area_id == NULL);
           *k != NULL; k++)
        for (int st = 0; st < 2; st++)
          {
            double va = wm_indicator_engine_get (a, *k, area_id, st);
            double vb = wm_indicator_engine_get (b, *k, area_id, projected_is_baseline ? B : st);

            if (va != vb)
              g_error ("%s %s state %d: %.17g != %.17g", area_id ? area_id : "total", *k, st,
                       va, vb);
          }
    }
}

/* For every key of the whole neighbourhood, every area and the dwellings outside them: the
 * contributions add up to projected minus baseline, and they come in the plan's order. */
static void
assert_contributions_add_up (WmIndicatorEngine *engine,
                             WmPlan            *plan)
{
  GListModel *areas = wm_plan_get_areas (plan);
  GListModel *proposals = wm_scenario_get_proposals (wm_indicator_engine_get_scenario (engine));
  g_autoptr(GPtrArray) order = wm_projection_order (proposals);
  guint n_areas = g_list_model_get_n_items (areas);

  for (guint i = 0; i <= n_areas + 1; i++)
    {
      g_autoptr(WmArea) area = i < n_areas ? g_list_model_get_item (areas, i) : NULL;
      const char *area_id = area != NULL ? wm_area_get_id (area)
                            : i == n_areas ? WM_INDICATOR_AREA_OUTSIDE : NULL;

      for (const char *const *k = wm_indicator_engine_get_keys (engine, area_id == NULL);
           *k != NULL; k++)
        {
          g_autoptr(GArray) contributions =
            wm_indicator_engine_get_contributions (engine, *k, area_id);
          double change = wm_indicator_engine_get (engine, *k, area_id, P) -
                          wm_indicator_engine_get (engine, *k, area_id, B);
          double sum = 0.0;
          guint next = 0;

          for (guint c = 0; c < contributions->len; c++)
            {
              WmIndicatorContribution *entry =
                &g_array_index (contributions, WmIndicatorContribution, c);

              sum += entry->delta;
              g_assert_cmpfloat (entry->delta, !=, 0.0);
              /* In the plan's order. */
              while (next < order->len && g_ptr_array_index (order, next) != entry->proposal)
                next++;
              g_assert_cmpuint (next, <, order->len);
            }
          if (fabs (sum - change) > 1e-9 * MAX (1.0, fabs (change)))
            g_error ("%s %s: contributions add up to %.17g, the change is %.17g",
                     area_id ? area_id : "total", *k, sum, change);
        }
    }
}

/* A change of a building's dwellings whose building is demolished: after the plan it has none
 * (wm-projection.h). */
static gboolean
acting_on_demolished (WmProposal *p,
                      GHashTable *demolished)
{
  const char *const *ids = wm_proposal_get_building_ids (p);
  WmProposalKind kind = wm_proposal_get_kind (p);

  return (kind == WM_PROPOSAL_CONVERT_TENURE || kind == WM_PROPOSAL_RENOVATE ||
          kind == WM_PROPOSAL_TRANSFORM || kind == WM_PROPOSAL_SPLIT_MERGE) &&
         ids != NULL && ids[0] != NULL && g_hash_table_contains (demolished, ids[0]);
}

/* The projected total coverage of one kind computed without the engine. With @min_area > 0
 * only polygons of at least that area count (proposed facilities of the types, base map
 * green), by distance to the polygon. */
static double
brute_force_coverage_area (WmPlan      *plan,
                           WmScenario  *scenario,
                           const double radius,
                           const int   *types,
                           guint        n_types,
                           double       min_area)
{
  g_autoptr(GPtrArray) areas = g_ptr_array_new ();
  GListModel *proposals = wm_scenario_get_proposals (scenario);
  GListModel *buildings = wm_plan_get_buildings (plan);
  GListModel *facilities = wm_plan_get_facilities (plan);
  guint np = g_list_model_get_n_items (proposals);
  g_autoptr(GArray) fx = g_array_new (FALSE, FALSE, sizeof (WmPoint));
  g_autoptr(GArray) sx = g_array_new (FALSE, FALSE, sizeof (WmPoint));
  g_autoptr(GArray) sn = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) demolished = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 covered = 0, total[WM_N_SEGMENTS] = { 0 }, n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (facilities); i++)
    {
      g_autoptr(WmFacility) f = g_list_model_get_item (facilities, i);
      gboolean removed = FALSE, match = FALSE;
      WmPoint loc = wm_facility_get_location (f);

      for (guint j = 0; j < np; j++)
        {
          g_autoptr(WmProposal) p = g_list_model_get_item (proposals, j);

          removed |= wm_proposal_get_kind (p) == WM_PROPOSAL_REMOVE_FACILITY &&
                     g_strcmp0 (wm_proposal_get_facility_id (p), wm_facility_get_id (f)) == 0;
        }
      for (guint t = 0; t < n_types; t++)
        match |= (int) wm_facility_get_facility_type (f) == types[t];
      if (match && !removed && min_area <= 0)
        g_array_append_val (fx, loc);
    }
  if (min_area > 0)
    {
      GPtrArray *green = wm_basemap_get_features (wm_plan_get_basemap (plan), WM_BASEMAP_GREEN);

      for (guint i = 0; i < green->len; i++)
        {
          WmBasemapFeature *feature = g_ptr_array_index (green, i);

          if (wm_geometry_area (feature->geometry) >= min_area)
            g_ptr_array_add (areas, feature->geometry);
        }
    }
  for (guint j = 0; j < np; j++)
    {
      g_autoptr(WmProposal) p = g_list_model_get_item (proposals, j);
      const char *const *ids = wm_proposal_get_building_ids (p);
      WmGeometry *g = wm_proposal_get_geometry (p);
      gboolean match = FALSE;

      for (guint t = 0; t < n_types; t++)
        match |= (int) wm_proposal_get_facility_type (p) == types[t];
      if (wm_proposal_get_kind (p) == WM_PROPOSAL_ADD_FACILITY && match && min_area <= 0)
        {
          WmPoint c = wm_geometry_centroid (g);
          g_array_append_val (fx, c);
        }
      else if (wm_proposal_get_kind (p) == WM_PROPOSAL_ADD_FACILITY && match &&
               wm_geometry_area (g) >= min_area)
        g_ptr_array_add (areas, g);
      if (wm_proposal_get_kind (p) == WM_PROPOSAL_DEMOLISH)
        for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
          g_hash_table_add (demolished, (gpointer) ids[i]);
    }
  /* Sites: buildings, then the proposals' own locations; unlocated deltas count in n only. */
  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr(WmBuilding) b = g_list_model_get_item (buildings, i);
      WmPoint c = wm_geometry_centroid (wm_building_get_footprint (b));
      gint64 count = g_hash_table_contains (demolished, wm_building_get_id (b))
                     ? 0 : wm_building_get_n_dwellings (b);
      const WmDwellingMix *mix = wm_building_get_dwellings (b);

      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        if (!g_hash_table_contains (demolished, wm_building_get_id (b)))
          total[s] += mix->counts[s];
      for (guint j = 0; j < np; j++)
        {
          g_autoptr(WmProposal) p = g_list_model_get_item (proposals, j);
          const char *const *ids = wm_proposal_get_building_ids (p);
          WmProposalKind kind = wm_proposal_get_kind (p);

          if (kind == WM_PROPOSAL_DEMOLISH || kind >= WM_PROPOSAL_ADD_FACILITY || ids == NULL ||
              ids[0] == NULL || !g_str_equal (ids[0], wm_building_get_id (b)) ||
              acting_on_demolished (p, demolished))
            continue;
          count += wm_dwelling_mix_total (wm_proposal_get_dwelling_delta (p));
        }
      g_array_append_val (sx, c);
      g_array_append_val (sn, count);
    }
  for (guint j = 0; j < np; j++)
    {
      g_autoptr(WmProposal) p = g_list_model_get_item (proposals, j);
      const char *const *ids = wm_proposal_get_building_ids (p);
      WmProposalKind kind = wm_proposal_get_kind (p);
      const WmDwellingMix *d = wm_proposal_get_dwelling_delta (p);
      gint64 count = wm_dwelling_mix_total (d);

      if (kind >= WM_PROPOSAL_ADD_FACILITY ||
          (kind == WM_PROPOSAL_DEMOLISH && ids != NULL && ids[0] != NULL) ||
          acting_on_demolished (p, demolished))
        continue;
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        total[s] += d->counts[s];
      if ((ids == NULL || ids[0] == NULL) && wm_proposal_get_geometry (p) != NULL)
        {
          WmPoint c = wm_geometry_centroid (wm_proposal_get_geometry (p));

          g_array_append_val (sx, c);
          g_array_append_val (sn, count);
        }
    }
  for (guint i = 0; i < sx->len; i++)
    {
      WmPoint s = g_array_index (sx, WmPoint, i);

      gboolean reached = FALSE;

      for (guint f = 0; f < fx->len && !reached; f++)
        {
          WmPoint q = g_array_index (fx, WmPoint, f);

          reached = (s.x - q.x) * (s.x - q.x) + (s.y - q.y) * (s.y - q.y) <= radius * radius;
        }
      for (guint a = 0; a < areas->len && !reached; a++)
        reached = wm_geometry_distance_to_point (g_ptr_array_index (areas, a), s.x, s.y) <= radius;
      if (reached)
        covered += g_array_index (sn, gint64, i);
    }
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    n += MAX (total[s], 0);
  return n > 0 ? MIN (1.0, (double) MAX (covered, 0) / (double) n) : 0.0;
}

/* The newcomer share as if nobody returned: newcomers are the positive deltas of all
 * proposals but demolitions, read from the contributions of the engine's own scenario. */
static double
newcomers_without_returners (WmIndicatorEngine *engine)
{
  GListModel *proposals = wm_scenario_get_proposals (wm_indicator_engine_get_scenario (engine));
  double dwellings = wm_indicator_engine_get (engine, "dwellings", NULL, P);
  gint64 added = 0;

  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr(WmProposal) p = g_list_model_get_item (proposals, i);
      const WmDwellingMix *d = wm_proposal_get_dwelling_delta (p);

      if (wm_proposal_get_kind (p) == WM_PROPOSAL_DEMOLISH ||
          wm_proposal_get_kind (p) >= WM_PROPOSAL_ADD_FACILITY)
        continue;
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        added += MAX (d->counts[s], 0);
    }
  return dwellings > 0 ? MIN (1.0, added / dwellings) : 0.0;
}

static gint64
positive_sum (const WmDwellingMix *mix)
{
  gint64 n = 0;

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    n += MAX (mix->counts[s], 0);
  return n;
}

/* Households to rehouse in @area_id (NULL: all) without the engine: a demolition naming
 * buildings moves what each still holds just before it in the plan's order (wm-projection.h,
 * as the checklist counts); any other delta moves its net dwellings removed. */
static gint64
brute_force_rehouse (WmPlan     *plan,
                     WmScenario *scenario,
                     const char *area_id)
{
  GListModel *proposals = wm_scenario_get_proposals (scenario);
  guint len;
  g_autofree guint *order = wm_projection_order_positions (proposals, &len);
  gint64 n = 0;

  for (guint k = 0; k < len; k++)
    {
      g_autoptr(WmProposal) p = g_list_model_get_item (proposals, order[k]);
      const char *const *ids = wm_proposal_get_building_ids (p);
      WmProposalKind kind = wm_proposal_get_kind (p);
      gboolean named = ids != NULL && ids[0] != NULL;

      if (kind >= WM_PROPOSAL_ADD_FACILITY)
        continue;
      if (kind == WM_PROPOSAL_DEMOLISH && named)
        {
          for (guint i = 0; ids[i] != NULL; i++)
            {
              WmBuilding *b = wm_plan_find_building (plan, ids[i]);
              gboolean demolished, repeated = FALSE;
              WmDwellingMix mix;

              for (guint j = 0; j < i; j++)
                repeated |= g_str_equal (ids[i], ids[j]);
              if (b == NULL || repeated ||
                  (area_id != NULL && g_strcmp0 (wm_building_get_area_id (b), area_id) != 0))
                continue;
              mix = wm_projected_building_dwellings (plan, scenario, order[k], ids[i],
                                                     &demolished);
              if (!demolished)
                n += positive_sum (&mix);
            }
          continue;
        }
      if (area_id != NULL)
        {
          WmBuilding *b = named ? wm_plan_find_building (plan, ids[0]) : NULL;
          const char *in = NULL;

          if (b != NULL)
            in = wm_building_get_area_id (b);
          else if (wm_proposal_get_geometry (p) != NULL)
            {
              WmPoint c = wm_geometry_centroid (wm_proposal_get_geometry (p));
              WmArea *area = wm_plan_area_at (plan, c.x, c.y);

              in = area != NULL ? wm_area_get_id (area) : NULL;
            }
          if (g_strcmp0 (in, area_id) != 0)
            continue;
        }
      /* A change after the building's demolition does nothing. */
      if (named && kind != WM_PROPOSAL_NEW_BUILD && kind != WM_PROPOSAL_DEMOLISH &&
          wm_plan_find_building (plan, ids[0]) != NULL)
        {
          gboolean demolished;

          wm_projected_building_dwellings (plan, scenario, order[k], ids[0], &demolished);
          if (demolished)
            continue;
        }
      n += MAX (0, -wm_dwelling_mix_total (wm_proposal_get_dwelling_delta (p)));
    }
  return n;
}

static double
brute_force_coverage (WmPlan      *plan,
                      WmScenario  *scenario,
                      const double radius,
                      const int   *types,
                      guint        n_types)
{
  return brute_force_coverage_area (plan, scenario, radius, types, n_types, 0.0);
}

static void
test_property (void)
{
  double green_min = 1.0, green_max = 0.0, newcomers_cut = 0.0;

  for (guint seed = 1; seed <= 6; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(GRand) years = g_rand_new_with_seed (seed + 1000);
      g_autoptr(WmPlan) plan = random_plan (rand);
      WmScenario *scenario = wm_plan_get_active_scenario (plan);
      g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (plan, scenario);
      g_autoptr(WmIndicatorEngine) baseline = wm_indicator_engine_new (plan, wm_scenario_new ("x", "x"));
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
      const int play[] = { WM_FACILITY_PLAYGROUND };
      const int meet[] = { WM_FACILITY_COMMUNITY_CENTRE, WM_FACILITY_LIBRARY,
                           WM_FACILITY_MEETING_SPOT, WM_FACILITY_SHARED_GARDEN };
      const int green[] = { WM_FACILITY_SHARED_GARDEN };

      /* The engine holds its own reference to the scenario. */
      g_object_unref (wm_indicator_engine_get_scenario (baseline));

      for (guint i = 0; i < 40; i++)
        {
          WmProposal *p = random_proposal (rand, i);
          guint n = g_list_model_get_n_items (wm_scenario_get_proposals (scenario));

          g_ptr_array_add (added, p);
          /* Years from their own sequence, so the plan's order differs from the list's. */
          wm_proposal_set_year (p, g_rand_int_range (years, 0, 4) == 0
                                   ? 0 : g_rand_int_range (years, 2026, 2032));
          wm_scenario_insert_proposal (scenario, g_rand_int_range (rand, 0, n + 1), p);
          if (g_rand_boolean (years))
            {
              WmProposal *q = focused_proposal (years, i);

              g_ptr_array_add (added, q);
              wm_proposal_set_year (q, g_rand_int_range (years, 0, 4) == 0
                                       ? 0 : g_rand_int_range (years, 2026, 2032));
              wm_scenario_insert_proposal (scenario, g_rand_int_range (years, 0, n + 2), q);
            }
          if (g_rand_boolean (rand))
            random_edit (rand, g_ptr_array_index (added, g_rand_int_range (rand, 0, added->len)));
          /* Moving a proposal in the plan's order changes what a later demolition removes. */
          if (g_rand_int_range (years, 0, 3) == 0)
            wm_proposal_set_year (g_ptr_array_index (added,
                                                     g_rand_int_range (years, 0, added->len)),
                                  g_rand_int_range (years, 0, 4) == 0
                                    ? 0 : g_rand_int_range (years, 2026, 2032));
          if (i % 5 == 4)
            {
              g_autoptr(WmIndicatorEngine) fresh = wm_indicator_engine_new (plan, scenario);

              g_assert_cmpfloat (wm_indicator_engine_get (engine, "households_to_rehouse", NULL,
                                                          P),
                                 ==, brute_force_rehouse (plan, scenario, NULL));
              g_assert_cmpfloat (wm_indicator_engine_get (engine, "households_to_rehouse",
                                                          "area-1", P),
                                 ==, brute_force_rehouse (plan, scenario, "area-1"));

              assert_contributions_add_up (engine, plan);
              /* Replaying the plan for them leaves the counts as they were. */
              assert_engines_equal (engine, fresh, plan, FALSE);
              g_assert_cmpfloat (wm_indicator_engine_get (engine, "coverage.playground", NULL, P),
                                 ==, brute_force_coverage (plan, scenario, 200, play, 1));
              g_assert_cmpfloat (wm_indicator_engine_get (engine, "coverage.meeting_place", NULL,
                                                          P),
                                 ==, brute_force_coverage (plan, scenario, 400, meet, 4));
              g_assert_cmpfloat (wm_indicator_engine_get (engine, "coverage.green", NULL, P),
                                 ==, brute_force_coverage_area (plan, scenario, 300, green, 1,
                                                                10000));
              green_min = MIN (green_min, wm_indicator_engine_get (engine, "coverage.green",
                                                                   NULL, P));
              green_max = MAX (green_max, wm_indicator_engine_get (engine, "coverage.green",
                                                                   NULL, P));
              newcomers_cut = MAX (newcomers_cut, newcomers_without_returners (engine) -
                                   wm_indicator_engine_get (engine, "newcomer_share", NULL, P));
            }
        }

      while (added->len > 0)
        {
          guint i = g_rand_int_range (rand, 0, added->len);

          g_assert_true (wm_scenario_remove_proposal (scenario, g_ptr_array_index (added, i)));
          g_ptr_array_remove_index_fast (added, i);
        }
      assert_engines_equal (engine, baseline, plan, TRUE);
      assert_engines_equal (engine, baseline, plan, FALSE);
    }
  /* The random plans exercise what they should: some green covers, not all; returners. */
  g_assert_cmpfloat (green_min, <, green_max);
  g_assert_cmpfloat (newcomers_cut, >, 0.0);
}

/* --- Meeting places, green, returners ----------------------------------------------------- */

static WmGeometry *
rect (double x0,
      double y0,
      double x1,
      double y1)
{
  WmPoint ring[] = { { x0, y0 }, { x1, y0 }, { x1, y1 }, { x0, y1 } };

  return wm_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
}

static void
add_green_kind (WmPlan     *plan,
                const char *kind,
                WmGeometry *geometry)
{
  g_autoptr(WmBasemapFeature) feature = wm_basemap_feature_new (WM_BASEMAP_GREEN, kind, NULL, 0,
                                                                geometry);

  wm_basemap_add (wm_plan_get_basemap (plan), feature);
  wm_geometry_unref (geometry);
}

static void
add_green (WmPlan     *plan,
           WmGeometry *geometry)
{
  add_green_kind (plan, "grasland overig", geometry);
}

static WmProposal *
facility_proposal (const char     *id,
                   WmFacilityType  type,
                   WmGeometry     *geometry)
{
  WmProposal *p = wm_proposal_new (id, WM_PROPOSAL_ADD_FACILITY);

  wm_proposal_set_facility_type (p, type);
  wm_proposal_set_geometry (p, geometry);
  wm_geometry_unref (geometry);
  return p;
}

static void
assert_same_as_fresh (WmIndicatorEngine *engine,
                      WmPlan            *plan)
{
  g_autoptr(WmIndicatorEngine) fresh =
    wm_indicator_engine_new (plan, wm_indicator_engine_get_scenario (engine));

  assert_engines_equal (engine, fresh, plan, FALSE);
}

static void
test_meeting_place_garden (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(WmProposal) garden = NULL;

  add_area (plan, "A", 0);
  add_building (plan, "b1", 100, 100, 10, 0, 0, 0, 0);
  add_building (plan, "b2", 900, 900, 10, 0, 0, 0, 0);
  /* A shared garden of the plan, 300 m from b1: a place to meet; a point, so not green. */
  add_facility (plan, "f-garden", WM_FACILITY_SHARED_GARDEN, 100, 400);
  engine = wm_indicator_engine_new (plan, scenario);
  assert_value (engine, "coverage.meeting_place", NULL, B, 0.5);
  assert_value (engine, "coverage.green", NULL, B, 0.0);

  /* One designed into the plan near b2. */
  garden = facility_proposal ("p-garden", WM_FACILITY_SHARED_GARDEN,
                              wm_geometry_new_point (900, 700));
  wm_scenario_add_proposal (scenario, garden);
  assert_value (engine, "coverage.meeting_place", NULL, P, 1.0);
  assert_value (engine, "coverage.meeting_place", NULL, B, 0.5);
  assert_value (engine, "coverage.green", NULL, P, 0.0);
  assert_same_as_fresh (engine, plan);
  g_assert_true (wm_scenario_remove_proposal (scenario, garden));
  assert_value (engine, "coverage.meeting_place", NULL, P, 0.5);
}

/* Around an irregular park, sites of baseline buildings (full recompute, which takes shortcuts
 * by the park's inner disc and bounds) and of new builds on the same footprints (by the
 * exact distance) are covered exactly when they are within 300 m of the polygon. */
static void
test_green_polygon_reach (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(WmIndicatorEngine) engine = NULL;
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  WmPoint ring[36];
  WmGeometry *park;
  gint64 covered = 0, n = 600;

  for (guint i = 0; i < G_N_ELEMENTS (ring); i++)
    {
      double a = 2 * G_PI * i / G_N_ELEMENTS (ring), r = g_rand_double_range (rand, 60, 100);

      ring[i].x = 1000 + r * cos (a);
      ring[i].y = 1000 + r * sin (a);
    }
  park = wm_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
  g_assert_cmpfloat (wm_geometry_area (park), >=, 10000);
  add_green (plan, wm_geometry_ref (park));
  for (gint64 i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("b%" G_GINT64_FORMAT, i);
      /* Half of them near the edge of the reach: the park's radius is 60-100 m. */
      double a = g_rand_double_range (rand, 0, 2 * G_PI),
             d = i % 2 ? g_rand_double_range (rand, 0, 800) : g_rand_double_range (rand, 350, 410);
      g_autoptr(WmGeometry) footprint = wm_test_square (1000 + d * cos (a), 1000 + d * sin (a), 2);
      g_autoptr(WmBuilding) building = wm_building_new (id, footprint);
      g_autoptr(WmProposal) p = wm_proposal_new (id, WM_PROPOSAL_NEW_BUILD);
      WmDwellingMix one = { { 1, 0, 0, 0, 0 } };
      WmPoint c = wm_geometry_centroid (footprint);

      wm_building_set_dwellings (building, &one);
      wm_plan_add_building (plan, building);
      wm_proposal_set_geometry (p, footprint);
      wm_proposal_set_dwelling_delta (p, &one);
      wm_scenario_add_proposal (scenario, p);
      covered += wm_geometry_distance_to_point (park, c.x, c.y) <= 300;
    }
  engine = wm_indicator_engine_new (plan, NULL);
  /* Not all, not none. */
  g_assert_cmpint (covered, >, n / 4);
  g_assert_cmpint (covered, <, n - n / 4);
  assert_value (engine, "coverage.green", NULL, B, (double) covered / n);
  assert_value (engine, "coverage.green", NULL, P, (double) covered / n);
  wm_indicator_engine_recompute (engine);
  assert_value (engine, "coverage.green", NULL, P, (double) covered / n);
  wm_geometry_unref (park);
}

static void
test_green_rule (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(WmProposal) park = NULL;
  g_autoptr(WmProposal) small = NULL;
  g_autoptr(WmProposal) library = NULL;
  g_autoptr(WmProposal) build = NULL;
  g_autoptr(WmGeometry) footprint = square_at (2600, 100, 20);
  g_autofree char *label = NULL;

  /* Buildings 2 km apart, 10 dwellings each (centroids at the given points). */
  add_area (plan, "A", 0);
  add_building (plan, "near", 100, 100, 10, 0, 0, 0, 0);
  add_building (plan, "small", 100, 2100, 10, 0, 0, 0, 0);
  add_building (plan, "far", 2100, 100, 10, 0, 0, 0, 0);
  add_building (plan, "inside", 2100, 2100, 10, 0, 0, 0, 0);
  /* 1 ha exactly, its nearest edge 300 m from "near": counts. */
  add_green (plan, rect (400, 50, 500, 150));
  /* 0.5 ha, 100 m from "small": too small. */
  add_green (plan, rect (200, 2075, 300, 2125));
  /* 1 ha, 350 m from "far": too far. */
  add_green (plan, rect (2450, 50, 2550, 150));
  /* 4 ha around "inside": distance 0. */
  add_green (plan, rect (2000, 2000, 2200, 2200));
  /* 2 ha of farmland 50 m from "far", and a 2 ha tree nursery: not green to use. */
  add_green_kind (plan, "bouwland", rect (2150, 50, 2350, 150));
  add_green_kind (plan, "boomteelt", rect (2150, 150, 2350, 250));
  engine = wm_indicator_engine_new (plan, scenario);

  label = wm_indicator_engine_get_label (engine, "coverage.green");
  g_assert_cmpstr (label, ==, "At least 1 ha of green within 300 m (RIVM)");
  assert_value (engine, "coverage.green", NULL, B, 0.5);

  /* A proposed shared garden of 1.2 ha, 150 m from "small": now it has green. */
  park = facility_proposal ("p-park", WM_FACILITY_SHARED_GARDEN, rect (250, 2000, 350, 2120));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WmProposal) crossed = NULL;
    WmPoint bow_tie[] = { { 0, 0 }, { 100, 100 }, { 100, 0 }, { 0, 100 } };

    /* The factory takes an area for a facility; one crossing itself is refused. */
    g_assert_true (wm_proposal_factory_validate (plan, scenario, WM_PROJECTED_ALL, park, &error));
    g_assert_no_error (error);
    crossed = facility_proposal ("p-crossed", WM_FACILITY_SHARED_GARDEN,
                                 wm_geometry_new_polygon (bow_tie, G_N_ELEMENTS (bow_tie)));
    g_assert_false (wm_proposal_factory_validate (plan, scenario, WM_PROJECTED_ALL, crossed,
                                                  &error));
    g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_GEOMETRY);
  }
  wm_scenario_add_proposal (scenario, park);
  assert_value (engine, "coverage.green", NULL, P, 0.75);
  assert_value (engine, "coverage.green", NULL, B, 0.5);
  assert_same_as_fresh (engine, plan);

  /* Under 1 ha, or not green, or a point: no green for "far". */
  small = facility_proposal ("p-small", WM_FACILITY_SHARED_GARDEN, rect (2200, 50, 2280, 150));
  library = facility_proposal ("p-library", WM_FACILITY_LIBRARY, rect (2200, 50, 2400, 150));
  wm_scenario_add_proposal (scenario, small);
  wm_scenario_add_proposal (scenario, library);
  assert_value (engine, "coverage.green", NULL, P, 0.75);
  /* Each is still a place to meet, at its centroid: the gardens near "small" (204 m) and
   * "far" (140 m), the library near "far" (200 m). */
  assert_value (engine, "coverage.meeting_place", NULL, P, 0.5);

  /* Enlarged to 1.6 ha it counts: an edit updates the dwellings near it. */
  {
    g_autoptr(WmGeometry) larger = rect (2200, 50, 2360, 150);

    wm_proposal_set_geometry (small, larger);
  }
  assert_value (engine, "coverage.green", NULL, P, 1.0);
  assert_same_as_fresh (engine, plan);

  /* New build 50 m from the 1 ha green east of "far": its 10 dwellings are covered. */
  build = proposal_new ("p-build", WM_PROPOSAL_NEW_BUILD, NULL, 0, 10, 0, 0, 0);
  wm_proposal_set_geometry (build, footprint);
  wm_scenario_add_proposal (scenario, build);
  assert_value (engine, "coverage.green", NULL, P, 1.0);
  {
    g_autoptr(WmGeometry) away = square_at (2600, 2600, 20);

    /* 566 m from the green around "inside", farther from the others: not covered. */
    wm_proposal_set_geometry (build, away);
  }
  assert_value (engine, "coverage.green", NULL, P, 40.0 / 50.0);
  assert_same_as_fresh (engine, plan);

  g_assert_true (wm_scenario_remove_proposal (scenario, small));
  g_assert_true (wm_scenario_remove_proposal (scenario, park));
  assert_value (engine, "coverage.green", NULL, P, 20.0 / 50.0);
  assert_same_as_fresh (engine, plan);
}

static void
test_returners (void)
{
  g_autoptr(WmPlan) plan = fixture ();
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (plan, scenario);
  /* b1 in A holds 40 dwellings. */
  g_autoptr(WmProposal) demolish = proposal_new ("p1", WM_PROPOSAL_DEMOLISH, "b1", 0, 0, 0, 0, 0);
  g_autoptr(WmProposal) build = proposal_new ("p2", WM_PROPOSAL_NEW_BUILD, NULL, 20, 20, 0, 0, 10);
  g_autoptr(WmProposal) other = proposal_new ("p3", WM_PROPOSAL_NEW_BUILD, NULL, 0, 30, 0, 0, 0);
  g_autoptr(WmGeometry) in_a = square_at (500, 500, 20);
  g_autoptr(WmGeometry) in_b = square_at (1500, 200, 20);

  wm_proposal_set_geometry (build, in_a);
  wm_proposal_set_geometry (other, in_b);
  wm_scenario_add_proposal (scenario, demolish);
  wm_scenario_add_proposal (scenario, build);
  /* A: 80 - 40 + 50 = 90 dwellings, 50 newcomers; total 110. */
  assert_value (engine, "newcomer_share", "A", P, 50.0 / 90.0);
  assert_value (engine, "newcomer_share", NULL, P, 50.0 / 110.0);

  /* Half return: 20 of the 50 new homes go to returners. */
  wm_proposal_set_return_share (demolish, 0.5);
  assert_value (engine, "newcomer_share", "A", P, 30.0 / 90.0);
  assert_value (engine, "newcomer_share", NULL, P, 30.0 / 110.0);
  assert_value (engine, "households_to_rehouse", NULL, P, 40);
  assert_same_as_fresh (engine, plan);

  /* Rounded per demolition: 40 / 3 = 13.3 gives 13. */
  wm_proposal_set_return_share (demolish, 1.0 / 3.0);
  assert_value (engine, "newcomer_share", "A", P, 37.0 / 90.0);

  /* Only 10 new homes in A: 10 return there, the other 10 into B's new build. */
  {
    WmDwellingMix ten = { { 10, 0, 0, 0, 0 } };

    wm_proposal_set_return_share (demolish, 0.5);
    wm_proposal_set_dwelling_delta (build, &ten);
  }
  wm_scenario_add_proposal (scenario, other);
  assert_value (engine, "newcomer_share", "A", P, 0.0);
  assert_value (engine, "newcomer_share", "B", P, 20.0 / 50.0);
  assert_value (engine, "newcomer_share", NULL, P, 20.0 / 100.0);
  assert_same_as_fresh (engine, plan);

  /* Without room they cannot return: B's new build removed, 10 of 20 return. */
  g_assert_true (wm_scenario_remove_proposal (scenario, other));
  assert_value (engine, "newcomer_share", "A", P, 0.0);
  assert_value (engine, "newcomer_share", NULL, P, 0.0);
  assert_same_as_fresh (engine, plan);

  /* A return share on a proposal that is no demolition does nothing. */
  wm_proposal_set_return_share (build, 1.0);
  assert_value (engine, "newcomer_share", NULL, P, 0.0);
  wm_proposal_set_return_share (demolish, 0.0);
  assert_value (engine, "newcomer_share", "A", P, 10.0 / 50.0);
  assert_same_as_fresh (engine, plan);
}

/* A demolition rehouses what its building holds just before it in the plan's order, as the
 * checklist counts: a shed made into 6 homes, a merge of 10 into 6 before the demolition. */
static void
test_rehouse_order (void)
{
  g_autoptr(WmPlan) plan = fixture ();
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (plan, scenario);
  g_autoptr(WmProposal) transform = proposal_new ("p1", WM_PROPOSAL_TRANSFORM, "shed",
                                                  6, 0, 0, 0, 0);
  g_autoptr(WmProposal) demolish_shed = proposal_new ("p2", WM_PROPOSAL_DEMOLISH, "shed",
                                                      0, 0, 0, 0, 0);
  g_autoptr(WmProposal) merge = proposal_new ("p3", WM_PROPOSAL_SPLIT_MERGE, "block",
                                              -4, 0, 0, 0, 0);
  g_autoptr(WmProposal) demolish_block = proposal_new ("p4", WM_PROPOSAL_DEMOLISH, "block",
                                                       0, 0, 0, 0, 0);
  g_autoptr(WmProposal) again = proposal_new ("p5", WM_PROPOSAL_DEMOLISH, "block",
                                              0, 0, 0, 0, 0);
  g_autoptr(WmProposal) build = proposal_new ("p6", WM_PROPOSAL_NEW_BUILD, NULL, 10, 0, 0, 0, 0);
  g_autoptr(WmGeometry) in_a = square_at (500, 500, 20);
  g_autoptr(GArray) c = NULL;

  add_building (plan, "shed", 700, 700, 0, 0, 0, 0, 0);
  add_building (plan, "block", 1200, 300, 10, 0, 0, 0, 0);

  /* A shed transformed into 6 homes in 2025 and demolished in 2030: 6 households move. */
  wm_proposal_set_year (transform, 2025);
  wm_proposal_set_year (demolish_shed, 2030);
  wm_scenario_add_proposal (scenario, demolish_shed);
  wm_scenario_add_proposal (scenario, transform);
  assert_value (engine, "households_to_rehouse", "A", P, 6);
  assert_value (engine, "dwellings", "A", P, 80);
  assert_same_as_fresh (engine, plan);

  /* Their returners follow the same count: half of 6 come back into A's new build. */
  wm_proposal_set_geometry (build, in_a);
  wm_scenario_add_proposal (scenario, build);
  wm_proposal_set_return_share (demolish_shed, 0.5);
  /* A: 80 + 10 dwellings; newcomers 6 (transformation) + 10, of whom 3 return. */
  assert_value (engine, "newcomer_share", "A", P, 13.0 / 90.0);
  assert_same_as_fresh (engine, plan);

  /* Moved after the demolition, the transformation does nothing and nobody moves. */
  wm_proposal_set_year (transform, 2031);
  assert_value (engine, "households_to_rehouse", "A", P, 0);
  assert_value (engine, "newcomer_share", "A", P, 10.0 / 90.0);
  assert_same_as_fresh (engine, plan);
  /* The same year: the list decides, and the transformation comes second. */
  wm_proposal_set_year (transform, 2030);
  assert_value (engine, "households_to_rehouse", "A", P, 0);
  assert_same_as_fresh (engine, plan);
  wm_proposal_set_year (transform, 2025);
  assert_value (engine, "households_to_rehouse", "A", P, 6);
  assert_same_as_fresh (engine, plan);

  /* A merge of 10 into 6, then the demolition: 4 + 6 = 10 move, not 14. */
  wm_proposal_set_year (merge, 2026);
  wm_proposal_set_year (demolish_block, 2028);
  wm_scenario_add_proposal (scenario, demolish_block);
  wm_scenario_add_proposal (scenario, merge);
  assert_value (engine, "households_to_rehouse", "B", P, 10);
  assert_value (engine, "households_to_rehouse", NULL, P, 16);
  assert_same_as_fresh (engine, plan);

  /* Which proposals moved this: the merge 4, the demolition 6, in the plan's order. */
  c = wm_indicator_engine_get_contributions (engine, "households_to_rehouse", "B");
  g_assert_cmpuint (c->len, ==, 2);
  g_assert_true (g_array_index (c, WmIndicatorContribution, 0).proposal == merge);
  g_assert_cmpfloat (g_array_index (c, WmIndicatorContribution, 0).delta, ==, 4);
  g_assert_true (g_array_index (c, WmIndicatorContribution, 1).proposal == demolish_block);
  g_assert_cmpfloat (g_array_index (c, WmIndicatorContribution, 1).delta, ==, 6);
  g_clear_pointer (&c, g_array_unref);
  c = wm_indicator_engine_get_contributions (engine, "households_to_rehouse", "A");
  g_assert_cmpuint (c->len, ==, 1);
  g_assert_true (g_array_index (c, WmIndicatorContribution, 0).proposal == demolish_shed);
  g_assert_cmpfloat (g_array_index (c, WmIndicatorContribution, 0).delta, ==, 6);
  g_clear_pointer (&c, g_array_unref);
  /* Replaying left the counts as they were. */
  assert_same_as_fresh (engine, plan);
  assert_contributions_add_up (engine, plan);

  /* A second demolition of the block removes nothing more; without the first it does. */
  wm_proposal_set_year (again, 2029);
  wm_scenario_add_proposal (scenario, again);
  assert_value (engine, "households_to_rehouse", "B", P, 10);
  g_assert_true (wm_scenario_remove_proposal (scenario, demolish_block));
  assert_value (engine, "households_to_rehouse", "B", P, 10);
  assert_same_as_fresh (engine, plan);
  /* Brought before the merge, it removes all 10 and the merge moves nobody. */
  wm_proposal_set_year (again, 2025);
  assert_value (engine, "households_to_rehouse", "B", P, 10);
  c = wm_indicator_engine_get_contributions (engine, "households_to_rehouse", "B");
  g_assert_cmpuint (c->len, ==, 1);
  g_assert_true (g_array_index (c, WmIndicatorContribution, 0).proposal == again);
  g_assert_cmpfloat (g_array_index (c, WmIndicatorContribution, 0).delta, ==, 10);
  g_clear_pointer (&c, g_array_unref);
  assert_same_as_fresh (engine, plan);
}

/* --- Proposals JSON ---------------------------------------------------------------------- */

static void
test_json_round_trip (void)
{
  g_autoptr(GListStore) store = g_list_store_new (WM_TYPE_PROPOSAL);
  g_autoptr(WmProposal) a = proposal_new ("p1", WM_PROPOSAL_CONVERT_TENURE, "b1", -3, 0, 0, 3, 0);
  g_autoptr(WmProposal) b = proposal_new ("p2", WM_PROPOSAL_NEW_BUILD, NULL, 10, 5, 0, 0, 2);
  g_autoptr(WmProposal) c = wm_proposal_new ("p3", WM_PROPOSAL_ADD_FACILITY);
  g_autoptr(WmProposal) d = wm_proposal_new ("p4", WM_PROPOSAL_REMOVE_FACILITY);
  g_autoptr(WmProposal) e = proposal_new ("p5", WM_PROPOSAL_DEMOLISH, "b1", -4, 0, 0, 0, 0);
  g_autoptr(WmGeometry) footprint = square_at (10.5, 20.25, 8);
  g_autoptr(WmGeometry) point = wm_geometry_new_point (1.5, 2.5);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  wm_proposal_set_name (a, "Sale");
  wm_proposal_set_year (a, 2027);
  wm_proposal_set_note (a, "at turnover");
  wm_proposal_set_geometry (b, footprint);
  wm_proposal_set_dwelling_type (b, WM_DWELLING_TYPE_SENIOR);
  wm_proposal_set_facility_type (c, WM_FACILITY_LIBRARY);
  wm_proposal_set_geometry (c, point);
  wm_proposal_set_facility_id (d, "f-1");
  /* Not a short decimal: the round trip must keep every bit. */
  wm_proposal_set_return_share (e, 1.0 / 3.0);
  g_list_store_append (store, a);
  g_list_store_append (store, b);
  g_list_store_append (store, c);
  g_list_store_append (store, d);
  g_list_store_append (store, e);

  data = wm_proposals_to_json_data (G_LIST_MODEL (store), NULL);
  back = wm_proposals_from_json_data (data, -1, "x.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 5);
  g_assert_true (wm_proposal_equal (e, g_ptr_array_index (back, 4)));
  g_assert_cmpfloat (wm_proposal_get_return_share (g_ptr_array_index (back, 4)), ==, 1.0 / 3.0);
  /* Written only where it is set. */
  g_assert_nonnull (strstr (data, "\"return_share\""));
  g_assert_null (strstr (strstr (data, "\"return_share\"") + 1, "\"return_share\""));
  g_assert_true (wm_proposal_equal (a, g_ptr_array_index (back, 0)));
  g_assert_true (wm_proposal_equal (b, g_ptr_array_index (back, 1)));
  g_assert_true (wm_proposal_equal (c, g_ptr_array_index (back, 2)));
  g_assert_true (wm_proposal_equal (d, g_ptr_array_index (back, 3)));
  g_assert_cmpint (wm_proposal_get_dwelling_type (g_ptr_array_index (back, 1)), ==,
                   WM_DWELLING_TYPE_SENIOR);
  g_assert_nonnull (strstr (data, "\"dwelling_type\""));
  g_assert_nonnull (strstr (data, "\"senior\""));
  g_assert_cmpint (wm_proposal_get_dwelling_type (g_ptr_array_index (back, 0)), ==,
                   WM_DWELLING_TYPE_UNSPECIFIED);

  /* Read from a hand-written document too. */
  g_clear_pointer (&back, g_ptr_array_unref);
  back = wm_proposals_from_json_data ("{\"proposals\": [{\"id\": \"p9\", \"kind\": "
                                      "\"new_build\", \"dwelling_type\": \"house\"}]}",
                                      -1, "h.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_proposal_get_dwelling_type (g_ptr_array_index (back, 0)), ==,
                   WM_DWELLING_TYPE_HOUSE);
  g_assert_cmpfloat (wm_proposal_get_return_share (g_ptr_array_index (back, 0)), ==,
                     WM_PROPOSAL_DEFAULT_RETURN_SHARE);

  /* A whole number is a number. */
  g_clear_pointer (&back, g_ptr_array_unref);
  back = wm_proposals_from_json_data ("{\"proposals\": [{\"kind\": \"demolish\", "
                                      "\"return_share\": 1}]}", -1, "h.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (wm_proposal_get_return_share (g_ptr_array_index (back, 0)), ==, 1.0);
}

static void
test_json_errors (void)
{
  g_autoptr(WmPlan) plan = fixture ();
  struct
  {
    const char *json;
    int code;
    const char *fragment;
  } cases[] = {
    { "{\n \"proposals\": [\n  {\"kind\": \"demolish\",, }\n ]\n}", WM_PROPOSAL_JSON_ERROR_SYNTAX,
      "c.json:3:" },
    { "[1]", WM_PROPOSAL_JSON_ERROR_INVALID, "proposals" },
    { "{\"proposals\": [{\"kind\": \"flatten\"}]}", WM_PROPOSAL_JSON_ERROR_INVALID, "flatten" },
    { "{\"proposals\": [{\"kind\": \"new_build\", \"dwellings\": {\"castle\": 3}}]}",
      WM_PROPOSAL_JSON_ERROR_INVALID, "proposals[0].dwellings.castle" },
    { "{\"proposals\": [{\"kind\": \"new_build\", \"dwellings\": {\"mid_rent\": 1.5}}]}",
      WM_PROPOSAL_JSON_ERROR_INVALID, "proposals[0].dwellings.mid_rent" },
    { "{\"proposals\": [{\"kind\": \"demolish\", \"buildings\": [\"b9\"]}]}",
      WM_PROPOSAL_JSON_ERROR_UNKNOWN, "b9" },
    { "{\"proposals\": [{\"kind\": \"demolish\", \"buildngs\": [\"b1\"]}]}",
      WM_PROPOSAL_JSON_ERROR_INVALID, "buildngs" },
    { "{\"proposals\": [{\"kind\": \"remove_facility\", \"facility_id\": \"nope\"}]}",
      WM_PROPOSAL_JSON_ERROR_UNKNOWN, "nope" },
    { "{\"proposals\": [{\"kind\": \"add_facility\", \"facility_type\": \"playground\","
      " \"geometry\": {\"type\": \"Point\", \"coordinates\": [1]}}]}",
      WM_PROPOSAL_JSON_ERROR_INVALID, "geometry" },
    { "{\"srs_id\": 4326, \"proposals\": []}", WM_PROPOSAL_JSON_ERROR_INVALID, "srs_id" },
    { "{\"proposals\": [{\"kind\": \"new_build\", \"dwelling_type\": \"castle\"}]}",
      WM_PROPOSAL_JSON_ERROR_INVALID, "proposals[0].dwelling_type" },
    { "{\"proposals\": [{\"kind\": \"new_build\", \"dwelling_type\": 2}]}",
      WM_PROPOSAL_JSON_ERROR_INVALID, "proposals[0].dwelling_type" },
    /* File, place and problem. */
    { "{\"proposals\": [{\"id\": \"d1\", \"kind\": \"demolish\", \"return_share\": 1.5}]}",
      WM_PROPOSAL_JSON_ERROR_INVALID, "c.json: proposals[0].return_share: must be from 0 to 1" },
    { "{\"proposals\": [{\"id\": \"d1\", \"kind\": \"demolish\", \"return_share\": 1.5}]}",
      WM_PROPOSAL_JSON_ERROR_INVALID, "1.5 (proposal “d1”)" },
    { "{\"proposals\": [{\"kind\": \"demolish\", \"return_share\": -0.1}]}",
      WM_PROPOSAL_JSON_ERROR_INVALID, "c.json: proposals[0].return_share" },
    { "{\"proposals\": [{\"kind\": \"demolish\", \"return_share\": \"abc\"}]}",
      WM_PROPOSAL_JSON_ERROR_INVALID, "c.json: proposals[0].return_share: must be a number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) result = wm_proposals_from_json_data (cases[i].json, -1, "c.json", plan,
                                                                 &error);

      g_assert_null (result);
      g_assert_error (error, WM_PROPOSAL_JSON_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].fragment) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].fragment);
    }

  /* Ids are generated where missing, past the explicit ones. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) result =
      wm_proposals_from_json_data ("{\"version\": 1, \"proposals\": [{\"kind\": \"demolish\", "
                                   "\"buildings\": [\"b1\"]}, {\"id\": \"proposal-1\", "
                                   "\"kind\": \"renovate\"}]}", -1, "c.json", plan, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (wm_proposal_get_id (g_ptr_array_index (result, 0)), ==, "proposal-2");
    g_assert_cmpstr (wm_proposal_get_id (g_ptr_array_index (result, 1)), ==, "proposal-1");
  }
}

/* --- Targets ----------------------------------------------------------------------------- */

static void
plan_changed_cb (WmPlan *plan,
                 guint  *count)
{
  (*count)++;
}

static void
notify_count_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
assert_band (WmTargets *targets, const char *key, double min, double max)
{
  WmTargetBand band;

  g_assert_true (wm_targets_get_band (targets, key, &band));
  if (isnan (min))
    g_assert_true (isnan (band.min));
  else
    g_assert_cmpfloat_with_epsilon (band.min, min, 1e-15);
  if (isnan (max))
    g_assert_true (isnan (band.max));
  else
    g_assert_cmpfloat_with_epsilon (band.max, max, 1e-15);
}

static void
assert_verdict_text (WmTargets *targets, const char *key, double value, const char *expected)
{
  WmTargetBand band;
  g_autofree char *text = NULL;

  wm_targets_get_band (targets, key, &band);
  text = wm_target_verdict_describe (wm_targets_judge (targets, key, value), &band,
                                     wm_target_key_is_index (key));
  g_assert_cmpstr (text, ==, expected);
}

/* Bands: both sides, "just" below and above within the margin, the words name the side. */
static void
test_target_bands (void)
{
  g_autoptr (WmTargets) targets = wm_targets_new ();
  WmTargetBand band = { NAN, NAN };
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) keys = NULL;
  guint notified = 0;

  /* A new project: the neighbourhood preset, social rent 30–50 %, new build 2/3. */
  g_assert_cmpint (wm_targets_get_preset (targets), ==, WM_TARGET_PRESET_NEIGHBOURHOOD);
  assert_band (targets, "share.social_rent", 0.30, 0.50);
  assert_band (targets, "new_build_affordable_share", 2.0 / 3.0, NAN);
  g_assert_false (wm_targets_get_band (targets, "diversity", &band));
  g_assert_true (isnan (band.min) && isnan (band.max));
  g_assert_cmpfloat (wm_targets_get_close_margin (targets), ==, 0.05);

  g_assert_cmpint (wm_targets_judge (targets, "share.social_rent", 0.10), ==,
                   WM_TARGET_VERDICT_BELOW_MINIMUM);
  g_assert_cmpint (wm_targets_judge (targets, "share.social_rent", 0.26), ==,
                   WM_TARGET_VERDICT_CLOSE_TO_MINIMUM);
  g_assert_cmpint (wm_targets_judge (targets, "share.social_rent", 0.30), ==,
                   WM_TARGET_VERDICT_WITHIN);
  g_assert_cmpint (wm_targets_judge (targets, "share.social_rent", 0.50), ==,
                   WM_TARGET_VERDICT_WITHIN);
  g_assert_cmpint (wm_targets_judge (targets, "share.social_rent", 0.53), ==,
                   WM_TARGET_VERDICT_CLOSE_TO_MAXIMUM);
  g_assert_cmpint (wm_targets_judge (targets, "share.social_rent", 0.60), ==,
                   WM_TARGET_VERDICT_ABOVE_MAXIMUM);
  g_assert_cmpint (wm_targets_judge (targets, "share.social_rent", 1.0), ==,
                   WM_TARGET_VERDICT_ABOVE_MAXIMUM);
  /* 2 of 3 meets two thirds. */
  g_assert_cmpint (wm_targets_judge (targets, "new_build_affordable_share", 2.0 / 3.0), ==,
                   WM_TARGET_VERDICT_WITHIN);
  g_assert_cmpint (wm_targets_judge (targets, "diversity", 0.5), ==, WM_TARGET_VERDICT_NONE);
  g_assert_cmpint (wm_targets_judge (targets, "share.social_rent", NAN), ==,
                   WM_TARGET_VERDICT_NONE);
  g_assert_true (wm_target_verdict_is_below (WM_TARGET_VERDICT_CLOSE_TO_MINIMUM));
  g_assert_true (wm_target_verdict_is_above (WM_TARGET_VERDICT_ABOVE_MAXIMUM));
  g_assert_false (wm_target_verdict_is_above (WM_TARGET_VERDICT_WITHIN));
  g_assert_cmpstr (wm_target_verdict_key (WM_TARGET_VERDICT_ABOVE_MAXIMUM), ==, "above_maximum");
  g_assert_cmpstr (wm_target_verdict_key (WM_TARGET_VERDICT_CLOSE_TO_MINIMUM), ==,
                   "close_to_minimum");

  assert_verdict_text (targets, "share.social_rent", 1.0, "above the maximum of 50 %");
  assert_verdict_text (targets, "share.social_rent", 0.1, "below the minimum of 30 %");
  assert_verdict_text (targets, "share.social_rent", 0.4, "within 30–50 %");
  assert_verdict_text (targets, "share.social_rent", 0.27, "just below the minimum of 30 %");
  assert_verdict_text (targets, "share.social_rent", 0.52, "just above the maximum of 50 %");
  assert_verdict_text (targets, "new_build_affordable_share", 0.8, "meets the minimum of 67 %");

  /* An edit makes the targets custom; diversity is an index, coverage a share. */
  g_signal_connect (targets, "notify::bands", G_CALLBACK (notify_count_cb), &notified);
  band = (WmTargetBand) { 0.6, NAN };
  wm_targets_set_band (targets, "diversity", &band);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (wm_targets_get_preset (targets), ==, WM_TARGET_PRESET_CUSTOM);
  assert_verdict_text (targets, "diversity", 0.4, "below the minimum of 0.60");
  band = (WmTargetBand) { 0.8, NAN };
  wm_targets_set_band (targets, "coverage.meeting_place", &band);
  wm_targets_set_band (targets, "coverage.meeting_place", &band);
  g_assert_cmpuint (notified, ==, 2);
  keys = wm_targets_dup_keys (targets);
  g_assert_cmpuint (g_strv_length (keys), ==, 4);
  g_assert_cmpstr (keys[0], ==, "coverage.meeting_place");
  g_assert_cmpstr (keys[1], ==, "diversity");
  band = (WmTargetBand) { NAN, 0.7 };
  wm_targets_set_band (targets, "diversity", &band);
  assert_verdict_text (targets, "diversity", 0.4, "within the maximum of 0.70");
  wm_targets_set_band (targets, "diversity", NULL);
  g_assert_false (wm_targets_get_band (targets, "diversity", NULL));

  /* Refused: a minimum above the maximum, a bound outside 0..1, a key without a band. */
  band = (WmTargetBand) { 0.6, 0.5 };
  g_assert_false (wm_targets_check_band ("share.mid_rent", &band, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "The minimum (60 %) is above the maximum (50 %)");
  g_clear_error (&error);
  band = (WmTargetBand) { NAN, 1.5 };
  g_assert_false (wm_targets_check_band ("share.mid_rent", &band, &error));
  g_clear_error (&error);
  band = (WmTargetBand) { 0.1, NAN };
  g_assert_false (wm_targets_check_band ("dwellings", &band, &error));
  g_clear_error (&error);
  g_assert_false (wm_targets_check_band ("share.nonsense", &band, &error));
  g_clear_error (&error);
  g_assert_true (wm_targets_check_band ("share.owner_expensive", &band, &error));
  g_assert_no_error (error);
}

/* The presets, and a preset replaces every band. */
static void
test_target_presets (void)
{
  g_autoptr (WmTargets) targets = wm_targets_new ();
  WmTargetBand band = { 0.1, 0.2 };
  WmTargetPreset preset;

  wm_targets_set_band (targets, "share.owner_expensive", &band);
  wm_targets_apply_preset (targets, WM_TARGET_PRESET_NATIONAL);
  g_assert_cmpint (wm_targets_get_preset (targets), ==, WM_TARGET_PRESET_NATIONAL);
  g_assert_false (wm_targets_get_band (targets, "share.owner_expensive", NULL));
  assert_band (targets, "share.social_rent", 0.30, NAN);
  assert_band (targets, "new_build_affordable_share", 2.0 / 3.0, NAN);
  /* A minimum only: a one-sided stock meets it. */
  g_assert_cmpint (wm_targets_judge (targets, "share.social_rent", 1.0), ==,
                   WM_TARGET_VERDICT_WITHIN);

  /* A third each: social rent and, from the other end, the expensive third. */
  wm_targets_apply_preset (targets, WM_TARGET_PRESET_THIRDS);
  assert_band (targets, "share.social_rent", 0.28, 0.38);
  assert_band (targets, "affordable_share", 0.62, 0.72);
  g_assert_false (wm_targets_get_band (targets, "new_build_affordable_share", NULL));
  g_assert_cmpint (wm_targets_judge (targets, "affordable_share", 2.0 / 3.0), ==,
                   WM_TARGET_VERDICT_WITHIN);

  /* Custom keeps the bands. */
  wm_targets_apply_preset (targets, WM_TARGET_PRESET_CUSTOM);
  g_assert_cmpint (wm_targets_get_preset (targets), ==, WM_TARGET_PRESET_CUSTOM);
  assert_band (targets, "share.social_rent", 0.28, 0.38);

  wm_targets_apply_preset (targets, WM_TARGET_PRESET_NEIGHBOURHOOD);
  assert_band (targets, "share.social_rent", 0.30, 0.50);
  g_assert_false (wm_targets_get_band (targets, "affordable_share", NULL));

  for (guint p = 0; p < WM_N_TARGET_PRESETS; p++)
    {
      g_assert_true (wm_target_preset_from_key (wm_target_preset_key (p), &preset));
      g_assert_cmpint (preset, ==, p);
      g_assert_nonnull (wm_target_preset_label (p));
      g_assert_nonnull (wm_target_preset_assumption (p));
    }
  g_assert_false (wm_target_preset_from_key ("nonsense", &preset));
  g_assert_nonnull (strstr (wm_target_preset_assumption (WM_TARGET_PRESET_NEIGHBOURHOOD),
                            "between 30 % and 50 %"));
}

/* A neighbourhood of only social rent is never "within" under the default targets. */
static void
test_target_one_sided_stock (void)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  g_autoptr (WmIndicatorEngine) engine = NULL;
  WmTargetBand band;
  WmTargetVerdict verdict;
  g_autofree char *text = NULL;

  wm_test_add_building (plan, "b-1", 0, 0, WM_SEGMENT_SOCIAL_RENT, 40);
  wm_test_add_building (plan, "b-2", 100, 0, WM_SEGMENT_SOCIAL_RENT, 25);
  engine = wm_indicator_engine_new (plan, NULL);
  g_assert_cmpfloat (wm_indicator_engine_get (engine, "share.social_rent", NULL,
                                              WM_INDICATOR_PROJECTED), ==, 1.0);
  g_assert_cmpint (wm_targets_get_preset (wm_targets_get_for_plan (plan)), ==,
                   WM_TARGET_PRESET_NEIGHBOURHOOD);
  g_assert_true (wm_indicator_engine_get_target (engine, "share.social_rent", &band, &verdict));
  g_assert_cmpint (verdict, ==, WM_TARGET_VERDICT_ABOVE_MAXIMUM);
  g_assert_cmpint (verdict, !=, WM_TARGET_VERDICT_WITHIN);
  text = wm_target_verdict_describe (verdict, &band, FALSE);
  g_assert_cmpstr (text, ==, "above the maximum of 50 %");
}

static void
set_legacy_rows (const char *path, const char *social, const char *new_build)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf (
    "DELETE FROM wijkmix_meta WHERE key LIKE 'target.%%';"
    "INSERT INTO wijkmix_meta (key, value) VALUES ('target.affordable_new_build', '%s'),"
    " ('target.social_rent_stock', '%s'), ('target.close_margin', '0.1');",
    new_build, social);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* One column of the wijkmix_meta row @key ("" for none). */
static const char *
meta_value (const char *path, const char *column, const char *key)
{
  static char result[256];
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM wijkmix_meta WHERE key = ?1", column);

  result[0] = '\0';
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    g_strlcpy (result, (const char *) sqlite3_column_text (stmt, 0), sizeof result);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static void
test_targets (void)
{
  g_autoptr(WmPlan) plan = fixture ();
  WmTargets *targets = wm_targets_get_for_plan (plan);
  g_autoptr(WmPlan) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "t.gpkg", NULL);
  WmTargetBand band = { 0.333, NAN };
  const char *rows[] = { "target.preset", "custom", "target.share.mid_rent.min", "2",
                         "target.share.mid_rent.max", "0.4", "target.diversity.min", "0.5",
                         "target.diversity.max", "0.2", "target.dwellings.min", "0.5", NULL };
  guint changed = 0;

  g_assert_true (wm_targets_get_for_plan (plan) == targets);
  g_signal_connect (plan, "changed", G_CALLBACK (plan_changed_cb), &changed);
  /* A maximum removed stays removed after reopening (the default has one). */
  wm_targets_set_band (targets, "share.social_rent", &band);
  band = (WmTargetBand) { 0.5, 0.9 };
  wm_targets_set_band (targets, "diversity", &band);
  band = (WmTargetBand) { NAN, 0.95 };
  wm_targets_set_band (targets, "coverage.meeting_place", &band);
  wm_targets_set_close_margin (targets, 0.1);
  g_assert_cmpuint (changed, >=, 3);

  g_assert_true (wm_project_file_save (plan, path, &error));
  g_assert_no_error (error);
  loaded = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_targets_equal (targets, wm_targets_get_for_plan (loaded)));
  g_assert_cmpint (wm_targets_get_preset (wm_targets_get_for_plan (loaded)), ==,
                   WM_TARGET_PRESET_CUSTOM);
  assert_band (wm_targets_get_for_plan (loaded), "share.social_rent", 0.333, NAN);
  assert_band (wm_targets_get_for_plan (loaded), "coverage.meeting_place", NAN, 0.95);
  g_clear_object (&loaded);

  /* A preset and its bands survive too, also saved in place over the custom ones. */
  wm_targets_apply_preset (targets, WM_TARGET_PRESET_THIRDS);
  g_assert_true (wm_project_file_save (plan, path, &error));
  g_assert_no_error (error);
  loaded = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_targets_equal (targets, wm_targets_get_for_plan (loaded)));
  g_assert_false (wm_targets_get_band (wm_targets_get_for_plan (loaded), "diversity", NULL));
  g_clear_object (&loaded);

  /* A file from before bands: its targets are minimums; the old defaults are the national
   * agenda's. */
  set_legacy_rows (path, "0.29999999999999999", "0.66666666666666663");
  loaded = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_targets_get_preset (wm_targets_get_for_plan (loaded)), ==,
                   WM_TARGET_PRESET_NATIONAL);
  assert_band (wm_targets_get_for_plan (loaded), "share.social_rent", 0.30, NAN);
  assert_band (wm_targets_get_for_plan (loaded), "new_build_affordable_share", 2.0 / 3.0, NAN);
  g_assert_false (wm_targets_get_band (wm_targets_get_for_plan (loaded), "affordable_share",
                                       NULL));
  g_assert_cmpfloat (wm_targets_get_close_margin (wm_targets_get_for_plan (loaded)), ==, 0.1);
  g_clear_object (&loaded);
  set_legacy_rows (path, "0.25", "0.5");
  loaded = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_targets_get_preset (wm_targets_get_for_plan (loaded)), ==,
                   WM_TARGET_PRESET_CUSTOM);
  assert_band (wm_targets_get_for_plan (loaded), "share.social_rent", 0.25, NAN);
  assert_band (wm_targets_get_for_plan (loaded), "new_build_affordable_share", 0.5, NAN);

  /* A file handle that read the file saves in place: the band rows replace the old ones, and
   * a bound removed later loses its row while the other rows stay as they were. */
  {
    g_autoptr (WmProjectFile) file = wm_project_file_new (path);
    g_autoptr (WmPlan) opened = wm_project_file_read (file, &error);
    g_autoptr (WmProjectSnapshot) snapshot = NULL;
    g_autofree char *name_fid = NULL, *preset_fid = NULL;

    g_assert_no_error (error);
    band = (WmTargetBand) { 0.25, 0.45 };
    wm_targets_set_band (wm_targets_get_for_plan (opened), "share.social_rent", &band);
    snapshot = wm_project_snapshot_new (opened);
    g_assert_true (wm_project_file_write (file, snapshot, &error));
    g_assert_no_error (error);
    g_clear_pointer (&snapshot, wm_project_snapshot_unref);
    g_assert_cmpstr (meta_value (path, "count(*)", "target.social_rent_stock"), ==, "0");
    g_assert_cmpstr (meta_value (path, "value", "target.share.social_rent.max"), ==,
                     "0.45000000000000001");
    name_fid = g_strdup (meta_value (path, "fid", "name"));
    preset_fid = g_strdup (meta_value (path, "fid", "target.preset"));

    band.max = NAN;
    wm_targets_set_band (wm_targets_get_for_plan (opened), "share.social_rent", &band);
    snapshot = wm_project_snapshot_new (opened);
    g_assert_true (wm_project_file_write (file, snapshot, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (meta_value (path, "count(*)", "target.share.social_rent.max"), ==, "0");
    g_assert_cmpstr (meta_value (path, "fid", "name"), ==, name_fid);
    g_assert_cmpstr (meta_value (path, "fid", "target.preset"), ==, preset_fid);
    g_clear_object (&loaded);
    loaded = wm_project_file_load (path, &error);
    g_assert_no_error (error);
    g_assert_true (wm_targets_equal (wm_targets_get_for_plan (opened),
                                     wm_targets_get_for_plan (loaded)));
    assert_band (wm_targets_get_for_plan (loaded), "share.social_rent", 0.25, NAN);
  }

  /* Rows that are not a band are left out: 2 is no fraction, a minimum above its maximum,
   * a key without a band. */
  g_assert_cmpuint (wm_targets_load_meta (targets, rows), ==, 4);
  g_assert_cmpint (wm_targets_get_preset (targets), ==, WM_TARGET_PRESET_CUSTOM);
  assert_band (targets, "share.mid_rent", NAN, 0.4);
  g_assert_false (wm_targets_get_band (targets, "diversity", NULL));
  g_assert_false (wm_targets_get_band (targets, "share.social_rent", NULL));
  g_assert_false (wm_targets_get_band (targets, "dwellings", NULL));
  /* Without target rows nothing changes. */
  g_assert_cmpuint (wm_targets_load_meta (targets, (const char *[]) { "name", "x", NULL }), ==,
                    0);
  assert_band (targets, "share.mid_rent", NAN, 0.4);

  g_unlink (path);
  g_rmdir (dir);
}

static WmProposal *
building_proposal (const char     *id,
                   WmProposalKind  kind,
                   const char     *building_id,
                   int             year,
                   WmDwellingMix   delta)
{
  const char *ids[] = { building_id, NULL };
  WmProposal *proposal = wm_proposal_new (id, kind);

  wm_proposal_set_building_ids (proposal, ids);
  wm_proposal_set_year (proposal, year);
  wm_proposal_set_dwelling_delta (proposal, &delta);
  return proposal;
}

/* One order for a plan: by year, then creation. A conversion made first (2030) and a
 * demolition of the same building made later but completed earlier (2027): the demolition
 * takes effect first everywhere: validation, the projection of the building (which the tile
 * renderer colours by) and the engine's figures. */
static void
test_plan_order (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  g_autoptr(WmProposal) convert =
    building_proposal ("p-convert", WM_PROPOSAL_CONVERT_TENURE, "h", 2030,
                       (WmDwellingMix) { { -4, 0, 0, 0, 4 } });
  g_autoptr(WmProposal) demolish =
    building_proposal ("p-demolish", WM_PROPOSAL_DEMOLISH, "h", 2027,
                       (WmDwellingMix) { { -6, -4, 0, 0, 0 } });
  g_autoptr(WmProposal) later = NULL;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GError) error = NULL;
  WmProjectedBuilding *entry;
  WmDwellingMix mix;
  gboolean demolished;

  add_area (plan, "A", 0);
  add_building (plan, "h", 100, 100, 6, 4, 0, 0, 0);
  add_building (plan, "k", 300, 100, 2, 0, 0, 0, 0);
  wm_scenario_add_proposal (scenario, convert);
  wm_scenario_add_proposal (scenario, demolish);

  order = wm_projection_order (wm_scenario_get_proposals (scenario));
  g_assert_cmpuint (order->len, ==, 2);
  g_assert_true (g_ptr_array_index (order, 0) == demolish);
  g_assert_true (g_ptr_array_index (order, 1) == convert);

  /* Validation: the demolition is valid in its place (the building still has its baseline),
   * the conversion is not (the building is gone by 2030). In list order it was the reverse. */
  g_assert_true (wm_proposal_factory_validate (plan, scenario, 1, demolish, &error));
  g_assert_no_error (error);
  g_assert_false (wm_proposal_factory_validate (plan, scenario, 0, convert, &error));
  g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_DEMOLISHED);
  g_clear_error (&error);

  /* Projection: before the demolition, the baseline; before the conversion, demolished. */
  mix = wm_projected_building_dwellings (plan, scenario, 1, "h", &demolished);
  g_assert_false (demolished);
  g_assert_cmpint (mix.counts[0], ==, 6);
  g_assert_cmpint (mix.counts[1], ==, 4);
  mix = wm_projected_building_dwellings (plan, scenario, 0, "h", &demolished);
  g_assert_true (demolished);
  g_assert_cmpint (wm_dwelling_mix_total (&mix), ==, 0);
  /* After the plan (the tile renderer's table): demolished, nothing converted. */
  table = wm_projected_building_table (plan, scenario);
  entry = g_hash_table_lookup (table, "h");
  g_assert_nonnull (entry);
  g_assert_true (entry->demolished);
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    g_assert_cmpint (entry->dwellings.counts[s], ==, 0);

  /* The engine agrees: the area keeps only the other building's dwellings, and in no
   * segment a remnant of the conversion. */
  engine = wm_indicator_engine_new (plan, scenario);
  assert_value (engine, "dwellings", "A", P, 2);
  assert_value (engine, "dwellings.social_rent", "A", P, 2);
  assert_value (engine, "dwellings.owner_expensive", "A", P, 0);

  /* A new proposal validated for the end of the list takes its place by its year: converting
   * in 2025 comes before the 2027 demolition, so it is valid, and it changes nothing after
   * the plan. */
  later = building_proposal ("p-early", WM_PROPOSAL_CONVERT_TENURE, "h", 2025,
                             (WmDwellingMix) { { -4, 0, 0, 0, 4 } });
  g_assert_true (wm_proposal_factory_validate (plan, scenario, WM_PROJECTED_ALL, later, &error));
  g_assert_no_error (error);
  wm_scenario_add_proposal (scenario, later);
  assert_value (engine, "dwellings", "A", P, 2);
  assert_value (engine, "dwellings.owner_expensive", "A", P, 0);
  /* Undoing the demolition brings back the building with both conversions. */
  wm_scenario_remove_proposal (scenario, demolish);
  assert_value (engine, "dwellings", "A", P, 12);
  assert_value (engine, "dwellings.social_rent", "A", P, 0);
  assert_value (engine, "dwellings.owner_expensive", "A", P, 8);
  {
    g_autoptr(WmIndicatorEngine) fresh = wm_indicator_engine_new (plan, scenario);

    assert_value (fresh, "dwellings.owner_expensive", "A", P, 8);
  }
  wm_scenario_add_proposal (scenario, demolish);
  assert_value (engine, "dwellings", "A", P, 2);
  assert_value (engine, "dwellings.owner_expensive", "A", P, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/indicators/baseline", test_baseline);
  g_test_add_func ("/indicators/plan-order", test_plan_order);
  g_test_add_func ("/indicators/proposals", test_proposals);
  g_test_add_func ("/indicators/all-demolished", test_all_demolished);
  g_test_add_func ("/indicators/scenario-switch", test_scenario_switch);
  g_test_add_func ("/indicators/meeting-place-garden", test_meeting_place_garden);
  g_test_add_func ("/indicators/green-rule", test_green_rule);
  g_test_add_func ("/indicators/returners", test_returners);
  g_test_add_func ("/indicators/rehouse-order", test_rehouse_order);
  g_test_add_func ("/indicators/property", test_property);
  g_test_add_func ("/indicators/contributions", test_contributions);
  g_test_add_func ("/indicators/dissimilarity-detail", test_dissimilarity_detail);
  g_test_add_func ("/indicators/json-round-trip", test_json_round_trip);
  g_test_add_func ("/indicators/json-errors", test_json_errors);
  g_test_add_func ("/indicators/green-polygon-reach", test_green_polygon_reach);
  g_test_add_func ("/indicators/targets", test_targets);
  g_test_add_func ("/indicators/target-bands", test_target_bands);
  g_test_add_func ("/indicators/target-presets", test_target_presets);
  g_test_add_func ("/indicators/target-one-sided-stock", test_target_one_sided_stock);

  return g_test_run ();
}
