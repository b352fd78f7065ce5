/* wm-area-layer.c: planning area boundaries with their names; the selected one highlighted */
#include "config.h"

#include <math.h>

#include "wm-area-layer.h"
#include "wm-map-projection.h"
#include "wm-map-style.h"

/* A few dozen areas at most: outlines stroked live from world coordinates cached per plan. */

typedef struct
{
  char *id;
  char *name;
  GArray *points;      /* double pairs, world coordinates */
  GArray *ring_start;  /* guint, n_rings + 1 */
  double min_wx, min_wy, max_wx, max_wy;
  double label_wx, label_wy;
  PangoLayout *layout;
} AreaShape;

struct _WmAreaLayer
{
  ShumateLayer parent_instance;

  WmPlan *plan;
  char *selected;
  GPtrArray *shapes; /* AreaShape; NULL when stale */
};

G_DEFINE_FINAL_TYPE (WmAreaLayer, wm_area_layer, SHUMATE_TYPE_LAYER)

static void
area_shape_free (AreaShape *shape)
{
  g_free (shape->id);
  g_free (shape->name);
  g_array_unref (shape->points);
  g_array_unref (shape->ring_start);
  g_clear_object (&shape->layout);
  g_free (shape);
}

static AreaShape *
area_shape_new (WmArea *area)
{
  WmGeometry *g = wm_area_get_boundary (area);
  AreaShape *shape;
  WmPoint centre;

  if (g == NULL || g->n_rings == 0)
    return NULL;

  shape = g_new0 (AreaShape, 1);
  shape->id = g_strdup (wm_area_get_id (area));
  shape->name = g_strdup (wm_area_get_name (area));
  shape->points = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * g->n_points);
  shape->ring_start = g_array_sized_new (FALSE, FALSE, sizeof (guint), g->n_rings + 1);
  shape->min_wx = shape->min_wy = G_MAXDOUBLE;
  shape->max_wx = shape->max_wy = -G_MAXDOUBLE;

  for (guint r = 0; r <= g->n_rings; r++)
    g_array_append_val (shape->ring_start, g->ring_start[r]);
  for (guint i = 0; i < g->n_points; i++)
    {
      double w[2];

      wm_map_transform_rd_to_world (g->points[i].x, g->points[i].y, &w[0], &w[1]);
      g_array_append_vals (shape->points, w, 2);
      shape->min_wx = MIN (shape->min_wx, w[0]);
      shape->max_wx = MAX (shape->max_wx, w[0]);
      shape->min_wy = MIN (shape->min_wy, w[1]);
      shape->max_wy = MAX (shape->max_wy, w[1]);
    }

  centre = wm_geometry_centroid (g);
  wm_map_transform_rd_to_world (centre.x, centre.y, &shape->label_wx, &shape->label_wy);
  return shape;
}

static void
invalidate (WmAreaLayer *self)
{
  g_clear_pointer (&self->shapes, g_ptr_array_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ensure_shapes (WmAreaLayer *self)
{
  GListModel *areas;

  if (self->shapes != NULL)
    return;

  self->shapes = g_ptr_array_new_with_free_func ((GDestroyNotify) area_shape_free);
  if (self->plan == NULL)
    return;

  areas = wm_plan_get_areas (self->plan);
  for (guint i = 0, n = g_list_model_get_n_items (areas); i < n; i++)
    {
      g_autoptr(WmArea) area = g_list_model_get_item (areas, i);
      AreaShape *shape = area_shape_new (area);

      if (shape != NULL)
        g_ptr_array_add (self->shapes, shape);
    }
}

static void
append_shape (cairo_t *cr, const WmMapTransform *proj, const AreaShape *shape)
{
  const double *p = (const double *) shape->points->data;
  const guint *start = (const guint *) shape->ring_start->data;

  for (guint r = 0; r + 1 < shape->ring_start->len; r++)
    {
      for (guint i = start[r]; i < start[r + 1]; i++)
        {
          double x, y;

          wm_map_transform_apply (proj, p[2 * i], p[2 * i + 1], &x, &y);
          if (i == start[r])
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
    }
}

static gboolean
shape_visible (const WmMapTransform *proj, const AreaShape *shape, int width, int height)
{
  double x0, y0, x1, y1;

  /* Without rotation the box is exact; with rotation, test generously. */
  wm_map_transform_apply (proj, shape->min_wx, shape->min_wy, &x0, &y0);
  wm_map_transform_apply (proj, shape->max_wx, shape->max_wy, &x1, &y1);
  if (proj->sin_r != 0)
    return TRUE;
  return MAX (x0, x1) >= -4 && MIN (x0, x1) <= width + 4 && MAX (y0, y1) >= -4
         && MIN (y0, y1) <= height + 4;
}

static void
wm_area_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  WmAreaLayer *self = WM_AREA_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  WmMapTransform proj;
  cairo_t *cr;
  GdkRGBA text = { 0.2f, 0.19f, 0.22f, 1.f };
  GdkRGBA halo = { 1.f, 1.f, 1.f, 0.75f };
  g_autoptr(PangoFontDescription) font = NULL;
  guint n_visible = 0;

  if (self->plan == NULL || width <= 0 || height <= 0)
    return;

  ensure_shapes (self);
  if (self->shapes->len == 0)
    return;
  wm_map_projection_init (&proj, viewport, width, height);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Dashed grey outlines; the selected area filled lightly and outlined in red on top. */
  cairo_new_path (cr);
  for (guint i = 0; i < self->shapes->len; i++)
    {
      const AreaShape *shape = g_ptr_array_index (self->shapes, i);

      if (shape_visible (&proj, shape, width, height))
        {
          append_shape (cr, &proj, shape);
          n_visible++;
        }
    }
  wm_map_style_set_source_rgb (cr, wm_map_style_get_area_color (), 0.85);
  cairo_set_line_width (cr, 1.5);
  /* Dashing costs cairo a lot per segment: only for the few areas of a neighbourhood. */
  if (n_visible <= 40)
    cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  for (guint i = 0; self->selected != NULL && i < self->shapes->len; i++)
    {
      const AreaShape *shape = g_ptr_array_index (self->shapes, i);

      if (!g_str_equal (shape->id, self->selected) || !shape_visible (&proj, shape, width, height))
        continue;
      cairo_new_path (cr);
      append_shape (cr, &proj, shape);
      wm_map_style_set_source_rgb (cr, wm_map_style_get_selected_area_color (), 0.08);
      cairo_fill_preserve (cr);
      wm_map_style_set_source_rgb (cr, wm_map_style_get_selected_area_color (), 1.0);
      cairo_set_line_width (cr, 3.5);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);

  /* Names, once the map is close enough for them to fit. */
  if (zoom < 14)
    return;
  font = pango_font_description_from_string ("Sans Bold");
  pango_font_description_set_absolute_size (font, (zoom >= 16 ? 13 : 11) * PANGO_SCALE);
  for (guint i = 0; i < self->shapes->len; i++)
    {
      AreaShape *shape = g_ptr_array_index (self->shapes, i);
      double x, y;
      int w, h;

      if (shape->name == NULL || *shape->name == '\0')
        continue;
      wm_map_transform_apply (&proj, shape->label_wx, shape->label_wy, &x, &y);
      if (x < -200 || y < -40 || x > width + 200 || y > height + 40)
        continue;
      if (shape->layout == NULL)
        shape->layout = gtk_widget_create_pango_layout (widget, shape->name);
      pango_layout_set_font_description (shape->layout, font);
      pango_layout_get_pixel_size (shape->layout, &w, &h);

      gtk_snapshot_append_color (snapshot, &halo,
                                 &GRAPHENE_RECT_INIT (x - w / 2.0 - 4, y - h / 2.0 - 1, w + 8, h + 2));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x - w / 2.0),
                                                              round (y - h / 2.0)));
      gtk_snapshot_append_layout (snapshot, shape->layout, &text);
      gtk_snapshot_restore (snapshot);
    }
}

WmAreaLayer *
wm_area_layer_new (ShumateViewport *viewport)
{
  return g_object_new (WM_TYPE_AREA_LAYER, "viewport", viewport, NULL);
}

void
wm_area_layer_set_plan (WmAreaLayer *self, WmPlan *plan)
{
  g_return_if_fail (WM_IS_AREA_LAYER (self));

  if (self->plan == plan)
    return;

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  if (self->plan != NULL)
    g_signal_connect_object (self->plan, "changed", G_CALLBACK (invalidate), self,
                             G_CONNECT_SWAPPED);
  invalidate (self);
}

const char *
wm_area_layer_get_selected (WmAreaLayer *self)
{
  g_return_val_if_fail (WM_IS_AREA_LAYER (self), NULL);

  return self->selected;
}

void
wm_area_layer_set_selected (WmAreaLayer *self, const char *area_id)
{
  g_return_if_fail (WM_IS_AREA_LAYER (self));

  if (g_strcmp0 (self->selected, area_id) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (area_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
wm_area_layer_constructed (GObject *object)
{
  WmAreaLayer *self = WM_AREA_LAYER (object);

  G_OBJECT_CLASS (wm_area_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
wm_area_layer_dispose (GObject *object)
{
  WmAreaLayer *self = WM_AREA_LAYER (object);

  wm_area_layer_set_plan (self, NULL);
  g_clear_pointer (&self->shapes, g_ptr_array_unref);
  g_clear_pointer (&self->selected, g_free);

  G_OBJECT_CLASS (wm_area_layer_parent_class)->dispose (object);
}

static void
wm_area_layer_class_init (WmAreaLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wm_area_layer_constructed;
  object_class->dispose = wm_area_layer_dispose;
  widget_class->snapshot = wm_area_layer_snapshot;
}

static void
wm_area_layer_init (WmAreaLayer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}
