/* wm-tenure-list.c: the rows of a corporation's property list, as dwellings per building */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-address-book.h"
#include "wm-tenure-list.h"

G_DEFINE_QUARK (wm-tenure-list-error-quark, wm_tenure_list_error)

/* What a column holds. */
typedef enum
{
  COL_NONE,
  COL_PAND_ID,
  COL_POSTCODE,
  COL_NUMBER,
  COL_LETTER,
  COL_ADDITION,
  COL_ADDRESS,
  COL_COUNT,   /* dwellings (units) the row stands for */
  COL_SEGMENT, /* a segment name or key */
  COL_RENT,    /* basic rent per month */
  COL_SEGMENT_COUNT, /* dwellings of one segment (+ segment) */
} ColumnKind;

typedef struct
{
  const char *name; /* normalised: lower case, no spaces, "_", "-", "." */
  ColumnKind kind;
  int segment;
} ColumnName;

static const ColumnName column_names[] = {
  { "pandid", COL_PAND_ID, 0 }, { "bagpandid", COL_PAND_ID, 0 }, { "bagid", COL_PAND_ID, 0 },
  { "pand", COL_PAND_ID, 0 }, { "pandidentificatie", COL_PAND_ID, 0 },
  { "identificatiepand", COL_PAND_ID, 0 }, { "buildingid", COL_PAND_ID, 0 },
  { "bagbuildingid", COL_PAND_ID, 0 }, { "identificatie", COL_PAND_ID, 0 },
  { "postcode", COL_POSTCODE, 0 }, { "postalcode", COL_POSTCODE, 0 },
  { "zipcode", COL_POSTCODE, 0 }, { "zip", COL_POSTCODE, 0 }, { "pc6", COL_POSTCODE, 0 },
  { "huisnummer", COL_NUMBER, 0 }, { "huisnr", COL_NUMBER, 0 },
  { "housenumber", COL_NUMBER, 0 }, { "number", COL_NUMBER, 0 }, { "nummer", COL_NUMBER, 0 },
  { "huisletter", COL_LETTER, 0 }, { "letter", COL_LETTER, 0 },
  { "houseletter", COL_LETTER, 0 },
  { "toevoeging", COL_ADDITION, 0 }, { "huisnummertoevoeging", COL_ADDITION, 0 },
  { "huisnrtoev", COL_ADDITION, 0 }, { "addition", COL_ADDITION, 0 },
  { "housenumberaddition", COL_ADDITION, 0 }, { "suffix", COL_ADDITION, 0 },
  { "adres", COL_ADDRESS, 0 }, { "address", COL_ADDRESS, 0 },
  { "aantal", COL_COUNT, 0 }, { "aantalwoningen", COL_COUNT, 0 }, { "woningen", COL_COUNT, 0 },
  { "aantalvhe", COL_COUNT, 0 }, { "dwellings", COL_COUNT, 0 },
  { "units", COL_COUNT, 0 }, { "count", COL_COUNT, 0 },
  { "segment", COL_SEGMENT, 0 }, { "huursegment", COL_SEGMENT, 0 },
  { "woningsegment", COL_SEGMENT, 0 }, { "prijssegment", COL_SEGMENT, 0 },
  { "kalehuur", COL_RENT, 0 }, { "nettohuur", COL_RENT, 0 }, { "huur", COL_RENT, 0 },
  { "huurprijs", COL_RENT, 0 }, { "rent", COL_RENT, 0 }, { "basicrent", COL_RENT, 0 },
  { "netrent", COL_RENT, 0 }, { "monthlyrent", COL_RENT, 0 },
  { "socialrent", COL_SEGMENT_COUNT, WM_SEGMENT_SOCIAL_RENT },
  { "socialehuur", COL_SEGMENT_COUNT, WM_SEGMENT_SOCIAL_RENT },
  { "sociaal", COL_SEGMENT_COUNT, WM_SEGMENT_SOCIAL_RENT },
  { "midrent", COL_SEGMENT_COUNT, WM_SEGMENT_MID_RENT },
  { "middenhuur", COL_SEGMENT_COUNT, WM_SEGMENT_MID_RENT },
  { "privaterent", COL_SEGMENT_COUNT, WM_SEGMENT_PRIVATE_RENT },
  { "vrijesector", COL_SEGMENT_COUNT, WM_SEGMENT_PRIVATE_RENT },
  { "vrijesectorhuur", COL_SEGMENT_COUNT, WM_SEGMENT_PRIVATE_RENT },
  { "ownerafordable", COL_SEGMENT_COUNT, WM_SEGMENT_OWNER_AFFORDABLE },
  { "owneraffordable", COL_SEGMENT_COUNT, WM_SEGMENT_OWNER_AFFORDABLE },
  { "betaalbarekoop", COL_SEGMENT_COUNT, WM_SEGMENT_OWNER_AFFORDABLE },
  { "ownerexpensive", COL_SEGMENT_COUNT, WM_SEGMENT_OWNER_EXPENSIVE },
  { "durekoop", COL_SEGMENT_COUNT, WM_SEGMENT_OWNER_EXPENSIVE },
};

/* Values of a segment column (normalised), besides the keys. */
static const struct { const char *name; WmSegment segment; } segment_names[] = {
  { "sociaal", WM_SEGMENT_SOCIAL_RENT }, { "socialehuur", WM_SEGMENT_SOCIAL_RENT },
  { "social", WM_SEGMENT_SOCIAL_RENT }, { "socialrent", WM_SEGMENT_SOCIAL_RENT },
  { "daeb", WM_SEGMENT_SOCIAL_RENT },
  { "midden", WM_SEGMENT_MID_RENT }, { "middenhuur", WM_SEGMENT_MID_RENT },
  { "mid", WM_SEGMENT_MID_RENT }, { "midrent", WM_SEGMENT_MID_RENT },
  { "middeldure huur", WM_SEGMENT_MID_RENT },
  { "vrijesector", WM_SEGMENT_PRIVATE_RENT }, { "vrijesectorhuur", WM_SEGMENT_PRIVATE_RENT },
  { "vrij", WM_SEGMENT_PRIVATE_RENT }, { "private", WM_SEGMENT_PRIVATE_RENT },
  { "privaterent", WM_SEGMENT_PRIVATE_RENT }, { "nietdaeb", WM_SEGMENT_PRIVATE_RENT },
  { "betaalbarekoop", WM_SEGMENT_OWNER_AFFORDABLE },
  { "owneraffordable", WM_SEGMENT_OWNER_AFFORDABLE },
  { "affordableowneroccupied", WM_SEGMENT_OWNER_AFFORDABLE },
  { "durekoop", WM_SEGMENT_OWNER_EXPENSIVE }, { "ownerexpensive", WM_SEGMENT_OWNER_EXPENSIVE },
  { "expensiveowneroccupied", WM_SEGMENT_OWNER_EXPENSIVE },
};

struct _WmTenureList
{
  char *source;
  char **header;
  ColumnKind *kinds;
  int *segments; /* for COL_SEGMENT_COUNT */
  guint n_columns;
  int col[COL_SEGMENT_COUNT]; /* first column of each single kind, or -1 */
  gboolean per_segment;
  double social_max_rent;
  double mid_max_rent;
  GPtrArray *entries;       /* WmTenureListEntry* */
  GHashTable *by_key;       /* "id:..." / "adr:..." -> entry */
};

/* Lower case without spaces, "_", "-", ".", "/"; NULL when too long. */
static char *
normalise (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0' && out->len < 64; p++)
    if (!strchr (" \t_-./", *p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static void
entry_free (WmTenureListEntry *entry)
{
  g_free (entry->building_id);
  g_free (entry->address_key);
  g_free (entry);
}

void
wm_tenure_list_free (WmTenureList *self)
{
  if (self == NULL)
    return;
  g_free (self->source);
  g_strfreev (self->header);
  g_free (self->kinds);
  g_free (self->segments);
  g_ptr_array_unref (self->entries);
  g_hash_table_unref (self->by_key);
  g_free (self);
}

WmTenureList *
wm_tenure_list_new (const char        *source,
                    const char *const *header,
                    guint              n_columns,
                    int                year,
                    WmSegmentTable    *segments,
                    GError           **error)
{
  g_autoptr(WmTenureList) self = g_new0 (WmTenureList, 1);
  const WmPriceLimits *limits;
  gboolean has_address;

  g_return_val_if_fail (header != NULL || n_columns == 0, NULL);

  self->source = g_strdup (source != NULL ? source : _("property list"));
  self->header = g_new0 (char *, n_columns + 1);
  self->kinds = g_new0 (ColumnKind, MAX (n_columns, 1));
  self->segments = g_new0 (int, MAX (n_columns, 1));
  self->n_columns = n_columns;
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint k = 0; k < G_N_ELEMENTS (self->col); k++)
    self->col[k] = -1;

  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *name = NULL;

      self->header[c] = g_utf8_make_valid (header[c] != NULL ? header[c] : "", -1);
      if (strlen (self->header[c]) > WM_TENURE_LIST_MAX_VALUE)
        self->header[c][WM_TENURE_LIST_MAX_VALUE] = '\0';
      name = normalise (self->header[c]);
      for (guint i = 0; i < G_N_ELEMENTS (column_names); i++)
        if (g_str_equal (name, column_names[i].name))
          {
            ColumnKind kind = column_names[i].kind;

            if (kind == COL_SEGMENT_COUNT)
              {
                self->kinds[c] = kind;
                self->segments[c] = column_names[i].segment;
                self->per_segment = TRUE;
              }
            else if (self->col[kind] < 0)
              {
                self->kinds[c] = kind;
                self->col[kind] = c;
              }
            break;
          }
      /* The segment keys themselves ("social_rent", ...) are recognised too. */
      for (guint s = 0; self->kinds[c] == COL_NONE && s < WM_N_SEGMENTS; s++)
        {
          g_autofree char *key = normalise (wm_segment_key (s));

          if (g_str_equal (name, key))
            {
              self->kinds[c] = COL_SEGMENT_COUNT;
              self->segments[c] = s;
              self->per_segment = TRUE;
            }
        }
    }

  has_address = self->col[COL_ADDRESS] >= 0 ||
                (self->col[COL_POSTCODE] >= 0 && self->col[COL_NUMBER] >= 0);
  if (self->col[COL_PAND_ID] < 0 && !has_address)
    {
      g_set_error (error, WM_TENURE_LIST_ERROR, WM_TENURE_LIST_ERROR_COLUMNS,
                   _("“%s”: no column names the building: a BAG pand id (“pand_id”), the "
                     "address (“postcode” and “huisnummer”) or one “adres” column is needed"),
                   self->source);
      return NULL;
    }
  if (!self->per_segment && self->col[COL_SEGMENT] < 0 && self->col[COL_RENT] < 0)
    {
      g_set_error (error, WM_TENURE_LIST_ERROR, WM_TENURE_LIST_ERROR_COLUMNS,
                   _("“%s”: no column gives the dwellings: columns per segment (“sociale "
                     "huur”, “middenhuur”, …), a “segment” column or a “kale huur” column "
                     "is needed"),
                   self->source);
      return NULL;
    }

  if (segments == NULL)
    segments = wm_segment_table_get_default ();
  if (year <= 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      year = g_date_time_get_year (now);
    }
  limits = wm_segment_table_get_limits (segments, year);
  /* A year before the table's first: the first year's limits. */
  for (int y = year + 1; limits == NULL && y <= 2200; y++)
    limits = wm_segment_table_get_limits (segments, y);
  if (limits != NULL)
    {
      self->social_max_rent = limits->social_rent_max_rent;
      self->mid_max_rent = limits->mid_rent_max_rent;
    }
  return g_steal_pointer (&self);
}

gboolean
wm_tenure_list_parse_number (const char *text,
                             double     *out)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *last_dot, *last_comma;
  char decimal = 0;
  char *end = NULL;
  gboolean grouped_dots = TRUE;
  guint run = 0, groups = 0;

  if (text == NULL)
    return FALSE;
  /* Currency and spaces (also no-break spaces) go; "650,-" is 650. */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "€"))
        {
          p += strlen ("€") - 1;
          continue;
        }
      if (g_str_has_prefix (p, "\xc2\xa0"))
        {
          p++;
          continue;
        }
      if (g_ascii_strncasecmp (p, "eur", 3) == 0)
        {
          p += 2;
          continue;
        }
      if (*p == ' ' || *p == '\t')
        continue;
      if (g_str_equal (p, ",-") || g_str_equal (p, ".-"))
        break;
      if (!g_ascii_isdigit (*p) && *p != '.' && *p != ',' && !(*p == '-' && digits->len == 0))
        return FALSE;
      g_string_append_c (digits, *p);
      if (digits->len > 32)
        return FALSE;
    }
  if (digits->len == 0)
    return FALSE;

  last_dot = strrchr (digits->str, '.');
  last_comma = strrchr (digits->str, ',');
  if (last_dot != NULL && last_comma != NULL)
    decimal = last_dot > last_comma ? '.' : ',';
  else if (last_comma != NULL)
    decimal = ','; /* Dutch: "650,50" */
  else if (last_dot != NULL)
    {
      /* "1.234" and "1.234.567" are Dutch thousands; "650.50" is a decimal point. */
      for (const char *p = digits->str; *p != '\0'; p++)
        {
          if (*p == '.')
            {
              if ((groups == 0 && (run == 0 || run > 3)) || (groups > 0 && run != 3))
                grouped_dots = FALSE;
              groups++;
              run = 0;
            }
          else if (g_ascii_isdigit (*p))
            run++;
        }
      if (run != 3)
        grouped_dots = FALSE;
      decimal = grouped_dots ? 0 : '.';
    }

  {
    GString *clean = g_string_new (NULL);
    guint n_decimal = 0;

    for (const char *p = digits->str; *p != '\0'; p++)
      {
        if (*p == '.' || *p == ',')
          {
            if (*p == decimal)
              {
                if (n_decimal++ > 0)
                  {
                    g_string_free (clean, TRUE);
                    return FALSE;
                  }
                g_string_append_c (clean, '.');
              }
            continue;
          }
        g_string_append_c (clean, *p);
      }
    if (clean->len == 0 || g_str_equal (clean->str, "-") || g_str_equal (clean->str, ".") ||
        g_str_equal (clean->str, "-."))
      {
        g_string_free (clean, TRUE);
        return FALSE;
      }
    *out = g_ascii_strtod (clean->str, &end);
    if (end == NULL || *end != '\0' || !isfinite (*out))
      {
        g_string_free (clean, TRUE);
        return FALSE;
      }
    g_string_free (clean, TRUE);
  }
  return TRUE;
}

char *
wm_tenure_list_parse_pand_id (const char *text)
{
  g_autofree char *trimmed = NULL;
  const char *p;
  gsize len;

  if (text == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (text));
  p = trimmed;
  if (g_ascii_strncasecmp (p, "NL.IMBAG.Pand.", strlen ("NL.IMBAG.Pand.")) == 0)
    p += strlen ("NL.IMBAG.Pand.");
  len = strlen (p);
  if (len == 0 || len > 16)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (p[i]))
      return NULL;
  {
    g_autofree char *zeros = g_strnfill (16 - len, '0');

    return g_strconcat (zeros, p, NULL);
  }
}

/* Compiled once: a list has thousands of rows (GRegex matching is thread-safe). */
static GRegex *
shared_regex (GRegex    **slot,
              const char *pattern)
{
  if (g_once_init_enter (slot))
    g_once_init_leave (slot, g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL));
  return *slot;
}

static GRegex *number_re, *postcode_re;

/* Reads "12", "12A", "12 A", "12-2", "12A-2", "12 bis", "12a 3" at the end of @street. */
static char *
address_from_parts (const char *postcode,
                    const char *street)
{
  GRegex *re;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;
  g_autofree char *letter = NULL;
  g_autofree char *addition = NULL;
  gint64 n;

  re = shared_regex (&number_re, "(?:^|\\s)(\\d{1,5})(?:\\s?([A-Za-z]))?"
                                 "(?:(?:\\s*-\\s*|\\s+)([A-Za-z0-9]{1,4}))?\\s*$");
  if (!g_regex_match (re, street, 0, &match))
    return NULL;
  number = g_match_info_fetch (match, 1);
  letter = g_match_info_fetch (match, 2);
  addition = g_match_info_fetch (match, 3);
  n = g_ascii_strtoll (number, NULL, 10);
  return wm_address_key (postcode, n, letter, addition);
}

char *
wm_tenure_list_parse_address (const char *text)
{
  GRegex *re;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *postcode = NULL;
  g_autofree char *street = NULL;
  int start = 0, end = 0;
  const char *comma;

  if (text == NULL || strlen (text) > WM_TENURE_LIST_MAX_VALUE || !g_utf8_validate (text, -1, NULL))
    return NULL;
  re = shared_regex (&postcode_re, "(?:^|[\\s,])([1-9]\\d{3})\\s?([A-Za-z]{2})(?=$|[\\s,])");
  if (!g_regex_match (re, text, 0, &match))
    return NULL;
  {
    g_autofree char *digits = g_match_info_fetch (match, 1);
    g_autofree char *letters = g_match_info_fetch (match, 2);

    postcode = g_strconcat (digits, letters, NULL);
    g_match_info_fetch_pos (match, 0, &start, &end);
  }
  /* A second postcode: which one is meant cannot be told. */
  if (g_match_info_next (match, NULL))
    return NULL;

  /* The house number ends the part before the comma, or the part before the postcode. */
  comma = strchr (text, ',');
  if (comma != NULL && comma - text <= start)
    street = g_strndup (text, comma - text);
  else
    street = g_strndup (text, start);
  g_strstrip (street);
  if (*street == '\0')
    return NULL;
  return address_from_parts (postcode, street);
}

static gboolean
row_error (WmTenureList *self,
           GError      **error,
           guint         row,
           int           column,
           const char   *problem)
{
  if (column >= 0)
    g_set_error (error, WM_TENURE_LIST_ERROR, WM_TENURE_LIST_ERROR_VALUE,
                 _("“%s”, row %u, column “%s”: %s"), self->source, row, self->header[column],
                 problem);
  else
    g_set_error (error, WM_TENURE_LIST_ERROR, WM_TENURE_LIST_ERROR_VALUE,
                 _("“%s”, row %u: %s"), self->source, row, problem);
  return FALSE;
}

/* The value of the first column of @kind, trimmed; NULL when empty or absent. */
static const char *
value_of (const char *const *values,
          guint              n_values,
          int                column)
{
  if (column < 0 || (guint) column >= n_values || values[column] == NULL)
    return NULL;
  for (const char *p = values[column]; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return values[column];
  return NULL;
}

/* A whole number of dwellings 0..WM_TENURE_LIST_MAX_DWELLINGS. */
static gboolean
parse_count (WmTenureList *self,
             const char   *text,
             guint         row,
             int           column,
             gint         *out,
             GError      **error)
{
  double value;
  g_autofree char *problem = NULL;

  if (!wm_tenure_list_parse_number (text, &value))
    {
      problem = g_strdup_printf (_("“%.40s” is not a number"), text);
      return row_error (self, error, row, column, problem);
    }
  if (value != floor (value) || value < 0 || value > WM_TENURE_LIST_MAX_DWELLINGS)
    {
      problem = g_strdup_printf (_("%.40s is not a number of dwellings (a whole number from 0 to %d)"),
                                 text, WM_TENURE_LIST_MAX_DWELLINGS);
      return row_error (self, error, row, column, problem);
    }
  *out = (gint) value;
  return TRUE;
}

static gboolean
parse_segment (WmTenureList *self,
               const char   *text,
               guint         row,
               WmSegment    *out,
               GError      **error)
{
  g_autofree char *name = normalise (text);
  WmSegmentTable *table = wm_segment_table_get_default ();
  g_autofree char *problem = NULL;

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      g_autofree char *key = normalise (wm_segment_key (s));
      g_autofree char *shown = normalise (wm_segment_table_get_name (table, s));

      if (g_str_equal (name, key) || g_str_equal (name, shown))
        {
          *out = s;
          return TRUE;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (segment_names); i++)
    {
      g_autofree char *known = normalise (segment_names[i].name);

      if (g_str_equal (name, known))
        {
          *out = segment_names[i].segment;
          return TRUE;
        }
    }
  problem = g_strdup_printf (_("“%.40s” is not a segment (sociale huur, middenhuur, vrije "
                               "sector, betaalbare koop or dure koop)"), text);
  return row_error (self, error, row, self->col[COL_SEGMENT], problem);
}

gboolean
wm_tenure_list_add_row (WmTenureList      *self,
                        guint              row,
                        const char *const *values,
                        guint              n_values,
                        GError           **error)
{
  g_autofree char *building_id = NULL;
  g_autofree char *address_key = NULL;
  g_autofree char *key = NULL;
  WmDwellingMix mix = { { 0, } };
  WmTenureListEntry *entry;
  gboolean empty = TRUE;
  const char *v;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);

  for (guint c = 0; c < n_values; c++)
    {
      if (values[c] == NULL)
        continue;
      if (strlen (values[c]) > WM_TENURE_LIST_MAX_VALUE)
        return row_error (self, error, row, c < self->n_columns ? (int) c : -1,
                          _("the value is too long"));
      if (!g_utf8_validate (values[c], -1, NULL))
        return row_error (self, error, row, c < self->n_columns ? (int) c : -1,
                          _("the value is not valid text (UTF-8)"));
      if (value_of (values, n_values, c) != NULL)
        empty = FALSE;
    }
  if (empty)
    return TRUE;

  /* The building: a pand id first, else the address. */
  if ((v = value_of (values, n_values, self->col[COL_PAND_ID])) != NULL)
    {
      building_id = wm_tenure_list_parse_pand_id (v);
      if (building_id == NULL)
        {
          g_autofree char *problem =
            g_strdup_printf (_("“%.40s” is not a BAG pand id (up to 16 digits)"), v);

          return row_error (self, error, row, self->col[COL_PAND_ID], problem);
        }
    }
  else if (value_of (values, n_values, self->col[COL_POSTCODE]) != NULL ||
           value_of (values, n_values, self->col[COL_NUMBER]) != NULL)
    {
      const char *postcode = value_of (values, n_values, self->col[COL_POSTCODE]);
      const char *number = value_of (values, n_values, self->col[COL_NUMBER]);
      const char *letter = value_of (values, n_values, self->col[COL_LETTER]);
      const char *addition = value_of (values, n_values, self->col[COL_ADDITION]);
      double n = 0;

      if (postcode == NULL)
        return row_error (self, error, row, self->col[COL_POSTCODE], _("the postcode is missing"));
      if (number == NULL)
        return row_error (self, error, row, self->col[COL_NUMBER],
                          _("the house number is missing"));
      if (!wm_tenure_list_parse_number (number, &n) || n != floor (n) || n < 1 || n > 99999)
        {
          /* "12A" in the number column: the letter is part of it. */
          g_autofree char *street = g_strconcat ("x ", number, NULL);

          if (letter == NULL && addition == NULL)
            address_key = address_from_parts (postcode, street);
          if (address_key == NULL)
            {
              g_autofree char *problem =
                g_strdup_printf (_("“%.40s” is not a house number"), number);

              return row_error (self, error, row, self->col[COL_NUMBER], problem);
            }
        }
      else
        address_key = wm_address_key (postcode, (gint64) n, letter, addition);
      if (address_key == NULL)
        {
          g_autofree char *problem =
            g_strdup_printf (_("“%.20s” %.20s%.8s%.8s is not a Dutch address"),
                             postcode, number, letter != NULL ? letter : "",
                             addition != NULL ? addition : "");

          return row_error (self, error, row, self->col[COL_POSTCODE], problem);
        }
    }
  else if ((v = value_of (values, n_values, self->col[COL_ADDRESS])) != NULL)
    {
      address_key = wm_tenure_list_parse_address (v);
      if (address_key == NULL)
        {
          g_autofree char *problem = g_strdup_printf (
            _("“%.60s” cannot be read as one address with postcode and house number"), v);

          return row_error (self, error, row, self->col[COL_ADDRESS], problem);
        }
    }
  else
    return row_error (self, error, row,
                      self->col[COL_PAND_ID] >= 0 ? self->col[COL_PAND_ID]
                      : self->col[COL_ADDRESS] >= 0 ? self->col[COL_ADDRESS]
                      : self->col[COL_POSTCODE],
                      _("the row names no building (no pand id, no address)"));

  /* Its dwellings. */
  if (self->per_segment)
    {
      for (guint c = 0; c < self->n_columns && c < n_values; c++)
        {
          gint n;

          if (self->kinds[c] != COL_SEGMENT_COUNT || (v = value_of (values, n_values, c)) == NULL)
            continue;
          if (!parse_count (self, v, row, c, &n, error))
            return FALSE;
          mix.counts[self->segments[c]] += n;
        }
    }
  else
    {
      gint units = 1;
      WmSegment segment = WM_SEGMENT_SOCIAL_RENT;

      if ((v = value_of (values, n_values, self->col[COL_COUNT])) != NULL &&
          !parse_count (self, v, row, self->col[COL_COUNT], &units, error))
        return FALSE;
      if ((v = value_of (values, n_values, self->col[COL_SEGMENT])) != NULL)
        {
          if (!parse_segment (self, v, row, &segment, error))
            return FALSE;
        }
      else if ((v = value_of (values, n_values, self->col[COL_RENT])) != NULL)
        {
          double rent;
          g_autofree char *problem = NULL;

          if (!wm_tenure_list_parse_number (v, &rent))
            {
              problem = g_strdup_printf (_("“%.40s” is not an amount"), v);
              return row_error (self, error, row, self->col[COL_RENT], problem);
            }
          if (rent < 0 || rent > 100000)
            {
              problem = g_strdup_printf (_("%.40s is not a monthly rent"), v);
              return row_error (self, error, row, self->col[COL_RENT], problem);
            }
          if (self->social_max_rent <= 0)
            return row_error (self, error, row, self->col[COL_RENT],
                              _("the segment table has no rent limits"));
          segment = rent <= self->social_max_rent ? WM_SEGMENT_SOCIAL_RENT
                    : rent <= self->mid_max_rent  ? WM_SEGMENT_MID_RENT
                                                  : WM_SEGMENT_PRIVATE_RENT;
        }
      else
        return row_error (self, error, row,
                          self->col[COL_SEGMENT] >= 0 ? self->col[COL_SEGMENT]
                                                      : self->col[COL_RENT],
                          _("the row gives neither a segment nor a rent"));
      mix.counts[segment] = units;
    }

  key = building_id != NULL ? g_strconcat ("id:", building_id, NULL)
                            : g_strconcat ("adr:", address_key, NULL);
  entry = g_hash_table_lookup (self->by_key, key);
  if (entry != NULL)
    {
      if (wm_dwelling_mix_total (&entry->mix) + wm_dwelling_mix_total (&mix) >
          WM_TENURE_LIST_MAX_DWELLINGS)
        return row_error (self, error, row, -1,
                          _("the rows of this building add up to too many dwellings"));
      wm_dwelling_mix_add (&entry->mix, &mix);
      return TRUE;
    }
  entry = g_new0 (WmTenureListEntry, 1);
  entry->building_id = g_steal_pointer (&building_id);
  entry->address_key = g_steal_pointer (&address_key);
  entry->mix = mix;
  entry->row = row;
  g_ptr_array_add (self->entries, entry);
  g_hash_table_insert (self->by_key, g_steal_pointer (&key), entry);
  return TRUE;
}

guint
wm_tenure_list_get_n_entries (WmTenureList *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

const WmTenureListEntry *
wm_tenure_list_get_entry (WmTenureList *self,
                          guint         i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, i);
}
