/* wm-map-style.c: colours and widths of the project base map, defined once */
#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "wm-json-guard.h"
#include "wm-map-style.h"

/* Tuned for a projector: quiet, light ground and clear contrast between
 * roads, water, green and buildings, with street names on a halo. */

#define BACKGROUND 0xf2efe9

static const WmMapStyle terrain_style = { 0xebe7e0, TRUE, 0, 0, 0 };
static const WmMapStyle paved_style = { 0xe4e1dc, TRUE, 0, 0, 0 };
static const WmMapStyle sand_style = { 0xeee3c4, TRUE, 0, 0, 0 };

static const WmMapStyle green_style = { 0xcde6b8, TRUE, 0, 0, 0 };
static const WmMapStyle grass_style = { 0xdcedc4, TRUE, 0, 0, 0 };
static const WmMapStyle farmland_style = { 0xece9c8, TRUE, 0, 0, 0 };
static const WmMapStyle wood_style = { 0xadd19e, TRUE, 0, 0, 0 };
static const WmMapStyle heath_style = { 0xd6d9a8, TRUE, 0, 0, 0 };

static const WmMapStyle water_style = { 0x9cc7e8, TRUE, 0x7eb1d9, 0.6, 2.0 };
/* BGT ondersteunend waterdeel: banks and mud flats, wet ground rather than open water. */
static const WmMapStyle water_bank_style = { 0xc4dcd6, TRUE, 0, 0, 1.0 };

static const WmMapStyle road_regional_style = { 0xb3aa9c, TRUE, 0x8f8576, 0.6, 7.0 };
static const WmMapStyle road_local_style = { 0xffffff, TRUE, 0xc9c2b6, 0.6, 6.0 };
static const WmMapStyle road_cycle_style = { 0xe8b4a6, TRUE, 0xd29a8b, 0.5, 2.5 };
static const WmMapStyle road_foot_style = { 0xf7f4ee, TRUE, 0xd6d0c4, 0.5, 1.5 };
static const WmMapStyle road_parking_style = { 0xe6e2dc, TRUE, 0xcbc5bb, 0.5, 5.0 };
static const WmMapStyle road_drive_style = { 0xf4f1ec, TRUE, 0xd6d0c4, 0.4, 3.0 };
static const WmMapStyle road_transit_style = { 0xd8c9e6, TRUE, 0xb9a6cc, 0.5, 5.0 };
static const WmMapStyle road_verge_style = { 0xdcebc9, TRUE, 0, 0, 1.0 };
static const WmMapStyle road_island_style = { 0xe4e9d8, TRUE, 0xcfd4c2, 0.4, 1.0 };

static const WmMapStyle building_style = { 0xc9b6a3, TRUE, 0x8c7866, 0.8, 0 };
/* Base map footprints (BGT pand, OSM) around the plan: read as buildings, but lighter and with
 * a thinner outline than the plan's own, which carry the housing colours. */
static const WmMapStyle context_building_style = { 0xd6ccc0, TRUE, 0xa89a89, 0.5, 0 };

static gboolean
has_prefix (const char *kind, const char *prefix)
{
  return kind != NULL && g_str_has_prefix (kind, prefix);
}

static gboolean
contains (const char *kind, const char *needle)
{
  return kind != NULL && strstr (kind, needle) != NULL;
}

static const WmMapStyle *
road_style (const char *kind)
{
  if (has_prefix (kind, "rijbaan regionale") || has_prefix (kind, "rijbaan autoweg")
      || has_prefix (kind, "rijbaan autosnelweg"))
    return &road_regional_style;
  if (has_prefix (kind, "fietspad") || contains (kind, "ruiterpad"))
    return &road_cycle_style;
  if (has_prefix (kind, "voet") || has_prefix (kind, "woonerf"))
    return &road_foot_style;
  if (has_prefix (kind, "parkeervlak"))
    return &road_parking_style;
  if (has_prefix (kind, "inrit"))
    return &road_drive_style;
  if (has_prefix (kind, "OV-baan") || has_prefix (kind, "spoorbaan"))
    return &road_transit_style;
  if (has_prefix (kind, "berm"))
    return &road_verge_style;
  if (has_prefix (kind, "verkeerseiland"))
    return &road_island_style;
  return &road_local_style;
}

static const WmMapStyle *
green_style_for (const char *kind)
{
  if (contains (kind, "bos") || has_prefix (kind, "houtwal") || has_prefix (kind, "struiken")
      || has_prefix (kind, "boomteelt") || has_prefix (kind, "fruitteelt"))
    return &wood_style;
  if (has_prefix (kind, "grasland"))
    return &grass_style;
  if (has_prefix (kind, "bouwland"))
    return &farmland_style;
  if (has_prefix (kind, "heide"))
    return &heath_style;
  return &green_style;
}

static const WmMapStyle *
terrain_style_for (const char *kind)
{
  if (contains (kind, "verhard") || contains (kind, "verharding"))
    return &paved_style;
  if (has_prefix (kind, "zand"))
    return &sand_style;
  return &terrain_style;
}

guint32
wm_map_style_get_background (void)
{
  return BACKGROUND;
}

const WmMapStyle *
wm_map_style_get_basemap (WmBasemapClass klass, const char *kind)
{
  switch (klass)
    {
    case WM_BASEMAP_ROAD:
      return road_style (kind);
    case WM_BASEMAP_WATER:
      return has_prefix (kind, "oever") || has_prefix (kind, "slik") ? &water_bank_style
                                                                     : &water_style;
    case WM_BASEMAP_GREEN:
      return green_style_for (kind);
    case WM_BASEMAP_TERRAIN:
      return terrain_style_for (kind);
    case WM_BASEMAP_BUILDING:
      return &context_building_style;
    case WM_BASEMAP_LABEL:
    case WM_N_BASEMAP_CLASSES:
    default:
      return &terrain_style;
    }
}

const WmMapStyle *
wm_map_style_get_building (void)
{
  return &building_style;
}

guint32
wm_map_style_get_label_color (void)
{
  return 0x3a3632;
}

guint32
wm_map_style_get_label_halo (void)
{
  return 0xffffff;
}

double
wm_map_style_get_label_size (int zoom)
{
  if (zoom < 16)
    return 0;
  if (zoom == 16)
    return 11;
  if (zoom == 17)
    return 12;
  return 14;
}

guint32
wm_map_style_get_facility_color (WmFacilityType type)
{
  static const guint32 colors[WM_N_FACILITY_TYPES] = {
    [WM_FACILITY_COMMUNITY_CENTRE] = 0xc64600,
    [WM_FACILITY_SHARED_GARDEN] = 0x2e7d32,
    [WM_FACILITY_PLAYGROUND] = 0xe5a50a,
    [WM_FACILITY_SCHOOL] = 0x1c71d8,
    [WM_FACILITY_LIBRARY] = 0x813d9c,
    [WM_FACILITY_HEALTH_CENTRE] = 0xc01c28,
    [WM_FACILITY_SPORTS] = 0x26a269,
    [WM_FACILITY_SHOP] = 0x865e3c,
    [WM_FACILITY_MEETING_SPOT] = 0xa51d2d,
  };

  if ((guint) type >= WM_N_FACILITY_TYPES)
    return 0x5e5c64;
  return colors[type];
}

/* Pictograms in unit coordinates (-1..1, y down), filled unless a width is set. */

static void
pictogram_school (cairo_t *cr)
{
  /* A mortarboard: the board, the cap under it and the tassel. */
  cairo_move_to (cr, -1.0, -0.3);
  cairo_line_to (cr, 0.0, -0.75);
  cairo_line_to (cr, 1.0, -0.3);
  cairo_line_to (cr, 0.0, 0.15);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_move_to (cr, -0.55, -0.05);
  cairo_line_to (cr, 0.0, 0.2);
  cairo_line_to (cr, 0.55, -0.05);
  cairo_line_to (cr, 0.55, 0.45);
  cairo_curve_to (cr, 0.2, 0.7, -0.2, 0.7, -0.55, 0.45);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_set_line_width (cr, 0.14);
  cairo_move_to (cr, 0.85, -0.3);
  cairo_line_to (cr, 0.85, 0.5);
  cairo_stroke (cr);
}

static void
pictogram_community_centre (cairo_t *cr)
{
  /* A house with an open door: the neighbourhood's house. */
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_move_to (cr, -0.9, -0.05);
  cairo_line_to (cr, 0.0, -0.85);
  cairo_line_to (cr, 0.9, -0.05);
  cairo_line_to (cr, 0.65, -0.05);
  cairo_line_to (cr, 0.65, 0.8);
  cairo_line_to (cr, -0.65, 0.8);
  cairo_line_to (cr, -0.65, -0.05);
  cairo_close_path (cr);
  cairo_rectangle (cr, -0.22, 0.25, 0.44, 0.55);
  cairo_fill (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
}

static void
pictogram_library (cairo_t *cr)
{
  /* An open book. */
  cairo_move_to (cr, -0.95, -0.6);
  cairo_curve_to (cr, -0.6, -0.7, -0.3, -0.65, -0.08, -0.45);
  cairo_line_to (cr, -0.08, 0.7);
  cairo_curve_to (cr, -0.3, 0.5, -0.6, 0.45, -0.95, 0.55);
  cairo_close_path (cr);
  cairo_move_to (cr, 0.95, -0.6);
  cairo_curve_to (cr, 0.6, -0.7, 0.3, -0.65, 0.08, -0.45);
  cairo_line_to (cr, 0.08, 0.7);
  cairo_curve_to (cr, 0.3, 0.5, 0.6, 0.45, 0.95, 0.55);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
pictogram_meeting_spot (cairo_t *cr)
{
  /* Two speech bubbles: people talking. */
  cairo_new_sub_path (cr);
  cairo_arc (cr, -0.25, -0.3, 0.6, 0, 2 * G_PI);
  cairo_move_to (cr, -0.6, 0.1);
  cairo_line_to (cr, -0.85, 0.55);
  cairo_line_to (cr, -0.25, 0.28);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, 0.45, 0.3, 0.45, 0, 2 * G_PI);
  cairo_move_to (cr, 0.75, 0.55);
  cairo_line_to (cr, 0.95, 0.9);
  cairo_line_to (cr, 0.45, 0.72);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
pictogram_shared_garden (cairo_t *cr)
{
  /* A sprout with two leaves on a strip of ground. */
  cairo_set_line_width (cr, 0.16);
  cairo_move_to (cr, 0.0, 0.65);
  cairo_line_to (cr, 0.0, -0.2);
  cairo_stroke (cr);
  cairo_move_to (cr, 0.0, 0.15);
  cairo_curve_to (cr, -0.1, -0.45, -0.5, -0.6, -0.9, -0.5);
  cairo_curve_to (cr, -0.85, -0.05, -0.45, 0.2, 0.0, 0.15);
  cairo_close_path (cr);
  cairo_move_to (cr, 0.0, -0.15);
  cairo_curve_to (cr, 0.05, -0.65, 0.45, -0.9, 0.9, -0.85);
  cairo_curve_to (cr, 0.9, -0.4, 0.5, -0.1, 0.0, -0.15);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_rectangle (cr, -0.8, 0.62, 1.6, 0.22);
  cairo_fill (cr);
}

static void
pictogram_playground (cairo_t *cr)
{
  /* A swing. */
  cairo_set_line_width (cr, 0.17);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (cr, -0.9, 0.85);
  cairo_line_to (cr, -0.6, -0.7);
  cairo_line_to (cr, 0.6, -0.7);
  cairo_line_to (cr, 0.9, 0.85);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 0.1);
  cairo_move_to (cr, -0.25, -0.7);
  cairo_line_to (cr, -0.25, 0.3);
  cairo_move_to (cr, 0.25, -0.7);
  cairo_line_to (cr, 0.25, 0.3);
  cairo_stroke (cr);
  cairo_rectangle (cr, -0.42, 0.25, 0.84, 0.2);
  cairo_fill (cr);
}

static void
pictogram_sports (cairo_t *cr)
{
  /* A ball with its seams. */
  cairo_set_line_width (cr, 0.15);
  cairo_new_sub_path (cr);
  cairo_arc (cr, 0, 0, 0.78, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_move_to (cr, -0.78, 0);
  cairo_line_to (cr, 0.78, 0);
  cairo_move_to (cr, 0, -0.78);
  cairo_line_to (cr, 0, 0.78);
  cairo_stroke (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, -1.05, 0, 0.62, -G_PI / 3.2, G_PI / 3.2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, 1.05, 0, 0.62, G_PI - G_PI / 3.2, G_PI + G_PI / 3.2);
  cairo_stroke (cr);
}

static void
pictogram_shop (cairo_t *cr)
{
  /* A shopping bag with its handle. */
  cairo_move_to (cr, -0.65, -0.2);
  cairo_line_to (cr, 0.65, -0.2);
  cairo_line_to (cr, 0.78, 0.85);
  cairo_line_to (cr, -0.78, 0.85);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_set_line_width (cr, 0.15);
  cairo_new_sub_path (cr);
  cairo_arc (cr, 0, -0.2, 0.36, G_PI, 2 * G_PI);
  cairo_stroke (cr);
}

static void
pictogram_health_centre (cairo_t *cr)
{
  /* The cross of care. */
  cairo_rectangle (cr, -0.27, -0.8, 0.54, 1.6);
  cairo_rectangle (cr, -0.8, -0.27, 1.6, 0.54);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_fill (cr);
}

void
wm_map_style_draw_facility_pictogram (cairo_t *cr, WmFacilityType type, double x, double y,
                                      double size)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, size, size);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  switch (type)
    {
    case WM_FACILITY_SCHOOL:
      pictogram_school (cr);
      break;
    case WM_FACILITY_COMMUNITY_CENTRE:
      pictogram_community_centre (cr);
      break;
    case WM_FACILITY_LIBRARY:
      pictogram_library (cr);
      break;
    case WM_FACILITY_MEETING_SPOT:
      pictogram_meeting_spot (cr);
      break;
    case WM_FACILITY_SHARED_GARDEN:
      pictogram_shared_garden (cr);
      break;
    case WM_FACILITY_PLAYGROUND:
      pictogram_playground (cr);
      break;
    case WM_FACILITY_SPORTS:
      pictogram_sports (cr);
      break;
    case WM_FACILITY_SHOP:
      pictogram_shop (cr);
      break;
    case WM_FACILITY_HEALTH_CENTRE:
      pictogram_health_centre (cr);
      break;
    case WM_N_FACILITY_TYPES:
    default:
      cairo_arc (cr, 0, 0, 0.4, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    }
  cairo_restore (cr);
}

void
wm_map_style_draw_facility_symbol (cairo_t *cr, WmFacilityType type, double x, double y,
                                   double radius)
{
  cairo_save (cr);
  cairo_new_path (cr);
  /* A soft shadow lifts the symbol off busy ground. */
  cairo_arc (cr, x, y + 1, radius + 1.5, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_fill (cr);
  cairo_arc (cr, x, y, radius - 1, 0, 2 * G_PI);
  wm_map_style_set_source_rgb (cr, wm_map_style_get_facility_color (type), 1.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  if (radius >= 6)
    wm_map_style_draw_facility_pictogram (cr, type, x, y, radius * 0.58);
  cairo_restore (cr);
}

void
wm_map_style_set_source_rgb (cairo_t *cr, guint32 color, double alpha)
{
  cairo_set_source_rgba (cr,
                         ((color >> 16) & 0xff) / 255.0,
                         ((color >> 8) & 0xff) / 255.0,
                         (color & 0xff) / 255.0,
                         alpha);
}

guint32
wm_map_style_parse_color (const char *text, guint32 fallback)
{
  char *end = NULL;
  guint64 value;

  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return fallback;
  value = g_ascii_strtoull (text + 1, &end, 16);
  if (end == NULL || *end != '\0')
    return fallback;
  return (guint32) value;
}

/* Used when the indicator parameters cannot be read; the same rules of thumb (metres). */
static const double default_radius[WM_N_FACILITY_TYPES] = {
  [WM_FACILITY_COMMUNITY_CENTRE] = 400,
  [WM_FACILITY_SHARED_GARDEN] = 300,
  [WM_FACILITY_PLAYGROUND] = 200,
  [WM_FACILITY_SCHOOL] = 500,
  [WM_FACILITY_LIBRARY] = 400,
  [WM_FACILITY_HEALTH_CENTRE] = 1000,
  [WM_FACILITY_SPORTS] = 1500,
  [WM_FACILITY_SHOP] = 500,
  [WM_FACILITY_MEETING_SPOT] = 400,
};

static const char *coverage_kind[WM_N_FACILITY_TYPES];

static void
load_radii (double *radius)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *coverage;

  memcpy (radius, default_radius, sizeof default_radius);

  bytes = g_resources_lookup_data ("/nl/wijkmix/core/indicators.json", 0, NULL);
  if (bytes == NULL
      || !wm_json_guard_load (parser, g_bytes_get_data (bytes, NULL),
                              (gssize) g_bytes_get_size (bytes), "indicators.json", NULL))
    return;

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "coverage"))
    return;
  coverage = json_object_get_array_member (json_node_get_object (root), "coverage");
  for (guint i = 0; coverage != NULL && i < json_array_get_length (coverage); i++)
    {
      JsonObject *kind = json_array_get_object_element (coverage, i);
      JsonArray *types;
      double r;

      if (kind == NULL || !json_object_has_member (kind, "radius")
          || !json_object_has_member (kind, "facility_types"))
        continue;
      r = json_object_get_double_member (kind, "radius");
      types = json_object_get_array_member (kind, "facility_types");
      for (guint j = 0; r > 0 && types != NULL && j < json_array_get_length (types); j++)
        {
          WmFacilityType type;

          if (wm_facility_type_from_key (json_array_get_string_element (types, j), &type))
            {
              radius[type] = r;
              /* Interned: lives as long as the process, like the table. */
              coverage_kind[type] = g_intern_string (json_object_get_string_member_with_default (
                kind, "key", NULL));
            }
        }
    }
}

static const double *
get_radii (void)
{
  static double radius[WM_N_FACILITY_TYPES];
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      load_radii (radius);
      g_once_init_leave (&loaded, 1);
    }
  return radius;
}

double
wm_map_style_get_catchment_radius (WmFacilityType type)
{
  const double *radius = get_radii ();

  if ((guint) type >= WM_N_FACILITY_TYPES)
    return 0;
  return radius[type];
}

const char *
wm_map_style_get_coverage_kind (WmFacilityType type)
{
  get_radii ();
  if ((guint) type >= WM_N_FACILITY_TYPES)
    return NULL;
  return coverage_kind[type];
}

static const char *const housing_mode_keys[] = { "neutral", "dominant", "share" };

const char *
wm_housing_mode_key (WmHousingMode mode)
{
  if ((guint) mode >= G_N_ELEMENTS (housing_mode_keys))
    return NULL;
  return housing_mode_keys[mode];
}

gboolean
wm_housing_mode_from_key (const char *key, WmHousingMode *out_mode)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (housing_mode_keys); i++)
    if (g_str_equal (key, housing_mode_keys[i]))
      {
        *out_mode = (WmHousingMode) i;
        return TRUE;
      }
  return FALSE;
}

guint32
wm_map_style_get_segment_color (WmSegment segment)
{
  if ((guint) segment >= WM_N_SEGMENTS)
    return 0x808080;
  return wm_map_style_parse_color (wm_segment_table_get_colour (wm_segment_table_get_default (),
                                                                segment), 0x808080);
}

gboolean
wm_map_style_get_dominant_segment (const WmDwellingMix *mix, WmSegment *out_segment)
{
  int best = -1;

  for (int s = 0; s < WM_N_SEGMENTS; s++)
    if (mix->counts[s] > 0 && (best < 0 || mix->counts[s] > mix->counts[best]))
      best = s;
  if (best < 0)
    return FALSE;
  *out_segment = (WmSegment) best;
  return TRUE;
}

int
wm_map_style_get_share_class (double share)
{
  int klass = (int) floor (share * WM_HOUSING_N_SHARE_CLASSES);

  return CLAMP (klass, 0, WM_HOUSING_N_SHARE_CLASSES - 1);
}

guint32
wm_map_style_get_share_color (WmSegment segment, int klass)
{
  guint32 color = wm_map_style_get_segment_color (segment);
  /* From nearly white to the full colour: a lightness ramp reads without hue. */
  double t = 0.12 + 0.88 * CLAMP (klass, 0, WM_HOUSING_N_SHARE_CLASSES - 1)
                    / (WM_HOUSING_N_SHARE_CLASSES - 1.0);
  guint32 result = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    {
      double c = (color >> shift) & 0xff;
      guint32 v = (guint32) round (255.0 + (c - 255.0) * t);

      result |= MIN (v, 255u) << shift;
    }
  return result;
}

gboolean
wm_map_style_get_housing_fill (WmHousingMode mode, WmSegment segment, const WmDwellingMix *mix,
                               guint32 *out_color, int *out_pattern)
{
  int total = 0;
  WmSegment dominant;

  for (int s = 0; s < WM_N_SEGMENTS; s++)
    total += MAX (mix->counts[s], 0);
  if (total <= 0)
    return FALSE;

  switch (mode)
    {
    case WM_HOUSING_DOMINANT:
      if (!wm_map_style_get_dominant_segment (mix, &dominant))
        return FALSE;
      *out_color = wm_map_style_get_segment_color (dominant);
      *out_pattern = dominant;
      return TRUE;
    case WM_HOUSING_SHARE:
      *out_color = wm_map_style_get_share_color (segment,
                                                 wm_map_style_get_share_class (
                                                   MAX (mix->counts[segment], 0) / (double) total));
      *out_pattern = -1;
      return TRUE;
    case WM_HOUSING_NEUTRAL:
    default:
      return FALSE;
    }
}

guint32
wm_map_style_get_housing_outline (void)
{
  return 0x3d3846;
}

void
wm_map_style_draw_segment_pattern (cairo_t *cr, WmSegment segment, double x0, double y0,
                                   double x1, double y1, double spacing)
{
  double w = x1 - x0, h = y1 - y0;

  cairo_save (cr);
  cairo_new_path (cr);
  /* Dark lines at low alpha: visible on the light and the dark segment colours. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
  cairo_set_line_width (cr, MAX (spacing / 5.0, 1.0));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  switch (segment)
    {
    case WM_SEGMENT_SOCIAL_RENT: /* rising diagonals */
      for (double d = -h; d < w; d += spacing)
        {
          cairo_move_to (cr, x0 + d, y1);
          cairo_line_to (cr, x0 + d + h, y0);
        }
      cairo_stroke (cr);
      break;
    case WM_SEGMENT_MID_RENT: /* falling diagonals */
      for (double d = -h; d < w; d += spacing)
        {
          cairo_move_to (cr, x0 + d, y0);
          cairo_line_to (cr, x0 + d + h, y1);
        }
      cairo_stroke (cr);
      break;
    case WM_SEGMENT_PRIVATE_RENT: /* horizontal lines */
      for (double y = y0 + spacing / 2; y < y1; y += spacing)
        {
          cairo_move_to (cr, x0, y);
          cairo_line_to (cr, x1, y);
        }
      cairo_stroke (cr);
      break;
    case WM_SEGMENT_OWNER_AFFORDABLE: /* dots */
      for (double y = y0 + spacing / 2; y < y1; y += spacing)
        for (double x = x0 + spacing / 2; x < x1; x += spacing)
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, x, y, MAX (spacing / 5.0, 0.8), 0, 2 * G_PI);
          }
      cairo_fill (cr);
      break;
    case WM_SEGMENT_OWNER_EXPENSIVE: /* solid */
    case WM_N_SEGMENTS:
    default:
      break;
    }
  cairo_restore (cr);
}

guint32
wm_map_style_get_demolition_color (void)
{
  return 0xa51d2d;
}

guint32
wm_map_style_get_new_build_color (void)
{
  return 0x1a5fb4;
}

guint32
wm_map_style_get_new_build_fill (void)
{
  return 0xfdf6e3;
}

guint32
wm_map_style_get_change_color (void)
{
  return 0x613583;
}

const char *
wm_map_style_get_proposal_symbol (WmProposalKind kind)
{
  switch (kind)
    {
    case WM_PROPOSAL_DEMOLISH:
      return "\u2715"; /* ✕ */
    case WM_PROPOSAL_NEW_BUILD:
      return "+";
    case WM_PROPOSAL_CONVERT_TENURE:
      return "\u21c4"; /* ⇄ */
    case WM_PROPOSAL_RENOVATE:
      return "\u21bb"; /* ↻ */
    case WM_PROPOSAL_TRANSFORM:
      return "\u2302"; /* ⌂ */
    case WM_PROPOSAL_SPLIT_MERGE:
      return "\u00f7"; /* ÷ */
    case WM_PROPOSAL_ADD_FACILITY:
      return "+";
    case WM_PROPOSAL_REMOVE_FACILITY:
      return "\u2212"; /* − */
    case WM_N_PROPOSAL_KINDS:
    default:
      return "?";
    }
}

guint32
wm_map_style_get_area_color (void)
{
  return 0x5e5c64;
}

guint32
wm_map_style_get_selected_area_color (void)
{
  return 0xe01b24;
}
