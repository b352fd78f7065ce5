/* wm-import-layers.h: plain layers taken as the user says (--as facilities, --as areas)
 *
 * A point layer of facilities (roles "type" and "name"; the type is matched against the
 * facility keys and their English and Dutch names) and a polygon layer of areas (roles "code"
 * and "name"). Neither is recognised on its own: the user chooses them.
 */
#pragma once

#include "wm-importer.h"

G_BEGIN_DECLS

extern const WmImporter wm_layer_facilities_importer;
extern const WmImporter wm_layer_areas_importer;

/* The facility type @text names (key, English or Dutch name, any case, "_"/"-" as spaces). */
gboolean wm_import_facility_type_from_text (const char *text, WmFacilityType *out);

G_END_DECLS
