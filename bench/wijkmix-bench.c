/* wijkmix-bench.c: indicator engine benchmark (one edit, full recompute, SQL recompute) */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "wm-bench-city.h"
#include "wm-core.h"
#include "wm-gpkg.h"
#include "wm-indicator-engine.h"
#include "wm-project-file.h"
#include "wm-sqlite-private.h"

#define N_EDITS 400

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

static double
percentile (GArray *values,
            double  p)
{
  g_array_sort (values, cmp_double);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

/* What the panel reads after an edit: the whole neighbourhood and the edited area. */
static double
read_indicators (WmIndicatorEngine *engine,
                 const char        *area_id)
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
  /* Each D row shows its units and chance level. */
  for (guint i = 4; i < 7; i++)
    {
      WmDissimilarity d;

      wm_indicator_engine_get_dissimilarity_detail (engine, total_keys[i], WM_INDICATOR_PROJECTED,
                                                    &d);
      sum += d.chance + d.n_units;
    }
  return sum;
}

static WmProposal *
random_edit (GRand  *rand,
             WmPlan *plan,
             guint   i,
             char  **area_id)
{
  g_autofree char *id = g_strdup_printf ("bench-%u", i);
  GListModel *buildings = wm_plan_get_buildings (plan);
  g_autoptr(WmBuilding) building =
    g_list_model_get_item (buildings, g_rand_int_range (rand, 0, g_list_model_get_n_items (buildings)));
  WmPoint c = wm_geometry_centroid (wm_building_get_footprint (building));
  const char *ids[] = { wm_building_get_id (building), NULL };
  WmProposal *p;

  *area_id = g_strdup (wm_building_get_area_id (building));
  switch (i % 4)
    {
    case 0:
      p = wm_proposal_new (id, WM_PROPOSAL_DEMOLISH);
      wm_proposal_set_building_ids (p, ids);
      break;
    case 1:
      {
        WmDwellingMix delta = { { 12, 6, 0, 4, 2 } };
        WmPoint ring[] = { { c.x + 20, c.y }, { c.x + 40, c.y }, { c.x + 40, c.y + 20 },
                           { c.x + 20, c.y + 20 } };
        g_autoptr(WmGeometry) footprint = wm_geometry_new_polygon (ring, 4);

        p = wm_proposal_new (id, WM_PROPOSAL_NEW_BUILD);
        wm_proposal_set_dwelling_delta (p, &delta);
        wm_proposal_set_geometry (p, footprint);
      }
      break;
    case 2:
      {
        WmDwellingMix delta = { { -3, 0, 0, 3, 0 } };

        p = wm_proposal_new (id, WM_PROPOSAL_CONVERT_TENURE);
        wm_proposal_set_building_ids (p, ids);
        wm_proposal_set_dwelling_delta (p, &delta);
      }
      break;
    default:
      {
        g_autoptr(WmGeometry) point = wm_geometry_new_point (c.x + 15, c.y + 15);

        p = wm_proposal_new (id, WM_PROPOSAL_ADD_FACILITY);
        /* Alternate the type with the smallest and the largest radius (200 m, 1500 m). */
        wm_proposal_set_facility_type (p, (i / 4) % 2 ? WM_FACILITY_PLAYGROUND : WM_FACILITY_SPORTS);
        wm_proposal_set_geometry (p, point);
      }
      break;
    }
  return p;
}

/* --- The straightforward way: SQL aggregates over the saved file ------------------------- */

static void
centroid_fn (sqlite3_context *ctx,
             int              argc,
             sqlite3_value  **argv)
{
  g_autoptr(WmGeometry) g = NULL;
  int which = GPOINTER_TO_INT (sqlite3_user_data (ctx));
  WmPoint c;

  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB)
    {
      sqlite3_result_null (ctx);
      return;
    }
  g = wm_gpkg_geometry_from_blob (sqlite3_value_blob (argv[0]), sqlite3_value_bytes (argv[0]),
                                  NULL, NULL);
  if (g == NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  c = wm_geometry_centroid (g);
  sqlite3_result_double (ctx, which == 0 ? c.x : c.y);
}

static void
contains_fn (sqlite3_context *ctx,
             int              argc,
             sqlite3_value  **argv)
{
  g_autoptr(WmGeometry) g = NULL;

  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB)
    {
      sqlite3_result_int (ctx, 0);
      return;
    }
  g = wm_gpkg_geometry_from_blob (sqlite3_value_blob (argv[0]), sqlite3_value_bytes (argv[0]),
                                  NULL, NULL);
  sqlite3_result_int (ctx, g != NULL && wm_geometry_contains_point (g, sqlite3_value_double (argv[1]),
                                                                    sqlite3_value_double (argv[2])));
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL: %s\n%s", message, sql);
}

typedef struct
{
  GHashTable *areas; /* area id -> gint64[2][5] */
  gint64 covered[2][7];
  gint64 total[2][WM_N_SEGMENTS];
  double dissimilarity[2][3];
  gint64 rehouse, newcomers;
} SqlResult;

static double
dissimilarity_rows (sqlite3    *db,
                    const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) s = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) o = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 S = 0, O = 0, sum = 0;

  sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 a = MAX (0, sqlite3_column_int64 (stmt, 0)), b = MAX (0, sqlite3_column_int64 (stmt, 1));

      g_array_append_val (s, a);
      g_array_append_val (o, b);
      S += a;
      O += b;
    }
  if (S == 0 || O == 0)
    return 0;
  for (guint i = 0; i < s->len; i++)
    {
      gint64 d = g_array_index (s, gint64, i) * O - g_array_index (o, gint64, i) * S;
      sum += d < 0 ? -d : d;
    }
  return (double) sum / (2.0 * S * O);
}

static void
sql_recompute (const char *path,
               const char *scenario_id,
               SqlResult  *r)
{
  static const struct { const char *types; double radius; } kinds[] = {
    { "'playground'", 200 }, { "'shared_garden'", 300 },
    { "'community_centre','library','meeting_spot'", 400 }, { "'school'", 500 },
    { "'shop'", 500 }, { "'health_centre'", 1000 }, { "'sports'", 1500 },
  };
  const char *tables[2] = { "site", "proj" };
  const char *facs[2] = { "fac0", "fac1" };
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) totals = NULL;
  g_autofree char *setup = NULL;

  memset (r, 0, sizeof *r);
  r->areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("cannot open %s", path);
  sqlite3_create_function (db, "wm_cx", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, GINT_TO_POINTER (0),
                           centroid_fn, NULL, NULL);
  sqlite3_create_function (db, "wm_cy", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, GINT_TO_POINTER (1),
                           centroid_fn, NULL, NULL);
  sqlite3_create_function (db, "wm_contains", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           contains_fn, NULL, NULL);

  setup = g_strdup_printf (
    "CREATE TEMP TABLE sp AS SELECT * FROM proposals WHERE scenario_id = '%s';"
    "CREATE TEMP TABLE demolished AS SELECT DISTINCT j.value AS building_id"
    "  FROM sp, json_each(sp.building_ids) j WHERE sp.kind = 'demolish';"
    "CREATE TEMP TABLE site AS SELECT building_id AS id, area_id, wm_cx(geom) AS x, wm_cy(geom) AS y,"
    "  dwellings_social_rent AS s0, dwellings_mid_rent AS s1, dwellings_private_rent AS s2,"
    "  dwellings_owner_affordable AS s3, dwellings_owner_expensive AS s4 FROM buildings;"
    "CREATE INDEX temp.site_id ON site(id);"
    "CREATE TEMP TABLE delta AS SELECT"
    "  COALESCE(st.area_id, (SELECT a.area_id FROM areas a"
    "    WHERE wm_contains(a.geom, wm_cx(sp.geom), wm_cy(sp.geom)))) AS area_id,"
    "  COALESCE(st.x, wm_cx(sp.geom)) AS x, COALESCE(st.y, wm_cy(sp.geom)) AS y,"
    "  sp.kind AS kind, delta_social_rent AS s0, delta_mid_rent AS s1, delta_private_rent AS s2,"
    "  delta_owner_affordable AS s3, delta_owner_expensive AS s4"
    "  FROM sp LEFT JOIN site st ON st.id = json_extract(sp.building_ids, '$[0]')"
    "  WHERE sp.kind NOT IN ('add_facility', 'remove_facility')"
    "    AND NOT (sp.kind = 'demolish' AND json_array_length(COALESCE(sp.building_ids, '[]')) > 0);"
    "CREATE TEMP TABLE proj AS"
    "  SELECT area_id, x, y, s0, s1, s2, s3, s4 FROM site"
    "    WHERE id NOT IN (SELECT building_id FROM demolished)"
    "  UNION ALL SELECT area_id, x, y, s0, s1, s2, s3, s4 FROM delta;"
    "CREATE TEMP TABLE fac0 AS SELECT type, wm_cx(geom) AS x, wm_cy(geom) AS y FROM facilities;"
    "CREATE TEMP TABLE fac1 AS SELECT type, wm_cx(geom) AS x, wm_cy(geom) AS y FROM facilities"
    "  WHERE facility_id NOT IN (SELECT facility_id FROM sp WHERE kind = 'remove_facility'"
    "                            AND facility_id IS NOT NULL)"
    "  UNION ALL SELECT facility_type, wm_cx(geom), wm_cy(geom) FROM sp WHERE kind = 'add_facility';"
    "CREATE INDEX temp.fac0_x ON fac0(type, x);"
    "CREATE INDEX temp.fac1_x ON fac1(type, x);", scenario_id);
  exec (db, setup);

  for (int st = 0; st < 2; st++)
    {
      g_autofree char *mix = g_strdup_printf ("SELECT area_id, SUM(s0), SUM(s1), SUM(s2), SUM(s3),"
                                              " SUM(s4) FROM %s GROUP BY area_id", tables[st]);
      g_autoptr(sqlite3_stmt) stmt = NULL;

      sqlite3_prepare_v2 (db, mix, -1, &stmt, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *area = (const char *) sqlite3_column_text (stmt, 0);
          gint64 *counts;

          if (area == NULL)
            area = "";
          counts = g_hash_table_lookup (r->areas, area);
          if (counts == NULL)
            {
              counts = g_new0 (gint64, 2 * WM_N_SEGMENTS);
              g_hash_table_insert (r->areas, g_strdup (area), counts);
            }
          for (guint s = 0; s < WM_N_SEGMENTS; s++)
            {
              counts[st * WM_N_SEGMENTS + s] = sqlite3_column_int64 (stmt, 1 + s);
              r->total[st][s] += sqlite3_column_int64 (stmt, 1 + s);
            }
        }

      {
        g_autofree char *d_areas = g_strdup_printf (
          "SELECT SUM(s0), SUM(s1 + s2 + s3 + s4) FROM %s WHERE area_id IS NOT NULL"
          " GROUP BY area_id", tables[st]);
        g_autofree char *d_250 = g_strdup_printf (
          "SELECT SUM(s0), SUM(s1 + s2 + s3 + s4) FROM %s GROUP BY CAST(floor(x / 250) AS INT),"
          " CAST(floor(y / 250) AS INT)", tables[st]);
        g_autofree char *d_500 = g_strdup_printf (
          "SELECT SUM(s0), SUM(s1 + s2 + s3 + s4) FROM %s GROUP BY CAST(floor(x / 500) AS INT),"
          " CAST(floor(y / 500) AS INT)", tables[st]);

        r->dissimilarity[st][0] = dissimilarity_rows (db, d_areas);
        r->dissimilarity[st][1] = dissimilarity_rows (db, d_250);
        r->dissimilarity[st][2] = dissimilarity_rows (db, d_500);
      }

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *cov = g_strdup_printf (
            "SELECT area_id, SUM(s0 + s1 + s2 + s3 + s4) FROM %s p WHERE EXISTS (SELECT 1 FROM %s f"
            " WHERE f.type IN (%s) AND f.x BETWEEN p.x - %g AND p.x + %g"
            " AND (f.x - p.x) * (f.x - p.x) + (f.y - p.y) * (f.y - p.y) <= %g)"
            " GROUP BY area_id", tables[st], facs[st], kinds[k].types, kinds[k].radius,
            kinds[k].radius, kinds[k].radius * kinds[k].radius);
          g_autoptr(sqlite3_stmt) coverage = NULL;

          sqlite3_prepare_v2 (db, cov, -1, &coverage, NULL);
          while (sqlite3_step (coverage) == SQLITE_ROW)
            r->covered[st][k] += sqlite3_column_int64 (coverage, 1);
        }
    }

  sqlite3_prepare_v2 (db,
                      "SELECT (SELECT COALESCE(SUM(s0 + s1 + s2 + s3 + s4), 0) FROM site"
                      "        WHERE id IN (SELECT building_id FROM demolished))"
                      "     + (SELECT COALESCE(SUM(MAX(0, -(s0 + s1 + s2 + s3 + s4))), 0) FROM delta),"
                      "       (SELECT COALESCE(SUM(MAX(s0, 0) + MAX(s1, 0) + MAX(s2, 0) + MAX(s3, 0)"
                      "        + MAX(s4, 0)), 0) FROM delta WHERE kind != 'demolish')",
                      -1, &totals, NULL);
  if (sqlite3_step (totals) == SQLITE_ROW)
    {
      r->rehouse = sqlite3_column_int64 (totals, 0);
      r->newcomers = sqlite3_column_int64 (totals, 1);
    }
  g_clear_pointer (&totals, sqlite3_finalize);
  sqlite3_close (db);

  /* Shares and entropy per area, as the engine derives them. */
  {
    GHashTableIter iter;
    gpointer value;
    double sink = 0;

    g_hash_table_iter_init (&iter, r->areas);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      for (int st = 0; st < 2; st++)
        {
          gint64 *c = (gint64 *) value + st * WM_N_SEGMENTS, n = 0;

          for (guint s = 0; s < WM_N_SEGMENTS; s++)
            n += MAX (c[s], 0);
          for (guint s = 0; s < WM_N_SEGMENTS && n > 0; s++)
            if (c[s] > 0)
              sink -= (double) c[s] / n * log ((double) c[s] / n);
        }
    (void) sink;
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WmPlan) plan = NULL;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) edit_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) undo_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) recompute_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sql_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) chance_ms = g_array_new (FALSE, FALSE, sizeof (double));
  double contributions_ms[2] = { 0, 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *dir = NULL, *path = NULL;
  g_autofree double *kind_ms = g_new0 (double, 4);
  WmScenario *scenario;
  double t, generate_ms, save_ms, load_ms, create_ms, sink = 0;
  guint n_buildings = argc > 1 ? strtoul (argv[1], NULL, 10) : 100000;
  guint n_areas = argc > 2 ? strtoul (argv[2], NULL, 10) : 500;
  SqlResult sql;
  gboolean agree = TRUE;

  wm_core_init ();
  dir = g_dir_make_tmp ("wijkmix-bench-XXXXXX", NULL);
  path = g_build_filename (dir, "city.gpkg", NULL);

  t = now_ms ();
  plan = wm_bench_city_new (n_areas, n_buildings, MAX (n_buildings / 50, 9), 42);
  generate_ms = now_ms () - t;
  t = now_ms ();
  if (!wm_project_file_save (plan, path, &error))
    g_error ("%s", error->message);
  save_ms = now_ms () - t;
  g_clear_object (&plan);
  t = now_ms ();
  plan = wm_project_file_load (path, &error);
  if (plan == NULL)
    g_error ("%s", error->message);
  load_ms = now_ms () - t;
  scenario = wm_plan_get_active_scenario (plan);

  {
    WmDwellingMix total = wm_plan_get_baseline_dwellings (plan, NULL);

    g_print ("Synthetic city: %u buildings, %d dwellings, %u areas, %u facilities\n",
             g_list_model_get_n_items (wm_plan_get_buildings (plan)),
             wm_dwelling_mix_total (&total), g_list_model_get_n_items (wm_plan_get_areas (plan)),
             g_list_model_get_n_items (wm_plan_get_facilities (plan)));
  }

  t = now_ms ();
  engine = wm_indicator_engine_new (plan, scenario);
  create_ms = now_ms () - t;

  for (guint i = 0; i < 7; i++)
    {
      t = now_ms ();
      wm_indicator_engine_recompute (engine);
      sink += read_indicators (engine, NULL);
      t = now_ms () - t;
      g_array_append_val (recompute_ms, t);
    }

  /* One edit: add a proposal (the engine updates through the scenario's signal) and read the
   * indicators the panel shows; then remove it again. */
  for (guint i = 0; i < N_EDITS; i++)
    {
      g_autofree char *area_id = NULL;
      g_autoptr(WmProposal) p = random_edit (rand, plan, i, &area_id);
      double u;

      t = now_ms ();
      wm_scenario_add_proposal (scenario, p);
      sink += read_indicators (engine, area_id);
      t = now_ms () - t;
      g_array_append_val (edit_ms, t);
      kind_ms[i % 4] = MAX (kind_ms[i % 4], t);

      u = now_ms ();
      wm_scenario_remove_proposal (scenario, p);
      sink += read_indicators (engine, area_id);
      u = now_ms () - u;
      g_array_append_val (undo_ms, u);
    }

  /* The panel's D rows: units and chance level of the three D, baseline and projected. */
  for (guint i = 0; i < 50; i++)
    {
      const char *dkeys[] = { "dissimilarity_social", "dissimilarity_social.grid_250m",
                              "dissimilarity_social.grid_500m" };

      t = now_ms ();
      for (guint d = 0; d < G_N_ELEMENTS (dkeys); d++)
        for (int st = 0; st < 2; st++)
          {
            WmDissimilarity detail;

            wm_indicator_engine_get_dissimilarity_detail (engine, dkeys[d], st, &detail);
            sink += detail.chance + detail.n_units;
          }
      t = now_ms () - t;
      g_array_append_val (chance_ms, t);
    }

  /* "Which proposals moved this" replays the plan: with N_EDITS proposals in it. */
  {
    g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < N_EDITS; i++)
      {
        g_autofree char *area_id = NULL;

        g_ptr_array_add (kept, random_edit (rand, plan, 2 * N_EDITS + i, &area_id));
        wm_scenario_add_proposal (scenario, g_ptr_array_index (kept, i));
      }
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(GArray) c = NULL;

        t = now_ms ();
        c = wm_indicator_engine_get_contributions (engine, "share.social_rent", NULL);
        contributions_ms[0] = now_ms () - t;
        g_clear_pointer (&c, g_array_unref);
        t = now_ms ();
        c = wm_indicator_engine_get_contributions (engine, "dissimilarity_social.grid_250m", NULL);
        contributions_ms[1] = now_ms () - t;
        sink += c->len;
      }
    for (guint i = 0; i < kept->len; i++)
      wm_scenario_remove_proposal (scenario, g_ptr_array_index (kept, i));
  }
  g_print ("Units and chance level of the 3 D, baseline and projected: median %.4f ms, "
           "max %.4f ms\n", percentile (chance_ms, 0.5), percentile (chance_ms, 1.0));
  g_print ("Contributions with %u proposals: share %.1f ms, D 250 m %.1f ms\n", N_EDITS,
           contributions_ms[0], contributions_ms[1]);

  /* A scenario with one edit of each kind, saved, for the SQL comparison. */
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *area_id = NULL;
      g_autoptr(WmProposal) p = random_edit (rand, plan, N_EDITS + i, &area_id);

      wm_scenario_add_proposal (scenario, p);
    }
  if (!wm_project_file_save (plan, path, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < 3; i++)
    {
      if (i > 0)
        g_hash_table_unref (sql.areas);
      t = now_ms ();
      sql_recompute (path, wm_scenario_get_id (scenario), &sql);
      t = now_ms () - t;
      g_array_append_val (sql_ms, t);
    }

  /* The SQL answer must be the engine's answer. */
  for (int st = 0; st < 2; st++)
    {
      WmDwellingMix mix;
      const char *const *kinds = wm_indicator_engine_get_coverage_kinds (engine);
      const char *dkeys[] = { "dissimilarity_social", "dissimilarity_social.grid_250m",
                              "dissimilarity_social.grid_500m" };

      wm_indicator_engine_get_mix (engine, NULL, st, &mix);
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        agree &= mix.counts[s] == sql.total[st][s];
      for (guint k = 0; kinds[k] != NULL; k++)
        {
          g_autofree char *key = g_strconcat ("coverage.", kinds[k], NULL);
          double n = wm_indicator_engine_get (engine, "dwellings", NULL, st);

          agree &= wm_indicator_engine_get (engine, key, NULL, st) == MIN (1.0, sql.covered[st][k] / n);
        }
      for (guint d = 0; d < 3; d++)
        agree &= fabs (wm_indicator_engine_get (engine, dkeys[d], NULL, st) -
                       sql.dissimilarity[st][d]) < 1e-12;
    }
  agree &= wm_indicator_engine_get (engine, "households_to_rehouse", NULL, 1) == sql.rehouse;
  g_hash_table_unref (sql.areas);


  {
    double edit_median = percentile (edit_ms, 0.5), sql_median = percentile (sql_ms, 0.5);

    g_print ("Generate city (in memory)        %10.1f ms\n", generate_ms);
    g_print ("Save project file                %10.1f ms\n", save_ms);
    g_print ("Load project file                %10.1f ms\n", load_ms);
    g_print ("Engine creation (full compute)   %10.1f ms\n", create_ms);
    g_print ("Full recompute, median of %u      %10.1f ms (min %.1f)\n", recompute_ms->len,
             percentile (recompute_ms, 0.5), percentile (recompute_ms, 0.0));
    g_print ("One edit + read, %u edits: median %.4f ms, p99 %.4f ms, max %.4f ms\n", N_EDITS,
             edit_median, percentile (edit_ms, 0.99), percentile (edit_ms, 1.0));
    g_print ("  max per kind: demolish %.4f, new build %.4f, conversion %.4f, facility %.4f ms\n",
             kind_ms[0], kind_ms[1], kind_ms[2], kind_ms[3]);
    g_print ("Undo edit + read: median %.4f ms, max %.4f ms\n", percentile (undo_ms, 0.5),
             percentile (undo_ms, 1.0));
    g_print ("SQL recompute over the file, median of %u: %.1f ms\n", sql_ms->len, sql_median);
    g_print ("Speed-up of one edit over SQL: %.0f x\n", sql_median / edit_median);
    g_print ("SQL and engine agree: %s\n", agree ? "yes" : "NO");
    g_print ("(checksum %g)\n", sink);
  }

  g_unlink (path);
  g_rmdir (dir);
  return agree ? 0 : 1;
}
