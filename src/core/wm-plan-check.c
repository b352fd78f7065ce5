/* wm-plan-check.c: whether the proposals of a scenario fit together */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-plan-check.h"
#include "wm-projection.h"
#include "wm-proposal-factory.h"

/* A baseline building as the walk has it so far. */
typedef struct
{
  WmDwellingMix mix;
  gboolean demolished;
  WmProposal *last; /* the last proposal before that acted on it (borrowed), or NULL */
  guint step;       /* when it did, in the plan's order */
} BuildingState;

typedef struct
{
  WmPlan *plan;
  WmScenario *scenario;
  GHashTable *buildings;  /* id -> BuildingState */
  GHashTable *removed;    /* facility id -> the proposal removing it (borrowed) */
} Walk;

void
wm_plan_problem_free (WmPlanProblem *problem)
{
  if (problem == NULL)
    return;
  g_clear_object (&problem->scenario);
  g_clear_object (&problem->proposal);
  g_free (problem->message);
  g_free (problem);
}

static gboolean
sane_sizes (WmProposal *proposal)
{
  const WmDwellingMix *delta = wm_proposal_get_dwelling_delta (proposal);

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    if (delta->counts[s] < -WM_PLAN_CHECK_MAX_DELTA || delta->counts[s] > WM_PLAN_CHECK_MAX_DELTA)
      return FALSE;
  return TRUE;
}

/* “Name” (year), or “Name” without a year; a proposal without a name is described. */
static char *
proposal_label (WmPlan     *plan,
                WmProposal *proposal)
{
  const char *name = wm_proposal_get_name (proposal);
  g_autofree char *described = NULL;
  int year = wm_proposal_get_year (proposal);

  /* Describing sums the counts: only for counts a proposal can sanely have (a file may hold
   * anything). */
  if ((name == NULL || *name == '\0') && sane_sizes (proposal))
    name = described = wm_proposal_factory_describe (plan, proposal);
  else if (name == NULL || *name == '\0')
    name = wm_proposal_kind_label (wm_proposal_get_kind (proposal));
  if (year != 0)
    /* Translators: a proposal in a message: its name and its year of completion. */
    return g_strdup_printf (_("“%s” (%d)"), name, year);
  /* Translators: a proposal in a message, without a year. */
  return g_strdup_printf (_("“%s”"), name);
}

/* The segment's name in the middle of a sentence. */
static char *
segment_words (WmSegment segment)
{
  return g_utf8_strdown (wm_segment_table_get_name (wm_segment_table_get_default (), segment),
                         -1);
}

static BuildingState *
building_state (Walk       *walk,
                const char *id)
{
  BuildingState *state = g_hash_table_lookup (walk->buildings, id);
  WmBuilding *building;

  if (state != NULL)
    return state;
  building = wm_plan_find_building (walk->plan, id);
  if (building == NULL)
    return NULL;
  state = g_new0 (BuildingState, 1);
  state->mix = *wm_building_get_dwellings (building);
  g_hash_table_insert (walk->buildings, g_strdup (id), state);
  return state;
}

static WmPlanProblem *
problem_new (Walk       *walk,
             WmProposal *proposal,
             int         code,
             char       *message)
{
  WmPlanProblem *problem = g_new0 (WmPlanProblem, 1);

  problem->scenario = walk->scenario != NULL ? g_object_ref (walk->scenario) : NULL;
  problem->proposal = g_object_ref (proposal);
  problem->code = code;
  problem->message = message;
  return problem;
}

static WmPlanProblem *
check_footprint (Walk       *walk,
                 WmProposal *proposal,
                 const char *label)
{
  WmGeometry *geometry = wm_proposal_get_geometry (proposal);
  g_autoptr(GError) error = NULL;

  if (geometry == NULL ||
      (geometry->kind != WM_GEOMETRY_POLYGON && geometry->kind != WM_GEOMETRY_MULTIPOLYGON))
    return problem_new (walk, proposal, WM_PROPOSAL_ERROR_GEOMETRY,
                        /* Translators: %s is a proposal, e.g. “Infill” (2028). */
                        g_strdup_printf (_("%s is a new build without a footprint; a new build "
                                           "needs a polygon with an area"), label));
  /* The factory's rules for a drawn shape (no crossing lines, an area). */
  if (!wm_proposal_factory_check_footprint (geometry, &error))
    return problem_new (walk, proposal, error->code,
                        /* Translators: a proposal, then what is wrong with its footprint. */
                        g_strdup_printf (_("%s: %s"), label, error->message));
  return NULL;
}

static WmPlanProblem *
check_sizes (Walk       *walk,
             WmProposal *proposal,
             const char *label)
{
  const WmDwellingMix *delta = wm_proposal_get_dwelling_delta (proposal);

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      g_autofree char *segment = NULL;
      int n = delta->counts[s];

      if (n >= -WM_PLAN_CHECK_MAX_DELTA && n <= WM_PLAN_CHECK_MAX_DELTA)
        continue;
      segment = segment_words (s);
      return problem_new (walk, proposal, WM_PROPOSAL_ERROR_TOO_MANY,
                          g_strdup_printf (_("%s changes %d %s dwellings; more than %d in one "
                                             "proposal must be a typing error"),
                                           label, n, segment, WM_PLAN_CHECK_MAX_DELTA));
    }
  return NULL;
}

/* The households move out when the works start: a start after the completion is a typing
 * error (a start without a completion year is a plan not dated yet, and fine). */
static WmPlanProblem *
check_start (Walk       *walk,
             WmProposal *proposal,
             const char *label)
{
  int start = wm_proposal_get_start_year (proposal);
  int year = wm_proposal_get_year (proposal);

  if (start == 0 || year == 0 || start <= year)
    return NULL;
  return problem_new (walk, proposal, WM_PROPOSAL_ERROR_YEAR,
                      /* Translators: %1$s is a proposal, e.g. “Infill” (2028); %2$d its start
                       * year, %3$d its completion year. */
                      g_strdup_printf (_("%1$s starts in %2$d, after its completion in %3$d; "
                                         "the works must start in or before the year they "
                                         "are completed"), label, start, year));
}

static WmPlanProblem *
unknown_building (Walk       *walk,
                  WmProposal *proposal,
                  const char *label,
                  const char *id)
{
  return problem_new (walk, proposal, WM_PROPOSAL_ERROR_UNKNOWN_BUILDING,
                      g_strdup_printf (_("%s acts on building %s, which is not in the project"),
                                       label, id));
}

static WmPlanProblem *
check_demolish (Walk       *walk,
                WmProposal *proposal,
                const char *label)
{
  const char *const *ids = wm_proposal_get_building_ids (proposal);
  const WmDwellingMix *delta = wm_proposal_get_dwelling_delta (proposal);
  gint64 has[WM_N_SEGMENTS] = { 0 };
  BuildingState *latest = NULL;
  guint n_buildings = 0;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      BuildingState *state;
      gboolean repeated = FALSE;

      for (guint j = 0; j < i; j++)
        repeated |= g_str_equal (ids[i], ids[j]);
      if (repeated)
        continue;

      state = building_state (walk, ids[i]);
      if (state == NULL)
        return unknown_building (walk, proposal, label, ids[i]);
      if (state->demolished)
        {
          g_autofree char *earlier = proposal_label (walk->plan, state->last);

          return problem_new (walk, proposal, WM_PROPOSAL_ERROR_DEMOLISHED,
                              /* Translators: the first and last %s are proposals. */
                              g_strdup_printf (_("%s demolishes building %s, but %s already "
                                                 "demolishes it"), label, ids[i], earlier));
        }
      /* In 64 bits: a file's baseline may hold any count. */
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        has[s] += state->mix.counts[s];
      if (state->last != NULL && (latest == NULL || state->step > latest->step))
        latest = state;
      n_buildings++;
    }

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      g_autofree char *segment = NULL;
      g_autofree char *earlier = NULL;
      int removed = -delta->counts[s];
      char *message;

      if (removed <= 0 || removed <= has[s])
        continue;
      segment = segment_words (s);
      if (latest != NULL)
        earlier = proposal_label (walk->plan, latest->last);
      if (n_buildings == 1 && earlier != NULL)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s demolishes %d %s dwelling in building %s, "
                                                "but after %s it has %d",
                                                "%s demolishes %d %s dwellings in building %s, "
                                                "but after %s it has %d", removed),
                                   label, removed, segment, ids[0], earlier, (int) has[s]);
      else if (n_buildings == 1)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s demolishes %d %s dwelling in building %s, "
                                                "but it has %d",
                                                "%s demolishes %d %s dwellings in building %s, "
                                                "but it has %d", removed),
                                   label, removed, segment, ids[0], (int) has[s]);
      else if (earlier != NULL)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s demolishes %d %s dwelling in %u buildings, "
                                                "but after %s they have %d",
                                                "%s demolishes %d %s dwellings in %u buildings, "
                                                "but after %s they have %d", removed),
                                   label, removed, segment, n_buildings, earlier,
                                   (int) CLAMP (has[s], G_MININT, G_MAXINT));
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s demolishes %d %s dwelling in %u buildings, "
                                                "but they have %d",
                                                "%s demolishes %d %s dwellings in %u buildings, "
                                                "but they have %d", removed),
                                   label, removed, segment, n_buildings,
                                   (int) CLAMP (has[s], G_MININT, G_MAXINT));
      return problem_new (walk, proposal, WM_PROPOSAL_ERROR_NOT_ENOUGH, message);
    }
  return NULL;
}

/* Conversion, renovation, transformation, split/merge: on their first building. */
static WmPlanProblem *
check_building_change (Walk       *walk,
                       WmProposal *proposal,
                       const char *label)
{
  const char *const *ids = wm_proposal_get_building_ids (proposal);
  const WmDwellingMix *delta = wm_proposal_get_dwelling_delta (proposal);
  g_autofree char *earlier = NULL;
  BuildingState *state;

  if (ids == NULL || ids[0] == NULL)
    return NULL;
  state = building_state (walk, ids[0]);
  if (state == NULL)
    return unknown_building (walk, proposal, label, ids[0]);
  if (state->last != NULL)
    earlier = proposal_label (walk->plan, state->last);
  if (state->demolished)
    return problem_new (walk, proposal, WM_PROPOSAL_ERROR_DEMOLISHED,
                        /* Translators: the first and last %s are proposals. */
                        g_strdup_printf (_("%s changes building %s, but %s demolishes it "
                                           "before"), label, ids[0], earlier));

  if (wm_proposal_get_kind (proposal) == WM_PROPOSAL_TRANSFORM)
    {
      gint64 sum = 0;
      int total;

      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        sum += state->mix.counts[s];
      if (sum == 0)
        return NULL;
      total = (int) CLAMP (sum, G_MININT, G_MAXINT);
      return problem_new (walk, proposal, WM_PROPOSAL_ERROR_HAS_DWELLINGS,
                          earlier != NULL
                            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s turns building %s into "
                                                            "dwellings, but after %s it already "
                                                            "has %d dwelling",
                                                            "%s turns building %s into "
                                                            "dwellings, but after %s it already "
                                                            "has %d dwellings", total),
                                               label, ids[0], earlier, total)
                            : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s turns building %s into "
                                                            "dwellings, but it already has %d "
                                                            "dwelling",
                                                            "%s turns building %s into "
                                                            "dwellings, but it already has %d "
                                                            "dwellings", total),
                                               label, ids[0], total));
    }

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      g_autofree char *segment = NULL;
      int removed = -delta->counts[s];
      int has = state->mix.counts[s];

      if (removed <= 0 || removed <= has)
        continue;
      segment = segment_words (s);
      return problem_new (walk, proposal, WM_PROPOSAL_ERROR_NOT_ENOUGH,
                          earlier != NULL
                            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s takes %d %s dwelling out of "
                                                            "building %s, but after %s it has %d",
                                                            "%s takes %d %s dwellings out of "
                                                            "building %s, but after %s it has %d",
                                                            removed),
                                               label, removed, segment, ids[0], earlier, has)
                            : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s takes %d %s dwelling out of "
                                                            "building %s, but it has %d",
                                                            "%s takes %d %s dwellings out of "
                                                            "building %s, but it has %d",
                                                            removed),
                                               label, removed, segment, ids[0], has));
    }
  return NULL;
}

static WmPlanProblem *
check_remove_facility (Walk       *walk,
                       WmProposal *proposal,
                       const char *label)
{
  const char *id = wm_proposal_get_facility_id (proposal);
  WmProposal *earlier;

  if (id == NULL)
    return NULL;
  if (wm_plan_find_facility (walk->plan, id) == NULL)
    return problem_new (walk, proposal, WM_PROPOSAL_ERROR_UNKNOWN_FACILITY,
                        g_strdup_printf (_("%s removes facility %s, which is not in the "
                                           "project"), label, id));
  earlier = g_hash_table_lookup (walk->removed, id);
  if (earlier != NULL)
    {
      g_autofree char *earlier_label = proposal_label (walk->plan, earlier);

      return problem_new (walk, proposal, WM_PROPOSAL_ERROR_FACILITY_REMOVED,
                          /* Translators: the first and last %s are proposals. */
                          g_strdup_printf (_("%s removes facility %s, but %s already removes "
                                             "it"), label, id, earlier_label));
    }
  return NULL;
}

static WmPlanProblem *
check_one (Walk       *walk,
           WmProposal *proposal)
{
  g_autofree char *label = proposal_label (walk->plan, proposal);
  WmPlanProblem *problem = check_sizes (walk, proposal, label);

  if (problem == NULL)
    problem = check_start (walk, proposal, label);
  if (problem != NULL)
    return problem;

  switch (wm_proposal_get_kind (proposal))
    {
    case WM_PROPOSAL_NEW_BUILD:
      return check_footprint (walk, proposal, label);
    case WM_PROPOSAL_DEMOLISH:
      return check_demolish (walk, proposal, label);
    case WM_PROPOSAL_CONVERT_TENURE:
    case WM_PROPOSAL_RENOVATE:
    case WM_PROPOSAL_TRANSFORM:
    case WM_PROPOSAL_SPLIT_MERGE:
      return check_building_change (walk, proposal, label);
    case WM_PROPOSAL_REMOVE_FACILITY:
      return check_remove_facility (walk, proposal, label);
    case WM_PROPOSAL_ADD_FACILITY:
    case WM_N_PROPOSAL_KINDS:
    default:
      return NULL;
    }
}

/* The proposal's effect, by the projection's rules (also when it has a problem: the figures
 * after it are the ones the rest of the application shows). */
static void
apply_one (Walk       *walk,
           WmProposal *proposal,
           guint       step)
{
  const char *const *ids = wm_proposal_get_building_ids (proposal);
  WmProposalKind kind = wm_proposal_get_kind (proposal);
  guint n = kind == WM_PROPOSAL_DEMOLISH ? G_MAXUINT : 1;

  if (kind == WM_PROPOSAL_REMOVE_FACILITY && wm_proposal_get_facility_id (proposal) != NULL &&
      !g_hash_table_contains (walk->removed, wm_proposal_get_facility_id (proposal)))
    g_hash_table_insert (walk->removed, (gpointer) wm_proposal_get_facility_id (proposal),
                         proposal);

  /* A count no plan has is reported, not added up (the sum could leave the range of int). */
  if (!sane_sizes (proposal))
    return;
  for (guint i = 0; ids != NULL && ids[i] != NULL && i < n; i++)
    {
      BuildingState *state = building_state (walk, ids[i]);
      const WmDwellingMix *delta = wm_proposal_get_dwelling_delta (proposal);
      gboolean fits = TRUE;

      for (guint s = 0; state != NULL && kind != WM_PROPOSAL_DEMOLISH && s < WM_N_SEGMENTS; s++)
        fits &= (gint64) state->mix.counts[s] + delta->counts[s] >= G_MININT &&
                (gint64) state->mix.counts[s] + delta->counts[s] <= G_MAXINT;
      if (state != NULL && fits &&
          wm_projection_apply_to_building (proposal, ids[i], &state->mix, &state->demolished))
        {
          state->last = proposal;
          state->step = step;
        }
    }
}

GPtrArray *
wm_plan_check_proposals (WmPlan     *plan,
                         WmScenario *scenario,
                         GPtrArray  *proposals)
{
  g_autoptr(GListStore) store = NULL;
  g_autofree guint *order = NULL;
  GPtrArray *problems;
  Walk walk = { 0 };
  guint n;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (proposals != NULL, NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_plan_problem_free);
  /* The one order of wm-projection, on the list as it would be. */
  store = g_list_store_new (WM_TYPE_PROPOSAL);
  g_list_store_splice (store, 0, 0, proposals->pdata, proposals->len);
  order = wm_projection_order_positions (G_LIST_MODEL (store), &n);

  walk.plan = plan;
  walk.scenario = scenario;
  walk.buildings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  walk.removed = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < n; k++)
    {
      WmProposal *proposal = g_ptr_array_index (proposals, order[k]);
      WmPlanProblem *problem = check_one (&walk, proposal);

      if (problem != NULL)
        g_ptr_array_add (problems, problem);
      apply_one (&walk, proposal, k);
    }
  g_hash_table_unref (walk.buildings);
  g_hash_table_unref (walk.removed);
  return problems;
}

/* The scenario's proposals in list order: a new array holding a reference to each. */
static GPtrArray *
scenario_list (WmScenario *scenario)
{
  GListModel *proposals = wm_scenario_get_proposals (scenario);
  guint n = g_list_model_get_n_items (proposals);
  GPtrArray *list = g_ptr_array_new_full (n + 1, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (list, g_list_model_get_item (proposals, i));
  return list;
}

GPtrArray *
wm_plan_check_scenario (WmPlan     *plan,
                        WmScenario *scenario)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), NULL);

  if (scenario == NULL)
    scenario = wm_plan_get_active_scenario (plan);
  list = scenario_list (scenario);
  return wm_plan_check_proposals (plan, scenario, list);
}

GPtrArray *
wm_plan_check (WmPlan *plan)
{
  GListModel *scenarios;
  GPtrArray *problems;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_plan_problem_free);
  scenarios = wm_plan_get_scenarios (plan);
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(WmScenario) scenario = g_list_model_get_item (scenarios, i);
      g_autoptr(GPtrArray) found = wm_plan_check_scenario (plan, scenario);

      /* Moved, not copied: the free function goes with the array emptied below. */
      for (guint k = 0; k < found->len; k++)
        g_ptr_array_add (problems, g_ptr_array_index (found, k));
      g_ptr_array_set_free_func (found, NULL);
    }
  return problems;
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *id)
{
  for (guint i = 0; i < problems->len; i++)
    {
      WmPlanProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (wm_proposal_get_id (problem->proposal), id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* What a change touches: the buildings its proposals name and the facilities they remove. A
 * proposal's problem follows only from the figures of the buildings it names (each building's
 * figures only from the proposals naming it) and from the removals of its facility, so only
 * proposals sharing one of these can gain or lose a problem: the check walks just those, not
 * the whole scenario. */
typedef struct
{
  GHashTable *buildings;  /* id (borrowed) */
  GHashTable *facilities; /* id (borrowed) */
  GHashTable *changed;    /* WmProposal (borrowed): the changed ones, always judged */
} Touched;

static void
touched_init (Touched *touched)
{
  touched->buildings = g_hash_table_new (g_str_hash, g_str_equal);
  touched->facilities = g_hash_table_new (g_str_hash, g_str_equal);
  touched->changed = g_hash_table_new (NULL, NULL);
}

static void
touched_clear (Touched *touched)
{
  g_clear_pointer (&touched->buildings, g_hash_table_unref);
  g_clear_pointer (&touched->facilities, g_hash_table_unref);
  g_clear_pointer (&touched->changed, g_hash_table_unref);
}

static const char *
removed_facility (WmProposal *proposal)
{
  return wm_proposal_get_kind (proposal) == WM_PROPOSAL_REMOVE_FACILITY
           ? wm_proposal_get_facility_id (proposal)
           : NULL;
}

static void
add_buildings (GHashTable *set,
               WmProposal *proposal)
{
  const char *const *ids = wm_proposal_get_building_ids (proposal);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_hash_table_add (set, (gpointer) ids[i]);
}

static void
touched_add (Touched    *touched,
             WmProposal *proposal,
             gboolean    changed)
{
  const char *facility = removed_facility (proposal);

  add_buildings (touched->buildings, proposal);
  if (facility != NULL)
    g_hash_table_add (touched->facilities, (gpointer) facility);
  if (changed)
    g_hash_table_add (touched->changed, proposal);
}

static gboolean
names_any (WmProposal *proposal,
           GHashTable *buildings)
{
  const char *const *ids = wm_proposal_get_building_ids (proposal);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (g_hash_table_contains (buildings, ids[i]))
      return TRUE;
  return FALSE;
}

/* The problems that the proposals of @list (the scenario as it is or would be) sharing a
 * building or a removed facility with @touched have, as wm_plan_check_proposals() finds them
 * on the whole list: it walks those proposals and the others naming a building they name (the
 * figures of those buildings follow from them), in list order, and keeps the problems of the
 * first kind only. */
static GPtrArray *
check_touched (WmPlan     *plan,
               WmScenario *scenario,
               GPtrArray  *list,
               Touched    *touched)
{
  g_autoptr(GHashTable) judged = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) needed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) part = g_ptr_array_new ();
  GPtrArray *problems;
  guint j = 0;

  for (guint i = 0; i < list->len; i++)
    {
      WmProposal *proposal = g_ptr_array_index (list, i);
      const char *facility = removed_facility (proposal);

      if (g_hash_table_contains (touched->changed, proposal) ||
          names_any (proposal, touched->buildings) ||
          (facility != NULL && g_hash_table_contains (touched->facilities, facility)))
        {
          g_hash_table_add (judged, proposal);
          add_buildings (needed, proposal);
        }
    }
  for (guint i = 0; i < list->len; i++)
    {
      WmProposal *proposal = g_ptr_array_index (list, i);

      if (g_hash_table_contains (judged, proposal) || names_any (proposal, needed))
        g_ptr_array_add (part, proposal);
    }

  problems = wm_plan_check_proposals (plan, scenario, part);
  for (guint i = 0; i < problems->len; i++)
    {
      WmPlanProblem *problem = g_ptr_array_index (problems, i);

      if (g_hash_table_contains (judged, problem->proposal))
        g_ptr_array_index (problems, j++) = problem;
      else
        wm_plan_problem_free (problem);
    }
  /* The kept ones were moved: shrink without freeing them. */
  g_ptr_array_set_free_func (problems, NULL);
  g_ptr_array_set_size (problems, j);
  g_ptr_array_set_free_func (problems, (GDestroyNotify) wm_plan_problem_free);
  return problems;
}

/* Of @problems (of the touched part of @list), the one to refuse a change for: first one of
 * the changed proposals, else the first one a proposal did not have in @scenario as it is.
 * NULL when there is none. */
static WmPlanProblem *
refusal (WmPlan     *plan,
         WmScenario *scenario,
         Touched    *touched,
         GPtrArray  *problems)
{
  g_autoptr(GPtrArray) before = NULL;

  for (guint i = 0; i < problems->len; i++)
    {
      WmPlanProblem *problem = g_ptr_array_index (problems, i);

      if (g_hash_table_contains (touched->changed, problem->proposal))
        return problem;
    }
  for (guint i = 0; i < problems->len; i++)
    {
      WmPlanProblem *problem = g_ptr_array_index (problems, i);

      if (before == NULL)
        {
          g_autoptr(GPtrArray) current = scenario_list (scenario);

          before = check_touched (plan, scenario, current, touched);
        }
      if (!has_problem (before, wm_proposal_get_id (problem->proposal)))
        return problem;
    }
  return NULL;
}

gboolean
wm_plan_check_change (WmPlan      *plan,
                      WmScenario  *scenario,
                      WmProposal  *original,
                      WmProposal  *changed,
                      guint        position,
                      GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  WmPlanProblem *problem;
  Touched touched;
  guint index;

  g_return_val_if_fail (WM_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (original == NULL || WM_IS_PROPOSAL (original), FALSE);
  g_return_val_if_fail (changed == NULL || WM_IS_PROPOSAL (changed), FALSE);
  g_return_val_if_fail (original != NULL || changed != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (scenario == NULL)
    scenario = wm_plan_get_active_scenario (plan);
  list = scenario_list (scenario);
  if (original == NULL)
    g_ptr_array_insert (list, MIN (position, list->len), g_object_ref (changed));
  else
    {
      if (!g_ptr_array_find (list, original, &index))
        {
          g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                               _("The proposal is not part of the plan"));
          return FALSE;
        }
      if (changed != NULL)
        {
          g_object_unref (g_ptr_array_index (list, index));
          g_ptr_array_index (list, index) = g_object_ref (changed);
        }
      else
        g_ptr_array_remove_index (list, index);
    }

  touched_init (&touched);
  if (original != NULL)
    touched_add (&touched, original, FALSE);
  if (changed != NULL)
    touched_add (&touched, changed, TRUE);
  problems = check_touched (plan, scenario, list, &touched);
  problem = problems->len > 0 ? refusal (plan, scenario, &touched, problems) : NULL;
  if (problem != NULL)
    g_set_error_literal (error, WM_PROPOSAL_ERROR, problem->code, problem->message);
  touched_clear (&touched);
  return problem == NULL;
}

gboolean
wm_plan_check_append (WmPlan      *plan,
                      WmScenario  *scenario,
                      GPtrArray   *proposals,
                      guint       *out_index,
                      GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  WmPlanProblem *problem;
  Touched touched;
  guint first, index;

  g_return_val_if_fail (WM_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (proposals != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_index != NULL)
    *out_index = G_MAXUINT;
  if (scenario == NULL)
    scenario = wm_plan_get_active_scenario (plan);
  list = scenario_list (scenario);
  first = list->len;
  touched_init (&touched);
  for (guint i = 0; i < proposals->len; i++)
    {
      g_ptr_array_add (list, g_object_ref (g_ptr_array_index (proposals, i)));
      touched_add (&touched, g_ptr_array_index (proposals, i), TRUE);
    }

  problems = check_touched (plan, scenario, list, &touched);
  problem = problems->len > 0 ? refusal (plan, scenario, &touched, problems) : NULL;
  if (problem != NULL)
    {
      if (out_index != NULL && g_ptr_array_find (list, problem->proposal, &index) &&
          index >= first)
        *out_index = index - first;
      g_set_error_literal (error, WM_PROPOSAL_ERROR, problem->code, problem->message);
    }
  touched_clear (&touched);
  return problem == NULL;
}
