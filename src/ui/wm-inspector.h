/* wm-inspector.h: the card on the map showing the selection and the active tool's form */
#pragma once

#include <gtk/gtk.h>

#include "wm-map-tools.h"

G_BEGIN_DECLS

#define WM_TYPE_INSPECTOR (wm_inspector_get_type ())
G_DECLARE_FINAL_TYPE (WmInspector, wm_inspector, WM, INSPECTOR, GtkWidget)

GtkWidget *wm_inspector_new (void);
/* Follows @tools' tool and selection; edits go through its history. */
void wm_inspector_set_tools (WmInspector *self, WmMapTools *tools);
WmMapTools *wm_inspector_get_tools (WmInspector *self);

/* The form's input field @name, for tests and keyboard users: "total", "n", "year" (completion), "start-year", "name",
 * "note", "delta", "preset", "type", "from", "to", "segment", "mode", "facility-type" and
 * "count-<segment key>" (e.g. "count-social_rent"), the demolish form's "lost" (the label
 * previewing the dwellings lost), and a selected new build's or conversion's "reach-targets"
 * (the button opening goal seeking); NULL when the form has none. */
GtkWidget *wm_inspector_get_field (WmInspector *self, const char *name);
/* The form's main button ("Demolish", "Create", …); NULL when there is none. */
GtkWidget *wm_inspector_get_confirm_button (WmInspector *self);
/* Presses the confirm button; FALSE when there is none or the form is refused. */
gboolean wm_inspector_confirm (WmInspector *self);
/* The refusal shown under the form, or NULL. */
const char *wm_inspector_get_error (WmInspector *self);
/* The card's heading, e.g. "Demolish" or the selected proposal's kind. */
const char *wm_inspector_get_heading (WmInspector *self);

G_END_DECLS
