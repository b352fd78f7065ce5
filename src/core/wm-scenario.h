/* wm-scenario.h: a named set of proposals on the plan's baseline */
#pragma once

#include <gio/gio.h>

#include "wm-proposal.h"

G_BEGIN_DECLS

#define WM_TYPE_SCENARIO (wm_scenario_get_type ())
G_DECLARE_FINAL_TYPE (WmScenario, wm_scenario, WM, SCENARIO, GObject)

WmScenario *wm_scenario_new (const char *id, const char *name);
const char *wm_scenario_get_id (WmScenario *self);
const char *wm_scenario_get_name (WmScenario *self);
void wm_scenario_set_name (WmScenario *self, const char *name);
/* GListModel of WmProposal, in the order they were added. */
GListModel *wm_scenario_get_proposals (WmScenario *self);
void wm_scenario_add_proposal (WmScenario *self, WmProposal *proposal);
void wm_scenario_insert_proposal (WmScenario *self, guint position, WmProposal *proposal);
/* Returns FALSE when the proposal is not in this scenario. */
gboolean wm_scenario_remove_proposal (WmScenario *self, WmProposal *proposal);
WmProposal *wm_scenario_find_proposal (WmScenario *self, const char *id);
gboolean wm_scenario_equal (WmScenario *a, WmScenario *b);

/* Signal "changed" (no arguments): a proposal was added, removed or edited. */

G_END_DECLS
