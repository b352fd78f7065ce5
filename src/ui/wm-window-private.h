/* wm-window-private.h: parts of WmWindow split over several files */
#pragma once

#include "wm-window.h"

G_BEGIN_DECLS

/* wm-window-exchange.c: import and export of changes (JSON) and of the indicators. */
void wm_window_exchange_install_actions (GtkWidgetClass *widget_class);
/* Adds the proposals of a changes document to the active scenario as one undoable step;
 * nothing is added when any of them is refused. */
gboolean wm_window_import_changes (WmWindow *self, GFile *file, GError **error);
gboolean wm_window_export_changes (WmWindow *self, GFile *file, GError **error);
gboolean wm_window_export_indicators (WmWindow *self, GFile *file, GError **error);

/* wm-window.c: for the import dialogs. Shows @toast in the window's toast overlay. */
void wm_window_add_toast (WmWindow *self, AdwToast *toast);
/* Brings what was just imported into view: the whole plan when it was empty before
 * (@was_empty), else the map moves to @bounds (RD New) when they are out of sight. */
void wm_window_show_imported (WmWindow *self, const WmBounds *bounds, gboolean was_empty);
/* Lets the user draw the plan area's outline on the map (the new project's "draw a
 * boundary"): the closed polygon becomes an area "Plan area", one undoable step. */
void wm_window_draw_plan_area (WmWindow *self);
/* TRUE while that drawing is asked for. */
gboolean wm_window_get_drawing_plan_area (WmWindow *self);

G_END_DECLS
