/* wm-timeline.h: the plan over the years
 *
 * A proposal is under way from its start year (wm_proposal_get_effective_start_year()) and
 * counts for the stock from the end of its completion year. "As of year Y" means the end of
 * Y: the proposals completed in Y or before count, those started by then are under way. A
 * proposal without a completion year (0) is in no year of the timeline; it counts only for
 * the whole plan (WM_INDICATOR_ALL_YEARS).
 */
#pragma once

#include "wm-plan.h"
#include "wm-proposal.h"

G_BEGIN_DECLS

typedef enum
{
  WM_TIMELINE_NOT_STARTED,
  WM_TIMELINE_UNDER_WAY,
  WM_TIMELINE_COMPLETED,
} WmTimelineStage;

/* TRUE when @proposal counts for the stock at the end of @year: @year is 0 (the whole plan),
 * or the proposal has a completion year <= @year. */
gboolean wm_timeline_completed_by (WmProposal *proposal, int year);
/* Where @proposal stands at the end of @year (0: the whole plan, where every proposal is
 * completed). */
WmTimelineStage wm_timeline_stage_at (WmProposal *proposal, int year);
/* The first (earliest start or completion year) and last (latest completion year) year of the
 * dated proposals of @scenario (NULL: the active one). FALSE, both 0, without any. */
gboolean wm_timeline_get_range (WmPlan *plan, WmScenario *scenario, int *out_first,
                                int *out_last);
/* The same over every scenario of @plan (the comparison's common axis). */
gboolean wm_timeline_get_plan_range (WmPlan *plan, int *out_first, int *out_last);
/* Proposals of @scenario (NULL: the active one) without a completion year. */
guint wm_timeline_count_undated (WmPlan *plan, WmScenario *scenario);

G_END_DECLS
