/* wm-window.h: a project window: header bar, map and side panel */
#pragma once

#include <adwaita.h>

#include "wm-application.h"
#include "wm-indicator-engine.h"
#include "wm-map-view.h"
#include "wm-plan.h"

G_BEGIN_DECLS

#define WM_TYPE_WINDOW (wm_window_get_type ())
G_DECLARE_FINAL_TYPE (WmWindow, wm_window, WM, WINDOW, AdwApplicationWindow)

WmWindow *wm_window_new (WmApplication *application);

WmPlan *wm_window_get_plan (WmWindow *self);
/* The file the plan was opened from or saved to; NULL for the demo or a new plan. */
GFile *wm_window_get_file (WmWindow *self);
WmMapView *wm_window_get_map_view (WmWindow *self);
/* The indicator engine of the shown plan and its active scenario. */
WmIndicatorEngine *wm_window_get_engine (WmWindow *self);

/* Shows @plan; @file may be NULL (demo, new plan). */
void wm_window_set_plan (WmWindow *self, WmPlan *plan, GFile *file);
void wm_window_open_demo (WmWindow *self);
/* Loads @file in a worker thread; a failure is shown in a dialog and the current plan stays. */
void wm_window_open_file (WmWindow *self, GFile *file);
/* Opens the project named in the settings; FALSE when there is none or it no longer exists. */
gboolean wm_window_open_last_project (WmWindow *self);
void wm_window_choose_and_open (WmWindow *self);
gboolean wm_window_save_to (WmWindow *self, GFile *file, GError **error);

/* Emitted after a load attempt: "plan-loaded" (gboolean success). UI tests wait for it. */

G_END_DECLS
