/* wm-new-project-dialog.c: "New Project from Data…" */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wm-document.h"
#include "wm-import-summary.h"
#include "wm-new-project-dialog.h"
#include "wm-window-private.h"

struct _WmNewProjectDialog
{
  AdwWindow parent_instance;

  WmApplication *application; /* weak */
  GtkStack *stack;
  GtkWidget *back_button;
  GtkWidget *next_button;
  GtkWidget *create_button;
  GtkWidget *cancel_button;
  GtkCheckButton *cbs_choice;
  GtkCheckButton *draw_choice;
  GtkWidget *cbs_row;
  GtkWidget *cbs_box;
  GtkSearchEntry *search;
  GtkListBox *area_list;
  GtkLabel *checked_label;
  AdwPreferencesGroup *files_group;
  GPtrArray *file_rows; /* GtkWidget* */
  GtkWidget *no_files_row;
  GtkProgressBar *progress;
  GtkLabel *progress_label;

  GFile *cbs_file;
  WmImportResult *cbs_result; /* every area of the CBS file */
  GHashTable *checked;        /* area id -> TRUE */
  GPtrArray *files;           /* GFile* */
  char *search_text;          /* casefolded */

  GCancellable *cancellable;
  WmDocument *document;       /* being built */
  WmImportCounts tally;       /* what came in, for the toast */
  GPtrArray *notes;           /* char*, of every file */
  WmBounds clip;
  gboolean has_clip;
  guint step;
  char *error;
};

G_DEFINE_FINAL_TYPE (WmNewProjectDialog, wm_new_project_dialog, ADW_TYPE_WINDOW)

enum
{
  AREAS_LOADED,
  PROGRESS,
  PROJECT_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_page (WmNewProjectDialog *self, const char *page)
{
  gboolean area = g_str_equal (page, "area");
  gboolean files = g_str_equal (page, "files");

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (self->next_button, area);
  gtk_widget_set_visible (self->back_button, files);
  gtk_widget_set_visible (self->create_button, files);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
}

static void
update_sensitivity (WmNewProjectDialog *self)
{
  gboolean draw = gtk_check_button_get_active (self->draw_choice);
  guint n = g_hash_table_size (self->checked);
  g_autofree char *text = NULL;

  gtk_widget_set_sensitive (self->cbs_box, !draw);
  gtk_widget_set_sensitive (self->cbs_row, !draw);
  gtk_widget_set_sensitive (self->next_button, draw || n > 0);
  text = n == 0 ? g_strdup (_("Check the buurten or wijken of the plan."))
                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u area checked",
                                                "%u areas checked", n), n);
  gtk_label_set_text (self->checked_label, text);
}

const char *
wm_new_project_dialog_get_page (WmNewProjectDialog *self)
{
  g_return_val_if_fail (WM_IS_NEW_PROJECT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
wm_new_project_dialog_get_error (WmNewProjectDialog *self)
{
  g_return_val_if_fail (WM_IS_NEW_PROJECT_DIALOG (self), NULL);
  return self->error;
}

static void
show_error (WmNewProjectDialog *self, const char *heading, const char *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  wm_import_summary_show_message (GTK_WINDOW (self), heading, message);
}

/* Step 1: the areas */

static gboolean
filter_row (GtkListBoxRow *row, gpointer user_data)
{
  WmNewProjectDialog *self = user_data;
  const char *key = g_object_get_data (G_OBJECT (row), "wm-search-key");

  return self->search_text == NULL || *self->search_text == '\0'
         || strstr (key, self->search_text) != NULL;
}

static void
on_search_changed (WmNewProjectDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));

  g_free (self->search_text);
  self->search_text = g_utf8_casefold (text, -1);
  gtk_list_box_invalidate_filter (self->area_list);
}

void
wm_new_project_dialog_set_search (WmNewProjectDialog *self, const char *text)
{
  g_return_if_fail (WM_IS_NEW_PROJECT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search), text);
  /* GtkSearchEntry delays "search-changed"; typing and this setter filter at once. */
  on_search_changed (self);
}

static void
on_area_toggled (GtkCheckButton *check, WmNewProjectDialog *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "wm-area-id");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->checked, g_strdup (id));
  else
    g_hash_table_remove (self->checked, id);
  update_sensitivity (self);
}

static void
clear_area_list (WmNewProjectDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->area_list))) != NULL)
    gtk_list_box_remove (self->area_list, child);
  g_hash_table_remove_all (self->checked);
}

static void
fill_area_list (WmNewProjectDialog *self)
{
  clear_area_list (self);
  for (guint i = 0; i < self->cbs_result->areas->len; i++)
    {
      WmArea *area = g_ptr_array_index (self->cbs_result->areas, i);
      const char *id = wm_area_get_id (area);
      const char *name = wm_area_get_name (area) != NULL ? wm_area_get_name (area) : "";
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *title = g_markup_escape_text (*name ? name : id, -1);
      g_autofree char *subtitle = g_markup_escape_text (id, -1);
      g_autofree char *key = g_strdup_printf ("%s\n%s", name, id);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data_full (G_OBJECT (check), "wm-area-id", g_strdup (id), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_area_toggled), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "wm-check", check);
      g_object_set_data_full (G_OBJECT (row), "wm-area-id", g_strdup (id), g_free);
      /* Found by name or by code, whichever the planner types. */
      g_object_set_data_full (G_OBJECT (row), "wm-search-key", g_utf8_casefold (key, -1), g_free);
      gtk_list_box_append (self->area_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->cbs_box), TRUE);
  update_sensitivity (self);
}

static void
on_cbs_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (WmNewProjectDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmImportResult) read = wm_import_read_finish (result, &error);
  g_autofree char *name = g_file_get_basename (self->cbs_file);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  gtk_widget_set_sensitive (self->cbs_row, TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->cbs_row), name);
  if (read != NULL && read->areas->len == 0)
    {
      g_clear_pointer (&read, wm_import_result_free);
      g_set_error (&error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                   _("“%s” holds no buurten or wijken."), name);
    }
  if (read == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("“%s” cannot be used"), name);

      show_error (self, heading, error->message);
      g_signal_emit (self, signals[AREAS_LOADED], 0, FALSE);
      return;
    }
  g_clear_pointer (&self->cbs_result, wm_import_result_free);
  self->cbs_result = g_steal_pointer (&read);
  fill_area_list (self);
  g_signal_emit (self, signals[AREAS_LOADED], 0, TRUE);
}

void
wm_new_project_dialog_set_cbs_file (WmNewProjectDialog *self, GFile *file)
{
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  g_autofree char *path = g_file_get_path (file);

  g_return_if_fail (WM_IS_NEW_PROJECT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->cbs_file, file);
  gtk_check_button_set_active (self->cbs_choice, TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->cbs_row), _("Reading…"));
  gtk_widget_set_sensitive (self->cbs_row, FALSE);
  clear_area_list (self);
  options.as = WM_IMPORT_AS_AREAS;
  /* A CBS file of the whole country is read once; the checked areas are kept from it. */
  wm_import_read_async (path, &options, NULL, NULL, NULL, on_cbs_read, g_object_ref (self));
}

static void
on_cbs_response (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  WmNewProjectDialog *self = WM_NEW_PROJECT_DIALOG (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      wm_new_project_dialog_set_cbs_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose (WmNewProjectDialog *self, const char *title, GCallback callback)
{
  wm_import_summary_choose_files (GTK_WINDOW (self), title, _("_Open"), FALSE, callback, self);
}

static void
on_choose_cbs_clicked (WmNewProjectDialog *self)
{
  choose (self, _("CBS Wijk- en Buurtkaart"), G_CALLBACK (on_cbs_response));
}

static GtkListBoxRow *
find_row (WmNewProjectDialog *self, const char *code)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->area_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "wm-area-id"), code) == 0)
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

guint
wm_new_project_dialog_get_n_shown (WmNewProjectDialog *self)
{
  guint n = 0;

  g_return_val_if_fail (WM_IS_NEW_PROJECT_DIALOG (self), 0);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->area_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_child_visible (child))
      n++;
  return n;
}

const char *
wm_new_project_dialog_get_shown_code (WmNewProjectDialog *self, guint index)
{
  g_return_val_if_fail (WM_IS_NEW_PROJECT_DIALOG (self), NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->area_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_child_visible (child) && index-- == 0)
      return g_object_get_data (G_OBJECT (child), "wm-area-id");
  return NULL;
}

gboolean
wm_new_project_dialog_set_checked (WmNewProjectDialog *self, const char *code, gboolean checked)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (WM_IS_NEW_PROJECT_DIALOG (self), FALSE);
  row = find_row (self, code);
  if (row == NULL)
    return FALSE;
  gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "wm-check"), checked);
  return TRUE;
}

guint
wm_new_project_dialog_get_n_checked (WmNewProjectDialog *self)
{
  g_return_val_if_fail (WM_IS_NEW_PROJECT_DIALOG (self), 0);
  return g_hash_table_size (self->checked);
}

void
wm_new_project_dialog_set_draw_boundary (WmNewProjectDialog *self, gboolean draw)
{
  g_return_if_fail (WM_IS_NEW_PROJECT_DIALOG (self));
  gtk_check_button_set_active (draw ? self->draw_choice : self->cbs_choice, TRUE);
}

/* Step 2: the files */

static void
on_remove_file_clicked (GtkButton *button, WmNewProjectDialog *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "wm-row");
  guint index;

  if (g_ptr_array_find (self->file_rows, row, &index))
    wm_new_project_dialog_remove_file (self, index);
}

void
wm_new_project_dialog_add_file (WmNewProjectDialog *self, GFile *file)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *title = g_markup_escape_text (name, -1);
  g_autofree char *subtitle = NULL;
  g_autoptr (GFile) parent = g_file_get_parent (file);

  g_return_if_fail (WM_IS_NEW_PROJECT_DIALOG (self));

  if (parent != NULL)
    {
      g_autofree char *folder = g_file_get_parse_name (parent);
      subtitle = g_markup_escape_text (folder, -1);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  g_object_set_data (G_OBJECT (remove), "wm-row", row);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_file_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_preferences_group_add (self->files_group, row);
  g_ptr_array_add (self->file_rows, row);
  gtk_widget_set_visible (self->no_files_row, FALSE);
  g_ptr_array_add (self->files, g_object_ref (file));
}

void
wm_new_project_dialog_remove_file (WmNewProjectDialog *self, guint index)
{
  g_return_if_fail (WM_IS_NEW_PROJECT_DIALOG (self));
  g_return_if_fail (index < self->files->len);

  adw_preferences_group_remove (self->files_group, g_ptr_array_index (self->file_rows, index));
  g_ptr_array_remove_index (self->file_rows, index);
  g_ptr_array_remove_index (self->files, index);
  gtk_widget_set_visible (self->no_files_row, self->files->len == 0);
}

guint
wm_new_project_dialog_get_n_files (WmNewProjectDialog *self)
{
  g_return_val_if_fail (WM_IS_NEW_PROJECT_DIALOG (self), 0);
  return self->files->len;
}

static void
on_file_response (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  WmNewProjectDialog *self = WM_NEW_PROJECT_DIALOG (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr (GFile) file = g_list_model_get_item (files, i);
          wm_new_project_dialog_add_file (self, file);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_add_file_clicked (WmNewProjectDialog *self)
{
  wm_import_summary_choose_files (GTK_WINDOW (self), _("Add Files"), _("_Add"), TRUE,
                                  G_CALLBACK (on_file_response), self);
}

void
wm_new_project_dialog_next (WmNewProjectDialog *self)
{
  g_return_if_fail (WM_IS_NEW_PROJECT_DIALOG (self));
  set_page (self, "files");
}

/* Creating */

static void
finish (WmNewProjectDialog *self, WmWindow *window)
{
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  if (window == NULL && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    set_page (self, "files");
  g_signal_emit (self, signals[PROJECT_CREATED], 0, window);
}

static gboolean
apply (WmNewProjectDialog *self, WmImportResult *result)
{
  g_autoptr (GError) error = NULL;
  WmPlan *plan = wm_document_get_plan (self->document);
  WmImportCounts before = wm_import_counts_of_plan (plan), after, added;

  if (!wm_import_apply (self->document, result, &error))
    {
      g_autofree char *name = g_path_get_basename (result->source);
      g_autofree char *heading = g_strdup_printf (_("“%s” could not be imported"), name);

      show_error (self, heading, error->message);
      return FALSE;
    }
  after = wm_import_counts_of_plan (plan);
  added = wm_import_counts_added (&before, &after, result);
  wm_import_counts_add (&self->tally, &added);
  for (guint i = 0; i < result->notes->len; i++)
    g_ptr_array_add (self->notes, g_strdup (g_ptr_array_index (result->notes, i)));
  return TRUE;
}

static void
show_project (WmNewProjectDialog *self)
{
  WmWindow *window;
  AdwToast *toast;
  g_autofree char *name = NULL;
  gboolean draw = gtk_check_button_get_active (self->draw_choice);

  if (self->application == NULL)
    {
      finish (self, NULL);
      return;
    }
  window = wm_window_new (self->application);
  wm_window_set_document (window, self->document);
  gtk_window_present (GTK_WINDOW (window));
  wm_map_view_zoom_to_plan (wm_window_get_map_view (window));
  {
    guint n_sources = self->files->len + (self->cbs_file != NULL && !draw ? 1 : 0);

    if (n_sources == 1)
      name = g_file_get_basename (self->files->len == 1 ? g_ptr_array_index (self->files, 0)
                                                        : self->cbs_file);
    else
      name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", n_sources),
                              n_sources);
  }
  /* A project to be drawn from scratch has nothing to report. */
  if (self->tally.buildings + self->tally.areas + self->tally.facilities + self->tally.basemap
          + self->tally.records > 0 || self->notes->len > 0)
    {
      toast = wm_import_summary_toast (&self->tally, self->notes, name, GTK_WINDOW (window), NULL);
      wm_window_add_toast (window, toast);
    }
  if (draw)
    wm_window_draw_plan_area (window);
  finish (self, window);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void run_step (WmNewProjectDialog *self);

static void
on_progress (double fraction, gpointer user_data)
{
  WmNewProjectDialog *self = user_data;
  double total;

  if (self->cancellable == NULL || self->files->len == 0)
    return;
  total = (self->step + CLAMP (fraction, 0, 1)) / self->files->len;
  gtk_progress_bar_set_fraction (self->progress, total);
  g_signal_emit (self, signals[PROGRESS], 0, total);
}

static void
on_step_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (WmNewProjectDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmImportResult) read = wm_import_read_finish (result, &error);

  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      finish (self, NULL);
      return;
    }
  if (read == NULL)
    {
      g_autofree char *name = g_file_get_basename (g_ptr_array_index (self->files, self->step));
      g_autofree char *heading = g_strdup_printf (_("“%s” could not be imported"), name);

      show_error (self, heading, error->message);
      finish (self, NULL);
      return;
    }
  if (!apply (self, read))
    {
      finish (self, NULL);
      return;
    }
  self->step++;
  run_step (self);
}

static void
run_step (WmNewProjectDialog *self)
{
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (self->step >= self->files->len)
    {
      show_project (self);
      return;
    }
  path = g_file_get_path (g_ptr_array_index (self->files, self->step));
  name = g_file_get_basename (g_ptr_array_index (self->files, self->step));
  /* Translators: "Reading “bag.gpkg” (2 of 3)…" over the progress bar. */
  text = g_strdup_printf (_("Reading “%s” (%u of %u)…"), name, self->step + 1, self->files->len);
  gtk_label_set_text (self->progress_label, text);
  /* Only what lies in the plan's areas is kept. */
  options.clip = self->has_clip ? &self->clip : NULL;
  wm_import_read_async (path, &options, on_progress, self, self->cancellable, on_step_read,
                        g_object_ref (self));
}

void
wm_new_project_dialog_create (WmNewProjectDialog *self)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  gboolean draw;

  g_return_if_fail (WM_IS_NEW_PROJECT_DIALOG (self));
  g_return_if_fail (self->cancellable == NULL);

  draw = gtk_check_button_get_active (self->draw_choice);
  g_clear_pointer (&self->error, g_free);
  self->document = wm_document_new (plan, NULL);
  self->tally = (WmImportCounts) { 0 };
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  self->step = 0;
  self->has_clip = FALSE;
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_label_set_text (self->progress_label, _("Creating the project…"));
  set_page (self, "progress");

  /* Areas first: everything after is clipped to them. */
  if (!draw && self->cbs_result != NULL)
    {
      g_autoptr (WmImportResult) areas = wm_import_result_new (self->cbs_result->source);
      g_autoptr (GPtrArray) names = g_ptr_array_new ();
      g_autofree char *plan_name = NULL;

      for (guint i = 0; i < self->cbs_result->areas->len; i++)
        {
          WmArea *area = g_ptr_array_index (self->cbs_result->areas, i);

          if (!g_hash_table_contains (self->checked, wm_area_get_id (area)))
            continue;
          g_ptr_array_add (areas->areas, g_object_ref (area));
          if (wm_area_get_name (area) != NULL && *wm_area_get_name (area))
            g_ptr_array_add (names, (gpointer) wm_area_get_name (area));
        }
      /* The plan is called after its buurten, as planners name it. */
      if (names->len > 3)
        {
          /* Translators: a new plan's name: "Boomplaats, Beeklust, Oost and 2 more". */
          plan_name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s, %s and %u more",
                                                    "%s, %s, %s and %u more", names->len - 3),
                                       (char *) names->pdata[0], (char *) names->pdata[1],
                                       (char *) names->pdata[2], names->len - 3);
        }
      else if (names->len > 0)
        {
          g_ptr_array_add (names, NULL);
          plan_name = g_strjoinv (", ", (char **) names->pdata);
        }
      if (plan_name != NULL)
        wm_plan_set_name (wm_document_get_plan (self->document), plan_name);
      for (guint i = 0; i < self->cbs_result->notes->len; i++)
        g_ptr_array_add (areas->notes, g_strdup (g_ptr_array_index (self->cbs_result->notes, i)));
      areas->attribution = g_strdup (self->cbs_result->attribution);
      if (!apply (self, areas))
        {
          finish (self, NULL);
          return;
        }
      /* The same clip as `wijkmix-cli import` uses: the areas' bounds and a margin. */
      self->has_clip = wm_import_default_clip (wm_document_get_plan (self->document), &self->clip);
    }
  run_step (self);
}

void
wm_new_project_dialog_cancel (WmNewProjectDialog *self)
{
  g_return_if_fail (WM_IS_NEW_PROJECT_DIALOG (self));

  if (self->cancellable != NULL)
    {
      /* The project being built is thrown away when the worker returns. */
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_text (self->progress_label, _("Cancelling…"));
      gtk_widget_set_sensitive (self->cancel_button, FALSE);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_choice_toggled (WmNewProjectDialog *self)
{
  update_sensitivity (self);
}

static gboolean
wm_new_project_dialog_close_request (GtkWindow *window)
{
  WmNewProjectDialog *self = WM_NEW_PROJECT_DIALOG (window);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (wm_new_project_dialog_parent_class)->close_request (window);
}

static void
wm_new_project_dialog_dispose (GObject *object)
{
  WmNewProjectDialog *self = WM_NEW_PROJECT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->application);
  G_OBJECT_CLASS (wm_new_project_dialog_parent_class)->dispose (object);
}

static void
wm_new_project_dialog_finalize (GObject *object)
{
  WmNewProjectDialog *self = WM_NEW_PROJECT_DIALOG (object);

  g_clear_object (&self->cbs_file);
  g_clear_pointer (&self->cbs_result, wm_import_result_free);
  g_hash_table_unref (self->checked);
  g_ptr_array_unref (self->files);
  g_ptr_array_unref (self->file_rows);
  g_free (self->search_text);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_free (self->error);
  G_OBJECT_CLASS (wm_new_project_dialog_parent_class)->finalize (object);
}

static void
wm_new_project_dialog_class_init (WmNewProjectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wm_new_project_dialog_dispose;
  object_class->finalize = wm_new_project_dialog_finalize;
  window_class->close_request = wm_new_project_dialog_close_request;

  signals[AREAS_LOADED] = g_signal_new ("areas-loaded", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        G_TYPE_BOOLEAN);
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  signals[PROJECT_CREATED] = g_signal_new ("project-created", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                           WM_TYPE_WINDOW);
}

static void
on_back_clicked (WmNewProjectDialog *self)
{
  set_page (self, "area");
}

static void
on_next_clicked (WmNewProjectDialog *self)
{
  wm_new_project_dialog_next (self);
}

static void
on_create_clicked (WmNewProjectDialog *self)
{
  wm_new_project_dialog_create (self);
}

static void
on_cancel_clicked (WmNewProjectDialog *self)
{
  wm_new_project_dialog_cancel (self);
}

static void
wm_new_project_dialog_init (WmNewProjectDialog *self)
{
  GtkWidget *box, *header, *page, *group, *row, *button, *scrolled, *files_page, *progress_box;

  self->checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->file_rows = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("New Project from Data"));
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 680);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->cancel_button);
  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back_button, _("Back to the neighbourhood"));
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (on_back_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back_button);
  self->next_button = gtk_button_new_with_mnemonic (_("_Next"));
  gtk_widget_add_css_class (self->next_button, "suggested-action");
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (on_next_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->next_button);
  self->create_button = gtk_button_new_with_mnemonic (_("C_reate"));
  gtk_widget_add_css_class (self->create_button, "suggested-action");
  g_signal_connect_swapped (self->create_button, "clicked", G_CALLBACK (on_create_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->create_button);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  /* Step 1: the neighbourhood. */
  page = adw_preferences_page_new ();
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("1. The Neighbourhood"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The plan covers these areas; the other data are cut "
                                           "to them."));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Buurten or wijken from a CBS file"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Wijk- en buurtkaart: GeoPackage, "
                                                       "GeoJSON or Shapefile"));
  self->cbs_choice = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_check_button_set_active (self->cbs_choice, TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (self->cbs_choice));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->cbs_choice));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Draw the boundary on the map"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("After the project opens: click the corners of the plan area"));
  self->draw_choice = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_check_button_set_group (self->draw_choice, self->cbs_choice);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (self->draw_choice));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->draw_choice));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_signal_connect_swapped (self->cbs_choice, "toggled", G_CALLBACK (on_choice_toggled), self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Areas of the CBS File"));
  self->cbs_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cbs_row), _("CBS file"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->cbs_row), _("None chosen"));
  button = gtk_button_new_with_mnemonic (_("C_hoose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_choose_cbs_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->cbs_row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->cbs_row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->cbs_row);

  self->cbs_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (self->cbs_box, 12);
  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search, "placeholder-text", _("Search by name or code"), NULL);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (on_search_changed), self);
  gtk_box_append (GTK_BOX (self->cbs_box), GTK_WIDGET (self->search));
  self->area_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->area_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->area_list), "boxed-list");
  gtk_list_box_set_filter_func (self->area_list, filter_row, self, NULL);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->area_list));
  /* Above the list: it stays in view however long the list is. */
  self->checked_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->checked_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->checked_label), "dim-label");
  gtk_box_append (GTK_BOX (self->cbs_box), GTK_WIDGET (self->checked_label));
  gtk_box_append (GTK_BOX (self->cbs_box), scrolled);
  gtk_widget_set_visible (self->cbs_box, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->cbs_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_stack_add_named (self->stack, page, "area");

  /* Step 2: the files. */
  files_page = adw_preferences_page_new ();
  self->files_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->files_group, _("2. The Data"));
  adw_preferences_group_set_description (self->files_group,
                                         _("BAG panden, the BGT zip from PDOK, the corporation's "
                                           "property list, …: imported in this order."));
  button = gtk_button_new ();
  {
    GtkWidget *content = adw_button_content_new ();

    adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
    adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add Files…"));
    adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
    gtk_button_set_child (GTK_BUTTON (button), content);
  }
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_add_file_clicked), self);
  adw_preferences_group_set_header_suffix (self->files_group, button);
  /* Without files the project holds only its areas; say so rather than show nothing. */
  self->no_files_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->no_files_row), _("No files yet"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->no_files_row),
                               _("The project gets only its areas; data can be added later "
                                 "with Add Data (Ctrl+I)."));
  adw_preferences_group_add (self->files_group, self->no_files_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (files_page), self->files_group);
  gtk_stack_add_named (self->stack, files_page, "files");

  /* Step 3: one bar for all files. */
  progress_box = wm_import_summary_new_progress_page (NULL, &self->progress_label,
                                                      &self->progress);
  gtk_stack_add_named (self->stack, progress_box, "progress");

  adw_window_set_content (ADW_WINDOW (self), box);
  set_page (self, "area");
  update_sensitivity (self);
}

WmNewProjectDialog *
wm_new_project_dialog_new (WmApplication *application, GtkWindow *parent)
{
  WmNewProjectDialog *self;

  g_return_val_if_fail (WM_IS_APPLICATION (application), NULL);

  self = g_object_new (WM_TYPE_NEW_PROJECT_DIALOG, "transient-for", parent, NULL);
  g_set_weak_pointer (&self->application, application);
  return self;
}
