/* wm-plan.h: a neighbourhood plan, the root of the model
 *
 * A baseline (areas, buildings, existing facilities, base map) plus scenarios of
 * proposals. The UI and the indicator engine listen to "changed".
 */
#pragma once

#include <gio/gio.h>

#include "wm-area.h"
#include "wm-basemap.h"
#include "wm-building.h"
#include "wm-facility.h"
#include "wm-plan-baseline.h"
#include "wm-scenario.h"

G_BEGIN_DECLS

#define WM_TYPE_PLAN (wm_plan_get_type ())
G_DECLARE_FINAL_TYPE (WmPlan, wm_plan, WM, PLAN, GObject)

/* An empty plan with one scenario, "Plan", as the active one. */
WmPlan *wm_plan_new (void);

const char *wm_plan_get_name (WmPlan *self);
void wm_plan_set_name (WmPlan *self, const char *name);
const char *wm_plan_get_description (WmPlan *self);
void wm_plan_set_description (WmPlan *self, const char *description);
/* Where the data came from and under which licence, one source per line. */
const char *wm_plan_get_attribution (WmPlan *self);
void wm_plan_set_attribution (WmPlan *self, const char *attribution);
/* TRUE when dwelling figures are made up for demonstration (the demo); the UI says so. */
gboolean wm_plan_get_illustrative (WmPlan *self);
void wm_plan_set_illustrative (WmPlan *self, gboolean illustrative);
/* Spatial reference id of all geometries (EPSG code); WM_SRS_RD_NEW. */
int wm_plan_get_srs_id (WmPlan *self);

/* Baseline lists (GListModel of WmArea, WmBuilding, WmFacility). */
GListModel *wm_plan_get_areas (WmPlan *self);
GListModel *wm_plan_get_buildings (WmPlan *self);
GListModel *wm_plan_get_facilities (WmPlan *self);
WmBasemap *wm_plan_get_basemap (WmPlan *self);
/* The baseline as one immutable object (transfer none; take a reference to keep it), in O(1):
 * the plan keeps it up to date as items are added, on a copy once it is shared. */
WmPlanBaseline *wm_plan_get_baseline (WmPlan *self);
/* Replaces areas, buildings, facilities, base map and address book by those of @baseline in
 * one step (an import): the three lists each emit "items-changed" once, then the plan emits
 * "baseline-replaced" and "changed" once each. Buildings keep the area ids they have
 * (wm_plan_baseline_assign_area_ids() sets them by the rule of wm_plan_add_building()).
 * Proposals are left as they are (wm_history_replace_baseline() checks them). The plan keeps
 * a reference to @baseline, which must not change after (as every baseline). */
void wm_plan_set_baseline (WmPlan *self, WmPlanBaseline *baseline);
/* TRUE while wm_plan_set_baseline() replaces the lists: a listener to their "items-changed"
 * that would redo work for the whole baseline can wait for "baseline-replaced" instead. */
gboolean wm_plan_get_replacing_baseline (WmPlan *self);
/* The baseline's address book (transfer none). */
WmAddressBook *wm_plan_get_addresses (WmPlan *self);
void wm_plan_add_area (WmPlan *self, WmArea *area);
/* Also sets the building's area id to the area containing its footprint's centroid (NULL
 * outside every area), correcting whatever id it had. Areas added later do not reassign. */
void wm_plan_add_building (WmPlan *self, WmBuilding *building);
void wm_plan_add_facility (WmPlan *self, WmFacility *facility);
WmArea *wm_plan_find_area (WmPlan *self, const char *id);
WmBuilding *wm_plan_find_building (WmPlan *self, const char *id);
WmFacility *wm_plan_find_facility (WmPlan *self, const char *id);
/* The first area (in list order) containing (x, y), or NULL; through an index over the
 * areas' bounding boxes, built on the first call after an area was added. */
WmArea *wm_plan_area_at (WmPlan *self, double x, double y);

/* Extent of everything in the plan (areas, buildings, facilities, base map). */
WmBounds wm_plan_get_bounds (WmPlan *self);
/* Sum of baseline dwellings, over all buildings or one area (NULL: all). */
WmDwellingMix wm_plan_get_baseline_dwellings (WmPlan *self, const char *area_id);

/* Scenarios: GListModel of WmScenario; there is always at least one. */
GListModel *wm_plan_get_scenarios (WmPlan *self);
void wm_plan_add_scenario (WmPlan *self, WmScenario *scenario);
/* Fails (returns FALSE) for the last remaining scenario. */
gboolean wm_plan_remove_scenario (WmPlan *self, WmScenario *scenario);
WmScenario *wm_plan_find_scenario (WmPlan *self, const char *id_or_name);
WmScenario *wm_plan_get_active_scenario (WmPlan *self);
void wm_plan_set_active_scenario (WmPlan *self, WmScenario *scenario);

/* Members of the plan, saved with it and compared by wm_plan_equal; a change of either
 * emits the plan's "changed". (Also reached as wm_targets_get_for_plan and
 * wm_checklist_state_get_for_plan.) */
typedef struct _WmTargets WmTargets;
typedef struct _WmChecklistState WmChecklistState;
WmTargets *wm_plan_get_targets (WmPlan *self);
WmChecklistState *wm_plan_get_checklist_state (WmPlan *self);

/* A new id unique within the plan, "<prefix>-<n>". */
char *wm_plan_new_id (WmPlan *self, const char *prefix);

/* TRUE when every field of both plans is equal (used to check save/open round trips). */
gboolean wm_plan_equal (WmPlan *a, WmPlan *b);

/* Signal "changed" (no arguments): the baseline, a scenario or a proposal changed.
 * Signal "baseline-replaced" (no arguments): wm_plan_set_baseline() replaced the baseline;
 * emitted before its "changed". */

G_END_DECLS
