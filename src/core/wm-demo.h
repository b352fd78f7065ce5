/* wm-demo.h: the embedded demo neighbourhood (Otterlo, real BGT geometry,
 * illustrative dwelling figures) */
#pragma once

#include "wm-plan.h"

G_BEGIN_DECLS

#define WM_DEMO_RESOURCE_PATH "/nl/wijkmix/core/demo.gpkg"

WmPlan *wm_demo_load (GError **error);
/* @attribution (a plan's attribution, lines separated by "\n") with the lines the demo stores
 * in English translated; other lines are kept as they are. Empty lines are dropped. */
GStrv wm_demo_translate_attribution (const char *attribution);

G_END_DECLS
