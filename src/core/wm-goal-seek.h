/* wm-goal-seek.h: the dwelling mix with the fewest changes that meets every target band
 *
 * "Reach the targets" for one new build, or for a set of tenure conversions: among all mixes of
 * the same number of dwellings (for conversions: all destinations of the dwellings they take
 * out of their segments), find the one that puts every indicator with a band (wm-targets.h)
 * inside its band, in the whole neighbourhood or one area, and moves the fewest dwellings to
 * another segment. When no mix reaches every band, the mix with the smallest total gap, and
 * which bands stay out of reach and by how much. Exact: every integer mix is considered (branch
 * and bound). Nothing is applied: the result is a proposal for the user to accept or change.
 * See docs/goal-seeking.md.
 *
 * Off the main thread: wm_goal_seek_problem_new_build() / _conversions() copy what the search
 * needs from the engine on the main thread into a WmGoalSeekProblem (plain data); then
 * wm_goal_seek_problem_solve() runs on any thread (a GTask worker), with a GCancellable.
 * wm_goal_seek_new_build() and wm_goal_seek_conversions() do both at once.
 */
#pragma once

#include "wm-history.h"
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
  WM_GOAL_SEEK_ERROR_UNSUPPORTED,     /* not a new build (not a conversion or renovation that
                                       * moves dwellings between segments; an empty set) */
  WM_GOAL_SEEK_ERROR_NOT_IN_SCENARIO, /* the proposal is not in the engine's scenario */
  WM_GOAL_SEEK_ERROR_UNKNOWN_AREA,
  WM_GOAL_SEEK_ERROR_OUTSIDE_SCOPE,   /* the new build (every conversion) lies outside the area */
  WM_GOAL_SEEK_ERROR_NEGATIVE,        /* the proposal's mix has a negative count */
  WM_GOAL_SEEK_ERROR_TOO_LARGE,       /* more than WM_GOAL_SEEK_MAX_DWELLINGS */
  WM_GOAL_SEEK_ERROR_INCONSISTENT,    /* the search's own figures differ from the engine's */
  WM_GOAL_SEEK_ERROR_NOT_COUNTED,     /* not counted at the engine's year, or (every
                                       * conversion) its building is demolished in the plan */
  WM_GOAL_SEEK_ERROR_MIX,             /* wm_goal_seek_problem_judge(): a mix that does not fit */
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
   * entry for a new build; one per conversion for a set of conversions, in the order given). */
  GPtrArray *proposals;  /* WmProposal, referenced */
  GArray *current;       /* WmDwellingMix per proposal: its dwelling delta */
  GArray *proposed;      /* WmDwellingMix per proposal: same totals as @current, and for a
                          * conversion the same negative part (the dwellings it takes out) */
  char *area_id;         /* the scope; NULL for the whole neighbourhood */
  /* Dwellings moved to another segment, in the mix of all the proposals together:
   * L1(sum proposed - sum current) / 2. The split over the proposals keeps as many of each
   * one's current destinations as it can, so per proposal it can be more in odd cases
   * (docs/goal-seeking.md). */
  guint n_changes;
  gboolean reached;      /* every band judged is inside at @proposed */
  double total_gap;      /* sum of the gaps at @proposed (0 when reached) */
  GArray *bands;         /* WmGoalSeekBand, every band judged, in key order */
  guint64 n_evaluated;   /* mixes evaluated (the rest were cut off by the bound) */
} WmGoalSeekResult;

/* The best mix for the new build @proposal of @engine's scenario, judged in @area_id (NULL:
 * the whole neighbourhood) at the engine's year. Bands with nothing to judge (no dwellings in
 * the scope; no new build for new_build_affordable_share) are left out, as in the indicator
 * panel. NULL with a WM_GOAL_SEEK_ERROR when the question cannot be answered. Changes
 * nothing: @engine's counts are replayed and restored (wm_indicator_engine_get_contributions)
 * and no signal is emitted. */
WmGoalSeekResult *wm_goal_seek_new_build (WmIndicatorEngine *engine, WmProposal *proposal,
                                          const char *area_id, GError **error);

/* The best destinations for the tenure conversions (WM_PROPOSAL_CONVERT_TENURE; also
 * WM_PROPOSAL_RENOVATE with a segment change) @proposals[0 .. @n - 1] of @engine's scenario:
 * each keeps the dwellings it takes out of its segments (the negative part of its delta) and
 * their number; the search chooses the segments they go into (never one they come from). The
 * result has one entry per proposal, in the order given. Conversions that change nothing in
 * the scope keep their mix (proposed = current): outside the area, a building demolished in
 * the plan, a renovation without a segment change; when no conversion is left the answer is
 * an error (OUTSIDE_SCOPE, NOT_COUNTED, UNSUPPORTED). Otherwise as wm_goal_seek_new_build(). */
WmGoalSeekResult *wm_goal_seek_conversions (WmIndicatorEngine *engine, WmProposal **proposals,
                                            guint n, const char *area_id, GError **error);

/* The question as plain data: what the engine says about the scope without the proposals'
 * choice, the bands and the proposals' current mixes (a copy of the targets; the proposals are
 * referenced but never read after this). Made on the main thread; solved on any thread. */
typedef struct _WmGoalSeekProblem WmGoalSeekProblem;

WmGoalSeekProblem *wm_goal_seek_problem_new_build (WmIndicatorEngine *engine,
                                                   WmProposal *proposal, const char *area_id,
                                                   GError **error);
WmGoalSeekProblem *wm_goal_seek_problem_conversions (WmIndicatorEngine *engine,
                                                     WmProposal **proposals, guint n,
                                                     const char *area_id, GError **error);
/* The search. Thread-safe for distinct problems (one problem is not solved twice at once).
 * NULL with G_IO_ERROR_CANCELLED when @cancellable (may be NULL) is cancelled meanwhile. */
WmGoalSeekResult *wm_goal_seek_problem_solve (WmGoalSeekProblem *problem,
                                              GCancellable *cancellable, GError **error);
/* The verdicts at a mix chosen by hand (@proposed: one delta per proposal of the problem, in
 * its order; e.g. the search's proposal after editing): a result as the search's, with
 * n_evaluated 1. NULL with WM_GOAL_SEEK_ERROR_MIX when a mix does not keep its proposal's
 * total, has a negative count (new build), or changes what a conversion takes out or puts
 * dwellings back into a segment it takes them from. */
WmGoalSeekResult *wm_goal_seek_problem_judge (WmGoalSeekProblem *problem,
                                              const WmDwellingMix *proposed, GError **error);
/* The proposals of the problem (transfer none), @n_proposals set to their number. */
WmProposal **wm_goal_seek_problem_get_proposals (WmGoalSeekProblem *problem, guint *n_proposals);
/* Dwellings whose segment the search chooses (a new build's; the positive parts of the
 * conversions that count in the scope). */
guint wm_goal_seek_problem_get_n_dwellings (WmGoalSeekProblem *problem);
/* Whether segment @segment may receive dwellings of proposal @index (for a conversion: not a
 * segment it takes dwellings from). */
gboolean wm_goal_seek_problem_segment_allowed (WmGoalSeekProblem *problem, guint index,
                                               WmSegment segment);
/* A problem is shared between the dialog and its worker: _ref() adds a reference (atomic),
 * _free() drops one and frees the problem with the last. */
WmGoalSeekProblem *wm_goal_seek_problem_ref (WmGoalSeekProblem *problem);
void wm_goal_seek_problem_free (WmGoalSeekProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmGoalSeekProblem, wm_goal_seek_problem_free)

/* Accepts a mix through @history as one undoable step labelled "Reach the targets": each
 * proposal of @result whose mix changes gets @proposed[i] (NULL: @result->proposed) with
 * wm_history_set_proposal_delta(). All or nothing: when one is refused (a later proposal of
 * the plan stands on the old mix) the ones already set are undone and FALSE returned with the
 * refusal. TRUE without a step when nothing changes. */
gboolean wm_goal_seek_result_apply (WmGoalSeekResult *result, WmHistory *history,
                                    const WmDwellingMix *proposed, GError **error);

/* The proposed mix of @proposal in @result (NULL when it is not in it). */
const WmDwellingMix *wm_goal_seek_result_get_proposed (WmGoalSeekResult *result,
                                                       WmProposal *proposal);

void wm_goal_seek_result_free (WmGoalSeekResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmGoalSeekResult, wm_goal_seek_result_free)

G_END_DECLS
