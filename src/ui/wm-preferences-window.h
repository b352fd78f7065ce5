/* wm-preferences-window.h: application preferences (the base map) */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WM_TYPE_PREFERENCES_WINDOW (wm_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (WmPreferencesWindow, wm_preferences_window, WM, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Edits @settings (schema nl.wijkmix.Wijkmix) directly. */
GtkWidget *wm_preferences_window_new (GtkWindow *parent, GSettings *settings);
/* The base map choice: 0 offline, 1 PDOK, 2 OpenStreetMap, 3 MBTiles file. */
AdwComboRow *wm_preferences_window_get_basemap_row (WmPreferencesWindow *self);

G_END_DECLS
