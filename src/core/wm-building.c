/* wm-building.c: a building of the baseline stock with its dwellings per segment */
#include "config.h"

#include <string.h>

#include "wm-building.h"
#include "wm-string-private.h"

struct _WmBuilding
{
  GObject parent_instance;

  char *id;
  WmGeometry *footprint; /* always a multipolygon */
  /* Interned: a city's million buildings share a few hundred area ids, so one copy each. */
  const char *area_id;
  int year;
  int storeys;
  WmDwellingMix dwellings;
  char *use;
  WmTenureSource tenure_source;
};

G_DEFINE_FINAL_TYPE (WmBuilding, wm_building, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_AREA_ID,
  PROP_YEAR,
  PROP_STOREYS,
  PROP_N_DWELLINGS,
  PROP_USE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_building_finalize (GObject *object)
{
  WmBuilding *self = WM_BUILDING (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->footprint, wm_geometry_unref);
  g_clear_pointer (&self->use, g_free);

  G_OBJECT_CLASS (wm_building_parent_class)->finalize (object);
}

static void
wm_building_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WmBuilding *self = WM_BUILDING (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_AREA_ID:
      g_value_set_string (value, self->area_id);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_STOREYS:
      g_value_set_int (value, self->storeys);
      break;
    case PROP_N_DWELLINGS:
      g_value_set_int (value, wm_building_get_n_dwellings (self));
      break;
    case PROP_USE:
      g_value_set_string (value, self->use);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_building_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WmBuilding *self = WM_BUILDING (object);

  switch (prop_id)
    {
    case PROP_AREA_ID:
      wm_building_set_area_id (self, g_value_get_string (value));
      break;
    case PROP_YEAR:
      wm_building_set_year (self, g_value_get_int (value));
      break;
    case PROP_STOREYS:
      wm_building_set_storeys (self, g_value_get_int (value));
      break;
    case PROP_USE:
      wm_building_set_use (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_building_class_init (WmBuildingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = wm_building_finalize;
  object_class->get_property = wm_building_get_property;
  object_class->set_property = wm_building_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AREA_ID] = g_param_spec_string ("area-id", NULL, NULL, NULL, rw);
  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0, rw);
  properties[PROP_STOREYS] = g_param_spec_int ("storeys", NULL, NULL, 0, G_MAXINT, 0, rw);
  properties[PROP_N_DWELLINGS] =
    g_param_spec_int ("n-dwellings", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_USE] = g_param_spec_string ("use", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_building_init (WmBuilding *self)
{
}

WmBuilding *
wm_building_new (const char *id,
                 WmGeometry *footprint)
{
  WmBuilding *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (footprint != NULL, NULL);

  self = g_object_new (WM_TYPE_BUILDING, NULL);
  self->id = g_strdup (id);
  self->footprint = wm_geometry_to_multipolygon (footprint);

  return self;
}

const char *
wm_building_get_id (WmBuilding *self)
{
  g_return_val_if_fail (WM_IS_BUILDING (self), NULL);

  return self->id;
}

WmGeometry *
wm_building_get_footprint (WmBuilding *self)
{
  g_return_val_if_fail (WM_IS_BUILDING (self), NULL);

  return self->footprint;
}

const char *
wm_building_get_area_id (WmBuilding *self)
{
  g_return_val_if_fail (WM_IS_BUILDING (self), NULL);

  return self->area_id;
}

void
wm_building_set_area_id (WmBuilding *self,
                         const char *area_id)
{
  g_return_if_fail (WM_IS_BUILDING (self));

  area_id = g_intern_string (area_id);
  if (self->area_id == area_id)
    return;
  self->area_id = area_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA_ID]);
}

int
wm_building_get_year (WmBuilding *self)
{
  g_return_val_if_fail (WM_IS_BUILDING (self), 0);

  return self->year;
}

void
wm_building_set_year (WmBuilding *self,
                      int         year)
{
  g_return_if_fail (WM_IS_BUILDING (self));

  if (self->year == year)
    return;

  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

int
wm_building_get_storeys (WmBuilding *self)
{
  g_return_val_if_fail (WM_IS_BUILDING (self), 0);

  return self->storeys;
}

void
wm_building_set_storeys (WmBuilding *self,
                         int         storeys)
{
  g_return_if_fail (WM_IS_BUILDING (self));

  if (self->storeys == storeys)
    return;

  self->storeys = storeys;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOREYS]);
}

const WmDwellingMix *
wm_building_get_dwellings (WmBuilding *self)
{
  g_return_val_if_fail (WM_IS_BUILDING (self), NULL);

  return &self->dwellings;
}

void
wm_building_set_dwellings (WmBuilding          *self,
                           const WmDwellingMix *mix)
{
  WmDwellingMix value = { { 0 } };

  g_return_if_fail (WM_IS_BUILDING (self));

  if (mix != NULL)
    value = *mix;

  if (memcmp (&self->dwellings, &value, sizeof value) == 0)
    return;

  self->dwellings = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DWELLINGS]);
}

gint
wm_building_get_n_dwellings (WmBuilding *self)
{
  gint total = 0;

  g_return_val_if_fail (WM_IS_BUILDING (self), 0);

  for (guint i = 0; i < WM_N_SEGMENTS; i++)
    total += self->dwellings.counts[i];

  return total;
}

const char *
wm_building_get_use (WmBuilding *self)
{
  g_return_val_if_fail (WM_IS_BUILDING (self), NULL);

  return self->use;
}

void
wm_building_set_use (WmBuilding *self,
                     const char *use)
{
  g_return_if_fail (WM_IS_BUILDING (self));

  if (wm_set_str (&self->use, use))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USE]);
}

gboolean
wm_building_equal (WmBuilding *a,
                   WmBuilding *b)
{
  g_return_val_if_fail (WM_IS_BUILDING (a), FALSE);
  g_return_val_if_fail (WM_IS_BUILDING (b), FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         wm_geometry_equal (a->footprint, b->footprint) &&
         g_strcmp0 (a->area_id, b->area_id) == 0 &&
         a->year == b->year &&
         a->storeys == b->storeys &&
         memcmp (&a->dwellings, &b->dwellings, sizeof a->dwellings) == 0 &&
         g_strcmp0 (a->use, b->use) == 0 &&
         a->tenure_source == b->tenure_source;
}

static const char *const tenure_source_keys[] = { "stated", "estimated", "listed" };

const char *
wm_tenure_source_key (WmTenureSource source)
{
  g_return_val_if_fail (source <= WM_TENURE_LISTED, NULL);
  return tenure_source_keys[source];
}

gboolean
wm_tenure_source_from_key (const char   *key,
                           WmTenureSource *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (tenure_source_keys); i++)
    if (g_strcmp0 (key, tenure_source_keys[i]) == 0)
      {
        *out = (WmTenureSource) i;
        return TRUE;
      }
  return FALSE;
}

WmTenureSource
wm_building_get_tenure_source (WmBuilding *self)
{
  g_return_val_if_fail (WM_IS_BUILDING (self), WM_TENURE_STATED);
  return self->tenure_source;
}

void
wm_building_set_tenure_source (WmBuilding    *self,
                               WmTenureSource source)
{
  g_return_if_fail (WM_IS_BUILDING (self));
  g_return_if_fail (source <= WM_TENURE_LISTED);
  self->tenure_source = source;
}

WmBuilding *
wm_building_copy (WmBuilding *self)
{
  WmBuilding *copy;

  g_return_val_if_fail (WM_IS_BUILDING (self), NULL);

  copy = wm_building_new (self->id, self->footprint);
  copy->area_id = self->area_id;
  copy->year = self->year;
  copy->storeys = self->storeys;
  copy->dwellings = self->dwellings;
  copy->use = g_strdup (self->use);
  copy->tenure_source = self->tenure_source;
  return copy;
}
