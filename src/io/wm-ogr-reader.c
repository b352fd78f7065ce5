/* wm-ogr-reader.c: any vector source GDAL/OGR opens, read feature by feature in RD New */
#include "config.h"

#include <glib/gi18n.h>
#include <gdal.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <ogr_srs_api.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "wm-crs.h"
#include "wm-ogr-reader.h"

#define RD_NEW 28992

G_DEFINE_QUARK (wm-import-error-quark, wm_import_error)

/* GDAL reports through a per-thread error stack; every call into it runs with the quiet
 * handler pushed, and the message is read back with CPLGetLastErrorMsg (per thread too). */
#define GDAL_QUIET_BEGIN() \
  CPLPushErrorHandler (CPLQuietErrorHandler); \
  CPLErrorReset ()
#define GDAL_QUIET_END() CPLPopErrorHandler ()

static void
ensure_gdal (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      GDALAllRegister ();
      /* Never look beyond the file for what it refers to. */
      CPLSetConfigOption ("GML_SKIP_RESOLVE_ELEMS", "ALL");
      CPLSetConfigOption ("GML_SAVE_RESOLVED_TO", NULL);
      CPLSetConfigOption ("GDAL_HTTP_TIMEOUT", "1");
      g_once_init_leave (&done, 1);
    }
}

typedef struct
{
  GDALDatasetH dataset; /* owned by the source's datasets array */
  OGRLayerH layer;
  char *file;
  char **fields;
} LayerEntry;

struct _WmOgrSource
{
  char *path;
  char *driver;
  GPtrArray *datasets; /* GDALDatasetH */
  GArray *layers;      /* LayerEntry */
};

static char *
last_gdal_message (void)
{
  const char *message = CPLGetLastErrorMsg ();

  if (message == NULL || *message == '\0')
    return g_strdup (_("no reason given"));
  /* GDAL's messages may carry anything the file held: keep them short and valid. */
  return g_utf8_make_valid (message, MIN (strlen (message), 300));
}

static const char *const zip_members[] = { ".gml", ".gpkg", ".geojson", ".json", ".shp", ".fgb",
                                           ".csv", ".xlsx", ".osm", ".pbf", ".xml", NULL };

static gboolean
is_member_to_open (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (g_str_has_prefix (lower, "__macosx") || strstr (lower, "/.") != NULL)
    return FALSE;
  for (guint i = 0; zip_members[i] != NULL; i++)
    if (g_str_has_suffix (lower, zip_members[i]))
      return TRUE;
  return FALSE;
}

static char *
file_stem (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdup (base);
}

static void
add_dataset (WmOgrSource *self, GDALDatasetH dataset, const char *file_path)
{
  g_autofree char *stem = file_stem (file_path);
  int n = GDALDatasetGetLayerCount (dataset);

  g_ptr_array_add (self->datasets, dataset);
  if (self->driver == NULL)
    self->driver = g_strdup (GDALGetDriverShortName (GDALGetDatasetDriver (dataset)));
  for (int i = 0; i < n; i++)
    {
      LayerEntry entry = { dataset, GDALDatasetGetLayer (dataset, i), g_strdup (stem), NULL };
      OGRFeatureDefnH defn = OGR_L_GetLayerDefn (entry.layer);
      int n_fields = OGR_FD_GetFieldCount (defn);

      entry.fields = g_new0 (char *, n_fields + 1);
      for (int f = 0; f < n_fields; f++)
        entry.fields[f] = g_strdup (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, f)));
      g_array_append_val (self->layers, entry);
    }
}

static GDALDatasetH
open_dataset (const char *gdal_path)
{
  return GDALOpenEx (gdal_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
}

static void
set_open_error (GError **error, const char *path, const char *gdal_path)
{
  g_autofree char *message = last_gdal_message ();
  GDALDriverH known = GDALIdentifyDriverEx (gdal_path, GDAL_OF_VECTOR, NULL, NULL);

  if (known != NULL)
    g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_BROKEN,
                 _("“%s”: the file looks like %s but cannot be read; it may be damaged (%s)"),
                 path, GDALGetDriverLongName (known), message);
  else
    g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_UNSUPPORTED,
                 _("“%s”: not a map data file that can be read (GeoPackage, GeoJSON, Shapefile, "
                   "FlatGeobuf, GML, CSV, XLSX, OpenStreetMap or a zip of these)"),
                 path);
}

static gboolean
open_zip (WmOgrSource *self, const char *path, GError **error)
{
  g_autofree char *root = g_strconcat ("/vsizip/", path, NULL);
  char **members;
  gboolean any_member = FALSE;

  members = VSIReadDirRecursive (root);
  if (members == NULL)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_BROKEN,
                   _("“%s”: not a zip file that can be read; it may be damaged"), path);
      return FALSE;
    }
  for (char **m = members; *m != NULL; m++)
    {
      g_autofree char *member = NULL;
      GDALDatasetH dataset;

      if (!is_member_to_open (*m))
        continue;
      /* A shapefile's other parts (.dbf, .prj) are found by GDAL next to its .shp. */
      any_member = TRUE;
      member = g_strconcat (root, "/", *m, NULL);
      CPLErrorReset ();
      dataset = open_dataset (member);
      if (dataset == NULL)
        {
          g_autofree char *inner = g_strdup_printf ("%s/%s", path, *m);
          set_open_error (error, inner, member);
          CSLDestroy (members);
          return FALSE;
        }
      add_dataset (self, dataset, *m);
    }
  CSLDestroy (members);
  if (!any_member)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                   _("“%s”: the zip file holds no map data files"), path);
      return FALSE;
    }
  return TRUE;
}

WmOgrSource *
wm_ogr_source_open (const char *path,
                    GError    **error)
{
  g_autoptr(WmOgrSource) self = NULL;
  g_autofree char *lower = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (path != NULL, NULL);

  ensure_gdal ();
  /* Only files: no /vsicurl/ or other GDAL virtual paths from a hostile argument. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_FOUND,
                   _("“%s”: no such file"), path);
      return NULL;
    }

  self = g_new0 (WmOgrSource, 1);
  self->path = g_strdup (path);
  self->datasets = g_ptr_array_new ();
  self->layers = g_array_new (FALSE, TRUE, sizeof (LayerEntry));
  lower = g_ascii_strdown (path, -1);

  GDAL_QUIET_BEGIN ();
  if (g_str_has_suffix (lower, ".zip"))
    ok = open_zip (self, path, error);
  else
    {
      GDALDatasetH dataset = open_dataset (path);

      if (dataset == NULL)
        {
          set_open_error (error, path, path);
          ok = FALSE;
        }
      else
        add_dataset (self, dataset, path);
    }
  GDAL_QUIET_END ();

  if (!ok)
    return NULL;
  if (self->layers->len == 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                   _("“%s”: the file holds no layers"), path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
wm_ogr_source_free (WmOgrSource *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->layers->len; i++)
    {
      LayerEntry *entry = &g_array_index (self->layers, LayerEntry, i);
      g_free (entry->file);
      g_strfreev (entry->fields);
    }
  g_array_unref (self->layers);
  GDAL_QUIET_BEGIN ();
  for (guint i = 0; i < self->datasets->len; i++)
    GDALClose (g_ptr_array_index (self->datasets, i));
  GDAL_QUIET_END ();
  g_ptr_array_unref (self->datasets);
  g_free (self->driver);
  g_free (self->path);
  g_free (self);
}

const char *
wm_ogr_source_get_path (WmOgrSource *self)
{
  return self->path;
}

const char *
wm_ogr_source_get_driver (WmOgrSource *self)
{
  return self->driver;
}

guint
wm_ogr_source_get_n_layers (WmOgrSource *self)
{
  return self->layers->len;
}

static LayerEntry *
layer_entry (WmOgrSource *self, guint layer)
{
  g_return_val_if_fail (layer < self->layers->len, NULL);
  return &g_array_index (self->layers, LayerEntry, layer);
}

const char *
wm_ogr_source_get_layer_name (WmOgrSource *self, guint layer)
{
  LayerEntry *entry = layer_entry (self, layer);

  return entry != NULL ? OGR_L_GetName (entry->layer) : NULL;
}

const char *
wm_ogr_source_get_layer_file (WmOgrSource *self, guint layer)
{
  LayerEntry *entry = layer_entry (self, layer);

  return entry != NULL ? entry->file : NULL;
}

int
wm_ogr_source_find_layer (WmOgrSource *self, const char *name)
{
  for (guint i = 0; i < self->layers->len; i++)
    if (g_ascii_strcasecmp (wm_ogr_source_get_layer_name (self, i), name) == 0)
      return (int) i;
  return -1;
}

const char *const *
wm_ogr_source_get_field_names (WmOgrSource *self, guint layer)
{
  LayerEntry *entry = layer_entry (self, layer);

  return entry != NULL ? (const char *const *) entry->fields : NULL;
}

gint64
wm_ogr_source_get_feature_count (WmOgrSource *self, guint layer)
{
  LayerEntry *entry = layer_entry (self, layer);
  gint64 count;

  if (entry == NULL)
    return -1;
  GDAL_QUIET_BEGIN ();
  count = OGR_L_GetFeatureCount (entry->layer, FALSE);
  /* Counting means reading everything for some drivers; not for OSM, whose layers share one
   * pass over the file. */
  if (count < 0 && g_strcmp0 (self->driver, "OSM") != 0)
    count = OGR_L_GetFeatureCount (entry->layer, TRUE);
  GDAL_QUIET_END ();
  return count;
}

gboolean
wm_ogr_source_layer_has_geometry (WmOgrSource *self, guint layer)
{
  LayerEntry *entry = layer_entry (self, layer);

  return entry != NULL && OGR_FD_GetGeomFieldCount (OGR_L_GetLayerDefn (entry->layer)) > 0;
}

/* Reader */

struct _WmOgrReader
{
  WmOgrSource *source;
  char *layer_name;
  OGRLayerH layer;
  int geometry_field;
  OGRCoordinateTransformationH to_rd; /* NULL when the layer is in RD New already */
  OGRSpatialReferenceH layer_srs;     /* owned copy, or NULL */
  OGRFeatureH feature;
  gint64 n_features;
  gint64 n_read;
  gboolean started;
};

static void
set_reader_error_va (WmOgrReader *self, GError **error, WmImportError code, const char *format,
                     va_list args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  if (self->feature != NULL)
    g_set_error (error, WM_IMPORT_ERROR, code, _("“%s”, layer “%s”, feature %lld: %s"),
                 self->source->path, self->layer_name, (long long) wm_ogr_reader_get_fid (self),
                 message);
  else
    g_set_error (error, WM_IMPORT_ERROR, code, _("“%s”, layer “%s”: %s"), self->source->path,
                 self->layer_name, message);
}

void
wm_ogr_reader_set_error (WmOgrReader *self,
                         GError     **error,
                         WmImportError code,
                         const char  *format,
                         ...)
{
  va_list args;

  va_start (args, format);
  set_reader_error_va (self, error, code, format, args);
  va_end (args);
}

static gboolean
is_rd_new (OGRSpatialReferenceH srs)
{
  const char *authority = OSRGetAuthorityName (srs, NULL);
  const char *code = OSRGetAuthorityCode (srs, NULL);

  return authority != NULL && code != NULL && g_ascii_strcasecmp (authority, "EPSG") == 0 &&
         strcmp (code, "28992") == 0;
}

static gboolean
setup_transform (WmOgrReader *self, GError **error)
{
  OGRGeomFieldDefnH field;
  OGRSpatialReferenceH srs, rd;
  gboolean ok = TRUE;

  g_clear_pointer (&self->to_rd, OCTDestroyCoordinateTransformation);
  g_clear_pointer (&self->layer_srs, OSRRelease);
  field = OGR_FD_GetGeomFieldDefn (OGR_L_GetLayerDefn (self->layer), self->geometry_field);
  srs = field != NULL ? OGR_GFld_GetSpatialRef (field) : NULL;
  if (srs == NULL)
    {
      wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_NO_CRS,
                               _("the layer has no coordinate reference system; save it with one "
                                 "(for RD New: EPSG:28992) and try again"));
      return FALSE;
    }
  self->layer_srs = OSRClone (srs);
  OSRSetAxisMappingStrategy (self->layer_srs, OAMS_TRADITIONAL_GIS_ORDER);
  if (is_rd_new (self->layer_srs))
    return TRUE;

  rd = OSRNewSpatialReference (NULL);
  OSRImportFromEPSG (rd, RD_NEW);
  OSRSetAxisMappingStrategy (rd, OAMS_TRADITIONAL_GIS_ORDER);
  GDAL_QUIET_BEGIN ();
  self->to_rd = OCTNewCoordinateTransformation (self->layer_srs, rd);
  if (self->to_rd == NULL)
    {
      g_autofree char *message = last_gdal_message ();
      wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_NO_CRS,
                               _("its coordinate reference system cannot be converted to RD New (%s)"),
                               message);
      ok = FALSE;
    }
  GDAL_QUIET_END ();
  OSRRelease (rd);
  return ok;
}

WmOgrReader *
wm_ogr_reader_new (WmOgrSource *source,
                   guint        layer,
                   gboolean     need_geometry,
                   GError     **error)
{
  g_autoptr(WmOgrReader) self = NULL;
  LayerEntry *entry;

  g_return_val_if_fail (source != NULL, NULL);
  entry = layer_entry (source, layer);
  g_return_val_if_fail (entry != NULL, NULL);

  self = g_new0 (WmOgrReader, 1);
  self->source = source;
  self->layer = entry->layer;
  self->layer_name = g_utf8_make_valid (OGR_L_GetName (entry->layer), -1);
  self->geometry_field = 0;
  self->n_features = wm_ogr_source_get_feature_count (source, layer);

  if (OGR_FD_GetGeomFieldCount (OGR_L_GetLayerDefn (self->layer)) == 0)
    {
      if (need_geometry)
        {
          wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_NO_GEOMETRY,
                                   _("the layer has no geometry (a table without locations)"));
          return NULL;
        }
      self->geometry_field = -1;
    }
  else if (!setup_transform (self, error))
    {
      if (need_geometry)
        return NULL;
      g_clear_error (error);
    }

  GDAL_QUIET_BEGIN ();
  OGR_L_SetSpatialFilter (self->layer, NULL);
  OGR_L_SetIgnoredFields (self->layer, NULL);
  OGR_L_ResetReading (self->layer);
  GDAL_QUIET_END ();
  return g_steal_pointer (&self);
}

void
wm_ogr_reader_free (WmOgrReader *self)
{
  if (self == NULL)
    return;
  GDAL_QUIET_BEGIN ();
  g_clear_pointer (&self->feature, OGR_F_Destroy);
  g_clear_pointer (&self->to_rd, OCTDestroyCoordinateTransformation);
  g_clear_pointer (&self->layer_srs, OSRRelease);
  if (self->layer != NULL)
    {
      OGR_L_SetSpatialFilter (self->layer, NULL);
      OGR_L_SetIgnoredFields (self->layer, NULL);
    }
  GDAL_QUIET_END ();
  g_free (self->layer_name);
  g_free (self);
}

const char *
wm_ogr_reader_get_layer_name (WmOgrReader *self)
{
  return self->layer_name;
}

gboolean
wm_ogr_reader_set_geometry_field (WmOgrReader *self,
                                  const char  *name)
{
  int index = OGR_FD_GetGeomFieldIndex (OGR_L_GetLayerDefn (self->layer), name);

  if (index < 0)
    return FALSE;
  self->geometry_field = index;
  /* A field without CRS shows when its geometries are read. */
  setup_transform (self, NULL);
  return TRUE;
}

void
wm_ogr_reader_set_ignored_fields (WmOgrReader       *self,
                                  const char *const *names)
{
  GDAL_QUIET_BEGIN ();
  OGR_L_SetIgnoredFields (self->layer, (const char **) names);
  GDAL_QUIET_END ();
}

void
wm_ogr_reader_set_filter_bounds (WmOgrReader    *self,
                                 const WmBounds *bounds)
{
  double min_x = bounds->min_x, min_y = bounds->min_y, max_x = bounds->max_x, max_y = bounds->max_y;

  if (self->geometry_field < 0)
    return;
  GDAL_QUIET_BEGIN ();
  if (self->to_rd != NULL)
    {
      /* The filter is in the layer's CRS: the bounds' outline, densified, taken back there. */
      OGRCoordinateTransformationH back = OCTNewCoordinateTransformation (
        OCTGetTargetCS (self->to_rd), self->layer_srs);
      double x0, y0, x1, y1;

      if (back != NULL &&
          OCTTransformBounds (back, min_x, min_y, max_x, max_y, &x0, &y0, &x1, &y1, 21))
        OGR_L_SetSpatialFilterRectEx (self->layer, self->geometry_field, x0, y0, x1, y1);
      g_clear_pointer (&back, OCTDestroyCoordinateTransformation);
    }
  else
    OGR_L_SetSpatialFilterRectEx (self->layer, self->geometry_field, min_x, min_y, max_x, max_y);
  OGR_L_ResetReading (self->layer);
  GDAL_QUIET_END ();
}

gboolean
wm_ogr_reader_next (WmOgrReader *self,
                    GError     **error)
{
  gboolean ok = TRUE;

  GDAL_QUIET_BEGIN ();
  g_clear_pointer (&self->feature, OGR_F_Destroy);
  self->feature = OGR_L_GetNextFeature (self->layer);
  if (self->feature == NULL && CPLGetLastErrorType () >= CE_Failure)
    {
      g_autofree char *message = last_gdal_message ();
      wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_BROKEN,
                               _("reading stopped after %lld features; the file may be damaged "
                                 "(%s)"), (long long) self->n_read, message);
      ok = FALSE;
    }
  GDAL_QUIET_END ();
  if (self->feature != NULL)
    self->n_read++;
  return ok && self->feature != NULL;
}

gint64
wm_ogr_reader_get_fid (WmOgrReader *self)
{
  return self->feature != NULL ? OGR_F_GetFID (self->feature) : -1;
}

double
wm_ogr_reader_get_progress (WmOgrReader *self)
{
  if (self->n_features <= 0)
    return 0.0;
  return MIN (1.0, (double) self->n_read / (double) self->n_features);
}

int
wm_ogr_reader_field_index (WmOgrReader *self,
                           const char  *name)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (self->layer);

  /* OGR_FD_GetFieldIndex is case-insensitive already. */
  return name != NULL ? OGR_FD_GetFieldIndex (defn, name) : -1;
}

gboolean
wm_ogr_reader_is_null (WmOgrReader *self,
                       int          field)
{
  g_return_val_if_fail (self->feature != NULL, TRUE);
  return field < 0 || !OGR_F_IsFieldSetAndNotNull (self->feature, field);
}

static const char *
field_name (WmOgrReader *self, int field)
{
  return OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (OGR_L_GetLayerDefn (self->layer), field));
}

const char *
wm_ogr_reader_get_string (WmOgrReader *self,
                          int          field,
                          GError     **error)
{
  const char *value;

  if (wm_ogr_reader_is_null (self, field))
    return NULL;
  value = OGR_F_GetFieldAsString (self->feature, field);
  if (strnlen (value, WM_OGR_MAX_TEXT + 1) > WM_OGR_MAX_TEXT)
    {
      g_autofree char *name = g_utf8_make_valid (field_name (self, field), -1);
      wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_BAD_VALUE,
                               _("field “%s” holds %zu bytes of text, more than the %d a value may "
                                 "have"), name, strlen (value), WM_OGR_MAX_TEXT);
      return NULL;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_autofree char *name = g_utf8_make_valid (field_name (self, field), -1);
      wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_BAD_VALUE,
                               _("field “%s” holds text that is not in a known encoding (UTF-8)"),
                               name);
      return NULL;
    }
  return value;
}

static gboolean
parse_number (WmOgrReader *self, int field, double *out, GError **error)
{
  OGRFieldType type;
  const char *text;
  char *end = NULL;
  double value;

  if (wm_ogr_reader_is_null (self, field))
    return FALSE;
  type = OGR_Fld_GetType (OGR_FD_GetFieldDefn (OGR_L_GetLayerDefn (self->layer), field));
  if (type == OFTInteger || type == OFTInteger64)
    {
      *out = (double) OGR_F_GetFieldAsInteger64 (self->feature, field);
      return TRUE;
    }
  if (type == OFTReal)
    value = OGR_F_GetFieldAsDouble (self->feature, field);
  else
    {
      g_autofree char *copy = NULL;

      text = wm_ogr_reader_get_string (self, field, error);
      if (text == NULL)
        return FALSE;
      copy = g_strstrip (g_strdup (text));
      if (*copy == '\0')
        return FALSE;
      /* A decimal comma, as Dutch spreadsheets write it. */
      if (strchr (copy, ',') != NULL && strchr (copy, '.') == NULL)
        *strchr (copy, ',') = '.';
      value = g_ascii_strtod (copy, &end);
      if (end == copy || *end != '\0')
        {
          g_autofree char *name = g_utf8_make_valid (field_name (self, field), -1);
          g_autofree char *shown = g_utf8_make_valid (copy, MIN (strlen (copy), 40));
          wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_BAD_VALUE,
                                   _("field “%s” should hold a number but holds “%s”"), name, shown);
          return FALSE;
        }
    }
  if (!isfinite (value))
    {
      g_autofree char *name = g_utf8_make_valid (field_name (self, field), -1);
      wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_BAD_VALUE,
                               _("field “%s” holds a number that is not finite"), name);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
wm_ogr_reader_get_double (WmOgrReader *self,
                          int          field,
                          double      *out,
                          GError     **error)
{
  return parse_number (self, field, out, error);
}

gboolean
wm_ogr_reader_get_int64 (WmOgrReader *self,
                         int          field,
                         gint64      *out,
                         GError     **error)
{
  double value;

  if (!parse_number (self, field, &value, error))
    return FALSE;
  if (value != floor (value) || fabs (value) > 9e15)
    {
      g_autofree char *name = g_utf8_make_valid (field_name (self, field), -1);
      wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_BAD_VALUE,
                               _("field “%s” should hold a whole number but holds %g"), name, value);
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

OGRGeometryH
wm_ogr_reader_get_ogr_geometry (WmOgrReader *self)
{
  if (self->feature == NULL || self->geometry_field < 0)
    return NULL;
  return OGR_F_GetGeomFieldRef (self->feature, self->geometry_field);
}

/* Polygonal collections (MultiSurface, GeometryCollection of polygons) as MultiPolygon; one
 * point or line in a multi-geometry as itself. Takes @g, returns what replaces it. */
static OGRGeometryH
to_supported_type (OGRGeometryH g)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (g));

  switch (type)
    {
    case wkbPoint:
    case wkbLineString:
    case wkbPolygon:
    case wkbMultiPolygon:
      return g;
    case wkbMultiPoint:
    case wkbMultiLineString:
      if (OGR_G_GetGeometryCount (g) == 1)
        {
          OGRGeometryH part = OGR_G_Clone (OGR_G_GetGeometryRef (g, 0));
          OGR_G_DestroyGeometry (g);
          return part;
        }
      return g;
    case wkbGeometryCollection:
    case wkbMultiSurface:
      {
        gboolean polygonal = OGR_G_GetGeometryCount (g) > 0;

        for (int i = 0; i < OGR_G_GetGeometryCount (g); i++)
          {
            OGRwkbGeometryType part = wkbFlatten (OGR_G_GetGeometryType (OGR_G_GetGeometryRef (g, i)));
            polygonal = polygonal && (part == wkbPolygon || part == wkbMultiPolygon);
          }
        return polygonal ? OGR_G_ForceToMultiPolygon (g) : g;
      }
    default:
      return g;
    }
}

WmGeometry *
wm_ogr_reader_convert_geometry (WmOgrReader *self,
                                OGRGeometryH geometry,
                                GError     **error)
{
  OGRGeometryH g;
  OGREnvelope envelope;
  WmGeometry *result = NULL;
  OGRwkbGeometryType type;

  if (geometry == NULL || OGR_G_IsEmpty (geometry))
    {
      wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_NO_GEOMETRY,
                               _("the feature has no geometry"));
      return NULL;
    }
  if (self->layer_srs == NULL)
    {
      wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_NO_CRS,
                               _("the layer has no coordinate reference system; save it with one "
                                 "(for RD New: EPSG:28992) and try again"));
      return NULL;
    }

  GDAL_QUIET_BEGIN ();
  /* Any curve type, also a CurvePolygon of straight segments only (every IMGeo surface). */
  g = OGR_G_HasCurveGeometry (geometry, FALSE) ? OGR_G_GetLinearGeometry (geometry, 0, NULL)
                                              : OGR_G_Clone (geometry);
  OGR_G_FlattenTo2D (g);
  g = to_supported_type (g);
  type = wkbFlatten (OGR_G_GetGeometryType (g));
  if (type != wkbPoint && type != wkbLineString && type != wkbPolygon && type != wkbMultiPolygon)
    wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_NO_GEOMETRY,
                             _("its geometry is a %s, which cannot be used here (points, lines "
                               "and polygons can)"), OGRGeometryTypeToName (type));
  else if (self->to_rd != NULL && OGR_G_Transform (g, self->to_rd) != OGRERR_NONE)
    {
      g_autofree char *message = last_gdal_message ();
      wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_OUTSIDE,
                               _("its coordinates cannot be converted to RD New (%s)"), message);
    }
  else
    {
      OGR_G_GetEnvelope (g, &envelope);
      if (!wm_crs_rd_is_plausible (envelope.MinX, envelope.MinY) ||
          !wm_crs_rd_is_plausible (envelope.MaxX, envelope.MaxY))
        wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_OUTSIDE,
                                 _("it lies outside the Netherlands (RD x %.0f, y %.0f); is the "
                                   "coordinate reference system of the file right?"),
                                 envelope.MinX, envelope.MinY);
      else
        {
          int size = OGR_G_WkbSize (g);
          g_autofree guchar *wkb = g_malloc (size);
          GError *local = NULL;

          OGR_G_ExportToWkb (g, wkbNDR, wkb);
          result = wm_geometry_from_wkb (wkb, size, NULL, &local);
          if (result == NULL)
            {
              wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_NO_GEOMETRY,
                                       _("its geometry cannot be used (%s)"), local->message);
              g_error_free (local);
            }
        }
    }
  OGR_G_DestroyGeometry (g);
  GDAL_QUIET_END ();
  return result;
}

WmGeometry *
wm_ogr_reader_get_geometry (WmOgrReader *self,
                            GError     **error)
{
  OGRGeometryH g = wm_ogr_reader_get_ogr_geometry (self);

  if (self->geometry_field < 0)
    {
      wm_ogr_reader_set_error (self, error, WM_IMPORT_ERROR_NO_GEOMETRY,
                               _("the layer has no geometry (a table without locations)"));
      return NULL;
    }
  return wm_ogr_reader_convert_geometry (self, g, error);
}

WmGeometry *
wm_ogr_clip_to_bounds (WmGeometry     *geometry,
                       const WmBounds *bounds)
{
  WmBounds extent = geometry->bounds;
  OGRGeometryH box = NULL, shape = NULL, cut;
  WmGeometry *result = NULL;

  if (!wm_bounds_intersects (&extent, bounds))
    return NULL;
  if (extent.min_x >= bounds->min_x && extent.max_x <= bounds->max_x &&
      extent.min_y >= bounds->min_y && extent.max_y <= bounds->max_y)
    return wm_geometry_ref (geometry);

  ensure_gdal ();
  {
    g_autoptr(GBytes) wkb = wm_geometry_to_wkb (geometry);
    gsize size;
    const guchar *data = g_bytes_get_data (wkb, &size);
    g_autofree char *wkt = g_strdup_printf ("POLYGON ((%.3f %.3f, %.3f %.3f, %.3f %.3f, %.3f %.3f, "
                                            "%.3f %.3f))",
                                            bounds->min_x, bounds->min_y, bounds->max_x,
                                            bounds->min_y, bounds->max_x, bounds->max_y,
                                            bounds->min_x, bounds->max_y, bounds->min_x,
                                            bounds->min_y);
    char *cursor = wkt;

    GDAL_QUIET_BEGIN ();
    OGR_G_CreateFromWkt (&cursor, NULL, &box);
    OGR_G_CreateFromWkb (data, NULL, &shape, (int) size);
    cut = box != NULL && shape != NULL ? OGR_G_Intersection (shape, box) : NULL;
    if (cut != NULL)
      cut = to_supported_type (cut);
    if (cut != NULL && !OGR_G_IsEmpty (cut))
      {
        OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (cut));

        if (type == wkbPoint || type == wkbLineString || type == wkbPolygon ||
            type == wkbMultiPolygon)
          {
            int cut_size = OGR_G_WkbSize (cut);
            g_autofree guchar *out = g_malloc (cut_size);

            OGR_G_ExportToWkb (cut, wkbNDR, out);
            result = wm_geometry_from_wkb (out, cut_size, NULL, NULL);
          }
        else if (type == wkbMultiLineString)
          /* A line cut into several pieces: kept whole rather than lost. */
          result = wm_geometry_ref (geometry);
      }
    if (cut != NULL)
      OGR_G_DestroyGeometry (cut);
    if (shape != NULL)
      OGR_G_DestroyGeometry (shape);
    if (box != NULL)
      OGR_G_DestroyGeometry (box);
    GDAL_QUIET_END ();
  }
  return result;
}

WmGeometry *
wm_ogr_reader_get_geometry_clipped (WmOgrReader    *self,
                                    const WmBounds *bounds,
                                    GError        **error)
{
  g_autoptr(WmGeometry) whole = wm_ogr_reader_get_geometry (self, error);

  if (whole == NULL)
    return NULL;
  return wm_ogr_clip_to_bounds (whole, bounds);
}

gboolean
wm_ogr_transform_points (int     from_epsg,
                         int     to_epsg,
                         double *x,
                         double *y,
                         gsize   n)
{
  OGRSpatialReferenceH from, to;
  OGRCoordinateTransformationH ct;
  gboolean ok = FALSE;

  ensure_gdal ();
  GDAL_QUIET_BEGIN ();
  from = OSRNewSpatialReference (NULL);
  to = OSRNewSpatialReference (NULL);
  if (OSRImportFromEPSG (from, from_epsg) == OGRERR_NONE &&
      OSRImportFromEPSG (to, to_epsg) == OGRERR_NONE)
    {
      OSRSetAxisMappingStrategy (from, OAMS_TRADITIONAL_GIS_ORDER);
      OSRSetAxisMappingStrategy (to, OAMS_TRADITIONAL_GIS_ORDER);
      ct = OCTNewCoordinateTransformation (from, to);
      if (ct != NULL)
        {
          ok = OCTTransform (ct, (int) n, x, y, NULL);
          OCTDestroyCoordinateTransformation (ct);
        }
    }
  OSRRelease (from);
  OSRRelease (to);
  GDAL_QUIET_END ();
  return ok;
}
