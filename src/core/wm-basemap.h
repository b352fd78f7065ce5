/* wm-basemap.h: the project's own topographic features, drawn offline as the base map */
#pragma once

#include "wm-geometry.h"

G_BEGIN_DECLS

/* Each class is its own layer in the project file (basemap_<key>). */
typedef enum
{
  WM_BASEMAP_ROAD,    /* road parts: carriageway, cycle path, footpath, parking, ... */
  WM_BASEMAP_WATER,
  WM_BASEMAP_GREEN,   /* vegetated terrain */
  WM_BASEMAP_TERRAIN, /* unvegetated terrain: yards, paved squares, sand */
  WM_BASEMAP_BUILDING, /* footprints for context only (BGT pand, OSM): no dwellings */
  WM_BASEMAP_LABEL,   /* street names (points) */
  WM_N_BASEMAP_CLASSES
} WmBasemapClass;

const char *wm_basemap_class_key (WmBasemapClass klass);
gboolean wm_basemap_class_from_key (const char *key, WmBasemapClass *out_class);

/* An immutable, reference-counted feature. */
typedef struct _WmBasemapFeature WmBasemapFeature;
struct _WmBasemapFeature
{
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public, read-only >*/
  WmBasemapClass klass;
  char *kind;        /* source classification, e.g. "fietspad", "rijbaan lokale weg"; may be NULL */
  char *text;        /* label text (labels only) */
  double angle;      /* label rotation in degrees counter-clockwise (labels only) */
  WmGeometry *geometry;
};

#define WM_TYPE_BASEMAP_FEATURE (wm_basemap_feature_get_type ())
GType wm_basemap_feature_get_type (void) G_GNUC_CONST;
WmBasemapFeature *wm_basemap_feature_new (WmBasemapClass klass, const char *kind, const char *text,
                                          double angle, WmGeometry *geometry);
WmBasemapFeature *wm_basemap_feature_ref (WmBasemapFeature *self);
void wm_basemap_feature_unref (WmBasemapFeature *self);
gboolean wm_basemap_feature_equal (const WmBasemapFeature *a, const WmBasemapFeature *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmBasemapFeature, wm_basemap_feature_unref)

/* Declared by hand rather than with G_DECLARE_FINAL_TYPE, whose class struct would be
 * named WmBasemapClass and clash with the enum above. Same macros otherwise. */
#define WM_TYPE_BASEMAP (wm_basemap_get_type ())
typedef struct _WmBasemap WmBasemap;
typedef struct
{
  GObjectClass parent_class;
} WmBasemapObjectClass;
GType wm_basemap_get_type (void) G_GNUC_CONST;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmBasemap, g_object_unref)
#define WM_BASEMAP(obj) (G_TYPE_CHECK_INSTANCE_CAST ((obj), WM_TYPE_BASEMAP, WmBasemap))
#define WM_IS_BASEMAP(obj) (G_TYPE_CHECK_INSTANCE_TYPE ((obj), WM_TYPE_BASEMAP))

WmBasemap *wm_basemap_new (void);
/* Takes a new reference. */
void wm_basemap_add (WmBasemap *self, WmBasemapFeature *feature);
/* Features of one class, in insertion order (element type WmBasemapFeature*). */
GPtrArray *wm_basemap_get_features (WmBasemap *self, WmBasemapClass klass);
guint wm_basemap_get_n_features (WmBasemap *self);
WmBounds wm_basemap_get_bounds (WmBasemap *self);

G_END_DECLS
