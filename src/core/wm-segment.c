/* wm-segment.c: housing segments, dwelling mixes and the segment table loaded from JSON */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "wm-core.h"
#include "wm-json-guard.h"
#include "wm-segment.h"

#define DEFAULT_TABLE_RESOURCE "/nl/wijkmix/core/segments.json"

G_DEFINE_QUARK (wm-segment-error-quark, wm_segment_error)

/* Stored in project files: never change these. */
static const char * const segment_keys[WM_N_SEGMENTS] = {
  [WM_SEGMENT_SOCIAL_RENT] = "social_rent",
  [WM_SEGMENT_MID_RENT] = "mid_rent",
  [WM_SEGMENT_PRIVATE_RENT] = "private_rent",
  [WM_SEGMENT_OWNER_AFFORDABLE] = "owner_affordable",
  [WM_SEGMENT_OWNER_EXPENSIVE] = "owner_expensive",
};

const char *
wm_segment_key (WmSegment segment)
{
  g_return_val_if_fail ((guint) segment < WM_N_SEGMENTS, NULL);

  return segment_keys[segment];
}

gboolean
wm_segment_from_key (const char *key,
                     WmSegment  *out_segment)
{
  if (key == NULL)
    return FALSE;

  for (guint i = 0; i < WM_N_SEGMENTS; i++)
    {
      if (strcmp (key, segment_keys[i]) == 0)
        {
          if (out_segment != NULL)
            *out_segment = (WmSegment) i;
          return TRUE;
        }
    }

  return FALSE;
}

gint
wm_dwelling_mix_total (const WmDwellingMix *mix)
{
  gint total = 0;

  g_return_val_if_fail (mix != NULL, 0);

  for (guint i = 0; i < WM_N_SEGMENTS; i++)
    total += mix->counts[i];
  return total;
}

void
wm_dwelling_mix_add (WmDwellingMix       *self,
                     const WmDwellingMix *delta)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (delta != NULL);

  for (guint i = 0; i < WM_N_SEGMENTS; i++)
    self->counts[i] += delta->counts[i];
}

gboolean
wm_dwelling_mix_equal (const WmDwellingMix *a,
                       const WmDwellingMix *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  for (guint i = 0; i < WM_N_SEGMENTS; i++)
    if (a->counts[i] != b->counts[i])
      return FALSE;
  return TRUE;
}

/* The table */

enum
{
  LANG_EN,
  LANG_NL,
  N_LANGS
};

typedef struct
{
  char *name[N_LANGS];
  char *description[N_LANGS];
  char *colour;
  gboolean affordable;
} SegmentInfo;

struct _WmSegmentTable
{
  GObject parent_instance;

  SegmentInfo segments[WM_N_SEGMENTS];
  GArray *limits; /* WmPriceLimits, ascending by year */
  gboolean has_tenure;
  WmTenureDefaults tenure;
  char *tenure_source;
};

G_DEFINE_FINAL_TYPE (WmSegmentTable, wm_segment_table, G_TYPE_OBJECT)

static void
wm_segment_table_finalize (GObject *object)
{
  WmSegmentTable *self = WM_SEGMENT_TABLE (object);

  for (guint i = 0; i < WM_N_SEGMENTS; i++)
    {
      for (guint l = 0; l < N_LANGS; l++)
        {
          g_free (self->segments[i].name[l]);
          g_free (self->segments[i].description[l]);
        }
      g_free (self->segments[i].colour);
    }
  g_clear_pointer (&self->limits, g_array_unref);
  g_free (self->tenure_source);

  G_OBJECT_CLASS (wm_segment_table_parent_class)->finalize (object);
}

static void
wm_segment_table_class_init (WmSegmentTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_segment_table_finalize;
}

static void
wm_segment_table_init (WmSegmentTable *self)
{
  self->limits = g_array_new (FALSE, TRUE, sizeof (WmPriceLimits));
}

/* Parsing helpers: each sets an error naming @source and @where. */

static gboolean
invalid (GError    **error,
         const char *source,
         const char *where,
         const char *problem)
{
  g_set_error (error, WM_SEGMENT_ERROR, WM_SEGMENT_ERROR_INVALID, "%s: %s%s%s", source,
               where != NULL ? where : "", where != NULL ? ": " : "", problem);
  return FALSE;
}

static JsonNode *
get_member (JsonObject *object,
            const char *member,
            const char *source,
            const char *where,
            GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_autofree char *problem = g_strdup_printf (_("“%s” is missing"), member);

      invalid (error, source, where, problem);
      return NULL;
    }
  return node;
}

static gboolean
get_number (JsonObject *object,
            const char *member,
            const char *source,
            const char *where,
            double     *out,
            GError    **error)
{
  JsonNode *node = get_member (object, member, source, where, error);
  GType type;

  if (node == NULL)
    return FALSE;

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      g_autofree char *problem = g_strdup_printf (_("“%s” must be a number"), member);

      return invalid (error, source, where, problem);
    }

  *out = json_node_get_double (node);
  if (!isfinite (*out) || *out < 0)
    {
      g_autofree char *problem = g_strdup_printf (_("“%s” must not be negative"), member);

      return invalid (error, source, where, problem);
    }
  return TRUE;
}

static gboolean
get_int (JsonObject *object,
         const char *member,
         const char *source,
         const char *where,
         int        *out,
         GError    **error)
{
  double value;

  if (!get_number (object, member, source, where, &value, error))
    return FALSE;

  if (value != floor (value) || value > G_MAXINT)
    {
      g_autofree char *problem = g_strdup_printf (_("“%s” must be a whole number"), member);

      return invalid (error, source, where, problem);
    }

  *out = (int) value;
  return TRUE;
}

static const char *
get_string (JsonObject *object,
            const char *member,
            const char *source,
            const char *where,
            GError    **error)
{
  JsonNode *node = get_member (object, member, source, where, error);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *problem = g_strdup_printf (_("“%s” must be a string"), member);

      invalid (error, source, where, problem);
      return NULL;
    }
  return json_node_get_string (node);
}

/* Reads { "en": ..., "nl": ... }; English is required, Dutch falls back to it. */
static gboolean
get_translations (JsonObject *object,
                  const char *member,
                  const char *source,
                  const char *where,
                  char       *out[N_LANGS],
                  GError    **error)
{
  JsonNode *node = get_member (object, member, source, where, error);
  g_autofree char *inner_where = NULL;
  JsonObject *texts;
  const char *en;

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *problem =
        g_strdup_printf (_("“%s” must be an object with “en” and “nl” texts"), member);

      return invalid (error, source, where, problem);
    }

  texts = json_node_get_object (node);
  inner_where = g_strdup_printf ("%s, %s", where, member);
  en = get_string (texts, "en", source, inner_where, error);
  if (en == NULL)
    return FALSE;
  out[LANG_EN] = g_strdup (en);

  if (json_object_has_member (texts, "nl"))
    {
      const char *nl = get_string (texts, "nl", source, inner_where, error);

      if (nl == NULL)
        return FALSE;
      out[LANG_NL] = g_strdup (nl);
    }
  else
    {
      out[LANG_NL] = g_strdup (en);
    }

  return TRUE;
}

static gboolean
is_colour (const char *s)
{
  if (strlen (s) != 7 || s[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
parse_segments (WmSegmentTable *self,
                JsonArray      *array,
                const char     *source,
                GError        **error)
{
  gboolean seen[WM_N_SEGMENTS] = { FALSE, };
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf (_("segment %u"), i + 1);
      JsonObject *object;
      SegmentInfo *info;
      const char *key;
      const char *colour;
      JsonNode *affordable;
      WmSegment segment;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, source, where, _("must be an object"));
      object = json_node_get_object (node);

      key = get_string (object, "key", source, where, error);
      if (key == NULL)
        return FALSE;
      if (!wm_segment_from_key (key, &segment))
        {
          g_autofree char *problem = g_strdup_printf (_("unknown segment key “%s”"), key);

          return invalid (error, source, where, problem);
        }
      if (seen[segment])
        {
          g_autofree char *problem = g_strdup_printf (_("segment key “%s” occurs twice"), key);

          return invalid (error, source, where, problem);
        }
      seen[segment] = TRUE;

      /* From here on, name the segment by its key. */
      g_free (where);
      where = g_strdup_printf (_("segment “%s”"), key);
      info = &self->segments[segment];

      if (!get_translations (object, "name", source, where, info->name, error))
        return FALSE;

      if (json_object_has_member (object, "description"))
        {
          if (!get_translations (object, "description", source, where, info->description,
                                 error))
            return FALSE;
        }
      else
        {
          for (guint l = 0; l < N_LANGS; l++)
            info->description[l] = g_strdup ("");
        }

      colour = get_string (object, "colour", source, where, error);
      if (colour == NULL)
        return FALSE;
      if (!is_colour (colour))
        {
          g_autofree char *problem =
            g_strdup_printf (_("colour “%s” is not of the form #rrggbb"), colour);

          return invalid (error, source, where, problem);
        }
      info->colour = g_ascii_strdown (colour, -1);

      affordable = get_member (object, "affordable", source, where, error);
      if (affordable == NULL)
        return FALSE;
      if (!JSON_NODE_HOLDS_VALUE (affordable)
          || json_node_get_value_type (affordable) != G_TYPE_BOOLEAN)
        return invalid (error, source, where, _("“affordable” must be true or false"));
      info->affordable = json_node_get_boolean (affordable);
    }

  for (guint i = 0; i < WM_N_SEGMENTS; i++)
    {
      if (!seen[i])
        {
          g_autofree char *problem =
            g_strdup_printf (_("segment “%s” is missing"), segment_keys[i]);

          return invalid (error, source, NULL, problem);
        }
    }

  return TRUE;
}

static gint
compare_limits (gconstpointer a,
                gconstpointer b)
{
  const WmPriceLimits *la = a;
  const WmPriceLimits *lb = b;

  return (la->year > lb->year) - (la->year < lb->year);
}

static gboolean
parse_limits (WmSegmentTable *self,
              JsonArray      *array,
              const char     *source,
              GError        **error)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf (_("limits %u"), i + 1);
      WmPriceLimits limits = { 0, };
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, source, where, _("must be an object"));
      object = json_node_get_object (node);

      if (!get_int (object, "year", source, where, &limits.year, error))
        return FALSE;
      if (limits.year < 1900 || limits.year > 2200)
        {
          g_autofree char *problem = g_strdup_printf (_("year %d is out of range"), limits.year);

          return invalid (error, source, where, problem);
        }

      g_free (where);
      where = g_strdup_printf (_("limits of %d"), limits.year);

      for (guint j = 0; j < self->limits->len; j++)
        if (g_array_index (self->limits, WmPriceLimits, j).year == limits.year)
          return invalid (error, source, where, _("the year occurs twice"));

      if (!get_number (object, "social_rent_max_rent", source, where,
                       &limits.social_rent_max_rent, error)
          || !get_int (object, "social_rent_max_points", source, where,
                       &limits.social_rent_max_points, error)
          || !get_number (object, "mid_rent_max_rent", source, where,
                          &limits.mid_rent_max_rent, error)
          || !get_int (object, "mid_rent_max_points", source, where,
                       &limits.mid_rent_max_points, error)
          || !get_number (object, "owner_affordable_max_price", source, where,
                          &limits.owner_affordable_max_price, error)
          || !get_number (object, "social_income_limit_single", source, where,
                          &limits.social_income_limit_single, error)
          || !get_number (object, "social_income_limit_multi", source, where,
                          &limits.social_income_limit_multi, error))
        return FALSE;

      if (limits.mid_rent_max_rent < limits.social_rent_max_rent
          || limits.mid_rent_max_points < limits.social_rent_max_points)
        return invalid (error, source, where,
                        _("the mid-rent limits are below the social rent limits"));

      g_array_append_val (self->limits, limits);
    }

  g_array_sort (self->limits, compare_limits);
  return TRUE;
}

/* "tenure_estimate": optional; when there, complete and in range. */
static gboolean
parse_tenure (WmSegmentTable *self,
              JsonNode       *node,
              const char     *source,
              GError        **error)
{
  const char *where = "tenure_estimate";
  WmTenureDefaults *t = &self->tenure;
  JsonObject *object, *national;
  JsonNode *member;
  const char *text;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, source, NULL, _("“tenure_estimate” must be an object"));
  object = json_node_get_object (node);
  if (!get_number (object, "woz_log_sd", source, where, &t->woz_log_sd, error))
    return FALSE;
  if (t->woz_log_sd <= 0 || t->woz_log_sd > 3)
    return invalid (error, source, where, _("“woz_log_sd” must lie above 0 and at most 3"));
  member = get_member (object, "national", source, where, error);
  if (member == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (member))
    return invalid (error, source, where, _("“national” must be an object"));
  national = json_node_get_object (member);
  where = "tenure_estimate.national";
  if (!get_int (national, "year", source, where, &t->national_year, error) ||
      !get_number (national, "pct_corporation_rent", source, where,
                   &t->national_pct_corporation_rent, error) ||
      !get_number (national, "pct_other_rent", source, where, &t->national_pct_other_rent,
                   error) ||
      !get_number (national, "pct_owner", source, where, &t->national_pct_owner, error) ||
      !get_number (national, "mean_woz", source, where, &t->national_mean_woz, error))
    return FALSE;
  if (t->national_pct_corporation_rent + t->national_pct_other_rent + t->national_pct_owner >
        100.5 ||
      t->national_pct_corporation_rent + t->national_pct_other_rent + t->national_pct_owner <= 0)
    return invalid (error, source, where, _("the percentages must add up to at most 100"));
  text = get_string (national, "source", source, where, error);
  if (text == NULL)
    return FALSE;
  self->tenure_source = g_strdup (text);
  t->national_source = self->tenure_source;
  self->has_tenure = TRUE;
  return TRUE;
}

WmSegmentTable *
wm_segment_table_load_from_bytes (GBytes     *json,
                                  const char *source_name,
                                  GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(WmSegmentTable) self = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *source = source_name != NULL ? source_name : _("segment table");
  JsonObject *root;
  JsonNode *node;
  gsize len;
  const char *data;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (json, &len);
  if (!wm_json_guard_check (data, len, source, &parse_error))
    {
      g_set_error_literal (error, WM_SEGMENT_ERROR, WM_SEGMENT_ERROR_INVALID, parse_error->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", len, &parse_error))
    {
      g_autofree char *problem =
        g_strdup_printf (_("not valid JSON: %s"), parse_error->message);

      invalid (error, source, NULL, problem);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, source, NULL, _("the top level must be a JSON object"));
      return NULL;
    }
  root = json_node_get_object (node);

  self = g_object_new (WM_TYPE_SEGMENT_TABLE, NULL);

  node = json_object_get_member (root, "segments");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, source, NULL, _("“segments” must be a list"));
      return NULL;
    }
  if (!parse_segments (self, json_node_get_array (node), source, error))
    return NULL;

  node = json_object_get_member (root, "limits");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, source, NULL, _("“limits” must be a list"));
      return NULL;
    }
  if (!parse_limits (self, json_node_get_array (node), source, error))
    return NULL;

  node = json_object_get_member (root, "tenure_estimate");
  if (node != NULL && !parse_tenure (self, node, source, error))
    return NULL;

  return g_steal_pointer (&self);
}

WmSegmentTable *
wm_segment_table_load (GFile   *file,
                       GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  if (!g_file_load_contents (file, NULL, &contents, &len, NULL, error))
    {
      g_prefix_error (error, "%s: ", name);
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  return wm_segment_table_load_from_bytes (bytes, name, error);
}

WmSegmentTable *
wm_segment_table_get_default (void)
{
  static WmSegmentTable *table = NULL;

  if (g_once_init_enter (&table))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      WmSegmentTable *loaded;

      wm_core_init ();
      bytes = g_resources_lookup_data (DEFAULT_TABLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                       &error);
      if (bytes == NULL)
        g_error ("Built-in segment table missing: %s", error->message);
      loaded = wm_segment_table_load_from_bytes (bytes, DEFAULT_TABLE_RESOURCE, &error);
      if (loaded == NULL)
        g_error ("Built-in segment table invalid: %s", error->message);

      g_once_init_leave (&table, loaded);
    }

  return table;
}

/* Dutch when the user prefers it over English (or the untranslated C locale). */
static guint
current_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "nl"))
        return LANG_NL;
      if (g_str_has_prefix (names[i], "en") || strcmp (names[i], "C") == 0
          || strcmp (names[i], "POSIX") == 0)
        return LANG_EN;
    }

  return LANG_EN;
}

const char *
wm_segment_table_get_name (WmSegmentTable *self,
                           WmSegment       segment)
{
  g_return_val_if_fail (WM_IS_SEGMENT_TABLE (self), NULL);
  g_return_val_if_fail ((guint) segment < WM_N_SEGMENTS, NULL);

  return self->segments[segment].name[current_language ()];
}

const char *
wm_segment_table_get_description (WmSegmentTable *self,
                                  WmSegment       segment)
{
  g_return_val_if_fail (WM_IS_SEGMENT_TABLE (self), NULL);
  g_return_val_if_fail ((guint) segment < WM_N_SEGMENTS, NULL);

  return self->segments[segment].description[current_language ()];
}

const char *
wm_segment_table_get_colour (WmSegmentTable *self,
                             WmSegment       segment)
{
  g_return_val_if_fail (WM_IS_SEGMENT_TABLE (self), NULL);
  g_return_val_if_fail ((guint) segment < WM_N_SEGMENTS, NULL);

  return self->segments[segment].colour;
}

gboolean
wm_segment_table_is_affordable (WmSegmentTable *self,
                                WmSegment       segment)
{
  g_return_val_if_fail (WM_IS_SEGMENT_TABLE (self), FALSE);
  g_return_val_if_fail ((guint) segment < WM_N_SEGMENTS, FALSE);

  return self->segments[segment].affordable;
}

const WmPriceLimits *
wm_segment_table_get_limits (WmSegmentTable *self,
                             int             year)
{
  const WmPriceLimits *found = NULL;

  g_return_val_if_fail (WM_IS_SEGMENT_TABLE (self), NULL);

  /* Ascending by year: the last one not after @year. */
  for (guint i = 0; i < self->limits->len; i++)
    {
      const WmPriceLimits *limits = &g_array_index (self->limits, WmPriceLimits, i);

      if (limits->year > year)
        break;
      found = limits;
    }

  return found;
}

const WmTenureDefaults *
wm_segment_table_get_tenure_defaults (WmSegmentTable *self)
{
  g_return_val_if_fail (WM_IS_SEGMENT_TABLE (self), NULL);

  return self->has_tenure ? &self->tenure : NULL;
}
