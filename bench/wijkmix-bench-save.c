/* wijkmix-bench-save.c: what a save costs, complete and after one edit, at growing sizes
 *
 * For each size: a synthetic city (wm-bench-city.h) saved completely to a new file (the fair
 * peer: what every save cost before saves were incremental), then 7 edits, each one proposal
 * added and saved through the same WmProjectFile handle (only the changed rows are written).
 * Also measured: wm_project_snapshot_new(), the part of a save that runs on the main thread.
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "wm-bench-city.h"
#include "wm-core.h"
#include "wm-project-file.h"

#define N_EDITS 7

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof *values, (int (*) (const void *, const void *)) compare_double);
  return values[n / 2];
}

static void
run (guint n_buildings, const char *dir)
{
  g_autofree char *path = g_strdup_printf ("%s/city-%u.gpkg", dir, n_buildings);
  g_autoptr (WmPlan) plan = NULL;
  g_autoptr (WmProjectFile) file = wm_project_file_new (path);
  g_autoptr (GError) error = NULL;
  double snapshot_ms[N_EDITS], edit_ms[N_EDITS];
  double start, first_snapshot_ms, full_ms;
  GStatBuf st;

  plan = wm_bench_city_new (MAX (4, n_buildings / 200), n_buildings, MAX (20, n_buildings / 50),
                            42);

  /* The first snapshot of a plan that was not read from a file builds its shared baseline. */
  start = now_ms ();
  {
    g_autoptr (WmProjectSnapshot) snapshot = wm_project_snapshot_new (plan);

    first_snapshot_ms = now_ms () - start;
    start = now_ms ();
    if (!wm_project_file_write (file, snapshot, &error))
      g_error ("%s", error->message);
    full_ms = now_ms () - start;
  }

  for (guint i = 0; i < N_EDITS; i++)
    {
      g_autofree char *id = g_strdup_printf ("bench-%u", i);
      g_autoptr (WmProposal) proposal = wm_proposal_new (id, WM_PROPOSAL_ADD_FACILITY);
      g_autoptr (WmGeometry) point = wm_geometry_new_point (150000 + i * 10, 450000);
      g_autoptr (WmProjectSnapshot) snapshot = NULL;

      wm_proposal_set_geometry (proposal, point);
      wm_proposal_set_facility_type (proposal, WM_FACILITY_PLAYGROUND);
      wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), proposal);

      start = now_ms ();
      snapshot = wm_project_snapshot_new (plan);
      snapshot_ms[i] = now_ms () - start;
      start = now_ms ();
      if (!wm_project_file_write (file, snapshot, &error))
        g_error ("%s", error->message);
      edit_ms[i] = now_ms () - start;
    }

  /* The snapshot copies the proposals (they are mutable GObjects): its cost with many. */
  if (n_buildings == 100000)
    {
      double many_ms;
      g_autoptr (WmProjectSnapshot) snapshot = NULL;

      for (guint i = 0; i < 20000; i++)
        {
          g_autofree char *id = g_strdup_printf ("many-%u", i);
          g_autoptr (WmProposal) proposal = wm_proposal_new (id, WM_PROPOSAL_NEW_BUILD);
          g_autoptr (WmGeometry) point = wm_geometry_new_point (150000 + i, 450000);
          WmDwellingMix gain = { { 4, 2, 0, 0, 1 } };

          wm_proposal_set_geometry (proposal, point);
          wm_proposal_set_dwelling_delta (proposal, &gain);
          wm_proposal_set_name (proposal, id);
          wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), proposal);
        }
      start = now_ms ();
      snapshot = wm_project_snapshot_new (plan);
      many_ms = now_ms () - start;
      start = now_ms ();
      if (!wm_project_file_write (file, snapshot, &error))
        g_error ("%s", error->message);
      g_print ("%9u buildings, 20,000 proposals more: snapshot %.1f ms, saving them %.1f ms\n",
               n_buildings, many_ms, now_ms () - start);
      g_clear_pointer (&snapshot, wm_project_snapshot_unref);
      {
        g_autoptr (WmProposal) proposal = wm_proposal_new ("many-last", WM_PROPOSAL_RENOVATE);

        wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), proposal);
      }
      start = now_ms ();
      snapshot = wm_project_snapshot_new (plan);
      many_ms = now_ms () - start;
      start = now_ms ();
      if (!wm_project_file_write (file, snapshot, &error))
        g_error ("%s", error->message);
      g_print ("%9u buildings, 20,007 proposals, one edit: snapshot %.1f ms, save %.1f ms\n",
               n_buildings, many_ms, now_ms () - start);
    }

  g_stat (path, &st);
  g_print ("%9u buildings (%6.1f MB): complete save %9.1f ms | one edit: save %6.1f ms, "
           "snapshot %6.3f ms (first snapshot %6.1f ms)\n",
           n_buildings, st.st_size / 1e6, full_ms, median (edit_ms, N_EDITS),
           median (snapshot_ms, N_EDITS), first_snapshot_ms);
  g_unlink (path);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-bench-save-XXXXXX", NULL);
  guint sizes[] = { 1000, 100000, 1000000 };

  wm_core_init ();
  g_print ("Median of %d edits; files in %s\n", N_EDITS, dir);
  if (argc > 1)
    for (int i = 1; i < argc; i++)
      run ((guint) g_ascii_strtoull (argv[i], NULL, 10), dir);
  else
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      run (sizes[i], dir);
  g_rmdir (dir);
  return 0;
}
