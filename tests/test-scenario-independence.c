/* test-scenario-independence.c: an edit in one scenario never changes another; undo and redo
 * return every scenario exactly; each scenario's engine follows only its own scenario and
 * equals a fresh engine; all of it survives save and reopen. Random edits, fixed seeds. */
#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "wm-core.h"
#include "wm-history.h"
#include "wm-indicator-engine.h"
#include "wm-project-file.h"
#include "wm-test-util.h"

#define N_SCENARIOS 3
#define N_BUILDINGS 6
#define N_STEPS 120

static const char *const keys[] = { "dwellings", "dwellings.social_rent", "share.social_rent",
                                    "households_to_rehouse", "newcomer_share", NULL };

static WmPlan *
make_plan (void)
{
  WmPlan *plan = wm_plan_new ();

  for (guint i = 0; i < N_BUILDINGS; i++)
    {
      g_autofree char *id = g_strdup_printf ("b-%u", i);

      wm_test_add_building (plan, id, 40.0 * i, 0, i % 2 ? WM_SEGMENT_SOCIAL_RENT
                                                           : WM_SEGMENT_OWNER_EXPENSIVE,
                            8 + i);
    }
  return plan;
}

/* Everything a scenario holds, as one string. */
static char *
fingerprint (WmScenario *scenario)
{
  GListModel *proposals = wm_scenario_get_proposals (scenario);
  GString *s = g_string_new (wm_scenario_get_name (scenario));

  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (WmProposal) p = g_list_model_get_item (proposals, i);
      const WmDwellingMix *d = wm_proposal_get_dwelling_delta (p);
      const char *const *ids = wm_proposal_get_building_ids (p);
      g_autofree char *joined = g_strjoinv (",", (char **) ids);

      g_string_append_printf (s, "|%s %d %s %d-%d [%s]", wm_proposal_get_id (p),
                              wm_proposal_get_kind (p), wm_proposal_get_name (p),
                              wm_proposal_get_start_year (p), wm_proposal_get_year (p), joined);
      for (guint k = 0; k < WM_N_SEGMENTS; k++)
        g_string_append_printf (s, " %d", d->counts[k]);
    }
  return g_string_free (s, FALSE);
}

static GStrv
plan_fingerprint (WmPlan *plan)
{
  GListModel *scenarios = wm_plan_get_scenarios (plan);
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr (WmScenario) s = g_list_model_get_item (scenarios, i);

      g_autofree char *f = fingerprint (s);

      g_strv_builder_add (b, f);
    }
  return g_strv_builder_end (b);
}

static void
assert_engine_equals_fresh (WmPlan *plan, WmIndicatorEngine *engine)
{
  g_autoptr (WmIndicatorEngine) fresh =
    wm_indicator_engine_new (plan, wm_indicator_engine_get_scenario (engine));

  for (guint k = 0; keys[k] != NULL; k++)
    {
      double a = wm_indicator_engine_get (engine, keys[k], NULL, WM_INDICATOR_PROJECTED);
      double b = wm_indicator_engine_get (fresh, keys[k], NULL, WM_INDICATOR_PROJECTED);

      if (!(a == b || (isnan (a) && isnan (b))))
        g_error ("scenario %s, %s: engine %g, fresh engine %g",
                 wm_scenario_get_name (wm_indicator_engine_get_scenario (engine)), keys[k], a, b);
    }
}

static WmProposal *
random_proposal_of (WmScenario *scenario, GRand *rand)
{
  GListModel *proposals = wm_scenario_get_proposals (scenario);
  guint n = g_list_model_get_n_items (proposals);

  return n > 0 ? g_list_model_get_item (proposals, g_rand_int_range (rand, 0, n)) : NULL;
}

/* One random edit of @scenario through the history; FALSE when it was refused (then nothing
 * may have changed). */
static gboolean
random_edit (WmHistory *history, WmScenario *scenario, GRand *rand, guint step)
{
  g_autoptr (WmProposal) target = random_proposal_of (scenario, rand);
  g_autoptr (GError) error = NULL;
  gboolean ok = FALSE;

  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0: /* a new build of its own */
      {
        g_autofree char *id = g_strdup_printf ("nb-%u", step);
        g_autoptr (WmProposal) p = wm_proposal_new (id, WM_PROPOSAL_NEW_BUILD);
        g_autoptr (WmGeometry) g = wm_test_square (40.0 * g_rand_int_range (rand, 0, 8), 80, 15);
        WmDwellingMix mix = { { 0 } };

        mix.counts[WM_SEGMENT_SOCIAL_RENT] = g_rand_int_range (rand, 0, 12);
        mix.counts[WM_SEGMENT_MID_RENT] = g_rand_int_range (rand, 1, 12);
        wm_proposal_set_geometry (p, g);
        wm_proposal_set_dwelling_delta (p, &mix);
        wm_proposal_set_name (p, id);
        wm_proposal_set_year (p, g_rand_int_range (rand, 2026, 2036));
        ok = wm_history_add_proposal (history, scenario, p, -1, &error);
        break;
      }
    case 1: /* a demolition of a baseline building (refused when already demolished) */
      {
        g_autofree char *id = g_strdup_printf ("sl-%u", step);
        g_autofree char *building = g_strdup_printf ("b-%d", g_rand_int_range (rand, 0,
                                                                                 N_BUILDINGS));
        g_autoptr (WmProposal) p = wm_proposal_new (id, WM_PROPOSAL_DEMOLISH);

        wm_proposal_set_building_ids (p, (const char *const[]) { building, NULL });
        wm_proposal_set_name (p, id);
        wm_proposal_set_year (p, g_rand_int_range (rand, 2026, 2036));
        ok = wm_history_add_proposal (history, scenario, p, -1, &error);
        break;
      }
    case 2:
      if (target != NULL)
        ok = wm_history_set_proposal_year (history, target, g_rand_int_range (rand, 2026, 2036),
                                           &error);
      break;
    case 3:
      if (target != NULL && wm_proposal_get_kind (target) == WM_PROPOSAL_NEW_BUILD)
        {
          WmDwellingMix mix = { { 0 } };

          mix.counts[WM_SEGMENT_OWNER_AFFORDABLE] = g_rand_int_range (rand, 1, 20);
          ok = wm_history_set_proposal_delta (history, target, &mix, &error);
        }
      break;
    default:
      if (target != NULL)
        ok = wm_history_remove_proposal (history, target);
      break;
    }
  return ok;
}

static void
test_random_edits (gconstpointer data)
{
  guint32 seed = GPOINTER_TO_UINT (data);
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (WmPlan) plan = make_plan ();
  g_autoptr (WmHistory) history = wm_history_new (plan);
  g_autoptr (GPtrArray) engines = g_ptr_array_new_with_free_func (g_object_unref);
  /* Fingerprints of the whole plan before each step still undoable, and after each undone. */
  g_autoptr (GPtrArray) undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *dir = g_dir_make_tmp ("wm-independence-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.wijkmix", NULL);
  WmScenario *scenarios[N_SCENARIOS];
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) reopened = NULL;
  guint edits = 0;

  scenarios[0] = wm_plan_get_active_scenario (plan);
  wm_scenario_set_name (scenarios[0], "A");
  for (guint i = 1; i < N_SCENARIOS; i++)
    {
      g_autofree char *name = g_strdup_printf ("%c", 'A' + i);
      g_autofree char *id = g_strdup_printf ("s-%u", i);
      g_autoptr (WmScenario) s = wm_scenario_new (id, name);

      wm_plan_add_scenario (plan, s);
      scenarios[i] = s;
    }
  for (guint i = 0; i < N_SCENARIOS; i++)
    g_ptr_array_add (engines, wm_indicator_engine_new (plan, scenarios[i]));

  for (guint step = 0; step < N_STEPS; step++)
    {
      g_auto (GStrv) before = plan_fingerprint (plan);
      g_auto (GStrv) after = NULL;
      int op = g_rand_int_range (rand, 0, 10);

      if (op == 0 && undo_stack->len > 0)
        {
          g_assert_true (wm_history_undo (history));
          after = plan_fingerprint (plan);
          g_assert_cmpstrv (after, g_ptr_array_index (undo_stack, undo_stack->len - 1));
          g_ptr_array_add (redo_stack, g_strdupv (before));
          g_ptr_array_remove_index (undo_stack, undo_stack->len - 1);
        }
      else if (op == 1 && redo_stack->len > 0)
        {
          g_assert_true (wm_history_redo (history));
          after = plan_fingerprint (plan);
          g_assert_cmpstrv (after, g_ptr_array_index (redo_stack, redo_stack->len - 1));
          g_ptr_array_add (undo_stack, g_strdupv (before));
          g_ptr_array_remove_index (redo_stack, redo_stack->len - 1);
        }
      else
        {
          guint target = g_rand_int_range (rand, 0, N_SCENARIOS);
          guint n_undo = wm_history_get_n_undo (history);
          gboolean accepted = random_edit (history, scenarios[target], rand, step);
          /* An accepted edit to the value it had records no step. */
          gboolean changed = wm_history_get_n_undo (history) > n_undo;

          after = plan_fingerprint (plan);
          for (guint i = 0; i < N_SCENARIOS; i++)
            if (i != target || !changed)
              g_assert_cmpstr (after[i], ==, before[i]);
          g_assert_true (accepted || !changed);
          if (changed)
            {
              g_ptr_array_add (undo_stack, g_strdupv (before));
              g_ptr_array_set_size (redo_stack, 0);
              edits++;
            }
        }
      for (guint i = 0; i < N_SCENARIOS; i++)
        assert_engine_equals_fresh (plan, g_ptr_array_index (engines, i));
    }
  g_test_message ("seed %u: %u edits", seed, edits);
  g_assert_cmpuint (edits, >, N_STEPS / 3);

  /* Save and reopen: every scenario as it was, with the same figures. */
  g_assert_true (wm_project_file_save (plan, path, &error));
  g_assert_no_error (error);
  reopened = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  {
    g_auto (GStrv) a = plan_fingerprint (plan);
    g_auto (GStrv) b = plan_fingerprint (reopened);

    g_assert_cmpstrv (a, b);
  }
  for (guint i = 0; i < N_SCENARIOS; i++)
    {
      WmScenario *again = wm_plan_find_scenario (reopened, wm_scenario_get_id (scenarios[i]));
      g_autoptr (WmIndicatorEngine) fresh = wm_indicator_engine_new (reopened, again);

      for (guint k = 0; keys[k] != NULL; k++)
        {
          double a = wm_indicator_engine_get (g_ptr_array_index (engines, i), keys[k], NULL,
                                              WM_INDICATOR_PROJECTED);
          double b = wm_indicator_engine_get (fresh, keys[k], NULL, WM_INDICATOR_PROJECTED);

          g_assert_true (a == b || (isnan (a) && isnan (b)));
        }
    }

  /* Undo everything: every scenario back to empty. */
  while (wm_history_undo (history))
    ;
  for (guint i = 0; i < N_SCENARIOS; i++)
    g_assert_cmpuint (g_list_model_get_n_items (wm_scenario_get_proposals (scenarios[i])), ==, 0);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  wm_core_init ();
  g_test_init (&argc, &argv, NULL);
  for (guint32 seed = 1; seed <= 4; seed++)
    {
      g_autofree char *name = g_strdup_printf ("/scenario-independence/random-edits/%u", seed);

      g_test_add_data_func (name, GUINT_TO_POINTER (seed), test_random_edits);
    }
  return g_test_run ();
}
