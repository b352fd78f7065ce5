/* wm-indicator-engine.h: mix indicators of a plan's baseline and one scenario
 *
 * The engine keeps integer counts (dwellings per segment, dwellings covered per facility
 * kind, households to rehouse, newcomers) per area, per grid cell and for the whole
 * neighbourhood. A full recompute happens only when it is created or the baseline changes;
 * after that every added, removed or edited proposal updates the counts by its own delta,
 * and coverage touches only dwellings near the changed facility or building. Shares,
 * entropy and dissimilarity are derived from the counts when asked, so the result of any
 * sequence of edits equals a full recompute exactly. See docs/indicators.md.
 *
 * Indicators are named by stable keys (also used by `wijkmix-cli indicators --json`):
 *   dwellings, dwellings.<segment>, dwellings.affordable, share.<segment>, affordable_share,
 *   new_build_affordable_share, diversity, residents, households_to_rehouse, newcomer_share,
 *   coverage.<coverage kind>, and for the whole neighbourhood only dissimilarity_social
 *   (across the areas) and dissimilarity_social.grid_<size>m (across square grid cells).
 */
#pragma once

#include "wm-dissimilarity.h"
#include "wm-plan.h"
#include "wm-targets.h"

G_BEGIN_DECLS

typedef enum
{
  WM_INDICATOR_BASELINE,
  WM_INDICATOR_PROJECTED,
} WmIndicatorState;

/* What one proposal does to an indicator: the proposals take effect one after another in the
 * plan's order (wm-projection.h), from the baseline; a proposal's delta is the indicator just
 * after it minus just before it. The deltas add up to projected minus baseline. */
typedef struct
{
  WmProposal *proposal; /* borrowed: valid while it is in the scenario */
  double delta;
} WmIndicatorContribution;

#define WM_TYPE_INDICATOR_ENGINE (wm_indicator_engine_get_type ())
G_DECLARE_FINAL_TYPE (WmIndicatorEngine, wm_indicator_engine, WM, INDICATOR_ENGINE, GObject)

/* As an area id: the dwellings outside every area (an area of its own for lookup, mix,
 * contributions and the report; a unit of its own in dissimilarity_social). */
#define WM_INDICATOR_AREA_OUTSIDE ":outside"

/* @scenario: NULL for the plan's active scenario at this moment. Signal "changed" (no
 * arguments): the counts changed (a proposal of the scenario, the scenario, the baseline). */
WmIndicatorEngine *wm_indicator_engine_new (WmPlan *plan, WmScenario *scenario);
WmPlan *wm_indicator_engine_get_plan (WmIndicatorEngine *self);
WmScenario *wm_indicator_engine_get_scenario (WmIndicatorEngine *self);
/* Switches to another scenario of the plan by deltas (no full recompute). */
void wm_indicator_engine_set_scenario (WmIndicatorEngine *self, WmScenario *scenario);
/* As a year: the whole plan, every proposal counted (those without a year too). */
#define WM_INDICATOR_ALL_YEARS 0
/* The year the projection stands at (property "year"): from then on PROJECTED is the plan as
 * of the end of @year, counting only the proposals completed by then (completion year <=
 * @year, wm_timeline_completed_by()); WM_INDICATOR_ALL_YEARS (the default) counts them all.
 * Switching applies or undoes only the proposals whose completion year lies between the old
 * and the new year (no full recompute), then emits "changed" once and notifies "year". The
 * year stays through edits, scenario switches and recomputes: a proposal added, edited or
 * re-dated counts only while it is completed by the year. The values equal those of a fresh
 * engine on a scenario holding only the proposals completed by @year. Contributions replay
 * the proposals counted at the year. */
void wm_indicator_engine_set_year (WmIndicatorEngine *self, int year);
int wm_indicator_engine_get_year (WmIndicatorEngine *self);
/* Whether @proposal (of the engine's scenario) counts at the engine's year. */
gboolean wm_indicator_engine_counts_proposal (WmIndicatorEngine *self, WmProposal *proposal);
/* The projected value of each of @keys (NULL-terminated) in @area_id (as lookup) at the end of
 * every year @first_year..@last_year: a new array of n_keys × n_years doubles, key by key
 * (value of keys[k] in year y at k * n_years + (y - @first_year)); NAN where a key is unknown
 * or not defined (wm_indicator_engine_is_defined()). Steps through the years by deltas and
 * restores the engine's year; emits nothing. */
GArray *wm_indicator_engine_get_series (WmIndicatorEngine *self, const char *const *keys,
                                        const char *area_id, int first_year, int last_year);
/* As wm_indicator_engine_get_contributions(), over every proposal of the scenario whatever
 * the engine's year (what the rehousing balance needs); the counts end as they were. */
GArray *wm_indicator_engine_get_plan_contributions (WmIndicatorEngine *self, const char *key,
                                                    const char *area_id);
/* Full recompute from the plan; only needed after baseline edits the engine cannot see
 * (a building's dwellings edited in place). */
void wm_indicator_engine_recompute (WmIndicatorEngine *self);

/* Keys valid for an area (@for_total FALSE) or the whole neighbourhood (TRUE), in display
 * order; NULL-terminated, owned by the engine. */
const char *const *wm_indicator_engine_get_keys (WmIndicatorEngine *self, gboolean for_total);
/* Coverage kinds ("playground", "green", "meeting_place", ...) and their radius in metres. */
const char *const *wm_indicator_engine_get_coverage_kinds (WmIndicatorEngine *self);
double wm_indicator_engine_get_coverage_radius (WmIndicatorEngine *self, const char *kind);
/* Persons per household assumed for a dwelling of @segment (indicators.json), for residents. */
double wm_indicator_engine_get_household_size (WmIndicatorEngine *self, WmSegment segment);
/* Square cell sizes (metres) of the dissimilarity grids; @n_sizes set to their number. */
const double *wm_indicator_engine_get_grid_sizes (WmIndicatorEngine *self, guint *n_sizes);

/* The value of @key for the area @area_id (NULL: the whole neighbourhood;
 * WM_INDICATOR_AREA_OUTSIDE: the dwellings outside every area). Shares are fractions 0..1; an
 * empty area has shares 0 (see wm_indicator_engine_is_defined()). Returns FALSE for an unknown
 * key or area. */
gboolean wm_indicator_engine_lookup (WmIndicatorEngine *self, const char *key,
                                     const char *area_id, WmIndicatorState state,
                                     double *out_value);
/* As lookup, but NAN for an unknown key or area. */
double wm_indicator_engine_get (WmIndicatorEngine *self, const char *key, const char *area_id,
                                WmIndicatorState state);
/* FALSE when @key is a fraction of the dwellings (share.*, affordable_share,
 * new_build_affordable_share, diversity, newcomer_share, coverage.*) and the area holds no
 * dwellings in @state: there is nothing to divide, so it is shown as "–" (JSON null), not 0.
 * TRUE for every other known key; FALSE for an unknown key or area. */
gboolean wm_indicator_engine_is_defined (WmIndicatorEngine *self, const char *key,
                                         const char *area_id, WmIndicatorState state);
/* D of a dissimilarity key (whole neighbourhood) with its number of units (areas with
 * dwellings, plus one when dwellings lie outside every area; or grid cells with dwellings)
 * and the D a random allocation of the same social rent over the same dwellings gives on
 * average (wm-dissimilarity.h). FALSE for another key. */
gboolean wm_indicator_engine_get_dissimilarity_detail (WmIndicatorEngine *self, const char *key,
                                                       WmIndicatorState state,
                                                       WmDissimilarity *out_detail);
/* The D of @key in plain words with its units and chance level ("0.41 across 37 cells of
 * 250 m; a random mix would give about 0.32"), translated; NULL for another key. */
char *wm_indicator_engine_describe_dissimilarity (WmIndicatorEngine *self, const char *key,
                                                  WmIndicatorState state);
/* Dwellings per segment (negative counts from inconsistent proposals are kept here, but
 * counted as 0 in shares). */
void wm_indicator_engine_get_mix (WmIndicatorEngine *self, const char *area_id,
                                  WmIndicatorState state, WmDwellingMix *out_mix);
/* The band of @key in the plan's targets and where the projected value of the whole
 * neighbourhood lies against it. FALSE when @key has no band; then, and while there is
 * nothing to judge (no dwellings; no new build for new_build_affordable_share), the verdict is
 * WM_TARGET_VERDICT_NONE. */
gboolean wm_indicator_engine_get_target (WmIndicatorEngine *self, const char *key,
                                         WmTargetBand *out_band, WmTargetVerdict *out_verdict);
/* Which proposals move @key in @area_id and by how much: an array of
 * WmIndicatorContribution in the plan's order, leaving out proposals that change nothing.
 * Their deltas add up to projected minus baseline (to rounding). */
GArray *wm_indicator_engine_get_contributions (WmIndicatorEngine *self, const char *key,
                                               const char *area_id);

/* Translated label of a key, with the scale for grid dissimilarity and the radius
 * (straight line) for coverage. */
char *wm_indicator_engine_get_label (WmIndicatorEngine *self, const char *key);

G_END_DECLS
