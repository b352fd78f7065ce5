/* test-plan-check.c: proposals that do not fit together are found and refused where they are
 * made (factory, history, changes import), and a plan that already holds them still opens */
#include "config.h"

#include <string.h>

#include "wm-history.h"
#include "wm-plan-check.h"
#include "wm-proposal-factory.h"
#include "wm-proposal-json.h"
#include "wm-test-util.h"

/* Block 12 has 16 social-rent dwellings; b-2 is an empty shed. */
static WmPlan *
make_plan (void)
{
  WmPlan *plan = wm_plan_new ();
  g_autoptr(WmFacility) facility = wm_facility_new ("f-1", WM_FACILITY_PLAYGROUND, "Speeltuin",
                                                    100, 100);

  wm_test_add_building (plan, "block-12", 0, 0, WM_SEGMENT_SOCIAL_RENT, 16);
  wm_test_add_building (plan, "b-2", 50, 0, WM_SEGMENT_SOCIAL_RENT, 0);
  wm_plan_add_facility (plan, facility);
  return plan;
}

static guint
n_problems (WmPlan *plan)
{
  g_autoptr(GPtrArray) problems = wm_plan_check (plan);

  return problems->len;
}

static GListModel *
proposals_of (WmPlan *plan)
{
  return wm_scenario_get_proposals (wm_plan_get_active_scenario (plan));
}

static WmDwellingMix
mix (int social,
     int owner_affordable)
{
  WmDwellingMix m = { { 0 } };

  m.counts[WM_SEGMENT_SOCIAL_RENT] = social;
  m.counts[WM_SEGMENT_OWNER_AFFORDABLE] = owner_affordable;
  return m;
}

static void
assert_message (GError     *error,
                int         code,
                const char *fragment)
{
  g_assert_error (error, WM_PROPOSAL_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

/* The sale of 6 homes in 2027, made and added through the factory and the history. */
static WmProposal *
add_sale (WmPlan    *plan,
          WmHistory *history,
          int        n,
          int        year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmProposal) sale = NULL;

  sale = wm_proposal_factory_convert_tenure (plan, NULL, "block-12", WM_SEGMENT_SOCIAL_RENT,
                                             WM_SEGMENT_OWNER_AFFORDABLE, n, year, &error);
  g_assert_no_error (error);
  wm_proposal_set_name (sale, "Sale of 6 homes");
  g_assert_true (wm_history_add_proposal (history, NULL, sale, -1, &error));
  g_assert_no_error (error);
  return sale; /* the scenario keeps it */
}

static WmProposal *
add_block_demolition (WmPlan    *plan,
                      WmHistory *history,
                      int        year)
{
  const char *ids[] = { "block-12", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmProposal) demolition = NULL;

  demolition = wm_proposal_factory_demolish (plan, NULL, ids, year, &error);
  g_assert_no_error (error);
  wm_proposal_set_name (demolition, "Block 12");
  g_assert_true (wm_history_add_proposal (history, NULL, demolition, -1, &error));
  g_assert_no_error (error);
  return demolition;
}

/* Placing a sale before a demolition that counts all 16 social-rent dwellings is refused,
 * naming the demolition, the building, the segment and the figures. */
static void
test_factory (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmHistory) history = wm_history_new (plan);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmProposal) sale = NULL;
  g_autoptr(WmProposal) early = NULL;
  g_autoptr(WmProposal) nothing = NULL;
  const char *ids[] = { "block-12", NULL };
  WmDwellingMix ten = { { 10, 0, 0, 0, 0 } };
  WmProposal *demolition;

  demolition = add_block_demolition (plan, history, 2030);
  g_assert_true (wm_dwelling_mix_equal (wm_proposal_get_dwelling_delta (demolition),
                                        &(WmDwellingMix) { { -16, 0, 0, 0, 0 } }));

  sale = wm_proposal_factory_convert_tenure (plan, NULL, "block-12", WM_SEGMENT_SOCIAL_RENT,
                                             WM_SEGMENT_OWNER_AFFORDABLE, 6, 2027, &error);
  g_assert_null (sale);
  assert_message (error, WM_PROPOSAL_ERROR_NOT_ENOUGH,
                  "“Block 12” (2030) demolishes 16 social rent dwellings in building block-12, "
                  "but after “Convert 6 dwellings” (2027) it has 10");
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (proposals_of (plan)), ==, 1);

  /* After the demolition there is nothing to sell. */
  sale = wm_proposal_factory_convert_tenure (plan, NULL, "block-12", WM_SEGMENT_SOCIAL_RENT,
                                             WM_SEGMENT_OWNER_AFFORDABLE, 6, 2031, &error);
  g_assert_null (sale);
  g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_DEMOLISHED);
  g_clear_error (&error);

  /* Undone, the sale comes first and the demolition counts what is left at its own year. */
  g_assert_true (wm_history_undo (history));
  add_sale (plan, history, 6, 2027);
  demolition = add_block_demolition (plan, history, 2030);
  g_assert_true (wm_dwelling_mix_equal (wm_proposal_get_dwelling_delta (demolition),
                                        &(WmDwellingMix) { { -10, 0, 0, -6, 0 } }));
  g_assert_cmpuint (n_problems (plan), ==, 0);

  /* A demolition dated before the sale counts all 16, and the sale then acts on a building
   * that is gone: refused, naming both. */
  early = wm_proposal_factory_demolish (plan, NULL, ids, 2026, &error);
  g_assert_null (early);
  assert_message (error, WM_PROPOSAL_ERROR_DEMOLISHED,
                  "“Sale of 6 homes” (2027) changes building block-12, but “Demolish 1 "
                  "building” (2026) demolishes it before");
  g_clear_error (&error);

  /* Demolishing exactly what is left fits; one more does not. */
  {
    g_autoptr(WmProposal) exact = wm_proposal_factory_copy (demolition);

    g_assert_true (wm_plan_check_change (plan, NULL, demolition, exact, 0, &error));
    g_assert_no_error (error);
    wm_proposal_set_dwelling_delta (exact, &(WmDwellingMix) { { -11, 0, 0, -6, 0 } });
    g_assert_false (wm_plan_check_change (plan, NULL, demolition, exact, 0, &error));
    assert_message (error, WM_PROPOSAL_ERROR_NOT_ENOUGH,
                    "demolishes 11 social rent dwellings in building block-12, but after "
                    "“Sale of 6 homes” (2027) it has 10");
    g_clear_error (&error);
  }

  /* A transformation only of a building without dwellings, also after other proposals. */
  nothing = wm_proposal_factory_transform (plan, NULL, "b-2", &ten, 2028, &error);
  g_assert_no_error (error);
  g_assert_nonnull (nothing);
}

/* Edits in the history (the inspector's path) that would break this or a later proposal are
 * refused, and the plan stays as it was. */
static void
test_history_edits (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmHistory) history = wm_history_new (plan);
  g_autoptr(GError) error = NULL;
  WmDwellingMix eight = mix (-8, 8);
  WmProposal *sale, *demolition;
  guint n_undo;

  sale = add_sale (plan, history, 6, 2027);
  demolition = add_block_demolition (plan, history, 2030);
  n_undo = wm_history_get_n_undo (history);

  /* Raising the sale: the demolition would remove 10 of 8. */
  g_assert_false (wm_history_set_proposal_delta (history, sale, &eight, &error));
  assert_message (error, WM_PROPOSAL_ERROR_NOT_ENOUGH,
                  "“Block 12” (2030) demolishes 10 social rent dwellings in building block-12, "
                  "but after “Sale of 6 homes” (2027) it has 8");
  g_clear_error (&error);
  g_assert_true (wm_dwelling_mix_equal (wm_proposal_get_dwelling_delta (sale),
                                        &(WmDwellingMix) { { -6, 0, 0, 6, 0 } }));

  /* Changing a year so that the order changes: the sale after the demolition. */
  g_assert_false (wm_history_set_proposal_year (history, sale, 2031, &error));
  assert_message (error, WM_PROPOSAL_ERROR_DEMOLISHED,
                  "“Sale of 6 homes” (2031) changes building block-12, but “Block 12” (2030) "
                  "demolishes it before");
  g_clear_error (&error);
  /* The demolition before the sale: it would remove 6 owner-occupied dwellings not there yet. */
  g_assert_false (wm_history_set_proposal_year (history, demolition, 2026, &error));
  assert_message (error, WM_PROPOSAL_ERROR_NOT_ENOUGH,
                  "“Block 12” (2026) demolishes 6 affordable owner-occupied dwellings in "
                  "building block-12, but it has 0");
  g_clear_error (&error);
  /* Undated, a proposal comes last. */
  g_assert_false (wm_history_set_proposal_year (history, sale, 0, &error));
  g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_DEMOLISHED);
  g_clear_error (&error);

  /* Deleting the sale leaves the demolition removing dwellings that were never sold. */
  g_assert_false (wm_history_remove_proposal_full (history, sale, &error));
  g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_NOT_ENOUGH);
  g_clear_error (&error);
  g_assert_false (wm_history_remove_proposal (history, sale));

  g_assert_cmpint (wm_proposal_get_year (sale), ==, 2027);
  g_assert_cmpint (wm_proposal_get_year (demolition), ==, 2030);
  g_assert_cmpuint (g_list_model_get_n_items (proposals_of (plan)), ==, 2);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, n_undo);
  g_assert_cmpuint (n_problems (plan), ==, 0);

  /* Edits that keep it consistent still go: a later year, a smaller sale, a name. */
  g_assert_true (wm_history_set_proposal_year (history, sale, 2029, &error));
  g_assert_no_error (error);
  g_assert_true (wm_history_set_proposal_name (history, demolition, "Blok 12", &error));
  g_assert_no_error (error);
  /* Deleting the demolition first, then the sale, is fine. */
  g_assert_true (wm_history_remove_proposal_full (history, demolition, &error));
  g_assert_no_error (error);
  g_assert_true (wm_history_remove_proposal_full (history, sale, &error));
  g_assert_no_error (error);
}

static gboolean
consistent (WmPlan *plan)
{
  return n_problems (plan) == 0;
}

/* Every state undo and redo go through was a consistent one. */
static void
test_undo_redo (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmHistory) history = wm_history_new (plan);
  WmDwellingMix four = mix (-4, 4);
  WmProposal *sale;
  guint steps = 0;

  sale = add_sale (plan, history, 6, 2027);
  add_block_demolition (plan, history, 2030);
  g_assert_false (wm_history_set_proposal_delta (history, sale, &four, NULL));
  g_assert_true (wm_history_set_proposal_year (history, sale, 2028, NULL));
  g_assert_true (consistent (plan));

  while (wm_history_undo (history))
    {
      g_assert_true (consistent (plan));
      steps++;
    }
  g_assert_cmpuint (steps, ==, 3);
  while (wm_history_redo (history))
    g_assert_true (consistent (plan));
  g_assert_cmpuint (g_list_model_get_n_items (proposals_of (plan)), ==, 2);
  g_assert_cmpint (wm_proposal_get_year (sale), ==, 2028);
}

/* A new build without a footprint is refused in the factory, the history and the plan check. */
static void
test_new_build_footprint (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmHistory) history = wm_history_new (plan);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmProposal) made = NULL;
  g_autoptr(WmProposal) bare = wm_proposal_new ("bare", WM_PROPOSAL_NEW_BUILD);
  g_autoptr(WmGeometry) point = wm_geometry_new_point (5, 5);
  g_autoptr(GPtrArray) problems = NULL;
  WmDwellingMix twelve = mix (12, 0);

  made = wm_proposal_factory_new_build (plan, NULL, NULL, &twelve, WM_DWELLING_TYPE_UNSPECIFIED,
                                        2028, &error);
  g_assert_null (made);
  assert_message (error, WM_PROPOSAL_ERROR_GEOMETRY, "without a footprint");
  g_clear_error (&error);

  wm_proposal_set_name (bare, "Infill");
  wm_proposal_set_dwelling_delta (bare, &twelve);
  g_assert_false (wm_history_add_proposal (history, NULL, bare, -1, &error));
  assert_message (error, WM_PROPOSAL_ERROR_GEOMETRY,
                  "“Infill” is a new build without a footprint");
  g_clear_error (&error);
  wm_proposal_set_geometry (bare, point);
  g_assert_false (wm_history_add_proposal (history, NULL, bare, -1, &error));
  g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_GEOMETRY);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (proposals_of (plan)), ==, 0);

  /* Behind the history's back it is found. */
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), bare);
  problems = wm_plan_check (plan);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (((WmPlanProblem *) g_ptr_array_index (problems, 0))->proposal == bare);
}

/* A plan that already holds problems (another program wrote it): each is found with its
 * message, nothing is changed, and edits that add no problem still work. */
static void
test_inconsistent_plan (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmHistory) history = NULL;
  g_autoptr(WmProposal) sale = wm_proposal_new ("sale", WM_PROPOSAL_CONVERT_TENURE);
  g_autoptr(WmProposal) block = wm_proposal_new ("block", WM_PROPOSAL_DEMOLISH);
  g_autoptr(WmProposal) again = wm_proposal_new ("again", WM_PROPOSAL_DEMOLISH);
  g_autoptr(WmProposal) huge = wm_proposal_new ("huge", WM_PROPOSAL_SPLIT_MERGE);
  g_autoptr(WmProposal) twice = wm_proposal_new ("twice", WM_PROPOSAL_REMOVE_FACILITY);
  g_autoptr(WmProposal) once = wm_proposal_new ("once", WM_PROPOSAL_REMOVE_FACILITY);
  g_autoptr(WmProposal) ghost = wm_proposal_new ("ghost", WM_PROPOSAL_DEMOLISH);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  const char *ids[] = { "block-12", NULL };
  const char *shed[] = { "b-2", NULL };
  const char *gone[] = { "b-404", NULL };
  WmDwellingMix sold = mix (-6, 6), all = mix (-16, 0), split = mix (0, 200000);
  static const struct
  {
    const char *id;
    int code;
    const char *fragment;
  } expected[] = {
    { "block", WM_PROPOSAL_ERROR_NOT_ENOUGH,
      "“Block 12” (2030) demolishes 16 social rent dwellings in building block-12, but after "
      "“Sale of 6 homes” (2027) it has 10" },
    { "again", WM_PROPOSAL_ERROR_DEMOLISHED,
      "“Demolish 1 building” (2031) demolishes building block-12, but “Block 12” (2030) already "
      "demolishes it" },
    { "once", WM_PROPOSAL_ERROR_FACILITY_REMOVED,
      "removes facility f-1, but “Remove Speeltuin” (2025) already removes it" },
    { "huge", WM_PROPOSAL_ERROR_TOO_MANY, "changes 200000 affordable owner-occupied dwellings" },
    { "ghost", WM_PROPOSAL_ERROR_UNKNOWN_BUILDING, "building b-404, which is not in the project" },
  };

  wm_proposal_set_building_ids (sale, ids);
  wm_proposal_set_dwelling_delta (sale, &sold);
  wm_proposal_set_name (sale, "Sale of 6 homes");
  wm_proposal_set_year (sale, 2027);
  wm_proposal_set_building_ids (block, ids);
  wm_proposal_set_dwelling_delta (block, &all);
  wm_proposal_set_name (block, "Block 12");
  wm_proposal_set_year (block, 2030);
  wm_proposal_set_building_ids (again, ids);
  wm_proposal_set_name (again, "Demolish 1 building");
  wm_proposal_set_year (again, 2031);
  wm_proposal_set_building_ids (huge, shed);
  wm_proposal_set_dwelling_delta (huge, &split);
  wm_proposal_set_name (huge, "Split");
  wm_proposal_set_year (huge, 2032);
  wm_proposal_set_facility_id (twice, "f-1");
  wm_proposal_set_name (twice, "Remove Speeltuin");
  wm_proposal_set_year (twice, 2025);
  wm_proposal_set_facility_id (once, "f-1");
  wm_proposal_set_name (once, "Remove it again");
  wm_proposal_set_year (once, 2031);
  wm_proposal_set_building_ids (ghost, gone);
  wm_proposal_set_name (ghost, "Ghost");
  /* In list order the demolition comes first; by year the sale does. */
  wm_scenario_add_proposal (scenario, block);
  wm_scenario_add_proposal (scenario, sale);
  wm_scenario_add_proposal (scenario, again);
  wm_scenario_add_proposal (scenario, twice);
  wm_scenario_add_proposal (scenario, once);
  wm_scenario_add_proposal (scenario, huge);
  wm_scenario_add_proposal (scenario, ghost);

  problems = wm_plan_check (plan);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < problems->len; i++)
    {
      WmPlanProblem *problem = g_ptr_array_index (problems, i);

      g_test_message ("%s", problem->message);
      g_assert_true (problem->scenario == scenario);
      g_assert_cmpstr (wm_proposal_get_id (problem->proposal), ==, expected[i].id);
      g_assert_cmpint (problem->code, ==, expected[i].code);
      if (strstr (problem->message, expected[i].fragment) == NULL)
        g_error ("“%s” does not contain “%s”", problem->message, expected[i].fragment);
    }
  /* Nothing was clamped or dropped. */
  g_assert_cmpuint (g_list_model_get_n_items (proposals_of (plan)), ==, 7);
  g_assert_true (wm_dwelling_mix_equal (wm_proposal_get_dwelling_delta (block), &all));

  /* Problems it had do not block edits; a new one does; taking one away is fine. */
  history = wm_history_new (plan);
  g_assert_true (wm_history_set_proposal_note (history, sale, "bij mutatie", &error));
  g_assert_no_error (error);
  g_assert_false (wm_history_set_proposal_year (history, sale, 2035, &error));
  g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_DEMOLISHED);
  g_clear_error (&error);
  g_assert_true (wm_history_remove_proposal_full (history, again, &error));
  g_assert_no_error (error);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = wm_plan_check (plan);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected) - 1);
}

/* A changes document (docs/changes-json.md) is added as a whole or not at all; a refusal names
 * the file, the change's index and id and the problem. */
static void
test_changes_json (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmHistory) history = wm_history_new (plan);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  const char *sale = "{ \"kind\": \"convert_tenure\", \"id\": \"sale\", \"name\": \"Sale of 6 "
                     "homes\", \"year\": 2027, \"buildings\": [\"block-12\"], \"dwellings\": "
                     "{ \"social_rent\": -6, \"owner_affordable\": 6 } }";
  g_autofree char *bad = g_strdup_printf ("{ \"proposals\": [ %s, { \"kind\": \"demolish\", "
                                          "\"id\": \"block\", \"name\": \"Block 12\", \"year\": "
                                          "2030, \"buildings\": [\"block-12\"], \"dwellings\": "
                                          "{ \"social_rent\": -16 } } ] }", sale);
  g_autofree char *exact = g_strdup_printf ("{ \"proposals\": [ %s, { \"kind\": \"demolish\", "
                                            "\"id\": \"block\", \"name\": \"Block 12\", \"year\":"
                                            " 2030, \"buildings\": [\"block-12\"], \"dwellings\":"
                                            " { \"social_rent\": -10, \"owner_affordable\": -6 } "
                                            "} ] }", sale);
  const char *footless = "{ \"proposals\": [ { \"kind\": \"new_build\", \"id\": \"nb\", "
                         "\"name\": \"Infill\", \"dwellings\": { \"mid_rent\": 8 } } ] }";
  /* Fits the plan, but a conversion must keep the number of dwellings. */
  const char *lopsided = "{ \"proposals\": [ { \"kind\": \"add_facility\", \"facility_type\": "
                         "\"playground\", \"geometry\": { \"type\": \"Point\", \"coordinates\": "
                         "[10, 10] } }, { \"kind\": \"convert_tenure\", \"id\": \"odd\", "
                         "\"buildings\": [\"block-12\"], \"dwellings\": { \"social_rent\": -2 } } ] }";

  proposals = wm_proposals_import_json_data (bad, -1, "changes.json", plan, &error);
  g_assert_no_error (error);
  g_assert_false (wm_proposals_json_add (history, NULL, proposals, "changes.json", &error));
  assert_message (error, WM_PROPOSAL_ERROR_NOT_ENOUGH,
                  "changes.json: proposals[1] (proposal “block”): “Block 12” (2030) demolishes "
                  "16 social rent dwellings in building block-12, but after “Sale of 6 homes” "
                  "(2027) it has 10");
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (proposals_of (plan)), ==, 0);
  g_assert_false (wm_history_get_can_undo (history));
  g_clear_pointer (&proposals, g_ptr_array_unref);

  proposals = wm_proposals_import_json_data (footless, -1, "/tmp/footless.json", plan, &error);
  g_assert_no_error (error);
  g_assert_false (wm_proposals_json_add (history, NULL, proposals, "/tmp/footless.json", &error));
  assert_message (error, WM_PROPOSAL_ERROR_GEOMETRY,
                  "/tmp/footless.json: proposals[0] (proposal “nb”): “Infill” is a new build "
                  "without a footprint");
  g_clear_error (&error);
  g_clear_pointer (&proposals, g_ptr_array_unref);

  /* Refused by the proposal's own rules after the first was added: that one is taken back. */
  proposals = wm_proposals_import_json_data (lopsided, -1, "odd.json", plan, &error);
  g_assert_no_error (error);
  g_assert_false (wm_proposals_json_add (history, NULL, proposals, "odd.json", &error));
  assert_message (error, WM_PROPOSAL_ERROR_INVALID, "odd.json: proposals[1] (proposal “odd”): ");
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (proposals_of (plan)), ==, 0);
  g_assert_false (wm_history_get_can_undo (history));
  g_clear_pointer (&proposals, g_ptr_array_unref);

  /* Demolishing exactly what is left: both, as one step. */
  proposals = wm_proposals_import_json_data (exact, -1, "changes.json", plan, &error);
  g_assert_no_error (error);
  g_assert_true (wm_proposals_json_add (history, NULL, proposals, "changes.json", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (proposals_of (plan)), ==, 2);
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Undo Import changes.json");
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 1);
  g_assert_true (wm_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (proposals_of (plan)), ==, 0);
}

/* --- The check walks only what a change touches: the same refusals as a walk of all ------- */

#define N_RANDOM_BUILDINGS 6

static WmProposal *
random_proposal (GRand *rand,
                 guint  n)
{
  static const int years[] = { 0, 2026, 2027, 2028, 2030 };
  g_autofree char *id = g_strdup_printf ("p-%u", n);
  g_autofree char *b0 = g_strdup_printf ("b%d", g_rand_int_range (rand, 0, N_RANDOM_BUILDINGS));
  g_autofree char *b1 = g_strdup_printf ("b%d", g_rand_int_range (rand, 0, N_RANDOM_BUILDINGS));
  const char *ids[] = { g_rand_int_range (rand, 0, 20) == 0 ? "b-unknown" : b0, NULL, NULL };
  int k = g_rand_int_range (rand, 1, 8);
  WmProposal *p;

  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0:
      {
        WmDwellingMix delta = mix (-k, 0);

        p = wm_proposal_new (id, WM_PROPOSAL_DEMOLISH);
        if (g_rand_boolean (rand))
          ids[1] = b1;
        wm_proposal_set_building_ids (p, ids);
        wm_proposal_set_dwelling_delta (p, &delta);
      }
      break;
    case 1:
      {
        WmDwellingMix delta = mix (-k, k);

        p = wm_proposal_new (id, WM_PROPOSAL_CONVERT_TENURE);
        wm_proposal_set_building_ids (p, ids);
        wm_proposal_set_dwelling_delta (p, &delta);
      }
      break;
    case 2:
      {
        WmDwellingMix delta = mix (2, 0);

        p = wm_proposal_new (id, WM_PROPOSAL_TRANSFORM);
        wm_proposal_set_building_ids (p, ids);
        wm_proposal_set_dwelling_delta (p, &delta);
      }
      break;
    case 3:
      {
        WmDwellingMix delta = mix (k, 0);
        WmPoint ring[] = { { 0, 0 }, { 10, 0 }, { 10, 10 }, { 0, 10 } };
        g_autoptr(WmGeometry) footprint = wm_geometry_new_polygon (ring, 4);

        p = wm_proposal_new (id, WM_PROPOSAL_NEW_BUILD);
        wm_proposal_set_dwelling_delta (p, &delta);
        if (g_rand_int_range (rand, 0, 4) > 0)
          wm_proposal_set_geometry (p, footprint);
      }
      break;
    default:
      p = wm_proposal_new (id, WM_PROPOSAL_REMOVE_FACILITY);
      wm_proposal_set_facility_id (p, g_rand_int_range (rand, 0, 10) == 0
                                        ? "f-unknown"
                                        : g_rand_boolean (rand) ? "f-0" : "f-1");
      break;
    }
  wm_proposal_set_year (p, years[g_rand_int_range (rand, 0, G_N_ELEMENTS (years))]);
  return p;
}

static gboolean
has_problem_of (GPtrArray  *problems,
                const char *id)
{
  for (guint i = 0; i < problems->len; i++)
    if (g_strcmp0 (wm_proposal_get_id (((WmPlanProblem *) problems->pdata[i])->proposal), id) == 0)
      return TRUE;
  return FALSE;
}

/* The refusal as a walk of all proposals finds it: first a problem of a changed one, else the
 * first problem the scenario as it is does not have; @list is the scenario as it would be. */
static WmPlanProblem *
refusal_of_all (WmPlan     *plan,
                WmScenario *scenario,
                GPtrArray  *list,
                GPtrArray  *changed,
                GPtrArray **out_problems)
{
  g_autoptr(GPtrArray) before = wm_plan_check_scenario (plan, scenario);
  GPtrArray *problems = wm_plan_check_proposals (plan, scenario, list);

  *out_problems = problems;
  for (guint i = 0; i < problems->len; i++)
    if (g_ptr_array_find (changed, ((WmPlanProblem *) problems->pdata[i])->proposal, NULL))
      return problems->pdata[i];
  for (guint i = 0; i < problems->len; i++)
    if (!has_problem_of (before, wm_proposal_get_id (((WmPlanProblem *) problems->pdata[i])->proposal)))
      return problems->pdata[i];
  return NULL;
}

static GPtrArray *
list_of (WmScenario *scenario)
{
  GListModel *model = wm_scenario_get_proposals (scenario);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (list, g_list_model_get_item (model, i));
  return list;
}

static void
assert_same_refusal (gboolean       ok,
                     GError        *error,
                     WmPlanProblem *expected,
                     guint          seed,
                     guint          step)
{
  if (ok != (expected == NULL) ||
      (expected != NULL && g_strcmp0 (error->message, expected->message) != 0))
    g_error ("seed %u, step %u: refused “%s”, a walk of all refuses “%s”", seed, step,
             ok ? "(nothing)" : error->message, expected != NULL ? expected->message : "(nothing)");
  if (expected != NULL)
    g_assert_error (error, WM_PROPOSAL_ERROR, expected->code);
}

/* Random scenarios, with problems of their own, and random insertions, edits, removals and
 * appends: wm_plan_check_change() and wm_plan_check_append() refuse exactly what a walk of all
 * proposals refuses, with the same message. */
static void
test_touched_only (void)
{
  guint n_refused = 0, n_steps = 0;

  for (guint seed = 1; seed <= 150; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(WmPlan) plan = wm_plan_new ();
      WmScenario *scenario = wm_plan_get_active_scenario (plan);
      guint next = 0;

      for (guint b = 0; b < N_RANDOM_BUILDINGS; b++)
        {
          g_autofree char *id = g_strdup_printf ("b%u", b);

          wm_test_add_building (plan, id, 20.0 * b, 0, WM_SEGMENT_SOCIAL_RENT,
                                g_rand_int_range (rand, 0, 9));
        }
      for (guint f = 0; f < 2; f++)
        {
          g_autofree char *id = g_strdup_printf ("f-%u", f);
          g_autoptr(WmFacility) facility = wm_facility_new (id, WM_FACILITY_PLAYGROUND, id,
                                                            0, 50.0 * f);

          wm_plan_add_facility (plan, facility);
        }
      for (guint i = g_rand_int_range (rand, 0, 8); i > 0; i--)
        {
          g_autoptr(WmProposal) p = random_proposal (rand, next++);

          wm_scenario_add_proposal (scenario, p);
        }

      for (guint step = 0; step < 30; step++, n_steps++)
        {
          g_autoptr(GPtrArray) list = list_of (scenario);
          g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
          g_autoptr(GPtrArray) problems = NULL;
          g_autoptr(GError) error = NULL;
          WmPlanProblem *expected;
          gboolean ok;
          int op = list->len > 0 ? g_rand_int_range (rand, 0, 4) : 0;
          guint index = list->len > 0 ? g_rand_int_range (rand, 0, list->len) : 0;
          WmProposal *original = list->len > 0 ? g_ptr_array_index (list, index) : NULL;

          if (op == 0)
            {
              /* Insert at any position. */
              guint position = g_rand_int_range (rand, 0, list->len + 1);
              WmProposal *p = random_proposal (rand, next++);

              g_ptr_array_add (changed, p);
              ok = wm_plan_check_change (plan, scenario, NULL, p, position, &error);
              g_ptr_array_insert (list, position, g_object_ref (p));
              expected = refusal_of_all (plan, scenario, list, changed, &problems);
              assert_same_refusal (ok, error, expected, seed, step);
              wm_scenario_insert_proposal (scenario, position, p);
            }
          else if (op == 1)
            {
              /* Edit: another year, or other figures and buildings of a new one. */
              g_autoptr(WmProposal) other = random_proposal (rand, next++);
              WmProposal *copy = wm_proposal_factory_copy (original);

              if (g_rand_boolean (rand))
                wm_proposal_set_year (copy, wm_proposal_get_year (other));
              else if (wm_proposal_get_kind (copy) == wm_proposal_get_kind (other))
                {
                  wm_proposal_set_dwelling_delta (copy, wm_proposal_get_dwelling_delta (other));
                  wm_proposal_set_building_ids (copy, wm_proposal_get_building_ids (other));
                  wm_proposal_set_facility_id (copy, wm_proposal_get_facility_id (other));
                }
              g_ptr_array_add (changed, copy);
              ok = wm_plan_check_change (plan, scenario, original, copy, 0, &error);
              g_object_unref (list->pdata[index]);
              list->pdata[index] = g_object_ref (copy);
              expected = refusal_of_all (plan, scenario, list, changed, &problems);
              assert_same_refusal (ok, error, expected, seed, step);
              wm_scenario_remove_proposal (scenario, original);
              wm_scenario_insert_proposal (scenario, index, copy);
            }
          else if (op == 2)
            {
              ok = wm_plan_check_change (plan, scenario, original, NULL, 0, &error);
              g_ptr_array_remove_index (list, index);
              expected = refusal_of_all (plan, scenario, list, changed, &problems);
              assert_same_refusal (ok, error, expected, seed, step);
              wm_scenario_remove_proposal (scenario, original);
            }
          else
            {
              guint out_index, expected_index = G_MAXUINT, first = list->len;

              for (guint i = g_rand_int_range (rand, 1, 4); i > 0; i--)
                g_ptr_array_add (changed, random_proposal (rand, next++));
              ok = wm_plan_check_append (plan, scenario, changed, &out_index, &error);
              for (guint i = 0; i < changed->len; i++)
                g_ptr_array_add (list, g_object_ref (changed->pdata[i]));
              expected = refusal_of_all (plan, scenario, list, changed, &problems);
              assert_same_refusal (ok, error, expected, seed, step);
              if (expected != NULL && g_ptr_array_find (list, expected->proposal, &index) &&
                  index >= first)
                expected_index = index - first;
              g_assert_cmpuint (out_index, ==, expected_index);
              for (guint i = 0; i < changed->len; i++)
                wm_scenario_add_proposal (scenario, changed->pdata[i]);
            }
          n_refused += !ok;
        }
    }
  /* Both answers occur often enough to mean something. */
  g_assert_cmpuint (n_refused, >, n_steps / 10);
  g_assert_cmpuint (n_refused, <, n_steps - n_steps / 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan-check/factory", test_factory);
  g_test_add_func ("/plan-check/history-edits", test_history_edits);
  g_test_add_func ("/plan-check/undo-redo", test_undo_redo);
  g_test_add_func ("/plan-check/new-build-footprint", test_new_build_footprint);
  g_test_add_func ("/plan-check/inconsistent-plan", test_inconsistent_plan);
  g_test_add_func ("/plan-check/changes-json", test_changes_json);
  g_test_add_func ("/plan-check/touched-only", test_touched_only);

  return g_test_run ();
}
