/* wm-overview-panel.h: side panel with the neighbourhood's baseline housing stock */
#pragma once

#include <adwaita.h>

#include "wm-plan.h"

G_BEGIN_DECLS

#define WM_TYPE_OVERVIEW_PANEL (wm_overview_panel_get_type ())
G_DECLARE_FINAL_TYPE (WmOverviewPanel, wm_overview_panel, WM, OVERVIEW_PANEL, AdwBin)

GtkWidget *wm_overview_panel_new (void);
void wm_overview_panel_set_plan (WmOverviewPanel *self, WmPlan *plan);
/* The text of the total-dwellings line, for tests. */
const char *wm_overview_panel_get_total_text (WmOverviewPanel *self);

G_END_DECLS
