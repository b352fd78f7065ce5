/* test-timeline-bar.c: the timeline bar offers the scenario's years, sets the engine's year,
 * plays to the last year and returns to the whole plan */
#include "config.h"

#include "wm-document.h"
#include "wm-test-util.h"
#include "wm-timeline-bar.h"

typedef struct
{
  WmDocument *document;
  WmPlan *plan;
  WmHistory *history;
  WmIndicatorEngine *engine;
  GtkWidget *window;
  WmTimelineBar *bar;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (WmPlan) plan = wm_test_make_small_plan ("Jaren");

  f->document = wm_document_new (plan, NULL);
  f->plan = wm_document_get_plan (f->document);
  f->history = wm_document_get_history (f->document);
  f->engine = wm_document_get_engine (f->document);
  f->bar = WM_TIMELINE_BAR (wm_timeline_bar_new ());
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 100);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->bar));
  gtk_window_present (GTK_WINDOW (f->window));
  wm_timeline_bar_set_engine (f->bar, f->engine);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->document);
}

/* A new build of 10 social-rent dwellings completed in @year (0: none), started in @start. */
static WmProposal *
add_new_build (Fixture *f, const char *id, double x, int start, int year)
{
  g_autoptr (WmGeometry) footprint = wm_test_square (x, 200, 20);
  WmProposal *proposal = wm_proposal_new (id, WM_PROPOSAL_NEW_BUILD);
  WmDwellingMix mix = { { 0 } };
  g_autoptr (GError) error = NULL;

  mix.counts[WM_SEGMENT_SOCIAL_RENT] = 10;
  wm_proposal_set_geometry (proposal, footprint);
  wm_proposal_set_dwelling_delta (proposal, &mix);
  wm_proposal_set_start_year (proposal, start);
  wm_proposal_set_year (proposal, year);
  g_assert_true (wm_history_add_proposal (f->history, NULL, proposal, -1, &error));
  g_assert_no_error (error);
  return proposal;
}

static void
assert_range (WmTimelineBar *bar, int first, int last)
{
  int f = -1, l = -1;

  g_assert_true (wm_timeline_bar_get_range (bar, &f, &l));
  g_assert_cmpint (f, ==, first);
  g_assert_cmpint (l, ==, last);
}

static void
test_range (Fixture *f, gconstpointer data)
{
  GtkWidget *slider = wm_timeline_bar_get_slider (f->bar);
  GtkAdjustment *adjustment = gtk_range_get_adjustment (GTK_RANGE (slider));
  g_autoptr (WmProposal) first = NULL;
  g_autoptr (WmProposal) second = NULL;
  g_autoptr (WmProposal) undated = NULL;

  /* Nothing dated: nothing to move, and the bar says why. */
  g_assert_false (wm_timeline_bar_get_range (f->bar, NULL, NULL));
  g_assert_false (gtk_widget_get_sensitive (slider));
  g_assert_false (gtk_widget_get_sensitive (wm_timeline_bar_get_play_button (f->bar)));
  g_assert_nonnull (wm_timeline_bar_get_note_text (f->bar));
  g_assert_nonnull (strstr (wm_timeline_bar_get_note_text (f->bar), "completion year"));
  g_assert_cmpstr (wm_timeline_bar_get_year_text (f->bar), ==, "Whole plan");

  first = add_new_build (f, "p-first", 100, 0, 2027);
  assert_range (f->bar, 2027, 2027);
  g_assert_true (gtk_widget_get_sensitive (wm_timeline_bar_get_play_button (f->bar)));
  g_assert_null (wm_timeline_bar_get_note_text (f->bar));

  /* Started in 2026, completed in 2031: the range grows both ways. */
  second = add_new_build (f, "p-second", 200, 2026, 2031);
  assert_range (f->bar, 2026, 2031);
  g_assert_true (gtk_widget_get_sensitive (slider));
  g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, 2026);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, 2031);

  undated = add_new_build (f, "p-undated", 300, 0, 0);
  assert_range (f->bar, 2026, 2031);
  g_assert_cmpstr (wm_timeline_bar_get_note_text (f->bar), ==,
                   "1 change without a year is left out of the timeline");

  /* The slider sets the year, of the bar and of the engine. */
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 0);
  gtk_adjustment_set_value (adjustment, 2029);
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 2029);
  g_assert_cmpint (wm_indicator_engine_get_year (f->engine), ==, 2029);
  g_assert_cmpstr (wm_timeline_bar_get_year_text (f->bar), ==, "2029");
  g_assert_false (gtk_toggle_button_get_active (
      GTK_TOGGLE_BUTTON (wm_timeline_bar_get_whole_plan_button (f->bar))));

  /* Left and Right on the focused slider step a year (the keys' binding is "move-slider"). */
  g_assert_true (gtk_widget_get_focusable (slider));
  g_signal_emit_by_name (slider, "move-slider", GTK_SCROLL_STEP_LEFT);
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 2028);
  g_signal_emit_by_name (slider, "move-slider", GTK_SCROLL_STEP_RIGHT);
  g_signal_emit_by_name (slider, "move-slider", GTK_SCROLL_STEP_RIGHT);
  g_assert_cmpint (wm_indicator_engine_get_year (f->engine), ==, 2030);

  /* "Whole plan" returns to every proposal (the slider at its end), and off again to the last
   * year: the dated proposals alone. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (wm_timeline_bar_get_whole_plan_button (f->bar)),
                                TRUE);
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 0);
  g_assert_cmpint (wm_indicator_engine_get_year (f->engine), ==, WM_INDICATOR_ALL_YEARS);
  g_assert_cmpstr (wm_timeline_bar_get_year_text (f->bar), ==, "Whole plan");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (wm_timeline_bar_get_whole_plan_button (f->bar)),
                                FALSE);
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 2031);

  /* A year outside the range is the whole plan. */
  wm_timeline_bar_set_year (f->bar, 2040);
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 0);

  /* The range shrinks by an undo: a year still in it stays, one out of it goes. */
  wm_timeline_bar_set_year (f->bar, 2027);
  g_assert_true (wm_history_undo (f->history)); /* p-undated */
  g_assert_null (wm_timeline_bar_get_note_text (f->bar));
  g_assert_true (wm_history_undo (f->history)); /* p-second */
  assert_range (f->bar, 2027, 2027);
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 2027);
  g_assert_true (wm_history_redo (f->history));
  wm_timeline_bar_set_year (f->bar, 2030);
  g_assert_true (wm_history_undo (f->history));
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 0);
  g_assert_cmpint (wm_indicator_engine_get_year (f->engine), ==, 0);
}

static void
on_year (WmTimelineBar *bar, GParamSpec *pspec, GArray *years)
{
  int year = wm_timeline_bar_get_year (bar);

  g_array_append_val (years, year);
}

static gboolean
not_playing (gpointer data)
{
  return !wm_timeline_bar_get_playing (data);
}

static void
test_play (Fixture *f, gconstpointer data)
{
  g_autoptr (WmProposal) a = add_new_build (f, "p-a", 100, 0, 2026);
  g_autoptr (WmProposal) b = add_new_build (f, "p-b", 200, 0, 2029);
  g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (WmTestSignalWatch) playing = wm_test_signal_watch_new (f->bar, "notify::playing");
  gulong id;

  g_assert_cmpuint (wm_timeline_bar_get_tick_interval (f->bar), ==, WM_TIMELINE_BAR_TICK_MS);
  wm_timeline_bar_set_tick_interval (f->bar, 5);
  id = g_signal_connect (f->bar, "notify::year", G_CALLBACK (on_year), years);

  /* From the whole plan, the window's action plays from the first year. */
  wm_timeline_bar_set_playing (f->bar, TRUE);
  g_assert_true (wm_timeline_bar_get_playing (f->bar));
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 2026);
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (wm_timeline_bar_get_play_button (f->bar))),
                   ==, "media-playback-pause-symbolic");
  wm_test_wait_until (not_playing, f->bar, "the timeline to play to its last year and stop");

  /* One year per tick, in order, and it stops at the last. */
  g_assert_cmpuint (years->len, ==, 4);
  for (guint i = 0; i < years->len; i++)
    g_assert_cmpint (g_array_index (years, int, i), ==, 2026 + (int) i);
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 2029);
  g_assert_cmpint (wm_indicator_engine_get_year (f->engine), ==, 2029);
  g_assert_cmpuint (wm_test_signal_watch_get_count (playing), ==, 2);
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (wm_timeline_bar_get_play_button (f->bar))),
                   ==, "media-playback-start-symbolic");

  /* At the end, play starts over; the button pauses it. */
  g_array_set_size (years, 0);
  wm_timeline_bar_set_tick_interval (f->bar, 60000);
  g_signal_emit_by_name (wm_timeline_bar_get_play_button (f->bar), "clicked");
  g_assert_true (wm_timeline_bar_get_playing (f->bar));
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 2026);
  g_signal_emit_by_name (wm_timeline_bar_get_play_button (f->bar), "clicked");
  g_assert_false (wm_timeline_bar_get_playing (f->bar));
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 2026);

  /* "Whole plan" while playing stops it. */
  wm_timeline_bar_set_playing (f->bar, TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (wm_timeline_bar_get_whole_plan_button (f->bar)),
                                TRUE);
  g_assert_false (wm_timeline_bar_get_playing (f->bar));
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 0);
  g_signal_handler_disconnect (f->bar, id);
}

static void
test_scenarios (Fixture *f, gconstpointer data)
{
  g_autoptr (WmProposal) a = add_new_build (f, "p-a", 100, 0, 2026);
  g_autoptr (WmProposal) b = add_new_build (f, "p-b", 200, 0, 2032);
  WmScenario *plan_a = wm_plan_get_active_scenario (f->plan);
  g_autoptr (WmScenario) short_one = wm_scenario_new ("s-short", "Kort");
  g_autoptr (WmScenario) empty = wm_scenario_new ("s-empty", "Leeg");
  g_autoptr (WmProposal) c = wm_proposal_new ("p-c", WM_PROPOSAL_NEW_BUILD);
  g_autoptr (WmGeometry) footprint = wm_test_square (400, 200, 20);
  WmDwellingMix mix = { { 0 } };

  mix.counts[WM_SEGMENT_MID_RENT] = 4;
  wm_proposal_set_geometry (c, footprint);
  wm_proposal_set_dwelling_delta (c, &mix);
  wm_proposal_set_year (c, 2028);
  wm_history_add_scenario (f->history, short_one, FALSE);
  wm_history_add_scenario (f->history, empty, FALSE);
  g_assert_true (wm_history_add_proposal (f->history, short_one, c, -1, NULL));

  /* 2028 lies in the other scenario's range too: kept. */
  wm_timeline_bar_set_year (f->bar, 2028);
  wm_history_set_active_scenario (f->history, short_one);
  g_assert_true (wm_indicator_engine_get_scenario (f->engine) == short_one);
  assert_range (f->bar, 2028, 2028);
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 2028);
  g_assert_cmpint (wm_indicator_engine_get_year (f->engine), ==, 2028);

  /* Back, then 2030: not in the short scenario, so the whole plan there. */
  wm_history_set_active_scenario (f->history, plan_a);
  assert_range (f->bar, 2026, 2032);
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 2028);
  wm_timeline_bar_set_year (f->bar, 2030);
  wm_history_set_active_scenario (f->history, short_one);
  g_assert_cmpint (wm_timeline_bar_get_year (f->bar), ==, 0);
  g_assert_cmpint (wm_indicator_engine_get_year (f->engine), ==, 0);

  /* No dated proposal at all: nothing to play. */
  wm_history_set_active_scenario (f->history, empty);
  g_assert_false (wm_timeline_bar_get_range (f->bar, NULL, NULL));
  wm_timeline_bar_set_playing (f->bar, TRUE);
  g_assert_false (wm_timeline_bar_get_playing (f->bar));
  g_assert_false (gtk_widget_get_sensitive (wm_timeline_bar_get_whole_plan_button (f->bar)));
}

int
main (int argc, char *argv[])
{
  wm_test_init_ui (&argc, &argv);

  g_test_add ("/timeline-bar/range", Fixture, NULL, fixture_set_up, test_range,
              fixture_tear_down);
  g_test_add ("/timeline-bar/play", Fixture, NULL, fixture_set_up, test_play, fixture_tear_down);
  g_test_add ("/timeline-bar/scenarios", Fixture, NULL, fixture_set_up, test_scenarios,
              fixture_tear_down);
  return g_test_run ();
}
