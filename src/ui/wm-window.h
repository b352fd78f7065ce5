/* wm-window.h: a project window: header bar, map and side panel */
#pragma once

#include <adwaita.h>

#include "wm-application.h"
#include "wm-autosave.h"
#include "wm-document.h"
#include "wm-history.h"
#include "wm-indicator-engine.h"
#include "wm-inspector.h"
#include "wm-map-tools.h"
#include "wm-map-view.h"
#include "wm-plan.h"
#include "wm-proposal-list.h"

G_BEGIN_DECLS

#define WM_TYPE_WINDOW (wm_window_get_type ())
G_DECLARE_FINAL_TYPE (WmWindow, wm_window, WM, WINDOW, AdwApplicationWindow)

WmWindow *wm_window_new (WmApplication *application);

WmPlan *wm_window_get_plan (WmWindow *self);
/* The file the plan was opened from or saved to; NULL for the demo or a new plan. */
GFile *wm_window_get_file (WmWindow *self);
WmMapView *wm_window_get_map_view (WmWindow *self);
/* TRUE while the map says the project holds no neighbourhood data. */
gboolean wm_window_get_shows_empty_notice (WmWindow *self);
/* The indicator engine of the shown plan and its active scenario. */
WmIndicatorEngine *wm_window_get_engine (WmWindow *self);
/* The timeline bar under the map (a WmTimelineBar): the year the map and panels show. */
GtkWidget *wm_window_get_timeline_bar (WmWindow *self);

/* The open project: plan, file, history, engine, checklist, autosave and "modified". The
 * getters below forward to it. */
WmDocument *wm_window_get_document (WmWindow *self);
/* Shows @document (and autosaves it); the previous one keeps its recovery copy when it has
 * unsaved work. */
void wm_window_set_document (WmWindow *self, WmDocument *document);
/* Shows @plan as a new document; @file may be NULL (demo, new plan). */
void wm_window_set_plan (WmWindow *self, WmPlan *plan, GFile *file);
void wm_window_open_demo (WmWindow *self);
/* Loads @file in a worker thread; a failure is shown in a dialog and the current plan stays.
 * Meanwhile the map says what is loading and the window stays usable. */
void wm_window_open_file (WmWindow *self, GFile *file);
/* TRUE while a file opened with wm_window_open_file() is being read. */
gboolean wm_window_get_loading (WmWindow *self);
/* Opens the project named in the settings; FALSE when there is none or it no longer exists. */
gboolean wm_window_open_last_project (WmWindow *self);
void wm_window_choose_and_open (WmWindow *self);
/* Saves to @file and blocks until written (the Save actions save in a worker instead). */
gboolean wm_window_save_to (WmWindow *self, GFile *file, GError **error);

/* Every edit goes through the history of the shown plan (a new one per plan). */
WmHistory *wm_window_get_history (WmWindow *self);
/* The recovery copy of the shown plan. */
WmAutosave *wm_window_get_autosave (WmWindow *self);
WmMapTools *wm_window_get_map_tools (WmWindow *self);
WmInspector *wm_window_get_inspector (WmWindow *self);
WmProposalList *wm_window_get_proposal_list (WmWindow *self);
/* Unsaved changes: edits since the last save, or work restored and not saved yet. */
gboolean wm_window_get_modified (WmWindow *self);

/* Where recovery copies go: $WIJKMIX_RECOVERY_DIR, or NULL for the default. */
const char *wm_window_get_recovery_dir (void);
/* Offers to restore each recovery copy left by a crash (one dialog after the other);
 * FALSE when there is none. */
gboolean wm_window_offer_recovery (WmWindow *self);
/* Shows the plan of recovery entry @id, as unsaved work on its original file. */
gboolean wm_window_restore (WmWindow *self, const char *recovery_dir, const char *id,
                            GError **error);

/* Emitted after a load attempt: "plan-loaded" (gboolean success), and after a save by the Save
 * actions (in a worker): "plan-saved" (gboolean success). UI tests wait for them. */

G_END_DECLS
