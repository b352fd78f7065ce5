/* wm-proposal-list.c: the active scenario's changes, in order of year (side panel "Changes") */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wm-projection.h"
#include "wm-proposal-factory.h"
#include "wm-proposal-list.h"

struct _WmProposalList
{
  GtkWidget parent_instance;

  GtkWidget *stack;
  GtkWidget *list_view;
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;
  GtkSorter *sorter;

  WmMapTools *tools;
  WmPlan *plan;
  WmScenario *scenario;
  gboolean syncing;
};

G_DEFINE_FINAL_TYPE (WmProposalList, wm_proposal_list, GTK_TYPE_WIDGET)

static const char *
kind_icon (WmProposalKind kind)
{
  switch (kind)
    {
    case WM_PROPOSAL_DEMOLISH:
      return "wm-tool-demolish-symbolic";
    case WM_PROPOSAL_NEW_BUILD:
      return "wm-tool-new-build-symbolic";
    case WM_PROPOSAL_CONVERT_TENURE:
      return "wm-tool-convert-symbolic";
    case WM_PROPOSAL_RENOVATE:
    case WM_PROPOSAL_TRANSFORM:
    case WM_PROPOSAL_SPLIT_MERGE:
      return "wm-tool-renovate-symbolic";
    case WM_PROPOSAL_ADD_FACILITY:
    case WM_PROPOSAL_REMOVE_FACILITY:
    case WM_N_PROPOSAL_KINDS:
    default:
      return "wm-tool-facility-symbolic";
    }
}

char *
wm_proposal_list_format_delta (WmProposal *proposal)
{
  const WmDwellingMix *delta = wm_proposal_get_dwelling_delta (proposal);
  int added = 0, removed = 0;

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      if (delta->counts[s] > 0)
        added += delta->counts[s];
      else
        removed -= delta->counts[s];
    }
  if (added > 0 && removed > 0)
    return g_strdup_printf ("+%d / −%d", added, removed);
  if (added > 0)
    return g_strdup_printf ("+%d", added);
  if (removed > 0)
    return g_strdup_printf ("−%d", removed);
  return g_strdup ("");
}

char *
wm_proposal_list_format_years (WmProposal *proposal)
{
  int start = wm_proposal_get_start_year (proposal);
  int year = wm_proposal_get_year (proposal);

  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), NULL);

  if (year <= 0)
    return NULL;
  if (start > 0 && start != year)
    /* Translators: the years of a change in the Changes list, from its start to its
     * completion, e.g. "2026–2029" (an en dash). */
    return g_strdup_printf (_("%d–%d"), start, year);
  return g_strdup_printf ("%d", year);
}

/* The plan's order (wm-projection.h): by year, undated last; equal years keep the scenario's
 * order, since the sort is stable and equal positions leave the year alone to decide. */
static int
compare_year (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return wm_projection_compare (wm_proposal_get_year ((WmProposal *) a), 0,
                                wm_proposal_get_year ((WmProposal *) b), 0);
}

static void
on_delete_clicked (GtkButton *button, WmProposalList *self)
{
  WmProposal *proposal = g_object_get_data (G_OBJECT (button), "wm-proposal");
  g_autoptr (GError) error = NULL;

  if (proposal != NULL && self->tools != NULL && wm_map_tools_get_history (self->tools) != NULL &&
      !wm_history_remove_proposal_full (wm_map_tools_get_history (self->tools), proposal, &error))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", error->message);
}

static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *item, WmProposalList *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *delta = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_add_css_class (delta, "numeric");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Delete this change"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_delete_clicked), self);

  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), delta);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *item, WmProposalList *self)
{
  WmProposal *proposal = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *texts = gtk_widget_get_next_sibling (icon);
  GtkWidget *delta = gtk_widget_get_next_sibling (texts);
  GtkWidget *button = gtk_widget_get_next_sibling (delta);
  GtkWidget *name = gtk_widget_get_first_child (texts);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  g_autofree char *delta_text = wm_proposal_list_format_delta (proposal);
  g_autofree char *detail_text = NULL;
  g_autofree char *kind_text = NULL;
  g_autofree char *years = NULL;
  WmDwellingType type = wm_proposal_get_dwelling_type (proposal);
  const char *kind = wm_proposal_kind_label (wm_proposal_get_kind (proposal));

  if (type != WM_DWELLING_TYPE_UNSPECIFIED)
    {
      /* "New build · Apartments", joined like the year before it. */
      kind_text = g_strdup_printf ("%s · %s", kind, wm_dwelling_type_label (type));
      kind = kind_text;
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), kind_icon (wm_proposal_get_kind (proposal)));
  gtk_label_set_text (GTK_LABEL (name), wm_proposal_get_name (proposal));
  years = wm_proposal_list_format_years (proposal);
  if (years != NULL)
    detail_text = g_strdup_printf ("%s · %s", years, kind);
  else
    detail_text = g_strdup_printf (_("No year · %s"), kind);
  gtk_label_set_text (GTK_LABEL (detail), detail_text);
  gtk_label_set_text (GTK_LABEL (delta), delta_text);
  g_object_set_data_full (G_OBJECT (button), "wm-proposal", g_object_ref (proposal), g_object_unref);
}

static void
sync_from_tools (WmProposalList *self)
{
  WmProposal *selected = self->tools != NULL ? wm_map_tools_get_selected_proposal (self->tools) : NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; selected != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->sorted)); i++)
    {
      g_autoptr (WmProposal) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);
      if (item == selected)
        position = i;
    }
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;
}

static void
on_selected_changed (WmProposalList *self)
{
  WmProposal *proposal = gtk_single_selection_get_selected_item (self->selection);

  if (self->syncing || self->tools == NULL || proposal == NULL)
    return;
  wm_map_tools_select_proposal (self->tools, proposal);
  /* Chosen in the list: show it on the map too (a map click needs no panning). */
  wm_map_tools_show_proposal (self->tools, proposal);
}

static void
update_empty (WmProposalList *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) == 0;

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), empty ? "empty" : "list");
}

static void
on_scenario_changed (WmProposalList *self)
{
  /* A year or a name changed: sort again and bind the rows anew (tens of rows at most). */
  self->syncing = TRUE;
  gtk_sort_list_model_set_model (self->sorted, NULL);
  gtk_sort_list_model_set_model (self->sorted,
                                 self->scenario != NULL ? wm_scenario_get_proposals (self->scenario) : NULL);
  self->syncing = FALSE;
  sync_from_tools (self);
  update_empty (self);
}

static void
follow_scenario (WmProposalList *self)
{
  WmScenario *active = self->plan != NULL ? wm_plan_get_active_scenario (self->plan) : NULL;

  if (active == self->scenario)
    return;
  if (self->scenario != NULL)
    g_signal_handlers_disconnect_by_data (self->scenario, self);
  g_set_object (&self->scenario, active);
  if (active != NULL)
    g_signal_connect_swapped (active, "changed", G_CALLBACK (on_scenario_changed), self);
  on_scenario_changed (self);
}

static void
on_tools_selection_changed (WmProposalList *self)
{
  WmHistory *history = wm_map_tools_get_history (self->tools);
  WmPlan *plan = history != NULL ? wm_history_get_plan (history) : NULL;

  if (plan != self->plan)
    {
      if (self->plan != NULL)
        g_signal_handlers_disconnect_by_data (self->plan, self);
      g_set_object (&self->plan, plan);
      if (plan != NULL)
        g_signal_connect_swapped (plan, "notify::active-scenario", G_CALLBACK (follow_scenario), self);
      follow_scenario (self);
    }
  sync_from_tools (self);
}

void
wm_proposal_list_set_tools (WmProposalList *self, WmMapTools *tools)
{
  g_return_if_fail (WM_IS_PROPOSAL_LIST (self));
  g_return_if_fail (tools == NULL || WM_IS_MAP_TOOLS (tools));

  if (self->tools != NULL)
    g_signal_handlers_disconnect_by_data (self->tools, self);
  g_set_object (&self->tools, tools);
  if (tools != NULL)
    {
      g_signal_connect_swapped (tools, "selection-changed", G_CALLBACK (on_tools_selection_changed), self);
      on_tools_selection_changed (self);
    }
}

GListModel *
wm_proposal_list_get_model (WmProposalList *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL_LIST (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

GtkWidget *
wm_proposal_list_new (void)
{
  return g_object_new (WM_TYPE_PROPOSAL_LIST, NULL);
}

static void
wm_proposal_list_dispose (GObject *object)
{
  WmProposalList *self = WM_PROPOSAL_LIST (object);

  if (self->tools != NULL)
    g_signal_handlers_disconnect_by_data (self->tools, self);
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  if (self->scenario != NULL)
    g_signal_handlers_disconnect_by_data (self->scenario, self);
  g_clear_object (&self->tools);
  g_clear_object (&self->plan);
  g_clear_object (&self->scenario);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (wm_proposal_list_parent_class)->dispose (object);
}

static void
wm_proposal_list_class_init (WmProposalListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_proposal_list_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wm-proposal-list");
}

static void
wm_proposal_list_init (WmProposalList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();

  self->sorter = GTK_SORTER (gtk_custom_sorter_new (compare_year, NULL, NULL));
  self->sorted = gtk_sort_list_model_new (NULL, self->sorter);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selected_changed), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  self->list_view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_widget_add_css_class (self->list_view, "navigation-sidebar");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list_view);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "wm-changes-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Changes Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Pick a tool on the map to demolish, build, convert or add a "
                                     "facility. Every change is listed here by year."));
  gtk_widget_add_css_class (empty, "compact");

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
}
