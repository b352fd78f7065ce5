/* wm-report-table.h: a table of text for the report's pages, as plain data
 *
 * Columns with a title, a relative width and an alignment; rows of text cells, a cell may
 * carry a colour swatch (the segment colours of a chart beside it), and group rows that span
 * every column (a phase of the checklist). WmReportLayout measures, splits and draws it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WM_REPORT_ALIGN_LEFT,
  WM_REPORT_ALIGN_RIGHT,
  WM_REPORT_ALIGN_CENTER,
} WmReportAlign;

typedef struct
{
  char *text;       /* plain text, or Pango markup when markup is set; NULL: empty */
  gboolean markup;
  gboolean has_swatch;
  guint32 swatch;   /* 0xRRGGBB */
  gboolean bold;
} WmReportCell;

typedef struct
{
  gboolean group;   /* one cell spanning every column */
  WmReportCell *cells;
} WmReportRow;

typedef struct _WmReportTable WmReportTable;

struct _WmReportTable
{
  guint n_columns;
  char **titles;          /* n_columns */
  double *weights;        /* relative widths */
  WmReportAlign *aligns;
  GPtrArray *rows;        /* WmReportRow* */
  double font_size;       /* points */
  gboolean zebra;         /* shade every other row */
};

/* @font_size in points. */
WmReportTable *wm_report_table_new (guint n_columns, double font_size);
void wm_report_table_free (WmReportTable *self);
void wm_report_table_set_column (WmReportTable *self, guint column, const char *title,
                                 double weight, WmReportAlign align);
/* A new row of empty cells; returns its index. */
guint wm_report_table_add_row (WmReportTable *self);
/* A row with one cell over every column (bold, shaded). */
guint wm_report_table_add_group_row (WmReportTable *self, const char *text);
void wm_report_table_set_cell (WmReportTable *self, guint row, guint column, const char *text);
void wm_report_table_set_cell_markup (WmReportTable *self, guint row, guint column,
                                      const char *markup);
/* printf-style plain text. */
void wm_report_table_set_cellf (WmReportTable *self, guint row, guint column, const char *format,
                                ...) G_GNUC_PRINTF (4, 5);
void wm_report_table_set_swatch (WmReportTable *self, guint row, guint column, guint32 colour);
void wm_report_table_set_bold (WmReportTable *self, guint row, gboolean bold);
guint wm_report_table_get_n_rows (WmReportTable *self);
const WmReportRow *wm_report_table_get_row (WmReportTable *self, guint row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmReportTable, wm_report_table_free)

G_END_DECLS
