/* wm-importer.c: helpers the importers share */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-importer.h"

gboolean
wm_importer_find_layer (WmOgrSource *source,
                        const char  *name,
                        guint       *out,
                        GError     **error)
{
  int index = wm_ogr_source_find_layer (source, name);

  if (index < 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NO_LAYER, _("“%s” has no layer “%s”"),
                   wm_ogr_source_get_path (source), name);
      return FALSE;
    }
  *out = (guint) index;
  return TRUE;
}

WmFieldMapping *
wm_importer_resolve_roles (WmOgrSource           *source,
                           guint                  layer,
                           const WmImportOptions *options,
                           const WmFieldRole     *roles,
                           guint                  n_roles,
                           GError               **error)
{
  g_autoptr(WmFieldMapping) mapping = options != NULL && options->mapping != NULL
                                      ? wm_field_mapping_copy (options->mapping)
                                      : wm_field_mapping_new ();
  const char *const *fields = wm_ogr_source_get_field_names (source, layer);
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) missing = NULL;

  missing = wm_field_mapping_resolve (mapping, roles, n_roles, fields, &local_error);
  if (missing == NULL)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_FIELDS, _("“%s”, layer “%s”: %s"),
                   wm_ogr_source_get_path (source), wm_ogr_source_get_layer_name (source, layer),
                   local_error->message);
      return NULL;
    }
  if (missing[0] != NULL)
    {
      g_autofree char *list = fields != NULL && fields[0] != NULL
                              ? g_strjoinv (", ", (char **) fields)
                              : g_strdup (_("none"));

      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_FIELDS,
                   _("“%s”, layer “%s”: no field found for role “%s” (fields: %s); say which "
                     "with --field %s=NAME"),
                   wm_ogr_source_get_path (source), wm_ogr_source_get_layer_name (source, layer),
                   missing[0], list, missing[0]);
      return NULL;
    }
  return g_steal_pointer (&mapping);
}
