/* wm-map-scene.c: the whole map of a plan as one drawing, for PNG, PDF and print */
#include "config.h"

#include <math.h>

#include "wm-area-drawing.h"
#include "wm-demo.h"
#include "wm-facility-drawing.h"
#include "wm-map-decor.h"
#include "wm-map-scene.h"
#include "wm-projection.h"
#include "wm-proposal-drawing.h"

/* Resolution of the base map image in a vector surface (PDF, print): sharp on paper, and a
 * fraction of the size of the paths above WM_MAP_SCENE_VECTOR_MAX_FEATURES. */
#define RASTER_DPI 200.0
/* The largest base map image, in pixels (an A2 poster at 200 dpi is about 24 million). */
#define RASTER_MAX_PIXELS (64.0 * 1024 * 1024)

struct _WmMapScene
{
  gatomicrefcount ref_count;

  WmMapSceneOptions options;
  char *selected_area;
  WmTileRenderer *base; /* base map and/or housing; NULL when neither is shown */
  WmAreaDrawing *areas;
  WmFacilityDrawing *facilities;
  WmProposalDrawing *proposals;
  WmBounds bounds;
  char *attribution;
  WmHousingMode key_mode;
  gboolean projected;
};

void
wm_map_scene_options_init (WmMapSceneOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (WmMapSceneOptions) {
    .state = WM_INDICATOR_BASELINE,
    .housing_mode = WM_HOUSING_DOMINANT,
    .housing_segment = WM_SEGMENT_SOCIAL_RENT,
    .show_basemap = TRUE,
    .show_housing = TRUE,
    .show_areas = TRUE,
    .show_catchments = FALSE,
    .show_facilities = TRUE,
    .show_proposals = TRUE,
    .selected_area = NULL,
  };
}

/* The live map's renderer is reused when it draws what the scene would. */
static gboolean
renderer_fits (WmTileRenderer *renderer, const WmMapSceneOptions *options,
               WmHousingMode mode)
{
  if (renderer == NULL)
    return FALSE;
  if (wm_tile_renderer_is_transparent (renderer) == options->show_basemap)
    return FALSE;
  if (wm_tile_renderer_get_housing_mode (renderer) != mode)
    return FALSE;
  if (mode == WM_HOUSING_NEUTRAL)
    return TRUE;
  if (mode == WM_HOUSING_SHARE
      && wm_tile_renderer_get_housing_segment (renderer) != options->housing_segment)
    return FALSE;
  return wm_tile_renderer_get_projected (renderer)
         == (options->state == WM_INDICATOR_PROJECTED);
}

static WmTileRenderer *
make_renderer (WmPlan *plan, WmScenario *scenario, const WmMapSceneOptions *options,
               WmHousingMode mode)
{
  g_autoptr(GHashTable) projected = NULL;

  if (!options->show_basemap && mode == WM_HOUSING_NEUTRAL)
    return NULL;
  if (!options->show_basemap)
    {
      if (options->state == WM_INDICATOR_PROJECTED)
        projected = wm_projected_building_table_at_year (plan, scenario, options->year);
      return wm_tile_renderer_new_housing_projected (plan, mode, options->housing_segment,
                                                     projected);
    }
  if (mode == WM_HOUSING_NEUTRAL)
    return wm_tile_renderer_new (plan);
  if (options->state == WM_INDICATOR_PROJECTED)
    projected = wm_projected_building_table_at_year (plan, scenario, options->year);
  return wm_tile_renderer_new_with_housing_projected (plan, mode, options->housing_segment,
                                                      projected);
}

WmMapScene *
wm_map_scene_new (WmPlan *plan, WmScenario *scenario, WmIndicatorEngine *engine,
                  const WmMapSceneOptions *options, WmTileRenderer *base_renderer)
{
  WmMapScene *self;
  WmMapSceneOptions defaults;
  WmHousingMode mode;
  const char *attribution;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (engine == NULL || WM_IS_INDICATOR_ENGINE (engine), NULL);
  g_return_val_if_fail (base_renderer == NULL || WM_IS_TILE_RENDERER (base_renderer), NULL);

  if (options == NULL)
    {
      wm_map_scene_options_init (&defaults);
      options = &defaults;
    }
  if (scenario == NULL)
    scenario = wm_plan_get_active_scenario (plan);

  self = g_new0 (WmMapScene, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->options = *options;
  self->selected_area = g_strdup (options->selected_area);
  self->options.selected_area = self->selected_area;

  mode = options->show_housing ? options->housing_mode : WM_HOUSING_NEUTRAL;
  self->key_mode = mode;
  self->projected = options->state == WM_INDICATOR_PROJECTED && mode != WM_HOUSING_NEUTRAL;
  /* The live map colours the active scenario after the plan. */
  if (renderer_fits (base_renderer, options, mode)
      && (options->state != WM_INDICATOR_PROJECTED
          || (scenario == wm_plan_get_active_scenario (plan) && options->year == 0)))
    self->base = g_object_ref (base_renderer);
  else
    self->base = make_renderer (plan, scenario, options, mode);

  self->areas = wm_area_drawing_new (plan);
  self->facilities = wm_facility_drawing_new (plan, scenario, engine, options->state);
  self->proposals = wm_proposal_drawing_new_at_year (plan, scenario, options->state, mode,
                                                     options->housing_segment, options->year);

  self->bounds = wm_area_drawing_get_n_areas (self->areas) > 0
                   ? wm_area_drawing_get_bounds (self->areas)
                   : wm_plan_get_bounds (plan);

  attribution = wm_plan_get_attribution (plan);
  if (attribution != NULL && *attribution != '\0')
    {
      g_auto (GStrv) lines = wm_demo_translate_attribution (attribution);

      self->attribution = g_strjoinv ("\n", lines);
    }
  else
    self->attribution = g_strdup ("");
  return self;
}

WmMapScene *
wm_map_scene_ref (WmMapScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wm_map_scene_unref (WmMapScene *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_object (&self->base);
  g_clear_pointer (&self->areas, wm_area_drawing_unref);
  g_clear_pointer (&self->facilities, wm_facility_drawing_unref);
  g_clear_pointer (&self->proposals, wm_proposal_drawing_unref);
  g_free (self->selected_area);
  g_free (self->attribution);
  g_free (self);
}

WmBounds
wm_map_scene_get_bounds (WmMapScene *self)
{
  g_return_val_if_fail (self != NULL, wm_bounds_empty ());

  return self->bounds;
}

WmMapKey *
wm_map_scene_new_key (WmMapScene *self)
{
  const WmFacilityType *types = NULL;
  guint n_types = 0;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->options.show_facilities)
    types = wm_facility_drawing_get_types (self->facilities, &n_types);
  return wm_map_key_new (self->key_mode, self->options.housing_segment, self->projected,
                         types, n_types);
}

const char *
wm_map_scene_get_attribution (WmMapScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->attribution;
}

guint
wm_map_scene_count_base_features (WmMapScene *self, const WmMapTransform *transform,
                                  double width, double height)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (transform != NULL, 0);

  if (self->base == NULL)
    return 0;
  return wm_tile_renderer_count_in_view (self->base, transform, width, height);
}

WmMapSceneBaseMode
wm_map_scene_choose_base_mode (WmMapScene *self, const WmMapTransform *transform, double width,
                               double height, WmMapSceneBaseMode base_mode)
{
  g_return_val_if_fail (self != NULL, WM_MAP_SCENE_BASE_RASTER);

  if (base_mode != WM_MAP_SCENE_BASE_AUTO)
    return base_mode;
  return wm_map_scene_count_base_features (self, transform, width, height)
             <= WM_MAP_SCENE_VECTOR_MAX_FEATURES
           ? WM_MAP_SCENE_BASE_VECTOR
           : WM_MAP_SCENE_BASE_RASTER;
}

/* Image pixels per user unit for the base map: the device's own pixels on an image surface,
 * RASTER_DPI on paper (vector surfaces count in points). */
static double
raster_resolution (cairo_t *cr, double width, double height)
{
  cairo_surface_t *target = cairo_get_target (cr);
  double dx = 1, dy = 0, k;

  cairo_user_to_device_distance (cr, &dx, &dy);
  k = MAX (hypot (dx, dy), 1e-6);
  switch (cairo_surface_get_type (target))
    {
    case CAIRO_SURFACE_TYPE_IMAGE:
    case CAIRO_SURFACE_TYPE_XLIB:
    case CAIRO_SURFACE_TYPE_XCB:
      break;
    default:
      k *= RASTER_DPI / 72.0;
      break;
    }
  if (width * height * k * k > RASTER_MAX_PIXELS)
    k = sqrt (RASTER_MAX_PIXELS / (width * height));
  return k;
}

/* World -> device of @t as a cairo matrix. */
static void
transform_to_matrix (const WmMapTransform *t, cairo_matrix_t *m)
{
  cairo_matrix_init (m, t->cos_r * t->scale, t->sin_r * t->scale, -t->sin_r * t->scale,
                     t->cos_r * t->scale,
                     t->half_width - (t->cos_r * t->origin_x - t->sin_r * t->origin_y),
                     t->half_height - (t->sin_r * t->origin_x + t->cos_r * t->origin_y));
}

/* The base map as the renderer's tiles of the view's nearest zoom level (so in the same
 * style as the paths of wm_tile_renderer_draw_view()), each drawn at the image's resolution
 * onto a whole number of pixels, so that no seams show between them; the composed image is
 * drawn once, turned and scaled with the view. */
static void
draw_base_raster (WmMapScene *self, cairo_t *cr, const WmMapTransform *transform,
                  double width, double height)
{
  double k = raster_resolution (cr, width, height);
  double zoom = wm_map_transform_get_zoom (transform);
  int z = CLAMP ((int) lround (zoom), 0, 24);
  int tile_px;
  double tile_scale, pixels_per_world;
  long px0, py0, n_px, n_py, n_tiles = 1L << z;
  gboolean transparent = wm_tile_renderer_is_transparent (self->base);
  cairo_surface_t *image;
  cairo_t *icr;
  cairo_matrix_t m;

  /* A turned view needs a larger image than the view: less resolution when it is too big. */
  for (;; k /= G_SQRT2)
    {
      double gx0 = G_MAXDOUBLE, gy0 = G_MAXDOUBLE, gx1 = -G_MAXDOUBLE, gy1 = -G_MAXDOUBLE;

      /* Image pixels per tile: the tile of level z at the wanted resolution, rounded. */
      tile_px = MAX (16, (int) lround (WM_TILE_SIZE * k * pow (2.0, zoom - z)));
      tile_scale = (double) tile_px / WM_TILE_SIZE;
      pixels_per_world = tile_scale * ldexp (1.0, z);
      for (int i = 0; i < 4; i++)
        {
          double wx, wy;

          wm_map_transform_unapply (transform, (i & 1) ? width : 0, (i & 2) ? height : 0, &wx,
                                    &wy);
          gx0 = MIN (gx0, wx * pixels_per_world);
          gx1 = MAX (gx1, wx * pixels_per_world);
          gy0 = MIN (gy0, wy * pixels_per_world);
          gy1 = MAX (gy1, wy * pixels_per_world);
        }
      /* Two pixels more each side: the filter fades the image's own edge. */
      px0 = (long) floor (gx0) - 2;
      py0 = (long) floor (gy0) - 2;
      n_px = (long) ceil (gx1) + 2 - px0;
      n_py = (long) ceil (gy1) + 2 - py0;
      if ((n_px <= 32767 && n_py <= 32767 && (double) n_px * n_py <= RASTER_MAX_PIXELS)
          || tile_px == 16)
        break;
    }
  if (n_px <= 0 || n_py <= 0 || n_px > 32767 || n_py > 32767)
    return;

  image = cairo_image_surface_create (transparent ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                      (int) n_px, (int) n_py);
  icr = cairo_create (image);
  for (long ty = MAX (0, (long) floor ((double) py0 / tile_px));
       ty < n_tiles && ty * tile_px < py0 + n_py; ty++)
    for (long tx = MAX (0, (long) floor ((double) px0 / tile_px));
         tx < n_tiles && tx * tile_px < px0 + n_px; tx++)
      {
        if (transparent && !wm_tile_renderer_tile_has_features (self->base, z, (int) tx, (int) ty))
          continue;
        cairo_save (icr);
        cairo_translate (icr, (double) (tx * tile_px - px0), (double) (ty * tile_px - py0));
        cairo_scale (icr, tile_scale, tile_scale);
        wm_tile_renderer_draw (self->base, icr, z, (int) tx, (int) ty);
        cairo_restore (icr);
      }
  cairo_destroy (icr);
  cairo_surface_flush (image);

  /* Image pixel -> world -> device. */
  transform_to_matrix (transform, &m);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_transform (cr, &m);
  cairo_scale (cr, 1.0 / pixels_per_world, 1.0 / pixels_per_world);
  cairo_translate (cr, (double) px0, (double) py0);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

static void
draw_layers (WmMapScene *self, cairo_t *cr, const WmMapTransform *transform, double width,
             double height, double scale, WmMapSceneBaseMode base_mode)
{
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  /* Paper under a map without its base map. */
  if (self->base == NULL || !self->options.show_basemap)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
    }
  /* On an image surface the paths are faster than composing tiles at every size
   * (bench/wijkmix-bench-map-scene), and sharp between zoom levels. */
  if (base_mode == WM_MAP_SCENE_BASE_AUTO
      && cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE)
    base_mode = WM_MAP_SCENE_BASE_VECTOR;
  if (self->base != NULL)
    {
      if (wm_map_scene_choose_base_mode (self, transform, width, height, base_mode)
          == WM_MAP_SCENE_BASE_VECTOR)
        wm_tile_renderer_draw_view (self->base, cr, transform, width, height);
      else
        draw_base_raster (self, cr, transform, width, height);
    }

  if (self->options.show_areas)
    wm_area_drawing_draw (self->areas, cr, transform, width, height,
                          self->options.selected_area, scale);
  if (self->options.show_catchments)
    wm_facility_drawing_draw_catchments (self->facilities, cr, transform, width, height, NULL);
  if (self->options.show_facilities)
    {
      double radius = wm_facility_drawing_get_symbol_radius (wm_map_transform_get_zoom (transform));

      wm_facility_drawing_draw_symbols (self->facilities, cr, transform, width, height,
                                        radius * scale);
    }
  if (self->options.show_proposals)
    wm_proposal_drawing_draw (self->proposals, cr, transform, width, height, scale);

  cairo_restore (cr);
}

void
wm_map_scene_draw (WmMapScene *self, cairo_t *cr, const WmMapTransform *transform,
                   double width, double height, WmMapSceneBaseMode base_mode)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (transform != NULL);

  if (width <= 0 || height <= 0)
    return;
  draw_layers (self, cr, transform, width, height, 1.0, base_mode);
}

void
wm_map_scene_draw_framed (WmMapScene *self, cairo_t *cr, const WmMapTransform *transform,
                          double width, double height, double scale,
                          WmMapSceneBaseMode base_mode)
{
  WmMapDecorStyle style;
  g_autoptr(WmMapKey) key = NULL;
  double margin, legend_width, legend_height, arrow;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (transform != NULL);

  if (width <= 0 || height <= 0)
    return;
  if (scale <= 0)
    scale = 1;

  draw_layers (self, cr, transform, width, height, scale, base_mode);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  wm_map_decor_style_init (&style, 11 * scale);
  margin = 10 * scale;

  /* The key top right, as on the live map; north arrow top left; scale bar bottom left;
   * attribution bottom right. */
  key = wm_map_scene_new_key (self);
  legend_width = MIN (220 * scale, width * 0.4);
  legend_height = wm_map_decor_draw_legend (cr, key, 0, 0, legend_width, FALSE, &style);
  if (legend_height > 0 && legend_height < height - 2 * margin)
    wm_map_decor_draw_legend (cr, key, width - margin - legend_width, margin, legend_width, TRUE,
                              &style);

  arrow = 36 * scale;
  wm_map_decor_draw_north_arrow (cr, transform, margin + arrow / 2, margin + arrow / 2, arrow,
                                 &style);
  wm_map_decor_draw_scale_bar (cr, transform, margin, height - margin, MIN (160 * scale,
                                                                            width * 0.3),
                               &style);
  if (self->attribution != NULL && *self->attribution != '\0')
    wm_map_decor_draw_attribution (cr, self->attribution, width - margin, height - margin,
                                   MIN (width * 0.55, width - 200 * scale), &style);
  cairo_restore (cr);
}
