/* wm-map-key.c: what the map's colours and symbols mean, for the legend on screen and paper */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-map-key.h"

struct _WmMapKey
{
  char *title; /* NULL without a housing part */
  GArray *entries; /* WmMapKeyEntry */
  GArray *facility_types; /* WmFacilityType */
};

static void
entry_clear (WmMapKeyEntry *entry)
{
  g_clear_pointer (&entry->label, g_free);
}

static void
add_entry (WmMapKey *self, guint32 color, int pattern, char *label)
{
  WmMapKeyEntry entry = { color, pattern, label };

  g_array_append_val (self->entries, entry);
}

WmMapKey *
wm_map_key_new (WmHousingMode mode, WmSegment segment, gboolean projected,
                const WmFacilityType *types, guint n_types)
{
  WmSegmentTable *table = wm_segment_table_get_default ();
  WmMapKey *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (types != NULL || n_types == 0, NULL);

  self = g_new0 (WmMapKey, 1);
  self->entries = g_array_new (FALSE, TRUE, sizeof (WmMapKeyEntry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);
  self->facility_types = g_array_new (FALSE, FALSE, sizeof (WmFacilityType));
  if (n_types > 0)
    g_array_append_vals (self->facility_types, types, n_types);

  switch (mode)
    {
    case WM_HOUSING_DOMINANT:
      /* Translators: the legend title: each building has the colour of the segment with
       * the most dwellings in it. */
      title = g_strdup (_("Largest segment"));
      for (int s = 0; s < WM_N_SEGMENTS; s++)
        add_entry (self, wm_map_style_get_segment_color (s), s,
                   g_strdup (wm_segment_table_get_name (table, s)));
      break;
    case WM_HOUSING_SHARE:
      /* Translators: the legend title, %s is a housing segment. */
      title = g_strdup_printf (_("Share of %s"), wm_segment_table_get_name (table, segment));
      for (int k = 0; k < WM_HOUSING_N_SHARE_CLASSES; k++)
        {
          int step = 100 / WM_HOUSING_N_SHARE_CLASSES;

          add_entry (self, wm_map_style_get_share_color (segment, k), -1,
                     g_strdup_printf ("%d–%d %%", k * step, (k + 1) * step));
        }
      break;
    case WM_HOUSING_NEUTRAL:
    default:
      break;
    }

  if (title != NULL && projected)
    /* Translators: the legend title when the map shows the dwellings after the plan; %s is
     * "Largest segment" or "Share of <segment>". */
    self->title = g_strdup_printf (_("%s — after the plan"), title);
  else
    self->title = g_steal_pointer (&title);
  return self;
}

void
wm_map_key_free (WmMapKey *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_array_unref (self->entries);
  g_array_unref (self->facility_types);
  g_free (self);
}

const char *
wm_map_key_get_title (WmMapKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

guint
wm_map_key_get_n_entries (WmMapKey *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->entries->len;
}

const WmMapKeyEntry *
wm_map_key_get_entry (WmMapKey *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return &g_array_index (self->entries, WmMapKeyEntry, index);
}

const char *
wm_map_key_get_facility_title (WmMapKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return _("Facilities");
}

guint
wm_map_key_get_n_facility_types (WmMapKey *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->facility_types->len;
}

WmFacilityType
wm_map_key_get_facility_type (WmMapKey *self, guint index)
{
  g_return_val_if_fail (self != NULL, WM_N_FACILITY_TYPES);
  g_return_val_if_fail (index < self->facility_types->len, WM_N_FACILITY_TYPES);
  return g_array_index (self->facility_types, WmFacilityType, index);
}

const char *
wm_map_key_get_facility_label (WmFacilityType type)
{
  return wm_facility_type_label (type);
}

void
wm_map_key_draw_swatch (cairo_t *cr, const WmMapKeyEntry *entry, double x, double y,
                        double width, double height, double line_width)
{
  g_return_if_fail (cr != NULL && entry != NULL);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, x + line_width / 2, y + line_width / 2, width - line_width,
                   height - line_width);
  wm_map_style_set_source_rgb (cr, entry->color, 1.0);
  cairo_fill_preserve (cr);
  if (entry->pattern >= 0)
    {
      cairo_save (cr);
      cairo_clip_preserve (cr);
      /* The hatching at the spacing of the screen legend, relative to the swatch. */
      wm_map_style_draw_segment_pattern (cr, (WmSegment) entry->pattern, x, y, x + width,
                                         y + height, height * 5.0 / 14.0);
      cairo_restore (cr);
    }
  wm_map_style_set_source_rgb (cr, wm_map_style_get_housing_outline (), 1.0);
  cairo_set_line_width (cr, line_width);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
wm_map_key_draw_facility_swatch (cairo_t *cr, WmFacilityType type, double x, double y,
                                 double width, double height)
{
  g_return_if_fail (cr != NULL);

  wm_map_style_draw_facility_symbol (cr, type, x + width / 2.0, y + height / 2.0,
                                     MIN (width, height) / 2.0 - 1.5);
}
