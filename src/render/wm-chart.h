/* wm-chart.h: the mix and indicator charts, drawn with cairo for the panel and the report
 *
 * Plain data in, drawing out: the caller copies the figures from the engine (on the main
 * thread) into these rows, so a report in a worker thread draws the same charts as the panel.
 * Colours are the segment colours of the map (wm-map-style); every bar is labelled with its
 * figure, so no chart is read by colour alone.
 */
#pragma once

#include <cairo.h>

#include "wm-indicator-engine.h"
#include "wm-segment.h"

G_BEGIN_DECLS

typedef struct
{
  double font_size;   /* device units */
  guint32 foreground; /* text and axes, 0xRRGGBB */
  guint32 grid;       /* grid lines and the target band's outline */
  guint32 band;       /* the target band's fill */
} WmChartStyle;

/* Black on white at @font_size. */
void wm_chart_style_init (WmChartStyle *style, double font_size);

/* One stacked bar: dwellings per segment ("now", "after the plan", an area). */
typedef struct
{
  char *label;
  WmDwellingMix mix;
} WmChartMixBar;

/* A target band on one segment's share, 0..1; has_min/has_max FALSE leaves that side open. */
typedef struct
{
  WmSegment segment;
  gboolean has_min, has_max;
  double min, max;
} WmChartBand;

/* Horizontal 100 % bars, one per @bars, segments in table order with their shares written in
 * them (when they fit), the bands of @bands drawn as brackets over the share of their
 * segment, and a key of the segments below. */
void wm_chart_draw_mix (cairo_t *cr, double x, double y, double width, double height,
                        const WmChartMixBar *bars, guint n_bars, const WmChartBand *bands,
                        guint n_bands, const WmChartStyle *style);
/* The height the mix chart needs at @width for @n_bars. */
double wm_chart_get_mix_height (guint n_bars, double width, const WmChartStyle *style);

/* One indicator before and after the plan. */
typedef struct
{
  char *label;           /* translated indicator name */
  gboolean defined;      /* FALSE: no figure (no dwellings) */
  double baseline, projected;
  gboolean is_fraction;  /* 0..1, drawn as percentages; else scaled to the largest row */
  gboolean has_band;
  double band_min, band_max;
} WmChartChange;

/* A dot for now, an arrow to after the plan, the band behind them, figures at the right. */
void wm_chart_draw_changes (cairo_t *cr, double x, double y, double width, double height,
                            const WmChartChange *rows, guint n_rows, const WmChartStyle *style);
double wm_chart_get_changes_height (guint n_rows, const WmChartStyle *style);
/* Share of dwellings within walking distance, per facility kind: paired bars now/after. */
void wm_chart_draw_coverage (cairo_t *cr, double x, double y, double width, double height,
                             const WmChartChange *rows, guint n_rows, const WmChartStyle *style);
double wm_chart_get_coverage_height (guint n_rows, const WmChartStyle *style);

/* Copies from the engine (main thread). Mix: two bars, now and after the plan, of @area_id
 * (NULL: the whole plan), and the bands of the plan's targets on segment shares. */
void wm_chart_mix_from_engine (WmIndicatorEngine *engine, const char *area_id, GArray *bars,
                               GArray *bands);
/* The indicators of @area_id (NULL: whole plan) with a figure and a band where they have one;
 * @coverage TRUE: only the coverage indicators, FALSE: all others. */
void wm_chart_changes_from_engine (WmIndicatorEngine *engine, const char *area_id,
                                   gboolean coverage, GArray *rows);
/* GArray element clear functions (g_array_set_clear_func). */
void wm_chart_mix_bar_clear (gpointer bar);
void wm_chart_change_clear (gpointer row);

G_END_DECLS
