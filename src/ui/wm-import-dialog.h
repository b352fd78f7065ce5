/* wm-import-dialog.h: "Add Data…": a file's layers into the open project
 *
 * Steps: choose a file, see its layers with what each was recognised as (changeable), check
 * or set the field mapping, import with a progress bar and Cancel. The read runs in a worker
 * (wm_import_read_async); only when it is complete is the result applied to the window's
 * document, as one undoable step. Cancel or an error leaves the project as it was.
 */
#pragma once

#include <adwaita.h>

#include "wm-import.h"
#include "wm-window.h"

G_BEGIN_DECLS

#define WM_TYPE_IMPORT_DIALOG (wm_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WmImportDialog, wm_import_dialog, WM, IMPORT_DIALOG, AdwWindow)

/* A dialog transient for @window that imports into the window's document. */
WmImportDialog *wm_import_dialog_new (WmWindow *window);
/* Opens the file chooser (GtkFileChooserNative). */
void wm_import_dialog_choose_file (WmImportDialog *self);
/* Uses @file as if chosen: probes it in a worker, then shows its layers ("probed" (gboolean
 * success) when done). Tests use it; the native chooser cannot be driven. */
void wm_import_dialog_set_file (WmImportDialog *self, GFile *file);
/* Where field mappings are remembered (NULL: the user's data folder); for tests. */
void wm_import_dialog_set_mapping_dir (WmImportDialog *self, const char *dir);

/* The step shown: "choose", "probing", "layers", "fields", "progress". */
const char *wm_import_dialog_get_page (WmImportDialog *self);

/* The layers found, in the order of the file. */
guint wm_import_dialog_get_n_layers (WmImportDialog *self);
const char *wm_import_dialog_get_layer_name (WmImportDialog *self, guint layer);
/* What @layer is to be imported as; @basemap_class (may be NULL) gets the base map class or
 * -1. FALSE when the layer is skipped. */
gboolean wm_import_dialog_get_layer_kind (WmImportDialog *self, guint layer, WmImportAs *as,
                                          int *basemap_class);
/* Chooses, as the layer's drop-down does; @as WM_IMPORT_AS_AUTO skips the layer. */
void wm_import_dialog_set_layer_kind (WmImportDialog *self, guint layer, WmImportAs as,
                                      int basemap_class);
/* The field mapping step: shows it, and sets the field of @role of @layer through its drop-down
 * (@field NULL: none). FALSE when the page has no such role or the layer no such field. */
void wm_import_dialog_show_fields (WmImportDialog *self);
gboolean wm_import_dialog_set_field (WmImportDialog *self, guint layer, const char *role,
                                     const char *field);
/* The field shown for @role of @layer on the mapping page, or NULL. */
const char *wm_import_dialog_get_field (WmImportDialog *self, guint layer, const char *role);
/* BAG: also buildings under construction. */
void wm_import_dialog_set_include_construction (WmImportDialog *self, gboolean include);

/* Presses Import / Cancel. Cancel during an import stops it; the project stays as it was. */
void wm_import_dialog_start (WmImportDialog *self);
void wm_import_dialog_cancel (WmImportDialog *self);
/* TRUE while the import runs. */
gboolean wm_import_dialog_get_busy (WmImportDialog *self);
/* The message of the last failure shown, or NULL. */
const char *wm_import_dialog_get_error (WmImportDialog *self);
/* The summary shown in the window's toast after the last import, or NULL. */
const char *wm_import_dialog_get_summary (WmImportDialog *self);

/* Signals: "probed" (gboolean success); "progress" (double fraction, on the main thread, after
 * the bar moved); "import-finished" (gboolean applied): after the result was applied, an error
 * was shown, or the import was cancelled. */

G_END_DECLS
