/* wm-proposal.h: one proposed physical change to the neighbourhood */
#pragma once

#include "wm-facility.h"
#include "wm-geometry.h"
#include "wm-segment.h"

G_BEGIN_DECLS

/* Stable keys stored in project files. */
typedef enum
{
  WM_PROPOSAL_DEMOLISH,        /* buildings removed with their dwellings */
  WM_PROPOSAL_NEW_BUILD,       /* new building with dwellings per segment */
  WM_PROPOSAL_CONVERT_TENURE,  /* dwellings move between segments (sale, liberalisation) */
  WM_PROPOSAL_RENOVATE,        /* renovation or upgrade, possibly with a segment change */
  WM_PROPOSAL_TRANSFORM,       /* non-residential building turned into dwellings */
  WM_PROPOSAL_SPLIT_MERGE,     /* dwellings split or merged within buildings */
  WM_PROPOSAL_ADD_FACILITY,
  WM_PROPOSAL_REMOVE_FACILITY,
  WM_N_PROPOSAL_KINDS
} WmProposalKind;

const char *wm_proposal_kind_key (WmProposalKind kind);
gboolean wm_proposal_kind_from_key (const char *key, WmProposalKind *out_kind);
const char *wm_proposal_kind_label (WmProposalKind kind);

/* Dwelling type of a new build (or transformation). Stable keys ("apartment", "house",
 * "senior") are stored in project files and JSON; unspecified has no key (NULL). */
typedef enum
{
  WM_DWELLING_TYPE_UNSPECIFIED,
  WM_DWELLING_TYPE_APARTMENT,
  WM_DWELLING_TYPE_HOUSE,
  WM_DWELLING_TYPE_SENIOR,
  WM_N_DWELLING_TYPES
} WmDwellingType;

/* Translated plural label, e.g. "Apartments". */
const char *wm_dwelling_type_label (WmDwellingType type);
/* NULL for WM_DWELLING_TYPE_UNSPECIFIED. */
const char *wm_dwelling_type_key (WmDwellingType type);
/* @key NULL gives WM_DWELLING_TYPE_UNSPECIFIED; FALSE for an unknown key. */
gboolean wm_dwelling_type_from_key (const char *key, WmDwellingType *out_type);

#define WM_TYPE_PROPOSAL (wm_proposal_get_type ())
G_DECLARE_FINAL_TYPE (WmProposal, wm_proposal, WM, PROPOSAL, GObject)

/* Every setter emits "notify" only when the value changes; the scenario holding the
 * proposal relays that as its "changed" signal. */
WmProposal *wm_proposal_new (const char *id, WmProposalKind kind);
const char *wm_proposal_get_id (WmProposal *self);
WmProposalKind wm_proposal_get_kind (WmProposal *self);
/* Footprint for new build, point or area for facilities, may be NULL where buildings are named. */
WmGeometry *wm_proposal_get_geometry (WmProposal *self);
void wm_proposal_set_geometry (WmProposal *self, WmGeometry *geometry);
/* Baseline buildings the proposal acts on (NULL-terminated, may be empty). */
const char *const *wm_proposal_get_building_ids (WmProposal *self);
void wm_proposal_set_building_ids (WmProposal *self, const char *const *ids);
/* Signed change in dwellings per segment (demolition negative, new build positive,
 * conversion negative in one segment and positive in another). */
const WmDwellingMix *wm_proposal_get_dwelling_delta (WmProposal *self);
void wm_proposal_set_dwelling_delta (WmProposal *self, const WmDwellingMix *delta);
/* Facility proposals: the type placed, or the id of the facility removed. */
WmFacilityType wm_proposal_get_facility_type (WmProposal *self);
void wm_proposal_set_facility_type (WmProposal *self, WmFacilityType type);
const char *wm_proposal_get_facility_id (WmProposal *self);
void wm_proposal_set_facility_id (WmProposal *self, const char *facility_id);
const char *wm_proposal_get_name (WmProposal *self);
void wm_proposal_set_name (WmProposal *self, const char *name);
/* Completion year: what counts for the stock (0: no year; such a proposal comes after every
 * dated one in the plan's order and is left out of every year of the timeline). */
int wm_proposal_get_year (WmProposal *self);
void wm_proposal_set_year (WmProposal *self, int year);
/* Start year ("start-year"): when the works begin and the households concerned move out
 * (the rehousing balance counts them then). 0: not set, the completion year is used
 * (wm_proposal_get_effective_start_year()). wm-plan-check.h refuses a start after the
 * completion. */
int wm_proposal_get_start_year (WmProposal *self);
void wm_proposal_set_start_year (WmProposal *self, int year);
int wm_proposal_get_effective_start_year (WmProposal *self);
const char *wm_proposal_get_note (WmProposal *self);
void wm_proposal_set_note (WmProposal *self, const char *note);
WmDwellingType wm_proposal_get_dwelling_type (WmProposal *self);
void wm_proposal_set_dwelling_type (WmProposal *self, WmDwellingType type);
/* Demolitions: the share (0..1) of the households they rehouse that return to the plan's new
 * build under a right to return (terugkeergarantie). Other kinds keep it and ignore it. */
#define WM_PROPOSAL_DEFAULT_RETURN_SHARE 0.0
double wm_proposal_get_return_share (WmProposal *self);
void wm_proposal_set_return_share (WmProposal *self, double share);
gboolean wm_proposal_equal (WmProposal *a, WmProposal *b);

G_END_DECLS
