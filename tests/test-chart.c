/* test-chart.c: the charts of src/render drawn on image surfaces, and the number formats */
#include "config.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "wm-chart.h"
#include "wm-core.h"
#include "wm-demo.h"
#include "wm-map-style.h"
#include "wm-proposal-factory.h"
#include "wm-render-format.h"
#include "wm-test-fonts.h"
#include "wm-test-util.h"

#define WIDTH 640
#define HEIGHT 400
#define FONT_SIZE 12.0

/* gettext reads LANGUAGE again after setlocale(); with the C locale it ignores it. glibc
 * keeps its cached translations while the locale's name stays the same, so go through "C". */
static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "C");
  setlocale (LC_ALL, "C.UTF-8");
}

/* A white image surface to draw on. */
static cairo_t *
white_canvas (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  return cr;
}

/* With WM_SCREENSHOT_DIR set, the drawing is kept there to look at. */
static void
maybe_save (cairo_t *cr, const char *name)
{
  const char *dir = g_getenv ("WM_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (cairo_get_target (cr), path), ==,
                   CAIRO_STATUS_SUCCESS);
}

static guint32
pixel_at (cairo_t *cr, int x, int y)
{
  cairo_surface_t *surface = cairo_get_target (cr);
  const guint8 *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  g_assert_true (x >= 0 && x < WIDTH && y >= 0 && y < HEIGHT);
  return *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x)
         & 0xffffff;
}

/* The segment whose colour @pixel is, plain or darkened by the hatching (a dark line at
 * partial opacity scales all three channels alike); -1 for none. */
static int
classify_segment (guint32 pixel)
{
  double p[3] = { (pixel >> 16 & 0xff) / 255.0, (pixel >> 8 & 0xff) / 255.0,
                  (pixel & 0xff) / 255.0 };
  int best = -1;
  double best_residual = 0.06;

  for (int s = 0; s < WM_N_SEGMENTS; s++)
    {
      guint32 color = wm_map_style_get_segment_color (s);
      double c[3] = { (color >> 16 & 0xff) / 255.0, (color >> 8 & 0xff) / 255.0,
                      (color & 0xff) / 255.0 };
      double dot = p[0] * c[0] + p[1] * c[1] + p[2] * c[2];
      double norm = c[0] * c[0] + c[1] * c[1] + c[2] * c[2];
      double f = dot / norm, residual = 0;

      if (f < 0.45 || f > 1.05)
        continue;
      for (int k = 0; k < 3; k++)
        residual = MAX (residual, fabs (p[k] - f * c[k]));
      if (residual < best_residual)
        {
          best = s;
          best_residual = residual;
        }
    }
  return best;
}

static gboolean
is_dark (guint32 pixel)
{
  return (pixel >> 16 & 0xff) < 110 && (pixel >> 8 & 0xff) < 110 && (pixel & 0xff) < 110;
}

static void
mix_bar_init (WmChartMixBar *bar, const char *label, int social, int mid, int private_rent,
              int owner_affordable, int owner_expensive)
{
  bar->label = (char *) label;
  bar->mix.counts[WM_SEGMENT_SOCIAL_RENT] = social;
  bar->mix.counts[WM_SEGMENT_MID_RENT] = mid;
  bar->mix.counts[WM_SEGMENT_PRIVATE_RENT] = private_rent;
  bar->mix.counts[WM_SEGMENT_OWNER_AFFORDABLE] = owner_affordable;
  bar->mix.counts[WM_SEGMENT_OWNER_EXPENSIVE] = owner_expensive;
}

/* Each segment's colour covers its share of the bar, in the chart's order, to a pixel. */
static void
test_mix_widths (void)
{
  WmChartMixBar bars[2];
  WmChartStyle style;
  WmChartRect rect;
  cairo_t *cr = white_canvas ();
  double height;

  wm_chart_style_init (&style, FONT_SIZE);
  mix_bar_init (&bars[0], "Now", 20, 10, 30, 15, 25);
  /* A segment of a single dwelling among many still shows, and an absent one does not. */
  mix_bar_init (&bars[1], "After the plan", 1, 0, 60, 99, 40);
  height = wm_chart_get_mix_height (2, WIDTH - 20, &style);
  g_assert_cmpfloat (height, >, 2 * FONT_SIZE * 2);
  g_assert_cmpfloat (height, <, HEIGHT - 20);
  wm_chart_draw_mix (cr, 10, 10, WIDTH - 20, height, bars, 2, NULL, 0, &style);
  maybe_save (cr, "chart-mix-widths.png");

  for (guint b = 0; b < 2; b++)
    {
      double total = 0, start = 0;
      int y;

      wm_chart_get_mix_bar_rect (bars, 2, b, 10, 10, WIDTH - 20, &style, &rect);
      g_assert_cmpfloat (rect.x, >, 10 + FONT_SIZE);  /* the labels take the left */
      g_assert_cmpfloat (rect.x + rect.width, <=, WIDTH - 10 + 0.01);
      /* Near the bottom edge: below the figures and the brackets' ticks. */
      y = (int) (rect.y + rect.height - 2);
      for (int s = 0; s < WM_N_SEGMENTS; s++)
        total += bars[b].mix.counts[s];
      for (guint i = 0; i < WM_N_SEGMENTS; i++)
        {
          WmSegment s = wm_chart_get_segment_at (i);
          double x0 = rect.x + rect.width * start;
          double x1 = x0 + rect.width * bars[b].mix.counts[s] / total;

          for (int x = (int) ceil (x0 + 1); x <= (int) floor (x1 - 1) - 1; x++)
            {
              int found = classify_segment (pixel_at (cr, x, y));

              if (found != (int) s)
                g_error ("bar %u, x %d: segment %d expected over %.1f..%.1f, found %d (#%06x)",
                         b, x, s, x0, x1, found, pixel_at (cr, x, y));
            }
          start += bars[b].mix.counts[s] / total;
        }
      /* Left and right of the bar: background. */
      g_assert_cmphex (pixel_at (cr, (int) rect.x - 2, y), ==, 0xffffff);
      g_assert_cmphex (pixel_at (cr, (int) ceil (rect.x + rect.width) + 1, y), ==, 0xffffff);
    }
  /* No mid-rent in the second bar: its colour appears nowhere along it (after the edge of
   * the one social-rent dwelling, whose blend with the gap is a lighter blue). */
  wm_chart_get_mix_bar_rect (bars, 2, 1, 10, 10, WIDTH - 20, &style, &rect);
  for (int x = (int) (rect.x + rect.width / 200) + 2; x < (int) (rect.x + rect.width); x++)
    g_assert_cmpint (classify_segment (pixel_at (cr, x, (int) (rect.y + rect.height - 2))), !=,
                     WM_SEGMENT_MID_RENT);
  cairo_destroy (cr);
}

/* The x of the dark columns in row @y between @x0 and @x1: their centres. */
static GArray *
dark_columns (cairo_t *cr, int y, int x0, int x1)
{
  GArray *centres = g_array_new (FALSE, FALSE, sizeof (double));
  int run_start = -1;

  for (int x = x0; x <= x1; x++)
    {
      gboolean dark = x < x1 && is_dark (pixel_at (cr, x, y));

      if (dark && run_start < 0)
        run_start = x;
      else if (!dark && run_start >= 0)
        {
          double centre = (run_start + x - 1) / 2.0 + 0.5;

          g_array_append_val (centres, centre);
          run_start = -1;
        }
    }
  return centres;
}

/* A band's bracket has its ticks at the band's minimum and maximum, measured from where its
 * segment starts in each bar; an open side has no tick. */
static void
test_mix_band_bracket (void)
{
  WmChartMixBar bars[2];
  WmChartBand bands[2] = {
    { .segment = WM_SEGMENT_SOCIAL_RENT, .has_min = TRUE, .min = 0.3, .has_max = TRUE,
      .max = 0.5 },
    /* Only a minimum, on the second segment: starts after social rent. */
    { .segment = WM_SEGMENT_MID_RENT, .has_min = TRUE, .min = 0.45 },
  };
  WmChartStyle style;
  cairo_t *cr = white_canvas ();

  wm_chart_style_init (&style, FONT_SIZE);
  mix_bar_init (&bars[0], "Now", 20, 10, 30, 15, 25);
  mix_bar_init (&bars[1], "After the plan", 10, 30, 20, 15, 25);
  wm_chart_draw_mix (cr, 10, 10, WIDTH - 20, wm_chart_get_mix_height (2, WIDTH - 20, &style),
                     bars, 2, bands, 2, &style);
  maybe_save (cr, "chart-mix-bands.png");

  for (guint b = 0; b < 2; b++)
    {
      WmChartRect rect;
      double social = bars[b].mix.counts[WM_SEGMENT_SOCIAL_RENT] / 100.0;
      double expected[3];
      g_autoptr (GArray) ticks = NULL;

      wm_chart_get_mix_bar_rect (bars, 2, b, 10, 10, WIDTH - 20, &style, &rect);
      expected[0] = rect.x + rect.width * 0.3;
      expected[1] = rect.x + rect.width * (social + 0.45);
      expected[2] = rect.x + rect.width * 0.5;
      /* Just above the bar only the ticks come down, sorted by x. */
      ticks = dark_columns (cr, (int) rect.y - 2, (int) rect.x - 3,
                            (int) (rect.x + rect.width) + 3);
      if (expected[1] > expected[2])
        {
          double t = expected[1];
          expected[1] = expected[2];
          expected[2] = t;
        }
      g_assert_cmpuint (ticks->len, ==, 3);
      for (guint i = 0; i < 3; i++)
        if (fabs (g_array_index (ticks, double, i) - expected[i]) > 1.0)
          g_error ("bar %u: tick %u at %.1f, expected %.1f", b, i,
                   g_array_index (ticks, double, i), expected[i]);
    }
  cairo_destroy (cr);
}

static void
change_init (WmChartChange *row, const char *label, gboolean defined, double baseline,
             double projected)
{
  *row = (WmChartChange) { 0 };
  row->label = (char *) label;
  row->defined = defined;
  row->baseline = baseline;
  row->projected = projected;
  row->is_fraction = TRUE;
  row->band_min = row->band_max = NAN;
}

static gboolean
rect_has_dark (cairo_t *cr, const WmChartRect *r, double y0, double y1)
{
  for (int y = (int) ceil (y0); y < (int) floor (y1); y++)
    for (int x = (int) ceil (r->x); x < (int) floor (r->x + r->width); x++)
      if (is_dark (pixel_at (cr, x, y)))
        return TRUE;
  return FALSE;
}

/* A row without a figure draws nothing on its scale; a row with one draws its arrow from now
 * to after, and the band behind it from its minimum to its maximum. */
static void
check_changes_rows (double chart_width, const char *png)
{
  WmChartChange rows[4];
  WmChartStyle style;
  WmChartRect r;
  cairo_t *cr = white_canvas ();
  double height, cy, xb, xp;

  wm_chart_style_init (&style, FONT_SIZE);
  change_init (&rows[0], "Share of social rent", TRUE, 0.2, 0.6);
  rows[0].has_band = TRUE;
  rows[0].band_min = 0.3;
  rows[0].band_max = 0.5;
  change_init (&rows[1], "Affordable share of new build", FALSE, NAN, NAN);
  rows[1].has_band = TRUE;
  rows[1].band_min = 2.0 / 3;
  change_init (&rows[2], "Diversity", TRUE, 0.9, 0.9);
  rows[2].is_fraction = FALSE;
  rows[2].is_index = TRUE;
  /* A new area: no figure now, one after the plan: a dot without an arrow. */
  change_init (&rows[3], "Share of mid-rent", TRUE, NAN, 0.25);
  height = wm_chart_get_changes_height (4, &style);
  wm_chart_draw_changes (cr, 10, 10, chart_width, height, rows, 4, &style);
  maybe_save (cr, png);

  /* Row 1: nothing on its scale, not even the band. */
  wm_chart_get_changes_scale_rect (rows, 4, 1, FALSE, 10, 10, chart_width, &style, &r);
  for (int y = (int) ceil (r.y); y < (int) floor (r.y + r.height); y++)
    for (int x = (int) ceil (r.x); x < (int) floor (r.x + r.width); x++)
      g_assert_cmphex (pixel_at (cr, x, y), ==, 0xffffff);

  /* Row 0: the shaft of the arrow between the dots, the band's edges outside them. */
  wm_chart_get_changes_scale_rect (rows, 4, 0, FALSE, 10, 10, chart_width, &style, &r);
  cy = r.y + r.height / 2;
  xb = r.x + r.width * 0.2;
  xp = r.x + r.width * 0.6;
  for (int x = (int) (xb + FONT_SIZE * 0.5); x < (int) (xp - FONT_SIZE); x++)
    g_assert_true (is_dark (pixel_at (cr, x, (int) cy)));
  /* Above the arrow, the band is grey from its minimum to its maximum, white outside it. */
  {
    int y = (int) (r.y + 2);
    int inside = (int) (r.x + r.width * 0.4);
    guint32 band = pixel_at (cr, inside, y);

    g_assert_cmphex (band, !=, 0xffffff);
    g_assert_cmphex (pixel_at (cr, (int) (r.x + r.width * 0.3) + 2, y), ==, band);
    g_assert_cmphex (pixel_at (cr, (int) (r.x + r.width * 0.5) - 2, y), ==, band);
    g_assert_cmphex (pixel_at (cr, (int) (r.x + r.width * 0.3) - 2, y), ==, 0xffffff);
    g_assert_cmphex (pixel_at (cr, (int) (r.x + r.width * 0.5) + 2, y), ==, 0xffffff);
  }

  /* Row 3: a dot at 25 %, and no shaft to the left of it. */
  wm_chart_get_changes_scale_rect (rows, 4, 3, FALSE, 10, 10, chart_width, &style, &r);
  cy = r.y + r.height / 2;
  g_assert_true (is_dark (pixel_at (cr, (int) (r.x + r.width * 0.25), (int) cy)));
  {
    WmChartRect left = r;

    left.width = r.width * 0.25 - FONT_SIZE;
    g_assert_false (rect_has_dark (cr, &left, r.y, r.y + r.height));
  }
  cairo_destroy (cr);
}

static void
test_changes_rows (void)
{
  check_changes_rows (WIDTH - 20, "chart-changes.png");
}

/* In a side panel the rows stack their label over the scale: the same marks. */
static void
test_changes_rows_narrow (void)
{
  check_changes_rows (300, "chart-changes-narrow.png");
}

/* Coverage: the bar after the plan reaches its share of the scale. */
static void
check_coverage_bars (double chart_width, const char *png)
{
  WmChartChange rows[2];
  WmChartStyle style;
  WmChartRect r;
  cairo_t *cr = white_canvas ();
  double x_end;
  int y_after;

  wm_chart_style_init (&style, FONT_SIZE);
  change_init (&rows[0], "Within 200 m of a playground", TRUE, 0.25, 0.75);
  change_init (&rows[1], "Within 500 m of a school", FALSE, NAN, NAN);
  wm_chart_draw_coverage (cr, 10, 10, chart_width, wm_chart_get_coverage_height (2, &style),
                          rows, 2, &style);
  maybe_save (cr, png);

  wm_chart_get_changes_scale_rect (rows, 2, 0, TRUE, 10, 10, chart_width, &style, &r);
  /* The solid bar is the lower one (0.36 of the row's scale high, 0.1 apart); scan its
   * middle. */
  y_after = (int) (r.y + r.height * 0.5 + r.height * 0.05 + r.height * 0.18);
  /* The outlined bar above it ends there too, at 25 %. */
  g_assert_true (is_dark (pixel_at (cr, (int) (r.x + r.width * 0.25) - 1,
                                    (int) (r.y + r.height * 0.5 - r.height * 0.05
                                           - r.height * 0.18))));
  x_end = r.x + r.width * 0.75;
  g_assert_true (is_dark (pixel_at (cr, (int) (r.x + 2), y_after)));
  g_assert_true (is_dark (pixel_at (cr, (int) (x_end - 2), y_after)));
  /* Just after its end, before its figure: background. */
  g_assert_cmphex (pixel_at (cr, (int) (x_end + 1.5), y_after), ==, 0xffffff);
  cairo_destroy (cr);
}

static void
test_coverage_bars (void)
{
  check_coverage_bars (WIDTH - 20, "chart-coverage.png");
}

static void
test_coverage_bars_narrow (void)
{
  check_coverage_bars (300, "chart-coverage-narrow.png");
}

static WmPlan *
load_demo (void)
{
  g_autoptr (GError) error = NULL;
  WmPlan *plan = wm_demo_load (&error);

  g_assert_no_error (error);
  return plan;
}

static void
assert_changes_match (WmIndicatorEngine *engine, const char *area_id)
{
  g_autoptr (GArray) rows = wm_chart_changes_new ();
  g_autoptr (GArray) coverage = wm_chart_changes_new ();
  const char *const *keys = wm_indicator_engine_get_keys (engine, area_id == NULL);
  guint n_keys = g_strv_length ((char **) keys), n_coverage = 0, seen = 0;

  wm_chart_changes_from_engine (engine, area_id, FALSE, rows);
  wm_chart_changes_from_engine (engine, area_id, TRUE, coverage);
  for (guint i = 0; keys[i] != NULL; i++)
    n_coverage += g_str_has_prefix (keys[i], "coverage.");
  g_assert_cmpuint (n_coverage, ==,
                    g_strv_length ((char **) wm_indicator_engine_get_coverage_kinds (engine)));
  g_assert_cmpuint (coverage->len, ==, n_coverage);
  g_assert_cmpuint (rows->len, ==, n_keys - n_coverage);

  for (guint pass = 0; pass < 2; pass++)
    {
      GArray *array = pass == 0 ? rows : coverage;

      for (guint i = 0; i < array->len; i++)
        {
          WmChartChange *row = &g_array_index (array, WmChartChange, i);
          g_autofree char *label = wm_indicator_engine_get_label (engine, row->key);
          WmTargetBand band;
          gboolean has_band = wm_indicator_engine_get_target (engine, row->key, &band, NULL);

          g_assert_cmpstr (row->label, ==, label);
          for (int state = 0; state < 2; state++)
            {
              double value = state == 0 ? row->baseline : row->projected;

              if (wm_indicator_engine_is_defined (engine, row->key, area_id, state))
                g_assert_cmpfloat (value, ==, wm_indicator_engine_get (engine, row->key,
                                                                       area_id, state));
              else
                g_assert_true (isnan (value));
            }
          g_assert_cmpint (row->defined, ==,
                           wm_indicator_engine_is_defined (engine, row->key, area_id,
                                                           WM_INDICATOR_BASELINE)
                               || wm_indicator_engine_is_defined (engine, row->key, area_id,
                                                                  WM_INDICATOR_PROJECTED));
          g_assert_cmpint (row->has_band, ==, has_band);
          if (has_band)
            {
              g_assert_true (isnan (band.min) ? isnan (row->band_min)
                                              : row->band_min == band.min);
              g_assert_true (isnan (band.max) ? isnan (row->band_max)
                                              : row->band_max == band.max);
            }
          g_assert_cmpint (row->is_fraction, ==,
                           g_str_has_prefix (row->key, "share.")
                               || g_str_has_prefix (row->key, "coverage.")
                               || g_str_has_suffix (row->key, "_share"));
          seen += g_str_equal (row->key, "share.social_rent");
        }
    }
  g_assert_cmpuint (seen, ==, 1);
}

static void
assert_mix_matches (WmIndicatorEngine *engine, const char *area_id)
{
  g_autoptr (GArray) bars = wm_chart_mix_bars_new ();
  g_autoptr (GArray) bands = wm_chart_bands_new ();
  WmDwellingMix mix;

  wm_chart_mix_from_engine (engine, area_id, bars, bands);
  g_assert_cmpuint (bars->len, ==, 2);
  for (int state = 0; state < 2; state++)
    {
      wm_indicator_engine_get_mix (engine, area_id, state, &mix);
      g_assert_true (wm_dwelling_mix_equal (&g_array_index (bars, WmChartMixBar, state).mix,
                                            &mix));
    }
  g_assert_cmpstr (g_array_index (bars, WmChartMixBar, 0).label, ==, "Now");
  g_assert_cmpstr (g_array_index (bars, WmChartMixBar, 1).label, ==, "After the plan");
  /* The demo's preset: social rent 30–50 %, the only band on a segment's share. */
  g_assert_cmpuint (bands->len, ==, 1);
  g_assert_cmpint (g_array_index (bands, WmChartBand, 0).segment, ==, WM_SEGMENT_SOCIAL_RENT);
  g_assert_true (g_array_index (bands, WmChartBand, 0).has_min);
  g_assert_true (g_array_index (bands, WmChartBand, 0).has_max);
  g_assert_cmpfloat_with_epsilon (g_array_index (bands, WmChartBand, 0).min, 0.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (bands, WmChartBand, 0).max, 0.5, 1e-9);
}

/* Find a building with expensive owner-occupied dwellings to sell as social rent. */
static WmBuilding *
expensive_building (WmPlan *plan)
{
  GListModel *buildings = wm_plan_get_buildings (plan);

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr (WmBuilding) b = g_list_model_get_item (buildings, i);

      if (wm_building_get_dwellings (b)->counts[WM_SEGMENT_OWNER_EXPENSIVE] >= 2
          && wm_building_get_area_id (b) != NULL)
        return b;
    }
  g_assert_not_reached ();
}

/* The copies hold the engine's figures for the demo, before and after a proposal, for the
 * neighbourhood and one area. */
static void
test_from_engine (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  g_autoptr (WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmProposal) proposal = NULL;
  g_autoptr (GArray) bars = wm_chart_mix_bars_new ();
  WmBuilding *building = expensive_building (plan);
  const char *area_id = wm_building_get_area_id (building);

  assert_mix_matches (engine, NULL);
  assert_changes_match (engine, NULL);
  assert_changes_match (engine, area_id);

  proposal = wm_proposal_factory_convert_tenure (plan, NULL, wm_building_get_id (building),
                                                 WM_SEGMENT_OWNER_EXPENSIVE,
                                                 WM_SEGMENT_SOCIAL_RENT, 2, 2028, &error);
  g_assert_no_error (error);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), proposal);
  assert_mix_matches (engine, NULL);
  assert_mix_matches (engine, area_id);
  assert_changes_match (engine, NULL);
  assert_changes_match (engine, area_id);

  wm_chart_mix_from_engine (engine, area_id, bars, NULL);
  g_assert_cmpint (g_array_index (bars, WmChartMixBar, 1).mix.counts[WM_SEGMENT_SOCIAL_RENT], ==,
                   g_array_index (bars, WmChartMixBar, 0).mix.counts[WM_SEGMENT_SOCIAL_RENT] + 2);

  /* And the demo's charts draw (kept with WM_SCREENSHOT_DIR to look at). */
  {
    g_autoptr (GArray) all_bars = wm_chart_mix_bars_new ();
    g_autoptr (GArray) bands = wm_chart_bands_new ();
    g_autoptr (GArray) rows = wm_chart_changes_new ();
    g_autoptr (GArray) coverage = wm_chart_changes_new ();
    cairo_surface_t *surface;
    cairo_t *cr;
    WmChartStyle style;
    double w = 480, h_mix, h_rows, h_cov;

    wm_chart_style_init (&style, FONT_SIZE);
    wm_chart_mix_from_engine (engine, NULL, all_bars, bands);
    wm_chart_changes_from_engine (engine, NULL, FALSE, rows);
    wm_chart_changes_from_engine (engine, NULL, TRUE, coverage);
    h_mix = wm_chart_get_mix_height (all_bars->len, w, &style);
    h_rows = wm_chart_get_changes_height (rows->len, &style);
    h_cov = wm_chart_get_coverage_height (coverage->len, &style);
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w + 20,
                                          (int) (h_mix + h_rows + h_cov + 60));
    cr = cairo_create (surface);
    cairo_surface_destroy (surface);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    wm_chart_draw_mix (cr, 10, 10, w, h_mix, (WmChartMixBar *) all_bars->data, all_bars->len,
                       (WmChartBand *) bands->data, bands->len, &style);
    wm_chart_draw_changes (cr, 10, 30 + h_mix, w, h_rows, (WmChartChange *) rows->data,
                           rows->len, &style);
    wm_chart_draw_coverage (cr, 10, 50 + h_mix + h_rows, w, h_cov,
                            (WmChartChange *) coverage->data, coverage->len, &style);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    {
      const char *dir = g_getenv ("WM_SCREENSHOT_DIR");

      if (dir != NULL)
        {
          g_autofree char *path = g_build_filename (dir, "chart-demo.png", NULL);
          cairo_surface_write_to_png (cairo_get_target (cr), path);
        }
    }
    cairo_destroy (cr);
  }
}

/* On paper the charts stay vectors and text: no part of them falls back to an image (hatching,
 * translucent bands), and their words can be found in the PDF. */
static void
test_pdf_vectors (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  g_autoptr (WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);
  g_autoptr (GArray) bars = wm_chart_mix_bars_new ();
  g_autoptr (GArray) bands = wm_chart_bands_new ();
  g_autoptr (GArray) rows = wm_chart_changes_new ();
  g_autoptr (GArray) coverage = wm_chart_changes_new ();
  g_autofree char *dir = g_dir_make_tmp ("wm-test-chart-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "charts.pdf", NULL);
  g_autofree char *images = NULL, *text = NULL, *errors = NULL;
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 1000);
  cairo_t *cr = cairo_create (surface);
  WmChartStyle style;
  g_auto (GStrv) lines = NULL;
  double y = 40;
  int status;

  wm_chart_style_init (&style, 9);
  wm_chart_mix_from_engine (engine, NULL, bars, bands);
  wm_chart_changes_from_engine (engine, NULL, FALSE, rows);
  wm_chart_changes_from_engine (engine, NULL, TRUE, coverage);
  wm_chart_draw_mix (cr, 40, y, 515, wm_chart_get_mix_height (bars->len, 515, &style),
                     (WmChartMixBar *) bars->data, bars->len, (WmChartBand *) bands->data,
                     bands->len, &style);
  y += wm_chart_get_mix_height (bars->len, 515, &style) + 20;
  wm_chart_draw_changes (cr, 40, y, 515, wm_chart_get_changes_height (rows->len, &style),
                         (WmChartChange *) rows->data, rows->len, &style);
  y += wm_chart_get_changes_height (rows->len, &style) + 20;
  g_assert_cmpfloat (y + wm_chart_get_coverage_height (coverage->len, &style), <, 1000);
  wm_chart_draw_coverage (cr, 40, y, 515, wm_chart_get_coverage_height (coverage->len, &style),
                          (WmChartChange *) coverage->data, coverage->len, &style);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_true (g_spawn_sync (NULL, (char *[]) { "pdfimages", "-list", path, NULL }, NULL,
                               G_SPAWN_SEARCH_PATH, NULL, NULL, &images, &errors, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* Two header lines, then one per image. */
  lines = g_strsplit (images, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), <=, 3);
  g_free (errors);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { "pdftotext", path, "-", NULL }, NULL,
                               G_SPAWN_SEARCH_PATH, NULL, NULL, &text, &errors, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "After the plan"));
  g_assert_nonnull (strstr (text, "Target band: Social rent 30% to 50%"));
  g_assert_nonnull (strstr (text, "Share: Social rent"));
  g_assert_nonnull (strstr (text, "353 dwellings"));

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The descriptions state the figures in the interface's language. */
static void
test_describe (void)
{
  WmChartMixBar bar;
  WmChartBand band = { .segment = WM_SEGMENT_SOCIAL_RENT, .has_min = TRUE, .min = 0.3,
                       .has_max = TRUE, .max = 0.5 };
  WmChartChange row;
  g_autofree char *mix = NULL, *changes = NULL;

  mix_bar_init (&bar, "Now", 1250, 0, 0, 0, 3750);
  mix = wm_chart_describe_mix (&bar, 1, &band, 1);
  g_assert_nonnull (strstr (mix, "Now: 5,000 dwellings"));
  g_assert_nonnull (strstr (mix, "25.0%"));
  g_assert_nonnull (strstr (mix, "75.0%"));
  g_assert_nonnull (strstr (mix, "30% to 50%"));
  change_init (&row, "Share of social rent", TRUE, 0.2, 0.245);
  changes = wm_chart_describe_changes (&row, 1);
  g_assert_cmpstr (changes, ==, "Share of social rent: 20.0% now, 24.5% after the plan.");
}

/* The figures the charts print follow the interface's language. */
static void
test_chart_values_dutch (void)
{
  WmChartChange row;
  char *text;

  use_language ("nl");
  change_init (&row, "Aandeel sociale huur", TRUE, 0.204, 0.281);
  text = wm_chart_format_value (&row, row.baseline);
  g_assert_cmpstr (text, ==, "20,4 %");
  g_free (text);
  row.is_fraction = FALSE;
  row.is_index = TRUE;
  text = wm_chart_format_value (&row, 0.915);
  g_assert_cmpstr (text, ==, "0,92");
  g_free (text);
  row.is_index = FALSE;
  text = wm_chart_format_value (&row, 1234.4);
  g_assert_cmpstr (text, ==, "1.234");
  g_free (text);
  row.defined = FALSE;
  text = wm_chart_format_value (&row, 1234);
  g_assert_cmpstr (text, ==, "–");
  g_free (text);
  use_language ("en");
}


/* ---- series and rehousing ---- */

static GArray *
values_new (const double *values, guint n)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_vals (a, values, n);
  return a;
}

static gboolean
near_colour (guint32 pixel, guint32 colour, int tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) (pixel >> shift & 0xff) - (int) (colour >> shift & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

/* Pixels of @colour in the column @x from @y0 to @y1. */
static guint
count_in_column (cairo_t *cr, int x, int y0, int y1, guint32 colour)
{
  guint n = 0;

  for (int y = MAX (y0, 0); y < MIN (y1, HEIGHT); y++)
    n += near_colour (pixel_at (cr, x, y), colour, 40);
  return n;
}

/* Two lines over six years: each year's marker, the lines between them, no line across a year
 * without a figure, the band behind, the marked year's rule, and the markers' shapes. */
static void
test_series_lines (void)
{
  const double a[] = { 0.20, 0.22, 0.22, 0.24, 0.25, 0.26 };
  const double b[] = { 0.22, 0.25, 0.27, NAN, 0.29, 0.30 };
  WmChartSeries series[2] = {
    { "Plan A", wm_chart_get_series_colour (0), values_new (a, 6) },
    { "Plan B", wm_chart_get_series_colour (1), values_new (b, 6) },
  };
  WmChartStyle style;
  WmChartSeriesLayout layout;
  cairo_t *cr = white_canvas ();
  double height, r;

  wm_chart_style_init (&style, FONT_SIZE);
  height = wm_chart_get_series_height (2, WIDTH - 20, &style);
  g_assert_cmpfloat (height, <=, HEIGHT - 10);
  g_assert_cmpfloat (height, >, FONT_SIZE * 10);
  wm_chart_draw_series (cr, 10, 5, WIDTH - 20, height, 2025, series, 2, TRUE, FALSE, 0.32, 0.40,
                        2027, &style);
  maybe_save (cr, "series-lines.png");
  wm_chart_get_series_layout (10, 5, WIDTH - 20, height, 2025, series, 2, TRUE, FALSE, 0.32,
                              0.40, &style, &layout);
  g_assert_cmpuint (layout.n_years, ==, 6);
  g_assert_cmpuint (layout.label_step, ==, 1);
  /* The scale holds the figures and the band. */
  g_assert_cmpfloat (layout.value_min, <=, 0.20);
  g_assert_cmpfloat (layout.value_max, >=, 0.40);
  g_assert_cmpfloat (layout.key_y, <, 5 + height);

  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < 6; i++)
      {
        double v = g_array_index (series[s].values, double, i);
        int px = (int) round (wm_chart_series_layout_get_x (&layout, 2025 + i));
        int py = (int) round (wm_chart_series_layout_get_y (&layout, v));

        if (isnan (v))
          continue;
        if (!near_colour (pixel_at (cr, px, py), series[s].colour, 40))
          g_error ("No marker of %s in %u at (%d, %d): #%06x", series[s].label, 2025 + i, px, py,
                   pixel_at (cr, px, py));
      }
  /* Halfway between 2025 and 2026 the line of Plan A. */
  {
    double x0 = wm_chart_series_layout_get_x (&layout, 2025);
    double x1 = wm_chart_series_layout_get_x (&layout, 2026);
    double y0 = wm_chart_series_layout_get_y (&layout, a[0]);
    double y1 = wm_chart_series_layout_get_y (&layout, a[1]);

    g_assert_true (near_colour (pixel_at (cr, (int) round ((x0 + x1) / 2),
                                          (int) round ((y0 + y1) / 2)),
                                series[0].colour, 60));
  }
  /* Plan B has no figure in 2028: no line of its colour on either side of that year. */
  for (int year = 2027; year <= 2028; year++)
    {
      int mid = (int) round ((wm_chart_series_layout_get_x (&layout, year)
                              + wm_chart_series_layout_get_x (&layout, year + 1)) / 2);

      g_assert_cmpuint (count_in_column (cr, mid, (int) layout.plot.y,
                                         (int) (layout.plot.y + layout.plot.height),
                                         series[1].colour),
                        ==, 0);
    }
  /* ... while Plan A's line runs through there. */
  g_assert_cmpuint (count_in_column (cr,
                                     (int) round ((wm_chart_series_layout_get_x (&layout, 2027)
                                                   + wm_chart_series_layout_get_x (&layout, 2028))
                                                  / 2),
                                     (int) layout.plot.y,
                                     (int) (layout.plot.y + layout.plot.height),
                                     series[0].colour),
                    >, 0);

  /* The band: grey between its edges left of the first point, white just below it. */
  {
    int bx = (int) layout.plot.x + 3;
    guint32 in_band = pixel_at (cr, bx, (int) round (wm_chart_series_layout_get_y (&layout,
                                                                                   0.36)));
    guint32 below = pixel_at (cr, bx, (int) round (wm_chart_series_layout_get_y (&layout,
                                                                                 0.305)));

    g_assert_true ((in_band & 0xff) < 0xf4 && (in_band & 0xff) > 0xb0);
    g_assert_cmphex (below, ==, 0xffffff);
  }

  /* The marked year: a rule over the plot at 2027, and none at 2026. */
  {
    int rx = (int) round (wm_chart_series_layout_get_x (&layout, 2027));
    int ox = (int) round (wm_chart_series_layout_get_x (&layout, 2026));
    int ry = (int) round (wm_chart_series_layout_get_y (&layout, 0.315));

    guint darkest = 0xff;

    /* The rule may fall between two pixels. */
    for (int dx = -1; dx <= 1; dx++)
      {
        darkest = MIN (darkest, pixel_at (cr, rx + dx, ry) & 0xff);
        g_assert_cmphex (pixel_at (cr, ox + dx, ry), ==, 0xffffff);
      }
    g_assert_cmpuint (darkest, <, 0x90);
  }

  /* The markers differ in shape: Plan A's circle leaves its bounding box's corner free, Plan
   * B's square fills it (drawn large to see it to the pixel). */
  cairo_destroy (cr);
  cr = white_canvas ();
  wm_chart_style_init (&style, 28);
  height = wm_chart_get_series_height (2, 400, &style);
  g_assert_cmpfloat (height, <=, HEIGHT);
  wm_chart_draw_series (cr, 0, 0, 400, height, 2025, series, 2, TRUE, FALSE, NAN, NAN, 0,
                        &style);
  wm_chart_get_series_layout (0, 0, 400, height, 2025, series, 2, TRUE, FALSE, NAN, NAN, &style,
                              &layout);
  maybe_save (cr, "series-markers.png");
  r = 28 * 0.34;
  for (guint s = 0; s < 2; s++)
    {
      double v = g_array_index (series[s].values, double, 2);
      int cx = (int) wm_chart_series_layout_get_x (&layout, 2027);
      int cy = (int) wm_chart_series_layout_get_y (&layout, v);
      int down = 0, diagonal = 0;

      /* How far the marker's colour reaches straight down and diagonally up-left (no line
       * leaves either marker there): as far for a square, 1/√2 as far for a circle. */
      while (near_colour (pixel_at (cr, cx, cy + down + 1), series[s].colour, 40))
        down++;
      while (near_colour (pixel_at (cr, cx - diagonal - 1, cy - diagonal - 1), series[s].colour,
                          40))
        diagonal++;
      g_assert_cmpint (down, >=, (int) (r * 0.6));
      if (s == 0)
        g_assert_cmpfloat (diagonal, <, down * 0.75);
      else
        g_assert_cmpfloat (diagonal, >=, down * 0.8);
    }

  g_array_unref (series[0].values);
  g_array_unref (series[1].values);
  cairo_destroy (cr);
}

/* Forty years in the report's width and in a side panel: every year has its marker, the
 * labels are thinned so that no two touch, and the ends carry their figures. */
static void
test_series_many_years (void)
{
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  const double widths[] = { WIDTH - 20, 336, 200 };
  WmChartStyle style;

  for (int i = 0; i < 40; i++)
    {
      double v = 0.20 + 0.003 * i;

      g_array_append_val (values, v);
    }
  wm_chart_style_init (&style, FONT_SIZE);
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      WmChartSeries series = { "Plan", wm_chart_get_series_colour (0), values };
      WmChartSeriesLayout layout;
      cairo_t *cr = white_canvas ();
      double height = wm_chart_get_series_height (1, widths[w], &style);
      int previous = 0;
      guint n_labels = 0;

      wm_chart_draw_series (cr, 10, 5, widths[w], height, 2025, &series, 1, TRUE, FALSE, NAN,
                            NAN, 0, &style);
      if (w == 0)
        maybe_save (cr, "series-40-years.png");
      else if (w == 1)
        maybe_save (cr, "series-40-years-panel.png");
      wm_chart_get_series_layout (10, 5, widths[w], height, 2025, &series, 1, TRUE, FALSE, NAN,
                                  NAN, &style, &layout);
      g_assert_cmpuint (layout.n_years, ==, 40);
      g_assert_cmpuint (layout.label_step, >, 1);
      for (int year = 2025; year < 2065; year++)
        {
          int px = (int) round (wm_chart_series_layout_get_x (&layout, year));
          int py = (int) round (wm_chart_series_layout_get_y (&layout, g_array_index (
                                                                          values, double,
                                                                          year - 2025)));

          /* A marker of 1.5 px may fall between pixels: the nearest of the 3 × 3 around. */
          {
            gboolean found = FALSE;

            for (int dy = -1; dy <= 1 && !found; dy++)
              for (int dx = -1; dx <= 1 && !found; dx++)
                found = near_colour (pixel_at (cr, px + dx, py + dy), series.colour, 40);
            if (!found)
              g_error ("No marker at %g px wide in %d", widths[w], year);
          }
          if (!wm_chart_series_layout_is_labelled (&layout, year))
            continue;
          n_labels++;
          if (previous != 0)
            g_assert_cmpfloat (wm_chart_series_layout_get_x (&layout, year)
                                 - wm_chart_series_layout_get_x (&layout, previous),
                               >=, layout.label_width + FONT_SIZE * 0.5);
          previous = year;
        }
      /* Still enough labels to read a year off. */
      g_assert_cmpuint (n_labels, >=, 3);
      /* The scale runs over the figures, not from zero. */
      g_assert_cmpfloat (layout.value_min, >=, 0.15);
      cairo_destroy (cr);
    }
}

/* No line, or no figure in any year: a sentence instead of an empty frame. */
static void
test_series_empty (void)
{
  const double none[] = { NAN, NAN, NAN };
  WmChartSeries series = { "Plan", wm_chart_get_series_colour (0), values_new (none, 3) };
  WmChartStyle style;
  g_autofree char *text = NULL, *empty = NULL;

  wm_chart_style_init (&style, FONT_SIZE);
  for (guint n = 0; n < 2; n++)
    {
      cairo_t *cr = white_canvas ();
      guint dark = 0, coloured = 0;

      wm_chart_draw_series (cr, 0, 0, WIDTH, HEIGHT, 2025, &series, n, TRUE, FALSE, 0.3, 0.5,
                            2026, &style);
      for (int y = 0; y < HEIGHT; y++)
        for (int x = 0; x < WIDTH; x++)
          {
            guint32 p = pixel_at (cr, x, y);

            dark += is_dark (p);
            coloured += near_colour (p, series.colour, 40);
          }
      g_assert_cmpuint (dark, >, 50);
      g_assert_cmpuint (coloured, ==, 0);
      cairo_destroy (cr);
    }
  text = wm_chart_describe_series ("Share of social rent", 2025, &series, 1, TRUE, FALSE);
  g_assert_cmpstr (text, ==, "Share of social rent, Plan: no figure from 2025 to 2027.");
  empty = wm_chart_describe_series ("Share of social rent", 2025, NULL, 0, TRUE, FALSE);
  g_assert_cmpstr (empty, ==, "Share of social rent: no figures over the years.");
  g_array_unref (series.values);
}

static void
test_series_describe (void)
{
  const double a[] = { 0.2, 0.22, 0.22, NAN, 0.25 };
  const double b[] = { 0.62, 0.6151, 0.7 };
  const double c[] = { 1234, 1240 };
  WmChartSeries series[2] = {
    { "Plan A", wm_chart_get_series_colour (0), values_new (a, 5) },
    { "Plan B", wm_chart_get_series_colour (1), values_new (b, 3) },
  };
  WmChartSeries counts = { NULL, 0, values_new (c, 2) };
  g_autofree char *text = NULL, *index = NULL, *count = NULL, *dutch = NULL, *year = NULL;

  text = wm_chart_describe_series ("Share of social rent", 2025, series, 1, TRUE, FALSE);
  g_assert_cmpstr (text, ==,
                   "Share of social rent, Plan A: 20.0% in 2025, 22.0% from 2026 to 2027, no "
                   "figure in 2028, 25.0% in 2029.");
  /* Two lines, the shorter one without figures past its end. */
  index = wm_chart_describe_series ("Diversity", 2025, series + 1, 1, FALSE, TRUE);
  g_assert_cmpstr (index, ==, "Diversity, Plan B: 0.62 from 2025 to 2026, 0.70 in 2027.");
  count = wm_chart_describe_series ("Dwellings", 2030, &counts, 1, FALSE, FALSE);
  g_assert_cmpstr (count, ==, "Dwellings: 1,234 in 2030, 1,240 in 2031.");
  year = wm_chart_describe_series_year (2025, series, 2, TRUE, FALSE, 2026);
  g_assert_cmpstr (year, ==, "2026: Plan A 22.0%, Plan B 61.5%");
  g_assert_null (wm_chart_describe_series_year (2025, series, 2, TRUE, FALSE, 2031));

  use_language ("nl");
  dutch = wm_chart_describe_series ("Aandeel sociale huur", 2025, series, 1, TRUE, FALSE);
  /* The words come from the catalogue; the figures are Dutch whatever it holds. */
  g_assert_true (g_str_has_prefix (dutch, "Aandeel sociale huur, Plan A: 20,0 % "));
  g_assert_nonnull (strstr (dutch, "22,0 %"));
  g_assert_nonnull (strstr (dutch, "2028"));
  g_assert_nonnull (strstr (dutch, "25,0 % in 2029."));
  use_language ("en");
  g_array_unref (series[0].values);
  g_array_unref (series[1].values);
  g_array_unref (counts.values);
}

/* A balance from per-year moves and completions, totals and shortfalls worked out. */
static WmRehousingBalance *
balance_new (int first_year, const gint64 *moving, const gint64 *completed, guint n)
{
  WmRehousingBalance *balance = g_new0 (WmRehousingBalance, 1);
  gint64 moved = 0, done = 0;

  balance->first_year = n > 0 ? first_year : 0;
  balance->last_year = n > 0 ? first_year + (int) n - 1 : 0;
  balance->years = g_array_new (FALSE, TRUE, sizeof (WmRehousingYear));
  for (guint i = 0; i < n; i++)
    {
      WmRehousingYear y = { 0 };

      y.year = first_year + (int) i;
      y.moving = moving[i];
      y.completed = completed[i];
      moved += moving[i];
      done += completed[i];
      y.moving_total = moved;
      y.completed_total = done;
      y.shortfall = MAX (0, moved - done);
      if (y.shortfall > 0)
        balance->n_short_years++;
      if (y.shortfall > balance->largest_shortfall)
        {
          balance->largest_shortfall = y.shortfall;
          balance->largest_shortfall_year = y.year;
        }
      g_array_append_val (balance->years, y);
    }
  return balance;
}

static void
balance_free (WmRehousingBalance *balance)
{
  g_array_unref (balance->years);
  g_free (balance);
}

/* Amber warning-sign pixels in the lane above the plot around @x. */
static guint
count_warning (cairo_t *cr, int x, int y0, int y1)
{
  guint n = 0;

  for (int dx = -5; dx <= 5; dx++)
    n += count_in_column (cr, x + dx, y0, y1, 0xf0b400);
  return n;
}

static void
test_rehousing_bars (void)
{
  const gint64 moving[] = { 48, 0, 0, 0 };
  const gint64 completed[] = { 0, 0, 12, 40 };
  WmRehousingBalance *balance = balance_new (2026, moving, completed, 4);
  WmChartStyle style;
  WmChartSeriesLayout layout;
  WmChartRect m, c;
  cairo_t *cr = white_canvas ();
  double height;
  g_autofree char *text = NULL, *year = NULL;

  wm_chart_style_init (&style, FONT_SIZE);
  height = wm_chart_get_rehousing_height (WIDTH - 20, &style);
  g_assert_cmpfloat (height, <=, HEIGHT - 10);
  wm_chart_draw_rehousing (cr, 10, 5, WIDTH - 20, height, balance, 2028, &style);
  maybe_save (cr, "rehousing.png");
  wm_chart_get_rehousing_layout (10, 5, WIDTH - 20, height, balance, &style, &layout);
  g_assert_cmpuint (layout.n_years, ==, 4);
  g_assert_cmpfloat (layout.value_max, >=, 48);
  g_assert_false (wm_chart_get_rehousing_bars (&layout, balance, 2030, &m, &c));

  /* 2026: a bar of 48 households moving, none completed. */
  g_assert_true (wm_chart_get_rehousing_bars (&layout, balance, 2026, &m, &c));
  g_assert_cmpfloat (m.height, >, layout.plot.height * 0.7);
  g_assert_cmpfloat (c.height, ==, 0);
  g_assert_true (is_dark (pixel_at (cr, (int) (m.x + m.width / 2), (int) (m.y + m.height * 0.6))));
  /* 2029: 40 social-rent homes in the segment's colour, and no household moving. */
  g_assert_true (wm_chart_get_rehousing_bars (&layout, balance, 2029, &m, &c));
  g_assert_cmpint (classify_segment (pixel_at (cr, (int) (c.x + c.width / 2),
                                               (int) (c.y + c.height * 0.5))),
                   ==, WM_SEGMENT_SOCIAL_RENT);
  g_assert_false (is_dark (pixel_at (cr, (int) (m.x + m.width / 2),
                                     (int) (layout.plot.y + layout.plot.height - 3))));
  /* Short years (2026 to 2028) carry the warning sign above the plot; 2029 not. */
  for (int y = 2026; y <= 2029; y++)
    {
      guint n = count_warning (cr, (int) round (wm_chart_series_layout_get_x (&layout, y)), 5,
                               (int) layout.plot.y);

      if (y < 2029)
        g_assert_cmpuint (n, >, 10);
      else
        g_assert_cmpuint (n, ==, 0);
    }
  /* The running shortfall: red over the plot at 2027 (48 to cover), none at 2029. */
  g_assert_cmpuint (count_in_column (cr, (int) round (wm_chart_series_layout_get_x (&layout,
                                                                                    2027)),
                                     (int) layout.plot.y,
                                     (int) (layout.plot.y + layout.plot.height), 0xc0392b),
                    >, 0);

  text = wm_chart_describe_rehousing (balance);
  g_assert_nonnull (strstr (text, "2026: households to move 48, social-rent homes completed 0; "
                                  "short: by then 48 households must have moved but only 0 "
                                  "social-rent homes are completed, so 48 other vacancies are "
                                  "needed."));
  g_assert_nonnull (strstr (text, "2028: households to move 0, social-rent homes completed 12; "
                                  "short: by then 48 households must have moved but only 12 "));
  /* 2027 moves nothing and completes nothing but is still short. */
  g_assert_nonnull (strstr (text, "2027: households to move 0, social-rent homes completed 0; short"));
  g_assert_nonnull (strstr (text, "3 years are short; the largest shortfall is 48 in 2026."));
  year = wm_chart_describe_rehousing_year (balance, 2029);
  g_assert_cmpstr (year, ==, "2029: households to move 0, social-rent homes completed 40");
  cairo_destroy (cr);
  balance_free (balance);
}

/* Forty years of rehousing still label their years without overlap. */
static void
test_rehousing_many_years (void)
{
  gint64 moving[40], completed[40];
  WmRehousingBalance *balance;
  WmChartStyle style;
  WmChartSeriesLayout layout;
  cairo_t *cr = white_canvas ();
  double height;
  int previous = 0;

  for (int i = 0; i < 40; i++)
    {
      moving[i] = i % 3 == 0 ? 20 : 0;
      completed[i] = i % 4 == 1 ? 16 : 0;
    }
  balance = balance_new (2025, moving, completed, 40);
  wm_chart_style_init (&style, FONT_SIZE);
  height = wm_chart_get_rehousing_height (WIDTH - 20, &style);
  wm_chart_draw_rehousing (cr, 10, 5, WIDTH - 20, height, balance, 2040, &style);
  maybe_save (cr, "rehousing-40-years.png");
  wm_chart_get_rehousing_layout (10, 5, WIDTH - 20, height, balance, &style, &layout);
  g_assert_cmpuint (layout.label_step, >, 1);
  for (int year = 2025; year < 2065; year++)
    {
      WmChartRect m, c;

      g_assert_true (wm_chart_get_rehousing_bars (&layout, balance, year, &m, &c));
      /* The two bars of a year stay inside its column. */
      g_assert_cmpfloat (m.x, >=, wm_chart_series_layout_get_x (&layout, year) - layout.pitch / 2);
      g_assert_cmpfloat (c.x + c.width, <=,
                         wm_chart_series_layout_get_x (&layout, year) + layout.pitch / 2);
      if (!wm_chart_series_layout_is_labelled (&layout, year))
        continue;
      if (previous != 0)
        g_assert_cmpfloat (wm_chart_series_layout_get_x (&layout, year)
                             - wm_chart_series_layout_get_x (&layout, previous),
                           >=, layout.label_width + FONT_SIZE * 0.5);
      previous = year;
    }
  cairo_destroy (cr);
  balance_free (balance);
}

/* Nothing moves and nothing is completed: one honest line, no bars, no warning. */
static void
test_rehousing_empty (void)
{
  const gint64 zero[] = { 0, 0, 0 };
  WmRehousingBalance *none = balance_new (0, NULL, NULL, 0);
  WmRehousingBalance *quiet = balance_new (2026, zero, zero, 3);
  WmChartStyle style;

  wm_chart_style_init (&style, FONT_SIZE);
  g_assert_true (wm_chart_rehousing_is_empty (none));
  g_assert_true (wm_chart_rehousing_is_empty (quiet));
  g_assert_true (wm_chart_rehousing_is_empty (NULL));
  for (guint k = 0; k < 2; k++)
    {
      WmRehousingBalance *balance = k == 0 ? none : quiet;
      g_autofree char *text = wm_chart_describe_rehousing (balance);
      cairo_t *cr = white_canvas ();
      guint dark = 0, amber = 0;

      g_assert_cmpstr (text, ==, "Nothing to rehouse: no proposal with a year moves households "
                                 "or completes social-rent homes.");
      wm_chart_draw_rehousing (cr, 0, 0, WIDTH, HEIGHT, balance, 2027, &style);
      for (int y = 0; y < HEIGHT; y++)
        for (int x = 0; x < WIDTH; x++)
          {
            dark += is_dark (pixel_at (cr, x, y));
            amber += near_colour (pixel_at (cr, x, y), 0xf0b400, 30);
          }
      g_assert_cmpuint (dark, >, 50);
      g_assert_cmpuint (amber, ==, 0);
      /* Text only, near the top. */
      for (int x = 0; x < WIDTH; x++)
        g_assert_false (is_dark (pixel_at (cr, x, HEIGHT / 2)));
      cairo_destroy (cr);
    }
  /* Households moved by undated proposals are said. */
  none->undated_moving = 12;
  {
    g_autofree char *text = wm_chart_describe_rehousing (none);

    g_assert_nonnull (strstr (text, "12 households must move in proposals without a year"));
  }
  balance_free (none);
  balance_free (quiet);
}

static void
test_format_dutch (void)
{
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 12, 3, 14, 0, 0);
  char *text;

  use_language ("nl");
  g_assert_cmpstr (wm_render_format_get_language (), ==, "nl");
  text = wm_render_format_percent (0.125, 1);
  g_assert_cmpstr (text, ==, "12,5 %");
  g_free (text);
  text = wm_render_format_percent (0.3, 0);
  g_assert_cmpstr (text, ==, "30 %");
  g_free (text);
  text = wm_render_format_number (1234567.25, 2);
  g_assert_cmpstr (text, ==, "1.234.567,25");
  g_free (text);
  text = wm_render_format_number (-0.04, 1);
  g_assert_cmpstr (text, ==, "0,0");
  g_free (text);
  text = wm_render_format_number (-1234.5, 1);
  g_assert_cmpstr (text, ==, "-1.234,5");
  g_free (text);
  text = wm_render_format_count (999);
  g_assert_cmpstr (text, ==, "999");
  g_free (text);
  text = wm_render_format_count (1000);
  g_assert_cmpstr (text, ==, "1.000");
  g_free (text);
  text = wm_render_format_date (date);
  g_assert_cmpstr (text, ==, "3 december 2026");
  g_free (text);
  text = wm_render_format_percent (NAN, 1);
  g_assert_cmpstr (text, ==, "–");
  g_free (text);
  use_language ("en");
}

/* Writes a message catalogue of one entry, the header @header, as DIR/nl/LC_MESSAGES/wijkmix.mo
 * (the .mo layout: magic, revision, count, the two string tables, no hash table). */
static void
write_catalogue (const char *dir, const char *header)
{
  g_autofree char *messages = g_build_filename (dir, "nl", "LC_MESSAGES", NULL);
  g_autofree char *path = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  guint32 length = strlen (header);
  guint32 words[11] = { 0x950412de, 0, 1, 28, 36, 0, 44, 0, 44, length, 45 };
  g_autoptr (GByteArray) data = g_byte_array_new ();
  g_autoptr (GError) error = NULL;

  g_byte_array_append (data, (const guint8 *) words, sizeof words);
  g_byte_array_append (data, (const guint8 *) "", 1);
  g_byte_array_append (data, (const guint8 *) header, length + 1);
  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  g_file_set_contents (path, (const char *) data->data, data->len, &error);
  g_assert_no_error (error);
}

/* A catalogue whose header has no Language field is taken to be in the language asked for;
 * one that names its language is believed. */
static void
remove_catalogue (const char *dir)
{
  g_autofree char *mo = g_build_filename (dir, "nl", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *messages = g_build_filename (dir, "nl", "LC_MESSAGES", NULL);
  g_autofree char *nl = g_build_filename (dir, "nl", NULL);

  g_assert_cmpint (g_remove (mo), ==, 0);
  g_assert_cmpint (g_rmdir (messages), ==, 0);
  g_assert_cmpint (g_rmdir (nl), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_format_catalogue_language (void)
{
  /* Two folders: gettext keeps a catalogue it loaded from a path. */
  g_autofree char *plain = g_dir_make_tmp ("wm-test-chart-XXXXXX", NULL);
  g_autofree char *english = g_dir_make_tmp ("wm-test-chart-XXXXXX", NULL);
  char *text;

  g_assert_nonnull (plain);
  g_assert_nonnull (english);
  write_catalogue (plain, "Content-Type: text/plain; charset=UTF-8\n");
  bindtextdomain (GETTEXT_PACKAGE, plain);
  use_language ("nl");
  text = wm_render_format_percent (0.125, 1);
  g_assert_cmpstr (text, ==, "12,5 %");
  g_free (text);

  /* A catalogue in the Dutch folder that says it is English: English. */
  write_catalogue (english, "Language: en_GB\nContent-Type: text/plain; charset=UTF-8\n");
  bindtextdomain (GETTEXT_PACKAGE, english);
  use_language ("nl");
  g_assert_cmpstr (wm_render_format_get_language (), ==, "en");

  bindtextdomain (GETTEXT_PACKAGE, wm_core_get_localedir ());
  use_language ("en");
  remove_catalogue (plain);
  remove_catalogue (english);
}

static void
test_format_english (void)
{
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 5, 21, 9, 0, 0);
  char *text;

  use_language ("en");
  g_assert_cmpstr (wm_render_format_get_language (), ==, "en");
  text = wm_render_format_percent (0.125, 1);
  g_assert_cmpstr (text, ==, "12.5%");
  g_free (text);
  text = wm_render_format_number (1234567.25, 2);
  g_assert_cmpstr (text, ==, "1,234,567.25");
  g_free (text);
  text = wm_render_format_count (-12345);
  g_assert_cmpstr (text, ==, "-12,345");
  g_free (text);
  text = wm_render_format_date (date);
  g_assert_cmpstr (text, ==, "21 May 2026");
  g_free (text);
}

/* On the timeline the second mix bar is the plan so far: "End of 2028", not "After the plan";
 * its mix is the engine's at that year. */
static void
test_mix_bar_at_year (void)
{
  g_autoptr (WmPlan) plan = wm_test_make_small_plan ("Jaren");
  g_autoptr (WmProposal) build = wm_proposal_new ("nb", WM_PROPOSAL_NEW_BUILD);
  g_autoptr (WmGeometry) footprint = wm_test_square (100, 100, 20);
  g_autoptr (WmIndicatorEngine) engine = NULL;
  g_autoptr (GArray) bars = wm_chart_mix_bars_new ();
  WmDwellingMix mix = { { 0 } };

  mix.counts[WM_SEGMENT_MID_RENT] = 12;
  wm_proposal_set_geometry (build, footprint);
  wm_proposal_set_dwelling_delta (build, &mix);
  wm_proposal_set_year (build, 2029);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), build);
  engine = wm_indicator_engine_new (plan, NULL);

  wm_chart_mix_from_engine (engine, NULL, bars, NULL);
  g_assert_cmpstr (g_array_index (bars, WmChartMixBar, 1).label, ==, "After the plan");
  g_assert_cmpint (g_array_index (bars, WmChartMixBar, 1).mix.counts[WM_SEGMENT_MID_RENT], ==, 17);

  g_array_set_size (bars, 0);
  wm_indicator_engine_set_year (engine, 2028);
  wm_chart_mix_from_engine (engine, NULL, bars, NULL);
  g_assert_cmpstr (g_array_index (bars, WmChartMixBar, 1).label, ==, "End of 2028");
  g_assert_cmpint (g_array_index (bars, WmChartMixBar, 1).mix.counts[WM_SEGMENT_MID_RENT], ==, 5);
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add_func ("/render/chart/mix-bar-at-year", test_mix_bar_at_year);
  g_test_add_func ("/render/format/dutch", test_format_dutch);
  g_test_add_func ("/render/format/english", test_format_english);
  g_test_add_func ("/render/format/catalogue-language", test_format_catalogue_language);
  g_test_add_func ("/render/chart/mix-widths", test_mix_widths);
  g_test_add_func ("/render/chart/mix-band-bracket", test_mix_band_bracket);
  g_test_add_func ("/render/chart/changes-rows", test_changes_rows);
  g_test_add_func ("/render/chart/changes-rows-narrow", test_changes_rows_narrow);
  g_test_add_func ("/render/chart/coverage-bars", test_coverage_bars);
  g_test_add_func ("/render/chart/coverage-bars-narrow", test_coverage_bars_narrow);
  g_test_add_func ("/render/chart/from-engine", test_from_engine);
  g_test_add_func ("/render/chart/pdf-vectors", test_pdf_vectors);
  g_test_add_func ("/render/chart/describe", test_describe);
  g_test_add_func ("/render/chart/values-dutch", test_chart_values_dutch);
  g_test_add_func ("/render/chart/series-lines", test_series_lines);
  g_test_add_func ("/render/chart/series-many-years", test_series_many_years);
  g_test_add_func ("/render/chart/series-empty", test_series_empty);
  g_test_add_func ("/render/chart/series-describe", test_series_describe);
  g_test_add_func ("/render/chart/rehousing-bars", test_rehousing_bars);
  g_test_add_func ("/render/chart/rehousing-many-years", test_rehousing_many_years);
  g_test_add_func ("/render/chart/rehousing-empty", test_rehousing_empty);

  status = g_test_run ();
  wm_test_release_fonts ();
  return status;
}
