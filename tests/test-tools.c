/* test-tools.c: the editing tools on the demo: facility, new build, demolish, undo and redo;
 * clicks on facilities and the Changes list on the map */
#include "config.h"

#include <glib/gstdio.h>

#include "wm-application.h"
#include "wm-crs.h"
#include "wm-indicator-panel.h"
#include "wm-proposal-factory.h"
#include "wm-proposal-layer.h"
#include "wm-sketch-layer.h"
#include "wm-tool-palette.h"
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
  WmHistory *history = wm_window_get_history (window);
  WmProposal *proposal;
  GtkWidget *share;
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

  /* The share that returns is set in the card, in percent, as one undoable step. */
  g_assert_cmpfloat (wm_proposal_get_return_share (proposal), ==, 0.0);
  share = wm_inspector_get_field (inspector, "return-share");
  g_assert_nonnull (share);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (share)), ==, 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (share), 40);
  g_assert_cmpfloat (wm_proposal_get_return_share (proposal), ==, 0.4);
  g_assert_null (wm_inspector_get_error (inspector));
  g_assert_nonnull (strstr (wm_history_get_undo_label (history), "return share"));
  g_assert_true (wm_history_undo (history));
  g_assert_cmpfloat (wm_proposal_get_return_share (proposal), ==, 0.0);
  /* The card follows the undo, and redo brings it back. */
  share = wm_inspector_get_field (inspector, "return-share");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (share)), ==, 0);
  g_assert_true (wm_history_redo (history));
  g_assert_cmpfloat (wm_proposal_get_return_share (proposal), ==, 0.4);
  share = wm_inspector_get_field (inspector, "return-share");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (share)), ==, 40);
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

static const char *
label_text (WmInspector *inspector, const char *name)
{
  GtkWidget *label = wm_inspector_get_field (inspector, name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The demolish form's "Dwellings lost" counts what the buildings hold at the demolition's own
 * place in the plan's order, as the factory records it, and follows the year typed. */
static void
test_demolish_preview (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  WmMapTools *tools = wm_window_get_map_tools (window);
  WmInspector *inspector = wm_window_get_inspector (window);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmProposal) sale = NULL;
  double x, y;
  WmBuilding *block = find_building_with (window, NULL, 2, &x, &y);
  int social = wm_building_get_dwellings (block)->counts[WM_SEGMENT_SOCIAL_RENT];
  int sold = social / 2;
  const char *name = wm_segment_table_get_name (wm_segment_table_get_default (),
                                                WM_SEGMENT_SOCIAL_RENT);
  g_autofree char *all = g_strdup_printf ("−%d %s", social, name);
  g_autofree char *left = g_strdup_printf ("−%d %s", social - sold, name);
  int owners = wm_building_get_dwellings (block)->counts[WM_SEGMENT_OWNER_AFFORDABLE];
  g_autofree char *sold_to = g_strdup_printf (
    "−%d %s", owners + sold,
    wm_segment_table_get_name (wm_segment_table_get_default (), WM_SEGMENT_OWNER_AFFORDABLE));
  WmProposal *demolition;

  /* Half the block's social rent sold in 2027. */
  sale = wm_proposal_factory_convert_tenure (plan, NULL, wm_building_get_id (block),
                                             WM_SEGMENT_SOCIAL_RENT, WM_SEGMENT_OWNER_AFFORDABLE,
                                             sold, 2027, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (wm_window_get_history (window), NULL, sale, -1,
                                          &error));
  g_assert_no_error (error);

  /* Demolished in 2030: what the sale leaves. */
  set_tool (window, "demolish");
  wm_map_tools_click_at (tools, x, y);
  set_spin (inspector, "year", 2030);
  g_assert_true (g_str_has_prefix (label_text (inspector, "lost"), left));
  g_assert_nonnull (strstr (label_text (inspector, "lost"), sold_to));
  /* Demolished in 2025, before the sale: all of it. */
  set_spin (inspector, "year", 2025);
  g_assert_true (g_str_has_prefix (label_text (inspector, "lost"), all));
  g_assert_null (strstr (label_text (inspector, "lost"), sold_to));

  /* Back to 2030: the demolition made removes what the preview said. */
  set_spin (inspector, "year", 2030);
  g_assert_true (g_str_has_prefix (label_text (inspector, "lost"), left));
  g_assert_true (wm_inspector_confirm (inspector));
  demolition = last_proposal (window);
  g_assert_cmpint (wm_proposal_get_dwelling_delta (demolition)->counts[WM_SEGMENT_SOCIAL_RENT], ==,
                   -(social - sold));

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

/* A click as the map gets it: the tools' gesture and the view's area selection both see it. */
static void
click (WmWindow *window, double x, double y)
{
  wm_map_view_click_at (wm_window_get_map_view (window), x, y);
  wm_map_tools_click_at (wm_window_get_map_tools (window), x, y);
}

static gboolean
on_screen (WmWindow *window, WmPoint p, double *x, double *y)
{
  WmMapView *view = wm_window_get_map_view (window);
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  g_assert_true (wm_map_tools_rd_to_widget (wm_window_get_map_tools (window), p.x, p.y, x, y));
  /* Clear of the legend and palette (left, top) and the inspector card (right). */
  return *x > 160 && *y > 260 && *x < width - 380 && *y < height - 100;
}

/* Clicking a facility selects it and leaves the indicator panel on its area; a click beside
 * it still selects the area. */
static void
test_facility_click_keeps_area (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  WmMapTools *tools = wm_window_get_map_tools (window);
  WmMapView *view = wm_window_get_map_view (window);
  WmIndicatorPanel *panel =
    WM_INDICATOR_PANEL (wm_test_find_descendant (GTK_WIDGET (window), WM_TYPE_INDICATOR_PANEL));
  GListModel *facilities = wm_plan_get_facilities (plan);
  WmFacility *facility = NULL;
  WmArea *facility_area = NULL, *other = NULL;
  double fx = 0, fy = 0, ox = 0, oy = 0;
  g_autoptr (WmProposal) garden = NULL;
  g_autoptr (GError) error = NULL;
  WmPoint garden_at;
  double gx, gy;

  g_assert_nonnull (panel);
  for (guint i = 0; i < g_list_model_get_n_items (facilities) && facility == NULL; i++)
    {
      g_autoptr (WmFacility) f = g_list_model_get_item (facilities, i);
      WmPoint p = wm_facility_get_location (f);

      facility_area = wm_plan_area_at (plan, p.x, p.y);
      if (facility_area != NULL && on_screen (window, p, &fx, &fy))
        facility = f;
    }
  g_assert_nonnull (facility);

  /* Another area, clicked where no facility is: the panel follows. */
  for (guint i = 0; i < g_list_model_get_n_items (wm_plan_get_areas (plan)) && other == NULL; i++)
    {
      g_autoptr (WmArea) area = g_list_model_get_item (wm_plan_get_areas (plan), i);
      WmPoint c = wm_geometry_centroid (wm_area_get_boundary (area));

      if (area != facility_area && wm_plan_area_at (plan, c.x, c.y) == area
          && on_screen (window, c, &ox, &oy) && hypot (ox - fx, oy - fy) > 60)
        other = area;
    }
  g_assert_nonnull (other);
  click (window, ox, oy);
  g_assert_cmpstr (wm_indicator_panel_get_area (panel), ==, wm_area_get_id (other));

  /* The facility: selected for the inspector, the panel stays on the other area. */
  click (window, fx, fy);
  g_assert_cmpint (wm_map_tools_get_selection_kind (tools), ==, WM_SELECTION_FACILITY);
  g_assert_cmpstr (wm_map_tools_get_selected_id (tools), ==, wm_facility_get_id (facility));
  g_assert_cmpstr (wm_indicator_panel_get_area (panel), ==, wm_area_get_id (other));
  g_assert_cmpstr (wm_map_view_get_selected_area (view), ==, wm_area_get_id (other));

  /* A proposed facility the same: the click selects the proposal only. */
  garden_at = wm_geometry_centroid (wm_area_get_boundary (facility_area));
  garden = wm_proposal_factory_add_facility (plan, NULL, WM_FACILITY_SHARED_GARDEN, garden_at.x,
                                             garden_at.y, NULL, 2028, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (wm_window_get_history (window), NULL, garden, -1,
                                          &error));
  wm_map_tools_rd_to_widget (tools, garden_at.x, garden_at.y, &gx, &gy);
  click (window, gx, gy);
  g_assert_true (wm_map_tools_get_selected_proposal (tools) == garden);
  g_assert_cmpstr (wm_indicator_panel_get_area (panel), ==, wm_area_get_id (other));

  /* Beside the facility, clear of every symbol: the click selects the area there again. */
  {
    static const double offsets[][2] = { { 45, 0 }, { 0, 45 }, { -45, 0 }, { 0, -45 },
                                         { 70, 70 }, { -70, 70 }, { 70, -70 }, { -70, -70 } };
    WmArea *beside = NULL;
    double bx = 0, by = 0;

    for (guint k = 0; k < G_N_ELEMENTS (offsets) && beside == NULL; k++)
      {
        double rx, ry;
        gboolean clear = hypot (fx + offsets[k][0] - gx, fy + offsets[k][1] - gy) > 40;

        bx = fx + offsets[k][0];
        by = fy + offsets[k][1];
        for (guint i = 0; i < g_list_model_get_n_items (facilities) && clear; i++)
          {
            g_autoptr (WmFacility) f = g_list_model_get_item (facilities, i);
            WmPoint p = wm_facility_get_location (f);
            double px, py;

            wm_map_tools_rd_to_widget (tools, p.x, p.y, &px, &py);
            clear = hypot (px - bx, py - by) > 40;
          }
        g_assert_true (wm_map_tools_widget_to_rd (tools, bx, by, &rx, &ry));
        if (clear && wm_plan_area_at (plan, rx, ry) != NULL
            && wm_plan_area_at (plan, rx, ry) != other)
          beside = wm_plan_area_at (plan, rx, ry);
      }
    g_assert_nonnull (beside);
    g_assert_true (wm_map_view_click_at (view, bx, by));
    g_assert_cmpstr (wm_indicator_panel_get_area (panel), ==, wm_area_get_id (beside));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static WmSketchLayer *
sketch_layer (WmWindow *window)
{
  GtkWidget *map = GTK_WIDGET (wm_map_view_get_map (wm_window_get_map_view (window)));

  for (GtkWidget *child = gtk_widget_get_first_child (map); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (WM_IS_SKETCH_LAYER (child))
      return WM_SKETCH_LAYER (child);
  g_assert_not_reached ();
  return NULL;
}

static void
get_centre (WmMapView *view, double *lat, double *lon)
{
  ShumateViewport *viewport = wm_map_view_get_viewport (view);

  *lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  *lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
}

/* Choosing a change in the list highlights it on the map and brings it into view, without
 * moving the map when it is in view already. */
static void
test_list_shows_change (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  WmMapTools *tools = wm_window_get_map_tools (window);
  WmMapView *view = wm_window_get_map_view (window);
  ShumateViewport *viewport = wm_map_view_get_viewport (view);
  GtkWidget *list_view = wm_test_find_descendant (GTK_WIDGET (wm_window_get_proposal_list (window)),
                                                  GTK_TYPE_LIST_VIEW);
  GtkSingleSelection *selection;
  GListModel *rows = wm_proposal_list_get_model (wm_window_get_proposal_list (window));
  g_autoptr (WmGeometry) footprint = wm_test_square (181440, 457600, 40);
  WmDwellingMix mix = { { 10, 8, 0, 6, 0 } };
  g_autoptr (WmProposal) build = NULL;
  g_autoptr (WmProposal) garden = NULL;
  g_autoptr (GError) error = NULL;
  double lat, lon, lat2, lon2, zoom;
  guint build_row = 0;

  g_assert_nonnull (list_view);
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  build = wm_proposal_factory_new_build (plan, NULL, footprint, &mix, WM_DWELLING_TYPE_APARTMENT,
                                         2029, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (wm_window_get_history (window), NULL, build, -1, &error));
  garden = wm_proposal_factory_add_facility (plan, NULL, WM_FACILITY_SHARED_GARDEN, 180900,
                                             457000, NULL, 2030, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (wm_window_get_history (window), NULL, garden, -1,
                                          &error));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (WmProposal) row = g_list_model_get_item (rows, i);
      if (row == build)
        build_row = i;
    }

  /* Close in on the garden, far from the new build. */
  wm_crs_rd_to_wgs84 (180900, 457000, &lat, &lon);
  shumate_viewport_set_zoom_level (viewport, 18);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  wm_test_wait_for_frames (GTK_WIDGET (view), 1);
  g_assert_false (wm_map_view_bounds_visible (view, &footprint->bounds));

  /* Chosen in the list: selected, drawn as the selection, and in view at the same zoom. */
  gtk_single_selection_set_selected (selection, build_row);
  g_assert_true (wm_map_tools_get_selected_proposal (tools) == build);
  wm_test_wait_for_frames (GTK_WIDGET (view), 1);
  g_assert_cmpuint (wm_sketch_layer_get_n_selected (sketch_layer (window)), ==, 1);
  g_assert_true (wm_map_view_bounds_visible (view, &footprint->bounds));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 18);
  /* In the middle of the map, but clear of the inspector card that shows it on the right. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (wm_window_get_inspector (window))));
  {
    double x, y;
    graphene_rect_t card;

    g_assert_true (wm_map_tools_rd_to_widget (tools, 181460, 457620, &x, &y));
    g_assert_cmpfloat (fabs (y - gtk_widget_get_height (GTK_WIDGET (view)) / 2.0), <, 3);
    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (wm_window_get_inspector (window)),
                                              GTK_WIDGET (view), &card));
    graphene_rect_t palette;
    GtkWidget *palette_widget = wm_test_find_descendant (GTK_WIDGET (window), WM_TYPE_TOOL_PALETTE);

    g_assert_true (gtk_widget_compute_bounds (palette_widget, GTK_WIDGET (view), &palette));
    double x0, y0, x1, y1;

    /* Between the palette and the card, not in the middle of the whole map under the card. */
    g_assert_true (wm_map_tools_rd_to_widget (tools, 181440, 457600, &x0, &y0));
    g_assert_true (wm_map_tools_rd_to_widget (tools, 181480, 457640, &x1, &y1));
    g_assert_cmpfloat (x0, >, palette.origin.x + palette.size.width);
    g_assert_cmpfloat (x1, <, card.origin.x);
    g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (view)) / 2.0 - 50);
  }
  /* Moved a little, the new build still in view: choosing it again does not move the map. */
  {
    GtkWidget *map = GTK_WIDGET (wm_map_view_get_map (view));

    shumate_viewport_widget_coords_to_location (viewport, map, gtk_widget_get_width (map) / 2.0 - 30,
                                                gtk_widget_get_height (map) / 2.0 + 20, &lat, &lon);
    shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  }
  wm_test_wait_for_frames (GTK_WIDGET (view), 1);
  g_assert_true (wm_map_view_bounds_visible (view, &footprint->bounds));
  get_centre (view, &lat, &lon);
  zoom = shumate_viewport_get_zoom_level (viewport);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (selection, build_row);
  g_assert_true (wm_map_tools_get_selected_proposal (tools) == build);
  get_centre (view, &lat2, &lon2);
  g_assert_cmpfloat (lat2, ==, lat);
  g_assert_cmpfloat (lon2, ==, lon);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, zoom);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  app = wm_test_init_app (&argc, &argv, &recovery_dir);

  g_test_add_func ("/tools/edit-undo-redo", test_tools);
  g_test_add_func ("/tools/facility-click-keeps-area", test_facility_click_keeps_area);
  g_test_add_func ("/tools/list-shows-change", test_list_shows_change);
  g_test_add_func ("/tools/refuse-inconsistent", test_refuse_inconsistent);
  g_test_add_func ("/tools/demolish-preview", test_demolish_preview);
  /* The autosave may have written a copy: wm_test_run_app clears it away. */
  return wm_test_run_app (&app, &recovery_dir);
}
