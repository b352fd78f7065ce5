/* wm-import-bag.c: buildings from BAG and from plain building layers
 *
 * Speed: the verblijfsobjecten (twice as many as panden) are read attribute-only with every
 * unused field ignored and aggregated into one hash entry per pand; the panden are then
 * streamed once, each becoming a WmBuilding. Nothing else is kept per feature.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wm-address-book.h"
#include "wm-import-bag.h"

/* Roles. The candidates are compared with '_', '-', ' ', ':' and '.' left out and case
 * ignored, so "pand_identificatie", "pandIdentificatie" and "PANDIDENTIFICATIE" all match one
 * entry; list the forms that differ in more than that. */

static const char *const id_names[] = {
  "identificatie", "pandidentificatie", "identificatiepand", "pandid", "bagpandid", "bagid",
  "identificatiebagpnd", "pandref", "id", NULL
};
static const char *const year_names[] = {
  "oorspronkelijkbouwjaar", "bouwjaar", "bouwjaaroorspronkelijk", "bouwjr", "year",
  "yearbuilt", "constructionyear", "buildyear", "builtyear", "jaar", NULL
};
static const char *const status_names[] = {
  "status", "pandstatus", "statuspand", "buildingstatus", NULL
};
static const char *const end_names[] = {
  "eindgeldigheid", "eindregistratie", "einddatum", "einddatumtijdvakgeldigheid",
  "tijdstipinactief", "tijdstipeindregistratie", "einddatumgeldigheid", "enddate", "validto",
  "eindtijd", "tijdstipeindregistratielv", "tijdstipinactieflv", "tijdstipnietbaglv", NULL
};
static const char *const dwellings_names[] = {
  "aantalverblijfsobjecten", "aantalvbo", "aantalwoningen", "woningen", "aantalwoonfunctie",
  "dwellings", "ndwellings", "numdwellings", "dwellingcount", "units", "housingunits",
  "woningaantal", NULL
};
static const char *const use_names[] = {
  "gebruiksdoel", "gebruiksdoelen", "gebruiksdoelverblijfsobject", "gebruiksdoelpand", "use",
  "function", "functie", "usage", "buildinguse", NULL
};
static const char *const storeys_names[] = {
  "aantalbouwlagen", "bouwlagen", "aantalverdiepingen", "verdiepingen", "storeys", "stories",
  "floors", "levels", "buildinglevels", NULL
};
static const char *const segment_names[] = {
  "segment", "woningsegment", "huursegment", "tenure", "eigendomssituatie", "eigendom",
  "sector", "segmentkey", NULL
};
static const char *const vbo_pand_names[] = {
  "pandidentificatie", "pandidentificaties", "pandref", "pandid", "gerelateerdpand",
  "pandrelatering", "identificatiepand", "maaktdeeluitvan", "pand", "bagpandid", NULL
};
static const char *const postcode_names[] = { "postcode", "postalcode", "zipcode", NULL };
static const char *const number_names[] = { "huisnummer", "housenumber", "nummer", NULL };
static const char *const letter_names[] = { "huisletter", "houseletter", "letter", NULL };
static const char *const addition_names[] = {
  "toevoeging", "huisnummertoevoeging", "housenumberaddition", "addition", NULL
};

enum
{
  ROLE_ID,
  ROLE_YEAR,
  ROLE_STATUS,
  ROLE_END,
  ROLE_DWELLINGS,
  ROLE_USE,
  ROLE_STOREYS,
  ROLE_SEGMENT,
  ROLE_VBO_PAND,
  ROLE_VBO_USE,
  ROLE_VBO_STATUS,
  ROLE_VBO_END,
  ROLE_POSTCODE,
  ROLE_NUMBER,
  ROLE_LETTER,
  ROLE_ADDITION,
  N_ROLES
};

static const WmFieldRole all_roles[N_ROLES] = {
  [ROLE_ID] = { "id", N_("Building id (BAG pand id)"), id_names, FALSE },
  [ROLE_YEAR] = { "year", N_("Building year"), year_names, FALSE },
  [ROLE_STATUS] = { "status", N_("Status"), status_names, FALSE },
  [ROLE_END] = { "end_date", N_("End date (objects with one are history)"), end_names, FALSE },
  [ROLE_DWELLINGS] = { "dwellings", N_("Number of dwellings"), dwellings_names, FALSE },
  [ROLE_USE] = { "use", N_("Use (gebruiksdoel)"), use_names, FALSE },
  [ROLE_STOREYS] = { "storeys", N_("Number of storeys"), storeys_names, FALSE },
  [ROLE_SEGMENT] = { "segment", N_("Housing segment"), segment_names, FALSE },
  [ROLE_VBO_PAND] = { "vbo_pand", N_("Verblijfsobject: its pand"), vbo_pand_names, FALSE },
  [ROLE_VBO_USE] = { "vbo_use", N_("Verblijfsobject: use (gebruiksdoel)"), use_names, FALSE },
  [ROLE_VBO_STATUS] = { "vbo_status", N_("Verblijfsobject: status"), status_names, FALSE },
  [ROLE_VBO_END] = { "vbo_end_date", N_("Verblijfsobject: end date"), end_names, FALSE },
  [ROLE_POSTCODE] = { "postcode", N_("Postcode"), postcode_names, FALSE },
  [ROLE_NUMBER] = { "house_number", N_("House number"), number_names, FALSE },
  [ROLE_LETTER] = { "house_letter", N_("House letter"), letter_names, FALSE },
  [ROLE_ADDITION] = { "house_addition", N_("House number addition"), addition_names, FALSE },
};

/* The plain layer importer's roles, in all_roles' order for the first ones. */
static const WmFieldRole layer_roles[] = {
  { "id", N_("Building id"), id_names, FALSE },
  { "year", N_("Building year"), year_names, FALSE },
  { "status", N_("Status"), status_names, FALSE },
  { "end_date", N_("End date (objects with one are history)"), end_names, FALSE },
  { "dwellings", N_("Number of dwellings"), dwellings_names, FALSE },
  { "use", N_("Use"), use_names, FALSE },
  { "storeys", N_("Number of storeys"), storeys_names, FALSE },
  { "segment", N_("Housing segment"), segment_names, FALSE },
};

/* BAG's gebruiksdoelen (BAG 2.0, StatusVerblijfsobject's companion domain). */
static const char *const use_values[] = {
  "woonfunctie", "bijeenkomstfunctie", "celfunctie", "gezondheidszorgfunctie",
  "industriefunctie", "kantoorfunctie", "logiesfunctie", "onderwijsfunctie", "sportfunctie",
  "winkelfunctie", "overige gebruiksfunctie",
};
#define USE_WOON 1u

typedef enum
{
  STATUS_CURRENT,      /* the building stands */
  STATUS_CONSTRUCTION, /* being built: taken with include_construction */
  STATUS_PLANNED,      /* only a permit: nothing stands yet */
  STATUS_GONE,         /* demolished, never built, registered by mistake, out of use */
  STATUS_UNKNOWN,
} Status;

typedef struct
{
  const char *value;
  Status status;
} StatusValue;

/* Every value of BAG 2.0's StatusPand and StatusVerblijfsobject (Catalogus BAG 2018, as
 * NLExtract's and GDAL's LVBAG readers list them). */
static const StatusValue status_values[] = {
  { "Pand in gebruik", STATUS_CURRENT },
  { "Pand in gebruik (niet ingemeten)", STATUS_CURRENT },
  { "Verbouwing pand", STATUS_CURRENT },
  { "Sloopvergunning verleend", STATUS_CURRENT }, /* still stands until it is gesloopt */
  { "Bouw gestart", STATUS_CONSTRUCTION },
  { "Bouwvergunning verleend", STATUS_PLANNED },
  { "Niet gerealiseerd pand", STATUS_GONE },
  { "Pand gesloopt", STATUS_GONE },
  { "Pand buiten gebruik", STATUS_GONE },
  { "Pand ten onrechte opgevoerd", STATUS_GONE },
  { "Verblijfsobject in gebruik", STATUS_CURRENT },
  { "Verblijfsobject in gebruik (niet ingemeten)", STATUS_CURRENT },
  { "Verbouwing verblijfsobject", STATUS_CURRENT },
  { "Verblijfsobject gevormd", STATUS_CONSTRUCTION },
  { "Niet gerealiseerd verblijfsobject", STATUS_GONE },
  { "Verblijfsobject ingetrokken", STATUS_GONE },
  { "Verblijfsobject buiten gebruik", STATUS_GONE },
  { "Verblijfsobject ten onrechte opgevoerd", STATUS_GONE },
};

/* What the verblijfsobjecten say about one pand; also marks the panden read. */
typedef struct
{
  guint32 n_vbo;
  guint32 dwellings;
  guint16 uses;     /* bit i: use_values[i] */
  guint8 seen;      /* read in the pand layer (whatever its status) */
  guint8 imported;  /* became a building */
  char id[];        /* the hash key */
} PandEntry;

typedef struct
{
  char *key;
  PandEntry *pand;
} AddressLink;

typedef struct
{
  WmOgrSource *source;
  const WmImportOptions *options;
  WmImportResult *result;
  WmImportProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
  gboolean bag;               /* BAG rules: unknown status values are not taken */
  GHashTable *panden;         /* id -> PandEntry* (owned) */
  GArray *addresses;          /* AddressLink */
  gboolean have_vbo;
  double progress_from, progress_span;
  int next_year;
  GHashTable *use_texts;      /* uses mask -> "woonfunctie,winkelfunctie" */
} Ctx;

static void
address_link_clear (gpointer data)
{
  g_free (((AddressLink *) data)->key);
}

/* Lower-case ASCII without '_', '-', ' ', ':' and '.', for comparing field names. */
static void
squash (const char *name, char *out, gsize size)
{
  gsize n = 0;

  for (const char *p = name; *p != '\0' && n + 1 < size; p++)
    if (*p != '_' && *p != '-' && *p != ' ' && *p != ':' && *p != '.')
      out[n++] = g_ascii_tolower (*p);
  out[n] = '\0';
}

/* Case-insensitive ASCII substring test. */
static gboolean
contains_ci (const char *haystack, const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = haystack; *p != '\0'; p++)
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
set_layer_error (Ctx *ctx, GError **error, guint layer, WmImportError code, const char *message)
{
  g_set_error (error, WM_IMPORT_ERROR, code, _("“%s”, layer “%s”: %s"),
               wm_ogr_source_get_path (ctx->source),
               wm_ogr_source_get_layer_name (ctx->source, layer), message);
}

/* The field of @layer whose squashed name is @candidate's, or NULL. */
static const char *
find_field (WmOgrSource *source, guint layer, const char *candidate)
{
  const char *const *fields = wm_ogr_source_get_field_names (source, layer);
  char want[64], have[64];

  squash (candidate, want, sizeof want);
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      squash (fields[i], have, sizeof have);
      if (strcmp (want, have) == 0)
        return fields[i];
    }
  return NULL;
}

/* Field index of @role in @reader (-1: none): the user's mapping first, then the candidates.
 * A mapped field that is not there is an error. */
static gboolean
resolve_role (Ctx *ctx, WmOgrReader *reader, guint layer, const WmFieldRole *role, int *out,
              GError **error)
{
  const char *mapped = NULL;

  *out = -1;
  if (ctx->options->mapping != NULL)
    mapped = wm_field_mapping_get (ctx->options->mapping, role->role);
  if (mapped != NULL)
    {
      g_autofree char *message = NULL;

      *out = wm_ogr_reader_field_index (reader, mapped);
      if (*out >= 0)
        return TRUE;
      message = g_strdup_printf (_("there is no field “%s” (chosen for “%s”)"), mapped,
                                 role->role);
      set_layer_error (ctx, error, layer, WM_IMPORT_ERROR_FIELDS, message);
      return FALSE;
    }
  for (const char *const *c = role->candidates; *c != NULL; c++)
    {
      const char *name = find_field (ctx->source, layer, *c);

      if (name != NULL)
        {
          *out = wm_ogr_reader_field_index (reader, name);
          return TRUE;
        }
    }
  return TRUE;
}

/* Every end-date field there is (histories may carry eindGeldigheid and eindRegistratie). */
static gboolean
resolve_end_fields (Ctx *ctx, WmOgrReader *reader, guint layer, const WmFieldRole *role,
                    GArray *out, GError **error)
{
  const char *const *fields = wm_ogr_source_get_field_names (ctx->source, layer);

  if (ctx->options->mapping != NULL && wm_field_mapping_get (ctx->options->mapping, role->role))
    {
      int index;

      if (!resolve_role (ctx, reader, layer, role, &index, error))
        return FALSE;
      g_array_append_val (out, index);
      return TRUE;
    }
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      char have[64], want[64];

      squash (fields[i], have, sizeof have);
      for (const char *const *c = role->candidates; *c != NULL; c++)
        {
          squash (*c, want, sizeof want);
          if (strcmp (want, have) == 0)
            {
              int index = wm_ogr_reader_field_index (reader, fields[i]);

              if (index >= 0)
                g_array_append_val (out, index);
              break;
            }
        }
    }
  return TRUE;
}

/* Marks field @index as one this pass reads. */
static void
add_used (GArray *used, int index)
{
  if (index >= 0 && (guint) index < used->len)
    g_array_index (used, gboolean, index) = TRUE;
}

static GArray *
used_new (WmOgrSource *source, guint layer)
{
  const char *const *fields = wm_ogr_source_get_field_names (source, layer);
  guint n = fields != NULL ? g_strv_length ((char **) fields) : 0;
  GArray *used = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), n);

  g_array_set_size (used, n);
  return used;
}

/* OGR skips every field not marked in @used (and the geometry without @with_geometry): a
 * GeoPackage row is then hardly decoded, which makes the verblijfsobject pass several times
 * faster. */
static void
ignore_unused (WmOgrReader *reader, WmOgrSource *source, guint layer, GArray *used,
               gboolean with_geometry)
{
  const char *const *fields = wm_ogr_source_get_field_names (source, layer);
  g_autoptr(GPtrArray) ignored = g_ptr_array_new ();

  for (guint i = 0; i < used->len; i++)
    if (!g_array_index (used, gboolean, i))
      g_ptr_array_add (ignored, (gpointer) fields[i]);
  if (!with_geometry)
    g_ptr_array_add (ignored, (gpointer) "OGR_GEOMETRY");
  g_ptr_array_add (ignored, (gpointer) "OGR_STYLE");
  g_ptr_array_add (ignored, NULL);
  wm_ogr_reader_set_ignored_fields (reader, (const char *const *) ignored->pdata);
}

static Status
classify_status (const char *text)
{
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return STATUS_CURRENT;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return STATUS_CURRENT; /* no status given: nothing says it is gone */
  for (guint i = 0; i < G_N_ELEMENTS (status_values); i++)
    if (g_ascii_strcasecmp (trimmed, status_values[i].value) == 0)
      return status_values[i].status;
  return STATUS_UNKNOWN;
}

/* Whether the feature has a non-empty end date in any of @ends. */
static gboolean
has_end (WmOgrReader *reader, GArray *ends, gboolean *out, GError **error)
{
  *out = FALSE;
  for (guint i = 0; i < ends->len; i++)
    {
      GError *local = NULL;
      const char *text = wm_ogr_reader_get_string (reader, g_array_index (ends, int, i), &local);

      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      if (text == NULL)
        continue;
      while (*text == ' ')
        text++;
      if (*text != '\0')
        {
          *out = TRUE;
          return TRUE;
        }
    }
  return TRUE;
}

static guint
parse_uses (const char *text)
{
  guint mask = 0;

  if (text == NULL)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (use_values); i++)
    if (contains_ci (text, i == 10 ? "overige" : use_values[i]))
      mask |= 1u << i;
  return mask;
}

static const char *
use_text (Ctx *ctx, guint mask)
{
  GString *text;
  char *s;

  if (mask == 0)
    return NULL;
  s = g_hash_table_lookup (ctx->use_texts, GUINT_TO_POINTER (mask));
  if (s != NULL)
    return s;
  text = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (use_values); i++)
    if (mask & (1u << i))
      {
        if (text->len > 0)
          g_string_append_c (text, ',');
        g_string_append (text, use_values[i]);
      }
  s = g_string_free (text, FALSE);
  g_hash_table_insert (ctx->use_texts, GUINT_TO_POINTER (mask), s);
  return s;
}

char *
wm_import_bag_normalise_id (const char *text)
{
  g_autofree char *trimmed = NULL;
  const char *digits;
  gsize len;
  gboolean all_digits = TRUE, numeric = TRUE;

  if (text == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return NULL;

  /* "NL.IMBAG.Pand.0221100000311191" (3D BAG, BAG API) */
  digits = strrchr (trimmed, '.');
  if (digits != NULL && strlen (digits + 1) >= 10 && g_ascii_isalpha (trimmed[0]))
    {
      const char *p = digits + 1;

      while (g_ascii_isdigit (*p))
        p++;
      if (*p == '\0')
        return wm_import_bag_normalise_id (digits + 1);
    }

  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        all_digits = FALSE;
      if (!g_ascii_isdigit (*p) && strchr (".eE+", *p) == NULL)
        numeric = FALSE;
    }
  if (all_digits)
    {
      digits = trimmed;
      while (*digits == '0' && digits[1] != '\0')
        digits++;
      len = strlen (digits);
      if (len <= 16)
        return g_strdup_printf ("%016" G_GINT64_FORMAT, g_ascii_strtoll (digits, NULL, 10));
      return g_steal_pointer (&trimmed);
    }
  /* A number stored as real ("221100000311191.0", "2.21100000311191e+14") */
  if (numeric && g_ascii_isdigit (trimmed[0]))
    {
      char *end = NULL;
      double value = g_ascii_strtod (trimmed, &end);

      if (end != NULL && *end == '\0' && value >= 0 && value < 1e16 && value == floor (value))
        return g_strdup_printf ("%016" G_GINT64_FORMAT, (gint64) value);
    }
  return g_steal_pointer (&trimmed);
}

/* The first pand id of a list: "a,b", "(2:a,b)" (OGR string list), "{a,b}", "[\"a\",\"b\"]". */
static char *
first_id (const char *text)
{
  const char *p = text, *end;
  g_autofree char *token = NULL;

  if (text == NULL)
    return NULL;
  while (*p != '\0' && strchr (" \t({[\"'", *p) != NULL)
    p++;
  /* OGR's "(N:" count prefix */
  end = p;
  while (g_ascii_isdigit (*end))
    end++;
  if (end > p && *end == ':' && p > text && p[-1] == '(')
    p = end + 1;
  end = p;
  while (*end != '\0' && strchr (",; \t|)}]\"'", *end) == NULL)
    end++;
  if (end == p)
    return NULL;
  token = g_strndup (p, end - p);
  return wm_import_bag_normalise_id (token);
}

static PandEntry *
pand_entry (Ctx *ctx, const char *id)
{
  PandEntry *entry = g_hash_table_lookup (ctx->panden, id);
  gsize len;

  if (entry != NULL)
    return entry;
  len = strlen (id);
  entry = g_malloc0 (sizeof (PandEntry) + len + 1);
  memcpy (entry->id, id, len + 1);
  g_hash_table_insert (ctx->panden, entry->id, entry);
  return entry;
}

static gboolean
tick (Ctx *ctx, WmOgrReader *reader, guint n, GError **error)
{
  if (n % 1000 != 0)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return FALSE;
  if (ctx->progress != NULL)
    ctx->progress (ctx->progress_from + ctx->progress_span * wm_ogr_reader_get_progress (reader),
                   ctx->progress_data);
  return TRUE;
}

/* Text of @field, NULL when unset; FALSE on a bad value (error set). */
static gboolean
get_text (WmOgrReader *reader, int field, const char **out, GError **error)
{
  GError *local = NULL;

  *out = NULL;
  if (field < 0)
    return TRUE;
  *out = wm_ogr_reader_get_string (reader, field, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

/* Verblijfsobjecten -> ctx->panden (dwellings, uses) and ctx->addresses. */
static gboolean
read_vbo_layer (Ctx *ctx, guint layer, GError **error)
{
  g_autoptr(WmOgrReader) reader = NULL;
  g_autoptr(GArray) used = used_new (ctx->source, layer);
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (int));
  int f_pand, f_use, f_status, f_postcode, f_number, f_letter, f_addition;
  guint n = 0, n_gone = 0, n_construction = 0, n_ended = 0, n_unknown = 0, n_no_pand = 0;
  g_autofree char *unknown_example = NULL;
  GError *local = NULL;

  reader = wm_ogr_reader_new (ctx->source, layer, FALSE, error);
  if (reader == NULL)
    return FALSE;
  if (!resolve_role (ctx, reader, layer, &all_roles[ROLE_VBO_PAND], &f_pand, error) ||
      !resolve_role (ctx, reader, layer, &all_roles[ROLE_VBO_USE], &f_use, error) ||
      !resolve_role (ctx, reader, layer, &all_roles[ROLE_VBO_STATUS], &f_status, error) ||
      !resolve_end_fields (ctx, reader, layer, &all_roles[ROLE_VBO_END], ends, error) ||
      !resolve_role (ctx, reader, layer, &all_roles[ROLE_POSTCODE], &f_postcode, error) ||
      !resolve_role (ctx, reader, layer, &all_roles[ROLE_NUMBER], &f_number, error) ||
      !resolve_role (ctx, reader, layer, &all_roles[ROLE_LETTER], &f_letter, error) ||
      !resolve_role (ctx, reader, layer, &all_roles[ROLE_ADDITION], &f_addition, error))
    return FALSE;
  if (f_pand < 0)
    {
      set_layer_error (ctx, error, layer, WM_IMPORT_ERROR_FIELDS,
                       _("no field names the pand of a verblijfsobject (such as "
                         "pand_identificatie or pandref); choose one as “vbo_pand”"));
      return FALSE;
    }
  if (f_use < 0)
    {
      set_layer_error (ctx, error, layer, WM_IMPORT_ERROR_FIELDS,
                       _("no field gives the use of a verblijfsobject (gebruiksdoel); choose "
                         "one as “vbo_use”"));
      return FALSE;
    }

  add_used (used, f_pand);
  add_used (used, f_use);
  add_used (used, f_status);
  add_used (used, f_postcode);
  add_used (used, f_number);
  add_used (used, f_letter);
  add_used (used, f_addition);
  for (guint i = 0; i < ends->len; i++)
    add_used (used, g_array_index (ends, int, i));
  ignore_unused (reader, ctx->source, layer, used, FALSE);

  while (wm_ogr_reader_next (reader, &local))
    {
      const char *text;
      g_autofree char *pand_id = NULL;
      PandEntry *entry;
      gboolean ended;
      guint uses;

      if (!tick (ctx, reader, ++n, error))
        return FALSE;

      /* History first: an old version's status says nothing about today. */
      if (!has_end (reader, ends, &ended, error))
        return FALSE;
      if (ended)
        {
          n_ended++;
          continue;
        }
      if (!get_text (reader, f_status, &text, error))
        return FALSE;
      switch (classify_status (text))
        {
        case STATUS_CURRENT:
          break;
        case STATUS_CONSTRUCTION:
        case STATUS_PLANNED:
          if (ctx->options->include_construction)
            break;
          n_construction++;
          continue;
        case STATUS_GONE:
          n_gone++;
          continue;
        case STATUS_UNKNOWN:
        default:
          if (unknown_example == NULL)
            unknown_example = g_strdup (text);
          n_unknown++;
          continue;
        }

      if (!get_text (reader, f_pand, &text, error))
        return FALSE;
      pand_id = first_id (text);
      if (pand_id == NULL)
        {
          n_no_pand++;
          continue;
        }
      entry = pand_entry (ctx, pand_id);
      if (entry->n_vbo < G_MAXUINT32)
        entry->n_vbo++;
      if (!get_text (reader, f_use, &text, error))
        return FALSE;
      uses = parse_uses (text);
      entry->uses |= uses;
      if ((uses & USE_WOON) && entry->dwellings < G_MAXUINT32)
        entry->dwellings++;

      if (f_postcode >= 0 && f_number >= 0)
        {
          const char *postcode, *letter, *addition;
          g_autofree char *letter_copy = NULL;
          gint64 number;
          AddressLink link;

          if (!get_text (reader, f_postcode, &postcode, error))
            return FALSE;
          if (postcode == NULL)
            continue;
          if (!wm_ogr_reader_get_int64 (reader, f_number, &number, &local))
            {
              if (local != NULL)
                break;
              continue;
            }
          /* OGR gives a number field's text in one buffer per feature: copy before the next */
          if (!get_text (reader, f_letter, &letter, error))
            return FALSE;
          letter_copy = g_strdup (letter);
          if (!get_text (reader, f_addition, &addition, error))
            return FALSE;
          link.key = wm_address_key (postcode, number, letter_copy, addition);
          link.pand = entry;
          if (link.key != NULL)
            g_array_append_val (ctx->addresses, link);
        }
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }

  {
    const char *name = wm_ogr_source_get_layer_name (ctx->source, layer);

    if (n_gone > 0)
      wm_import_result_add_note (ctx->result,
                                 _("Layer “%s”: %u verblijfsobjecten skipped: "
                                   "not realised, withdrawn, out of use or registered by mistake."),
                                 name, n_gone);
    if (n_construction > 0)
      wm_import_result_add_note (ctx->result,
                                 _("Layer “%s”: %u verblijfsobjecten under "
                                   "construction skipped (they can be included)."),
                                 name, n_construction);
    if (n_ended > 0)
      wm_import_result_add_note (ctx->result,
                                 _("Layer “%s”: %u verblijfsobjecten skipped "
                                   "because they have an end date (history)."),
                                 name, n_ended);
    if (n_unknown > 0)
      wm_import_result_add_note (ctx->result,
                                 _("Layer “%s”: %u verblijfsobjecten with an "
                                   "unknown status (such as “%s”) skipped."),
                                 name, n_unknown, unknown_example);
    if (n_no_pand > 0)
      wm_import_result_add_note (ctx->result,
                                 _("Layer “%s”: %u verblijfsobjecten name no "
                                   "pand and are not counted."),
                                 name, n_no_pand);
  }
  return TRUE;
}

static gboolean
parse_segment (const char *text, WmSegment *out)
{
  static const struct
  {
    const char *name;
    WmSegment segment;
  } names[] = {
    { "social rent", WM_SEGMENT_SOCIAL_RENT },
    { "sociale huur", WM_SEGMENT_SOCIAL_RENT },
    { "sociaal", WM_SEGMENT_SOCIAL_RENT },
    { "social", WM_SEGMENT_SOCIAL_RENT },
    { "sociale huurwoning", WM_SEGMENT_SOCIAL_RENT },
    { "huur corporatie", WM_SEGMENT_SOCIAL_RENT },
    { "corporatie", WM_SEGMENT_SOCIAL_RENT },
    { "mid rent", WM_SEGMENT_MID_RENT },
    { "middle rent", WM_SEGMENT_MID_RENT },
    { "middenhuur", WM_SEGMENT_MID_RENT },
    { "midden huur", WM_SEGMENT_MID_RENT },
    { "middeldure huur", WM_SEGMENT_MID_RENT },
    { "private rent", WM_SEGMENT_PRIVATE_RENT },
    { "vrije sector huur", WM_SEGMENT_PRIVATE_RENT },
    { "vrije sector", WM_SEGMENT_PRIVATE_RENT },
    { "vrijesectorhuur", WM_SEGMENT_PRIVATE_RENT },
    { "dure huur", WM_SEGMENT_PRIVATE_RENT },
    { "particuliere huur", WM_SEGMENT_PRIVATE_RENT },
    { "owner affordable", WM_SEGMENT_OWNER_AFFORDABLE },
    { "affordable owner", WM_SEGMENT_OWNER_AFFORDABLE },
    { "betaalbare koop", WM_SEGMENT_OWNER_AFFORDABLE },
    { "goedkope koop", WM_SEGMENT_OWNER_AFFORDABLE },
    { "koop betaalbaar", WM_SEGMENT_OWNER_AFFORDABLE },
    { "owner expensive", WM_SEGMENT_OWNER_EXPENSIVE },
    { "expensive owner", WM_SEGMENT_OWNER_EXPENSIVE },
    { "dure koop", WM_SEGMENT_OWNER_EXPENSIVE },
    { "koop duur", WM_SEGMENT_OWNER_EXPENSIVE },
    /* Plain "koop" has no price class; the dearer one is the larger share in most areas. */
    { "koop", WM_SEGMENT_OWNER_EXPENSIVE },
    { "koopwoning", WM_SEGMENT_OWNER_EXPENSIVE },
    { "owner occupied", WM_SEGMENT_OWNER_EXPENSIVE },
    { "owner", WM_SEGMENT_OWNER_EXPENSIVE },
  };
  char buf[64];
  gsize n = 0;
  gboolean space = FALSE;

  if (wm_segment_from_key (text, out))
    return TRUE;
  /* lower case, '_' and '-' as spaces, runs of spaces as one */
  for (const char *p = text; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (c == '_' || c == '-' || c == ' ' || c == '\t')
        {
          space = n > 0;
          continue;
        }
      if (n + 2 >= sizeof buf)
        return FALSE;
      if (space)
        buf[n++] = ' ';
      space = FALSE;
      buf[n++] = c;
    }
  buf[n] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (buf, names[i].name) == 0)
      {
        *out = names[i].segment;
        return TRUE;
      }
  return FALSE;
}

/* A whole number in @field, or FALSE (unset: @error unset). */
static gboolean
get_count (WmOgrReader *reader, int field, const char *what, gint64 max, gint64 *out,
           GError **error)
{
  GError *local = NULL;
  double value;

  *out = 0;
  if (field < 0)
    return FALSE;
  if (!wm_ogr_reader_get_double (reader, field, &value, &local))
    {
      if (local != NULL)
        g_propagate_error (error, local);
      return FALSE;
    }
  if (!isfinite (value) || value < 0 || value != floor (value) || value > (double) max)
    {
      wm_ogr_reader_set_error (reader, error, WM_IMPORT_ERROR_BAD_VALUE,
                               _("%s %g cannot be right (it must be 0 to %d)"), what,
                               value, (int) max);
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

/* "1992", 1992, "1992-05-01" -> 1992; 0 when unknown or impossible (counted). */
static int
parse_year (const char *text, int next_year, guint *n_impossible)
{
  gint64 year = 0;
  const char *p = text;
  int digits = 0;

  if (text == NULL)
    return 0;
  while (*p == ' ')
    p++;
  while (g_ascii_isdigit (*p) && digits < 7)
    {
      year = year * 10 + (*p - '0');
      p++;
      digits++;
    }
  if (digits == 0 || g_ascii_isdigit (*p) || year < 1000 || year > next_year)
    {
      (*n_impossible)++;
      return 0;
    }
  return (int) year;
}

typedef struct
{
  guint n_read, n_gone, n_planned, n_construction, n_ended, n_unknown, n_outside, n_duplicate,
    n_year_unknown, n_dwellings, n_estimated, n_buildings;
  char *unknown_example;
} PandCounts;

/* One building layer (panden, 3D BAG, any polygons) -> result->buildings. */
static gboolean
read_building_layer (Ctx *ctx, guint layer, GError **error)
{
  g_autoptr(WmOgrReader) reader = NULL;
  g_autoptr(GArray) used = used_new (ctx->source, layer);
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (int));
  int f_id, f_year, f_status, f_dwellings, f_use, f_storeys, f_segment = -1;
  const char *layer_name = wm_ogr_source_get_layer_name (ctx->source, layer);
  const char *path = wm_ogr_source_get_path (ctx->source);
  PandCounts c = { 0 };
  g_autofree char *unknown_example = NULL;
  GError *local = NULL;

  reader = wm_ogr_reader_new (ctx->source, layer, TRUE, error);
  if (reader == NULL)
    return FALSE;
  if (!resolve_role (ctx, reader, layer, &all_roles[ROLE_ID], &f_id, error) ||
      !resolve_role (ctx, reader, layer, &all_roles[ROLE_YEAR], &f_year, error) ||
      !resolve_role (ctx, reader, layer, &all_roles[ROLE_STATUS], &f_status, error) ||
      !resolve_end_fields (ctx, reader, layer, &all_roles[ROLE_END], ends, error) ||
      !resolve_role (ctx, reader, layer, &all_roles[ROLE_DWELLINGS], &f_dwellings, error) ||
      !resolve_role (ctx, reader, layer, &all_roles[ROLE_USE], &f_use, error) ||
      !resolve_role (ctx, reader, layer, &all_roles[ROLE_STOREYS], &f_storeys, error) ||
      !resolve_role (ctx, reader, layer, &all_roles[ROLE_SEGMENT], &f_segment, error))
    return FALSE;

  add_used (used, f_id);
  add_used (used, f_year);
  add_used (used, f_status);
  add_used (used, f_dwellings);
  add_used (used, f_use);
  add_used (used, f_storeys);
  add_used (used, f_segment);
  for (guint i = 0; i < ends->len; i++)
    add_used (used, g_array_index (ends, int, i));
  ignore_unused (reader, ctx->source, layer, used, TRUE);
  if (ctx->options->clip != NULL)
    wm_ogr_reader_set_filter_bounds (reader, ctx->options->clip);

  while (wm_ogr_reader_next (reader, &local))
    {
      const char *text;
      g_autofree char *id = NULL;
      g_autoptr(WmGeometry) footprint = NULL;
      g_autoptr(WmBuilding) building = NULL;
      PandEntry *entry;
      WmDwellingMix mix = { { 0 } };
      gboolean ended, stated = FALSE;
      gint64 dwellings = 0, storeys = 0;
      const char *use = NULL;
      g_autofree char *use_copy = NULL;
      int year = 0;

      if (!tick (ctx, reader, ++c.n_read, error))
        return FALSE;

      /* The id first: a verblijfsobject of a pand skipped here is not "missing". */
      if (!get_text (reader, f_id, &text, error))
        return FALSE;
      id = wm_import_bag_normalise_id (text);
      if (id == NULL)
        id = g_strdup_printf ("%s-%" G_GINT64_FORMAT, layer_name, wm_ogr_reader_get_fid (reader));
      entry = pand_entry (ctx, id);
      entry->seen = TRUE;

      /* History first: an old version's status says nothing about today. */
      if (!has_end (reader, ends, &ended, error))
        return FALSE;
      if (ended)
        {
          c.n_ended++;
          continue;
        }
      if (!get_text (reader, f_status, &text, error))
        return FALSE;
      switch (classify_status (text))
        {
        case STATUS_CURRENT:
          break;
        case STATUS_CONSTRUCTION:
          if (ctx->options->include_construction)
            break;
          c.n_construction++;
          continue;
        case STATUS_PLANNED:
          c.n_planned++;
          continue;
        case STATUS_GONE:
          c.n_gone++;
          continue;
        case STATUS_UNKNOWN:
        default:
          /* A plain layer's own status words say nothing we know: keep the building. */
          if (!ctx->bag)
            break;
          if (unknown_example == NULL)
            unknown_example = g_strdup (text);
          c.n_unknown++;
          continue;
        }

      footprint = wm_ogr_reader_get_geometry (reader, error);
      if (footprint == NULL)
        return FALSE;
      if (footprint->kind != WM_GEOMETRY_POLYGON && footprint->kind != WM_GEOMETRY_MULTIPOLYGON)
        {
          wm_ogr_reader_set_error (reader, error, WM_IMPORT_ERROR_NO_GEOMETRY,
                                   _("a building needs a footprint (polygon), this is a %s"),
                                   footprint->kind == WM_GEOMETRY_POINT ? _("point") : _("line"));
          return FALSE;
        }
      if (ctx->options->clip != NULL)
        {
          WmPoint centre = wm_geometry_centroid (footprint);
          const WmBounds *b = ctx->options->clip;

          if (centre.x < b->min_x || centre.x > b->max_x || centre.y < b->min_y ||
              centre.y > b->max_y)
            {
              c.n_outside++;
              continue;
            }
        }
      if (entry->imported)
        {
          c.n_duplicate++;
          continue;
        }

      if (!get_text (reader, f_year, &text, error))
        return FALSE;
      if (text != NULL)
        year = parse_year (text, ctx->next_year, &c.n_year_unknown);
      {
        if (f_use >= 0 && !get_text (reader, f_use, &use, error))
          return FALSE;
        /* a copy: reading a number field's text next may reuse OGR's buffer */
        use = use_copy = g_strdup (use);
        if (ctx->have_vbo)
          {
            if (entry->dwellings > WM_IMPORT_BAG_MAX_DWELLINGS)
              {
                wm_ogr_reader_set_error (reader, error, WM_IMPORT_ERROR_BAD_VALUE,
                                         _("pand %s has %u dwellings (verblijfsobjecten with "
                                           "woonfunctie); more than %d cannot be right"),
                                         id, entry->dwellings, WM_IMPORT_BAG_MAX_DWELLINGS);
                return FALSE;
              }
            dwellings = entry->dwellings;
            if (use == NULL || *use == '\0')
              use = use_text (ctx, entry->uses);
          }
        else if (f_dwellings >= 0)
          {
            if (!get_count (reader, f_dwellings, _("the dwelling count"),
                            WM_IMPORT_BAG_MAX_DWELLINGS, &dwellings, &local))
              {
                if (local != NULL)
                  break;
                dwellings = 0;
              }
            /* 3D BAG counts every verblijfsobject: only a pand with woonfunctie has dwellings.
             * BAG's use words without woonfunctie mean none; other words say nothing. */
            if (use != NULL)
              {
                guint uses = parse_uses (use);

                if (uses != 0 && !(uses & USE_WOON))
                  dwellings = 0;
              }
          }
        if (f_storeys >= 0 &&
            !get_count (reader, f_storeys, _("the number of storeys"), 300, &storeys, &local) &&
            local != NULL)
          break;
        if (f_segment >= 0)
          {
            WmSegment segment;
            g_autofree char *trimmed = NULL;

            if (!get_text (reader, f_segment, &text, error))
              return FALSE;
            if (text != NULL)
              trimmed = g_strstrip (g_strdup (text));

            if (trimmed != NULL && *trimmed != '\0')
              {
                if (!parse_segment (trimmed, &segment))
                  {
                    wm_ogr_reader_set_error (reader, error, WM_IMPORT_ERROR_BAD_VALUE,
                                             _("“%s” is not a housing segment (social_rent, "
                                               "mid_rent, private_rent, owner_affordable, "
                                               "owner_expensive, or sociale huur, middenhuur, "
                                               "vrije sector huur, koop)"),
                                             trimmed);
                    return FALSE;
                  }
                /* A segment without a count: the feature is one dwelling. */
                if (f_dwellings < 0 && !ctx->have_vbo)
                  dwellings = 1;
                mix.counts[segment] = (gint) dwellings;
                stated = TRUE;
              }
          }
        if (!stated)
          mix.counts[WM_SEGMENT_SOCIAL_RENT] = (gint) dwellings;

        building = wm_building_new (id, footprint);
        wm_building_set_year (building, year);
        wm_building_set_storeys (building, (int) storeys);
        wm_building_set_dwellings (building, &mix);
        if (use != NULL && *use != '\0')
          wm_building_set_use (building, use);
        if (dwellings > 0 && !stated)
          {
            wm_building_set_tenure_source (building, WM_TENURE_ESTIMATED);
            c.n_estimated += dwellings;
          }
        c.n_dwellings += dwellings;
        c.n_buildings++;
        entry->imported = TRUE;
        g_ptr_array_add (ctx->result->buildings, g_steal_pointer (&building));
      }
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }

  wm_import_result_add_note (ctx->result,
                             _("“%s”, layer “%s”: %u buildings with %u dwellings."),
                             path, layer_name, c.n_buildings, c.n_dwellings);
  if (c.n_gone > 0)
    wm_import_result_add_note (ctx->result,
                               g_dngettext (NULL, "Layer “%s”: %u pand skipped: demolished, not built, "
                                            "out of use or registered by mistake.",
                                            "Layer “%s”: %u panden skipped: demolished, "
                                            "not built, out of use or registered by mistake.",
                                            c.n_gone),
                               layer_name, c.n_gone);
  if (c.n_planned > 0)
    wm_import_result_add_note (ctx->result,
                               g_dngettext (NULL, "Layer “%s”: %u pand skipped that only has a "
                                            "building permit.",
                                            "Layer “%s”: %u panden skipped that only "
                                            "have a building permit.", c.n_planned),
                               layer_name, c.n_planned);
  if (c.n_construction > 0)
    wm_import_result_add_note (ctx->result,
                               g_dngettext (NULL, "Layer “%s”: %u pand under construction skipped "
                                            "(it can be included).",
                                            "Layer “%s”: %u panden under construction "
                                            "skipped (they can be included).",
                                            c.n_construction),
                               layer_name, c.n_construction);
  if (c.n_ended > 0)
    wm_import_result_add_note (ctx->result,
                               g_dngettext (NULL, "Layer “%s”: %u pand skipped because it has an end "
                                            "date (history).",
                                            "Layer “%s”: %u panden skipped because they "
                                            "have an end date (history).", c.n_ended),
                               layer_name, c.n_ended);
  if (c.n_unknown > 0)
    wm_import_result_add_note (ctx->result,
                               g_dngettext (NULL, "Layer “%s”: %u pand with an unknown status (such as "
                                            "“%s”) skipped.",
                                            "Layer “%s”: %u panden with an unknown "
                                            "status (such as “%s”) skipped.", c.n_unknown),
                               layer_name, c.n_unknown, unknown_example);
  if (c.n_duplicate > 0)
    wm_import_result_add_note (ctx->result,
                               _("Layer “%s”: %u features repeat the id of a "
                                 "building already read and were skipped."),
                               layer_name, c.n_duplicate);
  if (c.n_year_unknown > 0)
    wm_import_result_add_note (ctx->result,
                               _("Layer “%s”: %u buildings have no usable "
                                 "building year (9999 or impossible): their year is unknown."),
                               layer_name, c.n_year_unknown);
  if (!ctx->have_vbo && f_dwellings < 0 && f_segment < 0 && c.n_buildings > 0)
    wm_import_result_add_note (ctx->result,
                               _("Layer “%s” has no dwelling counts: its buildings were imported "
                                 "without dwellings. BAG keeps the dwellings in its "
                                 "verblijfsobjecten: import the BAG GeoPackage of PDOK (layers "
                                 "pand and verblijfsobject) or a pand layer with "
                                 "aantal_verblijfsobjecten (3D BAG), or choose the field with the "
                                 "count as “dwellings”."),
                               layer_name);
  if (c.n_estimated > 0)
    wm_import_result_add_note (ctx->result,
                               _("Layer “%s”: the source gives no tenure; the %u"
                                 " dwellings are split over the segments by estimate."),
                               layer_name, c.n_estimated);
  return TRUE;
}

/* Layer names (squashed) of BAG's two layers in PDOK, NLExtract, GDAL's LVBAG and 3D BAG. */
static gboolean
is_pand_layer_name (const char *name)
{
  char s[64];

  squash (name, s, sizeof s);
  return strcmp (s, "pand") == 0 || strcmp (s, "panden") == 0 || strcmp (s, "bagpand") == 0 ||
         strcmp (s, "pnd") == 0 || (g_str_has_prefix (s, "pand") && !strstr (s, "verblijfs")) ||
         g_str_has_prefix (s, "bagpand");
}

static gboolean
is_vbo_layer_name (const char *name)
{
  char s[64];

  squash (name, s, sizeof s);
  return strstr (s, "verblijfsobject") != NULL || strcmp (s, "vbo") == 0 ||
         strcmp (s, "bagvbo") == 0;
}

static int
find_role_field (WmOgrSource *source, guint layer, const char *const *names)
{
  for (const char *const *c = names; *c != NULL; c++)
    if (find_field (source, layer, *c) != NULL)
      return (int) (c - names);
  return -1;
}

static void
ctx_init (Ctx *ctx, WmOgrSource *source, const WmImportOptions *options, WmImportResult *result,
          WmImportProgressFunc progress, gpointer progress_data, GCancellable *cancellable)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  memset (ctx, 0, sizeof *ctx);
  ctx->source = source;
  ctx->options = options;
  ctx->result = result;
  ctx->progress = progress;
  ctx->progress_data = progress_data;
  ctx->cancellable = cancellable;
  ctx->panden = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  ctx->addresses = g_array_new (FALSE, FALSE, sizeof (AddressLink));
  g_array_set_clear_func (ctx->addresses, address_link_clear);
  ctx->use_texts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  ctx->next_year = g_date_time_get_year (now) + 1;
  ctx->progress_span = 1.0;
}

static void
ctx_clear (Ctx *ctx)
{
  g_hash_table_unref (ctx->panden);
  g_array_unref (ctx->addresses);
  g_hash_table_unref (ctx->use_texts);
}

static double
layer_weight (WmOgrSource *source, int layer)
{
  gint64 n = layer >= 0 ? wm_ogr_source_get_feature_count (source, layer) : 0;

  return n > 0 ? (double) n : 1.0;
}

gboolean
wm_import_bag_recognise (WmOgrSource *source, const WmImportOptions *options)
{
  guint n = wm_ogr_source_get_n_layers (source);

  (void) options;
  for (guint i = 0; i < n; i++)
    {
      const char *name = wm_ogr_source_get_layer_name (source, i);

      if (is_vbo_layer_name (name))
        return TRUE;
      if (is_pand_layer_name (name) && wm_ogr_source_layer_has_geometry (source, i))
        return TRUE;
      /* Any layer with BAG's own field names (a renamed pand export) */
      if (wm_ogr_source_layer_has_geometry (source, i) &&
          find_field (source, i, "identificatie") != NULL &&
          (find_role_field (source, i, year_names) == 0 || find_field (source, i, "bouwjaar") ||
           find_field (source, i, "aantalverblijfsobjecten")))
        return TRUE;
    }
  return FALSE;
}

gboolean
wm_import_bag_read (WmOgrSource            *source,
                    const WmImportOptions  *options,
                    WmImportResult         *result,
                    WmImportProgressFunc    progress,
                    gpointer                progress_data,
                    GCancellable           *cancellable,
                    GError                **error)
{
  WmImportOptions defaults = WM_IMPORT_OPTIONS_INIT;
  guint n = wm_ogr_source_get_n_layers (source);
  g_autoptr(GArray) panden = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) vbos = g_array_new (FALSE, FALSE, sizeof (int));
  int pand;
  Ctx ctx;
  gboolean ok = FALSE;
  double w_vbo = 0, w_pand = 0, done = 0;

  g_return_val_if_fail (source != NULL && result != NULL, FALSE);
  if (options == NULL)
    options = &defaults;

  /* Every layer of the kind: a zip of BAG XML files (GDAL's LVBAG) has one per file. */
  for (guint i = 0; i < n; i++)
    {
      const char *name = wm_ogr_source_get_layer_name (source, i);
      int layer = i;

      if (options->layer != NULL ? g_ascii_strcasecmp (name, options->layer) == 0
                                 : is_pand_layer_name (name))
        g_array_append_val (panden, layer);
      else if (is_vbo_layer_name (name))
        g_array_append_val (vbos, layer);
    }
  if (options->layer != NULL && panden->len == 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NO_LAYER,
                   _("“%s” has no layer “%s”"), wm_ogr_source_get_path (source),
                   options->layer);
      return FALSE;
    }
  /* Else the first layer with geometry (the Doesburg GeoJSON, a 3D BAG export). */
  for (guint i = 0; i < n && panden->len == 0; i++)
    if (!is_vbo_layer_name (wm_ogr_source_get_layer_name (source, i)) &&
        wm_ogr_source_layer_has_geometry (source, i))
      {
        int layer = i;

        g_array_append_val (panden, layer);
      }
  if (panden->len == 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                   _("“%s” has no pand layer (buildings with a footprint)"),
                   wm_ogr_source_get_path (source));
      return FALSE;
    }
  pand = g_array_index (panden, int, 0);

  ctx_init (&ctx, source, options, result, progress, progress_data, cancellable);
  ctx.bag = TRUE;
  for (guint i = 0; i < vbos->len; i++) /* attribute-only: cheaper */
    w_vbo += layer_weight (source, g_array_index (vbos, int, i)) * 0.5;
  for (guint i = 0; i < panden->len; i++)
    w_pand += layer_weight (source, g_array_index (panden, int, i));

  for (guint i = 0; i < vbos->len; i++)
    {
      int layer = g_array_index (vbos, int, i);
      double w = layer_weight (source, layer) * 0.5;

      ctx.progress_from = done / (w_vbo + w_pand);
      ctx.progress_span = w / (w_vbo + w_pand);
      if (!read_vbo_layer (&ctx, layer, error))
        goto out;
      ctx.have_vbo = TRUE;
      done += w;
    }
  for (guint i = 0; i < panden->len; i++)
    {
      int layer = g_array_index (panden, int, i);
      double w = layer_weight (source, layer);

      ctx.progress_from = done / (w_vbo + w_pand);
      ctx.progress_span = w / (w_vbo + w_pand);
      if (!read_building_layer (&ctx, layer, error))
        goto out;
      done += w;
    }

  if (ctx.have_vbo)
    {
      GHashTableIter iter;
      PandEntry *entry;
      guint n_missing = 0, n_vbo_missing = 0, n_dwellings_missing = 0, n_dwellings_skipped = 0;

      g_hash_table_iter_init (&iter, ctx.panden);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
        {
          if (entry->n_vbo == 0)
            continue;
          if (!entry->seen && options->clip == NULL)
            {
              n_missing++;
              n_vbo_missing += entry->n_vbo;
              n_dwellings_missing += entry->dwellings;
            }
          else if (entry->seen && !entry->imported && options->clip == NULL)
            n_dwellings_skipped += entry->dwellings;
        }
      if (n_missing > 0)
        wm_import_result_add_note (result,
                                   _("%u verblijfsobjecten (%u"
                                     " dwellings) name %u panden that are not "
                                     "in layer “%s”: they are not counted."),
                                   n_vbo_missing, n_dwellings_missing, n_missing,
                                   wm_ogr_source_get_layer_name (source, pand));
      if (n_dwellings_skipped > 0)
        wm_import_result_add_note (result,
                                   _("%u current dwellings lie in panden that "
                                     "were skipped (by their status or end date): not counted."),
                                   n_dwellings_skipped);

      for (guint i = 0; i < ctx.addresses->len; i++)
        {
          AddressLink *link = &g_array_index (ctx.addresses, AddressLink, i);

          if (link->pand->imported)
            g_hash_table_insert (result->addresses, g_steal_pointer (&link->key),
                                 g_strdup (link->pand->id));
        }
    }
  if (result->attribution == NULL)
    result->attribution = g_strdup (_("BAG: Kadaster, CC0"));
  if (progress != NULL)
    progress (1.0, progress_data);
  ok = TRUE;

out:
  ctx_clear (&ctx);
  return ok;
}

const WmFieldRole *
wm_import_bag_get_roles (guint *n_roles)
{
  *n_roles = N_ROLES;
  return all_roles;
}

gboolean
wm_import_layer_buildings_recognise (WmOgrSource *source, const WmImportOptions *options)
{
  guint n = wm_ogr_source_get_n_layers (source);

  /* CBS's wijk- en buurtkaart has aantal_woningen too: area codes say it is areas. */
  static const char *const area_names[] = {
    "bucode", "buurtcode", "wkcode", "wijkcode", "gmcode", "gemeentecode", "statcode", NULL
  };

  (void) options;
  for (guint i = 0; i < n; i++)
    if (wm_ogr_source_layer_has_geometry (source, i) &&
        find_role_field (source, i, area_names) < 0 &&
        (find_role_field (source, i, dwellings_names) >= 0 ||
         find_role_field (source, i, segment_names) >= 0))
      return TRUE;
  return FALSE;
}

gboolean
wm_import_layer_buildings_read (WmOgrSource            *source,
                                const WmImportOptions  *options,
                                WmImportResult         *result,
                                WmImportProgressFunc    progress,
                                gpointer                progress_data,
                                GCancellable           *cancellable,
                                GError                **error)
{
  WmImportOptions defaults = WM_IMPORT_OPTIONS_INIT;
  guint n = wm_ogr_source_get_n_layers (source);
  g_autoptr(GArray) layers = g_array_new (FALSE, FALSE, sizeof (int));
  double total = 0, done = 0;
  gboolean ok = TRUE;
  Ctx ctx;

  g_return_val_if_fail (source != NULL && result != NULL, FALSE);
  if (options == NULL)
    options = &defaults;

  if (options->layer != NULL)
    {
      guint found;
      int layer;

      if (!wm_importer_find_layer (source, options->layer, &found, error))
        return FALSE;
      layer = (int) found;
      g_array_append_val (layers, layer);
    }
  else
    for (guint i = 0; i < n; i++)
      if (wm_ogr_source_layer_has_geometry (source, i))
        {
          int layer = i;

          g_array_append_val (layers, layer);
        }
  if (layers->len == 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                   _("“%s” has no layer with geometry to take buildings from"),
                   wm_ogr_source_get_path (source));
      return FALSE;
    }

  ctx_init (&ctx, source, options, result, progress, progress_data, cancellable);
  for (guint i = 0; i < layers->len; i++)
    total += layer_weight (source, g_array_index (layers, int, i));
  for (guint i = 0; i < layers->len && ok; i++)
    {
      int layer = g_array_index (layers, int, i);
      double w = layer_weight (source, layer);

      ctx.progress_from = done / total;
      ctx.progress_span = w / total;
      ok = read_building_layer (&ctx, layer, error);
      done += w;
    }
  if (ok && progress != NULL)
    progress (1.0, progress_data);
  ctx_clear (&ctx);
  return ok;
}

const WmFieldRole *
wm_import_layer_buildings_get_roles (guint *n_roles)
{
  *n_roles = G_N_ELEMENTS (layer_roles);
  return layer_roles;
}

const WmImporter wm_bag_importer = {
  "bag",
  WM_IMPORT_AS_BUILDINGS,
  wm_import_bag_recognise,
  wm_import_bag_read,
  wm_import_bag_get_roles,
};

const WmImporter wm_layer_buildings_importer = {
  "layer-buildings",
  WM_IMPORT_AS_BUILDINGS,
  wm_import_layer_buildings_recognise,
  wm_import_layer_buildings_read,
  wm_import_layer_buildings_get_roles,
};
