/* wm-timeline-bar.c: the plan over the years, under the map */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "wm-timeline.h"
#include "wm-timeline-bar.h"

struct _WmTimelineBar
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *play_button;
  GtkLabel *year_label;
  GtkScale *slider;
  GtkAdjustment *adjustment;
  GtkWidget *whole_button;
  GtkLabel *note_label;

  WmIndicatorEngine *engine;
  WmPlan *plan; /* the engine's, watched for proposals edited */
  int year;     /* 0: the whole plan */
  gboolean has_range;
  int first, last;
  guint undated;
  guint tick_interval;
  guint tick_id;
  gboolean syncing; /* the widgets are set from the state: their signals are not the user's */
};

G_DEFINE_FINAL_TYPE (WmTimelineBar, wm_timeline_bar, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ENGINE,
  PROP_YEAR,
  PROP_PLAYING,
  PROP_TICK_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sync_widgets (WmTimelineBar *self)
{
  g_autofree char *year_text = NULL;
  gboolean playing = self->tick_id != 0;

  self->syncing = TRUE;
  if (self->has_range)
    gtk_adjustment_set_value (self->adjustment, self->year != 0 ? self->year : self->last);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->whole_button), self->year == 0);
  self->syncing = FALSE;

  /* The whole plan counts the proposals without a year too: no year is shown for it. */
  if (self->year != 0)
    year_text = g_strdup_printf ("%d", self->year);
  else
    year_text = g_strdup (_("Whole plan"));
  gtk_label_set_text (self->year_label, year_text);
  if (self->year != 0)
    gtk_widget_remove_css_class (GTK_WIDGET (self->year_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->year_label), "dim-label");

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button,
                               playing ? _("Pause (Ctrl+T)")
                                       : _("Play the plan year by year (Ctrl+T)"));
}

static void
update_note (WmTimelineBar *self)
{
  g_autofree char *note = NULL;

  if (self->engine == NULL)
    note = NULL;
  else if (!self->has_range)
    note = g_strdup (_("No change has a completion year yet: give the changes a year to see "
                       "the plan over the years."));
  else if (self->undated > 0)
    note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u change without a year is left out of the timeline",
                                         "%u changes without a year are left out of the timeline",
                                         self->undated),
                            self->undated);
  gtk_label_set_text (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
}

/* Year marks: every year while they fit, labelled every year over a short span, else at the
 * ends and every fifth year. */
static void
update_marks (WmTimelineBar *self)
{
  int span = self->last - self->first;

  gtk_scale_clear_marks (self->slider);
  if (!self->has_range)
    return;
  for (int y = self->first; y <= self->last; y++)
    {
      gboolean end = y == self->first || y == self->last;
      gboolean labelled = span <= 10 || end
                          || (y % 5 == 0 && y - self->first > 2 && self->last - y > 2);
      g_autofree char *text = labelled ? g_strdup_printf ("%d", y) : NULL;

      if (span > 40 && !labelled)
        continue;
      gtk_scale_add_mark (self->slider, y, GTK_POS_BOTTOM, text);
    }
}

static void stop_playing (WmTimelineBar *self);

static void
apply_year (WmTimelineBar *self, int year)
{
  if (year != 0 && (!self->has_range || year < self->first || year > self->last))
    year = 0;
  if (self->year == year)
    {
      sync_widgets (self);
      return;
    }
  self->year = year;
  sync_widgets (self);
  if (self->engine != NULL)
    wm_indicator_engine_set_year (self->engine, year);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

/* The range of the engine's scenario, after an edit or another scenario. */
static void
update_range (WmTimelineBar *self)
{
  WmScenario *scenario = self->engine != NULL ? wm_indicator_engine_get_scenario (self->engine)
                                              : NULL;
  int first = 0, last = 0;
  gboolean has_range = FALSE;
  guint undated = 0;

  if (self->plan != NULL && scenario != NULL)
    {
      has_range = wm_timeline_get_range (self->plan, scenario, &first, &last);
      undated = wm_timeline_count_undated (self->plan, scenario);
    }

  if (has_range != self->has_range || first != self->first || last != self->last)
    {
      self->has_range = has_range;
      self->first = first;
      self->last = last;
      self->syncing = TRUE;
      /* A single year still needs a span for the slider to draw. */
      gtk_adjustment_configure (self->adjustment, has_range ? last : 0, has_range ? first : 0,
                                has_range ? MAX (last, first + 1) : 1, 1, 1, 0);
      self->syncing = FALSE;
      update_marks (self);
      gtk_widget_set_sensitive (GTK_WIDGET (self->slider), has_range && last > first);
      gtk_widget_set_sensitive (self->play_button, has_range);
      gtk_widget_set_sensitive (self->whole_button, has_range);
    }
  self->undated = undated;
  update_note (self);
  if (!has_range)
    stop_playing (self);
  /* Kept while it lies in the new range; else back to the whole plan. */
  apply_year (self, self->year);
}

static void
on_slider_changed (WmTimelineBar *self)
{
  if (self->syncing || !self->has_range)
    return;
  apply_year (self, (int) lround (gtk_adjustment_get_value (self->adjustment)));
}

static void
on_whole_toggled (WmTimelineBar *self)
{
  if (self->syncing)
    return;
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->whole_button)))
    {
      stop_playing (self);
      apply_year (self, 0);
    }
  else
    apply_year (self, (int) lround (gtk_adjustment_get_value (self->adjustment)));
}

static gboolean
tick_cb (gpointer user_data)
{
  WmTimelineBar *self = user_data;

  if (!self->has_range)
    {
      self->tick_id = 0;
      stop_playing (self);
      return G_SOURCE_REMOVE;
    }
  apply_year (self, MIN (self->year + 1, self->last));
  if (self->year >= self->last)
    {
      /* The source ends with this return. */
      self->tick_id = 0;
      sync_widgets (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
stop_playing (WmTimelineBar *self)
{
  if (self->tick_id == 0)
    return;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  sync_widgets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

void
wm_timeline_bar_set_playing (WmTimelineBar *self, gboolean playing)
{
  g_return_if_fail (WM_IS_TIMELINE_BAR (self));

  if (!playing)
    {
      stop_playing (self);
      return;
    }
  if (self->tick_id != 0 || !self->has_range)
    return;
  /* From the start when there is nothing further to play. */
  if (self->year == 0 || self->year >= self->last)
    apply_year (self, self->first);
  if (self->year >= self->last)
    return;
  self->tick_id = g_timeout_add (self->tick_interval, tick_cb, self);
  sync_widgets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

gboolean
wm_timeline_bar_get_playing (WmTimelineBar *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_BAR (self), FALSE);
  return self->tick_id != 0;
}

static void
on_play_clicked (WmTimelineBar *self)
{
  wm_timeline_bar_set_playing (self, self->tick_id == 0);
}

void
wm_timeline_bar_set_tick_interval (WmTimelineBar *self, guint interval_ms)
{
  g_return_if_fail (WM_IS_TIMELINE_BAR (self));

  interval_ms = MAX (interval_ms, 1);
  if (self->tick_interval == interval_ms)
    return;
  self->tick_interval = interval_ms;
  if (self->tick_id != 0)
    {
      g_source_remove (self->tick_id);
      self->tick_id = g_timeout_add (self->tick_interval, tick_cb, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICK_INTERVAL]);
}

guint
wm_timeline_bar_get_tick_interval (WmTimelineBar *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_BAR (self), 0);
  return self->tick_interval;
}

GtkWidget *
wm_timeline_bar_new (void)
{
  return g_object_new (WM_TYPE_TIMELINE_BAR, NULL);
}

void
wm_timeline_bar_set_engine (WmTimelineBar *self, WmIndicatorEngine *engine)
{
  g_return_if_fail (WM_IS_TIMELINE_BAR (self));
  g_return_if_fail (engine == NULL || WM_IS_INDICATOR_ENGINE (engine));

  if (self->engine == engine)
    return;
  stop_playing (self);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->engine, engine);
  g_clear_object (&self->plan);
  if (engine != NULL)
    self->plan = g_object_ref (wm_indicator_engine_get_plan (engine));
  if (self->engine != NULL)
    g_signal_connect_object (self->engine, "changed", G_CALLBACK (update_range), self,
                             G_CONNECT_SWAPPED);
  /* A year edited, another scenario: the plan says so even where the counts stay. */
  if (self->plan != NULL)
    {
      g_signal_connect_object (self->plan, "changed", G_CALLBACK (update_range), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->plan, "notify::active-scenario", G_CALLBACK (update_range),
                               self, G_CONNECT_SWAPPED);
    }
  /* A new engine starts at the year the bar shows, when that lies in its range. */
  update_range (self);
  if (self->engine != NULL && wm_indicator_engine_get_year (self->engine) != self->year)
    wm_indicator_engine_set_year (self->engine, self->year);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

WmIndicatorEngine *
wm_timeline_bar_get_engine (WmTimelineBar *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_BAR (self), NULL);
  return self->engine;
}

void
wm_timeline_bar_set_year (WmTimelineBar *self, int year)
{
  g_return_if_fail (WM_IS_TIMELINE_BAR (self));
  apply_year (self, year);
}

int
wm_timeline_bar_get_year (WmTimelineBar *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_BAR (self), 0);
  return self->year;
}

gboolean
wm_timeline_bar_get_range (WmTimelineBar *self, int *out_first, int *out_last)
{
  g_return_val_if_fail (WM_IS_TIMELINE_BAR (self), FALSE);

  if (out_first != NULL)
    *out_first = self->first;
  if (out_last != NULL)
    *out_last = self->last;
  return self->has_range;
}

GtkWidget *
wm_timeline_bar_get_slider (WmTimelineBar *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_BAR (self), NULL);
  return GTK_WIDGET (self->slider);
}

GtkWidget *
wm_timeline_bar_get_play_button (WmTimelineBar *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_BAR (self), NULL);
  return self->play_button;
}

GtkWidget *
wm_timeline_bar_get_whole_plan_button (WmTimelineBar *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_BAR (self), NULL);
  return self->whole_button;
}

const char *
wm_timeline_bar_get_year_text (WmTimelineBar *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_BAR (self), NULL);
  return gtk_label_get_text (self->year_label);
}

const char *
wm_timeline_bar_get_note_text (WmTimelineBar *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE_BAR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->note_label))
             ? gtk_label_get_text (self->note_label) : NULL;
}

static void
wm_timeline_bar_dispose (GObject *object)
{
  WmTimelineBar *self = WM_TIMELINE_BAR (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (wm_timeline_bar_parent_class)->dispose (object);
}

static void
wm_timeline_bar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  WmTimelineBar *self = WM_TIMELINE_BAR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->tick_id != 0);
      break;
    case PROP_TICK_INTERVAL:
      g_value_set_uint (value, self->tick_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_timeline_bar_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  WmTimelineBar *self = WM_TIMELINE_BAR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      wm_timeline_bar_set_engine (self, g_value_get_object (value));
      break;
    case PROP_YEAR:
      wm_timeline_bar_set_year (self, g_value_get_int (value));
      break;
    case PROP_PLAYING:
      wm_timeline_bar_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_TICK_INTERVAL:
      wm_timeline_bar_set_tick_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_timeline_bar_class_init (WmTimelineBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_timeline_bar_dispose;
  object_class->get_property = wm_timeline_bar_get_property;
  object_class->set_property = wm_timeline_bar_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, WM_TYPE_INDICATOR_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TICK_INTERVAL] =
    g_param_spec_uint ("tick-interval", NULL, NULL, 1, G_MAXUINT, WM_TIMELINE_BAR_TICK_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wm-timeline-bar");
}

static void
wm_timeline_bar_init (WmTimelineBar *self)
{
  GtkWidget *row;

  self->tick_interval = WM_TIMELINE_BAR_TICK_MS;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_object_set (self->box, "margin-top", 6, "margin-bottom", 6, "margin-start", 12,
                "margin-end", 12, NULL);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (self->box), row);

  self->play_button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  gtk_widget_add_css_class (self->play_button, "circular");
  gtk_widget_set_valign (self->play_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->play_button, "clicked", G_CALLBACK (on_play_clicked), self);
  gtk_box_append (GTK_BOX (row), self->play_button);

  /* Wide enough for "Whole plan" and a year alike, so the slider does not jump. */
  self->year_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->year_label), "title-2");
  gtk_widget_add_css_class (GTK_WIDGET (self->year_label), "numeric");
  gtk_label_set_width_chars (self->year_label, 9);
  gtk_label_set_xalign (self->year_label, 0);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->year_label));

  self->adjustment = gtk_adjustment_new (0, 0, 1, 1, 1, 0);
  self->slider = GTK_SCALE (gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->adjustment));
  gtk_scale_set_digits (self->slider, 0);
  gtk_scale_set_draw_value (self->slider, FALSE);
  gtk_range_set_round_digits (GTK_RANGE (self->slider), 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->slider), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->slider), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->slider),
                               _("The plan as of the end of a year (Left, Right: a year back, on)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->slider), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Year"), -1);
  g_signal_connect_swapped (self->adjustment, "value-changed", G_CALLBACK (on_slider_changed),
                            self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->slider));

  self->whole_button = gtk_toggle_button_new_with_mnemonic (_("_Whole Plan"));
  gtk_widget_set_valign (self->whole_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->whole_button,
                               _("Every change, those without a year too"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->whole_button), TRUE);
  g_signal_connect_swapped (self->whole_button, "toggled", G_CALLBACK (on_whole_toggled), self);
  gtk_box_append (GTK_BOX (row), self->whole_button);

  self->note_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->note_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->note_label), "dim-label");
  gtk_label_set_xalign (self->note_label, 0);
  gtk_label_set_wrap (self->note_label, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->note_label));

  gtk_widget_set_sensitive (GTK_WIDGET (self->slider), FALSE);
  gtk_widget_set_sensitive (self->play_button, FALSE);
  gtk_widget_set_sensitive (self->whole_button, FALSE);
  sync_widgets (self);
}
