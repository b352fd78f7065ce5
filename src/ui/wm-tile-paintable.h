/* wm-tile-paintable.h: a rendered map tile that the map paints without converting it */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WM_TYPE_TILE_PAINTABLE (wm_tile_paintable_get_type ())
G_DECLARE_FINAL_TYPE (WmTilePaintable, wm_tile_paintable, WM, TILE_PAINTABLE, GObject)

/* Shows @surface (a cairo ARGB32 image, kept referenced); @opaque when every pixel is, so that
 * cairo copies it instead of blending. */
WmTilePaintable *wm_tile_paintable_new (cairo_surface_t *surface, gboolean opaque);
cairo_surface_t *wm_tile_paintable_get_surface (WmTilePaintable *self);
/* The same pixels as a texture (GDK_MEMORY_DEFAULT, no conversion), made on first use. */
GdkTexture *wm_tile_paintable_get_texture (WmTilePaintable *self);

/* Whether tiles are painted for the cairo renderer: as cairo nodes, which paint the image
 * as it is, instead of textures, which cairo copies into a new image every frame. The map
 * view sets it once it knows its renderer; GPU renderers want textures (the default), which
 * they upload once. */
void wm_tile_paintable_set_for_cairo (gboolean for_cairo);
gboolean wm_tile_paintable_get_for_cairo (void);

G_END_DECLS
