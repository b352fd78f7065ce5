/* wm-cli-common.c: how every wijkmix-cli command reports a failure */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-cli-common.h"
#include "wm-indicator-report.h"

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
