/* wm-render-format.h: numbers, percentages and dates in the interface's language
 *
 * The language is that of the translation in use (the Language field of the message
 * catalogue's header), not LC_NUMERIC: with LANGUAGE=nl under LANG=C.UTF-8 the interface is
 * Dutch while the C library still formats numbers the C way, so a Dutch report printed
 * "12.5%" beside Dutch text. Dutch: "12,5 %", "1.234", "3 december 2026"; English (and any
 * language without its own rules here): "12.5%", "1,234", "3 December 2026".
 * GTK-free, for the screen, the report and the exports alike.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "nl" or "en": the language whose conventions the functions below follow. */
const char *wm_render_format_get_language (void);

/* 0.125 with 1 decimal: "12,5 %" / "12.5%". NAN gives "–". */
char *wm_render_format_percent (double fraction, int decimals);
/* 1234.5 with 1 decimal: "1.234,5" / "1,234.5" (thousands grouped). NAN gives "–". */
char *wm_render_format_number (double value, int decimals);
/* 1234: "1.234" / "1,234". */
char *wm_render_format_count (int count);
/* "3 december 2026" / "3 December 2026" (the date in @date's own time zone). */
char *wm_render_format_date (GDateTime *date);

G_END_DECLS
