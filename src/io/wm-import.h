/* wm-import.h: reading a source of any kind into a plan (the CLI's `import`, the window's
 * "Add Data" and "New Project from Data")
 *
 * wm_import_read() tells what a source is (BAG, BGT, CBS, a property list, OSM, or a plain
 * layer taken as asked), reads it in the calling thread (a worker: it touches no plan) and
 * returns an WmImportResult; wm_import_apply() puts that into a document's plan on the main
 * thread as one undoable step with one recompute. Any error leaves the plan untouched.
 */
#pragma once

#include <gio/gio.h>

#include "wm-basemap.h"
#include "wm-document.h"
#include "wm-field-mapping.h"
#include "wm-import-result.h"
#include "wm-ogr-reader.h"

G_BEGIN_DECLS

typedef enum
{
  WM_IMPORT_AS_AUTO,       /* recognised from layer and field names */
  WM_IMPORT_AS_BUILDINGS,
  WM_IMPORT_AS_AREAS,
  WM_IMPORT_AS_FACILITIES,
  WM_IMPORT_AS_BASEMAP,
  WM_IMPORT_AS_TENURE,     /* a corporation's property list */
} WmImportAs;

const char *wm_import_as_key (WmImportAs as);          /* "buildings", ... ("auto") */
gboolean wm_import_as_from_key (const char *key, WmImportAs *out);

typedef struct
{
  WmImportAs as;
  const char *layer;              /* NULL: every layer that fits */
  WmFieldMapping *mapping;        /* roles the user set (CLI --field, the mapping page); may be NULL */
  int basemap_class;              /* a WmBasemapClass, or -1: recognise it */
  gboolean include_construction;  /* BAG: also objects under construction */
  const char *const *area_codes;  /* CBS: only these buurten/wijken (code or name); NULL all */
  const WmBounds *clip;           /* keep only what lies in these bounds (RD New); NULL none */
} WmImportOptions;

#define WM_IMPORT_OPTIONS_INIT { WM_IMPORT_AS_AUTO, NULL, NULL, -1, FALSE, NULL, NULL }

/* Called from the reading thread, at most every 1 % or so. */
typedef void (*WmImportProgressFunc) (double fraction, gpointer user_data);

WmImportResult *wm_import_read (const char              *path,
                                const WmImportOptions   *options,
                                WmImportProgressFunc     progress,
                                gpointer                 progress_data,
                                GCancellable            *cancellable,
                                GError                 **error);

/* The same in a GTask worker; @progress is called on the caller's main context. The options
 * are copied. */
void wm_import_read_async (const char            *path,
                           const WmImportOptions *options,
                           WmImportProgressFunc   progress,
                           gpointer               progress_data,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data);
WmImportResult *wm_import_read_finish (GAsyncResult *result, GError **error);

/* Adds @result to the document's plan as one undoable step ("Import “FILE”") with one
 * "changed": areas, buildings and facilities (one of the same id replaces the plan's), base
 * map features (one equal to a feature the plan has is not added again), addresses. When the plan (with the new areas) has areas, buildings whose
 * footprint centroid and facilities whose point lies in none are left out, with a note giving
 * the count; nothing left at all is WM_IMPORT_ERROR_OUTSIDE. Then the property list's records
 * are matched (wm_tenure_list_apply: by pand id, else address; a record that matches no
 * building fails the whole import, naming the row), and the segments of every
 * WM_TENURE_ESTIMATED building are estimated again from its area's CBS figures
 * (wm_tenure_estimate). The result's attribution line is added to the plan's once (for now
 * outside the undo step: see wm-import.c). On success @result holds what was kept and its
 * notes the added ones (for the CLI's summary and the window's report); on any error the plan
 * and its history are untouched. */
gboolean wm_import_apply (WmDocument *document, WmImportResult *result, GError **error);

/* What a source looks like, for the mapping page and `--as` recognition. */
typedef struct
{
  char *layer;
  WmImportAs as;                /* recognised kind, WM_IMPORT_AS_AUTO when unclear */
  int basemap_class;            /* for WM_IMPORT_AS_BASEMAP, or -1 */
  char **fields;                /* field names */
  char **missing_roles;         /* roles of that kind no field was recognised for */
  gint64 n_features;
} WmImportLayerInfo;

GPtrArray *wm_import_probe (const char *path, GError **error); /* WmImportLayerInfo*, freed with the array */

/* The clip an import into @plan uses (WmImportOptions.clip): the bounds of the plan's areas
 * plus 250 m. FALSE (and @out untouched) when the plan has no areas: nothing is clipped. */
gboolean wm_import_default_clip (WmPlan *plan, WmBounds *out);

G_END_DECLS
