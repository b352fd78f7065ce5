/* wm-tenure-list.h: the rows of a corporation's property list, as dwellings per building
 *
 * Pure and GDAL-free (src/io/wm-property-list.c reads the CSV or XLSX through GDAL and hands
 * over the header and each row as text), so it can be fuzzed. A row names its building by
 * BAG pand id, or by address: postcode + huisnummer [+ huisletter, toevoeging] columns, or one
 * address column ("Dorpsstraat 12A, 1234 AB Otterlo"; only a single postcode and a house
 * number right before the comma or the postcode are read). It gives either dwellings per
 * segment (columns "sociale huur", "social_rent", ...) or one unit (VHE) per row with a
 * segment, or with a monthly basic rent ("kale huur") that the limits of data/segments.json
 * turn into a segment: social up to social_rent_max_rent, mid-rent up to mid_rent_max_rent,
 * private rent above. Numbers may be Dutch ("1.234,50", "€ 650"). Rows of the same building
 * add up. Column names are Dutch or English, case, spaces, "_", "-" and "." ignored.
 */
#pragma once

#include <glib.h>

#include "wm-segment.h"

G_BEGIN_DECLS

#define WM_TENURE_LIST_ERROR (wm_tenure_list_error_quark ())
GQuark wm_tenure_list_error_quark (void);

typedef enum
{
  WM_TENURE_LIST_ERROR_COLUMNS, /* no column naming the building, or none with dwellings */
  WM_TENURE_LIST_ERROR_VALUE,   /* a value that cannot be read or cannot be right */
} WmTenureListError;

/* Longest value taken from a cell (bytes); longer is an error. */
#define WM_TENURE_LIST_MAX_VALUE 1024
/* Most dwellings one row or one building may hold. */
#define WM_TENURE_LIST_MAX_DWELLINGS 100000

/* The dwellings of one building, as the list gives them. */
typedef struct
{
  char *building_id;   /* BAG pand id, 16 digits, or NULL */
  char *address_key;   /* wm_address_key() form, or NULL when there is a pand id */
  WmDwellingMix mix;
  guint row;           /* first row of the building (1-based data row + 1 for the header) */
} WmTenureListEntry;

typedef struct _WmTenureList WmTenureList;

/* @source names the list in messages; @header holds @n_columns names; @year picks the rent
 * limits (0: the current year); @segments NULL: the built-in table. NULL and @error when the
 * header has no column for the building or none for its dwellings. */
WmTenureList *wm_tenure_list_new (const char        *source,
                                  const char *const *header,
                                  guint              n_columns,
                                  int                year,
                                  WmSegmentTable    *segments,
                                  GError           **error);
void wm_tenure_list_free (WmTenureList *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmTenureList, wm_tenure_list_free)

/* Adds row @row (as messages name it: the header is row 1) of @n_values values (NULL: empty).
 * An empty row is skipped. On error nothing is added and the message names source, row,
 * column and problem. */
gboolean wm_tenure_list_add_row (WmTenureList      *self,
                                 guint              row,
                                 const char *const *values,
                                 guint              n_values,
                                 GError           **error);

/* The buildings in order of first appearance. */
guint wm_tenure_list_get_n_entries (WmTenureList *self);
const WmTenureListEntry *wm_tenure_list_get_entry (WmTenureList *self, guint i);

/* Dutch or English number: "1.234,50", "1,234.50", "€ 650", "650,-"; FALSE when not one. */
gboolean wm_tenure_list_parse_number (const char *text, double *out);
/* Pand id: digits (zero-padded to 16) or "NL.IMBAG.Pand.<16 digits>"; NULL when not one. */
char *wm_tenure_list_parse_pand_id (const char *text);
/* "Dorpsstraat 12A, 1234 AB Otterlo" -> "1234AB 12A"; NULL when not unambiguous. */
char *wm_tenure_list_parse_address (const char *text);

G_END_DECLS
