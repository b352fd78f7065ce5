/* wm-demo.c: the embedded demo neighbourhood */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

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

/* The demo's attribution is stored in English in its file (other programs read it too); the
 * interface shows its lines in the user's language. */
static const char *const demo_attribution[] = {
  N_("Geometry: BGT, Kadaster / PDOK, CC0 (extract of August 2020)"),
  N_("Street names: BGT openbareruimtelabel, Kadaster / PDOK, CC0"),
  N_("Extract: NLExtract test data (bgt/etl/test/input/otterlo.zip)"),
  N_("Dwellings, segments, facilities and areas: illustrative"),
};

GStrv
wm_demo_translate_attribution (const char *attribution)
{
  g_auto (GStrv) lines = g_strsplit (attribution != NULL ? attribution : "", "\n", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (demo_attribution); j++)
        if (g_str_equal (line, demo_attribution[j]))
          line = _(demo_attribution[j]);
      g_strv_builder_add (builder, line);
    }
  return g_strv_builder_end (builder);
}
