/* wm-plan-baseline.h: an immutable view of a plan's baseline, shared with saving threads
 *
 * The areas, buildings, existing facilities and base map features of a plan at one moment,
 * as arrays of references. The plan hands out the same object until its baseline changes, so
 * a save takes it in O(1) and a writer can tell "unchanged since the last write" by identity.
 * Baseline objects are not modified once they are in a plan (only proposals change), which is
 * what makes reading them from another thread safe. The address book (address key -> building
 * id, from BAG) belongs to the baseline too.
 */
#pragma once

#include "wm-address-book.h"
#include "wm-area.h"
#include "wm-basemap.h"
#include "wm-building.h"
#include "wm-facility.h"

G_BEGIN_DECLS

typedef struct _WmPlanBaseline WmPlanBaseline;

#define WM_TYPE_PLAN_BASELINE (wm_plan_baseline_get_type ())
GType wm_plan_baseline_get_type (void) G_GNUC_CONST;

/* Takes a reference to every item of the three models and every base map feature; the address
 * book is empty. */
WmPlanBaseline *wm_plan_baseline_new (GListModel *areas, GListModel *buildings,
                                      GListModel *facilities, WmBasemap *basemap);
/* For an import that replaces the baseline (wm_plan_set_baseline()): takes a reference to every
 * element of the arrays (WmArea*, WmBuilding*, WmFacility*, WmBasemapFeature* of any class,
 * kept in order per class) and to @addresses (NULL: an empty book). Any array may be NULL
 * (empty). Buildings keep the area ids they have: call wm_plan_baseline_assign_area_ids()
 * first. */
WmPlanBaseline *wm_plan_baseline_new_from_arrays (GPtrArray *areas, GPtrArray *buildings,
                                                  GPtrArray *facilities,
                                                  GPtrArray *basemap_features,
                                                  WmAddressBook *addresses);
/* Sets each building's area id to the first area of @areas (in order) containing its
 * footprint's centroid, NULL outside every area: the rule of wm_plan_add_building(), through
 * an index over the areas' bounding boxes. A building whose id must change is replaced in
 * @buildings (which owns a reference to each element) by a wm_building_copy() with the new id,
 * so a building another array or a plan shares is never modified; one only @buildings holds
 * is changed in place. */
void wm_plan_baseline_assign_area_ids (GPtrArray *areas, GPtrArray *buildings);

WmPlanBaseline *wm_plan_baseline_ref (WmPlanBaseline *self);
void wm_plan_baseline_unref (WmPlanBaseline *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmPlanBaseline, wm_plan_baseline_unref)

/* Element types WmArea*, WmBuilding*, WmFacility*, WmBasemapFeature*; read only. */
GPtrArray *wm_plan_baseline_get_areas (WmPlanBaseline *self);
GPtrArray *wm_plan_baseline_get_buildings (WmPlanBaseline *self);
GPtrArray *wm_plan_baseline_get_facilities (WmPlanBaseline *self);
GPtrArray *wm_plan_baseline_get_basemap_features (WmPlanBaseline *self, WmBasemapClass klass);
/* Never NULL (an empty book when there are no addresses). */
WmAddressBook *wm_plan_baseline_get_addresses (WmPlanBaseline *self);
/* Number of base map features it was made from (the plan's check for a grown base map). */
guint wm_plan_baseline_get_n_basemap_features (WmPlanBaseline *self);

/* For WmPlan, which keeps its baseline up to date copy-on-write: it appends in place while it
 * holds the only reference, and to a copy once a snapshot or a file handle shares it. */
WmPlanBaseline *wm_plan_baseline_new_empty (void);
gboolean wm_plan_baseline_is_shared (WmPlanBaseline *self);
WmPlanBaseline *wm_plan_baseline_copy (WmPlanBaseline *self);
void wm_plan_baseline_append_area (WmPlanBaseline *self, WmArea *area);
void wm_plan_baseline_append_building (WmPlanBaseline *self, WmBuilding *building);
void wm_plan_baseline_append_facility (WmPlanBaseline *self, WmFacility *facility);
/* Appends the features of @basemap it does not have yet (the base map only grows). */
void wm_plan_baseline_sync_basemap (WmPlanBaseline *self, WmBasemap *basemap);

G_END_DECLS
