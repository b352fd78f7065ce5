/* wm-test-util.c: helpers shared by the UI tests */
#include "config.h"

#include <glib/gstdio.h>

#include "wm-test-util.h"

gboolean
wm_test_set_flag (gpointer flag)
{
  *(gboolean *) flag = TRUE;
  return G_SOURCE_REMOVE;
}

void
wm_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, wm_test_set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

WmWindow *
wm_test_new_window_on_demo (WmApplication *app)
{
  WmWindow *window = wm_window_new (app);
  GtkWidget *map = GTK_WIDGET (wm_window_get_map_view (window));

  wm_window_open_demo (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  /* Let it map, allocate and lay the map out. */
  for (int i = 0; i < 200 && gtk_widget_get_width (map) == 0; i++)
    wm_test_spin (10);
  wm_test_spin (300);
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
