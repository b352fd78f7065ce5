/* test-tools.c: the editing tools on the demo: facility, new build, demolish, undo and redo */
#include "config.h"

#include <glib/gstdio.h>

#include "wm-application.h"
#include "wm-proposal-factory.h"
#include "wm-proposal-layer.h"
#include "wm-window.h"
#include "wm-test-util.h"

static WmApplication *app;
static char *recovery_dir;

static void
set_tool (WmWindow *window, const char *key)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", key));
  g_assert_cmpstr (wm_tool_key (wm_map_tools_get_tool (wm_window_get_map_tools (window))), ==, key);
}

static GListModel *
proposals (WmWindow *window)
{
  return wm_scenario_get_proposals (wm_plan_get_active_scenario (wm_window_get_plan (window)));
}

static WmProposal *
last_proposal (WmWindow *window)
{
  GListModel *list = proposals (window);
  g_autoptr (WmProposal) proposal = g_list_model_get_item (list, g_list_model_get_n_items (list) - 1);

  return proposal; /* the scenario keeps it */
}

static guint
n_drawn (WmWindow *window)
{
  WmMapView *view = wm_window_get_map_view (window);
  ShumateLayer *layer = wm_map_view_get_layer (view, "proposals");

  g_assert_nonnull (layer);
  g_assert_true (WM_IS_PROPOSAL_LAYER (layer));
  /* Counted while drawing: the next painted frame after a redraw is queued. */
  wm_test_wait_for_frames (GTK_WIDGET (layer), 1);
  return wm_proposal_layer_get_n_drawn (WM_PROPOSAL_LAYER (layer));
}

/* A building with dwellings (at least @min_social of social rent), not demolished, that is the
 * only thing under its point on screen, well inside the map; @skip: one to pass over. */
static WmBuilding *
find_building_with (WmWindow *window, const char *skip, int min_social, double *x, double *y)
{
  WmPlan *plan = wm_window_get_plan (window);
  WmMapTools *tools = wm_window_get_map_tools (window);
  WmMapView *view = wm_window_get_map_view (window);
  GListModel *buildings = wm_plan_get_buildings (plan);
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr (WmBuilding) building = g_list_model_get_item (buildings, i);
      WmGeometry *footprint = wm_building_get_footprint (building);
      WmPoint c = wm_geometry_centroid (footprint);
      gboolean demolished = FALSE;
      WmDwellingMix now;

      if (g_strcmp0 (wm_building_get_id (building), skip) == 0
          || wm_building_get_n_dwellings (building) < 2
          || wm_building_get_dwellings (building)->counts[WM_SEGMENT_SOCIAL_RENT] < min_social
          || !wm_geometry_contains_point (footprint, c.x, c.y))
        continue;
      now = wm_projected_building_dwellings (plan, NULL, WM_PROJECTED_ALL,
                                             wm_building_get_id (building), &demolished);
      if (demolished || wm_dwelling_mix_total (&now) < 2)
        continue;
      g_assert_true (wm_map_tools_rd_to_widget (tools, c.x, c.y, x, y));
      /* Clear of the palette and legend (left) and the inspector card (right). */
      if (*x < 160 || *y < 150 || *x > width - 380 || *y > height - 100)
        continue;
      return building;
    }
  g_assert_not_reached ();
  return NULL;
}

static WmBuilding *
find_building (WmWindow *window, const char *skip, double *x, double *y)
{
  return find_building_with (window, skip, 0, x, y);
}

/* The button labelled @label below @widget, or NULL. */
static GtkWidget *
find_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
set_spin (WmInspector *inspector, const char *name, int value)
{
  GtkWidget *spin = wm_inspector_get_field (inspector, name);

  g_assert_nonnull (spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
}

static void
error_has (WmInspector *inspector, const char *fragment)
{
  const char *error = wm_inspector_get_error (inspector);

  if (error == NULL || strstr (error, fragment) == NULL)
    g_error ("the inspector says “%s”, not “%s”", error ? error : "(nothing)", fragment);
}

static void
test_place_facility (WmWindow *window)
{
  WmMapTools *tools = wm_window_get_map_tools (window);
  WmInspector *inspector = wm_window_get_inspector (window);
  GListModel *rows = wm_proposal_list_get_model (wm_window_get_proposal_list (window));
  WmMapView *view = wm_window_get_map_view (window);
  guint before = g_list_model_get_n_items (proposals (window));
  guint drawn_before = n_drawn (window);
  WmProposal *proposal;
  WmGeometry *point;
  double x, y;

  set_tool (window, "facility");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (inspector)));
  g_assert_cmpstr (wm_inspector_get_heading (inspector), ==, "Facility");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (wm_inspector_get_field (inspector, "facility-type")),
                              WM_FACILITY_PLAYGROUND);

  /* With the keyboard: the crosshair starts at the centre; Enter places. */
  wm_map_tools_move_crosshair (tools, 20, 0);
  g_assert_true (wm_map_tools_get_crosshair (tools, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, gtk_widget_get_width (GTK_WIDGET (view)) / 2.0 + 20, 1);
  wm_map_tools_activate_crosshair (tools);

  g_assert_cmpuint (g_list_model_get_n_items (proposals (window)), ==, before + 1);
  proposal = last_proposal (window);
  g_assert_cmpint (wm_proposal_get_kind (proposal), ==, WM_PROPOSAL_ADD_FACILITY);
  g_assert_cmpint (wm_proposal_get_facility_type (proposal), ==, WM_FACILITY_PLAYGROUND);
  point = wm_proposal_get_geometry (proposal);
  g_assert_nonnull (point);
  {
    double px, py;
    g_assert_true (wm_map_tools_rd_to_widget (tools, point->points[0].x, point->points[0].y, &px, &py));
    g_assert_cmpfloat_with_epsilon (px, x, 1.5);
    g_assert_cmpfloat_with_epsilon (py, y, 1.5);
  }
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, before + 1);
  g_assert_cmpuint (n_drawn (window), ==, drawn_before + 1);
  g_assert_true (wm_window_get_modified (window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));
}

static void
test_new_build (WmWindow *window)
{
  WmMapTools *tools = wm_window_get_map_tools (window);
  WmInspector *inspector = wm_window_get_inspector (window);
  GListModel *rows = wm_proposal_list_get_model (wm_window_get_proposal_list (window));
  WmMapView *view = wm_window_get_map_view (window);
  guint before = g_list_model_get_n_items (proposals (window));
  double cx = gtk_widget_get_width (GTK_WIDGET (view)) / 2.0 - 60;
  double cy = gtk_widget_get_height (GTK_WIDGET (view)) / 2.0 + 40;
  GtkWidget *social, *type;
  WmProposal *proposal;

  set_tool (window, "new-build");
  g_assert_false (wm_map_tools_finish_polygon (tools));
  wm_map_tools_click_at (tools, cx, cy);
  wm_map_tools_click_at (tools, cx + 30, cy);
  wm_map_tools_click_at (tools, cx + 30, cy + 25);
  wm_map_tools_click_at (tools, cx, cy + 25);
  g_assert_cmpuint (wm_map_tools_get_n_sketch_points (tools), ==, 4);
  /* Enter without a crosshair closes the shape. */
  wm_map_tools_activate_crosshair (tools);
  g_assert_cmpint (wm_map_tools_get_selection_kind (tools), ==, WM_SELECTION_POLYGON);
  g_assert_cmpstr (wm_inspector_get_heading (inspector), ==, "New Build");

  /* A negative count is refused where it is typed, with the reason, and nothing is made. */
  social = wm_inspector_get_field (inspector, "count-social_rent");
  g_assert_nonnull (social);
  gtk_editable_set_text (GTK_EDITABLE (social), "-5");
  g_assert_nonnull (wm_inspector_get_error (inspector));
  g_assert_nonnull (strstr (wm_inspector_get_error (inspector), "negative"));
  g_assert_true (gtk_widget_has_css_class (social, "error"));
  g_assert_false (gtk_widget_get_sensitive (wm_inspector_get_confirm_button (inspector)));
  g_assert_false (wm_inspector_confirm (inspector));
  g_assert_cmpuint (g_list_model_get_n_items (proposals (window)), ==, before);

  /* The preset splits 40 dwellings in thirds over the segments. */
  gtk_editable_set_text (GTK_EDITABLE (wm_inspector_get_field (inspector, "total")), "40");
  gtk_spin_button_update (GTK_SPIN_BUTTON (wm_inspector_get_field (inspector, "total")));
  g_assert_null (wm_inspector_get_error (inspector));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (wm_inspector_get_field (inspector, "year")), 2028);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (wm_inspector_get_field (inspector, "type")),
                              WM_DWELLING_TYPE_HOUSE);
  g_assert_true (wm_inspector_confirm (inspector));

  g_assert_cmpuint (g_list_model_get_n_items (proposals (window)), ==, before + 1);
  proposal = last_proposal (window);
  g_assert_cmpint (wm_proposal_get_kind (proposal), ==, WM_PROPOSAL_NEW_BUILD);
  g_assert_cmpint (wm_dwelling_mix_total (wm_proposal_get_dwelling_delta (proposal)), ==, 40);
  g_assert_cmpint (wm_proposal_get_year (proposal), ==, 2028);
  g_assert_cmpint (wm_proposal_get_geometry (proposal)->n_points, ==, 4);
  /* It is selected, so it can be named right away. */
  g_assert_true (wm_map_tools_get_selected_proposal (tools) == proposal);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, before + 1);

  /* The chosen dwelling type is data of the proposal, editable and undoable in the card. */
  g_assert_cmpint (wm_proposal_get_dwelling_type (proposal), ==, WM_DWELLING_TYPE_HOUSE);
  type = wm_inspector_get_field (inspector, "dwelling-type");
  g_assert_nonnull (type);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (type)), ==, WM_DWELLING_TYPE_HOUSE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (type), WM_DWELLING_TYPE_SENIOR);
  g_assert_cmpint (wm_proposal_get_dwelling_type (proposal), ==, WM_DWELLING_TYPE_SENIOR);
  g_assert_nonnull (strstr (wm_history_get_undo_label (wm_window_get_history (window)),
                            "dwelling type"));
  g_assert_true (wm_history_undo (wm_window_get_history (window)));
  g_assert_cmpint (wm_proposal_get_dwelling_type (proposal), ==, WM_DWELLING_TYPE_HOUSE);
  /* The card follows the undo. */
  type = wm_inspector_get_field (inspector, "dwelling-type");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (type)), ==, WM_DWELLING_TYPE_HOUSE);
}

static void
test_demolish (WmWindow *window)
{
  WmMapTools *tools = wm_window_get_map_tools (window);
  WmInspector *inspector = wm_window_get_inspector (window);
  guint before = g_list_model_get_n_items (proposals (window));
  double x, y;
  WmBuilding *building = find_building (window, NULL, &x, &y);
  WmProposal *proposal;
  int dwellings = wm_building_get_n_dwellings (building);

  set_tool (window, "demolish");
  wm_map_tools_click_at (tools, x, y);
  g_assert_cmpstr (wm_map_tools_get_selected_buildings (tools)[0], ==, wm_building_get_id (building));
  g_assert_cmpstr (wm_inspector_get_heading (inspector), ==, "Demolish");
  g_assert_true (wm_inspector_confirm (inspector));

  g_assert_cmpuint (g_list_model_get_n_items (proposals (window)), ==, before + 1);
  proposal = last_proposal (window);
  g_assert_cmpint (wm_proposal_get_kind (proposal), ==, WM_PROPOSAL_DEMOLISH);
  g_assert_cmpstr (wm_proposal_get_building_ids (proposal)[0], ==, wm_building_get_id (building));
  g_assert_cmpint (wm_dwelling_mix_total (wm_proposal_get_dwelling_delta (proposal)), ==, -dwellings);

  /* Selecting it with the select tool finds the demolition on top of the building. */
  set_tool (window, "select");
  wm_map_tools_click_at (tools, x, y);
  g_assert_true (wm_map_tools_get_selected_proposal (tools) == proposal);
  g_assert_cmpstr (wm_inspector_get_heading (inspector), ==, "Demolition");
}

static void
test_refuse_convert (WmWindow *window)
{
  WmMapTools *tools = wm_window_get_map_tools (window);
  WmInspector *inspector = wm_window_get_inspector (window);
  guint before = g_list_model_get_n_items (proposals (window));
  double x, y;
  WmBuilding *building = find_building (window, wm_proposal_get_building_ids (last_proposal (window))[0],
                                        &x, &y);
  GtkWidget *n;
  g_autofree char *too_many = g_strdup_printf ("%d", wm_building_get_n_dwellings (building) + 100);

  set_tool (window, "convert");
  wm_map_tools_click_at (tools, x, y);
  g_assert_cmpstr (wm_inspector_get_heading (inspector), ==, "Convert Tenure");
  n = wm_inspector_get_field (inspector, "n");
  gtk_editable_set_text (GTK_EDITABLE (n), too_many);
  g_assert_nonnull (wm_inspector_get_error (inspector));
  g_assert_false (gtk_widget_get_sensitive (wm_inspector_get_confirm_button (inspector)));
  g_assert_false (wm_inspector_confirm (inspector));
  g_assert_cmpuint (g_list_model_get_n_items (proposals (window)), ==, before);

  /* One dwelling is fine. */
  gtk_editable_set_text (GTK_EDITABLE (n), "1");
  g_assert_null (wm_inspector_get_error (inspector));
  g_assert_true (wm_inspector_confirm (inspector));
  g_assert_cmpuint (g_list_model_get_n_items (proposals (window)), ==, before + 1);
  g_assert_cmpint (wm_proposal_get_kind (last_proposal (window)), ==, WM_PROPOSAL_CONVERT_TENURE);
}

static void
test_order_undo_redo (WmWindow *window)
{
  WmHistory *history = wm_window_get_history (window);
  GListModel *rows = wm_proposal_list_get_model (wm_window_get_proposal_list (window));
  guint n = g_list_model_get_n_items (proposals (window));
  g_autoptr (WmProposal) first = g_list_model_get_item (proposals (window), 0);
  g_autoptr (WmProposal) row0 = NULL;
  guint drawn = n_drawn (window);
  int previous = 0;

  /* The list is in order of year, whatever the order of making. */
  g_assert_true (wm_history_set_proposal_year (history, first, 2035, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (WmProposal) p = g_list_model_get_item (rows, i);
      int year = wm_proposal_get_year (p) == 0 ? G_MAXINT : wm_proposal_get_year (p);

      g_assert_cmpint (year, >=, previous);
      previous = year;
    }
  row0 = g_list_model_get_item (rows, n - 1);
  g_assert_true (row0 == first);

  /* Undo takes back the year, then the last change, and redo brings them back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (wm_proposal_get_year (first), !=, 2035);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (proposals (window)), ==, n - 1);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n - 1);
  g_assert_cmpuint (n_drawn (window), <, drawn);
  g_assert_true (wm_history_get_can_redo (history));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (proposals (window)), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
  g_assert_cmpuint (n_drawn (window), ==, drawn);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpint (wm_proposal_get_year (first), ==, 2035);
  g_assert_false (wm_history_get_can_redo (history));

  /* Undo everything: the plan is as loaded, and not modified. */
  while (wm_history_get_can_undo (history))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (proposals (window)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_false (wm_window_get_modified (window));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));
}

/* A sale and a demolition of the same block, made with the tools and edited in the card:
 * whatever would not fit together is refused where it is typed, with the reason, and the plan
 * stays as it was. */
static void
test_refuse_inconsistent (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmMapTools *tools = wm_window_get_map_tools (window);
  WmInspector *inspector = wm_window_get_inspector (window);
  WmHistory *history = wm_window_get_history (window);
  double x, y;
  WmBuilding *block = find_building_with (window, NULL, 2, &x, &y);
  const WmDwellingMix *mix = wm_building_get_dwellings (block);
  int social = mix->counts[WM_SEGMENT_SOCIAL_RENT];
  int sold = social / 2;
  g_autofree char *expected = NULL;
  g_autofree char *sale_name = g_strdup_printf (sold == 1 ? "Convert %d dwelling"
                                                          : "Convert %d dwellings", sold);
  WmProposal *sale, *demolition;
  GtkWidget *delete_button;
  guint n_undo;

  /* The block demolished in 2030, then a sale placed in 2027 before it. */
  set_tool (window, "demolish");
  wm_map_tools_click_at (tools, x, y);
  set_spin (inspector, "year", 2030);
  g_assert_true (wm_inspector_confirm (inspector));
  g_assert_cmpuint (g_list_model_get_n_items (proposals (window)), ==, 1);
  demolition = last_proposal (window);

  set_tool (window, "convert");
  wm_map_tools_click_at (tools, x, y);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (wm_inspector_get_field (inspector, "from")),
                              WM_SEGMENT_SOCIAL_RENT);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (wm_inspector_get_field (inspector, "to")),
                              WM_SEGMENT_OWNER_AFFORDABLE);
  set_spin (inspector, "n", sold);
  set_spin (inspector, "year", 2027);
  expected = g_strdup_printf ("“%s” (2030) demolishes %d social rent dwellings in building %s, "
                              "but after “%s” (2027) it has %d",
                              wm_proposal_get_name (demolition), social,
                              wm_building_get_id (block), sale_name, social - sold);
  error_has (inspector, expected);
  g_assert_false (gtk_widget_get_sensitive (wm_inspector_get_confirm_button (inspector)));
  g_assert_false (wm_inspector_confirm (inspector));
  g_assert_cmpuint (g_list_model_get_n_items (proposals (window)), ==, 1);

  /* In the other order it fits: the demolition takes what the sale leaves, exactly. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (proposals (window)), ==, 0);
  wm_map_tools_click_at (tools, x, y);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (wm_inspector_get_field (inspector, "from")),
                              WM_SEGMENT_SOCIAL_RENT);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (wm_inspector_get_field (inspector, "to")),
                              WM_SEGMENT_OWNER_AFFORDABLE);
  set_spin (inspector, "n", sold);
  set_spin (inspector, "year", 2027);
  g_assert_null (wm_inspector_get_error (inspector));
  g_assert_true (wm_inspector_confirm (inspector));
  sale = last_proposal (window);
  set_tool (window, "demolish");
  wm_map_tools_click_at (tools, x, y);
  set_spin (inspector, "year", 2030);
  g_assert_null (wm_inspector_get_error (inspector));
  g_assert_true (wm_inspector_confirm (inspector));
  demolition = last_proposal (window);
  g_assert_cmpint (wm_proposal_get_dwelling_delta (demolition)->counts[WM_SEGMENT_SOCIAL_RENT], ==,
                   -(social - sold));
  n_undo = wm_history_get_n_undo (history);

  /* The sale's year after the demolition: refused in the card. */
  set_tool (window, "select");
  wm_map_tools_select_proposal (tools, sale);
  g_assert_cmpstr (wm_inspector_get_heading (inspector), ==, "Tenure conversion");
  set_spin (inspector, "year", 2031);
  error_has (inspector, "demolishes it before");
  g_assert_true (gtk_widget_has_css_class (wm_inspector_get_field (inspector, "year"), "error"));
  g_assert_cmpint (wm_proposal_get_year (sale), ==, 2027);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, n_undo);

  /* Deleting the sale would leave the demolition removing dwellings never sold. */
  delete_button = find_button (GTK_WIDGET (inspector), "_Delete Change");
  g_assert_nonnull (delete_button);
  g_signal_emit_by_name (delete_button, "clicked");
  error_has (inspector, "affordable owner-occupied dwellings in building");
  g_assert_cmpuint (g_list_model_get_n_items (proposals (window)), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-selection", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (proposals (window)), ==, 2);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, n_undo);

  /* A year that keeps the order is fine. */
  set_spin (inspector, "year", 2029);
  g_assert_null (wm_inspector_get_error (inspector));
  g_assert_cmpint (wm_proposal_get_year (sale), ==, 2029);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_tools (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);

  g_assert_cmpuint (g_list_model_get_n_items (proposals (window)), ==, 0);
  g_assert_false (wm_window_get_modified (window));
  test_place_facility (window);
  test_new_build (window);
  test_demolish (window);
  test_refuse_convert (window);
  test_order_undo_redo (window);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  app = wm_test_init_app (&argc, &argv, &recovery_dir);

  g_test_add_func ("/tools/edit-undo-redo", test_tools);
  g_test_add_func ("/tools/refuse-inconsistent", test_refuse_inconsistent);
  /* The autosave may have written a copy: wm_test_run_app clears it away. */
  return wm_test_run_app (&app, &recovery_dir);
}
