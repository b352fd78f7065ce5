/* wm-goal-seek-dialog.h: "Reach the Targets": the mix with the fewest changes, for the user to
 * accept or change
 *
 * For a new build, or a tenure conversion (alone, or with every conversion of the scenario in
 * the scope), in the whole neighbourhood or one area. The search (wm-goal-seek.h) runs in a
 * worker with a spinner and Cancel; the dialog then shows the mix now and proposed per segment,
 * each band with its value and verdict, how many dwellings move, or which bands stay out of
 * reach and by how much. Nothing changes until "Apply This Mix": one undoable step. The
 * proposed counts of a single proposal can be edited first; the bands are judged again.
 */
#pragma once

#include <adwaita.h>

#include "wm-goal-seek.h"
#include "wm-history.h"
#include "wm-indicator-engine.h"

G_BEGIN_DECLS

#define WM_TYPE_GOAL_SEEK_DIALOG (wm_goal_seek_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WmGoalSeekDialog, wm_goal_seek_dialog, WM, GOAL_SEEK_DIALOG, AdwWindow)

/* A modal dialog over @parent for @proposal (a new build or a conversion of @engine's scenario);
 * edits go through @history. The search starts at once. Signal "search-finished" (no
 * arguments): a search ended with a result or a message (not when cancelled or replaced). */
WmGoalSeekDialog *wm_goal_seek_dialog_new (GtkWindow *parent, WmIndicatorEngine *engine,
                                           WmHistory *history, WmProposal *proposal);
/* Whether the inspector offers the search for @proposal: FALSE for other kinds and for a
 * renovation without a segment change; for a new build or conversion over
 * WM_GOAL_SEEK_MAX_DWELLINGS too, with the reason in @out_reason (translated, may be NULL):
 * then the button is shown greyed with the reason. */
gboolean wm_goal_seek_dialog_can_seek (WmProposal *proposal, char **out_reason);

/* The scope: NULL for the whole neighbourhood, or an area id. Starts a new search. */
void wm_goal_seek_dialog_set_area (WmGoalSeekDialog *self, const char *area_id);
const char *wm_goal_seek_dialog_get_area (WmGoalSeekDialog *self);
/* For a conversion: every conversion of the scenario in the scope (TRUE), or this one. */
void wm_goal_seek_dialog_set_all_conversions (WmGoalSeekDialog *self, gboolean all);
gboolean wm_goal_seek_dialog_get_searching (WmGoalSeekDialog *self);
/* The search's result (NULL while searching or after a message); the message shown instead. */
WmGoalSeekResult *wm_goal_seek_dialog_get_result (WmGoalSeekDialog *self);
const char *wm_goal_seek_dialog_get_message (WmGoalSeekDialog *self);
/* The proposed mix the table shows now (with the user's edits): the sum of the proposals'
 * deltas. FALSE without a result. */
gboolean wm_goal_seek_dialog_get_shown_mix (WmGoalSeekDialog *self, WmDwellingMix *out_mix);
/* The spin button of the proposed count of @segment (single proposal only), or NULL. */
GtkSpinButton *wm_goal_seek_dialog_get_count_spin (WmGoalSeekDialog *self, WmSegment segment);
GtkWidget *wm_goal_seek_dialog_get_apply_button (WmGoalSeekDialog *self);
GtkWidget *wm_goal_seek_dialog_get_cancel_button (WmGoalSeekDialog *self);

G_END_DECLS
