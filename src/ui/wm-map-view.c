/* wm-map-view.c: the neighbourhood map (libshumate) with the project's layers */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "wm-area-layer.h"
#include "wm-basemap-source.h"
#include "wm-crs.h"
#include "wm-facility-layer.h"
#include "wm-map-legend.h"
#include "wm-map-style.h"
#include "wm-map-view.h"
#include "wm-demo.h"
#include "wm-mbtiles-source.h"
#include "wm-online-source.h"
#include "wm-proposal-factory.h"
#include "wm-proposal-layer.h"
#include "wm-tile-paintable.h"
#include "wm-tile-renderer.h"

/* Free space around the plan when zooming to it, in pixels. */
#define FIT_PADDING 24.0

/* WmMapView */

struct _WmMapView
{
  GtkWidget parent_instance;

  ShumateSimpleMap *simple_map;
  WmPlan *plan;
  WmIndicatorEngine *engine;
  gboolean click_selects_area;

  WmBasemapSource *basemap_source;
  ShumateMapSource *basemap_map_source;
  ShumateLayer *basemap_layer;
  ShumateMapSource *online_map_source;
  ShumateLayer *online_layer;
  ShumateMapSource *housing_map_source;
  ShumateLayer *housing_layer;
  ShumateLayer *areas_layer;
  ShumateLayer *catchments_layer;
  ShumateLayer *facilities_layer;
  ShumateLayer *proposals_layer;
  GtkWidget *legend;
  GPtrArray *covers; /* GWeakRef of widgets laid over the map's sides */

  WmHousingMode housing_mode;
  WmSegment housing_segment;
  WmIndicatorState housing_state;
  int year; /* 0: the whole plan */
  /* After the plan: the projection the tiles show (NULL until needed), and the pending
   * redraw after the plan changed. */
  GHashTable *projected;
  guint projected_refresh_id;
  gboolean housing_visible;
  gboolean housing_merged; /* the housing colours are in the base tiles */
  GSettings *settings;

  /* Zoom to the plan once the widget has a size. */
  gboolean fit_pending;
  guint snap_idle_id;
};

G_DEFINE_FINAL_TYPE (WmMapView, wm_map_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PLAN,
  PROP_SELECTED_AREA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  BASE_MAP_ERROR,
  HOUSING_REFRESHED,
  CLAIM_CLICK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const layer_ids[] = {
  "basemap", "housing", "areas", "catchments", "facilities", "proposals", NULL
};

const char *
wm_map_view_get_layer_title (const char *layer_id)
{
  if (g_strcmp0 (layer_id, "basemap") == 0)
    return _("Base map");
  if (g_strcmp0 (layer_id, "housing") == 0)
    return _("Housing");
  if (g_strcmp0 (layer_id, "areas") == 0)
    return _("Areas");
  if (g_strcmp0 (layer_id, "catchments") == 0)
    return _("Catchment areas");
  if (g_strcmp0 (layer_id, "facilities") == 0)
    return _("Facilities");
  /* The window calls them changes too. */
  if (g_strcmp0 (layer_id, "proposals") == 0)
    return _("Changes");
  return NULL;
}

static WmPlan *
current_plan (WmMapView *self, WmPlan **empty)
{
  if (self->plan != NULL)
    return self->plan;
  *empty = wm_plan_new ();
  return *empty;
}

/* The facility types with a symbol on the map: the baseline's and the proposed ones. */
static guint
get_shown_facility_types (WmMapView *self, WmFacilityType *types)
{
  gboolean present[WM_N_FACILITY_TYPES] = { FALSE };
  GListModel *facilities, *proposals;
  guint n = 0;

  if (self->plan == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->facilities_layer)))
    return 0;
  facilities = wm_plan_get_facilities (self->plan);
  for (guint i = 0; i < g_list_model_get_n_items (facilities); i++)
    {
      g_autoptr(WmFacility) facility = g_list_model_get_item (facilities, i);

      present[wm_facility_get_facility_type (facility)] = TRUE;
    }
  proposals = wm_plan_get_active_scenario (self->plan) != NULL
              ? wm_scenario_get_proposals (wm_plan_get_active_scenario (self->plan)) : NULL;
  for (guint i = 0; proposals != NULL && i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, i);

      if (wm_proposal_get_kind (proposal) == WM_PROPOSAL_ADD_FACILITY
          && (guint) wm_proposal_get_facility_type (proposal) < WM_N_FACILITY_TYPES)
        present[wm_proposal_get_facility_type (proposal)] = TRUE;
    }
  for (guint t = 0; t < WM_N_FACILITY_TYPES; t++)
    if (present[t])
      types[n++] = (WmFacilityType) t;
  return n;
}

/* "Under construction" is in the legend while a proposal is drawn so. */
static void
update_under_way_legend (WmMapView *self)
{
  WmProposalLayer *layer = WM_PROPOSAL_LAYER (self->proposals_layer);

  wm_map_legend_set_under_way (WM_MAP_LEGEND (self->legend),
                               gtk_widget_get_visible (GTK_WIDGET (layer))
                                   && wm_proposal_layer_get_n_under_way (layer) > 0);
}

/* Cheap when nothing changed: the legend keeps its rows. */
static void
update_facility_legend (WmMapView *self)
{
  WmFacilityType types[WM_N_FACILITY_TYPES];
  guint n_types = get_shown_facility_types (self, types);

  wm_map_legend_set_facility_types (WM_MAP_LEGEND (self->legend), types, n_types);
}

static void
update_legend (WmMapView *self)
{
  /* What the housing colours show now: the live layers draw proposals to match. */
  WmHousingMode mode = self->housing_visible ? self->housing_mode : WM_HOUSING_NEUTRAL;

  wm_map_legend_set_projected (WM_MAP_LEGEND (self->legend),
                               self->housing_state == WM_INDICATOR_PROJECTED);
  wm_map_legend_set_year (WM_MAP_LEGEND (self->legend), self->year);
  wm_map_legend_set_style (WM_MAP_LEGEND (self->legend), mode, self->housing_segment);
  update_facility_legend (self);

  wm_proposal_layer_set_housing (WM_PROPOSAL_LAYER (self->proposals_layer), self->housing_state,
                                 mode, self->housing_segment);
  wm_proposal_layer_set_year (WM_PROPOSAL_LAYER (self->proposals_layer), self->year);
  update_under_way_legend (self);
  wm_facility_layer_set_state (WM_FACILITY_LAYER (self->catchments_layer), self->housing_state);
}

static gboolean
housing_layer_shown (WmMapView *self)
{
  return self->housing_visible && !self->housing_merged && self->housing_mode != WM_HOUSING_NEUTRAL;
}

static void set_basemap (WmMapView *self, WmPlan *plan);

/* The projected buildings the housing colours use, or NULL when they show the baseline. */
static GHashTable *
housing_projection (WmMapView *self, WmPlan *plan)
{
  if (self->housing_state != WM_INDICATOR_PROJECTED)
    return NULL;
  if (self->projected == NULL)
    self->projected = wm_projected_building_table_at_year (plan, NULL, self->year);
  return self->projected;
}

/* Rebuilds the base tiles when the housing colours move into or out of them. */
static void
place_housing (WmMapView *self)
{
  gboolean merged = self->housing_visible && self->online_layer == NULL;
  g_autoptr(WmPlan) empty = NULL;

  if (merged != self->housing_merged || merged)
    set_basemap (self, current_plan (self, &empty));
  if (self->housing_layer != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->housing_layer), housing_layer_shown (self));
}

/* The housing tiles are static per plan and style; a new style is a new source. */
static void
set_housing (WmMapView *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->simple_map);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->simple_map);
  g_autoptr(WmPlan) empty = NULL;
  WmPlan *plan = current_plan (self, &empty);
  g_autoptr(WmTileRenderer) renderer =
    wm_tile_renderer_new_housing_projected (plan, self->housing_mode, self->housing_segment,
                                            housing_projection (self, plan));
  g_autoptr(WmBasemapSource) source = wm_basemap_source_new (renderer);
  ShumateLayer *old_layer = self->housing_layer;

  g_clear_object (&self->housing_map_source);
  self->housing_map_source = wm_basemap_source_create_map_source (source);
  self->housing_layer = SHUMATE_LAYER (shumate_map_layer_new (self->housing_map_source, viewport));
  gtk_widget_set_visible (GTK_WIDGET (self->housing_layer), housing_layer_shown (self));
  shumate_map_insert_layer_behind (map, self->housing_layer, self->areas_layer);
  if (old_layer != NULL)
    shumate_map_remove_layer (map, old_layer);
  update_legend (self);
}

static void
set_basemap (WmMapView *self, WmPlan *plan)
{
  ShumateMap *map = shumate_simple_map_get_map (self->simple_map);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->simple_map);
  /* Housing drawn into the base tiles while nothing lies between them. */
  gboolean merged = self->housing_visible && self->online_layer == NULL;
  g_autoptr(WmTileRenderer) renderer =
    wm_tile_renderer_new_with_housing_projected (plan,
                                                 merged ? self->housing_mode : WM_HOUSING_NEUTRAL,
                                                 self->housing_segment,
                                                 merged ? housing_projection (self, plan) : NULL);
  ShumateLayer *old_layer = self->basemap_layer;
  gboolean visible = old_layer == NULL || gtk_widget_get_visible (GTK_WIDGET (old_layer));

  self->housing_merged = merged;
  g_clear_object (&self->basemap_source);
  g_clear_object (&self->basemap_map_source);
  self->basemap_source = wm_basemap_source_new (renderer);
  self->basemap_map_source = wm_basemap_source_create_map_source (self->basemap_source);

  shumate_map_set_map_source (map, self->basemap_map_source);
  self->basemap_layer = SHUMATE_LAYER (shumate_map_layer_new (self->basemap_map_source, viewport));
  gtk_widget_set_visible (GTK_WIDGET (self->basemap_layer), visible);
  shumate_map_insert_layer_behind (map, self->basemap_layer,
                                   self->online_layer != NULL ? self->online_layer
                                   : self->housing_layer != NULL ? self->housing_layer
                                   : self->areas_layer);
  if (old_layer != NULL)
    shumate_map_remove_layer (map, old_layer);
}

static void
update_attribution (WmMapView *self)
{
  ShumateLicense *license = shumate_simple_map_get_license (self->simple_map);
  const char *attribution = self->plan ? wm_plan_get_attribution (self->plan) : NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;

  if (attribution == NULL || *attribution == '\0')
    {
      shumate_license_set_extra_text (license, NULL);
      return;
    }

  /* One line on the map, so it stays out of the way of the picture. */
  lines = wm_demo_translate_attribution (attribution);
  text = g_strjoinv (" · ", lines);
  shumate_license_set_extra_text (license, text);
}

/* Zoom at which @bounds (RD) fills @width x @height pixels. */
static double
fit_zoom (const WmBounds *bounds, double width, double height)
{
  double min_px = INFINITY, max_px = -INFINITY, min_py = INFINITY, max_py = -INFINITY;
  double span_x, span_y, scale;

  for (int i = 0; i < 4; i++)
    {
      double lat, lon, px, py;

      wm_crs_rd_to_wgs84 ((i & 1) ? bounds->max_x : bounds->min_x,
                          (i & 2) ? bounds->max_y : bounds->min_y, &lat, &lon);
      wm_web_mercator_to_pixel (0, lat, lon, &px, &py);
      min_px = MIN (min_px, px);
      max_px = MAX (max_px, px);
      min_py = MIN (min_py, py);
      max_py = MAX (max_py, py);
    }

  span_x = MAX (max_px - min_px, 1e-9);
  span_y = MAX (max_py - min_py, 1e-9);
  scale = MIN (MAX (width - 2 * FIT_PADDING, 1) / span_x, MAX (height - 2 * FIT_PADDING, 1) / span_y);
  return log2 (scale);
}

/* Tiles drawn at a fractional pixel offset show seams under software rendering:
 * at a whole zoom level, move the centre to the pixel grid (at most half a pixel). */
static void
snap_to_pixels (WmMapView *self, int width, int height)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->simple_map);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double px, py, sx, sy;

  if (zoom != floor (zoom) || width <= 1 || height <= 1)
    return;

  wm_web_mercator_to_pixel ((int) zoom, lat, lon, &px, &py);
  sx = round (px - width / 2.0) + width / 2.0;
  sy = round (py - height / 2.0) + height / 2.0;
  if (fabs (sx - px) < 1e-3 && fabs (sy - py) < 1e-3)
    return;

  wm_web_mercator_from_pixel ((int) zoom, sx, sy, &lat, &lon);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
}

static gboolean
snap_idle_cb (gpointer user_data)
{
  WmMapView *self = user_data;

  self->snap_idle_id = 0;
  snap_to_pixels (self, gtk_widget_get_width (GTK_WIDGET (self)),
                  gtk_widget_get_height (GTK_WIDGET (self)));
  return G_SOURCE_REMOVE;
}

static void
on_viewport_notify (WmMapView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  /* At once, before the frame paints: tiles at whole pixels are plain copies, at a fraction
   * cairo filters every pixel of every tile. The idle catches a size not known yet. */
  if (width > 1 && height > 1)
    snap_to_pixels (self, width, height);
  else if (self->snap_idle_id == 0)
    self->snap_idle_id = g_idle_add_full (G_PRIORITY_LOW, snap_idle_cb, self, NULL);
}

/* The planning areas frame the neighbourhood; the base map may reach much further
 * (a long footpath, a field), so it only counts when there are no areas. */
static WmBounds
get_frame_bounds (WmPlan *plan)
{
  GListModel *areas = wm_plan_get_areas (plan);
  WmBounds bounds = wm_bounds_empty ();

  for (guint i = 0, n = g_list_model_get_n_items (areas); i < n; i++)
    {
      g_autoptr(WmArea) area = g_list_model_get_item (areas, i);
      WmGeometry *boundary = wm_area_get_boundary (area);

      if (boundary != NULL)
        wm_bounds_union (&bounds, &boundary->bounds);
    }

  if (wm_bounds_is_empty (&bounds))
    bounds = wm_plan_get_bounds (plan);
  return bounds;
}

static void
fit_to_plan (WmMapView *self, int width, int height)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->simple_map);
  WmBounds bounds;
  double lat, lon, zoom;

  self->fit_pending = FALSE;
  if (self->plan == NULL)
    return;

  bounds = get_frame_bounds (self->plan);
  if (wm_bounds_is_empty (&bounds))
    return;

  /* A whole zoom level keeps the tiles crisp; round down so everything stays visible. */
  zoom = floor (fit_zoom (&bounds, width, height));
  zoom = CLAMP (zoom, WM_BASEMAP_MIN_ZOOM, WM_BASEMAP_MAX_ZOOM);

  /* Stay around the neighbourhood: a little room to zoom out, the base map's detail in. */
  shumate_viewport_set_min_zoom_level (viewport, (guint) MAX (WM_BASEMAP_MIN_ZOOM, zoom - 2));
  shumate_viewport_set_max_zoom_level (viewport, WM_BASEMAP_MAX_ZOOM);

  wm_crs_rd_to_wgs84 ((bounds.min_x + bounds.max_x) / 2, (bounds.min_y + bounds.max_y) / 2,
                      &lat, &lon);
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  snap_to_pixels (self, width, height);
}

static void on_plan_changed (WmMapView *self);
static void on_baseline_replaced (WmMapView *self);

GtkWidget *
wm_map_view_new (void)
{
  return g_object_new (WM_TYPE_MAP_VIEW, NULL);
}

WmPlan *
wm_map_view_get_plan (WmMapView *self)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), NULL);

  return self->plan;
}

void
wm_map_view_set_plan (WmMapView *self, WmPlan *plan)
{
  g_return_if_fail (WM_IS_MAP_VIEW (self));
  g_return_if_fail (plan == NULL || WM_IS_PLAN (plan));

  if (self->plan == plan)
    return;

  if (self->plan != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->plan, on_plan_changed, self);
      g_signal_handlers_disconnect_by_func (self->plan, on_baseline_replaced, self);
    }
  g_clear_handle_id (&self->projected_refresh_id, g_source_remove);
  g_clear_pointer (&self->projected, g_hash_table_unref);
  g_set_object (&self->plan, plan);
  if (plan != NULL)
    {
      g_signal_connect_object (plan, "changed", G_CALLBACK (on_plan_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (plan, "baseline-replaced", G_CALLBACK (on_baseline_replaced), self,
                               G_CONNECT_SWAPPED);
    }

  if (plan != NULL)
    {
      set_basemap (self, plan);
    }
  else
    {
      g_autoptr(WmPlan) empty = wm_plan_new ();

      set_basemap (self, empty);
    }
  set_housing (self);
  wm_area_layer_set_selected (WM_AREA_LAYER (self->areas_layer), NULL);
  wm_area_layer_set_plan (WM_AREA_LAYER (self->areas_layer), plan);
  wm_facility_layer_set_plan (WM_FACILITY_LAYER (self->catchments_layer), plan);
  wm_facility_layer_set_plan (WM_FACILITY_LAYER (self->facilities_layer), plan);
  wm_proposal_layer_set_plan (WM_PROPOSAL_LAYER (self->proposals_layer), plan);
  update_legend (self);
  update_attribution (self);
  wm_map_view_zoom_to_plan (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

ShumateMap *
wm_map_view_get_map (WmMapView *self)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), NULL);

  return shumate_simple_map_get_map (self->simple_map);
}

ShumateViewport *
wm_map_view_get_viewport (WmMapView *self)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), NULL);

  return shumate_simple_map_get_viewport (self->simple_map);
}

void
wm_map_view_zoom_to_plan (WmMapView *self)
{
  int width, height;

  g_return_if_fail (WM_IS_MAP_VIEW (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));

  if (width <= 1 || height <= 1)
    {
      /* Not allocated yet: size_allocate does it. */
      self->fit_pending = TRUE;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      return;
    }
  fit_to_plan (self, width, height);
}

const char *const *
wm_map_view_get_layer_ids (WmMapView *self)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), NULL);

  return layer_ids;
}

ShumateLayer *
wm_map_view_get_layer (WmMapView *self, const char *layer_id)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), NULL);
  g_return_val_if_fail (layer_id != NULL, NULL);

  if (g_str_equal (layer_id, "basemap"))
    return self->basemap_layer;
  if (g_str_equal (layer_id, "housing"))
    return self->housing_layer;
  if (g_str_equal (layer_id, "areas"))
    return self->areas_layer;
  if (g_str_equal (layer_id, "catchments"))
    return self->catchments_layer;
  if (g_str_equal (layer_id, "facilities"))
    return self->facilities_layer;
  if (g_str_equal (layer_id, "proposals"))
    return self->proposals_layer;
  return NULL;
}

void
wm_map_view_set_layer_visible (WmMapView *self, const char *layer_id, gboolean visible)
{
  ShumateLayer *layer;

  g_return_if_fail (WM_IS_MAP_VIEW (self));

  layer = wm_map_view_get_layer (self, layer_id);
  g_return_if_fail (layer != NULL);

  if (layer == self->housing_layer)
    {
      /* Remembered apart: in the neutral style the layer stays hidden. */
      if (self->housing_visible == visible)
        return;
      self->housing_visible = visible;
      place_housing (self);
      update_legend (self);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (layer), visible);
  if (layer == self->basemap_layer && self->online_layer != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->online_layer), visible);
  if (layer == self->facilities_layer)
    update_facility_legend (self);
  if (layer == self->proposals_layer)
    update_under_way_legend (self);
}

gboolean
wm_map_view_get_layer_visible (WmMapView *self, const char *layer_id)
{
  ShumateLayer *layer;

  g_return_val_if_fail (WM_IS_MAP_VIEW (self), FALSE);

  layer = wm_map_view_get_layer (self, layer_id);
  g_return_val_if_fail (layer != NULL, FALSE);
  if (layer == self->housing_layer)
    return self->housing_visible;
  return gtk_widget_get_visible (GTK_WIDGET (layer));
}

/* New housing tiles (and base tiles while they hold the housing colours). */
static void
redraw_housing (WmMapView *self)
{
  set_housing (self);
  if (self->housing_merged || self->housing_visible)
    place_housing (self);
}

void
wm_map_view_set_housing_style (WmMapView *self, WmHousingMode mode, WmSegment segment)
{
  g_return_if_fail (WM_IS_MAP_VIEW (self));
  g_return_if_fail ((guint) segment < WM_N_SEGMENTS);

  if (self->housing_mode == mode && self->housing_segment == segment)
    return;
  self->housing_mode = mode;
  self->housing_segment = segment;
  redraw_housing (self);
}

static gboolean
projections_equal (GHashTable *a, GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const WmProjectedBuilding *pa = value;
      const WmProjectedBuilding *pb = g_hash_table_lookup (b, key);

      if (pb == NULL || pa->demolished != pb->demolished
          || !wm_dwelling_mix_equal (&pa->dwellings, &pb->dwellings))
        return FALSE;
    }
  return TRUE;
}

static gboolean
projected_refresh_cb (gpointer user_data)
{
  WmMapView *self = user_data;
  g_autoptr(GHashTable) projected = NULL;

  self->projected_refresh_id = 0;
  if (self->plan == NULL || self->housing_state != WM_INDICATOR_PROJECTED)
    {
      g_signal_emit (self, signals[HOUSING_REFRESHED], 0, FALSE);
      return G_SOURCE_REMOVE;
    }

  /* A new name or year of a proposal changes no colour: keep the tiles. */
  projected = wm_projected_building_table_at_year (self->plan, NULL, self->year);
  if (self->projected != NULL && projections_equal (projected, self->projected))
    {
      g_signal_emit (self, signals[HOUSING_REFRESHED], 0, FALSE);
      return G_SOURCE_REMOVE;
    }

  g_clear_pointer (&self->projected, g_hash_table_unref);
  self->projected = g_steal_pointer (&projected);
  redraw_housing (self);
  g_signal_emit (self, signals[HOUSING_REFRESHED], 0, TRUE);
  return G_SOURCE_REMOVE;
}

/* Edits come in bursts (typing, a drag, undo of a group): one redraw after the last. */
static void
on_plan_changed (WmMapView *self)
{
  /* A proposed facility of a new type has its symbol in the legend at once. */
  update_facility_legend (self);
  update_under_way_legend (self);
  if (self->housing_state != WM_INDICATOR_PROJECTED)
    return;
  g_clear_handle_id (&self->projected_refresh_id, g_source_remove);
  self->projected_refresh_id = g_timeout_add (WM_MAP_VIEW_HOUSING_DELAY_MS,
                                              projected_refresh_cb, self);
}

/* An import (or its undo) replaced the baseline: the tiles were rendered from the old one,
 * so base map and housing are rendered afresh, at once. */
static void
on_baseline_replaced (WmMapView *self)
{
  g_clear_handle_id (&self->projected_refresh_id, g_source_remove);
  g_clear_pointer (&self->projected, g_hash_table_unref);
  set_basemap (self, self->plan);
  redraw_housing (self);
}

void
wm_map_view_set_housing_state (WmMapView *self, WmIndicatorState state)
{
  g_return_if_fail (WM_IS_MAP_VIEW (self));
  g_return_if_fail (state == WM_INDICATOR_BASELINE || state == WM_INDICATOR_PROJECTED);

  if (self->housing_state == state)
    return;
  self->housing_state = state;
  g_clear_handle_id (&self->projected_refresh_id, g_source_remove);
  /* Made afresh when needed: edits while showing "now" were not followed. */
  g_clear_pointer (&self->projected, g_hash_table_unref);
  redraw_housing (self);
}

void
wm_map_view_set_year (WmMapView *self, int year)
{
  g_autoptr(GHashTable) projected = NULL;

  g_return_if_fail (WM_IS_MAP_VIEW (self));

  if (self->year == year)
    return;
  self->year = year;
  wm_proposal_layer_set_year (WM_PROPOSAL_LAYER (self->proposals_layer), year);
  wm_map_legend_set_year (WM_MAP_LEGEND (self->legend), year);
  update_under_way_legend (self);
  if (self->housing_state != WM_INDICATOR_PROJECTED || self->plan == NULL)
    return;

  /* At once: stepping through the years is not a burst of edits. A pending redraw for an
   * edit is done by this one. */
  g_clear_handle_id (&self->projected_refresh_id, g_source_remove);
  projected = wm_projected_building_table_at_year (self->plan, NULL, year);
  if (self->projected != NULL && projections_equal (projected, self->projected))
    {
      g_signal_emit (self, signals[HOUSING_REFRESHED], 0, FALSE);
      return;
    }
  g_clear_pointer (&self->projected, g_hash_table_unref);
  self->projected = g_steal_pointer (&projected);
  redraw_housing (self);
  g_signal_emit (self, signals[HOUSING_REFRESHED], 0, TRUE);
}

int
wm_map_view_get_year (WmMapView *self)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), 0);
  return self->year;
}

gboolean
wm_map_view_get_housing_refresh_pending (WmMapView *self)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), FALSE);
  return self->projected_refresh_id != 0;
}

WmIndicatorState
wm_map_view_get_housing_state (WmMapView *self)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), WM_INDICATOR_BASELINE);
  return self->housing_state;
}

WmHousingMode
wm_map_view_get_housing_mode (WmMapView *self)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), WM_HOUSING_NEUTRAL);
  return self->housing_mode;
}

WmSegment
wm_map_view_get_housing_segment (WmMapView *self)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), WM_SEGMENT_SOCIAL_RENT);
  return self->housing_segment;
}

GtkWidget *
wm_map_view_get_legend (WmMapView *self)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), NULL);
  return self->legend;
}

const char *
wm_map_view_get_selected_area (WmMapView *self)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), NULL);
  return wm_area_layer_get_selected (WM_AREA_LAYER (self->areas_layer));
}

void
wm_map_view_set_selected_area (WmMapView *self, const char *area_id)
{
  g_return_if_fail (WM_IS_MAP_VIEW (self));

  if (g_strcmp0 (area_id, wm_map_view_get_selected_area (self)) == 0)
    return;
  wm_area_layer_set_selected (WM_AREA_LAYER (self->areas_layer), area_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_AREA]);
}

static void
update_license (WmMapView *self, ShumateMapSource *old_source)
{
  ShumateLicense *license = shumate_simple_map_get_license (self->simple_map);

  if (old_source != NULL)
    shumate_license_remove_map_source (license, old_source);
  if (self->online_map_source != NULL && self->online_layer != NULL)
    shumate_license_append_map_source (license, self->online_map_source);
}

static void remove_online_layer (WmMapView *self);

static void
on_online_failed (WmMapView *self)
{
  /* Quietly back to the project's own map, which has been underneath all along. */
  g_debug ("Online base map failed; showing the offline map");
  remove_online_layer (self);
  update_license (self, self->online_map_source);
  place_housing (self);
}

static void
remove_online_layer (WmMapView *self)
{
  if (self->online_layer == NULL)
    return;
  shumate_map_remove_layer (shumate_simple_map_get_map (self->simple_map), self->online_layer);
  self->online_layer = NULL;
}

void
wm_map_view_set_online_source (WmMapView *self, ShumateMapSource *source)
{
  g_autoptr(ShumateMapSource) old_source = NULL;
  g_autoptr(ShumateDataSource) data_source = NULL;
  ShumateViewport *viewport;

  g_return_if_fail (WM_IS_MAP_VIEW (self));
  g_return_if_fail (source == NULL || SHUMATE_IS_MAP_SOURCE (source));

  if (source == self->online_map_source)
    return;

  if (self->online_map_source != NULL)
    {
      g_autoptr(ShumateDataSource) old_data = NULL;

      if (SHUMATE_IS_RASTER_RENDERER (self->online_map_source))
        g_object_get (self->online_map_source, "data-source", &old_data, NULL);
      if (old_data != NULL)
        g_signal_handlers_disconnect_by_data (old_data, self);
    }
  remove_online_layer (self);
  old_source = g_steal_pointer (&self->online_map_source);
  update_license (self, old_source);

  if (source == NULL)
    {
      if (!self->housing_merged)
        place_housing (self);
      return;
    }

  self->online_map_source = g_object_ref (source);
  if (SHUMATE_IS_RASTER_RENDERER (source))
    g_object_get (source, "data-source", &data_source, NULL);
  if (WM_IS_ONLINE_SOURCE (data_source))
    {
      if (wm_online_source_get_failed (WM_ONLINE_SOURCE (data_source)))
        return;
      g_signal_connect_object (data_source, "notify::failed", G_CALLBACK (on_online_failed),
                               self, G_CONNECT_SWAPPED);
    }

  viewport = shumate_simple_map_get_viewport (self->simple_map);
  self->online_layer = SHUMATE_LAYER (shumate_map_layer_new (source, viewport));
  gtk_widget_set_visible (GTK_WIDGET (self->online_layer),
                          gtk_widget_get_visible (GTK_WIDGET (self->basemap_layer)));
  shumate_map_insert_layer_above (shumate_simple_map_get_map (self->simple_map),
                                  self->online_layer, self->basemap_layer);
  update_license (self, NULL);
  place_housing (self);
}

ShumateMapSource *
wm_map_view_get_online_source (WmMapView *self)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), NULL);
  return self->online_map_source;
}

ShumateLayer *
wm_map_view_get_online_layer (WmMapView *self)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), NULL);
  return self->online_layer;
}

gboolean
wm_map_view_set_base_map (WmMapView *self, const char *key, const char *mbtiles_path,
                          GError **error)
{
  g_autoptr(ShumateMapSource) source = NULL;

  g_return_val_if_fail (WM_IS_MAP_VIEW (self), FALSE);

  if (key == NULL || g_str_equal (key, "offline"))
    {
      wm_map_view_set_online_source (self, NULL);
      return TRUE;
    }
  if (g_str_equal (key, "mbtiles"))
    {
      g_autoptr(WmMbtilesSource) mbtiles = NULL;

      if (mbtiles_path == NULL || *mbtiles_path == '\0')
        {
          wm_map_view_set_online_source (self, NULL);
          g_set_error (error, WM_MBTILES_ERROR, WM_MBTILES_ERROR_OPEN,
                       _("No MBTiles file has been chosen"));
          return FALSE;
        }
      mbtiles = wm_mbtiles_source_new (mbtiles_path, error);
      if (mbtiles == NULL)
        {
          wm_map_view_set_online_source (self, NULL);
          return FALSE;
        }
      source = wm_mbtiles_source_create_map_source (mbtiles);
    }
  else
    {
      source = wm_online_source_create_for_key (key);
    }

  if (source == NULL)
    {
      wm_map_view_set_online_source (self, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Unknown base map “%s”"),
                   key);
      return FALSE;
    }
  wm_map_view_set_online_source (self, source);
  return TRUE;
}

static void
apply_settings (WmMapView *self)
{
  g_autofree char *key = g_settings_get_string (self->settings, "basemap");
  g_autofree char *path = g_settings_get_string (self->settings, "mbtiles-file");
  g_autoptr(GError) error = NULL;

  if (!wm_map_view_set_base_map (self, key, path, &error))
    g_signal_emit (self, signals[BASE_MAP_ERROR], 0, error->message);
}

void
wm_map_view_bind_settings (WmMapView *self, GSettings *settings)
{
  g_return_if_fail (WM_IS_MAP_VIEW (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_signal_connect_object (settings, "changed::basemap", G_CALLBACK (apply_settings), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::mbtiles-file", G_CALLBACK (apply_settings), self,
                           G_CONNECT_SWAPPED);
  apply_settings (self);
}

void
wm_map_view_set_click_selects_area (WmMapView *self, gboolean enabled)
{
  g_return_if_fail (WM_IS_MAP_VIEW (self));
  self->click_selects_area = enabled;
}

void
wm_map_view_set_engine (WmMapView *self, WmIndicatorEngine *engine)
{
  g_return_if_fail (WM_IS_MAP_VIEW (self));
  g_return_if_fail (engine == NULL || WM_IS_INDICATOR_ENGINE (engine));

  g_set_object (&self->engine, engine);
  wm_facility_layer_set_engine (WM_FACILITY_LAYER (self->catchments_layer), engine);
}

WmIndicatorEngine *
wm_map_view_get_engine (WmMapView *self)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), NULL);
  return self->engine;
}

gboolean
wm_map_view_click_at (WmMapView *self, double x, double y)
{
  ShumateViewport *viewport;
  GtkWidget *map;
  double lat, lon, rx, ry;
  graphene_point_t p;
  gboolean claimed = FALSE;
  WmArea *area;

  g_return_val_if_fail (WM_IS_MAP_VIEW (self), FALSE);

  if (self->plan == NULL || !self->click_selects_area)
    return FALSE;
  /* A click on a facility is about the facility, not about the area it stands in. */
  g_signal_emit (self, signals[CLAIM_CLICK], 0, x, y, &claimed);
  if (claimed)
    return FALSE;
  viewport = shumate_simple_map_get_viewport (self->simple_map);
  map = GTK_WIDGET (shumate_simple_map_get_map (self->simple_map));
  if (!gtk_widget_compute_point (GTK_WIDGET (self), map, &GRAPHENE_POINT_INIT (x, y), &p))
    return FALSE;
  shumate_viewport_widget_coords_to_location (viewport, map, p.x, p.y, &lat, &lon);
  wm_crs_wgs84_to_rd (lat, lon, &rx, &ry);
  area = wm_plan_area_at (self->plan, rx, ry);
  wm_map_view_set_selected_area (self, area != NULL ? wm_area_get_id (area) : NULL);
  return TRUE;
}

static void
on_click_released (GtkGestureClick *gesture, int n_press, double x, double y, WmMapView *self)
{
  if (n_press == 1)
    wm_map_view_click_at (self, x, y);
}

void
wm_map_view_add_cover (WmMapView *self, GtkWidget *widget)
{
  GWeakRef *ref;

  g_return_if_fail (WM_IS_MAP_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, widget);
  g_ptr_array_add (self->covers, ref);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* How far the visible covers reach in from the left and the right edge. Measured, not read from
 * the allocation: a card shown by the same selection is not laid out yet. */
static void
get_cover_insets (WmMapView *self, int width, double *left, double *right)
{
  *left = 0;
  *right = 0;
  for (guint i = 0; i < self->covers->len; i++)
    {
      g_autoptr(GtkWidget) cover = g_weak_ref_get (g_ptr_array_index (self->covers, i));
      int natural = 0;
      double reach;

      if (cover == NULL || !gtk_widget_get_visible (cover))
        continue;
      gtk_widget_measure (cover, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      reach = natural + gtk_widget_get_margin_start (cover) + gtk_widget_get_margin_end (cover);
      if (reach >= width)
        continue;
      if (gtk_widget_get_halign (cover) == GTK_ALIGN_END)
        *right = MAX (*right, reach);
      else if (gtk_widget_get_halign (cover) == GTK_ALIGN_START)
        *left = MAX (*left, reach);
    }
}

/* @bounds (RD) as a rectangle in the view's widget coordinates. */
static graphene_rect_t
bounds_to_widget (WmMapView *self, const WmBounds *bounds)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->simple_map);
  GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (self->simple_map));
  double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;

  for (int i = 0; i < 4; i++)
    {
      double lat, lon, x, y;

      wm_crs_rd_to_wgs84 ((i & 1) ? bounds->max_x : bounds->min_x,
                          (i & 2) ? bounds->max_y : bounds->min_y, &lat, &lon);
      shumate_viewport_location_to_widget_coords (viewport, map, lat, lon, &x, &y);
      min_x = MIN (min_x, x);
      max_x = MAX (max_x, x);
      min_y = MIN (min_y, y);
      max_y = MAX (max_y, y);
    }
  return GRAPHENE_RECT_INIT (min_x, min_y, max_x - min_x, max_y - min_y);
}

gboolean
wm_map_view_bounds_visible (WmMapView *self, const WmBounds *bounds)
{
  int width, height;
  double left, right;
  graphene_rect_t rect, legend;

  g_return_val_if_fail (WM_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 1 || height <= 1 || wm_bounds_is_empty (bounds))
    return FALSE;
  get_cover_insets (self, width, &left, &right);
  rect = bounds_to_widget (self, bounds);
  if (rect.origin.x < left + FIT_PADDING || rect.origin.y < FIT_PADDING
      || rect.origin.x + rect.size.width > width - right - FIT_PADDING
      || rect.origin.y + rect.size.height > height - FIT_PADDING)
    return FALSE;
  /* Under the legend is out of sight too. */
  if (gtk_widget_get_visible (self->legend)
      && gtk_widget_compute_bounds (self->legend, GTK_WIDGET (self), &legend)
      && graphene_rect_intersection (&rect, &legend, NULL))
    return FALSE;
  return TRUE;
}

gboolean
wm_map_view_show_bounds (WmMapView *self, const WmBounds *bounds)
{
  ShumateViewport *viewport;
  GtkWidget *map;
  int width, height;
  double lat, lon, zoom, left, right;

  g_return_val_if_fail (WM_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  /* Already in view: the map stays put, so the eye does not lose its place. */
  if (wm_bounds_is_empty (bounds) || width <= 1 || height <= 1
      || wm_map_view_bounds_visible (self, bounds))
    return FALSE;

  viewport = shumate_simple_map_get_viewport (self->simple_map);
  map = GTK_WIDGET (shumate_simple_map_get_map (self->simple_map));
  get_cover_insets (self, width, &left, &right);
  zoom = shumate_viewport_get_zoom_level (viewport);
  /* Zoomed out only as far as needed to see all of it between the covers. */
  zoom = MIN (zoom, floor (fit_zoom (bounds, MAX (width - left - right, 1), height)));
  zoom = CLAMP (zoom, shumate_viewport_get_min_zoom_level (viewport),
                shumate_viewport_get_max_zoom_level (viewport));
  wm_crs_rd_to_wgs84 ((bounds->min_x + bounds->max_x) / 2, (bounds->min_y + bounds->max_y) / 2,
                      &lat, &lon);
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  /* Then shifted, so that it sits in the middle of the part the covers leave free. */
  if (left != right)
    {
      double free_centre = (left + width - right) / 2;
      double x = width / 2.0 + (width / 2.0 - free_centre);
      graphene_point_t p;

      if (gtk_widget_compute_point (GTK_WIDGET (self), map, &GRAPHENE_POINT_INIT (x, height / 2.0),
                                    &p))
        {
          shumate_viewport_widget_coords_to_location (viewport, map, p.x, p.y, &lat, &lon);
          shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
        }
    }
  snap_to_pixels (self, width, height);
  return TRUE;
}

static void
wm_map_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                     int *natural, int *minimum_baseline, int *natural_baseline)
{
  WmMapView *self = WM_MAP_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->simple_map), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
wm_map_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  WmMapView *self = WM_MAP_VIEW (widget);

  /* Before the map is allocated, so its layers lay out at the new place right away. */
  if (self->fit_pending && width > 1 && height > 1)
    fit_to_plan (self, width, height);

  gtk_widget_allocate (GTK_WIDGET (self->simple_map), width, height, baseline, NULL);

  if (gtk_widget_should_layout (self->legend))
    {
      int w, h;

      gtk_widget_measure (self->legend, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
      gtk_widget_measure (self->legend, GTK_ORIENTATION_VERTICAL, w, NULL, &h, NULL, NULL);
      gtk_widget_size_allocate (self->legend,
                                &(GtkAllocation) { 12, 12, MIN (w, width - 24),
                                                   MIN (h, height - 24) }, -1);
    }
}

static void
wm_map_view_realize (GtkWidget *widget)
{
  GskRenderer *renderer;

  GTK_WIDGET_CLASS (wm_map_view_parent_class)->realize (widget);
  /* Tiles paint best for the renderer that shows them (see wm-tile-paintable.h). */
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  if (renderer != NULL)
    wm_tile_paintable_set_for_cairo (GSK_IS_CAIRO_RENDERER (renderer));
}

static void
wm_map_view_dispose (GObject *object)
{
  WmMapView *self = WM_MAP_VIEW (object);

  g_clear_handle_id (&self->snap_idle_id, g_source_remove);
  g_clear_handle_id (&self->projected_refresh_id, g_source_remove);
  g_clear_pointer (&self->projected, g_hash_table_unref);
  if (self->plan != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->plan, on_plan_changed, self);
      g_signal_handlers_disconnect_by_func (self->plan, on_baseline_replaced, self);
    }
  if (self->simple_map != NULL)
    g_signal_handlers_disconnect_by_data (shumate_simple_map_get_viewport (self->simple_map), self);
  g_clear_pointer (&self->legend, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **) &self->simple_map, gtk_widget_unparent);
  self->basemap_layer = NULL;
  self->online_layer = NULL;
  self->housing_layer = NULL;
  self->areas_layer = NULL;
  self->catchments_layer = NULL;
  self->facilities_layer = NULL;
  self->proposals_layer = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->covers, g_ptr_array_unref);
  g_clear_object (&self->online_map_source);
  g_clear_object (&self->housing_map_source);
  g_clear_object (&self->basemap_map_source);
  g_clear_object (&self->basemap_source);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (wm_map_view_parent_class)->dispose (object);
}

static void
wm_map_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  WmMapView *self = WM_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_SELECTED_AREA:
      g_value_set_string (value, wm_map_view_get_selected_area (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_map_view_set_property (GObject *object, guint prop_id, const GValue *value,
                          GParamSpec *pspec)
{
  WmMapView *self = WM_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      wm_map_view_set_plan (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_AREA:
      wm_map_view_set_selected_area (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_map_view_class_init (WmMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_map_view_dispose;
  object_class->get_property = wm_map_view_get_property;
  object_class->set_property = wm_map_view_set_property;
  widget_class->measure = wm_map_view_measure;
  widget_class->size_allocate = wm_map_view_size_allocate;
  widget_class->realize = wm_map_view_realize;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, WM_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_AREA] =
    g_param_spec_string ("selected-area", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A base map could not be shown (message for the user); the offline map is shown. */
  signals[BASE_MAP_ERROR] =
    g_signal_new ("base-map-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The delayed look at the plan after a change is done; TRUE when the housing tiles were
   * replaced (the colours changed). Tests wait for it instead of for the delay. */
  signals[HOUSING_REFRESHED] =
    g_signal_new ("housing-refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /* A click (x, y in the view's coordinates) is about to select the area under it; a handler
   * returns TRUE when the click is about something on the map (a facility), so the area
   * stays. */
  signals[CLAIM_CLICK] =
    g_signal_new ("claim-click", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 2,
                  G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_css_name (widget_class, "wm-map-view");
}

static void
wm_map_view_init (WmMapView *self)
{
  ShumateViewport *viewport;
  GtkGesture *click;
  g_autoptr(WmPlan) empty = wm_plan_new ();

  self->simple_map = shumate_simple_map_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->simple_map), GTK_WIDGET (self));
  shumate_simple_map_set_show_zoom_buttons (self->simple_map, TRUE);
  /* Dutch planners work in metres; feet only crowd the corner. */
  shumate_scale_set_unit (shumate_simple_map_get_scale (self->simple_map), SHUMATE_UNIT_METRIC);
  /* A long attribution wraps instead of running over the scale at the left. */
  gtk_widget_set_margin_start (GTK_WIDGET (shumate_simple_map_get_license (self->simple_map)), 180);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  viewport = shumate_simple_map_get_viewport (self->simple_map);
  g_signal_connect_swapped (viewport, "notify::latitude", G_CALLBACK (on_viewport_notify), self);
  g_signal_connect_swapped (viewport, "notify::longitude", G_CALLBACK (on_viewport_notify), self);
  g_signal_connect_swapped (viewport, "notify::zoom-level", G_CALLBACK (on_viewport_notify), self);
  self->areas_layer = SHUMATE_LAYER (wm_area_layer_new (viewport));
  self->catchments_layer = SHUMATE_LAYER (wm_facility_layer_new (viewport, TRUE));
  self->facilities_layer = SHUMATE_LAYER (wm_facility_layer_new (viewport, FALSE));
  self->proposals_layer = SHUMATE_LAYER (wm_proposal_layer_new (viewport));
  shumate_simple_map_add_overlay_layer (self->simple_map, self->areas_layer);
  shumate_simple_map_add_overlay_layer (self->simple_map, self->catchments_layer);
  shumate_simple_map_add_overlay_layer (self->simple_map, self->facilities_layer);
  shumate_simple_map_add_overlay_layer (self->simple_map, self->proposals_layer);
  /* Big circles crowd the picture: shown on demand. */
  gtk_widget_set_visible (GTK_WIDGET (self->catchments_layer), FALSE);

  self->legend = wm_map_legend_new ();
  gtk_widget_set_parent (self->legend, GTK_WIDGET (self));

  self->housing_mode = WM_HOUSING_DOMINANT;
  self->housing_segment = WM_SEGMENT_SOCIAL_RENT;
  self->housing_visible = TRUE;
  self->click_selects_area = TRUE;
  self->covers = g_ptr_array_new_with_free_func ((GDestroyNotify) weak_ref_free);

  /* Empty tiles until there is a plan, so the layer ids always exist. */
  set_basemap (self, empty);
  set_housing (self);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

WmTileRenderer *
wm_map_view_get_base_renderer (WmMapView *self)
{
  g_return_val_if_fail (WM_IS_MAP_VIEW (self), NULL);
  return self->basemap_source != NULL ? wm_basemap_source_get_renderer (self->basemap_source)
                                      : NULL;
}
