/* wm-online-source.h: raster tiles from a web server, cached on disk, that gives up quietly */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define WM_TYPE_ONLINE_SOURCE (wm_online_source_get_type ())
G_DECLARE_FINAL_TYPE (WmOnlineSource, wm_online_source, WM, ONLINE_SOURCE, ShumateDataSource)

/* Downloads {z}/{x}/{y} tiles of @url_template with an identifying user agent (libshumate 1.0.3's
 * ShumateTileDownloader hard-codes "libshumate/1.0.3" with libsoup 3), keeps them in a
 * ShumateFileCache under @id, and emits "received-data" before each request completes.
 * "failed" turns TRUE when the server cannot be used (no tile ever arrived, or several
 * failures in a row); from then on requests fail at once without network traffic. */
WmOnlineSource *wm_online_source_new (const char *id, const char *url_template);
const char *wm_online_source_get_url_template (WmOnlineSource *self);
gboolean wm_online_source_get_failed (WmOnlineSource *self);
guint wm_online_source_get_n_loaded (WmOnlineSource *self);
/* "Wijkmix/<version> (nl.wijkmix.Wijkmix)". */
const char *wm_online_source_get_user_agent (void);

/* A raster map source over @self, zoom @min_zoom..@max_zoom, 256 px tiles, with its licence. */
ShumateMapSource *wm_online_source_create_map_source (WmOnlineSource *self, const char *id,
                                                      const char *name, const char *license,
                                                      const char *license_uri, guint min_zoom,
                                                      guint max_zoom);
/* The configured services: "pdok" (BRT-Achtergrondkaart) and "osm" (OpenStreetMap);
 * NULL for another key. */
ShumateMapSource *wm_online_source_create_for_key (const char *key);

G_END_DECLS
