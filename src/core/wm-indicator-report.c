/* wm-indicator-report.c: the indicators of a plan as a JSON document */
#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "wm-indicator-report.h"
#include "wm-json-guard.h"
#include "wm-tenure-estimate.h"

gboolean
wm_indicator_report_key_is_count (const char *key)
{
  return g_str_equal (key, "dwellings") || g_str_has_prefix (key, "dwellings.") ||
         g_str_equal (key, "households_to_rehouse");
}

static void
add_number (JsonBuilder *builder,
            const char  *key,
            double       value)
{
  /* A count is whole; only a finite one in range can be cast (a NaN is written as null). */
  if (wm_indicator_report_key_is_count (key) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

/* A fraction of no dwellings is null (wm_indicator_engine_is_defined()). */
static double
value_or_nan (WmIndicatorEngine *engine,
              const char        *key,
              const char        *area_id,
              WmIndicatorState   state)
{
  if (!wm_indicator_engine_is_defined (engine, key, area_id, state))
    return NAN;
  return wm_indicator_engine_get (engine, key, area_id, state);
}

static void
add_number_or_null (JsonBuilder *builder,
                    const char  *key,
                    double       value)
{
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    add_number (builder, key, value);
}

/* Beside a D: "units" and "chance", each with baseline and projected. */
static void
add_dissimilarity_detail (JsonBuilder       *builder,
                          WmIndicatorEngine *engine,
                          const char        *key)
{
  WmDissimilarity d[2];

  if (!wm_indicator_engine_get_dissimilarity_detail (engine, key, WM_INDICATOR_BASELINE, &d[0]) ||
      !wm_indicator_engine_get_dissimilarity_detail (engine, key, WM_INDICATOR_PROJECTED, &d[1]))
    return;
  json_builder_set_member_name (builder, "units");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "baseline");
  json_builder_add_int_value (builder, d[0].n_units);
  json_builder_set_member_name (builder, "projected");
  json_builder_add_int_value (builder, d[1].n_units);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "chance");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "baseline");
  json_builder_add_double_value (builder, d[0].chance);
  json_builder_set_member_name (builder, "projected");
  json_builder_add_double_value (builder, d[1].chance);
  json_builder_end_object (builder);
}

/* {"min", "max" (null when not set), "verdict"} of the band of @key; FALSE without a band. */
static gboolean
add_target (JsonBuilder       *builder,
            WmIndicatorEngine *engine,
            const char        *key,
            const char        *member)
{
  WmTargetBand band;
  WmTargetVerdict verdict;

  if (!wm_indicator_engine_get_target (engine, key, &band, &verdict))
    return FALSE;
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "min");
  if (isnan (band.min))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, band.min);
  json_builder_set_member_name (builder, "max");
  if (isnan (band.max))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, band.max);
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, wm_target_verdict_key (verdict));
  json_builder_end_object (builder);
  return TRUE;
}

static void
add_indicators (JsonBuilder       *builder,
                WmIndicatorEngine *engine,
                const char        *area_id)
{
  for (const char *const *k = wm_indicator_engine_get_keys (engine, area_id == NULL); *k != NULL;
       k++)
    {
      double b = value_or_nan (engine, *k, area_id, WM_INDICATOR_BASELINE);
      double p = value_or_nan (engine, *k, area_id, WM_INDICATOR_PROJECTED);

      json_builder_set_member_name (builder, *k);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "baseline");
      add_number_or_null (builder, *k, b);
      json_builder_set_member_name (builder, "projected");
      add_number_or_null (builder, *k, p);
      json_builder_set_member_name (builder, "change");
      add_number_or_null (builder, *k, p - b);
      add_dissimilarity_detail (builder, engine, *k);
      if (area_id == NULL)
        add_target (builder, engine, *k, "target");
      json_builder_end_object (builder);
    }
}

static void
add_source_counts (JsonBuilder  *builder,
                   const gint64  counts[3])
{
  json_builder_begin_object (builder);
  for (WmTenureSource s = WM_TENURE_STATED; s <= WM_TENURE_LISTED; s++)
    {
      json_builder_set_member_name (builder, wm_tenure_source_key (s));
      json_builder_add_int_value (builder, counts[s]);
    }
  json_builder_end_object (builder);
}

/* "tenure": where the baseline's split over the segments comes from (wm-tenure-estimate.h):
 * dwellings and buildings by source, the CBS year, the sentence the UI shows, and per area
 * (and outside them, id null) the basis of its estimate. */
static void
add_tenure (JsonBuilder *builder,
            WmPlan      *plan)
{
  WmTenureSummary summary;
  g_autofree char *description = wm_tenure_describe (plan);
  gint64 buildings[3];

  wm_tenure_summarise (plan, &summary);
  json_builder_set_member_name (builder, "tenure");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dwellings");
  add_source_counts (builder, summary.dwellings);
  for (guint s = 0; s < 3; s++)
    buildings[s] = summary.buildings[s];
  json_builder_set_member_name (builder, "buildings");
  add_source_counts (builder, buildings);
  json_builder_set_member_name (builder, "cbs_year");
  if (summary.year > 0)
    json_builder_add_int_value (builder, summary.year);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "description");
  if (description != NULL)
    json_builder_add_string_value (builder, description);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "areas");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summary.areas->len; i++)
    {
      WmTenureAreaSummary *a = g_ptr_array_index (summary.areas, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      if (a->area_id != NULL)
        json_builder_add_string_value (builder, a->area_id);
      else
        json_builder_add_null_value (builder);
      /* The basis only matters where something is estimated. */
      json_builder_set_member_name (builder, "basis");
      if (a->dwellings[WM_TENURE_ESTIMATED] > 0)
        json_builder_add_string_value (builder, wm_tenure_basis_key (a->basis));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "year");
      if (a->dwellings[WM_TENURE_ESTIMATED] > 0 && a->year > 0)
        json_builder_add_int_value (builder, a->year);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "dwellings");
      add_source_counts (builder, a->dwellings);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  wm_tenure_summary_clear (&summary);
}

void
wm_indicator_report_add_total_and_areas (JsonBuilder       *builder,
                                         WmIndicatorEngine *engine)
{
  GListModel *areas = wm_plan_get_areas (wm_indicator_engine_get_plan (engine));

  json_builder_set_member_name (builder, "total");
  json_builder_begin_object (builder);
  add_indicators (builder, engine, NULL);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "areas");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WmArea) area = g_list_model_get_item (areas, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, wm_area_get_id (area));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, wm_area_get_name (area));
      add_indicators (builder, engine, wm_area_get_id (area));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

char *
wm_indicator_report_to_json (WmIndicatorEngine *engine)
{
  WmPlan *plan = wm_indicator_engine_get_plan (engine);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  WmScenario *scenario = wm_indicator_engine_get_scenario (engine);
  WmTargets *targets = wm_targets_get_for_plan (plan);
  g_auto (GStrv) target_keys = wm_targets_dup_keys (targets);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "project");
  json_builder_add_string_value (builder, wm_plan_get_name (plan));
  json_builder_set_member_name (builder, "illustrative");
  json_builder_add_boolean_value (builder, wm_plan_get_illustrative (plan));
  add_tenure (builder, plan);
  json_builder_set_member_name (builder, "scenario");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, wm_scenario_get_id (scenario));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, wm_scenario_get_name (scenario));
  json_builder_end_object (builder);
  /* As of the end of a year: only there, so the report of the whole plan is as it was. */
  if (wm_indicator_engine_get_year (engine) != WM_INDICATOR_ALL_YEARS)
    {
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, wm_indicator_engine_get_year (engine));
    }

  json_builder_set_member_name (builder, "coverage_radius_m");
  json_builder_begin_object (builder);
  for (const char *const *k = wm_indicator_engine_get_coverage_kinds (engine); *k != NULL; k++)
    {
      json_builder_set_member_name (builder, *k);
      json_builder_add_double_value (builder,
                                     wm_indicator_engine_get_coverage_radius (engine, *k));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "targets");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "preset");
  json_builder_add_string_value (builder, wm_target_preset_key (wm_targets_get_preset (targets)));
  json_builder_set_member_name (builder, "close_margin");
  json_builder_add_double_value (builder, wm_targets_get_close_margin (targets));
  json_builder_set_member_name (builder, "bands");
  json_builder_begin_object (builder);
  for (guint i = 0; target_keys[i] != NULL; i++)
    add_target (builder, engine, target_keys[i], target_keys[i]);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  wm_indicator_report_add_total_and_areas (builder, engine);

  /* Not an area: the dwellings outside every area (and those of proposals without a place). */
  json_builder_set_member_name (builder, "outside_areas");
  json_builder_begin_object (builder);
  add_indicators (builder, engine, WM_INDICATOR_AREA_OUTSIDE);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  /* Not json_generator_to_data(): it writes 1e17 as the invalid `1e+17.0`. */
  return wm_json_guard_to_data (root, TRUE, NULL);
}
