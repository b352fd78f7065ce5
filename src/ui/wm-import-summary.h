/* wm-import-summary.h: what the import dialogs say about a result, and where it lies
 *
 * Shared by "Add Data…" and "New Project from Data…": merging the results of several layers
 * into one (so they are applied as one undoable step), the sentence of the toast, the notes,
 * and the bounds the map brings into view.
 */
#pragma once

#include <adwaita.h>

#include "wm-import.h"
#include "wm-plan.h"

G_BEGIN_DECLS

/* Moves everything of @from into @into (@from is left empty). */
void wm_import_summary_merge (WmImportResult *into, WmImportResult *from);
/* How much of each kind a plan holds; the difference before and after an import is what came
 * in (the import leaves out what lies outside the project's areas). */
typedef struct
{
  guint buildings, areas, facilities, basemap, records;
} WmImportCounts;

WmImportCounts wm_import_counts_of_plan (WmPlan *plan);
/* @after minus @before; records: @result's property list rows. */
WmImportCounts wm_import_counts_added (const WmImportCounts *before, const WmImportCounts *after,
                                       WmImportResult *result);
void wm_import_counts_add (WmImportCounts *self, const WmImportCounts *more);
/* "1,234 buildings, 3 areas and 812 base map features" (translated); NULL when empty. */
char *wm_import_summary_counts (const WmImportCounts *counts);
/* Bounds of everything in @result (RD New); empty bounds when it holds no geometry. */
WmBounds wm_import_summary_bounds (WmImportResult *result);

/* The toast of a finished import: what came in and the first note (estimated tenure, …);
 * "Details" shows every note in a dialog over @window. @out_text (may be NULL) gets the
 * plain text. */
AdwToast *wm_import_summary_toast (const WmImportCounts *counts, GPtrArray *notes,
                                   const char *file_name, GtkWindow *window, char **out_text);

/* The file filters of every format the importers read (GDAL's), "all of them" first. */
void wm_import_summary_add_filters (GtkFileChooser *chooser);

/* Shows a modal chooser of such files over @parent, titled @title with @accept on its button;
 * @on_response ("response" of GtkNativeDialog) gets @data and destroys the chooser. */
void wm_import_summary_choose_files (GtkWindow  *parent,
                                     const char *title,
                                     const char *accept,
                                     gboolean    multiple,
                                     GCallback   on_response,
                                     gpointer    data);

/* Shows a modal chooser over @parent for saving one file, titled @title with @accept on its
 * button, filtered to @filter_name (@pattern such as "*.pdf", @mime_type may be NULL), opening
 * in @folder (may be NULL) with @suggested_name filled in. @on_response as above. */
void wm_import_summary_choose_save_file (GtkWindow  *parent,
                                         const char *title,
                                         const char *accept,
                                         const char *filter_name,
                                         const char *pattern,
                                         const char *mime_type,
                                         GFile      *folder,
                                         const char *suggested_name,
                                         GCallback   on_response,
                                         gpointer    data);

/* The page an import shows while it runs: a label (ellipsized in the middle, for file names)
 * over a progress bar, and @hint (may be NULL) dimmed under them. */
GtkWidget *wm_import_summary_new_progress_page (const char *hint, GtkLabel **out_label,
                                                GtkProgressBar **out_bar);

/* A message over @parent with a Close button: why an import could not be done. */
void wm_import_summary_show_message (GtkWindow  *parent,
                                     const char *heading,
                                     const char *message);

/* The choices of what a layer becomes, in the order the drop-downs show them. */
typedef struct
{
  WmImportAs as;     /* WM_IMPORT_AS_AUTO: skip the layer */
  int basemap_class; /* a WmBasemapClass for WM_IMPORT_AS_BASEMAP, else -1 */
  const char *label; /* N_() */
} WmImportKind;

const WmImportKind *wm_import_kinds (guint *n_kinds);
/* Position of (@as, @basemap_class) in wm_import_kinds(); the "skip" position when none. */
guint wm_import_kind_find (WmImportAs as, int basemap_class);
guint wm_import_kind_skip (void);
/* The roles (const WmFieldRole*, free the array only) of the importers that read a layer
 * chosen to be of kind @as. */
GPtrArray *wm_import_kind_roles (WmImportAs as);
/* The mapping page's label of a role key ("dwellings" -> "Number of dwellings"). */
const char *wm_import_role_label (const char *role);

G_END_DECLS
