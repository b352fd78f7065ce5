/* wm-targets-editor.c: edits the project's target bands and preset through the history */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "wm-targets-editor.h"

typedef struct
{
  char *key;
  GtkEditable *min, *max;
} BandRow;

struct _WmTargetsEditor
{
  GtkBox parent_instance;

  WmTargets *targets;
  WmHistory *history;
  AdwComboRow *preset;
  GtkLabel *assumption;
  GtkSpinButton *margin;
  GtkLabel *error;
  GArray *rows; /* BandRow */
  gboolean syncing;
};

G_DEFINE_FINAL_TYPE (WmTargetsEditor, wm_targets_editor, GTK_TYPE_BOX)

static void
band_row_clear (gpointer data)
{
  BandRow *row = data;

  g_free (row->key);
}

static void
show_error (WmTargetsEditor *self, const char *message)
{
  gtk_label_set_text (self->error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error), message != NULL);
}

/* The text of a bound: "30" for 30 %, "0.6" for an index; "" for none. */
static char *
bound_text (const char *key, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  if (wm_target_key_is_index (key))
    return g_strdup_printf ("%.2f", value);
  /* Whole percentages as such, others (two thirds) with one decimal. */
  if (fabs (100.0 * value - round (100.0 * value)) < 1e-9)
    return g_strdup_printf ("%.0f", 100.0 * value);
  g_ascii_formatd (buf, sizeof buf, "%.1f", 100.0 * value);
  return g_strdup (buf);
}

/* Reads an entry: empty is no bound (NAN); "30", "30 %", "33,3" are percentages. */
static gboolean
parse_bound (const char *key, const char *text, double *out_value, GError **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double v;

  g_strdelimit (copy, ",", '.');
  if (g_str_has_suffix (copy, "%"))
    copy[strlen (copy) - 1] = '\0';
  g_strstrip (copy);
  if (*copy == '\0')
    {
      *out_value = NAN;
      return TRUE;
    }
  v = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (v))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a number"), text);
      return FALSE;
    }
  *out_value = wm_target_key_is_index (key) ? v : v / 100.0;
  return TRUE;
}

static void
wm_targets_editor_sync (WmTargetsEditor *self)
{
  WmTargetPreset preset = wm_targets_get_preset (self->targets);

  self->syncing = TRUE;
  adw_combo_row_set_selected (self->preset, preset);
  gtk_label_set_text (self->assumption, wm_target_preset_assumption (preset));
  gtk_spin_button_set_value (self->margin, 100.0 * wm_targets_get_close_margin (self->targets));
  for (guint i = 0; i < self->rows->len; i++)
    {
      BandRow *row = &g_array_index (self->rows, BandRow, i);
      WmTargetBand band;
      g_autofree char *min = NULL, *max = NULL;

      wm_targets_get_band (self->targets, row->key, &band);
      min = bound_text (row->key, band.min);
      max = bound_text (row->key, band.max);
      /* Only changed texts, so a cursor in another entry stays where it is. */
      if (g_strcmp0 (gtk_editable_get_text (row->min), min) != 0)
        gtk_editable_set_text (row->min, min);
      if (g_strcmp0 (gtk_editable_get_text (row->max), max) != 0)
        gtk_editable_set_text (row->max, max);
    }
  self->syncing = FALSE;
}

static void
apply_row (WmTargetsEditor *self, BandRow *row)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *shown_min = NULL, *shown_max = NULL;
  WmTargetBand band;
  double min, max;

  if (self->syncing || self->history == NULL)
    return;
  /* A text as shown keeps the stored value: leaving "66.7" alone keeps two thirds. */
  wm_targets_get_band (self->targets, row->key, &band);
  shown_min = bound_text (row->key, band.min);
  shown_max = bound_text (row->key, band.max);
  if (g_str_equal (gtk_editable_get_text (row->min), shown_min))
    min = band.min;
  else if (!parse_bound (row->key, gtk_editable_get_text (row->min), &min, &error))
    {
      show_error (self, error->message);
      return;
    }
  if (g_str_equal (gtk_editable_get_text (row->max), shown_max))
    max = band.max;
  else if (!parse_bound (row->key, gtk_editable_get_text (row->max), &max, &error))
    {
      show_error (self, error->message);
      return;
    }
  if (!wm_history_set_target_band (self->history, row->key, min, max, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  /* Shows the stored value, e.g. "33.3" after "33,33". */
  wm_targets_editor_sync (self);
}

static BandRow *
row_for_editable (WmTargetsEditor *self, GtkEditable *editable)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      BandRow *row = &g_array_index (self->rows, BandRow, i);
      if (row->min == editable || row->max == editable)
        return row;
    }
  return NULL;
}

static void
on_entry_activate (GtkEntry *entry, WmTargetsEditor *self)
{
  BandRow *row = row_for_editable (self, GTK_EDITABLE (entry));

  if (row != NULL)
    apply_row (self, row);
}

static void
on_entry_leave (GtkEventControllerFocus *controller, WmTargetsEditor *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  BandRow *row = row_for_editable (self, GTK_EDITABLE (entry));

  if (row != NULL)
    apply_row (self, row);
}

static void
on_preset_selected (WmTargetsEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->preset);

  if (self->syncing || self->history == NULL || selected >= WM_N_TARGET_PRESETS)
    return;
  show_error (self, NULL);
  wm_history_set_target_preset (self->history, selected);
  wm_targets_editor_sync (self);
}

static void
on_margin_changed (WmTargetsEditor *self)
{
  g_autoptr (GError) error = NULL;

  if (self->syncing || self->history == NULL)
    return;
  if (!wm_history_set_target_close_margin (self->history,
                                           gtk_spin_button_get_value (self->margin) / 100.0,
                                           &error))
    show_error (self, error->message);
  else
    show_error (self, NULL);
}

static GtkWidget *
bound_entry_new (WmTargetsEditor *self, const char *key, gboolean is_min, const char *title)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_autofree char *name = g_strconcat (is_min ? "target-min-" : "target-max-", key, NULL);
  g_autofree char *a11y = g_strdup_printf (is_min ? _("Minimum for %s") : _("Maximum for %s"),
                                           title);

  gtk_widget_set_name (entry, name);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 5);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "–");
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (entry, is_min ? _("Minimum; empty for none")
                                             : _("Maximum; empty for none"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave), self);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static GtkWidget *
band_row_new (WmTargetsEditor *self, const char *key)
{
  g_autofree char *title = wm_target_key_label (key);
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *dash = gtk_label_new ("–");
  GtkWidget *unit = gtk_label_new ("%");
  BandRow row = { g_strdup (key), NULL, NULL };

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
  /* An index has no unit; the label stays, unseen, so the entries line up. */
  if (wm_target_key_is_index (key))
    gtk_widget_set_opacity (unit, 0);
  row.min = GTK_EDITABLE (bound_entry_new (self, key, TRUE, title));
  row.max = GTK_EDITABLE (bound_entry_new (self, key, FALSE, title));
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), GTK_WIDGET (row.min));
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), dash);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), GTK_WIDGET (row.max));
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), unit);
  g_array_append_val (self->rows, row);
  return action_row;
}

GtkWidget *
wm_targets_editor_new (WmTargets         *targets,
                       const char *const *keys)
{
  WmTargetsEditor *self;
  g_autoptr (GtkStringList) presets = gtk_string_list_new (NULL);
  GtkWidget *list, *scrolled, *bands, *row, *note;

  g_return_val_if_fail (WM_IS_TARGETS (targets), NULL);

  self = g_object_new (WM_TYPE_TARGETS_EDITOR, "orientation", GTK_ORIENTATION_VERTICAL,
                       "spacing", 12, NULL);
  self->targets = g_object_ref (targets);

  for (guint p = 0; p < WM_N_TARGET_PRESETS; p++)
    gtk_string_list_append (presets, wm_target_preset_label (p));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  self->preset = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->preset), "target-preset");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->preset), _("Targets"));
  adw_combo_row_set_model (self->preset, G_LIST_MODEL (presets));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->preset));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Margin for “just below” and "
                                                               "“just above”"));
  self->margin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 100, 1));
  gtk_spin_button_set_digits (self->margin, 1);
  gtk_widget_set_valign (GTK_WIDGET (self->margin), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->margin));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("%"));
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_box_append (GTK_BOX (self), list);

  self->assumption = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->assumption, TRUE);
  gtk_label_set_max_width_chars (self->assumption, 50);
  gtk_label_set_xalign (self->assumption, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->assumption), "dim-label");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->assumption));

  bands = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (bands), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (bands, "boxed-list");
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    gtk_list_box_append (GTK_LIST_BOX (bands), band_row_new (self, keys[i]));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), bands);
  gtk_box_append (GTK_BOX (self), scrolled);

  note = gtk_label_new (_("Minimum and maximum in percent; leave one empty for no bound. Any "
                          "change makes the targets custom."));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 50);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (self), note);

  self->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->error), "error");
  gtk_label_set_wrap (self->error, TRUE);
  gtk_label_set_xalign (self->error, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->error), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->error));

  wm_targets_editor_sync (self);
  g_signal_connect_object (targets, "notify", G_CALLBACK (wm_targets_editor_sync), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->preset, "notify::selected", G_CALLBACK (on_preset_selected),
                            self);
  g_signal_connect_swapped (self->margin, "value-changed", G_CALLBACK (on_margin_changed), self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  return GTK_WIDGET (self);
}

void
wm_targets_editor_set_history (WmTargetsEditor *self,
                               WmHistory       *history)
{
  g_return_if_fail (WM_IS_TARGETS_EDITOR (self));

  g_set_object (&self->history, history);
  gtk_widget_set_sensitive (GTK_WIDGET (self), history != NULL);
}

const char *
wm_targets_editor_get_error (WmTargetsEditor *self)
{
  g_return_val_if_fail (WM_IS_TARGETS_EDITOR (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error)) ? gtk_label_get_text (self->error)
                                                           : NULL;
}

static void
wm_targets_editor_dispose (GObject *object)
{
  WmTargetsEditor *self = WM_TARGETS_EDITOR (object);

  g_clear_object (&self->history);
  g_clear_object (&self->targets);

  G_OBJECT_CLASS (wm_targets_editor_parent_class)->dispose (object);
}

static void
wm_targets_editor_finalize (GObject *object)
{
  WmTargetsEditor *self = WM_TARGETS_EDITOR (object);

  g_array_unref (self->rows);

  G_OBJECT_CLASS (wm_targets_editor_parent_class)->finalize (object);
}

static void
wm_targets_editor_class_init (WmTargetsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_targets_editor_dispose;
  object_class->finalize = wm_targets_editor_finalize;
}

static void
wm_targets_editor_init (WmTargetsEditor *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (BandRow));
  g_array_set_clear_func (self->rows, band_row_clear);
}
