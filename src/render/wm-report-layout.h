/* wm-report-layout.h: pages of text, tables and drawings, laid out once and drawn many times
 *
 * A small composer for the report and the poster: a cursor flows down the page between the
 * margins; headings keep with what follows them and become bookmarks; tables split over pages
 * and repeat their header; a drawing (map, chart) is a callback placed in a rectangle. Text is
 * measured with its own Pango font map at 72 dpi without hinted metrics, so the pages are the
 * same on a PDF surface, an image and a print context, from any thread (one at a time).
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "wm-report-table.h"

G_BEGIN_DECLS

typedef struct _WmReportLayout WmReportLayout;

/* Draws into the @width x @height rectangle at (@x, @y), in points. */
typedef void (*WmReportDrawFunc) (cairo_t *cr, double x, double y, double width, double height,
                                  gpointer user_data);

typedef struct
{
  int level;     /* 1: section, 2: subsection */
  char *title;
  guint page;
  double y;
  int parent;    /* index of the entry one level up, or -1 */
} WmReportOutlineEntry;

/* Text styles: a Pango font description string ("Sans Bold 14") and a colour. */
typedef struct
{
  const char *font;
  guint32 colour;
  WmReportAlign align;
} WmReportTextStyle;

WmReportLayout *wm_report_layout_new (double page_width, double page_height, double margin_left,
                                      double margin_top, double margin_right,
                                      double margin_bottom);
void wm_report_layout_free (WmReportLayout *self);

void wm_report_layout_get_page_size (WmReportLayout *self, double *width, double *height);
guint wm_report_layout_get_n_pages (WmReportLayout *self);
/* Every item placed on @page, in order. */
void wm_report_layout_draw_page (WmReportLayout *self, cairo_t *cr, guint page);

/* The flow: content box, cursor and page. */
double wm_report_layout_get_left (WmReportLayout *self);
double wm_report_layout_get_width (WmReportLayout *self);
double wm_report_layout_get_top (WmReportLayout *self);
double wm_report_layout_get_bottom (WmReportLayout *self);
double wm_report_layout_get_y (WmReportLayout *self);
void wm_report_layout_set_y (WmReportLayout *self, double y);
void wm_report_layout_add_space (WmReportLayout *self, double height);
guint wm_report_layout_get_page (WmReportLayout *self);
/* Starts a new page (the first call makes page 0). */
void wm_report_layout_new_page (WmReportLayout *self);
/* Makes @page (already made) the one items are placed on, as for footers after the flow;
 * the cursor stays where it is. */
void wm_report_layout_select_page (WmReportLayout *self, guint page);
/* A new page unless @height fits below the cursor (or the cursor is at the top); TRUE when
 * it broke the page. */
gboolean wm_report_layout_ensure_space (WmReportLayout *self, double height);

/* Height of @text (markup when @markup) wrapped at @width. */
double wm_report_layout_measure_text (WmReportLayout *self, const char *text, gboolean markup,
                                      const WmReportTextStyle *style, double width);
/* Width of @text on one line. */
double wm_report_layout_measure_text_width (WmReportLayout *self, const char *text,
                                            gboolean markup, const WmReportTextStyle *style);
/* Places text on the current page at (@x, @y), wrapped at @width; returns its height. */
double wm_report_layout_add_text (WmReportLayout *self, double x, double y, double width,
                                  const char *text, gboolean markup,
                                  const WmReportTextStyle *style);
/* A paragraph at the cursor over the full width (a new page first when it does not fit);
 * moves the cursor below it plus @space_after. */
void wm_report_layout_add_paragraph (WmReportLayout *self, const char *text, gboolean markup,
                                     const WmReportTextStyle *style, double space_after);
/* A heading (level 1 or 2) at the cursor, kept with @keep_with points of what follows, and
 * an outline entry for the bookmarks. */
void wm_report_layout_add_heading (WmReportLayout *self, int level, const char *text,
                                   double keep_with);
void wm_report_layout_add_rect (WmReportLayout *self, double x, double y, double width,
                                double height, guint32 colour);
void wm_report_layout_add_line (WmReportLayout *self, double x0, double y0, double x1,
                                double y1, double line_width, guint32 colour);
/* @func draws into the rectangle when the page is drawn; @destroy (may be NULL) frees
 * @user_data with the layout. */
void wm_report_layout_add_drawing (WmReportLayout *self, double x, double y, double width,
                                   double height, WmReportDrawFunc func, gpointer user_data,
                                   GDestroyNotify destroy);
/* A link to @page (a PDF link annotation; nothing in print). */
void wm_report_layout_add_link (WmReportLayout *self, double x, double y, double width,
                                double height, guint page);

/* Height of @table at @width. */
double wm_report_layout_measure_table (WmReportLayout *self, WmReportTable *table, double width);
/* Places @table whole on the current page at (@x, @y); returns its height. */
double wm_report_layout_add_table_at (WmReportLayout *self, WmReportTable *table, double x,
                                      double y, double width);
/* @table at the cursor over the full width, split over pages with its header repeated (a
 * group row stays with the row after it); moves the cursor below it plus @space_after. */
void wm_report_layout_add_table (WmReportLayout *self, WmReportTable *table,
                                 double space_after);

guint wm_report_layout_get_n_outline (WmReportLayout *self);
const WmReportOutlineEntry *wm_report_layout_get_outline (WmReportLayout *self, guint index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmReportLayout, wm_report_layout_free)

G_END_DECLS
