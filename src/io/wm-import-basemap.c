/* wm-import-basemap.c: base map features from BGT, OpenStreetMap and plain layers */
#include "config.h"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <ogr_api.h>
#include <string.h>

#include "wm-import-basemap.h"

/* How many features are sampled to tell a layer's class from its attribute values. */
#define SAMPLE_FEATURES 200

/* BGT object types: the file (bgt_<name>.gml) or GeoPackage layer name, the feature type the
 * GML names its layer after, the class (-1: not base map material) and the fields whose value
 * is the kind, as the demo keeps it (tools/make-demo.c). */
typedef struct
{
  const char *name;
  const char *feature_type;
  int klass;
  const char *kind_field;
  const char *fixed_kind;
} BgtType;

static const BgtType bgt_types[] = {
  { "pand", "BuildingPart", WM_BASEMAP_BUILDING, NULL, NULL },
  { "wegdeel", "TrafficArea", WM_BASEMAP_ROAD, "function", NULL },
  { "ondersteunendwegdeel", "AuxiliaryTrafficArea", WM_BASEMAP_ROAD, "function", NULL },
  { "overbruggingsdeel", "BridgeConstructionElement", WM_BASEMAP_ROAD, NULL, "overbruggingsdeel" },
  { "waterdeel", "Waterdeel", WM_BASEMAP_WATER, "class", NULL },
  { "ondersteunendwaterdeel", "OndersteunendWaterdeel", WM_BASEMAP_WATER, "class", NULL },
  { "begroeidterreindeel", "PlantCover", WM_BASEMAP_GREEN, "class", NULL },
  { "onbegroeidterreindeel", "OnbegroeidTerreindeel", WM_BASEMAP_TERRAIN, "bgt-fysiekVoorkomen",
    NULL },
  { "openbareruimtelabel", "OpenbareRuimteLabel", WM_BASEMAP_LABEL, NULL, NULL },
  /* Real objects, but no surface of the base map: posts, signs, fences, trees, ... */
  { "bak", "Bak", -1, NULL, NULL },
  { "bord", "Bord", -1, NULL, NULL },
  { "buurt", "Buurt", -1, NULL, NULL },
  { "functioneelgebied", "FunctioneelGebied", -1, NULL, NULL },
  { "gebouwinstallatie", "BuildingInstallation", -1, NULL, NULL },
  { "installatie", "Installatie", -1, NULL, NULL },
  { "kast", "Kast", -1, NULL, NULL },
  { "kunstwerkdeel", "Kunstwerkdeel", -1, NULL, NULL },
  { "mast", "Mast", -1, NULL, NULL },
  { "ongeclassificeerdobject", "OngeclassificeerdObject", -1, NULL, NULL },
  { "openbareruimte", "OpenbareRuimte", -1, NULL, NULL },
  { "overigbouwwerk", "OverigBouwwerk", -1, NULL, NULL },
  { "overigescheiding", "OverigeScheiding", -1, NULL, NULL },
  { "paal", "Paal", -1, NULL, NULL },
  { "plaatsbepalingspunt", "Plaatsbepalingspunt", -1, NULL, NULL },
  { "put", "Put", -1, NULL, NULL },
  { "scheiding", "Scheiding", -1, NULL, NULL },
  { "sensor", "Sensor", -1, NULL, NULL },
  { "spoor", "Railway", -1, NULL, NULL },
  { "stadsdeel", "Stadsdeel", -1, NULL, NULL },
  { "straatmeubilair", "Straatmeubilair", -1, NULL, NULL },
  { "tunneldeel", "TunnelPart", -1, NULL, NULL },
  { "vegetatieobject", "SolitaryVegetationObject", -1, NULL, NULL },
  { "waterinrichtingselement", "Waterinrichtingselement", -1, NULL, NULL },
  { "waterschap", "Waterschap", -1, NULL, NULL },
  { "weginrichtingselement", "Weginrichtingselement", -1, NULL, NULL },
  { "wijk", "Wijk", -1, NULL, NULL },
};

/* Plain layer names that say their class (English and Dutch), as whole words. */
typedef struct
{
  const char *word;
  WmBasemapClass klass;
} NameWord;

static const NameWord name_words[] = {
  { "road", WM_BASEMAP_ROAD }, { "roads", WM_BASEMAP_ROAD }, { "street", WM_BASEMAP_ROAD },
  { "streets", WM_BASEMAP_ROAD }, { "weg", WM_BASEMAP_ROAD }, { "wegen", WM_BASEMAP_ROAD },
  { "wegdelen", WM_BASEMAP_ROAD }, { "straten", WM_BASEMAP_ROAD },
  { "water", WM_BASEMAP_WATER }, { "waterdelen", WM_BASEMAP_WATER },
  { "waterways", WM_BASEMAP_WATER },
  { "green", WM_BASEMAP_GREEN }, { "groen", WM_BASEMAP_GREEN }, { "vegetation", WM_BASEMAP_GREEN },
  { "parks", WM_BASEMAP_GREEN }, { "begroeid", WM_BASEMAP_GREEN },
  { "terrain", WM_BASEMAP_TERRAIN }, { "terrein", WM_BASEMAP_TERRAIN },
  { "onbegroeid", WM_BASEMAP_TERRAIN },
  { "building", WM_BASEMAP_BUILDING }, { "buildings", WM_BASEMAP_BUILDING },
  { "panden", WM_BASEMAP_BUILDING }, { "gebouwen", WM_BASEMAP_BUILDING },
  { "label", WM_BASEMAP_LABEL }, { "labels", WM_BASEMAP_LABEL },
  { "straatnamen", WM_BASEMAP_LABEL },
};

/* IMGeo classification values (function of road parts, class of water and vegetation, fysiek
 * voorkomen of unvegetated terrain, plus-type of water) and the class they belong to.
 * "transitie" is left out: both road parts and vegetation use it. */
typedef struct
{
  const char *prefix;
  WmBasemapClass klass;
} ValueClass;

static const ValueClass value_classes[] = {
  { "rijbaan", WM_BASEMAP_ROAD }, { "fietspad", WM_BASEMAP_ROAD }, { "voetpad", WM_BASEMAP_ROAD },
  { "voetgangersgebied", WM_BASEMAP_ROAD }, { "inrit", WM_BASEMAP_ROAD },
  { "parkeervlak", WM_BASEMAP_ROAD }, { "OV-baan", WM_BASEMAP_ROAD },
  { "spoorbaan", WM_BASEMAP_ROAD }, { "woonerf", WM_BASEMAP_ROAD },
  { "ruiterpad", WM_BASEMAP_ROAD },
  { "baan voor vliegverkeer", WM_BASEMAP_ROAD }, { "berm", WM_BASEMAP_ROAD },
  { "verkeerseiland", WM_BASEMAP_ROAD }, { "overweg", WM_BASEMAP_ROAD },
  { "waterloop", WM_BASEMAP_WATER }, { "watervlakte", WM_BASEMAP_WATER },
  { "greppel, droge sloot", WM_BASEMAP_WATER }, { "zee", WM_BASEMAP_WATER },
  { "oever, slootkant", WM_BASEMAP_WATER }, { "slik", WM_BASEMAP_WATER },
  { "sloot", WM_BASEMAP_WATER }, { "meer, plas, ven, vijver", WM_BASEMAP_WATER },
  { "rivier", WM_BASEMAP_WATER }, { "kanaal", WM_BASEMAP_WATER }, { "beek", WM_BASEMAP_WATER },
  { "groenvoorziening", WM_BASEMAP_GREEN }, { "gemengd bos", WM_BASEMAP_GREEN },
  { "loofbos", WM_BASEMAP_GREEN }, { "naaldbos", WM_BASEMAP_GREEN },
  { "grasland", WM_BASEMAP_GREEN }, { "houtwal", WM_BASEMAP_GREEN }, { "heide", WM_BASEMAP_GREEN },
  { "struiken", WM_BASEMAP_GREEN }, { "bouwland", WM_BASEMAP_GREEN },
  { "boomteelt", WM_BASEMAP_GREEN }, { "fruitteelt", WM_BASEMAP_GREEN },
  { "moeras", WM_BASEMAP_GREEN }, { "rietland", WM_BASEMAP_GREEN }, { "duin", WM_BASEMAP_GREEN },
  { "kwelder", WM_BASEMAP_GREEN }, { "griend", WM_BASEMAP_GREEN },
  { "erf", WM_BASEMAP_TERRAIN }, { "onverhard", WM_BASEMAP_TERRAIN },
  { "gesloten verharding", WM_BASEMAP_TERRAIN }, { "half verhard", WM_BASEMAP_TERRAIN },
  { "open verharding", WM_BASEMAP_TERRAIN }, { "zand", WM_BASEMAP_TERRAIN },
};

/* Fields whose values are classified above, and the kind field of each class when a plain
 * layer has no BGT name (first found wins). */
static const char *const value_fields[] = { "function", "functie", "class", "klasse",
                                            "bgt-fysiekVoorkomen", "fysiekVoorkomen",
                                            "fysiek_voorkomen", "plus-type", "type", NULL };
static const char *const road_kind_fields[] = { "function", "functie", "kind", NULL };
static const char *const water_kind_fields[] = { "class", "klasse", "kind", NULL };
static const char *const green_kind_fields[] = { "class", "klasse", "kind", NULL };
static const char *const terrain_kind_fields[] = { "bgt-fysiekVoorkomen", "fysiekVoorkomen",
                                                   "fysiek_voorkomen", "kind", NULL };
static const char *const label_text_fields[] = { "tekst", "text", "naam", "name", "label", NULL };
static const char *const label_angle_fields[] = { "hoek", "angle", "rotation", "rotatie", NULL };
/* A field only one class has (case-insensitive). */
static const char *const building_fields[] = { "identificatieBAGPND", "identificatie_bag_pnd",
                                               "bag_pnd", NULL };
static const char *const label_fields[] = { "identificatieBAGOPR", "openbareRuimteType", NULL };

static const WmFieldRole basemap_roles[] = {
  { "kind", N_("Kind of feature (road type, water type, vegetation)"),
    (const char *const[]) { "function", "functie", "class", "klasse", "bgt-fysiekVoorkomen", NULL },
    FALSE },
  { "text", N_("Label text (street name)"), label_text_fields, FALSE },
  { "angle", N_("Label angle (degrees)"), label_angle_fields, FALSE },
};

/* GDAL's GML driver, reading a file without its schema, takes the last geometry of a feature:
 * for a BGT pand with house numbers that is the label point, not the footprint; and the pand
 * and label files name no CRS. These .gfs, applied through registry entries that only the
 * pand file (imgeo:identificatieBAGPND in its header) and the label file
 * (imgeo:identificatieBAGOPR) match, read the footprint and the label point in RD New. */
#define GFS_FIELD(name, path, type) \
  "  <PropertyDefn><Name>" name "</Name><ElementPath>" path "</ElementPath><Type>" type \
  "</Type></PropertyDefn>\n"
#define GFS_COMMON_FIELDS \
  "  <SRSName>EPSG:28992</SRSName>\n" \
  GFS_FIELD ("lokaalID", "identificatie|NEN3610ID|lokaalID", "String") \
  GFS_FIELD ("creationDate", "creationDate", "String") \
  GFS_FIELD ("bgt-status", "bgt-status", "String") \
  GFS_FIELD ("eindRegistratie", "eindRegistratie", "String") \
  GFS_FIELD ("terminationDate", "terminationDate", "String")

static const char pand_gfs[] =
  "<GMLFeatureClassList>\n"
  " <GMLFeatureClass>\n"
  "  <Name>BuildingPart</Name>\n"
  "  <ElementPath>BuildingPart</ElementPath>\n"
  "  <GeomPropertyDefn><Name>geometrie2dGrondvlak</Name>"
  "<ElementPath>geometrie2dGrondvlak</ElementPath><Type>MultiPolygon</Type></GeomPropertyDefn>\n"
  GFS_COMMON_FIELDS
  GFS_FIELD ("identificatieBAGPND", "identificatieBAGPND", "String")
  " </GMLFeatureClass>\n"
  "</GMLFeatureClassList>\n";

/* A label has one point per position along its street; GDAL keeps the last, so the angle
 * taken is the last too (parse_angle). */
static const char label_gfs[] =
  "<GMLFeatureClassList>\n"
  " <GMLFeatureClass>\n"
  "  <Name>OpenbareRuimteLabel</Name>\n"
  "  <ElementPath>OpenbareRuimteLabel</ElementPath>\n"
  "  <GeomPropertyDefn><Name>plaatsingspunt</Name><ElementPath>openbareRuimteNaam|Label|positie|"
  "Labelpositie|plaatsingspunt</ElementPath><Type>Point</Type></GeomPropertyDefn>\n"
  GFS_COMMON_FIELDS
  GFS_FIELD ("identificatieBAGOPR", "identificatieBAGOPR", "String")
  GFS_FIELD ("tekst", "openbareRuimteNaam|Label|tekst", "String")
  GFS_FIELD ("hoek", "openbareRuimteNaam|Label|positie|Labelpositie|hoek", "RealList")
  GFS_FIELD ("openbareRuimteType", "openbareRuimteType", "String")
  " </GMLFeatureClass>\n"
  "</GMLFeatureClassList>\n";

#define VSIMEM_DIR "/vsimem/wijkmix-basemap"
#define PAND_GFS VSIMEM_DIR "/bgt_pand.gfs"
#define LABEL_GFS VSIMEM_DIR "/bgt_openbareruimtelabel.gfs"
#define GML_REGISTRY VSIMEM_DIR "/gml_registry.xml"

static const char gml_registry[] =
  "<gml_registry>\n"
  " <namespace prefix=\"imgeo\" uri=\"http://www.geostandaarden.nl/imgeo/2.1\">\n"
  "  <featureType elementName=\"identificatieBAGPND\" gfsSchemaLocation=\"" PAND_GFS "\"/>\n"
  "  <featureType elementName=\"identificatieBAGOPR\" gfsSchemaLocation=\"" LABEL_GFS "\"/>\n"
  " </namespace>\n"
  "</gml_registry>\n";

static void
ensure_gml_schema (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* Static data, never freed: GDAL reads it in place. */
      VSIFCloseL (VSIFileFromMemBuffer (PAND_GFS, (GByte *) pand_gfs, strlen (pand_gfs), FALSE));
      VSIFCloseL (VSIFileFromMemBuffer (LABEL_GFS, (GByte *) label_gfs, strlen (label_gfs), FALSE));
      VSIFCloseL (VSIFileFromMemBuffer (GML_REGISTRY, (GByte *) gml_registry,
                                        strlen (gml_registry), FALSE));
      g_once_init_leave (&done, 1);
    }
}

/* The GML options a BGT zip needs, for this thread only, while it is opened and read. A few
 * features of real downloads have broken rings; without skipping them GDAL ends the layer there
 * (in the Otterlo extract after 459 of 1,168 vegetation parts). */
void
wm_import_basemap_set_gml_options (gboolean on)
{
  if (on)
    ensure_gml_schema ();
  CPLSetThreadLocalConfigOption ("GML_REGISTRY", on ? GML_REGISTRY : NULL);
  CPLSetThreadLocalConfigOption ("GML_SKIP_CORRUPTED_FEATURES", on ? "YES" : NULL);
}

static gboolean
gml_options_set (void)
{
  return g_strcmp0 (CPLGetConfigOption ("GML_REGISTRY", NULL), GML_REGISTRY) == 0;
}

static const BgtType *
bgt_type_for_name (const char *name)
{
  g_autofree char *lower = NULL;
  const char *stem;

  if (name == NULL)
    return NULL;
  lower = g_ascii_strdown (name, -1);
  stem = lower;
  if (g_str_has_prefix (stem, "bgt_") || g_str_has_prefix (stem, "bgt-"))
    stem += 4;
  for (guint i = 0; i < G_N_ELEMENTS (bgt_types); i++)
    if (g_str_equal (stem, bgt_types[i].name) ||
        g_ascii_strcasecmp (name, bgt_types[i].feature_type) == 0)
      return &bgt_types[i];
  /* Names with more around them ("bgt_wegdeel_lijn", "otterlo_waterdeel"): the longest match,
   * so "ondersteunendwegdeel" is not taken for "wegdeel". */
  {
    const BgtType *best = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (bgt_types); i++)
      if (strlen (bgt_types[i].name) >= 5 && strstr (stem, bgt_types[i].name) != NULL &&
          (best == NULL || strlen (bgt_types[i].name) > strlen (best->name)))
        best = &bgt_types[i];
    return best;
  }
}

static const BgtType *
bgt_type_for_layer (WmOgrSource *source, guint layer)
{
  const BgtType *type = bgt_type_for_name (wm_ogr_source_get_layer_name (source, layer));

  return type != NULL ? type : bgt_type_for_name (wm_ogr_source_get_layer_file (source, layer));
}

static int
class_for_plain_name (const char *name)
{
  g_auto (GStrv) words = NULL;

  if (name == NULL)
    return -1;
  {
    g_autofree char *lower = g_ascii_strdown (name, -1);

    for (char *c = lower; *c; c++)
      if (!g_ascii_isalnum (*c))
        *c = ' ';
    words = g_strsplit (lower, " ", -1);
  }
  for (guint w = 0; words[w] != NULL; w++)
    for (guint i = 0; i < G_N_ELEMENTS (name_words); i++)
      if (g_str_equal (words[w], name_words[i].word))
        return name_words[i].klass;
  return -1;
}

static gboolean
has_field (const char *const *fields, const char *const *names)
{
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    for (guint j = 0; names[j] != NULL; j++)
      if (g_ascii_strcasecmp (fields[i], names[j]) == 0)
        return TRUE;
  return FALSE;
}

static int
class_for_value (const char *value)
{
  if (value == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (value_classes); i++)
    if (g_str_has_prefix (value, value_classes[i].prefix))
      return value_classes[i].klass;
  return -1;
}

/* The class most sampled IMGeo values belong to; -1 when none is known. */
static int
class_from_values (WmOgrSource *source, guint layer)
{
  g_autoptr (WmOgrReader) reader = wm_ogr_reader_new (source, layer, FALSE, NULL);
  guint votes[WM_N_BASEMAP_CLASSES] = { 0 };
  int fields[G_N_ELEMENTS (value_fields)];
  int best = -1;

  if (reader == NULL)
    return -1;
  for (guint f = 0; value_fields[f] != NULL; f++)
    fields[f] = wm_ogr_reader_field_index (reader, value_fields[f]);
  for (guint n = 0; n < SAMPLE_FEATURES && wm_ogr_reader_next (reader, NULL); n++)
    for (guint f = 0; value_fields[f] != NULL; f++)
      {
        int klass = fields[f] >= 0 ? class_for_value (wm_ogr_reader_get_string (reader, fields[f],
                                                                                NULL))
                                   : -1;
        if (klass >= 0)
          votes[klass]++;
      }
  for (int c = 0; c < WM_N_BASEMAP_CLASSES; c++)
    if (votes[c] > 0 && (best < 0 || votes[c] > votes[best]))
      best = c;
  return best;
}

int
wm_import_basemap_recognise_layer (WmOgrSource *source,
                                   guint        layer)
{
  const BgtType *type;
  const char *const *fields;
  int klass;

  g_return_val_if_fail (source != NULL, -1);

  type = bgt_type_for_layer (source, layer);
  if (type != NULL)
    return type->klass;
  klass = class_for_plain_name (wm_ogr_source_get_layer_name (source, layer));
  if (klass < 0)
    klass = class_for_plain_name (wm_ogr_source_get_layer_file (source, layer));
  if (klass >= 0)
    return klass;

  /* Names hidden: what the IMGeo attributes say. */
  fields = wm_ogr_source_get_field_names (source, layer);
  if (has_field (fields, building_fields))
    return WM_BASEMAP_BUILDING;
  if (has_field (fields, label_fields))
    return WM_BASEMAP_LABEL;
  if (has_field (fields, value_fields))
    {
      klass = class_from_values (source, layer);
      if (klass >= 0)
        return klass;
    }
  if (has_field (fields, (const char *const[]) { "tekst", NULL }) &&
      has_field (fields, (const char *const[]) { "hoek", NULL }))
    return WM_BASEMAP_LABEL;
  return -1;
}

/* Reading */

typedef struct
{
  WmImportProgressFunc func;
  gpointer data;
  double start, span;
  double last;
} Progress;

static void
progress_report (Progress *p, double fraction)
{
  double value = p->start + p->span * CLAMP (fraction, 0.0, 1.0);

  if (p->func != NULL && (value - p->last >= 0.01 || value >= 1.0))
    {
      p->func (value, p->data);
      p->last = value;
    }
}

typedef struct
{
  guint read, ended, label_points, no_geometry, outside, wrong_geometry;
  char *first_problem; /* the message of the first feature left out for its geometry */
} LayerCounts;

/* A BGT hoek: "(n:a,b,...)" (one angle per label position, of which GDAL keeps the last
 * point, so the last angle) or plain "a". */
static double
parse_angle (const char *text)
{
  const char *start;
  double value;

  if (text == NULL)
    return 0.0;
  start = strrchr (text, ',');
  if (start == NULL)
    start = strchr (text, ':');
  start = start != NULL ? start + 1 : (text[0] == '(' ? text + 1 : text);
  value = g_ascii_strtod (start, NULL);
  return isfinite (value) && fabs (value) <= 360.0 ? value : 0.0;
}

static int
first_field (WmOgrReader *reader, const WmImportOptions *options, const char *role,
             const char *const *candidates, GError **error)
{
  const char *mapped = options->mapping != NULL ? wm_field_mapping_get (options->mapping, role)
                                                : NULL;

  if (mapped != NULL)
    {
      int index = wm_ogr_reader_field_index (reader, mapped);

      if (index < 0)
        wm_ogr_reader_set_error (reader, error, WM_IMPORT_ERROR_FIELDS,
                                 _("there is no field “%s” (asked for as %s)"), mapped, role);
      return index;
    }
  for (guint i = 0; candidates != NULL && candidates[i] != NULL; i++)
    {
      int index = wm_ogr_reader_field_index (reader, candidates[i]);

      if (index >= 0)
        return index;
    }
  return -1;
}

static const char *const *
kind_fields_for_class (WmBasemapClass klass)
{
  switch (klass)
    {
    case WM_BASEMAP_ROAD:
      return road_kind_fields;
    case WM_BASEMAP_WATER:
      return water_kind_fields;
    case WM_BASEMAP_GREEN:
      return green_kind_fields;
    case WM_BASEMAP_TERRAIN:
      return terrain_kind_fields;
    case WM_BASEMAP_BUILDING:
    case WM_BASEMAP_LABEL:
    case WM_N_BASEMAP_CLASSES:
    default:
      return NULL;
    }
}

/* BGT keeps ended versions of objects next to the current ones; status values other than
 * "bestaand" (plan, historie) are not there on the ground. "geenWaarde" means no status. */
static gboolean
is_current (WmOgrReader *reader, int end_field, int termination_field, int status_field)
{
  const char *status;

  if (!wm_ogr_reader_is_null (reader, end_field) ||
      !wm_ogr_reader_is_null (reader, termination_field))
    return FALSE;
  status = wm_ogr_reader_get_string (reader, status_field, NULL);
  return status == NULL || g_str_equal (status, "bestaand") || g_str_equal (status, "geenWaarde") ||
         g_str_equal (status, "waardeOnbekend");
}

static OGRGeometryH
bounds_polygon (const WmBounds *b)
{
  OGRGeometryH box = OGR_G_CreateGeometry (wkbPolygon);
  OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);

  OGR_G_AddPoint_2D (ring, b->min_x, b->min_y);
  OGR_G_AddPoint_2D (ring, b->max_x, b->min_y);
  OGR_G_AddPoint_2D (ring, b->max_x, b->max_y);
  OGR_G_AddPoint_2D (ring, b->min_x, b->max_y);
  OGR_G_AddPoint_2D (ring, b->min_x, b->min_y);
  OGR_G_AddGeometryDirectly (box, ring);
  return box;
}

/* A polygonal OGR geometry (RD New) as a WmGeometry; NULL when it is empty or not polygonal. */
static WmGeometry *
polygon_from_ogr (OGRGeometryH g, GError **error)
{
  OGRwkbGeometryType type;
  g_autofree guchar *wkb = NULL;
  int size;

  if (g == NULL || OGR_G_IsEmpty (g))
    return NULL;
  type = wkbFlatten (OGR_G_GetGeometryType (g));
  if (type == wkbGeometryCollection)
    {
      /* A cut that touches the edge gives lines and points next to the polygons. */
      OGRGeometryH polygons = OGR_G_CreateGeometry (wkbMultiPolygon);
      WmGeometry *result;

      for (int i = 0; i < OGR_G_GetGeometryCount (g); i++)
        {
          OGRGeometryH part = OGR_G_GetGeometryRef (g, i);
          OGRwkbGeometryType part_type = wkbFlatten (OGR_G_GetGeometryType (part));

          if (part_type == wkbPolygon)
            OGR_G_AddGeometry (polygons, part);
          else if (part_type == wkbMultiPolygon)
            for (int j = 0; j < OGR_G_GetGeometryCount (part); j++)
              OGR_G_AddGeometry (polygons, OGR_G_GetGeometryRef (part, j));
        }
      result = OGR_G_GetGeometryCount (polygons) > 0 ? polygon_from_ogr (polygons, error) : NULL;
      OGR_G_DestroyGeometry (polygons);
      return result;
    }
  if (type != wkbPolygon && type != wkbMultiPolygon)
    return NULL;
  size = OGR_G_WkbSize (g);
  wkb = g_malloc (size);
  OGR_G_ExportToWkb (g, wkbNDR, wkb);
  return wm_geometry_from_wkb (wkb, size, NULL, error);
}

/* @geometry cut to @clip with GEOS (through OGR): NULL when nothing of it lies inside. */
static WmGeometry *
clip_geometry (WmGeometry *geometry, const WmBounds *clip)
{
  const WmBounds *b = &geometry->bounds;
  g_autoptr (GBytes) wkb = NULL;
  OGRGeometryH shape = NULL, box, cut;
  WmGeometry *result = NULL;
  gsize size;
  const guchar *data;

  if (!wm_bounds_intersects (b, clip))
    return NULL;
  if (b->min_x >= clip->min_x && b->max_x <= clip->max_x && b->min_y >= clip->min_y &&
      b->max_y <= clip->max_y)
    return wm_geometry_ref (geometry);
  if (geometry->kind == WM_GEOMETRY_POINT)
    return NULL;
  wkb = wm_geometry_to_wkb (geometry);
  data = g_bytes_get_data (wkb, &size);
  if (OGR_G_CreateFromWkb (data, NULL, &shape, (int) size) != OGRERR_NONE)
    return NULL;
  box = bounds_polygon (clip);
  cut = OGR_G_Intersection (shape, box);
  if (cut != NULL)
    {
      if (geometry->kind == WM_GEOMETRY_LINESTRING)
        {
          /* A line cut into several pieces is kept whole rather than lost. */
          if (!OGR_G_IsEmpty (cut))
            result = wm_geometry_ref (geometry);
        }
      else
        result = polygon_from_ogr (cut, NULL);
      OGR_G_DestroyGeometry (cut);
    }
  OGR_G_DestroyGeometry (box);
  OGR_G_DestroyGeometry (shape);
  return result;
}

/* The current feature's geometry in RD New, clipped when asked. IMGeo writes every surface as
 * a CurvePolygon, mostly of straight segments only: made linear here whatever it holds, since
 * OGR_G_HasCurveGeometry (.., TRUE) says "no curve" for those and they would stay curved. */
static WmGeometry *
read_geometry (WmOgrReader *reader, const WmImportOptions *options, GError **error)
{
  OGRGeometryH g = wm_ogr_reader_get_ogr_geometry (reader);
  g_autoptr (WmGeometry) whole = NULL;

  if (g != NULL && OGR_G_HasCurveGeometry (g, FALSE))
    {
      OGRGeometryH linear = OGR_G_GetLinearGeometry (g, 0, NULL);

      whole = wm_ogr_reader_convert_geometry (reader, linear, error);
      if (linear != NULL)
        OGR_G_DestroyGeometry (linear);
    }
  else
    whole = wm_ogr_reader_get_geometry (reader, error);
  if (whole == NULL || options->clip == NULL)
    return g_steal_pointer (&whole);
  return clip_geometry (whole, options->clip);
}

/* Reads every current feature of @layer as @klass. */
static gboolean
read_layer (WmOgrSource *source, guint layer, WmBasemapClass klass, const BgtType *type,
            const WmImportOptions *options, WmImportResult *result, Progress *progress,
            GCancellable *cancellable, LayerCounts *counts, GError **error)
{
  g_autoptr (WmOgrReader) reader = wm_ogr_reader_new (source, layer, TRUE, error);
  int kind_field = -1, text_field = -1, angle_field = -1;
  int end_field, termination_field, status_field;
  const char *fixed_kind = type != NULL ? type->fixed_kind : NULL;
  GError *local = NULL;

  if (reader == NULL)
    return FALSE;
  if (options->clip != NULL)
    wm_ogr_reader_set_filter_bounds (reader, options->clip);

  if (klass == WM_BASEMAP_LABEL)
    {
      text_field = first_field (reader, options, "text", label_text_fields, &local);
      if (local == NULL)
        angle_field = first_field (reader, options, "angle", label_angle_fields, &local);
      if (local == NULL && text_field < 0)
        wm_ogr_reader_set_error (reader, &local, WM_IMPORT_ERROR_FIELDS,
                                 _("street name labels need a field with their text (tekst, "
                                   "name); say which with --field text=NAME"));
    }
  else if (fixed_kind == NULL)
    {
      const char *const bgt_kind[] = { type != NULL ? type->kind_field : NULL, NULL };

      kind_field = first_field (reader, options, "kind",
                                bgt_kind[0] != NULL ? bgt_kind : kind_fields_for_class (klass),
                                &local);
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  end_field = wm_ogr_reader_field_index (reader, "eindRegistratie");
  termination_field = wm_ogr_reader_field_index (reader, "terminationDate");
  status_field = wm_ogr_reader_field_index (reader, "bgt-status");

  for (guint n = 0;; n++)
    {
      g_autoptr (WmGeometry) geometry = NULL;
      g_autoptr (WmBasemapFeature) feature = NULL;
      const char *kind = fixed_kind, *text = NULL;
      double angle = 0.0;

      if (n % 256 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          progress_report (progress, wm_ogr_reader_get_progress (reader));
        }
      if (!wm_ogr_reader_next (reader, &local))
        {
          if (local != NULL)
            {
              g_propagate_error (error, local);
              return FALSE;
            }
          break;
        }
      if (!is_current (reader, end_field, termination_field, status_field))
        {
          counts->ended++;
          continue;
        }
      geometry = read_geometry (reader, options, &local);
      if (geometry == NULL)
        {
          if (local == NULL)
            {
              counts->outside++;
              continue;
            }
          /* A base map is context: one object without a shape leaves a hole, not a failed
           * import. Coordinates outside the Netherlands are a wrong file, though. */
          if (g_error_matches (local, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NO_GEOMETRY))
            {
              if (counts->first_problem == NULL)
                counts->first_problem = g_strdup (local->message);
              g_clear_error (&local);
              counts->no_geometry++;
              continue;
            }
          g_propagate_error (error, local);
          return FALSE;
        }

      if (klass == WM_BASEMAP_LABEL)
        {
          if (geometry->kind != WM_GEOMETRY_POINT)
            {
              counts->wrong_geometry++;
              continue;
            }
          text = wm_ogr_reader_get_string (reader, text_field, &local);
          if (local == NULL && angle_field >= 0)
            angle = parse_angle (wm_ogr_reader_get_string (reader, angle_field, &local));
          if (local == NULL && (text == NULL || *text == '\0'))
            {
              counts->wrong_geometry++;
              continue;
            }
        }
      else
        {
          if (geometry->kind == WM_GEOMETRY_POINT)
            {
              /* In a building layer: the house-number label of a pand, not its footprint. */
              counts->label_points++;
              continue;
            }
          if (klass == WM_BASEMAP_BUILDING && geometry->kind == WM_GEOMETRY_LINESTRING)
            {
              counts->wrong_geometry++;
              continue;
            }
          if (kind_field >= 0)
            kind = wm_ogr_reader_get_string (reader, kind_field, &local);
        }
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      feature = wm_basemap_feature_new (klass, kind, text, angle, geometry);
      g_ptr_array_add (result->basemap, g_steal_pointer (&feature));
      counts->read++;
    }
  progress_report (progress, 1.0);
  return TRUE;
}

/* What a class is called in notes. */
static const char *const class_names[WM_N_BASEMAP_CLASSES] = {
  [WM_BASEMAP_ROAD] = N_("road parts"),
  [WM_BASEMAP_WATER] = N_("water"),
  [WM_BASEMAP_GREEN] = N_("green"),
  [WM_BASEMAP_TERRAIN] = N_("terrain"),
  [WM_BASEMAP_BUILDING] = N_("buildings"),
  [WM_BASEMAP_LABEL] = N_("street names"),
};

static void
add_layer_note (WmImportResult *result, const char *name, WmBasemapClass klass,
                const LayerCounts *c)
{
  GString *note = g_string_new (NULL);

  /* TRANSLATORS: "bgt_wegdeel: 1252 features as road parts" */
  g_string_append_printf (note, g_dngettext (NULL, "%s: %u feature as %s",
                                             "%s: %u features as %s", c->read),
                          name, c->read, _(class_names[klass]));
  if (c->ended > 0)
    g_string_append_printf (note, _("; %u ended or not current left out"), c->ended);
  if (c->label_points > 0)
    g_string_append_printf (note, _("; %u label points left out"), c->label_points);
  if (c->no_geometry > 0)
    g_string_append_printf (note, _("; %u without a usable geometry left out (the first: %s)"),
                            c->no_geometry, c->first_problem);
  if (c->outside > 0)
    g_string_append_printf (note, _("; %u outside the chosen area left out"), c->outside);
  if (c->wrong_geometry > 0)
    g_string_append_printf (note, _("; %u of the wrong shape or without text left out"),
                            c->wrong_geometry);
  g_ptr_array_add (result->notes, g_string_free (note, FALSE));
}

static const char *
layer_display_name (WmOgrSource *source, guint layer)
{
  const char *file = wm_ogr_source_get_layer_file (source, layer);

  /* GML layers are named after the feature type; the file says what it is. */
  if (g_strcmp0 (wm_ogr_source_get_driver (source), "GML") == 0 && file != NULL)
    return file;
  return wm_ogr_source_get_layer_name (source, layer);
}

static gboolean
layer_selected (WmOgrSource *source, guint layer, const WmImportOptions *options)
{
  if (options->layer == NULL)
    return TRUE;
  return g_ascii_strcasecmp (options->layer, wm_ogr_source_get_layer_name (source, layer)) == 0 ||
         g_strcmp0 (options->layer, wm_ogr_source_get_layer_file (source, layer)) == 0;
}

static gboolean
check_layer_asked (WmOgrSource *source, const WmImportOptions *options, GError **error)
{
  for (guint i = 0; i < wm_ogr_source_get_n_layers (source); i++)
    if (layer_selected (source, i, options))
      return TRUE;
  g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NO_LAYER,
               _("“%s”: there is no layer “%s”"),
               wm_ogr_source_get_path (source), options->layer);
  return FALSE;
}

static gint64
total_features (WmOgrSource *source, const WmImportOptions *options)
{
  gint64 total = 0;

  for (guint i = 0; i < wm_ogr_source_get_n_layers (source); i++)
    if (layer_selected (source, i, options))
      total += MAX (wm_ogr_source_get_feature_count (source, i), 1);
  return MAX (total, 1);
}

static gboolean
unknown_kind_error (WmOgrSource *source, guint layer, GError **error)
{
  g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_UNKNOWN_KIND,
               _("“%s”, layer “%s”: cannot tell what kind of base map this layer is; say which "
                 "with --basemap road|water|green|terrain|building|label"),
               wm_ogr_source_get_path (source), wm_ogr_source_get_layer_name (source, layer));
  return FALSE;
}

/* BGT */

static gboolean
bgt_recognise (WmOgrSource *source, const WmImportOptions *options)
{
  guint n_bgt = 0;

  for (guint i = 0; i < wm_ogr_source_get_n_layers (source); i++)
    {
      const char *const *fields = wm_ogr_source_get_field_names (source, i);

      if (bgt_type_for_layer (source, i) != NULL &&
          has_field (fields, (const char *const[]) { "lokaalID", "bgt-status", "eindRegistratie",
                                                     NULL }))
        n_bgt++;
    }
  return n_bgt > 0;
}

static gboolean
bgt_read_source (WmOgrSource *source, const WmImportOptions *options, WmImportResult *result,
                 WmImportProgressFunc progress_func, gpointer progress_data,
                 GCancellable *cancellable, GError **error)
{
  Progress progress = { progress_func, progress_data, 0, 0, -1 };
  g_autoptr (GString) skipped = g_string_new (NULL);
  double total = (double) total_features (source, options), done = 0;
  guint n_layers = 0;

  if (!check_layer_asked (source, options, error))
    return FALSE;

  for (guint i = 0; i < wm_ogr_source_get_n_layers (source); i++)
    {
      const BgtType *type = bgt_type_for_layer (source, i);
      gint64 count = wm_ogr_source_get_feature_count (source, i);
      LayerCounts counts = { 0 };
      gboolean ok;
      int klass;

      if (!layer_selected (source, i, options))
        continue;
      if (options->basemap_class >= 0)
        klass = options->basemap_class;
      else if (type != NULL)
        klass = type->klass;
      else
        klass = wm_import_basemap_recognise_layer (source, i);
      if (klass < 0)
        {
          /* Asked for by name: the user wants it, so say what is needed. */
          if (options->layer != NULL && type == NULL)
            return unknown_kind_error (source, i, error);
          g_string_append_printf (skipped, "%s%s (%" G_GINT64_FORMAT ")",
                                  skipped->len > 0 ? ", " : "",
                                  layer_display_name (source, i), MAX (count, 0));
          done += MAX (count, 1);
          continue;
        }
      progress.start = done / total;
      progress.span = MAX (count, 1) / total;
      ok = read_layer (source, i, klass, options->basemap_class >= 0 ? NULL : type, options, result,
                       &progress, cancellable, &counts, error);
      if (ok)
        add_layer_note (result, layer_display_name (source, i), klass, &counts);
      g_free (counts.first_problem);
      if (!ok)
        return FALSE;
      done += MAX (count, 1);
      n_layers++;
    }
  if (skipped->len > 0)
    wm_import_result_add_note (result, _("Not base map material, skipped: %s"), skipped->str);
  if (n_layers == 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                   _("“%s”: no layer of it is base map material (roads, water, green, terrain, "
                     "buildings, street names)"), wm_ogr_source_get_path (source));
      return FALSE;
    }
  if (result->attribution == NULL)
    result->attribution = g_strdup (_("BGT: Kadaster and the source holders, CC0"));
  return TRUE;
}

static gboolean
bgt_read (WmOgrSource *source, const WmImportOptions *options, WmImportResult *result,
          WmImportProgressFunc progress, gpointer progress_data, GCancellable *cancellable,
          GError **error)
{
  g_autoptr (WmOgrSource) reopened = NULL;
  gboolean ok;

  g_return_val_if_fail (source != NULL && options != NULL && result != NULL, FALSE);

  if (g_strcmp0 (wm_ogr_source_get_driver (source), "GML") != 0 || gml_options_set ())
    return bgt_read_source (source, options, result, progress, progress_data, cancellable, error);

  /* GML opened without them: again with the pand schema and the skipping of broken features,
   * for this thread only. */
  wm_import_basemap_set_gml_options (TRUE);
  reopened = wm_ogr_source_open (wm_ogr_source_get_path (source), error);
  ok = reopened != NULL &&
       bgt_read_source (reopened, options, result, progress, progress_data, cancellable, error);
  g_clear_pointer (&reopened, wm_ogr_source_free);
  wm_import_basemap_set_gml_options (FALSE);
  return ok;
}

static const WmFieldRole *
basemap_get_roles (guint *n_roles)
{
  if (n_roles != NULL)
    *n_roles = G_N_ELEMENTS (basemap_roles);
  return basemap_roles;
}

const WmImporter wm_bgt_importer = {
  "bgt", WM_IMPORT_AS_BASEMAP, bgt_recognise, bgt_read, basemap_get_roles,
};

/* Plain layers */

static gboolean
layer_recognise (WmOgrSource *source, const WmImportOptions *options)
{
  /* Only when asked: any polygon layer could be a base map. */
  return options != NULL && options->as == WM_IMPORT_AS_BASEMAP;
}

static gboolean
layer_read (WmOgrSource *source, const WmImportOptions *options, WmImportResult *result,
            WmImportProgressFunc progress_func, gpointer progress_data, GCancellable *cancellable,
            GError **error)
{
  Progress progress = { progress_func, progress_data, 0, 0, -1 };
  double total = (double) total_features (source, options), done = 0;
  guint n_layers = 0;

  g_return_val_if_fail (source != NULL && options != NULL && result != NULL, FALSE);

  if (!check_layer_asked (source, options, error))
    return FALSE;
  for (guint i = 0; i < wm_ogr_source_get_n_layers (source); i++)
    {
      gint64 count = wm_ogr_source_get_feature_count (source, i);
      LayerCounts counts = { 0 };
      gboolean ok;
      const BgtType *type = NULL;
      int klass = options->basemap_class;

      if (!layer_selected (source, i, options))
        continue;
      if (klass < 0)
        {
          type = bgt_type_for_layer (source, i);
          klass = wm_import_basemap_recognise_layer (source, i);
          if (klass < 0)
            return unknown_kind_error (source, i, error);
        }
      progress.start = done / total;
      progress.span = MAX (count, 1) / total;
      ok = read_layer (source, i, klass, type, options, result, &progress, cancellable, &counts,
                       error);
      if (ok)
        add_layer_note (result, wm_ogr_source_get_layer_name (source, i), klass, &counts);
      g_free (counts.first_problem);
      if (!ok)
        return FALSE;
      done += MAX (count, 1);
      n_layers++;
    }
  return n_layers > 0;
}

const WmImporter wm_layer_basemap_importer = {
  "layer", WM_IMPORT_AS_BASEMAP, layer_recognise, layer_read, basemap_get_roles,
};

/* OpenStreetMap */

typedef struct
{
  const char *highway;
  double width;      /* metres, the whole carriageway */
  const char *kind;  /* the BGT function the map style and indicators know */
} OsmRoad;

static const OsmRoad osm_roads[] = {
  { "motorway", 14.0, "rijbaan autosnelweg" },
  { "motorway_link", 7.0, "rijbaan autosnelweg" },
  { "trunk", 12.0, "rijbaan autoweg" },
  { "trunk_link", 7.0, "rijbaan autoweg" },
  { "primary", 10.0, "rijbaan regionale weg" },
  { "primary_link", 6.0, "rijbaan regionale weg" },
  { "secondary", 8.0, "rijbaan regionale weg" },
  { "secondary_link", 6.0, "rijbaan regionale weg" },
  { "tertiary", 7.0, "rijbaan lokale weg" },
  { "tertiary_link", 5.0, "rijbaan lokale weg" },
  { "unclassified", 5.0, "rijbaan lokale weg" },
  { "residential", 6.0, "rijbaan lokale weg" },
  { "living_street", 5.0, "woonerf" },
  { "service", 3.5, "inrit" },
  { "road", 5.0, "rijbaan lokale weg" },
  { "track", 3.0, "rijbaan lokale weg" },
  { "busway", 6.0, "OV-baan" },
  { "bus_guideway", 6.0, "OV-baan" },
  { "pedestrian", 5.0, "voetgangersgebied" },
  { "cycleway", 2.5, "fietspad" },
  { "footway", 1.5, "voetpad" },
  { "path", 1.5, "voetpad" },
  { "steps", 1.5, "voetpad op trap" },
  { "bridleway", 2.0, "ruiterpad" },
};

double
wm_import_basemap_osm_road_width (const char *highway)
{
  for (guint i = 0; highway != NULL && i < G_N_ELEMENTS (osm_roads); i++)
    if (g_str_equal (highway, osm_roads[i].highway))
      return osm_roads[i].width;
  return 0.0;
}

static const OsmRoad *
osm_road (const char *highway)
{
  for (guint i = 0; highway != NULL && i < G_N_ELEMENTS (osm_roads); i++)
    if (g_str_equal (highway, osm_roads[i].highway))
      return &osm_roads[i];
  return NULL;
}

/* Waterways drawn as water (lines buffered): width and BGT class. */
typedef struct
{
  const char *waterway;
  double width;
  const char *kind;
} OsmWaterway;

static const OsmWaterway osm_waterways[] = {
  { "river", 20.0, "waterloop" }, { "canal", 12.0, "waterloop" }, { "stream", 3.0, "waterloop" },
  { "ditch", 1.5, "greppel, droge sloot" }, { "drain", 1.5, "greppel, droge sloot" },
};

/* OSM area tags and the BGT class words the demo and indicators use for them; farmland and
 * meadow get the agricultural kinds data/indicators.json leaves out of green space. */
typedef struct
{
  const char *key, *value;
  WmBasemapClass klass;
  const char *kind;
} OsmArea;

static const OsmArea osm_areas[] = {
  { "natural", "water", WM_BASEMAP_WATER, "watervlakte" },
  { "landuse", "reservoir", WM_BASEMAP_WATER, "watervlakte" },
  { "landuse", "basin", WM_BASEMAP_WATER, "watervlakte" },
  { "leisure", "park", WM_BASEMAP_GREEN, "groenvoorziening" },
  { "leisure", "garden", WM_BASEMAP_GREEN, "groenvoorziening" },
  { "leisure", "playground", WM_BASEMAP_GREEN, "groenvoorziening" },
  { "landuse", "recreation_ground", WM_BASEMAP_GREEN, "groenvoorziening" },
  { "landuse", "village_green", WM_BASEMAP_GREEN, "groenvoorziening" },
  { "landuse", "grass", WM_BASEMAP_GREEN, "grasland overig" },
  { "landuse", "cemetery", WM_BASEMAP_GREEN, "groenvoorziening" },
  { "landuse", "meadow", WM_BASEMAP_GREEN, "grasland agrarisch" },
  { "landuse", "farmland", WM_BASEMAP_GREEN, "bouwland" },
  { "landuse", "orchard", WM_BASEMAP_GREEN, "fruitteelt" },
  { "landuse", "plant_nursery", WM_BASEMAP_GREEN, "boomteelt" },
  { "landuse", "forest", WM_BASEMAP_GREEN, "gemengd bos" },
  { "natural", "wood", WM_BASEMAP_GREEN, "gemengd bos" },
  { "natural", "scrub", WM_BASEMAP_GREEN, "struiken" },
  { "natural", "heath", WM_BASEMAP_GREEN, "heide" },
  { "natural", "wetland", WM_BASEMAP_GREEN, "moeras" },
  { "natural", "grassland", WM_BASEMAP_GREEN, "grasland overig" },
  { "natural", "sand", WM_BASEMAP_TERRAIN, "zand" },
};

/* A tag from the OSM driver's own field, else from other_tags ("key"=>"value",...). */
static char *
osm_tag (WmOgrReader *reader, int field, int other_tags, const char *key, GError **error)
{
  const char *value = field >= 0 ? wm_ogr_reader_get_string (reader, field, error) : NULL;
  const char *other;
  g_autofree char *needle = NULL;
  const char *at, *end;

  if (value != NULL || (error != NULL && *error != NULL))
    return g_strdup (value);
  other = other_tags >= 0 ? wm_ogr_reader_get_string (reader, other_tags, error) : NULL;
  if (other == NULL)
    return NULL;
  needle = g_strdup_printf ("\"%s\"=>\"", key);
  at = strstr (other, needle);
  if (at == NULL)
    return NULL;
  at += strlen (needle);
  end = strchr (at, '"');
  return end != NULL ? g_strndup (at, end - at) : NULL;
}

/* @line buffered by half @width (metres, RD New) into a polygon, clipped to @clip. */
static WmGeometry *
buffer_line (WmOgrReader *reader, const WmGeometry *line, double width, const WmBounds *clip,
             GError **error)
{
  OGRGeometryH ogr_line = OGR_G_CreateGeometry (wkbLineString);
  OGRGeometryH polygon;
  WmGeometry *result;
  GError *local = NULL;

  for (guint i = 0; i < line->n_points; i++)
    OGR_G_AddPoint_2D (ogr_line, line->points[i].x, line->points[i].y);
  /* Flat ends would leave gaps at every junction; round ones join like a road. */
  polygon = OGR_G_Buffer (ogr_line, width / 2.0, 4);
  OGR_G_DestroyGeometry (ogr_line);
  if (polygon != NULL && clip != NULL)
    {
      OGRGeometryH box = bounds_polygon (clip);
      OGRGeometryH cut = OGR_G_Intersection (polygon, box);

      OGR_G_DestroyGeometry (box);
      OGR_G_DestroyGeometry (polygon);
      polygon = cut;
    }
  result = polygon_from_ogr (polygon, &local);
  if (local != NULL)
    {
      wm_ogr_reader_set_error (reader, error, WM_IMPORT_ERROR_NO_GEOMETRY,
                               _("the line cannot be widened into a road (%s)"), local->message);
      g_error_free (local);
    }
  if (polygon != NULL)
    OGR_G_DestroyGeometry (polygon);
  return result;
}

static gboolean
osm_recognise (WmOgrSource *source, const WmImportOptions *options)
{
  return g_strcmp0 (wm_ogr_source_get_driver (source), "OSM") == 0;
}

typedef struct
{
  guint buildings, roads, water, green, terrain, skipped;
} OsmCounts;

static gboolean
osm_read_layer (WmOgrSource *source, guint layer, gboolean lines, const WmImportOptions *options,
                WmImportResult *result, Progress *progress, GCancellable *cancellable,
                OsmCounts *counts, GError **error)
{
  g_autoptr (WmOgrReader) reader = wm_ogr_reader_new (source, layer, TRUE, error);
  int highway, waterway, building, natural, landuse, leisure, other_tags;
  GError *local = NULL;

  if (reader == NULL)
    return FALSE;
  /* Lines are widened after clipping, so a road just outside still reaches in: filter on a
   * margin of the widest road. */
  if (options->clip != NULL)
    {
      WmBounds wider = { options->clip->min_x - 20, options->clip->min_y - 20,
                         options->clip->max_x + 20, options->clip->max_y + 20 };
      wm_ogr_reader_set_filter_bounds (reader, lines ? &wider : options->clip);
    }
  highway = wm_ogr_reader_field_index (reader, "highway");
  waterway = wm_ogr_reader_field_index (reader, "waterway");
  building = wm_ogr_reader_field_index (reader, "building");
  natural = wm_ogr_reader_field_index (reader, "natural");
  landuse = wm_ogr_reader_field_index (reader, "landuse");
  leisure = wm_ogr_reader_field_index (reader, "leisure");
  other_tags = wm_ogr_reader_field_index (reader, "other_tags");

  for (guint n = 0;; n++)
    {
      g_autoptr (WmGeometry) geometry = NULL;
      g_autofree char *value = NULL;
      const char *kind = NULL;
      double width = 0;
      int klass = -1;

      if (n % 256 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          progress_report (progress, wm_ogr_reader_get_progress (reader));
        }
      if (!wm_ogr_reader_next (reader, &local))
        {
          if (local != NULL)
            {
              g_propagate_error (error, local);
              return FALSE;
            }
          break;
        }

      if (lines)
        {
          const OsmRoad *road;

          value = osm_tag (reader, highway, other_tags, "highway", &local);
          road = osm_road (value);
          if (road != NULL)
            {
              klass = WM_BASEMAP_ROAD;
              kind = road->kind;
              width = road->width;
            }
          else if (local == NULL)
            {
              g_clear_pointer (&value, g_free);
              value = osm_tag (reader, waterway, other_tags, "waterway", &local);
              for (guint i = 0; value != NULL && i < G_N_ELEMENTS (osm_waterways); i++)
                if (g_str_equal (value, osm_waterways[i].waterway))
                  {
                    klass = WM_BASEMAP_WATER;
                    kind = osm_waterways[i].kind;
                    width = osm_waterways[i].width;
                  }
            }
        }
      else
        {
          value = osm_tag (reader, building, other_tags, "building", &local);
          if (value != NULL && !g_str_equal (value, "no"))
            {
              klass = WM_BASEMAP_BUILDING;
              kind = NULL;
            }
          for (guint i = 0; klass < 0 && local == NULL && i < G_N_ELEMENTS (osm_areas); i++)
            {
              int field = g_str_equal (osm_areas[i].key, "natural") ? natural
                          : g_str_equal (osm_areas[i].key, "landuse") ? landuse
                                                                    : leisure;
              g_autofree char *tag = osm_tag (reader, field, other_tags, osm_areas[i].key, &local);

              if (tag != NULL && g_str_equal (tag, osm_areas[i].value))
                {
                  klass = osm_areas[i].klass;
                  kind = osm_areas[i].kind;
                }
            }
          if (klass < 0 && local == NULL)
            {
              g_autofree char *ww = osm_tag (reader, waterway, other_tags, "waterway", &local);

              if (g_strcmp0 (ww, "riverbank") == 0)
                {
                  klass = WM_BASEMAP_WATER;
                  kind = "waterloop";
                }
            }
        }
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      if (klass < 0)
        {
          counts->skipped++;
          continue;
        }

      geometry = lines ? wm_ogr_reader_get_geometry (reader, &local)
                       : read_geometry (reader, options, &local);
      if (geometry != NULL && lines)
        {
          g_autoptr (WmGeometry) line = g_steal_pointer (&geometry);

          if (line->kind == WM_GEOMETRY_LINESTRING && line->n_points >= 2)
            geometry = buffer_line (reader, line, width, options->clip, &local);
        }
      if (geometry == NULL || (geometry->kind != WM_GEOMETRY_POLYGON &&
                               geometry->kind != WM_GEOMETRY_MULTIPOLYGON))
        {
          if (local != NULL &&
              !g_error_matches (local, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NO_GEOMETRY))
            {
              g_propagate_error (error, local);
              return FALSE;
            }
          g_clear_error (&local);
          counts->skipped++;
          continue;
        }
      g_ptr_array_add (result->basemap, wm_basemap_feature_new (klass, kind, NULL, 0.0, geometry));
      switch (klass)
        {
        case WM_BASEMAP_BUILDING: counts->buildings++; break;
        case WM_BASEMAP_ROAD: counts->roads++; break;
        case WM_BASEMAP_WATER: counts->water++; break;
        case WM_BASEMAP_GREEN: counts->green++; break;
        default: counts->terrain++; break;
        }
    }
  progress_report (progress, 1.0);
  return TRUE;
}

static gboolean
osm_read (WmOgrSource *source, const WmImportOptions *options, WmImportResult *result,
          WmImportProgressFunc progress_func, gpointer progress_data, GCancellable *cancellable,
          GError **error)
{
  Progress progress = { progress_func, progress_data, 0, 0.5, -1 };
  OsmCounts counts = { 0 };
  int lines = wm_ogr_source_find_layer (source, "lines");
  int polygons = wm_ogr_source_find_layer (source, "multipolygons");

  g_return_val_if_fail (source != NULL && options != NULL && result != NULL, FALSE);

  if (lines < 0 && polygons < 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                   _("“%s”: no OpenStreetMap lines or areas in it"),
                   wm_ogr_source_get_path (source));
      return FALSE;
    }
  if (polygons >= 0 &&
      !osm_read_layer (source, polygons, FALSE, options, result, &progress, cancellable, &counts,
                       error))
    return FALSE;
  progress.start = 0.5;
  if (lines >= 0 &&
      !osm_read_layer (source, lines, TRUE, options, result, &progress, cancellable, &counts,
                       error))
    return FALSE;
  wm_import_result_add_note (result,
                             _("OpenStreetMap: %u buildings, %u road parts (lines widened by road "
                               "type), %u water, %u green and %u terrain areas; %u other objects "
                               "left out"),
                             counts.buildings, counts.roads, counts.water, counts.green,
                             counts.terrain, counts.skipped);
  if (result->attribution == NULL)
    result->attribution = g_strdup (_("© OpenStreetMap contributors, ODbL"));
  return TRUE;
}

const WmImporter wm_osm_importer = {
  "osm", WM_IMPORT_AS_BASEMAP, osm_recognise, osm_read, basemap_get_roles,
};
