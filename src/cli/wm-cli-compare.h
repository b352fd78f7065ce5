/* wm-cli-compare.h: the `compare` command of wijkmix-cli */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* wijkmix-cli compare PROJECT [--year YYYY] [--json]; @argv[1] is "compare". With --year
 * (1900..2200) everything is as of the end of that year (wm_scenario_comparison_new_at_year())
 * and each JSON entry also holds "year". The text is a table of the
 * baseline and the first WM_SCENARIO_COMPARISON_MAX_SHOWN scenarios (indicators in rows, the
 * best towards the target band marked); the JSON lists every scenario, the project's first
 * first, each with "scenario" (the name), "total" and "areas" exactly as `indicators
 * --scenario NAME --json` gives them and "checklist_items" (the items it calls for). Returns
 * the exit status (0 ok, 1 failure, 2 usage). */
int wm_cli_compare (int argc, char **argv);

G_END_DECLS
