/* wm-basemap-source.c: tiles of the project base map for libshumate, rendered offline */
#include "config.h"

#include <glib/gi18n.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "wm-basemap-map-source.h"
#include "wm-basemap-source.h"
#include "wm-map-style.h"

/* Rendered tiles kept as PNG; at 5-30 kB each this is a few MB. */
#define CACHE_SIZE 512
/* Tiles kept for the map as images, 256 kB each (the map layer keeps its last 100 too). */
#define PAINTABLE_CACHE_SIZE 192

struct _WmBasemapSource
{
  ShumateDataSource parent_instance;

  WmTileRenderer *renderer;
  guint n_pending;
  guint n_delivered;
  guint n_in_flight;
  GHashTable *delivered; /* tile keys delivered at least once, for tests */

  /* Main thread only. */
  GHashTable *cache; /* tile key -> GBytes */
  GQueue cache_order; /* tile keys, oldest first */
  GBytes *empty_tile; /* background only; rendered once */
  GHashTable *paintables; /* tile key -> WmTilePaintable */
  GQueue paintable_order; /* tile keys, oldest first */
  WmTilePaintable *empty_paintable;
};

G_DEFINE_FINAL_TYPE (WmBasemapSource, wm_basemap_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct
{
  WmTileRenderer *renderer;
  int x, y, zoom;
} TileRequest;

/* The requester's callback, called through on_request_done so that the count of requests in
 * flight drops only once the requester has seen the result. */
typedef struct
{
  WmBasemapSource *self;
  GAsyncReadyCallback callback;
  gpointer user_data;
} RequestDone;

static void
on_request_done (GObject *object, GAsyncResult *result, gpointer user_data)
{
  RequestDone *done = user_data;

  if (done->callback != NULL)
    done->callback (object, result, done->user_data);
  done->self->n_in_flight--;
  g_object_unref (done->self);
  g_free (done);
}

static void
tile_request_free (TileRequest *request)
{
  g_clear_object (&request->renderer);
  g_free (request);
}

static guint64
tile_key (int x, int y, int zoom)
{
  return ((guint64) zoom << 56) | ((guint64) (guint32) x << 28) | (guint64) (guint32) y;
}

static cairo_status_t
write_to_byte_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
encode_png (cairo_surface_t *surface, GError **error)
{
  g_autoptr(GByteArray) png = g_byte_array_sized_new (16 * 1024);
  cairo_status_t status;

  status = cairo_surface_write_to_png_stream (surface, write_to_byte_array, png);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not encode a map tile: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static void
render_in_thread (GTask *task, gpointer source_object, gpointer task_data,
                  GCancellable *cancellable)
{
  TileRequest *request = task_data;
  cairo_surface_t *surface;
  GError *error = NULL;
  GBytes *bytes;

  if (g_task_return_error_if_cancelled (task))
    return;

  surface = wm_tile_renderer_render (request->renderer, request->zoom, request->x, request->y);
  bytes = encode_png (surface, &error);
  cairo_surface_destroy (surface);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
cache_store (WmBasemapSource *self, guint64 key, GBytes *bytes)
{
  guint64 *stored_key;

  if (g_hash_table_contains (self->cache, &key))
    return;

  while (self->cache_order.length >= CACHE_SIZE)
    {
      g_autofree guint64 *old = g_queue_pop_head (&self->cache_order);

      g_hash_table_remove (self->cache, old);
    }

  stored_key = g_memdup2 (&key, sizeof key);
  g_queue_push_tail (&self->cache_order, stored_key);
  g_hash_table_insert (self->cache, stored_key, g_bytes_ref (bytes));
}

static void
deliver (WmBasemapSource *self, GTask *task, int x, int y, int zoom, GBytes *bytes)
{
  guint64 key = tile_key (x, y, zoom);

  self->n_delivered++;
  if (!g_hash_table_contains (self->delivered, &key))
    g_hash_table_add (self->delivered, g_memdup2 (&key, sizeof key));
  g_signal_emit_by_name (self, "received-data", x, y, zoom, bytes);
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
on_rendered (GObject *object, GAsyncResult *result, gpointer user_data)
{
  WmBasemapSource *self = WM_BASEMAP_SOURCE (object);
  g_autoptr(GTask) task = user_data;
  TileRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  self->n_pending--;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A renderer replaced meanwhile must not fill the cache of the new one. */
  if (request->renderer == self->renderer)
    cache_store (self, tile_key (request->x, request->y, request->zoom), bytes);

  if (g_task_return_error_if_cancelled (task))
    return;

  deliver (self, task, request->x, request->y, request->zoom, bytes);
}

static GBytes *
get_empty_tile (WmBasemapSource *self)
{
  if (self->empty_tile == NULL)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WM_TILE_SIZE,
                                                             WM_TILE_SIZE);
      cairo_t *cr = cairo_create (surface);

      /* A housing layer's ground is transparent (a new surface already is). */
      if (!wm_tile_renderer_is_transparent (self->renderer))
        {
          wm_map_style_set_source_rgb (cr, wm_map_style_get_background (), 1.0);
          cairo_paint (cr);
        }
      cairo_destroy (cr);
      self->empty_tile = encode_png (surface, NULL);
      cairo_surface_destroy (surface);
    }
  return self->empty_tile;
}

static void
wm_basemap_source_get_tile_data_async (ShumateDataSource *source, int x, int y, int zoom_level,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  WmBasemapSource *self = WM_BASEMAP_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) render_task = NULL;
  TileRequest *request;
  GBytes *cached;
  guint64 key = tile_key (x, y, zoom_level);
  RequestDone *done = g_new0 (RequestDone, 1);

  done->self = g_object_ref (self);
  done->callback = callback;
  done->user_data = user_data;
  self->n_in_flight++;
  task = g_task_new (self, cancellable, on_request_done, done);
  g_task_set_source_tag (task, wm_basemap_source_get_tile_data_async);

  cached = g_hash_table_lookup (self->cache, &key);
  if (cached == NULL && !wm_tile_renderer_tile_has_features (self->renderer, zoom_level, x, y))
    cached = get_empty_tile (self);

  /* GTask defers the callback to a later main loop iteration, so this does not re-enter. */
  if (cached != NULL)
    {
      deliver (self, task, x, y, zoom_level, cached);
      return;
    }

  request = g_new0 (TileRequest, 1);
  request->renderer = g_object_ref (self->renderer);
  request->x = x;
  request->y = y;
  request->zoom = zoom_level;

  self->n_pending++;
  render_task = g_task_new (self, cancellable, on_rendered, g_steal_pointer (&task));
  g_task_set_source_tag (render_task, render_in_thread);
  g_task_set_task_data (render_task, request, (GDestroyNotify) tile_request_free);
  g_task_run_in_thread (render_task, render_in_thread);
}

/* The map's tiles: images straight from the renderer, no PNG on the way. They render in a
 * pool of one thread less than there are cores, at a lower priority, so that the main thread
 * keeps a core to paint on while the map pans. */
static void
render_paintable_job (gpointer data, gpointer pool_data)
{
  GTask *task = data;
  TileRequest *request = g_task_get_task_data (task);
  static GPrivate niced;

#ifdef __linux__
  if (g_private_get (&niced) == NULL)
    {
      setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 5);
      g_private_set (&niced, GINT_TO_POINTER (1));
    }
#endif
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task,
                           wm_tile_renderer_render (request->renderer, request->zoom, request->x,
                                                    request->y),
                           (GDestroyNotify) cairo_surface_destroy);
  g_object_unref (task);
}

static GThreadPool *
get_render_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      int n = MAX (1, (int) g_get_num_processors () - 1);

      g_once_init_leave (&pool, g_thread_pool_new (render_paintable_job, NULL, n, FALSE, NULL));
    }
  return pool;
}

static void
paintable_cache_store (WmBasemapSource *self, guint64 key, WmTilePaintable *paintable)
{
  guint64 *stored_key;

  if (g_hash_table_contains (self->paintables, &key))
    return;
  while (self->paintable_order.length >= PAINTABLE_CACHE_SIZE)
    {
      g_autofree guint64 *old = g_queue_pop_head (&self->paintable_order);

      g_hash_table_remove (self->paintables, old);
    }
  stored_key = g_memdup2 (&key, sizeof key);
  g_queue_push_tail (&self->paintable_order, stored_key);
  g_hash_table_insert (self->paintables, stored_key, g_object_ref (paintable));
}

static void
deliver_paintable (WmBasemapSource *self, GTask *task, int x, int y, int zoom,
                   WmTilePaintable *paintable)
{
  guint64 key = tile_key (x, y, zoom);

  self->n_delivered++;
  if (!g_hash_table_contains (self->delivered, &key))
    g_hash_table_add (self->delivered, g_memdup2 (&key, sizeof key));
  g_task_return_pointer (task, g_object_ref (paintable), g_object_unref);
}

static void
on_paintable_rendered (GObject *object, GAsyncResult *result, gpointer user_data)
{
  WmBasemapSource *self = WM_BASEMAP_SOURCE (object);
  g_autoptr(GTask) task = user_data;
  TileRequest *request = g_task_get_task_data (G_TASK (result));
  cairo_surface_t *surface;
  g_autoptr(WmTilePaintable) paintable = NULL;
  GError *error = NULL;

  self->n_pending--;
  surface = g_task_propagate_pointer (G_TASK (result), &error);
  if (surface == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  paintable = wm_tile_paintable_new (surface, !wm_tile_renderer_is_transparent (request->renderer));
  cairo_surface_destroy (surface);

  /* A renderer replaced meanwhile must not fill the cache of the new one. */
  if (request->renderer == self->renderer)
    paintable_cache_store (self, tile_key (request->x, request->y, request->zoom), paintable);
  if (g_task_return_error_if_cancelled (task))
    return;
  deliver_paintable (self, task, request->x, request->y, request->zoom, paintable);
}

static WmTilePaintable *
get_empty_paintable (WmBasemapSource *self)
{
  if (self->empty_paintable == NULL)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WM_TILE_SIZE,
                                                             WM_TILE_SIZE);
      gboolean opaque = !wm_tile_renderer_is_transparent (self->renderer);

      if (opaque)
        {
          cairo_t *cr = cairo_create (surface);

          wm_map_style_set_source_rgb (cr, wm_map_style_get_background (), 1.0);
          cairo_paint (cr);
          cairo_destroy (cr);
        }
      self->empty_paintable = wm_tile_paintable_new (surface, opaque);
      cairo_surface_destroy (surface);
    }
  return self->empty_paintable;
}

void
wm_basemap_source_get_tile_paintable_async (WmBasemapSource *self, int x, int y, int zoom,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  GTask *render_task;
  TileRequest *request;
  WmTilePaintable *cached;
  guint64 key = tile_key (x, y, zoom);
  RequestDone *done;

  g_return_if_fail (WM_IS_BASEMAP_SOURCE (self));

  done = g_new0 (RequestDone, 1);
  done->self = g_object_ref (self);
  done->callback = callback;
  done->user_data = user_data;
  self->n_in_flight++;
  task = g_task_new (self, cancellable, on_request_done, done);
  g_task_set_source_tag (task, wm_basemap_source_get_tile_paintable_async);

  cached = g_hash_table_lookup (self->paintables, &key);
  if (cached == NULL && !wm_tile_renderer_tile_has_features (self->renderer, zoom, x, y))
    cached = get_empty_paintable (self);
  /* GTask defers the callback to a later main loop iteration, so this does not re-enter. */
  if (cached != NULL)
    {
      deliver_paintable (self, task, x, y, zoom, cached);
      return;
    }

  request = g_new0 (TileRequest, 1);
  request->renderer = g_object_ref (self->renderer);
  request->x = x;
  request->y = y;
  request->zoom = zoom;
  self->n_pending++;
  render_task = g_task_new (self, cancellable, on_paintable_rendered, g_steal_pointer (&task));
  g_task_set_source_tag (render_task, render_paintable_job);
  g_task_set_task_data (render_task, request, (GDestroyNotify) tile_request_free);
  /* The pool returns the result and drops this reference. */
  g_thread_pool_push (get_render_pool (), render_task, NULL);
}

WmTilePaintable *
wm_basemap_source_get_tile_paintable_finish (WmBasemapSource *self, GAsyncResult *result,
                                             GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
wm_basemap_source_finalize (GObject *object)
{
  WmBasemapSource *self = WM_BASEMAP_SOURCE (object);

  g_clear_object (&self->renderer);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_queue_clear_full (&self->cache_order, g_free);
  g_clear_pointer (&self->empty_tile, g_bytes_unref);
  g_clear_pointer (&self->paintables, g_hash_table_unref);
  g_queue_clear_full (&self->paintable_order, g_free);
  g_clear_object (&self->empty_paintable);
  g_clear_pointer (&self->delivered, g_hash_table_unref);

  G_OBJECT_CLASS (wm_basemap_source_parent_class)->finalize (object);
}

static void
wm_basemap_source_class_init (WmBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = wm_basemap_source_finalize;
  source_class->get_tile_data_async = wm_basemap_source_get_tile_data_async;
}

static void
wm_basemap_source_init (WmBasemapSource *self)
{
  /* Keys are owned by cache_order; the table frees only the values. */
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                       (GDestroyNotify) g_bytes_unref);
  g_queue_init (&self->cache_order);
  self->paintables = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  g_queue_init (&self->paintable_order);
  self->delivered = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

WmBasemapSource *
wm_basemap_source_new (WmTileRenderer *renderer)
{
  WmBasemapSource *self;

  g_return_val_if_fail (WM_IS_TILE_RENDERER (renderer), NULL);

  self = g_object_new (WM_TYPE_BASEMAP_SOURCE, NULL);
  self->renderer = g_object_ref (renderer);
  return self;
}

WmTileRenderer *
wm_basemap_source_get_renderer (WmBasemapSource *self)
{
  g_return_val_if_fail (WM_IS_BASEMAP_SOURCE (self), NULL);

  return self->renderer;
}

guint
wm_basemap_source_get_n_pending (WmBasemapSource *self)
{
  g_return_val_if_fail (WM_IS_BASEMAP_SOURCE (self), 0);

  return self->n_pending;
}

guint
wm_basemap_source_get_n_delivered (WmBasemapSource *self)
{
  g_return_val_if_fail (WM_IS_BASEMAP_SOURCE (self), 0);

  return self->n_delivered;
}

guint
wm_basemap_source_get_n_in_flight (WmBasemapSource *self)
{
  g_return_val_if_fail (WM_IS_BASEMAP_SOURCE (self), 0);

  return self->n_in_flight;
}

gboolean
wm_basemap_source_has_delivered (WmBasemapSource *self, int zoom, int x, int y)
{
  guint64 key = tile_key (x, y, zoom);

  g_return_val_if_fail (WM_IS_BASEMAP_SOURCE (self), FALSE);

  return g_hash_table_contains (self->delivered, &key);
}

ShumateMapSource *
wm_basemap_source_create_map_source (WmBasemapSource *self)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (WM_IS_BASEMAP_SOURCE (self), NULL);

  if (wm_tile_renderer_is_transparent (self->renderer))
    id = g_strdup_printf ("wijkmix-housing-%s-%s",
                          wm_housing_mode_key (wm_tile_renderer_get_housing_mode (self->renderer)),
                          wm_segment_key (wm_tile_renderer_get_housing_segment (self->renderer)));
  else
    id = g_strdup ("wijkmix-basemap");

  return wm_basemap_map_source_new (self, id,
                                    wm_tile_renderer_is_transparent (self->renderer)
                                      ? _("Housing") : _("Project base map"));
}
