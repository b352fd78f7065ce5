/* wm-proposal-factory.h: valid proposals from user intent, validation and projected state
 *
 * Projected state, and the order in which proposals are validated, are in wm-projection.h
 * (included here for the callers).
 */
#pragma once

#include "wm-plan.h"
#include "wm-projection.h"
#include "wm-proposal.h"

G_BEGIN_DECLS

/* More dwellings than this in one building is refused as a typing error. */
#define WM_PROPOSAL_MAX_DWELLINGS 5000
/* Years outside this range are refused; 0 means "no year yet" and is allowed. */
#define WM_PROPOSAL_MIN_YEAR 1900
#define WM_PROPOSAL_MAX_YEAR 2200

#define WM_PROPOSAL_ERROR (wm_proposal_error_quark ())
GQuark wm_proposal_error_quark (void);
typedef enum
{
  WM_PROPOSAL_ERROR_UNKNOWN_BUILDING, /* no such baseline building */
  WM_PROPOSAL_ERROR_DEMOLISHED,       /* an earlier proposal demolishes the building */
  WM_PROPOSAL_ERROR_UNKNOWN_FACILITY, /* no such baseline facility */
  WM_PROPOSAL_ERROR_FACILITY_REMOVED, /* an earlier proposal removes the facility */
  WM_PROPOSAL_ERROR_NEGATIVE,         /* a negative number of dwellings */
  WM_PROPOSAL_ERROR_NOT_ENOUGH,       /* more dwellings than the building has */
  WM_PROPOSAL_ERROR_EMPTY,            /* nothing would change (no buildings, no dwellings) */
  WM_PROPOSAL_ERROR_TOO_MANY,         /* above WM_PROPOSAL_MAX_DWELLINGS */
  WM_PROPOSAL_ERROR_GEOMETRY,         /* missing, degenerate or self-intersecting shape */
  WM_PROPOSAL_ERROR_HAS_DWELLINGS,    /* transformation of a building that has dwellings */
  WM_PROPOSAL_ERROR_SAME_SEGMENT,     /* conversion to the segment it already is */
  WM_PROPOSAL_ERROR_YEAR,             /* year out of range */
  WM_PROPOSAL_ERROR_INVALID,          /* fields that do not fit the kind */
} WmProposalError;

/* Mix presets for new build and transformation. Weights per segment; split exactly with
 * wm_mix_preset_split(). "thirds" (1/3-1/3-1/3) is social rent / mid-rent / expensive
 * owner-occupied, Zoetermeer's target mix. */
typedef struct
{
  const char *id;
  const char *label; /* untranslated; use wm_mix_preset_get_label() */
  guint weights[WM_N_SEGMENTS];
} WmMixPreset;

guint wm_mix_preset_get_n_presets (void);
const WmMixPreset *wm_mix_preset_get (guint index);
const WmMixPreset *wm_mix_preset_find (const char *id);
const char *wm_mix_preset_get_label (const WmMixPreset *preset);
/* @n_dwellings (>= 0) split by the weights with largest-remainder rounding (ties go to the
 * first segment); the counts always sum to @n_dwellings. */
WmDwellingMix wm_mix_preset_split (const WmMixPreset *preset, int n_dwellings);

/* WmDwellingType and its keys and labels are in wm-proposal.h. */

/* Constructors. Each returns a new proposal (fresh id from wm_plan_new_id(), a default
 * name, @year) valid to be appended to @scenario (NULL: the active one), or NULL with a
 * WM_PROPOSAL_ERROR saying why. They do not add it: pass it to wm_history_add_proposal(). */
WmProposal *wm_proposal_factory_demolish (WmPlan             *plan,
                                          WmScenario         *scenario,
                                          const char *const  *building_ids,
                                          int                 year,
                                          GError            **error);
/* @footprint: a polygon or multipolygon; repeated consecutive vertices are dropped. */
WmProposal *wm_proposal_factory_new_build (WmPlan               *plan,
                                           WmScenario           *scenario,
                                           WmGeometry           *footprint,
                                           const WmDwellingMix  *mix,
                                           WmDwellingType        type,
                                           int                   year,
                                           GError              **error);
/* Moves @n dwellings from @from to @to (sale of social rent, liberalisation, purchase). */
WmProposal *wm_proposal_factory_convert_tenure (WmPlan      *plan,
                                                WmScenario  *scenario,
                                                const char  *building_id,
                                                WmSegment    from,
                                                WmSegment    to,
                                                int          n,
                                                int          year,
                                                GError     **error);
/* Renovates @n dwellings of @from, which end up in @to (may equal @from: quality only).
 * @quality_note (may be NULL) describes the upgrade and becomes the note. */
WmProposal *wm_proposal_factory_renovate (WmPlan      *plan,
                                          WmScenario  *scenario,
                                          const char  *building_id,
                                          WmSegment    from,
                                          WmSegment    to,
                                          int          n,
                                          const char  *quality_note,
                                          int          year,
                                          GError     **error);
/* Only for a building without (projected) dwellings. The dwelling type stays unspecified. */
WmProposal *wm_proposal_factory_transform (WmPlan               *plan,
                                           WmScenario           *scenario,
                                           const char           *building_id,
                                           const WmDwellingMix  *mix,
                                           int                   year,
                                           GError              **error);
/* @delta > 0 splits (more dwellings), < 0 merges; the result is never negative. */
WmProposal *wm_proposal_factory_split_merge (WmPlan      *plan,
                                             WmScenario  *scenario,
                                             const char  *building_id,
                                             WmSegment    segment,
                                             int          delta,
                                             int          year,
                                             GError     **error);
/* @name may be NULL (the type's label is used). */
WmProposal *wm_proposal_factory_add_facility (WmPlan          *plan,
                                              WmScenario      *scenario,
                                              WmFacilityType   type,
                                              double           x,
                                              double           y,
                                              const char      *name,
                                              int              year,
                                              GError         **error);
/* @facility_id: a baseline facility not removed yet. */
WmProposal *wm_proposal_factory_remove_facility (WmPlan      *plan,
                                                 WmScenario  *scenario,
                                                 const char  *facility_id,
                                                 int          year,
                                                 GError     **error);

/* Checks @proposal against the projected state just before it in the plan's order
 * (wm-projection.h), placed at list position @position of @scenario (NULL: active;
 * WM_PROJECTED_ALL: appended, i.e. after all proposals of its year and earlier). Use it on an edited copy
 * (wm_proposal_factory_copy()) to refuse a bad value where it is typed. */
gboolean wm_proposal_factory_validate (WmPlan      *plan,
                                       WmScenario  *scenario,
                                       guint        position,
                                       WmProposal  *proposal,
                                       GError     **error);
/* Whether @geometry can be a new build's footprint: a polygon or multipolygon with finite
 * points, rings that do not cross themselves and a positive area. */
gboolean wm_proposal_factory_check_footprint (const WmGeometry  *geometry,
                                              GError           **error);
/* Whether @start_year (0: not set) may go with the completion @year (0: none): a year in
 * range, not after the completion. The message says which. */
gboolean wm_proposal_factory_check_years (int       start_year,
                                          int       year,
                                          GError  **error);
/* A new proposal equal to @proposal in every field (the same id). */
WmProposal *wm_proposal_factory_copy (WmProposal *proposal);
/* Translated one-line description, e.g. "Demolish 2 buildings", "Add Playground". */
char *wm_proposal_factory_describe (WmPlan     *plan,
                                    WmProposal *proposal);
/* @geometry moved by (@dx, @dy); NULL for NULL. */
WmGeometry *wm_proposal_factory_translate_geometry (const WmGeometry *geometry,
                                                   double            dx,
                                                   double            dy);

G_END_DECLS
