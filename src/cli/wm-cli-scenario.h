/* wm-cli-scenario.h: the `scenario` command of wijkmix-cli */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* wijkmix-cli scenario PROJECT (new NAME | duplicate FROM NAME | rename OLD NEW | delete NAME |
 * list [--json]); @argv[1] is "scenario". Scenarios are named by name or id, as --scenario
 * does elsewhere. Edits go through the project's history, as the scenario switcher makes
 * them, and the project is saved only when the edit succeeded; a refusal (an unknown
 * scenario, a name already used, an empty name, the last scenario) names the problem and
 * leaves the file as it was. Returns the exit status (0 ok, 1 failure, 2 usage). */
int wm_cli_scenario (int argc, char **argv);

G_END_DECLS
