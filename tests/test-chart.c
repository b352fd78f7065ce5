/* test-chart.c: the charts of src/render drawn on image surfaces, and the number formats */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "wm-core.h"
#include "wm-render-format.h"

/* gettext reads LANGUAGE again after setlocale(); with the C locale it ignores it. glibc
 * keeps its cached translations while the locale's name stays the same, so go through "C". */
static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "C");
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_format_dutch (void)
{
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 12, 3, 14, 0, 0);
  char *text;

  use_language ("nl");
  g_assert_cmpstr (wm_render_format_get_language (), ==, "nl");
  text = wm_render_format_percent (0.125, 1);
  g_assert_cmpstr (text, ==, "12,5 %");
  g_free (text);
  text = wm_render_format_percent (0.3, 0);
  g_assert_cmpstr (text, ==, "30 %");
  g_free (text);
  text = wm_render_format_number (1234567.25, 2);
  g_assert_cmpstr (text, ==, "1.234.567,25");
  g_free (text);
  text = wm_render_format_number (-0.04, 1);
  g_assert_cmpstr (text, ==, "0,0");
  g_free (text);
  text = wm_render_format_number (-1234.5, 1);
  g_assert_cmpstr (text, ==, "-1.234,5");
  g_free (text);
  text = wm_render_format_count (999);
  g_assert_cmpstr (text, ==, "999");
  g_free (text);
  text = wm_render_format_count (1000);
  g_assert_cmpstr (text, ==, "1.000");
  g_free (text);
  text = wm_render_format_date (date);
  g_assert_cmpstr (text, ==, "3 december 2026");
  g_free (text);
  text = wm_render_format_percent (NAN, 1);
  g_assert_cmpstr (text, ==, "–");
  g_free (text);
  use_language ("en");
}

static void
test_format_english (void)
{
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 5, 21, 9, 0, 0);
  char *text;

  use_language ("en");
  g_assert_cmpstr (wm_render_format_get_language (), ==, "en");
  text = wm_render_format_percent (0.125, 1);
  g_assert_cmpstr (text, ==, "12.5%");
  g_free (text);
  text = wm_render_format_number (1234567.25, 2);
  g_assert_cmpstr (text, ==, "1,234,567.25");
  g_free (text);
  text = wm_render_format_count (-12345);
  g_assert_cmpstr (text, ==, "-12,345");
  g_free (text);
  text = wm_render_format_date (date);
  g_assert_cmpstr (text, ==, "21 May 2026");
  g_free (text);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add_func ("/render/format/dutch", test_format_dutch);
  g_test_add_func ("/render/format/english", test_format_english);

  return g_test_run ();
}
