/* test-scenarios.c: the scenario switcher on the demo: duplicate, switch, rename, delete, undo, save */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "wm-application.h"
#include "wm-checklist-state.h"
#include "wm-proposal-factory.h"
#include "wm-proposal-layer.h"
#include "wm-scenario-switcher.h"
#include "wm-window.h"
#include "wm-test-util.h"

static WmApplication *app;
static char *recovery_dir;

static WmScenarioSwitcher *
find_switcher (WmWindow *window)
{
  GtkWidget *switcher = wm_test_find_descendant (GTK_WIDGET (window), WM_TYPE_SCENARIO_SWITCHER);

  g_assert_nonnull (switcher);
  return WM_SCENARIO_SWITCHER (switcher);
}

static double
projected (WmWindow *window, const char *key)
{
  double value = wm_indicator_engine_get (wm_window_get_engine (window), key, NULL,
                                          WM_INDICATOR_PROJECTED);

  g_assert_false (isnan (value));
  return value;
}

static guint
n_rows (WmWindow *window)
{
  return g_list_model_get_n_items (wm_proposal_list_get_model (wm_window_get_proposal_list (window)));
}

static guint
n_drawn (WmWindow *window)
{
  ShumateLayer *layer = wm_map_view_get_layer (wm_window_get_map_view (window), "proposals");

  g_assert_true (WM_IS_PROPOSAL_LAYER (layer));
  /* Counted while drawing: the next painted frame after a redraw is queued. */
  wm_test_wait_for_frames (GTK_WIDGET (layer), 1);
  return wm_proposal_layer_get_n_drawn (WM_PROPOSAL_LAYER (layer));
}

/* The centroid of the building with dwellings farthest from any playground: a playground
 * there covers dwellings that were not covered. */
static WmPoint
uncovered_spot (WmPlan *plan)
{
  GListModel *buildings = wm_plan_get_buildings (plan);
  GListModel *facilities = wm_plan_get_facilities (plan);
  WmPoint best = { 0, 0 };
  double best_distance = -1;

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr (WmBuilding) building = g_list_model_get_item (buildings, i);
      WmPoint c = wm_geometry_centroid (wm_building_get_footprint (building));
      double nearest = G_MAXDOUBLE;

      if (wm_building_get_n_dwellings (building) == 0)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (facilities); j++)
        {
          g_autoptr (WmFacility) facility = g_list_model_get_item (facilities, j);
          WmPoint p = wm_facility_get_location (facility);

          if (wm_facility_get_facility_type (facility) == WM_FACILITY_PLAYGROUND)
            nearest = MIN (nearest, hypot (p.x - c.x, p.y - c.y));
        }
      if (nearest > best_distance)
        {
          best_distance = nearest;
          best = c;
        }
    }
  g_assert_cmpfloat (best_distance, >, 200);
  return best;
}

/* A building the active scenario has not touched, with dwellings. */
static const char *
some_building (WmPlan *plan)
{
  GListModel *buildings = wm_plan_get_buildings (plan);

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr (WmBuilding) building = g_list_model_get_item (buildings, i);

      if (wm_building_get_n_dwellings (building) >= 4)
        return wm_building_get_id (building); /* the plan keeps it */
    }
  g_assert_not_reached ();
  return NULL;
}

/* Equal in every field but the id. */
static void
assert_same_content (WmProposal *a, WmProposal *b)
{
  g_assert_cmpstr (wm_proposal_get_id (a), !=, wm_proposal_get_id (b));
  g_assert_cmpint (wm_proposal_get_kind (a), ==, wm_proposal_get_kind (b));
  g_assert_true (wm_geometry_equal (wm_proposal_get_geometry (a), wm_proposal_get_geometry (b)));
  g_assert_true (g_strv_equal (wm_proposal_get_building_ids (a), wm_proposal_get_building_ids (b)));
  g_assert_cmpmem (wm_proposal_get_dwelling_delta (a), sizeof (WmDwellingMix),
                   wm_proposal_get_dwelling_delta (b), sizeof (WmDwellingMix));
  g_assert_cmpint (wm_proposal_get_facility_type (a), ==, wm_proposal_get_facility_type (b));
  g_assert_cmpstr (wm_proposal_get_facility_id (a), ==, wm_proposal_get_facility_id (b));
  g_assert_cmpstr (wm_proposal_get_name (a), ==, wm_proposal_get_name (b));
  g_assert_cmpint (wm_proposal_get_year (a), ==, wm_proposal_get_year (b));
  g_assert_cmpstr (wm_proposal_get_note (a), ==, wm_proposal_get_note (b));
  g_assert_cmpint (wm_proposal_get_dwelling_type (a), ==, wm_proposal_get_dwelling_type (b));
}

static GtkWindow *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return GTK_WINDOW (item);
    }
  return NULL;
}

static void
on_plan_loaded (WmWindow *window, gboolean success, gpointer user_data)
{
  *(int *) user_data = success ? 1 : 0;
}

static gboolean
result_set (gpointer result)
{
  return *(int *) result >= 0;
}

static void
test_scenarios (void)
{
  const WmChecklistEntry *copied_entry;
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmScenarioSwitcher *switcher = find_switcher (window);
  WmPlan *plan = wm_window_get_plan (window);
  WmHistory *history = wm_window_get_history (window);
  WmMapTools *tools = wm_window_get_map_tools (window);
  GListModel *scenarios = wm_plan_get_scenarios (plan);
  WmScenario *first = wm_plan_get_active_scenario (plan);
  g_autoptr (WmScenario) second = NULL;
  g_autoptr (WmProposal) playground = NULL;
  g_autoptr (WmProposal) demolition = NULL;
  g_autoptr (GError) error = NULL;
  const char *ids[2] = { NULL, NULL };
  double dwellings0, coverage0, coverage1, dwellings2;
  guint rows1, drawn1, undo_before;
  WmPoint spot;

  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
  g_assert_cmpstr (wm_scenario_switcher_get_label (switcher), ==, wm_scenario_get_name (first));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (wm_scenario_switcher_get_button (switcher))),
                   ==, "Scenario");
  dwellings0 = projected (window, "dwellings");
  coverage0 = projected (window, "coverage.playground");

  /* Scenario 1: a playground where there was none. */
  spot = uncovered_spot (plan);
  playground = wm_proposal_factory_add_facility (plan, NULL, WM_FACILITY_PLAYGROUND, spot.x, spot.y,
                                                 NULL, 2028, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (history, NULL, playground, -1, &error));
  g_assert_no_error (error);
  coverage1 = projected (window, "coverage.playground");
  g_assert_cmpfloat (coverage1, >, coverage0);
  g_assert_cmpfloat (projected (window, "dwellings"), ==, dwellings0);
  rows1 = n_rows (window);
  g_assert_cmpuint (rows1, ==, g_list_model_get_n_items (wm_scenario_get_proposals (first)));
  g_assert_cmpuint (rows1, >=, 1);
  drawn1 = n_drawn (window);

  /* A checklist entry the copy must take along. */
  wm_checklist_state_set (wm_checklist_state_get_for_plan (plan), wm_scenario_get_id (first),
                          "vision-shared",
                          &(WmChecklistEntry) { WM_CHECKLIST_STATUS_PLANNED, NULL, NULL,
                                                "in de wijkraad", 2027 });

  /* Duplicate: a second scenario, active, with copies under new ids; one undo step. */
  undo_before = wm_history_get_n_undo (history);
  second = g_object_ref (wm_scenario_switcher_duplicate_active (switcher));
  g_assert_nonnull (second);
  copied_entry = wm_checklist_state_lookup (wm_checklist_state_get_for_plan (plan),
                                            wm_scenario_get_id (second), "vision-shared");
  g_assert_nonnull (copied_entry);
  g_assert_cmpstr (copied_entry->note, ==, "in de wijkraad");
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, undo_before + 1);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);
  g_assert_true (wm_plan_get_active_scenario (plan) == second);
  g_assert_cmpstr (wm_scenario_get_name (second), ==, "Scenario 2");
  g_assert_cmpstr (wm_scenario_get_id (second), !=, wm_scenario_get_id (first));
  g_assert_cmpstr (wm_scenario_switcher_get_label (switcher), ==, "Scenario 2");
  g_assert_cmpuint (g_list_model_get_n_items (wm_scenario_get_proposals (second)), ==,
                    g_list_model_get_n_items (wm_scenario_get_proposals (first)));
  for (guint i = 0; i < g_list_model_get_n_items (wm_scenario_get_proposals (first)); i++)
    {
      g_autoptr (WmProposal) a = g_list_model_get_item (wm_scenario_get_proposals (first), i);
      g_autoptr (WmProposal) b = g_list_model_get_item (wm_scenario_get_proposals (second), i);

      g_assert_true (a != b);
      assert_same_content (a, b);
      /* Ids stay unique in the whole plan. */
      g_assert_null (wm_scenario_find_proposal (first, wm_proposal_get_id (b)));
    }
  g_assert_true (wm_indicator_engine_get_scenario (wm_window_get_engine (window)) == second);
  g_assert_cmpfloat (projected (window, "coverage.playground"), ==, coverage1);
  g_assert_cmpuint (n_rows (window), ==, rows1);

  /* One undo takes the whole duplicate back, one redo brings it again. */
  g_assert_true (wm_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
  g_assert_true (wm_plan_get_active_scenario (plan) == first);
  g_assert_null (wm_checklist_state_lookup (wm_checklist_state_get_for_plan (plan),
                                            wm_scenario_get_id (second), "vision-shared"));
  g_assert_cmpstr (wm_scenario_switcher_get_label (switcher), ==, wm_scenario_get_name (first));
  g_assert_cmpuint (g_list_model_get_n_items (wm_scenario_get_proposals (first)), ==, rows1);
  g_assert_true (wm_history_redo (history));
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);
  g_assert_true (wm_plan_get_active_scenario (plan) == second);
  g_assert_cmpuint (g_list_model_get_n_items (wm_scenario_get_proposals (second)), ==, rows1);

  /* Scenario 2 demolishes a building as well. */
  ids[0] = some_building (plan);
  demolition = wm_proposal_factory_demolish (plan, NULL, ids, 2030, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (history, NULL, demolition, -1, &error));
  g_assert_no_error (error);
  dwellings2 = projected (window, "dwellings");
  g_assert_cmpfloat (dwellings2, <, dwellings0);
  g_assert_cmpuint (n_rows (window), ==, rows1 + 1);
  g_assert_cmpuint (n_drawn (window), >, drawn1);
  wm_map_tools_select_proposal (tools, demolition);
  g_assert_true (wm_map_tools_get_selected_proposal (tools) == demolition);

  /* Back to scenario 1: everything follows, and the selection goes. */
  wm_scenario_switcher_activate (switcher, first);
  g_assert_true (wm_plan_get_active_scenario (plan) == first);
  g_assert_cmpstr (wm_scenario_switcher_get_label (switcher), ==, wm_scenario_get_name (first));
  g_assert_cmpfloat (projected (window, "dwellings"), ==, dwellings0);
  g_assert_cmpfloat (projected (window, "coverage.playground"), ==, coverage1);
  g_assert_cmpuint (n_rows (window), ==, rows1);
  g_assert_null (wm_map_tools_get_selected_proposal (tools));
  g_assert_cmpuint (n_drawn (window), ==, drawn1);
  /* And to scenario 2 again, through the history (undoable). */
  wm_scenario_switcher_activate (switcher, second);
  g_assert_cmpfloat (projected (window, "dwellings"), ==, dwellings2);
  g_assert_cmpuint (n_rows (window), ==, rows1 + 1);
  g_assert_true (wm_history_undo (history));
  g_assert_true (wm_plan_get_active_scenario (plan) == first);
  g_assert_cmpfloat (projected (window, "dwellings"), ==, dwellings0);
  g_assert_true (wm_history_redo (history));
  g_assert_true (wm_plan_get_active_scenario (plan) == second);

  /* Rename: an empty name is refused with the reason; a good one is trimmed. */
  g_assert_false (wm_scenario_switcher_rename (switcher, second, "   ", &error));
  g_assert_error (error, WM_SCENARIO_SWITCHER_ERROR, WM_SCENARIO_SWITCHER_ERROR_EMPTY_NAME);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  g_assert_cmpstr (wm_scenario_get_name (second), ==, "Scenario 2");
  g_assert_false (wm_scenario_switcher_rename (switcher, second, wm_scenario_get_name (first),
                                               &error));
  g_assert_error (error, WM_SCENARIO_SWITCHER_ERROR, WM_SCENARIO_SWITCHER_ERROR_NAME_TAKEN);
  g_clear_error (&error);
  g_assert_true (wm_scenario_switcher_rename (switcher, second, " B: sell and renovate ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wm_scenario_get_name (second), ==, "B: sell and renovate");
  g_assert_cmpstr (wm_scenario_switcher_get_label (switcher), ==, "B: sell and renovate");
  g_assert_true (wm_scenario_switcher_rename (switcher, first, "A: demolish and rebuild", &error));
  g_assert_no_error (error);

  /* Delete asks first when the scenario has changes; cancelling keeps it. */
  wm_scenario_switcher_delete_active (switcher);
  {
    GtkWindow *dialog = find_message_dialog ();

    g_assert_nonnull (dialog);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    gtk_window_destroy (dialog);
  }
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);

  /* Deleting down to one scenario works; the last one is refused with the reason. */
  g_assert_true (wm_scenario_switcher_remove (switcher, second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
  g_assert_true (wm_plan_get_active_scenario (plan) == first);
  g_assert_cmpfloat (projected (window, "dwellings"), ==, dwellings0);
  g_assert_false (wm_scenario_switcher_remove (switcher, first, &error));
  g_assert_error (error, WM_SCENARIO_SWITCHER_ERROR, WM_SCENARIO_SWITCHER_ERROR_LAST_SCENARIO);
  g_clear_error (&error);
  g_assert_null (wm_scenario_switcher_get_message (switcher));
  wm_scenario_switcher_delete_active (switcher);
  g_assert_nonnull (wm_scenario_switcher_get_message (switcher));
  g_assert_null (find_message_dialog ());
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
  g_assert_true (wm_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);
  g_assert_true (wm_plan_get_active_scenario (plan) == second);
  g_assert_cmpfloat (projected (window, "dwellings"), ==, dwellings2);

  /* A new empty scenario gets the next free default name. */
  {
    WmScenario *third = wm_scenario_switcher_add_new (switcher);

    g_assert_nonnull (third);
    g_assert_cmpstr (wm_scenario_get_name (third), ==, "Scenario 3");
    g_assert_true (wm_plan_get_active_scenario (plan) == third);
    g_assert_cmpuint (n_rows (window), ==, 0);
    g_assert_cmpfloat (projected (window, "dwellings"), ==, dwellings0);
    g_assert_true (wm_history_undo (history));
    g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);
    g_assert_true (wm_plan_get_active_scenario (plan) == second);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Both scenarios and which one is active survive a save and a reopen. */
static void
test_scenarios_save_and_reopen (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmScenarioSwitcher *switcher = find_switcher (window);
  WmPlan *plan = wm_window_get_plan (window);
  WmHistory *history = wm_window_get_history (window);
  g_autoptr (WmPlan) before = g_object_ref (plan);
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "scenarios.gpkg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmProposal) playground = NULL;
  WmScenario *first = wm_plan_get_active_scenario (plan);
  WmScenario *second, *reopened_active;
  int result = -1;

  playground = wm_proposal_factory_add_facility (plan, NULL, WM_FACILITY_PLAYGROUND,
                                                 uncovered_spot (plan).x, uncovered_spot (plan).y,
                                                 "Speeltuin", 2029, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (history, NULL, playground, -1, &error));
  second = wm_scenario_switcher_duplicate_active (switcher);
  g_assert_true (wm_scenario_switcher_rename (switcher, second, "Scenario B", &error));
  g_assert_true (wm_plan_get_active_scenario (plan) == second);
  g_assert_true (first != second);

  g_assert_true (wm_window_save_to (window, file, &error));
  g_assert_no_error (error);
  g_signal_connect (window, "plan-loaded", G_CALLBACK (on_plan_loaded), &result);
  wm_window_open_file (window, file);
  wm_test_wait_until (result_set, &result, "the saved file to open (\"plan-loaded\")");
  g_assert_cmpint (result, ==, 1);

  plan = wm_window_get_plan (window);
  g_assert_true (plan != before);
  g_assert_true (wm_plan_equal (plan, before));
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_scenarios (plan)), ==, 2);
  reopened_active = wm_plan_get_active_scenario (plan);
  g_assert_cmpstr (wm_scenario_get_name (reopened_active), ==, "Scenario B");
  g_assert_cmpstr (wm_scenario_switcher_get_label (switcher), ==, "Scenario B");
  /* The switcher works on the reopened plan, through its new history. */
  g_assert_true (wm_scenario_switcher_rename (switcher, reopened_active, "Scenario C", &error));
  g_assert_true (wm_history_get_can_undo (wm_window_get_history (window)));
  g_assert_cmpstr (wm_scenario_switcher_get_label (switcher), ==, "Scenario C");

  g_signal_handlers_disconnect_by_func (window, on_plan_loaded, &result);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static WmProposal *
proposal_on (const char *id, WmProposalKind kind, const char *building_id, int year,
             const WmDwellingMix *delta)
{
  const char *ids[] = { building_id, NULL };
  WmProposal *proposal = wm_proposal_new (id, kind);

  wm_proposal_set_building_ids (proposal, ids);
  wm_proposal_set_year (proposal, year);
  wm_proposal_set_dwelling_delta (proposal, delta);
  return proposal;
}

/* The Changes list shows the plan's order, the one validation and projection use: a
 * demolition created after a conversion, but completed earlier, is listed first; a demolition
 * of the converted building completed before the conversion is refused (wm-plan-check.h), and
 * so is a conversion of a building after its demolition. */
static void
test_scenarios_plan_order (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  WmHistory *history = wm_window_get_history (window);
  GListModel *buildings = wm_plan_get_buildings (plan);
  GListModel *rows = wm_proposal_list_get_model (wm_window_get_proposal_list (window));
  g_autoptr (WmProposal) convert = NULL;
  g_autoptr (WmProposal) early = NULL;
  g_autoptr (WmProposal) demolish = NULL;
  g_autoptr (WmProposal) late = NULL;
  g_autoptr (GHashTable) table = NULL;
  g_autoptr (GError) error = NULL;
  WmDwellingMix move = { { 0 } }, all[2] = { { { 0 } }, { { 0 } } };
  const char *building_id[2] = { NULL, NULL };
  guint n_before = g_list_model_get_n_items (rows);
  guint found = 0;

  for (guint i = 0; found < 2 && i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr (WmBuilding) building = g_list_model_get_item (buildings, i);
      const WmDwellingMix *mix = wm_building_get_dwellings (building);

      if (wm_dwelling_mix_total (mix) == 0)
        continue;
      building_id[found] = wm_building_get_id (building);
      for (guint t = 0; t < WM_N_SEGMENTS; t++)
        all[found].counts[t] = -mix->counts[t];
      for (guint s = 0; found == 0 && s < WM_N_SEGMENTS; s++)
        if (mix->counts[s] > 0)
          {
            move.counts[s] = -1;
            move.counts[(s + 1) % WM_N_SEGMENTS] = 1;
            break;
          }
      found++;
    }
  g_assert_cmpuint (found, ==, 2);

  convert = proposal_on ("order-convert", WM_PROPOSAL_CONVERT_TENURE, building_id[0], 2030, &move);
  g_assert_true (wm_history_add_proposal (history, NULL, convert, -1, &error));
  g_assert_no_error (error);

  /* Demolishing the converted building before the conversion: refused, nothing added. */
  early = proposal_on ("order-early", WM_PROPOSAL_DEMOLISH, building_id[0], 2027, &all[0]);
  g_assert_false (wm_history_add_proposal (history, NULL, early, -1, &error));
  g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_DEMOLISHED);
  g_assert_nonnull (strstr (error->message, building_id[0]));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_before + 1);

  demolish = proposal_on ("order-demolish", WM_PROPOSAL_DEMOLISH, building_id[1], 2027, &all[1]);
  g_assert_true (wm_history_add_proposal (history, NULL, demolish, -1, &error));
  g_assert_no_error (error);

  /* Listed by year: the demolition before the conversion, whatever the creation order. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_before + 2);
  {
    guint i_demolish = G_MAXUINT, i_convert = G_MAXUINT;

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr (WmProposal) row = g_list_model_get_item (rows, i);

        if (row == demolish)
          i_demolish = i;
        else if (row == convert)
          i_convert = i;
      }
    g_assert_cmpuint (i_demolish, <, i_convert);
    g_assert_cmpuint (i_convert, <, G_MAXUINT);
  }

  /* The same order in validation and in the projection the housing colours follow. */
  late = proposal_on ("order-late", WM_PROPOSAL_CONVERT_TENURE, building_id[1], 2030, &move);
  g_assert_false (wm_proposal_factory_validate (plan, NULL, WM_PROJECTED_ALL, late, &error));
  g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_DEMOLISHED);
  g_clear_error (&error);
  table = wm_projected_building_table (plan, NULL);
  g_assert_true (((WmProjectedBuilding *) g_hash_table_lookup (table, building_id[1]))->demolished);
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    g_assert_cmpint (((WmProjectedBuilding *) g_hash_table_lookup (table, building_id[1]))
                       ->dwellings.counts[s], ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  app = wm_test_init_app (&argc, &argv, &recovery_dir);

  g_test_add_func ("/scenarios/switch-duplicate-rename-delete", test_scenarios);
  g_test_add_func ("/scenarios/save-and-reopen", test_scenarios_save_and_reopen);
  g_test_add_func ("/scenarios/plan-order", test_scenarios_plan_order);
  return wm_test_run_app (&app, &recovery_dir);
}
