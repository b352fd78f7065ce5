/* test-goal-seek-dialog.c: "Reach the Targets…" from the inspector: the dialog's search in a
 * worker, what it shows, Apply as one undo step, Close changing nothing */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "wm-goal-seek-dialog.h"
#include "wm-proposal-factory.h"
#include "wm-window.h"
#include "wm-test-util.h"

static WmApplication *app;
static char *recovery_dir;

/* With WM_SCREENSHOT_DIR set, a PNG of @widget as drawn (docs/goal-seeking.md). */
static void
save_shot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("WM_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = NULL, *path = NULL;
  const char *lang = g_getenv ("LANGUAGE");
  int width, height;

  if (dir == NULL || *dir == '\0')
    return;
  wm_test_wait_for_frames (widget, 2);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s-%s.png", name, lang != NULL && *lang ? lang : "en");
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot %s", path);
}

static gboolean
in_english (void)
{
  const char *lang = g_getenv ("LANGUAGE");

  return lang == NULL || g_str_has_prefix (lang, "en");
}

static void
add_area (WmPlan *plan, const char *id, const char *name, double x0)
{
  g_autoptr (WmGeometry) g = wm_test_square (x0, 0, 1000);
  g_autoptr (WmArea) area = wm_area_new (id, name, g);

  wm_plan_add_area (plan, area);
}

/* The core test's fixture: area A (80 expensive owner-occupied, 10 social rent), area B (20
 * social rent); a new build of @n expensive dwellings in A and, with @convert, a sale of 6
 * social-rent dwellings of b-1 as expensive owner-occupied. */
static WmWindow *
window_on_fixture (int n, gboolean convert, WmProposal **out_new_build, WmProposal **out_conversion)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  g_autoptr (WmGeometry) footprint = wm_test_square (400, 400, 30);
  g_autoptr (WmProposal) p = NULL;
  g_autoptr (GError) error = NULL;
  WmDwellingMix mix = { { 0, 0, 0, 0, n } };
  WmWindow *window = wm_window_new (app);
  WmHistory *history;

  add_area (plan, "A", "Noord", 0);
  add_area (plan, "B", "Zuid", 1000);
  wm_test_add_building (plan, "a-1", 100, 100, WM_SEGMENT_OWNER_EXPENSIVE, 80);
  wm_test_add_building (plan, "a-2", 200, 100, WM_SEGMENT_SOCIAL_RENT, 10);
  wm_test_add_building (plan, "b-1", 1100, 100, WM_SEGMENT_SOCIAL_RENT, 20);
  wm_targets_apply_preset (wm_targets_get_for_plan (plan), WM_TARGET_PRESET_NEIGHBOURHOOD);
  wm_window_set_plan (window, plan, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  history = wm_window_get_history (window);

  p = wm_proposal_factory_new_build (plan, NULL, footprint, &mix, WM_DWELLING_TYPE_APARTMENT,
                                     2030, &error);
  g_assert_no_error (error);
  wm_proposal_set_name (p, "Nieuwbouw Noord");
  g_assert_true (wm_history_add_proposal (history, NULL, p, -1, &error));
  *out_new_build = p;
  if (convert)
    {
      g_autoptr (WmProposal) c = wm_proposal_factory_convert_tenure (
        plan, NULL, "b-1", WM_SEGMENT_SOCIAL_RENT, WM_SEGMENT_OWNER_EXPENSIVE, 6, 2029, &error);

      g_assert_no_error (error);
      g_assert_true (wm_history_add_proposal (history, NULL, c, -1, &error));
      *out_conversion = c;
    }
  return window;
}

static WmGoalSeekDialog *
find_dialog (GtkWindow *parent)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (WM_IS_GOAL_SEEK_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == parent
        && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
dialog_gone (gpointer parent)
{
  return find_dialog (parent) == NULL;
}

/* Selects @proposal, presses the card's "Reach the Targets…" and waits for the dialog's
 * first answer. */
static WmGoalSeekDialog *
open_from_inspector (WmWindow *window, WmProposal *proposal)
{
  WmInspector *inspector = wm_window_get_inspector (window);
  GtkWidget *button;
  WmGoalSeekDialog *dialog;

  wm_map_tools_select_proposal (wm_window_get_map_tools (window), proposal);
  button = wm_inspector_get_field (inspector, "reach-targets");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  /* The search runs in a worker: its answer comes through the main loop. */
  if (wm_goal_seek_dialog_get_searching (dialog))
    wm_test_wait_for_signal (dialog, "search-finished", "the goal-seek search");
  g_assert_false (wm_goal_seek_dialog_get_searching (dialog));
  return dialog;
}

static void
assert_shows (WmGoalSeekDialog *dialog, const WmDwellingMix *expected)
{
  WmDwellingMix shown;

  g_assert_true (wm_goal_seek_dialog_get_shown_mix (dialog, &shown));
  g_assert_true (wm_dwelling_mix_equal (&shown, expected));
}

static void
test_new_build_apply (void)
{
  WmProposal *proposal, *unused;
  WmWindow *window = window_on_fixture (30, FALSE, &proposal, &unused);
  WmHistory *history = wm_window_get_history (window);
  WmDwellingMix before = *wm_proposal_get_dwelling_delta (proposal);
  g_autoptr (WmGoalSeekResult) core = NULL;
  g_autoptr (GError) error = NULL;
  WmGoalSeekDialog *dialog;
  WmGoalSeekResult *result;
  const WmDwellingMix *proposed;
  guint n_undo = wm_history_get_n_undo (history);

  core = wm_goal_seek_new_build (wm_window_get_engine (window), proposal, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (core->n_changes, ==, 20);

  dialog = open_from_inspector (window, proposal);
  result = wm_goal_seek_dialog_get_result (dialog);
  g_assert_nonnull (result);
  g_assert_null (wm_goal_seek_dialog_get_message (dialog));
  proposed = wm_goal_seek_result_get_proposed (core, proposal);
  assert_shows (dialog, proposed);
  g_assert_cmpuint (result->n_changes, ==, core->n_changes);
  g_assert_true (result->reached);
  /* Shown, not applied. */
  g_assert_true (wm_dwelling_mix_equal (wm_proposal_get_dwelling_delta (proposal), &before));
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, n_undo);
  save_shot (GTK_WIDGET (dialog), "goal-seek-dialog");

  g_assert_true (gtk_widget_get_sensitive (wm_goal_seek_dialog_get_apply_button (dialog)));
  g_signal_emit_by_name (wm_goal_seek_dialog_get_apply_button (dialog), "clicked");
  wm_test_wait_until (dialog_gone, window, "the dialog to close after Apply");
  g_assert_true (wm_dwelling_mix_equal (wm_proposal_get_dwelling_delta (proposal), proposed));
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, n_undo + 1);
  if (in_english ())
    g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Undo Reach the targets");
  g_assert_true (wm_history_undo (history));
  g_assert_true (wm_dwelling_mix_equal (wm_proposal_get_dwelling_delta (proposal), &before));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_close_changes_nothing (void)
{
  WmProposal *proposal, *unused;
  WmWindow *window = window_on_fixture (30, FALSE, &proposal, &unused);
  WmHistory *history = wm_window_get_history (window);
  WmDwellingMix before = *wm_proposal_get_dwelling_delta (proposal);
  guint n_undo = wm_history_get_n_undo (history);
  WmGoalSeekDialog *dialog = open_from_inspector (window, proposal);

  g_assert_nonnull (wm_goal_seek_dialog_get_result (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  wm_test_wait_until (dialog_gone, window, "the dialog to close");
  g_assert_true (wm_dwelling_mix_equal (wm_proposal_get_dwelling_delta (proposal), &before));
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, n_undo);
  g_assert_false (wm_history_get_can_redo (history));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An edited count is judged again; Apply takes the edit, not the search's mix. Area scope. */
static void
test_edit_and_area (void)
{
  WmProposal *proposal, *unused;
  WmWindow *window = window_on_fixture (30, FALSE, &proposal, &unused);
  g_autoptr (WmGoalSeekResult) core = NULL;
  g_autoptr (GError) error = NULL;
  WmGoalSeekDialog *dialog = open_from_inspector (window, proposal);
  WmTestSignalWatch *watch = wm_test_signal_watch_new (dialog, "search-finished");
  WmDwellingMix shown;
  GtkSpinButton *social, *expensive;

  /* Area "Noord" alone needs 26 social-rent dwellings (core test). */
  wm_goal_seek_dialog_set_area (dialog, "A");
  g_assert_cmpstr (wm_goal_seek_dialog_get_area (dialog), ==, "A");
  wm_test_signal_watch_wait (watch, 1, "the search in area A");
  wm_test_signal_watch_free (watch);
  core = wm_goal_seek_new_build (wm_window_get_engine (window), proposal, "A", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_goal_seek_dialog_get_result (dialog)->n_changes, ==, 26);
  assert_shows (dialog, wm_goal_seek_result_get_proposed (core, proposal));

  /* Two social-rent dwellings fewer: no longer inside the band, and the apply takes that. */
  social = wm_goal_seek_dialog_get_count_spin (dialog, WM_SEGMENT_SOCIAL_RENT);
  expensive = wm_goal_seek_dialog_get_count_spin (dialog, WM_SEGMENT_OWNER_EXPENSIVE);
  g_assert_nonnull (social);
  g_assert_nonnull (expensive);
  gtk_spin_button_set_value (social, gtk_spin_button_get_value (social) - 2);
  gtk_spin_button_set_value (expensive, gtk_spin_button_get_value (expensive) + 2);
  g_assert_true (wm_goal_seek_dialog_get_shown_mix (dialog, &shown));
  g_assert_cmpint (wm_dwelling_mix_total (&shown), ==, 30);
  g_assert_true (gtk_widget_get_sensitive (wm_goal_seek_dialog_get_apply_button (dialog)));
  g_signal_emit_by_name (wm_goal_seek_dialog_get_apply_button (dialog), "clicked");
  wm_test_wait_until (dialog_gone, window, "the dialog to close after Apply");
  g_assert_true (wm_dwelling_mix_equal (wm_proposal_get_dwelling_delta (proposal), &shown));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A conversion's card offers it too; with every conversion of the scenario the dialog shows
 * their combined change; over the limit the new build's button says why it is greyed. */
static void
test_conversion_and_limit (void)
{
  WmProposal *new_build, *conversion;
  WmWindow *window = window_on_fixture (30, TRUE, &new_build, &conversion);
  WmGoalSeekDialog *dialog = open_from_inspector (window, conversion);
  g_autoptr (WmGoalSeekResult) core = NULL;
  g_autoptr (GError) error = NULL;
  WmTestSignalWatch *watch;
  WmDwellingMix shown;
  WmGoalSeekResult *result = wm_goal_seek_dialog_get_result (dialog);
  GtkWidget *button;
  WmProposal *big;

  g_assert_nonnull (result);
  core = wm_goal_seek_conversions (wm_window_get_engine (window), &conversion, 1, NULL, &error);
  g_assert_no_error (error);
  assert_shows (dialog, wm_goal_seek_result_get_proposed (core, conversion));
  g_assert_true (wm_goal_seek_dialog_get_shown_mix (dialog, &shown));
  /* What the sale takes out stays; no spin button for it. */
  g_assert_cmpint (shown.counts[WM_SEGMENT_SOCIAL_RENT], ==, -6);
  g_assert_null (wm_goal_seek_dialog_get_count_spin (dialog, WM_SEGMENT_SOCIAL_RENT));
  save_shot (GTK_WIDGET (dialog), "goal-seek-conversion");
  /* Nothing comes closer than the mix now: nothing to apply. */
  g_assert_cmpuint (result->n_changes, ==, 0);
  g_assert_false (gtk_widget_get_sensitive (wm_goal_seek_dialog_get_apply_button (dialog)));
  watch = wm_test_signal_watch_new (dialog, "search-finished");
  wm_goal_seek_dialog_set_all_conversions (dialog, TRUE);
  wm_test_signal_watch_wait (watch, 1, "the search over all conversions");
  wm_test_signal_watch_free (watch);
  g_assert_cmpuint (wm_goal_seek_dialog_get_result (dialog)->proposals->len, ==, 1);
  gtk_window_close (GTK_WINDOW (dialog));
  wm_test_wait_until (dialog_gone, window, "the dialog to close");

  {
    WmDwellingMix mix = { { 0, 0, 0, 0, WM_GOAL_SEEK_MAX_DWELLINGS + 40 } };
    g_autoptr (WmGeometry) footprint = wm_test_square (1400, 400, 40);
    g_autoptr (WmProposal) p = wm_proposal_factory_new_build (wm_window_get_plan (window), NULL,
                                                              footprint, &mix,
                                                              WM_DWELLING_TYPE_APARTMENT, 2031,
                                                              &error);

    g_assert_no_error (error);
    g_assert_true (wm_history_add_proposal (wm_window_get_history (window), NULL, p, -1, &error));
    big = p;
  }
  wm_map_tools_select_proposal (wm_window_get_map_tools (window), big);
  button = wm_inspector_get_field (wm_window_get_inspector (window), "reach-targets");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_sensitive (button));
  if (in_english ())
    g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                     "An exact search is limited to 200 dwellings; this new build has 240");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Cancel while the worker searches (200 dwellings take a good part of a second): no result,
 * a message saying so, nothing applied. The answer is delivered through the main loop, so the
 * click comes before it whatever the worker's speed. */
static void
test_cancel (void)
{
  WmProposal *proposal, *unused;
  WmWindow *window = window_on_fixture (WM_GOAL_SEEK_MAX_DWELLINGS, FALSE, &proposal, &unused);
  WmDwellingMix before = *wm_proposal_get_dwelling_delta (proposal);
  WmInspector *inspector = wm_window_get_inspector (window);
  WmGoalSeekDialog *dialog;
  WmTestSignalWatch *watch;

  wm_map_tools_select_proposal (wm_window_get_map_tools (window), proposal);
  g_signal_emit_by_name (wm_inspector_get_field (inspector, "reach-targets"), "clicked");
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_true (wm_goal_seek_dialog_get_searching (dialog));
  g_assert_false (gtk_widget_get_sensitive (wm_goal_seek_dialog_get_apply_button (dialog)));
  watch = wm_test_signal_watch_new (dialog, "search-finished");
  g_signal_emit_by_name (wm_goal_seek_dialog_get_cancel_button (dialog), "clicked");
  wm_test_signal_watch_wait (watch, 1, "the cancelled search to end");
  wm_test_signal_watch_free (watch);
  g_assert_null (wm_goal_seek_dialog_get_result (dialog));
  g_assert_nonnull (wm_goal_seek_dialog_get_message (dialog));
  if (in_english ())
    g_assert_nonnull (strstr (wm_goal_seek_dialog_get_message (dialog), "cancelled"));
  g_assert_false (gtk_widget_get_sensitive (wm_goal_seek_dialog_get_apply_button (dialog)));
  g_assert_true (wm_dwelling_mix_equal (wm_proposal_get_dwelling_delta (proposal), &before));
  gtk_window_close (GTK_WINDOW (dialog));
  wm_test_wait_until (dialog_gone, window, "the dialog to close");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  textdomain (GETTEXT_PACKAGE);
  app = wm_test_init_app (&argc, &argv, &recovery_dir);

  g_test_add_func ("/goal-seek-dialog/new-build-apply", test_new_build_apply);
  g_test_add_func ("/goal-seek-dialog/close", test_close_changes_nothing);
  g_test_add_func ("/goal-seek-dialog/edit-and-area", test_edit_and_area);
  g_test_add_func ("/goal-seek-dialog/conversion-and-limit", test_conversion_and_limit);
  g_test_add_func ("/goal-seek-dialog/cancel", test_cancel);
  return wm_test_run_app (&app, &recovery_dir);
}
