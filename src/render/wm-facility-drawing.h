/* wm-facility-drawing.h: facility symbols and their walking-radius catchments
 *
 * A snapshot of the baseline facilities and of one scenario's proposed and removed ones, made
 * on the main thread; immutable afterwards, so any thread may draw it.
 */
#pragma once

#include <cairo.h>

#include "wm-indicator-engine.h"
#include "wm-map-transform.h"
#include "wm-plan.h"

G_BEGIN_DECLS

typedef struct _WmFacilityDrawing WmFacilityDrawing;

/* A catchment circle as the drawing holds it. */
typedef struct
{
  WmFacilityType type;
  double rd_x, rd_y, radius_m; /* RD centre, radius in metres */
  gboolean proposed;           /* of an add-facility proposal */
  gboolean dashed;             /* drawn as a proposal (the map shows now) */
} WmFacilityCatchment;

/* @scenario: NULL for the active one. Radii from @engine's coverage kinds (NULL: the
 * indicator parameters). @state WM_INDICATOR_BASELINE: proposed catchments dashed, removed
 * facilities kept; WM_INDICATOR_PROJECTED: proposed ones drawn like existing ones, removed
 * ones left out. */
WmFacilityDrawing *wm_facility_drawing_new (WmPlan *plan, WmScenario *scenario,
                                            WmIndicatorEngine *engine, WmIndicatorState state);
WmFacilityDrawing *wm_facility_drawing_ref (WmFacilityDrawing *self);
void wm_facility_drawing_unref (WmFacilityDrawing *self);
WmIndicatorState wm_facility_drawing_get_state (WmFacilityDrawing *self);
double wm_facility_drawing_get_catchment_radius (WmFacilityDrawing *self, WmFacilityType type);
guint wm_facility_drawing_get_n_catchments (WmFacilityDrawing *self);
const WmFacilityCatchment *wm_facility_drawing_get_catchment (WmFacilityDrawing *self,
                                                              guint index);
/* Where catchment @index goes on the device: centre and radius in device units. */
void wm_facility_drawing_get_catchment_device (WmFacilityDrawing *self, guint index,
                                               const WmMapTransform *transform, double *x,
                                               double *y, double *radius_px);
/* The types present (for the legend), in type order. */
const WmFacilityType *wm_facility_drawing_get_types (WmFacilityDrawing *self, guint *n_types);
/* The symbols of the baseline facilities that meet the device rectangle, of radius
 * @radius_px (wm_facility_drawing_get_symbol_radius()). Returns how many were drawn. */
guint wm_facility_drawing_draw_symbols (WmFacilityDrawing *self, cairo_t *cr,
                                        const WmMapTransform *transform, double width,
                                        double height, double radius_px);
guint wm_facility_drawing_get_n_symbols (WmFacilityDrawing *self);
/* The device box (x0, y0, x1, y1) that wm_facility_drawing_draw_symbols() would paint;
 * FALSE when it would draw nothing. For a live layer that keeps its drawing small. */
gboolean wm_facility_drawing_get_symbols_extent (WmFacilityDrawing *self,
                                                 const WmMapTransform *transform,
                                                 double width, double height,
                                                 double radius_px, double extent[4]);
/* The same for wm_facility_drawing_draw_catchments(), clipped to the device rectangle. */
gboolean wm_facility_drawing_get_catchments_extent (WmFacilityDrawing *self,
                                                    const WmMapTransform *transform,
                                                    double width, double height,
                                                    double extent[4]);
/* The catchment circles that meet the device rectangle. @drawn (may be NULL) receives the
 * indices (guint) of those drawn. Returns how many were drawn. */
guint wm_facility_drawing_draw_catchments (WmFacilityDrawing *self, cairo_t *cr,
                                           const WmMapTransform *transform, double width,
                                           double height, GArray *drawn);
/* For a live layer that draws each symbol or circle in a node of its own (the cairo renderer
 * composites a node through an image as big as it is). The device place of baseline symbol
 * @index and its type; TRUE when it meets the rectangle (as wm_facility_drawing_draw_symbols()
 * decides). */
gboolean wm_facility_drawing_get_symbol_device (WmFacilityDrawing *self, guint index,
                                                const WmMapTransform *transform,
                                                double width, double height, double radius_px,
                                                WmFacilityType *out_type, double *x, double *y);
/* Catchment @index's device centre and radius; TRUE when it meets the rectangle and is big
 * enough to draw (as wm_facility_drawing_draw_catchments() decides). */
gboolean wm_facility_drawing_get_catchment_in_view (WmFacilityDrawing *self, guint index,
                                                    const WmMapTransform *transform,
                                                    double width, double height, double *x,
                                                    double *y, double *radius_px);
/* How catchment @index is stroked: colour, opacity, width (device units), and how far inside
 * its radius the line's centre runs. Dashed when WmFacilityCatchment.dashed. */
void wm_facility_drawing_get_catchment_stroke (WmFacilityDrawing *self, guint index,
                                               guint32 *color, double *alpha,
                                               double *line_width, double *inset);
/* Catchment @index alone. */
void wm_facility_drawing_draw_catchment (WmFacilityDrawing *self, cairo_t *cr, guint index,
                                         const WmMapTransform *transform);
/* Symbol radius in pixels at @zoom. */
double wm_facility_drawing_get_symbol_radius (double zoom);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmFacilityDrawing, wm_facility_drawing_unref)

G_END_DECLS
