/* test-address-book.c: address keys and the compact address index */
#include "config.h"

#include <string.h>

#include "wm-address-book.h"

static void
test_key (void)
{
  struct
  {
    const char *postcode;
    gint64 number;
    const char *letter, *addition, *key;
  } cases[] = {
    { "1234AB", 12, NULL, NULL, "1234AB 12" },
    { "1234 ab", 12, "a", "ii", "1234AB 12A-II" },
    { " 1234ab ", 7, "", "", "1234AB 7" },
    { "1234AB", 99999, NULL, "2", "1234AB 99999-2" },
    { "123AB", 12, NULL, NULL, NULL },
    { "1234A1", 12, NULL, NULL, NULL },
    { "1234AB", 0, NULL, NULL, NULL },
    { "1234AB", 100000, NULL, NULL, NULL },
    { "1234AB", 1, "'", NULL, NULL },
    { "1234AB", 1, NULL, "a;b", NULL },
    { NULL, 1, NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = wm_address_key (cases[i].postcode, cases[i].number,
                                             cases[i].letter, cases[i].addition);

      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

static void
test_empty (void)
{
  g_autoptr (WmAddressBook) book = wm_address_book_new ();
  g_autoptr (WmAddressBook) from_null = wm_address_book_new_from_table (NULL);

  g_assert_cmpuint (wm_address_book_get_size (book), ==, 0);
  g_assert_null (wm_address_book_lookup (book, "1234AB 1"));
  g_assert_null (wm_address_book_lookup (book, NULL));
  g_assert_true (wm_address_book_equal (book, from_null));
}

/* Unsorted input with a repeated key: sorted by byte order, the last building wins, and every
 * key is found. */
static void
test_builder (void)
{
  g_autoptr (WmAddressBookBuilder) builder = wm_address_book_builder_new ();
  g_autoptr (WmAddressBook) book = NULL;
  const char *key, *id;

  wm_address_book_builder_add (builder, "6871AB 3", "0228100000000003");
  wm_address_book_builder_add (builder, "6871AB 1", "0228100000000001");
  wm_address_book_builder_add (builder, "6871AB 10", "0228100000000001");
  wm_address_book_builder_add (builder, "6871AB 2", "0228100000000002");
  wm_address_book_builder_add (builder, "6871AB 3", "0228100000000009");
  book = wm_address_book_builder_end (g_steal_pointer (&builder));

  g_assert_cmpuint (wm_address_book_get_size (book), ==, 4);
  g_assert_cmpstr (wm_address_book_lookup (book, "6871AB 1"), ==, "0228100000000001");
  g_assert_cmpstr (wm_address_book_lookup (book, "6871AB 10"), ==, "0228100000000001");
  g_assert_cmpstr (wm_address_book_lookup (book, "6871AB 2"), ==, "0228100000000002");
  g_assert_cmpstr (wm_address_book_lookup (book, "6871AB 3"), ==, "0228100000000009");
  g_assert_null (wm_address_book_lookup (book, "6871AB 4"));
  g_assert_null (wm_address_book_lookup (book, "6871AB"));
  g_assert_null (wm_address_book_lookup (book, ""));

  wm_address_book_get_entry (book, 0, &key, &id);
  g_assert_cmpstr (key, ==, "6871AB 1");
  wm_address_book_get_entry (book, 1, &key, &id);
  g_assert_cmpstr (key, ==, "6871AB 10");
  wm_address_book_get_entry (book, 3, &key, &id);
  g_assert_cmpstr (key, ==, "6871AB 3");
  g_assert_cmpstr (id, ==, "0228100000000009");
}

static void
test_from_table (void)
{
  g_autoptr (GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (WmAddressBook) book = NULL;
  g_autoptr (WmAddressBookBuilder) builder = wm_address_book_builder_new ();
  g_autoptr (WmAddressBook) sorted = NULL;
  g_autoptr (WmAddressBookBuilder) other_builder = wm_address_book_builder_new ();
  g_autoptr (WmAddressBook) other = NULL;

  g_hash_table_insert (table, "1000AA 2", "b");
  g_hash_table_insert (table, "1000AA 1", "a");
  g_hash_table_insert (table, "1000AA 1A", "a");
  book = wm_address_book_new_from_table (table);
  g_assert_cmpuint (wm_address_book_get_size (book), ==, 3);

  /* The same entries in key order: equal. */
  wm_address_book_builder_add (builder, "1000AA 1", "a");
  wm_address_book_builder_add (builder, "1000AA 1A", "a");
  wm_address_book_builder_add (builder, "1000AA 2", "b");
  sorted = wm_address_book_builder_end (g_steal_pointer (&builder));
  g_assert_true (wm_address_book_equal (book, sorted));

  wm_address_book_builder_add (other_builder, "1000AA 1", "a");
  wm_address_book_builder_add (other_builder, "1000AA 1A", "a");
  wm_address_book_builder_add (other_builder, "1000AA 2", "c");
  other = wm_address_book_builder_end (g_steal_pointer (&other_builder));
  g_assert_false (wm_address_book_equal (book, other));
}

/* 300,000 shuffled keys: every one found with its building, the misses missed, in order. */
static void
test_large (void)
{
  const guint n = 300000;
  g_autoptr (WmAddressBookBuilder) builder = wm_address_book_builder_new ();
  g_autoptr (WmAddressBook) book = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  g_autofree guint *order = g_new (guint, n);
  char prev[32] = "";

  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1), t = order[i];

      order[i] = order[j];
      order[j] = t;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("%04uAB %u", 1000 + order[i] / 100,
                                              order[i] % 100 + 1);
      g_autofree char *id = g_strdup_printf ("%016u", order[i] / 4);

      wm_address_book_builder_add (builder, key, id);
    }
  book = wm_address_book_builder_end (g_steal_pointer (&builder));
  g_assert_cmpuint (wm_address_book_get_size (book), ==, n);
  for (guint i = 0; i < n; i += 7)
    {
      g_autofree char *key = g_strdup_printf ("%04uAB %u", 1000 + i / 100, i % 100 + 1);
      g_autofree char *id = g_strdup_printf ("%016u", i / 4);
      g_autofree char *miss = g_strdup_printf ("%04uAB %u", 1000 + i / 100, 101 + i % 100);

      g_assert_cmpstr (wm_address_book_lookup (book, key), ==, id);
      g_assert_null (wm_address_book_lookup (book, miss));
    }
  for (guint i = 0; i < n; i++)
    {
      const char *key;

      wm_address_book_get_entry (book, i, &key, NULL);
      g_assert_cmpint (strcmp (prev, key), <, 0);
      g_strlcpy (prev, key, sizeof prev);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/address-book/key", test_key);
  g_test_add_func ("/address-book/empty", test_empty);
  g_test_add_func ("/address-book/builder", test_builder);
  g_test_add_func ("/address-book/from-table", test_from_table);
  g_test_add_func ("/address-book/large", test_large);

  return g_test_run ();
}
