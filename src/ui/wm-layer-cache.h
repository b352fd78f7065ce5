/* wm-layer-cache.h: a live map layer's last picture, moved along while the map pans */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "wm-map-transform.h"

G_BEGIN_DECLS

/* Draws the layer into @cr as it would draw a @width x @height widget with @transform. */
typedef void (*WmLayerCacheDrawFunc) (cairo_t *cr, const WmMapTransform *transform, int width,
                                      int height, gpointer user_data);

#define WM_TYPE_LAYER_CACHE (wm_layer_cache_get_type ())
G_DECLARE_FINAL_TYPE (WmLayerCache, wm_layer_cache, WM, LAYER_CACHE, GObject)

/* Extra pixels drawn on every side, so that a pan up to this far needs no new drawing. */
#define WM_LAYER_CACHE_MARGIN 256

WmLayerCache *wm_layer_cache_new (void);
/* The cache of @widget (a layer), made on first use and freed with the widget: a layer needs
 * no field for it. */
WmLayerCache *wm_layer_cache_get_for_widget (GtkWidget *widget);

/* What the layer draws (its drawing object, made afresh when the plan changes): another object
 * than the last is a change. The object is kept (@content_ref, @content_unref) until the next
 * one, so that a new object cannot pass for the old one by taking its address. */
void wm_layer_cache_set_content (WmLayerCache *self, gpointer content,
                                 GBoxedCopyFunc content_ref, GDestroyNotify content_unref);
/* Appends @layer's picture to @snapshot and returns TRUE, or returns FALSE: then the layer
 * draws this frame itself, as it would without a cache (counted as a draw). Once the picture
 * was the same for two frames in a row (same content, @variant, zoom, rotation, size and
 * scale), it is drawn once through @draw with a margin and from then on only moved with the
 * pan, until one of those changes or the pan leaves the margin. While they keep changing (a
 * zoom animation, a drag that edits the plan) it returns FALSE: a larger picture would only
 * cost more. */
gboolean wm_layer_cache_snapshot (WmLayerCache *self, GtkWidget *layer,
                                  ShumateViewport *viewport, GtkSnapshot *snapshot,
                                  const char *variant, WmLayerCacheDrawFunc draw,
                                  gpointer user_data);
/* Something the key does not show changed: the next frame draws afresh. */
void wm_layer_cache_invalidate (WmLayerCache *self);
/* How often the layer was drawn (directly or into the cache), for tests and benchmarks. */
guint wm_layer_cache_get_n_draws (WmLayerCache *self);
/* Whether the last frame reused the cached picture. */
gboolean wm_layer_cache_get_last_reused (WmLayerCache *self);

G_END_DECLS
