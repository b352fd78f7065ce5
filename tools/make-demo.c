/* make-demo.c: builds the embedded demo neighbourhood from the Otterlo BGT extract
 *
 * Usage: make-demo SOURCE.gpkg OUT.gpkg
 *
 * Geometry and street names are real (BGT); dwellings, segments, facilities and
 * the grid-cell areas are illustrative. The rule is documented in
 * data/demo/PROVENANCE.md; keep both in step.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wm-sqlite-private.h"
#include "wm-core.h"
#include "wm-gpkg.h"
#include "wm-plan.h"
#include "wm-project-file.h"

#define CELL_SIZE 500.0
/* Large footprints further than this from the village core are farms. */
#define FARM_DISTANCE 700.0
/* Facilities in existing buildings are looked for within this distance of the core. */
#define FACILITY_DISTANCE 400.0
/* The Dorpsstraat label marks the village core. */
#define CORE_STREET "Dorpsstraat"
/* BAG id the extract uses for panden without a real one. */
#define BAG_PLACEHOLDER G_GINT64_CONSTANT (228109999999999)

typedef struct
{
  char *id;
  WmGeometry *footprint;
  double area;
  WmPoint centroid;
  int col, row;
  const char *use;
  int storeys;
  int dwellings;
} Pand;

static void
pand_free (gpointer data)
{
  Pand *p = data;

  g_free (p->id);
  g_clear_pointer (&p->footprint, wm_geometry_unref);
  g_free (p);
}

typedef struct
{
  const char *table;
  const char *geom_column;
  const char *kind_column;
  WmBasemapClass klass;
} LayerSpec;

static const LayerSpec basemap_layers[] = {
  { "bgt_wegdeel", "geometrie2dWegdeel", "function", WM_BASEMAP_ROAD },
  { "bgt_ondersteunendwegdeel", "geometrie2dOndersteunendWegdeel", "function", WM_BASEMAP_ROAD },
  { "bgt_waterdeel", "geometrie2dWaterdeel", "class", WM_BASEMAP_WATER },
  { "bgt_begroeidterreindeel", "geometrie2dBegroeidTerreindeel", "class", WM_BASEMAP_GREEN },
  { "bgt_onbegroeidterreindeel", "geometrie2dOnbegroeidTerreindeel", "bgt-fysiekVoorkomen",
    WM_BASEMAP_TERRAIN },
};

/* Cumulative percentages over the segments in WmSegment order. */
static const int mix_concentration[WM_N_SEGMENTS] = { 70, 78, 85, 95, 100 };
static const int mix_elsewhere[WM_N_SEGMENTS] = { 12, 18, 28, 60, 100 };

static guint32
fnv1a (const char *s)
{
  guint32 h = 2166136261u;

  for (; *s; s++)
    h = (h ^ (guint8) *s) * 16777619u;
  return h;
}

static guint32
xorshift (guint32 *state)
{
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state;
}

static sqlite3_stmt *
prepare (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("SQL error: %s\n  in %s\n", sqlite3_errmsg (db), sql);
      exit (EXIT_FAILURE);
    }
  return stmt;
}

static WmGeometry *
column_geometry (sqlite3_stmt *stmt, int col, GError **error)
{
  const guint8 *blob = sqlite3_column_blob (stmt, col);
  int len = sqlite3_column_bytes (stmt, col);

  if (blob == NULL || len <= 0)
    {
      g_set_error_literal (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB, "no geometry");
      return NULL;
    }
  return wm_gpkg_geometry_from_blob (blob, len, NULL, error);
}

/* Current panden only: the extract also holds ended versions (eindRegistratie set). */
static GPtrArray *
read_panden (sqlite3 *db, guint *n_failed, guint *n_points)
{
  g_autoptr (GPtrArray) panden = g_ptr_array_new_with_free_func (pand_free);
  g_autoptr (GHashTable) bag_count = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) bag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = prepare (db, "SELECT geom, identificatieBAGPND, lokaalID FROM bgt_pand "
                      "WHERE eindRegistratie IS NULL ORDER BY fid");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (WmGeometry) geometry = column_geometry (stmt, 0, &error);
      gint64 bag = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, 1);
      const char *local_id = (const char *) sqlite3_column_text (stmt, 2);
      Pand *p;

      if (geometry == NULL)
        {
          g_printerr ("bgt_pand %s: %s\n", local_id, error->message);
          (*n_failed)++;
          continue;
        }
      /* Rows with a point are the house-number labels of the same panden. */
      if (geometry->kind != WM_GEOMETRY_POLYGON && geometry->kind != WM_GEOMETRY_MULTIPOLYGON)
        {
          (*n_points)++;
          continue;
        }
      p = g_new0 (Pand, 1);
      p->footprint = wm_geometry_to_multipolygon (geometry);
      p->area = wm_geometry_area (p->footprint);
      p->centroid = wm_geometry_centroid (p->footprint);
      p->id = g_strdup (local_id);
      g_array_append_val (bag_ids, bag);
      g_ptr_array_add (panden, p);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < bag_ids->len; i++)
    {
      gint64 *key = &g_array_index (bag_ids, gint64, i);
      g_hash_table_insert (bag_count, key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (bag_count, key)) + 1));
    }
  /* The BAG id where it identifies this pand alone, else the BGT lokaalID. */
  for (guint i = 0; i < panden->len; i++)
    {
      Pand *p = g_ptr_array_index (panden, i);
      gint64 *bag = &g_array_index (bag_ids, gint64, i);

      if (*bag > 0 && *bag != BAG_PLACEHOLDER
          && GPOINTER_TO_UINT (g_hash_table_lookup (bag_count, bag)) == 1)
        {
          g_free (p->id);
          p->id = g_strdup_printf ("%016" G_GINT64_FORMAT, *bag);
        }
    }
  return g_steal_pointer (&panden);
}

static void
classify (Pand *p, WmPoint core)
{
  double distance = hypot (p->centroid.x - core.x, p->centroid.y - core.y);

  if (p->area < 45.0)
    {
      p->use = "outbuilding";
      p->storeys = 1;
    }
  else if (p->area <= 220.0)
    {
      p->storeys = 2;
      p->dwellings = 1;
    }
  else if (distance > FARM_DISTANCE)
    {
      p->use = "farm";
      p->storeys = 1;
    }
  else if (p->area > 1500.0)
    {
      p->use = "commercial";
      p->storeys = 2;
    }
  else
    {
      p->storeys = p->area >= 500.0 ? 3 : 2;
      p->dwellings = (int) floor (p->area * p->storeys / 90.0);
    }
}

static int
compare_area_desc (gconstpointer a, gconstpointer b)
{
  const Pand *pa = *(Pand **) a;
  const Pand *pb = *(Pand **) b;

  return (pa->area < pb->area) - (pa->area > pb->area);
}

static WmDwellingMix
segment_dwellings (const Pand *p, gboolean concentration)
{
  const int *mix = concentration ? mix_concentration : mix_elsewhere;
  guint32 state = fnv1a (p->id) | 1;
  WmDwellingMix result = { { 0 } };

  for (int i = 0; i < p->dwellings; i++)
    {
      int r = xorshift (&state) % 100;
      int s = 0;

      while (r >= mix[s])
        s++;
      result.counts[s]++;
    }
  return result;
}

/* First number of a BGT hoek, "(n:a,b,...)" (one angle per label position) or plain "a". */
static double
parse_angle (const char *hoek)
{
  const char *start;

  if (hoek == NULL)
    return 0.0;
  start = strchr (hoek, ':');
  start = start != NULL ? start + 1 : (hoek[0] == '(' ? hoek + 1 : hoek);
  return g_ascii_strtod (start, NULL);
}

static void
read_basemap (sqlite3 *db, WmBasemap *basemap, guint *n_read, guint *n_failed)
{
  for (guint l = 0; l < G_N_ELEMENTS (basemap_layers); l++)
    {
      const LayerSpec *spec = &basemap_layers[l];
      g_autofree char *sql = g_strdup_printf ("SELECT \"%s\", \"%s\" FROM \"%s\" "
                                              "WHERE eindRegistratie IS NULL ORDER BY fid",
                                              spec->geom_column, spec->kind_column, spec->table);
      g_autoptr (sqlite3_stmt) stmt = prepare (db, sql);
      guint read = 0, failed = 0;

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (WmGeometry) geometry = column_geometry (stmt, 0, &error);
          g_autoptr (WmBasemapFeature) feature = NULL;

          if (geometry == NULL || geometry->kind == WM_GEOMETRY_POINT)
            {
              failed++;
              continue;
            }
          feature = wm_basemap_feature_new (spec->klass, (const char *) sqlite3_column_text (stmt, 1),
                                            NULL, 0.0, geometry);
          wm_basemap_add (basemap, feature);
          read++;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
      g_print ("%-28s %5u features, %u skipped\n", spec->table, read, failed);
      *n_read += read;
      *n_failed += failed;
    }
}

/* Street names; the extract keeps the first position of each label. Labels whose first
 * position lies outside the grid are dropped. */
static gboolean
read_labels (sqlite3 *db, WmBasemap *basemap, const WmBounds *grid, WmPoint *out_core,
             guint *n_failed, guint *n_outside)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (db, "SELECT plaatsingspunt, tekst, hoek FROM bgt_openbareruimtelabel "
                                    "WHERE eindRegistratie IS NULL ORDER BY fid");
  gboolean have_core = FALSE;
  guint read = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (WmGeometry) geometry = column_geometry (stmt, 0, &error);
      g_autoptr (WmBasemapFeature) feature = NULL;
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      WmPoint pt;

      if (geometry == NULL || geometry->kind != WM_GEOMETRY_POINT || text == NULL)
        {
          (*n_failed)++;
          continue;
        }
      pt = geometry->points[0];
      if (!have_core && g_strcmp0 (text, CORE_STREET) == 0)
        {
          *out_core = pt;
          have_core = TRUE;
        }
      if (grid != NULL)
        {
          if (pt.x < grid->min_x || pt.x > grid->max_x || pt.y < grid->min_y || pt.y > grid->max_y)
            {
              (*n_outside)++;
              continue;
            }
          feature = wm_basemap_feature_new (WM_BASEMAP_LABEL, NULL, text,
                                            parse_angle ((const char *) sqlite3_column_text (stmt, 2)),
                                            geometry);
          wm_basemap_add (basemap, feature);
          read++;
        }
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (grid != NULL)
    g_print ("%-28s %5u features, %u outside the grid\n", "bgt_openbareruimtelabel", read, *n_outside);
  return have_core;
}

/* Centroid of the polygon of @kind (area within [min_area, max_area]) nearest to @near and
 * at least @min_gap from @avoid (when given); FALSE when there is none. */
static gboolean
find_green (WmBasemap *basemap, WmBasemapClass klass, const char *kind, double min_area,
            double max_area, WmPoint near, const WmPoint *avoid, double min_gap, gboolean largest,
            double max_distance, WmPoint *out)
{
  GPtrArray *features = wm_basemap_get_features (basemap, klass);
  double best = G_MAXDOUBLE;
  gboolean found = FALSE;

  for (guint i = 0; i < features->len; i++)
    {
      WmBasemapFeature *f = g_ptr_array_index (features, i);
      double area, distance, score;
      WmPoint c;

      if (g_strcmp0 (f->kind, kind) != 0)
        continue;
      area = wm_geometry_area (f->geometry);
      if (area < min_area || area > max_area)
        continue;
      c = wm_geometry_centroid (f->geometry);
      /* A point outside a concave polygon would put the facility in someone's garden. */
      if (!wm_geometry_contains_point (f->geometry, c.x, c.y))
        continue;
      distance = hypot (c.x - near.x, c.y - near.y);
      if (distance > max_distance)
        continue;
      if (avoid != NULL && hypot (c.x - avoid->x, c.y - avoid->y) < min_gap)
        continue;
      score = largest ? -area : distance;
      if (score < best)
        {
          best = score;
          *out = c;
          found = TRUE;
        }
    }
  return found;
}

static void
add_facility (WmPlan *plan, const char *id, WmFacilityType type, const char *name, WmPoint at)
{
  g_autoptr (WmFacility) facility = NULL;

  /* Centimetres are plenty and keep the file tidy. */
  facility = wm_facility_new (id, type, name, round (at.x * 100.0) / 100.0, round (at.y * 100.0) / 100.0);
  wm_plan_add_facility (plan, facility);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) panden = NULL;
  g_autoptr (WmPlan) plan = NULL;
  g_autoptr (GHashTable) cell_dwellings = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr (GPtrArray) candidates = g_ptr_array_new ();
  sqlite3 *db = NULL;
  WmBasemap *basemap;
  WmBounds extent = wm_bounds_empty (), grid;
  WmPoint core = { 0, 0 }, spot, playground;
  WmDwellingMix total;
  guint n_failed = 0, n_points = 0, n_outside = 0, n_basemap = 0, n_areas = 0;
  int col_min, row_min, col_max, row_max, core_col, core_row, conc_col = -1, conc_row = -1;
  int best_dwellings = -1;
  GStatBuf st;
  static const struct
  {
    WmFacilityType type;
    const char *id;
    const char *name;
    const char *use;
  } hosted[] = {
    { WM_FACILITY_SCHOOL, "school-1", "Basisschool", "school" },
    { WM_FACILITY_COMMUNITY_CENTRE, "dorpshuis-1", "Dorpshuis", "community centre" },
    { WM_FACILITY_SHOP, "shop-1", "Supermarkt", "shop" },
    { WM_FACILITY_HEALTH_CENTRE, "health-1", "Gezondheidscentrum", "health centre" },
  };

  if (argc != 3)
    {
      g_printerr ("Usage: %s SOURCE.gpkg OUT.gpkg\n", argv[0]);
      return EXIT_FAILURE;
    }
  wm_core_init ();

  if (sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_printerr ("%s: %s\n", argv[1], sqlite3_errmsg (db));
      sqlite3_close (db);
      return EXIT_FAILURE;
    }

  plan = wm_plan_new ();
  wm_plan_set_name (plan, "Otterlo (demo)");
  wm_plan_set_description (plan,
                           "The village of Otterlo (municipality of Ede, Gelderland), about 2 by 2 km. "
                           "Building footprints, roads, water, vegetation and street names are real "
                           "(BGT, August 2020). The dwellings, housing segments, facilities and the "
                           "areas (500 m grid cells) are illustrative, made up for this demonstration.");
  wm_plan_set_attribution (plan,
                           "Geometry: BGT, Kadaster / PDOK, CC0 (extract of August 2020)\n"
                           "Street names: BGT openbareruimtelabel, Kadaster / PDOK, CC0\n"
                           "Extract: NLExtract test data (bgt/etl/test/input/otterlo.zip)\n"
                           "Dwellings, segments, facilities and areas: illustrative");
  wm_plan_set_illustrative (plan, TRUE);
  basemap = wm_plan_get_basemap (plan);

  if (!read_labels (db, basemap, NULL, &core, &n_failed, &n_outside))
    {
      g_printerr ("No %s label to mark the village core\n", CORE_STREET);
      return EXIT_FAILURE;
    }
  n_failed = 0;

  /* Buildings and the grid over their centroids. */
  panden = read_panden (db, &n_failed, &n_points);
  if (panden->len == 0)
    {
      g_printerr ("No buildings in %s\n", argv[1]);
      return EXIT_FAILURE;
    }
  for (guint i = 0; i < panden->len; i++)
    {
      Pand *p = g_ptr_array_index (panden, i);
      WmBounds b = { p->centroid.x, p->centroid.y, p->centroid.x, p->centroid.y };

      wm_bounds_union (&extent, &b);
    }
  col_min = (int) floor (extent.min_x / CELL_SIZE);
  row_min = (int) floor (extent.min_y / CELL_SIZE);
  col_max = (int) floor (extent.max_x / CELL_SIZE);
  row_max = (int) floor (extent.max_y / CELL_SIZE);
  grid = (WmBounds) { col_min * CELL_SIZE, row_min * CELL_SIZE,
                      (col_max + 1) * CELL_SIZE, (row_max + 1) * CELL_SIZE };
  core_col = (int) floor (core.x / CELL_SIZE) - col_min;
  core_row = (int) floor (core.y / CELL_SIZE) - row_min;

  for (guint i = 0; i < panden->len; i++)
    {
      Pand *p = g_ptr_array_index (panden, i);

      p->col = (int) floor (p->centroid.x / CELL_SIZE) - col_min;
      p->row = (int) floor (p->centroid.y / CELL_SIZE) - row_min;
      classify (p, core);
      if (p->dwellings > 1 && hypot (p->centroid.x - core.x, p->centroid.y - core.y) <= FACILITY_DISTANCE
          && p->area >= 250.0)
        g_ptr_array_add (candidates, p);
    }

  /* Facilities housed in the largest blocks near the core; those hold no dwellings. */
  g_ptr_array_sort (candidates, compare_area_desc);
  for (guint i = 0; i < G_N_ELEMENTS (hosted); i++)
    {
      Pand *p;

      if (i >= candidates->len)
        {
          g_printerr ("Too few large buildings near the core for the facilities\n");
          return EXIT_FAILURE;
        }
      p = g_ptr_array_index (candidates, i);
      p->use = hosted[i].use;
      p->dwellings = 0;
      add_facility (plan, hosted[i].id, hosted[i].type, hosted[i].name, p->centroid);
    }

  /* The social-rent concentration: the cell, other than the core's, with the most dwellings. */
  for (guint i = 0; i < panden->len; i++)
    {
      Pand *p = g_ptr_array_index (panden, i);
      gpointer key = GINT_TO_POINTER (p->col * 1000 + p->row + 1);

      g_hash_table_insert (cell_dwellings, key,
                           GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (cell_dwellings, key))
                                            + p->dwellings));
    }
  for (int c = 0; c <= col_max - col_min; c++)
    for (int r = 0; r <= row_max - row_min; r++)
      {
        int n = GPOINTER_TO_INT (g_hash_table_lookup (cell_dwellings, GINT_TO_POINTER (c * 1000 + r + 1)));

        if ((c != core_col || r != core_row) && n > best_dwellings)
          {
            best_dwellings = n;
            conc_col = c;
            conc_row = r;
          }
      }

  /* Areas: the cells holding at least one building centroid, added before the buildings. */
  for (int c = 0; c <= col_max - col_min; c++)
    for (int r = 0; r <= row_max - row_min; r++)
      {
        g_autofree char *id = NULL;
        g_autofree char *name = NULL;
        g_autoptr (WmGeometry) square = NULL;
        g_autoptr (WmArea) area = NULL;
        gboolean used = FALSE;
        double x0 = (col_min + c) * CELL_SIZE, y0 = (row_min + r) * CELL_SIZE;
        WmPoint shell[] = { { x0, y0 }, { x0 + CELL_SIZE, y0 }, { x0 + CELL_SIZE, y0 + CELL_SIZE },
                            { x0, y0 + CELL_SIZE } };

        for (guint i = 0; i < panden->len && !used; i++)
          {
            Pand *p = g_ptr_array_index (panden, i);
            used = p->col == c && p->row == r;
          }
        if (!used)
          continue;
        id = g_strdup_printf ("cell-%d-%d", c, r);
        name = g_strdup_printf ("Vak %c%d", 'A' + c, r + 1);
        square = wm_geometry_new_polygon (shell, G_N_ELEMENTS (shell));
        area = wm_area_new (id, name, square);
        wm_plan_add_area (plan, area);
        n_areas++;
      }

  for (guint i = 0; i < panden->len; i++)
    {
      Pand *p = g_ptr_array_index (panden, i);
      g_autoptr (WmBuilding) building = wm_building_new (p->id, p->footprint);
      g_autofree char *area_id = g_strdup_printf ("cell-%d-%d", p->col, p->row);
      WmDwellingMix mix = segment_dwellings (p, p->col == conc_col && p->row == conc_row);

      wm_building_set_area_id (building, area_id);
      wm_building_set_year (building, 0);
      wm_building_set_storeys (building, p->storeys);
      wm_building_set_use (building, p->use);
      wm_building_set_dwellings (building, &mix);
      wm_plan_add_building (plan, building);
    }

  /* Base map, and the street names inside the grid. */
  read_basemap (db, basemap, &n_basemap, &n_failed);
  read_labels (db, basemap, &grid, &core, &n_failed, &n_outside);
  sqlite3_close (db);

  /* Open-air facilities on real green spaces near the core. */
  if (find_green (basemap, WM_BASEMAP_GREEN, "groenvoorziening", 300, 3000, core, NULL, 0, FALSE,
                  FACILITY_DISTANCE, &playground))
    add_facility (plan, "playground-1", WM_FACILITY_PLAYGROUND, "Speeltuin", playground);
  if (find_green (basemap, WM_BASEMAP_GREEN, "groenvoorziening", 300, 3000, core, &playground, 250,
                  FALSE, 2 * FACILITY_DISTANCE, &spot))
    add_facility (plan, "playground-2", WM_FACILITY_PLAYGROUND, "Speelveld", spot);
  if (find_green (basemap, WM_BASEMAP_GREEN, "grasland overig", 3000, G_MAXDOUBLE, core, NULL, 0, TRUE,
                  2.5 * FACILITY_DISTANCE, &spot))
    add_facility (plan, "sports-1", WM_FACILITY_SPORTS, "Sportveld", spot);

  total = wm_plan_get_baseline_dwellings (plan, NULL);
  g_print ("buildings: %u (%u label points, %u undecodable rows skipped)\n",
           g_list_model_get_n_items (wm_plan_get_buildings (plan)), n_points, n_failed);
  g_print ("areas: %u; core in cell-%d-%d; social-rent concentration in cell-%d-%d\n",
           n_areas, core_col, core_row, conc_col, conc_row);
  g_print ("dwellings: %d (social %d, mid %d, private %d, owner affordable %d, owner expensive %d)\n",
           wm_dwelling_mix_total (&total), total.counts[0], total.counts[1], total.counts[2],
           total.counts[3], total.counts[4]);
  g_print ("facilities: %u; basemap features: %u\n",
           g_list_model_get_n_items (wm_plan_get_facilities (plan)), wm_basemap_get_n_features (basemap));

  if (!wm_project_file_save (plan, argv[2], &error))
    {
      g_printerr ("%s: %s\n", argv[2], error->message);
      return EXIT_FAILURE;
    }
  if (g_stat (argv[2], &st) == 0)
    g_print ("wrote %s (%ld bytes)\n", argv[2], (long) st.st_size);
  return EXIT_SUCCESS;
}
