/* wm-checklist-item.c: one row of the roadmap checklist */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "wm-checklist-item-private.h"

G_DEFINE_QUARK (wm-checklist-error-quark, wm_checklist_error)

struct _WmChecklistItem
{
  GObject parent_instance;

  WmRoadmapCatalogue *catalogue; /* keeps entry alive */
  const WmRoadmapEntry *entry;
  WmChecklistState *state;
  char *scenario_id;

  gboolean active;
  GStrv proposal_ids;
  GStrv area_ids;
  double value, baseline, threshold;
  char *trigger_text;
};

G_DEFINE_FINAL_TYPE (WmChecklistItem, wm_checklist_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_PHASE,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_ACTIVE,
  PROP_ORPHANED,
  PROP_STATUS,
  PROP_REASON,
  PROP_OWNER,
  PROP_OWNER_LABEL,
  PROP_NOTE,
  PROP_TARGET_YEAR,
  PROP_TRIGGER_TEXT,
  PROP_PROPOSAL_IDS,
  PROP_AREA_IDS,
  PROP_INDICATOR,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static const char *const empty_strv[] = { NULL };

static void
wm_checklist_item_finalize (GObject *object)
{
  WmChecklistItem *self = WM_CHECKLIST_ITEM (object);

  g_clear_object (&self->catalogue);
  g_clear_object (&self->state);
  g_free (self->scenario_id);
  g_strfreev (self->proposal_ids);
  g_strfreev (self->area_ids);
  g_free (self->trigger_text);

  G_OBJECT_CLASS (wm_checklist_item_parent_class)->finalize (object);
}

static void
wm_checklist_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WmChecklistItem *self = WM_CHECKLIST_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, wm_checklist_item_get_id (self));
      break;
    case PROP_PHASE:
      g_value_set_string (value, wm_checklist_item_get_phase (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, wm_checklist_item_get_title (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, wm_checklist_item_get_description (self));
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_ORPHANED:
      g_value_set_boolean (value, wm_checklist_item_get_orphaned (self));
      break;
    case PROP_STATUS:
      g_value_set_enum (value, wm_checklist_item_get_status (self));
      break;
    case PROP_REASON:
      g_value_set_string (value, wm_checklist_item_get_reason (self));
      break;
    case PROP_OWNER:
      g_value_set_string (value, wm_checklist_item_get_owner (self));
      break;
    case PROP_OWNER_LABEL:
      g_value_set_string (value, wm_checklist_item_get_owner_label (self));
      break;
    case PROP_NOTE:
      g_value_set_string (value, wm_checklist_item_get_note (self));
      break;
    case PROP_TARGET_YEAR:
      g_value_set_int (value, wm_checklist_item_get_target_year (self));
      break;
    case PROP_TRIGGER_TEXT:
      g_value_set_string (value, self->trigger_text);
      break;
    case PROP_PROPOSAL_IDS:
      g_value_set_boxed (value, wm_checklist_item_get_proposal_ids (self));
      break;
    case PROP_AREA_IDS:
      g_value_set_boxed (value, wm_checklist_item_get_area_ids (self));
      break;
    case PROP_INDICATOR:
      g_value_set_string (value, wm_checklist_item_get_indicator (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_checklist_item_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WmChecklistItem *self = WM_CHECKLIST_ITEM (object);

  switch (prop_id)
    {
    case PROP_OWNER:
      wm_checklist_item_set_owner (self, g_value_get_string (value));
      break;
    case PROP_NOTE:
      wm_checklist_item_set_note (self, g_value_get_string (value));
      break;
    case PROP_TARGET_YEAR:
      wm_checklist_item_set_target_year (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_checklist_item_class_init (WmChecklistItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = wm_checklist_item_finalize;
  object_class->get_property = wm_checklist_item_get_property;
  object_class->set_property = wm_checklist_item_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_PHASE] = g_param_spec_string ("phase", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, ro);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, ro);
  properties[PROP_ORPHANED] = g_param_spec_boolean ("orphaned", NULL, NULL, FALSE, ro);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, WM_TYPE_CHECKLIST_STATUS,
                                               WM_CHECKLIST_STATUS_OPEN, ro);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, ro);
  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, NULL, rw);
  properties[PROP_OWNER_LABEL] = g_param_spec_string ("owner-label", NULL, NULL, NULL, ro);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, rw);
  properties[PROP_TARGET_YEAR] = g_param_spec_int ("target-year", NULL, NULL, 0, 9999, 0, rw);
  properties[PROP_TRIGGER_TEXT] = g_param_spec_string ("trigger-text", NULL, NULL, NULL, ro);
  properties[PROP_PROPOSAL_IDS] = g_param_spec_boxed ("proposal-ids", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_AREA_IDS] = g_param_spec_boxed ("area-ids", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_INDICATOR] = g_param_spec_string ("indicator", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_checklist_item_init (WmChecklistItem *self)
{
  self->value = self->baseline = self->threshold = NAN;
}

WmChecklistItem *
wm_checklist_item_new (WmRoadmapCatalogue   *catalogue,
                       const WmRoadmapEntry *entry,
                       WmChecklistState     *state,
                       const char           *scenario_id)
{
  WmChecklistItem *self = g_object_new (WM_TYPE_CHECKLIST_ITEM, NULL);

  self->catalogue = g_object_ref (catalogue);
  self->entry = entry;
  self->state = g_object_ref (state);
  self->scenario_id = g_strdup (scenario_id);
  return self;
}

/* Everything that depends on the user's entry. */
static void
notify_user_data (WmChecklistItem *self)
{
  static const guint props[] = {
    PROP_ORPHANED, PROP_STATUS, PROP_REASON, PROP_OWNER, PROP_OWNER_LABEL, PROP_NOTE,
    PROP_TARGET_YEAR,
  };

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[props[i]]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
wm_checklist_item_set_scenario (WmChecklistItem *self,
                                const char      *scenario_id)
{
  g_return_if_fail (WM_IS_CHECKLIST_ITEM (self));

  if (g_strcmp0 (self->scenario_id, scenario_id) == 0)
    return;
  g_free (self->scenario_id);
  self->scenario_id = g_strdup (scenario_id);
  notify_user_data (self);
}

void
wm_checklist_item_user_data_changed (WmChecklistItem *self)
{
  g_return_if_fail (WM_IS_CHECKLIST_ITEM (self));
  notify_user_data (self);
}

static gboolean
strv_equal (const char *const *a, const char *const *b)
{
  return g_strv_equal (a != NULL ? a : empty_strv, b != NULL ? b : empty_strv);
}

static gboolean
same_double (double a, double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

void
wm_checklist_item_update (WmChecklistItem    *self,
                          gboolean            active,
                          const char *const  *proposal_ids,
                          const char *const  *area_ids,
                          double              value,
                          double              baseline,
                          double              threshold,
                          const char         *trigger_text)
{
  gboolean was_orphaned;

  g_return_if_fail (WM_IS_CHECKLIST_ITEM (self));

  was_orphaned = wm_checklist_item_get_orphaned (self);
  g_object_freeze_notify (G_OBJECT (self));
  if (self->active != !!active)
    {
      self->active = !!active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }
  if (was_orphaned != wm_checklist_item_get_orphaned (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORPHANED]);
  if (!strv_equal ((const char *const *) self->proposal_ids, proposal_ids))
    {
      g_strfreev (self->proposal_ids);
      self->proposal_ids = g_strdupv ((char **) proposal_ids);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROPOSAL_IDS]);
    }
  if (!strv_equal ((const char *const *) self->area_ids, area_ids))
    {
      g_strfreev (self->area_ids);
      self->area_ids = g_strdupv ((char **) area_ids);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA_IDS]);
    }
  if (!same_double (self->value, value) || !same_double (self->baseline, baseline) ||
      !same_double (self->threshold, threshold))
    {
      self->value = value;
      self->baseline = baseline;
      self->threshold = threshold;
    }
  if (g_strcmp0 (self->trigger_text, trigger_text) != 0)
    {
      g_free (self->trigger_text);
      self->trigger_text = g_strdup (trigger_text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIGGER_TEXT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static const WmChecklistEntry *
lookup (WmChecklistItem *self)
{
  if (self->scenario_id == NULL)
    return NULL;
  return wm_checklist_state_lookup (self->state, self->scenario_id,
                                    wm_roadmap_entry_get_id (self->entry));
}

/* Stores @edited, a copy of the current entry the caller owns (the state copies it again). */
static void
store (WmChecklistItem *self, const WmChecklistEntry *edited)
{
  g_return_if_fail (self->scenario_id != NULL);
  wm_checklist_state_set (self->state, self->scenario_id, wm_roadmap_entry_get_id (self->entry),
                          edited);
}

/* A deep copy of the current entry: its strings stay valid whatever the state frees. */
static WmChecklistEntry *
current (WmChecklistItem *self)
{
  const WmChecklistEntry *entry = lookup (self);
  const WmChecklistEntry none = { WM_CHECKLIST_STATUS_OPEN, NULL, NULL, NULL, 0 };

  return wm_checklist_entry_copy (entry != NULL ? entry : &none);
}

/* Replaces *@field by a copy of @text, which may be the old value itself. */
static void
set_text (char **field, const char *text)
{
  char *copy = g_strdup (text);

  g_free (*field);
  *field = copy;
}

const WmRoadmapEntry *
wm_checklist_item_get_entry (WmChecklistItem *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NULL);
  return self->entry;
}

const char *
wm_checklist_item_get_id (WmChecklistItem *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NULL);
  return wm_roadmap_entry_get_id (self->entry);
}

const char *
wm_checklist_item_get_phase (WmChecklistItem *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NULL);
  return wm_roadmap_entry_get_phase (self->entry);
}

const char *
wm_checklist_item_get_title (WmChecklistItem *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NULL);
  return wm_roadmap_entry_get_title (self->entry);
}

const char *
wm_checklist_item_get_description (WmChecklistItem *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NULL);
  return wm_roadmap_entry_get_description (self->entry);
}

gboolean
wm_checklist_item_get_active (WmChecklistItem *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), FALSE);
  return self->active;
}

gboolean
wm_checklist_item_get_orphaned (WmChecklistItem *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), FALSE);
  return !self->active && wm_checklist_entry_has_data (lookup (self));
}

gboolean
wm_checklist_item_get_listed (WmChecklistItem *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), FALSE);
  return self->active || wm_checklist_item_get_orphaned (self);
}

const char *const *
wm_checklist_item_get_proposal_ids (WmChecklistItem *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NULL);
  return self->proposal_ids != NULL ? (const char *const *) self->proposal_ids : empty_strv;
}

const char *
wm_checklist_item_get_indicator (WmChecklistItem *self)
{
  const WmRoadmapTrigger *trigger;

  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NULL);
  trigger = wm_roadmap_entry_get_trigger (self->entry);
  return trigger->kind == WM_ROADMAP_TRIGGER_INDICATOR ? trigger->indicator : NULL;
}

double
wm_checklist_item_get_indicator_value (WmChecklistItem *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NAN);
  return self->value;
}

double
wm_checklist_item_get_indicator_baseline (WmChecklistItem *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NAN);
  return self->baseline;
}

double
wm_checklist_item_get_threshold (WmChecklistItem *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NAN);
  return self->threshold;
}

const char *const *
wm_checklist_item_get_area_ids (WmChecklistItem *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NULL);
  return self->area_ids != NULL ? (const char *const *) self->area_ids : empty_strv;
}

const char *
wm_checklist_item_get_trigger_text (WmChecklistItem *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NULL);
  return self->trigger_text;
}

WmChecklistStatus
wm_checklist_item_get_status (WmChecklistItem *self)
{
  const WmChecklistEntry *entry;

  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), WM_CHECKLIST_STATUS_OPEN);
  entry = lookup (self);
  return entry != NULL ? entry->status : WM_CHECKLIST_STATUS_OPEN;
}

const char *
wm_checklist_item_get_reason (WmChecklistItem *self)
{
  const WmChecklistEntry *entry;

  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NULL);
  entry = lookup (self);
  return entry != NULL ? entry->reason : NULL;
}

gboolean
wm_checklist_item_set_status (WmChecklistItem   *self,
                              WmChecklistStatus  status,
                              const char        *reason,
                              GError           **error)
{
  g_autoptr (WmChecklistEntry) entry = NULL;

  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), FALSE);
  g_return_val_if_fail ((guint) status < WM_N_CHECKLIST_STATUSES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (status == WM_CHECKLIST_STATUS_NOT_APPLICABLE)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));

      if (*stripped == '\0')
        {
          g_set_error (error, WM_CHECKLIST_ERROR, WM_CHECKLIST_ERROR_REASON_REQUIRED,
                       _("Say why “%s” does not apply"), wm_checklist_item_get_title (self));
          return FALSE;
        }
    }
  else
    reason = NULL;

  entry = current (self);
  entry->status = status;
  set_text (&entry->reason, reason);
  store (self, entry);
  return TRUE;
}

const char *
wm_checklist_item_get_owner (WmChecklistItem *self)
{
  const WmChecklistEntry *entry;

  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NULL);
  entry = lookup (self);
  return entry != NULL && entry->owner != NULL ? entry->owner
                                               : wm_roadmap_entry_get_default_owner (self->entry);
}

void
wm_checklist_item_set_owner (WmChecklistItem *self,
                             const char      *owner)
{
  g_autoptr (WmChecklistEntry) entry = NULL;

  g_return_if_fail (WM_IS_CHECKLIST_ITEM (self));

  /* The default is not stored, so a later catalogue with another default still applies. */
  if (g_strcmp0 (owner, wm_roadmap_entry_get_default_owner (self->entry)) == 0)
    owner = NULL;
  entry = current (self);
  set_text (&entry->owner, owner);
  store (self, entry);
}

const char *
wm_checklist_item_get_owner_label (WmChecklistItem *self)
{
  const char *owner, *name;

  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NULL);
  owner = wm_checklist_item_get_owner (self);
  name = wm_roadmap_catalogue_get_owner_name (self->catalogue, owner);
  return name != NULL ? name : owner;
}

const char *
wm_checklist_item_get_note (WmChecklistItem *self)
{
  const WmChecklistEntry *entry;

  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), NULL);
  entry = lookup (self);
  return entry != NULL ? entry->note : NULL;
}

void
wm_checklist_item_set_note (WmChecklistItem *self,
                            const char      *note)
{
  g_autoptr (WmChecklistEntry) entry = NULL;

  g_return_if_fail (WM_IS_CHECKLIST_ITEM (self));
  entry = current (self);
  set_text (&entry->note, note);
  store (self, entry);
}

int
wm_checklist_item_get_target_year (WmChecklistItem *self)
{
  const WmChecklistEntry *entry;

  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), 0);
  entry = lookup (self);
  return entry != NULL ? entry->target_year : 0;
}

void
wm_checklist_item_set_target_year (WmChecklistItem *self,
                                   int              year)
{
  g_autoptr (WmChecklistEntry) entry = NULL;

  g_return_if_fail (WM_IS_CHECKLIST_ITEM (self));
  g_return_if_fail (year >= 0 && year <= 9999);
  entry = current (self);
  entry->target_year = year;
  store (self, entry);
}

gboolean
wm_checklist_item_matches (WmChecklistItem *self,
                           const char      *owner,
                           int              status)
{
  g_return_val_if_fail (WM_IS_CHECKLIST_ITEM (self), FALSE);

  if (owner != NULL && g_strcmp0 (owner, wm_checklist_item_get_owner (self)) != 0)
    return FALSE;
  return status < 0 || (WmChecklistStatus) status == wm_checklist_item_get_status (self);
}
