/* wm-autosave.c: recovery copies of a plan, written shortly after each edit */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wm-autosave.h"
#include "wm-project-file.h"

#define GROUP "Recovery"

/* ---------------------------------------------------------------------------------------------
 * Recovery entries
 */

WmRecoveryEntry *
wm_recovery_entry_copy (const WmRecoveryEntry *entry)
{
  WmRecoveryEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_new0 (WmRecoveryEntry, 1);
  copy->id = g_strdup (entry->id);
  copy->plan_path = g_strdup (entry->plan_path);
  copy->original_path = g_strdup (entry->original_path);
  copy->is_demo = entry->is_demo;
  copy->plan_name = g_strdup (entry->plan_name);
  copy->time = entry->time != NULL ? g_date_time_ref (entry->time) : NULL;
  copy->pid = entry->pid;

  return copy;
}

void
wm_recovery_entry_free (WmRecoveryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->id);
  g_free (entry->plan_path);
  g_free (entry->original_path);
  g_free (entry->plan_name);
  g_clear_pointer (&entry->time, g_date_time_unref);
  g_free (entry);
}

G_DEFINE_BOXED_TYPE (WmRecoveryEntry, wm_recovery_entry, wm_recovery_entry_copy,
                     wm_recovery_entry_free)

/* ---------------------------------------------------------------------------------------------
 * Process identity: a pid alone may be reused after the writer died
 */

static char *
read_boot_id (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &contents, NULL, NULL))
    return NULL;

  return g_strstrip (g_steal_pointer (&contents));
}

/* Start time (field 22 of /proc/<pid>/stat) and state; FALSE when unreadable. */
static gboolean
read_process (int      pid,
              guint64 *out_start_time,
              char    *out_state)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *rest = NULL;
  const char *after_comm;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  /* The command name may hold spaces and parentheses: fields start after the last ')'. */
  after_comm = strrchr (contents, ')');
  if (after_comm == NULL)
    return FALSE;

  rest = g_strstrip (g_strdup (after_comm + 1));
  fields = g_strsplit (rest, " ", -1);
  if (g_strv_length (fields) < 20)
    return FALSE;

  *out_state = fields[0][0];
  return g_ascii_string_to_unsigned (fields[19], 10, 0, G_MAXUINT64, out_start_time, NULL);
}

static gboolean
owner_alive (GKeyFile *keyfile)
{
  g_autofree char *boot_id = g_key_file_get_string (keyfile, GROUP, "boot-id", NULL);
  g_autofree char *current_boot_id = read_boot_id ();
  g_autofree char *start_time_text = g_key_file_get_string (keyfile, GROUP, "start-time", NULL);
  int pid = g_key_file_get_integer (keyfile, GROUP, "pid", NULL);
  guint64 start_time;
  char state;

  if (pid <= 0)
    return FALSE;
  if (boot_id != NULL && current_boot_id != NULL && !g_str_equal (boot_id, current_boot_id))
    return FALSE;
  if (kill (pid, 0) != 0 && errno == ESRCH)
    return FALSE;

  if (read_process (pid, &start_time, &state))
    {
      guint64 recorded;

      if (state == 'Z' || state == 'X')
        return FALSE;
      if (start_time_text != NULL &&
          g_ascii_string_to_unsigned (start_time_text, 10, 0, G_MAXUINT64, &recorded, NULL) &&
          recorded != start_time)
        return FALSE;
    }

  return TRUE;
}

/* ---------------------------------------------------------------------------------------------
 * WmAutosave
 */

struct _WmAutosave
{
  GObject parent_instance;

  WmPlan *plan;
  char *recovery_dir;
  char *id;
  char *plan_path;
  char *info_path;
  char *original_path;
  gboolean is_demo;
  guint delay_ms;
  guint timeout_id;
  gboolean pending;  /* last notified */

  /* Writes: a snapshot is taken on the main thread, the disk work runs in a worker. */
  WmProjectFile *recovery_file; /* NULL until the next write starts a new copy */
  guint generation;             /* of the newest write started (main thread) */
  gint discarded;               /* atomic: writes up to this generation are void */
  gboolean writing;             /* a worker write is under way */
  gboolean rerun;               /* the delay ran out while writing: write again after it */
  GMutex write_lock;            /* held while the recovery files are written */
  guint written;                /* newest generation on disk (under write_lock) */
};

G_DEFINE_FINAL_TYPE (WmAutosave, wm_autosave, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PLAN,
  PROP_RECOVERY_DIR,
  PROP_DELAY,
  PROP_ORIGINAL_PATH,
  PROP_IS_DEMO,
  PROP_PENDING,
  N_PROPS
};

enum
{
  SAVED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

char *
wm_autosave_get_default_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "wijkmix", "recovery", NULL);
}

static void
update_pending (WmAutosave *self)
{
  gboolean pending = self->timeout_id != 0 || self->rerun || self->writing;

  if (self->pending == pending)
    return;
  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

static void
cancel_pending (WmAutosave *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->rerun = FALSE;
  update_pending (self);
}

static void start_write (WmAutosave *self);

static gboolean
timeout_cb (gpointer data)
{
  WmAutosave *self = data;

  self->timeout_id = 0;
  /* One write at a time: the newer state follows when the running one is done. */
  if (self->writing)
    self->rerun = TRUE;
  else
    start_write (self);
  update_pending (self);

  return G_SOURCE_REMOVE;
}

static void
schedule (WmAutosave *self)
{
  /* Debounce: the delay counts from the last change. */
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (self->delay_ms, timeout_cb, self);
  g_source_set_name_by_id (self->timeout_id, "[wijkmix] autosave");
  update_pending (self);
}

static void
plan_changed_cb (WmPlan     *plan,
                 WmAutosave *self)
{
  schedule (self);
}

static void
wm_autosave_constructed (GObject *object)
{
  WmAutosave *self = WM_AUTOSAVE (object);
  static guint counter;
  g_autofree char *file_name = NULL;

  G_OBJECT_CLASS (wm_autosave_parent_class)->constructed (object);

  if (self->recovery_dir == NULL)
    self->recovery_dir = wm_autosave_get_default_dir ();

  /* Unique per process and instance: several windows may autosave at once. */
  self->id = g_strdup_printf ("%d-%" G_GINT64_FORMAT "-%u", (int) getpid (), g_get_real_time (),
                              g_atomic_int_add (&counter, 1));
  file_name = g_strconcat (self->id, ".gpkg", NULL);
  self->plan_path = g_build_filename (self->recovery_dir, file_name, NULL);
  g_free (file_name);
  file_name = g_strconcat (self->id, ".ini", NULL);
  self->info_path = g_build_filename (self->recovery_dir, file_name, NULL);

  g_signal_connect_object (self->plan, "changed", G_CALLBACK (plan_changed_cb), self, 0);
}

static void
wm_autosave_dispose (GObject *object)
{
  WmAutosave *self = WM_AUTOSAVE (object);

  /* The recovery copy stays: only an explicit discard means the work is safe elsewhere. */
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (wm_autosave_parent_class)->dispose (object);
}

static void
wm_autosave_finalize (GObject *object)
{
  WmAutosave *self = WM_AUTOSAVE (object);

  g_free (self->recovery_dir);
  g_free (self->id);
  g_free (self->plan_path);
  g_free (self->info_path);
  g_free (self->original_path);
  g_clear_object (&self->recovery_file);
  g_mutex_clear (&self->write_lock);

  G_OBJECT_CLASS (wm_autosave_parent_class)->finalize (object);
}

static void
wm_autosave_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WmAutosave *self = WM_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_RECOVERY_DIR:
      g_value_set_string (value, self->recovery_dir);
      break;
    case PROP_DELAY:
      g_value_set_uint (value, self->delay_ms);
      break;
    case PROP_ORIGINAL_PATH:
      g_value_set_string (value, self->original_path);
      break;
    case PROP_IS_DEMO:
      g_value_set_boolean (value, self->is_demo);
      break;
    case PROP_PENDING:
      g_value_set_boolean (value, self->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_autosave_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WmAutosave *self = WM_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      self->plan = g_value_dup_object (value);
      break;
    case PROP_RECOVERY_DIR:
      self->recovery_dir = g_value_dup_string (value);
      break;
    case PROP_DELAY:
      wm_autosave_set_delay (self, g_value_get_uint (value));
      break;
    case PROP_ORIGINAL_PATH:
      wm_autosave_set_original_path (self, g_value_get_string (value));
      break;
    case PROP_IS_DEMO:
      wm_autosave_set_is_demo (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_autosave_class_init (WmAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = wm_autosave_constructed;
  object_class->dispose = wm_autosave_dispose;
  object_class->finalize = wm_autosave_finalize;
  object_class->get_property = wm_autosave_get_property;
  object_class->set_property = wm_autosave_set_property;

  properties[PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, WM_TYPE_PLAN, construct);
  properties[PROP_RECOVERY_DIR] =
    g_param_spec_string ("recovery-dir", NULL, NULL, NULL, construct);
  properties[PROP_DELAY] = g_param_spec_uint ("delay", NULL, NULL, 0, G_MAXUINT,
                                              WM_AUTOSAVE_DEFAULT_DELAY_MS, rw);
  properties[PROP_ORIGINAL_PATH] = g_param_spec_string ("original-path", NULL, NULL, NULL, rw);
  properties[PROP_IS_DEMO] = g_param_spec_boolean ("is-demo", NULL, NULL, FALSE, rw);
  properties[PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
wm_autosave_init (WmAutosave *self)
{
  self->delay_ms = WM_AUTOSAVE_DEFAULT_DELAY_MS;
  g_mutex_init (&self->write_lock);
}

WmAutosave *
wm_autosave_new (WmPlan     *plan,
                 const char *recovery_dir)
{
  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);

  return g_object_new (WM_TYPE_AUTOSAVE, "plan", plan, "recovery-dir", recovery_dir, NULL);
}

WmPlan *
wm_autosave_get_plan (WmAutosave *self)
{
  g_return_val_if_fail (WM_IS_AUTOSAVE (self), NULL);

  return self->plan;
}

const char *
wm_autosave_get_recovery_dir (WmAutosave *self)
{
  g_return_val_if_fail (WM_IS_AUTOSAVE (self), NULL);

  return self->recovery_dir;
}

const char *
wm_autosave_get_recovery_path (WmAutosave *self)
{
  g_return_val_if_fail (WM_IS_AUTOSAVE (self), NULL);

  return self->plan_path;
}

guint
wm_autosave_get_delay (WmAutosave *self)
{
  g_return_val_if_fail (WM_IS_AUTOSAVE (self), 0);

  return self->delay_ms;
}

void
wm_autosave_set_delay (WmAutosave *self,
                       guint       delay_ms)
{
  g_return_if_fail (WM_IS_AUTOSAVE (self));

  if (self->delay_ms == delay_ms)
    return;

  self->delay_ms = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY]);
}

const char *
wm_autosave_get_original_path (WmAutosave *self)
{
  g_return_val_if_fail (WM_IS_AUTOSAVE (self), NULL);

  return self->original_path;
}

void
wm_autosave_set_original_path (WmAutosave *self,
                               const char *path)
{
  g_return_if_fail (WM_IS_AUTOSAVE (self));

  if (g_strcmp0 (self->original_path, path) == 0)
    return;

  g_free (self->original_path);
  self->original_path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGINAL_PATH]);
}

gboolean
wm_autosave_get_is_demo (WmAutosave *self)
{
  g_return_val_if_fail (WM_IS_AUTOSAVE (self), FALSE);

  return self->is_demo;
}

void
wm_autosave_set_is_demo (WmAutosave *self,
                         gboolean    is_demo)
{
  g_return_if_fail (WM_IS_AUTOSAVE (self));

  is_demo = !!is_demo;
  if (self->is_demo == is_demo)
    return;

  self->is_demo = is_demo;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_DEMO]);
}

gint64
wm_autosave_get_due_time (WmAutosave *self)
{
  GSource *source;

  g_return_val_if_fail (WM_IS_AUTOSAVE (self), 0);

  if (self->timeout_id == 0)
    return 0;
  source = g_main_context_find_source_by_id (NULL, self->timeout_id);
  return source != NULL ? g_source_get_ready_time (source) : 0;
}

gboolean
wm_autosave_get_pending (WmAutosave *self)
{
  g_return_val_if_fail (WM_IS_AUTOSAVE (self), FALSE);

  return self->pending;
}

/* One write of the recovery copy: taken on the main thread, written in a worker (or, for
 * wm_autosave_save_now(), on the calling thread). */
typedef struct
{
  WmProjectSnapshot *snapshot;
  WmProjectFile *file;
  char *info;  /* the key file's text */
  gsize info_length;
  guint generation;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_clear_pointer (&job->snapshot, wm_project_snapshot_unref);
  g_clear_object (&job->file);
  g_free (job->info);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WriteJob, write_job_free)

static char *
info_to_data (WmAutosave *self,
              gsize      *out_length)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format_iso8601 (now);
  g_autofree char *boot_id = read_boot_id ();
  guint64 start_time;
  char state;

  g_key_file_set_integer (keyfile, GROUP, "pid", (int) getpid ());
  if (read_process ((int) getpid (), &start_time, &state))
    {
      g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, start_time);

      g_key_file_set_string (keyfile, GROUP, "start-time", text);
    }
  if (boot_id != NULL)
    g_key_file_set_string (keyfile, GROUP, "boot-id", boot_id);
  g_key_file_set_string (keyfile, GROUP, "time", time);
  if (self->original_path != NULL)
    g_key_file_set_string (keyfile, GROUP, "original-path", self->original_path);
  g_key_file_set_boolean (keyfile, GROUP, "demo", self->is_demo);
  if (wm_plan_get_name (self->plan) != NULL)
    g_key_file_set_string (keyfile, GROUP, "plan-name", wm_plan_get_name (self->plan));

  return g_key_file_to_data (keyfile, out_length, NULL);
}

/* Main thread: everything the write needs, in a few milliseconds. */
static WriteJob *
write_job_new (WmAutosave *self)
{
  WriteJob *job = g_new0 (WriteJob, 1);

  /* After a discard the copy starts anew: a complete first write, then only changes. */
  if (self->recovery_file == NULL)
    self->recovery_file = wm_project_file_new (self->plan_path);
  job->file = g_object_ref (self->recovery_file);
  job->snapshot = wm_project_snapshot_new (self->plan);
  job->info = info_to_data (self, &job->info_length);
  job->generation = ++self->generation;
  return job;
}

static gboolean
is_void (WmAutosave *self,
         guint       generation)
{
  return (gint) generation <= g_atomic_int_get (&self->discarded);
}

static gboolean
write_info (WmAutosave  *self,
            WriteJob    *job,
            GError     **error)
{
  return g_file_set_contents_full (self->info_path, job->info, job->info_length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* Any thread. FALSE with @error when the write failed; TRUE with *@out_void when the write
 * no longer matters (discarded, or a newer one got there first). */
static gboolean
write_job_run (WmAutosave  *self,
               WriteJob    *job,
               gboolean    *out_void,
               GError     **error)
{
  G_GNUC_UNUSED g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->write_lock);
  g_autoptr(GError) local_error = NULL;
  gboolean first, success;

  *out_void = is_void (self, job->generation) || job->generation <= self->written;
  if (*out_void)
    return TRUE;

  if (g_mkdir_with_parents (self->recovery_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the recovery folder “%s”: %s"), self->recovery_dir,
                   g_strerror (saved_errno));
      return FALSE;
    }

  /* The key file comes first the first time, so a copy never exists without it. The
   * project file is written atomically: on failure the previous copy is still whole. */
  first = !g_file_test (self->plan_path, G_FILE_TEST_EXISTS);
  success = (!first || write_info (self, job, &local_error)) &&
            wm_project_file_write (job->file, job->snapshot, &local_error) &&
            write_info (self, job, &local_error);

  /* Discarded while it was written (the files may have gone under it): what was just written
   * must not stay behind, and a failure does not matter. */
  if (is_void (self, job->generation))
    {
      g_unlink (self->plan_path);
      g_unlink (self->info_path);
      *out_void = TRUE;
      return TRUE;
    }
  if (!success)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  self->written = job->generation;
  return TRUE;
}

/* Main thread: tells listeners how a write went. */
static void
write_job_report (WmAutosave *self,
                  gboolean    success,
                  gboolean    void_,
                  GError     *error)
{
  if (void_)
    return;
  if (success)
    {
      g_signal_emit (self, signals[SAVED], 0);
      return;
    }
  g_debug ("Autosave to %s failed: %s", self->plan_path, error->message);
  g_signal_emit (self, signals[FAILED], 0, error);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  gboolean void_;

  if (!write_job_run (source, task_data, &void_, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, void_);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  WmAutosave *self = WM_AUTOSAVE (source);
  g_autoptr(GError) error = NULL;
  gssize void_ = g_task_propagate_int (G_TASK (result), &error);

  self->writing = FALSE;
  /* "failed" tells listeners; the next change tries again. */
  write_job_report (self, error == NULL, error == NULL && void_, error);
  if (self->rerun)
    {
      self->rerun = FALSE;
      start_write (self);
    }
  update_pending (self);
}

static void
start_write (WmAutosave *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_written, NULL);

  g_task_set_source_tag (task, start_write);
  g_task_set_task_data (task, write_job_new (self), (GDestroyNotify) write_job_free);
  self->writing = TRUE;
  g_task_run_in_thread (task, write_in_thread);
}

gboolean
wm_autosave_save_now (WmAutosave  *self,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(WriteJob) job = NULL;
  gboolean void_;

  g_return_val_if_fail (WM_IS_AUTOSAVE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cancel_pending (self);
  job = write_job_new (self);
  /* Waits for a write under way; one that has not started yet is then void. */
  if (write_job_run (self, job, &void_, &local_error))
    {
      write_job_report (self, TRUE, void_, NULL);
      return TRUE;
    }

  write_job_report (self, FALSE, FALSE, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

void
wm_autosave_discard (WmAutosave *self)
{
  g_return_if_fail (WM_IS_AUTOSAVE (self));

  cancel_pending (self);
  /* A write under way finds out and removes what it wrote; the main thread never waits. */
  g_atomic_int_set (&self->discarded, (gint) self->generation);
  if (g_unlink (self->plan_path) != 0 && errno != ENOENT)
    g_warning ("Could not delete %s: %s", self->plan_path, g_strerror (errno));
  if (g_unlink (self->info_path) != 0 && errno != ENOENT)
    g_warning ("Could not delete %s: %s", self->info_path, g_strerror (errno));
  g_clear_object (&self->recovery_file);
}

/* ---------------------------------------------------------------------------------------------
 * Recovery
 */

static gboolean
check_id (const char  *id,
          GError     **error)
{
  if (id == NULL || *id == '\0' || strchr (id, G_DIR_SEPARATOR) != NULL || id[0] == '.')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a recovery copy"), id ? id : "");
      return FALSE;
    }

  return TRUE;
}

static char *
entry_file (const char *recovery_dir,
            const char *id,
            const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (recovery_dir, name, NULL);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const WmRecoveryEntry *ea = *(const WmRecoveryEntry **) a;
  const WmRecoveryEntry *eb = *(const WmRecoveryEntry **) b;

  if (ea->time == NULL || eb->time == NULL)
    return (ea->time == NULL) - (eb->time == NULL);

  return g_date_time_compare (eb->time, ea->time);
}

GPtrArray *
wm_autosave_list_recoverable (const char  *recovery_dir,
                              GError     **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) wm_recovery_entry_free);
  g_autofree char *default_dir = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (recovery_dir == NULL)
    recovery_dir = default_dir = wm_autosave_get_default_dir ();

  dir = g_dir_open (recovery_dir, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&entries);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GKeyFile) keyfile = g_key_file_new ();
      g_autofree char *info_path = NULL;
      g_autofree char *time = NULL;
      WmRecoveryEntry *entry;

      if (name[0] == '.' || !g_str_has_suffix (name, ".ini"))
        continue;

      info_path = g_build_filename (recovery_dir, name, NULL);
      if (!g_key_file_load_from_file (keyfile, info_path, G_KEY_FILE_NONE, NULL) ||
          owner_alive (keyfile))
        continue;

      entry = g_new0 (WmRecoveryEntry, 1);
      entry->id = g_strndup (name, strlen (name) - strlen (".ini"));
      entry->plan_path = entry_file (recovery_dir, entry->id, ".gpkg");
      entry->original_path = g_key_file_get_string (keyfile, GROUP, "original-path", NULL);
      entry->is_demo = g_key_file_get_boolean (keyfile, GROUP, "demo", NULL);
      entry->plan_name = g_key_file_get_string (keyfile, GROUP, "plan-name", NULL);
      time = g_key_file_get_string (keyfile, GROUP, "time", NULL);
      entry->time = time != NULL ? g_date_time_new_from_iso8601 (time, NULL) : NULL;
      entry->pid = g_key_file_get_integer (keyfile, GROUP, "pid", NULL);

      /* Died before its first copy was written: nothing to recover. */
      if (!g_file_test (entry->plan_path, G_FILE_TEST_IS_REGULAR))
        {
          wm_recovery_entry_free (entry);
          continue;
        }

      g_ptr_array_add (entries, entry);
    }

  g_ptr_array_sort (entries, compare_newest_first);

  return g_steal_pointer (&entries);
}

WmPlan *
wm_autosave_restore (const char  *recovery_dir,
                     const char  *id,
                     char       **out_original_path,
                     GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *default_dir = NULL;
  g_autofree char *info_path = NULL;
  g_autofree char *plan_path = NULL;
  WmPlan *plan;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_original_path != NULL)
    *out_original_path = NULL;
  if (!check_id (id, error))
    return NULL;
  if (recovery_dir == NULL)
    recovery_dir = default_dir = wm_autosave_get_default_dir ();

  info_path = entry_file (recovery_dir, id, ".ini");
  plan_path = entry_file (recovery_dir, id, ".gpkg");
  if (!g_key_file_load_from_file (keyfile, info_path, G_KEY_FILE_NONE, error))
    return NULL;

  plan = wm_project_file_load (plan_path, error);
  if (plan != NULL && out_original_path != NULL)
    *out_original_path = g_key_file_get_string (keyfile, GROUP, "original-path", NULL);

  return plan;
}

gboolean
wm_autosave_delete (const char  *recovery_dir,
                    const char  *id,
                    GError     **error)
{
  g_autofree char *default_dir = NULL;
  const char *suffixes[] = { ".gpkg", ".ini" };

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_id (id, error))
    return FALSE;
  if (recovery_dir == NULL)
    recovery_dir = default_dir = wm_autosave_get_default_dir ();

  /* The project file first: a key file without it is skipped by the listing. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = entry_file (recovery_dir, id, suffixes[i]);

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not delete the recovery copy “%s”: %s"), path,
                       g_strerror (saved_errno));
          return FALSE;
        }
    }

  return TRUE;
}
