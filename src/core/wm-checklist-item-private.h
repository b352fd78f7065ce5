/* wm-checklist-item-private.h: how WmChecklist drives its items */
#pragma once

#include "wm-checklist-item.h"

G_BEGIN_DECLS

WmChecklistItem *wm_checklist_item_new (WmRoadmapCatalogue *catalogue,
                                        const WmRoadmapEntry *entry,
                                        WmChecklistState *state,
                                        const char *scenario_id);
/* Rebinds the user data to another scenario's entries. */
void wm_checklist_item_set_scenario (WmChecklistItem *self, const char *scenario_id);
/* The result of an evaluation; notifies only what changed. NULL arrays mean empty. */
void wm_checklist_item_update (WmChecklistItem *self, gboolean active,
                               const char *const *proposal_ids, const char *const *area_ids,
                               double value, double baseline, double threshold,
                               const char *trigger_text);
/* The state's entry for this item changed. */
void wm_checklist_item_user_data_changed (WmChecklistItem *self);

G_END_DECLS
