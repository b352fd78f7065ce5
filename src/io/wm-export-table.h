/* wm-export-table.h: the indicators and the checklist as tables, to CSV and XLSX
 *
 * A table is made on the main thread from the engine and the checklist (plain strings and
 * numbers), written from any thread. CSV is RFC 4180 (UTF-8, comma, CRLF, quoted where
 * needed, "." decimals so that every program reads it the same); XLSX through libxlsxwriter
 * with numbers as numbers and percentages formatted as such.
 */
#pragma once

#include <gio/gio.h>

#include "wm-checklist.h"
#include "wm-indicator-engine.h"

G_BEGIN_DECLS

typedef struct _WmExportTable WmExportTable;

/* Columns: scenario, area_id, area_name, dwellings, then per indicator KEY_now, KEY_plan,
 * KEY_change and, for keys with a band, KEY_verdict; one row for the whole plan, one per
 * area, one for the dwellings outside every area when there are any. */
WmExportTable *wm_export_table_new_indicators (WmIndicatorEngine *engine);
/* Columns: phase, id, title, status, owner, note, target_year, triggered_by. */
WmExportTable *wm_export_table_new_checklist (WmChecklist *checklist);
/* Two columns (field, value) without a header: project, scenarios, @date, the tool, the note
 * that the figures are illustrative where they are, the assumptions and the attribution. */
WmExportTable *wm_export_table_new_about (WmPlan *plan, const char *const *scenario_names,
                                          GDateTime *date);
void wm_export_table_free (WmExportTable *self);
/* Appends the rows of @other (same columns; another scenario). */
void wm_export_table_append (WmExportTable *self, const WmExportTable *other);
guint wm_export_table_get_n_columns (const WmExportTable *self);
guint wm_export_table_get_n_rows (const WmExportTable *self);
const char *wm_export_table_get_column (const WmExportTable *self, guint column);
/* Cell text as written to CSV ("" for none). */
const char *wm_export_table_get_text (const WmExportTable *self, guint row, guint column);
/* The number XLSX writes for the cell (NAN for text and empty cells). */
double wm_export_table_get_number (const WmExportTable *self, guint row, guint column);

/* Both writers go through wm-file-commit: on an error nothing at @path changes. */
gboolean wm_export_table_write_csv (const WmExportTable *self, const char *path,
                                    GError **error);
/* One sheet per table, named by @sheet_names. */
gboolean wm_export_table_write_xlsx (const WmExportTable *const *tables,
                                     const char *const *sheet_names, guint n_tables,
                                     const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmExportTable, wm_export_table_free)

G_END_DECLS
