/* wm-facility-layer.c: existing facilities as symbols, or the catchment circles of existing and
 * proposed facilities */
#include "config.h"

#include "wm-facility-layer.h"
#include "wm-map-projection.h"
#include "wm-map-style.h"

/* The drawing is wm-facility-drawing's, shared with PNG and PDF; the layer keeps one made from
 * the plan, engine and state, and draws it with the viewport's transform. */

struct _WmFacilityLayer
{
  ShumateLayer parent_instance;

  WmPlan *plan;
  WmIndicatorEngine *engine;
  WmIndicatorState state;
  gboolean catchments;
  WmFacilityDrawing *drawing; /* NULL when stale */
  GArray *drawn_index;        /* guint, reused every frame */
  GArray *drawn;              /* WmDrawnCatchment of the last frame */
};

G_DEFINE_FINAL_TYPE (WmFacilityLayer, wm_facility_layer, SHUMATE_TYPE_LAYER)

enum
{
  PROP_0,
  PROP_CATCHMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

float
wm_facility_layer_get_symbol_radius (double zoom)
{
  return (float) wm_facility_drawing_get_symbol_radius (zoom);
}

void
wm_facility_layer_append_symbol (GtkWidget *widget, GtkSnapshot *snapshot, WmFacilityType type,
                                 double x, double y, float radius)
{
  float m = radius + 4;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                           &GRAPHENE_RECT_INIT (x - m, y - m, 2 * m, 2 * m));

  wm_map_style_draw_facility_symbol (cr, type, x, y, radius);
  cairo_destroy (cr);
}

static void
invalidate (WmFacilityLayer *self)
{
  g_clear_pointer (&self->drawing, wm_facility_drawing_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static WmFacilityDrawing *
ensure_drawing (WmFacilityLayer *self)
{
  if (self->drawing == NULL)
    self->drawing = wm_facility_drawing_new (self->plan, NULL, self->engine, self->state);
  return self->drawing;
}

WmFacilityDrawing *
wm_facility_layer_get_drawing (WmFacilityLayer *self)
{
  g_return_val_if_fail (WM_IS_FACILITY_LAYER (self), NULL);
  return wm_facility_drawing_ref (ensure_drawing (self));
}

double
wm_facility_layer_get_catchment_radius (WmFacilityLayer *self, WmFacilityType type)
{
  g_return_val_if_fail (WM_IS_FACILITY_LAYER (self), 0);

  return wm_facility_drawing_get_catchment_radius (ensure_drawing (self), type);
}

static void
snapshot_catchments (WmFacilityLayer *self, GtkSnapshot *snapshot, const WmMapTransform *proj,
                     int width, int height)
{
  double e[4];
  cairo_t *cr;

  /* Only the part in the window that has circles: a node is as costly as it is big. */
  if (!wm_facility_drawing_get_catchments_extent (self->drawing, proj, width, height, e))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (e[0], e[1], e[2] - e[0],
                                                                 e[3] - e[1]));
  g_array_set_size (self->drawn_index, 0);
  wm_facility_drawing_draw_catchments (self->drawing, cr, proj, width, height,
                                       self->drawn_index);
  cairo_destroy (cr);

  for (guint i = 0; i < self->drawn_index->len; i++)
    {
      guint index = g_array_index (self->drawn_index, guint, i);
      const WmFacilityCatchment *c = wm_facility_drawing_get_catchment (self->drawing, index);
      WmDrawnCatchment drawn = { c->type, c->rd_x, c->rd_y, c->radius_m, 0, 0, 0, c->proposed,
                                 c->dashed };

      wm_facility_drawing_get_catchment_device (self->drawing, index, proj, &drawn.x, &drawn.y,
                                                &drawn.radius_px);
      g_array_append_val (self->drawn, drawn);
    }
}

static void
wm_facility_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  WmFacilityLayer *self = WM_FACILITY_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  WmMapTransform proj;
  double radius, e[4];
  cairo_t *cr;

  g_array_set_size (self->drawn, 0);
  if (self->plan == NULL || width <= 0 || height <= 0)
    return;

  ensure_drawing (self);
  wm_map_projection_init (&proj, viewport, width, height);

  if (self->catchments)
    {
      snapshot_catchments (self, snapshot, &proj, width, height);
      return;
    }

  radius = wm_facility_drawing_get_symbol_radius (shumate_viewport_get_zoom_level (viewport));
  if (!wm_facility_drawing_get_symbols_extent (self->drawing, &proj, width, height, radius, e))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (e[0], e[1], e[2] - e[0],
                                                                 e[3] - e[1]));
  wm_facility_drawing_draw_symbols (self->drawing, cr, &proj, width, height, radius);
  cairo_destroy (cr);
}

WmFacilityLayer *
wm_facility_layer_new (ShumateViewport *viewport, gboolean catchments)
{
  return g_object_new (WM_TYPE_FACILITY_LAYER, "viewport", viewport, "catchments", catchments,
                       NULL);
}

void
wm_facility_layer_set_plan (WmFacilityLayer *self, WmPlan *plan)
{
  g_return_if_fail (WM_IS_FACILITY_LAYER (self));

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

void
wm_facility_layer_set_engine (WmFacilityLayer *self, WmIndicatorEngine *engine)
{
  g_return_if_fail (WM_IS_FACILITY_LAYER (self));
  g_return_if_fail (engine == NULL || WM_IS_INDICATOR_ENGINE (engine));

  if (g_set_object (&self->engine, engine))
    invalidate (self);
}

void
wm_facility_layer_set_state (WmFacilityLayer *self, WmIndicatorState state)
{
  g_return_if_fail (WM_IS_FACILITY_LAYER (self));

  if (self->state == state)
    return;
  self->state = state;
  invalidate (self);
}

WmIndicatorState
wm_facility_layer_get_state (WmFacilityLayer *self)
{
  g_return_val_if_fail (WM_IS_FACILITY_LAYER (self), WM_INDICATOR_BASELINE);
  return self->state;
}

guint
wm_facility_layer_get_n_drawn_catchments (WmFacilityLayer *self)
{
  g_return_val_if_fail (WM_IS_FACILITY_LAYER (self), 0);
  return self->drawn->len;
}

const WmDrawnCatchment *
wm_facility_layer_get_drawn_catchment (WmFacilityLayer *self, guint index)
{
  g_return_val_if_fail (WM_IS_FACILITY_LAYER (self), NULL);
  g_return_val_if_fail (index < self->drawn->len, NULL);
  return &g_array_index (self->drawn, WmDrawnCatchment, index);
}

gboolean
wm_facility_layer_get_catchments (WmFacilityLayer *self)
{
  g_return_val_if_fail (WM_IS_FACILITY_LAYER (self), FALSE);

  return self->catchments;
}

static void
wm_facility_layer_constructed (GObject *object)
{
  WmFacilityLayer *self = WM_FACILITY_LAYER (object);

  G_OBJECT_CLASS (wm_facility_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
wm_facility_layer_dispose (GObject *object)
{
  WmFacilityLayer *self = WM_FACILITY_LAYER (object);

  wm_facility_layer_set_plan (self, NULL);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->drawing, wm_facility_drawing_unref);
  g_clear_pointer (&self->drawn_index, g_array_unref);
  g_clear_pointer (&self->drawn, g_array_unref);

  G_OBJECT_CLASS (wm_facility_layer_parent_class)->dispose (object);
}

static void
wm_facility_layer_get_property (GObject *object, guint prop_id, GValue *value,
                                GParamSpec *pspec)
{
  WmFacilityLayer *self = WM_FACILITY_LAYER (object);

  switch (prop_id)
    {
    case PROP_CATCHMENTS:
      g_value_set_boolean (value, self->catchments);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_facility_layer_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  WmFacilityLayer *self = WM_FACILITY_LAYER (object);

  switch (prop_id)
    {
    case PROP_CATCHMENTS:
      self->catchments = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_facility_layer_class_init (WmFacilityLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wm_facility_layer_constructed;
  object_class->dispose = wm_facility_layer_dispose;
  object_class->get_property = wm_facility_layer_get_property;
  object_class->set_property = wm_facility_layer_set_property;
  widget_class->snapshot = wm_facility_layer_snapshot;

  properties[PROP_CATCHMENTS] =
    g_param_spec_boolean ("catchments", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_facility_layer_init (WmFacilityLayer *self)
{
  self->drawn = g_array_new (FALSE, FALSE, sizeof (WmDrawnCatchment));
  self->drawn_index = g_array_new (FALSE, FALSE, sizeof (guint));
  /* Clicks go to the map underneath. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}
