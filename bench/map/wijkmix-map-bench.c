/* wijkmix-map-bench.c: frame rate of the map while panning, empty vs demo vs a generated city */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>

#include <gtk/gtk.h>

#include "wm-application.h"
#include "wm-core.h"
#include "wm-demo.h"
#include "wm-layer-cache.h"
#include "wm-map-city.h"
#include "wm-map-view.h"

/* Pan speed in pixels per second: a brisk drag across a projected map. */
#define PAN_SPEED 240.0
#define PAN_RADIUS 160.0

typedef struct
{
  const char *name;
  WmPlan *plan;
  int zoom;           /* 0: the zoom the view fits */
  double fps;
  double ms_per_frame;
  double worst_ms;
  double main_cpu_ms;  /* CPU time of the main thread per frame */
  double cpu_ms;       /* CPU time of the whole process (tile workers too) per frame */
  guint layer_draws;   /* live layers drawn (not moved from their cache) while panning */
} Case;

typedef struct
{
  ShumateViewport *viewport;
  double lat0, lon0, zoom;
  gint64 start, last;
  gint64 end;
  guint frames;
  double worst;
  double main_cpu0, cpu0, main_cpu, cpu;
  gboolean done;
} Pan;

static double seconds = 6.0;

/* The frame clock caps at 60 Hz: CPU time per frame shows the cost below that cap too. */
static double
cpu_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  Pan *pan = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t, angle, px, py, lat, lon;
  double scale;

  if (pan->start == 0)
    {
      pan->start = pan->last = now;
      pan->end = now + (gint64) (seconds * G_USEC_PER_SEC);
      pan->main_cpu0 = cpu_ms (CLOCK_THREAD_CPUTIME_ID);
      pan->cpu0 = cpu_ms (CLOCK_PROCESS_CPUTIME_ID);
    }
  else
    {
      pan->frames++;
      pan->worst = MAX (pan->worst, (now - pan->last) / 1000.0);
      pan->last = now;
    }
  if (now >= pan->end)
    {
      pan->main_cpu = cpu_ms (CLOCK_THREAD_CPUTIME_ID) - pan->main_cpu0;
      pan->cpu = cpu_ms (CLOCK_PROCESS_CPUTIME_ID) - pan->cpu0;
      pan->done = TRUE;
      return G_SOURCE_REMOVE;
    }

  /* Round a circle at constant speed: every frame needs a new picture, and tiles come in. */
  t = (now - pan->start) / (double) G_USEC_PER_SEC;
  angle = t * PAN_SPEED / PAN_RADIUS;
  scale = 256.0 * pow (2.0, pan->zoom);
  px = (pan->lon0 + 180.0) / 360.0 * scale + PAN_RADIUS * (cos (angle) - 1);
  py = (1.0 - log (tan (pan->lat0 * G_PI / 180.0) + 1.0 / cos (pan->lat0 * G_PI / 180.0)) / G_PI)
       / 2.0 * scale + PAN_RADIUS * sin (angle);
  lon = px / scale * 360.0 - 180.0;
  lat = atan (sinh (G_PI * (1.0 - 2.0 * py / scale))) * 180.0 / G_PI;
  shumate_location_set_location (SHUMATE_LOCATION (pan->viewport), lat, lon);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static guint
count_layer_draws (WmMapView *view)
{
  static const char *const live[] = { "areas", "catchments", "facilities", "proposals" };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (live); i++)
    n += wm_layer_cache_get_n_draws (
      wm_layer_cache_get_for_widget (GTK_WIDGET (wm_map_view_get_layer (view, live[i]))));
  return n;
}

static void
run_case (Case *c, double demo_lat, double demo_lon, int demo_zoom)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = wm_map_view_new ();
  ShumateViewport *viewport = wm_map_view_get_viewport (WM_MAP_VIEW (view));
  Pan pan = { 0 };

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  gtk_window_set_child (GTK_WINDOW (window), view);
  if (c->plan != NULL)
    wm_map_view_set_plan (WM_MAP_VIEW (view), c->plan);
  /* WM_BENCH_HIDE=housing,areas: measure without some layers. */
  if (g_getenv ("WM_BENCH_HIDE") != NULL)
    {
      g_auto(GStrv) hide = g_strsplit (g_getenv ("WM_BENCH_HIDE"), ",", -1);

      for (guint i = 0; hide[i] != NULL; i++)
        wm_map_view_set_layer_visible (WM_MAP_VIEW (view), hide[i], FALSE);
    }
  gtk_window_present (GTK_WINDOW (window));
  spin (500);

  if (c->plan == NULL)
    {
      /* The empty map: same place and zoom as the demo. */
      shumate_viewport_set_zoom_level (viewport, demo_zoom);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), demo_lat, demo_lon);
    }
  else if (c->zoom > 0)
    {
      shumate_viewport_set_zoom_level (viewport, c->zoom);
    }
  /* Let the first tiles render, as when a workshop starts. */
  spin (2500);

  pan.viewport = viewport;
  pan.lat0 = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  pan.lon0 = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  pan.zoom = shumate_viewport_get_zoom_level (viewport);
  c->zoom = (int) pan.zoom;
  c->layer_draws = count_layer_draws (WM_MAP_VIEW (view));
  gtk_widget_add_tick_callback (view, on_tick, &pan, NULL);
  while (!pan.done)
    g_main_context_iteration (NULL, TRUE);
  c->layer_draws = count_layer_draws (WM_MAP_VIEW (view)) - c->layer_draws;

  c->fps = pan.frames / ((pan.last - pan.start) / (double) G_USEC_PER_SEC);
  c->ms_per_frame = 1000.0 / c->fps;
  c->worst_ms = pan.worst;
  c->main_cpu_ms = pan.main_cpu / MAX (pan.frames, 1);
  c->cpu_ms = pan.cpu / MAX (pan.frames, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (200);
}

static gboolean
case_wanted (const char *key)
{
  const char *cases = g_getenv ("WM_BENCH_CASES");
  g_auto(GStrv) wanted = NULL;

  if (cases == NULL || *cases == '\0')
    return TRUE;
  wanted = g_strsplit (cases, ",", -1);
  return g_strv_contains ((const char *const *) wanted, key);
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int argc, char *argv[])
{
  enum { N_CASES = 5, MAX_RUNS = 16 };
  static const char *const keys[N_CASES] = { "demo", "empty", "fitted", "z16", "z18" };
  guint n_buildings = 100000;
  guint n_runs = 1;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmPlan) demo = NULL;
  g_autoptr(WmPlan) city = NULL;
  Case cases[N_CASES] = { { 0 } };
  double fps[N_CASES][MAX_RUNS] = { { 0 } };
  double ratio[N_CASES][MAX_RUNS] = { { 0 } };
  gint64 t0;
  double demo_lat, demo_lon;
  int demo_zoom;

  if (argc > 1)
    seconds = g_ascii_strtod (argv[1], NULL);
  if (argc > 2)
    n_buildings = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  /* WM_BENCH_RUNS=3: all cases three times over, interleaved, so that a busy spell on a shared
   * machine hits every case alike; each run's ratios use that run's empty map. */
  if (g_getenv ("WM_BENCH_RUNS") != NULL)
    n_runs = CLAMP ((guint) g_ascii_strtoull (g_getenv ("WM_BENCH_RUNS"), NULL, 10), 1, MAX_RUNS);

  gtk_init ();
  wm_application_init_resources ();

  demo = wm_demo_load (&error);
  if (demo == NULL)
    g_error ("%s", error->message);
  t0 = g_get_monotonic_time ();
  city = wm_map_city_new (n_buildings, 42);
  g_print ("generated city: %u buildings in %.1f s\n",
           g_list_model_get_n_items (wm_plan_get_buildings (city)),
           (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);

  {
    GtkWidget *window = gtk_window_new ();
    GtkWidget *view = wm_map_view_new ();
    ShumateViewport *viewport = wm_map_view_get_viewport (WM_MAP_VIEW (view));

    /* The empty map copies the place and zoom the demo is fitted at. */
    gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
    gtk_window_set_child (GTK_WINDOW (window), view);
    wm_map_view_set_plan (WM_MAP_VIEW (view), demo);
    gtk_window_present (GTK_WINDOW (window));
    spin (300);
    demo_lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
    demo_lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
    demo_zoom = (int) shumate_viewport_get_zoom_level (viewport);
    gtk_window_destroy (GTK_WINDOW (window));
    spin (200);
  }

  for (guint run = 0; run < n_runs; run++)
    {
      cases[0] = (Case) { "demo", demo, 0 };
      cases[1] = (Case) { "empty", NULL, 0 };
      cases[2] = (Case) { "city (fitted)", city, 0 };
      cases[3] = (Case) { "city (zoom 16)", city, 16 };
      cases[4] = (Case) { "city (zoom 18)", city, 18 };

      for (guint i = 0; i < N_CASES; i++)
        if (i == 1 || case_wanted (keys[i]))
          run_case (&cases[i], demo_lat, demo_lon, demo_zoom);

      g_print ("\n%s%-16s %5s %8s %10s %10s %8s %9s %9s %7s\n", n_runs > 1 ? "run " : "",
               "case", "zoom", "fps", "ms/frame", "worst ms", "ratio", "main cpu", "all cpu",
               "draws");
      for (guint i = 0; i < N_CASES; i++)
        {
          if (cases[i].fps <= 0)
            continue;
          fps[i][run] = cases[i].fps;
          ratio[i][run] = cases[i].fps / cases[1].fps;
          if (n_runs > 1)
            g_print ("%3u ", run + 1);
          g_print ("%-16s %5d %8.1f %10.2f %10.1f %8.2f %9.2f %9.2f %7u\n", cases[i].name,
                   cases[i].zoom, cases[i].fps, cases[i].ms_per_frame, cases[i].worst_ms,
                   ratio[i][run], cases[i].main_cpu_ms, cases[i].cpu_ms, cases[i].layer_draws);
        }
    }

  if (n_runs > 1)
    {
      g_print ("\n%u runs: median (min-max)\n%-16s %18s %18s\n", n_runs, "case", "fps", "ratio");
      for (guint i = 0; i < N_CASES; i++)
        {
          if (fps[i][0] <= 0)
            continue;
          qsort (fps[i], n_runs, sizeof (double), compare_double);
          qsort (ratio[i], n_runs, sizeof (double), compare_double);
          g_print ("%-16s %5.1f (%4.1f-%4.1f) %6.2f (%4.2f-%4.2f)\n", cases[i].name,
                   fps[i][n_runs / 2], fps[i][0], fps[i][n_runs - 1], ratio[i][n_runs / 2],
                   ratio[i][0], ratio[i][n_runs - 1]);
        }
    }
  return 0;
}
