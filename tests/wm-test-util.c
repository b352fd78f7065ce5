/* wm-test-util.c: helpers shared by the tests */
#include "config.h"

#ifndef WM_TEST_UTIL_CORE
#include <adwaita.h>
#endif
#include <glib/gstdio.h>
#include <math.h>
#include <stdarg.h>
#include <sys/wait.h>

#include "wm-test-util.h"
#include "wm-project-file.h"
#include "wm-checklist-state.h"
#ifndef WM_TEST_UTIL_CORE
#include "wm-tile-renderer.h"
#endif

#define BASE_TIMEOUT_MS 30000

guint
wm_test_get_timeout_ms (void)
{
  const char *scale = g_getenv ("WM_TEST_TIMEOUT_SCALE");
  double factor = scale != NULL ? g_ascii_strtod (scale, NULL) : 1.0;

  /* Below 1 only for the helpers' own test of the limit. */
  if (!(factor >= 0.001 && factor <= 100.0))
    factor = 1.0;
  return (guint) (BASE_TIMEOUT_MS * factor);
}

static gboolean
set_flag (gpointer flag)
{
  *(gboolean *) flag = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
keep_polling (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static G_NORETURN void
fail_timeout (const char *what)
{
  /* g_error, not an assertion that might be caught: the test cannot go on meaningfully. */
  g_error ("Timed out after %.1f s waiting for %s", wm_test_get_timeout_ms () / 1000.0, what);
}

void
wm_test_wait_until (WmTestCondition condition, gpointer data, const char *what)
{
  gboolean timed_out = FALSE;
  guint limit_id;
  guint poll_id;

  if (condition (data))
    return;

  /* The limit source wakes the loop when nothing else happens. The poll re-checks
   * conditions that change without a main-loop event (a counter set by a worker); it does
   * not decide anything by itself. */
  limit_id = g_timeout_add (wm_test_get_timeout_ms (), set_flag, &timed_out);
  poll_id = g_timeout_add (20, keep_polling, NULL);
  while (!condition (data))
    {
      if (timed_out)
        fail_timeout (what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (poll_id);
  if (!timed_out)
    g_source_remove (limit_id);
}

static gboolean
flag_is_set (gpointer flag)
{
  return *(gboolean *) flag;
}

void
wm_test_wait_for_flag (gboolean *flag, const char *what)
{
  wm_test_wait_until (flag_is_set, flag, what);
}

struct _WmTestSignalWatch
{
  GObject *instance;
  gulong handler_id;
  guint count;
};

static void
count_emission (WmTestSignalWatch *watch)
{
  watch->count++;
}

WmTestSignalWatch *
wm_test_signal_watch_new (gpointer instance, const char *detailed_signal)
{
  WmTestSignalWatch *watch = g_new0 (WmTestSignalWatch, 1);

  g_assert_true (G_IS_OBJECT (instance));
  watch->instance = g_object_ref (instance);
  /* Swapped with no other arguments: fits any signal's signature. */
  watch->handler_id = g_signal_connect_swapped (instance, detailed_signal,
                                                G_CALLBACK (count_emission), watch);
  g_assert_cmpuint (watch->handler_id, !=, 0);
  return watch;
}

guint
wm_test_signal_watch_get_count (WmTestSignalWatch *watch)
{
  return watch->count;
}

typedef struct
{
  WmTestSignalWatch *watch;
  guint count;
} WatchTarget;

static gboolean
watch_reached (gpointer data)
{
  WatchTarget *target = data;

  return target->watch->count >= target->count;
}

void
wm_test_signal_watch_wait (WmTestSignalWatch *watch, guint count, const char *what)
{
  WatchTarget target = { watch, count };

  wm_test_wait_until (watch_reached, &target, what);
}

void
wm_test_signal_watch_free (WmTestSignalWatch *watch)
{
  g_clear_signal_handler (&watch->handler_id, watch->instance);
  g_clear_object (&watch->instance);
  g_free (watch);
}

void
wm_test_wait_for_signal (gpointer instance, const char *detailed_signal, const char *what)
{
  g_autoptr (WmTestSignalWatch) watch = wm_test_signal_watch_new (instance, detailed_signal);

  wm_test_signal_watch_wait (watch, 1, what);
}

WmGeometry *
wm_test_square (double x0, double y0, double size)
{
  WmPoint ring[] = {
    { x0, y0 }, { x0 + size, y0 }, { x0 + size, y0 + size }, { x0, y0 + size },
  };

  return wm_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
}

void
wm_test_add_building (WmPlan *plan, const char *id, double x, double y, WmSegment segment,
                      int count)
{
  g_autoptr (WmGeometry) footprint = wm_test_square (x, y, 20);
  g_autoptr (WmBuilding) building = wm_building_new (id, footprint);
  WmDwellingMix mix = { { 0 } };

  mix.counts[segment] = count;
  wm_building_set_dwellings (building, &mix);
  wm_plan_add_building (plan, building);
}

WmPlan *
wm_test_make_small_plan (const char *name)
{
  WmPlan *plan = wm_plan_new ();
  g_autoptr (WmGeometry) footprint = wm_test_square (0, 0, 20);
  g_autoptr (WmBuilding) building = wm_building_new ("b-1", footprint);
  g_autoptr (WmFacility) facility =
    wm_facility_new ("f-1", WM_FACILITY_PLAYGROUND, "Speeltuin", 10, 100);
  WmDwellingMix mix = { { 10, 5, 0, 3, 2 } };

  wm_plan_set_name (plan, name);
  wm_building_set_dwellings (building, &mix);
  wm_plan_add_building (plan, building);
  wm_plan_add_facility (plan, facility);

  return plan;
}

int
wm_test_run_cli (char **out, char **err, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL, *stderr_text = NULL;
  const char *cli = g_getenv ("WIJKMIX_CLI");
  int status = 0;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &stdout_text, &stderr_text, &status, &error));
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}

void
wm_test_remove_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

char *
wm_test_save_demolition_project (const char *prefix, gboolean with_centre, char **out_dir)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(WmGeometry) footprint = wm_test_square (100, 100, 20);
  g_autoptr(WmBuilding) building = wm_building_new ("b1", footprint);
  g_autoptr(WmScenario) empty = wm_scenario_new ("s-niets", "Niets");
  g_autoptr(WmProposal) demolish = wm_proposal_new ("p-sloop", WM_PROPOSAL_DEMOLISH);
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);
  WmDwellingMix mix = { { 0 } };
  WmChecklistEntry done = { WM_CHECKLIST_STATUS_DONE, NULL, NULL, "met de huurders", 2026 };
  WmScenario *active = wm_plan_get_active_scenario (plan);
  char *path;

  mix.counts[WM_SEGMENT_SOCIAL_RENT] = 10;
  mix.counts[WM_SEGMENT_OWNER_EXPENSIVE] = 10;
  wm_building_set_dwellings (building, &mix);
  wm_plan_set_name (plan, "Testwijk");
  wm_plan_add_building (plan, building);
  if (with_centre)
    {
      g_autoptr(WmFacility) centre = wm_facility_new ("fc", WM_FACILITY_COMMUNITY_CENTRE,
                                                      "Buurthuis", 110, 110);

      wm_plan_add_facility (plan, centre);
    }
  wm_scenario_set_name (active, "Sloop");
  wm_proposal_set_building_ids (demolish, (const char *const[]) { "b1", NULL });
  wm_scenario_add_proposal (active, demolish);
  wm_plan_add_scenario (plan, empty);
  wm_checklist_state_set (wm_checklist_state_get_for_plan (plan), wm_scenario_get_id (active),
                          "demolish-social-plan", &done);

  *out_dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  path = g_build_filename (*out_dir, "wijk.gpkg", NULL);
  g_assert_true (wm_project_file_save (plan, path, &error));
  g_assert_no_error (error);
  return path;
}

#ifndef WM_TEST_UTIL_CORE
static gboolean
is_realized (gpointer data)
{
  return gtk_widget_get_realized (GTK_WIDGET (data));
}

typedef struct
{
  GtkWidget *widget;
  guint n_painted;
  guint n_wanted;
} FrameCount;

static void
on_after_paint (GdkFrameClock *clock, FrameCount *count)
{
  count->n_painted++;
  /* Nothing else may ask for the next frame. */
  if (count->n_painted < count->n_wanted)
    gtk_widget_queue_draw (count->widget);
}

static gboolean
frames_reached (gpointer data)
{
  FrameCount *count = data;

  return count->n_painted >= count->n_wanted;
}

void
wm_test_wait_for_frames (GtkWidget *widget, guint n)
{
  GdkFrameClock *clock;
  FrameCount count = { widget, 0, n };
  g_autofree char *what = NULL;
  gulong id;

  g_assert_true (GTK_IS_WIDGET (widget));
  /* A widget gets its clock when realized; a shown window realizes it in its first frame. */
  if (gtk_widget_get_frame_clock (widget) == NULL)
    {
      GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));

      g_assert_nonnull (root);
      g_assert_true (gtk_widget_get_visible (root));
      wm_test_wait_until (is_realized, widget, "the widget to be realized");
    }
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  what = g_strdup_printf ("%u painted frame(s) of a %s", n, G_OBJECT_TYPE_NAME (widget));
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &count);
  /* Queued outside the frame clock's dispatch: the next paint includes this widget. */
  gtk_widget_queue_draw (widget);
  wm_test_wait_until (frames_reached, &count, what);
  g_signal_handler_disconnect (clock, id);
}

WmApplication *
wm_test_init_app (int *argc, char ***argv, char **recovery_dir)
{
  WmApplication *app;

  g_test_init (argc, argv, NULL);
  *recovery_dir = wm_test_use_temporary_recovery_dir ();
  gtk_init ();
  adw_init ();

  app = wm_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  return app;
}

int
wm_test_run_app (WmApplication **app, char **recovery_dir)
{
  int status = g_test_run ();

  g_clear_object (app);
  wm_test_remove_dir (*recovery_dir);
  g_clear_pointer (recovery_dir, g_free);
  return status;
}

void
wm_test_init_ui (int *argc, char ***argv)
{
  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
  wm_application_init_resources ();
}

static void
on_plan_loaded (WmWindow *window, gboolean success, gpointer user_data)
{
  *(int *) user_data = success ? 1 : 0;
}

static gboolean
int_set (gpointer data)
{
  return *(int *) data >= 0;
}

static gboolean
has_width (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

WmWindow *
wm_test_new_window_on_demo (WmApplication *app)
{
  WmWindow *window = wm_window_new (app);
  GtkWidget *map = GTK_WIDGET (wm_window_get_map_view (window));
  int loaded = -1;
  gulong id = g_signal_connect (window, "plan-loaded", G_CALLBACK (on_plan_loaded), &loaded);

  wm_window_open_demo (window);
  /* Loading may finish at once or later: the signal says when. */
  wm_test_wait_until (int_set, &loaded, "the demo to load (\"plan-loaded\")");
  g_signal_handler_disconnect (window, id);
  g_assert_cmpint (loaded, ==, 1);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  /* Mapped, allocated (the map fits the plan then) and painted. */
  wm_test_wait_until (has_width, map, "the map to get a size");
  wm_test_wait_for_frames (map, 1);
  return window;
}

GtkWidget *
wm_test_find_descendant (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = wm_test_find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

char *
wm_test_use_temporary_recovery_dir (void)
{
  char *dir = g_dir_make_tmp ("wijkmix-recovery-XXXXXX", NULL);

  /* Tests never leave autosaves in the user's own recovery directory. */
  g_assert_nonnull (dir);
  g_setenv ("WIJKMIX_RECOVERY_DIR", dir, TRUE);
  return dir;
}

WmBasemapSource *
wm_test_view_basemap_source (WmMapView *view)
{
  ShumateLayer *layer = wm_map_view_get_layer (view, "basemap");
  g_autoptr(ShumateMapSource) map_source = NULL;
  g_autoptr(ShumateDataSource) data_source = NULL;

  g_object_get (layer, "map-source", &map_source, NULL);
  g_object_get (map_source, "data-source", &data_source, NULL);
  g_assert_true (WM_IS_BASEMAP_SOURCE (data_source));
  return WM_BASEMAP_SOURCE (data_source);
}

/* Every tile under the view at its zoom level came from the current base map source, and no
 * request is still on its way to the map. */
gboolean
wm_test_basemap_tiles_settled (gpointer data)
{
  WmMapView *view = data;
  WmBasemapSource *source = wm_test_view_basemap_source (view);
  ShumateViewport *viewport = wm_map_view_get_viewport (view);
  GtkWidget *layer = GTK_WIDGET (wm_map_view_get_layer (view, "basemap"));
  int zoom = (int) shumate_viewport_get_zoom_level (viewport);
  int width = gtk_widget_get_width (layer);
  int height = gtk_widget_get_height (layer);
  double lat, lon, x0, y0, x1, y1;

  if (width <= 0 || height <= 0 || wm_basemap_source_get_n_in_flight (source) > 0)
    return FALSE;
  shumate_viewport_widget_coords_to_location (viewport, layer, 0, 0, &lat, &lon);
  wm_web_mercator_to_pixel (zoom, lat, lon, &x0, &y0);
  shumate_viewport_widget_coords_to_location (viewport, layer, width - 1, height - 1, &lat, &lon);
  wm_web_mercator_to_pixel (zoom, lat, lon, &x1, &y1);
  for (int ty = (int) floor (y0 / WM_TILE_SIZE); ty <= (int) floor (y1 / WM_TILE_SIZE); ty++)
    for (int tx = (int) floor (x0 / WM_TILE_SIZE); tx <= (int) floor (x1 / WM_TILE_SIZE); tx++)
      if (!wm_basemap_source_has_delivered (source, zoom, tx, ty))
        return FALSE;
  return TRUE;
}

void
wm_test_wait_for_basemap_tiles (WmMapView *view)
{
  /* Laid out first (the view fits the plan then); tiles are requested after that and
   * rendered in threads. */
  wm_test_wait_for_frames (GTK_WIDGET (view), 1);
  wm_test_wait_until (wm_test_basemap_tiles_settled, view, "the base map tiles under the view");
  /* One more frame: the map layer drops the tiles of other zoom levels once all are in. */
  wm_test_wait_for_frames (GTK_WIDGET (view), 1);
}

#endif
