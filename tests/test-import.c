/* test-import.c: probing a source, recognising it, reading it (also in a worker, with progress
 * and cancellation) and applying it to a plan as one undoable step */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "wm-core.h"
#include "wm-document.h"
#include "wm-import.h"
#include "wm-import-layers.h"
#include "wm-test-util.h"

/* Otterlo, in RD New. */
#define X0 185000.0
#define Y0 449000.0

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->dir = g_dir_make_tmp ("wijkmix-import-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

/* Writes a GeoJSON FeatureCollection in RD New with @features (comma-separated features). */
static char *
write_geojson (Fixture    *f,
               const char *name,
               const char *features)
{
  g_autofree char *text = g_strdup_printf (
    "{\"type\": \"FeatureCollection\", \"name\": \"%s\", \"crs\": {\"type\": \"name\", "
    "\"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::28992\"}}, \"features\": [%s]}",
    name, features);
  char *path = g_strdup_printf ("%s/%s.geojson", f->dir, name);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static char *
point_feature (const char *properties,
               double      x,
               double      y)
{
  return g_strdup_printf ("{\"type\": \"Feature\", \"properties\": {%s}, \"geometry\": "
                          "{\"type\": \"Point\", \"coordinates\": [%.1f, %.1f]}}",
                          properties, x, y);
}

static char *
square_feature (const char *properties,
                double      x,
                double      y,
                double      size)
{
  return g_strdup_printf ("{\"type\": \"Feature\", \"properties\": {%s}, \"geometry\": "
                          "{\"type\": \"Polygon\", \"coordinates\": [[[%.1f, %.1f], [%.1f, %.1f], "
                          "[%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f]]]}}",
                          properties, x, y, x + size, y, x + size, y + size, x, y + size, x, y);
}

/* Three facilities in Dutch, English and by key; the third lies east of the areas below. */
static char *
write_facilities (Fixture *f)
{
  g_autofree char *a = point_feature ("\"soort\": \"Speeltuin\", \"naam\": \"De Wip\"",
                                      X0 + 50, Y0 + 50);
  g_autofree char *b = point_feature ("\"soort\": \"Community centre\", \"naam\": \"Het Hart\"",
                                      X0 + 150, Y0 + 50);
  g_autofree char *c = point_feature ("\"soort\": \"shop\", \"naam\": \"Spar\"",
                                      X0 + 1000, Y0 + 50);
  g_autofree char *features = g_strjoin (", ", a, b, c, NULL);

  return write_geojson (f, "voorzieningen", features);
}

/* Two areas side by side, 100 m each; @prefix "buurt" makes them CBS-like, "gebieds" plain. */
static char *
write_areas_with (Fixture    *f,
                  const char *prefix)
{
  g_autofree char *pa = g_strdup_printf ("\"%scode\": \"BU0001\", \"%snaam\": \"West\"",
                                         prefix, prefix);
  g_autofree char *pb = g_strdup_printf ("\"%scode\": \"BU0002\", \"%snaam\": \"Oost\"",
                                         prefix, prefix);
  g_autofree char *a = square_feature (pa, X0, Y0, 100);
  g_autofree char *b = square_feature (pb, X0 + 100, Y0, 100);
  g_autofree char *features = g_strjoin (", ", a, b, NULL);

  return write_geojson (f, "buurten", features);
}

static char *
write_areas (Fixture *f)
{
  return write_areas_with (f, "gebieds");
}

static void
test_as_keys (void)
{
  WmImportAs as;

  for (WmImportAs a = WM_IMPORT_AS_AUTO; a <= WM_IMPORT_AS_TENURE; a++)
    {
      g_assert_true (wm_import_as_from_key (wm_import_as_key (a), &as));
      g_assert_cmpint (as, ==, a);
    }
  g_assert_cmpstr (wm_import_as_key (WM_IMPORT_AS_BASEMAP), ==, "basemap");
  g_assert_false (wm_import_as_from_key ("Buildings", &as));
  g_assert_false (wm_import_as_from_key ("", &as));
}

static void
test_facility_types (void)
{
  const struct
  {
    const char *text;
    WmFacilityType type;
  } cases[] = {
    { "playground", WM_FACILITY_PLAYGROUND }, { "Speeltuin", WM_FACILITY_PLAYGROUND },
    { "SPEELPLEK", WM_FACILITY_PLAYGROUND }, { "community_centre", WM_FACILITY_COMMUNITY_CENTRE },
    { "Community centre", WM_FACILITY_COMMUNITY_CENTRE },
    { "  buurthuis ", WM_FACILITY_COMMUNITY_CENTRE },
    { "health-centre", WM_FACILITY_HEALTH_CENTRE }, { "Huisarts", WM_FACILITY_HEALTH_CENTRE },
    { "Sports facility", WM_FACILITY_SPORTS }, { "sporthal", WM_FACILITY_SPORTS },
    { "Winkel", WM_FACILITY_SHOP }, { "bibliotheek", WM_FACILITY_LIBRARY },
    { "Gemeenschappelijke tuin", WM_FACILITY_SHARED_GARDEN },
    { "meeting spot", WM_FACILITY_MEETING_SPOT }, { "basisschool", WM_FACILITY_SCHOOL },
  };
  WmFacilityType type;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (wm_import_facility_type_from_text (cases[i].text, &type));
      g_assert_cmpint (type, ==, cases[i].type);
    }
  g_assert_false (wm_import_facility_type_from_text ("kerk", &type));
  g_assert_false (wm_import_facility_type_from_text ("", &type));
  g_assert_false (wm_import_facility_type_from_text ("shop'; DROP TABLE facility; --", &type));
}

static void
test_probe (Fixture      *f,
            gconstpointer data)
{
  g_autofree char *path = write_facilities (f);
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "nothing.gpkg", NULL);
  WmImportLayerInfo *info;

  layers = wm_import_probe (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  info = g_ptr_array_index (layers, 0);
  g_assert_cmpstr (info->layer, ==, "voorzieningen");
  g_assert_cmpint (info->n_features, ==, 3);
  g_assert_true (g_strv_contains ((const char *const *) info->fields, "soort"));
  g_assert_true (g_strv_contains ((const char *const *) info->fields, "naam"));
  /* A plain point layer is not recognised as anything: the user says what it is. */
  g_assert_cmpint (info->as, ==, WM_IMPORT_AS_AUTO);
  g_assert_cmpint (info->basemap_class, ==, -1);
  g_assert_nonnull (info->missing_roles);
  g_assert_cmpuint (g_strv_length (info->missing_roles), ==, 0);

  g_assert_null (wm_import_probe (missing, &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The BGT zip: every base map layer recognised with its class. */
  {
    g_autofree char *bgt = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                  "otterlo-bgt-2020.zip", NULL);
    g_autoptr(GPtrArray) bgt_layers = wm_import_probe (bgt, &error);
    gboolean road = FALSE, water = FALSE;

    g_assert_no_error (error);
    g_assert_cmpuint (bgt_layers->len, >, 5);
    for (guint i = 0; i < bgt_layers->len; i++)
      {
        WmImportLayerInfo *layer = g_ptr_array_index (bgt_layers, i);

        g_test_message ("%s: %s %d (%" G_GINT64_FORMAT ")", layer->layer,
                        wm_import_as_key (layer->as), layer->basemap_class, layer->n_features);
        if (layer->as == WM_IMPORT_AS_BASEMAP && layer->basemap_class == WM_BASEMAP_ROAD)
          road = TRUE;
        if (layer->as == WM_IMPORT_AS_BASEMAP && layer->basemap_class == WM_BASEMAP_WATER)
          water = TRUE;
      }
    g_assert_true (road);
    g_assert_true (water);
  }
}

static void
test_recognition (Fixture      *f,
                  gconstpointer data)
{
  g_autofree char *path = write_facilities (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) result = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  g_autoptr(WmFieldMapping) mapping = wm_field_mapping_new ();

  /* Nothing recognises it and no --as: the message names the file and what to pass. */
  g_assert_null (wm_import_read (path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_UNKNOWN_KIND);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "voorzieningen"));
  g_assert_nonnull (strstr (error->message, "--as"));
  g_clear_error (&error);

  /* A layer that is not there. */
  options.as = WM_IMPORT_AS_FACILITIES;
  options.layer = "scholen";
  g_assert_null (wm_import_read (path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NO_LAYER);
  g_assert_nonnull (strstr (error->message, "scholen"));
  g_assert_nonnull (strstr (error->message, "voorzieningen"));
  g_clear_error (&error);

  /* A role the chosen kind does not have is a slip, not ignored. */
  options.layer = NULL;
  wm_field_mapping_set (mapping, "dwellings", "soort");
  options.mapping = mapping;
  g_assert_null (wm_import_read (path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_FIELDS);
  g_assert_nonnull (strstr (error->message, "dwellings"));
  g_assert_nonnull (strstr (error->message, "type"));
  g_clear_error (&error);

  /* A layer with CBS's buurtcode is recognised as areas. */
  {
    g_autofree char *cbs = write_areas_with (f, "buurt");
    WmImportOptions automatic = WM_IMPORT_OPTIONS_INIT;
    g_autoptr(GPtrArray) layers = wm_import_probe (cbs, &error);
    WmImportLayerInfo *info;

    g_assert_no_error (error);
    info = g_ptr_array_index (layers, 0);
    g_assert_cmpint (info->as, ==, WM_IMPORT_AS_AREAS);
    result = wm_import_read (cbs, &automatic, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->areas->len, ==, 2);
    g_clear_pointer (&result, wm_import_result_free);
  }

  /* --as facilities reads it. */
  options.mapping = NULL;
  result = wm_import_read (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->facilities->len, ==, 3);
}

static void
test_facilities (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *path = write_facilities (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) result = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  WmFacility *facility;
  WmPoint point;

  options.as = WM_IMPORT_AS_FACILITIES;
  result = wm_import_read (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->facilities->len, ==, 3);
  g_assert_cmpuint (wm_import_result_get_n_items (result), ==, 3);
  facility = g_ptr_array_index (result->facilities, 0);
  g_assert_cmpint (wm_facility_get_facility_type (facility), ==, WM_FACILITY_PLAYGROUND);
  g_assert_cmpstr (wm_facility_get_name (facility), ==, "De Wip");
  point = wm_facility_get_location (facility);
  g_assert_cmpfloat_with_epsilon (point.x, X0 + 50, 1e-6);
  g_assert_cmpfloat_with_epsilon (point.y, Y0 + 50, 1e-6);
  facility = g_ptr_array_index (result->facilities, 1);
  g_assert_cmpint (wm_facility_get_facility_type (facility), ==, WM_FACILITY_COMMUNITY_CENTRE);
  facility = g_ptr_array_index (result->facilities, 2);
  g_assert_cmpint (wm_facility_get_facility_type (facility), ==, WM_FACILITY_SHOP);
  /* Ids are unique per layer and feature. */
  g_assert_cmpstr (wm_facility_get_id (g_ptr_array_index (result->facilities, 0)), !=,
                   wm_facility_get_id (g_ptr_array_index (result->facilities, 1)));
}

static void
test_facilities_bad (Fixture      *f,
                     gconstpointer data)
{
  g_autofree char *a = point_feature ("\"soort\": \"Speeltuin\"", X0, Y0);
  g_autofree char *b = point_feature ("\"soort\": \"Kerk'); DROP TABLE x; --\"", X0, Y0);
  g_autofree char *features = g_strjoin (", ", a, b, NULL);
  g_autofree char *path = write_geojson (f, "kerken", features);
  g_autofree char *c = point_feature ("\"categorie\": \"school\"", X0, Y0);
  g_autofree char *line = g_strdup_printf (
    "{\"type\": \"Feature\", \"properties\": {\"type\": \"school\"}, \"geometry\": "
    "{\"type\": \"LineString\", \"coordinates\": [[%.1f, %.1f], [%.1f, %.1f]]}}",
    X0, Y0, X0 + 10, Y0);
  g_autofree char *untyped = write_geojson (f, "zonder", c);
  g_autofree char *lines = write_geojson (f, "lijnen", line);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmFieldMapping) mapping = wm_field_mapping_new ();
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;

  options.as = WM_IMPORT_AS_FACILITIES;
  /* An unknown kind names file, layer, feature and the kinds there are. */
  g_assert_null (wm_import_read (path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "kerken"));
  g_assert_nonnull (strstr (error->message, "Kerk'); DROP TABLE x; --"));
  g_assert_nonnull (strstr (error->message, "playground"));
  g_assert_nonnull (strstr (error->message, "meeting_spot"));
  g_clear_error (&error);

  /* "categorie" is a candidate for the type. */
  {
    g_autoptr(WmImportResult) result = wm_import_read (untyped, &options, NULL, NULL, NULL,
                                                       &error);

    g_assert_no_error (error);
    g_assert_cmpuint (result->facilities->len, ==, 1);
  }
  /* A --field naming a field that is not there. */
  wm_field_mapping_set (mapping, "type", "soort");
  options.mapping = mapping;
  g_assert_null (wm_import_read (untyped, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_FIELDS);
  g_assert_nonnull (strstr (error->message, "soort"));
  g_assert_nonnull (strstr (error->message, "categorie"));
  g_clear_error (&error);
  options.mapping = NULL;

  /* A line is no facility. */
  g_assert_null (wm_import_read (lines, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NO_GEOMETRY);
  g_assert_nonnull (strstr (error->message, "lijnen"));
  g_clear_error (&error);

  /* An empty layer. */
  {
    g_autofree char *empty = write_geojson (f, "leeg", "");

    g_assert_null (wm_import_read (empty, &options, NULL, NULL, NULL, &error));
    g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY);
    g_assert_nonnull (strstr (error->message, "leeg"));
  }
}

static void
test_areas (Fixture      *f,
            gconstpointer data)
{
  g_autofree char *path = write_areas (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) result = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  const char *const only_oost[] = { "Oost", NULL };
  const char *const nothing[] = { "BU9999", NULL };
  WmArea *area;

  options.as = WM_IMPORT_AS_AREAS;
  result = wm_import_read (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->areas->len, ==, 2);
  area = g_ptr_array_index (result->areas, 0);
  g_assert_cmpstr (wm_area_get_id (area), ==, "BU0001");
  g_assert_cmpstr (wm_area_get_name (area), ==, "West");
  g_assert_cmpint (wm_area_get_boundary (area)->kind, ==, WM_GEOMETRY_MULTIPOLYGON);
  g_assert_cmpfloat_with_epsilon (wm_geometry_area (wm_area_get_boundary (area)), 10000.0, 1e-3);
  g_clear_pointer (&result, wm_import_result_free);

  /* --area picks by code or name. */
  options.area_codes = only_oost;
  result = wm_import_read (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->areas->len, ==, 1);
  g_assert_cmpstr (wm_area_get_id (g_ptr_array_index (result->areas, 0)), ==, "BU0002");
  g_clear_pointer (&result, wm_import_result_free);

  options.area_codes = nothing;
  g_assert_null (wm_import_read (path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "BU9999"));
  g_clear_error (&error);

  /* Points are no areas. */
  {
    g_autofree char *points = write_facilities (f);

    options.area_codes = NULL;
    g_assert_null (wm_import_read (points, &options, NULL, NULL, NULL, &error));
    g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NO_GEOMETRY);
  }
}

/* A document on a plan with one building and a playground, as both runs build it. */
static WmDocument *
make_document (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();

  wm_plan_set_name (plan, "Test");
  wm_test_add_building (plan, "b-1", X0 + 20, Y0 + 20, WM_SEGMENT_SOCIAL_RENT, 10);
  wm_plan_add_facility (plan, wm_facility_new ("voorzieningen-0", WM_FACILITY_SCHOOL, "Oud",
                                               X0 + 10, Y0 + 90));
  return wm_document_new (plan, NULL);
}

static WmImportResult *
read_as (const char *path,
         WmImportAs  as)
{
  g_autoptr(GError) error = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  WmImportResult *result;

  options.as = as;
  result = wm_import_read (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return result;
}

static void
test_apply_undo (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *areas_path = write_areas (f);
  g_autofree char *facilities_path = write_facilities (f);
  g_autoptr(WmDocument) document = make_document ();
  g_autoptr(WmDocument) before = make_document ();
  g_autoptr(WmImportResult) areas = read_as (areas_path, WM_IMPORT_AS_AREAS);
  g_autoptr(WmImportResult) facilities = read_as (facilities_path, WM_IMPORT_AS_FACILITIES);
  g_autoptr(WmTestSignalWatch) changed = NULL;
  g_autoptr(GError) error = NULL;
  WmPlan *plan = wm_document_get_plan (document);
  WmHistory *history = wm_document_get_history (document);
  g_autoptr(WmBuilding) building = NULL;

  g_assert_true (wm_plan_equal (plan, wm_document_get_plan (before)));

  changed = wm_test_signal_watch_new (plan, "changed");
  g_assert_true (wm_import_apply (document, areas, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wm_test_signal_watch_get_count (changed), ==, 1);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Undo Import “buurten.geojson”");
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_areas (plan)), ==, 2);
  /* The building now lies in an area. */
  building = g_list_model_get_item (wm_plan_get_buildings (plan), 0);
  g_assert_cmpstr (wm_building_get_area_id (building), ==, "BU0001");

  /* Facilities into a plan with areas: the one east of them is left out, with a note. */
  g_assert_true (wm_import_apply (document, facilities, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wm_test_signal_watch_get_count (changed), ==, 2);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_facilities (plan)), ==, 2);
  g_assert_cmpuint (facilities->facilities->len, ==, 2);
  g_assert_cmpuint (facilities->notes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (facilities->notes, 0), "1 facility"));
  /* The plan's facility had the id of the first imported one (the same layer and feature
   * read before): replaced. */
  g_assert_cmpint (wm_facility_get_facility_type (wm_plan_find_facility (plan,
                                                                         "voorzieningen-0")),
                   ==, WM_FACILITY_PLAYGROUND);

  /* Undo twice: exactly the plan before. */
  g_assert_true (wm_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_facilities (plan)), ==, 1);
  g_assert_true (wm_history_undo (history));
  g_assert_true (wm_plan_equal (plan, wm_document_get_plan (before)));
  g_assert_true (wm_history_redo (history));
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_areas (plan)), ==, 2);
}

static void
test_apply_replaces (Fixture      *f,
                     gconstpointer data)
{
  g_autofree char *areas_path = write_areas (f);
  g_autoptr(WmDocument) document = make_document ();
  g_autoptr(WmImportResult) first = read_as (areas_path, WM_IMPORT_AS_AREAS);
  g_autoptr(WmImportResult) again = read_as (areas_path, WM_IMPORT_AS_AREAS);
  g_autoptr(GError) error = NULL;
  WmPlan *plan = wm_document_get_plan (document);

  g_assert_true (wm_import_apply (document, first, &error));
  /* The same areas again replace them (same ids): still two. */
  g_assert_true (wm_import_apply (document, again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_areas (plan)), ==, 2);

  /* Facilities read twice: the same plan. */
  {
    g_autofree char *path = write_facilities (f);
    g_autoptr(WmImportResult) once = read_as (path, WM_IMPORT_AS_FACILITIES);
    g_autoptr(WmImportResult) twice = read_as (path, WM_IMPORT_AS_FACILITIES);

    g_assert_true (wm_import_apply (document, once, &error));
    g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_facilities (plan)), ==, 2);
    g_assert_true (wm_import_apply (document, twice, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_facilities (plan)), ==, 2);
  }
}

static WmBuilding *estimated_building (const char *id, double x, double y, int count);

static gboolean
has_note (WmImportResult *result,
          const char     *note)
{
  for (guint i = 0; i < result->notes->len; i++)
    if (g_str_equal (g_ptr_array_index (result->notes, i), note))
      return TRUE;
  return FALSE;
}

static void
test_clip (Fixture      *f,
           gconstpointer data)
{
  g_autofree char *areas_path = write_areas (f);
  g_autoptr(WmDocument) document = make_document ();
  g_autoptr(WmImportResult) areas = read_as (areas_path, WM_IMPORT_AS_AREAS);
  g_autoptr(GError) error = NULL;
  WmPlan *plan = wm_document_get_plan (document);
  WmBounds clip = { 1, 2, 3, 4 };

  /* No areas: nothing is clipped, and @out is left alone. */
  g_assert_false (wm_import_default_clip (plan, &clip));
  g_assert_cmpfloat (clip.min_x, ==, 1);
  g_assert_true (wm_import_apply (document, areas, &error));
  g_assert_true (wm_import_default_clip (plan, &clip));
  g_assert_cmpfloat_with_epsilon (clip.min_x, X0 - 250, 1e-6);
  g_assert_cmpfloat_with_epsilon (clip.min_y, Y0 - 250, 1e-6);
  g_assert_cmpfloat_with_epsilon (clip.max_x, X0 + 200 + 250, 1e-6);
  g_assert_cmpfloat_with_epsilon (clip.max_y, Y0 + 100 + 250, 1e-6);

  /* Buildings: the one whose centroid lies in no area is left out, with a note. */
  {
    g_autoptr(WmImportResult) result = wm_import_result_new ("/data/panden.gpkg");
    g_autoptr(WmTestSignalWatch) changed = wm_test_signal_watch_new (plan, "changed");

    g_ptr_array_add (result->buildings, estimated_building ("0000000000000010", X0 + 150,
                                                            Y0 + 40, 4));
    g_ptr_array_add (result->buildings, estimated_building ("0000000000000011", X0 + 400,
                                                            Y0 + 40, 4));
    g_assert_true (wm_import_apply (document, result, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (wm_test_signal_watch_get_count (changed), ==, 1);
    g_assert_nonnull (wm_plan_find_building (plan, "0000000000000010"));
    g_assert_null (wm_plan_find_building (plan, "0000000000000011"));
    g_assert_cmpuint (result->buildings->len, ==, 1);
    g_assert_true (has_note (result, "1 building lies outside the project's areas and was left "
                                     "out"));
  }

  /* Facilities that all lie outside the areas: an error, and the plan as it was. */
  {
    g_autofree char *far = point_feature ("\"soort\": \"school\"", X0 + 5000, Y0);
    g_autofree char *path = write_geojson (f, "ver", far);
    g_autoptr(WmImportResult) result = read_as (path, WM_IMPORT_AS_FACILITIES);
    g_autoptr(WmTestSignalWatch) changed = wm_test_signal_watch_new (plan, "changed");
    guint n_undo = wm_history_get_n_undo (wm_document_get_history (document));

    g_assert_false (wm_import_apply (document, result, &error));
    g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_OUTSIDE);
    g_assert_nonnull (strstr (error->message, "ver.geojson"));
    g_assert_cmpuint (wm_test_signal_watch_get_count (changed), ==, 0);
    g_assert_cmpuint (wm_history_get_n_undo (wm_document_get_history (document)), ==, n_undo);
    g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_facilities (plan)), ==, 1);
  }
}

static WmBuilding *
estimated_building (const char *id,
                    double      x,
                    double      y,
                    int         count)
{
  g_autoptr(WmGeometry) footprint = wm_test_square (x, y, 20);
  WmBuilding *building = wm_building_new (id, footprint);
  WmDwellingMix mix = { { 0 } };

  /* As importers give a count without segments. */
  mix.counts[WM_SEGMENT_SOCIAL_RENT] = count;
  wm_building_set_dwellings (building, &mix);
  wm_building_set_tenure_source (building, WM_TENURE_ESTIMATED);
  return building;
}

/* A plan area drawn after the data came in (the window's "draw the boundary"): the plan's own
 * buildings, facilities and base map outside it go, in the same undoable step. */
static void
test_clip_plan (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(WmDocument) document = wm_document_new (plan, NULL);
  g_autoptr(WmImportResult) data = wm_import_result_new ("/data/stad.gpkg");
  g_autoptr(WmImportResult) area = wm_import_result_new ("Plan area");
  g_autoptr(WmGeometry) square = wm_test_square (X0, Y0, 100);
  g_autoptr(WmGeometry) boundary = wm_geometry_to_multipolygon (square);
  g_autoptr(WmGeometry) long_road = wm_test_square (X0 - 1000, Y0 - 1000, 3000);
  g_autoptr(WmGeometry) far_field = wm_test_square (X0 + 5000, Y0, 50);
  g_autoptr(WmTestSignalWatch) changed = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *roads;

  g_ptr_array_add (data->buildings, estimated_building ("0000000000000001", X0, Y0, 4));
  g_ptr_array_add (data->buildings, estimated_building ("0000000000000002", X0 + 3000, Y0, 4));
  g_ptr_array_add (data->facilities, wm_facility_new ("f-in", WM_FACILITY_SCHOOL, "In", X0 + 50,
                                                        Y0 + 50));
  g_ptr_array_add (data->facilities,
                   wm_facility_new ("f-out", WM_FACILITY_SCHOOL, "Out", X0 + 3000, Y0));
  g_ptr_array_add (data->basemap,
                   wm_basemap_feature_new (WM_BASEMAP_ROAD, "rijbaan lokale weg", NULL, 0, long_road));
  g_ptr_array_add (data->basemap,
                   wm_basemap_feature_new (WM_BASEMAP_GREEN, "grasland overig", NULL, 0, far_field));
  g_assert_true (wm_import_apply (document, data, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_buildings (plan)), ==, 2);

  g_ptr_array_add (area->areas, wm_area_new ("plangebied", "Plan area", boundary));
  area->clip_plan = TRUE;
  changed = wm_test_signal_watch_new (plan, "changed");
  g_assert_true (wm_import_apply (document, area, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wm_test_signal_watch_get_count (changed), ==, 1);
  g_assert_nonnull (wm_plan_find_building (plan, "0000000000000001"));
  g_assert_null (wm_plan_find_building (plan, "0000000000000002"));
  g_assert_nonnull (wm_plan_find_facility (plan, "f-in"));
  g_assert_null (wm_plan_find_facility (plan, "f-out"));
  /* The road is cut to the area plus 250 m, the far field is gone. */
  roads = wm_basemap_get_features (wm_plan_get_basemap (plan), WM_BASEMAP_ROAD);
  g_assert_cmpuint (roads->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (((WmBasemapFeature *) roads->pdata[0])->geometry->bounds.min_x,
                                  X0 - 250, 1e-3);
  g_assert_cmpfloat_with_epsilon (((WmBasemapFeature *) roads->pdata[0])->geometry->bounds.max_x,
                                  X0 + 100 + 250, 1e-3);
  g_assert_cmpuint (wm_basemap_get_features (wm_plan_get_basemap (plan), WM_BASEMAP_GREEN)->len,
                    ==, 0);
  g_assert_true (has_note (area, "Outside the plan area, left out of the plan: 1 buildings, "
                                 "1 facilities and 1 base map features"));

  /* One undo brings it all back. */
  g_assert_true (wm_history_undo (wm_document_get_history (document)));
  g_assert_nonnull (wm_plan_find_building (plan, "0000000000000002"));
  g_assert_nonnull (wm_plan_find_facility (plan, "f-out"));
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_areas (plan)), ==, 0);
  g_assert_cmpuint (wm_basemap_get_features (wm_plan_get_basemap (plan), WM_BASEMAP_GREEN)->len,
                    ==, 1);
}

static void
test_apply_tenure (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(WmDocument) document = wm_document_new (plan, NULL);
  g_autoptr(WmImportResult) registers = wm_import_result_new ("/data/bag.gpkg");
  g_autoptr(WmImportResult) list = wm_import_result_new ("/data/lijst.csv");
  g_autoptr(WmImportResult) wrong = wm_import_result_new ("/data/fout.csv");
  g_autoptr(WmGeometry) square = wm_test_square (X0, Y0, 100);
  g_autoptr(WmGeometry) boundary = wm_geometry_to_multipolygon (square);
  g_autoptr(WmArea) area = wm_area_new ("BU0001", "West", boundary);
  g_autoptr(GError) error = NULL;
  WmAreaFigures figures;
  WmTenureRecord *record;
  WmBuilding *building;
  const WmDwellingMix *mix;
  guint n_undo;

  wm_area_figures_init (&figures);
  figures.pct_corporation_rent = 60;
  figures.pct_other_rent = 40;
  figures.pct_owner = 0;
  figures.year = 2022;
  wm_area_set_figures (area, &figures);
  g_ptr_array_add (registers->areas, g_object_ref (area));
  g_ptr_array_add (registers->buildings, estimated_building ("0000000000000001", X0 + 10,
                                                             Y0 + 10, 10));
  g_ptr_array_add (registers->buildings, estimated_building ("0000000000000002", X0 + 50,
                                                             Y0 + 50, 5));
  g_hash_table_insert (registers->addresses, g_strdup ("1234AB 12"),
                       g_strdup ("0000000000000002"));
  registers->attribution = g_strdup ("BAG: Kadaster, CC0");

  /* The estimate follows the area's figures: 60 % corporation (social) and 40 % other
   * landlords (private rent) of 15 dwellings. */
  g_assert_true (wm_import_apply (document, registers, &error));
  g_assert_no_error (error);
  building = wm_plan_find_building (plan, "0000000000000001");
  g_assert_cmpint (wm_building_get_tenure_source (building), ==, WM_TENURE_ESTIMATED);
  g_assert_cmpint (wm_building_get_n_dwellings (building), ==, 10);
  {
    WmDwellingMix total = wm_plan_get_baseline_dwellings (plan, NULL);

    g_assert_cmpint (total.counts[WM_SEGMENT_SOCIAL_RENT], ==, 9);
    g_assert_cmpint (total.counts[WM_SEGMENT_PRIVATE_RENT], ==, 6);
  }
  g_assert_cmpstr (wm_plan_get_attribution (plan), ==, "BAG: Kadaster, CC0");

  /* The corporation's list: one row by pand id, one by address; they win over the estimate. */
  record = g_new0 (WmTenureRecord, 1);
  record->building_id = g_strdup ("0000000000000001");
  record->mix.counts[WM_SEGMENT_MID_RENT] = 10;
  record->row = 2;
  g_ptr_array_add (list->tenure_records, record);
  record = g_new0 (WmTenureRecord, 1);
  record->address_key = g_strdup ("1234AB 12");
  record->mix.counts[WM_SEGMENT_SOCIAL_RENT] = 5;
  record->row = 3;
  g_ptr_array_add (list->tenure_records, record);
  list->attribution = g_strdup ("BAG: Kadaster, CC0");
  g_assert_true (wm_import_apply (document, list, &error));
  g_assert_no_error (error);
  building = wm_plan_find_building (plan, "0000000000000001");
  mix = wm_building_get_dwellings (building);
  g_assert_cmpint (wm_building_get_tenure_source (building), ==, WM_TENURE_LISTED);
  g_assert_cmpint (mix->counts[WM_SEGMENT_MID_RENT], ==, 10);
  g_assert_cmpint (wm_building_get_n_dwellings (building), ==, 10);
  building = wm_plan_find_building (plan, "0000000000000002");
  g_assert_cmpint (wm_building_get_tenure_source (building), ==, WM_TENURE_LISTED);
  g_assert_cmpint (wm_building_get_dwellings (building)->counts[WM_SEGMENT_SOCIAL_RENT], ==, 5);
  /* The attribution line is there once. */
  g_assert_cmpstr (wm_plan_get_attribution (plan), ==, "BAG: Kadaster, CC0");

  /* A row naming no building of the project fails the whole import, naming the row. */
  record = g_new0 (WmTenureRecord, 1);
  record->building_id = g_strdup ("0000000000000099");
  record->row = 7;
  g_ptr_array_add (wrong->tenure_records, record);
  n_undo = wm_history_get_n_undo (wm_document_get_history (document));
  g_assert_false (wm_import_apply (document, wrong, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == WM_IMPORT_ERROR);
  g_assert_nonnull (strstr (error->message, "fout.csv"));
  g_assert_nonnull (strstr (error->message, "row 7"));
  g_assert_nonnull (strstr (error->message, "0000000000000099"));
  g_assert_cmpuint (wm_history_get_n_undo (wm_document_get_history (document)), ==, n_undo);
}

/* The Otterlo BGT (tests/fixtures) into a plan with one area: recognised without --as, the
 * base map clipped to the area plus 250 m, in one step. */
static void
test_basemap_clip (Fixture      *f,
                   gconstpointer data)
{
  g_autofree char *bgt = g_test_build_filename (G_TEST_DIST, "fixtures", "otterlo-bgt-2020.zip",
                                                NULL);
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(WmDocument) document = wm_document_new (plan, NULL);
  g_autoptr(WmGeometry) square = wm_test_square (181000, 457000, 500);
  g_autoptr(WmGeometry) boundary = wm_geometry_to_multipolygon (square);
  g_autoptr(WmImportResult) areas = wm_import_result_new ("/data/kern.geojson");
  g_autoptr(WmImportResult) result = NULL;
  g_autoptr(WmTestSignalWatch) changed = NULL;
  g_autoptr(GError) error = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  WmBounds clip;
  guint n;

  g_ptr_array_add (areas->areas, wm_area_new ("A1", "Kern", boundary));
  g_assert_true (wm_import_apply (document, areas, &error));
  g_assert_true (wm_import_default_clip (plan, &clip));
  options.clip = &clip;
  result = wm_import_read (bgt, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  n = result->basemap->len;
  g_assert_cmpuint (n, >, 100);
  for (guint i = 0; i < n; i++)
    {
      WmBasemapFeature *feature = g_ptr_array_index (result->basemap, i);

      g_assert_true (wm_bounds_intersects (&feature->geometry->bounds, &clip));
      /* Clipped, not only filtered: nothing reaches beyond the clip. */
      g_assert_cmpfloat (feature->geometry->bounds.min_x, >=, clip.min_x - 1e-6);
      g_assert_cmpfloat (feature->geometry->bounds.max_y, <=, clip.max_y + 1e-6);
    }
  changed = wm_test_signal_watch_new (plan, "changed");
  g_assert_true (wm_import_apply (document, result, &error));
  g_assert_no_error (error);
  /* One "changed" for the baseline and the BGT's attribution line, in one step. */
  g_assert_cmpuint (wm_test_signal_watch_get_count (changed), ==, 1);
  g_assert_nonnull (strstr (wm_plan_get_attribution (plan), "BGT"));
  g_assert_cmpuint (wm_history_get_n_undo (wm_document_get_history (document)), ==, 2);
  g_assert_cmpuint (wm_basemap_get_n_features (wm_plan_get_basemap (plan)), ==, n);

  /* The same again: nothing is added twice. */
  {
    g_autoptr(WmImportResult) again = wm_import_read (bgt, &options, NULL, NULL, NULL, &error);
    g_autofree char *note = g_strdup_printf ("%u base map features were in the project already",
                                             n);

    g_assert_no_error (error);
    g_assert_true (wm_import_apply (document, again, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (wm_basemap_get_n_features (wm_plan_get_basemap (plan)), ==, n);
    g_assert_true (has_note (again, note));
    g_assert_true (wm_history_undo (wm_document_get_history (document)));
  }

  g_assert_true (wm_history_undo (wm_document_get_history (document)));
  g_assert_cmpuint (wm_basemap_get_n_features (wm_plan_get_basemap (plan)), ==, 0);
  /* Undo takes the attribution of the data it removes too. */
  g_assert_null (strstr (wm_plan_get_attribution (plan) != NULL ? wm_plan_get_attribution (plan) : "",
                         "BGT"));
}

/* 5,000 facilities: enough for the importer's cancellation checks and for progress. */
static char *
write_many_facilities (Fixture *f)
{
  g_autoptr(GString) features = g_string_new (NULL);

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *feature = point_feature ("\"type\": \"playground\"", X0 + (i % 100),
                                                Y0 + (i / 100));

      g_string_append_printf (features, "%s%s", i > 0 ? ", " : "", feature);
    }
  return write_geojson (f, "veel", features->str);
}

typedef struct
{
  GMainContext *context;
  GCancellable *cancel_at_first; /* cancelled by the first progress call, or NULL */
  guint n_calls;
  double last;
  gboolean monotonic;
  gboolean on_main;
  gboolean done;
  WmImportResult *result;
  GError *error;
} AsyncRun;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AsyncRun *run = user_data;

  run->n_calls++;
  if (fraction < run->last)
    run->monotonic = FALSE;
  run->last = fraction;
  if (!g_main_context_is_owner (run->context))
    run->on_main = FALSE;
  if (run->cancel_at_first != NULL)
    g_cancellable_cancel (run->cancel_at_first);
}

static void
on_read (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->result = wm_import_read_finish (res, &run->error);
  run->done = TRUE;
}

static void
test_async (Fixture      *f,
            gconstpointer data)
{
  g_autofree char *path = write_many_facilities (f);
  AsyncRun run = { g_main_context_default (), NULL, 0, 0.0, TRUE, TRUE, FALSE, NULL, NULL };
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  g_autoptr(WmImportResult) result = NULL;
  guint n_calls;

  options.as = WM_IMPORT_AS_FACILITIES;
  wm_import_read_async (path, &options, on_progress, &run, NULL, on_read, &run);
  wm_test_wait_for_flag (&run.done, "the import");
  result = run.result;
  g_assert_no_error (run.error);
  g_assert_cmpuint (result->facilities->len, ==, 5000);
  /* Progress came on the caller's context, in order, coalesced: never more calls than
   * 0.5 % steps. */
  g_assert_true (run.on_main);
  g_assert_true (run.monotonic);
  g_assert_cmpuint (run.n_calls, <=, 201);
  /* No call after the result was delivered. */
  n_calls = run.n_calls;
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (run.n_calls, ==, n_calls);
}

/* Cancels from the reading thread's first progress report. */
static void
cancel_on_progress (double   fraction,
                    gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture      *f,
             gconstpointer data)
{
  g_autofree char *path = write_many_facilities (f);
  g_autoptr(WmDocument) document = make_document ();
  g_autoptr(WmDocument) before = make_document ();
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;

  options.as = WM_IMPORT_AS_FACILITIES;

  /* Cancelled before: nothing is read. */
  {
    g_autoptr(GCancellable) cancelled = g_cancellable_new ();

    g_cancellable_cancel (cancelled);
    g_assert_null (wm_import_read (path, &options, NULL, NULL, cancelled, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* Cancelled while reading: the importer stops at its next check. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_assert_null (wm_import_read (path, &options, cancel_on_progress, cancellable, cancellable,
                                   &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* In the worker, cancelled right after the start: cancelled whatever the worker got to. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    AsyncRun run = { g_main_context_default (), NULL, 0, 0.0, TRUE, TRUE, FALSE, NULL, NULL };

    wm_import_read_async (path, &options, on_progress, &run, cancellable, on_read, &run);
    g_cancellable_cancel (cancellable);
    wm_test_wait_for_flag (&run.done, "the cancelled import");
    g_assert_null (run.result);
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&run.error);
  }

  /* Nothing reached the plan. */
  g_assert_true (wm_plan_equal (wm_document_get_plan (document), wm_document_get_plan (before)));
  g_assert_cmpuint (wm_history_get_n_undo (wm_document_get_history (document)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add_func ("/import/as-keys", test_as_keys);
  g_test_add_func ("/import/facility-types", test_facility_types);
  g_test_add_func ("/import/apply-tenure", test_apply_tenure);
  g_test_add_func ("/import/clip-plan", test_clip_plan);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/probe", test_probe);
  ADD ("/import/recognition", test_recognition);
  ADD ("/import/facilities", test_facilities);
  ADD ("/import/facilities-bad", test_facilities_bad);
  ADD ("/import/areas", test_areas);
  ADD ("/import/apply-undo", test_apply_undo);
  ADD ("/import/apply-replaces", test_apply_replaces);
  ADD ("/import/clip", test_clip);
  ADD ("/import/basemap-clip", test_basemap_clip);
  ADD ("/import/async", test_async);
  ADD ("/import/cancel", test_cancel);
#undef ADD
  return g_test_run ();
}
