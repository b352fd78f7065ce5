/* wm-checklist-item.h: one row of the roadmap checklist
 *
 * Made by WmChecklist, one per catalogue item. What the item is (id, phase, texts) comes from
 * the catalogue; whether it applies and why from the checklist's evaluation; status, reason,
 * owner, note and target year are the user's, kept in the plan's WmChecklistState for the
 * checklist's scenario. All properties notify when they change, so the UI can bind them.
 */
#pragma once

#include "wm-checklist-state.h"
#include "wm-roadmap-catalogue.h"

G_BEGIN_DECLS

#define WM_CHECKLIST_ERROR (wm_checklist_error_quark ())
GQuark wm_checklist_error_quark (void);
typedef enum
{
  WM_CHECKLIST_ERROR_REASON_REQUIRED, /* "not applicable" without a reason */
  WM_CHECKLIST_ERROR_CATALOGUE,       /* the project's stored catalogue does not load */
} WmChecklistError;

#define WM_TYPE_CHECKLIST_ITEM (wm_checklist_item_get_type ())
G_DECLARE_FINAL_TYPE (WmChecklistItem, wm_checklist_item, WM, CHECKLIST_ITEM, GObject)

/* Properties (read-only unless noted): "id", "phase", "title", "description", "active",
 * "orphaned", "status", "reason", "owner" (rw), "owner-label", "note" (rw), "target-year" (rw),
 * "trigger-text", "proposal-ids" (GStrv), "area-ids" (GStrv), "indicator". */
const WmRoadmapEntry *wm_checklist_item_get_entry (WmChecklistItem *self);
const char *wm_checklist_item_get_id (WmChecklistItem *self);
const char *wm_checklist_item_get_phase (WmChecklistItem *self);
/* In the user's language. */
const char *wm_checklist_item_get_title (WmChecklistItem *self);
const char *wm_checklist_item_get_description (WmChecklistItem *self);

/* TRUE while the trigger holds for the scenario. */
gboolean wm_checklist_item_get_active (WmChecklistItem *self);
/* Trigger gone, but the user entered something: the item stays listed, marked as such. */
gboolean wm_checklist_item_get_orphaned (WmChecklistItem *self);
/* Active or orphaned: shown in the checklist. */
gboolean wm_checklist_item_get_listed (WmChecklistItem *self);

/* Why the item is there (empty when it is not active): the proposals that triggered it,
 * NULL-terminated ids in scenario order (select them on the map) ... */
const char *const *wm_checklist_item_get_proposal_ids (WmChecklistItem *self);
/* ... or the indicator key (NULL for other triggers), its projected value (for an "any_area"
 * trigger: in the first area that meets it), its baseline value, the threshold (the target
 * for below_target) and the areas meeting the condition (empty for whole-neighbourhood ones). */
const char *wm_checklist_item_get_indicator (WmChecklistItem *self);
double wm_checklist_item_get_indicator_value (WmChecklistItem *self);
double wm_checklist_item_get_indicator_baseline (WmChecklistItem *self);
double wm_checklist_item_get_threshold (WmChecklistItem *self);
const char *const *wm_checklist_item_get_area_ids (WmChecklistItem *self);
/* A translated sentence saying why the item is there, or that its trigger is gone. */
const char *wm_checklist_item_get_trigger_text (WmChecklistItem *self);

WmChecklistStatus wm_checklist_item_get_status (WmChecklistItem *self);
/* Only set for NOT_APPLICABLE. */
const char *wm_checklist_item_get_reason (WmChecklistItem *self);
/* NOT_APPLICABLE needs a non-empty @reason (else WM_CHECKLIST_ERROR_REASON_REQUIRED and nothing
 * changes); for the other statuses @reason is ignored and a stored reason dropped. */
gboolean wm_checklist_item_set_status (WmChecklistItem *self, WmChecklistStatus status,
                                       const char *reason, GError **error);
/* An owner key of the catalogue or free text; the catalogue's default unless set. */
const char *wm_checklist_item_get_owner (WmChecklistItem *self);
/* NULL or the default owner go back to the default. */
void wm_checklist_item_set_owner (WmChecklistItem *self, const char *owner);
/* The owner's name from the catalogue in the user's language, or the free text. */
const char *wm_checklist_item_get_owner_label (WmChecklistItem *self);
const char *wm_checklist_item_get_note (WmChecklistItem *self);
void wm_checklist_item_set_note (WmChecklistItem *self, const char *note);
/* 0: not set. */
int wm_checklist_item_get_target_year (WmChecklistItem *self);
void wm_checklist_item_set_target_year (WmChecklistItem *self, int year);

/* Filter helper: @owner NULL for any owner, @status -1 for any status. */
gboolean wm_checklist_item_matches (WmChecklistItem *self, const char *owner, int status);

G_END_DECLS
