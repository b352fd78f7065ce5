/* wm-cli-checklist.h: the `checklist` command of wijkmix-cli */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* wijkmix-cli checklist PROJECT [--scenario NAME] [--catalogue FILE] [--json]
 *   [--set ITEM [--status S] [--owner TEXT] [--note TEXT] [--year N] [--reason TEXT]];
 * @argv[1] is "checklist". --set edits one item through the same calls as the checklist panel
 * and saves the project; a refusal names the item and the problem and leaves the file as it
 * was. Returns the exit status (0 ok, 1 failure, 2 usage). */
int wm_cli_checklist (int argc, char **argv);

G_END_DECLS
