/* wm-export.h: every way a plan leaves Wijkmix, behind one job for the window and the CLI
 *
 * wm_export_job_new() runs on the main thread and copies what the format needs from the
 * document (a WmReport, a WmMapScene, rows of figures, proposal and facility features) into
 * plain data; wm_export_job_run() then writes it from any thread, atomically (wm-file-commit):
 * on an error or a cancel nothing at the target changes and the message names the file and
 * the problem.
 */
#pragma once

#include <gio/gio.h>

#include "wm-document.h"
#include "wm-indicator-engine.h"
#include "wm-map-style.h"
#include "wm-tile-renderer.h"

G_BEGIN_DECLS

/* Every failure of a run, except a cancel (G_IO_ERROR_CANCELLED); the message names the file
 * and the problem. */
#define WM_EXPORT_ERROR (wm_export_error_quark ())
GQuark wm_export_error_quark (void);
typedef enum
{
  WM_EXPORT_ERROR_FAILED,    /* anything else (the message says what) */
  WM_EXPORT_ERROR_READ_ONLY, /* the folder cannot be written */
  WM_EXPORT_ERROR_NOT_FOUND, /* the folder does not exist */
  WM_EXPORT_ERROR_NO_SPACE,  /* the disk is full */
} WmExportError;

typedef enum
{
  WM_EXPORT_REPORT,        /* PDF workshop report, A4 portrait */
  WM_EXPORT_POSTER,        /* PDF poster, A3 landscape */
  WM_EXPORT_PNG,           /* the map with legend, scale bar and attribution */
  WM_EXPORT_CSV,           /* the indicators, one row per area */
  WM_EXPORT_CHECKLIST_CSV, /* the checklist, one row per item */
  WM_EXPORT_XLSX,          /* indicators per area and scenario, and the checklist */
  WM_EXPORT_GPKG,          /* proposals and facilities with their attributes */
  WM_EXPORT_GEOJSON,       /* the same in one GeoJSON file (WGS84) */
  WM_N_EXPORT_FORMATS
} WmExportFormat;

/* "pdf", "png", "csv", "xlsx", "gpkg", "geojson". */
const char *wm_export_format_get_extension (WmExportFormat format);
const char *wm_export_format_get_mime_type (WmExportFormat format);
/* Translated menu label ("PDF Report…") and file chooser filter name. */
const char *wm_export_format_get_label (WmExportFormat format);
const char *wm_export_format_get_filter_name (WmExportFormat format);

#define WM_EXPORT_DEFAULT_WIDTH 1920
#define WM_EXPORT_DEFAULT_HEIGHT 1080
/* The largest PNG side (pixels) the CLI accepts. */
#define WM_EXPORT_MAX_SIDE 16384

typedef struct
{
  /* PNG: pixels (default 1920 x 1080) and the view; without a view the map is fitted to the
   * planning areas. */
  int width, height;
  /* PNG: line widths and text sizes (0: by the size, 1 up to 1080 pixels high). */
  double scale;
  gboolean has_view;
  double latitude, longitude, zoom, rotation;
  /* PNG (the report shows both): housing colours now or after the plan, and how. */
  WmIndicatorState state;
  WmHousingMode housing_mode;
  WmSegment housing_segment;
  /* Report and poster: who made it (NULL: the user's real name). */
  const char *author;
  /* The live map's tile renderer of base map and housing, reused (may be NULL). */
  WmTileRenderer *base_renderer;
} WmExportOptions;

void wm_export_options_init (WmExportOptions *options);

typedef struct _WmExportJob WmExportJob;

/* Main thread. @scenario NULL: the active one (XLSX holds every scenario). */
WmExportJob *wm_export_job_new (WmDocument *document, WmScenario *scenario,
                                WmExportFormat format, const WmExportOptions *options);
WmExportJob *wm_export_job_ref (WmExportJob *self);
void wm_export_job_unref (WmExportJob *self);
WmExportFormat wm_export_job_get_format (WmExportJob *self);

typedef void (*WmExportProgressFunc) (double fraction, gpointer user_data);

/* Any thread. @progress (may be NULL) is called from the running thread. */
gboolean wm_export_job_run (WmExportJob *self, const char *path, WmExportProgressFunc progress,
                            gpointer user_data, GCancellable *cancellable, GError **error);
/* In a worker thread; @progress is called in the caller's main context. */
void wm_export_job_run_async (WmExportJob *self, const char *path,
                              WmExportProgressFunc progress, gpointer progress_data,
                              GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data);
gboolean wm_export_job_run_finish (WmExportJob *self, GAsyncResult *result, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmExportJob, wm_export_job_unref)

G_END_DECLS
