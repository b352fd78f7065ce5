/* wijkmix-bench-autosave.c: how long the main thread stalls while a plan is autosaved
 *
 * Generates the synthetic city, saves it and opens it as a document the way the window does,
 * autosaves it (the first write is a complete recovery copy,
 * the following ones after one edit each), and meanwhile runs a 1 ms timer on the main
 * loop. The longest gap between two ticks, minus the timer's own millisecond, is the
 * longest the main thread was blocked during the autosave: taking the snapshot, starting
 * the worker, and handling its result. On a loaded machine that gap also holds the time the
 * process was not scheduled, so the most CPU time the main thread spent in one loop
 * iteration is printed too: its own work. The write itself runs in a worker.
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include <glib/gstdio.h>

#include "wm-autosave.h"
#include "wm-bench-city.h"
#include "wm-core.h"
#include "wm-document.h"
#include "wm-project-file.h"
#include "wm-proposal-factory.h"

typedef struct
{
  gint64 last_tick;
  gint64 max_gap;
  guint n_saved;
  guint n_failed;
} Probe;

static gboolean
tick (gpointer data)
{
  Probe *probe = data;
  gint64 now = g_get_monotonic_time ();

  if (probe->last_tick != 0 && now - probe->last_tick > probe->max_gap)
    probe->max_gap = now - probe->last_tick;
  probe->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_saved (WmAutosave *autosave, Probe *probe)
{
  probe->n_saved++;
}

static void
on_failed (WmAutosave *autosave, GError *error, Probe *probe)
{
  g_printerr ("autosave failed: %s\n", error->message);
  probe->n_failed++;
}

/* CPU time of the calling thread, in ms: what it worked, not how long it waited. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Runs the loop until the next "saved" (or "failed"); returns the longest stall in ms (wall
 * clock, so including any time this process was not scheduled on a loaded machine), the
 * most CPU time the main thread spent in one loop iteration in @out_cpu_ms (its own work
 * only), and the time from the change to "saved" in @out_total_ms. */
static double
measure (WmAutosave *autosave, Probe *probe, double *out_cpu_ms, double *out_total_ms)
{
  guint target = probe->n_saved + probe->n_failed + 1;
  gint64 start = g_get_monotonic_time ();

  /* From now: the snapshot is taken in the first iteration, before the first tick. */
  probe->last_tick = start;
  probe->max_gap = 0;
  *out_cpu_ms = 0;
  while (probe->n_saved + probe->n_failed < target)
    {
      double cpu = thread_cpu_ms ();

      g_main_context_iteration (NULL, TRUE);
      *out_cpu_ms = MAX (*out_cpu_ms, thread_cpu_ms () - cpu);
    }
  *out_total_ms = (g_get_monotonic_time () - start) / 1000.0;
  /* The timer's period is not a stall. */
  return MAX (0, probe->max_gap - 1000) / 1000.0;
}

/* One small edit: a facility proposal in the active scenario. */
static void
edit (WmPlan *plan, guint i)
{
  g_autoptr (GError) error = NULL;
  WmBounds bounds = wm_plan_get_bounds (plan);
  g_autoptr (WmProposal) proposal =
    wm_proposal_factory_add_facility (plan, NULL, WM_FACILITY_PLAYGROUND,
                                      bounds.min_x + 50 + 10 * i, bounds.min_y + 50, NULL, 2030,
                                      &error);

  if (proposal == NULL)
    g_error ("%s", error->message);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), proposal);
}

static void
run (guint n_buildings, guint n_areas, guint n_edits)
{
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-bench-autosave-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "city.gpkg", NULL);
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmDocument) document = NULL;
  g_autoptr (WmPlan) plan = NULL;
  g_autoptr (WmAutosave) autosave = NULL;
  Probe probe = { 0 };
  double total_ms, stall_ms, cpu_ms, idle_stall, idle_cpu;
  double worst_edit_stall = 0, worst_edit_cpu = 0, worst_edit_total = 0;
  gint64 t;
  guint ticker;

  /* As in the application: the city is a project file, opened as a document. */
  t = g_get_monotonic_time ();
  plan = wm_bench_city_new (n_areas, n_buildings, MAX (n_buildings / 50, 9), 42);
  if (!wm_project_file_save (plan, path, &error))
    g_error ("%s", error->message);
  g_clear_object (&plan);
  file = g_file_new_for_path (path);
  document = wm_document_load (file, &error);
  if (document == NULL)
    g_error ("%s", error->message);
  plan = g_object_ref (wm_document_get_plan (document));
  /* Only the autosave is measured: the engine and checklist, which follow edits on the main
   * thread too, go with the document. */
  g_clear_object (&document);
  g_print ("%u buildings (generated, saved and opened in %.1f s)\n", n_buildings,
           (g_get_monotonic_time () - t) / 1e6);

  autosave = wm_autosave_new (plan, dir);
  wm_autosave_set_delay (autosave, 0);
  g_signal_connect (autosave, "saved", G_CALLBACK (on_saved), &probe);
  g_signal_connect (autosave, "failed", G_CALLBACK (on_failed), &probe);
  ticker = g_timeout_add (1, tick, &probe);

  /* What the loop does without an autosave, for comparison: the noise of this machine. */
  {
    gint64 until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

    probe.last_tick = 0;
    probe.max_gap = 0;
    idle_cpu = 0;
    while (g_get_monotonic_time () < until)
      {
        double cpu = thread_cpu_ms ();

        g_main_context_iteration (NULL, TRUE);
        idle_cpu = MAX (idle_cpu, thread_cpu_ms () - cpu);
      }
    idle_stall = MAX (0, probe.max_gap - 1000) / 1000.0;
  }

  wm_plan_set_name (plan, "First autosave");
  stall_ms = measure (autosave, &probe, &cpu_ms, &total_ms);
  g_print ("  first write (complete copy): longest main-thread stall %.1f ms (main-thread "
           "work %.1f ms), written after %.0f ms\n", stall_ms, cpu_ms, total_ms);

  for (guint i = 0; i < n_edits; i++)
    {
      edit (plan, i);
      stall_ms = measure (autosave, &probe, &cpu_ms, &total_ms);
      worst_edit_stall = MAX (worst_edit_stall, stall_ms);
      worst_edit_cpu = MAX (worst_edit_cpu, cpu_ms);
      worst_edit_total = MAX (worst_edit_total, total_ms);
    }
  g_print ("  %u writes after one edit each: longest main-thread stall %.1f ms (main-thread "
           "work %.1f ms), slowest write %.0f ms\n", n_edits, worst_edit_stall, worst_edit_cpu,
           worst_edit_total);
  g_print ("  idle loop for 3 s, no autosave: longest stall %.1f ms (main-thread work %.1f ms)\n",
           idle_stall, idle_cpu);
  if (probe.n_failed > 0)
    g_print ("  %u writes FAILED\n", probe.n_failed);

  g_source_remove (ticker);
  wm_autosave_discard (autosave);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  guint n_edits = 5;

  wm_core_init ();
  if (argc > 1)
    {
      for (int i = 1; i < argc; i++)
        run (strtoul (argv[i], NULL, 10), 500, n_edits);
      return 0;
    }
  run (100000, 500, n_edits);
  run (1000000, 500, n_edits);
  return 0;
}
