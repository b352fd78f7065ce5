/* wm-projection.h: the plan's order of proposals and a building's dwellings after the plan
 *
 * One order for a plan. The proposals of a scenario take effect by completion year, then in
 * creation order (their order in the scenario's list); a proposal without a year (0) comes
 * after every dated one. The factory validates in this order, the indicator engine projects
 * in it, and the Changes list shows it. See docs/indicators.md.
 *
 * The projected state of a baseline building before a proposal is its baseline dwellings
 * plus the effects, in that order, of the proposals before it that act on it:
 *  - a demolition makes the building demolished with 0 dwellings (whatever its stored
 *    delta, which is minus the dwellings it had when the demolition was made);
 *  - a conversion, renovation, transformation or split/merge adds its delta to its one
 *    building (the first of its building ids), unless the building is demolished by then.
 * New build creates no baseline building: later proposals cannot act on it. A baseline
 * facility is removed after a facility-removal proposal naming it.
 * A proposal is validated against the projected state just before it, so nothing can convert
 * dwellings that an earlier proposal already demolished; wm-plan-check.h checks all proposals
 * of a scenario this way, so that an edit cannot break a later one.
 *
 * These are the only rules: the factory, the indicator engine and the tile renderer (housing
 * coloured after the plan) all use them. Area-level figures (baseline + sum of all deltas)
 * belong to the indicator engine; wm_projected_total_dwellings() is the plain sum for tests
 * and quick checks.
 */
#pragma once

#include "wm-plan.h"
#include "wm-proposal.h"

G_BEGIN_DECLS

/* As @position: after all proposals of the scenario. */
#define WM_PROJECTED_ALL G_MAXUINT

/* < 0 when a proposal of @year_a at list position @position_a takes effect before one of
 * @year_b at @position_b, > 0 after, 0 for the same place. */
int wm_projection_compare (int year_a, guint position_a, int year_b, guint position_b);
/* The proposals of @proposals (a scenario's list) in the plan's order: a new array holding a
 * reference to each. */
GPtrArray *wm_projection_order (GListModel *proposals);
/* The list positions of @proposals in the plan's order: a new array of @n guint. */
guint *wm_projection_order_positions (GListModel *proposals, guint *n);

/* Applies one proposal's effect on the building @building_id to @dwellings and @demolished
 * (the rules above). TRUE when the proposal acts on that building. */
gboolean wm_projection_apply_to_building (WmProposal    *proposal,
                                          const char    *building_id,
                                          WmDwellingMix *dwellings,
                                          gboolean      *demolished);

/* Projected state. @scenario NULL: the active one. @out_demolished may be NULL. An unknown
 * building gives zeros. @position: before the proposal now at that position of the scenario's
 * list, in the plan's order; WM_PROJECTED_ALL (or past the end): after all proposals. */
WmDwellingMix wm_projected_building_dwellings (WmPlan     *plan,
                                               WmScenario *scenario,
                                               guint       position,
                                               const char *building_id,
                                               gboolean   *out_demolished);
/* The state just before @proposal, of its year, placed at list position @position (where it
 * is, or would be inserted). Proposals with @proposal's id are skipped, so that an edited copy
 * is validated in its original's place. */
WmDwellingMix wm_projected_building_dwellings_before (WmPlan     *plan,
                                                      WmScenario *scenario,
                                                      WmProposal *proposal,
                                                      guint       position,
                                                      const char *building_id,
                                                      gboolean   *out_demolished);
/* Projected state of one baseline building after all proposals of a scenario. */
typedef struct
{
  WmDwellingMix dwellings;
  gboolean demolished;
} WmProjectedBuilding;

/* The projected state of every baseline building that a proposal of @scenario (NULL: the
 * active one) acts on, in one pass over the proposals (wm_projected_building_dwellings() walks
 * them once per building): a new table of building id (string) -> WmProjectedBuilding, both
 * owned by the table. Buildings no proposal touches are left out: they keep their baseline
 * dwellings. Ids of unknown buildings are left out too. */
GHashTable *wm_projected_building_table (WmPlan     *plan,
                                         WmScenario *scenario);
/* The same as of the end of @year: only the proposals completed by then
 * (wm_timeline_completed_by()); WM_INDICATOR_ALL_YEARS (0) gives wm_projected_building_table(). */
GHashTable *wm_projected_building_table_at_year (WmPlan     *plan,
                                                 WmScenario *scenario,
                                                 int         year);
gboolean wm_projected_facility_removed (WmPlan     *plan,
                                        WmScenario *scenario,
                                        guint       position,
                                        const char *facility_id);
/* Whether a proposal before @proposal (as in wm_projected_building_dwellings_before())
 * removes the facility. */
gboolean wm_projected_facility_removed_before (WmPlan     *plan,
                                               WmScenario *scenario,
                                               WmProposal *proposal,
                                               guint       position,
                                               const char *facility_id);
/* Dwellings per segment that demolishing @building_ids after all proposals would remove
 * (unknown, repeated and already demolished buildings count nothing): the demolish
 * confirmation. */
WmDwellingMix wm_projected_dwellings_lost (WmPlan             *plan,
                                           WmScenario         *scenario,
                                           const char *const  *building_ids);
/* The state of @building_id just before a new proposal of @year added at the end of the
 * scenario's list, where the factory places it: what a form for a new proposal shows. */
WmDwellingMix wm_projected_building_dwellings_in_year (WmPlan     *plan,
                                                       WmScenario *scenario,
                                                       int         year,
                                                       const char *building_id,
                                                       gboolean   *out_demolished);
/* As wm_projected_dwellings_lost(), for a new demolition of @year at its place in the plan's
 * order (what wm_proposal_factory_demolish() records): the demolish form's preview. */
WmDwellingMix wm_projected_dwellings_lost_in_year (WmPlan            *plan,
                                                   WmScenario        *scenario,
                                                   int                year,
                                                   const char *const *building_ids);
/* Baseline dwellings plus the deltas of all proposals of @scenario, whole plan. */
WmDwellingMix wm_projected_total_dwellings (WmPlan     *plan,
                                            WmScenario *scenario);

G_END_DECLS
