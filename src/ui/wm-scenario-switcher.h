/* wm-scenario-switcher.h: the header bar's menu of scenarios: switch, add, duplicate, rename, delete */
#pragma once

#include <gtk/gtk.h>

#include "wm-history.h"
#include "wm-plan.h"

G_BEGIN_DECLS

#define WM_SCENARIO_SWITCHER_ERROR (wm_scenario_switcher_error_quark ())
GQuark wm_scenario_switcher_error_quark (void);
typedef enum
{
  WM_SCENARIO_SWITCHER_ERROR_EMPTY_NAME,    /* a name of only spaces, or none */
  WM_SCENARIO_SWITCHER_ERROR_NAME_TAKEN,    /* another scenario has that name */
  WM_SCENARIO_SWITCHER_ERROR_LAST_SCENARIO, /* a plan keeps at least one scenario */
  WM_SCENARIO_SWITCHER_ERROR_UNKNOWN,       /* not a scenario of the plan */
} WmScenarioSwitcherError;

#define WM_TYPE_SCENARIO_SWITCHER (wm_scenario_switcher_get_type ())
G_DECLARE_FINAL_TYPE (WmScenarioSwitcher, wm_scenario_switcher, WM, SCENARIO_SWITCHER, GtkWidget)

/* A menu button showing the active scenario's name; its popover lists the plan's scenarios. */
GtkWidget *wm_scenario_switcher_new (void);
/* The plan whose scenarios are listed; NULL detaches. */
void wm_scenario_switcher_set_plan (WmScenarioSwitcher *self, WmPlan *plan);
/* The history every edit goes through (its plan should be the one set); NULL disables edits. */
void wm_scenario_switcher_set_history (WmScenarioSwitcher *self, WmHistory *history);

/* The text on the button: the active scenario's name. */
const char *wm_scenario_switcher_get_label (WmScenarioSwitcher *self);
GtkMenuButton *wm_scenario_switcher_get_button (WmScenarioSwitcher *self);

/* What the popover's rows and buttons do; every edit is one undoable step. Each returns the
 * scenario made (owned by the plan), or NULL without a history. */
void wm_scenario_switcher_activate (WmScenarioSwitcher *self, WmScenario *scenario);
WmScenario *wm_scenario_switcher_add_new (WmScenarioSwitcher *self);
/* A new active scenario with copies (fresh ids) of the active one's proposals. */
WmScenario *wm_scenario_switcher_duplicate_active (WmScenarioSwitcher *self);
/* Leading and trailing spaces are dropped; an empty or taken name is refused with the reason. */
gboolean wm_scenario_switcher_rename (WmScenarioSwitcher  *self,
                                      WmScenario          *scenario,
                                      const char          *name,
                                      GError             **error);
/* Without asking (the Delete button asks first when @scenario has proposals); the last
 * remaining scenario is refused with the reason. */
gboolean wm_scenario_switcher_remove (WmScenarioSwitcher  *self,
                                      WmScenario          *scenario,
                                      GError             **error);
/* The Delete button: refuses the last scenario with the reason shown in the popover (see
 * get_message), asks first when the active scenario has proposals, else deletes it. */
void wm_scenario_switcher_delete_active (WmScenarioSwitcher *self);
/* The reason the popover shows for a refused action, or NULL. */
const char *wm_scenario_switcher_get_message (WmScenarioSwitcher *self);
/* "Scenario 2", "Scenario 3", …: the first such name no scenario of the plan has yet. */
char *wm_scenario_switcher_next_name (WmScenarioSwitcher *self);

G_END_DECLS
