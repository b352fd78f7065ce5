/* wm-window.c: a project window: header bar, map, side panel, open and save */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-autosave.h"
#include "wm-demo.h"
#include "wm-document.h"
#include "wm-history.h"
#include "wm-import.h"
#include "wm-import-dialog.h"
#include "wm-goal-seek-dialog.h"
#include "wm-inspector.h"
#include "wm-layer-list.h"
#include "wm-map-tools.h"
#include "wm-map-view.h"
#include "wm-plan-check.h"
#include "wm-checklist-panel.h"
#include "wm-comparison-view.h"
#include "wm-indicator-panel.h"
#include "wm-project-file.h"
#include "wm-proposal-list.h"
#include "wm-scenario-switcher.h"
#include "wm-timeline-bar.h"
#include "wm-tool-palette.h"
#include "wm-window.h"
#include "wm-window-private.h"

struct _WmWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkPaned *paned;
  GtkOverlay *map_overlay;
  WmMapView *map_view;
  GtkMenuButton *layers_button;
  GtkMenuButton *export_button;
  AdwViewStack *side_stack;
  WmIndicatorPanel *indicator_panel;
  WmToolPalette *tool_palette;
  WmInspector *inspector;
  WmProposalList *proposal_list;
  WmChecklistPanel *checklist_panel;
  WmScenarioSwitcher *scenario_switcher;
  WmTimelineBar *timeline_bar;
  GtkWidget *empty_notice;
  GtkWidget *loading_notice;
  GtkWidget *boundary_notice;
  gboolean drawing_plan_area;
  GtkLabel *loading_label;
  GtkWidget *undo_button;
  GtkWidget *redo_button;
  WmComparisonView *comparison_view; /* weak: open while it is */

  GSettings *settings;
  WmMapTools *tools;
  /* What is shown: plan, file, history, engine, checklist, autosave, "modified". The
   * pointers below are the document's, cached for the many places that use them. */
  WmDocument *document;
  WmHistory *history;
  WmPlan *plan;
  gboolean force_close;
  gboolean close_after_save;
  gulong active_scenario_id;
  gulong plan_changed_id;
  GCancellable *load_cancellable;
};

G_DEFINE_FINAL_TYPE (WmWindow, wm_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PLAN_LOADED,
  PLAN_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
wm_window_update_title (WmWindow *self)
{
  const char *name = self->plan != NULL ? wm_plan_get_name (self->plan) : NULL;
  g_autofree char *subtitle = NULL;

  if (name == NULL || *name == '\0')
    name = _("Untitled plan");

  if (self->document != NULL && wm_document_get_busy (self->document))
    subtitle = g_strdup (_("Saving…"));
  else if (wm_window_get_file (self) != NULL)
    subtitle = g_file_get_basename (wm_window_get_file (self));
  else if (self->plan != NULL && wm_plan_get_illustrative (self->plan))
    subtitle = g_strdup (_("Demo — illustrative figures, not saved"));
  else
    subtitle = g_strdup (_("Not saved"));

  /* A year shown must not be taken for the whole plan. */
  if (wm_timeline_bar_get_year (self->timeline_bar) != 0)
    {
      /* Translators: the window's subtitle while the map and figures show a year, e.g.
       * "As of 2031 · otterlo.wmx". */
      g_autofree char *dated = g_strdup_printf (_("As of %d · %s"),
                                                wm_timeline_bar_get_year (self->timeline_bar),
                                                subtitle);

      g_free (subtitle);
      subtitle = g_steal_pointer (&dated);
    }

  if (wm_window_get_modified (self))
    {
      /* Translators: the window title of a plan with unsaved changes. */
      g_autofree char *marked = g_strdup_printf (_("• %s"), name);
      g_autofree char *unsaved = g_strdup_printf (_("%s — unsaved changes"), subtitle);

      adw_window_title_set_title (self->window_title, marked);
      adw_window_title_set_subtitle (self->window_title, unsaved);
      gtk_window_set_title (GTK_WINDOW (self), marked);
      return;
    }
  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), name);
}

gboolean
wm_window_get_modified (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);

  return self->document != NULL && wm_document_get_modified (self->document);
}

WmDocument *
wm_window_get_document (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->document;
}

WmHistory *
wm_window_get_history (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->history;
}

WmAutosave *
wm_window_get_autosave (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->document != NULL ? wm_document_get_autosave (self->document) : NULL;
}

WmMapTools *
wm_window_get_map_tools (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->tools;
}

WmInspector *
wm_window_get_inspector (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->inspector;
}

WmProposalList *
wm_window_get_proposal_list (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->proposal_list;
}

const char *
wm_window_get_recovery_dir (void)
{
  const char *dir = g_getenv ("WIJKMIX_RECOVERY_DIR");

  return dir != NULL && *dir != '\0' ? dir : NULL;
}

static void
update_history_actions (WmWindow *self)
{
  const char *undo = self->history != NULL ? wm_history_get_undo_label (self->history) : NULL;
  const char *redo = self->history != NULL ? wm_history_get_redo_label (self->history) : NULL;
  g_autofree char *undo_tip = NULL, *redo_tip = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->history != NULL && wm_history_get_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->history != NULL && wm_history_get_can_redo (self->history));
  /* Translators: a tooltip such as "Undo Demolish 2 buildings (Ctrl+Z)". */
  undo_tip = undo != NULL ? g_strdup_printf (_("%s (Ctrl+Z)"), undo) : g_strdup (_("Nothing to undo"));
  redo_tip = redo != NULL ? g_strdup_printf (_("%s (Ctrl+Shift+Z)"), redo) : g_strdup (_("Nothing to redo"));
  gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
}

static void
on_history_notify (WmWindow *self)
{
  update_history_actions (self);
  wm_window_update_title (self);
}

static void
on_active_scenario_changed (WmWindow *self)
{
  /* The document's engine follows by itself; what was selected belongs to the scenario left
   * behind. */
  wm_map_tools_clear_selection (self->tools);
}

static void
on_document_busy (WmWindow *self)
{
  gboolean busy = wm_document_get_busy (self->document);

  /* One save at a time: the document refuses a second one, the window does not offer it. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", !busy);
  wm_window_update_title (self);
}

/* A closed window may live on a little (GTK lets go of it later): forget it at once. */
static gboolean
on_comparison_close_request (WmWindow *self)
{
  if (self->comparison_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->comparison_view, self);
      g_object_remove_weak_pointer (G_OBJECT (self->comparison_view),
                                    (gpointer *) &self->comparison_view);
      self->comparison_view = NULL;
    }
  return FALSE;
}

static void
close_comparison (WmWindow *self)
{
  WmComparisonView *view = self->comparison_view;

  if (view == NULL)
    return;
  on_comparison_close_request (self);
  gtk_window_destroy (GTK_WINDOW (view));
}

/* The window no longer listens to @self->document; its members stay valid until it goes. */
static void
wm_window_disconnect_document (WmWindow *self)
{
  if (self->document == NULL)
    return;
  g_clear_signal_handler (&self->active_scenario_id, self->plan);
  g_clear_signal_handler (&self->plan_changed_id, self->plan);
  g_signal_handlers_disconnect_by_data (self->history, self);
  g_signal_handlers_disconnect_by_data (self->document, self);
}

/* An item of the checklist asked to be seen on the map: its proposals, or else its area. */
static void
on_checklist_highlight (WmWindow *self, GStrv proposal_ids, GStrv area_ids)
{
  wm_map_tools_set_highlight (self->tools, (const char *const *) proposal_ids);
  if ((proposal_ids == NULL || proposal_ids[0] == NULL) && area_ids != NULL && area_ids[0] != NULL)
    wm_map_view_set_selected_area (self->map_view, area_ids[0]);
}

/* Clicking an area on the map focuses the indicator panel on it, and back. */
static void
on_map_selected_area (WmWindow *self)
{
  wm_indicator_panel_set_area (self->indicator_panel,
                               wm_map_view_get_selected_area (self->map_view));
}

static void
on_panel_area (WmWindow *self)
{
  const char *area = wm_indicator_panel_get_area (self->indicator_panel);

  if (g_strcmp0 (area, wm_map_view_get_selected_area (self->map_view)) != 0)
    wm_map_view_set_selected_area (self->map_view, area);
}

static void wm_window_show_error (WmWindow *self, const char *heading, const char *body);

/* A file from an older version or another program may hold proposals that do not fit
 * together. They are kept (no work is lost) and named, so the planner can mend them. */
static void
warn_plan_problems (WmWindow *self, WmPlan *plan)
{
  g_autoptr (GPtrArray) problems = wm_plan_check (plan);
  g_autoptr (GString) body = NULL;
  gboolean several = g_list_model_get_n_items (wm_plan_get_scenarios (plan)) > 1;
  g_autofree char *heading = NULL;
  const guint shown = 8;

  if (problems->len == 0)
    return;
  body = g_string_new (_("They are kept as they are, but the figures after them do not add up. "
                         "Change or delete them:"));
  for (guint i = 0; i < problems->len; i++)
    {
      WmPlanProblem *problem = g_ptr_array_index (problems, i);
      const char *scenario = wm_scenario_get_name (problem->scenario);

      g_message ("Scenario “%s”, proposal %s: %s", scenario,
                 wm_proposal_get_id (problem->proposal), problem->message);
      if (i >= shown)
        continue;
      g_string_append (body, "\n\n• ");
      if (several)
        /* Translators: before a problem, when the plan has several scenarios. */
        g_string_append_printf (body, _("In “%s”: "), scenario);
      g_string_append (body, problem->message);
    }
  if (problems->len > shown)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "And %u more.", "And %u more.",
                                                 problems->len - shown),
                              problems->len - shown);
    }
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u proposal does not fit the plan",
                                          "%u proposals do not fit the plan", problems->len),
                             problems->len);
  wm_window_show_error (self, heading, body->str);
}

/* A project without any neighbourhood data would show an empty map without a word; an
 * import (or its undo) changes that. */
static void
update_empty_notice (WmWindow *self)
{
  WmPlan *plan = self->plan;

  /* While the plan area is drawn the map must be free to click on. */
  gtk_widget_set_visible (self->empty_notice,
                          plan != NULL && !self->drawing_plan_area
                              && g_list_model_get_n_items (wm_plan_get_buildings (plan)) == 0
                              && g_list_model_get_n_items (wm_plan_get_areas (plan)) == 0
                              && wm_basemap_get_n_features (wm_plan_get_basemap (plan)) == 0);
}

void
wm_window_set_document (WmWindow *self, WmDocument *document)
{
  g_autoptr (WmDocument) old = NULL;
  WmPlan *plan;
  GFile *file;
  const GError *catalogue_error;

  g_return_if_fail (WM_IS_WINDOW (self));
  g_return_if_fail (WM_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  wm_window_disconnect_document (self);
  /* The comparison shows the document it was opened on: another one closes it. */
  close_comparison (self);
  old = g_steal_pointer (&self->document);
  self->document = g_object_ref (document);
  self->plan = plan = wm_document_get_plan (document);
  self->history = wm_document_get_history (document);
  file = wm_document_get_file (document);

  wm_document_enable_autosave (document, wm_window_get_recovery_dir ());
  self->active_scenario_id = g_signal_connect_swapped (plan, "notify::active-scenario",
                                                       G_CALLBACK (on_active_scenario_changed), self);
  g_signal_connect_swapped (self->history, "notify", G_CALLBACK (on_history_notify), self);
  g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (wm_window_update_title), self);
  g_signal_connect_swapped (document, "notify::file", G_CALLBACK (wm_window_update_title), self);
  g_signal_connect_swapped (document, "notify::busy", G_CALLBACK (on_document_busy), self);

  wm_map_view_set_plan (self->map_view, plan);
  wm_map_view_set_engine (self->map_view, wm_document_get_engine (document));
  wm_scenario_switcher_set_plan (self->scenario_switcher, plan);
  wm_indicator_panel_set_engine (self->indicator_panel, wm_document_get_engine (document));
  wm_timeline_bar_set_engine (self->timeline_bar, wm_document_get_engine (document));
  wm_checklist_panel_set_checklist (self->checklist_panel, wm_document_get_checklist (document));
  catalogue_error = wm_document_get_catalogue_error (document);
  if (catalogue_error != NULL)
    {
      g_autofree char *message = g_strdup_printf (
          _("The project's roadmap catalogue could not be loaded; the built-in one is used. %s"),
          catalogue_error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
  self->plan_changed_id = g_signal_connect_swapped (plan, "changed",
                                                    G_CALLBACK (update_empty_notice), self);
  update_empty_notice (self);

  wm_map_tools_set_history (self->tools, self->history);
  wm_indicator_panel_set_history (self->indicator_panel, self->history);
  wm_scenario_switcher_set_history (self->scenario_switcher, self->history);
  /* Unsaved work on the previous document keeps its recovery copy. */
  if (old != NULL && !wm_document_get_modified (old) && wm_document_get_autosave (old) != NULL)
    wm_autosave_discard (wm_document_get_autosave (old));
  on_document_busy (self);
  update_history_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-scenarios", TRUE);
  wm_window_update_title (self);
  warn_plan_problems (self, plan);

  if (file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);
      g_settings_set_string (self->settings, "last-project", path != NULL ? path : "");
    }
}

void
wm_window_set_plan (WmWindow *self, WmPlan *plan, GFile *file)
{
  g_autoptr (WmDocument) document = NULL;

  g_return_if_fail (WM_IS_WINDOW (self));
  g_return_if_fail (WM_IS_PLAN (plan));

  document = wm_document_new (plan, file);
  wm_window_set_document (self, document);
}

static void
wm_window_show_error (WmWindow *self, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  /* A dialog must not outlive the window it is transient for (see on_close_response()). */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
wm_window_open_demo (WmWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = wm_demo_load (&error);

  if (plan == NULL)
    {
      /* A broken build, not a user error; still say what happened and keep running. */
      wm_window_show_error (self, _("The demo neighbourhood could not be opened"), error->message);
      g_signal_emit (self, signals[PLAN_LOADED], 0, FALSE);
      return;
    }
  wm_window_set_plan (self, plan, NULL);
  g_settings_set_string (self->settings, "last-project", "");
  g_signal_emit (self, signals[PLAN_LOADED], 0, TRUE);
}

static void
wm_window_set_loading (WmWindow *self, GFile *file)
{
  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: shown over the map while a project file is read. */
      g_autofree char *text = g_strdup_printf (_("Opening “%s”…"), name);

      gtk_label_set_text (self->loading_label, text);
    }
  gtk_widget_set_visible (self->loading_notice, file != NULL);
}

gboolean
wm_window_get_loading (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  return gtk_widget_get_visible (self->loading_notice);
}

static void
on_load_finished (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (WmWindow) self = user_data;
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (WmDocument) document = wm_document_load_finish (result, &error);

  /* Cancelled: another file is loading, work was restored, or the window went away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  wm_window_set_loading (self, NULL);
  g_clear_object (&self->load_cancellable);
  if (document == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("“%s” could not be opened"), name);

      /* A new window has nothing to fall back on: it shows the demo behind the message. */
      if (self->document == NULL)
        {
          g_autoptr (WmPlan) demo = wm_demo_load (NULL);
          if (demo != NULL)
            wm_window_set_plan (self, demo, NULL);
        }
      wm_window_show_error (self, heading, error->message);
      g_signal_emit (self, signals[PLAN_LOADED], 0, FALSE);
      return;
    }
  wm_window_set_document (self, document);
  g_signal_emit (self, signals[PLAN_LOADED], 0, TRUE);
}

void
wm_window_open_file (WmWindow *self, GFile *file)
{
  g_return_if_fail (WM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  /* The file is read in a worker; the window stays usable and says what it is doing. */
  wm_window_set_loading (self, file);
  wm_document_load_async (file, self->load_cancellable, on_load_finished, g_object_ref (self));
}

gboolean
wm_window_open_last_project (WmWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "last-project");
  g_autoptr (GFile) file = NULL;

  if (path == NULL || *path == '\0' || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  file = g_file_new_for_path (path);
  wm_window_open_file (self, file);
  return TRUE;
}

static GtkFileFilter *
project_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Wijkmix projects (GeoPackage)"));
  gtk_file_filter_add_pattern (filter, "*.gpkg");
  gtk_file_filter_add_mime_type (filter, "application/geopackage+sqlite3");
  return filter;
}

static void
on_open_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  WmWindow *self = WM_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      wm_window_open_file (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
wm_window_choose_and_open (WmWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = project_file_filter ();

  dialog = gtk_file_chooser_native_new (_("Open Project"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* After a successful save, blocking or not. */
static void
wm_window_saved (WmWindow *self)
{
  GFile *file = wm_document_get_file (self->document);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = g_strdup_printf (_("Saved as “%s”"), name);

  g_settings_set_string (self->settings, "last-project", path);
  wm_window_update_title (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

gboolean
wm_window_save_to (WmWindow *self, GFile *file, GError **error)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!wm_document_save (self->document, file, error))
    return FALSE;
  wm_window_saved (self);
  return TRUE;
}

typedef struct
{
  WmWindow *window;
  GFile *file; /* where it was saved to */
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_object_unref (request->window);
  g_object_unref (request->file);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveRequest, save_request_free)

static void
on_save_finished (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SaveRequest) request = user_data;
  WmWindow *self = request->window;
  WmDocument *document = WM_DOCUMENT (source);
  GFile *file = request->file;
  g_autoptr (GError) error = NULL;

  if (wm_document_save_finish (document, result, &error))
    {
      /* The window may show another document by now; the toast is about this one. */
      if (document == self->document)
        wm_window_saved (self);
      g_signal_emit (self, signals[PLAN_SAVED], 0, TRUE);
      if (self->close_after_save && document == self->document)
        {
          self->close_after_save = FALSE;
          /* Edits made while it saved are not in the file: ask again. */
          gtk_window_close (GTK_WINDOW (self));
        }
      return;
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("“%s” could not be saved"), name);
      g_autofree char *body = g_strdup_printf (
          _("%s\n\nNothing was lost: the plan is still open here, and the file on disk is as it "
            "was before. Try saving to another place."),
          error->message);

      self->close_after_save = FALSE;
      wm_window_show_error (self, heading, body);
      g_signal_emit (self, signals[PLAN_SAVED], 0, FALSE);
    }
}

/* Saves in a worker; the outcome is a toast, or a dialog naming file and problem. */
static void
wm_window_save_async (WmWindow *self, GFile *file)
{
  SaveRequest *request;

  if (self->document == NULL)
    return;
  request = g_new0 (SaveRequest, 1);
  request->window = g_object_ref (self);
  request->file = g_object_ref (file != NULL ? file : wm_document_get_file (self->document));
  wm_document_save_async (self->document, file, NULL, on_save_finished, request);
}

static void
on_save_as_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  WmWindow *self = WM_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (chosen);
      g_autoptr (GFile) file = NULL;

      /* GIS tools recognise GeoPackages by their extension. */
      if (g_str_has_suffix (name, ".gpkg"))
        file = g_object_ref (chosen);
      else
        {
          g_autofree char *with_ext = g_strconcat (name, ".gpkg", NULL);
          g_autoptr (GFile) parent = g_file_get_parent (chosen);
          file = g_file_get_child (parent, with_ext);
        }
      wm_window_save_async (self, file);
    }
  else
    self->close_after_save = FALSE;
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_save_as_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WmWindow *self = WM_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = project_file_filter ();
  g_autofree char *suggested = NULL;

  dialog = gtk_file_chooser_native_new (_("Save Project"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  suggested = g_strdup_printf ("%s.gpkg", self->plan != NULL && *wm_plan_get_name (self->plan)
                                              ? wm_plan_get_name (self->plan) : _("Plan"));
  g_strdelimit (suggested, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_as_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_save_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WmWindow *self = WM_WINDOW (widget);

  if (self->document == NULL)
    return;
  if (wm_document_get_file (self->document) == NULL)
    on_save_as_activated (widget, "win.save-as", NULL);
  else
    wm_window_save_async (self, NULL);
}

void
wm_window_add_toast (WmWindow *self, AdwToast *toast)
{
  g_return_if_fail (WM_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
wm_window_show_imported (WmWindow *self, const WmBounds *bounds, gboolean was_empty)
{
  g_return_if_fail (WM_IS_WINDOW (self));

  /* Into an empty project: the new neighbourhood fills the map. */
  if (was_empty)
    {
      wm_map_view_zoom_to_plan (self->map_view);
      return;
    }
  /* Else the map moves only when what came in is out of sight. */
  if (!wm_map_view_bounds_visible (self->map_view, bounds))
    wm_map_view_show_bounds (self->map_view, bounds);
}

static void
end_plan_area (WmWindow *self)
{
  if (!self->drawing_plan_area)
    return;
  self->drawing_plan_area = FALSE;
  gtk_widget_set_visible (self->boundary_notice, FALSE);
  gtk_widget_set_child_visible (GTK_WIDGET (self->inspector), TRUE);
  update_empty_notice (self);
  if (wm_map_tools_get_tool (self->tools) == WM_TOOL_NEW_BUILD)
    wm_map_tools_set_tool (self->tools, WM_TOOL_SELECT);
}

static void
on_plan_area_selection (WmWindow *self)
{
  g_autoptr (WmImportResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  WmGeometry *polygon;

  if (!self->drawing_plan_area || wm_map_tools_get_selection_kind (self->tools) != WM_SELECTION_POLYGON)
    return;
  polygon = wm_map_tools_get_selected_polygon (self->tools);
  /* An area like any other, so the indicators, the map and the file treat it the same. */
  for (guint n = 1; id == NULL || wm_plan_find_area (self->plan, id) != NULL; n++)
    {
      g_free (id);
      id = n == 1 ? g_strdup ("plangebied") : g_strdup_printf ("plangebied-%u", n);
    }
  result = wm_import_result_new (_("Plan area"));
  g_ptr_array_add (result->areas, wm_area_new (id, _("Plan area"), polygon));
  /* The data came in before the plan had an area: now it is clipped to the one drawn. */
  result->clip_plan = g_list_model_get_n_items (wm_plan_get_areas (self->plan)) == 0;
  if (!wm_import_apply (self->document, result, &error))
    {
      wm_window_show_error (self, _("The plan area could not be added"), error->message);
      return;
    }
  end_plan_area (self);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Plan area added. Undo (Ctrl+Z) removes it.")));
}

void
wm_window_draw_plan_area (WmWindow *self)
{
  g_return_if_fail (WM_IS_WINDOW (self));

  self->drawing_plan_area = TRUE;
  /* The new-build tool draws polygons; its card is not what this is about. */
  wm_map_tools_set_tool (self->tools, WM_TOOL_NEW_BUILD);
  gtk_widget_set_child_visible (GTK_WIDGET (self->inspector), FALSE);
  gtk_widget_set_visible (self->boundary_notice, TRUE);
  update_empty_notice (self);
}

gboolean
wm_window_get_drawing_plan_area (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  return self->drawing_plan_area;
}

static void
on_add_data_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WmWindow *self = WM_WINDOW (widget);
  WmImportDialog *dialog;

  if (self->document == NULL)
    return;
  dialog = wm_import_dialog_new (self);
  gtk_window_present (GTK_WINDOW (dialog));
  wm_import_dialog_choose_file (dialog);
}

/* "win.compare-scenarios": the comparison window of the document, one per project window. With
 * one scenario it still opens: the plan against the baseline and its targets, and how to add a
 * variant. */
static void
on_compare_scenarios_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WmWindow *self = WM_WINDOW (widget);

  if (self->document == NULL)
    return;
  if (self->comparison_view == NULL)
    {
      self->comparison_view = wm_comparison_view_new (GTK_WINDOW (self), self->document);
      g_object_add_weak_pointer (G_OBJECT (self->comparison_view),
                                 (gpointer *) &self->comparison_view);
      g_signal_connect_swapped (self->comparison_view, "close-request",
                                G_CALLBACK (on_comparison_close_request), self);
    }
  gtk_window_present (GTK_WINDOW (self->comparison_view));
}

WmComparisonView *
wm_window_get_comparison_view (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->comparison_view;
}

static void
on_zoom_to_plan_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wm_map_view_zoom_to_plan (WM_WINDOW (widget)->map_view);
}

static gboolean
close_in_idle (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_close_response (AdwMessageDialog *dialog, const char *response, WmWindow *self)
{
  g_signal_handlers_disconnect_by_func (dialog, on_close_response, self);
  if (g_str_equal (response, "discard"))
    {
      /* Not from inside the dialog's "response": the dialog is transient for this window and
       * outlives the emission. Closed now, the window would be freed while the dialog still
       * points at it, and the dialog's dispose would then disconnect from the freed window
       * ("instance with invalid (NULL) class pointer", then a
       * g_signal_handlers_disconnect_matched critical). Once the dialog is gone, it can go. */
      self->force_close = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, close_in_idle, g_object_ref (self), g_object_unref);
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      if (wm_document_get_file (self->document) != NULL)
        wm_window_save_async (self, NULL);
      else
        on_save_as_activated (GTK_WIDGET (self), "win.save-as", NULL);
    }
}

static gboolean
wm_window_close_request (GtkWindow *window)
{
  WmWindow *self = WM_WINDOW (window);
  int width, height;

  if (!self->force_close && wm_window_get_modified (self))
    {
      const char *name = self->plan != NULL && *wm_plan_get_name (self->plan)
                           ? wm_plan_get_name (self->plan) : _("Untitled plan");
      GtkWidget *dialog = adw_message_dialog_new (window, _("Save Changes?"), NULL);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("“%s” has changes that are not saved. Changes that are not "
                                        "saved are lost."), name);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                        "discard", _("_Discard"), "save", _("_Save"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
      g_signal_connect (dialog, "response", G_CALLBACK (on_close_response), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }
  /* A clean close: the work is saved or knowingly discarded. */
  if (wm_window_get_autosave (self) != NULL)
    wm_autosave_discard (wm_window_get_autosave (self));

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_int (self->settings, "sidebar-position",
                      gtk_widget_get_width (GTK_WIDGET (self)) - gtk_paned_get_position (self->paned));

  return GTK_WINDOW_CLASS (wm_window_parent_class)->close_request (window);
}

static void
wm_window_dispose (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  wm_window_disconnect_document (self);
  close_comparison (self);
  if (self->tools != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->tools, self);
      wm_inspector_set_tools (self->inspector, NULL);
      wm_proposal_list_set_tools (self->proposal_list, NULL);
    }
  g_clear_object (&self->tools);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_WINDOW);
  /* The panels are gone, so nothing uses the document's members any more. Without a clean
   * close the recovery copy stays for the next start. */
  self->plan = NULL;
  self->history = NULL;
  g_clear_object (&self->document);

  G_OBJECT_CLASS (wm_window_parent_class)->dispose (object);
}

static void
wm_window_finalize (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wm_window_parent_class)->finalize (object);
}

static void
on_undo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WmWindow *self = WM_WINDOW (widget);

  if (self->history != NULL)
    wm_history_undo (self->history);
}

static void
on_redo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WmWindow *self = WM_WINDOW (widget);

  if (self->history != NULL)
    wm_history_redo (self->history);
}

static void
on_delete_selection_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WmWindow *self = WM_WINDOW (widget);
  WmProposal *proposal = wm_map_tools_get_selected_proposal (self->tools);
  g_autoptr (GError) error = NULL;

  if (proposal != NULL && self->history != NULL &&
      !wm_history_remove_proposal_full (self->history, proposal, &error))
    gtk_widget_activate_action (widget, "win.show-message", "s", error->message);
}

/* "win.reach-targets" (s): goal seeking for the proposal of that id in the active scenario
 * (the inspector's button). The dialog proposes; only its Apply changes the plan. */
static void
on_reach_targets_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WmWindow *self = WM_WINDOW (widget);
  WmPlan *plan = wm_window_get_plan (self);
  WmProposal *proposal;
  WmGoalSeekDialog *dialog;

  if (plan == NULL || self->history == NULL)
    return;
  proposal = wm_scenario_find_proposal (wm_plan_get_active_scenario (plan),
                                        g_variant_get_string (parameter, NULL));
  if (proposal == NULL || !wm_goal_seek_dialog_can_seek (proposal, NULL))
    return;
  dialog = wm_goal_seek_dialog_new (GTK_WINDOW (self), wm_window_get_engine (self), self->history,
                                    proposal);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "win.timeline-play": plays or pauses the timeline. */
static void
on_timeline_play_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WmWindow *self = WM_WINDOW (widget);

  wm_timeline_bar_set_playing (self->timeline_bar,
                               !wm_timeline_bar_get_playing (self->timeline_bar));
}

/* The map follows the year the bar sets; the engine (and so the panels) the bar sets
 * itself. */
static void
on_timeline_year (WmWindow *self)
{
  wm_map_view_set_year (self->map_view, wm_timeline_bar_get_year (self->timeline_bar));
  wm_window_update_title (self);
}

/* "win.show-message" (s): a refusal from a part of the window without a place to say it. */
static void
on_show_message_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WmWindow *self = WM_WINDOW (widget);
  /* A toast's title is markup; a proposal's name may hold "&". */
  g_autofree char *title = g_markup_escape_text (g_variant_get_string (parameter, NULL), -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* Tools: the stateful win.tool action and the map tools follow each other. */
static void
on_tool_change_state (GSimpleAction *action, GVariant *state, gpointer user_data)
{
  WmWindow *self = WM_WINDOW (user_data);
  WmTool tool;

  if (!wm_tool_from_key (g_variant_get_string (state, NULL), &tool))
    return;
  wm_map_tools_set_tool (self->tools, tool);
}

static void
on_tools_tool_changed (WmWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "tool");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (wm_tool_key (wm_map_tools_get_tool (self->tools))));
  wm_map_view_set_click_selects_area (self->map_view,
                                      wm_map_tools_get_tool (self->tools) == WM_TOOL_SELECT);
  /* Another tool chosen while the plan area was to be drawn: that is given up. */
  if (self->drawing_plan_area && wm_map_tools_get_tool (self->tools) != WM_TOOL_NEW_BUILD)
    end_plan_area (self);
}

/* Single-letter tool shortcuts, except while typing: entries take the letters first. */
static gboolean
on_window_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
                       GdkModifierType state, WmWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  guint lower = gdk_keyval_to_lower (keyval);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT (focus)))
    return FALSE;
  for (guint i = 0; i < WM_N_TOOLS; i++)
    if (lower == wm_tool_shortcut (i))
      {
        wm_map_tools_set_tool (self->tools, i);
        return TRUE;
      }
  if (keyval == GDK_KEY_Escape && wm_map_tools_get_tool (self->tools) != WM_TOOL_SELECT)
    {
      wm_map_tools_set_tool (self->tools, WM_TOOL_SELECT);
      return TRUE;
    }
  if ((keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete)
      && wm_map_tools_get_selected_proposal (self->tools) != NULL)
    return gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-selection", NULL);
  return FALSE;
}

static void
wm_window_class_init (WmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wm_window_dispose;
  object_class->finalize = wm_window_finalize;
  window_class->close_request = wm_window_close_request;

  signals[PLAN_LOADED] = g_signal_new ("plan-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[PLAN_SAVED] = g_signal_new ("plan-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (WM_TYPE_MAP_VIEW);
  g_type_ensure (WM_TYPE_INDICATOR_PANEL);
  g_type_ensure (WM_TYPE_TOOL_PALETTE);
  g_type_ensure (WM_TYPE_INSPECTOR);
  g_type_ensure (WM_TYPE_PROPOSAL_LIST);
  g_type_ensure (WM_TYPE_CHECKLIST_PANEL);
  g_type_ensure (WM_TYPE_SCENARIO_SWITCHER);
  g_type_ensure (WM_TYPE_TIMELINE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/wijkmix/Wijkmix/ui/wm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, map_overlay);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, layers_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, indicator_panel);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, tool_palette);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, proposal_list);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, checklist_panel);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, scenario_switcher);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, timeline_bar);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, redo_button);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, on_save_activated);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, on_save_as_activated);
  wm_window_exchange_install_actions (widget_class);
  wm_window_export_install_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.zoom-to-plan", NULL, on_zoom_to_plan_activated);
  gtk_widget_class_install_action (widget_class, "win.add-data", NULL, on_add_data_activated);
  gtk_widget_class_install_action (widget_class, "win.compare-scenarios", NULL,
                                   on_compare_scenarios_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, on_undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, on_redo_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-selection", NULL,
                                   on_delete_selection_activated);
  gtk_widget_class_install_action (widget_class, "win.show-message", "s", on_show_message_activated);
  gtk_widget_class_install_action (widget_class, "win.reach-targets", "s",
                                   on_reach_targets_activated);
  gtk_widget_class_install_action (widget_class, "win.timeline-play", NULL,
                                   on_timeline_play_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "win.timeline-play", NULL);
}

static void
on_base_map_error (WmWindow *self, const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
wm_window_init (WmWindow *self)
{
  const GActionEntry entries[] = {
    { "tool", NULL, "s", "'select'", on_tool_change_state },
  };
  GtkEventController *keys;
  GtkWidget *popover;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* A change brought into view from the list is not put under the palette or the card. */
  wm_map_view_add_cover (self->map_view, GTK_WIDGET (self->tool_palette));
  wm_map_view_add_cover (self->map_view, GTK_WIDGET (self->inspector));

  self->empty_notice = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty_notice), "find-location-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_notice),
                             _("No Neighbourhood in This Project"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_notice),
                                   _("It has no buildings, areas or base map yet. Add them "
                                     "from BAG, BGT or CBS files, or open another project."));
  {
    GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Data…"));

    gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "win.add-data");
    gtk_widget_set_halign (add, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (add, "pill");
    gtk_widget_add_css_class (add, "suggested-action");
    adw_status_page_set_child (ADW_STATUS_PAGE (self->empty_notice), add);
  }
  gtk_widget_add_css_class (self->empty_notice, "card");
  gtk_widget_add_css_class (self->empty_notice, "compact");
  /* An overlay child gets its minimum width; give the sentence room. */
  gtk_widget_set_size_request (self->empty_notice, 420, 340);
  gtk_widget_set_halign (self->empty_notice, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->empty_notice, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->empty_notice, FALSE);
  gtk_overlay_add_overlay (self->map_overlay, self->empty_notice);

  /* While a project file is read in a worker, the map says so and stays usable. */
  self->loading_notice = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (self->loading_notice), gtk_spinner_new ());
  gtk_spinner_start (GTK_SPINNER (gtk_widget_get_first_child (self->loading_notice)));
  self->loading_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_box_append (GTK_BOX (self->loading_notice), GTK_WIDGET (self->loading_label));
  gtk_widget_add_css_class (self->loading_notice, "osd");
  gtk_widget_add_css_class (self->loading_notice, "toolbar");
  gtk_widget_set_halign (self->loading_notice, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->loading_notice, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->loading_notice, 12);
  gtk_widget_set_can_target (self->loading_notice, FALSE);
  gtk_widget_set_visible (self->loading_notice, FALSE);
  gtk_overlay_add_overlay (self->map_overlay, self->loading_notice);

  /* Drawing the plan area of a new project: what to do, and a way out. */
  self->boundary_notice = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  {
    GtkWidget *label = gtk_label_new (_("Draw the outline of the plan area: click its corners, "
                                        "double-click or press Enter to close it."));
    GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_width_chars (GTK_LABEL (label), 40);
    gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_set_hexpand (label, TRUE);
    gtk_box_append (GTK_BOX (self->boundary_notice), label);
    g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (end_plan_area), self);
    gtk_box_append (GTK_BOX (self->boundary_notice), cancel);
  }
  gtk_widget_add_css_class (self->boundary_notice, "osd");
  gtk_widget_add_css_class (self->boundary_notice, "toolbar");
  gtk_widget_set_halign (self->boundary_notice, GTK_ALIGN_CENTER);
  /* At the bottom, clear of the legend and the zoom buttons. */
  gtk_widget_set_valign (self->boundary_notice, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (self->boundary_notice, 48);
  gtk_widget_set_visible (self->boundary_notice, FALSE);
  gtk_overlay_add_overlay (self->map_overlay, self->boundary_notice);

  self->tools = wm_map_tools_new (self->map_view);
  g_signal_connect_swapped (self->tools, "selection-changed", G_CALLBACK (on_plan_area_selection),
                            self);
  g_signal_connect_swapped (self->tools, "notify::tool", G_CALLBACK (on_tools_tool_changed), self);
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  wm_inspector_set_tools (self->inspector, self->tools);
  wm_proposal_list_set_tools (self->proposal_list, self->tools);
  g_signal_connect_swapped (self->checklist_panel, "highlight",
                            G_CALLBACK (on_checklist_highlight), self);
  g_signal_connect_swapped (self->map_view, "notify::selected-area",
                            G_CALLBACK (on_map_selected_area), self);
  g_signal_connect_swapped (self->indicator_panel, "notify::area", G_CALLBACK (on_panel_area), self);
  g_signal_connect_swapped (self->timeline_bar, "notify::year", G_CALLBACK (on_timeline_year),
                            self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-scenarios", FALSE);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_window_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  update_history_actions (self);

  self->settings = g_settings_new (APP_ID);

  /* The map's layer list, and the base map chosen in the preferences. */
  popover = gtk_popover_new ();
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *add = gtk_button_new ();
    GtkWidget *content = adw_button_content_new ();

    /* New layers come in from files: the layer list is where people look for them. */
    adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
    adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add Data…"));
    adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
    gtk_button_set_child (GTK_BUTTON (add), content);
    gtk_widget_add_css_class (add, "flat");
    gtk_widget_set_tooltip_text (add, _("Add buildings, areas or a base map from a file (Ctrl+I)"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "win.add-data");
    gtk_box_append (GTK_BOX (box), wm_layer_list_new (self->map_view));
    gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
    gtk_box_append (GTK_BOX (box), add);
    gtk_popover_set_child (GTK_POPOVER (popover), box);
  }
  gtk_menu_button_set_popover (self->layers_button, popover);
  g_signal_connect_object (self->map_view, "base-map-error", G_CALLBACK (on_base_map_error), self,
                           G_CONNECT_SWAPPED);
  wm_map_view_bind_settings (self->map_view, self->settings);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  /* The side panel keeps its width; the map takes the rest. */
  gtk_paned_set_position (self->paned, MAX (360, g_settings_get_int (self->settings, "window-width")
                                                     - g_settings_get_int (self->settings,
                                                                           "sidebar-position")));
}

WmWindow *
wm_window_new (WmApplication *application)
{
  return g_object_new (WM_TYPE_WINDOW, "application", application, NULL);
}

WmPlan *
wm_window_get_plan (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->plan;
}

GFile *
wm_window_get_file (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->document != NULL ? wm_document_get_file (self->document) : NULL;
}

GtkWidget *
wm_window_get_timeline_bar (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->timeline_bar);
}

WmIndicatorEngine *
wm_window_get_engine (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->document != NULL ? wm_document_get_engine (self->document) : NULL;
}

gboolean
wm_window_get_shows_empty_notice (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);
  return gtk_widget_get_visible (self->empty_notice);
}

GtkMenuButton *
wm_window_get_export_button (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->export_button;
}

WmMapView *
wm_window_get_map_view (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->map_view;
}

/* Recovery after a crash */

static void offer_next (WmWindow *self, GPtrArray *entries);

static void
on_recovery_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  WmWindow *self = WM_WINDOW (g_object_get_data (G_OBJECT (dialog), "wm-window"));
  GPtrArray *entries = user_data;
  WmRecoveryEntry *entry = g_ptr_array_index (entries, 0);
  const char *dir = wm_window_get_recovery_dir ();
  g_autoptr (GError) error = NULL;

  /* Closing after a response emits the close response too: answer once. */
  g_signal_handlers_disconnect_by_func (dialog, on_recovery_response, user_data);
  if (g_str_equal (response, "restore"))
    {
      if (!wm_window_restore (self, dir, entry->id, &error))
        wm_window_show_error (self, _("The unsaved work could not be restored"), error->message);
    }
  else if (g_str_equal (response, "discard"))
    {
      if (!wm_autosave_delete (dir, entry->id, &error))
        g_warning ("Could not delete recovery copy %s: %s", entry->id, error->message);
    }
  g_ptr_array_remove_index (entries, 0);
  offer_next (self, entries);
}

static void
offer_next (WmWindow *self, GPtrArray *entries)
{
  WmRecoveryEntry *entry;
  GtkWidget *dialog;
  g_autofree char *time = NULL;
  const char *name;

  if (entries->len == 0)
    {
      g_ptr_array_unref (entries);
      return;
    }
  entry = g_ptr_array_index (entries, 0);
  name = entry->plan_name != NULL && *entry->plan_name ? entry->plan_name : _("Untitled plan");
  time = g_date_time_format (entry->time, "%c");
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore Unsaved Work?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Wijkmix stopped before “%s” was saved. A copy of the work was "
                                    "kept at %s. Restore it?"), name, time);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "discard", _("_Discard"),
                                    "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  /* Closing the dialog decides nothing: the copy stays for the next start. */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data (G_OBJECT (dialog), "wm-window", self);
  g_object_set_data (G_OBJECT (dialog), "wm-recovery-entry", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_recovery_response), entries);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
wm_window_offer_recovery (WmWindow *self)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *entries;

  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);

  entries = wm_autosave_list_recoverable (wm_window_get_recovery_dir (), &error);
  if (entries == NULL)
    {
      g_warning ("Could not look for unsaved work: %s", error->message);
      return FALSE;
    }
  if (entries->len == 0)
    {
      g_ptr_array_unref (entries);
      return FALSE;
    }
  offer_next (self, entries);
  return TRUE;
}

gboolean
wm_window_restore (WmWindow *self, const char *recovery_dir, const char *id, GError **error)
{
  g_autofree char *original = NULL;
  g_autoptr (WmPlan) plan = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) save_error = NULL;

  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);

  plan = wm_autosave_restore (recovery_dir, id, &original, error);
  if (plan == NULL)
    return FALSE;
  /* A project still loading must not replace the restored work. */
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  wm_window_set_loading (self, NULL);
  if (original != NULL)
    file = g_file_new_for_path (original);
  wm_window_set_plan (self, plan, file);
  wm_document_mark_restored (self->document);
  /* Only once the new session holds its own copy is the old one let go. */
  if (wm_autosave_save_now (wm_window_get_autosave (self), &save_error))
    wm_autosave_delete (recovery_dir, id, NULL);
  else
    g_warning ("Could not write a recovery copy: %s", save_error->message);
  g_signal_emit (self, signals[PLAN_LOADED], 0, TRUE);
  return TRUE;
}
