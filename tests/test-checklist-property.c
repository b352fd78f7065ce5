/* test-checklist-property.c: the checklist keeps what was typed through every edit, undo, redo,
 * save and reopen
 *
 * Two regression tests drive the sequences that corrupted notes and owners (a setter's entry
 * pointing into the entry the state was replacing). The property test then runs random
 * sequences of every checklist setter, target edits, proposal edits, undo, redo, save and reopen
 * against a plain model updated alongside, and compares after every step. Each run prints its
 * seed; WM_CHECKLIST_SEED=N replays one, WM_CHECKLIST_TRACE=1 prints each step.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "wm-checklist.h"
#include "wm-core.h"
#include "wm-history.h"
#include "wm-project-file.h"
#include "wm-proposal-factory.h"
#include "wm-test-util.h"

/* ---------------------------------------------------------------------------------------------
 * A small plan: one area, three buildings, a community centre.
 * ------------------------------------------------------------------------------------------ */

static WmPlan *
make_plan (void)
{
  WmPlan *plan = wm_plan_new ();
  g_autoptr (WmGeometry) boundary = wm_test_square (0, 0, 1000);
  g_autoptr (WmArea) area = wm_area_new ("a1", "Centrum", boundary);
  g_autoptr (WmFacility) centre = wm_facility_new ("fc", WM_FACILITY_COMMUNITY_CENTRE,
                                                   "Buurthuis", 200, 200);

  wm_plan_set_name (plan, "Testwijk");
  wm_plan_add_area (plan, area);
  wm_plan_add_facility (plan, centre);
  wm_test_add_building (plan, "b1", 100, 100, WM_SEGMENT_SOCIAL_RENT, 20);
  wm_test_add_building (plan, "b2", 300, 100, WM_SEGMENT_OWNER_EXPENSIVE, 10);
  wm_test_add_building (plan, "b3", 100, 300, WM_SEGMENT_OWNER_AFFORDABLE, 10);
  return plan;
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* ---------------------------------------------------------------------------------------------
 * The reported sequences
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  WmPlan *plan;
  WmHistory *history;
  WmIndicatorEngine *engine;
  WmChecklist *checklist;
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->plan = make_plan ();
  f->history = wm_history_new (f->plan);
  f->engine = wm_indicator_engine_new (f->plan, NULL);
  f->checklist = wm_checklist_new (f->engine, NULL);
  f->dir = g_dir_make_tmp ("wijkmix-checklist-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "wijk.gpkg", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->checklist);
  g_clear_object (&f->engine);
  g_clear_object (&f->history);
  g_clear_object (&f->plan);
  remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The item @id of the saved project, read back through a fresh checklist. */
static WmChecklistItem *
reopened_item (Fixture *f, const char *id, WmPlan **out_plan, WmChecklist **out_checklist)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmIndicatorEngine) engine = NULL;

  g_assert_true (wm_project_file_save (f->plan, f->path, &error));
  g_assert_no_error (error);
  *out_plan = wm_project_file_load (f->path, &error);
  g_assert_no_error (error);
  engine = wm_indicator_engine_new (*out_plan, NULL);
  *out_checklist = wm_checklist_new (engine, NULL);
  return wm_checklist_find_item (*out_checklist, id);
}

/* Typed key by key, as the note entry sends it. */
static void
type_note (WmChecklistItem *item, const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *prefix = g_strndup (text, g_utf8_next_char (p) - text);

      wm_checklist_item_set_note (item, prefix);
    }
}

static void
test_note_then_year (Fixture *f, gconstpointer data)
{
  WmChecklistItem *item = wm_checklist_find_item (f->checklist, "vision-shared");
  g_autoptr (WmPlan) plan = NULL;
  g_autoptr (WmChecklist) checklist = NULL;
  WmChecklistItem *again;

  type_note (item, "Afspraak met de huurders — één keer per maand");
  wm_checklist_item_set_target_year (item, 2027);
  g_assert_cmpstr (wm_checklist_item_get_note (item), ==,
                   "Afspraak met de huurders — één keer per maand");
  g_assert_cmpint (wm_checklist_item_get_target_year (item), ==, 2027);

  again = reopened_item (f, "vision-shared", &plan, &checklist);
  g_assert_cmpstr (wm_checklist_item_get_note (again), ==,
                   "Afspraak met de huurders — één keer per maand");
  g_assert_cmpint (wm_checklist_item_get_target_year (again), ==, 2027);

  /* The edit is one step, and undoing it leaves nothing behind. */
  g_assert_true (wm_history_undo (f->history));
  g_assert_null (wm_checklist_item_get_note (item));
  g_assert_cmpint (wm_checklist_item_get_target_year (item), ==, 0);
  g_assert_true (wm_history_redo (f->history));
  g_assert_cmpstr (wm_checklist_item_get_note (item), ==,
                   "Afspraak met de huurders — één keer per maand");
}

static void
test_owner_then_status (Fixture *f, gconstpointer data)
{
  WmChecklistItem *item = wm_checklist_find_item (f->checklist, "explore-figures");
  g_autoptr (WmPlan) plan = NULL;
  g_autoptr (WmChecklist) checklist = NULL;
  g_autoptr (GError) error = NULL;
  WmChecklistItem *again;

  wm_checklist_item_set_owner (item, "Wijkteam Oost");
  g_assert_true (wm_checklist_item_set_status (item, WM_CHECKLIST_STATUS_PLANNED, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wm_checklist_item_get_owner (item), ==, "Wijkteam Oost");
  g_assert_cmpstr (wm_checklist_item_get_owner_label (item), ==, "Wijkteam Oost");

  /* Not applicable keeps owner and note too; its reason may be the stored one. */
  wm_checklist_item_set_note (item, "cijfers van de gemeente");
  g_assert_true (wm_checklist_item_set_status (item, WM_CHECKLIST_STATUS_NOT_APPLICABLE,
                                               "al bekend", &error));
  g_assert_true (wm_checklist_item_set_status (item, WM_CHECKLIST_STATUS_NOT_APPLICABLE,
                                               wm_checklist_item_get_reason (item), &error));
  wm_checklist_item_set_note (item, wm_checklist_item_get_note (item));
  wm_checklist_item_set_owner (item, wm_checklist_item_get_owner (item));
  g_assert_no_error (error);
  g_assert_cmpstr (wm_checklist_item_get_reason (item), ==, "al bekend");

  again = reopened_item (f, "explore-figures", &plan, &checklist);
  g_assert_cmpstr (wm_checklist_item_get_owner (again), ==, "Wijkteam Oost");
  g_assert_cmpstr (wm_checklist_item_get_note (again), ==, "cijfers van de gemeente");
  g_assert_cmpstr (wm_checklist_item_get_reason (again), ==, "al bekend");
  g_assert_cmpint (wm_checklist_item_get_status (again), ==, WM_CHECKLIST_STATUS_NOT_APPLICABLE);
}

/* ---------------------------------------------------------------------------------------------
 * The model
 * ------------------------------------------------------------------------------------------ */

static const char *const item_ids[] = {
  "vision-shared",              /* always */
  "explore-figures",            /* always */
  "newbuild-welcome-programme", /* while there is a new build */
  "facility-programme-management",
  "demolish-social-plan", /* never triggered here: entries make it orphaned */
};

typedef struct
{
  WmChecklistStatus status;
  char *reason, *owner, *note;
  int year;
} MEntry;

typedef struct
{
  char *id, *name, *note;
  int year;
} MProposal;

/* The targets: a preset, the close margin and a band (NAN: no bound) for these keys. */
static const char *const mkeys[] = {
  "share.social_rent", "affordable_share", "new_build_affordable_share", "diversity",
  "coverage.meeting_place",
};
#define N_MKEYS G_N_ELEMENTS (mkeys)

typedef struct
{
  WmTargetPreset preset;
  double margin;
  double min[N_MKEYS], max[N_MKEYS];
} MTargets;

static gboolean
same_bound (double a, double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static gboolean
mtargets_equal (const MTargets *a, const MTargets *b)
{
  if (a->preset != b->preset || a->margin != b->margin)
    return FALSE;
  for (guint k = 0; k < N_MKEYS; k++)
    if (!same_bound (a->min[k], b->min[k]) || !same_bound (a->max[k], b->max[k]))
      return FALSE;
  return TRUE;
}

/* The presets as the brief gives them (keys in mkeys order). */
static void
mtargets_apply_preset (MTargets *t, WmTargetPreset preset)
{
  t->preset = preset;
  if (preset == WM_TARGET_PRESET_CUSTOM)
    return;
  for (guint k = 0; k < N_MKEYS; k++)
    t->min[k] = t->max[k] = NAN;
  switch (preset)
    {
    case WM_TARGET_PRESET_NEIGHBOURHOOD:
      t->min[0] = 0.30, t->max[0] = 0.50, t->min[2] = 2.0 / 3.0;
      break;
    case WM_TARGET_PRESET_NATIONAL:
      t->min[0] = 0.30, t->min[2] = 2.0 / 3.0;
      break;
    case WM_TARGET_PRESET_THIRDS:
      t->min[0] = 0.28, t->max[0] = 0.38, t->min[1] = 0.62, t->max[1] = 0.72;
      break;
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  GHashTable *entries;  /* item id -> MEntry, the active scenario's */
  MTargets targets;
  GPtrArray *proposals; /* MProposal, the active scenario's in order */
} Model;

static void
mentry_free (gpointer data)
{
  MEntry *e = data;

  g_free (e->reason);
  g_free (e->owner);
  g_free (e->note);
  g_free (e);
}

static MEntry *
mentry_copy (const MEntry *e)
{
  MEntry *copy = g_new0 (MEntry, 1);

  copy->status = e->status;
  copy->reason = g_strdup (e->reason);
  copy->owner = g_strdup (e->owner);
  copy->note = g_strdup (e->note);
  copy->year = e->year;
  return copy;
}

static gboolean
mentry_equal (const MEntry *a, const MEntry *b)
{
  return a->status == b->status && a->year == b->year && g_strcmp0 (a->reason, b->reason) == 0 &&
         g_strcmp0 (a->owner, b->owner) == 0 && g_strcmp0 (a->note, b->note) == 0;
}

static gboolean
mentry_has_data (const MEntry *e)
{
  return e->status != WM_CHECKLIST_STATUS_OPEN || e->reason != NULL || e->owner != NULL ||
         e->note != NULL || e->year != 0;
}

static void
mproposal_free (gpointer data)
{
  MProposal *p = data;

  g_free (p->id);
  g_free (p->name);
  g_free (p->note);
  g_free (p);
}

static MProposal *
mproposal_copy (const MProposal *p)
{
  MProposal *copy = g_new0 (MProposal, 1);

  copy->id = g_strdup (p->id);
  copy->name = g_strdup (p->name);
  copy->note = g_strdup (p->note);
  copy->year = p->year;
  return copy;
}

static Model *
model_new (void)
{
  Model *m = g_new0 (Model, 1);

  m->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, mentry_free);
  m->proposals = g_ptr_array_new_with_free_func (mproposal_free);
  return m;
}

static void
model_free (gpointer data)
{
  Model *m = data;

  g_hash_table_unref (m->entries);
  g_ptr_array_unref (m->proposals);
  g_free (m);
}

static Model *
model_copy (const Model *m)
{
  Model *copy = model_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, m->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->entries, g_strdup (key), mentry_copy (value));
  copy->targets = m->targets;
  for (guint i = 0; i < m->proposals->len; i++)
    g_ptr_array_add (copy->proposals, mproposal_copy (g_ptr_array_index (m->proposals, i)));
  return copy;
}

/* Empty texts are no texts, as in the state. */
static char *
text_or_null (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* ---------------------------------------------------------------------------------------------
 * One run
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  guint32 seed;
  GRand *rand;
  guint step;
  const char *action;
  char *dir, *path;

  WmPlan *plan;
  WmHistory *history;
  WmIndicatorEngine *engine;
  WmChecklist *checklist;

  Model *model;
  GPtrArray *done;   /* of Model: the state before each undoable step, oldest first */
  GPtrArray *undone; /* of Model: the state before each undo, next redo last */
  gint64 saved_position;
  /* The item whose edit was the last step: typing in it again may fold into that step. */
  char *fold_item;
} Run;

#define run_check(run, cond)                                                                   \
  G_STMT_START                                                                                 \
  {                                                                                            \
    if (!(cond))                                                                               \
      g_error ("seed %u, step %u (%s): %s", (run)->seed, (run)->step, (run)->action, #cond);    \
  }                                                                                            \
  G_STMT_END

static void
run_open (Run *run, WmPlan *plan)
{
  run->plan = plan;
  run->history = wm_history_new (plan);
  run->engine = wm_indicator_engine_new (plan, NULL);
  run->checklist = wm_checklist_new (run->engine, NULL);
  g_ptr_array_set_size (run->done, 0);
  g_ptr_array_set_size (run->undone, 0);
  run->saved_position = 0;
  g_clear_pointer (&run->fold_item, g_free);
}

static void
run_close (Run *run)
{
  g_clear_object (&run->checklist);
  g_clear_object (&run->engine);
  g_clear_object (&run->history);
  g_clear_object (&run->plan);
}

static const char *
scenario_id (WmPlan *plan)
{
  return wm_scenario_get_id (wm_plan_get_active_scenario (plan));
}

static gboolean
str_equal0 (const char *a, const char *b)
{
  return g_strcmp0 (a != NULL && *a != '\0' ? a : NULL, b != NULL && *b != '\0' ? b : NULL) == 0;
}

static gboolean
valid_text (const char *text)
{
  return text == NULL || g_utf8_validate (text, -1, NULL);
}

typedef struct
{
  Run *run;
  const char *scenario_id;
  guint n;
} CompareData;

static void
compare_entry (const char *sid, const char *item_id, const WmChecklistEntry *entry,
               gpointer user_data)
{
  CompareData *data = user_data;
  Run *run = data->run;
  MEntry *expected = g_hash_table_lookup (run->model->entries, item_id);

  data->n++;
  run_check (run, g_str_equal (sid, data->scenario_id));
  run_check (run, valid_text (entry->reason) && valid_text (entry->owner) &&
                    valid_text (entry->note));
  run_check (run, expected != NULL);
  run_check (run, entry->status == expected->status);
  run_check (run, g_strcmp0 (entry->reason, expected->reason) == 0);
  run_check (run, g_strcmp0 (entry->owner, expected->owner) == 0);
  run_check (run, g_strcmp0 (entry->note, expected->note) == 0);
  run_check (run, entry->target_year == expected->year);
}

/* @plan (the run's or a reopened copy) holds what the model says. */
static void
compare_plan (Run *run, WmPlan *plan, WmChecklist *checklist)
{
  WmChecklistState *state = wm_checklist_state_get_for_plan (plan);
  WmTargets *targets = wm_targets_get_for_plan (plan);
  GListModel *proposals = wm_scenario_get_proposals (wm_plan_get_active_scenario (plan));
  CompareData data = { run, scenario_id (plan), 0 };

  wm_checklist_state_foreach (state, compare_entry, &data);
  run_check (run, data.n == g_hash_table_size (run->model->entries));
  run_check (run, wm_checklist_state_get_n_entries (state) == data.n);

  /* What the items (and so the panel and the CLI) show. */
  for (guint i = 0; i < G_N_ELEMENTS (item_ids); i++)
    {
      WmChecklistItem *item = wm_checklist_find_item (checklist, item_ids[i]);
      MEntry *expected = g_hash_table_lookup (run->model->entries, item_ids[i]);
      MEntry none = { WM_CHECKLIST_STATUS_OPEN, NULL, NULL, NULL, 0 };
      const char *default_owner =
        wm_roadmap_entry_get_default_owner (wm_checklist_item_get_entry (item));

      if (expected == NULL)
        expected = &none;
      run_check (run, wm_checklist_item_get_status (item) == expected->status);
      run_check (run, g_strcmp0 (wm_checklist_item_get_reason (item), expected->reason) == 0);
      run_check (run, g_strcmp0 (wm_checklist_item_get_note (item), expected->note) == 0);
      run_check (run, g_strcmp0 (wm_checklist_item_get_owner (item),
                                 expected->owner != NULL ? expected->owner : default_owner) == 0);
      run_check (run, wm_checklist_item_get_target_year (item) == expected->year);
      /* What a user entered stays listed when its trigger is gone. */
      if (expected != &none)
        run_check (run, wm_checklist_item_get_listed (item));
    }

  {
    const MTargets *want = &run->model->targets;
    g_auto (GStrv) keys = wm_targets_dup_keys (targets);
    guint n_bands = 0;

    run_check (run, wm_targets_get_preset (targets) == want->preset);
    run_check (run, wm_targets_get_close_margin (targets) == want->margin);
    for (guint k = 0; k < N_MKEYS; k++)
      {
        WmTargetBand band;
        gboolean has = wm_targets_get_band (targets, mkeys[k], &band);

        run_check (run, has == !(isnan (want->min[k]) && isnan (want->max[k])));
        run_check (run, same_bound (band.min, want->min[k]) && same_bound (band.max, want->max[k]));
        n_bands += has;
      }
    run_check (run, g_strv_length (keys) == n_bands);
  }

  run_check (run, g_list_model_get_n_items (proposals) == run->model->proposals->len);
  for (guint i = 0; i < run->model->proposals->len; i++)
    {
      g_autoptr (WmProposal) proposal = g_list_model_get_item (proposals, i);
      MProposal *expected = g_ptr_array_index (run->model->proposals, i);

      run_check (run, g_str_equal (wm_proposal_get_id (proposal), expected->id));
      run_check (run, str_equal0 (wm_proposal_get_name (proposal), expected->name));
      run_check (run, str_equal0 (wm_proposal_get_note (proposal), expected->note));
      run_check (run, wm_proposal_get_year (proposal) == expected->year);
    }
}

static void
compare (Run *run)
{
  compare_plan (run, run->plan, run->checklist);
  run_check (run, wm_history_get_n_undo (run->history) == run->done->len);
  run_check (run, wm_history_get_n_redo (run->history) == run->undone->len);
  run_check (run, wm_history_get_modified (run->history) ==
                    ((gint64) run->done->len != run->saved_position));
}

/* A new undoable step is about to change the model. */
static void
model_push (Run *run)
{
  if (run->saved_position > (gint64) run->done->len)
    run->saved_position = -1;
  g_ptr_array_set_size (run->undone, 0);
  g_ptr_array_add (run->done, model_copy (run->model));
  g_clear_pointer (&run->fold_item, g_free);
}

static int
rand_range (Run *run, int begin, int end)
{
  return g_rand_int_range (run->rand, begin, end);
}

static const char *
pick (Run *run, const char *const *texts, guint n)
{
  return texts[rand_range (run, 0, n)];
}

/* ---------------------------------------------------------------------------------------------
 * Checklist steps
 * ------------------------------------------------------------------------------------------ */

/* Applies @wanted (normalised as the items and the state do) as the result of an edit of
 * @item_id, checking how the history recorded it. */
static void
checklist_edited (Run *run, const char *item_id, MEntry *wanted, guint n_undo_before)
{
  MEntry *current = g_hash_table_lookup (run->model->entries, item_id);
  MEntry none = { WM_CHECKLIST_STATUS_OPEN, NULL, NULL, NULL, 0 };
  guint n_undo = wm_history_get_n_undo (run->history);

  if (mentry_equal (current != NULL ? current : &none, wanted))
    {
      /* Nothing changed: no step. */
      run_check (run, n_undo == n_undo_before);
      mentry_free (wanted);
      return;
    }

  if (n_undo == n_undo_before)
    {
      /* Folded into the last step: only a quick edit of the same item may do that. */
      run_check (run, run->fold_item != NULL && g_str_equal (run->fold_item, item_id));
      if (run->saved_position == (gint64) run->done->len)
        run->saved_position = -1;
    }
  else
    {
      run_check (run, n_undo == n_undo_before + 1);
      model_push (run);
    }
  g_free (run->fold_item);
  run->fold_item = g_strdup (item_id);

  if (mentry_has_data (wanted))
    g_hash_table_replace (run->model->entries, g_strdup (item_id), wanted);
  else
    {
      g_hash_table_remove (run->model->entries, item_id);
      mentry_free (wanted);
    }
}

static MEntry *
model_current (Run *run, const char *item_id)
{
  MEntry *current = g_hash_table_lookup (run->model->entries, item_id);
  MEntry none = { WM_CHECKLIST_STATUS_OPEN, NULL, NULL, NULL, 0 };

  return mentry_copy (current != NULL ? current : &none);
}

static void
step_status (Run *run, WmChecklistItem *item)
{
  static const char *const reasons[] = {
    "al gedaan door de gemeente", "", "   ", " geen sloop ", "niet nodig — zie visie", NULL,
  };
  const char *id = wm_checklist_item_get_id (item);
  WmChecklistStatus status = rand_range (run, 0, WM_N_CHECKLIST_STATUSES);
  const char *reason = pick (run, reasons, G_N_ELEMENTS (reasons));
  guint n_undo = wm_history_get_n_undo (run->history);
  g_autoptr (GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  MEntry *wanted;
  gboolean ok;

  /* Sometimes the reason given is the stored one, as a form sends it back. */
  if (rand_range (run, 0, 4) == 0 && wm_checklist_item_get_reason (item) != NULL)
    {
      reason = wm_checklist_item_get_reason (item);
      g_free (stripped);
      stripped = g_strstrip (g_strdup (reason));
    }

  run->action = "set status";
  ok = wm_checklist_item_set_status (item, status, reason, &error);
  if (status == WM_CHECKLIST_STATUS_NOT_APPLICABLE && *stripped == '\0')
    {
      run_check (run, !ok);
      run_check (run, g_error_matches (error, WM_CHECKLIST_ERROR,
                                       WM_CHECKLIST_ERROR_REASON_REQUIRED));
      run_check (run, wm_history_get_n_undo (run->history) == n_undo);
      return;
    }
  run_check (run, ok && error == NULL);

  wanted = model_current (run, id);
  wanted->status = status;
  g_free (wanted->reason);
  wanted->reason = status == WM_CHECKLIST_STATUS_NOT_APPLICABLE ? text_or_null (reason) : NULL;
  checklist_edited (run, id, wanted, n_undo);
}

static void
step_owner (Run *run, WmChecklistItem *item)
{
  static const char *const owners[] = {
    NULL, "", "gemeente", "corporatie", "welzijn", "bewoners", "Wijkteam Oost",
    "Stichting Ons Dorp — afdeling Zorg", "Bewonerscommissie ‘De Eik’",
  };
  const char *id = wm_checklist_item_get_id (item);
  const char *owner = pick (run, owners, G_N_ELEMENTS (owners));
  const char *default_owner =
    wm_roadmap_entry_get_default_owner (wm_checklist_item_get_entry (item));
  guint n_undo = wm_history_get_n_undo (run->history);
  MEntry *wanted;

  if (rand_range (run, 0, 4) == 0)
    owner = wm_checklist_item_get_owner (item);
  wanted = model_current (run, id);
  g_free (wanted->owner);
  wanted->owner = g_strcmp0 (owner, default_owner) == 0 ? NULL : text_or_null (owner);

  run->action = "set owner";
  wm_checklist_item_set_owner (item, owner);
  checklist_edited (run, id, wanted, n_undo);
}

static void
step_note (Run *run, WmChecklistItem *item)
{
  static const char *const notes[] = {
    NULL, "", "Afspraak met de huurders", "één keer per maand — in het buurthuis",
    "Zie verslag 12-3 ✓", "x",
  };
  static const char *const keys[] = { "a", "é", " ", "—", "ü", "7", "✓", "ij" };
  const char *id = wm_checklist_item_get_id (item);
  const char *current_note = wm_checklist_item_get_note (item);
  guint n_undo = wm_history_get_n_undo (run->history);
  g_autofree char *note = NULL;
  MEntry *wanted;

  switch (rand_range (run, 0, 4))
    {
    case 0: /* a new text */
      note = g_strdup (pick (run, notes, G_N_ELEMENTS (notes)));
      break;
    case 1: /* backspace */
      if (current_note != NULL)
        note = g_strndup (current_note, g_utf8_find_prev_char (current_note,
                                                               current_note + strlen (current_note))
                                          - current_note);
      break;
    default: /* one more key */
      note = g_strconcat (current_note != NULL ? current_note : "",
                          pick (run, keys, G_N_ELEMENTS (keys)), NULL);
    }
  wanted = model_current (run, id);
  g_free (wanted->note);
  wanted->note = text_or_null (note);

  run->action = "set note";
  /* Sometimes the stored text itself is handed back, as a bound widget does. */
  if (rand_range (run, 0, 8) == 0)
    {
      mentry_free (wanted);
      wanted = model_current (run, id);
      wm_checklist_item_set_note (item, current_note);
    }
  else
    wm_checklist_item_set_note (item, note);
  checklist_edited (run, id, wanted, n_undo);
}

static void
step_year (Run *run, WmChecklistItem *item)
{
  const char *id = wm_checklist_item_get_id (item);
  int year = rand_range (run, 0, 3) == 0 ? 0 : rand_range (run, 2024, 2041);
  guint n_undo = wm_history_get_n_undo (run->history);
  MEntry *wanted = model_current (run, id);

  wanted->year = year;
  run->action = "set target year";
  wm_checklist_item_set_target_year (item, year);
  checklist_edited (run, id, wanted, n_undo);
}

/* Clearing: every field back to nothing, which removes the entry; or the state told so. */
static void
step_clear (Run *run, WmChecklistItem *item)
{
  const char *id = wm_checklist_item_get_id (item);
  guint n_undo = wm_history_get_n_undo (run->history);
  MEntry *wanted = model_current (run, id);

  run->action = "clear";
  wanted->status = WM_CHECKLIST_STATUS_OPEN;
  g_clear_pointer (&wanted->reason, g_free);
  g_clear_pointer (&wanted->owner, g_free);
  g_clear_pointer (&wanted->note, g_free);
  wanted->year = 0;
  wm_checklist_state_set (wm_checklist_state_get_for_plan (run->plan), scenario_id (run->plan),
                          id, NULL);
  checklist_edited (run, id, wanted, n_undo);
}

/* ---------------------------------------------------------------------------------------------
 * Target and proposal steps
 * ------------------------------------------------------------------------------------------ */

static void
step_target (Run *run)
{
  int dice = rand_range (run, 0, 10);
  MTargets want = run->model->targets;
  guint n_undo = wm_history_get_n_undo (run->history);
  g_autoptr (GError) error = NULL;

  if (dice < 6)
    {
      guint k = rand_range (run, 0, N_MKEYS);
      double min = rand_range (run, 0, 3) == 0 ? NAN : rand_range (run, 0, 21) / 20.0;
      double max = rand_range (run, 0, 3) == 0 ? NAN : rand_range (run, 0, 21) / 20.0;
      gboolean valid = isnan (min) || isnan (max) || min <= max;

      run->action = "set target band";
      /* A minimum above the maximum is refused and changes nothing. */
      run_check (run, wm_history_set_target_band (run->history, mkeys[k], min, max, &error) ==
                        valid);
      run_check (run, valid == (error == NULL));
      if (valid && !(same_bound (want.min[k], min) && same_bound (want.max[k], max)))
        {
          want.min[k] = min;
          want.max[k] = max;
          want.preset = WM_TARGET_PRESET_CUSTOM;
        }
    }
  else if (dice < 9)
    {
      WmTargetPreset preset = rand_range (run, 0, WM_N_TARGET_PRESETS);

      run->action = "set target preset";
      wm_history_set_target_preset (run->history, preset);
      mtargets_apply_preset (&want, preset);
    }
  else
    {
      want.margin = rand_range (run, 0, 5) / 20.0;
      run->action = "set target margin";
      run_check (run, wm_history_set_target_close_margin (run->history, want.margin, &error));
    }

  if (mtargets_equal (&want, &run->model->targets))
    {
      run_check (run, wm_history_get_n_undo (run->history) == n_undo);
      return;
    }
  run_check (run, wm_history_get_n_undo (run->history) == n_undo + 1);
  model_push (run);
  run->model->targets = want;
}

static void
step_add_proposal (Run *run)
{
  g_autoptr (WmProposal) proposal = NULL;
  g_autoptr (GError) error = NULL;
  int year = rand_range (run, 0, 2) == 0 ? 0 : rand_range (run, 2025, 2036);
  MProposal *model;

  run->action = "add proposal";
  if (rand_range (run, 0, 2) == 0)
    {
      g_autoptr (WmGeometry) footprint = wm_test_square (rand_range (run, 400, 900),
                                                 rand_range (run, 400, 900), 25);
      WmDwellingMix mix = { { 0 } };

      mix.counts[rand_range (run, 0, WM_N_SEGMENTS)] = rand_range (run, 1, 40);
      proposal = wm_proposal_factory_new_build (run->plan, NULL, footprint, &mix,
                                                WM_DWELLING_TYPE_APARTMENT, year, &error);
    }
  else
    proposal = wm_proposal_factory_add_facility (run->plan, NULL, WM_FACILITY_PLAYGROUND,
                                                 rand_range (run, 100, 900),
                                                 rand_range (run, 100, 900), "Speeltuin", year,
                                                 &error);
  g_assert_no_error (error);
  run_check (run, wm_history_add_proposal (run->history, NULL, proposal, -1, &error));
  g_assert_no_error (error);

  model_push (run);
  model = g_new0 (MProposal, 1);
  model->id = g_strdup (wm_proposal_get_id (proposal));
  model->name = g_strdup (wm_proposal_get_name (proposal));
  model->note = g_strdup (wm_proposal_get_note (proposal));
  model->year = wm_proposal_get_year (proposal);
  g_ptr_array_add (run->model->proposals, model);
}

static void
step_edit_proposal (Run *run)
{
  static const char *const texts[] = { "Nieuwbouw Eikenlaan", "Speelplek ‘t Hof", "Fase 2" };
  GListModel *proposals = wm_scenario_get_proposals (wm_plan_get_active_scenario (run->plan));
  g_autoptr (WmProposal) proposal = NULL;
  g_autoptr (GError) error = NULL;
  guint n_undo = wm_history_get_n_undo (run->history);
  MProposal *model;
  MProposal wanted;
  guint i;

  if (run->model->proposals->len == 0)
    return;
  i = rand_range (run, 0, run->model->proposals->len);
  proposal = g_list_model_get_item (proposals, i);
  model = g_ptr_array_index (run->model->proposals, i);
  wanted = *model;

  run->action = "edit proposal";
  switch (rand_range (run, 0, 3))
    {
    case 0:
      wanted.name = (char *) pick (run, texts, G_N_ELEMENTS (texts));
      run_check (run, wm_history_set_proposal_name (run->history, proposal, wanted.name, &error));
      break;
    case 1:
      wanted.note = (char *) pick (run, texts, G_N_ELEMENTS (texts));
      run_check (run, wm_history_set_proposal_note (run->history, proposal, wanted.note, &error));
      break;
    default:
      wanted.year = rand_range (run, 2025, 2036);
      run_check (run, wm_history_set_proposal_year (run->history, proposal, wanted.year, &error));
    }
  g_assert_no_error (error);

  if (str_equal0 (wanted.name, model->name) && str_equal0 (wanted.note, model->note) &&
      wanted.year == model->year)
    {
      run_check (run, wm_history_get_n_undo (run->history) == n_undo);
      return;
    }
  run_check (run, wm_history_get_n_undo (run->history) == n_undo + 1);
  wanted.name = g_strdup (wanted.name);
  wanted.note = g_strdup (wanted.note);
  model_push (run);
  /* model_push copied the array; the entry at @i is still the live one. */
  model = g_ptr_array_index (run->model->proposals, i);
  g_free (model->name);
  g_free (model->note);
  model->name = wanted.name;
  model->note = wanted.note;
  model->year = wanted.year;
}

static void
step_remove_proposal (Run *run)
{
  GListModel *proposals = wm_scenario_get_proposals (wm_plan_get_active_scenario (run->plan));
  g_autoptr (WmProposal) proposal = NULL;
  guint i;

  if (run->model->proposals->len == 0)
    return;
  i = rand_range (run, 0, run->model->proposals->len);
  proposal = g_list_model_get_item (proposals, i);
  run->action = "remove proposal";
  run_check (run, wm_history_remove_proposal (run->history, proposal));
  model_push (run);
  g_ptr_array_remove_index (run->model->proposals, i);
}

/* ---------------------------------------------------------------------------------------------
 * Undo, redo, save, reopen
 * ------------------------------------------------------------------------------------------ */

static void
step_undo (Run *run)
{
  run->action = "undo";
  run_check (run, wm_history_undo (run->history) == (run->done->len > 0));
  if (run->done->len == 0)
    return;
  g_ptr_array_add (run->undone, run->model);
  run->model = g_ptr_array_steal_index (run->done, run->done->len - 1);
  g_clear_pointer (&run->fold_item, g_free);
}

static void
step_redo (Run *run)
{
  run->action = "redo";
  run_check (run, wm_history_redo (run->history) == (run->undone->len > 0));
  if (run->undone->len == 0)
    return;
  g_ptr_array_add (run->done, run->model);
  run->model = g_ptr_array_steal_index (run->undone, run->undone->len - 1);
  g_clear_pointer (&run->fold_item, g_free);
}

/* Saves, and checks that the file holds the model. */
static void
step_save (Run *run)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) saved = NULL;
  g_autoptr (WmIndicatorEngine) engine = NULL;
  g_autoptr (WmChecklist) checklist = NULL;

  run->action = "save";
  run_check (run, wm_project_file_save (run->plan, run->path, &error));
  g_assert_no_error (error);
  wm_history_mark_saved (run->history);
  run->saved_position = run->done->len;

  saved = wm_project_file_load (run->path, &error);
  g_assert_no_error (error);
  engine = wm_indicator_engine_new (saved, NULL);
  checklist = wm_checklist_new (engine, NULL);
  run->action = "save (the file read back)";
  compare_plan (run, saved, checklist);
}

/* Saves, closes, and goes on with the project read back (a fresh history). */
static void
step_reopen (Run *run)
{
  g_autoptr (GError) error = NULL;
  WmPlan *plan;

  run->action = "reopen";
  run_check (run, wm_project_file_save (run->plan, run->path, &error));
  g_assert_no_error (error);
  run_close (run);
  plan = wm_project_file_load (run->path, &error);
  g_assert_no_error (error);
  run_open (run, plan);
}

static WmChecklistItem *
pick_item (Run *run)
{
  return wm_checklist_find_item (run->checklist,
                                 item_ids[rand_range (run, 0, G_N_ELEMENTS (item_ids))]);
}

static void
run_steps (guint32 seed, guint n_steps)
{
  Run run_ = { 0 }, *run = &run_;

  g_test_message ("seed %u (replay with WM_CHECKLIST_SEED=%u)", seed, seed);
  run->seed = seed;
  run->rand = g_rand_new_with_seed (seed);
  run->dir = g_dir_make_tmp ("wijkmix-checklist-property-XXXXXX", NULL);
  run->path = g_build_filename (run->dir, "wijk.gpkg", NULL);
  run->done = g_ptr_array_new_with_free_func (model_free);
  run->undone = g_ptr_array_new_with_free_func (model_free);
  run->model = model_new ();
  /* A new project: the neighbourhood preset and the default margin. */
  run->model->targets.margin = 0.05;
  mtargets_apply_preset (&run->model->targets, WM_TARGET_PRESET_NEIGHBOURHOOD);
  run_open (run, make_plan ());
  run->action = "start";
  compare (run);

  for (run->step = 1; run->step <= n_steps; run->step++)
    {
      int dice = rand_range (run, 0, 100);

      if (dice < 14)
        step_note (run, pick_item (run));
      else if (dice < 24)
        step_status (run, pick_item (run));
      else if (dice < 34)
        step_owner (run, pick_item (run));
      else if (dice < 42)
        step_year (run, pick_item (run));
      else if (dice < 46)
        step_clear (run, pick_item (run));
      else if (dice < 52)
        step_target (run);
      else if (dice < 60)
        step_add_proposal (run);
      else if (dice < 66)
        step_edit_proposal (run);
      else if (dice < 70)
        step_remove_proposal (run);
      else if (dice < 82)
        step_undo (run);
      else if (dice < 91)
        step_redo (run);
      else if (dice < 96)
        step_save (run);
      else
        step_reopen (run);
      if (g_getenv ("WM_CHECKLIST_TRACE") != NULL)
        g_printerr ("step %u: %s, %u undo, %u redo\n", run->step, run->action,
                    wm_history_get_n_undo (run->history), wm_history_get_n_redo (run->history));
      compare (run);
    }

  run_close (run);
  model_free (run->model);
  g_ptr_array_unref (run->done);
  g_ptr_array_unref (run->undone);
  g_free (run->fold_item);
  g_rand_free (run->rand);
  remove_dir (run->dir);
  g_free (run->dir);
  g_free (run->path);
}

static void
test_property (void)
{
  const char *replay = g_getenv ("WM_CHECKLIST_SEED");

  if (replay != NULL)
    {
      run_steps (g_ascii_strtoull (replay, NULL, 10), 600);
      return;
    }
  /* A few seeds of a few hundred steps each; g_test_rand_int follows --seed. */
  for (guint i = 0; i < 4; i++)
    run_steps ((guint32) g_test_rand_int (), 400);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add ("/checklist/note-then-year", Fixture, NULL, fixture_set_up, test_note_then_year,
              fixture_tear_down);
  g_test_add ("/checklist/owner-then-status", Fixture, NULL, fixture_set_up,
              test_owner_then_status, fixture_tear_down);
  g_test_add_func ("/checklist/property", test_property);
  return g_test_run ();
}
