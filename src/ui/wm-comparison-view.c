/* wm-comparison-view.c: the baseline and the scenarios of a plan side by side, in a window */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "wm-comparison-view.h"
#include "wm-map-scene.h"
#include "wm-render-format.h"
#include "wm-timeline.h"

/* Small maps: big enough to tell the variants apart on a projector. */
#define MAP_WIDTH 200
#define MAP_HEIGHT 150
#define COLUMN_WIDTH 200
#define LABEL_WIDTH 260
#define N_MOVES 5

typedef struct
{
  char *value;
  char *change;
  char *label; /* accessible */
  gboolean best;
} Cell;

typedef struct
{
  WmScenario *scenario; /* NULL: the baseline */
  GdkPaintable *texture;
  GtkWidget *stack;
  GtkPicture *picture;
  gboolean pending;
} MapSlot;

struct _WmComparisonView
{
  AdwWindow parent_instance;

  WmDocument *document;
  WmPlan *plan;
  GPtrArray *chosen; /* WmScenario the user chose to show, NULL: the first ones */
  int year;
  WmScenario *diff_a;
  WmScenario *diff_b;
  char *series_key;

  WmScenarioComparison *comparison;
  WmScenarioComparison *pair; /* diff_a and diff_b, for the indicators that move most */
  WmScenarioDiff *diff;
  GHashTable *cells;          /* key -> GPtrArray of Cell, column 0 the baseline */
  GPtrArray *diff_titles[4];  /* char *, per WmComparisonViewList */
  WmIndicatorEngine *own_engine;
  guint refresh_id;
  gboolean updating;          /* widgets set from the model, not by the user */

  GPtrArray *maps;            /* MapSlot */
  guint maps_generation;
  GCancellable *maps_cancellable;

  AdwWindowTitle *title;
  GtkWidget *shown_button;
  GtkWidget *shown_box;
  GtkWidget *year_box;
  GtkDropDown *year_dropdown;
  GtkStringList *year_names;
  int first_year, last_year;
  GtkWidget *table;
  GtkWidget *one_notice;
  GtkWidget *diff_group;
  GtkDropDown *diff_a_dropdown;
  GtkDropDown *diff_b_dropdown;
  GtkStringList *diff_names;
  GtkWidget *diff_content;
  GtkWidget *series_group;
  GtkDropDown *series_dropdown;
  GtkStringList *series_names;
  GPtrArray *series_keys;     /* char *, the dropdown's keys */
  WmChartView *series_chart;
};

G_DEFINE_FINAL_TYPE (WmComparisonView, wm_comparison_view, ADW_TYPE_WINDOW)

enum
{
  REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void queue_refresh (WmComparisonView *self);

/* Formatting */

static char *
format_value (const char *key, double value)
{
  if (isnan (value))
    return g_strdup ("–");
  switch (wm_indicator_key_scale (key))
    {
    case WM_INDICATOR_SCALE_SHARE:
      return wm_render_format_percent (value, 1);
    case WM_INDICATOR_SCALE_INDEX:
      return wm_render_format_number (value, 2);
    case WM_INDICATOR_SCALE_COUNT:
    default:
      return wm_render_format_number (value, 0);
    }
}

/* "+3.5 pt", "−0.05", "+12"; "±0" when nothing changed at the shown precision; "" for NAN. */
static char *
format_change (const char *key, double delta)
{
  WmIndicatorScale scale = wm_indicator_key_scale (key);
  int decimals = scale == WM_INDICATOR_SCALE_SHARE ? 1 : scale == WM_INDICATOR_SCALE_INDEX ? 2 : 0;
  double magnitude = fabs (delta) * (scale == WM_INDICATOR_SCALE_SHARE ? 100.0 : 1.0);
  g_autofree char *digits = NULL;
  const char *sign = delta > 0 ? "+" : "−";

  if (isnan (delta))
    return g_strdup ("");
  if (round (magnitude * pow (10, decimals)) == 0)
    return g_strdup ("±0");
  digits = wm_render_format_number (magnitude, decimals);
  if (scale == WM_INDICATOR_SCALE_SHARE)
    /* Translators: a change in percentage points, e.g. "+3.5 pt" */
    return g_strdup_printf (_("%s%s pt"), sign, digits);
  return g_strdup_printf ("%s%s", sign, digits);
}

static const char *
verdict_text (WmTargetVerdict verdict)
{
  switch (verdict)
    {
    case WM_TARGET_VERDICT_WITHIN:
      return _("Within target");
    case WM_TARGET_VERDICT_CLOSE_TO_MINIMUM:
      return _("Just below target");
    case WM_TARGET_VERDICT_BELOW_MINIMUM:
      return _("Below target");
    case WM_TARGET_VERDICT_CLOSE_TO_MAXIMUM:
      return _("Just above target");
    case WM_TARGET_VERDICT_ABOVE_MAXIMUM:
      return _("Above target");
    case WM_TARGET_VERDICT_NONE:
    default:
      return NULL;
    }
}

static const char *
verdict_icon (WmTargetVerdict verdict)
{
  switch (verdict)
    {
    case WM_TARGET_VERDICT_WITHIN:
      return "emblem-ok-symbolic";
    case WM_TARGET_VERDICT_CLOSE_TO_MINIMUM:
    case WM_TARGET_VERDICT_CLOSE_TO_MAXIMUM:
      return "dialog-warning-symbolic";
    case WM_TARGET_VERDICT_BELOW_MINIMUM:
      return "go-down-symbolic";
    case WM_TARGET_VERDICT_ABOVE_MAXIMUM:
    default:
      return "go-up-symbolic";
    }
}

static const char *
verdict_class (WmTargetVerdict verdict)
{
  if (verdict == WM_TARGET_VERDICT_WITHIN)
    return "success";
  if (verdict == WM_TARGET_VERDICT_CLOSE_TO_MINIMUM || verdict == WM_TARGET_VERDICT_CLOSE_TO_MAXIMUM)
    return "warning";
  return "error";
}

static const char *
proposal_title (WmProposal *proposal)
{
  const char *name = wm_proposal_get_name (proposal);

  return name != NULL && *name != '\0' ? name
                                       : wm_proposal_kind_label (wm_proposal_get_kind (proposal));
}

/* Cells */

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  g_free (cell->value);
  g_free (cell->change);
  g_free (cell->label);
  g_free (cell);
}

static const Cell *
find_cell (WmComparisonView *self, const char *key, guint column)
{
  GPtrArray *row;

  g_return_val_if_fail (WM_IS_COMPARISON_VIEW (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  row = self->cells != NULL ? g_hash_table_lookup (self->cells, key) : NULL;
  if (row == NULL || column >= row->len)
    return NULL;
  return g_ptr_array_index (row, column);
}

static Cell *
add_cell (WmComparisonView *self, const char *key, char *value, char *change, char *label,
          gboolean best)
{
  GPtrArray *row = g_hash_table_lookup (self->cells, key);
  Cell *cell = g_new0 (Cell, 1);

  if (row == NULL)
    {
      row = g_ptr_array_new_with_free_func (cell_free);
      g_hash_table_insert (self->cells, g_strdup (key), row);
    }
  cell->value = value;
  cell->change = change;
  cell->label = label;
  cell->best = best;
  g_ptr_array_add (row, cell);
  return cell;
}

/* Table widgets: a box of rows, each a box of cells, with the roles a screen reader reads as a
 * table. */

static GtkWidget *
new_box (GtkOrientation orientation, int spacing, GtkAccessibleRole role)
{
  return g_object_new (GTK_TYPE_BOX, "orientation", orientation, "spacing", spacing,
                       "accessible-role", role, NULL);
}

static GtkWidget *
new_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* For a horizontal box: GTK 4.8 measures a wrapping label beside an icon inconsistently. */
static GtkWidget *
new_short_label (const char *text, const char *css_class)
{
  GtkWidget *label = new_label (text, css_class);

  gtk_label_set_wrap (GTK_LABEL (label), FALSE);
  return label;
}

/* A row of the table being built: its cells go into the grid side by side. */
typedef struct
{
  GtkGrid *grid;
  int index;
  int next_column;
  const char *css_class; /* for every cell of the row, may be NULL */
} TableRow;

static TableRow
new_row (WmComparisonView *self, guint index, const char *css_class)
{
  TableRow row = { GTK_GRID (self->table), (int) index, 0, css_class };

  return row;
}

static GtkWidget *
new_cell (TableRow *row, GtkAccessibleRole role, int width)
{
  GtkWidget *cell = new_box (GTK_ORIENTATION_VERTICAL, 2, role);

  gtk_widget_add_css_class (cell, "wm-compare-cell");
  /* Striped by row, so a line is easy to follow across. */
  if (row->index % 2 == 1)
    gtk_widget_add_css_class (cell, "wm-compare-odd");
  if (row->css_class != NULL)
    gtk_widget_add_css_class (cell, row->css_class);
  gtk_widget_set_size_request (cell, width, -1);
  gtk_grid_attach (row->grid, cell, row->next_column++, row->index, 1, 1);
  return cell;
}

static const char *
column_name (WmComparisonView *self, guint column)
{
  if (column == 0)
    return _("Baseline");
  return wm_scenario_get_name (
    g_array_index (self->comparison->scenarios, WmComparisonScenario, column - 1).scenario);
}

/* One value cell: the figure, its change in smaller dim type, the verdict in words with an
 * icon, and a star where it is closest to the target. */
static void
fill_value_cell (WmComparisonView *self, GtkWidget *cell, const WmComparisonRow *row,
                 guint column)
{
  const WmComparisonCell *c = column > 0 ? &g_array_index (row->cells, WmComparisonCell, column - 1)
                                         : NULL;
  double value = c != NULL ? c->value : row->baseline;
  gboolean best = c != NULL && c->best;
  char *value_text = format_value (row->key, value);
  char *change_text = c != NULL ? format_change (row->key, c->difference) : g_strdup ("");
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *value_label = new_short_label (value_text, "wm-compare-value");
  g_autoptr (GString) label = g_string_new (NULL);

  /* Translators: a cell of the comparison read aloud: the column (a scenario or "Baseline"),
   * the indicator, then its value, e.g. "Plan A, Share of social rent: 32.5%" */
  g_string_append_printf (label, _("%s, %s: %s"), column_name (self, column), row->label,
                          value_text);
  gtk_box_append (GTK_BOX (line), value_label);
  if (best)
    {
      GtkWidget *star = gtk_image_new_from_icon_name ("starred-symbolic");

      gtk_widget_add_css_class (value_label, "wm-compare-best");
      gtk_widget_set_tooltip_text (star, _("Closest to the target"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Closest to the target"), -1);
      gtk_widget_add_css_class (star, "wm-compare-star");
      gtk_box_append (GTK_BOX (line), star);
    }
  gtk_box_append (GTK_BOX (cell), line);
  if (*change_text != '\0')
    {
      GtkWidget *change = new_label (change_text, "wm-compare-change");

      /* Translators: after a value read aloud, e.g. ", +3.5 pt against the baseline" */
      g_string_append_printf (label, _(", %s against the baseline"), change_text);
      gtk_widget_add_css_class (change, "dim-label");
      gtk_box_append (GTK_BOX (cell), change);
    }
  if (c != NULL && row->has_band && verdict_text (c->verdict) != NULL)
    {
      GtkWidget *status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *icon = gtk_image_new_from_icon_name (verdict_icon (c->verdict));
      g_autofree char *full = wm_target_verdict_describe (c->verdict, &row->band,
                                                          wm_target_key_is_index (row->key));

      gtk_widget_add_css_class (status, "wm-status");
      gtk_widget_add_css_class (status, verdict_class (c->verdict));
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (status), icon);
      gtk_box_append (GTK_BOX (status), new_short_label (verdict_text (c->verdict), NULL));
      gtk_widget_set_tooltip_text (status, full);
      gtk_box_append (GTK_BOX (cell), status);
      g_string_append_printf (label, ", %s", full);
    }
  if (best)
    /* Translators: at the end of a cell read aloud */
    g_string_append (label, _(", closest to the target"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, label->str,
                                  -1);
  add_cell (self, row->key, value_text, change_text, g_string_free (g_steal_pointer (&label), FALSE),
            best);
}

static void
fill_row_header (GtkWidget *cell, const char *title, const char *subtitle)
{
  gtk_box_append (GTK_BOX (cell), new_label (title, "wm-compare-row-title"));
  if (subtitle != NULL)
    {
      GtkWidget *sub = new_label (subtitle, "wm-compare-change");

      gtk_widget_add_css_class (sub, "dim-label");
      gtk_box_append (GTK_BOX (cell), sub);
    }
}

/* Maps */

typedef struct
{
  WmMapScene *scene;
  int width, height; /* device pixels */
  guint column;
  guint generation;
} MapJob;

static void
map_job_free (gpointer data)
{
  MapJob *job = data;

  wm_map_scene_unref (job->scene);
  g_free (job);
}

static void
draw_map_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  MapJob *job = data;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->width,
                                                         job->height);
  cairo_t *cr = cairo_create (surface);
  WmMapTransform transform;
  WmBounds bounds = wm_map_scene_get_bounds (job->scene);
  GBytes *bytes;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  wm_map_transform_init_for_bounds (&transform, &bounds, job->width, job->height,
                                    job->width / 40.0);
  wm_map_scene_draw (job->scene, cr, &transform, job->width, job->height,
                     WM_MAP_SCENE_BASE_AUTO);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * job->height);
  g_object_set_data_full (G_OBJECT (task), "wm-stride",
                          GINT_TO_POINTER (cairo_image_surface_get_stride (surface)), NULL);
  cairo_surface_destroy (surface);
  g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/* The task holds the view weakly: a closed window goes at once, its maps are dropped. */
static void
on_map_drawn (GObject *source, GAsyncResult *result, gpointer data)
{
  GWeakRef *weak = data;
  g_autoptr (WmComparisonView) self = g_weak_ref_get (weak);
  GTask *task = G_TASK (result);
  MapJob *job = g_task_get_task_data (task);
  g_autoptr (GBytes) bytes = g_task_propagate_pointer (task, NULL);
  g_autoptr (GdkTexture) texture = NULL;
  MapSlot *slot;

  g_weak_ref_clear (weak);
  g_free (weak);
  if (self == NULL || bytes == NULL || self->maps == NULL || job->generation != self->maps_generation
      || job->column >= self->maps->len)
    return;
  slot = g_ptr_array_index (self->maps, job->column);
  texture = gdk_memory_texture_new (job->width, job->height, GDK_MEMORY_DEFAULT, bytes,
                                    GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task),
                                                                        "wm-stride")));
  g_set_object (&slot->texture, GDK_PAINTABLE (texture));
  slot->pending = FALSE;
  gtk_picture_set_paintable (slot->picture, slot->texture);
  gtk_stack_set_visible_child_name (GTK_STACK (slot->stack), "map");
}

static void
map_slot_free (gpointer data)
{
  MapSlot *slot = data;

  g_clear_object (&slot->scenario);
  g_clear_object (&slot->texture);
  g_free (slot);
}

/* The maps row: the last picture of each variant stays until its new one is drawn. */
static void
add_maps_row (WmComparisonView *self, guint index, guint n_columns)
{
  TableRow row = new_row (self, index, NULL);
  GtkWidget *header = new_cell (&row, GTK_ACCESSIBLE_ROLE_ROW_HEADER, LABEL_WIDTH);
  g_autoptr (GPtrArray) old = g_steal_pointer (&self->maps);
  int scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));

  g_autofree char *about = self->year != WM_INDICATOR_ALL_YEARS
    /* Translators: under "Map" in the comparison, e.g. "Housing at the end of 2028; …" */
    ? g_strdup_printf (_("Housing at the end of %d; the baseline as it is"), self->year)
    : g_strdup (_("Housing after the plan; the baseline as it is"));

  fill_row_header (header, _("Map"), about);
  g_cancellable_cancel (self->maps_cancellable);
  g_clear_object (&self->maps_cancellable);
  self->maps_cancellable = g_cancellable_new ();
  self->maps_generation++;
  self->maps = g_ptr_array_new_with_free_func (map_slot_free);
  for (guint column = 0; column < n_columns; column++)
    {
      GtkWidget *cell = new_cell (&row, GTK_ACCESSIBLE_ROLE_CELL, COLUMN_WIDTH);
      MapSlot *slot = g_new0 (MapSlot, 1);
      GtkWidget *drawing = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *spinner = gtk_spinner_new ();
      WmMapSceneOptions options;
      g_autoptr (GTask) task = NULL;
      MapJob *job;
      g_autofree char *alt = NULL;

      slot->scenario = column > 0
                         ? g_object_ref (g_array_index (self->comparison->scenarios,
                                                        WmComparisonScenario, column - 1).scenario)
                         : NULL;
      for (guint i = 0; old != NULL && i < old->len; i++)
        {
          MapSlot *o = g_ptr_array_index (old, i);

          if (o->scenario == slot->scenario && o->texture != NULL)
            slot->texture = g_object_ref (o->texture);
        }
      slot->stack = gtk_stack_new ();
      gtk_widget_set_size_request (slot->stack, MAP_WIDTH, MAP_HEIGHT);
      gtk_widget_add_css_class (slot->stack, "wm-compare-map");
      gtk_widget_set_overflow (slot->stack, GTK_OVERFLOW_HIDDEN);
      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_widget_set_valign (drawing, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (drawing), spinner);
      gtk_box_append (GTK_BOX (drawing), new_label (_("Drawing the map…"), "dim-label"));
      gtk_widget_set_halign (gtk_widget_get_last_child (drawing), GTK_ALIGN_CENTER);
      gtk_stack_add_named (GTK_STACK (slot->stack), drawing, "drawing");
      slot->picture = GTK_PICTURE (gtk_picture_new ());
      gtk_picture_set_can_shrink (slot->picture, TRUE);
      alt = column > 0 ? g_strdup_printf (_("Map of “%s” after the plan"),
                                          wm_scenario_get_name (slot->scenario))
                       : g_strdup (_("Map of the baseline"));
      gtk_picture_set_alternative_text (slot->picture, alt);
      gtk_stack_add_named (GTK_STACK (slot->stack), GTK_WIDGET (slot->picture), "map");
      if (slot->texture != NULL)
        {
          gtk_picture_set_paintable (slot->picture, slot->texture);
          gtk_stack_set_visible_child_name (GTK_STACK (slot->stack), "map");
        }
      gtk_box_append (GTK_BOX (cell), slot->stack);
      slot->pending = TRUE;
      g_ptr_array_add (self->maps, slot);

      /* The scene is a snapshot made here; the worker only draws it. */
      wm_map_scene_options_init (&options);
      options.state = column > 0 ? WM_INDICATOR_PROJECTED : WM_INDICATOR_BASELINE;
      options.show_proposals = column > 0;
      options.show_catchments = FALSE;
      options.year = self->year;
      job = g_new0 (MapJob, 1);
      job->scene = wm_map_scene_new (self->plan,
                                     column > 0 ? slot->scenario
                                                : wm_plan_get_active_scenario (self->plan),
                                     NULL, &options, NULL);
      job->width = MAP_WIDTH * scale;
      job->height = MAP_HEIGHT * scale;
      job->column = column;
      job->generation = self->maps_generation;
      {
        GWeakRef *weak = g_new0 (GWeakRef, 1);

        g_weak_ref_init (weak, self);
        task = g_task_new (NULL, self->maps_cancellable, on_map_drawn, weak);
      }
      g_task_set_task_data (task, job, map_job_free);
      g_task_set_return_on_cancel (task, FALSE);
      g_task_run_in_thread (task, draw_map_in_thread);
    }
}

/* The table */

static void
build_table (WmComparisonView *self)
{
  const WmScenarioComparison *c = self->comparison;
  guint n_columns = c->scenarios->len + 1, n_rows = 0;
  GtkWidget *child;
  TableRow row;

  while ((child = gtk_widget_get_first_child (self->table)) != NULL)
    gtk_grid_remove (GTK_GRID (self->table), child);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);

  /* The column headers. */
  row = new_row (self, n_rows++, "wm-compare-head");
  fill_row_header (new_cell (&row, GTK_ACCESSIBLE_ROLE_COLUMN_HEADER, LABEL_WIDTH),
                   _("Indicator"), NULL);
  for (guint column = 0; column < n_columns; column++)
    {
      GtkWidget *cell = new_cell (&row, GTK_ACCESSIBLE_ROLE_COLUMN_HEADER, COLUMN_WIDTH);

      gtk_box_append (GTK_BOX (cell), new_label (column_name (self, column), "heading"));
    }
  add_maps_row (self, n_rows++, n_columns);

  for (guint r = 0; r < c->rows->len; r++)
    {
      const WmComparisonRow *crow = &g_array_index (c->rows, WmComparisonRow, r);
      g_autofree char *band = NULL, *subtitle = NULL;

      /* Shown with the counts below, once. */
      if (g_str_equal (crow->key, "households_to_rehouse"))
        continue;
      row = new_row (self, n_rows++, NULL);
      if (crow->has_band)
        {
          band = wm_target_band_format (&crow->band, wm_target_key_is_index (crow->key));
          /* Translators: under an indicator's name, e.g. "Target 30–50 %" */
          subtitle = g_strdup_printf (_("Target %s"), band);
        }
      fill_row_header (new_cell (&row, GTK_ACCESSIBLE_ROLE_ROW_HEADER, LABEL_WIDTH), crow->label,
                       subtitle);
      for (guint column = 0; column < n_columns; column++)
        fill_value_cell (self, new_cell (&row, GTK_ACCESSIBLE_ROLE_CELL, COLUMN_WIDTH), crow,
                         column);
    }

  /* What each scenario asks of the people involved. */
  for (guint k = 0; k < 2; k++)
    {
      const char *key = k == 0 ? WM_COMPARISON_VIEW_ROW_CHECKLIST : WM_COMPARISON_VIEW_ROW_REHOUSE;
      const char *title = k == 0 ? _("Checklist items called for") : _("Households to rehouse");

      row = new_row (self, n_rows++, k == 0 ? "wm-compare-counts" : NULL);
      fill_row_header (new_cell (&row, GTK_ACCESSIBLE_ROLE_ROW_HEADER, LABEL_WIDTH),
                       title,
                       k == 0 ? _("Social interventions that go with the changes") : NULL);
      for (guint column = 0; column < n_columns; column++)
        {
          GtkWidget *cell = new_cell (&row, GTK_ACCESSIBLE_ROLE_CELL, COLUMN_WIDTH);
          char *value;
          char *label;

          if (column == 0)
            value = g_strdup ("–");
          else
            {
              const WmComparisonScenario *s =
                &g_array_index (c->scenarios, WmComparisonScenario, column - 1);

              value = k == 0 ? wm_render_format_count ((int) s->n_checklist_items)
                             : wm_render_format_count ((int) s->households_to_rehouse);
            }
          gtk_box_append (GTK_BOX (cell), new_label (value, "wm-compare-value"));
          label = g_strdup_printf (_("%s, %s: %s"), column_name (self, column), title, value);
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          label, -1);
          add_cell (self, key, value, g_strdup (""), label, FALSE);
        }
    }
}

/* The two scenarios compared */

static GtkWidget *
new_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static void
add_list_row (GtkWidget *list, const char *title, const char *subtitle, const char *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names come from the user: not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "wm-compare-value");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

static GtkWidget *
add_section (WmComparisonView *self, const char *heading)
{
  GtkWidget *label = new_label (heading, "heading");
  GtkWidget *list = new_list ();

  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (self->diff_content), label);
  gtk_box_append (GTK_BOX (self->diff_content), list);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  return list;
}

static char *
proposal_subtitle (WmProposal *proposal)
{
  const char *kind = wm_proposal_kind_label (wm_proposal_get_kind (proposal));

  if (wm_proposal_get_year (proposal) > 0)
    /* Translators: a proposal's kind and completion year, e.g. "New build, 2029" */
    return g_strdup_printf (_("%s, %d"), kind, wm_proposal_get_year (proposal));
  return g_strdup (kind);
}

static void
add_proposals_section (WmComparisonView *self, GPtrArray *proposals, const char *heading,
                       GPtrArray *titles)
{
  GtkWidget *list = add_section (self, heading);

  for (guint i = 0; i < proposals->len; i++)
    {
      WmProposal *p = g_ptr_array_index (proposals, i);
      g_autofree char *subtitle = proposal_subtitle (p);

      add_list_row (list, proposal_title (p), subtitle, NULL);
      g_ptr_array_add (titles, g_strdup (proposal_title (p)));
    }
  if (proposals->len == 0)
    add_list_row (list, _("None"), NULL, NULL);
}

/* The view's own engine, kept up to date by deltas while the window is open: every
 * comparison, pair and series then only switches scenarios (no full recompute). Nothing
 * listens to it. @scenario: where a new one starts. */
static WmIndicatorEngine *
view_engine (WmComparisonView *self,
             WmScenario       *scenario)
{
  if (self->own_engine == NULL)
    self->own_engine = wm_indicator_engine_new (self->plan, scenario);
  return self->own_engine;
}

static void
build_diff (WmComparisonView *self)
{
  GtkWidget *child, *list;
  const char *name_a, *name_b;
  g_autofree char *heading = NULL;
  g_autoptr (GArray) moves = NULL;

  while ((child = gtk_widget_get_first_child (self->diff_content)) != NULL)
    gtk_box_remove (GTK_BOX (self->diff_content), child);
  for (guint i = 0; i < G_N_ELEMENTS (self->diff_titles); i++)
    g_ptr_array_set_size (self->diff_titles[i], 0);
  g_clear_pointer (&self->diff, wm_scenario_diff_free);
  g_clear_pointer (&self->pair, wm_scenario_comparison_free);
  if (self->diff_a == NULL || self->diff_b == NULL)
    return;
  if (self->diff_a == self->diff_b)
    {
      gtk_box_append (GTK_BOX (self->diff_content),
                      new_label (_("Choose two different scenarios."), "dim-label"));
      return;
    }
  name_a = wm_scenario_get_name (self->diff_a);
  name_b = wm_scenario_get_name (self->diff_b);
  self->diff = wm_scenario_diff_new (self->diff_a, self->diff_b);
  self->pair = wm_scenario_comparison_new_with_engine (view_engine (self, self->diff_a),
                                                       (WmScenario *[]) { self->diff_a,
                                                                          self->diff_b },
                                                       2, NULL, self->year);

  if (wm_scenario_diff_is_empty (self->diff))
    gtk_box_append (GTK_BOX (self->diff_content),
                    new_label (_("Both scenarios make the same changes."), NULL));
  else
    {
      g_autofree char *only_a = NULL, *only_b = NULL, *changed = NULL;

      /* Translators: a heading, %s a scenario's name */
      only_a = g_strdup_printf (_("Only in “%s”"), name_a);
      only_b = g_strdup_printf (_("Only in “%s”"), name_b);
      add_proposals_section (self, self->diff->only_a, only_a,
                             self->diff_titles[WM_COMPARISON_VIEW_ONLY_A]);
      add_proposals_section (self, self->diff->only_b, only_b,
                             self->diff_titles[WM_COMPARISON_VIEW_ONLY_B]);
      /* Translators: a heading: the same changes with other figures in the two scenarios */
      changed = g_strdup_printf (_("Changed in “%s”"), name_b);
      list = add_section (self, changed);
      for (guint i = 0; i < self->diff->changed->len; i++)
        {
          const WmProposalPair *pair = &g_array_index (self->diff->changed, WmProposalPair, i);
          g_autofree char *text = wm_proposal_describe_change (pair->a, pair->b, pair->fields);

          add_list_row (list, proposal_title (pair->b), text, NULL);
          g_ptr_array_add (self->diff_titles[WM_COMPARISON_VIEW_CHANGED],
                           g_strdup (proposal_title (pair->b)));
        }
      if (self->diff->changed->len == 0)
        add_list_row (list, _("None"), NULL, NULL);
    }

  /* Translators: a heading, then the indicators that differ most between the two scenarios */
  heading = g_strdup_printf (_("What differs most from “%s” to “%s”"), name_a, name_b);
  list = add_section (self, heading);
  moves = wm_scenario_diff_top_indicators (self->pair, 0, 1, N_MOVES);
  for (guint i = 0; i < moves->len; i++)
    {
      const WmIndicatorMove *m = &g_array_index (moves, WmIndicatorMove, i);
      g_autofree char *a = format_value (m->row->key, m->value_a);
      g_autofree char *b = format_value (m->row->key, m->value_b);
      g_autofree char *change = format_change (m->row->key, m->difference);
      g_autofree char *values = g_strdup_printf ("%s → %s", a, b);
      g_autofree char *subtitle = NULL;

      /* Translators: under an indicator in the list of what differs most, e.g. "+3.5 pt in
       * “Plan B”" */
      subtitle = g_strdup_printf (_("%s in “%s”"), change, name_b);
      add_list_row (list, m->row->label, subtitle, values);
      g_ptr_array_add (self->diff_titles[WM_COMPARISON_VIEW_MOVES], g_strdup (m->row->label));
    }
  if (moves->len == 0)
    add_list_row (list, _("No indicator differs."), NULL, NULL);
}

/* The chart over the years */

static void
build_series (WmComparisonView *self, gboolean has_years)
{
  const WmScenarioComparison *c = self->comparison;
  const WmComparisonRow *row;
  g_autoptr (GArray) series = NULL;
  const char *keys[2] = { NULL, NULL };
  guint selected = 0;

  gtk_widget_set_visible (self->series_group, has_years);
  /* The dropdown lists the table's indicators. */
  self->updating = TRUE;
  g_ptr_array_set_size (self->series_keys, 0);
  gtk_string_list_splice (self->series_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->series_names)), NULL);
  for (guint r = 0; r < c->rows->len; r++)
    {
      const WmComparisonRow *crow = &g_array_index (c->rows, WmComparisonRow, r);

      g_ptr_array_add (self->series_keys, g_strdup (crow->key));
      gtk_string_list_append (self->series_names, crow->label);
    }
  row = self->series_key != NULL ? wm_scenario_comparison_find_row (c, self->series_key) : NULL;
  if (row == NULL)
    row = wm_scenario_comparison_find_row (c, "share.social_rent");
  if (row == NULL && c->rows->len > 0)
    row = &g_array_index (c->rows, WmComparisonRow, 0);
  if (row != NULL)
    {
      g_free (self->series_key);
      self->series_key = g_strdup (row->key);
      for (guint i = 0; i < self->series_keys->len; i++)
        if (g_str_equal (g_ptr_array_index (self->series_keys, i), row->key))
          selected = i;
    }
  gtk_drop_down_set_selected (self->series_dropdown, selected);
  self->updating = FALSE;
  if (!has_years || row == NULL)
    {
      wm_chart_view_set_series (self->series_chart, 0, NULL, 0, FALSE, FALSE, NAN, NAN);
      return;
    }

  /* One engine, switched from scenario to scenario by deltas. */
  keys[0] = row->key;
  series = wm_chart_series_array_new ();
  for (guint s = 0; s < c->scenarios->len; s++)
    {
      WmScenario *scenario = g_array_index (c->scenarios, WmComparisonScenario, s).scenario;
      WmChartSeries line = { 0 };

      wm_indicator_engine_set_scenario (view_engine (self, scenario), scenario);
      line.label = g_strdup (wm_scenario_get_name (scenario));
      line.colour = wm_chart_get_series_colour (s);
      line.values = wm_indicator_engine_get_series (self->own_engine, keys, NULL,
                                                    self->first_year, self->last_year);
      g_array_append_val (series, line);
    }
  wm_chart_view_set_series (self->series_chart, self->first_year,
                            (const WmChartSeries *) series->data, series->len,
                            wm_indicator_key_scale (row->key) == WM_INDICATOR_SCALE_SHARE,
                            wm_indicator_key_scale (row->key) == WM_INDICATOR_SCALE_INDEX,
                            row->has_band ? row->band.min : NAN,
                            row->has_band ? row->band.max : NAN);
}

/* Choosing what is shown */

static gboolean
in_plan (WmComparisonView *self, WmScenario *scenario)
{
  return scenario != NULL
         && g_list_store_find (G_LIST_STORE (wm_plan_get_scenarios (self->plan)), scenario, NULL);
}

/* The scenarios shown, in the plan's order. */
static GPtrArray *
resolve_shown (WmComparisonView *self)
{
  GListModel *all = wm_plan_get_scenarios (self->plan);
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr (WmScenario) s = g_list_model_get_item (all, i);

      if (shown->len >= WM_SCENARIO_COMPARISON_MAX_SHOWN)
        break;
      if (self->chosen == NULL || g_ptr_array_find (self->chosen, s, NULL))
        g_ptr_array_add (shown, g_object_ref (s));
    }
  /* Every chosen one went away: back to the first ones. */
  if (shown->len == 0)
    {
      g_clear_pointer (&self->chosen, g_ptr_array_unref);
      g_ptr_array_unref (shown);
      return resolve_shown (self);
    }
  return shown;
}

static void
on_shown_toggled (GtkCheckButton *check, WmComparisonView *self)
{
  WmScenario *scenario = g_object_get_data (G_OBJECT (check), "wm-scenario");

  if (self->updating)
    return;
  if (!wm_comparison_view_set_scenario_shown (self, scenario, gtk_check_button_get_active (check)))
    {
      self->updating = TRUE;
      gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
      self->updating = FALSE;
    }
}

static void
build_shown_menu (WmComparisonView *self, GPtrArray *shown)
{
  GListModel *all = wm_plan_get_scenarios (self->plan);
  guint n = g_list_model_get_n_items (all);
  GtkWidget *child;
  g_autofree char *label = NULL;

  gtk_widget_set_visible (self->shown_button, n > WM_SCENARIO_COMPARISON_MAX_SHOWN);
  if (n <= WM_SCENARIO_COMPARISON_MAX_SHOWN)
    return;
  /* Translators: the button that chooses the scenarios shown, e.g. "6 of 8 Scenarios" */
  label = g_strdup_printf (_("%u of %u Scenarios"), shown->len, n);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->shown_button), label);
  while ((child = gtk_widget_get_first_child (self->shown_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->shown_box), child);
  {
    g_autofree char *text = g_strdup_printf (_("Up to %d scenarios side by side"),
                                             WM_SCENARIO_COMPARISON_MAX_SHOWN);

    gtk_box_append (GTK_BOX (self->shown_box), new_label (text, "heading"));
  }
  self->updating = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (WmScenario) s = g_list_model_get_item (all, i);
      GtkWidget *check = gtk_check_button_new_with_label (wm_scenario_get_name (s));
      gboolean active = g_ptr_array_find (shown, s, NULL);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      /* A seventh cannot be added: say why instead of refusing silently. */
      if (!active && shown->len >= WM_SCENARIO_COMPARISON_MAX_SHOWN)
        {
          gtk_widget_set_sensitive (check, FALSE);
          gtk_widget_set_tooltip_text (check, _("Hide another scenario first"));
        }
      g_object_set_data_full (G_OBJECT (check), "wm-scenario", g_object_ref (s), g_object_unref);
      g_signal_connect (check, "toggled", G_CALLBACK (on_shown_toggled), self);
      gtk_box_append (GTK_BOX (self->shown_box), check);
    }
  self->updating = FALSE;
}

static void
build_year_choice (WmComparisonView *self, gboolean has_years)
{
  guint selected = 0;

  gtk_widget_set_visible (self->year_box, has_years);
  self->updating = TRUE;
  gtk_string_list_splice (self->year_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->year_names)), NULL);
  gtk_string_list_append (self->year_names, _("Whole plan"));
  if (has_years)
    for (int y = self->first_year; y <= self->last_year; y++)
      {
        g_autofree char *text = g_strdup_printf ("%d", y);

        gtk_string_list_append (self->year_names, text);
        if (y == self->year)
          selected = (guint) (y - self->first_year + 1);
      }
  gtk_drop_down_set_selected (self->year_dropdown, selected);
  self->updating = FALSE;
}

static void
build_diff_choice (WmComparisonView *self)
{
  GListModel *all = wm_plan_get_scenarios (self->plan);
  guint n = g_list_model_get_n_items (all), ia = 0, ib = 0;

  gtk_widget_set_visible (self->diff_group, n > 1);
  gtk_widget_set_visible (self->one_notice, n == 1);
  if (!in_plan (self, self->diff_a))
    g_clear_object (&self->diff_a);
  if (!in_plan (self, self->diff_b))
    g_clear_object (&self->diff_b);
  if (n > 1 && (self->diff_a == NULL || self->diff_b == NULL))
    {
      g_autoptr (WmScenario) first = g_list_model_get_item (all, 0);
      g_autoptr (WmScenario) second = g_list_model_get_item (all, 1);
      WmScenario *active = wm_plan_get_active_scenario (self->plan);

      /* The active scenario against the first one, else the second against the first. */
      if (self->diff_a == NULL)
        self->diff_a = g_object_ref (self->diff_b != first ? first : second);
      if (self->diff_b == NULL)
        self->diff_b = g_object_ref (active != self->diff_a ? active
                                     : self->diff_a != second ? second : first);
    }
  self->updating = TRUE;
  gtk_string_list_splice (self->diff_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->diff_names)), NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (WmScenario) s = g_list_model_get_item (all, i);

      gtk_string_list_append (self->diff_names, wm_scenario_get_name (s));
      if (s == self->diff_a)
        ia = i;
      if (s == self->diff_b)
        ib = i;
    }
  gtk_drop_down_set_selected (self->diff_a_dropdown, ia);
  gtk_drop_down_set_selected (self->diff_b_dropdown, ib);
  self->updating = FALSE;
  /* With one scenario it only clears what was shown. */
  build_diff (self);
}

static gboolean
refresh (gpointer data)
{
  WmComparisonView *self = data;
  g_autoptr (GPtrArray) shown = NULL;
  gboolean has_years;
  const char *name;
  gint64 start = g_get_monotonic_time ();

  self->refresh_id = 0;
  if (self->plan == NULL)
    return G_SOURCE_REMOVE;
  shown = resolve_shown (self);
  has_years = wm_timeline_get_plan_range (self->plan, &self->first_year, &self->last_year);
  if (!has_years || self->year < self->first_year || self->year > self->last_year)
    self->year = WM_INDICATOR_ALL_YEARS;

  g_clear_pointer (&self->comparison, wm_scenario_comparison_free);
  self->comparison = wm_scenario_comparison_new_with_engine (
    view_engine (self, g_ptr_array_index (shown, 0)), (WmScenario *const *) shown->pdata,
    shown->len, NULL, self->year);
  name = wm_plan_get_name (self->plan);
  adw_window_title_set_subtitle (self->title, name != NULL && *name != '\0' ? name
                                                                            : _("Untitled plan"));
  build_shown_menu (self, shown);
  build_year_choice (self, has_years);
  build_table (self);
  build_diff_choice (self);
  build_series (self, has_years);
  g_debug ("Comparison of %u scenarios refreshed in %.1f ms", shown->len,
           (g_get_monotonic_time () - start) / 1000.0);
  g_signal_emit (self, signals[REFRESHED], 0);
  return G_SOURCE_REMOVE;
}

/* Every change of the plan in one go, after the edits of this turn of the main loop. */
static void
queue_refresh (WmComparisonView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh, self);
}

static void
on_year_selected (WmComparisonView *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);

  if (self->updating)
    return;
  wm_comparison_view_set_year (self, selected == 0 || selected == GTK_INVALID_LIST_POSITION
                                       ? WM_INDICATOR_ALL_YEARS
                                       : self->first_year + (int) selected - 1);
}

static void
on_diff_selected (WmComparisonView *self)
{
  GListModel *all = wm_plan_get_scenarios (self->plan);
  g_autoptr (WmScenario) a = NULL, b = NULL;

  if (self->updating)
    return;
  a = g_list_model_get_item (all, gtk_drop_down_get_selected (self->diff_a_dropdown));
  b = g_list_model_get_item (all, gtk_drop_down_get_selected (self->diff_b_dropdown));
  if (a != NULL && b != NULL)
    wm_comparison_view_set_diff_scenarios (self, a, b);
}

static void
on_series_selected (WmComparisonView *self)
{
  guint selected = gtk_drop_down_get_selected (self->series_dropdown);

  if (self->updating || selected >= self->series_keys->len)
    return;
  wm_comparison_view_set_series_indicator (self, g_ptr_array_index (self->series_keys, selected));
}

static void
on_scale_factor (WmComparisonView *self)
{
  queue_refresh (self);
}

/* Public */

WmComparisonView *
wm_comparison_view_new (GtkWindow *parent, WmDocument *document)
{
  WmComparisonView *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  self = g_object_new (WM_TYPE_COMPARISON_VIEW, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  self->plan = g_object_ref (wm_document_get_plan (document));
  g_signal_connect_swapped (self->plan, "changed", G_CALLBACK (queue_refresh), self);
  g_signal_connect_swapped (wm_plan_get_scenarios (self->plan), "items-changed",
                            G_CALLBACK (queue_refresh), self);
  /* The maps are drawn for the screen's pixels. */
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor), NULL);
  /* Shown complete from the first frame. */
  refresh (self);
  return self;
}

WmDocument *
wm_comparison_view_get_document (WmComparisonView *self)
{
  g_return_val_if_fail (WM_IS_COMPARISON_VIEW (self), NULL);
  return self->document;
}

gboolean
wm_comparison_view_get_refresh_pending (WmComparisonView *self)
{
  g_return_val_if_fail (WM_IS_COMPARISON_VIEW (self), FALSE);
  return self->refresh_id != 0;
}

const WmScenarioComparison *
wm_comparison_view_get_comparison (WmComparisonView *self)
{
  g_return_val_if_fail (WM_IS_COMPARISON_VIEW (self), NULL);
  return self->comparison;
}

gboolean
wm_comparison_view_set_scenario_shown (WmComparisonView *self, WmScenario *scenario,
                                       gboolean shown)
{
  g_autoptr (GPtrArray) now = NULL;
  gboolean is_shown;

  g_return_val_if_fail (WM_IS_COMPARISON_VIEW (self), FALSE);
  g_return_val_if_fail (WM_IS_SCENARIO (scenario), FALSE);

  if (!in_plan (self, scenario))
    return FALSE;
  now = resolve_shown (self);
  is_shown = g_ptr_array_find (now, scenario, NULL);
  if (is_shown == shown)
    return TRUE;
  if (shown && now->len >= WM_SCENARIO_COMPARISON_MAX_SHOWN)
    return FALSE;
  if (!shown && now->len <= 1)
    return FALSE;
  if (shown)
    g_ptr_array_add (now, g_object_ref (scenario));
  else
    g_ptr_array_remove (now, scenario);
  g_clear_pointer (&self->chosen, g_ptr_array_unref);
  self->chosen = g_steal_pointer (&now);
  queue_refresh (self);
  return TRUE;
}

gboolean
wm_comparison_view_get_scenario_shown (WmComparisonView *self, WmScenario *scenario)
{
  g_return_val_if_fail (WM_IS_COMPARISON_VIEW (self), FALSE);

  for (guint i = 0; self->comparison != NULL && i < self->comparison->scenarios->len; i++)
    if (g_array_index (self->comparison->scenarios, WmComparisonScenario, i).scenario == scenario)
      return TRUE;
  return FALSE;
}

void
wm_comparison_view_set_year (WmComparisonView *self, int year)
{
  g_return_if_fail (WM_IS_COMPARISON_VIEW (self));

  if (self->year == year)
    return;
  self->year = year;
  queue_refresh (self);
}

int
wm_comparison_view_get_year (WmComparisonView *self)
{
  g_return_val_if_fail (WM_IS_COMPARISON_VIEW (self), WM_INDICATOR_ALL_YEARS);
  return self->year;
}

const char *
wm_comparison_view_get_value_text (WmComparisonView *self, const char *key, guint column)
{
  const Cell *cell = find_cell (self, key, column);

  return cell != NULL ? cell->value : NULL;
}

const char *
wm_comparison_view_get_change_text (WmComparisonView *self, const char *key, guint column)
{
  const Cell *cell = find_cell (self, key, column);

  return cell != NULL ? cell->change : NULL;
}

const char *
wm_comparison_view_get_cell_label (WmComparisonView *self, const char *key, guint column)
{
  const Cell *cell = find_cell (self, key, column);

  return cell != NULL ? cell->label : NULL;
}

gboolean
wm_comparison_view_get_marked_best (WmComparisonView *self, const char *key, guint column)
{
  const Cell *cell = find_cell (self, key, column);

  return cell != NULL && cell->best;
}

guint
wm_comparison_view_get_n_columns (WmComparisonView *self)
{
  g_return_val_if_fail (WM_IS_COMPARISON_VIEW (self), 0);
  return self->comparison != NULL ? self->comparison->scenarios->len : 0;
}

void
wm_comparison_view_set_diff_scenarios (WmComparisonView *self, WmScenario *a, WmScenario *b)
{
  g_return_if_fail (WM_IS_COMPARISON_VIEW (self));
  g_return_if_fail (WM_IS_SCENARIO (a) && WM_IS_SCENARIO (b));

  if (self->diff_a == a && self->diff_b == b)
    return;
  g_set_object (&self->diff_a, a);
  g_set_object (&self->diff_b, b);
  queue_refresh (self);
}

GtkDropDown *
wm_comparison_view_get_diff_dropdown (WmComparisonView *self, guint which)
{
  g_return_val_if_fail (WM_IS_COMPARISON_VIEW (self), NULL);
  return which == 0 ? self->diff_a_dropdown : self->diff_b_dropdown;
}

const WmScenarioDiff *
wm_comparison_view_get_diff (WmComparisonView *self)
{
  g_return_val_if_fail (WM_IS_COMPARISON_VIEW (self), NULL);
  return self->diff;
}

GStrv
wm_comparison_view_dup_diff_titles (WmComparisonView *self, WmComparisonViewList list)
{
  GPtrArray *titles;
  GStrv result;

  g_return_val_if_fail (WM_IS_COMPARISON_VIEW (self), NULL);
  g_return_val_if_fail ((guint) list < G_N_ELEMENTS (self->diff_titles), NULL);

  titles = self->diff_titles[list];
  result = g_new0 (char *, titles->len + 1);
  for (guint i = 0; i < titles->len; i++)
    result[i] = g_strdup (g_ptr_array_index (titles, i));
  return result;
}

GdkPaintable *
wm_comparison_view_get_map (WmComparisonView *self, guint column)
{
  MapSlot *slot;

  g_return_val_if_fail (WM_IS_COMPARISON_VIEW (self), NULL);
  if (self->maps == NULL || column >= self->maps->len)
    return NULL;
  slot = g_ptr_array_index (self->maps, column);
  return slot->pending ? NULL : slot->texture;
}

gboolean
wm_comparison_view_get_maps_pending (WmComparisonView *self)
{
  g_return_val_if_fail (WM_IS_COMPARISON_VIEW (self), FALSE);
  for (guint i = 0; self->maps != NULL && i < self->maps->len; i++)
    if (((MapSlot *) g_ptr_array_index (self->maps, i))->pending)
      return TRUE;
  return FALSE;
}

WmChartView *
wm_comparison_view_get_series_chart (WmComparisonView *self)
{
  g_return_val_if_fail (WM_IS_COMPARISON_VIEW (self), NULL);
  return self->series_chart;
}

void
wm_comparison_view_set_series_indicator (WmComparisonView *self, const char *key)
{
  g_return_if_fail (WM_IS_COMPARISON_VIEW (self));

  if (g_strcmp0 (self->series_key, key) == 0)
    return;
  g_free (self->series_key);
  self->series_key = g_strdup (key);
  queue_refresh (self);
}

const char *
wm_comparison_view_get_series_indicator (WmComparisonView *self)
{
  g_return_val_if_fail (WM_IS_COMPARISON_VIEW (self), NULL);
  return self->series_key;
}

/* GObject */

static void
wm_comparison_view_dispose (GObject *object)
{
  WmComparisonView *self = WM_COMPARISON_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_cancellable_cancel (self->maps_cancellable);
  g_clear_object (&self->maps_cancellable);
  if (self->plan != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->plan, self);
      g_signal_handlers_disconnect_by_data (wm_plan_get_scenarios (self->plan), self);
    }
  g_clear_pointer (&self->maps, g_ptr_array_unref);
  g_clear_pointer (&self->comparison, wm_scenario_comparison_free);
  g_clear_pointer (&self->pair, wm_scenario_comparison_free);
  g_clear_pointer (&self->diff, wm_scenario_diff_free);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->chosen, g_ptr_array_unref);
  g_clear_object (&self->own_engine);
  g_clear_object (&self->diff_a);
  g_clear_object (&self->diff_b);
  g_clear_object (&self->plan);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (wm_comparison_view_parent_class)->dispose (object);
}

static void
wm_comparison_view_finalize (GObject *object)
{
  WmComparisonView *self = WM_COMPARISON_VIEW (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->diff_titles); i++)
    g_ptr_array_unref (self->diff_titles[i]);
  g_ptr_array_unref (self->series_keys);
  g_free (self->series_key);

  G_OBJECT_CLASS (wm_comparison_view_parent_class)->finalize (object);
}

static void
wm_comparison_view_class_init (WmComparisonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_comparison_view_dispose;
  object_class->finalize = wm_comparison_view_finalize;

  signals[REFRESHED] = g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
new_heading (const char *text)
{
  GtkWidget *label = new_label (text, "title-3");

  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  return label;
}

static GtkDropDown *
new_dropdown (GtkStringList *model, const char *accessible_label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)),
                                                           NULL));

  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_widget_set_valign (GTK_WIDGET (dropdown), GTK_ALIGN_CENTER);
  return dropdown;
}

static void
wm_comparison_view_init (WmComparisonView *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *legend, *choice, *label, *series_row, *lower;

  for (guint i = 0; i < G_N_ELEMENTS (self->diff_titles); i++)
    self->diff_titles[i] = g_ptr_array_new_with_free_func (g_free);
  self->series_keys = g_ptr_array_new_with_free_func (g_free);
  self->year = WM_INDICATOR_ALL_YEARS;

  gtk_window_set_title (GTK_WINDOW (self), _("Compare Scenarios"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1180, 780);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "wm-comparison");

  /* The header: which scenarios (when there are too many), as of which year. */
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Compare Scenarios"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  self->shown_button = gtk_menu_button_new ();
  gtk_widget_set_tooltip_text (self->shown_button, _("Choose the scenarios shown"));
  self->shown_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (self->shown_box, 6);
  gtk_widget_set_margin_end (self->shown_box, 6);
  gtk_widget_set_margin_top (self->shown_box, 6);
  gtk_widget_set_margin_bottom (self->shown_box, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), self->shown_box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->shown_button), popover);
  gtk_widget_set_visible (self->shown_button, FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->shown_button);

  self->year_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new (_("As of"));
  self->year_names = gtk_string_list_new (NULL);
  self->year_dropdown = new_dropdown (self->year_names, _("As of the year"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->year_dropdown),
                               _("The plan as of the end of a year: only the proposals completed "
                                 "by then count"));
  g_object_unref (self->year_names);
  gtk_box_append (GTK_BOX (self->year_box), label);
  gtk_box_append (GTK_BOX (self->year_box), GTK_WIDGET (self->year_dropdown));
  g_signal_connect_swapped (self->year_dropdown, "notify::selected",
                            G_CALLBACK (on_year_selected), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->year_box);
  gtk_box_append (GTK_BOX (content), header);

  gtk_widget_set_margin_start (page, 24);
  gtk_widget_set_margin_end (page, 24);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 24);

  /* The table. */
  /* A grid keeps the columns aligned whatever the rows' heights. */
  self->table = g_object_new (GTK_TYPE_GRID, "accessible-role", GTK_ACCESSIBLE_ROLE_TABLE, NULL);
  gtk_widget_add_css_class (self->table, "wm-compare-table");
  gtk_widget_add_css_class (self->table, "card");
  gtk_widget_set_halign (self->table, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The baseline and the scenarios side by side"), -1);
  gtk_box_append (GTK_BOX (page), self->table);
  legend = new_label (_("Changes are against the baseline. The star marks the scenario closest to "
                        "the target band of its row; none is marked when all are equally close."),
                      "dim-label");
  gtk_box_append (GTK_BOX (page), legend);
  self->one_notice = new_label (_("The plan has one scenario. To compare variants, duplicate it "
                                  "in the scenario menu and change the copy."),
                                "wm-notice");
  gtk_widget_set_visible (self->one_notice, FALSE);
  gtk_box_append (GTK_BOX (page), self->one_notice);

  /* Two scenarios, proposal by proposal. */
  self->diff_group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (self->diff_group), new_heading (_("Two Scenarios Compared")));
  choice = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->diff_names = gtk_string_list_new (NULL);
  self->diff_a_dropdown = new_dropdown (self->diff_names, _("First scenario"));
  self->diff_b_dropdown = new_dropdown (self->diff_names, _("Second scenario"));
  g_object_unref (self->diff_names);
  /* Translators: "Compare [scenario] with [scenario]" */
  gtk_box_append (GTK_BOX (choice), gtk_label_new (C_("compare scenarios", "Compare")));
  gtk_box_append (GTK_BOX (choice), GTK_WIDGET (self->diff_a_dropdown));
  gtk_box_append (GTK_BOX (choice), gtk_label_new (C_("compare scenarios", "with")));
  gtk_box_append (GTK_BOX (choice), GTK_WIDGET (self->diff_b_dropdown));
  g_signal_connect_swapped (self->diff_a_dropdown, "notify::selected",
                            G_CALLBACK (on_diff_selected), self);
  g_signal_connect_swapped (self->diff_b_dropdown, "notify::selected",
                            G_CALLBACK (on_diff_selected), self);
  gtk_box_append (GTK_BOX (self->diff_group), choice);
  self->diff_content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (self->diff_content, 560, -1);
  gtk_widget_set_halign (self->diff_content, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->diff_group), self->diff_content);
  /* The difference and the years side by side below the table: both in view at once. */
  lower = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 36);
  gtk_widget_set_valign (self->diff_group, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (lower), self->diff_group);
  gtk_box_append (GTK_BOX (page), lower);

  /* Over the years. */
  self->series_group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (self->series_group), new_heading (_("Over the Years")));
  series_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->series_names = gtk_string_list_new (NULL);
  self->series_dropdown = new_dropdown (self->series_names, _("Indicator over the years"));
  g_object_unref (self->series_names);
  gtk_box_append (GTK_BOX (series_row), gtk_label_new (_("Indicator")));
  gtk_box_append (GTK_BOX (series_row), GTK_WIDGET (self->series_dropdown));
  g_signal_connect_swapped (self->series_dropdown, "notify::selected",
                            G_CALLBACK (on_series_selected), self);
  gtk_box_append (GTK_BOX (self->series_group), series_row);
  self->series_chart = WM_CHART_VIEW (wm_chart_view_new (WM_CHART_VIEW_SERIES));
  gtk_widget_set_size_request (GTK_WIDGET (self->series_chart), 560, 300);
  gtk_widget_set_halign (GTK_WIDGET (self->series_chart), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->series_group), GTK_WIDGET (self->series_chart));
  gtk_widget_set_visible (self->series_group, FALSE);
  gtk_widget_set_valign (self->series_group, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (lower), self->series_group);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), page);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (self), content);
}
