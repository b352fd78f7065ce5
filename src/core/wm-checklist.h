/* wm-checklist.h: the roadmap checklist of one scenario
 *
 * Evaluates the catalogue's triggers against a scenario's proposals and the indicator
 * engine, and lists the items that apply (active) or that lost their trigger but carry the
 * user's entries (orphaned). Follows the engine: a proposal edit, a switch of scenario or of
 * the engine's year (its "changed") re-evaluates at once. Only the proposals the engine counts
 * at its year (wm_indicator_engine_counts_proposal()) trigger items, so the checklist is the
 * one as of that year. The UI only shows the list and forwards edits to the items.
 */
#pragma once

#include "wm-checklist-item.h"
#include "wm-indicator-engine.h"

G_BEGIN_DECLS

#define WM_TYPE_CHECKLIST (wm_checklist_get_type ())
G_DECLARE_FINAL_TYPE (WmChecklist, wm_checklist, WM, CHECKLIST, GObject)

/* The catalogue @plan carries (wijkmix_meta "roadmap_catalogue"), or the built-in one when it
 * carries none; NULL with WM_CHECKLIST_ERROR_CATALOGUE when the carried one does not load (the
 * caller then falls back to the built-in one and shows the message). Transfer full. */
WmRoadmapCatalogue *wm_checklist_get_plan_catalogue (WmPlan *plan, GError **error);

/* Follows @engine's plan and scenario. @catalogue: NULL for the plan's own or else the built-in
 * one (a broken carried catalogue falls back to the built-in one with a g_message). */
WmChecklist *wm_checklist_new (WmIndicatorEngine *engine, WmRoadmapCatalogue *catalogue);
WmIndicatorEngine *wm_checklist_get_engine (WmChecklist *self);
WmPlan *wm_checklist_get_plan (WmChecklist *self);
WmScenario *wm_checklist_get_scenario (WmChecklist *self);

/* Property "catalogue". Setting one re-creates the items; the user's entries stay. */
WmRoadmapCatalogue *wm_checklist_get_catalogue (WmChecklist *self);
void wm_checklist_set_catalogue (WmChecklist *self, WmRoadmapCatalogue *catalogue);
/* Loads @file; on success uses it and, with @store_in_plan, carries its text in the plan.
 * On failure nothing changes (the catalogue in use stays) and @error names file, item and
 * problem. */
gboolean wm_checklist_load_catalogue (WmChecklist *self, GFile *file, gboolean store_in_plan,
                                      GError **error);
/* Back to the built-in catalogue; the plan no longer carries one of its own. */
void wm_checklist_use_builtin_catalogue (WmChecklist *self);

/* GListModel of WmChecklistItem: the listed items (active or orphaned), ordered by phase, then
 * by catalogue order. Stays the same object for the checklist's lifetime. */
GListModel *wm_checklist_get_items (WmChecklist *self);
/* Any catalogue item, listed or not (NULL for an unknown id). Transfer none. */
WmChecklistItem *wm_checklist_find_item (WmChecklist *self, const char *id);
/* Listed items of @phase, and how many of them are done or not applicable; returns that
 * share (0 when none are listed). */
double wm_checklist_get_phase_progress (WmChecklist *self, const char *phase, guint *out_done,
                                        guint *out_listed);
/* Listed items matching @owner (NULL: any) and @status (-1: any), in list order; a new array
 * of borrowed items. */
GPtrArray *wm_checklist_filter (WmChecklist *self, const char *owner, int status);

/* Re-evaluates now (normally automatic). */
void wm_checklist_refresh (WmChecklist *self);

/* Signal "changed" (no arguments): after each evaluation and after each edit of an item. */

G_END_DECLS
