/* wm-dissimilarity.c: the dissimilarity index D and the D a random allocation gives */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "wm-dissimilarity.h"

#define TAIL 1e-20

static gint64
clamp0 (gint64 v)
{
  return MAX (v, 0);
}

double
wm_dissimilarity_index (const gint64 *a,
                        const gint64 *b,
                        gsize         stride,
                        guint         n)
{
  gint64 A = 0, B = 0, sum = 0;

  for (guint i = 0; i < n; i++)
    {
      A += clamp0 (a[i * stride]);
      B += clamp0 (b[i * stride]);
    }
  if (A == 0 || B == 0)
    return 0.0;
  /* One integer sum divided once: the result does not depend on the order of the units. */
  for (guint i = 0; i < n; i++)
    {
      gint64 d = clamp0 (a[i * stride]) * B - clamp0 (b[i * stride]) * A;

      sum += d < 0 ? -d : d;
    }
  return (double) sum / (2.0 * (double) A * (double) B);
}

guint
wm_dissimilarity_count_units (const gint64 *a,
                              const gint64 *b,
                              gsize         stride,
                              guint         n)
{
  guint units = 0;

  for (guint i = 0; i < n; i++)
    if (clamp0 (a[i * stride]) + clamp0 (b[i * stride]) > 0)
      units++;
  return units;
}

/* E |X N - n A| for X hypergeometric (N dwellings, A of group a, n drawn). The probabilities
 * come from the ratio of neighbouring terms, starting at the mode with weight 1 and divided by
 * their sum at the end: no factorials, and no cancellation for large N. The distribution
 * falls off monotonically on either side of the mode, faster than exponentially: the terms stop
 * below TAIL of the mode's, where what is left cannot change a double. */
static double
expected_abs_deviation (gint64 N,
                        gint64 A,
                        gint64 n)
{
  gint64 B = N - A;
  gint64 lo = MAX (0, n - B), hi = MIN (n, A);
  gint64 mode = (gint64) floor (((double) n + 1.0) * ((double) A + 1.0) / ((double) N + 2.0));
  double sum_w = 0.0, sum_wd = 0.0, w;

  mode = CLAMP (mode, lo, hi);
  w = 1.0;
  for (gint64 x = mode; x <= hi && w > TAIL; x++)
    {
      sum_w += w;
      sum_wd += w * fabs ((double) x * (double) N - (double) n * (double) A);
      /* p(x + 1) / p(x) */
      w *= ((double) (A - x) * (double) (n - x)) / ((double) (x + 1) * (double) (B - n + x + 1));
    }
  w = 1.0;
  for (gint64 x = mode; x > lo && w > TAIL;)
    {
      /* p(x - 1) / p(x) */
      w *= ((double) x * (double) (B - n + x)) / ((double) (A - x + 1) * (double) (n - x + 1));
      x--;
      sum_w += w;
      sum_wd += w * fabs ((double) x * (double) N - (double) n * (double) A);
    }
  return sum_wd / sum_w;
}

static int
cmp_gint64 (const void *pa,
            const void *pb)
{
  gint64 x = *(const gint64 *) pa, y = *(const gint64 *) pb;

  return x < y ? -1 : x > y;
}

double
wm_dissimilarity_chance (const gint64 *a,
                         const gint64 *b,
                         gsize         stride,
                         guint         n)
{
  g_autofree gint64 *sizes = g_new (gint64, MAX (n, 1));
  gint64 N = 0, A = 0;
  guint n_sizes = 0;
  double sum = 0.0;

  for (guint i = 0; i < n; i++)
    {
      gint64 ai = clamp0 (a[i * stride]), ni = ai + clamp0 (b[i * stride]);

      A += ai;
      N += ni;
      if (ni > 0)
        sizes[n_sizes++] = ni;
    }
  if (A == 0 || A == N)
    return 0.0;

  /* E[D] = 1/2 sum_i E |X_i / A - (n_i - X_i) / B| = sum_i E |X_i N - n_i A| / (2 A B): it
   * depends only on the unit sizes, so units of equal size are computed once, in size order
   * (the same sum whatever the order of the units). */
  qsort (sizes, n_sizes, sizeof (gint64), cmp_gint64);
  for (guint i = 0; i < n_sizes;)
    {
      guint j = i;

      while (j < n_sizes && sizes[j] == sizes[i])
        j++;
      sum += (double) (j - i) * expected_abs_deviation (N, A, sizes[i]);
      i = j;
    }
  return sum / (2.0 * (double) A * (double) (N - A));
}

void
wm_dissimilarity_compute (const gint64    *a,
                          const gint64    *b,
                          gsize            stride,
                          guint            n,
                          WmDissimilarity *out)
{
  g_return_if_fail (out != NULL);

  out->value = wm_dissimilarity_index (a, b, stride, n);
  out->n_units = wm_dissimilarity_count_units (a, b, stride, n);
  out->chance = wm_dissimilarity_chance (a, b, stride, n);
}
