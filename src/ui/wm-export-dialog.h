/* wm-export-dialog.h: the choices of a map image (PNG) before its file is chosen
 *
 * Size (Full HD, 4K or custom pixels) and what the picture holds (the part of the map the window
 * shows, or the planning areas fitted into it). The housing colours follow the map: now or after
 * the plan, as the window shows them; the dialog says which.
 */
#pragma once

#include <adwaita.h>

#include "wm-indicator-engine.h"

G_BEGIN_DECLS

#define WM_TYPE_EXPORT_DIALOG (wm_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WmExportDialog, wm_export_dialog, WM, EXPORT_DIALOG, AdwWindow)

/* What the image shows. */
typedef enum
{
  WM_EXPORT_AREA_VIEW,  /* what the window shows, at least all of it */
  WM_EXPORT_AREA_PLAN,  /* the planning areas, fitted */
} WmExportArea;

/* The largest side the dialog takes: an image of 8192 × 8192 pixels is 256 MB while it is
 * drawn (the command line goes up to WM_EXPORT_MAX_SIDE). */
#define WM_EXPORT_DIALOG_MAX_PIXELS 8192

/* A modal dialog over @parent; @state: what the housing colours show on the map now. Emits
 * "export" when the user asks for the file chooser, then closes. */
WmExportDialog *wm_export_dialog_new (GtkWindow *parent, WmIndicatorState state);
/* Pixel size; a size that is not a preset selects "Custom". Clamped to 16 ..
 * WM_EXPORT_DIALOG_MAX_PIXELS. */
void wm_export_dialog_set_size (WmExportDialog *self, int width, int height);
void wm_export_dialog_get_size (WmExportDialog *self, int *width, int *height);
void wm_export_dialog_set_area (WmExportDialog *self, WmExportArea area);
WmExportArea wm_export_dialog_get_area (WmExportDialog *self);
/* What the Export button does: emits "export" and closes the dialog. */
void wm_export_dialog_accept (WmExportDialog *self);

G_END_DECLS
