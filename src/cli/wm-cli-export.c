/* wm-cli-export.c: the `export` command of wijkmix-cli: report, poster, map image, tables and
 * GIS layers, without a display */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "wm-cli-common.h"
#include "wm-cli-export.h"
#include "wm-document.h"
#include "wm-export.h"

#define USAGE                                                                                  \
  "wijkmix-cli export PROJECT [--scenario NAME]\n"                                            \
  "            (--pdf FILE | --poster FILE | --png FILE [--size WxH] | --csv FILE |\n"       \
  "             --checklist-csv FILE | --xlsx FILE | --gpkg FILE | --geojson FILE)...\n"

/* The options that name an output, in the order they are written. */
static const struct
{
  const char *option;
  WmExportFormat format;
} outputs[] = {
  { "--pdf", WM_EXPORT_REPORT },
  { "--poster", WM_EXPORT_POSTER },
  { "--png", WM_EXPORT_PNG },
  { "--csv", WM_EXPORT_CSV },
  { "--checklist-csv", WM_EXPORT_CHECKLIST_CSV },
  { "--xlsx", WM_EXPORT_XLSX },
  { "--gpkg", WM_EXPORT_GPKG },
  { "--geojson", WM_EXPORT_GEOJSON },
};

typedef struct
{
  const char *project;
  const char *scenario;
  const char *size;
  const char *paths[G_N_ELEMENTS (outputs)];
} Args;

static const char **
value_slot (Args *args, const char *name)
{
  if (g_str_equal (name, "--scenario"))
    return &args->scenario;
  if (g_str_equal (name, "--size"))
    return &args->size;
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    if (g_str_equal (name, outputs[i].option))
      return &args->paths[i];
  return NULL;
}

/* Returns NULL when fine, else the problem (to be freed). */
static char *
parse_args (int argc, char **argv, Args *args)
{
  gboolean any = FALSE;

  memset (args, 0, sizeof *args);
  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *equals = strchr (arg, '=');
      g_autofree char *name = g_strndup (arg, equals != NULL ? (gsize) (equals - arg)
                                                               : strlen (arg));
      const char **slot = g_str_has_prefix (arg, "--") ? value_slot (args, name) : NULL;

      if (slot != NULL)
        {
          if (*slot != NULL)
            /* Translators: %s is an option such as --pdf */
            return g_strdup_printf (_("%s is given twice"), name);
          if (equals != NULL)
            *slot = equals + 1;
          else if (i + 1 < argc)
            *slot = argv[++i];
          else
            /* Translators: %s is an option such as --pdf */
            return g_strdup_printf (_("%s needs a value"), name);
          if (**slot == '\0')
            /* Translators: %s is an option such as --pdf */
            return g_strdup_printf (_("%s needs a value"), name);
        }
      else if (g_str_has_prefix (arg, "--"))
        return g_strdup_printf (_("unknown option %s"), arg);
      else if (args->project == NULL)
        args->project = arg;
      else
        return g_strdup (_("too many arguments"));
    }
  if (args->project == NULL)
    return g_strdup (_("“export” takes a project path"));
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    any |= args->paths[i] != NULL;
  if (!any)
    return g_strdup (_("“export” needs a file to write: --pdf, --poster, --png, --csv, "
                       "--checklist-csv, --xlsx, --gpkg or --geojson"));
  if (args->size != NULL && args->paths[2] == NULL)
    return g_strdup (_("--size goes with --png"));
  return NULL;
}

/* "WxH" in pixels, each side 1 to WM_EXPORT_MAX_SIDE. */
static gboolean
parse_size (const char *text, int *width, int *height)
{
  g_auto(GStrv) parts = g_strsplit (text, "x", -1);
  guint64 w, h;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, WM_EXPORT_MAX_SIDE, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, WM_EXPORT_MAX_SIDE, &h, NULL))
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

int
wm_cli_export (int argc, char **argv)
{
  g_autoptr(WmDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  WmExportOptions options;
  WmScenario *scenario = NULL;
  WmPlan *plan;
  Args args;

  if ((problem = parse_args (argc, argv, &args)) != NULL)
    return wm_cli_usage_error (problem, "Usage:\n  " USAGE);

  wm_export_options_init (&options);
  if (args.size != NULL && !parse_size (args.size, &options.width, &options.height))
    {
      g_autofree char *message =
        /* Translators: %s is what was given; %d the largest side in pixels */
        g_strdup_printf (_("--size takes WIDTHxHEIGHT in pixels, such as 1920x1080, each at "
                           "most %d, not “%s”"), WM_EXPORT_MAX_SIDE, args.size);
      return wm_cli_usage_error (message, "Usage:\n  " USAGE);
    }

  file = g_file_new_for_commandline_arg (args.project);
  document = wm_document_load (file, &error);
  if (document == NULL)
    return wm_cli_fail (error->message);
  plan = wm_document_get_plan (document);
  if (args.scenario != NULL)
    {
      scenario = wm_plan_find_scenario (plan, args.scenario);
      if (scenario == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("the project has no scenario “%s”"),
                                                      args.scenario);
          return wm_cli_fail (message);
        }
    }

  /* One after another; a failure stops there, and what was written before stays. */
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autoptr(WmExportJob) job = NULL;

      if (args.paths[i] == NULL)
        continue;
      job = wm_export_job_new (document, scenario, outputs[i].format, &options);
      if (!wm_export_job_run (job, args.paths[i], NULL, NULL, NULL, &error))
        return wm_cli_fail (error->message);
      g_print (_("Wrote %s\n"), args.paths[i]);
    }
  return 0;
}
