/* wm-report.c: the PDF workshop report (A4 portrait) and the poster (A3 landscape)
 *
 * wm_report_new() copies everything the pages show into plain data on the main thread; the
 * pages are laid out once (WmReportLayout) on whatever thread asks first and drawn from that
 * layout into a PDF surface or a print context.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wm-chart.h"
#include "wm-checklist-item.h"
#include "wm-checklist.h"
#include "wm-demo.h"
#include "wm-file-commit.h"
#include "wm-map-scene.h"
#include "wm-projection.h"
#include "wm-rehousing-balance.h"
#include "wm-render-format.h"
#include "wm-report-layout.h"
#include "wm-report.h"
#include "wm-scenario-comparison.h"
#include "wm-targets.h"
#include "wm-tenure-estimate.h"
#include "wm-timeline.h"

/* A4 and A3 in points. */
#define A4_WIDTH 595.276
#define A4_HEIGHT 841.890
#define A3_WIDTH 1190.551
#define A3_HEIGHT 841.890

#define MAP_PIXELS_PER_POINT 2.0

#define COLOUR_TEXT 0x1a1a1a
#define COLOUR_MUTED 0x5b6573
#define COLOUR_ACCENT 0x1c3f6e
#define COLOUR_WARNING_BG 0xfff4d6
#define COLOUR_WARNING 0x7a4f00

/* One indicator of one area (or the whole plan), before and after the plan. */
typedef struct
{
  char *key;
  char *label;
  gboolean defined[2]; /* baseline, projected */
  double value[2];
  gboolean has_band;
  WmTargetBand band;
  WmTargetVerdict verdict;
} IndicatorRow;

typedef struct
{
  char *id;   /* NULL: the whole neighbourhood */
  char *name;
  GArray *indicators; /* IndicatorRow */
  WmDwellingMix mix[2];
  GArray *mix_bars;   /* WmChartMixBar */
  GArray *mix_bands;  /* WmChartBand */
  GArray *changes;    /* WmChartChange, not coverage */
  GArray *coverage;   /* WmChartChange */
} AreaBlock;

typedef struct
{
  char *name;
  char *kind;
  char *note;
  int year;
  WmDwellingMix delta;
  gboolean has_dwellings;
} ChangeRow;

typedef struct
{
  char *phase;       /* translated phase name */
  char *title;
  char *trigger;
  char *status;
  WmChecklistStatus status_value;
  char *reason;
  char *owner;
  char *note;
  int target_year;
  gboolean orphaned;
} ChecklistRow;

typedef struct
{
  char *label;
  char *value;
} TextPair;

/* One key indicator over the years, a line per scenario. */
typedef struct
{
  char *label;
  GArray *series; /* WmChartSeries */
  gboolean is_fraction, is_index;
  double band_min, band_max;
} SeriesBlock;

/* The plan's scenarios side by side (only when it has more than one). */
typedef struct
{
  WmReportTable *table;
  GPtrArray *names;   /* char*, one per scenario */
  GPtrArray *scenes;  /* WmMapScene*, one per scenario */
  int first_year, last_year; /* 0, 0 without dated proposals */
  GPtrArray *series;  /* SeriesBlock*, the key indicators over the years */
} Comparison;

/* The report scenario's households to rehouse against the social rent it completes. */
typedef struct
{
  WmRehousingBalance *balance;
  GPtrArray *warnings; /* char*, one per short year */
} Rehousing;

struct _WmReport
{
  gatomicrefcount ref_count;
  WmReportKind kind;

  char *project;
  char *scenario;
  char *author;
  char *date;
  GDateTime *created;
  gboolean illustrative;
  GStrv attribution;

  char *segment_names[WM_N_SEGMENTS];
  guint32 segment_colours[WM_N_SEGMENTS];

  GPtrArray *changes;   /* ChangeRow */
  AreaBlock *total;
  GPtrArray *areas;     /* AreaBlock */
  GPtrArray *checklist; /* ChecklistRow, by phase */

  char *preset_label;
  char *preset_assumption;
  double close_margin;
  GPtrArray *target_rows;   /* TextPair */
  double household_size[WM_N_SEGMENTS];
  GPtrArray *coverage_rows; /* TextPair */
  char *tenure;

  WmMapScene *scene;
  Comparison *comparison; /* NULL for a plan of one scenario */
  Rehousing *rehousing;   /* NULL without dated proposals */

  GMutex lock;
  WmReportLayout *layout;
  double contents_y; /* where the contents go on the title page, once laid out */
};

/* Text styles. The report's body is 9 pt; the poster is read from 2 m and starts at 15 pt. */
static const WmReportTextStyle style_body = { "Sans 9", COLOUR_TEXT, WM_REPORT_ALIGN_LEFT };
static const WmReportTextStyle style_small = { "Sans 7.5", COLOUR_MUTED, WM_REPORT_ALIGN_LEFT };
static const WmReportTextStyle style_caption = { "Sans Italic 8", COLOUR_MUTED,
                                                 WM_REPORT_ALIGN_LEFT };

static char *format_distance (double metres);

static guint32
parse_colour (const char *hex)
{
  if (hex == NULL || hex[0] != '#' || strlen (hex) != 7)
    return 0x888888;
  return (guint32) g_ascii_strtoull (hex + 1, NULL, 16);
}

static void
indicator_row_clear (gpointer data)
{
  IndicatorRow *row = data;

  g_free (row->key);
  g_free (row->label);
}

static void
area_block_free (gpointer data)
{
  AreaBlock *block = data;

  if (block == NULL)
    return;
  g_free (block->id);
  g_free (block->name);
  g_array_unref (block->indicators);
  g_array_unref (block->mix_bars);
  g_array_unref (block->mix_bands);
  g_array_unref (block->changes);
  g_array_unref (block->coverage);
  g_free (block);
}

static void
change_row_free (gpointer data)
{
  ChangeRow *row = data;

  g_free (row->name);
  g_free (row->kind);
  g_free (row->note);
  g_free (row);
}

static void
checklist_row_free (gpointer data)
{
  ChecklistRow *row = data;

  g_free (row->phase);
  g_free (row->title);
  g_free (row->trigger);
  g_free (row->status);
  g_free (row->reason);
  g_free (row->owner);
  g_free (row->note);
  g_free (row);
}

static void
text_pair_free (gpointer data)
{
  TextPair *pair = data;

  g_free (pair->label);
  g_free (pair->value);
  g_free (pair);
}

static TextPair *
text_pair_new (char *label,
               char *value)
{
  TextPair *pair = g_new (TextPair, 1);

  pair->label = label;
  pair->value = value;
  return pair;
}

/* Keys whose values are fractions 0..1, shown as percentages. */
static gboolean
key_is_fraction (const char *key)
{
  return g_str_has_prefix (key, "share.") || g_str_equal (key, "affordable_share") ||
         g_str_equal (key, "new_build_affordable_share") || g_str_equal (key, "newcomer_share") ||
         g_str_has_prefix (key, "coverage.");
}

/* Diversity and the dissimilarity index: 0..1, shown with two decimals. */
static gboolean
key_is_index (const char *key)
{
  return g_str_equal (key, "diversity") || g_str_has_prefix (key, "dissimilarity");
}

static AreaBlock *
area_block_new (WmIndicatorEngine *engine,
                WmTargets         *targets,
                const char        *area_id,
                const char        *name)
{
  AreaBlock *block = g_new0 (AreaBlock, 1);
  const WmIndicatorState states[2] = { WM_INDICATOR_BASELINE, WM_INDICATOR_PROJECTED };

  block->id = g_strdup (area_id);
  block->name = g_strdup (name);
  block->indicators = g_array_new (FALSE, TRUE, sizeof (IndicatorRow));
  g_array_set_clear_func (block->indicators, indicator_row_clear);
  for (const char *const *k = wm_indicator_engine_get_keys (engine, area_id == NULL); *k != NULL;
       k++)
    {
      IndicatorRow row = { 0 };

      row.key = g_strdup (*k);
      row.label = wm_indicator_engine_get_label (engine, *k);
      for (guint s = 0; s < 2; s++)
        {
          row.defined[s] = wm_indicator_engine_is_defined (engine, *k, area_id, states[s]);
          row.value[s] = wm_indicator_engine_get (engine, *k, area_id, states[s]);
        }
      if (area_id == NULL)
        row.has_band = wm_indicator_engine_get_target (engine, *k, &row.band, &row.verdict);
      else if (wm_targets_get_band (targets, *k, &row.band))
        {
          /* The engine judges the whole plan; an area is judged against the same band. */
          row.has_band = TRUE;
          row.verdict = row.defined[1] ? wm_targets_judge (targets, *k, row.value[1])
                                       : WM_TARGET_VERDICT_NONE;
        }
      g_array_append_val (block->indicators, row);
    }
  for (guint s = 0; s < 2; s++)
    wm_indicator_engine_get_mix (engine, area_id, states[s], &block->mix[s]);

  block->mix_bars = g_array_new (FALSE, TRUE, sizeof (WmChartMixBar));
  g_array_set_clear_func (block->mix_bars, wm_chart_mix_bar_clear);
  block->mix_bands = g_array_new (FALSE, TRUE, sizeof (WmChartBand));
  wm_chart_mix_from_engine (engine, area_id, block->mix_bars, block->mix_bands);
  block->changes = g_array_new (FALSE, TRUE, sizeof (WmChartChange));
  g_array_set_clear_func (block->changes, wm_chart_change_clear);
  block->coverage = g_array_new (FALSE, TRUE, sizeof (WmChartChange));
  g_array_set_clear_func (block->coverage, wm_chart_change_clear);
  if (area_id == NULL)
    {
      wm_chart_changes_from_engine (engine, NULL, FALSE, block->changes);
      wm_chart_changes_from_engine (engine, NULL, TRUE, block->coverage);
    }
  return block;
}

static void
copy_changes (WmReport   *self,
              WmScenario *scenario)
{
  g_autoptr(GPtrArray) ordered = wm_projection_order (wm_scenario_get_proposals (scenario));

  self->changes = g_ptr_array_new_with_free_func (change_row_free);
  for (guint i = 0; i < ordered->len; i++)
    {
      WmProposal *proposal = g_ptr_array_index (ordered, i);
      WmProposalKind kind = wm_proposal_get_kind (proposal);
      ChangeRow *row = g_new0 (ChangeRow, 1);
      const char *name = wm_proposal_get_name (proposal);
      const char *note = wm_proposal_get_note (proposal);

      row->kind = g_strdup (wm_proposal_kind_label (kind));
      if (name != NULL && *name != '\0')
        row->name = g_strdup (name);
      else if (kind == WM_PROPOSAL_ADD_FACILITY || kind == WM_PROPOSAL_REMOVE_FACILITY)
        row->name = g_strdup (wm_facility_type_label (wm_proposal_get_facility_type (proposal)));
      else
        row->name = g_strdup (row->kind);
      row->note = note != NULL && *note != '\0' ? g_strdup (note) : NULL;
      row->year = wm_proposal_get_year (proposal);
      row->delta = *wm_proposal_get_dwelling_delta (proposal);
      row->has_dwellings = kind != WM_PROPOSAL_ADD_FACILITY && kind != WM_PROPOSAL_REMOVE_FACILITY;
      g_ptr_array_add (self->changes, row);
    }
}

static void
copy_checklist (WmReport    *self,
                WmChecklist *checklist)
{
  GListModel *items = wm_checklist_get_items (checklist);
  WmRoadmapCatalogue *catalogue = wm_checklist_get_catalogue (checklist);

  self->checklist = g_ptr_array_new_with_free_func (checklist_row_free);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(WmChecklistItem) item = g_list_model_get_item (items, i);
      ChecklistRow *row = g_new0 (ChecklistRow, 1);
      const char *phase = wm_checklist_item_get_phase (item);
      const char *phase_name = wm_roadmap_catalogue_get_phase_name (catalogue, phase);

      row->phase = g_strdup (phase_name != NULL ? phase_name : phase);
      row->title = g_strdup (wm_checklist_item_get_title (item));
      row->trigger = g_strdup (wm_checklist_item_get_trigger_text (item));
      row->status_value = wm_checklist_item_get_status (item);
      row->status = g_strdup (wm_checklist_status_label (row->status_value));
      row->reason = g_strdup (wm_checklist_item_get_reason (item));
      row->owner = g_strdup (wm_checklist_item_get_owner_label (item));
      row->note = g_strdup (wm_checklist_item_get_note (item));
      row->target_year = wm_checklist_item_get_target_year (item);
      row->orphaned = wm_checklist_item_get_orphaned (item);
      g_ptr_array_add (self->checklist, row);
    }
}

static void
copy_assumptions (WmReport          *self,
                  WmIndicatorEngine *engine,
                  WmTargets         *targets,
                  WmPlan            *plan)
{
  g_auto(GStrv) keys = wm_targets_dup_keys (targets);
  WmTargetPreset preset = wm_targets_get_preset (targets);

  self->preset_label = g_strdup (wm_target_preset_label (preset));
  self->preset_assumption = g_strdup (wm_target_preset_assumption (preset));
  self->close_margin = wm_targets_get_close_margin (targets);
  self->target_rows = g_ptr_array_new_with_free_func (text_pair_free);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      WmTargetBand band;

      if (!wm_targets_get_band (targets, keys[i], &band))
        continue;
      g_ptr_array_add (self->target_rows,
                       text_pair_new (wm_target_key_label (keys[i]),
                                      wm_target_band_format (&band,
                                                             wm_target_key_is_index (keys[i]))));
    }
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    self->household_size[s] = wm_indicator_engine_get_household_size (engine, s);
  self->coverage_rows = g_ptr_array_new_with_free_func (text_pair_free);
  for (const char *const *k = wm_indicator_engine_get_coverage_kinds (engine); *k != NULL; k++)
    {
      const char *phrase = wm_coverage_kind_phrase (*k);
      double radius = wm_indicator_engine_get_coverage_radius (engine, *k);

      g_ptr_array_add (self->coverage_rows,
                       text_pair_new (g_strdup (phrase != NULL ? phrase : *k),
                                      format_distance (radius)));
    }
  self->tenure = wm_tenure_describe (plan);
}

/* The comparison and the rehousing balance. */

static void
series_block_free (gpointer data)
{
  SeriesBlock *block = data;

  g_free (block->label);
  g_array_unref (block->series);
  g_free (block);
}

static void
comparison_free (Comparison *comparison)
{
  wm_report_table_free (comparison->table);
  g_ptr_array_unref (comparison->names);
  g_ptr_array_unref (comparison->scenes);
  g_ptr_array_unref (comparison->series);
  g_free (comparison);
}

static void
rehousing_free (Rehousing *rehousing)
{
  wm_rehousing_balance_free (rehousing->balance);
  g_ptr_array_unref (rehousing->warnings);
  g_free (rehousing);
}

static char *format_value (const char *key, gboolean defined, double value);
static char *format_signed (double value, int decimals);

/* A difference against the baseline as the change columns write it. */
static char *
format_difference (const char *key,
                   double      difference)
{
  if (isnan (difference))
    return g_strdup ("–");
  if (key_is_fraction (key))
    {
      g_autofree char *points = format_signed (100.0 * difference, 1);

      return g_strdup_printf (_("%s pp"), points);
    }
  if (key_is_index (key))
    return format_signed (difference, 2);
  return format_signed (round (difference), 0);
}

/* The key indicators drawn over the years in the comparison. */
static const char *const comparison_series_keys[] = {
  "share.social_rent", "affordable_share", "diversity",
};

static WmReportTable *
comparison_table (WmScenarioComparison *comparison)
{
  guint n = comparison->scenarios->len;
  WmReportTable *table = wm_report_table_new (2 + n, n > 4 ? 6.5 : 7.5);
  guint r;

  wm_report_table_set_column (table, 0, _("Indicator"), 2.6, WM_REPORT_ALIGN_LEFT);
  wm_report_table_set_column (table, 1, _("Now"), 1.0, WM_REPORT_ALIGN_RIGHT);
  for (guint i = 0; i < n; i++)
    {
      WmComparisonScenario *entry = &g_array_index (comparison->scenarios, WmComparisonScenario,
                                                    i);

      wm_report_table_set_column (table, 2 + i, wm_scenario_get_name (entry->scenario), 1.15,
                                  WM_REPORT_ALIGN_RIGHT);
    }
  for (guint k = 0; k < comparison->rows->len; k++)
    {
      WmComparisonRow *row = &g_array_index (comparison->rows, WmComparisonRow, k);
      g_autofree char *now = format_value (row->key, !isnan (row->baseline), row->baseline);

      r = wm_report_table_add_row (table);
      if (row->has_band)
        {
          g_autofree char *band = wm_target_band_format (&row->band, key_is_index (row->key));
          g_autofree char *label = g_markup_escape_text (row->label, -1);
          g_autofree char *escaped = g_markup_escape_text (band, -1);
          g_autofree char *cell = NULL;

          cell = g_strdup_printf ("%s\n<span size=\"smaller\" foreground=\"#5b6573\">%s</span>",
                                  label, escaped);
          wm_report_table_set_cell_markup (table, r, 0, cell);
        }
      else
        wm_report_table_set_cell (table, r, 0, row->label);
      wm_report_table_set_cell (table, r, 1, now);
      for (guint i = 0; i < n; i++)
        {
          WmComparisonCell *cell = &g_array_index (row->cells, WmComparisonCell, i);
          g_autofree char *value = format_value (row->key, !isnan (cell->value), cell->value);
          g_autofree char *difference = format_difference (row->key, cell->difference);
          g_autofree char *markup = NULL;

          /* The best of the row: bold with a star, so it reads without colour. */
          if (cell->best)
            markup = g_strdup_printf ("<b>★ %s</b>\n<span size=\"smaller\" "
                                      "foreground=\"#5b6573\">%s</span>",
                                      value, difference);
          else
            markup = g_strdup_printf ("%s\n<span size=\"smaller\" "
                                      "foreground=\"#5b6573\">%s</span>",
                                      value, difference);
          wm_report_table_set_cell_markup (table, r, 2 + i, markup);
        }
    }
  r = wm_report_table_add_row (table);
  wm_report_table_set_cell (table, r, 0, _("Checklist items called for"));
  for (guint i = 0; i < n; i++)
    wm_report_table_set_cellf (table, r, 2 + i, "%u",
                               g_array_index (comparison->scenarios, WmComparisonScenario,
                                              i).n_checklist_items);
  wm_report_table_set_bold (table, r, TRUE);
  r = wm_report_table_add_row (table);
  wm_report_table_set_cell (table, r, 0, _("Households to rehouse"));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *count = wm_render_format_number (
        (double) g_array_index (comparison->scenarios, WmComparisonScenario, i)
          .households_to_rehouse,
        0);

      wm_report_table_set_cell (table, r, 2 + i, count);
    }
  wm_report_table_set_bold (table, r, TRUE);
  return table;
}

static Comparison *
comparison_new (WmPlan             *plan,
                WmRoadmapCatalogue *catalogue)
{
  GListModel *scenarios = wm_plan_get_scenarios (plan);
  g_autoptr(WmScenarioComparison) figures = NULL;
  Comparison *comparison;
  guint n = g_list_model_get_n_items (scenarios);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(WmIndicatorEngine) engine = NULL;

  if (n < 2)
    return NULL;
  /* As many as the comparison view shows: more columns do not fit the page. */
  for (guint i = 0; i < n && i < WM_SCENARIO_COMPARISON_MAX_SHOWN; i++)
    g_ptr_array_add (shown, g_list_model_get_item (scenarios, i));
  figures = wm_scenario_comparison_new (plan, (WmScenario *const *) shown->pdata, shown->len,
                                        catalogue);
  comparison = g_new0 (Comparison, 1);
  comparison->table = comparison_table (figures);
  comparison->names = g_ptr_array_new_with_free_func (g_free);
  comparison->scenes = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_map_scene_unref);
  comparison->series = g_ptr_array_new_with_free_func (series_block_free);
  wm_timeline_get_plan_range (plan, &comparison->first_year, &comparison->last_year);

  for (guint k = 0; k < G_N_ELEMENTS (comparison_series_keys); k++)
    {
      SeriesBlock *block = g_new0 (SeriesBlock, 1);

      block->series = wm_chart_series_array_new ();
      block->is_fraction = key_is_fraction (comparison_series_keys[k]);
      block->is_index = key_is_index (comparison_series_keys[k]);
      block->band_min = block->band_max = NAN;
      g_ptr_array_add (comparison->series, block);
    }
  /* One engine switched from scenario to scenario by deltas, not a full count for each. */
  engine = wm_indicator_engine_new (plan, g_ptr_array_index (shown, 0));
  for (guint i = 0; i < shown->len; i++)
    {
      WmScenario *scenario = g_ptr_array_index (shown, i);
      WmMapSceneOptions options;

      wm_indicator_engine_set_scenario (engine, scenario);

      g_ptr_array_add (comparison->names, g_strdup (wm_scenario_get_name (scenario)));
      wm_map_scene_options_init (&options);
      options.state = WM_INDICATOR_PROJECTED;
      g_ptr_array_add (comparison->scenes,
                       wm_map_scene_new (plan, scenario, engine, &options, NULL));
      if (comparison->first_year == 0)
        continue;
      {
        g_autoptr(GArray) values = wm_indicator_engine_get_series (
          engine, comparison_series_keys, NULL, comparison->first_year, comparison->last_year);
        guint n_years = (guint) (comparison->last_year - comparison->first_year + 1);

        for (guint k = 0; k < G_N_ELEMENTS (comparison_series_keys); k++)
          {
            SeriesBlock *block = g_ptr_array_index (comparison->series, k);
            WmChartSeries line = { 0 };
            WmTargetBand band;

            if (block->label == NULL)
              block->label = wm_indicator_engine_get_label (engine, comparison_series_keys[k]);
            if (i == 0 && wm_indicator_engine_get_target (engine, comparison_series_keys[k],
                                                          &band, NULL))
              {
                block->band_min = band.min;
                block->band_max = band.max;
              }
            line.label = g_strdup (wm_scenario_get_name (scenario));
            line.colour = wm_chart_get_series_colour (i);
            line.values = g_array_new (FALSE, FALSE, sizeof (double));
            g_array_append_vals (line.values, &g_array_index (values, double, k * n_years),
                                 n_years);
            g_array_append_val (block->series, line);
          }
      }
    }
  return comparison;
}

static Rehousing *
rehousing_new (WmPlan            *plan,
               WmScenario        *scenario,
               WmIndicatorEngine *engine)
{
  Rehousing *rehousing;

  if (!wm_timeline_get_range (plan, scenario, NULL, NULL))
    return NULL;
  rehousing = g_new0 (Rehousing, 1);
  rehousing->balance = wm_rehousing_balance_new (engine, 0, 0);
  rehousing->warnings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rehousing->balance->years->len; i++)
    {
      const WmRehousingYear *year = &g_array_index (rehousing->balance->years, WmRehousingYear,
                                                    i);
      char *warning;

      if (year->shortfall <= 0)
        continue;
      warning = wm_rehousing_balance_describe_year (rehousing->balance, year->year);
      if (warning == NULL)
        warning = wm_chart_describe_rehousing_year (rehousing->balance, year->year);
      g_ptr_array_add (rehousing->warnings, warning);
    }
  return rehousing;
}

WmReport *
wm_report_new (WmDocument     *document,
               WmScenario     *scenario,
               WmReportKind    kind,
               const char     *author,
               WmTileRenderer *base_renderer)
{
  WmReport *self;
  WmPlan *plan;
  WmIndicatorEngine *engine;
  g_autoptr(WmIndicatorEngine) own_engine = NULL;
  g_autoptr(WmChecklist) own_checklist = NULL;
  WmChecklist *checklist;
  WmTargets *targets;
  WmSegmentTable *segments = wm_segment_table_get_default ();
  GListModel *areas;
  WmMapSceneOptions options;
  const char *attribution;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  plan = wm_document_get_plan (document);
  if (scenario == NULL)
    scenario = wm_plan_get_active_scenario (plan);
  engine = wm_document_get_engine (document);
  checklist = wm_document_get_checklist (document);
  /* The document follows the active scenario; another one gets an engine and checklist of
   * its own for this report. */
  if (wm_indicator_engine_get_scenario (engine) != scenario)
    {
      own_engine = wm_indicator_engine_new (plan, scenario);
      engine = own_engine;
      own_checklist = wm_checklist_new (engine, wm_checklist_get_catalogue (checklist));
      checklist = own_checklist;
    }
  targets = wm_targets_get_for_plan (plan);

  self = g_new0 (WmReport, 1);
  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->kind = kind;
  self->project = g_strdup (wm_plan_get_name (plan));
  if (self->project == NULL || *self->project == '\0')
    {
      g_free (self->project);
      self->project = g_strdup (_("Untitled plan"));
    }
  self->scenario = g_strdup (wm_scenario_get_name (scenario));
  if (author != NULL && *author != '\0')
    self->author = g_strdup (author);
  else if (g_strcmp0 (g_get_real_name (), "Unknown") != 0 && *g_get_real_name () != '\0')
    self->author = g_strdup (g_get_real_name ());
  else
    self->author = g_strdup (g_get_user_name ());
  self->created = g_date_time_new_now_local ();
  self->date = wm_render_format_date (self->created);
  self->illustrative = wm_plan_get_illustrative (plan);
  attribution = wm_plan_get_attribution (plan);
  self->attribution = attribution != NULL ? wm_demo_translate_attribution (attribution)
                                          : g_new0 (char *, 1);

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      self->segment_names[s] = g_strdup (wm_segment_table_get_name (segments, s));
      self->segment_colours[s] = parse_colour (wm_segment_table_get_colour (segments, s));
    }

  copy_changes (self, scenario);
  self->total = area_block_new (engine, targets, NULL, NULL);
  self->areas = g_ptr_array_new_with_free_func (area_block_free);
  areas = wm_plan_get_areas (plan);
  /* The poster shows the whole neighbourhood only. */
  for (guint i = 0; kind == WM_REPORT_WORKSHOP && i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WmArea) area = g_list_model_get_item (areas, i);

      g_ptr_array_add (self->areas, area_block_new (engine, targets, wm_area_get_id (area),
                                                    wm_area_get_name (area)));
    }
  copy_checklist (self, checklist);
  copy_assumptions (self, engine, targets, plan);

  wm_map_scene_options_init (&options);
  options.state = WM_INDICATOR_PROJECTED;
  self->scene = wm_map_scene_new (plan, scenario, engine, &options, base_renderer);
  if (kind == WM_REPORT_WORKSHOP)
    {
      self->comparison = comparison_new (plan, wm_checklist_get_catalogue (checklist));
      self->rehousing = rehousing_new (plan, scenario, engine);
    }
  return self;
}

WmReport *
wm_report_ref (WmReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wm_report_unref (WmReport *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  wm_report_layout_free (self->layout);
  g_mutex_clear (&self->lock);
  g_free (self->project);
  g_free (self->scenario);
  g_free (self->author);
  g_free (self->date);
  g_date_time_unref (self->created);
  g_strfreev (self->attribution);
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    g_free (self->segment_names[s]);
  g_ptr_array_unref (self->changes);
  area_block_free (self->total);
  g_ptr_array_unref (self->areas);
  g_ptr_array_unref (self->checklist);
  g_free (self->preset_label);
  g_free (self->preset_assumption);
  g_ptr_array_unref (self->target_rows);
  g_ptr_array_unref (self->coverage_rows);
  g_free (self->tenure);
  g_clear_pointer (&self->scene, wm_map_scene_unref);
  g_clear_pointer (&self->comparison, comparison_free);
  g_clear_pointer (&self->rehousing, rehousing_free);
  g_free (self);
}

WmReportKind
wm_report_get_kind (WmReport *self)
{
  return self->kind;
}

void
wm_report_get_page_size (WmReport *self,
                         double   *width,
                         double   *height)
{
  if (width != NULL)
    *width = self->kind == WM_REPORT_POSTER ? A3_WIDTH : A4_WIDTH;
  if (height != NULL)
    *height = self->kind == WM_REPORT_POSTER ? A3_HEIGHT : A4_HEIGHT;
}

/* Figures. */

/* "+12", "−3,5": a change, with a real minus sign. */
static char *
format_signed (double value,
               int    decimals)
{
  double rounded = round (value * pow (10, decimals)) / pow (10, decimals);
  g_autofree char *magnitude = wm_render_format_number (fabs (rounded), decimals);

  if (rounded > 0)
    return g_strconcat ("+", magnitude, NULL);
  if (rounded < 0)
    return g_strconcat ("−", magnitude, NULL);
  return g_steal_pointer (&magnitude);
}

static char *
format_distance (double metres)
{
  g_autofree char *number = NULL;

  if (metres >= 1000)
    {
      number = wm_render_format_number (metres / 1000.0, fmod (metres, 1000) == 0 ? 0 : 1);
      /* Translators: a distance in kilometres, e.g. "1.5 km" */
      return g_strdup_printf (_("%s km"), number);
    }
  number = wm_render_format_number (metres, 0);
  /* Translators: a distance in metres, e.g. "300 m" */
  return g_strdup_printf (_("%s m"), number);
}

static char *
format_value (const char *key,
              gboolean    defined,
              double      value)
{
  if (!defined || isnan (value))
    return g_strdup ("–");
  if (key_is_fraction (key))
    return wm_render_format_percent (value, 1);
  if (key_is_index (key))
    return wm_render_format_number (value, 2);
  return wm_render_format_number (round (value), 0);
}

static char *
format_change (const char *key,
               const IndicatorRow *row)
{
  double change;

  if (!row->defined[0] || !row->defined[1] || isnan (row->value[0]) || isnan (row->value[1]))
    return g_strdup ("–");
  change = row->value[1] - row->value[0];
  if (key_is_fraction (key))
    {
      g_autofree char *points = format_signed (100.0 * change, 1);

      /* Translators: a change of a share in percentage points, e.g. "+3.5 pp" */
      return g_strdup_printf (_("%s pp"), points);
    }
  if (key_is_index (key))
    return format_signed (change, 2);
  return format_signed (round (change), 0);
}

static char *
format_signed_count (int value)
{
  if (value == 0)
    return g_strdup ("");
  return format_signed (value, 0);
}

static guint32
verdict_colour (WmTargetVerdict verdict)
{
  switch (verdict)
    {
    case WM_TARGET_VERDICT_WITHIN:
      return 0x1e6b34;
    case WM_TARGET_VERDICT_CLOSE_TO_MINIMUM:
    case WM_TARGET_VERDICT_CLOSE_TO_MAXIMUM:
      return 0x8a5a00;
    case WM_TARGET_VERDICT_BELOW_MINIMUM:
    case WM_TARGET_VERDICT_ABOVE_MAXIMUM:
      return 0xb3261e;
    case WM_TARGET_VERDICT_NONE:
    default:
      return COLOUR_MUTED;
    }
}

static char *
verdict_markup (const IndicatorRow *row)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  if (!row->has_band)
    return g_strdup ("");
  text = wm_target_verdict_describe (row->verdict, &row->band, key_is_index (row->key));
  if (text == NULL)
    return g_markup_escape_text (_("nothing to judge"), -1);
  escaped = g_markup_escape_text (text, -1);
  return g_strdup_printf ("<span foreground=\"#%06x\">%s</span>", verdict_colour (row->verdict),
                          escaped);
}

/* Drawings placed on the pages: the report outlives its layout, so they borrow from it. */

typedef struct
{
  WmReport *report;
  double font_size;
} MapDrawing;

static void
draw_map (cairo_t *cr,
          double   x,
          double   y,
          double   width,
          double   height,
          gpointer user_data)
{
  MapDrawing *drawing = user_data;
  WmBounds bounds = wm_map_scene_get_bounds (drawing->report->scene);
  WmMapTransform transform;

  /* Paper is read closer than a screen: the map is drawn as a view of twice as many pixels
   * (scaled back), so it gets the detail of the zoom level that suits print (area names,
   * symbol sizes, the base map's resolution where it is an image). */
  const double k = MAP_PIXELS_PER_POINT;

  wm_map_transform_init_for_bounds (&transform, &bounds, width * k, height * k,
                                    0.03 * MIN (width, height) * k);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, 1 / k, 1 / k);
  wm_map_scene_draw_framed (drawing->report->scene, cr, &transform, width * k, height * k,
                            k * drawing->font_size / 9.0, WM_MAP_SCENE_BASE_AUTO);
  cairo_restore (cr);
  cairo_translate (cr, x, y);
  cairo_set_source_rgb (cr, 0.6, 0.64, 0.7);
  cairo_set_line_width (cr, 0.6);
  cairo_rectangle (cr, 0.3, 0.3, width - 0.6, height - 0.6);
  cairo_stroke (cr);
}

typedef enum
{
  CHART_MIX,
  CHART_CHANGES,
  CHART_COVERAGE,
} ChartKind;

typedef struct
{
  ChartKind kind;
  AreaBlock *block;
  double font_size;
} ChartDrawing;

static void
draw_chart (cairo_t *cr,
            double   x,
            double   y,
            double   width,
            double   height,
            gpointer user_data)
{
  ChartDrawing *drawing = user_data;
  AreaBlock *block = drawing->block;
  WmChartStyle style;

  wm_chart_style_init (&style, drawing->font_size);
  switch (drawing->kind)
    {
    case CHART_MIX:
      wm_chart_draw_mix (cr, x, y, width, height, (WmChartMixBar *) block->mix_bars->data,
                         block->mix_bars->len, (WmChartBand *) block->mix_bands->data,
                         block->mix_bands->len, &style);
      break;
    case CHART_CHANGES:
      wm_chart_draw_changes (cr, x, y, width, height, (WmChartChange *) block->changes->data,
                             block->changes->len, &style);
      break;
    case CHART_COVERAGE:
      wm_chart_draw_coverage (cr, x, y, width, height, (WmChartChange *) block->coverage->data,
                              block->coverage->len, &style);
      break;
    }
}

static double
chart_height (ChartKind  kind,
              AreaBlock *block,
              double     width,
              double     font_size)
{
  WmChartStyle style;

  wm_chart_style_init (&style, font_size);
  switch (kind)
    {
    case CHART_MIX:
      return wm_chart_get_mix_height (block->mix_bars->len, width, &style);
    case CHART_CHANGES:
      return wm_chart_get_changes_height (block->changes->len, &style);
    case CHART_COVERAGE:
    default:
      return wm_chart_get_coverage_height (block->coverage->len, &style);
    }
}

static void
add_chart (WmReportLayout *layout,
           ChartKind       kind,
           AreaBlock      *block,
           double          x,
           double          y,
           double          width,
           double          height,
           double          font_size)
{
  ChartDrawing *drawing = g_new (ChartDrawing, 1);

  drawing->kind = kind;
  drawing->block = block;
  drawing->font_size = font_size;
  wm_report_layout_add_drawing (layout, x, y, width, height, draw_chart, drawing, g_free);
}

/* Dwellings per segment now, after the plan and the change, with the colours of the chart. */
static WmReportTable *
new_mix_table (WmReport  *self,
               AreaBlock *block,
               double     font_size,
               gboolean   with_change)
{
  WmReportTable *table = wm_report_table_new (with_change ? 4 : 3, font_size);
  gint totals[2] = { 0, 0 };
  guint r;

  /* Room for a city's 1,000,000 dwellings in bold, and for the segments' names. */
  wm_report_table_set_column (table, 0, _("Segment"), with_change ? 2.7 : 2.1,
                              WM_REPORT_ALIGN_LEFT);
  wm_report_table_set_column (table, 1, _("Now"), 1.2, WM_REPORT_ALIGN_RIGHT);
  wm_report_table_set_column (table, 2, _("After the plan"), 1.3, WM_REPORT_ALIGN_RIGHT);
  if (with_change)
    wm_report_table_set_column (table, 3, _("Change"), 1, WM_REPORT_ALIGN_RIGHT);
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      g_autofree char *now = wm_render_format_number (block->mix[0].counts[s], 0);
      g_autofree char *after = wm_render_format_number (block->mix[1].counts[s], 0);
      g_autofree char *change = format_signed (block->mix[1].counts[s] -
                                                         block->mix[0].counts[s], 0);

      r = wm_report_table_add_row (table);
      wm_report_table_set_cell (table, r, 0, self->segment_names[s]);
      wm_report_table_set_swatch (table, r, 0, self->segment_colours[s]);
      wm_report_table_set_cell (table, r, 1, now);
      wm_report_table_set_cell (table, r, 2, after);
      if (with_change)
        wm_report_table_set_cell (table, r, 3, change);
      totals[0] += block->mix[0].counts[s];
      totals[1] += block->mix[1].counts[s];
    }
  {
    g_autofree char *now = wm_render_format_number (totals[0], 0);
    g_autofree char *after = wm_render_format_number (totals[1], 0);
    g_autofree char *change = format_signed (totals[1] - totals[0], 0);

    r = wm_report_table_add_row (table);
    wm_report_table_set_cell (table, r, 0, _("All dwellings"));
    wm_report_table_set_cell (table, r, 1, now);
    wm_report_table_set_cell (table, r, 2, after);
    if (with_change)
      wm_report_table_set_cell (table, r, 3, change);
    wm_report_table_set_bold (table, r, TRUE);
  }
  return table;
}

/* The workshop report. */

static void
add_illustrative_note (WmReport       *self,
                       WmReportLayout *layout,
                       const WmReportTextStyle *style)
{
  const char *text = _("The dwelling figures of this plan are illustrative: they were made up "
                       "to show how Wijkmix works and describe no real neighbourhood.");
  double width = wm_report_layout_get_width (layout);
  double pad = 5;
  double height = wm_report_layout_measure_text (layout, text, FALSE, style, width - 2 * pad);
  double y;

  if (!self->illustrative)
    return;
  wm_report_layout_ensure_space (layout, height + 2 * pad);
  y = wm_report_layout_get_y (layout);
  wm_report_layout_add_rect (layout, wm_report_layout_get_left (layout), y, width,
                             height + 2 * pad, COLOUR_WARNING_BG);
  wm_report_layout_add_text (layout, wm_report_layout_get_left (layout) + pad, y + pad,
                             width - 2 * pad, text, FALSE, style);
  wm_report_layout_set_y (layout, y + height + 2 * pad + 6);
}

static void
layout_title_page (WmReport       *self,
                   WmReportLayout *layout)
{
  WmReportTextStyle kicker = { "Sans Bold 10", COLOUR_ACCENT, WM_REPORT_ALIGN_LEFT };
  WmReportTextStyle title = { "Sans Bold 24", COLOUR_TEXT, WM_REPORT_ALIGN_LEFT };
  WmReportTextStyle subtitle = { "Sans 13", COLOUR_TEXT, WM_REPORT_ALIGN_LEFT };
  WmReportTextStyle warning = { "Sans 8.5", COLOUR_WARNING, WM_REPORT_ALIGN_LEFT };
  double left = wm_report_layout_get_left (layout);
  double width = wm_report_layout_get_width (layout);
  double y;
  g_autofree char *scenario = NULL;
  g_autofree char *made = NULL;
  g_autoptr(WmReportTable) mix = NULL;
  MapDrawing *map;
  double map_height;

  wm_report_layout_new_page (layout);
  y = wm_report_layout_get_top (layout);
  y += wm_report_layout_add_text (layout, left, y, width, _("Workshop report"), FALSE, &kicker);
  y += 4;
  y += wm_report_layout_add_text (layout, left, y, width, self->project, FALSE, &title);
  y += 4;
  /* Translators: on the title page, e.g. "Scenario: Plan" */
  scenario = g_strdup_printf (_("Scenario: %s"), self->scenario);
  y += wm_report_layout_add_text (layout, left, y, width, scenario, FALSE, &subtitle);
  y += 2;
  /* Translators: on the title page: the date and who made the report */
  made = g_strdup_printf (_("%s · made by %s"), self->date, self->author);
  y += wm_report_layout_add_text (layout, left, y, width, made, FALSE, &style_body);
  wm_report_layout_set_y (layout, y + 10);
  add_illustrative_note (self, layout, &warning);

  /* The map with the proposals after the plan and its key; the figures below it. */
  wm_report_layout_add_heading (layout, 1, _("Map of the plan"), 300);
  mix = new_mix_table (self, self->total, 8, TRUE);
  y = wm_report_layout_get_y (layout);
  map_height = wm_report_layout_get_bottom (layout) - y -
               wm_report_layout_measure_table (layout, mix, width * 0.62) - 34;
  map = g_new (MapDrawing, 1);
  map->report = self;
  map->font_size = 7.5;
  wm_report_layout_add_drawing (layout, left, y, width, map_height, draw_map, map, g_free);
  y += map_height + 4;
  y += wm_report_layout_add_text (layout, left, y, width,
                                  _("Housing colours after the plan, with the proposals. The "
                                    "table gives the dwellings per segment the colours stand "
                                    "for."),
                                  FALSE, &style_caption);
  y += 4;
  wm_report_layout_add_table_at (layout, mix, left, y, width * 0.62);
  self->contents_y = y;
}

/* Beside the table on the title page: the sections with their pages, as links. Added when
 * the pages are known. */
static void
add_contents (WmReport       *self,
              WmReportLayout *layout)
{
  WmReportTextStyle heading = { "Sans Bold 8", COLOUR_ACCENT, WM_REPORT_ALIGN_LEFT };
  WmReportTextStyle entry = { "Sans 8", COLOUR_TEXT, WM_REPORT_ALIGN_LEFT };
  WmReportTextStyle number = { "Sans 8", COLOUR_TEXT, WM_REPORT_ALIGN_RIGHT };
  double width = wm_report_layout_get_width (layout);
  double x = wm_report_layout_get_left (layout) + width * 0.62 + 18;
  double w = width * 0.38 - 18;
  double y = self->contents_y;

  wm_report_layout_select_page (layout, 0);
  y += wm_report_layout_add_text (layout, x, y + 2, w, _("Contents"), FALSE, &heading) + 4;
  for (guint i = 0; i < wm_report_layout_get_n_outline (layout); i++)
    {
      const WmReportOutlineEntry *e = wm_report_layout_get_outline (layout, i);
      g_autofree char *page = NULL;
      double h;

      if (e->level != 1 || e->page == 0)
        continue;
      page = g_strdup_printf ("%u", e->page + 1);
      h = wm_report_layout_add_text (layout, x, y, w - 24, e->title, FALSE, &entry);
      wm_report_layout_add_text (layout, x + w - 24, y, 24, page, FALSE, &number);
      wm_report_layout_add_link (layout, x, y, w, h, e->page);
      y += h + 2;
    }
}

static void
layout_changes (WmReport       *self,
                WmReportLayout *layout)
{
  g_autoptr(WmReportTable) table = NULL;
  WmDwellingMix sum = { 0 };
  guint r;

  wm_report_layout_new_page (layout);
  wm_report_layout_add_heading (layout, 1, _("Changes"), 40);
  if (self->changes->len == 0)
    {
      wm_report_layout_add_paragraph (layout, _("This scenario has no proposals yet."), FALSE,
                                      &style_body, 6);
      return;
    }
  wm_report_layout_add_paragraph (layout,
                                  _("The proposals in the order they take effect (by year of "
                                    "completion), with the dwellings each adds or removes per "
                                    "segment."),
                                  FALSE, &style_body, 6);
  table = wm_report_table_new (4 + WM_N_SEGMENTS, 7.5);
  wm_report_table_set_column (table, 0, "#", 0.45, WM_REPORT_ALIGN_RIGHT);
  wm_report_table_set_column (table, 1, _("Change"), 3.4, WM_REPORT_ALIGN_LEFT);
  wm_report_table_set_column (table, 2, _("Year"), 0.8, WM_REPORT_ALIGN_RIGHT);
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    wm_report_table_set_column (table, 3 + s, self->segment_names[s], 1.05,
                                WM_REPORT_ALIGN_RIGHT);
  wm_report_table_set_column (table, 3 + WM_N_SEGMENTS, _("Net"), 0.9, WM_REPORT_ALIGN_RIGHT);
  for (guint i = 0; i < self->changes->len; i++)
    {
      ChangeRow *change = g_ptr_array_index (self->changes, i);
      g_autofree char *name = g_markup_escape_text (change->name, -1);
      g_autofree char *kind = g_markup_escape_text (change->kind, -1);
      g_autofree char *note = change->note != NULL ? g_markup_escape_text (change->note, -1)
                                                   : NULL;
      g_autofree char *cell = NULL;

      r = wm_report_table_add_row (table);
      wm_report_table_set_cellf (table, r, 0, "%u", i + 1);
      cell = g_strdup_printf ("<b>%s</b>\n<span foreground=\"#5b6573\">%s%s%s</span>", name,
                              kind, note != NULL ? " — " : "", note != NULL ? note : "");
      wm_report_table_set_cell_markup (table, r, 1, cell);
      if (change->year > 0)
        wm_report_table_set_cellf (table, r, 2, "%d", change->year);
      else
        wm_report_table_set_cell (table, r, 2, _("no year"));
      if (change->has_dwellings)
        {
          g_autofree char *net = format_signed_count (wm_dwelling_mix_total (&change->delta));

          for (guint s = 0; s < WM_N_SEGMENTS; s++)
            {
              g_autofree char *count = format_signed_count (change->delta.counts[s]);

              wm_report_table_set_cell (table, r, 3 + s, count);
            }
          wm_report_table_set_cell (table, r, 3 + WM_N_SEGMENTS, net);
          wm_dwelling_mix_add (&sum, &change->delta);
        }
    }
  r = wm_report_table_add_row (table);
  wm_report_table_set_cell (table, r, 1, _("All proposals"));
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      g_autofree char *count = format_signed_count (sum.counts[s]);

      wm_report_table_set_cell (table, r, 3 + s, count);
    }
  {
    g_autofree char *net = format_signed_count (wm_dwelling_mix_total (&sum));

    wm_report_table_set_cell (table, r, 3 + WM_N_SEGMENTS, net);
  }
  wm_report_table_set_bold (table, r, TRUE);
  wm_report_layout_add_table (layout, table, 8);
}

/* The indicators of @block; @coverage: only the coverage ones (1), all but those (0), or
 * all (-1). */
static WmReportTable *
new_indicator_table (AreaBlock *block,
                     gboolean   with_verdict,
                     int        coverage,
                     double     font_size)
{
  WmReportTable *table = wm_report_table_new (with_verdict ? 6 : 4, font_size);

  wm_report_table_set_column (table, 0, _("Indicator"), 3.0, WM_REPORT_ALIGN_LEFT);
  wm_report_table_set_column (table, 1, _("Now"), 0.9, WM_REPORT_ALIGN_RIGHT);
  wm_report_table_set_column (table, 2, _("After the plan"), 1.0, WM_REPORT_ALIGN_RIGHT);
  wm_report_table_set_column (table, 3, _("Change"), 1.0, WM_REPORT_ALIGN_RIGHT);
  if (with_verdict)
    {
      wm_report_table_set_column (table, 4, _("Target"), 1.3, WM_REPORT_ALIGN_LEFT);
      wm_report_table_set_column (table, 5, _("Verdict"), 2.8, WM_REPORT_ALIGN_LEFT);
    }
  for (guint i = 0; i < block->indicators->len; i++)
    {
      IndicatorRow *row = &g_array_index (block->indicators, IndicatorRow, i);
      g_autofree char *now = NULL, *after = NULL, *change = NULL;
      guint r;

      if (coverage >= 0 && g_str_has_prefix (row->key, "coverage.") != (coverage == 1))
        continue;
      /* An area's dwellings per segment are in the table beside its chart. */
      if (block->id != NULL && g_str_has_prefix (row->key, "dwellings.") &&
          !g_str_equal (row->key, "dwellings.affordable"))
        continue;
      now = format_value (row->key, row->defined[0], row->value[0]);
      after = format_value (row->key, row->defined[1], row->value[1]);
      change = format_change (row->key, row);
      r = wm_report_table_add_row (table);

      wm_report_table_set_cell (table, r, 0, row->label);
      wm_report_table_set_cell (table, r, 1, now);
      wm_report_table_set_cell (table, r, 2, after);
      wm_report_table_set_cell (table, r, 3, change);
      if (with_verdict && row->has_band)
        {
          g_autofree char *band = wm_target_band_format (&row->band, key_is_index (row->key));
          g_autofree char *verdict = verdict_markup (row);

          wm_report_table_set_cell (table, r, 4, band);
          wm_report_table_set_cell_markup (table, r, 5, verdict);
        }
    }
  return table;
}

static const IndicatorRow *
find_indicator (AreaBlock  *block,
                const char *key)
{
  for (guint i = 0; i < block->indicators->len; i++)
    {
      IndicatorRow *row = &g_array_index (block->indicators, IndicatorRow, i);

      if (g_str_equal (row->key, key))
        return row;
    }
  return NULL;
}

/* A chart on the left, the table of its figures on the right. */
static void
add_chart_beside_table (WmReportLayout *layout,
                        ChartKind       kind,
                        AreaBlock      *block,
                        WmReportTable  *table)
{
  double left = wm_report_layout_get_left (layout);
  double width = wm_report_layout_get_width (layout);
  double gap = 14;
  double chart_width = (width - gap) * 0.5;
  double table_width = width - gap - chart_width;
  double ch = chart_height (kind, block, chart_width, 7.5);
  double th = wm_report_layout_measure_table (layout, table, table_width);
  double y;

  wm_report_layout_ensure_space (layout, MAX (ch, th));
  y = wm_report_layout_get_y (layout);
  add_chart (layout, kind, block, left, y, chart_width, ch, 7.5);
  wm_report_layout_add_table_at (layout, table, left + chart_width + gap, y, table_width);
  wm_report_layout_set_y (layout, y + MAX (ch, th) + 8);
}

/* A full-width chart, then its figures. */
static void
add_chart_above_table (WmReportLayout *layout,
                       ChartKind       kind,
                       AreaBlock      *block,
                       WmReportTable  *table,
                       const char     *caption)
{
  double width = wm_report_layout_get_width (layout);
  double ch = chart_height (kind, block, width, 7.5);
  double y;

  if (ch > 0)
    {
      wm_report_layout_ensure_space (layout, ch + 40);
      y = wm_report_layout_get_y (layout);
      add_chart (layout, kind, block, wm_report_layout_get_left (layout), y, width, ch, 7.5);
      wm_report_layout_set_y (layout, y + ch + 4);
    }
  if (caption != NULL)
    wm_report_layout_add_paragraph (layout, caption, FALSE, &style_caption, 4);
  wm_report_layout_add_table (layout, table, 8);
}

static void
layout_indicators (WmReport       *self,
                   WmReportLayout *layout)
{
  g_autoptr(WmReportTable) mix = NULL;
  g_autoptr(WmReportTable) all = NULL;
  g_autoptr(WmReportTable) overview = NULL;

  wm_report_layout_add_heading (layout, 1, _("Indicators"), 180);
  wm_report_layout_add_heading (layout, 2, _("The whole neighbourhood"), 80);
  wm_report_layout_add_paragraph (layout,
                                  _("Dwellings per segment now and after the plan; the brackets "
                                    "are the target bands."),
                                  FALSE, &style_caption, 4);
  mix = new_mix_table (self, self->total, 7.5, TRUE);
  add_chart_beside_table (layout, CHART_MIX, self->total, mix);
  all = new_indicator_table (self->total, TRUE, self->total->coverage->len > 0 ? 0 : -1, 7.5);
  add_chart_above_table (layout, CHART_CHANGES, self->total, all,
                         _("Each indicator now (dot) and after the plan (arrow) against its "
                           "target band; the table gives every figure and the verdict."));
  if (self->total->coverage->len > 0)
    {
      g_autoptr(WmReportTable) coverage = new_indicator_table (self->total, TRUE, 1, 7.5);

      add_chart_above_table (layout, CHART_COVERAGE, self->total, coverage,
                             _("Share of dwellings within walking distance of each kind of "
                               "facility, now and after the plan, against the target bands; "
                               "the figures in the table."));
    }

  if (self->areas->len == 0)
    return;
  wm_report_layout_add_heading (layout, 1, _("Indicators per area"), 80);
  overview = wm_report_table_new (7, 7.5);
  wm_report_table_set_column (overview, 0, _("Area"), 2.4, WM_REPORT_ALIGN_LEFT);
  wm_report_table_set_column (overview, 1, _("Dwellings now"), 1.1, WM_REPORT_ALIGN_RIGHT);
  wm_report_table_set_column (overview, 2, _("Dwellings after"), 1.1, WM_REPORT_ALIGN_RIGHT);
  wm_report_table_set_column (overview, 3, _("Social rent now"), 1.1, WM_REPORT_ALIGN_RIGHT);
  wm_report_table_set_column (overview, 4, _("Social rent after"), 1.1, WM_REPORT_ALIGN_RIGHT);
  wm_report_table_set_column (overview, 5, _("Affordable after"), 1.1, WM_REPORT_ALIGN_RIGHT);
  wm_report_table_set_column (overview, 6, _("Social rent against the target"), 3.0,
                              WM_REPORT_ALIGN_LEFT);
  for (guint i = 0; i < self->areas->len; i++)
    {
      AreaBlock *block = g_ptr_array_index (self->areas, i);
      const IndicatorRow *dwellings = find_indicator (block, "dwellings");
      const IndicatorRow *social = find_indicator (block, "share.social_rent");
      const IndicatorRow *affordable = find_indicator (block, "affordable_share");
      guint r = wm_report_table_add_row (overview);

      wm_report_table_set_cell (overview, r, 0, block->name);
      if (dwellings != NULL)
        {
          g_autofree char *now = format_value (dwellings->key, TRUE, dwellings->value[0]);
          g_autofree char *after = format_value (dwellings->key, TRUE, dwellings->value[1]);

          wm_report_table_set_cell (overview, r, 1, now);
          wm_report_table_set_cell (overview, r, 2, after);
        }
      if (social != NULL)
        {
          g_autofree char *now = format_value (social->key, social->defined[0], social->value[0]);
          g_autofree char *after = format_value (social->key, social->defined[1],
                                                 social->value[1]);
          g_autofree char *verdict = verdict_markup (social);

          wm_report_table_set_cell (overview, r, 3, now);
          wm_report_table_set_cell (overview, r, 4, after);
          wm_report_table_set_cell_markup (overview, r, 6, verdict);
        }
      if (affordable != NULL)
        {
          g_autofree char *after = format_value (affordable->key, affordable->defined[1],
                                                 affordable->value[1]);

          wm_report_table_set_cell (overview, r, 5, after);
        }
    }
  wm_report_layout_add_table (layout, overview, 8);

  for (guint i = 0; i < self->areas->len; i++)
    {
      AreaBlock *block = g_ptr_array_index (self->areas, i);
      g_autoptr(WmReportTable) area_mix = new_mix_table (self, block, 7.5, TRUE);
      g_autoptr(WmReportTable) table = new_indicator_table (block, TRUE, -1, 7);

      wm_report_layout_add_heading (layout, 2, block->name, 120);
      add_chart_beside_table (layout, CHART_MIX, block, area_mix);
      wm_report_layout_add_table (layout, table, 6);
    }
}

/* The scenarios side by side: a small map of each, the table, the key indicators over the
 * years. */

typedef struct
{
  WmMapScene *scene; /* borrowed from the report */
} SceneDrawing;

static void
draw_small_map (cairo_t *cr,
                double   x,
                double   y,
                double   width,
                double   height,
                gpointer user_data)
{
  SceneDrawing *drawing = user_data;
  WmBounds bounds = wm_map_scene_get_bounds (drawing->scene);
  WmMapTransform transform;
  const double k = MAP_PIXELS_PER_POINT;

  wm_map_transform_init_for_bounds (&transform, &bounds, width * k, height * k,
                                    0.04 * MIN (width, height) * k);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, 1 / k, 1 / k);
  wm_map_scene_draw (drawing->scene, cr, &transform, width * k, height * k,
                     WM_MAP_SCENE_BASE_AUTO);
  cairo_restore (cr);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_set_source_rgb (cr, 0.6, 0.64, 0.7);
  cairo_set_line_width (cr, 0.6);
  cairo_rectangle (cr, 0.3, 0.3, width - 0.6, height - 0.6);
  cairo_stroke (cr);
  cairo_restore (cr);
}

typedef struct
{
  WmReport *report;
  guint index;       /* into the comparison's series; G_MAXUINT: the rehousing chart */
  double font_size;
} TimeDrawing;

static void
draw_time_chart (cairo_t *cr,
                 double   x,
                 double   y,
                 double   width,
                 double   height,
                 gpointer user_data)
{
  TimeDrawing *drawing = user_data;
  WmChartStyle style;

  wm_chart_style_init (&style, drawing->font_size);
  if (drawing->index == G_MAXUINT)
    {
      wm_chart_draw_rehousing (cr, x, y, width, height, drawing->report->rehousing->balance, 0,
                               &style);
      return;
    }
  {
    Comparison *comparison = drawing->report->comparison;
    SeriesBlock *block = g_ptr_array_index (comparison->series, drawing->index);

    wm_chart_draw_series (cr, x, y, width, height, comparison->first_year,
                          (WmChartSeries *) block->series->data, block->series->len,
                          block->is_fraction, block->is_index, block->band_min, block->band_max,
                          0, &style);
  }
}

static void
add_time_chart (WmReport       *self,
                WmReportLayout *layout,
                guint           index,
                double          height)
{
  TimeDrawing *drawing = g_new (TimeDrawing, 1);
  double y;

  drawing->report = self;
  drawing->index = index;
  drawing->font_size = 7.5;
  wm_report_layout_ensure_space (layout, height);
  y = wm_report_layout_get_y (layout);
  wm_report_layout_add_drawing (layout, wm_report_layout_get_left (layout), y,
                                wm_report_layout_get_width (layout), height, draw_time_chart,
                                drawing, g_free);
  wm_report_layout_set_y (layout, y + height + 4);
}

static void
layout_comparison (WmReport       *self,
                   WmReportLayout *layout)
{
  WmReportTextStyle name = { "Sans Bold 8", COLOUR_TEXT, WM_REPORT_ALIGN_CENTER };
  Comparison *comparison = self->comparison;
  double left = wm_report_layout_get_left (layout);
  double width = wm_report_layout_get_width (layout);
  double gap = 10;
  guint n = comparison->scenes->len;
  guint per_row = n <= 2 ? 2 : 3;
  double map_w = (width - gap * (per_row - 1)) / per_row;
  double map_h = map_w * 0.75;

  wm_report_layout_new_page (layout);
  wm_report_layout_add_heading (layout, 1, _("Scenarios compared"), 200);
  wm_report_layout_add_paragraph (layout,
                                  _("The plan's scenarios side by side, each after all its "
                                    "proposals: a map of each, then every indicator against "
                                    "the neighbourhood now. Under each figure its difference "
                                    "from now; ★ in bold marks the scenario closest to the "
                                    "target band."),
                                  FALSE, &style_body, 8);
  for (guint i = 0; i < n; i += per_row)
    {
      double y, name_h = 0;

      for (guint j = i; j < n && j < i + per_row; j++)
        name_h = MAX (name_h, wm_report_layout_measure_text (layout,
                                                             g_ptr_array_index (
                                                               comparison->names, j),
                                                             FALSE, &name, map_w));
      wm_report_layout_ensure_space (layout, map_h + name_h + 8);
      y = wm_report_layout_get_y (layout);
      for (guint j = i; j < n && j < i + per_row; j++)
        {
          SceneDrawing *drawing = g_new (SceneDrawing, 1);
          double x = left + (j - i) * (map_w + gap);

          drawing->scene = g_ptr_array_index (comparison->scenes, j);
          wm_report_layout_add_drawing (layout, x, y, map_w, map_h, draw_small_map, drawing,
                                        g_free);
          wm_report_layout_add_text (layout, x, y + map_h + 3, map_w,
                                     g_ptr_array_index (comparison->names, j), FALSE, &name);
        }
      wm_report_layout_set_y (layout, y + map_h + name_h + 10);
    }
  wm_report_layout_add_paragraph (layout,
                                  _("Housing colours after each scenario's proposals, framed "
                                    "to the planning areas."),
                                  FALSE, &style_caption, 8);
  wm_report_layout_add_table (layout, comparison->table, 10);

  if (comparison->first_year == 0)
    return;
  wm_report_layout_add_heading (layout, 2, _("Over the years"), 160);
  {
    g_autofree char *text = g_strdup_printf (_("The key indicators at the end of each year from "
                                               "%d to %d, one line per scenario, against the "
                                               "target band (grey). Proposals without a year "
                                               "count in no year."),
                                             comparison->first_year, comparison->last_year);

    wm_report_layout_add_paragraph (layout, text, FALSE, &style_caption, 6);
  }
  for (guint k = 0; k < comparison->series->len; k++)
    {
      SeriesBlock *block = g_ptr_array_index (comparison->series, k);
      WmChartStyle style;
      WmReportTextStyle title = { "Sans Bold 8.5", COLOUR_TEXT, WM_REPORT_ALIGN_LEFT };
      double h;

      wm_chart_style_init (&style, 7.5);
      h = wm_chart_get_series_height (block->series->len, width, &style);
      wm_report_layout_ensure_space (layout, h + 16);
      wm_report_layout_add_paragraph (layout, block->label, FALSE, &title, 2);
      add_time_chart (self, layout, k, h);
      wm_report_layout_add_space (layout, 6);
    }
}

/* The report scenario's rehousing per year. */
static void
layout_rehousing (WmReport       *self,
                  WmReportLayout *layout)
{
  WmRehousingBalance *balance = self->rehousing->balance;
  WmReportTextStyle warning = { "Sans 8.5", COLOUR_WARNING, WM_REPORT_ALIGN_LEFT };
  g_autoptr(WmReportTable) table = NULL;
  WmChartStyle style;
  double width = wm_report_layout_get_width (layout);

  wm_report_layout_add_heading (layout, 1, _("Rehousing"), 200);
  wm_report_layout_add_paragraph (layout,
                                  _("Households whose homes are demolished or renovated must "
                                    "move when the works start. Per year, the households that "
                                    "must move against the social-rent homes the plan completes; "
                                    "where more have had to move than homes are ready, the "
                                    "difference must come from vacancies in the existing "
                                    "stock."),
                                  FALSE, &style_body, 6);
  if (wm_chart_rehousing_is_empty (balance))
    {
      g_autofree char *text = wm_chart_describe_rehousing (balance);

      wm_report_layout_add_paragraph (layout, text, FALSE, &style_body, 8);
      return;
    }
  wm_chart_style_init (&style, 7.5);
  add_time_chart (self, layout, G_MAXUINT, wm_chart_get_rehousing_height (width, &style));
  wm_report_layout_add_space (layout, 4);
  for (guint i = 0; i < self->rehousing->warnings->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("⚠ %s",
                                               (char *) g_ptr_array_index (
                                                 self->rehousing->warnings, i));

      wm_report_layout_add_paragraph (layout, text, FALSE, &warning, 3);
    }
  if (self->rehousing->warnings->len == 0)
    wm_report_layout_add_paragraph (layout,
                                    _("No year is short: the social-rent homes completed keep up "
                                      "with the households that must move."),
                                    FALSE, &style_body, 3);
  wm_report_layout_add_space (layout, 5);

  table = wm_report_table_new (6, 7.5);
  wm_report_table_set_column (table, 0, _("Year"), 0.8, WM_REPORT_ALIGN_LEFT);
  wm_report_table_set_column (table, 1, _("Must move"), 1, WM_REPORT_ALIGN_RIGHT);
  wm_report_table_set_column (table, 2, _("Social rent completed"), 1.2, WM_REPORT_ALIGN_RIGHT);
  wm_report_table_set_column (table, 3, _("Moved so far"), 1, WM_REPORT_ALIGN_RIGHT);
  wm_report_table_set_column (table, 4, _("Completed so far"), 1.1, WM_REPORT_ALIGN_RIGHT);
  wm_report_table_set_column (table, 5, _("Other vacancies needed"), 1.5,
                              WM_REPORT_ALIGN_RIGHT);
  for (guint i = 0; i < balance->years->len; i++)
    {
      const WmRehousingYear *year = &g_array_index (balance->years, WmRehousingYear, i);
      gint64 figures[5] = { year->moving, year->completed, year->moving_total,
                            year->completed_total, year->shortfall };
      guint r = wm_report_table_add_row (table);

      wm_report_table_set_cellf (table, r, 0, "%d", year->year);
      for (guint c = 0; c < 5; c++)
        {
          g_autofree char *number = wm_render_format_number ((double) figures[c], 0);

          if (c == 4 && year->shortfall > 0)
            {
              /* Translators: a short year's shortfall in the rehousing table */
              g_autofree char *text = g_strdup_printf (_("⚠ %s short"), number);

              wm_report_table_set_cell (table, r, 5, text);
            }
          else
            wm_report_table_set_cell (table, r, 1 + c, number);
        }
      if (year->shortfall > 0)
        wm_report_table_set_bold (table, r, TRUE);
    }
  wm_report_layout_add_table (layout, table, 8);
  if (balance->undated_moving > 0)
    {
      g_autofree char *number = wm_render_format_number ((double) balance->undated_moving, 0);
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "%s household must move in proposals without a year; give them a year to "
                     "see when.",
                     "%s households must move in proposals without a year; give them a year "
                     "to see when.",
                     (gulong) MIN (balance->undated_moving, G_MAXLONG)),
        number);

      wm_report_layout_add_paragraph (layout, text, FALSE, &style_body, 6);
    }
}

static void
layout_checklist (WmReport       *self,
                  WmReportLayout *layout)
{
  g_autoptr(WmReportTable) table = NULL;
  const char *phase = NULL;

  wm_report_layout_add_heading (layout, 1, _("Checklist"), 120);
  if (self->checklist->len == 0)
    {
      wm_report_layout_add_paragraph (layout, _("No item of the roadmap applies to this "
                                                "scenario yet."),
                                      FALSE, &style_body, 6);
      return;
    }
  wm_report_layout_add_paragraph (layout,
                                  _("The roadmap items this scenario calls for, by phase, with "
                                    "their status, who takes them on, the note and the target "
                                    "year."),
                                  FALSE, &style_body, 6);
  table = wm_report_table_new (5, 7.5);
  wm_report_table_set_column (table, 0, _("Item"), 4.2, WM_REPORT_ALIGN_LEFT);
  wm_report_table_set_column (table, 1, _("Status"), 1.2, WM_REPORT_ALIGN_LEFT);
  wm_report_table_set_column (table, 2, _("Owner"), 1.5, WM_REPORT_ALIGN_LEFT);
  wm_report_table_set_column (table, 3, _("Target year"), 0.9, WM_REPORT_ALIGN_RIGHT);
  wm_report_table_set_column (table, 4, _("Note"), 2.2, WM_REPORT_ALIGN_LEFT);
  for (guint i = 0; i < self->checklist->len; i++)
    {
      ChecklistRow *item = g_ptr_array_index (self->checklist, i);
      g_autofree char *title = g_markup_escape_text (item->title, -1);
      g_autofree char *trigger = g_markup_escape_text (item->trigger != NULL ? item->trigger : "",
                                                       -1);
      g_autofree char *cell = NULL;
      g_autofree char *status = NULL;
      guint r;

      if (g_strcmp0 (phase, item->phase) != 0)
        {
          phase = item->phase;
          wm_report_table_add_group_row (table, phase);
        }
      r = wm_report_table_add_row (table);
      cell = g_strdup_printf ("<b>%s</b>%s<span foreground=\"#5b6573\" size=\"small\">%s</span>",
                              title, *trigger != '\0' ? "\n" : "", trigger);
      wm_report_table_set_cell_markup (table, r, 0, cell);
      if (item->orphaned)
        /* Translators: a checklist status of an item whose trigger is gone, e.g. "Open (no
         * longer triggered)" */
        status = g_strdup_printf (_("%s (no longer triggered)"), item->status);
      else if (item->reason != NULL)
        status = g_strdup_printf ("%s: %s", item->status, item->reason);
      else
        status = g_strdup (item->status);
      wm_report_table_set_cell (table, r, 1, status);
      wm_report_table_set_cell (table, r, 2, item->owner);
      if (item->target_year > 0)
        wm_report_table_set_cellf (table, r, 3, "%d", item->target_year);
      wm_report_table_set_cell (table, r, 4, item->note);
    }
  wm_report_layout_add_table (layout, table, 8);
}

static WmReportTable *
new_pair_table (GPtrArray  *pairs,
                const char *label_title,
                const char *value_title)
{
  WmReportTable *table = wm_report_table_new (2, 8);

  wm_report_table_set_column (table, 0, label_title, 3, WM_REPORT_ALIGN_LEFT);
  wm_report_table_set_column (table, 1, value_title, 1.4, WM_REPORT_ALIGN_RIGHT);
  for (guint i = 0; i < pairs->len; i++)
    {
      TextPair *pair = g_ptr_array_index (pairs, i);
      guint r = wm_report_table_add_row (table);

      wm_report_table_set_cell (table, r, 0, pair->label);
      wm_report_table_set_cell (table, r, 1, pair->value);
    }
  return table;
}

static void
layout_assumptions (WmReport       *self,
                    WmReportLayout *layout)
{
  g_autoptr(WmReportTable) targets = NULL;
  g_autoptr(WmReportTable) households = NULL;
  g_autoptr(WmReportTable) coverage = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *margin = NULL;
  g_autofree char *margin_text = NULL;

  wm_report_layout_add_space (layout, 10);
  wm_report_layout_add_heading (layout, 1, _("Assumptions"), 80);
  wm_report_layout_add_heading (layout, 2, _("Targets"), 60);
  /* Translators: the target preset and what it assumes, e.g. "Priority neighbourhood: …" */
  preset = g_strdup_printf (_("%s: %s"), self->preset_label, self->preset_assumption);
  wm_report_layout_add_paragraph (layout, preset, FALSE, &style_body, 4);
  margin = wm_render_format_percent (self->close_margin, 0);
  /* Translators: %s is a margin in percentage points, e.g. "5 %" */
  margin_text = g_strdup_printf (_("A figure outside its band by no more than %s is \"just "
                                   "below\" or \"just above\" it."),
                                 margin);
  wm_report_layout_add_paragraph (layout, margin_text, FALSE, &style_body, 4);
  targets = new_pair_table (self->target_rows, _("Indicator"), _("Target band"));
  wm_report_layout_add_table (layout, targets, 6);

  wm_report_layout_add_heading (layout, 2, _("Household sizes"), 60);
  wm_report_layout_add_paragraph (layout,
                                  _("Estimated residents count these persons per dwelling; "
                                    "replace them with local figures where known."),
                                  FALSE, &style_body, 4);
  households = wm_report_table_new (2, 8);
  wm_report_table_set_column (households, 0, _("Segment"), 3, WM_REPORT_ALIGN_LEFT);
  wm_report_table_set_column (households, 1, _("Persons per household"), 1.4,
                              WM_REPORT_ALIGN_RIGHT);
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      g_autofree char *size = wm_render_format_number (self->household_size[s], 1);
      guint r = wm_report_table_add_row (households);

      wm_report_table_set_cell (households, r, 0, self->segment_names[s]);
      wm_report_table_set_swatch (households, r, 0, self->segment_colours[s]);
      wm_report_table_set_cell (households, r, 1, size);
    }
  wm_report_layout_add_table (layout, households, 6);

  wm_report_layout_add_heading (layout, 2, _("Catchment distances"), 60);
  wm_report_layout_add_paragraph (layout,
                                  _("A dwelling counts as near a facility within this distance "
                                    "in a straight line."),
                                  FALSE, &style_body, 4);
  coverage = new_pair_table (self->coverage_rows, _("Facility"), _("Distance"));
  wm_report_layout_add_table (layout, coverage, 6);

  wm_report_layout_add_heading (layout, 2, _("Estimated tenure"), 40);
  wm_report_layout_add_paragraph (layout,
                                  self->tenure != NULL
                                    ? self->tenure
                                    : _("Every dwelling's segment is given by the data; none is "
                                        "estimated."),
                                  FALSE, &style_body, 6);
}

static void
layout_sources (WmReport       *self,
                WmReportLayout *layout)
{
  WmReportTextStyle warning = { "Sans 9", COLOUR_WARNING, WM_REPORT_ALIGN_LEFT };

  wm_report_layout_add_space (layout, 6);
  wm_report_layout_add_heading (layout, 1, _("Sources and attribution"), 40);
  add_illustrative_note (self, layout, &warning);
  if (self->attribution[0] == NULL)
    wm_report_layout_add_paragraph (layout, _("The plan names no data sources."), FALSE,
                                    &style_body, 4);
  for (guint i = 0; self->attribution[i] != NULL; i++)
    wm_report_layout_add_paragraph (layout, self->attribution[i], FALSE, &style_body, 3);
  wm_report_layout_add_space (layout, 6);
  /* Translators: %s is the program's version */
  {
    g_autofree char *made = g_strdup_printf (_("Made with Wijkmix %s."), PACKAGE_VERSION);

    wm_report_layout_add_paragraph (layout, made, FALSE, &style_small, 0);
  }
}

static WmReportLayout *
layout_workshop (WmReport *self)
{
  WmReportLayout *layout = wm_report_layout_new (A4_WIDTH, A4_HEIGHT, 50, 48, 50, 58);

  layout_title_page (self, layout);
  layout_changes (self, layout);
  if (self->rehousing != NULL)
    layout_rehousing (self, layout);
  layout_indicators (self, layout);
  if (self->comparison != NULL)
    layout_comparison (self, layout);
  layout_checklist (self, layout);
  layout_assumptions (self, layout);
  layout_sources (self, layout);
  return layout;
}

/* The poster: the map large on the left, the mix, five figures and the open items on the
 * right, in type read from 2 m (15 pt and up). */

static const char *const poster_keys[] = {
  "share.social_rent", "affordable_share", "new_build_affordable_share", "diversity",
  "households_to_rehouse",
};

static WmReportLayout *
layout_poster (WmReport *self)
{
  WmReportLayout *layout = wm_report_layout_new (A3_WIDTH, A3_HEIGHT, 36, 30, 36, 28);
  WmReportTextStyle title = { "Sans Bold 34", COLOUR_TEXT, WM_REPORT_ALIGN_LEFT };
  WmReportTextStyle subtitle = { "Sans 17", COLOUR_MUTED, WM_REPORT_ALIGN_LEFT };
  WmReportTextStyle heading = { "Sans Bold 20", COLOUR_ACCENT, WM_REPORT_ALIGN_LEFT };
  WmReportTextStyle label = { "Sans 14", COLOUR_TEXT, WM_REPORT_ALIGN_LEFT };
  WmReportTextStyle figure = { "Sans Bold 24", COLOUR_TEXT, WM_REPORT_ALIGN_LEFT };
  WmReportTextStyle verdict_style = { "Sans 12.5", COLOUR_MUTED, WM_REPORT_ALIGN_LEFT };
  WmReportTextStyle item = { "Sans 14", COLOUR_TEXT, WM_REPORT_ALIGN_LEFT };
  WmReportTextStyle owner = { "Sans 12", COLOUR_MUTED, WM_REPORT_ALIGN_LEFT };
  WmReportTextStyle warning = { "Sans Bold 13", COLOUR_WARNING, WM_REPORT_ALIGN_LEFT };
  double left = wm_report_layout_get_left (layout);
  double width = wm_report_layout_get_width (layout);
  double bottom = wm_report_layout_get_bottom (layout);
  double gap = 24;
  /* Three columns: the map, the mix with the key figures, the open items. */
  double map_width = width * 0.48;
  double mid = left + map_width + gap;
  double mid_width = (width - map_width - 2 * gap) * 0.53;
  double col = mid + mid_width + gap;
  double col_width = width - map_width - 2 * gap - mid_width;
  double y, map_top, map_bottom, chart_h;
  g_autofree char *sub = NULL;
  g_autoptr(WmReportTable) mix = NULL;
  MapDrawing *map;
  guint n_open = 0, shown = 0;

  wm_report_layout_new_page (layout);
  y = wm_report_layout_get_top (layout);
  y += wm_report_layout_add_text (layout, left, y, width, self->project, FALSE, &title);
  /* Translators: under the poster's title: scenario, date and who made it */
  sub = g_strdup_printf (_("Scenario: %s · %s · %s"), self->scenario, self->date, self->author);
  y += wm_report_layout_add_text (layout, left, y, width, sub, FALSE, &subtitle);
  y += 14;
  map_top = y;

  /* The map shows its sources; the warning goes under it where the figures are made up. */
  map_bottom = bottom;
  if (self->illustrative)
    {
      const char *text = _("Illustrative figures: made up to show how Wijkmix works.");
      double h = wm_report_layout_measure_text (layout, text, FALSE, &warning, map_width);

      map_bottom = bottom - h - 6;
      wm_report_layout_add_text (layout, left, bottom - h, map_width, text, FALSE, &warning);
    }
  map = g_new (MapDrawing, 1);
  map->report = self;
  map->font_size = 11;
  wm_report_layout_add_drawing (layout, left, map_top, map_width, map_bottom - map_top, draw_map,
                                map, g_free);

  /* The mix now and after, with its figures. */
  y = map_top;
  y += wm_report_layout_add_text (layout, mid, y, mid_width, _("Housing mix"), FALSE, &heading);
  y += 8;
  chart_h = chart_height (CHART_MIX, self->total, mid_width, 12);
  add_chart (layout, CHART_MIX, self->total, mid, y, mid_width, chart_h, 12);
  y += chart_h + 8;
  mix = new_mix_table (self, self->total, 12, FALSE);
  y += wm_report_layout_add_table_at (layout, mix, mid, y, mid_width) + 22;

  /* Five figures: the label, "now → after" large, the verdict under it. */
  y += wm_report_layout_add_text (layout, mid, y, mid_width, _("Key figures"), FALSE, &heading);
  y += 8;
  for (guint i = 0; i < G_N_ELEMENTS (poster_keys); i++)
    {
      const IndicatorRow *row = find_indicator (self->total, poster_keys[i]);
      g_autofree char *now = NULL, *after = NULL, *text = NULL, *verdict = NULL;

      if (row == NULL)
        continue;
      now = format_value (row->key, row->defined[0], row->value[0]);
      after = format_value (row->key, row->defined[1], row->value[1]);
      text = g_strdup_printf ("%s → %s", now, after);
      y += wm_report_layout_add_text (layout, mid, y, mid_width, row->label, FALSE, &label);
      y += wm_report_layout_add_text (layout, mid, y, mid_width, text, FALSE, &figure);
      verdict = verdict_markup (row);
      if (*verdict != '\0')
        y += wm_report_layout_add_text (layout, mid, y, mid_width, verdict, TRUE,
                                        &verdict_style);
      y += 7;
      wm_report_layout_add_line (layout, mid, y - 3, mid + mid_width, y - 3, 0.6, 0xd5d9df);
      y += 3;
    }

  /* The open items, as many as fit. */
  y = map_top;
  y += wm_report_layout_add_text (layout, col, y, col_width, _("Open checklist items"), FALSE,
                                  &heading);
  y += 8;
  for (guint i = 0; i < self->checklist->len; i++)
    {
      ChecklistRow *row = g_ptr_array_index (self->checklist, i);

      if (row->status_value == WM_CHECKLIST_STATUS_OPEN)
        n_open++;
    }
  for (guint i = 0; i < self->checklist->len; i++)
    {
      ChecklistRow *row = g_ptr_array_index (self->checklist, i);
      double limit = bottom - 24;
      double h;

      if (row->status_value != WM_CHECKLIST_STATUS_OPEN)
        continue;
      h = wm_report_layout_measure_text (layout, row->title, FALSE, &item, col_width - 20) +
          wm_report_layout_measure_text (layout, row->owner, FALSE, &owner, col_width - 20) + 8;
      if (y + h > limit)
        break;
      wm_report_layout_add_text (layout, col, y, 20, "□", FALSE, &item);
      y += wm_report_layout_add_text (layout, col + 20, y, col_width - 20, row->title, FALSE,
                                      &item);
      y += wm_report_layout_add_text (layout, col + 20, y, col_width - 20, row->owner, FALSE,
                                      &owner) + 8;
      shown++;
    }
  if (n_open == 0)
    wm_report_layout_add_text (layout, col, y, col_width,
                               _("None: every item is planned or done."), FALSE, &item);
  else if (shown < n_open)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more",
                                                            "… and %u more", n_open - shown),
                                               n_open - shown);

      wm_report_layout_add_text (layout, col + 20, y, col_width - 20, more, FALSE, &owner);
    }
  return layout;
}

/* The footer of every report page: project and scenario, and "Page 2 of 9". */
static void
add_footers (WmReport       *self,
             WmReportLayout *layout)
{
  WmReportTextStyle left = { "Sans 7.5", COLOUR_MUTED, WM_REPORT_ALIGN_LEFT };
  WmReportTextStyle right = { "Sans 7.5", COLOUR_MUTED, WM_REPORT_ALIGN_RIGHT };
  guint n_pages = wm_report_layout_get_n_pages (layout);
  double x = wm_report_layout_get_left (layout);
  double width = wm_report_layout_get_width (layout);
  double y = wm_report_layout_get_bottom (layout) + 16;
  g_autofree char *where = NULL;

  /* A page handed round on its own still says that its figures are made up. */
  if (self->illustrative)
    /* Translators: the report's footer: project, scenario, and that the figures are made up */
    where = g_strdup_printf (_("%s — %s · illustrative figures"), self->project, self->scenario);
  else
    where = g_strdup_printf ("%s — %s", self->project, self->scenario);

  for (guint page = 0; page < n_pages; page++)
    {
      /* Translators: the page number in the report's footer */
      g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);

      wm_report_layout_select_page (layout, page);
      wm_report_layout_add_line (layout, x, y - 4, x + width, y - 4, 0.5, 0xc0c6cf);
      wm_report_layout_add_text (layout, x, y, width * 0.7, where, FALSE, &left);
      wm_report_layout_add_text (layout, x + width * 0.7, y, width * 0.3, number, FALSE, &right);
    }
}

static WmReportLayout *
ensure_layout (WmReport *self)
{
  WmReportLayout *layout;

  g_mutex_lock (&self->lock);
  if (self->layout == NULL && self->kind == WM_REPORT_POSTER)
    self->layout = layout_poster (self);
  else if (self->layout == NULL)
    {
      self->layout = layout_workshop (self);
      add_contents (self, self->layout);
      add_footers (self, self->layout);
    }
  layout = self->layout;
  g_mutex_unlock (&self->lock);
  return layout;
}

guint
wm_report_get_n_pages (WmReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return wm_report_layout_get_n_pages (ensure_layout (self));
}

void
wm_report_draw_page (WmReport *self,
                     cairo_t  *cr,
                     guint     page)
{
  WmReportLayout *layout;
  guint n_pages;

  g_return_if_fail (self != NULL);
  layout = ensure_layout (self);
  n_pages = wm_report_layout_get_n_pages (layout);
  g_return_if_fail (page < n_pages);
  cairo_save (cr);
  wm_report_layout_draw_page (layout, cr, page);
  cairo_restore (cr);
}

/* Writing. */

typedef struct
{
  FILE *file;
  int errsv;
} PdfSink;

static cairo_status_t
write_to_file (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  PdfSink *sink = closure;

  if (sink->errsv != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (fwrite (data, 1, length, sink->file) != length)
    {
      sink->errsv = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static void
add_outline (WmReport        *self,
             cairo_surface_t *surface,
             WmReportLayout  *layout)
{
  g_autofree int *ids = g_new0 (int, wm_report_layout_get_n_outline (layout));

  for (guint i = 0; i < wm_report_layout_get_n_outline (layout); i++)
    {
      const WmReportOutlineEntry *entry = wm_report_layout_get_outline (layout, i);
      char y[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *link = NULL;
      int parent = entry->parent >= 0 ? ids[entry->parent] : CAIRO_PDF_OUTLINE_ROOT;

      /* cairo reads the position with a C decimal point. */
      link = g_strdup_printf ("page=%u pos=[0 %s]", entry->page + 1,
                              g_ascii_formatd (y, sizeof y, "%.1f", entry->y));
      ids[i] = cairo_pdf_surface_add_outline (surface, parent, entry->title, link,
                                              entry->level <= 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN
                                                                : 0);
    }
}

static void
set_metadata (WmReport        *self,
              cairo_surface_t *surface)
{
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *date = g_date_time_format (self->created, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *creator = g_strdup_printf ("Wijkmix %s", PACKAGE_VERSION);

  title = g_strdup_printf ("%s — %s", self->project, self->scenario);
  subject = g_strdup (self->kind == WM_REPORT_POSTER ? _("Poster of a neighbourhood plan")
                                                     : _("Workshop report of a neighbourhood "
                                                         "plan"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, self->scenario);
}

gboolean
wm_report_write_pdf (WmReport              *self,
                     const char            *path,
                     WmReportProgressFunc   progress,
                     gpointer               user_data,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_autoptr(WmFileCommit) commit = NULL;
  WmReportLayout *layout;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  PdfSink sink = { 0 };
  double width, height;
  guint n_pages;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  commit = wm_file_commit_begin (path, error);
  if (commit == NULL)
    return FALSE;
  sink.file = g_fopen (wm_file_commit_get_temp_path (commit), "wb");
  if (sink.file == NULL)
    {
      g_propagate_error (error, wm_file_commit_error_from_errno (path, errno));
      return FALSE;
    }

  layout = ensure_layout (self);
  n_pages = wm_report_layout_get_n_pages (layout);
  wm_report_get_page_size (self, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (write_to_file, &sink, width, height);
  set_metadata (self, surface);
  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      g_autofree char *label = g_strdup_printf ("%u", page + 1);

      if (g_cancellable_is_cancelled (cancellable) || sink.errsv != 0)
        break;
      cairo_pdf_surface_set_page_label (surface, label);
      wm_report_draw_page (self, cr, page);
      cairo_show_page (cr);
      if (progress != NULL)
        progress ((double) (page + 1) / n_pages, user_data);
    }
  if (!g_cancellable_is_cancelled (cancellable) && sink.errsv == 0)
    add_outline (self, surface, layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (fclose (sink.file) != 0 && sink.errsv == 0)
    sink.errsv = errno;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE; /* the commit is aborted: nothing at @path changes */
  if (sink.errsv != 0)
    {
      g_propagate_error (error, wm_file_commit_error_from_errno (path, sink.errsv));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: the file and cairo's message */
                   _("Could not write the PDF “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return wm_file_commit_finish (g_steal_pointer (&commit), error);
}
