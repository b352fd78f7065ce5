/* wm-overview-panel.c: side panel with the neighbourhood's baseline housing stock */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-overview-panel.h"
#include "wm-segment.h"

struct _WmOverviewPanel
{
  AdwBin parent_instance;

  GtkWidget *illustrative_box;
  GtkLabel *total_label;
  GtkDrawingArea *mix_bar;
  GtkListBox *segment_list;
  GtkListBox *area_list;
  GtkLabel *attribution_label;

  WmPlan *plan;
  gulong changed_id;
  WmDwellingMix mix;
};

G_DEFINE_FINAL_TYPE (WmOverviewPanel, wm_overview_panel, ADW_TYPE_BIN)

static gboolean
parse_colour (const char *spec, GdkRGBA *rgba)
{
  return spec != NULL && gdk_rgba_parse (rgba, spec);
}

static void
draw_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  WmSegment segment = GPOINTER_TO_INT (user_data);
  WmSegmentTable *table = wm_segment_table_get_default ();
  GdkRGBA rgba;

  if (!parse_colour (wm_segment_table_get_colour (table, segment), &rgba))
    return;
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* The segment mix as one stacked bar; the list below it carries the same figures in words. */
static void
draw_mix_bar (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  WmOverviewPanel *self = WM_OVERVIEW_PANEL (user_data);
  WmSegmentTable *table = wm_segment_table_get_default ();
  int total = wm_dwelling_mix_total (&self->mix);
  double x = 0;

  if (total <= 0)
    {
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.2);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
      return;
    }
  for (int s = 0; s < WM_N_SEGMENTS; s++)
    {
      double w = (double) width * self->mix.counts[s] / total;
      GdkRGBA rgba;

      if (w <= 0 || !parse_colour (wm_segment_table_get_colour (table, s), &rgba))
        continue;
      gdk_cairo_set_source_rgba (cr, &rgba);
      cairo_rectangle (cr, x, 0, w, height);
      cairo_fill (cr);
      /* A white gap keeps neighbouring segments apart without relying on hue alone. */
      if (x > 0)
        {
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_rectangle (cr, x - 0.75, 0, 1.5, height);
          cairo_fill (cr);
        }
      x += w;
    }
}

static GtkWidget *
segment_row_new (WmSegment segment, int count, int total)
{
  WmSegmentTable *table = wm_segment_table_get_default ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *swatch = gtk_drawing_area_new ();
  g_autofree char *figures = NULL;
  GtkWidget *label;

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 16);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 16);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  GINT_TO_POINTER (segment), NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 wm_segment_table_get_name (table, segment));

  if (total > 0)
    /* Translators: dwellings and their share, e.g. "412  (38 %)" */
    figures = g_strdup_printf (_("%d  (%.0f %%)"), count, 100.0 * count / total);
  else
    figures = g_strdup_printf ("%d", count);
  label = gtk_label_new (figures);
  gtk_widget_add_css_class (label, "wm-figure");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static GtkWidget *
create_area_row (gpointer item, gpointer user_data)
{
  WmOverviewPanel *self = WM_OVERVIEW_PANEL (user_data);
  WmArea *area = WM_AREA (item);
  WmDwellingMix mix = wm_plan_get_baseline_dwellings (self->plan, wm_area_get_id (area));
  int total = wm_dwelling_mix_total (&mix);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *figures = NULL;
  GtkWidget *label;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wm_area_get_name (area));
  if (total > 0)
    subtitle = g_strdup_printf (_("Social rent %.0f %%"),
                                100.0 * mix.counts[WM_SEGMENT_SOCIAL_RENT] / total);
  else
    subtitle = g_strdup (_("No dwellings"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  figures = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d dwelling", "%d dwellings", total),
                             total);
  label = gtk_label_new (figures);
  gtk_widget_add_css_class (label, "wm-figure");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
wm_overview_panel_refresh (WmOverviewPanel *self)
{
  GtkWidget *child;
  int total;
  g_autofree char *total_text = NULL;
  guint n_buildings;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->segment_list))) != NULL)
    gtk_list_box_remove (self->segment_list, child);

  if (self->plan == NULL)
    {
      gtk_label_set_text (self->total_label, "");
      gtk_list_box_bind_model (self->area_list, NULL, NULL, NULL, NULL);
      gtk_widget_set_visible (self->illustrative_box, FALSE);
      return;
    }

  self->mix = wm_plan_get_baseline_dwellings (self->plan, NULL);
  total = wm_dwelling_mix_total (&self->mix);
  n_buildings = g_list_model_get_n_items (wm_plan_get_buildings (self->plan));
  total_text = g_strdup_printf (
      /* Translators: "1,234 dwellings in 987 buildings" */
      _("%d dwellings in %u buildings"), total, n_buildings);
  gtk_label_set_text (self->total_label, total_text);
  for (int s = 0; s < WM_N_SEGMENTS; s++)
    gtk_list_box_append (self->segment_list, segment_row_new (s, self->mix.counts[s], total));
  gtk_widget_queue_draw (GTK_WIDGET (self->mix_bar));

  gtk_list_box_bind_model (self->area_list, wm_plan_get_areas (self->plan), create_area_row, self,
                           NULL);
  gtk_widget_set_visible (self->illustrative_box, wm_plan_get_illustrative (self->plan));
  gtk_label_set_text (self->attribution_label, wm_plan_get_attribution (self->plan) != NULL
                                                   ? wm_plan_get_attribution (self->plan) : "");
}

void
wm_overview_panel_set_plan (WmOverviewPanel *self, WmPlan *plan)
{
  g_return_if_fail (WM_IS_OVERVIEW_PANEL (self));

  if (self->plan == plan)
    return;
  g_clear_signal_handler (&self->changed_id, self->plan);
  g_set_object (&self->plan, plan);
  if (plan != NULL)
    self->changed_id = g_signal_connect_object (plan, "changed",
                                                G_CALLBACK (wm_overview_panel_refresh), self,
                                                G_CONNECT_SWAPPED);
  wm_overview_panel_refresh (self);
}

const char *
wm_overview_panel_get_total_text (WmOverviewPanel *self)
{
  g_return_val_if_fail (WM_IS_OVERVIEW_PANEL (self), NULL);
  return gtk_label_get_text (self->total_label);
}

static void
wm_overview_panel_dispose (GObject *object)
{
  WmOverviewPanel *self = WM_OVERVIEW_PANEL (object);

  g_clear_signal_handler (&self->changed_id, self->plan);
  if (self->area_list != NULL)
    gtk_list_box_bind_model (self->area_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->plan);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_OVERVIEW_PANEL);

  G_OBJECT_CLASS (wm_overview_panel_parent_class)->dispose (object);
}

static void
wm_overview_panel_class_init (WmOverviewPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_overview_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/wijkmix/Wijkmix/ui/wm-overview-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, WmOverviewPanel, illustrative_box);
  gtk_widget_class_bind_template_child (widget_class, WmOverviewPanel, total_label);
  gtk_widget_class_bind_template_child (widget_class, WmOverviewPanel, mix_bar);
  gtk_widget_class_bind_template_child (widget_class, WmOverviewPanel, segment_list);
  gtk_widget_class_bind_template_child (widget_class, WmOverviewPanel, area_list);
  gtk_widget_class_bind_template_child (widget_class, WmOverviewPanel, attribution_label);
}

static void
wm_overview_panel_init (WmOverviewPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->mix_bar, draw_mix_bar, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mix_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Housing segments as a stacked bar; the list below gives the figures"),
                                  -1);
}

GtkWidget *
wm_overview_panel_new (void)
{
  return g_object_new (WM_TYPE_OVERVIEW_PANEL, NULL);
}
