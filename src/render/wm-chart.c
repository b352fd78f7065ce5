/* wm-chart.c: the mix and indicator charts, drawn with cairo for the panel and the report
 *
 * Every size derives from the style's font size, so one drawing serves a side panel at 12 px
 * and an A4 page at 9 pt. Text is measured with hinted metrics off, so a layout measured
 * without a surface (the height functions, the rectangles tests and hit tests use) is the
 * layout drawn on any surface.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "wm-chart.h"
#include "wm-map-style.h"
#include "wm-render-format.h"

/* Proportions of the font size. */
#define BAR_HEIGHT 2.2     /* a mix bar */
#define BAR_GAP 0.7        /* between mix bars */
#define BRACKET_LANE 1.0   /* above each mix bar, for the band brackets */
#define KEY_ROW 1.5        /* one row of the key */
#define KEY_GAP 0.9        /* above the key */
#define ROW_HEIGHT 2.6     /* a row of the changes and coverage charts */
#define LABEL_SHARE 0.36   /* at most this much of the width for row labels */
#define BAND_ALPHA 0.2
#define STACKED_BELOW 36   /* rows of the changes charts are stacked below this width */
#define STACKED_LABEL 1.3  /* the label line of a stacked row */

static const WmSegment bar_order[WM_N_SEGMENTS] = {
  WM_SEGMENT_SOCIAL_RENT, WM_SEGMENT_MID_RENT, WM_SEGMENT_OWNER_AFFORDABLE,
  WM_SEGMENT_PRIVATE_RENT, WM_SEGMENT_OWNER_EXPENSIVE,
};

WmSegment
wm_chart_get_segment_at (guint index)
{
  static WmSegment order[WM_N_SEGMENTS];
  static gsize initialised = 0;

  g_return_val_if_fail (index < WM_N_SEGMENTS, WM_SEGMENT_SOCIAL_RENT);

  /* From the table's data; the built-in order when the table's affordability is as shipped. */
  if (g_once_init_enter (&initialised))
    {
      WmSegmentTable *table = wm_segment_table_get_default ();
      guint n = 0;

      for (int pass = 0; pass < 2; pass++)
        for (guint i = 0; i < WM_N_SEGMENTS; i++)
          {
            WmSegment s = bar_order[i];

            if (wm_segment_table_is_affordable (table, s) == (pass == 0))
              order[n++] = s;
          }
      g_once_init_leave (&initialised, 1);
    }

  return order[index];
}

void
wm_chart_style_init (WmChartStyle *style, double font_size)
{
  g_return_if_fail (style != NULL);

  style->font_size = font_size;
  style->foreground = 0x000000;
  style->grid = 0x9a9a9a;
  style->band = 0x000000;
  style->font_family = NULL;
  style->background = 0xffffff;
}

static void
set_source (cairo_t *cr, guint32 color, double alpha)
{
  wm_map_style_set_source_rgb (cr, color, alpha);
}

static const cairo_user_data_key_t pango_context_key;

/* One Pango context per cairo context, kept on it: a new context for every label made Pango
 * look its fonts up again each time, which took most of a chart's drawing time. */
static PangoContext *
context_for (cairo_t *cr)
{
  PangoContext *context = cairo_get_user_data (cr, &pango_context_key);

  if (context == NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      context = pango_cairo_create_context (cr);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      pango_cairo_context_set_font_options (context, options);
      cairo_font_options_destroy (options);
      cairo_set_user_data (cr, &pango_context_key, context, g_object_unref);
    }
  else
    /* The caller may have moved or scaled the context since (a report page). */
    pango_cairo_update_context (cr, context);
  return context;
}

/* A layout at @scale times the font size, metrics unhinted (see the top of the file). */
static PangoLayout *
make_layout (cairo_t *cr, const WmChartStyle *style, const char *text, double scale,
             gboolean bold)
{
  PangoLayout *layout = pango_layout_new (context_for (cr));
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, style->font_family != NULL ? style->font_family
                                                                      : "Sans");
  pango_font_description_set_absolute_size (font, style->font_size * scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

/* A context for measuring where there is no surface yet. */
static cairo_t *
measuring_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

static double
text_width (cairo_t *cr, const WmChartStyle *style, const char *text, double scale,
            gboolean bold)
{
  PangoLayout *layout = make_layout (cr, style, text, scale, bold);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  g_object_unref (layout);
  return (double) logical.width / PANGO_SCALE;
}

/* Draws @text with its left edge at @x (or its right edge, @align_right), vertically centred
 * on @cy, cut to @max_width with an ellipsis and at most @max_lines lines. */
static void
show_text (cairo_t *cr, const WmChartStyle *style, const char *text, double scale,
           gboolean bold, double x, double cy, double max_width, int max_lines,
           gboolean align_right, guint32 color, double alpha)
{
  PangoLayout *layout = make_layout (cr, style, text, scale, bold);
  PangoRectangle logical;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -MAX (max_lines, 1));
      if (align_right)
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
    }
  pango_layout_get_extents (layout, NULL, &logical);
  set_source (cr, color, alpha);
  if (align_right && max_width > 0)
    cairo_move_to (cr, x - max_width, cy - (double) logical.height / PANGO_SCALE / 2);
  else if (align_right)
    cairo_move_to (cr, x - (double) logical.width / PANGO_SCALE,
                   cy - (double) logical.height / PANGO_SCALE / 2);
  else
    cairo_move_to (cr, x, cy - (double) logical.height / PANGO_SCALE / 2);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static double
mix_total (const WmDwellingMix *mix)
{
  double total = 0;

  for (int s = 0; s < WM_N_SEGMENTS; s++)
    total += MAX (0, mix->counts[s]);
  return total;
}

static char *
format_dwellings (int count)
{
  g_autofree char *number = wm_render_format_count (count);

  /* Translators: the total under a bar of the mix chart; %s is a number */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s dwelling", "%s dwellings",
                                       (gulong) ABS (count)),
                          number);
}

/* ---- the mix chart ---------------------------------------------------------------------- */

typedef struct
{
  double label_width; /* the label column, including its gap */
  double bar_x, bar_width;
  double first_bar_y; /* top of the first bar (below its bracket lane) */
  double pitch;       /* from one bar's top to the next one's */
  double bar_height;
  double key_y;
} MixLayout;

static void
mix_layout (cairo_t *cr, const WmChartMixBar *bars, guint n_bars, double x, double y,
            double width, const WmChartStyle *style, MixLayout *out)
{
  double fs = style->font_size, label_w = 0;

  for (guint i = 0; i < n_bars; i++)
    {
      g_autofree char *total = format_dwellings ((int) mix_total (&bars[i].mix));

      label_w = MAX (label_w, text_width (cr, style, bars[i].label, 1.0, TRUE));
      label_w = MAX (label_w, text_width (cr, style, total, 0.85, FALSE));
    }
  label_w = MIN (ceil (label_w), width * LABEL_SHARE);
  out->label_width = label_w > 0 ? label_w + fs * 0.8 : 0;
  out->bar_x = x + out->label_width;
  out->bar_width = MAX (width - out->label_width, 1);
  out->bar_height = fs * BAR_HEIGHT;
  out->pitch = fs * (BRACKET_LANE + BAR_HEIGHT + BAR_GAP);
  out->first_bar_y = y + fs * BRACKET_LANE;
  out->key_y = y + n_bars * out->pitch - fs * BAR_GAP + fs * KEY_GAP;
}

void
wm_chart_get_mix_bar_rect (const WmChartMixBar *bars, guint n_bars, guint index, double x,
                           double y, double width, const WmChartStyle *style,
                           WmChartRect *out_rect)
{
  cairo_t *cr;
  MixLayout layout;

  g_return_if_fail (index < n_bars && style != NULL && out_rect != NULL);

  cr = measuring_context ();
  mix_layout (cr, bars, n_bars, x, y, width, style, &layout);
  cairo_destroy (cr);
  out_rect->x = layout.bar_x;
  out_rect->y = layout.first_bar_y + index * layout.pitch;
  out_rect->width = layout.bar_width;
  out_rect->height = layout.bar_height;
}

/* Black or white, whichever reads on @color. */
static guint32
text_color_on (guint32 color)
{
  double r = ((color >> 16) & 0xff) / 255.0, g = ((color >> 8) & 0xff) / 255.0,
         b = (color & 0xff) / 255.0;

  return 0.299 * r + 0.587 * g + 0.114 * b > 0.55 ? 0x000000 : 0xffffff;
}

static void
draw_mix_bar (cairo_t *cr, const WmChartMixBar *bar, double x0, double y, double width,
              double height, const WmChartStyle *style)
{
  double total = mix_total (&bar->mix), fs = style->font_size, x = x0;

  if (total <= 0)
    {
      cairo_save (cr);
      set_source (cr, style->grid, 1);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, x0 + 0.5, y + 0.5, width - 1, height - 1);
      cairo_stroke (cr);
      cairo_restore (cr);
      show_text (cr, style, _("No dwellings"), 0.85, FALSE, x0 + fs * 0.5, y + height / 2, 0, 1,
                 FALSE, style->foreground, 0.8);
      return;
    }

  for (guint i = 0; i < WM_N_SEGMENTS; i++)
    {
      WmSegment s = wm_chart_get_segment_at (i);
      double share = MAX (0, bar->mix.counts[s]) / total;
      double w = width * share;
      /* A one-unit gap between neighbours, so they part without relying on hue. */
      double left = x > x0 ? x + 0.5 : x, right = x + w - (x + w < x0 + width - 0.01 ? 0.5 : 0);
      guint32 color = wm_map_style_get_segment_color (s);
      g_autofree char *figure = NULL;
      double figure_w;

      if (w <= 0)
        continue;
      if (right > left)
        {
          cairo_save (cr);
          cairo_rectangle (cr, left, y, right - left, height);
          cairo_clip (cr);
          set_source (cr, color, 1);
          cairo_paint (cr);
          wm_map_style_draw_segment_pattern (cr, s, left, y, right, y + height,
                                             MAX (fs * 0.55, 3));
          cairo_restore (cr);
        }

      /* The share on a patch of plain colour, so the hatching never runs through the text. */
      figure = wm_render_format_percent (share, share < 0.1 && share > 0 ? 1 : 0);
      figure_w = text_width (cr, style, figure, 0.85, TRUE);
      if (figure_w + fs * 0.6 <= right - left)
        {
          double pad = fs * 0.25, cx = (left + right) / 2;

          set_source (cr, color, 1);
          cairo_rectangle (cr, cx - figure_w / 2 - pad, y + height / 2 - fs * 0.6,
                           figure_w + 2 * pad, fs * 1.2);
          cairo_fill (cr);
          show_text (cr, style, figure, 0.85, TRUE, cx - figure_w / 2, y + height / 2, 0, 1,
                     FALSE, text_color_on (color), 1);
        }
      x += w;
    }
}

/* Where @band's segment starts in @mix and how far its band reaches, as fractions of the bar;
 * FALSE when the bar has no dwellings. */
static gboolean
band_span (const WmDwellingMix *mix, const WmChartBand *band, double *out_start,
           double *out_lo, double *out_hi)
{
  double total = mix_total (mix), start = 0;

  if (total <= 0)
    return FALSE;
  for (guint i = 0; i < WM_N_SEGMENTS && wm_chart_get_segment_at (i) != band->segment; i++)
    start += MAX (0, mix->counts[wm_chart_get_segment_at (i)]) / total;
  *out_start = start;
  *out_lo = start + (band->has_min ? band->min : 0);
  *out_hi = start + (band->has_max ? band->max : 1 - start);
  *out_hi = MIN (*out_hi, 1);
  return TRUE;
}

/* A bracket over the bar from @lo to @hi (fractions): a line along the top of the lane, with
 * a tick down to the bar at each bound that is set and an arrowhead at an open end. */
static void
draw_bracket (cairo_t *cr, const WmChartBand *band, double bar_x, double bar_w, double bar_y,
              double lo, double hi, double level, const WmChartStyle *style)
{
  double fs = style->font_size, line_y = bar_y - fs * (0.75 - level);
  double xl = bar_x + bar_w * lo, xh = bar_x + bar_w * hi;
  double lw = MAX (fs * 0.14, 1.5);

  cairo_save (cr);
  set_source (cr, style->foreground, 1);
  cairo_set_line_width (cr, lw);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_move_to (cr, xl, line_y);
  cairo_line_to (cr, xh, line_y);
  cairo_stroke (cr);
  if (band->has_min)
    {
      cairo_move_to (cr, xl, line_y - lw / 2);
      cairo_line_to (cr, xl, bar_y + fs * 0.35);
      cairo_stroke (cr);
    }
  else
    {
      cairo_move_to (cr, xl + fs * 0.35, line_y - fs * 0.22);
      cairo_line_to (cr, xl, line_y);
      cairo_line_to (cr, xl + fs * 0.35, line_y + fs * 0.22);
      cairo_stroke (cr);
    }
  if (band->has_max)
    {
      cairo_move_to (cr, xh, line_y - lw / 2);
      cairo_line_to (cr, xh, bar_y + fs * 0.35);
      cairo_stroke (cr);
    }
  else
    {
      cairo_move_to (cr, xh - fs * 0.35, line_y - fs * 0.22);
      cairo_line_to (cr, xh, line_y);
      cairo_line_to (cr, xh - fs * 0.35, line_y + fs * 0.22);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static char *format_band (gboolean has_min, double min, gboolean has_max, double max,
                          gboolean as_index);

/* The key's last line: the bracket and what it stands for, "Target band: social rent 30 %
 * to 50 %; mid-rent at least 10 %". */
static char *
bands_text (const WmChartBand *bands, guint n_bands)
{
  GString *text = g_string_new (_("Target band"));
  WmSegmentTable *table = wm_segment_table_get_default ();
  gboolean first = TRUE;

  for (guint b = 0; b < n_bands; b++)
    {
      g_autofree char *band = format_band (bands[b].has_min, bands[b].min, bands[b].has_max,
                                           bands[b].max, FALSE);

      if (band == NULL)
        continue;
      g_string_append (text, first ? ": " : "; ");
      first = FALSE;
      g_string_append_printf (text, "%s %s", wm_segment_table_get_name (table, bands[b].segment),
                              band);
    }
  return g_string_free (text, FALSE);
}

/* Lays the key out within @width, the segments in rows as they fit and the bands on a line of
 * their own (its height does not depend on the bands: wm_chart_get_mix_height() cannot know
 * them); returns the number of rows and, with @draw, draws it from (@x, @y). */
static guint
mix_key (cairo_t *cr, gboolean draw, double x, double y, double width,
         const WmChartBand *bands, guint n_bands, const WmChartStyle *style)
{
  double fs = style->font_size, cx = x, gap = fs * 1.0;
  guint row = 0;

  for (guint i = 0; i < WM_N_SEGMENTS; i++)
    {
      WmSegment segment = wm_chart_get_segment_at (i);
      const char *name = wm_segment_table_get_name (wm_segment_table_get_default (), segment);
      double item_width = fs * 1.6 + text_width (cr, style, name, 0.85, FALSE);
      double cy;

      if (cx > x && cx + item_width > x + width)
        {
          row++;
          cx = x;
        }
      cy = y + row * fs * KEY_ROW + fs * KEY_ROW / 2;
      if (draw)
        {
          double sx = cx, sy = cy - fs * 0.5, sw = fs * 1.1, sh = fs * 1.0;

          cairo_save (cr);
          cairo_rectangle (cr, sx, sy, sw, sh);
          cairo_clip (cr);
          set_source (cr, wm_map_style_get_segment_color (segment), 1);
          cairo_paint (cr);
          wm_map_style_draw_segment_pattern (cr, segment, sx, sy, sx + sw, sy + sh,
                                             MAX (fs * 0.55, 3));
          cairo_restore (cr);
          show_text (cr, style, name, 0.85, FALSE, sx + fs * 1.5, cy, 0, 1, FALSE,
                     style->foreground, 1);
        }
      cx += item_width + gap;
    }

  row++;
  if (draw && n_bands > 0)
    {
      g_autofree char *text = bands_text (bands, n_bands);
      double cy = y + row * fs * KEY_ROW + fs * KEY_ROW / 2;
      WmChartBand band = { .has_min = TRUE, .has_max = TRUE };

      draw_bracket (cr, &band, x, fs * 1.1, cy + fs * 0.35, 0.1, 0.9, 0.35, style);
      show_text (cr, style, text, 0.85, FALSE, x + fs * 1.5, cy, width - fs * 1.5, 1, FALSE,
                 style->foreground, 1);
    }
  return row + 1;
}

double
wm_chart_get_mix_height (guint n_bars, double width, const WmChartStyle *style)
{
  double fs;
  cairo_t *cr;
  guint key_rows;

  g_return_val_if_fail (style != NULL, 0);

  fs = style->font_size;
  cr = measuring_context ();
  key_rows = mix_key (cr, FALSE, 0, 0, width, NULL, 0, style);
  cairo_destroy (cr);
  return n_bars * fs * (BRACKET_LANE + BAR_HEIGHT + BAR_GAP) - fs * BAR_GAP + fs * KEY_GAP
         + key_rows * fs * KEY_ROW;
}

void
wm_chart_draw_mix (cairo_t *cr, double x, double y, double width, double height,
                   const WmChartMixBar *bars, guint n_bars, const WmChartBand *bands,
                   guint n_bands, const WmChartStyle *style)
{
  MixLayout layout;
  double fs;

  g_return_if_fail (cr != NULL && style != NULL);
  g_return_if_fail (n_bars == 0 || bars != NULL);
  g_return_if_fail (n_bands == 0 || bands != NULL);

  fs = style->font_size;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  mix_layout (cr, bars, n_bars, x, y, width, style, &layout);

  for (guint i = 0; i < n_bars; i++)
    {
      double bar_y = layout.first_bar_y + i * layout.pitch;
      g_autofree char *total = format_dwellings ((int) mix_total (&bars[i].mix));
      double label_max = layout.label_width - fs * 0.8;

      if (label_max > 0)
        {
          show_text (cr, style, bars[i].label, 1.0, TRUE, x, bar_y + layout.bar_height * 0.3,
                     label_max, 1, FALSE, style->foreground, 1);
          show_text (cr, style, total, 0.85, FALSE, x, bar_y + layout.bar_height * 0.75,
                     label_max, 1, FALSE, style->foreground, 0.75);
        }
      draw_mix_bar (cr, &bars[i], layout.bar_x, bar_y, layout.bar_width, layout.bar_height,
                    style);

      for (guint b = 0; b < n_bands; b++)
        {
          double start, lo, hi;

          if (!bands[b].has_min && !bands[b].has_max)
            continue;
          if (band_span (&bars[i].mix, &bands[b], &start, &lo, &hi) && hi >= lo)
            /* Several bands step down a little each, so their lines stay apart. */
            draw_bracket (cr, &bands[b], layout.bar_x, layout.bar_width, bar_y, lo, hi,
                          MIN (b, 3) * 0.18, style);
        }
    }

  mix_key (cr, TRUE, x, layout.key_y, width, bands, n_bands, style);
  cairo_restore (cr);
}

/* ---- the changes and coverage charts -------------------------------------------------- */

char *
wm_chart_format_value (const WmChartChange *row, double value)
{
  g_return_val_if_fail (row != NULL, NULL);

  if (!row->defined || !isfinite (value))
    return g_strdup ("–");
  if (row->is_fraction)
    return wm_render_format_percent (value, 1);
  if (row->is_index)
    return wm_render_format_number (value, 2);
  /* Counts, and estimated residents, which are whole people. */
  return wm_render_format_number (value, 0);
}

/* "20,4 % → 24,0 %", or one figure when nothing changed. */
static char *
format_figures (const WmChartChange *row)
{
  g_autofree char *b = wm_chart_format_value (row, row->baseline);
  g_autofree char *p = wm_chart_format_value (row, row->projected);

  if (!row->defined)
    return g_strdup ("–");
  if (g_str_equal (b, p))
    return g_steal_pointer (&p);
  return g_strdup_printf ("%s → %s", b, p);
}

typedef struct
{
  double label_width;  /* including its gap */
  double scale_x, scale_width;
  double figure_width; /* the right column, including its gap */
  double count_max;    /* the scale of rows that are neither fractions nor indices */
  /* Narrow (a side panel): each row's label and figures on a line of their own above a scale
   * the chart's full width, so the arrows keep their length. */
  gboolean stacked;
  double x, width;
} ChangesLayout;

static void
changes_layout (cairo_t *cr, const WmChartChange *rows, guint n_rows, double x, double width,
                gboolean coverage, const WmChartStyle *style, ChangesLayout *out)
{
  double fs = style->font_size, label_w = 0, figure_w = 0;

  out->count_max = 0;
  for (guint i = 0; i < n_rows; i++)
    {
      const WmChartChange *row = &rows[i];

      label_w = MAX (label_w, text_width (cr, style, row->label, 0.9, FALSE));
      if (coverage)
        {
          g_autofree char *b = wm_chart_format_value (row, row->baseline);
          g_autofree char *p = wm_chart_format_value (row, row->projected);

          figure_w = MAX (figure_w, text_width (cr, style, b, 0.8, FALSE));
          figure_w = MAX (figure_w, text_width (cr, style, p, 0.8, TRUE));
        }
      else
        {
          g_autofree char *figures = format_figures (row);

          figure_w = MAX (figure_w, text_width (cr, style, figures, 0.85, FALSE));
        }
      if (row->defined && !row->is_fraction && !row->is_index)
        {
          if (isfinite (row->baseline))
            out->count_max = MAX (out->count_max, fabs (row->baseline));
          if (isfinite (row->projected))
            out->count_max = MAX (out->count_max, fabs (row->projected));
        }
    }
  out->x = x;
  out->width = width;
  out->stacked = width < fs * STACKED_BELOW;
  /* Long names wrap onto a second line rather than take the chart's room. */
  label_w = MIN (ceil (label_w), width * LABEL_SHARE);
  figure_w = MIN (ceil (figure_w), width * 0.3);
  out->label_width = out->stacked ? 0 : label_w + fs * 0.8;
  out->figure_width = figure_w + fs * (coverage ? 0.4 : 0.8);
  out->scale_x = x + out->label_width + fs * 0.4;
  /* Stacked, the figures go on the label line and the scale takes the whole width. */
  out->scale_width = MAX (width - out->label_width - (out->stacked ? 0 : out->figure_width)
                              - fs * 0.8,
                          1);
  if (out->count_max <= 0)
    out->count_max = 1;
}

static double
row_position (const WmChartChange *row, const ChangesLayout *layout, double value)
{
  double scale = row->is_fraction || row->is_index ? 1.0 : layout->count_max;

  return layout->scale_x + layout->scale_width * CLAMP (value / scale, 0, 1);
}

static void
scale_rect (const ChangesLayout *layout, double y, guint index, const WmChartStyle *style,
            WmChartRect *out)
{
  double fs = style->font_size;

  out->x = layout->scale_x;
  out->width = layout->scale_width;
  if (layout->stacked)
    {
      out->y = y + index * fs * ROW_HEIGHT + fs * STACKED_LABEL;
      out->height = fs * (ROW_HEIGHT - STACKED_LABEL - 0.15);
    }
  else
    {
      out->y = y + index * fs * ROW_HEIGHT + fs * 0.35;
      out->height = fs * (ROW_HEIGHT - 0.7);
    }
}

/* The band of @row behind the scale of row @r: filled where it lies, outlined on the sides
 * that are set (an open side runs to the end of the scale). */
static void
draw_row_band (cairo_t *cr, const WmChartChange *row, const ChangesLayout *layout,
               const WmChartRect *r, const WmChartStyle *style)
{
  double lo, hi, x0, x1;

  if (!row->has_band || (!isfinite (row->band_min) && !isfinite (row->band_max)))
    return;
  lo = isfinite (row->band_min) ? row->band_min : 0;
  hi = isfinite (row->band_max) ? row->band_max : (row->is_fraction || row->is_index
                                                       ? 1.0
                                                       : layout->count_max);
  x0 = row_position (row, layout, lo);
  x1 = row_position (row, layout, hi);
  cairo_save (cr);
  set_source (cr, style->band, BAND_ALPHA);
  cairo_rectangle (cr, x0, r->y, x1 - x0, r->height);
  cairo_fill (cr);
  set_source (cr, style->grid, 1);
  cairo_set_line_width (cr, MAX (style->font_size * 0.1, 1));
  if (isfinite (row->band_min))
    {
      cairo_move_to (cr, x0, r->y);
      cairo_line_to (cr, x0, r->y + r->height);
    }
  if (isfinite (row->band_max))
    {
      cairo_move_to (cr, x1, r->y);
      cairo_line_to (cr, x1, r->y + r->height);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_scale_line (cairo_t *cr, const WmChartRect *r, const WmChartStyle *style)
{
  cairo_save (cr);
  set_source (cr, style->grid, 0.8);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, r->x, r->y + r->height / 2);
  cairo_line_to (cr, r->x + r->width, r->y + r->height / 2);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_change_marks (cairo_t *cr, const WmChartChange *row, const ChangesLayout *layout,
                   const WmChartRect *r, const WmChartStyle *style)
{
  double fs = style->font_size, cy = r->y + r->height / 2, radius = fs * 0.32;
  gboolean has_b = isfinite (row->baseline), has_p = isfinite (row->projected);
  double xb = has_b ? row_position (row, layout, row->baseline) : 0;
  double xp = has_p ? row_position (row, layout, row->projected) : 0;

  cairo_save (cr);
  set_source (cr, style->foreground, 1);
  cairo_set_line_width (cr, MAX (fs * 0.14, 1.5));
  /* The arrow only where it has room beside its head; a small change is the two dots. */
  if (has_b && has_p && fabs (xp - xb) > radius * 2 + fs * 0.5)
    {
      double dir = xp > xb ? 1 : -1, head = fs * 0.5;

      cairo_move_to (cr, xb + dir * radius, cy);
      cairo_line_to (cr, xp - dir * (radius + head * 0.6), cy);
      cairo_stroke (cr);
      cairo_move_to (cr, xp - dir * radius, cy);
      cairo_line_to (cr, xp - dir * (radius + head), cy - head * 0.5);
      cairo_line_to (cr, xp - dir * (radius + head), cy + head * 0.5);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  if (has_p)
    {
      cairo_arc (cr, xp, cy, radius, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  if (has_b)
    {
      /* Hollow: now; drawn last so it shows where nothing changed. */
      cairo_arc (cr, xb, cy, radius * 0.8, 0, 2 * G_PI);
      cairo_save (cr);
      set_source (cr, style->background, 1);
      cairo_fill_preserve (cr);
      cairo_restore (cr);
      cairo_set_line_width (cr, MAX (fs * 0.12, 1.2));
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_coverage_bars (cairo_t *cr, const WmChartChange *row, const ChangesLayout *layout,
                    const WmChartRect *r, const WmChartStyle *style)
{
  double fs = style->font_size, bar_h = r->height * 0.36, gap = r->height * 0.1;
  double y_now = r->y + (r->height - 2 * bar_h - gap) / 2, y_after = y_now + bar_h + gap;

  for (int state = 0; state < 2; state++)
    {
      double value = state == 0 ? row->baseline : row->projected;
      double by = state == 0 ? y_now : y_after;
      double x1;
      g_autofree char *figure = NULL;

      if (!isfinite (value))
        continue;
      x1 = row_position (row, layout, value);
      cairo_save (cr);
      if (state == 0)
        {
          /* Now: an outline with a light fill; after: solid, so the two differ in form. */
          set_source (cr, style->foreground, 0.15);
          cairo_rectangle (cr, r->x, by, x1 - r->x, bar_h);
          cairo_fill (cr);
          set_source (cr, style->foreground, 0.9);
          cairo_set_line_width (cr, 1);
          cairo_rectangle (cr, r->x + 0.5, by + 0.5, MAX (x1 - r->x - 1, 0), bar_h - 1);
          cairo_stroke (cr);
        }
      else
        {
          set_source (cr, style->foreground, 0.8);
          cairo_rectangle (cr, r->x, by, x1 - r->x, bar_h);
          cairo_fill (cr);
        }
      cairo_restore (cr);
      if (layout->stacked)
        continue; /* the figures are on the label line */
      figure = wm_chart_format_value (row, value);
      show_text (cr, style, figure, 0.8, state == 1, x1 + fs * 0.3, by + bar_h / 2, 0, 1, FALSE,
                 style->foreground, 1);
    }
}

/* The key of the changes (@coverage FALSE) or coverage chart: one line. */
static void
draw_changes_key (cairo_t *cr, double x, double y, double width, gboolean coverage,
                  const WmChartStyle *style)
{
  double fs = style->font_size, cy = y + fs * KEY_ROW / 2, cx = x;
  const char *now = C_("chart key", "Now");
  const char *after = C_("chart key", "After the plan");
  const char *band = _("Target band");

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, fs * KEY_ROW);
  cairo_clip (cr);
  for (int item = 0; item < 3; item++)
    {
      const char *text = item == 0 ? now : item == 1 ? after : band;

      set_source (cr, style->foreground, 1);
      if (item == 2)
        {
          set_source (cr, style->band, BAND_ALPHA);
          cairo_rectangle (cr, cx, cy - fs * 0.5, fs * 1.1, fs * 1.0);
          cairo_fill (cr);
          set_source (cr, style->grid, 1);
          cairo_set_line_width (cr, MAX (fs * 0.1, 1));
          cairo_move_to (cr, cx, cy - fs * 0.5);
          cairo_line_to (cr, cx, cy + fs * 0.5);
          cairo_move_to (cr, cx + fs * 1.1, cy - fs * 0.5);
          cairo_line_to (cr, cx + fs * 1.1, cy + fs * 0.5);
          cairo_stroke (cr);
        }
      else if (coverage)
        {
          cairo_rectangle (cr, cx, cy - fs * 0.3, fs * 1.1, fs * 0.6);
          if (item == 0)
            {
              cairo_set_line_width (cr, 1);
              cairo_stroke (cr);
            }
          else
            cairo_fill (cr);
        }
      else
        {
          cairo_arc (cr, cx + fs * 0.55, cy, fs * 0.3, 0, 2 * G_PI);
          if (item == 0)
            {
              cairo_set_line_width (cr, MAX (fs * 0.12, 1.2));
              cairo_stroke (cr);
            }
          else
            cairo_fill (cr);
        }
      show_text (cr, style, text, 0.85, FALSE, cx + fs * 1.5, cy, 0, 1, FALSE, style->foreground,
                 1);
      cx += fs * 1.5 + text_width (cr, style, text, 0.85, FALSE) + fs * 1.2;
    }
  cairo_restore (cr);
}

static void
draw_rows (cairo_t *cr, double x, double y, double width, double height,
           const WmChartChange *rows, guint n_rows, gboolean coverage, const WmChartStyle *style)
{
  ChangesLayout layout;
  double fs;

  g_return_if_fail (cr != NULL && style != NULL);
  g_return_if_fail (n_rows == 0 || rows != NULL);

  fs = style->font_size;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  changes_layout (cr, rows, n_rows, x, width, coverage, style, &layout);

  for (guint i = 0; i < n_rows; i++)
    {
      const WmChartChange *row = &rows[i];
      WmChartRect r;
      double cy;

      g_autofree char *figures = !coverage || layout.stacked ? format_figures (row) : NULL;
      double figures_w = figures != NULL ? text_width (cr, style, figures, 0.85, FALSE) : 0;
      double text_cy;

      scale_rect (&layout, y, i, style, &r);
      cy = r.y + r.height / 2;
      if (layout.stacked)
        {
          /* Label left and figures right on the line above the scale. */
          text_cy = y + i * fs * ROW_HEIGHT + fs * STACKED_LABEL * 0.55;
          show_text (cr, style, row->label, 0.9, FALSE, x,  text_cy,
                     MAX (width - figures_w - fs * 0.8, fs), 1, FALSE, style->foreground, 1);
        }
      else
        {
          text_cy = cy;
          show_text (cr, style, row->label, 0.9, FALSE, x, cy, layout.label_width - fs * 0.8, 2,
                     FALSE, style->foreground, 1);
        }
      if (i > 0)
        {
          cairo_save (cr);
          set_source (cr, style->grid, 0.35);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, x, y + i * fs * ROW_HEIGHT + 0.5);
          cairo_line_to (cr, x + width, y + i * fs * ROW_HEIGHT + 0.5);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      if (!row->defined)
        {
          show_text (cr, style, "–", 0.85, FALSE, x + width, text_cy, 0, 1, TRUE,
                     style->foreground, 1);
          continue;
        }
      draw_row_band (cr, row, &layout, &r, style);
      if (coverage)
        draw_coverage_bars (cr, row, &layout, &r, style);
      else
        {
          draw_scale_line (cr, &r, style);
          draw_change_marks (cr, row, &layout, &r, style);
        }
      if (figures != NULL)
        show_text (cr, style, figures, 0.85, FALSE, x + width, text_cy, 0, 1, TRUE,
                   style->foreground, 1);
    }
  draw_changes_key (cr, x, y + n_rows * fs * ROW_HEIGHT + fs * 0.5, width, coverage, style);
  cairo_restore (cr);
}

void
wm_chart_draw_changes (cairo_t *cr, double x, double y, double width, double height,
                       const WmChartChange *rows, guint n_rows, const WmChartStyle *style)
{
  draw_rows (cr, x, y, width, height, rows, n_rows, FALSE, style);
}

void
wm_chart_draw_coverage (cairo_t *cr, double x, double y, double width, double height,
                        const WmChartChange *rows, guint n_rows, const WmChartStyle *style)
{
  draw_rows (cr, x, y, width, height, rows, n_rows, TRUE, style);
}

double
wm_chart_get_changes_height (guint n_rows, const WmChartStyle *style)
{
  g_return_val_if_fail (style != NULL, 0);
  return style->font_size * (n_rows * ROW_HEIGHT + 0.5 + KEY_ROW);
}

double
wm_chart_get_changes_row_height (const WmChartStyle *style)
{
  g_return_val_if_fail (style != NULL, 0);
  return style->font_size * ROW_HEIGHT;
}

double
wm_chart_get_coverage_height (guint n_rows, const WmChartStyle *style)
{
  return wm_chart_get_changes_height (n_rows, style);
}

void
wm_chart_get_changes_scale_rect (const WmChartChange *rows, guint n_rows, guint index,
                                 gboolean coverage, double x, double y, double width,
                                 const WmChartStyle *style, WmChartRect *out_rect)
{
  cairo_t *cr;
  ChangesLayout layout;

  g_return_if_fail (index < n_rows && style != NULL && out_rect != NULL);

  cr = measuring_context ();
  changes_layout (cr, rows, n_rows, x, width, coverage, style, &layout);
  cairo_destroy (cr);
  scale_rect (&layout, y, index, style, out_rect);
}

/* ---- copies from the engine ----------------------------------------------------------- */

void
wm_chart_mix_bar_clear (gpointer bar)
{
  g_clear_pointer (&((WmChartMixBar *) bar)->label, g_free);
}

void
wm_chart_change_clear (gpointer row)
{
  g_clear_pointer (&((WmChartChange *) row)->label, g_free);
  g_clear_pointer (&((WmChartChange *) row)->key, g_free);
}

GArray *
wm_chart_mix_bars_new (void)
{
  GArray *bars = g_array_new (FALSE, TRUE, sizeof (WmChartMixBar));

  g_array_set_clear_func (bars, wm_chart_mix_bar_clear);
  return bars;
}

GArray *
wm_chart_bands_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (WmChartBand));
}

GArray *
wm_chart_changes_new (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (WmChartChange));

  g_array_set_clear_func (rows, wm_chart_change_clear);
  return rows;
}

void
wm_chart_mix_from_engine (WmIndicatorEngine *engine, const char *area_id, GArray *bars,
                          GArray *bands)
{
  g_return_if_fail (WM_IS_INDICATOR_ENGINE (engine));

  if (bars != NULL)
    {
      WmChartMixBar bar = { 0 };

      g_return_if_fail (g_array_get_element_size (bars) == sizeof (WmChartMixBar));
      bar.label = g_strdup (C_("mix bar", "Now"));
      wm_indicator_engine_get_mix (engine, area_id, WM_INDICATOR_BASELINE, &bar.mix);
      g_array_append_val (bars, bar);
      bar.label = g_strdup (C_("mix bar", "After the plan"));
      wm_indicator_engine_get_mix (engine, area_id, WM_INDICATOR_PROJECTED, &bar.mix);
      g_array_append_val (bars, bar);
    }

  if (bands != NULL)
    {
      g_return_if_fail (g_array_get_element_size (bands) == sizeof (WmChartBand));
      for (guint i = 0; i < WM_N_SEGMENTS; i++)
        {
          WmSegment s = wm_chart_get_segment_at (i);
          g_autofree char *key = g_strconcat ("share.", wm_segment_key (s), NULL);
          WmTargetBand target;
          WmChartBand band = { 0 };

          if (!wm_indicator_engine_get_target (engine, key, &target, NULL))
            continue;
          band.segment = s;
          band.has_min = isfinite (target.min);
          band.has_max = isfinite (target.max);
          band.min = band.has_min ? target.min : 0;
          band.max = band.has_max ? target.max : 1;
          if (band.has_min || band.has_max)
            g_array_append_val (bands, band);
        }
    }
}

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

void
wm_chart_changes_from_engine (WmIndicatorEngine *engine, const char *area_id, gboolean coverage,
                              GArray *rows)
{
  const char *const *keys;

  g_return_if_fail (WM_IS_INDICATOR_ENGINE (engine));
  g_return_if_fail (rows != NULL && g_array_get_element_size (rows) == sizeof (WmChartChange));

  keys = wm_indicator_engine_get_keys (engine, area_id == NULL);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *key = keys[i];
      WmChartChange row = { 0 };
      WmTargetBand band;
      gboolean b_defined, p_defined;

      if (g_str_has_prefix (key, "coverage.") != coverage)
        continue;
      b_defined = wm_indicator_engine_is_defined (engine, key, area_id, WM_INDICATOR_BASELINE);
      p_defined = wm_indicator_engine_is_defined (engine, key, area_id, WM_INDICATOR_PROJECTED);
      row.key = g_strdup (key);
      row.label = wm_indicator_engine_get_label (engine, key);
      row.defined = b_defined || p_defined;
      row.baseline = b_defined ? wm_indicator_engine_get (engine, key, area_id,
                                                          WM_INDICATOR_BASELINE)
                               : NAN;
      row.projected = p_defined ? wm_indicator_engine_get (engine, key, area_id,
                                                           WM_INDICATOR_PROJECTED)
                                : NAN;
      row.is_fraction = key_is_fraction (key);
      row.is_index = key_is_index (key);
      row.band_min = row.band_max = NAN;
      if (wm_indicator_engine_get_target (engine, key, &band, NULL))
        {
          row.has_band = TRUE;
          row.band_min = band.min;
          row.band_max = band.max;
        }
      g_array_append_val (rows, row);
    }
}

/* ---- descriptions --------------------------------------------------------------------- */

static char *
format_band (gboolean has_min, double min, gboolean has_max, double max, gboolean as_index)
{
  g_autofree char *lo = NULL, *hi = NULL;

  if (has_min)
    lo = as_index ? wm_render_format_number (min, 2) : wm_render_format_percent (min, 0);
  if (has_max)
    hi = as_index ? wm_render_format_number (max, 2) : wm_render_format_percent (max, 0);
  if (has_min && has_max)
    /* Translators: a target band in a chart's description, e.g. "30 % to 50 %" */
    return g_strdup_printf (_("%s to %s"), lo, hi);
  if (has_min)
    return g_strdup_printf (_("at least %s"), lo);
  if (has_max)
    return g_strdup_printf (_("at most %s"), hi);
  return NULL;
}

char *
wm_chart_describe_mix (const WmChartMixBar *bars, guint n_bars, const WmChartBand *bands,
                       guint n_bands)
{
  GString *out = g_string_new (NULL);
  WmSegmentTable *table = wm_segment_table_get_default ();

  for (guint i = 0; i < n_bars; i++)
    {
      double total = mix_total (&bars[i].mix);
      g_autofree char *dwellings = format_dwellings ((int) total);
      if (out->len > 0)
        g_string_append_c (out, ' ');
      /* Translators: the start of a mix bar's description, e.g. "Now: 353 dwellings" */
      g_string_append_printf (out, _("%s: %s"), bars[i].label, dwellings);
      for (guint k = 0; k < WM_N_SEGMENTS && total > 0; k++)
        {
          WmSegment s = wm_chart_get_segment_at (k);
          g_autofree char *share = wm_render_format_percent (MAX (0, bars[i].mix.counts[s])
                                                                 / total,
                                                             1);

          g_string_append_printf (out, ", %s %s", wm_segment_table_get_name (table, s), share);
        }
      g_string_append_c (out, '.');
    }
  for (guint b = 0; b < n_bands; b++)
    {
      g_autofree char *text = format_band (bands[b].has_min, bands[b].min, bands[b].has_max,
                                           bands[b].max, FALSE);

      if (text == NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      /* Translators: a target band in a chart's description, e.g.
       * "Target for social rent: 30% to 50%." */
      g_string_append_printf (out, _("Target for %s: %s."),
                              wm_segment_table_get_name (table, bands[b].segment), text);
    }
  return g_string_free (out, FALSE);
}

char *
wm_chart_describe_changes (const WmChartChange *rows, guint n_rows)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_rows; i++)
    {
      const WmChartChange *row = &rows[i];
      g_autofree char *b = wm_chart_format_value (row, row->baseline);
      g_autofree char *p = wm_chart_format_value (row, row->projected);
      g_autofree char *band = NULL;

      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (!row->defined)
        {
          /* Translators: a chart row without a figure, e.g. "Share of social rent: no
           * dwellings." */
          g_string_append_printf (out, _("%s: no dwellings."), row->label);
          continue;
        }
      /* Translators: a chart row, e.g. "Share of social rent: 20.4% now, 24.0% after the
       * plan" */
      g_string_append_printf (out, _("%s: %s now, %s after the plan"), row->label, b, p);
      if (row->has_band)
        band = format_band (isfinite (row->band_min), row->band_min, isfinite (row->band_max),
                            row->band_max, row->is_index);
      if (band != NULL)
        /* Translators: the target band after a chart row, e.g. " (target 30% to 50%)" */
        g_string_append_printf (out, _(" (target %s)"), band);
      g_string_append_c (out, '.');
    }
  return g_string_free (out, FALSE);
}

/* PLACEHOLDER (render helper replaces): series and rehousing charts. */
guint32
wm_chart_get_series_colour (guint index)
{
  static const guint32 palette[] = { 0x0072b2, 0xe69f00, 0x009e73, 0xcc79a7, 0x56b4e9, 0xd55e00,
                                     0x000000 };

  return palette[index % G_N_ELEMENTS (palette)];
}

void
wm_chart_draw_series (cairo_t *cr, double x, double y, double width, double height,
                      int first_year, const WmChartSeries *series, guint n_series,
                      gboolean is_fraction, gboolean is_index, double band_min,
                      double band_max, int marked_year, const WmChartStyle *style)
{
}

double
wm_chart_get_series_height (guint n_series, double width, const WmChartStyle *style)
{
  return 0;
}

char *
wm_chart_describe_series (const char *indicator_label, int first_year,
                          const WmChartSeries *series, guint n_series,
                          gboolean is_fraction, gboolean is_index)
{
  return g_strdup ("");
}

void
wm_chart_series_clear (gpointer data)
{
  WmChartSeries *series = data;

  g_clear_pointer (&series->label, g_free);
  g_clear_pointer (&series->values, g_array_unref);
}

GArray *
wm_chart_series_array_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (WmChartSeries));

  g_array_set_clear_func (a, wm_chart_series_clear);
  return a;
}

void
wm_chart_draw_rehousing (cairo_t *cr, double x, double y, double width, double height,
                         const WmRehousingBalance *balance, int marked_year,
                         const WmChartStyle *style)
{
}

double
wm_chart_get_rehousing_height (double width, const WmChartStyle *style)
{
  return 0;
}

char *
wm_chart_describe_rehousing (const WmRehousingBalance *balance)
{
  return g_strdup ("");
}
