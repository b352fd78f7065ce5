/* wm-mbtiles-source.c: raster tiles from an MBTiles file (SQLite), fully offline */
#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "wm-mbtiles-source.h"
#include "wm-sqlite-private.h"

struct _WmMbtilesSource
{
  ShumateDataSource parent_instance;

  char *path;
  sqlite3 *db;
  sqlite3_stmt *tile_stmt;
  char *name;
  char *attribution;
  guint min_zoom, max_zoom;
  gboolean has_bounds;
  double bounds[4];
};

G_DEFINE_FINAL_TYPE (WmMbtilesSource, wm_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE)

G_DEFINE_QUARK (wm-mbtiles-error-quark, wm_mbtiles_error)

static char *
get_metadata (WmMbtilesSource *self, const char *key)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM metadata WHERE name = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return value;
}

static gboolean
load (WmMbtilesSource *self, GError **error)
{
  g_autofree char *display = g_filename_display_basename (self->path);
  g_autofree char *format = NULL;
  g_autofree char *min_zoom = NULL;
  g_autofree char *max_zoom = NULL;
  g_autofree char *bounds = NULL;

  if (!g_file_test (self->path, G_FILE_TEST_IS_REGULAR)
      || sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, WM_MBTILES_ERROR, WM_MBTILES_ERROR_OPEN,
                   _("“%s” could not be opened"), display);
      return FALSE;
    }

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? "
                          "AND tile_row = ?", -1, &self->tile_stmt, NULL) != SQLITE_OK)
    {
      /* Also what SQLite says for a file that is no database at all. */
      g_set_error (error, WM_MBTILES_ERROR, WM_MBTILES_ERROR_NOT_MBTILES,
                   _("“%s” is not an MBTiles file: it has no tiles table"), display);
      return FALSE;
    }

  format = get_metadata (self, "format");
  if (format != NULL && (g_str_equal (format, "pbf") || g_str_equal (format, "mvt")))
    {
      g_set_error (error, WM_MBTILES_ERROR, WM_MBTILES_ERROR_UNSUPPORTED,
                   _("“%s” holds vector tiles; only raster tiles (PNG, JPEG) can be shown"),
                   display);
      return FALSE;
    }

  self->name = get_metadata (self, "name");
  if (self->name == NULL)
    self->name = g_strdup (display);
  self->attribution = get_metadata (self, "attribution");
  min_zoom = get_metadata (self, "minzoom");
  max_zoom = get_metadata (self, "maxzoom");
  self->min_zoom = min_zoom != NULL ? (guint) CLAMP (g_ascii_strtoll (min_zoom, NULL, 10), 0, 30) : 0;
  self->max_zoom = max_zoom != NULL ? (guint) CLAMP (g_ascii_strtoll (max_zoom, NULL, 10), 0, 30) : 20;
  if (self->max_zoom < self->min_zoom)
    self->max_zoom = self->min_zoom;

  bounds = get_metadata (self, "bounds");
  if (bounds != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (bounds, ",", -1);

      if (g_strv_length (parts) == 4)
        {
          self->has_bounds = TRUE;
          for (int i = 0; i < 4; i++)
            self->bounds[i] = g_ascii_strtod (g_strstrip (parts[i]), NULL);
        }
    }
  return TRUE;
}

static void
wm_mbtiles_source_get_tile_data_async (ShumateDataSource *source, int x, int y, int zoom_level,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  WmMbtilesSource *self = WM_MBTILES_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GBytes) bytes = NULL;

  g_task_set_source_tag (task, wm_mbtiles_source_get_tile_data_async);

  /* A read by primary key takes microseconds: no thread needed. MBTiles rows count
   * from the south (TMS), XYZ from the north. */
  sqlite3_reset (self->tile_stmt);
  sqlite3_bind_int (self->tile_stmt, 1, zoom_level);
  sqlite3_bind_int (self->tile_stmt, 2, x);
  sqlite3_bind_int (self->tile_stmt, 3, (1 << zoom_level) - 1 - y);
  if (sqlite3_step (self->tile_stmt) == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (self->tile_stmt, 0),
                         sqlite3_column_bytes (self->tile_stmt, 0));
  sqlite3_reset (self->tile_stmt);

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      g_task_return_new_error (task, WM_MBTILES_ERROR, WM_MBTILES_ERROR_NO_TILE,
                               "No tile %d/%d/%d", zoom_level, x, y);
      return;
    }

  /* The 1.0 raster renderer only takes tiles from this signal. */
  g_signal_emit_by_name (self, "received-data", x, y, zoom_level, bytes);
  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

static void
wm_mbtiles_source_finalize (GObject *object)
{
  WmMbtilesSource *self = WM_MBTILES_SOURCE (object);

  g_clear_pointer (&self->tile_stmt, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->attribution, g_free);

  G_OBJECT_CLASS (wm_mbtiles_source_parent_class)->finalize (object);
}

static void
wm_mbtiles_source_class_init (WmMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = wm_mbtiles_source_finalize;
  source_class->get_tile_data_async = wm_mbtiles_source_get_tile_data_async;
}

static void
wm_mbtiles_source_init (WmMbtilesSource *self)
{
}

WmMbtilesSource *
wm_mbtiles_source_new (const char *path, GError **error)
{
  g_autoptr(WmMbtilesSource) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (WM_TYPE_MBTILES_SOURCE, NULL);
  self->path = g_strdup (path);
  if (!load (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
wm_mbtiles_source_get_path (WmMbtilesSource *self)
{
  g_return_val_if_fail (WM_IS_MBTILES_SOURCE (self), NULL);
  return self->path;
}

const char *
wm_mbtiles_source_get_name (WmMbtilesSource *self)
{
  g_return_val_if_fail (WM_IS_MBTILES_SOURCE (self), NULL);
  return self->name;
}

const char *
wm_mbtiles_source_get_attribution (WmMbtilesSource *self)
{
  g_return_val_if_fail (WM_IS_MBTILES_SOURCE (self), NULL);
  return self->attribution;
}

guint
wm_mbtiles_source_get_min_zoom (WmMbtilesSource *self)
{
  g_return_val_if_fail (WM_IS_MBTILES_SOURCE (self), 0);
  return self->min_zoom;
}

guint
wm_mbtiles_source_get_max_zoom (WmMbtilesSource *self)
{
  g_return_val_if_fail (WM_IS_MBTILES_SOURCE (self), 0);
  return self->max_zoom;
}

gboolean
wm_mbtiles_source_get_bounds (WmMbtilesSource *self, double *west, double *south, double *east,
                              double *north)
{
  g_return_val_if_fail (WM_IS_MBTILES_SOURCE (self), FALSE);

  if (!self->has_bounds)
    return FALSE;
  *west = self->bounds[0];
  *south = self->bounds[1];
  *east = self->bounds[2];
  *north = self->bounds[3];
  return TRUE;
}

ShumateMapSource *
wm_mbtiles_source_create_map_source (WmMbtilesSource *self)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (WM_IS_MBTILES_SOURCE (self), NULL);

  id = g_strdup_printf ("mbtiles-%08x", g_str_hash (self->path));
  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (id, self->name, self->attribution,
                                                               NULL, self->min_zoom,
                                                               self->max_zoom, 256,
                                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                                               SHUMATE_DATA_SOURCE (self)));
}
