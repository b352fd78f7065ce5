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

/* The two parts of wm_area_drawing_draw(), for a live layer that puts each name in a small
 * node of its own: the outlines (returns how many areas), and the name of area @index (in
 * plan order) with its halo, when it shows at this zoom and meets the rectangle. */
guint wm_area_drawing_draw_outlines (WmAreaDrawing *self, cairo_t *cr,
                                     const WmMapTransform *transform, double width,
                                     double height, const char *selected_id, double scale);
gboolean wm_area_drawing_draw_label (WmAreaDrawing *self, cairo_t *cr, guint index,
                                     const WmMapTransform *transform, double width,
                                     double height, double scale);
/* The device box (x0, y0, x1, y1) that name covers; FALSE when it is not drawn. */
gboolean wm_area_drawing_get_label_extent (WmAreaDrawing *self, guint index,
                                           const WmMapTransform *transform, double width,
                                           double height, double scale, double extent[4]);

/* Frees the name layouts this thread keeps (a worker's are freed when it ends); for a process
 * that is about to end and wants a leak checker to find nothing. */
void wm_area_drawing_drop_label_cache (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmAreaDrawing, wm_area_drawing_unref)

G_END_DECLS
