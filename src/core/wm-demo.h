/* wm-demo.h: the embedded demo neighbourhood (Otterlo, real BGT geometry,
 * illustrative dwelling figures) */
#pragma once

#include "wm-plan.h"

G_BEGIN_DECLS

#define WM_DEMO_RESOURCE_PATH "/nl/wijkmix/core/demo.gpkg"

WmPlan *wm_demo_load (GError **error);

G_END_DECLS
