/* wm-sketch-layer.c: what the editing tools draw above the map: sketch and selection */
#include "config.h"

#include "wm-crs.h"
#include "wm-sketch-layer.h"

struct _WmSketchLayer
{
  ShumateLayer parent_instance;

  GArray *sketch; /* WmPoint, RD */
  gboolean box_visible;
  double box[4];
  gboolean crosshair_visible;
  double crosshair[2];
  GPtrArray *selection; /* WmGeometry */
  GPtrArray *highlight; /* WmGeometry */
};

G_DEFINE_FINAL_TYPE (WmSketchLayer, wm_sketch_layer, SHUMATE_TYPE_LAYER)

static void
to_widget (WmSketchLayer *self, WmPoint p, double *x, double *y)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double lat, lon;

  wm_crs_rd_to_wgs84 (p.x, p.y, &lat, &lon);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), lat, lon, x, y);
}

static void
append_geometry (WmSketchLayer *self, cairo_t *cr, const WmGeometry *g)
{
  double x, y;

  if (g->kind == WM_GEOMETRY_POINT)
    {
      to_widget (self, g->points[0], &x, &y);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 14, 0, 2 * G_PI);
      return;
    }
  for (guint r = 0; r < g->n_rings; r++)
    {
      for (guint i = g->ring_start[r]; i < g->ring_start[r + 1]; i++)
        {
          to_widget (self, g->points[i], &x, &y);
          if (i == g->ring_start[r])
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      if (g->kind != WM_GEOMETRY_LINESTRING)
        cairo_close_path (cr);
    }
}

/* A dark halo under a bright line reads on light and dark base maps alike. */
static void
stroke_twice (cairo_t *cr, double width, double r, double g, double b)
{
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_set_line_width (cr, width + 3);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
wm_sketch_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  WmSketchLayer *self = WM_SKETCH_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < self->highlight->len; i++)
    {
      cairo_new_path (cr);
      append_geometry (self, cr, g_ptr_array_index (self->highlight, i));
      cairo_set_source_rgba (cr, 0.96, 0.76, 0.07, 0.35);
      cairo_fill_preserve (cr);
      stroke_twice (cr, 2, 0.96, 0.76, 0.07);
    }

  for (guint i = 0; i < self->selection->len; i++)
    {
      cairo_new_path (cr);
      append_geometry (self, cr, g_ptr_array_index (self->selection, i));
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.30);
      cairo_fill_preserve (cr);
      stroke_twice (cr, 3, 0.21, 0.52, 0.89);
    }

  if (self->sketch->len > 0)
    {
      cairo_new_path (cr);
      for (guint i = 0; i < self->sketch->len; i++)
        {
          double x, y;

          to_widget (self, g_array_index (self->sketch, WmPoint, i), &x, &y);
          cairo_line_to (cr, x, y);
        }
      if (self->sketch->len >= 3)
        {
          cairo_close_path (cr);
          cairo_set_source_rgba (cr, 0.15, 0.64, 0.41, 0.25);
          cairo_fill_preserve (cr);
        }
      stroke_twice (cr, 2.5, 0.15, 0.64, 0.41);
      /* Vertices as handles big enough to see on a projector. */
      for (guint i = 0; i < self->sketch->len; i++)
        {
          double x, y;

          to_widget (self, g_array_index (self->sketch, WmPoint, i), &x, &y);
          cairo_new_path (cr);
          cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0.15, 0.64, 0.41);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
    }

  if (self->box_visible)
    {
      double x = MIN (self->box[0], self->box[2]), y = MIN (self->box[1], self->box[3]);

      cairo_new_path (cr);
      cairo_rectangle (cr, x, y, ABS (self->box[2] - self->box[0]),
                       ABS (self->box[3] - self->box[1]));
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
      stroke_twice (cr, 1.5, 0.21, 0.52, 0.89);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (self->crosshair_visible)
    {
      double x = self->crosshair[0], y = self->crosshair[1];

      cairo_new_path (cr);
      cairo_move_to (cr, x - 16, y);
      cairo_line_to (cr, x - 5, y);
      cairo_move_to (cr, x + 5, y);
      cairo_line_to (cr, x + 16, y);
      cairo_move_to (cr, x, y - 16);
      cairo_line_to (cr, x, y - 5);
      cairo_move_to (cr, x, y + 5);
      cairo_line_to (cr, x, y + 16);
      stroke_twice (cr, 2, 1, 1, 1);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, 10, 0, 2 * G_PI);
      stroke_twice (cr, 1.5, 1, 1, 1);
    }
  cairo_destroy (cr);
}

WmSketchLayer *
wm_sketch_layer_new (ShumateViewport *viewport)
{
  return g_object_new (WM_TYPE_SKETCH_LAYER, "viewport", viewport, NULL);
}

void
wm_sketch_layer_set_sketch (WmSketchLayer *self, const WmPoint *points, guint n_points)
{
  g_return_if_fail (WM_IS_SKETCH_LAYER (self));

  g_array_set_size (self->sketch, 0);
  if (n_points > 0)
    g_array_append_vals (self->sketch, points, n_points);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wm_sketch_layer_set_box (WmSketchLayer *self, gboolean visible, double x0, double y0, double x1,
                         double y1)
{
  g_return_if_fail (WM_IS_SKETCH_LAYER (self));

  self->box_visible = visible;
  self->box[0] = x0;
  self->box[1] = y0;
  self->box[2] = x1;
  self->box[3] = y1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wm_sketch_layer_set_crosshair (WmSketchLayer *self, gboolean visible, double x, double y)
{
  g_return_if_fail (WM_IS_SKETCH_LAYER (self));

  self->crosshair_visible = visible;
  self->crosshair[0] = x;
  self->crosshair[1] = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
replace_geometries (GPtrArray *array, GPtrArray *geometries)
{
  g_ptr_array_set_size (array, 0);
  for (guint i = 0; geometries != NULL && i < geometries->len; i++)
    g_ptr_array_add (array, wm_geometry_ref (g_ptr_array_index (geometries, i)));
}

void
wm_sketch_layer_set_selection (WmSketchLayer *self, GPtrArray *geometries)
{
  g_return_if_fail (WM_IS_SKETCH_LAYER (self));

  replace_geometries (self->selection, geometries);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wm_sketch_layer_set_highlight (WmSketchLayer *self, GPtrArray *geometries)
{
  g_return_if_fail (WM_IS_SKETCH_LAYER (self));

  replace_geometries (self->highlight, geometries);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
wm_sketch_layer_get_n_selected (WmSketchLayer *self)
{
  g_return_val_if_fail (WM_IS_SKETCH_LAYER (self), 0);

  return self->selection->len;
}

static void
wm_sketch_layer_constructed (GObject *object)
{
  WmSketchLayer *self = WM_SKETCH_LAYER (object);

  G_OBJECT_CLASS (wm_sketch_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
wm_sketch_layer_finalize (GObject *object)
{
  WmSketchLayer *self = WM_SKETCH_LAYER (object);

  g_array_unref (self->sketch);
  g_ptr_array_unref (self->selection);
  g_ptr_array_unref (self->highlight);

  G_OBJECT_CLASS (wm_sketch_layer_parent_class)->finalize (object);
}

static void
wm_sketch_layer_class_init (WmSketchLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wm_sketch_layer_constructed;
  object_class->finalize = wm_sketch_layer_finalize;
  widget_class->snapshot = wm_sketch_layer_snapshot;
}

static void
wm_sketch_layer_init (WmSketchLayer *self)
{
  self->sketch = g_array_new (FALSE, FALSE, sizeof (WmPoint));
  self->selection = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_geometry_unref);
  self->highlight = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_geometry_unref);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}
