/* fuzz-field-mapping.c: the field mapping's JSON reader and the CLI's ROLE=NAME on any bytes */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "wm-field-mapping.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_set_up ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WmFieldMapping) mapping = NULL;
  g_autoptr(WmFieldMapping) assigned = wm_field_mapping_new ();
  g_autofree char *text = g_strndup ((const char *) data, size);

  mapping = wm_field_mapping_from_json ((const char *) data, size, NULL);
  if (mapping != NULL)
    {
      /* What was read writes and reads back the same. */
      g_autofree char *json = wm_field_mapping_to_json (mapping);
      g_autoptr(WmFieldMapping) back = wm_field_mapping_from_json (json, -1, NULL);
      g_autoptr(GPtrArray) roles = wm_field_mapping_get_roles (mapping);

      g_assert_nonnull (back);
      g_assert_true (wm_field_mapping_equal (mapping, back));
      for (guint i = 0; i < roles->len; i++)
        g_assert_nonnull (wm_field_mapping_get (mapping, g_ptr_array_index (roles, i)));
    }

  /* Each line as a --field argument (up to the first NUL, as argv would carry it). */
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", 256);

    for (guint i = 0; lines[i] != NULL; i++)
      if (wm_field_mapping_parse_assignment (assigned, lines[i], NULL))
        {
          const char *equals = strchr (lines[i], '=');
          g_autofree char *role = g_strstrip (g_strndup (lines[i], equals - lines[i]));

          g_assert_cmpstr (wm_field_mapping_get (assigned, role), ==, equals + 1);
        }
  }
  {
    g_autofree char *json = wm_field_mapping_to_json (assigned);
    g_autoptr(WmFieldMapping) back = wm_field_mapping_from_json (json, -1, NULL);

    g_assert_nonnull (back);
    g_assert_true (wm_field_mapping_equal (assigned, back));
  }
  return 0;
}
