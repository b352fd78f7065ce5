/* wm-cli-common.h: how every wijkmix-cli command reports a failure */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prints "wijkmix-cli: MESSAGE" to stderr; returns 1, the exit status of a failure. */
int wm_cli_fail (const char *message);
/* Prints "wijkmix-cli: MESSAGE" and then @usage; returns 2, the exit status of a misuse. */
int wm_cli_usage_error (const char *message, const char *usage);

G_END_DECLS
