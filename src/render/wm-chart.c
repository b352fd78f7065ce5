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
#include <string.h>

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
      /* On the timeline the projection is the plan so far, not the plan. */
      if (wm_indicator_engine_get_year (engine) != WM_INDICATOR_ALL_YEARS)
        /* Translators: the mix bar at a year of the timeline, e.g. "End of 2028" */
        bar.label = g_strdup_printf (C_("mix bar", "End of %d"),
                                     wm_indicator_engine_get_year (engine));
      else
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

/* ---- indicators over the years -------------------------------------------------------- */

#define SERIES_TOP 1.3      /* above the plot: room for the figures of the highest points */
#define SERIES_AXIS 1.7     /* below the plot: the year labels */
#define SERIES_KEY_COLUMN 12.0 /* one item of the key */
#define SERIES_FIGURE 0.78  /* the figures at the points */
#define YEAR_LABEL 0.8      /* the year labels */
#define MARKER 0.34         /* a marker's radius */
#define N_MARKER_SHAPES 6

guint32
wm_chart_get_series_colour (guint index)
{
  /* Okabe–Ito, without its yellow (too light on white) and black (the axes' colour). */
  static const guint32 palette[] = { 0x0072b2, 0xe69f00, 0x009e73, 0xcc79a7, 0x56b4e9, 0xd55e00,
                                     0x6b4c9a };

  return palette[index % G_N_ELEMENTS (palette)];
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

static guint
series_n_years (const WmChartSeries *series, guint n_series)
{
  guint n = 0;

  for (guint i = 0; i < n_series; i++)
    if (series[i].values != NULL)
      n = MAX (n, series[i].values->len);
  return n;
}

static double
series_value (const WmChartSeries *series, guint index)
{
  if (series->values == NULL || index >= series->values->len)
    return NAN;
  return g_array_index (series->values, double, index);
}

static char *
format_series_value (double value, gboolean is_fraction, gboolean is_index)
{
  if (!isfinite (value))
    return g_strdup ("–");
  if (is_fraction)
    return wm_render_format_percent (value, 1);
  if (is_index)
    return wm_render_format_number (value, 2);
  return wm_render_format_number (value, 0);
}

/* A grid label: as few decimals as the step needs. */
static char *
format_tick (double value, double step, gboolean is_fraction, gboolean is_index)
{
  if (is_fraction)
    return wm_render_format_percent (value, fabs (step * 100 - round (step * 100)) > 1e-6 ? 1
                                                                                           : 0);
  if (is_index)
    return wm_render_format_number (value, step >= 0.1 - 1e-9
                                             && fabs (step * 10 - round (step * 10)) < 1e-6
                                             ? 1
                                             : 2);
  return wm_render_format_number (value, step < 1 ? 1 : 0);
}

/* A scale from @lo to @hi in round steps, about four of them. */
static void
nice_scale (double lo, double hi, gboolean is_fraction, gboolean is_count, double *out_min,
            double *out_max, double *out_step)
{
  double span, raw, magnitude, step = 1;
  static const double steps[] = { 1, 2, 2.5, 5, 10 };

  double least = is_count ? 4 : 0.04;

  if (is_count && lo >= 0)
    lo = 0;
  if (is_count && hi <= 0 && lo < 0)
    hi = 0;
  span = hi - lo;
  /* A flat line sits on a scale of some size, not on a scale of nothing. */
  if (span < least)
    {
      if (is_count && lo == 0)
        hi = least;
      else
        {
          lo -= (least - span) / 2;
          hi = lo + least;
        }
    }
  if (is_fraction)
    {
      lo = MAX (lo, 0);
      hi = MIN (hi, 1);
    }
  span = hi - lo;
  raw = span / 4;
  magnitude = pow (10, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      step = steps[i] * magnitude;
      if (step >= raw - 1e-12)
        break;
    }
  if (is_count)
    step = MAX (step, 1);
  *out_min = floor (lo / step + 1e-9) * step;
  *out_max = ceil (hi / step - 1e-9) * step;
  if (*out_max <= *out_min)
    *out_max = *out_min + step;
  *out_step = step;
}

static guint
series_key_columns (double width, const WmChartStyle *style)
{
  return MAX (1, (guint) floor (width / (style->font_size * SERIES_KEY_COLUMN)));
}

static double
series_key_height (guint n_series, double width, const WmChartStyle *style)
{
  guint columns = series_key_columns (width, style);
  guint rows = (n_series + columns - 1) / columns;

  if (n_series <= 1)
    return 0;
  return style->font_size * (KEY_GAP * 0.6 + rows * KEY_ROW);
}

/* The x axis of @n_years from @first_year in the plot, its labels thinned to fit. */
static void
year_axis_layout (cairo_t *cr, WmChartSeriesLayout *out, int first_year, guint n_years,
                  const WmChartStyle *style)
{
  static const guint label_steps[] = { 1, 2, 5, 10, 20, 25, 50, 100 };
  g_autofree char *widest = g_strdup_printf ("%d", first_year + (int) MAX (n_years, 1) - 1);
  double gap = style->font_size * 0.6;

  out->first_year = first_year;
  out->n_years = n_years;
  out->pitch = n_years > 0 ? out->plot.width / n_years : out->plot.width;
  /* Bold: the marked year's label is. */
  out->label_width = ceil (MAX (text_width (cr, style, widest, YEAR_LABEL, TRUE),
                                text_width (cr, style, "8888", YEAR_LABEL, TRUE)));
  out->label_step = label_steps[G_N_ELEMENTS (label_steps) - 1];
  for (guint i = 0; i < G_N_ELEMENTS (label_steps); i++)
    if (label_steps[i] * out->pitch >= out->label_width + gap)
      {
        out->label_step = label_steps[i];
        break;
      }
}

double
wm_chart_series_layout_get_x (const WmChartSeriesLayout *layout, int year)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->plot.x + layout->pitch * ((year - layout->first_year) + 0.5);
}

double
wm_chart_series_layout_get_y (const WmChartSeriesLayout *layout, double value)
{
  double span;

  g_return_val_if_fail (layout != NULL, 0);
  span = layout->value_max - layout->value_min;
  if (span <= 0)
    return layout->plot.y + layout->plot.height;
  return layout->plot.y + layout->plot.height * (1 - (value - layout->value_min) / span);
}

gboolean
wm_chart_series_layout_is_labelled (const WmChartSeriesLayout *layout, int year)
{
  g_return_val_if_fail (layout != NULL, FALSE);

  if (year < layout->first_year || year >= layout->first_year + (int) layout->n_years)
    return FALSE;
  return layout->label_step <= 1 || year % (int) layout->label_step == 0;
}

int
wm_chart_series_layout_get_year_at (const WmChartSeriesLayout *layout, double x)
{
  double i;

  g_return_val_if_fail (layout != NULL, 0);

  if (layout->n_years == 0 || layout->pitch <= 0 || x < layout->plot.x
      || x >= layout->plot.x + layout->plot.width)
    return 0;
  i = floor ((x - layout->plot.x) / layout->pitch);
  return layout->first_year + (int) CLAMP (i, 0, layout->n_years - 1);
}

/* The plot between the grid labels on the left and a margin on the right, from @top down to
 * the year labels above @bottom. */
static void
plot_layout (cairo_t *cr, WmChartSeriesLayout *out, double x, double top, double width,
             double bottom, gboolean is_fraction, gboolean is_index, const WmChartStyle *style)
{
  double fs = style->font_size, label_w = 0;

  for (double v = out->value_min; v <= out->value_max + out->value_step * 0.5;
       v += out->value_step)
    {
      g_autofree char *tick = format_tick (v, out->value_step, is_fraction, is_index);

      label_w = MAX (label_w, text_width (cr, style, tick, YEAR_LABEL, FALSE));
    }
  out->plot.x = x + ceil (label_w) + fs * 0.5;
  out->plot.width = MAX (x + width - out->plot.x - fs * 0.3, 1);
  out->plot.y = top;
  out->plot.height = MAX (bottom - fs * SERIES_AXIS - top, fs);
}

void
wm_chart_get_series_layout (double x, double y, double width, double height, int first_year,
                            const WmChartSeries *series, guint n_series, gboolean is_fraction,
                            gboolean is_index, double band_min, double band_max,
                            const WmChartStyle *style, WmChartSeriesLayout *out)
{
  double lo = INFINITY, hi = -INFINITY;
  guint n_years;
  cairo_t *cr;

  g_return_if_fail (style != NULL && out != NULL);
  g_return_if_fail (n_series == 0 || series != NULL);

  memset (out, 0, sizeof *out);
  n_years = series_n_years (series, n_series);
  for (guint s = 0; s < n_series; s++)
    for (guint i = 0; i < n_years; i++)
      {
        double v = series_value (&series[s], i);

        if (isfinite (v))
          {
            lo = MIN (lo, v);
            hi = MAX (hi, v);
          }
      }
  /* The band's edges on the scale too, so a line below the band shows how far below. */
  if (isfinite (lo))
    {
      if (isfinite (band_min))
        {
          lo = MIN (lo, band_min);
          hi = MAX (hi, band_min);
        }
      if (isfinite (band_max))
        {
          lo = MIN (lo, band_max);
          hi = MAX (hi, band_max);
        }
    }
  else
    {
      lo = 0;
      hi = is_fraction || is_index ? 1 : 10;
    }
  nice_scale (lo, hi, is_fraction, !is_fraction && !is_index, &out->value_min, &out->value_max,
              &out->value_step);
  out->key_y = y + height - series_key_height (n_series, width, style);
  cr = measuring_context ();
  plot_layout (cr, out, x, y + style->font_size * SERIES_TOP, width,
               out->key_y - (n_series > 1 ? 0 : style->font_size * 0.2), is_fraction, is_index,
               style);
  year_axis_layout (cr, out, first_year, n_years, style);
  cairo_destroy (cr);
}

double
wm_chart_get_series_height (guint n_series, double width, const WmChartStyle *style)
{
  double fs;

  g_return_val_if_fail (style != NULL, 0);
  fs = style->font_size;
  return fs * SERIES_TOP + CLAMP (width * 0.4, fs * 7, fs * 14) + fs * SERIES_AXIS + fs * 0.2
         + series_key_height (n_series, width, style);
}

/* Marker @shape of radius @r at (@cx, @cy) as a path. */
static void
marker_path (cairo_t *cr, guint shape, double cx, double cy, double r)
{
  switch (shape % N_MARKER_SHAPES)
    {
    case 0: /* circle */
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      break;
    case 1: /* square */
      cairo_rectangle (cr, cx - r * 0.88, cy - r * 0.88, r * 1.76, r * 1.76);
      break;
    case 2: /* triangle */
      cairo_move_to (cr, cx, cy - r * 1.15);
      cairo_line_to (cr, cx + r * 1.1, cy + r * 0.8);
      cairo_line_to (cr, cx - r * 1.1, cy + r * 0.8);
      cairo_close_path (cr);
      break;
    case 3: /* diamond */
      cairo_move_to (cr, cx, cy - r * 1.25);
      cairo_line_to (cr, cx + r * 1.1, cy);
      cairo_line_to (cr, cx, cy + r * 1.25);
      cairo_line_to (cr, cx - r * 1.1, cy);
      cairo_close_path (cr);
      break;
    case 4: /* triangle pointing down */
      cairo_move_to (cr, cx, cy + r * 1.15);
      cairo_line_to (cr, cx + r * 1.1, cy - r * 0.8);
      cairo_line_to (cr, cx - r * 1.1, cy - r * 0.8);
      cairo_close_path (cr);
      break;
    default: /* a plus */
      {
        double a = r * 1.1, b = r * 0.38;

        cairo_move_to (cr, cx - b, cy - a);
        cairo_line_to (cr, cx + b, cy - a);
        cairo_line_to (cr, cx + b, cy - b);
        cairo_line_to (cr, cx + a, cy - b);
        cairo_line_to (cr, cx + a, cy + b);
        cairo_line_to (cr, cx + b, cy + b);
        cairo_line_to (cr, cx + b, cy + a);
        cairo_line_to (cr, cx - b, cy + a);
        cairo_line_to (cr, cx - b, cy + b);
        cairo_line_to (cr, cx - a, cy + b);
        cairo_line_to (cr, cx - a, cy - b);
        cairo_line_to (cr, cx - b, cy - b);
        cairo_close_path (cr);
      }
      break;
    }
}

static void
draw_marker (cairo_t *cr, guint shape, guint32 colour, double cx, double cy, double r,
             const WmChartStyle *style)
{

  cairo_save (cr);
  marker_path (cr, shape, cx, cy, r);
  set_source (cr, colour, 1);
  cairo_fill_preserve (cr);
  /* A rim of the background parts crossing lines and touching markers. */
  set_source (cr, style->background, 1);
  cairo_set_line_width (cr, MAX (MIN (style->font_size * 0.08, r * 0.25), 0.6));
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Markers shrink where the years crowd, so each stays apart from the next. */
static double
marker_radius (const WmChartSeriesLayout *layout, const WmChartStyle *style)
{
  return MAX (MIN (style->font_size * MARKER, layout->pitch * 0.36), 1.5);
}

/* The grid, its labels and the year axis. */
static void
draw_axes (cairo_t *cr, const WmChartSeriesLayout *layout, gboolean is_fraction,
           gboolean is_index, int marked_year, const WmChartStyle *style)
{
  double fs = style->font_size;
  const WmChartRect *p = &layout->plot;
  double axis_y = p->y + p->height;
  double marked_x = marked_year != 0 ? wm_chart_series_layout_get_x (layout, marked_year) : 0;
  gboolean marked_in = marked_year >= layout->first_year
                       && marked_year < layout->first_year + (int) layout->n_years;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (double v = layout->value_min; v <= layout->value_max + layout->value_step * 0.5;
       v += layout->value_step)
    {
      double gy = round (wm_chart_series_layout_get_y (layout, v)) + 0.5;
      g_autofree char *tick = format_tick (v, layout->value_step, is_fraction, is_index);

      set_source (cr, style->grid, 0.35);
      cairo_move_to (cr, p->x, gy);
      cairo_line_to (cr, p->x + p->width, gy);
      cairo_stroke (cr);
      show_text (cr, style, tick, YEAR_LABEL, FALSE, p->x - fs * 0.4, gy, 0, 1, TRUE,
                 style->foreground, 0.8);
    }
  set_source (cr, style->foreground, 0.8);
  cairo_move_to (cr, p->x, axis_y);
  cairo_line_to (cr, p->x + p->width, axis_y);
  cairo_stroke (cr);

  for (guint i = 0; i < layout->n_years; i++)
    {
      int year = layout->first_year + (int) i;
      double cx = wm_chart_series_layout_get_x (layout, year);
      gboolean labelled = wm_chart_series_layout_is_labelled (layout, year);
      g_autofree char *text = NULL;

      set_source (cr, style->foreground, 0.8);
      cairo_move_to (cr, round (cx) + 0.5, axis_y);
      cairo_line_to (cr, round (cx) + 0.5, axis_y + fs * (labelled ? 0.35 : 0.2));
      cairo_stroke (cr);
      /* The marked year is always labelled; a neighbour that would touch it gives way. */
      if (year != marked_year
          && (!labelled
              || (marked_in && fabs (cx - marked_x) < layout->label_width + fs * 0.6)))
        continue;
      text = g_strdup_printf ("%d", year);
      show_text (cr, style, text, YEAR_LABEL, year == marked_year,
                 cx - text_width (cr, style, text, YEAR_LABEL, year == marked_year) / 2,
                 axis_y + fs * 0.4 + fs * 0.55, 0, 1, FALSE, style->foreground, 1);
    }
  cairo_restore (cr);
}

/* The timeline's year: a vertical rule over the plot. */
static void
draw_marked_year (cairo_t *cr, const WmChartSeriesLayout *layout, int marked_year,
                  const WmChartStyle *style)
{
  double cx;

  if (marked_year == 0 || marked_year < layout->first_year
      || marked_year >= layout->first_year + (int) layout->n_years)
    return;
  cx = wm_chart_series_layout_get_x (layout, marked_year);
  cairo_save (cr);
  set_source (cr, style->foreground, 0.6);
  cairo_set_line_width (cr, MAX (style->font_size * 0.12, 1.5));
  cairo_move_to (cr, cx, layout->plot.y - style->font_size * 0.4);
  cairo_line_to (cr, cx, layout->plot.y + layout->plot.height);
  cairo_stroke (cr);
  cairo_restore (cr);
}

typedef struct
{
  double x, y; /* centre */
  double width;
  guint32 colour;
  char *text;
} PointFigure;

static void
point_figure_clear (gpointer data)
{
  g_free (((PointFigure *) data)->text);
}

static int
compare_figure_y (gconstpointer a, gconstpointer b)
{
  double ya = ((const PointFigure *) a)->y, yb = ((const PointFigure *) b)->y;

  return ya < yb ? -1 : ya > yb;
}

/* The figures of year @index of every series: the highest point's above it, the lowest's
 * below it, any between beside their points; then pushed apart so none overlaps another. */
static void
draw_year_figures (cairo_t *cr, const WmChartSeriesLayout *layout, guint index,
                   const WmChartSeries *series, guint n_series, gboolean is_fraction,
                   gboolean is_index, const WmChartStyle *style)
{
  double fs = style->font_size, line = fs * SERIES_FIGURE * 1.25;
  double r = marker_radius (layout, style);
  g_autoptr (GArray) figures = g_array_new (FALSE, TRUE, sizeof (PointFigure));
  double cx = wm_chart_series_layout_get_x (layout, layout->first_year + (int) index);
  gboolean last_column = index + 1 == layout->n_years;
  double left = layout->plot.x, right = layout->plot.x + layout->plot.width;

  g_array_set_clear_func (figures, point_figure_clear);
  for (guint s = 0; s < n_series; s++)
    {
      double v = series_value (&series[s], index);
      PointFigure f = { 0 };

      if (!isfinite (v))
        continue;
      f.text = format_series_value (v, is_fraction, is_index);
      f.width = text_width (cr, style, f.text, SERIES_FIGURE, TRUE);
      f.x = cx;
      f.y = wm_chart_series_layout_get_y (layout, v);
      f.colour = series[s].colour;
      g_array_append_val (figures, f);
    }
  g_array_sort (figures, compare_figure_y);
  for (guint i = 0; i < figures->len; i++)
    {
      PointFigure *f = &g_array_index (figures, PointFigure, i);

      if (i == 0)
        f->y -= r + fs * 0.62;
      else if (i + 1 == figures->len
               && f->y + r + fs * 0.62 + line / 2 <= layout->plot.y + layout->plot.height)
        f->y += r + fs * 0.62;
      else
        f->x += (last_column ? -1 : 1) * (r + fs * 0.3 + f->width / 2);
      f->x = CLAMP (f->x, left + f->width / 2, right - f->width / 2);
    }
  for (guint i = 1; i < figures->len; i++)
    {
      PointFigure *f = &g_array_index (figures, PointFigure, i);

      for (guint j = 0; j < i; j++)
        {
          PointFigure *g = &g_array_index (figures, PointFigure, j);

          if (fabs (f->x - g->x) < (f->width + g->width) / 2 + 2 && f->y < g->y + line
              && f->y > g->y - line)
            f->y = g->y + line;
        }
    }
  for (guint i = 0; i < figures->len; i++)
    {
      PointFigure *f = &g_array_index (figures, PointFigure, i);

      /* On a patch of the background, so a line behind it does not cross the digits. */
      cairo_save (cr);
      set_source (cr, style->background, 0.85);
      cairo_rectangle (cr, f->x - f->width / 2 - 1, f->y - line / 2 + 1, f->width + 2,
                       line - 2);
      cairo_fill (cr);
      cairo_restore (cr);
      show_text (cr, style, f->text, SERIES_FIGURE, TRUE, f->x - f->width / 2, f->y, 0, 1,
                 FALSE, n_series > 1 ? f->colour : style->foreground, 1);
    }
}

/* The band across the plot, filled, its set edges drawn. */
static void
draw_series_band (cairo_t *cr, const WmChartSeriesLayout *layout, double band_min,
                  double band_max, const WmChartStyle *style)
{
  const WmChartRect *p = &layout->plot;
  double lo = isfinite (band_min) ? band_min : layout->value_min;
  double hi = isfinite (band_max) ? band_max : layout->value_max;
  double y0, y1;

  if (!isfinite (band_min) && !isfinite (band_max))
    return;
  lo = CLAMP (lo, layout->value_min, layout->value_max);
  hi = CLAMP (hi, layout->value_min, layout->value_max);
  if (hi < lo)
    return;
  y0 = wm_chart_series_layout_get_y (layout, hi);
  y1 = wm_chart_series_layout_get_y (layout, lo);
  cairo_save (cr);
  set_source (cr, style->band, BAND_ALPHA * 0.7);
  cairo_rectangle (cr, p->x, y0, p->width, y1 - y0);
  cairo_fill (cr);
  set_source (cr, style->grid, 1);
  cairo_set_line_width (cr, MAX (style->font_size * 0.08, 1));
  if (isfinite (band_max) && band_max <= layout->value_max)
    {
      cairo_move_to (cr, p->x, y0);
      cairo_line_to (cr, p->x + p->width, y0);
    }
  if (isfinite (band_min) && band_min >= layout->value_min)
    {
      cairo_move_to (cr, p->x, y1);
      cairo_line_to (cr, p->x + p->width, y1);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_series_key (cairo_t *cr, const WmChartSeriesLayout *layout, double x, double width,
                 const WmChartSeries *series, guint n_series, const WmChartStyle *style)
{
  double fs = style->font_size;
  guint columns = series_key_columns (width, style);
  double column_w = width / columns;

  if (n_series <= 1)
    return;
  for (guint s = 0; s < n_series; s++)
    {
      double cx = x + (s % columns) * column_w;
      double cy = layout->key_y + fs * KEY_GAP * 0.6 + (s / columns) * fs * KEY_ROW
                  + fs * KEY_ROW / 2;

      cairo_save (cr);
      set_source (cr, series[s].colour, 1);
      cairo_set_line_width (cr, MAX (fs * 0.16, 1.5));
      cairo_move_to (cr, cx, cy);
      cairo_line_to (cr, cx + fs * 1.8, cy);
      cairo_stroke (cr);
      cairo_restore (cr);
      draw_marker (cr, s, series[s].colour, cx + fs * 0.9, cy, fs * MARKER, style);
      show_text (cr, style, series[s].label, 0.85, FALSE, cx + fs * 2.3, cy,
                 column_w - fs * 2.3 - fs * 0.5, 1, FALSE, style->foreground, 1);
    }
}

void
wm_chart_draw_series (cairo_t *cr, double x, double y, double width, double height,
                      int first_year, const WmChartSeries *series, guint n_series,
                      gboolean is_fraction, gboolean is_index, double band_min,
                      double band_max, int marked_year, const WmChartStyle *style)
{
  WmChartSeriesLayout layout;
  double fs, line_w;
  gboolean any = FALSE, every_figure;
  double widest_figure = 0;

  g_return_if_fail (cr != NULL && style != NULL);
  g_return_if_fail (n_series == 0 || series != NULL);

  fs = style->font_size;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  wm_chart_get_series_layout (x, y, width, height, first_year, series, n_series, is_fraction,
                              is_index, band_min, band_max, style, &layout);
  for (guint s = 0; s < n_series && !any; s++)
    for (guint i = 0; i < layout.n_years && !any; i++)
      any = isfinite (series_value (&series[s], i));
  if (!any)
    {
      /* Nothing to draw is said, not left blank. */
      show_text (cr, style,
                 layout.n_years == 0 ? _("No figures over the years: no proposal has a year.")
                                     : _("No figures over the years: there are no dwellings."),
                 0.9, FALSE, x, y + fs * 1.2, width, 2, FALSE, style->foreground, 0.8);
      cairo_restore (cr);
      return;
    }

  draw_series_band (cr, &layout, band_min, band_max, style);
  draw_axes (cr, &layout, is_fraction, is_index, marked_year, style);
  draw_marked_year (cr, &layout, marked_year, style);

  /* Lines, broken where a year has no figure. */
  line_w = MAX (fs * 0.16, 1.5);
  for (guint s = 0; s < n_series; s++)
    {
      gboolean open = FALSE;

      cairo_save (cr);
      set_source (cr, series[s].colour, 1);
      cairo_set_line_width (cr, line_w);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < layout.n_years; i++)
        {
          double v = series_value (&series[s], i);
          double px = wm_chart_series_layout_get_x (&layout, first_year + (int) i);

          if (!isfinite (v))
            {
              open = FALSE;
              continue;
            }
          if (open)
            cairo_line_to (cr, px, wm_chart_series_layout_get_y (&layout, v));
          else
            cairo_move_to (cr, px, wm_chart_series_layout_get_y (&layout, v));
          open = TRUE;
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* Figures: at every year where one line leaves the room, else at the ends of each line and
   * at the marked year. */
  for (guint s = 0; s < n_series; s++)
    for (guint i = 0; i < layout.n_years; i++)
      {
        g_autofree char *text = format_series_value (series_value (&series[s], i), is_fraction,
                                                     is_index);

        widest_figure = MAX (widest_figure, text_width (cr, style, text, SERIES_FIGURE, TRUE));
      }
  every_figure = n_series == 1 && layout.pitch >= widest_figure + fs * 0.5;
  for (guint i = 0; i < layout.n_years; i++)
    {
      int year = first_year + (int) i;
      gboolean show = every_figure || i == 0 || i + 1 == layout.n_years;

      if (!show && year == marked_year)
        /* Only where it keeps clear of the end figures. */
        show = (i + 0.5) * layout.pitch >= widest_figure + fs * 0.5
               && (layout.n_years - i - 0.5) * layout.pitch >= widest_figure + fs * 0.5;
      if (show)
        draw_year_figures (cr, &layout, i, series, n_series, is_fraction, is_index, style);
    }
  /* The markers last: a figure's patch never hides a point. */
  for (guint s = 0; s < n_series; s++)
    for (guint i = 0; i < layout.n_years; i++)
      {
        double v = series_value (&series[s], i);

        if (isfinite (v))
          draw_marker (cr, s, series[s].colour,
                       wm_chart_series_layout_get_x (&layout, first_year + (int) i),
                       wm_chart_series_layout_get_y (&layout, v),
                       marker_radius (&layout, style), style);
      }
  draw_series_key (cr, &layout, x, width, series, n_series, style);
  cairo_restore (cr);
}

/* Runs of years with the same figure read as one: "20 % from 2025 to 2028". */
static void
describe_one_series (GString *out, int first_year, const WmChartSeries *series,
                     guint n_years, gboolean is_fraction, gboolean is_index)
{
  guint i = 0;
  gboolean first = TRUE;

  while (i < n_years)
    {
      g_autofree char *text = format_series_value (series_value (series, i), is_fraction,
                                                   is_index);
      gboolean defined = isfinite (series_value (series, i));
      guint j = i + 1;

      while (j < n_years)
        {
          g_autofree char *next = format_series_value (series_value (series, j), is_fraction,
                                                       is_index);

          if (!g_str_equal (next, text))
            break;
          j++;
        }
      if (!first)
        g_string_append (out, ", ");
      first = FALSE;
      if (!defined && j - i == 1)
        /* Translators: a year without a figure in a chart's description */
        g_string_append_printf (out, _("no figure in %d"), first_year + (int) i);
      else if (!defined)
        /* Translators: years without a figure in a chart's description */
        g_string_append_printf (out, _("no figure from %d to %d"), first_year + (int) i,
                                first_year + (int) j - 1);
      else if (j - i == 1)
        /* Translators: a figure and its year in a chart's description, e.g. "20% in 2027" */
        g_string_append_printf (out, _("%s in %d"), text, first_year + (int) i);
      else
        /* Translators: a figure over several years, e.g. "20% from 2025 to 2028" */
        g_string_append_printf (out, _("%s from %d to %d"), text, first_year + (int) i,
                                first_year + (int) j - 1);
      i = j;
    }
}

char *
wm_chart_describe_series (const char *indicator_label, int first_year,
                          const WmChartSeries *series, guint n_series, gboolean is_fraction,
                          gboolean is_index)
{
  GString *out = g_string_new (NULL);
  guint n_years = series_n_years (series, n_series);
  const char *label = indicator_label != NULL ? indicator_label : "";

  g_return_val_if_fail (n_series == 0 || series != NULL, g_string_free (out, FALSE));

  if (n_series == 0 || n_years == 0)
    {
      /* Translators: a series chart without years, e.g. "Share of social rent: no figures
       * over the years." */
      g_string_append_printf (out, _("%s: no figures over the years."), label);
      return g_string_free (out, FALSE);
    }
  for (guint s = 0; s < n_series; s++)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (n_series > 1 || (series[s].label != NULL && *series[s].label != '\0'))
        /* Translators: the start of a line's description: indicator and scenario, e.g.
         * "Share of social rent, Plan A: " */
        g_string_append_printf (out, _("%s, %s: "), label,
                                series[s].label != NULL ? series[s].label : "");
      else
        g_string_append_printf (out, _("%s: "), label);
      describe_one_series (out, first_year, &series[s], n_years, is_fraction, is_index);
      g_string_append_c (out, '.');
    }
  return g_string_free (out, FALSE);
}

char *
wm_chart_describe_series_year (int first_year, const WmChartSeries *series, guint n_series,
                               gboolean is_fraction, gboolean is_index, int year)
{
  guint n_years = series_n_years (series, n_series);
  GString *out;

  if (year < first_year || year >= first_year + (int) n_years)
    return NULL;
  out = g_string_new (NULL);
  g_string_append_printf (out, "%d:", year);
  for (guint s = 0; s < n_series; s++)
    {
      g_autofree char *text = format_series_value (series_value (&series[s], year - first_year),
                                                   is_fraction, is_index);

      if (s > 0)
        g_string_append_c (out, ',');
      if (n_series > 1 && series[s].label != NULL)
        g_string_append_printf (out, " %s %s", series[s].label, text);
      else
        g_string_append_printf (out, " %s", text);
    }
  return g_string_free (out, FALSE);
}

/* ---- the rehousing balance ------------------------------------------------------------ */

#define REHOUSING_LANE 2.5   /* above the plot: the warning signs and their shortfalls */
#define COLOUR_SHORTFALL 0xc0392b
#define COLOUR_WARNING_SIGN 0xf0b400

gboolean
wm_chart_rehousing_is_empty (const WmRehousingBalance *balance)
{
  if (balance == NULL || balance->years == NULL)
    return TRUE;
  for (guint i = 0; i < balance->years->len; i++)
    {
      const WmRehousingYear *y = &g_array_index (balance->years, WmRehousingYear, i);

      if (y->moving != 0 || y->completed != 0)
        return FALSE;
    }
  return TRUE;
}

static const WmRehousingYear *
rehousing_year_at (const WmRehousingBalance *balance, guint index)
{
  return &g_array_index (balance->years, WmRehousingYear, index);
}

static char *
format_count64 (gint64 count)
{
  return wm_render_format_number ((double) count, 0);
}

/* A warning sign: an amber triangle with an exclamation mark, centred on (@cx, @cy). */
static void
draw_warning_sign (cairo_t *cr, double cx, double cy, double size)
{
  double h = size * 0.9;

  cairo_save (cr);
  cairo_move_to (cr, cx, cy - h / 2);
  cairo_line_to (cr, cx + size / 2, cy + h / 2);
  cairo_line_to (cr, cx - size / 2, cy + h / 2);
  cairo_close_path (cr);
  set_source (cr, COLOUR_WARNING_SIGN, 1);
  cairo_fill_preserve (cr);
  set_source (cr, 0x000000, 1);
  cairo_set_line_width (cr, MAX (size * 0.07, 0.8));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_set_line_width (cr, MAX (size * 0.12, 1));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, cx, cy - h * 0.15);
  cairo_line_to (cr, cx, cy + h * 0.17);
  cairo_stroke (cr);
  cairo_arc (cr, cx, cy + h * 0.33, MAX (size * 0.065, 0.6), 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_restore (cr);
}

static const char *
rehousing_key_text (guint item)
{
  switch (item)
    {
    case 0:
      return _("Households that must move");
    case 1:
      return _("Social-rent homes completed");
    case 2:
      return _("Shortfall so far: other vacancies needed");
    default:
      return _("Short year");
    }
}

/* The key in rows as they fit; returns the number of rows and, with @draw, draws it. */
static guint
rehousing_key (cairo_t *cr, gboolean draw, double x, double y, double width,
               const WmChartStyle *style)
{
  double fs = style->font_size, cx = x;
  guint row = 0;

  for (guint item = 0; item < 4; item++)
    {
      const char *text = rehousing_key_text (item);
      double text_w = MIN (text_width (cr, style, text, 0.85, FALSE), width - fs * 1.6);
      double item_w = fs * 1.6 + text_w;
      double cy;

      if (cx > x && cx + item_w > x + width)
        {
          row++;
          cx = x;
        }
      cy = y + row * fs * KEY_ROW + fs * KEY_ROW / 2;
      if (draw)
        {
          double sx = cx, sy = cy - fs * 0.45, sw = fs * 1.1, sh = fs * 0.9;

          cairo_save (cr);
          switch (item)
            {
            case 0:
              set_source (cr, style->foreground, 0.7);
              cairo_rectangle (cr, sx, sy, sw, sh);
              cairo_fill (cr);
              break;
            case 1:
              cairo_rectangle (cr, sx, sy, sw, sh);
              cairo_clip (cr);
              set_source (cr, wm_map_style_get_segment_color (WM_SEGMENT_SOCIAL_RENT), 1);
              cairo_paint (cr);
              wm_map_style_draw_segment_pattern (cr, WM_SEGMENT_SOCIAL_RENT, sx, sy, sx + sw,
                                                 sy + sh, MAX (fs * 0.55, 3));
              break;
            case 2:
              set_source (cr, COLOUR_SHORTFALL, 0.2);
              cairo_rectangle (cr, sx, cy, sw, sh / 2);
              cairo_fill (cr);
              set_source (cr, COLOUR_SHORTFALL, 1);
              cairo_set_line_width (cr, MAX (fs * 0.16, 1.5));
              cairo_move_to (cr, sx, cy);
              cairo_line_to (cr, sx + sw, cy);
              cairo_stroke (cr);
              break;
            default:
              draw_warning_sign (cr, sx + sw / 2, cy, fs * 1.0);
              break;
            }
          cairo_restore (cr);
          show_text (cr, style, text, 0.85, FALSE, sx + fs * 1.5, cy, text_w + 1, 1, FALSE,
                     style->foreground, 1);
        }
      cx += item_w + fs * 1.0;
    }
  return row + 1;
}

static double
rehousing_key_height (double width, const WmChartStyle *style)
{
  cairo_t *cr = measuring_context ();
  guint rows = rehousing_key (cr, FALSE, 0, 0, width, style);

  cairo_destroy (cr);
  return style->font_size * (KEY_GAP * 0.6 + rows * KEY_ROW);
}

double
wm_chart_get_rehousing_height (double width, const WmChartStyle *style)
{
  double fs;

  g_return_val_if_fail (style != NULL, 0);
  fs = style->font_size;
  return fs * REHOUSING_LANE + CLAMP (width * 0.4, fs * 7, fs * 14) + fs * SERIES_AXIS
         + rehousing_key_height (width, style);
}

void
wm_chart_get_rehousing_layout (double x, double y, double width, double height,
                               const WmRehousingBalance *balance, const WmChartStyle *style,
                               WmChartSeriesLayout *out)
{
  gint64 largest = 0;
  guint n_years = 0;
  cairo_t *cr;

  g_return_if_fail (style != NULL && out != NULL);

  memset (out, 0, sizeof *out);
  if (balance != NULL && balance->years != NULL)
    {
      n_years = balance->years->len;
      for (guint i = 0; i < n_years; i++)
        {
          const WmRehousingYear *yr = rehousing_year_at (balance, i);

          largest = MAX (largest, MAX (yr->moving, MAX (yr->completed, yr->shortfall)));
        }
    }
  nice_scale (0, (double) largest, FALSE, TRUE, &out->value_min, &out->value_max,
              &out->value_step);
  out->key_y = y + height - rehousing_key_height (width, style);
  cr = measuring_context ();
  plot_layout (cr, out, x, y + style->font_size * REHOUSING_LANE, width, out->key_y, FALSE,
               FALSE, style);
  year_axis_layout (cr, out, balance != NULL ? balance->first_year : 0, n_years, style);
  cairo_destroy (cr);
}

gboolean
wm_chart_get_rehousing_bars (const WmChartSeriesLayout *layout,
                             const WmRehousingBalance *balance, int year,
                             WmChartRect *out_moving, WmChartRect *out_completed)
{
  const WmRehousingYear *yr;
  double cx, group, bar, gap, base;

  g_return_val_if_fail (layout != NULL, FALSE);

  if (balance == NULL || balance->years == NULL || year < balance->first_year
      || year >= balance->first_year + (int) balance->years->len)
    return FALSE;
  yr = rehousing_year_at (balance, (guint) (year - balance->first_year));
  cx = wm_chart_series_layout_get_x (layout, year);
  group = MIN (layout->pitch * 0.72, layout->label_width * 2.4);
  gap = MAX (MIN (group * 0.08, 2), 0.5);
  bar = (group - gap) / 2;
  base = layout->plot.y + layout->plot.height;
  if (out_moving != NULL)
    {
      double top = wm_chart_series_layout_get_y (layout, (double) MAX (yr->moving, 0));

      *out_moving = (WmChartRect) { cx - gap / 2 - bar, top, bar, base - top };
    }
  if (out_completed != NULL)
    {
      double top = wm_chart_series_layout_get_y (layout, (double) MAX (yr->completed, 0));

      *out_completed = (WmChartRect) { cx + gap / 2, top, bar, base - top };
    }
  return TRUE;
}

/* A bar's figure on top of it, where it fits over the bar. */
static void
draw_bar_figure (cairo_t *cr, const WmChartRect *r, gint64 count, const WmChartStyle *style)
{
  g_autofree char *text = NULL;
  double w;

  if (count <= 0)
    return;
  text = format_count64 (count);
  w = text_width (cr, style, text, 0.7, FALSE);
  if (w > r->width + style->font_size * 0.3)
    return;
  show_text (cr, style, text, 0.7, FALSE, r->x + r->width / 2 - w / 2,
             r->y - style->font_size * 0.5, 0, 1, FALSE, style->foreground, 0.9);
}

void
wm_chart_draw_rehousing (cairo_t *cr, double x, double y, double width, double height,
                         const WmRehousingBalance *balance, int marked_year,
                         const WmChartStyle *style)
{
  WmChartSeriesLayout layout;
  double fs, base;
  guint n_years;

  g_return_if_fail (cr != NULL && style != NULL);

  fs = style->font_size;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  if (wm_chart_rehousing_is_empty (balance))
    {
      g_autofree char *text = wm_chart_describe_rehousing (balance);

      show_text (cr, style, text, 0.9, FALSE, x, y + fs * 1.2, width, 3, FALSE,
                 style->foreground, 0.8);
      cairo_restore (cr);
      return;
    }

  wm_chart_get_rehousing_layout (x, y, width, height, balance, style, &layout);
  n_years = layout.n_years;
  base = layout.plot.y + layout.plot.height;
  draw_axes (cr, &layout, FALSE, FALSE, marked_year, style);
  draw_marked_year (cr, &layout, marked_year, style);

  /* The running shortfall behind the bars: an area under a line. */
  {
    gboolean any = FALSE;

    for (guint i = 0; i < n_years; i++)
      any |= rehousing_year_at (balance, i)->shortfall > 0;
    if (any)
      {
        double x0 = wm_chart_series_layout_get_x (&layout, layout.first_year);
        double x1 = wm_chart_series_layout_get_x (&layout, layout.first_year + n_years - 1);

        cairo_save (cr);
        cairo_move_to (cr, x0, base);
        for (guint i = 0; i < n_years; i++)
          cairo_line_to (cr, wm_chart_series_layout_get_x (&layout, layout.first_year + i),
                         wm_chart_series_layout_get_y (
                           &layout, (double) rehousing_year_at (balance, i)->shortfall));
        cairo_line_to (cr, x1, base);
        cairo_close_path (cr);
        set_source (cr, COLOUR_SHORTFALL, 0.16);
        cairo_fill (cr);
        cairo_restore (cr);
      }
  }

  for (guint i = 0; i < n_years; i++)
    {
      const WmRehousingYear *yr = rehousing_year_at (balance, i);
      WmChartRect moving, completed;

      wm_chart_get_rehousing_bars (&layout, balance, layout.first_year + (int) i, &moving,
                                   &completed);
      cairo_save (cr);
      if (moving.height > 0)
        {
          set_source (cr, style->foreground, 0.7);
          cairo_rectangle (cr, moving.x, moving.y, moving.width, moving.height);
          cairo_fill (cr);
        }
      if (completed.height > 0)
        {
          cairo_rectangle (cr, completed.x, completed.y, completed.width, completed.height);
          cairo_clip (cr);
          set_source (cr, wm_map_style_get_segment_color (WM_SEGMENT_SOCIAL_RENT), 1);
          cairo_paint (cr);
          wm_map_style_draw_segment_pattern (cr, WM_SEGMENT_SOCIAL_RENT, completed.x,
                                             completed.y, completed.x + completed.width,
                                             completed.y + completed.height,
                                             MAX (fs * 0.55, 3));
        }
      cairo_restore (cr);
      draw_bar_figure (cr, &moving, yr->moving, style);
      draw_bar_figure (cr, &completed, yr->completed, style);
    }

  /* The shortfall line over the bars, so it reads where a bar stands behind it. */
  {
    gboolean open = FALSE;

    cairo_save (cr);
    set_source (cr, COLOUR_SHORTFALL, 1);
    cairo_set_line_width (cr, MAX (fs * 0.16, 1.5));
    cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
    for (guint i = 0; i < n_years; i++)
      {
        const WmRehousingYear *yr = rehousing_year_at (balance, i);
        double px = wm_chart_series_layout_get_x (&layout, layout.first_year + (int) i);
        double py = wm_chart_series_layout_get_y (&layout, (double) yr->shortfall);
        const WmRehousingYear *prev = i > 0 ? rehousing_year_at (balance, i - 1) : NULL;
        const WmRehousingYear *next = i + 1 < n_years ? rehousing_year_at (balance, i + 1)
                                                      : NULL;

        /* Only where there is a shortfall (and down to zero beside it). */
        if (yr->shortfall <= 0 && (prev == NULL || prev->shortfall <= 0)
            && (next == NULL || next->shortfall <= 0))
          {
            open = FALSE;
            continue;
          }
        if (open)
          cairo_line_to (cr, px, py);
        else
          cairo_move_to (cr, px, py);
        open = TRUE;
      }
    cairo_stroke (cr);
    cairo_restore (cr);
  }

  /* Short years: a sign in the lane above, its shortfall under it where it fits. */
  for (guint i = 0; i < n_years; i++)
    {
      const WmRehousingYear *yr = rehousing_year_at (balance, i);
      double cx = wm_chart_series_layout_get_x (&layout, layout.first_year + (int) i);
      double sign = MIN (fs * 1.1, layout.pitch * 0.9);
      g_autofree char *text = NULL;
      double w;

      if (yr->shortfall <= 0)
        continue;
      draw_warning_sign (cr, cx, y + fs * 0.65, sign);
      text = format_count64 (yr->shortfall);
      w = text_width (cr, style, text, 0.72, TRUE);
      if (w <= layout.pitch - fs * 0.2 || yr->year == balance->largest_shortfall_year)
        show_text (cr, style, text, 0.72, TRUE, cx - w / 2, y + fs * 1.75, 0, 1, FALSE,
                   COLOUR_SHORTFALL, 1);
    }

  rehousing_key (cr, TRUE, x, layout.key_y + fs * KEY_GAP * 0.6, width, style);
  cairo_restore (cr);
}

char *
wm_chart_describe_rehousing_year (const WmRehousingBalance *balance, int year)
{
  const WmRehousingYear *yr;
  g_autofree char *moving = NULL, *completed = NULL;
  GString *out;

  if (balance == NULL || balance->years == NULL || year < balance->first_year
      || year >= balance->first_year + (int) balance->years->len)
    return NULL;
  yr = rehousing_year_at (balance, (guint) (year - balance->first_year));
  moving = format_count64 (yr->moving);
  completed = format_count64 (yr->completed);
  out = g_string_new (NULL);
  /* Translators: one year of the rehousing chart, e.g. "2027: households to move 48,
   * social-rent homes completed 12" */
  g_string_append_printf (out, _("%d: households to move %s, social-rent homes completed %s"),
                          year, moving, completed);
  if (yr->shortfall > 0)
    {
      g_autofree char *moved = format_count64 (yr->moving_total);
      g_autofree char *done = format_count64 (yr->completed_total);
      g_autofree char *short_by = format_count64 (yr->shortfall);

      g_string_append (out, "; ");
      /* Translators: the warning of a short year: households moved so far, homes completed so
       * far, the difference */
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "short: by then %s households must have moved but "
                                           "only %s social-rent homes are completed, so %s "
                                           "other vacancy is needed",
                                           "short: by then %s households must have moved but "
                                           "only %s social-rent homes are completed, so %s "
                                           "other vacancies are needed",
                                           (gulong) MIN (yr->shortfall, G_MAXLONG)),
                              moved, done, short_by);
    }
  return g_string_free (out, FALSE);
}

char *
wm_chart_describe_rehousing (const WmRehousingBalance *balance)
{
  GString *out = g_string_new (NULL);
  gint64 undated = balance != NULL ? balance->undated_moving : 0;

  if (wm_chart_rehousing_is_empty (balance))
    {
      g_string_append (out, _("Nothing to rehouse: no proposal with a year moves households "
                              "or completes social-rent homes."));
    }
  else
    {
      g_string_append (out, _("Rehousing per year:"));
      for (guint i = 0; i < balance->years->len; i++)
        {
          const WmRehousingYear *yr = rehousing_year_at (balance, i);
          g_autofree char *text = NULL;

          /* Quiet years say nothing. */
          if (yr->moving == 0 && yr->completed == 0 && yr->shortfall == 0)
            continue;
          text = wm_chart_describe_rehousing_year (balance, yr->year);
          g_string_append_printf (out, " %s.", text);
        }
      if (balance->n_short_years == 0)
        g_string_append_printf (out, " %s",
                                _("No year is short: the social-rent homes completed keep up "
                                  "with the households that must move."));
      else
        {
          g_autofree char *largest = format_count64 (balance->largest_shortfall);

          g_string_append_c (out, ' ');
          /* Translators: the summary of the rehousing chart: the number of short years, the
           * largest shortfall and its year */
          g_string_append_printf (out,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u year is short; the largest shortfall is %s "
                                               "in %d.",
                                               "%u years are short; the largest shortfall is "
                                               "%s in %d.",
                                               balance->n_short_years),
                                  balance->n_short_years, largest,
                                  balance->largest_shortfall_year);
        }
    }
  if (undated > 0)
    {
      g_autofree char *number = format_count64 (undated);

      g_string_append_c (out, ' ');
      /* Translators: households to move in proposals without a year */
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s household must move in proposals without a "
                                           "year; give them a year to see when.",
                                           "%s households must move in proposals without a "
                                           "year; give them a year to see when.",
                                           (gulong) MIN (undated, G_MAXLONG)),
                              number);
    }
  return g_string_free (out, FALSE);
}
