/* wm-map-transform.h: project RD coordinates to device pixels, for screen, paper and files */
#pragma once

#include <glib.h>

#include "wm-geometry.h"

G_BEGIN_DECLS

/* The arithmetic of shumate_viewport_location_to_widget_coords(), but from "world"
 * coordinates (Web Mercator pixels at zoom 0, 0..256) that a caller computes once per
 * geometry, so drawing costs a multiply and an add per vertex. The live map, the PNG export
 * and the report pages all use it, so a map on paper is the map on screen. */
typedef struct
{
  double scale;          /* device pixels per world unit (2^zoom) */
  double origin_x;       /* world coordinate of the device centre, scaled */
  double origin_y;
  double half_width;
  double half_height;
  double cos_r, sin_r;   /* rotation */
} WmMapTransform;

/* RD New metres to world coordinates. */
void wm_map_transform_rd_to_world (double x, double y, double *wx, double *wy);
/* A view @width x @height device pixels centred at WGS84 (@latitude, @longitude) at Web
 * Mercator @zoom (fractional), rotated by @rotation radians. */
void wm_map_transform_init (WmMapTransform *self, double latitude, double longitude, double zoom,
                            double rotation, double width, double height);
/* The view of @width x @height that shows RD @bounds whole, @margin device pixels in from the
 * edges, north up. Returns the zoom it chose. */
double wm_map_transform_init_for_bounds (WmMapTransform *self, const WmBounds *bounds,
                                         double width, double height, double margin);
double wm_map_transform_get_zoom (const WmMapTransform *self);

static inline void
wm_map_transform_apply (const WmMapTransform *self, double wx, double wy, double *x, double *y)
{
  double dx = wx * self->scale - self->origin_x;
  double dy = wy * self->scale - self->origin_y;

  *x = self->cos_r * dx - self->sin_r * dy + self->half_width;
  *y = self->sin_r * dx + self->cos_r * dy + self->half_height;
}

/* Device pixels back to world coordinates. */
void wm_map_transform_unapply (const WmMapTransform *self, double x, double y, double *wx,
                               double *wy);
/* RD New straight to device pixels. */
void wm_map_transform_rd_to_device (const WmMapTransform *self, double rd_x, double rd_y,
                                    double *x, double *y);
/* Pixels covered by @metres on the ground around RD (@x, @y). */
double wm_map_transform_metres_to_pixels (const WmMapTransform *self, double x, double y,
                                          double metres);

G_END_DECLS
