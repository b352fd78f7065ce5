/* wm-map-projection.h: the render transform of a libshumate viewport, for layers drawn live */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "wm-map-transform.h"

G_BEGIN_DECLS

/* The transform that draws into a @width x @height widget showing @viewport. */
void wm_map_projection_init (WmMapTransform *self, ShumateViewport *viewport, int width,
                             int height);

G_END_DECLS
