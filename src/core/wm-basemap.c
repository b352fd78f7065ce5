/* wm-basemap.c: the project's own topographic features, drawn offline as the base map */
#include "config.h"

#include "wm-basemap.h"

static const char *const class_keys[WM_N_BASEMAP_CLASSES] = {
  [WM_BASEMAP_ROAD] = "road",
  [WM_BASEMAP_WATER] = "water",
  [WM_BASEMAP_GREEN] = "green",
  [WM_BASEMAP_TERRAIN] = "terrain",
  [WM_BASEMAP_BUILDING] = "building",
  [WM_BASEMAP_LABEL] = "label",
};

const char *
wm_basemap_class_key (WmBasemapClass klass)
{
  g_return_val_if_fail ((guint) klass < WM_N_BASEMAP_CLASSES, NULL);

  return class_keys[klass];
}

gboolean
wm_basemap_class_from_key (const char     *key,
                           WmBasemapClass *out_class)
{
  if (key == NULL)
    return FALSE;

  for (guint i = 0; i < WM_N_BASEMAP_CLASSES; i++)
    {
      if (g_str_equal (key, class_keys[i]))
        {
          if (out_class != NULL)
            *out_class = (WmBasemapClass) i;
          return TRUE;
        }
    }

  return FALSE;
}

G_DEFINE_BOXED_TYPE (WmBasemapFeature, wm_basemap_feature,
                     wm_basemap_feature_ref, wm_basemap_feature_unref)

WmBasemapFeature *
wm_basemap_feature_new (WmBasemapClass  klass,
                        const char     *kind,
                        const char     *text,
                        double          angle,
                        WmGeometry     *geometry)
{
  WmBasemapFeature *self;

  g_return_val_if_fail ((guint) klass < WM_N_BASEMAP_CLASSES, NULL);
  g_return_val_if_fail (geometry != NULL, NULL);

  self = g_new0 (WmBasemapFeature, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->klass = klass;
  self->kind = g_strdup (kind);
  self->text = g_strdup (text);
  self->angle = angle;
  self->geometry = wm_geometry_ref (geometry);

  return self;
}

WmBasemapFeature *
wm_basemap_feature_ref (WmBasemapFeature *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wm_basemap_feature_unref (WmBasemapFeature *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->kind);
  g_free (self->text);
  wm_geometry_unref (self->geometry);
  g_free (self);
}

gboolean
wm_basemap_feature_equal (const WmBasemapFeature *a,
                          const WmBasemapFeature *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->klass == b->klass &&
         g_strcmp0 (a->kind, b->kind) == 0 &&
         g_strcmp0 (a->text, b->text) == 0 &&
         a->angle == b->angle &&
         wm_geometry_equal (a->geometry, b->geometry);
}

struct _WmBasemap
{
  GObject parent_instance;

  GPtrArray *features[WM_N_BASEMAP_CLASSES];
  WmBounds bounds;
};

static gpointer wm_basemap_parent_class;

static void wm_basemap_class_init (WmBasemapObjectClass *klass);
static void wm_basemap_init (WmBasemap *self);

/* By hand: G_DEFINE_FINAL_TYPE would name the class struct WmBasemapClass (the enum). */
GType
wm_basemap_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType id = g_type_register_static_simple (G_TYPE_OBJECT,
                                                g_intern_static_string ("WmBasemap"),
                                                sizeof (WmBasemapObjectClass),
                                                (GClassInitFunc) wm_basemap_class_init,
                                                sizeof (WmBasemap),
                                                (GInstanceInitFunc) wm_basemap_init,
                                                G_TYPE_FLAG_FINAL);
      g_once_init_leave (&type_id, id);
    }

  return type_id;
}

static void
wm_basemap_finalize (GObject *object)
{
  WmBasemap *self = WM_BASEMAP (object);

  for (guint i = 0; i < WM_N_BASEMAP_CLASSES; i++)
    g_clear_pointer (&self->features[i], g_ptr_array_unref);

  G_OBJECT_CLASS (wm_basemap_parent_class)->finalize (object);
}

static void
wm_basemap_class_init (WmBasemapObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  wm_basemap_parent_class = g_type_class_peek_parent (klass);

  object_class->finalize = wm_basemap_finalize;
}

static void
wm_basemap_init (WmBasemap *self)
{
  for (guint i = 0; i < WM_N_BASEMAP_CLASSES; i++)
    self->features[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_basemap_feature_unref);
  self->bounds = wm_bounds_empty ();
}

WmBasemap *
wm_basemap_new (void)
{
  return g_object_new (WM_TYPE_BASEMAP, NULL);
}

void
wm_basemap_add (WmBasemap        *self,
                WmBasemapFeature *feature)
{
  g_return_if_fail (WM_IS_BASEMAP (self));
  g_return_if_fail (feature != NULL);
  g_return_if_fail ((guint) feature->klass < WM_N_BASEMAP_CLASSES);

  g_ptr_array_add (self->features[feature->klass], wm_basemap_feature_ref (feature));
  wm_bounds_union (&self->bounds, &feature->geometry->bounds);
}

GPtrArray *
wm_basemap_get_features (WmBasemap      *self,
                         WmBasemapClass  klass)
{
  g_return_val_if_fail (WM_IS_BASEMAP (self), NULL);
  g_return_val_if_fail ((guint) klass < WM_N_BASEMAP_CLASSES, NULL);

  return self->features[klass];
}

guint
wm_basemap_get_n_features (WmBasemap *self)
{
  guint n = 0;

  g_return_val_if_fail (WM_IS_BASEMAP (self), 0);

  for (guint i = 0; i < WM_N_BASEMAP_CLASSES; i++)
    n += self->features[i]->len;

  return n;
}

WmBounds
wm_basemap_get_bounds (WmBasemap *self)
{
  g_return_val_if_fail (WM_IS_BASEMAP (self), wm_bounds_empty ());

  return self->bounds;
}
