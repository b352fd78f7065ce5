/* test-cli-import.c: `wijkmix-cli new` and `import`, spawned: every bad input fails with a
 * message naming file, layer, feature and problem and leaves the project file byte-identical;
 * good layers come in and show in `indicators` */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "wm-core.h"
#include "wm-document.h"

#define X0 185000.0
#define Y0 449000.0

typedef struct
{
  char *dir;
  char *data_dir; /* XDG_DATA_HOME of the spawned CLI: its remembered field mappings */
  char *project;
} Fixture;

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* Runs the CLI with @argv (NULL-terminated, without the program); returns its exit status. */
static int
run_argv (Fixture            *f,
          const char *const  *args,
          char              **out,
          char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL, *stderr_text = NULL;
  const char *cli = g_getenv ("WIJKMIX_CLI");
  int status = 0;

  g_assert_nonnull (cli);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", f->data_dir, TRUE);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (f->dir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &stdout_text, &stderr_text, &status, &error));
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}

#define RUN(f, out, err, ...) run_argv (f, (const char *const[]) { __VA_ARGS__, NULL }, out, err)

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;

  f->dir = g_dir_make_tmp ("wijkmix-cli-import-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->project = g_build_filename (f->dir, "wijk.gpkg", NULL);
  g_assert_cmpint (RUN (f, &out, &err, "new", f->project), ==, 0);
  g_assert_true (g_file_test (f->project, G_FILE_TEST_IS_REGULAR));
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->project);
}

static char *
checksum (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *data,
            gssize      length)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return path;
}

/* A GeoJSON layer named after the file; @crs NULL: none (GeoJSON's default, WGS84). */
static char *
write_geojson (Fixture    *f,
               const char *name,
               const char *crs,
               const char *features)
{
  g_autofree char *crs_member = crs != NULL
    ? g_strdup_printf ("\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"%s\"}}, ", crs)
    : g_strdup ("");
  g_autofree char *file = g_strdup_printf ("%s.geojson", name);
  g_autofree char *text = g_strdup_printf ("{\"type\": \"FeatureCollection\", \"name\": \"%s\", "
                                           "%s\"features\": [%s]}", name, crs_member, features);

  return write_file (f, file, text, -1);
}

#define RD "urn:ogc:def:crs:EPSG::28992"

static char *
point (const char *properties,
       double      x,
       double      y)
{
  return g_strdup_printf ("{\"type\": \"Feature\", \"properties\": {%s}, \"geometry\": "
                          "{\"type\": \"Point\", \"coordinates\": [%.6f, %.6f]}}",
                          properties, x, y);
}

static char *
square (const char *properties,
        double      x,
        double      y,
        double      size)
{
  return g_strdup_printf ("{\"type\": \"Feature\", \"properties\": {%s}, \"geometry\": "
                          "{\"type\": \"Polygon\", \"coordinates\": [[[%.1f, %.1f], [%.1f, %.1f], "
                          "[%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f]]]}}",
                          properties, x, y, x + size, y, x + size, y + size, x, y + size, x, y);
}

/* ogr2ogr -f FORMAT TO FROM [@extra…] */
static void
ogr2ogr_full (Fixture           *f,
              const char        *format,
              const char        *to,
              const char        *from,
              const char *const *extra)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  for (const char *const *a = (const char *const[]) { "ogr2ogr", "-f", format, to, from, NULL };
       *a != NULL; a++)
    g_ptr_array_add (argv, (gpointer) *a);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (f->dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
ogr2ogr (Fixture    *f,
         const char *format,
         const char *to,
         const char *from)
{
  ogr2ogr_full (f, format, to, from, NULL);
}

/* A stored (uncompressed) zip archive of one member, written by hand: the test needs no zip
 * program. */
static guint32
crc32_of (const guchar *data,
          gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return ~crc;
}

static void
put16 (GByteArray *out,
       guint       v)
{
  guint8 b[2] = { v & 0xff, (v >> 8) & 0xff };

  g_byte_array_append (out, b, 2);
}

static void
put32 (GByteArray *out,
       guint32     v)
{
  put16 (out, v & 0xffff);
  put16 (out, v >> 16);
}

static char *
write_zip (Fixture    *f,
           const char *name,
           const char *member,
           const char *data,
           gsize       length)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint32 crc = crc32_of ((const guchar *) data, length);
  gsize name_length = strlen (member);
  guint central;

  put32 (out, 0x04034b50);
  put16 (out, 20); put16 (out, 0); put16 (out, 0); put16 (out, 0); put16 (out, 0);
  put32 (out, crc); put32 (out, length); put32 (out, length);
  put16 (out, name_length); put16 (out, 0);
  g_byte_array_append (out, (const guint8 *) member, name_length);
  g_byte_array_append (out, (const guint8 *) data, length);
  central = out->len;
  put32 (out, 0x02014b50);
  put16 (out, 20); put16 (out, 20); put16 (out, 0); put16 (out, 0); put16 (out, 0);
  put16 (out, 0);
  put32 (out, crc); put32 (out, length); put32 (out, length);
  put16 (out, name_length); put16 (out, 0); put16 (out, 0); put16 (out, 0); put16 (out, 0);
  put32 (out, 0); put32 (out, 0);
  g_byte_array_append (out, (const guint8 *) member, name_length);
  put32 (out, 0x06054b50);
  put16 (out, 0); put16 (out, 0); put16 (out, 1); put16 (out, 1);
  /* The central directory: 46 bytes plus the name. */
  put32 (out, 46 + name_length);
  put32 (out, central); put16 (out, 0);
  return write_file (f, name, (const char *) out->data, out->len);
}

/* Runs `import PROJECT @args…`, which must fail with a message holding each of @expected
 * (NULL-terminated), and leave the project file as it was. */
static void
expect_failure (Fixture            *f,
                const char *const  *args,
                const char *const  *expected)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *before = checksum (f->project);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) "import");
  g_ptr_array_add (argv, f->project);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  status = run_argv (f, (const char *const *) argv->pdata, &out, &err);
  g_test_message ("import %s: %s", args[0], err);
  g_assert_cmpint (status, !=, 0);
  g_assert_true (g_str_has_prefix (err, "wijkmix-cli: "));
  for (guint i = 0; expected[i] != NULL; i++)
    if (strstr (err, expected[i]) == NULL)
      g_error ("“%s” not in the message “%s”", expected[i], err);
  /* A message, not a dump: a 10 MB value is never repeated. */
  g_assert_cmpuint (strlen (err), <, 2000);
  after = checksum (f->project);
  g_assert_cmpstr (before, ==, after);
}

#define ARGS(...) ((const char *const[]) { __VA_ARGS__, NULL })

static void
test_broken_files (Fixture      *f,
                   gconstpointer data)
{
  g_autofree char *a = point ("\"type\": \"school\"", X0, Y0);
  g_autofree char *source = write_geojson (f, "scholen", RD, a);
  g_autofree char *full = g_build_filename (f->dir, "scholen.gpkg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *truncated = NULL, *garbage = NULL, *zip_garbage = NULL, *zip_broken = NULL;
  g_autofree char *png = NULL;
  g_autofree guchar *png_data = NULL;
  gsize length, png_length;

  /* A GeoPackage cut in half. */
  ogr2ogr (f, "GPKG", full, source);
  g_assert_true (g_file_get_contents (full, &contents, &length, NULL));
  truncated = write_file (f, "half.gpkg", contents, length / 2);
  expect_failure (f, ARGS (truncated, "--as", "facilities"), ARGS ("half.gpkg", "damaged"));

#define LITERAL(text) text, sizeof (text) - 1
  garbage = write_file (f, "garbage.gpkg", LITERAL ("\x13\x37 not a GeoPackage \xff\xfe"));
  expect_failure (f, ARGS (garbage, "--as", "facilities"), ARGS ("garbage.gpkg"));
  expect_failure (f, ARGS (garbage), ARGS ("garbage.gpkg"));

  /* A zip holding garbage, and a zip that is garbage. */
  zip_garbage = write_zip (f, "bgt.zip", "bgt_pand.gml", LITERAL ("<<<not GML \x01\x02"));
  expect_failure (f, ARGS (zip_garbage, "--as", "basemap"), ARGS ("bgt.zip"));
  zip_broken = write_file (f, "broken.zip", LITERAL ("PK\x03\x04 this is no zip at all"));
#undef LITERAL
  expect_failure (f, ARGS (zip_broken), ARGS ("broken.zip"));

  /* An unsupported file: a PNG (1 by 1 pixel). */
  png_data = g_base64_decode ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
                              "DwAChwGA60e6kgAAAABJRU5ErkJggg==", &png_length);
  png = write_file (f, "kaart.png", (const char *) png_data, png_length);
  expect_failure (f, ARGS (png, "--as", "facilities"), ARGS ("kaart.png", "not a map data file"));

  /* No such file. */
  expect_failure (f, ARGS ("nowhere.gpkg"), ARGS ("nowhere.gpkg"));
}

static void
test_bad_layers (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *empty = write_geojson (f, "leeg", RD, "");
  g_autofree char *csv = write_file (f, "lijst.csv", "type,naam\nschool,De Wegwijzer\n", -1);
  g_autofree char *a = point ("\"type\": \"school\"", X0, Y0);
  g_autofree char *source = write_geojson (f, "zonder", RD, a);
  g_autofree char *shp = g_build_filename (f->dir, "zonder.shp", NULL);
  g_autofree char *prj = g_build_filename (f->dir, "zonder.prj", NULL);
  g_autofree char *b = point ("\"type\": \"school\"", 5.85, 52.01);
  g_autofree char *swapped = write_geojson (f, "wgs", RD, b);
  g_autofree char *c = point ("\"type\": \"school\"", 2.35, 48.85);
  g_autofree char *paris = write_geojson (f, "parijs", NULL, c);
  g_autofree char *d = point ("\"type\": \"kerk\"", X0, Y0);
  g_autofree char *church = write_geojson (f, "kerken", RD, d);

  expect_failure (f, ARGS (empty, "--as", "facilities"), ARGS ("leeg.geojson", "“leeg”", "empty"));
  /* A layer without geometry: a CSV, taken as buildings or as facilities. */
  expect_failure (f, ARGS (csv, "--as", "facilities"),
                  ARGS ("lijst.csv", "“lijst”", "no geometry"));
  {
    g_autofree char *panden = write_file (f, "panden.csv",
                                          "identificatie,aantal_verblijfsobjecten\n"
                                          "0221100000307826,5\n", -1);

    expect_failure (f, ARGS (panden, "--as", "buildings"), ARGS ("panden.csv", "geometry"));
    expect_failure (f, ARGS (panden, "--as", "buildings", "--layer", "panden"),
                    ARGS ("panden.csv", "“panden”", "no geometry"));
  }
  /* A shapefile without .prj. */
  ogr2ogr (f, "ESRI Shapefile", shp, source);
  g_assert_cmpint (g_unlink (prj), ==, 0);
  expect_failure (f, ARGS (shp, "--as", "facilities"),
                  ARGS ("zonder.shp", "“zonder”", "coordinate reference system"));
  /* WGS84 coordinates labelled RD New, and a place in France. */
  expect_failure (f, ARGS (swapped, "--as", "facilities"),
                  ARGS ("wgs.geojson", "“wgs”", "feature 0", "outside the Netherlands"));
  expect_failure (f, ARGS (paris, "--as", "facilities"),
                  ARGS ("parijs.geojson", "“parijs”", "feature 0", "outside the Netherlands"));
  /* A kind of facility Wijkmix does not know. */
  expect_failure (f, ARGS (church, "--as", "facilities"),
                  ARGS ("kerken.geojson", "“kerken”", "feature 0", "kerk", "playground"));
  /* A layer that is not there, a field that is not there, a role that does not exist. */
  expect_failure (f, ARGS (church, "--as", "facilities", "--layer", "scholen"),
                  ARGS ("kerken.geojson", "scholen"));
  expect_failure (f, ARGS (church, "--as", "facilities", "--field", "type=soort"),
                  ARGS ("kerken.geojson", "“kerken”", "soort"));
  expect_failure (f, ARGS (church, "--as", "facilities", "--field", "dwellings=type"),
                  ARGS ("kerken.geojson", "dwellings"));
  /* Not recognised and no --as. */
  expect_failure (f, ARGS (church), ARGS ("kerken.geojson", "--as"));
}

static void
test_hostile_text (Fixture      *f,
                   gconstpointer data)
{
  const char *hostile = "Robert'); DROP TABLE facility; -- \\\"de\\\" “Wip”";
  g_autofree char *props = g_strdup_printf ("\"type\": \"playground\", \"name\": \"%s\"",
                                            hostile);
  g_autofree char *a = point (props, X0, Y0);
  g_autofree char *path = write_geojson (f, "vreemd", RD, a);
  g_autoptr(GString) huge = g_string_new ("\"type\": \"playground\", \"name\": \"");
  g_autofree char *huge_path = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (f->project);
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *facilities;
  g_autoptr(WmFacility) facility = NULL;

  /* A 10 MB name in a GeoPackage (GDAL's GeoJSON and CSV readers refuse such values
   * themselves, so SQLite writes it): refused, named, not repeated. */
  {
    g_autofree char *small = point ("\"type\": \"playground\", \"name\": \"x\"", X0, Y0);
    g_autofree char *small_path = write_geojson (f, "klein", RD, small);
    sqlite3 *db = NULL;

    huge_path = g_build_filename (f->dir, "groot.gpkg", NULL);
    ogr2ogr_full (f, "GPKG", huge_path, small_path,
                  (const char *const[]) { "-nln", "groot", "-lco", "SPATIAL_INDEX=NO", NULL });
    g_assert_cmpint (sqlite3_open (huge_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE groot SET name = printf('%.*c', 10485760, 'x')",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  for (guint i = 0; i < 10 * 1024 * 1024 / 16; i++)
    g_string_append (huge, "0123456789abcdef");
  expect_failure (f, ARGS (huge_path, "--as", "facilities"),
                  ARGS ("groot.gpkg", "“groot”", "feature 1"));
  /* A huge --field (100 KB: an argument may not hold 10 MB) is a usage error, not a crash. */
  {
    g_autofree char *field = g_strdup_printf ("type=%.100000s", huge->str + 40);

    expect_failure (f, ARGS (path, "--as", "facilities", "--field", field), ARGS ("field"));
  }

  /* Quotes and SQL in a name are text like any other: stored as they are. */
  g_assert_cmpint (RUN (f, &out, &err, "import", f->project, path, "--as", "facilities"), ==, 0);
  document = wm_document_load (file, &error);
  g_assert_no_error (error);
  facilities = wm_plan_get_facilities (wm_document_get_plan (document));
  g_assert_cmpuint (g_list_model_get_n_items (facilities), ==, 1);
  facility = g_list_model_get_item (facilities, 0);
  g_assert_cmpstr (wm_facility_get_name (facility), ==,
                   "Robert'); DROP TABLE facility; -- \"de\" “Wip”");
}

static void
test_good_path (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *a = point ("\"wat\": \"Speeltuin\", \"naam\": \"De Wip\"", X0 + 50, Y0 + 50);
  g_autofree char *b = point ("\"wat\": \"school\", \"naam\": \"De Wegwijzer\"", X0 + 150,
                              Y0 + 50);
  g_autofree char *c = point ("\"wat\": \"winkel\", \"naam\": \"Ver weg\"", X0 + 5000, Y0);
  g_autofree char *facility_features = g_strjoin (", ", a, b, c, NULL);
  g_autofree char *facilities = write_geojson (f, "voorzieningen", RD, facility_features);
  g_autofree char *w = square ("\"buurtcode\": \"BU0001\", \"buurtnaam\": \"West\"", X0, Y0, 100);
  g_autofree char *o = square ("\"buurtcode\": \"BU0002\", \"buurtnaam\": \"Oost\"", X0 + 100,
                               Y0, 100);
  g_autofree char *area_features = g_strjoin (", ", w, o, NULL);
  g_autofree char *areas = write_geojson (f, "buurten", RD, area_features);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *second = g_build_filename (f->dir, "tweede.gpkg", NULL);
  g_autofree char *store = g_build_filename (f->data_dir, "wijkmix", "field-mappings.json",
                                             NULL);

  /* "new" never overwrites. */
  g_assert_cmpint (RUN (f, &out, &err, "new", f->project), !=, 0);
  g_assert_nonnull (strstr (err, "already exists"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The areas first: the facility 5 km away is left out, with a note. */
  g_assert_cmpint (RUN (f, &out, &err, "import", f->project, areas, "--as", "areas"), ==, 0);
  g_assert_nonnull (strstr (out, "2 areas"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* "wat" is no name Wijkmix knows for the type: the user says so, and it is remembered. */
  g_assert_cmpint (RUN (f, &out, &err, "import", f->project, facilities, "--as", "facilities"),
                   !=, 0);
  g_assert_nonnull (strstr (err, "--field type="));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (RUN (f, &out, &err, "import", f->project, facilities, "--as", "facilities",
                        "--field", "type=wat"), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "2 facilities"));
  g_assert_nonnull (strstr (out, "1 facility lies outside the project's areas"));
  g_assert_true (g_file_test (store, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (RUN (f, &out, &err, "indicators", f->project), ==, 0);
  g_assert_nonnull (strstr (out, "West (BU0001)"));
  g_assert_nonnull (strstr (out, "Oost (BU0002)"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autoptr(GFile) file = g_file_new_for_path (f->project);
    g_autoptr(GError) error = NULL;
    g_autoptr(WmDocument) document = wm_document_load (file, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (
                        wm_plan_get_facilities (wm_document_get_plan (document))), ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (
                        wm_plan_get_areas (wm_document_get_plan (document))), ==, 2);
  }

  /* Another project, the same source: the remembered fields are used, and said so. */
  g_assert_cmpint (RUN (f, &out, &err, "new", second), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (RUN (f, &out, &err, "import", second, facilities, "--as", "facilities"), ==, 0);
  g_assert_nonnull (strstr (out, "Using the fields remembered for “voorzieningen.geojson (facilities)”: "
                                 "type=wat"));
  /* No areas there: all three come in. */
  g_assert_nonnull (strstr (out, "3 facilities"));
}

/* The CBS fixture (tests/fixtures/cbs): recognised without --as, buurten picked by name or
 * code, and the indicators show them. */
static void
test_cbs_areas (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *cbs = g_test_build_filename (G_TEST_DIST, "fixtures", "cbs",
                                                "buurt_2022_short.gpkg", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (RUN (f, &out, &err, "import", f->project, cbs, "--layer", "buurten", "--area",
                        "Dorp", "--area", "BU06370002"), ==, 0);
  g_assert_nonnull (strstr (out, "2 areas"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (RUN (f, &out, &err, "indicators", f->project), ==, 0);
  g_assert_nonnull (strstr (out, "Dorp (BU06370001)"));
  g_assert_nonnull (strstr (out, "(BU06370002)"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A buurt that is not there: named, and the project as it was. */
  expect_failure (f, ARGS (cbs, "--layer", "buurten", "--area", "BU99999999"),
                  ARGS ("buurt_2022_short.gpkg", "“buurten”", "BU99999999"));
}

/* The BAG-light fixture: recognised as BAG, and --construction also counts what is being
 * built; the summary gives the notes. */
static void
test_bag (Fixture      *f,
          gconstpointer data)
{
  g_autofree char *bag = g_test_build_filename (G_TEST_DIST, "fixtures", "bag-light.gpkg", NULL);
  g_autofree char *second = g_build_filename (f->dir, "bouw.gpkg", NULL);
  g_autofree char *out = NULL, *err = NULL;
  gint64 without, with;

  g_assert_cmpint (RUN (f, &out, &err, "import", f->project, bag), ==, 0);
  g_assert_nonnull (strstr (out, "26 buildings"));
  g_assert_nonnull (strstr (out, "Note: "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (RUN (f, &out, &err, "new", second), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (RUN (f, &out, &err, "import", second, bag, "--construction"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    g_autoptr(GFile) a = g_file_new_for_path (f->project);
    g_autoptr(GFile) b = g_file_new_for_path (second);
    g_autoptr(WmDocument) da = wm_document_load (a, NULL);
    g_autoptr(WmDocument) db = wm_document_load (b, NULL);
    WmDwellingMix ma = wm_plan_get_baseline_dwellings (wm_document_get_plan (da), NULL);
    WmDwellingMix mb = wm_plan_get_baseline_dwellings (wm_document_get_plan (db), NULL);

    without = wm_dwelling_mix_total (&ma);
    with = wm_dwelling_mix_total (&mb);
  }
  g_assert_cmpint (without, >, 0);
  g_assert_cmpint (with, >, without);
}

/* A plain polygon layer as a base map class the user names. */
static void
test_basemap_layer (Fixture      *f,
                    gconstpointer data)
{
  g_autofree char *a = square ("\"x\": 1", X0, Y0, 50);
  g_autofree char *path = write_geojson (f, "vlakken", RD, a);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (f->project);
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  WmBasemap *basemap;

  g_assert_cmpint (RUN (f, &out, &err, "import", f->project, path, "--basemap", "water"), ==, 0);
  g_assert_nonnull (strstr (out, "1 base map feature"));
  document = wm_document_load (file, &error);
  g_assert_no_error (error);
  basemap = wm_plan_get_basemap (wm_document_get_plan (document));
  g_assert_cmpuint (wm_basemap_get_features (basemap, WM_BASEMAP_WATER)->len, ==, 1);
  g_assert_cmpuint (wm_basemap_get_n_features (basemap), ==, 1);
}

static void
test_usage (Fixture      *f,
            gconstpointer data)
{
  g_autofree char *a = point ("\"type\": \"school\"", X0, Y0);
  g_autofree char *path = write_geojson (f, "scholen", RD, a);
  g_autofree char *out = NULL, *err = NULL;

  expect_failure (f, ARGS (path, "--as", "houses"), ARGS ("--as"));
  expect_failure (f, ARGS (path, "--basemap", "roads"), ARGS ("--basemap"));
  expect_failure (f, ARGS (path, "--as", "areas", "--basemap", "road"), ARGS ("--basemap"));
  expect_failure (f, ARGS (path, "--field", "type"), ARGS ("ROLE=NAME"));
  expect_failure (f, ARGS (path, "--layer"), ARGS ("value"));
  g_assert_cmpint (RUN (f, &out, &err, "import", f->project), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (RUN (f, &out, &err, "--help"), ==, 0);
  g_assert_nonnull (strstr (out, "wijkmix-cli import PROJECT FILE"));
  g_assert_nonnull (strstr (out, "--field ROLE=NAME"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-import/broken-files", test_broken_files);
  ADD ("/cli-import/bad-layers", test_bad_layers);
  ADD ("/cli-import/hostile-text", test_hostile_text);
  ADD ("/cli-import/good-path", test_good_path);
  ADD ("/cli-import/cbs-areas", test_cbs_areas);
  ADD ("/cli-import/bag", test_bag);
  ADD ("/cli-import/basemap-layer", test_basemap_layer);
  ADD ("/cli-import/usage", test_usage);
#undef ADD
  return g_test_run ();
}
