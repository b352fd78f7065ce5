/* wm-box-index.h: a grid over rectangles for point queries
 *
 * Built once from an array of boxes (ids are their positions in it) and read many times:
 * which boxes contain a point. Each box is listed in every grid cell it overlaps, in id
 * order, so a query visits one cell and finds the candidates in the order of the array (the
 * first containing box of a brute-force scan is the first found here too).
 */
#pragma once

#include "wm-geometry.h"

G_BEGIN_DECLS

typedef struct _WmBoxIndex WmBoxIndex;

/* Return TRUE to stop the query. */
typedef gboolean (*WmBoxIndexFunc) (guint id, gpointer user_data);

/* Empty or non-finite boxes are never found. */
WmBoxIndex *wm_box_index_new (const WmBounds *boxes, guint n_boxes);
void wm_box_index_free (WmBoxIndex *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmBoxIndex, wm_box_index_free)

guint wm_box_index_get_size (WmBoxIndex *self);
/* Calls @func, in ascending id order, for every box that contains (@x, @y) (edges included)
 * until it returns TRUE; returns the id it stopped at, or G_MAXUINT. */
guint wm_box_index_query_point (WmBoxIndex *self, double x, double y, WmBoxIndexFunc func,
                                gpointer user_data);

G_END_DECLS
