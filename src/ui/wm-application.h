/* wm-application.h: the Wijkmix application */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WM_TYPE_APPLICATION (wm_application_get_type ())
G_DECLARE_FINAL_TYPE (WmApplication, wm_application, WM, APPLICATION, AdwApplication)

WmApplication *wm_application_new (void);
/* Registers the UI and core resources and the translations; called by main() and UI tests. */
void wm_application_init_resources (void);

G_END_DECLS
