/* test-checklist-panel.c: the checklist panel follows proposals, filters, and keeps entries */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "wm-application.h"
#include "wm-checklist-panel.h"
#include "wm-demo.h"
#include "wm-history.h"
#include "wm-test-util.h"

typedef struct
{
  WmPlan *plan;
  WmIndicatorEngine *engine;
  WmChecklist *checklist;
  WmChecklistPanel *panel;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->plan = wm_demo_load (&error);
  g_assert_no_error (error);
  f->engine = wm_indicator_engine_new (f->plan, NULL);
  f->checklist = wm_checklist_new (f->engine, NULL);
  f->panel = g_object_ref_sink (WM_CHECKLIST_PANEL (wm_checklist_panel_new ()));
  wm_checklist_panel_set_checklist (f->panel, f->checklist);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->panel);
  g_clear_object (&f->checklist);
  g_clear_object (&f->engine);
  g_clear_object (&f->plan);
}

static WmProposal *
add_demolition (WmPlan *plan)
{
  GListModel *buildings = wm_plan_get_buildings (plan);

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr (WmBuilding) building = g_list_model_get_item (buildings, i);
      const WmDwellingMix *mix = wm_building_get_dwellings (building);
      const char *ids[] = { wm_building_get_id (building), NULL };
      WmDwellingMix delta = { 0 };
      WmProposal *proposal;

      if (wm_building_get_n_dwellings (building) == 0)
        continue;
      proposal = wm_proposal_new ("proposal-test-1", WM_PROPOSAL_DEMOLISH);
      for (int s = 0; s < WM_N_SEGMENTS; s++)
        delta.counts[s] = -mix->counts[s];
      wm_proposal_set_building_ids (proposal, ids);
      wm_proposal_set_dwelling_delta (proposal, &delta);
      wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), proposal);
      return proposal;
    }
  g_assert_not_reached ();
}

static void
on_highlight (WmChecklistPanel *panel, GStrv proposal_ids, GStrv area_ids, char **out_first)
{
  *out_first = g_strdup (proposal_ids != NULL ? proposal_ids[0] : NULL);
}

static void
test_panel_follows_proposals (Fixture *f, gconstpointer data)
{
  guint before = wm_checklist_panel_get_n_shown (f->panel);
  g_autoptr (WmProposal) proposal = NULL;
  WmChecklistItem *item;

  /* The process items always apply. */
  g_assert_cmpuint (before, >, 0);
  g_assert_nonnull (wm_checklist_panel_get_phase_progress_text (f->panel, "vision"));

  proposal = add_demolition (f->plan);
  g_assert_cmpuint (wm_checklist_panel_get_n_shown (f->panel), >, before);
  item = wm_checklist_find_item (f->checklist, "demolish-social-plan");
  g_assert_true (wm_checklist_item_get_listed (item));
  g_assert_cmpstr (wm_checklist_item_get_proposal_ids (item)[0], ==, "proposal-test-1");

  /* A done item whose trigger goes away stays shown, as such. */
  g_assert_true (wm_checklist_item_set_status (item, WM_CHECKLIST_STATUS_DONE, NULL, NULL));
  wm_scenario_remove_proposal (wm_plan_get_active_scenario (f->plan), proposal);
  g_assert_true (wm_checklist_item_get_listed (item));
  g_assert_true (wm_checklist_item_get_orphaned (item));
  g_assert_cmpuint (wm_checklist_panel_get_n_shown (f->panel), ==, before + 1);

  /* And it comes back active with its status when the trigger returns. */
  wm_scenario_add_proposal (wm_plan_get_active_scenario (f->plan), proposal);
  g_assert_false (wm_checklist_item_get_orphaned (item));
  g_assert_cmpint (wm_checklist_item_get_status (item), ==, WM_CHECKLIST_STATUS_DONE);
}

static void
test_panel_filters (Fixture *f, gconstpointer data)
{
  guint all = wm_checklist_panel_get_n_shown (f->panel);
  WmChecklistItem *item = wm_checklist_find_item (f->checklist, "vision-shared");
  g_autoptr (GPtrArray) gemeente = wm_checklist_filter (f->checklist, "gemeente", -1);

  g_assert_true (wm_checklist_item_get_listed (item));
  wm_checklist_panel_set_filter (f->panel, NULL, WM_CHECKLIST_STATUS_PLANNED);
  g_assert_cmpuint (wm_checklist_panel_get_n_shown (f->panel), ==, 0);

  /* Planning an item brings it into the "planned" filter at once. */
  g_assert_true (wm_checklist_item_set_status (item, WM_CHECKLIST_STATUS_PLANNED, NULL, NULL));
  g_assert_cmpuint (wm_checklist_panel_get_n_shown (f->panel), ==, 1);

  wm_checklist_panel_set_filter (f->panel, "gemeente", -1);
  g_assert_cmpuint (wm_checklist_panel_get_n_shown (f->panel), ==, gemeente->len);
  g_assert_cmpuint (gemeente->len, <, all);

  wm_checklist_panel_set_filter (f->panel, NULL, -1);
  g_assert_cmpuint (wm_checklist_panel_get_n_shown (f->panel), ==, all);
}

static void
test_panel_highlight (Fixture *f, gconstpointer data)
{
  g_autoptr (WmProposal) proposal = add_demolition (f->plan);
  g_autofree char *first = NULL;
  g_autoptr (GtkWidget) window = NULL;
  GtkWidget *button = NULL;

  /* Find the "Show on the map" button of the social-plan item and press it. */
  g_signal_connect (f->panel, "highlight", G_CALLBACK (on_highlight), &first);
  for (GtkWidget *w = GTK_WIDGET (f->panel); w != NULL;)
    {
      if (GTK_IS_BUTTON (w) && gtk_button_get_label (GTK_BUTTON (w)) != NULL
          && g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (w)), "Show on the"))
        {
          button = w;
          break;
        }
      /* Depth-first walk over the widget tree. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = w == GTK_WIDGET (f->panel) ? NULL : gtk_widget_get_parent (w);
          if (w != NULL)
            w = w == GTK_WIDGET (f->panel) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (first, ==, wm_proposal_get_id (proposal));
}

static void
test_panel_catalogues (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) builtin = wm_roadmap_catalogue_get_json (wm_roadmap_catalogue_get_default ());
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-test-XXXXXX", NULL);
  g_autofree char *good_path = g_build_filename (dir, "ours.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "broken.json", NULL);
  g_autoptr (GFile) good = g_file_new_for_path (good_path);
  g_autoptr (GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr (GString) text = g_string_new_len (g_bytes_get_data (builtin, NULL),
                                               g_bytes_get_size (builtin));
  g_autoptr (GError) error = NULL;

  /* A municipality's copy with one title changed loads and is used. */
  g_assert_cmpint (g_string_replace (text, "\"Municipality\"", "\"City of Otterlo\"", 1), ==, 1);
  g_assert_true (g_file_set_contents (good_path, text->str, text->len, NULL));
  g_assert_true (wm_checklist_panel_load_catalogue (f->panel, good, &error));
  g_assert_no_error (error);
  g_assert_false (wm_roadmap_catalogue_is_builtin (wm_checklist_get_catalogue (f->checklist)));
  g_assert_null (wm_checklist_panel_get_catalogue_error (f->panel));
  g_assert_cmpuint (wm_checklist_panel_get_n_shown (f->panel), >, 0);

  /* A broken one names file, item and problem; the catalogue in use stays. */
  g_string_replace (text, "\"phase\": \"explore\"", "\"phase\": \"nowhere\"", 1);
  g_assert_true (g_file_set_contents (bad_path, text->str, text->len, NULL));
  g_assert_false (wm_checklist_panel_load_catalogue (f->panel, bad, &error));
  g_assert_error (error, WM_ROADMAP_ERROR, WM_ROADMAP_ERROR_UNKNOWN_PHASE);
  g_assert_nonnull (strstr (wm_checklist_panel_get_catalogue_error (f->panel), "broken.json"));
  g_assert_nonnull (strstr (wm_checklist_panel_get_catalogue_error (f->panel), "nowhere"));
  g_assert_cmpstr (wm_roadmap_catalogue_get_source_name (wm_checklist_get_catalogue (f->checklist)),
                   ==, good_path);

  g_unlink (good_path);
  g_unlink (bad_path);
  g_rmdir (dir);
}

/* --- the editors follow undo and redo ----------------------------------------------- */

/* The next widget after @w in a depth-first walk of the tree below @top. */
static GtkWidget *
next_widget (GtkWidget *top, GtkWidget *w)
{
  if (gtk_widget_get_first_child (w) != NULL)
    return gtk_widget_get_first_child (w);
  while (w != top && gtk_widget_get_next_sibling (w) == NULL)
    w = gtk_widget_get_parent (w);
  return w == top ? NULL : gtk_widget_get_next_sibling (w);
}

/* The expander row of the item titled @title. */
static GtkWidget *
find_item_row (WmChecklistPanel *panel, const char *title)
{
  for (GtkWidget *w = GTK_WIDGET (panel); w != NULL; w = next_widget (GTK_WIDGET (panel), w))
    if (ADW_IS_EXPANDER_ROW (w) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title) == 0)
      return w;
  return NULL;
}

/* The editor a row's label with @mnemonic (e.g. "_Note") stands for. */
static GtkWidget *
find_editor (GtkWidget *row, const char *mnemonic)
{
  for (GtkWidget *w = row; w != NULL; w = next_widget (row, w))
    if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (w)), mnemonic) == 0)
      return gtk_label_get_mnemonic_widget (GTK_LABEL (w));
  return NULL;
}

/* Types @text at the end of @editable, one character at a time, as a keyboard does. */
static void
type_text (GtkWidget *editable, const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (editable)), -1);

      gtk_editable_insert_text (GTK_EDITABLE (editable), p, g_utf8_next_char (p) - p, &position);
    }
}

/* The label below @row whose text starts with @prefix, or NULL. */
static GtkWidget *
find_label_with_prefix (GtkWidget *row, const char *prefix)
{
  for (GtkWidget *w = row; w != NULL; w = next_widget (row, w))
    if (GTK_IS_LABEL (w) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (w)), prefix))
      return w;
  return NULL;
}

static void
test_panel_source (Fixture *f, gconstpointer data)
{
  WmChecklistItem *team = wm_checklist_find_item (f->checklist, "explore-local-team");
  WmChecklistItem *figures = wm_checklist_find_item (f->checklist, "explore-figures");
  GtkWidget *row = find_item_row (f->panel, wm_checklist_item_get_title (team));
  GtkWidget *label;

  /* An item from the source says where its advice comes from; the others say nothing. */
  g_assert_nonnull (row);
  label = find_label_with_prefix (row, "Source: ");
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "Platform31"));
  row = find_item_row (f->panel, wm_checklist_item_get_title (figures));
  g_assert_nonnull (row);
  g_assert_null (find_label_with_prefix (row, "Source: "));
}

static void
test_panel_editors_follow_undo (Fixture *f, gconstpointer data)
{
  g_autoptr (WmHistory) history = wm_history_new (f->plan);
  WmChecklistItem *item = wm_checklist_find_item (f->checklist, "vision-shared");
  GtkWidget *row = find_item_row (f->panel, wm_checklist_item_get_title (item));
  GtkWidget *note, *owner, *status, *year;
  const char *default_owner;
  guint n_steps;

  g_assert_nonnull (row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  note = find_editor (row, "_Note");
  owner = find_editor (row, "_Owner");
  status = find_editor (row, "_Status");
  year = find_editor (row, "Target _year");
  g_assert_true (GTK_IS_EDITABLE (note) && GTK_IS_EDITABLE (owner));
  g_assert_true (GTK_IS_DROP_DOWN (status) && GTK_IS_SPIN_BUTTON (year));
  default_owner = gtk_editable_get_text (GTK_EDITABLE (owner));
  g_assert_cmpstr (default_owner, ==, wm_checklist_item_get_owner_label (item));

  /* Typed and picked in the editor's own widgets. */
  type_text (note, "Met de huurders — één keer");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), WM_CHECKLIST_STATUS_PLANNED);
  gtk_editable_delete_text (GTK_EDITABLE (owner), 0, -1);
  type_text (owner, "Wijkteam");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (year), 2027);
  g_assert_cmpstr (wm_checklist_item_get_note (item), ==, "Met de huurders — één keer");
  g_assert_cmpint (wm_checklist_item_get_status (item), ==, WM_CHECKLIST_STATUS_PLANNED);
  g_assert_cmpstr (wm_checklist_item_get_owner (item), ==, "Wijkteam");
  g_assert_cmpint (wm_checklist_item_get_target_year (item), ==, 2027);
  n_steps = wm_history_get_n_undo (history);
  g_assert_cmpuint (n_steps, >=, 1);

  /* Undone (quick edits of one item may be one step): every editor shows the item as it was,
   * and following it made no new step (that would have dropped the redo list). */
  while (wm_history_undo (history))
    ;
  g_assert_null (wm_checklist_item_get_note (item));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (note)), ==, "");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (status)), ==,
                    WM_CHECKLIST_STATUS_OPEN);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (owner)), ==,
                   wm_checklist_item_get_owner_label (item));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (year)), ==, 0);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 0);
  g_assert_cmpuint (wm_history_get_n_redo (history), ==, n_steps);
  g_assert_null (wm_checklist_state_lookup (
    wm_checklist_state_get_for_plan (f->plan),
    wm_scenario_get_id (wm_plan_get_active_scenario (f->plan)), "vision-shared"));

  /* Redone: the editors show the typed values again. */
  while (wm_history_redo (history))
    ;
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (note)), ==,
                   "Met de huurders — één keer");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (status)), ==,
                    WM_CHECKLIST_STATUS_PLANNED);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (owner)), ==, "Wijkteam");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (year)), ==, 2027);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, n_steps);
  g_assert_cmpuint (wm_history_get_n_redo (history), ==, 0);

  /* One more key after the redo goes on from the redone text, as one new step. */
  type_text (note, "!");
  g_assert_cmpstr (wm_checklist_item_get_note (item), ==, "Met de huurders — één keer!");
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, n_steps + 1);
  g_assert_true (wm_history_undo (history));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (note)), ==,
                   "Met de huurders — één keer");
}

/* A "not applicable" undone hides the reason again and shows the status it had. */
static void
test_panel_reason_follows_undo (Fixture *f, gconstpointer data)
{
  g_autoptr (WmHistory) history = wm_history_new (f->plan);
  WmChecklistItem *item = wm_checklist_find_item (f->checklist, "vision-shared");
  GtkWidget *row = find_item_row (f->panel, wm_checklist_item_get_title (item));
  GtkWidget *status = find_editor (row, "_Status");
  GtkWidget *reason = find_editor (row, "_Reason");
  GtkWidget *reason_box;

  g_assert_true (GTK_IS_DROP_DOWN (status) && GTK_IS_EDITABLE (reason));
  reason_box = gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (reason)));
  g_assert_false (gtk_widget_get_visible (reason_box));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), WM_CHECKLIST_STATUS_NOT_APPLICABLE);
  g_assert_true (gtk_widget_get_visible (reason_box));
  type_text (reason, "staat al in de wijkvisie");
  /* A note typed meanwhile leaves the status picked but not applied as it is. */
  type_text (find_editor (row, "_Note"), "zie visie");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (status)), ==,
                    WM_CHECKLIST_STATUS_NOT_APPLICABLE);
  g_assert_true (gtk_widget_get_visible (reason_box));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reason)), ==, "staat al in de wijkvisie");
  /* Nothing is stored before Apply. */
  g_assert_cmpint (wm_checklist_item_get_status (item), ==, WM_CHECKLIST_STATUS_OPEN);
  g_signal_emit_by_name (reason, "activate");
  g_assert_cmpint (wm_checklist_item_get_status (item), ==, WM_CHECKLIST_STATUS_NOT_APPLICABLE);
  g_assert_cmpstr (wm_checklist_item_get_reason (item), ==, "staat al in de wijkvisie");

  g_assert_true (wm_history_undo (history));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (status)), ==,
                    WM_CHECKLIST_STATUS_OPEN);
  g_assert_false (gtk_widget_get_visible (reason_box));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reason)), ==, "");
  g_assert_true (wm_history_redo (history));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (status)), ==,
                    WM_CHECKLIST_STATUS_NOT_APPLICABLE);
  g_assert_true (gtk_widget_get_visible (reason_box));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reason)), ==, "staat al in de wijkvisie");
  g_assert_cmpuint (wm_history_get_n_redo (history), ==, 0);
}

int
main (int argc, char *argv[])
{
  wm_test_init_ui (&argc, &argv);

  g_test_add ("/checklist-panel/follows-proposals", Fixture, NULL, fixture_set_up,
              test_panel_follows_proposals, fixture_tear_down);
  g_test_add ("/checklist-panel/source", Fixture, NULL, fixture_set_up, test_panel_source,
              fixture_tear_down);
  g_test_add ("/checklist-panel/filters", Fixture, NULL, fixture_set_up, test_panel_filters,
              fixture_tear_down);
  g_test_add ("/checklist-panel/highlight", Fixture, NULL, fixture_set_up, test_panel_highlight,
              fixture_tear_down);
  g_test_add ("/checklist-panel/catalogues", Fixture, NULL, fixture_set_up, test_panel_catalogues,
              fixture_tear_down);
  g_test_add ("/checklist-panel/editors-follow-undo", Fixture, NULL, fixture_set_up,
              test_panel_editors_follow_undo, fixture_tear_down);
  g_test_add ("/checklist-panel/reason-follows-undo", Fixture, NULL, fixture_set_up,
              test_panel_reason_follows_undo, fixture_tear_down);
  return g_test_run ();
}
