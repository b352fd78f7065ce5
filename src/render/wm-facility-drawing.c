/* wm-facility-drawing.c: facility symbols and their walking-radius catchments */
#include "config.h"

#include <math.h>

#include "wm-facility-drawing.h"
#include "wm-map-style.h"
#include "wm-projection.h"

/* Few and editable, so drawn live from world coordinates computed when the snapshot is made. */

typedef struct
{
  WmFacilityType type;
  double wx, wy; /* world coordinates */
} Symbol;

/* Where a catchment goes, in world units: a frame only scales and shifts it. */
typedef struct
{
  double wx, wy;
  double radius_w; /* the radius in world units, at the centre */
} CatchmentPlace;

struct _WmFacilityDrawing
{
  gatomicrefcount ref_count;
  WmIndicatorState state;
  GArray *symbols;    /* Symbol, the baseline facilities */
  GArray *catchments; /* WmFacilityCatchment */
  GArray *places;     /* CatchmentPlace, parallel to catchments */
  double radius[WM_N_FACILITY_TYPES];
  WmFacilityType types[WM_N_FACILITY_TYPES];
  guint n_types;
};

/* Catchments smaller than this are not worth a circle. */
#define CATCHMENT_MIN_PX 3.0

static double
type_radius (WmIndicatorEngine *engine, WmFacilityType type)
{
  const char *kind = wm_map_style_get_coverage_kind (type);

  /* The engine's radius is the one the coverage figures use. */
  if (engine != NULL && kind != NULL)
    return wm_indicator_engine_get_coverage_radius (engine, kind);
  return wm_map_style_get_catchment_radius (type);
}

static void
add_catchment (WmFacilityDrawing *self, WmFacilityType type, double x, double y,
               gboolean proposed)
{
  double radius = (guint) type < WM_N_FACILITY_TYPES ? self->radius[type] : 0;
  WmFacilityCatchment c = { type, x, y, radius, proposed,
                            proposed && self->state != WM_INDICATOR_PROJECTED };
  CatchmentPlace place;
  double ex, ey;

  if (radius <= 0)
    return;
  wm_map_transform_rd_to_world (x, y, &place.wx, &place.wy);
  wm_map_transform_rd_to_world (x + radius, y, &ex, &ey);
  place.radius_w = hypot (ex - place.wx, ey - place.wy);
  g_array_append_val (self->catchments, c);
  g_array_append_val (self->places, place);
}

WmFacilityDrawing *
wm_facility_drawing_new (WmPlan *plan, WmScenario *scenario, WmIndicatorEngine *engine,
                         WmIndicatorState state)
{
  WmFacilityDrawing *self;
  gboolean present[WM_N_FACILITY_TYPES] = { FALSE };
  GListModel *facilities;
  GListModel *proposals = NULL;

  g_return_val_if_fail (plan == NULL || WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (engine == NULL || WM_IS_INDICATOR_ENGINE (engine), NULL);

  self = g_new0 (WmFacilityDrawing, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->state = state;
  self->symbols = g_array_new (FALSE, FALSE, sizeof (Symbol));
  self->catchments = g_array_new (FALSE, FALSE, sizeof (WmFacilityCatchment));
  self->places = g_array_new (FALSE, FALSE, sizeof (CatchmentPlace));
  for (int t = 0; t < WM_N_FACILITY_TYPES; t++)
    self->radius[t] = type_radius (engine, (WmFacilityType) t);
  if (plan == NULL)
    return self;

  if (scenario == NULL)
    scenario = wm_plan_get_active_scenario (plan);

  facilities = wm_plan_get_facilities (plan);
  for (guint i = 0, n = g_list_model_get_n_items (facilities); i < n; i++)
    {
      g_autoptr(WmFacility) facility = g_list_model_get_item (facilities, i);
      WmPoint p = wm_facility_get_location (facility);
      Symbol symbol = { wm_facility_get_facility_type (facility), 0, 0 };
      gboolean removed = scenario != NULL
                         && wm_projected_facility_removed (plan, scenario, WM_PROJECTED_ALL,
                                                           wm_facility_get_id (facility));

      wm_map_transform_rd_to_world (p.x, p.y, &symbol.wx, &symbol.wy);
      g_array_append_val (self->symbols, symbol);
      if ((guint) symbol.type < WM_N_FACILITY_TYPES)
        present[symbol.type] = TRUE;
      /* After the plan a removed facility serves nobody. */
      if (!(removed && state == WM_INDICATOR_PROJECTED))
        add_catchment (self, symbol.type, p.x, p.y, FALSE);
    }

  /* Proposed facilities: a catchment here; their symbols are the proposals' drawing's. */
  if (scenario != NULL)
    proposals = wm_scenario_get_proposals (scenario);
  for (guint i = 0, n = proposals != NULL ? g_list_model_get_n_items (proposals) : 0; i < n; i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, i);
      WmGeometry *g = wm_proposal_get_geometry (proposal);
      WmFacilityType type;

      if (wm_proposal_get_kind (proposal) != WM_PROPOSAL_ADD_FACILITY || g == NULL
          || g->n_points == 0)
        continue;
      type = wm_proposal_get_facility_type (proposal);
      if ((guint) type < WM_N_FACILITY_TYPES)
        present[type] = TRUE;
      add_catchment (self, type, g->points[0].x, g->points[0].y, TRUE);
    }

  for (int t = 0; t < WM_N_FACILITY_TYPES; t++)
    if (present[t])
      self->types[self->n_types++] = (WmFacilityType) t;
  return self;
}

WmFacilityDrawing *
wm_facility_drawing_ref (WmFacilityDrawing *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wm_facility_drawing_unref (WmFacilityDrawing *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->symbols);
  g_array_unref (self->catchments);
  g_array_unref (self->places);
  g_free (self);
}

WmIndicatorState
wm_facility_drawing_get_state (WmFacilityDrawing *self)
{
  g_return_val_if_fail (self != NULL, WM_INDICATOR_BASELINE);
  return self->state;
}

double
wm_facility_drawing_get_catchment_radius (WmFacilityDrawing *self, WmFacilityType type)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail ((guint) type < WM_N_FACILITY_TYPES, 0);
  return self->radius[type];
}

guint
wm_facility_drawing_get_n_catchments (WmFacilityDrawing *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->catchments->len;
}

const WmFacilityCatchment *
wm_facility_drawing_get_catchment (WmFacilityDrawing *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->catchments->len, NULL);
  return &g_array_index (self->catchments, WmFacilityCatchment, index);
}

void
wm_facility_drawing_get_catchment_device (WmFacilityDrawing *self, guint index,
                                          const WmMapTransform *transform, double *x,
                                          double *y, double *radius_px)
{
  const CatchmentPlace *place;

  g_return_if_fail (self != NULL && transform != NULL);
  g_return_if_fail (index < self->places->len);

  place = &g_array_index (self->places, CatchmentPlace, index);
  wm_map_transform_apply (transform, place->wx, place->wy, x, y);
  *radius_px = place->radius_w * transform->scale;
}

const WmFacilityType *
wm_facility_drawing_get_types (WmFacilityDrawing *self, guint *n_types)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_types != NULL)
    *n_types = self->n_types;
  return self->types;
}

guint
wm_facility_drawing_get_n_symbols (WmFacilityDrawing *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->symbols->len;
}

double
wm_facility_drawing_get_symbol_radius (double zoom)
{
  return zoom >= 17 ? 13.0 : zoom >= 15 ? 10.0 : 7.0;
}

/* Symbols reach a little past their disc (rim and shadow). */
static inline gboolean
symbol_visible (double x, double y, double width, double height, double radius_px)
{
  double m = radius_px + 4;

  return x >= -m && y >= -m && x <= width + m && y <= height + m;
}

gboolean
wm_facility_drawing_get_symbol_device (WmFacilityDrawing *self, guint index,
                                       const WmMapTransform *transform, double width,
                                       double height, double radius_px,
                                       WmFacilityType *out_type, double *x, double *y)
{
  const Symbol *s;

  g_return_val_if_fail (self != NULL && transform != NULL, FALSE);
  g_return_val_if_fail (index < self->symbols->len, FALSE);

  s = &g_array_index (self->symbols, Symbol, index);
  wm_map_transform_apply (transform, s->wx, s->wy, x, y);
  if (out_type != NULL)
    *out_type = s->type;
  return symbol_visible (*x, *y, width, height, radius_px);
}

gboolean
wm_facility_drawing_get_symbols_extent (WmFacilityDrawing *self,
                                        const WmMapTransform *transform, double width,
                                        double height, double radius_px, double extent[4])
{
  double m = radius_px + 4;
  gboolean any = FALSE;

  g_return_val_if_fail (self != NULL && transform != NULL, FALSE);

  extent[0] = extent[1] = G_MAXDOUBLE;
  extent[2] = extent[3] = -G_MAXDOUBLE;
  for (guint i = 0; i < self->symbols->len; i++)
    {
      const Symbol *s = &g_array_index (self->symbols, Symbol, i);
      double x, y;

      wm_map_transform_apply (transform, s->wx, s->wy, &x, &y);
      if (!symbol_visible (x, y, width, height, radius_px))
        continue;
      extent[0] = MIN (extent[0], x - m);
      extent[1] = MIN (extent[1], y - m);
      extent[2] = MAX (extent[2], x + m);
      extent[3] = MAX (extent[3], y + m);
      any = TRUE;
    }
  return any;
}

guint
wm_facility_drawing_draw_symbols (WmFacilityDrawing *self, cairo_t *cr,
                                  const WmMapTransform *transform, double width,
                                  double height, double radius_px)
{
  guint n_drawn = 0;

  g_return_val_if_fail (self != NULL && cr != NULL && transform != NULL, 0);

  for (guint i = 0; i < self->symbols->len; i++)
    {
      const Symbol *s = &g_array_index (self->symbols, Symbol, i);
      double x, y;

      wm_map_transform_apply (transform, s->wx, s->wy, &x, &y);
      if (!symbol_visible (x, y, width, height, radius_px))
        continue;
      wm_map_style_draw_facility_symbol (cr, s->type, x, y, radius_px);
      n_drawn++;
    }
  return n_drawn;
}

static gboolean
catchment_visible (double x, double y, double r, double width, double height)
{
  return !(x + r < 0 || y + r < 0 || x - r > width || y - r > height || r < CATCHMENT_MIN_PX);
}

gboolean
wm_facility_drawing_get_catchments_extent (WmFacilityDrawing *self,
                                           const WmMapTransform *transform, double width,
                                           double height, double extent[4])
{
  gboolean any = FALSE;

  g_return_val_if_fail (self != NULL && transform != NULL, FALSE);

  extent[0] = extent[1] = G_MAXDOUBLE;
  extent[2] = extent[3] = -G_MAXDOUBLE;
  for (guint i = 0; i < self->catchments->len; i++)
    {
      double x, y, r;

      wm_facility_drawing_get_catchment_device (self, i, transform, &x, &y, &r);
      if (!catchment_visible (x, y, r, width, height))
        continue;
      /* Only the part in the view: a circle may be far bigger. */
      extent[0] = MAX (MIN (extent[0], x - r - 2), 0);
      extent[1] = MAX (MIN (extent[1], y - r - 2), 0);
      extent[2] = MIN (MAX (extent[2], x + r + 2), width);
      extent[3] = MIN (MAX (extent[3], y + r + 2), height);
      any = TRUE;
    }
  return any;
}

gboolean
wm_facility_drawing_get_catchment_in_view (WmFacilityDrawing *self, guint index,
                                           const WmMapTransform *transform, double width,
                                           double height, double *x, double *y,
                                           double *radius_px)
{
  g_return_val_if_fail (self != NULL && transform != NULL, FALSE);
  g_return_val_if_fail (index < self->catchments->len, FALSE);

  wm_facility_drawing_get_catchment_device (self, index, transform, x, y, radius_px);
  return catchment_visible (*x, *y, *radius_px, width, height);
}

void
wm_facility_drawing_get_catchment_stroke (WmFacilityDrawing *self, guint index,
                                          guint32 *color, double *alpha, double *line_width,
                                          double *inset)
{
  const WmFacilityCatchment *c;

  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->catchments->len);

  c = &g_array_index (self->catchments, WmFacilityCatchment, index);
  *color = wm_map_style_get_facility_color (c->type);
  /* A proposed catchment is dashed while the map shows now, like any proposal; it runs on the
   * radius. Others are outlines just inside it. */
  *alpha = c->dashed ? 0.9 : 0.8;
  *line_width = c->dashed ? 2.5 : 2.0;
  *inset = c->dashed ? 0 : 1.0;
}

void
wm_facility_drawing_draw_catchment (WmFacilityDrawing *self, cairo_t *cr, guint index,
                                    const WmMapTransform *transform)
{
  const WmFacilityCatchment *c;
  double x, y, r, alpha, line_width, inset;
  guint32 rgb;

  g_return_if_fail (self != NULL && cr != NULL && transform != NULL);
  g_return_if_fail (index < self->catchments->len);

  c = &g_array_index (self->catchments, WmFacilityCatchment, index);
  wm_facility_drawing_get_catchment_device (self, index, transform, &x, &y, &r);
  wm_facility_drawing_get_catchment_stroke (self, index, &rgb, &alpha, &line_width, &inset);
  cairo_save (cr);
  cairo_new_path (cr);
  /* Outlines only: a filled disc as big as the window costs a full-window blend. */
  cairo_arc (cr, x, y, MAX (r - inset, 0), 0, 2 * G_PI);
  wm_map_style_set_source_rgb (cr, rgb, alpha);
  cairo_set_line_width (cr, line_width);
  if (c->dashed)
    cairo_set_dash (cr, (double[]) { 8, 5 }, 2, 0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

guint
wm_facility_drawing_draw_catchments (WmFacilityDrawing *self, cairo_t *cr,
                                     const WmMapTransform *transform, double width,
                                     double height, GArray *drawn)
{
  guint n_drawn = 0;

  g_return_val_if_fail (self != NULL && cr != NULL && transform != NULL, 0);
  g_return_val_if_fail (drawn == NULL || g_array_get_element_size (drawn) == sizeof (guint), 0);

  for (guint i = 0; i < self->catchments->len; i++)
    {
      double x, y, r;

      if (!wm_facility_drawing_get_catchment_in_view (self, i, transform, width, height, &x, &y,
                                                      &r))
        continue;
      wm_facility_drawing_draw_catchment (self, cr, i, transform);
      if (drawn != NULL)
        g_array_append_val (drawn, i);
      n_drawn++;
    }
  return n_drawn;
}
