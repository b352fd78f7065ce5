/* wm-spatial-index.h: a uniform grid of points for radius queries
 *
 * Points carry a caller's id (an index into the caller's own array). Buckets are square
 * cells of a fixed size; a radius query visits only the buckets the circle touches.
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
/* Removes one entry with @id at (@x, @y) as inserted; FALSE when there is none. */
gboolean wm_spatial_index_remove (WmSpatialIndex *self, guint id, double x, double y);
guint wm_spatial_index_get_size (WmSpatialIndex *self);
/* Calls @func for every point at a straight-line distance of at most @radius. */
void wm_spatial_index_query_radius (WmSpatialIndex *self, double x, double y, double radius,
                                    WmSpatialIndexFunc func, gpointer user_data);

G_END_DECLS
