/* wm-goal-seek-dialog.c: "Reach the Targets": the mix with the fewest changes, for the user to
 * accept or change */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wm-goal-seek-dialog.h"
#include "wm-render-format.h"

struct _WmGoalSeekDialog
{
  AdwWindow parent_instance;

  WmIndicatorEngine *engine;
  WmHistory *history;
  WmProposal *proposal;
  gboolean conversion;
  gboolean all_conversions;
  char *area_id;
  GPtrArray *area_ids;     /* char *, the scope row's items after the first */

  GCancellable *cancellable;
  WmGoalSeekProblem *problem;
  WmGoalSeekResult *result; /* the search's */
  WmGoalSeekResult *judged; /* at the counts shown, when edited */
  char *message;
  gboolean applying;
  gboolean filling;

  AdwComboRow *scope_row;
  AdwComboRow *set_row;
  GtkWidget *status_group;
  GtkWidget *busy_box;
  GtkWidget *spinner;
  GtkWidget *cancel_button;
  GtkWidget *message_label;
  AdwPreferencesGroup *mix_group;
  GtkWidget *mix_holder;
  GtkWidget *table;
  GtkSpinButton *spins[WM_N_SEGMENTS];
  GtkWidget *change_labels[WM_N_SEGMENTS];
  GtkWidget *proposed_labels[WM_N_SEGMENTS];
  AdwPreferencesGroup *bands_group;
  GtkWidget *bands_list;
  GtkWidget *apply_button;
};

G_DEFINE_FINAL_TYPE (WmGoalSeekDialog, wm_goal_seek_dialog, ADW_TYPE_WINDOW)

enum
{
  SEARCH_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_search (WmGoalSeekDialog *self);

static const char *
segment_name (WmSegment segment)
{
  return wm_segment_table_get_name (wm_segment_table_get_default (), segment);
}

static gboolean
is_conversion (WmProposal *proposal)
{
  WmProposalKind kind = wm_proposal_get_kind (proposal);

  return kind == WM_PROPOSAL_CONVERT_TENURE || kind == WM_PROPOSAL_RENOVATE;
}

static int
positive_total (const WmDwellingMix *mix)
{
  int n = 0;

  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    n += MAX (mix->counts[g], 0);
  return n;
}

gboolean
wm_goal_seek_dialog_can_seek (WmProposal  *proposal,
                              char       **out_reason)
{
  WmProposalKind kind;
  int n;

  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);
  if (out_reason != NULL)
    *out_reason = NULL;
  kind = wm_proposal_get_kind (proposal);
  if (kind != WM_PROPOSAL_NEW_BUILD && !is_conversion (proposal))
    return FALSE;
  n = positive_total (wm_proposal_get_dwelling_delta (proposal));
  /* A renovation that keeps its segment has nothing to choose. */
  if (n == 0 && kind != WM_PROPOSAL_NEW_BUILD)
    return FALSE;
  if (n > WM_GOAL_SEEK_MAX_DWELLINGS)
    {
      if (out_reason != NULL)
        *out_reason = g_strdup_printf (
          kind == WM_PROPOSAL_NEW_BUILD
            ? _("An exact search is limited to %d dwellings; this new build has %d")
            : _("An exact search is limited to %d dwellings; this conversion moves %d"),
          WM_GOAL_SEEK_MAX_DWELLINGS, n);
      return FALSE;
    }
  return TRUE;
}

/* The proposals searched: this one, or every conversion of the scenario (the search keeps the
 * ones outside the scope as they are). */
static GPtrArray *
proposals_to_seek (WmGoalSeekDialog *self)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->conversion && self->all_conversions)
    {
      GListModel *model = wm_scenario_get_proposals (wm_indicator_engine_get_scenario (self->engine));

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          WmProposal *p = g_list_model_get_item (model, i);

          if (is_conversion (p) && positive_total (wm_proposal_get_dwelling_delta (p)) > 0)
            g_ptr_array_add (list, p);
          else
            g_object_unref (p);
        }
    }
  else
    g_ptr_array_add (list, g_object_ref (self->proposal));
  return list;
}

static void
sum_mixes (const WmDwellingMix *mixes,
           guint                n,
           WmDwellingMix       *out)
{
  memset (out, 0, sizeof *out);
  for (guint i = 0; i < n; i++)
    for (guint g = 0; g < WM_N_SEGMENTS; g++)
      out->counts[g] += mixes[i].counts[g];
}

static char *
signed_count (int value)
{
  g_autofree char *number = wm_render_format_count (ABS (value));

  if (value == 0)
    return g_strdup ("0");
  return g_strdup_printf ("%s%s", value > 0 ? "+" : "−", number);
}

static char *
count_text (WmGoalSeekDialog *self,
            int               value)
{
  /* A conversion's mix is a change: its signs say which way. */
  return self->conversion ? signed_count (value) : wm_render_format_count (value);
}

/* The result the figures stand for now: the judged edit, else the search's. */
static WmGoalSeekResult *
shown_result (WmGoalSeekDialog *self)
{
  return self->judged != NULL ? self->judged : self->result;
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static char *
value_text (const WmGoalSeekBand *band)
{
  if (wm_target_key_is_index (band->key))
    return wm_render_format_number (band->value, 2);
  return wm_render_format_percent (band->value, 1);
}

/* The bands, the summary and the change column for the result shown. */
static void
show_verdicts (WmGoalSeekDialog *self)
{
  WmGoalSeekResult *result = shown_result (self);
  WmDwellingMix now, proposed;
  g_autofree char *summary = NULL;

  clear_list (self->bands_list);
  gtk_widget_set_visible (GTK_WIDGET (self->bands_group), result != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->mix_group), result != NULL);
  gtk_widget_set_sensitive (self->apply_button, result != NULL);
  if (result == NULL)
    return;

  sum_mixes ((WmDwellingMix *) result->current->data, result->current->len, &now);
  sum_mixes ((WmDwellingMix *) result->proposed->data, result->proposed->len, &proposed);
  {
    gboolean any = FALSE;

    /* Nothing to apply when the mix stays as it is. */
    for (guint i = 0; i < result->proposed->len; i++)
      any |= !wm_dwelling_mix_equal (&g_array_index (result->proposed, WmDwellingMix, i),
                                     &g_array_index (result->current, WmDwellingMix, i));
    gtk_widget_set_sensitive (self->apply_button, any);
  }
  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    {
      int change = proposed.counts[g] - now.counts[g];
      g_autofree char *text = NULL;

      if (self->change_labels[g] == NULL)
        continue;
      /* Changed rows say so in words and signs, and in bold: never by colour alone. */
      text = change != 0 ? signed_count (change) : g_strdup (_("no change"));
      gtk_label_set_text (GTK_LABEL (self->change_labels[g]), text);
      if (change != 0)
        {
          gtk_widget_add_css_class (self->change_labels[g], "heading");
          gtk_widget_remove_css_class (self->change_labels[g], "dim-label");
        }
      else
        {
          gtk_widget_remove_css_class (self->change_labels[g], "heading");
          gtk_widget_add_css_class (self->change_labels[g], "dim-label");
        }
      if (self->proposed_labels[g] != NULL)
        {
          g_autofree char *count = count_text (self, proposed.counts[g]);

          gtk_label_set_text (GTK_LABEL (self->proposed_labels[g]), count);
          if (change != 0)
            gtk_widget_add_css_class (self->proposed_labels[g], "heading");
          else
            gtk_widget_remove_css_class (self->proposed_labels[g], "heading");
        }
    }

  if (result->reached && result->n_changes == 0)
    summary = g_strdup (_("Every target band is already met: nothing needs to change."));
  else if (result->reached)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Every target band is met when %u dwelling moves "
                                            "to another segment.",
                                            "Every target band is met when %u dwellings move "
                                            "to another segment.", result->n_changes),
                               result->n_changes);
  else if (result->n_changes == 0)
    summary = g_strdup (_("No mix meets every target band, and none comes closer than the mix "
                          "now; the bands out of reach are named below."));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "No mix meets every target band. This one comes "
                                            "closest, with %u dwelling moved; the bands out of "
                                            "reach are named below.",
                                            "No mix meets every target band. This one comes "
                                            "closest, with %u dwellings moved; the bands out of "
                                            "reach are named below.", result->n_changes),
                               result->n_changes);
  adw_preferences_group_set_description (self->mix_group, summary);

  for (guint i = 0; i < result->bands->len; i++)
    {
      const WmGoalSeekBand *band = &g_array_index (result->bands, WmGoalSeekBand, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon, *value;
      g_autofree char *title = wm_target_key_label (band->key);
      g_autofree char *verdict = wm_target_verdict_describe (band->verdict, &band->band,
                                                             wm_target_key_is_index (band->key));
      g_autofree char *shown = value_text (band);
      gboolean inside = band->gap == 0.0;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      const char *subtitle = band->description != NULL ? band->description : verdict;

      /* The sentence names the indicator; the row's title does that already. */
      if (band->description != NULL && g_str_has_prefix (subtitle, title) &&
          g_str_has_prefix (subtitle + strlen (title), ": "))
        subtitle += strlen (title) + 2;
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      icon = gtk_image_new_from_icon_name (inside ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, inside ? "success" : "warning");
      /* The icon repeats the words of the subtitle; it has no name of its own. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      inside ? _("Met") : _("Not met"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      value = gtk_label_new (shown);
      gtk_widget_add_css_class (value, "numeric");
      if (!inside)
        gtk_widget_add_css_class (value, "heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_list_box_append (GTK_LIST_BOX (self->bands_list), row);
    }
  if (result->bands->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("The project has no target band to judge here"));
      gtk_list_box_append (GTK_LIST_BOX (self->bands_list), row);
    }
}

static void on_spin_changed (WmGoalSeekDialog *self);
static void show_message (WmGoalSeekDialog *self, const char *message);

static GtkWidget *
cell (GtkWidget  *grid,
      const char *text,
      int         column,
      int         row,
      gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0 : 1.0);
  if (header)
    gtk_widget_add_css_class (label, "dim-label");
  else if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (GTK_GRID (grid), label, column, row, 1, 1);
  return label;
}

/* The table: segment, now, proposed (spin buttons for one proposal), change. */
static void
build_table (WmGoalSeekDialog *self)
{
  WmGoalSeekResult *result = self->result;
  WmDwellingMix now, proposed;
  guint n_proposals = 0;
  gboolean editable;

  if (self->table != NULL)
    gtk_box_remove (GTK_BOX (self->mix_holder), self->table);
  self->table = NULL;
  memset (self->spins, 0, sizeof self->spins);
  memset (self->change_labels, 0, sizeof self->change_labels);
  memset (self->proposed_labels, 0, sizeof self->proposed_labels);
  if (result == NULL)
    return;

  wm_goal_seek_problem_get_proposals (self->problem, &n_proposals);
  editable = n_proposals == 1;
  sum_mixes ((WmDwellingMix *) result->current->data, result->current->len, &now);
  sum_mixes ((WmDwellingMix *) result->proposed->data, result->proposed->len, &proposed);

  self->table = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (self->table), 6);
  gtk_grid_set_column_spacing (GTK_GRID (self->table), 18);
  gtk_widget_set_margin_top (self->table, 6);
  cell (self->table, _("Segment"), 0, 0, TRUE);
  cell (self->table, _("Now"), 1, 0, TRUE);
  cell (self->table, _("Proposed"), 2, 0, TRUE);
  cell (self->table, _("Change"), 3, 0, TRUE);
  self->filling = TRUE;
  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    {
      g_autofree char *now_text = count_text (self, now.counts[g]);
      GtkWidget *name = cell (self->table, segment_name (g), 0, g + 1, FALSE);
      gboolean allowed = editable && wm_goal_seek_problem_segment_allowed (self->problem, 0, g);

      gtk_widget_set_hexpand (name, TRUE);
      cell (self->table, now_text, 1, g + 1, FALSE);
      if (allowed)
        {
          GtkWidget *spin = gtk_spin_button_new_with_range (0, wm_goal_seek_problem_get_n_dwellings (self->problem), 1);

          gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), proposed.counts[g]);
          gtk_widget_set_halign (spin, GTK_ALIGN_END);
          gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                          name, NULL, -1);
          g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_spin_changed), self);
          gtk_grid_attach (GTK_GRID (self->table), spin, 2, g + 1, 1, 1);
          self->spins[g] = GTK_SPIN_BUTTON (spin);
        }
      else
        {
          g_autofree char *text = count_text (self, proposed.counts[g]);

          self->proposed_labels[g] = cell (self->table, text, 2, g + 1, FALSE);
        }
      self->change_labels[g] = cell (self->table, "", 3, g + 1, FALSE);
    }
  self->filling = FALSE;
  gtk_box_append (GTK_BOX (self->mix_holder), self->table);
}

/* The user's counts for the one proposal, judged again. */
static void
on_spin_changed (WmGoalSeekDialog *self)
{
  WmDwellingMix mix;
  g_autoptr(GError) error = NULL;

  if (self->filling || self->result == NULL)
    return;
  mix = g_array_index (self->result->proposed, WmDwellingMix, 0);
  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    if (self->spins[g] != NULL)
      mix.counts[g] = gtk_spin_button_get_value_as_int (self->spins[g]);
  g_clear_pointer (&self->judged, wm_goal_seek_result_free);
  self->judged = wm_goal_seek_problem_judge (self->problem, &mix, &error);
  if (self->judged == NULL)
    {
      show_message (self, error->message);
      gtk_widget_set_sensitive (self->apply_button, FALSE);
      return;
    }
  show_message (self, NULL);
  show_verdicts (self);
}

static void
set_busy (WmGoalSeekDialog *self,
          gboolean          busy)
{
  gtk_widget_set_visible (self->busy_box, busy);
  if (busy)
    gtk_spinner_start (GTK_SPINNER (self->spinner));
  else
    gtk_spinner_stop (GTK_SPINNER (self->spinner));
  if (busy)
    gtk_widget_set_sensitive (self->apply_button, FALSE);
  /* No empty gap between the question and the answer. */
  gtk_widget_set_visible (self->status_group, busy || self->message != NULL);
}

static void
show_message (WmGoalSeekDialog *self,
              const char       *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (GTK_LABEL (self->message_label), message != NULL ? message : "");
  gtk_widget_set_visible (self->message_label, message != NULL);
  gtk_widget_set_visible (self->status_group,
                          message != NULL || gtk_widget_get_visible (self->busy_box));
}

static void
on_solved (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  WmGoalSeekDialog *self = WM_GOAL_SEEK_DIALOG (source);
  g_autoptr(GError) error = NULL;
  WmGoalSeekResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  /* A search replaced by a newer one, or the dialog closed: its answer is not wanted. */
  if (g_task_get_cancellable (G_TASK (res)) != self->cancellable)
    {
      wm_goal_seek_result_free (result);
      return;
    }
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("The search was cancelled. Choose another scope to search again."));
      else
        show_message (self, error->message);
      show_verdicts (self);
      g_signal_emit (self, signals[SEARCH_FINISHED], 0);
      return;
    }
  self->result = result;
  show_message (self, NULL);
  build_table (self);
  show_verdicts (self);
  g_signal_emit (self, signals[SEARCH_FINISHED], 0);
}

static void
solve_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  WmGoalSeekResult *result = wm_goal_seek_problem_solve (task_data, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) wm_goal_seek_result_free);
}

/* The question is copied from the engine here, on the main thread; the search runs in a
 * worker on that copy. */
static void
start_search (WmGoalSeekDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) proposals = NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->result, wm_goal_seek_result_free);
  g_clear_pointer (&self->judged, wm_goal_seek_result_free);
  g_clear_pointer (&self->problem, wm_goal_seek_problem_free);
  build_table (self);

  proposals = proposals_to_seek (self);
  if (self->conversion)
    self->problem = wm_goal_seek_problem_conversions (self->engine,
                                                      (WmProposal **) proposals->pdata,
                                                      proposals->len, self->area_id, &error);
  else
    self->problem = wm_goal_seek_problem_new_build (self->engine, self->proposal, self->area_id,
                                                    &error);
  if (self->problem == NULL)
    {
      set_busy (self, FALSE);
      show_message (self, error->message);
      show_verdicts (self);
      g_signal_emit (self, signals[SEARCH_FINISHED], 0);
      return;
    }
  show_message (self, NULL);
  show_verdicts (self);
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_solved, NULL);
  g_task_set_source_tag (task, start_search);
  g_task_set_task_data (task, wm_goal_seek_problem_ref (self->problem),
                        (GDestroyNotify) wm_goal_seek_problem_free);
  g_task_run_in_thread (task, solve_in_thread);
}

static void
on_cancel_clicked (WmGoalSeekDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
on_scope_selected (WmGoalSeekDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->scope_row);
  const char *area_id = selected > 0 && selected <= self->area_ids->len
                          ? g_ptr_array_index (self->area_ids, selected - 1) : NULL;

  if (self->filling || g_strcmp0 (area_id, self->area_id) == 0)
    return;
  g_free (self->area_id);
  self->area_id = g_strdup (area_id);
  start_search (self);
}

static void
on_set_selected (WmGoalSeekDialog *self)
{
  gboolean all = adw_combo_row_get_selected (self->set_row) == 1;

  if (self->filling || all == self->all_conversions)
    return;
  self->all_conversions = all;
  start_search (self);
}

static void
on_apply_clicked (WmGoalSeekDialog *self)
{
  WmGoalSeekResult *result = shown_result (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (result == NULL || self->cancellable != NULL)
    return;
  self->applying = TRUE;
  ok = wm_goal_seek_result_apply (result, self->history,
                                  (WmDwellingMix *) result->proposed->data, &error);
  self->applying = FALSE;
  if (!ok)
    {
      show_message (self, error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* An undo, redo or edit elsewhere changes the question: search again. */
static void
on_engine_changed (WmGoalSeekDialog *self)
{
  if (!self->applying)
    start_search (self);
}

static void
wm_goal_seek_dialog_dispose (GObject *object)
{
  WmGoalSeekDialog *self = WM_GOAL_SEEK_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->history);
  g_clear_object (&self->proposal);
  G_OBJECT_CLASS (wm_goal_seek_dialog_parent_class)->dispose (object);
}

static void
wm_goal_seek_dialog_finalize (GObject *object)
{
  WmGoalSeekDialog *self = WM_GOAL_SEEK_DIALOG (object);

  wm_goal_seek_result_free (self->result);
  wm_goal_seek_result_free (self->judged);
  wm_goal_seek_problem_free (self->problem);
  g_ptr_array_unref (self->area_ids);
  g_free (self->area_id);
  g_free (self->message);
  G_OBJECT_CLASS (wm_goal_seek_dialog_parent_class)->finalize (object);
}

static void
wm_goal_seek_dialog_class_init (WmGoalSeekDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_goal_seek_dialog_dispose;
  object_class->finalize = wm_goal_seek_dialog_finalize;
  signals[SEARCH_FINISHED] = g_signal_new ("search-finished", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                           0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wm_goal_seek_dialog_init (WmGoalSeekDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *close = gtk_button_new_with_mnemonic (_("_Close"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *question = adw_preferences_group_new ();
  GtkWidget *status_group = self->status_group = adw_preferences_group_new ();
  GtkWidget *status = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *busy_label;

  self->area_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_window_set_title (GTK_WINDOW (self), _("Reach the Targets"));
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (gtk_window_close), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), close);
  self->apply_button = gtk_button_new_with_mnemonic (_("_Apply This Mix"));
  gtk_widget_add_css_class (self->apply_button, "suggested-action");
  gtk_widget_set_sensitive (self->apply_button, FALSE);
  g_signal_connect_swapped (self->apply_button, "clicked", G_CALLBACK (on_apply_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->apply_button);
  gtk_box_append (GTK_BOX (content), header);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (question), _("Question"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (question),
    _("The mix that brings every indicator inside its target band with the fewest dwellings "
      "moved to another segment. Nothing changes until you apply it."));
  self->scope_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->scope_row), _("Judge in"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (question), GTK_WIDGET (self->scope_row));
  self->set_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->set_row), _("Conversions"));
  {
    const char *items[] = { _("This conversion"), _("All conversions of this scenario"), NULL };
    g_autoptr(GtkStringList) list = gtk_string_list_new (items);

    adw_combo_row_set_model (self->set_row, G_LIST_MODEL (list));
  }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->set_row),
                               _("Judged in an area, those outside it keep their mix"));
  gtk_widget_set_visible (GTK_WIDGET (self->set_row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (question), GTK_WIDGET (self->set_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (question));

  self->busy_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->spinner = gtk_spinner_new ();
  gtk_box_append (GTK_BOX (self->busy_box), self->spinner);
  busy_label = gtk_label_new (_("Searching every mix…"));
  gtk_widget_set_hexpand (busy_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (busy_label), 0);
  gtk_box_append (GTK_BOX (self->busy_box), busy_label);
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked), self);
  gtk_box_append (GTK_BOX (self->busy_box), self->cancel_button);
  gtk_widget_set_visible (self->busy_box, FALSE);
  gtk_box_append (GTK_BOX (status), self->busy_box);
  self->message_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_widget_set_visible (self->message_label, FALSE);
  gtk_box_append (GTK_BOX (status), self->message_label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (status_group), status);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (status_group));
  gtk_widget_set_visible (status_group, FALSE);

  self->mix_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->mix_group, _("Mix"));
  self->mix_holder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_preferences_group_add (self->mix_group, self->mix_holder);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->mix_group);

  self->bands_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->bands_group, _("Target Bands"));
  self->bands_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->bands_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->bands_list, "boxed-list");
  adw_preferences_group_add (self->bands_group, self->bands_list);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->bands_group);
  gtk_widget_set_visible (GTK_WIDGET (self->mix_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->bands_group), FALSE);

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (content), page);
  adw_window_set_content (ADW_WINDOW (self), content);
}

WmGoalSeekDialog *
wm_goal_seek_dialog_new (GtkWindow         *parent,
                         WmIndicatorEngine *engine,
                         WmHistory         *history,
                         WmProposal        *proposal)
{
  WmGoalSeekDialog *self;
  g_autoptr(GtkStringList) scopes = gtk_string_list_new (NULL);
  GListModel *areas;
  const char *name;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (engine), NULL);
  g_return_val_if_fail (WM_IS_HISTORY (history), NULL);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), NULL);

  self = g_object_new (WM_TYPE_GOAL_SEEK_DIALOG, "transient-for", parent, NULL);
  self->engine = g_object_ref (engine);
  self->history = g_object_ref (history);
  self->proposal = g_object_ref (proposal);
  self->conversion = is_conversion (proposal);

  name = wm_proposal_get_name (proposal) != NULL ? wm_proposal_get_name (proposal)
                                                 : wm_proposal_get_id (proposal);
  subtitle = g_strdup_printf (_("For “%s”"), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->scope_row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scope_row), subtitle);

  self->filling = TRUE;
  gtk_string_list_append (scopes, _("Whole neighbourhood"));
  areas = wm_plan_get_areas (wm_indicator_engine_get_plan (engine));
  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WmArea) area = g_list_model_get_item (areas, i);

      gtk_string_list_append (scopes, wm_area_get_name (area));
      g_ptr_array_add (self->area_ids, g_strdup (wm_area_get_id (area)));
    }
  adw_combo_row_set_model (self->scope_row, G_LIST_MODEL (scopes));
  gtk_widget_set_visible (GTK_WIDGET (self->set_row), self->conversion);
  self->filling = FALSE;
  g_signal_connect_swapped (self->scope_row, "notify::selected", G_CALLBACK (on_scope_selected),
                            self);
  g_signal_connect_swapped (self->set_row, "notify::selected", G_CALLBACK (on_set_selected),
                            self);
  g_signal_connect_object (engine, "changed", G_CALLBACK (on_engine_changed), self,
                           G_CONNECT_SWAPPED);
  start_search (self);
  return self;
}

void
wm_goal_seek_dialog_set_area (WmGoalSeekDialog *self,
                              const char       *area_id)
{
  g_return_if_fail (WM_IS_GOAL_SEEK_DIALOG (self));

  for (guint i = 0; i < self->area_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->area_ids, i), area_id) == 0)
      {
        adw_combo_row_set_selected (self->scope_row, i + 1);
        return;
      }
  adw_combo_row_set_selected (self->scope_row, 0);
}

const char *
wm_goal_seek_dialog_get_area (WmGoalSeekDialog *self)
{
  g_return_val_if_fail (WM_IS_GOAL_SEEK_DIALOG (self), NULL);
  return self->area_id;
}

void
wm_goal_seek_dialog_set_all_conversions (WmGoalSeekDialog *self,
                                         gboolean          all)
{
  g_return_if_fail (WM_IS_GOAL_SEEK_DIALOG (self));
  adw_combo_row_set_selected (self->set_row, all ? 1 : 0);
}

gboolean
wm_goal_seek_dialog_get_searching (WmGoalSeekDialog *self)
{
  g_return_val_if_fail (WM_IS_GOAL_SEEK_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

WmGoalSeekResult *
wm_goal_seek_dialog_get_result (WmGoalSeekDialog *self)
{
  g_return_val_if_fail (WM_IS_GOAL_SEEK_DIALOG (self), NULL);
  return self->result;
}

const char *
wm_goal_seek_dialog_get_message (WmGoalSeekDialog *self)
{
  g_return_val_if_fail (WM_IS_GOAL_SEEK_DIALOG (self), NULL);
  return self->message;
}

gboolean
wm_goal_seek_dialog_get_shown_mix (WmGoalSeekDialog *self,
                                   WmDwellingMix    *out_mix)
{
  WmGoalSeekResult *result;

  g_return_val_if_fail (WM_IS_GOAL_SEEK_DIALOG (self), FALSE);
  result = shown_result (self);
  if (result == NULL)
    return FALSE;
  sum_mixes ((WmDwellingMix *) result->proposed->data, result->proposed->len, out_mix);
  /* What the table holds: the spin buttons, as typed. */
  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    if (self->spins[g] != NULL)
      out_mix->counts[g] = gtk_spin_button_get_value_as_int (self->spins[g]);
  return TRUE;
}

GtkSpinButton *
wm_goal_seek_dialog_get_count_spin (WmGoalSeekDialog *self,
                                    WmSegment         segment)
{
  g_return_val_if_fail (WM_IS_GOAL_SEEK_DIALOG (self), NULL);
  return segment < WM_N_SEGMENTS ? self->spins[segment] : NULL;
}

GtkWidget *
wm_goal_seek_dialog_get_apply_button (WmGoalSeekDialog *self)
{
  g_return_val_if_fail (WM_IS_GOAL_SEEK_DIALOG (self), NULL);
  return self->apply_button;
}

GtkWidget *
wm_goal_seek_dialog_get_cancel_button (WmGoalSeekDialog *self)
{
  g_return_val_if_fail (WM_IS_GOAL_SEEK_DIALOG (self), NULL);
  return self->cancel_button;
}
