/* wm-facility.c: a shared facility where residents cross paths */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-facility.h"
#include "wm-string-private.h"

static const struct
{
  const char *key;
  const char *label;
} facility_types[WM_N_FACILITY_TYPES] = {
  [WM_FACILITY_COMMUNITY_CENTRE] = { "community_centre", N_("Community centre") },
  [WM_FACILITY_SHARED_GARDEN] = { "shared_garden", N_("Shared garden") },
  [WM_FACILITY_PLAYGROUND] = { "playground", N_("Playground") },
  [WM_FACILITY_SCHOOL] = { "school", N_("School") },
  [WM_FACILITY_LIBRARY] = { "library", N_("Library") },
  [WM_FACILITY_HEALTH_CENTRE] = { "health_centre", N_("Health centre") },
  [WM_FACILITY_SPORTS] = { "sports", N_("Sports facility") },
  [WM_FACILITY_SHOP] = { "shop", N_("Shop") },
  [WM_FACILITY_MEETING_SPOT] = { "meeting_spot", N_("Meeting spot") },
};

const char *
wm_facility_type_key (WmFacilityType type)
{
  g_return_val_if_fail ((guint) type < WM_N_FACILITY_TYPES, NULL);

  return facility_types[type].key;
}

gboolean
wm_facility_type_from_key (const char     *key,
                           WmFacilityType *out_type)
{
  if (key == NULL)
    return FALSE;

  for (guint i = 0; i < WM_N_FACILITY_TYPES; i++)
    {
      if (g_str_equal (key, facility_types[i].key))
        {
          if (out_type != NULL)
            *out_type = (WmFacilityType) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
wm_facility_type_label (WmFacilityType type)
{
  g_return_val_if_fail ((guint) type < WM_N_FACILITY_TYPES, NULL);

  return _(facility_types[type].label);
}

struct _WmFacility
{
  GObject parent_instance;

  char *id;
  WmFacilityType type;
  char *name;
  WmPoint location;
};

G_DEFINE_FINAL_TYPE (WmFacility, wm_facility, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_X,
  PROP_Y,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_facility_finalize (GObject *object)
{
  WmFacility *self = WM_FACILITY (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (wm_facility_parent_class)->finalize (object);
}

static void
wm_facility_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WmFacility *self = WM_FACILITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_X:
      g_value_set_double (value, self->location.x);
      break;
    case PROP_Y:
      g_value_set_double (value, self->location.y);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_facility_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WmFacility *self = WM_FACILITY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      wm_facility_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_facility_class_init (WmFacilityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = wm_facility_finalize;
  object_class->get_property = wm_facility_get_property;
  object_class->set_property = wm_facility_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_X] = g_param_spec_double ("x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_Y] = g_param_spec_double ("y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_facility_init (WmFacility *self)
{
}

WmFacility *
wm_facility_new (const char     *id,
                 WmFacilityType  type,
                 const char     *name,
                 double          x,
                 double          y)
{
  WmFacility *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail ((guint) type < WM_N_FACILITY_TYPES, NULL);

  self = g_object_new (WM_TYPE_FACILITY, NULL);
  self->id = g_strdup (id);
  self->type = type;
  self->name = g_strdup (name);
  self->location.x = x;
  self->location.y = y;

  return self;
}

const char *
wm_facility_get_id (WmFacility *self)
{
  g_return_val_if_fail (WM_IS_FACILITY (self), NULL);

  return self->id;
}

WmFacilityType
wm_facility_get_facility_type (WmFacility *self)
{
  g_return_val_if_fail (WM_IS_FACILITY (self), 0);

  return self->type;
}

const char *
wm_facility_get_name (WmFacility *self)
{
  g_return_val_if_fail (WM_IS_FACILITY (self), NULL);

  return self->name;
}

void
wm_facility_set_name (WmFacility *self,
                      const char *name)
{
  g_return_if_fail (WM_IS_FACILITY (self));

  if (wm_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

WmPoint
wm_facility_get_location (WmFacility *self)
{
  WmPoint none = { 0, 0 };

  g_return_val_if_fail (WM_IS_FACILITY (self), none);

  return self->location;
}

void
wm_facility_set_location (WmFacility *self,
                          double      x,
                          double      y)
{
  gboolean x_changed, y_changed;

  g_return_if_fail (WM_IS_FACILITY (self));

  x_changed = self->location.x != x;
  y_changed = self->location.y != y;
  self->location.x = x;
  self->location.y = y;

  if (x_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
  if (y_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y]);
}

gboolean
wm_facility_equal (WmFacility *a,
                   WmFacility *b)
{
  g_return_val_if_fail (WM_IS_FACILITY (a), FALSE);
  g_return_val_if_fail (WM_IS_FACILITY (b), FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         a->type == b->type &&
         g_strcmp0 (a->name, b->name) == 0 &&
         a->location.x == b->location.x &&
         a->location.y == b->location.y;
}

const char *
wm_coverage_kind_phrase (const char *kind)
{
  static const char *const phrases[][2] = {
    { "playground", N_("a playground") },
    { "green", N_("green space") },
    { "meeting_place", N_("a meeting place") },
    { "school", N_("a school") },
    { "shop", N_("a shop") },
    { "health_centre", N_("a health centre") },
    { "sports", N_("a sports facility") },
  };

  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (phrases); i++)
    if (g_str_equal (kind, phrases[i][0]))
      return _(phrases[i][1]);
  return NULL;
}
