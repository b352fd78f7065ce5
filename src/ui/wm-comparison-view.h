/* wm-comparison-view.h: the baseline and the scenarios of a plan side by side, in a window
 *
 * A window beside the project window (win.compare-scenarios): a small map of each variant, the
 * indicators in rows with the baseline and a column per scenario (value, change against the
 * baseline, the verdict against the target band in words and an icon, the one closest to the
 * target marked with a star), the checklist items and the households to rehouse of each; two
 * scenarios compared proposal by proposal with the indicators that move most between them;
 * and, when the plan has dated proposals, one indicator over the years with a line per
 * scenario. It follows the plan: any change of it is shown after one idle (edits coalesce).
 * At most WM_SCENARIO_COMPARISON_MAX_SHOWN scenarios are shown; when the plan has more, a menu
 * of check buttons chooses which. The table is a table for a screen reader too (rows, cells
 * with their row and column in the cell's accessible label).
 */
#pragma once

#include <adwaita.h>

#include "wm-chart-view.h"
#include "wm-document.h"
#include "wm-scenario-comparison.h"
#include "wm-scenario-diff.h"

G_BEGIN_DECLS

#define WM_TYPE_COMPARISON_VIEW (wm_comparison_view_get_type ())
G_DECLARE_FINAL_TYPE (WmComparisonView, wm_comparison_view, WM, COMPARISON_VIEW, AdwWindow)

/* Not modal, transient for @parent and destroyed with it; shows @document's plan. */
WmComparisonView *wm_comparison_view_new (GtkWindow *parent, WmDocument *document);
WmDocument *wm_comparison_view_get_document (WmComparisonView *self);

/* Signal "refreshed" (no arguments): the table, the difference and the chart show the plan as
 * it is now (emitted after each recompute). TRUE while a recompute waits for its idle. */
gboolean wm_comparison_view_get_refresh_pending (WmComparisonView *self);
/* What the table shows (transfer none, until the next refresh). */
const WmScenarioComparison *wm_comparison_view_get_comparison (WmComparisonView *self);

/* Which scenarios are shown: the plan's first WM_SCENARIO_COMPARISON_MAX_SHOWN unless chosen
 * otherwise. Showing one more than that is refused (FALSE); hiding the last one too. */
gboolean wm_comparison_view_set_scenario_shown (WmComparisonView *self, WmScenario *scenario,
                                                gboolean shown);
gboolean wm_comparison_view_get_scenario_shown (WmComparisonView *self, WmScenario *scenario);

/* The year compared at (WM_INDICATOR_ALL_YEARS: the whole plan, the default). */
void wm_comparison_view_set_year (WmComparisonView *self, int year);
int wm_comparison_view_get_year (WmComparisonView *self);

/* The table's cells: @column 0 is the baseline, 1.. the scenarios shown. The value as shown,
 * the change against the baseline as shown ("" for none), the accessible label (row, column,
 * value, change, verdict, best), and whether the cell is marked closest to the target. NULL or
 * FALSE for a row or column the table does not have. */
const char *wm_comparison_view_get_value_text (WmComparisonView *self, const char *key,
                                               guint column);
const char *wm_comparison_view_get_change_text (WmComparisonView *self, const char *key,
                                                guint column);
const char *wm_comparison_view_get_cell_label (WmComparisonView *self, const char *key,
                                               guint column);
gboolean wm_comparison_view_get_marked_best (WmComparisonView *self, const char *key,
                                             guint column);
/* The rows under the indicators: as keys for the getters above. */
#define WM_COMPARISON_VIEW_ROW_CHECKLIST "checklist"
#define WM_COMPARISON_VIEW_ROW_REHOUSE "rehouse"
/* The number of scenario columns the table shows. */
guint wm_comparison_view_get_n_columns (WmComparisonView *self);

/* The two scenarios compared proposal by proposal ("Compare A with B"). */
void wm_comparison_view_set_diff_scenarios (WmComparisonView *self, WmScenario *a,
                                            WmScenario *b);
/* The dropdowns that choose them: @which 0 the first (A), 1 the second (B); their items are
 * the plan's scenarios in its order. */
GtkDropDown *wm_comparison_view_get_diff_dropdown (WmComparisonView *self, guint which);
/* The difference shown (NULL when the plan has one scenario, or A is B). */
const WmScenarioDiff *wm_comparison_view_get_diff (WmComparisonView *self);
typedef enum
{
  WM_COMPARISON_VIEW_ONLY_A,
  WM_COMPARISON_VIEW_ONLY_B,
  WM_COMPARISON_VIEW_CHANGED,
  WM_COMPARISON_VIEW_MOVES,   /* the indicators that move most */
} WmComparisonViewList;
/* The titles of the rows of one of the difference's lists, as shown (a new NULL-terminated
 * array; empty when the list is). */
GStrv wm_comparison_view_dup_diff_titles (WmComparisonView *self, WmComparisonViewList list);

/* The small maps: column 0 the baseline, 1.. the scenarios. NULL while one is drawn. TRUE while
 * any is still being drawn in a worker. */
GdkPaintable *wm_comparison_view_get_map (WmComparisonView *self, guint column);
gboolean wm_comparison_view_get_maps_pending (WmComparisonView *self);

/* The over-the-years chart (hidden when no proposal has a year) and its indicator. */
WmChartView *wm_comparison_view_get_series_chart (WmComparisonView *self);
void wm_comparison_view_set_series_indicator (WmComparisonView *self, const char *key);
const char *wm_comparison_view_get_series_indicator (WmComparisonView *self);

G_END_DECLS
