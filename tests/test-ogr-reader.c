/* test-ogr-reader.c: the one door to GDAL: opening, reprojection to RD New, and the messages
 * for files that cannot be used */
#include "config.h"

#include <cpl_vsi.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wm-core.h"
#include "wm-ogr-reader.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("wm-ogr-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
remove_tree (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  if (d != NULL)
    g_dir_close (d);
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture *f, const char *name, const char *contents, gssize length)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

/* A square of 20 m around the Otterlo church (about RD 181000, 457000), in WGS84. */
static const char square_geojson[] =
  "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":7,"
  "\"properties\":{\"name\":\"Kerk\",\"n\":12,\"r\":\"3,5\"},"
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[5.7700,52.1000],[5.7703,52.1000],"
  "[5.7703,52.1002],[5.7700,52.1002],[5.7700,52.1000]]]}}]}";

static void
test_geojson_to_rd (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "square.geojson", square_geojson, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmOgrSource) source = wm_ogr_source_open (path, &error);
  g_autoptr(WmOgrReader) reader = NULL;
  g_autoptr(WmGeometry) geometry = NULL;
  const char *const *fields;
  gint64 n = 0;
  double r = 0;
  double xs[4] = { 5.7700, 5.7703, 5.7703, 5.7700 }, ys[4] = { 52.1000, 52.1000, 52.1002, 52.1002 };
  double x, y;

  g_assert_no_error (error);
  g_assert_cmpstr (wm_ogr_source_get_driver (source), ==, "GeoJSON");
  g_assert_cmpuint (wm_ogr_source_get_n_layers (source), ==, 1);
  g_assert_cmpstr (wm_ogr_source_get_layer_file (source, 0), ==, "square");
  fields = wm_ogr_source_get_field_names (source, 0);
  g_assert_cmpstr (fields[0], ==, "name");
  g_assert_cmpint (wm_ogr_source_get_feature_count (source, 0), ==, 1);

  reader = wm_ogr_reader_new (source, 0, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (wm_ogr_reader_next (reader, &error));
  g_assert_cmpstr (wm_ogr_reader_get_string (reader, wm_ogr_reader_field_index (reader, "NAME"),
                                             &error), ==, "Kerk");
  g_assert_true (wm_ogr_reader_get_int64 (reader, wm_ogr_reader_field_index (reader, "n"), &n, &error));
  g_assert_cmpint (n, ==, 12);
  /* A decimal comma in text. */
  g_assert_true (wm_ogr_reader_get_double (reader, wm_ogr_reader_field_index (reader, "r"), &r, &error));
  g_assert_cmpfloat_with_epsilon (r, 3.5, 1e-9);
  g_assert_cmpint (wm_ogr_reader_field_index (reader, "missing"), ==, -1);

  geometry = wm_ogr_reader_get_geometry (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpint (geometry->kind, ==, WM_GEOMETRY_POLYGON);
  /* PROJ's answer for the corner, and about 20 m by 22 m. */
  g_assert_true (wm_ogr_transform_points (4326, 28992, xs, ys, 4));
  x = MIN (xs[0], xs[3]);
  y = MIN (ys[0], ys[1]);
  g_assert_cmpfloat (fabs (geometry->bounds.min_x - x), <, 0.01);
  g_assert_cmpfloat (fabs (geometry->bounds.min_y - y), <, 0.01);
  g_assert_cmpfloat (x, >, 180000);
  g_assert_cmpfloat (x, <, 182000);
  g_assert_cmpfloat (geometry->bounds.max_x - geometry->bounds.min_x, >, 19);
  g_assert_cmpfloat (geometry->bounds.max_x - geometry->bounds.min_x, <, 22);
  g_assert_cmpfloat (wm_ogr_reader_get_progress (reader), ==, 1.0);
  g_assert_false (wm_ogr_reader_next (reader, &error));
  g_assert_no_error (error);
}

static void
test_clip_and_filter (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "square.geojson", square_geojson, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmOgrSource) source = wm_ogr_source_open (path, &error);
  g_autoptr(WmOgrReader) reader = wm_ogr_reader_new (source, 0, TRUE, &error);
  g_autoptr(WmGeometry) whole = NULL;
  g_autoptr(WmGeometry) half = NULL;
  WmBounds left, far = { 0, 300000, 1000, 301000 };

  g_assert_no_error (error);
  g_assert_true (wm_ogr_reader_next (reader, &error));
  whole = wm_ogr_reader_get_geometry (reader, &error);
  left = whole->bounds;
  left.max_x = (left.min_x + left.max_x) / 2;
  half = wm_ogr_reader_get_geometry_clipped (reader, &left, &error);
  g_assert_no_error (error);
  g_assert_nonnull (half);
  g_assert_cmpfloat (fabs (wm_geometry_area (half) - wm_geometry_area (whole) / 2), <, 1.0);
  g_assert_null (wm_ogr_reader_get_geometry_clipped (reader, &far, &error));
  g_assert_no_error (error);

  wm_ogr_reader_free (g_steal_pointer (&reader));
  reader = wm_ogr_reader_new (source, 0, TRUE, &error);
  wm_ogr_reader_set_filter_bounds (reader, &far);
  g_assert_false (wm_ogr_reader_next (reader, &error));
  g_assert_no_error (error);
}

static void
assert_open_fails (const char *path, int code, const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmOgrSource) source = wm_ogr_source_open (path, &error);

  g_assert_null (source);
  g_assert_error (error, WM_IMPORT_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, error->message);
}

static void
test_unusable_files (Fixture *f, gconstpointer data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
  g_autofree char *missing = g_build_filename (f->dir, "missing.gpkg", NULL);
  g_autofree char *image = write_file (f, "map.png", (const char *) png, sizeof png);
  g_autofree char *garbage = write_file (f, "plan.gpkg", "SQLite format 3\0garbage", 23);
  g_autofree char *zip = write_file (f, "bgt.zip", "PK\x03\x04 not really", 15);

  assert_open_fails (missing, WM_IMPORT_ERROR_NOT_FOUND, NULL);
  assert_open_fails (image, WM_IMPORT_ERROR_UNSUPPORTED, NULL);
  g_assert_true (wm_ogr_source_open (garbage, NULL) == NULL);
  assert_open_fails (zip, WM_IMPORT_ERROR_BROKEN, NULL);
}

static void
test_zip_of_layers (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "bgt.zip", NULL);
  g_autofree char *member = g_strdup_printf ("/vsizip/%s/bgt_wegdeel.geojson", path);
  g_autofree char *member2 = g_strdup_printf ("/vsizip/%s/bgt_pand.geojson", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmOgrSource) source = NULL;
  VSILFILE *out;

  wm_ogr_transform_points (4326, 28992, (double[]){ 0 }, (double[]){ 0 }, 0); /* GDAL up */
  out = VSIFOpenL (member, "wb");
  g_assert_nonnull (out);
  VSIFWriteL (square_geojson, 1, strlen (square_geojson), out);
  VSIFCloseL (out);
  out = VSIFOpenL (member2, "wb");
  g_assert_nonnull (out);
  VSIFWriteL (square_geojson, 1, strlen (square_geojson), out);
  VSIFCloseL (out);

  source = wm_ogr_source_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_ogr_source_get_n_layers (source), ==, 2);
  g_assert_cmpstr (wm_ogr_source_get_layer_file (source, 0), ==, "bgt_wegdeel");
  g_assert_cmpstr (wm_ogr_source_get_layer_file (source, 1), ==, "bgt_pand");
}

static WmOgrReader *
reader_on (Fixture *f, const char *name, const char *contents, WmOgrSource **out_source)
{
  g_autofree char *path = write_file (f, name, contents, -1);
  g_autoptr(GError) error = NULL;
  WmOgrReader *reader;

  *out_source = wm_ogr_source_open (path, &error);
  g_assert_no_error (error);
  reader = wm_ogr_reader_new (*out_source, 0, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (wm_ogr_reader_next (reader, &error));
  return reader;
}

static void
test_bad_features (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmOgrSource) source = NULL;
  g_autoptr(WmOgrReader) reader = NULL;
  g_autoptr(GString) big = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
                                         "\"Feature\",\"id\":3,\"properties\":{\"name\":\"");

  /* RD coordinates in a file that says WGS84 (GeoJSON always does). */
  reader = reader_on (f, "rd.geojson",
                      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                      "\"id\":5,\"properties\":{},\"geometry\":{\"type\":\"Point\","
                      "\"coordinates\":[181000,457000]}}]}", &source);
  g_assert_null (wm_ogr_reader_get_geometry (reader, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "rd.geojson"));
  g_assert_nonnull (strstr (error->message, "feature 5"));
  g_clear_error (&error);
  wm_ogr_reader_free (g_steal_pointer (&reader));
  wm_ogr_source_free (g_steal_pointer (&source));

  /* Paris. */
  reader = reader_on (f, "paris.geojson",
                      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                      "\"id\":1,\"properties\":{},\"geometry\":{\"type\":\"Point\","
                      "\"coordinates\":[2.35,48.85]}}]}", &source);
  g_assert_null (wm_ogr_reader_get_geometry (reader, &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_OUTSIDE);
  g_assert_nonnull (strstr (error->message, "outside the Netherlands"));
  g_clear_error (&error);
  wm_ogr_reader_free (g_steal_pointer (&reader));
  wm_ogr_source_free (g_steal_pointer (&source));

  /* No geometry. */
  reader = reader_on (f, "null.geojson",
                      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                      "\"id\":2,\"properties\":{\"a\":1},\"geometry\":null},{\"type\":\"Feature\","
                      "\"id\":4,\"properties\":{\"a\":1},\"geometry\":{\"type\":\"Point\","
                      "\"coordinates\":[5.77,52.1]}}]}", &source);
  g_assert_null (wm_ogr_reader_get_geometry (reader, &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NO_GEOMETRY);
  g_assert_nonnull (strstr (error->message, "feature 2"));
  g_clear_error (&error);
  wm_ogr_reader_free (g_steal_pointer (&reader));
  wm_ogr_source_free (g_steal_pointer (&source));

  /* 10 MB of text, and SQL and quotes, which are only text. */
  for (int i = 0; i < 10 * 1024 * 1024 / 16; i++)
    g_string_append (big, "'; DROP TABLE x");
  g_string_append (big, "\",\"q\":\"\\\"'; DELETE FROM areas; --\"},\"geometry\":{\"type\":\"Point\","
                        "\"coordinates\":[5.77,52.1]}}]}");
  reader = reader_on (f, "big.geojson", big->str, &source);
  g_assert_null (wm_ogr_reader_get_string (reader, wm_ogr_reader_field_index (reader, "name"), &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "“name”"));
  g_assert_nonnull (strstr (error->message, "feature 3"));
  g_clear_error (&error);
  g_assert_cmpstr (wm_ogr_reader_get_string (reader, wm_ogr_reader_field_index (reader, "q"), &error),
                   ==, "\"'; DELETE FROM areas; --");
  g_assert_no_error (error);
}

static void
test_no_crs (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = write_file (f, "list.csv", "pand,wkt\n1,\"POINT (181000 457000)\"\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmOgrSource) source = wm_ogr_source_open (csv, &error);
  g_autoptr(WmOgrReader) reader = NULL;

  g_assert_no_error (error);
  /* Whether the CSV driver makes the WKT column a geometry or not, it has no CRS. */
  reader = wm_ogr_reader_new (source, 0, TRUE, &error);
  if (reader != NULL)
    {
      g_assert_true (wm_ogr_reader_next (reader, &error));
      g_assert_null (wm_ogr_reader_get_geometry (reader, &error));
    }
  g_assert_nonnull (error);
  g_assert_true (error->code == WM_IMPORT_ERROR_NO_GEOMETRY || error->code == WM_IMPORT_ERROR_NO_CRS);
  g_assert_nonnull (strstr (error->message, "list.csv"));
  g_clear_error (&error);

  /* Read as a table it is fine. */
  wm_ogr_reader_free (g_steal_pointer (&reader));
  reader = wm_ogr_reader_new (source, 0, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (wm_ogr_reader_next (reader, &error));
  g_assert_cmpstr (wm_ogr_reader_get_string (reader, 0, &error), ==, "1");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add ("/ogr/geojson-to-rd", Fixture, NULL, fixture_set_up, test_geojson_to_rd, fixture_tear_down);
  g_test_add ("/ogr/clip-and-filter", Fixture, NULL, fixture_set_up, test_clip_and_filter, fixture_tear_down);
  g_test_add ("/ogr/unusable-files", Fixture, NULL, fixture_set_up, test_unusable_files, fixture_tear_down);
  g_test_add ("/ogr/zip-of-layers", Fixture, NULL, fixture_set_up, test_zip_of_layers, fixture_tear_down);
  g_test_add ("/ogr/bad-features", Fixture, NULL, fixture_set_up, test_bad_features, fixture_tear_down);
  g_test_add ("/ogr/no-crs", Fixture, NULL, fixture_set_up, test_no_crs, fixture_tear_down);
  return g_test_run ();
}
