/* test-export-vector.c: proposals and facilities as GeoPackage and GeoJSON, read back by GDAL */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "wm-core.h"
#include "wm-export-vector.h"
#include "wm-proposal-factory.h"
#include "wm-test-util.h"

static const char *const validate_scripts[] = {
  "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
  "/usr/share/doc/python3-gdal/examples/validate_gpkg.py",
};

/* GDAL's Python bindings read every layer back: fields, geometry type, CRS. */
static const char ogr_reader[] =
  "import json, sys\n"
  "from osgeo import ogr, osr\n"
  "ogr.UseExceptions()\n"
  "ds = ogr.Open(sys.argv[1])\n"
  "out = {}\n"
  "for layer in ds:\n"
  "    srs = layer.GetSpatialRef()\n"
  "    if srs is not None:\n"
  "        srs.AutoIdentifyEPSG()\n"
  "    feats = []\n"
  "    for f in layer:\n"
  "        g = f.GetGeometryRef()\n"
  "        d = {k: f.GetField(k) for k in f.keys()}\n"
  "        d['_geometry'] = g.GetGeometryName() if g is not None else None\n"
  "        d['_x'] = g.Centroid().GetX() if g is not None else None\n"
  "        d['_y'] = g.Centroid().GetY() if g is not None else None\n"
  "        feats.append(d)\n"
  "    out[layer.GetName()] = {'epsg': srs.GetAuthorityCode(None) if srs else None,\n"
  "                            'type': ogr.GeometryTypeToName(layer.GetGeomType()),\n"
  "                            'features': feats}\n"
  "print(json.dumps(out))\n";

typedef struct
{
  char *dir;
  WmPlan *plan;
  WmScenario *scenario;
} Fixture;

static WmProposal *
checked (WmProposal *proposal, GError *error)
{
  g_assert_no_error (error);
  g_assert_nonnull (proposal);
  return proposal;
}

/* Near Otterlo (RD): two buildings, a playground and a school; the plan converts, demolishes,
 * builds, adds a meeting place and closes the school. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGeometry) area_shape = wm_test_square (189900, 449900, 400);
  g_autoptr(WmArea) area = wm_area_new ("BU01", "Dorp", area_shape);
  g_autoptr(WmFacility) playground = wm_facility_new ("f-play", WM_FACILITY_PLAYGROUND, "Speeltuin",
                                                      190050, 450050);
  g_autoptr(WmFacility) school = wm_facility_new ("f-school", WM_FACILITY_SCHOOL, "De Wegwijzer",
                                                  190200, 450200);
  g_autoptr(WmGeometry) footprint = wm_test_square (190150, 450250, 30);
  WmDwellingMix mix = { { 0 } };
  WmProposal *p;

  f->plan = wm_plan_new ();
  f->scenario = wm_plan_get_active_scenario (f->plan);
  wm_plan_add_area (f->plan, area);
  wm_test_add_building (f->plan, "b-social", 190000, 450000, WM_SEGMENT_SOCIAL_RENT, 10);
  wm_test_add_building (f->plan, "b-owner", 190100, 450000, WM_SEGMENT_OWNER_EXPENSIVE, 8);
  wm_plan_add_facility (f->plan, playground);
  wm_plan_add_facility (f->plan, school);

  /* Added out of order: the layer lists them in the plan's (by year). */
  p = checked (wm_proposal_factory_demolish (f->plan, f->scenario,
                                             (const char *const[]) { "b-social", NULL }, 2027,
                                             &error), error);
  wm_proposal_set_name (p, "Sloop flat");
  /* The tenants move out a year before the demolition is done. */
  wm_proposal_set_start_year (p, 2026);
  wm_scenario_add_proposal (f->scenario, p);
  g_object_unref (p);
  p = checked (wm_proposal_factory_convert_tenure (f->plan, f->scenario, "b-owner",
                                                   WM_SEGMENT_OWNER_EXPENSIVE,
                                                   WM_SEGMENT_OWNER_AFFORDABLE, 4, 2026, &error),
               error);
  wm_scenario_add_proposal (f->scenario, p);
  g_object_unref (p);
  mix.counts[WM_SEGMENT_SOCIAL_RENT] = 6;
  mix.counts[WM_SEGMENT_MID_RENT] = 6;
  p = checked (wm_proposal_factory_new_build (f->plan, f->scenario, footprint, &mix,
                                              WM_DWELLING_TYPE_APARTMENT, 2028, &error), error);
  wm_proposal_set_name (p, "Nieuwbouw, \"Zuid\"");
  wm_proposal_set_note (p, "Met de corporatie – één plan");
  wm_scenario_add_proposal (f->scenario, p);
  g_object_unref (p);
  p = checked (wm_proposal_factory_add_facility (f->plan, f->scenario,
                                                 WM_FACILITY_COMMUNITY_CENTRE, 190300, 450100,
                                                 "Buurthuis", 2029, &error), error);
  wm_scenario_add_proposal (f->scenario, p);
  g_object_unref (p);
  p = checked (wm_proposal_factory_remove_facility (f->plan, f->scenario, "f-school", 2030,
                                                    &error), error);
  wm_scenario_add_proposal (f->scenario, p);
  g_object_unref (p);

  f->dir = g_dir_make_tmp ("wijkmix-export-vector-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  wm_test_remove_dir (f->dir);
  g_free (f->dir);
  g_object_unref (f->plan);
}

static char *
run (const char *const *argv, int *status)
{
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (*status, NULL))
    g_test_message ("%s: %s", argv[0], err);
  return out;
}

static JsonObject *
read_layers (const char *path, JsonNode **node)
{
  const char *argv[] = { "/usr/bin/python3", "-c", ogr_reader, path, NULL };
  int status;
  g_autofree char *out = run (argv, &status);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_spawn_check_wait_status (status, NULL));
  *node = json_from_string (out, &error);
  g_assert_no_error (error);
  return json_node_get_object (*node);
}

static JsonObject *
find_feature (JsonArray *features, const char *id)
{
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);

      if (g_strcmp0 (json_object_get_string_member (feature, "id"), id) == 0)
        return feature;
    }
  g_error ("no feature %s", id);
}

static const char *
text (JsonObject *feature, const char *field)
{
  return json_object_get_null_member (feature, field)
         ? NULL : json_object_get_string_member (feature, field);
}

static gint64
integer (JsonObject *feature, const char *field)
{
  g_assert_false (json_object_get_null_member (feature, field));
  return json_object_get_int_member (feature, field);
}

/* The attributes of the plan's proposals and facilities as the layers hold them. */
static void
check_attributes (Fixture *f, JsonArray *proposals, JsonArray *facilities, gboolean rd)
{
  GListModel *list = wm_scenario_get_proposals (f->scenario);
  const char *order[] = { NULL, NULL, NULL, NULL, NULL };
  JsonObject *feature;

  g_assert_cmpuint (json_array_get_length (proposals), ==, g_list_model_get_n_items (list));
  g_assert_cmpuint (json_array_get_length (proposals), ==, 5);
  /* Listed in the plan's order: by year. */
  for (guint i = 0; i < json_array_get_length (proposals); i++)
    {
      JsonObject *p = json_array_get_object_element (proposals, i);

      g_assert_cmpint (integer (p, "plan_order"), ==, i + 1);
      order[i] = text (p, "kind");
    }
  g_assert_cmpstr (order[0], ==, "convert_tenure");
  g_assert_cmpstr (order[1], ==, "demolish");
  g_assert_cmpstr (order[2], ==, "new_build");
  g_assert_cmpstr (order[3], ==, "add_facility");
  g_assert_cmpstr (order[4], ==, "remove_facility");

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (list, i);
      WmProposalKind kind = wm_proposal_get_kind (proposal);

      feature = find_feature (proposals, wm_proposal_get_id (proposal));
      g_assert_cmpstr (text (feature, "kind"), ==, wm_proposal_kind_key (kind));
      g_assert_cmpstr (text (feature, "name"), ==, wm_proposal_get_name (proposal));
      g_assert_cmpint (integer (feature, "year"), ==, wm_proposal_get_year (proposal));
      /* Next to it the start: the start year set, else the completion year. */
      g_assert_cmpint (integer (feature, "start_year"), ==,
                       kind == WM_PROPOSAL_DEMOLISH ? 2026 : wm_proposal_get_year (proposal));
      g_assert_cmpstr (text (feature, "scenario"), ==, "Plan");
      /* Every proposal has a place on the map: in a GeoPackage a facility proposal's is in
       * "facilities", the proposals layer holding areas only. */
      if (kind == WM_PROPOSAL_ADD_FACILITY || kind == WM_PROPOSAL_REMOVE_FACILITY)
        {
          g_assert_true (json_object_get_null_member (feature, "dwellings_before"));
          if (rd)
            g_assert_true (json_object_get_null_member (feature, "_geometry"));
          else
            g_assert_cmpstr (json_object_get_string_member (feature, "_geometry"), ==, "POINT");
        }
      else
        {
          g_assert_cmpint (integer (feature, "dwellings_after") -
                           integer (feature, "dwellings_before"), ==,
                           wm_dwelling_mix_total (wm_proposal_get_dwelling_delta (proposal)));
          g_assert_true (g_str_has_suffix (json_object_get_string_member (feature, "_geometry"),
                                           "POLYGON"));
          if (rd)
            g_assert_cmpstr (json_object_get_string_member (feature, "_geometry"), ==,
                             "MULTIPOLYGON");
        }
    }

  /* The conversion: 8 expensive before; 4 expensive and 4 affordable after, on b-owner. */
  feature = json_array_get_object_element (proposals, 0);
  g_assert_cmpstr (text (feature, "building_ids"), ==, "b-owner");
  g_assert_cmpint (integer (feature, "before_owner_expensive"), ==, 8);
  g_assert_cmpint (integer (feature, "after_owner_expensive"), ==, 4);
  g_assert_cmpint (integer (feature, "after_owner_affordable"), ==, 4);
  g_assert_cmpint (integer (feature, "dwellings_change"), ==, 0);
  /* The demolition: its building's footprint, 10 social rent gone. */
  feature = json_array_get_object_element (proposals, 1);
  g_assert_cmpstr (text (feature, "name"), ==, "Sloop flat");
  g_assert_cmpint (integer (feature, "before_social_rent"), ==, 10);
  g_assert_cmpint (integer (feature, "after_social_rent"), ==, 0);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (feature, "_geometry"), "POLYGON"));
  /* The new build: its footprint, names and notes as typed. */
  feature = json_array_get_object_element (proposals, 2);
  g_assert_cmpstr (text (feature, "name"), ==, "Nieuwbouw, \"Zuid\"");
  g_assert_cmpstr (text (feature, "note"), ==, "Met de corporatie – één plan");
  g_assert_cmpstr (text (feature, "dwelling_type"), ==, "apartment");
  g_assert_cmpint (integer (feature, "before_social_rent"), ==, 0);
  g_assert_cmpint (integer (feature, "after_social_rent"), ==, 6);
  g_assert_cmpint (integer (feature, "after_mid_rent"), ==, 6);
  if (rd)
    {
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (feature, "_x"), 190165,
                                      1e-6);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (feature, "_y"), 450265,
                                      1e-6);
    }
  else
    {
      /* WGS84 longitude, latitude (RFC 7946): around Otterlo. */
      g_assert_cmpfloat (json_object_get_double_member (feature, "_x"), >, 5.5);
      g_assert_cmpfloat (json_object_get_double_member (feature, "_x"), <, 6.2);
      g_assert_cmpfloat (json_object_get_double_member (feature, "_y"), >, 51.8);
      g_assert_cmpfloat (json_object_get_double_member (feature, "_y"), <, 52.3);
    }
  feature = json_array_get_object_element (proposals, 4);
  g_assert_cmpstr (text (feature, "facility_id"), ==, "f-school");

  /* Facilities: the baseline's with their status, and the one the plan adds. */
  g_assert_cmpuint (json_array_get_length (facilities), ==, 3);
  feature = find_feature (facilities, "f-play");
  g_assert_cmpstr (text (feature, "status"), ==, "existing");
  g_assert_cmpstr (text (feature, "type"), ==, "playground");
  g_assert_cmpstr (text (feature, "name"), ==, "Speeltuin");
  g_assert_cmpfloat (json_object_get_double_member (feature, "catchment_radius_m"), ==, 200);
  g_assert_null (text (feature, "proposal_id"));
  feature = find_feature (facilities, "f-school");
  g_assert_cmpstr (text (feature, "status"), ==, "removed");
  g_assert_cmpfloat (json_object_get_double_member (feature, "catchment_radius_m"), ==, 500);
  g_assert_cmpstr (text (feature, "proposal_id"), ==,
                   text (json_array_get_object_element (proposals, 4), "id"));
  feature = find_feature (facilities, text (json_array_get_object_element (proposals, 3), "id"));
  g_assert_cmpstr (text (feature, "status"), ==, "proposed");
  g_assert_cmpstr (text (feature, "type"), ==, "community_centre");
  g_assert_cmpstr (text (feature, "name"), ==, "Buurthuis");
  g_assert_cmpstr (json_object_get_string_member (feature, "_geometry"), ==, "POINT");
  if (rd)
    g_assert_cmpfloat (json_object_get_double_member (feature, "_x"), ==, 190300);
}

static void
test_gpkg (Fixture *f, gconstpointer data)
{
  g_autoptr(WmExportVector) vector = wm_export_vector_new (f->plan, NULL);
  g_autofree char *path = g_build_filename (f->dir, "plan.gpkg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *script = NULL;
  JsonObject *layers;
  int status;

  g_assert_cmpuint (wm_export_vector_get_n_proposals (vector), ==, 5);
  g_assert_cmpuint (wm_export_vector_get_n_facilities (vector), ==, 3);
  g_assert_true (wm_export_vector_write_gpkg (vector, path, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (validate_scripts) && script == NULL; i++)
    if (g_file_test (validate_scripts[i], G_FILE_TEST_EXISTS))
      script = validate_scripts[i];
  g_assert_nonnull (script);
  {
    const char *argv[] = { "/usr/bin/python3", script, path, NULL };
    g_autofree char *out = run (argv, &status);

    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (g_strstrip (out), ==, "");
  }
  {
    const char *argv[] = { "ogrinfo", "-ro", "-so", "-al", path, NULL };
    g_autofree char *out = run (argv, &status);

    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "Layer name: proposals"));
    g_assert_nonnull (strstr (out, "Layer name: facilities"));
    g_assert_nonnull (strstr (strstr (out, "Layer name: proposals"), "Feature Count: 5"));
    g_assert_nonnull (strstr (strstr (out, "Layer name: facilities"), "Feature Count: 3"));
  }

  layers = read_layers (path, &node);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (layers,
                                                                                 "proposals"),
                                                  "epsg"), ==, "28992");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (layers,
                                                                                 "facilities"),
                                                  "epsg"), ==, "28992");
  /* One geometry type per layer, as QGIS wants it. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (layers,
                                                                                 "proposals"),
                                                  "type"), ==, "Multi Polygon");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (layers,
                                                                                 "facilities"),
                                                  "type"), ==, "Point");
  check_attributes (f,
                    json_object_get_array_member (json_object_get_object_member (layers,
                                                                                 "proposals"),
                                                  "features"),
                    json_object_get_array_member (json_object_get_object_member (layers,
                                                                                 "facilities"),
                                                  "features"),
                    TRUE);
}

static void
test_geojson (Fixture *f, gconstpointer data)
{
  g_autoptr(WmExportVector) vector = wm_export_vector_new (f->plan, f->scenario);
  g_autofree char *path = g_build_filename (f->dir, "plan.geojson", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(JsonArray) proposals = json_array_new ();
  g_autoptr(JsonArray) facilities = json_array_new ();
  JsonObject *layers, *layer;
  JsonArray *features;
  int status;

  g_assert_true (wm_export_vector_write_geojson (vector, path, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { "ogrinfo", "-ro", "-so", "-al", path, NULL };
    g_autofree char *out = run (argv, &status);

    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "Feature Count: 8"));
  }

  /* RFC 7946: plain JSON, a FeatureCollection without a "crs" member. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  parsed = json_from_string (contents, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (parsed), "type"), ==,
                   "FeatureCollection");
  g_assert_false (json_object_has_member (json_node_get_object (parsed), "crs"));

  layers = read_layers (path, &node);
  g_assert_cmpuint (json_object_get_size (layers), ==, 1);
  layer = json_object_get_object_member (layers, "wijkmix");
  g_assert_cmpstr (json_object_get_string_member (layer, "epsg"), ==, "4326");
  features = json_object_get_array_member (layer, "features");
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);
      const char *kind = json_object_get_string_member (feature, "layer");

      json_array_add_object_element (g_str_equal (kind, "proposals") ? proposals : facilities,
                                     json_object_ref (feature));
    }
  check_attributes (f, proposals, facilities, FALSE);
}

/* A failed write leaves nothing: no file, no temporary file, the old file as it was. */
static void
test_failure_keeps_target (Fixture *f, gconstpointer data)
{
  g_autoptr(WmExportVector) vector = wm_export_vector_new (f->plan, NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "plan.gpkg", NULL);
  g_autofree char *folder_target = g_build_filename (f->dir, "taken.gpkg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;

  g_assert_false (wm_export_vector_write_gpkg (vector, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* A folder in the way is named, and left alone. */
  g_assert_cmpint (g_mkdir (folder_target, 0700), ==, 0);
  g_assert_false (wm_export_vector_write_geojson (vector, folder_target, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, folder_target));
  g_assert_true (g_file_test (folder_target, G_FILE_TEST_IS_DIR));
  g_rmdir (folder_target);

  dir = g_dir_open (f->dir, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add ("/export-vector/gpkg", Fixture, NULL, fixture_set_up, test_gpkg,
              fixture_tear_down);
  g_test_add ("/export-vector/geojson", Fixture, NULL, fixture_set_up, test_geojson,
              fixture_tear_down);
  g_test_add ("/export-vector/failure", Fixture, NULL, fixture_set_up, test_failure_keeps_target,
              fixture_tear_down);
  return g_test_run ();
}
