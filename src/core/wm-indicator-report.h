/* wm-indicator-report.h: the indicators of a plan as a JSON document
 *
 * The format of `wijkmix-cli indicators --json` and of the window's indicator export: an
 * object with project, illustrative, scenario, coverage_radius_m, targets (preset,
 * close_margin, bands: key -> {min, max, verdict}), total, areas (each area with id and name)
 * and outside_areas (the dwellings outside every area); every indicator key holds baseline,
 * projected and change (null for a fraction of no dwellings), each D also units and chance
 * (each with baseline and projected), and in total a key with a band also
 * "target": {min, max, verdict}. When the engine stands at a year (wm_indicator_engine_set_year())
 * the object also holds "year" (an integer, after "scenario"): the projected values are those as
 * of the end of that year. See docs/indicators.md.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "wm-indicator-engine.h"

G_BEGIN_DECLS

/* Pretty-printed JSON text of every indicator of @engine's plan and scenario. */
char *wm_indicator_report_to_json (WmIndicatorEngine *engine);

/* Adds the members "total" and "areas" of that document to the object @builder is in (shared
 * with `wijkmix-cli compare --json`, whose entries hold them exactly as `indicators` does). */
void wm_indicator_report_add_total_and_areas (JsonBuilder *builder, WmIndicatorEngine *engine);

/* TRUE for keys that count dwellings or households (written as integers). */
gboolean wm_indicator_report_key_is_count (const char *key);

G_END_DECLS
