/* test-field-mapping.c: roles to field names, ROLE=NAME, JSON and the remembered store */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "wm-core.h"
#include "wm-field-mapping.h"

static const char *const dwelling_names[] = { "aantal_verblijfsobjecten", "woningen", NULL };
static const char *const year_names[] = { "bouwjaar", "oorspronkelijkBouwjaar", NULL };
static const char *const use_names[] = { "gebruiksdoel", NULL };

static const WmFieldRole roles[] = {
  { "dwellings", "Dwellings", dwelling_names, TRUE },
  { "year", "Year", year_names, FALSE },
  { "use", "Use", use_names, TRUE },
};

static void
test_resolve (void)
{
  const char *const fields[] = { "fid", "BOUWJAAR", "Woningen", "status", NULL };
  g_autoptr(WmFieldMapping) mapping = wm_field_mapping_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) missing = NULL;

  missing = wm_field_mapping_resolve (mapping, roles, G_N_ELEMENTS (roles), fields, &error);
  g_assert_no_error (error);
  /* Candidates match ignoring case, and the source's spelling is kept. */
  g_assert_cmpstr (wm_field_mapping_get (mapping, "dwellings"), ==, "Woningen");
  g_assert_cmpstr (wm_field_mapping_get (mapping, "year"), ==, "BOUWJAAR");
  g_assert_null (wm_field_mapping_get (mapping, "use"));
  g_assert_cmpuint (g_strv_length (missing), ==, 1);
  g_assert_cmpstr (missing[0], ==, "use");
  g_clear_pointer (&missing, g_strfreev);

  /* The user's choice wins over a candidate and is corrected to the source's spelling. */
  wm_field_mapping_free (g_steal_pointer (&mapping));
  mapping = wm_field_mapping_new ();
  wm_field_mapping_set (mapping, "dwellings", "FID");
  wm_field_mapping_set (mapping, "use", "Status");
  missing = wm_field_mapping_resolve (mapping, roles, G_N_ELEMENTS (roles), fields, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (missing), ==, 0);
  g_assert_cmpstr (wm_field_mapping_get (mapping, "dwellings"), ==, "fid");
  g_assert_cmpstr (wm_field_mapping_get (mapping, "use"), ==, "status");
  g_clear_pointer (&missing, g_strfreev);

  /* A chosen field the source lacks is an error naming role, field and the fields there are. */
  wm_field_mapping_set (mapping, "year", "jaar");
  missing = wm_field_mapping_resolve (mapping, roles, G_N_ELEMENTS (roles), fields, &error);
  g_assert_null (missing);
  g_assert_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_NO_FIELD);
  g_assert_nonnull (strstr (error->message, "“jaar”"));
  g_assert_nonnull (strstr (error->message, "“year”"));
  g_assert_nonnull (strstr (error->message, "BOUWJAAR"));
  g_clear_error (&error);

  /* Roles the importer does not have are left alone (another layer may need them). */
  wm_field_mapping_set (mapping, "year", NULL);
  wm_field_mapping_set (mapping, "segment", "nowhere");
  missing = wm_field_mapping_resolve (mapping, roles, G_N_ELEMENTS (roles), fields, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_field_mapping_get (mapping, "segment"), ==, "nowhere");
}

static void
test_assignment (void)
{
  g_autoptr(WmFieldMapping) mapping = wm_field_mapping_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) set = NULL;
  g_autofree char *huge = NULL;
  const char *const bad[] = { "", "=", "dwellings", "dwellings=", "=woningen", "dwel lings=x",
                              "rôle=x", "year=a\tb", "year=\x01", "year=\xff\xfe" };

  g_assert_true (wm_field_mapping_parse_assignment (mapping, "dwellings=aantal woningen",
                                                    &error));
  g_assert_no_error (error);
  g_assert_true (wm_field_mapping_parse_assignment (mapping, " year =bouwjaar", &error));
  g_assert_true (wm_field_mapping_parse_assignment (mapping, "use=a=b", &error));
  g_assert_cmpstr (wm_field_mapping_get (mapping, "dwellings"), ==, "aantal woningen");
  g_assert_cmpstr (wm_field_mapping_get (mapping, "year"), ==, "bouwjaar");
  g_assert_cmpstr (wm_field_mapping_get (mapping, "use"), ==, "a=b");
  /* Again: the later one wins. */
  g_assert_true (wm_field_mapping_parse_assignment (mapping, "year=jaar", &error));
  g_assert_cmpstr (wm_field_mapping_get (mapping, "year"), ==, "jaar");
  set = wm_field_mapping_get_roles (mapping);
  g_assert_cmpuint (set->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (set, 0), ==, "dwellings");
  g_assert_cmpstr (g_ptr_array_index (set, 2), ==, "year");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (wm_field_mapping_parse_assignment (mapping, bad[i], &error));
      g_assert_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID);
      g_clear_error (&error);
    }
  /* A 10 MB role gives a short message. */
  huge = g_strnfill (10 * 1024 * 1024, 'r');
  huge[10 * 1024 * 1024 - 2] = '=';
  g_assert_false (wm_field_mapping_parse_assignment (mapping, huge, &error));
  g_assert_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID);
  g_assert_cmpuint (strlen (error->message), <, 300);
  g_clear_error (&error);
  g_assert_cmpuint (wm_field_mapping_get_n_roles (mapping), ==, 3);
}

static void
test_json_round_trip (void)
{
  g_autoptr(WmFieldMapping) mapping = wm_field_mapping_new ();
  g_autoptr(WmFieldMapping) back = NULL;
  g_autoptr(WmFieldMapping) empty = wm_field_mapping_new ();
  g_autoptr(WmFieldMapping) empty_back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL, *again = NULL, *empty_json = NULL;

  wm_field_mapping_set (mapping, "year", "bouwjaar");
  wm_field_mapping_set (mapping, "dwellings", "“aantal” \"woningen\"; DROP TABLE pand; --");
  wm_field_mapping_set (mapping, "use", "gebruiksdoel\\x");
  json = wm_field_mapping_to_json (mapping);
  back = wm_field_mapping_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (wm_field_mapping_equal (mapping, back));
  /* The same mapping is the same text (sorted roles). */
  again = wm_field_mapping_to_json (back);
  g_assert_cmpstr (json, ==, again);
  g_assert_true (g_str_has_prefix (json, "{\"dwellings\""));

  empty_json = wm_field_mapping_to_json (empty);
  g_assert_cmpstr (empty_json, ==, "{}");
  empty_back = wm_field_mapping_from_json (empty_json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_field_mapping_get_n_roles (empty_back), ==, 0);
}

static void
test_json_hostile (void)
{
  const char *const bad[] = {
    "", " ", "null", "[]", "\"x\"", "42", "{", "{\"year\": 1}", "{\"year\": null}",
    "{\"year\": [\"bouwjaar\"]}", "{\"year\": {}}", "{\"\": \"x\"}", "{\"year\": \"\"}",
    "{\"ye ar\": \"x\"}", "{\"year\": \"a\\u0000b\"}", "{\"year\": \"\\ud800\"}",
    "{\"year\": \"a\\nb\"}", "{\"year\": \"bouwjaar\"} trailing",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new ("");
  g_autoptr(GString) many = g_string_new ("{");
  g_autoptr(GString) long_field = g_string_new ("{\"year\": \"");
  WmFieldMapping *mapping;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      mapping = wm_field_mapping_from_json (bad[i], -1, &error);
      g_assert_null (mapping);
      g_assert_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID);
      g_clear_error (&error);
    }
  /* A NUL inside the given length. */
  mapping = wm_field_mapping_from_json ("{\"year\": \"b\0x\"}", 15, &error);
  g_assert_null (mapping);
  g_assert_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID);
  g_clear_error (&error);

  /* 100,000 levels of nesting are refused before json-glib recurses into them. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "{\"a\":");
  mapping = wm_field_mapping_from_json (deep->str, deep->len, &error);
  g_assert_null (mapping);
  g_assert_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID);
  g_clear_error (&error);

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (many, "%s\"r%u\": \"f\"", i > 0 ? ", " : "", i);
  g_string_append (many, "}");
  mapping = wm_field_mapping_from_json (many->str, many->len, &error);
  g_assert_null (mapping);
  g_assert_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID);
  g_clear_error (&error);

  /* A 10 MB field name. */
  for (guint i = 0; i < 10 * 1024 * 1024 / 16; i++)
    g_string_append (long_field, "0123456789abcdef");
  g_string_append (long_field, "\"}");
  mapping = wm_field_mapping_from_json (long_field->str, long_field->len, &error);
  g_assert_null (mapping);
  g_assert_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID);
  g_assert_cmpuint (strlen (error->message), <, 300);
  g_clear_error (&error);
}

static char *
read_store (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "field-mappings.json", NULL);
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  return data;
}

static void
write_store (const char *dir,
             const char *text)
{
  g_autofree char *path = g_build_filename (dir, "field-mappings.json", NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-mapping-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (dir, "not", "yet", NULL);
  g_autoptr(WmFieldMapping) a = wm_field_mapping_new ();
  g_autoptr(WmFieldMapping) b = wm_field_mapping_new ();
  g_autoptr(GError) error = NULL;
  WmFieldMapping *found;
  g_autofree char *text = NULL;

  g_assert_null (wm_field_mapping_lookup (sub, "panden.gpkg pand"));

  wm_field_mapping_set (a, "dwellings", "woningen");
  wm_field_mapping_set (b, "year", "jaar");
  /* The folder is made when missing. */
  g_assert_true (wm_field_mapping_remember (sub, "panden.gpkg pand", a, &error));
  g_assert_no_error (error);
  g_assert_true (wm_field_mapping_remember (sub, "lijst.csv lijst", b, &error));
  g_assert_no_error (error);

  found = wm_field_mapping_lookup (sub, "panden.gpkg pand");
  g_assert_nonnull (found);
  g_assert_true (wm_field_mapping_equal (found, a));
  wm_field_mapping_free (found);
  found = wm_field_mapping_lookup (sub, "lijst.csv lijst");
  g_assert_true (wm_field_mapping_equal (found, b));
  wm_field_mapping_free (found);
  g_assert_null (wm_field_mapping_lookup (sub, "other.gpkg pand"));

  /* Remembering again replaces that source's entry only. */
  wm_field_mapping_set (a, "year", "bouwjaar");
  g_assert_true (wm_field_mapping_remember (sub, "panden.gpkg pand", a, &error));
  found = wm_field_mapping_lookup (sub, "panden.gpkg pand");
  g_assert_true (wm_field_mapping_equal (found, a));
  wm_field_mapping_free (found);
  found = wm_field_mapping_lookup (sub, "lijst.csv lijst");
  g_assert_true (wm_field_mapping_equal (found, b));
  wm_field_mapping_free (found);
  text = read_store (sub);
  g_assert_nonnull (strstr (text, "\"version\""));

  /* A broken store is ignored with a warning, and replaced by the next remember. */
  {
    const char *const broken[] = {
      "garbage", "{\"version\": 2, \"sources\": {}}", "{\"version\": 1, \"sources\": []}",
      "{\"version\": 1, \"sources\": {\"panden.gpkg pand\": {\"year\": 5}}}",
      "{\"version\": 1, \"sources\": {\"panden.gpkg pand\": {\"year\": \"\\ud800\"}}}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
      {
        write_store (sub, broken[i]);
        g_test_expect_message ("Wijkmix", G_LOG_LEVEL_WARNING, "Ignoring the remembered*");
        g_assert_null (wm_field_mapping_lookup (sub, "panden.gpkg pand"));
        g_test_assert_expected_messages ();
      }
    write_store (sub, "{\"version\": 1, \"sources\": {\"x\": 5, \"lijst.csv lijst\": "
                      "{\"year\": \"jaar\"}}}");
    g_assert_true (wm_field_mapping_remember (sub, "panden.gpkg pand", a, &error));
    g_assert_no_error (error);
    /* The valid entry is kept, the one that is not a mapping is dropped. */
    found = wm_field_mapping_lookup (sub, "lijst.csv lijst");
    g_assert_true (wm_field_mapping_equal (found, b));
    wm_field_mapping_free (found);
    g_clear_pointer (&text, g_free);
    text = read_store (sub);
    g_assert_null (strstr (text, "\"x\""));

    write_store (sub, "{{{{");
    g_test_expect_message ("Wijkmix", G_LOG_LEVEL_WARNING, "Replacing the remembered*");
    g_assert_true (wm_field_mapping_remember (sub, "panden.gpkg pand", a, &error));
    g_test_assert_expected_messages ();
    g_assert_no_error (error);
    found = wm_field_mapping_lookup (sub, "panden.gpkg pand");
    g_assert_true (wm_field_mapping_equal (found, a));
    wm_field_mapping_free (found);
  }

  /* The store is bounded: the oldest sources go. 1,000 written at once, then five more. */
  {
    g_autoptr(GString) store = g_string_new ("{\"version\": 1, \"sources\": {");

    g_string_append (store, "\"panden.gpkg pand\": {\"dwellings\": \"woningen\"}");
    for (guint i = 1; i < 1000; i++)
      g_string_append_printf (store, ", \"source-%u.gpkg\": {\"year\": \"jaar\"}", i - 1);
    g_string_append (store, "}}");
    write_store (sub, store->str);
  }
  found = wm_field_mapping_lookup (sub, "panden.gpkg pand");
  g_assert_nonnull (found);
  wm_field_mapping_free (found);
  for (guint i = 999; i < 1005; i++)
    {
      g_autofree char *key = g_strdup_printf ("source-%u.gpkg", i);

      g_assert_true (wm_field_mapping_remember (sub, key, b, &error));
    }
  g_assert_null (wm_field_mapping_lookup (sub, "source-0.gpkg"));
  g_assert_null (wm_field_mapping_lookup (sub, "panden.gpkg pand"));
  found = wm_field_mapping_lookup (sub, "source-1004.gpkg");
  g_assert_nonnull (found);
  wm_field_mapping_free (found);
  found = wm_field_mapping_lookup (sub, "source-5.gpkg");
  g_assert_nonnull (found);
  wm_field_mapping_free (found);

  /* A folder that cannot be made is an error, not a crash. */
  {
    g_autofree char *file = g_build_filename (dir, "a-file", NULL);
    g_autofree char *below = g_build_filename (file, "dir", NULL);

    g_assert_true (g_file_set_contents (file, "", 0, NULL));
    g_assert_false (wm_field_mapping_remember (below, "k", a, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add_func ("/field-mapping/resolve", test_resolve);
  g_test_add_func ("/field-mapping/assignment", test_assignment);
  g_test_add_func ("/field-mapping/json-round-trip", test_json_round_trip);
  g_test_add_func ("/field-mapping/json-hostile", test_json_hostile);
  g_test_add_func ("/field-mapping/store", test_store);
  return g_test_run ();
}
