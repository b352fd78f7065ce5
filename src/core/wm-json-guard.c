/* wm-json-guard.c: limits checked on JSON text before it reaches json-glib, and JSON output
 * that always parses */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-json-guard.h"

G_DEFINE_QUARK (wm-json-guard-error-quark, wm_json_guard_error)

/* Path components shown in a message; a path 64 levels deep says nothing more than its start. */
#define PATH_SHOWN 8

typedef struct
{
  char kind;          /* '[' or '{' */
  gboolean want_key;  /* in an object: the next string is a member name */
  guint index;        /* in an array: the element being read */
  const char *key;    /* in an object: the member being read, as written (escapes and all) */
  gsize key_len;
} Level;

typedef struct
{
  const char *data;
  gsize length;
  const char *source;
  Level levels[WM_JSON_GUARD_MAX_DEPTH];
  guint depth;
} Guard;

/* "proposals[0].buildings" for the containers open at the place of the error. */
static char *
path_of (const Guard *guard, guint depth)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < MIN (depth, WM_JSON_GUARD_MAX_DEPTH); i++)
    {
      const Level *level = &guard->levels[i];

      if (i == PATH_SHOWN)
        {
          g_string_append (path, "…");
          break;
        }
      if (level->kind == '[')
        g_string_append_printf (path, "[%u]", level->index);
      else if (level->key != NULL)
        {
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append_len (path, level->key, level->key_len);
        }
    }
  if (path->len == 0)
    g_string_append (path, _("top level"));
  return g_string_free (path, FALSE);
}

static gboolean
fail (const Guard  *guard,
      gsize         offset,
      guint         depth,
      int           code,
      const char   *problem,
      GError      **error)
{
  g_autofree char *path = path_of (guard, depth);
  guint line = 1, column = 1;

  for (gsize i = 0; i < offset && i < guard->length; i++)
    {
      if (guard->data[i] == '\n')
        {
          line++;
          column = 1;
        }
      else if (((guchar) guard->data[i] & 0xc0) != 0x80) /* count characters, not bytes */
        column++;
    }
  g_set_error (error, WM_JSON_GUARD_ERROR, code, "%s:%u:%u: %s: %s", guard->source, line, column,
               path, problem);
  return FALSE;
}

/* The code unit of a \uXXXX escape at @p, or -1 for another escape. */
static int
escaped_unit (const char *p,
              gsize       available)
{
  int value = 0;

  if (available < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  for (guint k = 2; k < 6; k++)
    {
      if (!g_ascii_isxdigit (p[k]))
        return -1;
      value = value * 16 + g_ascii_xdigit_value (p[k]);
    }
  return value;
}

gboolean
wm_json_guard_check (const char  *data,
                     gssize       length,
                     const char  *source_name,
                     GError     **error)
{
  Guard guard = { 0 };
  gsize n;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = length < 0 ? strlen (data) : (gsize) length;
  guard.data = data;
  guard.length = n;
  guard.source = source_name != NULL ? source_name : "JSON";

  if (n > WM_JSON_GUARD_MAX_SIZE)
    {
      g_autofree char *problem =
        g_strdup_printf (_("larger than %d MB (%llu bytes)"), WM_JSON_GUARD_MAX_SIZE_MB,
                         (unsigned long long) n);

      g_set_error (error, WM_JSON_GUARD_ERROR, WM_JSON_GUARD_ERROR_TOO_LARGE, "%s: %s",
                   guard.source, problem);
      return FALSE;
    }

  for (gsize i = 0; i < n; i++)
    {
      char c = data[i];
      Level *top = guard.depth > 0 ? &guard.levels[guard.depth - 1] : NULL;

      switch (c)
        {
        case '\0':
          return fail (&guard, i, guard.depth, WM_JSON_GUARD_ERROR_NUL,
                       _("the text holds a NUL byte"), error);

        case '"':
          {
            gsize start = i + 1;
            int code;

            for (i = start; i < n && data[i] != '"'; i++)
              {
                if (data[i] == '\0')
                  return fail (&guard, i, guard.depth, WM_JSON_GUARD_ERROR_NUL,
                               _("the text holds a NUL byte"), error);
                if (data[i] != '\\')
                  continue;
                code = escaped_unit (data + i, n - i);
                if (code == 0 || (code >= 0xd800 && code <= 0xdfff))
                  {
                    int low = code >= 0xd800 && code <= 0xdbff ? escaped_unit (data + i + 6,
                                                                               n - i - 6)
                                                               : -1;

                    /* A pair of surrogates is one character; json-glib checks the pair. */
                    if (low >= 0xdc00 && low <= 0xdfff)
                      {
                        i += 11;
                        continue;
                      }
                    /* Name the member whose name or value it is. */
                    if (top != NULL && top->kind == '{' && top->want_key)
                      {
                        top->key = data + start;
                        top->key_len = i - start;
                      }
                    /* json-glib would cut the text at a NUL, and turn a lone surrogate into
                     * invalid UTF-8. */
                    return fail (&guard, i, guard.depth, code == 0 ? WM_JSON_GUARD_ERROR_NUL
                                                                   : WM_JSON_GUARD_ERROR_SURROGATE,
                                 code == 0 ? _("a text holds a NUL character (\\u0000)")
                                           : _("a text holds half of a UTF-16 surrogate pair"),
                                 error);
                  }
                i++; /* the escaped character, which may be a quote */
              }
            if (top != NULL && top->kind == '{' && top->want_key)
              {
                top->key = data + start;
                top->key_len = MIN (i, n) - start;
                top->want_key = FALSE;
              }
          }
          break;

        case '[':
        case '{':
          if (guard.depth == WM_JSON_GUARD_MAX_DEPTH)
            {
              g_autofree char *problem =
                g_strdup_printf (_("nested deeper than %d levels"), WM_JSON_GUARD_MAX_DEPTH);

              return fail (&guard, i, guard.depth, WM_JSON_GUARD_ERROR_TOO_DEEP, problem, error);
            }
          guard.levels[guard.depth++] = (Level) { c, c == '{', 0, NULL, 0 };
          break;

        case ']':
        case '}':
          /* Unbalanced brackets are a syntax error; json-glib reports those. */
          if (guard.depth > 0)
            guard.depth--;
          break;

        case ',':
          if (top != NULL && top->kind == '[')
            top->index++;
          else if (top != NULL)
            top->want_key = TRUE;
          break;

        default:
          break;
        }
    }
  return TRUE;
}

gboolean
wm_json_guard_load (JsonParser  *parser,
                    const char  *data,
                    gssize       length,
                    const char  *source_name,
                    GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  const char *message;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);

  if (!wm_json_guard_check (data, length, source_name, error))
    return FALSE;
  if (json_parser_load_from_data (parser, data != NULL ? data : "", length, &parse_error))
    return TRUE;

  /* json-glib names in-memory data "<data>"; the user knows the file. */
  message = parse_error->message;
  if (g_str_has_prefix (message, "<data>"))
    message += strlen ("<data>");
  else
    message = NULL;
  if (message == NULL || source_name == NULL)
    g_propagate_error (error, g_steal_pointer (&parse_error));
  else
    g_set_error (error, parse_error->domain, parse_error->code, "%s%s", source_name, message);
  return FALSE;
}

/* ---------------------------------------------------------------------------------------------
 * Writing
 * ------------------------------------------------------------------------------------------ */

/* Whether [@s, @s + @len) is a number as RFC 8259 defines it. */
static gboolean
is_json_number (const char *s,
                gsize       len)
{
  gsize i = 0;

  if (i < len && s[i] == '-')
    i++;
  if (i < len && s[i] == '0')
    i++;
  else if (i < len && g_ascii_isdigit (s[i]))
    while (i < len && g_ascii_isdigit (s[i]))
      i++;
  else
    return FALSE;
  if (i < len && s[i] == '.')
    {
      if (++i >= len || !g_ascii_isdigit (s[i]))
        return FALSE;
      while (i < len && g_ascii_isdigit (s[i]))
        i++;
    }
  if (i < len && (s[i] == 'e' || s[i] == 'E'))
    {
      i++;
      if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
      if (i >= len || !g_ascii_isdigit (s[i]))
        return FALSE;
      while (i < len && g_ascii_isdigit (s[i]))
        i++;
    }
  return i == len;
}

/* The shortest text that reads back as @value, still marked as a fraction ("3.0") so that a
 * reader sees a double where the writer put one. JSON has no infinity nor NaN: null. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
  if (strpbrk (buf, ".e") == NULL)
    g_string_append (out, ".0");
}

char *
wm_json_guard_to_data (JsonNode *root,
                       gboolean  pretty,
                       gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  GString *out;
  gsize n;

  g_return_val_if_fail (root != NULL, NULL);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  text = json_generator_to_data (generator, &n);

  /* Outside strings, a run of number characters is a number json-glib wrote, or true, false,
   * null. Integers are kept as written; doubles are written again. */
  out = g_string_sized_new (n + 16);
  for (gsize i = 0; i < n;)
    {
      gsize start = i;

      if (text[i] == '"')
        {
          for (i++; i < n && text[i] != '"'; i++)
            if (text[i] == '\\')
              i++;
          i = MIN (i + 1, n);
          g_string_append_len (out, text + start, i - start);
          continue;
        }
      while (i < n && (g_ascii_isalnum (text[i]) || strchr ("+-.", text[i]) != NULL))
        i++;
      if (i == start)
        {
          g_string_append_c (out, text[i++]);
          continue;
        }
      if (!g_ascii_isalpha (text[start]) || g_ascii_strncasecmp (text + start, "inf", 3) == 0 ||
          g_ascii_strncasecmp (text + start, "nan", 3) == 0)
        {
          gboolean integer = TRUE;

          for (gsize j = start; j < i; j++)
            integer &= g_ascii_isdigit (text[j]) || text[j] == '-';
          if (integer && is_json_number (text + start, i - start))
            g_string_append_len (out, text + start, i - start);
          else
            append_double (out, g_ascii_strtod (text + start, NULL));
        }
      else
        g_string_append_len (out, text + start, i - start); /* true, false, null */
    }

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
