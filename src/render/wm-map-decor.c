/* wm-map-decor.c: legend, scale bar, north arrow and attribution around an exported map
 *
 * Everything is sized from the style's font size, so the same code reads well in a PNG for a
 * slide (pixels) and on an A3 poster (points).
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "wm-map-decor.h"

/* Earth's circumference at the equator in metres, as Web Mercator has it. */
#define EQUATOR_M 40075016.685578488

void
wm_map_decor_style_init (WmMapDecorStyle *style, double font_size)
{
  g_return_if_fail (style != NULL);

  style->font_size = font_size > 0 ? font_size : 12;
  style->foreground = 0x222222;
  style->background = 0xffffff;
  style->background_alpha = 0.85;
}

static PangoLayout *
new_layout (cairo_t *cr, const char *text, double size, gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
layout_size (PangoLayout *layout, double *width, double *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

static void
draw_box (cairo_t *cr, double x, double y, double width, double height, double radius,
          const WmMapDecorStyle *style)
{
  cairo_new_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  wm_map_style_set_source_rgb (cr, style->background, style->background_alpha);
  cairo_fill (cr);
}

/* Device units per metre on the ground at the transform's centre. */
static double
units_per_metre (const WmMapTransform *transform)
{
  double wx, wy, latitude;

  wm_map_transform_unapply (transform, transform->half_width, transform->half_height, &wx, &wy);
  latitude = atan (sinh (G_PI * (1 - 2 * wy / 256.0)));
  return transform->scale / (cos (latitude) * EQUATOR_M / 256.0);
}

double
wm_map_decor_get_scale_bar_length (const WmMapTransform *transform, double max_width,
                                   double *out_width)
{
  static const double steps[] = { 1, 2, 5 };
  double per_metre, best = 0;

  g_return_val_if_fail (transform != NULL, 0);

  per_metre = units_per_metre (transform);
  /* 1 m up to 10 000 km: 1, 2 and 5 times a power of ten. */
  for (int e = 0; e <= 7; e++)
    for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
      {
        double metres = steps[s] * pow (10, e);

        if (metres * per_metre <= max_width)
          best = metres;
      }
  if (out_width != NULL)
    *out_width = best * per_metre;
  return best;
}

static char *
format_length (double metres)
{
  if (metres >= 1000)
    /* Translators: a length on the scale bar in kilometres. */
    return g_strdup_printf (_("%d km"), (int) lround (metres / 1000));
  /* Translators: a length on the scale bar in metres. */
  return g_strdup_printf (_("%d m"), (int) lround (metres));
}

double
wm_map_decor_draw_scale_bar (cairo_t *cr, const WmMapTransform *transform, double x, double y,
                             double max_width, const WmMapDecorStyle *style)
{
  double fs = style->font_size;
  double pad = 0.4 * fs;
  double bar_height = 0.4 * fs;
  double line = MAX (fs / 12.0, 0.5);
  double bar_width, metres, text_w, text_h, box_w, box_h, top;
  g_autofree char *label = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  g_return_val_if_fail (cr != NULL && transform != NULL && style != NULL, 0);

  metres = wm_map_decor_get_scale_bar_length (transform, max_width - 2 * pad, &bar_width);
  if (metres <= 0)
    return 0;
  label = format_length (metres);
  layout = new_layout (cr, label, 0.85 * fs, FALSE);
  layout_size (layout, &text_w, &text_h);
  box_w = MAX (bar_width, text_w) + 2 * pad;
  box_h = pad + text_h + 0.15 * fs + bar_height + pad;
  top = y - box_h;

  cairo_save (cr);
  draw_box (cr, x, top, box_w, box_h, pad / 2, style);

  /* Two halves, dark and light, so the length reads over any ground. */
  {
    double bx = x + pad, by = y - pad - bar_height;

    cairo_new_path (cr);
    cairo_rectangle (cr, bx, by, bar_width / 2, bar_height);
    wm_map_style_set_source_rgb (cr, style->foreground, 1.0);
    cairo_fill (cr);
    cairo_rectangle (cr, bx + bar_width / 2, by, bar_width / 2, bar_height);
    wm_map_style_set_source_rgb (cr, style->background, 1.0);
    cairo_fill_preserve (cr);
    cairo_rectangle (cr, bx, by, bar_width, bar_height);
    wm_map_style_set_source_rgb (cr, style->foreground, 1.0);
    cairo_set_line_width (cr, line);
    cairo_stroke (cr);
  }

  cairo_move_to (cr, x + pad + (MAX (bar_width, text_w) - text_w) / 2, top + pad);
  wm_map_style_set_source_rgb (cr, style->foreground, 1.0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return box_w;
}

void
wm_map_decor_draw_north_arrow (cairo_t *cr, const WmMapTransform *transform, double x, double y,
                               double size, const WmMapDecorStyle *style)
{
  g_autoptr(PangoLayout) layout = NULL;
  double angle, text_w, text_h, nx, ny;

  g_return_if_fail (cr != NULL && transform != NULL && style != NULL);

  /* World north (0, -1) lands on the device at (sin r, -cos r): a turn by r. */
  angle = atan2 (transform->sin_r, transform->cos_r);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, size / 2, 0, 2 * G_PI);
  wm_map_style_set_source_rgb (cr, style->background, style->background_alpha);
  cairo_fill (cr);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  /* Left half dark, right half light with a dark rim. */
  cairo_move_to (cr, 0, -0.12 * size);
  cairo_line_to (cr, -0.17 * size, 0.44 * size);
  cairo_line_to (cr, 0, 0.3 * size);
  cairo_close_path (cr);
  wm_map_style_set_source_rgb (cr, style->foreground, 1.0);
  cairo_fill (cr);
  cairo_move_to (cr, 0, -0.12 * size);
  cairo_line_to (cr, 0.17 * size, 0.44 * size);
  cairo_line_to (cr, 0, 0.3 * size);
  cairo_close_path (cr);
  wm_map_style_set_source_rgb (cr, style->background, 1.0);
  cairo_fill_preserve (cr);
  cairo_move_to (cr, 0, -0.12 * size);
  cairo_line_to (cr, -0.17 * size, 0.44 * size);
  cairo_line_to (cr, 0, 0.3 * size);
  cairo_close_path (cr);
  wm_map_style_set_source_rgb (cr, style->foreground, 1.0);
  cairo_set_line_width (cr, MAX (size / 40.0, 0.5));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* The letter beyond the tip, upright. */
  /* Translators: the letter on the north arrow of an exported map. */
  layout = new_layout (cr, C_("north arrow", "N"), 0.26 * size, TRUE);
  layout_size (layout, &text_w, &text_h);
  nx = x + sin (angle) * 0.3 * size;
  ny = y - cos (angle) * 0.3 * size;
  cairo_move_to (cr, nx - text_w / 2, ny - text_h / 2);
  wm_map_style_set_source_rgb (cr, style->foreground, 1.0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* One row of the key: a swatch and its label, wrapped to the width left. Returns its height. */
static double
legend_row (cairo_t *cr, const WmMapKeyEntry *entry, WmFacilityType type, double x, double y,
            double width, gboolean draw, const WmMapDecorStyle *style)
{
  double fs = style->font_size;
  double swatch_w = 1.6 * fs;
  double swatch_h = entry != NULL ? 1.0 * fs : 1.3 * fs;
  double gap = 0.5 * fs;
  const char *text = entry != NULL ? entry->label : wm_map_key_get_facility_label (type);
  g_autoptr(PangoLayout) layout = new_layout (cr, text != NULL ? text : "", 0.9 * fs, FALSE);
  double text_w, text_h, row_h;

  pango_layout_set_width (layout, (int) (MAX (width - swatch_w - gap, fs) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  layout_size (layout, &text_w, &text_h);
  row_h = MAX (swatch_h, text_h);
  if (!draw)
    return row_h;

  if (entry != NULL)
    wm_map_key_draw_swatch (cr, entry, x, y + (row_h - swatch_h) / 2, swatch_w, swatch_h,
                            MAX (fs / 14.0, 0.5));
  else
    wm_map_key_draw_facility_swatch (cr, type, x + (swatch_w - swatch_h) / 2,
                                     y + (row_h - swatch_h) / 2, swatch_h, swatch_h);
  cairo_move_to (cr, x + swatch_w + gap, y + (row_h - text_h) / 2);
  wm_map_style_set_source_rgb (cr, style->foreground, 1.0);
  pango_cairo_show_layout (cr, layout);
  return row_h;
}

static double
legend_title (cairo_t *cr, const char *title, double x, double y, double width, gboolean draw,
              const WmMapDecorStyle *style)
{
  g_autoptr(PangoLayout) layout = new_layout (cr, title, style->font_size, TRUE);
  double text_w, text_h;

  pango_layout_set_width (layout, (int) (MAX (width, style->font_size) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  layout_size (layout, &text_w, &text_h);
  if (draw)
    {
      cairo_move_to (cr, x, y);
      wm_map_style_set_source_rgb (cr, style->foreground, 1.0);
      pango_cairo_show_layout (cr, layout);
    }
  return text_h;
}

/* The rows of the key from @top; returns where they end. */
static double
legend_body (cairo_t *cr, WmMapKey *key, double x, double top, double width, gboolean draw,
             const WmMapDecorStyle *style)
{
  double fs = style->font_size;
  double row_gap = 0.25 * fs;
  double y = top;
  gboolean housing = wm_map_key_get_title (key) != NULL && wm_map_key_get_n_entries (key) > 0;

  if (housing)
    {
      y += legend_title (cr, wm_map_key_get_title (key), x, y, width, draw, style) + row_gap;
      for (guint i = 0; i < wm_map_key_get_n_entries (key); i++)
        y += legend_row (cr, wm_map_key_get_entry (key, i), 0, x, y, width, draw, style)
             + row_gap;
    }
  if (wm_map_key_get_n_facility_types (key) > 0)
    {
      if (housing)
        y += 0.5 * fs;
      y += legend_title (cr, wm_map_key_get_facility_title (key), x, y, width, draw, style)
           + row_gap;
      for (guint i = 0; i < wm_map_key_get_n_facility_types (key); i++)
        y += legend_row (cr, NULL, wm_map_key_get_facility_type (key, i), x, y, width, draw,
                         style)
             + row_gap;
    }
  return y - row_gap;
}

double
wm_map_decor_draw_legend (cairo_t *cr, WmMapKey *key, double x, double y, double width,
                          gboolean draw, const WmMapDecorStyle *style)
{
  double pad = 0.6 * style->font_size;
  double inner = width - 2 * pad;
  double height;

  g_return_val_if_fail (cr != NULL && key != NULL && style != NULL, 0);

  if ((wm_map_key_get_title (key) == NULL || wm_map_key_get_n_entries (key) == 0)
      && wm_map_key_get_n_facility_types (key) == 0)
    return 0;

  cairo_save (cr);
  height = legend_body (cr, key, x + pad, y + pad, inner, FALSE, style) - y + pad;
  if (draw)
    {
      draw_box (cr, x, y, width, height, pad / 2, style);
      legend_body (cr, key, x + pad, y + pad, inner, TRUE, style);
    }
  cairo_restore (cr);
  return height;
}

double
wm_map_decor_draw_attribution (cairo_t *cr, const char *text, double right, double bottom,
                               double max_width, const WmMapDecorStyle *style)
{
  double fs = 0.75 * style->font_size;
  double pad = 0.4 * fs;
  g_autoptr(PangoLayout) layout = NULL;
  double text_w, text_h, box_w, box_h;

  g_return_val_if_fail (cr != NULL && style != NULL, 0);

  if (text == NULL || *text == '\0' || max_width <= 2 * pad)
    return 0;

  cairo_save (cr);
  layout = new_layout (cr, text, fs, FALSE);
  pango_layout_set_width (layout, (int) ((max_width - 2 * pad) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  layout_size (layout, &text_w, &text_h);
  box_w = MIN (text_w + 2 * pad, max_width);
  box_h = text_h + 2 * pad;
  /* Right-aligned text in a layout as wide as it is: no gap on the right. */
  pango_layout_set_width (layout, (int) ceil ((box_w - 2 * pad) * PANGO_SCALE));
  draw_box (cr, right - box_w, bottom - box_h, box_w, box_h, pad / 2, style);
  cairo_move_to (cr, right - box_w + pad, bottom - box_h + pad);
  wm_map_style_set_source_rgb (cr, style->foreground, 1.0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return box_h;
}
