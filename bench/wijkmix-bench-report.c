/* wijkmix-bench-report.c: how long the PDF report and the poster take, and how large they are
 *
 * For the demo (Otterlo, real BGT base map) and a synthetic city (wm-bench-city.h, by default
 * 100,000 buildings in 500 areas with base map green), each with a few proposals: three runs
 * of wm_report_new() (the copy on the main thread), the layout (wm_report_get_n_pages()) and
 * writing the PDF (drawing every page, map and charts included), with the file's size.
 * Usage: wijkmix-bench-report [BUILDINGS [AREAS]]
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "wm-bench-city.h"
#include "wm-core.h"
#include "wm-demo.h"
#include "wm-document.h"
#include "wm-proposal-factory.h"
#include "wm-report.h"

#define N_RUNS 3

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* CPU time of this process: on a shared machine the wall clock also counts other processes. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 +
         usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

/* A demolition of the building with the most dwellings, two new builds and a playground. */
static void
add_proposals (WmDocument *document)
{
  WmPlan *plan = wm_document_get_plan (document);
  WmHistory *history = wm_document_get_history (document);
  GListModel *buildings = wm_plan_get_buildings (plan);
  g_autoptr(GError) error = NULL;
  WmBuilding *largest = NULL;
  WmBounds bounds = wm_plan_get_bounds (plan);
  double cx = (bounds.min_x + bounds.max_x) / 2, cy = (bounds.min_y + bounds.max_y) / 2;
  WmDwellingMix mix = { { 20, 12, 8, 10, 6 } };
  WmProposal *proposals[4] = { NULL };

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr(WmBuilding) b = g_list_model_get_item (buildings, i);

      if (largest == NULL ||
          wm_building_get_n_dwellings (b) > wm_building_get_n_dwellings (largest))
        largest = b;
    }
  if (largest != NULL)
    {
      const char *ids[] = { wm_building_get_id (largest), NULL };

      proposals[0] = wm_proposal_factory_demolish (plan, NULL, ids, 2027, &error);
    }
  for (guint i = 0; i < 2; i++)
    {
      WmPoint ring[] = { { cx + i * 80, cy }, { cx + i * 80 + 30, cy },
                         { cx + i * 80 + 30, cy + 30 }, { cx + i * 80, cy + 30 } };
      g_autoptr(WmGeometry) footprint = wm_geometry_new_polygon (ring, G_N_ELEMENTS (ring));

      proposals[1 + i] = wm_proposal_factory_new_build (plan, NULL, footprint, &mix,
                                                        WM_DWELLING_TYPE_APARTMENT, 2028 + i,
                                                        &error);
    }
  proposals[3] = wm_proposal_factory_add_facility (plan, NULL, WM_FACILITY_PLAYGROUND, cx - 50,
                                                   cy, NULL, 2028, &error);
  for (guint i = 0; i < G_N_ELEMENTS (proposals); i++)
    {
      if (proposals[i] == NULL)
        continue;
      if (!wm_history_add_proposal (history, NULL, proposals[i], -1, &error))
        g_error ("%s", error->message);
      g_object_unref (proposals[i]);
    }
}

static void
run (const char   *name,
     WmDocument   *document,
     WmReportKind  kind,
     const char   *dir)
{
  g_autofree char *path = g_strdup_printf ("%s/%s-%s.pdf", dir, name,
                                           kind == WM_REPORT_POSTER ? "poster" : "report");

  for (guint r = 0; r < N_RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WmReport) report = NULL;
      double start = now_ms (), cpu_start = cpu_ms (), copied, laid_out, written;
      GStatBuf st;
      guint n_pages;

      report = wm_report_new (document, NULL, kind, "Bench", NULL);
      copied = now_ms ();
      n_pages = wm_report_get_n_pages (report);
      laid_out = now_ms ();
      if (!wm_report_write_pdf (report, path, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      written = now_ms ();
      if (g_stat (path, &st) != 0)
        g_error ("%s: not written", path);
      g_print ("%-5s %-6s run %u: %4u pages, copy %7.1f ms, layout %7.1f ms, write %7.1f ms, "
               "total %7.1f ms (CPU %7.1f ms), %6.2f MB\n",
               name, kind == WM_REPORT_POSTER ? "poster" : "report", r + 1, n_pages,
               copied - start, laid_out - copied, written - laid_out, written - start,
               cpu_ms () - cpu_start, st.st_size / 1e6);
    }
  g_remove (path);
}

int
main (int argc, char **argv)
{
  guint n_buildings = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint n_areas = argc > 2 ? (guint) atoi (argv[2]) : 500;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(WmPlan) demo = NULL;
  g_autoptr(WmPlan) city = NULL;
  g_autoptr(WmDocument) demo_document = NULL;
  g_autoptr(WmDocument) city_document = NULL;
  double start;

  setlocale (LC_ALL, "");
  wm_core_init ();
  dir = g_dir_make_tmp ("wijkmix-bench-report-XXXXXX", &error);
  g_assert_no_error (error);

  demo = wm_demo_load (&error);
  g_assert_no_error (error);
  demo_document = wm_document_new (demo, NULL);
  add_proposals (demo_document);
  run ("demo", demo_document, WM_REPORT_WORKSHOP, dir);
  run ("demo", demo_document, WM_REPORT_POSTER, dir);

  start = now_ms ();
  city = wm_bench_city_new (n_areas, n_buildings, MAX (n_buildings / 50, 9), 42);
  wm_bench_city_add_green (city, n_areas, 42);
  city_document = wm_document_new (city, NULL);
  add_proposals (city_document);
  g_print ("city: %u buildings in %u areas, made in %.0f ms (not measured below)\n", n_buildings,
           n_areas, now_ms () - start);
  run ("city", city_document, WM_REPORT_WORKSHOP, dir);
  run ("city", city_document, WM_REPORT_POSTER, dir);
  g_rmdir (dir);
  return 0;
}
