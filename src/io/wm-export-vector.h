/* wm-export-vector.h: proposals and facilities as GIS layers (GeoPackage, GeoJSON) via OGR
 *
 * Made on the main thread from one scenario (plain geometries and attributes), written from
 * any thread. GeoPackage in RD New (EPSG:28992) with layers "proposals" (MultiPolygon: the
 * proposal's footprint or else its buildings'; none for a facility proposal, which is in
 * "facilities" with its proposal_id) and "facilities" (Point), one geometry type each as QGIS
 * wants; GeoJSON in WGS84 (RFC 7946) with both in one collection, a "layer" attribute telling
 * them apart, and every proposal at its own geometry (a facility proposal at its point).
 * Proposal attributes: id, scenario, kind, kind_label, name, note, year, plan_order,
 * building_ids, dwelling_type, facility_type, facility_id, return_share, dwellings_before,
 * dwellings_after, dwellings_change, before_<segment> and after_<segment> (the dwellings of its
 * buildings just before and after it in the plan's order; a new build has 0 before).
 * Facility attributes: id, scenario, type, type_label, name, status (existing, proposed,
 * removed), coverage_kind, catchment_radius_m, proposal_id. Both writers go through
 * wm-file-commit: on an error nothing at the target changes.
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
