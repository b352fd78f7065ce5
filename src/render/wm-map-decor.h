/* wm-map-decor.h: legend, scale bar, north arrow and attribution around an exported map */
#pragma once

#include <cairo.h>

#include "wm-map-key.h"
#include "wm-map-transform.h"

G_BEGIN_DECLS

typedef struct
{
  double font_size;   /* device units (points on paper, pixels in a PNG) */
  guint32 foreground; /* 0xRRGGBB */
  guint32 background; /* the box under legend and attribution */
  double background_alpha;
} WmMapDecorStyle;

void wm_map_decor_style_init (WmMapDecorStyle *style, double font_size);

/* The round length (metres) of a scale bar no wider than @max_width at the transform's centre,
 * and in @out_width (may be NULL) its width in device units; 0 when even 1 m is wider. */
double wm_map_decor_get_scale_bar_length (const WmMapTransform *transform, double max_width,
                                          double *out_width);
/* A scale bar of a round length (10 m, 20 m, 50 m, … 1 km, 2 km) no wider than @max_width,
 * measured at the transform's centre, with its length written above it on a light box;
 * (@x, @y) is the box's bottom-left. Returns the width drawn (the box, at most @max_width). */
double wm_map_decor_draw_scale_bar (cairo_t *cr, const WmMapTransform *transform, double x,
                                    double y, double max_width, const WmMapDecorStyle *style);
/* A north arrow of height @size centred at (@x, @y) on a light disc, turned with the
 * transform's rotation; its "N" stays upright. */
void wm_map_decor_draw_north_arrow (cairo_t *cr, const WmMapTransform *transform, double x,
                                    double y, double size, const WmMapDecorStyle *style);
/* The key in a box @width wide with its top-left at (@x, @y); with @draw FALSE it is only
 * measured. Returns its height (0, and nothing drawn, for a key without entries). */
double wm_map_decor_draw_legend (cairo_t *cr, WmMapKey *key, double x, double y, double width,
                                 gboolean draw, const WmMapDecorStyle *style);
/* @text (one source per line, as wm_plan_get_attribution()) wrapped to @max_width, its
 * bottom-right corner at (@right, @bottom), on a light box. Returns its height. */
double wm_map_decor_draw_attribution (cairo_t *cr, const char *text, double right,
                                      double bottom, double max_width,
                                      const WmMapDecorStyle *style);

G_END_DECLS
