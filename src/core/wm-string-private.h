/* wm-string-private.h: small string helpers shared by the core's classes */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces *@str by a copy of @value; TRUE when it changed (for notify-on-change setters).
 * GLib 2.74 has no g_set_str (). */
static inline gboolean
wm_set_str (char **str, const char *value)
{
  if (g_strcmp0 (*str, value) == 0)
    return FALSE;
  g_free (*str);
  *str = g_strdup (value);
  return TRUE;
}

G_END_DECLS
