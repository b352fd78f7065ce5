/* wm-chart-view.c: one chart of src/render for the screen, following an engine */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wm-chart-view.h"
#include "wm-rehousing-balance.h"
#include "wm-render-format.h"
#include "wm-timeline.h"

struct _WmChartView
{
  GtkWidget parent_instance;

  WmChartViewKind kind;
  WmIndicatorEngine *engine;
  gulong changed_id;
  char *area_id;
  GStrv keys;

  GArray *bars;  /* WmChartMixBar */
  GArray *bands; /* WmChartBand */
  GArray *rows;  /* WmChartChange */
  char *description;
  guint serial, drawn_serial;

  /* The series and rehousing kinds. */
  gulong year_id;
  char *indicator;
  GArray *series;          /* WmChartSeries */
  gboolean fixed_series;   /* set by wm_chart_view_set_series(), not the engine's */
  int first_year;
  gboolean is_fraction, is_index;
  double band_min, band_max;
  int marked_year;
  WmRehousingBalance *balance;
  guint shape;             /* what the height depends on, to resize only when it changes */
};

G_DEFINE_FINAL_TYPE (WmChartView, wm_chart_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ENGINE,
  PROP_AREA,
  PROP_INDICATOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
chart_title (WmChartViewKind kind)
{
  switch (kind)
    {
    case WM_CHART_VIEW_MIX:
      return _("Housing segments now and after the plan");
    case WM_CHART_VIEW_CHANGES:
      return _("Indicators now and after the plan");
    case WM_CHART_VIEW_SERIES:
      return _("Indicator over the years");
    case WM_CHART_VIEW_REHOUSING:
      return _("Households to rehouse and social-rent homes completed per year");
    case WM_CHART_VIEW_COVERAGE:
    default:
      return _("Facilities within reach now and after the plan");
    }
}

/* As wm-chart.c reads keys: shares in percent, indices with two decimals. */
static gboolean
key_is_fraction (const char *key)
{
  return g_str_has_prefix (key, "share.") || g_str_has_prefix (key, "coverage.")
         || g_str_has_suffix (key, "_share");
}

static gboolean
key_is_index (const char *key)
{
  return g_str_equal (key, "diversity") || g_str_has_prefix (key, "dissimilarity");
}

/* The engine's line of the indicator, from the first to the last year of its scenario. */
static void
copy_engine_series (WmChartView *self)
{
  WmPlan *plan = wm_indicator_engine_get_plan (self->engine);
  WmScenario *scenario = wm_indicator_engine_get_scenario (self->engine);
  const char *keys[] = { self->indicator, NULL };
  int first = 0, last = 0;
  WmTargetBand band;
  WmChartSeries line = { 0 };

  self->is_fraction = key_is_fraction (self->indicator);
  self->is_index = key_is_index (self->indicator);
  self->band_min = self->band_max = NAN;
  if (wm_indicator_engine_get_target (self->engine, self->indicator, &band, NULL))
    {
      self->band_min = band.min;
      self->band_max = band.max;
    }
  self->first_year = 0;
  if (!wm_timeline_get_range (plan, scenario, &first, &last))
    return;
  self->first_year = first;
  line.label = g_strdup (scenario != NULL ? wm_scenario_get_name (scenario) : NULL);
  line.colour = wm_chart_get_series_colour (0);
  line.values = wm_indicator_engine_get_series (self->engine, keys, self->area_id, first, last);
  g_array_append_val (self->series, line);
}

static void
update_series (WmChartView *self)
{
  g_autofree char *label = NULL;

  self->marked_year = self->engine != NULL ? wm_indicator_engine_get_year (self->engine) : 0;
  if (!self->fixed_series)
    {
      g_array_set_size (self->series, 0);
      if (self->engine == NULL || self->indicator == NULL)
        return;
      copy_engine_series (self);
    }
  if (self->indicator != NULL && self->engine != NULL)
    label = wm_indicator_engine_get_label (self->engine, self->indicator);
  if (self->engine == NULL && !self->fixed_series)
    return;
  self->description = wm_chart_describe_series (label != NULL ? label : _("Indicator"),
                                                self->first_year,
                                                (WmChartSeries *) self->series->data,
                                                self->series->len, self->is_fraction,
                                                self->is_index);
}

static void
update_rehousing (WmChartView *self)
{
  g_clear_pointer (&self->balance, wm_rehousing_balance_free);
  self->marked_year = 0;
  if (self->engine == NULL)
    return;
  self->marked_year = wm_indicator_engine_get_year (self->engine);
  self->balance = wm_rehousing_balance_new (self->engine, 0, 0);
  self->description = wm_chart_describe_rehousing (self->balance);
}

/* TRUE when the series chart has a line with at least one year. */
static gboolean
series_has_years (WmChartView *self)
{
  for (guint i = 0; i < self->series->len; i++)
    {
      GArray *values = g_array_index (self->series, WmChartSeries, i).values;

      if (values != NULL && values->len > 0)
        return TRUE;
    }
  return FALSE;
}

/* What the height depends on besides the width. */
static guint
view_shape (WmChartView *self)
{
  switch (self->kind)
    {
    case WM_CHART_VIEW_SERIES:
      return self->series->len * 2 + series_has_years (self);
    case WM_CHART_VIEW_REHOUSING:
      return !wm_chart_rehousing_is_empty (self->balance);
    default:
      return self->bars->len + self->rows->len;
    }
}

/* Keeps the rows of @self->keys, in their order. */
static void
select_rows (WmChartView *self, GArray *all)
{
  for (guint k = 0; self->keys[k] != NULL; k++)
    for (guint i = 0; i < all->len; i++)
      {
        WmChartChange *row = &g_array_index (all, WmChartChange, i);

        if (row->key != NULL && g_str_equal (row->key, self->keys[k]))
          {
            /* Moved, not copied: the strings now belong to self->rows. */
            g_array_append_val (self->rows, *row);
            row->label = NULL;
            row->key = NULL;
            break;
          }
      }
}

/* Copies the figures (cheap: a few lookups), so the chart shows the edit in the same frame. */
static void
wm_chart_view_update (WmChartView *self)
{
  guint shape;

  g_array_set_size (self->bars, 0);
  g_array_set_size (self->bands, 0);
  g_array_set_size (self->rows, 0);
  g_clear_pointer (&self->description, g_free);

  if (self->kind == WM_CHART_VIEW_SERIES)
    update_series (self);
  else if (self->kind == WM_CHART_VIEW_REHOUSING)
    update_rehousing (self);
  else if (self->engine != NULL)
    {
      if (self->kind == WM_CHART_VIEW_MIX)
        {
          wm_chart_mix_from_engine (self->engine, self->area_id, self->bars, self->bands);
          self->description = wm_chart_describe_mix ((WmChartMixBar *) self->bars->data,
                                                     self->bars->len,
                                                     (WmChartBand *) self->bands->data,
                                                     self->bands->len);
        }
      else
        {
          gboolean coverage = self->kind == WM_CHART_VIEW_COVERAGE;

          if (self->keys != NULL)
            {
              g_autoptr (GArray) all = wm_chart_changes_new ();

              wm_chart_changes_from_engine (self->engine, self->area_id, coverage, all);
              select_rows (self, all);
            }
          else
            wm_chart_changes_from_engine (self->engine, self->area_id, coverage, self->rows);
          self->description = wm_chart_describe_changes ((WmChartChange *) self->rows->data,
                                                         self->rows->len);
        }
    }

  self->serial++;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description != NULL ? self->description : "", -1);
  /* The height changes with the number of bars, rows or lines only: an edit does not lay out
   * the panel again. */
  shape = view_shape (self);
  if (shape != self->shape)
    {
      self->shape = shape;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* @a, or @a blended with @b by @t, as 0xRRGGBB. */
static guint32
rgb_from_rgba (const GdkRGBA *a, const GdkRGBA *b, double t)
{
  double r = a->red, g = a->green, bl = a->blue;

  if (b != NULL)
    {
      r += (b->red - r) * t;
      g += (b->green - g) * t;
      bl += (b->blue - bl) * t;
    }
  return ((guint32) (CLAMP (r, 0, 1) * 255 + 0.5) << 16)
         | ((guint32) (CLAMP (g, 0, 1) * 255 + 0.5) << 8)
         | (guint32) (CLAMP (bl, 0, 1) * 255 + 0.5);
}

/* The chart in the widget's font and text colour. */
static void
style_for_widget (WmChartView *self, WmChartStyle *style)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double size = 10 * 96.0 / 72.0;
  GdkRGBA fg, bg;

  if (font != NULL && pango_font_description_get_size (font) > 0)
    {
      size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
      if (!pango_font_description_get_size_is_absolute (font))
        size *= 96.0 / 72.0;
    }
  wm_chart_style_init (style, size);
  if (font != NULL)
    style->font_family = pango_font_description_get_family (font);

  /* GTK 4.8 has no gtk_widget_get_color (); libadwaita names the window's background. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "window_bg_color",
                                       &bg))
    bg = (GdkRGBA) { 1, 1, 1, 1 };
  style->foreground = rgb_from_rgba (&fg, NULL, 0);
  style->background = rgb_from_rgba (&bg, NULL, 0);
  /* Translucent over the background, so the band reads on a light and a dark theme. */
  style->band = style->foreground;
  style->grid = rgb_from_rgba (&fg, &bg, 0.55);
}

static double
chart_height (WmChartView *self, double width, const WmChartStyle *style)
{
  switch (self->kind)
    {
    case WM_CHART_VIEW_MIX:
      return wm_chart_get_mix_height (MAX (self->bars->len, 2), width, style);
    case WM_CHART_VIEW_CHANGES:
      return wm_chart_get_changes_height (self->rows->len, style);
    case WM_CHART_VIEW_SERIES:
      /* Without years the chart is a line saying so. */
      if (!series_has_years (self))
        return self->engine != NULL || self->fixed_series ? style->font_size * 2.8 : 0;
      return wm_chart_get_series_height (self->series->len, width, style);
    case WM_CHART_VIEW_REHOUSING:
      if (self->balance == NULL)
        return 0;
      if (wm_chart_rehousing_is_empty (self->balance))
        return style->font_size * 4.2;
      return wm_chart_get_rehousing_height (width, style);
    case WM_CHART_VIEW_COVERAGE:
    default:
      return wm_chart_get_coverage_height (self->rows->len, style);
    }
}

static void
on_engine_year (WmChartView *self)
{
  wm_chart_view_update (self);
}

static void
on_engine_changed (WmChartView *self)
{
  wm_chart_view_update (self);
}

GtkWidget *
wm_chart_view_new (WmChartViewKind kind)
{
  WmChartView *self = g_object_new (WM_TYPE_CHART_VIEW, NULL);

  self->kind = kind;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  chart_title (kind), -1);
  return GTK_WIDGET (self);
}

WmChartViewKind
wm_chart_view_get_kind (WmChartView *self)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), WM_CHART_VIEW_MIX);
  return self->kind;
}

void
wm_chart_view_set_engine (WmChartView *self, WmIndicatorEngine *engine)
{
  g_return_if_fail (WM_IS_CHART_VIEW (self));
  g_return_if_fail (engine == NULL || WM_IS_INDICATOR_ENGINE (engine));

  if (self->engine == engine)
    return;
  g_clear_signal_handler (&self->changed_id, self->engine);
  g_clear_signal_handler (&self->year_id, self->engine);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    {
      self->changed_id = g_signal_connect_swapped (engine, "changed",
                                                   G_CALLBACK (on_engine_changed), self);
      /* The year marked follows the timeline even where the figures do not change. */
      if (self->kind == WM_CHART_VIEW_SERIES || self->kind == WM_CHART_VIEW_REHOUSING)
        self->year_id = g_signal_connect_swapped (engine, "notify::year",
                                                  G_CALLBACK (on_engine_year), self);
    }
  wm_chart_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

WmIndicatorEngine *
wm_chart_view_get_engine (WmChartView *self)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), NULL);
  return self->engine;
}

void
wm_chart_view_set_area (WmChartView *self, const char *area_id)
{
  g_return_if_fail (WM_IS_CHART_VIEW (self));

  if (g_strcmp0 (self->area_id, area_id) == 0)
    return;
  g_free (self->area_id);
  self->area_id = g_strdup (area_id);
  wm_chart_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA]);
}

const char *
wm_chart_view_get_area (WmChartView *self)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), NULL);
  return self->area_id;
}

void
wm_chart_view_set_keys (WmChartView *self, const char *const *keys)
{
  g_return_if_fail (WM_IS_CHART_VIEW (self));

  g_strfreev (self->keys);
  self->keys = g_strdupv ((char **) keys);
  wm_chart_view_update (self);
}

guint
wm_chart_view_get_n_bars (WmChartView *self)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), 0);
  return self->bars->len;
}

gboolean
wm_chart_view_get_bar_mix (WmChartView *self, guint index, WmDwellingMix *out_mix)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (out_mix != NULL, FALSE);

  if (index >= self->bars->len)
    return FALSE;
  *out_mix = g_array_index (self->bars, WmChartMixBar, index).mix;
  return TRUE;
}

guint
wm_chart_view_get_n_bands (WmChartView *self)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), 0);
  return self->bands->len;
}

guint
wm_chart_view_get_n_rows (WmChartView *self)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), 0);
  return self->rows->len;
}

const WmChartChange *
wm_chart_view_get_row (WmChartView *self, guint index)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), NULL);
  return index < self->rows->len ? &g_array_index (self->rows, WmChartChange, index) : NULL;
}

const char *
wm_chart_view_get_description (WmChartView *self)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), NULL);
  return self->description;
}

char *
wm_chart_view_dup_tooltip_at (WmChartView *self, double x, double y)
{
  WmChartStyle style;
  int width;

  g_return_val_if_fail (WM_IS_CHART_VIEW (self), NULL);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  if (width <= 0)
    return NULL;
  style_for_widget (self, &style);

  if (self->kind == WM_CHART_VIEW_MIX)
    {
      const WmChartMixBar *bars = (const WmChartMixBar *) self->bars->data;

      for (guint b = 0; b < self->bars->len; b++)
        {
          WmChartRect r;
          double total = 0, start = 0;

          wm_chart_get_mix_bar_rect (bars, self->bars->len, b, 0, 0, width, &style, &r);
          if (y < r.y || y >= r.y + r.height || x < r.x || x >= r.x + r.width)
            continue;
          for (int s = 0; s < WM_N_SEGMENTS; s++)
            total += MAX (0, bars[b].mix.counts[s]);
          for (guint i = 0; i < WM_N_SEGMENTS && total > 0; i++)
            {
              WmSegment s = wm_chart_get_segment_at (i);
              int count = MAX (0, bars[b].mix.counts[s]);
              double share = count / total;

              if (count > 0 && x < r.x + r.width * (start + share))
                {
                  const char *name = wm_segment_table_get_name (
                    wm_segment_table_get_default (), s);
                  g_autofree char *number = wm_render_format_count (count);
                  g_autofree char *percent = wm_render_format_percent (share, 1);

                  /* Translators: a mix bar's tooltip, e.g. "After the plan: Social rent, 115
                   * dwellings (28.1%)" */
                  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%s: %s, %s dwelling (%s)",
                                                       "%s: %s, %s dwellings (%s)",
                                                       (gulong) count),
                                          bars[b].label, name, number, percent);
                }
              start += share;
            }
        }
      return NULL;
    }

  if (self->kind == WM_CHART_VIEW_SERIES || self->kind == WM_CHART_VIEW_REHOUSING)
    {
      int height = gtk_widget_get_height (GTK_WIDGET (self));
      WmChartSeriesLayout layout;
      int year;

      if (self->kind == WM_CHART_VIEW_SERIES)
        wm_chart_get_series_layout (0, 0, width, height, self->first_year,
                                    (WmChartSeries *) self->series->data, self->series->len,
                                    self->is_fraction, self->is_index, self->band_min,
                                    self->band_max, &style, &layout);
      else if (self->balance != NULL && !wm_chart_rehousing_is_empty (self->balance))
        wm_chart_get_rehousing_layout (0, 0, width, height, self->balance, &style, &layout);
      else
        return NULL;
      /* The year's column, from the top of the chart down to the year labels. */
      if (y < 0 || y > layout.plot.y + layout.plot.height + style.font_size * 1.7)
        return NULL;
      year = wm_chart_series_layout_get_year_at (&layout, x);
      if (year == 0)
        return NULL;
      if (self->kind == WM_CHART_VIEW_SERIES)
        return wm_chart_describe_series_year (self->first_year,
                                              (WmChartSeries *) self->series->data,
                                              self->series->len, self->is_fraction,
                                              self->is_index, year);
      return wm_chart_describe_rehousing_year (self->balance, year);
    }

  {
    double row_height = wm_chart_get_changes_row_height (&style);
    guint i = y >= 0 ? (guint) (y / row_height) : G_MAXUINT;

    /* The whole row, label and figures included. */
    if (i < self->rows->len)
      return wm_chart_describe_changes (&g_array_index (self->rows, WmChartChange, i), 1);
  }
  return NULL;
}

static gboolean
on_query_tooltip (WmChartView *self, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  g_autofree char *text = keyboard ? g_strdup (self->description)
                                   : wm_chart_view_dup_tooltip_at (self, x, y);

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

guint
wm_chart_view_get_serial (WmChartView *self)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), 0);
  return self->serial;
}

guint
wm_chart_view_get_drawn_serial (WmChartView *self)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), 0);
  return self->drawn_serial;
}

static GtkSizeRequestMode
wm_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
wm_chart_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                       int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  WmChartView *self = WM_CHART_VIEW (widget);
  WmChartStyle style;

  style_for_widget (self, &style);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Narrower than this and the labels take the bars' room. */
      *minimum = (int) (style.font_size * 16);
      *natural = (int) (style.font_size * 28);
    }
  else
    {
      double width = for_size > 0 ? for_size : style.font_size * 28;

      *minimum = *natural = (int) ceil (chart_height (self, width, &style));
    }
}

static void
wm_chart_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  WmChartView *self = WM_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  WmChartStyle style;
  cairo_t *cr;

  self->drawn_serial = self->serial;
  if (width <= 0 || height <= 0 || (self->engine == NULL && !self->fixed_series))
    return;
  style_for_widget (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  switch (self->kind)
    {
    case WM_CHART_VIEW_MIX:
      wm_chart_draw_mix (cr, 0, 0, width, height, (WmChartMixBar *) self->bars->data,
                         self->bars->len, (WmChartBand *) self->bands->data, self->bands->len,
                         &style);
      break;
    case WM_CHART_VIEW_CHANGES:
      wm_chart_draw_changes (cr, 0, 0, width, height, (WmChartChange *) self->rows->data,
                             self->rows->len, &style);
      break;
    case WM_CHART_VIEW_SERIES:
      wm_chart_draw_series (cr, 0, 0, width, height, self->first_year,
                            (WmChartSeries *) self->series->data, self->series->len,
                            self->is_fraction, self->is_index, self->band_min, self->band_max,
                            self->marked_year, &style);
      break;
    case WM_CHART_VIEW_REHOUSING:
      wm_chart_draw_rehousing (cr, 0, 0, width, height, self->balance, self->marked_year,
                               &style);
      break;
    case WM_CHART_VIEW_COVERAGE:
    default:
      wm_chart_draw_coverage (cr, 0, 0, width, height, (WmChartChange *) self->rows->data,
                              self->rows->len, &style);
      break;
    }
  cairo_destroy (cr);
}

static void
wm_chart_view_dispose (GObject *object)
{
  WmChartView *self = WM_CHART_VIEW (object);

  g_clear_signal_handler (&self->changed_id, self->engine);
  g_clear_signal_handler (&self->year_id, self->engine);
  g_clear_object (&self->engine);
  G_OBJECT_CLASS (wm_chart_view_parent_class)->dispose (object);
}

static void
wm_chart_view_finalize (GObject *object)
{
  WmChartView *self = WM_CHART_VIEW (object);

  g_array_unref (self->bars);
  g_array_unref (self->bands);
  g_array_unref (self->rows);
  g_free (self->area_id);
  g_strfreev (self->keys);
  g_free (self->description);
  g_free (self->indicator);
  g_array_unref (self->series);
  g_clear_pointer (&self->balance, wm_rehousing_balance_free);
  G_OBJECT_CLASS (wm_chart_view_parent_class)->finalize (object);
}

static void
wm_chart_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  WmChartView *self = WM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_AREA:
      g_value_set_string (value, self->area_id);
      break;
    case PROP_INDICATOR:
      g_value_set_string (value, self->indicator);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_chart_view_set_property (GObject *object, guint prop_id, const GValue *value,
                            GParamSpec *pspec)
{
  WmChartView *self = WM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      wm_chart_view_set_engine (self, g_value_get_object (value));
      break;
    case PROP_AREA:
      wm_chart_view_set_area (self, g_value_get_string (value));
      break;
    case PROP_INDICATOR:
      wm_chart_view_set_indicator (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_chart_view_class_init (WmChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_chart_view_dispose;
  object_class->finalize = wm_chart_view_finalize;
  object_class->get_property = wm_chart_view_get_property;
  object_class->set_property = wm_chart_view_set_property;
  widget_class->get_request_mode = wm_chart_view_get_request_mode;
  widget_class->measure = wm_chart_view_measure;
  widget_class->snapshot = wm_chart_view_snapshot;

  properties[PROP_ENGINE] = g_param_spec_object ("engine", NULL, NULL,
                                                 WM_TYPE_INDICATOR_ENGINE,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  properties[PROP_AREA] = g_param_spec_string ("area", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                   | G_PARAM_STATIC_STRINGS);
  properties[PROP_INDICATOR] = g_param_spec_string ("indicator", NULL, NULL, NULL,
                                                    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                        | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "wm-chart");
}

static void
wm_chart_view_init (WmChartView *self)
{
  self->bars = wm_chart_mix_bars_new ();
  self->bands = wm_chart_bands_new ();
  self->rows = wm_chart_changes_new ();
  self->series = wm_chart_series_array_new ();
  self->band_min = self->band_max = NAN;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
}

void
wm_chart_view_set_indicator (WmChartView *self, const char *key)
{
  g_return_if_fail (WM_IS_CHART_VIEW (self));

  if (g_strcmp0 (self->indicator, key) == 0)
    return;
  g_free (self->indicator);
  self->indicator = g_strdup (key);
  wm_chart_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDICATOR]);
}

const char *
wm_chart_view_get_indicator (WmChartView *self)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), NULL);
  return self->indicator;
}

void
wm_chart_view_set_series (WmChartView *self, int first_year, const WmChartSeries *series,
                          guint n_series, gboolean is_fraction, gboolean is_index,
                          double band_min, double band_max)
{
  g_return_if_fail (WM_IS_CHART_VIEW (self));
  g_return_if_fail (n_series == 0 || series != NULL);

  g_array_set_size (self->series, 0);
  self->fixed_series = n_series > 0;
  if (self->fixed_series)
    {
      self->first_year = first_year;
      self->is_fraction = is_fraction;
      self->is_index = is_index;
      self->band_min = band_min;
      self->band_max = band_max;
      for (guint i = 0; i < n_series; i++)
        {
          WmChartSeries copy = { 0 };

          copy.label = g_strdup (series[i].label);
          copy.colour = series[i].colour;
          copy.values = g_array_new (FALSE, FALSE, sizeof (double));
          if (series[i].values != NULL)
            g_array_append_vals (copy.values, series[i].values->data, series[i].values->len);
          g_array_append_val (self->series, copy);
        }
    }
  wm_chart_view_update (self);
}

const WmRehousingBalance *
wm_chart_view_get_rehousing (WmChartView *self)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), NULL);
  return self->balance;
}

guint
wm_chart_view_get_n_series (WmChartView *self)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), 0);
  return self->series->len;
}

const WmChartSeries *
wm_chart_view_get_series (WmChartView *self, guint index)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), NULL);
  return index < self->series->len ? &g_array_index (self->series, WmChartSeries, index) : NULL;
}

int
wm_chart_view_get_first_year (WmChartView *self)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), 0);
  return self->first_year;
}

int
wm_chart_view_get_marked_year (WmChartView *self)
{
  g_return_val_if_fail (WM_IS_CHART_VIEW (self), 0);
  return self->marked_year;
}
