/* wm-proposal-layer.c: the active scenario's proposals, each kind in its own style */
#include "config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "wm-facility-layer.h"
#include "wm-map-projection.h"
#include "wm-map-style.h"
#include "wm-proposal-layer.h"
#include "wm-tile-renderer.h"

/* Drawn live above everything: a scenario holds tens of proposals, not thousands. */

struct _WmProposalLayer
{
  ShumateLayer parent_instance;

  WmPlan *plan;
  WmScenario *scenario; /* the active one, followed */
  guint n_drawn;
  /* How the housing colours are shown, so that after the plan a new build looks like the
   * buildings around it. */
  WmIndicatorState state;
  WmHousingMode housing_mode;
  WmSegment housing_segment;
};

G_DEFINE_FINAL_TYPE (WmProposalLayer, wm_proposal_layer, SHUMATE_TYPE_LAYER)

typedef struct
{
  cairo_t *cr;
  WmMapTransform proj;
  int width, height;
  double zoom;
  PangoFontDescription *font;
} DrawContext;

WmProposalLook
wm_proposal_layer_get_look (WmProposalLayer *self, WmProposal *proposal, guint32 *out_fill,
                            int *out_pattern)
{
  guint32 fill = wm_map_style_get_new_build_fill ();
  int pattern = -1;
  WmProposalLook look = WM_PROPOSAL_LOOK_PROPOSAL;

  g_return_val_if_fail (WM_IS_PROPOSAL_LAYER (self), WM_PROPOSAL_LOOK_PROPOSAL);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), WM_PROPOSAL_LOOK_PROPOSAL);

  if (self->state == WM_INDICATOR_PROJECTED)
    {
      switch (wm_proposal_get_kind (proposal))
        {
        case WM_PROPOSAL_DEMOLISH:
          look = WM_PROPOSAL_LOOK_GONE;
          fill = wm_map_style_get_background ();
          break;
        case WM_PROPOSAL_NEW_BUILD:
          /* The same rule as the housing tiles, on the dwellings it adds. */
          if (wm_map_style_get_housing_fill (self->housing_mode, self->housing_segment,
                                             wm_proposal_get_dwelling_delta (proposal), &fill,
                                             &pattern))
            {
              look = WM_PROPOSAL_LOOK_HOUSING;
            }
          else
            {
              look = WM_PROPOSAL_LOOK_BUILDING;
              fill = wm_map_style_get_building ()->fill;
              pattern = -1;
            }
          break;
        case WM_PROPOSAL_CONVERT_TENURE:
        case WM_PROPOSAL_RENOVATE:
        case WM_PROPOSAL_TRANSFORM:
        case WM_PROPOSAL_SPLIT_MERGE:
        case WM_PROPOSAL_ADD_FACILITY:
        case WM_PROPOSAL_REMOVE_FACILITY:
        case WM_N_PROPOSAL_KINDS:
        default:
          break;
        }
    }
  if (out_fill != NULL)
    *out_fill = fill;
  if (out_pattern != NULL)
    *out_pattern = pattern;
  return look;
}

static void
append_geometry (DrawContext *ctx, const WmGeometry *g)
{
  for (guint r = 0; r < g->n_rings; r++)
    {
      for (guint i = g->ring_start[r]; i < g->ring_start[r + 1]; i++)
        {
          double wx, wy, x, y;

          wm_map_transform_rd_to_world (g->points[i].x, g->points[i].y, &wx, &wy);
          wm_map_transform_apply (&ctx->proj, wx, wy, &x, &y);
          if (i == g->ring_start[r])
            cairo_move_to (ctx->cr, x, y);
          else
            cairo_line_to (ctx->cr, x, y);
        }
      if (g->kind != WM_GEOMETRY_LINESTRING)
        cairo_close_path (ctx->cr);
    }
}

static void
to_widget (DrawContext *ctx, WmPoint p, double *x, double *y)
{
  double wx, wy;

  wm_map_transform_rd_to_world (p.x, p.y, &wx, &wy);
  wm_map_transform_apply (&ctx->proj, wx, wy, x, y);
}

static gboolean
in_view (DrawContext *ctx, double x, double y, double margin)
{
  return x >= -margin && y >= -margin && x <= ctx->width + margin && y <= ctx->height + margin;
}

/* Struck through and cross-hatched in dark red: clearly "goes away", also in grey scale. */
static void
draw_demolition (DrawContext *ctx, const WmGeometry *footprint)
{
  cairo_t *cr = ctx->cr;
  guint32 red = wm_map_style_get_demolition_color ();
  double x0, y0, x1, y1;

  cairo_new_path (cr);
  append_geometry (ctx, footprint);
  cairo_path_extents (cr, &x0, &y0, &x1, &y1);
  if (x1 < 0 || y1 < 0 || x0 > ctx->width || y0 > ctx->height)
    {
      cairo_new_path (cr);
      return;
    }
  cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
  cairo_fill_preserve (cr);

  cairo_save (cr);
  cairo_clip_preserve (cr);
  wm_map_style_set_source_rgb (cr, red, 0.9);
  cairo_set_line_width (cr, 1.2);
  cairo_new_path (cr);
  for (double d = -(y1 - y0); d < x1 - x0; d += 5)
    {
      cairo_move_to (cr, x0 + d, y1);
      cairo_line_to (cr, x0 + d + (y1 - y0), y0);
      cairo_move_to (cr, x0 + d, y0);
      cairo_line_to (cr, x0 + d + (y1 - y0), y1);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  cairo_new_path (cr);
  append_geometry (ctx, footprint);
  wm_map_style_set_source_rgb (cr, red, 1.0);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
}

/* After the plan: the footprint is empty ground, with a dashed trace of what stood there. */
static void
draw_gone (DrawContext *ctx, const WmGeometry *footprint)
{
  cairo_t *cr = ctx->cr;

  cairo_new_path (cr);
  append_geometry (ctx, footprint);
  wm_map_style_set_source_rgb (cr, wm_map_style_get_background (), 0.92);
  cairo_fill_preserve (cr);
  wm_map_style_set_source_rgb (cr, wm_map_style_get_demolition_color (), 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Outline widths of the housing tiles (wm-tile-renderer.c), so a new build matches. */
static double
housing_outline_width (double zoom)
{
  if (zoom >= 18)
    return 1.0;
  if (zoom >= 17)
    return 0.8;
  if (zoom >= 16)
    return 0.6;
  return 0;
}

static void
draw_badge (DrawContext *ctx, double x, double y, const char *symbol, guint32 color)
{
  cairo_t *cr = ctx->cr;
  double r = ctx->zoom >= 17 ? 10 : 8;
  g_autoptr(PangoLayout) layout = NULL;
  int w, h;

  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  wm_map_style_set_source_rgb (cr, color, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);

  layout = pango_cairo_create_layout (cr);
  pango_font_description_set_absolute_size (ctx->font, r * 1.3 * PANGO_SCALE);
  pango_layout_set_font_description (layout, ctx->font);
  pango_layout_set_text (layout, symbol, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w / 2.0, y - h / 2.0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  pango_cairo_show_layout (cr, layout);
}

/* After the plan: filled and hatched like the buildings of the housing tiles, with a small
 * "+" in a corner so that it can still be told as new. */
static void
draw_new_build_after (DrawContext *ctx, const WmGeometry *g, guint32 fill, int pattern)
{
  cairo_t *cr = ctx->cr;
  double x0, y0, x1, y1, outline = housing_outline_width (ctx->zoom);

  cairo_new_path (cr);
  append_geometry (ctx, g);
  cairo_path_extents (cr, &x0, &y0, &x1, &y1);
  wm_map_style_set_source_rgb (cr, fill, 1.0);
  cairo_fill_preserve (cr);
  if (pattern >= 0 && ctx->zoom >= WM_HOUSING_PATTERN_MIN_ZOOM)
    {
      cairo_save (cr);
      cairo_clip_preserve (cr);
      wm_map_style_draw_segment_pattern (cr, (WmSegment) pattern, x0, y0, x1, y1,
                                         ctx->zoom >= 19 ? 7.0 : 5.0);
      cairo_restore (cr);
    }
  if (outline > 0)
    {
      wm_map_style_set_source_rgb (cr, wm_map_style_get_housing_outline (), 1.0);
      cairo_set_line_width (cr, outline);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);

  if (ctx->zoom >= 17 && in_view (ctx, x1, y0, 8))
    {
      cairo_arc (cr, x1, y0, 5.5, 0, 2 * G_PI);
      wm_map_style_set_source_rgb (cr, wm_map_style_get_new_build_color (), 1.0);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
      cairo_move_to (cr, x1 - 3, y0);
      cairo_line_to (cr, x1 + 3, y0);
      cairo_move_to (cr, x1, y0 - 3);
      cairo_line_to (cr, x1, y0 + 3);
      cairo_set_line_width (cr, 1.6);
      cairo_stroke (cr);
    }
}

static void
draw_new_build (DrawContext *ctx, WmProposal *proposal, const WmGeometry *g)
{
  cairo_t *cr = ctx->cr;
  guint32 blue = wm_map_style_get_new_build_color ();
  double x, y;

  cairo_new_path (cr);
  append_geometry (ctx, g);
  wm_map_style_set_source_rgb (cr, wm_map_style_get_new_build_fill (), 0.85);
  cairo_fill_preserve (cr);
  wm_map_style_set_source_rgb (cr, blue, 1.0);
  cairo_set_line_width (cr, 3.5);
  cairo_stroke (cr);

  to_widget (ctx, wm_geometry_centroid (g), &x, &y);
  if (ctx->zoom >= 16 && in_view (ctx, x, y, 12))
    draw_badge (ctx, x, y, wm_map_style_get_proposal_symbol (WM_PROPOSAL_NEW_BUILD), blue);
}

static void
draw_proposal_shapes (WmProposalLayer *self, DrawContext *ctx, WmProposal *proposal)
{
  WmProposalKind kind = wm_proposal_get_kind (proposal);
  const char *const *ids = wm_proposal_get_building_ids (proposal);
  WmGeometry *geometry = wm_proposal_get_geometry (proposal);
  gboolean drawn = FALSE;
  guint32 fill;
  int pattern;
  WmProposalLook look = wm_proposal_layer_get_look (self, proposal, &fill, &pattern);

  switch (kind)
    {
    case WM_PROPOSAL_DEMOLISH:
      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        {
          WmBuilding *building = wm_plan_find_building (self->plan, ids[i]);

          if (building != NULL && wm_building_get_footprint (building) != NULL)
            {
              if (look == WM_PROPOSAL_LOOK_GONE)
                draw_gone (ctx, wm_building_get_footprint (building));
              else
                draw_demolition (ctx, wm_building_get_footprint (building));
              drawn = TRUE;
            }
        }
      if (!drawn && geometry != NULL && geometry->n_rings > 0)
        {
          if (look == WM_PROPOSAL_LOOK_GONE)
            draw_gone (ctx, geometry);
          else
            draw_demolition (ctx, geometry);
          drawn = TRUE;
        }
      break;

    case WM_PROPOSAL_NEW_BUILD:
      if (geometry != NULL && geometry->n_rings > 0)
        {
          if (look == WM_PROPOSAL_LOOK_PROPOSAL)
            draw_new_build (ctx, proposal, geometry);
          else
            draw_new_build_after (ctx, geometry, fill, pattern);
          drawn = TRUE;
        }
      break;

    case WM_PROPOSAL_CONVERT_TENURE:
    case WM_PROPOSAL_RENOVATE:
    case WM_PROPOSAL_TRANSFORM:
    case WM_PROPOSAL_SPLIT_MERGE:
      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        {
          WmBuilding *building = wm_plan_find_building (self->plan, ids[i]);
          double x, y;

          if (building == NULL || wm_building_get_footprint (building) == NULL)
            continue;
          to_widget (ctx, wm_geometry_centroid (wm_building_get_footprint (building)), &x, &y);
          drawn = TRUE;
          if (in_view (ctx, x, y, 12))
            draw_badge (ctx, x, y, wm_map_style_get_proposal_symbol (kind),
                        wm_map_style_get_change_color ());
        }
      if (!drawn && geometry != NULL && geometry->n_points > 0)
        {
          double x, y;

          to_widget (ctx, wm_geometry_centroid (geometry), &x, &y);
          drawn = TRUE;
          if (in_view (ctx, x, y, 12))
            draw_badge (ctx, x, y, wm_map_style_get_proposal_symbol (kind),
                        wm_map_style_get_change_color ());
        }
      break;

    case WM_PROPOSAL_ADD_FACILITY:
    case WM_PROPOSAL_REMOVE_FACILITY:
    case WM_N_PROPOSAL_KINDS:
    default:
      /* Symbols, in the second pass. */
      break;
    }

  if (drawn)
    self->n_drawn++;
}

/* Facility proposals: the type's symbol with a dashed "+" ring, or crossed out. */
static void
snapshot_facility_proposal (WmProposalLayer *self, GtkSnapshot *snapshot, DrawContext *ctx,
                            WmProposal *proposal)
{
  WmProposalKind kind = wm_proposal_get_kind (proposal);
  float radius = wm_facility_layer_get_symbol_radius (ctx->zoom);
  WmFacilityType type;
  WmPoint p;
  double x, y;
  cairo_t *cr;

  if (kind == WM_PROPOSAL_ADD_FACILITY)
    {
      WmGeometry *g = wm_proposal_get_geometry (proposal);

      if (g == NULL || g->n_points == 0)
        return;
      p = g->points[0];
      type = wm_proposal_get_facility_type (proposal);
    }
  else
    {
      const char *id = wm_proposal_get_facility_id (proposal);
      WmFacility *facility = id != NULL ? wm_plan_find_facility (self->plan, id) : NULL;

      if (facility == NULL)
        return;
      p = wm_facility_get_location (facility);
      type = wm_facility_get_facility_type (facility);
    }

  self->n_drawn++;
  to_widget (ctx, p, &x, &y);
  if (!in_view (ctx, x, y, radius + 12))
    return;

  wm_facility_layer_append_symbol (GTK_WIDGET (self), snapshot, type, x, y, radius);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x - radius - 12, y - radius - 12,
                                                                 2 * radius + 24,
                                                                 2 * radius + 24));
  if (kind == WM_PROPOSAL_ADD_FACILITY)
    {
      guint32 blue = wm_map_style_get_new_build_color ();
      double bx = x + radius * 0.8, by = y - radius * 0.8;

      cairo_arc (cr, x, y, radius + 5, 0, 2 * G_PI);
      wm_map_style_set_source_rgb (cr, blue, 1.0);
      cairo_set_line_width (cr, 2.5);
      cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      /* The "+" badge. */
      cairo_arc (cr, bx, by, 6.5, 0, 2 * G_PI);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      cairo_move_to (cr, bx - 3.5, by);
      cairo_line_to (cr, bx + 3.5, by);
      cairo_move_to (cr, bx, by - 3.5);
      cairo_line_to (cr, bx, by + 3.5);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  else
    {
      double d = radius + 3;

      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      for (int pass = 0; pass < 2; pass++)
        {
          cairo_move_to (cr, x - d, y - d);
          cairo_line_to (cr, x + d, y + d);
          cairo_move_to (cr, x + d, y - d);
          cairo_line_to (cr, x - d, y + d);
          if (pass == 0)
            {
              cairo_set_source_rgb (cr, 1, 1, 1);
              cairo_set_line_width (cr, 6);
            }
          else
            {
              wm_map_style_set_source_rgb (cr, wm_map_style_get_demolition_color (), 1.0);
              cairo_set_line_width (cr, 3.5);
            }
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);
}

static void
wm_proposal_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  WmProposalLayer *self = WM_PROPOSAL_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GListModel *proposals;
  DrawContext ctx = { 0 };
  guint n;

  self->n_drawn = 0;
  ctx.width = gtk_widget_get_width (widget);
  ctx.height = gtk_widget_get_height (widget);
  if (self->scenario == NULL || ctx.width <= 0 || ctx.height <= 0)
    return;

  proposals = wm_scenario_get_proposals (self->scenario);
  n = g_list_model_get_n_items (proposals);
  if (n == 0)
    return;

  ctx.zoom = shumate_viewport_get_zoom_level (viewport);
  wm_map_projection_init (&ctx.proj, viewport, ctx.width, ctx.height);
  ctx.font = pango_font_description_from_string ("Sans Bold");

  ctx.cr = gtk_snapshot_append_cairo (snapshot,
                                      &GRAPHENE_RECT_INIT (0, 0, ctx.width, ctx.height));
  cairo_set_line_join (ctx.cr, CAIRO_LINE_JOIN_ROUND);
  /* After the plan what is gone lies under what is built on its place (sloop-nieuwbouw). */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, i);
        gboolean gone = wm_proposal_layer_get_look (self, proposal, NULL, NULL)
                        == WM_PROPOSAL_LOOK_GONE;

        if (gone == (pass == 0))
          draw_proposal_shapes (self, &ctx, proposal);
      }
  cairo_destroy (ctx.cr);
  ctx.cr = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, i);
      WmProposalKind kind = wm_proposal_get_kind (proposal);

      if (kind == WM_PROPOSAL_ADD_FACILITY || kind == WM_PROPOSAL_REMOVE_FACILITY)
        snapshot_facility_proposal (self, snapshot, &ctx, proposal);
    }

  pango_font_description_free (ctx.font);
}

static void
follow_active_scenario (WmProposalLayer *self)
{
  WmScenario *active = self->plan != NULL ? wm_plan_get_active_scenario (self->plan) : NULL;

  if (active != self->scenario)
    {
      if (self->scenario != NULL)
        g_signal_handlers_disconnect_by_data (self->scenario, self);
      g_set_object (&self->scenario, active);
      if (self->scenario != NULL)
        g_signal_connect_object (self->scenario, "changed", G_CALLBACK (gtk_widget_queue_draw),
                                 self, G_CONNECT_SWAPPED);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

WmProposalLayer *
wm_proposal_layer_new (ShumateViewport *viewport)
{
  return g_object_new (WM_TYPE_PROPOSAL_LAYER, "viewport", viewport, NULL);
}

void
wm_proposal_layer_set_plan (WmProposalLayer *self, WmPlan *plan)
{
  g_return_if_fail (WM_IS_PROPOSAL_LAYER (self));

  if (self->plan == plan)
    return;

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  if (self->plan != NULL)
    {
      g_signal_connect_object (self->plan, "changed", G_CALLBACK (follow_active_scenario), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->plan, "notify", G_CALLBACK (follow_active_scenario), self,
                               G_CONNECT_SWAPPED);
    }
  follow_active_scenario (self);
}

void
wm_proposal_layer_set_housing (WmProposalLayer *self, WmIndicatorState state, WmHousingMode mode,
                               WmSegment segment)
{
  g_return_if_fail (WM_IS_PROPOSAL_LAYER (self));

  if (self->state == state && self->housing_mode == mode && self->housing_segment == segment)
    return;
  self->state = state;
  self->housing_mode = mode;
  self->housing_segment = segment;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

WmIndicatorState
wm_proposal_layer_get_state (WmProposalLayer *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL_LAYER (self), WM_INDICATOR_BASELINE);
  return self->state;
}

guint
wm_proposal_layer_get_n_drawn (WmProposalLayer *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL_LAYER (self), 0);

  return self->n_drawn;
}

static void
wm_proposal_layer_constructed (GObject *object)
{
  WmProposalLayer *self = WM_PROPOSAL_LAYER (object);

  G_OBJECT_CLASS (wm_proposal_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
wm_proposal_layer_dispose (GObject *object)
{
  WmProposalLayer *self = WM_PROPOSAL_LAYER (object);

  wm_proposal_layer_set_plan (self, NULL);

  G_OBJECT_CLASS (wm_proposal_layer_parent_class)->dispose (object);
}

static void
wm_proposal_layer_class_init (WmProposalLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wm_proposal_layer_constructed;
  object_class->dispose = wm_proposal_layer_dispose;
  widget_class->snapshot = wm_proposal_layer_snapshot;
}

static void
wm_proposal_layer_init (WmProposalLayer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}
