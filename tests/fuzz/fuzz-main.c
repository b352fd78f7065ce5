/* fuzz-main.c: runs a fuzz target once on every file of the given folders (or files)
 *
 * Without libFuzzer (the normal and the ASan build), this makes each target a deterministic
 * test over its seed corpus and the inputs of crashes found and fixed before.
 */
#include "config.h"

#include <stdio.h>

#include "fuzz-common.h"

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static int
run_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  fflush (stdout);
  /* A copy of exactly @length bytes, so that ASan sees any read past the end. */
  {
    g_autofree guint8 *copy = g_memdup2 (contents, length);

    LLVMFuzzerTestOneInput (copy, length);
  }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    {
      GDir *dir = g_dir_open (argv[i], 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        {
          if (run_file (argv[i]) != 0)
            return 1;
          n++;
          continue;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      g_dir_close (dir);
      /* The same order every run. */
      g_ptr_array_sort (names, compare_paths);
      for (guint j = 0; j < names->len; j++, n++)
        if (run_file (g_ptr_array_index (names, j)) != 0)
          return 1;
    }
  if (n == 0)
    {
      g_printerr ("no inputs\n");
      return 1;
    }
  printf ("%u inputs, no crash\n", n);
  return 0;
}
