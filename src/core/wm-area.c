/* wm-area.c: a sub-area of the neighbourhood (a CBS buurt or a grid cell) */
#include "config.h"

#include <math.h>

#include "wm-area.h"
#include "wm-string-private.h"

struct _WmArea
{
  GObject parent_instance;

  char *id;
  char *name;
  WmGeometry *boundary;
  WmAreaFigures *figures; /* NULL: none */
};

G_DEFINE_FINAL_TYPE (WmArea, wm_area, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_area_finalize (GObject *object)
{
  WmArea *self = WM_AREA (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->boundary, wm_geometry_unref);
  g_clear_pointer (&self->figures, g_free);

  G_OBJECT_CLASS (wm_area_parent_class)->finalize (object);
}

static void
wm_area_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WmArea *self = WM_AREA (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_area_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  WmArea *self = WM_AREA (object);

  switch (prop_id)
    {
    case PROP_NAME:
      wm_area_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_area_class_init (WmAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_area_finalize;
  object_class->get_property = wm_area_get_property;
  object_class->set_property = wm_area_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_area_init (WmArea *self)
{
}

WmArea *
wm_area_new (const char *id,
             const char *name,
             WmGeometry *boundary)
{
  WmArea *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (boundary != NULL, NULL);

  self = g_object_new (WM_TYPE_AREA, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->boundary = wm_geometry_ref (boundary);

  return self;
}

const char *
wm_area_get_id (WmArea *self)
{
  g_return_val_if_fail (WM_IS_AREA (self), NULL);

  return self->id;
}

const char *
wm_area_get_name (WmArea *self)
{
  g_return_val_if_fail (WM_IS_AREA (self), NULL);

  return self->name;
}

void
wm_area_set_name (WmArea     *self,
                  const char *name)
{
  g_return_if_fail (WM_IS_AREA (self));

  if (wm_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

WmGeometry *
wm_area_get_boundary (WmArea *self)
{
  g_return_val_if_fail (WM_IS_AREA (self), NULL);

  return self->boundary;
}

/* Two unavailable figures are equal; NAN == NAN is not. */
static gboolean
figure_equal (double a, double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static gboolean
figures_equal (const WmAreaFigures *a, const WmAreaFigures *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return figure_equal (a->pct_corporation_rent, b->pct_corporation_rent) &&
         figure_equal (a->pct_other_rent, b->pct_other_rent) &&
         figure_equal (a->pct_owner, b->pct_owner) &&
         figure_equal (a->dwellings, b->dwellings) &&
         figure_equal (a->mean_woz, b->mean_woz) &&
         figure_equal (a->inhabitants, b->inhabitants) &&
         a->year == b->year;
}

gboolean
wm_area_equal (WmArea *a,
               WmArea *b)
{
  g_return_val_if_fail (WM_IS_AREA (a), FALSE);
  g_return_val_if_fail (WM_IS_AREA (b), FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         wm_geometry_equal (a->boundary, b->boundary) &&
         figures_equal (a->figures, b->figures);
}

void
wm_area_figures_init (WmAreaFigures *figures)
{
  g_return_if_fail (figures != NULL);

  figures->pct_corporation_rent = NAN;
  figures->pct_other_rent = NAN;
  figures->pct_owner = NAN;
  figures->dwellings = NAN;
  figures->mean_woz = NAN;
  figures->inhabitants = NAN;
  figures->year = 0;
}

gboolean
wm_area_get_figures (WmArea        *self,
                     WmAreaFigures *out)
{
  g_return_val_if_fail (WM_IS_AREA (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (self->figures == NULL)
    {
      wm_area_figures_init (out);
      return FALSE;
    }
  *out = *self->figures;
  return TRUE;
}

void
wm_area_set_figures (WmArea              *self,
                     const WmAreaFigures *figures)
{
  g_return_if_fail (WM_IS_AREA (self));

  g_clear_pointer (&self->figures, g_free);
  if (figures != NULL)
    self->figures = g_memdup2 (figures, sizeof *figures);
}
