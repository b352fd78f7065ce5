/* test-cli-years.c: `wijkmix-cli indicators --year` and `compare --year`, spawned as a separate
 * program */
#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "wm-core.h"
#include "wm-demo.h"
#include "wm-document.h"
#include "wm-indicator-engine.h"
#include "wm-project-file.h"
#include "wm-proposal-factory.h"
#include "wm-proposal-json.h"
#include "wm-scenario-comparison.h"
#include "wm-test-util.h"

typedef struct
{
  char *dir;
  char *project;
} Fixture;

static JsonNode *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The demo with the Haarwijk-like plan (demolitions of 2027, new build of 2029) and an undated
 * new build in "Plan", and in "Verkoop" a sale of 2030 and a demolition of 2028. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo",
                                                 "haarwijk-like.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr (GPtrArray) proposals = NULL;
  g_autoptr (WmPlan) plan = wm_demo_load (&error);
  g_autoptr (WmScenario) second = wm_scenario_new ("sale", "Verkoop");
  g_autoptr (WmProposal) sale = NULL, demolish = NULL, undated = NULL;
  g_autoptr (WmDocument) document = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (WmGeometry) site = wm_test_square (181300, 457500, 20);
  WmDwellingMix mix = { { 0, 6, 0, 0, 6 } };
  const char *demolished[] = { "0228100000013167", NULL };

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &json, NULL, &error));
  proposals = wm_proposals_from_json_data (json, -1, "haarwijk-like.json", plan, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < proposals->len; i++)
    wm_scenario_add_proposal (wm_plan_get_active_scenario (plan),
                              g_ptr_array_index (proposals, i));
  undated = wm_proposal_factory_new_build (plan, wm_plan_get_active_scenario (plan), site, &mix,
                                           WM_DWELLING_TYPE_APARTMENT, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_proposal_get_year (undated), ==, 0);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), undated);
  wm_plan_add_scenario (plan, second);
  sale = wm_proposal_factory_convert_tenure (plan, second, "0228100000011457",
                                             WM_SEGMENT_SOCIAL_RENT,
                                             WM_SEGMENT_OWNER_AFFORDABLE, 6, 2030, &error);
  g_assert_no_error (error);
  wm_scenario_add_proposal (second, sale);
  demolish = wm_proposal_factory_demolish (plan, second, demolished, 2028, &error);
  g_assert_no_error (error);
  wm_scenario_add_proposal (second, demolish);

  f->dir = g_dir_make_tmp ("wijkmix-cli-years-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->project = g_build_filename (f->dir, "years.wijkmix", NULL);
  file = g_file_new_for_path (f->project);
  document = wm_document_new (plan, NULL);
  g_assert_true (wm_document_save (document, file, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  wm_test_remove_dir (f->dir);
  g_free (f->project);
  g_free (f->dir);
}

static double
json_value (JsonObject *total, const char *key)
{
  JsonObject *indicator = json_object_get_object_member (total, key);

  g_assert_nonnull (indicator);
  if (json_object_get_null_member (indicator, "projected"))
    return NAN;
  return json_object_get_double_member (indicator, "projected");
}

/* Every projected value of @total equals @engine's (at its year), to the digits JSON keeps. */
static void
assert_total_is_engine (JsonObject *total, WmIndicatorEngine *engine)
{
  for (const char *const *k = wm_indicator_engine_get_keys (engine, TRUE); *k != NULL; k++)
    {
      double expected = wm_indicator_engine_is_defined (engine, *k, NULL,
                                                        WM_INDICATOR_PROJECTED)
                          ? wm_indicator_engine_get (engine, *k, NULL, WM_INDICATOR_PROJECTED)
                          : NAN;
      double got = json_value (total, *k);

      if (isnan (expected))
        g_assert_true (isnan (got));
      else if (fabs (got - expected) > 1e-9 * MAX (1.0, fabs (expected)))
        g_error ("%s: %.17g in the JSON, %.17g from the engine", *k, got, expected);
    }
}

static void
test_indicators (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = wm_project_file_load (f->project, &error);
  g_autoptr (WmIndicatorEngine) engine = NULL;
  g_autofree char *whole = NULL, *at_2028 = NULL, *before = NULL, *text = NULL;
  g_autoptr (JsonNode) whole_root = NULL, root = NULL, before_root = NULL;
  g_autoptr (GList) names = NULL, whole_names = NULL;
  JsonObject *object, *whole_object;
  JsonObject *total;

  g_assert_no_error (error);
  engine = wm_indicator_engine_new (plan, NULL);
  g_assert_cmpint (wm_test_run_cli (&whole, NULL, "indicators", f->project, "--json", NULL), ==,
                   0);
  g_assert_cmpint (wm_test_run_cli (&at_2028, NULL, "indicators", f->project, "--year", "2028",
                                    "--json", NULL),
                   ==, 0);
  whole_root = parse (whole);
  root = parse (at_2028);
  whole_object = json_node_get_object (whole_root);
  object = json_node_get_object (root);

  /* The same document, plus "year" right after "scenario"; none for the whole plan. */
  g_assert_false (json_object_has_member (whole_object, "year"));
  g_assert_cmpint (json_object_get_int_member (object, "year"), ==, 2028);
  names = json_object_get_members (object);
  whole_names = json_object_get_members (whole_object);
  g_assert_cmpuint (g_list_length (names), ==, g_list_length (whole_names) + 1);
  for (GList *a = names, *b = whole_names; a != NULL; a = a->next)
    {
      if (g_str_equal (a->data, "year"))
        {
          g_assert_cmpstr (a->prev->data, ==, "scenario");
          continue;
        }
      g_assert_cmpstr (a->data, ==, b->data);
      b = b->next;
    }
  g_assert_true (json_node_equal (json_object_get_member (object, "scenario"),
                                  json_object_get_member (whole_object, "scenario")));
  g_assert_true (json_node_equal (json_object_get_member (object, "tenure"),
                                  json_object_get_member (whole_object, "tenure")));

  /* The values are the engine's at the end of 2028: the demolitions of 2027, not the new
   * build of 2029 nor the undated one. */
  total = json_object_get_object_member (object, "total");
  wm_indicator_engine_set_year (engine, 2028);
  assert_total_is_engine (total, engine);
  g_assert_cmpfloat (json_value (total, "dwellings"), <,
                     json_value (json_object_get_object_member (whole_object, "total"),
                                 "dwellings"));
  g_assert_cmpfloat (json_value (total, "households_to_rehouse"), >, 0);
  wm_indicator_engine_set_year (engine, WM_INDICATOR_ALL_YEARS);
  assert_total_is_engine (json_object_get_object_member (whole_object, "total"), engine);

  /* Before anything is completed the projection is the baseline. */
  g_assert_cmpint (wm_test_run_cli (&before, NULL, "indicators", f->project, "--year=2026",
                                    "--json", NULL),
                   ==, 0);
  before_root = parse (before);
  total = json_object_get_object_member (json_node_get_object (before_root), "total");
  for (const char *const *k = wm_indicator_engine_get_keys (engine, TRUE); *k != NULL; k++)
    g_assert_true (json_node_equal (
      json_object_get_member (json_object_get_object_member (total, *k), "projected"),
      json_object_get_member (json_object_get_object_member (total, *k), "baseline")));

  /* The text says so, heads its column with the year and counts what is left out. */
  g_assert_cmpint (wm_test_run_cli (&text, NULL, "indicators", f->project, "--year", "2028",
                                    NULL),
                   ==, 0);
  g_assert_nonnull (strstr (text, "As of the end of 2028: only the changes completed by then "
                                  "count."));
  g_assert_nonnull (strstr (text, "1 change without a completion year is left out."));
  g_assert_nonnull (strstr (text, "End of 2028"));
  g_assert_nonnull (strstr (text, "at the end of 2028 "));
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (wm_test_run_cli (&text, NULL, "indicators", f->project, NULL), ==, 0);
  g_assert_null (strstr (text, "As of the end of"));
  g_assert_nonnull (strstr (text, "Projected"));
}

static void
test_compare (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WmPlan) plan = wm_project_file_load (f->project, &error);
  g_autoptr (WmScenarioComparison) comparison = NULL;
  g_autofree char *out = NULL, *text = NULL, *whole = NULL;
  g_autoptr (JsonNode) root = NULL, whole_root = NULL;
  JsonArray *entries;

  g_assert_no_error (error);
  comparison = wm_scenario_comparison_new_at_year (plan, NULL, 0, NULL, 2028);
  g_assert_cmpint (wm_test_run_cli (&out, NULL, "compare", f->project, "--year", "2028",
                                    "--json", NULL),
                   ==, 0);
  root = parse (out);
  entries = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *name = json_object_get_string_member (entry, "scenario");
      g_autofree char *indicators = NULL;
      g_autoptr (JsonNode) report = NULL;

      /* Each entry is `indicators --scenario NAME --year 2028`'s total and areas. */
      g_assert_cmpint (json_object_get_int_member (entry, "year"), ==, 2028);
      g_assert_cmpint (wm_test_run_cli (&indicators, NULL, "indicators", f->project,
                                        "--scenario", name, "--year", "2028", "--json", NULL),
                       ==, 0);
      report = parse (indicators);
      g_assert_true (json_node_equal (
        json_object_get_member (entry, "total"),
        json_object_get_member (json_node_get_object (report), "total")));
      g_assert_true (json_node_equal (
        json_object_get_member (entry, "areas"),
        json_object_get_member (json_node_get_object (report), "areas")));
      g_assert_cmpint (json_object_get_int_member (entry, "checklist_items"), ==,
                       g_array_index (comparison->scenarios, WmComparisonScenario, i)
                         .n_checklist_items);
      g_assert_cmpuint (json_object_get_size (entry), ==, 5);
    }
  /* The year changes the figures: at the end of 2028 "Verkoop" has its demolition but not
   * its sale, so its entry differs from the whole plan's. */
  g_assert_cmpint (wm_test_run_cli (&whole, NULL, "compare", f->project, "--json", NULL), ==, 0);
  whole_root = parse (whole);
  g_assert_false (json_object_has_member (
    json_array_get_object_element (json_node_get_array (whole_root), 1), "year"));
  g_assert_false (json_node_equal (
    json_object_get_member (json_array_get_object_element (entries, 1), "total"),
    json_object_get_member (json_array_get_object_element (json_node_get_array (whole_root), 1),
                            "total")));

  g_assert_cmpint (wm_test_run_cli (&text, NULL, "compare", f->project, "--year", "2028", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (text, "As of the end of 2028: only the changes completed by then "
                                  "count."));
  g_assert_nonnull (strstr (text, "Plan: 1 change without a completion year is left out."));
  g_assert_null (strstr (text, "Verkoop: "
                               "1 change without a completion year is left out."));
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  const char *bad[] = { "abc", "1899", "2201", "2030.5", "", "+2030", "20300", "-2030", "0" };
  const char *good[] = { "1900", "2200" };
  const char *commands[] = { "indicators", "compare" };

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
        {
          g_autofree char *out = NULL, *err = NULL;
          g_autofree char *named = g_strdup_printf ("--year takes a year from 1900 to 2200, "
                                                    "not “%s”", bad[i]);

          g_test_message ("%s --year “%s”", commands[c], bad[i]);
          g_assert_cmpint (wm_test_run_cli (&out, &err, commands[c], f->project, "--year",
                                            bad[i], NULL),
                           ==, 2);
          g_assert_cmpstr (out, ==, "");
          g_assert_nonnull (strstr (err, named));
          /* The usage follows, with the option in it. */
          g_assert_nonnull (strstr (err, "--year YYYY"));
        }
      for (guint i = 0; i < G_N_ELEMENTS (good); i++)
        g_assert_cmpint (wm_test_run_cli (NULL, NULL, commands[c], f->project, "--year",
                                          good[i], "--json", NULL),
                         ==, 0);
      {
        g_autofree char *err = NULL;

        g_assert_cmpint (wm_test_run_cli (NULL, &err, commands[c], f->project, "--year", NULL),
                         ==, 2);
        g_assert_nonnull (strstr (err, "needs a value"));
      }
    }
  /* Only where it means something. */
  {
    g_autofree char *err = NULL;
    g_autofree char *other = g_build_filename (f->dir, "other.wijkmix", NULL);

    g_assert_cmpint (wm_test_run_cli (NULL, &err, "new", other, "--year", "2030", NULL), ==, 2);
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add ("/cli-years/indicators", Fixture, NULL, fixture_set_up, test_indicators,
              fixture_tear_down);
  g_test_add ("/cli-years/compare", Fixture, NULL, fixture_set_up, test_compare,
              fixture_tear_down);
  g_test_add ("/cli-years/errors", Fixture, NULL, fixture_set_up, test_errors,
              fixture_tear_down);
  return g_test_run ();
}
