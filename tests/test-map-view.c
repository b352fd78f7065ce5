/* test-map-view.c: the tile renderer, the base map data source and the map widget */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "wm-basemap-source.h"
#include "wm-core.h"
#include "wm-crs.h"
#include "wm-demo.h"
#include "wm-facility-layer.h"
#include "wm-layer-list.h"
#include "wm-map-legend.h"
#include "wm-map-style.h"
#include "wm-map-view.h"
#include "wm-proposal-factory.h"
#include "wm-proposal-layer.h"
#include "wm-tile-renderer.h"
#include "wm-test-util.h"

#define CENTRE_X 180900.0
#define CENTRE_Y 457000.0

static WmGeometry *
rect (double x0, double y0, double x1, double y1)
{
  WmPoint p[] = { { x0, y0 }, { x1, y0 }, { x1, y1 }, { x0, y1 } };

  return wm_geometry_new_polygon (p, G_N_ELEMENTS (p));
}

static void
add_feature (WmPlan *plan, WmBasemapClass klass, const char *kind, const char *text, double angle,
             WmGeometry *geometry)
{
  g_autoptr(WmGeometry) g = geometry;
  g_autoptr(WmBasemapFeature) f = wm_basemap_feature_new (klass, kind, text, angle, g);

  wm_basemap_add (wm_plan_get_basemap (plan), f);
}

static void
add_building (WmPlan *plan, const char *id, double x0, double y0, double x1, double y1)
{
  g_autoptr(WmGeometry) footprint = rect (x0, y0, x1, y1);
  g_autoptr(WmBuilding) building = wm_building_new (id, footprint);

  wm_plan_add_building (plan, building);
}

/* A 400 x 400 m neighbourhood centred on (CENTRE_X, CENTRE_Y). */
static WmPlan *
make_plan (void)
{
  WmPlan *plan = wm_plan_new ();
  g_autoptr(WmGeometry) boundary = rect (180700, 456800, 181100, 457200);
  g_autoptr(WmArea) area = wm_area_new ("BU0001", "Dorp", boundary);
  g_autoptr(WmFacility) facility = NULL;

  wm_plan_set_name (plan, "Test");
  wm_plan_set_attribution (plan, "BGT: Kadaster (CC0)\nIllustrative figures");
  wm_plan_add_area (plan, area);

  add_feature (plan, WM_BASEMAP_GREEN, "groenvoorziening", NULL, 0,
               rect (180760, 457100, 180800, 457150));
  add_feature (plan, WM_BASEMAP_WATER, "watervlakte", NULL, 0,
               rect (180950, 457050, 181050, 457120));
  add_feature (plan, WM_BASEMAP_ROAD, "rijbaan lokale weg", NULL, 0,
               rect (180750, 456995, 181050, 457003));
  add_feature (plan, WM_BASEMAP_ROAD, "fietspad", NULL, 0, rect (180750, 456990, 181050, 456993));
  add_feature (plan, WM_BASEMAP_LABEL, NULL, "Dorpsstraat", 0,
               wm_geometry_new_point (180820, 456999));

  add_building (plan, "b1", 180860, 457020, 180880, 457035);
  add_building (plan, "b2", 180890, 457020, 180905, 457032);
  add_building (plan, "b3", 180860, 456960, 180875, 456975);

  facility = wm_facility_new ("f1", WM_FACILITY_COMMUNITY_CENTRE, "Buurthuis", 180940, 456970);
  wm_plan_add_facility (plan, facility);

  return plan;
}

/* Tile and pixel in that tile of RD point (x, y). */
static void
locate (int zoom, double x, double y, int *tx, int *ty, int *px, int *py)
{
  double lat, lon, gx, gy;

  wm_crs_rd_to_wgs84 (x, y, &lat, &lon);
  wm_web_mercator_to_pixel (zoom, lat, lon, &gx, &gy);
  *tx = (int) floor (gx / WM_TILE_SIZE);
  *ty = (int) floor (gy / WM_TILE_SIZE);
  *px = (int) floor (gx) - *tx * WM_TILE_SIZE;
  *py = (int) floor (gy) - *ty * WM_TILE_SIZE;
}

static guint32
surface_pixel (cairo_surface_t *surface, int x, int y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  g_assert_true (x >= 0 && x < WM_TILE_SIZE && y >= 0 && y < WM_TILE_SIZE);
  return ((const guint32 *) (data + y * stride))[x] & 0xffffff;
}

static guint32
pixel_at (WmTileRenderer *renderer, int zoom, double x, double y)
{
  int tx, ty, px, py;
  cairo_surface_t *surface;
  guint32 value;

  locate (zoom, x, y, &tx, &ty, &px, &py);
  surface = wm_tile_renderer_render (renderer, zoom, tx, ty);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  value = surface_pixel (surface, px, py);
  cairo_surface_destroy (surface);
  return value;
}

static void
test_mercator (void)
{
  double px, py, lat, lon;

  wm_web_mercator_to_pixel (0, 0, 0, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, 128, 1e-9);
  g_assert_cmpfloat_with_epsilon (py, 128, 1e-9);

  wm_web_mercator_to_pixel (18, 52.1, 5.77, &px, &py);
  wm_web_mercator_from_pixel (18, px, py, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 52.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, 5.77, 1e-9);
}

static void
test_renderer_pixels (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmTileRenderer) renderer = wm_tile_renderer_new (plan);
  guint32 building = wm_map_style_get_building ()->fill;
  guint32 water = wm_map_style_get_basemap (WM_BASEMAP_WATER, "watervlakte")->fill;
  guint32 road = wm_map_style_get_basemap (WM_BASEMAP_ROAD, "rijbaan lokale weg")->fill;
  guint32 background = wm_map_style_get_background ();
  WmBounds bounds = wm_tile_renderer_get_bounds (renderer);

  /* 5 basemap features (label included) and 3 buildings; areas are not part of the base map. */
  g_assert_cmpuint (wm_tile_renderer_get_n_features (renderer), ==, 8);
  g_assert_cmpfloat (bounds.min_x, ==, 180750);
  g_assert_cmpfloat (bounds.max_y, ==, 457150);

  g_assert_cmphex (building, !=, background);
  g_assert_cmphex (water, !=, background);

  for (int zoom = 17; zoom <= 20; zoom++)
    {
      g_assert_cmphex (pixel_at (renderer, zoom, 180870, 457027.5), ==, building);
      g_assert_cmphex (pixel_at (renderer, zoom, 180897.5, 457026), ==, building);
      g_assert_cmphex (pixel_at (renderer, zoom, 181000, 457085), ==, water);
      g_assert_cmphex (pixel_at (renderer, zoom, 181090, 456810), ==, background);
      /* Between the buildings: nothing. */
      g_assert_cmphex (pixel_at (renderer, zoom, 180885, 457027.5), ==, background);
    }
  /* The carriageway, away from its label. */
  g_assert_cmphex (pixel_at (renderer, 19, 180980, 456999), ==, road);
  /* Water is big enough to show at low zoom too. */
  g_assert_cmphex (pixel_at (renderer, 15, 181000, 457085), ==, water);
}

static void
test_renderer_lod_and_empty (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmTileRenderer) renderer = wm_tile_renderer_new (plan);
  g_autoptr(WmPlan) empty_plan = wm_plan_new ();
  g_autoptr(WmTileRenderer) empty = wm_tile_renderer_new (empty_plan);
  int tx, ty, px, py;
  cairo_surface_t *surface;

  /* A 15 m building is under a pixel at zoom 12 (about 23 m per pixel) and is left out. */
  g_assert_cmphex (pixel_at (renderer, 12, 180897.5, 457026), ==, wm_map_style_get_background ());

  /* Far away: no features, all background. */
  locate (16, 150000, 400000, &tx, &ty, &px, &py);
  g_assert_false (wm_tile_renderer_tile_has_features (renderer, 16, tx, ty));
  locate (16, CENTRE_X, CENTRE_Y, &tx, &ty, &px, &py);
  g_assert_true (wm_tile_renderer_tile_has_features (renderer, 16, tx, ty));
  g_assert_false (wm_tile_renderer_tile_has_features (empty, 16, tx, ty));
  g_assert_cmpuint (wm_tile_renderer_get_n_features (empty), ==, 0);

  surface = wm_tile_renderer_render (empty, 16, tx, ty);
  for (int y = 0; y < WM_TILE_SIZE; y += 17)
    for (int x = 0; x < WM_TILE_SIZE; x += 17)
      g_assert_cmphex (surface_pixel (surface, x, y), ==, wm_map_style_get_background ());
  cairo_surface_destroy (surface);
}

/* Darkest pixel within @radius of RD (x, y), as the sum of its channels. */
static guint
darkest_near (WmTileRenderer *renderer, int zoom, double x, double y, int radius)
{
  int tx, ty, px, py;
  cairo_surface_t *surface;
  guint darkest = 3 * 255;

  locate (zoom, x, y, &tx, &ty, &px, &py);
  surface = wm_tile_renderer_render (renderer, zoom, tx, ty);
  for (int j = MAX (0, py - radius); j < MIN (WM_TILE_SIZE, py + radius); j++)
    for (int i = MAX (0, px - radius); i < MIN (WM_TILE_SIZE, px + radius); i++)
      {
        guint32 v = surface_pixel (surface, i, j);

        darkest = MIN (darkest, ((v >> 16) & 0xff) + ((v >> 8) & 0xff) + (v & 0xff));
      }
  cairo_surface_destroy (surface);
  return darkest;
}

static void
test_renderer_labels (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmTileRenderer) renderer = wm_tile_renderer_new (plan);

  /* Street names from zoom 16, in dark text on a halo; none below. */
  g_assert_cmpuint (darkest_near (renderer, 18, 180820, 456999, 12), <, 3 * 0x70);
  g_assert_cmpuint (darkest_near (renderer, 15, 180820, 456999, 12), >, 3 * 0xa0);
}

typedef struct
{
  guint n_received;
  GBytes *received;
  GBytes *result;
  gboolean done;
} SourceData;

static void
on_received_data (ShumateDataSource *source, int x, int y, int zoom, GBytes *bytes,
                  SourceData *data)
{
  data->n_received++;
  g_clear_pointer (&data->received, g_bytes_unref);
  data->received = g_bytes_ref (bytes);
  /* The raster renderer needs the data before the request completes. */
  g_assert_false (data->done);
}

static void
on_tile_data (GObject *object, GAsyncResult *result, gpointer user_data)
{
  SourceData *data = user_data;
  g_autoptr(GError) error = NULL;

  data->result = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result,
                                                           &error);
  g_assert_no_error (error);
  data->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((SourceData *) data)->done;
}

static void
fetch_tile (WmBasemapSource *source, int zoom, int x, int y, SourceData *data)
{
  g_clear_pointer (&data->result, g_bytes_unref);
  data->done = FALSE;
  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), x, y, zoom, NULL,
                                           on_tile_data, data);
  wm_test_wait_until (is_done, data, "a tile from the base map source");
}

static void
test_basemap_source (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmTileRenderer) renderer = wm_tile_renderer_new (plan);
  g_autoptr(WmBasemapSource) source = wm_basemap_source_new (renderer);
  g_autoptr(ShumateMapSource) map_source = wm_basemap_source_create_map_source (source);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  SourceData data = { 0 };
  int tx, ty, px, py;
  gsize len;
  const guint8 *png;

  g_assert_true (wm_basemap_source_get_renderer (source) == renderer);
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (map_source), ==, 12);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (map_source), ==, 20);
  g_assert_cmpuint (shumate_map_source_get_tile_size (map_source), ==, 256);

  g_signal_connect (source, "received-data", G_CALLBACK (on_received_data), &data);

  locate (18, 180870, 457027.5, &tx, &ty, &px, &py);
  fetch_tile (source, 18, tx, ty, &data);
  g_assert_cmpuint (data.n_received, ==, 1);
  g_assert_nonnull (data.result);
  g_assert_true (g_bytes_equal (data.result, data.received));
  g_assert_cmpuint (wm_basemap_source_get_n_pending (source), ==, 0);

  png = g_bytes_get_data (data.result, &len);
  g_assert_cmpuint (len, >, 8);
  g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
  texture = gdk_texture_new_from_bytes (data.result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 256);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 256);

  /* Again: from the cache, still through the signal. */
  fetch_tile (source, 18, tx, ty, &data);
  g_assert_cmpuint (data.n_received, ==, 2);
  g_assert_true (g_bytes_equal (data.result, data.received));

  /* A tile far from the plan is plain background. */
  locate (18, 150000, 400000, &tx, &ty, &px, &py);
  fetch_tile (source, 18, tx, ty, &data);
  g_assert_cmpuint (data.n_received, ==, 3);
  g_assert_cmpuint (wm_basemap_source_get_n_delivered (source), ==, 3);

  g_clear_pointer (&data.received, g_bytes_unref);
  g_clear_pointer (&data.result, g_bytes_unref);
}


static GdkTexture *
screenshot (GtkWidget *widget)
{
  GtkSnapshot *snapshot;
  int width, height;
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  /* Laid out after the last change (a layer shown or hidden), then drawn by hand. */
  wm_test_wait_for_frames (widget, 1);
  snapshot = gtk_snapshot_new ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  /* What the widget draws now, children included. */
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static guchar *
download (GdkTexture *texture, gsize *stride)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  guchar *data = g_malloc (width * height * 4);

  *stride = width * 4;
  gdk_texture_download (texture, data, *stride);
  return data;
}

static gboolean
near_color (const guchar *data, gsize stride, int width, int height, int x, int y, int radius,
            guint32 rgb, int tolerance)
{
  for (int j = MAX (0, y - radius); j <= MIN (height - 1, y + radius); j++)
    for (int i = MAX (0, x - radius); i <= MIN (width - 1, x + radius); i++)
      {
        /* gdk_texture_download gives native-endian ARGB32 (B G R A in memory here). */
        guint32 v = ((const guint32 *) (data + j * stride))[i] & 0xffffff;

        if (ABS ((int) ((v >> 16) & 0xff) - (int) ((rgb >> 16) & 0xff)) <= tolerance
            && ABS ((int) ((v >> 8) & 0xff) - (int) ((rgb >> 8) & 0xff)) <= tolerance
            && ABS ((int) (v & 0xff) - (int) (rgb & 0xff)) <= tolerance)
          return TRUE;
      }
  return FALSE;
}

static void
test_map_view (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = wm_map_view_new ();
  WmMapView *map_view = WM_MAP_VIEW (view);
  ShumateViewport *viewport = wm_map_view_get_viewport (map_view);
  const char *const *ids = wm_map_view_get_layer_ids (map_view);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) without_facilities = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree guchar *pixels2 = NULL;
  gsize stride;
  double lat, lon, x, y, fx, fy, flat, flon;
  double zoom;
  int width, height;
  gboolean varied = FALSE;
  ShumateLicense *license;
  ShumateLayer *facilities;
  guint32 facility_color = wm_map_style_get_facility_color (WM_FACILITY_COMMUNITY_CENTRE);

  g_assert_null (wm_map_view_get_plan (map_view));
  g_assert_nonnull (wm_map_view_get_map (map_view));

  /* Set before the widget has a size: the view fits once allocated. */
  wm_map_view_set_plan (map_view, plan);
  g_assert_true (wm_map_view_get_plan (map_view) == plan);

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wm_test_wait_for_basemap_tiles (map_view);

  width = gtk_widget_get_width (view);
  height = gtk_widget_get_height (view);
  g_assert_cmpint (width, >=, 700);
  g_assert_cmpint (height, >=, 500);

  /* Centred on the plan, within a few metres. */
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  wm_crs_wgs84_to_rd (lat, lon, &x, &y);
  g_assert_cmpfloat (hypot (x - CENTRE_X, y - CENTRE_Y), <, 3.0);

  /* A whole zoom level at which the plan just fits. */
  zoom = shumate_viewport_get_zoom_level (viewport);
  g_assert_cmpfloat (zoom, ==, floor (zoom));
  {
    double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
    GtkWidget *layer = GTK_WIDGET (wm_map_view_get_layer (map_view, "facilities"));

    for (int i = 0; i < 4; i++)
      {
        double clat, clon, cx, cy;

        wm_crs_rd_to_wgs84 ((i & 1) ? 181100 : 180700, (i & 2) ? 457200 : 456800, &clat, &clon);
        shumate_viewport_location_to_widget_coords (viewport, layer, clat, clon, &cx, &cy);
        min_x = MIN (min_x, cx);
        max_x = MAX (max_x, cx);
        min_y = MIN (min_y, cy);
        max_y = MAX (max_y, cy);
      }
    g_assert_cmpfloat (min_x, >=, 0);
    g_assert_cmpfloat (min_y, >=, 0);
    g_assert_cmpfloat (max_x, <=, width);
    g_assert_cmpfloat (max_y, <=, height);
    /* One level closer would not fit. */
    g_assert_true (2 * (max_x - min_x) > width - 48 || 2 * (max_y - min_y) > height - 48);
  }
  g_assert_cmpuint (shumate_viewport_get_min_zoom_level (viewport), ==, MAX (12, zoom - 2));
  g_assert_cmpuint (shumate_viewport_get_max_zoom_level (viewport), ==, 20);

  /* Layers, bottom first. */
  g_assert_cmpstr (ids[0], ==, "basemap");
  g_assert_cmpstr (ids[1], ==, "housing");
  g_assert_cmpstr (ids[2], ==, "areas");
  g_assert_cmpstr (ids[3], ==, "catchments");
  g_assert_cmpstr (ids[4], ==, "facilities");
  g_assert_cmpstr (ids[5], ==, "proposals");
  g_assert_null (ids[6]);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      ShumateLayer *layer = wm_map_view_get_layer (map_view, ids[i]);

      g_assert_true (SHUMATE_IS_LAYER (layer));
      g_assert_true (gtk_widget_get_parent (GTK_WIDGET (layer))
                     == GTK_WIDGET (wm_map_view_get_map (map_view)));
      /* Catchment circles are shown on demand. */
      g_assert_true (wm_map_view_get_layer_visible (map_view, ids[i])
                     == !g_str_equal (ids[i], "catchments"));
      wm_map_view_set_layer_visible (map_view, ids[i], FALSE);
      g_assert_false (wm_map_view_get_layer_visible (map_view, ids[i]));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (layer)));
      wm_map_view_set_layer_visible (map_view, ids[i], TRUE);
      g_assert_true (wm_map_view_get_layer_visible (map_view, ids[i]));
    }
  g_assert_null (wm_map_view_get_layer (map_view, "nonsense"));
  /* Stacked in that order. */
  for (guint i = 0; ids[i + 1] != NULL; i++)
    g_assert_true (gtk_widget_get_next_sibling (GTK_WIDGET (wm_map_view_get_layer (map_view, ids[i])))
                   == GTK_WIDGET (wm_map_view_get_layer (map_view, ids[i + 1])));

  /* The attribution on one line. */
  g_assert_true (SHUMATE_IS_SIMPLE_MAP (gtk_widget_get_first_child (view)));
  license = shumate_simple_map_get_license (SHUMATE_SIMPLE_MAP (gtk_widget_get_first_child (view)));
  g_assert_cmpstr (shumate_license_get_extra_text (license), ==,
                   "BGT: Kadaster (CC0) · Illustrative figures");
  /* Metres only: the scale shows no feet. */
  g_assert_cmpint (shumate_scale_get_unit (shumate_simple_map_get_scale (
                     SHUMATE_SIMPLE_MAP (gtk_widget_get_first_child (view)))), ==,
                   SHUMATE_UNIT_METRIC);

  /* Showing the layers again made new base map tiles. */
  wm_test_wait_for_basemap_tiles (map_view);

  /* The picture: not blank, buildings from the tiles, the facility symbol on top. */
  texture = screenshot (view);
  pixels = download (texture, &stride);
  for (int j = 0; j < height && !varied; j += 7)
    for (int i = 0; i < width && !varied; i += 7)
      if (((guint32 *) (pixels + j * stride))[i] != ((guint32 *) pixels)[0])
        varied = TRUE;
  g_assert_true (varied);

  {
    double bx, by, blat, blon;

    wm_crs_rd_to_wgs84 (180870, 457027.5, &blat, &blon);
    facilities = wm_map_view_get_layer (map_view, "facilities");
    shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (facilities), blat, blon,
                                                &bx, &by);
    g_assert_true (near_color (pixels, stride, width, height, (int) bx, (int) by, 2,
                               wm_map_style_get_building ()->fill, 3));
  }

  wm_crs_rd_to_wgs84 (180940, 456970, &flat, &flon);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (facilities), flat, flon, &fx, &fy);
  g_assert_true (near_color (pixels, stride, width, height, (int) fx, (int) fy, 9,
                             facility_color, 2));

  wm_map_view_set_layer_visible (map_view, "facilities", FALSE);
  wm_test_wait_for_frames (view, 1);
  without_facilities = screenshot (view);
  pixels2 = download (without_facilities, &stride);
  g_assert_false (near_color (pixels2, stride, width, height, (int) fx, (int) fy, 9,
                              facility_color, 2));

  if (g_getenv ("WM_TEST_SCREENSHOT") != NULL)
    gdk_texture_save_to_png (texture, g_getenv ("WM_TEST_SCREENSHOT"));

  /* Dropping the plan leaves an empty map, still with its layers. */
  wm_map_view_set_plan (map_view, NULL);
  g_assert_null (wm_map_view_get_plan (map_view));
  g_assert_nonnull (wm_map_view_get_layer (map_view, "basemap"));
  g_assert_false (wm_map_view_get_layer_visible (map_view, "facilities"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
set_mix (WmPlan *plan, const char *id, WmSegment segment, int n, WmSegment other, int m)
{
  WmDwellingMix mix = { { 0 } };

  mix.counts[segment] += n;
  mix.counts[other] += m;
  wm_building_set_dwellings (wm_plan_find_building (plan, id), &mix);
}

static void
test_housing_and_legend (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmTileRenderer) housing = NULL;
  g_autoptr(WmTileRenderer) merged = NULL;
  GtkWidget *legend = wm_map_legend_new ();
  WmMapLegend *l = WM_MAP_LEGEND (g_object_ref_sink (legend));
  guint32 social = wm_map_style_get_segment_color (WM_SEGMENT_SOCIAL_RENT);
  guint32 expensive = wm_map_style_get_segment_color (WM_SEGMENT_OWNER_EXPENSIVE);
  int tx, ty, px, py;
  cairo_surface_t *surface;
  gboolean patterned = FALSE;

  set_mix (plan, "b1", WM_SEGMENT_SOCIAL_RENT, 8, WM_SEGMENT_MID_RENT, 2);
  set_mix (plan, "b2", WM_SEGMENT_OWNER_EXPENSIVE, 3, WM_SEGMENT_SOCIAL_RENT, 1);
  /* b3 has no dwellings: not coloured. */

  /* The legend is built from the style functions the renderer uses. */
  wm_map_legend_set_style (l, WM_HOUSING_DOMINANT, WM_SEGMENT_SOCIAL_RENT);
  g_assert_cmpuint (wm_map_legend_get_n_entries (l), ==, WM_N_SEGMENTS);
  for (int seg = 0; seg < WM_N_SEGMENTS; seg++)
    {
      g_assert_cmphex (wm_map_legend_get_entry_color (l, seg), ==,
                       wm_map_style_parse_color (wm_segment_table_get_colour (
                         wm_segment_table_get_default (), seg), 0));
      g_assert_cmpint (wm_map_legend_get_entry_pattern (l, seg), ==, seg);
      g_assert_cmpstr (wm_map_legend_get_entry_label (l, seg), ==,
                       wm_segment_table_get_name (wm_segment_table_get_default (), seg));
    }
  g_assert_true (gtk_widget_get_visible (legend));

  /* Tiles: the building centroid has its dominant segment's legend colour (zoom 16 has no
   * pattern yet), in the housing layer and merged into the base map. */
  housing = wm_tile_renderer_new_housing (plan, WM_HOUSING_DOMINANT, WM_SEGMENT_SOCIAL_RENT);
  merged = wm_tile_renderer_new_with_housing (plan, WM_HOUSING_DOMINANT, WM_SEGMENT_SOCIAL_RENT);
  g_assert_true (wm_tile_renderer_is_transparent (housing));
  g_assert_false (wm_tile_renderer_is_transparent (merged));
  g_assert_cmphex (pixel_at (merged, 16, 180870, 457027.5), ==, wm_map_legend_get_entry_color (l, 0));
  g_assert_cmphex (pixel_at (merged, 16, 180897.5, 457026), ==, wm_map_legend_get_entry_color (l, 4));
  g_assert_cmphex (pixel_at (merged, 16, 180867.5, 456967.5), ==, wm_map_style_get_building ()->fill);
  g_assert_cmphex (pixel_at (housing, 16, 180870, 457027.5), ==, social);
  g_assert_cmphex (pixel_at (housing, 16, 180897.5, 457026), ==, expensive);

  /* Not by colour alone: zoomed in, social rent is hatched (darker pixels in the building). */
  locate (19, 180870, 457027.5, &tx, &ty, &px, &py);
  surface = wm_tile_renderer_render (housing, 19, tx, ty);
  for (int j = py - 6; j <= py + 6; j++)
    for (int i = px - 6; i <= px + 6; i++)
      if (surface_pixel (surface, i, j) != social)
        patterned = TRUE;
  cairo_surface_destroy (surface);
  g_assert_true (patterned);

  /* Share of a segment: classes of one colour, light to full. */
  wm_map_legend_set_style (l, WM_HOUSING_SHARE, WM_SEGMENT_SOCIAL_RENT);
  g_assert_cmpuint (wm_map_legend_get_n_entries (l), ==, WM_HOUSING_N_SHARE_CLASSES);
  g_assert_cmphex (wm_map_legend_get_entry_color (l, WM_HOUSING_N_SHARE_CLASSES - 1), ==, social);
  g_clear_object (&merged);
  merged = wm_tile_renderer_new_with_housing (plan, WM_HOUSING_SHARE, WM_SEGMENT_SOCIAL_RENT);
  /* b1: 80 % social rent, the top class; b2: 25 %, the second. */
  g_assert_cmphex (pixel_at (merged, 16, 180870, 457027.5), ==,
                   wm_map_legend_get_entry_color (l, 4));
  g_assert_cmphex (pixel_at (merged, 16, 180897.5, 457026), ==,
                   wm_map_legend_get_entry_color (l, 1));

  /* Zoomed out, cells of the dominant segment keep the picture legible. */
  g_clear_object (&merged);
  g_clear_object (&housing);
  merged = wm_tile_renderer_new_with_housing (plan, WM_HOUSING_DOMINANT, WM_SEGMENT_SOCIAL_RENT);
  housing = wm_tile_renderer_new (plan);
  g_assert_cmpuint (darkest_near (merged, 13, 180870, 457027.5, 4), <,
                    darkest_near (housing, 13, 180870, 457027.5, 4));

  wm_map_legend_set_style (l, WM_HOUSING_NEUTRAL, WM_SEGMENT_SOCIAL_RENT);
  g_assert_cmpuint (wm_map_legend_get_n_entries (l), ==, 0);
  g_assert_false (gtk_widget_get_visible (legend));
  g_object_unref (l);
}

static WmTileRenderer *
layer_renderer (WmMapView *view, const char *layer_id)
{
  ShumateLayer *layer = wm_map_view_get_layer (view, layer_id);
  g_autoptr(ShumateMapSource) map_source = NULL;
  g_autoptr(ShumateDataSource) data_source = NULL;

  g_object_get (layer, "map-source", &map_source, NULL);
  g_object_get (map_source, "data-source", &data_source, NULL);
  g_assert_true (WM_IS_BASEMAP_SOURCE (data_source));
  return wm_basemap_source_get_renderer (WM_BASEMAP_SOURCE (data_source));
}

typedef struct
{
  WmMapView *view;
  WmBasemapSource *old_source;
} SourceChange;

static gboolean
source_replaced (gpointer data)
{
  SourceChange *change = data;

  return wm_test_view_basemap_source (change->view) != change->old_source;
}

/* Waits until the base tiles are replaced (the delayed redraw after a change), then for them. */
static void
wait_for_new_tiles (WmMapView *view, WmBasemapSource *old_source)
{
  SourceChange change = { view, old_source };

  wm_test_wait_until (source_replaced, &change, "new base map tiles (a new source)");
  wm_test_wait_for_basemap_tiles (view);
}

/* The colour on screen at RD (@x, @y) is near @rgb. */
static gboolean
shows_color (WmMapView *view, double x, double y, guint32 rgb)
{
  GtkWidget *widget = GTK_WIDGET (view);
  g_autoptr(GdkTexture) texture = screenshot (widget);
  g_autofree guchar *pixels = NULL;
  gsize stride;
  double lat, lon, wx, wy;

  pixels = download (texture, &stride);
  wm_crs_rd_to_wgs84 (x, y, &lat, &lon);
  shumate_viewport_location_to_widget_coords (wm_map_view_get_viewport (view), widget, lat, lon,
                                              &wx, &wy);
  return near_color (pixels, stride, gtk_widget_get_width (widget),
                     gtk_widget_get_height (widget), (int) wx, (int) wy, 1, rgb, 8);
}

static void
test_housing_after_plan (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmScenario) alternative = wm_scenario_new ("s-2", "Alternative");
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = wm_map_view_new ();
  WmMapView *map_view = WM_MAP_VIEW (view);
  WmMapLegend *legend = WM_MAP_LEGEND (wm_map_view_get_legend (map_view));
  GtkWidget *list = NULL;
  GtkDropDown *state_choice;
  g_autoptr(WmProposal) convert = NULL;
  g_autoptr(WmProposal) demolish = NULL;
  const char *b2[] = { "b2", NULL };
  guint32 social = wm_map_style_get_segment_color (WM_SEGMENT_SOCIAL_RENT);
  guint32 expensive = wm_map_style_get_segment_color (WM_SEGMENT_OWNER_EXPENSIVE);
  guint32 neutral = wm_map_style_get_building ()->fill;
  WmBasemapSource *source;
  WmTestSignalWatch *refreshed = wm_test_signal_watch_new (map_view, "housing-refreshed");
  guint n_refreshed;

  set_mix (plan, "b1", WM_SEGMENT_SOCIAL_RENT, 8, WM_SEGMENT_MID_RENT, 2);
  set_mix (plan, "b2", WM_SEGMENT_OWNER_EXPENSIVE, 3, WM_SEGMENT_SOCIAL_RENT, 1);
  wm_plan_add_scenario (plan, alternative);

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), view);
  wm_map_view_set_plan (map_view, plan);
  gtk_window_present (GTK_WINDOW (window));
  wm_test_wait_for_basemap_tiles (map_view);
  /* The proposals' outlines and badges would cover the colours looked at here. */
  wm_map_view_set_layer_visible (map_view, "proposals", FALSE);
  list = g_object_ref_sink (wm_layer_list_new (map_view));
  state_choice = wm_layer_list_get_housing_state_choice (WM_LAYER_LIST (list));

  /* Now is the default: edits do not redraw the tiles. */
  g_assert_cmpint (wm_map_view_get_housing_state (map_view), ==, WM_INDICATOR_BASELINE);
  g_assert_cmpuint (gtk_drop_down_get_selected (state_choice), ==, 0);
  g_assert_cmpstr (wm_map_legend_get_title (legend), ==, "Largest segment");
  source = wm_test_view_basemap_source (map_view);
  convert = wm_proposal_factory_convert_tenure (plan, NULL, "b1", WM_SEGMENT_SOCIAL_RENT,
                                                WM_SEGMENT_OWNER_EXPENSIVE, 8, 2027, NULL);
  g_assert_nonnull (convert);
  wm_scenario_add_proposal (scenario, convert);
  demolish = wm_proposal_factory_demolish (plan, NULL, b2, 2027, NULL);
  g_assert_nonnull (demolish);
  wm_scenario_add_proposal (scenario, demolish);
  g_assert_false (wm_map_view_get_housing_refresh_pending (map_view));
  g_assert_true (wm_test_view_basemap_source (map_view) == source);
  g_assert_false (wm_tile_renderer_get_projected (layer_renderer (map_view, "basemap")));
  g_assert_cmphex (pixel_at (layer_renderer (map_view, "basemap"), 16, 180870, 457027.5), ==,
                   social);
  g_assert_true (shows_color (map_view, 180870, 457027.5, social));
  g_assert_true (shows_color (map_view, 180897.5, 457026, expensive));

  /* After the plan, chosen in the layer list: b1 is mostly owner-occupied, b2 is gone. */
  gtk_drop_down_set_selected (state_choice, 1);
  g_assert_cmpint (wm_map_view_get_housing_state (map_view), ==, WM_INDICATOR_PROJECTED);
  g_assert_cmpstr (wm_map_legend_get_title (legend), ==, "Largest segment — after the plan");
  wait_for_new_tiles (map_view, source);
  g_assert_true (wm_tile_renderer_get_projected (layer_renderer (map_view, "basemap")));
  g_assert_cmphex (pixel_at (layer_renderer (map_view, "basemap"), 16, 180870, 457027.5), ==,
                   expensive);
  g_assert_cmphex (pixel_at (layer_renderer (map_view, "basemap"), 16, 180897.5, 457026), ==,
                   neutral);
  /* The separate housing layer (under an online map) agrees; a demolished building is clear. */
  g_assert_cmphex (pixel_at (layer_renderer (map_view, "housing"), 16, 180870, 457027.5), ==,
                   expensive);
  g_assert_cmphex (pixel_at (layer_renderer (map_view, "housing"), 16, 180897.5, 457026), ==, 0);
  g_assert_true (shows_color (map_view, 180870, 457027.5, expensive));
  g_assert_true (shows_color (map_view, 180897.5, 457026, neutral));
  g_assert_false (shows_color (map_view, 180870, 457027.5, social));

  /* Another active scenario (without proposals): redrawn after the delay, not at once. */
  source = wm_test_view_basemap_source (map_view);
  wm_plan_set_active_scenario (plan, alternative);
  g_assert_true (wm_map_view_get_housing_refresh_pending (map_view));
  g_assert_true (wm_test_view_basemap_source (map_view) == source);
  wait_for_new_tiles (map_view, source);
  g_assert_true (shows_color (map_view, 180870, 457027.5, social));
  g_assert_true (shows_color (map_view, 180897.5, 457026, expensive));

  /* A burst of edits is one redraw: back to the plan, then its conversion removed. */
  source = wm_test_view_basemap_source (map_view);
  n_refreshed = wm_test_signal_watch_get_count (refreshed);
  wm_plan_set_active_scenario (plan, scenario);
  g_assert_true (wm_map_view_get_housing_refresh_pending (map_view));
  g_assert_true (wm_test_view_basemap_source (map_view) == source);
  wm_scenario_remove_proposal (scenario, convert);
  wait_for_new_tiles (map_view, source);
  g_assert_cmpuint (wm_test_signal_watch_get_count (refreshed), ==, n_refreshed + 1);
  g_assert_cmphex (pixel_at (layer_renderer (map_view, "basemap"), 16, 180870, 457027.5), ==,
                   social);
  g_assert_cmphex (pixel_at (layer_renderer (map_view, "basemap"), 16, 180897.5, 457026), ==,
                   neutral);
  /* An edit that changes no colour (a name) keeps the tiles. */
  source = wm_test_view_basemap_source (map_view);
  n_refreshed = wm_test_signal_watch_get_count (refreshed);
  wm_proposal_set_name (demolish, "Sloop");
  g_assert_true (wm_map_view_get_housing_refresh_pending (map_view));
  wm_test_signal_watch_wait (refreshed, n_refreshed + 1, "the housing refresh after a new name");
  g_assert_true (wm_test_view_basemap_source (map_view) == source);

  /* Back to now: the baseline colours again. */
  wm_scenario_add_proposal (scenario, convert);
  gtk_drop_down_set_selected (state_choice, 0);
  g_assert_cmpint (wm_map_view_get_housing_state (map_view), ==, WM_INDICATOR_BASELINE);
  g_assert_cmpstr (wm_map_legend_get_title (legend), ==, "Largest segment");
  wait_for_new_tiles (map_view, source);
  g_assert_false (wm_tile_renderer_get_projected (layer_renderer (map_view, "basemap")));
  g_assert_true (shows_color (map_view, 180870, 457027.5, social));
  g_assert_true (shows_color (map_view, 180897.5, 457026, expensive));
  g_assert_false (wm_map_view_get_housing_refresh_pending (map_view));

  /* The API alone, with the share colouring: the legend says which. */
  wm_map_view_set_housing_style (map_view, WM_HOUSING_SHARE, WM_SEGMENT_SOCIAL_RENT);
  wm_map_view_set_housing_state (map_view, WM_INDICATOR_PROJECTED);
  g_assert_true (g_str_has_suffix (wm_map_legend_get_title (legend), "— after the plan"));
  g_assert_true (g_str_has_prefix (wm_map_legend_get_title (legend), "Share of"));

  g_object_unref (list);
  wm_test_signal_watch_free (refreshed);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_proposals_layer (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = wm_map_view_new ();
  WmMapView *map_view = WM_MAP_VIEW (view);
  WmProposalLayer *layer;
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  g_autoptr(WmProposal) demolish = wm_proposal_new ("p1", WM_PROPOSAL_DEMOLISH);
  g_autoptr(WmProposal) build = wm_proposal_new ("p2", WM_PROPOSAL_NEW_BUILD);
  g_autoptr(WmProposal) convert = wm_proposal_new ("p3", WM_PROPOSAL_CONVERT_TENURE);
  g_autoptr(WmProposal) add = wm_proposal_new ("p4", WM_PROPOSAL_ADD_FACILITY);
  g_autoptr(WmProposal) remove = wm_proposal_new ("p5", WM_PROPOSAL_REMOVE_FACILITY);
  g_autoptr(WmGeometry) footprint = rect (180780, 456900, 180820, 456930);
  g_autoptr(WmGeometry) point = wm_geometry_new_point (180800, 457150);
  const char *b1[] = { "b1", NULL };
  const char *b3[] = { "b3", NULL };
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  gsize stride;
  double x, y, lat, lon;

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), view);
  wm_map_view_set_plan (map_view, plan);
  gtk_window_present (GTK_WINDOW (window));
  wm_test_wait_for_basemap_tiles (map_view);
  layer = WM_PROPOSAL_LAYER (wm_map_view_get_layer (map_view, "proposals"));

  wm_proposal_set_building_ids (demolish, b1);
  wm_proposal_set_geometry (build, footprint);
  wm_proposal_set_building_ids (convert, b3);
  wm_proposal_set_geometry (add, point);
  wm_proposal_set_facility_type (add, WM_FACILITY_PLAYGROUND);
  wm_proposal_set_facility_id (remove, "f1");
  wm_scenario_add_proposal (scenario, demolish);
  wm_scenario_add_proposal (scenario, build);
  wm_scenario_add_proposal (scenario, convert);
  wm_scenario_add_proposal (scenario, add);
  wm_scenario_add_proposal (scenario, remove);
  /* The legend's corner would cover the new playground. */
  gtk_widget_set_opacity (wm_map_view_get_legend (map_view), 0);
  wm_test_wait_for_frames (view, 1);

  texture = screenshot (view);
  g_assert_cmpuint (wm_proposal_layer_get_n_drawn (layer), ==, 5);
  pixels = download (texture, &stride);

  /* Demolition outlined in dark red around b1; new build outlined in blue. */
  wm_crs_rd_to_wgs84 (180860, 457027.5, &lat, &lon);
  shumate_viewport_location_to_widget_coords (wm_map_view_get_viewport (map_view),
                                              GTK_WIDGET (layer), lat, lon, &x, &y);
  g_assert_true (near_color (pixels, stride, gtk_widget_get_width (view),
                             gtk_widget_get_height (view), (int) x, (int) y, 2,
                             wm_map_style_get_demolition_color (), 40));
  wm_crs_rd_to_wgs84 (180780, 456915, &lat, &lon);
  shumate_viewport_location_to_widget_coords (wm_map_view_get_viewport (map_view),
                                              GTK_WIDGET (layer), lat, lon, &x, &y);
  g_assert_true (near_color (pixels, stride, gtk_widget_get_width (view),
                             gtk_widget_get_height (view), (int) x, (int) y, 2,
                             wm_map_style_get_new_build_color (), 30));
  /* The new playground's symbol. */
  wm_crs_rd_to_wgs84 (180800, 457150, &lat, &lon);
  shumate_viewport_location_to_widget_coords (wm_map_view_get_viewport (map_view),
                                              GTK_WIDGET (layer), lat, lon, &x, &y);
  g_assert_true (near_color (pixels, stride, gtk_widget_get_width (view),
                             gtk_widget_get_height (view), (int) x, (int) y, 6,
                             wm_map_style_get_facility_color (WM_FACILITY_PLAYGROUND), 2));

  /* Follows the scenario: removing a proposal redraws without it. */
  wm_scenario_remove_proposal (scenario, add);
  wm_test_wait_for_frames (view, 1);
  g_clear_object (&texture);
  texture = screenshot (view);
  g_assert_cmpuint (wm_proposal_layer_get_n_drawn (layer), ==, 4);

  /* Toggled with the layer list's id. */
  wm_map_view_set_layer_visible (map_view, "proposals", FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (layer)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A point well inside @geometry, away from the 500 m grid of the demo's areas (dashed lines)
 * and from every facility symbol. */
static gboolean
clear_spot (WmPlan *plan, const WmGeometry *geometry, WmPoint *out)
{
  WmPoint c = wm_geometry_centroid (geometry);
  GListModel *facilities = wm_plan_get_facilities (plan);
  double gx = fmod (c.x, 500), gy = fmod (c.y, 500);

  if (!wm_geometry_contains_point (geometry, c.x, c.y) || gx < 25 || gx > 475 || gy < 25
      || gy > 475 || hypot (gx - 250, gy - 250) < 90)
    return FALSE;
  for (int d = 0; d < 8; d++)
    {
      /* The pixel check looks at a few metres around the spot. */
      double a = d * G_PI / 4;
      if (!wm_geometry_contains_point (geometry, c.x + 4 * cos (a), c.y + 4 * sin (a)))
        return FALSE;
    }
  for (guint i = 0; i < g_list_model_get_n_items (facilities); i++)
    {
      g_autoptr(WmFacility) facility = g_list_model_get_item (facilities, i);
      WmPoint f = wm_facility_get_location (facility);
      if (hypot (f.x - c.x, f.y - c.y) < 60)
        return FALSE;
    }
  *out = c;
  return TRUE;
}

static void
widget_point (WmMapView *view, WmPoint rd, double *x, double *y)
{
  double lat, lon;

  wm_crs_rd_to_wgs84 (rd.x, rd.y, &lat, &lon);
  shumate_viewport_location_to_widget_coords (wm_map_view_get_viewport (view),
                                              GTK_WIDGET (wm_map_view_get_layer (view, "facilities")),
                                              lat, lon, x, y);
}

/* The embedded demo as a planner sees it: a picture with many colours, a known residential
 * building in its segment's colour where it belongs, and water where the BGT has it. The
 * picture is kept as demo-map.png in the test build directory to look at. */
static void
test_demo_screenshot (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmPlan) plan = wm_demo_load (&error);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = wm_map_view_new ();
  WmMapView *map_view = WM_MAP_VIEW (view);
  ShumateViewport *viewport = wm_map_view_get_viewport (map_view);
  GListModel *buildings;
  GPtrArray *waters;
  WmBuilding *building = NULL;
  WmPoint spot = { 0 }, water_spot = { 0 };
  double best = 0, best_water = G_MAXDOUBLE, lat, lon, x, y;
  guint32 expected;
  int pattern, width, height;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree char *png = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL
                                               ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                           "demo-map.png", NULL);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  gsize stride;

  g_assert_no_error (error);

  /* The largest residential building with a clear spot to look at. */
  buildings = wm_plan_get_buildings (plan);
  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr(WmBuilding) b = g_list_model_get_item (buildings, i);
      double area = wm_geometry_area (wm_building_get_footprint (b));
      WmPoint p;

      if (wm_building_get_n_dwellings (b) > 0 && area > best
          && clear_spot (plan, wm_building_get_footprint (b), &p))
        {
          best = area;
          building = b;
          spot = p;
        }
    }
  g_assert_nonnull (building);
  g_assert_true (wm_map_style_get_housing_fill (WM_HOUSING_DOMINANT, WM_SEGMENT_SOCIAL_RENT,
                                                wm_building_get_dwellings (building), &expected,
                                                &pattern));

  /* The water polygon nearest to it with a clear spot, no building on it. */
  waters = wm_basemap_get_features (wm_plan_get_basemap (plan), WM_BASEMAP_WATER);
  for (guint i = 0; i < waters->len; i++)
    {
      WmBasemapFeature *feature = g_ptr_array_index (waters, i);
      WmPoint p;
      gboolean built = FALSE;

      if (!clear_spot (plan, feature->geometry, &p) || hypot (p.x - spot.x, p.y - spot.y) > 250
          || hypot (p.x - spot.x, p.y - spot.y) >= best_water)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (buildings) && !built; j++)
        {
          g_autoptr(WmBuilding) b = g_list_model_get_item (buildings, j);
          built = wm_geometry_contains_point (wm_building_get_footprint (b), p.x, p.y);
        }
      if (!built)
        {
          best_water = hypot (p.x - spot.x, p.y - spot.y);
          water_spot = p;
        }
    }

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wm_map_view_set_plan (map_view, plan);
  wm_test_wait_for_basemap_tiles (map_view);

  /* Zoom 16: close enough to see buildings, before the segment hatching starts. */
  wm_crs_rd_to_wgs84 (spot.x, spot.y, &lat, &lon);
  shumate_viewport_set_zoom_level (viewport, 16);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  wm_test_wait_for_basemap_tiles (map_view);

  width = gtk_widget_get_width (view);
  height = gtk_widget_get_height (view);
  texture = screenshot (view);
  g_assert_true (gdk_texture_save_to_png (texture, png));
  pixels = download (texture, &stride);

  /* Not blank: a map has many colours. */
  for (int j = 0; j < height; j += 5)
    for (int i = 0; i < width; i += 5)
      g_hash_table_add (colours,
                        GUINT_TO_POINTER (((guint32 *) (pixels + j * stride))[i] & 0xffffff));
  g_assert_cmpuint (g_hash_table_size (colours), >, 20);

  widget_point (map_view, spot, &x, &y);
  g_assert_cmpfloat (fabs (x - width / 2.0), <, 2);
  g_assert_cmpfloat (fabs (y - height / 2.0), <, 2);
  g_assert_true (near_color (pixels, stride, width, height, (int) x, (int) y, 1, expected, 6));

  if (best_water < G_MAXDOUBLE)
    {
      widget_point (map_view, water_spot, &x, &y);
      g_assert_true (near_color (pixels, stride, width, height, (int) x, (int) y, 1,
                                 wm_map_style_get_basemap (WM_BASEMAP_WATER, NULL)->fill, 6));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Each facility type has its own pictogram: the shapes alone (no colour) differ pairwise. */
static void
test_facility_symbols (void)
{
  enum { SIZE = 40 };
  guchar *masks[WM_N_FACILITY_TYPES];
  cairo_surface_t *surfaces[WM_N_FACILITY_TYPES];
  int stride = 0;

  for (int t = 0; t < WM_N_FACILITY_TYPES; t++)
    {
      cairo_t *cr;
      int inked = 0;

      surfaces[t] = cairo_image_surface_create (CAIRO_FORMAT_A8, SIZE, SIZE);
      cr = cairo_create (surfaces[t]);
      cairo_set_source_rgba (cr, 0, 0, 0, 1);
      wm_map_style_draw_facility_pictogram (cr, t, SIZE / 2.0, SIZE / 2.0, SIZE / 2.0 - 2);
      cairo_destroy (cr);
      cairo_surface_flush (surfaces[t]);
      masks[t] = cairo_image_surface_get_data (surfaces[t]);
      stride = cairo_image_surface_get_stride (surfaces[t]);
      for (int j = 0; j < SIZE; j++)
        for (int i = 0; i < SIZE; i++)
          inked += masks[t][j * stride + i] > 128;
      /* A real shape, not a dot, and not a filled square. */
      g_assert_cmpint (inked, >, SIZE * SIZE / 20);
      g_assert_cmpint (inked, <, SIZE * SIZE * 3 / 4);
    }
  for (int a = 0; a < WM_N_FACILITY_TYPES; a++)
    for (int b = a + 1; b < WM_N_FACILITY_TYPES; b++)
      {
        int differ = 0, either = 0;

        for (int j = 0; j < SIZE; j++)
          for (int i = 0; i < SIZE; i++)
            {
              gboolean in_a = masks[a][j * stride + i] > 128;
              gboolean in_b = masks[b][j * stride + i] > 128;

              differ += in_a != in_b;
              either += in_a || in_b;
            }
        /* At least a fifth of the ink is in one shape only. */
        if (differ * 5 < either)
          g_error ("The pictograms of %s and %s look alike", wm_facility_type_key (a),
                   wm_facility_type_key (b));
      }
  for (int t = 0; t < WM_N_FACILITY_TYPES; t++)
    cairo_surface_destroy (surfaces[t]);

  /* The whole symbol is the type's colour with the white pictogram on it. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 30, 30);
    cairo_t *cr = cairo_create (surface);
    gboolean white = FALSE, colour = FALSE;

    cairo_set_source_rgb (cr, 0, 0, 0);
    cairo_paint (cr);
    wm_map_style_draw_facility_symbol (cr, WM_FACILITY_SCHOOL, 15, 15, 13);
    cairo_destroy (cr);
    for (int j = 9; j <= 21; j++)
      for (int i = 9; i <= 21; i++)
        {
          guint32 v = surface_pixel (surface, i, j);

          white |= v == 0xffffff;
          colour |= v == wm_map_style_get_facility_color (WM_FACILITY_SCHOOL);
        }
    g_assert_true (white);
    g_assert_true (colour);
    cairo_surface_destroy (surface);
  }
}

static WmProposal *
add_facility_proposal (WmPlan *plan, const char *id, WmFacilityType type, double x, double y)
{
  WmProposal *proposal = wm_proposal_new (id, WM_PROPOSAL_ADD_FACILITY);
  g_autoptr(WmGeometry) point = wm_geometry_new_point (x, y);

  wm_proposal_set_geometry (proposal, point);
  wm_proposal_set_facility_type (proposal, type);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), proposal);
  return proposal;
}

/* The legend keys the facility symbols on the map, existing and proposed. */
static void
test_facility_legend (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = wm_map_view_new ();
  WmMapView *map_view = WM_MAP_VIEW (view);
  WmMapLegend *legend = WM_MAP_LEGEND (wm_map_view_get_legend (map_view));
  g_autoptr(WmProposal) garden = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), view);
  wm_map_view_set_plan (map_view, plan);
  gtk_window_present (GTK_WINDOW (window));
  wm_test_wait_for_frames (view, 1);

  g_assert_cmpstr (wm_map_legend_get_facility_title (legend), ==, "Facilities");
  g_assert_cmpuint (wm_map_legend_get_n_facility_entries (legend), ==, 1);
  g_assert_cmpint (wm_map_legend_get_facility_entry_type (legend, 0), ==,
                   WM_FACILITY_COMMUNITY_CENTRE);

  /* A proposed shared garden adds its symbol, in type order. */
  garden = add_facility_proposal (plan, "p-garden", WM_FACILITY_SHARED_GARDEN, 180800, 457150);
  g_assert_cmpuint (wm_map_legend_get_n_facility_entries (legend), ==, 2);
  g_assert_cmpint (wm_map_legend_get_facility_entry_type (legend, 0), ==,
                   WM_FACILITY_COMMUNITY_CENTRE);
  g_assert_cmpint (wm_map_legend_get_facility_entry_type (legend, 1), ==,
                   WM_FACILITY_SHARED_GARDEN);

  /* No symbols on the map, none in the legend; without housing colours either, no legend. */
  wm_map_view_set_layer_visible (map_view, "facilities", FALSE);
  g_assert_cmpuint (wm_map_legend_get_n_facility_entries (legend), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (legend)));
  wm_map_view_set_layer_visible (map_view, "housing", FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (legend)));
  wm_map_view_set_layer_visible (map_view, "facilities", TRUE);
  g_assert_cmpuint (wm_map_legend_get_n_facility_entries (legend), ==, 2);
  g_assert_cmpuint (wm_map_legend_get_n_entries (legend), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (legend)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static WmProposal *
add_new_build (WmPlan *plan, const char *id, WmGeometry *footprint, WmSegment segment, int n,
               WmSegment other, int m)
{
  WmProposal *proposal = wm_proposal_new (id, WM_PROPOSAL_NEW_BUILD);
  WmDwellingMix mix = { { 0 } };

  mix.counts[segment] += n;
  mix.counts[other] += m;
  wm_proposal_set_geometry (proposal, footprint);
  wm_proposal_set_dwelling_delta (proposal, &mix);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), proposal);
  return proposal;
}

/* After the plan a new build is coloured like the buildings around it and a demolished
 * building is gone; now both look like proposals. */
static void
test_new_build_after_plan (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = wm_map_view_new ();
  WmMapView *map_view = WM_MAP_VIEW (view);
  ShumateViewport *viewport = wm_map_view_get_viewport (map_view);
  WmProposalLayer *layer;
  g_autoptr(WmGeometry) footprint = rect (180780, 456900, 180820, 456930);
  g_autoptr(WmProposal) build = NULL;
  g_autoptr(WmProposal) demolish = wm_proposal_new ("p-demolish", WM_PROPOSAL_DEMOLISH);
  const char *b1[] = { "b1", NULL };
  guint32 social = wm_map_style_get_segment_color (WM_SEGMENT_SOCIAL_RENT);
  guint32 background = wm_map_style_get_background ();
  guint32 fill;
  int pattern;
  double lat, lon;

  set_mix (plan, "b1", WM_SEGMENT_SOCIAL_RENT, 8, WM_SEGMENT_MID_RENT, 2);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), view);
  wm_map_view_set_plan (map_view, plan);
  gtk_window_present (GTK_WINDOW (window));
  /* Zoom 16: whole colours, before the hatching starts. */
  wm_crs_rd_to_wgs84 (180850, 456980, &lat, &lon);
  shumate_viewport_set_zoom_level (viewport, 16);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  gtk_widget_set_opacity (wm_map_view_get_legend (map_view), 0);
  wm_test_wait_for_basemap_tiles (map_view);
  layer = WM_PROPOSAL_LAYER (wm_map_view_get_layer (map_view, "proposals"));

  build = add_new_build (plan, "p-build", footprint, WM_SEGMENT_SOCIAL_RENT, 16,
                         WM_SEGMENT_OWNER_AFFORDABLE, 8);
  wm_proposal_set_building_ids (demolish, b1);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), demolish);

  /* Now: a proposal (light fill, blue outline), the demolition struck out. */
  g_assert_cmpint (wm_proposal_layer_get_look (layer, build, NULL, NULL), ==,
                   WM_PROPOSAL_LOOK_PROPOSAL);
  g_assert_cmpint (wm_proposal_layer_get_look (layer, demolish, NULL, NULL), ==,
                   WM_PROPOSAL_LOOK_PROPOSAL);
  g_assert_false (shows_color (map_view, 180800, 456915, social));
  g_assert_true (shows_color (map_view, 180780, 456915, wm_map_style_get_new_build_color ()));

  /* After the plan: the new build has the colour and pattern of its largest segment, as a
   * building with that mix in the housing tiles; b1 is empty ground. */
  wm_map_view_set_housing_state (map_view, WM_INDICATOR_PROJECTED);
  g_assert_cmpint (wm_proposal_layer_get_state (layer), ==, WM_INDICATOR_PROJECTED);
  g_assert_cmpint (wm_proposal_layer_get_look (layer, build, &fill, &pattern), ==,
                   WM_PROPOSAL_LOOK_HOUSING);
  g_assert_cmphex (fill, ==, social);
  g_assert_cmpint (pattern, ==, WM_SEGMENT_SOCIAL_RENT);
  {
    guint32 tile_fill;
    int tile_pattern;

    g_assert_true (wm_map_style_get_housing_fill (WM_HOUSING_DOMINANT, WM_SEGMENT_SOCIAL_RENT,
                                                  wm_proposal_get_dwelling_delta (build),
                                                  &tile_fill, &tile_pattern));
    g_assert_cmphex (fill, ==, tile_fill);
    g_assert_cmpint (pattern, ==, tile_pattern);
  }
  g_assert_cmpint (wm_proposal_layer_get_look (layer, demolish, &fill, NULL), ==,
                   WM_PROPOSAL_LOOK_GONE);
  g_assert_cmphex (fill, ==, background);
  wm_test_wait_until (wm_test_basemap_tiles_settled, map_view, "the tiles after the plan");
  g_assert_true (shows_color (map_view, 180800, 456915, social));
  g_assert_true (shows_color (map_view, 180870, 457027.5, background));
  g_assert_false (shows_color (map_view, 180870, 457027.5, social));

  /* Coloured by the share of a segment: the same classes as the tiles (16 of 24 social). */
  wm_map_view_set_housing_style (map_view, WM_HOUSING_SHARE, WM_SEGMENT_SOCIAL_RENT);
  g_assert_cmpint (wm_proposal_layer_get_look (layer, build, &fill, &pattern), ==,
                   WM_PROPOSAL_LOOK_HOUSING);
  g_assert_cmphex (fill, ==, wm_map_style_get_share_color (WM_SEGMENT_SOCIAL_RENT,
                                                           wm_map_style_get_share_class (16 / 24.0)));
  g_assert_cmpint (pattern, ==, -1);

  /* Housing not shown: a plain building, like the others. */
  wm_map_view_set_layer_visible (map_view, "housing", FALSE);
  g_assert_cmpint (wm_proposal_layer_get_look (layer, build, &fill, NULL), ==,
                   WM_PROPOSAL_LOOK_BUILDING);
  g_assert_cmphex (fill, ==, wm_map_style_get_building ()->fill);

  /* Back to now: a proposal again. */
  wm_map_view_set_layer_visible (map_view, "housing", TRUE);
  wm_map_view_set_housing_state (map_view, WM_INDICATOR_BASELINE);
  g_assert_cmpint (wm_proposal_layer_get_look (layer, build, NULL, NULL), ==,
                   WM_PROPOSAL_LOOK_PROPOSAL);
  g_assert_true (shows_color (map_view, 180780, 456915, wm_map_style_get_new_build_color ()));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The map as of a year: a proposal not started is not drawn, one under way is a building
 * site with "Under construction" in the legend, one completed looks as after the plan; the
 * legend names the year; a new year redraws the housing at once. */
static void
test_map_year (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = wm_map_view_new ();
  WmMapView *map_view = WM_MAP_VIEW (view);
  WmMapLegend *legend = WM_MAP_LEGEND (wm_map_view_get_legend (map_view));
  ShumateViewport *viewport = wm_map_view_get_viewport (map_view);
  WmProposalLayer *layer;
  g_autoptr(WmGeometry) footprint = rect (180780, 456900, 180820, 456930);
  g_autoptr(WmProposal) build = NULL;
  g_autoptr(WmProposal) demolish = wm_proposal_new ("p-demolish", WM_PROPOSAL_DEMOLISH);
  g_autoptr(WmTestSignalWatch) refreshed = NULL;
  const char *b1[] = { "b1", NULL };
  guint32 blue = wm_map_style_get_new_build_color ();
  double lat, lon;

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), view);
  wm_map_view_set_plan (map_view, plan);
  gtk_window_present (GTK_WINDOW (window));
  wm_crs_rd_to_wgs84 (180850, 456980, &lat, &lon);
  shumate_viewport_set_zoom_level (viewport, 16);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  wm_test_wait_for_basemap_tiles (map_view);
  layer = WM_PROPOSAL_LAYER (wm_map_view_get_layer (map_view, "proposals"));

  build = add_new_build (plan, "p-build", footprint, WM_SEGMENT_SOCIAL_RENT, 16,
                         WM_SEGMENT_OWNER_AFFORDABLE, 8);
  wm_proposal_set_start_year (build, 2027);
  wm_proposal_set_year (build, 2030);
  wm_proposal_set_building_ids (demolish, b1);
  wm_proposal_set_year (demolish, 2027);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), demolish);
  gtk_widget_set_opacity (GTK_WIDGET (legend), 0);

  /* The whole plan: everything drawn, nothing under construction. */
  g_assert_cmpint (wm_map_view_get_year (map_view), ==, 0);
  g_assert_false (wm_map_legend_get_under_way (legend));
  g_assert_true (shows_color (map_view, 180780, 456915, blue));

  /* 2026: nothing started, nothing drawn. */
  wm_map_view_set_year (map_view, 2026);
  g_assert_cmpint (wm_proposal_layer_get_year (layer), ==, 2026);
  g_assert_cmpint (wm_proposal_layer_get_stage (layer, build), ==, WM_TIMELINE_NOT_STARTED);
  g_assert_cmpint (wm_proposal_layer_get_stage (layer, demolish), ==, WM_TIMELINE_NOT_STARTED);
  g_assert_false (wm_map_legend_get_under_way (legend));
  g_assert_false (shows_color (map_view, 180780, 456915, blue));

  /* 2028 after the plan: b1 is gone, the new build is a building site. */
  wm_map_view_set_housing_state (map_view, WM_INDICATOR_PROJECTED);
  wm_test_wait_until (wm_test_basemap_tiles_settled, map_view, "the tiles after the plan");
  refreshed = wm_test_signal_watch_new (map_view, "housing-refreshed");
  wm_map_view_set_year (map_view, 2028);
  /* Redrawn at once, not after the edits' delay. */
  g_assert_cmpuint (wm_test_signal_watch_get_count (refreshed), ==, 1);
  g_assert_false (wm_map_view_get_housing_refresh_pending (map_view));
  g_assert_cmpint (wm_proposal_layer_get_stage (layer, build), ==, WM_TIMELINE_UNDER_WAY);
  g_assert_cmpint (wm_proposal_layer_get_stage (layer, demolish), ==, WM_TIMELINE_COMPLETED);
  g_assert_cmpint (wm_proposal_layer_get_look (layer, build, NULL, NULL), ==,
                   WM_PROPOSAL_LOOK_PROPOSAL);
  g_assert_cmpint (wm_proposal_layer_get_look (layer, demolish, NULL, NULL), ==,
                   WM_PROPOSAL_LOOK_GONE);
  g_assert_cmpuint (wm_proposal_layer_get_n_under_way (layer), ==, 1);
  g_assert_true (wm_map_legend_get_under_way (legend));
  g_assert_nonnull (strstr (wm_map_legend_get_title (legend), "as of 2028"));
  /* The proposals hidden: no building sites to explain. */
  wm_map_view_set_layer_visible (map_view, "proposals", FALSE);
  g_assert_false (wm_map_legend_get_under_way (legend));
  wm_map_view_set_layer_visible (map_view, "proposals", TRUE);
  g_assert_true (wm_map_legend_get_under_way (legend));

  /* 2030: completed, in its housing colour. */
  wm_map_view_set_year (map_view, 2030);
  g_assert_cmpint (wm_proposal_layer_get_look (layer, build, NULL, NULL), ==,
                   WM_PROPOSAL_LOOK_HOUSING);
  g_assert_false (wm_map_legend_get_under_way (legend));

  /* The whole plan again: the legend says "after the plan". */
  wm_map_view_set_year (map_view, 0);
  g_assert_null (strstr (wm_map_legend_get_title (legend), "as of"));
  g_assert_nonnull (strstr (wm_map_legend_get_title (legend), "after the plan"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static const WmDrawnCatchment *
find_catchment (WmFacilityLayer *layer, WmFacilityType type, gboolean proposed)
{
  for (guint i = 0; i < wm_facility_layer_get_n_drawn_catchments (layer); i++)
    {
      const WmDrawnCatchment *c = wm_facility_layer_get_drawn_catchment (layer, i);

      if (c->type == type && c->proposed == proposed)
        return c;
    }
  return NULL;
}

/* Proposed facilities get their catchment circle with the engine's radius; removed ones lose
 * theirs after the plan. */
static void
test_proposed_catchments (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = wm_map_view_new ();
  WmMapView *map_view = WM_MAP_VIEW (view);
  WmFacilityLayer *layer;
  g_autoptr(WmProposal) garden = NULL;
  g_autoptr(WmProposal) remove = wm_proposal_new ("p-remove", WM_PROPOSAL_REMOVE_FACILITY);
  const WmDrawnCatchment *c;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  gsize stride;
  guint32 green = wm_map_style_get_facility_color (WM_FACILITY_SHARED_GARDEN);

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), view);
  wm_map_view_set_plan (map_view, plan);
  wm_map_view_set_engine (map_view, engine);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_set_opacity (wm_map_view_get_legend (map_view), 0);
  wm_test_wait_for_basemap_tiles (map_view);
  wm_map_view_set_layer_visible (map_view, "catchments", TRUE);
  layer = WM_FACILITY_LAYER (wm_map_view_get_layer (map_view, "catchments"));
  wm_test_wait_for_frames (GTK_WIDGET (layer), 1);
  g_assert_cmpuint (wm_facility_layer_get_n_drawn_catchments (layer), ==, 1);
  g_assert_null (find_catchment (layer, WM_FACILITY_SHARED_GARDEN, TRUE));

  garden = add_facility_proposal (plan, "p-garden", WM_FACILITY_SHARED_GARDEN, 180900, 457100);
  wm_proposal_set_facility_id (remove, "f1");
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), remove);
  wm_test_wait_for_frames (GTK_WIDGET (layer), 1);

  /* Now: the proposed garden's circle, dashed, around its place with the meeting-place radius
   * (a garden drawn as a point is a place to meet; only an area of 1 ha or more counts as
   * green); the community centre keeps its circle until the plan is carried out. */
  c = find_catchment (layer, WM_FACILITY_SHARED_GARDEN, TRUE);
  g_assert_nonnull (c);
  g_assert_true (c->dashed);
  g_assert_cmpfloat (c->rd_x, ==, 180900);
  g_assert_cmpfloat (c->rd_y, ==, 457100);
  g_assert_cmpfloat (c->radius_m, ==,
                     wm_indicator_engine_get_coverage_radius (engine, "meeting_place"));
  g_assert_cmpfloat (c->radius_m, >, 0);
  g_assert_nonnull (find_catchment (layer, WM_FACILITY_COMMUNITY_CENTRE, FALSE));

  /* After the plan: drawn like an existing one; the removed centre's circle is gone. */
  wm_map_view_set_housing_state (map_view, WM_INDICATOR_PROJECTED);
  wm_test_wait_for_frames (GTK_WIDGET (layer), 1);
  c = find_catchment (layer, WM_FACILITY_SHARED_GARDEN, TRUE);
  g_assert_nonnull (c);
  g_assert_false (c->dashed);
  g_assert_null (find_catchment (layer, WM_FACILITY_COMMUNITY_CENTRE, FALSE));
  g_assert_cmpuint (wm_facility_layer_get_n_drawn_catchments (layer), ==, 1);

  /* On screen: the circle's rim in the garden's colour, zoomed out so that all of it shows. */
  shumate_viewport_set_zoom_level (wm_map_view_get_viewport (map_view), 15);
  wm_test_wait_for_basemap_tiles (map_view);
  c = find_catchment (layer, WM_FACILITY_SHARED_GARDEN, TRUE);
  g_assert_nonnull (c);
  texture = screenshot (view);
  pixels = download (texture, &stride);
  {
    double px = c->x + c->radius_px - 1, py = c->y;
    /* The rim is drawn at 80 % over the map. */
    guint32 expected = 0;

    for (int shift = 0; shift <= 16; shift += 8)
      expected |= (guint32) (0.8 * ((green >> shift) & 0xff)
                             + 0.2 * ((wm_map_style_get_background () >> shift) & 0xff))
                  << shift;
    g_assert_cmpfloat (px, <, gtk_widget_get_width (view));
    g_assert_true (near_color (pixels, stride, gtk_widget_get_width (view),
                               gtk_widget_get_height (view), (int) px, (int) py, 2, expected, 24));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  wm_core_init ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/mercator", test_mercator);
  g_test_add_func ("/map/renderer/pixels", test_renderer_pixels);
  g_test_add_func ("/map/renderer/lod-and-empty", test_renderer_lod_and_empty);
  g_test_add_func ("/map/renderer/labels", test_renderer_labels);
  g_test_add_func ("/map/basemap-source", test_basemap_source);
  g_test_add_func ("/map/view", test_map_view);
  g_test_add_func ("/map/housing-and-legend", test_housing_and_legend);
  g_test_add_func ("/map/housing-after-plan", test_housing_after_plan);
  g_test_add_func ("/map/proposals", test_proposals_layer);
  g_test_add_func ("/map/demo-screenshot", test_demo_screenshot);
  g_test_add_func ("/map/facility-symbols", test_facility_symbols);
  g_test_add_func ("/map/facility-legend", test_facility_legend);
  g_test_add_func ("/map/new-build-after-plan", test_new_build_after_plan);
  g_test_add_func ("/map/year", test_map_year);
  g_test_add_func ("/map/proposed-catchments", test_proposed_catchments);

  return g_test_run ();
}
