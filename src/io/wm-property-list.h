/* wm-property-list.h: a corporation's property list (CSV or XLSX) as tenure records
 *
 * Read through GDAL's CSV and XLSX drivers (first row the header); the rows are interpreted by
 * src/core/wm-tenure-list.c (pand id or address; dwellings per segment, or one unit per row
 * with a segment or a basic rent). Rows of the same building become one WmTenureRecord.
 * The rent limits are those of the current year in data/segments.json.
 */
#pragma once

#include "wm-address-book.h"
#include "wm-importer.h"

G_BEGIN_DECLS

extern const WmImporter wm_property_list_importer;

gboolean wm_property_list_recognise (WmOgrSource *source, const WmImportOptions *options);
gboolean wm_property_list_read (WmOgrSource *source, const WmImportOptions *options,
                                WmImportResult *result, WmImportProgressFunc progress,
                                gpointer progress_data, GCancellable *cancellable,
                                GError **error);
const WmFieldRole *wm_property_list_get_roles (guint *n_roles);

/* Matches @records (WmTenureRecord*) to @buildings (WmBuilding*): by pand id, else by address
 * through @book (may be NULL). Sets *@out_buildings to a new array, @buildings' order, where
 * each matched building is a LISTED copy holding the listed dwellings; the others are the same
 * objects. Several records of one building add up. A building BAG gives more dwellings than
 * listed keeps its BAG count: the rest are not the corporation's, and are split over private
 * rent and owner-occupied in the proportions its estimate had there (the national ones when
 * it has none), once, with a note. More listed than BAG counts: the list wins, with a note. A
 * record matching no building is an error naming its row, and nothing is changed. Notes
 * (char*, translated) go to @notes (may be NULL). */
gboolean wm_tenure_list_apply (GPtrArray      *records,
                               GPtrArray      *buildings,
                               WmAddressBook  *book,
                               GPtrArray     **out_buildings,
                               GPtrArray      *notes,
                               GError        **error);

G_END_DECLS
