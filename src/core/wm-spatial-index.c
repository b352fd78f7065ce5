/* wm-spatial-index.c: a uniform grid of points for radius queries */
#include "config.h"

#include <math.h>
#include <string.h>

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
  Entry *entries;   /* own allocation, or part of the arena */
  guint len, cap;
  gboolean in_arena;
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
  Entry *arena;     /* the entries of a bulk insert, bucket after bucket */
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
      cells[i].in_arena = FALSE;
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
    if (!self->cells[i].in_arena)
      g_free (self->cells[i].entries);
  g_free (self->cells);
  g_free (self->arena);
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
      Entry *entries = g_new (Entry, MAX (8, 2 * b->cap));

      if (b->len > 0)
        memcpy (entries, b->entries, b->len * sizeof (Entry));
      if (!b->in_arena)
        g_free (b->entries);
      b->entries = entries;
      b->cap = MAX (8, 2 * b->cap);
      b->in_arena = FALSE;
    }
  b->entries[b->len++] = entry;
  b->min_x = MIN (b->min_x, x);
  b->max_x = MAX (b->max_x, x);
  b->min_y = MIN (b->min_y, y);
  b->max_y = MAX (b->max_y, y);
}

#define POINT_AT(base, i, stride) (*(const double *) ((const char *) (base) + (gsize) (i) * (stride)))

void
wm_spatial_index_insert_many (WmSpatialIndex *self,
                              guint           first_id,
                              guint           n,
                              const double   *xs,
                              const double   *ys,
                              gsize           stride)
{
  gint64 x0 = G_MAXINT64, y0 = G_MAXINT64, x1 = G_MININT64, y1 = G_MININT64;
  g_autofree gint64 *cell_of = NULL; /* -1: overflow */
  g_autofree guint *need = NULL;
  Entry *arena, *next;
  gsize total = 0;

  g_return_if_fail (n == 0 || (xs != NULL && ys != NULL));

  for (guint i = 0; i < n; i++)
    {
      gint64 ix, iy;

      if (bucket_coords (self, POINT_AT (xs, i, stride), POINT_AT (ys, i, stride), &ix, &iy))
        {
          x0 = MIN (x0, ix), x1 = MAX (x1, ix);
          y0 = MIN (y0, iy), y1 = MAX (y1, iy);
        }
    }
  /* Too spread out for one grid: let the single inserts decide what overflows. */
  if (x0 > x1 || !ensure_cell (self, x0, y0) || !ensure_cell (self, x1, y1))
    {
      for (guint i = 0; i < n; i++)
        wm_spatial_index_insert (self, first_id + i, POINT_AT (xs, i, stride),
                                 POINT_AT (ys, i, stride));
      return;
    }

  /* Count per bucket, then give every bucket that will hold points its exact room in one
   * new arena, in grid order. */
  cell_of = g_new (gint64, n);
  need = g_new0 (guint, self->nx * self->ny);
  for (guint i = 0; i < n; i++)
    {
      gint64 ix, iy;

      cell_of[i] = -1;
      if (bucket_coords (self, POINT_AT (xs, i, stride), POINT_AT (ys, i, stride), &ix, &iy))
        {
          cell_of[i] = (iy - self->iy0) * self->nx + (ix - self->ix0);
          need[cell_of[i]]++;
        }
    }
  for (gint64 c = 0; c < self->nx * self->ny; c++)
    if (need[c] > 0 || (self->cells[c].in_arena && self->cells[c].len > 0))
      total += self->cells[c].len + need[c];

  next = arena = g_new (Entry, MAX (total, 1));
  for (gint64 c = 0; c < self->nx * self->ny; c++)
    {
      Bucket *b = &self->cells[c];

      if (need[c] == 0 && !(b->in_arena && b->len > 0))
        {
          /* The old arena goes away. */
          if (b->in_arena)
            {
              b->entries = NULL;
              b->cap = 0;
              b->in_arena = FALSE;
            }
          continue;
        }
      if (b->len > 0)
        memcpy (next, b->entries, b->len * sizeof (Entry));
      if (!b->in_arena)
        g_free (b->entries);
      b->entries = next;
      b->cap = b->len + need[c];
      b->in_arena = TRUE;
      next += b->cap;
    }
  g_free (self->arena);
  self->arena = arena;

  for (guint i = 0; i < n; i++)
    {
      Entry entry = { first_id + i, POINT_AT (xs, i, stride), POINT_AT (ys, i, stride) };
      Bucket *b;

      self->size++;
      if (cell_of[i] < 0)
        {
          g_array_append_val (self->overflow, entry);
          continue;
        }
      b = &self->cells[cell_of[i]];
      b->entries[b->len++] = entry;
      b->min_x = MIN (b->min_x, entry.x);
      b->max_x = MAX (b->max_x, entry.x);
      b->min_y = MIN (b->min_y, entry.y);
      b->max_y = MAX (b->max_y, entry.y);
    }
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

/* Bulk counts, kept in the index's own order so that counting touches memory in sequence. */
typedef struct
{
  guint *counts;     /* by id: points in the overflow list */
  guint *per_bucket; /* buckets whole inside a circle */
  guint *per_entry;  /* points of a bucket partly inside, at offset[bucket] + i */
  gsize *offset;
} Tally;

/* Visits the points within @radius: calls @func, or counts them in @tally. A bucket whose
 * bounds lie within the circle needs no test per point: the rounded distance is monotone in
 * each coordinate, so no point of it can be further than its furthest corner. */
static void
visit_radius (WmSpatialIndex     *self,
              double              x,
              double              y,
              double              radius,
              WmSpatialIndexFunc  func,
              gpointer            user_data,
              Tally              *tally)
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
              const Entry *entries = b->entries;
              guint len = b->len;
              double far_x, far_y, near_x, near_y;

              if (len == 0)
                continue;
              far_x = MAX (fabs (b->min_x - x), fabs (b->max_x - x));
              far_y = MAX (fabs (b->min_y - y), fabs (b->max_y - y));
              near_x = x < b->min_x ? b->min_x - x : x > b->max_x ? x - b->max_x : 0.0;
              near_y = y < b->min_y ? b->min_y - y : y > b->max_y ? y - b->max_y : 0.0;
              if (near_x * near_x + near_y * near_y > r2)
                continue;
              if (far_x * far_x + far_y * far_y <= r2)
                {
                  if (tally != NULL)
                    tally->per_bucket[row + ix]++;
                  else
                    for (guint i = 0; i < len; i++)
                      func (entries[i].id, entries[i].x, entries[i].y, user_data);
                  continue;
                }
              if (tally != NULL)
                {
                  guint *hits = &tally->per_entry[tally->offset[row + ix]];

                  for (guint i = 0; i < len; i++)
                    {
                      double dx = entries[i].x - x, dy = entries[i].y - y;

                      hits[i] += dx * dx + dy * dy <= r2;
                    }
                  continue;
                }
              for (guint i = 0; i < len; i++)
                {
                  double dx = entries[i].x - x, dy = entries[i].y - y;

                  if (dx * dx + dy * dy <= r2)
                    func (entries[i].id, entries[i].x, entries[i].y, user_data);
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
          if (tally != NULL)
            tally->counts[e->id]++;
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
  visit_radius (self, x, y, radius, func, user_data, NULL);
}

void
wm_spatial_index_count_radius_many (WmSpatialIndex *self,
                                    const double   *xs,
                                    const double   *ys,
                                    guint           n,
                                    double          radius,
                                    guint          *counts)
{
  gsize n_cells = self->cells != NULL ? self->nx * self->ny : 0;
  g_autofree guint *per_bucket = NULL;
  g_autofree guint *per_entry = NULL;
  g_autofree gsize *offset = NULL;
  Tally tally = { counts, NULL, NULL, NULL };
  gsize n_entries = 0;

  g_return_if_fail (n == 0 || (xs != NULL && ys != NULL && counts != NULL));

  if (n == 0)
    return;
  if (n_cells > 0)
    {
      offset = g_new (gsize, n_cells);
      for (gsize c = 0; c < n_cells; c++)
        {
          offset[c] = n_entries;
          n_entries += self->cells[c].len;
        }
      tally.per_bucket = per_bucket = g_new0 (guint, n_cells);
      tally.per_entry = per_entry = g_new0 (guint, MAX (n_entries, 1));
      tally.offset = offset;
    }
  for (guint i = 0; i < n; i++)
    visit_radius (self, xs[i], ys[i], radius, NULL, NULL, &tally);
  for (gsize c = 0; c < n_cells; c++)
    {
      const Entry *entries = self->cells[c].entries;
      guint len = self->cells[c].len, whole = per_bucket[c];
      const guint *hits = &per_entry[offset[c]];

      for (guint i = 0; i < len; i++)
        counts[entries[i].id] += whole + hits[i];
    }
}
