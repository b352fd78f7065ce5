/* wm-window-exchange.c: import and export of changes (JSON) and of the indicators
 *
 * The files are the ones wijkmix-cli reads and writes: a changes document
 * (docs/changes-json.md) and the indicator report (wm-indicator-report.h). The Export menu
 * (wm-window-export.c) chooses the files the two exports write.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-history.h"
#include "wm-indicator-report.h"
#include "wm-proposal-json.h"
#include "wm-window-private.h"

gboolean
wm_window_import_changes (WmWindow *self, GFile *file, GError **error)
{
  WmPlan *plan = wm_window_get_plan (self);
  g_autoptr (GPtrArray) proposals = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = g_file_get_basename (file);
  gsize length;

  if (!g_file_load_contents (file, NULL, &data, &length, NULL, error))
    return FALSE;
  /* The whole document is checked before anything is added, and added as one step or not. */
  proposals = wm_proposals_import_json_data (data, length, name, plan, error);
  if (proposals == NULL)
    return FALSE;
  return wm_proposals_json_add (wm_window_get_history (self), NULL, proposals, name, error);
}

static gboolean
replace_contents (GFile *file, const char *text, GError **error)
{
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  NULL, error);
}

gboolean
wm_window_export_changes (WmWindow *self, GFile *file, GError **error)
{
  WmScenario *scenario = wm_plan_get_active_scenario (wm_window_get_plan (self));
  g_autofree char *text = wm_proposals_to_json_data (wm_scenario_get_proposals (scenario), NULL);

  return replace_contents (file, text, error);
}

gboolean
wm_window_export_indicators (WmWindow *self, GFile *file, GError **error)
{
  g_autofree char *text = wm_indicator_report_to_json (wm_window_get_engine (self));

  return replace_contents (file, text, error);
}

static void
on_import_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  WmWindow *self = WM_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr (GError) error = NULL;

      if (!wm_window_import_changes (self, file, &error))
        {
          GtkWidget *message = adw_message_dialog_new (
              GTK_WINDOW (self), _("The changes could not be imported"), error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (message));
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_import_changes_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  WmWindow *self = WM_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Import Changes"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("JSON files"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
wm_window_exchange_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-changes", NULL,
                                   on_import_changes_activated);
}
