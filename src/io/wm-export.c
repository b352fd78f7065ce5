/* wm-export.c: every way a plan leaves Wijkmix, behind one job for the window and the CLI */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <cairo.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wm-export-table.h"
#include "wm-export-vector.h"
#include "wm-export.h"
#include "wm-file-commit.h"
#include "wm-map-scene.h"
#include "wm-report.h"

G_DEFINE_QUARK (wm-export-error-quark, wm_export_error)

typedef struct
{
  const char *extension;
  const char *mime_type;
  const char *label;
  const char *filter_name;
} FormatInfo;

static const FormatInfo formats[WM_N_EXPORT_FORMATS] = {
  [WM_EXPORT_REPORT] = { "pdf", "application/pdf", N_("PDF _Report…"), N_("PDF documents") },
  [WM_EXPORT_POSTER] = { "pdf", "application/pdf", N_("A3 _Poster (PDF)…"), N_("PDF documents") },
  [WM_EXPORT_PNG] = { "png", "image/png", N_("Map _Image (PNG)…"), N_("PNG images") },
  [WM_EXPORT_CSV] = { "csv", "text/csv", N_("_Indicators (CSV)…"), N_("CSV files") },
  [WM_EXPORT_CHECKLIST_CSV] = { "csv", "text/csv", N_("_Checklist (CSV)…"), N_("CSV files") },
  [WM_EXPORT_XLSX] = { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       N_("_Spreadsheet (XLSX)…"), N_("Excel workbooks") },
  [WM_EXPORT_GPKG] = { "gpkg", "application/geopackage+sqlite3", N_("_GeoPackage for GIS…"),
                       N_("GeoPackage files") },
  [WM_EXPORT_GEOJSON] = { "geojson", "application/geo+json", N_("Geo_JSON for GIS…"),
                          N_("GeoJSON files") },
};

const char *
wm_export_format_get_extension (WmExportFormat format)
{
  g_return_val_if_fail ((guint) format < WM_N_EXPORT_FORMATS, NULL);
  return formats[format].extension;
}

const char *
wm_export_format_get_mime_type (WmExportFormat format)
{
  g_return_val_if_fail ((guint) format < WM_N_EXPORT_FORMATS, NULL);
  return formats[format].mime_type;
}

const char *
wm_export_format_get_label (WmExportFormat format)
{
  g_return_val_if_fail ((guint) format < WM_N_EXPORT_FORMATS, NULL);
  return _(formats[format].label);
}

const char *
wm_export_format_get_filter_name (WmExportFormat format)
{
  g_return_val_if_fail ((guint) format < WM_N_EXPORT_FORMATS, NULL);
  return _(formats[format].filter_name);
}

void
wm_export_options_init (WmExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->width = WM_EXPORT_DEFAULT_WIDTH;
  options->height = WM_EXPORT_DEFAULT_HEIGHT;
  options->state = WM_INDICATOR_PROJECTED;
  options->housing_mode = WM_HOUSING_DOMINANT;
  options->housing_segment = WM_SEGMENT_SOCIAL_RENT;
}

struct _WmExportJob
{
  gatomicrefcount ref_count;
  WmExportFormat format;
  /* CSV, checklist CSV: one table; XLSX: the sheets. */
  GPtrArray *tables;      /* WmExportTable */
  GPtrArray *sheet_names; /* char* */
  WmExportVector *vector;
  WmReport *report;
  WmMapScene *scene;
  /* PNG */
  int width, height;
  double scale;
  gboolean has_view;
  double latitude, longitude, zoom, rotation;
};

/* The engine of @scenario: the document's when it follows that one, else a new one. */
static WmIndicatorEngine *
engine_for (WmDocument *document, WmScenario *scenario)
{
  WmIndicatorEngine *engine = wm_document_get_engine (document);

  if (wm_indicator_engine_get_scenario (engine) == scenario)
    return g_object_ref (engine);
  return wm_indicator_engine_new (wm_document_get_plan (document), scenario);
}

static WmExportTable *
checklist_table (WmDocument *document, WmScenario *scenario)
{
  WmChecklist *checklist = wm_document_get_checklist (document);
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(WmChecklist) own = NULL;

  if (wm_checklist_get_scenario (checklist) == scenario)
    return wm_export_table_new_checklist (checklist);
  /* Another scenario's checklist, with the document's catalogue; the user's entries are the
   * plan's, kept per scenario. */
  engine = engine_for (document, scenario);
  own = wm_checklist_new (engine, wm_checklist_get_catalogue (checklist));
  return wm_export_table_new_checklist (own);
}

static void
make_xlsx (WmExportJob *self, WmDocument *document, WmScenario *scenario)
{
  WmPlan *plan = wm_document_get_plan (document);
  GListModel *scenarios = wm_plan_get_scenarios (plan);
  guint n = g_list_model_get_n_items (scenarios);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  WmExportTable *indicators = NULL;

  /* Every scenario's rows, the active one first. */
  for (guint i = 0; i <= n; i++)
    {
      g_autoptr(WmScenario) other = i == 0 ? g_object_ref (scenario)
                                           : g_list_model_get_item (scenarios, i - 1);
      g_autoptr(WmIndicatorEngine) engine = NULL;
      g_autoptr(WmExportTable) table = NULL;

      if (i > 0 && other == scenario)
        continue;
      engine = engine_for (document, other);
      table = wm_export_table_new_indicators (engine);
      g_ptr_array_add (names, (gpointer) wm_scenario_get_name (other));
      if (indicators == NULL)
        indicators = g_steal_pointer (&table);
      else
        wm_export_table_append (indicators, table);
    }
  g_ptr_array_add (names, NULL);

  g_ptr_array_add (self->tables, indicators);
  g_ptr_array_add (self->sheet_names, g_strdup (_("Indicators")));
  g_ptr_array_add (self->tables, checklist_table (document, scenario));
  g_ptr_array_add (self->sheet_names, g_strdup (_("Checklist")));
  g_ptr_array_add (self->tables,
                   wm_export_table_new_about (plan, (const char *const *) names->pdata, now));
  g_ptr_array_add (self->sheet_names, g_strdup (_("About")));
}

static void
make_scene (WmExportJob *self, WmDocument *document, WmScenario *scenario,
            const WmExportOptions *options)
{
  g_autoptr(WmIndicatorEngine) engine = engine_for (document, scenario);
  WmMapSceneOptions scene_options;

  wm_map_scene_options_init (&scene_options);
  scene_options.state = options->state;
  scene_options.housing_mode = options->housing_mode;
  scene_options.housing_segment = options->housing_segment;
  self->scene = wm_map_scene_new (wm_document_get_plan (document), scenario, engine,
                                  &scene_options, options->base_renderer);
}

WmExportJob *
wm_export_job_new (WmDocument            *document,
                   WmScenario            *scenario,
                   WmExportFormat         format,
                   const WmExportOptions *options)
{
  WmExportOptions defaults;
  WmExportJob *self;
  WmPlan *plan;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail ((guint) format < WM_N_EXPORT_FORMATS, NULL);

  if (options == NULL)
    {
      wm_export_options_init (&defaults);
      options = &defaults;
    }
  plan = wm_document_get_plan (document);
  if (scenario == NULL)
    scenario = wm_plan_get_active_scenario (plan);

  self = g_new0 (WmExportJob, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->format = format;
  self->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_export_table_free);
  self->sheet_names = g_ptr_array_new_with_free_func (g_free);
  self->width = options->width > 0 ? options->width : WM_EXPORT_DEFAULT_WIDTH;
  self->height = options->height > 0 ? options->height : WM_EXPORT_DEFAULT_HEIGHT;
  /* Lines and text grow with the picture: 1 at full HD, as on a screen. */
  self->scale = options->scale > 0 ? options->scale
                                   : MAX (1.0, MIN (self->width, self->height) / 1080.0);
  self->has_view = options->has_view;
  self->latitude = options->latitude;
  self->longitude = options->longitude;
  self->zoom = options->zoom;
  self->rotation = options->rotation;

  switch (format)
    {
    case WM_EXPORT_REPORT:
    case WM_EXPORT_POSTER:
      self->report = wm_report_new (document, scenario,
                                    format == WM_EXPORT_REPORT ? WM_REPORT_WORKSHOP
                                                               : WM_REPORT_POSTER,
                                    options->author, options->base_renderer);
      break;
    case WM_EXPORT_PNG:
      make_scene (self, document, scenario, options);
      break;
    case WM_EXPORT_CSV:
      {
        g_autoptr(WmIndicatorEngine) engine = engine_for (document, scenario);

        g_ptr_array_add (self->tables, wm_export_table_new_indicators (engine));
      }
      break;
    case WM_EXPORT_CHECKLIST_CSV:
      g_ptr_array_add (self->tables, checklist_table (document, scenario));
      break;
    case WM_EXPORT_XLSX:
      make_xlsx (self, document, scenario);
      break;
    case WM_EXPORT_GPKG:
    case WM_EXPORT_GEOJSON:
      self->vector = wm_export_vector_new (plan, scenario);
      break;
    case WM_N_EXPORT_FORMATS:
    default:
      g_assert_not_reached ();
    }
  return self;
}

WmExportJob *
wm_export_job_ref (WmExportJob *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wm_export_job_unref (WmExportJob *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->tables);
  g_ptr_array_unref (self->sheet_names);
  wm_export_vector_free (self->vector);
  g_clear_pointer (&self->report, wm_report_unref);
  g_clear_pointer (&self->scene, wm_map_scene_unref);
  g_free (self);
}

WmExportFormat
wm_export_job_get_format (WmExportJob *self)
{
  g_return_val_if_fail (self != NULL, WM_EXPORT_CSV);
  return self->format;
}

typedef struct
{
  FILE *file;
  int errsv;
} PngStream;

static cairo_status_t
write_png_chunk (void *closure, const unsigned char *data, unsigned int length)
{
  PngStream *stream = closure;

  if (fwrite (data, 1, length, stream->file) != length)
    {
      stream->errsv = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_png (WmExportJob          *self,
           const char           *path,
           WmExportProgressFunc  progress,
           gpointer              user_data,
           GCancellable         *cancellable,
           GError              **error)
{
  g_autoptr(WmFileCommit) commit = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  WmMapTransform transform;
  PngStream stream = { NULL, 0 };

  if (self->has_view)
    wm_map_transform_init (&transform, self->latitude, self->longitude, self->zoom,
                           self->rotation, self->width, self->height);
  else
    {
      WmBounds bounds = wm_map_scene_get_bounds (self->scene);

      wm_map_transform_init_for_bounds (&transform, &bounds, self->width, self->height,
                                        0.05 * MIN (self->width, self->height));
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, self->width, self->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_FAILED,
                   _("Could not write “%s”: an image of %d × %d pixels is too large"), path,
                   self->width, self->height);
      return FALSE;
    }
  cr = cairo_create (surface);
  /* A slide wants an opaque picture. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  wm_map_scene_draw_framed (self->scene, cr, &transform, self->width, self->height, self->scale,
                            WM_MAP_SCENE_BASE_AUTO);
  cairo_destroy (cr);
  if (progress != NULL)
    progress (0.8, user_data);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  commit = wm_file_commit_begin (path, error);
  if (commit == NULL)
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  stream.file = g_fopen (wm_file_commit_get_temp_path (commit), "wb");
  if (stream.file == NULL)
    stream.errsv = errno;
  else
    {
      status = cairo_surface_write_to_png_stream (surface, write_png_chunk, &stream);
      if (fclose (stream.file) != 0 && stream.errsv == 0)
        stream.errsv = errno;
      if (status != CAIRO_STATUS_SUCCESS && stream.errsv == 0)
        {
          cairo_surface_destroy (surface);
          g_set_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_FAILED,
                       _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
          return FALSE;
        }
    }
  cairo_surface_destroy (surface);
  if (stream.errsv != 0)
    {
      g_propagate_error (error, wm_file_commit_error_from_errno (path, stream.errsv));
      return FALSE;
    }
  return wm_file_commit_finish (g_steal_pointer (&commit), error);
}

/* Into our domain, the message kept: wm-file-commit and the writers name the file. A cancel
 * stays G_IO_ERROR_CANCELLED, as GIO callers expect. */
static void
propagate (GError **error, GError *local, const char *path)
{
  WmExportError code = WM_EXPORT_ERROR_FAILED;
  g_autofree char *base = g_path_get_basename (path);

  if (local->domain == WM_EXPORT_ERROR || g_error_matches (local, G_IO_ERROR,
                                                           G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, local);
      return;
    }
  if (local->domain == G_IO_ERROR)
    switch (local->code)
      {
      case G_IO_ERROR_NO_SPACE:
        code = WM_EXPORT_ERROR_NO_SPACE;
        break;
      case G_IO_ERROR_PERMISSION_DENIED:
      case G_IO_ERROR_READ_ONLY:
        code = WM_EXPORT_ERROR_READ_ONLY;
        break;
      case G_IO_ERROR_NOT_FOUND:
      case G_IO_ERROR_NOT_DIRECTORY:
        code = WM_EXPORT_ERROR_NOT_FOUND;
        break;
      default:
        break;
      }
  if (strstr (local->message, base) != NULL)
    g_set_error_literal (error, WM_EXPORT_ERROR, code, local->message);
  else
    g_set_error (error, WM_EXPORT_ERROR, code, _("Could not write “%s”: %s"), path,
                 local->message);
  g_error_free (local);
}

gboolean
wm_export_job_run (WmExportJob          *self,
                   const char           *path,
                   WmExportProgressFunc  progress,
                   gpointer              user_data,
                   GCancellable         *cancellable,
                   GError              **error)
{
  GError *local = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (self != NULL && path != NULL, FALSE);

  if (progress != NULL)
    progress (0.0, user_data);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  switch (self->format)
    {
    case WM_EXPORT_REPORT:
    case WM_EXPORT_POSTER:
      ok = wm_report_write_pdf (self->report, path, progress, user_data, cancellable, &local);
      break;
    case WM_EXPORT_PNG:
      ok = write_png (self, path, progress, user_data, cancellable, &local);
      break;
    case WM_EXPORT_CSV:
    case WM_EXPORT_CHECKLIST_CSV:
      ok = wm_export_table_write_csv (g_ptr_array_index (self->tables, 0), path, &local);
      break;
    case WM_EXPORT_XLSX:
      ok = wm_export_table_write_xlsx ((const WmExportTable *const *) self->tables->pdata,
                                       (const char *const *) self->sheet_names->pdata,
                                       self->tables->len, path, &local);
      break;
    case WM_EXPORT_GPKG:
      ok = wm_export_vector_write_gpkg (self->vector, path, &local);
      break;
    case WM_EXPORT_GEOJSON:
      ok = wm_export_vector_write_geojson (self->vector, path, &local);
      break;
    case WM_N_EXPORT_FORMATS:
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    {
      propagate (error, local, path);
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}

/* Asynchronous runs: the worker's progress goes to the caller's main context. */

typedef struct
{
  WmExportJob *job;
  char *path;
  WmExportProgressFunc progress;
  gpointer progress_data;
} RunData;

static void
run_data_free (RunData *data)
{
  wm_export_job_unref (data->job);
  g_free (data->path);
  g_free (data);
}

typedef struct
{
  GTask *task;
  double fraction;
} ProgressReport;

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressReport *report = user_data;
  RunData *data = g_task_get_task_data (report->task);

  /* Nothing after the result: the caller may have let go of its progress data. */
  if (!g_task_get_completed (report->task))
    data->progress (report->fraction, data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (ProgressReport *report)
{
  g_object_unref (report->task);
  g_free (report);
}

static void
forward_progress (double fraction, gpointer user_data)
{
  GTask *task = user_data;
  ProgressReport *report = g_new (ProgressReport, 1);

  g_autoptr(GSource) source = g_idle_source_new ();

  report->task = g_object_ref (task);
  report->fraction = fraction;
  /* A source, not g_main_context_invoke(): that calls here, in the worker, whenever no thread
   * holds the caller's context at this moment. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_progress, report, (GDestroyNotify) progress_report_free);
  g_source_set_static_name (source, "[wijkmix] export progress");
  g_source_attach (source, g_task_get_context (task));
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;

  if (wm_export_job_run (data->job, data->path, data->progress != NULL ? forward_progress : NULL,
                         task, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
wm_export_job_run_async (WmExportJob          *self,
                         const char           *path,
                         WmExportProgressFunc  progress,
                         gpointer              progress_data,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (self != NULL && path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wm_export_job_run_async);
  g_task_set_name (task, "[wijkmix] export");
  /* The worker finishes its step and cleans up; the result says cancelled. */
  g_task_set_return_on_cancel (task, FALSE);
  data = g_new0 (RunData, 1);
  data->job = wm_export_job_ref (self);
  data->path = g_strdup (path);
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

gboolean
wm_export_job_run_finish (WmExportJob   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wm_export_job_run_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
