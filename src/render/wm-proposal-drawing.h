/* wm-proposal-drawing.h: a scenario's proposals, each kind in its own style
 *
 * A snapshot of one scenario's proposals in world coordinates, made on the main thread;
 * immutable afterwards, so any thread may draw it.
 */
#pragma once

#include <cairo.h>

#include "wm-indicator-engine.h"
#include "wm-map-style.h"
#include "wm-map-transform.h"
#include "wm-plan.h"
#include "wm-timeline.h"

G_BEGIN_DECLS

typedef struct _WmProposalDrawing WmProposalDrawing;

/* How a proposal is drawn. */
typedef enum
{
  WM_PROPOSAL_LOOK_PROPOSAL, /* in its proposal style (outline, badge, strike-through) */
  WM_PROPOSAL_LOOK_HOUSING,  /* a new build after the plan, coloured by its dwellings */
  WM_PROPOSAL_LOOK_BUILDING, /* a new build after the plan, not coloured (neutral building) */
  WM_PROPOSAL_LOOK_GONE,     /* demolished after the plan: empty ground, dashed trace */
} WmProposalLook;

/* @scenario: NULL for the active one. Now (WM_INDICATOR_BASELINE) every proposal looks like a
 * proposal; after the plan a new build is filled and hatched by
 * wm_map_style_get_housing_fill() on its dwellings (@mode WM_HOUSING_NEUTRAL: as a plain
 * building) and a demolished building looks gone. */
WmProposalDrawing *wm_proposal_drawing_new (WmPlan *plan, WmScenario *scenario,
                                            WmIndicatorState state, WmHousingMode mode,
                                            WmSegment segment);
/* The plan as of the end of @year (WM_INDICATOR_ALL_YEARS, 0: the whole plan, as
 * wm_proposal_drawing_new()): a proposal completed by then is drawn as above; one under way
 * (wm_timeline_stage_at()) is drawn as under construction, hatched with a dashed outline
 * whatever @state; one not started is left out. */
WmProposalDrawing *wm_proposal_drawing_new_at_year (WmPlan *plan, WmScenario *scenario,
                                                    WmIndicatorState state, WmHousingMode mode,
                                                    WmSegment segment, int year);
int wm_proposal_drawing_get_year (WmProposalDrawing *self);
/* Where the proposal with id @proposal_id stands in the drawing's year; NOT_STARTED for an
 * unknown id or one with nothing to draw. */
WmTimelineStage wm_proposal_drawing_get_stage (WmProposalDrawing *self, const char *proposal_id);
/* Proposals drawn as under construction. */
guint wm_proposal_drawing_get_n_under_way (WmProposalDrawing *self);
/* The legend's swatch of "under construction": the same hatching and dashed outline. */
void wm_proposal_drawing_draw_under_way_swatch (cairo_t *cr, double x, double y, double width,
                                                double height, double scale);
/* The look of @proposal in that state, without making a drawing (the rule the drawing
 * follows); @out_fill and @out_pattern as in wm_proposal_drawing_get_look(). */
WmProposalLook wm_proposal_drawing_compute_look (WmProposal *proposal, WmIndicatorState state,
                                                 WmHousingMode mode, WmSegment segment,
                                                 guint32 *out_fill, int *out_pattern);
WmProposalDrawing *wm_proposal_drawing_ref (WmProposalDrawing *self);
void wm_proposal_drawing_unref (WmProposalDrawing *self);
/* The proposals with something to draw (those not started in the drawing's year too). */
guint wm_proposal_drawing_get_n_proposals (WmProposalDrawing *self);
/* The look of the proposal with id @proposal_id; @out_fill and @out_pattern (segment or -1)
 * as the fill drawn for the HOUSING, BUILDING and GONE looks. Either may be NULL. */
WmProposalLook wm_proposal_drawing_get_look (WmProposalDrawing *self, const char *proposal_id,
                                             guint32 *out_fill, int *out_pattern);
/* The proposals that meet the device rectangle; @scale as in wm_area_drawing_draw().
 * Returns how many were drawn. */
guint wm_proposal_drawing_draw (WmProposalDrawing *self, cairo_t *cr,
                                const WmMapTransform *transform, double width, double height,
                                double scale);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmProposalDrawing, wm_proposal_drawing_unref)

G_END_DECLS
