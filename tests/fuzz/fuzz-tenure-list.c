/* fuzz-tenure-list.c: a property list's row interpretation (wm-tenure-list.c) on any bytes
 *
 * The product reads CSV and XLSX through GDAL; what is ours is the meaning of the header and
 * the cells, so the input is cut into lines (the first is the header) and fields (";" when the
 * header has one, else ",") here, without quoting.
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "wm-tenure-list.h"

/* More rows add nothing a fuzzer can find. */
#define MAX_ROWS 2000

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_set_up ();
  return 0;
}

static void
check_entry (const WmTenureListEntry *e)
{
  gint total = 0;

  g_assert_true (e->building_id != NULL || e->address_key != NULL);
  if (e->building_id != NULL)
    {
      g_assert_cmpuint (strlen (e->building_id), ==, 16);
      for (guint i = 0; i < 16; i++)
        g_assert_true (g_ascii_isdigit (e->building_id[i]));
    }
  for (guint k = 0; k < WM_N_SEGMENTS; k++)
    {
      g_assert_cmpint (e->mix.counts[k], >=, 0);
      total += e->mix.counts[k];
    }
  g_assert_cmpint (total, <=, WM_TENURE_LIST_MAX_DWELLINGS);
  g_assert_cmpuint (e->row, >=, 2);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", MAX_ROWS + 1);
  g_auto(GStrv) header = NULL;
  g_autoptr(WmTenureList) list = NULL;
  const char *separator;

  if (lines[0] == NULL)
    return 0;
  separator = strchr (lines[0], ';') != NULL ? ";" : ",";
  header = g_strsplit (lines[0], separator, 256);
  list = wm_tenure_list_new ("fuzz.csv", (const char *const *) header, g_strv_length (header),
                             2024, NULL, NULL);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], separator, 256);
      guint n = g_strv_length (fields);

      /* The helpers on every cell, whatever the header. */
      for (guint c = 0; c < n && c < 8; c++)
        {
          g_autofree char *id = wm_tenure_list_parse_pand_id (fields[c]);
          g_autofree char *key = wm_tenure_list_parse_address (fields[c]);
          double number;

          if (id != NULL)
            g_assert_cmpuint (strlen (id), ==, 16);
          if (key != NULL)
            g_assert_nonnull (strchr (key, ' '));
          wm_tenure_list_parse_number (fields[c], &number);
        }
      if (list != NULL)
        {
          guint before = wm_tenure_list_get_n_entries (list);
          g_autoptr(GError) error = NULL;

          if (!wm_tenure_list_add_row (list, i + 1, (const char *const *) fields, n, &error))
            {
              g_assert_nonnull (error);
              g_assert_cmpuint (wm_tenure_list_get_n_entries (list), ==, before);
            }
        }
    }
  for (guint i = 0; list != NULL && i < wm_tenure_list_get_n_entries (list); i++)
    check_entry (wm_tenure_list_get_entry (list, i));
  return 0;
}
