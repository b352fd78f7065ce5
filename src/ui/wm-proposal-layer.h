/* wm-proposal-layer.h: the active scenario's proposals, each kind in its own style */
#pragma once

#include <shumate/shumate.h>

#include "wm-indicator-engine.h"
#include "wm-map-style.h"
#include "wm-plan.h"
#include "wm-proposal-drawing.h"

G_BEGIN_DECLS

#define WM_TYPE_PROPOSAL_LAYER (wm_proposal_layer_get_type ())
G_DECLARE_FINAL_TYPE (WmProposalLayer, wm_proposal_layer, WM, PROPOSAL_LAYER, ShumateLayer)

WmProposalLayer *wm_proposal_layer_new (ShumateViewport *viewport);
/* Follows the plan's active scenario and redraws when it or its proposals change. */
void wm_proposal_layer_set_plan (WmProposalLayer *self, WmPlan *plan);
/* The housing colouring the map shows: now (WM_INDICATOR_BASELINE, the default) every
 * proposal looks like a proposal; after the plan a new build is filled and hatched by
 * wm_map_style_get_housing_fill() on its dwellings (@mode WM_HOUSING_NEUTRAL: as a plain
 * building) and a demolished building looks gone. */
void wm_proposal_layer_set_housing (WmProposalLayer *self, WmIndicatorState state,
                                    WmHousingMode mode, WmSegment segment);
WmIndicatorState wm_proposal_layer_get_state (WmProposalLayer *self);
/* The year the map shows (WM_INDICATOR_ALL_YEARS, 0: the whole plan): proposals under way
 * then are drawn as under construction, those not started are left out
 * (wm_proposal_drawing_new_at_year()). */
void wm_proposal_layer_set_year (WmProposalLayer *self, int year);
int wm_proposal_layer_get_year (WmProposalLayer *self);
/* Where @proposal stands in the layer's year (wm_timeline_stage_at()). */
WmTimelineStage wm_proposal_layer_get_stage (WmProposalLayer *self, WmProposal *proposal);
/* Proposals of the active scenario under way in the layer's year. */
guint wm_proposal_layer_get_n_under_way (WmProposalLayer *self);
/* The look of @proposal now; @out_fill and @out_pattern (segment or -1) as the fill drawn
 * for the HOUSING, BUILDING and GONE looks. Either may be NULL. */
WmProposalLook wm_proposal_layer_get_look (WmProposalLayer *self, WmProposal *proposal,
                                           guint32 *out_fill, int *out_pattern);
/* Proposals drawn by the last frame (for tests and the benchmark). */
guint wm_proposal_layer_get_n_drawn (WmProposalLayer *self);

G_END_DECLS
