/* wm-tile-paintable.c: a rendered map tile that the map paints without converting it */
#include "config.h"

#include "wm-tile-paintable.h"

struct _WmTilePaintable
{
  GObject parent_instance;

  cairo_surface_t *surface; /* as rendered */
  cairo_surface_t *source;  /* the same pixels, RGB24 when opaque */
  GdkTexture *texture;
};

static void wm_tile_paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WmTilePaintable, wm_tile_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      wm_tile_paintable_iface_init))

static gboolean for_cairo;

void
wm_tile_paintable_set_for_cairo (gboolean value)
{
  for_cairo = value;
}

gboolean
wm_tile_paintable_get_for_cairo (void)
{
  return for_cairo;
}

static void
wm_tile_paintable_snapshot (GdkPaintable *paintable, GdkSnapshot *gdk_snapshot, double width,
                            double height)
{
  WmTilePaintable *self = WM_TILE_PAINTABLE (paintable);
  GtkSnapshot *snapshot = GTK_SNAPSHOT (gdk_snapshot);
  int w = cairo_image_surface_get_width (self->surface);
  int h = cairo_image_surface_get_height (self->surface);

  if (for_cairo)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

      if (width != w || height != h)
        cairo_scale (cr, width / w, height / h);
      cairo_set_source_surface (cr, self->source, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      return;
    }
  gtk_snapshot_append_texture (snapshot, wm_tile_paintable_get_texture (self),
                               &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static int
wm_tile_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  return cairo_image_surface_get_width (WM_TILE_PAINTABLE (paintable)->surface);
}

static int
wm_tile_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  return cairo_image_surface_get_height (WM_TILE_PAINTABLE (paintable)->surface);
}

static GdkPaintableFlags
wm_tile_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
wm_tile_paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = wm_tile_paintable_snapshot;
  iface->get_intrinsic_width = wm_tile_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = wm_tile_paintable_get_intrinsic_height;
  iface->get_flags = wm_tile_paintable_get_flags;
}

static void
wm_tile_paintable_finalize (GObject *object)
{
  WmTilePaintable *self = WM_TILE_PAINTABLE (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->source, cairo_surface_destroy);
  g_clear_pointer (&self->surface, cairo_surface_destroy);

  G_OBJECT_CLASS (wm_tile_paintable_parent_class)->finalize (object);
}

static void
wm_tile_paintable_class_init (WmTilePaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_tile_paintable_finalize;
}

static void
wm_tile_paintable_init (WmTilePaintable *self)
{
}

WmTilePaintable *
wm_tile_paintable_new (cairo_surface_t *surface, gboolean opaque)
{
  WmTilePaintable *self;

  g_return_val_if_fail (surface != NULL, NULL);
  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32, NULL);

  self = g_object_new (WM_TYPE_TILE_PAINTABLE, NULL);
  self->surface = cairo_surface_reference (surface);
  cairo_surface_flush (surface);
  if (opaque)
    {
      /* ARGB32 and RGB24 share their layout: the same memory, read without alpha, lets cairo
       * copy the tile instead of blending it. @source keeps @surface's memory alive. */
      self->source = cairo_image_surface_create_for_data (cairo_image_surface_get_data (surface),
                                                          CAIRO_FORMAT_RGB24,
                                                          cairo_image_surface_get_width (surface),
                                                          cairo_image_surface_get_height (surface),
                                                          cairo_image_surface_get_stride (surface));
      cairo_surface_set_user_data (self->source, (const cairo_user_data_key_t *) &self->source,
                                   cairo_surface_reference (surface),
                                   (cairo_destroy_func_t) cairo_surface_destroy);
    }
  else
    {
      self->source = cairo_surface_reference (surface);
    }
  return self;
}

cairo_surface_t *
wm_tile_paintable_get_surface (WmTilePaintable *self)
{
  g_return_val_if_fail (WM_IS_TILE_PAINTABLE (self), NULL);
  return self->surface;
}

GdkTexture *
wm_tile_paintable_get_texture (WmTilePaintable *self)
{
  g_return_val_if_fail (WM_IS_TILE_PAINTABLE (self), NULL);

  if (self->texture == NULL)
    {
      int stride = cairo_image_surface_get_stride (self->surface);
      int height = cairo_image_surface_get_height (self->surface);
      g_autoptr(GBytes) bytes =
        g_bytes_new_with_free_func (cairo_image_surface_get_data (self->surface),
                                    (gsize) stride * height,
                                    (GDestroyNotify) cairo_surface_destroy,
                                    cairo_surface_reference (self->surface));

      /* GDK_MEMORY_DEFAULT is cairo's ARGB32: the texture shares the tile's memory. */
      self->texture = gdk_memory_texture_new (cairo_image_surface_get_width (self->surface),
                                              height, GDK_MEMORY_DEFAULT, bytes, stride);
    }
  return self->texture;
}
