/* wm-import-cbs.c: the CBS Wijk- en buurtkaart as areas with their key figures */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "wm-import-cbs.h"

/* Cancellation is checked this often (features). */
#define CHECK_EVERY 1000
/* CBS codes "not available" (secret, too small, not yet published) as -99990 and below. */
#define CBS_NOT_AVAILABLE (-99990.0)
/* Most near matches an unknown area code lists. */
#define MAX_NEAR 5

/* Buurt fields first: a buurten layer also carries its wijk and gemeente codes. */
static const char *const code_names[] = { "buurtcode", "BU_CODE", "wijkcode", "WK_CODE",
                                          "gemeentecode", "GM_CODE", "statcode", NULL };
static const char *const name_names[] = { "buurtnaam", "BU_NAAM", "wijknaam", "WK_NAAM",
                                          "gemeentenaam", "GM_NAAM", "statnaam", NULL };
static const char *const corp_names[] = { "P_HUURCORP",
                                          "percentage_huurwoningen_in_bezit_woningcorporaties",
                                          NULL };
static const char *const other_names[] = { "P_HUUROVVH",
                                           "percentage_huurwoningen_in_bezit_overige_verhuurders",
                                           NULL };
static const char *const owner_names[] = { "P_KOOPWON", "percentage_koopwoningen", NULL };
static const char *const dwellings_names[] = { "WONINGEN", "aantal_woningen", "woningvoorraad",
                                               NULL };
static const char *const woz_names[] = { "WOZ", "gemiddelde_woningwaarde", NULL };
static const char *const inhabitants_names[] = { "AANT_INW", "aantal_inwoners", NULL };
static const char *const year_names[] = { "jrstatcode", "jaarstatcode", "JRSTATCODE", NULL };

static const WmFieldRole cbs_roles[] = {
  { "code", N_("Area code (buurt, wijk)"), code_names, TRUE },
  { "name", N_("Area name"), name_names, FALSE },
  { "pct_corporation_rent", N_("Rented from a housing corporation (%)"), corp_names, FALSE },
  { "pct_other_rent", N_("Rented from other landlords (%)"), other_names, FALSE },
  { "pct_owner", N_("Owner-occupied (%)"), owner_names, FALSE },
  { "dwellings", N_("Number of dwellings"), dwellings_names, FALSE },
  { "mean_woz", N_("Mean WOZ value (EUR 1,000)"), woz_names, FALSE },
  { "inhabitants", N_("Number of inhabitants"), inhabitants_names, FALSE },
  { "year", N_("Year code (jrstatcode)"), year_names, FALSE },
};

enum
{
  ROLE_CODE,
  ROLE_NAME,
  ROLE_CORP,
  ROLE_OTHER,
  ROLE_OWNER,
  ROLE_DWELLINGS,
  ROLE_WOZ,
  ROLE_INHABITANTS,
  ROLE_YEAR,
  N_ROLES
};

const WmFieldRole *
wm_import_cbs_get_roles (guint *n_roles)
{
  *n_roles = G_N_ELEMENTS (cbs_roles);
  return cbs_roles;
}

static gboolean
has_field (const char *const *fields,
           const char *const *names)
{
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    for (guint j = 0; names[j] != NULL; j++)
      if (g_ascii_strcasecmp (fields[i], names[j]) == 0)
        return TRUE;
  return FALSE;
}

gboolean
wm_import_cbs_recognise (WmOgrSource           *source,
                         const WmImportOptions *options)
{
  guint n = wm_ogr_source_get_n_layers (source);

  for (guint i = 0; i < n; i++)
    {
      const char *const *fields = wm_ogr_source_get_field_names (source, i);

      if (options != NULL && options->layer != NULL &&
          g_ascii_strcasecmp (options->layer, wm_ogr_source_get_layer_name (source, i)) != 0)
        continue;
      if (has_field (fields, code_names) && wm_ogr_source_layer_has_geometry (source, i))
        return TRUE;
    }
  return FALSE;
}

int
wm_import_cbs_year_from_name (const char *path)
{
  g_autofree char *base = NULL;
  g_autoptr(GRegex) re = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  int year = 0;

  if (path == NULL)
    return 0;
  base = g_path_get_basename (path);
  re = g_regex_new ("(?:^|[^0-9])((?:19|20)[0-9]{2})(?=[^0-9]|$)", 0, 0, NULL);
  if (g_regex_match (re, base, 0, &match))
    {
      g_autofree char *digits = g_match_info_fetch (match, 1);

      year = atoi (digits);
    }
  return year;
}

/* The layer asked for; else "buurten", one whose name has "buurt", the only one, or the first
 * with a CBS code field. */
static gboolean
pick_layer (WmOgrSource            *source,
            const WmImportOptions  *options,
            guint                  *out,
            GError                **error)
{
  guint n = wm_ogr_source_get_n_layers (source);
  int index;

  if (options->layer != NULL)
    {
      return wm_importer_find_layer (source, options->layer, out, error);
    }
  if (n == 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY, _("“%s” has no layers"),
                   wm_ogr_source_get_path (source));
      return FALSE;
    }
  index = wm_ogr_source_find_layer (source, "buurten");
  for (guint i = 0; index < 0 && i < n; i++)
    {
      g_autofree char *name = g_ascii_strdown (wm_ogr_source_get_layer_name (source, i), -1);

      if (strstr (name, "buurt") != NULL && !strstr (name, "wijkenbuurten"))
        index = i;
    }
  if (index < 0 && n == 1)
    index = 0;
  for (guint i = 0; index < 0 && i < n; i++)
    if (has_field (wm_ogr_source_get_field_names (source, i), code_names))
      index = i;
  if (index < 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_FIELDS,
                   _("“%s”: no layer has buurt or wijk codes (BU_CODE, buurtcode, statcode, …)"),
                   wm_ogr_source_get_path (source));
      return FALSE;
    }
  *out = index;
  return TRUE;
}

/* The field of each role: the user's mapping first, else the first candidate found. */
static WmFieldMapping *
resolve_fields (WmOgrSource            *source,
                guint                   layer,
                WmOgrReader            *reader,
                const WmImportOptions  *options,
                int                     fields[N_ROLES],
                const char             *field_names[N_ROLES],
                GError                **error)
{
  g_autoptr(WmFieldMapping) mapping = wm_importer_resolve_roles (source, layer, options,
                                                                 cbs_roles, N_ROLES, error);

  if (mapping == NULL)
    return NULL;
  for (guint r = 0; r < N_ROLES; r++)
    {
      const char *field = wm_field_mapping_get (mapping, cbs_roles[r].role);

      fields[r] = field != NULL ? wm_ogr_reader_field_index (reader, field) : -1;
      field_names[r] = field;
    }
  return g_steal_pointer (&mapping);
}

/* A figure: NAN when the field is absent, empty or "not available"; FALSE on a value that
 * cannot be right. */
static gboolean
read_figure (WmOgrReader *reader,
             int          field,
             const char  *field_name,
             gboolean     percentage,
             double      *out,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  double value;

  *out = NAN;
  if (field < 0)
    return TRUE;
  if (!wm_ogr_reader_get_double (reader, field, &value, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }
  if (value <= CBS_NOT_AVAILABLE)
    return TRUE;
  if (value < 0 || (percentage && value > 100) || value > 1e9)
    {
      wm_ogr_reader_set_error (reader, error, WM_IMPORT_ERROR_BAD_VALUE,
                               percentage
                                 ? _("field “%s” holds %g, not a percentage (0 to 100)")
                                 : _("field “%s” holds %g, not a count or value (0 or more)"),
                               field_name, value);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = MIN (strlen (a), 64), lb = MIN (strlen (b), 64);
  guint row[65];

  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diag = row[0];

      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + cost);
          diag = up;
        }
    }
  return row[lb];
}

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *h = g_utf8_casefold (haystack, -1);
  g_autofree char *n = g_utf8_casefold (needle, -1);

  return *n != '\0' && strstr (h, n) != NULL;
}

static gboolean
equal_folded (const char *a,
              const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);
  return g_str_equal (fa, fb);
}

/* "Meerzicht-West (BU06370100), …": the areas whose code or name is near @wanted. */
static char *
near_matches (GPtrArray  *all_codes,
              GPtrArray  *all_names,
              const char *wanted)
{
  GString *list = g_string_new (NULL);
  guint found = 0;
  guint limit = MAX (2, (guint) strlen (wanted) / 4);

  for (guint pass = 0; pass < 2 && found < MAX_NEAR; pass++)
    for (guint i = 0; i < all_codes->len && found < MAX_NEAR; i++)
      {
        const char *code = g_ptr_array_index (all_codes, i);
        const char *name = g_ptr_array_index (all_names, i);
        gboolean near = pass == 0
          ? contains_folded (name, wanted) || contains_folded (code, wanted) ||
            contains_folded (wanted, name)
          : !(contains_folded (name, wanted) || contains_folded (code, wanted) ||
              contains_folded (wanted, name)) &&
            (edit_distance (name, wanted) <= limit || edit_distance (code, wanted) <= limit);

        if (!near)
          continue;
        g_string_append_printf (list, "%s%s (%s)", found > 0 ? ", " : "", name, code);
        found++;
      }
  return g_string_free (list, found == 0);
}

gboolean
wm_import_cbs_read (WmOgrSource            *source,
                    const WmImportOptions  *options,
                    WmImportResult         *result,
                    WmImportProgressFunc    progress,
                    gpointer                progress_data,
                    GCancellable           *cancellable,
                    GError                **error)
{
  const char *path = wm_ogr_source_get_path (source);
  g_autoptr(WmOgrReader) reader = NULL;
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) all_codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree gboolean *wanted_found = NULL;
  g_autoptr(WmFieldMapping) mapping = NULL;
  int fields[N_ROLES];
  const char *field_names[N_ROLES];
  guint layer, n = 0, n_wanted = 0, n_without = 0;
  int name_year = wm_import_cbs_year_from_name (path), max_year = 0;
  double last = 0.0;
  const char *layer_name;
  gboolean has_figure_fields = FALSE;

  if (!pick_layer (source, options, &layer, error))
    return FALSE;
  reader = wm_ogr_reader_new (source, layer, TRUE, error);
  if (reader == NULL)
    return FALSE;
  layer_name = wm_ogr_reader_get_layer_name (reader);
  mapping = resolve_fields (source, layer, reader, options, fields, field_names, error);
  if (mapping == NULL)
    return FALSE;
  if (name_year == 0)
    name_year = wm_import_cbs_year_from_name (layer_name);
  for (guint r = ROLE_CORP; r <= ROLE_INHABITANTS; r++)
    has_figure_fields |= fields[r] >= 0;
  if (options->area_codes != NULL)
    n_wanted = g_strv_length ((char **) options->area_codes);
  wanted_found = g_new0 (gboolean, MAX (n_wanted, 1));
  /* A chosen buurt is kept wherever it lies; otherwise only those in the clip. */
  if (options->clip != NULL && n_wanted == 0)
    wm_ogr_reader_set_filter_bounds (reader, options->clip);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(WmGeometry) boundary = NULL;
      g_autoptr(WmArea) area = NULL;
      const char *code, *name;
      WmAreaFigures f;
      gboolean keep = n_wanted == 0;

      if (!wm_ogr_reader_next (reader, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          break;
        }
      if (++n % CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL && wm_ogr_reader_get_progress (reader) - last >= 0.01)
        {
          last = wm_ogr_reader_get_progress (reader);
          progress (last, progress_data);
        }

      code = wm_ogr_reader_get_string (reader, fields[ROLE_CODE], &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (code == NULL || *code == '\0')
        {
          wm_ogr_reader_set_error (reader, error, WM_IMPORT_ERROR_BAD_VALUE,
                                   _("the area has no code (field “%s”)"),
                                   field_names[ROLE_CODE]);
          return FALSE;
        }
      code = g_strstrip (g_strdup (code)); /* owned below */
      name = fields[ROLE_NAME] >= 0
             ? wm_ogr_reader_get_string (reader, fields[ROLE_NAME], &local_error) : NULL;
      if (local_error != NULL)
        {
          g_free ((char *) code);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_ptr_array_add (all_codes, (char *) code);
      g_ptr_array_add (all_names, g_strdup (name != NULL && *name != '\0' ? name : code));
      name = g_ptr_array_index (all_names, all_names->len - 1);

      for (guint w = 0; w < n_wanted; w++)
        if (equal_folded (options->area_codes[w], code) ||
            equal_folded (options->area_codes[w], name))
          {
            wanted_found[w] = TRUE;
            keep = TRUE;
          }
      if (!keep)
        continue;
      if (g_hash_table_contains (seen, code))
        {
          wm_ogr_reader_set_error (reader, error, WM_IMPORT_ERROR_BAD_VALUE,
                                   _("area code “%s” appears twice"), code);
          return FALSE;
        }
      g_hash_table_add (seen, g_strdup (code));

      wm_area_figures_init (&f);
      {
        const struct { int role; double *out; gboolean pct; } figures[] = {
          { ROLE_CORP, &f.pct_corporation_rent, TRUE }, { ROLE_OTHER, &f.pct_other_rent, TRUE },
          { ROLE_OWNER, &f.pct_owner, TRUE }, { ROLE_DWELLINGS, &f.dwellings, FALSE },
          { ROLE_WOZ, &f.mean_woz, FALSE }, { ROLE_INHABITANTS, &f.inhabitants, FALSE },
        };

        for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
          if (!read_figure (reader, fields[figures[i].role], field_names[figures[i].role],
                            figures[i].pct, figures[i].out, error))
            return FALSE;
      }
      f.year = name_year;
      if (fields[ROLE_YEAR] >= 0)
        {
          const char *text = wm_ogr_reader_get_string (reader, fields[ROLE_YEAR], &local_error);

          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          /* "2022BU01411600": the year leads. */
          if (text != NULL && strlen (text) >= 4 && g_ascii_isdigit (text[0]) &&
              g_ascii_isdigit (text[1]) && g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3]))
            {
              int year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 +
                         (text[3] - '0');

              if (year >= 1900 && year <= 2200)
                f.year = year;
            }
        }
      max_year = MAX (max_year, f.year);

      boundary = wm_ogr_reader_get_geometry (reader, error);
      if (boundary == NULL)
        return FALSE;
      area = wm_area_new (code, name, boundary);
      if (isnan (f.pct_corporation_rent) && isnan (f.pct_other_rent) && isnan (f.pct_owner) &&
          isnan (f.dwellings) && isnan (f.mean_woz) && isnan (f.inhabitants))
        n_without++;
      /* A layer with figure fields gives figures (a missing one is "not available"); one
       * without any (boundaries only) gives none. */
      if (has_figure_fields)
        wm_area_set_figures (area, &f);
      g_ptr_array_add (areas, g_steal_pointer (&area));
    }

  for (guint w = 0; w < n_wanted; w++)
    if (!wanted_found[w])
      {
        g_autofree char *near = near_matches (all_codes, all_names, options->area_codes[w]);

        if (near != NULL)
          g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_FOUND,
                       _("“%s”, layer “%s”: no area “%s”; near: %s"), path, layer_name,
                       options->area_codes[w], near);
        else
          g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_FOUND,
                       _("“%s”, layer “%s”: no area “%s”, and none with a similar code or name"),
                       path, layer_name, options->area_codes[w]);
        return FALSE;
      }
  if (areas->len == 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                   options->clip != NULL ? _("“%s”, layer “%s”: no area lies in the plan")
                                         : _("“%s”, layer “%s”: no areas"),
                   path, layer_name);
      return FALSE;
    }

  for (guint i = 0; i < areas->len; i++)
    g_ptr_array_add (result->areas, g_object_ref (g_ptr_array_index (areas, i)));
  wm_import_result_add_note (result,
                             g_dngettext (GETTEXT_PACKAGE, "%u area read from layer “%s”",
                                          "%u areas read from layer “%s”", areas->len),
                             areas->len, layer_name);
  if (fields[ROLE_CORP] < 0 && fields[ROLE_OTHER] < 0 && fields[ROLE_OWNER] < 0)
    wm_import_result_add_note (result, "%s",
                               _("The layer has no tenure figures (P_HUURCORP, "
                                 "percentage_koopwoningen, …)."));
  else if (n_without > 0)
    wm_import_result_add_note (result,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u area has no figures available (CBS: secret, too "
                                            "few dwellings or not yet published).",
                                            "%u areas have no figures available (CBS: secret, "
                                            "too few dwellings or not yet published).",
                                            n_without),
                               n_without);
  g_free (result->attribution);
  result->attribution = max_year > 0
    ? g_strdup_printf (_("CBS Wijk- en buurtkaart %d: CBS / Kadaster, CC-BY 4.0"), max_year)
    : g_strdup (_("CBS Wijk- en buurtkaart: CBS / Kadaster, CC-BY 4.0"));
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

static gboolean
cbs_recognise (WmOgrSource           *source,
               const WmImportOptions *options)
{
  return wm_import_cbs_recognise (source, options);
}

const WmImporter wm_cbs_importer = {
  .name = "cbs",
  .as = WM_IMPORT_AS_AREAS,
  .recognise = cbs_recognise,
  .read = wm_import_cbs_read,
  .get_roles = wm_import_cbs_get_roles,
};
