/* wm-area.h: a sub-area of the neighbourhood (a CBS buurt or a grid cell) */
#pragma once

#include "wm-geometry.h"

G_BEGIN_DECLS

#define WM_TYPE_AREA (wm_area_get_type ())
G_DECLARE_FINAL_TYPE (WmArea, wm_area, WM, AREA, GObject)

/* @id: stable code, e.g. "BU01411601" or "cell-2-3"; @boundary: (multi)polygon. */
WmArea *wm_area_new (const char *id, const char *name, WmGeometry *boundary);
const char *wm_area_get_id (WmArea *self);
const char *wm_area_get_name (WmArea *self);
void wm_area_set_name (WmArea *self, const char *name);
WmGeometry *wm_area_get_boundary (WmArea *self);
/* Key figures of a CBS buurt or wijk (Wijk- en buurtkaart). NAN: not available (CBS gives
 * -99990 and below for secret, too small or not yet published); never a number then. */
typedef struct
{
  double pct_corporation_rent; /* % of dwellings rented from a housing corporation (P_HUURCORP) */
  double pct_other_rent;       /* % rented from other landlords (P_HUUROVVH) */
  double pct_owner;            /* % owner-occupied (P_KOOPWON) */
  double dwellings;            /* number of dwellings (WONINGEN) */
  double mean_woz;             /* mean WOZ value of a dwelling, EUR 1,000 (WOZ) */
  double inhabitants;          /* number of inhabitants (AANT_INW) */
  int year;                    /* year of the figures, 0 when unknown */
} WmAreaFigures;

/* Every figure NAN, year 0. */
void wm_area_figures_init (WmAreaFigures *figures);
/* FALSE (and @out all unavailable) when the area has no figures. */
gboolean wm_area_get_figures (WmArea *self, WmAreaFigures *out);
/* @figures NULL: none. Before the area is in a plan only (baseline objects are immutable). */
void wm_area_set_figures (WmArea *self, const WmAreaFigures *figures);

gboolean wm_area_equal (WmArea *a, WmArea *b);

G_END_DECLS
