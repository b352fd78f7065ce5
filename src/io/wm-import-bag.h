/* wm-import-bag.h: buildings from BAG (panden + verblijfsobjecten, or panden with a dwelling
 * count) and from plain building layers
 *
 * wm_bag_importer reads the PDOK BAG GeoPackage (layers `pand` and `verblijfsobject`: a
 * dwelling is a current verblijfsobject with gebruiksdoel woonfunctie, counted to its first
 * pand), pand layers that carry `aantal_verblijfsobjecten` and `gebruiksdoel` (3D BAG and
 * derived products) and pand layers without any dwelling information (buildings with their
 * years, and a note). Only current objects are taken: the BAG status says the building stands
 * (or, with include_construction, is being built) and no end date is set.
 *
 * wm_layer_buildings_importer reads any polygon layer as buildings (roles id, dwellings, year,
 * use, storeys, segment). A segment field gives WM_TENURE_STATED buildings; a dwelling count
 * without one puts the whole count into social rent and marks the building
 * WM_TENURE_ESTIMATED (the tenure estimate replaces the split).
 *
 * Field names are recognised in their snake_case, camelCase and NLExtract forms; the user's
 * mapping (options->mapping) wins. Ids: numeric BAG ids zero-padded to 16 digits, a feature
 * without a usable id gets "<layer>-<fid>".
 */
#pragma once

#include "wm-importer.h"

G_BEGIN_DECLS

extern const WmImporter wm_bag_importer;
extern const WmImporter wm_layer_buildings_importer;

/* A pand with more dwellings than this is an error (no building in the Netherlands has). */
#define WM_IMPORT_BAG_MAX_DWELLINGS 10000

gboolean wm_import_bag_recognise (WmOgrSource *source, const WmImportOptions *options);
gboolean wm_import_bag_read (WmOgrSource *source, const WmImportOptions *options,
                             WmImportResult *result, WmImportProgressFunc progress,
                             gpointer progress_data, GCancellable *cancellable, GError **error);
const WmFieldRole *wm_import_bag_get_roles (guint *n_roles);

gboolean wm_import_layer_buildings_recognise (WmOgrSource *source, const WmImportOptions *options);
gboolean wm_import_layer_buildings_read (WmOgrSource *source, const WmImportOptions *options,
                                         WmImportResult *result, WmImportProgressFunc progress,
                                         gpointer progress_data, GCancellable *cancellable,
                                         GError **error);
const WmFieldRole *wm_import_layer_buildings_get_roles (guint *n_roles);

/* The BAG id in @text as 16 digits ("221100000311191", "NL.IMBAG.Pand.0221100000311191",
 * "221100000311191.0" -> "0221100000311191"); other non-empty text is returned trimmed;
 * NULL for empty text. For the property list too. */
char *wm_import_bag_normalise_id (const char *text);

G_END_DECLS
