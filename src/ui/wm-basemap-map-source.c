/* wm-basemap-map-source.c: the project base map as a libshumate map source, tiles as images */
#include "config.h"

#include "wm-basemap-map-source.h"

struct _WmBasemapMapSource
{
  ShumateMapSource parent_instance;

  WmBasemapSource *data_source;
};

G_DEFINE_FINAL_TYPE (WmBasemapMapSource, wm_basemap_map_source, SHUMATE_TYPE_MAP_SOURCE)

enum
{
  PROP_0,
  PROP_DATA_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_paintable (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  ShumateTile *tile = g_task_get_task_data (task);
  g_autoptr(WmTilePaintable) paintable = NULL;
  GError *error = NULL;

  paintable = wm_basemap_source_get_tile_paintable_finish (WM_BASEMAP_SOURCE (object), result,
                                                           &error);
  if (paintable == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  shumate_tile_set_paintable (tile, GDK_PAINTABLE (paintable));
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  g_task_return_boolean (task, TRUE);
}

static void
wm_basemap_map_source_fill_tile_async (ShumateMapSource *source, ShumateTile *tile,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  WmBasemapMapSource *self = WM_BASEMAP_MAP_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, wm_basemap_map_source_fill_tile_async);
  g_task_set_task_data (task, g_object_ref (tile), g_object_unref);
  wm_basemap_source_get_tile_paintable_async (self->data_source, shumate_tile_get_x (tile),
                                              shumate_tile_get_y (tile),
                                              shumate_tile_get_zoom_level (tile), cancellable,
                                              on_paintable, task);
}

static gboolean
wm_basemap_map_source_fill_tile_finish (ShumateMapSource *source, GAsyncResult *result,
                                        GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
wm_basemap_map_source_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  WmBasemapMapSource *self = WM_BASEMAP_MAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DATA_SOURCE:
      g_value_set_object (value, self->data_source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_basemap_map_source_set_property (GObject *object, guint prop_id, const GValue *value,
                                    GParamSpec *pspec)
{
  WmBasemapMapSource *self = WM_BASEMAP_MAP_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DATA_SOURCE:
      self->data_source = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_basemap_map_source_dispose (GObject *object)
{
  WmBasemapMapSource *self = WM_BASEMAP_MAP_SOURCE (object);

  g_clear_object (&self->data_source);
  G_OBJECT_CLASS (wm_basemap_map_source_parent_class)->dispose (object);
}

static void
wm_basemap_map_source_class_init (WmBasemapMapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->get_property = wm_basemap_map_source_get_property;
  object_class->set_property = wm_basemap_map_source_set_property;
  object_class->dispose = wm_basemap_map_source_dispose;
  source_class->fill_tile_async = wm_basemap_map_source_fill_tile_async;
  source_class->fill_tile_finish = wm_basemap_map_source_fill_tile_finish;

  properties[PROP_DATA_SOURCE] =
    g_param_spec_object ("data-source", NULL, NULL, WM_TYPE_BASEMAP_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_basemap_map_source_init (WmBasemapMapSource *self)
{
}

ShumateMapSource *
wm_basemap_map_source_new (WmBasemapSource *data_source, const char *id, const char *name)
{
  g_return_val_if_fail (WM_IS_BASEMAP_SOURCE (data_source), NULL);

  return g_object_new (WM_TYPE_BASEMAP_MAP_SOURCE,
                       "data-source", data_source,
                       "id", id,
                       "name", name,
                       "min-zoom-level", WM_BASEMAP_MIN_ZOOM,
                       "max-zoom-level", WM_BASEMAP_MAX_ZOOM,
                       "tile-size", WM_TILE_SIZE,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
}
