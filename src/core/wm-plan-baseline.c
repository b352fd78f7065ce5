/* wm-plan-baseline.c: an immutable view of a plan's baseline, shared with saving threads */
#include "config.h"

#define G_LOG_DOMAIN "wijkmix-plan-baseline"

#include "wm-plan-baseline.h"

struct _WmPlanBaseline
{
  gatomicrefcount ref_count;
  GPtrArray *areas;
  GPtrArray *buildings;
  GPtrArray *facilities;
  GPtrArray *basemap[WM_N_BASEMAP_CLASSES];
  guint n_basemap;
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
  return self;
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

guint
wm_plan_baseline_get_n_basemap_features (WmPlanBaseline *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_basemap;
}
