/* test-export-job.c: the export job: PNG of a view or fitted, progress, cancel, errors */
#include "config.h"

#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "wm-core.h"
#include "wm-demo.h"
#include "wm-document.h"
#include "wm-export.h"
#include "wm-test-fonts.h"
#include "wm-test-util.h"

typedef struct
{
  char *dir;
  WmDocument *document;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmPlan) plan = wm_demo_load (&error);

  g_assert_no_error (error);
  f->document = wm_document_new (plan, NULL);
  f->dir = g_dir_make_tmp ("wijkmix-export-job-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  wm_test_remove_dir (f->dir);
  g_free (f->dir);
  g_object_unref (f->document);
}

static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  GString *names = g_string_new (NULL);
  const char *name;

  while ((name = g_dir_read_name (handle)) != NULL)
    g_string_append_printf (names, "%s ", name);
  return g_string_free (names, FALSE);
}

/* How many pixels differ from the white the picture starts with, and from each other. */
static guint
count_coloured (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if ((*(const guint32 *) (data + y * stride + 4 * x) & 0xffffff) != 0xffffff)
        n++;
  return n;
}

static gboolean
same_pixels (cairo_surface_t *a, cairo_surface_t *b)
{
  int height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);

  return stride == cairo_image_surface_get_stride (b) &&
         height == cairo_image_surface_get_height (b) &&
         memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) stride * height) == 0;
}

static void
record_progress (double fraction, gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, fraction);
}

/* The size asked for; fitted to the areas without a view, the view's centre otherwise. */
static void
test_png (Fixture *f, gconstpointer data)
{
  g_autofree char *fitted_path = g_build_filename (f->dir, "fitted.png", NULL);
  g_autofree char *view_path = g_build_filename (f->dir, "view.png", NULL);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  WmExportOptions options;
  cairo_surface_t *fitted, *view;

  wm_export_options_init (&options);
  g_assert_cmpint (options.width, ==, 1920);
  g_assert_cmpint (options.height, ==, 1080);
  g_assert_false (options.has_view);
  options.width = 640;
  options.height = 480;
  {
    g_autoptr(WmExportJob) job = wm_export_job_new (f->document, NULL, WM_EXPORT_PNG, &options);

    g_assert_cmpint (wm_export_job_get_format (job), ==, WM_EXPORT_PNG);
    g_assert_true (wm_export_job_run (job, fitted_path, record_progress, fractions, NULL,
                                      &error));
    g_assert_no_error (error);
  }
  /* From 0 to 1, in order. */
  g_assert_cmpuint (fractions->len, >=, 2);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                       g_array_index (fractions, double, i - 1));

  /* Zoomed in far on a field at the edge of the demo: another picture. */
  options.has_view = TRUE;
  options.latitude = 52.1035;
  options.longitude = 5.7755;
  options.zoom = 18;
  {
    g_autoptr(WmExportJob) job = wm_export_job_new (f->document, NULL, WM_EXPORT_PNG, &options);

    g_assert_true (wm_export_job_run (job, view_path, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }

  fitted = cairo_image_surface_create_from_png (fitted_path);
  view = cairo_image_surface_create_from_png (view_path);
  g_assert_cmpint (cairo_surface_status (fitted), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (view), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (fitted), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (fitted), ==, 480);
  /* A map, not a white page; and the view shows something else than the whole. */
  g_assert_cmpuint (count_coloured (fitted), >, 640 * 480 / 2);
  g_assert_false (same_pixels (fitted, view));
  cairo_surface_destroy (fitted);
  cairo_surface_destroy (view);
}

typedef struct
{
  GCancellable *cancellable;
  guint calls;
} CancelAt;

/* Cancels at the first page: the report stops at the next. */
static void
cancel_on_progress (double fraction, gpointer user_data)
{
  CancelAt *at = user_data;

  at->calls++;
  if (fraction > 0)
    g_cancellable_cancel (at->cancellable);
}

/* A cancel part-way through leaves nothing: no report, no temporary file, an old file as it
 * was. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "rapport.pdf", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(WmExportJob) job = wm_export_job_new (f->document, NULL, WM_EXPORT_REPORT, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *listed = NULL;
  CancelAt at = { cancellable, 0 };

  g_assert_true (g_file_set_contents (path, "old report", -1, NULL));
  g_assert_false (wm_export_job_run (job, path, cancel_on_progress, &at, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (at.calls, >=, 2);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old report");
  listed = list_dir (f->dir);
  g_assert_cmpstr (listed, ==, "rapport.pdf ");
}

/* Failures in WM_EXPORT_ERROR with the file named; an old file stays as it was. */
static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->dir, "weg", "wijk.xlsx", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "map.png", NULL);
  g_autofree char *big_path = g_build_filename (f->dir, "groot.png", NULL);
  g_autoptr(GError) error = NULL;
  WmExportOptions options;

  {
    g_autoptr(WmExportJob) job = wm_export_job_new (f->document, NULL, WM_EXPORT_XLSX, NULL);

    g_assert_false (wm_export_job_run (job, missing, NULL, NULL, NULL, &error));
    g_assert_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, missing));
    g_clear_error (&error);
  }
  {
    g_autoptr(WmExportJob) job = wm_export_job_new (f->document, NULL, WM_EXPORT_GEOJSON, NULL);

    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    g_assert_false (wm_export_job_run (job, folder, NULL, NULL, NULL, &error));
    g_assert_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, folder));
    g_clear_error (&error);
    g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
    g_rmdir (folder);
  }
  {
    g_autoptr(WmExportJob) job = NULL;

    /* More pixels than cairo draws: refused with the size, nothing written. */
    wm_export_options_init (&options);
    options.width = 40000;
    options.height = 40000;
    job = wm_export_job_new (f->document, NULL, WM_EXPORT_PNG, &options);
    g_assert_false (wm_export_job_run (job, big_path, NULL, NULL, NULL, &error));
    g_assert_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, big_path));
    g_assert_nonnull (strstr (error->message, "40000"));
    g_assert_false (g_file_test (big_path, G_FILE_TEST_EXISTS));
  }
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add ("/export-job/png", Fixture, NULL, fixture_set_up, test_png, fixture_tear_down);
  g_test_add ("/export-job/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/export-job/errors", Fixture, NULL, fixture_set_up, test_errors,
              fixture_tear_down);
  status = g_test_run ();
  wm_test_release_fonts ();
  return status;
}
