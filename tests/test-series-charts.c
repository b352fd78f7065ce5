/* test-series-charts.c: the chart view's series and rehousing kinds follow their engine */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-chart-view.h"
#include "wm-demo.h"
#include "wm-history.h"
#include "wm-proposal-factory.h"
#include "wm-test-util.h"
#include "wm-timeline.h"

typedef struct
{
  WmPlan *plan;
  WmIndicatorEngine *engine;
  WmHistory *history;
  GtkWidget *window;
  GtkWidget *box;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->plan = wm_demo_load (&error);
  g_assert_no_error (error);
  f->engine = wm_indicator_engine_new (f->plan, NULL);
  f->history = wm_history_new (f->plan);
  f->window = gtk_window_new ();
  f->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 370, 800);
  gtk_window_set_child (GTK_WINDOW (f->window), f->box);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->history);
  g_clear_object (&f->engine);
  g_clear_object (&f->plan);
}

static WmChartView *
add_view (Fixture *f, WmChartViewKind kind)
{
  GtkWidget *view = wm_chart_view_new (kind);

  gtk_box_append (GTK_BOX (f->box), view);
  return WM_CHART_VIEW (view);
}

/* Converts four expensive owner-occupied dwellings of a building to social rent in @year. */
static void
add_dated_proposal (Fixture *f, int year)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmProposal) proposal = NULL;
  GListModel *buildings = wm_plan_get_buildings (f->plan);
  WmBuilding *building = NULL;
  /* Another building for each proposal. */
  guint skip = g_list_model_get_n_items (
    wm_scenario_get_proposals (wm_plan_get_active_scenario (f->plan)));

  for (guint i = 0; i < g_list_model_get_n_items (buildings) && building == NULL; i++)
    {
      g_autoptr (WmBuilding) b = g_list_model_get_item (buildings, i);

      if (wm_building_get_dwellings (b)->counts[WM_SEGMENT_OWNER_EXPENSIVE] >= 4 && skip-- == 0)
        building = b;
    }
  g_assert_nonnull (building);
  proposal = wm_proposal_factory_convert_tenure (f->plan, NULL, wm_building_get_id (building),
                                                 WM_SEGMENT_OWNER_EXPENSIVE,
                                                 WM_SEGMENT_SOCIAL_RENT, 4, year, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (f->history, NULL, proposal, -1, &error));
  g_assert_no_error (error);
}

/* The series kind draws the engine's line over its scenario's years, and copies it again at
 * every change. */
static void
test_series_follows_engine (Fixture *f, gconstpointer data)
{
  WmChartView *view = add_view (f, WM_CHART_VIEW_SERIES);
  const WmChartSeries *line;
  guint serial;
  int first, last;

  wm_chart_view_set_engine (view, f->engine);
  g_assert_null (wm_chart_view_get_indicator (view));
  g_assert_cmpuint (wm_chart_view_get_n_series (view), ==, 0);
  wm_chart_view_set_indicator (view, "share.social_rent");
  g_assert_cmpstr (wm_chart_view_get_indicator (view), ==, "share.social_rent");
  /* The demo has no dated proposal: no years, and the description says so. */
  g_assert_cmpuint (wm_chart_view_get_n_series (view), ==, 0);
  g_assert_true (g_str_has_suffix (wm_chart_view_get_description (view),
                                   ": no figures over the years."));

  serial = wm_chart_view_get_serial (view);
  add_dated_proposal (f, 2028);
  add_dated_proposal (f, 2031);
  g_assert_cmpuint (wm_chart_view_get_serial (view), >, serial);
  g_assert_true (wm_timeline_get_range (f->plan, NULL, &first, &last));
  g_assert_cmpuint (wm_chart_view_get_n_series (view), ==, 1);
  g_assert_cmpint (wm_chart_view_get_first_year (view), ==, first);
  line = wm_chart_view_get_series (view, 0);
  g_assert_nonnull (line);
  g_assert_null (wm_chart_view_get_series (view, 1));
  g_assert_cmpuint (line->values->len, ==, last - first + 1);
  g_assert_cmpstr (line->label, ==, wm_scenario_get_name (wm_plan_get_active_scenario (f->plan)));
  for (guint i = 0; i < line->values->len; i++)
    {
      double v = g_array_index (line->values, double, i);

      g_assert_true (v >= 0 && v <= 1);
    }
  {
    g_autofree char *year = g_strdup_printf ("%d", last);

    g_assert_true (g_str_has_prefix (wm_chart_view_get_description (view),
                                     "Share: Social rent, "));
    g_assert_nonnull (strstr (wm_chart_view_get_description (view), year));
  }

  /* Shown and drawn. */
  wm_test_wait_for_frames (GTK_WIDGET (view), 1);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >, 100);
  g_assert_cmpuint (wm_chart_view_get_drawn_serial (view), ==, wm_chart_view_get_serial (view));
  /* A year's column names its figure. */
  {
    int width = gtk_widget_get_width (GTK_WIDGET (view));
    g_autofree char *tip = NULL;
    g_autofree char *prefix = g_strdup_printf ("%d: ", last);

    for (int x = width - 1; x > 0 && tip == NULL; x--)
      tip = wm_chart_view_dup_tooltip_at (view, x, 30);
    g_assert_nonnull (tip);
    g_assert_true (g_str_has_prefix (tip, prefix));
  }

  /* The engine's year is the one marked. */
  wm_indicator_engine_set_year (f->engine, first);
  wm_chart_view_set_indicator (view, "affordable_share");
  g_assert_cmpint (wm_chart_view_get_marked_year (view), ==, first);
  wm_indicator_engine_set_year (f->engine, WM_INDICATOR_ALL_YEARS);

  /* Undone, no year is left. */
  g_assert_true (wm_history_undo (f->history));
  g_assert_true (wm_history_undo (f->history));
  g_assert_cmpuint (wm_chart_view_get_n_series (view), ==, 0);
  wm_chart_view_set_indicator (view, NULL);
  g_assert_null (wm_chart_view_get_description (view));
}

/* Fixed lines are copied, drawn without an engine, and give way to the engine's again. */
static void
test_series_fixed (Fixture *f, gconstpointer data)
{
  WmChartView *view = add_view (f, WM_CHART_VIEW_SERIES);
  const double a[] = { 0.20, 0.22, 0.24 };
  const double b[] = { 0.21, 0.25, NAN };
  WmChartSeries lines[2] = {
    { "Plan A", wm_chart_get_series_colour (0), g_array_new (FALSE, FALSE, sizeof (double)) },
    { "Plan B", wm_chart_get_series_colour (1), g_array_new (FALSE, FALSE, sizeof (double)) },
  };
  const char *description;
  g_autofree char *tip = NULL;
  int width, x;

  g_array_append_vals (lines[0].values, a, 3);
  g_array_append_vals (lines[1].values, b, 3);
  wm_chart_view_set_series (view, 2026, lines, 2, TRUE, FALSE, 0.3, NAN);
  /* Copies: changing the caller's lines afterwards changes nothing shown. */
  g_array_index (lines[0].values, double, 0) = 0.9;
  lines[0].label = (char *) "Changed";
  g_array_unref (lines[0].values);
  g_array_unref (lines[1].values);

  g_assert_cmpuint (wm_chart_view_get_n_series (view), ==, 2);
  g_assert_cmpstr (wm_chart_view_get_series (view, 0)->label, ==, "Plan A");
  g_assert_cmpfloat (g_array_index (wm_chart_view_get_series (view, 0)->values, double, 0), ==,
                     0.20);
  description = wm_chart_view_get_description (view);
  g_assert_nonnull (strstr (description, "Plan A: 20.0% in 2026, 22.0% in 2027, 24.0% in 2028."));
  g_assert_nonnull (strstr (description, "Plan B: 21.0% in 2026, 25.0% in 2027, no figure in "
                                         "2028."));

  wm_test_wait_for_frames (GTK_WIDGET (view), 1);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >, 100);
  g_assert_cmpuint (wm_chart_view_get_drawn_serial (view), ==, wm_chart_view_get_serial (view));
  /* The middle of the chart is 2027. */
  width = gtk_widget_get_width (GTK_WIDGET (view));
  for (x = width / 2; x < width && tip == NULL; x++)
    tip = wm_chart_view_dup_tooltip_at (view, x, 40);
  g_assert_cmpstr (tip, ==, "2027: Plan A 22.0%, Plan B 25.0%");
  g_assert_null (wm_chart_view_dup_tooltip_at (view, width / 2, 5000));

  /* No lines: back to the engine's (none here: no indicator). */
  wm_chart_view_set_engine (view, f->engine);
  g_assert_cmpuint (wm_chart_view_get_n_series (view), ==, 2);
  wm_chart_view_set_series (view, 0, NULL, 0, FALSE, FALSE, NAN, NAN);
  g_assert_cmpuint (wm_chart_view_get_n_series (view), ==, 0);
}

/* The rehousing kind holds a balance of its engine, made anew at every change, and describes
 * it. */
static void
test_rehousing_follows_engine (Fixture *f, gconstpointer data)
{
  WmChartView *view = add_view (f, WM_CHART_VIEW_REHOUSING);
  const WmRehousingBalance *balance;
  g_autofree char *expected = NULL;
  guint serial;

  g_assert_null (wm_chart_view_get_rehousing (view));
  wm_chart_view_set_engine (view, f->engine);
  balance = wm_chart_view_get_rehousing (view);
  g_assert_nonnull (balance);
  expected = wm_chart_describe_rehousing (balance);
  g_assert_cmpstr (wm_chart_view_get_description (view), ==, expected);

  serial = wm_chart_view_get_serial (view);
  add_dated_proposal (f, 2029);
  g_assert_cmpuint (wm_chart_view_get_serial (view), >, serial);
  g_assert_nonnull (wm_chart_view_get_rehousing (view));
  g_free (expected);
  expected = wm_chart_describe_rehousing (wm_chart_view_get_rehousing (view));
  g_assert_cmpstr (wm_chart_view_get_description (view), ==, expected);
  g_assert_true (strlen (expected) > 20);

  wm_test_wait_for_frames (GTK_WIDGET (view), 1);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >, 20);
  g_assert_cmpuint (wm_chart_view_get_drawn_serial (view), ==, wm_chart_view_get_serial (view));

  wm_chart_view_set_engine (view, NULL);
  g_assert_null (wm_chart_view_get_rehousing (view));
}

int
main (int argc, char *argv[])
{
  wm_test_init_ui (&argc, &argv);

  g_test_add ("/series-charts/follows-engine", Fixture, NULL, fixture_set_up,
              test_series_follows_engine, fixture_tear_down);
  g_test_add ("/series-charts/fixed", Fixture, NULL, fixture_set_up, test_series_fixed,
              fixture_tear_down);
  g_test_add ("/series-charts/rehousing", Fixture, NULL, fixture_set_up,
              test_rehousing_follows_engine, fixture_tear_down);
  return g_test_run ();
}
