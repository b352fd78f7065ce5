/* wm-checklist-state.c: what users entered on the roadmap checklist, kept with the plan */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-checklist-state.h"

static const GEnumValue status_values[] = {
  { WM_CHECKLIST_STATUS_OPEN, "WM_CHECKLIST_STATUS_OPEN", "open" },
  { WM_CHECKLIST_STATUS_PLANNED, "WM_CHECKLIST_STATUS_PLANNED", "planned" },
  { WM_CHECKLIST_STATUS_DONE, "WM_CHECKLIST_STATUS_DONE", "done" },
  { WM_CHECKLIST_STATUS_NOT_APPLICABLE, "WM_CHECKLIST_STATUS_NOT_APPLICABLE", "not_applicable" },
  { 0, NULL, NULL },
};

GType
wm_checklist_status_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("WmChecklistStatus", status_values));
  return type;
}

const char *
wm_checklist_status_key (WmChecklistStatus status)
{
  g_return_val_if_fail ((guint) status < WM_N_CHECKLIST_STATUSES, NULL);
  return status_values[status].value_nick;
}

gboolean
wm_checklist_status_from_key (const char        *key,
                              WmChecklistStatus *out_status)
{
  for (guint i = 0; key != NULL && i < WM_N_CHECKLIST_STATUSES; i++)
    if (g_str_equal (key, status_values[i].value_nick))
      {
        if (out_status != NULL)
          *out_status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wm_checklist_status_label (WmChecklistStatus status)
{
  static const char *const labels[] = {
    N_("Open"), N_("Planned"), N_("Done"), N_("Not applicable"),
  };

  g_return_val_if_fail ((guint) status < WM_N_CHECKLIST_STATUSES, NULL);
  return _(labels[status]);
}

static gboolean
text_set (const char *text)
{
  return text != NULL && *text != '\0';
}

gboolean
wm_checklist_entry_has_data (const WmChecklistEntry *entry)
{
  return entry != NULL &&
         (entry->status != WM_CHECKLIST_STATUS_OPEN || text_set (entry->reason) ||
          text_set (entry->owner) || text_set (entry->note) || entry->target_year != 0);
}

static void
entry_free (gpointer data)
{
  WmChecklistEntry *entry = data;

  g_free (entry->reason);
  g_free (entry->owner);
  g_free (entry->note);
  g_free (entry);
}

/* Empty strings are stored as NULL so that "" and unset compare equal. */
static char *
dup_text (const char *text)
{
  return text_set (text) ? g_strdup (text) : NULL;
}

WmChecklistEntry *
wm_checklist_entry_copy (const WmChecklistEntry *entry)
{
  WmChecklistEntry *copy;

  if (entry == NULL)
    return NULL;
  copy = g_new0 (WmChecklistEntry, 1);
  copy->status = entry->status;
  copy->reason = dup_text (entry->reason);
  copy->owner = dup_text (entry->owner);
  copy->note = dup_text (entry->note);
  copy->target_year = entry->target_year;
  return copy;
}

void
wm_checklist_entry_free (WmChecklistEntry *entry)
{
  if (entry != NULL)
    entry_free (entry);
}

static gboolean
entry_equal (const WmChecklistEntry *a, const WmChecklistEntry *b)
{
  return a->status == b->status && a->target_year == b->target_year &&
         g_strcmp0 (a->reason, b->reason) == 0 && g_strcmp0 (a->owner, b->owner) == 0 &&
         g_strcmp0 (a->note, b->note) == 0;
}

struct _WmChecklistState
{
  GObject parent_instance;

  GHashTable *entries; /* "scenario_id\nitem_id" -> WmChecklistEntry */
  char *catalogue_json;
  WmChecklistStateRecorder recorder;
  gpointer recorder_data;
};

G_DEFINE_FINAL_TYPE (WmChecklistState, wm_checklist_state, G_TYPE_OBJECT)

enum { PROP_0, PROP_CATALOGUE_JSON, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { ENTRY_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
wm_checklist_state_finalize (GObject *object)
{
  WmChecklistState *self = WM_CHECKLIST_STATE (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_free (self->catalogue_json);

  G_OBJECT_CLASS (wm_checklist_state_parent_class)->finalize (object);
}

static void
wm_checklist_state_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WmChecklistState *self = WM_CHECKLIST_STATE (object);

  switch (prop_id)
    {
    case PROP_CATALOGUE_JSON:
      g_value_set_string (value, self->catalogue_json);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_checklist_state_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WmChecklistState *self = WM_CHECKLIST_STATE (object);

  switch (prop_id)
    {
    case PROP_CATALOGUE_JSON:
      wm_checklist_state_set_catalogue_json (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_checklist_state_class_init (WmChecklistStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_checklist_state_finalize;
  object_class->get_property = wm_checklist_state_get_property;
  object_class->set_property = wm_checklist_state_set_property;

  properties[PROP_CATALOGUE_JSON] =
    g_param_spec_string ("catalogue-json", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ENTRY_CHANGED] =
    g_signal_new ("entry-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
wm_checklist_state_init (WmChecklistState *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
}

WmChecklistState *
wm_checklist_state_new (void)
{
  return g_object_new (WM_TYPE_CHECKLIST_STATE, NULL);
}

/* The plan owns its checklist state; this name stays for the callers. */
WmChecklistState *
wm_checklist_state_get_for_plan (WmPlan *plan)
{
  return wm_plan_get_checklist_state (plan);
}

static char *
make_key (const char *scenario_id, const char *item_id)
{
  return g_strconcat (scenario_id, "\n", item_id, NULL);
}

const WmChecklistEntry *
wm_checklist_state_lookup (WmChecklistState *self,
                           const char       *scenario_id,
                           const char       *item_id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (WM_IS_CHECKLIST_STATE (self), NULL);
  g_return_val_if_fail (scenario_id != NULL && item_id != NULL, NULL);

  key = make_key (scenario_id, item_id);
  return g_hash_table_lookup (self->entries, key);
}

void
wm_checklist_state_set (WmChecklistState       *self,
                        const char             *scenario_id,
                        const char             *item_id,
                        const WmChecklistEntry *entry)
{
  g_autofree char *key = NULL;
  WmChecklistEntry *old, *copy;
  WmChecklistEntry *before = NULL;

  g_return_if_fail (WM_IS_CHECKLIST_STATE (self));
  g_return_if_fail (scenario_id != NULL && item_id != NULL);
  g_return_if_fail (entry == NULL || (guint) entry->status < WM_N_CHECKLIST_STATUSES);

  key = make_key (scenario_id, item_id);
  old = g_hash_table_lookup (self->entries, key);
  if (!wm_checklist_entry_has_data (entry))
    {
      if (old == NULL)
        return;
      before = wm_checklist_entry_copy (old);
      g_hash_table_remove (self->entries, key);
    }
  else
    {
      copy = wm_checklist_entry_copy (entry);
      if (old != NULL && entry_equal (old, copy))
        {
          entry_free (copy);
          return;
        }
      before = wm_checklist_entry_copy (old);
      g_hash_table_replace (self->entries, g_steal_pointer (&key), copy);
    }

  g_signal_emit (self, signals[ENTRY_CHANGED], 0, scenario_id, item_id);
  if (self->recorder != NULL)
    self->recorder (self, scenario_id, item_id, before,
                    wm_checklist_entry_has_data (entry) ? entry : NULL, self->recorder_data);
  wm_checklist_entry_free (before);
}

void
wm_checklist_state_set_recorder (WmChecklistState         *self,
                                 WmChecklistStateRecorder  recorder,
                                 gpointer                  user_data)
{
  g_return_if_fail (WM_IS_CHECKLIST_STATE (self));

  self->recorder = recorder;
  self->recorder_data = user_data;
}

gpointer
wm_checklist_state_get_recorder_data (WmChecklistState *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_STATE (self), NULL);
  return self->recorder_data;
}

void
wm_checklist_state_foreach (WmChecklistState     *self,
                            WmChecklistStateFunc  func,
                            gpointer              user_data)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  g_return_if_fail (WM_IS_CHECKLIST_STATE (self));
  g_return_if_fail (func != NULL);

  /* "\n" sorts before every printable character, so this orders by scenario, then item. */
  keys = g_hash_table_get_keys_as_array (self->entries, &n_keys);
  g_qsort_with_data (keys, n_keys, sizeof (gpointer), (GCompareDataFunc) g_strcmp0, NULL);
  for (guint i = 0; i < n_keys; i++)
    {
      const char *key = keys[i];
      const char *newline = strchr (key, '\n');
      g_autofree char *scenario_id = g_strndup (key, newline - key);

      func (scenario_id, newline + 1, g_hash_table_lookup (self->entries, key), user_data);
    }
}

guint
wm_checklist_state_get_n_entries (WmChecklistState *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_STATE (self), 0);
  return g_hash_table_size (self->entries);
}

const char *
wm_checklist_state_get_catalogue_json (WmChecklistState *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_STATE (self), NULL);
  return self->catalogue_json;
}

void
wm_checklist_state_set_catalogue_json (WmChecklistState *self,
                                       const char       *json)
{
  g_return_if_fail (WM_IS_CHECKLIST_STATE (self));

  if (!text_set (json))
    json = NULL;
  if (g_strcmp0 (self->catalogue_json, json) == 0)
    return;
  g_free (self->catalogue_json);
  self->catalogue_json = g_strdup (json);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOGUE_JSON]);
}

gboolean
wm_checklist_state_equal (WmChecklistState *a,
                          WmChecklistState *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (WM_IS_CHECKLIST_STATE (a) && WM_IS_CHECKLIST_STATE (b), FALSE);

  if (g_strcmp0 (a->catalogue_json, b->catalogue_json) != 0 ||
      g_hash_table_size (a->entries) != g_hash_table_size (b->entries))
    return FALSE;
  g_hash_table_iter_init (&iter, a->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      WmChecklistEntry *other = g_hash_table_lookup (b->entries, key);

      if (other == NULL || !entry_equal (value, other))
        return FALSE;
    }
  return TRUE;
}
