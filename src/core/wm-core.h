/* wm-core.h: one-time set-up of the core library (resources, translations) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the core's compiled-in resources and its text domain; safe to call often. */
void wm_core_init (void);

G_END_DECLS
