/* test-indicator-panel.c: the indicator panel follows edits at once and focuses on an area */
#include "config.h"

#include "wm-application.h"
#include "wm-demo.h"
#include "wm-indicator-panel.h"
#include "wm-targets-editor.h"
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

/* A descendant widget by its name (the editor names its entries). */
static GtkWidget *
find_named (GtkWidget *widget, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
type_into (GtkWidget *panel, const char *name, const char *text)
{
  GtkWidget *entry = find_named (panel, name);

  g_assert_nonnull (entry);
  g_assert_true (GTK_IS_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

static const char *
text_of (GtkWidget *panel, const char *name)
{
  GtkWidget *entry = find_named (panel, name);

  g_assert_nonnull (entry);
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

/* Targets are project data: edited in the panel's editor through the history, so undo restores
 * them, and the verdict with its side and the preset's assumption follow at once. */
static void
test_panel_targets (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  g_autoptr (WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);
  g_autoptr (WmHistory) history = wm_history_new (plan);
  WmIndicatorPanel *panel = WM_INDICATOR_PANEL (wm_indicator_panel_new ());
  WmTargets *targets = wm_targets_get_for_plan (plan);
  GtkWidget *editor, *preset;
  WmTargetBand band;

  g_object_ref_sink (panel);
  wm_indicator_panel_set_engine (panel, engine);
  wm_indicator_panel_set_history (panel, history);
  editor = wm_test_find_descendant (GTK_WIDGET (panel), WM_TYPE_TARGETS_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_sensitive (editor));
  preset = find_named (GTK_WIDGET (panel), "target-preset");
  g_assert_true (ADW_IS_COMBO_ROW (preset));

  /* A new project: the neighbourhood's band, with its assumption on screen. The demo has 20 %
   * social rent. */
  g_assert_cmpstr (wm_indicator_panel_get_assumption_text (panel), ==,
                   wm_target_preset_assumption (WM_TARGET_PRESET_NEIGHBOURHOOD));
  g_assert_cmpstr (wm_indicator_panel_get_status_text (panel, "share.social_rent"), ==,
                   "Target 30–50 %: below the minimum of 30 %");
  g_assert_null (wm_indicator_panel_get_status_text (panel, "diversity"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (preset)), ==,
                    WM_TARGET_PRESET_NEIGHBOURHOOD);
  g_assert_cmpstr (text_of (GTK_WIDGET (panel), "target-min-share.social_rent"), ==, "30");
  g_assert_cmpstr (text_of (GTK_WIDGET (panel), "target-max-share.social_rent"), ==, "50");
  g_assert_cmpstr (text_of (GTK_WIDGET (panel), "target-min-new_build_affordable_share"), ==,
                   "66.7");
  g_assert_cmpstr (text_of (GTK_WIDGET (panel), "target-max-new_build_affordable_share"), ==, "");

  /* Leaving a shown value alone keeps it exactly (two thirds, not 66.7 %). */
  type_into (GTK_WIDGET (panel), "target-min-new_build_affordable_share", "66.7");
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 0);
  g_assert_cmpint (wm_targets_get_preset (targets), ==, WM_TARGET_PRESET_NEIGHBOURHOOD);

  /* A maximum below the minimum is refused with a message; nothing changes. */
  type_into (GTK_WIDGET (panel), "target-max-share.social_rent", "15");
  g_assert_cmpstr (wm_targets_editor_get_error (WM_TARGETS_EDITOR (editor)), ==,
                   "The minimum (30 %) is above the maximum (15 %)");
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 0);
  wm_targets_get_band (targets, "share.social_rent", &band);
  g_assert_cmpfloat (band.max, ==, 0.50);
  type_into (GTK_WIDGET (panel), "target-max-share.social_rent", "veel");
  g_assert_cmpstr (wm_targets_editor_get_error (WM_TARGETS_EDITOR (editor)), ==,
                   "“veel” is not a number");

  /* 10–15 %: the demo is above the maximum now, and the targets are custom. The maximum alone
   * is still refused; the minimum after it makes a band of both entries. */
  type_into (GTK_WIDGET (panel), "target-max-share.social_rent", "15 %");
  g_assert_nonnull (wm_targets_editor_get_error (WM_TARGETS_EDITOR (editor)));
  type_into (GTK_WIDGET (panel), "target-min-share.social_rent", "10");
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 1);
  g_assert_null (wm_targets_editor_get_error (WM_TARGETS_EDITOR (editor)));
  wm_targets_get_band (targets, "share.social_rent", &band);
  g_assert_cmpfloat (band.min, ==, 0.10);
  g_assert_cmpfloat (band.max, ==, 0.15);
  g_assert_cmpstr (wm_indicator_panel_get_status_text (panel, "share.social_rent"), ==,
                   "Target 10–15 %: above the maximum of 15 %");
  g_assert_cmpint (wm_targets_get_preset (targets), ==, WM_TARGET_PRESET_CUSTOM);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (preset)), ==,
                    WM_TARGET_PRESET_CUSTOM);
  g_assert_cmpstr (wm_indicator_panel_get_assumption_text (panel), ==,
                   wm_target_preset_assumption (WM_TARGET_PRESET_CUSTOM));
  g_assert_true (wm_history_get_modified (history));

  /* A band for a segment shows on its row; diversity is an index. */
  type_into (GTK_WIDGET (panel), "target-max-share.owner_expensive", "5");
  g_assert_nonnull (strstr (wm_indicator_panel_get_status_text (panel, "share.owner_expensive"),
                            "above the maximum of 5 %"));
  type_into (GTK_WIDGET (panel), "target-min-diversity", "0,95");
  g_assert_cmpstr (text_of (GTK_WIDGET (panel), "target-min-diversity"), ==, "0.95");
  g_assert_nonnull (strstr (wm_indicator_panel_get_status_text (panel, "diversity"),
                            "below the minimum of 0.95"));

  /* Undo goes back step by step, and the editor follows. */
  g_assert_true (wm_history_undo (history));
  g_assert_true (wm_history_undo (history));
  g_assert_cmpstr (text_of (GTK_WIDGET (panel), "target-max-share.owner_expensive"), ==, "");
  g_assert_true (wm_history_undo (history));
  g_assert_cmpstr (text_of (GTK_WIDGET (panel), "target-min-share.social_rent"), ==, "30");
  g_assert_cmpstr (text_of (GTK_WIDGET (panel), "target-max-share.social_rent"), ==, "50");
  g_assert_cmpint (wm_targets_get_preset (targets), ==, WM_TARGET_PRESET_NEIGHBOURHOOD);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (preset)), ==,
                    WM_TARGET_PRESET_NEIGHBOURHOOD);
  g_assert_cmpstr (wm_indicator_panel_get_status_text (panel, "share.social_rent"), ==,
                   "Target 30–50 %: below the minimum of 30 %");
  g_assert_false (wm_history_get_modified (history));

  /* The preset row: the national agenda has a minimum only. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (preset), WM_TARGET_PRESET_NATIONAL);
  g_assert_cmpint (wm_targets_get_preset (targets), ==, WM_TARGET_PRESET_NATIONAL);
  g_assert_cmpstr (text_of (GTK_WIDGET (panel), "target-max-share.social_rent"), ==, "");
  g_assert_cmpstr (wm_indicator_panel_get_status_text (panel, "share.social_rent"), ==,
                   "Target at least 30 %: below the minimum of 30 %");
  g_assert_cmpstr (wm_indicator_panel_get_assumption_text (panel), ==,
                   wm_target_preset_assumption (WM_TARGET_PRESET_NATIONAL));
  adw_combo_row_set_selected (ADW_COMBO_ROW (preset), WM_TARGET_PRESET_THIRDS);
  g_assert_cmpstr (text_of (GTK_WIDGET (panel), "target-min-affordable_share"), ==, "62");
  g_assert_true (wm_history_undo (history));
  g_assert_cmpint (wm_targets_get_preset (targets), ==, WM_TARGET_PRESET_NATIONAL);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (preset)), ==,
                    WM_TARGET_PRESET_NATIONAL);

  /* Without a history the editor is read-only. */
  wm_indicator_panel_set_history (panel, NULL);
  g_assert_false (gtk_widget_get_sensitive (editor));
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
