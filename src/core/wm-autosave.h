/* wm-autosave.h: recovery copies of a plan, written shortly after each edit
 *
 * A WmAutosave watches a plan's "changed" signal and, "delay" milliseconds after the
 * last change, writes the plan to <recovery dir>/<id>.gpkg (an ordinary project file,
 * written atomically) plus a key file <id>.ini recording the process, the time, the
 * plan's name and where the project came from. A failed write keeps the previous
 * recovery copy and emits "failed".
 *
 * Like a document save, the write takes a WmProjectSnapshot on the main thread and does
 * the disk work in a GTask worker; the recovery copy has a WmProjectFile handle of its
 * own, so after the first write only what changed is written. One write runs at a time;
 * a change during a write is written after it. "saved" and "failed" are emitted on the
 * main thread when a write is done: tests wait for them.
 *
 * On a clean save or close the UI calls wm_autosave_discard(). Recovery copies left by a
 * process that is gone (a crash) are what wm_autosave_list_recoverable() returns at the
 * next start; wm_autosave_restore() loads one. After restoring, start a new autosave for
 * the restored plan, save it once, and only then delete the old entry, so that nothing is
 * lost if the new session dies too.
 */
#pragma once

#include "wm-plan.h"

G_BEGIN_DECLS

#define WM_AUTOSAVE_DEFAULT_DELAY_MS 3000

/* One recovery copy left behind. */
typedef struct
{
  char *id;
  char *plan_path;     /* the recovery project file */
  char *original_path; /* the project it was edited from; NULL when untitled or the demo */
  gboolean is_demo;    /* edited from the embedded demo */
  char *plan_name;     /* may be NULL */
  GDateTime *time;     /* when it was written (local time) */
  int pid;             /* of the process that wrote it */
} WmRecoveryEntry;

#define WM_TYPE_RECOVERY_ENTRY (wm_recovery_entry_get_type ())
GType wm_recovery_entry_get_type (void) G_GNUC_CONST;
WmRecoveryEntry *wm_recovery_entry_copy (const WmRecoveryEntry *entry);
void wm_recovery_entry_free (WmRecoveryEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmRecoveryEntry, wm_recovery_entry_free)

#define WM_TYPE_AUTOSAVE (wm_autosave_get_type ())
G_DECLARE_FINAL_TYPE (WmAutosave, wm_autosave, WM, AUTOSAVE, GObject)

/* g_get_user_state_dir()/wijkmix/recovery */
char *wm_autosave_get_default_dir (void);

/* @recovery_dir NULL: the default one; created when first written. */
WmAutosave *wm_autosave_new (WmPlan     *plan,
                             const char *recovery_dir);
WmPlan *wm_autosave_get_plan (WmAutosave *self);
const char *wm_autosave_get_recovery_dir (WmAutosave *self);
/* The recovery project file this autosave writes (it may not exist yet). */
const char *wm_autosave_get_recovery_path (WmAutosave *self);
guint wm_autosave_get_delay (WmAutosave *self);
void wm_autosave_set_delay (WmAutosave *self, guint delay_ms);
/* Where the project is saved (NULL: untitled); set it again after "Save As". */
const char *wm_autosave_get_original_path (WmAutosave *self);
void wm_autosave_set_original_path (WmAutosave *self, const char *path);
gboolean wm_autosave_get_is_demo (WmAutosave *self);
void wm_autosave_set_is_demo (WmAutosave *self, gboolean is_demo);
/* When the waiting write starts (g_get_monotonic_time()); 0 when none waits. Each change
 * moves it to "delay" after that change. */
gint64 wm_autosave_get_due_time (WmAutosave *self);
/* TRUE while a change waits for its write or is being written. */
gboolean wm_autosave_get_pending (WmAutosave *self);
/* Writes now and blocks until written (after a write under way): for a restore or a
 * process about to exit. A pending write is done with. On failure the previous copy is
 * kept. */
gboolean wm_autosave_save_now (WmAutosave *self, GError **error);
/* Drops a pending write and deletes this session's recovery copy: after a clean save or
 * close. A write under way is void (it removes what it wrote) and reports nothing. Later
 * edits start a new copy. Never waits for a worker. */
void wm_autosave_discard (WmAutosave *self);

/* Signals: "saved" (no arguments) after each write; "failed" (GError *) when one failed. */

/* Recovery copies in @recovery_dir (NULL: default) whose writing process is gone, newest
 * first (an array of WmRecoveryEntry). A missing directory gives an empty array. */
GPtrArray *wm_autosave_list_recoverable (const char  *recovery_dir,
                                         GError     **error);
/* Loads the plan of entry @id; @out_original_path (may be NULL) gets the project it was
 * edited from, NULL when untitled or the demo. */
WmPlan *wm_autosave_restore (const char  *recovery_dir,
                             const char  *id,
                             char       **out_original_path,
                             GError     **error);
/* Deletes entry @id; a missing entry is not an error. */
gboolean wm_autosave_delete (const char  *recovery_dir,
                             const char  *id,
                             GError     **error);

G_END_DECLS
