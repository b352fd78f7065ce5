/* wm-area-layer.c: planning area boundaries with their names; the selected one highlighted */
#include "config.h"

#include "wm-area-drawing.h"
#include "wm-area-layer.h"
#include "wm-map-projection.h"

/* The drawing is wm-area-drawing's, shared with PNG and PDF; the layer only keeps one made
 * from the plan and draws it with the viewport's transform. */

struct _WmAreaLayer
{
  ShumateLayer parent_instance;

  WmPlan *plan;
  char *selected;
  WmAreaDrawing *drawing; /* NULL when stale */
};

G_DEFINE_FINAL_TYPE (WmAreaLayer, wm_area_layer, SHUMATE_TYPE_LAYER)

static void
invalidate (WmAreaLayer *self)
{
  g_clear_pointer (&self->drawing, wm_area_drawing_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
wm_area_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  WmAreaLayer *self = WM_AREA_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  WmMapTransform proj;
  cairo_t *cr;

  if (self->plan == NULL || width <= 0 || height <= 0)
    return;

  if (self->drawing == NULL)
    self->drawing = wm_area_drawing_new (self->plan);
  if (wm_area_drawing_get_n_areas (self->drawing) == 0)
    return;
  wm_map_projection_init (&proj, viewport, width, height);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  wm_area_drawing_draw_outlines (self->drawing, cr, &proj, width, height, self->selected, 1.0);
  cairo_destroy (cr);

  /* Each name in a node of its own size: the cairo renderer composites a node through an
   * image as big as the node, so one window-sized node per name would cost far more. */
  for (guint i = 0, n = wm_area_drawing_get_n_areas (self->drawing); i < n; i++)
    {
      double e[4];

      if (!wm_area_drawing_get_label_extent (self->drawing, i, &proj, width, height, 1.0, e))
        continue;
      cr = gtk_snapshot_append_cairo (snapshot,
                                      &GRAPHENE_RECT_INIT (e[0], e[1], e[2] - e[0], e[3] - e[1]));
      wm_area_drawing_draw_label (self->drawing, cr, i, &proj, width, height, 1.0);
      cairo_destroy (cr);
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
  g_clear_pointer (&self->drawing, wm_area_drawing_unref);
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
