/* wm-map-style.h: colours and widths of the project base map, defined once */
#pragma once

#include <cairo.h>

#include "wm-basemap.h"
#include "wm-facility.h"

G_BEGIN_DECLS

/* Colours are 0xRRGGBB. */
typedef struct
{
  guint32 fill;
  gboolean has_fill;
  guint32 stroke;
  /* Outline width in pixels (polygons) at zoom 18; 0: no outline. */
  double stroke_width;
  /* Width in metres when the feature is a line, not a polygon. */
  double line_width;
} WmMapStyle;

guint32 wm_map_style_get_background (void);
const WmMapStyle *wm_map_style_get_basemap (WmBasemapClass klass, const char *kind);
const WmMapStyle *wm_map_style_get_building (void);

/* Street labels. */
guint32 wm_map_style_get_label_color (void);
guint32 wm_map_style_get_label_halo (void);
/* Font size in pixels for labels at @zoom; 0 when labels are hidden at that zoom. */
double wm_map_style_get_label_size (int zoom);

/* Facility symbols on the live layer. */
guint32 wm_map_style_get_facility_color (WmFacilityType type);

void wm_map_style_set_source_rgb (cairo_t *cr, guint32 color, double alpha);

G_END_DECLS
