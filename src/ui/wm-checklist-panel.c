/* wm-checklist-panel.c: the roadmap checklist grouped by phase, with filters
 *
 * One list box per phase, each bound to a filter model over the checklist's items, so an
 * edit in one row does not rebuild the others (an open row stays open while the user types).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-checklist-panel.h"

typedef struct
{
  char *phase;
  GtkWidget *box;
  GtkLabel *progress;
  GtkLevelBar *bar;
  GtkListBox *list;
  GtkFilterListModel *model;
} PhaseGroup;

struct _WmChecklistPanel
{
  AdwBin parent_instance;

  GtkDropDown *owner_filter;
  GtkDropDown *status_filter;
  GtkLabel *summary;
  GtkLabel *catalogue_label;
  GtkLabel *catalogue_error;
  GtkBox *phases_box;

  WmChecklist *checklist;
  gulong changed_id;
  GPtrArray *groups;     /* PhaseGroup* */
  GPtrArray *owner_keys; /* owner filter position -> key (NULL: all) */
  char *owner;
  int status;
};

G_DEFINE_FINAL_TYPE (WmChecklistPanel, wm_checklist_panel, ADW_TYPE_BIN)

enum
{
  HIGHLIGHT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
phase_group_free (gpointer data)
{
  PhaseGroup *group = data;

  g_free (group->phase);
  g_clear_object (&group->model);
  g_free (group);
}

static gboolean
item_matches (gpointer item, gpointer user_data)
{
  PhaseGroup *group = user_data;
  WmChecklistPanel *self = g_object_get_data (G_OBJECT (group->box), "panel");

  return g_strcmp0 (wm_checklist_item_get_phase (item), group->phase) == 0
         && wm_checklist_item_matches (item, self->owner, self->status);
}

/* --- one item ------------------------------------------------------------------------- */

static const char *
status_icon (WmChecklistStatus status)
{
  switch (status)
    {
    case WM_CHECKLIST_STATUS_DONE:
      return "checkbox-checked-symbolic";
    case WM_CHECKLIST_STATUS_NOT_APPLICABLE:
      return "action-unavailable-symbolic";
    case WM_CHECKLIST_STATUS_PLANNED:
      return "document-open-recent-symbolic";
    case WM_CHECKLIST_STATUS_OPEN:
    default:
      return "checkbox-symbolic";
    }
}

static void
update_row (GtkWidget *row, WmChecklistItem *item)
{
  GtkImage *icon = g_object_get_data (G_OBJECT (row), "status-icon");
  GtkLabel *status_label = g_object_get_data (G_OBJECT (row), "status-label");
  WmChecklistStatus status = wm_checklist_item_get_status (item);
  g_autofree char *subtitle = NULL;
  const char *why = wm_checklist_item_get_trigger_text (item);

  gtk_image_set_from_icon_name (icon, status_icon (status));
  /* Status in words next to the icon: never by symbol or colour alone. */
  gtk_label_set_text (status_label, wm_checklist_status_label (status));
  subtitle = g_strdup_printf ("%s · %s", wm_checklist_item_get_owner_label (item),
                              why != NULL ? why : "");
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  if (wm_checklist_item_get_orphaned (item))
    gtk_widget_add_css_class (row, "wm-orphaned");
  else
    gtk_widget_remove_css_class (row, "wm-orphaned");
}

/* The editors follow the item, so an undo, a redo or a switch of scenario shows at once. A
 * widget is only written when it differs from the item, with its handler blocked (no new
 * edit), and never while it is the one being edited (the user's cursor stays where it is). */
static void
sync_text (GtkWidget *row, const char *key, const char *text, GCallback handler)
{
  GtkEditable *editable = g_object_get_data (G_OBJECT (row), key);

  if (editable == NULL || g_object_get_data (G_OBJECT (row), "source") == editable)
    return;
  if (g_strcmp0 (gtk_editable_get_text (editable), text != NULL ? text : "") == 0)
    return;
  g_signal_handlers_block_by_func (editable, handler, row);
  gtk_editable_set_text (editable, text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (editable, handler, row);
}

static void on_status_selected (GtkDropDown *dropdown, GParamSpec *pspec, GtkWidget *row);
static void on_owner_changed (GtkEditable *entry, GtkWidget *row);
static void on_note_changed (GtkEditable *entry, GtkWidget *row);
static void on_year_changed (GtkSpinButton *spin, GtkWidget *row);

static void
sync_editors (GtkWidget *row, WmChecklistItem *item)
{
  GtkDropDown *status = g_object_get_data (G_OBJECT (row), "status-dropdown");
  GtkSpinButton *year = g_object_get_data (G_OBJECT (row), "year-spin");
  GtkWidget *reason_box = g_object_get_data (G_OBJECT (row), "reason-box");
  WmChecklistStatus item_status = wm_checklist_item_get_status (item);
  const char *reason = wm_checklist_item_get_reason (item);
  gpointer shown_status = GINT_TO_POINTER (item_status + 1);

  /* The status and reason only follow when the item's changed: a "not applicable" picked but
   * not applied yet (the reason still being typed) stays. */
  if (g_object_get_data (G_OBJECT (row), "shown-status") != shown_status)
    {
      g_object_set_data (G_OBJECT (row), "shown-status", shown_status);
      if (gtk_drop_down_get_selected (status) != (guint) item_status)
        {
          g_signal_handlers_block_by_func (status, on_status_selected, row);
          gtk_drop_down_set_selected (status, item_status);
          g_signal_handlers_unblock_by_func (status, on_status_selected, row);
        }
      gtk_widget_set_visible (reason_box, item_status == WM_CHECKLIST_STATUS_NOT_APPLICABLE);
    }
  if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "shown-reason"), reason) != 0)
    {
      GtkEditable *entry = g_object_get_data (G_OBJECT (row), "reason-entry");

      g_object_set_data_full (G_OBJECT (row), "shown-reason", g_strdup (reason), g_free);
      gtk_editable_set_text (entry, reason != NULL ? reason : "");
    }

  sync_text (row, "owner-entry", wm_checklist_item_get_owner_label (item),
             G_CALLBACK (on_owner_changed));
  sync_text (row, "note-entry", wm_checklist_item_get_note (item), G_CALLBACK (on_note_changed));
  if (g_object_get_data (G_OBJECT (row), "source") != year &&
      gtk_spin_button_get_value_as_int (year) != wm_checklist_item_get_target_year (item))
    {
      g_signal_handlers_block_by_func (year, on_year_changed, row);
      gtk_spin_button_set_value (year, wm_checklist_item_get_target_year (item));
      g_signal_handlers_unblock_by_func (year, on_year_changed, row);
    }
}

static void
on_item_notify (WmChecklistItem *item, GParamSpec *pspec, GtkWidget *row)
{
  update_row (row, item);
  sync_editors (row, item);
}

static void
on_status_selected (GtkDropDown *dropdown, GParamSpec *pspec, GtkWidget *row)
{
  WmChecklistItem *item = g_object_get_data (G_OBJECT (row), "item");
  GtkWidget *reason_box = g_object_get_data (G_OBJECT (row), "reason-box");
  GtkEditable *reason = g_object_get_data (G_OBJECT (row), "reason-entry");
  guint status = gtk_drop_down_get_selected (dropdown);

  if (status == WM_CHECKLIST_STATUS_NOT_APPLICABLE)
    {
      /* Not applicable needs a reason first: the entry's Apply sets the status. */
      gtk_widget_set_visible (reason_box, TRUE);
      if (wm_checklist_item_get_status (item) != WM_CHECKLIST_STATUS_NOT_APPLICABLE)
        gtk_widget_grab_focus (GTK_WIDGET (reason));
      return;
    }
  gtk_widget_set_visible (reason_box, FALSE);
  if (status != (guint) wm_checklist_item_get_status (item))
    {
      g_object_set_data (G_OBJECT (row), "source", dropdown);
      wm_checklist_item_set_status (item, status, NULL, NULL);
      g_object_set_data (G_OBJECT (row), "source", NULL);
    }
}

static void
on_reason_apply (GtkWidget *widget, GtkWidget *row)
{
  WmChecklistItem *item = g_object_get_data (G_OBJECT (row), "item");
  GtkEditable *reason = g_object_get_data (G_OBJECT (row), "reason-entry");
  GtkLabel *error_label = g_object_get_data (G_OBJECT (row), "reason-error");
  g_autoptr (GError) error = NULL;

  if (!wm_checklist_item_set_status (item, WM_CHECKLIST_STATUS_NOT_APPLICABLE,
                                     gtk_editable_get_text (reason), &error))
    {
      gtk_label_set_text (error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (reason), "error");
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (reason), "error");
}

static void
on_owner_changed (GtkEditable *entry, GtkWidget *row)
{
  WmChecklistItem *item = g_object_get_data (G_OBJECT (row), "item");
  const char *text = gtk_editable_get_text (entry);

  g_object_set_data (G_OBJECT (row), "source", entry);
  wm_checklist_item_set_owner (item, *text != '\0' ? text : NULL);
  g_object_set_data (G_OBJECT (row), "source", NULL);
}

static void
on_note_changed (GtkEditable *entry, GtkWidget *row)
{
  WmChecklistItem *item = g_object_get_data (G_OBJECT (row), "item");

  g_object_set_data (G_OBJECT (row), "source", entry);
  wm_checklist_item_set_note (item, gtk_editable_get_text (entry));
  g_object_set_data (G_OBJECT (row), "source", NULL);
}

static void
on_year_changed (GtkSpinButton *spin, GtkWidget *row)
{
  WmChecklistItem *item = g_object_get_data (G_OBJECT (row), "item");

  g_object_set_data (G_OBJECT (row), "source", spin);
  wm_checklist_item_set_target_year (item, gtk_spin_button_get_value_as_int (spin));
  g_object_set_data (G_OBJECT (row), "source", NULL);
}

static void
on_show_on_map (GtkButton *button, GtkWidget *row)
{
  WmChecklistItem *item = g_object_get_data (G_OBJECT (row), "item");
  WmChecklistPanel *self = WM_CHECKLIST_PANEL (gtk_widget_get_ancestor (row,
                                                                        WM_TYPE_CHECKLIST_PANEL));

  if (self != NULL)
    g_signal_emit (self, signals[HIGHLIGHT], 0, wm_checklist_item_get_proposal_ids (item),
                   wm_checklist_item_get_area_ids (item));
}

static GtkWidget *
labelled (const char *text, GtkWidget *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_size_request (label, 110, -1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static GtkWidget *
create_item_row (gpointer object, gpointer user_data)
{
  WmChecklistItem *item = WM_CHECKLIST_ITEM (object);
  WmChecklistPanel *self = WM_CHECKLIST_PANEL (user_data);
  WmRoadmapCatalogue *catalogue = wm_checklist_get_catalogue (self->checklist);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *status_label = gtk_label_new (NULL);
  GtkWidget *description, *status, *reason_box, *reason, *apply, *error_label, *owner, *note,
      *year, *show;
  g_autoptr (GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr (GtkEntryCompletion) completion = NULL;
  const char *const *proposal_ids = wm_checklist_item_get_proposal_ids (item);
  const char *const *area_ids = wm_checklist_item_get_area_ids (item);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wm_checklist_item_get_title (item));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
  gtk_widget_add_css_class (status_label, "dim-label");
  gtk_widget_add_css_class (status_label, "caption");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), status_label);
  g_object_set_data_full (G_OBJECT (row), "item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (row), "status-icon", icon);
  g_object_set_data (G_OBJECT (row), "status-label", status_label);

  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 8);
  gtk_widget_set_margin_bottom (content, 12);

  description = gtk_label_new (wm_checklist_item_get_description (item));
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_box_append (GTK_BOX (content), description);
  if (wm_roadmap_entry_get_source (wm_checklist_item_get_entry (item)) != NULL)
    {
      g_autofree char *text = g_strdup_printf (
        _("Source: %s"), wm_roadmap_entry_get_source (wm_checklist_item_get_entry (item)));
      GtkWidget *source = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (source), TRUE);
      gtk_label_set_xalign (GTK_LABEL (source), 0);
      gtk_widget_add_css_class (source, "dim-label");
      gtk_widget_add_css_class (source, "caption");
      gtk_box_append (GTK_BOX (content), source);
    }

  for (int s = 0; s < WM_N_CHECKLIST_STATUSES; s++)
    gtk_string_list_append (statuses, wm_checklist_status_label (s));
  status = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (statuses)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), wm_checklist_item_get_status (item));
  gtk_box_append (GTK_BOX (content), labelled (_("_Status"), status));

  reason_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  {
    GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    reason = gtk_entry_new ();
    gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Why this does not apply"));
    if (wm_checklist_item_get_reason (item) != NULL)
      gtk_editable_set_text (GTK_EDITABLE (reason), wm_checklist_item_get_reason (item));
    apply = gtk_button_new_with_mnemonic (_("_Apply"));
    gtk_box_append (GTK_BOX (line), labelled (_("_Reason"), reason));
    gtk_box_append (GTK_BOX (line), apply);
    error_label = gtk_label_new (NULL);
    gtk_widget_add_css_class (error_label, "error");
    gtk_label_set_xalign (GTK_LABEL (error_label), 0);
    gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
    gtk_widget_set_visible (error_label, FALSE);
    gtk_box_append (GTK_BOX (reason_box), line);
    gtk_box_append (GTK_BOX (reason_box), error_label);
  }
  gtk_widget_set_visible (reason_box, wm_checklist_item_get_status (item)
                                          == WM_CHECKLIST_STATUS_NOT_APPLICABLE);
  gtk_box_append (GTK_BOX (content), reason_box);
  g_object_set_data (G_OBJECT (row), "reason-box", reason_box);
  g_object_set_data (G_OBJECT (row), "reason-entry", reason);
  g_object_set_data (G_OBJECT (row), "reason-error", error_label);
  g_signal_connect (status, "notify::selected", G_CALLBACK (on_status_selected), row);
  g_object_set_data (G_OBJECT (row), "status-dropdown", status);
  g_signal_connect (apply, "clicked", G_CALLBACK (on_reason_apply), row);
  g_signal_connect (reason, "activate", G_CALLBACK (on_reason_apply), row);

  /* Owner: one of the catalogue's parties, or free text (completion offers the parties). */
  owner = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (owner), wm_checklist_item_get_owner_label (item));
  {
    GtkListStore *names = gtk_list_store_new (1, G_TYPE_STRING);
    const char *const *owners = wm_roadmap_catalogue_get_owners (catalogue);
    for (guint i = 0; owners != NULL && owners[i] != NULL; i++)
      gtk_list_store_insert_with_values (names, NULL, -1, 0,
                                         wm_roadmap_catalogue_get_owner_name (catalogue,
                                                                              owners[i]),
                                         -1);
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    completion = gtk_entry_completion_new ();
    gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (names));
    gtk_entry_completion_set_text_column (completion, 0);
    gtk_entry_completion_set_minimum_key_length (completion, 0);
    gtk_entry_set_completion (GTK_ENTRY (owner), completion);
    G_GNUC_END_IGNORE_DEPRECATIONS
    g_object_unref (names);
  }
  gtk_box_append (GTK_BOX (content), labelled (_("_Owner"), owner));
  g_signal_connect (owner, "changed", G_CALLBACK (on_owner_changed), row);
  g_object_set_data (G_OBJECT (row), "owner-entry", owner);

  note = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Agreements, contacts, next step"));
  if (wm_checklist_item_get_note (item) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (note), wm_checklist_item_get_note (item));
  gtk_box_append (GTK_BOX (content), labelled (_("_Note"), note));
  g_signal_connect (note, "changed", G_CALLBACK (on_note_changed), row);
  g_object_set_data (G_OBJECT (row), "note-entry", note);

  year = gtk_spin_button_new_with_range (0, 2100, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (year), wm_checklist_item_get_target_year (item));
  gtk_widget_set_tooltip_text (year, _("0: no target year"));
  gtk_box_append (GTK_BOX (content), labelled (_("Target _year"), year));
  g_signal_connect (year, "value-changed", G_CALLBACK (on_year_changed), row);
  g_object_set_data (G_OBJECT (row), "year-spin", year);

  if ((proposal_ids != NULL && proposal_ids[0] != NULL) || (area_ids != NULL && area_ids[0] != NULL))
    {
      show = gtk_button_new_with_mnemonic (_("Show on the _map"));
      gtk_widget_set_halign (show, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (show, _("Highlight the proposals or areas that brought this item"));
      g_signal_connect (show, "clicked", G_CALLBACK (on_show_on_map), row);
      gtk_box_append (GTK_BOX (content), show);
    }

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), content);
  update_row (row, item);
  g_object_set_data (G_OBJECT (row), "shown-status",
                     GINT_TO_POINTER (wm_checklist_item_get_status (item) + 1));
  g_object_set_data_full (G_OBJECT (row), "shown-reason",
                          g_strdup (wm_checklist_item_get_reason (item)), g_free);
  g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify), row, 0);
  return row;
}

/* --- phases and filters --------------------------------------------------------------- */

static void
wm_checklist_panel_update_progress (WmChecklistPanel *self)
{
  guint all_done = 0, all_listed = 0;
  g_autofree char *summary = NULL;

  if (self->checklist == NULL)
    return;
  for (guint i = 0; i < self->groups->len; i++)
    {
      PhaseGroup *group = g_ptr_array_index (self->groups, i);
      guint done = 0, listed = 0;
      g_autofree char *text = NULL;

      wm_checklist_get_phase_progress (self->checklist, group->phase, &done, &listed);
      all_done += done;
      all_listed += listed;
      /* Translators: progress of a roadmap phase, e.g. "2 of 5 done" */
      text = g_strdup_printf (_("%u of %u done"), done, listed);
      gtk_label_set_text (group->progress, text);
      gtk_level_bar_set_value (group->bar, listed > 0 ? (double) done / listed : 0);
      gtk_widget_set_visible (group->box,
                              g_list_model_get_n_items (G_LIST_MODEL (group->model)) > 0);
    }
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u item done or not applicable",
                                          "%u of %u items done or not applicable", all_listed),
                             all_done, all_listed);
  gtk_label_set_text (self->summary, summary);
}

static void
wm_checklist_panel_refilter (WmChecklistPanel *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      PhaseGroup *group = g_ptr_array_index (self->groups, i);
      gtk_filter_changed (gtk_filter_list_model_get_filter (group->model), GTK_FILTER_CHANGE_DIFFERENT);
    }
  wm_checklist_panel_update_progress (self);
}

static void
wm_checklist_panel_rebuild (WmChecklistPanel *self)
{
  GtkWidget *child;
  WmRoadmapCatalogue *catalogue;
  const char *const *phases;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->phases_box))) != NULL)
    gtk_box_remove (self->phases_box, child);
  g_ptr_array_set_size (self->groups, 0);
  if (self->checklist == NULL)
    return;

  catalogue = wm_checklist_get_catalogue (self->checklist);
  phases = wm_roadmap_catalogue_get_phases (catalogue);
  for (guint i = 0; phases[i] != NULL; i++)
    {
      PhaseGroup *group = g_new0 (PhaseGroup, 1);
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *title = gtk_label_new (wm_roadmap_catalogue_get_phase_name (catalogue, phases[i]));
      GtkCustomFilter *filter;

      group->phase = g_strdup (phases[i]);
      group->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      g_object_set_data (G_OBJECT (group->box), "panel", self);
      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_widget_set_hexpand (title, TRUE);
      gtk_widget_set_tooltip_text (title,
                                   wm_roadmap_catalogue_get_phase_description (catalogue, phases[i]));
      group->progress = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (group->progress), "dim-label");
      gtk_box_append (GTK_BOX (header), title);
      gtk_box_append (GTK_BOX (header), GTK_WIDGET (group->progress));
      group->bar = GTK_LEVEL_BAR (gtk_level_bar_new_for_interval (0, 1));
      gtk_level_bar_set_mode (group->bar, GTK_LEVEL_BAR_MODE_CONTINUOUS);

      filter = gtk_custom_filter_new (item_matches, group, NULL);
      group->model = gtk_filter_list_model_new (
          g_object_ref (wm_checklist_get_items (self->checklist)), GTK_FILTER (filter));
      group->list = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (group->list, GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (group->list), "boxed-list");
      gtk_list_box_bind_model (group->list, G_LIST_MODEL (group->model), create_item_row, self,
                               NULL);

      gtk_box_append (GTK_BOX (group->box), header);
      gtk_box_append (GTK_BOX (group->box), GTK_WIDGET (group->bar));
      gtk_box_append (GTK_BOX (group->box), GTK_WIDGET (group->list));
      gtk_box_append (self->phases_box, group->box);
      g_ptr_array_add (self->groups, group);
    }

  /* The owner filter offers the catalogue's parties. */
  {
    g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
    const char *const *owners = wm_roadmap_catalogue_get_owners (catalogue);

    g_ptr_array_set_size (self->owner_keys, 0);
    gtk_string_list_append (names, _("Every owner"));
    g_ptr_array_add (self->owner_keys, NULL);
    for (guint i = 0; owners != NULL && owners[i] != NULL; i++)
      {
        gtk_string_list_append (names, wm_roadmap_catalogue_get_owner_name (catalogue, owners[i]));
        g_ptr_array_add (self->owner_keys, g_strdup (owners[i]));
      }
    gtk_drop_down_set_model (self->owner_filter, G_LIST_MODEL (names));
  }
  if (wm_roadmap_catalogue_is_builtin (catalogue))
    gtk_label_set_text (self->catalogue_label,
                        _("Catalogue: built in (following the routekaart for municipalities)"));
  else
    {
      g_autofree char *name = g_path_get_basename (wm_roadmap_catalogue_get_source_name (catalogue));
      g_autofree char *text = g_strdup_printf (_("Catalogue: %s (kept in the project)"), name);
      gtk_label_set_text (self->catalogue_label, text);
    }
  wm_checklist_panel_update_progress (self);
}

void
wm_checklist_panel_set_filter (WmChecklistPanel *self, const char *owner, int status)
{
  g_return_if_fail (WM_IS_CHECKLIST_PANEL (self));

  g_free (self->owner);
  self->owner = g_strdup (owner);
  self->status = status;
  wm_checklist_panel_refilter (self);
}

static void
on_filter_selected (WmChecklistPanel *self)
{
  guint owner = gtk_drop_down_get_selected (self->owner_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);

  wm_checklist_panel_set_filter (self,
                                 owner < self->owner_keys->len
                                     ? g_ptr_array_index (self->owner_keys, owner) : NULL,
                                 status == 0 || status == GTK_INVALID_LIST_POSITION
                                     ? -1 : (int) status - 1);
}

static void
on_checklist_changed (WmChecklistPanel *self)
{
  /* A status edit can move an item in or out of a status filter. */
  if (self->status >= 0 || self->owner != NULL)
    wm_checklist_panel_refilter (self);
  else
    wm_checklist_panel_update_progress (self);
}

void
wm_checklist_panel_set_checklist (WmChecklistPanel *self, WmChecklist *checklist)
{
  g_return_if_fail (WM_IS_CHECKLIST_PANEL (self));

  if (self->checklist == checklist)
    return;
  g_clear_signal_handler (&self->changed_id, self->checklist);
  g_set_object (&self->checklist, checklist);
  if (checklist != NULL)
    {
      self->changed_id = g_signal_connect_swapped (checklist, "changed",
                                                   G_CALLBACK (on_checklist_changed), self);
      g_signal_connect_object (checklist, "notify::catalogue",
                               G_CALLBACK (wm_checklist_panel_rebuild), self, G_CONNECT_SWAPPED);
    }
  wm_checklist_panel_rebuild (self);
}

WmChecklist *
wm_checklist_panel_get_checklist (WmChecklistPanel *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_PANEL (self), NULL);
  return self->checklist;
}

guint
wm_checklist_panel_get_n_shown (WmChecklistPanel *self)
{
  guint n = 0;

  g_return_val_if_fail (WM_IS_CHECKLIST_PANEL (self), 0);
  for (guint i = 0; i < self->groups->len; i++)
    n += g_list_model_get_n_items (G_LIST_MODEL (((PhaseGroup *) g_ptr_array_index (self->groups, i))->model));
  return n;
}

const char *
wm_checklist_panel_get_phase_progress_text (WmChecklistPanel *self, const char *phase)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_PANEL (self), NULL);
  for (guint i = 0; i < self->groups->len; i++)
    {
      PhaseGroup *group = g_ptr_array_index (self->groups, i);
      if (g_str_equal (group->phase, phase))
        return gtk_widget_get_visible (group->box) ? gtk_label_get_text (group->progress) : NULL;
    }
  return NULL;
}

/* --- the catalogue --------------------------------------------------------------------- */

static void
wm_checklist_panel_show_catalogue_error (WmChecklistPanel *self, const char *message)
{
  gtk_label_set_text (self->catalogue_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->catalogue_error), message != NULL);
}

gboolean
wm_checklist_panel_load_catalogue (WmChecklistPanel *self, GFile *file, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (WM_IS_CHECKLIST_PANEL (self), FALSE);
  g_return_val_if_fail (self->checklist != NULL, FALSE);

  /* The project carries the catalogue it uses, so it opens the same elsewhere. */
  if (!wm_checklist_load_catalogue (self->checklist, file, TRUE, &local_error))
    {
      g_autofree char *message = g_strdup_printf (
          _("%s\nThe catalogue in use stays as it was."), local_error->message);
      wm_checklist_panel_show_catalogue_error (self, message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  wm_checklist_panel_show_catalogue_error (self, NULL);
  return TRUE;
}

const char *
wm_checklist_panel_get_catalogue_error (WmChecklistPanel *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_PANEL (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->catalogue_error))
             ? gtk_label_get_text (self->catalogue_error) : NULL;
}

static void
on_load_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  WmChecklistPanel *self = WM_CHECKLIST_PANEL (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      wm_checklist_panel_load_catalogue (self, file, NULL);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Roadmap catalogues (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  return filter;
}

static void
on_load_catalogue_clicked (WmChecklistPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = json_filter ();

  dialog = gtk_file_chooser_native_new (_("Load a Roadmap Catalogue"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Load"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_load_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_export_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  WmChecklistPanel *self = WM_CHECKLIST_PANEL (user_data);

  if (response == GTK_RESPONSE_ACCEPT && self->checklist != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr (GBytes) json =
          wm_roadmap_catalogue_get_json (wm_checklist_get_catalogue (self->checklist));
      g_autoptr (GError) error = NULL;
      gsize size;
      const char *data = g_bytes_get_data (json, &size);

      if (!g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL,
                                    &error))
        wm_checklist_panel_show_catalogue_error (self, error->message);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

/* A municipality starts its own catalogue from a copy of the one in use. */
static void
on_export_catalogue_clicked (WmChecklistPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = json_filter ();

  dialog = gtk_file_chooser_native_new (_("Save a Copy of the Catalogue"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "roadmap.json");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_builtin_catalogue_clicked (WmChecklistPanel *self)
{
  if (self->checklist != NULL)
    wm_checklist_use_builtin_catalogue (self->checklist);
  wm_checklist_panel_show_catalogue_error (self, NULL);
}

static void
wm_checklist_panel_dispose (GObject *object)
{
  WmChecklistPanel *self = WM_CHECKLIST_PANEL (object);

  g_clear_signal_handler (&self->changed_id, self->checklist);
  if (self->groups != NULL)
    for (guint i = 0; i < self->groups->len; i++)
      gtk_list_box_bind_model (((PhaseGroup *) g_ptr_array_index (self->groups, i))->list, NULL,
                               NULL, NULL, NULL);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->checklist);
  g_clear_pointer (&self->owner_keys, g_ptr_array_unref);
  g_clear_pointer (&self->owner, g_free);

  G_OBJECT_CLASS (wm_checklist_panel_parent_class)->dispose (object);
}

static void
wm_checklist_panel_class_init (WmChecklistPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wm_checklist_panel_dispose;

  signals[HIGHLIGHT] = g_signal_new ("highlight", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRV, G_TYPE_STRV);
}

static void
wm_checklist_panel_init (WmChecklistPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *filters = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr (GtkStringList) statuses = gtk_string_list_new (NULL);

  self->groups = g_ptr_array_new_with_free_func (phase_group_free);
  self->owner_keys = g_ptr_array_new_with_free_func (g_free);
  self->status = -1;

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  adw_bin_set_child (ADW_BIN (self), box);

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "title-4");
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary));

  self->owner_filter = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->owner_filter), _("Show the items of one owner"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->owner_filter), TRUE);
  gtk_string_list_append (statuses, _("Every status"));
  for (int s = 0; s < WM_N_CHECKLIST_STATUSES; s++)
    gtk_string_list_append (statuses, wm_checklist_status_label (s));
  self->status_filter = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (statuses)),
                                                          NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_filter), _("Show the items of one status"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->status_filter), TRUE);
  g_signal_connect_swapped (self->owner_filter, "notify::selected", G_CALLBACK (on_filter_selected),
                            self);
  g_signal_connect_swapped (self->status_filter, "notify::selected",
                            G_CALLBACK (on_filter_selected), self);
  gtk_box_append (GTK_BOX (filters), GTK_WIDGET (self->owner_filter));
  gtk_box_append (GTK_BOX (filters), GTK_WIDGET (self->status_filter));
  gtk_box_append (GTK_BOX (box), filters);

  self->phases_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->phases_box));

  self->catalogue_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->catalogue_label, TRUE);
  gtk_label_set_xalign (self->catalogue_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->catalogue_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->catalogue_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->catalogue_label));

  self->catalogue_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->catalogue_error, TRUE);
  gtk_label_set_xalign (self->catalogue_error, 0);
  gtk_label_set_selectable (self->catalogue_error, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->catalogue_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->catalogue_error), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->catalogue_error));

  {
    /* Stacked, so the panel stays narrow and the map keeps its room. */
    GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *load = gtk_button_new_with_mnemonic (_("_Load Catalogue…"));
    GtkWidget *builtin = gtk_button_new_with_mnemonic (_("Use the _Built-in Catalogue"));
    GtkWidget *export = gtk_button_new_with_mnemonic (_("Save a _Copy of the Catalogue…"));

    gtk_widget_set_tooltip_text (load, _("Use a catalogue of your own; the project keeps it"));
    gtk_widget_set_tooltip_text (builtin, _("Go back to the catalogue that comes with Wijkmix"));
    gtk_widget_set_tooltip_text (export, _("Save the catalogue in use as a file to edit"));
    g_signal_connect_swapped (load, "clicked", G_CALLBACK (on_load_catalogue_clicked), self);
    g_signal_connect_swapped (builtin, "clicked", G_CALLBACK (on_builtin_catalogue_clicked), self);
    g_signal_connect_swapped (export, "clicked", G_CALLBACK (on_export_catalogue_clicked), self);
    gtk_box_append (GTK_BOX (buttons), load);
    gtk_box_append (GTK_BOX (buttons), builtin);
    gtk_box_append (GTK_BOX (buttons), export);
    gtk_box_append (GTK_BOX (box), buttons);
  }
}

GtkWidget *
wm_checklist_panel_new (void)
{
  return g_object_new (WM_TYPE_CHECKLIST_PANEL, NULL);
}
