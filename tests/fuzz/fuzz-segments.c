/* fuzz-segments.c: the segment table reader (data/segments.json) on any bytes */
#include "config.h"

#include "fuzz-common.h"
#include "wm-segment.h"

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
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(WmSegmentTable) table = NULL;

  table = wm_segment_table_load_from_bytes (bytes, "fuzz.json", NULL);
  if (table == NULL)
    return 0;
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      g_assert_nonnull (wm_segment_table_get_name (table, s));
      g_assert_nonnull (wm_segment_table_get_description (table, s));
      g_assert_nonnull (wm_segment_table_get_colour (table, s));
    }
  for (int year = 1900; year <= 2100; year += 50)
    wm_segment_table_get_limits (table, year);
  return 0;
}
