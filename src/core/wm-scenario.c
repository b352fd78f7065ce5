/* wm-scenario.c: a named set of proposals on the plan's baseline */
#include "config.h"

#include "wm-scenario.h"
#include "wm-string-private.h"

struct _WmScenario
{
  GObject parent_instance;

  char *id;
  char *name;
  GListStore *proposals;
  /* Kept with the store so that adding is O(1), not a scan: how often each proposal object
   * is in it (one notify handler per object), and how many entries carry each id, with one
   * of them (the only one when the count is 1; duplicates fall back to a scan). */
  GHashTable *entry_counts; /* WmProposal* -> count */
  GHashTable *by_id;        /* id -> WmProposal* */
  GHashTable *id_counts;    /* id -> count */
};

G_DEFINE_FINAL_TYPE (WmScenario, wm_scenario, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
proposal_notify_cb (WmProposal *proposal,
                    GParamSpec *pspec,
                    WmScenario *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
contains (WmScenario *self,
          WmProposal *proposal,
          guint      *position)
{
  if (!g_hash_table_contains (self->entry_counts, proposal))
    return FALSE;
  return position == NULL || g_list_store_find (self->proposals, proposal, position);
}

static guint
count_of (GHashTable    *table,
          gconstpointer  key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, key));
}

/* One handler per proposal object, even if it was added twice. */
static void
watch (WmScenario *self,
       WmProposal *proposal)
{
  guint n = count_of (self->entry_counts, proposal);
  const char *id = wm_proposal_get_id (proposal);

  if (n == 0)
    g_signal_connect_object (proposal, "notify", G_CALLBACK (proposal_notify_cb), self, 0);
  g_hash_table_insert (self->entry_counts, proposal, GUINT_TO_POINTER (n + 1));

  n = count_of (self->id_counts, id);
  if (n == 0)
    g_hash_table_insert (self->by_id, g_strdup (id), proposal);
  g_hash_table_insert (self->id_counts, g_strdup (id), GUINT_TO_POINTER (n + 1));
}

/* After the entry left the store. */
static void
unwatch (WmScenario *self,
         WmProposal *proposal)
{
  guint n = count_of (self->entry_counts, proposal);
  const char *id = wm_proposal_get_id (proposal);

  if (n <= 1)
    {
      g_hash_table_remove (self->entry_counts, proposal);
      g_signal_handlers_disconnect_by_func (proposal, proposal_notify_cb, self);
    }
  else
    g_hash_table_insert (self->entry_counts, proposal, GUINT_TO_POINTER (n - 1));

  n = count_of (self->id_counts, id);
  if (n <= 1)
    {
      g_hash_table_remove (self->by_id, id);
      g_hash_table_remove (self->id_counts, id);
      return;
    }
  g_hash_table_insert (self->id_counts, g_strdup (id), GUINT_TO_POINTER (n - 1));
  /* by_id is read only for an id of one entry (duplicates are scanned), so only then must it
   * name the one that is left: rare, as ids are unique in a valid plan. */
  if (n - 1 == 1)
    {
      GListModel *model = G_LIST_MODEL (self->proposals);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(WmProposal) other = g_list_model_get_item (model, i);

          if (g_strcmp0 (wm_proposal_get_id (other), id) == 0)
            {
              g_hash_table_insert (self->by_id, g_strdup (id), other);
              break;
            }
        }
    }
}

static void
wm_scenario_dispose (GObject *object)
{
  WmScenario *self = WM_SCENARIO (object);

  if (self->proposals != NULL)
    {
      GListModel *model = G_LIST_MODEL (self->proposals);
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(WmProposal) proposal = g_list_model_get_item (model, i);

          g_signal_handlers_disconnect_by_func (proposal, proposal_notify_cb, self);
        }
    }
  g_clear_object (&self->proposals);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->id_counts, g_hash_table_unref);
  g_clear_pointer (&self->entry_counts, g_hash_table_unref);

  G_OBJECT_CLASS (wm_scenario_parent_class)->dispose (object);
}

static void
wm_scenario_finalize (GObject *object)
{
  WmScenario *self = WM_SCENARIO (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (wm_scenario_parent_class)->finalize (object);
}

static void
wm_scenario_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WmScenario *self = WM_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_scenario_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WmScenario *self = WM_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_NAME:
      wm_scenario_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_scenario_class_init (WmScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_scenario_dispose;
  object_class->finalize = wm_scenario_finalize;
  object_class->get_property = wm_scenario_get_property;
  object_class->set_property = wm_scenario_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wm_scenario_init (WmScenario *self)
{
  self->proposals = g_list_store_new (WM_TYPE_PROPOSAL);
  self->entry_counts = g_hash_table_new (NULL, NULL);
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->id_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

WmScenario *
wm_scenario_new (const char *id,
                 const char *name)
{
  WmScenario *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (WM_TYPE_SCENARIO, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name);

  return self;
}

const char *
wm_scenario_get_id (WmScenario *self)
{
  g_return_val_if_fail (WM_IS_SCENARIO (self), NULL);

  return self->id;
}

const char *
wm_scenario_get_name (WmScenario *self)
{
  g_return_val_if_fail (WM_IS_SCENARIO (self), NULL);

  return self->name;
}

/* A rename is saved data too, so it counts as a change of the scenario. */
void
wm_scenario_set_name (WmScenario *self,
                      const char *name)
{
  g_return_if_fail (WM_IS_SCENARIO (self));

  if (!wm_set_str (&self->name, name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  g_signal_emit (self, signals[CHANGED], 0);
}

GListModel *
wm_scenario_get_proposals (WmScenario *self)
{
  g_return_val_if_fail (WM_IS_SCENARIO (self), NULL);

  return G_LIST_MODEL (self->proposals);
}

void
wm_scenario_add_proposal (WmScenario *self,
                          WmProposal *proposal)
{
  g_return_if_fail (WM_IS_SCENARIO (self));
  g_return_if_fail (WM_IS_PROPOSAL (proposal));

  wm_scenario_insert_proposal (self, g_list_model_get_n_items (G_LIST_MODEL (self->proposals)),
                               proposal);
}

void
wm_scenario_insert_proposal (WmScenario *self,
                             guint       position,
                             WmProposal *proposal)
{
  g_return_if_fail (WM_IS_SCENARIO (self));
  g_return_if_fail (WM_IS_PROPOSAL (proposal));
  g_return_if_fail (position <= g_list_model_get_n_items (G_LIST_MODEL (self->proposals)));

  watch (self, proposal);
  g_list_store_insert (self->proposals, position, proposal);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
wm_scenario_remove_proposal (WmScenario *self,
                             WmProposal *proposal)
{
  guint position;

  g_return_val_if_fail (WM_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);

  if (!contains (self, proposal, &position))
    return FALSE;

  /* Keep it alive until unwatched: the store may hold the last reference. */
  g_object_ref (proposal);
  g_list_store_remove (self->proposals, position);
  unwatch (self, proposal);
  g_object_unref (proposal);

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

WmProposal *
wm_scenario_find_proposal (WmScenario *self,
                           const char *id)
{
  guint n;

  g_return_val_if_fail (WM_IS_SCENARIO (self), NULL);

  if (id == NULL)
    return NULL;

  /* An id carried by one entry only is the common case: answered from the table. */
  switch (count_of (self->id_counts, id))
    {
    case 0:
      return NULL;
    case 1:
      return g_hash_table_lookup (self->by_id, id);
    default:
      break;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->proposals));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (G_LIST_MODEL (self->proposals), i);

      /* The store keeps it alive after the autoptr drops our reference. */
      if (g_strcmp0 (wm_proposal_get_id (proposal), id) == 0)
        return proposal;
    }

  return NULL;
}

gboolean
wm_scenario_equal (WmScenario *a,
                   WmScenario *b)
{
  GListModel *pa, *pb;
  guint n;

  g_return_val_if_fail (WM_IS_SCENARIO (a), FALSE);
  g_return_val_if_fail (WM_IS_SCENARIO (b), FALSE);

  if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->name, b->name) != 0)
    return FALSE;

  pa = G_LIST_MODEL (a->proposals);
  pb = G_LIST_MODEL (b->proposals);
  n = g_list_model_get_n_items (pa);
  if (n != g_list_model_get_n_items (pb))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmProposal) x = g_list_model_get_item (pa, i);
      g_autoptr(WmProposal) y = g_list_model_get_item (pb, i);

      if (!wm_proposal_equal (x, y))
        return FALSE;
    }

  return TRUE;
}
