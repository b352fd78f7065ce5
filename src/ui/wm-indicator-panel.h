/* wm-indicator-panel.h: the projected mix of the neighbourhood or one area, against targets */
#pragma once

#include <adwaita.h>

#include "wm-history.h"
#include "wm-indicator-engine.h"
#include "wm-rehousing-balance.h"

G_BEGIN_DECLS

#define WM_TYPE_INDICATOR_PANEL (wm_indicator_panel_get_type ())
G_DECLARE_FINAL_TYPE (WmIndicatorPanel, wm_indicator_panel, WM, INDICATOR_PANEL, AdwBin)

GtkWidget *wm_indicator_panel_new (void);
/* The engine the panel shows (its plan and scenario); NULL clears the panel. */
void wm_indicator_panel_set_engine (WmIndicatorPanel *self, WmIndicatorEngine *engine);
WmIndicatorEngine *wm_indicator_panel_get_engine (WmIndicatorPanel *self);
/* Target edits go through @history, so they can be undone; NULL makes them read-only. */
void wm_indicator_panel_set_history (WmIndicatorPanel *self, WmHistory *history);
/* The target verdict shown for @key ("Target 30–50 %: below the minimum of 30 %"), for tests;
 * NULL when none. */
const char *wm_indicator_panel_get_status_text (WmIndicatorPanel *self, const char *key);
/* The assumption line of the targets' preset shown under "Targets" (for tests). */
const char *wm_indicator_panel_get_assumption_text (WmIndicatorPanel *self);
/* Focus: an area id, WM_INDICATOR_AREA_OUTSIDE (the dwellings outside every area), or NULL
 * for the whole neighbourhood. */
void wm_indicator_panel_set_area (WmIndicatorPanel *self, const char *area_id);
const char *wm_indicator_panel_get_area (WmIndicatorPanel *self);
/* The change badge shown for @key ("+3.5 pt"), for tests; NULL when none is shown. */
const char *wm_indicator_panel_get_change_text (WmIndicatorPanel *self, const char *key);
/* Opens "which proposals move this figure" for @key as a click on its row does (for tests);
 * FALSE when no row shows @key. */
gboolean wm_indicator_panel_show_contributions (WmIndicatorPanel *self, const char *key);
/* The text shown for @key as "baseline → projected" (for tests); NULL when not shown. */
const char *wm_indicator_panel_get_value_text (WmIndicatorPanel *self, const char *key);

/* The notice on estimated or listed tenure shown above the figures, or NULL when none is
 * shown (for tests). */
const char *wm_indicator_panel_get_tenure_text (WmIndicatorPanel *self);

/* The plan over the years (shown while the engine's scenario has dated proposals): a chart
 * of one indicator with a band over the years and the rehousing balance, with a warning for
 * the years short of homes. Whether that part is shown, and "As of 2031" over the figures
 * while the engine stands at a year (NULL at the whole plan), for tests. */
gboolean wm_indicator_panel_get_shows_years (WmIndicatorPanel *self);
const char *wm_indicator_panel_get_year_text (WmIndicatorPanel *self);
/* Shows the warning of @balance (NULL: none): its first to last short year and the worst year
 * in words (wm_rehousing_balance_describe_year()). The panel calls it with the engine's
 * balance on every change; tests with one they made. */
void wm_indicator_panel_show_rehousing (WmIndicatorPanel *self, const WmRehousingBalance *balance);
/* The warning's heading ("Too few homes to rehouse in 2026–2028") and detail; NULL while no
 * warning is shown. */
const char *wm_indicator_panel_get_rehousing_warning (WmIndicatorPanel *self);
const char *wm_indicator_panel_get_rehousing_detail (WmIndicatorPanel *self);

G_END_DECLS
