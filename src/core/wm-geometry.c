/* wm-geometry.c: immutable planar geometries, measures and a WKB codec */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wm-geometry.h"

G_DEFINE_BOXED_TYPE (WmGeometry, wm_geometry, wm_geometry_ref, wm_geometry_unref)

G_DEFINE_QUARK (wm-geometry-error-quark, wm_geometry_error)

/* Bounds */

WmBounds
wm_bounds_empty (void)
{
  WmBounds b = { INFINITY, INFINITY, -INFINITY, -INFINITY };

  return b;
}

gboolean
wm_bounds_is_empty (const WmBounds *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  /* Written so that NaN bounds also count as empty. */
  return !(self->min_x <= self->max_x && self->min_y <= self->max_y);
}

gboolean
wm_bounds_intersects (const WmBounds *a,
                      const WmBounds *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (wm_bounds_is_empty (a) || wm_bounds_is_empty (b))
    return FALSE;

  return a->min_x <= b->max_x && b->min_x <= a->max_x
         && a->min_y <= b->max_y && b->min_y <= a->max_y;
}

void
wm_bounds_union (WmBounds       *self,
                 const WmBounds *other)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);

  if (wm_bounds_is_empty (other))
    return;
  if (wm_bounds_is_empty (self))
    {
      *self = *other;
      return;
    }

  self->min_x = MIN (self->min_x, other->min_x);
  self->min_y = MIN (self->min_y, other->min_y);
  self->max_x = MAX (self->max_x, other->max_x);
  self->max_y = MAX (self->max_y, other->max_y);
}

/* Construction */

/* Takes ownership of all three arrays. */
static WmGeometry *
geometry_new_take (WmGeometryKind kind,
                   WmPoint       *points,
                   guint          n_points,
                   guint         *ring_start,
                   guint          n_rings,
                   guint         *polygon_start,
                   guint          n_polygons)
{
  WmGeometry *self = g_new0 (WmGeometry, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->points = points;
  self->n_points = n_points;
  self->ring_start = ring_start;
  self->n_rings = n_rings;
  self->polygon_start = polygon_start;
  self->n_polygons = n_polygons;

  self->bounds = wm_bounds_empty ();
  for (guint i = 0; i < n_points; i++)
    {
      self->bounds.min_x = MIN (self->bounds.min_x, points[i].x);
      self->bounds.min_y = MIN (self->bounds.min_y, points[i].y);
      self->bounds.max_x = MAX (self->bounds.max_x, points[i].x);
      self->bounds.max_y = MAX (self->bounds.max_y, points[i].y);
    }

  return self;
}

static gboolean
point_equal (const WmPoint *a,
             const WmPoint *b)
{
  return a->x == b->x && a->y == b->y;
}

/* Number of vertices to keep: a repeated closing vertex is dropped. */
static guint
ring_length_without_closing (const WmPoint *points,
                             guint          n_points)
{
  if (n_points >= 2 && point_equal (&points[0], &points[n_points - 1]))
    return n_points - 1;
  return n_points;
}

/* A ring needs three distinct vertices; a linear scan suffices to find them. */
static gboolean
ring_has_three_distinct (const WmPoint *points,
                         guint          n_points)
{
  const WmPoint *second = NULL;

  for (guint i = 1; i < n_points; i++)
    {
      if (point_equal (&points[i], &points[0]))
        continue;
      if (second == NULL)
        second = &points[i];
      else if (!point_equal (&points[i], second))
        return TRUE;
    }

  return FALSE;
}

WmGeometry *
wm_geometry_new_point (double x,
                       double y)
{
  WmPoint *points = g_new (WmPoint, 1);

  points[0].x = x;
  points[0].y = y;

  return geometry_new_take (WM_GEOMETRY_POINT, points, 1,
                            g_new0 (guint, 1), 0, g_new0 (guint, 1), 0);
}

WmGeometry *
wm_geometry_new_linestring (const WmPoint *points,
                            guint          n_points)
{
  guint *ring_start;

  g_return_val_if_fail (points != NULL, NULL);
  g_return_val_if_fail (n_points >= 2, NULL);

  ring_start = g_new (guint, 2);
  ring_start[0] = 0;
  ring_start[1] = n_points;

  return geometry_new_take (WM_GEOMETRY_LINESTRING,
                            g_memdup2 (points, sizeof (WmPoint) * n_points), n_points,
                            ring_start, 1, g_new0 (guint, 1), 0);
}

WmGeometry *
wm_geometry_new_polygon (const WmPoint *shell,
                         guint          n_points)
{
  guint *ring_start;
  guint *polygon_start;
  guint n;

  g_return_val_if_fail (shell != NULL, NULL);

  n = ring_length_without_closing (shell, n_points);
  g_return_val_if_fail (ring_has_three_distinct (shell, n), NULL);

  ring_start = g_new (guint, 2);
  ring_start[0] = 0;
  ring_start[1] = n;
  polygon_start = g_new (guint, 2);
  polygon_start[0] = 0;
  polygon_start[1] = 1;

  return geometry_new_take (WM_GEOMETRY_POLYGON,
                            g_memdup2 (shell, sizeof (WmPoint) * n), n,
                            ring_start, 1, polygon_start, 1);
}

WmGeometry *
wm_geometry_ref (WmGeometry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wm_geometry_unref (WmGeometry *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->points);
      g_free (self->ring_start);
      g_free (self->polygon_start);
      g_free (self);
    }
}

WmGeometry *
wm_geometry_to_multipolygon (WmGeometry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->kind != WM_GEOMETRY_POLYGON)
    return wm_geometry_ref (self);

  return geometry_new_take (WM_GEOMETRY_MULTIPOLYGON,
                            g_memdup2 (self->points, sizeof (WmPoint) * self->n_points),
                            self->n_points,
                            g_memdup2 (self->ring_start, sizeof (guint) * (self->n_rings + 1)),
                            self->n_rings,
                            g_memdup2 (self->polygon_start,
                                       sizeof (guint) * (self->n_polygons + 1)),
                            self->n_polygons);
}

/* Builder */

struct _WmGeometryBuilder
{
  WmGeometryKind kind;
  GArray *points;        /* WmPoint */
  GArray *ring_start;    /* guint, without the final end entry */
  GArray *polygon_start; /* guint, without the final end entry */
  gboolean ring_open;    /* the last ring may still get its closing vertex dropped */
};

static void
builder_reset (WmGeometryBuilder *self)
{
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->ring_start, g_array_unref);
  g_clear_pointer (&self->polygon_start, g_array_unref);
  self->points = g_array_new (FALSE, FALSE, sizeof (WmPoint));
  self->ring_start = g_array_new (FALSE, FALSE, sizeof (guint));
  self->polygon_start = g_array_new (FALSE, FALSE, sizeof (guint));
  self->ring_open = FALSE;
}

WmGeometryBuilder *
wm_geometry_builder_new (WmGeometryKind kind)
{
  WmGeometryBuilder *self;

  g_return_val_if_fail (kind == WM_GEOMETRY_POLYGON || kind == WM_GEOMETRY_MULTIPOLYGON, NULL);

  self = g_new0 (WmGeometryBuilder, 1);
  self->kind = kind;
  builder_reset (self);

  return self;
}

void
wm_geometry_builder_free (WmGeometryBuilder *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->ring_start, g_array_unref);
  g_clear_pointer (&self->polygon_start, g_array_unref);
  g_free (self);
}

/* Drops the repeated closing vertex of the ring being built, if any. */
static void
builder_close_ring (WmGeometryBuilder *self)
{
  guint start;
  guint n;

  if (!self->ring_open)
    return;

  self->ring_open = FALSE;
  start = g_array_index (self->ring_start, guint, self->ring_start->len - 1);
  n = self->points->len - start;
  /* An empty ring: with no points at all the array has no data to index (UB on NULL). */
  if (n == 0)
    return;
  if (ring_length_without_closing (&g_array_index (self->points, WmPoint, start), n) < n)
    g_array_set_size (self->points, self->points->len - 1);
}

void
wm_geometry_builder_begin_polygon (WmGeometryBuilder *self)
{
  guint n_rings;

  g_return_if_fail (self != NULL);

  builder_close_ring (self);
  n_rings = self->ring_start->len;
  g_array_append_val (self->polygon_start, n_rings);
}

void
wm_geometry_builder_begin_ring (WmGeometryBuilder *self)
{
  guint n_points;

  g_return_if_fail (self != NULL);

  /* A ring outside any polygon starts one implicitly. */
  if (self->polygon_start->len == 0)
    wm_geometry_builder_begin_polygon (self);
  else
    builder_close_ring (self);

  n_points = self->points->len;
  g_array_append_val (self->ring_start, n_points);
  self->ring_open = TRUE;
}

void
wm_geometry_builder_add_point (WmGeometryBuilder *self,
                               double             x,
                               double             y)
{
  WmPoint p = { x, y };

  g_return_if_fail (self != NULL);

  /* A point outside any ring (of the current polygon) starts one implicitly. */
  if (self->polygon_start->len == 0
      || g_array_index (self->polygon_start, guint, self->polygon_start->len - 1)
         == self->ring_start->len)
    wm_geometry_builder_begin_ring (self);

  g_array_append_val (self->points, p);
}

WmGeometry *
wm_geometry_builder_finish (WmGeometryBuilder *self,
                            GError           **error)
{
  guint n_points, n_rings, n_polygons;
  guint *ring_start;
  guint *polygon_start;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  builder_close_ring (self);
  n_points = self->points->len;
  n_rings = self->ring_start->len;
  n_polygons = self->polygon_start->len;

  if (n_polygons == 0)
    {
      g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_DEGENERATE,
                   _("The geometry has no polygon"));
      builder_reset (self);
      return NULL;
    }
  if (self->kind == WM_GEOMETRY_POLYGON && n_polygons > 1)
    {
      g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_DEGENERATE,
                   _("A polygon cannot have %u parts"), n_polygons);
      builder_reset (self);
      return NULL;
    }

  g_array_append_val (self->ring_start, n_points);
  g_array_append_val (self->polygon_start, n_rings);
  ring_start = (guint *) self->ring_start->data;
  polygon_start = (guint *) self->polygon_start->data;

  for (guint p = 0; p < n_polygons; p++)
    {
      if (polygon_start[p + 1] == polygon_start[p])
        {
          g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_DEGENERATE,
                       _("Polygon %u has no rings"), p + 1);
          builder_reset (self);
          return NULL;
        }
    }
  for (guint r = 0; r < n_rings; r++)
    {
      guint n = ring_start[r + 1] - ring_start[r];
      /* An empty ring has no point to take the address of (the array may have no data). */
      const WmPoint *ring = n > 0 ? &g_array_index (self->points, WmPoint, ring_start[r]) : NULL;

      if (n == 0 || !ring_has_three_distinct (ring, n))
        {
          g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_DEGENERATE,
                       _("Ring %u has fewer than three distinct points"), r + 1);
          builder_reset (self);
          return NULL;
        }
    }

  {
    WmGeometry *geometry =
      geometry_new_take (self->kind,
                         (WmPoint *) (void *) g_array_free (g_steal_pointer (&self->points), FALSE),
                         n_points,
                         (guint *) (void *) g_array_free (g_steal_pointer (&self->ring_start), FALSE),
                         n_rings,
                         (guint *) (void *) g_array_free (g_steal_pointer (&self->polygon_start),
                                                          FALSE),
                         n_polygons);

    /* The builder can be reused for the next geometry. */
    builder_reset (self);
    return geometry;
  }
}

/* Measures */

gboolean
wm_geometry_equal (const WmGeometry *a,
                   const WmGeometry *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (a->kind != b->kind || a->n_points != b->n_points || a->n_rings != b->n_rings
      || a->n_polygons != b->n_polygons)
    return FALSE;

  for (guint i = 0; i <= a->n_rings; i++)
    if (a->ring_start[i] != b->ring_start[i])
      return FALSE;
  for (guint i = 0; i <= a->n_polygons; i++)
    if (a->polygon_start[i] != b->polygon_start[i])
      return FALSE;
  for (guint i = 0; i < a->n_points; i++)
    if (!point_equal (&a->points[i], &b->points[i]))
      return FALSE;

  return TRUE;
}

/* Signed area and first moments of one ring, relative to @origin for precision. */
static void
ring_moments (const WmGeometry *self,
              guint             ring,
              const WmPoint    *origin,
              double           *area,
              double           *mx,
              double           *my)
{
  guint start = self->ring_start[ring];
  guint end = self->ring_start[ring + 1];
  double a = 0, sx = 0, sy = 0;

  for (guint i = start; i < end; i++)
    {
      const WmPoint *p = &self->points[i];
      const WmPoint *q = &self->points[i + 1 < end ? i + 1 : start];
      double px = p->x - origin->x, py = p->y - origin->y;
      double qx = q->x - origin->x, qy = q->y - origin->y;
      double cross = px * qy - qx * py;

      a += cross;
      sx += (px + qx) * cross;
      sy += (py + qy) * cross;
    }

  *area = a / 2.0;
  *mx = sx / 6.0;
  *my = sy / 6.0;
}

/* Sums the areas and moments with shells counted positive and holes negative. */
static double
polygon_moments (const WmGeometry *self,
                 const WmPoint    *origin,
                 double           *mx,
                 double           *my)
{
  double total = 0, total_mx = 0, total_my = 0;

  for (guint p = 0; p < self->n_polygons; p++)
    {
      for (guint r = self->polygon_start[p]; r < self->polygon_start[p + 1]; r++)
        {
          double a, rx, ry, sign;

          ring_moments (self, r, origin, &a, &rx, &ry);
          sign = (a >= 0) ? 1.0 : -1.0;
          if (r != self->polygon_start[p])
            sign = -sign;
          total += sign * a;
          total_mx += sign * rx;
          total_my += sign * ry;
        }
    }

  if (mx != NULL)
    *mx = total_mx;
  if (my != NULL)
    *my = total_my;
  return total;
}

double
wm_geometry_area (const WmGeometry *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  if (self->kind != WM_GEOMETRY_POLYGON && self->kind != WM_GEOMETRY_MULTIPOLYGON)
    return 0.0;

  return polygon_moments (self, &self->points[0], NULL, NULL);
}

WmPoint
wm_geometry_centroid (const WmGeometry *self)
{
  WmPoint c = { 0, 0 };

  g_return_val_if_fail (self != NULL, c);

  if (self->n_points == 0)
    return c;

  if (self->kind == WM_GEOMETRY_POLYGON || self->kind == WM_GEOMETRY_MULTIPOLYGON)
    {
      const WmPoint *origin = &self->points[0];
      double mx, my;
      double area = polygon_moments (self, origin, &mx, &my);

      if (area > 0 && isfinite (mx / area) && isfinite (my / area))
        {
          c.x = origin->x + mx / area;
          c.y = origin->y + my / area;
          return c;
        }
      /* Zero area: fall through to the vertex mean. */
    }

  for (guint i = 0; i < self->n_points; i++)
    {
      c.x += self->points[i].x;
      c.y += self->points[i].y;
    }
  c.x /= self->n_points;
  c.y /= self->n_points;

  return c;
}

gboolean
wm_geometry_contains_point (const WmGeometry *self,
                            double            x,
                            double            y)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->kind != WM_GEOMETRY_POLYGON && self->kind != WM_GEOMETRY_MULTIPOLYGON)
    return FALSE;
  if (x < self->bounds.min_x || x > self->bounds.max_x
      || y < self->bounds.min_y || y > self->bounds.max_y)
    return FALSE;

  for (guint p = 0; p < self->n_polygons; p++)
    {
      gboolean inside = FALSE;

      /* Even-odd rule over all rings, so holes need no special case. */
      for (guint r = self->polygon_start[p]; r < self->polygon_start[p + 1]; r++)
        {
          guint start = self->ring_start[r];
          guint end = self->ring_start[r + 1];

          for (guint i = start, j = end - 1; i < end; j = i++)
            {
              const WmPoint *a = &self->points[i];
              const WmPoint *b = &self->points[j];

              if ((a->y > y) != (b->y > y)
                  && x < (b->x - a->x) * (y - a->y) / (b->y - a->y) + a->x)
                inside = !inside;
            }
        }

      if (inside)
        return TRUE;
    }

  return FALSE;
}

static double
segment_distance2 (const WmPoint *a,
                   const WmPoint *b,
                   double         x,
                   double         y)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((x - a->x) * dx + (y - a->y) * dy) / len2 : 0.0;
  double px, py;

  t = CLAMP (t, 0.0, 1.0);
  px = a->x + t * dx - x;
  py = a->y + t * dy - y;
  return px * px + py * py;
}

double
wm_geometry_distance_to_point (const WmGeometry *self,
                               double            x,
                               double            y)
{
  double best = INFINITY;

  g_return_val_if_fail (self != NULL, INFINITY);

  if (self->n_points == 0)
    return INFINITY;
  if (self->kind == WM_GEOMETRY_POINT)
    return hypot (self->points[0].x - x, self->points[0].y - y);
  if (wm_geometry_contains_point (self, x, y))
    return 0.0;

  /* Polygons: every ring is closed; a linestring's one ring is open. */
  for (guint r = 0; r < self->n_rings; r++)
    {
      guint start = self->ring_start[r];
      guint end = self->ring_start[r + 1];
      gboolean closed = self->kind != WM_GEOMETRY_LINESTRING;

      if (end - start == 1)
        best = MIN (best, segment_distance2 (&self->points[start], &self->points[start], x, y));
      for (guint i = start + 1; i < end; i++)
        best = MIN (best, segment_distance2 (&self->points[i - 1], &self->points[i], x, y));
      if (closed && end - start > 2)
        best = MIN (best, segment_distance2 (&self->points[end - 1], &self->points[start], x, y));
    }
  return sqrt (best);
}

double
wm_bounds_distance_to_point (const WmBounds *self,
                             double          x,
                             double          y)
{
  double dx, dy;

  g_return_val_if_fail (self != NULL, INFINITY);

  if (wm_bounds_is_empty (self))
    return INFINITY;
  dx = x < self->min_x ? self->min_x - x : x > self->max_x ? x - self->max_x : 0.0;
  dy = y < self->min_y ? self->min_y - y : y > self->max_y ? y - self->max_y : 0.0;
  return hypot (dx, dy);
}

/* WKB encoding */

static void
put_u32 (GByteArray *out,
         guint32     v)
{
  guint32 le = GUINT32_TO_LE (v);

  g_byte_array_append (out, (const guint8 *) &le, 4);
}

static void
put_double (GByteArray *out,
            double      v)
{
  guint64 bits;

  memcpy (&bits, &v, 8);
  bits = GUINT64_TO_LE (bits);
  g_byte_array_append (out, (const guint8 *) &bits, 8);
}

static void
put_header (GByteArray *out,
            guint32     type)
{
  const guint8 little_endian = 1;

  g_byte_array_append (out, &little_endian, 1);
  put_u32 (out, type);
}

static void
put_polygon (GByteArray       *out,
             const WmGeometry *self,
             guint             polygon)
{
  guint first = self->polygon_start[polygon];
  guint last = self->polygon_start[polygon + 1];

  put_header (out, WM_GEOMETRY_POLYGON);
  put_u32 (out, last - first);
  for (guint r = first; r < last; r++)
    {
      guint start = self->ring_start[r];
      guint end = self->ring_start[r + 1];

      /* WKB rings are closed: repeat the first vertex. */
      put_u32 (out, end - start + 1);
      for (guint i = start; i < end; i++)
        {
          put_double (out, self->points[i].x);
          put_double (out, self->points[i].y);
        }
      put_double (out, self->points[start].x);
      put_double (out, self->points[start].y);
    }
}

GBytes *
wm_geometry_to_wkb (const WmGeometry *self)
{
  g_autoptr(GByteArray) out = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_byte_array_sized_new (9 + 4 * (self->n_rings + self->n_polygons)
                                + 16 * (self->n_points + self->n_rings));

  switch (self->kind)
    {
    case WM_GEOMETRY_POINT:
      put_header (out, WM_GEOMETRY_POINT);
      put_double (out, self->points[0].x);
      put_double (out, self->points[0].y);
      break;

    case WM_GEOMETRY_LINESTRING:
      put_header (out, WM_GEOMETRY_LINESTRING);
      put_u32 (out, self->n_points);
      for (guint i = 0; i < self->n_points; i++)
        {
          put_double (out, self->points[i].x);
          put_double (out, self->points[i].y);
        }
      break;

    case WM_GEOMETRY_POLYGON:
      put_polygon (out, self, 0);
      break;

    case WM_GEOMETRY_MULTIPOLYGON:
      put_header (out, WM_GEOMETRY_MULTIPOLYGON);
      put_u32 (out, self->n_polygons);
      for (guint p = 0; p < self->n_polygons; p++)
        put_polygon (out, self, p);
      break;

    default:
      g_assert_not_reached ();
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* WKB decoding */

typedef struct
{
  const guint8 *data;
  gsize len;
  gsize pos;
  gboolean big_endian; /* of the geometry being read */
  guint dims;          /* coordinates per vertex of the geometry being read */
  GArray *points;
  GArray *ring_start;
  GArray *polygon_start;
} WkbReader;

static gboolean
truncated (WkbReader *r,
           GError   **error)
{
  g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB,
               _("The geometry data ends too early (at byte %lu)"), (unsigned long) r->pos);
  return FALSE;
}

static gboolean
read_u32 (WkbReader *r,
          guint32   *out,
          GError   **error)
{
  guint32 v;

  if (r->len - r->pos < 4)
    return truncated (r, error);

  memcpy (&v, r->data + r->pos, 4);
  r->pos += 4;
  *out = r->big_endian ? GUINT32_FROM_BE (v) : GUINT32_FROM_LE (v);
  return TRUE;
}

static gboolean
read_double (WkbReader *r,
             double    *out,
             GError   **error)
{
  guint64 bits;

  if (r->len - r->pos < 8)
    return truncated (r, error);

  memcpy (&bits, r->data + r->pos, 8);
  r->pos += 8;
  bits = r->big_endian ? GUINT64_FROM_BE (bits) : GUINT64_FROM_LE (bits);
  memcpy (out, &bits, 8);
  return TRUE;
}

/* Reads the byte order and type; returns the 2D base type in @base. */
static gboolean
read_header (WkbReader *r,
             guint32   *base,
             GError   **error)
{
  guint8 order;
  guint32 type;

  if (r->len - r->pos < 1)
    return truncated (r, error);

  order = r->data[r->pos++];
  if (order > 1)
    {
      g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB,
                   _("Invalid byte order %u in the geometry data"), order);
      return FALSE;
    }
  r->big_endian = (order == 0);

  if (!read_u32 (r, &type, error))
    return FALSE;

  /* ISO SQL/MM codes: +1000 Z, +2000 M, +3000 ZM; the extra ordinates are dropped. */
  if (type < 4000 && (type % 1000 == 1 || type % 1000 == 2 || type % 1000 == 3
                      || type % 1000 == 6))
    {
      static const guint dims[] = { 2, 3, 3, 4 };

      r->dims = dims[type / 1000];
      *base = type % 1000;
      return TRUE;
    }

  g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_UNSUPPORTED,
               _("Unsupported geometry type %u"), type);
  return FALSE;
}

/* Rejects counts that cannot fit in the rest of the buffer, before allocating. */
static gboolean
check_count (WkbReader *r,
             guint32    count,
             gsize      min_bytes_each,
             GError   **error)
{
  if ((guint64) count * min_bytes_each > (guint64) (r->len - r->pos))
    {
      g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB,
                   _("Invalid element count %u in the geometry data"), count);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_vertex (WkbReader *r,
             GError   **error)
{
  WmPoint p;
  double extra;

  if (!read_double (r, &p.x, error) || !read_double (r, &p.y, error))
    return FALSE;
  for (guint d = 2; d < r->dims; d++)
    if (!read_double (r, &extra, error))
      return FALSE;

  if (!isfinite (p.x) || !isfinite (p.y))
    {
      g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB,
                   _("The geometry data has a coordinate that is not a number"));
      return FALSE;
    }

  g_array_append_val (r->points, p);
  return TRUE;
}

static gboolean
read_vertices (WkbReader *r,
               guint32   *n_out,
               GError   **error)
{
  guint32 n;

  if (!read_u32 (r, &n, error) || !check_count (r, n, 8 * r->dims, error))
    return FALSE;

  for (guint32 i = 0; i < n; i++)
    if (!read_vertex (r, error))
      return FALSE;

  *n_out = n;
  return TRUE;
}

/* Reads the body of a polygon (after its header). */
static gboolean
read_polygon_body (WkbReader *r,
                   GError   **error)
{
  guint32 n_rings;
  guint first_ring = r->ring_start->len;

  if (!read_u32 (r, &n_rings, error) || !check_count (r, n_rings, 4, error))
    return FALSE;
  if (n_rings == 0)
    {
      g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_DEGENERATE,
                   _("The geometry data has an empty polygon"));
      return FALSE;
    }

  g_array_append_val (r->polygon_start, first_ring);
  for (guint32 i = 0; i < n_rings; i++)
    {
      guint start = r->points->len;
      guint32 n;
      guint kept;

      if (!read_vertices (r, &n, error))
        return FALSE;

      /* Fewer than three vertices can never make a ring (and an empty first ring leaves the
       * array without storage to point into). */
      kept = n >= 3 ? ring_length_without_closing (&g_array_index (r->points, WmPoint, start), n)
                    : 0;
      g_array_set_size (r->points, start + kept);
      if (kept < 3 || !ring_has_three_distinct (&g_array_index (r->points, WmPoint, start), kept))
        {
          g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_DEGENERATE,
                       _("The geometry data has a ring with fewer than three distinct points"));
          return FALSE;
        }
      g_array_append_val (r->ring_start, start);
    }

  return TRUE;
}

WmGeometry *
wm_geometry_from_wkb (const guint8 *data,
                      gsize         len,
                      gsize        *consumed,
                      GError      **error)
{
  WkbReader r = { 0, };
  guint32 base;
  guint n_points, n_rings, n_polygons;
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  r.data = data;
  r.len = len;
  /* Room for as many 2D vertices as the data can hold (16 bytes each), so a footprint is
   * read with one allocation per array instead of one per doubling: loading a city decodes a
   * million of them. */
  r.points = g_array_sized_new (FALSE, FALSE, sizeof (WmPoint), MIN (len / 16, 65536));
  r.ring_start = g_array_sized_new (FALSE, FALSE, sizeof (guint), 2);
  r.polygon_start = g_array_sized_new (FALSE, FALSE, sizeof (guint), 2);

  if (!read_header (&r, &base, error))
    goto out;

  switch (base)
    {
    case WM_GEOMETRY_POINT:
      ok = read_vertex (&r, error);
      break;

    case WM_GEOMETRY_LINESTRING:
      {
        guint32 n;
        guint zero = 0;

        ok = read_vertices (&r, &n, error);
        if (ok && n < 2)
          {
            g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_DEGENERATE,
                         _("The geometry data has a line with fewer than two points"));
            ok = FALSE;
          }
        if (ok)
          g_array_append_val (r.ring_start, zero);
      }
      break;

    case WM_GEOMETRY_POLYGON:
      ok = read_polygon_body (&r, error);
      break;

    case WM_GEOMETRY_MULTIPOLYGON:
      {
        guint32 n_parts;

        if (!read_u32 (&r, &n_parts, error) || !check_count (&r, n_parts, 9, error))
          break;
        if (n_parts == 0)
          {
            g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_DEGENERATE,
                         _("The geometry data has an empty multipolygon"));
            break;
          }

        ok = TRUE;
        for (guint32 i = 0; ok && i < n_parts; i++)
          {
            guint32 part_base;

            ok = read_header (&r, &part_base, error);
            if (ok && part_base != WM_GEOMETRY_POLYGON)
              {
                g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB,
                             _("A multipolygon contains a geometry of type %u"), part_base);
                ok = FALSE;
              }
            if (ok)
              ok = read_polygon_body (&r, error);
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

out:
  if (!ok)
    {
      g_array_unref (r.points);
      g_array_unref (r.ring_start);
      g_array_unref (r.polygon_start);
      return NULL;
    }

  if (consumed != NULL)
    *consumed = r.pos;

  n_points = r.points->len;
  n_rings = r.ring_start->len;
  n_polygons = r.polygon_start->len;
  {
    /* Same layout as the constructors: the single entry of an empty level is 0. */
    guint ring_end = (n_rings > 0) ? n_points : 0;
    guint polygon_end = (n_polygons > 0) ? n_rings : 0;

    g_array_append_val (r.ring_start, ring_end);
    g_array_append_val (r.polygon_start, polygon_end);
  }

  return geometry_new_take ((WmGeometryKind) base,
                            (WmPoint *) (void *) g_array_free (r.points, FALSE), n_points,
                            (guint *) (void *) g_array_free (r.ring_start, FALSE), n_rings,
                            (guint *) (void *) g_array_free (r.polygon_start, FALSE), n_polygons);
}
