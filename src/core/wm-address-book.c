/* wm-address-book.c: Dutch addresses as keys, and a compact index of them */
#include "config.h"

#include <string.h>

#include "wm-address-book.h"

/* Upper case without spaces; NULL for text that cannot be part of an address. */
static char *
canonical_part (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t')
        continue;
      if (!g_ascii_isalnum (*p) || out->len >= 16)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, g_ascii_toupper (*p));
    }
  return g_string_free (out, FALSE);
}

char *
wm_address_key (const char *postcode,
                gint64      number,
                const char *letter,
                const char *addition)
{
  g_autofree char *code = canonical_part (postcode);
  g_autofree char *let = canonical_part (letter);
  g_autofree char *add = canonical_part (addition);

  if (code == NULL || let == NULL || add == NULL || strlen (code) != 6 || number < 1 ||
      number > 99999)
    return NULL;
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (code[i]))
      return NULL;
  if (!g_ascii_isalpha (code[4]) || !g_ascii_isalpha (code[5]))
    return NULL;
  return g_strdup_printf ("%s %" G_GINT64_FORMAT "%s%s%s", code, number, let,
                          *add != '\0' ? "-" : "", add);
}

struct _WmAddressBook
{
  gatomicrefcount ref_count;
  guint n;
  char *keys;           /* NUL-terminated keys, in key order */
  guint32 *key_offsets; /* n: where each key starts in keys */
  guint32 *buildings;   /* n: the building of each key, an index into id_offsets */
  guint n_ids;
  char *ids;            /* NUL-terminated building ids, each once */
  guint32 *id_offsets;  /* n_ids */
};

G_DEFINE_BOXED_TYPE (WmAddressBook, wm_address_book, wm_address_book_ref, wm_address_book_unref)

struct _WmAddressBookBuilder
{
  GString *keys;
  GArray *key_offsets; /* guint32 */
  GArray *buildings;   /* guint32 */
  GString *ids;
  GArray *id_offsets;  /* guint32 */
  GHashTable *id_index; /* building id (owned) -> index + 1 */
  gboolean sorted;      /* every key added so far is greater than the one before */
  gboolean overflow;    /* more than 4 GB of text: refused (no plan comes near) */
};

WmAddressBook *
wm_address_book_new (void)
{
  return wm_address_book_builder_end (wm_address_book_builder_new ());
}

WmAddressBook *
wm_address_book_new_from_table (GHashTable *table)
{
  WmAddressBookBuilder *builder = wm_address_book_builder_new ();
  GHashTableIter iter;
  gpointer key, value;

  if (table != NULL)
    {
      g_hash_table_iter_init (&iter, table);
      while (g_hash_table_iter_next (&iter, &key, &value))
        wm_address_book_builder_add (builder, key, value);
    }
  return wm_address_book_builder_end (builder);
}

WmAddressBook *
wm_address_book_ref (WmAddressBook *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wm_address_book_unref (WmAddressBook *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->keys);
  g_free (self->key_offsets);
  g_free (self->buildings);
  g_free (self->ids);
  g_free (self->id_offsets);
  g_free (self);
}

guint
wm_address_book_get_size (WmAddressBook *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n;
}

const char *
wm_address_book_lookup (WmAddressBook *self,
                        const char    *key)
{
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, NULL);

  if (key == NULL)
    return NULL;
  hi = self->n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = strcmp (key, self->keys + self->key_offsets[mid]);

      if (cmp == 0)
        return self->ids + self->id_offsets[self->buildings[mid]];
      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return NULL;
}

void
wm_address_book_get_entry (WmAddressBook  *self,
                           guint           index,
                           const char    **out_key,
                           const char    **out_building_id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->n);

  if (out_key != NULL)
    *out_key = self->keys + self->key_offsets[index];
  if (out_building_id != NULL)
    *out_building_id = self->ids + self->id_offsets[self->buildings[index]];
}

gboolean
wm_address_book_equal (WmAddressBook *a,
                       WmAddressBook *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a == b)
    return TRUE;
  if (a->n != b->n)
    return FALSE;
  for (guint i = 0; i < a->n; i++)
    {
      const char *ka, *kb, *ia, *ib;

      wm_address_book_get_entry (a, i, &ka, &ia);
      wm_address_book_get_entry (b, i, &kb, &ib);
      if (strcmp (ka, kb) != 0 || strcmp (ia, ib) != 0)
        return FALSE;
    }
  return TRUE;
}

WmAddressBookBuilder *
wm_address_book_builder_new (void)
{
  WmAddressBookBuilder *self = g_new0 (WmAddressBookBuilder, 1);

  self->keys = g_string_new (NULL);
  self->key_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->buildings = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->ids = g_string_new (NULL);
  self->id_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->id_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sorted = TRUE;
  return self;
}

void
wm_address_book_builder_free (WmAddressBookBuilder *self)
{
  if (self == NULL)
    return;
  if (self->keys != NULL)
    g_string_free (self->keys, TRUE);
  if (self->ids != NULL)
    g_string_free (self->ids, TRUE);
  g_clear_pointer (&self->key_offsets, g_array_unref);
  g_clear_pointer (&self->buildings, g_array_unref);
  g_clear_pointer (&self->id_offsets, g_array_unref);
  g_clear_pointer (&self->id_index, g_hash_table_unref);
  g_free (self);
}

void
wm_address_book_builder_add (WmAddressBookBuilder *self,
                             const char           *key,
                             const char           *building_id)
{
  gpointer found;
  guint32 offset, building;
  gsize key_len, id_len;

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && building_id != NULL);

  key_len = strlen (key);
  id_len = strlen (building_id);
  if (self->overflow || self->keys->len + key_len + 1 > G_MAXUINT32 ||
      self->ids->len + id_len + 1 > G_MAXUINT32)
    {
      self->overflow = TRUE;
      g_return_if_reached ();
    }

  /* The addresses of one building are often next to each other (flats, in key order). */
  if (self->buildings->len > 0 &&
      strcmp (self->ids->str + g_array_index (self->id_offsets, guint32,
                                              g_array_index (self->buildings, guint32,
                                                             self->buildings->len - 1)),
              building_id) == 0)
    found = GUINT_TO_POINTER (g_array_index (self->buildings, guint32,
                                             self->buildings->len - 1) + 1);
  else
    found = g_hash_table_lookup (self->id_index, building_id);
  if (found != NULL)
    building = GPOINTER_TO_UINT (found) - 1;
  else
    {
      building = self->id_offsets->len;
      offset = self->ids->len;
      g_array_append_val (self->id_offsets, offset);
      g_string_append_len (self->ids, building_id, id_len + 1);
      g_hash_table_insert (self->id_index, g_strdup (building_id), GUINT_TO_POINTER (building + 1));
    }

  if (self->sorted && self->key_offsets->len > 0)
    {
      guint32 last = g_array_index (self->key_offsets, guint32, self->key_offsets->len - 1);

      self->sorted = strcmp (self->keys->str + last, key) < 0;
    }
  offset = self->keys->len;
  g_array_append_val (self->key_offsets, offset);
  g_array_append_val (self->buildings, building);
  g_string_append_len (self->keys, key, key_len + 1);
}

typedef struct
{
  const char *keys;
  const guint32 *offsets;
} SortData;

static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const SortData *data = user_data;
  guint32 pa = *(const guint32 *) a, pb = *(const guint32 *) b;
  int cmp = strcmp (data->keys + data->offsets[pa], data->keys + data->offsets[pb]);

  /* Equal keys stay in the order they were added, so the last one added can win. */
  if (cmp == 0)
    return pa < pb ? -1 : 1;
  return cmp;
}

WmAddressBook *
wm_address_book_builder_end (WmAddressBookBuilder *self)
{
  WmAddressBook *book;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);

  n = self->key_offsets->len;
  book = g_new0 (WmAddressBook, 1);
  g_atomic_ref_count_init (&book->ref_count);
  book->n_ids = self->id_offsets->len;
  book->id_offsets = (guint32 *) g_array_free (g_steal_pointer (&self->id_offsets), FALSE);
  book->ids = g_string_free (g_steal_pointer (&self->ids), FALSE);

  if (self->sorted)
    {
      book->n = n;
      book->key_offsets = (guint32 *) g_array_free (g_steal_pointer (&self->key_offsets), FALSE);
      book->buildings = (guint32 *) g_array_free (g_steal_pointer (&self->buildings), FALSE);
      book->keys = g_string_free (g_steal_pointer (&self->keys), FALSE);
    }
  else
    {
      const guint32 *offsets = (const guint32 *) self->key_offsets->data;
      const guint32 *buildings = (const guint32 *) self->buildings->data;
      SortData data = { self->keys->str, offsets };
      g_autofree guint32 *order = g_new (guint32, MAX (n, 1));
      GString *sorted = g_string_sized_new (self->keys->len);
      guint out = 0;

      for (guint i = 0; i < n; i++)
        order[i] = i;
      g_qsort_with_data (order, n, sizeof (guint32), compare_positions, &data);
      book->key_offsets = g_new (guint32, MAX (n, 1));
      book->buildings = g_new (guint32, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        {
          const char *key = data.keys + offsets[order[i]];

          /* Of equal keys only the last added stays. */
          if (i + 1 < n && strcmp (key, data.keys + offsets[order[i + 1]]) == 0)
            continue;
          book->key_offsets[out] = sorted->len;
          book->buildings[out] = buildings[order[i]];
          g_string_append_len (sorted, key, strlen (key) + 1);
          out++;
        }
      book->n = out;
      book->keys = g_string_free (sorted, FALSE);
    }

  wm_address_book_builder_free (self);
  return book;
}
