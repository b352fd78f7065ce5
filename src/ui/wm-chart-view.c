/* wm-chart-view.c: one chart of src/render for the screen, following an engine */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wm-chart-view.h"
#include "wm-render-format.h"

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
};

G_DEFINE_FINAL_TYPE (WmChartView, wm_chart_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ENGINE,
  PROP_AREA,
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
    case WM_CHART_VIEW_COVERAGE:
    default:
      return _("Facilities within reach now and after the plan");
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
  guint n_before = self->bars->len + self->rows->len;

  g_array_set_size (self->bars, 0);
  g_array_set_size (self->bands, 0);
  g_array_set_size (self->rows, 0);
  g_clear_pointer (&self->description, g_free);

  if (self->engine != NULL)
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
  /* The height changes with the number of bars or rows only: an edit does not lay out the
   * panel again. */
  if (self->bars->len + self->rows->len != n_before)
    gtk_widget_queue_resize (GTK_WIDGET (self));
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
    case WM_CHART_VIEW_COVERAGE:
    default:
      return wm_chart_get_coverage_height (self->rows->len, style);
    }
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
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    self->changed_id = g_signal_connect_swapped (engine, "changed",
                                                 G_CALLBACK (on_engine_changed), self);
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
  if (width <= 0 || height <= 0 || self->engine == NULL)
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
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
}

/* PLACEHOLDER (render helper replaces): the series and rehousing kinds. */
void
wm_chart_view_set_indicator (WmChartView *self,
                             const char  *key)
{
  g_object_set_data_full (G_OBJECT (self), "wm-indicator", g_strdup (key), g_free);
}

const char *
wm_chart_view_get_indicator (WmChartView *self)
{
  return g_object_get_data (G_OBJECT (self), "wm-indicator");
}

void
wm_chart_view_set_series (WmChartView         *self,
                          int                  first_year,
                          const WmChartSeries *series,
                          guint                n_series,
                          gboolean             is_fraction,
                          gboolean             is_index,
                          double               band_min,
                          double               band_max)
{
}

const WmRehousingBalance *
wm_chart_view_get_rehousing (WmChartView *self)
{
  return NULL;
}
