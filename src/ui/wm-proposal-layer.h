/* wm-proposal-layer.h: the active scenario's proposals, each kind in its own style */
#pragma once

#include <shumate/shumate.h>

#include "wm-plan.h"

G_BEGIN_DECLS

#define WM_TYPE_PROPOSAL_LAYER (wm_proposal_layer_get_type ())
G_DECLARE_FINAL_TYPE (WmProposalLayer, wm_proposal_layer, WM, PROPOSAL_LAYER, ShumateLayer)

WmProposalLayer *wm_proposal_layer_new (ShumateViewport *viewport);
/* Follows the plan's active scenario and redraws when it or its proposals change. */
void wm_proposal_layer_set_plan (WmProposalLayer *self, WmPlan *plan);
/* Proposals drawn by the last frame (for tests and the benchmark). */
guint wm_proposal_layer_get_n_drawn (WmProposalLayer *self);

G_END_DECLS
