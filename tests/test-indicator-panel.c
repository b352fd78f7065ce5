/* test-indicator-panel.c: the indicator panel follows edits at once and focuses on an area */
#include "config.h"

#include "wm-application.h"
#include "wm-demo.h"
#include "wm-indicator-panel.h"
#include "wm-test-util.h"

static WmPlan *
load_demo (void)
{
  g_autoptr (GError) error = NULL;
  WmPlan *plan = wm_demo_load (&error);

  g_assert_no_error (error);
  return plan;
}

/* The first building with dwellings, for a demolition. */
static WmBuilding *
first_residential (WmPlan *plan)
{
  GListModel *buildings = wm_plan_get_buildings (plan);

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr (WmBuilding) building = g_list_model_get_item (buildings, i);
      if (wm_building_get_n_dwellings (building) > 1)
        return building;
    }
  g_assert_not_reached ();
}

static void
test_panel_follows_edits (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  g_autoptr (WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);
  WmIndicatorPanel *panel = WM_INDICATOR_PANEL (wm_indicator_panel_new ());
  WmBuilding *building = first_residential (plan);
  const WmDwellingMix *mix = wm_building_get_dwellings (building);
  g_autoptr (WmProposal) proposal = wm_proposal_new ("proposal-1", WM_PROPOSAL_DEMOLISH);
  const char *ids[] = { wm_building_get_id (building), NULL };
  WmDwellingMix delta = { 0 };
  int total = (int) wm_indicator_engine_get (engine, "dwellings", NULL, WM_INDICATOR_BASELINE);
  int lost = wm_building_get_n_dwellings (building);
  g_autofree char *before = g_strdup_printf ("%d dwellings", total);
  g_autofree char *after = g_strdup_printf ("%d → %d dwellings", total, total - lost);

  g_object_ref_sink (panel);
  wm_indicator_panel_set_engine (panel, engine);
  g_assert_cmpstr (wm_indicator_panel_get_value_text (panel, "headline"), ==, before);
  g_assert_nonnull (wm_indicator_panel_get_value_text (panel, "share.social_rent"));
  g_assert_nonnull (wm_indicator_panel_get_value_text (panel, "dissimilarity_social"));
  g_assert_nonnull (wm_indicator_panel_get_value_text (panel, "coverage.playground"));

  /* The edit shows without running the main loop: the same frame as the edit. */
  for (int s = 0; s < WM_N_SEGMENTS; s++)
    delta.counts[s] = -mix->counts[s];
  wm_proposal_set_building_ids (proposal, ids);
  wm_proposal_set_dwelling_delta (proposal, &delta);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), proposal);
  g_assert_cmpstr (wm_indicator_panel_get_value_text (panel, "headline"), ==, after);

  wm_scenario_remove_proposal (wm_plan_get_active_scenario (plan), proposal);
  g_assert_cmpstr (wm_indicator_panel_get_value_text (panel, "headline"), ==, before);

  g_object_unref (panel);
}

static void
test_panel_area_focus (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  g_autoptr (WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);
  WmIndicatorPanel *panel = WM_INDICATOR_PANEL (wm_indicator_panel_new ());
  g_autoptr (WmArea) area = g_list_model_get_item (wm_plan_get_areas (plan), 0);
  int area_total = (int) wm_indicator_engine_get (engine, "dwellings", wm_area_get_id (area),
                                                  WM_INDICATOR_BASELINE);
  g_autofree char *expected = g_strdup_printf ("%d dwellings", area_total);

  g_object_ref_sink (panel);
  wm_indicator_panel_set_engine (panel, engine);
  wm_indicator_panel_set_area (panel, wm_area_get_id (area));
  g_assert_cmpstr (wm_indicator_panel_get_area (panel), ==, wm_area_get_id (area));
  g_assert_cmpstr (wm_indicator_panel_get_value_text (panel, "headline"), ==, expected);
  /* Dissimilarity is a figure of the whole neighbourhood only. */
  g_assert_null (wm_indicator_panel_get_value_text (panel, "dissimilarity_social"));

  wm_indicator_panel_set_area (panel, NULL);
  g_assert_nonnull (wm_indicator_panel_get_value_text (panel, "dissimilarity_social"));
  g_object_unref (panel);
}

/* Targets are project data: edited in the panel through the history, so undo restores them,
 * and the status follows at once. */
static void
test_panel_targets (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  g_autoptr (WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);
  g_autoptr (WmHistory) history = wm_history_new (plan);
  WmIndicatorPanel *panel = WM_INDICATOR_PANEL (wm_indicator_panel_new ());
  WmTargets *targets = wm_targets_get_for_plan (plan);
  g_autoptr (GError) error = NULL;

  g_object_ref_sink (panel);
  wm_indicator_panel_set_engine (panel, engine);
  wm_indicator_panel_set_history (panel, history);
  /* The demo has 20 % social rent against the default 30 %. */
  g_assert_cmpstr (wm_indicator_panel_get_status_text (panel, "share.social_rent"), ==,
                   "Missed (target 30 %)");

  g_assert_true (wm_indicator_panel_edit_target (panel, WM_TARGET_SOCIAL_RENT_STOCK, 15, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (wm_targets_get_social_rent_stock (targets), ==, 0.15);
  g_assert_cmpstr (wm_indicator_panel_get_status_text (panel, "share.social_rent"), ==,
                   "Met (target 15 %)");
  g_assert_true (wm_history_get_modified (history));

  g_assert_true (wm_history_undo (history));
  g_assert_cmpfloat (wm_targets_get_social_rent_stock (targets), ==, 0.30);
  g_assert_cmpstr (wm_indicator_panel_get_status_text (panel, "share.social_rent"), ==,
                   "Missed (target 30 %)");
  g_assert_false (wm_history_get_modified (history));

  /* Absurd numbers are refused with the reason, and nothing changes. */
  g_assert_false (wm_indicator_panel_edit_target (panel, WM_TARGET_SOCIAL_RENT_STOCK, 150, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "150"));
  g_assert_cmpfloat (wm_targets_get_social_rent_stock (targets), ==, 0.30);

  g_object_unref (panel);
}

int
main (int argc, char *argv[])
{
  wm_test_init_ui (&argc, &argv);

  g_test_add_func ("/indicator-panel/follows-edits", test_panel_follows_edits);
  g_test_add_func ("/indicator-panel/area-focus", test_panel_area_focus);
  g_test_add_func ("/indicator-panel/targets", test_panel_targets);
  return g_test_run ();
}
