/* wm-map-legend.c: the key to the housing colours and facility symbols, overlaid on the map */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wm-map-key.h"
#include "wm-map-legend.h"
#include "wm-proposal-drawing.h"

/* The entries are a WmMapKey's, the one exports draw too; the legend shows them in widgets. */

struct _WmMapLegend
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *title;
  GtkWidget *rows;
  GtkWidget *housing_part;
  GtkWidget *facility_part;
  GtkWidget *facility_title;
  GtkWidget *facility_rows;
  GtkWidget *under_way_part;
  WmMapKey *key;
  GArray *facility_types; /* WmFacilityType */
  WmHousingMode mode;
  WmSegment segment;
  gboolean projected;
  int year;
  gboolean under_way;
};

G_DEFINE_FINAL_TYPE (WmMapLegend, wm_map_legend, GTK_TYPE_WIDGET)

static void
draw_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  wm_map_key_draw_swatch (cr, user_data, 0, 0, width, height, 1);
}

static void
draw_under_way_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height,
                       gpointer user_data)
{
  wm_proposal_drawing_draw_under_way_swatch (cr, 0, 0, width, height, 1);
}

static void
draw_facility_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height,
                      gpointer user_data)
{
  wm_map_key_draw_facility_swatch (cr, GPOINTER_TO_INT (user_data), 0, 0, width, height);
}

static void
update_visibility (WmMapLegend *self)
{
  gboolean housing = wm_map_key_get_n_entries (self->key) > 0;
  gboolean facilities = self->facility_types->len > 0;

  gtk_widget_set_visible (self->housing_part, housing);
  gtk_widget_set_visible (self->facility_part, facilities);
  gtk_widget_set_visible (self->under_way_part, self->under_way);
  gtk_widget_set_visible (GTK_WIDGET (self), housing || facilities || self->under_way);
}

/* Each swatch draws from its own copy of the entry, so the key may be replaced under it. */
static WmMapKeyEntry *
copy_entry (const WmMapKeyEntry *entry)
{
  WmMapKeyEntry *copy = g_new (WmMapKeyEntry, 1);

  *copy = (WmMapKeyEntry) { entry->color, entry->pattern, NULL };
  return copy;
}

static void
rebuild_rows (WmMapLegend *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->rows)) != NULL)
    gtk_box_remove (GTK_BOX (self->rows), child);

  for (guint i = 0; i < wm_map_key_get_n_entries (self->key); i++)
    {
      const WmMapKeyEntry *entry = wm_map_key_get_entry (self->key, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (entry->label);

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 22);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                      copy_entry (entry), g_free);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (row), swatch);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (self->rows), row);
    }
}

static void
rebuild_key (WmMapLegend *self)
{
  g_clear_pointer (&self->key, wm_map_key_free);
  /* As of a year the title names it instead of "after the plan". */
  self->key = wm_map_key_new (self->mode, self->segment, self->projected && self->year == 0,
                              (const WmFacilityType *) self->facility_types->data,
                              self->facility_types->len);
}

void
wm_map_legend_set_style (WmMapLegend *self, WmHousingMode mode, WmSegment segment)
{
  const char *title;

  g_return_if_fail (WM_IS_MAP_LEGEND (self));

  self->mode = mode;
  self->segment = segment;
  rebuild_key (self);
  title = wm_map_key_get_title (self->key);
  if (title != NULL && self->projected && self->year != 0)
    {
      /* Translators: the map legend's title, e.g. "Largest segment — as of 2031". */
      g_autofree char *dated = g_strdup_printf (_("%s — as of %d"), title, self->year);

      gtk_label_set_text (GTK_LABEL (self->title), dated);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->title), title != NULL ? title : "");
  rebuild_rows (self);
  update_visibility (self);
}

void
wm_map_legend_set_facility_types (WmMapLegend *self, const WmFacilityType *types,
                                  guint n_types)
{
  GtkWidget *child;

  g_return_if_fail (WM_IS_MAP_LEGEND (self));
  g_return_if_fail (types != NULL || n_types == 0);

  if (self->facility_types->len == n_types
      && (n_types == 0 || memcmp (self->facility_types->data, types,
                                  n_types * sizeof (WmFacilityType)) == 0))
    return;
  g_array_set_size (self->facility_types, 0);
  g_array_append_vals (self->facility_types, types, n_types);
  rebuild_key (self);

  while ((child = gtk_widget_get_first_child (self->facility_rows)) != NULL)
    gtk_box_remove (GTK_BOX (self->facility_rows), child);
  for (guint i = 0; i < n_types; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (wm_map_key_get_facility_label (types[i]));

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 22);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 18);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_facility_swatch,
                                      GINT_TO_POINTER (types[i]), NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (row), swatch);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (self->facility_rows), row);
    }
  update_visibility (self);
}

guint
wm_map_legend_get_n_facility_entries (WmMapLegend *self)
{
  g_return_val_if_fail (WM_IS_MAP_LEGEND (self), 0);
  return self->facility_types->len;
}

WmFacilityType
wm_map_legend_get_facility_entry_type (WmMapLegend *self, guint index)
{
  g_return_val_if_fail (WM_IS_MAP_LEGEND (self), WM_N_FACILITY_TYPES);
  g_return_val_if_fail (index < self->facility_types->len, WM_N_FACILITY_TYPES);
  return g_array_index (self->facility_types, WmFacilityType, index);
}

const char *
wm_map_legend_get_facility_title (WmMapLegend *self)
{
  g_return_val_if_fail (WM_IS_MAP_LEGEND (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->facility_title));
}

void
wm_map_legend_set_projected (WmMapLegend *self, gboolean projected)
{
  g_return_if_fail (WM_IS_MAP_LEGEND (self));

  projected = !!projected;
  if (self->projected == projected)
    return;
  self->projected = projected;
  wm_map_legend_set_style (self, self->mode, self->segment);
}

void
wm_map_legend_set_year (WmMapLegend *self, int year)
{
  g_return_if_fail (WM_IS_MAP_LEGEND (self));

  if (self->year == year)
    return;
  self->year = year;
  wm_map_legend_set_style (self, self->mode, self->segment);
}

void
wm_map_legend_set_under_way (WmMapLegend *self, gboolean shown)
{
  g_return_if_fail (WM_IS_MAP_LEGEND (self));

  shown = !!shown;
  if (self->under_way == shown)
    return;
  self->under_way = shown;
  update_visibility (self);
}

gboolean
wm_map_legend_get_under_way (WmMapLegend *self)
{
  g_return_val_if_fail (WM_IS_MAP_LEGEND (self), FALSE);
  return self->under_way;
}

gboolean
wm_map_legend_get_projected (WmMapLegend *self)
{
  g_return_val_if_fail (WM_IS_MAP_LEGEND (self), FALSE);
  return self->projected;
}

const char *
wm_map_legend_get_title (WmMapLegend *self)
{
  g_return_val_if_fail (WM_IS_MAP_LEGEND (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->title));
}

guint
wm_map_legend_get_n_entries (WmMapLegend *self)
{
  g_return_val_if_fail (WM_IS_MAP_LEGEND (self), 0);
  return wm_map_key_get_n_entries (self->key);
}

guint32
wm_map_legend_get_entry_color (WmMapLegend *self, guint index)
{
  g_return_val_if_fail (WM_IS_MAP_LEGEND (self), 0);
  g_return_val_if_fail (index < wm_map_key_get_n_entries (self->key), 0);
  return wm_map_key_get_entry (self->key, index)->color;
}

int
wm_map_legend_get_entry_pattern (WmMapLegend *self, guint index)
{
  g_return_val_if_fail (WM_IS_MAP_LEGEND (self), -1);
  g_return_val_if_fail (index < wm_map_key_get_n_entries (self->key), -1);
  return wm_map_key_get_entry (self->key, index)->pattern;
}

const char *
wm_map_legend_get_entry_label (WmMapLegend *self, guint index)
{
  g_return_val_if_fail (WM_IS_MAP_LEGEND (self), NULL);
  g_return_val_if_fail (index < wm_map_key_get_n_entries (self->key), NULL);
  return wm_map_key_get_entry (self->key, index)->label;
}

static void
wm_map_legend_dispose (GObject *object)
{
  WmMapLegend *self = WM_MAP_LEGEND (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->key, wm_map_key_free);
  g_clear_pointer (&self->facility_types, g_array_unref);

  G_OBJECT_CLASS (wm_map_legend_parent_class)->dispose (object);
}

static void
wm_map_legend_class_init (WmMapLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_map_legend_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wm-map-legend");
}

static void
wm_map_legend_init (WmMapLegend *self)
{

  /* Side by side, so that the key stays clear of the tool palette below it. */
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->box, "osd");
  gtk_widget_add_css_class (self->box, "wm-map-legend");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->housing_part = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  /* Margins inside the dark OSD box stand in for padding. */
  g_object_set (self->housing_part, "margin-top", 8, "margin-bottom", 8, "margin-start", 10,
                "margin-end", 10, NULL);
  gtk_box_append (GTK_BOX (self->box), self->housing_part);
  self->title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_box_append (GTK_BOX (self->housing_part), self->title);
  self->rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (self->housing_part), self->rows);

  self->facility_types = g_array_new (FALSE, FALSE, sizeof (WmFacilityType));
  self->key = wm_map_key_new (WM_HOUSING_NEUTRAL, 0, FALSE, NULL, 0);
  self->facility_part = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_object_set (self->facility_part, "margin-top", 8, "margin-bottom", 8, "margin-start", 10,
                "margin-end", 10, NULL);
  gtk_box_append (GTK_BOX (self->box), self->facility_part);
  self->facility_title = gtk_label_new (wm_map_key_get_facility_title (self->key));
  gtk_widget_add_css_class (self->facility_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->facility_title), 0);
  gtk_box_append (GTK_BOX (self->facility_part), self->facility_title);
  self->facility_rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (self->facility_part), self->facility_rows);

  /* As of a year: what the hatched, dashed proposals are. */
  self->under_way_part = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_object_set (self->under_way_part, "margin-top", 8, "margin-bottom", 8, "margin-start", 10,
                "margin-end", 10, NULL);
  gtk_box_append (GTK_BOX (self->box), self->under_way_part);
  {
    GtkWidget *heading = gtk_label_new (_("Changes"));
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *swatch = gtk_drawing_area_new ();
    GtkWidget *label = gtk_label_new (_("Under construction"));

    gtk_widget_add_css_class (heading, "heading");
    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_box_append (GTK_BOX (self->under_way_part), heading);
    gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 22);
    gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
    gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_under_way_swatch, NULL,
                                    NULL);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_box_append (GTK_BOX (row), swatch);
    gtk_box_append (GTK_BOX (row), label);
    gtk_box_append (GTK_BOX (self->under_way_part), row);
  }
  gtk_widget_set_visible (self->under_way_part, FALSE);

  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
wm_map_legend_new (void)
{
  return g_object_new (WM_TYPE_MAP_LEGEND, NULL);
}
