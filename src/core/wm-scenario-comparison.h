/* wm-scenario-comparison.h: the baseline and several scenarios of a plan side by side
 *
 * For the whole neighbourhood, per indicator key (wm_indicator_engine_get_keys(), same order,
 * labels and verdicts as the indicator panel): the baseline value and, per scenario, the
 * projected value, its difference against the baseline, its verdict against the target band
 * and whether it is the best of the row. Per scenario also how many checklist items it calls
 * for and how many households it rehouses. Computed by switching one indicator engine from
 * scenario to scenario (by deltas), so every value equals a fresh engine's for that scenario.
 * Plain data, main thread. The comparison view shows up to WM_SCENARIO_COMPARISON_MAX_SHOWN.
 */
#pragma once

#include "wm-indicator-engine.h"
#include "wm-roadmap-catalogue.h"

G_BEGIN_DECLS

#define WM_SCENARIO_COMPARISON_MAX_SHOWN 6

typedef struct
{
  double value;            /* projected; NAN for a fraction of no dwellings */
  double difference;       /* value minus the baseline; NAN when either is NAN */
  WmTargetVerdict verdict; /* as wm_indicator_engine_get_target() for this scenario */
  gboolean best;           /* closest to the band of the row (see below) */
} WmComparisonCell;

typedef struct
{
  char *key;
  char *label;         /* translated, as wm_indicator_engine_get_label() */
  double baseline;     /* NAN for a fraction of no dwellings */
  gboolean has_band;
  WmTargetBand band;   /* both NAN without a band */
  GArray *cells;       /* WmComparisonCell, one per scenario, in the comparison's order */
} WmComparisonRow;

typedef struct
{
  WmScenario *scenario;         /* a reference */
  guint n_checklist_items;      /* items active (triggered) for the scenario */
  gint64 households_to_rehouse; /* projected, whole neighbourhood */
} WmComparisonScenario;

typedef struct
{
  WmPlan *plan;       /* a reference */
  int year;           /* the year compared at, WM_INDICATOR_ALL_YEARS for the whole plan */
  GArray *scenarios;  /* WmComparisonScenario */
  GArray *rows;       /* WmComparisonRow, in the engine's key order */
} WmScenarioComparison;

/* @scenarios: @n_scenarios scenarios of @plan (at least one), or NULL for all of the plan's
 * scenarios in its order. "Best" in a row with a band: the scenarios whose value lies at the
 * smallest distance from the band (0 inside it), unless all scenarios judged lie at the same
 * distance; a scenario with nothing to judge (verdict NONE) is never best. No best without a
 * band. @catalogue: the roadmap catalogue for the checklist counts, NULL for the plan's own
 * (or the built-in one). */
WmScenarioComparison *wm_scenario_comparison_new (WmPlan *plan, WmScenario *const *scenarios,
                                                  guint n_scenarios,
                                                  WmRoadmapCatalogue *catalogue);
/* The same as of the end of @year (wm_indicator_engine_set_year()): only the proposals
 * completed by then count; WM_INDICATOR_ALL_YEARS is wm_scenario_comparison_new(). */
WmScenarioComparison *wm_scenario_comparison_new_at_year (WmPlan *plan,
                                                          WmScenario *const *scenarios,
                                                          guint n_scenarios,
                                                          WmRoadmapCatalogue *catalogue,
                                                          int year);
/* The same on @engine, an engine of the plan that is kept up to date (the comparison window's
 * own): only switches by deltas, no full recompute (bench/wijkmix-bench-years). The engine
 * ends on the scenario and year it had; it emits "changed" on the way. */
WmScenarioComparison *wm_scenario_comparison_new_with_engine (WmIndicatorEngine *engine,
                                                              WmScenario *const *scenarios,
                                                              guint n_scenarios,
                                                              WmRoadmapCatalogue *catalogue,
                                                              int year);
void wm_scenario_comparison_free (WmScenarioComparison *self);

/* The row of @key, NULL when there is none. */
const WmComparisonRow *wm_scenario_comparison_find_row (const WmScenarioComparison *self,
                                                        const char *key);

/* How far @value lies outside @band (0 inside it or on its edge). */
double wm_scenario_comparison_band_distance (const WmTargetBand *band, double value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmScenarioComparison, wm_scenario_comparison_free)

G_END_DECLS
