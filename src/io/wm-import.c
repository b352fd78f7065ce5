/* wm-import.c: what a source is, reading it (in a worker when asked), and putting the result
 * into a plan as one undoable step
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wm-address-book.h"
#include "wm-box-index.h"
#include "wm-import.h"
#include "wm-import-bag.h"
#include "wm-import-basemap.h"
#include "wm-import-cbs.h"
#include "wm-import-layers.h"
#include "wm-importer.h"
#include "wm-property-list.h"
#include "wm-tenure-estimate.h"

/* Base map features are kept up to this far beyond the project's areas (metres). */
#define CLIP_MARGIN 250.0

/* Tried in this order by recognise(); for a kind the user names (--as) the first that
 * recognises the source, else the last of that kind, the generic reader of plain layers. */
static const WmImporter *const importers[] = {
  &wm_cbs_importer,
  &wm_bag_importer,
  &wm_bgt_importer,
  &wm_osm_importer,
  &wm_property_list_importer,
  &wm_layer_buildings_importer,
  &wm_layer_basemap_importer,
  &wm_layer_facilities_importer,
  &wm_layer_areas_importer,
};

static const char *const as_keys[] = {
  [WM_IMPORT_AS_AUTO] = "auto",
  [WM_IMPORT_AS_BUILDINGS] = "buildings",
  [WM_IMPORT_AS_AREAS] = "areas",
  [WM_IMPORT_AS_FACILITIES] = "facilities",
  [WM_IMPORT_AS_BASEMAP] = "basemap",
  [WM_IMPORT_AS_TENURE] = "tenure",
};

const char *
wm_import_as_key (WmImportAs as)
{
  g_return_val_if_fail ((guint) as < G_N_ELEMENTS (as_keys), NULL);

  return as_keys[as];
}

gboolean
wm_import_as_from_key (const char *key,
                       WmImportAs *out)
{
  g_return_val_if_fail (key != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (as_keys); i++)
    if (g_str_equal (key, as_keys[i]))
      {
        if (out != NULL)
          *out = i;
        return TRUE;
      }
  return FALSE;
}

static char *
layer_list (WmOgrSource *source)
{
  GString *list = g_string_new (NULL);
  guint n = wm_ogr_source_get_n_layers (source);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (list, "%s“%s”", i > 0 ? ", " : "",
                            wm_ogr_source_get_layer_name (source, i));
  if (n == 0)
    g_string_append (list, _("none"));
  return g_string_free (list, FALSE);
}

static gboolean
importer_has_role (const WmImporter *importer,
                   const char       *role)
{
  guint n_roles = 0;
  const WmFieldRole *roles = importer->get_roles (&n_roles);

  for (guint i = 0; i < n_roles; i++)
    if (g_str_equal (roles[i].role, role))
      return TRUE;
  return FALSE;
}

/* A role the importer does not have is a typing slip on the command line: say so rather than
 * import without it. */
static gboolean
check_mapping_roles (WmOgrSource           *source,
                     const WmImporter      *importer,
                     const WmFieldMapping  *mapping,
                     GError               **error)
{
  g_autoptr(GPtrArray) set = NULL;

  if (mapping == NULL)
    return TRUE;
  set = wm_field_mapping_get_roles (mapping);
  for (guint i = 0; i < set->len; i++)
    {
      const char *role = g_ptr_array_index (set, i);

      if (!importer_has_role (importer, role))
        {
          guint n_roles = 0;
          const WmFieldRole *roles = importer->get_roles (&n_roles);
          g_autoptr(GString) list = g_string_new (NULL);

          for (guint r = 0; r < n_roles; r++)
            g_string_append_printf (list, "%s%s", r > 0 ? ", " : "", roles[r].role);
          g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_FIELDS,
                       _("“%s”: “%s” is not a role when importing as %s (roles: %s)"),
                       wm_ogr_source_get_path (source), role, wm_import_as_key (importer->as),
                       list->len > 0 ? list->str : _("none"));
          return FALSE;
        }
    }
  return TRUE;
}

/* Which importer reads @source for @options. */
static const WmImporter *
choose_importer (WmOgrSource            *source,
                 const WmImportOptions  *options,
                 GError                **error)
{
  WmImportAs as = options->as;
  const WmImporter *fallback = NULL;

  if (as == WM_IMPORT_AS_AUTO && options->basemap_class >= 0)
    as = WM_IMPORT_AS_BASEMAP;

  for (guint i = 0; i < G_N_ELEMENTS (importers); i++)
    {
      if (as != WM_IMPORT_AS_AUTO && importers[i]->as != as)
        continue;
      if (importers[i]->recognise (source, options))
        return importers[i];
      fallback = importers[i];
    }
  if (as != WM_IMPORT_AS_AUTO && fallback != NULL)
    return fallback;

  if (as != WM_IMPORT_AS_AUTO)
    g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_UNKNOWN_KIND,
                 _("“%s”: this version of Wijkmix cannot import %s"),
                 wm_ogr_source_get_path (source), wm_import_as_key (as));
  else
    {
      g_autofree char *layers = layer_list (source);

      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_UNKNOWN_KIND,
                   _("“%s” (layers %s): cannot tell what it holds; say what to import it as "
                     "with --as buildings, areas, facilities, basemap or tenure"),
                   wm_ogr_source_get_path (source), layers);
    }
  return NULL;
}

/* Passes progress on only when it moved by 0.5 % or reached the end, and never backwards. */
typedef struct
{
  WmImportProgressFunc func;
  gpointer data;
  double last;
} Throttle;

static void
throttle_progress (double   fraction,
                   gpointer user_data)
{
  Throttle *throttle = user_data;

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction < throttle->last + 0.005 && !(fraction >= 1.0 && throttle->last < 1.0))
    return;
  throttle->last = fraction;
  throttle->func (fraction, throttle->data);
}

WmImportResult *
wm_import_read (const char              *path,
                const WmImportOptions   *options,
                WmImportProgressFunc     progress,
                gpointer                 progress_data,
                GCancellable            *cancellable,
                GError                 **error)
{
  static const WmImportOptions defaults = WM_IMPORT_OPTIONS_INIT;
  g_autoptr(WmOgrSource) source = NULL;
  g_autoptr(WmImportResult) result = NULL;
  const WmImporter *importer;
  Throttle throttle = { progress, progress_data, -1.0 };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  source = wm_ogr_source_open (path, error);
  if (source == NULL)
    return NULL;
  if (options->layer != NULL && wm_ogr_source_find_layer (source, options->layer) < 0)
    {
      g_autofree char *layers = layer_list (source);

      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NO_LAYER,
                   _("“%s” has no layer “%s” (layers: %s)"), path, options->layer, layers);
      return NULL;
    }
  importer = choose_importer (source, options, error);
  if (importer == NULL)
    return NULL;
  if (!check_mapping_roles (source, importer, options->mapping, error))
    return NULL;

  g_debug ("Importing %s with the %s importer", path, importer->name);
  result = wm_import_result_new (path);
  if (!importer->read (source, options, result, progress != NULL ? throttle_progress : NULL,
                       &throttle, cancellable, error))
    return NULL;
  /* An importer that was cancelled between its checks still gives no result. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (wm_import_result_get_n_items (result) == 0)
    {
      if (options->layer != NULL)
        g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                     _("“%s”, layer “%s”: nothing to import"), path, options->layer);
      else
        g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                     _("“%s”: nothing to import"), path);
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* Progress from the worker, delivered on the caller's main context: one idle at a time that
 * reads the latest fraction, so a fast reader never floods the main loop. */
typedef struct
{
  gatomicrefcount ref_count;
  GMutex lock;
  double fraction;
  gboolean pending;
  gboolean finished; /* main context only: no calls after the result was delivered */
  GMainContext *context;
  WmImportProgressFunc func;
  gpointer data;
} Progress;

static Progress *
progress_ref (Progress *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
progress_unref (Progress *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_mutex_clear (&self->lock);
  g_main_context_unref (self->context);
  g_free (self);
}

static gboolean
progress_deliver (gpointer user_data)
{
  Progress *self = user_data;
  double fraction;

  g_mutex_lock (&self->lock);
  fraction = self->fraction;
  self->pending = FALSE;
  g_mutex_unlock (&self->lock);
  if (!self->finished)
    self->func (fraction, self->data);
  return G_SOURCE_REMOVE;
}

static void
progress_from_worker (double   fraction,
                      gpointer user_data)
{
  Progress *self = user_data;
  gboolean schedule;

  g_mutex_lock (&self->lock);
  self->fraction = fraction;
  schedule = !self->pending;
  self->pending = TRUE;
  g_mutex_unlock (&self->lock);
  if (schedule)
    {
      g_autoptr(GSource) idle = g_idle_source_new ();

      g_source_set_priority (idle, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (idle, progress_deliver, progress_ref (self),
                             (GDestroyNotify) progress_unref);
      g_source_set_static_name (idle, "[wijkmix] import progress");
      g_source_attach (idle, self->context);
    }
}

typedef struct
{
  char *path;
  WmImportOptions options;
  char *layer;
  WmFieldMapping *mapping;
  char **area_codes;
  WmBounds clip;
  Progress *progress;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_free (data->path);
  g_free (data->layer);
  g_clear_pointer (&data->mapping, wm_field_mapping_free);
  g_strfreev (data->area_codes);
  g_clear_pointer (&data->progress, progress_unref);
  g_free (data);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ReadData *data = task_data;
  GError *error = NULL;
  WmImportResult *result;

  result = wm_import_read (data->path, &data->options,
                           data->progress != NULL ? progress_from_worker : NULL, data->progress,
                           cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) wm_import_result_free);
}

/* On the caller's context: stops progress, then hands the result to the caller's task. */
static void
read_done (GObject      *source_object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  ReadData *data = g_task_get_task_data (G_TASK (res));
  GError *error = NULL;
  WmImportResult *result;

  if (data->progress != NULL)
    data->progress->finished = TRUE;
  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (result == NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, result, (GDestroyNotify) wm_import_result_free);
}

void
wm_import_read_async (const char            *path,
                      const WmImportOptions *options,
                      WmImportProgressFunc   progress,
                      gpointer               progress_data,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  static const WmImportOptions defaults = WM_IMPORT_OPTIONS_INIT;
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  ReadData *data;

  g_return_if_fail (path != NULL);

  if (options == NULL)
    options = &defaults;
  outer = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (outer, wm_import_read_async);
  g_task_set_name (outer, "[wijkmix] import");

  /* A deep copy: the caller's options may be gone before the worker reads them. */
  data = g_new0 (ReadData, 1);
  data->path = g_strdup (path);
  data->options = *options;
  data->layer = g_strdup (options->layer);
  data->options.layer = data->layer;
  data->mapping = options->mapping != NULL ? wm_field_mapping_copy (options->mapping) : NULL;
  data->options.mapping = data->mapping;
  data->area_codes = g_strdupv ((char **) options->area_codes);
  data->options.area_codes = (const char *const *) data->area_codes;
  if (options->clip != NULL)
    {
      data->clip = *options->clip;
      data->options.clip = &data->clip;
    }
  if (progress != NULL)
    {
      data->progress = g_new0 (Progress, 1);
      g_atomic_ref_count_init (&data->progress->ref_count);
      g_mutex_init (&data->progress->lock);
      data->progress->context = g_main_context_ref_thread_default ();
      data->progress->func = progress;
      data->progress->data = progress_data;
    }

  inner = g_task_new (NULL, cancellable, read_done, g_steal_pointer (&outer));
  g_task_set_task_data (inner, data, (GDestroyNotify) read_data_free);
  g_task_set_name (inner, "[wijkmix] import worker");
  g_task_run_in_thread (inner, read_in_thread);
}

WmImportResult *
wm_import_read_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, wm_import_read_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* What a source looks like. */

static void
layer_info_free (WmImportLayerInfo *info)
{
  g_free (info->layer);
  g_strfreev (info->fields);
  g_strfreev (info->missing_roles);
  g_free (info);
}

GPtrArray *
wm_import_probe (const char  *path,
                 GError     **error)
{
  g_autoptr(WmOgrSource) source = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  guint n;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = wm_ogr_source_open (path, error);
  if (source == NULL)
    return NULL;
  n = wm_ogr_source_get_n_layers (source);
  infos = g_ptr_array_new_with_free_func ((GDestroyNotify) layer_info_free);
  for (guint l = 0; l < n; l++)
    {
      WmImportLayerInfo *info = g_new0 (WmImportLayerInfo, 1);
      WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
      const char *const *fields = wm_ogr_source_get_field_names (source, l);

      info->layer = g_strdup (wm_ogr_source_get_layer_name (source, l));
      info->as = WM_IMPORT_AS_AUTO;
      info->basemap_class = -1;
      info->fields = g_strdupv ((char **) fields);
      info->n_features = wm_ogr_source_get_feature_count (source, l);
      options.layer = info->layer;
      for (guint i = 0; i < G_N_ELEMENTS (importers); i++)
        if (importers[i]->recognise (source, &options))
          {
            g_autoptr(WmFieldMapping) mapping = wm_field_mapping_new ();
            guint n_roles = 0;
            const WmFieldRole *roles = importers[i]->get_roles (&n_roles);

            info->as = importers[i]->as;
            if (info->as == WM_IMPORT_AS_BASEMAP)
              info->basemap_class = wm_import_basemap_recognise_layer (source, l);
            /* Without a mapping every set role is a candidate found, so this cannot fail. */
            info->missing_roles = wm_field_mapping_resolve (mapping, roles, n_roles, fields,
                                                            NULL);
            break;
          }
      if (info->missing_roles == NULL)
        info->missing_roles = g_new0 (char *, 1);
      g_ptr_array_add (infos, info);
    }
  return g_steal_pointer (&infos);
}

gboolean
wm_import_default_clip (WmPlan   *plan,
                        WmBounds *out)
{
  GListModel *areas;
  WmBounds bounds = wm_bounds_empty ();
  guint n;

  g_return_val_if_fail (WM_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  areas = wm_plan_get_areas (plan);
  n = g_list_model_get_n_items (areas);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmArea) area = g_list_model_get_item (areas, i);

      wm_bounds_union (&bounds, &wm_area_get_boundary (area)->bounds);
    }
  if (n == 0 || wm_bounds_is_empty (&bounds))
    return FALSE;
  out->min_x = bounds.min_x - CLIP_MARGIN;
  out->min_y = bounds.min_y - CLIP_MARGIN;
  out->max_x = bounds.max_x + CLIP_MARGIN;
  out->max_y = bounds.max_y + CLIP_MARGIN;
  return TRUE;
}

/* Applying a result to a plan. */

/* The areas of a plan as an index for "which area holds this point". */
typedef struct
{
  GPtrArray *areas; /* WmArea*, not owned */
  WmBoxIndex *index;
  double x, y;
  gboolean found;
} AreaLookup;

static void
area_lookup_init (AreaLookup *self,
                  GPtrArray  *areas)
{
  g_autofree WmBounds *boxes = g_new (WmBounds, MAX (areas->len, 1));

  for (guint i = 0; i < areas->len; i++)
    boxes[i] = wm_area_get_boundary (g_ptr_array_index (areas, i))->bounds;
  self->areas = areas;
  self->index = wm_box_index_new (boxes, areas->len);
}

static gboolean
area_lookup_visit (guint    id,
                   gpointer user_data)
{
  AreaLookup *self = user_data;

  if (wm_geometry_contains_point (wm_area_get_boundary (g_ptr_array_index (self->areas, id)),
                                  self->x, self->y))
    {
      self->found = TRUE;
      return FALSE;
    }
  return TRUE;
}

static gboolean
area_lookup_contains (AreaLookup *self,
                      double      x,
                      double      y)
{
  self->x = x;
  self->y = y;
  self->found = FALSE;
  wm_box_index_query_point (self->index, x, y, area_lookup_visit, self);
  return self->found;
}

/* Appends @items to @list (references), an item with the id of one already there replacing
 * it in place. */
static void
merge_by_id (GPtrArray   *list,
             GHashTable  *positions,
             GPtrArray   *items,
             const char *(*get_id) (gpointer))
{
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      gpointer position;

      if (g_hash_table_lookup_extended (positions, get_id (item), NULL, &position))
        {
          guint at = GPOINTER_TO_UINT (position);

          g_object_unref (g_ptr_array_index (list, at));
          list->pdata[at] = g_object_ref (item);
        }
      else
        {
          g_hash_table_insert (positions, (gpointer) get_id (item),
                               GUINT_TO_POINTER (list->len));
          g_ptr_array_add (list, g_object_ref (item));
        }
    }
}

static GHashTable *
index_by_id (GPtrArray   *list,
             const char *(*get_id) (gpointer))
{
  GHashTable *positions = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < list->len; i++)
    g_hash_table_insert (positions, (gpointer) get_id (g_ptr_array_index (list, i)),
                         GUINT_TO_POINTER (i));
  return positions;
}

static GPtrArray *
copy_objects (GPtrArray *items)
{
  GPtrArray *copy = g_ptr_array_new_full (items->len, g_object_unref);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (items, i)));
  return copy;
}

/* The plan's attribution with @line added when it is not there yet. */
static char *
attribution_with (const char *attribution,
                  const char *line)
{
  g_auto(GStrv) lines = NULL;

  if (line == NULL || *line == '\0')
    return g_strdup (attribution);
  if (attribution == NULL || *attribution == '\0')
    return g_strdup (line);
  lines = g_strsplit (attribution, "\n", -1);
  if (g_strv_contains ((const char *const *) lines, line))
    return g_strdup (attribution);
  return g_strconcat (attribution, "\n", line, NULL);
}

static guint
feature_hash (gconstpointer key)
{
  const WmBasemapFeature *feature = key;
  const WmBounds *b = &feature->geometry->bounds;
  double parts[4] = { b->min_x, b->min_y, b->max_x, b->max_y };
  guint hash = feature->klass;

  for (guint i = 0; i < 4; i++)
    hash = hash * 31 + g_double_hash (&parts[i]);
  return hash;
}

static gboolean
feature_equal (gconstpointer a,
               gconstpointer b)
{
  return wm_basemap_feature_equal (a, b);
}

static const char *
area_id (gpointer item)
{
  return wm_area_get_id (item);
}

static const char *
building_id (gpointer item)
{
  return wm_building_get_id (item);
}

static const char *
facility_id (gpointer item)
{
  return wm_facility_get_id (item);
}

gboolean
wm_import_apply (WmDocument      *document,
                 WmImportResult  *result,
                 GError         **error)
{
  WmPlan *plan;
  WmPlanBaseline *current;
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GPtrArray) buildings = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GPtrArray) basemap = NULL;
  g_autoptr(GPtrArray) kept_buildings = NULL;
  g_autoptr(GPtrArray) kept_facilities = NULL;
  g_autoptr(GPtrArray) estimated = NULL;
  g_autoptr(GArray) kept_at = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) positions = NULL;
  g_autoptr(WmAddressBook) addresses = NULL;
  g_autoptr(WmPlanBaseline) baseline = NULL;
  g_autofree char *base = NULL;
  g_autofree char *label = NULL;
  g_autofree char *attribution = NULL;
  guint left_out_buildings = 0, left_out_facilities = 0;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  plan = wm_document_get_plan (document);
  current = wm_plan_get_baseline (plan);

  /* Areas first: they decide what else is kept. */
  areas = copy_objects (wm_plan_baseline_get_areas (current));
  positions = index_by_id (areas, area_id);
  merge_by_id (areas, positions, result->areas, area_id);
  g_clear_pointer (&positions, g_hash_table_unref);

  /* Into a plan with areas only what lies in them comes in. */
  kept_buildings = g_ptr_array_new_with_free_func (g_object_unref);
  kept_facilities = g_ptr_array_new_with_free_func (g_object_unref);
  if (areas->len > 0)
    {
      AreaLookup lookup;

      area_lookup_init (&lookup, areas);
      for (guint i = 0; i < result->buildings->len; i++)
        {
          WmBuilding *building = g_ptr_array_index (result->buildings, i);
          WmPoint centre = wm_geometry_centroid (wm_building_get_footprint (building));

          if (area_lookup_contains (&lookup, centre.x, centre.y))
            g_ptr_array_add (kept_buildings, g_object_ref (building));
          else
            left_out_buildings++;
        }
      for (guint i = 0; i < result->facilities->len; i++)
        {
          WmFacility *facility = g_ptr_array_index (result->facilities, i);
          WmPoint point = wm_facility_get_location (facility);

          if (area_lookup_contains (&lookup, point.x, point.y))
            g_ptr_array_add (kept_facilities, g_object_ref (facility));
          else
            left_out_facilities++;
        }
      wm_box_index_free (lookup.index);
    }
  else
    {
      g_ptr_array_extend (kept_buildings, result->buildings, (GCopyFunc) g_object_ref, NULL);
      g_ptr_array_extend (kept_facilities, result->facilities, (GCopyFunc) g_object_ref, NULL);
    }
  if (left_out_buildings > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (NULL,
                                                          "%u building lies outside the "
                                                          "project's areas and was left out",
                                                          "%u buildings lie outside the "
                                                          "project's areas and were left out",
                                                          left_out_buildings),
                                             left_out_buildings));
  if (left_out_facilities > 0)
    g_ptr_array_add (notes, g_strdup_printf (g_dngettext (NULL,
                                                          "%u facility lies outside the "
                                                          "project's areas and was left out",
                                                          "%u facilities lie outside the "
                                                          "project's areas and were left out",
                                                          left_out_facilities),
                                             left_out_facilities));
  if (result->areas->len + kept_buildings->len + kept_facilities->len + result->basemap->len +
      result->tenure_records->len == 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_OUTSIDE,
                   _("“%s”: nothing of it lies in the project's areas"), result->source);
      return FALSE;
    }

  buildings = copy_objects (wm_plan_baseline_get_buildings (current));
  positions = index_by_id (buildings, building_id);
  merge_by_id (buildings, positions, kept_buildings, building_id);

  /* A facility of the same id (the same layer and feature read again) is replaced, so an
   * import run twice gives the same plan. */
  facilities = copy_objects (wm_plan_baseline_get_facilities (current));
  {
    g_autoptr(GHashTable) facility_positions = index_by_id (facilities, facility_id);

    merge_by_id (facilities, facility_positions, kept_facilities, facility_id);
  }

  basemap = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_basemap_feature_unref);
  for (guint c = 0; c < WM_N_BASEMAP_CLASSES; c++)
    g_ptr_array_extend (basemap, wm_plan_baseline_get_basemap_features (current, c),
                        (GCopyFunc) wm_basemap_feature_ref, NULL);
  /* Base map features have no ids: one equal to a feature the plan has (the same source read
   * again) is not added twice. */
  if (result->basemap->len > 0)
    {
      g_autoptr(GHashTable) present = g_hash_table_new (feature_hash, feature_equal);
      guint repeated = 0;

      for (guint i = 0; i < basemap->len; i++)
        g_hash_table_add (present, g_ptr_array_index (basemap, i));
      for (guint i = 0; i < result->basemap->len; i++)
        {
          WmBasemapFeature *feature = g_ptr_array_index (result->basemap, i);

          if (g_hash_table_contains (present, feature))
            {
              repeated++;
              continue;
            }
          g_hash_table_add (present, feature);
          g_ptr_array_add (basemap, wm_basemap_feature_ref (feature));
        }
      if (repeated > 0)
        g_ptr_array_add (notes, g_strdup_printf (g_dngettext (NULL,
                                                              "%u base map feature was in the "
                                                              "project already",
                                                              "%u base map features were in the "
                                                              "project already", repeated),
                                                 repeated));
    }

  /* The first areas of a plan whose data came in before them (a plan area drawn on the map):
   * what the plan has outside them goes, as it would not have come in after them. */
  if (result->clip_plan && areas->len > 0)
    {
      AreaLookup lookup;
      WmBounds bounds = wm_bounds_empty ();
      g_autoptr(GPtrArray) inside = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) cut = g_ptr_array_new_with_free_func (
        (GDestroyNotify) wm_basemap_feature_unref);
      guint out_buildings = 0, out_facilities = 0, out_basemap = 0;

      area_lookup_init (&lookup, areas);
      for (guint i = 0; i < buildings->len; i++)
        {
          WmBuilding *building = g_ptr_array_index (buildings, i);
          WmPoint centre = wm_geometry_centroid (wm_building_get_footprint (building));

          if (area_lookup_contains (&lookup, centre.x, centre.y))
            g_ptr_array_add (inside, g_object_ref (building));
          else
            out_buildings++;
        }
      g_ptr_array_set_size (buildings, 0);
      g_ptr_array_extend_and_steal (buildings, g_steal_pointer (&inside));
      inside = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < facilities->len; i++)
        {
          WmFacility *facility = g_ptr_array_index (facilities, i);
          WmPoint point = wm_facility_get_location (facility);

          if (area_lookup_contains (&lookup, point.x, point.y))
            g_ptr_array_add (inside, g_object_ref (facility));
          else
            out_facilities++;
        }
      g_ptr_array_set_size (facilities, 0);
      g_ptr_array_extend_and_steal (facilities, g_steal_pointer (&inside));
      wm_box_index_free (lookup.index);

      for (guint i = 0; i < areas->len; i++)
        wm_bounds_union (&bounds, &wm_area_get_boundary (g_ptr_array_index (areas, i))->bounds);
      bounds.min_x -= CLIP_MARGIN;
      bounds.min_y -= CLIP_MARGIN;
      bounds.max_x += CLIP_MARGIN;
      bounds.max_y += CLIP_MARGIN;
      for (guint i = 0; i < basemap->len; i++)
        {
          WmBasemapFeature *feature = g_ptr_array_index (basemap, i);
          g_autoptr(WmGeometry) piece = wm_ogr_clip_to_bounds (feature->geometry, &bounds);

          if (piece == NULL)
            out_basemap++;
          else if (piece == feature->geometry)
            g_ptr_array_add (cut, wm_basemap_feature_ref (feature));
          else
            g_ptr_array_add (cut, wm_basemap_feature_new (feature->klass, feature->kind,
                                                          feature->text, feature->angle, piece));
        }
      g_ptr_array_set_size (basemap, 0);
      g_ptr_array_extend_and_steal (basemap, g_steal_pointer (&cut));
      if (out_buildings + out_facilities + out_basemap > 0)
        /* Translators: the three counts of what lay outside a newly drawn plan area */
        g_ptr_array_add (notes, g_strdup_printf (_("Outside the plan area, left out of the plan: "
                                                   "%u buildings, %u facilities and %u base map "
                                                   "features"),
                                                 out_buildings, out_facilities, out_basemap));
    }

  /* The address book: the plan's with the source's added (a later address wins). */
  if (g_hash_table_size (result->addresses) > 0)
    {
      WmAddressBook *old = wm_plan_get_addresses (plan);
      g_autoptr(WmAddressBookBuilder) builder = wm_address_book_builder_new ();
      GHashTableIter iter;
      gpointer key, value;

      for (guint i = 0; old != NULL && i < wm_address_book_get_size (old); i++)
        {
          const char *k, *id;

          wm_address_book_get_entry (old, i, &k, &id);
          wm_address_book_builder_add (builder, k, id);
        }
      /* Emptied as it is copied: a city has millions of addresses. */
      g_hash_table_iter_init (&iter, result->addresses);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          wm_address_book_builder_add (builder, key, value);
          g_hash_table_iter_remove (&iter);
        }
      addresses = wm_address_book_builder_end (g_steal_pointer (&builder));
    }
  else if (wm_plan_get_addresses (plan) != NULL)
    addresses = wm_address_book_ref (wm_plan_get_addresses (plan));

  /* The imported buildings are held by @buildings alone from here, so the area ids and the
   * estimate change them in place instead of copying a city's buildings; which positions
   * were kept is remembered to give the caller back what came in. */
  {
    g_autoptr(GHashTable) kept = g_hash_table_new (NULL, NULL);

    for (guint i = 0; i < kept_buildings->len; i++)
      g_hash_table_add (kept, g_ptr_array_index (kept_buildings, i));
    kept_at = g_array_sized_new (FALSE, FALSE, sizeof (guint), kept_buildings->len);
    for (guint i = 0; i < buildings->len; i++)
      if (g_hash_table_contains (kept, g_ptr_array_index (buildings, i)))
        g_array_append_val (kept_at, i);
    g_ptr_array_set_size (kept_buildings, 0);
    g_ptr_array_set_size (result->buildings, 0);
  }
  wm_plan_baseline_assign_area_ids (areas, buildings);
  /* Every estimated building again: new areas or figures change the estimate. */
  estimated = wm_tenure_estimate (areas, buildings, NULL, notes);
  g_clear_pointer (&buildings, g_ptr_array_unref);
  if (result->tenure_records->len > 0)
    {
      g_autoptr(GPtrArray) listed = NULL;

      /* The list splits what it leaves of a building by that building's estimate, and the
       * estimate of the others in its area counts what is listed: estimate, list, estimate. */
      if (!wm_tenure_list_apply (result->tenure_records, estimated, addresses, &listed, notes,
                                 error))
        {
          /* Its messages name the row; the file is named here. */
          g_prefix_error (error, "“%s”: ", result->source);
          return FALSE;
        }
      g_ptr_array_unref (estimated);
      estimated = wm_tenure_estimate (areas, listed, NULL, NULL);
    }

  baseline = wm_plan_baseline_new_from_arrays (areas, estimated, facilities, basemap, addresses);
  base = g_path_get_basename (result->source);
  /* The sources' attribution joins the same step: one "changed", one undo. */
  attribution = attribution_with (wm_plan_get_attribution (plan), result->attribution);
  /* Translators: the undo label of an import; %s is the file's name */
  label = g_strdup_printf (_("Import “%s”"), base);
  if (!wm_history_replace_baseline_full (wm_document_get_history (document), label, baseline,
                                         attribution, error))
    return FALSE;

  /* What was kept, for the caller's summary: as they went into the plan. */
  for (guint i = 0; i < kept_at->len; i++)
    g_ptr_array_add (result->buildings,
                     g_object_ref (g_ptr_array_index (estimated, g_array_index (kept_at, guint, i))));
  g_ptr_array_set_size (result->facilities, 0);
  g_ptr_array_extend_and_steal (result->facilities, g_steal_pointer (&kept_facilities));
  g_ptr_array_extend_and_steal (result->notes, g_steal_pointer (&notes));
  return TRUE;
}
