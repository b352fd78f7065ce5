/* test-test-util.c: the waits the other tests rely on fail when nothing happens */
#include "config.h"

#include <gio/gio.h>

#include "wm-test-util.h"

static gboolean
never (gpointer data)
{
  return FALSE;
}

static gboolean
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* A condition that becomes true through an event ends the wait; one that never does fails
 * the test with what was awaited, at the safety limit. */
static void
test_wait_until (void)
{
  if (g_test_subprocess ())
    {
      wm_test_wait_until (never, NULL, "something that never happens");
      return;
    }

  {
    gboolean flag = FALSE;

    g_idle_add (set_true, &flag);
    wm_test_wait_until (is_true, &flag, "the idle callback");
    g_assert_true (flag);
  }

  /* The child inherits the scale: a 30 ms limit. */
  g_setenv ("WM_TEST_TIMEOUT_SCALE", "0.001", TRUE);
  g_assert_cmpuint (wm_test_get_timeout_ms (), ==, 30);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("WM_TEST_TIMEOUT_SCALE");
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*Timed out after 0.0 s waiting for something that never happens*");
  g_assert_cmpuint (wm_test_get_timeout_ms (), ==, 30000);
}

static gboolean
enable_in_idle (gpointer action)
{
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), TRUE);
  return G_SOURCE_REMOVE;
}

/* The watch counts from its creation, also emissions before the wait starts. */
static void
test_signal_watch (void)
{
  g_autoptr (GSimpleAction) action = g_simple_action_new ("a", NULL);
  g_autoptr (WmTestSignalWatch) watch = wm_test_signal_watch_new (action, "notify::enabled");

  if (g_test_subprocess ())
    {
      wm_test_signal_watch_wait (watch, 1, "a notification that never comes");
      return;
    }

  g_assert_cmpuint (wm_test_signal_watch_get_count (watch), ==, 0);
  g_simple_action_set_enabled (action, FALSE);
  g_assert_cmpuint (wm_test_signal_watch_get_count (watch), ==, 1);
  /* Already reached: returns at once. */
  wm_test_signal_watch_wait (watch, 1, "the first notification");
  g_idle_add (enable_in_idle, action);
  wm_test_wait_for_signal (action, "notify::enabled", "a notification from an idle");
  g_assert_true (g_action_get_enabled (G_ACTION (action)));
  g_assert_cmpuint (wm_test_signal_watch_get_count (watch), ==, 2);

  g_setenv ("WM_TEST_TIMEOUT_SCALE", "0.001", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("WM_TEST_TIMEOUT_SCALE");
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*waiting for a notification that never comes*");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/test-util/wait-until", test_wait_until);
  g_test_add_func ("/test-util/signal-watch", test_signal_watch);
  return g_test_run ();
}
