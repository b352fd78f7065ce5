/* wm-map-projection.h: project coordinates to widget pixels for layers drawn live */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

G_BEGIN_DECLS

/* Same arithmetic as shumate_viewport_location_to_widget_coords(), but from "world"
 * coordinates (Web Mercator pixels at zoom 0, 0..256) that a layer computes once per
 * geometry, so a frame costs a multiply and an add per vertex. */
typedef struct
{
  double scale;          /* widget pixels per world unit */
  double origin_x;       /* world coordinate of the widget centre, scaled */
  double origin_y;
  double half_width;
  double half_height;
  double cos_r, sin_r;   /* viewport rotation */
} WmMapProjection;

/* RD New metres to world coordinates. */
void wm_map_projection_rd_to_world (double x, double y, double *wx, double *wy);
void wm_map_projection_init (WmMapProjection *self, ShumateViewport *viewport, int width,
                             int height);

static inline void
wm_map_projection_apply (const WmMapProjection *self, double wx, double wy, double *x, double *y)
{
  double dx = wx * self->scale - self->origin_x;
  double dy = wy * self->scale - self->origin_y;

  *x = self->cos_r * dx - self->sin_r * dy + self->half_width;
  *y = self->sin_r * dx + self->cos_r * dy + self->half_height;
}

/* Pixels covered by @metres on the ground around RD (@x, @y). */
double wm_map_projection_metres_to_pixels (const WmMapProjection *self, double x, double y,
                                           double metres);

G_END_DECLS
