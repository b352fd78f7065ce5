/* test-rehousing-balance.c: households that must move against the social-rent homes completed,
 * year by year (wm-rehousing-balance.h), on plans counted by hand */
#include "config.h"

#include "wm-core.h"
#include "wm-indicator-engine.h"
#include "wm-rehousing-balance.h"
#include "wm-test-util.h"

static WmProposal *
add_proposal (WmPlan         *plan,
              const char     *id,
              WmProposalKind  kind,
              const char     *building_id,
              int             social_rent,
              int             other,
              int             start_year,
              int             year)
{
  g_autoptr (WmProposal) p = wm_proposal_new (id, kind);
  WmDwellingMix delta = { { 0 } };

  delta.counts[WM_SEGMENT_SOCIAL_RENT] = social_rent;
  delta.counts[kind == WM_PROPOSAL_CONVERT_TENURE ? WM_SEGMENT_OWNER_AFFORDABLE
                                                  : WM_SEGMENT_MID_RENT] = other;
  if (building_id != NULL)
    wm_proposal_set_building_ids (p, (const char *const[]) { building_id, NULL });
  else
    {
      static int n;
      g_autoptr (WmGeometry) footprint = wm_test_square (500 + 40 * n++, 500, 25);

      wm_proposal_set_geometry (p, footprint);
    }
  wm_proposal_set_dwelling_delta (p, &delta);
  wm_proposal_set_start_year (p, start_year);
  wm_proposal_set_year (p, year);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), p);
  return p; /* the scenario keeps it */
}

static void
assert_year (const WmRehousingBalance *balance,
             int                       year,
             gint64                    moving,
             gint64                    completed,
             gint64                    moving_total,
             gint64                    completed_total,
             gint64                    shortfall)
{
  const WmRehousingYear *y = wm_rehousing_balance_get_year (balance, year);

  g_assert_nonnull (y);
  g_assert_cmpint (y->year, ==, year);
  g_assert_cmpint (y->moving, ==, moving);
  g_assert_cmpint (y->completed, ==, completed);
  g_assert_cmpint (y->moving_total, ==, moving_total);
  g_assert_cmpint (y->completed_total, ==, completed_total);
  g_assert_cmpint (y->shortfall, ==, shortfall);
}

/* The hand count. Buildings: b1 40 social rent, b2 20 social rent, b3 an empty shop, b4 5
 * social rent, b5 8 social rent.
 *   A  demolition of b1 (40 social rent), start 2026, completed 2026: 40 move in 2026
 *   B  new build of 24 social rent + 10 mid rent, start 2027, completed 2028: 24 homes in 2028
 *   C  demolition of b2 (20 social rent), start 2027, completed 2029: 20 move in 2027
 *   H  new build of 12 social rent, completed 2029 (no start): 12 homes in 2029
 *   D  transformation of b3 into 30 social rent + 6 mid rent, completed 2030: 30 homes in 2030
 *   E  sale of 5 social rent of b4 (to owner-occupied), 2028: nobody moves, no home completed
 *   F  new build of 10 social rent without a year: 10 undated homes
 *   G  demolition of b5 (8 social rent) without a year, start 2027: 8 undated moves
 * Range 2026 (A's start) .. 2030 (D's completion).
 *   year  moving  completed  moving_total  completed_total  shortfall
 *   2026      40          0            40                0         40
 *   2027      20          0            60                0         60
 *   2028       0         24            60               24         36
 *   2029       0         12            60               36         24
 *   2030       0         30            60               66          0
 * 4 short years, the largest shortfall 60 in 2027. */
static void
test_hand_count (void)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  g_autoptr (WmIndicatorEngine) engine = NULL;
  g_autoptr (WmRehousingBalance) balance = NULL;
  g_autofree char *text = NULL;

  wm_test_add_building (plan, "b1", 0, 0, WM_SEGMENT_SOCIAL_RENT, 40);
  wm_test_add_building (plan, "b2", 50, 0, WM_SEGMENT_SOCIAL_RENT, 20);
  wm_test_add_building (plan, "b3", 100, 0, WM_SEGMENT_SOCIAL_RENT, 0);
  wm_test_add_building (plan, "b4", 150, 0, WM_SEGMENT_SOCIAL_RENT, 5);
  wm_test_add_building (plan, "b5", 200, 0, WM_SEGMENT_SOCIAL_RENT, 8);
  add_proposal (plan, "A", WM_PROPOSAL_DEMOLISH, "b1", -40, 0, 2026, 2026);
  add_proposal (plan, "B", WM_PROPOSAL_NEW_BUILD, NULL, 24, 10, 2027, 2028);
  add_proposal (plan, "C", WM_PROPOSAL_DEMOLISH, "b2", -20, 0, 2027, 2029);
  add_proposal (plan, "H", WM_PROPOSAL_NEW_BUILD, NULL, 12, 0, 0, 2029);
  add_proposal (plan, "D", WM_PROPOSAL_TRANSFORM, "b3", 30, 6, 0, 2030);
  add_proposal (plan, "E", WM_PROPOSAL_CONVERT_TENURE, "b4", -5, 5, 0, 2028);
  add_proposal (plan, "F", WM_PROPOSAL_NEW_BUILD, NULL, 10, 0, 0, 0);
  add_proposal (plan, "G", WM_PROPOSAL_DEMOLISH, "b5", -8, 0, 2027, 0);

  engine = wm_indicator_engine_new (plan, NULL);
  /* The engine's own count agrees with the hand count of who moves: 40 + 20 + 8. */
  g_assert_cmpfloat (wm_indicator_engine_get (engine, "households_to_rehouse", NULL,
                                              WM_INDICATOR_PROJECTED), ==, 68);

  balance = wm_rehousing_balance_new (engine, 0, 0);
  g_assert_cmpint (balance->first_year, ==, 2026);
  g_assert_cmpint (balance->last_year, ==, 2030);
  g_assert_cmpuint (balance->years->len, ==, 5);
  assert_year (balance, 2026, 40, 0, 40, 0, 40);
  assert_year (balance, 2027, 20, 0, 60, 0, 60);
  assert_year (balance, 2028, 0, 24, 60, 24, 36);
  assert_year (balance, 2029, 0, 12, 60, 36, 24);
  assert_year (balance, 2030, 0, 30, 60, 66, 0);
  g_assert_null (wm_rehousing_balance_get_year (balance, 2025));
  g_assert_null (wm_rehousing_balance_get_year (balance, 2031));
  g_assert_cmpint (balance->undated_moving, ==, 8);
  g_assert_cmpint (balance->undated_completed, ==, 10);
  g_assert_cmpuint (balance->n_short_years, ==, 4);
  g_assert_cmpint (balance->largest_shortfall, ==, 60);
  g_assert_cmpint (balance->largest_shortfall_year, ==, 2027);

  text = wm_rehousing_balance_describe_year (balance, 2027);
  g_assert_cmpstr (text, ==, "In 2027, 60 households must have moved but no social-rent homes "
                             "are completed yet: 60 other vacancies are needed");
  g_clear_pointer (&text, g_free);
  text = wm_rehousing_balance_describe_year (balance, 2028);
  g_assert_cmpstr (text, ==, "In 2028, 60 households must have moved but only 24 social-rent "
                             "homes are completed: 36 other vacancies are needed");
  g_clear_pointer (&text, g_free);
  /* Not short, or outside the range: nothing to warn about. */
  text = wm_rehousing_balance_describe_year (balance, 2030);
  g_assert_null (text);
  text = wm_rehousing_balance_describe_year (balance, 2040);
  g_assert_null (text);

  /* A narrower range carries what came before into the totals. */
  g_clear_pointer (&balance, wm_rehousing_balance_free);
  balance = wm_rehousing_balance_new (engine, 2028, 2029);
  g_assert_cmpuint (balance->years->len, ==, 2);
  assert_year (balance, 2028, 0, 24, 60, 24, 36);
  assert_year (balance, 2029, 0, 12, 60, 36, 24);
  g_assert_cmpuint (balance->n_short_years, ==, 2);
  g_assert_cmpint (balance->largest_shortfall_year, ==, 2028);

  /* Moving the start of C to 2029 moves its 20 households there, whatever else stays. */
  wm_proposal_set_start_year (wm_scenario_find_proposal (wm_plan_get_active_scenario (plan), "C"),
                              2029);
  g_clear_pointer (&balance, wm_rehousing_balance_free);
  balance = wm_rehousing_balance_new (engine, 0, 0);
  assert_year (balance, 2027, 0, 0, 40, 0, 40);
  assert_year (balance, 2028, 0, 24, 40, 24, 16);
  assert_year (balance, 2029, 20, 12, 60, 36, 24);
  g_assert_cmpint (balance->largest_shortfall, ==, 40);
  g_assert_cmpint (balance->largest_shortfall_year, ==, 2026);
}

/* A start before the first completion opens the range; singular words for one. Demolition of
 * b1 (2 social rent) starting 2024, completed 2026; a new build of 1 social rent completed
 * 2025.
 *   year  moving  completed  moving_total  completed_total  shortfall
 *   2024       2          0             2                0          2
 *   2025       0          1             2                1          1
 *   2026       0          0             2                1          1 */
static void
test_start_before_completion (void)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  g_autoptr (WmIndicatorEngine) engine = NULL;
  g_autoptr (WmRehousingBalance) balance = NULL;
  g_autofree char *text = NULL;

  wm_test_add_building (plan, "b1", 0, 0, WM_SEGMENT_SOCIAL_RENT, 2);
  add_proposal (plan, "sloop", WM_PROPOSAL_DEMOLISH, "b1", -2, 0, 2024, 2026);
  add_proposal (plan, "nieuw", WM_PROPOSAL_NEW_BUILD, NULL, 1, 0, 0, 2025);
  engine = wm_indicator_engine_new (plan, NULL);
  balance = wm_rehousing_balance_new (engine, 0, 0);

  g_assert_cmpint (balance->first_year, ==, 2024);
  g_assert_cmpint (balance->last_year, ==, 2026);
  assert_year (balance, 2024, 2, 0, 2, 0, 2);
  assert_year (balance, 2025, 0, 1, 2, 1, 1);
  assert_year (balance, 2026, 0, 0, 2, 1, 1);
  g_assert_cmpuint (balance->n_short_years, ==, 3);
  g_assert_cmpint (balance->largest_shortfall, ==, 2);
  g_assert_cmpint (balance->largest_shortfall_year, ==, 2024);
  text = wm_rehousing_balance_describe_year (balance, 2025);
  g_assert_cmpstr (text, ==, "In 2025, 2 households must have moved but only 1 social-rent "
                             "home is completed: 1 other vacancy is needed");
  g_clear_pointer (&text, g_free);

  /* A range that starts later carries the 2 households that moved in 2024. */
  g_clear_pointer (&balance, wm_rehousing_balance_free);
  balance = wm_rehousing_balance_new (engine, 2025, 2026);
  assert_year (balance, 2025, 0, 1, 2, 1, 1);
}

/* No proposals: no years, nothing short. */
static void
test_empty (void)
{
  g_autoptr (WmPlan) plan = wm_test_make_small_plan ("Leeg");
  g_autoptr (WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);
  g_autoptr (WmRehousingBalance) balance = wm_rehousing_balance_new (engine, 0, 0);

  g_assert_cmpint (balance->first_year, ==, 0);
  g_assert_cmpint (balance->last_year, ==, 0);
  g_assert_cmpuint (balance->years->len, ==, 0);
  g_assert_cmpint (balance->undated_moving, ==, 0);
  g_assert_cmpint (balance->undated_completed, ==, 0);
  g_assert_cmpuint (balance->n_short_years, ==, 0);
  g_assert_cmpint (balance->largest_shortfall, ==, 0);
  g_assert_cmpint (balance->largest_shortfall_year, ==, 0);
  g_assert_null (wm_rehousing_balance_get_year (balance, 0));
  g_assert_null (wm_rehousing_balance_get_year (balance, 2026));
  g_assert_null (wm_rehousing_balance_describe_year (balance, 2026));

  /* A range asked for explicitly: its years, all zero. */
  g_clear_pointer (&balance, wm_rehousing_balance_free);
  balance = wm_rehousing_balance_new (engine, 2026, 2028);
  g_assert_cmpuint (balance->years->len, ==, 3);
  assert_year (balance, 2027, 0, 0, 0, 0, 0);
  g_assert_cmpuint (balance->n_short_years, ==, 0);
}

/* Only undated proposals: no year, everything in undated_* (a start year alone dates
 * nothing). */
static void
test_undated (void)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  g_autoptr (WmIndicatorEngine) engine = NULL;
  g_autoptr (WmRehousingBalance) balance = NULL;

  wm_test_add_building (plan, "b1", 0, 0, WM_SEGMENT_SOCIAL_RENT, 16);
  add_proposal (plan, "sloop", WM_PROPOSAL_DEMOLISH, "b1", -16, 0, 2027, 0);
  add_proposal (plan, "nieuw", WM_PROPOSAL_NEW_BUILD, NULL, 6, 6, 0, 0);
  engine = wm_indicator_engine_new (plan, NULL);
  balance = wm_rehousing_balance_new (engine, 0, 0);
  g_assert_cmpint (balance->first_year, ==, 0);
  g_assert_cmpuint (balance->years->len, ==, 0);
  g_assert_cmpint (balance->undated_moving, ==, 16);
  g_assert_cmpint (balance->undated_completed, ==, 6);
  g_assert_cmpuint (balance->n_short_years, ==, 0);

  /* Over an explicit range they stay out of every year. */
  g_clear_pointer (&balance, wm_rehousing_balance_free);
  balance = wm_rehousing_balance_new (engine, 2026, 2028);
  assert_year (balance, 2027, 0, 0, 0, 0, 0);
  g_assert_cmpint (balance->undated_moving, ==, 16);
}

int
main (int argc, char **argv)
{
  wm_core_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rehousing-balance/hand-count", test_hand_count);
  g_test_add_func ("/rehousing-balance/start-before-completion", test_start_before_completion);
  g_test_add_func ("/rehousing-balance/empty", test_empty);
  g_test_add_func ("/rehousing-balance/undated", test_undated);
  return g_test_run ();
}
