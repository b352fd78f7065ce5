/* wijkmix-bench-import.c: importing a city's BAG at scale, against ogr2ogr copying the same layers
 *
 * In one run, on one generated BAG-like GeoPackage (wijkmix-gen-bag) of PANDEN panden and
 * CBS-like buurten over the same blocks:
 *   peer    `ogr2ogr -f GPKG` copying the layers pand and verblijfsobject to a new GeoPackage;
 *   import  a new project: the buurten (areas with key figures) read and applied, then the BAG
 *           read (wm_import_read), applied (wm_import_apply: one undo step, the estimate of
 *           tenure from the buurten's figures, one recompute) and saved (wm_document_save);
 *   open    wm_document_load of the saved project plus the first reading of the indicators
 *           (also wm_project_file_load alone: the plan without history and engine);
 *   edit    a proposal added through the history until the engine has the indicators the
 *           panel reads (median of 21, each undone after);
 *   save    the save of one edit (incremental, through the document's file handle; median of 7).
 * Each phase runs in a process of its own (this program started again with --phase), so that
 * its peak RSS (ru_maxrss from wait4) is its own. Goals: import <= 2 x ogr2ogr, open <= 2 s,
 * edit <= 1 ms, save of one edit <= 100 ms, RSS <= 1 GB at 1,000,000 panden.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "wm-core.h"
#include "wm-document.h"
#include "wm-import.h"
#include "wm-project-file.h"

#define N_EDITS 21
#define N_SAVES 7

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof *values, cmp_double);
  return values[n / 2];
}

/* A child reports "result KEY VALUE" lines on stdout; the driver collects them. */
static void
report (const char *key, double value)
{
  g_print ("result %s %.6f\n", key, value);
}

static void
die (const char *what, GError *error)
{
  g_printerr ("wijkmix-bench-import: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

/* What the panel reads after an edit (as wijkmix-bench reads it): totals and one area. */
static double
read_indicators (WmIndicatorEngine *engine, const char *area_id)
{
  static const char *const total_keys[] = {
    "dwellings", "share.social_rent", "affordable_share", "diversity", "dissimilarity_social",
    "dissimilarity_social.grid_250m", "dissimilarity_social.grid_500m", "newcomer_share",
    "households_to_rehouse", "coverage.playground", "coverage.meeting_place",
  };
  static const char *const area_keys[] = {
    "dwellings", "share.social_rent", "affordable_share", "diversity", "coverage.playground",
  };
  double sum = 0;

  for (guint i = 0; i < G_N_ELEMENTS (total_keys); i++)
    sum += wm_indicator_engine_get (engine, total_keys[i], NULL, WM_INDICATOR_PROJECTED);
  for (guint i = 0; area_id != NULL && i < G_N_ELEMENTS (area_keys); i++)
    sum += wm_indicator_engine_get (engine, area_keys[i], area_id, WM_INDICATOR_PROJECTED);
  return sum;
}

/* Even @i: demolish a building with dwellings; odd: a new build of 24 dwellings next to one. */
static WmProposal *
make_edit (GRand *rand, WmPlan *plan, guint i, char **area_id)
{
  g_autofree char *id = g_strdup_printf ("bench-import-%u", i);
  GListModel *buildings = wm_plan_get_buildings (plan);
  guint n = g_list_model_get_n_items (buildings);
  g_autoptr(WmBuilding) building = NULL;
  WmProposal *proposal;
  WmPoint c;

  if (n == 0)
    die ("edit", NULL);
  do
    {
      g_clear_object (&building);
      building = g_list_model_get_item (buildings, g_rand_int_range (rand, 0, n));
    }
  while (wm_dwelling_mix_total (wm_building_get_dwellings (building)) == 0);

  g_free (*area_id);
  *area_id = g_strdup (wm_building_get_area_id (building));
  c = wm_geometry_centroid (wm_building_get_footprint (building));
  if (i % 2 == 0)
    {
      const char *ids[] = { wm_building_get_id (building), NULL };

      proposal = wm_proposal_new (id, WM_PROPOSAL_DEMOLISH);
      wm_proposal_set_building_ids (proposal, ids);
    }
  else
    {
      WmDwellingMix delta = { { 12, 6, 0, 4, 2 } };
      WmPoint ring[] = { { c.x + 20, c.y }, { c.x + 40, c.y }, { c.x + 40, c.y + 20 },
                         { c.x + 20, c.y + 20 } };
      g_autoptr(WmGeometry) footprint = wm_geometry_new_polygon (ring, G_N_ELEMENTS (ring));

      proposal = wm_proposal_new (id, WM_PROPOSAL_NEW_BUILD);
      wm_proposal_set_dwelling_delta (proposal, &delta);
      wm_proposal_set_geometry (proposal, footprint);
    }
  return proposal;
}

static WmDocument *
load_document (const char *project)
{
  g_autoptr(GFile) file = g_file_new_for_path (project);
  g_autoptr(GError) error = NULL;
  WmDocument *document = wm_document_load (file, &error);

  if (document == NULL)
    die (project, error);
  return document;
}

/* ---- Phases (each in its own process) ---- */

static void
progress_none (double fraction, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
phase_import (const char *bag, const char *buurten, const char *project)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(WmDocument) document = wm_document_new (plan, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (project);
  g_autoptr(GError) error = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  WmImportResult *result;
  guint n_progress = 0;
  double t;

  if (buurten != NULL && *buurten != '\0')
    {
      t = now_ms ();
      result = wm_import_read (buurten, &options, progress_none, &n_progress, NULL, &error);
      if (result == NULL)
        die (buurten, error);
      report ("areas_read_ms", now_ms () - t);
      report ("areas", result->areas->len);
      t = now_ms ();
      if (!wm_import_apply (document, result, &error))
        die (buurten, error);
      wm_import_result_free (result);
      report ("areas_apply_ms", now_ms () - t);
    }

  t = now_ms ();
  result = wm_import_read (bag, &options, progress_none, &n_progress, NULL, &error);
  if (result == NULL)
    die (bag, error);
  report ("read_ms", now_ms () - t);
  report ("read_buildings", result->buildings->len);
  report ("read_addresses", result->addresses != NULL ? g_hash_table_size (result->addresses) : 0);
  report ("progress_calls", n_progress);

  t = now_ms ();
  if (!wm_import_apply (document, result, &error))
    die (bag, error);
  report ("apply_ms", now_ms () - t);
  t = now_ms ();
  wm_import_result_free (result);
  report ("free_ms", now_ms () - t);

  t = now_ms ();
  if (!wm_document_save (document, file, &error))
    die (project, error);
  report ("save_ms", now_ms () - t);

  report ("buildings", g_list_model_get_n_items (wm_plan_get_buildings (wm_document_get_plan (document))));
  report ("dwellings", wm_indicator_engine_get (wm_document_get_engine (document), "dwellings", NULL,
                                                WM_INDICATOR_BASELINE));
}

static void
phase_open (const char *project)
{
  g_autoptr(WmDocument) document = NULL;
  double t = now_ms (), sink;

  document = load_document (project);
  report ("load_ms", now_ms () - t);
  t = now_ms ();
  sink = read_indicators (wm_document_get_engine (document), NULL);
  report ("first_read_ms", now_ms () - t);
  report ("buildings", g_list_model_get_n_items (wm_plan_get_buildings (wm_document_get_plan (document))));
  report ("sink", isfinite (sink) ? 0 : 1);
}

static void
phase_open_plan (const char *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmPlan) plan = NULL;
  double t = now_ms ();

  plan = wm_project_file_load (project, &error);
  if (plan == NULL)
    die (project, error);
  report ("load_ms", now_ms () - t);
}

static void
phase_edit (const char *project)
{
  g_autoptr(WmDocument) document = load_document (project);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *area_id = NULL;
  WmHistory *history = wm_document_get_history (document);
  WmIndicatorEngine *engine = wm_document_get_engine (document);
  WmPlan *plan = wm_document_get_plan (document);
  double ms[N_EDITS], sink = read_indicators (engine, NULL), max = 0;

  for (guint i = 0; i < N_EDITS; i++)
    {
      g_autoptr(WmProposal) proposal = make_edit (rand, plan, i, &area_id);
      g_autoptr(GError) error = NULL;
      double t = now_ms ();

      if (!wm_history_add_proposal (history, NULL, proposal, -1, &error))
        die ("edit", error);
      sink += read_indicators (engine, area_id);
      ms[i] = now_ms () - t;
      max = MAX (max, ms[i]);
      wm_history_undo (history);
    }
  report ("edit_median_ms", median (ms, N_EDITS));
  report ("edit_max_ms", max);
  report ("sink", isfinite (sink) ? 0 : 1);
}

static void
phase_save (const char *project)
{
  g_autoptr(WmDocument) document = load_document (project);
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  g_autofree char *area_id = NULL;
  WmPlan *plan = wm_document_get_plan (document);
  double ms[N_SAVES], max = 0;

  for (guint i = 0; i < N_SAVES; i++)
    {
      g_autoptr(WmProposal) proposal = make_edit (rand, plan, 100 + i, &area_id);
      g_autoptr(GError) error = NULL;
      double t;

      if (!wm_history_add_proposal (wm_document_get_history (document), NULL, proposal, -1, &error))
        die ("edit", error);
      t = now_ms ();
      if (!wm_document_save (document, NULL, &error))
        die (project, error);
      ms[i] = now_ms () - t;
      max = MAX (max, ms[i]);
    }
  report ("save_median_ms", median (ms, N_SAVES));
  report ("save_max_ms", max);
}

/* ---- The driver ---- */

typedef struct
{
  double wall_ms;
  double cpu_ms;       /* user + system */
  double rss_mb;
  GHashTable *results; /* char* -> double* */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->results, g_hash_table_unref);
}

static double
run_get (const Run *run, const char *key)
{
  double *value = run->results != NULL ? g_hash_table_lookup (run->results, key) : NULL;

  return value != NULL ? *value : NAN;
}

/* Runs @argv to its end: wall time, its own peak RSS (wait4) and the "result" lines it
 * printed. Exits when it fails. */
static Run
run_process (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  struct rusage usage;
  GPid pid;
  int out_fd, status;
  char buffer[4096];
  gssize n;
  Run run = { 0 };
  double t = now_ms ();

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH, NULL, NULL, &pid,
                                 NULL, &out_fd, NULL, &error))
    die (argv[0], error);
  while ((n = read (out_fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (out, buffer, n);
  close (out_fd);
  if (wait4 (pid, &status, 0, &usage) != pid)
    die ("wait4", NULL);
  run.wall_ms = now_ms () - t;
  run.rss_mb = usage.ru_maxrss / 1024.0;
  run.cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
               (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_autofree char *command = g_strjoinv (" ", (char **) argv);

      g_printerr ("wijkmix-bench-import: `%s` failed (status %d)\n%s", command, status, out->str);
      exit (1);
    }
  run.results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (out->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", 3);

      if (g_strv_length (words) == 3 && g_str_equal (words[0], "result"))
        g_hash_table_insert (run.results, g_strdup (words[1]),
                             g_memdup2 (&(double) { g_ascii_strtod (words[2], NULL) }, sizeof (double)));
      else if (*lines[i] != '\0')
        g_print ("    | %s\n", lines[i]);
    }
  return run;
}

static const char *
verdict (double value, double goal)
{
  return isnan (value) ? "-" : value <= goal ? "met" : "NOT met";
}

static void
bench (const char *self, const char *dir, guint n_panden, const char *given_bag,
       const char *given_buurten)
{
  g_autofree char *bag = given_bag != NULL ? g_strdup (given_bag)
                                           : g_strdup_printf ("%s/bag-%u.gpkg", dir, n_panden);
  g_autofree char *buurten = given_bag != NULL ? g_strdup (given_buurten != NULL ? given_buurten : "")
                                               : g_strdup_printf ("%s/buurten-%u.gpkg", dir, n_panden);
  g_autofree char *peer = g_strdup_printf ("%s/peer-%u.gpkg", dir, n_panden);
  g_autofree char *project = g_strdup_printf ("%s/project-%u.wijkmix", dir, n_panden);
  g_autofree char *bindir = g_path_get_dirname (self);
  g_autofree char *generator = g_build_filename (bindir, "wijkmix-gen-bag", NULL);
  g_autofree char *count = g_strdup_printf ("%u", n_panden);
  g_autofree char *buurten_option = g_strdup_printf ("--buurten=%s", buurten);
  Run peer_run, import_run, open_run, plan_run, edit_run, save_run;
  double import_ms, max_rss;
  GStatBuf st;

  g_print ("== %u panden (%s)\n", n_panden, bag);
  if (given_bag == NULL && !g_file_test (bag, G_FILE_TEST_EXISTS))
    {
      const char *argv[] = { generator, buurten_option, bag, count, NULL };
      Run gen = run_process (argv);

      g_print ("  generated in %.1f s (peak RSS %.0f MB)\n", gen.wall_ms / 1000, gen.rss_mb);
      run_clear (&gen);
    }
  if (g_stat (bag, &st) == 0)
    g_print ("  input %.0f MB\n", st.st_size / 1e6);

  /* (a) the peer */
  g_unlink (peer);
  {
    const char *argv[] = { "ogr2ogr", "-f", "GPKG", peer, bag, "pand", "verblijfsobject", NULL };

    peer_run = run_process (argv);
  }
  g_unlink (peer);

  /* (b) the import into a new project; (c) opening it; (d) one edit; (e) its save */
  g_unlink (project);
  {
    const char *argv[] = { self, "--phase=import", bag, buurten, project, NULL };

    import_run = run_process (argv);
  }
  {
    const char *argv[] = { self, "--phase=open", project, NULL };

    open_run = run_process (argv);
  }
  {
    const char *argv[] = { self, "--phase=open-plan", project, NULL };

    plan_run = run_process (argv);
  }
  {
    const char *argv[] = { self, "--phase=edit", project, NULL };

    edit_run = run_process (argv);
  }
  {
    const char *argv[] = { self, "--phase=save", project, NULL };

    save_run = run_process (argv);
  }
  if (g_stat (project, &st) == 0)
    g_print ("  project %.0f MB, %.0f buildings, %.0f dwellings (read: %.0f buildings, %.0f addresses,"
             " %.0f areas)\n", st.st_size / 1e6, run_get (&import_run, "buildings"),
             run_get (&import_run, "dwellings"), run_get (&import_run, "read_buildings"),
             run_get (&import_run, "read_addresses"), run_get (&import_run, "areas"));

  import_ms = run_get (&import_run, "read_ms") + run_get (&import_run, "apply_ms") +
              run_get (&import_run, "save_ms");
  max_rss = MAX (MAX (import_run.rss_mb, open_run.rss_mb), MAX (edit_run.rss_mb, save_run.rss_mb));

  g_print ("  %-34s %10s %10s  %-22s %s\n", "phase", "ms", "RSS MB", "goal", "result");
  g_print ("  %-34s %10.0f %10.0f\n", "(a) peer: ogr2ogr -f GPKG, 2 layers", peer_run.wall_ms,
           peer_run.rss_mb);
  g_print ("  %-34s %10.0f %10.0f  %-22s %.2f x ogr2ogr: %s\n", "(b) import BAG: read+apply+save",
           import_ms, import_run.rss_mb, "<= 2 x ogr2ogr", import_ms / peer_run.wall_ms,
           verdict (import_ms / peer_run.wall_ms, 2.0));
  g_print ("  %-34s %10.0f\n", "      read (wm_import_read)", run_get (&import_run, "read_ms"));
  g_print ("  %-34s %10.0f\n", "      apply (wm_import_apply)", run_get (&import_run, "apply_ms"));
  g_print ("  %-34s %10.0f\n", "      save (new file)", run_get (&import_run, "save_ms"));
  g_print ("  %-34s %10.0f\n", "      freeing the read result", run_get (&import_run, "free_ms"));
  g_print ("  %-34s %10.0f\n", "      process, start to exit", import_run.wall_ms);
  /* On a shared machine wall times swing with the load; CPU time much less (ogr2ogr uses a
   * second thread for its R-trees, so its CPU time can exceed its wall time). */
  g_print ("  %-34s %10.0f %10s  %-22s %.2f x ogr2ogr's CPU time (%.0f ms)\n",
           "      CPU time, import process", import_run.cpu_ms, "", "", import_run.cpu_ms / peer_run.cpu_ms,
           peer_run.cpu_ms);
  if (!isnan (run_get (&import_run, "areas_read_ms")))
    g_print ("  %-34s %10.0f\n", "      before: buurten read+apply",
             run_get (&import_run, "areas_read_ms") + run_get (&import_run, "areas_apply_ms"));
  g_print ("  %-34s %10.0f %10.0f  %-22s %s\n", "(c) open: wm_document_load + read",
           run_get (&open_run, "load_ms") + run_get (&open_run, "first_read_ms"), open_run.rss_mb,
           "<= 2,000 ms",
           verdict (run_get (&open_run, "load_ms") + run_get (&open_run, "first_read_ms"), 2000));
  g_print ("  %-34s %10.0f %10.0f\n", "      wm_project_file_load alone", run_get (&plan_run, "load_ms"),
           plan_run.rss_mb);
  g_print ("  %-34s %10.3f %10.0f  %-22s %s (max %.3f ms)\n", "(d) one edit + read (median of 21)",
           run_get (&edit_run, "edit_median_ms"), edit_run.rss_mb, "<= 1 ms",
           verdict (run_get (&edit_run, "edit_median_ms"), 1.0), run_get (&edit_run, "edit_max_ms"));
  g_print ("  %-34s %10.1f %10.0f  %-22s %s (max %.1f ms)\n", "(e) save of one edit (median of 7)",
           run_get (&save_run, "save_median_ms"), save_run.rss_mb, "<= 100 ms",
           verdict (run_get (&save_run, "save_median_ms"), 100.0), run_get (&save_run, "save_max_ms"));
  g_print ("  %-34s %10s %10.0f  %-22s %s%s\n", "(f) peak RSS, largest phase", "", max_rss,
           "<= 1,024 MB", verdict (max_rss, 1024.0),
           n_panden >= 1000000 ? "" : " (the goal is for 1,000,000 panden)");

  run_clear (&peer_run);
  run_clear (&import_run);
  run_clear (&open_run);
  run_clear (&plan_run);
  run_clear (&edit_run);
  run_clear (&save_run);
  g_unlink (project);
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *phase = NULL, *dir = NULL, *bag = NULL, *buurten = NULL, *self = NULL;
  gboolean own_dir;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir,
      "Keep the generated files here and use them again (default: a temporary folder)", "DIR" },
    { "bag", 0, 0, G_OPTION_ARG_FILENAME, &bag, "Use this BAG GeoPackage (one size)", "FILE" },
    { "buurten", 0, 0, G_OPTION_ARG_FILENAME, &buurten, "With --bag: these buurten first", "FILE" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { NULL },
  };

  context = g_option_context_new ("[PANDEN...]");
  g_option_context_set_summary (context,
                                "Imports a generated BAG GeoPackage of PANDEN panden (default "
                                "300000) into a new project\nand compares with ogr2ogr; see "
                                "bench/README.md.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("wijkmix-bench-import: %s\n", error->message);
      return 2;
    }

  if (phase != NULL)
    {
      wm_core_init ();
      if (g_str_equal (phase, "import") && argc == 4)
        phase_import (argv[1], argv[2], argv[3]);
      else if (g_str_equal (phase, "open") && argc == 2)
        phase_open (argv[1]);
      else if (g_str_equal (phase, "open-plan") && argc == 2)
        phase_open_plan (argv[1]);
      else if (g_str_equal (phase, "edit") && argc == 2)
        phase_edit (argv[1]);
      else if (g_str_equal (phase, "save") && argc == 2)
        phase_save (argv[1]);
      else
        {
          g_printerr ("wijkmix-bench-import: bad phase %s\n", phase);
          return 2;
        }
      return 0;
    }

  self = g_file_read_link ("/proc/self/exe", &error);
  if (self == NULL)
    die ("/proc/self/exe", error);
  own_dir = dir == NULL;
  if (own_dir)
    dir = g_dir_make_tmp ("wijkmix-bench-import-XXXXXX", &error);
  else
    g_mkdir_with_parents (dir, 0755);
  if (dir == NULL)
    die ("temporary folder", error);
  g_print ("wijkmix-bench-import: files in %s\n", dir);

  if (bag != NULL)
    bench (self, dir, 0, bag, buurten);
  else if (argc < 2)
    bench (self, dir, 300000, NULL, NULL);
  for (int i = 1; bag == NULL && i < argc; i++)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (argv[i], 10, 1, 5000000, &n, &error))
        die (argv[i], error);
      bench (self, dir, (guint) n, NULL, NULL);
    }

  if (own_dir)
    {
      /* Only what this run made. */
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      const char *name;

      while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_unlink (path);
        }
      g_rmdir (dir);
    }
  return 0;
}
