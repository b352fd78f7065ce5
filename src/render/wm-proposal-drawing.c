/* wm-proposal-drawing.c: a scenario's proposals, each kind in its own style */
#include "config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "wm-facility-drawing.h"
#include "wm-proposal-drawing.h"
#include "wm-tile-renderer.h"

/* A footprint or proposal geometry, its vertices already in world coordinates. */
typedef struct
{
  guint n_rings;
  guint *ring_start; /* n_rings + 1 */
  double *xy;        /* world x, y per vertex */
  gboolean closed;
  double centroid_x, centroid_y;
  WmBounds bounds;   /* world */
} Shape;

typedef struct
{
  char *id;
  WmProposalKind kind;
  WmProposalLook look;
  WmTimelineStage stage;
  guint32 fill;
  int pattern;
  GArray *shapes; /* Shape: footprints, or the proposal's own geometry */
  /* Facility proposals: the symbol's place and type. */
  gboolean has_symbol;
  double symbol_x, symbol_y;
  WmFacilityType facility_type;
} Entry;

struct _WmProposalDrawing
{
  gatomicrefcount ref_count;
  WmIndicatorState state;
  int year;
  guint n_under_way;
  GArray *entries; /* Entry, in the scenario's order */
};

typedef struct
{
  cairo_t *cr;
  const WmMapTransform *transform;
  double width, height;
  double zoom;
  double scale;
  PangoFontDescription *font;
} DrawContext;

static void
shape_clear (Shape *shape)
{
  g_clear_pointer (&shape->ring_start, g_free);
  g_clear_pointer (&shape->xy, g_free);
}

static void
entry_clear (Entry *entry)
{
  g_clear_pointer (&entry->id, g_free);
  g_clear_pointer (&entry->shapes, g_array_unref);
}

static void
add_shape (Entry *entry, const WmGeometry *g)
{
  Shape shape = { 0 };
  WmPoint c = wm_geometry_centroid (g);

  shape.n_rings = g->n_rings;
  shape.ring_start = g_memdup2 (g->ring_start, sizeof (guint) * (g->n_rings + 1));
  shape.xy = g_new (double, 2 * MAX (g->n_points, 1));
  shape.closed = g->kind != WM_GEOMETRY_LINESTRING;
  shape.bounds = wm_bounds_empty ();
  for (guint i = 0; i < g->n_points; i++)
    {
      double *p = &shape.xy[2 * i];

      wm_map_transform_rd_to_world (g->points[i].x, g->points[i].y, &p[0], &p[1]);
      shape.bounds.min_x = MIN (shape.bounds.min_x, p[0]);
      shape.bounds.max_x = MAX (shape.bounds.max_x, p[0]);
      shape.bounds.min_y = MIN (shape.bounds.min_y, p[1]);
      shape.bounds.max_y = MAX (shape.bounds.max_y, p[1]);
    }
  wm_map_transform_rd_to_world (c.x, c.y, &shape.centroid_x, &shape.centroid_y);
  g_array_append_val (entry->shapes, shape);
}

WmProposalLook
wm_proposal_drawing_compute_look (WmProposal *proposal, WmIndicatorState state,
                                  WmHousingMode mode, WmSegment segment, guint32 *out_fill,
                                  int *out_pattern)
{
  guint32 fill = wm_map_style_get_new_build_fill ();
  int pattern = -1;
  WmProposalLook look = WM_PROPOSAL_LOOK_PROPOSAL;

  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), WM_PROPOSAL_LOOK_PROPOSAL);

  if (state == WM_INDICATOR_PROJECTED)
    {
      switch (wm_proposal_get_kind (proposal))
        {
        case WM_PROPOSAL_DEMOLISH:
          look = WM_PROPOSAL_LOOK_GONE;
          fill = wm_map_style_get_background ();
          break;
        case WM_PROPOSAL_NEW_BUILD:
          /* The same rule as the housing tiles, on the dwellings it adds. */
          if (wm_map_style_get_housing_fill (mode, segment,
                                             wm_proposal_get_dwelling_delta (proposal), &fill,
                                             &pattern))
            {
              look = WM_PROPOSAL_LOOK_HOUSING;
            }
          else
            {
              look = WM_PROPOSAL_LOOK_BUILDING;
              fill = wm_map_style_get_building ()->fill;
              pattern = -1;
            }
          break;
        case WM_PROPOSAL_CONVERT_TENURE:
        case WM_PROPOSAL_RENOVATE:
        case WM_PROPOSAL_TRANSFORM:
        case WM_PROPOSAL_SPLIT_MERGE:
        case WM_PROPOSAL_ADD_FACILITY:
        case WM_PROPOSAL_REMOVE_FACILITY:
        case WM_N_PROPOSAL_KINDS:
        default:
          break;
        }
    }
  if (out_fill != NULL)
    *out_fill = fill;
  if (out_pattern != NULL)
    *out_pattern = pattern;
  return look;
}

/* The footprints of the buildings @proposal names; FALSE when none is found. */
static gboolean
add_building_shapes (Entry *entry, WmPlan *plan, WmProposal *proposal)
{
  const char *const *ids = wm_proposal_get_building_ids (proposal);
  gboolean found = FALSE;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      WmBuilding *building = wm_plan_find_building (plan, ids[i]);

      if (building != NULL && wm_building_get_footprint (building) != NULL)
        {
          add_shape (entry, wm_building_get_footprint (building));
          found = TRUE;
        }
    }
  return found;
}

/* FALSE when @proposal has nothing to draw (no geometry, its buildings or facility gone). */
static gboolean
entry_init (Entry *entry, WmPlan *plan, WmProposal *proposal)
{
  WmGeometry *geometry = wm_proposal_get_geometry (proposal);

  switch (entry->kind)
    {
    case WM_PROPOSAL_DEMOLISH:
      if (add_building_shapes (entry, plan, proposal))
        return TRUE;
      if (geometry != NULL && geometry->n_rings > 0)
        {
          add_shape (entry, geometry);
          return TRUE;
        }
      return FALSE;

    case WM_PROPOSAL_NEW_BUILD:
      if (geometry == NULL || geometry->n_rings == 0)
        return FALSE;
      add_shape (entry, geometry);
      return TRUE;

    case WM_PROPOSAL_CONVERT_TENURE:
    case WM_PROPOSAL_RENOVATE:
    case WM_PROPOSAL_TRANSFORM:
    case WM_PROPOSAL_SPLIT_MERGE:
      /* A badge on each building (its centroid), else on the proposal's own place. */
      if (add_building_shapes (entry, plan, proposal))
        return TRUE;
      if (geometry != NULL && geometry->n_points > 0)
        {
          add_shape (entry, geometry);
          return TRUE;
        }
      return FALSE;

    case WM_PROPOSAL_ADD_FACILITY:
      if (geometry == NULL || geometry->n_points == 0)
        return FALSE;
      entry->has_symbol = TRUE;
      entry->facility_type = wm_proposal_get_facility_type (proposal);
      wm_map_transform_rd_to_world (geometry->points[0].x, geometry->points[0].y,
                                    &entry->symbol_x, &entry->symbol_y);
      return TRUE;

    case WM_PROPOSAL_REMOVE_FACILITY:
      {
        const char *id = wm_proposal_get_facility_id (proposal);
        WmFacility *facility = id != NULL ? wm_plan_find_facility (plan, id) : NULL;
        WmPoint p;

        if (facility == NULL)
          return FALSE;
        p = wm_facility_get_location (facility);
        entry->has_symbol = TRUE;
        entry->facility_type = wm_facility_get_facility_type (facility);
        wm_map_transform_rd_to_world (p.x, p.y, &entry->symbol_x, &entry->symbol_y);
        return TRUE;
      }

    case WM_N_PROPOSAL_KINDS:
    default:
      return FALSE;
    }
}

WmProposalDrawing *
wm_proposal_drawing_new (WmPlan *plan, WmScenario *scenario, WmIndicatorState state,
                         WmHousingMode mode, WmSegment segment)
{
  return wm_proposal_drawing_new_at_year (plan, scenario, state, mode, segment,
                                          WM_INDICATOR_ALL_YEARS);
}

WmProposalDrawing *
wm_proposal_drawing_new_at_year (WmPlan *plan, WmScenario *scenario, WmIndicatorState state,
                                 WmHousingMode mode, WmSegment segment, int year)
{
  WmProposalDrawing *self;
  GListModel *proposals;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), NULL);

  self = g_new0 (WmProposalDrawing, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->state = state;
  self->year = year;
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);

  if (scenario == NULL)
    scenario = wm_plan_get_active_scenario (plan);
  if (scenario == NULL)
    return self;

  proposals = wm_scenario_get_proposals (scenario);
  for (guint i = 0, n = g_list_model_get_n_items (proposals); i < n; i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, i);
      Entry entry = { 0 };

      entry.kind = wm_proposal_get_kind (proposal);
      entry.shapes = g_array_new (FALSE, TRUE, sizeof (Shape));
      g_array_set_clear_func (entry.shapes, (GDestroyNotify) shape_clear);
      if (!entry_init (&entry, plan, proposal))
        {
          entry_clear (&entry);
          continue;
        }
      entry.id = g_strdup (wm_proposal_get_id (proposal));
      entry.stage = wm_timeline_stage_at (proposal, year);
      /* Under way the works have started but nothing is finished: not yet the look after
       * the plan. */
      entry.look = wm_proposal_drawing_compute_look (proposal,
                                                     entry.stage == WM_TIMELINE_COMPLETED
                                                         ? state : WM_INDICATOR_BASELINE,
                                                     mode, segment, &entry.fill,
                                                     &entry.pattern);
      self->n_under_way += entry.stage == WM_TIMELINE_UNDER_WAY;
      g_array_append_val (self->entries, entry);
    }
  return self;
}

WmProposalDrawing *
wm_proposal_drawing_ref (WmProposalDrawing *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wm_proposal_drawing_unref (WmProposalDrawing *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->entries);
  g_free (self);
}

guint
wm_proposal_drawing_get_n_proposals (WmProposalDrawing *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

int
wm_proposal_drawing_get_year (WmProposalDrawing *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->year;
}

guint
wm_proposal_drawing_get_n_under_way (WmProposalDrawing *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_under_way;
}

WmTimelineStage
wm_proposal_drawing_get_stage (WmProposalDrawing *self, const char *proposal_id)
{
  g_return_val_if_fail (self != NULL, WM_TIMELINE_NOT_STARTED);
  g_return_val_if_fail (proposal_id != NULL, WM_TIMELINE_NOT_STARTED);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      if (g_strcmp0 (entry->id, proposal_id) == 0)
        return entry->stage;
    }
  return WM_TIMELINE_NOT_STARTED;
}

WmProposalLook
wm_proposal_drawing_get_look (WmProposalDrawing *self, const char *proposal_id,
                              guint32 *out_fill, int *out_pattern)
{
  g_return_val_if_fail (self != NULL, WM_PROPOSAL_LOOK_PROPOSAL);
  g_return_val_if_fail (proposal_id != NULL, WM_PROPOSAL_LOOK_PROPOSAL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      if (g_strcmp0 (entry->id, proposal_id) != 0)
        continue;
      if (out_fill != NULL)
        *out_fill = entry->fill;
      if (out_pattern != NULL)
        *out_pattern = entry->pattern;
      return entry->look;
    }
  if (out_fill != NULL)
    *out_fill = wm_map_style_get_new_build_fill ();
  if (out_pattern != NULL)
    *out_pattern = -1;
  return WM_PROPOSAL_LOOK_PROPOSAL;
}

/* Outline widths of the housing tiles (wm-tile-renderer.c), so a new build matches. */
static double
housing_outline_width (double zoom)
{
  if (zoom >= 18)
    return 1.0;
  if (zoom >= 17)
    return 0.8;
  if (zoom >= 16)
    return 0.6;
  return 0;
}

static void
to_device (DrawContext *ctx, double wx, double wy, double *x, double *y)
{
  wm_map_transform_apply (ctx->transform, wx, wy, x, y);
}

static gboolean
in_view (DrawContext *ctx, double x, double y, double margin)
{
  return x >= -margin && y >= -margin && x <= ctx->width + margin && y <= ctx->height + margin;
}

/* TRUE when the world bounds of @shape, @margin device units around, meet the view. */
static gboolean
shape_in_view (DrawContext *ctx, const Shape *shape, double margin)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (int i = 0; i < 4; i++)
    {
      double x, y;

      to_device (ctx, (i & 1) ? shape->bounds.max_x : shape->bounds.min_x,
                 (i & 2) ? shape->bounds.max_y : shape->bounds.min_y, &x, &y);
      x0 = MIN (x0, x);
      x1 = MAX (x1, x);
      y0 = MIN (y0, y);
      y1 = MAX (y1, y);
    }
  return x1 >= -margin && y1 >= -margin && x0 <= ctx->width + margin
         && y0 <= ctx->height + margin;
}

static void
append_shape (DrawContext *ctx, const Shape *shape)
{
  for (guint r = 0; r < shape->n_rings; r++)
    {
      for (guint i = shape->ring_start[r]; i < shape->ring_start[r + 1]; i++)
        {
          double x, y;

          to_device (ctx, shape->xy[2 * i], shape->xy[2 * i + 1], &x, &y);
          if (i == shape->ring_start[r])
            cairo_move_to (ctx->cr, x, y);
          else
            cairo_line_to (ctx->cr, x, y);
        }
      if (shape->closed)
        cairo_close_path (ctx->cr);
    }
}

/* Struck through and cross-hatched in dark red: clearly "goes away", also in grey scale. */
static void
draw_demolition (DrawContext *ctx, const Shape *footprint)
{
  cairo_t *cr = ctx->cr;
  guint32 red = wm_map_style_get_demolition_color ();
  double x0, y0, x1, y1, step = 5 * ctx->scale;

  cairo_new_path (cr);
  append_shape (ctx, footprint);
  cairo_path_extents (cr, &x0, &y0, &x1, &y1);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
  cairo_fill_preserve (cr);

  cairo_save (cr);
  cairo_clip_preserve (cr);
  wm_map_style_set_source_rgb (cr, red, 0.9);
  cairo_set_line_width (cr, 1.2 * ctx->scale);
  cairo_new_path (cr);
  for (double d = -(y1 - y0); d < x1 - x0; d += step)
    {
      cairo_move_to (cr, x0 + d, y1);
      cairo_line_to (cr, x0 + d + (y1 - y0), y0);
      cairo_move_to (cr, x0 + d, y0);
      cairo_line_to (cr, x0 + d + (y1 - y0), y1);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  cairo_new_path (cr);
  append_shape (ctx, footprint);
  wm_map_style_set_source_rgb (cr, red, 1.0);
  cairo_set_line_width (cr, 2.5 * ctx->scale);
  cairo_stroke (cr);
}

/* After the plan: the footprint is empty ground, with a dashed trace of what stood there. */
static void
draw_gone (DrawContext *ctx, const Shape *footprint)
{
  cairo_t *cr = ctx->cr;
  double dash[] = { 4 * ctx->scale, 3 * ctx->scale };

  cairo_new_path (cr);
  append_shape (ctx, footprint);
  wm_map_style_set_source_rgb (cr, wm_map_style_get_background (), 0.92);
  cairo_fill_preserve (cr);
  wm_map_style_set_source_rgb (cr, wm_map_style_get_demolition_color (), 0.9);
  cairo_set_line_width (cr, 1.5 * ctx->scale);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_badge (DrawContext *ctx, double x, double y, const char *symbol, guint32 color)
{
  cairo_t *cr = ctx->cr;
  double r = (ctx->zoom >= 17 ? 10 : 8) * ctx->scale;
  g_autoptr(PangoLayout) layout = NULL;
  int w, h;

  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  wm_map_style_set_source_rgb (cr, color, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2 * ctx->scale);
  cairo_stroke (cr);

  layout = pango_cairo_create_layout (cr);
  pango_font_description_set_absolute_size (ctx->font, r * 1.3 * PANGO_SCALE);
  pango_layout_set_font_description (layout, ctx->font);
  pango_layout_set_text (layout, symbol, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w / 2.0, y - h / 2.0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  pango_cairo_show_layout (cr, layout);
}

/* A white "+" on a disc of @color. */
static void
draw_plus_badge (cairo_t *cr, double x, double y, double radius, double arm, double rim,
                 double bar, guint32 color)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  wm_map_style_set_source_rgb (cr, color, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, rim);
  cairo_stroke (cr);
  cairo_move_to (cr, x - arm, y);
  cairo_line_to (cr, x + arm, y);
  cairo_move_to (cr, x, y - arm);
  cairo_line_to (cr, x, y + arm);
  cairo_set_line_width (cr, bar);
  cairo_stroke (cr);
}

/* After the plan: filled and hatched like the buildings of the housing tiles, with a small
 * "+" in a corner so that it can still be told as new. */
static void
draw_new_build_after (DrawContext *ctx, const Shape *shape, guint32 fill, int pattern)
{
  cairo_t *cr = ctx->cr;
  double x0, y0, x1, y1, outline = housing_outline_width (ctx->zoom) * ctx->scale;
  double s = ctx->scale;

  cairo_new_path (cr);
  append_shape (ctx, shape);
  cairo_path_extents (cr, &x0, &y0, &x1, &y1);
  wm_map_style_set_source_rgb (cr, fill, 1.0);
  cairo_fill_preserve (cr);
  if (pattern >= 0 && ctx->zoom >= WM_HOUSING_PATTERN_MIN_ZOOM)
    {
      cairo_save (cr);
      cairo_clip_preserve (cr);
      wm_map_style_draw_segment_pattern (cr, (WmSegment) pattern, x0, y0, x1, y1,
                                         (ctx->zoom >= 19 ? 7.0 : 5.0) * s);
      cairo_restore (cr);
    }
  if (outline > 0)
    {
      wm_map_style_set_source_rgb (cr, wm_map_style_get_housing_outline (), 1.0);
      cairo_set_line_width (cr, outline);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);

  if (ctx->zoom >= 17 && in_view (ctx, x1, y0, 8 * s))
    draw_plus_badge (cr, x1, y0, 5.5 * s, 3 * s, 1.2 * s, 1.6 * s,
                     wm_map_style_get_new_build_color ());
}

static void
draw_new_build (DrawContext *ctx, const Shape *shape)
{
  cairo_t *cr = ctx->cr;
  guint32 blue = wm_map_style_get_new_build_color ();
  double x, y;

  cairo_new_path (cr);
  append_shape (ctx, shape);
  wm_map_style_set_source_rgb (cr, wm_map_style_get_new_build_fill (), 0.85);
  cairo_fill_preserve (cr);
  wm_map_style_set_source_rgb (cr, blue, 1.0);
  cairo_set_line_width (cr, 3.5 * ctx->scale);
  cairo_stroke (cr);

  to_device (ctx, shape->centroid_x, shape->centroid_y, &x, &y);
  if (ctx->zoom >= 16 && in_view (ctx, x, y, 12 * ctx->scale))
    draw_badge (ctx, x, y, wm_map_style_get_proposal_symbol (WM_PROPOSAL_NEW_BUILD), blue);
}

/* Diagonal hatching of @color over the current path's extents, clipped to it (the path is
 * kept). */
static void
hatch_path (cairo_t *cr, guint32 color, double step, double width)
{
  cairo_path_t *path = cairo_copy_path (cr);
  double x0, y0, x1, y1;

  cairo_path_extents (cr, &x0, &y0, &x1, &y1);
  cairo_save (cr);
  cairo_clip_preserve (cr);
  cairo_new_path (cr);
  for (double d = -(y1 - y0); d < x1 - x0; d += step)
    {
      cairo_move_to (cr, x0 + d, y1);
      cairo_line_to (cr, x0 + d + (y1 - y0), y0);
    }
  wm_map_style_set_source_rgb (cr, color, 1.0);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
  cairo_restore (cr);
  /* The path is no part of the saved state: put the shape back. */
  cairo_new_path (cr);
  cairo_append_path (cr, path);
  cairo_path_destroy (path);
}

/* The colour a proposal of @kind is drawn in. */
static guint32
kind_color (WmProposalKind kind)
{
  switch (kind)
    {
    case WM_PROPOSAL_DEMOLISH:
    case WM_PROPOSAL_REMOVE_FACILITY:
      return wm_map_style_get_demolition_color ();
    case WM_PROPOSAL_NEW_BUILD:
    case WM_PROPOSAL_ADD_FACILITY:
      return wm_map_style_get_new_build_color ();
    case WM_PROPOSAL_CONVERT_TENURE:
    case WM_PROPOSAL_RENOVATE:
    case WM_PROPOSAL_TRANSFORM:
    case WM_PROPOSAL_SPLIT_MERGE:
    case WM_N_PROPOSAL_KINDS:
    default:
      return wm_map_style_get_change_color ();
    }
}

/* The grey of a building site's hatching: no housing colour, so that it is not read as one. */
#define UNDER_WAY_HATCH 0x5e5c64

/* Under construction (started, not completed): a building site, hatched grey in one direction
 * with a dashed outline in the kind's colour; no "after the plan" fill yet. */
static void
draw_under_way_shape (cairo_t *cr, guint32 color, double scale)
{
  double dash[] = { 6 * scale, 3 * scale };

  cairo_set_source_rgba (cr, 1, 1, 1, 0.75);
  cairo_fill_preserve (cr);
  hatch_path (cr, UNDER_WAY_HATCH, 4.5 * scale, 1.4 * scale);
  wm_map_style_set_source_rgb (cr, color, 1.0);
  cairo_set_line_width (cr, 3 * scale);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

void
wm_proposal_drawing_draw_under_way_swatch (cairo_t *cr, double x, double y, double width,
                                           double height, double scale)
{
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, x + 1.5 * scale, y + 1.5 * scale, width - 3 * scale, height - 3 * scale);
  draw_under_way_shape (cr, wm_map_style_get_new_build_color (), scale);
  cairo_restore (cr);
}

/* A badge under way: its symbol in a dashed ring. */
static void
draw_badge_under_way (DrawContext *ctx, double x, double y, WmProposalKind kind)
{
  cairo_t *cr = ctx->cr;
  double r = (ctx->zoom >= 17 ? 10 : 8) * ctx->scale;
  double dash[] = { 3 * ctx->scale, 2 * ctx->scale };

  draw_badge (ctx, x, y, wm_map_style_get_proposal_symbol (kind),
              wm_map_style_get_change_color ());
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r + 3 * ctx->scale, 0, 2 * G_PI);
  wm_map_style_set_source_rgb (cr, wm_map_style_get_change_color (), 1.0);
  cairo_set_line_width (cr, 2 * ctx->scale);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Returns TRUE when something of @entry met the view. */
static gboolean
draw_entry_shapes (DrawContext *ctx, const Entry *entry)
{
  gboolean drawn = FALSE;
  double margin = 12 * ctx->scale;

  for (guint i = 0; i < entry->shapes->len; i++)
    {
      const Shape *shape = &g_array_index (entry->shapes, Shape, i);
      double x, y;

      if (entry->stage == WM_TIMELINE_UNDER_WAY)
        {
          if (shape->closed && shape->n_rings > 0
              && (entry->kind == WM_PROPOSAL_DEMOLISH || entry->kind == WM_PROPOSAL_NEW_BUILD))
            {
              if (!shape_in_view (ctx, shape, margin))
                continue;
              cairo_new_path (ctx->cr);
              append_shape (ctx, shape);
              draw_under_way_shape (ctx->cr, kind_color (entry->kind), ctx->scale);
              drawn = TRUE;
              continue;
            }
          to_device (ctx, shape->centroid_x, shape->centroid_y, &x, &y);
          if (!in_view (ctx, x, y, margin))
            continue;
          draw_badge_under_way (ctx, x, y, entry->kind);
          drawn = TRUE;
          continue;
        }

      switch (entry->kind)
        {
        case WM_PROPOSAL_DEMOLISH:
          if (!shape_in_view (ctx, shape, margin))
            continue;
          if (entry->look == WM_PROPOSAL_LOOK_GONE)
            draw_gone (ctx, shape);
          else
            draw_demolition (ctx, shape);
          drawn = TRUE;
          break;

        case WM_PROPOSAL_NEW_BUILD:
          if (!shape_in_view (ctx, shape, margin))
            continue;
          if (entry->look == WM_PROPOSAL_LOOK_PROPOSAL)
            draw_new_build (ctx, shape);
          else
            draw_new_build_after (ctx, shape, entry->fill, entry->pattern);
          drawn = TRUE;
          break;

        case WM_PROPOSAL_CONVERT_TENURE:
        case WM_PROPOSAL_RENOVATE:
        case WM_PROPOSAL_TRANSFORM:
        case WM_PROPOSAL_SPLIT_MERGE:
          to_device (ctx, shape->centroid_x, shape->centroid_y, &x, &y);
          if (!in_view (ctx, x, y, margin))
            continue;
          draw_badge (ctx, x, y, wm_map_style_get_proposal_symbol (entry->kind),
                      wm_map_style_get_change_color ());
          drawn = TRUE;
          break;

        case WM_PROPOSAL_ADD_FACILITY:
        case WM_PROPOSAL_REMOVE_FACILITY:
        case WM_N_PROPOSAL_KINDS:
        default:
          break;
        }
    }
  return drawn;
}

/* Facility proposals: the type's symbol with a dashed "+" ring, or crossed out. */
static gboolean
draw_facility_proposal (DrawContext *ctx, const Entry *entry)
{
  cairo_t *cr = ctx->cr;
  double s = ctx->scale;
  double radius = wm_facility_drawing_get_symbol_radius (ctx->zoom) * s;
  double x, y;

  to_device (ctx, entry->symbol_x, entry->symbol_y, &x, &y);
  if (!in_view (ctx, x, y, radius + 12 * s))
    return FALSE;

  /* Under way: the same symbol, faded, so that it reads as not there yet. */
  if (entry->stage == WM_TIMELINE_UNDER_WAY)
    cairo_push_group (cr);
  cairo_save (cr);
  wm_map_style_draw_facility_symbol (cr, entry->facility_type, x, y, radius);
  cairo_restore (cr);
  cairo_new_path (cr);
  if (entry->kind == WM_PROPOSAL_ADD_FACILITY)
    {
      guint32 blue = wm_map_style_get_new_build_color ();
      double dash[] = { 4 * s, 3 * s };

      cairo_arc (cr, x, y, radius + 5 * s, 0, 2 * G_PI);
      wm_map_style_set_source_rgb (cr, blue, 1.0);
      cairo_set_line_width (cr, 2.5 * s);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      draw_plus_badge (cr, x + radius * 0.8, y - radius * 0.8, 6.5 * s, 3.5 * s, 1.5 * s,
                       2 * s, blue);
    }
  else
    {
      double d = radius + 3 * s;

      cairo_save (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      for (int pass = 0; pass < 2; pass++)
        {
          cairo_move_to (cr, x - d, y - d);
          cairo_line_to (cr, x + d, y + d);
          cairo_move_to (cr, x + d, y - d);
          cairo_line_to (cr, x - d, y + d);
          if (pass == 0)
            {
              cairo_set_source_rgb (cr, 1, 1, 1);
              cairo_set_line_width (cr, 6 * s);
            }
          else
            {
              wm_map_style_set_source_rgb (cr, wm_map_style_get_demolition_color (), 1.0);
              cairo_set_line_width (cr, 3.5 * s);
            }
          cairo_stroke (cr);
        }
      cairo_restore (cr);
    }
  if (entry->stage == WM_TIMELINE_UNDER_WAY)
    {
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, 0.5);
    }
  return TRUE;
}

guint
wm_proposal_drawing_draw (WmProposalDrawing *self, cairo_t *cr,
                          const WmMapTransform *transform, double width, double height,
                          double scale)
{
  DrawContext ctx = { 0 };
  guint n_drawn = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (transform != NULL, 0);

  if (self->entries->len == 0 || width <= 0 || height <= 0)
    return 0;

  ctx.cr = cr;
  ctx.transform = transform;
  ctx.width = width;
  ctx.height = height;
  ctx.zoom = wm_map_transform_get_zoom (transform);
  ctx.scale = scale > 0 ? scale : 1;
  ctx.font = pango_font_description_from_string ("Sans Bold");

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* After the plan what is gone lies under what is built on its place (sloop-nieuwbouw). */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->entries->len; i++)
      {
        const Entry *entry = &g_array_index (self->entries, Entry, i);
        gboolean gone = entry->look == WM_PROPOSAL_LOOK_GONE;

        if (entry->stage == WM_TIMELINE_NOT_STARTED)
          continue;
        if (gone == (pass == 0) && draw_entry_shapes (&ctx, entry))
          n_drawn++;
      }
  /* Facility symbols above every footprint. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->has_symbol && entry->stage != WM_TIMELINE_NOT_STARTED
          && draw_facility_proposal (&ctx, entry))
        n_drawn++;
    }
  cairo_restore (cr);

  pango_font_description_free (ctx.font);
  return n_drawn;
}
