/* test-recovery.c: unsaved work left by a crash is offered at the next start and restored */
#include "config.h"

#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "wm-application.h"
#include "wm-autosave.h"
#include "wm-demo.h"
#include "wm-history.h"
#include "wm-proposal-factory.h"
#include "wm-window.h"
#include "wm-test-util.h"

static WmApplication *app;
static char *recovery_dir;

/* The demo with a playground added and a new name: unsaved work. */
static WmPlan *
make_edited_demo (const char *name)
{
  g_autoptr (GError) error = NULL;
  WmPlan *plan = wm_demo_load (&error);
  g_autoptr (WmHistory) history = NULL;
  g_autoptr (WmProposal) proposal = NULL;
  WmBounds bounds;

  g_assert_no_error (error);
  history = wm_history_new (plan);
  bounds = wm_plan_get_bounds (plan);
  proposal = wm_proposal_factory_add_facility (plan, NULL, WM_FACILITY_PLAYGROUND,
                                               (bounds.min_x + bounds.max_x) / 2,
                                               (bounds.min_y + bounds.max_y) / 2, NULL, 2027, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (history, NULL, proposal, -1, &error));
  wm_history_set_plan_name (history, name);
  return plan;
}

/* A child process edits the demo, autosaves and dies without cleaning up. */
static void
crash_with_unsaved_work (const char *name)
{
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr (WmPlan) plan = make_edited_demo (name);
      g_autoptr (WmAutosave) autosave = wm_autosave_new (plan, recovery_dir);

      wm_autosave_set_is_demo (autosave, TRUE);
      _exit (wm_autosave_save_now (autosave, NULL) ? 0 : 2);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return ADW_MESSAGE_DIALOG (item);
    }
  return NULL;
}

static gboolean
is_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (GTK_WIDGET (widget));
}

/* What a click on a response button does. */
static void
respond (AdwMessageDialog *dialog, const char *response)
{
  g_autoptr (AdwMessageDialog) keep = g_object_ref (dialog);

  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  wm_test_wait_until (is_hidden, dialog, "the message dialog to close");
}

static guint
n_recoverable (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = wm_autosave_list_recoverable (recovery_dir, &error);

  g_assert_no_error (error);
  return entries->len;
}

/* What the app's activate() does: a window on the demo, then the offer. */
static WmWindow *
start_app (void)
{
  WmWindow *window = wm_window_new (app);
  g_autoptr (WmTestSignalWatch) loaded = wm_test_signal_watch_new (window, "plan-loaded");

  wm_window_open_demo (window);
  gtk_window_present (GTK_WINDOW (window));
  wm_test_signal_watch_wait (loaded, 1, "the demo to load (\"plan-loaded\")");
  wm_test_wait_for_frames (GTK_WIDGET (window), 1);
  return window;
}

static void
test_restore (void)
{
  g_autoptr (WmPlan) expected = make_edited_demo ("Workshop evening");
  WmWindow *window;
  AdwMessageDialog *dialog;

  g_assert_null (find_message_dialog ());
  crash_with_unsaved_work ("Workshop evening");
  g_assert_cmpuint (n_recoverable (), ==, 1);

  window = start_app ();
  g_assert_false (wm_plan_equal (wm_window_get_plan (window), expected));
  g_assert_true (wm_window_offer_recovery (window));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Restore Unsaved Work?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Workshop evening"));
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));

  respond (dialog, "restore");

  /* The same plan, still unsaved, and the copy now belongs to this session. */
  g_assert_true (wm_plan_equal (wm_window_get_plan (window), expected));
  g_assert_null (wm_window_get_file (window));
  g_assert_true (wm_window_get_modified (window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  g_assert_true (wm_autosave_get_is_demo (wm_window_get_autosave (window)));
  g_assert_true (g_file_test (wm_autosave_get_recovery_path (wm_window_get_autosave (window)),
                              G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (n_recoverable (), ==, 0);
  g_assert_null (find_message_dialog ());

  /* Undo works on the restored plan. */
  g_assert_cmpuint (g_list_model_get_n_items (wm_scenario_get_proposals (
                      wm_plan_get_active_scenario (wm_window_get_plan (window)))), ==, 1);

  wm_autosave_discard (wm_window_get_autosave (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_discard (void)
{
  WmWindow *window;
  AdwMessageDialog *dialog;

  crash_with_unsaved_work ("Not needed");
  g_assert_cmpuint (n_recoverable (), ==, 1);

  window = start_app ();
  g_assert_true (wm_window_offer_recovery (window));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "discard");

  g_assert_cmpuint (n_recoverable (), ==, 0);
  g_assert_cmpstr (wm_plan_get_name (wm_window_get_plan (window)), !=, "Not needed");
  g_assert_false (wm_window_get_modified (window));
  /* Nothing left to offer. */
  g_assert_false (wm_window_offer_recovery (window));
  g_assert_null (find_message_dialog ());

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
window_hidden (gpointer window)
{
  return !gtk_widget_get_visible (GTK_WIDGET (window));
}

static void
test_clean_close (void)
{
  WmWindow *window = start_app ();
  WmHistory *history = wm_window_get_history (window);
  WmAutosave *autosave = wm_window_get_autosave (window);
  g_autofree char *path = g_strdup (wm_autosave_get_recovery_path (autosave));
  AdwMessageDialog *dialog;

  /* An edit is autosaved… */
  wm_history_set_plan_name (history, "Edited");
  g_assert_true (wm_window_get_modified (window));
  g_assert_true (wm_autosave_save_now (autosave, NULL));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* …closing asks first, Cancel keeps the window… */
  gtk_window_close (GTK_WINDOW (window));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_object_ref (window);
  respond (dialog, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* …and Discard closes and drops the recovery copy. */
  gtk_window_close (GTK_WINDOW (window));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "discard");
  /* The window closes from an idle, once the dialog is gone. */
  wm_test_wait_until (window_hidden, window, "the window to close after “Discard”");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_object_unref (window);
}

static void
on_finalized (gpointer data, GObject *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

/* The button of @dialog's response @response, as the user clicks it. */
static GtkWidget *
find_response_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_response_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Closing a window with changes and answering "Discard" frees the window, its document and
 * every panel without a warning (GLib warnings and criticals are fatal here). */
static void
test_close_modified_discard (void)
{
  WmWindow *window = start_app ();
  WmHistory *history = wm_window_get_history (window);
  g_autofree char *path = g_strdup (wm_autosave_get_recovery_path (wm_window_get_autosave (window)));
  gboolean window_gone = FALSE, history_gone = FALSE;
  AdwMessageDialog *dialog;
  GtkWidget *button;

  g_object_weak_ref (G_OBJECT (window), on_finalized, &window_gone);
  g_object_weak_ref (G_OBJECT (history), on_finalized, &history_gone);
  wm_history_set_plan_name (history, "Closed with changes");
  g_assert_true (wm_window_get_modified (window));
  g_assert_true (wm_autosave_save_now (wm_window_get_autosave (window), NULL));

  gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  button = find_response_button (GTK_WIDGET (dialog), "_Discard");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");

  wm_test_wait_for_flag (&window_gone, "the window's finalization");
  wm_test_wait_for_flag (&history_gone, "the history's finalization");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (find_message_dialog ());
}

int
main (int argc, char *argv[])
{
  app = wm_test_init_app (&argc, &argv, &recovery_dir);

  g_test_add_func ("/recovery/restore", test_restore);
  g_test_add_func ("/recovery/discard", test_discard);
  g_test_add_func ("/recovery/clean-close", test_clean_close);
  g_test_add_func ("/recovery/close-modified-discard", test_close_modified_discard);
  return wm_test_run_app (&app, &recovery_dir);
}
