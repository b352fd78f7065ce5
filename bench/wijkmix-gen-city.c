/* wijkmix-gen-city.c: writes a synthetic city as a Wijkmix project (for benchmarks) */
#include "config.h"

#include <stdlib.h>

#include "wm-bench-city.h"
#include "wm-core.h"
#include "wm-project-file.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WmPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  guint n_buildings = argc > 2 ? strtoul (argv[2], NULL, 10) : 100000;
  guint n_areas = argc > 3 ? strtoul (argv[3], NULL, 10) : 500;

  if (argc < 2 || n_buildings == 0 || n_areas == 0)
    {
      g_printerr ("Usage: wijkmix-gen-city PROJECT [BUILDINGS [AREAS]]\n"
                  "Defaults: 100000 buildings of 10 dwellings, 500 areas.\n");
      return 2;
    }
  wm_core_init ();
  plan = wm_bench_city_new (n_areas, n_buildings, MAX (n_buildings / 50, 9), 42);
  if (!wm_project_file_save (plan, argv[1], &error))
    {
      g_printerr ("wijkmix-gen-city: %s\n", error->message);
      return 1;
    }
  return 0;
}
