/* wm-history.c: undoable edits of a plan */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-history.h"
#include "wm-checklist-state.h"
#include "wm-targets.h"
#include "wm-string-private.h"
#include "wm-plan-check.h"
#include "wm-proposal-factory.h"

/* ---------------------------------------------------------------------------------------------
 * Commands
 */

typedef enum
{
  COMMAND_ADD_PROPOSAL,
  COMMAND_REMOVE_PROPOSAL,
  COMMAND_EDIT_PROPOSAL,
  COMMAND_ADD_SCENARIO,
  COMMAND_REMOVE_SCENARIO,
  COMMAND_RENAME_SCENARIO,
  COMMAND_SET_ACTIVE,
  COMMAND_SET_PLAN_NAME,
  COMMAND_SET_PLAN_DESCRIPTION,
  COMMAND_SET_TARGET,
  COMMAND_CHECKLIST_ENTRY,
  COMMAND_REPLACE_BASELINE,
  COMMAND_GROUP,
} CommandType;

/* Every editable field of a proposal. */
typedef struct
{
  WmGeometry *geometry;
  GStrv building_ids;
  WmDwellingMix delta;
  WmFacilityType facility_type;
  char *facility_id;
  char *name;
  int year;
  int start_year;
  char *note;
  WmDwellingType dwelling_type;
  double return_share;
} Fields;

typedef struct
{
  CommandType type;
  char *label;
  WmScenario *scenario;
  WmProposal *proposal;
  guint position;
  Fields before, after;
  WmScenario *old_active;
  WmScenario *new_active;
  char *old_text;
  char *new_text;
  WmTargets *targets_before, *targets_after;
  /* Checklist entries: scenario id in old_text, item id in new_text. */
  WmChecklistEntry *entry_before, *entry_after;
  WmPlanBaseline *baseline_before, *baseline_after;
  gint64 time;
  /* Names the state this step leads to (wm_history_get_state()); 0 while in an open group. */
  guint64 serial;
  GPtrArray *children; /* of Command */
} Command;

static void
fields_clear (Fields *fields)
{
  g_clear_pointer (&fields->geometry, wm_geometry_unref);
  g_clear_pointer (&fields->building_ids, g_strfreev);
  g_clear_pointer (&fields->facility_id, g_free);
  g_clear_pointer (&fields->name, g_free);
  g_clear_pointer (&fields->note, g_free);
}

static void
fields_read (Fields     *fields,
             WmProposal *proposal)
{
  WmGeometry *geometry = wm_proposal_get_geometry (proposal);

  fields->geometry = geometry != NULL ? wm_geometry_ref (geometry) : NULL;
  fields->building_ids = g_strdupv ((char **) wm_proposal_get_building_ids (proposal));
  fields->delta = *wm_proposal_get_dwelling_delta (proposal);
  fields->facility_type = wm_proposal_get_facility_type (proposal);
  fields->facility_id = g_strdup (wm_proposal_get_facility_id (proposal));
  fields->name = g_strdup (wm_proposal_get_name (proposal));
  fields->year = wm_proposal_get_year (proposal);
  fields->start_year = wm_proposal_get_start_year (proposal);
  fields->note = g_strdup (wm_proposal_get_note (proposal));
  fields->dwelling_type = wm_proposal_get_dwelling_type (proposal);
  fields->return_share = wm_proposal_get_return_share (proposal);
}

static void
fields_write (const Fields *fields,
              WmProposal   *proposal)
{
  /* Freeze so that listeners see one notification burst with a consistent proposal. */
  g_object_freeze_notify (G_OBJECT (proposal));
  wm_proposal_set_geometry (proposal, fields->geometry);
  wm_proposal_set_building_ids (proposal, (const char *const *) fields->building_ids);
  wm_proposal_set_dwelling_delta (proposal, &fields->delta);
  wm_proposal_set_facility_type (proposal, fields->facility_type);
  wm_proposal_set_facility_id (proposal, fields->facility_id);
  wm_proposal_set_name (proposal, fields->name);
  wm_proposal_set_year (proposal, fields->year);
  wm_proposal_set_start_year (proposal, fields->start_year);
  wm_proposal_set_note (proposal, fields->note);
  wm_proposal_set_dwelling_type (proposal, fields->dwelling_type);
  wm_proposal_set_return_share (proposal, fields->return_share);
  g_object_thaw_notify (G_OBJECT (proposal));
}

static void
command_free (gpointer data)
{
  Command *command = data;

  g_free (command->label);
  g_clear_object (&command->scenario);
  g_clear_object (&command->proposal);
  fields_clear (&command->before);
  fields_clear (&command->after);
  g_clear_object (&command->old_active);
  g_clear_object (&command->new_active);
  g_free (command->old_text);
  g_free (command->new_text);
  g_clear_pointer (&command->entry_before, wm_checklist_entry_free);
  g_clear_pointer (&command->entry_after, wm_checklist_entry_free);
  g_clear_object (&command->targets_before);
  g_clear_object (&command->targets_after);
  g_clear_pointer (&command->baseline_before, wm_plan_baseline_unref);
  g_clear_pointer (&command->baseline_after, wm_plan_baseline_unref);
  g_clear_pointer (&command->children, g_ptr_array_unref);
  g_free (command);
}

static Command *
command_new (CommandType  type,
             char        *label)
{
  Command *command = g_new0 (Command, 1);

  command->type = type;
  command->label = label;

  return command;
}

/* Inserts @scenario at @position: the plan only appends, so the ones after it are moved
 * to the end behind it, in order. */
static void
plan_insert_scenario (WmPlan     *plan,
                      WmScenario *scenario,
                      guint       position)
{
  GListModel *model = wm_plan_get_scenarios (plan);
  guint n = g_list_model_get_n_items (model);

  wm_plan_add_scenario (plan, scenario);
  for (guint i = position; i < n; i++)
    {
      g_autoptr(WmScenario) tail = g_list_model_get_item (model, position);

      wm_plan_remove_scenario (plan, tail);
      wm_plan_add_scenario (plan, tail);
    }
}

static void
command_apply (Command  *command,
               WmPlan   *plan,
               gboolean  undo)
{
  switch (command->type)
    {
    case COMMAND_ADD_PROPOSAL:
    case COMMAND_REMOVE_PROPOSAL:
      if (undo == (command->type == COMMAND_REMOVE_PROPOSAL))
        wm_scenario_insert_proposal (command->scenario, command->position, command->proposal);
      else
        wm_scenario_remove_proposal (command->scenario, command->proposal);
      break;

    case COMMAND_EDIT_PROPOSAL:
      fields_write (undo ? &command->before : &command->after, command->proposal);
      break;

    case COMMAND_ADD_SCENARIO:
    case COMMAND_REMOVE_SCENARIO:
      if (undo == (command->type == COMMAND_REMOVE_SCENARIO))
        {
          plan_insert_scenario (plan, command->scenario, command->position);
          wm_plan_set_active_scenario (plan, undo ? command->old_active : command->new_active);
        }
      else
        {
          /* Activate first, so that the removal never has to pick a neighbour. */
          wm_plan_set_active_scenario (plan, undo ? command->old_active : command->new_active);
          wm_plan_remove_scenario (plan, command->scenario);
        }
      break;

    case COMMAND_RENAME_SCENARIO:
      wm_scenario_set_name (command->scenario, undo ? command->old_text : command->new_text);
      break;

    case COMMAND_SET_ACTIVE:
      wm_plan_set_active_scenario (plan, undo ? command->old_active : command->new_active);
      break;

    case COMMAND_SET_PLAN_NAME:
      wm_plan_set_name (plan, undo ? command->old_text : command->new_text);
      break;

    case COMMAND_SET_PLAN_DESCRIPTION:
      wm_plan_set_description (plan, undo ? command->old_text : command->new_text);
      break;

    case COMMAND_SET_TARGET:
      wm_targets_copy_from (wm_targets_get_for_plan (plan),
                            undo ? command->targets_before : command->targets_after);
      break;

    case COMMAND_CHECKLIST_ENTRY:
      wm_checklist_state_set (wm_checklist_state_get_for_plan (plan), command->old_text,
                              command->new_text,
                              undo ? command->entry_before : command->entry_after);
      break;

    case COMMAND_REPLACE_BASELINE:
      /* Attributions before and after in old_text and new_text. */
      wm_plan_set_baseline_full (plan, undo ? command->baseline_before : command->baseline_after,
                                 undo ? command->old_text : command->new_text);
      break;

    case COMMAND_GROUP:
      for (guint i = 0; i < command->children->len; i++)
        {
          guint k = undo ? command->children->len - 1 - i : i;

          command_apply (g_ptr_array_index (command->children, k), plan, undo);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* ---------------------------------------------------------------------------------------------
 * WmHistory
 */

struct _WmHistory
{
  GObject parent_instance;

  WmPlan *plan;
  GPtrArray *done;   /* of Command, oldest first */
  GPtrArray *undone; /* of Command, the next to redo last */
  Command *group;    /* open group, or NULL */
  guint group_depth;
  /* done->len at the last save; -1 when that state can no longer be reached. */
  gint64 saved_position;
  /* The serial the next recorded step gets. */
  guint64 next_serial;

  /* TRUE while the history itself changes the plan (checklist changes are not new edits). */
  gboolean replaying;

  /* Last notified values. */
  gboolean can_undo, can_redo, modified;
  char *undo_label;
  char *redo_label;
};

G_DEFINE_FINAL_TYPE (WmHistory, wm_history, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PLAN,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_state (WmHistory *self)
{
  GObject *object = G_OBJECT (self);
  gboolean can_undo = self->done->len > 0 && self->group_depth == 0;
  gboolean can_redo = self->undone->len > 0 && self->group_depth == 0;
  gboolean modified = (gint64) self->done->len != self->saved_position ||
                      (self->group != NULL && self->group->children->len > 0);
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;

  if (can_undo)
    {
      Command *command = g_ptr_array_index (self->done, self->done->len - 1);

      /* Translators: %s is an edit such as "Demolish 2 buildings". */
      undo_label = g_strdup_printf (_("Undo %s"), command->label);
    }
  if (can_redo)
    {
      Command *command = g_ptr_array_index (self->undone, self->undone->len - 1);

      /* Translators: %s is an edit such as "Demolish 2 buildings". */
      redo_label = g_strdup_printf (_("Redo %s"), command->label);
    }

  g_object_freeze_notify (object);
  if (self->can_undo != can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (object, properties[PROP_CAN_UNDO]);
    }
  if (self->can_redo != can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (object, properties[PROP_CAN_REDO]);
    }
  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (object, properties[PROP_MODIFIED]);
    }
  if (wm_set_str (&self->undo_label, undo_label))
    g_object_notify_by_pspec (object, properties[PROP_UNDO_LABEL]);
  if (wm_set_str (&self->redo_label, redo_label))
    g_object_notify_by_pspec (object, properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (object);
}

/* Applies @command (taking it) and records it. */
static void
push (WmHistory *self,
      Command   *command)
{
  self->replaying = TRUE;
  command_apply (command, self->plan, FALSE);
  self->replaying = FALSE;

  /* The redo list describes a future that no longer happens. */
  if (self->saved_position > (gint64) self->done->len)
    self->saved_position = -1;
  g_ptr_array_set_size (self->undone, 0);

  if (self->group != NULL)
    g_ptr_array_add (self->group->children, command);
  else
    {
      command->serial = self->next_serial++;
      g_ptr_array_add (self->done, command);
    }

  update_state (self);
}

/* Checklist entries change through their items; the state tells the history afterwards. */
static void
record_checklist_entry (WmChecklistState       *state,
                        const char             *scenario_id,
                        const char             *item_id,
                        const WmChecklistEntry *before,
                        const WmChecklistEntry *after,
                        gpointer                user_data)
{
  WmHistory *self = WM_HISTORY (user_data);
  gint64 now = g_get_monotonic_time ();
  Command *last = NULL;
  Command *command;

  if (self->replaying)
    return;

  /* Typing a note is one step, not one per key: edits of the same item in quick
   * succession are folded into the last step. */
  if (self->group == NULL && self->done->len > 0 && self->undone->len == 0)
    last = g_ptr_array_index (self->done, self->done->len - 1);
  if (last != NULL && last->type == COMMAND_CHECKLIST_ENTRY
      && g_str_equal (last->old_text, scenario_id) && g_str_equal (last->new_text, item_id)
      && now - last->time < 2 * G_USEC_PER_SEC)
    {
      g_clear_pointer (&last->entry_after, wm_checklist_entry_free);
      last->entry_after = wm_checklist_entry_copy (after);
      last->time = now;
      /* The step now leads to another state than the one a running save may hold. */
      last->serial = self->next_serial++;
      if (self->saved_position == (gint64) self->done->len)
        self->saved_position = -1;
      update_state (self);
      return;
    }

  command = command_new (COMMAND_CHECKLIST_ENTRY, g_strdup (_("Edit a checklist item")));
  command->old_text = g_strdup (scenario_id);
  command->new_text = g_strdup (item_id);
  command->entry_before = wm_checklist_entry_copy (before);
  command->entry_after = wm_checklist_entry_copy (after);
  command->time = now;
  push (self, command);
}

static void
wm_history_dispose (GObject *object)
{
  WmHistory *self = WM_HISTORY (object);

  if (self->plan != NULL)
    {
      WmChecklistState *state = wm_checklist_state_get_for_plan (self->plan);

      if (wm_checklist_state_get_recorder_data (state) == self)
        wm_checklist_state_set_recorder (state, NULL, NULL);
    }

  g_clear_pointer (&self->group, command_free);
  g_clear_pointer (&self->done, g_ptr_array_unref);
  g_clear_pointer (&self->undone, g_ptr_array_unref);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (wm_history_parent_class)->dispose (object);
}

static void
wm_history_finalize (GObject *object)
{
  WmHistory *self = WM_HISTORY (object);

  g_free (self->undo_label);
  g_free (self->redo_label);

  G_OBJECT_CLASS (wm_history_parent_class)->finalize (object);
}

static void
wm_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WmHistory *self = WM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, self->undo_label);
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, self->redo_label);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WmHistory *self = WM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      self->plan = g_value_dup_object (value);
      /* The newest history of a plan records its checklist edits. */
      wm_checklist_state_set_recorder (wm_checklist_state_get_for_plan (self->plan),
                                       record_checklist_entry, self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_history_class_init (WmHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = wm_history_dispose;
  object_class->finalize = wm_history_finalize;
  object_class->get_property = wm_history_get_property;
  object_class->set_property = wm_history_set_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, WM_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_history_init (WmHistory *self)
{
  self->done = g_ptr_array_new_with_free_func (command_free);
  self->undone = g_ptr_array_new_with_free_func (command_free);
  self->saved_position = 0;
  self->next_serial = 1;
}

WmHistory *
wm_history_new (WmPlan *plan)
{
  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);

  return g_object_new (WM_TYPE_HISTORY, "plan", plan, NULL);
}

WmPlan *
wm_history_get_plan (WmHistory *self)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), NULL);

  return self->plan;
}

gboolean
wm_history_get_can_undo (WmHistory *self)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);

  return self->can_undo;
}

gboolean
wm_history_get_can_redo (WmHistory *self)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);

  return self->can_redo;
}

const char *
wm_history_get_undo_label (WmHistory *self)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), NULL);

  return self->undo_label;
}

const char *
wm_history_get_redo_label (WmHistory *self)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), NULL);

  return self->redo_label;
}

guint
wm_history_get_n_undo (WmHistory *self)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), 0);

  return self->done->len;
}

guint
wm_history_get_n_redo (WmHistory *self)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), 0);

  return self->undone->len;
}

gboolean
wm_history_undo (WmHistory *self)
{
  Command *command;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);

  if (self->done->len == 0 || self->group_depth > 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->done, self->done->len - 1);
  self->replaying = TRUE;
  command_apply (command, self->plan, TRUE);
  self->replaying = FALSE;
  g_ptr_array_add (self->undone, command);
  update_state (self);

  return TRUE;
}

gboolean
wm_history_redo (WmHistory *self)
{
  Command *command;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);

  if (self->undone->len == 0 || self->group_depth > 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->undone, self->undone->len - 1);
  self->replaying = TRUE;
  command_apply (command, self->plan, FALSE);
  self->replaying = FALSE;
  /* A redone checklist step is not a burst of typing to fold the next edit into. */
  command->time = 0;
  g_ptr_array_add (self->done, command);
  update_state (self);

  return TRUE;
}

gboolean
wm_history_get_modified (WmHistory *self)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);

  return self->modified;
}

void
wm_history_mark_saved (WmHistory *self)
{
  g_return_if_fail (WM_IS_HISTORY (self));

  self->saved_position = self->done->len;
  update_state (self);
}

guint64
wm_history_get_state (WmHistory *self)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), 0);

  /* Steps of an open group are not a state any later position can name. */
  if (self->group != NULL && self->group->children->len > 0)
    return G_MAXUINT64;
  if (self->done->len == 0)
    return 0;
  return ((Command *) g_ptr_array_index (self->done, self->done->len - 1))->serial;
}

void
wm_history_mark_saved_at (WmHistory *self,
                          guint64    state)
{
  g_return_if_fail (WM_IS_HISTORY (self));

  /* The state may be behind (edits since), ahead (undone since) or gone (undone, then
   * edited: it can no longer be reached). */
  self->saved_position = state == 0 ? 0 : -1;
  for (guint i = 0; state != 0 && i < self->done->len; i++)
    if (((Command *) g_ptr_array_index (self->done, i))->serial == state)
      self->saved_position = i + 1;
  for (guint i = 0; state != 0 && i < self->undone->len; i++)
    if (((Command *) g_ptr_array_index (self->undone, i))->serial == state)
      self->saved_position = self->done->len + (self->undone->len - i);
  update_state (self);
}

void
wm_history_begin_group (WmHistory  *self,
                        const char *label)
{
  g_return_if_fail (WM_IS_HISTORY (self));

  if (self->group_depth++ == 0)
    {
      self->group = command_new (COMMAND_GROUP, g_strdup (label ? label : ""));
      self->group->children = g_ptr_array_new_with_free_func (command_free);
    }
  update_state (self);
}

void
wm_history_end_group (WmHistory *self)
{
  Command *group;

  g_return_if_fail (WM_IS_HISTORY (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  group = g_steal_pointer (&self->group);
  if (group->children->len == 0)
    command_free (group);
  else
    {
      group->serial = self->next_serial++;
      g_ptr_array_add (self->done, group);
    }
  update_state (self);
}

/* Undoes and forgets the open group's steps after the first @keep: a failed compound edit. */
static void
rollback_group (WmHistory *self,
                guint      keep)
{
  GPtrArray *children = self->group->children;

  while (children->len > keep)
    {
      Command *command = g_ptr_array_index (children, children->len - 1);

      /* Replaying, so an undone checklist step is not recorded as a new one in the group. */
      self->replaying = TRUE;
      command_apply (command, self->plan, TRUE);
      self->replaying = FALSE;
      g_ptr_array_remove_index (children, children->len - 1);
    }
  update_state (self);
}

/* ---------------------------------------------------------------------------------------------
 * Proposal edits
 */

static gboolean
find_proposal (WmPlan      *plan,
               WmProposal  *proposal,
               WmScenario **out_scenario,
               guint       *out_position)
{
  GListModel *scenarios = wm_plan_get_scenarios (plan);
  guint n = g_list_model_get_n_items (scenarios);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmScenario) scenario = g_list_model_get_item (scenarios, i);
      GListModel *proposals = wm_scenario_get_proposals (scenario);
      guint m = g_list_model_get_n_items (proposals);

      for (guint j = 0; j < m; j++)
        {
          g_autoptr(WmProposal) item = g_list_model_get_item (proposals, j);

          if (item == proposal)
            {
              *out_scenario = scenario;
              *out_position = j;
              return TRUE;
            }
        }
    }

  return FALSE;
}

static const char *
proposal_title (WmProposal *proposal)
{
  const char *name = wm_proposal_get_name (proposal);

  if (name != NULL && *name != '\0')
    return name;

  return wm_proposal_kind_label (wm_proposal_get_kind (proposal));
}

gboolean
wm_history_add_proposal (WmHistory   *self,
                         WmScenario  *scenario,
                         WmProposal  *proposal,
                         int          position,
                         GError     **error)
{
  Command *command;
  guint n;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (scenario == NULL)
    scenario = wm_plan_get_active_scenario (self->plan);
  n = g_list_model_get_n_items (wm_scenario_get_proposals (scenario));
  if (position < 0 || (guint) position > n)
    position = n;

  if (!wm_plan_check_change (self->plan, scenario, NULL, proposal, position, error) ||
      !wm_proposal_factory_validate (self->plan, scenario, position, proposal, error))
    return FALSE;

  command = command_new (COMMAND_ADD_PROPOSAL,
                         wm_proposal_factory_describe (self->plan, proposal));
  command->scenario = g_object_ref (scenario);
  command->proposal = g_object_ref (proposal);
  command->position = position;
  push (self, command);

  return TRUE;
}

gboolean
wm_history_add_proposals (WmHistory   *self,
                          WmScenario  *scenario,
                          GPtrArray   *proposals,
                          const char  *label,
                          guint       *out_index,
                          GError     **error)
{
  guint keep, added;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (proposals != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_index != NULL)
    *out_index = G_MAXUINT;
  if (scenario == NULL)
    scenario = wm_plan_get_active_scenario (self->plan);
  /* Together first, so the message is about the proposal that does not fit, not about the
   * first one whose figures it spoils. */
  if (!wm_plan_check_append (self->plan, scenario, proposals, out_index, error))
    return FALSE;

  wm_history_begin_group (self, label);
  keep = self->group->children->len;
  for (added = 0; added < proposals->len; added++)
    if (!wm_history_add_proposal (self, scenario, g_ptr_array_index (proposals, added), -1,
                                  error))
      break;
  if (added < proposals->len)
    {
      rollback_group (self, keep);
      if (out_index != NULL)
        *out_index = added;
    }
  wm_history_end_group (self);
  return added == proposals->len;
}

gboolean
wm_history_remove_proposal (WmHistory  *self,
                            WmProposal *proposal)
{
  return wm_history_remove_proposal_full (self, proposal, NULL);
}

gboolean
wm_history_remove_proposal_full (WmHistory   *self,
                                 WmProposal  *proposal,
                                 GError     **error)
{
  WmScenario *scenario;
  Command *command;
  guint position;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!find_proposal (self->plan, proposal, &scenario, &position))
    {
      g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                           _("The proposal is not part of the plan"));
      return FALSE;
    }
  /* A later proposal may stand on this one (a sale of the dwellings a split makes). */
  if (!wm_plan_check_change (self->plan, scenario, proposal, NULL, position, error))
    return FALSE;

  /* Translators: %s is the name of a proposal. */
  command = command_new (COMMAND_REMOVE_PROPOSAL,
                         g_strdup_printf (_("Delete “%s”"), proposal_title (proposal)));
  command->scenario = g_object_ref (scenario);
  command->proposal = g_object_ref (proposal);
  command->position = position;
  push (self, command);

  return TRUE;
}

static gboolean
fields_equal (const Fields *a,
              const Fields *b)
{
  gboolean geometry_equal = a->geometry == NULL || b->geometry == NULL
                              ? a->geometry == b->geometry
                              : wm_geometry_equal (a->geometry, b->geometry);

  return geometry_equal &&
         g_strv_equal ((const char *const *) a->building_ids,
                       (const char *const *) b->building_ids) &&
         wm_dwelling_mix_equal (&a->delta, &b->delta) &&
         a->facility_type == b->facility_type &&
         g_strcmp0 (a->facility_id, b->facility_id) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         a->year == b->year &&
         a->start_year == b->start_year &&
         g_strcmp0 (a->note, b->note) == 0 &&
         a->dwelling_type == b->dwelling_type &&
         a->return_share == b->return_share;
}

/* Validates @values in @proposal's place and records the edit; takes @values. */
static gboolean
edit (WmHistory   *self,
      WmProposal  *proposal,
      WmProposal  *values,
      const char  *label,
      GError     **error)
{
  WmScenario *scenario;
  Command *command;
  guint position;

  if (!find_proposal (self->plan, proposal, &scenario, &position))
    {
      g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                           _("The proposal is not part of the plan"));
      return FALSE;
    }

  if (wm_proposal_get_kind (values) != wm_proposal_get_kind (proposal))
    {
      g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                           _("A proposal cannot change its kind"));
      return FALSE;
    }

  if (!wm_plan_check_change (self->plan, scenario, proposal, values, position, error) ||
      !wm_proposal_factory_validate (self->plan, scenario, position, values, error))
    return FALSE;

  command = command_new (COMMAND_EDIT_PROPOSAL,
                         label != NULL
                           ? g_strdup (label)
                           /* Translators: %s is the name of a proposal. */
                           : g_strdup_printf (_("Edit “%s”"), proposal_title (proposal)));
  command->proposal = g_object_ref (proposal);
  fields_read (&command->before, proposal);
  fields_read (&command->after, values);

  /* Nothing changes: no step to undo. */
  if (fields_equal (&command->before, &command->after))
    {
      command_free (command);
      return TRUE;
    }

  push (self, command);
  return TRUE;
}

gboolean
wm_history_edit_proposal (WmHistory   *self,
                          WmProposal  *proposal,
                          WmProposal  *values,
                          const char  *label,
                          GError     **error)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (values), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return edit (self, proposal, values, label, error);
}

gboolean
wm_history_set_proposal_name (WmHistory   *self,
                              WmProposal  *proposal,
                              const char  *name,
                              GError     **error)
{
  g_autoptr(WmProposal) values = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);

  values = wm_proposal_factory_copy (proposal);
  wm_proposal_set_name (values, name);
  /* Translators: %s is the old name of a proposal. */
  label = g_strdup_printf (_("Rename “%s”"), proposal_title (proposal));
  return edit (self, proposal, values, label, error);
}

gboolean
wm_history_set_proposal_note (WmHistory   *self,
                              WmProposal  *proposal,
                              const char  *note,
                              GError     **error)
{
  g_autoptr(WmProposal) values = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);

  values = wm_proposal_factory_copy (proposal);
  wm_proposal_set_note (values, note);
  /* Translators: %s is the name of a proposal. */
  label = g_strdup_printf (_("Change the note of “%s”"), proposal_title (proposal));
  return edit (self, proposal, values, label, error);
}

gboolean
wm_history_set_proposal_year (WmHistory   *self,
                              WmProposal  *proposal,
                              int          year,
                              GError     **error)
{
  g_autoptr(WmProposal) values = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);

  values = wm_proposal_factory_copy (proposal);
  wm_proposal_set_year (values, year);
  /* Translators: %s is the name of a proposal. */
  label = g_strdup_printf (_("Change the year of “%s”"), proposal_title (proposal));
  return edit (self, proposal, values, label, error);
}

gboolean
wm_history_set_proposal_years (WmHistory   *self,
                               WmProposal  *proposal,
                               int          start_year,
                               int          year,
                               GError     **error)
{
  g_autoptr(WmProposal) values = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);

  values = wm_proposal_factory_copy (proposal);
  wm_proposal_set_start_year (values, start_year);
  wm_proposal_set_year (values, year);
  /* Translators: %s is the name of a proposal. */
  label = g_strdup_printf (_("Change the years of “%s”"), proposal_title (proposal));
  return edit (self, proposal, values, label, error);
}

gboolean
wm_history_set_proposal_dwelling_type (WmHistory       *self,
                                       WmProposal      *proposal,
                                       WmDwellingType   type,
                                       GError         **error)
{
  g_autoptr(WmProposal) values = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);
  g_return_val_if_fail ((guint) type < WM_N_DWELLING_TYPES, FALSE);

  values = wm_proposal_factory_copy (proposal);
  wm_proposal_set_dwelling_type (values, type);
  /* Translators: %s is the name of a proposal. */
  label = g_strdup_printf (_("Change the dwelling type of “%s”"), proposal_title (proposal));
  return edit (self, proposal, values, label, error);
}

gboolean
wm_history_set_proposal_return_share (WmHistory   *self,
                                      WmProposal  *proposal,
                                      double       share,
                                      GError     **error)
{
  g_autoptr(WmProposal) values = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);
  g_return_val_if_fail (share >= 0.0 && share <= 1.0, FALSE);

  values = wm_proposal_factory_copy (proposal);
  wm_proposal_set_return_share (values, share);
  /* Translators: %s is the name of a proposal. */
  label = g_strdup_printf (_("Change the return share of “%s”"), proposal_title (proposal));
  return edit (self, proposal, values, label, error);
}

gboolean
wm_history_set_proposal_delta (WmHistory            *self,
                               WmProposal           *proposal,
                               const WmDwellingMix  *delta,
                               GError              **error)
{
  g_autoptr(WmProposal) values = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);
  g_return_val_if_fail (delta != NULL, FALSE);

  values = wm_proposal_factory_copy (proposal);
  wm_proposal_set_dwelling_delta (values, delta);
  /* Translators: %s is the name of a proposal. */
  label = g_strdup_printf (_("Change the dwellings of “%s”"), proposal_title (proposal));
  return edit (self, proposal, values, label, error);
}

gboolean
wm_history_set_proposal_building_ids (WmHistory          *self,
                                      WmProposal         *proposal,
                                      const char *const  *building_ids,
                                      GError            **error)
{
  g_autoptr(WmProposal) values = NULL;
  g_autofree char *label = NULL;
  WmScenario *scenario;
  guint position;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);

  values = wm_proposal_factory_copy (proposal);
  wm_proposal_set_building_ids (values, building_ids);

  if (wm_proposal_get_kind (proposal) == WM_PROPOSAL_DEMOLISH &&
      find_proposal (self->plan, proposal, &scenario, &position))
    {
      WmDwellingMix delta = { { 0 } };

      /* Counted in the proposal's place, not after all proposals. */
      for (guint i = 0; building_ids != NULL && building_ids[i] != NULL; i++)
        {
          WmDwellingMix mix = wm_projected_building_dwellings (self->plan, scenario, position,
                                                               building_ids[i], NULL);

          for (guint s = 0; s < WM_N_SEGMENTS; s++)
            delta.counts[s] -= mix.counts[s];
        }
      wm_proposal_set_dwelling_delta (values, &delta);
    }

  /* Translators: %s is the name of a proposal. */
  label = g_strdup_printf (_("Change the buildings of “%s”"), proposal_title (proposal));
  return edit (self, proposal, values, label, error);
}

gboolean
wm_history_set_proposal_geometry (WmHistory   *self,
                                  WmProposal  *proposal,
                                  WmGeometry  *geometry,
                                  GError     **error)
{
  g_autoptr(WmProposal) values = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);

  values = wm_proposal_factory_copy (proposal);
  wm_proposal_set_geometry (values, geometry);
  /* Translators: %s is the name of a proposal. */
  label = g_strdup_printf (_("Reshape “%s”"), proposal_title (proposal));
  return edit (self, proposal, values, label, error);
}

gboolean
wm_history_move_proposal (WmHistory   *self,
                          WmProposal  *proposal,
                          double       dx,
                          double       dy,
                          GError     **error)
{
  g_autoptr(WmProposal) values = NULL;
  g_autoptr(WmGeometry) moved = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);

  if (wm_proposal_get_geometry (proposal) == NULL)
    {
      g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_GEOMETRY,
                           _("This proposal has no shape of its own to move"));
      return FALSE;
    }
  if (!isfinite (dx) || !isfinite (dy))
    {
      g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_GEOMETRY,
                           _("The proposal cannot be moved that far"));
      return FALSE;
    }

  moved = wm_proposal_factory_translate_geometry (wm_proposal_get_geometry (proposal), dx, dy);
  values = wm_proposal_factory_copy (proposal);
  wm_proposal_set_geometry (values, moved);
  /* Translators: %s is the name of a proposal. */
  label = g_strdup_printf (_("Move “%s”"), proposal_title (proposal));
  return edit (self, proposal, values, label, error);
}

gboolean
wm_history_move_facility (WmHistory   *self,
                          WmScenario  *scenario,
                          const char  *facility_id,
                          double       x,
                          double       y,
                          GError     **error)
{
  g_autoptr(WmProposal) removal = NULL;
  g_autoptr(WmProposal) addition = NULL;
  g_autofree char *label = NULL;
  WmFacility *facility;
  guint keep;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (scenario == NULL)
    scenario = wm_plan_get_active_scenario (self->plan);

  removal = wm_proposal_factory_remove_facility (self->plan, scenario, facility_id, 0, error);
  if (removal == NULL)
    return FALSE;
  facility = wm_plan_find_facility (self->plan, facility_id);

  label = g_strdup_printf (_("Move “%s”"), wm_facility_get_name (facility) != NULL
                                             ? wm_facility_get_name (facility)
                                             : wm_facility_type_label (
                                                 wm_facility_get_facility_type (facility)));
  wm_history_begin_group (self, label);
  keep = self->group->children->len;

  /* One after the other, so that the second gets an id of its own. */
  if (!wm_history_add_proposal (self, scenario, removal, -1, error))
    goto failed;
  addition = wm_proposal_factory_add_facility (self->plan, scenario,
                                               wm_facility_get_facility_type (facility), x, y,
                                               wm_facility_get_name (facility), 0, error);
  if (addition == NULL || !wm_history_add_proposal (self, scenario, addition, -1, error))
    goto failed;

  wm_history_end_group (self);
  return TRUE;

failed:
  rollback_group (self, keep);
  wm_history_end_group (self);
  return FALSE;
}

/* ---------------------------------------------------------------------------------------------
 * Scenario and plan edits
 */

void
wm_history_add_scenario (WmHistory  *self,
                         WmScenario *scenario,
                         gboolean    make_active)
{
  WmScenario *active;
  Command *command;

  g_return_if_fail (WM_IS_HISTORY (self));
  g_return_if_fail (WM_IS_SCENARIO (scenario));

  active = wm_plan_get_active_scenario (self->plan);
  /* Translators: %s is the name of a scenario. */
  command = command_new (COMMAND_ADD_SCENARIO, g_strdup_printf (_("Add scenario “%s”"),
                                                                wm_scenario_get_name (scenario)));
  command->scenario = g_object_ref (scenario);
  command->position = g_list_model_get_n_items (wm_plan_get_scenarios (self->plan));
  command->old_active = g_object_ref (active);
  command->new_active = g_object_ref (make_active ? scenario : active);
  push (self, command);
}

/* @proposal's fields under a new id: the id of a copy cannot be changed in place. */
static WmProposal *
copy_proposal_with_id (WmProposal *proposal, const char *id)
{
  g_autoptr(WmProposal) copy = wm_proposal_factory_copy (proposal);
  WmProposal *result = wm_proposal_new (id, wm_proposal_get_kind (copy));

  wm_proposal_set_geometry (result, wm_proposal_get_geometry (copy));
  wm_proposal_set_building_ids (result, wm_proposal_get_building_ids (copy));
  wm_proposal_set_dwelling_delta (result, wm_proposal_get_dwelling_delta (copy));
  wm_proposal_set_facility_type (result, wm_proposal_get_facility_type (copy));
  wm_proposal_set_facility_id (result, wm_proposal_get_facility_id (copy));
  wm_proposal_set_name (result, wm_proposal_get_name (copy));
  wm_proposal_set_year (result, wm_proposal_get_year (copy));
  wm_proposal_set_start_year (result, wm_proposal_get_start_year (copy));
  wm_proposal_set_note (result, wm_proposal_get_note (copy));
  wm_proposal_set_dwelling_type (result, wm_proposal_get_dwelling_type (copy));
  wm_proposal_set_return_share (result, wm_proposal_get_return_share (copy));
  return result;
}

typedef struct
{
  const char *scenario_id;
  GPtrArray *item_ids;   /* char* */
  GPtrArray *entries;    /* WmChecklistEntry* */
} EntryCopy;

static void
collect_entry (const char             *scenario_id,
               const char             *item_id,
               const WmChecklistEntry *entry,
               gpointer                user_data)
{
  EntryCopy *copy = user_data;

  if (!g_str_equal (scenario_id, copy->scenario_id))
    return;
  g_ptr_array_add (copy->item_ids, g_strdup (item_id));
  g_ptr_array_add (copy->entries, wm_checklist_entry_copy (entry));
}

WmScenario *
wm_history_duplicate_scenario (WmHistory   *self,
                               WmScenario  *source,
                               const char  *name,
                               gboolean     make_active,
                               GError     **error)
{
  WmChecklistState *state;
  GListModel *proposals;
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) item_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_checklist_entry_free);
  EntryCopy entry_copy = { NULL, item_ids, entries };
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;
  g_autoptr(WmScenario) scenario = NULL;
  guint n;

  g_return_val_if_fail (WM_IS_HISTORY (self), NULL);
  g_return_val_if_fail (WM_IS_SCENARIO (source), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  id = wm_plan_new_id (self->plan, "scenario");
  scenario = wm_scenario_new (id, name);

  /* The same proposals in the same order on the same baseline stay valid; each is still
   * checked before anything changes, so a refusal leaves the plan as it was. */
  proposals = wm_scenario_get_proposals (source);
  n = g_list_model_get_n_items (proposals);
  if (n > 0)
    {
      /* wm_plan_new_id() gives one above every id in the plan: the copies take that and the
       * numbers after it, none of which is used yet. */
      g_autofree char *first_id = wm_plan_new_id (self->plan, "proposal");
      guint64 first = g_ascii_strtoull (first_id + strlen ("proposal-"), NULL, 10);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, i);
          g_autofree char *new_id = g_strdup_printf ("proposal-%llu",
                                                     (unsigned long long) (first + i));

          g_ptr_array_add (copies, copy_proposal_with_id (proposal, new_id));
        }
    }
  /* The same proposals in the same order on the same baseline stay consistent, unless the
   * original already was not (a file from elsewhere): then nothing changes. */
  if (!wm_plan_check_append (self->plan, scenario, copies, NULL, error))
    return NULL;
  /* Each as wm_history_add_proposal() will check it, on a scratch scenario outside the plan,
   * so that a refusal is known before the history holds anything of the copy. */
  {
    g_autoptr(WmScenario) scratch = wm_scenario_new (id, name);

    for (guint i = 0; i < copies->len; i++)
      {
        if (!wm_proposal_factory_validate (self->plan, scratch, i,
                                           g_ptr_array_index (copies, i), error))
          return NULL;
        wm_scenario_add_proposal (scratch, g_ptr_array_index (copies, i));
      }
    for (guint i = copies->len; i > 0; i--)
      wm_scenario_remove_proposal (scratch, g_ptr_array_index (copies, i - 1));
  }

  state = wm_checklist_state_get_for_plan (self->plan);
  entry_copy.scenario_id = wm_scenario_get_id (source);
  wm_checklist_state_foreach (state, collect_entry, &entry_copy);

  /* Translators: an undo step; %s is the name of the scenario copied. */
  label = g_strdup_printf (_("Duplicate scenario “%s”"), wm_scenario_get_name (source));
  wm_history_begin_group (self, label);
  wm_history_add_scenario (self, scenario, make_active);
  if (copies->len > 0 &&
      !wm_history_add_proposals (self, scenario, copies, label, NULL, error))
    {
      /* Checked above, so not expected; should it happen, the copy leaves nothing behind. */
      wm_history_end_group (self);
      wm_history_undo (self);
      /* The step undone must not be redone either. */
      g_ptr_array_set_size (self->undone, 0);
      update_state (self);
      return NULL;
    }
  /* The state tells the history of each entry, inside this group. */
  for (guint i = 0; i < item_ids->len; i++)
    wm_checklist_state_set (state, id, g_ptr_array_index (item_ids, i),
                            g_ptr_array_index (entries, i));
  wm_history_end_group (self);
  return scenario; /* the plan holds it */
}

gboolean
wm_history_remove_scenario (WmHistory  *self,
                            WmScenario *scenario)
{
  GListModel *scenarios;
  WmScenario *active;
  Command *command;
  guint position;
  guint n;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (WM_IS_SCENARIO (scenario), FALSE);

  scenarios = wm_plan_get_scenarios (self->plan);
  n = g_list_model_get_n_items (scenarios);
  if (n <= 1 || !g_list_store_find (G_LIST_STORE (scenarios), scenario, &position))
    return FALSE;

  /* Translators: %s is the name of a scenario. */
  command = command_new (COMMAND_REMOVE_SCENARIO,
                         g_strdup_printf (_("Delete scenario “%s”"),
                                          wm_scenario_get_name (scenario)));
  active = wm_plan_get_active_scenario (self->plan);
  command->scenario = g_object_ref (scenario);
  command->position = position;
  command->old_active = g_object_ref (active);
  if (active == scenario)
    {
      /* The neighbour the plan itself would pick: the next one, or the previous at the end. */
      command->new_active = g_list_model_get_item (scenarios, position + 1 < n ? position + 1
                                                                               : position - 1);
    }
  else
    {
      command->new_active = g_object_ref (active);
    }
  push (self, command);

  return TRUE;
}

void
wm_history_rename_scenario (WmHistory  *self,
                            WmScenario *scenario,
                            const char *name)
{
  Command *command;

  g_return_if_fail (WM_IS_HISTORY (self));
  g_return_if_fail (WM_IS_SCENARIO (scenario));

  if (g_strcmp0 (wm_scenario_get_name (scenario), name) == 0)
    return;

  /* Translators: %s is the new name of a scenario. */
  command = command_new (COMMAND_RENAME_SCENARIO,
                         g_strdup_printf (_("Rename scenario to “%s”"), name ? name : ""));
  command->scenario = g_object_ref (scenario);
  command->old_text = g_strdup (wm_scenario_get_name (scenario));
  command->new_text = g_strdup (name);
  push (self, command);
}

void
wm_history_set_active_scenario (WmHistory  *self,
                                WmScenario *scenario)
{
  WmScenario *active;
  Command *command;

  g_return_if_fail (WM_IS_HISTORY (self));
  g_return_if_fail (WM_IS_SCENARIO (scenario));
  g_return_if_fail (g_list_store_find (G_LIST_STORE (wm_plan_get_scenarios (self->plan)),
                                       scenario, NULL));

  active = wm_plan_get_active_scenario (self->plan);
  if (active == scenario)
    return;

  /* Translators: %s is the name of a scenario. */
  command = command_new (COMMAND_SET_ACTIVE, g_strdup_printf (_("Switch to scenario “%s”"),
                                                              wm_scenario_get_name (scenario)));
  command->old_active = g_object_ref (active);
  command->new_active = g_object_ref (scenario);
  push (self, command);
}

static void
set_plan_text (WmHistory   *self,
               CommandType  type,
               const char  *old_text,
               const char  *new_text,
               const char  *label)
{
  Command *command;

  if (g_strcmp0 (old_text, new_text) == 0)
    return;

  command = command_new (type, g_strdup (label));
  command->old_text = g_strdup (old_text);
  command->new_text = g_strdup (new_text);
  push (self, command);
}

/* The ids of @items (WmBuilding or WmFacility), borrowed. */
static GHashTable *
id_set (GPtrArray *items, const char *(*get_id) (gpointer item))
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    g_hash_table_add (set, (gpointer) get_id (items->pdata[i]));
  return set;
}

/* FALSE with the message when a proposal names a building or facility the plan has and
 * @baseline has not. The sets are made only when a proposal names something. */
static gboolean
check_references (WmPlan *plan, WmPlanBaseline *baseline, GError **error)
{
  GListModel *scenarios = wm_plan_get_scenarios (plan);
  g_autoptr (GHashTable) buildings = NULL;
  g_autoptr (GHashTable) facilities = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr (WmScenario) scenario = g_list_model_get_item (scenarios, i);
      GListModel *proposals = wm_scenario_get_proposals (scenario);

      for (guint j = 0; j < g_list_model_get_n_items (proposals); j++)
        {
          g_autoptr (WmProposal) proposal = g_list_model_get_item (proposals, j);
          const char *const *ids = wm_proposal_get_building_ids (proposal);
          const char *facility = wm_proposal_get_facility_id (proposal);
          const char *name = wm_proposal_get_name (proposal) != NULL
                               ? wm_proposal_get_name (proposal)
                               : wm_proposal_get_id (proposal);

          for (guint k = 0; ids != NULL && ids[k] != NULL; k++)
            {
              if (wm_plan_find_building (plan, ids[k]) == NULL)
                continue;
              if (buildings == NULL)
                buildings = id_set (wm_plan_baseline_get_buildings (baseline),
                                    (gpointer) wm_building_get_id);
              if (!g_hash_table_contains (buildings, ids[k]))
                {
                  g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_UNKNOWN_BUILDING,
                               /* Translators: “%s” is a proposal, %s a building id. */
                               _("“%s” in scenario “%s” acts on building %s, which the new "
                                 "data does not have; remove the proposal first"),
                               name, wm_scenario_get_name (scenario), ids[k]);
                  return FALSE;
                }
            }
          if (facility != NULL && wm_proposal_get_kind (proposal) == WM_PROPOSAL_REMOVE_FACILITY &&
              wm_plan_find_facility (plan, facility) != NULL)
            {
              if (facilities == NULL)
                facilities = id_set (wm_plan_baseline_get_facilities (baseline),
                                     (gpointer) wm_facility_get_id);
              if (!g_hash_table_contains (facilities, facility))
                {
                  g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_UNKNOWN_FACILITY,
                               /* Translators: “%s” is a proposal, %s a facility id. */
                               _("“%s” in scenario “%s” removes facility %s, which the new "
                                 "data does not have; remove the proposal first"),
                               name, wm_scenario_get_name (scenario), facility);
                  return FALSE;
                }
            }
        }
    }
  return TRUE;
}

gboolean
wm_history_replace_baseline (WmHistory       *self,
                             const char      *label,
                             WmPlanBaseline  *baseline,
                             GError         **error)
{
  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);

  return wm_history_replace_baseline_full (self, label, baseline,
                                           wm_plan_get_attribution (self->plan), error);
}

gboolean
wm_history_replace_baseline_full (WmHistory       *self,
                                  const char      *label,
                                  WmPlanBaseline  *baseline,
                                  const char      *attribution,
                                  GError         **error)
{
  Command *command;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (baseline != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_references (self->plan, baseline, error))
    return FALSE;

  command = command_new (COMMAND_REPLACE_BASELINE, g_strdup (label));
  command->baseline_before = wm_plan_baseline_ref (wm_plan_get_baseline (self->plan));
  command->baseline_after = wm_plan_baseline_ref (baseline);
  command->old_text = g_strdup (wm_plan_get_attribution (self->plan));
  command->new_text = g_strdup (attribution);
  push (self, command);
  return TRUE;
}

void
wm_history_set_plan_name (WmHistory  *self,
                          const char *name)
{
  g_return_if_fail (WM_IS_HISTORY (self));

  set_plan_text (self, COMMAND_SET_PLAN_NAME, wm_plan_get_name (self->plan), name,
                 _("Rename plan"));
}

void
wm_history_set_plan_description (WmHistory  *self,
                                 const char *description)
{
  g_return_if_fail (WM_IS_HISTORY (self));

  set_plan_text (self, COMMAND_SET_PLAN_DESCRIPTION, wm_plan_get_description (self->plan),
                 description, _("Change plan description"));
}

/* One undoable step from the plan's targets to @after (taken). */
static void
push_targets (WmHistory *self, WmTargets *after, char *label)
{
  WmTargets *targets = wm_targets_get_for_plan (self->plan);
  Command *command;

  if (wm_targets_equal (targets, after))
    {
      g_object_unref (after);
      g_free (label);
      return;
    }
  command = command_new (COMMAND_SET_TARGET, label);
  command->targets_before = wm_targets_copy (targets);
  command->targets_after = after;
  push (self, command);
}

gboolean
wm_history_set_target_band (WmHistory  *self,
                            const char *key,
                            double      min,
                            double      max,
                            GError    **error)
{
  WmTargetBand band = { min, max };
  WmTargets *after;
  g_autofree char *label = NULL;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);

  if (!wm_targets_check_band (key, &band, error))
    return FALSE;
  after = wm_targets_copy (wm_targets_get_for_plan (self->plan));
  wm_targets_set_band (after, key, &band);
  label = wm_target_key_label (key);
  push_targets (self, after, g_strdup_printf (_("Change the target “%s”"), label));
  return TRUE;
}

void
wm_history_set_target_preset (WmHistory     *self,
                              WmTargetPreset preset)
{
  WmTargets *after;

  g_return_if_fail (WM_IS_HISTORY (self));
  g_return_if_fail ((guint) preset < WM_N_TARGET_PRESETS);

  after = wm_targets_copy (wm_targets_get_for_plan (self->plan));
  wm_targets_apply_preset (after, preset);
  push_targets (self, after, g_strdup_printf (_("Use the targets “%s”"),
                                              wm_target_preset_label (preset)));
}

gboolean
wm_history_set_target_close_margin (WmHistory *self,
                                    double     margin,
                                    GError   **error)
{
  WmTargets *after;

  g_return_val_if_fail (WM_IS_HISTORY (self), FALSE);

  if (!(margin >= 0.0 && margin <= 1.0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A margin is a share between 0 %% and 100 %%; %.1f %% is not"),
                   100.0 * margin);
      return FALSE;
    }
  after = wm_targets_copy (wm_targets_get_for_plan (self->plan));
  wm_targets_set_close_margin (after, margin);
  push_targets (self, after, g_strdup (_("Change the margin for “just below” and “just above”")));
  return TRUE;
}
