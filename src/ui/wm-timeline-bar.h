/* wm-timeline-bar.h: the plan over the years, under the map
 *
 * A slider over the years of the active scenario's dated proposals (wm_timeline_get_range()),
 * the year shown large, a play button that steps one year per tick and stops at the last
 * year, and "Whole plan" back to every proposal. The bar sets the year of its engine
 * (wm_indicator_engine_set_year()); whoever shows the plan as of a year follows its property
 * "year". Without dated proposals the controls are insensitive and a hint says why.
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-indicator-engine.h"

G_BEGIN_DECLS

#define WM_TYPE_TIMELINE_BAR (wm_timeline_bar_get_type ())
G_DECLARE_FINAL_TYPE (WmTimelineBar, wm_timeline_bar, WM, TIMELINE_BAR, GtkWidget)

/* The time between two years while playing, in milliseconds, unless set otherwise. */
#define WM_TIMELINE_BAR_TICK_MS 1000

GtkWidget *wm_timeline_bar_new (void);
/* The engine whose year the bar sets and whose scenario's years it offers (property
 * "engine"); NULL empties the bar. */
void wm_timeline_bar_set_engine (WmTimelineBar *self, WmIndicatorEngine *engine);
WmIndicatorEngine *wm_timeline_bar_get_engine (WmTimelineBar *self);
/* Property "year": 0 (WM_INDICATOR_ALL_YEARS) for the whole plan, else a year of the range;
 * a year outside the range is taken as the whole plan. When the range changes (a proposal
 * edited, another scenario) the year is kept while it lies in the new range, else the bar
 * returns to the whole plan. */
void wm_timeline_bar_set_year (WmTimelineBar *self, int year);
int wm_timeline_bar_get_year (WmTimelineBar *self);
/* The first and last year offered; FALSE (both 0) without dated proposals. */
gboolean wm_timeline_bar_get_range (WmTimelineBar *self, int *out_first, int *out_last);
/* Property "playing": stepping a year per tick; starting at the last year or the whole plan
 * starts from the first year; stops by itself at the last year. Action "win.timeline-play"
 * (the window's) toggles it. */
void wm_timeline_bar_set_playing (WmTimelineBar *self, gboolean playing);
gboolean wm_timeline_bar_get_playing (WmTimelineBar *self);
/* Property "tick-interval" (ms, WM_TIMELINE_BAR_TICK_MS by default): tests make it short. */
void wm_timeline_bar_set_tick_interval (WmTimelineBar *self, guint interval_ms);
guint wm_timeline_bar_get_tick_interval (WmTimelineBar *self);

/* The widgets, for tests and the window: the slider (a GtkScale), the play button, the
 * "Whole plan" toggle. */
GtkWidget *wm_timeline_bar_get_slider (WmTimelineBar *self);
GtkWidget *wm_timeline_bar_get_play_button (WmTimelineBar *self);
GtkWidget *wm_timeline_bar_get_whole_plan_button (WmTimelineBar *self);
/* The year as shown ("2031", "Whole plan") and the note under the slider (the undated
 * proposals left out, or the hint without dated ones); NULL when no note is shown. */
const char *wm_timeline_bar_get_year_text (WmTimelineBar *self);
const char *wm_timeline_bar_get_note_text (WmTimelineBar *self);

G_END_DECLS
