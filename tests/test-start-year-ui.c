/* test-start-year-ui.c: the inspector's Start and Completion years on the demo (made with the
 * demolish tool, edited as one undo step, refused after the completion) and the Changes list
 * showing "2026–2028" */
#include "config.h"

#include <string.h>

#include "wm-application.h"
#include "wm-proposal-list.h"
#include "wm-window.h"
#include "wm-test-util.h"

static WmApplication *app;
static char *recovery_dir;

static void
set_spin (WmInspector *inspector, const char *name, int value)
{
  GtkWidget *spin = wm_inspector_get_field (inspector, name);

  g_assert_nonnull (spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
}

static int
spin_value (WmInspector *inspector, const char *name)
{
  GtkWidget *spin = wm_inspector_get_field (inspector, name);

  g_assert_nonnull (spin);
  return gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin));
}

/* Saves @widget's window as WM_SCREENSHOT_DIR/@name-<language>.png (only when that is set). */
static void
save_shot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("WM_SCREENSHOT_DIR");
  const char *lang = g_getenv ("LANGUAGE");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = NULL, *path = NULL;
  int width, height;

  if (dir == NULL || *dir == '\0')
    return;
  wm_test_wait_for_frames (widget, 2);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s-%s.png", name, lang != NULL && *lang ? lang : "en");
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot %s", path);
}

/* A visible label below @widget showing @text (@part: containing it). */
static gboolean
has_label (GtkWidget *widget, const char *text, gboolean part)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      const char *shown = gtk_label_get_text (GTK_LABEL (widget));

      if (part ? strstr (shown, text) != NULL : g_str_equal (shown, text))
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text, part))
      return TRUE;
  return FALSE;
}

typedef struct
{
  GtkWidget *list;
  const char *text;
} LabelWait;

static gboolean
list_shows (gpointer data)
{
  LabelWait *wait = data;

  return has_label (wait->list, wait->text, TRUE);
}

/* A building with social rent, alone under its centre, clear of the palette and the card. */
static WmBuilding *
find_building (WmWindow *window, double *x, double *y)
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

      if (wm_building_get_dwellings (building)->counts[WM_SEGMENT_SOCIAL_RENT] < 2 ||
          !wm_geometry_contains_point (footprint, c.x, c.y))
        continue;
      g_assert_true (wm_map_tools_rd_to_widget (tools, c.x, c.y, x, y));
      if (*x < 160 || *y < 150 || *x > width - 380 || *y > height - 100)
        continue;
      return building;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_start_year (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmMapTools *tools = wm_window_get_map_tools (window);
  WmInspector *inspector = wm_window_get_inspector (window);
  WmHistory *history = wm_window_get_history (window);
  GListModel *proposals = wm_scenario_get_proposals (wm_plan_get_active_scenario (
    wm_window_get_plan (window)));
  GtkWidget *list = GTK_WIDGET (wm_window_get_proposal_list (window));
  AdwViewStack *side = ADW_VIEW_STACK (wm_test_find_descendant (GTK_WIDGET (window),
                                                                ADW_TYPE_VIEW_STACK));
  g_autoptr (WmProposal) demolition = NULL;
  g_autofree char *expected = NULL;
  LabelWait wait = { list, NULL };
  guint n_before = g_list_model_get_n_items (proposals);
  guint n_undo;
  double x, y;

  find_building (window, &x, &y);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "demolish"));
  wm_map_tools_click_at (tools, x, y);
  g_assert_cmpstr (wm_inspector_get_heading (inspector), ==, "Demolish");
  /* The form says "Start" and "Completion". */
  g_assert_true (has_label (GTK_WIDGET (inspector), "Start", FALSE));
  g_assert_true (has_label (GTK_WIDGET (inspector), "Completion", FALSE));
  g_assert_false (has_label (GTK_WIDGET (inspector), "Year", FALSE));

  /* A start after the completion is refused where it is typed. */
  set_spin (inspector, "year", 2028);
  set_spin (inspector, "start-year", 2030);
  g_assert_nonnull (wm_inspector_get_error (inspector));
  g_assert_nonnull (strstr (wm_inspector_get_error (inspector),
                            "cannot start in 2030, after the completion in 2028"));
  g_assert_true (gtk_widget_has_css_class (wm_inspector_get_field (inspector, "start-year"),
                                           "error"));
  g_assert_false (wm_inspector_confirm (inspector));
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, n_before);

  set_spin (inspector, "start-year", 2026);
  g_assert_null (wm_inspector_get_error (inspector));
  g_assert_true (wm_inspector_confirm (inspector));
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, n_before + 1);
  demolition = g_list_model_get_item (proposals, n_before);
  g_assert_cmpint (wm_proposal_get_start_year (demolition), ==, 2026);
  g_assert_cmpint (wm_proposal_get_year (demolition), ==, 2028);

  /* The card now shows the change with both years. */
  g_assert_true (wm_map_tools_get_selected_proposal (tools) == demolition);
  g_assert_cmpint (spin_value (inspector, "start-year"), ==, 2026);
  g_assert_cmpint (spin_value (inspector, "year"), ==, 2028);

  /* The Changes list: "2026–2028 · Demolition". */
  adw_view_stack_set_visible_child_name (side, "changes");
  expected = g_strdup_printf ("2026–2028 · %s", wm_proposal_kind_label (WM_PROPOSAL_DEMOLISH));
  wait.text = expected;
  wm_test_wait_until (list_shows, &wait, "the Changes list showing 2026–2028");
  save_shot (GTK_WIDGET (window), "start-year-card");

  /* Another start in the card: one undo step, undone and redone. */
  n_undo = wm_history_get_n_undo (history);
  set_spin (inspector, "start-year", 2027);
  g_assert_null (wm_inspector_get_error (inspector));
  g_assert_cmpint (wm_proposal_get_start_year (demolition), ==, 2027);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, n_undo + 1);
  g_assert_nonnull (strstr (wm_history_get_undo_label (history), "Change the years of"));
  wait.text = "2027–2028 · ";
  wm_test_wait_until (list_shows, &wait, "the Changes list showing 2027–2028");
  g_assert_true (wm_history_undo (history));
  g_assert_cmpint (wm_proposal_get_start_year (demolition), ==, 2026);
  g_assert_cmpint (spin_value (inspector, "start-year"), ==, 2026);
  g_assert_true (wm_history_redo (history));
  g_assert_cmpint (wm_proposal_get_start_year (demolition), ==, 2027);

  /* After the completion: refused in the card, nothing changes. */
  n_undo = wm_history_get_n_undo (history);
  set_spin (inspector, "start-year", 2029);
  g_assert_nonnull (wm_inspector_get_error (inspector));
  g_assert_nonnull (strstr (wm_inspector_get_error (inspector), "starts in 2029, after its "
                                                                 "completion in 2028"));
  g_assert_true (gtk_widget_has_css_class (wm_inspector_get_field (inspector, "start-year"),
                                           "error"));
  g_assert_cmpint (wm_proposal_get_start_year (demolition), ==, 2027);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, n_undo);

  /* The same start as the completion: a single year in the list. */
  set_spin (inspector, "start-year", 2028);
  g_assert_null (wm_inspector_get_error (inspector));
  g_assert_cmpint (wm_proposal_get_start_year (demolition), ==, 2028);
  g_free (expected);
  expected = g_strdup_printf ("2028 · %s", wm_proposal_kind_label (WM_PROPOSAL_DEMOLISH));
  wait.text = expected;
  wm_test_wait_until (list_shows, &wait, "the Changes list showing 2028 alone");
  g_assert_false (has_label (list, "–2028 · ", TRUE));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The list's years text, the one the rows show. */
static void
test_format_years (void)
{
  g_autoptr (WmProposal) p = wm_proposal_new ("p", WM_PROPOSAL_DEMOLISH);
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  g_assert_null (wm_proposal_list_format_years (p));
  wm_proposal_set_year (p, 2029);
  a = wm_proposal_list_format_years (p);
  g_assert_cmpstr (a, ==, "2029");
  wm_proposal_set_start_year (p, 2026);
  b = wm_proposal_list_format_years (p);
  g_assert_cmpstr (b, ==, "2026–2029");
  wm_proposal_set_start_year (p, 2029);
  c = wm_proposal_list_format_years (p);
  g_assert_cmpstr (c, ==, "2029");
}

int
main (int argc, char *argv[])
{
  app = wm_test_init_app (&argc, &argv, &recovery_dir);

  g_test_add_func ("/start-year-ui/inspector-and-list", test_start_year);
  g_test_add_func ("/start-year-ui/format-years", test_format_years);
  return wm_test_run_app (&app, &recovery_dir);
}
