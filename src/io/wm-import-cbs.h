/* wm-import-cbs.h: the CBS Wijk- en buurtkaart (any year; GeoPackage, shapefile, GeoJSON)
 *
 * Buurten (or wijken, gemeenten: --layer) become areas with their code as id and their name,
 * and their key figures (WmAreaFigures) from the short codes of older files (P_HUURCORP,
 * P_HUUROVVH, P_KOOPWON, WONINGEN, WOZ, AANT_INW) or the long names of newer ones
 * (percentage_huurwoningen_in_bezit_woningcorporaties, ...). CBS writes -99990 and below for
 * "not available" (secret, too small, not yet published): those become NAN, never a number.
 * A percentage outside 0..100 or a negative count is an error naming file, layer, feature and
 * field. The year comes from jrstatcode/jaarstatcode ("2022BU01411600") or the file name
 * ("wijkenbuurten_2022"), else 0. WmImportOptions.area_codes keeps only the areas named (code
 * or name, any case); one that is not there is an error listing near matches.
 */
#pragma once

#include "wm-importer.h"

G_BEGIN_DECLS

extern const WmImporter wm_cbs_importer;

gboolean wm_import_cbs_recognise (WmOgrSource *source, const WmImportOptions *options);
gboolean wm_import_cbs_read (WmOgrSource *source, const WmImportOptions *options,
                             WmImportResult *result, WmImportProgressFunc progress,
                             gpointer progress_data, GCancellable *cancellable, GError **error);
const WmFieldRole *wm_import_cbs_get_roles (guint *n_roles);

/* The year a file name gives ("buurt_2022.shp" -> 2022), or 0. */
int wm_import_cbs_year_from_name (const char *path);

G_END_DECLS
