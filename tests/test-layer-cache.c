/* test-layer-cache.c: a live layer's picture is moved while the map pans, drawn when it changes */
#include "config.h"

#include <math.h>

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "wm-layer-cache.h"
#include "wm-map-projection.h"
#include "wm-tile-renderer.h"
#include "wm-test-util.h"

#define WIDTH 400
#define HEIGHT 300
#define DOT 6

/* A layer with one red square at a fixed place on the earth, drawn through a WmLayerCache. */
#define TEST_TYPE_DOT_LAYER (test_dot_layer_get_type ())
G_DECLARE_FINAL_TYPE (TestDotLayer, test_dot_layer, TEST, DOT_LAYER, ShumateLayer)

struct _TestDotLayer
{
  ShumateLayer parent_instance;

  WmLayerCache *cache;
  GObject *content;
  char *variant;
  double wx, wy; /* world coordinates (Web Mercator pixels at zoom 0) of the square */
};

G_DEFINE_FINAL_TYPE (TestDotLayer, test_dot_layer, SHUMATE_TYPE_LAYER)

static void
draw_dot (cairo_t *cr, const WmMapTransform *transform, int width, int height, gpointer data)
{
  TestDotLayer *self = data;
  double x, y;

  wm_map_transform_apply (transform, self->wx, self->wy, &x, &y);
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_rectangle (cr, round (x) - DOT / 2, round (y) - DOT / 2, DOT, DOT);
  cairo_fill (cr);
}

static void
test_dot_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  TestDotLayer *self = TEST_DOT_LAYER (widget);

  wm_layer_cache_set_content (self->cache, self->content, (GBoxedCopyFunc) g_object_ref,
                              g_object_unref);
  if (!wm_layer_cache_snapshot (self->cache, widget,
                                shumate_layer_get_viewport (SHUMATE_LAYER (self)), snapshot,
                                self->variant, draw_dot, self))
    {
      /* Drawn directly this frame. */
      int width = gtk_widget_get_width (widget);
      int height = gtk_widget_get_height (widget);
      WmMapTransform transform;
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                               &GRAPHENE_RECT_INIT (0, 0, width, height));

      wm_map_projection_init (&transform, shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                              width, height);
      draw_dot (cr, &transform, width, height, self);
      cairo_destroy (cr);
    }
}

static void
test_dot_layer_finalize (GObject *object)
{
  TestDotLayer *self = TEST_DOT_LAYER (object);

  g_clear_object (&self->cache);
  g_clear_object (&self->content);
  g_clear_pointer (&self->variant, g_free);
  G_OBJECT_CLASS (test_dot_layer_parent_class)->finalize (object);
}

static void
test_dot_layer_class_init (TestDotLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_dot_layer_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = test_dot_layer_snapshot;
}

static void
test_dot_layer_init (TestDotLayer *self)
{
  self->cache = wm_layer_cache_new ();
  self->content = g_object_new (G_TYPE_OBJECT, NULL);
}

typedef struct
{
  GtkWidget *window;
  ShumateMap *map;
  ShumateViewport *viewport;
  TestDotLayer *layer;
} Fixture;

static void
fixture_set_up (Fixture *f)
{
  double lat, lon;

  f->window = gtk_window_new ();
  f->map = shumate_map_new ();
  f->viewport = shumate_map_get_viewport (f->map);
  f->layer = g_object_new (TEST_TYPE_DOT_LAYER, "viewport", f->viewport, NULL);
  shumate_map_add_layer (f->map, SHUMATE_LAYER (f->layer));
  gtk_window_set_default_size (GTK_WINDOW (f->window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->map));

  /* Otterlo at zoom 15, the square 40 px right of and 30 px below the centre, the centre on
   * whole pixels as the map view keeps it. */
  shumate_viewport_set_zoom_level (f->viewport, 15);
  wm_web_mercator_from_pixel (15, 5000000.0, 3000000.0, &lat, &lon);
  shumate_location_set_location (SHUMATE_LOCATION (f->viewport), lat, lon);
  f->layer->wx = (5000000.0 + 40) / 32768.0;
  f->layer->wy = (3000000.0 + 30) / 32768.0;
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
}

/* Moves the view centre by (@dx, @dy) pixels at the current (whole) zoom. */
static void
pan_by (Fixture *f, double dx, double dy)
{
  int zoom = (int) shumate_viewport_get_zoom_level (f->viewport);
  double px, py, lat, lon;

  wm_web_mercator_to_pixel (zoom, shumate_location_get_latitude (SHUMATE_LOCATION (f->viewport)),
                            shumate_location_get_longitude (SHUMATE_LOCATION (f->viewport)),
                            &px, &py);
  wm_web_mercator_from_pixel (zoom, round (px + dx), round (py + dy), &lat, &lon);
  shumate_location_set_location (SHUMATE_LOCATION (f->viewport), lat, lon);
}

/* Where the red square is on screen: its centre, from the picture the window's renderer makes
 * of the layer; FALSE when it is not in view. */
static gboolean
find_dot (Fixture *f, double *x, double *y)
{
  GtkWidget *widget = GTK_WIDGET (f->layer);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  double sx = 0, sy = 0;
  guint n = 0;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, pixels, width * 4);
  for (int j = 0; j < height; j++)
    for (int i = 0; i < width; i++)
      {
        guint32 pixel = ((guint32 *) (pixels + (gsize) j * width * 4))[i];

        /* Opaque red in cairo's ARGB32. */
        if (pixel == 0xffff0000)
          {
            sx += i + 0.5;
            sy += j + 0.5;
            n++;
          }
      }
  if (n == 0)
    return FALSE;
  g_assert_cmpuint (n, ==, DOT * DOT);
  *x = sx / n;
  *y = sy / n;
  return TRUE;
}

/* Frames until the picture has settled: the first draws directly, the second into the cache,
 * the third shows the cache. */
static void
wait_until_cached (Fixture *f)
{
  for (int i = 0; i < 3; i++)
    wm_test_wait_for_frames (GTK_WIDGET (f->layer), 1);
  g_assert_true (wm_layer_cache_get_last_reused (f->layer->cache));
}

static void
test_pan_reuses (void)
{
  Fixture f;
  double x0, y0, x, y;
  guint draws;

  fixture_set_up (&f);
  wait_until_cached (&f);
  draws = wm_layer_cache_get_n_draws (f.layer->cache);
  /* Drawn once directly, once into the cache. */
  g_assert_cmpuint (draws, ==, 2);
  g_assert_true (find_dot (&f, &x0, &y0));
  g_assert_cmpfloat_with_epsilon (x0, WIDTH / 2.0 + 40, 1.0);
  g_assert_cmpfloat_with_epsilon (y0, HEIGHT / 2.0 + 30, 1.0);

  /* Panned a little, several times: the same picture, moved with the map. */
  for (int i = 1; i <= 5; i++)
    {
      pan_by (&f, 10, -7);
      wm_test_wait_for_frames (GTK_WIDGET (f.layer), 1);
      g_assert_true (wm_layer_cache_get_last_reused (f.layer->cache));
      g_assert_cmpuint (wm_layer_cache_get_n_draws (f.layer->cache), ==, draws);
      g_assert_true (find_dot (&f, &x, &y));
      g_assert_cmpfloat_with_epsilon (x, x0 - 10 * i, 0.01);
      g_assert_cmpfloat_with_epsilon (y, y0 + 7 * i, 0.01);
    }

  /* Beyond the margin the picture no longer covers the view: drawn again, at once into the
   * cache (nothing but the pan changed). */
  pan_by (&f, WM_LAYER_CACHE_MARGIN + 20, 0);
  wm_test_wait_for_frames (GTK_WIDGET (f.layer), 1);
  g_assert_cmpuint (wm_layer_cache_get_n_draws (f.layer->cache), ==, draws + 1);
  g_assert_false (find_dot (&f, &x, &y));
  pan_by (&f, -200, 0);
  wm_test_wait_for_frames (GTK_WIDGET (f.layer), 1);
  g_assert_true (wm_layer_cache_get_last_reused (f.layer->cache));
  g_assert_cmpuint (wm_layer_cache_get_n_draws (f.layer->cache), ==, draws + 1);
  g_assert_true (find_dot (&f, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, x0 - 50 - (WM_LAYER_CACHE_MARGIN + 20) + 200, 0.01);
  g_assert_cmpfloat_with_epsilon (y, y0 + 35, 0.01);

  fixture_tear_down (&f);
}

static void
test_change_redraws (void)
{
  Fixture f;
  double x, y;
  guint draws;

  fixture_set_up (&f);
  wait_until_cached (&f);
  draws = wm_layer_cache_get_n_draws (f.layer->cache);

  /* A new zoom level: drawn again (the square stays at the same place on the earth). */
  shumate_viewport_set_zoom_level (f.viewport, 16);
  wm_test_wait_for_frames (GTK_WIDGET (f.layer), 1);
  g_assert_false (wm_layer_cache_get_last_reused (f.layer->cache));
  g_assert_cmpuint (wm_layer_cache_get_n_draws (f.layer->cache), ==, draws + 1);
  g_assert_true (find_dot (&f, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, WIDTH / 2.0 + 80, 1.0);
  g_assert_cmpfloat_with_epsilon (y, HEIGHT / 2.0 + 60, 1.0);
  wait_until_cached (&f);
  draws = wm_layer_cache_get_n_draws (f.layer->cache);

  /* New content (a new drawing object): drawn again, and the new square shows. */
  g_clear_object (&f.layer->content);
  f.layer->content = g_object_new (G_TYPE_OBJECT, NULL);
  f.layer->wx += 20 / 65536.0;
  wm_test_wait_for_frames (GTK_WIDGET (f.layer), 1);
  g_assert_false (wm_layer_cache_get_last_reused (f.layer->cache));
  g_assert_cmpuint (wm_layer_cache_get_n_draws (f.layer->cache), ==, draws + 1);
  g_assert_true (find_dot (&f, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, WIDTH / 2.0 + 100, 1.0);
  wait_until_cached (&f);
  draws = wm_layer_cache_get_n_draws (f.layer->cache);

  /* Another variant of the same content (a selection). */
  f.layer->variant = g_strdup ("selected");
  wm_test_wait_for_frames (GTK_WIDGET (f.layer), 1);
  g_assert_false (wm_layer_cache_get_last_reused (f.layer->cache));
  g_assert_cmpuint (wm_layer_cache_get_n_draws (f.layer->cache), ==, draws + 1);
  wait_until_cached (&f);
  draws = wm_layer_cache_get_n_draws (f.layer->cache);

  /* Told that something else changed. */
  wm_layer_cache_invalidate (f.layer->cache);
  wm_test_wait_for_frames (GTK_WIDGET (f.layer), 1);
  g_assert_false (wm_layer_cache_get_last_reused (f.layer->cache));
  g_assert_cmpuint (wm_layer_cache_get_n_draws (f.layer->cache), ==, draws + 1);

  /* A new size. */
  wait_until_cached (&f);
  draws = wm_layer_cache_get_n_draws (f.layer->cache);
  gtk_window_set_default_size (GTK_WINDOW (f.window), WIDTH + 100, HEIGHT);
  wm_test_wait_for_frames (GTK_WIDGET (f.layer), 1);
  g_assert_false (wm_layer_cache_get_last_reused (f.layer->cache));
  g_assert_cmpuint (wm_layer_cache_get_n_draws (f.layer->cache), >, draws);

  fixture_tear_down (&f);
}

/* A zoom animation changes the picture every frame: drawn directly each time, never into the
 * larger cache. */
static void
test_changing_draws_directly (void)
{
  Fixture f;
  guint draws;

  fixture_set_up (&f);
  wait_until_cached (&f);
  draws = wm_layer_cache_get_n_draws (f.layer->cache);
  for (int i = 1; i <= 4; i++)
    {
      shumate_viewport_set_zoom_level (f.viewport, 15 + i * 0.25);
      wm_test_wait_for_frames (GTK_WIDGET (f.layer), 1);
      g_assert_false (wm_layer_cache_get_last_reused (f.layer->cache));
      g_assert_cmpuint (wm_layer_cache_get_n_draws (f.layer->cache), ==, draws + i);
    }
  fixture_tear_down (&f);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layer-cache/pan-reuses", test_pan_reuses);
  g_test_add_func ("/layer-cache/change-redraws", test_change_redraws);
  g_test_add_func ("/layer-cache/changing-draws-directly", test_changing_draws_directly);
  return g_test_run ();
}
