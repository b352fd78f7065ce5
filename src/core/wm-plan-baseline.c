/* wm-plan-baseline.c: an immutable view of a plan's baseline, shared with saving threads */
#include "config.h"

#include "wm-plan-baseline.h"
#include "wm-box-index.h"

struct _WmPlanBaseline
{
  gatomicrefcount ref_count;
  GPtrArray *areas;
  GPtrArray *buildings;
  GPtrArray *facilities;
  GPtrArray *basemap[WM_N_BASEMAP_CLASSES];
  guint n_basemap;
  WmAddressBook *addresses;
};

G_DEFINE_BOXED_TYPE (WmPlanBaseline, wm_plan_baseline, wm_plan_baseline_ref,
                     wm_plan_baseline_unref)

static GPtrArray *
array_from_model (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (model, i));
  return array;
}

WmPlanBaseline *
wm_plan_baseline_new (GListModel *areas, GListModel *buildings, GListModel *facilities,
                      WmBasemap *basemap)
{
  WmPlanBaseline *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (areas), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (buildings), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (facilities), NULL);
  g_return_val_if_fail (WM_IS_BASEMAP (basemap), NULL);

  self = g_new0 (WmPlanBaseline, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->areas = array_from_model (areas);
  self->buildings = array_from_model (buildings);
  self->facilities = array_from_model (facilities);
  for (guint k = 0; k < WM_N_BASEMAP_CLASSES; k++)
    {
      GPtrArray *features = wm_basemap_get_features (basemap, k);

      self->basemap[k] = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_basemap_feature_unref);
      for (guint i = 0; features != NULL && i < features->len; i++)
        g_ptr_array_add (self->basemap[k], wm_basemap_feature_ref (features->pdata[i]));
      self->n_basemap += self->basemap[k]->len;
    }
  self->addresses = wm_address_book_new ();
  return self;
}

static GPtrArray *
array_ref_elements (GPtrArray *from)
{
  guint n = from != NULL ? from->len : 0;
  GPtrArray *array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_object_ref (from->pdata[i]));
  return array;
}

WmPlanBaseline *
wm_plan_baseline_new_from_arrays (GPtrArray     *areas,
                                  GPtrArray     *buildings,
                                  GPtrArray     *facilities,
                                  GPtrArray     *basemap_features,
                                  WmAddressBook *addresses)
{
  WmPlanBaseline *self = g_new0 (WmPlanBaseline, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->areas = array_ref_elements (areas);
  self->buildings = array_ref_elements (buildings);
  self->facilities = array_ref_elements (facilities);
  for (guint k = 0; k < WM_N_BASEMAP_CLASSES; k++)
    self->basemap[k] = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_basemap_feature_unref);
  for (guint i = 0; basemap_features != NULL && i < basemap_features->len; i++)
    {
      WmBasemapFeature *feature = basemap_features->pdata[i];

      g_return_val_if_fail ((guint) feature->klass < WM_N_BASEMAP_CLASSES, self);
      g_ptr_array_add (self->basemap[feature->klass], wm_basemap_feature_ref (feature));
      self->n_basemap++;
    }
  self->addresses = addresses != NULL ? wm_address_book_ref (addresses) : wm_address_book_new ();
  return self;
}

typedef struct
{
  GPtrArray *areas;
  double x, y;
} AreaAt;

static gboolean
area_contains_cb (guint    id,
                  gpointer user_data)
{
  AreaAt *at = user_data;

  return wm_geometry_contains_point (wm_area_get_boundary (at->areas->pdata[id]), at->x, at->y);
}

void
wm_plan_baseline_assign_area_ids (GPtrArray *areas,
                                  GPtrArray *buildings)
{
  g_autoptr (WmBoxIndex) index = NULL;
  g_autofree WmBounds *boxes = NULL;
  AreaAt at = { areas, 0, 0 };
  guint n_areas = areas != NULL ? areas->len : 0;

  if (buildings == NULL)
    return;
  boxes = g_new (WmBounds, MAX (n_areas, 1));
  for (guint i = 0; i < n_areas; i++)
    boxes[i] = wm_area_get_boundary (areas->pdata[i])->bounds;
  index = wm_box_index_new (boxes, n_areas);

  for (guint i = 0; i < buildings->len; i++)
    {
      WmBuilding *building = buildings->pdata[i];
      WmPoint c = wm_geometry_centroid (wm_building_get_footprint (building));
      const char *area_id = NULL;
      guint found;

      at.x = c.x;
      at.y = c.y;
      found = n_areas > 0 ? wm_box_index_query_point (index, c.x, c.y, area_contains_cb, &at)
                          : G_MAXUINT;
      if (found != G_MAXUINT)
        area_id = wm_area_get_id (areas->pdata[found]);
      if (g_strcmp0 (wm_building_get_area_id (building), area_id) == 0)
        continue;
      /* Only this array holds it: no plan or snapshot can see the change. */
      if (G_OBJECT (building)->ref_count == 1)
        wm_building_set_area_id (building, area_id);
      else
        {
          WmBuilding *copy = wm_building_copy (building);

          wm_building_set_area_id (copy, area_id);
          buildings->pdata[i] = copy;
          g_object_unref (building);
        }
    }
}

WmPlanBaseline *
wm_plan_baseline_ref (WmPlanBaseline *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wm_plan_baseline_unref (WmPlanBaseline *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->areas);
  g_ptr_array_unref (self->buildings);
  g_ptr_array_unref (self->facilities);
  for (guint k = 0; k < WM_N_BASEMAP_CLASSES; k++)
    g_ptr_array_unref (self->basemap[k]);
  wm_address_book_unref (self->addresses);
  g_free (self);
}

GPtrArray *
wm_plan_baseline_get_areas (WmPlanBaseline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->areas;
}

GPtrArray *
wm_plan_baseline_get_buildings (WmPlanBaseline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->buildings;
}

GPtrArray *
wm_plan_baseline_get_facilities (WmPlanBaseline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->facilities;
}

GPtrArray *
wm_plan_baseline_get_basemap_features (WmPlanBaseline *self, WmBasemapClass klass)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (klass < WM_N_BASEMAP_CLASSES, NULL);
  return self->basemap[klass];
}

WmAddressBook *
wm_plan_baseline_get_addresses (WmPlanBaseline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->addresses;
}

guint
wm_plan_baseline_get_n_basemap_features (WmPlanBaseline *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_basemap;
}

WmPlanBaseline *
wm_plan_baseline_new_empty (void)
{
  WmPlanBaseline *self = g_new0 (WmPlanBaseline, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->areas = g_ptr_array_new_with_free_func (g_object_unref);
  self->buildings = g_ptr_array_new_with_free_func (g_object_unref);
  self->facilities = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint k = 0; k < WM_N_BASEMAP_CLASSES; k++)
    self->basemap[k] = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_basemap_feature_unref);
  self->addresses = wm_address_book_new ();
  return self;
}

gboolean
wm_plan_baseline_is_shared (WmPlanBaseline *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return !g_atomic_ref_count_compare (&self->ref_count, 1);
}

static gpointer
copy_object (gconstpointer object, gpointer user_data)
{
  return g_object_ref ((gpointer) object);
}

static GPtrArray *
copy_objects (GPtrArray *array)
{
  return g_ptr_array_copy (array, copy_object, NULL);
}

static gpointer
copy_feature (gconstpointer feature, gpointer user_data)
{
  return wm_basemap_feature_ref ((WmBasemapFeature *) feature);
}

WmPlanBaseline *
wm_plan_baseline_copy (WmPlanBaseline *self)
{
  WmPlanBaseline *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (WmPlanBaseline, 1);
  g_atomic_ref_count_init (&copy->ref_count);
  copy->areas = copy_objects (self->areas);
  copy->buildings = copy_objects (self->buildings);
  copy->facilities = copy_objects (self->facilities);
  for (guint k = 0; k < WM_N_BASEMAP_CLASSES; k++)
    copy->basemap[k] = g_ptr_array_copy (self->basemap[k], copy_feature, NULL);
  copy->n_basemap = self->n_basemap;
  copy->addresses = wm_address_book_ref (self->addresses);
  return copy;
}

void
wm_plan_baseline_append_area (WmPlanBaseline *self, WmArea *area)
{
  g_return_if_fail (self != NULL && !wm_plan_baseline_is_shared (self));
  g_ptr_array_add (self->areas, g_object_ref (area));
}

void
wm_plan_baseline_append_building (WmPlanBaseline *self, WmBuilding *building)
{
  g_return_if_fail (self != NULL && !wm_plan_baseline_is_shared (self));
  g_ptr_array_add (self->buildings, g_object_ref (building));
}

void
wm_plan_baseline_append_facility (WmPlanBaseline *self, WmFacility *facility)
{
  g_return_if_fail (self != NULL && !wm_plan_baseline_is_shared (self));
  g_ptr_array_add (self->facilities, g_object_ref (facility));
}

void
wm_plan_baseline_sync_basemap (WmPlanBaseline *self, WmBasemap *basemap)
{
  g_return_if_fail (self != NULL && !wm_plan_baseline_is_shared (self));

  for (guint k = 0; k < WM_N_BASEMAP_CLASSES; k++)
    {
      GPtrArray *features = wm_basemap_get_features (basemap, k);

      for (guint i = self->basemap[k]->len; features != NULL && i < features->len; i++)
        {
          g_ptr_array_add (self->basemap[k], wm_basemap_feature_ref (features->pdata[i]));
          self->n_basemap++;
        }
    }
}
