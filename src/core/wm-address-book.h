/* wm-address-book.h: Dutch addresses as keys, and which building each lies in
 *
 * A corporation's property list names a dwelling by address or by BAG pand id; BAG's
 * verblijfsobjecten give the address of every dwelling and the pand it lies in. The key of an
 * address is one canonical string, so "1234 ab", 12, "a", "ii" and "1234AB", 12, "A", "II"
 * meet.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "1234AB 12A-II": postcode without space and upper case, a space, the house number, the
 * house letter upper case, "-" and the addition upper case when there is one. NULL when the
 * postcode is not four digits and two letters or the number is not 1..99999. */
char *wm_address_key (const char *postcode, gint64 number, const char *letter,
                      const char *addition);

G_END_DECLS
