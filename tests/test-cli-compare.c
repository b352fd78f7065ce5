/* test-cli-compare.c: `wijkmix-cli compare`, spawned as a separate program */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "wm-core.h"
#include "wm-demo.h"
#include "wm-document.h"
#include "wm-proposal-factory.h"
#include "wm-proposal-json.h"
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

/* The demo saved with the Haarwijk-like plan in "Plan" and a sale with a demolition in
 * "Verkoop" (a name with a non-ASCII neighbour would not add anything here). */
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
  g_autoptr (WmProposal) sale = NULL, demolish = NULL;
  g_autoptr (WmDocument) document = NULL;
  g_autoptr (GFile) file = NULL;
  const char *demolished[] = { "0228100000013167", NULL };

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &json, NULL, &error));
  proposals = wm_proposals_from_json_data (json, -1, "haarwijk-like.json", plan, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < proposals->len; i++)
    wm_scenario_add_proposal (wm_plan_get_active_scenario (plan),
                              g_ptr_array_index (proposals, i));
  wm_plan_add_scenario (plan, second);
  sale = wm_proposal_factory_convert_tenure (plan, second, "0228100000011457",
                                             WM_SEGMENT_SOCIAL_RENT,
                                             WM_SEGMENT_OWNER_AFFORDABLE, 6, 2030, &error);
  g_assert_no_error (error);
  wm_scenario_add_proposal (second, sale);
  demolish = wm_proposal_factory_demolish (plan, second, demolished, 2028, &error);
  g_assert_no_error (error);
  wm_scenario_add_proposal (second, demolish);

  f->dir = g_dir_make_tmp ("wijkmix-compare-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->project = g_build_filename (f->dir, "two.wijkmix", NULL);
  file = g_file_new_for_path (f->project);
  document = wm_document_new (plan, NULL);
  g_assert_true (wm_document_save (document, file, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  /* The project and whatever the save left beside it (a journal). */
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->project);
  g_free (f->dir);
}

static guint
count_active_items (const char *project, const char *scenario)
{
  g_autofree char *out = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonArray *items;
  guint n = 0;

  g_assert_cmpint (wm_test_run_cli (&out, NULL, "checklist", project, "--scenario", scenario, "--json", NULL),
                   ==, 0);
  root = parse (out);
  items = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (items); i++)
    n += json_object_get_boolean_member (json_array_get_object_element (items, i), "active");
  return n;
}

/* Each entry holds total and areas exactly as `indicators --scenario NAME --json` does. */
static void
test_json_equals_indicators (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (JsonNode) root = NULL;
  const char *names[] = { "Plan", "Verkoop" };
  JsonArray *entries;

  g_assert_cmpint (wm_test_run_cli (&out, &err, "compare", f->project, "--json", NULL), ==, 0);
  root = parse (out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  entries = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (entries), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      g_autofree char *indicators = NULL;
      g_autoptr (JsonNode) report = NULL;
      JsonObject *object;

      g_test_message ("scenario %s", names[i]);
      g_assert_cmpstr (json_object_get_string_member (entry, "scenario"), ==, names[i]);
      g_assert_cmpint (wm_test_run_cli (&indicators, NULL, "indicators", f->project, "--scenario", names[i],
                            "--json", NULL),
                       ==, 0);
      report = parse (indicators);
      object = json_node_get_object (report);
      g_assert_true (json_node_equal (json_object_get_member (entry, "total"),
                                      json_object_get_member (object, "total")));
      g_assert_true (json_node_equal (json_object_get_member (entry, "areas"),
                                      json_object_get_member (object, "areas")));
      g_assert_cmpint (json_object_get_int_member (entry, "checklist_items"), ==,
                       count_active_items (f->project, names[i]));
      /* Nothing else: the entry is what the issue names. */
      g_assert_cmpuint (json_object_get_size (entry), ==, 4);
    }
  /* The scenarios differ, so entries taken from the wrong one would not pass. */
  g_assert_false (json_node_equal (
    json_object_get_member (json_array_get_object_element (entries, 0), "total"),
    json_object_get_member (json_array_get_object_element (entries, 1), "total")));
}

static void
test_text_table (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_auto (GStrv) lines = NULL;
  const char *header = NULL, *social = NULL;

  g_assert_cmpint (wm_test_run_cli (&out, &err, "compare", f->project, NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "  Indicator"))
        header = lines[i];
      else if (social == NULL && g_str_has_prefix (lines[i], "  Share: Social rent "))
        social = lines[i];
    }
  g_assert_nonnull (header);
  g_assert_nonnull (social);
  /* Scenarios in columns, in the project's order. */
  g_assert_nonnull (strstr (header, "Baseline"));
  g_assert_true (strstr (header, "Plan") < strstr (header, "Verkoop"));
  /* Columns line up: every row as long (in characters) as the header. */
  g_assert_cmpint (g_utf8_strlen (social, -1), ==, g_utf8_strlen (header, -1));
  /* Both below the 30 % minimum; the sale of social rent goes further from it, so the plan
   * (the first scenario column) is the best and the sale is not. */
  g_assert_nonnull (strstr (social, "(-3.1%) * "));
  g_assert_false (g_str_has_suffix (social, "*"));
  g_assert_nonnull (strstr (out, "Plan: below the minimum of 30 %"));
  g_assert_nonnull (strstr (out, "Checklist items called for"));
  g_assert_nonnull (strstr (out, "Verkoop: below the minimum of 30 %"));
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.wijkmix", NULL);
  g_autofree char *err1 = NULL, *err2 = NULL, *err3 = NULL, *out = NULL;

  g_assert_cmpint (wm_test_run_cli (&out, &err1, "compare", missing, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err1, "missing.wijkmix"));
  g_assert_cmpint (wm_test_run_cli (NULL, &err2, "compare", f->project, "--month", "3", NULL), ==, 2);
  g_assert_nonnull (strstr (err2, "unknown option --month"));
  g_assert_cmpint (wm_test_run_cli (NULL, &err3, "compare", NULL), ==, 2);
  g_assert_nonnull (strstr (err3, "wijkmix-cli compare PROJECT"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add ("/cli-compare/json-equals-indicators", Fixture, NULL, fixture_set_up,
              test_json_equals_indicators, fixture_tear_down);
  g_test_add ("/cli-compare/text-table", Fixture, NULL, fixture_set_up, test_text_table,
              fixture_tear_down);
  g_test_add ("/cli-compare/errors", Fixture, NULL, fixture_set_up, test_errors,
              fixture_tear_down);
  return g_test_run ();
}
