/* wm-facility-layer.c: existing facilities as symbols, or the catchment circles of existing and
 * proposed facilities */
#include "config.h"

#include "wm-facility-layer.h"
#include "wm-map-projection.h"
#include "wm-map-style.h"
#include "wm-projection.h"

/* Few and editable, so drawn live from a per-plan cache of world coordinates. */

typedef struct
{
  WmFacilityType type;
  double wx, wy;      /* world coordinates */
  double x, y;        /* RD */
  gboolean proposed;  /* an add-facility proposal of the active scenario */
  gboolean removed;   /* a baseline facility that a proposal removes */
} Symbol;

struct _WmFacilityLayer
{
  ShumateLayer parent_instance;

  WmPlan *plan;
  WmIndicatorEngine *engine;
  WmIndicatorState state;
  gboolean catchments;
  GArray *symbols; /* Symbol; NULL when stale */
  GArray *drawn;   /* WmFacilityCatchment of the last frame */
};

G_DEFINE_FINAL_TYPE (WmFacilityLayer, wm_facility_layer, SHUMATE_TYPE_LAYER)

enum
{
  PROP_0,
  PROP_CATCHMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GdkRGBA
rgba (guint32 rgb, float alpha)
{
  GdkRGBA c = { ((rgb >> 16) & 0xff) / 255.f, ((rgb >> 8) & 0xff) / 255.f, (rgb & 0xff) / 255.f,
                alpha };

  return c;
}

float
wm_facility_layer_get_symbol_radius (double zoom)
{
  return zoom >= 17 ? 13.f : zoom >= 15 ? 10.f : 7.f;
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
  g_clear_pointer (&self->symbols, g_array_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ensure_symbols (WmFacilityLayer *self)
{
  GListModel *facilities;
  GListModel *proposals;

  if (self->symbols != NULL)
    return;

  self->symbols = g_array_new (FALSE, FALSE, sizeof (Symbol));
  if (self->plan == NULL)
    return;

  facilities = wm_plan_get_facilities (self->plan);
  for (guint i = 0, n = g_list_model_get_n_items (facilities); i < n; i++)
    {
      g_autoptr(WmFacility) facility = g_list_model_get_item (facilities, i);
      WmPoint p = wm_facility_get_location (facility);
      Symbol symbol = { wm_facility_get_facility_type (facility), 0, 0, p.x, p.y, FALSE, FALSE };

      symbol.removed = wm_projected_facility_removed (self->plan, NULL, WM_PROJECTED_ALL,
                                                      wm_facility_get_id (facility));
      wm_map_transform_rd_to_world (p.x, p.y, &symbol.wx, &symbol.wy);
      g_array_append_val (self->symbols, symbol);
    }

  /* Proposed facilities only have catchments here; the proposals layer draws their symbols. */
  if (!self->catchments || wm_plan_get_active_scenario (self->plan) == NULL)
    return;
  proposals = wm_scenario_get_proposals (wm_plan_get_active_scenario (self->plan));
  for (guint i = 0, n = g_list_model_get_n_items (proposals); i < n; i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, i);
      WmGeometry *g = wm_proposal_get_geometry (proposal);
      Symbol symbol = { 0 };

      if (wm_proposal_get_kind (proposal) != WM_PROPOSAL_ADD_FACILITY || g == NULL
          || g->n_points == 0)
        continue;
      symbol.type = wm_proposal_get_facility_type (proposal);
      symbol.x = g->points[0].x;
      symbol.y = g->points[0].y;
      symbol.proposed = TRUE;
      wm_map_transform_rd_to_world (symbol.x, symbol.y, &symbol.wx, &symbol.wy);
      g_array_append_val (self->symbols, symbol);
    }
}

double
wm_facility_layer_get_catchment_radius (WmFacilityLayer *self, WmFacilityType type)
{
  const char *kind = wm_map_style_get_coverage_kind (type);

  g_return_val_if_fail (WM_IS_FACILITY_LAYER (self), 0);

  /* The engine's radius is the one the coverage figures use. */
  if (self->engine != NULL && kind != NULL)
    return wm_indicator_engine_get_coverage_radius (self->engine, kind);
  return wm_map_style_get_catchment_radius (type);
}

/* A proposed catchment is dashed while the map shows now, like any proposal. */
static void
append_dashed_circle (GtkSnapshot *snapshot, double x, double y, double r, guint32 color,
                      int width, int height)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x - r - 2, y - r - 2, 2 * r + 4, 2 * r + 4);
  graphene_rect_t view = GRAPHENE_RECT_INIT (0, 0, width, height);
  cairo_t *cr;

  /* Only the part in the window: the circle may be far bigger. */
  if (!graphene_rect_intersection (&rect, &view, &rect))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &rect);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  wm_map_style_set_source_rgb (cr, color, 0.9);
  cairo_set_line_width (cr, 2.5);
  cairo_set_dash (cr, (double[]) { 8, 5 }, 2, 0);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
snapshot_catchments (WmFacilityLayer *self, GtkSnapshot *snapshot, const WmMapTransform *proj,
                     int width, int height)
{
  for (guint i = 0; i < self->symbols->len; i++)
    {
      const Symbol *s = &g_array_index (self->symbols, Symbol, i);
      double radius = wm_facility_layer_get_catchment_radius (self, s->type);
      guint32 rgb = wm_map_style_get_facility_color (s->type);
      GdkRGBA color = rgba (rgb, 0.8f);
      GdkRGBA colors[4] = { color, color, color, color };
      float widths[4] = { 2.f, 2.f, 2.f, 2.f };
      WmFacilityCatchment drawn;
      double x, y, r;
      graphene_rect_t rect;
      GskRoundedRect circle;

      /* After the plan a removed facility serves nobody. */
      if (radius <= 0 || (s->removed && self->state == WM_INDICATOR_PROJECTED))
        continue;
      r = wm_map_transform_metres_to_pixels (proj, s->x, s->y, radius);
      wm_map_transform_apply (proj, s->wx, s->wy, &x, &y);
      /* Outlines only: a filled disc as big as the window costs a full-window blend. */
      if (x + r < 0 || y + r < 0 || x - r > width || y - r > height || r < 3)
        continue;
      drawn = (WmFacilityCatchment) { s->type, s->x, s->y, radius, x, y, r, s->proposed,
                                      s->proposed && self->state != WM_INDICATOR_PROJECTED };
      g_array_append_val (self->drawn, drawn);
      if (drawn.dashed)
        {
          append_dashed_circle (snapshot, x, y, r, rgb, width, height);
          continue;
        }
      rect = GRAPHENE_RECT_INIT (x - r, y - r, 2 * r, 2 * r);
      gsk_rounded_rect_init_from_rect (&circle, &rect, r);
      gtk_snapshot_append_border (snapshot, &circle, widths, colors);
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
  float radius;

  g_array_set_size (self->drawn, 0);
  if (self->plan == NULL || width <= 0 || height <= 0)
    return;

  ensure_symbols (self);
  wm_map_projection_init (&proj, viewport, width, height);

  if (self->catchments)
    {
      snapshot_catchments (self, snapshot, &proj, width, height);
      return;
    }

  radius = wm_facility_layer_get_symbol_radius (shumate_viewport_get_zoom_level (viewport));
  for (guint i = 0; i < self->symbols->len; i++)
    {
      const Symbol *s = &g_array_index (self->symbols, Symbol, i);
      double x, y;

      wm_map_transform_apply (&proj, s->wx, s->wy, &x, &y);
      if (x < -radius - 4 || y < -radius - 4 || x > width + radius + 4 || y > height + radius + 4)
        continue;
      wm_facility_layer_append_symbol (widget, snapshot, s->type, x, y, radius);
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
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wm_facility_layer_set_state (WmFacilityLayer *self, WmIndicatorState state)
{
  g_return_if_fail (WM_IS_FACILITY_LAYER (self));

  if (self->state == state)
    return;
  self->state = state;
  gtk_widget_queue_draw (GTK_WIDGET (self));
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

const WmFacilityCatchment *
wm_facility_layer_get_drawn_catchment (WmFacilityLayer *self, guint index)
{
  g_return_val_if_fail (WM_IS_FACILITY_LAYER (self), NULL);
  g_return_val_if_fail (index < self->drawn->len, NULL);
  return &g_array_index (self->drawn, WmFacilityCatchment, index);
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
  g_clear_pointer (&self->symbols, g_array_unref);
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
  self->drawn = g_array_new (FALSE, FALSE, sizeof (WmFacilityCatchment));
  /* Clicks go to the map underneath. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}
