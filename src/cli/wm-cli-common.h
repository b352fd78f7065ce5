/* wm-cli-common.h: how every wijkmix-cli command reports a failure */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prints "wijkmix-cli: MESSAGE" to stderr; returns 1, the exit status of a failure. */
int wm_cli_fail (const char *message);
/* Prints "wijkmix-cli: MESSAGE" and then @usage; returns 2, the exit status of a misuse. */
int wm_cli_usage_error (const char *message, const char *usage);

/* An indicator's value as the commands print it: counts whole, shares and coverage in
 * percent with one decimal, other figures with three; @signed_: with a sign. */
char *wm_cli_format_value (const char *key, double value, gboolean signed_);
/* "0" for a change that rounds to zero at the digits shown (never "+0.0%"). */
char *wm_cli_format_change (const char *key, double change);
/* @text padded with spaces to @width characters (printf pads by bytes); @left: text first. */
char *wm_cli_padded (const char *text, int width, gboolean left);

G_END_DECLS
