/* test-scenario-duplicate.c: wm_history_duplicate_scenario() copies proposals and checklist
 * entries, keeps the copy independent, undoes as one step and survives save/reopen */
#include "config.h"

#include <glib/gstdio.h>

#include "wm-checklist-state.h"
#include "wm-core.h"
#include "wm-history.h"
#include "wm-project-file.h"
#include "wm-test-util.h"

/* One building with 20 dwellings, a demolition of it in the active scenario "Sloop", whose
 * social plan is done with a note and whose vision item is planned. */
static WmPlan *
make_plan (void)
{
  WmPlan *plan = wm_plan_new ();
  g_autoptr (WmGeometry) footprint = wm_test_square (100, 100, 20);
  g_autoptr (WmBuilding) building = wm_building_new ("b1", footprint);
  g_autoptr (WmProposal) demolish = wm_proposal_new ("p-sloop", WM_PROPOSAL_DEMOLISH);
  WmChecklistState *state = wm_checklist_state_get_for_plan (plan);
  WmChecklistEntry done = { WM_CHECKLIST_STATUS_DONE, NULL, NULL, "met de huurders", 2026 };
  WmChecklistEntry planned = { WM_CHECKLIST_STATUS_PLANNED, NULL, "gemeente", NULL, 0 };
  WmScenario *active = wm_plan_get_active_scenario (plan);
  WmDwellingMix mix = { { 0 } };

  mix.counts[WM_SEGMENT_SOCIAL_RENT] = 10;
  mix.counts[WM_SEGMENT_OWNER_EXPENSIVE] = 10;
  wm_building_set_dwellings (building, &mix);
  wm_plan_add_building (plan, building);
  wm_scenario_set_name (active, "Sloop");
  wm_proposal_set_building_ids (demolish, (const char *const[]) { "b1", NULL });
  wm_scenario_add_proposal (active, demolish);
  wm_checklist_state_set (state, wm_scenario_get_id (active), "demolish-social-plan", &done);
  wm_checklist_state_set (state, wm_scenario_get_id (active), "vision-shared", &planned);
  return plan;
}

static void
assert_same_entries (WmChecklistState *state, const char *a, const char *b)
{
  const char *items[] = { "demolish-social-plan", "vision-shared" };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      const WmChecklistEntry *x = wm_checklist_state_lookup (state, a, items[i]);
      const WmChecklistEntry *y = wm_checklist_state_lookup (state, b, items[i]);

      g_assert_nonnull (x);
      g_assert_nonnull (y);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpstr (x->note, ==, y->note);
      g_assert_cmpstr (x->owner, ==, y->owner);
      g_assert_cmpint (x->target_year, ==, y->target_year);
    }
}

static void
test_duplicate (void)
{
  g_autoptr (WmPlan) plan = make_plan ();
  g_autoptr (WmHistory) history = wm_history_new (plan);
  WmChecklistState *state = wm_checklist_state_get_for_plan (plan);
  WmScenario *source = wm_plan_get_active_scenario (plan);
  g_autofree char *source_id = g_strdup (wm_scenario_get_id (source));
  g_autoptr (WmScenario) copy = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmProposal) copied = NULL;
  WmChecklistEntry edited = { WM_CHECKLIST_STATUS_NOT_APPLICABLE, "geen huurders", NULL, NULL, 0 };
  guint n_entries = wm_checklist_state_get_n_entries (state);

  copy = wm_history_duplicate_scenario (history, source, "Sloop (kopie)", TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_object_ref (copy);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_scenarios (plan)), ==, 2);
  g_assert_true (wm_plan_get_active_scenario (plan) == copy);
  g_assert_cmpstr (wm_scenario_get_name (copy), ==, "Sloop (kopie)");
  g_assert_cmpstr (wm_scenario_get_id (copy), !=, source_id);

  /* The proposals, under ids of their own. */
  g_assert_cmpuint (g_list_model_get_n_items (wm_scenario_get_proposals (copy)), ==, 1);
  copied = g_list_model_get_item (wm_scenario_get_proposals (copy), 0);
  g_assert_cmpint (wm_proposal_get_kind (copied), ==, WM_PROPOSAL_DEMOLISH);
  g_assert_cmpstr (wm_proposal_get_id (copied), !=, "p-sloop");
  g_assert_cmpstr (wm_proposal_get_building_ids (copied)[0], ==, "b1");

  /* The checklist entries, the same as the original's. */
  g_assert_cmpuint (wm_checklist_state_get_n_entries (state), ==, 2 * n_entries);
  assert_same_entries (state, source_id, wm_scenario_get_id (copy));

  /* Editing the copy's entry leaves the original alone. */
  wm_checklist_state_set (state, wm_scenario_get_id (copy), "demolish-social-plan", &edited);
  g_assert_cmpint (wm_checklist_state_lookup (state, source_id, "demolish-social-plan")->status,
                   ==, WM_CHECKLIST_STATUS_DONE);
  g_assert_cmpstr (wm_checklist_state_lookup (state, source_id, "demolish-social-plan")->note,
                   ==, "met de huurders");
  g_assert_cmpint (wm_checklist_state_lookup (state, wm_scenario_get_id (copy),
                                              "demolish-social-plan")->status,
                   ==, WM_CHECKLIST_STATUS_NOT_APPLICABLE);

  /* Undo the edit, then the duplicate: one step takes the copy and all its entries away. */
  g_assert_true (wm_history_undo (history));
  assert_same_entries (state, source_id, wm_scenario_get_id (copy));
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Undo Duplicate scenario “Sloop”");
  g_assert_true (wm_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_scenarios (plan)), ==, 1);
  g_assert_true (wm_plan_get_active_scenario (plan) == source);
  g_assert_cmpuint (wm_checklist_state_get_n_entries (state), ==, n_entries);
  g_assert_null (wm_checklist_state_lookup (state, wm_scenario_get_id (copy),
                                            "demolish-social-plan"));
  g_assert_false (wm_history_get_can_undo (history));

  /* Redo brings both back. */
  g_assert_true (wm_history_redo (history));
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_scenarios (plan)), ==, 2);
  assert_same_entries (state, source_id, wm_scenario_get_id (copy));
}

static void
test_save_reopen (void)
{
  g_autoptr (WmPlan) plan = make_plan ();
  g_autoptr (WmHistory) history = wm_history_new (plan);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-duplicate-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "wijk.gpkg", NULL);
  g_autoptr (WmPlan) reopened = NULL;
  WmScenario *source = wm_plan_get_active_scenario (plan);
  WmScenario *copy;
  WmScenario *copy_again;
  WmScenario *source_again;

  copy = wm_history_duplicate_scenario (history, source, "Kopie", FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_get_active_scenario (plan) == source);
  g_assert_true (wm_project_file_save (plan, path, &error));
  g_assert_no_error (error);

  reopened = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  copy_again = wm_plan_find_scenario (reopened, wm_scenario_get_id (copy));
  source_again = wm_plan_find_scenario (reopened, wm_scenario_get_id (source));
  g_assert_nonnull (copy_again);
  g_assert_nonnull (source_again);
  g_assert_cmpstr (wm_scenario_get_name (copy_again), ==, "Kopie");
  g_assert_cmpuint (g_list_model_get_n_items (wm_scenario_get_proposals (copy_again)), ==, 1);
  assert_same_entries (wm_checklist_state_get_for_plan (reopened), wm_scenario_get_id (source),
                       wm_scenario_get_id (copy));
  g_assert_true (wm_checklist_state_equal (wm_checklist_state_get_for_plan (plan),
                                           wm_checklist_state_get_for_plan (reopened)));

  g_unlink (path);
  g_rmdir (dir);
}

/* Ids stay unique when duplicating twice, a copy of a copy included. */
static void
test_ids_unique (void)
{
  g_autoptr (WmPlan) plan = make_plan ();
  g_autoptr (WmHistory) history = wm_history_new (plan);
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  WmScenario *first = wm_history_duplicate_scenario (history, wm_plan_get_active_scenario (plan),
                                                     "A", TRUE, &error);
  WmScenario *second = wm_history_duplicate_scenario (history, first, "B", TRUE, &error);
  GListModel *scenarios = wm_plan_get_scenarios (plan);

  g_assert_no_error (error);
  g_assert_nonnull (second);
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr (WmScenario) scenario = g_list_model_get_item (scenarios, i);
      GListModel *proposals = wm_scenario_get_proposals (scenario);

      g_assert_true (g_hash_table_add (ids, (gpointer) wm_scenario_get_id (scenario)));
      for (guint k = 0; k < g_list_model_get_n_items (proposals); k++)
        {
          g_autoptr (WmProposal) proposal = g_list_model_get_item (proposals, k);

          g_assert_true (g_hash_table_add (ids, (gpointer) wm_proposal_get_id (proposal)));
        }
    }
  g_assert_cmpuint (g_hash_table_size (ids), ==, 6);
}

/* A scenario that is already broken (a file from elsewhere: a demolition of a building the
 * baseline lacks) is refused with the reason, and nothing changes. */
static void
test_refused (void)
{
  g_autoptr (WmPlan) plan = make_plan ();
  g_autoptr (WmHistory) history = wm_history_new (plan);
  g_autoptr (WmProposal) broken = wm_proposal_new ("p-weg", WM_PROPOSAL_DEMOLISH);
  g_autoptr (GError) error = NULL;
  WmScenario *source = wm_plan_get_active_scenario (plan);
  guint n_entries = wm_checklist_state_get_n_entries (wm_checklist_state_get_for_plan (plan));

  wm_proposal_set_building_ids (broken, (const char *const[]) { "b-weg", NULL });
  wm_scenario_add_proposal (source, broken);
  g_assert_null (wm_history_duplicate_scenario (history, source, "Kopie", TRUE, &error));
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_scenarios (plan)), ==, 1);
  g_assert_true (wm_plan_get_active_scenario (plan) == source);
  g_assert_cmpuint (wm_checklist_state_get_n_entries (wm_checklist_state_get_for_plan (plan)), ==,
                    n_entries);
  g_assert_false (wm_history_get_can_undo (history));
  g_assert_false (wm_history_get_can_redo (history));
  g_assert_false (wm_history_get_modified (history));
}

int
main (int argc, char **argv)
{
  wm_core_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scenario-duplicate/entries-and-undo", test_duplicate);
  g_test_add_func ("/scenario-duplicate/save-reopen", test_save_reopen);
  g_test_add_func ("/scenario-duplicate/ids-unique", test_ids_unique);
  g_test_add_func ("/scenario-duplicate/refused", test_refused);
  return g_test_run ();
}
