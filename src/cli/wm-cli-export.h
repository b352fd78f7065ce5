/* wm-cli-export.h: the `export` command of wijkmix-cli */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* wijkmix-cli export PROJECT [--scenario NAME] (--pdf FILE | --poster FILE |
 *   --png FILE [--size WxH] | --csv FILE | --checklist-csv FILE | --xlsx FILE | --gpkg FILE |
 *   --geojson FILE)...; @argv[1] is "export". Each file is written through the same export
 * job as the window's Export menu, without a display. A failure names the file and the problem
 * and leaves what was at that path as it was. Returns the exit status (0 ok, 1 failure,
 * 2 usage). */
int wm_cli_export (int argc, char **argv);

G_END_DECLS
