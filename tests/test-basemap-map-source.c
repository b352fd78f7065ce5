/* test-basemap-map-source.c: the map's tiles come as images, the pixels the renderer drew */
#include "config.h"

#include <math.h>

#include <gtk/gtk.h>

#include "wm-basemap-map-source.h"
#include "wm-basemap-source.h"
#include "wm-core.h"
#include "wm-crs.h"
#include "wm-tile-paintable.h"
#include "wm-tile-renderer.h"
#include "wm-test-util.h"

typedef struct
{
  gboolean done;
  gboolean ok;
} Fill;

static void
on_filled (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Fill *fill = user_data;
  g_autoptr(GError) error = NULL;

  fill->ok = shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &error);
  g_assert_no_error (error);
  fill->done = TRUE;
}

static ShumateTile *
fill_tile (ShumateMapSource *source, int zoom, int x, int y)
{
  ShumateTile *tile = shumate_tile_new_full (x, y, WM_TILE_SIZE, zoom);
  Fill fill = { 0 };

  shumate_map_source_fill_tile_async (source, tile, NULL, on_filled, &fill);
  wm_test_wait_for_flag (&fill.done, "a tile of the base map");
  g_assert_true (fill.ok);
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  return tile;
}

/* The pixels of @node drawn by cairo, as cairo's ARGB32. */
static cairo_surface_t *
draw_node (GskRenderNode *node)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WM_TILE_SIZE,
                                                         WM_TILE_SIZE);
  cairo_t *cr = cairo_create (surface);

  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
assert_same_pixels (cairo_surface_t *a, cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  g_assert_cmpmem (cairo_image_surface_get_data (a), stride * WM_TILE_SIZE,
                   cairo_image_surface_get_data (b), stride * WM_TILE_SIZE);
}

static GskRenderNode *
snapshot_paintable (GdkPaintable *paintable)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, WM_TILE_SIZE, WM_TILE_SIZE);
  return gtk_snapshot_free_to_node (snapshot);
}

/* The node types under @node, as a mask of 1 << GskRenderNodeType. */
static guint
node_types (GskRenderNode *node)
{
  guint types = 1u << gsk_render_node_get_node_type (node);

  if (gsk_render_node_get_node_type (node) == GSK_CONTAINER_NODE)
    for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
      types |= node_types (gsk_container_node_get_child (node, i));
  return types;
}

static void
test_tiles_as_images (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(WmTileRenderer) renderer = NULL;
  g_autoptr(WmBasemapSource) source = NULL;
  g_autoptr(ShumateMapSource) map_source = NULL;
  g_autoptr(ShumateDataSource) data_source = NULL;
  g_autoptr(ShumateTile) tile = NULL;
  g_autoptr(ShumateTile) again = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *expected, *drawn;
  GdkPaintable *paintable;
  double lat, lon, px, py;
  int tx, ty;

  wm_test_add_building (plan, "b1", 180860, 457020, WM_SEGMENT_SOCIAL_RENT, 10);
  renderer = wm_tile_renderer_new (plan);
  source = wm_basemap_source_new (renderer);
  map_source = wm_basemap_source_create_map_source (source);
  g_assert_true (WM_IS_BASEMAP_MAP_SOURCE (map_source));
  g_assert_cmpstr (shumate_map_source_get_id (map_source), ==, "wijkmix-basemap");
  g_object_get (map_source, "data-source", &data_source, NULL);
  g_assert_true (data_source == SHUMATE_DATA_SOURCE (source));

  wm_crs_rd_to_wgs84 (180870, 457030, &lat, &lon);
  wm_web_mercator_to_pixel (18, lat, lon, &px, &py);
  tx = (int) floor (px / WM_TILE_SIZE);
  ty = (int) floor (py / WM_TILE_SIZE);
  g_assert_true (wm_tile_renderer_tile_has_features (renderer, 18, tx, ty));

  /* Rendered in a worker, handed over as the image the renderer drew. */
  tile = fill_tile (map_source, 18, tx, ty);
  paintable = shumate_tile_get_paintable (tile);
  g_assert_true (WM_IS_TILE_PAINTABLE (paintable));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, WM_TILE_SIZE);
  g_assert_cmpuint (wm_basemap_source_get_n_pending (source), ==, 0);
  g_assert_cmpuint (wm_basemap_source_get_n_in_flight (source), ==, 0);
  g_assert_true (wm_basemap_source_has_delivered (source, 18, tx, ty));
  expected = wm_tile_renderer_render (renderer, 18, tx, ty);
  assert_same_pixels (wm_tile_paintable_get_surface (WM_TILE_PAINTABLE (paintable)), expected);

  /* For the cairo renderer a cairo node, which paints those pixels unchanged. */
  wm_tile_paintable_set_for_cairo (TRUE);
  node = snapshot_paintable (paintable);
  g_assert_true (node_types (node) & (1u << GSK_CAIRO_NODE));
  g_assert_false (node_types (node) & (1u << GSK_TEXTURE_NODE));
  drawn = draw_node (node);
  assert_same_pixels (drawn, expected);
  cairo_surface_destroy (drawn);
  g_clear_pointer (&node, gsk_render_node_unref);

  /* For GPU renderers a texture in cairo's format, so the same bytes. */
  wm_tile_paintable_set_for_cairo (FALSE);
  node = snapshot_paintable (paintable);
  g_assert_true (node_types (node) & (1u << GSK_TEXTURE_NODE));
  drawn = draw_node (node);
  assert_same_pixels (drawn, expected);
  cairo_surface_destroy (drawn);

  /* Asked again: the same image from the cache, nothing rendered. */
  again = fill_tile (map_source, 18, tx, ty);
  g_assert_true (shumate_tile_get_paintable (again) == paintable);
  g_assert_cmpuint (wm_basemap_source_get_n_delivered (source), ==, 2);
  cairo_surface_destroy (expected);
}

int
main (int argc, char *argv[])
{
  wm_core_init ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/basemap-map-source/tiles-as-images", test_tiles_as_images);
  return g_test_run ();
}
