/* wijkmix-bench.c: indicator engine benchmark (one edit, full recompute, SQL recompute) */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "wm-bench-city.h"
#include "wm-core.h"
#include "wm-demo.h"
#include "wm-gpkg.h"
#include "wm-history.h"
#include "wm-plan-check.h"
#include "wm-projection.h"
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

/* One of four kinds of edit (i % 4). @used (may be NULL): indices of buildings edits name
 * already; a building is named once, so the edits fit together (wm-plan-check.h). */
static WmProposal *
random_edit (GRand      *rand,
             WmPlan     *plan,
             guint       i,
             GHashTable *used,
             char      **area_id)
{
  g_autofree char *id = g_strdup_printf ("bench-%u", i);
  GListModel *buildings = wm_plan_get_buildings (plan);
  guint n = g_list_model_get_n_items (buildings);
  guint index = g_rand_int_range (rand, 0, n);
  g_autoptr(WmBuilding) building = NULL;
  WmPoint c;
  const char *ids[] = { NULL, NULL };
  WmProposal *p;

  building = g_list_model_get_item (buildings, index);
  /* A conversion needs social rent to sell. */
  while (used != NULL && (i % 4 == 0 || i % 4 == 2) &&
         (g_hash_table_contains (used, GUINT_TO_POINTER (index + 1)) ||
          (i % 4 == 2 &&
           wm_building_get_dwellings (building)->counts[WM_SEGMENT_SOCIAL_RENT] == 0)))
    {
      g_object_unref (building);
      index = g_rand_int_range (rand, 0, n);
      building = g_list_model_get_item (buildings, index);
    }
  c = wm_geometry_centroid (wm_building_get_footprint (building));
  ids[0] = wm_building_get_id (building);
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
        /* Sells up to 3 social rent dwellings, as many as the building has (at least 1). */
        int social = wm_building_get_dwellings (building)->counts[WM_SEGMENT_SOCIAL_RENT];
        int k = used != NULL ? CLAMP (social, 1, 3) : 3;
        WmDwellingMix delta = { { -k, 0, 0, k, 0 } };

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
  if (used != NULL && (i % 4 == 0 || i % 4 == 2))
    g_hash_table_add (used, GUINT_TO_POINTER (index + 1));
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

static WmGeometry *
blob_geometry (sqlite3_value *value)
{
  if (sqlite3_value_type (value) != SQLITE_BLOB)
    return NULL;
  return wm_gpkg_geometry_from_blob (sqlite3_value_blob (value), sqlite3_value_bytes (value),
                                     NULL, NULL);
}

static void
area_fn (sqlite3_context *ctx,
         int              argc,
         sqlite3_value  **argv)
{
  g_autoptr(WmGeometry) g = blob_geometry (argv[0]);

  sqlite3_result_double (ctx, g != NULL ? wm_geometry_area (g) : 0.0);
}

static void
distance_fn (sqlite3_context *ctx,
             int              argc,
             sqlite3_value  **argv)
{
  g_autoptr(WmGeometry) g = blob_geometry (argv[0]);

  if (g == NULL)
    sqlite3_result_null (ctx);
  else
    sqlite3_result_double (ctx, wm_geometry_distance_to_point (g, sqlite3_value_double (argv[1]),
                                                               sqlite3_value_double (argv[2])));
}

/* wm_bound(geom, 0..3): min x, max x, min y, max y. */
static void
bound_fn (sqlite3_context *ctx,
          int              argc,
          sqlite3_value  **argv)
{
  g_autoptr(WmGeometry) g = blob_geometry (argv[0]);
  int i = sqlite3_value_int (argv[1]);

  if (g == NULL)
    sqlite3_result_null (ctx);
  else
    sqlite3_result_double (ctx, i == 0 ? g->bounds.min_x : i == 1 ? g->bounds.max_x
                                : i == 2 ? g->bounds.min_y : g->bounds.max_y);
}

static gboolean
table_exists (sqlite3    *db,
              const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", -1,
                      &stmt, NULL);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Since format 3 the proposals are in one layer per geometry type (wm-project-file.c): one view
 * of them all, as the single "proposals" layer of format 2 had them. */
static char *
proposals_view (sqlite3 *db)
{
  static const char *const layers[] = {
    "proposals_point", "proposals_line", "proposals_polygon", "proposals_multipolygon",
    "proposals_no_geometry",
  };
  GString *sql = g_string_new ("CREATE TEMP VIEW proposals AS ");
  gboolean first = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      if (!table_exists (db, layers[i]))
        continue;
      g_string_append_printf (sql, "%s SELECT %s AS geom, proposal_id, scenario_id, kind,"
                              " building_ids, facility_type, facility_id, delta_social_rent,"
                              " delta_mid_rent, delta_private_rent, delta_owner_affordable,"
                              " delta_owner_expensive, return_share FROM \"%s\"",
                              first ? "" : " UNION ALL",
                              i == G_N_ELEMENTS (layers) - 1 ? "NULL" : "geom", layers[i]);
      first = FALSE;
    }
  if (first)
    g_error ("the project file has no proposal layer");
  g_string_append (sql, ";");
  return g_string_free (sql, FALSE);
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
    { "'playground'", 200 }, { NULL, 300 } /* green: see below */,
    { "'community_centre','library','meeting_spot','shared_garden'", 400 }, { "'school'", 500 },
    { "'shop'", 500 }, { "'health_centre'", 1000 }, { "'sports'", 1500 },
  };
  const char *tables[2] = { "site", "proj" };
  const char *facs[2] = { "fac0", "fac1" };
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) totals = NULL;
  g_autofree char *setup = NULL, *view = NULL;

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
  sqlite3_create_function (db, "wm_area", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, area_fn,
                           NULL, NULL);
  sqlite3_create_function (db, "wm_distance", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           distance_fn, NULL, NULL);
  sqlite3_create_function (db, "wm_bound", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, bound_fn,
                           NULL, NULL);
  view = proposals_view (db);
  exec (db, view);

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
    "CREATE INDEX temp.fac1_x ON fac1(type, x);"
    /* Green after RIVM: polygons of at least 1 ha within 300 m, by distance to the polygon;
     * base map green other than farmland, and proposed shared gardens drawn as an area. */
    "CREATE TEMP TABLE green0 AS SELECT geom FROM basemap_green"
    "  WHERE (kind IS NULL OR kind NOT IN ('bouwland', 'grasland agrarisch', 'boomteelt',"
    "         'fruitteelt')) AND wm_area(geom) >= 10000;"
    "CREATE TEMP TABLE green1 AS SELECT geom FROM green0 UNION ALL SELECT geom FROM sp"
    "  WHERE kind = 'add_facility' AND facility_type = 'shared_garden'"
    "    AND wm_area(geom) >= 10000;"
    "CREATE VIRTUAL TABLE temp.green0_rt USING rtree(id, min_x, max_x, min_y, max_y);"
    "INSERT INTO green0_rt SELECT rowid, wm_bound(geom, 0), wm_bound(geom, 1), wm_bound(geom, 2),"
    "  wm_bound(geom, 3) FROM green0;"
    "CREATE VIRTUAL TABLE temp.green1_rt USING rtree(id, min_x, max_x, min_y, max_y);"
    "INSERT INTO green1_rt SELECT rowid, wm_bound(geom, 0), wm_bound(geom, 1), wm_bound(geom, 2),"
    "  wm_bound(geom, 3) FROM green1;", scenario_id);
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
          "SELECT SUM(s0), SUM(s1 + s2 + s3 + s4) FROM %s GROUP BY area_id", tables[st]);
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
          double rad = kinds[k].radius;
          g_autofree char *cov =
            kinds[k].types != NULL
              ? g_strdup_printf (
                  "SELECT area_id, SUM(s0 + s1 + s2 + s3 + s4) FROM %s p WHERE EXISTS (SELECT 1"
                  " FROM %s f WHERE f.type IN (%s) AND f.x BETWEEN p.x - %g AND p.x + %g"
                  " AND (f.x - p.x) * (f.x - p.x) + (f.y - p.y) * (f.y - p.y) <= %g)"
                  " GROUP BY area_id", tables[st], facs[st], kinds[k].types, rad, rad,
                  rad * rad)
              : g_strdup_printf (
                  "SELECT area_id, SUM(s0 + s1 + s2 + s3 + s4) FROM %s p WHERE EXISTS (SELECT 1"
                  " FROM green%d_rt b JOIN green%d g ON g.rowid = b.id WHERE b.min_x <= p.x + %g"
                  " AND b.max_x >= p.x - %g AND b.min_y <= p.y + %g AND b.max_y >= p.y - %g"
                  " AND wm_distance(g.geom, p.x, p.y) <= %g) GROUP BY area_id",
                  tables[st], st, st, rad, rad, rad, rad, rad);
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

/* --- Measurements ------------------------------------------------------------------------ */

static void
print_times (const char *what,
             GArray     *ms)
{
  g_print ("%-58s median %9.4f ms, p99 %9.4f ms, max %9.4f ms (n = %u)\n", what,
           percentile (ms, 0.5), percentile (ms, 0.99), percentile (ms, 1.0), ms->len);
}

static void
add_time (GArray *ms,
          double  t)
{
  g_array_append_val (ms, t);
}

/* Full recomputes of @engine with reading what the panel shows; returns a checksum. */
static double
time_recomputes (WmIndicatorEngine *engine,
                 guint              n,
                 GArray            *ms)
{
  double sink = 0;

  for (guint i = 0; i < n; i++)
    {
      double t = now_ms ();

      wm_indicator_engine_recompute (engine);
      sink += read_indicators (engine, NULL);
      add_time (ms, now_ms () - t);
    }
  return sink;
}

/* indicators.json as it was before the RIVM green rule: green is the radius of point
 * facilities (shared gardens), and shared gardens are no meeting places. */
static char *
write_previous_config (const char *dir)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/nl/wijkmix/core/indicators.json",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "indicators-previous.json", NULL);
  JsonArray *kinds;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &error))
    g_error ("%s", error->message);
  kinds = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "coverage");
  for (guint k = 0; k < json_array_get_length (kinds); k++)
    {
      JsonObject *kind = json_array_get_object_element (kinds, k);
      const char *key = json_object_get_string_member (kind, "key");

      if (g_str_equal (key, "green"))
        {
          json_object_remove_member (kind, "min_area");
          json_object_remove_member (kind, "basemap_classes");
          json_object_remove_member (kind, "basemap_exclude_kinds");
        }
      else if (g_str_equal (key, "meeting_place"))
        {
          JsonArray *types = json_object_get_array_member (kind, "facility_types");

          for (guint i = 0; i < json_array_get_length (types); i++)
            if (g_str_equal (json_array_get_string_element (types, i), "shared_garden"))
              json_array_remove_element (types, i--);
        }
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  if (!json_generator_to_file (generator, path, &error))
    g_error ("%s", error->message);
  return path;
}

static WmPlan *
bench_city (guint n_buildings,
            guint n_areas,
            guint *out_parks)
{
  WmPlan *plan = wm_bench_city_new (n_areas, n_buildings, MAX (n_buildings / 50, 9), 42);
  guint parks = wm_bench_city_add_green (plan, n_areas, 43);

  if (out_parks != NULL)
    *out_parks = parks;
  return plan;
}

/* The full recompute of the city and of the demo, printed; the parent runs this in a child
 * with the previous indicators.json overlaid (G_RESOURCE_OVERLAYS). */
static int
recompute_only (guint n_buildings,
                guint n_areas)
{
  g_autoptr(WmPlan) plan = bench_city (n_buildings, n_areas, NULL);
  g_autoptr(WmPlan) demo = NULL;
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);
  g_autoptr(WmIndicatorEngine) demo_engine = NULL;
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) demo_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  double sink;

  sink = time_recomputes (engine, 21, ms);
  demo = wm_demo_load (&error);
  if (demo == NULL)
    g_error ("%s", error->message);
  demo_engine = wm_indicator_engine_new (demo, NULL);
  sink += time_recomputes (demo_engine, 101, demo_ms);
  print_times ("  city: full recompute + read", ms);
  print_times ("  demo: full recompute + read", demo_ms);
  g_print ("  green coverage: city %.4f, demo %.4f (checksum %g)\n",
           wm_indicator_engine_get (engine, "coverage.green", NULL, WM_INDICATOR_BASELINE),
           wm_indicator_engine_get (demo_engine, "coverage.green", NULL, WM_INDICATOR_BASELINE),
           sink);
  return 0;
}

/* Adds edits (i from @first) to @scenario until it holds @n proposals; @kept holds them. */
static void
fill_scenario (GRand      *rand,
               WmPlan     *plan,
               WmScenario *scenario,
               GHashTable *used,
               GPtrArray  *kept,
               guint       n)
{
  while (kept->len < n)
    {
      g_autofree char *area_id = NULL;
      WmProposal *p = random_edit (rand, plan, 10000 + kept->len, used, &area_id);

      g_ptr_array_add (kept, p);
      wm_scenario_add_proposal (scenario, p);
    }
}

static void
empty_scenario (WmScenario *scenario,
                GPtrArray  *kept)
{
  for (guint i = kept->len; i > 0; i--)
    wm_scenario_remove_proposal (scenario, g_ptr_array_index (kept, i - 1));
  g_ptr_array_set_size (kept, 0);
}

/* The plain way to "which proposals moved this": a full recompute after each proposal, in the
 * plan's order (the bench's proposals are undated: list order). Taking them off from the last
 * one, so the scenario holds 0..k. Returns whether the deltas are the engine's. */
static gboolean
contributions_by_recompute (WmIndicatorEngine *engine,
                            WmScenario        *scenario,
                            GPtrArray         *kept,
                            const char        *key,
                            GArray            *engine_result,
                            double            *out_ms)
{
  g_autofree double *value = g_new (double, kept->len + 1);
  gboolean agree = TRUE;
  guint j = 0;
  double t = now_ms ();

  for (guint k = kept->len + 1; k > 0; k--)
    {
      if (k <= kept->len)
        wm_scenario_remove_proposal (scenario, g_ptr_array_index (kept, k - 1));
      wm_indicator_engine_recompute (engine);
      value[k - 1] = wm_indicator_engine_get (engine, key, NULL, WM_INDICATOR_PROJECTED);
    }
  *out_ms = now_ms () - t;
  for (guint i = 0; i < kept->len; i++)
    wm_scenario_add_proposal (scenario, g_ptr_array_index (kept, i));

  for (guint i = 0; i < kept->len; i++)
    {
      double delta = value[i + 1] - value[i];
      WmIndicatorContribution *c = j < engine_result->len
                                     ? &g_array_index (engine_result, WmIndicatorContribution, j)
                                     : NULL;

      if (c != NULL && c->proposal == g_ptr_array_index (kept, i))
        {
          agree &= fabs (c->delta - delta) < 1e-9;
          j++;
        }
      else
        agree &= fabs (delta) < 1e-12;
    }
  return agree && j == engine_result->len;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WmPlan) plan = NULL;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(WmHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) edit_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) edit_full_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) undo_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) recompute_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sql_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) chance_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dir = NULL, *path = NULL, *previous = NULL;
  double kind_ms[4] = { 0, 0, 0, 0 };
  WmScenario *scenario;
  double t, generate_ms, save_ms, load_ms, create_ms, sink = 0;
  guint n_buildings, n_areas, n_parks;
  gboolean child = argc > 1 && g_str_equal (argv[1], "--recompute-only");
  SqlResult sql;
  gboolean agree = TRUE, contributions_agree = TRUE;

  n_buildings = argc > 1 + child ? strtoul (argv[1 + child], NULL, 10) : 100000;
  n_areas = argc > 2 + child ? strtoul (argv[2 + child], NULL, 10) : 500;
  wm_core_init ();
  if (child)
    return recompute_only (n_buildings, n_areas);

  dir = g_dir_make_tmp ("wijkmix-bench-XXXXXX", NULL);
  path = g_build_filename (dir, "city.gpkg", NULL);

  t = now_ms ();
  plan = bench_city (n_buildings, n_areas, &n_parks);
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
  history = wm_history_new (plan);

  {
    WmDwellingMix total = wm_plan_get_baseline_dwellings (plan, NULL);

    g_print ("Synthetic city: %u buildings, %d dwellings, %u areas, %u facilities, %u base map "
             "green polygons (%u parks of 1-4 ha)\n",
             g_list_model_get_n_items (wm_plan_get_buildings (plan)),
             wm_dwelling_mix_total (&total), g_list_model_get_n_items (wm_plan_get_areas (plan)),
             g_list_model_get_n_items (wm_plan_get_facilities (plan)),
             wm_basemap_get_features (wm_plan_get_basemap (plan), WM_BASEMAP_GREEN)->len,
             n_parks);
  }

  t = now_ms ();
  engine = wm_indicator_engine_new (plan, scenario);
  create_ms = now_ms () - t;
  g_print ("Green coverage (RIVM rule): %.4f of the dwellings\n",
           wm_indicator_engine_get (engine, "coverage.green", NULL, WM_INDICATOR_BASELINE));

  /* (d) The full recompute with the RIVM green rule, then the same city and the demo with the
   * previous rule (green: 300 m of a point facility) in a child process. */
  sink += time_recomputes (engine, 21, recompute_ms);
  {
    g_autofree char *overlay = NULL;
    g_autofree char *out = NULL;
    g_autofree char *nb = g_strdup_printf ("%u", n_buildings);
    g_autofree char *na = g_strdup_printf ("%u", n_areas);
    g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
    const char *child_argv[] = { exe != NULL ? exe : argv[0], "--recompute-only", nb, na, NULL };
    g_auto(GStrv) env = g_get_environ ();
    int status;

    previous = write_previous_config (dir);
    overlay = g_strconcat ("/nl/wijkmix/core/indicators.json=", previous, NULL);
    env = g_environ_setenv (env, "G_RESOURCE_OVERLAYS", overlay, TRUE);
    print_times ("Full recompute + read, RIVM green rule (this process)", recompute_ms);
    g_print ("The previous rule, green = 300 m of a point facility (child process):\n");
    if (!g_spawn_sync (NULL, (char **) child_argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                       &status, &error) || !g_spawn_check_wait_status (status, &error))
      g_error ("%s", error->message);
    g_print ("%s", out);
    g_print ("The RIVM rule again (this process):\n");
    g_array_set_size (recompute_ms, 0);
    sink += recompute_only (n_buildings, n_areas);
  }

  /* (a) One edit: add a proposal (the engine updates through the scenario's signal) and read
   * the indicators the panel shows; then remove it again. */
  for (guint i = 0; i < N_EDITS; i++)
    {
      g_autofree char *area_id = NULL;
      g_autoptr(WmProposal) p = random_edit (rand, plan, i, NULL, &area_id);
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
  /* Its fair peer: the same edit, then a full recompute and the same reading. */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *area_id = NULL;
      g_autoptr(WmProposal) p = random_edit (rand, plan, i, NULL, &area_id);

      t = now_ms ();
      wm_scenario_add_proposal (scenario, p);
      wm_indicator_engine_recompute (engine);
      sink += read_indicators (engine, area_id);
      add_time (edit_full_ms, now_ms () - t);
      wm_scenario_remove_proposal (scenario, p);
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

  print_times ("(a) one edit + read, incremental", edit_ms);
  g_print ("    max per kind: demolish %.4f, new build %.4f, conversion %.4f, facility %.4f ms\n",
           kind_ms[0], kind_ms[1], kind_ms[2], kind_ms[3]);
  print_times ("    peer: one edit + full recompute + read", edit_full_ms);
  print_times ("    undo of the edit + read, incremental", undo_ms);
  print_times ("    units and chance level of the 3 D (2 states), cached", chance_ms);

  /* (b) "Which proposals moved this" with 10, 100 and 400 proposals in the scenario; the peer
   * (a full recompute after each proposal) for 10 and 100. */
  {
    static const guint sizes[] = { 10, 100, 400 };
    static const char *const keys[] = { "share.social_rent", "dissimilarity_social.grid_250m" };

    for (guint n = 0; n < G_N_ELEMENTS (sizes); n++)
      {
        fill_scenario (rand, plan, scenario, used, kept, sizes[n]);
        for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
          {
            g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
            g_autoptr(GArray) c = NULL;
            g_autofree char *what = g_strdup_printf ("(b) contributions, %u proposals, %s",
                                                     sizes[n], keys[k]);

            for (guint i = 0; i < 9; i++)
              {
                g_clear_pointer (&c, g_array_unref);
                t = now_ms ();
                c = wm_indicator_engine_get_contributions (engine, keys[k], NULL);
                add_time (ms, now_ms () - t);
              }
            print_times (what, ms);
            if (sizes[n] <= 100)
              {
                double peer_ms;

                contributions_agree &= contributions_by_recompute (engine, scenario, kept,
                                                                   keys[k], c, &peer_ms);
                g_print ("    peer: %u full recomputes, one after each proposal: %.1f ms\n",
                         sizes[n] + 1, peer_ms);
              }
          }
      }
    g_print ("    contributions equal the differences of the recomputes: %s\n",
             contributions_agree ? "yes" : "NO");
    empty_scenario (scenario, kept);
    g_hash_table_remove_all (used);
  }

  /* (c) The plan check per edit (wm_plan_check_change, as the history calls it) with 10, 100
   * and 1000 consistent proposals in the scenario; adding through the history (check,
   * validation, add, engine update) against adding to the scenario without a check. */
  {
    static const guint sizes[] = { 10, 100, 1000 };
    guint refused = 0;

    for (guint n = 0; n < G_N_ELEMENTS (sizes); n++)
      {
        g_autoptr(GArray) check_ms = g_array_new (FALSE, FALSE, sizeof (double));
        g_autoptr(GArray) history_ms = g_array_new (FALSE, FALSE, sizeof (double));
        g_autoptr(GArray) add_ms = g_array_new (FALSE, FALSE, sizeof (double));
        g_autofree char *what = NULL;

        fill_scenario (rand, plan, scenario, used, kept, sizes[n]);
        {
          g_autoptr(GPtrArray) problems = wm_plan_check_scenario (plan, scenario);

          if (problems->len > 0)
            g_error ("the bench's plan does not fit together: %s",
                     ((WmPlanProblem *) problems->pdata[0])->message);
        }
        for (guint i = 0; i < 200; i++)
          {
            g_autofree char *area_id = NULL;
            g_autoptr(WmProposal) p = random_edit (rand, plan, 20000 + i, used, &area_id);
            g_autoptr(GError) local_error = NULL;
            gboolean ok;

            t = now_ms ();
            ok = wm_plan_check_change (plan, scenario, NULL, p, WM_PROJECTED_ALL, &local_error);
            add_time (check_ms, now_ms () - t);
            refused += !ok;
            g_clear_error (&local_error);

            t = now_ms ();
            ok = wm_history_add_proposal (history, scenario, p, -1, &local_error);
            add_time (history_ms, now_ms () - t);
            if (ok)
              wm_history_undo (history);
            g_clear_error (&local_error);

            t = now_ms ();
            wm_scenario_add_proposal (scenario, p);
            add_time (add_ms, now_ms () - t);
            wm_scenario_remove_proposal (scenario, p);
          }
        what = g_strdup_printf ("(c) %u proposals: wm_plan_check_change", sizes[n]);
        print_times (what, check_ms);
        print_times ("    wm_history_add_proposal (check + validate + add)", history_ms);
        print_times ("    peer: wm_scenario_add_proposal, no check", add_ms);
      }
    g_print ("    refused: %u (the edits fit)\n", refused);
    empty_scenario (scenario, kept);
  }

  /* A scenario with one edit of each kind, saved, for the SQL comparison. */
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *area_id = NULL;
      g_autoptr(WmProposal) p = random_edit (rand, plan, N_EDITS + i, NULL, &area_id);

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
          double e = wm_indicator_engine_get (engine, key, NULL, st);

          if (e != MIN (1.0, sql.covered[st][k] / n))
            g_print ("  %s (%s): engine %.6f, SQL %.6f\n", key, st ? "projected" : "baseline",
                     e, MIN (1.0, sql.covered[st][k] / n));
          agree &= e == MIN (1.0, sql.covered[st][k] / n);
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
    g_print ("SQL recompute over the file, median of %u: %.1f ms\n", sql_ms->len, sql_median);
    g_print ("Speed-up of one edit over SQL: %.0f x\n", sql_median / edit_median);
    g_print ("SQL and engine agree: %s\n", agree ? "yes" : "NO");
    g_print ("(checksum %g)\n", sink);
  }

  g_unlink (path);
  g_unlink (previous);
  g_rmdir (dir);
  return agree && contributions_agree ? 0 : 1;
}
