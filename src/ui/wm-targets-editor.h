/* wm-targets-editor.h: edits the project's target bands and preset through the history */
#pragma once

#include <adwaita.h>

#include "wm-history.h"
#include "wm-targets.h"

G_BEGIN_DECLS

#define WM_TYPE_TARGETS_EDITOR (wm_targets_editor_get_type ())
G_DECLARE_FINAL_TYPE (WmTargetsEditor, wm_targets_editor, WM, TARGETS_EDITOR, GtkBox)

/* A preset row (AdwComboRow) and a minimum and maximum entry per key of @keys (percentages,
 * or 0–1 for diversity; empty for no bound). An entry applies on Enter or when it loses the
 * focus; a refused band leaves the targets as they are and shows why. Edits go through
 * @history (NULL: read-only); the editor follows @targets, so undo shows at once. The entries
 * are named "target-min-KEY" and "target-max-KEY", the preset row "target-preset". */
GtkWidget *wm_targets_editor_new (WmTargets *targets, const char *const *keys);
void wm_targets_editor_set_history (WmTargetsEditor *self, WmHistory *history);
/* The message of the last refused edit, NULL after a good one (for tests). */
const char *wm_targets_editor_get_error (WmTargetsEditor *self);

G_END_DECLS
