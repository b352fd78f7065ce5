/* wm-cli-common.c: how every wijkmix-cli command reports a failure */
#include "config.h"

#include "wm-cli-common.h"

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
