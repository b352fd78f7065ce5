/* wijkmix-gen-city.c: writes a synthetic city as a Wijkmix project (for benchmarks) */
#include "config.h"

#include <string.h>

#include "wm-bench-city.h"
#include "wm-core.h"
#include "wm-project-file.h"

/* A whole number from 1 to G_MAXUINT, or FALSE. */
static gboolean
parse_count (const char *text,
             guint      *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(WmPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  guint n_buildings = 100000;
  guint n_areas = 500;
  guint n_args;

  context = g_option_context_new ("PROJECT [BUILDINGS [AREAS]]");
  g_option_context_set_summary (context,
                                "Writes a synthetic city of BUILDINGS buildings of 10 dwellings in "
                                "AREAS areas\n(defaults: 100000 and 500) as the Wijkmix project "
                                "PROJECT, for the benchmarks.");
  g_option_context_set_help_enabled (context, TRUE);
  /* Unknown options are an error, not a file name: `--help` is not a project. */
  g_option_context_set_ignore_unknown_options (context, FALSE);
  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("wijkmix-gen-city: %s\n", error->message);
      return 2;
    }

  /* After "--" a name may start with a dash; GOption leaves the "--" in place. */
  n_args = g_strv_length (args);
  for (guint i = 1; i < n_args; i++)
    if (g_str_equal (args[i], "--"))
      {
        g_free (args[i]);
        memmove (args + i, args + i + 1, (n_args - i) * sizeof (char *));
        n_args--;
        break;
      }
  if (n_args < 2 || n_args > 4 ||
      (n_args > 2 && !parse_count (args[2], &n_buildings)) ||
      (n_args > 3 && !parse_count (args[3], &n_areas)))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return 2;
    }

  wm_core_init ();
  plan = wm_bench_city_new (n_areas, n_buildings, MAX (n_buildings / 50, 9), 42);
  /* As wijkmix-bench has it, so its green figures can be seen in the application. */
  wm_bench_city_add_green (plan, n_areas, 43);
  if (!wm_project_file_save (plan, args[1], &error))
    {
      g_printerr ("wijkmix-gen-city: %s\n", error->message);
      return 1;
    }
  return 0;
}
