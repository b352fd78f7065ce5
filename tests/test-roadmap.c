/* test-roadmap.c: tests of the roadmap catalogue, the checklist and its saved state */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "wm-checklist.h"
#include "wm-core.h"
#include "wm-demo.h"
#include "wm-project-file.h"
#include "wm-proposal-factory.h"
#include "wm-proposal-json.h"
#include "wm-test-util.h"

/* ---------------------------------------------------------------------------------------------
 * A small plan: one area, three buildings near a community centre, a playground further off.
 *   b1: 20 social rent, b2: 10 expensive owner-occupied, b3: 10 affordable owner-occupied.
 * Nothing but the process items applies to it.
 * ------------------------------------------------------------------------------------------ */

static WmPlan *
make_plan (gboolean with_buildings)
{
  WmPlan *plan = wm_plan_new ();
  g_autoptr (WmGeometry) boundary = wm_test_square (0, 0, 1000);
  g_autoptr (WmArea) area = wm_area_new ("a1", "Centrum", boundary);
  g_autoptr (WmFacility) centre = wm_facility_new ("fc", WM_FACILITY_COMMUNITY_CENTRE,
                                                   "Buurthuis", 200, 200);
  g_autoptr (WmFacility) playground = wm_facility_new ("fp", WM_FACILITY_PLAYGROUND, "Speeltuin",
                                                       900, 900);

  wm_plan_set_name (plan, "Testwijk");
  wm_plan_add_area (plan, area);
  wm_plan_add_facility (plan, centre);
  wm_plan_add_facility (plan, playground);
  if (with_buildings)
    {
      wm_test_add_building (plan, "b1", 100, 100, WM_SEGMENT_SOCIAL_RENT, 20);
      wm_test_add_building (plan, "b2", 300, 100, WM_SEGMENT_OWNER_EXPENSIVE, 10);
      wm_test_add_building (plan, "b3", 100, 300, WM_SEGMENT_OWNER_AFFORDABLE, 10);
    }
  return plan;
}

typedef struct
{
  WmPlan *plan;
  WmIndicatorEngine *engine;
  WmChecklist *checklist;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->plan = make_plan (GPOINTER_TO_INT (data) == 0);
  f->engine = wm_indicator_engine_new (f->plan, NULL);
  f->checklist = wm_checklist_new (f->engine, NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->checklist);
  g_clear_object (&f->engine);
  g_clear_object (&f->plan);
}

static WmScenario *
scenario_of (Fixture *f)
{
  return wm_plan_get_active_scenario (f->plan);
}

static WmProposal *
add_proposal (Fixture *f, const char *id, WmProposalKind kind, const char *building,
              int segment_a, int delta_a, int segment_b, int delta_b)
{
  g_autoptr (WmProposal) proposal = wm_proposal_new (id, kind);
  WmDwellingMix delta = { { 0 } };

  if (building != NULL)
    {
      const char *ids[] = { building, NULL };

      wm_proposal_set_building_ids (proposal, ids);
    }
  if (segment_a >= 0)
    delta.counts[segment_a] += delta_a;
  if (segment_b >= 0)
    delta.counts[segment_b] += delta_b;
  wm_proposal_set_dwelling_delta (proposal, &delta);
  if (kind == WM_PROPOSAL_NEW_BUILD)
    {
      g_autoptr (WmGeometry) footprint = wm_test_square (150, 150, 20);

      wm_proposal_set_geometry (proposal, footprint);
    }
  wm_scenario_add_proposal (scenario_of (f), proposal);
  return proposal; /* borrowed: the scenario holds it */
}

static gboolean
item_active (Fixture *f, const char *id)
{
  WmChecklistItem *item = wm_checklist_find_item (f->checklist, id);

  g_assert_nonnull (item);
  return wm_checklist_item_get_active (item);
}

static gboolean
item_listed (Fixture *f, const char *id)
{
  GListModel *items = wm_checklist_get_items (f->checklist);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (WmChecklistItem) item = g_list_model_get_item (items, i);

      if (g_str_equal (wm_checklist_item_get_id (item), id))
        return TRUE;
    }
  return FALSE;
}

/* Comma-separated ids of active items with a trigger of @kind, in catalogue order. */
static char *
active_ids (Fixture *f, WmRoadmapTriggerKind kind)
{
  WmRoadmapCatalogue *catalogue = wm_checklist_get_catalogue (f->checklist);
  g_autoptr (GString) ids = g_string_new (NULL);

  for (guint i = 0; i < wm_roadmap_catalogue_get_n_entries (catalogue); i++)
    {
      const WmRoadmapEntry *entry = wm_roadmap_catalogue_get_entry (catalogue, i);

      if (wm_roadmap_entry_get_trigger (entry)->kind != kind ||
          !item_active (f, wm_roadmap_entry_get_id (entry)))
        continue;
      if (ids->len > 0)
        g_string_append_c (ids, ',');
      g_string_append (ids, wm_roadmap_entry_get_id (entry));
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* ---------------------------------------------------------------------------------------------
 * The built-in catalogue
 * ------------------------------------------------------------------------------------------ */

static void
test_default_catalogue (void)
{
  WmRoadmapCatalogue *catalogue = wm_roadmap_catalogue_get_default ();
  const char *const phases[] = { "explore", "vision", "design", "execution", "welcome",
                                 "management", NULL };
  const char *const owners[] = { "gemeente", "corporatie", "welzijn", "bewoners", NULL };
  guint n = wm_roadmap_catalogue_get_n_entries (catalogue);
  guint n_always = 0, kinds_seen = 0;
  gboolean newcomers = FALSE, meeting = FALSE, rehouse = FALSE, affordable = FALSE;

  g_assert_true (wm_roadmap_catalogue_is_builtin (catalogue));
  g_assert_cmpuint (n, >=, 25);
  g_assert_cmpuint (n, <=, 35);
  g_assert_true (g_strv_equal (wm_roadmap_catalogue_get_phases (catalogue), phases));
  g_assert_true (g_strv_equal (wm_roadmap_catalogue_get_owners (catalogue), owners));
  g_assert_cmpstr (wm_roadmap_catalogue_get_phase_name (catalogue, "welcome"), ==,
                   "Move-in and welcome");
  g_assert_cmpstr (wm_roadmap_catalogue_get_owner_name (catalogue, "corporatie"), ==,
                   "Housing corporation");
  g_assert_null (wm_roadmap_catalogue_get_owner_name (catalogue, "de buurtvereniging"));

  for (guint i = 0; i < n; i++)
    {
      const WmRoadmapEntry *entry = wm_roadmap_catalogue_get_entry (catalogue, i);
      const WmRoadmapTrigger *trigger = wm_roadmap_entry_get_trigger (entry);

      g_assert_true (wm_roadmap_catalogue_find_entry (catalogue, wm_roadmap_entry_get_id (entry))
                     == entry);
      g_assert_cmpstr (wm_roadmap_entry_get_title_for (entry, "nl"), !=,
                       wm_roadmap_entry_get_title_for (entry, "en"));
      g_assert_cmpstr (wm_roadmap_entry_get_title (entry), ==,
                       wm_roadmap_entry_get_title_for (entry, "en"));
      g_assert_nonnull (wm_roadmap_entry_get_description_for (entry, "nl"));
      if (trigger->kind == WM_ROADMAP_TRIGGER_ALWAYS)
        n_always++;
      else if (trigger->kind == WM_ROADMAP_TRIGGER_PROPOSAL)
        kinds_seen |= trigger->proposal_kinds;
      else
        {
          newcomers |= g_str_equal (trigger->indicator, "newcomer_share");
          meeting |= g_str_equal (trigger->indicator, "coverage.meeting_place");
          rehouse |= g_str_equal (trigger->indicator, "households_to_rehouse");
          affordable |= g_str_equal (trigger->indicator, "dwellings.affordable");
        }
    }
  g_assert_cmpuint (n_always, >=, 5);
  g_assert_true (newcomers && meeting && rehouse && affordable);
  for (guint k = 0; k < WM_N_PROPOSAL_KINDS; k++)
    g_assert_true (kinds_seen & (1u << k));

  /* The texts of issue 10. */
  g_assert_cmpstr (wm_roadmap_entry_get_title_for (
                     wm_roadmap_catalogue_find_entry (catalogue, "newbuild-shared-space"), "en"),
                   ==, "Co-design a shared space");
  g_assert_cmpstr (wm_roadmap_entry_get_title_for (
                     wm_roadmap_catalogue_find_entry (catalogue, "convert-say-in-newcomers"), "nl"),
                   ==, "Zittende bewoners een stem geven bij nieuwe instroom");
  /* The items from the source carry it. */
  g_assert_nonnull (strstr (wm_roadmap_entry_get_source (
                              wm_roadmap_catalogue_find_entry (catalogue, "explore-local-team")),
                            "Platform31"));
  g_assert_null (wm_roadmap_entry_get_source (
                   wm_roadmap_catalogue_find_entry (catalogue, "explore-figures")));

  /* docs/roadmap-catalogue.md has a row for every item. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs",
                                                   "roadmap-catalogue.md", NULL);
    g_autofree char *docs = NULL;

    g_assert_true (g_file_get_contents (path, &docs, NULL, NULL));
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *row = g_strdup_printf (
          "| `%s` |", wm_roadmap_entry_get_id (wm_roadmap_catalogue_get_entry (catalogue, i)));

        if (strstr (docs, row) == NULL)
          g_error ("docs/roadmap-catalogue.md has no row for “%s”",
                   wm_roadmap_entry_get_id (wm_roadmap_catalogue_get_entry (catalogue, i)));
      }
  }
}

static void
test_indicator_keys (Fixture *f, gconstpointer data)
{
  /* Every key the engine offers is one a catalogue may name, and nothing else is. */
  for (int total = 0; total <= 1; total++)
    {
      const char *const *keys = wm_indicator_engine_get_keys (f->engine, total);

      for (guint i = 0; keys[i] != NULL; i++)
        g_assert_true (wm_roadmap_indicator_key_is_valid (keys[i]));
    }
  g_assert_false (wm_roadmap_indicator_key_is_valid ("coverage.swimming_pool"));
  g_assert_false (wm_roadmap_indicator_key_is_valid ("share.council_housing"));
  g_assert_false (wm_roadmap_indicator_key_is_valid ("dissimilarity_social.grid_m"));
  g_assert_true (wm_roadmap_indicator_key_is_valid ("dissimilarity_social.grid_750m"));
}

/* ---------------------------------------------------------------------------------------------
 * Triggers
 * ------------------------------------------------------------------------------------------ */

static void
test_base_plan (Fixture *f, gconstpointer data)
{
  GListModel *items = wm_checklist_get_items (f->checklist);
  g_autofree char *proposal_items = active_ids (f, WM_ROADMAP_TRIGGER_PROPOSAL);
  g_autofree char *indicator_items = active_ids (f, WM_ROADMAP_TRIGGER_INDICATOR);
  g_autofree char *always_items = active_ids (f, WM_ROADMAP_TRIGGER_ALWAYS);
  g_auto (GStrv) always = g_strsplit (always_items, ",", -1);
  int last_phase = -1;

  g_assert_cmpstr (proposal_items, ==, "");
  g_assert_cmpstr (indicator_items, ==, "");
  g_assert_cmpuint (g_strv_length (always), >=, 5);
  /* The local team of the learning network is part of every plan, from the start. */
  g_assert_true (g_strv_contains ((const char *const *) always, "explore-local-team"));
  g_assert_cmpstr (wm_checklist_item_get_phase (
                     wm_checklist_find_item (f->checklist, "explore-local-team")), ==, "explore");
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, g_strv_length (always));
  g_assert_true (g_list_model_get_item_type (items) == WM_TYPE_CHECKLIST_ITEM);

  /* Listed by phase. */
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (WmChecklistItem) item = g_list_model_get_item (items, i);
      int phase = wm_roadmap_catalogue_get_phase_index (wm_checklist_get_catalogue (f->checklist),
                                                        wm_checklist_item_get_phase (item));

      g_assert_cmpint (phase, >=, last_phase);
      last_phase = phase;
      g_assert_true (wm_checklist_item_get_active (item));
      g_assert_false (wm_checklist_item_get_orphaned (item));
      g_assert_cmpint (wm_checklist_item_get_status (item), ==, WM_CHECKLIST_STATUS_OPEN);
      g_assert_cmpstr (wm_checklist_item_get_trigger_text (item), ==,
                       "Part of the approach in every plan");
    }
}

static void
test_empty_plan_no_indicator_alarms (Fixture *f, gconstpointer data)
{
  g_autofree char *indicator_items = active_ids (f, WM_ROADMAP_TRIGGER_INDICATOR);

  /* No dwellings: shares and coverage of nothing trigger nothing. */
  g_assert_cmpstr (indicator_items, ==, "");
}

typedef struct
{
  WmProposalKind kind;
  const char *building;
  const char *expected;
} ProposalCase;

static void
test_proposal_triggers (void)
{
  /* Zero deltas (and demolition without buildings) so no indicator moves. */
  const ProposalCase cases[] = {
    /* A demolition that removes no dwellings (see test_demolish_dwellings). */
    { WM_PROPOSAL_DEMOLISH, NULL, "" },
    { WM_PROPOSAL_NEW_BUILD, NULL,
      "newbuild-welcome-programme,newbuild-shared-space,newbuild-sitting-residents,"
      "newcomers-ambassadors" },
    /* b1 holds only social rent: not a mixed complex; nothing is new build of one tenure. */
    { WM_PROPOSAL_CONVERT_TENURE, "b1", "newcomers-ambassadors,convert-say-in-newcomers" },
    { WM_PROPOSAL_RENOVATE, "b1", "renovate-home-visits,renovate-social-intake" },
    { WM_PROPOSAL_TRANSFORM, NULL, "newbuild-welcome-programme,newcomers-ambassadors" },
    { WM_PROPOSAL_SPLIT_MERGE, "b2", "" },
    { WM_PROPOSAL_ADD_FACILITY, NULL,
      "facility-programme-management,facility-residents-design,facility-opening-hours" },
    { WM_PROPOSAL_REMOVE_FACILITY, NULL,
      "facility-programme-management,facility-removed-alternative" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      Fixture f;
      WmProposal *proposal;
      g_autofree char *before = NULL, *after = NULL, *indicators = NULL, *removed = NULL;

      fixture_set_up (&f, NULL);
      before = active_ids (&f, WM_ROADMAP_TRIGGER_PROPOSAL);
      g_assert_cmpstr (before, ==, "");

      proposal = add_proposal (&f, "p1", cases[c].kind, cases[c].building, -1, 0, -1, 0);
      if (cases[c].kind == WM_PROPOSAL_ADD_FACILITY)
        {
          g_autoptr (WmGeometry) point = wm_geometry_new_point (950, 50);

          wm_proposal_set_facility_type (proposal, WM_FACILITY_SPORTS);
          wm_proposal_set_geometry (proposal, point);
        }
      if (cases[c].kind == WM_PROPOSAL_REMOVE_FACILITY)
        wm_proposal_set_facility_id (proposal, "fp");

      after = active_ids (&f, WM_ROADMAP_TRIGGER_PROPOSAL);
      g_assert_cmpstr (after, ==, cases[c].expected);
      indicators = active_ids (&f, WM_ROADMAP_TRIGGER_INDICATOR);
      g_assert_cmpstr (indicators, ==, "");

      /* Each active proposal item names the proposal that triggered it. */
      if (*cases[c].expected != '\0')
        {
          g_auto (GStrv) ids = g_strsplit (cases[c].expected, ",", -1);

          for (guint i = 0; ids[i] != NULL; i++)
            {
              WmChecklistItem *item = wm_checklist_find_item (f.checklist, ids[i]);
              const char *const expected_ids[] = { "p1", NULL };

              g_assert_true (g_strv_equal (wm_checklist_item_get_proposal_ids (item),
                                           expected_ids));
              g_assert_null (wm_checklist_item_get_indicator (item));
              g_assert_true (item_listed (&f, ids[i]));
            }
        }

      g_assert_true (wm_scenario_remove_proposal (scenario_of (&f), proposal));
      removed = active_ids (&f, WM_ROADMAP_TRIGGER_PROPOSAL);
      g_assert_cmpstr (removed, ==, "");
      fixture_tear_down (&f, NULL);
    }
}

static void
test_mixed_tenure (Fixture *f, gconstpointer data)
{
  WmProposal *proposal;

  /* Selling 5 of b1's 20 social rent homes: the building becomes a mixed complex. */
  proposal = add_proposal (f, "sale", WM_PROPOSAL_CONVERT_TENURE, "b1",
                           WM_SEGMENT_SOCIAL_RENT, -5, WM_SEGMENT_OWNER_AFFORDABLE, 5);
  g_assert_true (item_active (f, "convert-social-management"));
  g_assert_true (item_active (f, "convert-owners-association"));
  g_assert_true (item_active (f, "convert-say-in-newcomers"));

  /* Selling all 20: one tenure again, so no mixed-complex management. */
  {
    WmDwellingMix all = { { 0 } };

    all.counts[WM_SEGMENT_SOCIAL_RENT] = -20;
    all.counts[WM_SEGMENT_OWNER_AFFORDABLE] = 20;
    wm_proposal_set_dwelling_delta (proposal, &all);
  }
  g_assert_false (item_active (f, "convert-social-management"));
  g_assert_false (item_active (f, "convert-owners-association"));
  g_assert_true (item_active (f, "convert-say-in-newcomers"));

  /* Rent to rent (social to mid-rent) is not mixed tenure either. */
  {
    WmDwellingMix rent = { { 0 } };

    rent.counts[WM_SEGMENT_SOCIAL_RENT] = -5;
    rent.counts[WM_SEGMENT_MID_RENT] = 5;
    wm_proposal_set_dwelling_delta (proposal, &rent);
  }
  g_assert_false (item_active (f, "convert-social-management"));
}

static void
test_newcomer_share (Fixture *f, gconstpointer data)
{
  WmChecklistItem *item = wm_checklist_find_item (f->checklist, "newcomers-bridging-contact");
  WmProposal *proposal;

  /* 2 new homes on 40: 2/42 is below 20%. */
  proposal = add_proposal (f, "nb", WM_PROPOSAL_NEW_BUILD, NULL, WM_SEGMENT_OWNER_EXPENSIVE, 2,
                           -1, 0);
  g_assert_false (wm_checklist_item_get_active (item));
  g_assert_false (item_listed (f, "newcomers-bridging-contact"));

  /* 20 new homes on 40: 20/60 is above. */
  {
    WmDwellingMix mix = { { 0 } };

    mix.counts[WM_SEGMENT_OWNER_EXPENSIVE] = 20;
    wm_proposal_set_dwelling_delta (proposal, &mix);
  }
  g_assert_true (wm_checklist_item_get_active (item));
  g_assert_true (item_listed (f, "newcomers-bridging-contact"));
  g_assert_cmpstr (wm_checklist_item_get_indicator (item), ==, "newcomer_share");
  g_assert_cmpfloat_with_epsilon (wm_checklist_item_get_indicator_value (item), 20.0 / 60.0,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (wm_checklist_item_get_threshold (item), 0.2, 1e-12);
  g_assert_cmpuint (g_strv_length ((GStrv) wm_checklist_item_get_proposal_ids (item)), ==, 0);
  g_assert_nonnull (strstr (wm_checklist_item_get_trigger_text (item), "above 20 %"));
}

static void
test_meeting_place (Fixture *f, gconstpointer data)
{
  WmProposal *proposal;

  g_assert_false (item_active (f, "meeting-place-gap"));
  proposal = add_proposal (f, "close", WM_PROPOSAL_REMOVE_FACILITY, NULL, -1, 0, -1, 0);
  wm_proposal_set_facility_id (proposal, "fc");
  g_assert_true (item_active (f, "meeting-place-gap"));
  g_assert_cmpfloat (wm_checklist_item_get_indicator_value (
                       wm_checklist_find_item (f->checklist, "meeting-place-gap")), <, 0.8);

  /* A library near the homes brings coverage back. */
  {
    g_autoptr (WmGeometry) point = wm_geometry_new_point (210, 210);
    WmProposal *library = add_proposal (f, "lib", WM_PROPOSAL_ADD_FACILITY, NULL, -1, 0, -1, 0);

    wm_proposal_set_facility_type (library, WM_FACILITY_LIBRARY);
    wm_proposal_set_geometry (library, point);
  }
  g_assert_false (item_active (f, "meeting-place-gap"));
}

static void
test_stock_loss (Fixture *f, gconstpointer data)
{
  WmProposal *demolish, *sale, *new_build;

  /* New social rent homes: no loss, nobody moves. */
  new_build = add_proposal (f, "nb", WM_PROPOSAL_NEW_BUILD, NULL, WM_SEGMENT_SOCIAL_RENT, 10, -1, 0);
  g_assert_false (item_active (f, "social-stock-rehousing"));
  g_assert_false (item_active (f, "affordable-stock-displacement"));

  /* Demolishing b1 (20 social) loses 10 affordable homes net and rehouses 20 households. */
  demolish = add_proposal (f, "sloop", WM_PROPOSAL_DEMOLISH, "b1", -1, 0, -1, 0);
  g_assert_true (item_active (f, "social-stock-rehousing"));
  g_assert_true (item_active (f, "affordable-stock-displacement"));
  g_assert_cmpstr (wm_checklist_item_get_trigger_text (
                     wm_checklist_find_item (f->checklist, "affordable-stock-displacement")), ==,
                   "Affordable dwellings: from 30 to 20");
  wm_scenario_remove_proposal (scenario_of (f), demolish);
  g_assert_false (item_active (f, "social-stock-rehousing"));
  wm_scenario_remove_proposal (scenario_of (f), new_build);

  /* Affordable owner-occupied sold at market price: affordable loss, nobody moves. */
  sale = add_proposal (f, "up", WM_PROPOSAL_CONVERT_TENURE, "b3", WM_SEGMENT_OWNER_AFFORDABLE, -5,
                       WM_SEGMENT_OWNER_EXPENSIVE, 5);
  g_assert_false (item_active (f, "social-stock-rehousing"));
  g_assert_true (item_active (f, "affordable-stock-displacement"));
  g_assert_nonnull (sale);
}

/* Rehousing capacity and resilience follow households_to_rehouse > 0. */
static void
test_rehousing (Fixture *f, gconstpointer data)
{
  WmChecklistItem *rehousing = wm_checklist_find_item (f->checklist, "social-stock-rehousing");
  WmChecklistItem *resilience =
    wm_checklist_find_item (f->checklist, "resilience-vulnerable-households");
  WmProposal *sale, *demolish, *new_build;

  /* Selling 10 of b1's social rent homes: social rent goes down, but nobody has to move. */
  sale = add_proposal (f, "sale", WM_PROPOSAL_CONVERT_TENURE, "b1", WM_SEGMENT_SOCIAL_RENT, -10,
                       WM_SEGMENT_OWNER_AFFORDABLE, 10);
  g_assert_cmpfloat (wm_indicator_engine_get (f->engine, "dwellings.social_rent", NULL,
                                              WM_INDICATOR_PROJECTED), <, 20);
  g_assert_false (wm_checklist_item_get_active (rehousing));
  g_assert_false (wm_checklist_item_get_active (resilience));
  wm_scenario_remove_proposal (scenario_of (f), sale);

  /* Sloop-nieuwbouw: 31 social rent homes demolished, 40 mixed homes built in their place. */
  wm_test_add_building (f->plan, "b4", 500, 500, WM_SEGMENT_SOCIAL_RENT, 31);
  wm_indicator_engine_recompute (f->engine);
  demolish = add_proposal (f, "sloop", WM_PROPOSAL_DEMOLISH, "b4", -1, 0, -1, 0);
  new_build = add_proposal (f, "nb", WM_PROPOSAL_NEW_BUILD, NULL, WM_SEGMENT_SOCIAL_RENT, 30,
                            WM_SEGMENT_OWNER_AFFORDABLE, 10);
  g_assert_true (wm_checklist_item_get_active (rehousing));
  g_assert_true (wm_checklist_item_get_active (resilience));
  g_assert_cmpstr (wm_checklist_item_get_indicator (rehousing), ==, "households_to_rehouse");
  g_assert_cmpfloat (wm_checklist_item_get_indicator_value (rehousing), ==, 31);
  g_assert_cmpfloat (wm_checklist_item_get_threshold (rehousing), ==, 0);
  g_assert_cmpstr (wm_checklist_item_get_trigger_text (rehousing), ==,
                   "Households to rehouse: 31 (above 0)");
  g_assert_nonnull (new_build);

  /* Demolishing every home: no dwellings are left, yet the count still calls for rehousing. */
  wm_scenario_remove_proposal (scenario_of (f), new_build);
  {
    const char *const all[] = { "b1", "b2", "b3", "b4", NULL };

    wm_proposal_set_building_ids (demolish, all);
  }
  g_assert_cmpfloat (wm_indicator_engine_get (f->engine, "dwellings", NULL,
                                              WM_INDICATOR_PROJECTED), ==, 0);
  g_assert_true (wm_checklist_item_get_active (rehousing));
  g_assert_cmpfloat (wm_checklist_item_get_indicator_value (rehousing), ==, 71);
}

static const char *const demolish_items[] = {
  "demolish-social-plan", "demolish-right-to-return", "demolish-temporary-homes",
  "demolish-personal-guidance", "demolish-sounding-board", NULL,
};

/* The demolition items follow the dwellings a demolition removes after earlier proposals. */
static void
test_demolish_dwellings (Fixture *f, gconstpointer data)
{
  WmProposal *shed, *transform, *sloop;
  g_autofree char *none = NULL;

  /* A shed without dwellings: demolishing it calls for nothing. */
  wm_test_add_building (f->plan, "shed", 600, 600, WM_SEGMENT_SOCIAL_RENT, 0);
  wm_indicator_engine_recompute (f->engine);
  shed = add_proposal (f, "shed", WM_PROPOSAL_DEMOLISH, "shed", -1, 0, -1, 0);
  none = active_ids (f, WM_ROADMAP_TRIGGER_PROPOSAL);
  g_assert_cmpstr (none, ==, "");
  g_assert_false (item_active (f, "social-stock-rehousing"));

  /* The shed turned into 6 homes in 2025, demolished in 2030: the demolition removes them. */
  wm_proposal_set_year (shed, 2030);
  transform = add_proposal (f, "tr", WM_PROPOSAL_TRANSFORM, "shed", WM_SEGMENT_MID_RENT, 6, -1, 0);
  wm_proposal_set_year (transform, 2025);
  for (guint i = 0; demolish_items[i] != NULL; i++)
    {
      WmChecklistItem *item = wm_checklist_find_item (f->checklist, demolish_items[i]);
      const char *const expected[] = { "shed", NULL };

      g_assert_true (wm_checklist_item_get_active (item));
      g_assert_true (g_strv_equal (wm_checklist_item_get_proposal_ids (item), expected));
    }
  /* The engine counts the same 6 households: rehousing capacity is called for. */
  g_assert_cmpfloat (wm_indicator_engine_get (f->engine, "households_to_rehouse", NULL,
                                              WM_INDICATOR_PROJECTED), ==, 6);
  g_assert_true (item_active (f, "social-stock-rehousing"));
  /* Transformed after the demolition, it is gone before it holds anyone. */
  wm_proposal_set_year (transform, 2031);
  g_assert_false (item_active (f, "demolish-social-plan"));
  g_assert_cmpfloat (wm_indicator_engine_get (f->engine, "households_to_rehouse", NULL,
                                              WM_INDICATOR_PROJECTED), ==, 0);
  g_assert_false (item_active (f, "social-stock-rehousing"));
  wm_scenario_remove_proposal (scenario_of (f), transform);

  /* b1 (20 homes) demolished: every demolition item, naming the households. */
  sloop = add_proposal (f, "sloop", WM_PROPOSAL_DEMOLISH, "b1", -1, 0, -1, 0);
  wm_proposal_set_name (sloop, "Sloop blok A");
  for (guint i = 0; demolish_items[i] != NULL; i++)
    {
      WmChecklistItem *item = wm_checklist_find_item (f->checklist, demolish_items[i]);
      const char *const expected[] = { "sloop", NULL };

      g_assert_true (g_strv_equal (wm_checklist_item_get_proposal_ids (item), expected));
      g_assert_cmpstr (wm_checklist_item_get_trigger_text (item), ==,
                       "Follows from the change “Sloop blok A”: 20 households have to move");
    }

  /* A second demolition of b1 after the first removes nothing more. */
  wm_proposal_set_year (sloop, 2026);
  {
    WmProposal *again = add_proposal (f, "again", WM_PROPOSAL_DEMOLISH, "b1", -1, 0, -1, 0);
    const char *const expected[] = { "sloop", NULL };

    wm_proposal_set_year (again, 2028);
    g_assert_true (g_strv_equal (wm_checklist_item_get_proposal_ids (
                                   wm_checklist_find_item (f->checklist, "demolish-social-plan")),
                                 expected));
  }
}

/* Renovation, transformation and split/merge call for a social plan and temporary homes only
 * when they make households move. */
static void
test_renovate_moves (Fixture *f, gconstpointer data)
{
  WmProposal *renovate, *merge, *demolish;

  /* An upgrade to mid-rent: the same number of homes, nobody has to move. */
  renovate = add_proposal (f, "ren", WM_PROPOSAL_RENOVATE, "b1", WM_SEGMENT_SOCIAL_RENT, -5,
                           WM_SEGMENT_MID_RENT, 5);
  g_assert_true (item_active (f, "renovate-home-visits"));
  g_assert_false (item_active (f, "demolish-social-plan"));
  g_assert_false (item_active (f, "demolish-temporary-homes"));
  g_assert_false (item_active (f, "social-stock-rehousing"));

  /* A renovation that turns 20 small homes into 16 larger ones moves 4 households. */
  {
    WmDwellingMix fewer = { { 0 } };

    fewer.counts[WM_SEGMENT_SOCIAL_RENT] = -4;
    wm_proposal_set_dwelling_delta (renovate, &fewer);
  }
  g_assert_true (item_active (f, "demolish-social-plan"));
  g_assert_true (item_active (f, "demolish-temporary-homes"));
  g_assert_true (item_active (f, "social-stock-rehousing"));
  g_assert_false (item_active (f, "demolish-right-to-return"));
  g_assert_false (item_active (f, "demolish-sounding-board"));
  g_assert_cmpstr (wm_checklist_item_get_trigger_text (
                     wm_checklist_find_item (f->checklist, "demolish-temporary-homes")), ==,
                   "Follows from the change “Renovate building”: 4 households have to move");

  /* Merging 10 homes of b2 into 6 moves 4 more; both changes are named. */
  merge = add_proposal (f, "merge", WM_PROPOSAL_SPLIT_MERGE, "b2", WM_SEGMENT_OWNER_EXPENSIVE, -4,
                        -1, 0);
  {
    const char *const expected[] = { "ren", "merge", NULL };

    g_assert_true (g_strv_equal (wm_checklist_item_get_proposal_ids (
                                   wm_checklist_find_item (f->checklist, "demolish-social-plan")),
                                 expected));
    g_assert_nonnull (strstr (wm_checklist_item_get_trigger_text (
                                wm_checklist_find_item (f->checklist, "demolish-social-plan")),
                              "Follows from the changes “Renovate building”, “Merge into 4 fewer "
                              "dwellings”: 8 households have to move"));
  }
  wm_scenario_remove_proposal (scenario_of (f), merge);

  /* Renovated after it was demolished: only the demolition moves anyone. */
  demolish = add_proposal (f, "sloop", WM_PROPOSAL_DEMOLISH, "b1", -1, 0, -1, 0);
  wm_proposal_set_year (demolish, 2025);
  wm_proposal_set_year (renovate, 2027);
  {
    const char *const expected[] = { "sloop", NULL };

    WmChecklistItem *homes = wm_checklist_find_item (f->checklist, "demolish-temporary-homes");

    g_assert_true (g_strv_equal (wm_checklist_item_get_proposal_ids (homes), expected));
  }

  /* A transformation adds homes: nobody moves. */
  wm_scenario_remove_proposal (scenario_of (f), demolish);
  wm_scenario_remove_proposal (scenario_of (f), renovate);
  add_proposal (f, "tr", WM_PROPOSAL_TRANSFORM, NULL, WM_SEGMENT_MID_RENT, 8, -1, 0);
  g_assert_false (item_active (f, "demolish-social-plan"));
  g_assert_false (item_active (f, "demolish-temporary-homes"));
}

/* The demolition items and households_to_rehouse count the same households: a merge of 10
 * into 6 and then the demolition move 4 + 6. */
static void
test_rehouse_agrees (Fixture *f, gconstpointer data)
{
  WmProposal *merge, *demolish;
  WmChecklistItem *homes = wm_checklist_find_item (f->checklist, "demolish-temporary-homes");
  WmChecklistItem *rehousing = wm_checklist_find_item (f->checklist, "social-stock-rehousing");

  merge = add_proposal (f, "merge", WM_PROPOSAL_SPLIT_MERGE, "b2", WM_SEGMENT_OWNER_EXPENSIVE, -4,
                        -1, 0);
  demolish = add_proposal (f, "sloop", WM_PROPOSAL_DEMOLISH, "b2", -1, 0, -1, 0);
  wm_proposal_set_year (merge, 2026);
  wm_proposal_set_year (demolish, 2028);
  g_assert_true (g_str_has_suffix (wm_checklist_item_get_trigger_text (homes),
                                   ": 10 households have to move"));
  g_assert_cmpfloat (wm_indicator_engine_get (f->engine, "households_to_rehouse", NULL,
                                              WM_INDICATOR_PROJECTED), ==, 10);
  g_assert_cmpfloat (wm_checklist_item_get_indicator_value (rehousing), ==, 10);

  /* Demolished first, the building takes all 10 and the merge moves nobody. */
  wm_proposal_set_year (demolish, 2025);
  g_assert_true (g_str_has_suffix (wm_checklist_item_get_trigger_text (homes),
                                   ": 10 households have to move"));
  g_assert_cmpfloat (wm_checklist_item_get_indicator_value (rehousing), ==, 10);
}

/* A new build with rent and owner-occupied homes is a mixed complex. */
static void
test_mixed_new_build (Fixture *f, gconstpointer data)
{
  WmProposal *proposal;
  WmDwellingMix mix = { { 0 } };

  proposal = add_proposal (f, "nb", WM_PROPOSAL_NEW_BUILD, NULL, WM_SEGMENT_SOCIAL_RENT, 15, -1, 0);
  wm_proposal_set_name (proposal, "Nieuwbouw Haarwijk");
  g_assert_true (item_active (f, "newbuild-welcome-programme"));
  g_assert_false (item_active (f, "convert-social-management"));
  g_assert_false (item_active (f, "convert-owners-association"));

  mix.counts[WM_SEGMENT_SOCIAL_RENT] = 10;
  mix.counts[WM_SEGMENT_OWNER_AFFORDABLE] = 5;
  wm_proposal_set_dwelling_delta (proposal, &mix);
  g_assert_true (item_active (f, "convert-social-management"));
  g_assert_true (item_active (f, "convert-owners-association"));
  g_assert_cmpstr (wm_checklist_item_get_trigger_text (
                     wm_checklist_find_item (f->checklist, "convert-owners-association")), ==,
                   "Follows from the change “Nieuwbouw Haarwijk”: rented and owner-occupied "
                   "homes in one complex");
  /* Selling homes in a new build is not a conversion: no say for sitting residents. */
  g_assert_false (item_active (f, "convert-say-in-newcomers"));

  /* Social and mid-rent are both rent: one tenure. */
  mix.counts[WM_SEGMENT_OWNER_AFFORDABLE] = 0;
  mix.counts[WM_SEGMENT_MID_RENT] = 5;
  wm_proposal_set_dwelling_delta (proposal, &mix);
  g_assert_false (item_active (f, "convert-social-management"));
}

/* The factory's default name of a typed new build reads as a phrase. */
static void
test_new_build_name (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmGeometry) footprint = wm_test_square (400, 400, 30);
  WmDwellingMix mix = { { 0 } };
  g_autoptr (WmProposal) proposal = NULL;

  mix.counts[WM_SEGMENT_MID_RENT] = 24;
  proposal = wm_proposal_factory_new_build (f->plan, NULL, footprint, &mix,
                                            WM_DWELLING_TYPE_APARTMENT, 2027, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_proposal_get_name (proposal), ==, "New build: 24 apartments");
  wm_scenario_add_proposal (scenario_of (f), proposal);
  g_assert_cmpstr (wm_checklist_item_get_trigger_text (
                     wm_checklist_find_item (f->checklist, "newbuild-shared-space")), ==,
                   "Follows from the change “New build: 24 apartments”");
}

/* The reference plan (data/demo/haarwijk-like.json on the demo): sloop-nieuwbouw of
 * 31 homes, two mixed blocks, a shared garden. */
static void
test_haarwijk_like (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo",
                                                 "haarwijk-like.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr (GPtrArray) proposals = NULL;
  Fixture f;
  const struct
  {
    const char *id;
    const char *reason;
  } expected[] = {
    { "newcomers-bridging-contact", "Newcomer share: 56 % in Vak D4 (above 20 %)" },
    { "newcomers-bonding-first", "Newcomer share: 56 % in Vak D4 (above 20 %)" },
    { "social-stock-rehousing", "Households to rehouse: 31 (above 0)" },
    { "demolish-social-plan", "Follows from the changes “Sloop portiekflat noord”, “Sloop "
                              "portiekflat zuid”: 31 households have to move" },
    { "convert-social-management", "Follows from the changes “Hofblok A”, “Hofblok B”: rented "
                                   "and owner-occupied homes in one complex" },
    { "convert-owners-association", "Follows from the changes “Hofblok A”, “Hofblok B”: rented "
                                    "and owner-occupied homes in one complex" },
  };

  f.plan = wm_demo_load (&error);
  g_assert_no_error (error);
  f.engine = wm_indicator_engine_new (f.plan, NULL);
  f.checklist = wm_checklist_new (f.engine, NULL);
  g_assert_true (g_file_get_contents (path, &json, NULL, &error));
  proposals = wm_proposals_from_json_data (json, -1, "haarwijk-like.json", f.plan, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < proposals->len; i++)
    wm_scenario_add_proposal (scenario_of (&f), g_ptr_array_index (proposals, i));

  /* 9 % newcomers overall: only the area names it. */
  g_assert_cmpfloat (wm_indicator_engine_get (f.engine, "newcomer_share", NULL,
                                              WM_INDICATOR_PROJECTED), <, 0.2);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("%s", expected[i].id);
      g_assert_true (item_active (&f, expected[i].id));
      g_assert_cmpstr (wm_checklist_item_get_trigger_text (
                         wm_checklist_find_item (f.checklist, expected[i].id)), ==,
                       expected[i].reason);
    }
  fixture_tear_down (&f, NULL);
}

/* ---------------------------------------------------------------------------------------------
 * Newcomers per area: a plan of @n_areas areas of 250 x 250 m side by side ("Vak 1"...), each
 * with a building of @per_area social rent homes; @big_area (if < n_areas) has 200 more.
 * ------------------------------------------------------------------------------------------ */

static void
set_up_areas (Fixture *f, guint n_areas, int per_area, guint big_area)
{
  f->plan = wm_plan_new ();
  for (guint i = 0; i < n_areas; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i + 1);
      g_autofree char *name = g_strdup_printf ("Vak %u", i + 1);
      g_autofree char *building = g_strdup_printf ("b%u", i + 1);
      g_autoptr (WmGeometry) boundary = wm_test_square (250.0 * i, 0, 250);
      g_autoptr (WmArea) area = wm_area_new (id, name, boundary);

      wm_plan_add_area (f->plan, area);
      wm_test_add_building (f->plan, building, 250.0 * i + 20, 20, WM_SEGMENT_SOCIAL_RENT,
                            per_area + (i == big_area ? 200 : 0));
    }
  f->engine = wm_indicator_engine_new (f->plan, NULL);
  f->checklist = wm_checklist_new (f->engine, NULL);
}

/* @n new owner-occupied homes in area @area (0-based) of set_up_areas(). */
static WmProposal *
add_new_build_in (Fixture *f, const char *id, guint area, int n)
{
  g_autoptr (WmProposal) proposal = wm_proposal_new (id, WM_PROPOSAL_NEW_BUILD);
  g_autoptr (WmGeometry) footprint = wm_test_square (250.0 * area + 100, 100, 20);
  WmDwellingMix delta = { { 0 } };

  delta.counts[WM_SEGMENT_OWNER_EXPENSIVE] = n;
  wm_proposal_set_dwelling_delta (proposal, &delta);
  wm_proposal_set_geometry (proposal, footprint);
  wm_scenario_add_proposal (scenario_of (f), proposal);
  return proposal;
}

static void
test_newcomers_any_area (void)
{
  Fixture f;
  WmChecklistItem *bridging, *bonding;
  WmProposal *proposal;
  const char *const in_first[] = { "a1", NULL };

  /* Vak 1: 20 homes; Vak 2: 220. */
  set_up_areas (&f, 2, 20, 1);
  bridging = wm_checklist_find_item (f.checklist, "newcomers-bridging-contact");
  bonding = wm_checklist_find_item (f.checklist, "newcomers-bonding-first");

  /* 2 new homes in Vak 1: 2 of 22 is below 20%. */
  proposal = add_new_build_in (&f, "nb", 0, 2);
  g_assert_false (wm_checklist_item_get_active (bridging));
  g_assert_false (wm_checklist_item_get_active (bonding));

  /* 30 new homes in Vak 1: 30 of 50 there, 30 of 270 (11 %) overall. */
  {
    WmDwellingMix delta = { { 0 } };

    delta.counts[WM_SEGMENT_OWNER_EXPENSIVE] = 30;
    wm_proposal_set_dwelling_delta (proposal, &delta);
  }
  g_assert_cmpfloat (wm_indicator_engine_get (f.engine, "newcomer_share", NULL,
                                              WM_INDICATOR_PROJECTED), <, 0.2);
  g_assert_true (wm_checklist_item_get_active (bridging));
  g_assert_true (wm_checklist_item_get_active (bonding));
  g_assert_true (g_strv_equal (wm_checklist_item_get_area_ids (bridging), in_first));
  g_assert_cmpfloat_with_epsilon (wm_checklist_item_get_indicator_value (bridging), 0.6, 1e-9);
  g_assert_cmpstr (wm_checklist_item_get_trigger_text (bridging), ==,
                   "Newcomer share: 60 % in Vak 1 (above 20 %)");
  g_assert_cmpstr (wm_checklist_item_get_trigger_text (bonding), ==,
                   "Newcomer share: 60 % in Vak 1 (above 20 %)");
  fixture_tear_down (&f, NULL);

  /* Five areas of 20 homes with newcomers in all: the three highest named, then a count. */
  set_up_areas (&f, 5, 20, G_MAXUINT);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("nb%u", i);

      add_new_build_in (&f, id, i, 10 + 5 * (int) i);
    }
  bridging = wm_checklist_find_item (f.checklist, "newcomers-bridging-contact");
  g_assert_cmpuint (g_strv_length ((GStrv) wm_checklist_item_get_area_ids (bridging)), ==, 5);
  g_assert_cmpstr (wm_checklist_item_get_trigger_text (bridging), ==,
                   "Newcomer share: 60 % in Vak 5, 56 % in Vak 4, 50 % in Vak 3 and 2 more areas "
                   "(above 20 %)");
  fixture_tear_down (&f, NULL);

  /* A plan without areas: the whole neighbourhood counts as its one area. */
  set_up_areas (&f, 0, 0, G_MAXUINT);
  wm_test_add_building (f.plan, "b1", 20, 20, WM_SEGMENT_SOCIAL_RENT, 20);
  wm_indicator_engine_recompute (f.engine);
  bridging = wm_checklist_find_item (f.checklist, "newcomers-bridging-contact");
  add_new_build_in (&f, "nb", 0, 2);
  g_assert_false (wm_checklist_item_get_active (bridging));
  add_new_build_in (&f, "nb2", 0, 10);
  g_assert_true (wm_checklist_item_get_active (bridging));
  g_assert_null (wm_checklist_item_get_area_ids (bridging)[0]);
  g_assert_cmpstr (wm_checklist_item_get_trigger_text (bridging), ==,
                   "Newcomer share: 38 % (above 20 %)");
  fixture_tear_down (&f, NULL);
}

static void
test_social_target (Fixture *f, gconstpointer data)
{
  WmProposal *proposal, *demolish;
  WmChecklistItem *item = wm_checklist_find_item (f->checklist, "social-rent-target");

  /* 20 social of 40 is on the edge of the default 30–50 %: within. */
  g_assert_false (item_active (f, "social-rent-target"));
  /* 20 social of 45 stays within. */
  proposal = add_proposal (f, "nb", WM_PROPOSAL_NEW_BUILD, NULL, WM_SEGMENT_OWNER_EXPENSIVE, 5,
                           -1, 0);
  g_assert_false (item_active (f, "social-rent-target"));

  /* 20 social of 140 is below the minimum. */
  {
    WmDwellingMix mix = { { 0 } };

    mix.counts[WM_SEGMENT_OWNER_EXPENSIVE] = 100;
    wm_proposal_set_dwelling_delta (proposal, &mix);
  }
  g_assert_true (item_active (f, "social-rent-target"));
  g_assert_cmpfloat_with_epsilon (wm_checklist_item_get_threshold (item), 0.30, 1e-9);
  g_assert_cmpstr (wm_checklist_item_get_trigger_text (item), ==,
                   "Share of social rent is 14 %, below the minimum of 30 % (target 30–50 %)");
  wm_scenario_remove_proposal (scenario_of (f), proposal);
  g_assert_false (item_active (f, "social-rent-target"));

  /* Demolishing the expensive block leaves 20 social of 30: above the maximum. */
  demolish = add_proposal (f, "sloop", WM_PROPOSAL_DEMOLISH, "b2", WM_SEGMENT_OWNER_EXPENSIVE,
                           -10, -1, 0);
  g_assert_true (item_active (f, "social-rent-target"));
  g_assert_cmpfloat_with_epsilon (wm_checklist_item_get_threshold (item), 0.50, 1e-9);
  g_assert_cmpstr (wm_checklist_item_get_trigger_text (item), ==,
                   "Share of social rent is 67 %, above the maximum of 50 % (target 30–50 %)");

  /* The national agenda has no maximum: nothing to discuss. */
  wm_targets_apply_preset (wm_targets_get_for_plan (f->plan), WM_TARGET_PRESET_NATIONAL);
  g_assert_false (item_active (f, "social-rent-target"));
  g_assert_nonnull (demolish);
}

/* ---------------------------------------------------------------------------------------------
 * User data
 * ------------------------------------------------------------------------------------------ */

static guint n_changed;

static void
changed_cb (gpointer instance, gpointer data)
{
  n_changed++;
}

static void
test_trigger_loss_return (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmProposal) kept = NULL;
  WmChecklistItem *plan_item = wm_checklist_find_item (f->checklist, "demolish-social-plan");
  WmChecklistItem *board = wm_checklist_find_item (f->checklist, "demolish-sounding-board");
  WmChecklistItem *guidance = wm_checklist_find_item (f->checklist, "demolish-personal-guidance");
  WmProposal *proposal;
  guint n_before, n_raised;

  proposal = add_proposal (f, "sloop", WM_PROPOSAL_DEMOLISH, "b1", -1, 0, -1, 0);
  kept = g_object_ref (proposal);
  g_signal_connect (f->checklist, "changed", G_CALLBACK (changed_cb), NULL);

  /* Not applicable needs a reason. */
  g_assert_false (wm_checklist_item_set_status (board, WM_CHECKLIST_STATUS_NOT_APPLICABLE, "  ",
                                                &error));
  g_assert_error (error, WM_CHECKLIST_ERROR, WM_CHECKLIST_ERROR_REASON_REQUIRED);
  g_assert_cmpint (wm_checklist_item_get_status (board), ==, WM_CHECKLIST_STATUS_OPEN);
  g_clear_error (&error);

  n_changed = 0;
  g_assert_true (wm_checklist_item_set_status (plan_item, WM_CHECKLIST_STATUS_DONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, >=, 1);
  wm_checklist_item_set_note (plan_item, "Afgestemd met de huurdersvereniging");
  g_assert_true (wm_checklist_item_set_status (board, WM_CHECKLIST_STATUS_NOT_APPLICABLE,
                                               "Bewoners zitten al in de wijkraad", &error));
  wm_checklist_item_set_owner (board, "wijkraad");
  wm_checklist_item_set_target_year (board, 2026);
  g_assert_cmpstr (wm_checklist_item_get_owner (board), ==, "wijkraad");
  g_assert_cmpstr (wm_checklist_item_get_owner_label (board), ==, "wijkraad");
  g_assert_cmpstr (wm_checklist_item_get_owner_label (plan_item), ==, "Housing corporation");

  /* The trigger goes: items with user data stay, marked; the others go from the list (three
   * demolition items and the indicator items the demolition of b1 raised). */
  n_before = g_list_model_get_n_items (wm_checklist_get_items (f->checklist));
  {
    g_autofree char *raised = active_ids (f, WM_ROADMAP_TRIGGER_INDICATOR);
    g_auto (GStrv) ids = g_strsplit (raised, ",", -1);

    g_assert_true (g_strv_contains ((const char *const *) ids, "social-stock-rehousing"));
    n_raised = g_strv_length (ids);
  }
  g_assert_true (wm_scenario_remove_proposal (scenario_of (f), proposal));
  g_assert_false (wm_checklist_item_get_active (plan_item));
  g_assert_true (wm_checklist_item_get_orphaned (plan_item));
  g_assert_true (item_listed (f, "demolish-social-plan"));
  g_assert_true (item_listed (f, "demolish-sounding-board"));
  g_assert_false (item_listed (f, "demolish-personal-guidance"));
  g_assert_false (wm_checklist_item_get_orphaned (guidance));
  g_assert_cmpuint (g_list_model_get_n_items (wm_checklist_get_items (f->checklist)), ==,
                    n_before - 3 - n_raised);
  g_assert_cmpint (wm_checklist_item_get_status (plan_item), ==, WM_CHECKLIST_STATUS_DONE);
  g_assert_cmpstr (wm_checklist_item_get_note (plan_item), ==,
                   "Afgestemd met de huurdersvereniging");
  g_assert_nonnull (strstr (wm_checklist_item_get_trigger_text (plan_item), "Trigger gone"));
  g_assert_cmpuint (g_strv_length ((GStrv) wm_checklist_item_get_proposal_ids (plan_item)), ==,
                    0);

  /* Editing an orphaned item keeps it listed and orphaned. */
  wm_checklist_item_set_note (plan_item, "tijdelijk");
  g_assert_true (item_listed (f, "demolish-social-plan"));
  wm_checklist_item_set_note (plan_item, "Afgestemd met de huurdersvereniging");

  /* The trigger returns: the same entries come back with it. */
  wm_scenario_add_proposal (scenario_of (f), kept);
  g_assert_true (wm_checklist_item_get_active (plan_item));
  g_assert_false (wm_checklist_item_get_orphaned (plan_item));
  g_assert_cmpint (wm_checklist_item_get_status (plan_item), ==, WM_CHECKLIST_STATUS_DONE);
  g_assert_cmpstr (wm_checklist_item_get_note (plan_item), ==,
                   "Afgestemd met de huurdersvereniging");
  g_assert_cmpint (wm_checklist_item_get_status (board), ==, WM_CHECKLIST_STATUS_NOT_APPLICABLE);
  g_assert_cmpstr (wm_checklist_item_get_reason (board), ==, "Bewoners zitten al in de wijkraad");
  g_assert_cmpint (wm_checklist_item_get_target_year (board), ==, 2026);
  g_assert_true (item_listed (f, "demolish-personal-guidance"));
  g_assert_cmpuint (g_list_model_get_n_items (wm_checklist_get_items (f->checklist)), ==,
                    n_before);

  /* Leaving "not applicable" drops the reason; an item reset to nothing is no longer orphaned. */
  g_assert_true (wm_checklist_item_set_status (board, WM_CHECKLIST_STATUS_PLANNED, "ignored",
                                               NULL));
  g_assert_null (wm_checklist_item_get_reason (board));
  wm_scenario_remove_proposal (scenario_of (f), kept);
  g_assert_true (item_listed (f, "demolish-sounding-board"));
  wm_checklist_item_set_status (board, WM_CHECKLIST_STATUS_OPEN, NULL, NULL);
  wm_checklist_item_set_owner (board, NULL);
  wm_checklist_item_set_target_year (board, 0);
  g_assert_false (item_listed (f, "demolish-sounding-board"));
  g_assert_cmpstr (wm_checklist_item_get_owner (board), ==, "bewoners");
}

static void
test_progress_and_filter (Fixture *f, gconstpointer data)
{
  WmChecklistItem *shared = wm_checklist_find_item (f->checklist, "vision-shared");
  WmChecklistItem *weekly = wm_checklist_find_item (f->checklist, "vision-weekly-contact");
  g_autoptr (GPtrArray) welzijn = NULL;
  g_autoptr (GPtrArray) done = NULL;
  g_autoptr (GPtrArray) none = NULL;
  guint n_done, n_listed;
  double progress;

  progress = wm_checklist_get_phase_progress (f->checklist, "vision", &n_done, &n_listed);
  g_assert_cmpuint (n_done, ==, 0);
  g_assert_cmpuint (n_listed, ==, 4);
  g_assert_cmpfloat (progress, ==, 0.0);

  wm_checklist_item_set_status (shared, WM_CHECKLIST_STATUS_DONE, NULL, NULL);
  wm_checklist_item_set_status (weekly, WM_CHECKLIST_STATUS_NOT_APPLICABLE, "Al geregeld", NULL);
  progress = wm_checklist_get_phase_progress (f->checklist, "vision", &n_done, &n_listed);
  g_assert_cmpuint (n_done, ==, 2);
  g_assert_cmpfloat (progress, ==, 0.5);
  g_assert_cmpfloat (wm_checklist_get_phase_progress (f->checklist, "design", &n_done, &n_listed),
                     ==, 0.0);
  g_assert_cmpuint (n_listed, ==, 0);

  welzijn = wm_checklist_filter (f->checklist, "welzijn", -1);
  g_assert_cmpuint (welzijn->len, ==, 3);
  for (guint i = 0; i < welzijn->len; i++)
    g_assert_cmpstr (wm_checklist_item_get_owner (g_ptr_array_index (welzijn, i)), ==, "welzijn");
  done = wm_checklist_filter (f->checklist, NULL, WM_CHECKLIST_STATUS_DONE);
  g_assert_cmpuint (done->len, ==, 1);
  g_assert_true (g_ptr_array_index (done, 0) == shared);
  none = wm_checklist_filter (f->checklist, "welzijn", WM_CHECKLIST_STATUS_DONE);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_scenarios (Fixture *f, gconstpointer data)
{
  g_autoptr (WmScenario) other = wm_scenario_new ("s2", "Variant");
  WmChecklistItem *item = wm_checklist_find_item (f->checklist, "vision-shared");
  g_autoptr (WmProposal) demolish = wm_proposal_new ("p9", WM_PROPOSAL_DEMOLISH);
  const char *const b1[] = { "b1", NULL };

  wm_proposal_set_building_ids (demolish, b1);
  wm_checklist_item_set_status (item, WM_CHECKLIST_STATUS_DONE, NULL, NULL);
  wm_plan_add_scenario (f->plan, other);
  wm_scenario_add_proposal (other, demolish);

  /* Following the engine to another scenario: its own entries and triggers. */
  wm_indicator_engine_set_scenario (f->engine, other);
  g_assert_true (wm_checklist_get_scenario (f->checklist) == other);
  g_assert_cmpint (wm_checklist_item_get_status (item), ==, WM_CHECKLIST_STATUS_OPEN);
  g_assert_true (item_active (f, "demolish-social-plan"));
  wm_checklist_item_set_note (item, "variant");

  wm_indicator_engine_set_scenario (f->engine, wm_plan_get_active_scenario (f->plan));
  g_assert_cmpint (wm_checklist_item_get_status (item), ==, WM_CHECKLIST_STATUS_DONE);
  g_assert_null (wm_checklist_item_get_note (item));
  g_assert_false (item_active (f, "demolish-social-plan"));

  /* Proposals added to the scenario that is not shown change nothing here. */
  wm_scenario_remove_proposal (other, demolish);
  g_assert_false (item_active (f, "demolish-social-plan"));
}

/* ---------------------------------------------------------------------------------------------
 * Catalogue files
 * ------------------------------------------------------------------------------------------ */

#define HEAD \
  "{ \"format\": 1,\n" \
  "  \"phases\": [ { \"id\": \"start\", \"order\": 1, \"name\": { \"nl\": \"Start\", \"en\": \"Start\" },\n" \
  "                \"description\": { \"nl\": \"Begin\", \"en\": \"Beginning\" } } ],\n" \
  "  \"owners\": [ { \"id\": \"gemeente\", \"name\": { \"nl\": \"Gemeente\", \"en\": \"Municipality\" } } ],\n" \
  "  \"items\": [\n"
#define ITEM(id, phase, title_en, trigger) \
  "    { \"id\": \"" id "\", \"phase\": \"" phase "\", \"default_owner\": \"gemeente\",\n" \
  "      \"title\": { \"nl\": \"Titel\", \"en\": \"" title_en "\" },\n" \
  "      \"description\": { \"nl\": \"Uitleg\", \"en\": \"Explanation\" },\n" \
  "      \"trigger\": " trigger " }"
#define TAIL "\n  ]\n}\n"

static const char custom_json[] =
  HEAD ITEM ("kick-off", "start", "Kick-off meeting", "{ \"always\": true }") ",\n"
  ITEM ("wijkfeest", "start", "Neighbourhood party", "{ \"proposal\": [\"new_build\"] }") ",\n"
  ITEM ("vve", "start", "Owners' association",
        "{ \"proposal\": [\"convert_tenure\"], \"mixed_tenure\": true }") ",\n"
  ITEM ("dissim", "start", "Segregation",
        "{ \"indicator\": \"dissimilarity_social\", \"above\": 0.3 }") ",\n"
  ITEM ("cover", "start", "Play areas",
        "{ \"indicator\": \"coverage.playground\", \"below\": 0.5, \"scope\": \"any_area\" }") ",\n"
  ITEM ("verhuizing", "start", "Moving",
        "{ \"proposal\": [\"demolish\", \"split_merge\"], \"removes_dwellings\": true }")
  TAIL;

static char *
write_temp (const char *name, const char *contents)
{
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-roadmap-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_custom_catalogue (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_temp ("gemeente.json", custom_json);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmRoadmapCatalogue) catalogue = wm_roadmap_catalogue_load (file, &error);
  WmChecklistItem *shared = wm_checklist_find_item (f->checklist, "vision-shared");
  GListModel *items = wm_checklist_get_items (f->checklist);

  g_assert_no_error (error);
  g_assert_nonnull (catalogue);
  g_assert_false (wm_roadmap_catalogue_is_builtin (catalogue));
  g_assert_cmpuint (wm_roadmap_catalogue_get_n_entries (catalogue), ==, 6);
  g_assert_true (wm_roadmap_entry_get_trigger (wm_roadmap_catalogue_find_entry (catalogue, "vve"))
                   ->mixed_tenure);
  g_assert_false (wm_roadmap_entry_get_trigger (wm_roadmap_catalogue_find_entry (catalogue, "vve"))
                    ->removes_dwellings);
  g_assert_true (wm_roadmap_entry_get_trigger (wm_roadmap_catalogue_find_entry (catalogue,
                                                                                "verhuizing"))
                   ->removes_dwellings);
  g_assert_true (wm_roadmap_entry_get_trigger (wm_roadmap_catalogue_find_entry (catalogue,
                                                                                "cover"))
                   ->any_area);

  wm_checklist_item_set_status (shared, WM_CHECKLIST_STATUS_DONE, NULL, NULL);
  g_assert_true (wm_checklist_load_catalogue (f->checklist, file, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wm_checklist_state_get_catalogue_json (
                     wm_checklist_state_get_for_plan (f->plan)), ==, custom_json);
  /* The playground at (900, 900) is far from the homes: any_area names the area. */
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  g_assert_true (item_listed (f, "kick-off"));
  g_assert_true (item_listed (f, "cover"));
  g_assert_false (item_active (f, "wijkfeest"));
  g_assert_null (wm_checklist_find_item (f->checklist, "vision-shared"));
  {
    WmChecklistItem *cover = wm_checklist_find_item (f->checklist, "cover");

    g_assert_cmpstr (wm_checklist_item_get_area_ids (cover)[0], ==, "a1");
    g_assert_null (wm_checklist_item_get_area_ids (cover)[1]);
    g_assert_nonnull (strstr (wm_checklist_item_get_trigger_text (cover), "Centrum"));
  }
  add_proposal (f, "nb", WM_PROPOSAL_NEW_BUILD, NULL, WM_SEGMENT_MID_RENT, 1, -1, 0);
  g_assert_true (item_active (f, "wijkfeest"));
  g_assert_false (item_active (f, "verhuizing"));
  add_proposal (f, "merge", WM_PROPOSAL_SPLIT_MERGE, "b2", WM_SEGMENT_OWNER_EXPENSIVE, -2, -1, 0);
  g_assert_true (item_active (f, "verhuizing"));

  /* The user's entries for the built-in items were kept all along. */
  wm_checklist_use_builtin_catalogue (f->checklist);
  g_assert_null (wm_checklist_state_get_catalogue_json (wm_checklist_state_get_for_plan (f->plan)));
  shared = wm_checklist_find_item (f->checklist, "vision-shared");
  g_assert_cmpint (wm_checklist_item_get_status (shared), ==, WM_CHECKLIST_STATUS_DONE);
  remove_temp (path);
}

/* How reasons read for labels with a colon, changes per area and many proposals. */
static void
test_reason_texts (Fixture *f, gconstpointer data)
{
  static const char json[] =
    HEAD ITEM ("share", "start", "Share",
               "{ \"indicator\": \"share.social_rent\", \"above\": 0.4 }") ",\n"
    ITEM ("loss", "start", "Loss",
          "{ \"indicator\": \"dwellings.social_rent\", \"change_below\": 0,"
          " \"scope\": \"any_area\" }") ",\n"
    ITEM ("reno", "start", "Renovation", "{ \"proposal\": [\"renovate\"] }") TAIL;
  g_autoptr (GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmRoadmapCatalogue) catalogue =
    wm_roadmap_catalogue_load_from_bytes (bytes, "texts.json", &error);
  const char *const names[] = { "A", "B", "C", "D", "E" };

  g_assert_no_error (error);
  wm_checklist_set_catalogue (f->checklist, catalogue);
  /* 20 social rent homes of 40. */
  g_assert_cmpstr (wm_checklist_item_get_trigger_text (
                     wm_checklist_find_item (f->checklist, "share")), ==,
                   "“Share: Social rent”: 50 % (above 40 %)");

  add_proposal (f, "sloop", WM_PROPOSAL_DEMOLISH, "b1", -1, 0, -1, 0);
  g_assert_cmpstr (wm_checklist_item_get_trigger_text (
                     wm_checklist_find_item (f->checklist, "loss")), ==,
                   "“Dwellings: Social rent”: from 20 to 0 in Centrum");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i);

      wm_proposal_set_name (add_proposal (f, id, WM_PROPOSAL_RENOVATE, "b2", -1, 0, -1, 0),
                            names[i]);
    }
  g_assert_cmpstr (wm_checklist_item_get_trigger_text (
                     wm_checklist_find_item (f->checklist, "reno")), ==,
                   "Follows from the changes “A”, “B”, “C” and 2 more");
}

static const char target_json[] =
  HEAD ITEM ("below", "start", "Below",
             "{ \"indicator\": \"share.social_rent\", \"below_target\": true }") ",\n"
  ITEM ("above", "start", "Above",
        "{ \"indicator\": \"share.social_rent\", \"above_target\": true }") ",\n"
  ITEM ("outside", "start", "Outside",
        "{ \"indicator\": \"diversity\", \"outside_target\": true }")
  TAIL;

/* below_target, above_target and outside_target each fire on their side only. */
static void
test_target_triggers (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (target_json, strlen (target_json));
  g_autoptr (GError) error = NULL;
  g_autoptr (WmRoadmapCatalogue) catalogue =
    wm_roadmap_catalogue_load_from_bytes (bytes, "targets.json", &error);
  WmTargets *targets = wm_targets_get_for_plan (f->plan);
  WmTargetBand band;
  WmProposal *demolish;

  g_assert_no_error (error);
  wm_checklist_set_catalogue (f->checklist, catalogue);
  g_assert_cmpint (wm_roadmap_entry_get_trigger (wm_roadmap_catalogue_find_entry (catalogue,
                                                                                  "above"))
                     ->compare, ==, WM_ROADMAP_COMPARE_ABOVE_TARGET);

  /* 50 % social rent in 30–50 %; diversity has no band. */
  g_assert_false (item_active (f, "below"));
  g_assert_false (item_active (f, "above"));
  g_assert_false (item_active (f, "outside"));

  /* 67 %: above, not below. */
  demolish = add_proposal (f, "sloop", WM_PROPOSAL_DEMOLISH, "b2", WM_SEGMENT_OWNER_EXPENSIVE,
                           -10, -1, 0);
  g_assert_false (item_active (f, "below"));
  g_assert_true (item_active (f, "above"));
  /* Just above (within the margin) still counts as above. */
  band = (WmTargetBand) { 0.30, 0.65 };
  wm_targets_set_band (targets, "share.social_rent", &band);
  g_assert_true (item_active (f, "above"));
  band = (WmTargetBand) { 0.70, NAN };
  wm_targets_set_band (targets, "share.social_rent", &band);
  g_assert_true (item_active (f, "below"));
  g_assert_false (item_active (f, "above"));
  wm_scenario_remove_proposal (scenario_of (f), demolish);

  /* Outside on either side: the diversity of three segments equally... */
  band = (WmTargetBand) { NAN, 0.5 };
  wm_targets_set_band (targets, "diversity", &band);
  g_assert_true (item_active (f, "outside"));
  g_assert_nonnull (strstr (wm_checklist_item_get_trigger_text (
                              wm_checklist_find_item (f->checklist, "outside")),
                            "above the maximum of 0.50 (target at most 0.50)"));
  band = (WmTargetBand) { 0.2, 0.9 };
  wm_targets_set_band (targets, "diversity", &band);
  g_assert_false (item_active (f, "outside"));
  band = (WmTargetBand) { 0.95, NAN };
  wm_targets_set_band (targets, "diversity", &band);
  g_assert_true (item_active (f, "outside"));
  g_assert_nonnull (strstr (wm_checklist_item_get_trigger_text (
                              wm_checklist_find_item (f->checklist, "outside")),
                            "below the minimum of 0.95"));
}

typedef struct
{
  const char *json;
  WmRoadmapError code;
  const char *needles[3];
} BrokenCase;

static void
test_broken_catalogues (Fixture *f, gconstpointer data)
{
  const BrokenCase cases[] = {
    { HEAD ITEM ("a", "start", "A", "{ \"always\": true }") ",\n  ]\n}\n", WM_ROADMAP_ERROR_SYNTAX,
      { NULL } },
    { "{ \"format\": 1, \"phases\": [ }", WM_ROADMAP_ERROR_SYNTAX, { NULL } },
    { HEAD ITEM ("opening", "celebrate", "A", "{ \"always\": true }") TAIL,
      WM_ROADMAP_ERROR_UNKNOWN_PHASE, { "item “opening”", "unknown phase “celebrate”" } },
    { HEAD ITEM ("weather", "start", "A", "{ \"weather\": \"rain\" }") TAIL,
      WM_ROADMAP_ERROR_UNKNOWN_TRIGGER, { "item “weather”", "unknown trigger “weather”" } },
    { HEAD ITEM ("two", "start", "A", "{ \"always\": true, \"proposal\": [\"renovate\"] }") TAIL,
      WM_ROADMAP_ERROR_UNKNOWN_TRIGGER, { "item “two”", "exactly one" } },
    { HEAD ITEM ("pool", "start", "A", "{ \"proposal\": [\"renovate\", \"build_pool\"] }") TAIL,
      WM_ROADMAP_ERROR_UNKNOWN_PROPOSAL_KIND, { "item “pool”", "unknown proposal kind “build_pool”" } },
    { HEAD ITEM ("ind", "start", "A", "{ \"indicator\": \"happiness\", \"above\": 1 }") TAIL,
      WM_ROADMAP_ERROR_UNKNOWN_INDICATOR, { "item “ind”", "unknown indicator “happiness”" } },
    { HEAD ITEM ("cond", "start", "A", "{ \"indicator\": \"newcomer_share\" }") TAIL,
      WM_ROADMAP_ERROR_UNKNOWN_TRIGGER, { "item “cond”", "exactly one of" } },
    { HEAD ITEM ("tgt", "start", "A",
                 "{ \"indicator\": \"households_to_rehouse\", \"outside_target\": true }")
      TAIL, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER, { "item “tgt”", "cannot have a target" } },
    { HEAD ITEM ("tgt2", "start", "A", "{ \"indicator\": \"diversity\", \"above_target\": 1 }")
      TAIL, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER, { "item “tgt2”", "“above_target” must be true" } },
    { HEAD ITEM ("tgt3", "start", "A",
                 "{ \"indicator\": \"share.social_rent\", \"outside_target\": true, "
                 "\"scope\": \"any_area\" }")
      TAIL, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER, { "item “tgt3”", "whole neighbourhood" } },
    { HEAD ITEM ("notext", "start", "", "{ \"always\": true }") TAIL,
      WM_ROADMAP_ERROR_MISSING_TEXT, { "item “notext”", "“title” has no English (en) text" } },
    { HEAD ITEM ("dup", "start", "A", "{ \"always\": true }") ",\n"
      ITEM ("dup", "start", "B", "{ \"always\": true }") TAIL,
      WM_ROADMAP_ERROR_DUPLICATE_ID, { "item “dup”", "used twice" } },
    { HEAD ITEM ("rm", "start", "A", "{ \"proposal\": [\"demolish\"], \"removes_dwellings\": 1 }")
      TAIL, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
      { "item “rm”", "“removes_dwellings” must be true or false" } },
    { HEAD ITEM ("rmi", "start", "A",
                 "{ \"indicator\": \"dwellings\", \"below\": 1, \"removes_dwellings\": true }")
      TAIL, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
      { "item “rmi”", "“removes_dwellings” does not go with an indicator trigger" } },
    { HEAD ITEM ("mti", "start", "A",
                 "{ \"indicator\": \"dwellings\", \"below\": 1, \"mixed_tenure\": true }")
      TAIL, WM_ROADMAP_ERROR_UNKNOWN_TRIGGER,
      { "item “mti”", "“mixed_tenure” does not go with an indicator trigger" } },
    { HEAD "    { \"id\": \"src\", \"phase\": \"start\", \"default_owner\": \"gemeente\",\n"
      "      \"title\": { \"nl\": \"T\", \"en\": \"T\" }, \"source\": 3,\n"
      "      \"description\": { \"nl\": \"U\", \"en\": \"E\" }, \"trigger\": { \"always\": true } }"
      TAIL, WM_ROADMAP_ERROR_FORMAT, { "item “src”", "“source” is missing or not a text" } },
    { "{ \"format\": 7, \"phases\": [], \"owners\": [], \"items\": [] }",
      WM_ROADMAP_ERROR_FORMAT, { "format 7", NULL } },
  };
  WmRoadmapCatalogue *before = wm_checklist_get_catalogue (f->checklist);
  guint n_listed = g_list_model_get_n_items (wm_checklist_get_items (f->checklist));

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = write_temp ("broken.json", cases[c].json);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GError) error = NULL;
      g_autoptr (WmRoadmapCatalogue) catalogue = wm_roadmap_catalogue_load (file, &error);

      g_test_message ("case %u: %s", c, error != NULL ? error->message : "(loaded)");
      g_assert_null (catalogue);
      g_assert_error (error, WM_ROADMAP_ERROR, (int) cases[c].code);
      g_assert_nonnull (strstr (error->message, "broken.json"));
      if (cases[c].code == WM_ROADMAP_ERROR_SYNTAX)
        g_assert_true (g_regex_match_simple ("broken\\.json”:[0-9]+:[0-9]+: ", error->message, 0, 0));
      for (guint n = 0; n < G_N_ELEMENTS (cases[c].needles) && cases[c].needles[n] != NULL; n++)
        g_assert_nonnull (strstr (error->message, cases[c].needles[n]));
      g_clear_error (&error);

      /* The checklist keeps the catalogue it had. */
      g_assert_false (wm_checklist_load_catalogue (f->checklist, file, TRUE, &error));
      g_assert_error (error, WM_ROADMAP_ERROR, (int) cases[c].code);
      g_assert_true (wm_checklist_get_catalogue (f->checklist) == before);
      g_assert_null (wm_checklist_state_get_catalogue_json (
                       wm_checklist_state_get_for_plan (f->plan)));
      g_assert_cmpuint (g_list_model_get_n_items (wm_checklist_get_items (f->checklist)), ==,
                        n_listed);
      remove_temp (path);
    }

  /* A file that is not there. */
  {
    g_autoptr (GFile) missing = g_file_new_for_path ("/nonexistent/roadmap.json");
    g_autoptr (GError) error = NULL;

    g_assert_null (wm_roadmap_catalogue_load (missing, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "/nonexistent/roadmap.json"));
  }

  g_assert_true (wm_roadmap_catalogue_get_default () == before);
  g_assert_cmpuint (wm_roadmap_catalogue_get_n_entries (wm_roadmap_catalogue_get_default ()), >=,
                    25);
}

/* ---------------------------------------------------------------------------------------------
 * Project file
 * ------------------------------------------------------------------------------------------ */

static void
test_save_reopen (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) loaded = NULL;
  g_autoptr (WmIndicatorEngine) engine = NULL;
  g_autoptr (WmChecklist) checklist = NULL;
  g_autoptr (WmRoadmapCatalogue) carried = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wijkmix-roadmap-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "wijk.gpkg", NULL);
  g_autofree char *catalogue_path = write_temp ("gemeente.json", custom_json);
  WmChecklistState *state = wm_checklist_state_get_for_plan (f->plan);
  WmProposal *proposal;
  WmChecklistItem *item;
  WmChecklistEntry other = { WM_CHECKLIST_STATUS_PLANNED, NULL, NULL, "andere variant", 2030 };

  proposal = add_proposal (f, "sloop", WM_PROPOSAL_DEMOLISH, "b1", -1, 0, -1, 0);
  item = wm_checklist_find_item (f->checklist, "demolish-social-plan");
  wm_checklist_item_set_status (item, WM_CHECKLIST_STATUS_DONE, NULL, NULL);
  wm_checklist_item_set_note (item, "Klaar; zie verslag van 12 maart");
  wm_checklist_item_set_owner (item, "gemeente");
  wm_checklist_item_set_target_year (item, 2027);
  item = wm_checklist_find_item (f->checklist, "demolish-sounding-board");
  wm_checklist_item_set_status (item, WM_CHECKLIST_STATUS_NOT_APPLICABLE, "Er is al een wijkraad",
                                NULL);
  wm_checklist_state_set (state, "elders", "vision-shared", &other);
  /* The demolition goes before saving: its items are orphaned in the saved file. */
  wm_scenario_remove_proposal (scenario_of (f), proposal);
  wm_checklist_state_set_catalogue_json (state, custom_json);
  g_assert_cmpuint (wm_checklist_state_get_n_entries (state), ==, 3);

  g_assert_true (wm_project_file_save (f->plan, path, &error));
  g_assert_no_error (error);
  loaded = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_true (wm_checklist_state_equal (state, wm_checklist_state_get_for_plan (loaded)));

  /* The project carries its catalogue... */
  carried = wm_checklist_get_plan_catalogue (loaded, &error);
  g_assert_no_error (error);
  g_assert_false (wm_roadmap_catalogue_is_builtin (carried));
  g_assert_nonnull (wm_roadmap_catalogue_find_entry (carried, "wijkfeest"));

  /* ... and the entries come back on the built-in one too. */
  engine = wm_indicator_engine_new (loaded, NULL);
  checklist = wm_checklist_new (engine, wm_roadmap_catalogue_get_default ());
  item = wm_checklist_find_item (checklist, "demolish-social-plan");
  g_assert_true (wm_checklist_item_get_orphaned (item));
  g_assert_cmpint (wm_checklist_item_get_status (item), ==, WM_CHECKLIST_STATUS_DONE);
  g_assert_cmpstr (wm_checklist_item_get_note (item), ==, "Klaar; zie verslag van 12 maart");
  g_assert_cmpstr (wm_checklist_item_get_owner (item), ==, "gemeente");
  g_assert_cmpint (wm_checklist_item_get_target_year (item), ==, 2027);
  item = wm_checklist_find_item (checklist, "demolish-sounding-board");
  g_assert_cmpint (wm_checklist_item_get_status (item), ==, WM_CHECKLIST_STATUS_NOT_APPLICABLE);
  g_assert_cmpstr (wm_checklist_item_get_reason (item), ==, "Er is al een wijkraad");
  g_assert_cmpstr (wm_checklist_state_lookup (wm_checklist_state_get_for_plan (loaded), "elders",
                                              "vision-shared")->note, ==, "andere variant");

  /* Saving again gives the same state (no duplicate meta rows). */
  g_assert_true (wm_project_file_save (loaded, path, &error));
  g_assert_no_error (error);
  {
    g_autoptr (WmPlan) again = wm_project_file_load (path, &error);

    g_assert_no_error (error);
    g_assert_true (wm_checklist_state_equal (state, wm_checklist_state_get_for_plan (again)));
  }

  g_unlink (path);
  g_rmdir (dir);
  remove_temp (catalogue_path);
}

static void
test_broken_carried_catalogue (void)
{
  g_autoptr (WmPlan) plan = make_plan (TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (WmRoadmapCatalogue) catalogue = NULL;
  g_autoptr (WmIndicatorEngine) engine = NULL;
  g_autoptr (WmChecklist) checklist = NULL;

  wm_checklist_state_set_catalogue_json (wm_checklist_state_get_for_plan (plan), "{ nope");
  catalogue = wm_checklist_get_plan_catalogue (plan, &error);
  g_assert_null (catalogue);
  g_assert_error (error, WM_CHECKLIST_ERROR, WM_CHECKLIST_ERROR_CATALOGUE);
  g_assert_nonnull (strstr (error->message, "Testwijk"));

  /* The checklist falls back to the built-in catalogue. */
  engine = wm_indicator_engine_new (plan, NULL);
  checklist = wm_checklist_new (engine, NULL);
  g_assert_true (wm_checklist_get_catalogue (checklist) == wm_roadmap_catalogue_get_default ());
}

static void
test_state_signals_plan (void)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  WmChecklistState *state = wm_checklist_state_get_for_plan (plan);
  WmChecklistEntry entry = { WM_CHECKLIST_STATUS_DONE, NULL, NULL, NULL, 0 };
  WmChecklistEntry empty = { WM_CHECKLIST_STATUS_OPEN, NULL, "", "", 0 };

  g_assert_true (wm_checklist_state_get_for_plan (plan) == state);
  g_signal_connect_swapped (plan, "changed", G_CALLBACK (changed_cb), NULL);
  n_changed = 0;
  wm_checklist_state_set (state, "s", "i", &entry);
  g_assert_cmpuint (n_changed, ==, 1);
  wm_checklist_state_set (state, "s", "i", &entry); /* same: no signal */
  g_assert_cmpuint (n_changed, ==, 1);
  wm_checklist_state_set (state, "s", "i", &empty); /* nothing entered: removed */
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_null (wm_checklist_state_lookup (state, "s", "i"));
  g_assert_cmpuint (wm_checklist_state_get_n_entries (state), ==, 0);
  wm_checklist_state_set_catalogue_json (state, "{}");
  g_assert_cmpuint (n_changed, ==, 3);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

#define ADD(name, func, data) \
  g_test_add ("/roadmap/" name, Fixture, GINT_TO_POINTER (data), fixture_set_up, func, \
              fixture_tear_down)

  g_test_add_func ("/roadmap/default-catalogue", test_default_catalogue);
  ADD ("indicator-keys", test_indicator_keys, 0);
  ADD ("base-plan", test_base_plan, 0);
  ADD ("empty-plan", test_empty_plan_no_indicator_alarms, 1);
  g_test_add_func ("/roadmap/proposal-triggers", test_proposal_triggers);
  ADD ("mixed-tenure", test_mixed_tenure, 0);
  ADD ("newcomer-share", test_newcomer_share, 0);
  ADD ("meeting-place", test_meeting_place, 0);
  ADD ("stock-loss", test_stock_loss, 0);
  ADD ("rehousing", test_rehousing, 0);
  ADD ("demolish-dwellings", test_demolish_dwellings, 0);
  ADD ("renovate-moves", test_renovate_moves, 0);
  ADD ("rehouse-agrees", test_rehouse_agrees, 0);
  ADD ("mixed-new-build", test_mixed_new_build, 0);
  ADD ("new-build-name", test_new_build_name, 0);
  g_test_add_func ("/roadmap/newcomers-any-area", test_newcomers_any_area);
  g_test_add_func ("/roadmap/haarwijk-like", test_haarwijk_like);
  ADD ("social-target", test_social_target, 0);
  ADD ("target-triggers", test_target_triggers, 0);
  ADD ("trigger-loss-return", test_trigger_loss_return, 0);
  ADD ("progress-filter", test_progress_and_filter, 0);
  ADD ("scenarios", test_scenarios, 0);
  ADD ("custom-catalogue", test_custom_catalogue, 0);
  ADD ("reason-texts", test_reason_texts, 0);
  ADD ("broken-catalogues", test_broken_catalogues, 0);
  ADD ("save-reopen", test_save_reopen, 0);
  g_test_add_func ("/roadmap/broken-carried-catalogue", test_broken_carried_catalogue);
  g_test_add_func ("/roadmap/state-signals-plan", test_state_signals_plan);

  return g_test_run ();
}
