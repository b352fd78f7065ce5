/* test-segment.c: tests of segment keys, dwelling mixes and the segment table */
#include "config.h"

#include <string.h>

#include "wm-segment.h"

static void
test_keys (void)
{
  WmSegment segment = WM_N_SEGMENTS;

  g_assert_cmpstr (wm_segment_key (WM_SEGMENT_SOCIAL_RENT), ==, "social_rent");
  g_assert_cmpstr (wm_segment_key (WM_SEGMENT_MID_RENT), ==, "mid_rent");
  g_assert_cmpstr (wm_segment_key (WM_SEGMENT_PRIVATE_RENT), ==, "private_rent");
  g_assert_cmpstr (wm_segment_key (WM_SEGMENT_OWNER_AFFORDABLE), ==, "owner_affordable");
  g_assert_cmpstr (wm_segment_key (WM_SEGMENT_OWNER_EXPENSIVE), ==, "owner_expensive");

  for (guint i = 0; i < WM_N_SEGMENTS; i++)
    {
      g_assert_true (wm_segment_from_key (wm_segment_key (i), &segment));
      g_assert_cmpint (segment, ==, i);
    }

  segment = WM_SEGMENT_MID_RENT;
  g_assert_false (wm_segment_from_key ("social", &segment));
  g_assert_false (wm_segment_from_key ("", &segment));
  g_assert_false (wm_segment_from_key (NULL, &segment));
  g_assert_cmpint (segment, ==, WM_SEGMENT_MID_RENT); /* untouched */
}

static void
test_mix (void)
{
  WmDwellingMix a = { { 10, 20, 5, 0, 1 } };
  WmDwellingMix delta = { { -3, 0, 2, 7, 0 } };
  WmDwellingMix expected = { { 7, 20, 7, 7, 1 } };

  g_assert_cmpint (wm_dwelling_mix_total (&a), ==, 36);
  g_assert_false (wm_dwelling_mix_equal (&a, &expected));
  wm_dwelling_mix_add (&a, &delta);
  g_assert_true (wm_dwelling_mix_equal (&a, &expected));
  g_assert_cmpint (wm_dwelling_mix_total (&a), ==, 42);
}

static void
test_default_table (void)
{
  WmSegmentTable *table = wm_segment_table_get_default ();
  const WmPriceLimits *limits;

  g_assert_true (WM_IS_SEGMENT_TABLE (table));
  g_assert_true (wm_segment_table_get_default () == table);

  /* The tests run with LANGUAGE=en. */
  g_assert_cmpstr (wm_segment_table_get_name (table, WM_SEGMENT_SOCIAL_RENT), ==, "Social rent");
  g_assert_cmpstr (wm_segment_table_get_name (table, WM_SEGMENT_OWNER_EXPENSIVE), ==,
                   "Expensive owner-occupied");
  g_assert_true (g_str_has_prefix (wm_segment_table_get_description (table,
                                                                     WM_SEGMENT_MID_RENT),
                                   "Rent between"));

  g_assert_cmpstr (wm_segment_table_get_colour (table, WM_SEGMENT_SOCIAL_RENT), ==, "#0072b2");
  g_assert_cmpstr (wm_segment_table_get_colour (table, WM_SEGMENT_OWNER_EXPENSIVE), ==,
                   "#d55e00");
  for (guint i = 0; i < WM_N_SEGMENTS; i++)
    for (guint j = i + 1; j < WM_N_SEGMENTS; j++)
      g_assert_cmpstr (wm_segment_table_get_colour (table, i), !=,
                       wm_segment_table_get_colour (table, j));

  g_assert_true (wm_segment_table_is_affordable (table, WM_SEGMENT_SOCIAL_RENT));
  g_assert_true (wm_segment_table_is_affordable (table, WM_SEGMENT_OWNER_AFFORDABLE));
  g_assert_false (wm_segment_table_is_affordable (table, WM_SEGMENT_PRIVATE_RENT));
  g_assert_false (wm_segment_table_is_affordable (table, WM_SEGMENT_OWNER_EXPENSIVE));

  limits = wm_segment_table_get_limits (table, 2024);
  g_assert_nonnull (limits);
  g_assert_cmpint (limits->year, ==, 2024);
  g_assert_cmpfloat (limits->social_rent_max_rent, ==, 879.66);
  g_assert_cmpint (limits->social_rent_max_points, ==, 147);
  g_assert_cmpfloat (limits->mid_rent_max_rent, ==, 1123.13);
  g_assert_cmpint (limits->mid_rent_max_points, ==, 186);
  g_assert_cmpfloat (limits->owner_affordable_max_price, ==, 405000);
  g_assert_cmpfloat (limits->social_income_limit_single, ==, 47699);
  g_assert_cmpfloat (limits->social_income_limit_multi, ==, 52671);

  /* A later year uses the latest limits before it; an earlier one has none. */
  g_assert_true (wm_segment_table_get_limits (table, 2030) == limits);
  g_assert_null (wm_segment_table_get_limits (table, 2000));
}

static void
test_language (void)
{
  WmSegmentTable *table = wm_segment_table_get_default ();
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", "nl_NL:en", TRUE);
  g_assert_cmpstr (wm_segment_table_get_name (table, WM_SEGMENT_SOCIAL_RENT), ==,
                   "Sociale huur");
  g_setenv ("LANGUAGE", "en_GB:nl", TRUE);
  g_assert_cmpstr (wm_segment_table_get_name (table, WM_SEGMENT_SOCIAL_RENT), ==,
                   "Social rent");

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

#define SEG(key, colour, affordable) \
  "{\"key\": \"" key "\", \"name\": {\"en\": \"E " key "\", \"nl\": \"N " key "\"}," \
  " \"colour\": \"" colour "\", \"affordable\": " affordable "}"

#define LIMITS(year) \
  "{\"year\": " year ", \"social_rent_max_rent\": 800, \"social_rent_max_points\": 140," \
  " \"mid_rent_max_rent\": 1000, \"mid_rent_max_points\": 180," \
  " \"owner_affordable_max_price\": 350000, \"social_income_limit_single\": 40000," \
  " \"social_income_limit_multi\": 45000}"

#define FOUR_SEGMENTS \
  SEG ("social_rent", "#112233", "true") ", " SEG ("mid_rent", "#445566", "true") ", " \
  SEG ("private_rent", "#778899", "false") ", " SEG ("owner_affordable", "#aabbcc", "true")

#define TABLE(segments, limits) "{\"segments\": [" segments "], \"limits\": [" limits "]}"

static WmSegmentTable *
load_string (const char *json,
             GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));

  return wm_segment_table_load_from_bytes (bytes, "broken.json", error);
}

static void
test_load_valid (void)
{
  const char *json = TABLE (FOUR_SEGMENTS ", " SEG ("owner_expensive", "#DDEEFF", "false"),
                            LIMITS ("2026") ", " LIMITS ("2020"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmSegmentTable) table = load_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  g_assert_cmpstr (wm_segment_table_get_name (table, WM_SEGMENT_MID_RENT), ==, "E mid_rent");
  g_assert_cmpstr (wm_segment_table_get_colour (table, WM_SEGMENT_OWNER_EXPENSIVE), ==,
                   "#ddeeff");
  g_assert_cmpstr (wm_segment_table_get_description (table, WM_SEGMENT_MID_RENT), ==, "");
  /* Listed out of order; looked up by year. */
  g_assert_null (wm_segment_table_get_limits (table, 2019));
  g_assert_cmpint (wm_segment_table_get_limits (table, 2020)->year, ==, 2020);
  g_assert_cmpint (wm_segment_table_get_limits (table, 2025)->year, ==, 2020);
  g_assert_cmpint (wm_segment_table_get_limits (table, 2026)->year, ==, 2026);
  g_assert_cmpint (wm_segment_table_get_limits (table, 2100)->year, ==, 2026);
}

static void
test_load_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/segments.json");
  g_autoptr(WmSegmentTable) none = wm_segment_table_load (missing, &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(WmSegmentTable) table = NULL;

  g_assert_null (none);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent/segments.json"));
  g_clear_error (&error);

  /* The shipped file loads the same as the resource. */
  path = g_test_build_filename (G_TEST_DIST, "..", "data", "segments.json", NULL);
  file = g_file_new_for_path (path);
  table = wm_segment_table_load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_segment_table_get_colour (table, WM_SEGMENT_MID_RENT), ==, "#56b4e9");
}

static void
test_load_errors (void)
{
  static const struct
  {
    const char *json;
    const char *expected; /* part of the message */
  } cases[] = {
    { "{\"segments\": [", "not valid JSON" },
    { "[1, 2]", "top level" },
    { "{\"limits\": []}", "segments" },
    { TABLE (FOUR_SEGMENTS, LIMITS ("2024")), "owner_expensive" },
    { TABLE (FOUR_SEGMENTS ", " SEG ("owner_cheap", "#000000", "true"), LIMITS ("2024")),
      "owner_cheap" },
    { TABLE (FOUR_SEGMENTS ", " SEG ("mid_rent", "#000000", "true"), LIMITS ("2024")),
      "twice" },
    { TABLE (FOUR_SEGMENTS ", " SEG ("owner_expensive", "red", "false"), LIMITS ("2024")),
      "#rrggbb" },
    { TABLE (FOUR_SEGMENTS ", " SEG ("owner_expensive", "#12345g", "false"), LIMITS ("2024")),
      "#rrggbb" },
    { TABLE (FOUR_SEGMENTS ", " SEG ("owner_expensive", "#123456", "1"), LIMITS ("2024")),
      "affordable" },
    { TABLE (FOUR_SEGMENTS ", {\"key\": \"owner_expensive\", \"colour\": \"#123456\","
             " \"affordable\": false}", LIMITS ("2024")),
      "name" },
    { TABLE (FOUR_SEGMENTS ", " SEG ("owner_expensive", "#123456", "false"),
             "{\"social_rent_max_rent\": 800}"),
      "year" },
    { TABLE (FOUR_SEGMENTS ", " SEG ("owner_expensive", "#123456", "false"),
             "{\"year\": \"2024\"}"),
      "year" },
    { TABLE (FOUR_SEGMENTS ", " SEG ("owner_expensive", "#123456", "false"),
             "{\"year\": 2024}"),
      "social_rent_max_rent" },
    { TABLE (FOUR_SEGMENTS ", " SEG ("owner_expensive", "#123456", "false"),
             LIMITS ("2024") ", " LIMITS ("2024")),
      "twice" },
    { "{\"segments\": [" FOUR_SEGMENTS ", " SEG ("owner_expensive", "#123456", "false") "]}",
      "limits" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WmSegmentTable) table = load_string (cases[i].json, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(no error)");
      g_assert_null (table);
      g_assert_error (error, WM_SEGMENT_ERROR, WM_SEGMENT_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "broken.json: "));
      g_assert_nonnull (strstr (error->message, cases[i].expected));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/segment/keys", test_keys);
  g_test_add_func ("/segment/mix", test_mix);
  g_test_add_func ("/segment/table/default", test_default_table);
  g_test_add_func ("/segment/table/language", test_language);
  g_test_add_func ("/segment/table/load-valid", test_load_valid);
  g_test_add_func ("/segment/table/load-file", test_load_file);
  g_test_add_func ("/segment/table/load-errors", test_load_errors);

  return g_test_run ();
}
