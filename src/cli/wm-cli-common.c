/* wm-cli-common.c: how every wijkmix-cli command reports a failure */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "wm-cli-common.h"
#include "wm-indicator-report.h"
#include "wm-timeline.h"

int
wm_cli_fail (const char *message)
{
  g_printerr ("wijkmix-cli: %s\n", message);
  return 1;
}

int
wm_cli_usage_error (const char *message, const char *usage)
{
  g_printerr ("wijkmix-cli: %s\n%s", message, usage);
  return 2;
}

char *
wm_cli_format_value (const char *key, double value, gboolean signed_)
{
  if (wm_indicator_report_key_is_count (key) || g_str_equal (key, "residents"))
    return g_strdup_printf (signed_ ? "%+.0f" : "%.0f", value);
  if (g_str_has_prefix (key, "share.") || g_str_has_suffix (key, "_share") ||
      g_str_has_prefix (key, "coverage."))
    return g_strdup_printf (signed_ ? "%+.1f%%" : "%.1f%%", value * 100.0);
  return g_strdup_printf (signed_ ? "%+.3f" : "%.3f", value);
}

char *
wm_cli_format_change (const char *key, double change)
{
  g_autofree char *magnitude = wm_cli_format_value (key, fabs (change), FALSE);

  if (strspn (magnitude, "0.,%") == strlen (magnitude))
    return g_strdup ("0");
  return wm_cli_format_value (key, change, TRUE);
}

char *
wm_cli_padded (const char *text, int width, gboolean left)
{
  int n = (int) g_utf8_strlen (text, -1);
  g_autofree char *spaces = g_strnfill (MAX (0, width - n), ' ');

  return left ? g_strconcat (text, spaces, NULL) : g_strconcat (spaces, text, NULL);
}

gboolean
wm_cli_parse_year (const char *text, int *out_year, char **out_message)
{
  gint64 year = 0;

  /* Digits only: "2030.5", "+2030" and "2030x" are not years. */
  if (text != NULL && *text != '\0' && strspn (text, "0123456789") == strlen (text) &&
      strlen (text) <= 4)
    year = g_ascii_strtoll (text, NULL, 10);
  if (year < WM_CLI_FIRST_YEAR || year > WM_CLI_LAST_YEAR)
    {
      /* Translators: the value given to --year, e.g. "--year takes a year from 1900 to 2200,
       * not “20300”" */
      *out_message = g_strdup_printf (_("--year takes a year from %d to %d, not “%s”"),
                                      WM_CLI_FIRST_YEAR, WM_CLI_LAST_YEAR,
                                      text != NULL ? text : "");
      return FALSE;
    }
  *out_year = (int) year;
  return TRUE;
}

void
wm_cli_print_year (WmPlan *plan, WmScenario *scenario, int year)
{
  guint undated;

  if (year == WM_INDICATOR_ALL_YEARS)
    return;
  /* Translators: %d is a year, e.g. 2030 */
  g_print (_("As of the end of %d: only the changes completed by then count.\n"), year);
  undated = scenario != NULL ? wm_timeline_count_undated (plan, scenario) : 0;
  if (undated > 0)
    g_print (g_dngettext (NULL, "%u change without a completion year is left out.\n",
                          "%u changes without a completion year are left out.\n", undated),
             undated);
}
