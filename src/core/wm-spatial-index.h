/* wm-spatial-index.h: a uniform grid of points for radius queries
 *
 * Points carry a caller's id (an index into the caller's own array). Buckets are square
 * cells of a fixed size, kept in a dense array that grows with the points' extent (points
 * too far out go to one overflow list); a radius query visits only the buckets the circle
 * touches.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _WmSpatialIndex WmSpatialIndex;

typedef void (*WmSpatialIndexFunc) (guint id, double x, double y, gpointer user_data);

WmSpatialIndex *wm_spatial_index_new (double bucket_size);
void wm_spatial_index_free (WmSpatialIndex *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmSpatialIndex, wm_spatial_index_free)

void wm_spatial_index_clear (WmSpatialIndex *self);
void wm_spatial_index_insert (WmSpatialIndex *self, guint id, double x, double y);
/* Inserts @n points with ids @first_id, @first_id + 1, ...: point i at the doubles @xs and
 * @ys advanced by i * @stride bytes (fields of an array of structs). Faster than one by one,
 * and lays the buckets out contiguously. */
void wm_spatial_index_insert_many (WmSpatialIndex *self, guint first_id, guint n,
                                   const double *xs, const double *ys, gsize stride);
/* Removes one entry with @id at (@x, @y) as inserted; FALSE when there is none. */
gboolean wm_spatial_index_remove (WmSpatialIndex *self, guint id, double x, double y);
guint wm_spatial_index_get_size (WmSpatialIndex *self);
/* Calls @func for every point at a straight-line distance of at most @radius. */
void wm_spatial_index_query_radius (WmSpatialIndex *self, double x, double y, double radius,
                                    WmSpatialIndexFunc func, gpointer user_data);
/* For each of the @n circles of @radius around (@xs[i], @ys[i]), adds 1 to @counts[id] of
 * every point query_radius would visit (exactly the same points). For bulk counting: a
 * bucket inside a circle is counted once, not per point. @counts must be indexable by every
 * id. */
void wm_spatial_index_count_radius_many (WmSpatialIndex *self, const double *xs,
                                         const double *ys, guint n, double radius,
                                         guint *counts);

G_END_DECLS
