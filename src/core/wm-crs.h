/* wm-crs.h: RD New (EPSG:28992) <-> WGS84 conversion
 *
 * Uses the published polynomial approximation (Schreutelkamp and Strang van
 * Hees), good to about a metre inside the Netherlands, so the map needs no PROJ.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void wm_crs_rd_to_wgs84 (double x, double y, double *latitude, double *longitude);
void wm_crs_wgs84_to_rd (double latitude, double longitude, double *x, double *y);
/* TRUE when (x, y) lies in the RD New validity box around the Netherlands. */
gboolean wm_crs_rd_is_plausible (double x, double y);

G_END_DECLS
