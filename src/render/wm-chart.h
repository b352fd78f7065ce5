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
#include "wm-rehousing-balance.h"
#include "wm-segment.h"

G_BEGIN_DECLS

typedef struct
{
  double font_size;   /* device units */
  guint32 foreground; /* text and axes, 0xRRGGBB */
  guint32 grid;       /* grid lines and the target band's outline */
  guint32 band;       /* the target band's fill, laid over the background at 20 % opacity */
  const char *font_family; /* borrowed; NULL: "Sans" */
  guint32 background; /* what the chart is drawn on: the inside of the hollow "now" marks */
} WmChartStyle;

/* Black on white at @font_size. For a dark background set foreground (and band) to the
 * theme's text colour and background to the theme's: the band is translucent, so it works on
 * either. */
void wm_chart_style_init (WmChartStyle *style, double font_size);

/* A rectangle in the caller's units. */
typedef struct
{
  double x, y, width, height;
} WmChartRect;

/* The order of the segments in a mix bar: the affordable segments of the segment table first
 * (social rent, mid-rent, affordable owner-occupied), so the affordable share reads as one
 * run from the left, then the others. @index < WM_N_SEGMENTS. */
WmSegment wm_chart_get_segment_at (guint index);

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

/* Horizontal 100 % bars, one per @bars, segments in the order of wm_chart_get_segment_at()
 * with their shares written in them (when they fit) and hatched as on the map, the bands of
 * @bands drawn as brackets over the share of their segment (just above each bar: a band on a
 * segment that does not start at the left moves with that segment's start), the total
 * dwellings under each bar's label, and below a key of the segments and a line naming the
 * bands. A bar without dwellings is an outline saying so. */
void wm_chart_draw_mix (cairo_t *cr, double x, double y, double width, double height,
                        const WmChartMixBar *bars, guint n_bars, const WmChartBand *bands,
                        guint n_bands, const WmChartStyle *style);
/* The height the mix chart needs at @width for @n_bars. */
double wm_chart_get_mix_height (guint n_bars, double width, const WmChartStyle *style);
/* Where wm_chart_draw_mix() at (@x, @y, @width) puts the 100 % bar of @bars[@index]. */
void wm_chart_get_mix_bar_rect (const WmChartMixBar *bars, guint n_bars, guint index, double x,
                                double y, double width, const WmChartStyle *style,
                                WmChartRect *out_rect);

/* One indicator before and after the plan. */
typedef struct
{
  char *label;           /* translated indicator name */
  gboolean defined;      /* FALSE: no figure in either state (no dwellings) */
  double baseline, projected; /* NAN: no figure in that state (an area emptied or new) */
  gboolean is_fraction;  /* 0..1, drawn as percentages; else scaled to the largest row */
  gboolean has_band;
  double band_min, band_max; /* NAN for an open side */
  gboolean is_index;     /* 0..1 but not a share (diversity, dissimilarity): "0.62" */
  char *key;             /* the indicator key, or NULL */
} WmChartChange;

/* A hollow dot for now, an arrow to a filled dot after the plan, the band behind them,
 * figures at the right; a key below. A row without a figure has only its label and "–". */
void wm_chart_draw_changes (cairo_t *cr, double x, double y, double width, double height,
                            const WmChartChange *rows, guint n_rows, const WmChartStyle *style);
double wm_chart_get_changes_height (guint n_rows, const WmChartStyle *style);
/* Row @index of the changes and coverage charts spans @y + @index × this height, downwards. */
double wm_chart_get_changes_row_height (const WmChartStyle *style);
/* The scale (0 % .. 100 %, or 0 .. the largest count) of row @index of the changes chart
 * (@coverage FALSE) or the coverage chart. */
void wm_chart_get_changes_scale_rect (const WmChartChange *rows, guint n_rows, guint index,
                                      gboolean coverage, double x, double y, double width,
                                      const WmChartStyle *style, WmChartRect *out_rect);
/* Share of dwellings within walking distance, per facility kind: paired bars now (outlined)
 * over after the plan (solid), each with its figure at its end, the band behind them. */
void wm_chart_draw_coverage (cairo_t *cr, double x, double y, double width, double height,
                             const WmChartChange *rows, guint n_rows, const WmChartStyle *style);
double wm_chart_get_coverage_height (guint n_rows, const WmChartStyle *style);

/* One line of an indicator over the years: the active scenario in the panel, one per
 * scenario in the comparison. */
typedef struct
{
  char *label;        /* the scenario's name */
  guint32 colour;     /* 0xRRGGBB; wm_chart_get_series_colour() */
  GArray *values;     /* double per year from the chart's first year; NAN: no figure */
} WmChartSeries;

/* Colour @index of the scenario lines: a palette that stays apart for colour-blind readers
 * (Okabe–Ito), repeating after WM_SCENARIO_COMPARISON_MAX_SHOWN + 1. */
guint32 wm_chart_get_series_colour (guint index);
/* Lines of one indicator over the years @first_year.. (each series' values), a marker and
 * figure at every year, the target band behind them (@band_min/@band_max NAN for an open
 * side; both NAN: none), the year axis labelled, @marked_year (0: none) drawn as a vertical
 * rule (the timeline's year), a key of the series below when there is more than one. Shares
 * (@is_fraction) in percent, indices (@is_index) as "0,62", counts as counts. Each series is
 * also told apart by its marker shape, not by colour alone. */
void wm_chart_draw_series (cairo_t *cr, double x, double y, double width, double height,
                           int first_year, const WmChartSeries *series, guint n_series,
                           gboolean is_fraction, gboolean is_index, double band_min,
                           double band_max, int marked_year, const WmChartStyle *style);
double wm_chart_get_series_height (guint n_series, double width, const WmChartStyle *style);
/* Where wm_chart_draw_series() (and wm_chart_draw_rehousing(), on the same year axis) puts
 * things, for tests and hit tests. Year i of the axis is centred in the i-th of n_years equal
 * columns of the plot. */
typedef struct
{
  WmChartRect plot;           /* the scale: years left to right, values bottom to top */
  int first_year;
  guint n_years;
  double pitch;               /* from one year to the next */
  double value_min, value_max; /* the values at the plot's bottom and top */
  double value_step;          /* between grid lines */
  guint label_step;           /* years labelled: every one (1) or those divisible by it */
  double label_width;         /* the widest year label */
  double key_y;               /* top of the key (the chart's bottom without one) */
} WmChartSeriesLayout;

void wm_chart_get_series_layout (double x, double y, double width, double height,
                                 int first_year, const WmChartSeries *series, guint n_series,
                                 gboolean is_fraction, gboolean is_index, double band_min,
                                 double band_max, const WmChartStyle *style,
                                 WmChartSeriesLayout *out);
/* The centre of @year's column; the height of @value on the scale. */
double wm_chart_series_layout_get_x (const WmChartSeriesLayout *layout, int year);
double wm_chart_series_layout_get_y (const WmChartSeriesLayout *layout, double value);
/* Whether @year gets its label on the axis (thinned so labels never overlap). */
gboolean wm_chart_series_layout_is_labelled (const WmChartSeriesLayout *layout, int year);
/* The year whose column holds @x, 0 outside the plot. */
int wm_chart_series_layout_get_year_at (const WmChartSeriesLayout *layout, double x);
/* "Share of social rent, Plan A: 20 % in 2025, 22 % in 2026, …" */
char *wm_chart_describe_series (const char *indicator_label, int first_year,
                                const WmChartSeries *series, guint n_series,
                                gboolean is_fraction, gboolean is_index);
void wm_chart_series_clear (gpointer series);
GArray *wm_chart_series_array_new (void);

/* The rehousing balance per year: households that must move (bars) against the social-rent
 * homes completed (bars beside them), the running shortfall as a line, short years marked
 * with a warning sign and their shortfall written; @marked_year as in the series chart. */
void wm_chart_draw_rehousing (cairo_t *cr, double x, double y, double width, double height,
                              const WmRehousingBalance *balance, int marked_year,
                              const WmChartStyle *style);
double wm_chart_get_rehousing_height (double width, const WmChartStyle *style);
/* The layout of the rehousing chart (plot, year axis, count scale), and where the bars of
 * @year lie; FALSE when @year is outside the balance or the balance is empty. */
void wm_chart_get_rehousing_layout (double x, double y, double width, double height,
                                    const WmRehousingBalance *balance,
                                    const WmChartStyle *style, WmChartSeriesLayout *out);
gboolean wm_chart_get_rehousing_bars (const WmChartSeriesLayout *layout,
                                      const WmRehousingBalance *balance, int year,
                                      WmChartRect *out_moving, WmChartRect *out_completed);
/* TRUE when the balance moves no household and completes no home in any year: the chart is
 * one line saying there is nothing to rehouse. */
gboolean wm_chart_rehousing_is_empty (const WmRehousingBalance *balance);
/* One year of the balance in words (the tooltip), NULL outside it. */
char *wm_chart_describe_rehousing_year (const WmRehousingBalance *balance, int year);
/* One year of the series in words ("2027: Plan A 22 %, Plan B 25 %"), NULL outside them. */
char *wm_chart_describe_series_year (int first_year, const WmChartSeries *series,
                                     guint n_series, gboolean is_fraction, gboolean is_index,
                                     int year);
/* The balance in words, each short year with its warning (for the accessible description and
 * the report). */
char *wm_chart_describe_rehousing (const WmRehousingBalance *balance);

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
/* New arrays with their clear functions set. */
GArray *wm_chart_mix_bars_new (void);
GArray *wm_chart_bands_new (void);
GArray *wm_chart_changes_new (void);

/* The figures of a chart in one translated paragraph, for an accessible description or the
 * text beside a chart: "Now: 353 dwellings, Social rent 20.4%, …. Target for Social rent: 30%
 * to 50%." */
char *wm_chart_describe_mix (const WmChartMixBar *bars, guint n_bars, const WmChartBand *bands,
                             guint n_bands);
/* "Share of social rent: 20 % now, 24 % after the plan (target 30–50 %). …" */
char *wm_chart_describe_changes (const WmChartChange *rows, guint n_rows);
/* One figure of a row as the charts print it ("20,4 %", "0,92", "1.234"; "–" without one). */
char *wm_chart_format_value (const WmChartChange *row, double value);

G_END_DECLS
