/* wm-core.c: one-time set-up of the core library */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-core.h"
#include "wm-core-resources.h"

const char *
wm_core_get_localedir (void)
{
  const char *dir = g_getenv ("WIJKMIX_LOCALEDIR");

  /* Set by tools/dev and the tests so an uninstalled build finds its own translations. */
  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

void
wm_core_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      /* The resource is linked into a static library, so it has to be registered by hand. */
      wm_core_register_resource ();
      bindtextdomain (GETTEXT_PACKAGE, wm_core_get_localedir ());
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&initialised, 1);
    }
}
