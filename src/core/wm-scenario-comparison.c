/* wm-scenario-comparison.c: the baseline and several scenarios of a plan side by side */
#include "config.h"

#include <math.h>

#include "wm-checklist.h"
#include "wm-scenario-comparison.h"

/* Distances closer than this are the same: a share computed along two paths may differ in the
 * last bits, and that must not make one scenario "best". */
#define SAME_DISTANCE 1e-9

double
wm_scenario_comparison_band_distance (const WmTargetBand *band,
                                      double              value)
{
  if (!isnan (band->min) && value < band->min)
    return band->min - value;
  if (!isnan (band->max) && value > band->max)
    return value - band->max;
  return 0.0;
}

static double
value_or_nan (WmIndicatorEngine *engine,
              const char        *key,
              WmIndicatorState   state)
{
  if (!wm_indicator_engine_is_defined (engine, key, NULL, state))
    return NAN;
  return wm_indicator_engine_get (engine, key, NULL, state);
}

static guint
count_active_items (WmChecklist *checklist)
{
  GListModel *items = wm_checklist_get_items (checklist);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (WmChecklistItem) item = g_list_model_get_item (items, i);

      if (wm_checklist_item_get_active (item))
        n++;
    }
  return n;
}

/* Marks the cells at the smallest distance from the band, unless every judged cell lies at
 * the same distance (then no scenario is better than another). */
static void
mark_best (WmComparisonRow *row)
{
  double nearest = INFINITY, farthest = -INFINITY;

  if (!row->has_band)
    return;
  for (guint i = 0; i < row->cells->len; i++)
    {
      WmComparisonCell *cell = &g_array_index (row->cells, WmComparisonCell, i);
      double d;

      if (cell->verdict == WM_TARGET_VERDICT_NONE || isnan (cell->value))
        continue;
      d = wm_scenario_comparison_band_distance (&row->band, cell->value);
      nearest = MIN (nearest, d);
      farthest = MAX (farthest, d);
    }
  if (isinf (nearest) || farthest - nearest <= SAME_DISTANCE)
    return;
  for (guint i = 0; i < row->cells->len; i++)
    {
      WmComparisonCell *cell = &g_array_index (row->cells, WmComparisonCell, i);

      cell->best = cell->verdict != WM_TARGET_VERDICT_NONE && !isnan (cell->value) &&
                   wm_scenario_comparison_band_distance (&row->band, cell->value) - nearest <=
                     SAME_DISTANCE;
    }
}

static void
clear_row (gpointer data)
{
  WmComparisonRow *row = data;

  g_free (row->key);
  g_free (row->label);
  g_array_unref (row->cells);
}

static void
clear_scenario (gpointer data)
{
  WmComparisonScenario *s = data;

  g_clear_object (&s->scenario);
}

WmScenarioComparison *
wm_scenario_comparison_new (WmPlan             *plan,
                            WmScenario *const  *scenarios,
                            guint               n_scenarios,
                            WmRoadmapCatalogue *catalogue)
{
  return wm_scenario_comparison_new_at_year (plan, scenarios, n_scenarios, catalogue,
                                             WM_INDICATOR_ALL_YEARS);
}

WmScenarioComparison *
wm_scenario_comparison_new_at_year (WmPlan             *plan,
                                    WmScenario *const  *scenarios,
                                    guint               n_scenarios,
                                    WmRoadmapCatalogue *catalogue,
                                    int                 year)
{
  g_autoptr (WmIndicatorEngine) engine = NULL;
  g_autoptr (WmScenario) first = NULL;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (year >= 0, NULL);

  /* Start on the first scenario compared: one switch fewer. */
  first = scenarios != NULL && n_scenarios > 0
    ? g_object_ref (scenarios[0]) : g_list_model_get_item (wm_plan_get_scenarios (plan), 0);
  engine = wm_indicator_engine_new (plan, first);
  return wm_scenario_comparison_new_with_engine (engine, scenarios, n_scenarios, catalogue, year);
}

WmScenarioComparison *
wm_scenario_comparison_new_with_engine (WmIndicatorEngine  *engine,
                                        WmScenario *const  *scenarios,
                                        guint               n_scenarios,
                                        WmRoadmapCatalogue *catalogue,
                                        int                 year)
{
  g_autoptr (GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (WmChecklist) checklist = NULL;
  g_autoptr (WmScenario) saved_scenario = NULL;
  WmPlan *plan;
  int saved_year;
  WmScenarioComparison *self;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (engine), NULL);
  g_return_val_if_fail (year >= 0, NULL);
  plan = wm_indicator_engine_get_plan (engine);
  saved_scenario = g_object_ref (wm_indicator_engine_get_scenario (engine));
  saved_year = wm_indicator_engine_get_year (engine);
  if (scenarios == NULL)
    {
      GListModel *all = wm_plan_get_scenarios (plan);

      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        g_ptr_array_add (chosen, g_list_model_get_item (all, i));
    }
  else
    for (guint i = 0; i < n_scenarios; i++)
      g_ptr_array_add (chosen, g_object_ref (scenarios[i]));
  g_return_val_if_fail (chosen->len > 0, NULL);

  self = g_new0 (WmScenarioComparison, 1);
  self->plan = g_object_ref (plan);
  self->year = year;
  self->scenarios = g_array_new (FALSE, TRUE, sizeof (WmComparisonScenario));
  g_array_set_clear_func (self->scenarios, clear_scenario);
  self->rows = g_array_new (FALSE, TRUE, sizeof (WmComparisonRow));
  g_array_set_clear_func (self->rows, clear_row);

  /* The year first: switching scenarios keeps it, and the checklist then counts only the
   * proposals completed by then. */
  wm_indicator_engine_set_year (engine, year);
  checklist = wm_checklist_new (engine, catalogue);

  /* The keys and the baseline do not depend on the scenario. */
  for (const char *const *k = wm_indicator_engine_get_keys (engine, TRUE); *k != NULL; k++)
    {
      WmComparisonRow row = { 0 };
      WmTargetVerdict verdict;

      row.key = g_strdup (*k);
      row.label = wm_indicator_engine_get_label (engine, *k);
      row.baseline = value_or_nan (engine, *k, WM_INDICATOR_BASELINE);
      row.has_band = wm_indicator_engine_get_target (engine, *k, &row.band, &verdict);
      row.cells = g_array_sized_new (FALSE, TRUE, sizeof (WmComparisonCell), chosen->len);
      g_array_append_val (self->rows, row);
    }

  for (guint s = 0; s < chosen->len; s++)
    {
      WmScenario *scenario = g_ptr_array_index (chosen, s);
      WmComparisonScenario entry = { 0 };

      /* By deltas from the previous scenario; the checklist follows the engine. */
      wm_indicator_engine_set_scenario (engine, scenario);
      wm_checklist_refresh (checklist);
      entry.scenario = g_object_ref (scenario);
      entry.n_checklist_items = count_active_items (checklist);
      entry.households_to_rehouse = (gint64) wm_indicator_engine_get (
        engine, "households_to_rehouse", NULL, WM_INDICATOR_PROJECTED);
      g_array_append_val (self->scenarios, entry);

      for (guint r = 0; r < self->rows->len; r++)
        {
          WmComparisonRow *row = &g_array_index (self->rows, WmComparisonRow, r);
          WmComparisonCell cell = { 0 };
          WmTargetBand band;

          cell.value = value_or_nan (engine, row->key, WM_INDICATOR_PROJECTED);
          cell.difference = cell.value - row->baseline;
          wm_indicator_engine_get_target (engine, row->key, &band, &cell.verdict);
          g_array_append_val (row->cells, cell);
        }
    }

  for (guint r = 0; r < self->rows->len; r++)
    mark_best (&g_array_index (self->rows, WmComparisonRow, r));
  /* The engine as it was, by deltas again. */
  g_clear_object (&checklist);
  wm_indicator_engine_set_scenario (engine, saved_scenario);
  wm_indicator_engine_set_year (engine, saved_year);
  return self;
}

void
wm_scenario_comparison_free (WmScenarioComparison *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->rows);
  g_array_unref (self->scenarios);
  g_object_unref (self->plan);
  g_free (self);
}

const WmComparisonRow *
wm_scenario_comparison_find_row (const WmScenarioComparison *self,
                                 const char                 *key)
{
  for (guint r = 0; r < self->rows->len; r++)
    {
      const WmComparisonRow *row = &g_array_index (self->rows, WmComparisonRow, r);

      if (g_str_equal (row->key, key))
        return row;
    }
  return NULL;
}
