/* wm-import-basemap.h: base map features from BGT (PDOK's GML zip or a GeoPackage made from
 * it), OpenStreetMap (.osm.pbf) and plain layers taken as one base map class
 *
 * The class of a layer comes from its name (bgt_wegdeel, TrafficArea, wegen, ...), else from
 * its IMGeo attributes (function of road parts, class of water and vegetation, ...), unless
 * the options force one (--basemap). Kinds are the source's own classification as the demo
 * keeps it (BGT function / class / fysiek voorkomen; OSM tags mapped to the same words), so
 * the map style and the green-space indicator treat every source alike.
 */
#pragma once

#include "wm-basemap.h"
#include "wm-importer.h"

G_BEGIN_DECLS

/* A BGT download (a zip of GML files or a GeoPackage of bgt_* layers): every base map layer
 * of it, current objects only; other BGT layers are skipped with a note. */
extern const WmImporter wm_bgt_importer;
/* OpenStreetMap (GDAL's OSM driver): buildings, roads (lines buffered to road polygons by
 * their highway class), water and green polygons. */
extern const WmImporter wm_osm_importer;
/* Any polygon, line or point layer taken as one base map class (named, recognised or
 * forced); WM_IMPORT_ERROR_UNKNOWN_KIND when the class cannot be told. */
extern const WmImporter wm_layer_basemap_importer;

/* The class @layer of @source is, from its name and then its attributes; -1 when it cannot be
 * told or the layer is no base map material (for wm_import_probe). */
int wm_import_basemap_recognise_layer (WmOgrSource *source, guint layer);

/* Road width in metres for an OSM highway class (carriageway plus verges), 0 when the class
 * is no road drawn on the base map. */
double wm_import_basemap_osm_road_width (const char *highway);

G_END_DECLS
