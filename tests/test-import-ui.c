/* test-import-ui.c: "Add Data…" and "New Project from Data…" driven through their widgets
 *
 * The native file chooser cannot be driven, so files go in through the dialogs' setters;
 * everything after that (probe, layer rows, field mapping, Import, Cancel, errors, undo) is
 * the real code path. With WM_SCREENSHOT_DIR set, each step is also saved as a PNG.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>

#include "wm-basemap-source.h"
#include "wm-demo.h"
#include "wm-map-projection.h"
#include "wm-tile-renderer.h"
#include "wm-field-mapping.h"
#include "wm-import-dialog.h"
#include "wm-indicator-panel.h"
#include "wm-new-project-dialog.h"
#include "wm-test-util.h"
#include "wm-window-private.h"

static WmApplication *app;
static char *recovery_dir;

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "import-ui", name, NULL);
}

/* Saves @widget's window as WM_SCREENSHOT_DIR/@name.png (only when that is set). */
static void
save_shot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("WM_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = NULL, *path = NULL;
  const char *lang = g_getenv ("LANGUAGE");
  int width, height;

  if (dir == NULL || *dir == '\0')
    return;
  wm_test_wait_for_frames (widget, 2);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s-%s.png", name, lang != NULL && *lang ? lang : "en");
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot %s", path);
}

/* The tests run in English (tests/meson.build); screenshots are also taken in Dutch, where
 * the checks of English wording are left out. */
static gboolean
in_english (void)
{
  const char *lang = g_getenv ("LANGUAGE");

  return lang == NULL || g_str_has_prefix (lang, "en");
}

static void
on_finished (WmImportDialog *dialog, gboolean applied, int *out)
{
  *out = applied ? 1 : 0;
}

static gboolean
int_set (gpointer data)
{
  return *(int *) data >= 0;
}

static void
on_probed (WmImportDialog *dialog, gboolean success, int *out)
{
  *out = success ? 1 : 0;
}

/* A dialog on @window that was given @path and has probed it; returns the probe's success. */
static WmImportDialog *
open_dialog (WmWindow *window, const char *path, const char *mapping_dir, gboolean *probed)
{
  WmImportDialog *dialog = wm_import_dialog_new (window);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  int result = -1;
  gulong id;

  /* The test keeps its own reference: the dialog destroys itself after an import. */
  g_object_ref_sink (dialog);
  g_object_ref (dialog);
  wm_import_dialog_set_mapping_dir (dialog, mapping_dir);
  gtk_window_present (GTK_WINDOW (dialog));
  id = g_signal_connect (dialog, "probed", G_CALLBACK (on_probed), &result);
  wm_import_dialog_set_file (dialog, file);
  wm_test_wait_until (int_set, &result, "the dialog to probe the file (\"probed\")");
  g_signal_handler_disconnect (dialog, id);
  *probed = result == 1;
  return dialog;
}

static gboolean
run_import (WmImportDialog *dialog)
{
  int result = -1;
  gulong id = g_signal_connect (dialog, "import-finished", G_CALLBACK (on_finished), &result);

  wm_import_dialog_start (dialog);
  wm_test_wait_until (int_set, &result, "the import to finish (\"import-finished\")");
  g_signal_handler_disconnect (dialog, id);
  return result == 1;
}

static void
close_dialog (WmImportDialog *dialog)
{
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
destroy_window (WmWindow *window)
{
  /* No "Save changes?" in a test: the plan is thrown away. */
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_plan_is_demo (WmPlan *plan)
{
  g_autoptr (WmPlan) demo = wm_demo_load (NULL);

  g_assert_nonnull (demo);
  g_assert_true (wm_plan_equal (plan, demo));
}

/* The AdwMessageDialog shown over @parent, or NULL. */
static AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == parent
        && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}


static void
test_add_data (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  GListModel *facilities = wm_plan_get_facilities (plan);
  guint before = g_list_model_get_n_items (facilities);
  g_autofree char *path = fixture ("voorzieningen-otterlo.geojson");
  g_autofree char *dir = g_dir_make_tmp ("wm-import-ui-XXXXXX", NULL);
  g_autoptr (WmFieldMapping) remembered = NULL;
  WmImportDialog *dialog;
  WmImportAs as = WM_IMPORT_AS_AUTO;
  gboolean probed;

  /* Held, so a new source cannot take its address. */
  g_autoptr (WmBasemapSource) tiles_before =
    g_object_ref (wm_test_view_basemap_source (wm_window_get_map_view (window)));

  dialog = open_dialog (window, path, dir, &probed);
  g_assert_true (probed);
  g_assert_cmpstr (wm_import_dialog_get_page (dialog), ==, "layers");
  g_assert_cmpuint (wm_import_dialog_get_n_layers (dialog), ==, 1);
  g_assert_cmpstr (wm_import_dialog_get_layer_name (dialog, 0), ==, "voorzieningen");
  /* A plain point layer is not recognised on its own: it is skipped until the user says. */
  g_assert_false (wm_import_dialog_get_layer_kind (dialog, 0, &as, NULL));
  save_shot (GTK_WIDGET (dialog), "add-data-layers");

  wm_import_dialog_set_layer_kind (dialog, 0, WM_IMPORT_AS_FACILITIES, -1);
  g_assert_true (wm_import_dialog_get_layer_kind (dialog, 0, &as, NULL));
  g_assert_cmpint (as, ==, WM_IMPORT_AS_FACILITIES);
  wm_import_dialog_show_fields (dialog);
  g_assert_cmpstr (wm_import_dialog_get_page (dialog), ==, "fields");
  /* "naam" is recognised as the name; the kind of facility is in a field no one knows. */
  g_assert_cmpstr (wm_import_dialog_get_field (dialog, 0, "name"), ==, "naam");
  g_assert_null (wm_import_dialog_get_field (dialog, 0, "type"));
  g_assert_false (wm_import_dialog_set_field (dialog, 0, "type", "no such field"));
  g_assert_true (wm_import_dialog_set_field (dialog, 0, "type", "soort_voorziening"));
  g_assert_cmpstr (wm_import_dialog_get_field (dialog, 0, "type"), ==, "soort_voorziening");
  save_shot (GTK_WIDGET (dialog), "add-data-fields");

  g_assert_true (run_import (dialog));
  g_assert_null (wm_import_dialog_get_error (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (facilities), ==, before + 3);
  if (in_english ())
    g_assert_nonnull (strstr (wm_import_dialog_get_summary (dialog), "3 facilities"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  {
    /* What came in is in view. */
    WmBounds imported = { 180800, 457050, 181400, 457250 };

    g_assert_true (wm_map_view_bounds_visible (wm_window_get_map_view (window), &imported));
  }
  /* The map's tiles are rendered from the new baseline, not the one before. */
  g_assert_true (wm_test_view_basemap_source (wm_window_get_map_view (window)) != tiles_before);
  save_shot (GTK_WIDGET (window), "add-data-imported");

  /* The choice is remembered for the next file of that name. */
  remembered = wm_field_mapping_lookup (dir, "voorzieningen-otterlo.geojson:voorzieningen");
  g_assert_nonnull (remembered);
  g_assert_cmpstr (wm_field_mapping_get (remembered, "type"), ==, "soort_voorziening");

  /* One undo removes all of it. */
  g_assert_true (wm_history_get_can_undo (wm_window_get_history (window)));
  wm_history_undo (wm_window_get_history (window));
  g_assert_cmpuint (g_list_model_get_n_items (facilities), ==, before);
  assert_plan_is_demo (plan);
  close_dialog (dialog);

  /* The next dialog starts from the remembered field. */
  dialog = open_dialog (window, path, dir, &probed);
  g_assert_true (probed);
  wm_import_dialog_set_layer_kind (dialog, 0, WM_IMPORT_AS_FACILITIES, -1);
  wm_import_dialog_show_fields (dialog);
  g_assert_cmpstr (wm_import_dialog_get_field (dialog, 0, "type"), ==, "soort_voorziening");
  close_dialog (dialog);

  wm_test_remove_dir (dir);
  destroy_window (window);
}

/* A GeoJSON of @n facilities around Otterlo, in RD New; enough to be cancelled while read. */
static char *
write_many_facilities (const char *dir, guint n)
{
  g_autoptr (GString) text = g_string_new ("{\"type\":\"FeatureCollection\",\"name\":\"veel\","
                                           "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
                                           "\"urn:ogc:def:crs:EPSG::28992\"}},\"features\":[");
  char *path = g_build_filename (dir, "veel-voorzieningen.geojson", NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text,
                            "%s{\"type\":\"Feature\",\"properties\":{\"naam\":\"Speeltuin %u\","
                            "\"soort_voorziening\":\"speeltuin\"},\"geometry\":{\"type\":\"Point\","
                            "\"coordinates\":[%u.5,%u.5]}}",
                            i > 0 ? "," : "", i, 180000 + i % 1500, 456000 + i / 1500);
  g_string_append (text, "]}");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return path;
}

typedef struct
{
  WmImportDialog *dialog;
  guint calls;
  double fraction;
} CancelState;

static void
on_progress_cancel (WmImportDialog *dialog, double fraction, CancelState *state)
{
  /* Cancelled from the first progress report: the read is under way, whatever its speed. */
  if (state->calls++ == 0)
    {
      state->fraction = fraction;
      save_shot (GTK_WIDGET (dialog), "add-data-progress");
      wm_import_dialog_cancel (dialog);
    }
}

static void
test_cancel (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  g_autofree char *dir = g_dir_make_tmp ("wm-import-ui-XXXXXX", NULL);
  g_autofree char *path = write_many_facilities (dir, 40000);
  CancelState state = { NULL, 0, -1 };
  WmImportDialog *dialog;
  gboolean probed;
  gulong id;

  dialog = open_dialog (window, path, dir, &probed);
  g_assert_true (probed);
  wm_import_dialog_set_layer_kind (dialog, 0, WM_IMPORT_AS_FACILITIES, -1);
  wm_import_dialog_show_fields (dialog);
  g_assert_true (wm_import_dialog_set_field (dialog, 0, "type", "soort_voorziening"));
  state.dialog = dialog;
  id = g_signal_connect (dialog, "progress", G_CALLBACK (on_progress_cancel), &state);
  g_assert_false (run_import (dialog));
  g_signal_handler_disconnect (dialog, id);
  g_assert_cmpuint (state.calls, >=, 1);
  g_assert_cmpfloat (state.fraction, >=, 0);
  g_assert_cmpfloat (state.fraction, <=, 1);

  /* Nothing came in, and there is nothing to undo. */
  assert_plan_is_demo (plan);
  g_assert_false (wm_history_get_can_undo (wm_window_get_history (window)));
  g_assert_false (wm_import_dialog_get_busy (dialog));
  g_assert_cmpstr (wm_import_dialog_get_page (dialog), ==, "layers");
  /* No mapping is remembered for an import that did not happen. */
  g_assert_null (wm_field_mapping_lookup (dir, "veel-voorzieningen.geojson:veel"));

  close_dialog (dialog);
  wm_test_remove_dir (dir);
  destroy_window (window);
}

static void
test_error (void)
{
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmPlan *plan = wm_window_get_plan (window);
  g_autofree char *path = fixture ("voorzieningen-buiten-nl.geojson");
  g_autofree char *dir = g_dir_make_tmp ("wm-import-ui-XXXXXX", NULL);
  g_autofree char *broken = g_build_filename (dir, "kapot.geojson", NULL);
  WmImportDialog *dialog;
  AdwMessageDialog *message;
  gboolean probed;

  /* A facility in the Atlantic: the read fails on that feature, nothing is imported. */
  dialog = open_dialog (window, path, dir, &probed);
  g_assert_true (probed);
  wm_import_dialog_set_layer_kind (dialog, 0, WM_IMPORT_AS_FACILITIES, -1);
  wm_import_dialog_show_fields (dialog);
  g_assert_true (wm_import_dialog_set_field (dialog, 0, "type", "soort_voorziening"));
  g_assert_false (run_import (dialog));
  g_assert_nonnull (wm_import_dialog_get_error (dialog));
  g_assert_nonnull (strstr (wm_import_dialog_get_error (dialog), "voorzieningen-buiten-nl.geojson"));
  g_assert_nonnull (strstr (wm_import_dialog_get_error (dialog), "voorzieningen"));
  message = find_message_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_body (message), ==, wm_import_dialog_get_error (dialog));
  save_shot (GTK_WIDGET (message), "add-data-error");
  gtk_window_destroy (GTK_WINDOW (message));
  assert_plan_is_demo (plan);
  g_assert_false (wm_history_get_can_undo (wm_window_get_history (window)));
  close_dialog (dialog);

  /* A file GDAL cannot read at all: said when it is looked at. */
  g_assert_true (g_file_set_contents (broken, "{\"type\": \"FeatureCollection\", \"feat", -1, NULL));
  dialog = open_dialog (window, broken, dir, &probed);
  g_assert_false (probed);
  g_assert_cmpstr (wm_import_dialog_get_page (dialog), ==, "choose");
  message = find_message_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "kapot.geojson"));
  gtk_window_destroy (GTK_WINDOW (message));
  assert_plan_is_demo (plan);
  close_dialog (dialog);

  wm_test_remove_dir (dir);
  destroy_window (window);
}

static void
on_areas_loaded (WmNewProjectDialog *dialog, gboolean success, int *out)
{
  *out = success ? 1 : 0;
}

static void
on_project_created (WmNewProjectDialog *dialog, WmWindow *window, WmWindow **out)
{
  *out = window;
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static guint
count_project_windows (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (WM_IS_WINDOW (l->data))
      n++;
  return n;
}

static void
test_new_project (void)
{
  WmWindow *parent = wm_test_new_window_on_demo (app);
  g_autofree char *path = fixture ("almelo_ossenkoppelerhoek_buurten_2022.geojson");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  WmNewProjectDialog *dialog = wm_new_project_dialog_new (app, GTK_WINDOW (parent));
  WmWindow *window = NULL;
  GListModel *areas;
  int loaded = -1;

  g_object_ref_sink (dialog);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (wm_new_project_dialog_get_page (dialog), ==, "area");
  g_signal_connect (dialog, "areas-loaded", G_CALLBACK (on_areas_loaded), &loaded);
  wm_new_project_dialog_set_cbs_file (dialog, file);
  wm_test_wait_until (int_set, &loaded, "the CBS file's areas (\"areas-loaded\")");
  g_assert_cmpint (loaded, ==, 1);
  g_assert_cmpuint (wm_new_project_dialog_get_n_shown (dialog), ==, 6);

  /* Typed names and codes filter the list at once, case-insensitively. */
  wm_new_project_dialog_set_search (dialog, "ossen");
  g_assert_cmpuint (wm_new_project_dialog_get_n_shown (dialog), ==, 4);
  save_shot (GTK_WIDGET (dialog), "new-project-search");
  wm_new_project_dialog_set_search (dialog, "bu01411602");
  g_assert_cmpuint (wm_new_project_dialog_get_n_shown (dialog), ==, 1);
  g_assert_cmpstr (wm_new_project_dialog_get_shown_code (dialog, 0), ==, "BU01411602");
  wm_new_project_dialog_set_search (dialog, "");
  g_assert_cmpuint (wm_new_project_dialog_get_n_shown (dialog), ==, 6);
  g_assert_true (wm_new_project_dialog_set_checked (dialog, "BU01411600", TRUE));
  g_assert_true (wm_new_project_dialog_set_checked (dialog, "BU01411602", TRUE));
  g_assert_false (wm_new_project_dialog_set_checked (dialog, "BU99999999", TRUE));
  g_assert_cmpuint (wm_new_project_dialog_get_n_checked (dialog), ==, 2);
  save_shot (GTK_WIDGET (dialog), "new-project-areas");

  wm_new_project_dialog_next (dialog);
  g_assert_cmpstr (wm_new_project_dialog_get_page (dialog), ==, "files");
  {
    g_autofree char *other = fixture ("voorzieningen-otterlo.geojson");
    g_autoptr (GFile) other_file = g_file_new_for_path (other);

    g_autoptr (WmTestSignalWatch) created = NULL;
    AdwMessageDialog *message;
    guint n_windows = count_project_windows ();

    wm_new_project_dialog_add_file (dialog, other_file);
    g_assert_cmpuint (wm_new_project_dialog_get_n_files (dialog), ==, 1);
    save_shot (GTK_WIDGET (dialog), "new-project-files");
    /* A plain point layer cannot be told apart: the message says so, no project is made. */
    created = wm_test_signal_watch_new (dialog, "project-created");
    wm_new_project_dialog_create (dialog);
    wm_test_signal_watch_wait (created, 1, "the failed Create (\"project-created\")");
    g_assert_nonnull (wm_new_project_dialog_get_error (dialog));
    g_assert_nonnull (strstr (wm_new_project_dialog_get_error (dialog),
                              "voorzieningen-otterlo.geojson"));
    message = find_message_dialog (GTK_WINDOW (dialog));
    g_assert_nonnull (message);
    gtk_window_destroy (GTK_WINDOW (message));
    g_assert_cmpstr (wm_new_project_dialog_get_page (dialog), ==, "files");
    /* No window was opened for it. */
    g_assert_cmpuint (count_project_windows (), ==, n_windows);
    /* Removed again: the list is the user's. */
    wm_new_project_dialog_remove_file (dialog, 0);
    g_assert_cmpuint (wm_new_project_dialog_get_n_files (dialog), ==, 0);
  }

  g_signal_connect (dialog, "project-created", G_CALLBACK (on_project_created), &window);
  wm_new_project_dialog_create (dialog);
  wm_test_wait_until (pointer_set, &window, "the new project (\"project-created\")");
  g_assert_null (wm_new_project_dialog_get_error (dialog));
  areas = wm_plan_get_areas (wm_window_get_plan (window));
  g_assert_cmpuint (g_list_model_get_n_items (areas), ==, 2);
  g_assert_nonnull (wm_plan_find_area (wm_window_get_plan (window), "BU01411600"));
  g_assert_nonnull (wm_plan_find_area (wm_window_get_plan (window), "BU01411602"));
  g_assert_null (wm_window_get_file (window));
  g_assert_cmpstr (wm_plan_get_name (wm_window_get_plan (window)), ==, "Boomplaats, Beeklust");
  g_assert_true (window != parent);
  save_shot (GTK_WIDGET (window), "new-project-created");

  g_object_unref (dialog);
  destroy_window (window);
  destroy_window (parent);
}

/* Whether a label below @widget shows exactly @text (or contains it, @part). */
static gboolean
has_label (GtkWidget *widget, const char *text, gboolean part)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      const char *shown = gtk_label_get_text (GTK_LABEL (widget));

      if (part ? strstr (shown, text) != NULL : g_str_equal (shown, text))
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text, part))
      return TRUE;
  return FALSE;
}

static void
select_area (WmWindow *window, const char *id)
{
  WmMapTools *tools = wm_window_get_map_tools (window);
  WmArea *area = wm_plan_find_area (wm_window_get_plan (window), id);
  WmPoint centre = wm_geometry_centroid (wm_area_get_boundary (area));
  double x, y;

  g_assert_true (wm_map_tools_rd_to_widget (tools, centre.x, centre.y, &x, &y));
  wm_map_tools_click_at (tools, x, y);
  g_assert_cmpint (wm_map_tools_get_selection_kind (tools), ==, WM_SELECTION_AREA);
  g_assert_cmpstr (wm_map_tools_get_selected_id (tools), ==, id);
}

/* CBS key figures of a selected area in the inspector; CBS's "not available" never a number.
 * (The areas are made here: reading CBS files is test-import-cbs's.) */
static void
test_area_figures (void)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  g_autoptr (WmArea) known = wm_area_new ("BU01411600", "Boomplaats",
                                           wm_test_square (180000, 456000, 400));
  g_autoptr (WmArea) secret = wm_area_new ("BU01411602", "Beeklust",
                                            wm_test_square (180500, 456000, 400));
  WmAreaFigures figures;
  WmWindow *window = wm_test_new_window_on_demo (app);
  GtkWidget *inspector;

  wm_area_figures_init (&figures);
  figures.pct_corporation_rent = 38;
  figures.pct_other_rent = 12;
  figures.pct_owner = 50;
  figures.dwellings = 820;
  figures.mean_woz = 231;
  figures.inhabitants = 1890;
  figures.year = 2022;
  wm_area_set_figures (known, &figures);
  /* CBS's secret values arrive as NAN: only the counts are known. */
  wm_area_figures_init (&figures);
  figures.dwellings = 12;
  figures.inhabitants = 25;
  figures.year = 2022;
  wm_area_set_figures (secret, &figures);
  wm_plan_add_area (plan, known);
  wm_plan_add_area (plan, secret);
  wm_window_set_plan (window, plan, NULL);
  wm_map_view_zoom_to_plan (wm_window_get_map_view (window));
  wm_test_wait_for_frames (GTK_WIDGET (wm_window_get_map_view (window)), 2);
  inspector = GTK_WIDGET (wm_window_get_inspector (window));

  select_area (window, "BU01411600");
  if (in_english ())
    {
      g_assert_true (has_label (inspector, "38 %", FALSE));
      g_assert_true (has_label (inspector, "€ 231 thousand", FALSE));
      g_assert_true (has_label (inspector, "CBS figures", TRUE));
    }
  g_assert_true (has_label (inspector, "1890", FALSE));
  g_assert_false (has_label (inspector, "not available", FALSE));
  save_shot (GTK_WIDGET (window), "area-figures");

  /* Beeklust's shares and WOZ value are secret (-99997): said so, never shown as a number. */
  select_area (window, "BU01411602");
  if (in_english ())
    g_assert_true (has_label (inspector, "not available", FALSE));
  g_assert_true (has_label (inspector, "25", FALSE));
  g_assert_false (has_label (inspector, "9999", TRUE));
  g_assert_false (has_label (inspector, "nan", TRUE));
  save_shot (GTK_WIDGET (window), "area-figures-not-available");
  destroy_window (window);
}

/* "Draw a boundary": the new window asks for the outline; the closed polygon becomes the
 * area "Plan area", and one undo takes it away again. */
static void
test_draw_boundary (void)
{
  WmNewProjectDialog *dialog = wm_new_project_dialog_new (app, NULL);
  WmWindow *window = NULL;
  WmMapTools *tools;
  WmPlan *plan;
  GtkWidget *map;
  WmArea *area;
  int width, height;

  g_object_ref_sink (dialog);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  wm_new_project_dialog_set_draw_boundary (dialog, TRUE);
  wm_new_project_dialog_next (dialog);
  g_signal_connect (dialog, "project-created", G_CALLBACK (on_project_created), &window);
  wm_new_project_dialog_create (dialog);
  wm_test_wait_until (pointer_set, &window, "the new project (\"project-created\")");
  g_assert_true (wm_window_get_drawing_plan_area (window));
  plan = wm_window_get_plan (window);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_areas (plan)), ==, 0);

  map = GTK_WIDGET (wm_window_get_map_view (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  wm_test_wait_for_frames (map, 1);
  width = gtk_widget_get_width (map);
  height = gtk_widget_get_height (map);
  tools = wm_window_get_map_tools (window);
  wm_map_tools_click_at (tools, width * 0.4, height * 0.3);
  wm_map_tools_click_at (tools, width * 0.6, height * 0.3);
  wm_map_tools_click_at (tools, width * 0.6, height * 0.6);
  wm_map_tools_click_at (tools, width * 0.4, height * 0.6);
  save_shot (GTK_WIDGET (window), "new-project-draw");
  g_assert_true (wm_map_tools_finish_polygon (tools));

  g_assert_false (wm_window_get_drawing_plan_area (window));
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_areas (plan)), ==, 1);
  area = wm_plan_find_area (plan, "plangebied");
  g_assert_nonnull (area);
  g_assert_cmpuint (wm_area_get_boundary (area)->n_points, ==, 4);
  g_assert_cmpint (wm_map_tools_get_tool (tools), ==, WM_TOOL_SELECT);
  wm_history_undo (wm_window_get_history (window));
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_areas (plan)), ==, 0);

  g_object_unref (dialog);
  destroy_window (window);
}

/* The Mix panel and the inspector say where the tenure of buildings comes from. */
static void
test_tenure_notice (void)
{
  g_autoptr (WmPlan) plan = wm_test_make_small_plan ("Estimated");
  g_autoptr (WmBuilding) estimated = NULL;
  WmWindow *window = wm_test_new_window_on_demo (app);
  WmIndicatorPanel *panel;
  WmDwellingMix mix = { 0 };
  const char *text;

  panel = WM_INDICATOR_PANEL (wm_test_find_descendant (GTK_WIDGET (window),
                                                       WM_TYPE_INDICATOR_PANEL));
  /* The demo's split is stated (illustrative, and said so elsewhere), not estimated. */
  g_assert_null (wm_indicator_panel_get_tenure_text (panel));

  estimated = wm_building_new ("0221100000307826", wm_test_square (1000, 1000, 20));
  mix.counts[WM_SEGMENT_SOCIAL_RENT] = 12;
  wm_building_set_dwellings (estimated, &mix);
  wm_building_set_tenure_source (estimated, WM_TENURE_ESTIMATED);
  wm_plan_add_building (plan, estimated);
  wm_window_set_plan (window, plan, NULL);
  text = wm_indicator_panel_get_tenure_text (panel);
  g_assert_nonnull (text);
  if (in_english ())
    g_assert_nonnull (strstr (text, "Tenure estimated for 12 of 32 dwellings"));
  save_shot (GTK_WIDGET (window), "tenure-notice");
  destroy_window (window);
}


/* Not a test: with WM_SHOT_DATA set to a folder holding the shared real data, the dialogs
 * import the Otterlo BGT zip and the Doesburg BAG panden into empty projects and screenshots
 * are saved of each step (see WM_SCREENSHOT_DIR). */
static void
shot_real_file (const char *path, const char *name)
{
  g_autoptr (WmPlan) empty = wm_plan_new ();
  WmWindow *window = wm_test_new_window_on_demo (app);
  g_autofree char *dir = g_dir_make_tmp ("wm-import-ui-XXXXXX", NULL);
  g_autofree char *shot = NULL;
  WmImportDialog *dialog;
  gboolean probed;
  GtkWidget *map = GTK_WIDGET (wm_window_get_map_view (window));

  wm_window_set_plan (window, empty, NULL);
  wm_test_wait_for_frames (map, 1);
  dialog = open_dialog (window, path, dir, &probed);
  g_assert_true (probed);
  shot = g_strdup_printf ("real-%s-layers", name);
  save_shot (GTK_WIDGET (dialog), shot);
  g_assert_true (run_import (dialog));
  g_test_message ("%s: %s", name, wm_import_dialog_get_summary (dialog));
  close_dialog (dialog);
  /* Tiles of the offline base map are drawn in workers: wait until they are in. */
  wm_test_wait_for_basemap_tiles (WM_MAP_VIEW (map));
  g_free (shot);
  shot = g_strdup_printf ("real-%s-project", name);
  save_shot (GTK_WIDGET (window), shot);

  {
    GListModel *buildings = wm_plan_get_buildings (wm_window_get_plan (window));
    WmMapTools *tools = wm_window_get_map_tools (window);

    /* A building near the middle, to show where its tenure comes from. */
    if (g_list_model_get_n_items (buildings) > 0)
      {
        g_autoptr (WmBuilding) building =
          g_list_model_get_item (buildings, g_list_model_get_n_items (buildings) / 2);
        WmPoint centre = wm_geometry_centroid (wm_building_get_footprint (building));
        double x, y;

        wm_map_view_show_bounds (wm_window_get_map_view (window),
                                 &wm_building_get_footprint (building)->bounds);
        wm_test_wait_for_basemap_tiles (WM_MAP_VIEW (map));
        if (wm_map_tools_rd_to_widget (tools, centre.x, centre.y, &x, &y))
          wm_map_tools_click_at (tools, x, y);
        g_free (shot);
        shot = g_strdup_printf ("real-%s-building", name);
        save_shot (GTK_WIDGET (window), shot);
      }
  }
  wm_test_remove_dir (dir);
  destroy_window (window);
}

static void
shot_real_data (void)
{
  const char *data = g_getenv ("WM_SHOT_DATA");
  g_autofree char *bgt = g_build_filename (data, "otterlo-bgt-2020", "otterlo_bgt_gml.zip", NULL);
  g_autofree char *bag = g_build_filename (data, "doesburg-bag-pand-2020",
                                           "doesburg_bag_pand_current_20200915.geojson", NULL);

  shot_real_file (bgt, "otterlo-bgt");
  shot_real_file (bag, "doesburg-bag");
}

int
main (int argc, char **argv)
{
  /* As main() does, so the Dutch screenshots are in Dutch (the tests run in English). */
  setlocale (LC_ALL, "");
  textdomain (GETTEXT_PACKAGE);
  app = wm_test_init_app (&argc, &argv, &recovery_dir);

  g_test_add_func ("/import-ui/add-data", test_add_data);
  g_test_add_func ("/import-ui/cancel", test_cancel);
  g_test_add_func ("/import-ui/error", test_error);
  g_test_add_func ("/import-ui/new-project", test_new_project);
  g_test_add_func ("/import-ui/area-figures", test_area_figures);
  g_test_add_func ("/import-ui/draw-boundary", test_draw_boundary);
  g_test_add_func ("/import-ui/tenure-notice", test_tenure_notice);
  if (g_getenv ("WM_SHOT_DATA") != NULL)
    g_test_add_func ("/import-ui/shots/real-data", shot_real_data);

  return wm_test_run_app (&app, &recovery_dir);
}
