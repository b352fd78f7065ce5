/* wm-basemap-map-source.h: the project base map as a libshumate map source, tiles as images */
#pragma once

#include <shumate/shumate.h>

#include "wm-basemap-source.h"

G_BEGIN_DECLS

#define WM_TYPE_BASEMAP_MAP_SOURCE (wm_basemap_map_source_get_type ())
G_DECLARE_FINAL_TYPE (WmBasemapMapSource, wm_basemap_map_source, WM, BASEMAP_MAP_SOURCE,
                      ShumateMapSource)

/* Fills the map's tiles from @data_source with WmTilePaintables: the 1.0 raster renderer
 * would take PNG, decode it on the main thread and leave GTK an RGB texture to convert into
 * cairo's format for every tile of every frame. "data-source" reads @data_source. */
ShumateMapSource *wm_basemap_map_source_new (WmBasemapSource *data_source, const char *id,
                                             const char *name);

G_END_DECLS
