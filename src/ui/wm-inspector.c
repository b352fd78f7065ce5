/* wm-inspector.c: the card on the map showing the selection and the active tool's form */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "wm-goal-seek-dialog.h"
#include "wm-inspector.h"
#include "wm-proposal-factory.h"

/* The card sits on the map next to where people point, so the Mix page stays in view while
 * they edit: seeing the mix move is the point of a workshop. */

typedef enum
{
  FORM_NONE,
  FORM_INFO,        /* data of the selection, nothing to confirm */
  FORM_PROPOSAL,    /* a selected proposal: edits apply at once through the history */
  FORM_DEMOLISH,
  FORM_NEW_BUILD,
  FORM_CONVERT,
  FORM_RENOVATE,
  FORM_TRANSFORM,
  FORM_SPLIT_MERGE,
  FORM_FACILITY,
  FORM_REMOVE_FACILITY,
} FormKind;

enum
{
  MODE_RENOVATE,
  MODE_TRANSFORM,
  MODE_SPLIT_MERGE,
};

struct _WmInspector
{
  GtkWidget parent_instance;

  GtkWidget *scrolled;
  GtkWidget *box;      /* rebuilt for each selection */
  GtkWidget *heading;
  GtkWidget *grid;
  int grid_row;
  GtkWidget *error_label;
  GtkWidget *confirm;
  GtkWidget *status;
  GHashTable *fields;  /* name -> GtkWidget */
  GtkWidget *last_edited;

  WmMapTools *tools;
  FormKind form;
  WmProposal *pending; /* the proposal the form would add, when valid */
  gboolean building;   /* while a form is made: no validation yet */
  int year;
  WmFacilityType facility_type;
  guint renovate_mode;
  char *error;
};

G_DEFINE_FINAL_TYPE (WmInspector, wm_inspector, GTK_TYPE_WIDGET)

static void rebuild (WmInspector *self);
static void validate (WmInspector *self);
static void on_plan_changed (WmInspector *self);

static WmHistory *
get_history (WmInspector *self)
{
  return self->tools != NULL ? wm_map_tools_get_history (self->tools) : NULL;
}

static WmPlan *
get_plan (WmInspector *self)
{
  WmHistory *history = get_history (self);

  return history != NULL ? wm_history_get_plan (history) : NULL;
}

static const char *
segment_name (WmSegment segment)
{
  return wm_segment_table_get_name (wm_segment_table_get_default (), segment);
}

/* Form building blocks */

static GtkWidget *
add_label (WmInspector *self, const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  /* A fixed measure, so the card's height fits the wrapped text at its width. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), 36);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (self->box), label);
  return label;
}

static void
ensure_grid (WmInspector *self)
{
  if (self->grid != NULL)
    return;
  self->grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 12);
  gtk_box_append (GTK_BOX (self->box), self->grid);
  self->grid_row = 0;
}

static GtkWidget *
add_row (WmInspector *self, const char *title, GtkWidget *field)
{
  GtkWidget *label = gtk_label_new (title);

  ensure_grid (self);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (GTK_GRID (self->grid), label, 0, self->grid_row, 1, 1);
  gtk_widget_set_hexpand (field, TRUE);
  gtk_grid_attach (GTK_GRID (self->grid), field, 1, self->grid_row, 1, 1);
  if (GTK_IS_ACCESSIBLE (field))
    gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                    label, NULL, -1);
  self->grid_row++;
  return field;
}

static GtkWidget *
add_value_row (WmInspector *self, const char *title, const char *value)
{
  GtkWidget *label = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return add_row (self, title, label);
}

static void remember_inputs (WmInspector *self);

static void
on_field_changed (GtkWidget *field, WmInspector *self)
{
  self->last_edited = field;
  if (!self->building)
    remember_inputs (self);
  validate (self);
}

static void
on_dropdown_changed (GObject *field, GParamSpec *pspec, WmInspector *self)
{
  on_field_changed (GTK_WIDGET (field), self);
}

static GtkWidget *
add_spin (WmInspector *self, const char *name, const char *title, int lower, int upper, int value)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
  g_signal_connect (spin, "changed", G_CALLBACK (on_field_changed), self);
  g_hash_table_insert (self->fields, g_strdup (name), spin);
  return add_row (self, title, spin);
}

static GtkWidget *
add_entry (WmInspector *self, const char *name, const char *title, const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  g_signal_connect (entry, "changed", G_CALLBACK (on_field_changed), self);
  g_hash_table_insert (self->fields, g_strdup (name), entry);
  return add_row (self, title, entry);
}

static GtkWidget *
add_dropdown (WmInspector *self, const char *name, const char *title, const char *const *items,
              guint selected)
{
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (items);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_dropdown_changed), self);
  g_hash_table_insert (self->fields, g_strdup (name), dropdown);
  return add_row (self, title, dropdown);
}

static GtkWidget *
add_segment_dropdown (WmInspector *self, const char *name, const char *title, WmSegment selected)
{
  const char *names[WM_N_SEGMENTS + 1] = { NULL };

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    names[s] = segment_name (s);
  return add_dropdown (self, name, title, names, selected);
}

static void
add_mix_spins (WmInspector *self, const WmDwellingMix *mix)
{
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      g_autofree char *name = g_strdup_printf ("count-%s", wm_segment_key (s));
      add_spin (self, name, segment_name (s), 0, WM_PROPOSAL_MAX_DWELLINGS, mix->counts[s]);
    }
}

static void add_year (WmInspector *self, int year);

static GtkWidget *
add_confirm (WmInspector *self, const char *label, gboolean destructive)
{
  self->error_label = add_label (self, "", "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  self->confirm = gtk_button_new_with_mnemonic (label);
  gtk_widget_add_css_class (self->confirm, destructive ? "destructive-action" : "suggested-action");
  gtk_widget_add_css_class (self->confirm, "pill");
  gtk_widget_set_halign (self->confirm, GTK_ALIGN_END);
  gtk_widget_set_sensitive (self->confirm, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->confirm);
  return self->confirm;
}

/* Start and completion side by side: the households move out at the start, the homes count
 * from the completion. A start of 0 is "the completion year". */
static GtkWidget *
add_start_year (WmInspector *self, int start_year)
{
  GtkWidget *field = add_spin (self, "start-year", _("Start"), 0, WM_PROPOSAL_MAX_YEAR,
                               start_year);

  gtk_widget_set_tooltip_text (field, _("The year the works start and the households concerned "
                                        "move out; 0: in the completion year"));
  return field;
}

static void
add_year (WmInspector *self, int year)
{
  add_start_year (self, 0);
  add_spin (self, "year", _("Completion"), 0, WM_PROPOSAL_MAX_YEAR, year);
}

static char *
mix_text (const WmDwellingMix *mix, gboolean signed_counts)
{
  GString *text = g_string_new (NULL);

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      if (mix->counts[s] == 0)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (signed_counts)
        g_string_append_printf (text, "%s%d %s", mix->counts[s] > 0 ? "+" : "−",
                                ABS (mix->counts[s]), segment_name (s));
      else
        g_string_append_printf (text, "%d %s", mix->counts[s], segment_name (s));
    }
  if (text->len == 0)
    g_string_append (text, signed_counts ? _("No change in dwellings") : _("No dwellings"));
  return g_string_free (text, FALSE);
}

/* Reading fields: the typed text, so a bad value is refused before the spin button clamps. */

static gboolean
read_int (WmInspector *self, const char *name, int *out, GError **error)
{
  GtkWidget *field = g_hash_table_lookup (self->fields, name);
  g_autofree char *text = NULL;
  char *end = NULL;
  gint64 value;

  *out = 0;
  if (field == NULL)
    return TRUE;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field))));
  if (*text == '\0')
    return TRUE;
  /* A typed minus is often a Unicode one. */
  if (g_str_has_prefix (text, "−"))
    {
      g_autofree char *rest = g_strdup (text + strlen ("−"));
      g_free (text);
      text = g_strconcat ("-", rest, NULL);
    }
  errno = 0;
  value = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || value < G_MININT || value > G_MAXINT)
    {
      self->last_edited = field;
      g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                   _("“%s” is not a whole number"), text);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

static guint
read_selected (WmInspector *self, const char *name)
{
  GtkWidget *field = g_hash_table_lookup (self->fields, name);

  return field != NULL ? gtk_drop_down_get_selected (GTK_DROP_DOWN (field)) : 0;
}

static const char *
read_text (WmInspector *self, const char *name)
{
  GtkWidget *field = g_hash_table_lookup (self->fields, name);

  return field != NULL ? gtk_editable_get_text (GTK_EDITABLE (field)) : NULL;
}

static gboolean
read_mix (WmInspector *self, WmDwellingMix *mix, GError **error)
{
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      g_autofree char *name = g_strdup_printf ("count-%s", wm_segment_key (s));

      if (!read_int (self, name, &mix->counts[s], error))
        return FALSE;
      if (mix->counts[s] < 0)
        {
          self->last_edited = g_hash_table_lookup (self->fields, name);
          g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_NEGATIVE,
                       _("The number of dwellings cannot be negative"));
          return FALSE;
        }
    }
  return TRUE;
}

static void
show_error (WmInspector *self, const char *message)
{
  GHashTableIter iter;
  gpointer field;

  g_free (self->error);
  self->error = g_strdup (message);
  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, &field))
    gtk_widget_remove_css_class (field, "error");
  if (self->error_label != NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->error_label), message != NULL ? message : "");
      gtk_widget_set_visible (self->error_label, message != NULL);
    }
  if (message != NULL && self->last_edited != NULL)
    gtk_widget_add_css_class (self->last_edited, "error");
}

/* Validation: build the proposal the form describes with the factory, which says why not. */

static WmProposal *
make_proposal (WmInspector *self, GError **error)
{
  WmPlan *plan = get_plan (self);
  const char *const *buildings = wm_map_tools_get_selected_buildings (self->tools);
  WmDwellingMix mix = { { 0 } };
  int year, n;
  const char *note;
  WmProposal *proposal = NULL;

  if (!read_int (self, "year", &year, error))
    return NULL;

  switch (self->form)
    {
    case FORM_DEMOLISH:
      proposal = wm_proposal_factory_demolish (plan, NULL, buildings, year, error);
      break;
    case FORM_NEW_BUILD:
      if (!read_mix (self, &mix, error))
        return NULL;
      proposal = wm_proposal_factory_new_build (plan, NULL,
                                                wm_map_tools_get_selected_polygon (self->tools),
                                                &mix, read_selected (self, "type"), year, error);
      break;
    case FORM_CONVERT:
      if (!read_int (self, "n", &n, error))
        return NULL;
      proposal = wm_proposal_factory_convert_tenure (plan, NULL, buildings[0],
                                                     read_selected (self, "from"),
                                                     read_selected (self, "to"), n, year, error);
      break;
    case FORM_RENOVATE:
      if (!read_int (self, "n", &n, error))
        return NULL;
      note = read_text (self, "note");
      proposal = wm_proposal_factory_renovate (plan, NULL, buildings[0],
                                               read_selected (self, "from"),
                                               read_selected (self, "to"), n,
                                               note != NULL && *note ? note : NULL, year, error);
      break;
    case FORM_TRANSFORM:
      if (!read_mix (self, &mix, error))
        return NULL;
      proposal = wm_proposal_factory_transform (plan, NULL, buildings[0], &mix, year, error);
      break;
    case FORM_SPLIT_MERGE:
      if (!read_int (self, "delta", &n, error))
        return NULL;
      proposal = wm_proposal_factory_split_merge (plan, NULL, buildings[0],
                                                  read_selected (self, "segment"), n, year, error);
      break;
    case FORM_FACILITY:
      {
        WmPoint p = wm_map_tools_get_selected_point (self->tools);
        const char *name = read_text (self, "name");

        proposal = wm_proposal_factory_add_facility (plan, NULL, read_selected (self, "facility-type"),
                                                     p.x, p.y, name != NULL && *name ? name : NULL,
                                                     year, error);
      }
      break;
    case FORM_REMOVE_FACILITY:
      proposal = wm_proposal_factory_remove_facility (plan, NULL,
                                                      wm_map_tools_get_selected_id (self->tools),
                                                      year, error);
      break;
    case FORM_NONE:
    case FORM_INFO:
    case FORM_PROPOSAL:
    default:
      return NULL;
    }

  if (proposal != NULL && self->form != FORM_FACILITY)
    {
      const char *name = read_text (self, "name");
      if (name != NULL && *name != '\0')
        wm_proposal_set_name (proposal, name);
    }
  if (proposal != NULL)
    {
      int start_year;

      if (!read_int (self, "start-year", &start_year, error) ||
          !wm_proposal_factory_check_years (start_year, year, error))
        {
          self->last_edited = g_hash_table_lookup (self->fields, "start-year");
          g_clear_object (&proposal);
          return NULL;
        }
      wm_proposal_set_start_year (proposal, start_year);
    }
  return proposal;
}

static void
validate (WmInspector *self)
{
  g_autoptr (GError) error = NULL;

  if (self->building || self->confirm == NULL || self->form == FORM_PROPOSAL)
    return;

  if (self->form == FORM_CONVERT || self->form == FORM_RENOVATE)
    {
      /* Say how many there are to move, at the change's place in the plan's order. */
      int year = self->year;
      WmDwellingMix now;

      read_int (self, "year", &year, NULL);
      now = wm_projected_building_dwellings_in_year (
        get_plan (self), NULL, year, wm_map_tools_get_selected_buildings (self->tools)[0], NULL);
      GtkWidget *hint = g_hash_table_lookup (self->fields, "n-hint");
      g_autofree char *text = g_strdup_printf (_("At most %d"),
                                               now.counts[read_selected (self, "from")]);
      if (hint != NULL)
        gtk_label_set_text (GTK_LABEL (hint), text);
    }

  if (self->form == FORM_DEMOLISH)
    {
      GtkWidget *lost_label = g_hash_table_lookup (self->fields, "lost");
      int year;

      if (lost_label != NULL && read_int (self, "year", &year, NULL))
        {
          WmDwellingMix lost = wm_projected_dwellings_lost_in_year (
            get_plan (self), NULL, year, wm_map_tools_get_selected_buildings (self->tools));
          g_autofree char *text = NULL;

          for (guint s = 0; s < WM_N_SEGMENTS; s++)
            lost.counts[s] = -lost.counts[s];
          text = mix_text (&lost, TRUE);
          gtk_label_set_text (GTK_LABEL (lost_label), text);
        }
    }

  g_clear_object (&self->pending);
  if (self->form == FORM_FACILITY && wm_map_tools_get_selection_kind (self->tools) != WM_SELECTION_POINT)
    {
      /* Nothing to refuse yet: the place comes from the click. */
      show_error (self, NULL);
      gtk_widget_set_sensitive (self->confirm, FALSE);
      return;
    }
  self->pending = make_proposal (self, &error);
  show_error (self, error != NULL ? error->message : NULL);
  gtk_widget_set_sensitive (self->confirm, self->pending != NULL);
}

static void
remember_inputs (WmInspector *self)
{
  int year;

  if (read_int (self, "year", &year, NULL) && year >= WM_PROPOSAL_MIN_YEAR && year <= WM_PROPOSAL_MAX_YEAR)
    self->year = year;
  if (g_hash_table_contains (self->fields, "facility-type"))
    self->facility_type = read_selected (self, "facility-type");
}

static void
on_confirm_clicked (WmInspector *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmProposal) proposal = NULL;

  validate (self);
  if (self->pending == NULL)
    return;
  proposal = g_steal_pointer (&self->pending);
  remember_inputs (self);
  if (!wm_history_add_proposal (get_history (self), NULL, proposal, -1, &error))
    {
      show_error (self, error->message);
      return;
    }
  /* Show what was made, so it can be named or dated right away; the tool stays. */
  if (self->form == FORM_FACILITY)
    {
      g_autofree char *text = g_strdup_printf (_("Placed “%s”. Click to place another."),
                                               wm_proposal_get_name (proposal));
      wm_map_tools_clear_selection (self->tools);
      gtk_label_set_text (GTK_LABEL (self->status), text);
      gtk_widget_set_visible (self->status, TRUE);
    }
  else
    wm_map_tools_select_proposal (self->tools, proposal);
}

/* Proposal editing: each field applies through the history when done. */

static void
apply_proposal_field (WmInspector *self, GtkWidget *field)
{
  WmProposal *proposal = wm_map_tools_get_selected_proposal (self->tools);
  WmHistory *history = get_history (self);
  const char *name = g_object_get_data (G_OBJECT (field), "wm-field");
  g_autoptr (GError) error = NULL;
  gboolean ok = TRUE;

  if (proposal == NULL || history == NULL || self->building)
    return;
  self->last_edited = field;
  self->building = TRUE; /* the plan's "changed" must not rebuild the form being typed in */
  if (g_str_equal (name, "name"))
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (field));
      if (g_strcmp0 (text, wm_proposal_get_name (proposal)) != 0)
        ok = wm_history_set_proposal_name (history, proposal, text, &error);
    }
  else if (g_str_equal (name, "note"))
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (field));
      if (g_strcmp0 (text, wm_proposal_get_note (proposal)) != 0)
        ok = wm_history_set_proposal_note (history, proposal, text, &error);
    }
  else if (g_str_equal (name, "year") || g_str_equal (name, "start-year"))
    {
      int year, start_year;

      /* Both in one step when the start changes, so the two never pass through a start after
       * the completion, and one undo restores them. */
      ok = read_int (self, "year", &year, &error) &&
           read_int (self, "start-year", &start_year, &error);
      if (ok && start_year == wm_proposal_get_start_year (proposal) &&
          year != wm_proposal_get_year (proposal))
        ok = wm_history_set_proposal_year (history, proposal, year, &error);
      else if (ok && start_year != wm_proposal_get_start_year (proposal))
        ok = wm_history_set_proposal_years (history, proposal, start_year, year, &error);
    }
  else if (g_str_equal (name, "dwelling-type"))
    {
      WmDwellingType type = gtk_drop_down_get_selected (GTK_DROP_DOWN (field));

      if (type < WM_N_DWELLING_TYPES && type != wm_proposal_get_dwelling_type (proposal))
        ok = wm_history_set_proposal_dwelling_type (history, proposal, type, &error);
    }
  else if (g_str_equal (name, "return-share"))
    {
      int percent;

      /* Whole percents: a share read from a file (1/3) stays until another is typed. */
      ok = read_int (self, "return-share", &percent, &error);
      if (ok && (percent < 0 || percent > 100))
        {
          g_set_error (&error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                       _("The share that returns must be from 0 to 100 %%, not %d %%"), percent);
          ok = FALSE;
        }
      if (ok && percent != (int) round (wm_proposal_get_return_share (proposal) * 100))
        ok = wm_history_set_proposal_return_share (history, proposal, percent / 100.0, &error);
    }
  else if (g_str_equal (name, "mix"))
    {
      WmDwellingMix mix = { { 0 } };

      ok = read_mix (self, &mix, &error);
      if (ok && !wm_dwelling_mix_equal (&mix, wm_proposal_get_dwelling_delta (proposal)))
        ok = wm_history_set_proposal_delta (history, proposal, &mix, &error);
    }
  self->building = FALSE;
  show_error (self, ok ? NULL : error->message);
}

static void
on_proposal_entry_activate (GtkWidget *field, WmInspector *self)
{
  apply_proposal_field (self, field);
}

static void
on_proposal_focus_leave (GtkEventController *controller, WmInspector *self)
{
  apply_proposal_field (self, gtk_event_controller_get_widget (controller));
}

static void
make_applying (WmInspector *self, GtkWidget *field, const char *name)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_object_set_data_full (G_OBJECT (field), "wm-field", g_strdup (name), g_free);
  g_signal_handlers_disconnect_by_func (field, on_field_changed, self);
  /* Spin buttons apply on "value-changed" (GTK 4.8 has no "activate" for them). */
  if (GTK_IS_ENTRY (field))
    g_signal_connect (field, "activate", G_CALLBACK (on_proposal_entry_activate), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_proposal_focus_leave), self);
  gtk_widget_add_controller (field, focus);
}

static void
on_proposal_dropdown_changed (GObject *field, GParamSpec *pspec, WmInspector *self)
{
  apply_proposal_field (self, GTK_WIDGET (field));
}

static void
on_apply_mix_clicked (GtkButton *button, WmInspector *self)
{
  apply_proposal_field (self, GTK_WIDGET (button));
}

/* "Reach the Targets…": the window opens the dialog (it holds the engine). */
static void
on_reach_targets_clicked (GtkWidget *button, WmInspector *self)
{
  WmProposal *proposal = wm_map_tools_get_selected_proposal (self->tools);

  if (proposal != NULL)
    gtk_widget_activate_action (button, "win.reach-targets", "s", wm_proposal_get_id (proposal));
}

static void
add_reach_targets (WmInspector *self, WmProposal *proposal)
{
  g_autofree char *reason = NULL;
  gboolean can_seek = wm_goal_seek_dialog_can_seek (proposal, &reason);
  GtkWidget *button;

  if (!can_seek && reason == NULL)
    return;
  button = gtk_button_new_with_mnemonic (_("_Reach the Targets…"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  /* Over the limit the button stays, greyed, and says why. */
  gtk_widget_set_sensitive (button, can_seek);
  gtk_widget_set_tooltip_text (button, reason != NULL ? reason
                                       : _("Propose the mix with the fewest changes that meets "
                                           "every target band"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_reach_targets_clicked), self);
  g_hash_table_insert (self->fields, g_strdup ("reach-targets"), button);
  gtk_box_append (GTK_BOX (self->box), button);
}

static void
on_delete_clicked (WmInspector *self)
{
  WmProposal *proposal = wm_map_tools_get_selected_proposal (self->tools);
  g_autoptr (GError) error = NULL;

  /* Refused when a later proposal stands on this one: the card says which. */
  if (proposal != NULL && !wm_history_remove_proposal_full (get_history (self), proposal, &error))
    show_error (self, error->message);
}

static void
on_remove_facility_clicked (WmInspector *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmProposal) proposal = NULL;

  self->form = FORM_REMOVE_FACILITY;
  proposal = make_proposal (self, &error);
  self->form = FORM_INFO;
  if (proposal != NULL && wm_history_add_proposal (get_history (self), NULL, proposal, -1, &error))
    wm_map_tools_select_proposal (self->tools, proposal);
  else
    show_error (self, error->message);
}

/* Forms */

static void
set_heading (WmInspector *self, const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->heading), text);
}

static void
build_building_info (WmInspector *self, const char *id)
{
  WmPlan *plan = get_plan (self);
  WmBuilding *building = wm_plan_find_building (plan, id);
  WmArea *area;
  g_autofree char *year = NULL, *storeys = NULL, *size = NULL, *mix = NULL, *projected = NULL;
  WmDwellingMix now;
  gboolean demolished = FALSE;

  if (building == NULL)
    return;
  set_heading (self, _("Building"));
  area = wm_building_get_area_id (building) != NULL
           ? wm_plan_find_area (plan, wm_building_get_area_id (building)) : NULL;
  add_value_row (self, _("Id"), id);
  if (wm_building_get_use (building) != NULL && *wm_building_get_use (building))
    add_value_row (self, _("Use"), wm_building_get_use (building));
  if (area != NULL)
    add_value_row (self, _("Area"), wm_area_get_name (area));
  year = wm_building_get_year (building) > 0 ? g_strdup_printf ("%d", wm_building_get_year (building))
                                             : g_strdup (_("Unknown"));
  add_value_row (self, _("Built"), year);
  if (wm_building_get_storeys (building) > 0)
    {
      storeys = g_strdup_printf ("%d", wm_building_get_storeys (building));
      add_value_row (self, _("Storeys"), storeys);
    }
  size = g_strdup_printf (_("%.0f m²"), wm_geometry_area (wm_building_get_footprint (building)));
  add_value_row (self, _("Footprint"), size);
  mix = mix_text (wm_building_get_dwellings (building), FALSE);
  add_value_row (self, _("Dwellings"), mix);
  /* BAG gives the number of dwellings, never who owns them: say where the split comes from. */
  switch (wm_building_get_tenure_source (building))
    {
    case WM_TENURE_ESTIMATED:
      add_value_row (self, _("Tenure"), _("Estimated from the CBS figures of the buurt"));
      break;
    case WM_TENURE_LISTED:
      add_value_row (self, _("Tenure"), _("From the corporation's list"));
      break;
    case WM_TENURE_STATED:
    default:
      break;
    }
  now = wm_projected_building_dwellings (plan, NULL, WM_PROJECTED_ALL, id, &demolished);
  if (demolished)
    add_value_row (self, _("In this scenario"), _("Demolished"));
  else if (!wm_dwelling_mix_equal (&now, wm_building_get_dwellings (building)))
    {
      projected = mix_text (&now, FALSE);
      add_value_row (self, _("In this scenario"), projected);
    }
}

static void
build_facility_info (WmInspector *self, const char *id)
{
  WmFacility *facility = wm_plan_find_facility (get_plan (self), id);
  GtkWidget *button;

  if (facility == NULL)
    return;
  set_heading (self, wm_facility_type_label (wm_facility_get_facility_type (facility)));
  add_value_row (self, _("Name"), wm_facility_get_name (facility));
  add_value_row (self, _("Id"), id);
  add_label (self, _("Drag it on the map to move it."), "dim-label");
  self->error_label = add_label (self, "", "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  button = gtk_button_new_with_mnemonic (_("_Remove Facility"));
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_remove_facility_clicked), self);
  gtk_box_append (GTK_BOX (self->box), button);
}

typedef enum
{
  FIGURE_PERCENT,
  FIGURE_COUNT,
  FIGURE_WOZ,
} FigureKind;

/* A CBS figure, or "not available" (secret, too small, not published): never a number then. */
static char *
figure_text (double value, FigureKind kind)
{
  if (isnan (value))
    return g_strdup (_("not available"));
  switch (kind)
    {
    case FIGURE_PERCENT:
      return g_strdup_printf (_("%.0f %%"), value);
    case FIGURE_WOZ:
      /* Translators: the mean WOZ value, which CBS gives in thousands of euros. */
      return g_strdup_printf (_("€ %.0f thousand"), value);
    case FIGURE_COUNT:
    default:
      return g_strdup_printf ("%.0f", value);
    }
}

static void
add_area_figures (WmInspector *self, WmArea *area)
{
  WmAreaFigures figures;
  g_autofree char *heading = NULL;

  if (!wm_area_get_figures (area, &figures))
    return;
  {
    const struct
    {
      const char *title;
      double value;
      FigureKind kind;
    } rows[] = {
      { _("Corporation rent"), figures.pct_corporation_rent, FIGURE_PERCENT },
      { _("Other landlords"), figures.pct_other_rent, FIGURE_PERCENT },
      { _("Owner-occupied"), figures.pct_owner, FIGURE_PERCENT },
      { _("Dwellings"), figures.dwellings, FIGURE_COUNT },
      { _("Mean WOZ value"), figures.mean_woz, FIGURE_WOZ },
      { _("Inhabitants"), figures.inhabitants, FIGURE_COUNT },
    };

    heading = figures.year > 0 ? g_strdup_printf (_("CBS figures %d"), figures.year)
                               : g_strdup (_("CBS figures"));
    /* Below the area's own rows, under a heading of their own. */
    self->grid = NULL;
    add_label (self, heading, "heading");
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_autofree char *text = figure_text (rows[i].value, rows[i].kind);
        add_value_row (self, rows[i].title, text);
      }
  }
}

static void
build_area_info (WmInspector *self, const char *id)
{
  WmPlan *plan = get_plan (self);
  WmArea *area = wm_plan_find_area (plan, id);
  WmDwellingMix baseline;
  g_autofree char *mix = NULL;

  if (area == NULL)
    return;
  set_heading (self, wm_area_get_name (area));
  add_value_row (self, _("Id"), id);
  baseline = wm_plan_get_baseline_dwellings (plan, id);
  mix = mix_text (&baseline, FALSE);
  add_value_row (self, _("Dwellings now"), mix);
  add_area_figures (self, area);
}

static void
build_proposal (WmInspector *self, WmProposal *proposal)
{
  const char *const *ids = wm_proposal_get_building_ids (proposal);
  WmProposalKind kind = wm_proposal_get_kind (proposal);
  g_autofree char *delta = mix_text (wm_proposal_get_dwelling_delta (proposal), TRUE);
  GtkWidget *field, *button;

  self->form = FORM_PROPOSAL;
  set_heading (self, wm_proposal_kind_label (kind));
  field = add_entry (self, "name", _("Name"), wm_proposal_get_name (proposal));
  make_applying (self, field, "name");
  field = add_start_year (self, wm_proposal_get_start_year (proposal));
  make_applying (self, field, "start-year");
  g_signal_connect (field, "value-changed", G_CALLBACK (on_proposal_entry_activate), self);
  field = add_spin (self, "year", _("Completion"), 0, WM_PROPOSAL_MAX_YEAR,
                    wm_proposal_get_year (proposal));
  make_applying (self, field, "year");
  g_signal_connect (field, "value-changed", G_CALLBACK (on_proposal_entry_activate), self);
  field = add_entry (self, "note", _("Note"), wm_proposal_get_note (proposal));
  make_applying (self, field, "note");

  if (kind == WM_PROPOSAL_NEW_BUILD || kind == WM_PROPOSAL_TRANSFORM)
    {
      const char *types[WM_N_DWELLING_TYPES + 1] = { NULL };

      for (guint t = 0; t < WM_N_DWELLING_TYPES; t++)
        types[t] = wm_dwelling_type_label (t);
      /* A choice is complete when made: it applies at once, not on focus leave. */
      field = add_dropdown (self, "dwelling-type", _("Type"), types,
                            wm_proposal_get_dwelling_type (proposal));
      g_object_set_data_full (G_OBJECT (field), "wm-field", g_strdup ("dwelling-type"), g_free);
      g_signal_handlers_disconnect_by_func (field, on_dropdown_changed, self);
      g_signal_connect (field, "notify::selected", G_CALLBACK (on_proposal_dropdown_changed), self);

      add_mix_spins (self, wm_proposal_get_dwelling_delta (proposal));
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        {
          g_autofree char *name = g_strdup_printf ("count-%s", wm_segment_key (s));
          GtkWidget *spin = g_hash_table_lookup (self->fields, name);

          g_signal_handlers_disconnect_by_func (spin, on_field_changed, self);
        }
      button = gtk_button_new_with_mnemonic (_("_Apply Dwellings"));
      gtk_widget_set_halign (button, GTK_ALIGN_END);
      g_object_set_data_full (G_OBJECT (button), "wm-field", g_strdup ("mix"), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_apply_mix_clicked), self);
      gtk_box_append (GTK_BOX (self->box), button);
      self->grid = NULL;
    }
  else
    add_value_row (self, _("Dwellings"), delta);

  if (kind == WM_PROPOSAL_DEMOLISH)
    {
      field = add_spin (self, "return-share", _("Returning (%)"), 0, 100,
                        (int) round (wm_proposal_get_return_share (proposal) * 100));
      gtk_widget_set_tooltip_text (field, _("Share of the households this demolition rehouses "
                                            "that move back into the plan’s new build under a "
                                            "right to return; they do not count as newcomers"));
      make_applying (self, field, "return-share");
      g_signal_connect (field, "value-changed", G_CALLBACK (on_proposal_entry_activate), self);
    }

  if (ids != NULL && ids[0] != NULL)
    {
      g_autofree char *list = g_strjoinv ("\n", (char **) ids);
      add_value_row (self, g_strv_length ((char **) ids) == 1 ? _("Building") : _("Buildings"), list);
    }
  if (wm_proposal_get_geometry (proposal) != NULL)
    add_label (self, _("Drag it on the map to move it."), "dim-label");
  add_reach_targets (self, proposal);

  self->error_label = add_label (self, "", "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  button = gtk_button_new_with_mnemonic (_("_Delete Change"));
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_delete_clicked), self);
  gtk_box_append (GTK_BOX (self->box), button);
}

static void
build_demolish (WmInspector *self)
{
  const char *const *ids = wm_map_tools_get_selected_buildings (self->tools);
  guint n = g_strv_length ((char **) ids);
  WmDwellingMix lost;
  g_autofree char *count = NULL, *lost_text = NULL;

  set_heading (self, _("Demolish"));
  if (n == 0)
    {
      add_label (self, _("Click buildings to select them, or drag a box (Shift+drag) around "
                         "several."), "dim-label");
      return;
    }
  self->form = FORM_DEMOLISH;
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u building", "%u buildings", n), n);
  add_value_row (self, _("Selected"), count);
  lost = wm_projected_dwellings_lost_in_year (get_plan (self), NULL, self->year, ids);
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    lost.counts[s] = -lost.counts[s];
  lost_text = mix_text (&lost, TRUE);
  /* The preview follows the year: what the buildings hold at the demolition's place. */
  g_hash_table_insert (self->fields, g_strdup ("lost"),
                       add_value_row (self, _("Dwellings lost"), lost_text));
  add_year (self, self->year);
  add_entry (self, "name", _("Name"), NULL);
  add_confirm (self, _("_Demolish"), TRUE);
}

static void
on_preset_changed (WmInspector *self)
{
  guint index = read_selected (self, "preset");
  int total;
  WmDwellingMix mix;

  /* The last item is "Custom": the counts stay as typed. */
  if (index >= wm_mix_preset_get_n_presets () || !read_int (self, "total", &total, NULL) || total < 0)
    return;
  mix = wm_mix_preset_split (wm_mix_preset_get (index), total);
  self->building = TRUE;
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      g_autofree char *name = g_strdup_printf ("count-%s", wm_segment_key (s));
      gtk_spin_button_set_value (g_hash_table_lookup (self->fields, name), mix.counts[s]);
    }
  self->building = FALSE;
  validate (self);
}

static void
add_preset_fields (WmInspector *self, int total)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  guint thirds = 0;
  GtkWidget *field;

  for (guint i = 0; i < wm_mix_preset_get_n_presets (); i++)
    {
      g_ptr_array_add (labels, (char *) wm_mix_preset_get_label (wm_mix_preset_get (i)));
      if (g_strcmp0 (wm_mix_preset_get (i)->id, "thirds") == 0)
        thirds = i;
    }
  g_ptr_array_add (labels, _("Custom"));
  g_ptr_array_add (labels, NULL);
  field = add_dropdown (self, "preset", _("Mix"), (const char *const *) labels->pdata, thirds);
  g_signal_connect_swapped (field, "notify::selected", G_CALLBACK (on_preset_changed), self);
  field = add_spin (self, "total", _("Dwellings"), 0, WM_PROPOSAL_MAX_DWELLINGS, total);
  g_signal_connect_swapped (field, "value-changed", G_CALLBACK (on_preset_changed), self);
}

static void
build_new_build (WmInspector *self)
{
  const char *types[WM_N_DWELLING_TYPES + 1] = { NULL };
  WmDwellingMix mix = { { 0 } };
  guint n;

  set_heading (self, _("New Build"));
  if (wm_map_tools_get_selection_kind (self->tools) != WM_SELECTION_POLYGON)
    {
      n = wm_map_tools_get_n_sketch_points (self->tools);
      add_label (self, _("Click on the map to place the corners of the new building; "
                         "double-click or press Enter to close the shape, Escape to cancel. "
                         "With the keyboard: arrow keys move a crosshair, Enter places a corner."),
                 "dim-label");
      if (n > 0)
        {
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u corner placed",
                                                                "%u corners placed", n), n);
          add_label (self, text, NULL);
        }
      return;
    }
  self->form = FORM_NEW_BUILD;
  add_preset_fields (self, 24);
  mix = wm_mix_preset_split (wm_mix_preset_find ("thirds") != NULL ? wm_mix_preset_find ("thirds")
                                                                    : wm_mix_preset_get (0), 24);
  add_mix_spins (self, &mix);
  for (guint t = 0; t < WM_N_DWELLING_TYPES; t++)
    types[t] = wm_dwelling_type_label (t);
  add_dropdown (self, "type", _("Type"), types, WM_DWELLING_TYPE_APARTMENT);
  add_year (self, self->year);
  add_entry (self, "name", _("Name"), NULL);
  add_confirm (self, _("_Create"), FALSE);
}

static WmSegment
largest_segment (const WmDwellingMix *mix)
{
  WmSegment best = WM_SEGMENT_SOCIAL_RENT;

  for (guint s = 1; s < WM_N_SEGMENTS; s++)
    if (mix->counts[s] > mix->counts[best])
      best = s;
  return best;
}

static void
add_building_summary (WmInspector *self, const char *id, WmDwellingMix *out_now)
{
  g_autofree char *text = NULL;

  *out_now = wm_projected_building_dwellings (get_plan (self), NULL, WM_PROJECTED_ALL, id, NULL);
  text = mix_text (out_now, FALSE);
  add_value_row (self, _("Building"), id);
  add_value_row (self, _("Dwellings"), text);
}

static void
add_move_fields (WmInspector *self, const WmDwellingMix *now, gboolean same_allowed)
{
  WmSegment from = largest_segment (now);
  GtkWidget *hint;

  add_segment_dropdown (self, "from", _("From"), from);
  add_segment_dropdown (self, "to", _("To"), same_allowed ? from : (from + 1) % WM_N_SEGMENTS);
  add_spin (self, "n", _("Dwellings"), 0, WM_PROPOSAL_MAX_DWELLINGS, MIN (now->counts[from], 10));
  hint = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_add_css_class (hint, "dim-label");
  g_hash_table_insert (self->fields, g_strdup ("n-hint"), hint);
  add_row (self, "", hint);
}

static void
build_convert (WmInspector *self)
{
  const char *const *ids = wm_map_tools_get_selected_buildings (self->tools);
  WmDwellingMix now;

  set_heading (self, _("Convert Tenure"));
  if (wm_map_tools_get_selection_kind (self->tools) != WM_SELECTION_BUILDINGS)
    {
      add_label (self, _("Click a building to move dwellings from one segment to another: sale "
                         "of social rent, liberalisation, purchase by a corporation."), "dim-label");
      return;
    }
  self->form = FORM_CONVERT;
  add_building_summary (self, ids[0], &now);
  add_move_fields (self, &now, FALSE);
  add_year (self, self->year);
  add_entry (self, "name", _("Name"), NULL);
  add_confirm (self, _("_Convert"), FALSE);
}

static void
on_mode_changed (WmInspector *self)
{
  self->renovate_mode = read_selected (self, "mode");
  rebuild (self);
}

static void
build_renovate (WmInspector *self)
{
  const char *const *ids = wm_map_tools_get_selected_buildings (self->tools);
  const char *modes[] = { _("Renovate or upgrade"), _("Transform into dwellings"),
                          _("Split or merge dwellings"), NULL };
  WmDwellingMix now, empty = { { 0 } };
  GtkWidget *field;

  set_heading (self, _("Renovate, Transform or Split"));
  if (wm_map_tools_get_selection_kind (self->tools) != WM_SELECTION_BUILDINGS)
    {
      add_label (self, _("Click a building to renovate it, to transform a non-residential building "
                         "into dwellings, or to split or merge its dwellings."), "dim-label");
      return;
    }
  add_building_summary (self, ids[0], &now);
  field = add_dropdown (self, "mode", _("Change"), modes, self->renovate_mode);
  g_signal_connect_swapped (field, "notify::selected", G_CALLBACK (on_mode_changed), self);
  switch (self->renovate_mode)
    {
    case MODE_TRANSFORM:
      self->form = FORM_TRANSFORM;
      add_mix_spins (self, &empty);
      break;
    case MODE_SPLIT_MERGE:
      self->form = FORM_SPLIT_MERGE;
      add_segment_dropdown (self, "segment", _("Segment"), largest_segment (&now));
      add_spin (self, "delta", _("Change (+ split, − merge)"), -WM_PROPOSAL_MAX_DWELLINGS,
                WM_PROPOSAL_MAX_DWELLINGS, 2);
      break;
    case MODE_RENOVATE:
    default:
      self->form = FORM_RENOVATE;
      add_move_fields (self, &now, TRUE);
      add_entry (self, "note", _("Quality"), NULL);
      break;
    }
  add_year (self, self->year);
  add_entry (self, "name", _("Name"), NULL);
  add_confirm (self, self->renovate_mode == MODE_RENOVATE ? _("_Renovate")
                     : self->renovate_mode == MODE_TRANSFORM ? _("_Transform") : _("_Apply"), FALSE);
}

static void
build_facility (WmInspector *self)
{
  const char *types[WM_N_FACILITY_TYPES + 1] = { NULL };

  set_heading (self, _("Facility"));
  self->form = FORM_FACILITY;
  for (guint t = 0; t < WM_N_FACILITY_TYPES; t++)
    types[t] = wm_facility_type_label (t);
  add_dropdown (self, "facility-type", _("Type"), types, self->facility_type);
  add_entry (self, "name", _("Name"), NULL);
  add_year (self, self->year);
  self->status = add_label (self, _("Click on the map to place it."), "dim-label");
  add_confirm (self, _("_Place"), FALSE);
  /* Placing is the click itself; the button is for keyboard users after Enter. */
  gtk_widget_set_visible (self->confirm, FALSE);
}

/* The tools' history, and so the plan, changes with the window's plan. */
static void
wm_inspector_follow_plan (WmInspector *self)
{
  static GQuark quark = 0;
  WmPlan *plan = get_plan (self);
  WmPlan *old;

  if (quark == 0)
    quark = g_quark_from_static_string ("wm-inspector-plan");
  old = g_object_get_qdata (G_OBJECT (self), quark);
  if (old == plan)
    return;
  if (old != NULL)
    g_signal_handlers_disconnect_by_data (old, self);
  g_object_set_qdata_full (G_OBJECT (self), quark, plan != NULL ? g_object_ref (plan) : NULL,
                           plan != NULL ? g_object_unref : NULL);
  if (plan != NULL)
    g_signal_connect_swapped (plan, "changed", G_CALLBACK (on_plan_changed), self);
}

static void
rebuild (WmInspector *self)
{
  GtkWidget *child;
  WmSelectionKind kind;
  WmTool tool;

  wm_inspector_follow_plan (self);
  /* Removing a focused entry applies nothing to the next selection. */
  self->building = TRUE;
  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  g_hash_table_remove_all (self->fields);
  self->grid = NULL;
  self->error_label = NULL;
  self->confirm = NULL;
  self->status = NULL;
  self->last_edited = NULL;
  self->form = FORM_NONE;
  g_clear_object (&self->pending);
  g_clear_pointer (&self->error, g_free);

  if (self->tools == NULL || get_plan (self) == NULL)
    {
      self->building = FALSE;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  self->building = TRUE;
  self->heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_label_set_wrap (GTK_LABEL (self->heading), TRUE);
  gtk_widget_add_css_class (self->heading, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (self->box), self->heading);

  kind = wm_map_tools_get_selection_kind (self->tools);
  tool = wm_map_tools_get_tool (self->tools);
  if (kind == WM_SELECTION_PROPOSAL)
    build_proposal (self, wm_map_tools_get_selected_proposal (self->tools));
  else
    switch (tool)
      {
      case WM_TOOL_DEMOLISH:
        build_demolish (self);
        break;
      case WM_TOOL_NEW_BUILD:
        build_new_build (self);
        break;
      case WM_TOOL_CONVERT:
        build_convert (self);
        break;
      case WM_TOOL_RENOVATE:
        build_renovate (self);
        break;
      case WM_TOOL_FACILITY:
        build_facility (self);
        break;
      case WM_TOOL_SELECT:
      case WM_N_TOOLS:
      default:
        self->form = FORM_INFO;
        if (kind == WM_SELECTION_BUILDINGS)
          build_building_info (self, wm_map_tools_get_selected_buildings (self->tools)[0]);
        else if (kind == WM_SELECTION_FACILITY)
          build_facility_info (self, wm_map_tools_get_selected_id (self->tools));
        else if (kind == WM_SELECTION_AREA)
          build_area_info (self, wm_map_tools_get_selected_id (self->tools));
        else
          self->form = FORM_NONE;
        break;
      }
  self->building = FALSE;

  if (self->confirm != NULL)
    g_signal_connect_swapped (self->confirm, "clicked", G_CALLBACK (on_confirm_clicked), self);
  validate (self);
  gtk_widget_set_visible (GTK_WIDGET (self), self->form != FORM_NONE || tool != WM_TOOL_SELECT);
}

static void
on_selection_changed (WmInspector *self)
{
  /* Placing facilities one after the other keeps the form: type and name stay. */
  if (self->form == FORM_FACILITY && wm_map_tools_get_tool (self->tools) == WM_TOOL_FACILITY
      && wm_map_tools_get_selection_kind (self->tools) != WM_SELECTION_PROPOSAL)
    {
      validate (self);
      return;
    }
  rebuild (self);
}

static void
on_facility_placed (WmInspector *self, double x, double y)
{
  /* The click is the confirmation: place at once, the form holds type and name. */
  validate (self);
  if (self->pending != NULL)
    on_confirm_clicked (self);
}

static void
on_plan_changed (WmInspector *self)
{
  /* Undo and redo change what the card shows; a form being typed in stays. */
  if (self->building)
    return;
  if (self->form == FORM_PROPOSAL || self->form == FORM_INFO)
    rebuild (self);
  else
    validate (self);
}

void
wm_inspector_set_tools (WmInspector *self, WmMapTools *tools)
{
  g_return_if_fail (WM_IS_INSPECTOR (self));
  g_return_if_fail (tools == NULL || WM_IS_MAP_TOOLS (tools));

  if (self->tools == tools)
    return;
  if (self->tools != NULL)
    g_signal_handlers_disconnect_by_data (self->tools, self);
  g_set_object (&self->tools, tools);
  if (tools != NULL)
    {
      g_signal_connect_swapped (tools, "selection-changed", G_CALLBACK (on_selection_changed), self);
      g_signal_connect_swapped (tools, "notify::tool", G_CALLBACK (rebuild), self);
      g_signal_connect_swapped (tools, "facility-placed", G_CALLBACK (on_facility_placed), self);
    }
  rebuild (self);
}

WmMapTools *
wm_inspector_get_tools (WmInspector *self)
{
  g_return_val_if_fail (WM_IS_INSPECTOR (self), NULL);
  return self->tools;
}

GtkWidget *
wm_inspector_get_field (WmInspector *self, const char *name)
{
  g_return_val_if_fail (WM_IS_INSPECTOR (self), NULL);
  return g_hash_table_lookup (self->fields, name);
}

GtkWidget *
wm_inspector_get_confirm_button (WmInspector *self)
{
  g_return_val_if_fail (WM_IS_INSPECTOR (self), NULL);
  return self->confirm;
}

gboolean
wm_inspector_confirm (WmInspector *self)
{
  g_return_val_if_fail (WM_IS_INSPECTOR (self), FALSE);

  validate (self);
  if (self->confirm == NULL || self->pending == NULL)
    return FALSE;
  on_confirm_clicked (self);
  return self->error == NULL;
}

const char *
wm_inspector_get_error (WmInspector *self)
{
  g_return_val_if_fail (WM_IS_INSPECTOR (self), NULL);
  return self->error;
}

const char *
wm_inspector_get_heading (WmInspector *self)
{
  g_return_val_if_fail (WM_IS_INSPECTOR (self), NULL);
  return self->heading != NULL ? gtk_label_get_text (GTK_LABEL (self->heading)) : NULL;
}

GtkWidget *
wm_inspector_new (void)
{
  return g_object_new (WM_TYPE_INSPECTOR, NULL);
}

static void
wm_inspector_dispose (GObject *object)
{
  WmInspector *self = WM_INSPECTOR (object);

  if (self->tools != NULL)
    g_signal_handlers_disconnect_by_data (self->tools, self);
  g_clear_object (&self->tools);
  wm_inspector_follow_plan (self);
  g_clear_object (&self->pending);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);

  G_OBJECT_CLASS (wm_inspector_parent_class)->dispose (object);
}

static void
wm_inspector_finalize (GObject *object)
{
  WmInspector *self = WM_INSPECTOR (object);

  g_hash_table_unref (self->fields);
  g_free (self->error);

  G_OBJECT_CLASS (wm_inspector_parent_class)->finalize (object);
}

static void
wm_inspector_class_init (WmInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_inspector_dispose;
  object_class->finalize = wm_inspector_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wm-inspector");
}

static void
wm_inspector_init (WmInspector *self)
{
  GDateTime *now = g_date_time_new_now_local ();

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->year = g_date_time_get_year (now);
  g_date_time_unref (now);
  self->facility_type = WM_FACILITY_SHARED_GARDEN;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->scrolled), 520);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->box);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_size_request (GTK_WIDGET (self), 300, -1);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
