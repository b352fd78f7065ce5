/* wm-importer.h: the shape every importer has (BAG, BGT and other base maps, CBS, a property
 * list, plain layers), so wm-import.c can recognise a source and hand it to the right one
 */
#pragma once

#include <gio/gio.h>

#include "wm-field-mapping.h"
#include "wm-import.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name; /* "bag", "bgt", "cbs", "property-list", "osm", "layer", ... */
  /* What it produces when the user did not say (--as). */
  WmImportAs as;
  /* TRUE when @source looks like this importer's kind (layer, field and driver names). */
  gboolean (*recognise) (WmOgrSource *source, const WmImportOptions *options);
  /* Reads what it understands of @source into @result. Checks @cancellable at least every
   * 1,000 features, reports progress 0..1; on error returns FALSE with a message naming file,
   * layer, feature and problem (the caller throws @result away). */
  gboolean (*read) (WmOgrSource *source, const WmImportOptions *options, WmImportResult *result,
                    WmImportProgressFunc progress, gpointer progress_data,
                    GCancellable *cancellable, GError **error);
  /* The roles it maps (for the mapping page and --field). */
  const WmFieldRole *(*get_roles) (guint *n_roles);
} WmImporter;

/* Helpers the importers share. */

/* The layer named @name (the user's --layer), or WM_IMPORT_ERROR_NO_LAYER naming file and
 * layer. */
gboolean wm_importer_find_layer (WmOgrSource *source, const char *name, guint *out,
                                 GError **error);

/* The field of each of @roles in @layer: the user's mapping (@options->mapping) first, else
 * the first candidate found. A mapping naming a field that is not there, or a required role
 * without a field, is WM_IMPORT_ERROR_FIELDS naming file, layer, role and the fields there
 * are. */
WmFieldMapping *wm_importer_resolve_roles (WmOgrSource           *source,
                                           guint                  layer,
                                           const WmImportOptions *options,
                                           const WmFieldRole     *roles,
                                           guint                  n_roles,
                                           GError               **error);

G_END_DECLS
