/* test-scenario-comparison.c: the scenarios side by side equal per-scenario indicator runs */
#include "config.h"

#include <math.h>

#include "wm-checklist.h"
#include "wm-core.h"
#include "wm-demo.h"
#include "wm-proposal-factory.h"
#include "wm-proposal-json.h"
#include "wm-scenario-comparison.h"
#include "wm-test-util.h"

static void
add_conversion (WmPlan     *plan,
                WmScenario *scenario,
                const char *building,
                WmSegment   from,
                WmSegment   to,
                int         n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmProposal) p = wm_proposal_factory_convert_tenure (plan, scenario, building, from,
                                                                 to, n, 2030, &error);

  g_assert_no_error (error);
  wm_scenario_add_proposal (scenario, p);
}

static WmScenario *
add_scenario (WmPlan *plan, const char *id, const char *name)
{
  g_autoptr (WmScenario) scenario = wm_scenario_new (id, name);

  wm_plan_add_scenario (plan, scenario);
  return scenario;
}

static guint
count_active (WmChecklist *checklist)
{
  g_autoptr (GPtrArray) listed = wm_checklist_filter (checklist, NULL, -1);
  guint n = 0;

  for (guint i = 0; i < listed->len; i++)
    n += wm_checklist_item_get_active (g_ptr_array_index (listed, i));
  return n;
}

/* The same double, or both NaN. */
static void
assert_same (double a, double b, const char *what)
{
  if (isnan (a) && isnan (b))
    return;
  if (a != b)
    g_error ("%s: %.17g != %.17g", what, a, b);
}

/* Every value of @comparison equals a fresh engine's (and checklist's) for its scenario. */
static void
assert_equals_fresh_runs (WmPlan *plan, const WmScenarioComparison *comparison)
{
  for (guint s = 0; s < comparison->scenarios->len; s++)
    {
      const WmComparisonScenario *entry =
        &g_array_index (comparison->scenarios, WmComparisonScenario, s);
      g_autoptr (WmIndicatorEngine) engine = wm_indicator_engine_new (plan, entry->scenario);
      g_autoptr (WmChecklist) checklist = wm_checklist_new (engine, NULL);
      const char *const *keys = wm_indicator_engine_get_keys (engine, TRUE);

      g_test_message ("scenario %s", wm_scenario_get_name (entry->scenario));
      g_assert_cmpuint (g_strv_length ((GStrv) keys), ==, comparison->rows->len);
      g_assert_cmpuint (entry->n_checklist_items, ==, count_active (checklist));
      g_assert_cmpint (entry->households_to_rehouse, ==,
                       (gint64) wm_indicator_engine_get (engine, "households_to_rehouse", NULL,
                                                         WM_INDICATOR_PROJECTED));
      for (guint r = 0; keys[r] != NULL; r++)
        {
          const WmComparisonRow *row = &g_array_index (comparison->rows, WmComparisonRow, r);
          const WmComparisonCell *cell = &g_array_index (row->cells, WmComparisonCell, s);
          gboolean b_defined = wm_indicator_engine_is_defined (engine, keys[r], NULL,
                                                               WM_INDICATOR_BASELINE);
          gboolean p_defined = wm_indicator_engine_is_defined (engine, keys[r], NULL,
                                                               WM_INDICATOR_PROJECTED);
          double b = wm_indicator_engine_get (engine, keys[r], NULL, WM_INDICATOR_BASELINE);
          double p = wm_indicator_engine_get (engine, keys[r], NULL, WM_INDICATOR_PROJECTED);
          g_autofree char *label = wm_indicator_engine_get_label (engine, keys[r]);
          WmTargetBand band;
          WmTargetVerdict verdict;
          gboolean has_band = wm_indicator_engine_get_target (engine, keys[r], &band, &verdict);

          g_assert_cmpstr (row->key, ==, keys[r]);
          g_assert_cmpstr (row->label, ==, label);
          g_assert_cmpuint (row->cells->len, ==, comparison->scenarios->len);
          assert_same (row->baseline, b_defined ? b : NAN, keys[r]);
          assert_same (cell->value, p_defined ? p : NAN, keys[r]);
          assert_same (cell->difference, b_defined && p_defined ? p - b : NAN, keys[r]);
          g_assert_cmpint (row->has_band, ==, has_band);
          g_assert_cmpint (cell->verdict, ==, verdict);
        }
    }
}

/* The demo with the Haarwijk-like plan in its first scenario and a sale of social rent with
 * a demolition in a second one. */
static WmPlan *
make_demo_with_two_scenarios (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo",
                                                 "haarwijk-like.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr (GPtrArray) proposals = NULL;
  g_autoptr (WmProposal) demolish = NULL;
  const char *demolished[] = { "0228100000013167", NULL };
  WmPlan *plan = wm_demo_load (&error);
  WmScenario *first, *second;

  g_assert_no_error (error);
  first = wm_plan_get_active_scenario (plan);
  g_assert_true (g_file_get_contents (path, &json, NULL, &error));
  proposals = wm_proposals_from_json_data (json, -1, "haarwijk-like.json", plan, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < proposals->len; i++)
    wm_scenario_add_proposal (first, g_ptr_array_index (proposals, i));

  second = add_scenario (plan, "sale", "Verkoop");
  add_conversion (plan, second, "0228100000011457", WM_SEGMENT_SOCIAL_RENT,
                  WM_SEGMENT_OWNER_AFFORDABLE, 6);
  demolish = wm_proposal_factory_demolish (plan, second, demolished, 2028, &error);
  g_assert_no_error (error);
  wm_scenario_add_proposal (second, demolish);
  return plan;
}

static void
test_demo_equals_fresh_engines (void)
{
  g_autoptr (WmPlan) plan = make_demo_with_two_scenarios ();
  g_autoptr (WmScenarioComparison) all = wm_scenario_comparison_new (plan, NULL, 0, NULL);
  GListModel *scenarios = wm_plan_get_scenarios (plan);
  g_autoptr (WmScenario) first = g_list_model_get_item (scenarios, 0);
  g_autoptr (WmScenario) second = g_list_model_get_item (scenarios, 1);
  /* Back and forth: the engine switches by deltas each time. */
  WmScenario *order[] = { second, first, second, first };
  g_autoptr (WmScenarioComparison) switched =
    wm_scenario_comparison_new (plan, order, G_N_ELEMENTS (order), NULL);
  const WmComparisonScenario *a, *b;

  g_assert_cmpuint (all->scenarios->len, ==, 2);
  a = &g_array_index (all->scenarios, WmComparisonScenario, 0);
  b = &g_array_index (all->scenarios, WmComparisonScenario, 1);
  g_assert_true (a->scenario == first);
  g_assert_true (b->scenario == second);
  /* The two differ, so a value taken from the wrong scenario shows. */
  g_assert_cmpint (a->households_to_rehouse, ==, 31);
  g_assert_cmpint (b->households_to_rehouse, !=, a->households_to_rehouse);
  g_assert_cmpuint (a->n_checklist_items, >, 0);
  g_assert_cmpuint (a->n_checklist_items, !=, b->n_checklist_items);

  assert_equals_fresh_runs (plan, all);
  assert_equals_fresh_runs (plan, switched);
}

/* One building of 50 social rent and one of 50 expensive owner-occupied homes (50 % social
 * rent), a band of 30–45 % social rent, and scenarios that convert social rent into mid-rent. */
typedef struct
{
  WmPlan *plan;
  WmScenario *inside;  /* 40 % */
  WmScenario *below;   /* 20 %: 0.10 below */
  WmScenario *above;   /* 48 %: 0.03 above */
  WmScenario *inside2; /* 40 % too */
} BandFixture;

static void
band_fixture_set_up (BandFixture *f, gconstpointer data)
{
  WmTargetBand band = { 0.30, 0.45 };

  f->plan = wm_plan_new ();
  wm_test_add_building (f->plan, "social", 0, 0, WM_SEGMENT_SOCIAL_RENT, 50);
  wm_test_add_building (f->plan, "owned", 100, 0, WM_SEGMENT_OWNER_EXPENSIVE, 50);
  wm_targets_set_band (wm_targets_get_for_plan (f->plan), "share.social_rent", &band);
  f->inside = wm_plan_get_active_scenario (f->plan);
  f->below = add_scenario (f->plan, "below", "Below");
  f->above = add_scenario (f->plan, "above", "Above");
  f->inside2 = add_scenario (f->plan, "inside2", "Inside too");
  add_conversion (f->plan, f->inside, "social", WM_SEGMENT_SOCIAL_RENT, WM_SEGMENT_MID_RENT, 10);
  add_conversion (f->plan, f->below, "social", WM_SEGMENT_SOCIAL_RENT, WM_SEGMENT_MID_RENT, 30);
  add_conversion (f->plan, f->above, "social", WM_SEGMENT_SOCIAL_RENT, WM_SEGMENT_MID_RENT, 2);
  add_conversion (f->plan, f->inside2, "social", WM_SEGMENT_SOCIAL_RENT, WM_SEGMENT_MID_RENT,
                  10);
}

static void
band_fixture_tear_down (BandFixture *f, gconstpointer data)
{
  g_object_unref (f->plan);
}

/* The best marks of @key's row, one character per scenario ('*' best, '.' not). */
static char *
best_marks (const WmScenarioComparison *comparison, const char *key)
{
  const WmComparisonRow *row = wm_scenario_comparison_find_row (comparison, key);
  GString *marks = g_string_new (NULL);

  g_assert_nonnull (row);
  for (guint i = 0; i < row->cells->len; i++)
    g_string_append_c (marks, g_array_index (row->cells, WmComparisonCell, i).best ? '*' : '.');
  return g_string_free (marks, FALSE);
}

static char *
compare_marks (BandFixture *f, const char *key, WmScenario *s0, WmScenario *s1, WmScenario *s2)
{
  WmScenario *list[] = { s0, s1, s2 };
  guint n = s2 != NULL ? 3 : 2;
  g_autoptr (WmScenarioComparison) c = wm_scenario_comparison_new (f->plan, list, n, NULL);

  assert_equals_fresh_runs (f->plan, c);
  return best_marks (c, key);
}

static void
test_best_follows_band (BandFixture *f, gconstpointer data)
{
  g_autofree char *m1 = compare_marks (f, "share.social_rent", f->below, f->inside, f->above);
  g_autofree char *m2 = compare_marks (f, "share.social_rent", f->below, f->above, NULL);
  g_autofree char *m3 = compare_marks (f, "share.social_rent", f->above, f->below, NULL);
  g_autofree char *m4 = compare_marks (f, "share.social_rent", f->inside, f->below, f->inside2);
  g_autofree char *m5 = compare_marks (f, "share.social_rent", f->inside, f->inside2, NULL);
  g_autoptr (WmScenarioComparison) c =
    wm_scenario_comparison_new (f->plan, (WmScenario *[]){ f->inside, f->below }, 2, NULL);
  const WmComparisonRow *row = wm_scenario_comparison_find_row (c, "share.social_rent");

  g_assert_true (row->has_band);
  g_assert_cmpint (g_array_index (row->cells, WmComparisonCell, 0).verdict, ==,
                   WM_TARGET_VERDICT_WITHIN);
  g_assert_cmpint (g_array_index (row->cells, WmComparisonCell, 1).verdict, ==,
                   WM_TARGET_VERDICT_BELOW_MINIMUM);
  g_assert_cmpfloat_with_epsilon (g_array_index (row->cells, WmComparisonCell, 1).difference,
                                  -0.30, 1e-12);

  /* Inside beats outside; of two outside, the closer one (0.03 above against 0.10 below). */
  g_assert_cmpstr (m1, ==, ".*.");
  g_assert_cmpstr (m2, ==, ".*");
  g_assert_cmpstr (m3, ==, "*.");
  /* Two inside are both best; all at the same distance: none. */
  g_assert_cmpstr (m4, ==, "*.*");
  g_assert_cmpstr (m5, ==, "..");
}

static void
test_no_best_without_band (BandFixture *f, gconstpointer data)
{
  g_autoptr (WmScenarioComparison) c = wm_scenario_comparison_new (f->plan, NULL, 0, NULL);
  g_autofree char *mid = best_marks (c, "share.mid_rent");
  g_autofree char *count = best_marks (c, "dwellings.social_rent");
  g_autofree char *new_build = best_marks (c, "new_build_affordable_share");
  const WmComparisonRow *row = wm_scenario_comparison_find_row (c, "share.mid_rent");
  const WmComparisonRow *nb = wm_scenario_comparison_find_row (c, "new_build_affordable_share");

  g_assert_false (row->has_band);
  g_assert_true (isnan (row->band.min) && isnan (row->band.max));
  g_assert_cmpstr (mid, ==, "....");
  g_assert_cmpstr (count, ==, "....");
  /* A band, but no new build to judge. */
  g_assert_true (nb->has_band);
  g_assert_cmpint (g_array_index (nb->cells, WmComparisonCell, 0).verdict, ==,
                   WM_TARGET_VERDICT_NONE);
  g_assert_cmpstr (new_build, ==, "....");
  g_assert_null (wm_scenario_comparison_find_row (c, "no.such.key"));
}

static void
test_band_distance (void)
{
  WmTargetBand both = { 0.3, 0.5 }, min_only = { 0.3, NAN }, max_only = { NAN, 0.5 };

  g_assert_cmpfloat_with_epsilon (wm_scenario_comparison_band_distance (&both, 0.2), 0.1, 1e-12);
  g_assert_cmpfloat (wm_scenario_comparison_band_distance (&both, 0.3), ==, 0.0);
  g_assert_cmpfloat (wm_scenario_comparison_band_distance (&both, 0.5), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (wm_scenario_comparison_band_distance (&both, 0.7), 0.2, 1e-12);
  g_assert_cmpfloat (wm_scenario_comparison_band_distance (&min_only, 0.9), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (wm_scenario_comparison_band_distance (&max_only, 0.9), 0.4,
                                  1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add_func ("/scenario-comparison/demo-equals-fresh-engines",
                   test_demo_equals_fresh_engines);
  g_test_add ("/scenario-comparison/best-follows-band", BandFixture, NULL, band_fixture_set_up,
              test_best_follows_band, band_fixture_tear_down);
  g_test_add ("/scenario-comparison/no-best-without-band", BandFixture, NULL,
              band_fixture_set_up, test_no_best_without_band, band_fixture_tear_down);
  g_test_add_func ("/scenario-comparison/band-distance", test_band_distance);
  return g_test_run ();
}
