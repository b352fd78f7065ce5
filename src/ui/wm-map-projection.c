/* wm-map-projection.c: project coordinates to widget pixels for layers drawn live */
#include "config.h"

#include <math.h>

#include "wm-crs.h"
#include "wm-map-projection.h"
#include "wm-tile-renderer.h"

void
wm_map_projection_rd_to_world (double x, double y, double *wx, double *wy)
{
  double lat, lon;

  wm_crs_rd_to_wgs84 (x, y, &lat, &lon);
  wm_web_mercator_to_pixel (0, lat, lon, wx, wy);
}

void
wm_map_projection_init (WmMapProjection *self, ShumateViewport *viewport, int width, int height)
{
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double rotation = shumate_viewport_get_rotation (viewport);
  double cx, cy;

  wm_web_mercator_to_pixel (0, lat, lon, &cx, &cy);
  self->scale = pow (2.0, shumate_viewport_get_zoom_level (viewport));
  self->origin_x = cx * self->scale;
  self->origin_y = cy * self->scale;
  self->half_width = width / 2.0;
  self->half_height = height / 2.0;
  self->cos_r = cos (rotation);
  self->sin_r = sin (rotation);
}

double
wm_map_projection_metres_to_pixels (const WmMapProjection *self, double x, double y,
                                    double metres)
{
  double ax, ay, bx, by;

  wm_map_projection_rd_to_world (x, y, &ax, &ay);
  wm_map_projection_rd_to_world (x + metres, y, &bx, &by);
  return hypot (bx - ax, by - ay) * self->scale;
}
