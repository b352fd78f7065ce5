/* test-demo.c: the embedded demo neighbourhood (Otterlo) */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "wm-core.h"
#include "wm-crs.h"
#include "wm-demo.h"
#include "wm-indicator-engine.h"

/* What tools/make-demo keeps from the extract (see data/demo/PROVENANCE.md). */
#define N_BUILDINGS 762
#define N_AREAS 17
#define N_FACILITIES 7
#define CONCENTRATION_AREA "cell-3-3"

static WmPlan *
load_demo (void)
{
  g_autoptr (GError) error = NULL;
  WmPlan *plan = wm_demo_load (&error);

  g_assert_no_error (error);
  g_assert_true (WM_IS_PLAN (plan));
  return plan;
}

static void
test_demo_metadata (void)
{
  g_autoptr (WmPlan) plan = load_demo ();

  g_assert_true (wm_plan_get_illustrative (plan));
  g_assert_cmpstr (wm_plan_get_name (plan), ==, "Otterlo (demo)");
  g_assert_nonnull (strstr (wm_plan_get_attribution (plan), "BGT"));
  g_assert_nonnull (strstr (wm_plan_get_attribution (plan), "CC0"));
  g_assert_cmpint (wm_plan_get_srs_id (plan), ==, WM_SRS_RD_NEW);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_scenarios (plan)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (
                      wm_scenario_get_proposals (wm_plan_get_active_scenario (plan))), ==, 0);
}

/* The demo's attribution is stored in English and shown line by line in the user's language;
 * a line the demo does not store stays as it is. */
static void
test_demo_attribution (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *with_own = g_strconcat (wm_plan_get_attribution (plan), "\n\nOwn survey 2026",
                                           NULL);
  g_auto (GStrv) english = NULL;
  g_auto (GStrv) dutch = NULL;

  english = wm_demo_translate_attribution (with_own);
  g_assert_cmpuint (g_strv_length (english), ==, 5);
  g_assert_cmpstr (english[0], ==, "Geometry: BGT, Kadaster / PDOK, CC0 (extract of August 2020)");
  g_assert_cmpstr (english[4], ==, "Own survey 2026");

  /* gettext reads LANGUAGE again after setlocale(); with the C locale it ignores it. */
  g_setenv ("LANGUAGE", "nl", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  dutch = wm_demo_translate_attribution (with_own);
  g_assert_cmpuint (g_strv_length (dutch), ==, 5);
  g_assert_true (g_str_has_prefix (dutch[0], "Geometrie: BGT"));
  g_assert_nonnull (strstr (dutch[3], "illustratie"));
  g_assert_cmpstr (dutch[4], ==, "Own survey 2026");

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C.UTF-8");
  g_strfreev (english);
  english = wm_demo_translate_attribution (NULL);
  g_assert_null (english[0]);
}

static void
test_demo_counts (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  WmBasemap *basemap = wm_plan_get_basemap (plan);
  GPtrArray *labels;
  gboolean found_street = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_buildings (plan)), ==, N_BUILDINGS);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_areas (plan)), ==, N_AREAS);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_facilities (plan)), ==, N_FACILITIES);
  /* The demo's buildings are all its own (with dwellings): no context footprints. */
  for (int klass = 0; klass < WM_N_BASEMAP_CLASSES; klass++)
    if (klass != WM_BASEMAP_BUILDING)
      g_assert_cmpuint (wm_basemap_get_features (basemap, klass)->len, >, 0);
  g_assert_cmpuint (wm_basemap_get_features (basemap, WM_BASEMAP_BUILDING)->len, ==, 0);

  labels = wm_basemap_get_features (basemap, WM_BASEMAP_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      WmBasemapFeature *f = g_ptr_array_index (labels, i);

      g_assert_nonnull (f->text);
      g_assert_cmpint (f->geometry->kind, ==, WM_GEOMETRY_POINT);
      if (g_strcmp0 (f->text, "Dorpsstraat") == 0)
        found_street = TRUE;
    }
  g_assert_true (found_street);

  /* A real BAG pand id survives as the building id. */
  g_assert_nonnull (wm_plan_find_building (plan, "0228100000000386"));
}

static double
social_share (const WmDwellingMix *mix)
{
  int total = wm_dwelling_mix_total (mix);

  g_assert_cmpint (total, >, 0);
  return (double) mix->counts[WM_SEGMENT_SOCIAL_RENT] / total;
}

static void
test_demo_dwellings (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  WmDwellingMix all = wm_plan_get_baseline_dwellings (plan, NULL);
  WmDwellingMix concentration = wm_plan_get_baseline_dwellings (plan, CONCENTRATION_AREA);
  GListModel *buildings = wm_plan_get_buildings (plan);
  WmDwellingMix sum = { { 0 } };

  g_assert_nonnull (wm_plan_find_area (plan, CONCENTRATION_AREA));
  g_assert_cmpint (wm_dwelling_mix_total (&all), >, 0);
  g_assert_cmpfloat (social_share (&concentration), >, 0.5);
  g_assert_cmpfloat (social_share (&all), <, 0.5);
  g_assert_cmpfloat (social_share (&all), <, social_share (&concentration));

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr (WmBuilding) b = g_list_model_get_item (buildings, i);

      wm_dwelling_mix_add (&sum, wm_building_get_dwellings (b));
      g_assert_cmpint (wm_building_get_year (b), ==, 0);
      /* Non-residential buildings say what they are instead. */
      if (wm_building_get_n_dwellings (b) == 0)
        g_assert_nonnull (wm_building_get_use (b));
    }
  g_assert_true (wm_dwelling_mix_equal (&sum, &all));
}

static void
test_demo_geography (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  GListModel *buildings = wm_plan_get_buildings (plan);
  GListModel *facilities = wm_plan_get_facilities (plan);
  WmBounds bounds = wm_plan_get_bounds (plan);
  double lat, lon;

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr (WmBuilding) b = g_list_model_get_item (buildings, i);
      WmGeometry *footprint = wm_building_get_footprint (b);
      WmPoint c = wm_geometry_centroid (footprint);
      WmArea *area;

      g_assert_cmpint (footprint->kind, ==, WM_GEOMETRY_MULTIPOLYGON);
      g_assert_cmpfloat (wm_geometry_area (footprint), >, 0.0);
      g_assert_nonnull (wm_building_get_area_id (b));
      area = wm_plan_find_area (plan, wm_building_get_area_id (b));
      g_assert_nonnull (area);
      g_assert_true (wm_geometry_contains_point (wm_area_get_boundary (area), c.x, c.y));
      g_assert_true (wm_plan_find_building (plan, wm_building_get_id (b)) == b);
    }

  for (guint i = 0; i < g_list_model_get_n_items (facilities); i++)
    {
      g_autoptr (WmFacility) f = g_list_model_get_item (facilities, i);
      WmPoint p = wm_facility_get_location (f);

      /* Near the village core, inside the grid. */
      g_assert_nonnull (wm_plan_area_at (plan, p.x, p.y));
    }

  g_assert_false (wm_bounds_is_empty (&bounds));
  g_assert_true (wm_crs_rd_is_plausible (bounds.min_x, bounds.min_y));
  g_assert_true (wm_crs_rd_is_plausible (bounds.max_x, bounds.max_y));
  /* Otterlo, not anywhere in the Netherlands: the centre is near 52.10 N, 5.77 E. */
  wm_crs_rd_to_wgs84 ((bounds.min_x + bounds.max_x) / 2, (bounds.min_y + bounds.max_y) / 2, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 52.10, 0.03);
  g_assert_cmpfloat_with_epsilon (lon, 5.77, 0.03);
}

/* The RIVM green rule on the demo: 304 of its 353 dwellings have at least 1 ha of green that
 * is not farmland within 300 m, as SpatiaLite counts it (docs/indicators.md); 353 with
 * farmland. */
static void
test_demo_green (void)
{
  g_autoptr (WmPlan) plan = load_demo ();
  g_autoptr (WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);

  g_assert_cmpfloat (wm_indicator_engine_get (engine, "dwellings", NULL, WM_INDICATOR_BASELINE),
                     ==, 353);
  g_assert_cmpfloat_with_epsilon (wm_indicator_engine_get (engine, "coverage.green", NULL,
                                                           WM_INDICATOR_BASELINE),
                                  304.0 / 353.0, 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add_func ("/demo/metadata", test_demo_metadata);
  g_test_add_func ("/demo/attribution", test_demo_attribution);
  g_test_add_func ("/demo/counts", test_demo_counts);
  g_test_add_func ("/demo/dwellings", test_demo_dwellings);
  g_test_add_func ("/demo/geography", test_demo_geography);
  g_test_add_func ("/demo/green", test_demo_green);
  return g_test_run ();
}
