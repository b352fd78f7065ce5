/* wm-facility.h: a shared facility where residents cross paths */
#pragma once

#include "wm-geometry.h"

G_BEGIN_DECLS

/* Stable keys stored in project files. */
typedef enum
{
  WM_FACILITY_COMMUNITY_CENTRE,
  WM_FACILITY_SHARED_GARDEN,
  WM_FACILITY_PLAYGROUND,
  WM_FACILITY_SCHOOL,
  WM_FACILITY_LIBRARY,
  WM_FACILITY_HEALTH_CENTRE,
  WM_FACILITY_SPORTS,
  WM_FACILITY_SHOP,
  WM_FACILITY_MEETING_SPOT,
  WM_N_FACILITY_TYPES
} WmFacilityType;

const char *wm_facility_type_key (WmFacilityType type);
gboolean wm_facility_type_from_key (const char *key, WmFacilityType *out_type);
/* Translated label for the UI. */
const char *wm_facility_type_label (WmFacilityType type);

#define WM_TYPE_FACILITY (wm_facility_get_type ())
G_DECLARE_FINAL_TYPE (WmFacility, wm_facility, WM, FACILITY, GObject)

WmFacility *wm_facility_new (const char *id, WmFacilityType type, const char *name, double x, double y);
const char *wm_facility_get_id (WmFacility *self);
WmFacilityType wm_facility_get_facility_type (WmFacility *self);
const char *wm_facility_get_name (WmFacility *self);
void wm_facility_set_name (WmFacility *self, const char *name);
WmPoint wm_facility_get_location (WmFacility *self);
void wm_facility_set_location (WmFacility *self, double x, double y);
gboolean wm_facility_equal (WmFacility *a, WmFacility *b);

/* The translated phrase for a coverage kind of data/indicators.json ("a playground"), used in
 * indicator and target labels; NULL for a kind it does not know. */
const char *wm_coverage_kind_phrase (const char *kind);

G_END_DECLS
