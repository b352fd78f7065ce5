/* test-spatial-index.c: the grid index agrees with a brute-force count */
#include "config.h"

#include <math.h>

#include "wm-box-index.h"
#include "wm-spatial-index.h"

static void
count_hit (guint id, double x, double y, gpointer data)
{
  ((guint *) data)[id]++;
}

/* Random points (some non-finite, some near-duplicates, some far out), inserted one by one,
 * in bulk or mixed with removals; every radius query must match a brute-force count. */
static void
test_spatial_index_brute_force (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);

  for (int round = 0; round < 60; round++)
    {
      guint n = g_rand_int_range (rand, 1, 2000);
      g_autofree double *xs = g_new (double, n);
      g_autofree double *ys = g_new (double, n);
      g_autofree gboolean *present = g_new0 (gboolean, n);
      WmSpatialIndex *index = wm_spatial_index_new (g_rand_double_range (rand, 1, 300));
      double span = g_rand_boolean (rand) ? 1000 : 1e7;
      double origin = g_rand_double_range (rand, -2e5, 2e5);
      int mode = round % 3;

      for (guint i = 0; i < n; i++)
        {
          xs[i] = origin + g_rand_double_range (rand, -span, span);
          ys[i] = g_rand_double_range (rand, -span, span);
          if (g_rand_int_range (rand, 0, 50) == 0)
            xs[i] = round % 2 ? NAN : INFINITY;
          if (i > 0 && g_rand_int_range (rand, 0, 10) == 0)
            {
              xs[i] = xs[i - 1];
              ys[i] = ys[i - 1] + 1e-9;
            }
          if (mode == 0)
            wm_spatial_index_insert (index, i, xs[i], ys[i]);
          present[i] = TRUE;
        }
      if (mode == 1)
        wm_spatial_index_insert_many (index, 0, n, xs, ys, sizeof (double));
      if (mode == 2)
        {
          guint half = n / 2;
          wm_spatial_index_insert_many (index, 0, half, xs, ys, sizeof (double));
          for (guint i = 0; i < half / 2; i++)
            if (wm_spatial_index_remove (index, i, xs[i], ys[i]))
              wm_spatial_index_insert (index, i, xs[i], ys[i]);
          wm_spatial_index_insert (index, half, xs[half], ys[half]);
          if (half + 1 < n)
            wm_spatial_index_insert_many (index, half + 1, n - half - 1, xs + half + 1,
                                          ys + half + 1, sizeof (double));
        }
      g_assert_cmpuint (wm_spatial_index_get_size (index), ==, n);

      for (guint i = 0; i < n / 3; i++)
        {
          guint k = g_rand_int_range (rand, 0, n);
          gboolean removed = wm_spatial_index_remove (index, k, xs[k], ys[k]);
          g_assert_cmpint (removed, ==, present[k] && !isnan (xs[k]));
          if (removed)
            present[k] = FALSE;
        }

      for (int q = 0; q < 20; q++)
        {
          g_autofree guint *single = g_new0 (guint, n);
          g_autofree guint *many = g_new0 (guint, n);
          double qx = origin + g_rand_double_range (rand, -span, span);
          double qy = g_rand_double_range (rand, -span, span);
          double radius = q == 0 ? INFINITY : g_rand_double_range (rand, 0, span / 2);
          double cx[3], cy[3];

          if (q == 1)
            {
              /* A point exactly on the circle counts. */
              guint k = g_rand_int_range (rand, 0, n);
              qx = xs[k] + radius;
              qy = ys[k];
            }
          cx[0] = qx, cx[1] = qx + radius / 3, cx[2] = origin;
          cy[0] = qy, cy[1] = qy - radius / 2, cy[2] = 0;
          wm_spatial_index_query_radius (index, qx, qy, radius, count_hit, single);
          wm_spatial_index_count_radius_many (index, cx, cy, 3, radius, many);
          for (guint i = 0; i < n; i++)
            {
              double dx = xs[i] - qx, dy = ys[i] - qy;
              guint expected_single = present[i] && dx * dx + dy * dy <= radius * radius;
              guint expected_many = 0;

              for (int j = 0; j < 3; j++)
                {
                  double ex = xs[i] - cx[j], ey = ys[i] - cy[j];
                  expected_many += present[i] && ex * ex + ey * ey <= radius * radius;
                }
              g_assert_cmpuint (single[i], ==, expected_single);
              g_assert_cmpuint (many[i], ==, expected_many);
            }
        }

      wm_spatial_index_clear (index);
      g_assert_cmpuint (wm_spatial_index_get_size (index), ==, 0);
      wm_spatial_index_free (index);
    }
}

static gboolean
collect_cb (guint    id,
            gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, id);
  return FALSE;
}

/* The box index finds every box containing a point, in id order, as a scan does: random boxes
 * of very different sizes, an empty and a non-finite one, points on edges and outside. */
static void
test_box_index_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  WmBounds boxes[400];
  g_autoptr(WmBoxIndex) empty = wm_box_index_new (NULL, 0);
  g_autoptr(WmBoxIndex) index = NULL;

  g_assert_cmpuint (wm_box_index_query_point (empty, 0, 0, collect_cb, NULL), ==, G_MAXUINT);
  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      double x = g_rand_double_range (rand, 0, 1000), y = g_rand_double_range (rand, 0, 500);
      double w = i % 40 == 0 ? 800 : g_rand_double_range (rand, 0, 30);

      boxes[i] = (WmBounds) { x, y, x + w, y + w * g_rand_double_range (rand, 0.2, 3) };
    }
  boxes[5] = wm_bounds_empty ();
  boxes[6] = (WmBounds) { NAN, 0, 10, 10 };
  index = wm_box_index_new (boxes, G_N_ELEMENTS (boxes));
  g_assert_cmpuint (wm_box_index_get_size (index), ==, G_N_ELEMENTS (boxes));

  for (guint q = 0; q < 3000; q++)
    {
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
      const WmBounds *corner = &boxes[q % G_N_ELEMENTS (boxes)];
      double x = q % 3 == 0 ? corner->max_x : g_rand_double_range (rand, -100, 1900);
      double y = q % 3 == 0 ? corner->min_y : g_rand_double_range (rand, -100, 1600);

      wm_box_index_query_point (index, x, y, collect_cb, found);
      for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
        if (x >= boxes[i].min_x && x <= boxes[i].max_x && y >= boxes[i].min_y &&
            y <= boxes[i].max_y)
          g_array_append_val (expected, i);
      g_assert_cmpuint (found->len, ==, expected->len);
      for (guint i = 0; i < found->len; i++)
        g_assert_cmpuint (g_array_index (found, guint, i), ==, g_array_index (expected, guint, i));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spatial-index/brute-force", test_spatial_index_brute_force);
  g_test_add_func ("/spatial-index/box-index", test_box_index_brute_force);
  return g_test_run ();
}
