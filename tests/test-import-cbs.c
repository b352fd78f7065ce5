/* test-import-cbs.c: the CBS Wijk- en buurtkaart in both column styles and two formats
 *
 * Fixtures: tests/fixtures/cbs (made by make-cbs-fixtures.sh from the generalised 2022 buurten;
 * the figures in them are made up, see tests/fixtures/README.md).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "wm-core.h"
#include "wm-import-cbs.h"
#include "wm-tenure-estimate.h"
#include "wm-test-util.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "cbs", name, NULL);
}

static WmImportResult *
read_cbs (const char            *path,
          const WmImportOptions *options,
          GError               **error)
{
  g_autoptr(WmOgrSource) source = wm_ogr_source_open (path, error);
  g_autoptr(WmImportResult) result = NULL;
  WmImportOptions defaults = WM_IMPORT_OPTIONS_INIT;

  if (source == NULL)
    return NULL;
  result = wm_import_result_new (path);
  if (!wm_import_cbs_read (source, options != NULL ? options : &defaults, result, NULL, NULL,
                           NULL, error))
    return NULL;
  return g_steal_pointer (&result);
}

static WmArea *
find_area (WmImportResult *result,
           const char     *id)
{
  for (guint i = 0; i < result->areas->len; i++)
    if (g_str_equal (wm_area_get_id (g_ptr_array_index (result->areas, i)), id))
      return g_ptr_array_index (result->areas, i);
  return NULL;
}

/* Newer files: long names, GeoJSON in WGS84, year from jrstatcode. */
static void
test_long_names_geojson (void)
{
  g_autofree char *path = fixture ("wijkenbuurten_2022_long.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) result = read_cbs (path, NULL, &error);
  g_autoptr(WmOgrSource) source = NULL;
  WmAreaFigures f;
  WmArea *area;
  WmBounds bounds;

  g_assert_no_error (error);
  g_assert_cmpuint (result->areas->len, ==, 6);
  source = wm_ogr_source_open (path, NULL);
  g_assert_true (wm_import_cbs_recognise (source, NULL));

  area = find_area (result, "BU01411600");
  g_assert_nonnull (area);
  g_assert_cmpstr (wm_area_get_name (area), ==, "Boomplaats");
  g_assert_true (wm_area_get_figures (area, &f));
  g_assert_cmpfloat (f.pct_corporation_rent, ==, 38);
  g_assert_cmpfloat (f.pct_other_rent, ==, 12);
  g_assert_cmpfloat (f.pct_owner, ==, 50);
  g_assert_cmpfloat (f.dwellings, ==, 820);
  g_assert_cmpfloat (f.mean_woz, ==, 231);
  g_assert_cmpfloat (f.inhabitants, ==, 1890);
  g_assert_cmpint (f.year, ==, 2022);
  /* In RD New: Almelo lies around x 240 km, y 485 km. */
  bounds = wm_area_get_boundary (area)->bounds;
  g_assert_cmpfloat (bounds.min_x, >, 235000);
  g_assert_cmpfloat (bounds.max_x, <, 245000);
  g_assert_cmpfloat (bounds.min_y, >, 480000);
  g_assert_cmpfloat (bounds.max_y, <, 490000);

  /* Secret (-99997): not available, never 0 or -99997. */
  area = find_area (result, "BU01411602");
  g_assert_true (wm_area_get_figures (area, &f));
  g_assert_true (isnan (f.pct_corporation_rent));
  g_assert_true (isnan (f.pct_other_rent));
  g_assert_true (isnan (f.pct_owner));
  g_assert_true (isnan (f.mean_woz));
  g_assert_cmpfloat (f.dwellings, ==, 12);
  /* Not yet published (-99999998) WOZ only. */
  area = find_area (result, "BU01411605");
  g_assert_true (wm_area_get_figures (area, &f));
  g_assert_true (isnan (f.mean_woz));
  g_assert_cmpfloat (f.pct_owner, ==, 65);

  g_assert_nonnull (strstr (result->attribution, "CBS / Kadaster"));
  g_assert_nonnull (strstr (result->attribution, "2022"));
}

/* Older files: short codes, a GeoPackage in RD New with buurten, wijken and gemeenten; the
 * year from the file name. */
static void
test_short_codes_gpkg (void)
{
  g_autofree char *path = fixture ("buurt_2022_short.gpkg");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) result = read_cbs (path, NULL, &error);
  g_autoptr(WmImportResult) wijken = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  WmAreaFigures f;
  WmArea *area;

  g_assert_no_error (error);
  /* Without --layer: the buurten. */
  g_assert_cmpuint (result->areas->len, ==, 26);
  area = find_area (result, "BU06370100");
  g_assert_cmpstr (wm_area_get_name (area), ==, "Meerzicht-West");
  g_assert_true (wm_area_get_figures (area, &f));
  g_assert_cmpint (f.year, ==, 2022);
  g_assert_true (isfinite (f.pct_corporation_rent) && f.pct_corporation_rent >= 25);
  g_assert_cmpfloat (f.pct_corporation_rent + f.pct_other_rent + f.pct_owner, ==, 100);
  g_assert_true (f.mean_woz >= 240);
  area = find_area (result, "BU06370101");
  g_assert_true (wm_area_get_figures (area, &f));
  g_assert_true (isnan (f.mean_woz)); /* -99999998 */
  g_assert_true (isfinite (f.pct_owner));
  /* A buurt without dwellings is still an area; its -99995 figures are not available. */
  for (guint i = 0; i < result->areas->len; i++)
    if (g_str_equal (wm_area_get_name (g_ptr_array_index (result->areas, i)), "Scheidingszone"))
      area = g_ptr_array_index (result->areas, i);
  g_assert_cmpstr (wm_area_get_name (area), ==, "Scheidingszone");
  g_assert_true (wm_area_get_figures (area, &f));
  g_assert_cmpfloat (f.dwellings, ==, 0);
  g_assert_true (isnan (f.pct_corporation_rent));

  options.layer = "wijken";
  wijken = read_cbs (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wijken->areas->len, >, 1);
  g_assert_true (g_str_has_prefix (wm_area_get_id (g_ptr_array_index (wijken->areas, 0)), "WK0637"));

  options.layer = "nope";
  g_assert_null (read_cbs (path, &options, &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NO_LAYER);
}

/* area_codes keeps only the buurten named, by code or name in any case; an unknown one is an
 * error naming it and listing near matches. */
static void
test_area_codes (void)
{
  g_autofree char *path = fixture ("buurt_2022_short.gpkg");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) result = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  const char *codes[] = { "bu06370100", "MEERZICHT-OOST", NULL };
  const char *unknown[] = { "Meerzicht", NULL };
  const char *far[] = { "Xyzzy Plugh", NULL };

  options.area_codes = codes;
  result = read_cbs (path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->areas->len, ==, 2);
  g_assert_nonnull (find_area (result, "BU06370100"));
  g_assert_nonnull (find_area (result, "BU06370101"));

  options.area_codes = unknown;
  g_assert_null (read_cbs (path, &options, &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no area “Meerzicht”"));
  g_assert_nonnull (strstr (error->message, "Meerzicht-West (BU06370100)"));
  g_assert_nonnull (strstr (error->message, "Meerzicht-Oost (BU06370101)"));
  g_clear_error (&error);

  options.area_codes = far;
  g_assert_null (read_cbs (path, &options, &error));
  g_assert_nonnull (strstr (error->message, "none with a similar code or name"));
}

/* Absurd values: an error naming file, layer, feature and field. */
static void
test_bad_values (void)
{
  const struct { const char *properties; const char *message; } cases[] = {
    { "\"BU_CODE\": \"BU1\", \"P_HUURCORP\": 150", "field “P_HUURCORP” holds 150, not a percentage" },
    { "\"BU_CODE\": \"BU1\", \"percentage_koopwoningen\": -5", "field “percentage_koopwoningen” holds -5" },
    { "\"BU_CODE\": \"BU1\", \"WONINGEN\": -12", "field “WONINGEN” holds -12, not a count" },
    { "\"BU_CODE\": \"BU1\", \"WOZ\": \"veel\"", "field “WOZ” should hold a number" },
    { "\"BU_CODE\": \"\"", "the area has no code" },
  };
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-cbs-XXXXXX", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, "buurt_2021.geojson", NULL);
      g_autofree char *json = g_strdup_printf (
        "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
        "\"properties\": {\"BU_CODE\": \"BU0\", \"P_HUURCORP\": 20}, \"geometry\": "
        "{\"type\": \"Polygon\", \"coordinates\": [[[5.0, 52.0], [5.01, 52.0], [5.01, 52.01], "
        "[5.0, 52.0]]]}}, {\"type\": \"Feature\", \"properties\": {%s}, \"geometry\": "
        "{\"type\": \"Polygon\", \"coordinates\": [[[5.0, 52.0], [5.01, 52.0], [5.01, 52.01], "
        "[5.0, 52.0]]]}}]}", cases[i].properties);
      g_autoptr(GError) error = NULL;
      g_autoptr(WmImportResult) result = NULL;

      g_assert_true (g_file_set_contents (path, json, -1, NULL));
      result = read_cbs (path, NULL, &error);
      g_assert_null (result);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].message) == NULL ||
          strstr (error->message, "buurt_2021.geojson") == NULL ||
          strstr (error->message, "feature 1") == NULL)
        g_error ("“%s” does not name the file, feature 1 and “%s”", error->message,
                 cases[i].message);
      g_remove (path);
    }
  g_rmdir (dir);
}

/* The generalised buurten as shared (statcode/statnaam, no key figures): areas without
 * figures, the year from jrstatcode. */
static void
test_boundaries_only (void)
{
  g_autofree char *path = fixture ("zoetermeer_buurten_2022.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) result = read_cbs (path, NULL, &error);
  WmAreaFigures f;
  WmArea *area;

  g_assert_no_error (error);
  g_assert_cmpuint (result->areas->len, ==, 26);
  area = find_area (result, "BU06370101");
  g_assert_cmpstr (wm_area_get_name (area), ==, "Meerzicht-Oost");
  g_assert_false (wm_area_get_figures (area, &f));
  g_assert_true (isnan (f.pct_owner));
}

static void
test_year_from_name (void)
{
  g_assert_cmpint (wm_import_cbs_year_from_name ("/data/wijkenbuurten_2022_v3.gpkg"), ==, 2022);
  g_assert_cmpint (wm_import_cbs_year_from_name ("buurt_2019.shp"), ==, 2019);
  g_assert_cmpint (wm_import_cbs_year_from_name ("WijkBuurtkaart_2017_v3.zip"), ==, 2017);
  g_assert_cmpint (wm_import_cbs_year_from_name ("buurten.gpkg"), ==, 0);
  g_assert_cmpint (wm_import_cbs_year_from_name ("buurt_12022.gpkg"), ==, 0);
}

/* From file to estimate: both column styles give the estimated shares; not-available areas
 * fall back. */
static void
test_estimate_from_file (void)
{
  g_autofree char *path = fixture ("wijkenbuurten_2022_long.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportResult) result = read_cbs (path, NULL, &error);
  g_autoptr(GPtrArray) buildings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(WmGeometry) footprint = wm_test_square (0, 0, 5);
  const char *ids[] = { "BU01411600", "BU01411602" };
  gboolean fallback_noted = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      WmBuilding *b = wm_building_new (ids[i], footprint);
      WmDwellingMix mix = { { 100, 0, 0, 0, 0 } };

      wm_building_set_dwellings (b, &mix);
      wm_building_set_area_id (b, ids[i]);
      wm_building_set_tenure_source (b, WM_TENURE_ESTIMATED);
      g_ptr_array_add (buildings, b);
    }
  out = wm_tenure_estimate (result->areas, buildings, NULL, notes);
  /* Boomplaats: 38 / 12 / 50. */
  {
    const WmDwellingMix *m = wm_building_get_dwellings (g_ptr_array_index (out, 0));

    g_assert_cmpint (m->counts[WM_SEGMENT_SOCIAL_RENT], ==, 38);
    g_assert_cmpint (m->counts[WM_SEGMENT_PRIVATE_RENT], ==, 12);
    g_assert_cmpint (m->counts[WM_SEGMENT_OWNER_AFFORDABLE] +
                     m->counts[WM_SEGMENT_OWNER_EXPENSIVE], ==, 50);
    /* WOZ 231 thousand, well below the limit: mostly affordable. */
    g_assert_cmpint (m->counts[WM_SEGMENT_OWNER_AFFORDABLE], >, 40);
  }
  for (guint i = 0; i < notes->len; i++)
    fallback_noted |= strstr (g_ptr_array_index (notes, i), "“Beeklust” has no CBS tenure") != NULL;
  g_assert_true (fallback_noted);
  g_assert_cmpint (wm_building_get_n_dwellings (g_ptr_array_index (out, 1)), ==, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add_func ("/import-cbs/long-names-geojson", test_long_names_geojson);
  g_test_add_func ("/import-cbs/short-codes-gpkg", test_short_codes_gpkg);
  g_test_add_func ("/import-cbs/area-codes", test_area_codes);
  g_test_add_func ("/import-cbs/bad-values", test_bad_values);
  g_test_add_func ("/import-cbs/boundaries-only", test_boundaries_only);
  g_test_add_func ("/import-cbs/year-from-name", test_year_from_name);
  g_test_add_func ("/import-cbs/estimate-from-file", test_estimate_from_file);
  return g_test_run ();
}
