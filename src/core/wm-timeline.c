/* wm-timeline.c: the plan over the years */
#include "config.h"

#include "wm-timeline.h"

gboolean
wm_timeline_completed_by (WmProposal *proposal,
                          int         year)
{
  int done;

  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);

  if (year == 0)
    return TRUE;
  done = wm_proposal_get_year (proposal);
  return done != 0 && done <= year;
}

WmTimelineStage
wm_timeline_stage_at (WmProposal *proposal,
                      int         year)
{
  int start;

  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), WM_TIMELINE_NOT_STARTED);

  if (wm_timeline_completed_by (proposal, year))
    return WM_TIMELINE_COMPLETED;
  start = wm_proposal_get_effective_start_year (proposal);
  return start != 0 && start <= year ? WM_TIMELINE_UNDER_WAY : WM_TIMELINE_NOT_STARTED;
}

static gboolean
scenario_range (WmScenario *scenario,
                int        *first,
                int        *last)
{
  GListModel *proposals = wm_scenario_get_proposals (scenario);
  gboolean any = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (WmProposal) p = g_list_model_get_item (proposals, i);
      int done = wm_proposal_get_year (p);
      int start = wm_proposal_get_effective_start_year (p);

      if (done == 0)
        continue;
      start = start != 0 ? MIN (start, done) : done;
      *first = any ? MIN (*first, start) : start;
      *last = any ? MAX (*last, done) : done;
      any = TRUE;
    }
  return any;
}

gboolean
wm_timeline_get_range (WmPlan     *plan,
                       WmScenario *scenario,
                       int        *out_first,
                       int        *out_last)
{
  int first = 0, last = 0;
  gboolean any;

  g_return_val_if_fail (WM_IS_PLAN (plan), FALSE);

  if (scenario == NULL)
    scenario = wm_plan_get_active_scenario (plan);
  any = scenario != NULL && scenario_range (scenario, &first, &last);
  if (out_first != NULL)
    *out_first = any ? first : 0;
  if (out_last != NULL)
    *out_last = any ? last : 0;
  return any;
}

gboolean
wm_timeline_get_plan_range (WmPlan *plan,
                            int    *out_first,
                            int    *out_last)
{
  GListModel *scenarios;
  int first = 0, last = 0;
  gboolean any = FALSE;

  g_return_val_if_fail (WM_IS_PLAN (plan), FALSE);

  scenarios = wm_plan_get_scenarios (plan);
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr (WmScenario) s = g_list_model_get_item (scenarios, i);
      int f, l;

      if (!scenario_range (s, &f, &l))
        continue;
      first = any ? MIN (first, f) : f;
      last = any ? MAX (last, l) : l;
      any = TRUE;
    }
  if (out_first != NULL)
    *out_first = any ? first : 0;
  if (out_last != NULL)
    *out_last = any ? last : 0;
  return any;
}

guint
wm_timeline_count_undated (WmPlan     *plan,
                           WmScenario *scenario)
{
  GListModel *proposals;
  guint n = 0;

  g_return_val_if_fail (WM_IS_PLAN (plan), 0);

  if (scenario == NULL)
    scenario = wm_plan_get_active_scenario (plan);
  if (scenario == NULL)
    return 0;
  proposals = wm_scenario_get_proposals (scenario);
  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (WmProposal) p = g_list_model_get_item (proposals, i);

      n += wm_proposal_get_year (p) == 0;
    }
  return n;
}
