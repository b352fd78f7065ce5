/* wm-area-drawing.c: planning area outlines and names, for the live map, PNG and PDF */
#include "config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "wm-area-drawing.h"
#include "wm-map-style.h"

/* A few dozen areas at most: outlines stroked from world coordinates computed once, so a frame
 * costs a multiply and an add per vertex and allocates nothing. */

typedef struct
{
  char *id;
  char *name;         /* NULL or empty: no label */
  guint first_ring;   /* into ring_start */
  guint n_rings;
  double min_wx, min_wy, max_wx, max_wy;
  double label_wx, label_wy;
} AreaShape;

struct _WmAreaDrawing
{
  gatomicrefcount ref_count;
  GArray *shapes;     /* AreaShape */
  GArray *points;     /* double pairs, world coordinates, of every ring */
  GArray *ring_start; /* guint into points (pairs); each shape's rings, then one end mark */
  WmBounds bounds;
};

/* Dashing costs cairo a lot per segment: only for the few areas of a neighbourhood. */
#define DASH_MAX_AREAS 40
/* Names only once the map is close enough for them to fit. */
#define LABEL_MIN_ZOOM 14.0

static void
area_shape_clear (AreaShape *shape)
{
  g_free (shape->id);
  g_free (shape->name);
}

static gboolean
add_shape (WmAreaDrawing *self, WmArea *area)
{
  WmGeometry *g = wm_area_get_boundary (area);
  AreaShape shape = { 0 };
  guint base;
  WmPoint centre;

  if (g == NULL || g->n_rings == 0)
    return FALSE;

  shape.id = g_strdup (wm_area_get_id (area));
  shape.name = g_strdup (wm_area_get_name (area));
  shape.first_ring = self->ring_start->len;
  shape.n_rings = g->n_rings;
  shape.min_wx = shape.min_wy = G_MAXDOUBLE;
  shape.max_wx = shape.max_wy = -G_MAXDOUBLE;

  base = self->points->len / 2;
  for (guint r = 0; r < g->n_rings; r++)
    {
      guint start = base + g->ring_start[r];

      g_array_append_val (self->ring_start, start);
    }
  for (guint i = 0; i < g->n_points; i++)
    {
      double w[2];

      wm_map_transform_rd_to_world (g->points[i].x, g->points[i].y, &w[0], &w[1]);
      g_array_append_vals (self->points, w, 2);
      shape.min_wx = MIN (shape.min_wx, w[0]);
      shape.max_wx = MAX (shape.max_wx, w[0]);
      shape.min_wy = MIN (shape.min_wy, w[1]);
      shape.max_wy = MAX (shape.max_wy, w[1]);
    }

  centre = wm_geometry_centroid (g);
  wm_map_transform_rd_to_world (centre.x, centre.y, &shape.label_wx, &shape.label_wy);
  wm_bounds_union (&self->bounds, &g->bounds);
  g_array_append_val (self->shapes, shape);
  return TRUE;
}

WmAreaDrawing *
wm_area_drawing_new (WmPlan *plan)
{
  WmAreaDrawing *self = g_new0 (WmAreaDrawing, 1);
  guint end;

  g_return_val_if_fail (plan == NULL || WM_IS_PLAN (plan), NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->shapes = g_array_new (FALSE, FALSE, sizeof (AreaShape));
  g_array_set_clear_func (self->shapes, (GDestroyNotify) area_shape_clear);
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
  self->ring_start = g_array_new (FALSE, FALSE, sizeof (guint));
  self->bounds = wm_bounds_empty ();

  if (plan != NULL)
    {
      GListModel *areas = wm_plan_get_areas (plan);

      for (guint i = 0, n = g_list_model_get_n_items (areas); i < n; i++)
        {
          g_autoptr(WmArea) area = g_list_model_get_item (areas, i);

          add_shape (self, area);
        }
    }
  /* The end of the last ring. */
  end = self->points->len / 2;
  g_array_append_val (self->ring_start, end);
  return self;
}

WmAreaDrawing *
wm_area_drawing_ref (WmAreaDrawing *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wm_area_drawing_unref (WmAreaDrawing *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->shapes);
  g_array_unref (self->points);
  g_array_unref (self->ring_start);
  g_free (self);
}

guint
wm_area_drawing_get_n_areas (WmAreaDrawing *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->shapes->len;
}

WmBounds
wm_area_drawing_get_bounds (WmAreaDrawing *self)
{
  g_return_val_if_fail (self != NULL, wm_bounds_empty ());
  return self->bounds;
}

static void
append_shape (WmAreaDrawing *self, cairo_t *cr, const WmMapTransform *transform,
              const AreaShape *shape)
{
  const double *p = (const double *) self->points->data;
  const guint *start = (const guint *) self->ring_start->data;

  for (guint r = shape->first_ring; r < shape->first_ring + shape->n_rings; r++)
    {
      /* The ring after the last of a shape is the next shape's first, or the end mark. */
      for (guint i = start[r]; i < start[r + 1]; i++)
        {
          double x, y;

          wm_map_transform_apply (transform, p[2 * i], p[2 * i + 1], &x, &y);
          if (i == start[r])
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
    }
}

static gboolean
shape_visible (const WmMapTransform *transform, const AreaShape *shape, double width,
               double height)
{
  double wx[4] = { shape->min_wx, shape->max_wx, shape->min_wx, shape->max_wx };
  double wy[4] = { shape->min_wy, shape->min_wy, shape->max_wy, shape->max_wy };
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  /* The device box of the four corners: exact north up, generous when rotated. */
  for (int c = 0; c < 4; c++)
    {
      double x, y;

      wm_map_transform_apply (transform, wx[c], wy[c], &x, &y);
      x0 = MIN (x0, x);
      x1 = MAX (x1, x);
      y0 = MIN (y0, y);
      y1 = MAX (y1, y);
    }
  return x1 >= -4 && x0 <= width + 4 && y1 >= -4 && y0 <= height + 4;
}

/* Label layouts are made once per thread and name, and kept: Pango objects belong to the
 * thread's font map (pango_cairo_font_map_get_default() is per thread), so nothing is shared
 * between threads and no lock is needed. */
typedef struct
{
  PangoContext *context;
  GHashTable *layouts; /* "size|name" -> PangoLayout */
} LabelCache;

/* Plenty for the areas of any plan; past it the cache starts afresh. */
#define LABEL_CACHE_MAX 1024

static void
label_cache_free (gpointer data)
{
  LabelCache *cache = data;

  g_hash_table_unref (cache->layouts);
  g_object_unref (cache->context);
  g_free (cache);
}

static GPrivate label_cache_key = G_PRIVATE_INIT (label_cache_free);

static LabelCache *
get_label_cache (void)
{
  LabelCache *cache = g_private_get (&label_cache_key);

  if (cache == NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      cache = g_new0 (LabelCache, 1);
      cache->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      /* Metrics unhinted, so a label measures the same on screen, in a PNG and on paper. */
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
      cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
      pango_cairo_context_set_font_options (cache->context, options);
      cairo_font_options_destroy (options);
      cache->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_private_set (&label_cache_key, cache);
    }
  return cache;
}

void
wm_area_drawing_drop_label_cache (void)
{
  g_private_replace (&label_cache_key, NULL);
}

static PangoLayout *
get_label_layout (LabelCache *cache, const char *name, double size)
{
  char key[512];
  PangoLayout *layout;

  g_snprintf (key, sizeof key, "%d|%s", (int) lround (size * 64), name);
  layout = g_hash_table_lookup (cache->layouts, key);
  if (layout == NULL)
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold");

      if (g_hash_table_size (cache->layouts) >= LABEL_CACHE_MAX)
        g_hash_table_remove_all (cache->layouts);
      pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
      layout = pango_layout_new (cache->context);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, name, -1);
      g_hash_table_insert (cache->layouts, g_strdup (key), layout);
    }
  return layout;
}

static double
label_size (const WmMapTransform *transform, double scale)
{
  return (wm_map_transform_get_zoom (transform) >= 16 ? 13 : 11) * scale;
}

/* Where the name of shape @index goes: its layout and box (the halo) on the device. FALSE
 * when it has no name or lies too far out. */
static gboolean
place_label (WmAreaDrawing *self, guint index, const WmMapTransform *transform, double width,
             double height, double scale, PangoLayout **out_layout, double box[4])
{
  const AreaShape *shape = &g_array_index (self->shapes, AreaShape, index);
  PangoLayout *layout;
  double x, y;
  int w, h;

  if (shape->name == NULL || *shape->name == '\0'
      || wm_map_transform_get_zoom (transform) < LABEL_MIN_ZOOM)
    return FALSE;
  wm_map_transform_apply (transform, shape->label_wx, shape->label_wy, &x, &y);
  if (x < -200 * scale || y < -40 * scale || x > width + 200 * scale || y > height + 40 * scale)
    return FALSE;
  layout = get_label_layout (get_label_cache (), shape->name, label_size (transform, scale));
  pango_layout_get_pixel_size (layout, &w, &h);
  box[0] = round (x - w / 2.0) - 4 * scale;
  box[1] = round (y - h / 2.0) - 1 * scale;
  box[2] = box[0] + w + 8 * scale;
  box[3] = box[1] + h + 2 * scale;
  if (out_layout != NULL)
    *out_layout = layout;
  return box[2] >= 0 && box[0] <= width && box[3] >= 0 && box[1] <= height;
}

gboolean
wm_area_drawing_get_label_extent (WmAreaDrawing *self, guint index,
                                  const WmMapTransform *transform, double width, double height,
                                  double scale, double extent[4])
{
  g_return_val_if_fail (self != NULL && transform != NULL, FALSE);
  g_return_val_if_fail (index < self->shapes->len, FALSE);

  return place_label (self, index, transform, width, height, scale > 0 ? scale : 1, NULL,
                      extent);
}

gboolean
wm_area_drawing_draw_label (WmAreaDrawing *self, cairo_t *cr, guint index,
                            const WmMapTransform *transform, double width, double height,
                            double scale)
{
  PangoLayout *layout;
  double box[4];

  g_return_val_if_fail (self != NULL && cr != NULL && transform != NULL, FALSE);
  g_return_val_if_fail (index < self->shapes->len, FALSE);

  if (scale <= 0)
    scale = 1;
  if (!place_label (self, index, transform, width, height, scale, &layout, box))
    return FALSE;
  cairo_save (cr);
  /* A light box under the name keeps it readable over any colour. */
  cairo_new_path (cr);
  cairo_rectangle (cr, box[0], box[1], box[2] - box[0], box[3] - box[1]);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.75);
  cairo_fill (cr);
  cairo_move_to (cr, box[0] + 4 * scale, box[1] + 1 * scale);
  cairo_set_source_rgb (cr, 0.2, 0.19, 0.22);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return TRUE;
}

guint
wm_area_drawing_draw_outlines (WmAreaDrawing *self, cairo_t *cr,
                               const WmMapTransform *transform, double width, double height,
                               const char *selected_id, double scale)
{
  guint n_visible = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (cr != NULL && transform != NULL, 0);

  if (self->shapes->len == 0 || width <= 0 || height <= 0)
    return 0;
  if (scale <= 0)
    scale = 1;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Dashed grey outlines; the selected area filled lightly and outlined on top. */
  cairo_new_path (cr);
  for (guint i = 0; i < self->shapes->len; i++)
    {
      const AreaShape *shape = &g_array_index (self->shapes, AreaShape, i);

      if (shape_visible (transform, shape, width, height))
        {
          append_shape (self, cr, transform, shape);
          n_visible++;
        }
    }
  if (n_visible > 0)
    {
      wm_map_style_set_source_rgb (cr, wm_map_style_get_area_color (), 0.85);
      cairo_set_line_width (cr, 1.5 * scale);
      if (n_visible <= DASH_MAX_AREAS)
        cairo_set_dash (cr, (double[]) { 6 * scale, 4 * scale }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  for (guint i = 0; selected_id != NULL && i < self->shapes->len; i++)
    {
      const AreaShape *shape = &g_array_index (self->shapes, AreaShape, i);

      if (!g_str_equal (shape->id, selected_id)
          || !shape_visible (transform, shape, width, height))
        continue;
      cairo_new_path (cr);
      append_shape (self, cr, transform, shape);
      wm_map_style_set_source_rgb (cr, wm_map_style_get_selected_area_color (), 0.08);
      cairo_fill_preserve (cr);
      wm_map_style_set_source_rgb (cr, wm_map_style_get_selected_area_color (), 1.0);
      cairo_set_line_width (cr, 3.5 * scale);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
  return n_visible;
}

guint
wm_area_drawing_draw (WmAreaDrawing *self, cairo_t *cr, const WmMapTransform *transform,
                      double width, double height, const char *selected_id, double scale)
{
  guint n_visible;

  g_return_val_if_fail (self != NULL, 0);

  n_visible = wm_area_drawing_draw_outlines (self, cr, transform, width, height, selected_id,
                                             scale);
  if (width > 0 && height > 0)
    for (guint i = 0; i < self->shapes->len; i++)
      wm_area_drawing_draw_label (self, cr, i, transform, width, height, scale);
  return n_visible;
}
