/* wm-map-tools.c: the editing tools' input on the map: picking, boxes, polygons, crosshair */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "wm-crs.h"
#include "wm-map-tools.h"
#include "wm-proposal-factory.h"
#include "wm-sketch-layer.h"

/* Facilities are small symbols: a finger needs some slack around them. */
#define FACILITY_HIT_PX 20.0
#define CROSSHAIR_STEP_PX 10.0

struct _WmMapTools
{
  GObject parent_instance;

  WmMapView *view;
  WmSketchLayer *layer;
  WmHistory *history;
  WmPlan *plan;
  gulong plan_changed_id;

  WmTool tool;
  WmSelectionKind kind;
  GPtrArray *buildings; /* char *, NULL-terminated */
  char *selected_id;
  WmProposal *proposal;
  WmPoint point;
  WmGeometry *polygon;
  GArray *sketch; /* WmPoint */

  gboolean crosshair_visible;
  double cx, cy;
  GStrv highlight;

  GtkGesture *click;
  GtkGesture *drag;
  GtkEventController *keys;
  enum { DRAG_NONE, DRAG_BOX, DRAG_MOVE } drag_mode;
};

G_DEFINE_FINAL_TYPE (WmMapTools, wm_map_tools, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TOOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SELECTION_CHANGED,
  FACILITY_PLACED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct
{
  const char *key;
  const char *label;
  guint shortcut;
  const char *icon;
} tools[WM_N_TOOLS] = {
  { "select", N_("Select"), GDK_KEY_s, "wm-tool-select-symbolic" },
  { "demolish", N_("Demolish"), GDK_KEY_d, "wm-tool-demolish-symbolic" },
  { "new-build", N_("New Build"), GDK_KEY_n, "wm-tool-new-build-symbolic" },
  { "convert", N_("Convert Tenure"), GDK_KEY_c, "wm-tool-convert-symbolic" },
  { "renovate", N_("Renovate, Transform or Split"), GDK_KEY_r, "wm-tool-renovate-symbolic" },
  { "facility", N_("Facility"), GDK_KEY_f, "wm-tool-facility-symbolic" },
};

const char *
wm_tool_key (WmTool tool)
{
  g_return_val_if_fail (tool < WM_N_TOOLS, NULL);
  return tools[tool].key;
}

gboolean
wm_tool_from_key (const char *key, WmTool *out_tool)
{
  for (guint i = 0; i < WM_N_TOOLS; i++)
    if (g_strcmp0 (key, tools[i].key) == 0)
      {
        if (out_tool != NULL)
          *out_tool = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wm_tool_label (WmTool tool)
{
  g_return_val_if_fail (tool < WM_N_TOOLS, NULL);
  return _(tools[tool].label);
}

guint
wm_tool_shortcut (WmTool tool)
{
  g_return_val_if_fail (tool < WM_N_TOOLS, 0);
  return tools[tool].shortcut;
}

const char *
wm_tool_icon_name (WmTool tool)
{
  g_return_val_if_fail (tool < WM_N_TOOLS, NULL);
  return tools[tool].icon;
}

/* Coordinates */

gboolean
wm_map_tools_widget_to_rd (WmMapTools *self, double x, double y, double *rx, double *ry)
{
  GtkWidget *map = GTK_WIDGET (wm_map_view_get_map (self->view));
  graphene_point_t p;
  double lat, lon;

  if (!gtk_widget_compute_point (GTK_WIDGET (self->view), map, &GRAPHENE_POINT_INIT (x, y), &p))
    return FALSE;
  shumate_viewport_widget_coords_to_location (wm_map_view_get_viewport (self->view), map, p.x,
                                              p.y, &lat, &lon);
  wm_crs_wgs84_to_rd (lat, lon, rx, ry);
  return TRUE;
}

gboolean
wm_map_tools_rd_to_widget (WmMapTools *self, double rx, double ry, double *x, double *y)
{
  GtkWidget *map = GTK_WIDGET (wm_map_view_get_map (self->view));
  graphene_point_t p;
  double lat, lon, mx, my;

  wm_crs_rd_to_wgs84 (rx, ry, &lat, &lon);
  shumate_viewport_location_to_widget_coords (wm_map_view_get_viewport (self->view), map, lat,
                                              lon, &mx, &my);
  if (!gtk_widget_compute_point (map, GTK_WIDGET (self->view), &GRAPHENE_POINT_INIT (mx, my), &p))
    return FALSE;
  *x = p.x;
  *y = p.y;
  return TRUE;
}

/* Hit tests */

static WmBuilding *
building_at (WmMapTools *self, double rx, double ry)
{
  GListModel *buildings = wm_plan_get_buildings (self->plan);
  guint n = g_list_model_get_n_items (buildings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (WmBuilding) building = g_list_model_get_item (buildings, i);
      WmGeometry *footprint = wm_building_get_footprint (building);

      if (rx < footprint->bounds.min_x || rx > footprint->bounds.max_x
          || ry < footprint->bounds.min_y || ry > footprint->bounds.max_y)
        continue;
      if (wm_geometry_contains_point (footprint, rx, ry))
        return building;
    }
  return NULL;
}

static gboolean
point_near (WmMapTools *self, WmPoint p, double x, double y)
{
  double px, py;

  return wm_map_tools_rd_to_widget (self, p.x, p.y, &px, &py)
         && (px - x) * (px - x) + (py - y) * (py - y) <= FACILITY_HIT_PX * FACILITY_HIT_PX;
}

static WmFacility *
facility_at (WmMapTools *self, double x, double y)
{
  GListModel *facilities = wm_plan_get_facilities (self->plan);

  for (guint i = 0; i < g_list_model_get_n_items (facilities); i++)
    {
      g_autoptr (WmFacility) facility = g_list_model_get_item (facilities, i);

      if (point_near (self, wm_facility_get_location (facility), x, y)
          && !wm_projected_facility_removed (self->plan, NULL, WM_PROJECTED_ALL,
                                             wm_facility_get_id (facility)))
        return facility;
    }
  return NULL;
}

static gboolean
proposal_hit (WmMapTools *self, WmProposal *proposal, double x, double y, double rx, double ry)
{
  WmGeometry *geometry = wm_proposal_get_geometry (proposal);
  const char *const *ids = wm_proposal_get_building_ids (proposal);

  if (geometry != NULL)
    {
      if (geometry->kind == WM_GEOMETRY_POINT)
        return point_near (self, geometry->points[0], x, y);
      if (wm_geometry_contains_point (geometry, rx, ry))
        return TRUE;
    }
  if (wm_proposal_get_kind (proposal) == WM_PROPOSAL_REMOVE_FACILITY)
    {
      WmFacility *facility = wm_plan_find_facility (self->plan,
                                                    wm_proposal_get_facility_id (proposal));
      return facility != NULL && point_near (self, wm_facility_get_location (facility), x, y);
    }
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      WmBuilding *building = wm_plan_find_building (self->plan, ids[i]);

      if (building != NULL && wm_geometry_contains_point (wm_building_get_footprint (building), rx, ry))
        return TRUE;
    }
  return FALSE;
}

/* The last one drawn is on top: search from the end. */
static WmProposal *
proposal_at (WmMapTools *self, double x, double y, double rx, double ry)
{
  GListModel *proposals = wm_scenario_get_proposals (wm_plan_get_active_scenario (self->plan));

  for (guint i = g_list_model_get_n_items (proposals); i > 0; i--)
    {
      g_autoptr (WmProposal) proposal = g_list_model_get_item (proposals, i - 1);

      if (proposal_hit (self, proposal, x, y, rx, ry))
        return proposal;
    }
  return NULL;
}

/* A facility symbol, existing or proposed, under (@x, @y). */
static gboolean
facility_symbol_at (WmMapTools *self, double x, double y)
{
  GListModel *proposals;

  if (facility_at (self, x, y) != NULL)
    return TRUE;
  proposals = wm_scenario_get_proposals (wm_plan_get_active_scenario (self->plan));
  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (WmProposal) proposal = g_list_model_get_item (proposals, i);
      WmGeometry *geometry = wm_proposal_get_geometry (proposal);

      if (wm_proposal_get_kind (proposal) == WM_PROPOSAL_ADD_FACILITY && geometry != NULL
          && geometry->n_points > 0 && point_near (self, geometry->points[0], x, y))
        return TRUE;
    }
  return FALSE;
}

static gboolean
on_view_claim_click (WmMapView *view, double x, double y, WmMapTools *self)
{
  /* The click selects the facility (wm_map_tools_click_at()); the panels keep their area. */
  return self->plan != NULL && self->tool == WM_TOOL_SELECT && facility_symbol_at (self, x, y);
}

/* Selection and drawing */

static void
add_proposal_geometries (WmMapTools *self, WmProposal *proposal, GPtrArray *out)
{
  WmGeometry *geometry = wm_proposal_get_geometry (proposal);
  const char *const *ids = wm_proposal_get_building_ids (proposal);

  if (geometry != NULL)
    g_ptr_array_add (out, wm_geometry_ref (geometry));
  if (wm_proposal_get_kind (proposal) == WM_PROPOSAL_REMOVE_FACILITY)
    {
      WmFacility *facility = wm_plan_find_facility (self->plan,
                                                    wm_proposal_get_facility_id (proposal));
      if (facility != NULL)
        g_ptr_array_add (out, wm_geometry_new_point (wm_facility_get_location (facility).x,
                                                     wm_facility_get_location (facility).y));
    }
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      WmBuilding *building = wm_plan_find_building (self->plan, ids[i]);
      if (building != NULL)
        g_ptr_array_add (out, wm_geometry_ref (wm_building_get_footprint (building)));
    }
}

static void
update_layer (WmMapTools *self)
{
  g_autoptr (GPtrArray) geometries = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_geometry_unref);
  g_autoptr (GPtrArray) highlight = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_geometry_unref);

  if (self->plan != NULL)
    {
      switch (self->kind)
        {
        case WM_SELECTION_BUILDINGS:
          for (guint i = 0; i + 1 < self->buildings->len; i++)
            {
              WmBuilding *building = wm_plan_find_building (self->plan,
                                                            g_ptr_array_index (self->buildings, i));
              if (building != NULL)
                g_ptr_array_add (geometries, wm_geometry_ref (wm_building_get_footprint (building)));
            }
          break;
        case WM_SELECTION_FACILITY:
          {
            WmFacility *facility = wm_plan_find_facility (self->plan, self->selected_id);
            if (facility != NULL)
              g_ptr_array_add (geometries,
                               wm_geometry_new_point (wm_facility_get_location (facility).x,
                                                      wm_facility_get_location (facility).y));
          }
          break;
        case WM_SELECTION_PROPOSAL:
          add_proposal_geometries (self, self->proposal, geometries);
          break;
        case WM_SELECTION_POINT:
          g_ptr_array_add (geometries, wm_geometry_new_point (self->point.x, self->point.y));
          break;
        case WM_SELECTION_POLYGON:
          g_ptr_array_add (geometries, wm_geometry_ref (self->polygon));
          break;
        case WM_SELECTION_AREA:
        case WM_SELECTION_NONE:
        default:
          break;
        }

      for (guint i = 0; self->highlight != NULL && self->highlight[i] != NULL; i++)
        {
          const char *id = self->highlight[i];
          WmProposal *proposal = wm_scenario_find_proposal (wm_plan_get_active_scenario (self->plan), id);
          WmBuilding *building = wm_plan_find_building (self->plan, id);
          WmFacility *facility = wm_plan_find_facility (self->plan, id);

          if (proposal != NULL)
            add_proposal_geometries (self, proposal, highlight);
          else if (building != NULL)
            g_ptr_array_add (highlight, wm_geometry_ref (wm_building_get_footprint (building)));
          else if (facility != NULL)
            g_ptr_array_add (highlight, wm_geometry_new_point (wm_facility_get_location (facility).x,
                                                               wm_facility_get_location (facility).y));
        }
    }

  wm_sketch_layer_set_selection (self->layer, geometries);
  wm_sketch_layer_set_highlight (self->layer, highlight);
  wm_sketch_layer_set_sketch (self->layer, (WmPoint *) self->sketch->data, self->sketch->len);
  wm_sketch_layer_set_crosshair (self->layer, self->crosshair_visible, self->cx, self->cy);
}

static void
reset_selection (WmMapTools *self)
{
  self->kind = WM_SELECTION_NONE;
  g_ptr_array_set_size (self->buildings, 0);
  g_ptr_array_add (self->buildings, NULL);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_object (&self->proposal);
  g_clear_pointer (&self->polygon, wm_geometry_unref);
}

static void
selection_changed (WmMapTools *self)
{
  update_layer (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
wm_map_tools_clear_selection (WmMapTools *self)
{
  g_return_if_fail (WM_IS_MAP_TOOLS (self));

  reset_selection (self);
  g_array_set_size (self->sketch, 0);
  selection_changed (self);
}

gboolean
wm_map_tools_show_proposal (WmMapTools *self, WmProposal *proposal)
{
  g_autoptr (GPtrArray) geometries = NULL;
  WmBounds bounds = wm_bounds_empty ();

  g_return_val_if_fail (WM_IS_MAP_TOOLS (self), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);

  if (self->plan == NULL)
    return FALSE;
  geometries = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_geometry_unref);
  add_proposal_geometries (self, proposal, geometries);
  for (guint i = 0; i < geometries->len; i++)
    wm_bounds_union (&bounds, &((WmGeometry *) g_ptr_array_index (geometries, i))->bounds);
  return wm_map_view_show_bounds (self->view, &bounds);
}

void
wm_map_tools_select_proposal (WmMapTools *self, WmProposal *proposal)
{
  g_return_if_fail (WM_IS_MAP_TOOLS (self));
  g_return_if_fail (proposal == NULL || WM_IS_PROPOSAL (proposal));

  if (proposal == self->proposal && (proposal == NULL || self->kind == WM_SELECTION_PROPOSAL))
    return;
  reset_selection (self);
  g_array_set_size (self->sketch, 0);
  if (proposal != NULL)
    {
      self->kind = WM_SELECTION_PROPOSAL;
      self->proposal = g_object_ref (proposal);
    }
  selection_changed (self);
}

static void
select_id (WmMapTools *self, WmSelectionKind kind, const char *id)
{
  reset_selection (self);
  self->kind = kind;
  if (kind == WM_SELECTION_BUILDINGS)
    {
      g_ptr_array_set_size (self->buildings, 0);
      g_ptr_array_add (self->buildings, g_strdup (id));
      g_ptr_array_add (self->buildings, NULL);
    }
  else
    self->selected_id = g_strdup (id);
  selection_changed (self);
}

static gboolean
building_selected (WmMapTools *self, const char *id, guint *index)
{
  for (guint i = 0; i + 1 < self->buildings->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->buildings, i), id) == 0)
      {
        if (index != NULL)
          *index = i;
        return TRUE;
      }
  return FALSE;
}

static void
add_building (WmMapTools *self, const char *id)
{
  if (self->kind != WM_SELECTION_BUILDINGS)
    reset_selection (self);
  self->kind = WM_SELECTION_BUILDINGS;
  if (building_selected (self, id, NULL))
    return;
  g_ptr_array_insert (self->buildings, self->buildings->len - 1, g_strdup (id));
}

static void
toggle_building (WmMapTools *self, const char *id)
{
  guint index;

  if (self->kind == WM_SELECTION_BUILDINGS && building_selected (self, id, &index))
    {
      g_ptr_array_remove_index (self->buildings, index);
      if (self->buildings->len == 1)
        self->kind = WM_SELECTION_NONE;
    }
  else
    add_building (self, id);
  selection_changed (self);
}

/* Input */

void
wm_map_tools_click_at (WmMapTools *self, double x, double y)
{
  WmBuilding *building;
  double rx, ry;

  g_return_if_fail (WM_IS_MAP_TOOLS (self));

  if (self->plan == NULL || !wm_map_tools_widget_to_rd (self, x, y, &rx, &ry))
    return;

  switch (self->tool)
    {
    case WM_TOOL_SELECT:
      {
        WmProposal *proposal = proposal_at (self, x, y, rx, ry);
        WmFacility *facility = proposal == NULL ? facility_at (self, x, y) : NULL;
        WmArea *area;

        if (proposal != NULL)
          {
            wm_map_tools_select_proposal (self, proposal);
            return;
          }
        if (facility != NULL)
          {
            select_id (self, WM_SELECTION_FACILITY, wm_facility_get_id (facility));
            return;
          }
        building = building_at (self, rx, ry);
        if (building != NULL)
          {
            select_id (self, WM_SELECTION_BUILDINGS, wm_building_get_id (building));
            return;
          }
        area = wm_plan_area_at (self->plan, rx, ry);
        if (area != NULL)
          select_id (self, WM_SELECTION_AREA, wm_area_get_id (area));
        else
          wm_map_tools_clear_selection (self);
      }
      break;

    case WM_TOOL_DEMOLISH:
      building = building_at (self, rx, ry);
      if (building != NULL)
        toggle_building (self, wm_building_get_id (building));
      break;

    case WM_TOOL_CONVERT:
    case WM_TOOL_RENOVATE:
      building = building_at (self, rx, ry);
      if (building != NULL)
        select_id (self, WM_SELECTION_BUILDINGS, wm_building_get_id (building));
      break;

    case WM_TOOL_NEW_BUILD:
      if (self->kind == WM_SELECTION_POLYGON)
        reset_selection (self);
      g_array_append_val (self->sketch, ((WmPoint) { rx, ry }));
      selection_changed (self);
      break;

    case WM_TOOL_FACILITY:
      reset_selection (self);
      self->kind = WM_SELECTION_POINT;
      self->point = (WmPoint) { rx, ry };
      selection_changed (self);
      g_signal_emit (self, signals[FACILITY_PLACED], 0, rx, ry);
      break;

    case WM_N_TOOLS:
    default:
      g_assert_not_reached ();
    }
}

void
wm_map_tools_double_click_at (WmMapTools *self, double x, double y)
{
  g_return_if_fail (WM_IS_MAP_TOOLS (self));

  if (self->tool == WM_TOOL_NEW_BUILD)
    wm_map_tools_finish_polygon (self);
}

gboolean
wm_map_tools_finish_polygon (WmMapTools *self)
{
  g_autoptr (GArray) points = NULL;
  guint n = 0;

  g_return_val_if_fail (WM_IS_MAP_TOOLS (self), FALSE);

  /* A double-click also placed its point twice: drop repeats. */
  points = g_array_new (FALSE, FALSE, sizeof (WmPoint));
  for (guint i = 0; i < self->sketch->len; i++)
    {
      WmPoint p = g_array_index (self->sketch, WmPoint, i);

      if (n > 0 && fabs (p.x - g_array_index (points, WmPoint, n - 1).x) < 0.01
          && fabs (p.y - g_array_index (points, WmPoint, n - 1).y) < 0.01)
        continue;
      g_array_append_val (points, p);
      n++;
    }
  if (n < 3)
    return FALSE;

  reset_selection (self);
  self->kind = WM_SELECTION_POLYGON;
  self->polygon = wm_geometry_new_polygon ((WmPoint *) points->data, n);
  g_array_set_size (self->sketch, 0);
  selection_changed (self);
  return TRUE;
}

void
wm_map_tools_box_select (WmMapTools *self, double x0, double y0, double x1, double y1)
{
  GListModel *buildings;
  double ax, ay, bx, by, cx, cy, dx, dy;
  WmBounds box;

  g_return_if_fail (WM_IS_MAP_TOOLS (self));

  if (self->plan == NULL || !wm_map_tools_widget_to_rd (self, x0, y0, &ax, &ay)
      || !wm_map_tools_widget_to_rd (self, x1, y1, &bx, &by)
      || !wm_map_tools_widget_to_rd (self, x0, y1, &cx, &cy)
      || !wm_map_tools_widget_to_rd (self, x1, y0, &dx, &dy))
    return;
  box.min_x = MIN (MIN (ax, bx), MIN (cx, dx));
  box.max_x = MAX (MAX (ax, bx), MAX (cx, dx));
  box.min_y = MIN (MIN (ay, by), MIN (cy, dy));
  box.max_y = MAX (MAX (ay, by), MAX (cy, dy));

  buildings = wm_plan_get_buildings (self->plan);
  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr (WmBuilding) building = g_list_model_get_item (buildings, i);
      WmPoint c = wm_geometry_centroid (wm_building_get_footprint (building));
      gboolean demolished = FALSE;

      if (c.x < box.min_x || c.x > box.max_x || c.y < box.min_y || c.y > box.max_y)
        continue;
      /* Buildings already gone would only be refused. */
      wm_projected_building_dwellings (self->plan, NULL, WM_PROJECTED_ALL,
                                       wm_building_get_id (building), &demolished);
      if (!demolished)
        add_building (self, wm_building_get_id (building));
    }
  selection_changed (self);
}

gboolean
wm_map_tools_drag_selection (WmMapTools *self, double x0, double y0, double dx, double dy)
{
  g_autoptr (GError) error = NULL;
  double ax, ay, bx, by;

  g_return_val_if_fail (WM_IS_MAP_TOOLS (self), FALSE);

  if (self->history == NULL || !wm_map_tools_widget_to_rd (self, x0, y0, &ax, &ay)
      || !wm_map_tools_widget_to_rd (self, x0 + dx, y0 + dy, &bx, &by))
    return FALSE;

  if (self->kind == WM_SELECTION_PROPOSAL && wm_proposal_get_geometry (self->proposal) != NULL)
    {
      if (!wm_history_move_proposal (self->history, self->proposal, bx - ax, by - ay, &error))
        {
          g_debug ("Not moved: %s", error->message);
          return FALSE;
        }
      update_layer (self);
      g_signal_emit (self, signals[SELECTION_CHANGED], 0);
      return TRUE;
    }
  if (self->kind == WM_SELECTION_FACILITY)
    {
      WmFacility *facility = wm_plan_find_facility (self->plan, self->selected_id);
      WmPoint p;
      GListModel *proposals;
      g_autoptr (WmProposal) added = NULL;

      if (facility == NULL)
        return FALSE;
      p = wm_facility_get_location (facility);
      if (!wm_history_move_facility (self->history, NULL, self->selected_id, p.x + bx - ax,
                                     p.y + by - ay, &error))
        {
          g_debug ("Not moved: %s", error->message);
          return FALSE;
        }
      /* The facility now lives on as the new-facility proposal that was appended last. */
      proposals = wm_scenario_get_proposals (wm_plan_get_active_scenario (self->plan));
      added = g_list_model_get_item (proposals, g_list_model_get_n_items (proposals) - 1);
      wm_map_tools_select_proposal (self, added);
      return TRUE;
    }
  return FALSE;
}

void
wm_map_tools_cancel (WmMapTools *self)
{
  g_return_if_fail (WM_IS_MAP_TOOLS (self));

  if (self->sketch->len > 0)
    g_array_set_size (self->sketch, 0);
  else
    reset_selection (self);
  self->crosshair_visible = FALSE;
  selection_changed (self);
}

void
wm_map_tools_move_crosshair (WmMapTools *self, double dx, double dy)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->view));
  int height = gtk_widget_get_height (GTK_WIDGET (self->view));

  g_return_if_fail (WM_IS_MAP_TOOLS (self));

  if (!self->crosshair_visible)
    {
      self->crosshair_visible = TRUE;
      self->cx = width / 2.0;
      self->cy = height / 2.0;
    }
  self->cx = CLAMP (self->cx + dx, 0, MAX (width - 1, 0));
  self->cy = CLAMP (self->cy + dy, 0, MAX (height - 1, 0));
  update_layer (self);
}

gboolean
wm_map_tools_get_crosshair (WmMapTools *self, double *x, double *y)
{
  g_return_val_if_fail (WM_IS_MAP_TOOLS (self), FALSE);

  if (x != NULL)
    *x = self->cx;
  if (y != NULL)
    *y = self->cy;
  return self->crosshair_visible;
}

void
wm_map_tools_activate_crosshair (WmMapTools *self)
{
  g_return_if_fail (WM_IS_MAP_TOOLS (self));

  if (!self->crosshair_visible)
    {
      if (self->tool == WM_TOOL_NEW_BUILD)
        wm_map_tools_finish_polygon (self);
      return;
    }
  /* Enter twice on the same spot closes the polygon, like a double-click. */
  if (self->tool == WM_TOOL_NEW_BUILD && self->sketch->len > 0)
    {
      WmPoint last = g_array_index (self->sketch, WmPoint, self->sketch->len - 1);
      double lx, ly;

      if (wm_map_tools_rd_to_widget (self, last.x, last.y, &lx, &ly)
          && fabs (lx - self->cx) < 1 && fabs (ly - self->cy) < 1)
        {
          wm_map_tools_finish_polygon (self);
          return;
        }
    }
  wm_map_tools_click_at (self, self->cx, self->cy);
}

/* Gestures */

static gboolean
drag_claims (WmMapTools *self, double x, double y, GdkModifierType state)
{
  double rx, ry;

  if (self->plan == NULL || !wm_map_tools_widget_to_rd (self, x, y, &rx, &ry))
    return FALSE;
  if (self->tool == WM_TOOL_DEMOLISH)
    return (state & GDK_SHIFT_MASK) != 0 || building_at (self, rx, ry) != NULL;
  if (self->tool == WM_TOOL_SELECT)
    {
      if (self->kind == WM_SELECTION_PROPOSAL)
        return wm_proposal_get_geometry (self->proposal) != NULL
               && proposal_hit (self, self->proposal, x, y, rx, ry);
      if (self->kind == WM_SELECTION_FACILITY)
        {
          WmFacility *facility = wm_plan_find_facility (self->plan, self->selected_id);
          return facility != NULL && point_near (self, wm_facility_get_location (facility), x, y);
        }
    }
  return FALSE;
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, WmMapTools *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  self->drag_mode = DRAG_NONE;
  if (!drag_claims (self, x, y, state))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_mode = self->tool == WM_TOOL_DEMOLISH ? DRAG_BOX : DRAG_MOVE;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, WmMapTools *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (self->drag_mode == DRAG_BOX)
    wm_sketch_layer_set_box (self->layer, TRUE, x, y, x + dx, y + dy);
  else if (self->drag_mode == DRAG_MOVE)
    wm_sketch_layer_set_crosshair (self->layer, TRUE, x + dx, y + dy);
}

static void
on_drag_end (GtkGestureDrag *gesture, double dx, double dy, WmMapTools *self)
{
  gboolean moved = fabs (dx) > 4 || fabs (dy) > 4;
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  wm_sketch_layer_set_box (self->layer, FALSE, 0, 0, 0, 0);
  wm_sketch_layer_set_crosshair (self->layer, self->crosshair_visible, self->cx, self->cy);
  if (self->drag_mode == DRAG_BOX)
    {
      if (moved)
        wm_map_tools_box_select (self, x, y, x + dx, y + dy);
      else
        wm_map_tools_click_at (self, x, y);
    }
  else if (self->drag_mode == DRAG_MOVE && moved)
    wm_map_tools_drag_selection (self, x, y, dx, dy);
  self->drag_mode = DRAG_NONE;
}

static void
on_click_pressed (GtkGestureClick *gesture, int n_press, double x, double y, WmMapTools *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
on_click_released (GtkGestureClick *gesture, int n_press, double x, double y, WmMapTools *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  /* The drag gesture owns presses it claims; it turns a short one into a click itself. */
  if (self->tool == WM_TOOL_DEMOLISH && drag_claims (self, x, y, state))
    return;
  if (n_press == 2)
    wm_map_tools_double_click_at (self, x, y);
  else if (n_press == 1)
    wm_map_tools_click_at (self, x, y);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, WmMapTools *self)
{
  double step = (state & GDK_SHIFT_MASK) ? 5 * CROSSHAIR_STEP_PX : CROSSHAIR_STEP_PX;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->sketch->len == 0 && self->kind == WM_SELECTION_NONE && !self->crosshair_visible)
        return FALSE;
      wm_map_tools_cancel (self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      if (self->tool == WM_TOOL_SELECT && !self->crosshair_visible)
        return FALSE;
      wm_map_tools_activate_crosshair (self);
      return TRUE;
    case GDK_KEY_BackSpace:
      if (self->sketch->len == 0)
        return FALSE;
      g_array_set_size (self->sketch, self->sketch->len - 1);
      selection_changed (self);
      return TRUE;
    default:
      break;
    }
  if (self->tool == WM_TOOL_SELECT && !self->crosshair_visible)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      wm_map_tools_move_crosshair (self, -step, 0);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      wm_map_tools_move_crosshair (self, step, 0);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      wm_map_tools_move_crosshair (self, 0, -step);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      wm_map_tools_move_crosshair (self, 0, step);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Public */

static void
on_plan_changed (WmMapTools *self)
{
  /* Undo may take away the selected proposal. */
  if (self->kind == WM_SELECTION_PROPOSAL
      && wm_scenario_find_proposal (wm_plan_get_active_scenario (self->plan),
                                    wm_proposal_get_id (self->proposal)) != self->proposal)
    {
      wm_map_tools_clear_selection (self);
      return;
    }
  update_layer (self);
}

WmMapTools *
wm_map_tools_new (WmMapView *view)
{
  WmMapTools *self;

  g_return_val_if_fail (WM_IS_MAP_VIEW (view), NULL);

  self = g_object_new (WM_TYPE_MAP_TOOLS, NULL);
  self->view = g_object_ref (view);
  self->layer = wm_sketch_layer_new (wm_map_view_get_viewport (view));
  shumate_map_add_layer (wm_map_view_get_map (view), SHUMATE_LAYER (self->layer));
  gtk_widget_set_focusable (GTK_WIDGET (view), TRUE);
  g_signal_connect_object (view, "claim-click", G_CALLBACK (on_view_claim_click), self, 0);

  self->click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->click), GTK_PHASE_CAPTURE);
  g_signal_connect (self->click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (self->click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (g_object_ref (self->click)));

  self->drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->drag), GTK_PHASE_CAPTURE);
  g_signal_connect (self->drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (self->drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (self->drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (g_object_ref (self->drag)));

  self->keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  g_signal_connect (self->keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (view), g_object_ref (self->keys));
  return self;
}

WmMapView *
wm_map_tools_get_view (WmMapTools *self)
{
  g_return_val_if_fail (WM_IS_MAP_TOOLS (self), NULL);
  return self->view;
}

void
wm_map_tools_set_history (WmMapTools *self, WmHistory *history)
{
  g_return_if_fail (WM_IS_MAP_TOOLS (self));
  g_return_if_fail (history == NULL || WM_IS_HISTORY (history));

  g_clear_signal_handler (&self->plan_changed_id, self->plan);
  g_set_object (&self->history, history);
  g_clear_object (&self->plan);
  if (history != NULL)
    self->plan = g_object_ref (wm_history_get_plan (history));
  if (self->plan != NULL)
    self->plan_changed_id = g_signal_connect_swapped (self->plan, "changed",
                                                      G_CALLBACK (on_plan_changed), self);
  g_clear_pointer (&self->highlight, g_strfreev);
  wm_map_tools_clear_selection (self);
}

WmHistory *
wm_map_tools_get_history (WmMapTools *self)
{
  g_return_val_if_fail (WM_IS_MAP_TOOLS (self), NULL);
  return self->history;
}

WmTool
wm_map_tools_get_tool (WmMapTools *self)
{
  g_return_val_if_fail (WM_IS_MAP_TOOLS (self), WM_TOOL_SELECT);
  return self->tool;
}

void
wm_map_tools_set_tool (WmMapTools *self, WmTool tool)
{
  g_return_if_fail (WM_IS_MAP_TOOLS (self));
  g_return_if_fail (tool < WM_N_TOOLS);

  if (self->tool == tool)
    return;
  self->tool = tool;
  self->crosshair_visible = FALSE;
  reset_selection (self);
  g_array_set_size (self->sketch, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
  selection_changed (self);
}

WmSelectionKind
wm_map_tools_get_selection_kind (WmMapTools *self)
{
  g_return_val_if_fail (WM_IS_MAP_TOOLS (self), WM_SELECTION_NONE);
  return self->kind;
}

const char *const *
wm_map_tools_get_selected_buildings (WmMapTools *self)
{
  g_return_val_if_fail (WM_IS_MAP_TOOLS (self), NULL);
  return (const char *const *) self->buildings->pdata;
}

const char *
wm_map_tools_get_selected_id (WmMapTools *self)
{
  g_return_val_if_fail (WM_IS_MAP_TOOLS (self), NULL);
  return self->selected_id;
}

WmProposal *
wm_map_tools_get_selected_proposal (WmMapTools *self)
{
  g_return_val_if_fail (WM_IS_MAP_TOOLS (self), NULL);
  return self->kind == WM_SELECTION_PROPOSAL ? self->proposal : NULL;
}

WmPoint
wm_map_tools_get_selected_point (WmMapTools *self)
{
  static const WmPoint none = { 0, 0 };

  g_return_val_if_fail (WM_IS_MAP_TOOLS (self), none);
  return self->point;
}

WmGeometry *
wm_map_tools_get_selected_polygon (WmMapTools *self)
{
  g_return_val_if_fail (WM_IS_MAP_TOOLS (self), NULL);
  return self->polygon;
}

guint
wm_map_tools_get_n_sketch_points (WmMapTools *self)
{
  g_return_val_if_fail (WM_IS_MAP_TOOLS (self), 0);
  return self->sketch->len;
}

void
wm_map_tools_set_highlight (WmMapTools *self, const char *const *ids)
{
  g_return_if_fail (WM_IS_MAP_TOOLS (self));

  g_clear_pointer (&self->highlight, g_strfreev);
  self->highlight = g_strdupv ((char **) ids);
  update_layer (self);
}

static void
wm_map_tools_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  WmMapTools *self = WM_MAP_TOOLS (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      g_value_set_int (value, self->tool);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_map_tools_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  WmMapTools *self = WM_MAP_TOOLS (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      wm_map_tools_set_tool (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_map_tools_dispose (GObject *object)
{
  WmMapTools *self = WM_MAP_TOOLS (object);

  g_clear_signal_handler (&self->plan_changed_id, self->plan);
  if (self->view != NULL)
    {
      if (self->click != NULL)
        gtk_widget_remove_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (self->click));
      if (self->drag != NULL)
        gtk_widget_remove_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (self->drag));
      if (self->keys != NULL)
        gtk_widget_remove_controller (GTK_WIDGET (self->view), self->keys);
    }
  if (self->click != NULL)
    g_signal_handlers_disconnect_by_data (self->click, self);
  if (self->drag != NULL)
    g_signal_handlers_disconnect_by_data (self->drag, self);
  if (self->keys != NULL)
    g_signal_handlers_disconnect_by_data (self->keys, self);
  g_clear_object (&self->click);
  g_clear_object (&self->drag);
  g_clear_object (&self->keys);
  g_clear_object (&self->history);
  g_clear_object (&self->plan);
  g_clear_object (&self->proposal);
  g_clear_object (&self->view);

  G_OBJECT_CLASS (wm_map_tools_parent_class)->dispose (object);
}

static void
wm_map_tools_finalize (GObject *object)
{
  WmMapTools *self = WM_MAP_TOOLS (object);

  g_ptr_array_unref (self->buildings);
  g_array_unref (self->sketch);
  g_free (self->selected_id);
  g_clear_pointer (&self->polygon, wm_geometry_unref);
  g_strfreev (self->highlight);

  G_OBJECT_CLASS (wm_map_tools_parent_class)->finalize (object);
}

static void
wm_map_tools_class_init (WmMapToolsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = wm_map_tools_get_property;
  object_class->set_property = wm_map_tools_set_property;
  object_class->dispose = wm_map_tools_dispose;
  object_class->finalize = wm_map_tools_finalize;

  properties[PROP_TOOL] =
    g_param_spec_int ("tool", NULL, NULL, 0, WM_N_TOOLS - 1, WM_TOOL_SELECT,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  signals[FACILITY_PLACED] =
    g_signal_new ("facility-placed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
}

static void
wm_map_tools_init (WmMapTools *self)
{
  self->buildings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->buildings, NULL);
  self->sketch = g_array_new (FALSE, FALSE, sizeof (WmPoint));
}
