/* wm-checklist-panel.h: the roadmap checklist grouped by phase, with filters */
#pragma once

#include <adwaita.h>

#include "wm-checklist.h"

G_BEGIN_DECLS

#define WM_TYPE_CHECKLIST_PANEL (wm_checklist_panel_get_type ())
G_DECLARE_FINAL_TYPE (WmChecklistPanel, wm_checklist_panel, WM, CHECKLIST_PANEL, AdwBin)

GtkWidget *wm_checklist_panel_new (void);
void wm_checklist_panel_set_checklist (WmChecklistPanel *self, WmChecklist *checklist);
WmChecklist *wm_checklist_panel_get_checklist (WmChecklistPanel *self);
/* Filters: @owner NULL for every owner, @status -1 for every status. */
void wm_checklist_panel_set_filter (WmChecklistPanel *self, const char *owner, int status);
/* Loads a catalogue for the project (the plan carries it). On failure the catalogue in use
 * stays, the panel shows the error (file, item, problem) and FALSE is returned. */
gboolean wm_checklist_panel_load_catalogue (WmChecklistPanel *self, GFile *file, GError **error);
/* The catalogue error shown in the panel, or NULL. */
const char *wm_checklist_panel_get_catalogue_error (WmChecklistPanel *self);
/* Items shown now (after the filters), for tests. */
guint wm_checklist_panel_get_n_shown (WmChecklistPanel *self);
/* The progress line of @phase ("2 of 5 done"), for tests; NULL for a phase not shown. */
const char *wm_checklist_panel_get_phase_progress_text (WmChecklistPanel *self, const char *phase);

/* Signal "highlight" (GStrv proposal_ids, GStrv area_ids): the user asked to see on the map
 * what made an item appear. */

G_END_DECLS
