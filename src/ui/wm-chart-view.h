/* wm-chart-view.h: one chart of src/render (wm-chart.h) for the screen, following an engine
 *
 * The view copies the figures from its engine whenever the engine changes and draws them in
 * the theme's text colour, so the chart follows an edit in the same frame and reads in dark
 * mode. Its accessible description states the figures (wm_chart_describe_*).
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-chart.h"
#include "wm-indicator-engine.h"

G_BEGIN_DECLS

typedef enum
{
  WM_CHART_VIEW_MIX,      /* segments now and after the plan, with the target bands */
  WM_CHART_VIEW_CHANGES,  /* indicators now → after the plan */
  WM_CHART_VIEW_COVERAGE, /* facilities within reach now and after the plan */
  WM_CHART_VIEW_SERIES,   /* one indicator over the years (wm_chart_view_set_indicator()) */
  WM_CHART_VIEW_REHOUSING, /* households to rehouse against social rent completed, per year */
} WmChartViewKind;

#define WM_TYPE_CHART_VIEW (wm_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (WmChartView, wm_chart_view, WM, CHART_VIEW, GtkWidget)

GtkWidget *wm_chart_view_new (WmChartViewKind kind);
WmChartViewKind wm_chart_view_get_kind (WmChartView *self);

/* Properties "engine" and "area" (an area id, WM_INDICATOR_AREA_OUTSIDE, or NULL for the
 * whole neighbourhood). */
void wm_chart_view_set_engine (WmChartView *self, WmIndicatorEngine *engine);
WmIndicatorEngine *wm_chart_view_get_engine (WmChartView *self);
void wm_chart_view_set_area (WmChartView *self, const char *area_id);
const char *wm_chart_view_get_area (WmChartView *self);
/* The changes and coverage charts: only these indicator keys, in this order (NULL: all that
 * wm_chart_changes_from_engine() gives). Keys the engine does not have for the area are left
 * out (dissimilarity for one area). */
void wm_chart_view_set_keys (WmChartView *self, const char *const *keys);

/* Series chart: the indicator followed (property "indicator"), over the years of the
 * engine's scenario, its year marked; NULL draws nothing. */
void wm_chart_view_set_indicator (WmChartView *self, const char *key);
const char *wm_chart_view_get_indicator (WmChartView *self);
/* Series chart of fixed lines instead of the engine's (the comparison: one per scenario,
 * copied); @n_series 0 returns to following the engine. */
void wm_chart_view_set_series (WmChartView *self, int first_year, const WmChartSeries *series,
                               guint n_series, gboolean is_fraction, gboolean is_index,
                               double band_min, double band_max);
/* Rehousing chart: the balance drawn (computed from the engine whenever it changes). */
const WmRehousingBalance *wm_chart_view_get_rehousing (WmChartView *self);
/* What the series chart draws: its lines (the engine's one, or the fixed ones), the year of
 * their first values, and the year marked (the engine's; 0: none). */
guint wm_chart_view_get_n_series (WmChartView *self);
const WmChartSeries *wm_chart_view_get_series (WmChartView *self, guint index);
int wm_chart_view_get_first_year (WmChartView *self);
int wm_chart_view_get_marked_year (WmChartView *self);

/* What the view draws (for tests and the report): the mix chart's bars and bands, the other
 * charts' rows. */
guint wm_chart_view_get_n_bars (WmChartView *self);
gboolean wm_chart_view_get_bar_mix (WmChartView *self, guint index, WmDwellingMix *out_mix);
guint wm_chart_view_get_n_bands (WmChartView *self);
guint wm_chart_view_get_n_rows (WmChartView *self);
const WmChartChange *wm_chart_view_get_row (WmChartView *self, guint index);
/* The tooltip at (@x, @y) in the widget: a mix bar's segment with its dwellings and share, or
 * a row of the other charts with its figures; NULL over nothing. */
char *wm_chart_view_dup_tooltip_at (WmChartView *self, double x, double y);
/* The accessible description: the figures in words. */
const char *wm_chart_view_get_description (WmChartView *self);
/* Counts copies from the engine, and the copy last drawn: equal once the chart on screen
 * shows the current figures. */
guint wm_chart_view_get_serial (WmChartView *self);
guint wm_chart_view_get_drawn_serial (WmChartView *self);

G_END_DECLS
