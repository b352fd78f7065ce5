/* wm-address-book.h: Dutch addresses as keys, and which building each lies in
 *
 * A corporation's property list names a dwelling by address or by BAG pand id; BAG's
 * verblijfsobjecten give the address of every dwelling and the pand it lies in. The key of an
 * address is one canonical string, so "1234 ab", 12, "a", "ii" and "1234AB", 12, "A", "II"
 * meet.
 *
 * WmAddressBook is the immutable index key -> building id of a plan's baseline (saved with the
 * project). A city has over a million addresses, so it is compact: the keys lie one after the
 * other in one block, sorted, with a 32-bit offset each; each building id is stored once and
 * named by its number. Lookups are a binary search. Reference-counted and immutable, so save
 * threads may read it.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* "1234AB 12A-II": postcode without space and upper case, a space, the house number, the
 * house letter upper case, "-" and the addition upper case when there is one. NULL when the
 * postcode is not four digits and two letters or the number is not 1..99999. */
char *wm_address_key (const char *postcode, gint64 number, const char *letter,
                      const char *addition);

typedef struct _WmAddressBook WmAddressBook;

#define WM_TYPE_ADDRESS_BOOK (wm_address_book_get_type ())
GType wm_address_book_get_type (void) G_GNUC_CONST;

/* An empty book. */
WmAddressBook *wm_address_book_new (void);
/* From a table address key (char*) -> building id (char*), e.g. WmImportResult's addresses;
 * @table may be NULL (empty). */
WmAddressBook *wm_address_book_new_from_table (GHashTable *table);
WmAddressBook *wm_address_book_ref (WmAddressBook *self);
void wm_address_book_unref (WmAddressBook *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmAddressBook, wm_address_book_unref)

guint wm_address_book_get_size (WmAddressBook *self);
/* The building id of @key, or NULL; O(log n). The string lives as long as the book. */
const char *wm_address_book_lookup (WmAddressBook *self, const char *key);
/* Entry @index (0 .. size - 1) in key order (byte order of the keys), for saving. */
void wm_address_book_get_entry (WmAddressBook *self, guint index, const char **out_key,
                                const char **out_building_id);
gboolean wm_address_book_equal (WmAddressBook *a, WmAddressBook *b);

/* Building a book entry by entry (a loader reading rows). Adding a key again replaces its
 * building id (the last one wins). Keys added in ascending order skip the sort. */
typedef struct _WmAddressBookBuilder WmAddressBookBuilder;

WmAddressBookBuilder *wm_address_book_builder_new (void);
void wm_address_book_builder_add (WmAddressBookBuilder *self, const char *key,
                                  const char *building_id);
/* Frees @self. */
WmAddressBook *wm_address_book_builder_end (WmAddressBookBuilder *self);
void wm_address_book_builder_free (WmAddressBookBuilder *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmAddressBookBuilder, wm_address_book_builder_free)

G_END_DECLS
