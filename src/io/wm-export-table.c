/* wm-export-table.c: the indicators and the checklist as tables, to CSV and XLSX */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "wm-demo.h"
#include "wm-export-table.h"
#include "wm-file-commit.h"
#include "wm-indicator-report.h"
#include "wm-targets.h"
#include "wm-tenure-estimate.h"

/* What a cell holds beside its text: how XLSX writes it. */
typedef enum
{
  CELL_TEXT,
  CELL_INTEGER,  /* counts */
  CELL_NUMBER,   /* indices: three decimals */
  CELL_FRACTION, /* 0..1, shown as a percentage */
  CELL_DATE,     /* number: seconds since the epoch, local time */
} CellKind;

typedef struct
{
  char *text;
  double number;
  CellKind kind;
} Cell;

struct _WmExportTable
{
  GPtrArray *columns; /* char*: keys, the CSV header */
  GPtrArray *labels;  /* char*: translated headings, the XLSX header */
  GArray *kinds;      /* CellKind of each column's numbers */
  GPtrArray *rows;    /* Cell[n_columns] */
  gboolean has_header;
};

static WmExportTable *
table_new (gboolean has_header)
{
  WmExportTable *self = g_new0 (WmExportTable, 1);

  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->kinds = g_array_new (FALSE, FALSE, sizeof (CellKind));
  self->rows = g_ptr_array_new ();
  self->has_header = has_header;
  return self;
}

static void
add_column (WmExportTable *self, const char *key, const char *label, CellKind kind)
{
  g_ptr_array_add (self->columns, g_strdup (key));
  g_ptr_array_add (self->labels, g_strdup (label));
  g_array_append_val (self->kinds, kind);
}

static Cell *
add_row (WmExportTable *self)
{
  Cell *row = g_new0 (Cell, self->columns->len);

  g_ptr_array_add (self->rows, row);
  return row;
}

static void
set_text (Cell *cell, const char *text)
{
  g_free (cell->text);
  cell->text = g_strdup (text != NULL ? text : "");
  cell->kind = CELL_TEXT;
}

/* Numbers in the CSV with "." and enough digits to read the value back as XLSX holds it. */
static void
set_number (Cell *cell, double value, CellKind kind)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_free (cell->text);
  if (kind == CELL_INTEGER && fabs (value) < 1e15)
    cell->text = g_strdup_printf ("%lld", (long long) llround (value));
  else
    cell->text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
  cell->number = value;
  cell->kind = kind;
}

static void
row_free (Cell *row, guint n)
{
  for (guint i = 0; i < n; i++)
    g_free (row[i].text);
  g_free (row);
}

void
wm_export_table_free (WmExportTable *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->rows->len; i++)
    row_free (g_ptr_array_index (self->rows, i), self->columns->len);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->columns);
  g_ptr_array_unref (self->labels);
  g_array_unref (self->kinds);
  g_free (self);
}

/* How a key's values are written: counts as integers, shares as percentages. */
static CellKind
kind_of_key (const char *key)
{
  if (wm_indicator_report_key_is_count (key) || g_str_equal (key, "residents"))
    return CELL_INTEGER;
  if (g_str_has_prefix (key, "share.") || g_str_has_suffix (key, "_share") ||
      g_str_has_prefix (key, "coverage."))
    return CELL_FRACTION;
  return CELL_NUMBER;
}

/* Per key: now, plan, change and, with a band, the verdict. */
typedef struct
{
  const char *key;
  guint column; /* of KEY_now */
  gboolean has_band;
} KeyColumns;

static void
fill_indicator_row (WmIndicatorEngine *engine,
                    WmExportTable     *self,
                    GArray            *keys,
                    const char        *area_id,
                    const char        *area_name)
{
  WmTargets *targets = wm_targets_get_for_plan (wm_indicator_engine_get_plan (engine));
  Cell *row = add_row (self);
  double dwellings = wm_indicator_engine_get (engine, "dwellings", area_id,
                                              WM_INDICATOR_PROJECTED);

  set_text (&row[0], wm_scenario_get_name (wm_indicator_engine_get_scenario (engine)));
  set_text (&row[1], area_id != NULL ? area_id : "");
  set_text (&row[2], area_name);
  set_number (&row[3], dwellings, CELL_INTEGER);
  for (guint k = 0; k < keys->len; k++)
    {
      const KeyColumns *kc = &g_array_index (keys, KeyColumns, k);
      CellKind kind = kind_of_key (kc->key);
      double now, plan;
      gboolean now_defined, plan_defined;

      for (guint c = 0; c < (kc->has_band ? 4u : 3u); c++)
        set_text (&row[kc->column + c], "");
      /* A key not valid for an area (dissimilarity) stays empty there. */
      if (!wm_indicator_engine_lookup (engine, kc->key, area_id, WM_INDICATOR_BASELINE, &now) ||
          !wm_indicator_engine_lookup (engine, kc->key, area_id, WM_INDICATOR_PROJECTED, &plan))
        continue;
      /* A fraction of no dwellings is empty, not 0. */
      now_defined = wm_indicator_engine_is_defined (engine, kc->key, area_id,
                                                    WM_INDICATOR_BASELINE);
      plan_defined = wm_indicator_engine_is_defined (engine, kc->key, area_id,
                                                     WM_INDICATOR_PROJECTED);
      if (now_defined)
        set_number (&row[kc->column], now, kind);
      if (plan_defined)
        set_number (&row[kc->column + 1], plan, kind);
      if (now_defined && plan_defined)
        set_number (&row[kc->column + 2], plan - now, kind);
      if (kc->has_band && plan_defined)
        {
          WmTargetVerdict verdict;

          if (area_id == NULL)
            wm_indicator_engine_get_target (engine, kc->key, NULL, &verdict);
          else
            verdict = dwellings > 0 ? wm_targets_judge (targets, kc->key, plan)
                                    : WM_TARGET_VERDICT_NONE;
          if (verdict != WM_TARGET_VERDICT_NONE)
            set_text (&row[kc->column + 3], wm_target_verdict_key (verdict));
        }
    }
}

WmExportTable *
wm_export_table_new_indicators (WmIndicatorEngine *engine)
{
  WmExportTable *self;
  WmPlan *plan;
  GListModel *areas;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (KeyColumns));
  WmDwellingMix outside_now, outside_plan;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (engine), NULL);

  plan = wm_indicator_engine_get_plan (engine);
  self = table_new (TRUE);
  add_column (self, "scenario", _("Scenario"), CELL_TEXT);
  add_column (self, "area_id", _("Area code"), CELL_TEXT);
  add_column (self, "area_name", _("Area"), CELL_TEXT);
  add_column (self, "dwellings", _("Dwellings after the plan"), CELL_INTEGER);
  /* The whole neighbourhood's keys include every area key. */
  for (const char *const *k = wm_indicator_engine_get_keys (engine, TRUE); *k != NULL; k++)
    {
      g_autofree char *label = wm_indicator_engine_get_label (engine, *k);
      g_autofree char *now_key = g_strconcat (*k, "_now", NULL);
      g_autofree char *plan_key = g_strconcat (*k, "_plan", NULL);
      g_autofree char *change_key = g_strconcat (*k, "_change", NULL);
      /* Translators: a column heading, an indicator now (before the plan) */
      g_autofree char *now_label = g_strdup_printf (_("%s, now"), label);
      /* Translators: a column heading, an indicator after the plan */
      g_autofree char *plan_label = g_strdup_printf (_("%s, after the plan"), label);
      /* Translators: a column heading, the change of an indicator by the plan */
      g_autofree char *change_label = g_strdup_printf (_("%s, change"), label);
      KeyColumns kc = { *k, self->columns->len, FALSE };
      CellKind kind = kind_of_key (*k);

      kc.has_band = wm_indicator_engine_get_target (engine, *k, NULL, NULL);
      add_column (self, now_key, now_label, kind);
      add_column (self, plan_key, plan_label, kind);
      add_column (self, change_key, change_label, kind);
      if (kc.has_band)
        {
          g_autofree char *verdict_key = g_strconcat (*k, "_verdict", NULL);
          /* Translators: a column heading, where an indicator lies against its target */
          g_autofree char *verdict_label = g_strdup_printf (_("%s, against the target"), label);

          add_column (self, verdict_key, verdict_label, CELL_TEXT);
        }
      g_array_append_val (keys, kc);
    }

  fill_indicator_row (engine, self, keys, NULL, _("Whole neighbourhood"));
  areas = wm_plan_get_areas (plan);
  for (guint i = 0, n = g_list_model_get_n_items (areas); i < n; i++)
    {
      g_autoptr(WmArea) area = g_list_model_get_item (areas, i);

      fill_indicator_row (engine, self, keys, wm_area_get_id (area), wm_area_get_name (area));
    }
  wm_indicator_engine_get_mix (engine, WM_INDICATOR_AREA_OUTSIDE, WM_INDICATOR_BASELINE,
                               &outside_now);
  wm_indicator_engine_get_mix (engine, WM_INDICATOR_AREA_OUTSIDE, WM_INDICATOR_PROJECTED,
                               &outside_plan);
  if (wm_dwelling_mix_total (&outside_now) != 0 || wm_dwelling_mix_total (&outside_plan) != 0)
    fill_indicator_row (engine, self, keys, WM_INDICATOR_AREA_OUTSIDE, _("Outside the areas"));
  return self;
}

static char *
join_strv (const char *const *strv)
{
  return strv != NULL ? g_strjoinv (" ", (char **) strv) : g_strdup ("");
}

WmExportTable *
wm_export_table_new_checklist (WmChecklist *checklist)
{
  WmExportTable *self;
  WmRoadmapCatalogue *catalogue;
  GListModel *items;

  g_return_val_if_fail (WM_IS_CHECKLIST (checklist), NULL);

  catalogue = wm_checklist_get_catalogue (checklist);
  self = table_new (TRUE);
  add_column (self, "phase", _("Phase"), CELL_TEXT);
  add_column (self, "id", _("Item"), CELL_TEXT);
  add_column (self, "title", _("Title"), CELL_TEXT);
  add_column (self, "status", _("Status"), CELL_TEXT);
  add_column (self, "owner", _("Owner"), CELL_TEXT);
  add_column (self, "note", _("Note"), CELL_TEXT);
  add_column (self, "target_year", _("Target year"), CELL_INTEGER);
  add_column (self, "triggered_by", _("Triggered by"), CELL_TEXT);

  items = wm_checklist_get_items (checklist);
  for (guint i = 0, n = g_list_model_get_n_items (items); i < n; i++)
    {
      g_autoptr(WmChecklistItem) item = g_list_model_get_item (items, i);
      const char *phase = wm_checklist_item_get_phase (item);
      const char *phase_name = wm_roadmap_catalogue_get_phase_name (catalogue, phase);
      const char *note = wm_checklist_item_get_note (item);
      const char *reason = wm_checklist_item_get_reason (item);
      const char *indicator = wm_checklist_item_get_indicator (item);
      g_autofree char *trigger = NULL;
      g_autofree char *status = NULL;
      Cell *row = add_row (self);

      set_text (&row[0], phase_name != NULL ? phase_name : phase);
      set_text (&row[1], wm_checklist_item_get_id (item));
      set_text (&row[2], wm_checklist_item_get_title (item));
      /* Not applicable carries its reason: the status alone says too little. */
      status = reason != NULL && *reason != '\0'
               ? g_strdup_printf ("%s: %s",
                                  wm_checklist_status_label (wm_checklist_item_get_status (item)),
                                  reason)
               : g_strdup (wm_checklist_status_label (wm_checklist_item_get_status (item)));
      set_text (&row[3], status);
      set_text (&row[4], wm_checklist_item_get_owner_label (item));
      set_text (&row[5], note);
      if (wm_checklist_item_get_target_year (item) > 0)
        set_number (&row[6], wm_checklist_item_get_target_year (item), CELL_INTEGER);
      else
        set_text (&row[6], "");
      /* The proposals or the indicator that put the item on the list. */
      if (indicator != NULL)
        trigger = g_strdup (indicator);
      else
        trigger = join_strv (wm_checklist_item_get_proposal_ids (item));
      if (*trigger == '\0')
        {
          g_free (trigger);
          trigger = g_strdup (wm_checklist_item_get_trigger_text (item));
        }
      set_text (&row[7], trigger);
    }
  return self;
}

WmExportTable *
wm_export_table_new_about (WmPlan *plan, const char *const *scenario_names, GDateTime *date)
{
  WmExportTable *self;
  Cell *row;
  g_autofree char *tenure = NULL;
  g_autofree char *scenarios = NULL;
  const char *attribution;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);

  self = table_new (FALSE);
  add_column (self, "field", _("Field"), CELL_TEXT);
  add_column (self, "value", _("Value"), CELL_TEXT);

  row = add_row (self);
  set_text (&row[0], _("Project"));
  set_text (&row[1], wm_plan_get_name (plan));
  row = add_row (self);
  set_text (&row[0], _("Scenarios"));
  scenarios = scenario_names != NULL ? g_strjoinv (", ", (char **) scenario_names) : NULL;
  set_text (&row[1], scenarios);
  row = add_row (self);
  set_text (&row[0], _("Date"));
  {
    g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");

    set_text (&row[1], iso);
    row[1].number = (double) g_date_time_to_unix (date) + g_date_time_get_utc_offset (date) / 1e6;
    row[1].kind = CELL_DATE;
  }
  row = add_row (self);
  set_text (&row[0], _("Made with"));
  set_text (&row[1], "Wijkmix " PACKAGE_VERSION);
  if (wm_plan_get_illustrative (plan))
    {
      row = add_row (self);
      set_text (&row[0], _("Note"));
      set_text (&row[1], _("The dwelling figures of this project are illustrative."));
    }
  tenure = wm_tenure_describe (plan);
  if (tenure != NULL)
    {
      row = add_row (self);
      set_text (&row[0], _("Tenure"));
      set_text (&row[1], tenure);
    }
  row = add_row (self);
  set_text (&row[0], _("Coverage"));
  set_text (&row[1], _("Coverage uses straight-line distances."));
  row = add_row (self);
  set_text (&row[0], _("Shares"));
  set_text (&row[1], _("A share of an area without dwellings is left empty."));
  attribution = wm_plan_get_attribution (plan);
  if (attribution != NULL && *attribution != '\0')
    {
      /* In the user's language where the demo stores its lines in English. */
      g_auto(GStrv) lines = wm_demo_translate_attribution (attribution);
      gboolean first = TRUE;

      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (*g_strstrip (lines[i]) == '\0')
            continue;
          row = add_row (self);
          set_text (&row[0], first ? _("Sources") : "");
          set_text (&row[1], lines[i]);
          first = FALSE;
        }
    }
  return self;
}

void
wm_export_table_append (WmExportTable *self, const WmExportTable *other)
{
  g_return_if_fail (self != NULL && other != NULL);
  g_return_if_fail (self->columns->len == other->columns->len);

  for (guint r = 0; r < other->rows->len; r++)
    {
      const Cell *from = g_ptr_array_index (other->rows, r);
      Cell *row = add_row (self);

      for (guint c = 0; c < self->columns->len; c++)
        {
          row[c] = from[c];
          row[c].text = g_strdup (from[c].text);
        }
    }
}

guint
wm_export_table_get_n_columns (const WmExportTable *self)
{
  return self->columns->len;
}

guint
wm_export_table_get_n_rows (const WmExportTable *self)
{
  return self->rows->len;
}

const char *
wm_export_table_get_column (const WmExportTable *self, guint column)
{
  g_return_val_if_fail (column < self->columns->len, NULL);
  return g_ptr_array_index (self->columns, column);
}

const char *
wm_export_table_get_text (const WmExportTable *self, guint row, guint column)
{
  const Cell *cells;

  g_return_val_if_fail (row < self->rows->len && column < self->columns->len, NULL);
  cells = g_ptr_array_index (self->rows, row);
  return cells[column].text != NULL ? cells[column].text : "";
}

double
wm_export_table_get_number (const WmExportTable *self, guint row, guint column)
{
  const Cell *cells;

  g_return_val_if_fail (row < self->rows->len && column < self->columns->len, NAN);
  cells = g_ptr_array_index (self->rows, row);
  return cells[column].kind == CELL_TEXT ? NAN : cells[column].number;
}

/* RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
static void
append_field (GString *out, const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_record (GString *out, const WmExportTable *self, guint row)
{
  for (guint c = 0; c < self->columns->len; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      append_field (out, row == G_MAXUINT ? wm_export_table_get_column (self, c)
                                          : wm_export_table_get_text (self, row, c));
    }
  g_string_append (out, "\r\n");
}

gboolean
wm_export_table_write_csv (const WmExportTable *self, const char *path, GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(WmFileCommit) commit = NULL;
  FILE *file;
  int errsv = 0;

  g_return_val_if_fail (self != NULL && path != NULL, FALSE);

  if (self->has_header)
    append_record (out, self, G_MAXUINT);
  for (guint r = 0; r < self->rows->len; r++)
    append_record (out, self, r);

  commit = wm_file_commit_begin (path, error);
  if (commit == NULL)
    return FALSE;
  file = g_fopen (wm_file_commit_get_temp_path (commit), "wb");
  if (file == NULL)
    errsv = errno;
  else
    {
      if (fwrite (out->str, 1, out->len, file) != out->len)
        errsv = errno != 0 ? errno : EIO;
      if (fclose (file) != 0 && errsv == 0)
        errsv = errno;
    }
  if (errsv != 0)
    {
      g_propagate_error (error, wm_file_commit_error_from_errno (path, errsv));
      return FALSE;
    }
  return wm_file_commit_finish (g_steal_pointer (&commit), error);
}

/* In characters (not bytes). Numbers get a fixed width and their heading wraps; text columns
 * are as wide as their longest text, within what a screen shows. */
static double
column_width (const WmExportTable *self, guint column)
{
  glong widest = 8;

  if (g_array_index (self->kinds, CellKind, column) != CELL_TEXT)
    return 16;
  for (guint r = 0; r < self->rows->len; r++)
    {
      const Cell *row = g_ptr_array_index (self->rows, r);

      if (row[column].kind == CELL_TEXT && row[column].text != NULL)
        widest = MAX (widest, g_utf8_strlen (row[column].text, -1));
    }
  if (self->has_header)
    widest = MAX (widest, MIN (g_utf8_strlen (g_ptr_array_index (self->labels, column), -1), 24));
  return MIN (widest + 2, 50);
}

/* Lines the wrapped headings need at their column widths. */
static guint
header_lines (const WmExportTable *self)
{
  guint lines = 1;

  for (guint c = 0; c < self->columns->len; c++)
    {
      glong length = g_utf8_strlen (g_ptr_array_index (self->labels, c), -1);
      double width = column_width (self, c) - 1;

      lines = MAX (lines, (guint) ceil (length / width) + (length > width ? 1 : 0));
    }
  return MIN (lines, 6);
}

typedef struct
{
  lxw_format *header, *integer, *number, *fraction, *date;
} Formats;

static lxw_error
write_sheet (lxw_workbook        *workbook,
             const Formats       *formats,
             const WmExportTable *self,
             const char          *name)
{
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, name);
  guint first = self->has_header ? 1 : 0;
  lxw_error status = LXW_NO_ERROR;

  if (sheet == NULL)
    return LXW_ERROR_MEMORY_MALLOC_FAILED;
  for (guint c = 0; c < self->columns->len; c++)
    {
      worksheet_set_column (sheet, c, c, column_width (self, c), NULL);
      if (self->has_header)
        status = worksheet_write_string (sheet, 0, c, g_ptr_array_index (self->labels, c),
                                         formats->header);
      if (status != LXW_NO_ERROR)
        return status;
    }
  if (self->has_header)
    {
      worksheet_set_row (sheet, 0, 15.0 * header_lines (self), formats->header);
      worksheet_freeze_panes (sheet, 1, 0);
    }

  for (guint r = 0; r < self->rows->len && status == LXW_NO_ERROR; r++)
    {
      const Cell *row = g_ptr_array_index (self->rows, r);
      lxw_row_t at = r + first;

      for (guint c = 0; c < self->columns->len && status == LXW_NO_ERROR; c++)
        {
          const Cell *cell = &row[c];

          switch (cell->kind)
            {
            case CELL_TEXT:
              /* An empty cell stays blank: no empty strings for a spreadsheet to trip on. */
              if (cell->text != NULL && *cell->text != '\0')
                status = worksheet_write_string (sheet, at, c, cell->text, NULL);
              break;
            case CELL_INTEGER:
              status = worksheet_write_number (sheet, at, c, cell->number, formats->integer);
              break;
            case CELL_NUMBER:
              status = worksheet_write_number (sheet, at, c, cell->number, formats->number);
              break;
            case CELL_FRACTION:
              status = worksheet_write_number (sheet, at, c, cell->number, formats->fraction);
              break;
            case CELL_DATE:
              {
                /* Excel's serial date: days since 1899-12-30, local time. */
                double days = floor (cell->number / 86400.0) + 25569.0;

                status = worksheet_write_number (sheet, at, c, days, formats->date);
              }
              break;
            }
        }
    }
  return status;
}

/* A message for a libxlsxwriter error, in the words of wm-file-commit where it is the disk. */
static void
set_xlsx_error (GError **error, const char *path, lxw_error status, int errsv)
{
  if (status == LXW_ERROR_CREATING_XLSX_FILE || status == LXW_ERROR_CREATING_TMPFILE ||
      status == LXW_ERROR_ZIP_FILE_OPERATION || status == LXW_ERROR_ZIP_CLOSE)
    {
      if (errsv != 0)
        {
          g_propagate_error (error, wm_file_commit_error_from_errno (path, errsv));
          return;
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
               lxw_strerror (status));
}

gboolean
wm_export_table_write_xlsx (const WmExportTable *const *tables,
                            const char *const          *sheet_names,
                            guint                       n_tables,
                            const char                 *path,
                            GError                    **error)
{
  g_autoptr(WmFileCommit) commit = NULL;
  lxw_workbook *workbook;
  lxw_workbook_options options = { 0 };
  lxw_doc_properties properties = { 0 };
  Formats formats;
  lxw_error status = LXW_NO_ERROR;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (path != NULL && (n_tables == 0 || tables != NULL), FALSE);

  commit = wm_file_commit_begin (path, error);
  if (commit == NULL)
    return FALSE;
  /* Its scratch files beside the target, not in a /tmp that may be small. */
  folder = g_path_get_dirname (wm_file_commit_get_temp_path (commit));
  options.tmpdir = (char *) folder;
  options.constant_memory = LXW_FALSE;
  options.use_zip64 = LXW_FALSE;
  errno = 0;
  workbook = workbook_new_opt (wm_file_commit_get_temp_path (commit), &options);
  if (workbook == NULL)
    {
      g_propagate_error (error, wm_file_commit_error_from_errno (path, errno != 0 ? errno
                                                                                  : EIO));
      return FALSE;
    }
  properties.comments = (char *) "Wijkmix " PACKAGE_VERSION;
  properties.title = (char *) (n_tables > 0 ? sheet_names[0] : "");
  workbook_set_properties (workbook, &properties);

  formats.header = workbook_add_format (workbook);
  format_set_bold (formats.header);
  format_set_text_wrap (formats.header);
  format_set_align (formats.header, LXW_ALIGN_VERTICAL_TOP);
  formats.integer = workbook_add_format (workbook);
  format_set_num_format (formats.integer, "#,##0");
  formats.number = workbook_add_format (workbook);
  format_set_num_format (formats.number, "0.000");
  formats.fraction = workbook_add_format (workbook);
  format_set_num_format (formats.fraction, "0.0%");
  formats.date = workbook_add_format (workbook);
  format_set_num_format (formats.date, "d mmmm yyyy");
  format_set_align (formats.date, LXW_ALIGN_LEFT);

  for (guint i = 0; i < n_tables && status == LXW_NO_ERROR; i++)
    status = write_sheet (workbook, &formats, tables[i], sheet_names[i]);
  if (status != LXW_NO_ERROR)
    {
      /* Nothing more is written; closing frees the workbook, the commit drops the file. */
      workbook_close (workbook);
      set_xlsx_error (error, path, status, 0);
      return FALSE;
    }
  errno = 0;
  status = workbook_close (workbook);
  if (status != LXW_NO_ERROR)
    {
      set_xlsx_error (error, path, status, errno);
      return FALSE;
    }
  return wm_file_commit_finish (g_steal_pointer (&commit), error);
}
