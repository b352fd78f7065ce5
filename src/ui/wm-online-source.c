/* wm-online-source.c: raster tiles from a web server, cached on disk, that gives up quietly */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "wm-online-source.h"

/* Failures in a row after which a source that did work is given up too. */
#define MAX_FAILURES_IN_A_ROW 4
#define CACHE_SIZE_LIMIT (100 * 1000 * 1000)
#define CACHE_MAX_AGE (7 * G_TIME_SPAN_DAY)

struct _WmOnlineSource
{
  ShumateDataSource parent_instance;

  char *id;
  char *url_template;
  SoupSession *session;
  ShumateFileCache *cache;
  gboolean failed;
  guint n_loaded;
  guint failures_in_a_row;
};

G_DEFINE_FINAL_TYPE (WmOnlineSource, wm_online_source, SHUMATE_TYPE_DATA_SOURCE)

enum
{
  PROP_0,
  PROP_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  WmOnlineSource *self;
  int x, y, z;
  GBytes *cached;
  SoupMessage *message;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->self);
  g_clear_pointer (&request->cached, g_bytes_unref);
  g_clear_object (&request->message);
  g_free (request);
}

const char *
wm_online_source_get_user_agent (void)
{
  return "Wijkmix/" PACKAGE_VERSION " (" APP_ID ")";
}

static void
set_failed (WmOnlineSource *self)
{
  if (self->failed)
    return;
  self->failed = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
}

static void
deliver (GTask *task, GBytes *bytes)
{
  Request *request = g_task_get_task_data (task);

  g_signal_emit_by_name (request->self, "received-data", request->x, request->y, request->z,
                         bytes);
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
fail (GTask *task, GError *error)
{
  Request *request = g_task_get_task_data (task);
  WmOnlineSource *self = request->self;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->failures_in_a_row++;
      if (self->n_loaded == 0 || self->failures_in_a_row >= MAX_FAILURES_IN_A_ROW)
        set_failed (self);
    }

  /* An old copy beats nothing. */
  if (request->cached != NULL)
    {
      g_error_free (error);
      deliver (task, request->cached);
      return;
    }
  g_task_return_error (task, error);
}

static void
on_sent (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  WmOnlineSource *self = request->self;
  GError *error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                               &error);
  guint status;

  if (bytes == NULL)
    {
      fail (task, error);
      return;
    }

  status = soup_message_get_status (request->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || g_bytes_get_size (bytes) == 0)
    {
      fail (task, g_error_new (SHUMATE_TILE_DOWNLOADER_ERROR,
                               SHUMATE_TILE_DOWNLOADER_ERROR_BAD_RESPONSE,
                               _("The tile server answered %u %s"), status,
                               soup_status_get_phrase (status)));
      return;
    }

  self->n_loaded++;
  self->failures_in_a_row = 0;
  shumate_file_cache_store_tile_async (self->cache, request->x, request->y, request->z, bytes,
                                       NULL, NULL, NULL, NULL);
  deliver (task, bytes);
}

static char *
tile_uri (WmOnlineSource *self, int x, int y, int z)
{
  GString *uri = g_string_new (self->url_template);
  g_autofree char *xs = g_strdup_printf ("%d", x);
  g_autofree char *ys = g_strdup_printf ("%d", y);
  g_autofree char *zs = g_strdup_printf ("%d", z);

  g_string_replace (uri, "{x}", xs, 0);
  g_string_replace (uri, "{y}", ys, 0);
  g_string_replace (uri, "{z}", zs, 0);
  return g_string_free (uri, FALSE);
}

static void
fetch (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  WmOnlineSource *self = request->self;
  g_autofree char *uri = NULL;

  if (self->failed)
    {
      fail (task, g_error_new (SHUMATE_TILE_DOWNLOADER_ERROR,
                               SHUMATE_TILE_DOWNLOADER_ERROR_OFFLINE,
                               _("The tile server cannot be reached")));
      return;
    }

  uri = tile_uri (self, request->x, request->y, request->z);
  request->message = soup_message_new (SOUP_METHOD_GET, uri);
  if (request->message == NULL)
    {
      set_failed (self);
      fail (task, g_error_new (SHUMATE_TILE_DOWNLOADER_ERROR,
                               SHUMATE_TILE_DOWNLOADER_ERROR_MALFORMED_URL,
                               _("Not a valid tile address: %s"), uri));
      return;
    }
  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_sent, g_object_ref (task));
}

static void
on_cache_lookup (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  request->cached = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (object), &etag,
                                                        &modified, result, NULL);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (request->cached != NULL && modified != NULL
      && g_date_time_difference (now, modified) < CACHE_MAX_AGE)
    {
      deliver (task, request->cached);
      return;
    }
  fetch (task);
}

static void
wm_online_source_get_tile_data_async (ShumateDataSource *source, int x, int y, int zoom_level,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  WmOnlineSource *self = WM_ONLINE_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, wm_online_source_get_tile_data_async);
  request->self = g_object_ref (self);
  request->x = x;
  request->y = y;
  request->z = zoom_level;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  shumate_file_cache_get_tile_async (self->cache, x, y, zoom_level, cancellable,
                                     on_cache_lookup, g_steal_pointer (&task));
}

static void
wm_online_source_finalize (GObject *object)
{
  WmOnlineSource *self = WM_ONLINE_SOURCE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->url_template, g_free);

  G_OBJECT_CLASS (wm_online_source_parent_class)->finalize (object);
}

static void
wm_online_source_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  WmOnlineSource *self = WM_ONLINE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_FAILED:
      g_value_set_boolean (value, self->failed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_online_source_class_init (WmOnlineSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = wm_online_source_finalize;
  object_class->get_property = wm_online_source_get_property;
  source_class->get_tile_data_async = wm_online_source_get_tile_data_async;

  properties[PROP_FAILED] =
    g_param_spec_boolean ("failed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_online_source_init (WmOnlineSource *self)
{
}

WmOnlineSource *
wm_online_source_new (const char *id, const char *url_template)
{
  WmOnlineSource *self;
  g_autofree char *cache_key = NULL;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (url_template != NULL, NULL);

  self = g_object_new (WM_TYPE_ONLINE_SOURCE, NULL);
  self->id = g_strdup (id);
  self->url_template = g_strdup (url_template);
  /* Short timeouts: at a venue without network the map must not wait on them. */
  self->session = soup_session_new_with_options ("user-agent", wm_online_source_get_user_agent (),
                                                 "max-conns-per-host", 2,
                                                 "timeout", 15,
                                                 NULL);
  cache_key = g_strcanon (g_strdup (id), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789-", '_');
  self->cache = shumate_file_cache_new_full (CACHE_SIZE_LIMIT, cache_key, NULL);
  return self;
}

const char *
wm_online_source_get_url_template (WmOnlineSource *self)
{
  g_return_val_if_fail (WM_IS_ONLINE_SOURCE (self), NULL);

  return self->url_template;
}

gboolean
wm_online_source_get_failed (WmOnlineSource *self)
{
  g_return_val_if_fail (WM_IS_ONLINE_SOURCE (self), TRUE);

  return self->failed;
}

guint
wm_online_source_get_n_loaded (WmOnlineSource *self)
{
  g_return_val_if_fail (WM_IS_ONLINE_SOURCE (self), 0);

  return self->n_loaded;
}

ShumateMapSource *
wm_online_source_create_map_source (WmOnlineSource *self, const char *id, const char *name,
                                    const char *license, const char *license_uri,
                                    guint min_zoom, guint max_zoom)
{
  g_return_val_if_fail (WM_IS_ONLINE_SOURCE (self), NULL);

  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (id, name, license, license_uri,
                                                               min_zoom, max_zoom, 256,
                                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                                               SHUMATE_DATA_SOURCE (self)));
}

ShumateMapSource *
wm_online_source_create_for_key (const char *key)
{
  g_autoptr(WmOnlineSource) source = NULL;

  if (g_strcmp0 (key, "pdok") == 0)
    {
      source = wm_online_source_new ("pdok-brt-achtergrondkaart",
                                     "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/"
                                     "standaard/EPSG:3857/{z}/{x}/{y}.png");
      return wm_online_source_create_map_source (source, "pdok-brt-achtergrondkaart",
                                                 _("BRT-Achtergrondkaart (PDOK)"),
                                                 _("BRT-Achtergrondkaart: Kadaster / PDOK (CC BY 4.0)"),
                                                 "https://www.pdok.nl/", 6, 19);
    }
  if (g_strcmp0 (key, "osm") == 0)
    {
      source = wm_online_source_new ("osm-mapnik", "https://tile.openstreetmap.org/{z}/{x}/{y}.png");
      return wm_online_source_create_map_source (source, "osm-mapnik", _("OpenStreetMap"),
                                                 _("© OpenStreetMap contributors"),
                                                 "https://www.openstreetmap.org/copyright", 0, 19);
    }
  return NULL;
}
