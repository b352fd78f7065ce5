/* wm-import-dialog.c: "Add Data…": a file's layers into the open project */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-import-dialog.h"
#include "wm-import-summary.h"
#include "wm-window-private.h"

typedef struct
{
  WmImportLayerInfo *info; /* owned by the dialog's probe array */
  guint recognised;        /* position in wm_import_kinds() */
  AdwComboRow *kind_row;
  WmFieldMapping *mapping; /* what the user chose (and what was remembered) */
  GHashTable *field_rows;  /* role -> AdwComboRow (the mapping page) */
  GtkStringList *field_choices; /* "none", then the layer's fields */
} LayerChoice;

/* One read of the import: a layer (or every layer, recognised) with its options. */
typedef struct
{
  char *layer;
  WmImportAs as;
  int basemap_class;
  WmFieldMapping *mapping;
} ImportJob;

struct _WmImportDialog
{
  AdwWindow parent_instance;

  WmWindow *window; /* weak */
  GtkStack *stack;
  GtkWidget *back_button;
  GtkWidget *cancel_button;
  GtkWidget *import_button;
  AdwWindowTitle *title;
  AdwPreferencesGroup *layers_group;
  AdwPreferencesGroup *options_group;
  GtkWidget *construction_row;
  GtkSwitch *construction_switch;
  GtkWidget *fields_button;
  AdwPreferencesPage *fields_page;
  GtkLabel *fields_notice;
  GPtrArray *field_groups; /* AdwPreferencesGroup* on the fields page */
  GtkProgressBar *progress;
  GtkLabel *progress_label;

  GFile *file;
  char *mapping_dir;
  GPtrArray *probe;  /* WmImportLayerInfo* */
  GPtrArray *layers; /* LayerChoice* */
  GCancellable *cancellable;
  GPtrArray *jobs;   /* ImportJob* */
  guint job;
  WmImportResult *merged;
  char *error;
  char *summary;
};

G_DEFINE_FINAL_TYPE (WmImportDialog, wm_import_dialog, ADW_TYPE_WINDOW)

enum
{
  PROBED,
  PROGRESS,
  IMPORT_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
layer_choice_free (LayerChoice *choice)
{
  wm_field_mapping_free (choice->mapping);
  g_clear_pointer (&choice->field_rows, g_hash_table_unref);
  g_clear_object (&choice->field_choices);
  g_free (choice);
}

static void
import_job_free (ImportJob *job)
{
  g_free (job->layer);
  if (job->mapping != NULL)
    wm_field_mapping_free (job->mapping);
  g_free (job);
}

static char *
source_key (WmImportDialog *self, const char *layer)
{
  g_autofree char *name = g_file_get_basename (self->file);

  /* Per file name and layer: the next delivery of the same register has the same names. */
  return g_strdup_printf ("%s:%s", name, layer);
}

static void
set_page (WmImportDialog *self, const char *page)
{
  gboolean layers = g_str_equal (page, "layers");
  gboolean fields = g_str_equal (page, "fields");

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (self->import_button, layers || fields);
  gtk_widget_set_visible (self->back_button, fields);
  /* While it runs, Cancel stops the import; the window's close button does the same. */
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  if (layers || fields)
    gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
}

const char *
wm_import_dialog_get_page (WmImportDialog *self)
{
  g_return_val_if_fail (WM_IS_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* The error dialog: the message names file, layer, feature and problem. */
static void
show_error (WmImportDialog *self, const char *heading, const char *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  wm_import_summary_show_message (GTK_WINDOW (self), heading, message);
}

const char *
wm_import_dialog_get_error (WmImportDialog *self)
{
  g_return_val_if_fail (WM_IS_IMPORT_DIALOG (self), NULL);
  return self->error;
}

const char *
wm_import_dialog_get_summary (WmImportDialog *self)
{
  g_return_val_if_fail (WM_IS_IMPORT_DIALOG (self), NULL);
  return self->summary;
}

/* The layers page */

static char *
layer_subtitle (LayerChoice *choice)
{
  GString *text = g_string_new (NULL);
  WmImportLayerInfo *info = choice->info;

  if (info->n_features >= 0)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, info->n_features);

      /* Translators: %s is a number of map features (objects) in a layer. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s feature", "%s features",
                                                 (gulong) info->n_features),
                              count);
    }
  if (info->as == WM_IMPORT_AS_AUTO)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, _("not recognised: choose what it holds"));
    }
  else if (info->missing_roles != NULL && info->missing_roles[0] != NULL)
    {
      g_autoptr (GPtrArray) labels = g_ptr_array_new ();

      for (guint i = 0; info->missing_roles[i] != NULL; i++)
        g_ptr_array_add (labels, (gpointer) wm_import_role_label (info->missing_roles[i]));
      g_ptr_array_add (labels, NULL);
      if (text->len > 0)
        g_string_append (text, " · ");
      {
        g_autofree char *joined = g_strjoinv (", ", (char **) labels->pdata);
        /* Translators: after the feature count of a layer; %s lists roles such as "Building
         * year". */
        g_string_append_printf (text, _("no field found for: %s"), joined);
      }
    }
  return g_string_free (text, FALSE);
}

static gboolean
any_layer_is (WmImportDialog *self, WmImportAs as)
{
  const WmImportKind *kinds;
  guint n;

  kinds = wm_import_kinds (&n);
  for (guint i = 0; i < self->layers->len; i++)
    {
      LayerChoice *choice = g_ptr_array_index (self->layers, i);

      if (kinds[adw_combo_row_get_selected (choice->kind_row)].as == as)
        return TRUE;
    }
  return FALSE;
}

static gboolean
any_layer_imported (WmImportDialog *self)
{
  for (guint i = 0; i < self->layers->len; i++)
    {
      LayerChoice *choice = g_ptr_array_index (self->layers, i);

      if (adw_combo_row_get_selected (choice->kind_row) != wm_import_kind_skip ())
        return TRUE;
    }
  return FALSE;
}

static void
update_sensitivity (WmImportDialog *self)
{
  gboolean buildings = any_layer_is (self, WM_IMPORT_AS_BUILDINGS);

  /* The only option is BAG's; without buildings there is nothing to choose. */
  gtk_widget_set_visible (self->construction_row, buildings);
  gtk_widget_set_visible (GTK_WIDGET (self->options_group), buildings);
  gtk_widget_set_sensitive (self->import_button, any_layer_imported (self));
}

static void
on_kind_selected (WmImportDialog *self)
{
  update_sensitivity (self);
}

static void
fill_layers (WmImportDialog *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *name = g_file_get_basename (self->file);
  const WmImportKind *kinds;
  guint n_kinds;

  kinds = wm_import_kinds (&n_kinds);
  for (guint k = 0; k < n_kinds; k++)
    gtk_string_list_append (labels, _(kinds[k].label));

  for (guint i = 0; i < self->probe->len; i++)
    {
      WmImportLayerInfo *info = g_ptr_array_index (self->probe, i);
      LayerChoice *choice = g_new0 (LayerChoice, 1);
      g_autofree char *subtitle = NULL;
      g_autofree char *key = NULL;
      g_autofree char *escaped = g_markup_escape_text (info->layer, -1);

      choice->info = info;
      choice->recognised = info->as == WM_IMPORT_AS_AUTO
                             ? wm_import_kind_skip ()
                             : wm_import_kind_find (info->as, info->basemap_class);
      choice->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_combo_row_set_model (choice->kind_row, G_LIST_MODEL (labels));
      adw_combo_row_set_selected (choice->kind_row, choice->recognised);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (choice->kind_row), escaped);
      subtitle = layer_subtitle (choice);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (choice->kind_row), subtitle);
      g_signal_connect_swapped (choice->kind_row, "notify::selected", G_CALLBACK (on_kind_selected),
                                self);
      adw_preferences_group_add (self->layers_group, GTK_WIDGET (choice->kind_row));

      /* What the user chose for this source last time is the starting point. */
      key = source_key (self, info->layer);
      choice->mapping = wm_field_mapping_lookup (self->mapping_dir, key);
      if (choice->mapping == NULL)
        choice->mapping = wm_field_mapping_new ();
      g_ptr_array_add (self->layers, choice);
    }
  adw_preferences_group_set_description (self->layers_group,
                                         _("Each layer is shown with what Wijkmix recognised it as. "
                                           "Change it where that is wrong, or skip it."));
  adw_window_title_set_subtitle (self->title, name);
  update_sensitivity (self);
}

static void
on_probe_finished (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (WmImportDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *probe = g_task_propagate_pointer (G_TASK (result), &error);

  if (probe == NULL)
    {
      g_autofree char *name = g_file_get_basename (self->file);
      g_autofree char *heading = g_strdup_printf (_("“%s” cannot be imported"), name);

      if (gtk_widget_in_destruction (GTK_WIDGET (self)))
        return;
      set_page (self, "choose");
      show_error (self, heading, error->message);
      g_signal_emit (self, signals[PROBED], 0, FALSE);
      return;
    }
  self->probe = probe;
  fill_layers (self);
  set_page (self, "layers");
  g_signal_emit (self, signals[PROBED], 0, TRUE);
}

static void
probe_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *probe = wm_import_probe (task_data, &error);

  if (probe == NULL)
    g_task_return_error (task, error);
  else if (probe->len == 0)
    {
      g_ptr_array_unref (probe);
      g_task_return_new_error (task, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                               _("“%s” holds no layer Wijkmix can read."), (char *) task_data);
    }
  else
    g_task_return_pointer (task, probe, (GDestroyNotify) g_ptr_array_unref);
}

void
wm_import_dialog_set_file (WmImportDialog *self, GFile *file)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (WM_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!wm_import_dialog_get_busy (self));

  g_set_object (&self->file, file);
  for (guint i = 0; i < self->layers->len; i++)
    adw_preferences_group_remove (self->layers_group,
                                  GTK_WIDGET (((LayerChoice *) g_ptr_array_index (self->layers, i))->kind_row));
  g_ptr_array_set_size (self->layers, 0);
  g_clear_pointer (&self->probe, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);

  path = g_file_get_path (file);
  set_page (self, "probing");
  /* Probing a large GeoPackage or a zip of GML counts features: a worker, not the UI. */
  task = g_task_new (NULL, NULL, on_probe_finished, g_object_ref (self));
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, probe_in_thread);
}

static void
on_choose_response (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  WmImportDialog *self = WM_IMPORT_DIALOG (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      wm_import_dialog_set_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
wm_import_dialog_choose_file (WmImportDialog *self)
{
  g_return_if_fail (WM_IS_IMPORT_DIALOG (self));

  wm_import_summary_choose_files (GTK_WINDOW (self), _("Add Data"), _("_Open"), FALSE,
                                  G_CALLBACK (on_choose_response), self);
}

guint
wm_import_dialog_get_n_layers (WmImportDialog *self)
{
  g_return_val_if_fail (WM_IS_IMPORT_DIALOG (self), 0);
  return self->layers->len;
}

static LayerChoice *
get_layer (WmImportDialog *self, guint layer)
{
  g_return_val_if_fail (layer < self->layers->len, NULL);
  return g_ptr_array_index (self->layers, layer);
}

const char *
wm_import_dialog_get_layer_name (WmImportDialog *self, guint layer)
{
  g_return_val_if_fail (WM_IS_IMPORT_DIALOG (self), NULL);
  return get_layer (self, layer)->info->layer;
}

gboolean
wm_import_dialog_get_layer_kind (WmImportDialog *self, guint layer, WmImportAs *as,
                                 int *basemap_class)
{
  const WmImportKind *kinds;
  guint n, selected;

  g_return_val_if_fail (WM_IS_IMPORT_DIALOG (self), FALSE);

  kinds = wm_import_kinds (&n);
  selected = adw_combo_row_get_selected (get_layer (self, layer)->kind_row);
  if (as != NULL)
    *as = kinds[selected].as;
  if (basemap_class != NULL)
    *basemap_class = kinds[selected].basemap_class;
  return selected != wm_import_kind_skip ();
}

void
wm_import_dialog_set_layer_kind (WmImportDialog *self, guint layer, WmImportAs as,
                                 int basemap_class)
{
  g_return_if_fail (WM_IS_IMPORT_DIALOG (self));
  adw_combo_row_set_selected (get_layer (self, layer)->kind_row,
                              as == WM_IMPORT_AS_AUTO ? wm_import_kind_skip ()
                                                      : wm_import_kind_find (as, basemap_class));
}

void
wm_import_dialog_set_include_construction (WmImportDialog *self, gboolean include)
{
  g_return_if_fail (WM_IS_IMPORT_DIALOG (self));
  gtk_switch_set_active (self->construction_switch, include);
}

void
wm_import_dialog_set_mapping_dir (WmImportDialog *self, const char *dir)
{
  g_return_if_fail (WM_IS_IMPORT_DIALOG (self));
  g_free (self->mapping_dir);
  self->mapping_dir = g_strdup (dir);
}

/* The field mapping page */

static void
on_field_selected (AdwComboRow *row, GParamSpec *pspec, LayerChoice *choice)
{
  const char *role = g_object_get_data (G_OBJECT (row), "wm-role");
  guint selected = adw_combo_row_get_selected (row);

  /* Position 0 is "not in this layer": the importer's own recognition applies. */
  wm_field_mapping_set (choice->mapping, role,
                        selected == 0 || selected == GTK_INVALID_LIST_POSITION
                          ? NULL
                          : gtk_string_list_get_string (choice->field_choices, selected));
}

static void
add_role (GPtrArray *roles, const char *role)
{
  for (guint i = 0; i < roles->len; i++)
    if (g_str_equal (g_ptr_array_index (roles, i), role))
      return;
  g_ptr_array_add (roles, (gpointer) role);
}

static guint
field_position (LayerChoice *choice, const char *field)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (choice->field_choices));

  if (field == NULL)
    return 0;
  for (guint i = 1; i < n; i++)
    if (g_ascii_strcasecmp (gtk_string_list_get_string (choice->field_choices, i), field) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* What the importer will take for @role when the user says nothing: the first of the role's
 * names the layer has. */
static const char *
recognised_field (LayerChoice *choice, GPtrArray *roles, const char *role)
{
  for (guint r = 0; r < roles->len; r++)
    {
      const WmFieldRole *known = g_ptr_array_index (roles, r);

      if (!g_str_equal (known->role, role))
        continue;
      for (guint c = 0; known->candidates != NULL && known->candidates[c] != NULL; c++)
        for (guint f = 0; choice->info->fields != NULL && choice->info->fields[f] != NULL; f++)
          if (g_ascii_strcasecmp (known->candidates[c], choice->info->fields[f]) == 0)
            return choice->info->fields[f];
    }
  return NULL;
}

static const char *
role_title (GPtrArray *roles, const char *role)
{
  for (guint r = 0; r < roles->len; r++)
    {
      const WmFieldRole *known = g_ptr_array_index (roles, r);

      if (g_str_equal (known->role, role) && known->label != NULL)
        return _(known->label);
    }
  return wm_import_role_label (role);
}

static void
fill_fields (WmImportDialog *self)
{
  const WmImportKind *kinds;
  guint n_kinds;

  kinds = wm_import_kinds (&n_kinds);
  for (guint i = 0; i < self->field_groups->len; i++)
    adw_preferences_page_remove (self->fields_page, g_ptr_array_index (self->field_groups, i));
  g_ptr_array_set_size (self->field_groups, 0);

  for (guint i = 0; i < self->layers->len; i++)
    {
      LayerChoice *choice = g_ptr_array_index (self->layers, i);
      g_autoptr (GPtrArray) roles = g_ptr_array_new ();
      g_autoptr (GPtrArray) set = wm_field_mapping_get_roles (choice->mapping);
      g_autofree char *escaped = g_markup_escape_text (choice->info->layer, -1);
      GtkWidget *group;
      g_autoptr (GPtrArray) kind_roles = NULL;

      if (adw_combo_row_get_selected (choice->kind_row) == wm_import_kind_skip ())
        continue;
      /* The roles of the chosen kind, those no field was found for, and those set before. */
      kind_roles = wm_import_kind_roles (kinds[adw_combo_row_get_selected (choice->kind_row)].as);
      for (guint r = 0; r < kind_roles->len; r++)
        add_role (roles, ((const WmFieldRole *) g_ptr_array_index (kind_roles, r))->role);
      for (guint r = 0; choice->info->missing_roles != NULL && choice->info->missing_roles[r]; r++)
        add_role (roles, choice->info->missing_roles[r]);
      for (guint r = 0; r < set->len; r++)
        add_role (roles, g_ptr_array_index (set, r));

      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped);
      g_clear_object (&choice->field_choices);
      choice->field_choices = gtk_string_list_new (NULL);
      gtk_string_list_append (choice->field_choices, _("Not in this layer"));
      for (guint f = 0; choice->info->fields != NULL && choice->info->fields[f] != NULL; f++)
        gtk_string_list_append (choice->field_choices, choice->info->fields[f]);
      g_clear_pointer (&choice->field_rows, g_hash_table_unref);
      choice->field_rows = g_hash_table_new (g_str_hash, g_str_equal);

      if (roles->len == 0)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _("Every field Wijkmix needs was recognised."));
      for (guint r = 0; r < roles->len; r++)
        {
          const char *role = g_ptr_array_index (roles, r);
          GtkWidget *row = adw_combo_row_new ();
          const char *chosen = wm_field_mapping_get (choice->mapping, role);
          guint position = field_position (choice, chosen);

          /* Pre-filled with what the importer recognises; only a change is remembered. */
          if (chosen == NULL)
            position = field_position (choice, recognised_field (choice, kind_roles, role));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         role_title (kind_roles, role));
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choice->field_choices));
          /* A remembered field this delivery no longer has: start from "not in this layer". */
          if (position == GTK_INVALID_LIST_POSITION)
            {
              position = 0;
              wm_field_mapping_set (choice->mapping, role, NULL);
            }
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
          g_object_set_data_full (G_OBJECT (row), "wm-role", g_strdup (role), g_free);
          g_signal_connect (row, "notify::selected", G_CALLBACK (on_field_selected), choice);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          g_hash_table_insert (choice->field_rows, g_object_get_data (G_OBJECT (row), "wm-role"), row);
        }
      adw_preferences_page_add (self->fields_page, ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->field_groups, group);
    }
}

void
wm_import_dialog_show_fields (WmImportDialog *self)
{
  g_return_if_fail (WM_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->layers->len > 0);

  fill_fields (self);
  set_page (self, "fields");
}

gboolean
wm_import_dialog_set_field (WmImportDialog *self, guint layer, const char *role, const char *field)
{
  LayerChoice *choice;
  AdwComboRow *row;
  guint position;

  g_return_val_if_fail (WM_IS_IMPORT_DIALOG (self), FALSE);

  choice = get_layer (self, layer);
  row = choice->field_rows != NULL ? g_hash_table_lookup (choice->field_rows, role) : NULL;
  if (row == NULL)
    return FALSE;
  position = field_position (choice, field);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  adw_combo_row_set_selected (row, position);
  return TRUE;
}

const char *
wm_import_dialog_get_field (WmImportDialog *self, guint layer, const char *role)
{
  LayerChoice *choice;
  AdwComboRow *row;
  guint position;

  g_return_val_if_fail (WM_IS_IMPORT_DIALOG (self), NULL);

  choice = get_layer (self, layer);
  row = choice->field_rows != NULL ? g_hash_table_lookup (choice->field_rows, role) : NULL;
  if (row == NULL)
    return NULL;
  position = adw_combo_row_get_selected (row);
  return position == 0 || position == GTK_INVALID_LIST_POSITION
           ? NULL : gtk_string_list_get_string (choice->field_choices, position);
}

/* Importing */

gboolean
wm_import_dialog_get_busy (WmImportDialog *self)
{
  g_return_val_if_fail (WM_IS_IMPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

static gboolean
mapping_is_empty (const WmFieldMapping *mapping)
{
  g_autoptr (GPtrArray) roles = wm_field_mapping_get_roles (mapping);

  return roles->len == 0;
}

/* One read when every layer is taken as recognised (a BAG GeoPackage is read as a whole: its
 * verblijfsobjecten belong to its panden); otherwise one per layer, as chosen. */
static GPtrArray *
make_jobs (WmImportDialog *self)
{
  GPtrArray *jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) import_job_free);
  gboolean as_recognised = TRUE;
  const WmImportKind *kinds;
  guint n;

  kinds = wm_import_kinds (&n);
  for (guint i = 0; i < self->layers->len; i++)
    {
      LayerChoice *choice = g_ptr_array_index (self->layers, i);

      if (adw_combo_row_get_selected (choice->kind_row) != choice->recognised
          || choice->recognised == wm_import_kind_skip () || !mapping_is_empty (choice->mapping))
        as_recognised = FALSE;
    }
  if (as_recognised)
    {
      ImportJob *job = g_new0 (ImportJob, 1);

      job->as = WM_IMPORT_AS_AUTO;
      job->basemap_class = -1;
      g_ptr_array_add (jobs, job);
      return jobs;
    }
  for (guint i = 0; i < self->layers->len; i++)
    {
      LayerChoice *choice = g_ptr_array_index (self->layers, i);
      guint selected = adw_combo_row_get_selected (choice->kind_row);
      ImportJob *job;

      if (selected == wm_import_kind_skip ())
        continue;
      job = g_new0 (ImportJob, 1);
      job->layer = g_strdup (choice->info->layer);
      job->as = kinds[selected].as;
      job->basemap_class = kinds[selected].basemap_class;
      job->mapping = mapping_is_empty (choice->mapping) ? NULL : wm_field_mapping_copy (choice->mapping);
      g_ptr_array_add (jobs, job);
    }
  return jobs;
}

static void run_job (WmImportDialog *self);

static void
finish (WmImportDialog *self, gboolean applied)
{
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  g_clear_pointer (&self->merged, wm_import_result_free);
  if (!applied && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    set_page (self, "layers");
  g_signal_emit (self, signals[IMPORT_FINISHED], 0, applied);
}

static void
remember_mappings (WmImportDialog *self)
{
  for (guint i = 0; i < self->layers->len; i++)
    {
      LayerChoice *choice = g_ptr_array_index (self->layers, i);
      g_autofree char *key = NULL;
      g_autoptr (GError) error = NULL;

      if (mapping_is_empty (choice->mapping))
        continue;
      key = source_key (self, choice->info->layer);
      /* Not worth failing an import over: the next import asks again. */
      if (!wm_field_mapping_remember (self->mapping_dir, key, choice->mapping, &error))
        g_warning ("Could not remember the field mapping of %s: %s", key, error->message);
    }
}

static void
apply_merged (WmImportDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_basename (self->file);
  WmBounds bounds = wm_import_summary_bounds (self->merged);
  WmImportCounts before, after, added;
  AdwToast *toast;

  if (self->window == NULL)
    {
      finish (self, FALSE);
      return;
    }
  before = wm_import_counts_of_plan (wm_window_get_plan (self->window));
  if (!wm_import_apply (wm_window_get_document (self->window), self->merged, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("“%s” could not be imported"), name);

      show_error (self, heading, error->message);
      finish (self, FALSE);
      return;
    }
  remember_mappings (self);
  g_clear_pointer (&self->summary, g_free);
  after = wm_import_counts_of_plan (wm_window_get_plan (self->window));
  added = wm_import_counts_added (&before, &after, self->merged);
  toast = wm_import_summary_toast (&added, self->merged->notes, name, GTK_WINDOW (self->window),
                                   &self->summary);
  wm_window_add_toast (self->window, toast);
  /* What came in is seen at once, unless it is in view already. */
  if (!wm_bounds_is_empty (&bounds))
    wm_window_show_imported (self->window, &bounds,
                             before.buildings + before.areas + before.facilities + before.basemap
                               == 0);
  finish (self, TRUE);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_progress (double fraction, gpointer user_data)
{
  WmImportDialog *self = user_data;
  double total;

  if (self->jobs == NULL || self->cancellable == NULL)
    return;
  total = (self->job + CLAMP (fraction, 0, 1)) / self->jobs->len;
  gtk_progress_bar_set_fraction (self->progress, total);
  g_signal_emit (self, signals[PROGRESS], 0, total);
}

static void
on_read_finished (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (WmImportDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmImportResult) read = wm_import_read_finish (result, &error);

  /* Cancelled, even when the worker had just finished: the project stays as it was. */
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      finish (self, FALSE);
      return;
    }
  if (read == NULL)
    {
      g_autofree char *name = g_file_get_basename (self->file);
      g_autofree char *heading = g_strdup_printf (_("“%s” could not be imported"), name);

      if (g_error_matches (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_FIELDS))
        {
          /* The mapping page is where that is put right. */
          finish (self, FALSE);
          gtk_label_set_text (self->fields_notice, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->fields_notice), TRUE);
          g_free (self->error);
          self->error = g_strdup (error->message);
          wm_import_dialog_show_fields (self);
          return;
        }
      show_error (self, heading, error->message);
      finish (self, FALSE);
      return;
    }
  if (self->merged == NULL)
    self->merged = g_steal_pointer (&read);
  else
    wm_import_summary_merge (self->merged, read);
  self->job++;
  if (self->job < self->jobs->len)
    run_job (self);
  else
    apply_merged (self);
}

static void
run_job (WmImportDialog *self)
{
  ImportJob *job = g_ptr_array_index (self->jobs, self->job);
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;
  g_autofree char *path = g_file_get_path (self->file);

  options.as = job->as;
  options.layer = job->layer;
  options.mapping = job->mapping;
  options.basemap_class = job->basemap_class;
  options.include_construction = gtk_switch_get_active (self->construction_switch);
  wm_import_read_async (path, &options, on_progress, self, self->cancellable, on_read_finished,
                        g_object_ref (self));
}

void
wm_import_dialog_start (WmImportDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (WM_IS_IMPORT_DIALOG (self));
  g_return_if_fail (!wm_import_dialog_get_busy (self));
  g_return_if_fail (self->file != NULL && self->layers->len > 0);

  if (!any_layer_imported (self))
    return;
  g_clear_pointer (&self->error, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_notice), FALSE);
  self->jobs = make_jobs (self);
  self->job = 0;
  self->cancellable = g_cancellable_new ();
  name = g_file_get_basename (self->file);
  /* Translators: over the progress bar of an import. */
  text = g_strdup_printf (_("Reading “%s”…"), name);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress, 0);
  set_page (self, "progress");
  run_job (self);
}

void
wm_import_dialog_cancel (WmImportDialog *self)
{
  g_return_if_fail (WM_IS_IMPORT_DIALOG (self));

  if (self->cancellable != NULL)
    {
      /* The worker stops at its next check; its result, if any, is thrown away. */
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_text (self->progress_label, _("Cancelling…"));
      gtk_widget_set_sensitive (self->cancel_button, FALSE);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_cancel_clicked (WmImportDialog *self)
{
  wm_import_dialog_cancel (self);
}

static void
on_import_clicked (WmImportDialog *self)
{
  wm_import_dialog_start (self);
}

static void
on_back_clicked (WmImportDialog *self)
{
  set_page (self, "layers");
}

static void
on_fields_clicked (WmImportDialog *self)
{
  wm_import_dialog_show_fields (self);
}

static void
on_choose_clicked (WmImportDialog *self)
{
  wm_import_dialog_choose_file (self);
}

static gboolean
wm_import_dialog_close_request (GtkWindow *window)
{
  WmImportDialog *self = WM_IMPORT_DIALOG (window);

  /* Closing while it reads is Cancel: nothing is applied. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (wm_import_dialog_parent_class)->close_request (window);
}

static void
wm_import_dialog_dispose (GObject *object)
{
  WmImportDialog *self = WM_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->window);
  G_OBJECT_CLASS (wm_import_dialog_parent_class)->dispose (object);
}

static void
wm_import_dialog_finalize (GObject *object)
{
  WmImportDialog *self = WM_IMPORT_DIALOG (object);

  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_free (self->mapping_dir);
  g_ptr_array_unref (self->layers);
  g_ptr_array_unref (self->field_groups);
  g_clear_pointer (&self->probe, g_ptr_array_unref);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  g_clear_pointer (&self->merged, wm_import_result_free);
  g_free (self->error);
  g_free (self->summary);
  G_OBJECT_CLASS (wm_import_dialog_parent_class)->finalize (object);
}

static void
wm_import_dialog_class_init (WmImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wm_import_dialog_dispose;
  object_class->finalize = wm_import_dialog_finalize;
  window_class->close_request = wm_import_dialog_close_request;

  signals[PROBED] = g_signal_new ("probed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  signals[IMPORT_FINISHED] = g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                           G_TYPE_BOOLEAN);
}

static void
wm_import_dialog_init (WmImportDialog *self)
{
  GtkWidget *box, *header, *page, *status, *button, *progress_box, *fields_box;
  GtkWidget *layers_page;

  self->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) layer_choice_free);
  self->field_groups = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Add Data"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 600);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Add Data"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->cancel_button);
  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back_button, _("Back to the layers"));
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (on_back_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back_button);
  self->import_button = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (on_import_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->import_button);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  /* Step 1: a file. */
  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "document-open-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Choose a File"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("BAG or CBS GeoPackage, BGT zip from PDOK, GeoJSON, "
                                     "Shapefile, FlatGeobuf, OpenStreetMap, or the corporation's "
                                     "property list (CSV or Excel)."));
  button = gtk_button_new_with_mnemonic (_("_Choose File…"));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_choose_clicked), self);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), button);
  gtk_stack_add_named (self->stack, status, "choose");

  /* While the file is looked at. */
  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_valign (page, GTK_ALIGN_CENTER);
  {
    GtkWidget *spinner = gtk_spinner_new ();
    GtkWidget *label = gtk_label_new (_("Looking at the file…"));

    gtk_spinner_start (GTK_SPINNER (spinner));
    gtk_widget_set_size_request (spinner, 32, 32);
    gtk_box_append (GTK_BOX (page), spinner);
    gtk_box_append (GTK_BOX (page), label);
  }
  gtk_stack_add_named (self->stack, page, "probing");

  /* Step 2: its layers, what they become, and the options. */
  layers_page = adw_preferences_page_new ();
  self->layers_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->layers_group, _("Layers"));
  self->fields_button = gtk_button_new_with_mnemonic (_("Check _Fields…"));
  gtk_widget_add_css_class (self->fields_button, "flat");
  gtk_widget_set_tooltip_text (self->fields_button,
                               _("Which field holds the number of dwellings, the year, the use…"));
  g_signal_connect_swapped (self->fields_button, "clicked", G_CALLBACK (on_fields_clicked), self);
  adw_preferences_group_set_header_suffix (self->layers_group, self->fields_button);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (layers_page), self->layers_group);

  self->options_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->options_group, _("Options"));
  self->construction_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->construction_row),
                                 _("Include buildings under construction"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->construction_row),
                               _("BAG status “bouw gestart”; otherwise only buildings in use"));
  self->construction_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->construction_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->construction_row),
                             GTK_WIDGET (self->construction_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->construction_row),
                                         GTK_WIDGET (self->construction_switch));
  adw_preferences_group_add (self->options_group, self->construction_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (layers_page), self->options_group);
  gtk_stack_add_named (self->stack, layers_page, "layers");

  /* Step 3 (when needed or asked for): which field plays which role. */
  fields_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  self->fields_notice = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->fields_notice, TRUE);
  gtk_label_set_xalign (self->fields_notice, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->fields_notice), "error");
  gtk_widget_set_margin_start (GTK_WIDGET (self->fields_notice), 24);
  gtk_widget_set_margin_end (GTK_WIDGET (self->fields_notice), 24);
  gtk_widget_set_margin_top (GTK_WIDGET (self->fields_notice), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_notice), FALSE);
  gtk_box_append (GTK_BOX (fields_box), GTK_WIDGET (self->fields_notice));
  self->fields_page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->fields_page), TRUE);
  {
    GtkWidget *intro = gtk_label_new (_("Choose the field of each layer that holds each kind of "
                                        "information. Wijkmix remembers the choice for the next "
                                        "file with the same name."));

    gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
    gtk_label_set_xalign (GTK_LABEL (intro), 0);
    gtk_widget_add_css_class (intro, "dim-label");
    gtk_widget_set_margin_start (intro, 24);
    gtk_widget_set_margin_end (intro, 24);
    gtk_widget_set_margin_top (intro, 12);
    gtk_box_append (GTK_BOX (fields_box), intro);
  }
  gtk_box_append (GTK_BOX (fields_box), GTK_WIDGET (self->fields_page));
  gtk_stack_add_named (self->stack, fields_box, "fields");

  /* Step 4: the import runs. */
  progress_box = wm_import_summary_new_progress_page (_("Cancel leaves the project as it was."),
                                                      &self->progress_label, &self->progress);
  gtk_stack_add_named (self->stack, progress_box, "progress");

  adw_window_set_content (ADW_WINDOW (self), box);
  set_page (self, "choose");
}

WmImportDialog *
wm_import_dialog_new (WmWindow *window)
{
  WmImportDialog *self;

  g_return_val_if_fail (WM_IS_WINDOW (window), NULL);

  self = g_object_new (WM_TYPE_IMPORT_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  return self;
}
