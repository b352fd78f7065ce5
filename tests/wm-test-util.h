/* wm-test-util.h: helpers shared by the tests
 *
 * The waits need GLib only; core tests get them from the wm-test-util-core library (built
 * with WM_TEST_UTIL_CORE), UI tests get everything from wm-test-util. */
#pragma once

#include <glib-object.h>

#include "wm-plan.h"

#ifndef WM_TEST_UTIL_CORE
#include <gtk/gtk.h>

#include "wm-application.h"
#include "wm-basemap-source.h"
#include "wm-map-view.h"
#include "wm-window.h"
#endif

G_BEGIN_DECLS

/* How tests wait: for an event (a signal, a frame, a condition of the model), never for a
 * fixed time. Every wait has a safety limit, wm_test_get_timeout_ms(): 30 s, times
 * $WM_TEST_TIMEOUT_SCALE when set (e.g. 3 under valgrind). Reaching it fails the test with a
 * message naming what was awaited; it is never what makes a test pass. */
guint wm_test_get_timeout_ms (void);

typedef gboolean (*WmTestCondition) (gpointer data);
/* Runs the main loop until @condition (@data) holds, re-checking it after every event.
 * Fails the test ("timed out waiting for @what") after the safety limit. */
void wm_test_wait_until (WmTestCondition condition, gpointer data, const char *what);
/* Runs the main loop until *@flag is TRUE (set by a callback), failing like wm_test_wait_until. */
void wm_test_wait_for_flag (gboolean *flag, const char *what);
/* Runs the main loop until @instance emits @detailed_signal (any arguments, no return value
 * needed). Connect-then-act is racy when the action emits at once: use
 * wm_test_signal_watch_new() before the action, then wm_test_signal_watch_wait(). */
void wm_test_wait_for_signal (gpointer instance, const char *detailed_signal, const char *what);

/* Counts emissions of a signal from the moment it is made. */
typedef struct _WmTestSignalWatch WmTestSignalWatch;
WmTestSignalWatch *wm_test_signal_watch_new (gpointer instance, const char *detailed_signal);
/* Emissions so far. */
guint wm_test_signal_watch_get_count (WmTestSignalWatch *watch);
/* Waits until the count reaches @count (at once when it already has). */
void wm_test_signal_watch_wait (WmTestSignalWatch *watch, guint count, const char *what);
void wm_test_signal_watch_free (WmTestSignalWatch *watch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmTestSignalWatch, wm_test_signal_watch_free)

/* Small plans built in code. A square polygon of @size metres with its lower-left corner at
 * (@x0, @y0). */
WmGeometry *wm_test_square (double x0, double y0, double size);
/* Adds a 20 m square building @id at (@x, @y) with @count dwellings of @segment. */
void wm_test_add_building (WmPlan *plan, const char *id, double x, double y, WmSegment segment,
                           int count);
/* A plan named @name with one building (20 dwellings over four segments) and a playground. */
WmPlan *wm_test_make_small_plan (const char *name);
/* Runs the command-line program ($WIJKMIX_CLI) with the NULL-terminated arguments from @first;
 * @out and @err (may be NULL) receive what it printed. Returns its exit status (128 when it
 * did not exit). */
int wm_test_run_cli (char **out, char **err, const char *first, ...) G_GNUC_NULL_TERMINATED;
/* Removes @dir and the files in it. */
void wm_test_remove_dir (const char *dir);
/* Saves a project "Testwijk" in a new temporary folder (*@out_dir, named after @prefix) and
 * returns its path: one building "b1" (10 social rent, 10 expensive owner-occupied), with
 * @with_centre a community centre "fc" beside it; the active scenario "Sloop" demolishes b1
 * (p-sloop) and its "demolish-social-plan" item is done with a note; "Niets" (s-niets) is
 * empty. */
char *wm_test_save_demolition_project (const char *prefix, gboolean with_centre, char **out_dir);

#ifndef WM_TEST_UTIL_CORE

/* Queues a redraw of @widget and waits until its frame clock has painted @n frames after
 * that ("after-paint"): the widget has been laid out and snapshotted since. @widget must be
 * in a shown window. */
void wm_test_wait_for_frames (GtkWidget *widget, guint n);

/* The offline base map source the view's "basemap" layer draws from. */
WmBasemapSource *wm_test_view_basemap_source (WmMapView *view);
/* TRUE when every tile under the view at its zoom level came from the current base map source
 * and no request is still on its way (a WmTestCondition on the view). */
gboolean wm_test_basemap_tiles_settled (gpointer view);
/* Waits for a layout, then for those tiles, then for one more frame (the map layer drops the
 * tiles of other zoom levels once all are in). */
void wm_test_wait_for_basemap_tiles (WmMapView *view);

/* The set-up of the window tests: g_test_init, a temporary recovery directory (returned in
 * @recovery_dir, see wm_test_use_temporary_recovery_dir), GTK, libadwaita and a registered
 * application. */
WmApplication *wm_test_init_app (int *argc, char ***argv, char **recovery_dir);
/* Runs the tests, then releases @app and removes @recovery_dir; returns g_test_run's
 * status. */
int wm_test_run_app (WmApplication **app, char **recovery_dir);
/* The set-up of the panel tests (no application): g_test_init, GTK, libadwaita and the
 * resources. */
void wm_test_init_ui (int *argc, char ***argv);

/* A window of @app on the demo, 1200 x 800, shown, laid out and painted once. */
WmWindow *wm_test_new_window_on_demo (WmApplication *app);
/* The first widget of @type in the tree below @widget (itself included), or NULL. */
GtkWidget *wm_test_find_descendant (GtkWidget *widget, GType type);
/* A new temporary directory used as the recovery directory of this process. */
char *wm_test_use_temporary_recovery_dir (void);
#endif

G_END_DECLS
