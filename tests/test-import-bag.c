/* test-import-bag.c: BAG panden and verblijfsobjecten, pand layers with dwelling counts and
 * plain building layers read into an import result (tests/fixtures/README.md describes the
 * fixtures and tests/fixtures/make-bag-light.sh makes them)
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wm-field-mapping.h"
#include "wm-import-bag.h"

#include <gdal.h>
#include <ogr_srs_api.h>

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

/* Reads @path with @importer; NULL with @error set when it fails. */
static WmImportResult *
read_with (const WmImporter *importer, const char *path, const WmImportOptions *options,
           GError **error)
{
  g_autoptr(WmOgrSource) source = wm_ogr_source_open (path, error);
  g_autoptr(WmImportResult) result = NULL;

  if (source == NULL)
    return NULL;
  result = wm_import_result_new (path);
  if (!importer->read (source, options, result, NULL, NULL, NULL, error))
    return NULL;
  return g_steal_pointer (&result);
}

static WmBuilding *
find_building (WmImportResult *result, const char *id)
{
  for (guint i = 0; i < result->buildings->len; i++)
    {
      WmBuilding *b = g_ptr_array_index (result->buildings, i);

      if (g_strcmp0 (wm_building_get_id (b), id) == 0)
        return b;
    }
  return NULL;
}

static gboolean
has_note (WmImportResult *result, const char *part)
{
  for (guint i = 0; i < result->notes->len; i++)
    if (strstr (g_ptr_array_index (result->notes, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static guint
total_dwellings (WmImportResult *result)
{
  guint total = 0;

  for (guint i = 0; i < result->buildings->len; i++)
    total += wm_building_get_n_dwellings (g_ptr_array_index (result->buildings, i));
  return total;
}

/* The Doesburg panden: years, current ones only, no dwellings and a note saying why. */
static void
test_doesburg (void)
{
  g_autofree char *path = fixture ("doesburg-bag-pand-centre.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmOgrSource) source = wm_ogr_source_open (path, &error);
  g_autoptr(WmImportResult) result = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  WmBuilding *b;

  g_assert_no_error (error);
  g_assert_true (wm_bag_importer.recognise (source, &options));
  result = read_with (&wm_bag_importer, path, &options, &error);
  g_assert_no_error (error);

  /* ogrinfo -so -al doesburg-bag-pand-centre.geojson -where "status IN ('Pand in gebruik',
   *   'Pand in gebruik (niet ingemeten)', 'Verbouwing pand', 'Sloopvergunning verleend')"
   * says 1349 of the 1450 (94 gesloopt, 7 bouwvergunning verleend are not taken). */
  g_assert_cmpuint (result->buildings->len, ==, 1349);
  g_assert_cmpuint (total_dwellings (result), ==, 0);

  b = find_building (result, "0221100000312931");
  g_assert_nonnull (b);
  g_assert_cmpint (wm_building_get_year (b), ==, 1286);
  b = find_building (result, "0221100000311776");
  g_assert_nonnull (b);
  g_assert_cmpint (wm_building_get_year (b), ==, 1927);
  g_assert_cmpint (wm_building_get_tenure_source (b), ==, WM_TENURE_STATED);
  g_assert_true (wm_geometry_contains_point (wm_building_get_footprint (b),
                                             wm_geometry_centroid (wm_building_get_footprint (b)).x,
                                             wm_geometry_centroid (wm_building_get_footprint (b)).y));
  b = find_building (result, "0221100000313706"); /* sloopvergunning verleend: still stands */
  g_assert_nonnull (b);
  g_assert_cmpint (wm_building_get_year (b), ==, 1956);
  g_assert_null (find_building (result, "0221100000316014")); /* gesloopt */

  g_assert_true (has_note (result, "no dwelling counts"));
  g_assert_true (has_note (result, "verblijfsobject"));
  g_assert_true (has_note (result, "94 panden skipped"));
  g_assert_true (has_note (result, "7 panden skipped that only have a building permit"));
  g_assert_cmpstr (result->attribution, ==, "BAG: Kadaster, CC0");
  g_assert_cmpuint (g_hash_table_size (result->addresses), ==, 0);
}

/* The raw BAG 2.0 extract (LVBAG XML, full history, two files in a zip, GDAL's LVBAG driver
 * through /vsizip/): the same 7227 current panden as the derived Doesburg GeoJSON. */
static void
test_lvbag_zip (void)
{
  g_autofree char *path = fixture ("doesburg-bag-pand-lvc.zip");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) result = NULL;
  WmBuilding *b;

  result = read_with (&wm_bag_importer, path, NULL, &error);
  g_assert_no_error (error);
  /* 13098 versions; 7797 without eindGeldigheid/eindRegistratie, of which 7204 in gebruik,
   * 3 niet ingemeten, 14 verbouwing, 6 sloopvergunning verleend (PROVENANCE.txt of the
   * shared data, ogrinfo on the derived GeoJSON) */
  g_assert_cmpuint (result->buildings->len, ==, 7204 + 3 + 14 + 6);
  g_assert_true (has_note (result, "1533 panden skipped because they have an end date"));
  g_assert_false (has_note (result, "repeat the id"));
  b = find_building (result, "0221100000312931");
  g_assert_nonnull (b);
  g_assert_cmpint (wm_building_get_year (b), ==, 1286);
  b = find_building (result, "0221100000311191");
  g_assert_nonnull (b);
  g_assert_cmpint (wm_building_get_year (b), ==, 1992);
  g_assert_null (find_building (result, "0221100000316014")); /* gesloopt */
}

/* make-bag-light.sh's rule: the dwellings of pand k (1..30 in id order). */
static guint
light_dwellings (guint k, gboolean construction)
{
  switch (k % 6)
    {
    case 1:
    case 5:
      return 1;
    case 2:
      return 2;
    case 3:
      return construction ? 3 : 2;
    default:
      return 0;
    }
}

static void
check_bag_light (gboolean construction)
{
  g_autofree char *path = fixture ("bag-light.gpkg");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) result = NULL;
  g_autoptr(WmOgrSource) source = wm_ogr_source_open (path, &error);
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  /* The panden in id order, their status taken or not (make-bag-light.sh, README.md). */
  static const struct
  {
    const char *id;
    gboolean current;
  } panden[] = {
    { "0221100000311549", FALSE }, /* niet gerealiseerd */
    { "0221100000311674", TRUE },  /* verbouwing */
    { "0221100000311776", TRUE },  { "0221100000311778", TRUE },
    { "0221100000311785", TRUE },  { "0221100000311786", TRUE },
    { "0221100000311787", TRUE },  { "0221100000312777", TRUE },
    { "0221100000313439", TRUE },  { "0221100000313440", TRUE },
    { "0221100000313441", TRUE },  { "0221100000313442", TRUE },
    { "0221100000313443", TRUE },  { "0221100000313444", TRUE },
    { "0221100000313445", TRUE },  { "0221100000313446", TRUE },
    { "0221100000313706", TRUE },  /* sloopvergunning verleend */
    { "0221100000315044", TRUE },  { "0221100000315045", TRUE },
    { "0221100000315046", TRUE },
    { "0221100000316014", FALSE }, /* gesloopt */
    { "0221100000316015", TRUE },  { "0221100000316019", TRUE },
    { "0221100000316029", TRUE },  { "0221100000317661", TRUE },
    { "0221100000317662", TRUE },  { "0221100000318176", TRUE },
    { "0221100000318331", FALSE }, /* ten onrechte opgevoerd */
    { "0221100000333388", FALSE }, /* bouwvergunning verleend: not even with construction */
    { "0221100000334063", TRUE },  /* in gebruik (niet ingemeten) */
  };
  guint expected_total = 0;
  WmBuilding *b;

  g_assert_no_error (error);
  g_assert_true (wm_bag_importer.recognise (source, &options));
  options.include_construction = construction;
  result = read_with (&wm_bag_importer, path, &options, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (result->buildings->len, ==, 26);
  for (guint k = 1; k <= G_N_ELEMENTS (panden); k++)
    {
      guint expected = light_dwellings (k, construction);

      b = find_building (result, panden[k - 1].id);
      if (!panden[k - 1].current)
        {
          g_assert_null (b);
          continue;
        }
      g_assert_nonnull (b);
      /* k = 3 also holds the verblijfsobject that names panden 3 and 4 */
      if (k == 3)
        expected++;
      g_assert_cmpint (wm_building_get_n_dwellings (b), ==, expected);
      /* BAG has no tenure: the whole count waits in social rent for the estimate */
      g_assert_cmpint (wm_building_get_dwellings (b)->counts[WM_SEGMENT_SOCIAL_RENT], ==,
                       expected);
      g_assert_cmpint (wm_building_get_tenure_source (b), ==,
                       expected > 0 ? WM_TENURE_ESTIMATED : WM_TENURE_STATED);
      expected_total += expected;
    }
  g_assert_cmpuint (total_dwellings (result), ==, (construction ? 31 : 27));
  g_assert_cmpuint (expected_total, ==, (construction ? 31 : 27));

  b = find_building (result, "0221100000311674"); /* k = 2: dwellings and a shop */
  g_assert_cmpstr (wm_building_get_use (b), ==, "woonfunctie,winkelfunctie");
  g_assert_cmpint (wm_building_get_year (b), ==, 1976);
  b = find_building (result, "0221100000311778"); /* k = 4: an office */
  g_assert_cmpstr (wm_building_get_use (b), ==, "kantoorfunctie");
  g_assert_cmpint (wm_building_get_n_dwellings (b), ==, 0);
  b = find_building (result, "0221100000311786"); /* k = 6: nothing in it */
  g_assert_null (wm_building_get_use (b));

  /* Addresses of the current verblijfsobjecten in panden taken */
  g_assert_cmpstr (g_hash_table_lookup (result->addresses, "6981EA 3"), ==, "0221100000311776");
  g_assert_cmpstr (g_hash_table_lookup (result->addresses, "6981EA 3A"), ==, "0221100000311776");
  g_assert_null (g_hash_table_lookup (result->addresses, "6981EA 3B")); /* ingetrokken */
  if (construction)
    g_assert_cmpstr (g_hash_table_lookup (result->addresses, "6981EA 3C"), ==,
                     "0221100000311776");
  else
    g_assert_null (g_hash_table_lookup (result->addresses, "6981EA 3C")); /* gevormd */
  g_assert_cmpstr (g_hash_table_lookup (result->addresses, "6981EB 2"), ==, "0221100000311776");
  g_assert_cmpstr (g_hash_table_lookup (result->addresses, "6981EA 4"), ==, "0221100000311778");
  g_assert_cmpstr (g_hash_table_lookup (result->addresses, "6981EA 5"), ==, "0221100000311785");
  g_assert_null (g_hash_table_lookup (result->addresses, "6981EA 5A-BIS")); /* end date */
  g_assert_null (g_hash_table_lookup (result->addresses, "6981EA 1")); /* pand not realised */
  g_assert_null (g_hash_table_lookup (result->addresses, "6981EB 1")); /* pand not there */
  /* 35 of the pattern (40 with construction) and 6981EB 2 */
  g_assert_cmpuint (g_hash_table_size (result->addresses), ==, (construction ? 40 : 36));

  /* The verblijfsobject naming a pand the layer does not have is a note, not an error */
  g_assert_true (has_note (result, "1 verblijfsobjecten (1 dwellings) name 1 panden that are "
                                   "not in layer “pand”"));
  g_assert_true (has_note (result, "5 verblijfsobjecten skipped because they have an end date"));
  g_assert_true (has_note (result, "verblijfsobjecten skipped: not realised, withdrawn"));
  if (!construction)
    g_assert_true (has_note (result, "verblijfsobjecten under construction skipped"));
  g_assert_false (has_note (result, "no dwelling counts"));
}

static void
test_bag_light (void)
{
  check_bag_light (FALSE);
}

static void
test_bag_light_construction (void)
{
  check_bag_light (TRUE);
}

/* A 3D-BAG-like pand layer: aantal_verblijfsobjecten counts for panden with woonfunctie. */
static void
test_pand_counts (void)
{
  g_autofree char *path = fixture ("pand-counts.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) result = NULL;
  g_autoptr(WmImportResult) with_construction = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  WmBuilding *b;

  result = read_with (&wm_bag_importer, path, &options, &error);
  g_assert_no_error (error);
  /* j = 1..12: j % 4 == 2 is a shop (0 dwellings), j % 4 == 3 says no use (the count is
   * taken), j = 11 is being built, j = 12 has an end date. */
  g_assert_cmpuint (result->buildings->len, ==, 10);
  g_assert_cmpuint (total_dwellings (result), ==, 1 + 3 + 4 + 5 + 7 + 8 + 9);
  b = find_building (result, "0221100000311776"); /* j = 1: woonfunctie,winkelfunctie */
  g_assert_cmpint (wm_building_get_n_dwellings (b), ==, 1);
  g_assert_cmpint (wm_building_get_tenure_source (b), ==, WM_TENURE_ESTIMATED);
  g_assert_cmpstr (wm_building_get_use (b), ==, "woonfunctie,winkelfunctie");
  b = find_building (result, "0221100000311778"); /* j = 2: winkelfunctie */
  g_assert_cmpint (wm_building_get_n_dwellings (b), ==, 0);
  g_assert_cmpstr (wm_building_get_use (b), ==, "winkelfunctie");
  b = find_building (result, "0221100000311786"); /* j = 4: year 9999 */
  g_assert_cmpint (wm_building_get_year (b), ==, 0);
  g_assert_cmpint (wm_building_get_n_dwellings (b), ==, 4);
  g_assert_true (has_note (result, "1 buildings have no usable building year"));
  g_assert_null (find_building (result, "0221100000313443")); /* Bouw gestart */
  g_assert_null (find_building (result, "0221100000313444")); /* eind_registratie */
  g_assert_true (has_note (result, "1 pand under construction skipped"));
  g_assert_true (has_note (result, "1 pand skipped because it has an end date"));

  options.include_construction = TRUE;
  with_construction = read_with (&wm_bag_importer, path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (with_construction->buildings->len, ==, 11);
  g_assert_cmpuint (total_dwellings (with_construction), ==, 37 + 11);
  g_assert_nonnull (find_building (with_construction, "0221100000313443"));
  g_assert_null (find_building (with_construction, "0221100000313444"));
}

/* A plain layer in WGS84 with a segment per building: stated tenure, ids padded, RD New. */
static void
test_layer_segments (void)
{
  g_autofree char *path = fixture ("buildings-segments.geojson");
  g_autofree char *light = fixture ("bag-light.gpkg");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) result = NULL;
  g_autoptr(WmImportResult) bag = NULL;
  g_autoptr(WmOgrSource) source = wm_ogr_source_open (path, &error);
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  static const struct
  {
    const char *id;
    WmSegment segment;
    int dwellings;
    int year;
  } expected[] = {
    { "0221100000311776", WM_SEGMENT_SOCIAL_RENT, 2, 1927 },      /* "sociale huur" */
    { "0221100000311778", WM_SEGMENT_MID_RENT, 3, 1933 },         /* "Middenhuur" */
    { "0221100000311785", WM_SEGMENT_PRIVATE_RENT, 4, 1915 },     /* "vrije sector huur" */
    { "0221100000311786", WM_SEGMENT_OWNER_EXPENSIVE, 5, 1915 },  /* "koop" */
    { "0221100000311787", WM_SEGMENT_OWNER_AFFORDABLE, 6, 1915 }, /* "owner_affordable" */
  };
  WmBuilding *b;
  char *id;

  g_assert_no_error (error);
  g_assert_true (wm_layer_buildings_importer.recognise (source, &options));
  g_assert_false (wm_bag_importer.recognise (source, &options));
  result = read_with (&wm_layer_buildings_importer, path, &options, &error);
  g_assert_no_error (error);
  bag = read_with (&wm_bag_importer, light, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->buildings->len, ==, 6);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      WmPoint here, there;

      b = find_building (result, expected[i].id);
      g_assert_nonnull (b);
      g_assert_cmpint (wm_building_get_dwellings (b)->counts[expected[i].segment], ==,
                       expected[i].dwellings);
      g_assert_cmpint (wm_building_get_n_dwellings (b), ==, expected[i].dwellings);
      g_assert_cmpint (wm_building_get_tenure_source (b), ==, WM_TENURE_STATED);
      g_assert_cmpint (wm_building_get_year (b), ==, expected[i].year);
      /* Back in RD New within 1 m of the same pand read from the RD GeoPackage */
      here = wm_geometry_centroid (wm_building_get_footprint (b));
      there = wm_geometry_centroid (wm_building_get_footprint (find_building (bag,
                                                                              expected[i].id)));
      g_assert_cmpfloat (hypot (here.x - there.x, here.y - there.y), <, 1.0);
    }
  /* No id: the layer name and feature id; no segment: estimated */
  id = g_strdup_printf ("buildings-%d", 5);
  b = find_building (result, id);
  g_free (id);
  g_assert_nonnull (b);
  g_assert_cmpint (wm_building_get_n_dwellings (b), ==, 7);
  g_assert_cmpint (wm_building_get_dwellings (b)->counts[WM_SEGMENT_SOCIAL_RENT], ==, 7);
  g_assert_cmpint (wm_building_get_tenure_source (b), ==, WM_TENURE_ESTIMATED);
}

/* The user's mapping wins over recognised names; a mapped field that is not there fails. */
static void
test_mapping (void)
{
  g_autofree char *path = fixture ("doesburg-bag-pand-centre.geojson");
  g_autofree char *counts = fixture ("pand-counts.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) result = NULL;
  g_autoptr(WmFieldMapping) mapping = wm_field_mapping_new ();
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  WmBuilding *b;

  options.mapping = mapping;
  wm_field_mapping_set (mapping, "year", "beginGeldigheid");
  result = read_with (&wm_bag_importer, path, &options, &error);
  g_assert_no_error (error);
  b = find_building (result, "0221100000311776"); /* beginGeldigheid 2000-04-25 */
  g_assert_cmpint (wm_building_get_year (b), ==, 2000);
  g_clear_pointer (&result, wm_import_result_free);

  /* dwellings from the status field instead of aantal_verblijfsobjecten: not a number */
  wm_field_mapping_set (mapping, "year", NULL);
  wm_field_mapping_set (mapping, "dwellings", "status");
  g_assert_null (read_with (&wm_bag_importer, counts, &options, &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "pand_counts"));
  g_assert_nonnull (strstr (error->message, "feature 0"));
  g_assert_nonnull (strstr (error->message, "Pand in gebruik"));
  g_clear_error (&error);

  wm_field_mapping_set (mapping, "dwellings", "woningen_totaal");
  g_assert_null (read_with (&wm_bag_importer, counts, &options, &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_FIELDS);
  g_assert_nonnull (strstr (error->message, "woningen_totaal"));
  g_assert_nonnull (strstr (error->message, "pand-counts.geojson"));
}

/* Clipping keeps the buildings whose centroid lies inside, and their addresses. */
static void
test_clip (void)
{
  g_autofree char *path = fixture ("bag-light.gpkg");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) all = NULL;
  g_autoptr(WmImportResult) clipped = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  WmBounds clip = { 206600, 447300, 206680, 447380 };
  guint inside = 0;
  GHashTableIter iter;
  gpointer key, value;

  all = read_with (&wm_bag_importer, path, &options, &error);
  g_assert_no_error (error);
  options.clip = &clip;
  clipped = read_with (&wm_bag_importer, path, &options, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < all->buildings->len; i++)
    {
      WmBuilding *b = g_ptr_array_index (all->buildings, i);
      WmPoint c = wm_geometry_centroid (wm_building_get_footprint (b));
      gboolean in = c.x >= clip.min_x && c.x <= clip.max_x && c.y >= clip.min_y &&
                    c.y <= clip.max_y;

      inside += in;
      g_assert_true ((find_building (clipped, wm_building_get_id (b)) != NULL) == in);
    }
  g_assert_cmpuint (inside, >, 3);
  g_assert_cmpuint (inside, <, all->buildings->len - 3);
  g_assert_cmpuint (clipped->buildings->len, ==, inside);
  g_assert_cmpuint (g_hash_table_size (clipped->addresses), >, 0);
  g_assert_cmpuint (g_hash_table_size (clipped->addresses), <, g_hash_table_size (all->addresses));
  g_hash_table_iter_init (&iter, clipped->addresses);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_nonnull (find_building (clipped, value));
}

static void
test_cancel (void)
{
  g_autofree char *path = fixture ("doesburg-bag-pand-centre.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmOgrSource) source = wm_ogr_source_open (path, &error);
  g_autoptr(WmImportResult) result = wm_import_result_new (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (wm_import_bag_read (source, NULL, result, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
progress_cb (double fraction, gpointer data)
{
  double *last = data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_progress (void)
{
  g_autofree char *path = fixture ("doesburg-bag-pand-centre.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmOgrSource) source = wm_ogr_source_open (path, &error);
  g_autoptr(WmImportResult) result = wm_import_result_new (path);
  double last = 0;

  g_assert_no_error (error);
  g_assert_true (wm_import_bag_read (source, NULL, result, progress_cb, &last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
}

/* A GeoJSON pand layer of one feature with @properties (JSON members) and @geometry. */
static char *
write_pand (const char *dir, const char *name, const char *properties, const char *geometry)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = g_strdup_printf (
    "{\"type\": \"FeatureCollection\", \"name\": \"pand\", \"crs\": {\"type\": \"name\", "
    "\"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::28992\"}}, \"features\": ["
    "{\"type\": \"Feature\", \"properties\": {\"identificatie\": \"0221100000311776\", "
    "\"bouwjaar\": 1927, \"status\": \"Pand in gebruik\"}, \"geometry\": {\"type\": \"Polygon\", "
    "\"coordinates\": [[[206600, 447300], [206610, 447300], [206610, 447310], [206600, 447300]]]}},"
    "{\"type\": \"Feature\", \"properties\": {%s}, \"geometry\": %s}]}",
    properties, geometry);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

#define SQUARE "{\"type\": \"Polygon\", \"coordinates\": [[[206620, 447300], [206630, 447300], " \
               "[206630, 447310], [206620, 447300]]]}"

static void
check_bad (const WmImporter *importer, const char *path, int code, const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) result = read_with (importer, path, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, WM_IMPORT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "layer “pand”"));
  g_assert_nonnull (strstr (error->message, "feature 1"));
  g_assert_nonnull (strstr (error->message, what));
}

static void
test_bad_input (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-import-bag-XXXXXX", NULL);
  /* longer than WM_OGR_MAX_TEXT (GDAL's GeoJSON reader refuses 10 MB strings itself) */
  g_autofree char *huge = g_strnfill (64 * 1024, 'x');
  g_autofree char *huge_props = g_strdup_printf ("\"identificatie\": \"%s\"", huge);
  char *path;

  g_assert_nonnull (dir);

  path = write_pand (dir, "no-geometry.geojson",
                     "\"identificatie\": \"0221100000311777\", \"status\": \"Pand in gebruik\"",
                     "null");
  check_bad (&wm_bag_importer, path, WM_IMPORT_ERROR_NO_GEOMETRY, "");
  g_unlink (path);
  g_free (path);

  path = write_pand (dir, "point.geojson", "\"identificatie\": \"0221100000311777\"",
                     "{\"type\": \"Point\", \"coordinates\": [206620, 447300]}");
  check_bad (&wm_bag_importer, path, WM_IMPORT_ERROR_NO_GEOMETRY, "polygon");
  g_unlink (path);
  g_free (path);

  path = write_pand (dir, "absurd.geojson",
                     "\"identificatie\": \"0221100000311777\", \"aantal_verblijfsobjecten\": "
                     "20000, \"gebruiksdoel\": \"woonfunctie\"",
                     SQUARE);
  check_bad (&wm_bag_importer, path, WM_IMPORT_ERROR_BAD_VALUE, "20000");
  g_unlink (path);
  g_free (path);

  path = write_pand (dir, "negative.geojson",
                     "\"identificatie\": \"0221100000311777\", \"aantal_verblijfsobjecten\": -3",
                     SQUARE);
  check_bad (&wm_bag_importer, path, WM_IMPORT_ERROR_BAD_VALUE, "-3");
  g_unlink (path);
  g_free (path);

  path = write_pand (dir, "huge.geojson", huge_props, SQUARE);
  check_bad (&wm_bag_importer, path, WM_IMPORT_ERROR_BAD_VALUE, "identificatie");
  g_unlink (path);
  g_free (path);

  path = write_pand (dir, "segment.geojson",
                     "\"id\": \"b2\", \"dwellings\": 4, \"segment\": \"'; DROP TABLE pand; --\"",
                     SQUARE);
  check_bad (&wm_layer_buildings_importer, path, WM_IMPORT_ERROR_BAD_VALUE, "DROP TABLE");
  g_unlink (path);
  g_free (path);

  /* Hostile text where any text may be: an unknown status is skipped with a note */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WmImportResult) result = NULL;

    path = write_pand (dir, "status.geojson",
                       "\"identificatie\": \"x\\\"'); DROP TABLE pand; --\", \"status\": "
                       "\"'; DELETE FROM pand; --\"",
                       SQUARE);
    result = read_with (&wm_bag_importer, path, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->buildings->len, ==, 1);
    g_assert_true (has_note (result, "1 pand with an unknown status (such as “'; DELETE FROM "
                                     "pand; --”) skipped"));
    g_unlink (path);
    g_free (path);
  }
  /* The same pand twice (two versions without end date): the first is taken, with a note */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WmImportResult) result = NULL;

    path = write_pand (dir, "twice.geojson",
                       "\"identificatie\": 221100000311776, \"status\": \"Pand in gebruik\", "
                       "\"bouwjaar\": 1990",
                       SQUARE);
    result = read_with (&wm_bag_importer, path, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->buildings->len, ==, 1);
    g_assert_cmpint (wm_building_get_year (g_ptr_array_index (result->buildings, 0)), ==, 1927);
    g_assert_true (has_note (result, "1 features repeat the id of a building already read"));
    g_unlink (path);
    g_free (path);
  }
  g_rmdir (dir);
}

static void
add_field (OGRLayerH layer, const char *name)
{
  OGRFieldDefnH field = OGR_Fld_Create (name, OFTString);

  g_assert_cmpint (OGR_L_CreateField (layer, field, TRUE), ==, OGRERR_NONE);
  OGR_Fld_Destroy (field);
}

/* A pand with more than 10,000 dwellings counted from its verblijfsobjecten fails. */
static void
test_absurd_vbo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-import-bag-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "absurd.gpkg", NULL);
  GDALDriverH driver;
  GDALDatasetH ds;
  OGRSpatialReferenceH rd = OSRNewSpatialReference (NULL);
  OGRLayerH pand, vbo;
  OGRFeatureH f;
  OGRGeometryH g = NULL;
  char *wkt = (char *) "POLYGON ((206600 447300, 206610 447300, 206610 447310, 206600 447300))";
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) result = NULL;

  GDALAllRegister ();
  driver = GDALGetDriverByName ("GPKG");
  ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  g_assert_nonnull (ds);
  OSRImportFromEPSG (rd, 28992);
  pand = GDALDatasetCreateLayer (ds, "pand", rd, wkbPolygon, NULL);
  vbo = GDALDatasetCreateLayer (ds, "verblijfsobject", NULL, wkbNone, NULL);
  add_field (pand, "identificatie");
  add_field (vbo, "pand_identificatie");
  add_field (vbo, "gebruiksdoel");
  f = OGR_F_Create (OGR_L_GetLayerDefn (pand));
  OGR_F_SetFieldString (f, 0, "0221100000311776");
  OGR_G_CreateFromWkt (&wkt, rd, &g);
  OGR_F_SetGeometryDirectly (f, g);
  g_assert_cmpint (OGR_L_CreateFeature (pand, f), ==, OGRERR_NONE);
  OGR_F_Destroy (f);
  GDALDatasetStartTransaction (ds, TRUE);
  for (int i = 0; i < WM_IMPORT_BAG_MAX_DWELLINGS + 1; i++)
    {
      f = OGR_F_Create (OGR_L_GetLayerDefn (vbo));
      OGR_F_SetFieldString (f, 0, "0221100000311776");
      OGR_F_SetFieldString (f, 1, "woonfunctie");
      g_assert_cmpint (OGR_L_CreateFeature (vbo, f), ==, OGRERR_NONE);
      OGR_F_Destroy (f);
    }
  GDALDatasetCommitTransaction (ds);
  GDALClose (ds);
  OSRRelease (rd);

  result = read_with (&wm_bag_importer, path, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "layer “pand”, feature 1"));
  g_assert_nonnull (strstr (error->message, "10001 dwellings"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_normalise_id (void)
{
  static const char *const cases[][2] = {
    { "0221100000311191", "0221100000311191" },
    { "221100000311191", "0221100000311191" },
    { " 221100000311191 ", "0221100000311191" },
    { "NL.IMBAG.Pand.0221100000311191", "0221100000311191" },
    { "221100000311191.0", "0221100000311191" },
    { "2.21100000311191e+14", "0221100000311191" },
    { "9999999999999999", "9999999999999999" },
    { "12345678901234567", "12345678901234567" },
    { "gebouw 7", "gebouw 7" },
    { "1.5", "1.5" },
    { "inf", "inf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = wm_import_bag_normalise_id (cases[i][0]);

      g_assert_cmpstr (id, ==, cases[i][1]);
    }
  g_assert_null (wm_import_bag_normalise_id ("  "));
  g_assert_null (wm_import_bag_normalise_id (NULL));
}

/* A layer of areas with aantal_woningen (CBS) is not a building layer. */
static void
test_recognise_areas (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-import-bag-XXXXXX", NULL);
  static const char *const props[] = { "\"buurtcode\": \"BU02210000\", ", "" };

  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    {
      g_autofree char *path = g_build_filename (dir, "areas.geojson", NULL);
      g_autofree char *text = g_strdup_printf (
        "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
        "\"properties\": {%s\"aantal_woningen\": 420}, \"geometry\": " SQUARE "}]}", props[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(WmOgrSource) source = NULL;

      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
      source = wm_ogr_source_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (wm_layer_buildings_importer.recognise (source, NULL) == (i == 1));
      g_assert_false (wm_bag_importer.recognise (source, NULL));
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_roles (void)
{
  guint n;
  const WmFieldRole *roles = wm_bag_importer.get_roles (&n);
  gboolean seen_pand = FALSE;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (roles[i].role, "vbo_pand") == 0)
      seen_pand = TRUE;
  g_assert_true (seen_pand);
  roles = wm_layer_buildings_importer.get_roles (&n);
  g_assert_cmpuint (n, ==, 8);
  g_assert_cmpstr (roles[7].role, ==, "segment");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-bag/doesburg", test_doesburg);
  g_test_add_func ("/import-bag/lvbag-zip", test_lvbag_zip);
  g_test_add_func ("/import-bag/bag-light", test_bag_light);
  g_test_add_func ("/import-bag/bag-light-construction", test_bag_light_construction);
  g_test_add_func ("/import-bag/pand-counts", test_pand_counts);
  g_test_add_func ("/import-bag/layer-segments", test_layer_segments);
  g_test_add_func ("/import-bag/mapping", test_mapping);
  g_test_add_func ("/import-bag/clip", test_clip);
  g_test_add_func ("/import-bag/cancel", test_cancel);
  g_test_add_func ("/import-bag/progress", test_progress);
  g_test_add_func ("/import-bag/bad-input", test_bad_input);
  g_test_add_func ("/import-bag/absurd-vbo", test_absurd_vbo);
  g_test_add_func ("/import-bag/normalise-id", test_normalise_id);
  g_test_add_func ("/import-bag/recognise-areas", test_recognise_areas);
  g_test_add_func ("/import-bag/roles", test_roles);

  return g_test_run ();
}
