/* wm-application.c: the Wijkmix application: start-up, app actions, About */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-application.h"
#include "wm-demo.h"
#include "wm-core.h"
#include "wm-new-project-dialog.h"
#include "wm-plan.h"
#include "wm-preferences-window.h"
#include "wm-ui-resources.h"
#include "wm-window.h"

struct _WmApplication
{
  AdwApplication parent_instance;

  gboolean force_demo;
};

G_DEFINE_FINAL_TYPE (WmApplication, wm_application, ADW_TYPE_APPLICATION)

void
wm_application_init_resources (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      wm_core_init ();
      /* Linked into a static library: the resource has to be registered by hand. */
      wm_ui_register_resource ();
      g_once_init_leave (&initialised, 1);
    }
}

static WmWindow *
wm_application_get_or_create_window (WmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (WM_IS_WINDOW (window))
    return WM_WINDOW (window);
  return wm_window_new (self);
}

static void
wm_application_activate (GApplication *app)
{
  WmApplication *self = WM_APPLICATION (app);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
  WmWindow *window;

  if (active != NULL)
    {
      gtk_window_present (active);
      return;
    }

  window = wm_window_new (self);
  /* First start, or the last project is gone: the embedded demo. */
  if (self->force_demo || !wm_window_open_last_project (window))
    wm_window_open_demo (window);
  gtk_window_present (GTK_WINDOW (window));
  /* After a crash: offer what the autosave kept. */
  wm_window_offer_recovery (window);
}

static void
wm_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  WmApplication *self = WM_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      WmWindow *window = i == 0 ? wm_application_get_or_create_window (self) : wm_window_new (self);

      wm_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static int
wm_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  WmApplication *self = WM_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("wijkmix %s\n", PACKAGE_VERSION);
      return 0;
    }
  self->force_demo = g_variant_dict_contains (options, "demo");
  return -1;
}

static void
on_open_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  WmWindow *window = wm_application_get_or_create_window (WM_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  wm_window_choose_and_open (window);
}

static void
on_new_from_data_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (wm_new_project_dialog_new (WM_APPLICATION (user_data), parent)));
}

static void
on_demo_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  WmWindow *window = wm_window_new (WM_APPLICATION (user_data));

  wm_window_open_demo (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_quit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  g_autoptr (GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Closing each window lets it keep its state (and, later, ask about unsaved work). */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
on_about_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { "The Wijkmix developers", NULL };
  g_autofree char *data_credits = NULL;
  WmPlan *plan = WM_IS_WINDOW (parent) ? wm_window_get_plan (WM_WINDOW (parent)) : NULL;
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, "Wijkmix");
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Wijkmix developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_comments (about,
    _("Plan housing changes and shared facilities on a map of the neighbourhood, see the "
      "projected housing mix, and keep the social interventions that must go with each change "
      "in view, so that a mixed neighbourhood can become an inclusive one."));
  adw_about_window_set_translator_credits (about, _("translator-credits"));

  adw_about_window_add_legal_section (about, _("Demo neighbourhood: Otterlo"),
    _("Geometry from the BGT (Basisregistratie Grootschalige Topografie), Kadaster / PDOK, "
      "extract of August 2020, public domain (CC0)."),
    GTK_LICENSE_CUSTOM,
    _("The buildings, roads, water, green and street names are real. The dwellings per "
      "building, their housing segments, the areas (500 m grid cells) and the existing "
      "facilities are illustrative: made up by a documented rule for demonstration, not "
      "real figures for Otterlo."));
  if (plan != NULL && wm_plan_get_attribution (plan) != NULL && *wm_plan_get_attribution (plan))
    {
      g_auto (GStrv) lines = wm_demo_translate_attribution (wm_plan_get_attribution (plan));

      data_credits = g_strjoinv ("\n", lines);
      adw_about_window_add_legal_section (about, _("Data of the open project"), data_credits,
                                          GTK_LICENSE_CUSTOM, NULL);
    }

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_preferences_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  gtk_window_present (GTK_WINDOW (wm_preferences_window_new (parent, settings)));
}

static const GActionEntry app_actions[] = {
  { "open", on_open_activated },
  { "open-demo", on_demo_activated },
  { "new-from-data", on_new_from_data_activated },
  { "about", on_about_activated },
  { "preferences", on_preferences_activated },
  { "quit", on_quit_activated },
};

static void
wm_application_startup (GApplication *app)
{
  const char *open_accels[] = { "<Control>o", NULL };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *save_accels[] = { "<Control>s", NULL };
  const char *save_as_accels[] = { "<Control><Shift>s", NULL };
  const char *close_accels[] = { "<Control>w", NULL };
  const char *zoom_accels[] = { "<Control>0", NULL };
  const char *undo_accels[] = { "<Control>z", NULL };
  const char *redo_accels[] = { "<Control><Shift>z", "<Control>y", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  const char *add_data_accels[] = { "<Control>i", NULL };
  const char *new_from_data_accels[] = { "<Control><Shift>n", NULL };
  const char *export_accels[] = { "<Control>e", NULL };
  const char *print_accels[] = { "<Control>p", NULL };
  const char *compare_accels[] = { "<Control><Shift>k", NULL };
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (wm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save", save_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save-as", save_as_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.zoom-to-plan", zoom_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.undo", undo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.redo", redo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.add-data", add_data_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-from-data",
                                         new_from_data_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-export-menu",
                                         export_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.print", print_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.compare-scenarios",
                                         compare_accels);
}

static void
wm_application_class_init (WmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = wm_application_activate;
  app_class->open = wm_application_open;
  app_class->startup = wm_application_startup;
  app_class->handle_local_options = wm_application_handle_local_options;
}

static void
wm_application_init (WmApplication *self)
{
  const GOptionEntry entries[] = {
    { "demo", 'd', 0, G_OPTION_ARG_NONE, NULL, N_("Open the embedded demo neighbourhood"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[PROJECT.gpkg…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan a mixed neighbourhood that becomes an "
                                              "inclusive one."));
}

WmApplication *
wm_application_new (void)
{
  wm_application_init_resources ();
  return g_object_new (WM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/nl/wijkmix/Wijkmix",
                       NULL);
}
