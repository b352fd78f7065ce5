/* wijkmix-bench-load.c: loading a city without stored area ids, and adding many proposals
 *
 * 1. The synthetic city is saved, its buildings' area ids are cleared in the file (as a file
 *    from another program may have them), and it is loaded (median of 3): every building's
 *    area is then found from its centroid.
 * 2. A changes document of many proposals (demolitions and new builds) is applied the way
 *    `wijkmix-cli apply` does (load, read the document, add, save), and the result is opened
 *    again.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "wm-bench-city.h"
#include "wm-core.h"
#include "wm-project-file.h"
#include "wm-proposal-json.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
clear_area_ids (const char *path)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db, "UPDATE buildings SET area_id = NULL", NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", path, message != NULL ? message : sqlite3_errmsg (db));
  sqlite3_close (db);
}

static WmPlan *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  WmPlan *plan = wm_project_file_load (path, &error);

  if (plan == NULL)
    g_error ("%s", error->message);
  return plan;
}

/* Half demolitions of one building each, half new builds of a small square. */
static char *
changes_document (WmPlan *plan,
                  guint   n_proposals)
{
  GListModel *buildings = wm_plan_get_buildings (plan);
  guint n_buildings = g_list_model_get_n_items (buildings);
  GString *json = g_string_new ("{\"version\": 1, \"proposals\": [\n");

  for (guint i = 0; i < n_proposals; i++)
    {
      if (i > 0)
        g_string_append (json, ",\n");
      if (i % 2 == 0)
        {
          g_autoptr(WmBuilding) building = g_list_model_get_item (buildings, (i / 2) % n_buildings);

          g_string_append_printf (json, "{\"kind\": \"demolish\", \"buildings\": [\"%s\"],"
                                  " \"year\": %u}", wm_building_get_id (building), 2026 + i % 10);
        }
      else
        {
          double x = 100000 + (i % 200) * 20.0, y = 400000 + (i / 200) * 20.0;

          g_string_append_printf (json, "{\"kind\": \"new_build\", \"year\": %u,"
                                  " \"dwellings\": {\"social_rent\": 4, \"mid_rent\": 2},"
                                  " \"geometry\": {\"type\": \"Polygon\", \"coordinates\":"
                                  " [[[%.0f, %.0f], [%.0f, %.0f], [%.0f, %.0f], [%.0f, %.0f],"
                                  " [%.0f, %.0f]]]}}",
                                  2026 + i % 10, x, y, x + 10, y, x + 10, y + 10, x, y + 10, x, y);
        }
    }
  g_string_append (json, "\n]}\n");
  return g_string_free (json, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmPlan) plan = NULL;
  g_autoptr(GArray) load_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) proposals = NULL;
  g_autofree char *dir = NULL, *path = NULL, *apply_path = NULL, *changes = NULL;
  guint n_buildings = argc > 1 ? strtoul (argv[1], NULL, 10) : 100000;
  guint n_proposals = argc > 2 ? strtoul (argv[2], NULL, 10) : 20000;
  guint n_areas = 500;
  guint n_with_area = 0;
  double t, apply_ms, reopen_ms;
  WmScenario *scenario;

  wm_core_init ();
  dir = g_dir_make_tmp ("wijkmix-bench-load-XXXXXX", NULL);
  path = g_build_filename (dir, "city.gpkg", NULL);
  apply_path = g_build_filename (dir, "applied.gpkg", NULL);

  plan = wm_bench_city_new (n_areas, n_buildings, MAX (n_buildings / 50, 9), 42);
  if (!wm_project_file_save (plan, path, &error))
    g_error ("%s", error->message);
  g_clear_object (&plan);
  clear_area_ids (path);

  for (guint i = 0; i < 3; i++)
    {
      g_clear_object (&plan);
      t = now_ms ();
      plan = load (path);
      t = now_ms () - t;
      g_array_append_val (load_ms, t);
    }
  g_array_sort (load_ms, cmp_double);
  /* How many buildings know their area afterwards (the plan or the loader decides). */
  for (guint i = 0; i < g_list_model_get_n_items (wm_plan_get_buildings (plan)); i++)
    {
      g_autoptr(WmBuilding) building = g_list_model_get_item (wm_plan_get_buildings (plan), i);

      n_with_area += wm_building_get_area_id (building) != NULL;
    }
  g_print ("Load %u buildings, %u areas, no stored area ids: median %.0f ms (min %.0f, max %.0f);"
           " %u buildings with an area after loading\n",
           n_buildings, n_areas, g_array_index (load_ms, double, 1),
           g_array_index (load_ms, double, 0), g_array_index (load_ms, double, 2), n_with_area);

  /* Apply as wijkmix-cli does, on a copy of the city with its area ids. */
  g_clear_object (&plan);
  plan = wm_bench_city_new (n_areas, n_buildings / 10, MAX (n_buildings / 500, 9), 42);
  if (!wm_project_file_save (plan, apply_path, &error))
    g_error ("%s", error->message);
  changes = changes_document (plan, n_proposals);
  g_clear_object (&plan);

  t = now_ms ();
  plan = load (apply_path);
  scenario = wm_plan_get_active_scenario (plan);
  proposals = wm_proposals_from_json_data (changes, strlen (changes), "changes.json", plan, &error);
  if (proposals == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < proposals->len; i++)
    wm_scenario_add_proposal (scenario, g_ptr_array_index (proposals, i));
  if (!wm_project_file_save (plan, apply_path, &error))
    g_error ("%s", error->message);
  apply_ms = now_ms () - t;
  g_clear_object (&plan);

  t = now_ms ();
  plan = load (apply_path);
  reopen_ms = now_ms () - t;
  g_print ("Apply %u proposals to a city of %u buildings (load, read, add, save): %.0f ms;"
           " open the result: %.0f ms (%u proposals)\n",
           n_proposals, n_buildings / 10, apply_ms, reopen_ms,
           g_list_model_get_n_items (wm_scenario_get_proposals (wm_plan_get_active_scenario (plan))));

  g_unlink (path);
  g_unlink (apply_path);
  g_rmdir (dir);
  return 0;
}
