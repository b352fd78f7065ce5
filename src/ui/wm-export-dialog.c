/* wm-export-dialog.c: the choices of a map image (PNG) before its file is chosen */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-export-dialog.h"

static const struct
{
  int width, height;
  const char *label; /* N_() */
} size_presets[] = {
  { 1920, 1080, N_("Full HD (1920 × 1080)") },
  { 3840, 2160, N_("4K (3840 × 2160)") },
};
#define CUSTOM_SIZE G_N_ELEMENTS (size_presets)
#define MIN_PIXELS 16

struct _WmExportDialog
{
  AdwWindow parent_instance;

  AdwComboRow *size_row;
  AdwActionRow *width_row;
  AdwActionRow *height_row;
  GtkSpinButton *width_spin;
  GtkSpinButton *height_spin;
  AdwComboRow *area_row;
};

G_DEFINE_FINAL_TYPE (WmExportDialog, wm_export_dialog, ADW_TYPE_WINDOW)

enum
{
  EXPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The custom rows can be edited only when "Custom" is chosen; a preset shows its numbers. */
static void
on_size_selected (WmExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->size_row);
  gboolean custom = selected >= CUSTOM_SIZE;

  if (!custom)
    {
      gtk_spin_button_set_value (self->width_spin, size_presets[selected].width);
      gtk_spin_button_set_value (self->height_spin, size_presets[selected].height);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->width_row), custom);
  gtk_widget_set_sensitive (GTK_WIDGET (self->height_row), custom);
}

static GtkSpinButton *
add_pixels_row (WmExportDialog *self, AdwPreferencesGroup *group, const char *title,
                AdwActionRow **out_row)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (MIN_PIXELS, WM_EXPORT_DIALOG_MAX_PIXELS, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("pixels"));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  *out_row = ADW_ACTION_ROW (row);
  return GTK_SPIN_BUTTON (spin);
}

static void
on_cancel_clicked (WmExportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
wm_export_dialog_class_init (WmExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[EXPORT] = g_signal_new ("export", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wm_export_dialog_init (WmExportDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export…"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *size_group = adw_preferences_group_new ();
  GtkWidget *map_group = adw_preferences_group_new ();
  g_autoptr (GtkStringList) sizes = gtk_string_list_new (NULL);
  const char *areas[] = { _("What the window shows"), _("The planning areas"), NULL };
  g_autoptr (GtkStringList) area_list = gtk_string_list_new (areas);

  gtk_window_set_title (GTK_WINDOW (self), _("Export Map Image"));
  gtk_window_set_default_size (GTK_WINDOW (self), 440, -1);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  gtk_widget_add_css_class (export, "suggested-action");
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (wm_export_dialog_accept), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);
  gtk_box_append (GTK_BOX (content), header);

  for (guint i = 0; i < G_N_ELEMENTS (size_presets); i++)
    gtk_string_list_append (sizes, _(size_presets[i].label));
  gtk_string_list_append (sizes, _("Custom"));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (size_group), _("Size"));
  self->size_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->size_row), _("Image size"));
  adw_combo_row_set_model (self->size_row, G_LIST_MODEL (sizes));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (size_group), GTK_WIDGET (self->size_row));
  self->width_spin = add_pixels_row (self, ADW_PREFERENCES_GROUP (size_group), _("Width"),
                                     &self->width_row);
  self->height_spin = add_pixels_row (self, ADW_PREFERENCES_GROUP (size_group), _("Height"),
                                      &self->height_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (size_group));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (map_group), _("Map"));
  self->area_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->area_row), _("Show"));
  adw_combo_row_set_model (self->area_row, G_LIST_MODEL (area_list));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (map_group), GTK_WIDGET (self->area_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (map_group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (content), page);
  adw_window_set_content (ADW_WINDOW (self), content);

  g_signal_connect_swapped (self->size_row, "notify::selected", G_CALLBACK (on_size_selected),
                            self);
  on_size_selected (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), export);
}

WmExportDialog *
wm_export_dialog_new (GtkWindow *parent, WmIndicatorState state)
{
  WmExportDialog *self = g_object_new (WM_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (self->area_row),
                                              ADW_TYPE_PREFERENCES_GROUP);

  /* The colours are the map's: say so rather than offer a second switch that could disagree. */
  adw_preferences_group_set_description (
      ADW_PREFERENCES_GROUP (group),
      state == WM_INDICATOR_PROJECTED
          ? _("The housing colours show the dwellings after the plan, as on the map.")
          : _("The housing colours show the dwellings today, as on the map."));
  return self;
}

void
wm_export_dialog_set_size (WmExportDialog *self, int width, int height)
{
  guint selected = CUSTOM_SIZE;

  g_return_if_fail (WM_IS_EXPORT_DIALOG (self));
  width = CLAMP (width, MIN_PIXELS, WM_EXPORT_DIALOG_MAX_PIXELS);
  height = CLAMP (height, MIN_PIXELS, WM_EXPORT_DIALOG_MAX_PIXELS);
  for (guint i = 0; i < G_N_ELEMENTS (size_presets); i++)
    if (size_presets[i].width == width && size_presets[i].height == height)
      selected = i;
  adw_combo_row_set_selected (self->size_row, selected);
  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
}

void
wm_export_dialog_get_size (WmExportDialog *self, int *width, int *height)
{
  g_return_if_fail (WM_IS_EXPORT_DIALOG (self));
  /* A number typed but not yet confirmed with Enter counts too. */
  gtk_spin_button_update (self->width_spin);
  gtk_spin_button_update (self->height_spin);
  *width = gtk_spin_button_get_value_as_int (self->width_spin);
  *height = gtk_spin_button_get_value_as_int (self->height_spin);
}

void
wm_export_dialog_set_area (WmExportDialog *self, WmExportArea area)
{
  g_return_if_fail (WM_IS_EXPORT_DIALOG (self));
  adw_combo_row_set_selected (self->area_row, area == WM_EXPORT_AREA_PLAN ? 1 : 0);
}

WmExportArea
wm_export_dialog_get_area (WmExportDialog *self)
{
  g_return_val_if_fail (WM_IS_EXPORT_DIALOG (self), WM_EXPORT_AREA_VIEW);
  return adw_combo_row_get_selected (self->area_row) == 1 ? WM_EXPORT_AREA_PLAN
                                                          : WM_EXPORT_AREA_VIEW;
}

void
wm_export_dialog_accept (WmExportDialog *self)
{
  g_return_if_fail (WM_IS_EXPORT_DIALOG (self));
  g_object_ref (self);
  /* Out of the way first: what "export" shows (the file chooser) comes over the window. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[EXPORT], 0);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}
