/* wm-print-operation.h: prints the workshop report or the poster, the same pages as the PDF
 *
 * A GtkPrintOperation that draws wm_report_draw_page() into the print context, in points and
 * scaled to fit the paper the user picks (1:1 on the report's own paper: A4 portrait for the
 * report, A3 landscape for the poster, the defaults). The print dialog has a tab to choose
 * between the two; the page orientation follows the choice.
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-document.h"
#include "wm-report.h"
#include "wm-tile-renderer.h"

G_BEGIN_DECLS

#define WM_TYPE_PRINT_OPERATION (wm_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (WmPrintOperation, wm_print_operation, WM, PRINT_OPERATION,
                      GtkPrintOperation)

/* Main thread. @scenario NULL: the active one. @base_renderer (may be NULL) as in
 * wm_report_new(). The report of @kind is made at once (a copy of the plan as it is now). */
WmPrintOperation *wm_print_operation_new (WmDocument *document, WmScenario *scenario,
                                          WmReportKind kind, WmTileRenderer *base_renderer);
/* Which pages are printed; set by the dialog's tab. A kind not made yet makes its report then
 * (the print dialog is modal, so the plan is still as it was) and sets the default page
 * setup. */
void wm_print_operation_set_kind (WmPrintOperation *self, WmReportKind kind);
WmReportKind wm_print_operation_get_kind (WmPrintOperation *self);
/* The report printed. */
WmReport *wm_print_operation_get_report (WmPrintOperation *self);
/* The page setup a report of @kind is laid out for (A4 portrait or A3 landscape). */
GtkPageSetup *wm_print_operation_new_page_setup (WmReportKind kind);

G_END_DECLS
