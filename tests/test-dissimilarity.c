/* test-dissimilarity.c: D and its chance level against enumeration, log-gamma and Monte Carlo */
#include "config.h"

#include <math.h>

#include "wm-dissimilarity.h"

/* Units as (a, b) pairs. */
static double
index_of (const gint64 *units,
          guint         n)
{
  return wm_dissimilarity_index (&units[0], &units[1], 2, n);
}

static double
chance_of (const gint64 *units,
           guint         n)
{
  return wm_dissimilarity_chance (&units[0], &units[1], 2, n);
}

/* Every way of choosing which A of the N dwellings are group a, each equally likely: the mean
 * D over all of them. */
static double
enumerate_chance (const gint64 *sizes,
                  guint         n_units,
                  guint         A)
{
  guint N = 0, n_subsets = 0;
  double sum = 0.0;
  g_autofree guint *unit_of = NULL;
  g_autofree gint64 *units = g_new0 (gint64, 2 * n_units);

  for (guint i = 0; i < n_units; i++)
    N += sizes[i];
  g_assert_cmpuint (N, <=, 20);
  unit_of = g_new (guint, N);
  for (guint i = 0, d = 0; i < n_units; i++)
    for (gint64 k = 0; k < sizes[i]; k++)
      unit_of[d++] = i;

  for (guint mask = 0; mask < (1u << N); mask++)
    {
      if ((guint) __builtin_popcount (mask) != A)
        continue;
      for (guint i = 0; i < n_units; i++)
        units[2 * i] = units[2 * i + 1] = 0;
      for (guint d = 0; d < N; d++)
        units[2 * unit_of[d] + ((mask >> d) & 1 ? 0 : 1)]++;
      sum += index_of (units, n_units);
      n_subsets++;
    }
  return sum / n_subsets;
}

static void
test_index (void)
{
  /* The fixture of docs/indicators.md: areas (40, 40), (0, 20) give 1/3. */
  gint64 areas[] = { 40, 40, 0, 20 };
  gint64 empty[] = { 0, 0, 0, 0 };
  gint64 one_group[] = { 5, 0, 7, 0 };
  gint64 negative[] = { 40, 40, -3, 20, 0, -5 };

  g_assert_cmpfloat_with_epsilon (index_of (areas, 2), 1.0 / 3.0, 1e-15);
  g_assert_cmpuint (wm_dissimilarity_count_units (&areas[0], &areas[1], 2, 2), ==, 2);
  g_assert_cmpfloat (index_of (empty, 2), ==, 0.0);
  g_assert_cmpfloat (chance_of (empty, 2), ==, 0.0);
  g_assert_cmpuint (wm_dissimilarity_count_units (&empty[0], &empty[1], 2, 2), ==, 0);
  /* Nobody of the other group: nothing to compare, D and its chance level are 0. */
  g_assert_cmpfloat (index_of (one_group, 2), ==, 0.0);
  g_assert_cmpfloat (chance_of (one_group, 2), ==, 0.0);
  /* Negative counts (inconsistent proposals) count as 0; the last unit is then empty. */
  g_assert_cmpfloat_with_epsilon (index_of (negative, 3), 1.0 / 3.0, 1e-15);
  g_assert_cmpuint (wm_dissimilarity_count_units (&negative[0], &negative[1], 2, 3), ==, 2);
  g_assert_cmpfloat (chance_of (negative, 3), ==, chance_of (areas, 2));
}

static void
test_chance_enumeration (void)
{
  static const struct
  {
    gint64 sizes[6];
    guint n_units;
  } cases[] = {
    { { 1, 1 }, 2 },
    { { 1, 2, 3 }, 3 },
    { { 4, 4, 4 }, 3 },
    { { 1, 1, 1, 1, 1, 1 }, 6 },
    { { 10, 1, 2 }, 3 },
    { { 3, 5, 2, 1, 4 }, 5 },
    { { 16 }, 1 },
    { { 7, 0, 9 }, 3 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      guint N = 0;

      for (guint i = 0; i < cases[c].n_units; i++)
        N += cases[c].sizes[i];
      for (guint A = 0; A <= N; A++)
        {
          g_autofree gint64 *units = g_new0 (gint64, 2 * cases[c].n_units);
          gint64 left = A;
          double expected = enumerate_chance (cases[c].sizes, cases[c].n_units, A);
          double chance;

          /* Any split with A of group a: the chance level depends only on sizes and A. */
          for (guint i = 0; i < cases[c].n_units; i++)
            {
              units[2 * i] = MIN (left, cases[c].sizes[i]);
              units[2 * i + 1] = cases[c].sizes[i] - units[2 * i];
              left -= units[2 * i];
            }
          chance = chance_of (units, cases[c].n_units);
          if (g_test_verbose ())
            g_test_message ("case %u A=%u: %.15f vs %.15f", c, A, chance, expected);
          g_assert_cmpfloat_with_epsilon (chance, expected, 1e-12);
        }
    }
  /* One unit: everybody is already spread evenly. */
  {
    gint64 one[] = { 6, 10 };

    g_assert_cmpfloat (chance_of (one, 1), ==, 0.0);
  }
}

/* The same expectation summed term by term with log-gamma probabilities. */
static double
lgamma_chance (const gint64 *sizes,
               guint         n_units,
               gint64        A)
{
  gint64 N = 0;
  double sum = 0.0;

  for (guint i = 0; i < n_units; i++)
    N += sizes[i];
  for (guint i = 0; i < n_units; i++)
    {
      gint64 n = sizes[i], B = N - A;

      for (gint64 x = MAX (0, n - B); x <= MIN (n, A); x++)
        {
          double lp = lgamma (A + 1.0) - lgamma (x + 1.0) - lgamma (A - x + 1.0) +
                      lgamma (B + 1.0) - lgamma (n - x + 1.0) - lgamma (B - n + x + 1.0) -
                      (lgamma (N + 1.0) - lgamma (n + 1.0) - lgamma (N - n + 1.0));

          sum += exp (lp) * fabs ((double) x / A - (double) (n - x) / B);
        }
    }
  return sum / 2.0;
}

/* Sizes like the demo's 250 m cells (1 to 42 dwellings). */
static const gint64 demo_like[] = {
  1, 1, 2, 3, 3, 4, 5, 5, 6, 7, 8, 8, 9, 10, 11, 12, 12, 13, 14, 15, 16, 17, 18, 20, 21,
  22, 24, 25, 27, 29, 30, 32, 34, 36, 38, 40, 42,
};

static void
test_chance_lgamma (void)
{
  guint n = G_N_ELEMENTS (demo_like);
  g_autofree gint64 *units = g_new0 (gint64, 2 * n);
  gint64 N = 0, A;

  for (guint i = 0; i < n; i++)
    N += demo_like[i];
  A = N / 5;
  /* Group a put anywhere: the chance level does not depend on where. */
  for (guint i = 0, left = A; i < n; i++)
    {
      units[2 * (n - 1 - i)] = MIN ((gint64) left, demo_like[n - 1 - i]);
      units[2 * (n - 1 - i) + 1] = demo_like[n - 1 - i] - units[2 * (n - 1 - i)];
      left -= units[2 * (n - 1 - i)];
    }
  g_assert_cmpfloat_with_epsilon (chance_of (units, n), lgamma_chance (demo_like, n, A), 1e-10);
  g_assert_cmpuint (wm_dissimilarity_count_units (&units[0], &units[1], 2, n), ==, n);

  /* Large units: few dwellings per unit no longer matter, the chance level is small. */
  {
    gint64 big[] = { 2000, 8000, 2500, 7500, 3000, 7000 };
    gint64 sizes[] = { 10000, 10000, 10000 };
    double chance = chance_of (big, 3);

    g_assert_cmpfloat_with_epsilon (chance, lgamma_chance (sizes, 3, 7500), 1e-9);
    g_assert_cmpfloat (chance, <, 0.01);
    g_assert_cmpfloat (chance, >, 0.0);
  }
}

/* A fixed-seed shuffle of the dwellings' group over the same units, many times: the mean D
 * agrees with the exact expectation within the sampling error. */
static void
test_chance_monte_carlo (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261203);
  guint n = G_N_ELEMENTS (demo_like), N = 0, A;
  g_autofree guint *unit_of = NULL;
  g_autofree guint8 *group = NULL;
  g_autofree gint64 *units = g_new0 (gint64, 2 * n);
  const guint rounds = 20000;
  double sum = 0.0, sum2 = 0.0, mean, sd, exact;

  for (guint i = 0; i < n; i++)
    N += demo_like[i];
  A = N / 5;
  unit_of = g_new (guint, N);
  group = g_new0 (guint8, N);
  for (guint i = 0, d = 0; i < n; i++)
    for (gint64 k = 0; k < demo_like[i]; k++)
      unit_of[d++] = i;
  for (guint d = 0; d < A; d++)
    group[d] = 1;

  for (guint r = 0; r < rounds; r++)
    {
      double D;

      for (guint d = N - 1; d > 0; d--)
        {
          guint j = g_rand_int_range (rand, 0, d + 1);
          guint8 t = group[d];

          group[d] = group[j];
          group[j] = t;
        }
      for (guint i = 0; i < 2 * n; i++)
        units[i] = 0;
      for (guint d = 0; d < N; d++)
        units[2 * unit_of[d] + (group[d] ? 0 : 1)]++;
      D = index_of (units, n);
      sum += D;
      sum2 += D * D;
    }
  mean = sum / rounds;
  sd = sqrt ((sum2 / rounds - mean * mean) / rounds);
  exact = chance_of (units, n);
  if (g_test_verbose ())
    g_test_message ("exact %.6f, Monte Carlo %.6f ± %.6f", exact, mean, sd);
  g_assert_cmpfloat (fabs (mean - exact), <, 4 * sd);
  g_assert_cmpfloat (fabs (mean - exact), <, 0.005);
  /* Few dwellings per unit: well above 0. */
  g_assert_cmpfloat (exact, >, 0.15);
}

/* The order of the units changes nothing, bit for bit. */
static void
test_order (void)
{
  guint n = G_N_ELEMENTS (demo_like);
  g_autofree gint64 *units = g_new0 (gint64, 2 * n);
  g_autofree gint64 *reversed = g_new0 (gint64, 2 * n);
  WmDissimilarity d1, d2;

  for (guint i = 0; i < n; i++)
    {
      units[2 * i] = demo_like[i] / 3;
      units[2 * i + 1] = demo_like[i] - units[2 * i];
      reversed[2 * (n - 1 - i)] = units[2 * i];
      reversed[2 * (n - 1 - i) + 1] = units[2 * i + 1];
    }
  wm_dissimilarity_compute (&units[0], &units[1], 2, n, &d1);
  wm_dissimilarity_compute (&reversed[0], &reversed[1], 2, n, &d2);
  g_assert_cmpfloat (d1.value, ==, d2.value);
  g_assert_cmpfloat (d1.chance, ==, d2.chance);
  g_assert_cmpuint (d1.n_units, ==, n);
  g_assert_cmpuint (d2.n_units, ==, n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dissimilarity/index", test_index);
  g_test_add_func ("/dissimilarity/chance-enumeration", test_chance_enumeration);
  g_test_add_func ("/dissimilarity/chance-lgamma", test_chance_lgamma);
  g_test_add_func ("/dissimilarity/chance-monte-carlo", test_chance_monte_carlo);
  g_test_add_func ("/dissimilarity/order", test_order);
  return g_test_run ();
}
