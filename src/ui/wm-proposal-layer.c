/* wm-proposal-layer.c: the active scenario's proposals, each kind in its own style */
#include "config.h"

#include "wm-layer-cache.h"
#include "wm-map-projection.h"
#include "wm-proposal-layer.h"

/* Drawn live above everything: a scenario holds tens of proposals, not thousands. The
 * drawing itself is in src/render (the same for PDF and PNG); it is a snapshot, remade when
 * the scenario, the plan or the housing colouring changes. */

struct _WmProposalLayer
{
  ShumateLayer parent_instance;

  WmPlan *plan;
  WmScenario *scenario; /* the active one, followed */
  WmProposalDrawing *drawing; /* NULL until the next frame needs it */
  guint n_drawn;
  /* How the housing colours are shown, so that after the plan a new build looks like the
   * buildings around it. */
  WmIndicatorState state;
  WmHousingMode housing_mode;
  WmSegment housing_segment;
  int year;
};

G_DEFINE_FINAL_TYPE (WmProposalLayer, wm_proposal_layer, SHUMATE_TYPE_LAYER)

WmProposalLook
wm_proposal_layer_get_look (WmProposalLayer *self, WmProposal *proposal, guint32 *out_fill,
                            int *out_pattern)
{
  g_return_val_if_fail (WM_IS_PROPOSAL_LAYER (self), WM_PROPOSAL_LOOK_PROPOSAL);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), WM_PROPOSAL_LOOK_PROPOSAL);

  /* Under way or not started: not yet the look after the plan (as the drawing does). */
  return wm_proposal_drawing_compute_look (proposal,
                                           wm_timeline_stage_at (proposal, self->year)
                                                   == WM_TIMELINE_COMPLETED
                                               ? self->state : WM_INDICATOR_BASELINE,
                                           self->housing_mode, self->housing_segment, out_fill,
                                           out_pattern);
}

WmTimelineStage
wm_proposal_layer_get_stage (WmProposalLayer *self, WmProposal *proposal)
{
  g_return_val_if_fail (WM_IS_PROPOSAL_LAYER (self), WM_TIMELINE_NOT_STARTED);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), WM_TIMELINE_NOT_STARTED);

  return wm_timeline_stage_at (proposal, self->year);
}

static void
invalidate (WmProposalLayer *self)
{
  g_clear_pointer (&self->drawing, wm_proposal_drawing_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* For the layer cache's picture; the count is of that drawing. */
static void
draw_proposals (cairo_t *cr, const WmMapTransform *transform, int width, int height,
                gpointer data)
{
  WmProposalLayer *self = data;

  self->n_drawn = wm_proposal_drawing_draw (self->drawing, cr, transform, width, height, 1.0);
}

static void
wm_proposal_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  WmProposalLayer *self = WM_PROPOSAL_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  WmMapTransform transform;
  guint n_drawn = self->n_drawn;
  WmLayerCache *cache;
  cairo_t *cr;

  self->n_drawn = 0;
  if (self->plan == NULL || self->scenario == NULL || width <= 0 || height <= 0)
    return;

  if (self->drawing == NULL)
    self->drawing = wm_proposal_drawing_new_at_year (self->plan, self->scenario, self->state,
                                                     self->housing_mode, self->housing_segment,
                                                     self->year);
  if (wm_proposal_drawing_get_n_proposals (self->drawing) == 0)
    return;

  /* Still or panning: one picture, drawn once and moved with the map (wm-layer-cache.h); a
   * picture moved keeps the count of its drawing. */
  self->n_drawn = n_drawn;
  cache = wm_layer_cache_get_for_widget (widget);
  wm_layer_cache_set_content (cache, self->drawing, (GBoxedCopyFunc) wm_proposal_drawing_ref,
                              (GDestroyNotify) wm_proposal_drawing_unref);
  if (wm_layer_cache_snapshot (cache, widget, viewport, snapshot, NULL, draw_proposals, self))
    return;

  wm_map_projection_init (&transform, viewport, width, height);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->n_drawn = wm_proposal_drawing_draw (self->drawing, cr, &transform, width, height, 1.0);
  cairo_destroy (cr);
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
        g_signal_connect_object (self->scenario, "changed", G_CALLBACK (invalidate), self,
                                 G_CONNECT_SWAPPED);
    }
  /* The plan changed (buildings, facilities, the scenario): the snapshot is stale. */
  invalidate (self);
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
  invalidate (self);
}

void
wm_proposal_layer_set_year (WmProposalLayer *self, int year)
{
  g_return_if_fail (WM_IS_PROPOSAL_LAYER (self));

  if (self->year == year)
    return;
  self->year = year;
  invalidate (self);
}

int
wm_proposal_layer_get_year (WmProposalLayer *self)
{
  g_return_val_if_fail (WM_IS_PROPOSAL_LAYER (self), 0);
  return self->year;
}

guint
wm_proposal_layer_get_n_under_way (WmProposalLayer *self)
{
  GListModel *proposals;
  guint n = 0;

  g_return_val_if_fail (WM_IS_PROPOSAL_LAYER (self), 0);

  if (self->scenario == NULL || self->year == 0)
    return 0;
  proposals = wm_scenario_get_proposals (self->scenario);
  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, i);

      n += wm_timeline_stage_at (proposal, self->year) == WM_TIMELINE_UNDER_WAY;
    }
  return n;
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
  g_clear_pointer (&self->drawing, wm_proposal_drawing_unref);

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
