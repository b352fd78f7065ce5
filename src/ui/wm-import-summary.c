/* wm-import-summary.c: what the import dialogs say about a result, and where it lies */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wm-import-bag.h"
#include "wm-import-basemap.h"
#include "wm-import-cbs.h"
#include "wm-import-layers.h"
#include "wm-property-list.h"
#include "wm-import-summary.h"

static void
move_all (GPtrArray *into, GPtrArray *from)
{
  /* Both arrays free their items the same way; the items change hands, not copies. */
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (into, g_ptr_array_index (from, i));
  g_ptr_array_set_free_func (from, NULL);
  g_ptr_array_set_size (from, 0);
}

void
wm_import_summary_merge (WmImportResult *into, WmImportResult *from)
{
  GHashTableIter iter;
  gpointer key, value;
  GDestroyNotify free_funcs[] = {
    g_object_unref, g_object_unref, g_object_unref, (GDestroyNotify) wm_basemap_feature_unref,
    (GDestroyNotify) wm_tenure_record_free, g_free,
  };
  GPtrArray *froms[] = { from->areas, from->buildings, from->facilities, from->basemap,
                         from->tenure_records, from->notes };
  GPtrArray *intos[] = { into->areas, into->buildings, into->facilities, into->basemap,
                         into->tenure_records, into->notes };

  for (guint i = 0; i < G_N_ELEMENTS (froms); i++)
    {
      move_all (intos[i], froms[i]);
      g_ptr_array_set_free_func (froms[i], free_funcs[i]);
    }
  g_hash_table_iter_init (&iter, from->addresses);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_iter_steal (&iter);
      g_hash_table_replace (into->addresses, key, value);
    }
  if (from->attribution != NULL)
    {
      if (into->attribution == NULL)
        into->attribution = g_steal_pointer (&from->attribution);
      else if (strstr (into->attribution, from->attribution) == NULL)
        {
          char *joined = g_strconcat (into->attribution, "\n", from->attribution, NULL);

          g_free (into->attribution);
          into->attribution = joined;
        }
    }
}

WmImportCounts
wm_import_counts_of_plan (WmPlan *plan)
{
  WmImportCounts counts = { 0 };

  counts.buildings = g_list_model_get_n_items (wm_plan_get_buildings (plan));
  counts.areas = g_list_model_get_n_items (wm_plan_get_areas (plan));
  counts.facilities = g_list_model_get_n_items (wm_plan_get_facilities (plan));
  counts.basemap = wm_basemap_get_n_features (wm_plan_get_basemap (plan));
  return counts;
}

static guint
added (guint before, guint after)
{
  return after > before ? after - before : 0;
}

WmImportCounts
wm_import_counts_added (const WmImportCounts *before, const WmImportCounts *after,
                        WmImportResult *result)
{
  WmImportCounts counts;

  counts.buildings = added (before->buildings, after->buildings);
  counts.areas = added (before->areas, after->areas);
  counts.facilities = added (before->facilities, after->facilities);
  counts.basemap = added (before->basemap, after->basemap);
  counts.records = result->tenure_records->len;
  return counts;
}

void
wm_import_counts_add (WmImportCounts *self, const WmImportCounts *more)
{
  self->buildings += more->buildings;
  self->areas += more->areas;
  self->facilities += more->facilities;
  self->basemap += more->basemap;
  self->records += more->records;
}

char *
wm_import_summary_counts (const WmImportCounts *result)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GString *text;

  if (result->buildings > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u building",
                                                          "%u buildings", result->buildings),
                                             result->buildings));
  if (result->areas > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u area", "%u areas",
                                                          result->areas),
                                             result->areas));
  if (result->facilities > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u facility",
                                                          "%u facilities", result->facilities),
                                             result->facilities));
  if (result->basemap > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u base map feature",
                                                          "%u base map features",
                                                          result->basemap),
                                             result->basemap));
  if (result->records > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u row of the property list",
                                                          "%u rows of the property list",
                                                          result->records),
                                             result->records));
  if (parts->len == 0)
    return NULL;
  text = g_string_new (g_ptr_array_index (parts, 0));
  for (guint i = 1; i < parts->len; i++)
    {
      /* Translators: joins the parts of a list: "3 buildings, 2 areas and 5 facilities". */
      const char *joiner = i + 1 == parts->len ? _(" and ") : _(", ");

      g_string_append (text, joiner);
      g_string_append (text, g_ptr_array_index (parts, i));
    }
  return g_string_free (text, FALSE);
}

WmBounds
wm_import_summary_bounds (WmImportResult *result)
{
  WmBounds bounds = wm_bounds_empty ();

  for (guint i = 0; i < result->areas->len; i++)
    wm_bounds_union (&bounds, &wm_area_get_boundary (g_ptr_array_index (result->areas, i))->bounds);
  for (guint i = 0; i < result->buildings->len; i++)
    wm_bounds_union (&bounds,
                     &wm_building_get_footprint (g_ptr_array_index (result->buildings, i))->bounds);
  for (guint i = 0; i < result->facilities->len; i++)
    {
      WmPoint p = wm_facility_get_location (g_ptr_array_index (result->facilities, i));
      WmBounds point = { p.x, p.y, p.x, p.y };

      wm_bounds_union (&bounds, &point);
    }
  for (guint i = 0; i < result->basemap->len; i++)
    {
      WmBasemapFeature *feature = g_ptr_array_index (result->basemap, i);

      wm_bounds_union (&bounds, &feature->geometry->bounds);
    }
  return bounds;
}

static void
on_toast_details (AdwToast *toast, GtkWindow *window)
{
  const char *notes = g_object_get_data (G_OBJECT (toast), "wm-notes");
  GtkWidget *dialog = adw_message_dialog_new (window, _("What Came In"), notes);

  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The toast of a finished import: what came in, and the first note (estimated tenure, …);
 * "Details" shows every note. */
AdwToast *
wm_import_summary_toast (const WmImportCounts *added, GPtrArray *notes, const char *file_name,
                         GtkWindow *window, char **out_text)
{
  g_autofree char *counts = wm_import_summary_counts (added);
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (counts == NULL)
    text = g_strdup_printf (_("Nothing was imported from “%s”"), file_name);
  else
    /* Translators: "Imported 812 buildings and 3 areas from “bag.gpkg”". */
    text = g_strdup_printf (_("Imported %s from “%s”"), counts, file_name);
  if (notes->len > 0)
    {
      g_autofree char *first = g_strdup (g_ptr_array_index (notes, 0));
      char *joined = g_strconcat (text, ". ", first, NULL);

      g_free (text);
      text = joined;
    }
  title = g_markup_escape_text (text, -1);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 8);
  if (notes->len > 0)
    {
      GString *all = g_string_new (NULL);

      for (guint i = 0; i < notes->len; i++)
        g_string_append_printf (all, "%s• %s", i > 0 ? "\n" : "",
                                (char *) g_ptr_array_index (notes, i));
      g_object_set_data_full (G_OBJECT (toast), "wm-notes", g_string_free (all, FALSE), g_free);
      adw_toast_set_button_label (toast, _("_Details"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_details), window, 0);
    }
  if (out_text != NULL)
    *out_text = g_steal_pointer (&text);
  return toast;
}

static void
add_filter (GtkFileChooser *chooser, const char *name, const char *const *patterns,
            GtkFileFilter *all)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    {
      gtk_file_filter_add_pattern (filter, patterns[i]);
      gtk_file_filter_add_pattern (all, patterns[i]);
    }
  gtk_file_chooser_add_filter (chooser, filter);
}

void
wm_import_summary_choose_files (GtkWindow  *parent,
                                const char *title,
                                const char *accept,
                                gboolean    multiple,
                                GCallback   on_response,
                                gpointer    data)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN, accept,
                                         _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), multiple);
  wm_import_summary_add_filters (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", on_response, data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
wm_import_summary_choose_save_file (GtkWindow  *parent,
                                    const char *title,
                                    const char *accept,
                                    const char *filter_name,
                                    const char *pattern,
                                    const char *mime_type,
                                    GFile      *folder,
                                    const char *suggested_name,
                                    GCallback   on_response,
                                    gpointer    data)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE, accept,
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* A folder that is gone by now is no reason to refuse: the chooser starts elsewhere. */
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", on_response, data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
wm_import_summary_show_message (GtkWindow  *parent,
                                const char *heading,
                                const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, message);

  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
wm_import_summary_add_filters (GtkFileChooser *chooser)
{
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("All data Wijkmix reads"));
  /* The all-formats filter comes first, so it is the one selected. */
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  add_filter (GTK_FILE_CHOOSER (chooser), _("GeoPackage (BAG, CBS wijk- en buurtkaart)"),
              (const char *[]) { "*.gpkg", "*.GPKG", NULL }, all);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Zip archive (BGT from PDOK)"),
              (const char *[]) { "*.zip", "*.ZIP", NULL }, all);
  add_filter (GTK_FILE_CHOOSER (chooser), _("GeoJSON"),
              (const char *[]) { "*.geojson", "*.json", "*.GEOJSON", NULL }, all);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Shapefile"), (const char *[]) { "*.shp", "*.SHP", NULL },
              all);
  add_filter (GTK_FILE_CHOOSER (chooser), _("FlatGeobuf"), (const char *[]) { "*.fgb", NULL }, all);
  add_filter (GTK_FILE_CHOOSER (chooser), _("GML"), (const char *[]) { "*.gml", "*.GML", NULL }, all);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Property list (CSV, Excel)"),
              (const char *[]) { "*.csv", "*.CSV", "*.xlsx", "*.XLSX", NULL }, all);
  add_filter (GTK_FILE_CHOOSER (chooser), _("OpenStreetMap (.osm.pbf)"),
              (const char *[]) { "*.pbf", "*.osm", NULL }, all);
}

static const WmImportKind kinds[] = {
  { WM_IMPORT_AS_BUILDINGS, -1, N_("Buildings with dwellings") },
  { WM_IMPORT_AS_AREAS, -1, N_("Areas (buurten, wijken)") },
  { WM_IMPORT_AS_FACILITIES, -1, N_("Facilities") },
  { WM_IMPORT_AS_BASEMAP, WM_BASEMAP_ROAD, N_("Base map: roads") },
  { WM_IMPORT_AS_BASEMAP, WM_BASEMAP_WATER, N_("Base map: water") },
  { WM_IMPORT_AS_BASEMAP, WM_BASEMAP_GREEN, N_("Base map: green") },
  { WM_IMPORT_AS_BASEMAP, WM_BASEMAP_TERRAIN, N_("Base map: terrain") },
  { WM_IMPORT_AS_BASEMAP, WM_BASEMAP_BUILDING, N_("Base map: buildings") },
  { WM_IMPORT_AS_BASEMAP, WM_BASEMAP_LABEL, N_("Base map: street names") },
  { WM_IMPORT_AS_BASEMAP, -1, N_("Base map") },
  { WM_IMPORT_AS_TENURE, -1, N_("Property list of the corporation") },
  { WM_IMPORT_AS_AUTO, -1, N_("Skip this layer") },
};

const WmImportKind *
wm_import_kinds (guint *n_kinds)
{
  *n_kinds = G_N_ELEMENTS (kinds);
  return kinds;
}

guint
wm_import_kind_skip (void)
{
  return G_N_ELEMENTS (kinds) - 1;
}

guint
wm_import_kind_find (WmImportAs as, int basemap_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].as == as && kinds[i].basemap_class == basemap_class)
      return i;
  /* A base map layer whose class the probe could not tell. */
  if (as == WM_IMPORT_AS_BASEMAP)
    return wm_import_kind_find (WM_IMPORT_AS_BASEMAP, -1);
  return wm_import_kind_skip ();
}

static void
add_roles (GPtrArray *roles, const WmImporter *importer)
{
  guint n = 0;
  const WmFieldRole *list = importer->get_roles (&n);

  for (guint i = 0; i < n; i++)
    {
      gboolean seen = FALSE;

      for (guint k = 0; k < roles->len && !seen; k++)
        seen = g_str_equal (((const WmFieldRole *) g_ptr_array_index (roles, k))->role,
                            list[i].role);
      if (!seen)
        g_ptr_array_add (roles, (gpointer) &list[i]);
    }
}

GPtrArray *
wm_import_kind_roles (WmImportAs as)
{
  GPtrArray *roles = g_ptr_array_new ();

  /* The importers that read a layer the user says is of this kind (see wm-import.c). */
  switch (as)
    {
    case WM_IMPORT_AS_FACILITIES:
      add_roles (roles, &wm_layer_facilities_importer);
      break;
    case WM_IMPORT_AS_AREAS:
      add_roles (roles, &wm_cbs_importer);
      add_roles (roles, &wm_layer_areas_importer);
      break;
    case WM_IMPORT_AS_TENURE:
      add_roles (roles, &wm_property_list_importer);
      break;
    case WM_IMPORT_AS_BUILDINGS:
      add_roles (roles, &wm_bag_importer);
      add_roles (roles, &wm_layer_buildings_importer);
      break;
    case WM_IMPORT_AS_BASEMAP:
      add_roles (roles, &wm_layer_basemap_importer);
      break;
    case WM_IMPORT_AS_AUTO:
    default:
      break;
    }
  return roles;
}

static const struct
{
  const char *role;
  const char *label;
} role_labels[] = {
  { "dwellings", N_("Number of dwellings") },
  { "year", N_("Building year") },
  { "use", N_("Use (woonfunctie, …)") },
  { "segment", N_("Housing segment") },
  { "status", N_("Status") },
  { "id", N_("Building id (BAG pand)") },
  { "building_id", N_("Building id (BAG pand)") },
  { "pand_id", N_("Building id (BAG pand)") },
  { "code", N_("Area code (buurt or wijk)") },
  { "name", N_("Name") },
  { "type", N_("Type") },
  { "kind", N_("Kind") },
  { "postcode", N_("Postcode") },
  { "house_number", N_("House number") },
  { "house_letter", N_("House letter") },
  { "addition", N_("House number addition") },
  { "rent", N_("Rent") },
  { "storeys", N_("Storeys") },
};

const char *
wm_import_role_label (const char *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_labels); i++)
    if (g_str_equal (role_labels[i].role, role))
      return _(role_labels[i].label);
  return role;
}

GtkWidget *
wm_import_summary_new_progress_page (const char *hint, GtkLabel **out_label,
                                     GtkProgressBar **out_bar)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));
  GtkProgressBar *bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 48);
  gtk_widget_set_margin_end (box, 48);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (bar));
  if (hint != NULL)
    {
      GtkWidget *dim = gtk_label_new (hint);

      gtk_widget_add_css_class (dim, "dim-label");
      gtk_box_append (GTK_BOX (box), dim);
    }
  *out_label = label;
  *out_bar = bar;
  return box;
}
