/* wijkmix-bench-export.c: how long the table, GIS and PNG exports take, and how large they are
 *
 * For the demo and a synthetic city (wm-bench-city.h, by default 100,000 buildings in 500
 * areas) with a second scenario (the XLSX holds every scenario's rows) and a few proposals:
 * three runs of wm_export_job_new() (the copy on the main thread, which the window waits for)
 * and wm_export_job_run() (the write, in a worker in the window) per format. The peer of the
 * GIS exports, in the same run: ogr2ogr writing the same features with the same driver from the
 * exported GeoPackage (to a GeoPackage; to GeoJSON in WGS84, one call per layer).
 * Usage: wijkmix-bench-export [BUILDINGS [AREAS]]
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "wm-bench-city.h"
#include "wm-core.h"
#include "wm-demo.h"
#include "wm-export.h"
#include "wm-proposal-factory.h"

#define N_RUNS 3

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* In @scenario: a demolition of the first building with dwellings and a new build beside it. */
static void
add_proposals (WmPlan *plan, WmScenario *scenario)
{
  GListModel *buildings = wm_plan_get_buildings (plan);
  g_autoptr(GError) error = NULL;
  WmDwellingMix mix = { { 20, 12, 8, 10, 6 } };
  WmProposal *proposal;

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr(WmBuilding) b = g_list_model_get_item (buildings, i);
      const char *ids[] = { wm_building_get_id (b), NULL };
      WmPoint c;
      WmPoint ring[4];
      g_autoptr(WmGeometry) footprint = NULL;

      if (wm_building_get_n_dwellings (b) == 0)
        continue;
      proposal = wm_proposal_factory_demolish (plan, scenario, ids, 2027, &error);
      g_assert_no_error (error);
      wm_scenario_add_proposal (scenario, proposal);
      g_object_unref (proposal);
      c = wm_geometry_centroid (wm_building_get_footprint (b));
      ring[0] = (WmPoint) { c.x - 15, c.y - 15 };
      ring[1] = (WmPoint) { c.x + 15, c.y - 15 };
      ring[2] = (WmPoint) { c.x + 15, c.y + 15 };
      ring[3] = (WmPoint) { c.x - 15, c.y + 15 };
      footprint = wm_geometry_new_polygon (ring, 4);
      proposal = wm_proposal_factory_new_build (plan, scenario, footprint, &mix,
                                                WM_DWELLING_TYPE_APARTMENT, 2029, &error);
      g_assert_no_error (error);
      wm_scenario_add_proposal (scenario, proposal);
      g_object_unref (proposal);
      return;
    }
}

/* Milliseconds of one ogr2ogr call (with its start-up, as a user runs it). */
static double
ogr2ogr_ms (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;
  double start;

  g_ptr_array_add (argv, (char *) "ogr2ogr");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  start = now_ms ();
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                     NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("ogr2ogr: %s", error->message);
  return now_ms () - start;
}

/* The peer: the features of the exported @gpkg written again by ogr2ogr. */
static void
run_ogr2ogr_peer (const char *name, const char *gpkg, const char *dir)
{
  g_autofree char *copy = g_strdup_printf ("%s/%s-peer.gpkg", dir, name);
  g_autofree char *json_p = g_strdup_printf ("%s/%s-peer-p.geojson", dir, name);
  g_autofree char *json_f = g_strdup_printf ("%s/%s-peer-f.geojson", dir, name);

  for (guint r = 0; r < N_RUNS; r++)
    {
      const char *to_gpkg[] = { "-f", "GPKG", copy, gpkg, NULL };
      const char *to_json_p[] = { "-f", "GeoJSON", "-t_srs", "EPSG:4326", "-lco", "RFC7946=YES",
                                  json_p, gpkg, "proposals", NULL };
      const char *to_json_f[] = { "-f", "GeoJSON", "-t_srs", "EPSG:4326", "-lco", "RFC7946=YES",
                                  json_f, gpkg, "facilities", NULL };
      double gpkg_ms, json_ms;

      /* Each run writes new files, as the export does. */
      g_remove (copy);
      g_remove (json_p);
      g_remove (json_f);
      gpkg_ms = ogr2ogr_ms (to_gpkg);
      json_ms = ogr2ogr_ms (to_json_p) + ogr2ogr_ms (to_json_f);

      g_print ("%-5s ogr2ogr   run %u: to GeoPackage %8.1f ms, to GeoJSON %8.1f ms\n", name,
               r + 1, gpkg_ms, json_ms);
    }
  g_remove (copy);
  g_remove (json_p);
  g_remove (json_f);
}

static void
run (const char *name, WmDocument *document, WmExportFormat format, const char *dir)
{
  const char *label = format == WM_EXPORT_CHECKLIST_CSV ? "checklist"
                                                        : wm_export_format_get_extension (format);
  g_autofree char *path = g_strdup_printf ("%s/%s-%s.%s", dir, name, label,
                                           wm_export_format_get_extension (format));

  for (guint r = 0; r < N_RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WmExportJob) job = NULL;
      double start = now_ms (), copied, written;
      GStatBuf st;

      job = wm_export_job_new (document, NULL, format, NULL);
      copied = now_ms ();
      if (!wm_export_job_run (job, path, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      written = now_ms ();
      if (g_stat (path, &st) != 0)
        g_error ("%s: not written", path);
      g_print ("%-5s %-9s run %u: copy %8.1f ms, write %8.1f ms, %8.3f MB\n", name, label,
               r + 1, copied - start,
               written - copied, st.st_size / 1e6);
    }
  if (format == WM_EXPORT_GPKG)
    run_ogr2ogr_peer (name, path, dir);
  g_remove (path);
}

static void
run_all (const char *name, WmPlan *plan, const char *dir)
{
  static const WmExportFormat formats[] = { WM_EXPORT_CSV, WM_EXPORT_CHECKLIST_CSV,
                                            WM_EXPORT_XLSX, WM_EXPORT_GPKG, WM_EXPORT_GEOJSON,
                                            WM_EXPORT_PNG };
  g_autoptr(WmScenario) second = wm_scenario_new ("s-bench", "Variant");
  g_autoptr(WmDocument) document = NULL;

  add_proposals (plan, wm_plan_get_active_scenario (plan));
  wm_plan_add_scenario (plan, second);
  add_proposals (plan, second);
  document = wm_document_new (plan, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    run (name, document, formats[i], dir);
}

int
main (int argc, char **argv)
{
  guint n_buildings = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint n_areas = argc > 2 ? (guint) atoi (argv[2]) : 500;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmPlan) demo = NULL;
  g_autoptr(WmPlan) city = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-bench-export-XXXXXX", &error);
  double start;

  setlocale (LC_ALL, "");
  wm_core_init ();
  g_assert_no_error (error);

  demo = wm_demo_load (&error);
  g_assert_no_error (error);
  run_all ("demo", demo, dir);

  start = now_ms ();
  city = wm_bench_city_new (n_areas, n_buildings, MAX (n_buildings / 50, 9), 42);
  g_print ("city: %u buildings in %u areas, made in %.0f ms (not measured)\n", n_buildings,
           n_areas, now_ms () - start);
  run_all ("city", city, dir);
  g_rmdir (dir);
  return 0;
}
