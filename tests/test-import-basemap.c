/* test-import-basemap.c: BGT, OpenStreetMap and plain layers as the project's base map
 *
 * Expected counts come from GDAL's own tools (ogrinfo, ogr2ogr) on the same files at test
 * time, never from numbers typed here.
 */
#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>
#include <string.h>

#include "wm-core.h"
#include "wm-import-basemap.h"

/* A pand of the Otterlo extract without house-number labels, current (no eindRegistratie). */
#define KNOWN_PAND "228100000038968"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("wm-basemap-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  GDir *d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  if (d != NULL)
    g_dir_close (d);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
bgt_zip (void)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "otterlo-bgt-2020.zip", NULL);
}

/* Runs a GDAL tool; its standard output. */
static char *
run (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return g_steal_pointer (&out);
}

/* What GDAL itself counts as current in @layer of @gml: no end date, status "bestaand" (or
 * none), reading past broken features as the importer does. */
static gint64
ogrinfo_current_count (WmOgrSource *source, guint layer, const char *gml)
{
  const char *const *fields = wm_ogr_source_get_field_names (source, layer);
  g_autoptr (GString) where = g_string_new ("1 = 1");
  g_autofree char *sql = NULL;
  g_autofree char *out = NULL;
  const char *at;

  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (g_str_equal (fields[i], "eindRegistratie") || g_str_equal (fields[i], "terminationDate"))
        g_string_append_printf (where, " AND \"%s\" IS NULL", fields[i]);
      if (g_str_equal (fields[i], "bgt-status"))
        g_string_append (where, " AND (\"bgt-status\" IS NULL OR \"bgt-status\" IN "
                                "('bestaand', 'geenWaarde', 'waardeOnbekend'))");
    }
  sql = g_strdup_printf ("SELECT COUNT(*) FROM \"%s\" WHERE %s",
                         wm_ogr_source_get_layer_name (source, layer), where->str);
  out = run ((const char *const[]) { "ogrinfo", "-ro", "-q", "--config",
                                     "GML_SKIP_CORRUPTED_FEATURES", "YES", gml, "-sql", sql, NULL });
  at = strstr (out, "COUNT_* (Integer) = ");
  g_assert_nonnull (at);
  return g_ascii_strtoll (at + strlen ("COUNT_* (Integer) = "), NULL, 10);
}

static WmImportResult *
import (const WmImporter *importer, const char *path, const WmImportOptions *options,
        GError **error)
{
  g_autoptr (WmOgrSource) source = wm_ogr_source_open (path, error);
  g_autoptr (WmImportResult) result = NULL;

  if (source == NULL)
    return NULL;
  result = wm_import_result_new (path);
  if (!importer->read (source, options, result, NULL, NULL, NULL, error))
    return NULL;
  return g_steal_pointer (&result);
}

static guint
count_class (WmImportResult *result, WmBasemapClass klass)
{
  guint n = 0;

  for (guint i = 0; i < result->basemap->len; i++)
    n += ((WmBasemapFeature *) g_ptr_array_index (result->basemap, i))->klass == klass;
  return n;
}

static const struct
{
  const char *file;
  WmBasemapClass klass;
} bgt_layers[] = {
  { "bgt_pand", WM_BASEMAP_BUILDING },
  { "bgt_wegdeel", WM_BASEMAP_ROAD },
  { "bgt_ondersteunendwegdeel", WM_BASEMAP_ROAD },
  { "bgt_overbruggingsdeel", WM_BASEMAP_ROAD },
  { "bgt_waterdeel", WM_BASEMAP_WATER },
  { "bgt_ondersteunendwaterdeel", WM_BASEMAP_WATER },
  { "bgt_begroeidterreindeel", WM_BASEMAP_GREEN },
  { "bgt_onbegroeidterreindeel", WM_BASEMAP_TERRAIN },
  { "bgt_openbareruimtelabel", WM_BASEMAP_LABEL },
};

/* Every base map layer of the zip, read alone, gives as many features as GDAL counts current
 * ones; together they are the whole import, and the other layers are named as skipped. */
static void
test_bgt_zip_counts (void)
{
  g_autofree char *zip = bgt_zip ();
  g_autoptr (GError) error = NULL;
  g_autoptr (WmOgrSource) source = wm_ogr_source_open (zip, &error);
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  g_autoptr (WmImportResult) all = NULL;
  guint sum = 0;
  gboolean noted_skip = FALSE;

  g_assert_no_error (error);
  g_assert_true (wm_bgt_importer.recognise (source, &options));

  all = import (&wm_bgt_importer, zip, &options, &error);
  g_assert_no_error (error);

  for (guint l = 0; l < G_N_ELEMENTS (bgt_layers); l++)
    {
      g_autofree char *gml = g_strdup_printf ("/vsizip/%s/%s.gml", zip, bgt_layers[l].file);
      g_autoptr (WmImportResult) one = NULL;
      WmImportOptions only = WM_IMPORT_OPTIONS_INIT;
      gint64 expected = -1;

      for (guint i = 0; i < wm_ogr_source_get_n_layers (source); i++)
        if (g_str_equal (wm_ogr_source_get_layer_file (source, i), bgt_layers[l].file))
          {
            g_assert_cmpint (wm_import_basemap_recognise_layer (source, i), ==, bgt_layers[l].klass);
            expected = ogrinfo_current_count (source, i, gml);
          }
      g_assert_cmpint (expected, >, 0);

      only.layer = bgt_layers[l].file;
      one = import (&wm_bgt_importer, zip, &only, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < one->notes->len; i++)
        g_test_message ("%s", (char *) g_ptr_array_index (one->notes, i));
      g_test_message ("%s: %u features, ogrinfo counts %" G_GINT64_FORMAT " current",
                      bgt_layers[l].file, one->basemap->len, expected);
      g_assert_cmpint (one->basemap->len, ==, expected);
      g_assert_cmpuint (count_class (one, bgt_layers[l].klass), ==, one->basemap->len);
      sum += one->basemap->len;
    }
  g_assert_cmpuint (all->basemap->len, ==, sum);
  g_assert_nonnull (all->attribution);
  for (guint i = 0; i < all->notes->len; i++)
    {
      const char *note = g_ptr_array_index (all->notes, i);
      if (strstr (note, "skipped") != NULL && strstr (note, "bgt_scheiding (") != NULL &&
          strstr (note, "bgt_kunstwerkdeel (") != NULL)
        noted_skip = TRUE;
    }
  g_assert_true (noted_skip);
}

/* Footprint of the known pand as GDAL reads it from the original file (RD New). */
static OGRGeometryH
known_pand_footprint (const char *zip)
{
  g_autofree char *gml = g_strdup_printf ("/vsizip/%s/bgt_pand.gml", zip);
  GDALDatasetH ds = GDALOpenEx (gml, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  OGRLayerH layer;
  OGRFeatureH feature;
  OGRGeometryH geometry;

  g_assert_nonnull (ds);
  layer = GDALDatasetGetLayer (ds, 0);
  OGR_L_SetAttributeFilter (layer, "identificatieBAGPND = " KNOWN_PAND " AND eindRegistratie IS NULL");
  feature = OGR_L_GetNextFeature (layer);
  g_assert_nonnull (feature);
  geometry = OGR_G_Clone (OGR_F_GetGeometryRef (feature));
  g_assert_cmpint (wkbFlatten (OGR_G_GetGeometryType (geometry)), ==, wkbMultiPolygon);
  OGR_F_Destroy (feature);
  GDALClose (ds);
  return geometry;
}

static const WmBasemapFeature *
nearest_building (WmImportResult *result, double x, double y, double *out_distance)
{
  const WmBasemapFeature *best = NULL;
  double best_d = INFINITY;

  for (guint i = 0; i < result->basemap->len; i++)
    {
      const WmBasemapFeature *f = g_ptr_array_index (result->basemap, i);
      WmPoint c;

      if (f->klass != WM_BASEMAP_BUILDING)
        continue;
      c = wm_geometry_centroid (f->geometry);
      if (hypot (c.x - x, c.y - y) < best_d)
        {
          best_d = hypot (c.x - x, c.y - y);
          best = f;
        }
    }
  *out_distance = best_d;
  return best;
}

/* The known pand: in the BGT import where GDAL has it; exported to WGS84 GeoJSON by ogr2ogr and
 * imported again, within 1 m of its RD position. */
static void
test_bgt_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *zip = bgt_zip ();
  g_autofree char *gml = g_strdup_printf ("/vsizip/%s/bgt_pand.gml", zip);
  g_autofree char *geojson = g_build_filename (f->dir, "bgt_pand.geojson", NULL);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmImportResult) bgt = NULL;
  g_autoptr (WmImportResult) back = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  OGRGeometryH footprint = known_pand_footprint (zip);
  OGRGeometryH centroid = OGR_G_CreateGeometry (wkbPoint);
  const WmBasemapFeature *found;
  double x, y, d, area;

  OGR_G_Centroid (footprint, centroid);
  x = OGR_G_GetX (centroid, 0);
  y = OGR_G_GetY (centroid, 0);
  area = OGR_G_Area (footprint);
  OGR_G_DestroyGeometry (centroid);
  OGR_G_DestroyGeometry (footprint);

  options.layer = "bgt_pand";
  bgt = import (&wm_bgt_importer, zip, &options, &error);
  g_assert_no_error (error);
  found = nearest_building (bgt, x, y, &d);
  g_assert_nonnull (found);
  g_assert_cmpfloat (d, <, 0.01);
  g_assert_cmpfloat_with_epsilon (wm_geometry_area (found->geometry), area, 0.01);

  /* The pand file names no CRS: RD New is what BGT is in. */
  out = run ((const char *const[]) { "ogr2ogr", "-f", "GeoJSON", "-s_srs", "EPSG:28992", "-t_srs",
                                     "EPSG:4326", "-where",
                                     "identificatieBAGPND = " KNOWN_PAND " AND eindRegistratie IS NULL",
                                     geojson, gml, NULL });
  options.layer = NULL;
  back = import (&wm_layer_basemap_importer, geojson, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->basemap->len, ==, 1);
  found = nearest_building (back, x, y, &d);
  g_assert_nonnull (found);
  g_test_message ("round trip through WGS84: %.4f m", d);
  g_assert_cmpfloat (d, <, 1.0);
  g_assert_cmpfloat (fabs (wm_geometry_area (found->geometry) - area), <, 0.01 * area);
}

/* The pand file holds label points of house numbers too: every current pand still comes out as
 * its footprint, none as a point. */
static void
test_bgt_pand_footprints (void)
{
  g_autofree char *zip = bgt_zip ();
  g_autoptr (GError) error = NULL;
  g_autoptr (WmImportResult) result = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;

  options.layer = "bgt_pand";
  result = import (&wm_bgt_importer, zip, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->basemap->len, >, 1000);
  for (guint i = 0; i < result->basemap->len; i++)
    {
      const WmBasemapFeature *feature = g_ptr_array_index (result->basemap, i);
      g_assert_true (feature->geometry->kind == WM_GEOMETRY_POLYGON ||
                     feature->geometry->kind == WM_GEOMETRY_MULTIPOLYGON);
      g_assert_cmpfloat (wm_geometry_area (feature->geometry), >, 1.0);
    }
}

/* Green polygons carry the BGT class the green-space indicator reads, labels their street name
 * and angle. */
static void
test_bgt_kinds (void)
{
  g_autofree char *zip = bgt_zip ();
  g_autoptr (GError) error = NULL;
  g_autoptr (WmImportResult) result = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  gboolean farmland = FALSE, park = FALSE, dorpsstraat = FALSE, cycle = FALSE, paved = FALSE;

  result = import (&wm_bgt_importer, zip, &options, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < result->basemap->len; i++)
    {
      const WmBasemapFeature *f = g_ptr_array_index (result->basemap, i);

      if (f->klass == WM_BASEMAP_GREEN)
        {
          farmland |= g_strcmp0 (f->kind, "bouwland") == 0;
          park |= g_strcmp0 (f->kind, "groenvoorziening") == 0;
        }
      if (f->klass == WM_BASEMAP_ROAD)
        cycle |= g_strcmp0 (f->kind, "fietspad") == 0;
      if (f->klass == WM_BASEMAP_TERRAIN)
        paved |= g_strcmp0 (f->kind, "gesloten verharding") == 0;
      if (f->klass == WM_BASEMAP_LABEL)
        {
          g_assert_nonnull (f->text);
          g_assert_cmpint (f->geometry->kind, ==, WM_GEOMETRY_POINT);
          g_assert_cmpfloat (fabs (f->angle), <=, 360.0);
          dorpsstraat |= g_strcmp0 (f->text, "Dorpsstraat") == 0;
        }
    }
  g_assert_true (farmland && park && cycle && paved && dorpsstraat);
}

/* Only what lies in the clip bounds, cut to them. */
static void
test_bgt_clip (void)
{
  g_autofree char *zip = bgt_zip ();
  g_autoptr (GError) error = NULL;
  g_autoptr (WmImportResult) whole = NULL;
  g_autoptr (WmImportResult) clipped = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  WmBounds clip = { 180500, 456800, 181000, 457300 };

  options.layer = "bgt_wegdeel";
  whole = import (&wm_bgt_importer, zip, &options, &error);
  g_assert_no_error (error);
  options.clip = &clip;
  clipped = import (&wm_bgt_importer, zip, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clipped->basemap->len, >, 0);
  g_assert_cmpuint (clipped->basemap->len, <, whole->basemap->len);
  for (guint i = 0; i < clipped->basemap->len; i++)
    {
      const WmBounds *b = &((WmBasemapFeature *) g_ptr_array_index (clipped->basemap, i))->geometry->bounds;
      g_assert_cmpfloat (b->min_x, >=, clip.min_x - 0.01);
      g_assert_cmpfloat (b->max_x, <=, clip.max_x + 0.01);
      g_assert_cmpfloat (b->min_y, >=, clip.min_y - 0.01);
      g_assert_cmpfloat (b->max_y, <=, clip.max_y + 0.01);
    }
}

/* A GeoPackage made from the zip (as the shared extract is) imports the same. */
static void
test_bgt_geopackage (Fixture *f, gconstpointer data)
{
  g_autofree char *zip = bgt_zip ();
  g_autofree char *gml = g_strdup_printf ("/vsizip/%s/bgt_waterdeel.gml", zip);
  g_autofree char *gpkg = g_build_filename (f->dir, "bgt.gpkg", NULL);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmImportResult) from_zip = NULL;
  g_autoptr (WmImportResult) from_gpkg = NULL;
  g_autoptr (WmOgrSource) source = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;

  out = run ((const char *const[]) { "ogr2ogr", "-f", "GPKG", "-nln", "bgt_waterdeel", "-nlt",
                                     "CONVERT_TO_LINEAR", gpkg, gml, NULL });
  source = wm_ogr_source_open (gpkg, &error);
  g_assert_no_error (error);
  g_assert_true (wm_bgt_importer.recognise (source, &options));
  g_clear_pointer (&source, wm_ogr_source_free);

  from_gpkg = import (&wm_bgt_importer, gpkg, &options, &error);
  g_assert_no_error (error);
  options.layer = "bgt_waterdeel";
  from_zip = import (&wm_bgt_importer, zip, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_gpkg->basemap->len, ==, from_zip->basemap->len);
  g_assert_cmpuint (count_class (from_gpkg, WM_BASEMAP_WATER), ==, from_gpkg->basemap->len);
}

/* With the layer renamed (ogr2ogr -nln) and the file named plainly, the IMGeo attributes tell
 * the class. */
static void
test_recognise_attributes (Fixture *f, gconstpointer data)
{
  g_autofree char *zip = bgt_zip ();

  for (guint l = 0; l < G_N_ELEMENTS (bgt_layers); l++)
    {
      g_autofree char *gml = g_strdup_printf ("/vsizip/%s/%s.gml", zip, bgt_layers[l].file);
      g_autofree char *name = g_strdup_printf ("laag%u", l);
      g_autofree char *path = g_strdup_printf ("%s/%s.geojson", f->dir, name);
      g_autofree char *out = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (WmOgrSource) source = NULL;

      if (bgt_layers[l].klass == WM_BASEMAP_ROAD && l > 1)
        continue; /* one road layer is enough; the bridge has no road function */
      out = run ((const char *const[]) { "ogr2ogr", "--config", "GML_SKIP_CORRUPTED_FEATURES",
                                         "YES", "-f", "GeoJSON", "-a_srs", "EPSG:28992",
                                         "-nln", name, path, gml, NULL });
      source = wm_ogr_source_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (wm_ogr_source_get_layer_name (source, 0), ==, name);
      g_test_message ("%s renamed %s", bgt_layers[l].file, name);
      g_assert_cmpint (wm_import_basemap_recognise_layer (source, 0), ==, bgt_layers[l].klass);
    }
}

static const char plain_geojson[] =
  "{\"type\":\"FeatureCollection\",\"features\":["
  "{\"type\":\"Feature\",\"properties\":{\"foo\":\"a\"},\"geometry\":{\"type\":\"Polygon\","
  "\"coordinates\":[[[5.7700,52.1000],[5.7703,52.1000],[5.7703,52.1002],[5.7700,52.1002],"
  "[5.7700,52.1000]]]}},"
  "{\"type\":\"Feature\",\"properties\":{\"foo\":\"b\"},\"geometry\":{\"type\":\"Polygon\","
  "\"coordinates\":[[[5.7710,52.1000],[5.7713,52.1000],[5.7713,52.1002],[5.7710,52.1000]]]}}]}";

/* A layer nothing tells about: the error asks for --basemap; forcing a class reads it. */
static void
test_unknown_and_forced (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "laag.geojson", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmImportResult) result = NULL;
  g_autoptr (WmOgrSource) source = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;

  g_assert_true (g_file_set_contents (path, plain_geojson, -1, NULL));
  source = wm_ogr_source_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_import_basemap_recognise_layer (source, 0), ==, -1);
  g_assert_false (wm_bgt_importer.recognise (source, &options));
  g_assert_false (wm_osm_importer.recognise (source, &options));

  result = import (&wm_layer_basemap_importer, path, &options, &error);
  g_assert_null (result);
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_UNKNOWN_KIND);
  g_assert_nonnull (strstr (error->message, "laag.geojson"));
  g_assert_nonnull (strstr (error->message, "--basemap road|water|green|terrain|building|label"));
  g_clear_error (&error);

  options.basemap_class = WM_BASEMAP_GREEN;
  result = import (&wm_layer_basemap_importer, path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->basemap->len, ==, 2);
  g_assert_cmpuint (count_class (result, WM_BASEMAP_GREEN), ==, 2);
  g_clear_pointer (&result, wm_import_result_free);

  /* Forcing wins over the name too: BGT water taken as terrain. */
  {
    g_autofree char *zip = bgt_zip ();

    options.basemap_class = WM_BASEMAP_TERRAIN;
    options.layer = "bgt_ondersteunendwaterdeel";
    result = import (&wm_bgt_importer, zip, &options, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->basemap->len, >, 0);
    g_assert_cmpuint (count_class (result, WM_BASEMAP_TERRAIN), ==, result->basemap->len);
  }
}

static void
test_cancel (void)
{
  g_autofree char *zip = bgt_zip ();
  g_autoptr (GError) error = NULL;
  g_autoptr (WmOgrSource) source = wm_ogr_source_open (zip, &error);
  g_autoptr (WmImportResult) result = wm_import_result_new (zip);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;

  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (wm_bgt_importer.read (source, &options, result, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The OSM fixture (a few streets and houses in Otterlo): buildings as footprints, streets as
 * polygons of their class's width, the meadow as farmland green. */
static void
test_osm (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "otterlo-osm.osm.pbf", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmOgrSource) source = wm_ogr_source_open (path, &error);
  g_autoptr (WmImportResult) result = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  gboolean residential = FALSE, cycleway = FALSE, meadow = FALSE, park = FALSE;

  g_assert_no_error (error);
  g_assert_true (wm_osm_importer.recognise (source, &options));
  g_assert_false (wm_bgt_importer.recognise (source, &options));
  result = import (&wm_osm_importer, path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_class (result, WM_BASEMAP_BUILDING), ==, 3);
  g_assert_cmpuint (count_class (result, WM_BASEMAP_ROAD), ==, 3);
  for (guint i = 0; i < result->basemap->len; i++)
    {
      const WmBasemapFeature *f = g_ptr_array_index (result->basemap, i);

      g_assert_true (f->geometry->kind == WM_GEOMETRY_POLYGON ||
                     f->geometry->kind == WM_GEOMETRY_MULTIPOLYGON);
      /* Near the Otterlo church (RD 180900, 457100). */
      g_assert_cmpfloat (fabs (f->geometry->bounds.min_x - 180900), <, 1500);
      g_assert_cmpfloat (fabs (f->geometry->bounds.min_y - 457100), <, 1500);
      if (f->klass == WM_BASEMAP_ROAD)
        {
          /* Area over half the outline is the width of a long buffered line (a bit less for
           * the round ends): residential 6 m and tertiary 7 m, the cycle path 2.5 m. */
          double area = wm_geometry_area (f->geometry);
          double perimeter = 0, width;

          for (guint p = 0; p < f->geometry->n_points; p++)
            {
              const WmPoint *a = &f->geometry->points[p];
              const WmPoint *b = &f->geometry->points[(p + 1) % f->geometry->n_points];
              perimeter += hypot (b->x - a->x, b->y - a->y);
            }
          width = area / (perimeter / 2.0);
          g_test_message ("road %s: %.2f m wide", f->kind, width);
          if (g_strcmp0 (f->kind, "fietspad") == 0)
            g_assert_true (width > 2.2 && width <= 2.5);
          else
            {
              g_assert_cmpstr (f->kind, ==, "rijbaan lokale weg");
              g_assert_true ((width > 5.5 && width <= 6.0) || (width > 6.5 && width <= 7.0));
              residential |= width <= 6.0;
            }
        }
      cycleway |= f->klass == WM_BASEMAP_ROAD && g_strcmp0 (f->kind, "fietspad") == 0;
      meadow |= f->klass == WM_BASEMAP_GREEN && g_strcmp0 (f->kind, "grasland agrarisch") == 0;
      park |= f->klass == WM_BASEMAP_GREEN && g_strcmp0 (f->kind, "groenvoorziening") == 0;
    }
  g_assert_true (residential && cycleway && meadow && park);
  g_assert_cmpfloat (wm_import_basemap_osm_road_width ("residential"), ==, 6.0);
  g_assert_cmpfloat (wm_import_basemap_osm_road_width ("bench"), ==, 0.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add_func ("/import-basemap/bgt-zip-counts", test_bgt_zip_counts);
  g_test_add ("/import-basemap/bgt-round-trip", Fixture, NULL, fixture_set_up, test_bgt_round_trip,
              fixture_tear_down);
  g_test_add_func ("/import-basemap/bgt-pand-footprints", test_bgt_pand_footprints);
  g_test_add_func ("/import-basemap/bgt-kinds", test_bgt_kinds);
  g_test_add_func ("/import-basemap/bgt-clip", test_bgt_clip);
  g_test_add ("/import-basemap/bgt-geopackage", Fixture, NULL, fixture_set_up, test_bgt_geopackage,
              fixture_tear_down);
  g_test_add ("/import-basemap/recognise-attributes", Fixture, NULL, fixture_set_up,
              test_recognise_attributes, fixture_tear_down);
  g_test_add ("/import-basemap/unknown-and-forced", Fixture, NULL, fixture_set_up,
              test_unknown_and_forced, fixture_tear_down);
  g_test_add_func ("/import-basemap/cancel", test_cancel);
  g_test_add_func ("/import-basemap/osm", test_osm);
  return g_test_run ();
}
