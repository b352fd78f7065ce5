/* wm-report.h: the PDF workshop report (A4 portrait) and the poster (A3 landscape)
 *
 * Made on the main thread: it copies what it shows (project, scenario, proposals with their
 * figures, the indicators per neighbourhood and area, the checklist, the assumptions, the
 * map as a WmMapScene) into plain data. Laying out, drawing and writing run on any thread,
 * so an export works in a GTask while the user goes on. The same pages go to print
 * (GtkPrintOperation draws wm_report_draw_page()) and to PDF.
 * Text follows the interface language (the caller's locale); numbers and dates per locale.
 */
#pragma once

#include <cairo.h>

#include "wm-document.h"
#include "wm-tile-renderer.h"

G_BEGIN_DECLS

typedef enum
{
  WM_REPORT_WORKSHOP, /* A4 portrait, many pages, bookmarks */
  WM_REPORT_POSTER,   /* A3 landscape, one page, readable from 2 m */
} WmReportKind;

typedef struct _WmReport WmReport;

/* @scenario NULL: the active one. @author: who made it (NULL: the user's real name).
 * @base_renderer (may be NULL): the live map's tile renderer, reused for the map. */
WmReport *wm_report_new (WmDocument *document, WmScenario *scenario, WmReportKind kind,
                         const char *author, WmTileRenderer *base_renderer);
WmReport *wm_report_ref (WmReport *self);
void wm_report_unref (WmReport *self);
WmReportKind wm_report_get_kind (WmReport *self);
/* Page size in points (1/72 inch). */
void wm_report_get_page_size (WmReport *self, double *width, double *height);
/* Lays the pages out (once; later calls return at once). Any thread, one at a time. */
guint wm_report_get_n_pages (WmReport *self);
/* Draws page @page (0-based) into @cr in points, origin top-left: a PDF surface or a print
 * context scaled to points. */
void wm_report_draw_page (WmReport *self, cairo_t *cr, guint page);

typedef void (*WmReportProgressFunc) (double fraction, gpointer user_data);

/* Writes the PDF (title, author, subject, creator and date in its metadata; bookmarks per
 * section; page numbers) through wm-file-commit: on an error or a cancel nothing at @path
 * changes. @progress (may be NULL) is called from this thread after each page. */
gboolean wm_report_write_pdf (WmReport *self, const char *path, WmReportProgressFunc progress,
                              gpointer user_data, GCancellable *cancellable, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmReport, wm_report_unref)

G_END_DECLS
