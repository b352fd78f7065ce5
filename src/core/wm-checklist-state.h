/* wm-checklist-state.h: what users entered on the roadmap checklist, kept with the plan
 *
 * Entries are keyed by scenario id and catalogue item id and do not depend on whether the
 * item's trigger holds, so nothing is lost when a trigger goes away and comes back. The
 * project file stores them in the attribute table wijkmix_checklist, and a project's own
 * catalogue (JSON text) in wijkmix_meta under "roadmap_catalogue".
 */
#pragma once

#include "wm-enums.h"
#include "wm-plan.h"

G_BEGIN_DECLS

/* Stable keys stored in project files. */
typedef enum
{
  WM_CHECKLIST_STATUS_OPEN,
  WM_CHECKLIST_STATUS_PLANNED,
  WM_CHECKLIST_STATUS_DONE,
  WM_CHECKLIST_STATUS_NOT_APPLICABLE, /* needs a reason */
  WM_N_CHECKLIST_STATUSES
} WmChecklistStatus;

/* WM_TYPE_CHECKLIST_STATUS is in the generated wm-enums.h. */
/* "open", "planned", "done", "not_applicable". */
const char *wm_checklist_status_key (WmChecklistStatus status);
gboolean wm_checklist_status_from_key (const char *key, WmChecklistStatus *out_status);
/* Translated label for the UI. */
const char *wm_checklist_status_label (WmChecklistStatus status);

/* One item's user data. Strings NULL when not set; owner NULL means the catalogue's default;
 * target_year 0 when not set. */
typedef struct
{
  WmChecklistStatus status;
  char *reason;
  char *owner;
  char *note;
  int target_year;
} WmChecklistEntry;

/* TRUE when @entry holds anything a user entered (status not open, or a text or year set). */
gboolean wm_checklist_entry_has_data (const WmChecklistEntry *entry);
/* NULL stays NULL; empty texts become NULL. */
WmChecklistEntry *wm_checklist_entry_copy (const WmChecklistEntry *entry);
void wm_checklist_entry_free (WmChecklistEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmChecklistEntry, wm_checklist_entry_free)

#define WM_TYPE_CHECKLIST_STATE (wm_checklist_state_get_type ())
G_DECLARE_FINAL_TYPE (WmChecklistState, wm_checklist_state, WM, CHECKLIST_STATE, GObject)

WmChecklistState *wm_checklist_state_new (void);
/* The state of @plan (transfer none), created empty on first use. Editing it emits the plan's
 * "changed" signal, so the project is marked as modified. */
WmChecklistState *wm_checklist_state_get_for_plan (WmPlan *plan);

/* NULL when nothing was entered for the item in that scenario. */
const WmChecklistEntry *wm_checklist_state_lookup (WmChecklistState *self,
                                                   const char *scenario_id,
                                                   const char *item_id);
/* Replaces the entry; an entry without data (or NULL) removes it. The state owns its entries:
 * @entry is copied before the old one is freed, so it may point into the stored entry. Tells
 * the recorder, then emits "entry-changed" (scenario_id, item_id), only when something
 * changed. */
void wm_checklist_state_set (WmChecklistState *self, const char *scenario_id,
                             const char *item_id, const WmChecklistEntry *entry);

/* Told of every change after it happened: the entry before and after (NULL: none, else
 * copies alive for the call, to be copied to be kept), so an edit history can record it. One
 * recorder per state (the plan's WmHistory). */
typedef void (*WmChecklistStateRecorder) (WmChecklistState *state, const char *scenario_id,
                                          const char *item_id, const WmChecklistEntry *before,
                                          const WmChecklistEntry *after, gpointer user_data);
void wm_checklist_state_set_recorder (WmChecklistState *self, WmChecklistStateRecorder recorder,
                                      gpointer user_data);
gpointer wm_checklist_state_get_recorder_data (WmChecklistState *self);

typedef void (*WmChecklistStateFunc) (const char *scenario_id, const char *item_id,
                                      const WmChecklistEntry *entry, gpointer user_data);
/* Calls @func for every entry, sorted by scenario id and item id. */
void wm_checklist_state_foreach (WmChecklistState *self, WmChecklistStateFunc func,
                                 gpointer user_data);
guint wm_checklist_state_get_n_entries (WmChecklistState *self);

/* The project's own catalogue as JSON text, NULL for none (property "catalogue-json"). */
const char *wm_checklist_state_get_catalogue_json (WmChecklistState *self);
void wm_checklist_state_set_catalogue_json (WmChecklistState *self, const char *json);

gboolean wm_checklist_state_equal (WmChecklistState *a, WmChecklistState *b);

G_END_DECLS
