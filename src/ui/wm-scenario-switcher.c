/* wm-scenario-switcher.c: the header bar's menu of scenarios: switch, add, duplicate, rename, delete */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wm-proposal-factory.h"
#include "wm-scenario-switcher.h"

struct _WmScenarioSwitcher
{
  GtkWidget parent_instance;

  GtkWidget *button;
  GtkWidget *button_label;
  GtkWidget *popover;
  GtkWidget *stack;
  GtkWidget *list;
  GtkWidget *message;
  GtkWidget *action_buttons[4];
  GtkWidget *rename_entry;
  GtkWidget *rename_reason;
  GtkWidget *rename_button;

  WmPlan *plan;
  WmHistory *history;
  WmScenario *active; /* whose name the button shows */
};

G_DEFINE_FINAL_TYPE (WmScenarioSwitcher, wm_scenario_switcher, GTK_TYPE_WIDGET)

G_DEFINE_QUARK (wm-scenario-switcher-error-quark, wm_scenario_switcher_error)

/* Rows */

static void
update_row (GtkWidget *row)
{
  WmScenario *scenario = g_object_get_data (G_OBJECT (row), "wm-scenario");
  WmScenarioSwitcher *self = g_object_get_data (G_OBJECT (row), "wm-switcher");
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *check = gtk_widget_get_first_child (box);
  GtkWidget *texts = gtk_widget_get_next_sibling (check);
  GtkWidget *name = gtk_widget_get_first_child (texts);
  GtkWidget *count = gtk_widget_get_next_sibling (name);
  guint n = g_list_model_get_n_items (wm_scenario_get_proposals (scenario));
  gboolean active = self->plan != NULL && wm_plan_get_active_scenario (self->plan) == scenario;
  g_autoptr (PangoAttrList) attrs = pango_attr_list_new ();
  g_autofree char *count_text = NULL;

  /* The active one is marked twice, by the check and in bold: never by colour alone. */
  if (active)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (GTK_LABEL (name), attrs);
  gtk_label_set_text (GTK_LABEL (name), wm_scenario_get_name (scenario));
  gtk_widget_set_opacity (check, active ? 1.0 : 0.0);
  count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", n), n);
  gtk_label_set_text (GTK_LABEL (count), count_text);
  gtk_widget_set_tooltip_text (row, active ? _("The active scenario") : NULL);
}

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  WmScenarioSwitcher *self = user_data;
  WmScenario *scenario = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 28);
  gtk_label_set_xalign (GTK_LABEL (count), 0);
  gtk_widget_add_css_class (count, "caption");
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), count);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "wm-scenario", g_object_ref (scenario), g_object_unref);
  g_object_set_data (G_OBJECT (row), "wm-switcher", self);
  /* A rename or a proposal more or less; the handler goes with the row. */
  g_signal_connect_object (scenario, "changed", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  update_row (row);
  return row;
}

static void
update_rows (WmScenarioSwitcher *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), i)) != NULL; i++)
    update_row (GTK_WIDGET (row));
}

/* The button */

static void
update_label (WmScenarioSwitcher *self)
{
  const char *name = self->active != NULL ? wm_scenario_get_name (self->active) : "";

  gtk_label_set_text (GTK_LABEL (self->button_label), name);
}

static void
update_sensitivity (WmScenarioSwitcher *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->action_buttons); i++)
    gtk_widget_set_sensitive (self->action_buttons[i], self->history != NULL);
  gtk_widget_set_sensitive (self->button, self->plan != NULL);
}

static void
show_message (WmScenarioSwitcher *self, const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->message), text != NULL ? text : "");
  gtk_widget_set_visible (self->message, text != NULL);
}

static void
on_active_changed (WmScenarioSwitcher *self)
{
  WmScenario *active = self->plan != NULL ? wm_plan_get_active_scenario (self->plan) : NULL;

  if (self->active != NULL)
    g_signal_handlers_disconnect_by_data (self->active, self);
  g_set_object (&self->active, active);
  if (active != NULL)
    g_signal_connect_swapped (active, "notify::name", G_CALLBACK (update_label), self);
  update_label (self);
  update_rows (self);
  show_message (self, NULL);
}

/* Edits */

static WmPlan *
history_plan (WmScenarioSwitcher *self)
{
  return self->history != NULL ? wm_history_get_plan (self->history) : NULL;
}

static gboolean
name_taken (WmPlan *plan, WmScenario *except, const char *name)
{
  GListModel *scenarios = wm_plan_get_scenarios (plan);

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr (WmScenario) scenario = g_list_model_get_item (scenarios, i);

      if (scenario != except && g_strcmp0 (wm_scenario_get_name (scenario), name) == 0)
        return TRUE;
    }
  return FALSE;
}

char *
wm_scenario_switcher_next_name (WmScenarioSwitcher *self)
{
  WmPlan *plan;
  guint n;

  g_return_val_if_fail (WM_IS_SCENARIO_SWITCHER (self), NULL);

  plan = history_plan (self) != NULL ? history_plan (self) : self->plan;
  n = plan != NULL ? g_list_model_get_n_items (wm_plan_get_scenarios (plan)) + 1 : 1;
  for (;; n++)
    {
      /* Translators: the default name of a new scenario, %u its number. */
      g_autofree char *name = g_strdup_printf (_("Scenario %u"), n);

      if (plan == NULL || !name_taken (plan, NULL, name))
        return g_steal_pointer (&name);
    }
}

void
wm_scenario_switcher_activate (WmScenarioSwitcher *self, WmScenario *scenario)
{
  g_return_if_fail (WM_IS_SCENARIO_SWITCHER (self));
  g_return_if_fail (WM_IS_SCENARIO (scenario));

  if (self->history == NULL
      || wm_plan_get_active_scenario (history_plan (self)) == scenario
      || !g_list_store_find (G_LIST_STORE (wm_plan_get_scenarios (history_plan (self))), scenario,
                             NULL))
    return;
  wm_history_set_active_scenario (self->history, scenario);
}

WmScenario *
wm_scenario_switcher_add_new (WmScenarioSwitcher *self)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autoptr (WmScenario) scenario = NULL;

  g_return_val_if_fail (WM_IS_SCENARIO_SWITCHER (self), NULL);

  if (self->history == NULL)
    return NULL;
  id = wm_plan_new_id (history_plan (self), "scenario");
  name = wm_scenario_switcher_next_name (self);
  scenario = wm_scenario_new (id, name);
  wm_history_add_scenario (self->history, scenario, TRUE);
  return scenario; /* the plan holds it */
}

WmScenario *
wm_scenario_switcher_duplicate_active (WmScenarioSwitcher *self)
{
  WmScenario *scenario;
  g_autofree char *name = NULL;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (WM_IS_SCENARIO_SWITCHER (self), NULL);

  if (self->history == NULL)
    return NULL;
  name = wm_scenario_switcher_next_name (self);
  /* Proposals and checklist entries together, as one step (wm-history.c). */
  scenario = wm_history_duplicate_scenario (self->history,
                                            wm_plan_get_active_scenario (history_plan (self)),
                                            name, TRUE, &error);
  if (scenario == NULL)
    g_warning ("Could not duplicate the scenario: %s", error->message);
  return scenario;
}

gboolean
wm_scenario_switcher_rename (WmScenarioSwitcher  *self,
                             WmScenario          *scenario,
                             const char          *name,
                             GError             **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (WM_IS_SCENARIO_SWITCHER (self), FALSE);
  g_return_val_if_fail (WM_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (self->history != NULL, FALSE);

  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, WM_SCENARIO_SWITCHER_ERROR,
                           WM_SCENARIO_SWITCHER_ERROR_EMPTY_NAME,
                           _("A scenario needs a name."));
      return FALSE;
    }
  if (name_taken (history_plan (self), scenario, stripped))
    {
      g_set_error (error, WM_SCENARIO_SWITCHER_ERROR, WM_SCENARIO_SWITCHER_ERROR_NAME_TAKEN,
                   _("There is already a scenario called “%s”."), stripped);
      return FALSE;
    }
  wm_history_rename_scenario (self->history, scenario, stripped);
  return TRUE;
}

gboolean
wm_scenario_switcher_remove (WmScenarioSwitcher  *self,
                             WmScenario          *scenario,
                             GError             **error)
{
  GListModel *scenarios;

  g_return_val_if_fail (WM_IS_SCENARIO_SWITCHER (self), FALSE);
  g_return_val_if_fail (WM_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (self->history != NULL, FALSE);

  scenarios = wm_plan_get_scenarios (history_plan (self));
  if (!g_list_store_find (G_LIST_STORE (scenarios), scenario, NULL))
    {
      g_set_error_literal (error, WM_SCENARIO_SWITCHER_ERROR, WM_SCENARIO_SWITCHER_ERROR_UNKNOWN,
                           _("The scenario is not part of this plan."));
      return FALSE;
    }
  if (g_list_model_get_n_items (scenarios) <= 1 || !wm_history_remove_scenario (self->history, scenario))
    {
      g_set_error_literal (error, WM_SCENARIO_SWITCHER_ERROR,
                           WM_SCENARIO_SWITCHER_ERROR_LAST_SCENARIO,
                           _("A plan keeps at least one scenario: add another one before deleting "
                             "this one."));
      return FALSE;
    }
  return TRUE;
}

/* The popover */

static void
on_row_activated (WmScenarioSwitcher *self, GtkListBoxRow *row)
{
  WmScenario *scenario = g_object_get_data (G_OBJECT (row), "wm-scenario");

  wm_scenario_switcher_activate (self, scenario);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_new_clicked (WmScenarioSwitcher *self)
{
  if (wm_scenario_switcher_add_new (self) != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_duplicate_clicked (WmScenarioSwitcher *self)
{
  if (wm_scenario_switcher_duplicate_active (self) != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_compare_clicked (WmScenarioSwitcher *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_rename_clicked (WmScenarioSwitcher *self)
{
  if (self->history == NULL || self->active == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->rename_entry), wm_scenario_get_name (self->active));
  gtk_widget_set_visible (self->rename_reason, FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "rename");
  gtk_widget_grab_focus (self->rename_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->rename_entry), 0, -1);
}

static void
on_rename_entry_changed (WmScenarioSwitcher *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rename_entry))));
  gboolean empty = *text == '\0';

  /* Say why as soon as it is so, not only after a refused click. */
  gtk_label_set_text (GTK_LABEL (self->rename_reason), empty ? _("A scenario needs a name.") : "");
  gtk_widget_set_visible (self->rename_reason, empty);
  gtk_widget_set_sensitive (self->rename_button, !empty);
}

static void
on_rename_confirmed (WmScenarioSwitcher *self)
{
  g_autoptr (GError) error = NULL;

  if (self->history == NULL || self->active == NULL)
    return;
  if (!wm_scenario_switcher_rename (self, self->active,
                                    gtk_editable_get_text (GTK_EDITABLE (self->rename_entry)), &error))
    {
      gtk_label_set_text (GTK_LABEL (self->rename_reason), error->message);
      gtk_widget_set_visible (self->rename_reason, TRUE);
      return;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "main");
}

static void
on_rename_cancelled (WmScenarioSwitcher *self)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "main");
}

static void
on_delete_response (AdwMessageDialog *dialog, const char *response, WmScenarioSwitcher *self)
{
  WmScenario *scenario = g_object_get_data (G_OBJECT (dialog), "wm-scenario");
  g_autoptr (GError) error = NULL;

  g_signal_handlers_disconnect_by_func (dialog, on_delete_response, self);
  if (g_str_equal (response, "delete") && self->history != NULL
      && !wm_scenario_switcher_remove (self, scenario, &error))
    g_warning ("Could not delete scenario: %s", error->message);
}

void
wm_scenario_switcher_delete_active (WmScenarioSwitcher *self)
{
  WmScenario *scenario = self->active;
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;
  GtkRoot *root;
  guint n;

  g_return_if_fail (WM_IS_SCENARIO_SWITCHER (self));

  if (self->history == NULL || scenario == NULL)
    return;
  if (g_list_model_get_n_items (wm_plan_get_scenarios (history_plan (self))) <= 1)
    {
      /* Refused where it was asked, with the reason. */
      show_message (self, _("A plan keeps at least one scenario: add another one before deleting "
                            "this one."));
      return;
    }
  n = g_list_model_get_n_items (wm_scenario_get_proposals (scenario));
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (n == 0)
    {
      /* Nothing is lost that undo cannot bring back at once. */
      if (!wm_scenario_switcher_remove (self, scenario, &error))
        g_warning ("Could not delete scenario: %s", error->message);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Delete Scenario?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "“%s” has %u change. It is deleted with the "
                                               "scenario; Undo brings both back.",
                                               "“%s” has %u changes. They are deleted with the "
                                               "scenario; Undo brings them back.", n),
                                  wm_scenario_get_name (scenario), n);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "wm-scenario", g_object_ref (scenario), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_popover_closed (WmScenarioSwitcher *self)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "main");
  show_message (self, NULL);
}

/* Public */

void
wm_scenario_switcher_set_plan (WmScenarioSwitcher *self, WmPlan *plan)
{
  g_return_if_fail (WM_IS_SCENARIO_SWITCHER (self));
  g_return_if_fail (plan == NULL || WM_IS_PLAN (plan));

  if (plan == self->plan)
    return;
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list),
                           plan != NULL ? wm_plan_get_scenarios (plan) : NULL,
                           plan != NULL ? create_row : NULL, plan != NULL ? self : NULL, NULL);
  if (plan != NULL)
    g_signal_connect_swapped (plan, "notify::active-scenario", G_CALLBACK (on_active_changed), self);
  on_active_changed (self);
  update_sensitivity (self);
}

void
wm_scenario_switcher_set_history (WmScenarioSwitcher *self, WmHistory *history)
{
  g_return_if_fail (WM_IS_SCENARIO_SWITCHER (self));
  g_return_if_fail (history == NULL || WM_IS_HISTORY (history));

  g_set_object (&self->history, history);
  update_sensitivity (self);
}

const char *
wm_scenario_switcher_get_label (WmScenarioSwitcher *self)
{
  g_return_val_if_fail (WM_IS_SCENARIO_SWITCHER (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->button_label));
}

const char *
wm_scenario_switcher_get_message (WmScenarioSwitcher *self)
{
  g_return_val_if_fail (WM_IS_SCENARIO_SWITCHER (self), NULL);
  return gtk_widget_get_visible (self->message) ? gtk_label_get_text (GTK_LABEL (self->message))
                                                : NULL;
}

GtkMenuButton *
wm_scenario_switcher_get_button (WmScenarioSwitcher *self)
{
  g_return_val_if_fail (WM_IS_SCENARIO_SWITCHER (self), NULL);
  return GTK_MENU_BUTTON (self->button);
}

GtkWidget *
wm_scenario_switcher_new (void)
{
  return g_object_new (WM_TYPE_SCENARIO_SWITCHER, NULL);
}

static void
wm_scenario_switcher_dispose (GObject *object)
{
  WmScenarioSwitcher *self = WM_SCENARIO_SWITCHER (object);

  if (self->plan != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->plan, self);
      gtk_list_box_bind_model (GTK_LIST_BOX (self->list), NULL, NULL, NULL, NULL);
    }
  if (self->active != NULL)
    g_signal_handlers_disconnect_by_data (self->active, self);
  g_clear_object (&self->active);
  g_clear_object (&self->plan);
  g_clear_object (&self->history);
  g_clear_pointer (&self->button, gtk_widget_unparent);

  G_OBJECT_CLASS (wm_scenario_switcher_parent_class)->dispose (object);
}

static void
wm_scenario_switcher_class_init (WmScenarioSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_scenario_switcher_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wm-scenario-switcher");
}

static GtkWidget *
action_button (const char *label, GCallback callback, WmScenarioSwitcher *self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));

  gtk_label_set_xalign (GTK_LABEL (child), 0);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
build_rename_page (WmScenarioSwitcher *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *heading = gtk_label_new (_("Rename Scenario"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  gtk_widget_set_margin_start (page, 6);
  gtk_widget_set_margin_end (page, 6);
  gtk_widget_set_margin_top (page, 6);
  gtk_widget_set_margin_bottom (page, 6);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);

  self->rename_entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (self->rename_entry), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rename_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scenario name"), -1);
  g_signal_connect_swapped (self->rename_entry, "changed", G_CALLBACK (on_rename_entry_changed), self);
  g_signal_connect_swapped (self->rename_entry, "activate", G_CALLBACK (on_rename_confirmed), self);

  /* The reason in words, marked by an icon-free "error" style as well. */
  self->rename_reason = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->rename_reason), 0);
  gtk_label_set_wrap (GTK_LABEL (self->rename_reason), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->rename_reason), 30);
  gtk_widget_add_css_class (self->rename_reason, "error");
  gtk_widget_set_visible (self->rename_reason, FALSE);

  self->rename_button = gtk_button_new_with_mnemonic (_("_Rename"));
  gtk_widget_add_css_class (self->rename_button, "suggested-action");
  gtk_widget_set_hexpand (cancel, TRUE);
  gtk_widget_set_hexpand (self->rename_button, TRUE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_rename_cancelled), self);
  g_signal_connect_swapped (self->rename_button, "clicked", G_CALLBACK (on_rename_confirmed), self);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), self->rename_button);

  gtk_box_append (GTK_BOX (page), heading);
  gtk_box_append (GTK_BOX (page), self->rename_entry);
  gtk_box_append (GTK_BOX (page), self->rename_reason);
  gtk_box_append (GTK_BOX (page), buttons);
  return page;
}

static void
wm_scenario_switcher_init (WmScenarioSwitcher *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");
  GtkWidget *main_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_label_new (_("Scenarios"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  /* The button: the name, ellipsized so a long one leaves room for the title. */
  self->button_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->button_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->button_label), 18);
  gtk_box_append (GTK_BOX (content), self->button_label);
  gtk_box_append (GTK_BOX (content), arrow);
  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), content);
  gtk_widget_set_tooltip_text (self->button, _("Scenario"));
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));

  /* The list of scenarios, then what can be done with them. */
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_start (heading, 8);
  gtk_widget_set_margin_top (heading, 4);
  gtk_widget_set_margin_bottom (heading, 4);
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scenarios"), -1);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);

  self->message = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->message), 30);
  gtk_widget_add_css_class (self->message, "error");
  gtk_widget_set_margin_start (self->message, 8);
  gtk_widget_set_margin_end (self->message, 8);
  gtk_widget_set_margin_top (self->message, 4);
  gtk_widget_set_visible (self->message, FALSE);

  self->action_buttons[0] = action_button (_("_New Scenario"), G_CALLBACK (on_new_clicked), self);
  self->action_buttons[1] = action_button (_("D_uplicate"), G_CALLBACK (on_duplicate_clicked), self);
  self->action_buttons[2] = action_button (_("_Rename…"), G_CALLBACK (on_rename_clicked), self);
  self->action_buttons[3] = action_button (_("_Delete"),
                                           G_CALLBACK (wm_scenario_switcher_delete_active), self);
  gtk_widget_set_tooltip_text (self->action_buttons[0], _("Add an empty scenario"));
  gtk_widget_set_tooltip_text (self->action_buttons[1],
                               _("Add a scenario with copies of this one's changes"));

  gtk_box_append (GTK_BOX (main_page), heading);
  gtk_box_append (GTK_BOX (main_page), scrolled);
  gtk_box_append (GTK_BOX (main_page), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  for (guint i = 0; i < G_N_ELEMENTS (self->action_buttons); i++)
    gtk_box_append (GTK_BOX (main_page), self->action_buttons[i]);
  gtk_box_append (GTK_BOX (main_page), self->message);
  {
    /* The window's action: also there when the popover is not (Ctrl+Shift+K). */
    GtkWidget *compare = gtk_button_new_with_mnemonic (_("_Compare Scenarios…"));

    gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (compare))), 0);
    gtk_widget_add_css_class (compare, "flat");
    gtk_widget_set_tooltip_text (compare, _("The baseline and the scenarios side by side "
                                            "(Ctrl+Shift+K)"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (compare), "win.compare-scenarios");
    g_signal_connect_swapped (compare, "clicked", G_CALLBACK (on_compare_clicked), self);
    gtk_box_append (GTK_BOX (main_page), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
    gtk_box_append (GTK_BOX (main_page), compare);
  }

  self->stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_stack_set_hhomogeneous (GTK_STACK (self->stack), TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), main_page, "main");
  gtk_stack_add_named (GTK_STACK (self->stack), build_rename_page (self), "rename");
  gtk_widget_set_size_request (self->stack, 240, -1);

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), self->stack);
  g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (on_popover_closed), self);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), self->popover);

  update_label (self);
  update_sensitivity (self);
}
