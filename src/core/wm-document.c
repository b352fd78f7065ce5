/* wm-document.c: one open project: its plan, file, history, indicators, checklist, autosave */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-document.h"
#include "wm-project-file.h"

struct _WmDocument
{
  GObject parent_instance;

  WmPlan *plan;
  GFile *file;                 /* NULL: untitled */
  WmProjectFile *project_file; /* NULL exactly when file is */
  WmHistory *history;
  WmIndicatorEngine *engine;
  WmChecklist *checklist;
  GError *catalogue_error;
  WmAutosave *autosave;
  gulong active_scenario_id;
  gboolean restored;           /* restored from a recovery copy and not saved since */
  gboolean modified;           /* last notified */
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (WmDocument, wm_document, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PLAN,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a save needs from the main thread, and what the worker hands back. */
typedef struct
{
  WmProjectSnapshot *snapshot;
  WmProjectFile *target;
  GFile *file;
  guint64 state;     /* the history's state when the snapshot was taken */
  gboolean save_as;  /* @target is a new handle the document switches to */
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_pointer (&job->snapshot, wm_project_snapshot_unref);
  g_clear_object (&job->target);
  g_clear_object (&job->file);
  g_free (job);
}

/* What a load hands from the worker to the main thread. */
typedef struct
{
  WmPlan *plan;
  WmProjectFile *project_file;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_object (&result->plan);
  g_clear_object (&result->project_file);
  g_free (result);
}

static void
update_modified (WmDocument *self)
{
  gboolean modified = self->restored || wm_history_get_modified (self->history);

  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
set_busy (WmDocument *self,
          gboolean    busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_active_scenario (WmDocument *self)
{
  wm_indicator_engine_set_scenario (self->engine, wm_plan_get_active_scenario (self->plan));
}

static WmDocument *
document_new (WmPlan        *plan,
              GFile         *file,
              WmProjectFile *project_file)
{
  WmDocument *self = g_object_new (WM_TYPE_DOCUMENT, "plan", plan, "file", file, NULL);
  g_autofree char *path = NULL;

  /* A loaded file's handle knows what the file holds, so the next save writes only changes. */
  if (project_file != NULL)
    self->project_file = g_object_ref (project_file);
  else if (file != NULL && (path = g_file_get_path (file)) != NULL)
    self->project_file = wm_project_file_new (path);
  return self;
}

WmDocument *
wm_document_new (WmPlan *plan,
                 GFile  *file)
{
  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  return document_new (plan, file, NULL);
}

/* Loading */

static LoadResult *
load_file (GFile   *file,
           GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr (WmProjectFile) project_file = NULL;
  LoadResult *result;
  WmPlan *plan;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_NOT_FOUND,
                   _("“%s” is not a local file; only local files can be opened"), uri);
      return NULL;
    }
  project_file = wm_project_file_new (path);
  plan = wm_project_file_read (project_file, error);
  if (plan == NULL)
    return NULL;
  /* The baseline every snapshot shares catches up with the base map on first use; let that
   * happen here, while the new plan is still this thread's alone, and not in the first save
   * or autosave on the main thread. */
  wm_plan_get_baseline (plan);

  result = g_new0 (LoadResult, 1);
  result->plan = plan;
  result->project_file = g_steal_pointer (&project_file);
  return result;
}

static void
load_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  LoadResult *result = load_file (task_data, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

void
wm_document_load_async (GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wm_document_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

WmDocument *
wm_document_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  LoadResult *loaded;
  WmDocument *self;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wm_document_load_async, NULL);

  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return NULL;

  /* The plan was built in the worker and is handed over whole: from here on it is the main
   * thread's, and the history, engine and checklist are made here. */
  self = document_new (loaded->plan, g_task_get_task_data (G_TASK (result)),
                       loaded->project_file);
  load_result_free (loaded);
  return self;
}

WmDocument *
wm_document_load (GFile   *file,
                  GError **error)
{
  LoadResult *loaded;
  WmDocument *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  loaded = load_file (file, error);
  if (loaded == NULL)
    return NULL;
  self = document_new (loaded->plan, file, loaded->project_file);
  load_result_free (loaded);
  return self;
}

/* Saving */

/* Takes the snapshot and picks the file handle: main thread, before any disk work. */
static SaveJob *
save_job_new (WmDocument  *self,
              GFile       *file,
              GError     **error)
{
  g_autofree char *path = NULL;
  SaveJob *job;

  if (self->busy)
    {
      g_autofree char *name = self->file != NULL ? g_file_get_parse_name (self->file) : NULL;

      if (name != NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                     _("“%s” is still being saved; try again when that is done"), name);
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                             _("The plan is still being saved; try again when that is done"));
      return NULL;
    }
  if (file == NULL && self->file == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The plan has no file yet: choose where to save it"));
      return NULL;
    }
  if (file != NULL && (path = g_file_get_path (file)) == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE,
                   _("“%s” is not a local file; only local files can be saved"), uri);
      return NULL;
    }

  job = g_new0 (SaveJob, 1);
  if (file == NULL || (self->file != NULL && g_file_equal (file, self->file)))
    {
      job->target = g_object_ref (self->project_file);
      job->file = g_object_ref (self->file);
    }
  else
    {
      job->target = wm_project_file_new_save_as (self->project_file, path);
      job->file = g_object_ref (file);
      job->save_as = TRUE;
    }
  job->snapshot = wm_project_snapshot_new (self->plan);
  job->state = wm_history_get_state (self->history);
  return job;
}

/* Worker (or the CLI's own thread): the only part that touches the disk. */
static gboolean
save_job_run (SaveJob  *job,
              GError  **error)
{
  g_autoptr (GError) local_error = NULL;
  const char *path = wm_project_file_get_path (job->target);

  if (wm_project_file_write (job->target, job->snapshot, &local_error))
    return TRUE;

  /* The user has to know which file it was: name it when the message does not. */
  if (strstr (local_error->message, path) == NULL)
    g_prefix_error (&local_error, _("Could not save “%s”: "), path);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Main thread, after the write: what the document now is. */
static void
save_job_done (WmDocument *self,
               SaveJob    *job,
               gboolean    success)
{
  set_busy (self, FALSE);
  if (!success)
    return;

  if (job->save_as)
    {
      g_set_object (&self->project_file, job->target);
      if (g_set_object (&self->file, job->file))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
  self->restored = FALSE;
  /* Edits made while the write ran are not in the file. */
  wm_history_mark_saved_at (self->history, job->state);
  update_modified (self);

  if (self->autosave != NULL)
    {
      g_autofree char *path = g_file_get_path (self->file);

      /* The demo becomes an ordinary project once it is saved somewhere. */
      wm_autosave_set_original_path (self->autosave, path);
      wm_autosave_set_is_demo (self->autosave, FALSE);
      /* The work is safe in the project; unless it changed meanwhile, the copy can go. */
      if (!self->modified)
        wm_autosave_discard (self->autosave);
    }
}

static void
save_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (save_job_run (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  WmDocument *self = WM_DOCUMENT (source);
  g_autoptr (GTask) outer = user_data;
  GError *error = NULL;
  gboolean success = g_task_propagate_boolean (G_TASK (result), &error);

  save_job_done (self, g_task_get_task_data (G_TASK (result)), success);
  if (success)
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

void
wm_document_save_async (WmDocument          *self,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr (GTask) outer = NULL;
  g_autoptr (GTask) inner = NULL;
  GError *error = NULL;
  SaveJob *job;

  g_return_if_fail (WM_IS_DOCUMENT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, wm_document_save_async);
  job = save_job_new (self, file, &error);
  if (job == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }

  set_busy (self, TRUE);
  /* The inner task updates the document before the caller hears of the result. */
  inner = g_task_new (self, cancellable, on_saved, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, save_in_thread);
  g_task_set_task_data (inner, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (inner, save_in_thread);
}

gboolean
wm_document_save_finish (WmDocument    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
wm_document_save (WmDocument  *self,
                  GFile       *file,
                  GError     **error)
{
  SaveJob *job;
  gboolean success;

  g_return_val_if_fail (WM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job = save_job_new (self, file, error);
  if (job == NULL)
    return FALSE;
  success = save_job_run (job, error);
  save_job_done (self, job, success);
  save_job_free (job);
  return success;
}

/* Members */

WmPlan *
wm_document_get_plan (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);
  return self->plan;
}

GFile *
wm_document_get_file (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);
  return self->file;
}

WmHistory *
wm_document_get_history (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);
  return self->history;
}

WmIndicatorEngine *
wm_document_get_engine (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);
  return self->engine;
}

WmChecklist *
wm_document_get_checklist (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);
  return self->checklist;
}

const GError *
wm_document_get_catalogue_error (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);
  return self->catalogue_error;
}

WmAutosave *
wm_document_get_autosave (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), NULL);
  return self->autosave;
}

void
wm_document_enable_autosave (WmDocument *self,
                             const char *recovery_dir)
{
  g_autofree char *path = NULL;

  g_return_if_fail (WM_IS_DOCUMENT (self));

  if (self->autosave != NULL)
    return;
  self->autosave = wm_autosave_new (self->plan, recovery_dir);
  wm_autosave_set_is_demo (self->autosave,
                           self->file == NULL && wm_plan_get_illustrative (self->plan));
  if (self->file != NULL && (path = g_file_get_path (self->file)) != NULL)
    wm_autosave_set_original_path (self->autosave, path);
}

gboolean
wm_document_get_modified (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), FALSE);
  return self->modified;
}

void
wm_document_mark_restored (WmDocument *self)
{
  g_return_if_fail (WM_IS_DOCUMENT (self));

  self->restored = TRUE;
  update_modified (self);
}

gboolean
wm_document_get_busy (WmDocument *self)
{
  g_return_val_if_fail (WM_IS_DOCUMENT (self), FALSE);
  return self->busy;
}

/* GObject */

static void
wm_document_constructed (GObject *object)
{
  WmDocument *self = WM_DOCUMENT (object);
  g_autoptr (WmRoadmapCatalogue) catalogue = NULL;

  G_OBJECT_CLASS (wm_document_parent_class)->constructed (object);

  g_assert (self->plan != NULL);

  self->history = wm_history_new (self->plan);
  g_signal_connect_object (self->history, "notify::modified", G_CALLBACK (update_modified), self,
                           G_CONNECT_SWAPPED);
  /* One engine serves every panel; it follows the active scenario by deltas. */
  self->engine = wm_indicator_engine_new (self->plan, NULL);
  self->active_scenario_id = g_signal_connect_swapped (self->plan, "notify::active-scenario",
                                                       G_CALLBACK (on_active_scenario), self);
  /* A catalogue the project carries but that no longer loads is reported by the caller; the
   * built-in one is used meanwhile. */
  catalogue = wm_checklist_get_plan_catalogue (self->plan, &self->catalogue_error);
  if (catalogue == NULL)
    catalogue = g_object_ref (wm_roadmap_catalogue_get_default ());
  self->checklist = wm_checklist_new (self->engine, catalogue);
  update_modified (self);
}

static void
wm_document_dispose (GObject *object)
{
  WmDocument *self = WM_DOCUMENT (object);

  /* Users of the members are gone or hold their own references: the checklist follows the
   * engine, the engine and autosave the plan, so they go first and the plan last. */
  g_clear_signal_handler (&self->active_scenario_id, self->plan);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->checklist);
  g_clear_object (&self->engine);
  g_clear_object (&self->autosave);
  g_clear_object (&self->history);
  g_clear_object (&self->project_file);
  g_clear_object (&self->file);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (wm_document_parent_class)->dispose (object);
}

static void
wm_document_finalize (GObject *object)
{
  WmDocument *self = WM_DOCUMENT (object);

  g_clear_error (&self->catalogue_error);

  G_OBJECT_CLASS (wm_document_parent_class)->finalize (object);
}

static void
wm_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WmDocument *self = WM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WmDocument *self = WM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      self->plan = g_value_dup_object (value);
      break;
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_document_class_init (WmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = wm_document_constructed;
  object_class->dispose = wm_document_dispose;
  object_class->finalize = wm_document_finalize;
  object_class->get_property = wm_document_get_property;
  object_class->set_property = wm_document_set_property;

  properties[PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, WM_TYPE_PLAN, construct);
  /* Writable at construction only; Save As changes it and notifies. */
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                                               construct | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_document_init (WmDocument *self)
{
}
