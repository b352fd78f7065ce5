/* test-window.c: the main window on the demo neighbourhood, opening a broken file, saving */
#include "config.h"

#include <glib/gstdio.h>

#include "wm-application.h"
#include "wm-crs.h"
#include "wm-checklist-panel.h"
#include "wm-indicator-panel.h"
#include "wm-project-file.h"
#include "wm-window.h"
#include "wm-window-private.h"
#include "wm-history.h"
#include "wm-proposal-factory.h"
#include "wm-test-util.h"
#include "wm-timeline.h"
#include "wm-timeline-bar.h"

static WmApplication *app;
static char *recovery_dir;

static void
on_plan_loaded (WmWindow *window, gboolean success, gpointer user_data)
{
  int *result = user_data;
  *result = success ? 1 : 0;
}

static gboolean
result_set (gpointer result)
{
  return *(int *) result >= 0;
}

/* Waits for the window's next "plan-loaded"; returns its success. */
static gboolean
wait_for_load (WmWindow *window, int *result)
{
  wm_test_wait_until (result_set, result, "the window to load a plan (\"plan-loaded\")");
  return *result == 1;
}

static void
test_window_demo (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  WmMapView *map_view = wm_window_get_map_view (window);
  ShumateViewport *viewport = wm_map_view_get_viewport (map_view);
  WmIndicatorPanel *panel;
  WmBounds bounds;
  double centre_lat, centre_lon, map_x, map_y;
  const char *const *layer_ids;

  g_assert_nonnull (plan);
  g_assert_true (wm_plan_get_illustrative (plan));
  g_assert_null (wm_window_get_file (window));
  g_assert_false (wm_window_get_shows_empty_notice (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, wm_plan_get_name (plan));

  /* The map is centred on the demo's planning areas: within 50 m of their centre. */
  bounds = wm_bounds_empty ();
  for (guint i = 0; i < g_list_model_get_n_items (wm_plan_get_areas (plan)); i++)
    {
      g_autoptr (WmArea) area = g_list_model_get_item (wm_plan_get_areas (plan), i);
      wm_bounds_union (&bounds, &wm_area_get_boundary (area)->bounds);
    }
  g_assert_false (wm_bounds_is_empty (&bounds));
  wm_crs_rd_to_wgs84 ((bounds.min_x + bounds.max_x) / 2, (bounds.min_y + bounds.max_y) / 2,
                      &centre_lat, &centre_lon);
  wm_crs_wgs84_to_rd (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                      shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), &map_x, &map_y);
  g_assert_cmpfloat (fabs (map_x - (bounds.min_x + bounds.max_x) / 2), <, 50);
  g_assert_cmpfloat (fabs (map_y - (bounds.min_y + bounds.max_y) / 2), <, 50);
  /* Zoomed in to neighbourhood scale, not the whole country. */
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 13);

  /* Its layers are there and shown. */
  layer_ids = wm_map_view_get_layer_ids (map_view);
  g_assert_true (g_strv_contains (layer_ids, "basemap"));
  g_assert_true (g_strv_contains (layer_ids, "facilities"));
  for (guint i = 0; layer_ids[i] != NULL; i++)
    g_assert_nonnull (wm_map_view_get_layer (map_view, layer_ids[i]));
  g_assert_true (wm_map_view_get_layer_visible (map_view, "basemap"));
  g_assert_true (wm_map_view_get_layer_visible (map_view, "facilities"));

  /* The side panel shows the demo's stock. */
  panel = WM_INDICATOR_PANEL (wm_test_find_descendant (GTK_WIDGET (window), WM_TYPE_INDICATOR_PANEL));
  g_assert_nonnull (panel);
  g_assert_true (wm_indicator_panel_get_engine (panel) == wm_window_get_engine (window));
  g_assert_nonnull (strstr (wm_indicator_panel_get_value_text (panel, "headline"), "dwellings"));

  /* Selecting an area on the map focuses the indicator panel on it, and back. */
  {
    g_autoptr (WmArea) area = g_list_model_get_item (wm_plan_get_areas (plan), 1);
    WmChecklistPanel *checklist_panel;

    wm_map_view_set_selected_area (map_view, wm_area_get_id (area));
    g_assert_cmpstr (wm_indicator_panel_get_area (panel), ==, wm_area_get_id (area));
    wm_indicator_panel_set_area (panel, NULL);
    g_assert_null (wm_map_view_get_selected_area (map_view));

    /* The roadmap page lists the checklist of the same plan. */
    checklist_panel = WM_CHECKLIST_PANEL (wm_test_find_descendant (GTK_WIDGET (window),
                                                           WM_TYPE_CHECKLIST_PANEL));
    g_assert_nonnull (checklist_panel);
    g_assert_true (wm_checklist_get_plan (wm_checklist_panel_get_checklist (checklist_panel))
                   == plan);
    g_assert_cmpuint (wm_checklist_panel_get_n_shown (checklist_panel), >, 0);
  }

  /* The window's actions exist. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-to-plan", NULL));

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWindow *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return GTK_WINDOW (item);
    }
  return NULL;
}

static void
test_window_open_broken (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *before = wm_window_get_plan (window);
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notes.gpkg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog;
  int result = -1;

  g_assert_true (g_file_set_contents (path, "just some notes, not a project\n", -1, NULL));
  g_signal_connect (window, "plan-loaded", G_CALLBACK (on_plan_loaded), &result);
  wm_window_open_file (window, file);
  g_assert_false (wait_for_load (window, &result));

  /* The app keeps running with the plan it had, and says what is wrong. */
  g_assert_true (wm_window_get_plan (window) == before);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                            "notes.gpkg"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "not a GeoPackage"));
  gtk_window_destroy (dialog);

  g_signal_handlers_disconnect_by_func (window, on_plan_loaded, &result);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_window_save_and_reopen (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  g_autoptr (WmPlan) demo = g_object_ref (wm_window_get_plan (window));
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "otterlo.gpkg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  int result = -1;

  g_assert_true (wm_window_save_to (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_equal (wm_window_get_file (window), file));

  g_signal_connect (window, "plan-loaded", G_CALLBACK (on_plan_loaded), &result);
  wm_window_open_file (window, file);
  g_assert_true (wait_for_load (window, &result));
  g_assert_true (wm_window_get_plan (window) != demo);
  g_assert_true (wm_plan_equal (wm_window_get_plan (window), demo));
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (
                              ADW_WINDOW_TITLE (adw_header_bar_get_title_widget (
                                ADW_HEADER_BAR (wm_test_find_descendant (GTK_WIDGET (window),
                                                                 ADW_TYPE_HEADER_BAR))))),
                            "otterlo.gpkg"));

  g_signal_handlers_disconnect_by_func (window, on_plan_loaded, &result);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* Changes go out and in as JSON (the CLI's format), in one undoable step; the indicators go
 * out as the CLI's report. */
static void
test_window_exchange (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  WmHistory *history = wm_window_get_history (window);
  GListModel *proposals = wm_scenario_get_proposals (wm_plan_get_active_scenario (plan));
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-test-XXXXXX", NULL);
  g_autofree char *changes_path = g_build_filename (dir, "changes.json", NULL);
  g_autofree char *report_path = g_build_filename (dir, "indicators.json", NULL);
  g_autofree char *broken_path = g_build_filename (dir, "broken.json", NULL);
  g_autoptr (GFile) changes = g_file_new_for_path (changes_path);
  g_autoptr (GFile) report = g_file_new_for_path (report_path);
  g_autoptr (GFile) broken = g_file_new_for_path (broken_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmProposal) facility = NULL;
  g_autofree char *text = NULL;
  WmPoint centre;
  WmBounds bounds = wm_plan_get_bounds (plan);

  centre.x = (bounds.min_x + bounds.max_x) / 2;
  centre.y = (bounds.min_y + bounds.max_y) / 2;
  facility = wm_proposal_factory_add_facility (plan, NULL, WM_FACILITY_PLAYGROUND, centre.x,
                                               centre.y, "Speelplek", 2028, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (history, NULL, facility, -1, &error));
  g_assert_true (wm_window_export_changes (window, changes, &error));
  g_assert_no_error (error);

  /* Importing adds a copy with a new id, and one undo takes it back. */
  g_assert_true (wm_window_import_changes (window, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 2);
  g_assert_true (wm_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 1);

  /* A broken document names its place and adds nothing. */
  g_assert_true (g_file_set_contents (broken_path, "{ \"proposals\": [ { \"kind\": }\n", -1, NULL));
  g_assert_false (wm_window_import_changes (window, broken, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "broken.json:1:"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 1);

  /* So does one whose proposals do not fit the plan: a demolition of all the social rent a
   * block had after a sale, and a new build without a footprint. */
  {
    g_autofree char *misfit_path = g_build_filename (dir, "misfit.json", NULL);
    g_autoptr (GFile) misfit = g_file_new_for_path (misfit_path);
    g_autofree char *json = NULL;
    GListModel *buildings = wm_plan_get_buildings (plan);
    const char *block = NULL;
    int social = 0;

    for (guint i = 0; block == NULL && i < g_list_model_get_n_items (buildings); i++)
      {
        g_autoptr (WmBuilding) building = g_list_model_get_item (buildings, i);

        social = wm_building_get_dwellings (building)->counts[WM_SEGMENT_SOCIAL_RENT];
        if (social >= 2)
          block = wm_building_get_id (building);
      }
    g_assert_nonnull (block);
    json = g_strdup_printf ("{ \"proposals\": [ { \"kind\": \"convert_tenure\", \"name\": \"Sale\","
                            " \"year\": 2027, \"buildings\": [\"%s\"], \"dwellings\":"
                            " { \"social_rent\": -1, \"mid_rent\": 1 } },"
                            " { \"kind\": \"demolish\", \"id\": \"block\", \"year\": 2030,"
                            " \"buildings\": [\"%s\"], \"dwellings\": { \"social_rent\": %d } } ] }",
                            block, block, -social);
    g_assert_true (g_file_set_contents (misfit_path, json, -1, NULL));
    g_assert_false (wm_window_import_changes (window, misfit, &error));
    g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_NOT_ENOUGH);
    g_assert_nonnull (strstr (error->message, "misfit.json: proposals[1] (proposal “block”): "));
    g_assert_nonnull (strstr (error->message, "but after “Sale” (2027) it has"));
    g_clear_error (&error);
    g_assert_true (g_file_set_contents (misfit_path, "{ \"proposals\": [ { \"kind\": "
                                        "\"new_build\", \"dwellings\": { \"mid_rent\": 4 } } ] }",
                                        -1, NULL));
    g_assert_false (wm_window_import_changes (window, misfit, &error));
    g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_GEOMETRY);
    g_assert_nonnull (strstr (error->message, "misfit.json: proposals[0] "));
    g_clear_error (&error);
    g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 1);
    g_assert_cmpstr (wm_history_get_undo_label (history), !=, "Undo Import misfit.json");
    g_unlink (misfit_path);
  }

  g_assert_true (wm_window_export_indicators (window, report, &error));
  g_assert_true (g_file_get_contents (report_path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"total\""));
  g_assert_nonnull (strstr (text, "\"areas\""));
  g_assert_nonnull (strstr (text, "\"coverage.playground\""));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (changes_path);
  g_unlink (report_path);
  g_unlink (broken_path);
  g_rmdir (dir);
}

/* A project without neighbourhood data says so on the map instead of showing nothing. */
static void
test_window_empty_project (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  g_autoptr (WmPlan) empty = wm_plan_new ();

  g_assert_false (wm_window_get_shows_empty_notice (window));
  wm_window_set_plan (window, empty, NULL);
  g_assert_true (wm_window_get_shows_empty_notice (window));
  wm_window_open_demo (window);
  g_assert_false (wm_window_get_shows_empty_notice (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A new window whose file does not open shows the demo behind the message, not an empty shell. */
static void
test_window_open_broken_first (void)
{
  WmWindow *window = wm_window_new (app);
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notes.gpkg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog;
  int result = -1;

  g_assert_true (g_file_set_contents (path, "not a project", -1, NULL));
  g_signal_connect (window, "plan-loaded", G_CALLBACK (on_plan_loaded), &result);
  gtk_window_present (GTK_WINDOW (window));
  wm_window_open_file (window, file);
  g_assert_false (wait_for_load (window, &result));
  g_assert_nonnull (wm_window_get_plan (window));
  g_assert_true (wm_plan_get_illustrative (wm_window_get_plan (window)));
  g_assert_null (wm_window_get_file (window));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);

  g_signal_handlers_disconnect_by_func (window, on_plan_loaded, &result);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* The timeline under the map: its year goes to the engine, the map and the subtitle; the
 * window's action plays and pauses. */
static void
test_window_timeline (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  WmHistory *history = wm_window_get_history (window);
  WmTimelineBar *bar = WM_TIMELINE_BAR (wm_window_get_timeline_bar (window));
  AdwWindowTitle *title =
    ADW_WINDOW_TITLE (wm_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE));
  g_autofree char *plain = NULL;
  int first, last;

  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_true (wm_timeline_bar_get_engine (bar) == wm_window_get_engine (window));
  plain = g_strdup (adw_window_title_get_subtitle (title));

  for (int i = 0; i < 2; i++)
    {
      g_autoptr (WmProposal) proposal = wm_proposal_new (i == 0 ? "p-t1" : "p-t2",
                                                         WM_PROPOSAL_NEW_BUILD);
      g_autoptr (WmGeometry) footprint = wm_test_square (181000 + 40 * i, 456000, 20);
      WmDwellingMix mix = { { 0 } };
      g_autoptr (GError) error = NULL;

      mix.counts[WM_SEGMENT_SOCIAL_RENT] = 12;
      wm_proposal_set_geometry (proposal, footprint);
      wm_proposal_set_dwelling_delta (proposal, &mix);
      wm_proposal_set_year (proposal, i == 0 ? 2027 : 2030);
      g_assert_true (wm_history_add_proposal (history, NULL, proposal, -1, &error));
      g_assert_no_error (error);
    }
  g_assert_true (wm_timeline_get_range (plan, NULL, &first, &last));
  g_assert_true (wm_timeline_bar_get_range (bar, NULL, NULL));
  g_assert_cmpint (first, <=, 2027);
  g_assert_cmpint (last, >=, 2030);

  wm_timeline_bar_set_year (bar, 2030);
  g_assert_cmpint (wm_indicator_engine_get_year (wm_window_get_engine (window)), ==, 2030);
  g_assert_cmpint (wm_map_view_get_year (wm_window_get_map_view (window)), ==, 2030);
  g_assert_true (g_str_has_prefix (adw_window_title_get_subtitle (title), "As of 2030 · "));

  g_assert_false (wm_timeline_bar_get_playing (bar));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.timeline-play", NULL));
  g_assert_true (wm_timeline_bar_get_playing (bar));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.timeline-play", NULL));
  g_assert_false (wm_timeline_bar_get_playing (bar));

  /* Back to the whole plan: the subtitle as before (the plan is modified now). */
  wm_timeline_bar_set_year (bar, 0);
  g_assert_cmpint (wm_map_view_get_year (wm_window_get_map_view (window)), ==, 0);
  g_assert_null (strstr (adw_window_title_get_subtitle (title), "As of"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  app = wm_test_init_app (&argc, &argv, &recovery_dir);

  g_test_add_func ("/window/demo", test_window_demo);
  g_test_add_func ("/window/open-broken", test_window_open_broken);
  g_test_add_func ("/window/open-broken-first", test_window_open_broken_first);
  g_test_add_func ("/window/save-and-reopen", test_window_save_and_reopen);
  g_test_add_func ("/window/exchange", test_window_exchange);
  g_test_add_func ("/window/empty-project", test_window_empty_project);
  g_test_add_func ("/window/timeline", test_window_timeline);
  return wm_test_run_app (&app, &recovery_dir);
}
