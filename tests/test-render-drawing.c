/* test-render-drawing.c: areas, facilities, map key and decorations drawn without GTK */
#include "config.h"

#include <math.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "wm-area-drawing.h"
#include "wm-core.h"
#include "wm-crs.h"
#include "wm-demo.h"
#include "wm-facility-drawing.h"
#include "wm-map-decor.h"
#include "wm-map-key.h"
#include "wm-test-util.h"

#define WIDTH 800
#define HEIGHT 600

static WmPlan *
load_demo (void)
{
  g_autoptr(GError) error = NULL;
  WmPlan *plan = wm_demo_load (&error);

  g_assert_no_error (error);
  return plan;
}

static cairo_surface_t *
new_surface (int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* Unpremultiplied 0xRRGGBB of a pixel and its alpha 0..255. */
static guint32
pixel (cairo_surface_t *surface, int x, int y, int *alpha)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p;
  int a, r, g, b;

  cairo_surface_flush (surface);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  p = *(const guint32 *) (data + y * stride + 4 * x);
  a = p >> 24;
  if (alpha != NULL)
    *alpha = a;
  if (a == 0)
    return 0;
  r = MIN (255, ((p >> 16) & 0xff) * 255 / a);
  g = MIN (255, ((p >> 8) & 0xff) * 255 / a);
  b = MIN (255, (p & 0xff) * 255 / a);
  return (guint32) (r << 16 | g << 8 | b);
}

static gboolean
color_near (guint32 a, guint32 b, int tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

/* Some pixel within @radius of (@x, @y) has @color (and is not transparent). */
static gboolean
color_around (cairo_surface_t *surface, double x, double y, int radius, guint32 color,
              int tolerance)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);

  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      {
        int px = (int) floor (x) + dx, py = (int) floor (y) + dy, alpha;
        guint32 c;

        if (px < 0 || py < 0 || px >= w || py >= h)
          continue;
        c = pixel (surface, px, py, &alpha);
        if (alpha > 64 && color_near (c, color, tolerance))
          return TRUE;
      }
  return FALSE;
}

static void
fit_demo (WmAreaDrawing *areas, WmMapTransform *transform)
{
  WmBounds bounds = wm_area_drawing_get_bounds (areas);

  g_assert_false (wm_bounds_is_empty (&bounds));
  wm_map_transform_init_for_bounds (transform, &bounds, WIDTH, HEIGHT, 20);
}

/* The outlines run where the areas are: most points along each ring have the area colour
 * close by, and nothing is painted outside the areas' box. */
static void
test_area_outlines (void)
{
  g_autoptr(WmPlan) plan = load_demo ();
  g_autoptr(WmAreaDrawing) areas = wm_area_drawing_new (plan);
  cairo_surface_t *surface = new_surface (WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  GListModel *model = wm_plan_get_areas (plan);
  guint32 color = wm_map_style_get_area_color ();
  WmMapTransform transform;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  guint n_samples = 0, n_hits = 0;

  g_assert_cmpuint (wm_area_drawing_get_n_areas (areas), ==, g_list_model_get_n_items (model));
  g_assert_cmpuint (wm_area_drawing_get_n_areas (areas), >, 0);
  fit_demo (areas, &transform);
  g_assert_cmpuint (wm_area_drawing_draw (areas, cr, &transform, WIDTH, HEIGHT, NULL, 1.0), ==,
                    wm_area_drawing_get_n_areas (areas));
  cairo_destroy (cr);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WmArea) area = g_list_model_get_item (model, i);
      WmGeometry *g = wm_area_get_boundary (area);

      for (guint r = 0; r < g->n_rings; r++)
        for (guint k = g->ring_start[r]; k < g->ring_start[r + 1]; k++)
          {
            guint next = k + 1 < g->ring_start[r + 1] ? k + 1 : g->ring_start[r];
            double ax, ay, bx, by;

            wm_map_transform_rd_to_device (&transform, g->points[k].x, g->points[k].y, &ax, &ay);
            wm_map_transform_rd_to_device (&transform, g->points[next].x, g->points[next].y,
                                           &bx, &by);
            x0 = MIN (x0, ax);
            y0 = MIN (y0, ay);
            x1 = MAX (x1, ax);
            y1 = MAX (y1, ay);
            /* Midpoints of the edges: the dashes leave gaps, but not most of them. */
            n_samples++;
            if (color_around (surface, (ax + bx) / 2, (ay + by) / 2, 3, color, 40))
              n_hits++;
          }
    }
  g_test_message ("%u of %u edge midpoints in the area colour", n_hits, n_samples);
  g_assert_cmpuint (n_samples, >, 20);
  g_assert_cmpfloat (n_hits, >=, 0.5 * n_samples);

  /* Nothing painted more than a few pixels outside the areas. */
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        int alpha;

        if (x >= x0 - 4 && x <= x1 + 4 && y >= y0 - 4 && y <= y1 + 4)
          continue;
        pixel (surface, x, y, &alpha);
        if (alpha != 0)
          g_error ("pixel (%d, %d) painted outside the areas' box", x, y);
      }
  cairo_surface_destroy (surface);
}

/* The selected area is filled in the selection colour, about as much of it as it covers. */
static void
test_area_selected (void)
{
  g_autoptr(WmPlan) plan = load_demo ();
  g_autoptr(WmAreaDrawing) areas = wm_area_drawing_new (plan);
  g_autoptr(WmArea) area = g_list_model_get_item (wm_plan_get_areas (plan), 0);
  WmGeometry *g = wm_area_get_boundary (area);
  guint32 selected = wm_map_style_get_selected_area_color ();
  WmMapTransform transform;
  guint n_fill[2] = { 0, 0 };
  double area_px, box[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  fit_demo (areas, &transform);
  for (guint i = 0; i < g->n_points; i++)
    {
      double x, y;

      wm_map_transform_rd_to_device (&transform, g->points[i].x, g->points[i].y, &x, &y);
      box[0] = MIN (box[0], x);
      box[1] = MIN (box[1], y);
      box[2] = MAX (box[2], x);
      box[3] = MAX (box[3], y);
    }
  area_px = wm_geometry_area (g)
            * pow (wm_map_transform_metres_to_pixels (&transform, g->bounds.min_x,
                                                      g->bounds.min_y, 1.0), 2);
  for (int pass = 0; pass < 2; pass++)
    {
      cairo_surface_t *surface = new_surface (WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (surface);

      wm_area_drawing_draw (areas, cr, &transform, WIDTH, HEIGHT,
                            pass == 1 ? wm_area_get_id (area) : NULL, 1.0);
      cairo_destroy (cr);
      for (int y = 0; y < HEIGHT; y++)
        for (int x = 0; x < WIDTH; x++)
          {
            int alpha;
            guint32 c = pixel (surface, x, y, &alpha);

            /* The light fill: 8 % of the selection colour over nothing. */
            if (alpha > 0 && alpha < 40 && color_near (c, selected, 40))
              {
                n_fill[pass]++;
                if (pass == 1 && (x < box[0] - 3 || x > box[2] + 3 || y < box[1] - 3
                                  || y > box[3] + 3))
                  g_error ("fill at (%d, %d), outside the selected area", x, y);
              }
          }
      cairo_surface_destroy (surface);
    }
  g_test_message ("fill %u px of an area of %.0f px", n_fill[1], area_px);
  g_assert_cmpuint (n_fill[0], ==, 0);
  g_assert_cmpfloat (n_fill[1], >, 0.6 * area_px);
  g_assert_cmpfloat (n_fill[1], <, 1.1 * area_px);
}

/* More than 40 areas in view: solid outlines (dashing them all would cost too much). */
static void
test_area_dash_rule (void)
{
  for (int n_side = 6; n_side <= 7; n_side++)
    {
      g_autoptr(WmPlan) plan = wm_plan_new ();
      g_autoptr(WmAreaDrawing) areas = NULL;
      cairo_surface_t *surface = new_surface (WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (surface);
      WmMapTransform transform;
      WmBounds bounds;
      guint n_samples = 0, n_hits = 0;
      int n = n_side * n_side;

      for (int i = 0; i < n; i++)
        {
          g_autoptr(WmGeometry) square = wm_test_square (150000 + 100 * (i % n_side),
                                                         450000 + 100 * (i / n_side), 90);
          g_autofree char *id = g_strdup_printf ("a%d", i);
          g_autoptr(WmArea) area = wm_area_new (id, NULL, square);

          wm_plan_add_area (plan, area);
        }
      areas = wm_area_drawing_new (plan);
      bounds = wm_area_drawing_get_bounds (areas);
      wm_map_transform_init_for_bounds (&transform, &bounds, WIDTH, HEIGHT, 20);
      g_assert_cmpuint (wm_area_drawing_draw (areas, cr, &transform, WIDTH, HEIGHT, NULL, 1.0),
                        ==, n);
      cairo_destroy (cr);

      /* Along the bottom edge of the first square. */
      for (double t = 0.05; t < 0.95; t += 0.01)
        {
          double x, y;
          int alpha;

          wm_map_transform_rd_to_device (&transform, 150000 + 90 * t, 450000, &x, &y);
          n_samples++;
          pixel (surface, (int) floor (x), (int) floor (y), &alpha);
          if (alpha > 64)
            n_hits++;
        }
      g_test_message ("%d areas: %u of %u points on the outline", n, n_hits, n_samples);
      if (n <= 40)
        g_assert_cmpuint (n_hits, <, 0.8 * n_samples);
      else
        g_assert_cmpuint (n_hits, ==, n_samples);
      cairo_surface_destroy (surface);
    }
}

/* Symbols at their facilities' places, in their type's colour. */
static void
test_facility_symbols (void)
{
  g_autoptr(WmPlan) plan = load_demo ();
  g_autoptr(WmAreaDrawing) areas = wm_area_drawing_new (plan);
  g_autoptr(WmFacilityDrawing) facilities = wm_facility_drawing_new (plan, NULL, NULL,
                                                                     WM_INDICATOR_BASELINE);
  GListModel *model = wm_plan_get_facilities (plan);
  cairo_surface_t *surface = new_surface (WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  WmMapTransform transform;
  double radius = wm_facility_drawing_get_symbol_radius (17);
  double extent[4];
  guint n_checked = 0;

  fit_demo (areas, &transform);
  g_assert_cmpuint (wm_facility_drawing_get_n_symbols (facilities), ==,
                    g_list_model_get_n_items (model));
  g_assert_cmpuint (wm_facility_drawing_draw_symbols (facilities, cr, &transform, WIDTH, HEIGHT,
                                                      radius),
                    ==, g_list_model_get_n_items (model));
  cairo_destroy (cr);
  g_assert_true (wm_facility_drawing_get_symbols_extent (facilities, &transform, WIDTH, HEIGHT,
                                                         radius, extent));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WmFacility) facility = g_list_model_get_item (model, i);
      WmPoint p = wm_facility_get_location (facility);
      guint32 color = wm_map_style_get_facility_color (wm_facility_get_facility_type (facility));
      gboolean alone = TRUE;
      double x, y;
      int alpha;

      wm_map_transform_rd_to_device (&transform, p.x, p.y, &x, &y);
      g_assert_cmpfloat (x, >=, extent[0]);
      g_assert_cmpfloat (x, <=, extent[2]);
      g_assert_cmpfloat (y, >=, extent[1]);
      g_assert_cmpfloat (y, <=, extent[3]);
      /* Something is drawn at the centre (the pictogram or the disc). */
      pixel (surface, (int) x, (int) y, &alpha);
      g_assert_cmpint (alpha, ==, 255);
      for (guint j = 0; j < g_list_model_get_n_items (model); j++)
        {
          g_autoptr(WmFacility) other = g_list_model_get_item (model, j);
          WmPoint q = wm_facility_get_location (other);
          double ox, oy;

          wm_map_transform_rd_to_device (&transform, q.x, q.y, &ox, &oy);
          if (j != i && hypot (ox - x, oy - y) < 2.5 * radius)
            alone = FALSE;
        }
      if (!alone)
        continue;
      /* Between the pictogram and the white rim the disc has the type's colour. */
      g_assert_true (color_around (surface, x + 0.72 * radius, y, 1, color, 12));
      g_assert_true (color_around (surface, x - 0.72 * radius, y, 1, color, 12));
      n_checked++;
      /* And nothing well beyond the symbol's shadow. */
      pixel (surface, (int) (x + radius + 6), (int) y, &alpha);
      g_assert_cmpint (alpha, ==, 0);
    }
  g_assert_cmpuint (n_checked, >, 0);
  cairo_surface_destroy (surface);
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

static const WmFacilityCatchment *
find_catchment (WmFacilityDrawing *drawing, WmFacilityType type, gboolean proposed)
{
  for (guint i = 0; i < wm_facility_drawing_get_n_catchments (drawing); i++)
    {
      const WmFacilityCatchment *c = wm_facility_drawing_get_catchment (drawing, i);

      if (c->type == type && c->proposed == proposed)
        return c;
    }
  return NULL;
}

/* One catchment per facility with a radius, of the engine's size; proposed ones dashed now and
 * plain after the plan, removed ones gone after it. */
static void
test_facility_catchments (void)
{
  g_autoptr(WmPlan) plan = load_demo ();
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);
  g_autoptr(WmAreaDrawing) areas = wm_area_drawing_new (plan);
  GListModel *model = wm_plan_get_facilities (plan);
  g_autoptr(WmFacility) first = g_list_model_get_item (model, 0);
  g_autoptr(WmProposal) garden = NULL;
  g_autoptr(WmProposal) remove = wm_proposal_new ("p-remove", WM_PROPOSAL_REMOVE_FACILITY);
  WmMapTransform transform;
  guint n_expected = 0;
  WmFacilityType types[WM_N_FACILITY_TYPES];
  guint n_types = 0;

  fit_demo (areas, &transform);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WmFacility) facility = g_list_model_get_item (model, i);
      WmFacilityType type = wm_facility_get_facility_type (facility);
      const char *kind = wm_map_style_get_coverage_kind (type);
      double radius = kind != NULL ? wm_indicator_engine_get_coverage_radius (engine, kind)
                                   : wm_map_style_get_catchment_radius (type);

      if (radius > 0)
        n_expected++;
    }

  for (int state = WM_INDICATOR_BASELINE; state <= WM_INDICATOR_PROJECTED; state++)
    {
      g_autoptr(WmFacilityDrawing) drawing = wm_facility_drawing_new (plan, NULL, engine, state);
      cairo_surface_t *surface = new_surface (WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (surface);
      g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (guint));
      guint n_drawn;

      g_assert_cmpint (wm_facility_drawing_get_state (drawing), ==, state);
      g_assert_cmpuint (wm_facility_drawing_get_n_catchments (drawing), ==, n_expected);
      for (guint i = 0; i < wm_facility_drawing_get_n_catchments (drawing); i++)
        {
          const WmFacilityCatchment *c = wm_facility_drawing_get_catchment (drawing, i);
          const char *kind = wm_map_style_get_coverage_kind (c->type);
          double x, y, r, ex, ey;

          if (kind != NULL)
            g_assert_cmpfloat (c->radius_m, ==,
                               wm_indicator_engine_get_coverage_radius (engine, kind));
          g_assert_cmpfloat (c->radius_m, ==,
                             wm_facility_drawing_get_catchment_radius (drawing, c->type));
          g_assert_false (c->proposed);
          g_assert_false (c->dashed);
          wm_facility_drawing_get_catchment_device (drawing, i, &transform, &x, &y, &r);
          wm_map_transform_rd_to_device (&transform, c->rd_x, c->rd_y, &ex, &ey);
          g_assert_cmpfloat_with_epsilon (x, ex, 1e-6);
          g_assert_cmpfloat_with_epsilon (y, ey, 1e-6);
          g_assert_cmpfloat_with_epsilon (r, wm_map_transform_metres_to_pixels (&transform,
                                                                               c->rd_x, c->rd_y,
                                                                               c->radius_m),
                                          1e-6);
        }

      /* On the surface: the rim of each circle in view, just inside its radius. */
      n_drawn = wm_facility_drawing_draw_catchments (drawing, cr, &transform, WIDTH, HEIGHT,
                                                     drawn);
      cairo_destroy (cr);
      g_assert_cmpuint (n_drawn, ==, drawn->len);
      g_assert_cmpuint (n_drawn, >, 0);
      for (guint k = 0; k < drawn->len; k++)
        {
          guint i = g_array_index (drawn, guint, k);
          const WmFacilityCatchment *c = wm_facility_drawing_get_catchment (drawing, i);
          guint32 color = wm_map_style_get_facility_color (c->type);
          double x, y, r;
          gboolean seen = FALSE;

          wm_facility_drawing_get_catchment_device (drawing, i, &transform, &x, &y, &r);
          /* Some point of the rim in the window shows the type's colour. */
          for (double a = 0; a < 2 * G_PI && !seen; a += G_PI / 16)
            {
              double px = x + (r - 1) * cos (a), py = y + (r - 1) * sin (a);

              if (px >= 2 && py >= 2 && px < WIDTH - 2 && py < HEIGHT - 2)
                seen = color_around (surface, px, py, 1, color, 30);
            }
          g_assert_true (seen);
        }
      cairo_surface_destroy (surface);
    }

  /* A proposed garden and the first facility removed. */
  garden = add_facility_proposal (plan, "p-garden", WM_FACILITY_SHARED_GARDEN, 180900, 457100);
  wm_proposal_set_facility_id (remove, wm_facility_get_id (first));
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), remove);
  {
    g_autoptr(WmFacilityDrawing) now = wm_facility_drawing_new (plan, NULL, engine,
                                                                WM_INDICATOR_BASELINE);
    g_autoptr(WmFacilityDrawing) after = wm_facility_drawing_new (plan, NULL, engine,
                                                                  WM_INDICATOR_PROJECTED);
    const WmFacilityCatchment *c = find_catchment (now, WM_FACILITY_SHARED_GARDEN, TRUE);
    const WmFacilityType *shown;
    gboolean first_has_radius = wm_facility_drawing_get_catchment_radius (
                                  now, wm_facility_get_facility_type (first)) > 0;

    g_assert_nonnull (c);
    g_assert_true (c->dashed);
    g_assert_cmpfloat (c->rd_x, ==, 180900);
    g_assert_cmpfloat (c->rd_y, ==, 457100);
    g_assert_cmpfloat (c->radius_m, ==,
                       wm_indicator_engine_get_coverage_radius (engine, "meeting_place"));
    g_assert_cmpuint (wm_facility_drawing_get_n_catchments (now), ==, n_expected + 1);

    c = find_catchment (after, WM_FACILITY_SHARED_GARDEN, TRUE);
    g_assert_nonnull (c);
    g_assert_false (c->dashed);
    g_assert_cmpuint (wm_facility_drawing_get_n_catchments (after), ==,
                      n_expected + 1 - (first_has_radius ? 1 : 0));
    /* The removed facility keeps its symbol: the proposals drawing crosses it out. */
    g_assert_cmpuint (wm_facility_drawing_get_n_symbols (after), ==,
                      g_list_model_get_n_items (model));

    /* The legend's types: the baseline's and the proposed one, in type order. */
    shown = wm_facility_drawing_get_types (now, &n_types);
    memcpy (types, shown, n_types * sizeof *types);
    for (guint i = 1; i < n_types; i++)
      g_assert_cmpint (types[i - 1], <, types[i]);
    {
      gboolean has_garden = FALSE;

      for (guint i = 0; i < n_types; i++)
        has_garden |= types[i] == WM_FACILITY_SHARED_GARDEN;
      g_assert_true (has_garden);
    }
  }
}

static void
test_map_key (void)
{
  WmSegmentTable *table = wm_segment_table_get_default ();
  const WmFacilityType types[] = { WM_FACILITY_SHARED_GARDEN, WM_FACILITY_COMMUNITY_CENTRE };

  {
    g_autoptr(WmMapKey) key = wm_map_key_new (WM_HOUSING_DOMINANT, 0, FALSE, types, 2);

    g_assert_cmpstr (wm_map_key_get_title (key), ==, "Largest segment");
    g_assert_cmpuint (wm_map_key_get_n_entries (key), ==, WM_N_SEGMENTS);
    for (int s = 0; s < WM_N_SEGMENTS; s++)
      {
        const WmMapKeyEntry *entry = wm_map_key_get_entry (key, s);

        g_assert_cmphex (entry->color, ==, wm_map_style_get_segment_color (s));
        g_assert_cmpint (entry->pattern, ==, s);
        g_assert_cmpstr (entry->label, ==, wm_segment_table_get_name (table, s));
      }
    g_assert_cmpuint (wm_map_key_get_n_facility_types (key), ==, 2);
    g_assert_cmpint (wm_map_key_get_facility_type (key, 1), ==, WM_FACILITY_COMMUNITY_CENTRE);
    g_assert_cmpstr (wm_map_key_get_facility_title (key), ==, "Facilities");
    g_assert_cmpstr (wm_map_key_get_facility_label (WM_FACILITY_SHARED_GARDEN), ==,
                     wm_facility_type_label (WM_FACILITY_SHARED_GARDEN));
  }
  {
    g_autoptr(WmMapKey) key = wm_map_key_new (WM_HOUSING_SHARE, WM_SEGMENT_SOCIAL_RENT, TRUE,
                                              NULL, 0);

    g_assert_true (g_str_has_prefix (wm_map_key_get_title (key), "Share of"));
    g_assert_true (g_str_has_suffix (wm_map_key_get_title (key), "— after the plan"));
    g_assert_cmpuint (wm_map_key_get_n_entries (key), ==, WM_HOUSING_N_SHARE_CLASSES);
    for (int k = 0; k < WM_HOUSING_N_SHARE_CLASSES; k++)
      {
        g_assert_cmphex (wm_map_key_get_entry (key, k)->color, ==,
                         wm_map_style_get_share_color (WM_SEGMENT_SOCIAL_RENT, k));
        g_assert_cmpint (wm_map_key_get_entry (key, k)->pattern, ==, -1);
      }
    g_assert_cmpstr (wm_map_key_get_entry (key, 0)->label, ==, "0–20 %");
    g_assert_cmpuint (wm_map_key_get_n_facility_types (key), ==, 0);
  }
  {
    g_autoptr(WmMapKey) key = wm_map_key_new (WM_HOUSING_NEUTRAL, 0, TRUE, NULL, 0);

    g_assert_null (wm_map_key_get_title (key));
    g_assert_cmpuint (wm_map_key_get_n_entries (key), ==, 0);
  }
}

static const double round_lengths[] = { 1, 2, 5 };

static gboolean
is_round (double metres)
{
  for (int e = 0; e <= 7; e++)
    for (guint s = 0; s < G_N_ELEMENTS (round_lengths); s++)
      if (metres == round_lengths[s] * pow (10, e))
        return TRUE;
  return FALSE;
}

/* The scale bar: the longest round length that fits, measured like the map's own metres. */
static void
test_scale_bar (void)
{
  double latitude, longitude;

  wm_crs_rd_to_wgs84 (180900, 457100, &latitude, &longitude);
  for (double zoom = 12; zoom <= 19; zoom += 0.5)
    for (double max_width = 80; max_width <= 400; max_width += 80)
      {
        WmMapTransform transform;
        double width, metres, per_metre;

        wm_map_transform_init (&transform, latitude, longitude, zoom, 0, WIDTH, HEIGHT);
        per_metre = wm_map_transform_metres_to_pixels (&transform, 180900, 457100, 1000) / 1000;
        metres = wm_map_decor_get_scale_bar_length (&transform, max_width, &width);
        g_assert_true (is_round (metres));
        g_assert_cmpfloat (width, <=, max_width);
        /* The next round length (×2 or ×2.5) would not fit. */
        g_assert_cmpfloat (width * 2.5, >, max_width);
        /* The same metres as the map's own transform, to a fraction of a percent. */
        g_assert_cmpfloat (fabs (width / (metres * per_metre) - 1), <, 0.005);
      }

  /* Drawn: no wider than asked, text and bar inside. */
  {
    WmMapTransform transform;
    WmMapDecorStyle style;
    cairo_surface_t *surface = new_surface (WIDTH, HEIGHT);
    cairo_t *cr = cairo_create (surface);
    double drawn;
    int alpha;

    wm_map_transform_init (&transform, latitude, longitude, 16, 0, WIDTH, HEIGHT);
    wm_map_decor_style_init (&style, 14);
    drawn = wm_map_decor_draw_scale_bar (cr, &transform, 10, 200, 250, &style);
    cairo_destroy (cr);
    g_assert_cmpfloat (drawn, >, 0);
    g_assert_cmpfloat (drawn, <=, 250);
    for (int y = 0; y < HEIGHT; y++)
      for (int x = 0; x < WIDTH; x++)
        {
          pixel (surface, x, y, &alpha);
          if (alpha != 0 && (x < 10 || x > 10 + drawn || y > 200))
            g_error ("scale bar paints (%d, %d), outside its box", x, y);
        }
    /* The bar's dark half, just above the bottom padding. */
    g_assert_true (color_around (surface, 10 + 0.4 * 14 + 10, 200 - 0.4 * 14 - 3, 1,
                                 style.foreground, 10));
    cairo_surface_destroy (surface);
  }
}

/* The arrow turns with the map; at rotation 0 its dark half is west of its axis. */
static void
test_north_arrow (void)
{
  double latitude, longitude;
  WmMapDecorStyle style;
  double size = 100, cx = 100, cy = 100;

  wm_crs_rd_to_wgs84 (180900, 457100, &latitude, &longitude);
  wm_map_decor_style_init (&style, 12);
  for (int turn = 0; turn < 4; turn++)
    {
      double rotation = turn * G_PI / 2;
      WmMapTransform transform;
      cairo_surface_t *surface = new_surface (200, 200);
      cairo_t *cr = cairo_create (surface);
      /* In the arrow's own frame (north up): a point on its dark and one on its light half. */
      double local[2][2] = { { -0.05 * size, 0.2 * size }, { 0.05 * size, 0.2 * size } };

      wm_map_transform_init (&transform, latitude, longitude, 16, rotation, 200, 200);
      wm_map_decor_draw_north_arrow (cr, &transform, cx, cy, size, &style);
      cairo_destroy (cr);
      for (int k = 0; k < 2; k++)
        {
          double lx = local[k][0], ly = local[k][1];
          double x = cx + lx * cos (rotation) - ly * sin (rotation);
          double y = cy + lx * sin (rotation) + ly * cos (rotation);
          int alpha;
          guint32 c = pixel (surface, (int) x, (int) y, &alpha);

          g_assert_cmpint (alpha, ==, 255);
          g_assert_true (color_near (c, k == 0 ? style.foreground : style.background, 16));
        }
      cairo_surface_destroy (surface);
    }
}

static guint
count_color (cairo_surface_t *surface, guint32 color, int tolerance)
{
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        int alpha;
        guint32 c = pixel (surface, x, y, &alpha);

        if (alpha == 255 && color_near (c, color, tolerance))
          n++;
      }
  return n;
}

/* The legend box: its measure is its drawing, it grows with the font, shows every colour. */
static void
test_legend_and_attribution (void)
{
  const WmFacilityType types[] = { WM_FACILITY_SHARED_GARDEN };
  g_autoptr(WmMapKey) key = wm_map_key_new (WM_HOUSING_DOMINANT, 0, FALSE, types, 1);
  g_autoptr(WmMapKey) empty = wm_map_key_new (WM_HOUSING_NEUTRAL, 0, FALSE, NULL, 0);
  WmMapDecorStyle small, large;
  cairo_surface_t *surface = new_surface (WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  double measured, drawn, measured_large, attribution_wide, attribution_narrow;
  int alpha;

  wm_map_decor_style_init (&small, 12);
  wm_map_decor_style_init (&large, 24);
  measured = wm_map_decor_draw_legend (cr, key, 10, 10, 300, FALSE, &small);
  measured_large = wm_map_decor_draw_legend (cr, key, 10, 10, 600, FALSE, &large);
  g_assert_cmpfloat (wm_map_decor_draw_legend (cr, empty, 10, 10, 300, TRUE, &small), ==, 0);
  cairo_surface_flush (surface);
  g_assert_cmpuint (count_color (surface, 0, 255), ==, 0);
  g_assert_cmpfloat (measured, >, WM_N_SEGMENTS * 12);
  g_assert_cmpfloat (measured_large, >, 1.7 * measured);
  g_assert_cmpfloat (measured_large, <, 2.3 * measured);

  drawn = wm_map_decor_draw_legend (cr, key, 10, 10, 300, TRUE, &small);
  g_assert_cmpfloat (drawn, ==, measured);
  cairo_surface_flush (surface);
  for (int s = 0; s < WM_N_SEGMENTS; s++)
    g_assert_cmpuint (count_color (surface, wm_map_style_get_segment_color (s), 6), >, 20);
  g_assert_cmpuint (count_color (surface,
                                 wm_map_style_get_facility_color (WM_FACILITY_SHARED_GARDEN), 6),
                    >, 8);
  /* Within its box. */
  pixel (surface, 312, 20, &alpha);
  g_assert_cmpint (alpha, ==, 0);
  pixel (surface, 100, (int) ceil (10 + drawn + 2), &alpha);
  g_assert_cmpint (alpha, ==, 0);

  /* The attribution: at the bottom right, taller when it must wrap. */
  attribution_wide = wm_map_decor_draw_attribution (cr, "BGT: Kadaster (CC BY 4.0)\nBAG",
                                                    WIDTH - 10, HEIGHT - 10, 500, &small);
  cairo_destroy (cr);
  g_assert_cmpfloat (attribution_wide, >, 0);
  pixel (surface, WIDTH - 12, HEIGHT - 12, &alpha);
  g_assert_cmpint (alpha, >, 0);
  pixel (surface, WIDTH - 8, HEIGHT - 12, &alpha);
  g_assert_cmpint (alpha, ==, 0);
  pixel (surface, WIDTH - 12, (int) (HEIGHT - 10 - attribution_wide - 3), &alpha);
  g_assert_cmpint (alpha, ==, 0);
  cairo_surface_destroy (surface);

  surface = new_surface (WIDTH, HEIGHT);
  cr = cairo_create (surface);
  attribution_narrow = wm_map_decor_draw_attribution (cr, "BGT: Kadaster (CC BY 4.0)\nBAG",
                                                      WIDTH - 10, HEIGHT - 10, 60, &small);
  cairo_destroy (cr);
  g_assert_cmpfloat (attribution_narrow, >, attribution_wide);
  /* Nothing left of the narrow box. */
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH - 10 - 60; x++)
      {
        pixel (surface, x, y, &alpha);
        g_assert_cmpint (alpha, ==, 0);
      }
  cairo_surface_destroy (surface);
}

typedef struct
{
  WmAreaDrawing *areas;
  WmFacilityDrawing *facilities;
  WmMapTransform transform;
  const char *selected;
  cairo_surface_t *result;
} DrawJob;

static cairo_surface_t *
draw_all (DrawJob *job)
{
  cairo_surface_t *surface = new_surface (WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  wm_facility_drawing_draw_catchments (job->facilities, cr, &job->transform, WIDTH, HEIGHT,
                                       NULL);
  wm_area_drawing_draw (job->areas, cr, &job->transform, WIDTH, HEIGHT, job->selected, 1.0);
  wm_facility_drawing_draw_symbols (job->facilities, cr, &job->transform, WIDTH, HEIGHT,
                                    wm_facility_drawing_get_symbol_radius (16));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gpointer
draw_thread (gpointer data)
{
  DrawJob *job = data;

  /* Several times, so the two threads overlap. */
  for (int i = 0; i < 10; i++)
    {
      g_clear_pointer (&job->result, cairo_surface_destroy);
      job->result = draw_all (job);
    }
  return NULL;
}

static gboolean
same_pixels (cairo_surface_t *a, cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);

  return stride == cairo_image_surface_get_stride (b)
         && memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                    (gsize) stride * HEIGHT) == 0;
}

/* Two threads drawing the same snapshots at once get the main thread's pixels. */
static void
test_threads (void)
{
  g_autoptr(WmPlan) plan = load_demo ();
  g_autoptr(WmAreaDrawing) areas = wm_area_drawing_new (plan);
  g_autoptr(WmFacilityDrawing) facilities = wm_facility_drawing_new (plan, NULL, NULL,
                                                                     WM_INDICATOR_BASELINE);
  g_autoptr(WmArea) area = g_list_model_get_item (wm_plan_get_areas (plan), 1);
  DrawJob jobs[2];
  DrawJob reference;
  cairo_surface_t *expected;
  GThread *threads[2];
  WmBounds bounds = wm_area_drawing_get_bounds (areas);

  reference = (DrawJob) { areas, facilities, { 0 }, wm_area_get_id (area), NULL };
  /* Close enough for the names to show. */
  wm_map_transform_init_for_bounds (&reference.transform, &bounds, 2 * WIDTH, 2 * HEIGHT, 0);
  reference.transform.half_width = WIDTH / 2.0;
  reference.transform.half_height = HEIGHT / 2.0;
  g_assert_cmpfloat (wm_map_transform_get_zoom (&reference.transform), >=, 14);
  expected = draw_all (&reference);

  for (int i = 0; i < 2; i++)
    {
      jobs[i] = reference;
      threads[i] = g_thread_new ("draw", draw_thread, &jobs[i]);
    }
  for (int i = 0; i < 2; i++)
    {
      g_thread_join (threads[i]);
      g_assert_true (same_pixels (jobs[i].result, expected));
      cairo_surface_destroy (jobs[i].result);
    }
  /* And again on this thread, from its kept label layouts. */
  {
    cairo_surface_t *again = draw_all (&reference);

    g_assert_true (same_pixels (again, expected));
    cairo_surface_destroy (again);
  }
  cairo_surface_destroy (expected);
}

/* What a live layer draws piece by piece (each name, symbol and circle in a node of its own)
 * is the whole drawing: the same pixels, and each piece within the box it announced. */
static void
test_pieces (void)
{
  g_autoptr(WmPlan) plan = load_demo ();
  g_autoptr(WmAreaDrawing) areas = wm_area_drawing_new (plan);
  g_autoptr(WmFacilityDrawing) facilities = wm_facility_drawing_new (plan, NULL, NULL,
                                                                     WM_INDICATOR_BASELINE);
  WmBounds bounds = wm_area_drawing_get_bounds (areas);
  cairo_surface_t *whole = new_surface (WIDTH, HEIGHT);
  cairo_surface_t *pieces = new_surface (WIDTH, HEIGHT);
  double radius = wm_facility_drawing_get_symbol_radius (17);
  WmMapTransform transform;
  guint n_labels = 0, n_symbols = 0, n_circles = 0;
  cairo_t *cr;

  wm_map_transform_init_for_bounds (&transform, &bounds, 2 * WIDTH, 2 * HEIGHT, 0);
  transform.half_width = WIDTH / 2.0;
  transform.half_height = HEIGHT / 2.0;

  cr = cairo_create (whole);
  wm_facility_drawing_draw_catchments (facilities, cr, &transform, WIDTH, HEIGHT, NULL);
  wm_area_drawing_draw (areas, cr, &transform, WIDTH, HEIGHT, NULL, 1.0);
  wm_facility_drawing_draw_symbols (facilities, cr, &transform, WIDTH, HEIGHT, radius);
  cairo_destroy (cr);

  cr = cairo_create (pieces);
  for (guint i = 0; i < wm_facility_drawing_get_n_catchments (facilities); i++)
    {
      double x, y, r;

      if (wm_facility_drawing_get_catchment_in_view (facilities, i, &transform, WIDTH, HEIGHT,
                                                     &x, &y, &r))
        {
          wm_facility_drawing_draw_catchment (facilities, cr, i, &transform);
          n_circles++;
        }
    }
  wm_area_drawing_draw_outlines (areas, cr, &transform, WIDTH, HEIGHT, NULL, 1.0);
  for (guint i = 0; i < wm_area_drawing_get_n_areas (areas); i++)
    {
      double e[4];

      if (!wm_area_drawing_get_label_extent (areas, i, &transform, WIDTH, HEIGHT, 1.0, e))
        continue;
      /* Clipped to its box, as a node of that size would be. */
      cairo_save (cr);
      cairo_rectangle (cr, e[0], e[1], e[2] - e[0], e[3] - e[1]);
      cairo_clip (cr);
      g_assert_true (wm_area_drawing_draw_label (areas, cr, i, &transform, WIDTH, HEIGHT, 1.0));
      cairo_restore (cr);
      n_labels++;
    }
  for (guint i = 0; i < wm_facility_drawing_get_n_symbols (facilities); i++)
    {
      WmFacilityType type;
      double x, y;

      if (wm_facility_drawing_get_symbol_device (facilities, i, &transform, WIDTH, HEIGHT,
                                                 radius, &type, &x, &y))
        {
          wm_map_style_draw_facility_symbol (cr, type, x, y, radius);
          n_symbols++;
        }
    }
  cairo_destroy (cr);
  cairo_surface_flush (whole);
  cairo_surface_flush (pieces);

  g_test_message ("%u names, %u symbols, %u circles", n_labels, n_symbols, n_circles);
  g_assert_cmpuint (n_labels, >, 0);
  g_assert_cmpuint (n_symbols, >, 0);
  g_assert_cmpuint (n_circles, >, 0);
  g_assert_true (same_pixels (whole, pieces));
  cairo_surface_destroy (whole);
  cairo_surface_destroy (pieces);
}

int
main (int argc, char *argv[])
{
  int status;

  wm_core_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/areas/outlines", test_area_outlines);
  g_test_add_func ("/render/areas/selected", test_area_selected);
  g_test_add_func ("/render/areas/dash-rule", test_area_dash_rule);
  g_test_add_func ("/render/facilities/symbols", test_facility_symbols);
  g_test_add_func ("/render/facilities/catchments", test_facility_catchments);
  g_test_add_func ("/render/map-key", test_map_key);
  g_test_add_func ("/render/decor/scale-bar", test_scale_bar);
  g_test_add_func ("/render/decor/north-arrow", test_north_arrow);
  g_test_add_func ("/render/decor/legend-and-attribution", test_legend_and_attribution);
  g_test_add_func ("/render/threads", test_threads);
  g_test_add_func ("/render/pieces", test_pieces);

  status = g_test_run ();
  /* Pango keeps its font map and fontconfig its caches to the end: let them go, so that the
   * leak checker sees only leaks of ours. */
  wm_area_drawing_drop_label_cache ();
  pango_cairo_font_map_set_default (NULL);
  FcFini ();
  return status;
}
