/* wm-window.c: a project window: header bar, map, side panel, open and save */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-demo.h"
#include "wm-layer-list.h"
#include "wm-map-view.h"
#include "wm-indicator-panel.h"
#include "wm-project-file.h"
#include "wm-window.h"

struct _WmWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkPaned *paned;
  GtkOverlay *map_overlay;
  WmMapView *map_view;
  GtkMenuButton *layers_button;
  AdwViewStack *side_stack;
  WmIndicatorPanel *indicator_panel;

  GSettings *settings;
  WmPlan *plan;
  WmIndicatorEngine *engine;
  gulong active_scenario_id;
  GFile *file;
  GCancellable *load_cancellable;
};

G_DEFINE_FINAL_TYPE (WmWindow, wm_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PLAN_LOADED,
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

  if (self->file != NULL)
    subtitle = g_file_get_basename (self->file);
  else if (self->plan != NULL && wm_plan_get_illustrative (self->plan))
    subtitle = g_strdup (_("Demo — illustrative figures, not saved"));
  else
    subtitle = g_strdup (_("Not saved"));

  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), name);
}

static void
on_active_scenario_changed (WmWindow *self)
{
  wm_indicator_engine_set_scenario (self->engine, wm_plan_get_active_scenario (self->plan));
}

void
wm_window_set_plan (WmWindow *self, WmPlan *plan, GFile *file)
{
  g_return_if_fail (WM_IS_WINDOW (self));
  g_return_if_fail (WM_IS_PLAN (plan));

  g_clear_signal_handler (&self->active_scenario_id, self->plan);
  g_set_object (&self->plan, plan);
  g_set_object (&self->file, file);

  /* One engine per plan serves every panel; it follows the active scenario by deltas. */
  g_clear_object (&self->engine);
  self->engine = wm_indicator_engine_new (plan, NULL);
  self->active_scenario_id = g_signal_connect_swapped (plan, "notify::active-scenario",
                                                       G_CALLBACK (on_active_scenario_changed), self);

  wm_map_view_set_plan (self->map_view, plan);
  wm_indicator_panel_set_engine (self->indicator_panel, self->engine);
  wm_window_update_title (self);

  if (file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);
      g_settings_set_string (self->settings, "last-project", path != NULL ? path : "");
    }
}

static void
wm_window_show_error (WmWindow *self, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

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
load_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  GError *error = NULL;
  WmPlan *plan;

  if (path == NULL)
    {
      g_task_return_new_error (task, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_NOT_FOUND,
                               _("Only local files can be opened"));
      return;
    }
  plan = wm_project_file_load (path, &error);
  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, g_object_unref);
}

static void
on_load_finished (GObject *source, GAsyncResult *result, gpointer user_data)
{
  WmWindow *self = WM_WINDOW (source);
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = g_task_propagate_pointer (G_TASK (result), &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->map_view), TRUE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (plan == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("“%s” could not be opened"), name);

      wm_window_show_error (self, heading, error->message);
      g_signal_emit (self, signals[PLAN_LOADED], 0, FALSE);
      return;
    }
  wm_window_set_plan (self, plan, file);
  g_signal_emit (self, signals[PLAN_LOADED], 0, TRUE);
}

void
wm_window_open_file (WmWindow *self, GFile *file)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (WM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  task = g_task_new (self, self->load_cancellable, on_load_finished, NULL);
  g_task_set_source_tag (task, wm_window_open_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
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

gboolean
wm_window_save_to (WmWindow *self, GFile *file, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  if (path == NULL)
    {
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE,
                   _("Only local files can be saved"));
      return FALSE;
    }
  if (!wm_project_file_save (self->plan, path, error))
    return FALSE;

  /* The demo becomes an ordinary project once it is saved somewhere. */
  g_set_object (&self->file, file);
  g_settings_set_string (self->settings, "last-project", path);
  wm_window_update_title (self);
  message = g_strdup_printf (_("Saved as “%s”"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  return TRUE;
}

static void
wm_window_save_reporting (WmWindow *self, GFile *file)
{
  g_autoptr (GError) error = NULL;

  if (!wm_window_save_to (self, file, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("“%s” could not be saved"), name);
      g_autofree char *body = g_strdup_printf (
          _("%s\n\nNothing was lost: the plan is still open here, and the file on disk is as it "
            "was before. Try saving to another place."),
          error->message);

      wm_window_show_error (self, heading, body);
    }
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
      wm_window_save_reporting (self, file);
    }
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

  if (self->plan == NULL)
    return;
  if (self->file == NULL)
    on_save_as_activated (widget, "win.save-as", NULL);
  else
    wm_window_save_reporting (self, self->file);
}

static void
on_zoom_to_plan_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  wm_map_view_zoom_to_plan (WM_WINDOW (widget)->map_view);
}

static gboolean
wm_window_close_request (GtkWindow *window)
{
  WmWindow *self = WM_WINDOW (window);
  int width, height;

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
  g_clear_signal_handler (&self->active_scenario_id, self->plan);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_WINDOW);

  G_OBJECT_CLASS (wm_window_parent_class)->dispose (object);
}

static void
wm_window_finalize (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  g_clear_object (&self->engine);
  g_clear_object (&self->plan);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wm_window_parent_class)->finalize (object);
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

  g_type_ensure (WM_TYPE_MAP_VIEW);
  g_type_ensure (WM_TYPE_INDICATOR_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/wijkmix/Wijkmix/ui/wm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, map_overlay);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, layers_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, indicator_panel);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, on_save_activated);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, on_save_as_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-to-plan", NULL, on_zoom_to_plan_activated);
}

static void
on_base_map_error (WmWindow *self, const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
wm_window_init (WmWindow *self)
{
  GtkWidget *popover;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  /* The map's layer list, and the base map chosen in the preferences. */
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), wm_layer_list_new (self->map_view));
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
  return self->file;
}

WmIndicatorEngine *
wm_window_get_engine (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->engine;
}

WmMapView *
wm_window_get_map_view (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->map_view;
}
