/* wm-plan-check.h: whether the proposals of a scenario fit together
 *
 * wm_proposal_factory_validate() checks one proposal against the state just before it. An edit
 * of one proposal can still break another: selling 6 of a block's 16 social-rent dwellings in
 * 2027 leaves a demolition of the block in 2030 removing 16 where 10 are left. This walks all
 * proposals of a scenario in the plan's order (wm-projection.h), with the same rules for a
 * building's dwellings, and finds every proposal that:
 *  - removes more dwellings of a segment from a building than it has just before (demolition,
 *    conversion, renovation, transformation, split/merge);
 *  - acts on a building that an earlier proposal demolishes, or demolishes it again;
 *  - transforms a building that has dwellings by then;
 *  - removes a facility an earlier proposal removes already;
 *  - names a building or facility the project does not have;
 *  - is a new build without a polygon footprint of positive area;
 *  - changes more than WM_PLAN_CHECK_MAX_DELTA dwellings of one segment (a typing error).
 * Each problem has a translated message naming the proposal (and its year), the building, the
 * segment and the figures, and the earlier proposal the figures follow from, e.g.
 * "“Block 12” (2030) demolishes 16 social rent dwellings in building 0221…, but after “Sale
 * of 6 homes” (2027) it has 10". Errors are in the WM_PROPOSAL_ERROR domain.
 *
 * The editing paths (factory, history, changes import) refuse a change that makes any proposal
 * inconsistent that was not before (wm_plan_check_change(); it walks only the proposals that
 * share a building or a removed facility with the change, and those naming their buildings,
 * so an edit costs about the same with 10 or 1,000 proposals); a plan that already holds
 * problems (a file from elsewhere) opens, its problems are reported, and edits that fix or
 * leave them are still possible.
 */
#pragma once

#include "wm-plan.h"
#include "wm-proposal.h"

G_BEGIN_DECLS

/* More dwellings of one segment changed by one proposal is taken as a typing error. */
#define WM_PLAN_CHECK_MAX_DELTA 100000

typedef struct
{
  WmScenario *scenario; /* owned reference */
  WmProposal *proposal; /* owned reference */
  int code;             /* a WmProposalError */
  char *message;        /* translated */
} WmPlanProblem;

void wm_plan_problem_free (WmPlanProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmPlanProblem, wm_plan_problem_free)

/* The problems of @proposals (WmProposal, in list order, as they would stand in @scenario of
 * @plan), in the plan's order: a new array of WmPlanProblem, empty when they fit together. At
 * most one problem per proposal. */
GPtrArray *wm_plan_check_proposals (WmPlan     *plan,
                                    WmScenario *scenario,
                                    GPtrArray  *proposals);
/* The problems of @scenario (NULL: the active one). */
GPtrArray *wm_plan_check_scenario (WmPlan     *plan,
                                   WmScenario *scenario);
/* The problems of every scenario of @plan, scenario by scenario. */
GPtrArray *wm_plan_check (WmPlan *plan);

/* Whether a change of @scenario (NULL: active) keeps it consistent:
 *  - insert: @original NULL, @changed inserted at list @position (WM_PROJECTED_ALL or past the
 *    end: appended);
 *  - edit: @original a proposal of @scenario, @changed its new values (e.g. an edited
 *    wm_proposal_factory_copy()); @position is ignored;
 *  - removal: @original a proposal of @scenario, @changed NULL.
 * Refused (FALSE with the problem's message) when @changed has a problem, or another
 * proposal has one it did not have before; problems the plan already had do not block it. */
gboolean wm_plan_check_change (WmPlan      *plan,
                               WmScenario  *scenario,
                               WmProposal  *original,
                               WmProposal  *changed,
                               guint        position,
                               GError     **error);
/* As wm_plan_check_change() for @proposals (WmProposal) appended to @scenario in this order;
 * @out_index: the index in @proposals of the one with the problem, or G_MAXUINT when the
 * problem is in a proposal of the scenario the appended ones break. */
gboolean wm_plan_check_append (WmPlan      *plan,
                               WmScenario  *scenario,
                               GPtrArray   *proposals,
                               guint       *out_index,
                               GError     **error);

G_END_DECLS
