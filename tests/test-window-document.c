/* test-window-document.c: the window shows a document: opening and saving in a worker */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "wm-application.h"
#include "wm-document.h"
#include "wm-history.h"
#include "wm-project-file.h"
#include "wm-window.h"
#include "wm-test-util.h"

static WmApplication *app;
static char *recovery_dir;

typedef struct
{
  gboolean done;
  gboolean success;
} Outcome;

static void
on_outcome (WmWindow *window, gboolean success, Outcome *outcome)
{
  outcome->done = TRUE;
  outcome->success = success;
}

static void
on_finalized (gpointer data, GObject *where_the_object_was)
{
  *(gboolean *) data = TRUE;
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

/* The button labelled @label below @widget, as the user clicks it. */
static GtkWidget *
find_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A project file in a new temporary folder. */
static char *
save_demo_copy (WmWindow *window, char **out_dir)
{
  g_autoptr (GError) error = NULL;
  char *path;

  *out_dir = g_dir_make_tmp ("wijkmix-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*out_dir, "otterlo.gpkg", NULL);
  g_assert_true (wm_project_file_save (wm_window_get_plan (window), path, &error));
  g_assert_no_error (error);
  return path;
}

static void
remove_dir (const char *dir)
{
  wm_test_remove_dir (dir);
}

static void
test_open_and_save (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  g_autofree char *dir = NULL;
  g_autofree char *path = save_demo_copy (window, &dir);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (WmPlan) on_disk = NULL;
  g_autoptr (GError) error = NULL;
  Outcome loaded = { 0 }, saved = { 0 };
  WmDocument *document;

  g_signal_connect (window, "plan-loaded", G_CALLBACK (on_outcome), &loaded);
  g_signal_connect (window, "plan-saved", G_CALLBACK (on_outcome), &saved);

  /* Opening returns at once; the window says what it loads until the worker is done. */
  wm_window_open_file (window, file);
  g_assert_true (wm_window_get_loading (window));
  g_assert_false (loaded.done);
  wm_test_wait_for_flag (&loaded.done, "plan-loaded");
  g_assert_true (loaded.success);
  g_assert_false (wm_window_get_loading (window));
  document = wm_window_get_document (window);
  g_assert_true (g_file_equal (wm_document_get_file (document), file));
  /* The getters forward to the document. */
  g_assert_true (wm_window_get_plan (window) == wm_document_get_plan (document));
  g_assert_true (wm_window_get_history (window) == wm_document_get_history (document));
  g_assert_true (wm_window_get_engine (window) == wm_document_get_engine (document));
  g_assert_true (wm_window_get_autosave (window) == wm_document_get_autosave (document));
  g_assert_nonnull (wm_window_get_autosave (window));
  g_assert_false (wm_window_get_modified (window));

  /* Save writes in a worker: busy until "plan-saved", then not modified. */
  wm_history_set_plan_name (wm_window_get_history (window), "Saved from the window");
  g_assert_true (wm_window_get_modified (window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (wm_document_get_busy (document));
  wm_test_wait_for_flag (&saved.done, "plan-saved");
  g_assert_true (saved.success);
  g_assert_false (wm_document_get_busy (document));
  g_assert_false (wm_window_get_modified (window));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  on_disk = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_plan_get_name (on_disk), ==, "Saved from the window");

  g_signal_handlers_disconnect_by_data (window, &loaded);
  g_signal_handlers_disconnect_by_data (window, &saved);
  gtk_window_destroy (GTK_WINDOW (window));
  remove_dir (dir);
}

/* A file another program wrote with a demolition that removes more than a sale before it
 * left: it opens with every proposal, and a dialog names the proposal and the figures. */
static void
test_open_inconsistent (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *demo = wm_window_get_plan (window);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (WmProposal) sale = wm_proposal_new ("old-sale", WM_PROPOSAL_CONVERT_TENURE);
  g_autoptr (WmProposal) block = wm_proposal_new ("old-block", WM_PROPOSAL_DEMOLISH);
  GListModel *buildings = wm_plan_get_buildings (demo);
  WmDwellingMix sold = { { 0 } }, all = { { 0 } };
  const char *ids[] = { NULL, NULL };
  Outcome loaded = { 0 };
  AdwMessageDialog *dialog;

  for (guint i = 0; ids[0] == NULL && i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr (WmBuilding) building = g_list_model_get_item (buildings, i);
      const WmDwellingMix *mix = wm_building_get_dwellings (building);

      if (mix->counts[WM_SEGMENT_SOCIAL_RENT] < 2)
        continue;
      ids[0] = wm_building_get_id (building);
      all = *mix;
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        all.counts[s] = -all.counts[s];
    }
  g_assert_nonnull (ids[0]);
  sold.counts[WM_SEGMENT_SOCIAL_RENT] = -1;
  sold.counts[WM_SEGMENT_MID_RENT] = 1;
  wm_proposal_set_building_ids (sale, ids);
  wm_proposal_set_dwelling_delta (sale, &sold);
  wm_proposal_set_name (sale, "Verkoop");
  wm_proposal_set_year (sale, 2027);
  wm_proposal_set_building_ids (block, ids);
  wm_proposal_set_dwelling_delta (block, &all);
  wm_proposal_set_name (block, "Sloop blok");
  wm_proposal_set_year (block, 2030);
  /* Written behind the history's back, as another program would. */
  wm_scenario_add_proposal (wm_plan_get_active_scenario (demo), block);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (demo), sale);
  path = save_demo_copy (window, &dir);
  file = g_file_new_for_path (path);

  g_signal_connect (window, "plan-loaded", G_CALLBACK (on_outcome), &loaded);
  wm_window_open_file (window, file);
  wm_test_wait_for_flag (&loaded.done, "plan-loaded");
  g_assert_true (loaded.success);
  g_assert_cmpuint (g_list_model_get_n_items (wm_scenario_get_proposals (
                      wm_plan_get_active_scenario (wm_window_get_plan (window)))), ==, 2);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "1 proposal does not fit the plan");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“Sloop blok” (2030) demolishes"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "after “Verkoop” (2027)"));
  g_assert_false (wm_window_get_modified (window));
  adw_message_dialog_response (dialog, "close");

  g_signal_handlers_disconnect_by_data (window, &loaded);
  gtk_window_destroy (GTK_WINDOW (window));
  remove_dir (dir);
}

static void
test_failed_save (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  g_autofree char *dir = NULL;
  g_autofree char *path = save_demo_copy (window, &dir);
  /* Below a file, so no one can write there, root included. */
  g_autofree char *bad_path = g_build_filename (path, "inside.gpkg", NULL);
  g_autoptr (GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr (WmPlan) plan = g_object_ref (wm_window_get_plan (window));
  Outcome saved = { 0 };
  AdwMessageDialog *dialog;

  wm_window_set_plan (window, plan, bad);
  g_signal_connect (window, "plan-saved", G_CALLBACK (on_outcome), &saved);
  wm_history_set_plan_name (wm_window_get_history (window), "Not saved");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  wm_test_wait_for_flag (&saved.done, "plan-saved");
  g_assert_false (saved.success);

  /* The dialog names the file and the problem; the work is still there, unsaved. */
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "inside.gpkg"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), bad_path));
  g_assert_true (wm_window_get_modified (window));
  g_assert_cmpstr (wm_plan_get_name (wm_window_get_plan (window)), ==, "Not saved");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_signal_handlers_disconnect_by_data (window, &saved);
  wm_autosave_discard (wm_window_get_autosave (window));
  gtk_window_destroy (GTK_WINDOW (window));
  remove_dir (dir);
}

/* Closing with changes and answering "Save" saves in the worker, then closes; the window and
 * its document are freed without a warning (warnings are fatal). */
static void
test_close_and_save (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  g_autofree char *dir = NULL;
  g_autofree char *path = save_demo_copy (window, &dir);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (WmPlan) plan = g_object_ref (wm_window_get_plan (window));
  g_autoptr (WmPlan) on_disk = NULL;
  g_autoptr (GError) error = NULL;
  gboolean window_gone = FALSE, document_gone = FALSE;
  AdwMessageDialog *dialog;
  GtkWidget *button;

  wm_window_set_plan (window, plan, file);
  g_object_weak_ref (G_OBJECT (window), on_finalized, &window_gone);
  g_object_weak_ref (G_OBJECT (wm_window_get_document (window)), on_finalized, &document_gone);
  wm_history_set_plan_name (wm_window_get_history (window), "Saved on close");

  gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  button = find_button (GTK_WIDGET (dialog), "_Save");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");

  wm_test_wait_for_flag (&window_gone, "the window's finalization after saving");
  wm_test_wait_for_flag (&document_gone, "the document's finalization");
  g_assert_null (find_message_dialog ());
  on_disk = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_plan_get_name (on_disk), ==, "Saved on close");
  remove_dir (dir);
}

int
main (int argc, char *argv[])
{
  app = wm_test_init_app (&argc, &argv, &recovery_dir);

  g_test_add_func ("/window-document/open-and-save", test_open_and_save);
  g_test_add_func ("/window-document/open-inconsistent", test_open_inconsistent);
  g_test_add_func ("/window-document/failed-save", test_failed_save);
  g_test_add_func ("/window-document/close-and-save", test_close_and_save);
  return wm_test_run_app (&app, &recovery_dir);
}
