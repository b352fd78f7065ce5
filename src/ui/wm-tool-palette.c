/* wm-tool-palette.c: the vertical row of editing tools overlaid on the map */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-map-tools.h"
#include "wm-tool-palette.h"

/* Big enough for a finger on a touch screen and readable on a projector. */
#define BUTTON_SIZE 44

struct _WmToolPalette
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *buttons[WM_N_TOOLS];
};

G_DEFINE_FINAL_TYPE (WmToolPalette, wm_tool_palette, GTK_TYPE_WIDGET)

GtkWidget *
wm_tool_palette_new (void)
{
  return g_object_new (WM_TYPE_TOOL_PALETTE, NULL);
}

GtkWidget *
wm_tool_palette_get_button (WmToolPalette *self, const char *key)
{
  WmTool tool;

  g_return_val_if_fail (WM_IS_TOOL_PALETTE (self), NULL);

  if (!wm_tool_from_key (key, &tool))
    return NULL;
  return self->buttons[tool];
}

static void
wm_tool_palette_dispose (GObject *object)
{
  WmToolPalette *self = WM_TOOL_PALETTE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (wm_tool_palette_parent_class)->dispose (object);
}

static void
wm_tool_palette_class_init (WmToolPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_tool_palette_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wm-tool-palette");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
wm_tool_palette_init (WmToolPalette *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->box, "linked");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  for (guint i = 0; i < WM_N_TOOLS; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      g_autofree char *shortcut = g_utf8_strup (gdk_keyval_name (wm_tool_shortcut (i)), -1);
      /* Translators: a tool and its keyboard shortcut, e.g. "Demolish (D)". */
      g_autofree char *tooltip = g_strdup_printf (_("%s (%s)"), wm_tool_label (i), shortcut);

      gtk_button_set_icon_name (GTK_BUTTON (button), wm_tool_icon_name (i));
      gtk_widget_set_size_request (button, BUTTON_SIZE, BUTTON_SIZE);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      wm_tool_label (i), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.tool");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", wm_tool_key (i));
      gtk_box_append (GTK_BOX (self->box), button);
      self->buttons[i] = button;
    }
}
