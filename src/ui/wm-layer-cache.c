/* wm-layer-cache.c: a live map layer's last picture, moved along while the map pans */
#include "config.h"

#include <math.h>

#include "wm-layer-cache.h"
#include "wm-map-projection.h"

/* The picture is painted in cells of this many pixels, and only cells with something in
 * them (a run of them along a row as one node): under cairo every node is replayed through a
 * cleared image of its size, so a sparse layer (outlines, a few symbols) costs about what it
 * covers. */
#define CELL 64

/* What a picture depends on, apart from the pan. */
typedef struct
{
  guint64 content; /* the generation of the content */
  char *variant;
  double scale;
  double cos_r, sin_r;
  int width, height;
  int scale_factor;
} Key;

struct _WmLayerCache
{
  GObject parent_instance;

  gpointer content;     /* referenced through content_unref */
  GDestroyNotify content_unref;
  guint64 generation;  /* counts the content objects seen */
  Key last;            /* the previous frame's */
  Key cached;          /* the picture's */
  gboolean has_last;
  cairo_surface_t *surface; /* the layer with WM_LAYER_CACHE_MARGIN around, or NULL */
  GdkTexture *texture;      /* the same for GPU renderers, made when first needed */
  guint8 *cell_used;        /* per cell of the picture, row by row: not all transparent */
  int n_columns, n_rows;
  double origin_x, origin_y; /* device pixels of the view centre when it was drawn */
  guint n_draws;
  gboolean last_reused;
};

G_DEFINE_FINAL_TYPE (WmLayerCache, wm_layer_cache, G_TYPE_OBJECT)

static void
key_clear (Key *key)
{
  key->content = 0;
  g_clear_pointer (&key->variant, g_free);
}

static void
key_copy (Key *dest, const Key *src)
{
  key_clear (dest);
  *dest = *src;
  dest->variant = g_strdup (src->variant);
}

static gboolean
key_equal (const Key *a, const Key *b)
{
  return a->content == b->content && g_strcmp0 (a->variant, b->variant) == 0
         && a->scale == b->scale && a->cos_r == b->cos_r && a->sin_r == b->sin_r
         && a->width == b->width && a->height == b->height && a->scale_factor == b->scale_factor;
}

static void
drop_picture (WmLayerCache *self)
{
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->cell_used, g_free);
  key_clear (&self->cached);
}

static void
find_used_cells (WmLayerCache *self, int width, int height, int scale_factor)
{
  const guint8 *data = cairo_image_surface_get_data (self->surface);
  int stride = cairo_image_surface_get_stride (self->surface);
  int pixel_width = cairo_image_surface_get_width (self->surface);
  int pixel_height = cairo_image_surface_get_height (self->surface);
  int cell = CELL * scale_factor;

  self->n_columns = (width + CELL - 1) / CELL;
  self->n_rows = (height + CELL - 1) / CELL;
  self->cell_used = g_new0 (guint8, self->n_columns * self->n_rows);
  for (int y = 0; y < pixel_height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      guint8 *used = self->cell_used + (y / cell) * self->n_columns;

      for (int column = 0; column < self->n_columns; column++)
        {
          int end = MIN ((column + 1) * cell, pixel_width);

          if (used[column])
            continue;
          for (int x = column * cell; x < end; x++)
            if (row[x] != 0)
              {
                used[column] = TRUE;
                break;
              }
        }
    }
}

static void
wm_layer_cache_finalize (GObject *object)
{
  WmLayerCache *self = WM_LAYER_CACHE (object);

  drop_picture (self);
  key_clear (&self->last);
  if (self->content != NULL && self->content_unref != NULL)
    self->content_unref (self->content);

  G_OBJECT_CLASS (wm_layer_cache_parent_class)->finalize (object);
}

static void
wm_layer_cache_class_init (WmLayerCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_layer_cache_finalize;
}

static void
wm_layer_cache_init (WmLayerCache *self)
{
}

WmLayerCache *
wm_layer_cache_new (void)
{
  return g_object_new (WM_TYPE_LAYER_CACHE, NULL);
}

WmLayerCache *
wm_layer_cache_get_for_widget (GtkWidget *widget)
{
  WmLayerCache *cache;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  cache = g_object_get_data (G_OBJECT (widget), "wm-layer-cache");
  if (cache == NULL)
    {
      cache = wm_layer_cache_new ();
      g_object_set_data_full (G_OBJECT (widget), "wm-layer-cache", cache, g_object_unref);
    }
  return cache;
}

void
wm_layer_cache_invalidate (WmLayerCache *self)
{
  g_return_if_fail (WM_IS_LAYER_CACHE (self));

  drop_picture (self);
  key_clear (&self->last);
  self->has_last = FALSE;
}

void
wm_layer_cache_set_content (WmLayerCache *self, gpointer content, GBoxedCopyFunc content_ref,
                            GDestroyNotify content_unref)
{
  g_return_if_fail (WM_IS_LAYER_CACHE (self));

  if (content == self->content)
    return;
  /* Held until the next one comes, so that a new object cannot take the old one's address
   * and pass for it. */
  if (self->content != NULL && self->content_unref != NULL)
    self->content_unref (self->content);
  self->content = content != NULL && content_ref != NULL ? content_ref (content) : content;
  self->content_unref = content_unref;
  self->generation++;
}

guint
wm_layer_cache_get_n_draws (WmLayerCache *self)
{
  g_return_val_if_fail (WM_IS_LAYER_CACHE (self), 0);
  return self->n_draws;
}

gboolean
wm_layer_cache_get_last_reused (WmLayerCache *self)
{
  g_return_val_if_fail (WM_IS_LAYER_CACHE (self), FALSE);
  return self->last_reused;
}

static void
record (WmLayerCache *self, ShumateViewport *viewport, const Key *key,
        WmLayerCacheDrawFunc draw, gpointer user_data)
{
  int width = key->width + 2 * WM_LAYER_CACHE_MARGIN;
  int height = key->height + 2 * WM_LAYER_CACHE_MARGIN;
  WmMapTransform transform;
  cairo_t *cr;

  drop_picture (self);
  self->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * key->scale_factor,
                                              height * key->scale_factor);
  cairo_surface_set_device_scale (self->surface, key->scale_factor, key->scale_factor);
  /* The same view centre, just a larger widget around it. */
  wm_map_projection_init (&transform, viewport, width, height);
  cr = cairo_create (self->surface);
  draw (cr, &transform, width, height, user_data);
  cairo_destroy (cr);
  cairo_surface_flush (self->surface);
  find_used_cells (self, width, height, key->scale_factor);
  self->origin_x = transform.origin_x;
  self->origin_y = transform.origin_y;
  key_copy (&self->cached, key);
  self->n_draws++;
}

static GdkTexture *
get_texture (WmLayerCache *self)
{
  if (self->texture == NULL)
    {
      int stride = cairo_image_surface_get_stride (self->surface);
      int height = cairo_image_surface_get_height (self->surface);
      g_autoptr(GBytes) bytes =
        g_bytes_new (cairo_image_surface_get_data (self->surface), (gsize) stride * height);

      /* GDK_MEMORY_DEFAULT is cairo's ARGB32: no conversion. */
      self->texture = gdk_memory_texture_new (cairo_image_surface_get_width (self->surface),
                                              height, GDK_MEMORY_DEFAULT, bytes, stride);
    }
  return self->texture;
}

/* Places the picture @dx, @dy pixels from where it was drawn. */
static void
append_picture (WmLayerCache *self, GtkWidget *layer, GtkSnapshot *snapshot, int width,
                int height, double dx, double dy)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (layer));
  double x = dx - WM_LAYER_CACHE_MARGIN;
  double y = dy - WM_LAYER_CACHE_MARGIN;

  if (renderer == NULL || GSK_IS_CAIRO_RENDERER (renderer))
    {
      /* Cairo would copy a texture into a new image every frame; cairo nodes paint the
       * image itself, and only the used cells inside the widget. */
      for (int row = 0; row < self->n_rows; row++)
        {
          const guint8 *used = self->cell_used + row * self->n_columns;
          double top = MAX (y + row * CELL, 0);
          double bottom = MIN (y + (row + 1) * CELL, height);

          if (bottom <= top)
            continue;
          for (int column = 0; column < self->n_columns; column++)
            {
              int end = column;
              double left, right;
              cairo_t *cr;

              if (!used[column])
                continue;
              while (end + 1 < self->n_columns && used[end + 1])
                end++;
              left = MAX (x + column * CELL, 0);
              right = MIN (x + (end + 1) * CELL, width);
              column = end;
              if (right <= left)
                continue;
              cr = gtk_snapshot_append_cairo (snapshot,
                                              &GRAPHENE_RECT_INIT (left, top, right - left,
                                                                   bottom - top));
              cairo_set_source_surface (cr, self->surface, x, y);
              cairo_paint (cr);
              cairo_destroy (cr);
            }
        }
      return;
    }

  /* GPU renderers upload a texture once and keep it. */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_texture (snapshot, get_texture (self),
                               &GRAPHENE_RECT_INIT (x, y,
                                                    width + 2 * WM_LAYER_CACHE_MARGIN,
                                                    height + 2 * WM_LAYER_CACHE_MARGIN));
  gtk_snapshot_pop (snapshot);
}

gboolean
wm_layer_cache_snapshot (WmLayerCache *self, GtkWidget *layer, ShumateViewport *viewport,
                         GtkSnapshot *snapshot, const char *variant, WmLayerCacheDrawFunc draw,
                         gpointer user_data)
{
  WmMapTransform now;
  Key key = { 0 };
  double dx, dy;
  gboolean stable;

  g_return_val_if_fail (WM_IS_LAYER_CACHE (self), FALSE);
  g_return_val_if_fail (GTK_IS_WIDGET (layer), FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);

  key.width = gtk_widget_get_width (layer);
  key.height = gtk_widget_get_height (layer);
  if (key.width <= 0 || key.height <= 0)
    return TRUE;
  wm_map_projection_init (&now, viewport, key.width, key.height);
  key.content = self->generation;
  key.variant = (char *) variant;
  key.scale = now.scale;
  key.cos_r = now.cos_r;
  key.sin_r = now.sin_r;
  key.scale_factor = gtk_widget_get_scale_factor (layer);

  stable = self->has_last && key_equal (&key, &self->last);
  if (!stable)
    {
      key_copy (&self->last, &key);
      self->has_last = TRUE;
    }

  /* Still or panning: the picture, moved by whole pixels (the map view keeps the centre on
   * the pixel grid, so this is exact and cairo copies instead of filtering). Rotated, the
   * pan runs askew across the picture: drawn every frame as before. */
  if (self->surface != NULL && key_equal (&key, &self->cached) && now.sin_r == 0)
    {
      dx = round (self->origin_x - now.origin_x);
      dy = round (self->origin_y - now.origin_y);
      if (fabs (dx) <= WM_LAYER_CACHE_MARGIN && fabs (dy) <= WM_LAYER_CACHE_MARGIN)
        {
          append_picture (self, layer, snapshot, key.width, key.height, dx, dy);
          self->last_reused = TRUE;
          return TRUE;
        }
    }

  self->last_reused = FALSE;
  if (stable && now.sin_r == 0)
    {
      record (self, viewport, &key, draw, user_data);
      append_picture (self, layer, snapshot, key.width, key.height, 0, 0);
      return TRUE;
    }

  /* Changing from frame to frame: the layer draws as it would without a cache. */
  drop_picture (self);
  self->n_draws++;
  return FALSE;
}
