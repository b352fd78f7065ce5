/* wm-layer-list.c: switches for the map layers and the housing colouring */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-layer-list.h"

struct _WmLayerList
{
  GtkWidget parent_instance;

  WmMapView *map_view; /* weak: the list lives in the same window */
  GtkWidget *box;
  GHashTable *checks; /* layer id -> GtkCheckButton */
  GtkDropDown *housing_choice;
  GtkDropDown *state_choice;
};

G_DEFINE_FINAL_TYPE (WmLayerList, wm_layer_list, GTK_TYPE_WIDGET)

static void
on_check_toggled (GtkCheckButton *check, WmLayerList *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "layer-id");

  if (self->map_view != NULL)
    wm_map_view_set_layer_visible (self->map_view, id, gtk_check_button_get_active (check));
}

static void
on_housing_selected (GtkDropDown *drop_down, GParamSpec *pspec, WmLayerList *self)
{
  guint i = gtk_drop_down_get_selected (drop_down);

  if (self->map_view == NULL || i == GTK_INVALID_LIST_POSITION)
    return;
  if (i == 0)
    wm_map_view_set_housing_style (self->map_view, WM_HOUSING_NEUTRAL,
                                   wm_map_view_get_housing_segment (self->map_view));
  else if (i == 1)
    wm_map_view_set_housing_style (self->map_view, WM_HOUSING_DOMINANT,
                                   wm_map_view_get_housing_segment (self->map_view));
  else
    wm_map_view_set_housing_style (self->map_view, WM_HOUSING_SHARE, (WmSegment) (i - 2));
  /* Now or after the plan means nothing while buildings are not coloured. */
  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (self->state_choice)), i != 0);
}

static void
on_state_selected (GtkDropDown *drop_down, GParamSpec *pspec, WmLayerList *self)
{
  guint i = gtk_drop_down_get_selected (drop_down);

  if (self->map_view == NULL || i == GTK_INVALID_LIST_POSITION)
    return;
  wm_map_view_set_housing_state (self->map_view,
                                 i == 1 ? WM_INDICATOR_PROJECTED : WM_INDICATOR_BASELINE);
}

static guint
housing_position (WmMapView *view)
{
  switch (wm_map_view_get_housing_mode (view))
    {
    case WM_HOUSING_DOMINANT:
      return 1;
    case WM_HOUSING_SHARE:
      return 2 + wm_map_view_get_housing_segment (view);
    case WM_HOUSING_NEUTRAL:
    default:
      return 0;
    }
}

GtkWidget *
wm_layer_list_new (WmMapView *map_view)
{
  WmLayerList *self;
  const char *const *ids;
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  WmSegmentTable *table = wm_segment_table_get_default ();
  GtkWidget *label;
  GtkWidget *state_box;

  g_return_val_if_fail (WM_IS_MAP_VIEW (map_view), NULL);

  self = g_object_new (WM_TYPE_LAYER_LIST, NULL);
  self->map_view = map_view;
  g_object_add_weak_pointer (G_OBJECT (map_view), (gpointer *) &self->map_view);

  ids = wm_map_view_get_layer_ids (map_view);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (wm_map_view_get_layer_title (ids[i]));

      g_object_set_data_full (G_OBJECT (check), "layer-id", g_strdup (ids[i]), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   wm_map_view_get_layer_visible (map_view, ids[i]));
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
      g_hash_table_insert (self->checks, g_strdup (ids[i]), check);
      /* Top layer first, as the map stacks them. */
      gtk_box_prepend (GTK_BOX (self->box), check);
    }

  label = gtk_label_new (_("Colour buildings by"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (self->box), label);

  gtk_string_list_append (choices, _("Not coloured"));
  gtk_string_list_append (choices, _("Segment with most dwellings"));
  for (int s = 0; s < WM_N_SEGMENTS; s++)
    {
      g_autofree char *text = g_strdup_printf (_("Share of %s"),
                                               wm_segment_table_get_name (table, s));
      gtk_string_list_append (choices, text);
    }
  self->housing_choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&choices)),
                                                           NULL));
  gtk_drop_down_set_selected (self->housing_choice, housing_position (map_view));
  g_signal_connect (self->housing_choice, "notify::selected", G_CALLBACK (on_housing_selected),
                    self);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->housing_choice));

  /* Translators: "Show: Now | After the plan", which dwellings the building colours show. */
  label = gtk_label_new (_("Show"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  self->state_choice =
    GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char *[]) {
                                                     _("Now"), _("After the plan"), NULL }));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_choice),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show"), -1);
  gtk_drop_down_set_selected (self->state_choice,
                              wm_map_view_get_housing_state (map_view) == WM_INDICATOR_PROJECTED
                                ? 1 : 0);
  g_signal_connect (self->state_choice, "notify::selected", G_CALLBACK (on_state_selected), self);
  state_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (state_box), label);
  gtk_box_append (GTK_BOX (state_box), GTK_WIDGET (self->state_choice));
  gtk_widget_set_sensitive (state_box, housing_position (map_view) != 0);
  gtk_box_append (GTK_BOX (self->box), state_box);

  return GTK_WIDGET (self);
}

GtkCheckButton *
wm_layer_list_get_check (WmLayerList *self, const char *layer_id)
{
  g_return_val_if_fail (WM_IS_LAYER_LIST (self), NULL);
  return g_hash_table_lookup (self->checks, layer_id);
}

GtkDropDown *
wm_layer_list_get_housing_choice (WmLayerList *self)
{
  g_return_val_if_fail (WM_IS_LAYER_LIST (self), NULL);
  return self->housing_choice;
}

GtkDropDown *
wm_layer_list_get_housing_state_choice (WmLayerList *self)
{
  g_return_val_if_fail (WM_IS_LAYER_LIST (self), NULL);
  return self->state_choice;
}

static void
wm_layer_list_dispose (GObject *object)
{
  WmLayerList *self = WM_LAYER_LIST (object);

  if (self->map_view != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->map_view), (gpointer *) &self->map_view);
  self->map_view = NULL;
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->checks, g_hash_table_unref);

  G_OBJECT_CLASS (wm_layer_list_parent_class)->dispose (object);
}

static void
wm_layer_list_class_init (WmLayerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_layer_list_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wm-layer-list");
}

static void
wm_layer_list_init (WmLayerList *self)
{
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}
