/* wm-tile-renderer.c: draws the project base map and buildings into XYZ raster tiles */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "wm-crs.h"
#include "wm-map-style.h"
#include "wm-tile-renderer.h"

/* Bottom first. */
typedef enum
{
  DRAW_TERRAIN,
  DRAW_GREEN,
  DRAW_WATER,
  DRAW_ROAD,
  DRAW_BUILDING,
  DRAW_HOUSING,
  DRAW_LABEL,
} DrawLayer;

typedef struct
{
  WmGeometry *geometry;
  const WmMapStyle *style;
  char *text;
  double angle;
  DrawLayer layer;
  /* Housing items only. */
  guint32 color;
  int pattern;
  WmPoint centroid;
  WmDwellingMix mix;
} Item;

/* Pixel -> RD is affine within one tile; the error against the exact projection
 * is below 0.15 px at zoom 12 and shrinks with every zoom level. */
typedef struct
{
  int zoom;
  double origin_x, origin_y; /* global pixel of the tile's top-left corner */
  double cx, cy;             /* RD of the tile centre */
  double a, b, c, d;         /* RD delta = [a b; c d] * pixel delta */
  double ia, ib, ic, id;     /* inverse */
  double metres_per_pixel;
  WmBounds bounds;           /* RD bounds of the tile */
  /* Set when drawing a view (wm_tile_renderer_draw_view()): points go through it with the
   * exact projection instead of the tile's affine; zoom is then the nearest level. */
  const WmMapTransform *view;
} TileTransform;

/* Labels may reach this far beyond their anchor; they are drawn by every tile they touch. */
#define LABEL_MARGIN_PX 160.0
#define FEATURE_MARGIN_PX 4.0

struct _WmTileRenderer
{
  GObject parent_instance;

  GArray *items; /* Item, in drawing order */
  WmBounds bounds;
  gboolean transparent;
  WmHousingMode housing_mode;
  WmSegment housing_segment;
  gboolean projected;

  /* Uniform grid: the items of cell i are cell_items[cell_start[i] .. cell_start[i + 1]). */
  double cell_size;
  guint n_cols, n_rows;
  guint *cell_start;
  guint *cell_items;
};

G_DEFINE_FINAL_TYPE (WmTileRenderer, wm_tile_renderer, G_TYPE_OBJECT)

static void
item_clear (Item *item)
{
  g_clear_pointer (&item->geometry, wm_geometry_unref);
  g_clear_pointer (&item->text, g_free);
}

void
wm_web_mercator_to_pixel (int zoom, double latitude, double longitude, double *px, double *py)
{
  double size = WM_TILE_SIZE * ldexp (1.0, zoom);
  double phi = CLAMP (latitude, -85.0511287798, 85.0511287798) * G_PI / 180.0;

  *px = (longitude + 180.0) / 360.0 * size;
  *py = (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0 * size;
}

void
wm_web_mercator_from_pixel (int zoom, double px, double py, double *latitude, double *longitude)
{
  double size = WM_TILE_SIZE * ldexp (1.0, zoom);

  *longitude = px / size * 360.0 - 180.0;
  *latitude = atan (sinh (G_PI * (1.0 - 2.0 * py / size))) * 180.0 / G_PI;
}

static void
global_pixel_to_rd (int zoom, double px, double py, double *x, double *y)
{
  double lat, lon;

  wm_web_mercator_from_pixel (zoom, px, py, &lat, &lon);
  wm_crs_wgs84_to_rd (lat, lon, x, y);
}

static void
tile_transform_init (TileTransform *t, int zoom, int tx, int ty)
{
  double h = WM_TILE_SIZE / 2.0;
  double x0, y0, x1, y1, det;

  t->zoom = zoom;
  t->view = NULL;
  t->origin_x = (double) tx * WM_TILE_SIZE;
  t->origin_y = (double) ty * WM_TILE_SIZE;

  /* Central differences around the tile centre. */
  global_pixel_to_rd (zoom, t->origin_x + h, t->origin_y + h, &t->cx, &t->cy);
  global_pixel_to_rd (zoom, t->origin_x, t->origin_y + h, &x0, &y0);
  global_pixel_to_rd (zoom, t->origin_x + 2 * h, t->origin_y + h, &x1, &y1);
  t->a = (x1 - x0) / (2 * h);
  t->c = (y1 - y0) / (2 * h);
  global_pixel_to_rd (zoom, t->origin_x + h, t->origin_y, &x0, &y0);
  global_pixel_to_rd (zoom, t->origin_x + h, t->origin_y + 2 * h, &x1, &y1);
  t->b = (x1 - x0) / (2 * h);
  t->d = (y1 - y0) / (2 * h);

  det = t->a * t->d - t->b * t->c;
  t->ia = t->d / det;
  t->ib = -t->b / det;
  t->ic = -t->c / det;
  t->id = t->a / det;
  t->metres_per_pixel = sqrt (fabs (det));

  t->bounds = wm_bounds_empty ();
  for (int i = 0; i < 4; i++)
    {
      double px = (i & 1) ? WM_TILE_SIZE : 0;
      double py = (i & 2) ? WM_TILE_SIZE : 0;
      double x = t->cx + t->a * (px - h) + t->b * (py - h);
      double y = t->cy + t->c * (px - h) + t->d * (py - h);

      t->bounds.min_x = MIN (t->bounds.min_x, x);
      t->bounds.max_x = MAX (t->bounds.max_x, x);
      t->bounds.min_y = MIN (t->bounds.min_y, y);
      t->bounds.max_y = MAX (t->bounds.max_y, y);
    }
}

static inline void
tile_transform_apply (const TileTransform *t, double x, double y, double *px, double *py)
{
  double dx = x - t->cx;
  double dy = y - t->cy;

  if (G_UNLIKELY (t->view != NULL))
    {
      wm_map_transform_rd_to_device (t->view, x, y, px, py);
      return;
    }
  *px = WM_TILE_SIZE / 2.0 + t->ia * dx + t->ib * dy;
  *py = WM_TILE_SIZE / 2.0 + t->ic * dx + t->id * dy;
}

static WmBounds
bounds_expand (const WmBounds *b, double margin)
{
  WmBounds r = { b->min_x - margin, b->min_y - margin, b->max_x + margin, b->max_y + margin };

  return r;
}

static void
add_item (GArray *items, WmGeometry *geometry, const WmMapStyle *style, const char *text,
          double angle, DrawLayer layer)
{
  Item item = { 0 };

  if (geometry == NULL || geometry->n_points == 0)
    return;

  item.geometry = wm_geometry_ref (geometry);
  item.style = style;
  item.text = g_strdup (text);
  item.angle = angle;
  item.layer = layer;
  g_array_append_val (items, item);
}

static void
add_basemap_class (GArray *items, WmBasemap *basemap, WmBasemapClass klass, DrawLayer layer)
{
  GPtrArray *features = wm_basemap_get_features (basemap, klass);

  if (features == NULL)
    return;

  for (guint i = 0; i < features->len; i++)
    {
      WmBasemapFeature *f = g_ptr_array_index (features, i);

      if (klass == WM_BASEMAP_LABEL && (f->text == NULL || *f->text == '\0'))
        continue;
      add_item (items, f->geometry, wm_map_style_get_basemap (klass, f->kind), f->text, f->angle,
                layer);
    }
}

static void
build_grid (WmTileRenderer *self)
{
  double width = self->bounds.max_x - self->bounds.min_x;
  double height = self->bounds.max_y - self->bounds.min_y;
  guint n_cells;
  g_autofree guint *fill = NULL;

  /* About 64 cells along the longer side, but not smaller than a house. */
  self->cell_size = MAX (MAX (width, height) / 64.0, 25.0);
  self->n_cols = MAX (1, (guint) ceil (width / self->cell_size));
  self->n_rows = MAX (1, (guint) ceil (height / self->cell_size));
  n_cells = self->n_cols * self->n_rows;
  self->cell_start = g_new0 (guint, n_cells + 1);

  /* Two passes: count per cell, then fill. */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < self->items->len; i++)
        {
          const WmBounds *b = &g_array_index (self->items, Item, i).geometry->bounds;
          guint c0 = MIN ((guint) ((b->min_x - self->bounds.min_x) / self->cell_size), self->n_cols - 1);
          guint c1 = MIN ((guint) ((b->max_x - self->bounds.min_x) / self->cell_size), self->n_cols - 1);
          guint r0 = MIN ((guint) ((b->min_y - self->bounds.min_y) / self->cell_size), self->n_rows - 1);
          guint r1 = MIN ((guint) ((b->max_y - self->bounds.min_y) / self->cell_size), self->n_rows - 1);

          for (guint r = r0; r <= r1; r++)
            for (guint c = c0; c <= c1; c++)
              {
                guint cell = r * self->n_cols + c;

                if (pass == 0)
                  self->cell_start[cell + 1]++;
                else
                  self->cell_items[self->cell_start[cell] + fill[cell]++] = i;
              }
        }

      if (pass == 0)
        {
          for (guint cell = 0; cell < n_cells; cell++)
            self->cell_start[cell + 1] += self->cell_start[cell];
          self->cell_items = g_new (guint, MAX (1, self->cell_start[n_cells]));
          fill = g_new0 (guint, n_cells);
        }
    }
}

static void
finish_index (WmTileRenderer *self)
{
  self->bounds = wm_bounds_empty ();
  for (guint i = 0; i < self->items->len; i++)
    wm_bounds_union (&self->bounds, &g_array_index (self->items, Item, i).geometry->bounds);

  if (self->items->len > 0)
    build_grid (self);
}

static WmTileRenderer *build_base (WmPlan *plan, WmHousingMode mode, WmSegment segment,
                                   GHashTable *projected);
static void add_housing (WmTileRenderer *self, WmPlan *plan, WmHousingMode mode,
                         WmSegment segment, GHashTable *projected);

WmTileRenderer *
wm_tile_renderer_new (WmPlan *plan)
{
  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);

  return build_base (plan, WM_HOUSING_NEUTRAL, WM_SEGMENT_SOCIAL_RENT, NULL);
}

static WmTileRenderer *
build_base (WmPlan *plan, WmHousingMode mode, WmSegment segment, GHashTable *projected)
{
  WmTileRenderer *self;
  WmBasemap *basemap;
  GListModel *buildings;

  self = g_object_new (WM_TYPE_TILE_RENDERER, NULL);
  basemap = wm_plan_get_basemap (plan);

  if (basemap != NULL)
    {
      add_basemap_class (self->items, basemap, WM_BASEMAP_TERRAIN, DRAW_TERRAIN);
      add_basemap_class (self->items, basemap, WM_BASEMAP_GREEN, DRAW_GREEN);
      add_basemap_class (self->items, basemap, WM_BASEMAP_WATER, DRAW_WATER);
      add_basemap_class (self->items, basemap, WM_BASEMAP_ROAD, DRAW_ROAD);
      add_basemap_class (self->items, basemap, WM_BASEMAP_BUILDING, DRAW_BUILDING);
    }

  buildings = wm_plan_get_buildings (plan);
  for (guint i = 0, n = g_list_model_get_n_items (buildings); i < n; i++)
    {
      g_autoptr(WmBuilding) building = g_list_model_get_item (buildings, i);

      add_item (self->items, wm_building_get_footprint (building), wm_map_style_get_building (),
                NULL, 0, DRAW_BUILDING);
    }

  if (mode != WM_HOUSING_NEUTRAL)
    add_housing (self, plan, mode, segment, projected);

  if (basemap != NULL)
    add_basemap_class (self->items, basemap, WM_BASEMAP_LABEL, DRAW_LABEL);

  finish_index (self);
  return self;
}

static void
add_housing (WmTileRenderer *self, WmPlan *plan, WmHousingMode mode, WmSegment segment,
             GHashTable *projected)
{
  GListModel *buildings;

  self->housing_mode = mode;
  self->housing_segment = segment;
  self->projected = projected != NULL;
  buildings = wm_plan_get_buildings (plan);
  for (guint i = 0, n = g_list_model_get_n_items (buildings); i < n; i++)
    {
      g_autoptr(WmBuilding) building = g_list_model_get_item (buildings, i);
      WmGeometry *footprint = wm_building_get_footprint (building);
      const WmDwellingMix *mix = wm_building_get_dwellings (building);
      guint32 color;
      int pattern;
      Item *item;

      if (projected != NULL)
        {
          const WmProjectedBuilding *after =
            g_hash_table_lookup (projected, wm_building_get_id (building));

          /* Demolished: struck out by the proposals layer, no longer housing. */
          if (after != NULL && after->demolished)
            continue;
          if (after != NULL)
            mix = &after->dwellings;
        }
      if (footprint == NULL || footprint->n_points == 0
          || !wm_map_style_get_housing_fill (mode, segment, mix, &color, &pattern))
        continue;
      add_item (self->items, footprint, wm_map_style_get_building (), NULL, 0, DRAW_HOUSING);
      item = &g_array_index (self->items, Item, self->items->len - 1);
      item->color = color;
      item->pattern = pattern;
      item->centroid = wm_geometry_centroid (footprint);
      item->mix = *mix;
    }
}

WmTileRenderer *
wm_tile_renderer_new_housing_projected (WmPlan *plan, WmHousingMode mode, WmSegment segment,
                                        GHashTable *projected)
{
  WmTileRenderer *self;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail ((guint) segment < WM_N_SEGMENTS, NULL);

  self = g_object_new (WM_TYPE_TILE_RENDERER, NULL);
  self->transparent = TRUE;
  add_housing (self, plan, mode, segment, projected);
  finish_index (self);
  return self;
}

WmTileRenderer *
wm_tile_renderer_new_housing (WmPlan *plan, WmHousingMode mode, WmSegment segment)
{
  return wm_tile_renderer_new_housing_projected (plan, mode, segment, NULL);
}

WmTileRenderer *
wm_tile_renderer_new_with_housing_projected (WmPlan *plan, WmHousingMode mode,
                                             WmSegment segment, GHashTable *projected)
{
  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail ((guint) segment < WM_N_SEGMENTS, NULL);

  return build_base (plan, mode, segment, projected);
}

WmTileRenderer *
wm_tile_renderer_new_with_housing (WmPlan *plan, WmHousingMode mode, WmSegment segment)
{
  return wm_tile_renderer_new_with_housing_projected (plan, mode, segment, NULL);
}

gboolean
wm_tile_renderer_get_projected (WmTileRenderer *self)
{
  g_return_val_if_fail (WM_IS_TILE_RENDERER (self), FALSE);

  return self->projected;
}

gboolean
wm_tile_renderer_is_transparent (WmTileRenderer *self)
{
  g_return_val_if_fail (WM_IS_TILE_RENDERER (self), FALSE);

  return self->transparent;
}

WmHousingMode
wm_tile_renderer_get_housing_mode (WmTileRenderer *self)
{
  g_return_val_if_fail (WM_IS_TILE_RENDERER (self), WM_HOUSING_NEUTRAL);

  return self->housing_mode;
}

WmSegment
wm_tile_renderer_get_housing_segment (WmTileRenderer *self)
{
  g_return_val_if_fail (WM_IS_TILE_RENDERER (self), WM_SEGMENT_SOCIAL_RENT);

  return self->housing_segment;
}

WmBounds
wm_tile_renderer_get_bounds (WmTileRenderer *self)
{
  g_return_val_if_fail (WM_IS_TILE_RENDERER (self), wm_bounds_empty ());

  return self->bounds;
}

guint
wm_tile_renderer_get_n_features (WmTileRenderer *self)
{
  g_return_val_if_fail (WM_IS_TILE_RENDERER (self), 0);

  return self->items->len;
}

gboolean
wm_tile_renderer_tile_has_features (WmTileRenderer *self, int zoom, int x, int y)
{
  TileTransform t;
  WmBounds query;

  g_return_val_if_fail (WM_IS_TILE_RENDERER (self), FALSE);

  if (self->items->len == 0)
    return FALSE;

  tile_transform_init (&t, zoom, x, y);
  query = bounds_expand (&t.bounds, (self->transparent ? FEATURE_MARGIN_PX : LABEL_MARGIN_PX)
                                      * t.metres_per_pixel);
  return wm_bounds_intersects (&query, &self->bounds);
}

static int
compare_uint (const void *a, const void *b)
{
  guint ua = *(const guint *) a;
  guint ub = *(const guint *) b;

  return (ua > ub) - (ua < ub);
}

/* Indices of the items whose bounds meet @query, in drawing order. */
static GArray *
query_items (WmTileRenderer *self, const WmBounds *query)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint8 *seen = NULL;
  int c0, c1, r0, r1;

  if (self->items->len == 0 || !wm_bounds_intersects (query, &self->bounds))
    return result;

  c0 = CLAMP ((int) floor ((query->min_x - self->bounds.min_x) / self->cell_size), 0, (int) self->n_cols - 1);
  c1 = CLAMP ((int) floor ((query->max_x - self->bounds.min_x) / self->cell_size), 0, (int) self->n_cols - 1);
  r0 = CLAMP ((int) floor ((query->min_y - self->bounds.min_y) / self->cell_size), 0, (int) self->n_rows - 1);
  r1 = CLAMP ((int) floor ((query->max_y - self->bounds.min_y) / self->cell_size), 0, (int) self->n_rows - 1);

  seen = g_new0 (guint8, self->items->len);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        guint cell = (guint) r * self->n_cols + (guint) c;

        for (guint k = self->cell_start[cell]; k < self->cell_start[cell + 1]; k++)
          {
            guint i = self->cell_items[k];

            if (seen[i])
              continue;
            seen[i] = 1;
            if (wm_bounds_intersects (query, &g_array_index (self->items, Item, i).geometry->bounds))
              g_array_append_val (result, i);
          }
      }

  /* An empty GArray has no data; qsort must not see NULL. */
  if (result->len > 1)
    qsort (result->data, result->len, sizeof (guint), compare_uint);
  return result;
}

/* Adds the rings of @geometry to the path, dropping vertices closer than a third of a pixel. */
static void
append_path (cairo_t *cr, const TileTransform *t, const WmGeometry *geometry, gboolean close)
{
  for (guint r = 0; r < geometry->n_rings; r++)
    {
      guint start = geometry->ring_start[r];
      guint end = geometry->ring_start[r + 1];
      double last_x = 0, last_y = 0;

      for (guint i = start; i < end; i++)
        {
          double px, py;

          tile_transform_apply (t, geometry->points[i].x, geometry->points[i].y, &px, &py);
          if (i == start)
            cairo_move_to (cr, px, py);
          else if (i == end - 1 || fabs (px - last_x) + fabs (py - last_y) > 0.33)
            cairo_line_to (cr, px, py);
          else
            continue;
          last_x = px;
          last_y = py;
        }
      if (close)
        cairo_close_path (cr);
    }
}

static double
outline_scale (int zoom)
{
  if (zoom >= 18)
    return 1.0;
  if (zoom == 17)
    return 0.8;
  if (zoom == 16)
    return 0.6;
  return 0;
}

static void
draw_shape (cairo_t *cr, const TileTransform *t, const Item *item)
{
  const WmGeometry *g = item->geometry;
  const WmMapStyle *style = item->style;
  double extent = MAX (g->bounds.max_x - g->bounds.min_x, g->bounds.max_y - g->bounds.min_y);

  /* Level of detail: what would cover less than about a pixel is left out. */
  if (extent / t->metres_per_pixel < 0.8)
    return;

  cairo_new_path (cr);

  if (g->kind == WM_GEOMETRY_LINESTRING)
    {
      append_path (cr, t, g, FALSE);
      wm_map_style_set_source_rgb (cr, style->has_fill ? style->fill : style->stroke, 1.0);
      cairo_set_line_width (cr, MAX (style->line_width / t->metres_per_pixel, 1.0));
      cairo_stroke (cr);
      return;
    }

  if (g->kind != WM_GEOMETRY_POLYGON && g->kind != WM_GEOMETRY_MULTIPOLYGON)
    return;

  append_path (cr, t, g, TRUE);
  if (style->has_fill)
    {
      wm_map_style_set_source_rgb (cr, style->fill, 1.0);
      cairo_fill_preserve (cr);
    }
  if (style->stroke_width > 0 && outline_scale (t->zoom) > 0)
    {
      wm_map_style_set_source_rgb (cr, style->stroke, 1.0);
      cairo_set_line_width (cr, style->stroke_width * outline_scale (t->zoom));
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
}

static void
draw_housing (cairo_t *cr, const TileTransform *t, const Item *item)
{
  const WmGeometry *g = item->geometry;
  double extent = MAX (g->bounds.max_x - g->bounds.min_x, g->bounds.max_y - g->bounds.min_y);

  if (extent / t->metres_per_pixel < 0.8)
    return;

  cairo_new_path (cr);
  append_path (cr, t, g, TRUE);
  wm_map_style_set_source_rgb (cr, item->color, 1.0);
  cairo_fill_preserve (cr);

  /* The segment pattern once a building is big enough to show it. */
  if (item->pattern >= 0 && t->zoom >= WM_HOUSING_PATTERN_MIN_ZOOM)
    {
      double x0, y0, x1, y1;

      cairo_save (cr);
      cairo_clip_preserve (cr);
      cairo_path_extents (cr, &x0, &y0, &x1, &y1);
      wm_map_style_draw_segment_pattern (cr, (WmSegment) item->pattern, x0, y0, x1, y1,
                                         t->zoom >= 19 ? 7.0 : 5.0);
      cairo_restore (cr);
    }

  if (outline_scale (t->zoom) > 0)
    {
      wm_map_style_set_source_rgb (cr, wm_map_style_get_housing_outline (), 1.0);
      cairo_set_line_width (cr, outline_scale (t->zoom));
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
}

/* Size in pixels of the cells the housing layer sums buildings into when zoomed out;
 * a divisor of the tile size, so cells line up across tiles. */
#define HOUSING_CELL_PX 4

static void
draw_housing_cells (WmTileRenderer *self, cairo_t *cr, const TileTransform *t, GArray *found)
{
  enum { N = WM_TILE_SIZE / HOUSING_CELL_PX };
  g_autofree WmDwellingMix *cells = g_new0 (WmDwellingMix, N * N);

  for (guint k = 0; k < found->len; k++)
    {
      const Item *item = &g_array_index (self->items, Item, g_array_index (found, guint, k));
      double px, py;
      int cx, cy;

      if (item->layer != DRAW_HOUSING)
        continue;
      tile_transform_apply (t, item->centroid.x, item->centroid.y, &px, &py);
      if (px < 0 || py < 0 || px >= WM_TILE_SIZE || py >= WM_TILE_SIZE)
        continue;
      cx = (int) (px / HOUSING_CELL_PX);
      cy = (int) (py / HOUSING_CELL_PX);
      wm_dwelling_mix_add (&cells[cy * N + cx], &item->mix);
    }

  for (int cy = 0; cy < N; cy++)
    for (int cx = 0; cx < N; cx++)
      {
        guint32 color;
        int pattern;

        if (!wm_map_style_get_housing_fill (self->housing_mode, self->housing_segment,
                                            &cells[cy * N + cx], &color, &pattern))
          continue;
        wm_map_style_set_source_rgb (cr, color, 1.0);
        cairo_rectangle (cr, cx * HOUSING_CELL_PX, cy * HOUSING_CELL_PX, HOUSING_CELL_PX,
                         HOUSING_CELL_PX);
        cairo_fill (cr);
      }
}

static void
draw_label (cairo_t *cr, PangoLayout *layout, const TileTransform *t, const Item *item)
{
  double lat, lon, px, py, angle;
  PangoRectangle logical;
  WmPoint p = item->geometry->points[0];

  /* Exact projection (not the per-tile affine), so a label cut by a tile edge lines up. */
  if (t->view != NULL)
    {
      /* Turned with the view. */
      wm_map_transform_rd_to_device (t->view, p.x, p.y, &px, &py);
      angle = item->angle - atan2 (t->view->sin_r, t->view->cos_r) * 180.0 / G_PI;
    }
  else
    {
      wm_crs_rd_to_wgs84 (p.x, p.y, &lat, &lon);
      wm_web_mercator_to_pixel (t->zoom, lat, lon, &px, &py);
      px -= t->origin_x;
      py -= t->origin_y;
      angle = item->angle;
    }

  /* Keep text upright. */
  angle = fmod (angle, 360.0);
  if (angle > 180)
    angle -= 360;
  else if (angle <= -180)
    angle += 360;
  if (angle > 90)
    angle -= 180;
  else if (angle <= -90)
    angle += 180;

  pango_layout_set_text (layout, item->text, -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);

  cairo_save (cr);
  cairo_translate (cr, px, py);
  cairo_rotate (cr, -angle * G_PI / 180.0);
  cairo_new_path (cr);
  cairo_move_to (cr, -logical.width / 2.0, -logical.height / 2.0);
  pango_cairo_layout_path (cr, layout);
  wm_map_style_set_source_rgb (cr, wm_map_style_get_label_halo (), 0.9);
  cairo_set_line_width (cr, 3.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke_preserve (cr);
  wm_map_style_set_source_rgb (cr, wm_map_style_get_label_color (), 1.0);
  cairo_fill (cr);
  cairo_restore (cr);
}

static PangoLayout *
create_label_layout (cairo_t *cr, double size)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold");
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted outlines, so every tile lays out a label the same way. */
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  return layout;
}

/* The features @found (indices into the items, in drawing order): shapes meeting
 * @shape_query, labels at @label_size (none when 0), housing only when not drawn as cells.
 * Shared by the tiles and by any view, so both look the same. */
static void
draw_items (WmTileRenderer *self, cairo_t *cr, const TileTransform *t, GArray *found,
            const WmBounds *shape_query, double label_size, gboolean cells)
{
  g_autoptr(PangoLayout) layout = NULL;

  for (guint k = 0; k < found->len; k++)
    {
      const Item *item = &g_array_index (self->items, Item, g_array_index (found, guint, k));

      if (item->layer == DRAW_LABEL)
        {
          if (label_size <= 0 || item->text == NULL)
            continue;
          if (layout == NULL)
            layout = create_label_layout (cr, label_size);
          draw_label (cr, layout, t, item);
        }
      else if (!wm_bounds_intersects (shape_query, &item->geometry->bounds))
        continue;
      else if (item->layer == DRAW_HOUSING)
        {
          if (!cells)
            draw_housing (cr, t, item);
        }
      else
        draw_shape (cr, t, item);
    }
}

void
wm_tile_renderer_draw (WmTileRenderer *self, cairo_t *cr, int zoom, int x, int y)
{
  TileTransform t;
  WmBounds label_query, shape_query;
  g_autoptr(GArray) found = NULL;
  double label_size;
  gboolean cells;

  g_return_if_fail (WM_IS_TILE_RENDERER (self));
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, WM_TILE_SIZE, WM_TILE_SIZE);
  cairo_clip (cr);
  if (!self->transparent)
    {
      wm_map_style_set_source_rgb (cr, wm_map_style_get_background (), 1.0);
      cairo_paint (cr);
    }

  tile_transform_init (&t, zoom, x, y);
  label_size = wm_map_style_get_label_size (zoom);
  shape_query = bounds_expand (&t.bounds, FEATURE_MARGIN_PX * t.metres_per_pixel);
  /* Housing tiles have no labels that reach in from neighbouring tiles. */
  label_query = bounds_expand (&t.bounds, (self->transparent ? FEATURE_MARGIN_PX : LABEL_MARGIN_PX)
                                            * t.metres_per_pixel);
  found = query_items (self, &label_query);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  cells = self->housing_mode != WM_HOUSING_NEUTRAL && zoom <= WM_HOUSING_CELL_MAX_ZOOM;
  if (self->transparent && cells)
    {
      g_autoptr(GArray) in_tile = query_items (self, &t.bounds);

      draw_housing_cells (self, cr, &t, in_tile);
      cairo_restore (cr);
      return;
    }

  draw_items (self, cr, &t, found, &shape_query, label_size, cells);

  /* Merged into the base map: cells on top (no labels are shown this far out). */
  if (cells)
    {
      g_autoptr(GArray) in_tile = query_items (self, &t.bounds);

      draw_housing_cells (self, cr, &t, in_tile);
    }

  cairo_restore (cr);
}

cairo_surface_t *
wm_tile_renderer_render (WmTileRenderer *self, int zoom, int x, int y)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (WM_IS_TILE_RENDERER (self), NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WM_TILE_SIZE, WM_TILE_SIZE);
  cr = cairo_create (surface);
  wm_tile_renderer_draw (self, cr, zoom, x, y);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
wm_tile_renderer_finalize (GObject *object)
{
  WmTileRenderer *self = WM_TILE_RENDERER (object);

  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->cell_start, g_free);
  g_clear_pointer (&self->cell_items, g_free);

  G_OBJECT_CLASS (wm_tile_renderer_parent_class)->finalize (object);
}

static void
wm_tile_renderer_class_init (WmTileRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_tile_renderer_finalize;
}

static void
wm_tile_renderer_init (WmTileRenderer *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, (GDestroyNotify) item_clear);
  self->bounds = wm_bounds_empty ();
}

/* Views (PDF, print, PNG): any zoom and rotation, drawn as paths. */

/* Device point -> RD through the exact projection. */
static void
view_device_to_rd (const WmMapTransform *view, double x, double y, double *rd_x, double *rd_y)
{
  double wx, wy, lat, lon;

  wm_map_transform_unapply (view, x, y, &wx, &wy);
  wm_web_mercator_from_pixel (0, wx, wy, &lat, &lon);
  wm_crs_wgs84_to_rd (lat, lon, rd_x, rd_y);
}

/* The tile-style transform of a view: the nearest zoom level's styles, the view's scale.
 * @query receives the RD bounds of the view, @margin_px device units around it. */
static void
view_transform_init (TileTransform *t, const WmMapTransform *view, double width, double height,
                     double margin_px, WmBounds *query)
{
  double rd_x, rd_y, px_per_m;

  memset (t, 0, sizeof *t);
  t->view = view;
  t->zoom = CLAMP ((int) lround (wm_map_transform_get_zoom (view)), 0, 24);
  view_device_to_rd (view, width / 2.0, height / 2.0, &t->cx, &t->cy);
  px_per_m = wm_map_transform_metres_to_pixels (view, t->cx, t->cy, 1.0);
  t->metres_per_pixel = px_per_m > 0 ? 1.0 / px_per_m : 1.0;

  /* Corners and mid-edges: RD lines are slightly curved in Web Mercator. */
  *query = wm_bounds_empty ();
  for (int i = 0; i < 9; i++)
    {
      double x = -margin_px + (width + 2 * margin_px) * (i % 3) / 2.0;
      double y = -margin_px + (height + 2 * margin_px) * (i / 3) / 2.0;

      view_device_to_rd (view, x, y, &rd_x, &rd_y);
      query->min_x = MIN (query->min_x, rd_x);
      query->max_x = MAX (query->max_x, rd_x);
      query->min_y = MIN (query->min_y, rd_y);
      query->max_y = MAX (query->max_y, rd_y);
    }
  *query = bounds_expand (query, t->metres_per_pixel);
  t->bounds = *query;
}

/* The housing cells of the nearest zoom level, on the same global grid as the tiles' cells
 * (HOUSING_CELL_PX pixels of that level), scaled and turned with the view. Cells of one colour
 * are one path: fewer operators in a PDF, and no seams between neighbours. */
static void
draw_housing_cells_view (WmTileRenderer *self, cairo_t *cr, const TileTransform *t,
                         double width, double height, GArray *found)
{
  const WmMapTransform *view = t->view;
  double cells_per_world = ldexp (1.0, t->zoom) / HOUSING_CELL_PX;
  double gx0 = G_MAXDOUBLE, gy0 = G_MAXDOUBLE, gx1 = -G_MAXDOUBLE, gy1 = -G_MAXDOUBLE;
  g_autofree WmDwellingMix *cells = NULL;
  g_autoptr(GHashTable) by_color = NULL;
  g_autoptr(GArray) colors = NULL;
  cairo_matrix_t m;
  long c0, r0, n_cols, n_rows;

  for (int i = 0; i < 4; i++)
    {
      double wx, wy;

      wm_map_transform_unapply (view, (i & 1) ? width : 0, (i & 2) ? height : 0, &wx, &wy);
      gx0 = MIN (gx0, wx * cells_per_world);
      gx1 = MAX (gx1, wx * cells_per_world);
      gy0 = MIN (gy0, wy * cells_per_world);
      gy1 = MAX (gy1, wy * cells_per_world);
    }
  c0 = (long) floor (gx0);
  r0 = (long) floor (gy0);
  n_cols = (long) floor (gx1) - c0 + 1;
  n_rows = (long) floor (gy1) - r0 + 1;
  if (n_cols <= 0 || n_rows <= 0 || n_cols * n_rows > 16 * 1024 * 1024)
    return;
  cells = g_new0 (WmDwellingMix, n_cols * n_rows);

  for (guint k = 0; k < found->len; k++)
    {
      const Item *item = &g_array_index (self->items, Item, g_array_index (found, guint, k));
      double wx, wy;
      long c, r;

      if (item->layer != DRAW_HOUSING)
        continue;
      wm_map_transform_rd_to_world (item->centroid.x, item->centroid.y, &wx, &wy);
      c = (long) floor (wx * cells_per_world) - c0;
      r = (long) floor (wy * cells_per_world) - r0;
      if (c < 0 || r < 0 || c >= n_cols || r >= n_rows)
        continue;
      wm_dwelling_mix_add (&cells[r * n_cols + c], &item->mix);
    }

  /* World -> device as a cairo matrix, then cell units. */
  cairo_matrix_init (&m, view->cos_r * view->scale, view->sin_r * view->scale,
                     -view->sin_r * view->scale, view->cos_r * view->scale,
                     view->half_width - (view->cos_r * view->origin_x
                                         - view->sin_r * view->origin_y),
                     view->half_height - (view->sin_r * view->origin_x
                                          + view->cos_r * view->origin_y));
  cairo_matrix_scale (&m, 1.0 / cells_per_world, 1.0 / cells_per_world);

  /* Cell indices by colour, in first-seen order so the output does not depend on hashing. */
  by_color = g_hash_table_new (NULL, NULL);
  colors = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (long i = 0; i < n_cols * n_rows; i++)
    {
      guint32 color;
      int pattern;
      GArray *list;

      if (!wm_map_style_get_housing_fill (self->housing_mode, self->housing_segment, &cells[i],
                                          &color, &pattern))
        continue;
      list = g_hash_table_lookup (by_color, GUINT_TO_POINTER (color + 1));
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (long));
          g_hash_table_insert (by_color, GUINT_TO_POINTER (color + 1), list);
          g_array_append_val (colors, color);
        }
      g_array_append_val (list, i);
    }

  cairo_save (cr);
  cairo_transform (cr, &m);
  for (guint k = 0; k < colors->len; k++)
    {
      guint32 color = g_array_index (colors, guint32, k);
      GArray *list = g_hash_table_lookup (by_color, GUINT_TO_POINTER (color + 1));

      cairo_new_path (cr);
      for (guint j = 0; j < list->len; j++)
        {
          long i = g_array_index (list, long, j);

          cairo_rectangle (cr, c0 + i % n_cols, r0 + i / n_cols, 1, 1);
        }
      wm_map_style_set_source_rgb (cr, color, 1.0);
      cairo_fill (cr);
      g_array_unref (list);
    }
  cairo_restore (cr);
}

void
wm_tile_renderer_draw_view (WmTileRenderer *self, cairo_t *cr, const WmMapTransform *transform,
                            double width, double height)
{
  TileTransform t;
  WmMapTransform level;
  WmBounds label_query, shape_query;
  g_autoptr(GArray) found = NULL;
  double label_size, zoom, factor;
  gboolean cells;

  g_return_if_fail (WM_IS_TILE_RENDERER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (transform != NULL);

  if (width <= 0 || height <= 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (!self->transparent)
    {
      wm_map_style_set_source_rgb (cr, wm_map_style_get_background (), 1.0);
      cairo_paint (cr);
    }

  /* Between zoom levels the map shows the nearest level's tiles scaled (as the live map and
   * the composed tiles do): draw in that level's pixels, scaled to the device. */
  zoom = wm_map_transform_get_zoom (transform);
  factor = pow (2.0, zoom - CLAMP (lround (zoom), 0, 24));
  level = *transform;
  level.scale /= factor;
  level.origin_x /= factor;
  level.origin_y /= factor;
  level.half_width /= factor;
  level.half_height /= factor;
  width /= factor;
  height /= factor;
  cairo_scale (cr, factor, factor);

  view_transform_init (&t, &level, width, height, FEATURE_MARGIN_PX, &shape_query);
  view_transform_init (&t, &level, width, height,
                       self->transparent ? FEATURE_MARGIN_PX : LABEL_MARGIN_PX, &label_query);
  label_size = wm_map_style_get_label_size (t.zoom);
  found = query_items (self, &label_query);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* The same layers in the same order as wm_tile_renderer_draw(). */
  cells = self->housing_mode != WM_HOUSING_NEUTRAL && t.zoom <= WM_HOUSING_CELL_MAX_ZOOM;
  if (!(self->transparent && cells))
    draw_items (self, cr, &t, found, &shape_query, label_size, cells);

  if (cells)
    draw_housing_cells_view (self, cr, &t, width, height, found);

  cairo_restore (cr);
}

guint
wm_tile_renderer_count_in_view (WmTileRenderer *self, const WmMapTransform *transform,
                                double width, double height)
{
  TileTransform t;
  WmBounds query;
  g_autoptr(GArray) found = NULL;

  g_return_val_if_fail (WM_IS_TILE_RENDERER (self), 0);
  g_return_val_if_fail (transform != NULL, 0);

  if (width <= 0 || height <= 0)
    return 0;
  view_transform_init (&t, transform, width, height, FEATURE_MARGIN_PX, &query);
  found = query_items (self, &query);
  return found->len;
}
