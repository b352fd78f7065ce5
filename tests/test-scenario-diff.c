/* test-scenario-diff.c: proposals matched by content between two scenarios, and the
 * indicators that move most between them */
#include "config.h"

#include <math.h>

#include "wm-core.h"
#include "wm-demo.h"
#include "wm-history.h"
#include "wm-proposal-factory.h"
#include "wm-proposal-json.h"
#include "wm-scenario-diff.h"
#include "wm-test-util.h"

/* The demo with the Haarwijk-like plan (two demolitions, two new builds, a shared garden) as
 * its active scenario. */
static WmPlan *
make_demo_plan (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo",
                                                 "haarwijk-like.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr (GPtrArray) proposals = NULL;
  WmPlan *plan = wm_demo_load (&error);
  WmScenario *first;

  g_assert_no_error (error);
  first = wm_plan_get_active_scenario (plan);
  g_assert_true (g_file_get_contents (path, &json, NULL, &error));
  proposals = wm_proposals_from_json_data (json, -1, "haarwijk-like.json", plan, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < proposals->len; i++)
    wm_scenario_add_proposal (first, g_ptr_array_index (proposals, i));
  return plan;
}

static WmProposal *
find_by_name (WmScenario *scenario, const char *name)
{
  GListModel *proposals = wm_scenario_get_proposals (scenario);

  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (WmProposal) p = g_list_model_get_item (proposals, i);

      if (g_strcmp0 (wm_proposal_get_name (p), name) == 0)
        return p; /* the scenario holds it */
    }
  g_error ("no proposal “%s”", name);
  return NULL;
}

static void
test_duplicate_unchanged (void)
{
  g_autoptr (WmPlan) plan = make_demo_plan ();
  g_autoptr (WmHistory) history = wm_history_new (plan);
  WmScenario *a = wm_plan_get_active_scenario (plan);
  g_autoptr (GError) error = NULL;
  WmScenario *b = wm_history_duplicate_scenario (history, a, "Kopie", FALSE, &error);
  g_autoptr (WmScenarioDiff) diff = NULL;
  g_autoptr (WmScenarioDiff) self_diff = NULL;

  g_assert_no_error (error);
  /* New ids: a match by id would find nothing in common. */
  g_assert_cmpstr (wm_proposal_get_id (find_by_name (a, "Hofblok A")), !=,
                   wm_proposal_get_id (find_by_name (b, "Hofblok A")));
  diff = wm_scenario_diff_new (a, b);
  g_assert_true (wm_scenario_diff_is_empty (diff));
  g_assert_cmpuint (diff->n_equal, ==, 5);
  self_diff = wm_scenario_diff_new (a, a);
  g_assert_true (wm_scenario_diff_is_empty (self_diff));
  g_assert_cmpuint (self_diff->n_equal, ==, 5);
}

static void
test_duplicate_edit_one (void)
{
  g_autoptr (WmPlan) plan = make_demo_plan ();
  g_autoptr (WmHistory) history = wm_history_new (plan);
  WmScenario *a = wm_plan_get_active_scenario (plan);
  g_autoptr (GError) error = NULL;
  WmScenario *b = wm_history_duplicate_scenario (history, a, "Meer sociaal", FALSE, &error);
  WmProposal *edited, *original;
  WmDwellingMix mix;
  g_autoptr (WmScenarioDiff) diff = NULL;
  g_autoptr (WmScenarioDiff) back = NULL;
  const WmProposalPair *pair;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  edited = find_by_name (b, "Hofblok A");
  original = find_by_name (a, "Hofblok A");
  mix = *wm_proposal_get_dwelling_delta (edited);
  mix.counts[WM_SEGMENT_SOCIAL_RENT] += 4;  /* 8 -> 12 */
  mix.counts[WM_SEGMENT_MID_RENT] -= 4;     /* 6 -> 2 */
  g_assert_true (wm_history_set_proposal_delta (history, edited, &mix, &error));
  g_assert_no_error (error);
  g_assert_true (wm_history_set_proposal_year (history, edited, 2031, &error));
  g_assert_no_error (error);

  diff = wm_scenario_diff_new (a, b);
  g_assert_cmpuint (diff->only_a->len, ==, 0);
  g_assert_cmpuint (diff->only_b->len, ==, 0);
  g_assert_cmpuint (diff->n_equal, ==, 4);
  g_assert_cmpuint (diff->changed->len, ==, 1);
  pair = &g_array_index (diff->changed, WmProposalPair, 0);
  g_assert_true (pair->a == original);
  g_assert_true (pair->b == edited);
  g_assert_cmpint (pair->fields, ==, WM_PROPOSAL_FIELD_DWELLINGS | WM_PROPOSAL_FIELD_YEAR);
  text = wm_proposal_describe_change (pair->a, pair->b, pair->fields);
  g_assert_nonnull (strstr (text, "8 → 12"));
  g_assert_nonnull (strstr (text, "6 → 2"));
  g_assert_nonnull (strstr (text, "2029 → 2031"));
  /* Owner-occupied did not change: not named. */
  g_assert_null (strstr (text, "4 → 4"));

  /* The other way round: the same pair, the other way. */
  back = wm_scenario_diff_new (b, a);
  g_assert_cmpuint (back->changed->len, ==, 1);
  g_assert_true (g_array_index (back->changed, WmProposalPair, 0).a == edited);
  g_assert_cmpuint (back->only_a->len + back->only_b->len, ==, 0);
}

static void
test_duplicate_add_one (void)
{
  g_autoptr (WmPlan) plan = make_demo_plan ();
  g_autoptr (WmHistory) history = wm_history_new (plan);
  WmScenario *a = wm_plan_get_active_scenario (plan);
  g_autoptr (GError) error = NULL;
  WmScenario *b = wm_history_duplicate_scenario (history, a, "Met speelplek", FALSE, &error);
  g_autoptr (WmProposal) playground = NULL;
  g_autoptr (WmScenarioDiff) diff = NULL;

  g_assert_no_error (error);
  playground = wm_proposal_factory_add_facility (plan, b, WM_FACILITY_PLAYGROUND, 181600, 457700,
                                                 "Speelplek", 2028, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (history, b, playground, -1, &error));
  g_assert_no_error (error);

  diff = wm_scenario_diff_new (a, b);
  g_assert_cmpuint (diff->only_a->len, ==, 0);
  g_assert_cmpuint (diff->changed->len, ==, 0);
  g_assert_cmpuint (diff->n_equal, ==, 5);
  g_assert_cmpuint (diff->only_b->len, ==, 1);
  g_assert_true (g_ptr_array_index (diff->only_b, 0) == playground);
  g_assert_false (wm_scenario_diff_is_empty (diff));
}

static WmProposal *
playground_at (const char *id, double x, double y, int year)
{
  WmProposal *p = wm_proposal_new (id, WM_PROPOSAL_ADD_FACILITY);
  g_autoptr (WmGeometry) point = wm_geometry_new_point (x, y);

  wm_proposal_set_geometry (p, point);
  wm_proposal_set_facility_type (p, WM_FACILITY_PLAYGROUND);
  wm_proposal_set_name (p, "Speelplek");
  wm_proposal_set_year (p, year);
  return p;
}

static WmProposal *
demolition_of (const char *id, const char *building, int year)
{
  WmProposal *p = wm_proposal_new (id, WM_PROPOSAL_DEMOLISH);
  const char *ids[] = { building, NULL };
  WmDwellingMix mix = { { -10, 0, 0, 0, 0 } };

  wm_proposal_set_building_ids (p, ids);
  wm_proposal_set_dwelling_delta (p, &mix);
  wm_proposal_set_year (p, year);
  return p;
}

static void
add (WmScenario *scenario, WmProposal *proposal)
{
  wm_scenario_add_proposal (scenario, proposal);
  g_object_unref (proposal);
}

/* Two identical proposals in A and one in B leave one only in A; a moved facility is another
 * change, not the same one edited. */
static void
test_multiset (void)
{
  g_autoptr (WmScenario) a = wm_scenario_new ("a", "A");
  g_autoptr (WmScenario) b = wm_scenario_new ("b", "B");
  g_autoptr (WmScenarioDiff) diff = NULL;

  add (a, playground_at ("a1", 100, 100, 2028));
  add (a, playground_at ("a2", 100, 100, 2028));
  add (a, playground_at ("a3", 300, 300, 2028));
  add (b, playground_at ("b1", 100, 100, 2028));
  add (b, playground_at ("b2", 300.5, 300, 2028));
  /* -0.0 equals 0.0: the same place. */
  add (a, playground_at ("a4", -0.0, 50, 2030));
  add (b, playground_at ("b3", 0.0, 50, 2030));

  diff = wm_scenario_diff_new (a, b);
  g_assert_cmpuint (diff->n_equal, ==, 2);
  g_assert_cmpuint (diff->changed->len, ==, 0);
  g_assert_cmpuint (diff->only_a->len, ==, 2);
  g_assert_cmpstr (wm_proposal_get_id (g_ptr_array_index (diff->only_a, 0)), ==, "a2");
  g_assert_cmpstr (wm_proposal_get_id (g_ptr_array_index (diff->only_a, 1)), ==, "a3");
  g_assert_cmpuint (diff->only_b->len, ==, 1);
  g_assert_cmpstr (wm_proposal_get_id (g_ptr_array_index (diff->only_b, 0)), ==, "b2");
}

/* An equal copy is matched before an edited one, whatever the order; of two edited ones the
 * nearer pairs up. */
static void
test_pairing (void)
{
  g_autoptr (WmScenario) a = wm_scenario_new ("a", "A");
  g_autoptr (WmScenario) b = wm_scenario_new ("b", "B");
  g_autoptr (WmScenarioDiff) diff = NULL;
  WmProposal *far;
  const WmProposalPair *pair;

  add (a, demolition_of ("a1", "x", 2027));
  add (a, demolition_of ("a2", "y", 2027));
  add (b, demolition_of ("b1", "x", 2029)); /* a1 edited */
  add (b, demolition_of ("b2", "x", 2027)); /* equal to a1 */
  far = demolition_of ("b3", "y", 2030);
  wm_proposal_set_name (far, "Elders");
  add (b, far);                              /* a2 with year and name */
  add (b, demolition_of ("b4", "y", 2031)); /* a2 with year only: nearer */

  diff = wm_scenario_diff_new (a, b);
  g_assert_cmpuint (diff->n_equal, ==, 1);
  g_assert_cmpuint (diff->changed->len, ==, 1);
  pair = &g_array_index (diff->changed, WmProposalPair, 0);
  g_assert_cmpstr (wm_proposal_get_id (pair->a), ==, "a2");
  g_assert_cmpstr (wm_proposal_get_id (pair->b), ==, "b4");
  g_assert_cmpint (pair->fields, ==, WM_PROPOSAL_FIELD_YEAR);
  g_assert_cmpuint (diff->only_a->len, ==, 0);
  g_assert_cmpuint (diff->only_b->len, ==, 2);
  g_assert_cmpstr (wm_proposal_get_id (g_ptr_array_index (diff->only_b, 0)), ==, "b1");
  g_assert_cmpstr (wm_proposal_get_id (g_ptr_array_index (diff->only_b, 1)), ==, "b3");
}

static void
test_fields (void)
{
  g_autoptr (WmProposal) p = playground_at ("p", 10, 10, 2028);
  g_autoptr (WmProposal) q = playground_at ("q", 10, 10, 0);
  g_autofree char *text = NULL;

  g_assert_true (wm_proposal_same_change (p, q));
  wm_proposal_set_facility_type (q, WM_FACILITY_SHARED_GARDEN);
  wm_proposal_set_note (q, "met bewoners");
  wm_proposal_set_note (p, "");
  g_assert_cmpint (wm_proposal_diff_fields (p, q), ==,
                   WM_PROPOSAL_FIELD_YEAR | WM_PROPOSAL_FIELD_FACILITY_TYPE
                     | WM_PROPOSAL_FIELD_NOTE);
  text = wm_proposal_describe_change (p, q, wm_proposal_diff_fields (p, q));
  g_assert_cmpstr (text, ==, "year 2028 → no year; facility Playground → Shared garden; "
                             "note changed");
  /* No note and an empty note are the same. */
  wm_proposal_set_note (q, NULL);
  g_assert_false (wm_proposal_diff_fields (p, q) & WM_PROPOSAL_FIELD_NOTE);
  /* Another kind is never the same change. */
  {
    g_autoptr (WmProposal) r = wm_proposal_new ("r", WM_PROPOSAL_REMOVE_FACILITY);

    g_assert_false (wm_proposal_same_change (p, r));
  }
}

/* Ranking */

static void
test_move_size (void)
{
  g_assert_cmpfloat_with_epsilon (wm_scenario_diff_move_size ("share.social_rent", 0.30, 0.345),
                                  4.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (wm_scenario_diff_move_size ("diversity", 0.62, 0.60), 2.0,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (wm_scenario_diff_move_size ("dwellings", 200, 230), 15.0,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (wm_scenario_diff_move_size ("dwellings", 230, 200),
                                  100.0 * 30 / 230, 1e-9);
  g_assert_cmpfloat (wm_scenario_diff_move_size ("households_to_rehouse", 0, 12), ==, 100.0);
  g_assert_cmpfloat (wm_scenario_diff_move_size ("households_to_rehouse", 0, 0), ==, 0.0);
  g_assert_true (isnan (wm_scenario_diff_move_size ("newcomer_share", NAN, 0.1)));
  g_assert_true (isnan (wm_scenario_diff_move_size ("dwellings", 5, NAN)));
  g_assert_cmpint (wm_indicator_key_scale ("coverage.playground"), ==, WM_INDICATOR_SCALE_SHARE);
  g_assert_cmpint (wm_indicator_key_scale ("new_build_affordable_share"), ==,
                   WM_INDICATOR_SCALE_SHARE);
  g_assert_cmpint (wm_indicator_key_scale ("dissimilarity_social.grid_250m"), ==,
                   WM_INDICATOR_SCALE_INDEX);
  g_assert_cmpint (wm_indicator_key_scale ("dwellings.social_rent"), ==,
                   WM_INDICATOR_SCALE_COUNT);
}

static void
clear_fixture_row (gpointer data)
{
  WmComparisonRow *row = data;

  g_free (row->key);
  g_free (row->label);
  g_array_unref (row->cells);
}

static void
clear_fixture_scenario (gpointer data)
{
  g_clear_object (&((WmComparisonScenario *) data)->scenario);
}

/* A comparison of three scenarios with known values, as wm_scenario_comparison_new() would
 * give them. */
static WmScenarioComparison *
make_fixture (void)
{
  static const struct
  {
    const char *key;
    double values[3];
  } rows[] = {
    { "dwellings", { 200, 230, 200 } },               /* 15 % */
    { "share.social_rent", { 0.30, 0.345, 0.30 } },   /* 4.5 points */
    { "diversity", { 0.60, 0.62, 0.60 } },            /* 2 points */
    { "coverage.playground", { 0.5, 0.5, 0.9 } },     /* no move A-B */
    { "newcomer_share", { NAN, 0.10, NAN } },         /* cannot be measured */
    { "residents", { 400, 392, 400 } },               /* 2 %, after diversity */
    { "households_to_rehouse", { 0, 12, 0 } },        /* from nothing: 100 */
  };
  WmScenarioComparison *c = g_new0 (WmScenarioComparison, 1);

  c->plan = wm_plan_new ();
  c->scenarios = g_array_new (FALSE, TRUE, sizeof (WmComparisonScenario));
  g_array_set_clear_func (c->scenarios, clear_fixture_scenario);
  c->rows = g_array_new (FALSE, TRUE, sizeof (WmComparisonRow));
  g_array_set_clear_func (c->rows, clear_fixture_row);
  for (guint s = 0; s < 3; s++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", s);
      WmComparisonScenario entry = { wm_scenario_new (id, id), 0, 0 };

      g_array_append_val (c->scenarios, entry);
    }
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      WmComparisonRow row = { g_strdup (rows[r].key), g_strdup (rows[r].key), rows[r].values[0] };

      row.band.min = row.band.max = NAN;
      row.cells = g_array_new (FALSE, TRUE, sizeof (WmComparisonCell));
      for (guint s = 0; s < 3; s++)
        {
          WmComparisonCell cell = { rows[r].values[s], rows[r].values[s] - row.baseline };

          g_array_append_val (row.cells, cell);
        }
      g_array_append_val (c->rows, row);
    }
  return c;
}

static char *
ranked_keys (GArray *moves)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();

  for (guint i = 0; i < moves->len; i++)
    g_ptr_array_add (keys, g_array_index (moves, WmIndicatorMove, i).row->key);
  g_ptr_array_add (keys, NULL);
  return g_strjoinv (" ", (char **) keys->pdata);
}

static void
test_ranking_fixture (void)
{
  g_autoptr (WmScenarioComparison) c = make_fixture ();
  g_autoptr (GArray) ab = wm_scenario_diff_rank_indicators (c, 0, 1);
  g_autoptr (GArray) top = wm_scenario_diff_top_indicators (c, 0, 1, 3);
  g_autoptr (GArray) ac = wm_scenario_diff_rank_indicators (c, 0, 2);
  g_autoptr (GArray) same = wm_scenario_diff_rank_indicators (c, 0, 0);
  g_autoptr (GArray) many = wm_scenario_diff_top_indicators (c, 0, 1, 50);
  g_autofree char *ab_keys = ranked_keys (ab);
  g_autofree char *top_keys = ranked_keys (top);
  g_autofree char *ac_keys = ranked_keys (ac);
  const WmIndicatorMove *first = &g_array_index (ab, WmIndicatorMove, 0);
  const WmIndicatorMove *share = &g_array_index (ab, WmIndicatorMove, 2);

  g_assert_cmpstr (ab_keys, ==,
                   "households_to_rehouse dwellings share.social_rent diversity residents");
  g_assert_cmpstr (top_keys, ==, "households_to_rehouse dwellings share.social_rent");
  g_assert_cmpuint (many->len, ==, ab->len);
  g_assert_cmpstr (ac_keys, ==, "coverage.playground");
  g_assert_cmpuint (same->len, ==, 0);

  g_assert_cmpfloat (first->value_a, ==, 0);
  g_assert_cmpfloat (first->value_b, ==, 12);
  g_assert_cmpfloat (first->difference, ==, 12);
  g_assert_cmpfloat (first->size, ==, 100);
  g_assert_cmpfloat_with_epsilon (share->size, 4.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (share->difference, 0.045, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (ab, WmIndicatorMove, 1).size, 15.0, 1e-9);
  /* Diversity (2 points) and residents (2 %) tie: the rows' order decides. */
  g_assert_cmpfloat_with_epsilon (g_array_index (ab, WmIndicatorMove, 3).size,
                                  g_array_index (ab, WmIndicatorMove, 4).size, 1e-9);
}

/* On the demo: the ranking of two real scenarios is sorted and made of their cells. */
static void
test_ranking_demo (void)
{
  g_autoptr (WmPlan) plan = make_demo_plan ();
  g_autoptr (WmHistory) history = wm_history_new (plan);
  WmScenario *a = wm_plan_get_active_scenario (plan);
  g_autoptr (GError) error = NULL;
  WmScenario *b = wm_history_duplicate_scenario (history, a, "Zonder zuid", FALSE, &error);
  g_autoptr (WmScenarioComparison) c = NULL;
  g_autoptr (GArray) top = NULL;
  WmScenario *both[2];

  g_assert_no_error (error);
  /* Hofblok B needs no demolition; dropping the south one changes the mix. */
  g_assert_true (wm_history_remove_proposal (history, find_by_name (b, "Sloop portiekflat zuid")));
  both[0] = a;
  both[1] = b;
  c = wm_scenario_comparison_new (plan, both, 2, NULL);
  top = wm_scenario_diff_top_indicators (c, 0, 1, 5);
  g_assert_cmpuint (top->len, ==, 5);
  for (guint i = 0; i < top->len; i++)
    {
      const WmIndicatorMove *m = &g_array_index (top, WmIndicatorMove, i);
      const WmComparisonCell *ca = &g_array_index (m->row->cells, WmComparisonCell, 0);
      const WmComparisonCell *cb = &g_array_index (m->row->cells, WmComparisonCell, 1);

      g_assert_cmpfloat (m->value_a, ==, ca->value);
      g_assert_cmpfloat (m->value_b, ==, cb->value);
      g_assert_cmpfloat (m->size, ==, wm_scenario_diff_move_size (m->row->key, ca->value,
                                                                   cb->value));
      g_assert_cmpfloat (m->size, >, 0);
      if (i > 0)
        g_assert_cmpfloat (m->size, <=, g_array_index (top, WmIndicatorMove, i - 1).size);
    }
  /* The south block's households stay: the rehousing count moves. */
  {
    const WmComparisonRow *row = wm_scenario_comparison_find_row (c, "households_to_rehouse");
    g_autoptr (GArray) all = wm_scenario_diff_rank_indicators (c, 0, 1);
    gboolean found = FALSE;

    g_assert_nonnull (row);
    for (guint i = 0; i < all->len; i++)
      found |= g_array_index (all, WmIndicatorMove, i).row == row;
    g_assert_true (found);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add_func ("/scenario-diff/duplicate-unchanged", test_duplicate_unchanged);
  g_test_add_func ("/scenario-diff/duplicate-edit-one", test_duplicate_edit_one);
  g_test_add_func ("/scenario-diff/duplicate-add-one", test_duplicate_add_one);
  g_test_add_func ("/scenario-diff/multiset", test_multiset);
  g_test_add_func ("/scenario-diff/pairing", test_pairing);
  g_test_add_func ("/scenario-diff/fields", test_fields);
  g_test_add_func ("/scenario-diff/move-size", test_move_size);
  g_test_add_func ("/scenario-diff/ranking-fixture", test_ranking_fixture);
  g_test_add_func ("/scenario-diff/ranking-demo", test_ranking_demo);
  return g_test_run ();
}
