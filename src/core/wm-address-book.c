/* wm-address-book.c: Dutch addresses as keys */
#include "config.h"

#include <string.h>

#include "wm-address-book.h"

/* Upper case without spaces; NULL for text that cannot be part of an address. */
static char *
canonical_part (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t')
        continue;
      if (!g_ascii_isalnum (*p) || out->len >= 16)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, g_ascii_toupper (*p));
    }
  return g_string_free (out, FALSE);
}

char *
wm_address_key (const char *postcode,
                gint64      number,
                const char *letter,
                const char *addition)
{
  g_autofree char *code = canonical_part (postcode);
  g_autofree char *let = canonical_part (letter);
  g_autofree char *add = canonical_part (addition);

  if (code == NULL || let == NULL || add == NULL || strlen (code) != 6 || number < 1 ||
      number > 99999)
    return NULL;
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (code[i]))
      return NULL;
  if (!g_ascii_isalpha (code[4]) || !g_ascii_isalpha (code[5]))
    return NULL;
  return g_strdup_printf ("%s %" G_GINT64_FORMAT "%s%s%s", code, number, let,
                          *add != '\0' ? "-" : "", add);
}
