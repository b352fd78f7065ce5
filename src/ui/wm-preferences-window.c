/* wm-preferences-window.c: application preferences (the base map) */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-preferences-window.h"

static const char *const basemap_keys[] = { "offline", "pdok", "osm", "mbtiles" };

struct _WmPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  AdwComboRow *basemap_row;
  AdwActionRow *mbtiles_row;
};

G_DEFINE_FINAL_TYPE (WmPreferencesWindow, wm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_mbtiles_row (WmPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "mbtiles-file");
  g_autofree char *name = NULL;

  if (path != NULL && *path != '\0')
    name = g_filename_display_basename (path);
  adw_action_row_set_subtitle (self->mbtiles_row, name != NULL ? name : _("None chosen"));
}

static void
load_from_settings (WmPreferencesWindow *self)
{
  g_autofree char *key = g_settings_get_string (self->settings, "basemap");

  for (guint i = 0; i < G_N_ELEMENTS (basemap_keys); i++)
    if (g_str_equal (key, basemap_keys[i]))
      adw_combo_row_set_selected (self->basemap_row, i);
  update_mbtiles_row (self);
}

static void
on_basemap_selected (WmPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->basemap_row);

  if (i < G_N_ELEMENTS (basemap_keys))
    g_settings_set_string (self->settings, "basemap", basemap_keys[i]);
}

static void
on_file_chosen (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  WmPreferencesWindow *self = WM_PREFERENCES_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        {
          g_settings_set_string (self->settings, "mbtiles-file", path);
          g_settings_set_string (self->settings, "basemap", "mbtiles");
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
on_choose_clicked (WmPreferencesWindow *self)
{
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("MBTiles files"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");
  dialog = gtk_file_chooser_native_new (_("Choose an MBTiles File"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_file_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
wm_preferences_window_dispose (GObject *object)
{
  WmPreferencesWindow *self = WM_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wm_preferences_window_parent_class)->dispose (object);
}

static void
wm_preferences_window_class_init (WmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_preferences_window_dispose;
}

static void
wm_preferences_window_init (WmPreferencesWindow *self)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  GtkWidget *button;

  adw_preferences_page_set_title (page, _("Map"));
  adw_preferences_page_set_icon_name (page, "mark-location-symbolic");
  adw_preferences_group_set_title (group, _("Base Map"));
  adw_preferences_group_set_description (group,
    _("The project map works offline. Online maps need a network; without one the project "
      "map is shown."));

  gtk_string_list_append (choices, _("Project map (offline)"));
  gtk_string_list_append (choices, _("BRT-Achtergrondkaart (PDOK, online)"));
  gtk_string_list_append (choices, _("OpenStreetMap (online)"));
  gtk_string_list_append (choices, _("MBTiles file (offline)"));
  self->basemap_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->basemap_row), _("Base map"));
  adw_combo_row_set_model (self->basemap_row, G_LIST_MODEL (choices));
  adw_preferences_group_add (group, GTK_WIDGET (self->basemap_row));

  self->mbtiles_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mbtiles_row), _("MBTiles file"));
  button = gtk_button_new_with_mnemonic (_("C_hoose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_choose_clicked), self);
  adw_action_row_add_suffix (self->mbtiles_row, button);
  adw_preferences_group_add (group, GTK_WIDGET (self->mbtiles_row));

  adw_preferences_page_add (page, group);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
}

GtkWidget *
wm_preferences_window_new (GtkWindow *parent, GSettings *settings)
{
  WmPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (WM_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
  self->settings = g_object_ref (settings);
  load_from_settings (self);
  g_signal_connect_object (self->basemap_row, "notify::selected",
                           G_CALLBACK (on_basemap_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::mbtiles-file", G_CALLBACK (update_mbtiles_row),
                           self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

AdwComboRow *
wm_preferences_window_get_basemap_row (WmPreferencesWindow *self)
{
  g_return_val_if_fail (WM_IS_PREFERENCES_WINDOW (self), NULL);
  return self->basemap_row;
}
