/* wm-map-projection.c: the render transform of a libshumate viewport */
#include "config.h"

#include "wm-map-projection.h"

void
wm_map_projection_init (WmMapTransform *self, ShumateViewport *viewport, int width, int height)
{
  wm_map_transform_init (self, shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                         shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                         shumate_viewport_get_zoom_level (viewport),
                         shumate_viewport_get_rotation (viewport), width, height);
}
