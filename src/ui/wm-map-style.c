/* wm-map-style.c: colours and widths of the project base map, defined once */
#include "config.h"

#include <string.h>

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
      return &water_style;
    case WM_BASEMAP_GREEN:
      return green_style_for (kind);
    case WM_BASEMAP_TERRAIN:
      return terrain_style_for (kind);
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

void
wm_map_style_set_source_rgb (cairo_t *cr, guint32 color, double alpha)
{
  cairo_set_source_rgba (cr,
                         ((color >> 16) & 0xff) / 255.0,
                         ((color >> 8) & 0xff) / 255.0,
                         (color & 0xff) / 255.0,
                         alpha);
}
