/* test-comparison-view.c: the comparison window, opened through win.compare-scenarios on the
 * demo with three scenarios: its table equals the comparison and fresh engines, it follows
 * edits, shows the difference of two scenarios, and opens on a plan of one scenario too.
 *
 * With WM_SCREENSHOT_DIR set it saves a PNG of the window; with WM_SHOT_PROJECT=FILE as well
 * (e.g. made by tools/sample-plan) that picture is of the project in FILE. */
#include "config.h"

#include <math.h>

#include "wm-proposal-factory.h"
#include "wm-proposal-json.h"
#include "wm-render-format.h"
#include "wm-scenario-switcher.h"
#include "wm-test-util.h"
#include "wm-window-private.h"

static WmApplication *app;
static char *recovery_dir;

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

static WmScenario *
nth_scenario (WmPlan *plan, guint i)
{
  g_autoptr (WmScenario) s = g_list_model_get_item (wm_plan_get_scenarios (plan), i);

  return s; /* the plan holds it */
}

/* On the window's demo, through its history: "Sloop-nieuwbouw" (the Haarwijk-like plan),
 * "Meer sociaal" (a copy with Hofblok A holding more social rent, in 2030), "Verkoop" (six
 * social-rent homes sold). */
static void
make_three_scenarios (WmWindow *window)
{
  WmPlan *plan = wm_window_get_plan (window);
  WmHistory *history = wm_window_get_history (window);
  WmScenario *first = wm_plan_get_active_scenario (plan);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo",
                                                 "haarwijk-like.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) proposals = NULL;
  g_autoptr (WmProposal) sale = NULL;
  WmScenario *second, *third;
  WmProposal *block;
  WmDwellingMix mix = { { 0 } };

  wm_history_rename_scenario (history, first, "Sloop-nieuwbouw");
  g_assert_true (g_file_get_contents (path, &json, NULL, &error));
  proposals = wm_proposals_from_json_data (json, -1, "haarwijk-like.json", plan, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposals (history, first, proposals, "Haarwijk", NULL, &error));
  g_assert_no_error (error);

  second = wm_history_duplicate_scenario (history, first, "Meer sociaal", FALSE, &error);
  g_assert_no_error (error);
  block = find_by_name (second, "Hofblok A");
  mix.counts[WM_SEGMENT_SOCIAL_RENT] = 14;
  mix.counts[WM_SEGMENT_MID_RENT] = 4;
  g_assert_true (wm_history_set_proposal_delta (history, block, &mix, &error));
  g_assert_true (wm_history_set_proposal_year (history, block, 2030, &error));
  g_assert_no_error (error);

  third = wm_scenario_new ("scenario-verkoop", "Verkoop");
  wm_history_add_scenario (history, third, FALSE);
  g_object_unref (third);
  sale = wm_proposal_factory_convert_tenure (plan, third, "0228100000011457",
                                             WM_SEGMENT_SOCIAL_RENT, WM_SEGMENT_OWNER_AFFORDABLE,
                                             6, 2027, &error);
  g_assert_no_error (error);
  wm_proposal_set_name (sale, "Verkoop bij mutatie");
  g_assert_true (wm_history_add_proposal (history, third, sale, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_scenarios (plan)), ==, 3);
}

static WmComparisonView *
open_comparison (WmWindow *window)
{
  WmComparisonView *view;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-scenarios", NULL));
  view = wm_window_get_comparison_view (window);
  g_assert_nonnull (view);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (view)) == GTK_WINDOW (window));
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (view)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  return view;
}

/* What a value should read: shares with one decimal, indices with two, counts whole. */
static char *
expected_text (const char *key, WmIndicatorEngine *engine, WmIndicatorState state)
{
  double v;

  if (!wm_indicator_engine_is_defined (engine, key, NULL, state))
    return g_strdup ("–");
  v = wm_indicator_engine_get (engine, key, NULL, state);
  switch (wm_indicator_key_scale (key))
    {
    case WM_INDICATOR_SCALE_SHARE:
      return wm_render_format_percent (v, 1);
    case WM_INDICATOR_SCALE_INDEX:
      return wm_render_format_number (v, 2);
    default:
      return wm_render_format_number (v, 0);
    }
}

static void
assert_same (double a, double b, const char *what)
{
  if (isnan (a) && isnan (b))
    return;
  if (a != b)
    g_error ("%s: %.17g != %.17g", what, a, b);
}

/* The table shows what wm_scenario_comparison_new() and a fresh engine per scenario give. */
static void
assert_table_matches (WmComparisonView *view, WmPlan *plan)
{
  g_autoptr (WmScenarioComparison) fresh = wm_scenario_comparison_new (plan, NULL, 0, NULL);
  const WmScenarioComparison *shown = wm_comparison_view_get_comparison (view);
  guint n = fresh->scenarios->len;

  g_assert_cmpuint (wm_comparison_view_get_n_columns (view), ==, n);
  g_assert_cmpuint (shown->rows->len, ==, fresh->rows->len);
  for (guint s = 0; s < n; s++)
    {
      const WmComparisonScenario *entry = &g_array_index (fresh->scenarios, WmComparisonScenario, s);
      g_autoptr (WmIndicatorEngine) engine = wm_indicator_engine_new (plan, entry->scenario);
      g_autofree char *checklist = wm_render_format_count ((int) entry->n_checklist_items);
      g_autofree char *rehouse = wm_render_format_count ((int) entry->households_to_rehouse);

      g_assert_true (g_array_index (shown->scenarios, WmComparisonScenario, s).scenario
                     == entry->scenario);
      g_assert_cmpstr (wm_comparison_view_get_value_text (view, WM_COMPARISON_VIEW_ROW_CHECKLIST,
                                                          s + 1), ==, checklist);
      g_assert_cmpstr (wm_comparison_view_get_value_text (view, WM_COMPARISON_VIEW_ROW_REHOUSE,
                                                          s + 1), ==, rehouse);
      for (guint r = 0; r < fresh->rows->len; r++)
        {
          const WmComparisonRow *row = &g_array_index (fresh->rows, WmComparisonRow, r);
          const WmComparisonRow *srow = &g_array_index (shown->rows, WmComparisonRow, r);
          const WmComparisonCell *cell = &g_array_index (row->cells, WmComparisonCell, s);
          const WmComparisonCell *scell = &g_array_index (srow->cells, WmComparisonCell, s);
          g_autofree char *value = expected_text (row->key, engine, WM_INDICATOR_PROJECTED);
          g_autofree char *baseline = expected_text (row->key, engine, WM_INDICATOR_BASELINE);

          g_assert_cmpstr (srow->key, ==, row->key);
          assert_same (scell->value, cell->value, row->key);
          g_assert_cmpint (scell->verdict, ==, cell->verdict);
          if (g_str_equal (row->key, "households_to_rehouse"))
            continue; /* a count row of its own below */
          g_assert_cmpstr (wm_comparison_view_get_value_text (view, row->key, s + 1), ==, value);
          g_assert_cmpstr (wm_comparison_view_get_value_text (view, row->key, 0), ==, baseline);
          g_assert_cmpint (wm_comparison_view_get_marked_best (view, row->key, s + 1), ==,
                           cell->best);
          g_assert_nonnull (strstr (wm_comparison_view_get_cell_label (view, row->key, s + 1),
                                    wm_scenario_get_name (entry->scenario)));
          g_assert_nonnull (strstr (wm_comparison_view_get_cell_label (view, row->key, s + 1),
                                    row->label));
        }
    }
  g_assert_null (wm_comparison_view_get_value_text (view, "share.social_rent", n + 1));
}

static gboolean
maps_drawn (gpointer data)
{
  return !wm_comparison_view_get_maps_pending (WM_COMPARISON_VIEW (data));
}

/* Saves @widget's window as WM_SCREENSHOT_DIR/@name-LANG.png (only when that is set). */
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
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s-%s.png", name, lang != NULL && *lang ? lang : "en");
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot %s", path);
}

static void
test_open_and_values (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  WmComparisonView *view;
  const char *label;

  make_three_scenarios (window);
  view = open_comparison (window);
  /* A second time brings the same window forward. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-scenarios", NULL));
  g_assert_true (wm_window_get_comparison_view (window) == view);
  g_assert_cmpint (wm_comparison_view_get_year (view), ==, WM_INDICATOR_ALL_YEARS);
  assert_table_matches (view, plan);

  /* More social rent in Hofblok A brings "Meer sociaal" closest to the social-rent band. */
  g_assert_false (wm_comparison_view_get_marked_best (view, "share.social_rent", 1));
  g_assert_true (wm_comparison_view_get_marked_best (view, "share.social_rent", 2));
  g_assert_false (wm_comparison_view_get_marked_best (view, "share.social_rent", 3));
  label = wm_comparison_view_get_cell_label (view, "share.social_rent", 2);
  g_assert_nonnull (strstr (label, "closest to the target"));
  g_assert_nonnull (strstr (label, "below the minimum of 30 %"));
  g_assert_nonnull (strstr (label, "against the baseline"));
  g_assert_null (strstr (wm_comparison_view_get_cell_label (view, "share.social_rent", 1),
                         "closest"));
  /* The changes read as in the panel: points for shares, none for the baseline. */
  g_assert_true (g_str_has_suffix (wm_comparison_view_get_change_text (view, "share.social_rent",
                                                                       1), " pt"));
  g_assert_cmpstr (wm_comparison_view_get_change_text (view, "share.social_rent", 0), ==, "");
  g_assert_cmpstr (wm_comparison_view_get_value_text (view, WM_COMPARISON_VIEW_ROW_REHOUSE, 1),
                   ==, "31");
  g_assert_cmpstr (wm_comparison_view_get_value_text (view, WM_COMPARISON_VIEW_ROW_REHOUSE, 3),
                   ==, "0");

  /* A map per column, drawn in a worker. */
  wm_test_wait_until (maps_drawn, view, "the comparison's maps to be drawn");
  for (guint column = 0; column <= 3; column++)
    {
      GdkPaintable *map = wm_comparison_view_get_map (view, column);

      g_assert_true (GDK_IS_TEXTURE (map));
      g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (map)), >=, 200);
    }
  g_assert_null (wm_comparison_view_get_map (view, 4));

  /* Dated proposals: the chart over the years is there, one line per scenario. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (wm_comparison_view_get_series_chart (view))));
  g_assert_true (gtk_widget_is_visible (gtk_widget_get_parent (
    GTK_WIDGET (wm_comparison_view_get_series_chart (view)))));
  g_assert_cmpint (wm_chart_view_get_kind (wm_comparison_view_get_series_chart (view)), ==,
                   WM_CHART_VIEW_SERIES);
  g_assert_cmpstr (wm_comparison_view_get_series_indicator (view), ==, "share.social_rent");

  /* A year: the comparison as of its end (values are the years helper's; only the year here). */
  {
    g_autoptr (WmTestSignalWatch) refreshed = wm_test_signal_watch_new (view, "refreshed");

    wm_comparison_view_set_year (view, 2027);
    wm_test_signal_watch_wait (refreshed, 1, "the comparison as of 2027");
    g_assert_cmpint (wm_comparison_view_get_comparison (view)->year, ==, 2027);
    wm_comparison_view_set_year (view, WM_INDICATOR_ALL_YEARS);
    wm_test_signal_watch_wait (refreshed, 2, "the comparison of the whole plan");
    assert_table_matches (view, plan);
  }

  if (g_getenv ("WM_SHOT_PROJECT") == NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (view), 1280, 800);
      wm_test_wait_until (maps_drawn, view, "the comparison's maps to be drawn");
      save_shot (GTK_WIDGET (view), "comparison");
    }
  /* It goes with its window. */
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_null (view);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_follows_edits (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  WmHistory *history = wm_window_get_history (window);
  WmComparisonView *view;
  g_autoptr (WmTestSignalWatch) refreshed = NULL;
  g_autoptr (GError) error = NULL;
  WmProposal *sale;
  WmDwellingMix mix = { { 0 } };
  g_autoptr (WmIndicatorEngine) engine = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;

  make_three_scenarios (window);
  view = open_comparison (window);
  refreshed = wm_test_signal_watch_new (view, "refreshed");
  before = g_strdup (wm_comparison_view_get_value_text (view, "dwellings.social_rent", 3));

  /* Two edits in one turn of the main loop: one recompute. */
  sale = find_by_name (nth_scenario (plan, 2), "Verkoop bij mutatie");
  mix.counts[WM_SEGMENT_SOCIAL_RENT] = -10;
  mix.counts[WM_SEGMENT_OWNER_AFFORDABLE] = 10;
  g_assert_true (wm_history_set_proposal_delta (history, sale, &mix, &error));
  g_assert_no_error (error);
  g_assert_true (wm_history_set_proposal_year (history, sale, 2028, &error));
  g_assert_no_error (error);
  g_assert_true (wm_comparison_view_get_refresh_pending (view));
  wm_test_signal_watch_wait (refreshed, 1, "the comparison to follow the edit");
  g_assert_false (wm_comparison_view_get_refresh_pending (view));
  g_assert_cmpuint (wm_test_signal_watch_get_count (refreshed), ==, 1);
  engine = wm_indicator_engine_new (plan, nth_scenario (plan, 2));
  expected = expected_text ("dwellings.social_rent", engine, WM_INDICATOR_PROJECTED);
  g_assert_cmpstr (wm_comparison_view_get_value_text (view, "dwellings.social_rent", 3), ==,
                   expected);
  g_assert_cmpstr (expected, !=, before);
  assert_table_matches (view, plan);

  /* Undo goes back; a new scenario is a new column, a deleted one goes. */
  g_assert_true (wm_history_undo (history));
  g_assert_true (wm_history_undo (history));
  wm_test_signal_watch_wait (refreshed, 2, "the comparison to follow the undo");
  g_assert_cmpstr (wm_comparison_view_get_value_text (view, "dwellings.social_rent", 3), ==,
                   before);
  {
    g_autoptr (WmScenario) empty = wm_scenario_new ("scenario-leeg", "Leeg");

    wm_history_add_scenario (history, empty, FALSE);
    wm_test_signal_watch_wait (refreshed, 3, "a fourth column");
    g_assert_cmpuint (wm_comparison_view_get_n_columns (view), ==, 4);
    g_assert_true (wm_comparison_view_get_scenario_shown (view, empty));
    assert_table_matches (view, plan);
    g_assert_true (wm_history_remove_scenario (history, empty));
    wm_test_signal_watch_wait (refreshed, 4, "the fourth column to go");
    g_assert_cmpuint (wm_comparison_view_get_n_columns (view), ==, 3);
  }
  /* A rename shows in the column (and in what a screen reader reads of its cells). */
  wm_history_rename_scenario (history, nth_scenario (plan, 2), "Verkoop aan huurders");
  wm_test_signal_watch_wait (refreshed, 5, "the renamed column");
  g_assert_true (g_str_has_prefix (wm_comparison_view_get_cell_label (view, "dwellings", 3),
                                   "Verkoop aan huurders, "));
  /* A target band is part of the plan: the marks follow it. */
  g_assert_true (wm_history_set_target_band (history, "share.social_rent", 0.10, 0.18, &error));
  g_assert_no_error (error);
  wm_test_signal_watch_wait (refreshed, 6, "the marks to follow the band");
  assert_table_matches (view, plan);
  g_assert_true (wm_comparison_view_get_marked_best (view, "share.social_rent", 1));
  g_assert_false (wm_comparison_view_get_marked_best (view, "share.social_rent", 2));

  /* Another document closes the comparison of this one. */
  {
    g_autoptr (WmPlan) other = wm_test_make_small_plan ("Ander plan");

    /* The watch holds the view. */
    g_clear_pointer (&refreshed, wm_test_signal_watch_free);
    g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
    wm_window_set_plan (window, other, NULL);
    g_assert_null (wm_window_get_comparison_view (window));
    /* And it is gone, not only hidden. */
    wm_test_wait_until (pointer_cleared, &view, "the comparison window to be finalized");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
joined (GStrv titles)
{
  g_auto (GStrv) owned = titles;

  return g_strjoinv ("|", owned);
}

static void
test_diff (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  WmComparisonView *view;
  g_autoptr (WmTestSignalWatch) refreshed = NULL;
  const WmScenarioDiff *diff;
  g_autofree char *changed = NULL, *only_a = NULL, *only_b = NULL, *moves = NULL;
  g_autofree char *expected_moves = NULL;
  g_autoptr (WmScenarioComparison) pair = NULL;
  g_autoptr (GArray) top = NULL;
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  make_three_scenarios (window);
  view = open_comparison (window);
  refreshed = wm_test_signal_watch_new (view, "refreshed");

  /* Through the dropdowns: "Sloop-nieuwbouw" with "Meer sociaal". */
  gtk_drop_down_set_selected (wm_comparison_view_get_diff_dropdown (view, 0), 0);
  gtk_drop_down_set_selected (wm_comparison_view_get_diff_dropdown (view, 1), 1);
  if (wm_comparison_view_get_refresh_pending (view))
    wm_test_signal_watch_wait (refreshed, 1, "the difference of the first two");
  diff = wm_comparison_view_get_diff (view);
  g_assert_nonnull (diff);
  g_assert_true (diff->a == nth_scenario (plan, 0));
  g_assert_true (diff->b == nth_scenario (plan, 1));
  changed = joined (wm_comparison_view_dup_diff_titles (view, WM_COMPARISON_VIEW_CHANGED));
  only_a = joined (wm_comparison_view_dup_diff_titles (view, WM_COMPARISON_VIEW_ONLY_A));
  only_b = joined (wm_comparison_view_dup_diff_titles (view, WM_COMPARISON_VIEW_ONLY_B));
  g_assert_cmpstr (changed, ==, "Hofblok A");
  g_assert_cmpstr (only_a, ==, "");
  g_assert_cmpstr (only_b, ==, "");

  /* The indicators that move most: the top five of the two, as the core ranks them. */
  pair = wm_scenario_comparison_new (plan, (WmScenario *[]) { nth_scenario (plan, 0),
                                                              nth_scenario (plan, 1) },
                                     2, NULL);
  top = wm_scenario_diff_top_indicators (pair, 0, 1, 5);
  g_assert_cmpuint (top->len, ==, 5);
  for (guint i = 0; i < top->len; i++)
    g_ptr_array_add (labels, g_array_index (top, WmIndicatorMove, i).row->label);
  g_ptr_array_add (labels, NULL);
  expected_moves = g_strjoinv ("|", (char **) labels->pdata);
  moves = joined (wm_comparison_view_dup_diff_titles (view, WM_COMPARISON_VIEW_MOVES));
  g_assert_cmpstr (moves, ==, expected_moves);

  /* "Sloop-nieuwbouw" with "Verkoop": nothing in common. */
  {
    guint count = wm_test_signal_watch_get_count (refreshed);
    g_autofree char *a = NULL, *b = NULL, *c = NULL;

    gtk_drop_down_set_selected (wm_comparison_view_get_diff_dropdown (view, 1), 2);
    wm_test_signal_watch_wait (refreshed, count + 1, "the difference with the sale");
    a = joined (wm_comparison_view_dup_diff_titles (view, WM_COMPARISON_VIEW_ONLY_A));
    b = joined (wm_comparison_view_dup_diff_titles (view, WM_COMPARISON_VIEW_ONLY_B));
    c = joined (wm_comparison_view_dup_diff_titles (view, WM_COMPARISON_VIEW_CHANGED));
    g_assert_cmpstr (a, ==, "Sloop portiekflat noord|Sloop portiekflat zuid|Hofblok A|Hofblok B|"
                            "Gedeelde binnentuin");
    g_assert_cmpstr (b, ==, "Verkoop bij mutatie");
    g_assert_cmpstr (c, ==, "");
  }
  /* The same one twice: nothing to compare. */
  {
    guint count = wm_test_signal_watch_get_count (refreshed);

    gtk_drop_down_set_selected (wm_comparison_view_get_diff_dropdown (view, 1), 0);
    wm_test_signal_watch_wait (refreshed, count + 1, "the same scenario twice");
    g_assert_null (wm_comparison_view_get_diff (view));
  }
  /* The watch holds the view: let go of it before its window goes. */
  g_clear_pointer (&refreshed, wm_test_signal_watch_free);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A planner with one scenario still sees it against the baseline and its targets, and is told
 * how to make a variant; there is nothing to compare it with. */
static void
test_one_scenario (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmComparisonView *view;

  /* Enabled: activating it does something (open_comparison() checks). */
  view = open_comparison (window);
  g_assert_cmpuint (wm_comparison_view_get_n_columns (view), ==, 1);
  g_assert_null (wm_comparison_view_get_diff (view));
  g_assert_nonnull (wm_comparison_view_get_value_text (view, "share.social_rent", 1));
  /* No dated proposals: no chart over the years. */
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (wm_comparison_view_get_series_chart (view))));
  assert_table_matches (view, wm_window_get_plan (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Eight scenarios: six are shown, and a seventh only instead of another. */
static void
test_many_scenarios (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  WmHistory *history = wm_window_get_history (window);
  WmComparisonView *view;
  g_autoptr (WmTestSignalWatch) refreshed = NULL;
  WmScenario *seventh, *second;

  for (guint i = 2; i <= 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("scenario-x%u", i);
      g_autofree char *name = g_strdup_printf ("Variant %u", i);
      g_autoptr (WmScenario) s = wm_scenario_new (id, name);

      wm_history_add_scenario (history, s, FALSE);
    }
  view = open_comparison (window);
  refreshed = wm_test_signal_watch_new (view, "refreshed");
  g_assert_cmpuint (wm_comparison_view_get_n_columns (view), ==, WM_SCENARIO_COMPARISON_MAX_SHOWN);
  seventh = nth_scenario (plan, 6);
  second = nth_scenario (plan, 1);
  g_assert_false (wm_comparison_view_get_scenario_shown (view, seventh));
  g_assert_false (wm_comparison_view_set_scenario_shown (view, seventh, TRUE));
  g_assert_true (wm_comparison_view_set_scenario_shown (view, second, FALSE));
  g_assert_true (wm_comparison_view_set_scenario_shown (view, seventh, TRUE));
  wm_test_signal_watch_wait (refreshed, 1, "the seventh scenario shown");
  g_assert_cmpuint (wm_comparison_view_get_n_columns (view), ==, WM_SCENARIO_COMPARISON_MAX_SHOWN);
  g_assert_true (wm_comparison_view_get_scenario_shown (view, seventh));
  g_assert_false (wm_comparison_view_get_scenario_shown (view, second));
  /* In the plan's order. */
  g_assert_true (g_array_index (wm_comparison_view_get_comparison (view)->scenarios,
                                WmComparisonScenario, 5).scenario == seventh);
  /* The watch holds the view: let go of it before its window goes. */
  g_clear_pointer (&refreshed, wm_test_signal_watch_free);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_action_button (GtkWidget *widget, const char *action)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The scenario menu offers it, and Ctrl+Shift+K is its shortcut and no other action's. */
static void
test_menu_and_shortcut (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  GtkWidget *switcher = wm_test_find_descendant (GTK_WIDGET (window), WM_TYPE_SCENARIO_SWITCHER);
  GtkMenuButton *button = wm_scenario_switcher_get_button (WM_SCENARIO_SWITCHER (switcher));
  GtkWidget *entry;
  g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                 "win.compare-scenarios");
  g_auto (GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app),
                                                                  "<Control><Shift>k");

  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "<Shift><Control>k");
  g_assert_cmpuint (g_strv_length (actions), ==, 1);
  g_assert_cmpstr (actions[0], ==, "win.compare-scenarios");

  gtk_menu_button_popup (button);
  entry = find_action_button (GTK_WIDGET (gtk_menu_button_get_popover (button)),
                              "win.compare-scenarios");
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_is_sensitive (entry));
  g_signal_emit_by_name (entry, "clicked");
  g_assert_nonnull (wm_window_get_comparison_view (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* WM_SHOT_PROJECT: a picture of the comparison of that project. */
static void
on_loaded (WmWindow *window, gboolean success, gpointer data)
{
  *(int *) data = success;
}

static gboolean
int_set (gpointer data)
{
  return *(int *) data >= 0;
}

static void
test_project_shot (void)
{
  const char *project = g_getenv ("WM_SHOT_PROJECT");
  WmWindow *window;
  WmComparisonView *view;
  g_autoptr (GFile) file = NULL;
  int loaded = -1;

  if (project == NULL || *project == '\0')
    {
      g_test_skip ("WM_SHOT_PROJECT is not set");
      return;
    }
  window = wm_test_new_window_on_demo (app);
  file = g_file_new_for_path (project);
  g_signal_connect (window, "plan-loaded", G_CALLBACK (on_loaded), &loaded);
  wm_window_open_file (window, file);
  wm_test_wait_until (int_set, &loaded, "the project to load");
  g_assert_cmpint (loaded, ==, 1);
  view = open_comparison (window);
  gtk_window_set_default_size (GTK_WINDOW (view), 1280, 800);
  assert_table_matches (view, wm_window_get_plan (window));
  wm_test_wait_until (maps_drawn, view, "the comparison's maps to be drawn");
  save_shot (GTK_WIDGET (view), "comparison-project");
  if (g_getenv ("WM_SCREENSHOT_DIR") != NULL)
    {
      GtkWidget *scrolled = gtk_widget_get_ancestor (
        GTK_WIDGET (wm_comparison_view_get_series_chart (view)), GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      AdwStyleManager *style = adw_style_manager_get_default ();

      /* The difference and the years, below the table; then the same in dark. */
      gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v));
      save_shot (GTK_WIDGET (view), "comparison-project-bottom");
      gtk_adjustment_set_value (v, 0);
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      save_shot (GTK_WIDGET (view), "comparison-project-dark");
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  app = wm_test_init_app (&argc, &argv, &recovery_dir);

  g_test_add_func ("/comparison-view/open-and-values", test_open_and_values);
  g_test_add_func ("/comparison-view/follows-edits", test_follows_edits);
  g_test_add_func ("/comparison-view/diff", test_diff);
  g_test_add_func ("/comparison-view/one-scenario", test_one_scenario);
  g_test_add_func ("/comparison-view/many-scenarios", test_many_scenarios);
  g_test_add_func ("/comparison-view/menu-and-shortcut", test_menu_and_shortcut);
  g_test_add_func ("/comparison-view/project-shot", test_project_shot);
  return wm_test_run_app (&app, &recovery_dir);
}
