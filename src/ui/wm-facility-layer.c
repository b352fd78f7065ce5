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

static GdkRGBA
rgba (guint32 rgb, double alpha)
{
  GdkRGBA c = { ((rgb >> 16) & 0xff) / 255.f, ((rgb >> 8) & 0xff) / 255.f, (rgb & 0xff) / 255.f,
                (float) alpha };

  return c;
}

/* The drawing decides which circles show and how they look; plain ones become border nodes,
 * which the renderers draw directly, dashed ones cairo nodes cut to the window: a node is
 * composited through an image as big as it is, and circles are often bigger than the window. */
static void
snapshot_catchments (WmFacilityLayer *self, GtkSnapshot *snapshot, const WmMapTransform *proj,
                     int width, int height)
{
  for (guint i = 0, n = wm_facility_drawing_get_n_catchments (self->drawing); i < n; i++)
    {
      const WmFacilityCatchment *c = wm_facility_drawing_get_catchment (self->drawing, i);
      WmDrawnCatchment drawn = { c->type, c->rd_x, c->rd_y, c->radius_m, 0, 0, 0, c->proposed,
                                 c->dashed };
      double alpha, line_width, inset, outer;
      guint32 color;

      if (!wm_facility_drawing_get_catchment_in_view (self->drawing, i, proj, width, height,
                                                      &drawn.x, &drawn.y, &drawn.radius_px))
        continue;
      g_array_append_val (self->drawn, drawn);
      wm_facility_drawing_get_catchment_stroke (self->drawing, i, &color, &alpha, &line_width,
                                                &inset);
      outer = drawn.radius_px - inset + line_width / 2;
      if (c->dashed)
        {
          graphene_rect_t rect = GRAPHENE_RECT_INIT (drawn.x - outer - 1, drawn.y - outer - 1,
                                                     2 * outer + 2, 2 * outer + 2);
          graphene_rect_t view = GRAPHENE_RECT_INIT (0, 0, width, height);
          cairo_t *cr;

          if (!graphene_rect_intersection (&rect, &view, &rect))
            continue;
          cr = gtk_snapshot_append_cairo (snapshot, &rect);
          wm_facility_drawing_draw_catchment (self->drawing, cr, i, proj);
          cairo_destroy (cr);
        }
      else
        {
          GdkRGBA rgb = rgba (color, alpha);
          GdkRGBA colors[4] = { rgb, rgb, rgb, rgb };
          float widths[4] = { line_width, line_width, line_width, line_width };
          graphene_rect_t rect = GRAPHENE_RECT_INIT (drawn.x - outer, drawn.y - outer, 2 * outer,
                                                     2 * outer);
          GskRoundedRect circle;

          gsk_rounded_rect_init_from_rect (&circle, &rect, outer);
          gtk_snapshot_append_border (snapshot, &circle, widths, colors);
        }
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
  double radius;

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

  /* A small node per symbol: cheaper to composite than one over all of them. */
  radius = wm_facility_drawing_get_symbol_radius (shumate_viewport_get_zoom_level (viewport));
  for (guint i = 0, n = wm_facility_drawing_get_n_symbols (self->drawing); i < n; i++)
    {
      WmFacilityType type;
      double x, y;

      if (wm_facility_drawing_get_symbol_device (self->drawing, i, &proj, width, height, radius,
                                                 &type, &x, &y))
        wm_facility_layer_append_symbol (widget, snapshot, type, x, y, radius);
    }
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
  /* Clicks go to the map underneath. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}
