/* wm-cli-compare.c: the `compare` command of wijkmix-cli, the scenarios side by side */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wm-cli-common.h"
#include "wm-cli-compare.h"
#include "wm-document.h"
#include "wm-indicator-report.h"
#include "wm-json-guard.h"
#include "wm-scenario-comparison.h"
#include "wm-timeline.h"

#define USAGE "wijkmix-cli compare PROJECT [--year YYYY] [--json]\n"

/* A scenario's cell: "34.0% (+4.0%)", with " *" when it is the best of the row. */
static char *
format_cell (const WmComparisonRow *row, const WmComparisonCell *cell)
{
  g_autofree char *value = NULL, *change = NULL;

  if (isnan (cell->value))
    return g_strdup (cell->best ? "– *" : "–");
  value = wm_cli_format_value (row->key, cell->value, FALSE);
  change = isnan (cell->difference) ? g_strdup ("–")
                                     : wm_cli_format_change (row->key, cell->difference);
  return g_strdup_printf ("%s (%s)%s", value, change, cell->best ? " *" : "");
}

/* One line of cells: the label padded to 52 characters, then each column to its width. */
static void
print_line (const char *label, char **cells, const int *widths, guint n)
{
  g_autofree char *l = wm_cli_padded (label, 52, TRUE);
  GString *line = g_string_new ("  ");

  g_string_append (line, l);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *c = wm_cli_padded (cells[i], widths[i], FALSE);

      g_string_append_printf (line, " %s", c);
    }
  g_print ("%s\n", line->str);
  g_string_free (line, TRUE);
}

static void
print_text (WmPlan *plan, const WmScenarioComparison *comparison, guint n_all)
{
  guint n = comparison->scenarios->len, n_columns = n + 1;
  guint n_lines = comparison->rows->len + 2;
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree int *widths = g_new0 (int, n_columns);

  g_print (_("Project: %s\n"), wm_plan_get_name (plan) ? wm_plan_get_name (plan) : "");
  wm_cli_print_year (plan, NULL, comparison->year);
  for (guint s = 0; s < n && comparison->year != WM_INDICATOR_ALL_YEARS; s++)
    {
      WmScenario *scenario =
        g_array_index (comparison->scenarios, WmComparisonScenario, s).scenario;
      guint undated = wm_timeline_count_undated (plan, scenario);

      if (undated == 0)
        continue;
      /* Translators: a scenario's name, then how many of its changes have no year */
      g_print (g_dngettext (NULL, "%s: %u change without a completion year is left out.\n",
                            "%s: %u changes without a completion year are left out.\n",
                            undated),
               wm_scenario_get_name (scenario), undated);
    }
  if (wm_plan_get_illustrative (plan))
    g_print (_("Note: the dwelling figures of this project are illustrative.\n"));
  if (n < n_all)
    g_print (_("Only the first %u of the %u scenarios are compared here; --json lists all of "
               "them.\n"),
             n, n_all);
  g_print ("\n%s\n", _("Whole neighbourhood"));

  /* Every cell first, so that each column is as wide as its widest cell. */
  for (guint l = 0; l < n_lines; l++)
    {
      char **cells = g_new0 (char *, n_columns + 2);

      if (l == 0)
        {
          cells[0] = g_strdup (_("Indicator"));
          cells[1] = g_strdup (_("Baseline"));
          for (guint s = 0; s < n; s++)
            cells[s + 2] = g_strdup (wm_scenario_get_name (
              g_array_index (comparison->scenarios, WmComparisonScenario, s).scenario));
        }
      else if (l <= comparison->rows->len)
        {
          const WmComparisonRow *row = &g_array_index (comparison->rows, WmComparisonRow, l - 1);

          cells[0] = g_strdup (row->label);
          cells[1] = isnan (row->baseline) ? g_strdup ("–")
                                           : wm_cli_format_value (row->key, row->baseline, FALSE);
          for (guint s = 0; s < n; s++)
            cells[s + 2] = format_cell (row, &g_array_index (row->cells, WmComparisonCell, s));
        }
      else
        {
          cells[0] = g_strdup (_("Checklist items called for"));
          cells[1] = g_strdup ("–");
          for (guint s = 0; s < n; s++)
            cells[s + 2] = g_strdup_printf (
              "%u", g_array_index (comparison->scenarios, WmComparisonScenario, s)
                      .n_checklist_items);
        }
      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], MAX (12, (int) g_utf8_strlen (cells[c + 1], -1)));
      g_ptr_array_add (lines, cells);
    }
  for (guint l = 0; l < lines->len; l++)
    {
      char **cells = g_ptr_array_index (lines, l);

      print_line (cells[0], cells + 1, widths, n_columns);
    }
  g_print (_("  Changes are against the baseline; * marks the scenario closest to the target "
             "band of its row.\n"));
  g_print (_("  A share of no dwellings is shown as “–”.\n"));

  /* The verdicts in words, per row with a band. */
  g_print ("\n%s\n", _("Targets"));
  for (guint r = 0; r < comparison->rows->len; r++)
    {
      const WmComparisonRow *row = &g_array_index (comparison->rows, WmComparisonRow, r);
      gboolean as_index = wm_target_key_is_index (row->key);
      g_autofree char *band = NULL;

      if (!row->has_band)
        continue;
      band = wm_target_band_format (&row->band, as_index);
      /* Translators: an indicator and its target band, e.g. "Share of social rent (target
       * 30–50 %)" */
      g_print (_("  %s (target %s)\n"), row->label, band);
      for (guint s = 0; s < n; s++)
        {
          const WmComparisonCell *cell = &g_array_index (row->cells, WmComparisonCell, s);
          WmScenario *scenario =
            g_array_index (comparison->scenarios, WmComparisonScenario, s).scenario;
          g_autofree char *verdict = wm_target_verdict_describe (cell->verdict, &row->band,
                                                                 as_index);

          if (verdict == NULL)
            verdict = g_strdup (_("nothing to judge yet"));
          g_print ("    %s: %s\n", wm_scenario_get_name (scenario), verdict);
        }
    }
}

/* A list with per scenario its name, total and areas (as `indicators --json`) and the number
 * of checklist items it calls for; at a year also "year", as `indicators --year` has it. */
static char *
to_json (WmPlan *plan, const WmScenarioComparison *comparison)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (WmIndicatorEngine) engine = NULL;

  json_builder_begin_array (builder);
  for (guint s = 0; s < comparison->scenarios->len; s++)
    {
      const WmComparisonScenario *entry =
        &g_array_index (comparison->scenarios, WmComparisonScenario, s);

      /* One engine, switched by deltas as the comparison does. */
      if (engine == NULL)
        {
          engine = wm_indicator_engine_new (plan, entry->scenario);
          wm_indicator_engine_set_year (engine, comparison->year);
        }
      else
        wm_indicator_engine_set_scenario (engine, entry->scenario);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "scenario");
      json_builder_add_string_value (builder, wm_scenario_get_name (entry->scenario));
      if (comparison->year != WM_INDICATOR_ALL_YEARS)
        {
          json_builder_set_member_name (builder, "year");
          json_builder_add_int_value (builder, comparison->year);
        }
      wm_indicator_report_add_total_and_areas (builder, engine);
      json_builder_set_member_name (builder, "checklist_items");
      json_builder_add_int_value (builder, entry->n_checklist_items);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return wm_json_guard_to_data (root, TRUE, NULL);
}

int
wm_cli_compare (int argc, char **argv)
{
  g_autoptr (WmDocument) document = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WmScenarioComparison) comparison = NULL;
  const char *project = NULL;
  gboolean json = FALSE;
  int year = WM_INDICATOR_ALL_YEARS;
  WmPlan *plan;
  GListModel *scenarios;
  guint n_all;

  for (int i = 2; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--year") || g_str_has_prefix (argv[i], "--year="))
        {
          const char *value = argv[i][6] == '=' ? argv[i] + 7 : i + 1 < argc ? argv[++i] : NULL;
          g_autofree char *problem = NULL;

          if (value == NULL)
            return wm_cli_usage_error (_("an option needs a value"), USAGE);
          if (!wm_cli_parse_year (value, &year, &problem))
            return wm_cli_usage_error (problem, USAGE);
        }
      else if (g_str_has_prefix (argv[i], "--"))
        {
          g_autofree char *message = g_strdup_printf (_("unknown option %s"), argv[i]);

          return wm_cli_usage_error (message, USAGE);
        }
      else if (project == NULL)
        project = argv[i];
      else
        return wm_cli_usage_error (_("too many arguments"), USAGE);
    }
  if (project == NULL)
    return wm_cli_usage_error (_("“compare” takes a project path"), USAGE);

  file = g_file_new_for_path (project);
  document = wm_document_load (file, &error);
  if (document == NULL)
    return wm_cli_fail (error->message);
  plan = wm_document_get_plan (document);
  scenarios = wm_plan_get_scenarios (plan);
  n_all = g_list_model_get_n_items (scenarios);

  if (json)
    {
      g_autofree char *text = NULL;

      comparison = wm_scenario_comparison_new_at_year (plan, NULL, 0, NULL, year);
      text = to_json (plan, comparison);
      g_print ("%s\n", text);
    }
  else
    {
      g_autoptr (GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < MIN (n_all, WM_SCENARIO_COMPARISON_MAX_SHOWN); i++)
        g_ptr_array_add (shown, g_list_model_get_item (scenarios, i));
      comparison = wm_scenario_comparison_new_at_year (plan, (WmScenario *const *) shown->pdata,
                                                       shown->len, NULL, year);
      print_text (plan, comparison, n_all);
    }
  return 0;
}
