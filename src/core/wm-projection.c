/* wm-projection.c: the plan's order of proposals and a building's dwellings after the plan */
#include "config.h"

#include <string.h>

#include "wm-projection.h"
#include "wm-timeline.h"

/* Undated proposals (year 0) sort after every dated one: they are not scheduled yet. */
static gint64
year_key (int year)
{
  return year == 0 ? G_MAXINT64 : year;
}

int
wm_projection_compare (int   year_a,
                       guint position_a,
                       int   year_b,
                       guint position_b)
{
  gint64 ka = year_key (year_a), kb = year_key (year_b);

  if (ka != kb)
    return ka < kb ? -1 : 1;
  return position_a < position_b ? -1 : position_a > position_b;
}

typedef struct
{
  int year;
  guint position;
} OrderKey;

static int
order_key_cmp (gconstpointer a,
               gconstpointer b)
{
  const OrderKey *x = a, *y = b;

  return wm_projection_compare (x->year, x->position, y->year, y->position);
}

guint *
wm_projection_order_positions (GListModel *proposals,
                               guint      *n)
{
  guint len;
  g_autofree OrderKey *keys = NULL;
  guint *positions;

  g_return_val_if_fail (G_IS_LIST_MODEL (proposals), NULL);

  len = g_list_model_get_n_items (proposals);
  keys = g_new (OrderKey, MAX (len, 1));
  for (guint i = 0; i < len; i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, i);

      keys[i].year = wm_proposal_get_year (proposal);
      keys[i].position = i;
    }
  /* Positions are unique, so the order is total and the sort needs no stability. */
  qsort (keys, len, sizeof (OrderKey), order_key_cmp);

  positions = g_new (guint, MAX (len, 1));
  for (guint i = 0; i < len; i++)
    positions[i] = keys[i].position;
  if (n != NULL)
    *n = len;
  return positions;
}

GPtrArray *
wm_projection_order (GListModel *proposals)
{
  g_autofree guint *positions = NULL;
  GPtrArray *result;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (proposals), NULL);

  positions = wm_projection_order_positions (proposals, &n);
  result = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (result, g_list_model_get_item (proposals, positions[i]));
  return result;
}

static gboolean
acts_on_buildings (WmProposalKind kind)
{
  return kind == WM_PROPOSAL_CONVERT_TENURE || kind == WM_PROPOSAL_RENOVATE ||
         kind == WM_PROPOSAL_TRANSFORM || kind == WM_PROPOSAL_SPLIT_MERGE;
}

gboolean
wm_projection_apply_to_building (WmProposal    *proposal,
                                 const char    *building_id,
                                 WmDwellingMix *dwellings,
                                 gboolean      *demolished)
{
  WmProposalKind kind;
  const char *const *ids;

  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);
  g_return_val_if_fail (building_id != NULL, FALSE);

  kind = wm_proposal_get_kind (proposal);
  ids = wm_proposal_get_building_ids (proposal);
  if (ids == NULL)
    return FALSE;

  if (kind == WM_PROPOSAL_DEMOLISH && g_strv_contains (ids, building_id))
    {
      *demolished = TRUE;
      memset (dwellings, 0, sizeof *dwellings);
      return TRUE;
    }
  /* A demolished building is gone: nothing after the demolition acts on it (validation refuses
   * such proposals; a file may still hold them). */
  if (acts_on_buildings (kind) && ids[0] != NULL && g_str_equal (ids[0], building_id) &&
      !*demolished)
    {
      wm_dwelling_mix_add (dwellings, wm_proposal_get_dwelling_delta (proposal));
      return TRUE;
    }
  return FALSE;
}

static WmScenario *
resolve_scenario (WmPlan     *plan,
                  WmScenario *scenario)
{
  return scenario != NULL ? scenario : wm_plan_get_active_scenario (plan);
}

/* The proposal of @proposals at position @i comes before a proposal of @year, id @id at
 * @position (NULL @id: after everything). */
static gboolean
comes_before (WmProposal *other,
              guint       i,
              const char *id,
              int         year,
              guint       position)
{
  if (id == NULL)
    return TRUE;
  if (g_strcmp0 (wm_proposal_get_id (other), id) == 0)
    return FALSE;
  return wm_projection_compare (wm_proposal_get_year (other), i, year, position) < 0;
}

static WmDwellingMix
building_before (WmPlan     *plan,
                 WmScenario *scenario,
                 const char *id,
                 int         year,
                 guint       position,
                 const char *building_id,
                 gboolean   *out_demolished)
{
  WmDwellingMix mix = { { 0 } };
  g_autofree guint *order = NULL;
  WmBuilding *building;
  GListModel *proposals;
  gboolean demolished = FALSE;
  guint n;

  if (out_demolished != NULL)
    *out_demolished = FALSE;

  building = wm_plan_find_building (plan, building_id);
  if (building == NULL)
    return mix;

  mix = *wm_building_get_dwellings (building);
  proposals = wm_scenario_get_proposals (resolve_scenario (plan, scenario));
  order = wm_projection_order_positions (proposals, &n);
  for (guint k = 0; k < n; k++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, order[k]);

      /* In order, so the first one not before stops the walk. */
      if (!comes_before (proposal, order[k], id, year, position))
        {
          if (id != NULL && g_strcmp0 (wm_proposal_get_id (proposal), id) == 0)
            continue;
          break;
        }
      wm_projection_apply_to_building (proposal, building_id, &mix, &demolished);
    }

  if (out_demolished != NULL)
    *out_demolished = demolished;
  return mix;
}

WmDwellingMix
wm_projected_building_dwellings (WmPlan     *plan,
                                 WmScenario *scenario,
                                 guint       position,
                                 const char *building_id,
                                 gboolean   *out_demolished)
{
  WmDwellingMix none = { { 0 } };
  GListModel *proposals;
  g_autoptr(WmProposal) at = NULL;

  if (out_demolished != NULL)
    *out_demolished = FALSE;

  g_return_val_if_fail (WM_IS_PLAN (plan), none);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), none);

  proposals = wm_scenario_get_proposals (resolve_scenario (plan, scenario));
  if (position < g_list_model_get_n_items (proposals))
    at = g_list_model_get_item (proposals, position);

  return building_before (plan, scenario, at != NULL ? wm_proposal_get_id (at) : NULL,
                          at != NULL ? wm_proposal_get_year (at) : 0, position, building_id,
                          out_demolished);
}

WmDwellingMix
wm_projected_building_dwellings_before (WmPlan     *plan,
                                        WmScenario *scenario,
                                        WmProposal *proposal,
                                        guint       position,
                                        const char *building_id,
                                        gboolean   *out_demolished)
{
  WmDwellingMix none = { { 0 } };

  if (out_demolished != NULL)
    *out_demolished = FALSE;

  g_return_val_if_fail (WM_IS_PLAN (plan), none);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), none);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), none);

  return building_before (plan, scenario, wm_proposal_get_id (proposal),
                          wm_proposal_get_year (proposal), position, building_id,
                          out_demolished);
}

/* The entry of @building_id, made from its baseline on first use; NULL for an unknown id. */
static WmProjectedBuilding *
projected_entry (WmPlan     *plan,
                 GHashTable *table,
                 const char *building_id)
{
  WmProjectedBuilding *entry = g_hash_table_lookup (table, building_id);
  WmBuilding *building;

  if (entry != NULL)
    return entry;

  building = wm_plan_find_building (plan, building_id);
  if (building == NULL)
    return NULL;

  entry = g_new0 (WmProjectedBuilding, 1);
  entry->dwellings = *wm_building_get_dwellings (building);
  g_hash_table_insert (table, g_strdup (building_id), entry);
  return entry;
}

/* The proposals completed by @year (all for WM_INDICATOR_ALL_YEARS) come first in the plan's
 * order, so the table as of a year is the plan's walk stopped there. */
static GHashTable *
building_table (WmPlan     *plan,
                WmScenario *scenario,
                int         year)
{
  g_autoptr(GPtrArray) order = NULL;
  GHashTable *table;

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  order = wm_projection_order (wm_scenario_get_proposals (resolve_scenario (plan, scenario)));

  /* The same rules as wm_projected_building_dwellings(), for all buildings at once. */
  for (guint i = 0; i < order->len; i++)
    {
      WmProposal *proposal = g_ptr_array_index (order, i);
      const char *const *ids = wm_proposal_get_building_ids (proposal);

      WmProposalKind kind = wm_proposal_get_kind (proposal);
      /* A demolition acts on all its buildings, the others on their first. */
      guint n_named = ids == NULL ? 0
                      : kind == WM_PROPOSAL_DEMOLISH ? g_strv_length ((char **) ids)
                      : acts_on_buildings (kind) && ids[0] != NULL ? 1 : 0;

      if (!wm_timeline_completed_by (proposal, year))
        continue;
      for (guint k = 0; k < n_named; k++)
        {
          WmProjectedBuilding *entry = projected_entry (plan, table, ids[k]);

          if (entry != NULL)
            wm_projection_apply_to_building (proposal, ids[k], &entry->dwellings,
                                             &entry->demolished);
        }
    }

  return table;
}

GHashTable *
wm_projected_building_table (WmPlan     *plan,
                             WmScenario *scenario)
{
  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), NULL);

  return building_table (plan, scenario, 0);
}

static gboolean
facility_removed_before (WmPlan     *plan,
                         WmScenario *scenario,
                         const char *id,
                         int         year,
                         guint       position,
                         const char *facility_id)
{
  GListModel *proposals = wm_scenario_get_proposals (resolve_scenario (plan, scenario));
  guint n = g_list_model_get_n_items (proposals);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, i);

      if (comes_before (proposal, i, id, year, position) &&
          wm_proposal_get_kind (proposal) == WM_PROPOSAL_REMOVE_FACILITY &&
          g_strcmp0 (wm_proposal_get_facility_id (proposal), facility_id) == 0)
        return TRUE;
    }

  return FALSE;
}

gboolean
wm_projected_facility_removed (WmPlan     *plan,
                               WmScenario *scenario,
                               guint       position,
                               const char *facility_id)
{
  GListModel *proposals;
  g_autoptr(WmProposal) at = NULL;

  g_return_val_if_fail (WM_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), FALSE);

  proposals = wm_scenario_get_proposals (resolve_scenario (plan, scenario));
  if (position < g_list_model_get_n_items (proposals))
    at = g_list_model_get_item (proposals, position);

  return facility_removed_before (plan, scenario, at != NULL ? wm_proposal_get_id (at) : NULL,
                                  at != NULL ? wm_proposal_get_year (at) : 0, position,
                                  facility_id);
}

gboolean
wm_projected_facility_removed_before (WmPlan     *plan,
                                      WmScenario *scenario,
                                      WmProposal *proposal,
                                      guint       position,
                                      const char *facility_id)
{
  g_return_val_if_fail (WM_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);

  return facility_removed_before (plan, scenario, wm_proposal_get_id (proposal),
                                  wm_proposal_get_year (proposal), position, facility_id);
}

WmDwellingMix
wm_projected_dwellings_lost (WmPlan            *plan,
                             WmScenario        *scenario,
                             const char *const *building_ids)
{
  WmDwellingMix lost = { { 0 } };

  g_return_val_if_fail (WM_IS_PLAN (plan), lost);

  for (guint i = 0; building_ids != NULL && building_ids[i] != NULL; i++)
    {
      WmDwellingMix mix;
      gboolean demolished;
      gboolean repeated = FALSE;

      for (guint j = 0; j < i; j++)
        repeated = repeated || g_str_equal (building_ids[j], building_ids[i]);
      if (repeated)
        continue;

      mix = wm_projected_building_dwellings (plan, scenario, WM_PROJECTED_ALL, building_ids[i],
                                             &demolished);
      if (!demolished)
        wm_dwelling_mix_add (&lost, &mix);
    }

  return lost;
}

WmDwellingMix
wm_projected_building_dwellings_in_year (WmPlan     *plan,
                                         WmScenario *scenario,
                                         int         year,
                                         const char *building_id,
                                         gboolean   *out_demolished)
{
  WmDwellingMix mix = { { 0 } };
  g_autofree guint *order = NULL;
  WmBuilding *building;
  GListModel *proposals;
  gboolean demolished = FALSE;
  guint n;

  if (out_demolished != NULL)
    *out_demolished = FALSE;

  g_return_val_if_fail (WM_IS_PLAN (plan), mix);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), mix);

  building = building_id != NULL ? wm_plan_find_building (plan, building_id) : NULL;
  if (building == NULL)
    return mix;

  mix = *wm_building_get_dwellings (building);
  proposals = wm_scenario_get_proposals (resolve_scenario (plan, scenario));
  order = wm_projection_order_positions (proposals, &n);
  /* The new proposal is at position n: every proposal of the list differs from it. */
  for (guint k = 0; k < n; k++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, order[k]);

      if (wm_projection_compare (wm_proposal_get_year (proposal), order[k], year, n) > 0)
        break;
      wm_projection_apply_to_building (proposal, building_id, &mix, &demolished);
    }

  if (out_demolished != NULL)
    *out_demolished = demolished;
  return mix;
}

WmDwellingMix
wm_projected_dwellings_lost_in_year (WmPlan            *plan,
                                     WmScenario        *scenario,
                                     int                year,
                                     const char *const *building_ids)
{
  WmDwellingMix lost = { { 0 } };

  g_return_val_if_fail (WM_IS_PLAN (plan), lost);

  for (guint i = 0; building_ids != NULL && building_ids[i] != NULL; i++)
    {
      WmDwellingMix mix;
      gboolean demolished, repeated = FALSE;

      for (guint j = 0; j < i; j++)
        repeated = repeated || g_str_equal (building_ids[j], building_ids[i]);
      if (repeated)
        continue;
      mix = wm_projected_building_dwellings_in_year (plan, scenario, year, building_ids[i],
                                                     &demolished);
      if (!demolished)
        wm_dwelling_mix_add (&lost, &mix);
    }

  return lost;
}

WmDwellingMix
wm_projected_total_dwellings (WmPlan     *plan,
                              WmScenario *scenario)
{
  WmDwellingMix total = { { 0 } };
  GListModel *proposals;
  guint n;

  g_return_val_if_fail (WM_IS_PLAN (plan), total);

  total = wm_plan_get_baseline_dwellings (plan, NULL);
  proposals = wm_scenario_get_proposals (resolve_scenario (plan, scenario));
  n = g_list_model_get_n_items (proposals);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, i);

      wm_dwelling_mix_add (&total, wm_proposal_get_dwelling_delta (proposal));
    }

  return total;
}

GHashTable *
wm_projected_building_table_at_year (WmPlan     *plan,
                                     WmScenario *scenario,
                                     int         year)
{
  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (year >= 0, NULL);

  return building_table (plan, scenario, year);
}
