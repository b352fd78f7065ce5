/* wm-tool-palette.h: the vertical row of editing tools overlaid on the map */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WM_TYPE_TOOL_PALETTE (wm_tool_palette_get_type ())
G_DECLARE_FINAL_TYPE (WmToolPalette, wm_tool_palette, WM, TOOL_PALETTE, GtkWidget)

/* Toggle buttons bound to the stateful action "win.tool" (one per WmTool). */
GtkWidget *wm_tool_palette_new (void);
/* The button of tool @key ("select", "demolish", …), or NULL. */
GtkWidget *wm_tool_palette_get_button (WmToolPalette *self, const char *key);

G_END_DECLS
