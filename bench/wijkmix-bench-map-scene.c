/* wijkmix-bench-map-scene.c: the map of a city on paper, its base map as paths or as an image
 *
 * The synthetic city (wm-bench-city.h, with its base map green) as WmMapScene draws it into a
 * PDF, at the map sizes of the A4 report and the A3 poster, fitted to the city and zoomed in
 * step by step: for each view the base-map features in it, then time and file size with the
 * base map as paths (WM_MAP_SCENE_BASE_VECTOR) and as one image at 200 dpi (RASTER), median
 * of three, in processor time. WM_MAP_SCENE_VECTOR_MAX_FEATURES (wm-map-scene.h) comes from
 * these figures. The same views on an image surface (a PNG at 2x the point size) show what
 * PNG export costs.
 *
 *   wijkmix-bench-map-scene [BUILDINGS [AREAS]]   (default 100,000 and 500)
 *   WM_BENCH_SCENE_DIR=DIR keeps the PDFs there.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>

#include <cairo-pdf.h>

#include "wm-bench-city.h"
#include "wm-core.h"
#include "wm-crs.h"
#include "wm-map-scene.h"

#define N_RUNS 3

typedef struct
{
  const char *name;
  double width, height; /* points */
} MapSize;

/* The map on an A4 page with 2 cm margins, and most of an A3 landscape poster. */
static const MapSize sizes[] = {
  { "A4", 515, 600 },
  { "A3", 1020, 700 },
};

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Processor time of this process (which draws in one thread): what the drawing costs, also
 * while other processes share the machine. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof *values, compare_double);
  return values[n / 2];
}

static cairo_status_t
count_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  *(gsize *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

/* WM_BENCH_SCENE_DIR=DIR keeps each PDF there (to time a viewer on them: pdftoppm). */
static void
keep_pdf (WmMapScene *scene, const WmMapTransform *transform, const MapSize *size,
          WmMapSceneBaseMode mode)
{
  const char *dir = g_getenv ("WM_BENCH_SCENE_DIR");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (dir == NULL)
    return;
  name = g_strdup_printf ("%s-%.2f-%s.pdf", size->name, wm_map_transform_get_zoom (transform),
                          mode == WM_MAP_SCENE_BASE_VECTOR ? "vector" : "raster");
  path = g_build_filename (dir, name, NULL);
  surface = cairo_pdf_surface_create (path, size->width, size->height);
  cr = cairo_create (surface);
  wm_map_scene_draw (scene, cr, transform, size->width, size->height, mode);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* One PDF page of the map: its time in ms (drawing and writing), its size in bytes. */
static double
time_pdf (WmMapScene *scene, const WmMapTransform *transform, const MapSize *size,
          WmMapSceneBaseMode mode, gsize *out_bytes)
{
  double times[N_RUNS];

  for (guint run = 0; run < N_RUNS; run++)
    {
      gsize bytes = 0;
      double start = cpu_ms ();
      cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (count_bytes, &bytes,
                                                                      size->width,
                                                                      size->height);
      cairo_t *cr = cairo_create (surface);

      wm_map_scene_draw (scene, cr, transform, size->width, size->height, mode);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        g_error ("PDF: %s", cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      times[run] = cpu_ms () - start;
      *out_bytes = bytes;
    }
  return median (times, N_RUNS);
}

/* The same view as a PNG-sized image at twice the point size. */
static double
time_image (WmMapScene *scene, const WmMapTransform *transform, const MapSize *size,
            WmMapSceneBaseMode mode)
{
  double times[N_RUNS];

  for (guint run = 0; run < N_RUNS; run++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                             (int) (2 * size->width),
                                                             (int) (2 * size->height));
      cairo_t *cr = cairo_create (surface);
      double start = cpu_ms ();

      cairo_scale (cr, 2, 2);
      wm_map_scene_draw (scene, cr, transform, size->width, size->height, mode);
      cairo_surface_flush (surface);
      times[run] = cpu_ms () - start;
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  return median (times, N_RUNS);
}

int
main (int argc, char **argv)
{
  guint n_buildings = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint n_areas = argc > 2 ? (guint) atoi (argv[2]) : 500;
  g_autoptr (WmPlan) plan = NULL;
  g_autoptr (WmMapScene) scene = NULL;
  WmMapSceneOptions options;
  WmBounds bounds;
  double start;

  wm_core_init ();

  start = now_ms ();
  plan = wm_bench_city_new (n_areas, n_buildings, MAX (n_buildings / 50, 9), 42);
  wm_bench_city_add_green (plan, n_areas, 43);
  g_print ("city: %u buildings, %u areas, made in %.0f ms\n", n_buildings, n_areas,
           now_ms () - start);

  wm_map_scene_options_init (&options);
  start = now_ms ();
  scene = wm_map_scene_new (plan, NULL, NULL, &options, NULL);
  g_print ("scene made in %.0f ms (tile renderer with housing, areas, facilities, "
           "proposals)\n\n",
           now_ms () - start);
  bounds = wm_map_scene_get_bounds (scene);

  g_print ("%-4s %6s %9s | %9s %9s | %9s %9s | %8s %8s | %s\n", "map", "zoom", "features",
           "vector ms", "vector MB", "raster ms", "raster MB", "png v ms", "png r ms",
           "auto");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      const MapSize *size = &sizes[s];
      WmMapTransform fitted;
      double fitted_zoom = wm_map_transform_init_for_bounds (&fitted, &bounds, size->width,
                                                             size->height, 0);
      double lat, lon;

      wm_crs_rd_to_wgs84 ((bounds.min_x + bounds.max_x) / 2, (bounds.min_y + bounds.max_y) / 2,
                          &lat, &lon);
      /* Fitted, then closer in half a zoom level at a time. */
      for (double step = 0; step <= 4.01; step += 0.5)
        {
          WmMapTransform transform;
          gsize vector_bytes, raster_bytes;
          double vector_ms, raster_ms, png_vector_ms, png_raster_ms;
          guint n_features;
          WmMapSceneBaseMode chosen;

          wm_map_transform_init (&transform, lat, lon, fitted_zoom + step, 0, size->width,
                                 size->height);
          n_features = wm_map_scene_count_base_features (scene, &transform, size->width,
                                                         size->height);
          vector_ms = time_pdf (scene, &transform, size, WM_MAP_SCENE_BASE_VECTOR,
                                &vector_bytes);
          raster_ms = time_pdf (scene, &transform, size, WM_MAP_SCENE_BASE_RASTER,
                                &raster_bytes);
          keep_pdf (scene, &transform, size, WM_MAP_SCENE_BASE_VECTOR);
          keep_pdf (scene, &transform, size, WM_MAP_SCENE_BASE_RASTER);
          png_vector_ms = time_image (scene, &transform, size, WM_MAP_SCENE_BASE_VECTOR);
          png_raster_ms = time_image (scene, &transform, size, WM_MAP_SCENE_BASE_RASTER);
          chosen = wm_map_scene_choose_base_mode (scene, &transform, size->width,
                                                  size->height, WM_MAP_SCENE_BASE_AUTO);
          g_print ("%-4s %6.2f %9u | %9.0f %9.2f | %9.0f %9.2f | %8.0f %8.0f | %s\n",
                   size->name, fitted_zoom + step, n_features, vector_ms,
                   vector_bytes / 1e6, raster_ms, raster_bytes / 1e6, png_vector_ms,
                   png_raster_ms, chosen == WM_MAP_SCENE_BASE_VECTOR ? "vector" : "raster");
        }
    }
  g_print ("\nAUTO: vector up to %d features in view\n", WM_MAP_SCENE_VECTOR_MAX_FEATURES);
  return 0;
}
