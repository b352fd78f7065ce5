/* wm-report-table.c: a table of text for the report's pages, as plain data */
#include "config.h"

#include "wm-report-table.h"

static void
row_free (gpointer data)
{
  WmReportRow *row = data;

  g_free (row->cells);
  g_free (row);
}

WmReportTable *
wm_report_table_new (guint  n_columns,
                     double font_size)
{
  WmReportTable *self = g_new0 (WmReportTable, 1);

  g_return_val_if_fail (n_columns > 0, NULL);
  self->n_columns = n_columns;
  self->titles = g_new0 (char *, n_columns + 1);
  self->weights = g_new (double, n_columns);
  self->aligns = g_new0 (WmReportAlign, n_columns);
  for (guint c = 0; c < n_columns; c++)
    self->weights[c] = 1.0;
  self->rows = g_ptr_array_new ();
  self->font_size = font_size;
  self->zebra = TRUE;
  return self;
}

static void
cells_clear (WmReportRow *row,
             guint        n)
{
  for (guint c = 0; c < n; c++)
    g_free (row->cells[c].text);
}

void
wm_report_table_free (WmReportTable *self)
{
  if (self == NULL)
    return;
  for (guint r = 0; r < self->rows->len; r++)
    {
      WmReportRow *row = g_ptr_array_index (self->rows, r);

      cells_clear (row, row->group ? 1 : self->n_columns);
      row_free (row);
    }
  g_ptr_array_unref (self->rows);
  g_strfreev (self->titles);
  g_free (self->weights);
  g_free (self->aligns);
  g_free (self);
}

void
wm_report_table_set_column (WmReportTable *self,
                            guint          column,
                            const char    *title,
                            double         weight,
                            WmReportAlign  align)
{
  g_return_if_fail (column < self->n_columns);
  g_free (self->titles[column]);
  self->titles[column] = g_strdup (title);
  self->weights[column] = weight;
  self->aligns[column] = align;
}

guint
wm_report_table_add_row (WmReportTable *self)
{
  WmReportRow *row = g_new0 (WmReportRow, 1);

  row->cells = g_new0 (WmReportCell, self->n_columns);
  g_ptr_array_add (self->rows, row);
  return self->rows->len - 1;
}

guint
wm_report_table_add_group_row (WmReportTable *self,
                               const char    *text)
{
  WmReportRow *row = g_new0 (WmReportRow, 1);

  row->group = TRUE;
  row->cells = g_new0 (WmReportCell, 1);
  row->cells[0].text = g_strdup (text);
  row->cells[0].bold = TRUE;
  g_ptr_array_add (self->rows, row);
  return self->rows->len - 1;
}

static WmReportCell *
get_cell (WmReportTable *self,
          guint          row,
          guint          column)
{
  WmReportRow *r;

  g_return_val_if_fail (row < self->rows->len, NULL);
  r = g_ptr_array_index (self->rows, row);
  g_return_val_if_fail (column < (r->group ? 1 : self->n_columns), NULL);
  return &r->cells[column];
}

void
wm_report_table_set_cell (WmReportTable *self,
                          guint          row,
                          guint          column,
                          const char    *text)
{
  WmReportCell *cell = get_cell (self, row, column);

  g_return_if_fail (cell != NULL);
  g_free (cell->text);
  cell->text = g_strdup (text);
  cell->markup = FALSE;
}

void
wm_report_table_set_cell_markup (WmReportTable *self,
                                 guint          row,
                                 guint          column,
                                 const char    *markup)
{
  WmReportCell *cell = get_cell (self, row, column);

  g_return_if_fail (cell != NULL);
  g_free (cell->text);
  cell->text = g_strdup (markup);
  cell->markup = TRUE;
}

void
wm_report_table_set_cellf (WmReportTable *self,
                           guint          row,
                           guint          column,
                           const char    *format,
                           ...)
{
  WmReportCell *cell = get_cell (self, row, column);
  va_list args;

  g_return_if_fail (cell != NULL);
  g_free (cell->text);
  va_start (args, format);
  cell->text = g_strdup_vprintf (format, args);
  va_end (args);
  cell->markup = FALSE;
}

void
wm_report_table_set_swatch (WmReportTable *self,
                            guint          row,
                            guint          column,
                            guint32        colour)
{
  WmReportCell *cell = get_cell (self, row, column);

  g_return_if_fail (cell != NULL);
  cell->has_swatch = TRUE;
  cell->swatch = colour;
}

void
wm_report_table_set_bold (WmReportTable *self,
                          guint          row,
                          gboolean       bold)
{
  WmReportRow *r;

  g_return_if_fail (row < self->rows->len);
  r = g_ptr_array_index (self->rows, row);
  for (guint c = 0; c < (r->group ? 1 : self->n_columns); c++)
    r->cells[c].bold = bold;
}

guint
wm_report_table_get_n_rows (WmReportTable *self)
{
  return self->rows->len;
}

const WmReportRow *
wm_report_table_get_row (WmReportTable *self,
                         guint          row)
{
  g_return_val_if_fail (row < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, row);
}
