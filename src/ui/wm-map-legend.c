/* wm-map-legend.c: the key to the housing colours and facility symbols, overlaid on the map */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wm-map-legend.h"

typedef struct
{
  guint32 color;
  int pattern;
  char *label;
} Entry;

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
  GArray *entries; /* Entry */
  GArray *facility_types; /* WmFacilityType */
  WmHousingMode mode;
  WmSegment segment;
  gboolean projected;
};

G_DEFINE_FINAL_TYPE (WmMapLegend, wm_map_legend, GTK_TYPE_WIDGET)

static void
entry_clear (Entry *entry)
{
  g_clear_pointer (&entry->label, g_free);
}

static void
draw_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  Entry *entry = user_data;

  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  wm_map_style_set_source_rgb (cr, entry->color, 1.0);
  cairo_fill_preserve (cr);
  if (entry->pattern >= 0)
    {
      cairo_save (cr);
      cairo_clip_preserve (cr);
      wm_map_style_draw_segment_pattern (cr, (WmSegment) entry->pattern, 0, 0, width, height, 5.0);
      cairo_restore (cr);
    }
  wm_map_style_set_source_rgb (cr, wm_map_style_get_housing_outline (), 1.0);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
draw_facility_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height,
                      gpointer user_data)
{
  wm_map_style_draw_facility_symbol (cr, GPOINTER_TO_INT (user_data), width / 2.0, height / 2.0,
                                     MIN (width, height) / 2.0 - 1.5);
}

static void
update_visibility (WmMapLegend *self)
{
  gboolean housing = self->entries->len > 0;
  gboolean facilities = self->facility_types->len > 0;

  gtk_widget_set_visible (self->housing_part, housing);
  gtk_widget_set_visible (self->facility_part, facilities);
  gtk_widget_set_visible (GTK_WIDGET (self), housing || facilities);
}

static void
add_entry (WmMapLegend *self, guint32 color, int pattern, const char *label)
{
  Entry entry = { color, pattern, g_strdup (label) };

  g_array_append_val (self->entries, entry);
}

static void
rebuild_rows (WmMapLegend *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->rows)) != NULL)
    gtk_box_remove (GTK_BOX (self->rows), child);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (entry->label);

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 22);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      /* The entries array is not resized until the rows are rebuilt. */
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, entry, NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (row), swatch);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (self->rows), row);
    }
}

void
wm_map_legend_set_style (WmMapLegend *self, WmHousingMode mode, WmSegment segment)
{
  WmSegmentTable *table = wm_segment_table_get_default ();
  g_autofree char *title = NULL;

  g_return_if_fail (WM_IS_MAP_LEGEND (self));

  self->mode = mode;
  self->segment = segment;
  rebuild_rows (self); /* drop rows that point into the old entries first */
  g_array_set_size (self->entries, 0);

  switch (mode)
    {
    case WM_HOUSING_DOMINANT:
      /* Translators: the legend title: each building has the colour of the segment with
       * the most dwellings in it. */
      title = g_strdup (_("Largest segment"));
      for (int s = 0; s < WM_N_SEGMENTS; s++)
        add_entry (self, wm_map_style_get_segment_color (s), s,
                   wm_segment_table_get_name (table, s));
      break;
    case WM_HOUSING_SHARE:
      /* Translators: the legend title, %s is a housing segment. */
      title = g_strdup_printf (_("Share of %s"), wm_segment_table_get_name (table, segment));
      for (int k = 0; k < WM_HOUSING_N_SHARE_CLASSES; k++)
        {
          int step = 100 / WM_HOUSING_N_SHARE_CLASSES;
          g_autofree char *label = g_strdup_printf ("%d–%d %%", k * step, (k + 1) * step);

          add_entry (self, wm_map_style_get_share_color (segment, k), -1, label);
        }
      break;
    case WM_HOUSING_NEUTRAL:
    default:
      break;
    }

  if (title != NULL && self->projected)
    {
      /* Translators: the legend title when the map shows the dwellings after the plan; %s is
       * "Largest segment" or "Share of <segment>". */
      char *after = g_strdup_printf (_("%s — after the plan"), title);

      g_free (title);
      title = after;
    }

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

  while ((child = gtk_widget_get_first_child (self->facility_rows)) != NULL)
    gtk_box_remove (GTK_BOX (self->facility_rows), child);
  for (guint i = 0; i < n_types; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (wm_facility_type_label (types[i]));

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
  return self->entries->len;
}

guint32
wm_map_legend_get_entry_color (WmMapLegend *self, guint index)
{
  g_return_val_if_fail (WM_IS_MAP_LEGEND (self), 0);
  g_return_val_if_fail (index < self->entries->len, 0);
  return g_array_index (self->entries, Entry, index).color;
}

int
wm_map_legend_get_entry_pattern (WmMapLegend *self, guint index)
{
  g_return_val_if_fail (WM_IS_MAP_LEGEND (self), -1);
  g_return_val_if_fail (index < self->entries->len, -1);
  return g_array_index (self->entries, Entry, index).pattern;
}

const char *
wm_map_legend_get_entry_label (WmMapLegend *self, guint index)
{
  g_return_val_if_fail (WM_IS_MAP_LEGEND (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return g_array_index (self->entries, Entry, index).label;
}

static void
wm_map_legend_dispose (GObject *object)
{
  WmMapLegend *self = WM_MAP_LEGEND (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->entries, g_array_unref);
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
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);

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
  self->facility_part = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_object_set (self->facility_part, "margin-top", 8, "margin-bottom", 8, "margin-start", 10,
                "margin-end", 10, NULL);
  gtk_box_append (GTK_BOX (self->box), self->facility_part);
  self->facility_title = gtk_label_new (_("Facilities"));
  gtk_widget_add_css_class (self->facility_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->facility_title), 0);
  gtk_box_append (GTK_BOX (self->facility_part), self->facility_title);
  self->facility_rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (self->facility_part), self->facility_rows);

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
