/* wm-indicator-panel.c: the projected mix of the neighbourhood or one area, against targets
 *
 * Rows are built once per engine and area; an edit only rewrites their labels, so the panel
 * follows the map within the same frame.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "wm-indicator-panel.h"
#include "wm-chart-view.h"
#include "wm-demo.h"
#include "wm-rehousing-balance.h"
#include "wm-segment.h"
#include "wm-timeline.h"
#include "wm-tenure-estimate.h"
#include "wm-targets-editor.h"

typedef enum
{
  FORMAT_COUNT,
  FORMAT_SHARE,
  FORMAT_INDEX,
} ValueFormat;

typedef struct
{
  WmIndicatorPanel *panel; /* unowned */
  char *key;
  ValueFormat format;
  GtkWidget *row;
  GtkLabel *value_label;
  GtkLabel *chip;
  GtkLabel *status_label; /* rows that can show a target */
  char *status_key;       /* the key judged against its band (a segment row: its share) */
} IndicatorRow;

struct _WmIndicatorPanel
{
  AdwBin parent_instance;

  GtkWidget *notice;
  GtkWidget *tenure_notice;
  GtkLabel *tenure_label;
  WmPlan *plan;          /* the engine's, watched for imports */
  GListModel *buildings;
  GListModel *areas;
  GtkDropDown *scope;
  GtkStringList *scope_names;
  GtkLabel *headline_value;
  GtkLabel *headline_chip;
  WmChartView *mix_chart;
  WmChartView *changes_chart;
  GtkWidget *changes_heading;
  GtkBox *groups_box;
  GtkLabel *attribution;
  /* The plan over the years: shown while the scenario has dated proposals. */
  GtkLabel *year_label; /* "As of 2031" */
  GtkWidget *years_box;
  GtkDropDown *series_choice;
  GtkStringList *series_names;
  GPtrArray *series_keys; /* choice position -> indicator key */
  WmChartView *series_chart;
  WmChartView *rehousing_chart;
  GtkWidget *rehousing_warning;
  GtkLabel *rehousing_heading;
  GtkLabel *rehousing_detail;
  gboolean updating_series;
  gboolean updating_years; /* the balance replays the engine: no second round from it */

  WmIndicatorEngine *engine;
  WmHistory *history;
  gulong changed_id;
  gulong year_id;
  GtkWidget *targets_button;
  WmTargetsEditor *targets_editor;
  GtkLabel *target_assumption;
  char *area_id;
  GPtrArray *rows; /* IndicatorRow* */
  GPtrArray *area_ids; /* scope position -> area id (position 0: NULL = whole) */
  gboolean updating_scope;
};

G_DEFINE_FINAL_TYPE (WmIndicatorPanel, wm_indicator_panel, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_AREA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
indicator_row_free (gpointer data)
{
  IndicatorRow *row = data;

  g_free (row->key);
  g_free (row->status_key);
  g_free (row);
}

static ValueFormat
format_for_key (const char *key)
{
  if (g_str_has_prefix (key, "share.") || g_str_has_prefix (key, "coverage.")
      || g_str_has_suffix (key, "_share"))
    return FORMAT_SHARE;
  if (g_str_equal (key, "diversity") || g_str_has_prefix (key, "dissimilarity"))
    return FORMAT_INDEX;
  return FORMAT_COUNT;
}

static char *
format_value (ValueFormat format, double value)
{
  if (isnan (value))
    return g_strdup ("–");
  switch (format)
    {
    case FORMAT_SHARE:
      /* Translators: a percentage */
      return g_strdup_printf (_("%.0f %%"), 100.0 * value);
    case FORMAT_INDEX:
      return g_strdup_printf ("%.2f", value);
    case FORMAT_COUNT:
    default:
      return g_strdup_printf ("%.0f", value);
    }
}

/* The magnitude of a change as shown: "3.5", "0.05", "12". */
static char *
format_magnitude (ValueFormat format, double magnitude)
{
  switch (format)
    {
    case FORMAT_SHARE:
      return g_strdup_printf ("%.1f", 100.0 * magnitude);
    case FORMAT_INDEX:
      return g_strdup_printf ("%.2f", magnitude);
    case FORMAT_COUNT:
    default:
      return g_strdup_printf ("%.0f", magnitude);
    }
}

/* The smallest change the panel shows, in the indicator's own unit. */
static double
format_step (ValueFormat format)
{
  return format == FORMAT_SHARE ? 0.001 : format == FORMAT_INDEX ? 0.01 : 1.0;
}

/* "+12", "−0.05", "+3 pt"; NULL when nothing changed at the shown precision. */
static char *
format_change (ValueFormat format, double delta)
{
  const char *sign = delta > 0 ? "+" : "−";
  g_autofree char *digits = NULL;

  if (isnan (delta))
    return NULL;
  /* Decided on the digits printed, so that no "+0.0 pt" is ever shown. */
  digits = format_magnitude (format, fabs (delta));
  if (strspn (digits, "0.") == strlen (digits))
    return NULL;
  if (format == FORMAT_SHARE)
    /* Translators: a change in percentage points, e.g. "+3.5 pt" */
    return g_strdup_printf (_("%s%.1f pt"), sign, 100.0 * fabs (delta));
  return g_strdup_printf ("%s%s", sign, digits);
}

static void
set_chip (GtkLabel *chip, ValueFormat format, double delta)
{
  g_autofree char *text = format_change (format, delta);

  gtk_widget_set_visible (GTK_WIDGET (chip), text != NULL);
  gtk_label_set_text (chip, text != NULL ? text : "");
}

static const char *
explanation_for_key (const char *key)
{
  if (g_str_equal (key, "diversity"))
    return _("1 when the five segments are equally present, 0 with one segment only");
  if (g_str_has_prefix (key, "dissimilarity"))
    return _("Share of social-rent dwellings that would have to move for an even spread. Where "
             "units hold few dwellings even a random mix gives more than 0: what lies above "
             "that chance level is what the spatial pattern adds.");
  if (g_str_equal (key, "newcomer_share"))
    return _("New households after the plan, of all households after the plan");
  if (g_str_equal (key, "households_to_rehouse"))
    return _("Occupied dwellings removed by demolition or conversion");
  if (g_str_equal (key, "residents"))
    return _("Dwellings times the average household size per segment");
  if (g_str_equal (key, "affordable_share"))
    return _("Social rent, mid-rent and affordable owner-occupied");
  if (g_str_equal (key, "new_build_affordable_share"))
    return _("Of the dwellings added by the plan");
  return NULL;
}

static void on_row_activated (AdwActionRow *action_row, IndicatorRow *row);

static IndicatorRow *
indicator_row_new (WmIndicatorPanel *self, const char *key, gboolean with_status)
{
  IndicatorRow *row = g_new0 (IndicatorRow, 1);
  g_autofree char *title = wm_indicator_engine_get_label (self->engine, key);
  const char *explanation = explanation_for_key (key);
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  row->panel = self;
  row->key = g_strdup (key);
  row->status_key = g_strdup (key);
  row->format = format_for_key (key);
  row->row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
  if (explanation != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), explanation);
  if (g_str_has_prefix (key, "dissimilarity"))
    {
      const char *outside = g_str_equal (key, "dissimilarity_social")
                            ? _("The dwellings outside the areas count as one unit of their "
                                "own.\n")
                            : "";
      g_autofree char *tooltip = g_strdup_printf ("%s\n%s%s", explanation, outside,
                                                  _("Click to see which proposals move this "
                                                    "figure"));

      /* The subtitle gives units and chance level (refreshed); the explanation goes here. */
      gtk_widget_set_tooltip_text (row->row, tooltip);
    }
  else
    gtk_widget_set_tooltip_text (row->row, _("Click to see which proposals move this figure"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), TRUE);
  g_signal_connect (row->row, "activated", G_CALLBACK (on_row_activated), row);

  row->value_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (row->value_label), "wm-figure");
  gtk_label_set_xalign (row->value_label, 1);
  row->chip = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (row->chip), "wm-chip");
  gtk_widget_set_halign (GTK_WIDGET (row->chip), GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (suffix), GTK_WIDGET (row->value_label));
  gtk_box_append (GTK_BOX (suffix), GTK_WIDGET (row->chip));
  if (with_status)
    {
      row->status_label = GTK_LABEL (gtk_label_new (NULL));
      /* The verdict names its band and side: it wraps rather than widen the panel. */
      gtk_label_set_wrap (row->status_label, TRUE);
      gtk_label_set_max_width_chars (row->status_label, 18);
      gtk_label_set_justify (row->status_label, GTK_JUSTIFY_RIGHT);
      gtk_label_set_xalign (row->status_label, 1);
      gtk_widget_set_halign (GTK_WIDGET (row->status_label), GTK_ALIGN_END);
      gtk_widget_add_css_class (GTK_WIDGET (row->status_label), "wm-status");
      gtk_box_append (GTK_BOX (suffix), GTK_WIDGET (row->status_label));
    }
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), suffix);
  g_ptr_array_add (self->rows, row);
  return row;
}

/* NAN ("–") for a fraction of no dwellings. */
static double
panel_value (WmIndicatorPanel *self, const char *key, WmIndicatorState state)
{
  if (!wm_indicator_engine_is_defined (self->engine, key, self->area_id, state))
    return NAN;
  return wm_indicator_engine_get (self->engine, key, self->area_id, state);
}

/* "0.41 across 37 cells of 250 m; a random mix would give about 0.32", before and after the
 * plan when they differ. */
static void
update_dissimilarity_subtitle (WmIndicatorPanel *self, IndicatorRow *row)
{
  g_autofree char *before = wm_indicator_engine_describe_dissimilarity (self->engine, row->key,
                                                                        WM_INDICATOR_BASELINE);
  g_autofree char *after = wm_indicator_engine_describe_dissimilarity (self->engine, row->key,
                                                                       WM_INDICATOR_PROJECTED);
  g_autofree char *subtitle = NULL;

  if (after == NULL)
    return;
  if (g_str_equal (before, after))
    subtitle = g_strdup (after);
  else
    /* Translators: both parts are "0.41 across 37 cells of 250 m; a random mix would give
     * about 0.32" */
    subtitle = g_strdup_printf (_("Now %s.\nAfter the plan %s."), before, after);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), subtitle);
}

static void
indicator_row_update (WmIndicatorPanel *self, IndicatorRow *row)
{
  double baseline = panel_value (self, row->key, WM_INDICATOR_BASELINE);
  double projected = panel_value (self, row->key, WM_INDICATOR_PROJECTED);
  g_autofree char *b = format_value (row->format, baseline);
  g_autofree char *p = format_value (row->format, projected);
  g_autofree char *text = NULL;

  /* New-build figures have no baseline: show the projected value alone. */
  if (g_str_equal (row->key, "new_build_affordable_share") || g_str_equal (b, p))
    text = g_strdup (p);
  else
    text = g_strdup_printf ("%s → %s", b, p);
  gtk_label_set_text (row->value_label, text);
  set_chip (row->chip, row->format, projected - baseline);
  if (g_str_has_prefix (row->key, "dissimilarity"))
    update_dissimilarity_subtitle (self, row);

  if (row->status_label != NULL)
    {
      WmTargetBand band;
      WmTargetVerdict verdict;

      if (self->area_id == NULL
          && wm_indicator_engine_get_target (self->engine, row->status_key, &band, &verdict)
          && verdict != WM_TARGET_VERDICT_NONE)
        {
          gboolean as_index = wm_target_key_is_index (row->status_key);
          g_autofree char *band_text = wm_target_band_format (&band, as_index);
          g_autofree char *verdict_text = wm_target_verdict_describe (verdict, &band, as_index);
          g_autofree char *status_text = NULL;
          static const char *const classes[] = { "success", "warning", "error" };
          guint cls = verdict == WM_TARGET_VERDICT_WITHIN ? 0
                      : (verdict == WM_TARGET_VERDICT_CLOSE_TO_MINIMUM
                         || verdict == WM_TARGET_VERDICT_CLOSE_TO_MAXIMUM) ? 1 : 2;

          /* The words carry the verdict and its side; the colour only repeats it. */
          /* Translators: the band, then the verdict: "Target 30–50 %: above the maximum of
           * 50 %" */
          if (isnan (band.min) || isnan (band.max))
            {
              /* A one-sided verdict names its bound ("meets the minimum of 67 %"): saying
               * "Target at least 67 %" before it would say it twice. */
              g_autofree char *first = g_utf8_strup (verdict_text,
                                                     g_utf8_next_char (verdict_text) - verdict_text);

              status_text = g_strconcat (first, g_utf8_next_char (verdict_text), NULL);
            }
          else
            status_text = g_strdup_printf (_("Target %s: %s"), band_text, verdict_text);
          gtk_label_set_text (row->status_label, status_text);
          for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
            gtk_widget_remove_css_class (GTK_WIDGET (row->status_label), classes[i]);
          gtk_widget_add_css_class (GTK_WIDGET (row->status_label), classes[cls]);
          gtk_widget_set_visible (GTK_WIDGET (row->status_label), TRUE);
        }
      else
        gtk_widget_set_visible (GTK_WIDGET (row->status_label), FALSE);
    }
}

static void
on_row_activated (AdwActionRow *action_row, IndicatorRow *row)
{
  WmIndicatorPanel *self = row->panel;
  g_autoptr (GArray) contributions = NULL;
  GtkWidget *popover, *box, *label;
  g_autofree char *title = wm_indicator_engine_get_label (self->engine, row->key);
  double running = 0.0, shown_total = 0.0, shown_before = 0.0;

  contributions = wm_indicator_engine_get_contributions (self->engine, row->key, self->area_id);
  popover = gtk_popover_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  label = gtk_label_new (title);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);

  if (contributions == NULL || contributions->len == 0)
    {
      label = gtk_label_new (_("No proposal changes this figure."));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
    }
  else
    for (guint i = 0; i < contributions->len; i++)
      {
        WmIndicatorContribution *c = &g_array_index (contributions, WmIndicatorContribution, i);
        const char *name = wm_proposal_get_name (c->proposal);
        double step = format_step (row->format), shown;
        g_autofree char *change = NULL;
        g_autofree char *line = NULL;

        /* Rounded as running totals, so the lines add up to the change the row shows. */
        shown_before = shown_total;
        running += c->delta;
        shown_total = round (running / step) * step;
        shown = shown_total - shown_before;
        change = format_change (row->format, shown);

        if (name == NULL || *name == '\0')
          name = wm_proposal_kind_label (wm_proposal_get_kind (c->proposal));
        if (wm_proposal_get_year (c->proposal) > 0)
          line = g_strdup_printf ("%s (%d): %s", name, wm_proposal_get_year (c->proposal),
                                  change != NULL ? change : "0");
        else
          line = g_strdup_printf ("%s: %s", name, change != NULL ? change : "0");
        label = gtk_label_new (line);
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_box_append (GTK_BOX (box), label);
      }
  if (contributions != NULL && contributions->len > 0)
    {
      g_autofree char *change = format_change (row->format, shown_total);
      g_autofree char *line = NULL;

      /* Translators: the sum of the lines above, e.g. "Together: +15.1 pt, one after another
       * in the plan's order" */
      line = g_strdup_printf (_("Together: %s, one after another in the plan’s order"),
                              change != NULL ? change : "0");
      label = gtk_label_new (line);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_widget_set_parent (popover, GTK_WIDGET (action_row));
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static gboolean
parse_colour (WmSegment segment, GdkRGBA *rgba)
{
  const char *spec = wm_segment_table_get_colour (wm_segment_table_get_default (), segment);
  return spec != NULL && gdk_rgba_parse (rgba, spec);
}

/* Affordable segments first, so the affordable share reads as one run from the left. */
static const WmSegment bar_order[WM_N_SEGMENTS] = {
  WM_SEGMENT_SOCIAL_RENT, WM_SEGMENT_MID_RENT, WM_SEGMENT_OWNER_AFFORDABLE,
  WM_SEGMENT_PRIVATE_RENT, WM_SEGMENT_OWNER_EXPENSIVE,
};

/* The changes chart shows the figures the targets and the mix are about; the counts are in
 * the rows below. */
static const char *const changes_chart_keys[] = {
  "share.social_rent", "affordable_share", "new_build_affordable_share", "diversity",
  "dissimilarity_social", "newcomer_share", NULL,
};

static GtkWidget *
group_new (WmIndicatorPanel *self, const char *title, GtkListBox **out_list)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *list = gtk_list_box_new ();

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (self->groups_box, box);
  *out_list = GTK_LIST_BOX (list);
  return box;
}

static void
add_row (WmIndicatorPanel *self, GtkListBox *list, const char *key, gboolean with_status)
{
  double value;

  /* Only keys the engine knows for this scope (some are for the whole neighbourhood only). */
  if (!wm_indicator_engine_lookup (self->engine, key, self->area_id, WM_INDICATOR_BASELINE, &value))
    return;
  gtk_list_box_append (list, indicator_row_new (self, key, TRUE)->row);
}

static GtkWidget *
segment_swatch_new (WmSegment segment)
{
  GtkWidget *swatch = gtk_label_new (NULL);
  GdkRGBA rgba;
  g_autofree char *markup = NULL;

  /* A coloured block character: cheap, and it scales with the text. */
  if (parse_colour (segment, &rgba))
    markup = g_strdup_printf ("<span foreground=\"#%02x%02x%02x\">■</span>",
                              (int) (rgba.red * 255), (int) (rgba.green * 255),
                              (int) (rgba.blue * 255));
  gtk_label_set_markup (GTK_LABEL (swatch), markup != NULL ? markup : "■");
  gtk_widget_add_css_class (swatch, "wm-swatch-glyph");
  return swatch;
}

/* --- editing the targets ----------------------------------------------------------------- */

/* Keeps the assumption line in step with the targets (undo changes them too). */
static void
wm_indicator_panel_sync_targets (WmIndicatorPanel *self)
{
  WmTargets *targets;

  if (self->engine == NULL || self->target_assumption == NULL)
    return;
  targets = wm_targets_get_for_plan (wm_indicator_engine_get_plan (self->engine));
  gtk_label_set_text (self->target_assumption,
                      wm_target_preset_assumption (wm_targets_get_preset (targets)));
}

/* Every key a band can be set for, in the panel's order. */
static GStrv
target_keys (WmIndicatorEngine *engine)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char *const *kinds = wm_indicator_engine_get_coverage_kinds (engine);

  for (int i = 0; i < WM_N_SEGMENTS; i++)
    {
      g_autofree char *key = g_strconcat ("share.", wm_segment_key (bar_order[i]), NULL);
      g_strv_builder_add (builder, key);
    }
  g_strv_builder_add (builder, "affordable_share");
  g_strv_builder_add (builder, "new_build_affordable_share");
  g_strv_builder_add (builder, "diversity");
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autofree char *key = g_strconcat ("coverage.", kinds[i], NULL);
      g_strv_builder_add (builder, key);
    }
  return g_strv_builder_end (builder);
}

static GtkWidget *
targets_editor_new (WmIndicatorPanel *self, GtkWidget *group)
{
  WmTargets *targets = wm_targets_get_for_plan (wm_indicator_engine_get_plan (self->engine));
  g_auto (GStrv) keys = target_keys (self->engine);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *editor = wm_targets_editor_new (targets, (const char *const *) keys);
  GtkWidget *assumption = gtk_label_new (NULL);

  /* The assumption behind the bands stays on screen, not only in the editor. */
  gtk_label_set_wrap (GTK_LABEL (assumption), TRUE);
  /* A long line must not widen the panel: it wraps to the width the rows give it. */
  gtk_label_set_max_width_chars (GTK_LABEL (assumption), 1);
  gtk_label_set_xalign (GTK_LABEL (assumption), 0);
  gtk_widget_add_css_class (assumption, "caption");
  gtk_widget_add_css_class (assumption, "dim-label");
  gtk_box_insert_child_after (GTK_BOX (group), assumption,
                              gtk_widget_get_first_child (group));
  self->target_assumption = GTK_LABEL (assumption);

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Edit Targets…"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("The municipality's targets for this project"));
  gtk_widget_set_margin_start (editor, 6);
  gtk_widget_set_margin_end (editor, 6);
  gtk_widget_set_margin_top (editor, 6);
  gtk_widget_set_margin_bottom (editor, 6);
  wm_targets_editor_set_history (WM_TARGETS_EDITOR (editor), self->history);
  gtk_popover_set_child (GTK_POPOVER (popover), editor);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_sensitive (button, self->history != NULL);
  self->targets_button = button;
  self->targets_editor = WM_TARGETS_EDITOR (editor);
  return button;
}

void
wm_indicator_panel_set_history (WmIndicatorPanel *self, WmHistory *history)
{
  g_return_if_fail (WM_IS_INDICATOR_PANEL (self));

  g_set_object (&self->history, history);
  if (self->targets_button != NULL)
    gtk_widget_set_sensitive (self->targets_button, history != NULL);
  if (self->targets_editor != NULL)
    wm_targets_editor_set_history (self->targets_editor, history);
}

static void
wm_indicator_panel_rebuild (WmIndicatorPanel *self)
{
  GtkWidget *child;
  GtkListBox *list;
  GtkWidget *group;
  WmPlan *plan;

  /* Rows first: an entry of the targets editor losing the focus on removal edits the targets,
   * and the refresh that follows must not reach widgets being removed. */
  g_ptr_array_set_size (self->rows, 0);
  self->targets_button = NULL;
  self->targets_editor = NULL;
  self->target_assumption = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  if (self->engine == NULL)
    return;
  plan = wm_indicator_engine_get_plan (self->engine);

  group_new (self, _("Housing segments"), &list);
  for (int i = 0; i < WM_N_SEGMENTS; i++)
    {
      g_autofree char *key = g_strconcat ("share.", wm_segment_key (bar_order[i]), NULL);
      g_autofree char *count_key = g_strconcat ("dwellings.", wm_segment_key (bar_order[i]), NULL);
      /* Social rent's band shows in the Targets group below. */
      IndicatorRow *row = indicator_row_new (self, count_key, i != 0);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row),
                                     wm_segment_table_get_name (wm_segment_table_get_default (),
                                                                bar_order[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row->row), segment_swatch_new (bar_order[i]));
      gtk_list_box_append (list, row->row);
      /* The share goes with the count, as a subtitle kept up to date in refresh. */
      g_free (row->status_key);
      row->status_key = g_strdup (key);
      g_object_set_data_full (G_OBJECT (row->row), "share-key", g_steal_pointer (&key), g_free);
    }

  group = group_new (self, _("Targets"), &list);
  add_row (self, list, "share.social_rent", TRUE);
  add_row (self, list, "affordable_share", FALSE);
  add_row (self, list, "new_build_affordable_share", TRUE);
  gtk_box_append (GTK_BOX (group), targets_editor_new (self, group));

  group_new (self, _("Mix and segregation"), &list);
  add_row (self, list, "diversity", FALSE);
  if (self->area_id == NULL)
    {
      const char *const *keys = wm_indicator_engine_get_keys (self->engine, TRUE);
      for (guint i = 0; keys[i] != NULL; i++)
        if (g_str_has_prefix (keys[i], "dissimilarity"))
          add_row (self, list, keys[i], FALSE);
    }

  group_new (self, _("Residents"), &list);
  add_row (self, list, "dwellings.affordable", FALSE);
  add_row (self, list, "households_to_rehouse", FALSE);
  add_row (self, list, "newcomer_share", FALSE);
  add_row (self, list, "residents", FALSE);

  group = group_new (self, _("Facilities within reach"), &list);
  {
    /* Above the rows, the shares now and after the plan side by side. */
    GtkWidget *coverage = wm_chart_view_new (WM_CHART_VIEW_COVERAGE);

    wm_chart_view_set_area (WM_CHART_VIEW (coverage), self->area_id);
    wm_chart_view_set_engine (WM_CHART_VIEW (coverage), self->engine);
    gtk_box_insert_child_after (GTK_BOX (group), coverage, gtk_widget_get_first_child (group));
  }
  {
    const char *const *kinds = wm_indicator_engine_get_coverage_kinds (self->engine);
    for (guint i = 0; kinds[i] != NULL; i++)
      {
        g_autofree char *key = g_strconcat ("coverage.", kinds[i], NULL);
        add_row (self, list, key, FALSE);
      }
  }

  gtk_widget_set_visible (self->notice, wm_plan_get_illustrative (plan));
  {
    g_auto (GStrv) lines = wm_demo_translate_attribution (wm_plan_get_attribution (plan));
    g_autofree char *text = g_strjoinv ("\n", lines);

    gtk_label_set_text (self->attribution, text);
  }
}

/* The indicators with a target band, for the chart over the years (the band drawn too). */
static void
fill_series_choice (WmIndicatorPanel *self)
{
  const char *current = NULL;
  g_autofree char *keep = NULL;
  guint selected = 0;

  if (self->series_keys->len > 0)
    {
      guint position = gtk_drop_down_get_selected (self->series_choice);

      if (position < self->series_keys->len)
        keep = g_strdup (g_ptr_array_index (self->series_keys, position));
    }
  current = keep != NULL ? keep : "share.social_rent";

  self->updating_series = TRUE;
  g_ptr_array_set_size (self->series_keys, 0);
  gtk_string_list_splice (self->series_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->series_names)), NULL);
  if (self->engine != NULL)
    {
      const char *const *keys = wm_indicator_engine_get_keys (self->engine, self->area_id == NULL);

      for (guint i = 0; keys[i] != NULL; i++)
        {
          WmTargetBand band;
          g_autofree char *label = NULL;

          if (!wm_indicator_engine_get_target (self->engine, keys[i], &band, NULL))
            continue;
          if (g_str_equal (keys[i], current))
            selected = self->series_keys->len;
          label = wm_indicator_engine_get_label (self->engine, keys[i]);
          g_ptr_array_add (self->series_keys, g_strdup (keys[i]));
          gtk_string_list_append (self->series_names, label);
        }
    }
  if (self->series_keys->len > 0)
    gtk_drop_down_set_selected (self->series_choice, selected);
  self->updating_series = FALSE;
  wm_chart_view_set_indicator (self->series_chart,
                               self->series_keys->len > 0
                                   ? g_ptr_array_index (self->series_keys, selected)
                                   : "share.social_rent");
}

static void
on_series_selected (WmIndicatorPanel *self)
{
  guint position = gtk_drop_down_get_selected (self->series_choice);

  if (self->updating_series || position >= self->series_keys->len)
    return;
  wm_chart_view_set_indicator (self->series_chart, g_ptr_array_index (self->series_keys, position));
}

void
wm_indicator_panel_show_rehousing (WmIndicatorPanel *self, const WmRehousingBalance *balance)
{
  g_autofree char *heading = NULL;
  g_autofree char *detail = NULL;
  int first_short = 0, last_short = 0;

  g_return_if_fail (WM_IS_INDICATOR_PANEL (self));

  for (guint i = 0; balance != NULL && i < balance->years->len; i++)
    {
      const WmRehousingYear *year = &g_array_index (balance->years, WmRehousingYear, i);

      if (year->shortfall <= 0)
        continue;
      if (first_short == 0)
        first_short = year->year;
      last_short = year->year;
    }
  gtk_widget_set_visible (self->rehousing_warning, first_short != 0);
  if (first_short == 0)
    {
      gtk_label_set_text (self->rehousing_heading, "");
      gtk_label_set_text (self->rehousing_detail, "");
      return;
    }

  if (first_short == last_short)
    /* Translators: a warning over the rehousing chart, e.g. "Too few homes to rehouse in
     * 2027". */
    heading = g_strdup_printf (_("Too few homes to rehouse in %d"), first_short);
  else
    /* Translators: e.g. "Too few homes to rehouse in 2026–2028". */
    heading = g_strdup_printf (_("Too few homes to rehouse in %d–%d"), first_short, last_short);
  /* The worst year in words; the chart shows the others. */
  {
    int worst = balance->largest_shortfall_year != 0 ? balance->largest_shortfall_year
                                                     : first_short;
    const WmRehousingYear *year = wm_rehousing_balance_get_year (balance, worst);

    detail = wm_rehousing_balance_describe_year (balance, worst);
    if (detail == NULL && year != NULL)
      /* Translators: the rehousing warning's detail when no fuller description is at hand,
       * e.g. "By the end of 2027, 36 more households must have moved than social-rent homes
       * are completed". */
      detail = g_strdup_printf (_("By the end of %d, %d more households must have moved than "
                                  "social-rent homes are completed"),
                                worst, (int) MIN (year->shortfall, G_MAXINT));
  }
  gtk_label_set_text (self->rehousing_heading, heading);
  gtk_label_set_text (self->rehousing_detail, detail != NULL ? detail : "");
}

const char *
wm_indicator_panel_get_rehousing_warning (WmIndicatorPanel *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_PANEL (self), NULL);

  return gtk_widget_get_visible (self->rehousing_warning)
             ? gtk_label_get_text (self->rehousing_heading) : NULL;
}

const char *
wm_indicator_panel_get_rehousing_detail (WmIndicatorPanel *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_PANEL (self), NULL);

  return gtk_widget_get_visible (self->rehousing_warning)
             ? gtk_label_get_text (self->rehousing_detail) : NULL;
}

gboolean
wm_indicator_panel_get_shows_years (WmIndicatorPanel *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_PANEL (self), FALSE);
  return gtk_widget_get_visible (self->years_box);
}

const char *
wm_indicator_panel_get_year_text (WmIndicatorPanel *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_PANEL (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->year_label))
             ? gtk_label_get_text (self->year_label) : NULL;
}

/* "As of 2031" over the figures, the charts over the years and the rehousing balance. */
static void
update_years (WmIndicatorPanel *self)
{
  WmPlan *plan = self->engine != NULL ? wm_indicator_engine_get_plan (self->engine) : NULL;
  WmScenario *scenario = self->engine != NULL ? wm_indicator_engine_get_scenario (self->engine)
                                              : NULL;
  int year = self->engine != NULL ? wm_indicator_engine_get_year (self->engine) : 0;
  gboolean dated = plan != NULL && scenario != NULL
                   && wm_timeline_get_range (plan, scenario, NULL, NULL);

  if (year != 0)
    {
      /* Translators: over the figures while they show one year of the plan. */
      g_autofree char *text = g_strdup_printf (_("As of %d"), year);

      gtk_label_set_text (self->year_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->year_label), year != 0);
  gtk_widget_set_visible (self->years_box, dated);
  if (self->updating_years)
    return;
  self->updating_years = TRUE;
  if (dated)
    {
      g_autoptr(WmRehousingBalance) balance = wm_rehousing_balance_new (self->engine, 0, 0);

      wm_indicator_panel_show_rehousing (self, balance);
    }
  else
    wm_indicator_panel_show_rehousing (self, NULL);
  self->updating_years = FALSE;
}

static void
wm_indicator_panel_refresh (WmIndicatorPanel *self)
{
  double baseline, projected;
  g_autofree char *headline = NULL;

  if (self->engine == NULL)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    {
      IndicatorRow *row = g_ptr_array_index (self->rows, i);
      const char *share_key = g_object_get_data (G_OBJECT (row->row), "share-key");

      indicator_row_update (self, row);
      if (share_key != NULL)
        {
          double b = panel_value (self, share_key, WM_INDICATOR_BASELINE);
          double p = panel_value (self, share_key, WM_INDICATOR_PROJECTED);
          g_autofree char *subtitle = NULL;

          if (isnan (b) && isnan (p))
            subtitle = g_strdup (_("No dwellings"));
          else if (isnan (b) || isnan (p))
            {
              g_autofree char *bs = format_value (FORMAT_SHARE, b);
              g_autofree char *ps = format_value (FORMAT_SHARE, p);

              /* Translators: "– → 25 % of the dwellings" (– where there were none) */
              subtitle = g_strdup_printf (_("%s → %s of the dwellings"), bs, ps);
            }
          else if (fabs (b - p) < 0.0005)
            subtitle = g_strdup_printf (_("%.0f %% of the dwellings"), 100.0 * p);
          else
            subtitle = g_strdup_printf (_("%.0f %% → %.0f %% of the dwellings"), 100.0 * b,
                                        100.0 * p);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), subtitle);
        }
    }

  baseline = wm_indicator_engine_get (self->engine, "dwellings", self->area_id,
                                      WM_INDICATOR_BASELINE);
  projected = wm_indicator_engine_get (self->engine, "dwellings", self->area_id,
                                       WM_INDICATOR_PROJECTED);
  if (baseline == projected)
    headline = g_strdup_printf (_("%.0f dwellings"), projected);
  else
    headline = g_strdup_printf (_("%.0f → %.0f dwellings"), baseline, projected);
  gtk_label_set_text (self->headline_value, headline);
  set_chip (self->headline_chip, FORMAT_COUNT, projected - baseline);
  wm_indicator_panel_sync_targets (self);
  update_years (self);
}

/* BAG has no tenure: where the split over segments is an estimate (or comes from the
 * corporation), the panel says so above the figures. Counted when the buildings change (an
 * import or its undo), not on every edit. */
static void
update_tenure_notice (WmIndicatorPanel *self)
{
  /* The same sentences as the report and the CLI (wm-tenure-estimate.c). */
  g_autofree char *text = self->plan != NULL ? wm_tenure_describe (self->plan) : NULL;

  gtk_label_set_text (self->tenure_label, text != NULL ? text : "");
  gtk_widget_set_visible (self->tenure_notice, text != NULL);
}

const char *
wm_indicator_panel_get_tenure_text (WmIndicatorPanel *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_PANEL (self), NULL);
  return gtk_widget_get_visible (self->tenure_notice) ? gtk_label_get_text (self->tenure_label)
                                                      : NULL;
}

static void wm_indicator_panel_fill_scope (WmIndicatorPanel *self);

static void
on_buildings_changed (WmIndicatorPanel *self)
{
  /* An import replaces the whole baseline: counted once, when it is complete. */
  if (!wm_plan_get_replacing_baseline (self->plan))
    update_tenure_notice (self);
}

static void
on_areas_changed (WmIndicatorPanel *self)
{
  if (wm_plan_get_replacing_baseline (self->plan))
    return;
  /* Areas imported into an open project can be chosen at once. */
  wm_indicator_panel_fill_scope (self);
  wm_indicator_panel_rebuild (self);
  wm_indicator_panel_refresh (self);
}

static void
on_baseline_replaced (WmIndicatorPanel *self)
{
  update_tenure_notice (self);
  on_areas_changed (self);
}

static void
watch_plan (WmIndicatorPanel *self, WmPlan *plan)
{
  if (self->plan != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->buildings, self);
      g_signal_handlers_disconnect_by_data (self->areas, self);
      g_signal_handlers_disconnect_by_data (self->plan, self);
    }
  g_clear_object (&self->buildings);
  g_clear_object (&self->areas);
  g_clear_object (&self->plan);
  if (plan != NULL)
    {
      self->plan = g_object_ref (plan);
      self->buildings = g_object_ref (wm_plan_get_buildings (plan));
      self->areas = g_object_ref (wm_plan_get_areas (plan));
      g_signal_connect_swapped (self->buildings, "items-changed",
                                G_CALLBACK (on_buildings_changed), self);
      g_signal_connect_swapped (self->areas, "items-changed", G_CALLBACK (on_areas_changed), self);
      g_signal_connect_swapped (plan, "baseline-replaced", G_CALLBACK (on_baseline_replaced),
                                self);
      /* A year edited moves no count, so the engine may say nothing; the engine heard the plan
       * first (it was made before the panel was given it). */
      g_signal_connect_swapped (plan, "changed", G_CALLBACK (update_years), self);
    }
  update_tenure_notice (self);
}

static void
wm_indicator_panel_fill_scope (WmIndicatorPanel *self)
{
  GListModel *areas;
  guint selected = 0;

  self->updating_scope = TRUE;
  gtk_string_list_splice (self->scope_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->scope_names)), NULL);
  g_ptr_array_set_size (self->area_ids, 0);
  gtk_string_list_append (self->scope_names, _("Whole neighbourhood"));
  g_ptr_array_add (self->area_ids, NULL);
  if (self->engine != NULL)
    {
      areas = wm_plan_get_areas (wm_indicator_engine_get_plan (self->engine));
      for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
        {
          g_autoptr (WmArea) area = g_list_model_get_item (areas, i);
          gtk_string_list_append (self->scope_names, wm_area_get_name (area));
          g_ptr_array_add (self->area_ids, g_strdup (wm_area_get_id (area)));
          if (g_strcmp0 (self->area_id, wm_area_get_id (area)) == 0)
            selected = i + 1;
        }
      /* Dwellings outside every area are shown, not left out (D across the areas counts them
       * as one unit of their own). */
      gtk_string_list_append (self->scope_names, _("Outside the areas"));
      g_ptr_array_add (self->area_ids, g_strdup (WM_INDICATOR_AREA_OUTSIDE));
      if (g_strcmp0 (self->area_id, WM_INDICATOR_AREA_OUTSIDE) == 0)
        selected = self->area_ids->len - 1;
    }
  gtk_drop_down_set_selected (self->scope, selected);
  self->updating_scope = FALSE;
}

void
wm_indicator_panel_set_area (WmIndicatorPanel *self, const char *area_id)
{
  g_return_if_fail (WM_IS_INDICATOR_PANEL (self));

  if (g_strcmp0 (self->area_id, area_id) == 0)
    return;
  g_free (self->area_id);
  self->area_id = g_strdup (area_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA]);
  wm_chart_view_set_area (self->mix_chart, area_id);
  wm_chart_view_set_area (self->changes_chart, area_id);
  wm_chart_view_set_area (self->series_chart, area_id);
  fill_series_choice (self);
  if (!self->updating_scope)
    {
      guint position = 0;
      for (guint i = 1; i < self->area_ids->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->area_ids, i), area_id) == 0)
          position = i;
      self->updating_scope = TRUE;
      gtk_drop_down_set_selected (self->scope, position);
      self->updating_scope = FALSE;
    }
  wm_indicator_panel_rebuild (self);
  wm_indicator_panel_refresh (self);
}

const char *
wm_indicator_panel_get_area (WmIndicatorPanel *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_PANEL (self), NULL);
  return self->area_id;
}

static void
on_scope_selected (WmIndicatorPanel *self)
{
  guint position = gtk_drop_down_get_selected (self->scope);

  if (self->updating_scope || position >= self->area_ids->len)
    return;
  self->updating_scope = TRUE;
  wm_indicator_panel_set_area (self, g_ptr_array_index (self->area_ids, position));
  self->updating_scope = FALSE;
}

void
wm_indicator_panel_set_engine (WmIndicatorPanel *self, WmIndicatorEngine *engine)
{
  g_return_if_fail (WM_IS_INDICATOR_PANEL (self));

  if (self->engine == engine)
    return;
  g_clear_signal_handler (&self->changed_id, self->engine);
  g_clear_signal_handler (&self->year_id, self->engine);
  g_set_object (&self->engine, engine);
  if (self->area_id != NULL)
    {
      g_clear_pointer (&self->area_id, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA]);
    }
  wm_chart_view_set_area (self->mix_chart, NULL);
  wm_chart_view_set_area (self->changes_chart, NULL);
  wm_chart_view_set_area (self->series_chart, NULL);
  wm_chart_view_set_engine (self->mix_chart, engine);
  wm_chart_view_set_engine (self->changes_chart, engine);
  wm_chart_view_set_engine (self->series_chart, engine);
  wm_chart_view_set_engine (self->rehousing_chart, engine);
  gtk_widget_set_visible (self->changes_heading, engine != NULL);
  if (engine != NULL)
    {
      self->changed_id = g_signal_connect_object (engine, "changed",
                                                  G_CALLBACK (wm_indicator_panel_refresh), self,
                                                  G_CONNECT_SWAPPED);
      /* "As of" follows the year also where no count changes. */
      self->year_id = g_signal_connect_object (engine, "notify::year",
                                               G_CALLBACK (update_years), self,
                                               G_CONNECT_SWAPPED);
    }
  fill_series_choice (self);
  watch_plan (self, engine != NULL ? wm_indicator_engine_get_plan (engine) : NULL);
  wm_indicator_panel_fill_scope (self);
  wm_indicator_panel_rebuild (self);
  wm_indicator_panel_refresh (self);
}

WmIndicatorEngine *
wm_indicator_panel_get_engine (WmIndicatorPanel *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_PANEL (self), NULL);
  return self->engine;
}

const char *
wm_indicator_panel_get_status_text (WmIndicatorPanel *self, const char *key)
{
  g_return_val_if_fail (WM_IS_INDICATOR_PANEL (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      IndicatorRow *row = g_ptr_array_index (self->rows, i);
      if (g_str_equal (row->status_key, key) && row->status_label != NULL
          && gtk_widget_get_visible (GTK_WIDGET (row->status_label)))
        return gtk_label_get_text (row->status_label);
    }
  return NULL;
}

gboolean
wm_indicator_panel_show_contributions (WmIndicatorPanel *self, const char *key)
{
  g_return_val_if_fail (WM_IS_INDICATOR_PANEL (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      IndicatorRow *row = g_ptr_array_index (self->rows, i);

      if (g_str_equal (row->key, key))
        {
          g_signal_emit_by_name (row->row, "activated");
          return TRUE;
        }
    }
  return FALSE;
}

const char *
wm_indicator_panel_get_change_text (WmIndicatorPanel *self, const char *key)
{
  g_return_val_if_fail (WM_IS_INDICATOR_PANEL (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      IndicatorRow *row = g_ptr_array_index (self->rows, i);

      if (g_str_equal (row->key, key))
        return gtk_widget_get_visible (GTK_WIDGET (row->chip)) ? gtk_label_get_text (row->chip)
                                                               : NULL;
    }
  return NULL;
}

const char *
wm_indicator_panel_get_assumption_text (WmIndicatorPanel *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_PANEL (self), NULL);

  return self->target_assumption != NULL ? gtk_label_get_text (self->target_assumption) : NULL;
}

const char *
wm_indicator_panel_get_value_text (WmIndicatorPanel *self, const char *key)
{
  g_return_val_if_fail (WM_IS_INDICATOR_PANEL (self), NULL);

  if (g_strcmp0 (key, "headline") == 0)
    return gtk_label_get_text (self->headline_value);
  for (guint i = 0; i < self->rows->len; i++)
    {
      IndicatorRow *row = g_ptr_array_index (self->rows, i);
      if (g_str_equal (row->key, key))
        return gtk_label_get_text (row->value_label);
    }
  return NULL;
}

static void
wm_indicator_panel_dispose (GObject *object)
{
  WmIndicatorPanel *self = WM_INDICATOR_PANEL (object);

  g_clear_signal_handler (&self->changed_id, self->engine);
  g_clear_signal_handler (&self->year_id, self->engine);
  if (self->plan != NULL)
    watch_plan (self, NULL);
  g_clear_object (&self->engine);
  g_clear_object (&self->history);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->area_ids, g_ptr_array_unref);
  g_clear_pointer (&self->series_keys, g_ptr_array_unref);
  g_clear_pointer (&self->area_id, g_free);

  G_OBJECT_CLASS (wm_indicator_panel_parent_class)->dispose (object);
}

static void
wm_indicator_panel_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  WmIndicatorPanel *self = WM_INDICATOR_PANEL (object);

  switch (prop_id)
    {
    case PROP_AREA:
      g_value_set_string (value, self->area_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_indicator_panel_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  WmIndicatorPanel *self = WM_INDICATOR_PANEL (object);

  switch (prop_id)
    {
    case PROP_AREA:
      wm_indicator_panel_set_area (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_indicator_panel_class_init (WmIndicatorPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_indicator_panel_dispose;
  object_class->get_property = wm_indicator_panel_get_property;
  object_class->set_property = wm_indicator_panel_set_property;

  /* The area the panel shows (NULL: the whole neighbourhood). */
  properties[PROP_AREA] = g_param_spec_string ("area", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                   | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_indicator_panel_init (WmIndicatorPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *headline_box, *label, *image;

  self->rows = g_ptr_array_new_with_free_func (indicator_row_free);
  self->area_ids = g_ptr_array_new_with_free_func (g_free);
  self->series_keys = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  adw_bin_set_child (ADW_BIN (self), box);

  self->notice = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->notice, "card");
  gtk_widget_add_css_class (self->notice, "wm-notice");
  image = gtk_image_new_from_icon_name ("dialog-information-symbolic");
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  label = gtk_label_new (_("Demo neighbourhood: the buildings, roads and street names are real, "
                           "the dwelling figures, housing segments, areas and facilities are "
                           "illustrative."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (self->notice), image);
  gtk_box_append (GTK_BOX (self->notice), label);
  gtk_widget_set_visible (self->notice, FALSE);
  gtk_box_append (GTK_BOX (box), self->notice);

  self->tenure_notice = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->tenure_notice, "card");
  gtk_widget_add_css_class (self->tenure_notice, "wm-notice");
  image = gtk_image_new_from_icon_name ("dialog-information-symbolic");
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  self->tenure_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->tenure_label, TRUE);
  gtk_label_set_xalign (self->tenure_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->tenure_label), TRUE);
  gtk_box_append (GTK_BOX (self->tenure_notice), image);
  gtk_box_append (GTK_BOX (self->tenure_notice), GTK_WIDGET (self->tenure_label));
  gtk_widget_set_visible (self->tenure_notice, FALSE);
  gtk_box_append (GTK_BOX (box), self->tenure_notice);

  self->scope_names = gtk_string_list_new (NULL);
  self->scope = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->scope_names), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->scope),
                               _("Show the figures of the whole neighbourhood or of one area"));
  g_signal_connect_swapped (self->scope, "notify::selected", G_CALLBACK (on_scope_selected), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->scope));

  /* Nobody should take the figures of a year for the whole plan. */
  self->year_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->year_label), "title-4");
  gtk_widget_add_css_class (GTK_WIDGET (self->year_label), "accent");
  gtk_label_set_xalign (self->year_label, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->year_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->year_label));

  headline_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->headline_value = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->headline_value), "title-2");
  gtk_widget_add_css_class (GTK_WIDGET (self->headline_value), "wm-figure");
  gtk_label_set_xalign (self->headline_value, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->headline_value), TRUE);
  self->headline_chip = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->headline_chip), "wm-chip");
  gtk_widget_set_valign (GTK_WIDGET (self->headline_chip), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (headline_box), GTK_WIDGET (self->headline_value));
  gtk_box_append (GTK_BOX (headline_box), GTK_WIDGET (self->headline_chip));
  gtk_box_append (GTK_BOX (box), headline_box);

  /* The charts copy their figures from the engine on its "changed", as the rows do. */
  self->mix_chart = WM_CHART_VIEW (wm_chart_view_new (WM_CHART_VIEW_MIX));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mix_chart),
                               _("Housing segments now and after the plan; the brackets are the "
                                 "target bands"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->mix_chart));

  self->changes_heading = gtk_label_new (_("Change by the plan"));
  gtk_widget_add_css_class (self->changes_heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->changes_heading), 0);
  gtk_widget_set_visible (self->changes_heading, FALSE);
  gtk_box_append (GTK_BOX (box), self->changes_heading);
  self->changes_chart = WM_CHART_VIEW (wm_chart_view_new (WM_CHART_VIEW_CHANGES));
  wm_chart_view_set_keys (self->changes_chart, changes_chart_keys);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->changes_chart));

  /* The plan over the years: one indicator with its band, and the rehousing balance. */
  self->years_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_visible (self->years_box, FALSE);
  gtk_box_append (GTK_BOX (box), self->years_box);
  label = gtk_label_new (_("Over the years"));
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (self->years_box), label);
  self->series_names = gtk_string_list_new (NULL);
  self->series_choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->series_names),
                                                          NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->series_choice),
                               _("The figure followed over the years, with its target band"));
  g_signal_connect_swapped (self->series_choice, "notify::selected",
                            G_CALLBACK (on_series_selected), self);
  gtk_box_append (GTK_BOX (self->years_box), GTK_WIDGET (self->series_choice));
  self->series_chart = WM_CHART_VIEW (wm_chart_view_new (WM_CHART_VIEW_SERIES));
  gtk_box_append (GTK_BOX (self->years_box), GTK_WIDGET (self->series_chart));

  label = gtk_label_new (_("Rehousing"));
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (self->years_box), label);
  label = gtk_label_new (_("Households that must move when the works start, against the "
                           "social-rent homes completed"));
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (self->years_box), label);
  self->rehousing_warning = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->rehousing_warning, "card");
  gtk_widget_add_css_class (self->rehousing_warning, "wm-notice");
  gtk_widget_add_css_class (self->rehousing_warning, "warning");
  image = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->rehousing_warning), image);
  {
    GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

    self->rehousing_heading = GTK_LABEL (gtk_label_new (NULL));
    gtk_widget_add_css_class (GTK_WIDGET (self->rehousing_heading), "heading");
    gtk_label_set_wrap (self->rehousing_heading, TRUE);
    gtk_label_set_xalign (self->rehousing_heading, 0);
    self->rehousing_detail = GTK_LABEL (gtk_label_new (NULL));
    gtk_label_set_wrap (self->rehousing_detail, TRUE);
    gtk_label_set_xalign (self->rehousing_detail, 0);
    gtk_widget_set_hexpand (texts, TRUE);
    gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->rehousing_heading));
    gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->rehousing_detail));
    gtk_box_append (GTK_BOX (self->rehousing_warning), texts);
  }
  gtk_widget_set_visible (self->rehousing_warning, FALSE);
  gtk_box_append (GTK_BOX (self->years_box), self->rehousing_warning);
  self->rehousing_chart = WM_CHART_VIEW (wm_chart_view_new (WM_CHART_VIEW_REHOUSING));
  gtk_box_append (GTK_BOX (self->years_box), GTK_WIDGET (self->rehousing_chart));

  self->groups_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->groups_box));

  self->attribution = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->attribution, TRUE);
  gtk_label_set_xalign (self->attribution, 0);
  gtk_label_set_selectable (self->attribution, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->attribution), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->attribution), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->attribution));
}

GtkWidget *
wm_indicator_panel_new (void)
{
  return g_object_new (WM_TYPE_INDICATOR_PANEL, NULL);
}
