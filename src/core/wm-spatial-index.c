/* wm-spatial-index.c: a uniform grid of points for radius queries */
#include "config.h"

#include <math.h>

#include "wm-spatial-index.h"

typedef struct
{
  guint id;
  double x, y;
} Entry;

struct _WmSpatialIndex
{
  double bucket_size;
  GHashTable *buckets; /* packed bucket coordinates (gint64 *) -> GArray of Entry */
  guint size;
};

static gint64
bucket_key (gint64 ix,
            gint64 iy)
{
  return (ix << 32) ^ (iy & 0xffffffff);
}

static gint64
bucket_coord (WmSpatialIndex *self,
              double          v)
{
  return (gint64) floor (v / self->bucket_size);
}

static void
free_bucket (gpointer data)
{
  g_array_unref (data);
}

WmSpatialIndex *
wm_spatial_index_new (double bucket_size)
{
  WmSpatialIndex *self;

  g_return_val_if_fail (bucket_size > 0.0, NULL);

  self = g_new0 (WmSpatialIndex, 1);
  self->bucket_size = bucket_size;
  self->buckets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, free_bucket);

  return self;
}

void
wm_spatial_index_free (WmSpatialIndex *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->buckets);
  g_free (self);
}

void
wm_spatial_index_clear (WmSpatialIndex *self)
{
  g_hash_table_remove_all (self->buckets);
  self->size = 0;
}

void
wm_spatial_index_insert (WmSpatialIndex *self,
                         guint           id,
                         double          x,
                         double          y)
{
  gint64 key = bucket_key (bucket_coord (self, x), bucket_coord (self, y));
  GArray *bucket = g_hash_table_lookup (self->buckets, &key);
  Entry entry = { id, x, y };

  if (bucket == NULL)
    {
      bucket = g_array_sized_new (FALSE, FALSE, sizeof (Entry), 8);
      g_hash_table_insert (self->buckets, g_memdup2 (&key, sizeof key), bucket);
    }
  g_array_append_val (bucket, entry);
  self->size++;
}

gboolean
wm_spatial_index_remove (WmSpatialIndex *self,
                         guint           id,
                         double          x,
                         double          y)
{
  gint64 key = bucket_key (bucket_coord (self, x), bucket_coord (self, y));
  GArray *bucket = g_hash_table_lookup (self->buckets, &key);

  if (bucket == NULL)
    return FALSE;
  for (guint i = 0; i < bucket->len; i++)
    {
      Entry *e = &g_array_index (bucket, Entry, i);

      if (e->id == id && e->x == x && e->y == y)
        {
          g_array_remove_index_fast (bucket, i);
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

void
wm_spatial_index_query_radius (WmSpatialIndex     *self,
                               double              x,
                               double              y,
                               double              radius,
                               WmSpatialIndexFunc  func,
                               gpointer            user_data)
{
  gint64 x0 = bucket_coord (self, x - radius), x1 = bucket_coord (self, x + radius);
  gint64 y0 = bucket_coord (self, y - radius), y1 = bucket_coord (self, y + radius);
  double r2 = radius * radius;

  for (gint64 ix = x0; ix <= x1; ix++)
    for (gint64 iy = y0; iy <= y1; iy++)
      {
        gint64 key = bucket_key (ix, iy);
        GArray *bucket = g_hash_table_lookup (self->buckets, &key);

        if (bucket == NULL)
          continue;
        for (guint i = 0; i < bucket->len; i++)
          {
            const Entry *e = &g_array_index (bucket, Entry, i);
            double dx = e->x - x, dy = e->y - y;

            if (dx * dx + dy * dy <= r2)
              func (e->id, e->x, e->y, user_data);
          }
      }
}
