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

G_END_DECLS
