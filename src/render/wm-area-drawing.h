/* wm-area-drawing.h: planning area outlines and names, for the live map, PNG and PDF
 *
 * A snapshot of the plan's areas in world coordinates (wm-map-transform.h), made on the main
 * thread and immutable afterwards: any thread may draw it, any number of times.
 */
#pragma once

#include <cairo.h>

#include "wm-map-transform.h"
#include "wm-plan.h"

G_BEGIN_DECLS

typedef struct _WmAreaDrawing WmAreaDrawing;

WmAreaDrawing *wm_area_drawing_new (WmPlan *plan);
WmAreaDrawing *wm_area_drawing_ref (WmAreaDrawing *self);
void wm_area_drawing_unref (WmAreaDrawing *self);
guint wm_area_drawing_get_n_areas (WmAreaDrawing *self);
/* RD bounds of all areas (empty without areas). */
WmBounds wm_area_drawing_get_bounds (WmAreaDrawing *self);
/* Outlines of the areas that meet the @width x @height device rectangle, the one with id
 * @selected_id (may be NULL) highlighted, and their names with a halo. @scale multiplies line
 * widths and font sizes (1 on screen; more for a poster read from afar). Returns how many
 * areas were drawn. */
guint wm_area_drawing_draw (WmAreaDrawing *self, cairo_t *cr, const WmMapTransform *transform,
                            double width, double height, const char *selected_id, double scale);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmAreaDrawing, wm_area_drawing_unref)

G_END_DECLS
