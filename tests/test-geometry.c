/* test-geometry.c: tests of WmGeometry, its measures and the WKB codec */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-geometry.h"

/* A 10 x 10 square with a 2 x 2 hole at (2..4, 2..4). */
static WmGeometry *
square_with_hole (WmGeometryKind kind)
{
  g_autoptr(WmGeometryBuilder) b = wm_geometry_builder_new (kind);
  g_autoptr(GError) error = NULL;
  WmGeometry *g;

  wm_geometry_builder_begin_polygon (b);
  wm_geometry_builder_begin_ring (b);
  wm_geometry_builder_add_point (b, 0, 0);
  wm_geometry_builder_add_point (b, 10, 0);
  wm_geometry_builder_add_point (b, 10, 10);
  wm_geometry_builder_add_point (b, 0, 10);
  wm_geometry_builder_add_point (b, 0, 0); /* closing vertex, dropped */
  wm_geometry_builder_begin_ring (b);
  /* The hole runs the same way as the shell: orientation must not matter. */
  wm_geometry_builder_add_point (b, 2, 2);
  wm_geometry_builder_add_point (b, 4, 2);
  wm_geometry_builder_add_point (b, 4, 4);
  wm_geometry_builder_add_point (b, 2, 4);
  g = wm_geometry_builder_finish (b, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g);
  return g;
}

static WmGeometry *
triangle (void)
{
  const WmPoint pts[] = { { 0, 0 }, { 4, 0 }, { 0, 3 } };

  return wm_geometry_new_polygon (pts, G_N_ELEMENTS (pts));
}

static void
test_constructors (void)
{
  g_autoptr(WmGeometry) p = wm_geometry_new_point (3.5, -2);
  const WmPoint line_pts[] = { { 0, 0 }, { 1, 1 }, { 3, 0 } };
  g_autoptr(WmGeometry) l = wm_geometry_new_linestring (line_pts, 3);
  const WmPoint closed[] = { { 0, 0 }, { 4, 0 }, { 0, 3 }, { 0, 0 } };
  g_autoptr(WmGeometry) t = wm_geometry_new_polygon (closed, 4);
  g_autoptr(WmGeometry) t2 = triangle ();
  g_autoptr(WmGeometry) mp = NULL;
  g_autoptr(WmGeometry) same = NULL;
  WmGeometry *ref;

  g_assert_cmpint (p->kind, ==, WM_GEOMETRY_POINT);
  g_assert_cmpuint (p->n_points, ==, 1);
  g_assert_cmpuint (p->n_rings, ==, 0);
  g_assert_cmpfloat (p->points[0].x, ==, 3.5);
  g_assert_cmpfloat (p->bounds.min_y, ==, -2);
  g_assert_cmpfloat (p->bounds.max_x, ==, 3.5);

  g_assert_cmpint (l->kind, ==, WM_GEOMETRY_LINESTRING);
  g_assert_cmpuint (l->n_points, ==, 3);
  g_assert_cmpuint (l->n_rings, ==, 1);
  g_assert_cmpuint (l->ring_start[1], ==, 3);
  g_assert_cmpfloat (l->bounds.max_x, ==, 3);
  g_assert_cmpfloat (l->bounds.max_y, ==, 1);

  /* The closing vertex is dropped. */
  g_assert_cmpint (t->kind, ==, WM_GEOMETRY_POLYGON);
  g_assert_cmpuint (t->n_points, ==, 3);
  g_assert_cmpuint (t->n_polygons, ==, 1);
  g_assert_true (wm_geometry_equal (t, t2));
  g_assert_false (wm_geometry_equal (t, p));
  g_assert_false (wm_geometry_equal (t, NULL));

  mp = wm_geometry_to_multipolygon (t);
  g_assert_cmpint (mp->kind, ==, WM_GEOMETRY_MULTIPOLYGON);
  g_assert_false (wm_geometry_equal (mp, t)); /* kinds differ */
  g_assert_cmpuint (mp->n_points, ==, 3);
  g_assert_cmpfloat (wm_geometry_area (mp), ==, wm_geometry_area (t));

  same = wm_geometry_to_multipolygon (mp);
  g_assert_true (same == mp);

  ref = wm_geometry_ref (p);
  g_assert_true (ref == p);
  wm_geometry_unref (ref);

  g_assert_true (G_TYPE_IS_BOXED (WM_TYPE_GEOMETRY));
  ref = g_boxed_copy (WM_TYPE_GEOMETRY, p);
  g_assert_true (ref == p);
  g_boxed_free (WM_TYPE_GEOMETRY, ref);
}

static void
test_equal_exact (void)
{
  const WmPoint a[] = { { 0, 0 }, { 4, 0 }, { 0, 3 } };
  const WmPoint b[] = { { 0, 0 }, { 4, 0 }, { 0, 3.0000000001 } };
  g_autoptr(WmGeometry) ga = wm_geometry_new_polygon (a, 3);
  g_autoptr(WmGeometry) gb = wm_geometry_new_polygon (b, 3);
  g_autoptr(WmGeometry) s1 = square_with_hole (WM_GEOMETRY_POLYGON);
  g_autoptr(WmGeometry) s2 = square_with_hole (WM_GEOMETRY_POLYGON);

  g_assert_false (wm_geometry_equal (ga, gb));
  g_assert_true (wm_geometry_equal (s1, s2));
  g_assert_false (wm_geometry_equal (s1, ga));
}

static void
test_builder_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGeometryBuilder) b = NULL;
  WmGeometry *g;

  /* Nothing added. */
  b = wm_geometry_builder_new (WM_GEOMETRY_MULTIPOLYGON);
  g = wm_geometry_builder_finish (b, &error);
  g_assert_null (g);
  g_assert_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_DEGENERATE);
  g_clear_error (&error);

  /* A ring of two distinct points (the third repeats one). */
  wm_geometry_builder_begin_polygon (b);
  wm_geometry_builder_begin_ring (b);
  wm_geometry_builder_add_point (b, 0, 0);
  wm_geometry_builder_add_point (b, 1, 0);
  wm_geometry_builder_add_point (b, 1, 0);
  wm_geometry_builder_add_point (b, 0, 0);
  g = wm_geometry_builder_finish (b, &error);
  g_assert_null (g);
  g_assert_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_DEGENERATE);
  g_clear_error (&error);

  /* A degenerate hole in a good polygon. */
  wm_geometry_builder_begin_polygon (b);
  wm_geometry_builder_begin_ring (b);
  wm_geometry_builder_add_point (b, 0, 0);
  wm_geometry_builder_add_point (b, 1, 0);
  wm_geometry_builder_add_point (b, 1, 1);
  wm_geometry_builder_begin_ring (b);
  wm_geometry_builder_add_point (b, 0.5, 0.5);
  g = wm_geometry_builder_finish (b, &error);
  g_assert_null (g);
  g_assert_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_DEGENERATE);
  g_clear_error (&error);

  /* The builder is reusable after an error; implicit polygon and ring. */
  wm_geometry_builder_add_point (b, 0, 0);
  wm_geometry_builder_add_point (b, 1, 0);
  wm_geometry_builder_add_point (b, 1, 1);
  wm_geometry_builder_begin_polygon (b);
  wm_geometry_builder_add_point (b, 5, 5);
  wm_geometry_builder_add_point (b, 6, 5);
  wm_geometry_builder_add_point (b, 6, 6);
  g = wm_geometry_builder_finish (b, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g);
  g_assert_cmpint (g->kind, ==, WM_GEOMETRY_MULTIPOLYGON);
  g_assert_cmpuint (g->n_polygons, ==, 2);
  g_assert_cmpuint (g->n_rings, ==, 2);
  g_assert_cmpuint (g->n_points, ==, 6);
  g_assert_cmpfloat_with_epsilon (wm_geometry_area (g), 1.0, 1e-12);
  wm_geometry_unref (g);
  g_clear_pointer (&b, wm_geometry_builder_free);

  /* A polygon builder given two polygons. */
  b = wm_geometry_builder_new (WM_GEOMETRY_POLYGON);
  for (int i = 0; i < 2; i++)
    {
      wm_geometry_builder_begin_polygon (b);
      wm_geometry_builder_begin_ring (b);
      wm_geometry_builder_add_point (b, i * 10, 0);
      wm_geometry_builder_add_point (b, i * 10 + 1, 0);
      wm_geometry_builder_add_point (b, i * 10 + 1, 1);
    }
  g = wm_geometry_builder_finish (b, &error);
  g_assert_null (g);
  g_assert_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_DEGENERATE);
}

static void
test_area_centroid (void)
{
  g_autoptr(WmGeometry) t = triangle ();
  g_autoptr(WmGeometry) s = square_with_hole (WM_GEOMETRY_POLYGON);
  const WmPoint cw[] = { { 0, 0 }, { 0, 10 }, { 10, 10 }, { 10, 0 } };
  g_autoptr(WmGeometry) clockwise = wm_geometry_new_polygon (cw, 4);
  const WmPoint flat[] = { { 0, 0 }, { 1, 1 }, { 2, 2 } };
  g_autoptr(WmGeometry) degenerate = wm_geometry_new_polygon (flat, 3);
  const WmPoint line_pts[] = { { 0, 0 }, { 2, 0 }, { 4, 6 } };
  g_autoptr(WmGeometry) line = wm_geometry_new_linestring (line_pts, 3);
  g_autoptr(WmGeometry) point = wm_geometry_new_point (7, 8);
  g_autoptr(WmGeometry) multi = NULL;
  g_autoptr(WmGeometryBuilder) b = wm_geometry_builder_new (WM_GEOMETRY_MULTIPOLYGON);
  g_autoptr(GError) error = NULL;
  WmPoint c;

  g_assert_cmpfloat_with_epsilon (wm_geometry_area (t), 6.0, 1e-12);
  c = wm_geometry_centroid (t);
  g_assert_cmpfloat_with_epsilon (c.x, 4.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c.y, 1.0, 1e-12);

  /* 100 - 4; centroid (5 * 100 - 3 * 4) / 96 in both axes. */
  g_assert_cmpfloat_with_epsilon (wm_geometry_area (s), 96.0, 1e-12);
  c = wm_geometry_centroid (s);
  g_assert_cmpfloat_with_epsilon (c.x, 488.0 / 96.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c.y, 488.0 / 96.0, 1e-12);

  g_assert_cmpfloat_with_epsilon (wm_geometry_area (clockwise), 100.0, 1e-12);
  c = wm_geometry_centroid (clockwise);
  g_assert_cmpfloat_with_epsilon (c.x, 5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c.y, 5.0, 1e-12);

  g_assert_cmpfloat (wm_geometry_area (degenerate), ==, 0.0);
  c = wm_geometry_centroid (degenerate);
  g_assert_cmpfloat_with_epsilon (c.x, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c.y, 1.0, 1e-12);

  g_assert_cmpfloat (wm_geometry_area (line), ==, 0.0);
  c = wm_geometry_centroid (line);
  g_assert_cmpfloat_with_epsilon (c.x, 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c.y, 2.0, 1e-12);

  g_assert_cmpfloat (wm_geometry_area (point), ==, 0.0);
  c = wm_geometry_centroid (point);
  g_assert_cmpfloat (c.x, ==, 7.0);
  g_assert_cmpfloat (c.y, ==, 8.0);

  /* Two unit squares far apart in RD-like coordinates: area 2, centroid midway. */
  for (int i = 0; i < 2; i++)
    {
      double x0 = 155000 + i * 1000, y0 = 463000;

      wm_geometry_builder_begin_polygon (b);
      wm_geometry_builder_begin_ring (b);
      wm_geometry_builder_add_point (b, x0, y0);
      wm_geometry_builder_add_point (b, x0 + 1, y0);
      wm_geometry_builder_add_point (b, x0 + 1, y0 + 1);
      wm_geometry_builder_add_point (b, x0, y0 + 1);
    }
  multi = wm_geometry_builder_finish (b, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (wm_geometry_area (multi), 2.0, 1e-6);
  c = wm_geometry_centroid (multi);
  g_assert_cmpfloat_with_epsilon (c.x, 155500.5, 1e-6);
  g_assert_cmpfloat_with_epsilon (c.y, 463000.5, 1e-6);
  g_assert_cmpfloat (multi->bounds.min_x, ==, 155000);
  g_assert_cmpfloat (multi->bounds.max_x, ==, 156001);
}

static void
test_distance (void)
{
  g_autoptr(WmGeometry) s = square_with_hole (WM_GEOMETRY_MULTIPOLYGON);
  g_autoptr(WmGeometry) point = wm_geometry_new_point (3, 4);
  const WmPoint line_pts[] = { { 0, 0 }, { 10, 0 }, { 10, 10 } };
  g_autoptr(WmGeometry) line = wm_geometry_new_linestring (line_pts, 3);
  WmBounds bounds = { 0, 0, 10, 10 };
  WmBounds empty = wm_bounds_empty ();

  /* Inside the shell 0; in the hole, to the hole's edge; outside, to the nearest edge or
   * corner, the closing edge included. */
  g_assert_cmpfloat (wm_geometry_distance_to_point (s, 8, 8), ==, 0.0);
  g_assert_cmpfloat (wm_geometry_distance_to_point (s, 3, 2.5), ==, 0.5);
  g_assert_cmpfloat (wm_geometry_distance_to_point (s, 13, 5), ==, 3.0);
  g_assert_cmpfloat (wm_geometry_distance_to_point (s, -3, 5), ==, 3.0);
  g_assert_cmpfloat (wm_geometry_distance_to_point (s, 13, 14), ==, 5.0);
  g_assert_cmpfloat (wm_geometry_distance_to_point (point, 0, 0), ==, 5.0);
  /* A line is open: (0, 10) is 10 from it, not 7.07 from a closing edge. */
  g_assert_cmpfloat (wm_geometry_distance_to_point (line, 0, 10), ==, 10.0);
  g_assert_cmpfloat (wm_geometry_distance_to_point (line, 5, -2), ==, 2.0);

  g_assert_cmpfloat (wm_bounds_distance_to_point (&bounds, 5, 5), ==, 0.0);
  g_assert_cmpfloat (wm_bounds_distance_to_point (&bounds, 13, 14), ==, 5.0);
  g_assert_true (isinf (wm_bounds_distance_to_point (&empty, 0, 0)));
}

static void
test_contains (void)
{
  g_autoptr(WmGeometry) s = square_with_hole (WM_GEOMETRY_MULTIPOLYGON);
  g_autoptr(WmGeometry) t = triangle ();
  const WmPoint line_pts[] = { { 0, 0 }, { 10, 10 } };
  g_autoptr(WmGeometry) line = wm_geometry_new_linestring (line_pts, 2);

  g_assert_true (wm_geometry_contains_point (s, 1, 1));
  g_assert_true (wm_geometry_contains_point (s, 5, 5));
  g_assert_true (wm_geometry_contains_point (s, 9.9, 3));
  g_assert_false (wm_geometry_contains_point (s, 3, 3)); /* in the hole */
  g_assert_false (wm_geometry_contains_point (s, 11, 5));
  g_assert_false (wm_geometry_contains_point (s, -1, 5));

  g_assert_true (wm_geometry_contains_point (t, 1, 1));
  g_assert_false (wm_geometry_contains_point (t, 3, 2)); /* beyond the hypotenuse */

  g_assert_false (wm_geometry_contains_point (line, 5, 5));
}

static void
assert_round_trip (WmGeometry *g,
                   gsize       expected_len)
{
  g_autoptr(GBytes) wkb = wm_geometry_to_wkb (g);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGeometry) back = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (wkb, &len);
  gsize consumed = 0;

  g_assert_cmpuint (len, ==, expected_len);
  g_assert_cmpuint (data[0], ==, 1); /* little endian */
  back = wm_geometry_from_wkb (data, len, &consumed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consumed, ==, len);
  g_assert_true (wm_geometry_equal (g, back));
  g_assert_cmpfloat (back->bounds.min_x, ==, g->bounds.min_x);
  g_assert_cmpfloat (back->bounds.max_y, ==, g->bounds.max_y);

  /* Every truncation is reported, never read past. */
  for (gsize i = 0; i < len; i++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, i);
      g_autoptr(GError) trunc_error = NULL;
      WmGeometry *none = wm_geometry_from_wkb (copy, i, NULL, &trunc_error);

      g_assert_null (none);
      g_assert_error (trunc_error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB);
    }
}

static void
test_wkb_round_trip (void)
{
  g_autoptr(WmGeometry) p = wm_geometry_new_point (155000.25, 463000.75);
  const WmPoint line_pts[] = { { 0, 0 }, { 1, 1 }, { 3, 0 } };
  g_autoptr(WmGeometry) l = wm_geometry_new_linestring (line_pts, 3);
  g_autoptr(WmGeometry) t = triangle ();
  g_autoptr(WmGeometry) s = square_with_hole (WM_GEOMETRY_POLYGON);
  g_autoptr(WmGeometry) m = square_with_hole (WM_GEOMETRY_MULTIPOLYGON);

  assert_round_trip (p, 21);
  assert_round_trip (l, 9 + 3 * 16);
  assert_round_trip (t, 9 + 4 + 4 * 16);
  assert_round_trip (s, 9 + 2 * (4 + 5 * 16));
  assert_round_trip (m, 9 + 9 + 2 * (4 + 5 * 16));
}

static void
put_be_u32 (GByteArray *out,
            guint32     v)
{
  guint32 be = GUINT32_TO_BE (v);

  g_byte_array_append (out, (const guint8 *) &be, 4);
}

static void
put_be_double (GByteArray *out,
               double      v)
{
  guint64 bits;

  memcpy (&bits, &v, 8);
  bits = GUINT64_TO_BE (bits);
  g_byte_array_append (out, (const guint8 *) &bits, 8);
}

static void
test_wkb_big_endian (void)
{
  g_autoptr(GByteArray) a = g_byte_array_new ();
  g_autoptr(GByteArray) z = g_byte_array_new ();
  const guint8 zero = 0;
  const double ring[][2] = { { 0, 0 }, { 4, 0 }, { 0, 3 }, { 0, 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGeometry) g = NULL;
  g_autoptr(WmGeometry) expected = triangle ();
  g_autoptr(WmGeometry) pz = NULL;
  gsize consumed = 0;

  /* Big-endian polygon, closed ring as WKB has it. */
  g_byte_array_append (a, &zero, 1);
  put_be_u32 (a, 3);
  put_be_u32 (a, 1);
  put_be_u32 (a, 4);
  for (guint i = 0; i < 4; i++)
    {
      put_be_double (a, ring[i][0]);
      put_be_double (a, ring[i][1]);
    }
  g = wm_geometry_from_wkb (a->data, a->len, &consumed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consumed, ==, a->len);
  g_assert_true (wm_geometry_equal (g, expected));
  g_assert_cmpuint (g->n_points, ==, 3);

  /* ISO "Point Z" (1001), big endian: the Z ordinate is dropped. */
  g_byte_array_append (z, &zero, 1);
  put_be_u32 (z, 1001);
  put_be_double (z, 12.5);
  put_be_double (z, -3);
  put_be_double (z, 99);
  pz = wm_geometry_from_wkb (z->data, z->len, &consumed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consumed, ==, 29);
  g_assert_cmpint (pz->kind, ==, WM_GEOMETRY_POINT);
  g_assert_cmpfloat (pz->points[0].x, ==, 12.5);
  g_assert_cmpfloat (pz->points[0].y, ==, -3);
}

static void
test_wkb_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) b = NULL;
  const guint8 bad_order[] = { 7, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
  const guint8 multipoint[] = { 1, 4, 0, 0, 0, 0, 0, 0, 0 };
  const guint8 huge_rings[] = { 1, 3, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0 };
  const guint8 huge_points[] = { 1, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0 };
  const guint8 point_in_multi[] = { 1, 6, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0,
                                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
  const double nan_value = NAN;
  guint8 le_nan[21] = { 1, 1, 0, 0, 0 };
  WmGeometry *g;

  g = wm_geometry_from_wkb (bad_order, sizeof bad_order, NULL, &error);
  g_assert_null (g);
  g_assert_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB);
  g_clear_error (&error);

  g = wm_geometry_from_wkb (multipoint, sizeof multipoint, NULL, &error);
  g_assert_null (g);
  g_assert_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  g = wm_geometry_from_wkb (huge_rings, sizeof huge_rings, NULL, &error);
  g_assert_null (g);
  g_assert_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB);
  g_clear_error (&error);

  g = wm_geometry_from_wkb (huge_points, sizeof huge_points, NULL, &error);
  g_assert_null (g);
  g_assert_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB);
  g_clear_error (&error);

  g = wm_geometry_from_wkb (point_in_multi, sizeof point_in_multi, NULL, &error);
  g_assert_null (g);
  g_assert_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB);
  g_clear_error (&error);

  g = wm_geometry_from_wkb (NULL, 0, NULL, &error);
  g_assert_null (g);
  g_assert_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB);
  g_clear_error (&error);

  /* NaN coordinate (how POINT EMPTY is written). */
  memcpy (le_nan + 5, &nan_value, 8);
  memcpy (le_nan + 13, &nan_value, 8);
  g = wm_geometry_from_wkb (le_nan, sizeof le_nan, NULL, &error);
  g_assert_null (g);
  g_assert_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB);
  g_clear_error (&error);

  /* Random garbage must fail cleanly or decode, never crash. */
  for (guint round = 0; round < 2000; round++)
    {
      guint8 buf[64];
      gsize len = g_test_rand_int_range (0, sizeof buf + 1);
      WmGeometry *maybe;

      for (gsize i = 0; i < len; i++)
        buf[i] = g_test_rand_int_range (0, 256);
      /* Mostly valid headers, so the bodies get exercised. */
      if (len > 5 && round % 2 == 0)
        {
          buf[0] = round % 4 == 0;
          buf[1] = buf[2] = buf[3] = buf[4] = 0;
          buf[buf[0] ? 1 : 4] = (guint8[]){ 1, 2, 3, 6 }[round / 2 % 4];
        }
      maybe = wm_geometry_from_wkb (buf, len, NULL, &error);
      g_assert_true ((maybe == NULL) == (error != NULL));
      g_clear_pointer (&maybe, wm_geometry_unref);
      g_clear_error (&error);
    }
}

static void
test_bounds (void)
{
  WmBounds e = wm_bounds_empty ();
  WmBounds a = { 0, 0, 10, 10 };
  WmBounds b = { 5, 5, 15, 15 };
  WmBounds c = { 11, 11, 12, 12 };
  WmBounds u = wm_bounds_empty ();

  g_assert_true (wm_bounds_is_empty (&e));
  g_assert_false (wm_bounds_is_empty (&a));
  g_assert_true (wm_bounds_intersects (&a, &b));
  g_assert_false (wm_bounds_intersects (&a, &c));
  g_assert_false (wm_bounds_intersects (&a, &e));

  wm_bounds_union (&u, &e);
  g_assert_true (wm_bounds_is_empty (&u));
  wm_bounds_union (&u, &a);
  g_assert_cmpfloat (u.max_x, ==, 10);
  wm_bounds_union (&u, &c);
  g_assert_cmpfloat (u.min_x, ==, 0);
  g_assert_cmpfloat (u.max_y, ==, 12);
  g_assert_true (wm_bounds_intersects (&u, &b));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/geometry/constructors", test_constructors);
  g_test_add_func ("/geometry/equal", test_equal_exact);
  g_test_add_func ("/geometry/builder-errors", test_builder_errors);
  g_test_add_func ("/geometry/area-centroid", test_area_centroid);
  g_test_add_func ("/geometry/contains", test_contains);
  g_test_add_func ("/geometry/distance", test_distance);
  g_test_add_func ("/geometry/wkb/round-trip", test_wkb_round_trip);
  g_test_add_func ("/geometry/wkb/big-endian", test_wkb_big_endian);
  g_test_add_func ("/geometry/wkb/errors", test_wkb_errors);
  g_test_add_func ("/geometry/bounds", test_bounds);

  return g_test_run ();
}
