/* wm-export-vector.h: proposals and facilities as GIS layers (GeoPackage, GeoJSON) via OGR
 *
 * Made on the main thread from one scenario (plain geometries and attributes), written from
 * any thread. GeoPackage in RD New (EPSG:28992) with layers "proposals" and "facilities";
 * GeoJSON in WGS84 (RFC 7946) with both in one collection and a "layer" attribute.
 */
#pragma once

#include <gio/gio.h>

#include "wm-plan.h"

G_BEGIN_DECLS

typedef struct _WmExportVector WmExportVector;

/* @scenario NULL: the active one. Facilities are the baseline's plus those the scenario adds
 * (attribute "status": existing, proposed, removed). */
WmExportVector *wm_export_vector_new (WmPlan *plan, WmScenario *scenario);
void wm_export_vector_free (WmExportVector *self);
guint wm_export_vector_get_n_proposals (const WmExportVector *self);
guint wm_export_vector_get_n_facilities (const WmExportVector *self);
gboolean wm_export_vector_write_gpkg (const WmExportVector *self, const char *path,
                                      GError **error);
gboolean wm_export_vector_write_geojson (const WmExportVector *self, const char *path,
                                         GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmExportVector, wm_export_vector_free)

G_END_DECLS
