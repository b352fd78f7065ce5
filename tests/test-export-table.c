/* test-export-table.c: the indicator and checklist tables, as CSV and XLSX read back by Python */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "wm-core.h"
#include "wm-demo.h"
#include "wm-document.h"
#include "wm-export-table.h"
#include "wm-export.h"
#include "wm-proposal-factory.h"
#include "wm-test-util.h"

/* Python's csv module is a strict RFC 4180 reader: the file as header and rows, in JSON. */
static const char csv_reader[] =
  "import csv, json, sys\n"
  "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
  "    data = f.read()\n"
  "assert '\\r\\n' in data, 'records must end in CRLF'\n"
  "rows = list(csv.reader(data.splitlines(keepends=True), strict=True))\n"
  "print(json.dumps({'header': rows[0], 'rows': rows[1:]}))\n";

/* openpyxl opens the workbook: sheets, their frozen panes, every cell's value and format. */
static const char xlsx_reader[] =
  "import json, sys, openpyxl, datetime\n"
  "wb = openpyxl.load_workbook(sys.argv[1])\n"
  "out = {'sheets': wb.sheetnames}\n"
  "for ws in wb.worksheets:\n"
  "    rows = []\n"
  "    for row in ws.iter_rows():\n"
  "        rows.append([{'v': (c.value.isoformat() if isinstance(c.value, datetime.datetime)\n"
  "                            else c.value), 'f': c.number_format, 't': c.data_type}\n"
  "                     for c in row])\n"
  "    width = ws.column_dimensions['A'].width\n"
  "    out[ws.title] = {'rows': rows, 'freeze': ws.freeze_panes, 'width_a': width}\n"
  "print(json.dumps(out))\n";

static JsonNode *
run_python (const char *script, const char *path)
{
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  JsonNode *node;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3 on %s failed: %s", path, err);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  return node;
}

typedef struct
{
  char *dir;
  WmDocument *document;
  WmPlan *plan;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmPlan) plan = wm_demo_load (&error);

  g_assert_no_error (error);
  f->document = wm_document_new (plan, NULL);
  f->plan = wm_document_get_plan (f->document);
  f->dir = g_dir_make_tmp ("wijkmix-export-table-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  wm_test_remove_dir (f->dir);
  g_free (f->dir);
  g_object_unref (f->document);
}

static int
find_column (JsonArray *header, const char *name)
{
  for (guint i = 0; i < json_array_get_length (header); i++)
    if (g_str_equal (json_array_get_string_element (header, i), name))
      return (int) i;
  g_error ("no column %s", name);
}

/* The demo's first building, demolished: the figures then differ per state and area. */
static void
demolish_first_building (Fixture *f, WmScenario *scenario)
{
  g_autoptr(WmBuilding) building = NULL;
  g_autoptr(WmProposal) proposal = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *buildings = wm_plan_get_buildings (f->plan);

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr(WmBuilding) b = g_list_model_get_item (buildings, i);

      if (wm_building_get_n_dwellings (b) > 4)
        {
          building = g_steal_pointer (&b);
          break;
        }
    }
  g_assert_nonnull (building);
  proposal = wm_proposal_factory_demolish (f->plan, scenario,
                                           (const char *const[]) { wm_building_get_id (building),
                                                                   NULL },
                                           2027, &error);
  g_assert_no_error (error);
  wm_scenario_add_proposal (scenario, proposal);
}

static void
test_indicators_csv (Fixture *f, gconstpointer data)
{
  WmIndicatorEngine *engine = wm_document_get_engine (f->document);
  g_autoptr(WmExportTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "indicators.csv", NULL);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  JsonArray *header, *rows;
  GListModel *areas = wm_plan_get_areas (f->plan);
  guint n_areas = g_list_model_get_n_items (areas);
  int c_area, c_dwellings, c_social, c_social_plan, c_change;
  double outside;

  demolish_first_building (f, wm_plan_get_active_scenario (f->plan));
  table = wm_export_table_new_indicators (engine);
  g_assert_true (wm_export_table_write_csv (table, path, &error));
  g_assert_no_error (error);

  node = run_python (csv_reader, path);
  root = json_node_get_object (node);
  header = json_object_get_array_member (root, "header");
  rows = json_object_get_array_member (root, "rows");
  /* The columns as documented, then three (or four) per indicator key. */
  g_assert_cmpstr (json_array_get_string_element (header, 0), ==, "scenario");
  g_assert_cmpstr (json_array_get_string_element (header, 1), ==, "area_id");
  g_assert_cmpstr (json_array_get_string_element (header, 2), ==, "area_name");
  g_assert_cmpstr (json_array_get_string_element (header, 3), ==, "dwellings");
  g_assert_cmpuint (json_array_get_length (header), ==, wm_export_table_get_n_columns (table));
  for (const char *const *k = wm_indicator_engine_get_keys (engine, TRUE); *k != NULL; k++)
    {
      g_autofree char *now = g_strconcat (*k, "_now", NULL);
      g_autofree char *change = g_strconcat (*k, "_change", NULL);

      find_column (header, now);
      find_column (header, change);
    }
  find_column (header, "share.social_rent_verdict");

  /* One row for the whole plan, one per area, one outside the areas when dwellings are. */
  outside = wm_indicator_engine_get (engine, "dwellings", WM_INDICATOR_AREA_OUTSIDE,
                                     WM_INDICATOR_BASELINE);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1 + n_areas + (outside > 0 ? 1 : 0));
  g_assert_cmpuint (n_areas, >, 2);

  c_area = find_column (header, "area_id");
  c_dwellings = find_column (header, "dwellings");
  c_social = find_column (header, "share.social_rent_now");
  c_social_plan = find_column (header, "share.social_rent_plan");
  c_change = find_column (header, "dwellings_change");
  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonArray *row = json_array_get_array_element (rows, r);
      const char *id = json_array_get_string_element (row, c_area);
      const char *area_id = *id == '\0' ? NULL : id;
      double dwellings = wm_indicator_engine_get (engine, "dwellings", area_id,
                                                  WM_INDICATOR_PROJECTED);
      double before = wm_indicator_engine_get (engine, "dwellings", area_id,
                                               WM_INDICATOR_BASELINE);

      g_assert_cmpuint (json_array_get_length (row), ==, json_array_get_length (header));
      g_assert_cmpstr (json_array_get_string_element (row, 0), ==, "Plan");
      if (r == 0)
        g_assert_null (area_id);
      else if (r <= n_areas)
        {
          g_autoptr(WmArea) area = g_list_model_get_item (areas, r - 1);

          g_assert_cmpstr (area_id, ==, wm_area_get_id (area));
          g_assert_cmpstr (json_array_get_string_element (row, 2), ==, wm_area_get_name (area));
        }
      else
        g_assert_cmpstr (area_id, ==, WM_INDICATOR_AREA_OUTSIDE);
      g_assert_cmpfloat (g_ascii_strtod (json_array_get_string_element (row, c_dwellings), NULL),
                         ==, dwellings);
      g_assert_cmpfloat (g_ascii_strtod (json_array_get_string_element (row, c_change), NULL), ==,
                         dwellings - before);
      /* "." decimals, the engine's value to ten digits; empty for an area of no dwellings. */
      if (wm_indicator_engine_is_defined (engine, "share.social_rent", area_id,
                                          WM_INDICATOR_BASELINE))
        {
          const char *text = json_array_get_string_element (row, c_social);
          double value = wm_indicator_engine_get (engine, "share.social_rent", area_id,
                                                  WM_INDICATOR_BASELINE);

          g_assert_null (strchr (text, ','));
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (text, NULL), value, 1e-9);
        }
      else
        g_assert_cmpstr (json_array_get_string_element (row, c_social), ==, "");
      if (r == 0)
        g_assert_cmpfloat_with_epsilon (
          g_ascii_strtod (json_array_get_string_element (row, c_social_plan), NULL),
          wm_indicator_engine_get (engine, "share.social_rent", NULL, WM_INDICATOR_PROJECTED),
          1e-9);
    }
  /* What XLSX writes is the engine's number itself; text cells have none. */
  g_assert_cmpfloat (wm_export_table_get_number (table, 0, c_social_plan), ==,
                     wm_indicator_engine_get (engine, "share.social_rent", NULL,
                                              WM_INDICATOR_PROJECTED));
  g_assert_true (isnan (wm_export_table_get_number (table, 0, c_area)));
  /* The demolition is in the whole plan's row. */
  g_assert_cmpfloat (wm_indicator_engine_get (engine, "dwellings", NULL, WM_INDICATOR_PROJECTED),
                     <, wm_indicator_engine_get (engine, "dwellings", NULL,
                                                 WM_INDICATOR_BASELINE));
}

static void
test_checklist_csv (Fixture *f, gconstpointer data)
{
  WmChecklist *checklist = wm_document_get_checklist (f->document);
  GListModel *items = wm_checklist_get_items (checklist);
  g_autoptr(WmChecklistItem) item = g_list_model_get_item (items, 0);
  g_autoptr(WmExportTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "checklist.csv", NULL);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *header, *rows, *first;
  /* Everything RFC 4180 quotes: a comma, a quote, a line break; and text beyond ASCII. */
  const char *note = "Met de huurders, de \"bewonerscommissie\"\nen de wijkraad – één keer";
  const char *const columns[] = { "phase", "id", "title", "status", "owner", "note",
                                  "target_year", "triggered_by" };

  g_assert_nonnull (item);
  wm_checklist_item_set_note (item, note);
  wm_checklist_item_set_target_year (item, 2027);
  table = wm_export_table_new_checklist (checklist);
  g_assert_true (wm_export_table_write_csv (table, path, &error));
  g_assert_no_error (error);

  node = run_python (csv_reader, path);
  header = json_object_get_array_member (json_node_get_object (node), "header");
  rows = json_object_get_array_member (json_node_get_object (node), "rows");
  g_assert_cmpuint (json_array_get_length (header), ==, G_N_ELEMENTS (columns));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_assert_cmpstr (json_array_get_string_element (header, i), ==, columns[i]);
  g_assert_cmpuint (json_array_get_length (rows), ==, g_list_model_get_n_items (items));
  first = json_array_get_array_element (rows, 0);
  g_assert_cmpstr (json_array_get_string_element (first, 1), ==, wm_checklist_item_get_id (item));
  g_assert_cmpstr (json_array_get_string_element (first, 2), ==,
                   wm_checklist_item_get_title (item));
  g_assert_cmpstr (json_array_get_string_element (first, 5), ==, note);
  g_assert_cmpstr (json_array_get_string_element (first, 6), ==, "2027");
  g_assert_cmpstr (json_array_get_string_element (first, 3), ==,
                   wm_checklist_status_label (WM_CHECKLIST_STATUS_OPEN));
}

static JsonArray *
sheet_rows (JsonObject *root, const char *sheet)
{
  return json_object_get_array_member (json_object_get_object_member (root, sheet), "rows");
}

static JsonObject *
cell (JsonArray *rows, guint row, guint column)
{
  return json_array_get_object_element (json_array_get_array_element (rows, row), column);
}

static int
find_cell_column (JsonArray *rows, const char *label)
{
  JsonArray *header = json_array_get_array_element (rows, 0);

  for (guint i = 0; i < json_array_get_length (header); i++)
    {
      JsonObject *c = json_array_get_object_element (header, i);

      if (!json_object_get_null_member (c, "v") &&
          g_str_equal (json_object_get_string_member (c, "v"), label))
        return (int) i;
    }
  g_error ("no column headed %s", label);
}

/* Through the job, as the window and the CLI export: every scenario's rows, the checklist and
 * the notes, numbers as numbers. */
static void
test_xlsx (Fixture *f, gconstpointer data)
{
  g_autoptr(WmScenario) second = wm_scenario_new ("s-sloop", "Sloop");
  WmIndicatorEngine *engine = wm_document_get_engine (f->document);
  g_autoptr(WmIndicatorEngine) second_engine = NULL;
  g_autoptr(WmExportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "wijk.xlsx", NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *share_label = NULL;
  g_autofree char *label = NULL;
  JsonObject *root, *indicators;
  JsonArray *sheets, *rows, *about;
  guint n_areas = g_list_model_get_n_items (wm_plan_get_areas (f->plan));
  guint per_scenario;
  int c_scenario, c_share, c_dwellings;
  gboolean found_project = FALSE, found_illustrative = FALSE, found_sources = FALSE;

  wm_plan_add_scenario (f->plan, second);
  demolish_first_building (f, second);
  second_engine = wm_indicator_engine_new (f->plan, second);

  job = wm_export_job_new (f->document, NULL, WM_EXPORT_XLSX, NULL);
  g_assert_true (wm_export_job_run (job, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  node = run_python (xlsx_reader, path);
  root = json_node_get_object (node);
  sheets = json_object_get_array_member (root, "sheets");
  g_assert_cmpuint (json_array_get_length (sheets), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (sheets, 0), ==, "Indicators");
  g_assert_cmpstr (json_array_get_string_element (sheets, 1), ==, "Checklist");
  g_assert_cmpstr (json_array_get_string_element (sheets, 2), ==, "About");

  indicators = json_object_get_object_member (root, "Indicators");
  g_assert_cmpstr (json_object_get_string_member (indicators, "freeze"), ==, "A2");
  g_assert_cmpfloat (json_object_get_double_member (indicators, "width_a"), >, 8);
  rows = sheet_rows (root, "Indicators");
  /* Header, then both scenarios' rows (the active one first). */
  per_scenario = 1 + n_areas +
                 (wm_indicator_engine_get (engine, "dwellings", WM_INDICATOR_AREA_OUTSIDE,
                                           WM_INDICATOR_BASELINE) > 0 ? 1 : 0);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1 + 2 * per_scenario);

  label = wm_indicator_engine_get_label (engine, "share.social_rent");
  share_label = g_strdup_printf ("%s, after the plan", label);
  c_share = find_cell_column (rows, share_label);
  c_scenario = find_cell_column (rows, "Scenario");
  c_dwellings = find_cell_column (rows, "Dwellings after the plan");

  /* The first scenario's whole-plan row, then the second's. */
  g_assert_cmpstr (json_object_get_string_member (cell (rows, 1, c_scenario), "v"), ==, "Plan");
  g_assert_cmpstr (json_object_get_string_member (cell (rows, 1, c_share), "t"), ==, "n");
  g_assert_nonnull (strchr (json_object_get_string_member (cell (rows, 1, c_share), "f"), '%'));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (cell (rows, 1, c_share), "v"),
                                  wm_indicator_engine_get (engine, "share.social_rent", NULL,
                                                           WM_INDICATOR_PROJECTED),
                                  1e-12);
  g_assert_cmpstr (json_object_get_string_member (cell (rows, 1 + per_scenario, c_scenario), "v"),
                   ==, "Sloop");
  g_assert_cmpfloat_with_epsilon (
    json_object_get_double_member (cell (rows, 1 + per_scenario, c_share), "v"),
    wm_indicator_engine_get (second_engine, "share.social_rent", NULL, WM_INDICATOR_PROJECTED),
    1e-12);
  g_assert_cmpfloat (json_object_get_double_member (cell (rows, 1 + per_scenario, c_dwellings),
                                                    "v"),
                     ==,
                     wm_indicator_engine_get (second_engine, "dwellings", NULL,
                                              WM_INDICATOR_PROJECTED));
  g_assert_cmpfloat (json_object_get_double_member (cell (rows, 1 + per_scenario, c_dwellings),
                                                    "v"),
                     <,
                     json_object_get_double_member (cell (rows, 1, c_dwellings), "v"));

  rows = sheet_rows (root, "Checklist");
  g_assert_cmpuint (json_array_get_length (rows), ==,
                    1 + g_list_model_get_n_items (
                          wm_checklist_get_items (wm_document_get_checklist (f->document))));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (root, "Checklist"), "freeze"), ==, "A2");

  about = sheet_rows (root, "About");
  for (guint r = 0; r < json_array_get_length (about); r++)
    {
      JsonObject *value = cell (about, r, 1);
      JsonObject *field = cell (about, r, 0);
      const char *text;

      /* The demo's attribution: the base registrations it comes from. */
      if (!json_object_get_null_member (field, "v") &&
          g_str_equal (json_object_get_string_member (field, "v"), "Sources"))
        found_sources = strstr (json_object_get_string_member (value, "v"), "BGT") != NULL ||
                        strstr (json_object_get_string_member (value, "v"), "BAG") != NULL;

      if (json_object_get_null_member (value, "v") ||
          g_strcmp0 (json_object_get_string_member (value, "t"), "s") != 0)
        continue;
      text = json_object_get_string_member (value, "v");
      found_project |= g_str_equal (text, wm_plan_get_name (f->plan));
      found_illustrative |= strstr (text, "illustrative") != NULL;
    }
  g_assert_true (found_project);
  g_assert_true (found_illustrative);
  g_assert_true (found_sources);
  /* The date is a date to the spreadsheet. */
  g_assert_cmpstr (json_object_get_string_member (cell (about, 2, 1), "t"), ==, "d");
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
  GArray *fractions;
  GThread *main_thread;
  gboolean progress_off_main;
} AsyncRun;

static void
on_progress (double fraction, gpointer user_data)
{
  AsyncRun *run = user_data;

  if (g_thread_self () != run->main_thread)
    run->progress_off_main = TRUE;
  g_array_append_val (run->fractions, fraction);
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncRun *run = user_data;

  run->done = TRUE;
}

typedef struct
{
  WmExportJob *job;
  AsyncRun *run;
} Finish;

static void
on_done_finish (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Finish *finish = user_data;

  finish->run->ok = wm_export_job_run_finish (finish->job, result, &finish->run->error);
  on_done (source, result, finish->run);
}

/* In a worker, progress on the caller's thread; a cancel leaves no file behind. */
static void
test_async (Fixture *f, gconstpointer data)
{
  g_autoptr(WmExportJob) job = wm_export_job_new (f->document, NULL, WM_EXPORT_CHECKLIST_CSV,
                                                  NULL);
  g_autofree char *path = g_build_filename (f->dir, "async.csv", NULL);
  g_autofree char *cancelled_path = g_build_filename (f->dir, "cancelled.csv", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncRun run = { 0 };
  Finish finish = { job, &run };
  g_autoptr(GDir) dir = NULL;

  run.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  run.main_thread = g_thread_self ();
  wm_export_job_run_async (job, path, on_progress, &run, NULL, on_done_finish, &finish);
  wm_test_wait_for_flag (&run.done, "the export to finish");
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (run.progress_off_main);
  /* Progress that arrives after the result is dropped; what came was in order. */
  for (guint i = 1; i < run.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (run.fractions, double, i), >=,
                       g_array_index (run.fractions, double, i - 1));

  memset (&run, 0, sizeof run);
  run.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  run.main_thread = g_thread_self ();
  g_cancellable_cancel (cancellable);
  wm_export_job_run_async (job, cancelled_path, on_progress, &run, cancellable, on_done_finish,
                           &finish);
  wm_test_wait_for_flag (&run.done, "the cancelled export to finish");
  g_assert_false (run.ok);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&run.error);
  g_array_unref (run.fractions);
  g_assert_false (g_file_test (cancelled_path, G_FILE_TEST_EXISTS));
  /* No temporary file either: only the first export is there. */
  dir = g_dir_open (f->dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "async.csv");
  g_assert_null (g_dir_read_name (dir));
}

static void
test_formats (void)
{
  g_assert_cmpstr (wm_export_format_get_extension (WM_EXPORT_XLSX), ==, "xlsx");
  g_assert_cmpstr (wm_export_format_get_extension (WM_EXPORT_GEOJSON), ==, "geojson");
  g_assert_cmpstr (wm_export_format_get_mime_type (WM_EXPORT_CSV), ==, "text/csv");
  for (int i = 0; i < WM_N_EXPORT_FORMATS; i++)
    {
      g_assert_nonnull (wm_export_format_get_extension (i));
      g_assert_nonnull (wm_export_format_get_mime_type (i));
      g_assert_nonnull (strstr (wm_export_format_get_label (i), "…"));
      g_assert_cmpstr (wm_export_format_get_filter_name (i), !=, "");
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add_func ("/export-table/formats", test_formats);
  g_test_add ("/export-table/indicators-csv", Fixture, NULL, fixture_set_up, test_indicators_csv,
              fixture_tear_down);
  g_test_add ("/export-table/checklist-csv", Fixture, NULL, fixture_set_up, test_checklist_csv,
              fixture_tear_down);
  g_test_add ("/export-table/xlsx", Fixture, NULL, fixture_set_up, test_xlsx, fixture_tear_down);
  g_test_add ("/export-table/async", Fixture, NULL, fixture_set_up, test_async,
              fixture_tear_down);
  return g_test_run ();
}
