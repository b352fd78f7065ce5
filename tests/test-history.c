/* test-history.c: tests of the proposal factory, validation and the undo history */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "wm-history.h"
#include "wm-checklist-state.h"
#include "wm-project-file.h"
#include "wm-proposal-factory.h"
#include "wm-test-util.h"

static void
add_building (WmPlan     *plan,
              const char *id,
              double      x,
              double      y,
              int         social,
              int         mid,
              int         private_rent,
              int         affordable,
              int         expensive,
              const char *use)
{
  g_autoptr(WmGeometry) footprint = wm_test_square (x, y, 20);
  g_autoptr(WmBuilding) building = wm_building_new (id, footprint);
  WmDwellingMix mix = { { social, mid, private_rent, affordable, expensive } };

  wm_building_set_dwellings (building, &mix);
  wm_building_set_use (building, use);
  wm_plan_add_building (plan, building);
}

/* Always the same small plan: pristine copies are made by building it again. */
static WmPlan *
make_plan (void)
{
  WmPlan *plan = wm_plan_new ();
  g_autoptr(WmScenario) alternative = wm_scenario_new ("scenario-2", "Alternative");
  g_autoptr(WmFacility) playground = NULL;
  g_autoptr(WmFacility) centre = NULL;

  wm_plan_set_name (plan, "Test plan");
  add_building (plan, "b-1", 0, 0, 12, 4, 0, 0, 2, NULL);
  add_building (plan, "b-2", 30, 0, 6, 0, 3, 5, 0, NULL);
  add_building (plan, "b-3", 60, 0, 0, 0, 0, 0, 0, "shop");
  add_building (plan, "b-4", 90, 0, 0, 0, 0, 0, 1, NULL);
  add_building (plan, "b-5", 0, 40, 30, 10, 0, 0, 0, NULL);
  add_building (plan, "b-6", 30, 40, 0, 0, 0, 0, 0, "barn");

  playground = wm_facility_new ("f-1", WM_FACILITY_PLAYGROUND, "Speeltuin", 10, 100);
  centre = wm_facility_new ("f-2", WM_FACILITY_COMMUNITY_CENTRE, NULL, 50, 100);
  wm_plan_add_facility (plan, playground);
  wm_plan_add_facility (plan, centre);
  wm_plan_add_scenario (plan, alternative);

  return plan;
}

static WmDwellingMix
mix5 (int a, int b, int c, int d, int e)
{
  WmDwellingMix mix = { { a, b, c, d, e } };

  return mix;
}

static void
assert_mix (WmDwellingMix mix,
            int a, int b, int c, int d, int e)
{
  WmDwellingMix expected = mix5 (a, b, c, d, e);

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    g_assert_cmpint (mix.counts[s], ==, expected.counts[s]);
}

static WmDwellingMix
projected (WmPlan     *plan,
           const char *building_id,
           gboolean   *demolished)
{
  return wm_projected_building_dwellings (plan, NULL, WM_PROJECTED_ALL, building_id, demolished);
}

/* Adds @proposal (taking it) through @history. */
static WmProposal *
add (WmHistory  *history,
     WmProposal *proposal)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (proposal);
  g_assert_true (wm_history_add_proposal (history, NULL, proposal, -1, &error));
  g_assert_no_error (error);
  g_object_unref (proposal);

  return proposal;
}

/* ---------------------------------------------------------------------------------------------
 */

static void
test_presets (void)
{
  const WmMixPreset *thirds = wm_mix_preset_find ("thirds");
  const WmMixPreset *affordable = wm_mix_preset_find ("two-thirds-affordable");

  g_assert_nonnull (thirds);
  g_assert_nonnull (affordable);
  g_assert_null (wm_mix_preset_find ("nonsense"));
  g_assert_cmpstr (wm_mix_preset_get_label (thirds), ==, "1/3-1/3-1/3");
  g_assert_cmpuint (wm_mix_preset_get_n_presets (), >=, 3);

  /* 10 / 3: 3 each and one left, which goes to the first segment of the tie. */
  assert_mix (wm_mix_preset_split (thirds, 10), 4, 3, 0, 0, 3);
  assert_mix (wm_mix_preset_split (thirds, 11), 4, 4, 0, 0, 3);
  assert_mix (wm_mix_preset_split (thirds, 0), 0, 0, 0, 0, 0);
  assert_mix (wm_mix_preset_split (affordable, 6), 2, 1, 0, 1, 2);
  /* 7 * 2/6 = 2.33, 7 * 1/6 = 1.17: remainders 2/6 > 1/6, the social and expensive win. */
  assert_mix (wm_mix_preset_split (affordable, 7), 3, 1, 0, 1, 2);

  for (guint p = 0; p < wm_mix_preset_get_n_presets (); p++)
    {
      const WmMixPreset *preset = wm_mix_preset_get (p);

      for (int n = 0; n < 200; n++)
        {
          WmDwellingMix mix = wm_mix_preset_split (preset, n);

          g_assert_cmpint (wm_dwelling_mix_total (&mix), ==, n);
          for (guint s = 0; s < WM_N_SEGMENTS; s++)
            {
              g_assert_cmpint (mix.counts[s], >=, 0);
              if (preset->weights[s] == 0)
                g_assert_cmpint (mix.counts[s], ==, 0);
            }
        }
    }
}

static void
test_kinds (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmHistory) history = wm_history_new (plan);
  g_autoptr(GError) error = NULL;
  const char *pair[] = { "b-1", "b-2", NULL };
  const WmMixPreset *thirds = wm_mix_preset_find ("thirds");
  WmDwellingMix baseline_total = wm_projected_total_dwellings (plan, NULL);
  WmDwellingMix total;
  WmDwellingMix mix;
  g_autoptr(WmGeometry) footprint = NULL;
  WmProposal *proposal;
  gboolean demolished;
  const WmGeometry *point;

  assert_mix (baseline_total, 48, 14, 3, 5, 3);

  /* Demolition: the buildings' dwellings go, shown before confirming. */
  assert_mix (wm_projected_dwellings_lost (plan, NULL, pair), 18, 4, 3, 5, 2);
  proposal = add (history, wm_proposal_factory_demolish (plan, NULL, pair, 2026, &error));
  g_assert_cmpint (wm_proposal_get_kind (proposal), ==, WM_PROPOSAL_DEMOLISH);
  g_assert_cmpint (wm_proposal_get_year (proposal), ==, 2026);
  g_assert_cmpstr (wm_proposal_get_name (proposal), ==, "Demolish 2 buildings");
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Undo Demolish 2 buildings");
  assert_mix (*wm_proposal_get_dwelling_delta (proposal), -18, -4, -3, -5, -2);
  mix = projected (plan, "b-1", &demolished);
  g_assert_true (demolished);
  assert_mix (mix, 0, 0, 0, 0, 0);
  projected (plan, "b-5", &demolished);
  g_assert_false (demolished);
  assert_mix (wm_projected_total_dwellings (plan, NULL), 30, 10, 0, 0, 1);
  /* Already demolished: nothing more to lose. */
  assert_mix (wm_projected_dwellings_lost (plan, NULL, pair), 0, 0, 0, 0, 0);

  /* New build with a preset split. */
  footprint = wm_test_square (200, 200, 30);
  mix = wm_mix_preset_split (thirds, 30);
  proposal = add (history, wm_proposal_factory_new_build (plan, NULL, footprint, &mix,
                                                          WM_DWELLING_TYPE_APARTMENT, 2028,
                                                          &error));
  g_assert_true (wm_geometry_equal (wm_proposal_get_geometry (proposal), footprint));
  g_assert_nonnull (strstr (wm_proposal_get_name (proposal), "30 apartments"));
  g_assert_cmpint (wm_proposal_get_dwelling_type (proposal), ==, WM_DWELLING_TYPE_APARTMENT);
  assert_mix (wm_projected_total_dwellings (plan, NULL), 40, 20, 0, 0, 11);

  /* Tenure conversion: the total stays. */
  proposal = add (history, wm_proposal_factory_convert_tenure (plan, NULL, "b-5",
                                                               WM_SEGMENT_SOCIAL_RENT,
                                                               WM_SEGMENT_MID_RENT, 10, 2027,
                                                               &error));
  assert_mix (projected (plan, "b-5", NULL), 20, 20, 0, 0, 0);
  assert_mix (wm_projected_total_dwellings (plan, NULL), 30, 30, 0, 0, 11);

  /* Renovation with a segment change, and one for quality only. */
  proposal = add (history, wm_proposal_factory_renovate (plan, NULL, "b-5", WM_SEGMENT_MID_RENT,
                                                         WM_SEGMENT_PRIVATE_RENT, 5,
                                                         "Insulated to label A", 2029, &error));
  g_assert_cmpstr (wm_proposal_get_note (proposal), ==, "Insulated to label A");
  assert_mix (projected (plan, "b-5", NULL), 20, 15, 5, 0, 0);
  proposal = add (history, wm_proposal_factory_renovate (plan, NULL, "b-5",
                                                         WM_SEGMENT_SOCIAL_RENT,
                                                         WM_SEGMENT_SOCIAL_RENT, 20, NULL, 0,
                                                         &error));
  assert_mix (*wm_proposal_get_dwelling_delta (proposal), 0, 0, 0, 0, 0);
  assert_mix (projected (plan, "b-5", NULL), 20, 15, 5, 0, 0);

  /* Transformation of a shop into dwellings. */
  mix = mix5 (0, 0, 0, 4, 4);
  add (history, wm_proposal_factory_transform (plan, NULL, "b-3", &mix, 2030, &error));
  assert_mix (projected (plan, "b-3", NULL), 0, 0, 0, 4, 4);

  /* Splitting and merging. */
  add (history, wm_proposal_factory_split_merge (plan, NULL, "b-4", WM_SEGMENT_OWNER_EXPENSIVE, 1,
                                                 2031, &error));
  assert_mix (projected (plan, "b-4", NULL), 0, 0, 0, 0, 2);
  proposal = add (history, wm_proposal_factory_split_merge (plan, NULL, "b-5",
                                                            WM_SEGMENT_SOCIAL_RENT, -4, 2031,
                                                            &error));
  g_assert_cmpstr (wm_proposal_get_name (proposal), ==, "Merge into 4 fewer dwellings");
  assert_mix (projected (plan, "b-5", NULL), 16, 15, 5, 0, 0);

  /* Facilities. */
  proposal = add (history, wm_proposal_factory_add_facility (plan, NULL, WM_FACILITY_PLAYGROUND,
                                                             5, 5, NULL, 2026, &error));
  point = wm_proposal_get_geometry (proposal);
  g_assert_cmpint (point->kind, ==, WM_GEOMETRY_POINT);
  g_assert_cmpfloat (point->points[0].x, ==, 5);
  g_assert_cmpint (wm_proposal_get_facility_type (proposal), ==, WM_FACILITY_PLAYGROUND);
  g_assert_cmpstr (wm_proposal_get_name (proposal), ==,
                   wm_facility_type_label (WM_FACILITY_PLAYGROUND));
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Undo Add Playground");

  g_assert_false (wm_projected_facility_removed (plan, NULL, WM_PROJECTED_ALL, "f-2"));
  proposal = add (history, wm_proposal_factory_remove_facility (plan, NULL, "f-2", 0, &error));
  g_assert_cmpstr (wm_proposal_get_facility_id (proposal), ==, "f-2");
  g_assert_true (wm_projected_facility_removed (plan, NULL, WM_PROJECTED_ALL, "f-2"));

  /* Ids are unique and the proposals are where they were added. */
  g_assert_cmpuint (g_list_model_get_n_items (
                      wm_scenario_get_proposals (wm_plan_get_active_scenario (plan))), ==, 10);
  total = wm_projected_total_dwellings (plan, NULL);
  assert_mix (total, 26, 25, 5, 4, 16);

  /* Everything undone: the baseline again. */
  while (wm_history_undo (history))
    ;
  assert_mix (wm_projected_total_dwellings (plan, NULL), 48, 14, 3, 5, 3);
  g_assert_false (wm_projected_facility_removed (plan, NULL, WM_PROJECTED_ALL, "f-2"));
}

static void
assert_refused (WmProposal *proposal,
                GError     *error,
                int         code,
                const char *fragment)
{
  g_assert_null (proposal);
  g_assert_error (error, WM_PROPOSAL_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

static void
test_refusals (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmHistory) history = wm_history_new (plan);
  const char *b1[] = { "b-1", NULL };
  const char *unknown[] = { "b-99", NULL };
  const char *twice[] = { "b-4", "b-4", NULL };
  const char *none[] = { NULL };
  WmPoint bow_tie[] = { { 0, 0 }, { 10, 10 }, { 10, 0 }, { 0, 10 } };
  WmPoint flat[] = { { 0, 0 }, { 10, 0 }, { 20, 0 } };
  g_autoptr(WmGeometry) bow = wm_geometry_new_polygon (bow_tie, G_N_ELEMENTS (bow_tie));
  g_autoptr(WmGeometry) line = wm_geometry_new_polygon (flat, G_N_ELEMENTS (flat));
  g_autoptr(WmGeometry) good = wm_test_square (500, 500, 10);
  g_autoptr(WmGeometry) pt = wm_geometry_new_point (1, 1);
  WmDwellingMix mix;
  WmProposal *convert;
  guint n_undo;

#define REFUSED(expr, code, fragment) \
  G_STMT_START { \
    g_autoptr(GError) error = NULL; \
    WmProposal *p = (expr); \
    assert_refused (p, error, code, fragment); \
  } G_STMT_END

  REFUSED (wm_proposal_factory_convert_tenure (plan, NULL, "b-1", WM_SEGMENT_SOCIAL_RENT,
                                               WM_SEGMENT_MID_RENT, 15, 0, &error),
           WM_PROPOSAL_ERROR_NOT_ENOUGH, "out of building b-1, but it has 12");
  REFUSED (wm_proposal_factory_convert_tenure (plan, NULL, "b-1", WM_SEGMENT_SOCIAL_RENT,
                                               WM_SEGMENT_MID_RENT, 15, 0, &error),
           WM_PROPOSAL_ERROR_NOT_ENOUGH, "“Convert 15 dwellings” takes 15 social rent dwellings");
  REFUSED (wm_proposal_factory_convert_tenure (plan, NULL, "b-1", WM_SEGMENT_SOCIAL_RENT,
                                               WM_SEGMENT_MID_RENT, -3, 0, &error),
           WM_PROPOSAL_ERROR_NEGATIVE, "negative");
  REFUSED (wm_proposal_factory_convert_tenure (plan, NULL, "b-1", WM_SEGMENT_SOCIAL_RENT,
                                               WM_SEGMENT_SOCIAL_RENT, 3, 0, &error),
           WM_PROPOSAL_ERROR_SAME_SEGMENT, NULL);
  REFUSED (wm_proposal_factory_convert_tenure (plan, NULL, "b-99", WM_SEGMENT_SOCIAL_RENT,
                                               WM_SEGMENT_MID_RENT, 3, 0, &error),
           WM_PROPOSAL_ERROR_UNKNOWN_BUILDING, "b-99");
  REFUSED (wm_proposal_factory_convert_tenure (plan, NULL, "b-1", WM_SEGMENT_SOCIAL_RENT,
                                               WM_SEGMENT_MID_RENT, 3, 1800, &error),
           WM_PROPOSAL_ERROR_YEAR, "1800");
  REFUSED (wm_proposal_factory_renovate (plan, NULL, "b-1", WM_SEGMENT_MID_RENT,
                                         WM_SEGMENT_PRIVATE_RENT, 5, NULL, 0, &error),
           WM_PROPOSAL_ERROR_NOT_ENOUGH, "5 cannot be renovated");
  REFUSED (wm_proposal_factory_demolish (plan, NULL, unknown, 0, &error),
           WM_PROPOSAL_ERROR_UNKNOWN_BUILDING, "b-99");
  REFUSED (wm_proposal_factory_demolish (plan, NULL, twice, 0, &error),
           WM_PROPOSAL_ERROR_INVALID, "b-4");
  REFUSED (wm_proposal_factory_demolish (plan, NULL, none, 0, &error),
           WM_PROPOSAL_ERROR_EMPTY, NULL);

  /* New build. */
  mix = mix5 (1, -1, 0, 0, 0);
  REFUSED (wm_proposal_factory_new_build (plan, NULL, good, &mix, 0, 0, &error),
           WM_PROPOSAL_ERROR_NEGATIVE, "-1");
  mix = mix5 (0, 0, 0, 0, 0);
  REFUSED (wm_proposal_factory_new_build (plan, NULL, good, &mix, 0, 0, &error),
           WM_PROPOSAL_ERROR_EMPTY, NULL);
  mix = mix5 (3000, 3000, 0, 0, 0);
  REFUSED (wm_proposal_factory_new_build (plan, NULL, good, &mix, 0, 0, &error),
           WM_PROPOSAL_ERROR_TOO_MANY, "6000");
  mix = mix5 (10, 0, 0, 0, 0);
  REFUSED (wm_proposal_factory_new_build (plan, NULL, bow, &mix, 0, 0, &error),
           WM_PROPOSAL_ERROR_GEOMETRY, "crosses itself");
  REFUSED (wm_proposal_factory_new_build (plan, NULL, line, &mix, 0, 0, &error),
           WM_PROPOSAL_ERROR_GEOMETRY, NULL);
  REFUSED (wm_proposal_factory_new_build (plan, NULL, NULL, &mix, 0, 0, &error),
           WM_PROPOSAL_ERROR_GEOMETRY, NULL);
  REFUSED (wm_proposal_factory_new_build (plan, NULL, pt, &mix, 0, 0, &error),
           WM_PROPOSAL_ERROR_GEOMETRY, NULL);

  /* Transformation only of buildings without dwellings. */
  mix = mix5 (4, 0, 0, 0, 0);
  REFUSED (wm_proposal_factory_transform (plan, NULL, "b-1", &mix, 0, &error),
           WM_PROPOSAL_ERROR_HAS_DWELLINGS, "18");
  mix = mix5 (0, 0, 0, 0, 0);
  REFUSED (wm_proposal_factory_transform (plan, NULL, "b-3", &mix, 0, &error),
           WM_PROPOSAL_ERROR_EMPTY, NULL);

  /* Merging never goes below zero. */
  REFUSED (wm_proposal_factory_split_merge (plan, NULL, "b-4", WM_SEGMENT_OWNER_EXPENSIVE, -2, 0,
                                            &error),
           WM_PROPOSAL_ERROR_NOT_ENOUGH, "out of building b-4, but it has 1");
  REFUSED (wm_proposal_factory_split_merge (plan, NULL, "b-4", WM_SEGMENT_SOCIAL_RENT, 0, 0,
                                            &error),
           WM_PROPOSAL_ERROR_EMPTY, NULL);

  /* Facilities. */
  REFUSED (wm_proposal_factory_remove_facility (plan, NULL, "f-9", 0, &error),
           WM_PROPOSAL_ERROR_UNKNOWN_FACILITY, "f-9");
  add (history, wm_proposal_factory_remove_facility (plan, NULL, "f-1", 0, NULL));
  REFUSED (wm_proposal_factory_remove_facility (plan, NULL, "f-1", 0, &error),
           WM_PROPOSAL_ERROR_FACILITY_REMOVED, "f-1");

  /* Stacking: nothing can act on a demolished building. */
  convert = add (history, wm_proposal_factory_convert_tenure (plan, NULL, "b-1",
                                                              WM_SEGMENT_SOCIAL_RENT,
                                                              WM_SEGMENT_MID_RENT, 2, 0, NULL));
  add (history, wm_proposal_factory_demolish (plan, NULL, b1, 0, NULL));
  assert_mix (*wm_proposal_get_dwelling_delta (
                wm_scenario_find_proposal (wm_plan_get_active_scenario (plan), "proposal-3")),
              -10, -6, 0, 0, -2);
  REFUSED (wm_proposal_factory_convert_tenure (plan, NULL, "b-1", WM_SEGMENT_SOCIAL_RENT,
                                               WM_SEGMENT_MID_RENT, 1, 0, &error),
           WM_PROPOSAL_ERROR_DEMOLISHED, "b-1");
  REFUSED (wm_proposal_factory_demolish (plan, NULL, b1, 0, &error),
           WM_PROPOSAL_ERROR_DEMOLISHED, "b-1");

  /* Edits are refused where they are typed, and change nothing. */
  n_undo = wm_history_get_n_undo (history);
  {
    g_autoptr(GError) error = NULL;
    WmDwellingMix too_much = mix5 (-13, 13, 0, 0, 0);

    g_assert_false (wm_history_set_proposal_delta (history, convert, &too_much, &error));
    g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_NOT_ENOUGH);
    g_assert_nonnull (strstr (error->message,
                              "takes 13 social rent dwellings out of building b-1, but it has 12"));
    g_clear_error (&error);
    g_assert_false (wm_history_set_proposal_year (history, convert, -5, &error));
    g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_YEAR);
  }
  assert_mix (*wm_proposal_get_dwelling_delta (convert), -2, 2, 0, 0, 0);
  g_assert_cmpint (wm_proposal_get_year (convert), ==, 0);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, n_undo);

  /* Validating a copy: the inspector's way to check a typed value. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WmProposal) copy = wm_proposal_factory_copy (convert);
    WmDwellingMix ok = mix5 (-12, 12, 0, 0, 0);

    g_assert_true (wm_proposal_equal (copy, convert));
    wm_proposal_set_dwelling_delta (copy, &ok);
    g_assert_true (wm_proposal_factory_validate (plan, NULL, 1, copy, &error));
    g_assert_no_error (error);
    /* After the demolition the building is gone. */
    g_assert_false (wm_proposal_factory_validate (plan, NULL, WM_PROJECTED_ALL, copy, &error));
    g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_DEMOLISHED);
  }

#undef REFUSED
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* The dwelling type is data: keys, copies, equality, notify and an undoable edit. */
static void
test_dwelling_type (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmHistory) history = wm_history_new (plan);
  g_autoptr(WmGeometry) footprint = wm_test_square (200, 200, 30);
  g_autoptr(WmProposal) copy = NULL;
  g_autoptr(GError) error = NULL;
  WmDwellingMix mix = mix5 (4, 4, 0, 0, 4);
  WmDwellingType type;
  WmProposal *proposal;
  guint notifies = 0;
  guint n_undo;

  /* Keys are stable and unique; unspecified has none. */
  g_assert_null (wm_dwelling_type_key (WM_DWELLING_TYPE_UNSPECIFIED));
  g_assert_cmpstr (wm_dwelling_type_key (WM_DWELLING_TYPE_APARTMENT), ==, "apartment");
  g_assert_cmpstr (wm_dwelling_type_key (WM_DWELLING_TYPE_HOUSE), ==, "house");
  g_assert_cmpstr (wm_dwelling_type_key (WM_DWELLING_TYPE_SENIOR), ==, "senior");
  for (guint t = 0; t < WM_N_DWELLING_TYPES; t++)
    {
      g_assert_true (wm_dwelling_type_from_key (wm_dwelling_type_key (t), &type));
      g_assert_cmpint (type, ==, t);
      g_assert_nonnull (wm_dwelling_type_label (t));
    }
  g_assert_false (wm_dwelling_type_from_key ("castle", &type));

  proposal = add (history, wm_proposal_factory_new_build (plan, NULL, footprint, &mix,
                                                          WM_DWELLING_TYPE_HOUSE, 2030,
                                                          &error));
  g_assert_cmpint (wm_proposal_get_dwelling_type (proposal), ==, WM_DWELLING_TYPE_HOUSE);

  /* Copies keep it; equality sees it. */
  copy = wm_proposal_factory_copy (proposal);
  g_assert_cmpint (wm_proposal_get_dwelling_type (copy), ==, WM_DWELLING_TYPE_HOUSE);
  g_assert_true (wm_proposal_equal (copy, proposal));
  wm_proposal_set_dwelling_type (copy, WM_DWELLING_TYPE_SENIOR);
  g_assert_false (wm_proposal_equal (copy, proposal));

  /* The property, notified only on change. */
  g_signal_connect (proposal, "notify::dwelling-type", G_CALLBACK (notify_count_cb), &notifies);
  n_undo = wm_history_get_n_undo (history);
  g_assert_true (wm_history_set_proposal_dwelling_type (history, proposal,
                                                        WM_DWELLING_TYPE_HOUSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, n_undo);
  g_assert_cmpuint (notifies, ==, 0);

  g_assert_true (wm_history_set_proposal_dwelling_type (history, proposal,
                                                        WM_DWELLING_TYPE_SENIOR, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, n_undo + 1);
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpint (wm_proposal_get_dwelling_type (proposal), ==, WM_DWELLING_TYPE_SENIOR);
  g_assert_true (wm_proposal_equal (copy, proposal));
  g_object_get (proposal, "dwelling-type", &type, NULL);
  g_assert_cmpint (type, ==, WM_DWELLING_TYPE_SENIOR);
  g_assert_nonnull (strstr (wm_history_get_undo_label (history), "dwelling type"));

  g_assert_true (wm_history_undo (history));
  g_assert_cmpint (wm_proposal_get_dwelling_type (proposal), ==, WM_DWELLING_TYPE_HOUSE);
  g_assert_cmpuint (notifies, ==, 2);
  g_assert_true (wm_history_redo (history));
  g_assert_cmpint (wm_proposal_get_dwelling_type (proposal), ==, WM_DWELLING_TYPE_SENIOR);
  g_assert_cmpuint (notifies, ==, 3);

  /* Through the GObject property too. */
  g_object_set (proposal, "dwelling-type", WM_DWELLING_TYPE_APARTMENT, NULL);
  g_assert_cmpint (wm_proposal_get_dwelling_type (proposal), ==, WM_DWELLING_TYPE_APARTMENT);
  g_assert_cmpuint (notifies, ==, 4);
}

static void
test_labels_and_modified (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmPlan) pristine = make_plan ();
  g_autoptr(WmHistory) history = wm_history_new (plan);
  const char *b1[] = { "b-1", NULL };
  guint can_undo_notifies = 0;
  guint modified_notifies = 0;

  g_signal_connect (history, "notify::can-undo", G_CALLBACK (notify_count_cb),
                    &can_undo_notifies);
  g_signal_connect (history, "notify::modified", G_CALLBACK (notify_count_cb),
                    &modified_notifies);

  g_assert_false (wm_history_get_can_undo (history));
  g_assert_false (wm_history_get_can_redo (history));
  g_assert_false (wm_history_get_modified (history));
  g_assert_null (wm_history_get_undo_label (history));
  g_assert_false (wm_history_undo (history));
  g_assert_false (wm_history_redo (history));

  add (history, wm_proposal_factory_demolish (plan, NULL, b1, 0, NULL));
  g_assert_true (wm_history_get_can_undo (history));
  g_assert_true (wm_history_get_modified (history));
  g_assert_cmpuint (can_undo_notifies, ==, 1);
  g_assert_cmpuint (modified_notifies, ==, 1);
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Undo Demolish 1 building");

  g_assert_true (wm_history_undo (history));
  g_assert_true (wm_plan_equal (plan, pristine));
  g_assert_false (wm_history_get_modified (history));
  g_assert_cmpstr (wm_history_get_redo_label (history), ==, "Redo Demolish 1 building");
  g_assert_null (wm_history_get_undo_label (history));
  g_assert_true (wm_history_redo (history));
  g_assert_true (wm_history_get_modified (history));

  /* Saved after one edit: undoing past the save point is a modification too. */
  wm_history_mark_saved (history);
  g_assert_false (wm_history_get_modified (history));
  wm_history_set_plan_name (history, "Renamed");
  g_assert_true (wm_history_get_modified (history));
  wm_history_undo (history);
  g_assert_false (wm_history_get_modified (history));
  wm_history_undo (history);
  g_assert_true (wm_history_get_modified (history));
  wm_history_redo (history);
  g_assert_false (wm_history_get_modified (history));

  /* A new edit after undoing past the save point makes that state unreachable. */
  wm_history_undo (history);
  wm_history_set_plan_description (history, "Other future");
  g_assert_false (wm_history_get_can_redo (history));
  g_assert_true (wm_history_get_modified (history));
  wm_history_undo (history);
  g_assert_true (wm_history_get_modified (history));
  g_assert_true (wm_plan_equal (plan, pristine));

  /* Same-value edits leave no step. */
  wm_history_set_plan_name (history, wm_plan_get_name (plan));
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 0);
}

static void
test_groups_and_moves (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmPlan) pristine = make_plan ();
  g_autoptr(WmHistory) history = wm_history_new (plan);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGeometry) footprint = wm_test_square (300, 300, 10);
  g_autoptr(WmGeometry) moved = wm_test_square (305, 290, 10);
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  GListModel *proposals = wm_scenario_get_proposals (scenario);
  WmDwellingMix mix = mix5 (5, 5, 0, 0, 0);
  WmProposal *build;
  g_autoptr(WmProposal) removal = NULL;
  g_autoptr(WmProposal) addition = NULL;
  const WmGeometry *at;

  /* A group is one step. */
  wm_history_begin_group (history, "Two things");
  wm_history_begin_group (history, "Inner");
  wm_history_set_plan_name (history, "A");
  wm_history_end_group (history);
  wm_history_set_plan_description (history, "B");
  g_assert_false (wm_history_get_can_undo (history));
  wm_history_end_group (history);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Undo Two things");
  wm_history_undo (history);
  g_assert_true (wm_plan_equal (plan, pristine));
  wm_history_redo (history);
  g_assert_cmpstr (wm_plan_get_description (plan), ==, "B");
  wm_history_undo (history);

  /* An empty group leaves nothing (and keeps the redo list). */
  wm_history_begin_group (history, "Nothing");
  wm_history_end_group (history);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 0);
  g_assert_cmpuint (wm_history_get_n_redo (history), ==, 1);

  /* Moving a proposal translates its geometry. */
  build = add (history, wm_proposal_factory_new_build (plan, NULL, footprint, &mix, 0, 0, NULL));
  g_assert_true (wm_history_move_proposal (history, build, 5, -10, &error));
  g_assert_no_error (error);
  g_assert_true (wm_geometry_equal (wm_proposal_get_geometry (build), moved));
  g_assert_nonnull (strstr (wm_history_get_undo_label (history), "Move"));
  wm_history_undo (history);
  g_assert_true (wm_geometry_equal (wm_proposal_get_geometry (build), footprint));
  wm_history_undo (history);
  g_assert_true (wm_plan_equal (plan, pristine));

  /* Moving an existing facility: removal and addition, one step. */
  g_assert_true (wm_history_move_facility (history, NULL, "f-1", 40, 140, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 2);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 1);
  removal = g_list_model_get_item (proposals, 0);
  addition = g_list_model_get_item (proposals, 1);
  g_assert_cmpint (wm_proposal_get_kind (removal), ==, WM_PROPOSAL_REMOVE_FACILITY);
  g_assert_cmpstr (wm_proposal_get_facility_id (removal), ==, "f-1");
  g_assert_cmpint (wm_proposal_get_kind (addition), ==, WM_PROPOSAL_ADD_FACILITY);
  g_assert_cmpstr (wm_proposal_get_id (removal), !=, wm_proposal_get_id (addition));
  g_assert_cmpint (wm_proposal_get_facility_type (addition), ==, WM_FACILITY_PLAYGROUND);
  g_assert_cmpstr (wm_proposal_get_name (addition), ==, "Speeltuin");
  at = wm_proposal_get_geometry (addition);
  g_assert_cmpfloat (at->points[0].x, ==, 40);
  g_assert_cmpfloat (at->points[0].y, ==, 140);
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Undo Move “Speeltuin”");
  /* Moved already: a second move of the baseline facility is refused. */
  g_assert_false (wm_history_move_facility (history, NULL, "f-1", 0, 0, &error));
  g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_FACILITY_REMOVED);
  g_clear_error (&error);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 1);
  wm_history_undo (history);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 0);
  g_assert_true (wm_plan_equal (plan, pristine));

  /* A demolition's buildings change: its delta follows. */
  {
    const char *b4[] = { "b-4", NULL };
    const char *b4b5[] = { "b-4", "b-5", NULL };
    WmProposal *demolition = add (history, wm_proposal_factory_demolish (plan, NULL, b4, 0, NULL));

    g_assert_true (wm_history_set_proposal_building_ids (history, demolition, b4b5, &error));
    g_assert_no_error (error);
    assert_mix (*wm_proposal_get_dwelling_delta (demolition), -30, -10, 0, 0, -1);
    wm_history_undo (history);
    assert_mix (*wm_proposal_get_dwelling_delta (demolition), 0, 0, 0, 0, -1);
    wm_history_undo (history);
  }
  g_assert_true (wm_plan_equal (plan, pristine));
}

static void
test_scenarios (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  g_autoptr(WmPlan) pristine = make_plan ();
  g_autoptr(WmHistory) history = wm_history_new (plan);
  GListModel *scenarios = wm_plan_get_scenarios (plan);
  g_autoptr(WmScenario) first = g_list_model_get_item (scenarios, 0);
  g_autoptr(WmScenario) third = wm_scenario_new ("scenario-3", "Third");
  guint n_steps;

  wm_history_add_scenario (history, third, TRUE);
  g_assert_true (wm_plan_get_active_scenario (plan) == third);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 3);

  /* Removing the first (active at the time) keeps the order on undo. */
  wm_history_set_active_scenario (history, first);
  g_assert_true (wm_history_remove_scenario (history, first));
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);
  g_assert_true (wm_plan_get_active_scenario (plan) != first);
  wm_history_rename_scenario (history, third, "Renamed");
  g_assert_cmpstr (wm_scenario_get_name (third), ==, "Renamed");

  n_steps = wm_history_get_n_undo (history);
  g_assert_cmpuint (n_steps, ==, 4);
  while (wm_history_undo (history))
    ;
  g_assert_true (wm_plan_equal (plan, pristine));
  g_assert_true (wm_plan_get_active_scenario (plan) == first);

  while (wm_history_redo (history))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);
  g_assert_cmpstr (wm_scenario_get_name (third), ==, "Renamed");

  /* The last scenario cannot go. */
  {
    g_autoptr(WmScenario) other = g_list_model_get_item (scenarios, 0);

    g_assert_true (wm_history_remove_scenario (history, other));
    g_assert_false (wm_history_remove_scenario (history, third));
  }
}

/* ---------------------------------------------------------------------------------------------
 * Property test: random edits, undone and redone
 */

static const char *building_ids[] = { "b-1", "b-2", "b-3", "b-4", "b-5", "b-6", "b-77" };

static WmProposal *
random_proposal_in (WmPlan *plan,
                    GRand  *rand,
                    gboolean with_geometry)
{
  WmScenario *scenario = wm_plan_get_active_scenario (plan);
  GListModel *proposals = wm_scenario_get_proposals (scenario);
  guint n = g_list_model_get_n_items (proposals);
  g_autoptr(WmProposal) proposal = NULL;

  if (n == 0)
    return NULL;

  proposal = g_list_model_get_item (proposals, g_rand_int_range (rand, 0, n));
  if (with_geometry && wm_proposal_get_geometry (proposal) == NULL)
    return NULL;

  return proposal; /* the scenario keeps it alive */
}

static WmSegment
random_segment (GRand *rand)
{
  return g_rand_int_range (rand, 0, WM_N_SEGMENTS);
}

static const char *
random_building (GRand *rand)
{
  return building_ids[g_rand_int_range (rand, 0, G_N_ELEMENTS (building_ids))];
}

static void
random_edit (WmHistory *history,
             GRand     *rand,
             guint      depth)
{
  WmPlan *plan = wm_history_get_plan (history);
  g_autoptr(WmProposal) made = NULL;
  WmProposal *target;
  int year = g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, 2024, 2045);
  int op = g_rand_int_range (rand, 0, 24);

  switch (op)
    {
    case 0:
      {
        const char *ids[] = { random_building (rand), random_building (rand), NULL };

        if (g_rand_boolean (rand))
          ids[1] = NULL;
        made = wm_proposal_factory_demolish (plan, NULL, ids, year, NULL);
      }
      break;
    case 1:
      {
        g_autoptr(WmGeometry) footprint = wm_test_square (g_rand_int_range (rand, 0, 500),
                                                  g_rand_int_range (rand, 0, 500),
                                                  g_rand_int_range (rand, 1, 40));
        const WmMixPreset *preset =
          wm_mix_preset_get (g_rand_int_range (rand, 0, wm_mix_preset_get_n_presets ()));
        WmDwellingMix mix = wm_mix_preset_split (preset, g_rand_int_range (rand, 0, 60));

        made = wm_proposal_factory_new_build (plan, NULL, footprint, &mix,
                                              g_rand_int_range (rand, 0, WM_N_DWELLING_TYPES),
                                              year, NULL);
      }
      break;
    case 2:
      made = wm_proposal_factory_convert_tenure (plan, NULL, random_building (rand),
                                                 random_segment (rand), random_segment (rand),
                                                 g_rand_int_range (rand, -1, 15), year, NULL);
      break;
    case 3:
      made = wm_proposal_factory_renovate (plan, NULL, random_building (rand),
                                           random_segment (rand), random_segment (rand),
                                           g_rand_int_range (rand, 0, 15),
                                           g_rand_boolean (rand) ? "Better" : NULL, year, NULL);
      break;
    case 4:
      {
        WmDwellingMix mix = mix5 (g_rand_int_range (rand, 0, 5), g_rand_int_range (rand, 0, 5),
                                  0, g_rand_int_range (rand, 0, 5), 0);

        made = wm_proposal_factory_transform (plan, NULL, random_building (rand), &mix, year,
                                              NULL);
      }
      break;
    case 5:
      made = wm_proposal_factory_split_merge (plan, NULL, random_building (rand),
                                              random_segment (rand),
                                              g_rand_int_range (rand, -6, 7), year, NULL);
      break;
    case 6:
      made = wm_proposal_factory_add_facility (plan, NULL,
                                               g_rand_int_range (rand, 0, WM_N_FACILITY_TYPES),
                                               g_rand_double_range (rand, 0, 500),
                                               g_rand_double_range (rand, 0, 500),
                                               g_rand_boolean (rand) ? "Plek" : NULL, year, NULL);
      break;
    case 7:
      made = wm_proposal_factory_remove_facility (plan, NULL,
                                                  g_rand_boolean (rand) ? "f-1" : "f-2", year,
                                                  NULL);
      break;
    case 8:
      wm_history_move_facility (history, NULL, g_rand_boolean (rand) ? "f-1" : "f-2",
                                g_rand_double_range (rand, 0, 500),
                                g_rand_double_range (rand, 0, 500), NULL);
      break;
    case 9:
      if ((target = random_proposal_in (plan, rand, FALSE)) != NULL)
        wm_history_remove_proposal (history, target);
      break;
    case 10:
      if ((target = random_proposal_in (plan, rand, FALSE)) != NULL)
        {
          wm_history_set_proposal_year (history, target, g_rand_int_range (rand, 2020, 2050),
                                        NULL);
          wm_history_set_proposal_dwelling_type (history, target,
                                                 g_rand_int_range (rand, 0, WM_N_DWELLING_TYPES),
                                                 NULL);
        }
      break;
    case 11:
      if ((target = random_proposal_in (plan, rand, FALSE)) != NULL)
        {
          g_autofree char *name = g_strdup_printf ("Name %d", g_rand_int_range (rand, 0, 5));

          wm_history_set_proposal_name (history, target, g_rand_boolean (rand) ? name : NULL,
                                        NULL);
          wm_history_set_proposal_note (history, target, name, NULL);
        }
      break;
    case 12:
      if ((target = random_proposal_in (plan, rand, TRUE)) != NULL)
        wm_history_move_proposal (history, target, g_rand_double_range (rand, -50, 50),
                                  g_rand_double_range (rand, -50, 50), NULL);
      break;
    case 13:
      if ((target = random_proposal_in (plan, rand, FALSE)) != NULL)
        {
          WmDwellingMix delta = *wm_proposal_get_dwelling_delta (target);

          delta.counts[random_segment (rand)] += g_rand_int_range (rand, -3, 4);
          wm_history_set_proposal_delta (history, target, &delta, NULL);
        }
      break;
    case 14:
      if ((target = random_proposal_in (plan, rand, FALSE)) != NULL)
        {
          const char *ids[] = { random_building (rand), NULL };

          wm_history_set_proposal_building_ids (history, target, ids, NULL);
        }
      break;
    case 15:
      if ((target = random_proposal_in (plan, rand, TRUE)) != NULL)
        {
          g_autoptr(WmGeometry) shape = wm_test_square (g_rand_int_range (rand, 0, 100), 7, 12);

          wm_history_set_proposal_geometry (history, target, shape, NULL);
        }
      break;
    case 16:
      {
        g_autofree char *id = wm_plan_new_id (plan, "scenario");
        g_autoptr(WmScenario) scenario = wm_scenario_new (id, "New");

        wm_history_add_scenario (history, scenario, g_rand_boolean (rand));
      }
      break;
    case 17:
    case 18:
      {
        GListModel *scenarios = wm_plan_get_scenarios (plan);
        g_autoptr(WmScenario) scenario =
          g_list_model_get_item (scenarios, g_rand_int_range (rand, 0,
                                                              g_list_model_get_n_items (scenarios)));

        if (op == 17)
          wm_history_remove_scenario (history, scenario);
        else if (g_rand_boolean (rand))
          wm_history_set_active_scenario (history, scenario);
        else
          wm_history_rename_scenario (history, scenario, g_rand_boolean (rand) ? "X" : "Y");
      }
      break;
    case 19:
      wm_history_set_plan_name (history, g_rand_boolean (rand) ? "P" : "Q");
      break;
    case 20:
      if (depth < 2)
        {
          wm_history_begin_group (history, "Group");
          for (int i = g_rand_int_range (rand, 0, 3); i > 0; i--)
            random_edit (history, rand, depth + 1);
          wm_history_end_group (history);
        }
      break;
    case 21:
      if (depth == 0)
        wm_history_undo (history);
      break;
    case 22:
      if (depth == 0)
        wm_history_redo (history);
      break;
    case 23:
      if ((target = random_proposal_in (plan, rand, FALSE)) != NULL)
        {
          g_autoptr(WmProposal) values = wm_proposal_factory_copy (target);

          wm_proposal_set_year (values, g_rand_int_range (rand, 1850, 2100));
          wm_proposal_set_name (values, "Edited");
          wm_history_edit_proposal (history, target, values, NULL, NULL);
        }
      break;
    default:
      g_assert_not_reached ();
    }

  if (made != NULL)
    {
      GListModel *proposals = wm_scenario_get_proposals (wm_plan_get_active_scenario (plan));
      int position = g_rand_boolean (rand)
                       ? -1 : g_rand_int_range (rand, 0, g_list_model_get_n_items (proposals) + 1);

      wm_history_add_proposal (history, NULL, made, position, NULL);
    }
}

/* The table of all projected buildings agrees with the projection of each building. */
static void
assert_table_agrees (WmPlan     *plan,
                     WmScenario *scenario)
{
  g_autoptr(GHashTable) table = wm_projected_building_table (plan, scenario);
  GListModel *buildings = wm_plan_get_buildings (plan);

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr(WmBuilding) building = g_list_model_get_item (buildings, i);
      const char *id = wm_building_get_id (building);
      WmProjectedBuilding *entry = g_hash_table_lookup (table, id);
      gboolean demolished = TRUE;
      WmDwellingMix mix = wm_projected_building_dwellings (plan, scenario, WM_PROJECTED_ALL, id,
                                                           &demolished);

      if (entry == NULL)
        {
          g_assert_false (demolished);
          g_assert_true (wm_dwelling_mix_equal (&mix, wm_building_get_dwellings (building)));
        }
      else
        {
          g_assert_cmpint (entry->demolished, ==, demolished);
          g_assert_true (wm_dwelling_mix_equal (&mix, &entry->dwellings));
        }
    }
}

static void
test_projected_table (void)
{
  g_autoptr(WmPlan) plan = make_plan ();
  WmScenario *active = wm_plan_get_active_scenario (plan);
  WmScenario *alternative = wm_plan_find_scenario (plan, "scenario-2");
  g_autoptr(WmProposal) convert = NULL;
  g_autoptr(WmProposal) split = NULL;
  g_autoptr(WmProposal) demolish = NULL;
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(GHashTable) other = NULL;
  const char *pair[] = { "b-2", "b-4", NULL };
  const char *with_unknown[] = { "b-2", "b-4", "no-such-building", NULL };
  WmProjectedBuilding *entry;

  convert = wm_proposal_factory_convert_tenure (plan, NULL, "b-1", WM_SEGMENT_SOCIAL_RENT,
                                                WM_SEGMENT_OWNER_EXPENSIVE, 10, 2027, NULL);
  g_assert_nonnull (convert);
  wm_scenario_add_proposal (active, convert);
  split = wm_proposal_factory_split_merge (plan, NULL, "b-1", WM_SEGMENT_MID_RENT, 3, 2028,
                                           NULL);
  g_assert_nonnull (split);
  wm_scenario_add_proposal (active, split);
  demolish = wm_proposal_factory_demolish (plan, NULL, pair, 2026, NULL);
  g_assert_nonnull (demolish);
  /* A file may name a building that is gone; it is left out. */
  wm_proposal_set_building_ids (demolish, with_unknown);
  wm_scenario_add_proposal (active, demolish);

  table = wm_projected_building_table (plan, NULL);
  g_assert_cmpuint (g_hash_table_size (table), ==, 3);
  entry = g_hash_table_lookup (table, "b-1");
  g_assert_nonnull (entry);
  g_assert_false (entry->demolished);
  assert_mix (entry->dwellings, 2, 7, 0, 0, 12);
  entry = g_hash_table_lookup (table, "b-2");
  g_assert_nonnull (entry);
  g_assert_true (entry->demolished);
  assert_mix (entry->dwellings, 0, 0, 0, 0, 0);
  g_assert_true (((WmProjectedBuilding *) g_hash_table_lookup (table, "b-4"))->demolished);
  g_assert_null (g_hash_table_lookup (table, "b-5"));
  g_assert_null (g_hash_table_lookup (table, "no-such-building"));
  assert_table_agrees (plan, NULL);

  /* Another scenario has its own state; the table is a snapshot. */
  other = wm_projected_building_table (plan, alternative);
  g_assert_cmpuint (g_hash_table_size (other), ==, 0);
  wm_scenario_remove_proposal (active, demolish);
  g_assert_true (((WmProjectedBuilding *) g_hash_table_lookup (table, "b-2"))->demolished);
  g_clear_pointer (&table, g_hash_table_unref);
  table = wm_projected_building_table (plan, active);
  g_assert_cmpuint (g_hash_table_size (table), ==, 1);
  assert_table_agrees (plan, active);
}

/* The small plan with proposals already in both scenarios, so that undo has to restore
 * edited and removed proposals, not only drop added ones. */
static WmPlan *
make_plan_with_proposals (void)
{
  WmPlan *plan = make_plan ();
  g_autoptr(WmScenario) alternative = g_object_ref (wm_plan_find_scenario (plan, "scenario-2"));
  g_autoptr(WmGeometry) footprint = wm_test_square (150, 150, 25);
  g_autoptr(WmProposal) convert = NULL;
  g_autoptr(WmProposal) build = NULL;
  g_autoptr(WmProposal) demolish = NULL;
  const char *b2[] = { "b-2", NULL };
  WmDwellingMix mix = mix5 (8, 8, 0, 0, 8);

  convert = wm_proposal_factory_convert_tenure (plan, NULL, "b-5", WM_SEGMENT_SOCIAL_RENT,
                                                WM_SEGMENT_MID_RENT, 5, 2027, NULL);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), convert);
  build = wm_proposal_factory_new_build (plan, NULL, footprint, &mix, 0, 2030, NULL);
  wm_proposal_set_note (build, "Existing note");
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), build);
  demolish = wm_proposal_factory_demolish (plan, alternative, b2, 2026, NULL);
  wm_scenario_add_proposal (alternative, demolish);

  return plan;
}

static WmPlan *
run_edits (guint32     seed,
           guint       n_edits,
           WmHistory **out_history)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  WmPlan *plan = make_plan_with_proposals ();
  WmHistory *history = wm_history_new (plan);

  for (guint i = 0; i < n_edits; i++)
    random_edit (history, rand, 0);

  *out_history = history;
  return plan;
}

static guint
count_proposals (WmPlan *plan)
{
  GListModel *scenarios = wm_plan_get_scenarios (plan);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(WmScenario) scenario = g_list_model_get_item (scenarios, i);

      n += g_list_model_get_n_items (wm_scenario_get_proposals (scenario));
    }

  return n;
}

static void
test_random_undo_redo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "end.gpkg", NULL);
  guint n_seeds = g_test_slow () ? 1000 : 200;
  guint total_steps = 0;
  guint total_proposals = 0;

  g_assert_nonnull (dir);

  for (guint32 seed = 1; seed <= n_seeds; seed++)
    {
      g_autoptr(WmHistory) history = NULL;
      g_autoptr(WmHistory) replay_history = NULL;
      g_autoptr(WmPlan) plan = run_edits (seed, 50, &history);
      /* The same edits again: an independent copy of the state at the end. */
      g_autoptr(WmPlan) end = run_edits (seed, 50, &replay_history);
      g_autoptr(WmPlan) pristine = make_plan_with_proposals ();
      guint n_steps = wm_history_get_n_undo (history);
      guint n_redo = wm_history_get_n_redo (history);
      guint n_undone = 0;

      g_assert_true (wm_plan_equal (plan, end));
      if (seed % 20 == 0)
        {
          g_autoptr(GError) error = NULL;

          g_assert_true (wm_project_file_save (plan, path, &error));
          g_assert_no_error (error);
        }

      while (wm_history_undo (history))
        n_undone++;
      g_assert_cmpuint (n_undone, ==, n_steps);
      g_assert_false (wm_history_get_can_undo (history));
      g_assert_false (wm_history_get_modified (history));
      if (!wm_plan_equal (plan, pristine))
        g_error ("Seed %u: undoing %u steps does not give the starting plan", seed, n_steps);

      for (guint i = 0; i < n_steps; i++)
        g_assert_true (wm_history_redo (history));
      g_assert_cmpuint (wm_history_get_n_redo (history), ==, n_redo);
      if (!wm_plan_equal (plan, end))
        g_error ("Seed %u: redoing %u steps does not give the edited plan", seed, n_steps);

      if (seed % 20 == 0)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(WmPlan) saved = wm_project_file_load (path, &error);

          g_assert_no_error (error);
          g_assert_true (wm_plan_equal (plan, saved));
        }

      for (guint i = 0; i < g_list_model_get_n_items (wm_plan_get_scenarios (plan)); i++)
        {
          g_autoptr(WmScenario) scenario =
            g_list_model_get_item (wm_plan_get_scenarios (plan), i);

          assert_table_agrees (plan, scenario);
        }

      total_steps += n_steps;
      total_proposals += count_proposals (plan);
    }

  g_test_message ("%u steps, %u proposals at the end over %u seeds", total_steps,
                  total_proposals, n_seeds);
  /* The generator must actually make edits, proposals among them. */
  g_assert_cmpuint (total_steps, >, n_seeds * 10);
  g_assert_cmpuint (total_proposals, >, n_seeds * 3);
  g_remove (path);
  g_rmdir (dir);
}

/* Checklist entries are plan data: their edits are undoable, a burst of typing in one item is
 * one step, and an undo is not recorded as a new edit. */
static void
test_history_checklist_entries (void)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  g_autoptr (WmHistory) history = wm_history_new (plan);
  WmChecklistState *state = wm_checklist_state_get_for_plan (plan);
  WmChecklistEntry planned = { WM_CHECKLIST_STATUS_PLANNED, NULL, NULL, (char *) "a", 0 };
  WmChecklistEntry typed = { WM_CHECKLIST_STATUS_PLANNED, NULL, NULL, (char *) "ag", 0 };
  WmChecklistEntry done = { WM_CHECKLIST_STATUS_DONE, NULL, NULL, NULL, 2027 };

  wm_checklist_state_set (state, "scenario-1", "vision-shared", &planned);
  wm_checklist_state_set (state, "scenario-1", "vision-shared", &typed);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 1);
  g_assert_true (wm_history_get_modified (history));
  wm_checklist_state_set (state, "scenario-1", "explore-figures", &done);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 2);

  g_assert_true (wm_history_undo (history));
  g_assert_null (wm_checklist_state_lookup (state, "scenario-1", "explore-figures"));
  g_assert_cmpstr (wm_checklist_state_lookup (state, "scenario-1", "vision-shared")->note, ==, "ag");
  g_assert_true (wm_history_undo (history));
  g_assert_null (wm_checklist_state_lookup (state, "scenario-1", "vision-shared"));
  g_assert_false (wm_history_get_modified (history));
  g_assert_cmpuint (wm_history_get_n_redo (history), ==, 2);

  g_assert_true (wm_history_redo (history));
  g_assert_cmpstr (wm_checklist_state_lookup (state, "scenario-1", "vision-shared")->note, ==, "ag");
  g_assert_cmpuint (wm_history_get_n_redo (history), ==, 1);
}

/* Replacing the baseline (an import) ------------------------------------------------------ */

static void
count_changed (guint *count)
{
  (*count)++;
}

/* The baseline of @plan with the buildings but @drop (NULL: none) and @extra more, and an
 * address book. */
static WmPlanBaseline *
import_baseline (WmPlan *plan, const char *drop, guint extra)
{
  WmPlanBaseline *old = wm_plan_get_baseline (plan);
  g_autoptr (GPtrArray) buildings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) features = g_ptr_array_new ();
  g_autoptr (GHashTable) addresses = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (WmAddressBook) book = NULL;
  GPtrArray *areas = wm_plan_baseline_get_areas (old);

  for (guint i = 0; i < wm_plan_baseline_get_buildings (old)->len; i++)
    {
      WmBuilding *building = wm_plan_baseline_get_buildings (old)->pdata[i];

      if (g_strcmp0 (wm_building_get_id (building), drop) != 0)
        g_ptr_array_add (buildings, g_object_ref (building));
    }
  for (guint i = 0; i < extra; i++)
    {
      g_autoptr (WmGeometry) footprint = wm_test_square (200 + 30 * i, 200, 20);
      g_autofree char *id = g_strdup_printf ("import-%u", i);
      WmBuilding *building = wm_building_new (id, footprint);
      WmDwellingMix mix = { { 0, 0, 0, 0, 3 } };

      wm_building_set_dwellings (building, &mix);
      wm_building_set_tenure_source (building, WM_TENURE_ESTIMATED);
      g_ptr_array_add (buildings, building);
    }
  g_hash_table_insert (addresses, "6871AB 1", "b-1");
  g_hash_table_insert (addresses, "6871AB 2", "b-2");
  book = wm_address_book_new_from_table (addresses);
  for (guint k = 0; k < WM_N_BASEMAP_CLASSES; k++)
    g_ptr_array_extend (features, wm_plan_baseline_get_basemap_features (old, k), NULL, NULL);
  wm_plan_baseline_assign_area_ids (areas, buildings);
  return wm_plan_baseline_new_from_arrays (areas, buildings, wm_plan_baseline_get_facilities (old),
                                           features, book);
}

static void
test_replace_baseline (void)
{
  g_autoptr (WmPlan) plan = make_plan ();
  g_autoptr (WmPlan) pristine = make_plan ();
  g_autoptr (WmHistory) history = wm_history_new (plan);
  g_autoptr (WmPlanBaseline) without_b1 = NULL;
  g_autoptr (WmPlanBaseline) imported = NULL;
  g_autoptr (WmPlan) after_import = NULL;
  g_autoptr (GError) error = NULL;
  const char *pair[] = { "b-1", NULL };
  guint changed = 0;

  add (history, wm_proposal_factory_demolish (plan, NULL, pair, 2026, &error));
  g_assert_no_error (error);
  wm_history_mark_saved (history);
  g_signal_connect_swapped (plan, "changed", G_CALLBACK (count_changed), &changed);

  /* A baseline without b-1 would leave the demolition without its building: refused. */
  without_b1 = import_baseline (plan, "b-1", 0);
  g_assert_false (wm_history_replace_baseline (history, "Import BAG", without_b1, &error));
  g_assert_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_UNKNOWN_BUILDING);
  g_assert_nonnull (strstr (error->message, "b-1"));
  g_clear_error (&error);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 1);
  g_assert_false (wm_history_get_modified (history));
  g_assert_nonnull (wm_plan_find_building (plan, "b-1"));

  imported = import_baseline (plan, NULL, 3);
  g_assert_true (wm_history_replace_baseline (history, "Import BAG", imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (wm_history_get_n_undo (history), ==, 2);
  g_assert_cmpstr (wm_history_get_undo_label (history), ==, "Undo Import BAG");
  g_assert_true (wm_history_get_modified (history));
  g_assert_true (wm_plan_get_baseline (plan) == imported);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_buildings (plan)), ==, 9);
  g_assert_cmpstr (wm_address_book_lookup (wm_plan_get_addresses (plan), "6871AB 2"), ==, "b-2");

  g_assert_true (wm_history_undo (history));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_false (wm_history_get_modified (history));
  g_assert_cmpstr (wm_history_get_redo_label (history), ==, "Redo Import BAG");
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_buildings (plan)), ==, 6);
  g_assert_cmpuint (wm_address_book_get_size (wm_plan_get_addresses (plan)), ==, 0);
  /* Undoing the demolition too gives the plan as it was made. */
  g_assert_true (wm_history_undo (history));
  g_assert_true (wm_plan_equal (plan, pristine));
  g_assert_true (wm_history_redo (history));
  g_assert_true (wm_history_redo (history));
  g_assert_cmpuint (changed, ==, 5);
  g_assert_true (wm_plan_get_baseline (plan) == imported);
  g_assert_true (wm_history_get_modified (history));
}

/* Saved through one handle, incrementally: the baseline tables follow each replacement. */
static void
test_replace_baseline_save (void)
{
  g_autoptr (WmPlan) plan = make_plan ();
  g_autoptr (WmHistory) history = wm_history_new (plan);
  g_autoptr (WmPlanBaseline) imported = import_baseline (plan, NULL, 2);
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "replace.gpkg", NULL);
  g_autoptr (WmProjectFile) file = wm_project_file_new (path);
  g_autoptr (GError) error = NULL;

  for (guint step = 0; step < 4; step++)
    {
      g_autoptr (WmProjectSnapshot) snapshot = NULL;
      g_autoptr (WmPlan) reloaded = NULL;

      if (step == 1)
        g_assert_true (wm_history_replace_baseline (history, "Import", imported, &error));
      else if (step == 2)
        g_assert_true (wm_history_undo (history));
      else if (step == 3)
        g_assert_true (wm_history_redo (history));
      g_assert_no_error (error);
      snapshot = wm_project_snapshot_new (plan);
      g_assert_true (wm_project_file_write (file, snapshot, &error));
      g_assert_no_error (error);
      reloaded = wm_project_file_load (path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_buildings (reloaded)), ==,
                        step % 2 == 1 ? 8 : 6);
      g_assert_true (wm_plan_equal (plan, reloaded));
    }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/presets", test_presets);
  g_test_add_func ("/history/kinds", test_kinds);
  g_test_add_func ("/history/refusals", test_refusals);
  g_test_add_func ("/history/dwelling-type", test_dwelling_type);
  g_test_add_func ("/history/labels-and-modified", test_labels_and_modified);
  g_test_add_func ("/history/groups-and-moves", test_groups_and_moves);
  g_test_add_func ("/history/scenarios", test_scenarios);
  g_test_add_func ("/history/projected-table", test_projected_table);
  g_test_add_func ("/history/random-undo-redo", test_random_undo_redo);

  g_test_add_func ("/history/checklist-entries", test_history_checklist_entries);
  g_test_add_func ("/history/replace-baseline", test_replace_baseline);
  g_test_add_func ("/history/replace-baseline-save", test_replace_baseline_save);
  return g_test_run ();
}
