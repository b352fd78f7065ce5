/* wm-map-transform.c: project RD coordinates to device pixels */
#include "config.h"

#include <math.h>

#include "wm-crs.h"
#include "wm-map-transform.h"
#include "wm-tile-renderer.h"

void
wm_map_transform_rd_to_world (double x, double y, double *wx, double *wy)
{
  double lat, lon;

  wm_crs_rd_to_wgs84 (x, y, &lat, &lon);
  wm_web_mercator_to_pixel (0, lat, lon, wx, wy);
}

void
wm_map_transform_init (WmMapTransform *self, double latitude, double longitude, double zoom,
                       double rotation, double width, double height)
{
  double cx, cy;

  wm_web_mercator_to_pixel (0, latitude, longitude, &cx, &cy);
  self->scale = pow (2.0, zoom);
  self->origin_x = cx * self->scale;
  self->origin_y = cy * self->scale;
  self->half_width = width / 2.0;
  self->half_height = height / 2.0;
  self->cos_r = cos (rotation);
  self->sin_r = sin (rotation);
}

double
wm_map_transform_init_for_bounds (WmMapTransform *self, const WmBounds *bounds, double width,
                                  double height, double margin)
{
  double x0, y0, x1, y1, span_x, span_y, scale, zoom, lat, lon;
  double usable_w = MAX (width - 2 * margin, 1.0);
  double usable_h = MAX (height - 2 * margin, 1.0);

  /* World y grows southwards: the RD minimum y is the world maximum. */
  wm_map_transform_rd_to_world (bounds->min_x, bounds->max_y, &x0, &y0);
  wm_map_transform_rd_to_world (bounds->max_x, bounds->min_y, &x1, &y1);
  span_x = MAX (fabs (x1 - x0), 1e-9);
  span_y = MAX (fabs (y1 - y0), 1e-9);
  scale = MIN (usable_w / span_x, usable_h / span_y);
  zoom = log2 (scale);
  wm_web_mercator_from_pixel (0, (x0 + x1) / 2.0, (y0 + y1) / 2.0, &lat, &lon);
  wm_map_transform_init (self, lat, lon, zoom, 0.0, width, height);
  return zoom;
}

double
wm_map_transform_get_zoom (const WmMapTransform *self)
{
  return log2 (self->scale);
}

void
wm_map_transform_unapply (const WmMapTransform *self, double x, double y, double *wx, double *wy)
{
  double rx = x - self->half_width;
  double ry = y - self->half_height;
  /* The inverse of a rotation is its transpose. */
  double dx = self->cos_r * rx + self->sin_r * ry;
  double dy = -self->sin_r * rx + self->cos_r * ry;

  *wx = (dx + self->origin_x) / self->scale;
  *wy = (dy + self->origin_y) / self->scale;
}

void
wm_map_transform_rd_to_device (const WmMapTransform *self, double rd_x, double rd_y, double *x,
                               double *y)
{
  double wx, wy;

  wm_map_transform_rd_to_world (rd_x, rd_y, &wx, &wy);
  wm_map_transform_apply (self, wx, wy, x, y);
}

double
wm_map_transform_metres_to_pixels (const WmMapTransform *self, double x, double y,
                                   double metres)
{
  double ax, ay, bx, by;

  wm_map_transform_rd_to_world (x, y, &ax, &ay);
  wm_map_transform_rd_to_world (x + metres, y, &bx, &by);
  return hypot (bx - ax, by - ay) * self->scale;
}
