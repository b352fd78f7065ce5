/* wm-plan.c: a neighbourhood plan, the root of the model */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-plan.h"
#include "wm-box-index.h"
#include "wm-checklist-state.h"
#include "wm-targets.h"
#include "wm-string-private.h"

struct _WmPlan
{
  GObject parent_instance;

  char *name;
  char *description;
  char *attribution;
  gboolean illustrative;

  GListStore *areas;
  GListStore *buildings;
  GListStore *facilities;
  WmBasemap *basemap;
  /* id -> object, a reference each */
  GHashTable *area_index;
  GHashTable *building_index;
  GHashTable *facility_index;
  /* The same items as the stores, shared copy-on-write with snapshots (wm_plan_get_baseline). */
  WmPlanBaseline *baseline;
  /* Over the areas' bounding boxes, ids their positions in area_list (borrowed; the store
   * keeps them alive); built on the first lookup after areas were added. */
  WmBoxIndex *area_boxes;
  GPtrArray *area_list;
  gboolean replacing_baseline;

  GListStore *scenarios;
  WmScenario *active_scenario;

  WmTargets *targets;
  WmChecklistState *checklist_state;
};

G_DEFINE_FINAL_TYPE (WmPlan, wm_plan, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_ATTRIBUTION,
  PROP_ILLUSTRATIVE,
  PROP_ACTIVE_SCENARIO,
  N_PROPS
};

enum
{
  CHANGED,
  BASELINE_REPLACED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
emit_changed (WmPlan *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
scenario_changed_cb (WmScenario *scenario,
                     WmPlan     *self)
{
  emit_changed (self);
}

static void
member_notify_cb (GObject    *member,
                  GParamSpec *pspec,
                  WmPlan     *self)
{
  emit_changed (self);
}

static void
checklist_entry_changed_cb (WmChecklistState *state,
                            const char       *scenario_id,
                            const char       *item_id,
                            WmPlan           *self)
{
  emit_changed (self);
}

static void
wm_plan_dispose (GObject *object)
{
  WmPlan *self = WM_PLAN (object);

  if (self->scenarios != NULL)
    {
      GListModel *model = G_LIST_MODEL (self->scenarios);
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(WmScenario) scenario = g_list_model_get_item (model, i);

          g_signal_handlers_disconnect_by_func (scenario, scenario_changed_cb, self);
        }
    }

  if (self->targets != NULL)
    g_signal_handlers_disconnect_by_data (self->targets, self);
  if (self->checklist_state != NULL)
    g_signal_handlers_disconnect_by_data (self->checklist_state, self);
  g_clear_object (&self->targets);
  g_clear_object (&self->checklist_state);
  g_clear_object (&self->active_scenario);
  g_clear_object (&self->scenarios);
  g_clear_pointer (&self->area_index, g_hash_table_unref);
  g_clear_pointer (&self->building_index, g_hash_table_unref);
  g_clear_pointer (&self->facility_index, g_hash_table_unref);
  g_clear_pointer (&self->area_boxes, wm_box_index_free);
  g_clear_pointer (&self->area_list, g_ptr_array_unref);
  g_clear_object (&self->areas);
  g_clear_object (&self->buildings);
  g_clear_object (&self->facilities);
  g_clear_object (&self->basemap);
  g_clear_pointer (&self->baseline, wm_plan_baseline_unref);

  G_OBJECT_CLASS (wm_plan_parent_class)->dispose (object);
}

static void
wm_plan_finalize (GObject *object)
{
  WmPlan *self = WM_PLAN (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->attribution, g_free);

  G_OBJECT_CLASS (wm_plan_parent_class)->finalize (object);
}

static void
wm_plan_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WmPlan *self = WM_PLAN (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_ATTRIBUTION:
      g_value_set_string (value, self->attribution);
      break;
    case PROP_ILLUSTRATIVE:
      g_value_set_boolean (value, self->illustrative);
      break;
    case PROP_ACTIVE_SCENARIO:
      g_value_set_object (value, self->active_scenario);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_plan_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  WmPlan *self = WM_PLAN (object);

  switch (prop_id)
    {
    case PROP_NAME:
      wm_plan_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      wm_plan_set_description (self, g_value_get_string (value));
      break;
    case PROP_ATTRIBUTION:
      wm_plan_set_attribution (self, g_value_get_string (value));
      break;
    case PROP_ILLUSTRATIVE:
      wm_plan_set_illustrative (self, g_value_get_boolean (value));
      break;
    case PROP_ACTIVE_SCENARIO:
      wm_plan_set_active_scenario (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_plan_class_init (WmPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = wm_plan_dispose;
  object_class->finalize = wm_plan_finalize;
  object_class->get_property = wm_plan_get_property;
  object_class->set_property = wm_plan_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, rw);
  properties[PROP_ATTRIBUTION] = g_param_spec_string ("attribution", NULL, NULL, NULL, rw);
  properties[PROP_ILLUSTRATIVE] = g_param_spec_boolean ("illustrative", NULL, NULL, FALSE, rw);
  properties[PROP_ACTIVE_SCENARIO] =
    g_param_spec_object ("active-scenario", NULL, NULL, WM_TYPE_SCENARIO, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[BASELINE_REPLACED] =
    g_signal_new ("baseline-replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wm_plan_init (WmPlan *self)
{
  self->areas = g_list_store_new (WM_TYPE_AREA);
  self->buildings = g_list_store_new (WM_TYPE_BUILDING);
  self->facilities = g_list_store_new (WM_TYPE_FACILITY);
  self->basemap = wm_basemap_new ();
  self->baseline = wm_plan_baseline_new_empty ();
  /* Keyed by the objects' own ids (immutable; the value is a reference). */
  self->area_index = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->building_index = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->facility_index = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->scenarios = g_list_store_new (WM_TYPE_SCENARIO);
  self->targets = wm_targets_new ();
  self->checklist_state = wm_checklist_state_new ();
  g_signal_connect (self->targets, "notify", G_CALLBACK (member_notify_cb), self);
  g_signal_connect (self->checklist_state, "notify", G_CALLBACK (member_notify_cb), self);
  g_signal_connect (self->checklist_state, "entry-changed",
                    G_CALLBACK (checklist_entry_changed_cb), self);
}

WmPlan *
wm_plan_new (void)
{
  WmPlan *self = g_object_new (WM_TYPE_PLAN, NULL);
  g_autoptr(WmScenario) scenario = wm_scenario_new ("scenario-1", _("Plan"));

  wm_plan_add_scenario (self, scenario);
  wm_plan_set_active_scenario (self, scenario);

  return self;
}

const char *
wm_plan_get_name (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  return self->name;
}

void
wm_plan_set_name (WmPlan     *self,
                  const char *name)
{
  g_return_if_fail (WM_IS_PLAN (self));

  if (!wm_set_str (&self->name, name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  emit_changed (self);
}

const char *
wm_plan_get_description (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  return self->description;
}

void
wm_plan_set_description (WmPlan     *self,
                         const char *description)
{
  g_return_if_fail (WM_IS_PLAN (self));

  if (!wm_set_str (&self->description, description))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  emit_changed (self);
}

const char *
wm_plan_get_attribution (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  return self->attribution;
}

void
wm_plan_set_attribution (WmPlan     *self,
                         const char *attribution)
{
  g_return_if_fail (WM_IS_PLAN (self));

  if (!wm_set_str (&self->attribution, attribution))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTRIBUTION]);
  emit_changed (self);
}

gboolean
wm_plan_get_illustrative (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), FALSE);

  return self->illustrative;
}

void
wm_plan_set_illustrative (WmPlan   *self,
                          gboolean  illustrative)
{
  g_return_if_fail (WM_IS_PLAN (self));

  illustrative = !!illustrative;
  if (self->illustrative == illustrative)
    return;

  self->illustrative = illustrative;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ILLUSTRATIVE]);
  emit_changed (self);
}

int
wm_plan_get_srs_id (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), 0);

  return WM_SRS_RD_NEW;
}

GListModel *
wm_plan_get_areas (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  return G_LIST_MODEL (self->areas);
}

GListModel *
wm_plan_get_buildings (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  return G_LIST_MODEL (self->buildings);
}

GListModel *
wm_plan_get_facilities (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  return G_LIST_MODEL (self->facilities);
}

WmBasemap *
wm_plan_get_basemap (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  return self->basemap;
}

/* The baseline to change in place: a copy when a snapshot or file handle shares the current one,
 * which stays as it was. */
static WmPlanBaseline *
baseline_for_change (WmPlan *self)
{
  if (wm_plan_baseline_is_shared (self->baseline))
    {
      WmPlanBaseline *copy = wm_plan_baseline_copy (self->baseline);

      wm_plan_baseline_unref (self->baseline);
      self->baseline = copy;
    }
  return self->baseline;
}

WmPlanBaseline *
wm_plan_get_baseline (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  /* The base map is filled directly (wm_basemap_add) and only grows, so a different count
   * means features to take over. */
  if (wm_plan_baseline_get_n_basemap_features (self->baseline) !=
      wm_basemap_get_n_features (self->basemap))
    wm_plan_baseline_sync_basemap (baseline_for_change (self), self->basemap);
  return self->baseline;
}

/* An index id -> object over @items, keyed by the objects' own ids (immutable, and the table
 * holds a reference to each), so it costs no copy of the id. */
static GHashTable *
index_items (GPtrArray *items, const char *(*get_id) (gpointer item))
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);

  for (guint i = 0; i < items->len; i++)
    g_hash_table_replace (index, (gpointer) get_id (items->pdata[i]),
                          g_object_ref (items->pdata[i]));
  return index;
}

static void
replace_store (GListStore *store, GPtrArray *items)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (n > 0 || items->len > 0)
    g_list_store_splice (store, 0, n, items->pdata, items->len);
}

void
wm_plan_set_baseline (WmPlan         *self,
                      WmPlanBaseline *baseline)
{
  WmPlanBaseline *old;

  g_return_if_fail (WM_IS_PLAN (self));
  g_return_if_fail (baseline != NULL);

  if (baseline == self->baseline)
    return;

  /* Everything a listener may read is new before the first list says so. */
  old = self->baseline;
  self->baseline = wm_plan_baseline_ref (baseline);
  g_clear_pointer (&self->area_index, g_hash_table_unref);
  g_clear_pointer (&self->building_index, g_hash_table_unref);
  g_clear_pointer (&self->facility_index, g_hash_table_unref);
  self->area_index = index_items (wm_plan_baseline_get_areas (baseline),
                                  (gpointer) wm_area_get_id);
  self->building_index = index_items (wm_plan_baseline_get_buildings (baseline),
                                      (gpointer) wm_building_get_id);
  self->facility_index = index_items (wm_plan_baseline_get_facilities (baseline),
                                      (gpointer) wm_facility_get_id);
  g_clear_pointer (&self->area_boxes, wm_box_index_free);
  g_clear_pointer (&self->area_list, g_ptr_array_unref);
  g_clear_object (&self->basemap);
  self->basemap = wm_basemap_new ();
  for (guint k = 0; k < WM_N_BASEMAP_CLASSES; k++)
    {
      GPtrArray *features = wm_plan_baseline_get_basemap_features (baseline, k);

      for (guint i = 0; i < features->len; i++)
        wm_basemap_add (self->basemap, features->pdata[i]);
    }

  self->replacing_baseline = TRUE;
  replace_store (self->areas, wm_plan_baseline_get_areas (baseline));
  replace_store (self->buildings, wm_plan_baseline_get_buildings (baseline));
  replace_store (self->facilities, wm_plan_baseline_get_facilities (baseline));
  self->replacing_baseline = FALSE;
  wm_plan_baseline_unref (old);

  g_signal_emit (self, signals[BASELINE_REPLACED], 0);
  emit_changed (self);
}

gboolean
wm_plan_get_replacing_baseline (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), FALSE);

  return self->replacing_baseline;
}

WmAddressBook *
wm_plan_get_addresses (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  return wm_plan_baseline_get_addresses (self->baseline);
}

void
wm_plan_add_area (WmPlan *self,
                  WmArea *area)
{
  g_return_if_fail (WM_IS_PLAN (self));
  g_return_if_fail (WM_IS_AREA (area));

  g_hash_table_replace (self->area_index, (gpointer) wm_area_get_id (area), g_object_ref (area));
  g_list_store_append (self->areas, area);
  wm_plan_baseline_append_area (baseline_for_change (self), area);
  g_clear_pointer (&self->area_boxes, wm_box_index_free);
  g_clear_pointer (&self->area_list, g_ptr_array_unref);
  emit_changed (self);
}

/* A building's area is always its centroid's: a stored area id is only a cache of that and is
 * corrected here, so that a file edited elsewhere cannot move dwellings between areas. */
void
wm_plan_add_building (WmPlan     *self,
                      WmBuilding *building)
{
  WmPoint c;
  WmArea *area;
  const char *area_id;

  g_return_if_fail (WM_IS_PLAN (self));
  g_return_if_fail (WM_IS_BUILDING (building));

  c = wm_geometry_centroid (wm_building_get_footprint (building));
  area = wm_plan_area_at (self, c.x, c.y);
  area_id = area != NULL ? wm_area_get_id (area) : NULL;
  if (g_strcmp0 (wm_building_get_area_id (building), area_id) != 0)
    wm_building_set_area_id (building, area_id);

  g_hash_table_replace (self->building_index, (gpointer) wm_building_get_id (building),
                        g_object_ref (building));
  g_list_store_append (self->buildings, building);
  wm_plan_baseline_append_building (baseline_for_change (self), building);
  emit_changed (self);
}

void
wm_plan_add_facility (WmPlan     *self,
                      WmFacility *facility)
{
  g_return_if_fail (WM_IS_PLAN (self));
  g_return_if_fail (WM_IS_FACILITY (facility));

  g_hash_table_replace (self->facility_index, (gpointer) wm_facility_get_id (facility),
                        g_object_ref (facility));
  g_list_store_append (self->facilities, facility);
  wm_plan_baseline_append_facility (baseline_for_change (self), facility);
  emit_changed (self);
}

WmArea *
wm_plan_find_area (WmPlan     *self,
                   const char *id)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->area_index, id) : NULL;
}

WmBuilding *
wm_plan_find_building (WmPlan     *self,
                       const char *id)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->building_index, id) : NULL;
}

WmFacility *
wm_plan_find_facility (WmPlan     *self,
                       const char *id)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->facility_index, id) : NULL;
}

static void
build_area_boxes (WmPlan *self)
{
  GListModel *model = G_LIST_MODEL (self->areas);
  guint n = g_list_model_get_n_items (model);
  g_autofree WmBounds *boxes = g_new (WmBounds, MAX (n, 1));

  self->area_list = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmArea) area = g_list_model_get_item (model, i);

      boxes[i] = wm_area_get_boundary (area)->bounds;
      g_ptr_array_add (self->area_list, area);
    }
  self->area_boxes = wm_box_index_new (boxes, n);
}

typedef struct
{
  WmPlan *plan;
  double x, y;
} AreaAt;

static gboolean
area_contains_cb (guint    id,
                  gpointer user_data)
{
  AreaAt *at = user_data;
  WmArea *area = g_ptr_array_index (at->plan->area_list, id);

  return wm_geometry_contains_point (wm_area_get_boundary (area), at->x, at->y);
}

/* The first area in the list that contains the point, as a scan of the list would find, but
 * testing only the areas whose bounding box holds it. */
WmArea *
wm_plan_area_at (WmPlan *self,
                 double  x,
                 double  y)
{
  AreaAt at = { self, x, y };
  guint id;

  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  if (self->area_boxes == NULL)
    build_area_boxes (self);

  id = wm_box_index_query_point (self->area_boxes, x, y, area_contains_cb, &at);

  return id != G_MAXUINT ? g_ptr_array_index (self->area_list, id) : NULL;
}

static void
union_geometry (WmBounds         *bounds,
                const WmGeometry *geometry)
{
  if (geometry != NULL)
    wm_bounds_union (bounds, &geometry->bounds);
}

WmBounds
wm_plan_get_bounds (WmPlan *self)
{
  WmBounds bounds = wm_bounds_empty ();
  WmBounds basemap_bounds;
  GListModel *model;
  guint n;

  g_return_val_if_fail (WM_IS_PLAN (self), bounds);

  model = G_LIST_MODEL (self->areas);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmArea) area = g_list_model_get_item (model, i);

      union_geometry (&bounds, wm_area_get_boundary (area));
    }

  model = G_LIST_MODEL (self->buildings);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmBuilding) building = g_list_model_get_item (model, i);

      union_geometry (&bounds, wm_building_get_footprint (building));
    }

  model = G_LIST_MODEL (self->facilities);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmFacility) facility = g_list_model_get_item (model, i);
      WmPoint p = wm_facility_get_location (facility);
      WmBounds point = { p.x, p.y, p.x, p.y };

      wm_bounds_union (&bounds, &point);
    }

  basemap_bounds = wm_basemap_get_bounds (self->basemap);
  if (!wm_bounds_is_empty (&basemap_bounds))
    wm_bounds_union (&bounds, &basemap_bounds);

  /* Proposed geometry may lie outside the baseline (new build on open land). */
  model = G_LIST_MODEL (self->scenarios);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmScenario) scenario = g_list_model_get_item (model, i);
      GListModel *proposals = wm_scenario_get_proposals (scenario);
      guint n_proposals = g_list_model_get_n_items (proposals);

      for (guint j = 0; j < n_proposals; j++)
        {
          g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, j);

          union_geometry (&bounds, wm_proposal_get_geometry (proposal));
        }
    }

  return bounds;
}

WmDwellingMix
wm_plan_get_baseline_dwellings (WmPlan     *self,
                                const char *area_id)
{
  WmDwellingMix sum = { { 0 } };
  GListModel *model;
  guint n;

  g_return_val_if_fail (WM_IS_PLAN (self), sum);

  model = G_LIST_MODEL (self->buildings);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmBuilding) building = g_list_model_get_item (model, i);
      const WmDwellingMix *mix;

      if (area_id != NULL && g_strcmp0 (wm_building_get_area_id (building), area_id) != 0)
        continue;

      mix = wm_building_get_dwellings (building);
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        sum.counts[s] += mix->counts[s];
    }

  return sum;
}

GListModel *
wm_plan_get_scenarios (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  return G_LIST_MODEL (self->scenarios);
}

void
wm_plan_add_scenario (WmPlan     *self,
                      WmScenario *scenario)
{
  g_return_if_fail (WM_IS_PLAN (self));
  g_return_if_fail (WM_IS_SCENARIO (scenario));
  g_return_if_fail (!g_list_store_find (self->scenarios, scenario, NULL));

  g_signal_connect_object (scenario, "changed", G_CALLBACK (scenario_changed_cb), self, 0);
  g_list_store_append (self->scenarios, scenario);
  emit_changed (self);
}

gboolean
wm_plan_remove_scenario (WmPlan     *self,
                         WmScenario *scenario)
{
  g_autoptr(WmScenario) removed = NULL;
  guint position;
  guint n;

  g_return_val_if_fail (WM_IS_PLAN (self), FALSE);
  g_return_val_if_fail (WM_IS_SCENARIO (scenario), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->scenarios));
  if (n <= 1 || !g_list_store_find (self->scenarios, scenario, &position))
    return FALSE;

  /* The active one moves to its neighbour first (the next one, or the previous at the end),
   * so that listeners to items-changed never see a removed scenario as active. */
  if (self->active_scenario == scenario)
    {
      guint next_position = position + 1 < n ? position + 1 : position - 1;
      g_autoptr(WmScenario) next =
        g_list_model_get_item (G_LIST_MODEL (self->scenarios), next_position);

      wm_plan_set_active_scenario (self, next);
    }

  removed = g_object_ref (scenario);
  g_signal_handlers_disconnect_by_func (scenario, scenario_changed_cb, self);
  g_list_store_remove (self->scenarios, position);

  emit_changed (self);

  return TRUE;
}

WmScenario *
wm_plan_find_scenario (WmPlan     *self,
                       const char *id_or_name)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  if (id_or_name == NULL)
    return NULL;

  model = G_LIST_MODEL (self->scenarios);
  n = g_list_model_get_n_items (model);

  /* Ids win over names, so a scenario named like another's id cannot hide it. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(WmScenario) scenario = g_list_model_get_item (model, i);
          const char *s = pass == 0 ? wm_scenario_get_id (scenario)
                                    : wm_scenario_get_name (scenario);

          if (g_strcmp0 (s, id_or_name) == 0)
            return scenario;
        }
    }

  return NULL;
}

WmScenario *
wm_plan_get_active_scenario (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  return self->active_scenario;
}

/* Which scenario is active is saved with the plan, so switching is a change too. */
void
wm_plan_set_active_scenario (WmPlan     *self,
                             WmScenario *scenario)
{
  g_return_if_fail (WM_IS_PLAN (self));
  g_return_if_fail (WM_IS_SCENARIO (scenario));
  g_return_if_fail (g_list_store_find (self->scenarios, scenario, NULL));

  if (!g_set_object (&self->active_scenario, scenario))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_SCENARIO]);
  emit_changed (self);
}

WmTargets *
wm_plan_get_targets (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  return self->targets;
}

WmChecklistState *
wm_plan_get_checklist_state (WmPlan *self)
{
  g_return_val_if_fail (WM_IS_PLAN (self), NULL);

  return self->checklist_state;
}

/* The number after "<prefix>-" in @id, or 0 when @id is not of that form. */
static guint64
id_suffix (const char *id,
           const char *prefix,
           gsize       prefix_len)
{
  const char *digits;
  guint64 n;

  if (id == NULL || strncmp (id, prefix, prefix_len) != 0 || id[prefix_len] != '-')
    return 0;

  digits = id + prefix_len + 1;
  if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT32, &n, NULL))
    return 0;

  return n;
}

static void
max_suffix_in_store (GListModel  *model,
                     const char *(*get_id) (gpointer item),
                     const char  *prefix,
                     gsize        prefix_len,
                     guint64     *max)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      *max = MAX (*max, id_suffix (get_id (item), prefix, prefix_len));
    }
}

char *
wm_plan_new_id (WmPlan     *self,
                const char *prefix)
{
  GListModel *scenarios;
  guint64 max = 0;
  gsize prefix_len;
  guint n;

  g_return_val_if_fail (WM_IS_PLAN (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  prefix_len = strlen (prefix);
  max_suffix_in_store (G_LIST_MODEL (self->areas), (gpointer) wm_area_get_id,
                       prefix, prefix_len, &max);
  max_suffix_in_store (G_LIST_MODEL (self->buildings), (gpointer) wm_building_get_id,
                       prefix, prefix_len, &max);
  max_suffix_in_store (G_LIST_MODEL (self->facilities), (gpointer) wm_facility_get_id,
                       prefix, prefix_len, &max);
  max_suffix_in_store (G_LIST_MODEL (self->scenarios), (gpointer) wm_scenario_get_id,
                       prefix, prefix_len, &max);

  scenarios = G_LIST_MODEL (self->scenarios);
  n = g_list_model_get_n_items (scenarios);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmScenario) scenario = g_list_model_get_item (scenarios, i);

      max_suffix_in_store (wm_scenario_get_proposals (scenario), (gpointer) wm_proposal_get_id,
                           prefix, prefix_len, &max);
    }

  return g_strdup_printf ("%s-%" G_GUINT64_FORMAT, prefix, max + 1);
}

typedef gboolean (*EqualFunc) (gpointer a, gpointer b);

static gboolean
models_equal (GListModel *a,
              GListModel *b,
              EqualFunc   equal)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) x = g_list_model_get_item (a, i);
      g_autoptr(GObject) y = g_list_model_get_item (b, i);

      if (!equal (x, y))
        return FALSE;
    }

  return TRUE;
}

static gboolean
basemaps_equal (WmBasemap *a,
                WmBasemap *b)
{
  for (guint k = 0; k < WM_N_BASEMAP_CLASSES; k++)
    {
      GPtrArray *fa = wm_basemap_get_features (a, k);
      GPtrArray *fb = wm_basemap_get_features (b, k);

      if (fa->len != fb->len)
        return FALSE;

      for (guint i = 0; i < fa->len; i++)
        {
          if (!wm_basemap_feature_equal (g_ptr_array_index (fa, i), g_ptr_array_index (fb, i)))
            return FALSE;
        }
    }

  return TRUE;
}

static int
active_position (WmPlan *self)
{
  guint position;

  if (self->active_scenario == NULL ||
      !g_list_store_find (self->scenarios, self->active_scenario, &position))
    return -1;

  return (int) position;
}

gboolean
wm_plan_equal (WmPlan *a,
               WmPlan *b)
{
  g_return_val_if_fail (WM_IS_PLAN (a), FALSE);
  g_return_val_if_fail (WM_IS_PLAN (b), FALSE);

  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         g_strcmp0 (a->attribution, b->attribution) == 0 &&
         a->illustrative == b->illustrative &&
         models_equal (G_LIST_MODEL (a->areas), G_LIST_MODEL (b->areas),
                       (EqualFunc) wm_area_equal) &&
         models_equal (G_LIST_MODEL (a->buildings), G_LIST_MODEL (b->buildings),
                       (EqualFunc) wm_building_equal) &&
         models_equal (G_LIST_MODEL (a->facilities), G_LIST_MODEL (b->facilities),
                       (EqualFunc) wm_facility_equal) &&
         basemaps_equal (a->basemap, b->basemap) &&
         wm_address_book_equal (wm_plan_get_addresses (a), wm_plan_get_addresses (b)) &&
         models_equal (G_LIST_MODEL (a->scenarios), G_LIST_MODEL (b->scenarios),
                       (EqualFunc) wm_scenario_equal) &&
         active_position (a) == active_position (b) &&
         wm_targets_equal (a->targets, b->targets) &&
         wm_checklist_state_equal (a->checklist_state, b->checklist_state);
}
