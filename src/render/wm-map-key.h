/* wm-map-key.h: what the map's colours and symbols mean, for the legend on screen and paper */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "wm-map-style.h"

G_BEGIN_DECLS

typedef struct
{
  guint32 color;
  int pattern; /* segment whose hatching the swatch shows, or -1 */
  char *label; /* translated */
} WmMapKeyEntry;

typedef struct _WmMapKey WmMapKey;

/* The housing key of @mode (@segment for WM_HOUSING_SHARE), from the same style functions the
 * tile renderer uses; @projected: the colours are the dwellings after the plan (the title
 * says so). @types: the facility symbols on the map, in type order (may be empty). */
WmMapKey *wm_map_key_new (WmHousingMode mode, WmSegment segment, gboolean projected,
                          const WmFacilityType *types, guint n_types);
void wm_map_key_free (WmMapKey *self);
/* NULL when the key has no housing part (WM_HOUSING_NEUTRAL). */
const char *wm_map_key_get_title (WmMapKey *self);
guint wm_map_key_get_n_entries (WmMapKey *self);
const WmMapKeyEntry *wm_map_key_get_entry (WmMapKey *self, guint index);
const char *wm_map_key_get_facility_title (WmMapKey *self);
guint wm_map_key_get_n_facility_types (WmMapKey *self);
WmFacilityType wm_map_key_get_facility_type (WmMapKey *self, guint index);
/* Translated name of a facility type for the key. */
const char *wm_map_key_get_facility_label (WmFacilityType type);
/* The swatch of @entry (its colour, hatching and outline) in the rectangle; the legend on
 * screen and the one on paper both draw it. */
void wm_map_key_draw_swatch (cairo_t *cr, const WmMapKeyEntry *entry, double x, double y,
                             double width, double height, double line_width);
/* The facility symbol of @type centred in the rectangle. */
void wm_map_key_draw_facility_swatch (cairo_t *cr, WmFacilityType type, double x, double y,
                                      double width, double height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmMapKey, wm_map_key_free)

G_END_DECLS
