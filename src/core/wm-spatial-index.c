/* wm-spatial-index.c: a uniform grid of points for radius queries */
#include "config.h"

#include <math.h>

#include "wm-spatial-index.h"

/* A dense grid this large covers 70 km square in 100 m buckets; points further out (or not
 * finite) are kept in the overflow list instead of growing it more. */
#define MAX_CELLS (1u << 19)

typedef struct
{
  guint id;
  double x, y;
} Entry;

typedef struct
{
  Entry *entries;
  guint len, cap;
  /* Bounds of the points inserted since the bucket was last empty (not shrunk on removal):
   * enough to tell that all of its points are inside or outside a circle. */
  double min_x, min_y, max_x, max_y;
} Bucket;

struct _WmSpatialIndex
{
  double bucket_size;
  gint64 ix0, iy0;  /* bucket coordinates of cells[0] */
  gint64 nx, ny;
  Bucket *cells;    /* nx * ny, row by row */
  GArray *overflow; /* Entry */
  guint size;
};

static void
bucket_reset (Bucket *b)
{
  b->len = 0;
  b->min_x = b->min_y = INFINITY;
  b->max_x = b->max_y = -INFINITY;
}

/* FALSE for a point that cannot be in the dense grid at all. */
static gboolean
bucket_coords (WmSpatialIndex *self,
               double          x,
               double          y,
               gint64         *ix,
               gint64         *iy)
{
  double fx = floor (x / self->bucket_size), fy = floor (y / self->bucket_size);

  if (!(fabs (fx) < 1e15 && fabs (fy) < 1e15))
    return FALSE;
  *ix = (gint64) fx;
  *iy = (gint64) fy;
  return TRUE;
}

/* Makes the dense grid cover bucket (ix, iy), with room to grow the same way; FALSE when that
 * would make it too large. */
static gboolean
ensure_cell (WmSpatialIndex *self,
             gint64          ix,
             gint64          iy)
{
  gint64 x0, x1, y0, y1, nx, ny;
  Bucket *cells;

  if (self->cells != NULL && ix >= self->ix0 && ix < self->ix0 + self->nx &&
      iy >= self->iy0 && iy < self->iy0 + self->ny)
    return TRUE;

  if (self->cells == NULL)
    {
      x0 = ix - 8, x1 = ix + 8, y0 = iy - 8, y1 = iy + 8;
    }
  else
    {
      x0 = MIN (self->ix0, ix), x1 = MAX (self->ix0 + self->nx - 1, ix);
      y0 = MIN (self->iy0, iy), y1 = MAX (self->iy0 + self->ny - 1, iy);
      if ((x1 - x0 + 1) > MAX_CELLS || (y1 - y0 + 1) > MAX_CELLS ||
          (x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS)
        return FALSE;
      /* Grow by half again on the sides that grew, so that growing costs amortised O(1). */
      {
        gint64 wx = (x1 - x0 + 1) / 2, wy = (y1 - y0 + 1) / 2;
        gint64 gx0 = x0 < self->ix0 ? x0 - wx : x0;
        gint64 gx1 = x1 >= self->ix0 + self->nx ? x1 + wx : x1;
        gint64 gy0 = y0 < self->iy0 ? y0 - wy : y0;
        gint64 gy1 = y1 >= self->iy0 + self->ny ? y1 + wy : y1;

        if ((gx1 - gx0 + 1) * (gy1 - gy0 + 1) <= MAX_CELLS)
          x0 = gx0, x1 = gx1, y0 = gy0, y1 = gy1;
      }
    }

  nx = x1 - x0 + 1;
  ny = y1 - y0 + 1;
  cells = g_new (Bucket, nx * ny);
  for (gint64 i = 0; i < nx * ny; i++)
    {
      cells[i].entries = NULL;
      cells[i].cap = 0;
      bucket_reset (&cells[i]);
    }
  for (gint64 j = 0; self->cells != NULL && j < self->ny; j++)
    for (gint64 i = 0; i < self->nx; i++)
      cells[(self->iy0 + j - y0) * nx + (self->ix0 + i - x0)] = self->cells[j * self->nx + i];
  g_free (self->cells);
  self->cells = cells;
  self->ix0 = x0;
  self->iy0 = y0;
  self->nx = nx;
  self->ny = ny;
  return TRUE;
}

static Bucket *
find_bucket (WmSpatialIndex *self,
             double          x,
             double          y)
{
  gint64 ix, iy;

  if (self->cells == NULL || !bucket_coords (self, x, y, &ix, &iy) ||
      ix < self->ix0 || ix >= self->ix0 + self->nx || iy < self->iy0 || iy >= self->iy0 + self->ny)
    return NULL;
  return &self->cells[(iy - self->iy0) * self->nx + (ix - self->ix0)];
}

WmSpatialIndex *
wm_spatial_index_new (double bucket_size)
{
  WmSpatialIndex *self;

  g_return_val_if_fail (bucket_size > 0.0, NULL);

  self = g_new0 (WmSpatialIndex, 1);
  self->bucket_size = bucket_size;
  self->overflow = g_array_new (FALSE, FALSE, sizeof (Entry));

  return self;
}

void
wm_spatial_index_free (WmSpatialIndex *self)
{
  if (self == NULL)
    return;
  for (gint64 i = 0; self->cells != NULL && i < self->nx * self->ny; i++)
    g_free (self->cells[i].entries);
  g_free (self->cells);
  g_array_unref (self->overflow);
  g_free (self);
}

/* Keeps the grid and the buckets' memory for the next fill. */
void
wm_spatial_index_clear (WmSpatialIndex *self)
{
  for (gint64 i = 0; self->cells != NULL && i < self->nx * self->ny; i++)
    bucket_reset (&self->cells[i]);
  g_array_set_size (self->overflow, 0);
  self->size = 0;
}

void
wm_spatial_index_insert (WmSpatialIndex *self,
                         guint           id,
                         double          x,
                         double          y)
{
  Entry entry = { id, x, y };
  gint64 ix, iy;
  Bucket *b;

  self->size++;
  if (!bucket_coords (self, x, y, &ix, &iy) || !ensure_cell (self, ix, iy))
    {
      g_array_append_val (self->overflow, entry);
      return;
    }

  b = &self->cells[(iy - self->iy0) * self->nx + (ix - self->ix0)];
  if (b->len == b->cap)
    {
      b->cap = MAX (8, 2 * b->cap);
      b->entries = g_renew (Entry, b->entries, b->cap);
    }
  b->entries[b->len++] = entry;
  b->min_x = MIN (b->min_x, x);
  b->max_x = MAX (b->max_x, x);
  b->min_y = MIN (b->min_y, y);
  b->max_y = MAX (b->max_y, y);
}

gboolean
wm_spatial_index_remove (WmSpatialIndex *self,
                         guint           id,
                         double          x,
                         double          y)
{
  Bucket *b = find_bucket (self, x, y);

  if (b != NULL)
    {
      for (guint i = 0; i < b->len; i++)
        if (b->entries[i].id == id && b->entries[i].x == x && b->entries[i].y == y)
          {
            b->entries[i] = b->entries[--b->len];
            if (b->len == 0)
              bucket_reset (b);
            self->size--;
            return TRUE;
          }
      return FALSE;
    }

  for (guint i = 0; i < self->overflow->len; i++)
    {
      Entry *e = &g_array_index (self->overflow, Entry, i);

      /* x == x: a NaN coordinate is never found, as in a bucket. */
      if (e->id == id && e->x == x && e->y == y)
        {
          g_array_remove_index_fast (self->overflow, i);
          self->size--;
          return TRUE;
        }
    }
  return FALSE;
}

guint
wm_spatial_index_get_size (WmSpatialIndex *self)
{
  return self->size;
}

/* NaN (from an infinite centre and radius) means unbounded on that side. */
static gint64
clamp_coord (double  v,
             double  nan_value,
             gint64  lo,
             gint64  hi)
{
  if (isnan (v))
    v = nan_value;
  if (v <= (double) lo)
    return lo;
  if (v >= (double) hi)
    return hi;
  return (gint64) v;
}

/* Visits the points within @radius: calls @func, or with @counts adds 1 to them, where a
 * bucket whole inside the circle gets 1 in @per_bucket instead. Such a bucket needs no test
 * per point: the rounded distance is monotone in each coordinate, so no point of it can be
 * further than its furthest corner. */
static void
visit_radius (WmSpatialIndex     *self,
              double              x,
              double              y,
              double              radius,
              WmSpatialIndexFunc  func,
              gpointer            user_data,
              guint              *counts,
              guint              *per_bucket)
{
  double r2 = radius * radius;

  if (isnan (x) || isnan (y) || !(radius >= 0.0))
    return;

  if (self->cells != NULL)
    {
      double s = self->bucket_size;
      gint64 x0 = clamp_coord (floor ((x - radius) / s), -INFINITY, self->ix0,
                               self->ix0 + self->nx - 1);
      gint64 x1 = clamp_coord (floor ((x + radius) / s), INFINITY, self->ix0,
                               self->ix0 + self->nx - 1);
      gint64 y0 = clamp_coord (floor ((y - radius) / s), -INFINITY, self->iy0,
                               self->iy0 + self->ny - 1);
      gint64 y1 = clamp_coord (floor ((y + radius) / s), INFINITY, self->iy0,
                               self->iy0 + self->ny - 1);

      for (gint64 iy = y0; iy <= y1; iy++)
        {
          gint64 row = (iy - self->iy0) * self->nx - self->ix0;

          for (gint64 ix = x0; ix <= x1; ix++)
            {
              const Bucket *b = &self->cells[row + ix];
              double far_x, far_y, near_x, near_y;

              if (b->len == 0)
                continue;
              far_x = MAX (fabs (b->min_x - x), fabs (b->max_x - x));
              far_y = MAX (fabs (b->min_y - y), fabs (b->max_y - y));
              near_x = x < b->min_x ? b->min_x - x : x > b->max_x ? x - b->max_x : 0.0;
              near_y = y < b->min_y ? b->min_y - y : y > b->max_y ? y - b->max_y : 0.0;
              if (near_x * near_x + near_y * near_y > r2)
                continue;
              if (far_x * far_x + far_y * far_y <= r2)
                {
                  if (counts != NULL)
                    per_bucket[row + ix]++;
                  else
                    for (guint i = 0; i < b->len; i++)
                      func (b->entries[i].id, b->entries[i].x, b->entries[i].y, user_data);
                  continue;
                }
              for (guint i = 0; i < b->len; i++)
                {
                  const Entry *e = &b->entries[i];
                  double dx = e->x - x, dy = e->y - y;

                  if (dx * dx + dy * dy <= r2)
                    {
                      if (counts != NULL)
                        counts[e->id]++;
                      else
                        func (e->id, e->x, e->y, user_data);
                    }
                }
            }
        }
    }

  for (guint i = 0; i < self->overflow->len; i++)
    {
      const Entry *e = &g_array_index (self->overflow, Entry, i);
      double dx = e->x - x, dy = e->y - y;

      if (dx * dx + dy * dy <= r2)
        {
          if (counts != NULL)
            counts[e->id]++;
          else
            func (e->id, e->x, e->y, user_data);
        }
    }
}

void
wm_spatial_index_query_radius (WmSpatialIndex     *self,
                               double              x,
                               double              y,
                               double              radius,
                               WmSpatialIndexFunc  func,
                               gpointer            user_data)
{
  g_return_if_fail (func != NULL);
  visit_radius (self, x, y, radius, func, user_data, NULL, NULL);
}

void
wm_spatial_index_count_radius_many (WmSpatialIndex *self,
                                    const double   *xs,
                                    const double   *ys,
                                    guint           n,
                                    double          radius,
                                    guint          *counts)
{
  g_autofree guint *per_bucket = NULL;

  g_return_if_fail (n == 0 || (xs != NULL && ys != NULL && counts != NULL));

  if (n == 0)
    return;
  if (self->cells != NULL)
    per_bucket = g_new0 (guint, self->nx * self->ny);
  for (guint i = 0; i < n; i++)
    visit_radius (self, xs[i], ys[i], radius, NULL, NULL, counts, per_bucket);
  for (gint64 c = 0; per_bucket != NULL && c < self->nx * self->ny; c++)
    if (per_bucket[c] > 0)
      {
        const Bucket *b = &self->cells[c];

        for (guint i = 0; i < b->len; i++)
          counts[b->entries[i].id] += per_bucket[c];
      }
}
