/* wm-roadmap-catalogue.h: the catalogue of social interventions that follow physical changes
 *
 * Data, not code: data/roadmap.json is the built-in catalogue; a municipality copies, edits
 * and loads its own. The format and its trigger grammar are in docs/roadmap-catalogue.md.
 */
#pragma once

#include <gio/gio.h>

#include "wm-proposal.h"

G_BEGIN_DECLS

#define WM_ROADMAP_FORMAT_VERSION 1

typedef enum
{
  WM_ROADMAP_TRIGGER_ALWAYS,    /* a process item that always applies */
  WM_ROADMAP_TRIGGER_PROPOSAL,  /* a proposal of one of the listed kinds is in the scenario */
  WM_ROADMAP_TRIGGER_INDICATOR, /* an indicator of the projected plan meets a condition */
} WmRoadmapTriggerKind;

typedef enum
{
  WM_ROADMAP_COMPARE_ABOVE,        /* projected value > threshold */
  WM_ROADMAP_COMPARE_BELOW,        /* projected value < threshold */
  WM_ROADMAP_COMPARE_CHANGE_ABOVE, /* projected - baseline > threshold */
  WM_ROADMAP_COMPARE_CHANGE_BELOW, /* projected - baseline < threshold */
  WM_ROADMAP_COMPARE_BELOW_TARGET, /* the projected value is (just) below the target's minimum */
  WM_ROADMAP_COMPARE_ABOVE_TARGET, /* ... (just) above the target's maximum */
  WM_ROADMAP_COMPARE_OUTSIDE_TARGET, /* ... below the minimum or above the maximum */
} WmRoadmapCompare;

typedef struct
{
  WmRoadmapTriggerKind kind;
  /* PROPOSAL: bit (1 << WmProposalKind) per kind; mixed_tenure: only when the complex the
   * proposal leaves (its buildings after it, or a new build's own dwellings) holds both rented
   * and owner-occupied dwellings; removes_dwellings: only when it removes occupied dwellings
   * where it takes effect, after earlier proposals (households have to move). */
  guint proposal_kinds;
  gboolean mixed_tenure;
  gboolean removes_dwellings;
  /* INDICATOR: an indicator engine key; any_area: the condition holds in at least one area
   * (otherwise: for the whole neighbourhood). */
  const char *indicator;
  WmRoadmapCompare compare;
  double threshold;
  gboolean any_area;
} WmRoadmapTrigger;

/* "above", "below", "change_above", "change_below", "below_target", "above_target",
 * "outside_target". */
const char *wm_roadmap_compare_key (WmRoadmapCompare compare);

/* One catalogue item, owned by its catalogue. */
typedef struct _WmRoadmapEntry WmRoadmapEntry;

const char *wm_roadmap_entry_get_id (const WmRoadmapEntry *entry);
const char *wm_roadmap_entry_get_phase (const WmRoadmapEntry *entry);
/* Title and description in the user's language (nl or en, by the locale). */
const char *wm_roadmap_entry_get_title (const WmRoadmapEntry *entry);
const char *wm_roadmap_entry_get_description (const WmRoadmapEntry *entry);
/* @lang: "nl" or "en". */
const char *wm_roadmap_entry_get_title_for (const WmRoadmapEntry *entry, const char *lang);
const char *wm_roadmap_entry_get_description_for (const WmRoadmapEntry *entry, const char *lang);
/* An owner key of the catalogue. */
const char *wm_roadmap_entry_get_default_owner (const WmRoadmapEntry *entry);
const WmRoadmapTrigger *wm_roadmap_entry_get_trigger (const WmRoadmapEntry *entry);
/* The item's optional "source" (where the advice comes from, free text), or NULL. */
const char *wm_roadmap_entry_get_source (const WmRoadmapEntry *entry);

#define WM_TYPE_ROADMAP_CATALOGUE (wm_roadmap_catalogue_get_type ())
G_DECLARE_FINAL_TYPE (WmRoadmapCatalogue, wm_roadmap_catalogue, WM, ROADMAP_CATALOGUE, GObject)

/* The built-in catalogue (resource /nl/wijkmix/core/roadmap.json), transfer none; never
 * fails for the shipped file. */
WmRoadmapCatalogue *wm_roadmap_catalogue_get_default (void);
/* Errors name the file, the item (where there is one) and the problem. */
WmRoadmapCatalogue *wm_roadmap_catalogue_load (GFile *file, GError **error);
WmRoadmapCatalogue *wm_roadmap_catalogue_load_from_bytes (GBytes *json, const char *source_name,
                                                          GError **error);

/* The JSON text the catalogue was loaded from (to carry it in a project file). */
GBytes *wm_roadmap_catalogue_get_json (WmRoadmapCatalogue *self);
/* The file name or source name given when loading ("roadmap.json" for the built-in one). */
const char *wm_roadmap_catalogue_get_source_name (WmRoadmapCatalogue *self);
gboolean wm_roadmap_catalogue_is_builtin (WmRoadmapCatalogue *self);

/* Items in catalogue order. */
guint wm_roadmap_catalogue_get_n_entries (WmRoadmapCatalogue *self);
const WmRoadmapEntry *wm_roadmap_catalogue_get_entry (WmRoadmapCatalogue *self, guint position);
const WmRoadmapEntry *wm_roadmap_catalogue_find_entry (WmRoadmapCatalogue *self, const char *id);

/* Phase ids sorted by their order; NULL-terminated, owned by the catalogue. */
const char *const *wm_roadmap_catalogue_get_phases (WmRoadmapCatalogue *self);
/* Position of @phase in get_phases(), or -1 when unknown. */
int wm_roadmap_catalogue_get_phase_index (WmRoadmapCatalogue *self, const char *phase);
/* In the user's language; NULL for an unknown phase. */
const char *wm_roadmap_catalogue_get_phase_name (WmRoadmapCatalogue *self, const char *phase);
const char *wm_roadmap_catalogue_get_phase_description (WmRoadmapCatalogue *self,
                                                        const char *phase);

/* Owner keys in catalogue order (gemeente, corporatie, welzijn, bewoners in the built-in one). */
const char *const *wm_roadmap_catalogue_get_owners (WmRoadmapCatalogue *self);
/* Name of an owner key in the user's language; NULL when @owner is not a key (free text). */
const char *wm_roadmap_catalogue_get_owner_name (WmRoadmapCatalogue *self, const char *owner);

/* Indicator keys a trigger may name, also without an engine at hand: the engine's keys
 * (docs/indicators.md) with the coverage kinds of data/indicators.json. */
gboolean wm_roadmap_indicator_key_is_valid (const char *key);

#define WM_ROADMAP_ERROR (wm_roadmap_error_quark ())
GQuark wm_roadmap_error_quark (void);
typedef enum
{
  WM_ROADMAP_ERROR_SYNTAX,             /* not JSON: the message has line:column */
  WM_ROADMAP_ERROR_FORMAT,             /* missing or wrong members, unsupported format version */
  WM_ROADMAP_ERROR_UNKNOWN_PHASE,
  WM_ROADMAP_ERROR_UNKNOWN_OWNER,
  WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,    /* a trigger kind or condition that does not exist */
  WM_ROADMAP_ERROR_UNKNOWN_PROPOSAL_KIND,
  WM_ROADMAP_ERROR_UNKNOWN_INDICATOR,
  WM_ROADMAP_ERROR_DUPLICATE_ID,
  WM_ROADMAP_ERROR_MISSING_TEXT,       /* a title, description or name without nl or en */
} WmRoadmapError;

G_END_DECLS
