/* fuzz-project.c: the project loader (a GeoPackage) on any bytes
 *
 * What loads must also give its stored roadmap catalogue to the checklist without a crash.
 */
#include "config.h"

#include "fuzz-common.h"
#include "wm-checklist.h"
#include "wm-plan-check.h"
#include "wm-project-file.h"

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
  g_autoptr(WmPlan) plan = NULL;
  g_autoptr(WmRoadmapCatalogue) catalogue = NULL;

  plan = wm_project_file_load_bytes (bytes, NULL);
  if (plan == NULL)
    return 0;
  catalogue = wm_checklist_get_plan_catalogue (plan, NULL);
  /* A file may hold proposals that do not fit together: they are found, never a crash. */
  g_ptr_array_unref (wm_plan_check (plan));
  return 0;
}
