/* wm-window-private.h: parts of WmWindow split over several files */
#pragma once

#include "wm-comparison-view.h"
#include "wm-export-dialog.h"
#include "wm-export.h"
#include "wm-print-operation.h"
#include "wm-window.h"

G_BEGIN_DECLS

/* wm-window-exchange.c: import and export of changes (JSON) and of the indicators (the
 * Export menu chooses the files of the two exports). */
void wm_window_exchange_install_actions (GtkWidgetClass *widget_class);
/* Adds the proposals of a changes document to the active scenario as one undoable step;
 * nothing is added when any of them is refused. */
gboolean wm_window_import_changes (WmWindow *self, GFile *file, GError **error);
gboolean wm_window_export_changes (WmWindow *self, GFile *file, GError **error);
gboolean wm_window_export_indicators (WmWindow *self, GFile *file, GError **error);

/* wm-window-export.c: the Export menu's actions (win.export-report, -poster, -png, -csv,
 * -checklist-csv, -xlsx, -gpkg, -geojson, -changes, -indicators, win.print,
 * win.show-export-menu) and the signal "export-finished" (GFile *file, gboolean written) of
 * the exports that run in a worker. */
void wm_window_export_install_actions (GtkWidgetClass *widget_class);
/* What the actions do once the file is chosen (tests call it directly, past the native
 * chooser): writes @format to @file in a worker from a copy of the document made now, with a
 * progress toast, then a toast with "Open" or a dialog naming the file and the problem; emits
 * "export-finished" at the end. The map image uses the choices last made in its dialog and the
 * map's view. FALSE when nothing was started: no document, another export still runs, or the
 * file is refused at once (not local, the project's own file: a dialog says so and
 * "export-finished" is emitted). */
gboolean wm_window_export_to_file (WmWindow *self, WmExportFormat format, GFile *file);
/* TRUE from wm_window_export_to_file() until its "export-finished". */
gboolean wm_window_export_get_running (WmWindow *self);
/* Exports still running in workers, in every window (a closed window cancels its export; the
 * application stays until the worker has cleaned up). */
guint wm_window_export_get_n_running_jobs (void);
/* Cancels the running export, if any: nothing is written. */
void wm_window_export_cancel (WmWindow *self);
/* The progress toast shows when an export still runs @delay_ms after it started (400 by
 * default; tests set 0); NULL while it is not shown. Its custom title holds the file's name
 * and a GtkProgressBar; its button cancels. */
void wm_window_export_set_progress_delay (WmWindow *self, guint delay_ms);
AdwToast *wm_window_export_get_progress_toast (WmWindow *self);
/* "Otterlo - Plan A.pdf", "Otterlo - Plan A - indicators.csv", "Otterlo.xlsx" (every
 * scenario). */
char *wm_window_export_suggest_name (WmWindow *self, WmExportFormat format);
/* @file, or a file beside it with @format's extension appended when its name lacks it. */
GFile *wm_window_export_add_extension (GFile *file, WmExportFormat format);
/* The map image's options dialog as win.export-png shows it (shown; owned by GTK). */
WmExportDialog *wm_window_export_show_png_dialog (WmWindow *self);
/* The print operation win.print runs (with the last print settings), not yet run. */
WmPrintOperation *wm_window_export_new_print_operation (WmWindow *self, WmReportKind kind);
/* The operation win.print started, from its dialog until its "done"; else NULL. */
GtkPrintOperation *wm_window_export_get_printing (WmWindow *self);

/* wm-window.c: the comparison window win.compare-scenarios opened (Ctrl+Shift+K), while it is
 * open; else NULL. */
WmComparisonView *wm_window_get_comparison_view (WmWindow *self);

/* wm-window.c: the header bar's Export menu button (its menu model is the Export menu). */
GtkMenuButton *wm_window_get_export_button (WmWindow *self);

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
