/* wm-dissimilarity.h: the dissimilarity index D and the D a random allocation gives
 *
 * D = 1/2 sum_i |a_i / A - b_i / B| over units i (areas, grid cells) of two groups a and b
 * (social rent and all other dwellings). D is biased upwards where units hold few dwellings:
 * spreading the same A group-a dwellings at random over the same dwellings still gives D > 0.
 * Its expectation under that random allocation (each unit's a_i is hypergeometric: N = A + B
 * dwellings, A of them group a, n_i = a_i + b_i drawn) is the chance level. It is exact (in
 * double precision, no sampling) and depends only on A, B and the unit sizes, so it is the
 * same whatever the order of the units. Negative counts count as 0. See docs/indicators.md.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double value;  /* D, 0..1 */
  guint n_units; /* units holding at least one dwelling */
  double chance; /* expected D under random allocation of the same A over the same units */
} WmDissimilarity;

/* @a and @b: counts of unit i at a[i * stride] and b[i * stride], @n units. D is 0 when A or B
 * is 0 (nobody would have to move). Computed as one integer sum divided once. */
double wm_dissimilarity_index (const gint64 *a, const gint64 *b, gsize stride, guint n);
/* The expected D under random allocation; 0 when A or B is 0. */
double wm_dissimilarity_chance (const gint64 *a, const gint64 *b, gsize stride, guint n);
/* Units holding at least one dwelling. */
guint wm_dissimilarity_count_units (const gint64 *a, const gint64 *b, gsize stride, guint n);
/* All three. */
void wm_dissimilarity_compute (const gint64    *a,
                               const gint64    *b,
                               gsize            stride,
                               guint            n,
                               WmDissimilarity *out);

G_END_DECLS
