/* wm-cli-common.h: how every wijkmix-cli command reports a failure */
#pragma once

#include <glib.h>

#include "wm-plan.h"

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
/* The value of --year: a whole number from WM_CLI_FIRST_YEAR to WM_CLI_LAST_YEAR. FALSE, with
 * @out_message set to a translated problem naming @text, for anything else. */
#define WM_CLI_FIRST_YEAR 1900
#define WM_CLI_LAST_YEAR 2200
gboolean wm_cli_parse_year (const char *text, int *out_year, char **out_message);
/* At a year (not WM_INDICATOR_ALL_YEARS): a line saying that only the changes completed by the
 * end of @year count, and how many of @scenario's changes have no completion year. */
void wm_cli_print_year (WmPlan *plan, WmScenario *scenario, int year);
/* @text padded with spaces to @width characters (printf pads by bytes); @left: text first. */
char *wm_cli_padded (const char *text, int width, gboolean left);

G_END_DECLS
