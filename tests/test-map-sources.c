/* test-map-sources.c: MBTiles and online tile sources, and the offline fallback of the map */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "wm-basemap-source.h"
#include "wm-core.h"
#include "wm-crs.h"
#include "wm-map-view.h"
#include "wm-mbtiles-source.h"
#include "wm-online-source.h"
#include "wm-tile-renderer.h"
#include "wm-test-util.h"

#define TILE_COLOR 0xff00ff

static GBytes *
solid_png (guint32 rgb)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *path = NULL;
  char *data;
  gsize len;
  int fd = g_file_open_tmp ("wm-tile-XXXXXX.png", &path, NULL);

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_unlink (path);
  return g_bytes_new_take (data, len);
}

static void
exec_sql (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* An MBTiles file with one tile at XYZ (@z, @x, @y). */
static char *
make_mbtiles (const char *dir, const char *name, const char *format, int z, int x, int y,
              GBytes *png)
{
  char *path = g_build_filename (dir, name, NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  g_autofree char *meta = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE metadata (name TEXT, value TEXT);"
                "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,"
                " tile_data BLOB);");
  meta = g_strdup_printf ("INSERT INTO metadata VALUES ('name', 'Test tiles'), ('format', '%s'),"
                          " ('minzoom', '10'), ('maxzoom', '18'),"
                          " ('bounds', '5.7,52.0,5.9,52.2'), ('attribution', 'Test map (CC0)');",
                          format);
  exec_sql (db, meta);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, z);
  sqlite3_bind_int (stmt, 2, x);
  sqlite3_bind_int (stmt, 3, (1 << z) - 1 - y); /* TMS rows */
  sqlite3_bind_blob (stmt, 4, g_bytes_get_data (png, NULL), (int) g_bytes_get_size (png),
                     SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return path;
}

typedef struct
{
  GBytes *result;
  GError *error;
  guint n_received;
  gboolean done;
} Fetch;

static void
on_received (ShumateDataSource *source, int x, int y, int z, GBytes *bytes, Fetch *fetch)
{
  fetch->n_received++;
}

static void
on_fetched (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Fetch *fetch = user_data;

  fetch->result = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result,
                                                            &fetch->error);
  fetch->done = TRUE;
}

static gboolean
fetch_done (gpointer data)
{
  return ((Fetch *) data)->done;
}

static void
fetch_tile (ShumateDataSource *source, int z, int x, int y, Fetch *fetch)
{
  gulong id = g_signal_connect (source, "received-data", G_CALLBACK (on_received), fetch);

  g_clear_pointer (&fetch->result, g_bytes_unref);
  g_clear_error (&fetch->error);
  fetch->done = FALSE;
  fetch->n_received = 0;
  shumate_data_source_get_tile_data_async (source, x, y, z, NULL, on_fetched, fetch);
  wm_test_wait_until (fetch_done, fetch, "a tile from the data source");
  g_signal_handler_disconnect (source, id);
}

static void
fetch_clear (Fetch *fetch)
{
  g_clear_pointer (&fetch->result, g_bytes_unref);
  g_clear_error (&fetch->error);
}

static void
test_mbtiles_source (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wm-mbtiles-XXXXXX", NULL);
  g_autoptr(GBytes) png = solid_png (TILE_COLOR);
  g_autofree char *path = make_mbtiles (dir, "ok.mbtiles", "png", 16, 33800, 21300, png);
  g_autofree char *vector = make_mbtiles (dir, "vector.mbtiles", "pbf", 16, 1, 1, png);
  g_autofree char *not_mbtiles = g_build_filename (dir, "plain.sqlite", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.mbtiles", NULL);
  g_autoptr(WmMbtilesSource) source = NULL;
  g_autoptr(WmMbtilesSource) bad = NULL;
  g_autoptr(ShumateMapSource) map_source = NULL;
  g_autoptr(GError) error = NULL;
  Fetch fetch = { 0 };
  double w, s, e, n;
  sqlite3 *db;

  source = wm_mbtiles_source_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_mbtiles_source_get_name (source), ==, "Test tiles");
  g_assert_cmpstr (wm_mbtiles_source_get_attribution (source), ==, "Test map (CC0)");
  g_assert_cmpuint (wm_mbtiles_source_get_min_zoom (source), ==, 10);
  g_assert_cmpuint (wm_mbtiles_source_get_max_zoom (source), ==, 18);
  g_assert_true (wm_mbtiles_source_get_bounds (source, &w, &s, &e, &n));
  g_assert_cmpfloat (w, ==, 5.7);
  g_assert_cmpfloat (n, ==, 52.2);

  map_source = wm_mbtiles_source_create_map_source (source);
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (map_source), ==, 10);
  g_assert_cmpstr (shumate_map_source_get_license (map_source), ==, "Test map (CC0)");

  /* The XYZ tile comes back (rows flipped from TMS), through "received-data". */
  fetch_tile (SHUMATE_DATA_SOURCE (source), 16, 33800, 21300, &fetch);
  g_assert_no_error (fetch.error);
  g_assert_true (g_bytes_equal (fetch.result, png));
  g_assert_cmpuint (fetch.n_received, ==, 1);

  /* Not stored: an error, no data. */
  fetch_tile (SHUMATE_DATA_SOURCE (source), 16, 33800, 21301, &fetch);
  g_assert_error (fetch.error, WM_MBTILES_ERROR, WM_MBTILES_ERROR_NO_TILE);
  g_assert_cmpuint (fetch.n_received, ==, 0);
  fetch_clear (&fetch);

  g_assert_cmpint (sqlite3_open (not_mbtiles, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE things (a INTEGER);");
  sqlite3_close (db);
  bad = wm_mbtiles_source_new (not_mbtiles, &error);
  g_assert_null (bad);
  g_assert_error (error, WM_MBTILES_ERROR, WM_MBTILES_ERROR_NOT_MBTILES);
  g_assert_nonnull (strstr (error->message, "plain.sqlite"));
  g_clear_error (&error);

  bad = wm_mbtiles_source_new (missing, &error);
  g_assert_null (bad);
  g_assert_error (error, WM_MBTILES_ERROR, WM_MBTILES_ERROR_OPEN);
  g_clear_error (&error);

  bad = wm_mbtiles_source_new (vector, &error);
  g_assert_null (bad);
  g_assert_error (error, WM_MBTILES_ERROR, WM_MBTILES_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  g_unlink (path);
  g_unlink (vector);
  g_unlink (not_mbtiles);
  g_rmdir (dir);
}

/* A tile server on 127.0.0.1: every path answers with one PNG. */
typedef struct
{
  SoupServer *server;
  GBytes *png;
  char *url_template;
  guint n_requests;
  char *user_agent;
} TileServer;

static void
serve_tile (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
            gpointer user_data)
{
  TileServer *ts = user_data;
  const char *agent = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "User-Agent");

  ts->n_requests++;
  g_free (ts->user_agent);
  ts->user_agent = g_strdup (agent);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (ts->png, NULL), g_bytes_get_size (ts->png));
}

static void
tile_server_start (TileServer *ts)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  g_autofree char *base = NULL;

  ts->png = solid_png (TILE_COLOR);
  ts->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (ts->server, NULL, serve_tile, ts, NULL);
  g_assert_true (soup_server_listen_local (ts->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (ts->server);
  g_assert_nonnull (uris);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  ts->url_template = g_strconcat (base, "tiles/{z}/{x}/{y}.png", NULL);
}

static void
tile_server_stop (TileServer *ts)
{
  soup_server_disconnect (ts->server);
  g_clear_object (&ts->server);
}

static void
tile_server_clear (TileServer *ts)
{
  if (ts->server != NULL)
    tile_server_stop (ts);
  g_clear_pointer (&ts->png, g_bytes_unref);
  g_clear_pointer (&ts->url_template, g_free);
  g_clear_pointer (&ts->user_agent, g_free);
}

static void
test_online_source (void)
{
  TileServer ts = { 0 };
  g_autoptr(WmOnlineSource) source = NULL;
  g_autoptr(WmOnlineSource) dead = NULL;
  g_autofree char *dead_url = NULL;
  Fetch fetch = { 0 };

  tile_server_start (&ts);
  source = wm_online_source_new ("test-online", ts.url_template);
  fetch_tile (SHUMATE_DATA_SOURCE (source), 15, 16890, 10770, &fetch);
  g_assert_no_error (fetch.error);
  g_assert_true (g_bytes_equal (fetch.result, ts.png));
  g_assert_cmpuint (fetch.n_received, ==, 1);
  g_assert_cmpuint (ts.n_requests, ==, 1);
  g_assert_cmpstr (ts.user_agent, ==, wm_online_source_get_user_agent ());
  g_assert_true (g_str_has_prefix (ts.user_agent, "Wijkmix/"));
  g_assert_false (wm_online_source_get_failed (source));
  g_assert_cmpuint (wm_online_source_get_n_loaded (source), ==, 1);

  /* Stopped: a source that never got a tile gives up at the first refused connection. */
  dead_url = g_strdup (ts.url_template);
  tile_server_stop (&ts);
  dead = wm_online_source_new ("test-dead", dead_url);
  fetch_tile (SHUMATE_DATA_SOURCE (dead), 15, 16890, 10770, &fetch);
  g_assert_nonnull (fetch.error);
  g_assert_null (fetch.result);
  g_assert_true (wm_online_source_get_failed (dead));
  /* From then on at once, without asking the network. */
  fetch_tile (SHUMATE_DATA_SOURCE (dead), 15, 16891, 10770, &fetch);
  g_assert_error (fetch.error, SHUMATE_TILE_DOWNLOADER_ERROR,
                  SHUMATE_TILE_DOWNLOADER_ERROR_OFFLINE);
  fetch_clear (&fetch);

  /* The configured services exist with their attribution; they are not contacted here. */
  {
    g_autoptr(ShumateMapSource) pdok = wm_online_source_create_for_key ("pdok");
    g_autoptr(ShumateMapSource) osm = wm_online_source_create_for_key ("osm");

    g_assert_nonnull (strstr (shumate_map_source_get_license (pdok), "PDOK"));
    g_assert_nonnull (strstr (shumate_map_source_get_license (osm), "OpenStreetMap"));
    g_assert_null (wm_online_source_create_for_key ("nonsense"));
  }

  tile_server_clear (&ts);
}

/* The colour at (@x, @y) of @widget; -1, -1: just left of the centre. */
static guint32
pixel_at (GtkWidget *widget, int x, int y)
{
  GtkSnapshot *snapshot;
  int width, height;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autofree guint32 *data = NULL;

  /* Laid out after the last change (a layer added or removed), then drawn by hand. */
  wm_test_wait_for_frames (widget, 1);
  snapshot = gtk_snapshot_new ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  data = g_new (guint32, width * height);
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, (guchar *) data, width * 4);
  /* Just left of the centre, away from anything drawn live. */
  if (x < 0)
    {
      x = width / 2 - 40;
      y = height / 2;
    }
  g_assert_true (x < width && y < height);
  return data[y * width + x] & 0xffffff;
}

static gboolean
online_loaded (gpointer data)
{
  WmMapView *view = data;
  g_autoptr(ShumateDataSource) source = NULL;

  g_object_get (wm_map_view_get_online_source (view), "data-source", &source, NULL);
  return wm_online_source_get_n_loaded (WM_ONLINE_SOURCE (source)) > 2;
}

static gboolean
shows_tile_color (gpointer data)
{
  return pixel_at (GTK_WIDGET (data), -1, -1) == TILE_COLOR;
}

typedef struct
{
  WmMapView *view;
  double lat, lon; /* the centre of the one MBTiles tile */
} TileSpot;

/* Looked up where the tile is now: the view may still snap to whole pixels meanwhile. */
static gboolean
shows_mbtiles_tile (gpointer data)
{
  TileSpot *spot = data;
  GtkWidget *widget = GTK_WIDGET (spot->view);
  double x, y;

  shumate_viewport_location_to_widget_coords (wm_map_view_get_viewport (spot->view), widget,
                                              spot->lat, spot->lon, &x, &y);
  return pixel_at (widget, (int) x, (int) y) == TILE_COLOR;
}

static gboolean
online_layer_gone (gpointer data)
{
  return wm_map_view_get_online_layer (WM_MAP_VIEW (data)) == NULL;
}

static WmPlan *
make_plan (void)
{
  WmPlan *plan = wm_plan_new ();
  WmPoint p[] = { { 180700, 456800 }, { 181100, 456800 }, { 181100, 457200 }, { 180700, 457200 } };
  g_autoptr(WmGeometry) boundary = wm_geometry_new_polygon (p, 4);
  g_autoptr(WmArea) area = wm_area_new ("a", "Dorp", boundary);

  wm_plan_add_area (plan, area);
  return plan;
}

static void
test_map_fallback (void)
{
  TileServer ts = { 0 };
  g_autoptr(WmPlan) plan = make_plan ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = wm_map_view_new ();
  WmMapView *map_view = WM_MAP_VIEW (view);
  g_autoptr(WmOnlineSource) online = NULL;
  g_autoptr(ShumateMapSource) online_map = NULL;
  g_autoptr(WmOnlineSource) dead = NULL;
  g_autoptr(ShumateMapSource) dead_map = NULL;
  ShumateLicense *license;

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  gtk_window_set_child (GTK_WINDOW (window), view);
  wm_map_view_set_plan (map_view, plan);
  gtk_window_present (GTK_WINDOW (window));

  tile_server_start (&ts);
  online = wm_online_source_new ("test-map-online", ts.url_template);
  online_map = wm_online_source_create_map_source (online, "test-map-online", "Test",
                                                   "Test tiles licence", NULL, 0, 20);
  wm_map_view_set_online_source (map_view, online_map);
  g_assert_nonnull (wm_map_view_get_online_layer (map_view));
  /* Right above the offline base map, which stays underneath. */
  g_assert_true (gtk_widget_get_prev_sibling (GTK_WIDGET (wm_map_view_get_online_layer (map_view)))
                 == GTK_WIDGET (wm_map_view_get_layer (map_view, "basemap")));
  wm_test_wait_until (online_loaded, map_view, "tiles from the online source");
  wm_test_wait_until (shows_tile_color, view, "the online tile at the centre of the map");
  license = shumate_simple_map_get_license (SHUMATE_SIMPLE_MAP (gtk_widget_get_first_child (view)));
  g_assert_nonnull (license);

  /* Hiding the base map hides the online one with it. */
  wm_map_view_set_layer_visible (map_view, "basemap", FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (wm_map_view_get_online_layer (map_view))));
  wm_map_view_set_layer_visible (map_view, "basemap", TRUE);

  /* The server goes away: a source on it fails and the offline map shows, without warnings. */
  tile_server_stop (&ts);
  dead = wm_online_source_new ("test-map-dead", ts.url_template);
  dead_map = wm_online_source_create_map_source (dead, "test-map-dead", "Dead", NULL, NULL, 0, 20);
  wm_map_view_set_online_source (map_view, dead_map);
  g_assert_nonnull (wm_map_view_get_online_layer (map_view));
  wm_test_wait_until (online_layer_gone, map_view, "the failed online layer to be removed");
  g_assert_true (wm_online_source_get_failed (dead));
  g_assert_true (wm_map_view_get_online_source (map_view) == dead_map);
  g_assert_cmphex (pixel_at (view, -1, -1), !=, TILE_COLOR);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (wm_map_view_get_layer (map_view, "basemap"))));

  /* Back to offline by key. */
  g_assert_true (wm_map_view_set_base_map (map_view, "offline", NULL, NULL));
  g_assert_null (wm_map_view_get_online_source (map_view));

  gtk_window_destroy (GTK_WINDOW (window));
  tile_server_clear (&ts);
}

static void
test_map_mbtiles (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wm-mbtiles-XXXXXX", NULL);
  g_autoptr(GBytes) png = solid_png (TILE_COLOR);
  g_autoptr(WmPlan) plan = make_plan ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = wm_map_view_new ();
  WmMapView *map_view = WM_MAP_VIEW (view);
  ShumateViewport *viewport = wm_map_view_get_viewport (map_view);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bad_path = g_build_filename (dir, "bad.mbtiles", NULL);
  double lat, lon, px, py;
  int tx, ty;
  TileSpot spot = { map_view, 0, 0 };

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  gtk_window_set_child (GTK_WINDOW (window), view);
  wm_map_view_set_plan (map_view, plan);
  gtk_window_present (GTK_WINDOW (window));
  /* Laid out: the view has fitted the plan, which would undo the zoom below. */
  wm_test_wait_for_frames (view, 1);

  /* Zoom 16 around the plan; the file holds just the tile under the centre. */
  shumate_viewport_set_zoom_level (viewport, 16);
  wm_crs_rd_to_wgs84 (180900, 457000, &lat, &lon);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  wm_test_wait_for_frames (view, 1);
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  wm_web_mercator_to_pixel (16, lat, lon, &px, &py);
  tx = (int) ((px - 40) / 256);
  ty = (int) (py / 256);
  path = make_mbtiles (dir, "map.mbtiles", "png", 16, tx, ty, png);
  wm_web_mercator_from_pixel (16, (tx + 0.5) * 256, (ty + 0.5) * 256, &spot.lat, &spot.lon);

  g_assert_true (wm_map_view_set_base_map (map_view, "mbtiles", path, &error));
  g_assert_no_error (error);
  g_assert_nonnull (wm_map_view_get_online_layer (map_view));
  wm_test_wait_until (shows_mbtiles_tile, &spot, "the MBTiles tile on the map");

  /* A broken file: named error, the offline map stays. */
  g_assert_true (g_file_set_contents (bad_path, "not a database at all, just text", -1, NULL));
  g_assert_false (wm_map_view_set_base_map (map_view, "mbtiles", bad_path, &error));
  g_assert_error (error, WM_MBTILES_ERROR, WM_MBTILES_ERROR_NOT_MBTILES);
  g_assert_null (wm_map_view_get_online_layer (map_view));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_unlink (bad_path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("wm-cache-XXXXXX", NULL);

  /* A fresh tile cache, before anything asks for the cache directory. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  wm_core_init ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map-sources/mbtiles", test_mbtiles_source);
  g_test_add_func ("/map-sources/online", test_online_source);
  g_test_add_func ("/map-sources/fallback", test_map_fallback);
  g_test_add_func ("/map-sources/map-mbtiles", test_map_mbtiles);

  return g_test_run ();
}
