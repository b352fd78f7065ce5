/* test-project-file.c: GeoPackage blobs, project file round trips and damaged files */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "wm-core.h"
#include "wm-gpkg.h"
#include "wm-project-file.h"
#include "wm-targets.h"

/* Every proposal layer of the current format, as one table. */
#define ALL_PROPOSALS \
  "(SELECT proposal_id, dwelling_type FROM proposals_point UNION ALL" \
  " SELECT proposal_id, dwelling_type FROM proposals_line UNION ALL" \
  " SELECT proposal_id, dwelling_type FROM proposals_polygon UNION ALL" \
  " SELECT proposal_id, dwelling_type FROM proposals_multipolygon UNION ALL" \
  " SELECT proposal_id, dwelling_type FROM proposals_no_geometry)"

#define X0 190000.0
#define Y0 450000.0

/* Helpers ------------------------------------------------------------------------------------ */

static WmGeometry *
square (double x, double y, double size)
{
  WmPoint ring[] = { { x, y }, { x + size, y }, { x + size, y + size }, { x, y + size } };

  return wm_geometry_new_polygon (ring, G_N_ELEMENTS (ring));
}

static void
add_ring (WmGeometryBuilder *builder, double x, double y, double size)
{
  wm_geometry_builder_begin_ring (builder);
  wm_geometry_builder_add_point (builder, x, y);
  wm_geometry_builder_add_point (builder, x + size, y);
  wm_geometry_builder_add_point (builder, x + size, y + size);
  wm_geometry_builder_add_point (builder, x, y + size);
}

/* A courtyard block: a shell with a hole, plus a second part. */
static WmGeometry *
block_with_hole (double x, double y)
{
  g_autoptr (WmGeometryBuilder) builder = wm_geometry_builder_new (WM_GEOMETRY_MULTIPOLYGON);
  g_autoptr (GError) error = NULL;
  WmGeometry *geometry;

  wm_geometry_builder_begin_polygon (builder);
  add_ring (builder, x, y, 30);
  add_ring (builder, x + 10, y + 10, 10);
  wm_geometry_builder_begin_polygon (builder);
  add_ring (builder, x + 40, y, 5);
  geometry = wm_geometry_builder_finish (builder, &error);
  g_assert_no_error (error);
  return geometry;
}

/* Adds a feature, taking @geometry. */
static void
add_feature (WmBasemap *basemap, WmBasemapClass klass, const char *kind, WmGeometry *geometry)
{
  g_autoptr (WmGeometry) owned = geometry;
  g_autoptr (WmBasemapFeature) feature = wm_basemap_feature_new (klass, kind, NULL, 0, owned);

  wm_basemap_add (basemap, feature);
}

static void
add_proposal (WmScenario *scenario, WmProposal *proposal)
{
  wm_scenario_add_proposal (scenario, proposal);
  g_object_unref (proposal);
}

/* A plan with every kind of object and field, @n_extra plain buildings on top. */
static WmPlan *
make_plan (guint n_extra)
{
  WmPlan *plan = wm_plan_new ();
  WmBasemap *basemap = wm_plan_get_basemap (plan);
  g_autoptr (WmScenario) first = NULL;
  g_autoptr (WmScenario) second = NULL;
  WmDwellingMix mix = { { 12, 4, 0, 3, 7 } };
  WmProposal *proposal;

  wm_plan_set_name (plan, "Testwijk");
  wm_plan_set_description (plan, "Een wijk om mee te testen, met “quotes” en 'apostrofs'");
  wm_plan_set_attribution (plan, "BGT (CC0)\nBAG (CC0)");
  wm_plan_set_illustrative (plan, TRUE);

  {
    g_autoptr (WmGeometry) boundary_a = square (X0, Y0, 500);
    g_autoptr (WmGeometry) boundary_b = block_with_hole (X0 + 600, Y0);
    g_autoptr (WmArea) a = wm_area_new ("BU00010001", "Centrum", boundary_a);
    g_autoptr (WmArea) b = wm_area_new ("cell-2-3", NULL, boundary_b);

    wm_plan_add_area (plan, a);
    wm_plan_add_area (plan, b);
  }

  {
    g_autoptr (WmGeometry) footprint1 = block_with_hole (X0 + 100, Y0 + 100);
    g_autoptr (WmGeometry) footprint2 = square (X0 + 200, Y0 + 200, 12.5);
    g_autoptr (WmGeometry) footprint3 = square (X0 - 1000, Y0 - 1000, 8);
    g_autoptr (WmBuilding) b1 = wm_building_new ("0200100000000001", footprint1);
    g_autoptr (WmBuilding) b2 = wm_building_new ("0200100000000002", footprint2);
    g_autoptr (WmBuilding) b3 = wm_building_new ("barn-1", footprint3);

    wm_building_set_area_id (b1, "BU00010001");
    wm_building_set_year (b1, 1967);
    wm_building_set_storeys (b1, 4);
    wm_building_set_use (b1, "residential");
    wm_building_set_dwellings (b1, &mix);
    wm_building_set_year (b2, 2021);
    wm_building_set_storeys (b2, 2);
    wm_building_set_use (b3, "barn");
    wm_plan_add_building (plan, b1);
    wm_plan_add_building (plan, b2);
    wm_plan_add_building (plan, b3);
  }
  for (guint i = 0; i < n_extra; i++)
    {
      g_autofree char *id = g_strdup_printf ("extra-%u", i);
      g_autoptr (WmGeometry) footprint = square (X0 + (i % 300) * 1.5, Y0 + (i / 300) * 1.5, 1);
      g_autoptr (WmBuilding) building = wm_building_new (id, footprint);
      WmDwellingMix one = { { i % 3, 0, 1, 0, i % 2 } };

      wm_building_set_dwellings (building, &one);
      wm_building_set_year (building, 1900 + i % 120);
      wm_plan_add_building (plan, building);
    }

  for (guint t = 0; t < WM_N_FACILITY_TYPES; t++)
    {
      g_autofree char *id = g_strdup_printf ("facility-%u", t);
      g_autoptr (WmFacility) facility =
        wm_facility_new (id, t, t == 0 ? NULL : wm_facility_type_key (t), X0 + 20 * t, Y0 + 5);

      wm_plan_add_facility (plan, facility);
    }

  add_feature (basemap, WM_BASEMAP_ROAD, "fietspad", square (X0, Y0 - 10, 5));
  add_feature (basemap, WM_BASEMAP_ROAD, "rijbaan lokale weg", block_with_hole (X0, Y0 - 100));
  add_feature (basemap, WM_BASEMAP_WATER, "waterloop", square (X0 + 50, Y0, 3));
  add_feature (basemap, WM_BASEMAP_GREEN, "grasland", block_with_hole (X0, Y0));
  add_feature (basemap, WM_BASEMAP_TERRAIN, NULL, square (X0 + 70, Y0, 4));
  {
    g_autoptr (WmGeometry) point = wm_geometry_new_point (X0 + 12.25, Y0 + 7.75);
    g_autoptr (WmBasemapFeature) label =
      wm_basemap_feature_new (WM_BASEMAP_LABEL, "straatnaam", "Dorpsstraat", 37.5, point);

    wm_basemap_add (basemap, label);
  }

  first = g_list_model_get_item (wm_plan_get_scenarios (plan), 0);
  second = wm_scenario_new ("scenario-alt", "Alternatief");
  wm_plan_add_scenario (plan, second);

  {
    const char *demolished[] = { "0200100000000001", "barn-1", NULL };
    WmDwellingMix loss = { { -12, -4, 0, -3, -7 } };

    proposal = wm_proposal_new ("p-demolish", WM_PROPOSAL_DEMOLISH);
    wm_proposal_set_building_ids (proposal, demolished);
    wm_proposal_set_dwelling_delta (proposal, &loss);
    wm_proposal_set_name (proposal, "Sloop flat");
    wm_proposal_set_year (proposal, 2027);
    wm_proposal_set_note (proposal, "No geometry: acts on named buildings");
    wm_proposal_set_return_share (proposal, 0.35);
    add_proposal (first, proposal);
  }
  {
    g_autoptr (WmGeometry) footprint = block_with_hole (X0 + 100, Y0 + 100);
    WmDwellingMix gain = { { 20, 10, 5, 5, 2 } };

    proposal = wm_proposal_new ("p-new", WM_PROPOSAL_NEW_BUILD);
    wm_proposal_set_geometry (proposal, footprint);
    wm_proposal_set_dwelling_delta (proposal, &gain);
    wm_proposal_set_dwelling_type (proposal, WM_DWELLING_TYPE_HOUSE);
    wm_proposal_set_year (proposal, 2029);
    add_proposal (first, proposal);
  }
  {
    const char *ids[] = { "0200100000000002", NULL };
    WmDwellingMix shift = { { -6, 0, 0, 6, 0 } };

    proposal = wm_proposal_new ("p-convert", WM_PROPOSAL_CONVERT_TENURE);
    wm_proposal_set_building_ids (proposal, ids);
    wm_proposal_set_dwelling_delta (proposal, &shift);
    add_proposal (first, proposal);
  }
  {
    g_autoptr (WmGeometry) point = wm_geometry_new_point (X0 + 250, Y0 + 250);

    proposal = wm_proposal_new ("p-add-facility", WM_PROPOSAL_ADD_FACILITY);
    wm_proposal_set_geometry (proposal, point);
    wm_proposal_set_facility_type (proposal, WM_FACILITY_SHARED_GARDEN);
    wm_proposal_set_name (proposal, "Buurttuin");
    add_proposal (first, proposal);
  }
  {
    const char *ids[] = { "0200100000000001", NULL };
    WmDwellingMix shift = { { 0, -2, 2, 0, 0 } };

    proposal = wm_proposal_new ("p-renovate", WM_PROPOSAL_RENOVATE);
    wm_proposal_set_building_ids (proposal, ids);
    wm_proposal_set_dwelling_delta (proposal, &shift);
    add_proposal (second, proposal);
  }
  {
    const char *ids[] = { "barn-1", NULL };
    WmDwellingMix gain = { { 0, 3, 0, 0, 0 } };

    proposal = wm_proposal_new ("p-transform", WM_PROPOSAL_TRANSFORM);
    wm_proposal_set_building_ids (proposal, ids);
    wm_proposal_set_dwelling_delta (proposal, &gain);
    wm_proposal_set_dwelling_type (proposal, WM_DWELLING_TYPE_SENIOR);
    add_proposal (second, proposal);
  }
  {
    const char *ids[] = { "0200100000000001", "0200100000000002", NULL };
    WmDwellingMix split = { { 4, 0, 0, 0, -1 } };

    proposal = wm_proposal_new ("p-split", WM_PROPOSAL_SPLIT_MERGE);
    wm_proposal_set_building_ids (proposal, ids);
    wm_proposal_set_dwelling_delta (proposal, &split);
    add_proposal (second, proposal);
  }
  {
    proposal = wm_proposal_new ("p-remove-facility", WM_PROPOSAL_REMOVE_FACILITY);
    wm_proposal_set_facility_id (proposal, "facility-3");
    wm_proposal_set_note (proposal, "");
    add_proposal (second, proposal);
  }

  wm_plan_set_active_scenario (plan, second);
  return plan;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

typedef struct
{
  char *dir;
  char *path; /* a saved make_plan (0) */
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = make_plan (GPOINTER_TO_UINT (data));

  fixture->dir = g_dir_make_tmp ("wijkmix-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "plan.gpkg", NULL);
  g_assert_true (wm_project_file_save (plan, fixture->path, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static guint
count_entries (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);
  return n;
}

static void
exec_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* The first column of the first row as text, NULL for none or NULL; freed after the test. */
static const char *
query_text (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_test_queue_free (text);
  return text;
}

static void
assert_load_fails (const char *path, WmProjectFileError code, const char *const *needles)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = wm_project_file_load (path, &error);
  g_autofree char *base = g_path_get_basename (path);

  g_assert_null (plan);
  g_assert_error (error, WM_PROJECT_FILE_ERROR, (int) code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, base));
  for (guint i = 0; needles != NULL && needles[i] != NULL; i++)
    if (strstr (error->message, needles[i]) == NULL)
      g_error ("“%s” not in “%s”", needles[i], error->message);
}

/* GeoPackage blobs --------------------------------------------------------------------------- */

static void
test_blob_polygon (void)
{
  g_autoptr (WmGeometry) polygon = block_with_hole (X0, Y0);
  g_autoptr (GBytes) blob = wm_gpkg_geometry_to_blob (polygon, WM_SRS_RD_NEW);
  g_autoptr (GBytes) wkb = wm_geometry_to_wkb (polygon);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmGeometry) decoded = NULL;
  const guint8 *data;
  gsize len;
  double min_x;
  gint32 srs;
  int srs_id = 0;

  data = g_bytes_get_data (blob, &len);
  g_assert_cmpuint (len, ==, 8 + 32 + g_bytes_get_size (wkb));
  g_assert_cmpint (data[0], ==, 'G');
  g_assert_cmpint (data[1], ==, 'P');
  g_assert_cmpint (data[2], ==, 0);
  g_assert_cmpint (data[3], ==, 0x03); /* XY envelope, little endian */
  memcpy (&srs, data + 4, 4);
  g_assert_cmpint (GINT32_FROM_LE (srs), ==, 28992);
  memcpy (&min_x, data + 8, 8);
  g_assert_cmpfloat (min_x, ==, X0);
  g_assert_cmpmem (data + 40, len - 40, g_bytes_get_data (wkb, NULL), g_bytes_get_size (wkb));

  decoded = wm_gpkg_geometry_from_blob (data, len, &srs_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (srs_id, ==, 28992);
  g_assert_true (wm_geometry_equal (decoded, polygon));
}

static void
test_blob_point (void)
{
  g_autoptr (WmGeometry) point = wm_geometry_new_point (X0 + 0.5, Y0 - 0.25);
  g_autoptr (GBytes) blob = wm_gpkg_geometry_to_blob (point, 4326);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmGeometry) decoded = NULL;
  const guint8 *data;
  gsize len;
  int srs_id = 0;

  data = g_bytes_get_data (blob, &len);
  g_assert_cmpuint (len, ==, 8 + 21);
  g_assert_cmpint (data[3], ==, 0x01); /* no envelope */
  decoded = wm_gpkg_geometry_from_blob (data, len, &srs_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (srs_id, ==, 4326);
  g_assert_true (wm_geometry_equal (decoded, point));
}

/* Other writers may use a big-endian header and any envelope. */
static void
test_blob_variants (void)
{
  g_autoptr (WmGeometry) polygon = square (X0, Y0, 10);
  g_autoptr (GBytes) wkb = wm_geometry_to_wkb (polygon);
  g_autoptr (GByteArray) blob = g_byte_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (WmGeometry) decoded = NULL;
  guint8 header[8] = { 'G', 'P', 0, 0x04 /* XYZ envelope, big endian */, 0, 0, 0x71, 0x40 };
  guint8 envelope[48] = { 0 };
  int srs_id = 0;

  g_byte_array_append (blob, header, sizeof header);
  g_byte_array_append (blob, envelope, sizeof envelope);
  g_byte_array_append (blob, g_bytes_get_data (wkb, NULL), g_bytes_get_size (wkb));
  decoded = wm_gpkg_geometry_from_blob (blob->data, blob->len, &srs_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (srs_id, ==, 28992);
  g_assert_true (wm_geometry_equal (decoded, polygon));

  /* Empty flag */
  blob->data[3] = 0x10;
  g_assert_null (wm_gpkg_geometry_from_blob (blob->data, blob->len, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* Envelope code 5 does not exist */
  blob->data[3] = 5 << 1;
  g_assert_null (wm_gpkg_geometry_from_blob (blob->data, blob->len, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* Extended type */
  blob->data[3] = 0x20;
  g_assert_null (wm_gpkg_geometry_from_blob (blob->data, blob->len, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* Not "GP", and too short */
  blob->data[3] = 0x04;
  blob->data[0] = 'X';
  g_assert_null (wm_gpkg_geometry_from_blob (blob->data, blob->len, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (wm_gpkg_geometry_from_blob ((const guint8 *) "GP", 2, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* Header only, no WKB */
  g_assert_null (wm_gpkg_geometry_from_blob ((const guint8 *) "GP\0\0\0\0\0\0", 8, NULL, &error));
  g_assert_nonnull (error);
}

/* Round trips -------------------------------------------------------------------------------- */

static void
test_round_trip (Fixture *fixture, gconstpointer data)
{
  g_autoptr (WmPlan) plan = make_plan (0);
  g_autoptr (WmPlan) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmBuilding) first = NULL;
  g_autoptr (WmScenario) scenario = NULL;
  g_autoptr (WmProposal) demolish = NULL;
  g_autoptr (WmProposal) new_build = NULL;
  WmGeometry *footprint;

  loaded = wm_project_file_load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_true (wm_plan_equal (plan, loaded));

  /* Spot checks, in case wm_plan_equal() misses a field. */
  g_assert_cmpstr (wm_plan_get_name (loaded), ==, "Testwijk");
  g_assert_cmpstr (wm_plan_get_attribution (loaded), ==, "BGT (CC0)\nBAG (CC0)");
  g_assert_true (wm_plan_get_illustrative (loaded));
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_areas (loaded)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_buildings (loaded)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_facilities (loaded)), ==,
                    WM_N_FACILITY_TYPES);
  g_assert_cmpuint (wm_basemap_get_n_features (wm_plan_get_basemap (loaded)), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_scenarios (loaded)), ==, 2);

  first = g_list_model_get_item (wm_plan_get_buildings (loaded), 0);
  g_assert_cmpstr (wm_building_get_id (first), ==, "0200100000000001");
  footprint = wm_building_get_footprint (first);
  g_assert_cmpuint (footprint->n_polygons, ==, 2);
  g_assert_cmpuint (footprint->n_rings, ==, 3);
  g_assert_cmpint (wm_building_get_dwellings (first)->counts[WM_SEGMENT_OWNER_EXPENSIVE], ==, 7);

  g_assert_cmpstr (wm_scenario_get_id (wm_plan_get_active_scenario (loaded)), ==, "scenario-alt");
  scenario = g_list_model_get_item (wm_plan_get_scenarios (loaded), 0);
  demolish = g_list_model_get_item (wm_scenario_get_proposals (scenario), 0);
  g_assert_cmpstr (wm_proposal_get_id (demolish), ==, "p-demolish");
  g_assert_null (wm_proposal_get_geometry (demolish));
  g_assert_cmpstr (wm_proposal_get_building_ids (demolish)[1], ==, "barn-1");
  g_assert_cmpint (wm_proposal_get_dwelling_delta (demolish)->counts[WM_SEGMENT_SOCIAL_RENT], ==,
                   -12);
  g_assert_cmpint (wm_proposal_get_dwelling_type (demolish), ==, WM_DWELLING_TYPE_UNSPECIFIED);
  g_assert_cmpfloat (wm_proposal_get_return_share (demolish), ==, 0.35);
  new_build = g_list_model_get_item (wm_scenario_get_proposals (scenario), 1);
  g_assert_cmpfloat (wm_proposal_get_return_share (new_build), ==, WM_PROPOSAL_DEFAULT_RETURN_SHARE);
  g_assert_cmpstr (wm_proposal_get_id (new_build), ==, "p-new");
  g_assert_cmpint (wm_proposal_get_dwelling_type (new_build), ==, WM_DWELLING_TYPE_HOUSE);
  g_assert_cmpstr (query_text (fixture->path, "SELECT dwelling_type FROM " ALL_PROPOSALS
                                              " WHERE proposal_id = 'p-new'"), ==, "house");
  g_assert_null (query_text (fixture->path, "SELECT dwelling_type FROM " ALL_PROPOSALS
                                            " WHERE proposal_id = 'p-demolish'"));

  /* The return share alone makes plans differ. */
  wm_proposal_set_return_share (demolish, 0.5);
  g_assert_false (wm_plan_equal (plan, loaded));
  wm_proposal_set_return_share (demolish, 0.35);
  g_assert_true (wm_plan_equal (plan, loaded));

  /* The dwelling type alone makes plans differ. */
  wm_proposal_set_dwelling_type (new_build, WM_DWELLING_TYPE_APARTMENT);
  g_assert_false (wm_plan_equal (plan, loaded));
  wm_proposal_set_dwelling_type (new_build, WM_DWELLING_TYPE_HOUSE);
  g_assert_true (wm_plan_equal (plan, loaded));

  /* A changed plan is not equal: the comparison above means something. */
  wm_plan_set_name (loaded, "Other");
  g_assert_false (wm_plan_equal (plan, loaded));
}

static void
test_save_twice (Fixture *fixture, gconstpointer data)
{
  g_autoptr (WmPlan) plan = make_plan (0);
  g_autoptr (WmPlan) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmFacility) facility = wm_facility_new ("late", WM_FACILITY_LIBRARY, "Bieb", X0, Y0);

  wm_plan_set_name (plan, "Second save");
  wm_plan_add_facility (plan, facility);
  g_assert_true (wm_project_file_save (plan, fixture->path, &error));
  g_assert_no_error (error);
  g_assert_true (wm_project_file_save (plan, fixture->path, &error));
  g_assert_no_error (error);

  /* Only the project: no temporary file or journal left behind. */
  g_assert_cmpuint (count_entries (fixture->dir), ==, 1);

  loaded = wm_project_file_load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, loaded));
  g_assert_cmpstr (wm_plan_get_name (loaded), ==, "Second save");
}

static void
test_save_failure (Fixture *fixture, gconstpointer data)
{
  g_autoptr (WmPlan) plan = make_plan (0);
  g_autoptr (WmPlan) changed = make_plan (0);
  g_autoptr (WmPlan) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *missing_dir = g_build_filename (fixture->dir, "no-such-dir", "plan.gpkg", NULL);
  g_autofree char *as_dir = g_build_filename (fixture->dir, "folder.gpkg", NULL);
  g_autofree char *inside = NULL;

  wm_plan_set_name (changed, "Changed");

  g_assert_false (wm_project_file_save (changed, missing_dir, &error));
  g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "plan.gpkg"));
  g_clear_error (&error);

  /* The target is a folder: everything is written, only the rename fails. */
  g_assert_cmpint (g_mkdir (as_dir, 0755), ==, 0);
  inside = g_build_filename (as_dir, "keep", NULL);
  g_assert_true (g_file_set_contents (inside, "x", 1, NULL));
  g_assert_false (wm_project_file_save (changed, as_dir, &error));
  g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "folder.gpkg"));
  g_clear_error (&error);
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));

  /* A read-only folder (root may write anyway, so only when it is really read-only). */
  if (g_chmod (fixture->dir, 0555) == 0 && access (fixture->dir, W_OK) != 0)
    {
      g_assert_false (wm_project_file_save (changed, fixture->path, &error));
      g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE);
      g_clear_error (&error);
    }
  g_chmod (fixture->dir, 0755);

  /* The original is untouched and no temporary file is left: plan.gpkg and folder.gpkg. */
  g_assert_cmpuint (count_entries (fixture->dir), ==, 2);
  loaded = wm_project_file_load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, loaded));
}

static void
test_load_bytes (Fixture *fixture, gconstpointer data)
{
  g_autoptr (WmPlan) plan = make_plan (0);
  g_autoptr (WmPlan) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (fixture->path, &contents, &len, &error));
  bytes = g_bytes_new_take (contents, len);
  loaded = wm_project_file_load_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, loaded));

  g_assert_null (wm_project_file_load_bytes (empty, &error));
  g_assert_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_NOT_SQLITE);
}

/* What a GIS sees ---------------------------------------------------------------------------- */

static void
assert_layer (const char *output, const char *layer, int count)
{
  g_autofree char *heading = g_strdup_printf ("Layer name: %s\n", layer);
  const char *at = strstr (output, heading);
  const char *next;
  const char *feature_count;

  if (at == NULL)
    g_error ("layer %s not listed by ogrinfo", layer);
  next = strstr (at + 1, "Layer name: ");
  feature_count = strstr (at, "Feature Count: ");
  g_assert_nonnull (feature_count);
  g_assert_true (next == NULL || feature_count < next);
  g_assert_cmpint (atoi (feature_count + strlen ("Feature Count: ")), ==, count);
}

static void
test_ogrinfo (Fixture *fixture, gconstpointer data)
{
  g_autofree char *ogrinfo = g_find_program_in_path ("ogrinfo");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (ogrinfo == NULL)
    {
      g_test_skip ("ogrinfo (gdal-bin) is not installed");
      return;
    }

  {
    const char *argv[] = { ogrinfo, "-ro", "-so", "-al", fixture->path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
  }
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_null (strstr (err, "ERROR"));
  g_assert_null (strstr (err, "Warning"));

  assert_layer (out, "areas", 2);
  assert_layer (out, "buildings", 3);
  assert_layer (out, "facilities", WM_N_FACILITY_TYPES);
  {
    /* A layer per geometry kind, every one listed (also when empty), 8 proposals in all. */
    const char *layers[] = { "proposals_point", "proposals_line", "proposals_polygon",
                             "proposals_multipolygon", "proposals_no_geometry" };
    int total = 0;

    for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", layers[i]);
        const char *count = query_text (fixture->path, sql);

        assert_layer (out, layers[i], atoi (count));
        total += atoi (count);
      }
    g_assert_cmpint (total, ==, 8);
    g_assert_null (strstr (out, "Layer name: proposals\n"));
  }
  assert_layer (out, "basemap_road", 2);
  assert_layer (out, "basemap_water", 1);
  assert_layer (out, "basemap_green", 1);
  assert_layer (out, "basemap_terrain", 1);
  assert_layer (out, "basemap_label", 1);
  assert_layer (out, "wijkmix_scenarios", 2);
  /* name, description, attribution, illustrative and five target.* rows (preset, margin, the
   * social rent minimum and maximum, the new-build minimum) */
  assert_layer (out, "wijkmix_meta", 9);
  assert_layer (out, "wijkmix_schema", 1);

  /* One geometry type per layer, also for the areas, which mix polygons and multipolygons. */
  g_assert_cmpstr (query_text (fixture->path, "SELECT count(*) FROM gpkg_geometry_columns"
                                              " WHERE geometry_type_name = 'GEOMETRY'"), ==, "0");
  g_assert_cmpstr (query_text (fixture->path, "SELECT geometry_type_name FROM"
                                              " gpkg_geometry_columns WHERE table_name = 'areas'"),
                   ==, "MULTIPOLYGON");
  g_assert_nonnull (strstr (out, "Amersfoort / RD New"));
  g_assert_nonnull (strstr (out, "28992"));
  g_assert_nonnull (strstr (out, "Geometry: Multi Polygon"));
  g_assert_nonnull (strstr (out, "Geometry: Point"));
  g_assert_nonnull (strstr (out, "dwellings_social_rent: Integer"));
}

/* Damaged and foreign files ------------------------------------------------------------------ */

static void
test_missing (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "nothing.gpkg", NULL);

  assert_load_fails (path, WM_PROJECT_FILE_ERROR_NOT_FOUND,
                     (const char *[]) { "does not exist", NULL });
}

static void
test_text_file (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "notes.gpkg", NULL);
  const char *text = "These are notes, not a database. They go on for a while so that the "
                     "file is longer than an SQLite header would be.\n";

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  assert_load_fails (path, WM_PROJECT_FILE_ERROR_NOT_SQLITE,
                     (const char *[]) { "not a GeoPackage or SQLite file", NULL });
}

static void
test_empty_file (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "empty.gpkg", NULL);

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  assert_load_fails (path, WM_PROJECT_FILE_ERROR_NOT_SQLITE, (const char *[]) { "empty", NULL });
}

static void
test_truncated (Fixture *fixture, gconstpointer data)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (fixture->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8 * 4096);
  g_assert_true (g_file_set_contents (fixture->path, contents, len / 2, NULL));
  assert_load_fails (fixture->path, WM_PROJECT_FILE_ERROR_CORRUPT,
                     (const char *[]) { "damaged", NULL });

  /* Cut inside a page too. */
  g_assert_true (g_file_set_contents (fixture->path, contents, len / 2 + 1000, NULL));
  assert_load_fails (fixture->path, WM_PROJECT_FILE_ERROR_CORRUPT,
                     (const char *[]) { "damaged", NULL });
}

static void
test_overwritten (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (4242);
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (fixture->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8 * 4096);
  /* The middle half of every page after the first (which holds the header and schema). */
  for (gsize page = 4096; page + 4096 <= len; page += 4096)
    for (gsize i = page + 1024; i < page + 3072; i++)
      contents[i] = (char) g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (fixture->path, contents, len, NULL));
  assert_load_fails (fixture->path, WM_PROJECT_FILE_ERROR_CORRUPT,
                     (const char *[]) { "damaged", NULL });
}

static void
test_plain_sqlite (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "shop.sqlite", NULL);

  exec_sql (path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);"
                  "INSERT INTO customers (name) VALUES ('Jansen');");
  assert_load_fails (path, WM_PROJECT_FILE_ERROR_NOT_PROJECT,
                     (const char *[]) { "SQLite database but not a Wijkmix project", NULL });
}

static void
test_foreign_geopackage (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "bgt.gpkg", NULL);
  g_autoptr (GError) error = NULL;
  WmBounds bounds = { X0, Y0, X0 + 10, Y0 + 10 };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (wm_gpkg_init_metadata (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE pand (fid INTEGER PRIMARY KEY, geom POLYGON)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (wm_gpkg_register_table (db, "pand", "POLYGON", 28992, &bounds, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  assert_load_fails (path, WM_PROJECT_FILE_ERROR_NOT_PROJECT,
                     (const char *[]) { "GeoPackage but not a Wijkmix project", NULL });
}

static void
test_newer_version (Fixture *fixture, gconstpointer data)
{
  g_autofree char *current = g_strdup_printf ("format %d", WM_PROJECT_SCHEMA_VERSION);

  exec_sql (fixture->path, "UPDATE wijkmix_schema SET version = 99");
  assert_load_fails (fixture->path, WM_PROJECT_FILE_ERROR_NEWER_VERSION,
                     (const char *[]) { "newer", "99", current, NULL });
}

static void
test_no_version (Fixture *fixture, gconstpointer data)
{
  exec_sql (fixture->path, "DELETE FROM wijkmix_schema");
  assert_load_fails (fixture->path, WM_PROJECT_FILE_ERROR_INVALID,
                     (const char *[]) { "format version", NULL });
}

static void
test_unknown_kind (Fixture *fixture, gconstpointer data)
{
  const char *fid = query_text (fixture->path, "SELECT fid FROM proposals_no_geometry"
                                               " WHERE proposal_id = 'p-convert'");
  g_autofree char *row = g_strdup_printf ("row %s", fid);

  exec_sql (fixture->path, "UPDATE proposals_no_geometry SET kind = 'teleport'"
                           " WHERE proposal_id = 'p-convert'");
  assert_load_fails (fixture->path, WM_PROJECT_FILE_ERROR_INVALID,
                     (const char *[]) { "proposals_no_geometry", row, "teleport", NULL });
}

static void
test_unknown_dwelling_type (Fixture *fixture, gconstpointer data)
{
  const char *fid = query_text (fixture->path, "SELECT fid FROM proposals_no_geometry"
                                               " WHERE proposal_id = 'p-demolish'");
  g_autofree char *row = g_strdup_printf ("row %s", fid);

  exec_sql (fixture->path, "UPDATE proposals_no_geometry SET dwelling_type = 'castle'"
                           " WHERE proposal_id = 'p-demolish'");
  assert_load_fails (fixture->path, WM_PROJECT_FILE_ERROR_INVALID,
                     (const char *[]) { "proposals_no_geometry", row, "castle", NULL });
}

/* A return share edited through a handle is written in place, and read back. */
static void
test_return_share_in_place (Fixture *fixture, gconstpointer data)
{
  g_autoptr (WmProjectFile) file = wm_project_file_new (fixture->path);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = wm_project_file_read (file, &error);
  g_autoptr (WmPlan) reloaded = NULL;
  g_autoptr (WmScenario) scenario = NULL;
  g_autoptr (WmProposal) demolish = NULL;
  g_autoptr (WmProjectSnapshot) snapshot = NULL;
  g_autofree char *fid = NULL;

  g_assert_no_error (error);
  /* Every row write of the layer is logged (by SQLite, before the handle read the file). */
  exec_sql (fixture->path, "CREATE TABLE written (id TEXT);"
                           " CREATE TRIGGER w_update AFTER UPDATE ON proposals_no_geometry"
                           " BEGIN INSERT INTO written VALUES (new.proposal_id); END;"
                           " CREATE TRIGGER w_insert AFTER INSERT ON proposals_no_geometry"
                           " BEGIN INSERT INTO written VALUES (new.proposal_id); END;");
  g_clear_object (&plan);
  plan = wm_project_file_read (file, &error);
  g_assert_no_error (error);
  fid = g_strdup (query_text (fixture->path, "SELECT fid FROM proposals_no_geometry"
                                             " WHERE proposal_id = 'p-demolish'"));
  g_assert_cmpstr (query_text (fixture->path, "SELECT return_share FROM proposals_no_geometry"
                                              " WHERE proposal_id = 'p-demolish'"), ==, "0.35");
  scenario = g_list_model_get_item (wm_plan_get_scenarios (plan), 0);
  demolish = g_list_model_get_item (wm_scenario_get_proposals (scenario), 0);
  wm_proposal_set_return_share (demolish, 0.8);
  snapshot = wm_project_snapshot_new (plan);
  g_assert_true (wm_project_file_write (file, snapshot, &error));
  g_assert_no_error (error);

  /* The same row, changed in place. */
  g_assert_cmpstr (query_text (fixture->path, "SELECT fid FROM proposals_no_geometry"
                                              " WHERE proposal_id = 'p-demolish'"), ==, fid);
  g_assert_cmpstr (query_text (fixture->path, "SELECT return_share FROM proposals_no_geometry"
                                              " WHERE proposal_id = 'p-demolish'"), ==, "0.8");
  g_assert_cmpstr (query_text (fixture->path, "SELECT group_concat (id) FROM written"), ==,
                   "p-demolish");

  /* An unchanged share (a REAL) has the digest it had: another edit does not rewrite it. */
  g_clear_pointer (&snapshot, wm_project_snapshot_unref);
  wm_plan_set_name (plan, "Renamed");
  snapshot = wm_project_snapshot_new (plan);
  g_assert_true (wm_project_file_write (file, snapshot, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (query_text (fixture->path, "SELECT group_concat (id) FROM written"), ==,
                   "p-demolish");

  reloaded = wm_project_file_load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, reloaded));
}

static void
test_bad_return_share (Fixture *fixture, gconstpointer data)
{
  const char *fid = query_text (fixture->path, "SELECT fid FROM proposals_no_geometry"
                                               " WHERE proposal_id = 'p-demolish'");
  g_autofree char *row = g_strdup_printf ("row %s", fid);

  exec_sql (fixture->path, "UPDATE proposals_no_geometry SET return_share = 1.5"
                           " WHERE proposal_id = 'p-demolish'");
  assert_load_fails (fixture->path, WM_PROJECT_FILE_ERROR_INVALID,
                     (const char *[]) { "proposals_no_geometry", row, "return share", "1.5",
                                        NULL });
  exec_sql (fixture->path, "UPDATE proposals_no_geometry SET return_share = 'abc'"
                           " WHERE proposal_id = 'p-demolish'");
  assert_load_fails (fixture->path, WM_PROJECT_FILE_ERROR_INVALID,
                     (const char *[]) { "proposals_no_geometry", row, "return share", "abc",
                                        NULL });
}

static void
test_unknown_facility_type (Fixture *fixture, gconstpointer data)
{
  exec_sql (fixture->path, "UPDATE facilities SET type = 'spaceport' WHERE fid = 2");
  assert_load_fails (fixture->path, WM_PROJECT_FILE_ERROR_INVALID,
                     (const char *[]) { "facilities", "row 2", "spaceport", NULL });
}

static void
test_unknown_segment (Fixture *fixture, gconstpointer data)
{
  exec_sql (fixture->path,
            "ALTER TABLE buildings ADD COLUMN dwellings_castle INTEGER NOT NULL DEFAULT 1");
  assert_load_fails (fixture->path, WM_PROJECT_FILE_ERROR_INVALID,
                     (const char *[]) { "buildings", "castle", NULL });
}

static void
test_negative_dwellings (Fixture *fixture, gconstpointer data)
{
  exec_sql (fixture->path, "UPDATE buildings SET dwellings_mid_rent = -3 WHERE fid = 2");
  assert_load_fails (fixture->path, WM_PROJECT_FILE_ERROR_INVALID,
                     (const char *[]) { "buildings", "row 2", "-3", NULL });
}

static void
test_bad_geometry (Fixture *fixture, gconstpointer data)
{
  exec_sql (fixture->path, "UPDATE areas SET geom = x'4750000100007140deadbeef' WHERE fid = 2");
  assert_load_fails (fixture->path, WM_PROJECT_FILE_ERROR_INVALID,
                     (const char *[]) { "areas", "row 2", NULL });
}

static void
test_other_srs (Fixture *fixture, gconstpointer data)
{
  /* Bytes 4..7 of the blob are the little-endian srs id: make it 4326 (0x10E6). */
  exec_sql (fixture->path, "UPDATE basemap_water SET geom = CAST(substr(geom, 1, 4) ||"
                           " x'E6100000' || substr(geom, 9) AS BLOB) WHERE fid = 1");
  assert_load_fails (fixture->path, WM_PROJECT_FILE_ERROR_INVALID,
                     (const char *[]) { "basemap_water", "row 1", "4326", NULL });
}

/* Migrations -------------------------------------------------------------------------------- */

static void
assert_proposal (WmScenario *scenario, guint i, const char *id, WmProposalKind kind,
                 const char *name, int year, const char *note, const WmDwellingMix *delta)
{
  g_autoptr (WmProposal) proposal = g_list_model_get_item (wm_scenario_get_proposals (scenario), i);

  g_assert_nonnull (proposal);
  g_assert_cmpstr (wm_proposal_get_id (proposal), ==, id);
  g_assert_cmpint (wm_proposal_get_kind (proposal), ==, kind);
  g_assert_cmpstr (wm_proposal_get_name (proposal), ==, name);
  g_assert_cmpint (wm_proposal_get_year (proposal), ==, year);
  g_assert_cmpstr (wm_proposal_get_note (proposal), ==, note);
  g_assert_true (wm_dwelling_mix_equal (wm_proposal_get_dwelling_delta (proposal), delta));
  /* Format 1 had no dwelling type. */
  g_assert_cmpint (wm_proposal_get_dwelling_type (proposal), ==, WM_DWELLING_TYPE_UNSPECIFIED);
}

/* tests/fixtures/project-v1.gpkg, written by format 1 (see tests/fixtures/README.md). */
static void
test_migrate_v1 (Fixture *fixture, gconstpointer data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "project-v1.gpkg",
                                                   NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "v1.gpkg", NULL);
  g_autofree char *saved = g_build_filename (fixture->dir, "v2.gpkg", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = NULL;
  g_autoptr (WmPlan) reloaded = NULL;
  g_autoptr (WmScenario) scenario = NULL;
  g_autoptr (WmProposal) new_build = NULL;
  WmDwellingMix demolish = { { -1, 0, 0, 0, 0 } };
  WmDwellingMix gain = { { 12, 6, 0, 0, 4 } };
  WmDwellingMix convert = { { -2, 0, 0, 2, 0 } };
  WmDwellingMix transform = { { 0, 4, 0, 0, 0 } };
  WmDwellingMix none = { { 0 } };

  /* Load a copy, so that the check below that loading leaves the file alone is real. */
  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (copy, contents, length, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (query_text (copy, "SELECT max(version) FROM wijkmix_schema"), ==, "1");

  plan = wm_project_file_load (copy, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpstr (query_text (copy, "SELECT max(version) FROM wijkmix_schema"), ==, "1");

  g_assert_cmpstr (wm_plan_get_name (plan), ==, "Otterlo (demo)");
  g_assert_true (wm_plan_get_illustrative (plan));
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_areas (plan)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_buildings (plan)), ==, 27);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_facilities (plan)), ==, 7);
  g_assert_cmpuint (wm_basemap_get_n_features (wm_plan_get_basemap (plan)), ==, 15);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_scenarios (plan)), ==, 1);

  scenario = g_list_model_get_item (wm_plan_get_scenarios (plan), 0);
  g_assert_cmpstr (wm_scenario_get_id (scenario), ==, "scenario-1");
  g_assert_cmpuint (g_list_model_get_n_items (wm_scenario_get_proposals (scenario)), ==, 6);
  assert_proposal (scenario, 0, "p-demolish", WM_PROPOSAL_DEMOLISH, "Demolish the small block",
                   2027, NULL, &demolish);
  assert_proposal (scenario, 1, "p-new", WM_PROPOSAL_NEW_BUILD, "Infill on the square", 2028,
                   "fixture: schema version 1", &gain);
  assert_proposal (scenario, 2, "p-convert", WM_PROPOSAL_CONVERT_TENURE, NULL, 0,
                   "sale at turnover", &convert);
  assert_proposal (scenario, 3, "p-transform", WM_PROPOSAL_TRANSFORM, NULL, 2029, NULL,
                   &transform);
  assert_proposal (scenario, 4, "p-playground", WM_PROPOSAL_ADD_FACILITY, "New playground", 0,
                   NULL, &none);
  assert_proposal (scenario, 5, "p-remove", WM_PROPOSAL_REMOVE_FACILITY, NULL, 0, NULL, &none);

  /* Format 1 stored minimum-only targets: they open as minimums (the national agenda's). */
  {
    WmTargets *targets = wm_targets_get_for_plan (plan);
    WmTargetBand band;

    g_assert_cmpint (wm_targets_get_preset (targets), ==, WM_TARGET_PRESET_NATIONAL);
    g_assert_true (wm_targets_get_band (targets, "share.social_rent", &band));
    g_assert_cmpfloat (band.min, ==, 0.30);
    g_assert_true (isnan (band.max));
    g_assert_true (wm_targets_get_band (targets, "new_build_affordable_share", &band));
    g_assert_cmpfloat_with_epsilon (band.min, 2.0 / 3.0, 1e-15);
    g_assert_true (isnan (band.max));
  }

  /* Saved again it is the current format with everything kept, and a dwelling type set now
   * survives. */
  new_build = g_list_model_get_item (wm_scenario_get_proposals (scenario), 1);
  wm_proposal_set_dwelling_type (new_build, WM_DWELLING_TYPE_SENIOR);
  g_assert_true (wm_project_file_save (plan, saved, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (query_text (saved, "SELECT max(version) FROM wijkmix_schema"), ==,
                   G_STRINGIFY (WM_PROJECT_SCHEMA_VERSION));
  /* The old target rows are gone; the bands and the preset are stored instead. */
  g_assert_cmpstr (query_text (saved, "SELECT count(*) FROM wijkmix_meta"
                                      " WHERE key = 'target.social_rent_stock'"), ==, "0");
  g_assert_cmpstr (query_text (saved, "SELECT value FROM wijkmix_meta"
                                      " WHERE key = 'target.preset'"), ==, "national");
  g_assert_cmpstr (query_text (saved, "SELECT value FROM wijkmix_meta"
                                      " WHERE key = 'target.share.social_rent.min'"), ==,
                   "0.29999999999999999");
  reloaded = wm_project_file_load (saved, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, reloaded));
}

/* tests/fixtures/project-v3.gpkg, written by format 3 (see tests/fixtures/README.md): its
 * proposals get the default return share, and one set now survives a save. */
static void
test_migrate_v3 (Fixture *fixture, gconstpointer data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "project-v3.gpkg",
                                                   NULL);
  g_autofree char *saved = g_build_filename (fixture->dir, "v4.gpkg", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = NULL;
  g_autoptr (WmPlan) reloaded = NULL;
  g_autoptr (WmScenario) scenario = NULL;
  g_autoptr (WmProposal) corner = NULL;
  GListModel *proposals;

  g_assert_cmpstr (query_text (source, "SELECT max(version) FROM wijkmix_schema"), ==, "3");
  plan = wm_project_file_load (source, &error);
  g_assert_no_error (error);
  scenario = g_list_model_get_item (wm_plan_get_scenarios (plan), 0);
  proposals = wm_scenario_get_proposals (scenario);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 8);
  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (WmProposal) proposal = g_list_model_get_item (proposals, i);

      g_assert_cmpfloat (wm_proposal_get_return_share (proposal), ==,
                         WM_PROPOSAL_DEFAULT_RETURN_SHARE);
    }
  corner = g_list_model_get_item (proposals, 7);
  g_assert_cmpstr (wm_proposal_get_id (corner), ==, "p-demolish-corner");
  wm_proposal_set_return_share (corner, 0.25);
  g_assert_true (wm_project_file_save (plan, saved, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (query_text (saved, "SELECT max(version) FROM wijkmix_schema"), ==,
                   G_STRINGIFY (WM_PROJECT_SCHEMA_VERSION));
  reloaded = wm_project_file_load (saved, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, reloaded));
}


/* tests/fixtures/project-v4.gpkg, written by format 4 (see tests/fixtures/README.md): areas
 * without figures, buildings of stated tenure, no context buildings and no addresses; saved it
 * is format 5 with the new tables registered, and equal. */
static void
test_migrate_v4 (Fixture *fixture, gconstpointer data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "project-v4.gpkg",
                                                   NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "v4.gpkg", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = NULL;
  g_autoptr (WmPlan) reloaded = NULL;
  g_autoptr (WmScenario) scenario = NULL;
  g_autoptr (WmProposal) last = NULL;
  g_autoptr (WmProjectFile) file = NULL;
  g_autoptr (WmProjectSnapshot) snapshot = NULL;
  GListModel *proposals;
  WmAreaFigures figures;

  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_true (g_file_set_contents (copy, contents, length, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (query_text (copy, "SELECT max(version) FROM wijkmix_schema"), ==, "4");
  exec_sql (copy, "CREATE TABLE addresses (x TEXT); INSERT INTO addresses VALUES ('theirs')");

  file = wm_project_file_new (copy);
  plan = wm_project_file_read (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (query_text (copy, "SELECT max(version) FROM wijkmix_schema"), ==, "4");
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_areas (plan)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_buildings (plan)), ==, 27);
  g_assert_cmpuint (wm_basemap_get_n_features (wm_plan_get_basemap (plan)), ==, 15);
  g_assert_cmpuint (wm_basemap_get_features (wm_plan_get_basemap (plan),
                                             WM_BASEMAP_BUILDING)->len, ==, 0);
  g_assert_cmpuint (wm_address_book_get_size (wm_plan_get_addresses (plan)), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (WmArea) area = g_list_model_get_item (wm_plan_get_areas (plan), i);

      g_assert_false (wm_area_get_figures (area, &figures));
    }
  for (guint i = 0; i < 27; i++)
    {
      g_autoptr (WmBuilding) building = g_list_model_get_item (wm_plan_get_buildings (plan), i);

      g_assert_cmpint (wm_building_get_tenure_source (building), ==, WM_TENURE_STATED);
      g_assert_nonnull (wm_building_get_area_id (building));
    }
  scenario = g_list_model_get_item (wm_plan_get_scenarios (plan), 0);
  proposals = wm_scenario_get_proposals (scenario);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 9);
  last = g_list_model_get_item (proposals, 8);
  g_assert_cmpstr (wm_proposal_get_id (last), ==, "p-demolish-return");
  g_assert_cmpfloat (wm_proposal_get_return_share (last), ==, 0.4);

  /* Saved through the same handle: a complete write in format 5 that keeps the other
   * program's "addresses" table. */
  snapshot = wm_project_snapshot_new (plan);
  g_assert_true (wm_project_file_write (file, snapshot, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (query_text (copy, "SELECT max(version) FROM wijkmix_schema"), ==,
                   G_STRINGIFY (WM_PROJECT_SCHEMA_VERSION));
  g_assert_cmpstr (query_text (copy, "SELECT x FROM addresses"), ==, "theirs");
  g_assert_cmpstr (query_text (copy, "SELECT count(*) FROM gpkg_contents WHERE table_name IN"
                                     " ('basemap_building', 'wijkmix_addresses')"), ==, "2");
  g_assert_cmpstr (query_text (copy, "SELECT count(*) FROM buildings WHERE tenure = 'stated'"),
                   ==, "27");
  g_assert_cmpstr (query_text (copy, "SELECT count(*) FROM areas WHERE has_figures = 0"
                                     " AND pct_owner IS NULL"), ==, "3");
  reloaded = wm_project_file_load (copy, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, reloaded));
}

/* Format 5: key figures, tenure sources, context buildings, addresses ------------------------ */

static WmPlan *
make_import_plan (void)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  g_autoptr (GPtrArray) areas = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) buildings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) features =
    g_ptr_array_new_with_free_func ((GDestroyNotify) wm_basemap_feature_unref);
  g_autoptr (GHashTable) addresses = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (WmAddressBook) book = NULL;
  g_autoptr (WmPlanBaseline) baseline = NULL;
  WmAreaFigures figures;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (WmGeometry) boundary = square (X0 + i * 100, Y0, 100);
      g_autofree char *id = g_strdup_printf ("BU0221010%u", i);

      g_ptr_array_add (areas, wm_area_new (id, "Buurt", boundary));
    }
  /* Some figures, some not available (CBS's -99997 and the like). */
  wm_area_figures_init (&figures);
  figures.pct_corporation_rent = 41.0;
  figures.pct_owner = 52.5;
  figures.dwellings = 1234;
  figures.mean_woz = 287;
  figures.year = 2023;
  wm_area_set_figures (areas->pdata[0], &figures);
  /* Figures, but all of them unavailable: not the same as none. */
  wm_area_figures_init (&figures);
  wm_area_set_figures (areas->pdata[1], &figures);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (WmGeometry) footprint = square (X0 + i * 100 + 40, Y0 + 40, 10);
      g_autofree char *id = g_strdup_printf ("022110000000000%u", i);
      WmBuilding *building = wm_building_new (id, footprint);
      WmDwellingMix mix = { { 3 + i, 0, 1, 0, 0 } };

      wm_building_set_dwellings (building, &mix);
      wm_building_set_tenure_source (building, (WmTenureSource) i);
      g_ptr_array_add (buildings, building);
    }
  {
    g_autoptr (WmGeometry) shed = square (X0 + 10, Y0 + 10, 4);
    g_autoptr (WmGeometry) water = square (X0 + 60, Y0 + 60, 4);

    g_ptr_array_add (features, wm_basemap_feature_new (WM_BASEMAP_BUILDING, "schuur", NULL, 0,
                                                       shed));
    g_ptr_array_add (features, wm_basemap_feature_new (WM_BASEMAP_WATER, NULL, NULL, 0, water));
  }
  g_hash_table_insert (addresses, "6871AB 12", "0221100000000000");
  g_hash_table_insert (addresses, "6871AB 12A-II", "0221100000000000");
  g_hash_table_insert (addresses, "6871AC 1", "0221100000000002");
  book = wm_address_book_new_from_table (addresses);
  wm_plan_baseline_assign_area_ids (areas, buildings);
  baseline = wm_plan_baseline_new_from_arrays (areas, buildings, NULL, features, book);
  wm_plan_set_baseline (plan, baseline);
  return g_steal_pointer (&plan);
}

static void
test_format_5 (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "import.gpkg", NULL);
  g_autoptr (WmPlan) plan = make_import_plan ();
  g_autoptr (WmPlan) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmArea) a0 = NULL, a1 = NULL, a2 = NULL;
  g_autoptr (WmBuilding) b2 = NULL;
  WmAreaFigures figures;

  g_assert_true (wm_project_file_save (plan, path, &error));
  g_assert_no_error (error);
  loaded = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, loaded));

  a0 = g_list_model_get_item (wm_plan_get_areas (loaded), 0);
  a1 = g_list_model_get_item (wm_plan_get_areas (loaded), 1);
  a2 = g_list_model_get_item (wm_plan_get_areas (loaded), 2);
  g_assert_true (wm_area_get_figures (a0, &figures));
  g_assert_cmpfloat (figures.pct_corporation_rent, ==, 41.0);
  g_assert_true (isnan (figures.pct_other_rent));
  g_assert_cmpfloat (figures.mean_woz, ==, 287);
  g_assert_cmpint (figures.year, ==, 2023);
  g_assert_true (wm_area_get_figures (a1, &figures));
  g_assert_true (isnan (figures.pct_owner));
  g_assert_false (wm_area_get_figures (a2, &figures));
  b2 = g_list_model_get_item (wm_plan_get_buildings (loaded), 2);
  g_assert_cmpint (wm_building_get_tenure_source (b2), ==, WM_TENURE_LISTED);
  g_assert_cmpuint (wm_basemap_get_features (wm_plan_get_basemap (loaded),
                                             WM_BASEMAP_BUILDING)->len, ==, 1);
  g_assert_cmpstr (wm_address_book_lookup (wm_plan_get_addresses (loaded), "6871AB 12A-II"), ==,
                   "0221100000000000");

  /* What other programs see: NULL for "not available", never CBS's -99997. */
  g_assert_null (query_text (path, "SELECT pct_other_rent FROM areas WHERE fid = 1"));
  g_assert_cmpstr (query_text (path, "SELECT has_figures FROM areas WHERE fid = 2"), ==, "1");
  g_assert_cmpstr (query_text (path, "SELECT count(*) FROM areas WHERE has_figures = 0"), ==, "1");
  g_assert_cmpstr (query_text (path, "SELECT group_concat(tenure) FROM buildings"), ==,
                   "stated,estimated,listed");
  g_assert_cmpstr (query_text (path, "SELECT data_type FROM gpkg_contents"
                                     " WHERE table_name = 'wijkmix_addresses'"), ==, "attributes");
  g_assert_cmpstr (query_text (path, "SELECT data_type FROM gpkg_contents"
                                     " WHERE table_name = 'basemap_building'"), ==, "features");
  g_assert_cmpstr (query_text (path, "SELECT count(*) FROM wijkmix_addresses"), ==, "3");

  /* A row another program appended out of key order is found too. */
  exec_sql (path, "INSERT INTO wijkmix_addresses (key, building_id)"
                  " VALUES ('1000AA 1', '0221100000000001')");
  {
    g_autoptr (WmPlan) again = wm_project_file_load (path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (wm_address_book_get_size (wm_plan_get_addresses (again)), ==, 4);
    g_assert_cmpstr (wm_address_book_lookup (wm_plan_get_addresses (again), "1000AA 1"), ==,
                     "0221100000000001");
    g_assert_cmpstr (wm_address_book_lookup (wm_plan_get_addresses (again), "6871AC 1"), ==,
                     "0221100000000002");
  }

  /* A stored tenure source this version does not know is refused, naming it. */
  exec_sql (path, "UPDATE buildings SET tenure = 'rumoured' WHERE fid = 2");
  {
    const char *needles[] = { "buildings", "rumoured", NULL };

    assert_load_fails (path, WM_PROJECT_FILE_ERROR_INVALID, needles);
  }
}

/* An incremental save after the baseline was replaced rewrites the baseline tables (addresses
 * included) and keeps other programs' tables. */
static void
test_format_5_incremental (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmProjectFile) file = wm_project_file_new (fixture->path);
  g_autoptr (WmPlan) plan = NULL;
  g_autoptr (WmPlan) import = make_import_plan ();
  g_autoptr (WmPlan) reloaded = NULL;
  g_autoptr (WmProjectSnapshot) snapshot = NULL;

  exec_sql (fixture->path, "CREATE TABLE other_program (x TEXT); INSERT INTO other_program"
                           " VALUES ('kept')");
  plan = wm_project_file_read (file, &error);
  g_assert_no_error (error);
  wm_plan_set_baseline (plan, wm_plan_get_baseline (import));
  snapshot = wm_project_snapshot_new (plan);
  g_assert_true (wm_project_file_write (file, snapshot, &error));
  g_assert_no_error (error);
  reloaded = wm_project_file_load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_plan_equal (plan, reloaded));
  g_assert_cmpstr (query_text (fixture->path, "SELECT x FROM other_program"), ==, "kept");
  g_assert_cmpstr (query_text (fixture->path, "SELECT count(*) FROM wijkmix_addresses"), ==, "3");
}

/* Performance -------------------------------------------------------------------------------- */

static void
test_large (void)
{
  g_autoptr (WmPlan) plan = make_plan (100000);
  g_autoptr (WmPlan) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.gpkg", NULL);
  gint64 start;
  double save_s, load_s;

  start = g_get_monotonic_time ();
  g_assert_true (wm_project_file_save (plan, path, &error));
  g_assert_no_error (error);
  save_s = (g_get_monotonic_time () - start) / 1e6;

  start = g_get_monotonic_time ();
  loaded = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  load_s = (g_get_monotonic_time () - start) / 1e6;

  g_test_message ("100,003 buildings: save %.2f s, load %.2f s", save_s, load_s);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_buildings (loaded)), ==, 100003);
  /* Speed is measured in bench/wijkmix-bench-save, not asserted here. */
  g_assert_true (wm_plan_equal (plan, loaded));

  remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

#define ADD(name, func, extra) \
  g_test_add ("/project-file/" name, Fixture, GUINT_TO_POINTER (extra), fixture_set_up, func, \
              fixture_tear_down)

  g_test_add_func ("/gpkg/blob/polygon", test_blob_polygon);
  g_test_add_func ("/gpkg/blob/point", test_blob_point);
  g_test_add_func ("/gpkg/blob/variants", test_blob_variants);
  ADD ("round-trip", test_round_trip, 0);
  ADD ("save-twice", test_save_twice, 0);
  ADD ("save-failure", test_save_failure, 0);
  ADD ("load-bytes", test_load_bytes, 0);
  ADD ("ogrinfo", test_ogrinfo, 0);
  ADD ("error/missing", test_missing, 0);
  ADD ("error/text-file", test_text_file, 0);
  ADD ("error/empty-file", test_empty_file, 0);
  ADD ("error/truncated", test_truncated, 600);
  ADD ("error/overwritten", test_overwritten, 600);
  ADD ("error/plain-sqlite", test_plain_sqlite, 0);
  ADD ("error/foreign-geopackage", test_foreign_geopackage, 0);
  ADD ("error/newer-version", test_newer_version, 0);
  ADD ("error/no-version", test_no_version, 0);
  ADD ("error/unknown-kind", test_unknown_kind, 0);
  ADD ("error/unknown-facility-type", test_unknown_facility_type, 0);
  ADD ("error/unknown-dwelling-type", test_unknown_dwelling_type, 0);
  ADD ("migrate/v1", test_migrate_v1, 0);
  ADD ("migrate/v3", test_migrate_v3, 0);
  ADD ("migrate/v4", test_migrate_v4, 0);
  ADD ("format-5", test_format_5, 0);
  ADD ("format-5/incremental", test_format_5_incremental, 0);
  ADD ("return-share/in-place", test_return_share_in_place, 0);
  ADD ("error/bad-return-share", test_bad_return_share, 0);
  ADD ("error/unknown-segment", test_unknown_segment, 0);
  ADD ("error/negative-dwellings", test_negative_dwellings, 0);
  ADD ("error/bad-geometry", test_bad_geometry, 0);
  ADD ("error/other-srs", test_other_srs, 0);
  g_test_add_func ("/project-file/large", test_large);

  return g_test_run ();
}
