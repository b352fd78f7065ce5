/* test-indicator-charts.c: the indicator panel's charts show the engine's figures and follow
 * an edit at once */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-chart-view.h"
#include "wm-demo.h"
#include "wm-history.h"
#include "wm-indicator-panel.h"
#include "wm-proposal-factory.h"
#include "wm-test-util.h"

typedef struct
{
  WmPlan *plan;
  WmIndicatorEngine *engine;
  WmHistory *history;
  GtkWidget *window;
  WmIndicatorPanel *panel;
  WmChartView *mix;
  WmChartView *changes;
  WmChartView *coverage;
} Fixture;

/* The chart views of the panel, in the order they are shown. */
static void
find_charts (GtkWidget *widget, GPtrArray *found)
{
  if (WM_IS_CHART_VIEW (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_charts (child, found);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) charts = g_ptr_array_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  f->plan = wm_demo_load (&error);
  g_assert_no_error (error);
  f->engine = wm_indicator_engine_new (f->plan, NULL);
  f->history = wm_history_new (f->plan);
  f->panel = WM_INDICATOR_PANEL (wm_indicator_panel_new ());
  wm_indicator_panel_set_history (f->panel, f->history);
  wm_indicator_panel_set_engine (f->panel, f->engine);

  /* As wide as the window's side panel. */
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 370, 800);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (f->panel));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_window_set_child (GTK_WINDOW (f->window), scrolled);
  gtk_window_present (GTK_WINDOW (f->window));

  find_charts (GTK_WIDGET (f->panel), charts);
  /* Mix, changes, the two over the years (shown with dated proposals), coverage. */
  g_assert_cmpuint (charts->len, ==, 5);
  f->mix = charts->pdata[0];
  f->changes = charts->pdata[1];
  g_assert_cmpint (wm_chart_view_get_kind (charts->pdata[2]), ==, WM_CHART_VIEW_SERIES);
  g_assert_cmpint (wm_chart_view_get_kind (charts->pdata[3]), ==, WM_CHART_VIEW_REHOUSING);
  f->coverage = charts->pdata[4];
  g_assert_cmpint (wm_chart_view_get_kind (f->coverage), ==, WM_CHART_VIEW_COVERAGE);
  g_assert_cmpint (wm_chart_view_get_kind (f->mix), ==, WM_CHART_VIEW_MIX);
  g_assert_cmpint (wm_chart_view_get_kind (f->changes), ==, WM_CHART_VIEW_CHANGES);
  wm_test_wait_for_frames (GTK_WIDGET (f->mix), 1);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->history);
  g_clear_object (&f->engine);
  g_clear_object (&f->plan);
}

static void
assert_mix_is_engines (Fixture *f, const char *area_id)
{
  WmDwellingMix shown, expected;

  g_assert_cmpuint (wm_chart_view_get_n_bars (f->mix), ==, 2);
  for (int state = 0; state < 2; state++)
    {
      g_assert_true (wm_chart_view_get_bar_mix (f->mix, state, &shown));
      wm_indicator_engine_get_mix (f->engine, area_id, state, &expected);
      g_assert_true (wm_dwelling_mix_equal (&shown, &expected));
    }
  g_assert_false (wm_chart_view_get_bar_mix (f->mix, 2, &shown));
}

static const WmChartChange *
find_row (WmChartView *view, const char *key)
{
  for (guint i = 0; i < wm_chart_view_get_n_rows (view); i++)
    if (g_strcmp0 (wm_chart_view_get_row (view, i)->key, key) == 0)
      return wm_chart_view_get_row (view, i);
  return NULL;
}

/* A building with expensive owner-occupied dwellings to sell as social rent. */
static WmBuilding *
expensive_building (WmPlan *plan)
{
  GListModel *buildings = wm_plan_get_buildings (plan);

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr (WmBuilding) b = g_list_model_get_item (buildings, i);

      if (wm_building_get_dwellings (b)->counts[WM_SEGMENT_OWNER_EXPENSIVE] >= 4
          && wm_building_get_area_id (b) != NULL)
        return b;
    }
  g_assert_not_reached ();
}

/* The panel shows both charts, laid out, with the engine's figures and their description. */
static void
test_charts_shown (Fixture *f, gconstpointer data)
{
  g_autofree char *total = NULL;
  const WmChartChange *row;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->mix)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->changes)));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->mix)), >, 60);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->changes)), >, 60);
  g_assert_cmpuint (wm_chart_view_get_drawn_serial (f->mix), ==,
                    wm_chart_view_get_serial (f->mix));
  assert_mix_is_engines (f, NULL);
  /* The demo's preset has one band on a segment: social rent. */
  g_assert_cmpuint (wm_chart_view_get_n_bands (f->mix), ==, 1);

  total = g_strdup_printf ("Now: %.0f dwellings",
                           wm_indicator_engine_get (f->engine, "dwellings", NULL,
                                                    WM_INDICATOR_BASELINE));
  g_assert_nonnull (strstr (wm_chart_view_get_description (f->mix), total));
  g_assert_nonnull (strstr (wm_chart_view_get_description (f->mix), "Target for Social rent"));

  row = find_row (f->changes, "share.social_rent");
  g_assert_nonnull (row);
  g_assert_true (row->has_band);
  g_assert_cmpfloat (row->baseline, ==,
                     wm_indicator_engine_get (f->engine, "share.social_rent", NULL,
                                              WM_INDICATOR_BASELINE));
  g_assert_nonnull (strstr (wm_chart_view_get_description (f->changes), "Share: Social rent"));
  /* One coverage row per facility kind, with the engine's shares. */
  g_assert_cmpuint (wm_chart_view_get_n_rows (f->coverage), ==,
                    g_strv_length ((char **) wm_indicator_engine_get_coverage_kinds (f->engine)));
  row = find_row (f->coverage, "coverage.playground");
  g_assert_nonnull (row);
  g_assert_cmpfloat (row->projected, ==,
                     wm_indicator_engine_get (f->engine, "coverage.playground", NULL,
                                              WM_INDICATOR_PROJECTED));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->coverage)), >, 60);
  /* Only the shares and indices the targets are about; no counts. */
  g_assert_null (find_row (f->changes, "dwellings"));
  g_assert_nonnull (find_row (f->changes, "dissimilarity_social"));
}

/* Hovering a segment names it with its figures; a row of the changes chart gives its own. */
static void
test_charts_tooltips (Fixture *f, gconstpointer data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (f->mix));
  int height = gtk_widget_get_height (GTK_WIDGET (f->mix));
  WmDwellingMix mix;
  g_autofree char *expected = NULL;
  char *text = NULL;
  int y;

  /* Down the right edge: the first bar met is "Now", its last segment expensive owner-occupied
   * (the affordable segments come first). */
  for (y = 0; y < height && text == NULL; y++)
    text = wm_chart_view_dup_tooltip_at (f->mix, width - 2, y);
  g_assert_nonnull (text);
  wm_indicator_engine_get_mix (f->engine, NULL, WM_INDICATOR_BASELINE, &mix);
  expected = g_strdup_printf ("Now: Expensive owner-occupied, %d dwellings (",
                              mix.counts[WM_SEGMENT_OWNER_EXPENSIVE]);
  g_assert_true (g_str_has_prefix (text, expected));
  g_free (text);
  /* Left of the bars, over the labels: nothing. */
  g_assert_null (wm_chart_view_dup_tooltip_at (f->mix, 2, y));

  text = wm_chart_view_dup_tooltip_at (f->changes, 2, 2);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "Share: Social rent: "));
  g_free (text);
}

/* The chart as the window draws it: the widget's render node rendered by the window's
 * renderer; returns its pixels (B, G, R, A bytes, 4 per pixel, @out_stride per row). */
static guint8 *
render_widget (GtkWidget *widget, int *out_width, int *out_height, gsize *out_stride)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  guint8 *pixels;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  *out_width = gdk_texture_get_width (texture);
  *out_height = gdk_texture_get_height (texture);
  *out_stride = 4 * (gsize) *out_width;
  pixels = g_malloc (*out_stride * *out_height);
  gdk_texture_download (texture, pixels, *out_stride);
  return pixels;
}

/* The text, marks and axes are in the theme's colour: here a red one, as a dark theme gives a
 * light one. */
static void
test_charts_theme_colour (Fixture *f, gconstpointer data)
{
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();
  g_autofree guint8 *pixels = NULL;
  int width, height;
  gsize stride;
  guint red = 0, black = 0;

  gtk_css_provider_load_from_data (provider, "wm-chart { color: rgb(255, 0, 0); }", -1);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (f->window),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_USER);
  wm_test_wait_for_frames (GTK_WIDGET (f->changes), 1);
  pixels = render_widget (GTK_WIDGET (f->changes), &width, &height, &stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = pixels + y * stride + 4 * x;

        red += p[2] > 200 && p[1] < 40 && p[0] < 40 && p[3] > 200;
        black += p[2] < 40 && p[1] < 40 && p[0] < 40 && p[3] > 200;
      }
  gtk_style_context_remove_provider_for_display (gtk_widget_get_display (f->window),
                                                 GTK_STYLE_PROVIDER (provider));
  /* Labels, figures, dots and arrows: hundreds of pixels; none in the default black. */
  g_assert_cmpuint (red, >, 500);
  g_assert_cmpuint (black, ==, 0);
}

/* A proposal added through the history changes the charts' figures before the next frame,
 * and the next frame draws them. */
static void
test_charts_follow_proposal (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmProposal) proposal = NULL;
  WmBuilding *building = expensive_building (f->plan);
  WmDwellingMix before, after;
  guint serial = wm_chart_view_get_serial (f->mix);
  double share_before = find_row (f->changes, "share.social_rent")->projected;

  g_assert_true (wm_chart_view_get_bar_mix (f->mix, 1, &before));
  proposal = wm_proposal_factory_convert_tenure (f->plan, NULL, wm_building_get_id (building),
                                                 WM_SEGMENT_OWNER_EXPENSIVE,
                                                 WM_SEGMENT_SOCIAL_RENT, 4, 2028, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (f->history, NULL, proposal, -1, &error));
  g_assert_no_error (error);

  /* At once, without running the main loop. */
  g_assert_cmpuint (wm_chart_view_get_serial (f->mix), >, serial);
  g_assert_true (wm_chart_view_get_bar_mix (f->mix, 1, &after));
  g_assert_cmpint (after.counts[WM_SEGMENT_SOCIAL_RENT], ==,
                   before.counts[WM_SEGMENT_SOCIAL_RENT] + 4);
  g_assert_cmpint (after.counts[WM_SEGMENT_OWNER_EXPENSIVE], ==,
                   before.counts[WM_SEGMENT_OWNER_EXPENSIVE] - 4);
  assert_mix_is_engines (f, NULL);
  g_assert_cmpfloat (find_row (f->changes, "share.social_rent")->projected, >, share_before);

  wm_test_wait_for_frames (GTK_WIDGET (f->mix), 1);
  g_assert_cmpuint (wm_chart_view_get_drawn_serial (f->mix), ==,
                    wm_chart_view_get_serial (f->mix));

  /* Undo brings the old figures back. */
  g_assert_true (wm_history_undo (f->history));
  g_assert_true (wm_chart_view_get_bar_mix (f->mix, 1, &after));
  g_assert_true (wm_dwelling_mix_equal (&after, &before));
}

/* Focusing on an area shows its mix; a new band on a segment appears as a bracket. */
static void
test_charts_area_and_targets (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  WmBuilding *building = expensive_building (f->plan);
  const char *area_id = wm_building_get_area_id (building);

  wm_indicator_panel_set_area (f->panel, area_id);
  g_assert_cmpstr (wm_chart_view_get_area (f->mix), ==, area_id);
  g_assert_cmpstr (wm_chart_view_get_area (f->changes), ==, area_id);
  assert_mix_is_engines (f, area_id);
  /* Dissimilarity is a figure of the whole neighbourhood only. */
  g_assert_null (find_row (f->changes, "dissimilarity_social"));
  g_assert_nonnull (find_row (f->changes, "share.social_rent"));

  g_assert_true (wm_history_set_target_band (f->history, "share.mid_rent", 0.1, 0.2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wm_chart_view_get_n_bands (f->mix), ==, 2);
  g_assert_nonnull (strstr (wm_chart_view_get_description (f->mix), "Target for Mid-rent"));
  g_assert_true (wm_history_undo (f->history));
  g_assert_cmpuint (wm_chart_view_get_n_bands (f->mix), ==, 1);

  wm_indicator_panel_set_area (f->panel, NULL);
  assert_mix_is_engines (f, NULL);
  wm_test_wait_for_frames (GTK_WIDGET (f->changes), 1);
  g_assert_cmpuint (wm_chart_view_get_drawn_serial (f->changes), ==,
                    wm_chart_view_get_serial (f->changes));
}

int
main (int argc, char *argv[])
{
  wm_test_init_ui (&argc, &argv);

  g_test_add ("/indicator-charts/shown", Fixture, NULL, fixture_set_up, test_charts_shown,
              fixture_tear_down);
  g_test_add ("/indicator-charts/tooltips", Fixture, NULL, fixture_set_up, test_charts_tooltips,
              fixture_tear_down);
  g_test_add ("/indicator-charts/theme-colour", Fixture, NULL, fixture_set_up,
              test_charts_theme_colour, fixture_tear_down);
  g_test_add ("/indicator-charts/follow-proposal", Fixture, NULL, fixture_set_up,
              test_charts_follow_proposal, fixture_tear_down);
  g_test_add ("/indicator-charts/area-and-targets", Fixture, NULL, fixture_set_up,
              test_charts_area_and_targets, fixture_tear_down);
  return g_test_run ();
}
