/* wm-import-result.c: what reading one source produced */
#include "config.h"

#include <stdarg.h>

#include "wm-import-result.h"

void
wm_tenure_record_free (WmTenureRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->building_id);
  g_free (record->address_key);
  g_free (record);
}

WmImportResult *
wm_import_result_new (const char *source)
{
  WmImportResult *self = g_new0 (WmImportResult, 1);

  self->source = g_strdup (source);
  self->areas = g_ptr_array_new_with_free_func (g_object_unref);
  self->buildings = g_ptr_array_new_with_free_func (g_object_unref);
  self->facilities = g_ptr_array_new_with_free_func (g_object_unref);
  self->basemap = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_basemap_feature_unref);
  self->tenure_records = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_tenure_record_free);
  self->addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
wm_import_result_free (WmImportResult *self)
{
  if (self == NULL)
    return;
  g_free (self->source);
  g_ptr_array_unref (self->areas);
  g_ptr_array_unref (self->buildings);
  g_ptr_array_unref (self->facilities);
  g_ptr_array_unref (self->basemap);
  g_ptr_array_unref (self->tenure_records);
  g_hash_table_unref (self->addresses);
  g_ptr_array_unref (self->notes);
  g_free (self->attribution);
  g_free (self);
}

void
wm_import_result_add_note (WmImportResult *self,
                           const char     *format,
                           ...)
{
  va_list args;

  g_return_if_fail (self != NULL);

  va_start (args, format);
  g_ptr_array_add (self->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

guint
wm_import_result_get_n_items (WmImportResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->areas->len + self->buildings->len + self->facilities->len + self->basemap->len +
         self->tenure_records->len;
}
