/* wm-demo.c: the embedded demo neighbourhood */
#include "config.h"

#include <gio/gio.h>

#include "wm-core.h"
#include "wm-demo.h"
#include "wm-project-file.h"

WmPlan *
wm_demo_load (GError **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  wm_core_init ();

  bytes = g_resources_lookup_data (WM_DEMO_RESOURCE_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return wm_project_file_load_bytes (bytes, error);
}
