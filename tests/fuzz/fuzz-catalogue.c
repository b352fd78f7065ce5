/* fuzz-catalogue.c: the roadmap catalogue reader (docs/roadmap-catalogue.md) on any bytes */
#include "config.h"

#include "fuzz-common.h"
#include "wm-roadmap-catalogue.h"

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
  g_autoptr(WmRoadmapCatalogue) catalogue = NULL;

  catalogue = wm_roadmap_catalogue_load_from_bytes (bytes, "fuzz.json", NULL);
  if (catalogue == NULL)
    return 0;

  /* What the checklist reads of a catalogue. */
  for (const char *const *p = wm_roadmap_catalogue_get_phases (catalogue); *p != NULL; p++)
    {
      g_assert_cmpint (wm_roadmap_catalogue_get_phase_index (catalogue, *p), >=, 0);
      g_assert_nonnull (wm_roadmap_catalogue_get_phase_name (catalogue, *p));
    }
  for (const char *const *o = wm_roadmap_catalogue_get_owners (catalogue); *o != NULL; o++)
    g_assert_nonnull (wm_roadmap_catalogue_get_owner_name (catalogue, *o));
  for (guint i = 0; i < wm_roadmap_catalogue_get_n_entries (catalogue); i++)
    {
      const WmRoadmapEntry *entry = wm_roadmap_catalogue_get_entry (catalogue, i);

      g_assert_true (wm_roadmap_catalogue_find_entry (catalogue, wm_roadmap_entry_get_id (entry))
                     == entry);
      g_assert_nonnull (wm_roadmap_entry_get_title (entry));
      g_assert_nonnull (wm_roadmap_entry_get_description (entry));
      g_assert_true (wm_roadmap_entry_get_source (entry) == NULL ||
                     *wm_roadmap_entry_get_source (entry) != '\0');
      g_assert_cmpint (wm_roadmap_catalogue_get_phase_index (catalogue,
                                                             wm_roadmap_entry_get_phase (entry)),
                       >=, 0);
    }
  return 0;
}
