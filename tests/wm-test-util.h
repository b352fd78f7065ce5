/* wm-test-util.h: helpers shared by the UI tests */
#pragma once

#include <gtk/gtk.h>

#include "wm-application.h"
#include "wm-window.h"

G_BEGIN_DECLS

/* A timeout callback that sets the gboolean @flag points to. */
gboolean wm_test_set_flag (gpointer flag);
/* Runs the main loop for @ms milliseconds. */
void wm_test_spin (guint ms);
/* A window of @app on the demo, 1200 x 800, shown and laid out. */
WmWindow *wm_test_new_window_on_demo (WmApplication *app);
/* The first widget of @type in the tree below @widget (itself included), or NULL. */
GtkWidget *wm_test_find_descendant (GtkWidget *widget, GType type);
/* A new temporary directory used as the recovery directory of this process. */
char *wm_test_use_temporary_recovery_dir (void);
/* Removes @dir and the files in it. */
void wm_test_remove_dir (const char *dir);

G_END_DECLS
