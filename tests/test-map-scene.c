/* test-map-scene.c: the whole map as one drawing, on image and PDF surfaces */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "wm-area-drawing.h"
#include "wm-core.h"
#include "wm-crs.h"
#include "wm-demo.h"
#include "wm-map-scene.h"
#include "wm-proposal-drawing.h"
#include "wm-test-util.h"
#include "wm-test-fonts.h"

#define WIDTH 800
#define HEIGHT 600

static WmPlan *
load_demo (void)
{
  g_autoptr (GError) error = NULL;
  WmPlan *plan = wm_demo_load (&error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static cairo_surface_t *
draw_scene (WmMapScene *scene, const WmMapTransform *transform, WmMapSceneBaseMode mode)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  wm_map_scene_draw (scene, cr, transform, WIDTH, HEIGHT, mode);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* To look at what the tests draw: WM_TEST_SCENE_DIR=/tmp/scene keeps the pictures there. */
static void
keep_png (cairo_surface_t *surface, const char *name)
{
  g_autofree char *path = NULL;

  if (g_getenv ("WM_TEST_SCENE_DIR") == NULL)
    return;
  path = g_build_filename (g_getenv ("WM_TEST_SCENE_DIR"), name, NULL);
  cairo_surface_write_to_png (surface, path);
}

/* Drawn into a recording surface (a vector surface, as PDF and print), then replayed into
 * pixels. */
static cairo_surface_t *
draw_recorded (WmMapScene *scene, const WmMapTransform *transform, WmMapSceneBaseMode mode)
{
  cairo_rectangle_t extents = { 0, 0, WIDTH, HEIGHT };
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                               &extents);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (recording);

  wm_map_scene_draw (scene, cr, transform, WIDTH, HEIGHT, mode);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cr = cairo_create (surface);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (recording);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface, int x, int y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + (gsize) y * stride + 4 * x) & 0xffffff;
}

static gboolean
color_near (guint32 a, guint32 b, int tolerance)
{
  for (int shift = 0; shift < 24; shift += 8)
    if (abs ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

/* TRUE when a pixel within @radius of (@x, @y) has @color. */
static gboolean
shows_color (cairo_surface_t *surface, double x, double y, int radius, guint32 color,
             int tolerance)
{
  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      {
        int px = (int) floor (x) + dx, py = (int) floor (y) + dy;

        if (px < 0 || py < 0 || px >= cairo_image_surface_get_width (surface)
            || py >= cairo_image_surface_get_height (surface))
          continue;
        if (color_near (pixel_at (surface, px, py), color, tolerance))
          return TRUE;
      }
  return FALSE;
}

static guint
count_colors (cairo_surface_t *surface)
{
  g_autoptr (GHashTable) colors = g_hash_table_new (NULL, NULL);

  for (int y = 0; y < cairo_image_surface_get_height (surface); y += 2)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x += 2)
      g_hash_table_add (colors, GUINT_TO_POINTER (pixel_at (surface, x, y) + 1));
  return g_hash_table_size (colors);
}

static gboolean
surfaces_equal (cairo_surface_t *a, cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  for (int y = 0; y < cairo_image_surface_get_height (a); y++)
    for (int x = 0; x < cairo_image_surface_get_width (a); x++)
      if (pixel_at (a, x, y) != pixel_at (b, x, y))
        return FALSE;
  return TRUE;
}

/* Residential buildings of @plan big enough to show a colour at their centroid, and how many
 * of them show their dominant segment's colour there. */
static void
count_housing_colors (WmPlan *plan, cairo_surface_t *surface, const WmMapTransform *transform,
                      guint *out_buildings, guint *out_coloured)
{
  GListModel *buildings = wm_plan_get_buildings (plan);

  *out_buildings = *out_coloured = 0;
  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr (WmBuilding) building = g_list_model_get_item (buildings, i);
      WmGeometry *footprint = wm_building_get_footprint (building);
      WmSegment dominant;
      WmPoint c;
      double x, y, side;

      if (footprint == NULL
          || !wm_map_style_get_dominant_segment (wm_building_get_dwellings (building), &dominant))
        continue;
      /* Big enough that the centroid pixel lies inside, in a simple footprint. */
      side = MIN (footprint->bounds.max_x - footprint->bounds.min_x,
                  footprint->bounds.max_y - footprint->bounds.min_y);
      if (wm_map_transform_metres_to_pixels (transform, footprint->bounds.min_x,
                                             footprint->bounds.min_y, side) < 3)
        continue;
      c = wm_geometry_centroid (footprint);
      wm_map_transform_rd_to_device (transform, c.x, c.y, &x, &y);
      if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT)
        continue;
      (*out_buildings)++;
      if (shows_color (surface, x, y, 1, wm_map_style_get_segment_color (dominant), 8))
        (*out_coloured)++;
    }
}

/* The demo fitted to its bounds: a map, with the housing colours on its residential
 * buildings, and nothing of them when housing is not shown. */
static void
test_scene_demo (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  g_autoptr (WmMapScene) scene = NULL;
  g_autoptr (WmMapScene) plain = NULL;
  WmMapSceneOptions options;
  WmMapTransform transform;
  WmBounds bounds;
  cairo_surface_t *surface, *plain_surface;
  guint n_buildings, n_coloured;

  wm_map_scene_options_init (&options);
  scene = wm_map_scene_new (plan, NULL, NULL, &options, NULL);
  bounds = wm_map_scene_get_bounds (scene);
  g_assert_cmpfloat (bounds.max_x, >, bounds.min_x);
  g_assert_cmpfloat (bounds.max_y, >, bounds.min_y);
  wm_map_transform_init_for_bounds (&transform, &bounds, WIDTH, HEIGHT, 20);
  g_assert_cmpuint (wm_map_scene_count_base_features (scene, &transform, WIDTH, HEIGHT), >, 100);

  surface = draw_scene (scene, &transform, WM_MAP_SCENE_BASE_AUTO);
  keep_png (surface, "demo.png");
  g_test_message ("zoom %.2f, %u features in view",
                  wm_map_transform_get_zoom (&transform),
                  wm_map_scene_count_base_features (scene, &transform, WIDTH, HEIGHT));
  g_assert_cmpuint (count_colors (surface), >, 20);
  count_housing_colors (plan, surface, &transform, &n_buildings, &n_coloured);
  g_test_message ("%u of %u residential buildings show their segment colour", n_coloured,
                  n_buildings);
  g_assert_cmpuint (n_buildings, >=, 20);
  g_assert_cmpuint (n_coloured, >=, n_buildings * 8 / 10);

  /* Without the housing layer the same places are plain buildings. */
  options.show_housing = FALSE;
  plain = wm_map_scene_new (plan, NULL, NULL, &options, NULL);
  plain_surface = draw_scene (plain, &transform, WM_MAP_SCENE_BASE_AUTO);
  count_housing_colors (plan, plain_surface, &transform, &n_buildings, &n_coloured);
  g_assert_cmpuint (n_coloured, <=, n_buildings / 10);

  g_assert_nonnull (wm_map_scene_get_attribution (scene));
  g_assert_cmpstr (wm_map_scene_get_attribution (scene), !=, "");

  cairo_surface_destroy (plain_surface);
  cairo_surface_destroy (surface);
}

static double fraction_near (cairo_surface_t *a, cairo_surface_t *b, int tolerance,
                             double *out_mean);

/* Without the base map: the housing colours on white paper, as paths and as tiles alike. */
static void
test_scene_housing_only (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  g_autoptr (WmMapScene) scene = NULL;
  WmMapSceneOptions options;
  WmMapTransform transform;
  WmBounds bounds;
  cairo_surface_t *vector, *raster;
  guint n_buildings, n_coloured;
  double mean;

  wm_map_scene_options_init (&options);
  options.show_basemap = FALSE;
  scene = wm_map_scene_new (plan, NULL, NULL, &options, NULL);
  bounds = wm_map_scene_get_bounds (scene);
  wm_map_transform_init_for_bounds (&transform, &bounds, WIDTH, HEIGHT, 20);
  vector = draw_scene (scene, &transform, WM_MAP_SCENE_BASE_VECTOR);
  raster = draw_scene (scene, &transform, WM_MAP_SCENE_BASE_RASTER);
  keep_png (raster, "housing-only-raster.png");
  keep_png (vector, "housing-only-vector.png");

  count_housing_colors (plan, vector, &transform, &n_buildings, &n_coloured);
  g_assert_cmpuint (n_coloured, >=, n_buildings * 8 / 10);
  /* The image is resampled to the view (half a pixel off): small buildings blur at their
   * edges, so only nearly the same picture. */
  /* Paper in a corner, not the base map's ground. */
  g_assert_cmphex (pixel_at (vector, 2, HEIGHT - 3), ==, 0xffffff);
  g_assert_cmphex (pixel_at (raster, 2, HEIGHT - 3), ==, 0xffffff);
  g_assert_cmpfloat (fraction_near (vector, raster, 40, &mean), >, 0.97);

  cairo_surface_destroy (vector);
  cairo_surface_destroy (raster);
}

/* An empty spot in the demo's view, far from its buildings. */
static WmGeometry *
new_build_footprint (WmPlan *plan, double *out_x, double *out_y)
{
  WmBounds b = wm_plan_get_bounds (plan);
  double x = b.min_x + (b.max_x - b.min_x) * 0.5, y = b.min_y + (b.max_y - b.min_y) * 0.5;

  *out_x = x + 60;
  *out_y = y + 60;
  return wm_test_square (x, y, 120);
}

static WmProposal *
add_new_build (WmScenario *scenario, const char *id, WmGeometry *footprint)
{
  WmProposal *proposal = wm_proposal_new (id, WM_PROPOSAL_NEW_BUILD);
  WmDwellingMix mix = { { 0 } };

  mix.counts[WM_SEGMENT_SOCIAL_RENT] = 30;
  wm_proposal_set_geometry (proposal, footprint);
  wm_proposal_set_dwelling_delta (proposal, &mix);
  wm_scenario_add_proposal (scenario, proposal);
  return proposal;
}

/* Proposals in their style; after the plan a new build in its housing colour; a scene made
 * before the proposal does not show it. */
static void
test_scene_proposals (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  g_autoptr (WmMapScene) before = NULL;
  g_autoptr (WmMapScene) now = NULL;
  g_autoptr (WmMapScene) after = NULL;
  g_autoptr (WmGeometry) footprint = NULL;
  g_autoptr (WmProposal) build = NULL;
  WmMapSceneOptions options;
  WmMapTransform transform;
  WmBounds bounds;
  cairo_surface_t *surface;
  double x, y, cx, cy, dx, dy;

  wm_map_scene_options_init (&options);
  before = wm_map_scene_new (plan, NULL, NULL, &options, NULL);
  bounds = wm_map_scene_get_bounds (before);
  wm_map_transform_init_for_bounds (&transform, &bounds, WIDTH, HEIGHT, 20);

  footprint = new_build_footprint (plan, &x, &y);
  build = add_new_build (scenario, "p-scene", footprint);
  now = wm_map_scene_new (plan, NULL, NULL, &options, NULL);
  wm_map_transform_rd_to_device (&transform, x, y, &cx, &cy);
  /* The outline: the footprint's west edge, half way up. */
  wm_map_transform_rd_to_device (&transform, x - 60, y, &dx, &dy);

  surface = draw_scene (now, &transform, WM_MAP_SCENE_BASE_AUTO);
  g_assert_true (shows_color (surface, dx, dy, 1, wm_map_style_get_new_build_color (), 40));
  g_assert_true (shows_color (surface, cx, cy, 1, wm_map_style_get_new_build_fill (),
                              40));
  cairo_surface_destroy (surface);

  surface = draw_scene (before, &transform, WM_MAP_SCENE_BASE_AUTO);
  g_assert_false (shows_color (surface, dx, dy, 1, wm_map_style_get_new_build_color (), 40));
  cairo_surface_destroy (surface);

  options.state = WM_INDICATOR_PROJECTED;
  after = wm_map_scene_new (plan, NULL, NULL, &options, NULL);
  surface = draw_scene (after, &transform, WM_MAP_SCENE_BASE_AUTO);
  keep_png (surface, "after.png");
  g_assert_true (shows_color (surface, cx, cy, 1,
                              wm_map_style_get_segment_color (WM_SEGMENT_SOCIAL_RENT), 8));
  cairo_surface_destroy (surface);
}

/* A scene as of a year (the comparison's small maps): a new build completed by then in its
 * housing colour, the same new build completed later not drawn at all. */
static void
test_scene_at_year (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  g_autoptr (WmMapScene) whole = NULL;
  g_autoptr (WmMapScene) early = NULL;
  g_autoptr (WmGeometry) footprint = NULL;
  g_autoptr (WmProposal) build = NULL;
  WmMapSceneOptions options;
  WmMapTransform transform;
  WmBounds bounds;
  cairo_surface_t *surface;
  double x, y, cx, cy, dx, dy;

  footprint = new_build_footprint (plan, &x, &y);
  build = add_new_build (scenario, "p-year", footprint);
  wm_proposal_set_start_year (build, 2027);
  wm_proposal_set_year (build, 2029);
  wm_map_scene_options_init (&options);
  options.state = WM_INDICATOR_PROJECTED;
  whole = wm_map_scene_new (plan, NULL, NULL, &options, NULL);
  bounds = wm_map_scene_get_bounds (whole);
  wm_map_transform_init_for_bounds (&transform, &bounds, WIDTH, HEIGHT, 20);
  wm_map_transform_rd_to_device (&transform, x, y, &cx, &cy);
  wm_map_transform_rd_to_device (&transform, x - 60, y, &dx, &dy);

  surface = draw_scene (whole, &transform, WM_MAP_SCENE_BASE_AUTO);
  g_assert_true (shows_color (surface, cx, cy, 1,
                              wm_map_style_get_segment_color (WM_SEGMENT_SOCIAL_RENT), 8));
  cairo_surface_destroy (surface);

  options.year = 2026;
  early = wm_map_scene_new (plan, NULL, NULL, &options, NULL);
  surface = draw_scene (early, &transform, WM_MAP_SCENE_BASE_AUTO);
  g_assert_false (shows_color (surface, cx, cy, 1,
                               wm_map_style_get_segment_color (WM_SEGMENT_SOCIAL_RENT), 8));
  g_assert_false (shows_color (surface, dx, dy, 1, wm_map_style_get_new_build_color (), 40));
  cairo_surface_destroy (surface);
}

/* The proposals drawing on its own: every kind drawn where it is, the looks now and after the
 * plan, only what meets the view counted. */
static void
test_proposal_drawing (void)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  g_autoptr (WmGeometry) footprint = wm_test_square (150100, 450000, 40);
  g_autoptr (WmGeometry) point = wm_geometry_new_point (150000, 450100);
  g_autoptr (WmGeometry) far = wm_test_square (160000, 460000, 40);
  g_autoptr (WmProposal) build = add_new_build (scenario, "p-build", footprint);
  g_autoptr (WmProposal) away = add_new_build (scenario, "p-away", far);
  g_autoptr (WmProposal) demolish = wm_proposal_new ("p-demolish", WM_PROPOSAL_DEMOLISH);
  g_autoptr (WmProposal) convert = wm_proposal_new ("p-convert", WM_PROPOSAL_CONVERT_TENURE);
  g_autoptr (WmProposal) add = wm_proposal_new ("p-add", WM_PROPOSAL_ADD_FACILITY);
  g_autoptr (WmProposal) missing = wm_proposal_new ("p-missing", WM_PROPOSAL_DEMOLISH);
  g_autoptr (WmProposalDrawing) now = NULL;
  g_autoptr (WmProposalDrawing) after = NULL;
  const char *b1[] = { "b1", NULL };
  const char *b2[] = { "b2", NULL };
  const char *gone[] = { "no-such-building", NULL };
  WmMapTransform transform;
  cairo_surface_t *surface;
  cairo_t *cr;
  double lat, lon, x, y;
  guint32 fill;
  int pattern;

  wm_test_add_building (plan, "b1", 150000, 450000, WM_SEGMENT_MID_RENT, 10);
  wm_test_add_building (plan, "b2", 150050, 450050, WM_SEGMENT_MID_RENT, 10);
  wm_proposal_set_building_ids (demolish, b1);
  wm_scenario_add_proposal (scenario, demolish);
  wm_proposal_set_building_ids (convert, b2);
  wm_scenario_add_proposal (scenario, convert);
  wm_proposal_set_geometry (add, point);
  wm_proposal_set_facility_type (add, WM_FACILITY_PLAYGROUND);
  wm_scenario_add_proposal (scenario, add);
  /* Nothing to draw: left out. */
  wm_proposal_set_building_ids (missing, gone);
  wm_scenario_add_proposal (scenario, missing);

  now = wm_proposal_drawing_new (plan, NULL, WM_INDICATOR_BASELINE, WM_HOUSING_DOMINANT,
                                 WM_SEGMENT_SOCIAL_RENT);
  after = wm_proposal_drawing_new (plan, NULL, WM_INDICATOR_PROJECTED, WM_HOUSING_DOMINANT,
                                   WM_SEGMENT_SOCIAL_RENT);
  g_assert_cmpuint (wm_proposal_drawing_get_n_proposals (now), ==, 5);
  g_assert_cmpint (wm_proposal_drawing_get_look (now, "p-build", NULL, NULL), ==,
                   WM_PROPOSAL_LOOK_PROPOSAL);
  g_assert_cmpint (wm_proposal_drawing_get_look (after, "p-build", &fill, &pattern), ==,
                   WM_PROPOSAL_LOOK_HOUSING);
  g_assert_cmphex (fill, ==, wm_map_style_get_segment_color (WM_SEGMENT_SOCIAL_RENT));
  g_assert_cmpint (pattern, ==, WM_SEGMENT_SOCIAL_RENT);
  g_assert_cmpint (wm_proposal_drawing_get_look (after, "p-demolish", &fill, NULL), ==,
                   WM_PROPOSAL_LOOK_GONE);
  g_assert_cmphex (fill, ==, wm_map_style_get_background ());
  g_assert_cmpint (wm_proposal_drawing_compute_look (build, WM_INDICATOR_PROJECTED,
                                                     WM_HOUSING_NEUTRAL,
                                                     WM_SEGMENT_SOCIAL_RENT, &fill, NULL),
                   ==, WM_PROPOSAL_LOOK_BUILDING);
  g_assert_cmphex (fill, ==, wm_map_style_get_building ()->fill);

  /* Zoom 17 around the buildings: all but the far one meet the view. */
  wm_crs_rd_to_wgs84 (150070, 450050, &lat, &lon);
  wm_map_transform_init (&transform, lat, lon, 17, 0, WIDTH, HEIGHT);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  g_assert_cmpuint (wm_proposal_drawing_draw (now, cr, &transform, WIDTH, HEIGHT, 1.0), ==, 4);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  keep_png (surface, "proposals.png");

  /* Demolition struck through in red on b1's edge; the new build outlined in blue; the
   * tenure badge on b2; the playground's symbol. */
  wm_map_transform_rd_to_device (&transform, 150000, 450010, &x, &y);
  g_assert_true (shows_color (surface, x, y, 2, wm_map_style_get_demolition_color (), 40));
  wm_map_transform_rd_to_device (&transform, 150100, 450020, &x, &y);
  g_assert_true (shows_color (surface, x, y, 2, wm_map_style_get_new_build_color (), 40));
  wm_map_transform_rd_to_device (&transform, 150060, 450060, &x, &y);
  g_assert_true (shows_color (surface, x, y, 3, wm_map_style_get_change_color (), 40));
  wm_map_transform_rd_to_device (&transform, 150000, 450100, &x, &y);
  g_assert_true (shows_color (surface, x, y, 6,
                              wm_map_style_get_facility_color (WM_FACILITY_PLAYGROUND), 8));
  cairo_surface_destroy (surface);
}

/* The plan as of a year: completed proposals in their look, those under way as building
 * sites (hatched, dashed, not yet coloured after the plan), those not started left out. */
static void
test_proposal_drawing_years (void)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  g_autoptr (WmGeometry) early_fp = wm_test_square (150000, 450000, 40);
  g_autoptr (WmGeometry) late_fp = wm_test_square (150100, 450000, 40);
  g_autoptr (WmGeometry) undated_fp = wm_test_square (150000, 450100, 40);
  g_autoptr (WmProposal) early = add_new_build (scenario, "p-early", early_fp);
  g_autoptr (WmProposal) late = add_new_build (scenario, "p-late", late_fp);
  g_autoptr (WmProposal) undated = add_new_build (scenario, "p-undated", undated_fp);
  guint32 social = wm_map_style_get_segment_color (WM_SEGMENT_SOCIAL_RENT);
  guint32 blue = wm_map_style_get_new_build_color ();
  const int years[] = { 2026, 2028, 2030, 0 };
  double ex, ey, lx, ly, ux, uy, wx, wy, lat, lon;
  WmMapTransform transform;

  wm_proposal_set_year (early, 2027);
  wm_proposal_set_start_year (late, 2027);
  wm_proposal_set_year (late, 2030);

  wm_crs_rd_to_wgs84 (150070, 450070, &lat, &lon);
  wm_map_transform_init (&transform, lat, lon, 17, 0, WIDTH, HEIGHT);
  /* The centres of the three footprints. */
  wm_map_transform_rd_to_device (&transform, 150020, 450020, &ex, &ey);
  wm_map_transform_rd_to_device (&transform, 150120, 450020, &lx, &ly);
  wm_map_transform_rd_to_device (&transform, 150020, 450120, &ux, &uy);
  /* The late one's west edge, half way up. */
  wm_map_transform_rd_to_device (&transform, 150100, 450020, &wx, &wy);

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autoptr (WmProposalDrawing) drawing =
        wm_proposal_drawing_new_at_year (plan, NULL, WM_INDICATOR_PROJECTED, WM_HOUSING_DOMINANT,
                                         WM_SEGMENT_SOCIAL_RENT, years[i]);
      int year = years[i];
      WmTimelineStage want_early = year == 0 || year >= 2027 ? WM_TIMELINE_COMPLETED
                                                             : WM_TIMELINE_NOT_STARTED;
      WmTimelineStage want_late = year == 0 || year >= 2030 ? WM_TIMELINE_COMPLETED
                                  : year >= 2027            ? WM_TIMELINE_UNDER_WAY
                                                            : WM_TIMELINE_NOT_STARTED;
      WmTimelineStage want_undated = year == 0 ? WM_TIMELINE_COMPLETED : WM_TIMELINE_NOT_STARTED;
      guint want_drawn = (want_early != WM_TIMELINE_NOT_STARTED)
                         + (want_late != WM_TIMELINE_NOT_STARTED)
                         + (want_undated != WM_TIMELINE_NOT_STARTED);
      g_autofree char *name = g_strdup_printf ("proposals-%d.png", year);
      cairo_surface_t *surface;
      cairo_t *cr;

      g_test_message ("as of %d", year);
      g_assert_cmpint (wm_proposal_drawing_get_year (drawing), ==, year);
      g_assert_cmpint (wm_proposal_drawing_get_stage (drawing, "p-early"), ==, want_early);
      g_assert_cmpint (wm_proposal_drawing_get_stage (drawing, "p-late"), ==, want_late);
      g_assert_cmpint (wm_proposal_drawing_get_stage (drawing, "p-undated"), ==, want_undated);
      g_assert_cmpuint (wm_proposal_drawing_get_n_under_way (drawing), ==,
                        want_late == WM_TIMELINE_UNDER_WAY);
      /* Under way is not yet the look after the plan. */
      g_assert_cmpint (wm_proposal_drawing_get_look (drawing, "p-late", NULL, NULL), ==,
                       want_late == WM_TIMELINE_COMPLETED ? WM_PROPOSAL_LOOK_HOUSING
                                                          : WM_PROPOSAL_LOOK_PROPOSAL);

      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      g_assert_cmpuint (wm_proposal_drawing_draw (drawing, cr, &transform, WIDTH, HEIGHT, 1.0),
                        ==, want_drawn);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      keep_png (surface, name);

      /* Completed: filled in its housing colour; not started: nothing there. */
      g_assert_true (shows_color (surface, ex, ey, 2, social, 8) == (want_early != WM_TIMELINE_NOT_STARTED));
      g_assert_true (shows_color (surface, ux, uy, 2, social, 8) == (want_undated != WM_TIMELINE_NOT_STARTED));
      switch (want_late)
        {
        case WM_TIMELINE_COMPLETED:
          g_assert_true (shows_color (surface, lx, ly, 2, social, 8));
          break;
        case WM_TIMELINE_UNDER_WAY:
          /* Hatched grey over a pale ground, not yet filled; the outline dashed in blue. */
          g_assert_false (shows_color (surface, lx, ly, 2, social, 8));
          g_assert_true (shows_color (surface, lx, ly, 4, 0x5e5c64, 40));
          g_assert_true (shows_color (surface, wx, wy, 4, blue, 40));
          break;
        case WM_TIMELINE_NOT_STARTED:
        default:
          g_assert_false (shows_color (surface, lx, ly, 6, blue, 60));
          g_assert_false (shows_color (surface, lx, ly, 6, social, 8));
          break;
        }
      cairo_surface_destroy (surface);
    }
}

static double
fraction_near (cairo_surface_t *a, cairo_surface_t *b, int tolerance, double *out_mean)
{
  guint near = 0, n = 0;
  double sum = 0;

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        guint32 pa = pixel_at (a, x, y), pb = pixel_at (b, x, y);

        for (int shift = 0; shift < 24; shift += 8)
          sum += abs ((int) ((pa >> shift) & 0xff) - (int) ((pb >> shift) & 0xff));
        n++;
        if (color_near (pa, pb, tolerance))
          near++;
      }
  *out_mean = sum / (3.0 * n);
  return (double) near / n;
}

/* The base map as paths or as composed tiles: the same picture at the same transform, at the
 * fitted (fractional) zoom, at an integer one and turned. */
static void
test_scene_vector_raster (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  g_autoptr (WmMapScene) scene = NULL;
  WmMapSceneOptions options;
  WmMapTransform transform;
  WmBounds bounds;
  struct
  {
    double zoom, rotation;
    const char *name;
  } views[3] = { { 0, 0, "fitted" }, { 17, 0, "z17" }, { 16.5, 0.5, "turned" } };

  wm_map_scene_options_init (&options);
  scene = wm_map_scene_new (plan, NULL, NULL, &options, NULL);
  bounds = wm_map_scene_get_bounds (scene);
  views[0].zoom = wm_map_transform_init_for_bounds (&transform, &bounds, WIDTH, HEIGHT, 20);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      WmMapTransform t;
      double lat, lon, mean, near;
      cairo_surface_t *vector, *raster;
      g_autofree char *vector_name = g_strdup_printf ("%s-vector.png", views[i].name);
      g_autofree char *raster_name = g_strdup_printf ("%s-raster.png", views[i].name);

      wm_crs_rd_to_wgs84 ((bounds.min_x + bounds.max_x) / 2, (bounds.min_y + bounds.max_y) / 2,
                          &lat, &lon);
      wm_map_transform_init (&t, lat, lon, views[i].zoom, views[i].rotation, WIDTH, HEIGHT);
      vector = draw_scene (scene, &t, WM_MAP_SCENE_BASE_VECTOR);
      raster = draw_scene (scene, &t, WM_MAP_SCENE_BASE_RASTER);
      near = fraction_near (vector, raster, 40, &mean);
      keep_png (vector, vector_name);
      keep_png (raster, raster_name);
      g_test_message ("%s (zoom %.2f): %.1f %% of pixels near, mean difference %.2f",
                      views[i].name, views[i].zoom, 100 * near, mean);
      g_assert_cmpfloat (near, >, 0.97);
      g_assert_cmpfloat (mean, <, 4.0);
      g_assert_false (surfaces_equal (vector, raster));
      cairo_surface_destroy (vector);
      cairo_surface_destroy (raster);
    }
}

/* A plan of @n 20 m buildings in a grid (of all segments), @spacing apart, each with
 * @copies - 1 smaller ones of its colour inside: more features, the same picture. */
static WmPlan *
make_grid_plan (guint n, double spacing, guint copies)
{
  WmPlan *plan = wm_plan_new ();
  guint side = (guint) ceil (sqrt (n));

  for (guint i = 0; i < n; i++)
    for (guint c = 0; c < copies; c++)
      {
        g_autofree char *id = g_strdup_printf ("b%u-%u", i, c);
        double inset = c * 7.5 / copies;
        g_autoptr (WmGeometry) footprint =
          wm_test_square (150000 + (i % side) * spacing + inset,
                          450000 + (i / side) * spacing + inset, 20 - 2 * inset);
        g_autoptr (WmBuilding) building = wm_building_new (id, footprint);
        WmDwellingMix mix = { { 0 } };

        mix.counts[i % WM_N_SEGMENTS] = 4 + i % 7;
        wm_building_set_dwellings (building, &mix);
        wm_plan_add_building (plan, building);
      }
  return plan;
}

/* AUTO draws paths up to WM_MAP_SCENE_VECTOR_MAX_FEATURES in view and the tiles above, on
 * paper; on an image surface always paths. */
static void
test_scene_auto (void)
{
  /* Each building is a base feature and a housing feature. */
  guint n = WM_MAP_SCENE_VECTOR_MAX_FEATURES / 2 + 500;
  g_autoptr (WmPlan) plan = make_grid_plan (n, 30, 1);
  g_autoptr (WmPlan) demo = load_demo ();
  g_autoptr (WmMapScene) scene = wm_map_scene_new (plan, NULL, NULL, NULL, NULL);
  g_autoptr (WmMapScene) demo_scene = wm_map_scene_new (demo, NULL, NULL, NULL, NULL);
  WmMapTransform transform, zoomed;
  WmBounds bounds = wm_map_scene_get_bounds (scene);
  double lat, lon;
  cairo_surface_t *autos, *raster, *vector;

  wm_map_transform_init_for_bounds (&transform, &bounds, WIDTH, HEIGHT, 0);
  g_assert_cmpuint (wm_map_scene_count_base_features (scene, &transform, WIDTH, HEIGHT), >,
                    WM_MAP_SCENE_VECTOR_MAX_FEATURES);
  g_assert_cmpint (wm_map_scene_choose_base_mode (scene, &transform, WIDTH, HEIGHT,
                                                  WM_MAP_SCENE_BASE_AUTO),
                   ==, WM_MAP_SCENE_BASE_RASTER);
  g_assert_cmpint (wm_map_scene_choose_base_mode (scene, &transform, WIDTH, HEIGHT,
                                                  WM_MAP_SCENE_BASE_VECTOR),
                   ==, WM_MAP_SCENE_BASE_VECTOR);
  /* On paper (a recording surface, then its pixels) AUTO is the image... */
  autos = draw_recorded (scene, &transform, WM_MAP_SCENE_BASE_AUTO);
  raster = draw_recorded (scene, &transform, WM_MAP_SCENE_BASE_RASTER);
  vector = draw_recorded (scene, &transform, WM_MAP_SCENE_BASE_VECTOR);
  g_assert_true (surfaces_equal (autos, raster));
  g_assert_false (surfaces_equal (autos, vector));
  cairo_surface_destroy (autos);
  cairo_surface_destroy (raster);
  cairo_surface_destroy (vector);
  /* ...on an image surface the paths. */
  autos = draw_scene (scene, &transform, WM_MAP_SCENE_BASE_AUTO);
  raster = draw_scene (scene, &transform, WM_MAP_SCENE_BASE_RASTER);
  vector = draw_scene (scene, &transform, WM_MAP_SCENE_BASE_VECTOR);
  g_assert_true (surfaces_equal (autos, vector));
  g_assert_false (surfaces_equal (autos, raster));
  cairo_surface_destroy (autos);
  cairo_surface_destroy (raster);
  cairo_surface_destroy (vector);

  /* A street's worth of the same plan: paths. */
  wm_crs_rd_to_wgs84 (150000, 450000, &lat, &lon);
  wm_map_transform_init (&zoomed, lat, lon, 18, 0, WIDTH, HEIGHT);
  g_assert_cmpuint (wm_map_scene_count_base_features (scene, &zoomed, WIDTH, HEIGHT), <,
                    WM_MAP_SCENE_VECTOR_MAX_FEATURES);
  g_assert_cmpint (wm_map_scene_choose_base_mode (scene, &zoomed, WIDTH, HEIGHT,
                                                  WM_MAP_SCENE_BASE_AUTO),
                   ==, WM_MAP_SCENE_BASE_VECTOR);

  /* The demo is small: paths. */
  bounds = wm_map_scene_get_bounds (demo_scene);
  wm_map_transform_init_for_bounds (&transform, &bounds, WIDTH, HEIGHT, 20);
  g_assert_cmpint (wm_map_scene_choose_base_mode (demo_scene, &transform, WIDTH, HEIGHT,
                                                  WM_MAP_SCENE_BASE_AUTO),
                   ==, WM_MAP_SCENE_BASE_VECTOR);
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* An A4-wide map (points) of @plan in @mode as a PDF in memory. */
static GByteArray *
make_pdf (WmPlan *plan, WmMapSceneBaseMode mode)
{
  GByteArray *bytes = g_byte_array_new ();
  g_autoptr (WmMapScene) scene = wm_map_scene_new (plan, NULL, NULL, NULL, NULL);
  WmBounds bounds = wm_map_scene_get_bounds (scene);
  WmMapTransform transform;
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, 510, 400);
  cairo_t *cr = cairo_create (surface);

  wm_map_transform_init_for_bounds (&transform, &bounds, 510, 400, 10);
  wm_map_scene_draw (scene, cr, &transform, 510, 400, mode);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return bytes;
}

static gboolean
has_image (GByteArray *pdf)
{
  const char *tag = "/Subtype /Image";
  gsize n = strlen (tag);

  /* The streams hold zero bytes: not a string search. */
  for (gsize i = 0; i + n <= pdf->len; i++)
    if (memcmp (pdf->data + i, tag, n) == 0)
      return TRUE;
  return FALSE;
}

/* The closed paths ("h", or "re" for a rectangle) in the Flate streams of @pdf, one per
 * polygon cairo wrote: for a PDF without images and text, whose streams are all page
 * content. */
static guint
count_closed_paths (GByteArray *pdf)
{
  const char *start = "stream\n", *end = "endstream";
  guint n = 0;

  for (gsize i = 0; i + strlen (start) <= pdf->len; i++)
    {
      g_autoptr (GZlibDecompressor) inflater = NULL;
      g_autoptr (GByteArray) text = NULL;
      gsize from, to;

      if (memcmp (pdf->data + i, start, strlen (start)) != 0
          || (i > 0 && pdf->data[i - 1] == 'd'))
        continue;
      from = i + strlen (start);
      for (to = from; to + strlen (end) <= pdf->len; to++)
        if (memcmp (pdf->data + to, end, strlen (end)) == 0)
          break;

      inflater = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
      text = g_byte_array_new ();
      for (gsize in = from; in < to;)
        {
          guint8 buffer[65536];
          gsize read = 0, written = 0;
          GConverterResult result;

          result = g_converter_convert (G_CONVERTER (inflater), pdf->data + in, to - in, buffer,
                                        sizeof buffer, G_CONVERTER_INPUT_AT_END, &read,
                                        &written, NULL);
          g_byte_array_append (text, buffer, written);
          in += read;
          if (result == G_CONVERTER_ERROR || result == G_CONVERTER_FINISHED
              || (read == 0 && written == 0))
            break;
        }
      /* Tokens "h" and "re" (a rectangle) between white space. */
      for (gsize k = 0; k < text->len; k++)
        {
          gsize length = text->data[k] == 'h' ? 1
                         : (k + 1 < text->len && text->data[k] == 'r' && text->data[k + 1] == 'e')
                           ? 2 : 0;

          if (length > 0 && (k == 0 || g_ascii_isspace (text->data[k - 1]))
              && (k + length == text->len || g_ascii_isspace (text->data[k + length])))
            n++;
        }
      i = to;
    }
  return n;
}

/* In a PDF the base map is paths (more features, a bigger file) or one image (as big as its
 * picture, whatever the number of features). */
static void
test_scene_pdf (void)
{
  g_autoptr (WmPlan) small = make_grid_plan (400, 60, 1);
  g_autoptr (WmPlan) large = make_grid_plan (400, 60, 20);
  g_autoptr (GByteArray) small_vector = make_pdf (small, WM_MAP_SCENE_BASE_VECTOR);
  g_autoptr (GByteArray) large_vector = make_pdf (large, WM_MAP_SCENE_BASE_VECTOR);
  g_autoptr (GByteArray) small_raster = make_pdf (small, WM_MAP_SCENE_BASE_RASTER);
  g_autoptr (GByteArray) large_raster = make_pdf (large, WM_MAP_SCENE_BASE_RASTER);

  if (g_getenv ("WM_TEST_SCENE_DIR") != NULL)
    {
      GByteArray *pdfs[] = { small_vector, large_vector, small_raster, large_raster };
      const char *names[] = { "small-vector", "large-vector", "small-raster", "large-raster" };

      for (guint i = 0; i < G_N_ELEMENTS (pdfs); i++)
        {
          g_autofree char *name = g_strdup_printf ("%s.pdf", names[i]);
          g_autofree char *path = g_build_filename (g_getenv ("WM_TEST_SCENE_DIR"), name, NULL);

          g_file_set_contents (path, (const char *) pdfs[i]->data, pdfs[i]->len, NULL);
        }
    }
  g_test_message ("vector %u and %u bytes (%u and %u paths), raster %u and %u bytes",
                  small_vector->len, large_vector->len, count_closed_paths (small_vector),
                  count_closed_paths (large_vector), small_raster->len, large_raster->len);
  g_assert_false (has_image (small_vector));
  g_assert_false (has_image (large_vector));
  /* Every building a path, twice (the base map's and the housing colour's). */
  g_assert_cmpuint (count_closed_paths (small_vector), >=, 2 * 400);
  g_assert_cmpuint (count_closed_paths (large_vector), >=, 2 * 400 * 20);
  g_assert_true (has_image (small_raster));
  g_assert_true (has_image (large_raster));
  /* 20 times the buildings: at least ten times the paths. */
  g_assert_cmpuint (large_vector->len, >, 10 * small_vector->len);
  /* The same picture: about the same image, a fraction of the paths. */
  g_assert_cmpuint (large_raster->len, <, small_raster->len * 5 / 4);
  g_assert_cmpuint (large_raster->len, <, large_vector->len / 4);
}

typedef struct
{
  WmMapScene *scene;
  WmMapTransform transform;
  cairo_surface_t *surface;
  gint done;
} ThreadDraw;

static gpointer
draw_in_thread (gpointer data)
{
  ThreadDraw *job = data;

  job->surface = draw_scene (job->scene, &job->transform, WM_MAP_SCENE_BASE_VECTOR);
  g_atomic_int_set (&job->done, 1);
  return NULL;
}

/* A scene is a snapshot: a worker draws it while the main thread changes the plan, and the
 * pixels are those of the plan when the scene was made. */
static void
test_scene_thread (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  g_autoptr (WmMapScene) scene = NULL;
  g_autoptr (WmMapScene) changed = NULL;
  WmMapSceneOptions options;
  WmBounds bounds;
  ThreadDraw job = { 0 };
  cairo_surface_t *reference, *again, *after;
  GThread *thread;
  GListModel *buildings = wm_plan_get_buildings (plan);
  guint n_changes = 0;

  wm_map_scene_options_init (&options);
  options.show_catchments = TRUE;
  scene = wm_map_scene_new (plan, NULL, NULL, &options, NULL);
  bounds = wm_map_scene_get_bounds (scene);
  wm_map_transform_init_for_bounds (&job.transform, &bounds, WIDTH, HEIGHT, 20);
  reference = draw_scene (scene, &job.transform, WM_MAP_SCENE_BASE_VECTOR);

  job.scene = scene;
  thread = g_thread_new ("scene", draw_in_thread, &job);
  /* Changes until the worker is done, and a few at least. */
  while (!g_atomic_int_get (&job.done) || n_changes < 20)
    {
      g_autofree char *id = g_strdup_printf ("p-thread-%u", n_changes);
      g_autoptr (WmGeometry) square = NULL;
      g_autoptr (WmProposal) build = NULL;
      g_autofree char *demolish_id = g_strdup_printf ("p-thread-demolish-%u", n_changes);
      g_autoptr (WmBuilding) building =
        g_list_model_get_item (buildings, n_changes % g_list_model_get_n_items (buildings));
      g_autoptr (WmProposal) demolish = wm_proposal_new (demolish_id, WM_PROPOSAL_DEMOLISH);
      const char *ids[] = { wm_building_get_id (building), NULL };
      WmDwellingMix mix = { { 0 } };

      square = wm_test_square (bounds.min_x + 20.0 * (n_changes % 50), bounds.min_y + 50, 15);
      build = add_new_build (scenario, id, square);
      wm_proposal_set_building_ids (demolish, ids);
      wm_scenario_add_proposal (scenario, demolish);
      mix.counts[WM_SEGMENT_OWNER_EXPENSIVE] = 40;
      wm_building_set_dwellings (building, &mix);
      n_changes++;
    }
  g_thread_join (thread);

  g_assert_true (surfaces_equal (reference, job.surface));
  again = draw_scene (scene, &job.transform, WM_MAP_SCENE_BASE_VECTOR);
  g_assert_true (surfaces_equal (reference, again));
  /* The changes are visible in a scene made now. */
  changed = wm_map_scene_new (plan, NULL, NULL, &options, NULL);
  after = draw_scene (changed, &job.transform, WM_MAP_SCENE_BASE_VECTOR);
  g_assert_false (surfaces_equal (reference, after));

  cairo_surface_destroy (reference);
  cairo_surface_destroy (again);
  cairo_surface_destroy (after);
  cairo_surface_destroy (job.surface);
}

/* The framed map: legend, scale bar and north arrow drawn over the map without errors, the
 * key naming the housing colours. */
static void
test_scene_framed (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  g_autoptr (WmMapScene) scene = wm_map_scene_new (plan, NULL, NULL, NULL, NULL);
  g_autoptr (WmMapKey) key = wm_map_scene_new_key (scene);
  WmBounds bounds = wm_map_scene_get_bounds (scene);
  WmMapTransform transform;
  cairo_surface_t *bare, *framed;
  cairo_t *cr;
  guint differ = 0;

  g_assert_cmpuint (wm_map_key_get_n_entries (key), >, 0);
  wm_map_transform_init_for_bounds (&transform, &bounds, WIDTH, HEIGHT, 20);
  bare = draw_scene (scene, &transform, WM_MAP_SCENE_BASE_AUTO);
  framed = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cr = cairo_create (framed);
  wm_map_scene_draw_framed (scene, cr, &transform, WIDTH, HEIGHT, 1.0, WM_MAP_SCENE_BASE_AUTO);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (framed);
  keep_png (framed, "framed.png");

  /* The legend covers the top right corner, the map stays as it is in the middle. */
  for (int y = 20; y < 60; y++)
    for (int x = WIDTH - 100; x < WIDTH - 20; x++)
      if (pixel_at (bare, x, y) != pixel_at (framed, x, y))
        differ++;
  g_assert_cmpuint (differ, >, 200);
  g_assert_cmphex (pixel_at (bare, WIDTH / 2, HEIGHT / 2), ==,
                   pixel_at (framed, WIDTH / 2, HEIGHT / 2));

  cairo_surface_destroy (bare);
  cairo_surface_destroy (framed);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add_func ("/map-scene/demo", test_scene_demo);
  g_test_add_func ("/map-scene/housing-only", test_scene_housing_only);
  g_test_add_func ("/map-scene/proposals", test_scene_proposals);
  g_test_add_func ("/map-scene/proposal-drawing", test_proposal_drawing);
  g_test_add_func ("/map-scene/proposal-drawing-years", test_proposal_drawing_years);
  g_test_add_func ("/map-scene/at-year", test_scene_at_year);
  g_test_add_func ("/map-scene/vector-raster", test_scene_vector_raster);
  g_test_add_func ("/map-scene/auto", test_scene_auto);
  g_test_add_func ("/map-scene/pdf", test_scene_pdf);
  g_test_add_func ("/map-scene/thread", test_scene_thread);
  g_test_add_func ("/map-scene/framed", test_scene_framed);
  status = g_test_run ();
  wm_test_release_fonts ();
  return status;
}
