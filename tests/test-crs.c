/* test-crs.c: tests of the RD New <-> WGS84 conversion */
#include "config.h"

#include <math.h>

#include "wm-crs.h"

static void
test_reference_point (void)
{
  double lat, lon, x, y;

  /* The polynomials vanish at the reference point, so it maps exactly. */
  wm_crs_rd_to_wgs84 (155000, 463000, &lat, &lon);
  g_assert_cmpfloat (lat, ==, 52.15517440);
  g_assert_cmpfloat (lon, ==, 5.38720621);

  wm_crs_wgs84_to_rd (52.15517440, 5.38720621, &x, &y);
  g_assert_cmpfloat (x, ==, 155000);
  g_assert_cmpfloat (y, ==, 463000);
}

/* Reference values from PROJ (cs2cs EPSG:28992 EPSG:4326). */
static const struct
{
  double x, y, lat, lon;
} known[] = {
  { 121687, 487484, 52.374218, 4.898010 }, /* Amsterdam centre, near the Dam */
  { 233883, 582065, 53.219380, 6.568196 }, /* Groningen */
  { 92565, 437244, 51.920172, 4.479625 },  /* Rotterdam */
  { 176000, 317000, 50.842460, 5.685334 }, /* Maastricht */
};

static void
test_known_points (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      double lat, lon, x, y;

      wm_crs_rd_to_wgs84 (known[i].x, known[i].y, &lat, &lon);
      g_assert_cmpfloat_with_epsilon (lat, known[i].lat, 1e-4);
      g_assert_cmpfloat_with_epsilon (lon, known[i].lon, 1e-4);

      /* About a metre: 2e-5 degrees is ~2 m in latitude. */
      wm_crs_wgs84_to_rd (known[i].lat, known[i].lon, &x, &y);
      g_assert_cmpfloat_with_epsilon (x, known[i].x, 2.0);
      g_assert_cmpfloat_with_epsilon (y, known[i].y, 2.0);
    }
}

static void
test_round_trip (void)
{
  for (double x = 0; x <= 280000; x += 20000)
    for (double y = 300000; y <= 620000; y += 20000)
      {
        double lat, lon, x2, y2;

        wm_crs_rd_to_wgs84 (x, y, &lat, &lon);
        g_assert_true (lat > 50 && lat < 54);
        g_assert_true (lon > 2.5 && lon < 7.5);
        wm_crs_wgs84_to_rd (lat, lon, &x2, &y2);
        g_assert_cmpfloat_with_epsilon (x2, x, 0.5);
        g_assert_cmpfloat_with_epsilon (y2, y, 0.5);
      }
}

static void
test_plausible (void)
{
  g_assert_true (wm_crs_rd_is_plausible (155000, 463000));
  g_assert_true (wm_crs_rd_is_plausible (-7000, 289000));
  g_assert_true (wm_crs_rd_is_plausible (300000, 629000));
  g_assert_false (wm_crs_rd_is_plausible (-7001, 463000));
  g_assert_false (wm_crs_rd_is_plausible (155000, 629001));
  g_assert_false (wm_crs_rd_is_plausible (155000, 288999));
  g_assert_false (wm_crs_rd_is_plausible (300001, 463000));
  /* Degrees passed by mistake. */
  g_assert_false (wm_crs_rd_is_plausible (5.38, 52.15));
  g_assert_false (wm_crs_rd_is_plausible (NAN, 463000));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crs/reference-point", test_reference_point);
  g_test_add_func ("/crs/known-points", test_known_points);
  g_test_add_func ("/crs/round-trip", test_round_trip);
  g_test_add_func ("/crs/plausible", test_plausible);

  return g_test_run ();
}
