/* test-export-ui.c: the window's Export menu, its file chooser, progress, errors and print
 *
 * The exports go through the real actions: win.export-csv opens the file chooser (outside a
 * sandbox GTK shows its own dialog for a GtkFileChooserNative, so the test fills it in and
 * accepts it), the rest through wm_window_export_to_file(), which the actions call once a file
 * is chosen. Every wait is for "export-finished" or a condition of the UI. With
 * WM_SCREENSHOT_DIR set, the window is also saved with the Export menu open.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>
#include <locale.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "wm-test-util.h"
#include "wm-window-private.h"

static WmApplication *app;
static char *recovery_dir;

static char *run_tool (const char *const *argv);

/* Each action name in @model and the menus below it, into @names. */
static void
collect_actions (GMenuModel *model, GPtrArray *names)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr (GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_ptr_array_add (names, g_steal_pointer (&action));
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          collect_actions (link, names);
          g_object_unref (link);
        }
    }
}

static gboolean
holds (GPtrArray *names, const char *name)
{
  return g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL);
}

static void
collect_menu_buttons (GtkWidget *widget, GPtrArray *buttons)
{
  if (GTK_IS_MENU_BUTTON (widget))
    g_ptr_array_add (buttons, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_menu_buttons (child, buttons);
}

static const char *const export_actions[] = {
  "win.export-report", "win.export-poster", "win.print", "win.export-png",
  "win.export-csv", "win.export-checklist-csv", "win.export-xlsx", "win.export-gpkg",
  "win.export-geojson", "win.export-changes", "win.export-indicators",
};

/* The tests run in English; the screenshots are taken in Dutch too. */
static gboolean
in_english (void)
{
  const char *lang = g_getenv ("LANGUAGE");

  return lang == NULL || g_str_has_prefix (lang, "en");
}

/* One Export menu holds every export, and no other menu holds one. */
static void
test_export_menu (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  GtkMenuButton *button = wm_window_get_export_button (window);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
  g_auto (GStrv) accels = NULL;

  g_assert_nonnull (button);
  collect_actions (gtk_menu_button_get_menu_model (button), names);
  for (guint i = 0; i < G_N_ELEMENTS (export_actions); i++)
    if (!holds (names, export_actions[i]))
      g_error ("the Export menu misses %s", export_actions[i]);
  g_assert_cmpuint (names->len, ==, G_N_ELEMENTS (export_actions));

  collect_menu_buttons (GTK_WIDGET (window), buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *other = buttons->pdata[i];
      g_autoptr (GPtrArray) other_names = g_ptr_array_new_with_free_func (g_free);

      if (other == button || gtk_menu_button_get_menu_model (other) == NULL)
        continue;
      collect_actions (gtk_menu_button_get_menu_model (other), other_names);
      for (guint j = 0; j < G_N_ELEMENTS (export_actions); j++)
        g_assert_false (holds (other_names, export_actions[j]));
    }

  /* Ctrl+E opens the menu, Ctrl+P prints. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-export-menu");
  g_assert_cmpstr (accels[0], ==, "<Control>e");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.print");
  g_assert_cmpstr (accels[0], ==, "<Control>p");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-export-menu", NULL));
  wm_test_wait_until ((WmTestCondition) gtk_widget_get_mapped,
                      gtk_menu_button_get_popover (button), "the Export menu to open");
  gtk_menu_button_popdown (button);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Names from the project and scenario; the extension is added when it is left out. */
static void
test_export_names (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  const char *scenario = wm_scenario_get_name (wm_plan_get_active_scenario (plan));
  g_autofree char *base = g_strdup_printf ("%s - %s", wm_plan_get_name (plan), scenario);
  g_autofree char *report = wm_window_export_suggest_name (window, WM_EXPORT_REPORT);
  g_autofree char *poster = wm_window_export_suggest_name (window, WM_EXPORT_POSTER);
  g_autofree char *csv = wm_window_export_suggest_name (window, WM_EXPORT_CSV);
  g_autofree char *xlsx = wm_window_export_suggest_name (window, WM_EXPORT_XLSX);
  g_autofree char *gpkg = wm_window_export_suggest_name (window, WM_EXPORT_GPKG);
  g_autofree char *expected = NULL;
  g_autoptr (GFile) bare = g_file_new_for_path ("/tmp/Plan A");
  g_autoptr (GFile) upper = g_file_new_for_path ("/tmp/Plan A.PDF");
  g_autoptr (GFile) other = g_file_new_for_path ("/tmp/Plan A.pdf.txt");
  g_autoptr (GFile) with_pdf = wm_window_export_add_extension (bare, WM_EXPORT_REPORT);
  g_autoptr (GFile) kept = wm_window_export_add_extension (upper, WM_EXPORT_REPORT);
  g_autoptr (GFile) geojson = wm_window_export_add_extension (other, WM_EXPORT_GEOJSON);
  g_autofree char *with_pdf_path = g_file_get_path (with_pdf);
  g_autofree char *geojson_path = g_file_get_path (geojson);

  g_strdelimit (base, "/\\:", '-');
  /* The words in the names are translated; the tests run in English. */
  if (!in_english ())
    {
      g_test_skip ("the names are checked in English");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  expected = g_strconcat (base, ".pdf", NULL);
  g_assert_cmpstr (report, ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_strconcat (base, " - poster.pdf", NULL);
  g_assert_cmpstr (poster, ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_strconcat (base, " - indicators.csv", NULL);
  g_assert_cmpstr (csv, ==, expected);
  g_clear_pointer (&expected, g_free);
  /* Every scenario: the project's name only. */
  expected = g_strconcat (wm_plan_get_name (plan), ".xlsx", NULL);
  g_strdelimit (expected, "/\\:", '-');
  g_assert_cmpstr (xlsx, ==, expected);
  /* Never the project's own name: that is a GeoPackage too. */
  g_assert_true (g_str_has_suffix (gpkg, " - GIS layers.gpkg"));

  g_assert_cmpstr (with_pdf_path, ==, "/tmp/Plan A.pdf");
  g_assert_true (g_file_equal (kept, upper));
  g_assert_cmpstr (geojson_path, ==, "/tmp/Plan A.pdf.txt.geojson");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The file chooser GTK shows for a GtkFileChooserNative outside a sandbox. */
static gboolean
find_chooser (gpointer out)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        {
          *(GtkWidget **) out = GTK_WIDGET (item);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
has_current_folder (gpointer chooser)
{
  g_autoptr (GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));

  return folder != NULL;
}

/* Waits until the chooser shows its folder, then checks it is @expected. */
static void
assert_chooser_folder (GtkWidget *chooser, GFile *expected)
{
  g_autoptr (GFile) current = NULL;
  g_autofree char *path = NULL;

  wm_test_wait_until (has_current_folder, chooser, "the chooser to show a folder");
  current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
  path = g_file_get_path (current);
  g_test_message ("the chooser shows %s", path);
  g_assert_true (g_file_equal (current, expected));
}

static GtkWidget *
wait_for_chooser (void)
{
  GtkWidget *chooser = NULL;

  wm_test_wait_until (find_chooser, &chooser, "the export's file chooser");
  return chooser;
}

static gboolean
is_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (GTK_WIDGET (widget));
}

/* What a click on the chooser's accept button does (the dialog checks the name first, then
 * responds). */
static void
accept_chooser (GtkWidget *chooser)
{
  GtkWidget *button = gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser),
                                                          GTK_RESPONSE_ACCEPT);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate (button));
}

static void
cancel_chooser (GtkWidget *chooser)
{
  g_autoptr (GtkWidget) keep = g_object_ref (chooser);

  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  wm_test_wait_until (is_hidden, chooser, "the chooser to close");
}

static AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item))
          && gtk_window_get_transient_for (GTK_WINDOW (item)) == parent)
        return ADW_MESSAGE_DIALOG (item);
    }
  return NULL;
}

static void
close_message (AdwMessageDialog *dialog)
{
  g_autoptr (AdwMessageDialog) keep = g_object_ref (dialog);

  adw_message_dialog_response (dialog, "close");
  gtk_window_close (GTK_WINDOW (dialog));
  wm_test_wait_until (is_hidden, dialog, "the message dialog to close");
}

typedef struct
{
  GFile *file;
  gboolean written;
  guint count;
} Finished;

static void
on_export_finished (WmWindow *window, GFile *file, gboolean written, Finished *finished)
{
  g_set_object (&finished->file, file);
  finished->written = written;
  finished->count++;
}

static gboolean
finished_once (gpointer data)
{
  return ((Finished *) data)->count > 0;
}

/* Exports @format to @file and waits for its end; returns whether it was written. */
static gboolean
export_and_wait (WmWindow *window, WmExportFormat format, GFile *file)
{
  Finished finished = { 0 };
  gulong id = g_signal_connect (window, "export-finished", G_CALLBACK (on_export_finished),
                                &finished);

  wm_window_export_to_file (window, format, file);
  wm_test_wait_until (finished_once, &finished, "\"export-finished\"");
  g_signal_handler_disconnect (window, id);
  g_assert_true (g_file_equal (finished.file, file));
  g_assert_false (wm_window_export_get_running (window));
  g_clear_object (&finished.file);
  return finished.written;
}

static guint
n_entries (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (listing);
  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

/* The lines of a CSV file (CRLF). */
static GStrv
read_lines (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) lines = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_strv_builder_add (builder, lines[i]);
  return g_strv_builder_end (builder);
}

/* The whole way through the menu's action: the chooser opens in the last export's folder with
 * the suggested name, a name typed without extension gets it, the CSV is written; the next
 * chooser opens where the last export went. */
static void
test_export_csv_through_chooser (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  g_autofree char *dir = g_dir_make_tmp ("wm-export-ui-XXXXXX", NULL);
  g_autofree char *other_dir = g_dir_make_tmp ("wm-export-ui-other-XXXXXX", NULL);
  g_autofree char *other_path = g_build_filename (other_dir, "checklist.csv", NULL);
  g_autoptr (GFile) folder = g_file_new_for_path (dir);
  g_autoptr (GFile) other_folder = g_file_new_for_path (other_dir);
  g_autoptr (GFile) other_file = g_file_new_for_path (other_path);
  g_autoptr (GFile) expected = g_file_get_child (folder, "from the menu.csv");
  g_autofree char *suggested = wm_window_export_suggest_name (window, WM_EXPORT_CSV);
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *remembered = NULL;
  g_autofree char *current_name = NULL;
  Finished finished = { 0 };
  GtkWidget *chooser;
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) header = NULL;
  guint n_areas = g_list_model_get_n_items (wm_plan_get_areas (plan));

  g_settings_set_string (settings, "export-folder", dir);
  g_signal_connect (window, "export-finished", G_CALLBACK (on_export_finished), &finished);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-csv", NULL));
  chooser = wait_for_chooser ();
  current_name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (current_name, ==, suggested);
  assert_chooser_folder (chooser, folder);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "from the menu");
  accept_chooser (chooser);
  wm_test_wait_until (finished_once, &finished, "\"export-finished\" after the chooser");
  g_assert_true (finished.written);
  g_assert_true (g_file_equal (finished.file, expected));
  g_assert_null (find_message_dialog (GTK_WINDOW (window)));
  /* Only the file: no temporary file beside it. */
  g_assert_cmpuint (n_entries (dir), ==, 1);

  lines = read_lines (expected);
  header = g_strsplit (lines[0], ",", -1);
  g_assert_cmpstr (header[0], ==, "scenario");
  g_assert_cmpstr (header[1], ==, "area_id");
  g_assert_cmpstr (header[2], ==, "area_name");
  g_assert_cmpstr (header[3], ==, "dwellings");
  /* The whole plan, each area, perhaps the dwellings outside every area. */
  g_assert_cmpuint (g_strv_length (lines) - 1, >=, 1 + n_areas);
  g_assert_cmpuint (g_strv_length (lines) - 1, <=, 2 + n_areas);
  for (guint i = 0; i < n_areas; i++)
    {
      g_autoptr (WmArea) area = g_list_model_get_item (wm_plan_get_areas (plan), i);
      g_autofree char *cell = g_strconcat (",", wm_area_get_id (area), ",", NULL);
      guint hits = 0;

      for (guint row = 1; lines[row] != NULL; row++)
        if (strstr (lines[row], cell) != NULL)
          hits++;
      g_assert_cmpuint (hits, ==, 1);
    }

  /* An export elsewhere moves the remembered folder; the next chooser opens there. */
  g_assert_true (export_and_wait (window, WM_EXPORT_CHECKLIST_CSV, other_file));
  remembered = g_settings_get_string (settings, "export-folder");
  g_assert_cmpstr (remembered, ==, other_dir);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-checklist-csv",
                                             NULL));
  chooser = wait_for_chooser ();
  assert_chooser_folder (chooser, other_folder);
  cancel_chooser (chooser);
  g_assert_cmpuint (finished.count, ==, 2);

  g_clear_object (&finished.file);
  g_signal_handlers_disconnect_by_func (window, on_export_finished, &finished);
  gtk_window_destroy (GTK_WINDOW (window));
  wm_test_remove_dir (dir);
  wm_test_remove_dir (other_dir);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static gboolean
find_any_message (gpointer data)
{
  struct { GtkWindow *parent; AdwMessageDialog *found; } *find = data;

  find->found = find_message_dialog (find->parent);
  return find->found != NULL;
}

static AdwMessageDialog *
wait_for_message (GtkWindow *parent)
{
  struct { GtkWindow *parent; AdwMessageDialog *found; } find = { parent, NULL };

  wm_test_wait_until (find_any_message, &find, "a message over the window");
  return find.found;
}

/* The JSON files of the Export menu: the same chooser, the extension added; a name that,
 * with the extension, is an existing file is only replaced when the user says so. */
static void
test_export_json_through_chooser (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  g_autofree char *dir = g_dir_make_tmp ("wm-export-json-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "changes for Doesburg.json", NULL);
  g_autofree char *existing = g_build_filename (dir, "existing.json", NULL);
  g_autoptr (GFile) folder = g_file_new_for_path (dir);
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *current_name = NULL;
  g_autofree char *text = NULL;
  GtkWidget *chooser;
  AdwMessageDialog *message;

  g_settings_set_string (settings, "export-folder", dir);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-changes", NULL));
  chooser = wait_for_chooser ();
  current_name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_suffix (current_name, in_english () ? " - changes.json" : ".json"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "changes for Doesburg");
  accept_chooser (chooser);
  wm_test_wait_until (file_exists, path, "the changes file");
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  /* "existing" + ".json" is there already: asked first. */
  g_assert_true (g_file_set_contents (existing, "keep", -1, NULL));
  for (int round = 0; round < 2; round++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-indicators",
                                                 NULL));
      chooser = wait_for_chooser ();
      assert_chooser_folder (chooser, folder);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "existing");
      accept_chooser (chooser);
      message = wait_for_message (GTK_WINDOW (window));
      g_assert_nonnull (strstr (adw_message_dialog_get_heading (message), "existing.json"));
      {
        g_autoptr (AdwMessageDialog) keep = g_object_ref (message);

        /* What a click on a button does. */
        adw_message_dialog_response (message, round == 0 ? "cancel" : "replace");
        gtk_window_close (GTK_WINDOW (message));
        wm_test_wait_until (is_hidden, message, "the question to close");
      }
      g_clear_pointer (&text, g_free);
      g_assert_true (g_file_get_contents (existing, &text, NULL, NULL));
      if (round == 0)
        g_assert_cmpstr (text, ==, "keep");
      else
        {
          json_parser_load_from_data (parser, text, -1, &error);
          g_assert_no_error (error);
        }
    }
  g_assert_cmpuint (n_entries (dir), ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
  wm_test_remove_dir (dir);
}

/* A folder this process cannot write: a temporary one made read-only, or, for root (who
 * writes anyway), one of sysfs. @made: whether the caller removes it. */
static char *
read_only_dir (gboolean *made)
{
  g_autofree char *dir = g_dir_make_tmp ("wm-export-ro-XXXXXX", NULL);

  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  if (access (dir, W_OK) != 0)
    {
      *made = TRUE;
      return g_steal_pointer (&dir);
    }
  g_chmod (dir, 0755);
  g_rmdir (dir);
  g_test_message ("running as root: /sys/kernel stands in for a read-only folder");
  *made = FALSE;
  return g_strdup ("/sys/kernel");
}

/* A read-only or missing folder: a dialog names the file, nothing is left behind. */
static void
test_export_errors (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  gboolean made = FALSE;
  g_autofree char *ro_dir = read_only_dir (&made);
  g_autofree char *ro_path = g_build_filename (ro_dir, "Plan A - indicators.csv", NULL);
  g_autoptr (GFile) ro_file = g_file_new_for_path (ro_path);
  g_autofree char *tmp = g_dir_make_tmp ("wm-export-missing-XXXXXX", NULL);
  g_autofree char *missing_path = g_build_filename (tmp, "gone", "Plan A.xlsx", NULL);
  g_autoptr (GFile) missing_file = g_file_new_for_path (missing_path);
  guint before = made ? n_entries (ro_dir) : 0;
  AdwMessageDialog *message;

  g_assert_false (export_and_wait (window, WM_EXPORT_CSV, ro_file));
  message = find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (message),
                            "Plan A - indicators.csv"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), ro_dir));
  if (in_english ())
    g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "Choose another folder"));
  g_assert_false (g_file_test (ro_path, G_FILE_TEST_EXISTS));
  if (made)
    g_assert_cmpuint (n_entries (ro_dir), ==, before);
  close_message (message);

  g_assert_false (export_and_wait (window, WM_EXPORT_XLSX, missing_file));
  message = find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (message), "Plan A.xlsx"));
  if (in_english ())
    g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "Choose another folder"));
  close_message (message);
  g_assert_cmpuint (n_entries (tmp), ==, 0);

  /* A full disk, when WM_TEST_FULL_DIR names a folder on one (e.g. a 16 kB tmpfs): the report
   * does not fit, the message says so, nothing is left there. */
  if (g_getenv ("WM_TEST_FULL_DIR") != NULL)
    {
      const char *full_dir = g_getenv ("WM_TEST_FULL_DIR");
      g_autofree char *full_path = g_build_filename (full_dir, "report.pdf", NULL);
      g_autoptr (GFile) full_file = g_file_new_for_path (full_path);
      guint full_before = n_entries (full_dir);

      g_assert_false (export_and_wait (window, WM_EXPORT_REPORT, full_file));
      message = find_message_dialog (GTK_WINDOW (window));
      g_assert_nonnull (message);
      g_test_message ("disk full: %s", adw_message_dialog_get_body (message));
      if (in_english ())
        g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "Make room"));
      close_message (message);
      g_assert_cmpuint (n_entries (full_dir), ==, full_before);
    }

  /* After an error the next export runs. */
  {
    g_autofree char *ok_path = g_build_filename (tmp, "after.geojson", NULL);
    g_autoptr (GFile) ok_file = g_file_new_for_path (ok_path);

    g_assert_true (export_and_wait (window, WM_EXPORT_GEOJSON, ok_file));
    g_assert_true (g_file_test (ok_path, G_FILE_TEST_IS_REGULAR));
    g_assert_null (find_message_dialog (GTK_WINDOW (window)));
  }

  if (made)
    {
      g_chmod (ro_dir, 0755);
      wm_test_remove_dir (ro_dir);
    }
  wm_test_remove_dir (tmp);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The project's own file is refused before anything runs, and stays as it was. */
static void
test_export_over_project (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  g_autofree char *dir = g_dir_make_tmp ("wm-export-project-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "project.gpkg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize before_length, after_length;
  AdwMessageDialog *message;

  g_assert_true (wm_window_save_to (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));
  g_assert_false (export_and_wait (window, WM_EXPORT_GPKG, file));
  message = find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (message), "project.gpkg"));
  close_message (message);
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
  g_assert_cmpuint (n_entries (dir), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  wm_test_remove_dir (dir);
}

/* One export at a time; a cancel leaves no file, or the whole one when it was too late. */
static void
test_export_one_at_a_time (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  g_autofree char *dir = g_dir_make_tmp ("wm-export-busy-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *second_path = g_build_filename (dir, "second.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) second = g_file_new_for_path (second_path);
  Finished finished = { 0 };

  g_signal_connect (window, "export-finished", G_CALLBACK (on_export_finished), &finished);
  g_assert_true (wm_window_export_to_file (window, WM_EXPORT_REPORT, file));
  g_assert_true (wm_window_export_get_running (window));
  g_assert_false (wm_window_export_to_file (window, WM_EXPORT_CSV, second));
  wm_window_export_cancel (window);
  wm_test_wait_until (finished_once, &finished, "\"export-finished\" after a cancel");
  g_assert_cmpuint (finished.count, ==, 1);
  g_assert_false (g_file_test (second_path, G_FILE_TEST_EXISTS));
  if (finished.written)
    {
      g_test_message ("the report was done before the cancel reached it");
      g_assert_cmpuint (n_entries (dir), ==, 1);
    }
  else
    {
      g_assert_cmpuint (n_entries (dir), ==, 0);
      /* A cancel is the user's choice: no error dialog. */
      g_assert_null (find_message_dialog (GTK_WINDOW (window)));
    }
  g_clear_object (&finished.file);
  g_signal_handlers_disconnect_by_func (window, on_export_finished, &finished);
  gtk_window_destroy (GTK_WINDOW (window));
  wm_test_remove_dir (dir);
}

static gboolean
progress_shown (gpointer window)
{
  return wm_window_export_get_progress_toast (window) != NULL;
}

static void
on_fraction (GtkProgressBar *bar, GParamSpec *pspec, double *most)
{
  *most = MAX (*most, gtk_progress_bar_get_fraction (bar));
}

/* A report that is still running shows a toast with its name and how far it got; it goes
 * when the report is written. */
static void
test_export_progress (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  g_autofree char *dir = g_dir_make_tmp ("wm-export-progress-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "progress.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  Finished finished = { 0 };
  AdwToast *toast;
  GtkWidget *title, *bar, *label;
  double most = 0;

  wm_window_export_set_progress_delay (window, 0);
  g_signal_connect (window, "export-finished", G_CALLBACK (on_export_finished), &finished);
  g_assert_true (wm_window_export_to_file (window, WM_EXPORT_REPORT, file));
  /* The delay's timer comes before the worker's result in the main loop. */
  wm_test_wait_until (progress_shown, window, "the progress toast");
  g_assert_cmpuint (finished.count, ==, 0);
  toast = wm_window_export_get_progress_toast (window);
  title = adw_toast_get_custom_title (toast);
  label = wm_test_find_descendant (title, GTK_TYPE_LABEL);
  bar = wm_test_find_descendant (title, GTK_TYPE_PROGRESS_BAR);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "progress.pdf"));
  g_assert_nonnull (bar);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Cancel");
  g_signal_connect (bar, "notify::fraction", G_CALLBACK (on_fraction), &most);
  wm_test_wait_until (finished_once, &finished, "\"export-finished\" of the report");
  g_assert_true (finished.written);
  g_assert_null (wm_window_export_get_progress_toast (window));
  /* The pages were counted while it ran. */
  g_assert_cmpfloat (most, >, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&finished.file);
  g_signal_handlers_disconnect_by_func (window, on_export_finished, &finished);
  gtk_window_destroy (GTK_WINDOW (window));
  wm_test_remove_dir (dir);
}

static gboolean
no_jobs_running (gpointer data)
{
  return wm_window_export_get_n_running_jobs () == 0;
}

/* A window closed while its report is written cancels it: nothing is left in the folder (or,
 * when the report was done first, the whole file). */
static void
test_export_window_closed (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  g_autofree char *dir = g_dir_make_tmp ("wm-export-closed-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  g_assert_cmpuint (wm_window_export_get_n_running_jobs (), ==, 0);
  g_assert_true (wm_window_export_to_file (window, WM_EXPORT_REPORT, file));
  g_assert_cmpuint (wm_window_export_get_n_running_jobs (), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  wm_test_wait_until (no_jobs_running, NULL, "the closed window's export to end");
  if (n_entries (dir) == 1)
    {
      const char *argv[] = { "pdfinfo", path, NULL };
      g_autofree char *info = run_tool (argv);

      /* pdfinfo read it: a whole PDF. */
      g_test_message ("the report was done before the window closed");
    }
  else
    g_assert_cmpuint (n_entries (dir), ==, 0);
  wm_test_remove_dir (dir);
}

/* Runs @argv and returns its output. */
static char *
run_tool (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The value of "@key:" in pdfinfo's output. */
static char *
pdfinfo_value (const char *info, const char *key)
{
  g_auto (GStrv) lines = g_strsplit (info, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], key) && lines[i][strlen (key)] == ':')
      return g_strstrip (g_strdup (lines[i] + strlen (key) + 1));
  g_error ("pdfinfo gave no “%s”:\n%s", key, info);
}

/* Print to a PDF through GtkPrintOperation: the report's pages on A4 portrait, the poster's
 * one page on A3 landscape. */
static void
test_print_to_pdf (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  g_autofree char *dir = g_dir_make_tmp ("wm-export-print-XXXXXX", NULL);

  for (int kind = WM_REPORT_WORKSHOP; kind <= WM_REPORT_POSTER; kind++)
    {
      g_autofree char *path = g_build_filename (dir, kind == WM_REPORT_POSTER ? "poster.pdf"
                                                                                : "report.pdf",
                                                NULL);
      g_autoptr (WmPrintOperation) operation = wm_window_export_new_print_operation (window, kind);
      g_autoptr (GError) error = NULL;
      const char *argv[] = { "pdfinfo", path, NULL };
      g_autofree char *info = NULL, *pages = NULL, *size = NULL;
      guint n_pages;

      g_autoptr (GTimer) timer = g_timer_new ();
      GStatBuf st;

      gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
      g_assert_cmpint (gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                                GTK_PRINT_OPERATION_ACTION_EXPORT,
                                                GTK_WINDOW (window), &error),
                       ==, GTK_PRINT_OPERATION_RESULT_APPLY);
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_test_message ("printed %s in %.2f s, %lld bytes", path, g_timer_elapsed (timer, NULL),
                      (long long) st.st_size);
      n_pages = wm_report_get_n_pages (wm_print_operation_get_report (operation));
      info = run_tool (argv);
      pages = pdfinfo_value (info, "Pages");
      size = pdfinfo_value (info, "Page size");
      g_test_message ("%s: %s pages, %s", path, pages, size);
      g_assert_cmpuint (g_ascii_strtoull (pages, NULL, 10), ==, n_pages);
      /* Drawn through recording surfaces, the text stays text. */
      {
        const char *text_argv[] = { "pdftotext", path, "-", NULL };
        g_autofree char *text = run_tool (text_argv);

        g_assert_nonnull (strstr (text, wm_plan_get_name (wm_window_get_plan (window))));
      }
      if (kind == WM_REPORT_POSTER)
        {
          g_assert_cmpuint (n_pages, ==, 1);
          g_assert_true (g_str_has_prefix (size, "1190.55 x 841.89 pts"));
        }
      else
        {
          g_assert_cmpuint (n_pages, >, 1);
          g_assert_true (g_str_has_prefix (size, "595.276 x 841.89 pts"));
        }
    }
  gtk_window_destroy (GTK_WINDOW (window));
  wm_test_remove_dir (dir);
}

static gboolean
find_print_dialog (gpointer out)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (toplevels, i);

      if (GTK_IS_PRINT_UNIX_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        {
          *(GtkWidget **) out = GTK_WIDGET (item);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
prints_to_file (gpointer dialog)
{
  GtkPrinter *printer = gtk_print_unix_dialog_get_selected_printer (dialog);

  return printer != NULL && gtk_printer_is_virtual (printer)
         && gtk_widget_is_sensitive (gtk_dialog_get_widget_for_response (dialog,
                                                                         GTK_RESPONSE_OK));
}

static gboolean
printing_done (gpointer window)
{
  return wm_window_export_get_printing (window) == NULL;
}

/* The check button of the dialog's tab whose label holds @text. */
static GtkWidget *
find_check_button (GtkWidget *widget, const char *text)
{
  if (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_label (GTK_CHECK_BUTTON (widget))
      && strstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check_button (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* win.print through GTK's print dialog, printing to a file: the tab's choice of the poster
 * gives its one page, landscape on the dialog's A4; a cancelled dialog lets print run again. */
static void
test_print_dialog (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  g_autofree char *dir = g_dir_make_tmp ("wm-export-print-dialog-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr (GtkPrintSettings) settings = gtk_print_settings_new ();
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = NULL, *pages = NULL, *size = NULL;
  GtkWidget *dialog = NULL, *poster;
  g_autoptr (GtkPrintOperation) operation = NULL;
  double width = 0, height = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
  wm_test_wait_until (find_print_dialog, &dialog, "the print dialog");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  operation = g_object_ref (wm_window_export_get_printing (window));
  gtk_print_settings_set_printer (settings, "Print to File");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_unix_dialog_set_settings (GTK_PRINT_UNIX_DIALOG (dialog), settings);
  wm_test_wait_until (prints_to_file, dialog, "the print dialog to select Print to File");
  poster = find_check_button (dialog, "_poster");
  g_assert_nonnull (poster);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (poster), TRUE);
  g_assert_true (gtk_widget_activate (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog),
                                                                          GTK_RESPONSE_OK)));
  wm_test_wait_until (printing_done, window, "the print to end (\"done\")");
  g_assert_null (find_message_dialog (GTK_WINDOW (window)));
  /* "done" comes when the job is handed over; the file backend writes it out after that. */
  wm_test_wait_until ((WmTestCondition) gtk_print_operation_is_finished, operation,
                      "the print job to be written");
  g_test_message ("print status: %s", gtk_print_operation_get_status_string (operation));

  info = run_tool (argv);
  pages = pdfinfo_value (info, "Pages");
  size = pdfinfo_value (info, "Page size");
  g_test_message ("printed: %s pages, %s", pages, size);
  g_assert_cmpstr (pages, ==, "1");
  g_assert_cmpint (sscanf (size, "%lf x %lf", &width, &height), ==, 2);
  g_assert_cmpfloat (width, >, height);

  /* Again, and cancelled: nothing is printed, and print can be asked for once more. */
  dialog = NULL;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
  wm_test_wait_until (find_print_dialog, &dialog, "the print dialog, again");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  wm_test_wait_until (printing_done, window, "the cancelled print to end");
  g_assert_null (find_message_dialog (GTK_WINDOW (window)));
  dialog = NULL;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
  wm_test_wait_until (find_print_dialog, &dialog, "the print dialog, a third time");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  wm_test_wait_until (printing_done, window, "the third print to end");

  gtk_window_destroy (GTK_WINDOW (window));
  wm_test_remove_dir (dir);
}

/* The image's dialog: presets and a custom size; its choice is what the file gets. */
static void
test_png_dialog (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  g_autofree char *dir = g_dir_make_tmp ("wm-export-png-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "slide.png", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  WmExportDialog *dialog = wm_window_export_show_png_dialog (window);
  GtkWidget *chooser;
  int width, height;
  g_autofree char *current_name = NULL;

  /* The defaults: Full HD of what the window shows. */
  wm_export_dialog_get_size (dialog, &width, &height);
  g_assert_cmpint (width, ==, 1920);
  g_assert_cmpint (height, ==, 1080);
  g_assert_cmpint (wm_export_dialog_get_area (dialog), ==, WM_EXPORT_AREA_VIEW);
  wm_export_dialog_set_size (dialog, 3840, 2160);
  wm_export_dialog_get_size (dialog, &width, &height);
  g_assert_cmpint (width, ==, 3840);
  wm_export_dialog_set_size (dialog, 640, 400);
  wm_export_dialog_set_area (dialog, WM_EXPORT_AREA_PLAN);
  g_object_ref (dialog);
  wm_export_dialog_accept (dialog);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);

  /* Then the chooser, with the image's name. */
  chooser = wait_for_chooser ();
  current_name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_suffix (current_name, ".png"));
  cancel_chooser (chooser);

  g_assert_true (export_and_wait (window, WM_EXPORT_PNG, file));
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 640);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 400);

  /* The next dialog starts from the last choice. */
  dialog = wm_window_export_show_png_dialog (window);
  wm_export_dialog_get_size (dialog, &width, &height);
  g_assert_cmpint (width, ==, 640);
  g_assert_cmpint (height, ==, 400);
  g_assert_cmpint (wm_export_dialog_get_area (dialog), ==, WM_EXPORT_AREA_PLAN);
  gtk_window_close (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  wm_test_remove_dir (dir);
}

/* Not a test: with WM_SCREENSHOT_DIR set, saves the window with the Export menu open as
 * DIR/export-menu-LANG.png (the popover is its own surface: drawn over the window's picture
 * where it shows). */
static cairo_surface_t *
render_widget (GtkWidget *widget)
{
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  cairo_surface_t *surface;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
save_shot (GtkWidget *widget, const char *name)
{
  const char *lang = g_getenv ("LANGUAGE");
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, lang != NULL && *lang ? lang : "en");
  g_autofree char *path = g_build_filename (g_getenv ("WM_SCREENSHOT_DIR"), file, NULL);
  cairo_surface_t *picture;

  wm_test_wait_for_frames (widget, 2);
  picture = render_widget (widget);
  g_assert_cmpint (cairo_surface_write_to_png (picture, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("screenshot %s", path);
  cairo_surface_destroy (picture);
}

static void
shot_export_menu (void)
{
  const char *dir = g_getenv ("WM_SCREENSHOT_DIR");
  const char *lang = g_getenv ("LANGUAGE");
  WmWindow *window;
  GtkMenuButton *button;
  GtkWidget *popover;
  cairo_surface_t *picture, *menu;
  cairo_t *cr;
  double window_x, window_y, popover_x, popover_y;
  g_autofree char *file = NULL, *path = NULL;

  if (dir == NULL || *dir == '\0')
    return;
  window = wm_test_new_window_on_demo (app);
  wm_test_wait_for_basemap_tiles (wm_window_get_map_view (window));
  button = wm_window_get_export_button (window);
  gtk_menu_button_popup (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  wm_test_wait_until ((WmTestCondition) gtk_widget_get_mapped, popover, "the Export menu");
  wm_test_wait_for_frames (popover, 2);
  wm_test_wait_for_frames (GTK_WIDGET (window), 1);

  picture = render_widget (GTK_WIDGET (window));
  menu = render_widget (popover);
  gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);
  cr = cairo_create (picture);
  cairo_set_source_surface (cr, menu,
                            gdk_popup_get_position_x (GDK_POPUP (gtk_native_get_surface (
                                GTK_NATIVE (popover))))
                                + popover_x - window_x,
                            gdk_popup_get_position_y (GDK_POPUP (gtk_native_get_surface (
                                GTK_NATIVE (popover))))
                                + popover_y - window_y);
  cairo_paint (cr);
  cairo_destroy (cr);
  file = g_strdup_printf ("export-menu-%s.png", lang != NULL && *lang ? lang : "en");
  path = g_build_filename (dir, file, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (picture, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("screenshot %s", path);
  cairo_surface_destroy (menu);
  cairo_surface_destroy (picture);
  gtk_menu_button_popdown (button);

  /* The image's dialog, and the message of an export that failed. */
  {
    WmExportDialog *dialog = wm_window_export_show_png_dialog (window);
    g_autofree char *ro_path = g_build_filename ("/sys/kernel", "Otterlo - Plan A.pdf", NULL);
    g_autoptr (GFile) ro_file = g_file_new_for_path (ro_path);
    AdwMessageDialog *message;

    wm_test_wait_until ((WmTestCondition) gtk_widget_get_mapped, dialog, "the image dialog");
    save_shot (GTK_WIDGET (dialog), "export-png-dialog");
    gtk_window_close (GTK_WINDOW (dialog));
    export_and_wait (window, WM_EXPORT_REPORT, ro_file);
    message = find_message_dialog (GTK_WINDOW (window));
    g_assert_nonnull (message);
    wm_test_wait_until ((WmTestCondition) gtk_widget_get_mapped, message, "the message");
    save_shot (GTK_WIDGET (message), "export-error");
    close_message (message);
  }
  /* The print dialog on its Wijkmix tab. */
  {
    GtkWidget *dialog = NULL, *notebook;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
    wm_test_wait_until (find_print_dialog, &dialog, "the print dialog");
    notebook = wm_test_find_descendant (dialog, GTK_TYPE_NOTEBOOK);
    for (int i = 0; i < gtk_notebook_get_n_pages (GTK_NOTEBOOK (notebook)); i++)
      {
        GtkWidget *page = gtk_notebook_get_nth_page (GTK_NOTEBOOK (notebook), i);

        if (g_strcmp0 (gtk_notebook_get_tab_label_text (GTK_NOTEBOOK (notebook), page),
                       "Wijkmix")
            == 0)
          gtk_notebook_set_current_page (GTK_NOTEBOOK (notebook), i);
      }
    save_shot (dialog, "export-print-dialog");
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
    wm_test_wait_until (printing_done, window, "the cancelled print to end");
  }
  /* The image of what the window shows, at the default size. */
  {
    g_autofree char *name = g_strdup_printf ("export-map-view-%s.png",
                                             lang != NULL && *lang ? lang : "en");
    g_autofree char *image_path = g_build_filename (dir, name, NULL);
    g_autoptr (GFile) image = g_file_new_for_path (image_path);

    g_assert_true (export_and_wait (window, WM_EXPORT_PNG, image));
    g_test_message ("map image %s", image_path);
    save_shot (GTK_WIDGET (window), "export-window");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  /* As main() does, so the Dutch screenshot is in Dutch (the tests run in English). */
  setlocale (LC_ALL, "");
  textdomain (GETTEXT_PACKAGE);
  app = wm_test_init_app (&argc, &argv, &recovery_dir);

  g_test_add_func ("/export-ui/menu", test_export_menu);
  g_test_add_func ("/export-ui/names", test_export_names);
  g_test_add_func ("/export-ui/csv-through-chooser", test_export_csv_through_chooser);
  g_test_add_func ("/export-ui/json-through-chooser", test_export_json_through_chooser);
  g_test_add_func ("/export-ui/errors", test_export_errors);
  g_test_add_func ("/export-ui/over-project", test_export_over_project);
  g_test_add_func ("/export-ui/one-at-a-time", test_export_one_at_a_time);
  g_test_add_func ("/export-ui/progress", test_export_progress);
  g_test_add_func ("/export-ui/window-closed", test_export_window_closed);
  g_test_add_func ("/export-ui/print-to-pdf", test_print_to_pdf);
  g_test_add_func ("/export-ui/print-dialog", test_print_dialog);
  g_test_add_func ("/export-ui/png-dialog", test_png_dialog);
  g_test_add_func ("/export-ui/screenshot", shot_export_menu);
  return wm_test_run_app (&app, &recovery_dir);
}
