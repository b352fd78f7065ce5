/* wm-window-export.c: the Export menu: report, poster, print, map image, tables, GIS layers
 *
 * Each export is a file chooser (the format's extension added when the user leaves it out, a
 * name from the project and scenario, the last folder), then a WmExportJob made on the main
 * thread from the document and written in a worker (wm-export.h). While it runs a toast shows
 * its progress with a way to cancel; then a toast names the file with a button to open it, or
 * a dialog names the file and the problem (the job leaves nothing half-written). One export
 * runs at a time per window: the menu's entries wait while it does; closing the window cancels
 * it. The two JSON files of wijkmix-cli go through the same chooser and are written at once;
 * print is a WmPrintOperation with GTK's dialog.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wm-export-dialog.h"
#include "wm-export.h"
#include "wm-import-summary.h"
#include "wm-map-view.h"
#include "wm-print-operation.h"
#include "wm-window-private.h"

/* A toast for an export that is over this quickly would only flicker. */
#define PROGRESS_DELAY_MS 400

typedef struct
{
  WmExportFormat format;
  const char *action;
  const char *title;    /* N_(): the file chooser's */
  const char *filter;   /* N_(): its filter */
  const char *pattern;
  const char *suffix;   /* N_(): in the suggested name after project and scenario, or NULL */
  gboolean whole_plan;  /* every scenario: the name has none */
} ExportEntry;

static const ExportEntry export_entries[] = {
  { WM_EXPORT_REPORT, "win.export-report", N_("Export Workshop Report"), N_("PDF documents"),
    "*.pdf", NULL, FALSE },
  { WM_EXPORT_POSTER, "win.export-poster", N_("Export Poster"), N_("PDF documents"), "*.pdf",
    N_("poster"), FALSE },
  { WM_EXPORT_PNG, "win.export-png", N_("Export Map Image"), N_("PNG images"), "*.png", NULL,
    FALSE },
  { WM_EXPORT_CSV, "win.export-csv", N_("Export Indicators as CSV"), N_("CSV tables"), "*.csv",
    N_("indicators"), FALSE },
  { WM_EXPORT_CHECKLIST_CSV, "win.export-checklist-csv", N_("Export Checklist as CSV"),
    N_("CSV tables"), "*.csv", N_("checklist"), FALSE },
  { WM_EXPORT_XLSX, "win.export-xlsx", N_("Export Spreadsheet"), N_("Excel workbooks"),
    "*.xlsx", NULL, TRUE },
  { WM_EXPORT_GPKG, "win.export-gpkg", N_("Export GIS Layers as GeoPackage"),
    N_("GeoPackage files"), "*.gpkg", N_("GIS layers"), FALSE },
  { WM_EXPORT_GEOJSON, "win.export-geojson", N_("Export GIS Layers as GeoJSON"),
    N_("GeoJSON files"), "*.geojson", NULL, FALSE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (export_entries) == WM_N_EXPORT_FORMATS);

/* The files wijkmix-cli reads and writes (wm-window-exchange.c): small, written at once. */
typedef struct
{
  const char *action;
  const char *title;  /* N_() */
  const char *suffix; /* N_() */
  gboolean (*write) (WmWindow *self, GFile *file, GError **error);
} JsonEntry;

static const JsonEntry json_entries[] = {
  { "win.export-changes", N_("Export Changes"), N_("changes"), wm_window_export_changes },
  { "win.export-indicators", N_("Export Indicators"), N_("indicators"),
    wm_window_export_indicators },
};

/* The progress toast's text. */
static char *
running_text (WmExportFormat format, const char *name)
{
  switch (format)
    {
    case WM_EXPORT_REPORT:
      return g_strdup_printf (_("Exporting the report “%s”…"), name);
    case WM_EXPORT_POSTER:
      return g_strdup_printf (_("Exporting the poster “%s”…"), name);
    case WM_EXPORT_PNG:
      return g_strdup_printf (_("Exporting the map image “%s”…"), name);
    case WM_EXPORT_CSV:
      return g_strdup_printf (_("Exporting the indicators “%s”…"), name);
    case WM_EXPORT_CHECKLIST_CSV:
      return g_strdup_printf (_("Exporting the checklist “%s”…"), name);
    case WM_EXPORT_XLSX:
      return g_strdup_printf (_("Exporting the spreadsheet “%s”…"), name);
    case WM_EXPORT_GPKG:
    case WM_EXPORT_GEOJSON:
    case WM_N_EXPORT_FORMATS:
    default:
      return g_strdup_printf (_("Exporting the GIS layers “%s”…"), name);
    }
}

static const ExportEntry *
entry_of_format (WmExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (export_entries); i++)
    if (export_entries[i].format == format)
      return &export_entries[i];
  g_return_val_if_reached (&export_entries[0]);
}

/* The export state of one window (object data of the window). */
typedef struct
{
  WmWindow *window; /* not owned: the state lives as long as the window */
  GSettings *settings;
  /* The export running, if any. */
  GCancellable *cancellable;
  GFile *running_file;
  WmExportFormat running_format;
  AdwToast *progress_toast;
  GtkProgressBar *progress_bar;
  guint progress_timeout_id;
  double fraction;
  gboolean closed;
  guint progress_delay_ms;
  /* The map image's choices, kept for the next one. */
  int png_width, png_height;
  WmExportArea png_area;
  GtkPrintSettings *print_settings;
  GtkPrintOperation *printing; /* from win.print until its "done" */
} WindowExport;

static guint export_finished_signal;
/* Workers of every window, also of windows closed since (their exports are cancelled). */
static guint n_running_jobs;

static void
window_export_free (WindowExport *state)
{
  g_clear_handle_id (&state->progress_timeout_id, g_source_remove);
  g_clear_object (&state->settings);
  g_clear_object (&state->cancellable);
  g_clear_object (&state->running_file);
  g_clear_object (&state->progress_toast);
  g_clear_object (&state->print_settings);
  g_clear_object (&state->printing);
  g_free (state);
}

/* A closed window cancels its export: nothing is written, and nobody is left to tell (the
 * export holds the window weakly, so this comes when the window is closed). */
static void
on_window_destroy (GtkWidget *window, WindowExport *state)
{
  state->closed = TRUE;
  if (state->cancellable != NULL)
    g_cancellable_cancel (state->cancellable);
}

static WindowExport *
window_export_get (WmWindow *self)
{
  WindowExport *state = g_object_get_data (G_OBJECT (self), "wm-window-export");

  if (state == NULL)
    {
      state = g_new0 (WindowExport, 1);
      state->window = self;
      state->settings = g_settings_new (APP_ID);
      state->png_width = WM_EXPORT_DEFAULT_WIDTH;
      state->png_height = WM_EXPORT_DEFAULT_HEIGHT;
      state->png_area = WM_EXPORT_AREA_VIEW;
      state->progress_delay_ms = PROGRESS_DELAY_MS;
      g_object_set_data_full (G_OBJECT (self), "wm-window-export", state,
                              (GDestroyNotify) window_export_free);
      g_signal_connect (self, "destroy", G_CALLBACK (on_window_destroy), state);
    }
  return state;
}

static void
set_actions_enabled (WmWindow *self, gboolean enabled)
{
  for (guint i = 0; i < G_N_ELEMENTS (export_entries); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), export_entries[i].action, enabled);
}

/* "Otterlo - Plan A", with what no file system takes in a name replaced. */
static char *
project_and_scenario_name (WmWindow *self, gboolean whole_plan)
{
  WmPlan *plan = wm_window_get_plan (self);
  const char *name = plan != NULL ? wm_plan_get_name (plan) : NULL;
  WmScenario *scenario = plan != NULL ? wm_plan_get_active_scenario (plan) : NULL;
  char *result;

  if (name == NULL || *name == '\0')
    name = _("Plan");
  if (whole_plan || scenario == NULL || *wm_scenario_get_name (scenario) == '\0')
    result = g_strdup (name);
  else
    result = g_strdup_printf ("%s - %s", name, wm_scenario_get_name (scenario));
  g_strdelimit (result, "/\\:", '-');
  return result;
}

char *
wm_window_export_suggest_name (WmWindow *self, WmExportFormat format)
{
  const ExportEntry *entry = entry_of_format (format);
  g_autofree char *base = NULL;

  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  base = project_and_scenario_name (self, entry->whole_plan);
  if (entry->suffix != NULL)
    return g_strdup_printf ("%s - %s.%s", base, _(entry->suffix),
                            wm_export_format_get_extension (format));
  return g_strdup_printf ("%s.%s", base, wm_export_format_get_extension (format));
}

static GFile *
add_extension (GFile *file, const char *extension)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_utf8_strdown (name, -1);
  g_autofree char *suffix = g_strconcat (".", extension, NULL);
  g_autofree char *with_extension = NULL;
  g_autoptr (GFile) parent = NULL;

  /* Other programs (and the file manager) know the file by its extension. */
  if (g_str_has_suffix (lower, suffix))
    return g_object_ref (file);
  parent = g_file_get_parent (file);
  with_extension = g_strconcat (name, suffix, NULL);
  return g_file_get_child (parent, with_extension);
}

GFile *
wm_window_export_add_extension (GFile *file, WmExportFormat format)
{
  return add_extension (file, wm_export_format_get_extension (format));
}

/* Where the chooser opens: the last export's folder, else the project's, else Documents. */
static GFile *
start_folder (WmWindow *self, WindowExport *state)
{
  g_autofree char *last = g_settings_get_string (state->settings, "export-folder");
  WmDocument *document = wm_window_get_document (self);
  GFile *project = document != NULL ? wm_document_get_file (document) : NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (*last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (last);
  if (project != NULL)
    return g_file_get_parent (project);
  return documents != NULL ? g_file_new_for_path (documents) : NULL;
}

/* The map's own tile renderer when it draws what the export would (same colours, up to date):
 * then the export need not index the plan again. */
static WmTileRenderer *
reusable_renderer (WmMapView *view, const WmExportOptions *options)
{
  WmTileRenderer *renderer = wm_map_view_get_base_renderer (view);

  if (renderer == NULL || wm_map_view_get_housing_refresh_pending (view))
    return NULL;
  if (wm_tile_renderer_get_housing_mode (renderer) != options->housing_mode)
    return NULL;
  if (options->housing_mode == WM_HOUSING_NEUTRAL)
    return renderer;
  if (options->housing_mode == WM_HOUSING_SHARE
      && wm_tile_renderer_get_housing_segment (renderer) != options->housing_segment)
    return NULL;
  if (wm_tile_renderer_get_projected (renderer) != (options->state == WM_INDICATOR_PROJECTED))
    return NULL;
  return renderer;
}

/* What the map shows: its housing colours, and for the image its view. */
static void
options_from_map (WmWindow *self, WindowExport *state, WmExportOptions *options)
{
  WmMapView *view = wm_window_get_map_view (self);
  ShumateViewport *viewport = wm_map_view_get_viewport (view);
  int view_width = gtk_widget_get_width (GTK_WIDGET (view));
  int view_height = gtk_widget_get_height (GTK_WIDGET (view));

  wm_export_options_init (options);
  options->state = wm_map_view_get_housing_state (view);
  options->housing_mode = wm_map_view_get_layer_visible (view, "housing")
                              ? wm_map_view_get_housing_mode (view)
                              : WM_HOUSING_NEUTRAL;
  options->housing_segment = wm_map_view_get_housing_segment (view);
  options->width = state->png_width;
  options->height = state->png_height;
  options->has_view = state->png_area == WM_EXPORT_AREA_VIEW && view_width > 0
                      && view_height > 0;
  if (options->has_view)
    {
      /* At least all the window shows, however the image's shape differs from the window's. */
      double enlarge = MIN ((double) options->width / view_width,
                            (double) options->height / view_height);

      options->latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
      options->longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
      options->zoom = shumate_viewport_get_zoom_level (viewport) + log2 (enlarge);
      options->rotation = shumate_viewport_get_rotation (viewport);
    }
  options->base_renderer = reusable_renderer (view, options);
}

/* While an export runs. The window is held weakly: closing it cancels the export. */
typedef struct
{
  GWeakRef window;
  WmExportJob *job;
  GFile *file;
  GApplication *application; /* held while the worker runs */
  gboolean finished;
} ExportRun;

static void
export_run_free (ExportRun *run)
{
  g_weak_ref_clear (&run->window);
  wm_export_job_unref (run->job);
  g_object_unref (run->file);
  g_clear_object (&run->application);
  g_free (run);
}

static void
on_progress (double fraction, gpointer user_data)
{
  ExportRun *run = user_data;
  g_autoptr (WmWindow) window = NULL;
  WindowExport *state;

  if (run->finished || (window = g_weak_ref_get (&run->window)) == NULL)
    return;
  state = window_export_get (window);
  state->fraction = fraction;
  if (state->progress_bar != NULL)
    gtk_progress_bar_set_fraction (state->progress_bar, CLAMP (fraction, 0, 1));
}

static void
on_progress_cancel (AdwToast *toast, WindowExport *state)
{
  if (state->cancellable != NULL)
    g_cancellable_cancel (state->cancellable);
}

static gboolean
show_progress (gpointer user_data)
{
  WindowExport *state = user_data;
  g_autofree char *name = g_file_get_basename (state->running_file);
  g_autofree char *text = running_text (state->running_format, name);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label;
  GtkWidget *bar = gtk_progress_bar_new ();

  state->progress_timeout_id = 0;
  label = gtk_label_new (text);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), CLAMP (state->fraction, 0, 1));
  gtk_box_append (GTK_BOX (box), bar);
  state->progress_bar = GTK_PROGRESS_BAR (bar);
  g_object_add_weak_pointer (G_OBJECT (bar), (gpointer *) &state->progress_bar);

  state->progress_toast = g_object_ref_sink (adw_toast_new (""));
  adw_toast_set_custom_title (state->progress_toast, box);
  adw_toast_set_timeout (state->progress_toast, 0);
  adw_toast_set_priority (state->progress_toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (state->progress_toast, _("_Cancel"));
  g_signal_connect (state->progress_toast, "button-clicked", G_CALLBACK (on_progress_cancel),
                    state);
  wm_window_add_toast (state->window, state->progress_toast);
  return G_SOURCE_REMOVE;
}

static void
on_launched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_message ("No program opened the export: %s", error->message);
}

static void
on_open_clicked (AdwToast *toast, GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GdkAppLaunchContext *context =
      gdk_display_get_app_launch_context (gdk_display_get_default ());

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           on_launched, NULL);
  g_object_unref (context);
}

/* After the job's message (which names the file and the problem): what the user can do. */
static const char *
what_to_do (const GError *error)
{
  if (g_error_matches (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_NO_SPACE))
    return _("Nothing was written there. Make room on the disk, or choose another one.");
  if (g_error_matches (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_READ_ONLY)
      || g_error_matches (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_NOT_FOUND))
    return _("Nothing was written there. Choose another folder.");
  return _("Nothing was written there; the plan is as it was.");
}

/* "Exported “name”", with a button that opens the file. */
static void
show_exported (WmWindow *self, GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  /* A toast's title is markup. */
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *title = g_strdup_printf (_("Exported “%s”"), escaped);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Open"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_clicked),
                         g_object_ref (file), (GClosureNotify) g_object_unref, 0);
  wm_window_add_toast (self, toast);
}

static void
on_export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ExportRun *run = user_data;
  g_autoptr (WmWindow) self = g_weak_ref_get (&run->window);
  WindowExport *state;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_basename (run->file);
  gboolean ok = wm_export_job_run_finish (run->job, result, &error);

  run->finished = TRUE;
  n_running_jobs--;
  if (run->application != NULL)
    g_application_release (run->application);
  if (self == NULL)
    {
      /* Closed: the export was cancelled, and nobody is left to tell. */
      export_run_free (run);
      return;
    }
  state = window_export_get (self);
  g_clear_handle_id (&state->progress_timeout_id, g_source_remove);
  if (state->progress_toast != NULL)
    adw_toast_dismiss (state->progress_toast);
  g_clear_object (&state->progress_toast);
  g_clear_object (&state->cancellable);
  g_clear_object (&state->running_file);

  if (!state->closed)
    {
      set_actions_enabled (self, TRUE);
      if (ok)
        {
          g_autoptr (GFile) folder = g_file_get_parent (run->file);
          g_autofree char *folder_path = g_file_get_path (folder);

          if (folder_path != NULL)
            g_settings_set_string (state->settings, "export-folder", folder_path);
          show_exported (self, run->file);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        wm_window_add_toast (self, adw_toast_new (_("Export cancelled: nothing was written")));
      else
        {
          g_autofree char *heading = g_strdup_printf (_("“%s” could not be exported"), name);
          g_autofree char *body = g_strdup_printf ("%s\n\n%s", error->message,
                                                   what_to_do (error));

          wm_import_summary_show_message (GTK_WINDOW (self), heading, body);
        }
    }
  g_signal_emit (self, export_finished_signal, 0, run->file, ok);
  export_run_free (run);
}

gboolean
wm_window_export_get_running (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  return window_export_get (self)->cancellable != NULL;
}

void
wm_window_export_set_progress_delay (WmWindow *self, guint delay_ms)
{
  g_return_if_fail (WM_IS_WINDOW (self));
  window_export_get (self)->progress_delay_ms = delay_ms;
}

AdwToast *
wm_window_export_get_progress_toast (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return window_export_get (self)->progress_toast;
}

guint
wm_window_export_get_n_running_jobs (void)
{
  return n_running_jobs;
}

void
wm_window_export_cancel (WmWindow *self)
{
  WindowExport *state;

  g_return_if_fail (WM_IS_WINDOW (self));
  state = window_export_get (self);
  if (state->cancellable != NULL)
    g_cancellable_cancel (state->cancellable);
}

/* Refuses before anything starts: the message names the file and the reason. */
static void
refuse (WmWindow *self, GFile *file, const char *reason)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = g_strdup_printf (_("“%s” could not be exported"), name);

  wm_import_summary_show_message (GTK_WINDOW (self), heading, reason);
  g_signal_emit (self, export_finished_signal, 0, file, FALSE);
}

gboolean
wm_window_export_to_file (WmWindow *self, WmExportFormat format, GFile *file)
{
  WindowExport *state;
  WmDocument *document;
  WmExportOptions options;
  g_autofree char *path = NULL;
  ExportRun *run;

  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (format < WM_N_EXPORT_FORMATS, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  state = window_export_get (self);
  document = wm_window_get_document (self);
  if (document == NULL || state->cancellable != NULL)
    return FALSE;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      refuse (self, file, _("Exports are written to folders on this computer only."));
      return FALSE;
    }
  /* The project is a GeoPackage too: an export over it would destroy the plan. */
  if (wm_document_get_file (document) != NULL
      && g_file_equal (file, wm_document_get_file (document)))
    {
      refuse (self, file,
              _("This is the project's own file; the export would replace the plan. Choose "
                "another name."));
      return FALSE;
    }

  options_from_map (self, state, &options);
  run = g_new0 (ExportRun, 1);
  g_weak_ref_init (&run->window, self);
  run->file = g_object_ref (file);
  /* The job copies what it writes now, on the main thread; the user goes on editing. */
  run->job = wm_export_job_new (document, NULL, format, &options);

  state->cancellable = g_cancellable_new ();
  state->running_file = g_object_ref (file);
  state->running_format = format;
  state->fraction = 0;
  state->progress_timeout_id = g_timeout_add (state->progress_delay_ms, show_progress, state);
  set_actions_enabled (self, FALSE);
  /* The worker finishes (or cancels and cleans up) before the application may quit. */
  if (gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    {
      run->application = g_object_ref (G_APPLICATION (gtk_window_get_application (
          GTK_WINDOW (self))));
      g_application_hold (run->application);
    }
  n_running_jobs++;
  wm_export_job_run_async (run->job, path, on_progress, run, state->cancellable, on_export_done,
                           run);
  return TRUE;
}

/* The file chooser, and what its answer starts. */
typedef struct
{
  WmWindow *window;
  WmExportFormat format;
  const JsonEntry *json; /* or NULL for @format */
  GFile *file;
} ExportChoice;

/* Writes a JSON file at once: small, and g_file_replace_contents() puts it in place in one
 * step. */
static void
write_json (WmWindow *self, const JsonEntry *entry, GFile *file)
{
  WindowExport *state = window_export_get (self);
  g_autoptr (GError) error = NULL;

  if (entry->write (self, file, &error))
    {
      g_autoptr (GFile) folder = g_file_get_parent (file);
      g_autofree char *folder_path = g_file_get_path (folder);

      if (folder_path != NULL)
        g_settings_set_string (state->settings, "export-folder", folder_path);
      show_exported (self, file);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("“%s” could not be exported"), name);

      wm_import_summary_show_message (GTK_WINDOW (self), heading, error->message);
    }
}

static void
export_choice_run (ExportChoice *choice)
{
  if (choice->json != NULL)
    write_json (choice->window, choice->json, choice->file);
  else
    wm_window_export_to_file (choice->window, choice->format, choice->file);
}

static void
export_choice_free (ExportChoice *choice)
{
  g_object_unref (choice->window);
  g_clear_object (&choice->file);
  g_free (choice);
}

static void
on_replace_response (AdwMessageDialog *dialog, const char *response, ExportChoice *choice)
{
  /* Closing the dialog after a button may answer again with the close response. */
  g_signal_handlers_disconnect_by_func (dialog, on_replace_response, choice);
  if (g_str_equal (response, "replace"))
    export_choice_run (choice);
  export_choice_free (choice);
}

static void
on_file_chosen (GtkNativeDialog *chooser, int response, ExportChoice *choice)
{
  g_autoptr (GFile) chosen = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;
  chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  choice->file = choice->json != NULL ? add_extension (chosen, "json")
                                      : wm_window_export_add_extension (chosen, choice->format);
  /* The chooser asked about replacing the name it was given, not about the one with the
   * extension added. */
  if (!g_file_equal (chosen, choice->file) && g_file_query_exists (choice->file, NULL))
    {
      g_autofree char *name = g_file_get_basename (choice->file);
      g_autoptr (GFile) folder = g_file_get_parent (choice->file);
      g_autofree char *folder_name = g_file_get_basename (folder);
      g_autofree char *heading = g_strdup_printf (_("Replace “%s”?"), name);
      g_autofree char *body = g_strdup_printf (
          _("A file with this name already exists in “%s”. Replacing it overwrites its "
            "contents."),
          folder_name);
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (choice->window), heading, body);

      gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                        "replace", _("_Replace"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response), choice);
      gtk_window_present (GTK_WINDOW (dialog));
      gtk_native_dialog_destroy (chooser);
      g_object_unref (chooser);
      return;
    }
  export_choice_run (choice);
out:
  export_choice_free (choice);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_file (WmWindow *self, WmExportFormat format)
{
  const ExportEntry *entry = entry_of_format (format);
  WindowExport *state = window_export_get (self);
  ExportChoice *choice = g_new0 (ExportChoice, 1);
  g_autoptr (GFile) folder = start_folder (self, state);
  g_autofree char *suggested = wm_window_export_suggest_name (self, format);

  choice->window = g_object_ref (self);
  choice->format = format;
  wm_import_summary_choose_save_file (GTK_WINDOW (self), _(entry->title), _("_Export"),
                                      _(entry->filter), entry->pattern,
                                      wm_export_format_get_mime_type (format), folder,
                                      suggested, G_CALLBACK (on_file_chosen), choice);
}

static void
on_json_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WmWindow *self = WM_WINDOW (widget);
  WindowExport *state = window_export_get (self);

  if (wm_window_get_document (self) == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (json_entries); i++)
    if (g_str_equal (action_name, json_entries[i].action))
      {
        ExportChoice *choice = g_new0 (ExportChoice, 1);
        g_autoptr (GFile) folder = start_folder (self, state);
        g_autofree char *base = project_and_scenario_name (self, FALSE);
        g_autofree char *suggested = g_strdup_printf ("%s - %s.json", base,
                                                      _(json_entries[i].suffix));

        choice->window = g_object_ref (self);
        choice->json = &json_entries[i];
        wm_import_summary_choose_save_file (GTK_WINDOW (self), _(json_entries[i].title),
                                            _("_Export"), _("JSON files"), "*.json",
                                            "application/json", folder, suggested,
                                            G_CALLBACK (on_file_chosen), choice);
        return;
      }
}

static void
on_png_options_chosen (WmExportDialog *dialog, WmWindow *self)
{
  WindowExport *state = window_export_get (self);

  wm_export_dialog_get_size (dialog, &state->png_width, &state->png_height);
  state->png_area = wm_export_dialog_get_area (dialog);
  choose_file (self, WM_EXPORT_PNG);
}

WmExportDialog *
wm_window_export_show_png_dialog (WmWindow *self)
{
  WindowExport *state = window_export_get (self);
  WmMapView *view = wm_window_get_map_view (self);
  WmExportDialog *dialog =
      wm_export_dialog_new (GTK_WINDOW (self), wm_map_view_get_housing_state (view));

  wm_export_dialog_set_size (dialog, state->png_width, state->png_height);
  wm_export_dialog_set_area (dialog, state->png_area);
  g_signal_connect_object (dialog, "export", G_CALLBACK (on_png_options_chosen), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_export_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WmWindow *self = WM_WINDOW (widget);

  if (wm_window_get_document (self) == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (export_entries); i++)
    if (g_str_equal (action_name, export_entries[i].action))
      {
        if (export_entries[i].format == WM_EXPORT_PNG)
          wm_window_export_show_png_dialog (self);
        else
          choose_file (self, export_entries[i].format);
        return;
      }
}

static void
on_print_done (GtkPrintOperation *operation, GtkPrintOperationResult result, WmWindow *self)
{
  WindowExport *state = window_export_get (self);

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&state->print_settings, gtk_print_operation_get_print_settings (operation));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR && !state->closed)
    {
      g_autoptr (GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      wm_import_summary_show_message (GTK_WINDOW (self), _("The report could not be printed"),
                                      error != NULL ? error->message : "");
    }
  if (state->printing == operation)
    {
      if (!state->closed)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", TRUE);
      g_clear_object (&state->printing);
    }
}

WmPrintOperation *
wm_window_export_new_print_operation (WmWindow *self, WmReportKind kind)
{
  WmDocument *document = wm_window_get_document (self);
  WindowExport *state = window_export_get (self);
  WmExportOptions options;
  WmPrintOperation *operation;

  g_return_val_if_fail (document != NULL, NULL);
  options_from_map (self, state, &options);
  operation = wm_print_operation_new (document, NULL, kind, options.base_renderer);
  if (state->print_settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (operation),
                                            state->print_settings);
  return operation;
}

GtkPrintOperation *
wm_window_export_get_printing (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return window_export_get (self)->printing;
}

static void
on_print_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WmWindow *self = WM_WINDOW (widget);
  WindowExport *state = window_export_get (self);
  GtkPrintOperation *operation;
  g_autoptr (GError) error = NULL;
  GtkPrintOperationResult result;

  if (wm_window_get_document (self) == NULL || state->printing != NULL)
    return;
  operation = GTK_PRINT_OPERATION (wm_window_export_new_print_operation (self,
                                                                         WM_REPORT_WORKSHOP));
  state->printing = operation;
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  gtk_widget_action_set_enabled (widget, "win.print", FALSE);
  /* Asynchronous: GTK keeps the operation while it runs and emits "done" at the end, also
   * when the dialog is cancelled. An error before it started comes back here. */
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && state->printing == operation)
    {
      wm_import_summary_show_message (GTK_WINDOW (self), _("The report could not be printed"),
                                      error != NULL ? error->message : "");
      gtk_widget_action_set_enabled (widget, "win.print", TRUE);
      g_clear_object (&state->printing);
    }
}

static void
on_show_export_menu_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_menu_button_popup (wm_window_get_export_button (WM_WINDOW (widget)));
}

void
wm_window_export_install_actions (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (export_entries); i++)
    gtk_widget_class_install_action (widget_class, export_entries[i].action, NULL,
                                     on_export_activated);
  for (guint i = 0; i < G_N_ELEMENTS (json_entries); i++)
    gtk_widget_class_install_action (widget_class, json_entries[i].action, NULL,
                                     on_json_activated);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, on_print_activated);
  gtk_widget_class_install_action (widget_class, "win.show-export-menu", NULL,
                                   on_show_export_menu_activated);
  /* (GFile *file, gboolean written): an export started by wm_window_export_to_file() ended. */
  export_finished_signal = g_signal_new ("export-finished", G_TYPE_FROM_CLASS (widget_class),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                         G_TYPE_FILE, G_TYPE_BOOLEAN);
}
