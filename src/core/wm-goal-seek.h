/* wm-goal-seek.h: the dwelling mix with the fewest changes that meets every target band
 *
 * "Reach the targets" for one new build: among all mixes of the same number of dwellings,
 * find the one that puts every indicator with a band (wm-targets.h) inside its band, in the
 * whole neighbourhood or one area, and moves the fewest dwellings to another segment. When no
 * mix reaches every band, the mix with the smallest total gap, and which bands stay out of
 * reach and by how much. Exact: every integer mix is considered (branch and bound). Nothing is
 * applied: the result is a proposal for the user to accept or change. See docs/goal-seeking.md.
 */
#pragma once

#include "wm-indicator-engine.h"

G_BEGIN_DECLS

/* Above this many dwellings in the proposal the search is refused (TOO_LARGE): the number of
 * mixes grows as C(N + 4, 4), 70 million at 200 dwellings. The bounds cut nearly all of them,
 * but the search can still take a second at the limit (docs/goal-seeking.md): run it off the
 * main thread. */
#define WM_GOAL_SEEK_MAX_DWELLINGS 200

#define WM_GOAL_SEEK_ERROR (wm_goal_seek_error_quark ())
GQuark wm_goal_seek_error_quark (void);
typedef enum
{
  WM_GOAL_SEEK_ERROR_UNSUPPORTED,     /* not a new build (conversions come later) */
  WM_GOAL_SEEK_ERROR_NOT_IN_SCENARIO, /* the proposal is not in the engine's scenario */
  WM_GOAL_SEEK_ERROR_UNKNOWN_AREA,
  WM_GOAL_SEEK_ERROR_OUTSIDE_SCOPE,   /* the new build lies outside the area */
  WM_GOAL_SEEK_ERROR_NEGATIVE,        /* the proposal's mix has a negative count */
  WM_GOAL_SEEK_ERROR_TOO_LARGE,       /* more than WM_GOAL_SEEK_MAX_DWELLINGS */
  WM_GOAL_SEEK_ERROR_INCONSISTENT,    /* the search's own figures differ from the engine's */
} WmGoalSeekError;

/* One band judged at the proposed mix. */
typedef struct
{
  char *key;               /* target key, e.g. "share.social_rent" */
  WmTargetBand band;
  double value;            /* the indicator at the proposed mix (fraction or index) */
  double gap;              /* 0 inside the band, else the distance to the nearest bound */
  WmTargetVerdict verdict; /* wm_targets_judge() at @value (with the close margin) */
  /* Only for a band not reached: "Share of social rent: 27.5 %, 2.5 points below the minimum
   * of 30 %", translated; NULL otherwise. */
  char *description;
} WmGoalSeekBand;

typedef struct
{
  /* The proposals whose mix the search chose, with their current and proposed deltas (one
   * entry for a new build; a set of conversions will have one per conversion). */
  GPtrArray *proposals;  /* WmProposal, referenced */
  GArray *current;       /* WmDwellingMix per proposal */
  GArray *proposed;      /* WmDwellingMix per proposal, same totals as @current */
  char *area_id;         /* the scope; NULL for the whole neighbourhood */
  guint n_changes;       /* dwellings moved to another segment: L1(proposed - current) / 2 */
  gboolean reached;      /* every band judged is inside at @proposed */
  double total_gap;      /* sum of the gaps at @proposed (0 when reached) */
  GArray *bands;         /* WmGoalSeekBand, every band judged, in key order */
  guint64 n_evaluated;   /* mixes evaluated (the rest were cut off by the bound) */
} WmGoalSeekResult;

/* The best mix for the new build @proposal of @engine's scenario, judged in @area_id (NULL:
 * the whole neighbourhood). Bands with nothing to judge (no dwellings in the scope; no new
 * build for new_build_affordable_share) are left out, as in the indicator panel. NULL with a
 * WM_GOAL_SEEK_ERROR when the question cannot be answered. Changes nothing: @engine's counts
 * are replayed and restored (wm_indicator_engine_get_contributions) and no signal is emitted.
 * A later wm_goal_seek_conversions() will take a set of conversions and return the same
 * result. */
WmGoalSeekResult *wm_goal_seek_new_build (WmIndicatorEngine *engine, WmProposal *proposal,
                                          const char *area_id, GError **error);

/* The proposed mix of @proposal in @result (NULL when it is not in it). */
const WmDwellingMix *wm_goal_seek_result_get_proposed (WmGoalSeekResult *result,
                                                       WmProposal *proposal);

void wm_goal_seek_result_free (WmGoalSeekResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmGoalSeekResult, wm_goal_seek_result_free)

G_END_DECLS
