/* wm-import-layers.c: plain layers of facilities and areas, taken as the user says */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wm-import-layers.h"

/* Cancellation is checked this often (features). */
#define CHECK_EVERY 1000

static const char *const facility_type_names[] = { "type", "soort", "categorie", "category",
                                                   "kind", "voorziening", "amenity", "functie",
                                                   NULL };
static const char *const facility_name_names[] = { "name", "naam", "titel", "title", "label",
                                                   NULL };
static const char *const id_names[] = { "id", "identificatie", "code", NULL };

static const WmFieldRole facility_roles[] = {
  { "type", N_("Kind of facility"), facility_type_names, TRUE },
  { "name", N_("Name"), facility_name_names, FALSE },
  { "id", N_("Identifier"), id_names, FALSE },
};

static const char *const area_code_names[] = { "code", "buurtcode", "wijkcode", "statcode",
                                               "gebiedscode", "id", "identificatie", NULL };
static const char *const area_name_names[] = { "name", "naam", "buurtnaam", "wijknaam",
                                               "statnaam", "gebiedsnaam", NULL };

static const WmFieldRole area_roles[] = {
  { "code", N_("Area code"), area_code_names, FALSE },
  { "name", N_("Area name"), area_name_names, FALSE },
};

/* Other names a facility type goes by in Dutch and English source data, besides its key, its
 * English label and its label in the user's language. Folded (lower case, spaces). */
static const struct
{
  WmFacilityType type;
  const char *name;
} facility_synonyms[] = {
  { WM_FACILITY_COMMUNITY_CENTRE, "buurthuis" },
  { WM_FACILITY_COMMUNITY_CENTRE, "buurtcentrum" },
  { WM_FACILITY_COMMUNITY_CENTRE, "wijkcentrum" },
  { WM_FACILITY_COMMUNITY_CENTRE, "community center" },
  { WM_FACILITY_SHARED_GARDEN, "gemeenschappelijke tuin" },
  { WM_FACILITY_SHARED_GARDEN, "buurttuin" },
  { WM_FACILITY_SHARED_GARDEN, "moestuin" },
  { WM_FACILITY_SHARED_GARDEN, "community garden" },
  { WM_FACILITY_PLAYGROUND, "speelplek" },
  { WM_FACILITY_PLAYGROUND, "speeltuin" },
  { WM_FACILITY_PLAYGROUND, "speelplaats" },
  { WM_FACILITY_SCHOOL, "basisschool" },
  { WM_FACILITY_LIBRARY, "bibliotheek" },
  { WM_FACILITY_HEALTH_CENTRE, "gezondheidscentrum" },
  { WM_FACILITY_HEALTH_CENTRE, "huisarts" },
  { WM_FACILITY_HEALTH_CENTRE, "health center" },
  { WM_FACILITY_SPORTS, "sportvoorziening" },
  { WM_FACILITY_SPORTS, "sport" },
  { WM_FACILITY_SPORTS, "sportveld" },
  { WM_FACILITY_SPORTS, "sporthal" },
  { WM_FACILITY_SPORTS, "sports facility" },
  { WM_FACILITY_SHOP, "winkel" },
  { WM_FACILITY_SHOP, "supermarkt" },
  { WM_FACILITY_SHOP, "supermarket" },
  { WM_FACILITY_MEETING_SPOT, "ontmoetingsplek" },
  { WM_FACILITY_MEETING_SPOT, "ontmoetingsplaats" },
  { WM_FACILITY_MEETING_SPOT, "meeting place" },
};

/* English labels, as in wm-facility.c (the msgids), so English data matches in any locale. */
static const char *const facility_english[WM_N_FACILITY_TYPES] = {
  [WM_FACILITY_COMMUNITY_CENTRE] = "community centre",
  [WM_FACILITY_SHARED_GARDEN] = "shared garden",
  [WM_FACILITY_PLAYGROUND] = "playground",
  [WM_FACILITY_SCHOOL] = "school",
  [WM_FACILITY_LIBRARY] = "library",
  [WM_FACILITY_HEALTH_CENTRE] = "health centre",
  [WM_FACILITY_SPORTS] = "sports facility",
  [WM_FACILITY_SHOP] = "shop",
  [WM_FACILITY_MEETING_SPOT] = "meeting spot",
};

/* Lower case, "_" and "-" as spaces, runs of space as one, trimmed. */
static char *
fold_name (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p++)
    {
      char c = *p == '_' || *p == '-' || g_ascii_isspace (*p) ? ' ' : *p;

      if (c == ' ')
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
wm_import_facility_type_from_text (const char     *text,
                                   WmFacilityType *out)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  folded = fold_name (text);
  for (guint t = 0; t < WM_N_FACILITY_TYPES; t++)
    {
      g_autofree char *key = fold_name (wm_facility_type_key (t));
      g_autofree char *label = fold_name (wm_facility_type_label (t));

      if (g_str_equal (folded, key) || g_str_equal (folded, label) ||
          g_str_equal (folded, facility_english[t]))
        {
          *out = t;
          return TRUE;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (facility_synonyms); i++)
    if (g_str_equal (folded, facility_synonyms[i].name))
      {
        *out = facility_synonyms[i].type;
        return TRUE;
      }
  return FALSE;
}

static gboolean pick_layer_index (WmOgrSource *source, const WmImportOptions *options,
                                  guint *out, GError **error);

/* The layer to read: the one asked for, else the only one; an empty one is an error before
 * its fields are asked for. */
static gboolean
pick_layer (WmOgrSource            *source,
            const WmImportOptions  *options,
            guint                  *out,
            GError                **error)
{
  if (!pick_layer_index (source, options, out, error))
    return FALSE;
  if (wm_ogr_source_get_feature_count (source, *out) == 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                   _("“%s”, layer “%s”: the layer is empty"), wm_ogr_source_get_path (source),
                   wm_ogr_source_get_layer_name (source, *out));
      return FALSE;
    }
  return TRUE;
}

static gboolean
pick_layer_index (WmOgrSource            *source,
                  const WmImportOptions  *options,
                  guint                  *out,
                  GError                **error)
{
  guint n = wm_ogr_source_get_n_layers (source);

  if (options->layer != NULL)
    {
      return wm_importer_find_layer (source, options->layer, out, error);
    }
  if (n == 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY, _("“%s” has no layers"),
                   wm_ogr_source_get_path (source));
      return FALSE;
    }
  if (n > 1)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *list = NULL;

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (names, (gpointer) wm_ogr_source_get_layer_name (source, i));
      g_ptr_array_add (names, NULL);
      list = g_strjoinv (", ", (char **) names->pdata);
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NO_LAYER,
                   _("“%s” has %u layers (%s): choose one with --layer"),
                   wm_ogr_source_get_path (source), n, list);
      return FALSE;
    }
  *out = 0;
  return TRUE;
}

static int
role_field (WmOgrReader          *reader,
            const WmFieldMapping *mapping,
            const char           *role)
{
  const char *field = wm_field_mapping_get (mapping, role);

  return field != NULL ? wm_ogr_reader_field_index (reader, field) : -1;
}

static char *
type_list (void)
{
  GString *list = g_string_new (NULL);

  for (guint t = 0; t < WM_N_FACILITY_TYPES; t++)
    g_string_append_printf (list, "%s%s", t > 0 ? ", " : "", wm_facility_type_key (t));
  return g_string_free (list, FALSE);
}

/* Reports progress at most every 1 %. */
static void
report (WmOgrReader          *reader,
        double               *last,
        WmImportProgressFunc  progress,
        gpointer              progress_data)
{
  double now = wm_ogr_reader_get_progress (reader);

  if (progress != NULL && now - *last >= 0.01)
    {
      *last = now;
      progress (now, progress_data);
    }
}

/* The chosen layer of @source opened for reading, with the user's mapping of @roles onto its
 * fields in @out_mapping; NULL with @error when there is no such layer or a role has no
 * field. */
static WmOgrReader *
open_layer (WmOgrSource *source, const WmImportOptions *options, const WmFieldRole *roles,
            guint n_roles, WmFieldMapping **out_mapping, GError **error)
{
  g_autoptr(WmFieldMapping) mapping = NULL;
  WmOgrReader *reader;
  guint layer;

  if (!pick_layer (source, options, &layer, error))
    return NULL;
  mapping = wm_importer_resolve_roles (source, layer, options, roles, n_roles, error);
  if (mapping == NULL)
    return NULL;
  reader = wm_ogr_reader_new (source, layer, TRUE, error);
  if (reader != NULL)
    *out_mapping = g_steal_pointer (&mapping);
  return reader;
}

/* Steps to the next feature, checking for a cancel every CHECK_EVERY features and reporting
 * progress. FALSE at the end of the layer, or with @error set. */
static gboolean
next_feature (WmOgrReader *reader, guint *n, double *last, WmImportProgressFunc progress,
              gpointer progress_data, GCancellable *cancellable, GError **error)
{
  if (!wm_ogr_reader_next (reader, error))
    return FALSE;
  if (++*n % CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  report (reader, last, progress, progress_data);
  return TRUE;
}

/* The text of optional @field (-1: not mapped) in *@out, NULL when empty; FALSE with @error
 * when the value is not valid text. */
static gboolean
optional_string (WmOgrReader *reader, int field, const char **out, GError **error)
{
  *out = NULL;
  if (field < 0)
    return TRUE;
  *out = wm_ogr_reader_get_string (reader, field, error);
  return *out != NULL || error == NULL || *error == NULL;
}

static gboolean
facilities_recognise (WmOgrSource           *source,
                      const WmImportOptions *options)
{
  /* A layer of facilities cannot be told from any other point layer with a "type". */
  return FALSE;
}

static const WmFieldRole *
facilities_get_roles (guint *n_roles)
{
  *n_roles = G_N_ELEMENTS (facility_roles);
  return facility_roles;
}

static gboolean
facilities_read (WmOgrSource            *source,
                 const WmImportOptions  *options,
                 WmImportResult         *result,
                 WmImportProgressFunc    progress,
                 gpointer                progress_data,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autoptr(WmFieldMapping) mapping = NULL;
  g_autoptr(WmOgrReader) reader = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int type_field, name_field, id_field;
  guint n = 0;
  double last = 0.0;

  reader = open_layer (source, options, facility_roles, G_N_ELEMENTS (facility_roles), &mapping,
                       error);
  if (reader == NULL)
    return FALSE;
  type_field = role_field (reader, mapping, "type");
  name_field = role_field (reader, mapping, "name");
  id_field = role_field (reader, mapping, "id");
  g_assert (type_field >= 0);

  for (;;)
    {
      g_autoptr(WmGeometry) geometry = NULL;
      g_autofree char *id = NULL;
      const char *type_text, *name = NULL, *id_text = NULL;
      WmFacilityType type;
      WmPoint point;

      if (!next_feature (reader, &n, &last, progress, progress_data, cancellable, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          break;
        }

      type_text = wm_ogr_reader_get_string (reader, type_field, error);
      if (type_text == NULL)
        {
          g_autofree char *types = type_list ();

          if (error != NULL && *error != NULL)
            return FALSE;
          wm_ogr_reader_set_error (reader, error, WM_IMPORT_ERROR_BAD_VALUE,
                                   _("no kind of facility in field “%s” (kinds: %s)"),
                                   wm_field_mapping_get (mapping, "type"), types);
          return FALSE;
        }
      if (!wm_import_facility_type_from_text (type_text, &type))
        {
          g_autofree char *types = type_list ();

          wm_ogr_reader_set_error (reader, error, WM_IMPORT_ERROR_BAD_VALUE,
                                   _("“%s” is not a kind of facility (kinds: %s)"), type_text,
                                   types);
          return FALSE;
        }
      if (!optional_string (reader, name_field, &name, error))
        return FALSE;
      if (!optional_string (reader, id_field, &id_text, error))
        return FALSE;

      geometry = wm_ogr_reader_get_geometry (reader, error);
      if (geometry == NULL)
        return FALSE;
      switch (geometry->kind)
        {
        case WM_GEOMETRY_POINT:
          point = geometry->points[0];
          break;
        case WM_GEOMETRY_POLYGON:
        case WM_GEOMETRY_MULTIPOLYGON:
          /* Sources map a school or a park as its outline: the facility is its middle. */
          point = wm_geometry_centroid (geometry);
          break;
        default:
          wm_ogr_reader_set_error (reader, error, WM_IMPORT_ERROR_NO_GEOMETRY,
                                   _("a facility is a point or an area, not a line"));
          return FALSE;
        }

      id = id_text != NULL && *id_text != '\0'
           ? g_strdup (id_text)
           : g_strdup_printf ("%s-%" G_GINT64_FORMAT, wm_ogr_reader_get_layer_name (reader),
                              wm_ogr_reader_get_fid (reader));
      if (g_hash_table_contains (ids, id))
        {
          wm_ogr_reader_set_error (reader, error, WM_IMPORT_ERROR_BAD_VALUE,
                                   _("the identifier “%s” is used twice"), id);
          return FALSE;
        }
      g_hash_table_add (ids, g_strdup (id));
      g_ptr_array_add (result->facilities, wm_facility_new (id, type, name, point.x, point.y));
    }

  if (result->facilities->len == 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                   _("“%s”, layer “%s”: no facilities to import"),
                   wm_ogr_source_get_path (source), wm_ogr_reader_get_layer_name (reader));
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

const WmImporter wm_layer_facilities_importer = {
  "layer-facilities", WM_IMPORT_AS_FACILITIES, facilities_recognise, facilities_read,
  facilities_get_roles,
};

static gboolean
areas_recognise (WmOgrSource           *source,
                 const WmImportOptions *options)
{
  /* Any polygon layer could be areas: the user says so (CBS files are recognised by theirs). */
  return FALSE;
}

static const WmFieldRole *
areas_get_roles (guint *n_roles)
{
  *n_roles = G_N_ELEMENTS (area_roles);
  return area_roles;
}

static gboolean
areas_read (WmOgrSource            *source,
            const WmImportOptions  *options,
            WmImportResult         *result,
            WmImportProgressFunc    progress,
            gpointer                progress_data,
            GCancellable           *cancellable,
            GError                **error)
{
  g_autoptr(WmFieldMapping) mapping = NULL;
  g_autoptr(WmOgrReader) reader = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int code_field, name_field;
  guint n = 0;
  double last = 0.0;

  reader = open_layer (source, options, area_roles, G_N_ELEMENTS (area_roles), &mapping, error);
  if (reader == NULL)
    return FALSE;
  code_field = role_field (reader, mapping, "code");
  name_field = role_field (reader, mapping, "name");

  for (;;)
    {
      g_autoptr(WmGeometry) geometry = NULL;
      g_autoptr(WmGeometry) boundary = NULL;
      g_autofree char *id = NULL;
      const char *code = NULL, *name = NULL;
      gboolean wanted;

      if (!next_feature (reader, &n, &last, progress, progress_data, cancellable, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          break;
        }

      if (!optional_string (reader, code_field, &code, error))
        return FALSE;
      if (!optional_string (reader, name_field, &name, error))
        return FALSE;
      id = code != NULL && *code != '\0'
           ? g_strdup (code)
           : g_strdup_printf ("%s-%" G_GINT64_FORMAT, wm_ogr_reader_get_layer_name (reader),
                              wm_ogr_reader_get_fid (reader));

      /* --area CODE_OR_NAME picks areas. */
      wanted = options->area_codes == NULL;
      for (guint i = 0; !wanted && options->area_codes[i] != NULL; i++)
        wanted = g_ascii_strcasecmp (options->area_codes[i], id) == 0 ||
                 (name != NULL && g_utf8_collate (options->area_codes[i], name) == 0);
      if (!wanted)
        continue;

      geometry = wm_ogr_reader_get_geometry (reader, error);
      if (geometry == NULL)
        return FALSE;
      if (geometry->kind != WM_GEOMETRY_POLYGON && geometry->kind != WM_GEOMETRY_MULTIPOLYGON)
        {
          wm_ogr_reader_set_error (reader, error, WM_IMPORT_ERROR_NO_GEOMETRY,
                                   _("an area needs a polygon"));
          return FALSE;
        }
      if (g_hash_table_contains (ids, id))
        {
          wm_ogr_reader_set_error (reader, error, WM_IMPORT_ERROR_BAD_VALUE,
                                   _("the area code “%s” is used twice"), id);
          return FALSE;
        }
      g_hash_table_add (ids, g_strdup (id));
      boundary = wm_geometry_to_multipolygon (geometry);
      g_ptr_array_add (result->areas,
                       wm_area_new (id, name != NULL && *name != '\0' ? name : id, boundary));
    }

  if (result->areas->len == 0)
    {
      if (options->area_codes != NULL)
        {
          g_autofree char *asked = g_strjoinv (", ", (char **) options->area_codes);

          g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                       _("“%s”, layer “%s”: no area has the code or name %s"),
                       wm_ogr_source_get_path (source), wm_ogr_reader_get_layer_name (reader),
                       asked);
        }
      else
        g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                     _("“%s”, layer “%s”: no areas to import"), wm_ogr_source_get_path (source),
                     wm_ogr_reader_get_layer_name (reader));
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

const WmImporter wm_layer_areas_importer = {
  "layer-areas", WM_IMPORT_AS_AREAS, areas_recognise, areas_read, areas_get_roles,
};
