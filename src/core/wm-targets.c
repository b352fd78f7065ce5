/* wm-targets.c: the project's housing targets (editable, stored in the project file) */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "wm-targets.h"

struct _WmTargets
{
  GObject parent_instance;

  double values[WM_N_TARGETS]; /* in WmTarget order */
};

G_DEFINE_FINAL_TYPE (WmTargets, wm_targets, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_AFFORDABLE_NEW_BUILD,
  PROP_SOCIAL_RENT_STOCK,
  PROP_CLOSE_MARGIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Meta keys, in property order. */
static const char *const meta_keys[] = {
  "target.affordable_new_build",
  "target.social_rent_stock",
  "target.close_margin",
};

static const double defaults[] = {
  WM_TARGETS_DEFAULT_AFFORDABLE_NEW_BUILD,
  WM_TARGETS_DEFAULT_SOCIAL_RENT_STOCK,
  WM_TARGETS_DEFAULT_CLOSE_MARGIN,
};

const char *
wm_target_status_key (WmTargetStatus status)
{
  switch (status)
    {
    case WM_TARGET_STATUS_MET:
      return "met";
    case WM_TARGET_STATUS_CLOSE:
      return "close";
    case WM_TARGET_STATUS_MISSED:
    default:
      return "missed";
    }
}

const char *
wm_target_status_label (WmTargetStatus status)
{
  switch (status)
    {
    case WM_TARGET_STATUS_MET:
      return _("Met");
    case WM_TARGET_STATUS_CLOSE:
      return _("Close");
    case WM_TARGET_STATUS_MISSED:
    default:
      return _("Missed");
    }
}

static void
set_value (WmTargets *self,
           guint      index,
           double     value)
{
  g_return_if_fail (WM_IS_TARGETS (self));
  g_return_if_fail (value >= 0.0 && value <= 1.0);

  if (self->values[index] == value)
    return;
  self->values[index] = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AFFORDABLE_NEW_BUILD + index]);
}

static void
wm_targets_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WmTargets *self = WM_TARGETS (object);

  switch (prop_id)
    {
    case PROP_AFFORDABLE_NEW_BUILD:
    case PROP_SOCIAL_RENT_STOCK:
    case PROP_CLOSE_MARGIN:
      g_value_set_double (value, self->values[prop_id - PROP_AFFORDABLE_NEW_BUILD]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_targets_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WmTargets *self = WM_TARGETS (object);

  switch (prop_id)
    {
    case PROP_AFFORDABLE_NEW_BUILD:
    case PROP_SOCIAL_RENT_STOCK:
    case PROP_CLOSE_MARGIN:
      set_value (self, prop_id - PROP_AFFORDABLE_NEW_BUILD, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_targets_class_init (WmTargetsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = wm_targets_get_property;
  object_class->set_property = wm_targets_set_property;

  properties[PROP_AFFORDABLE_NEW_BUILD] =
    g_param_spec_double ("affordable-new-build", NULL, NULL, 0.0, 1.0, defaults[0], flags);
  properties[PROP_SOCIAL_RENT_STOCK] =
    g_param_spec_double ("social-rent-stock", NULL, NULL, 0.0, 1.0, defaults[1], flags);
  properties[PROP_CLOSE_MARGIN] =
    g_param_spec_double ("close-margin", NULL, NULL, 0.0, 1.0, defaults[2], flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_targets_init (WmTargets *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    self->values[i] = defaults[i];
}

WmTargets *
wm_targets_new (void)
{
  return g_object_new (WM_TYPE_TARGETS, NULL);
}

/* The plan owns its targets; this name stays for the callers. */
WmTargets *
wm_targets_get_for_plan (WmPlan *plan)
{
  return wm_plan_get_targets (plan);
}

double
wm_targets_get_affordable_new_build (WmTargets *self)
{
  g_return_val_if_fail (WM_IS_TARGETS (self), 0.0);
  return self->values[WM_TARGET_AFFORDABLE_NEW_BUILD];
}

void
wm_targets_set_affordable_new_build (WmTargets *self,
                                     double     fraction)
{
  set_value (self, WM_TARGET_AFFORDABLE_NEW_BUILD, fraction);
}

double
wm_targets_get_social_rent_stock (WmTargets *self)
{
  g_return_val_if_fail (WM_IS_TARGETS (self), 0.0);
  return self->values[WM_TARGET_SOCIAL_RENT_STOCK];
}

void
wm_targets_set_social_rent_stock (WmTargets *self,
                                  double     fraction)
{
  set_value (self, WM_TARGET_SOCIAL_RENT_STOCK, fraction);
}

double
wm_targets_get_close_margin (WmTargets *self)
{
  g_return_val_if_fail (WM_IS_TARGETS (self), 0.0);
  return self->values[WM_TARGET_CLOSE_MARGIN];
}

void
wm_targets_set_close_margin (WmTargets *self,
                             double     fraction)
{
  set_value (self, WM_TARGET_CLOSE_MARGIN, fraction);
}

WmTargetStatus
wm_targets_evaluate (WmTargets *self,
                     double     value,
                     double     target)
{
  g_return_val_if_fail (WM_IS_TARGETS (self), WM_TARGET_STATUS_MISSED);

  /* A small tolerance so that e.g. 2 of 3 counts as meeting a target of 2/3. */
  if (value >= target - 1e-9)
    return WM_TARGET_STATUS_MET;
  if (value >= target - self->values[WM_TARGET_CLOSE_MARGIN] - 1e-9)
    return WM_TARGET_STATUS_CLOSE;
  return WM_TARGET_STATUS_MISSED;
}

gboolean
wm_targets_equal (WmTargets *a,
                  WmTargets *b)
{
  g_return_val_if_fail (WM_IS_TARGETS (a), FALSE);
  g_return_val_if_fail (WM_IS_TARGETS (b), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (a->values); i++)
    if (a->values[i] != b->values[i])
      return FALSE;
  return TRUE;
}

void
wm_targets_copy_from (WmTargets *self,
                      WmTargets *other)
{
  g_return_if_fail (WM_IS_TARGETS (self));
  g_return_if_fail (WM_IS_TARGETS (other));

  for (guint i = 0; i < G_N_ELEMENTS (self->values); i++)
    set_value (self, i, other->values[i]);
}

char **
wm_targets_to_meta (WmTargets *self)
{
  GStrvBuilder *builder;
  char **result;

  g_return_val_if_fail (WM_IS_TARGETS (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < G_N_ELEMENTS (meta_keys); i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_strv_builder_add (builder, meta_keys[i]);
      /* Shortest round-trip representation, independent of the locale. */
      g_strv_builder_add (builder, g_ascii_dtostr (buf, sizeof buf, self->values[i]));
    }
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return result;
}

gboolean
wm_targets_set_meta (WmTargets  *self,
                     const char *key,
                     const char *value)
{
  g_return_val_if_fail (WM_IS_TARGETS (self), FALSE);

  if (key == NULL || value == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (meta_keys); i++)
    {
      char *end = NULL;
      double v;

      if (!g_str_equal (key, meta_keys[i]))
        continue;
      v = g_ascii_strtod (value, &end);
      if (end == value || *end != '\0' || !isfinite (v) || v < 0.0 || v > 1.0)
        return FALSE;
      set_value (self, i, v);
      return TRUE;
    }

  return FALSE;
}

const char *
wm_target_label (WmTarget target)
{
  switch (target)
    {
    case WM_TARGET_AFFORDABLE_NEW_BUILD:
      return _("Affordable share of new build");
    case WM_TARGET_SOCIAL_RENT_STOCK:
      return _("Social rent share of the stock");
    case WM_TARGET_CLOSE_MARGIN:
      return _("Margin for “close”");
    case WM_N_TARGETS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The values are stored in WmTarget order. */
double
wm_targets_get_target (WmTargets *self, WmTarget target)
{
  g_return_val_if_fail (WM_IS_TARGETS (self), 0.0);
  g_return_val_if_fail (target < WM_N_TARGETS, 0.0);
  return self->values[target];
}

void
wm_targets_set_target (WmTargets *self, WmTarget target, double fraction)
{
  g_return_if_fail (target < WM_N_TARGETS);
  set_value (self, target, fraction);
}
