/* wm-box-index.c: a grid over rectangles for point queries */
#include "config.h"

#include <math.h>

#include "wm-box-index.h"

/* Cells per box on average: enough that a cell holds few boxes, few enough that a box is in
 * few cells. The grid never grows beyond MAX_CELLS (a giant box then costs one list entry per
 * cell, still bounded). */
#define CELLS_PER_BOX 4
#define MAX_CELLS (1u << 20)

struct _WmBoxIndex
{
  WmBounds *boxes;   /* n_boxes, copied */
  guint n_boxes;
  WmBounds extent;   /* union of the indexed boxes */
  guint nx, ny;
  double cell_w, cell_h;
  guint *cell_start; /* nx * ny + 1 offsets into ids */
  guint *ids;        /* per cell, ascending */
};

static gboolean
box_usable (const WmBounds *b)
{
  return isfinite (b->min_x) && isfinite (b->min_y) && isfinite (b->max_x) &&
         isfinite (b->max_y) && b->min_x <= b->max_x && b->min_y <= b->max_y;
}

static guint
clamp_cell (double v,
            double origin,
            double size,
            guint  n)
{
  double f = floor ((v - origin) / size);

  if (!(f > 0))
    return 0;
  if (f >= n - 1)
    return n - 1;
  return (guint) f;
}

static void
cell_range (WmBoxIndex     *self,
            const WmBounds *b,
            guint          *x0,
            guint          *y0,
            guint          *x1,
            guint          *y1)
{
  *x0 = clamp_cell (b->min_x, self->extent.min_x, self->cell_w, self->nx);
  *x1 = clamp_cell (b->max_x, self->extent.min_x, self->cell_w, self->nx);
  *y0 = clamp_cell (b->min_y, self->extent.min_y, self->cell_h, self->ny);
  *y1 = clamp_cell (b->max_y, self->extent.min_y, self->cell_h, self->ny);
}

WmBoxIndex *
wm_box_index_new (const WmBounds *boxes,
                  guint           n_boxes)
{
  WmBoxIndex *self;
  guint n_usable = 0;
  double w, h, cells;
  guint n_cells;
  guint *fill;

  g_return_val_if_fail (boxes != NULL || n_boxes == 0, NULL);

  self = g_new0 (WmBoxIndex, 1);
  self->boxes = g_memdup2 (boxes, sizeof (WmBounds) * n_boxes);
  self->n_boxes = n_boxes;
  self->extent = wm_bounds_empty ();
  for (guint i = 0; i < n_boxes; i++)
    if (box_usable (&boxes[i]))
      {
        wm_bounds_union (&self->extent, &boxes[i]);
        n_usable++;
      }

  /* Square-ish cells, about CELLS_PER_BOX per usable box over the extent. */
  if (n_usable == 0)
    {
      self->nx = self->ny = 1;
      self->cell_w = self->cell_h = 1;
    }
  else
    {
      w = MAX (self->extent.max_x - self->extent.min_x, 1e-9);
      h = MAX (self->extent.max_y - self->extent.min_y, 1e-9);
      cells = MIN ((double) n_usable * CELLS_PER_BOX, (double) MAX_CELLS);
      self->nx = (guint) CLAMP (round (sqrt (cells * w / h)), 1, cells);
      self->ny = (guint) CLAMP (floor (cells / self->nx), 1, cells);
      self->cell_w = w / self->nx;
      self->cell_h = h / self->ny;
    }

  /* Two passes (count, then fill) into one array: each cell's ids stay in id order. */
  n_cells = self->nx * self->ny;
  self->cell_start = g_new0 (guint, n_cells + 1);
  for (guint i = 0; i < n_boxes; i++)
    {
      guint x0, y0, x1, y1;

      if (!box_usable (&boxes[i]))
        continue;
      cell_range (self, &boxes[i], &x0, &y0, &x1, &y1);
      for (guint y = y0; y <= y1; y++)
        for (guint x = x0; x <= x1; x++)
          self->cell_start[y * self->nx + x + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    self->cell_start[c + 1] += self->cell_start[c];
  self->ids = g_new (guint, MAX (self->cell_start[n_cells], 1));
  fill = g_memdup2 (self->cell_start, sizeof (guint) * n_cells);
  for (guint i = 0; i < n_boxes; i++)
    {
      guint x0, y0, x1, y1;

      if (!box_usable (&boxes[i]))
        continue;
      cell_range (self, &boxes[i], &x0, &y0, &x1, &y1);
      for (guint y = y0; y <= y1; y++)
        for (guint x = x0; x <= x1; x++)
          self->ids[fill[y * self->nx + x]++] = i;
    }
  g_free (fill);

  return self;
}

void
wm_box_index_free (WmBoxIndex *self)
{
  if (self == NULL)
    return;
  g_free (self->boxes);
  g_free (self->cell_start);
  g_free (self->ids);
  g_free (self);
}

guint
wm_box_index_get_size (WmBoxIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_boxes;
}

guint
wm_box_index_query_point (WmBoxIndex     *self,
                          double          x,
                          double          y,
                          WmBoxIndexFunc  func,
                          gpointer        user_data)
{
  const WmBounds *e;
  guint cell, end;

  g_return_val_if_fail (self != NULL, G_MAXUINT);
  g_return_val_if_fail (func != NULL, G_MAXUINT);

  /* Outside the extent (or NaN): no box can contain the point. */
  e = &self->extent;
  if (!(x >= e->min_x && x <= e->max_x && y >= e->min_y && y <= e->max_y))
    return G_MAXUINT;

  cell = clamp_cell (y, e->min_y, self->cell_h, self->ny) * self->nx +
         clamp_cell (x, e->min_x, self->cell_w, self->nx);
  end = self->cell_start[cell + 1];
  for (guint k = self->cell_start[cell]; k < end; k++)
    {
      guint id = self->ids[k];
      const WmBounds *b = &self->boxes[id];

      if (x < b->min_x || x > b->max_x || y < b->min_y || y > b->max_y)
        continue;
      if (func (id, user_data))
        return id;
    }

  return G_MAXUINT;
}
