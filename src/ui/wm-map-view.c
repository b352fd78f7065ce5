/* wm-map-view.c: the neighbourhood map (libshumate) with the project's layers */
#include "config.h"

#include <math.h>

#include "wm-basemap-source.h"
#include "wm-crs.h"
#include "wm-map-style.h"
#include "wm-map-view.h"
#include "wm-tile-renderer.h"

/* Free space around the plan when zooming to it, in pixels. */
#define FIT_PADDING 24.0

/* WmFacilitiesLayer: existing facilities as round symbols, drawn live because they are few
 * and editable. Private to the map view. */

#define WM_TYPE_FACILITIES_LAYER (wm_facilities_layer_get_type ())
G_DECLARE_FINAL_TYPE (WmFacilitiesLayer, wm_facilities_layer, WM, FACILITIES_LAYER, ShumateLayer)

struct _WmFacilitiesLayer
{
  ShumateLayer parent_instance;

  WmPlan *plan;
};

G_DEFINE_FINAL_TYPE (WmFacilitiesLayer, wm_facilities_layer, SHUMATE_TYPE_LAYER)

static void
wm_facilities_layer_set_plan (WmFacilitiesLayer *self, WmPlan *plan)
{
  if (self->plan == plan)
    return;

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  if (self->plan != NULL)
    g_signal_connect_object (self->plan, "changed", G_CALLBACK (gtk_widget_queue_draw), self,
                             G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
append_symbol (WmFacilitiesLayer *self, GtkSnapshot *snapshot, WmFacility *facility, double x,
               double y, float radius)
{
  WmFacilityType type = wm_facility_get_facility_type (facility);
  guint32 rgb = wm_map_style_get_facility_color (type);
  GdkRGBA fill = { ((rgb >> 16) & 0xff) / 255.f, ((rgb >> 8) & 0xff) / 255.f,
                   (rgb & 0xff) / 255.f, 1.f };
  GdkRGBA white = { 1.f, 1.f, 1.f, 1.f };
  GdkRGBA shadow = { 0.f, 0.f, 0.f, 0.35f };
  GdkRGBA borders[4] = { white, white, white, white };
  float widths[4] = { 2.f, 2.f, 2.f, 2.f };
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x - radius, y - radius, 2 * radius, 2 * radius);
  GskRoundedRect circle;

  gsk_rounded_rect_init_from_rect (&circle, &rect, radius);
  gtk_snapshot_append_outset_shadow (snapshot, &circle, &shadow, 0.f, 1.f, 0.f, 2.f);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_color (snapshot, &fill, &rect);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &circle, widths, borders);

  if (radius >= 9)
    {
      const char *label = wm_facility_type_label (type);
      g_autofree char *initial = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold");
      int width, height;

      if (label == NULL || *label == '\0')
        return;
      initial = g_utf8_strup (label, g_utf8_next_char (label) - label);
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), initial);
      pango_font_description_set_absolute_size (font, radius * 1.1 * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_get_pixel_size (layout, &width, &height);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - width / 2.0, y - height / 2.0));
      gtk_snapshot_append_layout (snapshot, layout, &white);
      gtk_snapshot_restore (snapshot);
    }
}

static void
wm_facilities_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  WmFacilitiesLayer *self = WM_FACILITIES_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double zoom;
  float radius;
  GListModel *facilities;

  if (self->plan == NULL || width <= 0 || height <= 0)
    return;

  zoom = shumate_viewport_get_zoom_level (viewport);
  radius = zoom >= 17 ? 13.f : zoom >= 15 ? 10.f : 6.f;
  facilities = wm_plan_get_facilities (self->plan);

  for (guint i = 0, n = g_list_model_get_n_items (facilities); i < n; i++)
    {
      g_autoptr(WmFacility) facility = g_list_model_get_item (facilities, i);
      WmPoint p = wm_facility_get_location (facility);
      double lat, lon, x, y;

      wm_crs_rd_to_wgs84 (p.x, p.y, &lat, &lon);
      shumate_viewport_location_to_widget_coords (viewport, widget, lat, lon, &x, &y);
      if (x < -radius - 4 || y < -radius - 4 || x > width + radius + 4 || y > height + radius + 4)
        continue;
      append_symbol (self, snapshot, facility, x, y, radius);
    }
}

static void
wm_facilities_layer_constructed (GObject *object)
{
  WmFacilitiesLayer *self = WM_FACILITIES_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (wm_facilities_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
}

static void
wm_facilities_layer_dispose (GObject *object)
{
  WmFacilitiesLayer *self = WM_FACILITIES_LAYER (object);

  wm_facilities_layer_set_plan (self, NULL);

  G_OBJECT_CLASS (wm_facilities_layer_parent_class)->dispose (object);
}

static void
wm_facilities_layer_class_init (WmFacilitiesLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wm_facilities_layer_constructed;
  object_class->dispose = wm_facilities_layer_dispose;
  widget_class->snapshot = wm_facilities_layer_snapshot;
}

static void
wm_facilities_layer_init (WmFacilitiesLayer *self)
{
  /* Clicks go to the map underneath. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/* WmMapView */

struct _WmMapView
{
  GtkWidget parent_instance;

  ShumateSimpleMap *simple_map;
  WmPlan *plan;

  WmBasemapSource *basemap_source;
  ShumateMapSource *basemap_map_source;
  ShumateLayer *basemap_layer;
  ShumateLayer *facilities_layer;

  /* Zoom to the plan once the widget has a size. */
  gboolean fit_pending;
  guint snap_idle_id;
};

G_DEFINE_FINAL_TYPE (WmMapView, wm_map_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const layer_ids[] = { "basemap", "facilities", NULL };

static void
set_basemap (WmMapView *self, WmPlan *plan)
{
  ShumateMap *map = shumate_simple_map_get_map (self->simple_map);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->simple_map);
  g_autoptr(WmTileRenderer) renderer = wm_tile_renderer_new (plan);
  ShumateLayer *old_layer = self->basemap_layer;
  gboolean visible = old_layer == NULL || gtk_widget_get_visible (GTK_WIDGET (old_layer));

  g_clear_object (&self->basemap_source);
  g_clear_object (&self->basemap_map_source);
  self->basemap_source = wm_basemap_source_new (renderer);
  self->basemap_map_source = wm_basemap_source_create_map_source (self->basemap_source);

  shumate_map_set_map_source (map, self->basemap_map_source);
  self->basemap_layer = SHUMATE_LAYER (shumate_map_layer_new (self->basemap_map_source, viewport));
  gtk_widget_set_visible (GTK_WIDGET (self->basemap_layer), visible);
  shumate_map_insert_layer_behind (map, self->basemap_layer, self->facilities_layer);
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
  g_autoptr(GString) joined = NULL;

  if (attribution == NULL || *attribution == '\0')
    {
      shumate_license_set_extra_text (license, NULL);
      return;
    }

  /* One line on the map, so it stays out of the way of the picture. */
  lines = g_strsplit (attribution, "\n", -1);
  joined = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (joined->len > 0)
        g_string_append (joined, " · ");
      g_string_append (joined, lines[i]);
    }
  text = g_string_free (g_steal_pointer (&joined), FALSE);
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
  if (self->snap_idle_id == 0)
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

  g_set_object (&self->plan, plan);

  if (plan != NULL)
    {
      set_basemap (self, plan);
    }
  else
    {
      g_autoptr(WmPlan) empty = wm_plan_new ();

      set_basemap (self, empty);
    }
  wm_facilities_layer_set_plan (WM_FACILITIES_LAYER (self->facilities_layer), plan);
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
  if (g_str_equal (layer_id, "facilities"))
    return self->facilities_layer;
  return NULL;
}

void
wm_map_view_set_layer_visible (WmMapView *self, const char *layer_id, gboolean visible)
{
  ShumateLayer *layer;

  g_return_if_fail (WM_IS_MAP_VIEW (self));

  layer = wm_map_view_get_layer (self, layer_id);
  g_return_if_fail (layer != NULL);
  gtk_widget_set_visible (GTK_WIDGET (layer), visible);
}

gboolean
wm_map_view_get_layer_visible (WmMapView *self, const char *layer_id)
{
  ShumateLayer *layer;

  g_return_val_if_fail (WM_IS_MAP_VIEW (self), FALSE);

  layer = wm_map_view_get_layer (self, layer_id);
  g_return_val_if_fail (layer != NULL, FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (layer));
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
}

static void
wm_map_view_dispose (GObject *object)
{
  WmMapView *self = WM_MAP_VIEW (object);

  g_clear_handle_id (&self->snap_idle_id, g_source_remove);
  if (self->simple_map != NULL)
    g_signal_handlers_disconnect_by_data (shumate_simple_map_get_viewport (self->simple_map), self);
  g_clear_pointer ((GtkWidget **) &self->simple_map, gtk_widget_unparent);
  self->basemap_layer = NULL;
  self->facilities_layer = NULL;
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

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, WM_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "wm-map-view");
}

static void
wm_map_view_init (WmMapView *self)
{
  ShumateViewport *viewport;
  g_autoptr(WmPlan) empty = wm_plan_new ();

  self->simple_map = shumate_simple_map_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->simple_map), GTK_WIDGET (self));
  shumate_simple_map_set_show_zoom_buttons (self->simple_map, TRUE);
  /* A long attribution wraps instead of running over the scale at the left. */
  gtk_widget_set_margin_start (GTK_WIDGET (shumate_simple_map_get_license (self->simple_map)), 180);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  viewport = shumate_simple_map_get_viewport (self->simple_map);
  g_signal_connect_swapped (viewport, "notify::latitude", G_CALLBACK (on_viewport_notify), self);
  g_signal_connect_swapped (viewport, "notify::longitude", G_CALLBACK (on_viewport_notify), self);
  g_signal_connect_swapped (viewport, "notify::zoom-level", G_CALLBACK (on_viewport_notify), self);
  self->facilities_layer = g_object_new (WM_TYPE_FACILITIES_LAYER, "viewport", viewport, NULL);
  shumate_simple_map_add_overlay_layer (self->simple_map, self->facilities_layer);

  /* An empty base map until there is a plan, so the layer ids always exist. */
  set_basemap (self, empty);
}
