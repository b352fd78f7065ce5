/* wm-property-list.c: a corporation's property list (CSV or XLSX) as tenure records */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "wm-property-list.h"
#include "wm-tenure-estimate.h"
#include "wm-tenure-list.h"

/* Cancellation is checked this often (rows). */
#define CHECK_EVERY 1000

/* The roles a user may map (--field ROLE=NAME); the field is then read as the column the
 * role names. The recognised column names are those of wm-tenure-list.c. */
static const char *const id_names[] = { "pand_id", "bag_pand_id", "pandidentificatie", NULL };
static const char *const postcode_names[] = { "postcode", NULL };
static const char *const number_names[] = { "huisnummer", "house_number", NULL };
static const char *const letter_names[] = { "huisletter", NULL };
static const char *const addition_names[] = { "toevoeging", "huisnummertoevoeging", NULL };
static const char *const address_names[] = { "adres", "address", NULL };
static const char *const count_names[] = { "aantal", "aantal_woningen", "units", NULL };
static const char *const segment_names[] = { "segment", "huursegment", NULL };
static const char *const rent_names[] = { "kale_huur", "kale huur", "huur", "rent", NULL };

static const WmFieldRole list_roles[] = {
  { "building_id", N_("BAG pand id"), id_names, FALSE },
  { "postcode", N_("Postcode"), postcode_names, FALSE },
  { "number", N_("House number"), number_names, FALSE },
  { "letter", N_("House letter"), letter_names, FALSE },
  { "addition", N_("House number addition"), addition_names, FALSE },
  { "address", N_("Address in one column"), address_names, FALSE },
  { "count", N_("Number of dwellings in the row"), count_names, FALSE },
  { "segment", N_("Segment"), segment_names, FALSE },
  { "rent", N_("Basic rent per month"), rent_names, FALSE },
};

/* The column name wm-tenure-list.c knows for each role above. */
static const char *const role_columns[] = { "pand_id", "postcode", "huisnummer", "huisletter",
                                            "toevoeging", "adres", "aantal", "segment",
                                            "kale_huur" };

G_STATIC_ASSERT (G_N_ELEMENTS (role_columns) == G_N_ELEMENTS (list_roles));

const WmFieldRole *
wm_property_list_get_roles (guint *n_roles)
{
  *n_roles = G_N_ELEMENTS (list_roles);
  return list_roles;
}

static gboolean
is_table_driver (WmOgrSource *source)
{
  const char *driver = wm_ogr_source_get_driver (source);

  return driver != NULL && (g_str_equal (driver, "CSV") || g_str_equal (driver, "XLSX") ||
                            g_str_equal (driver, "ODS"));
}

/* The header as wm-tenure-list.c reads it: a mapped role's field renamed to the role's
 * column. */
static char **
header_of (WmOgrSource           *source,
           guint                  layer,
           const WmImportOptions *options,
           GError               **error)
{
  const char *const *fields = wm_ogr_source_get_field_names (source, layer);
  char **header = g_strdupv ((char **) fields);

  if (header == NULL)
    header = g_new0 (char *, 1);
  for (guint r = 0; options != NULL && options->mapping != NULL && r < G_N_ELEMENTS (list_roles);
       r++)
    {
      const char *field = wm_field_mapping_get (options->mapping, list_roles[r].role);
      gboolean found = FALSE;

      if (field == NULL)
        continue;
      for (guint c = 0; header[c] != NULL; c++)
        if (g_ascii_strcasecmp (fields[c], field) == 0)
          {
            g_free (header[c]);
            header[c] = g_strdup (role_columns[r]);
            found = TRUE;
          }
      if (!found)
        {
          g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_FIELDS,
                       _("“%s”, layer “%s”: there is no field “%s” (for role “%s”)"),
                       wm_ogr_source_get_path (source),
                       wm_ogr_source_get_layer_name (source, layer), field, list_roles[r].role);
          g_strfreev (header);
          return NULL;
        }
    }
  return header;
}

static gboolean
pick_layer (WmOgrSource            *source,
            const WmImportOptions  *options,
            guint                  *out,
            GError                **error)
{
  if (options != NULL && options->layer != NULL)
    {
      return wm_importer_find_layer (source, options->layer, out, error);
    }
  if (wm_ogr_source_get_n_layers (source) == 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY, _("“%s” has no layers"),
                   wm_ogr_source_get_path (source));
      return FALSE;
    }
  *out = 0; /* the first sheet */
  return TRUE;
}

gboolean
wm_property_list_recognise (WmOgrSource           *source,
                            const WmImportOptions *options)
{
  g_auto(GStrv) header = NULL;
  g_autoptr(WmTenureList) list = NULL;
  guint layer;

  if (!is_table_driver (source) || !pick_layer (source, options, &layer, NULL))
    return FALSE;
  header = header_of (source, layer, options, NULL);
  if (header == NULL)
    return FALSE;
  list = wm_tenure_list_new (wm_ogr_source_get_path (source), (const char *const *) header,
                             g_strv_length (header), 0, NULL, NULL);
  return list != NULL;
}

gboolean
wm_property_list_read (WmOgrSource            *source,
                       const WmImportOptions  *options,
                       WmImportResult         *result,
                       WmImportProgressFunc    progress,
                       gpointer                progress_data,
                       GCancellable           *cancellable,
                       GError                **error)
{
  const char *path = wm_ogr_source_get_path (source);
  g_auto(GStrv) header = NULL;
  g_autoptr(WmTenureList) list = NULL;
  g_autoptr(WmOgrReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree const char **values = NULL;
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  guint layer, n_columns, row = 1;
  double last = 0.0;
  gint64 n_dwellings = 0;

  if (!pick_layer (source, options, &layer, error))
    return FALSE;
  header = header_of (source, layer, options, error);
  if (header == NULL)
    return FALSE;
  n_columns = g_strv_length (header);
  list = wm_tenure_list_new (path, (const char *const *) header, n_columns, 0, NULL,
                             &local_error);
  if (list == NULL)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_FIELDS, "%s", local_error->message);
      return FALSE;
    }
  reader = wm_ogr_reader_new (source, layer, FALSE, error);
  if (reader == NULL)
    return FALSE;
  values = g_new0 (const char *, MAX (n_columns, 1));

  for (;;)
    {
      if (!wm_ogr_reader_next (reader, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          break;
        }
      row++;
      if (row % CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL && wm_ogr_reader_get_progress (reader) - last >= 0.01)
        {
          last = wm_ogr_reader_get_progress (reader);
          progress (last, progress_data);
        }
      g_ptr_array_set_size (owned, 0);
      for (guint c = 0; c < n_columns; c++)
        {
          const char *text = wm_ogr_reader_get_string (reader, c, &local_error);
          double number;

          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          /* A spreadsheet's number cell: written out whole, never as 2.2e+14. */
          if (text != NULL && (strchr (text, 'e') || strchr (text, 'E')) &&
              wm_ogr_reader_get_double (reader, c, &number, NULL) && number == floor (number) &&
              fabs (number) < 1e17)
            {
              char *whole = g_strdup_printf ("%.0f", number);

              g_ptr_array_add (owned, whole);
              text = whole;
            }
          else if (text != NULL)
            {
              /* OGR's text of a number cell lives only until the next call: keep a copy. */
              char *copy = g_strdup (text);

              g_ptr_array_add (owned, copy);
              text = copy;
            }
          values[c] = text;
        }
      if (!wm_tenure_list_add_row (list, row, values, n_columns, &local_error))
        {
          g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_BAD_VALUE, "%s",
                       local_error->message);
          return FALSE;
        }
    }

  if (wm_tenure_list_get_n_entries (list) == 0)
    {
      g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_EMPTY,
                   _("“%s”, layer “%s”: the list names no dwellings"), path,
                   wm_ogr_reader_get_layer_name (reader));
      return FALSE;
    }
  for (guint i = 0; i < wm_tenure_list_get_n_entries (list); i++)
    {
      const WmTenureListEntry *e = wm_tenure_list_get_entry (list, i);
      WmTenureRecord *record = g_new0 (WmTenureRecord, 1);

      record->building_id = g_strdup (e->building_id);
      record->address_key = g_strdup (e->address_key);
      record->mix = e->mix;
      record->row = e->row;
      n_dwellings += wm_dwelling_mix_total (&e->mix);
      g_ptr_array_add (result->tenure_records, record);
    }
  wm_import_result_add_note (result,
                             _("Property list: %d dwellings in %u buildings"),
                             (int) n_dwellings, wm_tenure_list_get_n_entries (list));
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

/* Apply */

typedef struct
{
  guint index;         /* in the buildings */
  WmDwellingMix mix;   /* listed */
  guint row;           /* first record's row */
} Match;

static void
note (GPtrArray *notes,
      char      *text)
{
  if (notes != NULL)
    g_ptr_array_add (notes, text);
  else
    g_free (text);
}

/* The rest of a building not on the list: over private rent and owner-occupied, in the
 * proportions @current has there, else those of the national figures. */
static void
split_rest (const WmDwellingMix *current,
            gint                 rest,
            WmDwellingMix       *mix)
{
  static const WmSegment rest_segments[] = { WM_SEGMENT_PRIVATE_RENT, WM_SEGMENT_OWNER_AFFORDABLE,
                                             WM_SEGMENT_OWNER_EXPENSIVE };
  double weights[G_N_ELEMENTS (rest_segments)], sum = 0, frac[G_N_ELEMENTS (rest_segments)];
  gint given = 0;

  for (guint i = 0; i < G_N_ELEMENTS (rest_segments); i++)
    sum += weights[i] = current->counts[rest_segments[i]];
  if (sum <= 0)
    {
      WmAreaFigures national;
      double shares[WM_N_SEGMENTS];

      sum = 0;
      if (wm_tenure_national_figures (NULL, &national) &&
          wm_tenure_shares_from_figures (&national, NULL, shares))
        for (guint i = 0; i < G_N_ELEMENTS (rest_segments); i++)
          sum += weights[i] = shares[rest_segments[i]];
    }
  if (sum <= 0)
    {
      weights[0] = sum = 1;
      weights[1] = weights[2] = 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (rest_segments); i++)
    {
      double q = rest * weights[i] / sum;
      gint whole = (gint) floor (q);

      mix->counts[rest_segments[i]] += whole;
      frac[i] = q - whole;
      given += whole;
    }
  while (given < rest)
    {
      guint best = 0;

      for (guint i = 1; i < G_N_ELEMENTS (rest_segments); i++)
        if (frac[i] > frac[best])
          best = i;
      mix->counts[rest_segments[best]]++;
      frac[best] = -1;
      given++;
    }
}

gboolean
wm_tenure_list_apply (GPtrArray      *records,
                      GPtrArray      *buildings,
                      WmAddressBook  *book,
                      GPtrArray     **out_buildings,
                      GPtrArray      *notes,
                      GError        **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) matches = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *out;
  guint n_partial = 0, n_over = 0;
  gint64 rest_total = 0;

  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (buildings != NULL, FALSE);
  g_return_val_if_fail (out_buildings != NULL, FALSE);

  for (guint i = 0; i < buildings->len; i++)
    {
      const char *id = wm_building_get_id (g_ptr_array_index (buildings, i));

      if (id != NULL && !g_hash_table_contains (by_id, id))
        g_hash_table_insert (by_id, (gpointer) id, GUINT_TO_POINTER (i + 1));
    }

  for (guint r = 0; r < records->len; r++)
    {
      WmTenureRecord *record = g_ptr_array_index (records, r);
      guint at = 0;
      Match *match;

      if (record->building_id != NULL)
        at = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, record->building_id));
      if (at == 0 && record->address_key != NULL && book != NULL)
        {
          const char *id = wm_address_book_lookup (book, record->address_key);

          if (id != NULL)
            at = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, id));
        }
      if (at == 0)
        {
          if (record->building_id != NULL)
            g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_FOUND,
                         _("Property list, row %u: no building with BAG pand id %s in the plan"),
                         record->row, record->building_id);
          else
            g_set_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_FOUND,
                         _("Property list, row %u: no building at address %s in the plan (import "
                           "the BAG verblijfsobjecten for the addresses)"),
                         record->row, record->address_key != NULL ? record->address_key : "?");
          return FALSE;
        }
      match = g_hash_table_lookup (matches, GUINT_TO_POINTER (at));
      if (match == NULL)
        {
          match = g_new0 (Match, 1);
          match->index = at - 1;
          match->row = record->row;
          g_hash_table_insert (matches, GUINT_TO_POINTER (at), match);
          g_array_append_val (order, at);
        }
      wm_dwelling_mix_add (&match->mix, &record->mix);
    }

  out = g_ptr_array_copy (buildings, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (out, g_object_unref);
  for (guint i = 0; i < order->len; i++)
    {
      Match *match = g_hash_table_lookup (matches,
                                          GUINT_TO_POINTER (g_array_index (order, guint, i)));
      WmBuilding *b = g_ptr_array_index (buildings, match->index);
      WmBuilding *copy = wm_building_copy (b);
      gint bag = wm_building_get_n_dwellings (b);
      gint listed = wm_dwelling_mix_total (&match->mix);
      WmDwellingMix mix = match->mix;

      if (bag > listed && wm_building_get_tenure_source (b) != WM_TENURE_LISTED)
        {
          split_rest (wm_building_get_dwellings (b), bag - listed, &mix);
          n_partial++;
          rest_total += bag - listed;
        }
      else if (listed > bag)
        {
          n_over++;
          note (notes, g_strdup_printf (_("Property list, row %u: building %s has %d dwellings "
                                          "in the list but %d in BAG; the list is used."),
                                        match->row, wm_building_get_id (b), listed, bag));
        }
      wm_building_set_dwellings (copy, &mix);
      wm_building_set_tenure_source (copy, WM_TENURE_LISTED);
      g_object_unref (g_ptr_array_index (out, match->index));
      g_ptr_array_index (out, match->index) = copy;
    }
  note (notes, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The property list sets the tenure of %u building.",
                                             "The property list sets the tenure of %u buildings.",
                                             order->len),
                                order->len));
  if (n_partial > 0)
    note (notes, g_strdup_printf (
      _("%u listed buildings have %d dwellings more in BAG than in the list: "
        "those are not the corporation’s and are split over private rent and owner-occupied "
        "as estimated."), n_partial, (int) rest_total));
  *out_buildings = out;
  return TRUE;
}

static gboolean
list_recognise (WmOgrSource           *source,
                const WmImportOptions *options)
{
  return wm_property_list_recognise (source, options);
}

const WmImporter wm_property_list_importer = {
  .name = "property-list",
  .as = WM_IMPORT_AS_TENURE,
  .recognise = list_recognise,
  .read = wm_property_list_read,
  .get_roles = wm_property_list_get_roles,
};
