/* wm-core.h: one-time set-up of the core library (resources, translations) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the core's compiled-in resources and its text domain; safe to call often. */
void wm_core_init (void);
/* $WIJKMIX_LOCALEDIR when set (uninstalled builds), else the installed locale directory. */
const char *wm_core_get_localedir (void);

G_END_DECLS
