/* wm-map-style.h: colours and widths of the project base map, defined once */
#pragma once

#include <cairo.h>

#include "wm-basemap.h"
#include "wm-facility.h"
#include "wm-proposal.h"
#include "wm-segment.h"

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
/* The pictogram of @type (a mortarboard, a house, a book, ...) filled and stroked with the
 * current source, within a square of half-width @size centred at (@x, @y). Every type has
 * its own shape, so symbols are not told by colour alone. */
void wm_map_style_draw_facility_pictogram (cairo_t *cr, WmFacilityType type, double x, double y,
                                           double size);
/* The whole symbol: a disc of radius @radius in the type's colour with a white rim, a soft
 * shadow and the white pictogram; without the pictogram when @radius is small. */
void wm_map_style_draw_facility_symbol (cairo_t *cr, WmFacilityType type, double x, double y,
                                        double radius);

/* Catchment (walking) radius in metres of a facility type: from the indicator parameters
 * (resource /nl/wijkmix/core/indicators.json), with a built-in table as fallback. */
double wm_map_style_get_catchment_radius (WmFacilityType type);
/* The coverage kind ("green", "meeting_place", ...) @type counts for in those parameters, or
 * NULL when they do not name it: the key for wm_indicator_engine_get_coverage_radius(). */
const char *wm_map_style_get_coverage_kind (WmFacilityType type);

/* Housing layer: how residential buildings are coloured. */
typedef enum
{
  WM_HOUSING_NEUTRAL,  /* not coloured: the base map's neutral buildings */
  WM_HOUSING_DOMINANT, /* by the segment with the most dwellings */
  WM_HOUSING_SHARE,    /* by the share of one segment, in classes */
} WmHousingMode;

#define WM_HOUSING_N_SHARE_CLASSES 5

const char *wm_housing_mode_key (WmHousingMode mode);
gboolean wm_housing_mode_from_key (const char *key, WmHousingMode *out_mode);

/* Segment colour from the segment table (Okabe-Ito, readable with colour-blindness). */
guint32 wm_map_style_get_segment_color (WmSegment segment);
/* The segment with the most dwellings (ties: the first); FALSE when @mix is empty. */
gboolean wm_map_style_get_dominant_segment (const WmDwellingMix *mix, WmSegment *out_segment);
/* Share class 0 .. WM_HOUSING_N_SHARE_CLASSES - 1 of a fraction 0..1 (20 % steps). */
int wm_map_style_get_share_class (double share);
/* Fill of share class @klass of @segment: light to the full segment colour. */
guint32 wm_map_style_get_share_color (WmSegment segment, int klass);
/* Fill of a building with @mix; FALSE when the mode does not colour it (no dwellings).
 * @out_pattern: the segment whose pattern is drawn on it, or -1 for none. */
gboolean wm_map_style_get_housing_fill (WmHousingMode mode, WmSegment segment,
                                        const WmDwellingMix *mix, guint32 *out_color,
                                        int *out_pattern);
guint32 wm_map_style_get_housing_outline (void);
/* Hatching of @segment (so it is not told by colour alone) over the rectangle, clipped by the
 * caller; @spacing is the distance between lines in device units. Solid for one segment. */
void wm_map_style_draw_segment_pattern (cairo_t *cr, WmSegment segment, double x0, double y0,
                                        double x1, double y1, double spacing);

/* Proposals layer. */
guint32 wm_map_style_get_demolition_color (void);
guint32 wm_map_style_get_new_build_color (void);
guint32 wm_map_style_get_new_build_fill (void);
guint32 wm_map_style_get_change_color (void);
/* A short symbol drawn on the badge of a proposal kind (one character). */
const char *wm_map_style_get_proposal_symbol (WmProposalKind kind);

/* Planning areas. */
guint32 wm_map_style_get_area_color (void);
guint32 wm_map_style_get_selected_area_color (void);

void wm_map_style_set_source_rgb (cairo_t *cr, guint32 color, double alpha);
/* Colour from "#rrggbb"; @fallback when it does not parse. */
guint32 wm_map_style_parse_color (const char *text, guint32 fallback);

G_END_DECLS
