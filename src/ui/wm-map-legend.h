/* wm-map-legend.h: the key to the housing colours and facility symbols, overlaid on the map */
#pragma once

#include <gtk/gtk.h>

#include "wm-map-style.h"

G_BEGIN_DECLS

#define WM_TYPE_MAP_LEGEND (wm_map_legend_get_type ())
G_DECLARE_FINAL_TYPE (WmMapLegend, wm_map_legend, WM, MAP_LEGEND, GtkWidget)

GtkWidget *wm_map_legend_new (void);
/* Rebuilds the entries from the same style functions the tile renderer uses. */
void wm_map_legend_set_style (WmMapLegend *self, WmHousingMode mode, WmSegment segment);
/* TRUE: the colours are the dwellings after the plan, and the title says so. */
void wm_map_legend_set_projected (WmMapLegend *self, gboolean projected);
gboolean wm_map_legend_get_projected (WmMapLegend *self);
/* The year the map shows (0: the whole plan); after the plan the title names it ("Largest
 * segment — as of 2031"). */
void wm_map_legend_set_year (WmMapLegend *self, int year);
/* Whether the entry "Under construction" (proposals started, not completed) is shown. */
void wm_map_legend_set_under_way (WmMapLegend *self, gboolean shown);
gboolean wm_map_legend_get_under_way (WmMapLegend *self);
const char *wm_map_legend_get_title (WmMapLegend *self);
guint wm_map_legend_get_n_entries (WmMapLegend *self);
guint32 wm_map_legend_get_entry_color (WmMapLegend *self, guint index);
/* The segment whose pattern the swatch shows, or -1. */
int wm_map_legend_get_entry_pattern (WmMapLegend *self, guint index);
const char *wm_map_legend_get_entry_label (WmMapLegend *self, guint index);
/* The facility symbols shown under the housing key (those on the map, in type order); none
 * hides that part. The legend is shown while either part has entries. */
void wm_map_legend_set_facility_types (WmMapLegend *self, const WmFacilityType *types,
                                       guint n_types);
guint wm_map_legend_get_n_facility_entries (WmMapLegend *self);
WmFacilityType wm_map_legend_get_facility_entry_type (WmMapLegend *self, guint index);
const char *wm_map_legend_get_facility_title (WmMapLegend *self);

G_END_DECLS
