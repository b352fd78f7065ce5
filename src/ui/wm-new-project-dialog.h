/* wm-new-project-dialog.h: "New Project from Data…"
 *
 * Step 1, the neighbourhood: buurten or wijken checked in a CBS file (searchable by name or
 * code), or a boundary drawn on the map after the project opens. Step 2, the files (BAG, BGT,
 * property list, …). Create reads them in order in workers, areas first and everything else
 * clipped to them, into a new untitled document, and shows it in a new window. Cancel
 * discards it all.
 */
#pragma once

#include <adwaita.h>

#include "wm-application.h"
#include "wm-window.h"

G_BEGIN_DECLS

#define WM_TYPE_NEW_PROJECT_DIALOG (wm_new_project_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WmNewProjectDialog, wm_new_project_dialog, WM, NEW_PROJECT_DIALOG, AdwWindow)

/* @parent may be NULL. */
WmNewProjectDialog *wm_new_project_dialog_new (WmApplication *application, GtkWindow *parent);

/* The step shown: "area", "files", "progress". */
const char *wm_new_project_dialog_get_page (WmNewProjectDialog *self);

/* Step 1. Reads @file's buurten/wijken in a worker ("areas-loaded" (gboolean success)). Tests
 * use it; the button opens the native chooser. */
void wm_new_project_dialog_set_cbs_file (WmNewProjectDialog *self, GFile *file);
/* The text typed in the search entry (filters by name or code as typed). */
void wm_new_project_dialog_set_search (WmNewProjectDialog *self, const char *text);
/* Rows shown under the current search, and the code of the @index-th shown. */
guint wm_new_project_dialog_get_n_shown (WmNewProjectDialog *self);
const char *wm_new_project_dialog_get_shown_code (WmNewProjectDialog *self, guint index);
/* Checks or unchecks the area with @code, as its check box does; FALSE when there is none. */
gboolean wm_new_project_dialog_set_checked (WmNewProjectDialog *self, const char *code,
                                            gboolean checked);
guint wm_new_project_dialog_get_n_checked (WmNewProjectDialog *self);
/* Draw the boundary on the map instead of taking CBS areas. */
void wm_new_project_dialog_set_draw_boundary (WmNewProjectDialog *self, gboolean draw);

/* Step 2: the files, imported in this order after the areas. */
void wm_new_project_dialog_next (WmNewProjectDialog *self);
void wm_new_project_dialog_add_file (WmNewProjectDialog *self, GFile *file);
void wm_new_project_dialog_remove_file (WmNewProjectDialog *self, guint index);
guint wm_new_project_dialog_get_n_files (WmNewProjectDialog *self);

/* Create and Cancel. */
void wm_new_project_dialog_create (WmNewProjectDialog *self);
void wm_new_project_dialog_cancel (WmNewProjectDialog *self);
const char *wm_new_project_dialog_get_error (WmNewProjectDialog *self);

/* Signals: "areas-loaded" (gboolean success); "progress" (double); "project-created"
 * (WmWindow *window, or NULL when cancelled or failed): after Create ended. */

G_END_DECLS
