/* wm-document.h: one open project: its plan, file, history, indicators, checklist, autosave
 *
 * A WmDocument is what a window shows and what the command line edits: the plan, the file it
 * came from (a WmProjectFile handle, so a save writes only what changed), the undo history,
 * the indicator engine that follows the active scenario, the checklist, the autosave, and
 * whether there is unsaved work ("modified": edits since the last save, or work restored
 * from a recovery copy and not saved since).
 *
 * Threading: the plan and every GObject here belong to the main thread. Loading reads the
 * file in a GTask worker and builds the document on the main thread when it is done. Saving
 * takes a WmProjectSnapshot on the main thread (a few milliseconds at most) and writes it in
 * a worker; edits made while the save runs stay "modified". One save runs at a time: a
 * second one while "busy" is refused with G_IO_ERROR_BUSY.
 */
#pragma once

#include <gio/gio.h>

#include "wm-autosave.h"
#include "wm-checklist.h"
#include "wm-history.h"
#include "wm-indicator-engine.h"
#include "wm-plan.h"

G_BEGIN_DECLS

#define WM_TYPE_DOCUMENT (wm_document_get_type ())
G_DECLARE_FINAL_TYPE (WmDocument, wm_document, WM, DOCUMENT, GObject)

/* @file NULL: untitled (the demo, a new plan). The document is not modified. */
WmDocument *wm_document_new (WmPlan *plan, GFile *file);
void wm_document_load_async (GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
WmDocument *wm_document_load_finish (GAsyncResult  *result,
                                     GError       **error);
/* Blocking: for the command line. */
WmDocument *wm_document_load (GFile   *file,
                              GError **error);

/* @file NULL: the document's own file; another file is Save As (the document then lives in
 * that file). An untitled document needs a @file. */
void wm_document_save_async (WmDocument          *self,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
gboolean wm_document_save_finish (WmDocument    *self,
                                  GAsyncResult  *result,
                                  GError       **error);
/* Blocking: for the command line. */
gboolean wm_document_save (WmDocument  *self,
                           GFile       *file,
                           GError     **error);

WmPlan *wm_document_get_plan (WmDocument *self);
/* Property "file"; NULL: untitled. */
GFile *wm_document_get_file (WmDocument *self);
WmHistory *wm_document_get_history (WmDocument *self);
/* Follows the plan's active scenario. */
WmIndicatorEngine *wm_document_get_engine (WmDocument *self);
WmChecklist *wm_document_get_checklist (WmDocument *self);
/* Why the catalogue the plan carries could not be used (the built-in one is), or NULL. */
const GError *wm_document_get_catalogue_error (WmDocument *self);
/* NULL until enabled. */
WmAutosave *wm_document_get_autosave (WmDocument *self);
/* Starts autosaving to @recovery_dir (NULL: the default); again: nothing changes. */
void wm_document_enable_autosave (WmDocument *self,
                                  const char *recovery_dir);
/* Property "modified". */
gboolean wm_document_get_modified (WmDocument *self);
/* The plan is work restored from a recovery copy: modified until it is saved. */
void wm_document_mark_restored (WmDocument *self);
/* Property "busy": a save runs. */
gboolean wm_document_get_busy (WmDocument *self);

G_END_DECLS
