/* wm-export-vector.c: proposals and facilities as GIS layers (GeoPackage, GeoJSON) via OGR */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/statvfs.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "wm-export-vector.h"
#include "wm-file-commit.h"
#include "wm-map-style.h"
#include "wm-projection.h"

/* GDAL reports through a per-thread error stack: each write runs with the quiet handler
 * pushed and reads the message back (as wm-ogr-reader.c). */
#define GDAL_QUIET_BEGIN() \
  CPLPushErrorHandler (CPLQuietErrorHandler); \
  CPLErrorReset ()
#define GDAL_QUIET_END() CPLPopErrorHandler ()

typedef struct
{
  const char *name;
  OGRFieldType type;
} FieldDef;

#define SEGMENT_FIELDS(prefix)                                                                 \
  { prefix "social_rent", OFTInteger }, { prefix "mid_rent", OFTInteger },                    \
  { prefix "private_rent", OFTInteger }, { prefix "owner_affordable", OFTInteger },           \
  { prefix "owner_expensive", OFTInteger }

/* The attributes of a proposal: what it is, when, on which buildings, and the dwellings per
 * segment of those buildings just before and just after it (a new build: 0 before). */
static const FieldDef proposal_fields[] = {
  { "id", OFTString },
  { "scenario", OFTString },
  { "kind", OFTString },
  { "kind_label", OFTString },
  { "name", OFTString },
  { "note", OFTString },
  { "year", OFTInteger },
  { "start_year", OFTInteger },
  { "plan_order", OFTInteger },
  { "building_ids", OFTString },
  { "dwelling_type", OFTString },
  { "facility_type", OFTString },
  { "facility_id", OFTString },
  { "return_share", OFTReal },
  { "dwellings_before", OFTInteger },
  { "dwellings_after", OFTInteger },
  { "dwellings_change", OFTInteger },
  SEGMENT_FIELDS ("before_"),
  SEGMENT_FIELDS ("after_"),
};

enum
{
  P_ID, P_SCENARIO, P_KIND, P_KIND_LABEL, P_NAME, P_NOTE, P_YEAR, P_START_YEAR, P_ORDER, P_BUILDINGS,
  P_DWELLING_TYPE, P_FACILITY_TYPE, P_FACILITY_ID, P_RETURN_SHARE, P_BEFORE, P_AFTER, P_CHANGE,
  P_BEFORE_SEGMENT, P_AFTER_SEGMENT = P_BEFORE_SEGMENT + WM_N_SEGMENTS,
  P_N_FIELDS = P_AFTER_SEGMENT + WM_N_SEGMENTS
};
G_STATIC_ASSERT (G_N_ELEMENTS (proposal_fields) == P_N_FIELDS);
G_STATIC_ASSERT (WM_N_SEGMENTS == 5);

static const FieldDef facility_fields[] = {
  { "id", OFTString },
  { "scenario", OFTString },
  { "type", OFTString },
  { "type_label", OFTString },
  { "name", OFTString },
  { "status", OFTString },
  { "coverage_kind", OFTString },
  { "catchment_radius_m", OFTReal },
  { "proposal_id", OFTString },
};

enum
{
  F_ID, F_SCENARIO, F_TYPE, F_TYPE_LABEL, F_NAME, F_STATUS, F_COVERAGE_KIND, F_RADIUS,
  F_PROPOSAL_ID, F_N_FIELDS
};
G_STATIC_ASSERT (G_N_ELEMENTS (facility_fields) == F_N_FIELDS);

typedef struct
{
  gboolean set; /* FALSE: null */
  char *text;
  gint64 integer;
  double real;
} Value;

typedef struct
{
  GPtrArray *geometries; /* WmGeometry: one, several footprints (a multipolygon), or none */
  Value *values;         /* per field of the layer */
} Feature;

struct _WmExportVector
{
  GArray *proposals;  /* Feature, proposal_fields */
  GArray *facilities; /* Feature, facility_fields */
};

static void
feature_clear (gpointer data, guint n_fields)
{
  Feature *feature = data;

  g_ptr_array_unref (feature->geometries);
  for (guint i = 0; i < n_fields; i++)
    g_free (feature->values[i].text);
  g_free (feature->values);
}

static Feature *
append_feature (GArray *features, guint n_fields)
{
  Feature feature = {
    g_ptr_array_new_with_free_func ((GDestroyNotify) wm_geometry_unref),
    g_new0 (Value, n_fields),
  };

  g_array_append_val (features, feature);
  return &g_array_index (features, Feature, features->len - 1);
}

static void
set_text (Feature *feature, guint field, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  feature->values[field].set = TRUE;
  feature->values[field].text = g_strdup (text);
}

static void
set_integer (Feature *feature, guint field, gint64 value)
{
  feature->values[field].set = TRUE;
  feature->values[field].integer = value;
}

static void
set_real (Feature *feature, guint field, double value)
{
  feature->values[field].set = TRUE;
  feature->values[field].real = value;
}

static void
add_geometry (Feature *feature, WmGeometry *geometry)
{
  if (geometry != NULL)
    g_ptr_array_add (feature->geometries, wm_geometry_ref (geometry));
}

/* The buildings a proposal acts on, as in wm-projection.h: all of a demolition's, the first
 * of a conversion, renovation, transformation or split/merge, none of a new build. */
static guint
n_acted_buildings (WmProposal *proposal)
{
  const char *const *ids = wm_proposal_get_building_ids (proposal);
  guint n = ids != NULL ? g_strv_length ((char **) ids) : 0;

  switch (wm_proposal_get_kind (proposal))
    {
    case WM_PROPOSAL_DEMOLISH:
      return n;
    case WM_PROPOSAL_CONVERT_TENURE:
    case WM_PROPOSAL_RENOVATE:
    case WM_PROPOSAL_TRANSFORM:
    case WM_PROPOSAL_SPLIT_MERGE:
      return MIN (n, 1);
    default:
      return 0;
    }
}

static void
add_proposal (WmExportVector *self,
              WmPlan         *plan,
              WmScenario     *scenario,
              WmProposal     *proposal,
              guint           position,
              guint           order)
{
  Feature *feature = append_feature (self->proposals, P_N_FIELDS);
  WmProposalKind kind = wm_proposal_get_kind (proposal);
  const char *const *building_ids = wm_proposal_get_building_ids (proposal);
  guint n_acted = n_acted_buildings (proposal);
  WmDwellingMix before = { { 0 } }, after = { { 0 } };
  g_autofree char *joined = NULL;

  set_text (feature, P_ID, wm_proposal_get_id (proposal));
  set_text (feature, P_SCENARIO, wm_scenario_get_name (scenario));
  set_text (feature, P_KIND, wm_proposal_kind_key (kind));
  set_text (feature, P_KIND_LABEL, wm_proposal_kind_label (kind));
  set_text (feature, P_NAME, wm_proposal_get_name (proposal));
  set_text (feature, P_NOTE, wm_proposal_get_note (proposal));
  if (wm_proposal_get_year (proposal) > 0)
    set_integer (feature, P_YEAR, wm_proposal_get_year (proposal));
  /* The year the works start, also when only the completion year is known (then the same);
   * empty without either. */
  if (wm_proposal_get_effective_start_year (proposal) > 0)
    set_integer (feature, P_START_YEAR, wm_proposal_get_effective_start_year (proposal));
  set_integer (feature, P_ORDER, order);
  if (building_ids != NULL && building_ids[0] != NULL)
    {
      joined = g_strjoinv (" ", (char **) building_ids);
      set_text (feature, P_BUILDINGS, joined);
    }
  set_text (feature, P_DWELLING_TYPE,
            wm_dwelling_type_key (wm_proposal_get_dwelling_type (proposal)));
  if (kind == WM_PROPOSAL_ADD_FACILITY)
    set_text (feature, P_FACILITY_TYPE,
              wm_facility_type_key (wm_proposal_get_facility_type (proposal)));
  if (kind == WM_PROPOSAL_REMOVE_FACILITY)
    set_text (feature, P_FACILITY_ID, wm_proposal_get_facility_id (proposal));
  if (kind == WM_PROPOSAL_DEMOLISH)
    set_real (feature, P_RETURN_SHARE, wm_proposal_get_return_share (proposal));

  /* Dwellings of its buildings just before it and just after it, in the plan's order. */
  if (kind == WM_PROPOSAL_NEW_BUILD)
    after = *wm_proposal_get_dwelling_delta (proposal);
  for (guint i = 0; i < n_acted; i++)
    {
      gboolean demolished = FALSE;
      WmDwellingMix mix = wm_projected_building_dwellings (plan, scenario, position,
                                                           building_ids[i], &demolished);

      wm_dwelling_mix_add (&before, &mix);
      wm_projection_apply_to_building (proposal, building_ids[i], &mix, &demolished);
      wm_dwelling_mix_add (&after, &mix);
    }
  if (kind != WM_PROPOSAL_ADD_FACILITY && kind != WM_PROPOSAL_REMOVE_FACILITY)
    {
      set_integer (feature, P_BEFORE, wm_dwelling_mix_total (&before));
      set_integer (feature, P_AFTER, wm_dwelling_mix_total (&after));
      set_integer (feature, P_CHANGE,
                   wm_dwelling_mix_total (&after) - wm_dwelling_mix_total (&before));
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        {
          set_integer (feature, P_BEFORE_SEGMENT + s, before.counts[s]);
          set_integer (feature, P_AFTER_SEGMENT + s, after.counts[s]);
        }
    }

  /* Its own geometry, else the footprints of its buildings, else the facility it removes:
   * every proposal shows on a map. */
  if (wm_proposal_get_geometry (proposal) != NULL)
    add_geometry (feature, wm_proposal_get_geometry (proposal));
  else if (building_ids != NULL && building_ids[0] != NULL)
    {
      for (guint i = 0; building_ids[i] != NULL; i++)
        {
          WmBuilding *building = wm_plan_find_building (plan, building_ids[i]);

          if (building != NULL)
            add_geometry (feature, wm_building_get_footprint (building));
        }
    }
  else if (kind == WM_PROPOSAL_REMOVE_FACILITY && wm_proposal_get_facility_id (proposal))
    {
      WmFacility *facility = wm_plan_find_facility (plan, wm_proposal_get_facility_id (proposal));

      if (facility != NULL)
        {
          WmPoint p = wm_facility_get_location (facility);
          g_autoptr(WmGeometry) point = wm_geometry_new_point (p.x, p.y);

          add_geometry (feature, point);
        }
    }
}

static Feature *
add_facility (WmExportVector *self,
              WmScenario     *scenario,
              WmFacilityType  type,
              const char     *id,
              const char     *name,
              const char     *status,
              const char     *proposal_id,
              double          x,
              double          y)
{
  Feature *feature = append_feature (self->facilities, F_N_FIELDS);
  g_autoptr(WmGeometry) point = wm_geometry_new_point (x, y);

  set_text (feature, F_ID, id);
  set_text (feature, F_SCENARIO, wm_scenario_get_name (scenario));
  set_text (feature, F_TYPE, wm_facility_type_key (type));
  set_text (feature, F_TYPE_LABEL, wm_facility_type_label (type));
  set_text (feature, F_NAME, name);
  set_text (feature, F_STATUS, status);
  set_text (feature, F_COVERAGE_KIND, wm_map_style_get_coverage_kind (type));
  /* The radius the coverage figures use (data/indicators.json). */
  set_real (feature, F_RADIUS, wm_map_style_get_catchment_radius (type));
  set_text (feature, F_PROPOSAL_ID, proposal_id);
  add_geometry (feature, point);
  return feature;
}

WmExportVector *
wm_export_vector_new (WmPlan *plan, WmScenario *scenario)
{
  WmExportVector *self;
  GListModel *proposals, *facilities;
  g_autofree guint *order = NULL;
  guint n_proposals;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);

  if (scenario == NULL)
    scenario = wm_plan_get_active_scenario (plan);
  self = g_new0 (WmExportVector, 1);
  self->proposals = g_array_new (FALSE, FALSE, sizeof (Feature));
  self->facilities = g_array_new (FALSE, FALSE, sizeof (Feature));

  /* Proposals in the plan's order, the order in which they take effect. */
  proposals = wm_scenario_get_proposals (scenario);
  order = wm_projection_order_positions (proposals, &n_proposals);
  for (guint i = 0; i < n_proposals; i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, order[i]);

      add_proposal (self, plan, scenario, proposal, order[i], i + 1);
    }

  facilities = wm_plan_get_facilities (plan);
  for (guint i = 0, n = g_list_model_get_n_items (facilities); i < n; i++)
    {
      g_autoptr(WmFacility) facility = g_list_model_get_item (facilities, i);
      const char *id = wm_facility_get_id (facility);
      WmPoint p = wm_facility_get_location (facility);
      const char *remover = NULL;
      gboolean removed = wm_projected_facility_removed (plan, scenario, WM_PROJECTED_ALL, id);

      /* Which proposal removes it, for a GIS user to look up. */
      for (guint k = 0; removed && k < n_proposals && remover == NULL; k++)
        {
          g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, order[k]);

          if (wm_proposal_get_kind (proposal) == WM_PROPOSAL_REMOVE_FACILITY &&
              g_strcmp0 (wm_proposal_get_facility_id (proposal), id) == 0)
            remover = wm_proposal_get_id (proposal);
        }
      add_facility (self, scenario, wm_facility_get_facility_type (facility), id,
                    wm_facility_get_name (facility), removed ? "removed" : "existing", remover,
                    p.x, p.y);
    }
  for (guint i = 0; i < n_proposals; i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, order[i]);
      WmGeometry *g = wm_proposal_get_geometry (proposal);
      WmPoint p;

      if (wm_proposal_get_kind (proposal) != WM_PROPOSAL_ADD_FACILITY || g == NULL ||
          g->n_points == 0)
        continue;
      /* A facility drawn as an area (a garden) is placed at its centre, as the map does. */
      p = g->kind == WM_GEOMETRY_POINT ? g->points[0] : wm_geometry_centroid (g);
      add_facility (self, scenario, wm_proposal_get_facility_type (proposal),
                    wm_proposal_get_id (proposal), wm_proposal_get_name (proposal), "proposed",
                    wm_proposal_get_id (proposal), p.x, p.y);
    }
  return self;
}

void
wm_export_vector_free (WmExportVector *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->proposals->len; i++)
    feature_clear (&g_array_index (self->proposals, Feature, i), P_N_FIELDS);
  for (guint i = 0; i < self->facilities->len; i++)
    feature_clear (&g_array_index (self->facilities, Feature, i), F_N_FIELDS);
  g_array_unref (self->proposals);
  g_array_unref (self->facilities);
  g_free (self);
}

guint
wm_export_vector_get_n_proposals (const WmExportVector *self)
{
  return self->proposals->len;
}

guint
wm_export_vector_get_n_facilities (const WmExportVector *self)
{
  return self->facilities->len;
}

/* Writing */

static void
ensure_gdal (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      GDALAllRegister ();
      g_once_init_leave (&done, 1);
    }
}

/* GDAL's messages for a full disk are those of the step that failed ("no such table"): the
 * folder's free space, nearly none left after the failed write, tells. */
static gboolean
disk_is_full (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  struct statvfs fs;

  return statvfs (folder, &fs) == 0 && (guint64) fs.f_bavail * fs.f_frsize < 64 * 1024;
}

static void
set_gdal_error (GError **error, const char *path, const char *what)
{
  const char *message = CPLGetLastErrorMsg ();
  g_autofree char *reason = message != NULL && *message != '\0'
                            ? g_utf8_make_valid (message, MIN (strlen (message), 300))
                            : g_strdup (_("no reason given"));

  if (disk_is_full (path))
    {
      g_propagate_error (error, wm_file_commit_error_from_errno (path, ENOSPC));
      return;
    }
  /* Translators: the file, what failed ("creating the layer"), GDAL's message */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s (%s)"), path,
               what, reason);
}

/* One OGR geometry: the feature's own, or its footprints as one multipolygon. With
 * @multipolygon, always a multipolygon, and NULL for a feature without an area (a point, a
 * line): a GeoPackage layer holds one geometry type, as QGIS expects. */
static OGRGeometryH
make_geometry (const Feature *feature, gboolean multipolygon)
{
  OGRGeometryH result = NULL;

  for (guint i = 0; i < feature->geometries->len; i++)
    {
      WmGeometry *geometry = g_ptr_array_index (feature->geometries, i);
      g_autoptr(GBytes) wkb = wm_geometry_to_wkb (geometry);
      gsize size;
      const guint8 *data = g_bytes_get_data (wkb, &size);
      OGRGeometryH part = NULL;
      OGRwkbGeometryType type;

      if (OGR_G_CreateFromWkb (data, NULL, &part, (int) size) != OGRERR_NONE || part == NULL)
        continue;
      type = wkbFlatten (OGR_G_GetGeometryType (part));
      if (!multipolygon && feature->geometries->len == 1)
        return part;
      if (type != wkbPolygon && type != wkbMultiPolygon)
        {
          OGR_G_DestroyGeometry (part);
          continue;
        }
      if (result == NULL)
        result = OGR_G_CreateGeometry (wkbMultiPolygon);
      if (type == wkbPolygon)
        OGR_G_AddGeometryDirectly (result, part);
      else
        {
          for (int k = 0; k < OGR_G_GetGeometryCount (part); k++)
            OGR_G_AddGeometry (result, OGR_G_GetGeometryRef (part, k));
          OGR_G_DestroyGeometry (part);
        }
    }
  return result;
}

static gboolean
create_fields (OGRLayerH layer, const FieldDef *fields, guint n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      OGRFieldDefnH field;
      OGRErr status;

      if (OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), fields[i].name) >= 0)
        continue;
      field = OGR_Fld_Create (fields[i].name, fields[i].type);
      if (fields[i].type == OFTInteger && (g_str_equal (fields[i].name, "year") ||
                                           g_str_equal (fields[i].name, "start_year")))
        OGR_Fld_SetWidth (field, 4);
      status = OGR_L_CreateField (layer, field, TRUE);
      OGR_Fld_Destroy (field);
      if (status != OGRERR_NONE)
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_features (OGRLayerH       layer,
                const GArray   *features,
                const FieldDef *fields,
                guint           n_fields,
                const char     *layer_attribute,
                gboolean        multipolygon)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  g_autofree int *index = g_new (int, n_fields);

  for (guint f = 0; f < n_fields; f++)
    index[f] = OGR_FD_GetFieldIndex (defn, fields[f].name);
  for (guint i = 0; i < features->len; i++)
    {
      const Feature *feature = &g_array_index (features, Feature, i);
      OGRFeatureH out = OGR_F_Create (defn);
      OGRGeometryH geometry = make_geometry (feature, multipolygon);
      OGRErr status;

      if (layer_attribute != NULL)
        OGR_F_SetFieldString (out, OGR_FD_GetFieldIndex (defn, "layer"), layer_attribute);
      for (guint f = 0; f < n_fields; f++)
        {
          const Value *value = &feature->values[f];

          /* Left unset, not null: the GeoJSON then leaves it out (a facility carries no
           * proposal fields); in a GeoPackage it is NULL either way. */
          if (!value->set)
            continue;
          if (fields[f].type == OFTString)
            OGR_F_SetFieldString (out, index[f], value->text);
          else if (fields[f].type == OFTInteger)
            OGR_F_SetFieldInteger64 (out, index[f], value->integer);
          else
            OGR_F_SetFieldDouble (out, index[f], value->real);
        }
      if (geometry != NULL)
        OGR_F_SetGeometryDirectly (out, geometry);
      status = OGR_L_CreateFeature (layer, out);
      OGR_F_Destroy (out);
      if (status != OGRERR_NONE)
        return FALSE;
    }
  return TRUE;
}

static OGRSpatialReferenceH
rd_new_srs (void)
{
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);

  OSRImportFromEPSG (srs, WM_SRS_RD_NEW);
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

/* Creates the file at the commit's temporary path with @driver_name: GDAL must create it
 * itself, so the empty placeholder goes first. */
static GDALDatasetH
create_dataset (WmFileCommit *commit, const char *driver_name, const char *path, GError **error)
{
  const char *temp = wm_file_commit_get_temp_path (commit);
  GDALDriverH driver = GDALGetDriverByName (driver_name);
  GDALDatasetH dataset;

  if (driver == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Could not write “%s”: GDAL has no %s driver"), path, driver_name);
      return NULL;
    }
  g_unlink (temp);
  dataset = GDALCreate (driver, temp, 0, 0, 0, GDT_Unknown, NULL);
  if (dataset == NULL)
    set_gdal_error (error, path, _("creating the file"));
  return dataset;
}

/* Closes @dataset; GDAL writes what it buffered here, so a failure shows only now. */
static gboolean
close_dataset (GDALDatasetH dataset, const char *path, GError **error)
{
  CPLErrorReset ();
  GDALClose (dataset);
  if (CPLGetLastErrorType () >= CE_Failure)
    {
      set_gdal_error (error, path, _("closing the file"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_gpkg (const WmExportVector *self, WmFileCommit *commit, const char *path, GError **error)
{
  GDALDatasetH dataset;
  OGRSpatialReferenceH srs;
  OGRLayerH proposals = NULL, facilities = NULL;
  const char *what = NULL;
  char **options = NULL;

  dataset = create_dataset (commit, "GPKG", path, error);
  if (dataset == NULL)
    return FALSE;
  srs = rd_new_srs ();
  options = CSLSetNameValue (options, "FID", "fid");
  options = CSLSetNameValue (options, "GEOMETRY_NAME", "geom");
  /* Proposals are footprints and the buildings they act on; those placed at a point (facilities)
   * are in "facilities" with their proposal_id. */
  options = CSLSetNameValue (options, "DESCRIPTION", "Wijkmix proposals");
  proposals = GDALDatasetCreateLayer (dataset, "proposals", srs, wkbMultiPolygon, options);
  options = CSLSetNameValue (options, "DESCRIPTION", "Wijkmix facilities");
  if (proposals != NULL)
    facilities = GDALDatasetCreateLayer (dataset, "facilities", srs, wkbPoint, options);
  CSLDestroy (options);
  OSRRelease (srs);

  if (proposals == NULL || facilities == NULL)
    what = _("creating the layers");
  else if (!create_fields (proposals, proposal_fields, P_N_FIELDS) ||
           !create_fields (facilities, facility_fields, F_N_FIELDS))
    what = _("creating the fields");
  else if (GDALDatasetStartTransaction (dataset, FALSE) != OGRERR_NONE)
    what = _("starting to write");
  else if (!write_features (proposals, self->proposals, proposal_fields, P_N_FIELDS, NULL,
                            TRUE) ||
           !write_features (facilities, self->facilities, facility_fields, F_N_FIELDS, NULL,
                            FALSE))
    {
      what = _("writing the features");
      GDALDatasetRollbackTransaction (dataset);
    }
  else if (GDALDatasetCommitTransaction (dataset) != OGRERR_NONE)
    what = _("finishing the file");
  if (what != NULL)
    {
      set_gdal_error (error, path, what);
      GDALClose (dataset);
      return FALSE;
    }
  return close_dataset (dataset, path, error);
}

static gboolean
write_geojson (const WmExportVector *self, WmFileCommit *commit, const char *path,
               GError **error)
{
  static const FieldDef layer_field[] = { { "layer", OFTString } };
  GDALDatasetH dataset;
  OGRSpatialReferenceH srs;
  OGRLayerH layer;
  const char *what = NULL;
  char **options = NULL;

  dataset = create_dataset (commit, "GeoJSON", path, error);
  if (dataset == NULL)
    return FALSE;
  srs = rd_new_srs ();
  /* RFC 7946: GDAL reprojects to WGS84 (longitude, latitude) and writes 7 decimals. */
  options = CSLSetNameValue (options, "RFC7946", "YES");
  options = CSLSetNameValue (options, "WRITE_NAME", "YES");
  layer = GDALDatasetCreateLayer (dataset, "wijkmix", srs, wkbUnknown, options);
  CSLDestroy (options);
  OSRRelease (srs);

  /* Both layers in one collection, told apart by "layer"; shared names share a field. */
  if (layer == NULL)
    what = _("creating the layers");
  else if (!create_fields (layer, layer_field, 1) ||
           !create_fields (layer, proposal_fields, P_N_FIELDS) ||
           !create_fields (layer, facility_fields, F_N_FIELDS))
    what = _("creating the fields");
  else if (!write_features (layer, self->proposals, proposal_fields, P_N_FIELDS, "proposals",
                            FALSE) ||
           !write_features (layer, self->facilities, facility_fields, F_N_FIELDS, "facilities",
                            FALSE))
    what = _("writing the features");
  if (what != NULL)
    {
      set_gdal_error (error, path, what);
      GDALClose (dataset);
      return FALSE;
    }
  return close_dataset (dataset, path, error);
}

typedef gboolean (*Writer) (const WmExportVector *self, WmFileCommit *commit, const char *path,
                            GError **error);

static gboolean
write_committed (const WmExportVector *self, Writer writer, const char *path, GError **error)
{
  g_autoptr(WmFileCommit) commit = NULL;
  gboolean ok;

  ensure_gdal ();
  commit = wm_file_commit_begin (path, error);
  if (commit == NULL)
    return FALSE;
  GDAL_QUIET_BEGIN ();
  ok = writer (self, commit, path, error);
  GDAL_QUIET_END ();
  if (!ok)
    {
      /* SQLite's side files of a GeoPackage that failed halfway; the commit removes the rest. */
      static const char *const suffixes[] = { "-journal", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *side = g_strconcat (wm_file_commit_get_temp_path (commit),
                                               suffixes[i], NULL);

          g_unlink (side);
        }
      return FALSE;
    }
  return wm_file_commit_finish (g_steal_pointer (&commit), error);
}

gboolean
wm_export_vector_write_gpkg (const WmExportVector *self, const char *path, GError **error)
{
  g_return_val_if_fail (self != NULL && path != NULL, FALSE);
  return write_committed (self, write_gpkg, path, error);
}

gboolean
wm_export_vector_write_geojson (const WmExportVector *self, const char *path, GError **error)
{
  g_return_val_if_fail (self != NULL && path != NULL, FALSE);
  return write_committed (self, write_geojson, path, error);
}
