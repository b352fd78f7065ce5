/* wm-roadmap-catalogue.c: the catalogue of social interventions, loaded from JSON */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "wm-core.h"
#include "wm-json-guard.h"
#include "wm-roadmap-catalogue.h"
#include "wm-segment.h"
#include "wm-targets.h"

G_DEFINE_QUARK (wm-roadmap-error-quark, wm_roadmap_error)

enum { LANG_NL, LANG_EN, N_LANGS };
static const char *const lang_keys[N_LANGS] = { "nl", "en" };

struct _WmRoadmapEntry
{
  char *id;
  char *phase;
  char *title[N_LANGS];
  char *description[N_LANGS];
  char *default_owner;
  char *indicator;
  char *source;
  WmRoadmapTrigger trigger;
};

typedef struct
{
  char *id;
  int order;
  guint position; /* in the file, to keep the sort stable */
  char *name[N_LANGS];
  char *description[N_LANGS];
} Phase;

typedef struct
{
  char *id;
  char *name[N_LANGS];
} Owner;

struct _WmRoadmapCatalogue
{
  GObject parent_instance;

  char *source_name;
  GBytes *json;
  gboolean builtin;
  GPtrArray *entries; /* WmRoadmapEntry */
  GHashTable *entry_index;
  GPtrArray *phases;  /* Phase, sorted by order */
  GStrv phase_ids;
  GPtrArray *owners;  /* Owner */
  GStrv owner_ids;
};

G_DEFINE_FINAL_TYPE (WmRoadmapCatalogue, wm_roadmap_catalogue, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  WmRoadmapEntry *entry = data;

  g_free (entry->id);
  g_free (entry->phase);
  for (guint l = 0; l < N_LANGS; l++)
    {
      g_free (entry->title[l]);
      g_free (entry->description[l]);
    }
  g_free (entry->default_owner);
  g_free (entry->indicator);
  g_free (entry->source);
  g_free (entry);
}

static void
phase_free (gpointer data)
{
  Phase *phase = data;

  g_free (phase->id);
  for (guint l = 0; l < N_LANGS; l++)
    {
      g_free (phase->name[l]);
      g_free (phase->description[l]);
    }
  g_free (phase);
}

static void
owner_free (gpointer data)
{
  Owner *owner = data;

  g_free (owner->id);
  for (guint l = 0; l < N_LANGS; l++)
    g_free (owner->name[l]);
  g_free (owner);
}

static void
wm_roadmap_catalogue_finalize (GObject *object)
{
  WmRoadmapCatalogue *self = WM_ROADMAP_CATALOGUE (object);

  g_free (self->source_name);
  g_clear_pointer (&self->json, g_bytes_unref);
  g_clear_pointer (&self->entry_index, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->phases, g_ptr_array_unref);
  g_clear_pointer (&self->phase_ids, g_strfreev);
  g_clear_pointer (&self->owners, g_ptr_array_unref);
  g_clear_pointer (&self->owner_ids, g_strfreev);

  G_OBJECT_CLASS (wm_roadmap_catalogue_parent_class)->finalize (object);
}

static void
wm_roadmap_catalogue_class_init (WmRoadmapCatalogueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_roadmap_catalogue_finalize;
}

static void
wm_roadmap_catalogue_init (WmRoadmapCatalogue *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->entry_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->phases = g_ptr_array_new_with_free_func (phase_free);
  self->owners = g_ptr_array_new_with_free_func (owner_free);
}

/* ---------------------------------------------------------------------------------------------
 * Language and keys
 * ------------------------------------------------------------------------------------------ */

/* Dutch when the user prefers it over English (or the untranslated C locale). */
static guint
current_language (void)
{
  const char *const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "nl"))
        return LANG_NL;
      if (g_str_has_prefix (names[i], "en") || strcmp (names[i], "C") == 0 ||
          strcmp (names[i], "POSIX") == 0)
        return LANG_EN;
    }
  return LANG_EN;
}

static guint
language_from_key (const char *lang)
{
  return lang != NULL && g_str_has_prefix (lang, "nl") ? LANG_NL : LANG_EN;
}

static const char *const compare_keys[] = {
  [WM_ROADMAP_COMPARE_ABOVE] = "above",
  [WM_ROADMAP_COMPARE_BELOW] = "below",
  [WM_ROADMAP_COMPARE_CHANGE_ABOVE] = "change_above",
  [WM_ROADMAP_COMPARE_CHANGE_BELOW] = "change_below",
  [WM_ROADMAP_COMPARE_BELOW_TARGET] = "below_target",
  [WM_ROADMAP_COMPARE_ABOVE_TARGET] = "above_target",
  [WM_ROADMAP_COMPARE_OUTSIDE_TARGET] = "outside_target",
};

const char *
wm_roadmap_compare_key (WmRoadmapCompare compare)
{
  g_return_val_if_fail ((guint) compare < G_N_ELEMENTS (compare_keys), NULL);
  return compare_keys[compare];
}

/* Keys the engine evaluates for the whole neighbourhood only. */
static gboolean
is_total_only_key (const char *key)
{
  return g_str_equal (key, "dissimilarity_social") ||
         g_str_has_prefix (key, "dissimilarity_social.grid_");
}

gboolean
wm_roadmap_indicator_key_is_valid (const char *key)
{
  /* Fixed on purpose: a catalogue is checked when it loads, before there is any engine. The
   * coverage kinds are those of data/indicators.json. */
  static const char *const plain[] = {
    "dwellings", "dwellings.affordable", "affordable_share", "new_build_affordable_share",
    "diversity", "residents", "households_to_rehouse", "newcomer_share", "dissimilarity_social",
    "coverage.playground", "coverage.green", "coverage.meeting_place", "coverage.school",
    "coverage.shop", "coverage.health_centre", "coverage.sports",
  };
  WmSegment segment;

  if (key == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    if (g_str_equal (key, plain[i]))
      return TRUE;
  if (g_str_has_prefix (key, "dwellings.") && wm_segment_from_key (key + 10, &segment))
    return TRUE;
  if (g_str_has_prefix (key, "share.") && wm_segment_from_key (key + 6, &segment))
    return TRUE;
  if (g_str_has_prefix (key, "dissimilarity_social.grid_"))
    {
      const char *p = key + strlen ("dissimilarity_social.grid_");
      gsize digits = strspn (p, "0123456789");

      return digits > 0 && g_str_equal (p + digits, "m");
    }
  return FALSE;
}

/* ---------------------------------------------------------------------------------------------
 * Loading
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  const char *source;
  const char *what;  /* "item", "phase", "owner" or NULL */
  const char *id;    /* of the thing being read, may be NULL */
} Ctx;

static gboolean G_GNUC_PRINTF (4, 5)
fail (const Ctx *ctx, GError **error, WmRoadmapError code, const char *format, ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  if (ctx->what != NULL && g_str_equal (ctx->what, "item"))
    g_set_error (error, WM_ROADMAP_ERROR, code, _("“%s”, item “%s”: %s"), ctx->source,
                 ctx->id != NULL ? ctx->id : "?", problem);
  else if (ctx->what != NULL && g_str_equal (ctx->what, "phase"))
    g_set_error (error, WM_ROADMAP_ERROR, code, _("“%s”, phase “%s”: %s"), ctx->source,
                 ctx->id != NULL ? ctx->id : "?", problem);
  else if (ctx->what != NULL && g_str_equal (ctx->what, "owner"))
    g_set_error (error, WM_ROADMAP_ERROR, code, _("“%s”, owner “%s”: %s"), ctx->source,
                 ctx->id != NULL ? ctx->id : "?", problem);
  else
    g_set_error (error, WM_ROADMAP_ERROR, code, "“%s”: %s", ctx->source, problem);
  return FALSE;
}

static JsonNode *
member_of_type (JsonObject *object, const char *name, JsonNodeType type)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_TYPE (node) == type ? node : NULL;
}

/* A string member, or NULL when missing or not a string. */
static const char *
get_string (JsonObject *object, const char *name)
{
  JsonNode *node = member_of_type (object, name, JSON_NODE_VALUE);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node) : NULL;
}

static gboolean
get_number (JsonObject *object, const char *name, double *out_value)
{
  JsonNode *node = member_of_type (object, name, JSON_NODE_VALUE);
  GType type;

  if (node == NULL)
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *out_value = json_node_get_double (node);
  return TRUE;
}

static const char *
require_string (const Ctx *ctx, JsonObject *object, const char *name, GError **error)
{
  const char *value = get_string (object, name);

  if (value == NULL || *value == '\0')
    fail (ctx, error, WM_ROADMAP_ERROR_FORMAT, _("“%s” is missing or not a text"), name);
  return value != NULL && *value != '\0' ? value : NULL;
}

/* A {"nl": ..., "en": ...} member: both languages are required. */
static gboolean
read_texts (const Ctx *ctx, JsonObject *object, const char *name, char **out_texts,
            GError **error)
{
  JsonNode *node = member_of_type (object, name, JSON_NODE_OBJECT);

  if (node == NULL)
    return fail (ctx, error, WM_ROADMAP_ERROR_MISSING_TEXT,
                 _("“%s” is missing (it needs a Dutch and an English text)"), name);
  for (guint l = 0; l < N_LANGS; l++)
    {
      const char *text = get_string (json_node_get_object (node), lang_keys[l]);

      if (text == NULL || *text == '\0')
        return fail (ctx, error, WM_ROADMAP_ERROR_MISSING_TEXT,
                     l == LANG_NL ? _("“%s” has no Dutch (nl) text")
                                  : _("“%s” has no English (en) text"),
                     name);
      out_texts[l] = g_strdup (text);
    }
  return TRUE;
}

static JsonArray *
require_array (const Ctx *ctx, JsonObject *object, const char *name, GError **error)
{
  JsonNode *node = member_of_type (object, name, JSON_NODE_ARRAY);

  if (node == NULL)
    {
      fail (ctx, error, WM_ROADMAP_ERROR_FORMAT, _("“%s” is missing or not a list"), name);
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
element_object (const Ctx *ctx, JsonArray *array, guint i, const char *list, GError **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    {
      fail (ctx, error, WM_ROADMAP_ERROR_FORMAT, _("entry %u of “%s” is not an object"), i + 1,
            list);
      return NULL;
    }
  return json_node_get_object (node);
}

static int
compare_phases (gconstpointer a, gconstpointer b)
{
  const Phase *pa = *(const Phase *const *) a;
  const Phase *pb = *(const Phase *const *) b;

  if (pa->order != pb->order)
    return pa->order < pb->order ? -1 : 1;
  return pa->position < pb->position ? -1 : pa->position > pb->position;
}

/* Far beyond any list of phases, and well inside an int. */
#define MAX_ORDER 1000000

static gboolean
read_phases (WmRoadmapCatalogue *self, const char *source, JsonObject *root, GError **error)
{
  Ctx ctx = { source, NULL, NULL };
  g_autoptr (GStrvBuilder) ids = g_strv_builder_new ();
  JsonArray *array = require_array (&ctx, root, "phases", error);

  if (array == NULL)
    return FALSE;
  if (json_array_get_length (array) == 0)
    return fail (&ctx, error, WM_ROADMAP_ERROR_FORMAT, _("there are no phases"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = element_object (&ctx, array, i, "phases", error);
      const char *id;
      Phase *phase;
      double order;

      if (object == NULL)
        return FALSE;
      ctx.what = "phase";
      ctx.id = get_string (object, "id");
      id = require_string (&ctx, object, "id", error);
      if (id == NULL)
        return FALSE;
      if (wm_roadmap_catalogue_get_phase_index (self, id) >= 0)
        return fail (&ctx, error, WM_ROADMAP_ERROR_DUPLICATE_ID, _("the id is used twice"));
      if (!get_number (object, "order", &order))
        return fail (&ctx, error, WM_ROADMAP_ERROR_FORMAT, _("“order” is missing or not a number"));
      if (order < -MAX_ORDER || order > MAX_ORDER)
        return fail (&ctx, error, WM_ROADMAP_ERROR_FORMAT,
                     _("“order” must be between %d and %d, not %g"), -MAX_ORDER, MAX_ORDER,
                     order);

      phase = g_new0 (Phase, 1);
      phase->id = g_strdup (id);
      phase->order = (int) order;
      phase->position = i;
      g_ptr_array_add (self->phases, phase);
      if (!read_texts (&ctx, object, "name", phase->name, error) ||
          !read_texts (&ctx, object, "description", phase->description, error))
        return FALSE;
      ctx.what = NULL;
    }

  g_ptr_array_sort (self->phases, compare_phases);
  for (guint i = 0; i < self->phases->len; i++)
    g_strv_builder_add (ids, ((Phase *) g_ptr_array_index (self->phases, i))->id);
  self->phase_ids = g_strv_builder_end (ids);
  return TRUE;
}

static Owner *
find_owner (WmRoadmapCatalogue *self, const char *id)
{
  for (guint i = 0; i < self->owners->len; i++)
    {
      Owner *owner = g_ptr_array_index (self->owners, i);

      if (g_str_equal (owner->id, id))
        return owner;
    }
  return NULL;
}

static gboolean
read_owners (WmRoadmapCatalogue *self, const char *source, JsonObject *root, GError **error)
{
  Ctx ctx = { source, NULL, NULL };
  g_autoptr (GStrvBuilder) ids = g_strv_builder_new ();
  JsonArray *array = require_array (&ctx, root, "owners", error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = element_object (&ctx, array, i, "owners", error);
      const char *id;
      Owner *owner;

      if (object == NULL)
        return FALSE;
      ctx.what = "owner";
      ctx.id = get_string (object, "id");
      id = require_string (&ctx, object, "id", error);
      if (id == NULL)
        return FALSE;
      if (find_owner (self, id) != NULL)
        return fail (&ctx, error, WM_ROADMAP_ERROR_DUPLICATE_ID, _("the id is used twice"));
      owner = g_new0 (Owner, 1);
      owner->id = g_strdup (id);
      g_ptr_array_add (self->owners, owner);
      g_strv_builder_add (ids, id);
      if (!read_texts (&ctx, object, "name", owner->name, error))
        return FALSE;
      ctx.what = NULL;
    }
  self->owner_ids = g_strv_builder_end (ids);
  return TRUE;
}

static gboolean
read_proposal_trigger (const Ctx *ctx, JsonObject *object, WmRoadmapTrigger *trigger,
                       GError **error)
{
  JsonNode *kinds = member_of_type (object, "proposal", JSON_NODE_ARRAY);
  JsonNode *mixed = json_object_get_member (object, "mixed_tenure");
  JsonNode *removes = json_object_get_member (object, "removes_dwellings");
  JsonArray *array;

  if (kinds == NULL || json_array_get_length (json_node_get_array (kinds)) == 0)
    return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
                 _("“proposal” must be a list of proposal kinds"));
  array = json_node_get_array (kinds);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      WmProposalKind kind;

      if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_PROPOSAL_KIND,
                     _("proposal kinds must be texts"));
      if (!wm_proposal_kind_from_key (json_node_get_string (node), &kind))
        return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_PROPOSAL_KIND,
                     _("unknown proposal kind “%s”"), json_node_get_string (node));
      trigger->proposal_kinds |= 1u << kind;
    }

  if (mixed != NULL)
    {
      if (JSON_NODE_TYPE (mixed) != JSON_NODE_VALUE ||
          json_node_get_value_type (mixed) != G_TYPE_BOOLEAN)
        return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
                     _("“mixed_tenure” must be true or false"));
      trigger->mixed_tenure = json_node_get_boolean (mixed);
    }
  if (removes != NULL)
    {
      if (JSON_NODE_TYPE (removes) != JSON_NODE_VALUE ||
          json_node_get_value_type (removes) != G_TYPE_BOOLEAN)
        return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
                     _("“removes_dwellings” must be true or false"));
      trigger->removes_dwellings = json_node_get_boolean (removes);
    }
  return TRUE;
}

static gboolean
is_target_compare (WmRoadmapCompare compare)
{
  return compare == WM_ROADMAP_COMPARE_BELOW_TARGET || compare == WM_ROADMAP_COMPARE_ABOVE_TARGET
         || compare == WM_ROADMAP_COMPARE_OUTSIDE_TARGET;
}

static gboolean
read_indicator_trigger (const Ctx *ctx, JsonObject *object, WmRoadmapEntry *entry,
                        GError **error)
{
  WmRoadmapTrigger *trigger = &entry->trigger;
  const char *key = get_string (object, "indicator");
  const char *scope = get_string (object, "scope");
  guint n_conditions = 0;

  if (key == NULL)
    return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_INDICATOR,
                 _("“indicator” must be an indicator key"));
  if (!wm_roadmap_indicator_key_is_valid (key))
    return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_INDICATOR,
                 _("unknown indicator “%s”"), key);
  entry->indicator = g_strdup (key);
  trigger->indicator = entry->indicator;

  for (guint c = 0; c < G_N_ELEMENTS (compare_keys); c++)
    {
      JsonNode *node = json_object_get_member (object, compare_keys[c]);

      if (node == NULL)
        continue;
      n_conditions++;
      trigger->compare = c;
      if (is_target_compare (c))
        {
          if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
              json_node_get_value_type (node) != G_TYPE_BOOLEAN || !json_node_get_boolean (node))
            return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
                         _("“%s” must be true"), compare_keys[c]);
          if (!wm_target_key_is_valid (key))
            return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
                         _("“%s” cannot have a target; “%s” works for share.<segment>, "
                           "affordable_share, new_build_affordable_share, diversity and "
                           "coverage.<kind>"),
                         key, compare_keys[c]);
        }
      else if (!get_number (object, compare_keys[c], &trigger->threshold))
        return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER, _("“%s” must be a number"),
                     compare_keys[c]);
    }
  if (n_conditions != 1)
    return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
                 _("an indicator trigger needs exactly one of “above”, “below”, “change_above”, "
                   "“change_below”, “below_target”, “above_target” or “outside_target”"));

  if (scope != NULL && g_str_equal (scope, "any_area"))
    trigger->any_area = TRUE;
  else if (scope != NULL && !g_str_equal (scope, "total"))
    return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
                 _("“scope” must be “total” or “any_area”"));
  else if (scope == NULL && json_object_has_member (object, "scope"))
    return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
                 _("“scope” must be “total” or “any_area”"));
  if (trigger->any_area && (is_total_only_key (key) || is_target_compare (trigger->compare)))
    return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
                 _("“%s” is only evaluated for the whole neighbourhood"), key);
  return TRUE;
}

static gboolean
read_trigger (const Ctx *ctx, JsonObject *item, WmRoadmapEntry *entry, GError **error)
{
  static const char *const known[] = {
    "always", "proposal", "mixed_tenure", "removes_dwellings", "indicator", "scope",
    "above", "below", "change_above", "change_below", "below_target", "above_target",
    "outside_target",
  };
  /* known[] from here on do not go with a proposal trigger. */
  const guint first_indicator_member = 4;
  JsonNode *node = member_of_type (item, "trigger", JSON_NODE_OBJECT);
  JsonObject *object;
  g_autoptr (GList) members = NULL;
  guint n_kinds;

  if (node == NULL)
    return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
                 _("“trigger” is missing or not an object"));
  object = json_node_get_object (node);

  /* An unknown member is most likely a typo or a trigger kind that does not exist. */
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean found = FALSE;

      for (guint i = 0; !found && i < G_N_ELEMENTS (known); i++)
        found = g_str_equal (l->data, known[i]);
      if (!found)
        return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER, _("unknown trigger “%s”"),
                     (const char *) l->data);
    }

  n_kinds = json_object_has_member (object, "always") +
            json_object_has_member (object, "proposal") +
            json_object_has_member (object, "indicator");
  if (n_kinds != 1)
    return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
                 _("a trigger needs exactly one of “always”, “proposal” or “indicator”"));

  if (json_object_has_member (object, "always"))
    {
      JsonNode *always = json_object_get_member (object, "always");

      if (JSON_NODE_TYPE (always) != JSON_NODE_VALUE ||
          json_node_get_value_type (always) != G_TYPE_BOOLEAN || !json_node_get_boolean (always))
        return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER, _("“always” must be true"));
      if (json_object_get_size (object) != 1)
        return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
                     _("“always” takes no conditions"));
      entry->trigger.kind = WM_ROADMAP_TRIGGER_ALWAYS;
      return TRUE;
    }
  if (json_object_has_member (object, "proposal"))
    {
      entry->trigger.kind = WM_ROADMAP_TRIGGER_PROPOSAL;
      for (guint i = first_indicator_member; i < G_N_ELEMENTS (known); i++)
        if (json_object_has_member (object, known[i]))
          return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
                       _("“%s” does not go with a proposal trigger"), known[i]);
      return read_proposal_trigger (ctx, object, &entry->trigger, error);
    }

  entry->trigger.kind = WM_ROADMAP_TRIGGER_INDICATOR;
  for (guint i = 2; i < first_indicator_member; i++)
    if (json_object_has_member (object, known[i]))
      return fail (ctx, error, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
                   _("“%s” does not go with an indicator trigger"), known[i]);
  return read_indicator_trigger (ctx, object, entry, error);
}

/* An optional free text saying where the advice comes from. */
static gboolean
read_source (const Ctx *ctx, JsonObject *item, WmRoadmapEntry *entry, GError **error)
{
  const char *source;

  if (!json_object_has_member (item, "source"))
    return TRUE;
  if ((source = require_string (ctx, item, "source", error)) == NULL)
    return FALSE;
  entry->source = g_strdup (source);
  return TRUE;
}

static gboolean
read_items (WmRoadmapCatalogue *self, const char *source, JsonObject *root, GError **error)
{
  Ctx ctx = { source, NULL, NULL };
  JsonArray *array = require_array (&ctx, root, "items", error);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = element_object (&ctx, array, i, "items", error);
      WmRoadmapEntry *entry;
      const char *id, *phase, *owner;

      if (object == NULL)
        return FALSE;
      ctx.what = "item";
      ctx.id = get_string (object, "id");
      if ((id = require_string (&ctx, object, "id", error)) == NULL)
        return FALSE;
      if (g_hash_table_contains (self->entry_index, id))
        return fail (&ctx, error, WM_ROADMAP_ERROR_DUPLICATE_ID, _("the id is used twice"));
      if ((phase = require_string (&ctx, object, "phase", error)) == NULL)
        return FALSE;
      if (wm_roadmap_catalogue_get_phase_index (self, phase) < 0)
        return fail (&ctx, error, WM_ROADMAP_ERROR_UNKNOWN_PHASE, _("unknown phase “%s”"), phase);
      if ((owner = require_string (&ctx, object, "default_owner", error)) == NULL)
        return FALSE;
      if (find_owner (self, owner) == NULL)
        return fail (&ctx, error, WM_ROADMAP_ERROR_UNKNOWN_OWNER, _("unknown owner “%s”"), owner);

      entry = g_new0 (WmRoadmapEntry, 1);
      entry->id = g_strdup (id);
      entry->phase = g_strdup (phase);
      entry->default_owner = g_strdup (owner);
      g_ptr_array_add (self->entries, entry);
      g_hash_table_insert (self->entry_index, entry->id, entry);
      if (!read_texts (&ctx, object, "title", entry->title, error) ||
          !read_texts (&ctx, object, "description", entry->description, error) ||
          !read_source (&ctx, object, entry, error) ||
          !read_trigger (&ctx, object, entry, error))
        return FALSE;
      ctx.what = NULL;
    }
  return TRUE;
}

WmRoadmapCatalogue *
wm_roadmap_catalogue_load_from_bytes (GBytes     *json,
                                      const char *source_name,
                                      GError    **error)
{
  g_autoptr (WmRoadmapCatalogue) self = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *quoted = NULL;
  Ctx ctx = { source_name != NULL ? source_name : "roadmap", NULL, NULL };
  JsonNode *root_node;
  JsonObject *root;
  gsize len;
  const char *data;
  double format;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (json, &len);
  quoted = g_strdup_printf ("“%s”", ctx.source);
  if (!wm_json_guard_check (data, len, quoted, &local_error))
    {
      g_set_error_literal (error, WM_ROADMAP_ERROR, WM_ROADMAP_ERROR_SYNTAX, local_error->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", len, &local_error))
    {
      /* json-glib reports "<data>:line:column: problem"; put the file name in its place. */
      const char *message = local_error->message;

      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      g_set_error (error, WM_ROADMAP_ERROR, WM_ROADMAP_ERROR_SYNTAX, "“%s”:%s", ctx.source,
                   message);
      return NULL;
    }

  root_node = json_parser_get_root (parser);
  if (root_node == NULL || JSON_NODE_TYPE (root_node) != JSON_NODE_OBJECT)
    {
      fail (&ctx, error, WM_ROADMAP_ERROR_FORMAT, _("the catalogue is not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (root_node);
  if (!get_number (root, "format", &format))
    {
      fail (&ctx, error, WM_ROADMAP_ERROR_FORMAT, _("“format” is missing or not a number"));
      return NULL;
    }
  /* Compared as a double: casting 1e300 to int is undefined. */
  if (format < 1 || format >= WM_ROADMAP_FORMAT_VERSION + 1)
    {
      fail (&ctx, error, WM_ROADMAP_ERROR_FORMAT,
            _("format %g is not supported (this version reads up to %d)"), format,
            WM_ROADMAP_FORMAT_VERSION);
      return NULL;
    }

  self = g_object_new (WM_TYPE_ROADMAP_CATALOGUE, NULL);
  self->source_name = g_strdup (ctx.source);
  self->json = g_bytes_ref (json);
  if (!read_phases (self, ctx.source, root, error) ||
      !read_owners (self, ctx.source, root, error) ||
      !read_items (self, ctx.source, root, error))
    return NULL;

  return g_steal_pointer (&self);
}

WmRoadmapCatalogue *
wm_roadmap_catalogue_load (GFile   *file,
                           GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, G_IO_ERROR, local_error->domain == G_IO_ERROR ? local_error->code
                                                                      : G_IO_ERROR_FAILED,
                   _("“%s” could not be read: %s"), name, local_error->message);
      return NULL;
    }
  return wm_roadmap_catalogue_load_from_bytes (bytes, name, error);
}

WmRoadmapCatalogue *
wm_roadmap_catalogue_get_default (void)
{
  static WmRoadmapCatalogue *catalogue = NULL;

  if (g_once_init_enter (&catalogue))
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = NULL;
      WmRoadmapCatalogue *loaded;

      wm_core_init ();
      bytes = g_resources_lookup_data ("/nl/wijkmix/core/roadmap.json",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        g_error ("Built-in roadmap catalogue missing: %s", error->message);
      loaded = wm_roadmap_catalogue_load_from_bytes (bytes, "roadmap.json", &error);
      if (loaded == NULL)
        g_error ("Built-in roadmap catalogue invalid: %s", error->message);
      loaded->builtin = TRUE;
      g_once_init_leave (&catalogue, loaded);
    }
  return catalogue;
}

/* ---------------------------------------------------------------------------------------------
 * Access
 * ------------------------------------------------------------------------------------------ */

GBytes *
wm_roadmap_catalogue_get_json (WmRoadmapCatalogue *self)
{
  g_return_val_if_fail (WM_IS_ROADMAP_CATALOGUE (self), NULL);
  return self->json;
}

const char *
wm_roadmap_catalogue_get_source_name (WmRoadmapCatalogue *self)
{
  g_return_val_if_fail (WM_IS_ROADMAP_CATALOGUE (self), NULL);
  return self->source_name;
}

gboolean
wm_roadmap_catalogue_is_builtin (WmRoadmapCatalogue *self)
{
  g_return_val_if_fail (WM_IS_ROADMAP_CATALOGUE (self), FALSE);
  return self->builtin;
}

guint
wm_roadmap_catalogue_get_n_entries (WmRoadmapCatalogue *self)
{
  g_return_val_if_fail (WM_IS_ROADMAP_CATALOGUE (self), 0);
  return self->entries->len;
}

const WmRoadmapEntry *
wm_roadmap_catalogue_get_entry (WmRoadmapCatalogue *self,
                                guint               position)
{
  g_return_val_if_fail (WM_IS_ROADMAP_CATALOGUE (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);
  return g_ptr_array_index (self->entries, position);
}

const WmRoadmapEntry *
wm_roadmap_catalogue_find_entry (WmRoadmapCatalogue *self,
                                 const char         *id)
{
  g_return_val_if_fail (WM_IS_ROADMAP_CATALOGUE (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->entry_index, id) : NULL;
}

const char *const *
wm_roadmap_catalogue_get_phases (WmRoadmapCatalogue *self)
{
  g_return_val_if_fail (WM_IS_ROADMAP_CATALOGUE (self), NULL);
  return (const char *const *) self->phase_ids;
}

int
wm_roadmap_catalogue_get_phase_index (WmRoadmapCatalogue *self,
                                      const char         *phase)
{
  g_return_val_if_fail (WM_IS_ROADMAP_CATALOGUE (self), -1);

  for (guint i = 0; phase != NULL && i < self->phases->len; i++)
    if (g_str_equal (((Phase *) g_ptr_array_index (self->phases, i))->id, phase))
      return i;
  return -1;
}

const char *
wm_roadmap_catalogue_get_phase_name (WmRoadmapCatalogue *self,
                                     const char         *phase)
{
  int i = wm_roadmap_catalogue_get_phase_index (self, phase);

  return i >= 0 ? ((Phase *) g_ptr_array_index (self->phases, i))->name[current_language ()]
                : NULL;
}

const char *
wm_roadmap_catalogue_get_phase_description (WmRoadmapCatalogue *self,
                                            const char         *phase)
{
  int i = wm_roadmap_catalogue_get_phase_index (self, phase);

  return i >= 0 ? ((Phase *) g_ptr_array_index (self->phases, i))->description[current_language ()]
                : NULL;
}

const char *const *
wm_roadmap_catalogue_get_owners (WmRoadmapCatalogue *self)
{
  g_return_val_if_fail (WM_IS_ROADMAP_CATALOGUE (self), NULL);
  return (const char *const *) self->owner_ids;
}

const char *
wm_roadmap_catalogue_get_owner_name (WmRoadmapCatalogue *self,
                                     const char         *owner)
{
  Owner *found;

  g_return_val_if_fail (WM_IS_ROADMAP_CATALOGUE (self), NULL);

  found = owner != NULL ? find_owner (self, owner) : NULL;
  return found != NULL ? found->name[current_language ()] : NULL;
}

const char *
wm_roadmap_entry_get_id (const WmRoadmapEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->id;
}

const char *
wm_roadmap_entry_get_phase (const WmRoadmapEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->phase;
}

const char *
wm_roadmap_entry_get_title (const WmRoadmapEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->title[current_language ()];
}

const char *
wm_roadmap_entry_get_description (const WmRoadmapEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->description[current_language ()];
}

const char *
wm_roadmap_entry_get_title_for (const WmRoadmapEntry *entry,
                                const char           *lang)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->title[language_from_key (lang)];
}

const char *
wm_roadmap_entry_get_description_for (const WmRoadmapEntry *entry,
                                      const char           *lang)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->description[language_from_key (lang)];
}

const char *
wm_roadmap_entry_get_default_owner (const WmRoadmapEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->default_owner;
}

const WmRoadmapTrigger *
wm_roadmap_entry_get_trigger (const WmRoadmapEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return &entry->trigger;
}

const char *
wm_roadmap_entry_get_source (const WmRoadmapEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->source;
}
