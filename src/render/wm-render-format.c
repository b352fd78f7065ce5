/* wm-render-format.c: numbers, percentages and dates in the interface's language */
#include "config.h"

#include <libintl.h>
#include <math.h>
#include <string.h>

#include "wm-render-format.h"

typedef struct
{
  const char *language;
  const char *decimal_point;
  const char *thousands;
  /* Between the number and "%": Dutch writes a space, English none. */
  const char *percent_gap;
  const char *months[12];
} LanguageRules;

/* Month names are part of the conventions, as the separators are, so a date follows the same
 * language as the numbers beside it whatever LC_TIME says. */
static const LanguageRules language_rules[] = {
  { "en", ".", ",", "",
    { "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December" } },
  { "nl", ",", ".", " ",
    { "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
      "oktober", "november", "december" } },
};

static const LanguageRules *
rules_for (const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (language_rules); i++)
    {
      size_t n = strlen (language_rules[i].language);

      if (strncmp (language, language_rules[i].language, n) == 0
          && (language[n] == '\n' || language[n] == '_' || language[n] == '-'
              || language[n] == '@' || language[n] == '.' || language[n] == '\0'))
        return &language_rules[i];
    }
  return NULL;
}

/* The Language field of the catalogue header gettext would use now (it reads LANGUAGE
 * afresh on every call); no catalogue means the untranslated English. A catalogue without
 * that field is taken to be in the first language the user asks for. */
static const LanguageRules *
current_rules (void)
{
  const char *header = dgettext (GETTEXT_PACKAGE, "");
  const char *field;
  const LanguageRules *rules = NULL;

  if (header == NULL || header[0] == '\0')
    return &language_rules[0];
  field = strstr (header, "Language: ");
  if (field != NULL)
    rules = rules_for (field + strlen ("Language: "));
  else
    {
      const char *const *names = g_get_language_names ();

      for (guint i = 0; names[i] != NULL && rules == NULL; i++)
        rules = rules_for (names[i]);
    }
  return rules != NULL ? rules : &language_rules[0];
}

const char *
wm_render_format_get_language (void)
{
  return current_rules ()->language;
}

/* @value with @decimals in the rules' separators, the integer part grouped by thousands. */
static char *
format_number (const LanguageRules *rules, double value, int decimals)
{
  char format[16];
  char plain[G_ASCII_DTOSTR_BUF_SIZE + 32];
  GString *out;
  const char *digits, *point;
  size_t n_int;

  if (!isfinite (value))
    return g_strdup ("–");

  decimals = CLAMP (decimals, 0, 9);
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  /* g_ascii_formatd always writes a '.', whatever LC_NUMERIC is. */
  g_ascii_formatd (plain, sizeof plain, format, value);

  out = g_string_new (NULL);
  digits = plain;
  if (digits[0] == '-')
    {
      /* "-0.0" after rounding is just zero. */
      gboolean all_zero = strspn (digits + 1, "0.") == strlen (digits + 1);

      if (!all_zero)
        g_string_append_c (out, '-');
      digits++;
    }

  point = strchr (digits, '.');
  n_int = point != NULL ? (size_t) (point - digits) : strlen (digits);
  for (size_t i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append (out, rules->thousands);
      g_string_append_c (out, digits[i]);
    }
  if (point != NULL)
    {
      g_string_append (out, rules->decimal_point);
      g_string_append (out, point + 1);
    }

  return g_string_free (out, FALSE);
}

char *
wm_render_format_number (double value,
                         int    decimals)
{
  return format_number (current_rules (), value, decimals);
}

char *
wm_render_format_percent (double fraction,
                          int    decimals)
{
  const LanguageRules *rules = current_rules ();
  g_autofree char *number = NULL;

  if (!isfinite (fraction))
    return g_strdup ("–");

  number = format_number (rules, 100.0 * fraction, decimals);
  return g_strconcat (number, rules->percent_gap, "%", NULL);
}

char *
wm_render_format_count (int count)
{
  return format_number (current_rules (), count, 0);
}

char *
wm_render_format_date (GDateTime *date)
{
  const LanguageRules *rules = current_rules ();

  g_return_val_if_fail (date != NULL, NULL);

  return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (date),
                          rules->months[g_date_time_get_month (date) - 1],
                          g_date_time_get_year (date));
}
