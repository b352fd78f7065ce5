/* wm-cli-checklist.h: the `checklist` command of wijkmix-cli */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* wijkmix-cli checklist PROJECT [--scenario NAME] [--catalogue FILE] [--json]; @argv[1] is
 * "checklist". Returns the exit status (0 ok, 1 failure, 2 usage). */
int wm_cli_checklist (int argc, char **argv);

G_END_DECLS
