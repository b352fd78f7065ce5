/* wm-basemap-source.h: tiles of the project base map for libshumate, rendered offline */
#pragma once

#include <shumate/shumate.h>

#include "wm-tile-paintable.h"
#include "wm-tile-renderer.h"

G_BEGIN_DECLS

#define WM_BASEMAP_MIN_ZOOM 12
#define WM_BASEMAP_MAX_ZOOM 20

#define WM_TYPE_BASEMAP_SOURCE (wm_basemap_source_get_type ())
G_DECLARE_FINAL_TYPE (WmBasemapSource, wm_basemap_source, WM, BASEMAP_SOURCE, ShumateDataSource)

/* Renders PNG tiles with @renderer in worker threads; emits "received-data" on the main thread
 * before each request completes (the 1.0 raster renderer only takes tiles from that signal). */
WmBasemapSource *wm_basemap_source_new (WmTileRenderer *renderer);
WmTileRenderer *wm_basemap_source_get_renderer (WmBasemapSource *self);
/* Requests being rendered right now. */
guint wm_basemap_source_get_n_pending (WmBasemapSource *self);
/* Tiles delivered so far (from the cache or freshly rendered). */
guint wm_basemap_source_get_n_delivered (WmBasemapSource *self);
/* Requests whose requester has not had its result yet (tests wait until none are left). */
guint wm_basemap_source_get_n_in_flight (WmBasemapSource *self);
/* Whether tile (@x, @y) of @zoom was delivered at least once (so the map shows it). */
gboolean wm_basemap_source_has_delivered (WmBasemapSource *self, int zoom, int x, int y);
/* Tile (@x, @y) of @zoom as an image for the map (no PNG on the way), rendered in a worker
 * pool that leaves the main thread a core; counted and cached like the PNG tiles. */
void wm_basemap_source_get_tile_paintable_async (WmBasemapSource *self, int x, int y, int zoom,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer user_data);
WmTilePaintable *wm_basemap_source_get_tile_paintable_finish (WmBasemapSource *self,
                                                              GAsyncResult *result,
                                                              GError **error);
/* A WmBasemapMapSource over @self with id "wijkmix-basemap" (housing renderers:
 * "wijkmix-housing-<mode>-<segment>"), zoom 12-20 and 256 px tiles. */
ShumateMapSource *wm_basemap_source_create_map_source (WmBasemapSource *self);

G_END_DECLS
