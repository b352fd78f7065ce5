/* test-cli.c: tests of wijkmix-cli, spawned as a separate program */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "wm-indicator-engine.h"
#include "wm-indicator-report.h"
#include "wm-project-file.h"
#include "wm-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->dir = g_dir_make_tmp ("wijkmix-cli-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static double
value (JsonObject *object,
       const char *key,
       const char *state)
{
  JsonObject *indicator = json_object_get_object_member (object, key);

  g_assert_nonnull (indicator);
  g_assert_true (json_object_has_member (indicator, state));
  /* A fraction of no dwellings is null. */
  if (json_object_get_null_member (indicator, state))
    return NAN;
  return json_object_get_double_member (indicator, state);
}

/* The report's value of @key, or NAN where the engine has none (an empty area's shares). */
static double
engine_value (WmIndicatorEngine *engine,
              const char        *key,
              const char        *area_id,
              WmIndicatorState   state)
{
  if (!wm_indicator_engine_is_defined (engine, key, area_id, state))
    return NAN;
  return wm_indicator_engine_get (engine, key, area_id, state);
}

#define assert_same(a, b) \
  G_STMT_START { \
    double a_ = (a), b_ = (b); \
    if (!(a_ == b_ || (isnan (a_) && isnan (b_)))) \
      g_error ("%s: %.17g != %.17g", #a, a_, b_); \
  } G_STMT_END

static void
test_new_empty (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "empty.gpkg", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_cmpint (wm_test_run_cli (NULL, NULL, "new", path, NULL), ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (wm_test_run_cli (&out, &err, "indicators", path, "--json", NULL), ==, 0);
  root = parse_object (parser, out);
  g_assert_cmpfloat (value (json_object_get_object_member (root, "total"), "dwellings",
                            "baseline"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "areas")), ==, 0);

  /* "new" never overwrites. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wm_test_run_cli (NULL, &err, "new", path, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "exists"));
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_demo_apply (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "demo.gpkg", NULL);
  g_autofree char *out = NULL, *changes = NULL, *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(WmPlan) before = NULL, after = NULL;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *buildings;
  const char *victim = NULL, *victim_area = NULL;
  int victim_n = 0;
  WmPoint c = { 0, 0 };
  JsonObject *root, *total;
  JsonArray *areas;
  gboolean found = FALSE, empty_area = FALSE;
  JsonObject *outside;
  guint n_d = 0;

  g_assert_cmpint (wm_test_run_cli (NULL, NULL, "new", path, "--demo", NULL), ==, 0);
  before = wm_project_file_load (path, &error);
  g_assert_no_error (error);

  buildings = wm_plan_get_buildings (before);
  for (guint i = 0; i < g_list_model_get_n_items (buildings) && victim == NULL; i++)
    {
      g_autoptr(WmBuilding) b = g_list_model_get_item (buildings, i);

      if (wm_building_get_n_dwellings (b) > 0 && wm_building_get_area_id (b) != NULL)
        {
          victim = wm_building_get_id (b);
          victim_area = wm_building_get_area_id (b);
          victim_n = wm_building_get_n_dwellings (b);
          c = wm_geometry_centroid (wm_building_get_footprint (b));
        }
    }
  g_assert_nonnull (victim);

  /* The infill stands where the demolished building stood: a 10 m square on its centroid. */
  json = g_strdup_printf ("{\n"
                          "  \"version\": 1,\n"
                          "  \"proposals\": [\n"
                          "    { \"kind\": \"demolish\", \"buildings\": [\"%s\"] },\n"
                          "    { \"kind\": \"new_build\", \"name\": \"Infill\",\n"
                          "      \"dwellings\": { \"social_rent\": 6, \"mid_rent\": 4 },\n"
                          "      \"dwelling_type\": \"senior\",\n"
                          "      \"geometry\": { \"type\": \"Polygon\", \"coordinates\":\n"
                          "        [[[%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f]]] } }\n"
                          "  ]\n"
                          "}\n", victim, c.x - 5, c.y - 5, c.x + 5, c.y - 5, c.x + 5, c.y + 5,
                          c.x - 5, c.y + 5);
  changes = write_file (f, "changes.json", json);
  g_assert_cmpint (wm_test_run_cli (&out, NULL, "apply", path, changes, "--scenario", "Plan", NULL), ==, 0);

  after = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (wm_scenario_get_proposals (
                      wm_plan_get_active_scenario (after))), ==, 2);
  {
    g_autoptr(WmProposal) infill = g_list_model_get_item (
      wm_scenario_get_proposals (wm_plan_get_active_scenario (after)), 1);

    g_assert_cmpstr (wm_proposal_get_name (infill), ==, "Infill");
    g_assert_cmpint (wm_proposal_get_dwelling_type (infill), ==, WM_DWELLING_TYPE_SENIOR);
  }

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (wm_test_run_cli (&out, NULL, "indicators", path, "--json", NULL), ==, 0);
  root = parse_object (parser, out);
  total = json_object_get_object_member (root, "total");
  g_assert_cmpfloat (value (total, "dwellings", "projected"), ==,
                     value (total, "dwellings", "baseline") - victim_n + 10);
  g_assert_cmpfloat (value (total, "households_to_rehouse", "projected"), ==, victim_n);
  g_assert_cmpfloat (value (total, "households_to_rehouse", "baseline"), ==, 0);

  /* Every number equals what the engine computes in this process. */
  engine = wm_indicator_engine_new (after, NULL);
  for (const char *const *k = wm_indicator_engine_get_keys (engine, TRUE); *k != NULL; k++)
    {
      assert_same (value (total, *k, "baseline"),
                   engine_value (engine, *k, NULL, WM_INDICATOR_BASELINE));
      assert_same (value (total, *k, "projected"),
                   engine_value (engine, *k, NULL, WM_INDICATOR_PROJECTED));
    }
  /* Before the plan nothing is built: the affordable share of new build is null, not 0. */
  g_assert_true (isnan (value (total, "new_build_affordable_share", "baseline")));
  g_assert_cmpfloat (value (total, "new_build_affordable_share", "projected"), >=, 0);
  areas = json_object_get_array_member (root, "areas");
  g_assert_cmpuint (json_array_get_length (areas), ==,
                    g_list_model_get_n_items (wm_plan_get_areas (after)));
  for (guint i = 0; i < json_array_get_length (areas); i++)
    {
      JsonObject *area = json_array_get_object_element (areas, i);
      const char *id = json_object_get_string_member (area, "id");

      g_assert_nonnull (json_object_get_string_member (area, "name"));
      g_assert_false (json_object_has_member (area, "dissimilarity_social"));
      for (const char *const *k = wm_indicator_engine_get_keys (engine, FALSE); *k != NULL; k++)
        {
          assert_same (value (area, *k, "projected"),
                       engine_value (engine, *k, id, WM_INDICATOR_PROJECTED));
          assert_same (value (area, *k, "baseline"),
                       engine_value (engine, *k, id, WM_INDICATOR_BASELINE));
        }
      /* The demo has an area without dwellings: its shares are null, not 0. */
      if (value (area, "dwellings", "baseline") == 0)
        {
          empty_area = TRUE;
          g_assert_true (isnan (value (area, "share.social_rent", "baseline")));
          g_assert_true (isnan (value (area, "share.social_rent", "change")));
          g_assert_true (isnan (value (area, "coverage.playground", "projected")));
          g_assert_cmpfloat (value (area, "households_to_rehouse", "projected"), ==, 0);
        }
      if (g_str_equal (id, victim_area))
        {
          found = TRUE;
          g_assert_cmpfloat (value (area, "households_to_rehouse", "projected"), ==, victim_n);
          g_assert_true (json_object_has_member (area, "share.social_rent"));
          g_assert_true (json_object_has_member (area, "coverage.playground"));
        }
    }
  g_assert_true (found);
  g_assert_true (empty_area);

  /* Beside each D its units and chance level, baseline and projected. */
  for (const char *const *k = wm_indicator_engine_get_keys (engine, TRUE); *k != NULL; k++)
    {
      JsonObject *d = json_object_get_object_member (total, *k);
      WmDissimilarity detail;

      if (!g_str_has_prefix (*k, "dissimilarity"))
        {
          g_assert_false (json_object_has_member (d, "units"));
          g_assert_false (json_object_has_member (d, "chance"));
          continue;
        }
      n_d++;
      for (int st = 0; st < 2; st++)
        {
          const char *name = st == 0 ? "baseline" : "projected";

          g_assert_true (wm_indicator_engine_get_dissimilarity_detail (engine, *k, st, &detail));
          g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (d, "units"),
                                                       name), ==, detail.n_units);
          g_assert_cmpfloat (json_object_get_double_member (
                               json_object_get_object_member (d, "chance"), name), ==,
                             detail.chance);
          g_assert_cmpuint (detail.n_units, >, 1);
          g_assert_cmpfloat (detail.chance, >, 0.0);
          g_assert_cmpfloat (detail.chance, <, detail.value);
        }
    }
  g_assert_cmpuint (n_d, ==, 3);

  /* The dwellings outside every area have a row of their own (none in the demo). */
  outside = json_object_get_object_member (root, "outside_areas");
  g_assert_nonnull (outside);
  g_assert_false (json_object_has_member (outside, "id"));
  for (const char *const *k = wm_indicator_engine_get_keys (engine, FALSE); *k != NULL; k++)
    assert_same (value (outside, *k, "projected"),
                 engine_value (engine, *k, WM_INDICATOR_AREA_OUTSIDE, WM_INDICATOR_PROJECTED));
  g_assert_cmpfloat (value (outside, "dwellings", "projected"), ==, 0);
  g_assert_true (isnan (value (outside, "share.social_rent", "projected")));

  /* The preset and every band, and each band at its indicator in the total. */
  {
    JsonObject *targets = json_object_get_object_member (root, "targets");
    JsonObject *bands = json_object_get_object_member (targets, "bands");
    JsonObject *social = json_object_get_object_member (bands, "share.social_rent");
    JsonObject *in_total = json_object_get_object_member (
      json_object_get_object_member (total, "share.social_rent"), "target");
    JsonObject *new_build = json_object_get_object_member (bands, "new_build_affordable_share");
    const char *verdict = json_object_get_string_member (social, "verdict");

    g_assert_cmpstr (json_object_get_string_member (targets, "preset"), ==, "neighbourhood");
    g_assert_cmpfloat (json_object_get_double_member (social, "min"), ==, 0.30);
    g_assert_cmpfloat (json_object_get_double_member (social, "max"), ==, 0.50);
    g_assert_true (json_object_get_null_member (new_build, "max"));
    g_assert_true (g_str_equal (verdict, "below_minimum") || g_str_equal (verdict, "within")
                   || g_str_equal (verdict, "above_maximum")
                   || g_str_equal (verdict, "close_to_minimum")
                   || g_str_equal (verdict, "close_to_maximum"));
    g_assert_cmpstr (json_object_get_string_member (in_total, "verdict"), ==, verdict);
    g_assert_false (json_object_has_member (json_object_get_object_member (total, "diversity"),
                                            "target"));
  }

  /* The text output names the scenario and the straight-line rule. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (wm_test_run_cli (&out, NULL, "indicators", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Plan"));
  g_assert_nonnull (strstr (out, "straight"));
  /* Each D with its units and chance level, in words. */
  {
    WmDissimilarity detail;
    g_autofree char *line = NULL;

    g_assert_true (wm_indicator_engine_get_dissimilarity_detail (
                     engine, "dissimilarity_social.grid_250m", WM_INDICATOR_PROJECTED, &detail));
    line = g_strdup_printf ("%.2f across %u cells of 250 m; a random mix would give about %.2f",
                            detail.value, detail.n_units, detail.chance);
    g_assert_nonnull (strstr (out, line));
  }
  g_assert_nonnull (strstr (out, " areas; a random mix would give about "));
  g_assert_nonnull (strstr (out, "spatial pattern adds"));
  g_assert_nonnull (strstr (out, "\nOutside the areas\n"));
  /* The empty area's shares. */
  g_assert_nonnull (strstr (out, "Share: Social rent                                              –"));
  /* The band and the verdict with its side, once ("Target: Share: …" doubled them). */
  g_assert_nonnull (strstr (out, "Targets: Priority neighbourhood. Assumption for a priority "
                                 "neighbourhood"));
  g_assert_nonnull (strstr (out, "  Share of social rent: "));
  g_assert_nonnull (strstr (out, "(target 30–50 %)\n"));
  g_assert_null (strstr (out, "Target: Share"));

  /* A change that rounds to zero at the digits shown is "0", never "+0.0%" (the panel shows
   * no badge for it); any other keeps its sign. */
  g_assert_null (strstr (out, "+0.0%"));
  g_assert_null (strstr (out, "-0.0%"));
  g_assert_null (strstr (out, "+0.000"));
  g_assert_null (strstr (out, "-0.000"));
  {
    guint zero = 0, moved = 0;

    for (const char *const *k = wm_indicator_engine_get_keys (engine, TRUE); *k != NULL; k++)
      {
        g_autofree char *label = wm_indicator_engine_get_label (engine, *k);
        g_autofree char *start = g_strdup_printf ("\n  %-52s ", label);
        double change = wm_indicator_engine_get (engine, *k, NULL, WM_INDICATOR_PROJECTED) -
                        wm_indicator_engine_get (engine, *k, NULL, WM_INDICATOR_BASELINE);
        gboolean share = g_str_has_prefix (*k, "share.") || g_str_has_suffix (*k, "_share") ||
                         g_str_has_prefix (*k, "coverage.");
        gboolean count = wm_indicator_report_key_is_count (*k) || g_str_equal (*k, "residents");
        double unit = count ? 1.0 : 0.001;
        const char *line = strstr (out, start);
        g_autofree char *text = NULL;

        if (!wm_indicator_engine_is_defined (engine, *k, NULL, WM_INDICATOR_BASELINE) ||
            !wm_indicator_engine_is_defined (engine, *k, NULL, WM_INDICATOR_PROJECTED))
          continue;
        g_assert_nonnull (line);
        text = g_strndup (line + 1, strcspn (line + 1, "\n"));
        if (fabs (change) < unit / 2)
          {
            if (!g_str_has_suffix (text, " 0"))
              g_error ("%s: an unchanged value in “%s”", *k, text);
            zero++;
          }
        else
          {
            g_autofree char *signed_ = count ? g_strdup_printf (" %+.0f", change)
                                       : share ? g_strdup_printf (" %+.1f%%", change * 100)
                                       : g_strdup_printf (" %+.3f", change);

            if (!g_str_has_suffix (text, signed_))
              g_error ("%s: “%s” does not end in “%s”", *k, text, signed_);
            moved++;
          }
      }
    g_assert_cmpuint (zero, >, 0);
    g_assert_cmpuint (moved, >, 0);
  }
}

/* A building of @plan with at least @n social-rent dwellings. */
static WmBuilding *
social_building (WmPlan *plan,
                 int     n)
{
  GListModel *buildings = wm_plan_get_buildings (plan);

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr(WmBuilding) b = g_list_model_get_item (buildings, i);

      if (wm_building_get_dwellings (b)->counts[WM_SEGMENT_SOCIAL_RENT] >= n)
        return b; /* the plan keeps it */
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
file_equal (const char *path,
            const char *contents,
            gsize       length)
{
  g_autofree char *now = NULL;
  gsize now_length;

  g_assert_true (g_file_get_contents (path, &now, &now_length, NULL));
  return now_length == length && memcmp (now, contents, length) == 0;
}

/* A sale of 6 and then a demolition of all the social rent a block had: refused, naming the
 * file, the change and the figures, and nothing is written. */
static void
test_apply_inconsistent (Fixture      *f,
                         gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "demo.gpkg", NULL);
  g_autofree char *saved = NULL, *sale = NULL, *sale_json = NULL, *bad_json = NULL;
  g_autofree char *bad = NULL, *ok = NULL, *ok_json = NULL, *expected = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(WmPlan) before = NULL, after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *no_footprint = NULL;
  const WmDwellingMix *mix;
  WmBuilding *block;
  const char *id;
  gsize saved_length;
  int social;

  g_assert_cmpint (wm_test_run_cli (NULL, NULL, "new", path, "--demo", NULL), ==, 0);
  before = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  block = social_building (before, 7);
  id = wm_building_get_id (block);
  mix = wm_building_get_dwellings (block);
  social = mix->counts[WM_SEGMENT_SOCIAL_RENT];
  g_assert_true (g_file_get_contents (path, &saved, &saved_length, NULL));

  sale_json = g_strdup_printf ("{ \"kind\": \"convert_tenure\", \"id\": \"sale\","
                               " \"name\": \"Sale of 6 homes\", \"year\": 2027,"
                               " \"buildings\": [\"%s\"],"
                               " \"dwellings\": { \"social_rent\": -6, \"owner_affordable\": 6 } }",
                               id);
  bad_json = g_strdup_printf ("{ \"proposals\": [ %s, { \"kind\": \"demolish\","
                              " \"id\": \"block\", \"name\": \"Block 12\", \"year\": 2030,"
                              " \"buildings\": [\"%s\"], \"dwellings\": { \"social_rent\": %d } } ] }",
                              sale_json, id, -social);
  bad = write_file (f, "sale-and-block.json", bad_json);
  g_assert_cmpint (wm_test_run_cli (&out, &err, "apply", path, bad, NULL), !=, 0);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "sale-and-block.json: proposals[1] (proposal “block”): "));
  expected = g_strdup_printf ("“Block 12” (2030) demolishes %d social rent dwellings in building "
                              "%s, but after “Sale of 6 homes” (2027) it has %d", social, id,
                              social - 6);
  g_assert_nonnull (strstr (err, expected));
  g_assert_cmpstr (out, ==, "");
  g_assert_true (file_equal (path, saved, saved_length));

  /* A new build without a footprint. */
  no_footprint = write_file (f, "no-footprint.json",
                             "{ \"proposals\": [ { \"kind\": \"new_build\", \"id\": \"nb\","
                             " \"name\": \"Infill\", \"dwellings\": { \"mid_rent\": 8 } } ] }");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wm_test_run_cli (NULL, &err, "apply", path, no_footprint, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "no-footprint.json: proposals[0] (proposal “nb”): "));
  g_assert_nonnull (strstr (err, "“Infill” is a new build without a footprint"));
  g_assert_true (file_equal (path, saved, saved_length));

  /* Demolishing exactly what is left fits. */
  ok_json = g_strdup_printf ("{ \"proposals\": [ %s, { \"kind\": \"demolish\","
                             " \"id\": \"block\", \"name\": \"Block 12\", \"year\": 2030,"
                             " \"buildings\": [\"%s\"], \"dwellings\": { \"social_rent\": %d,"
                             " \"owner_affordable\": %d } } ] }",
                             sale_json, id, -(social - 6),
                             -(mix->counts[WM_SEGMENT_OWNER_AFFORDABLE] + 6));
  ok = write_file (f, "exactly.json", ok_json);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (wm_test_run_cli (NULL, &err, "apply", path, ok, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  after = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (wm_scenario_get_proposals (
                      wm_plan_get_active_scenario (after))), ==, 2);
}

/* A file that already holds proposals that do not fit together (another program wrote it)
 * opens, says so on stderr, and keeps them. */
static void
test_inconsistent_file (Fixture      *f,
                        gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "old.gpkg", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(WmPlan) plan = NULL, again = NULL;
  g_autoptr(WmProposal) demolish = wm_proposal_new ("old-demolish", WM_PROPOSAL_DEMOLISH);
  g_autoptr(WmProposal) sale = wm_proposal_new ("old-sale", WM_PROPOSAL_CONVERT_TENURE);
  g_autoptr(GError) error = NULL;
  WmDwellingMix all = { { 0 } }, sold = { { 0 } };
  WmScenario *scenario;
  WmBuilding *block;
  const char *ids[2] = { NULL, NULL };

  g_assert_cmpint (wm_test_run_cli (NULL, NULL, "new", path, "--demo", NULL), ==, 0);
  plan = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  block = social_building (plan, 7);
  ids[0] = wm_building_get_id (block);
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    all.counts[s] = -wm_building_get_dwellings (block)->counts[s];
  sold.counts[WM_SEGMENT_SOCIAL_RENT] = -6;
  sold.counts[WM_SEGMENT_MID_RENT] = 6;
  wm_proposal_set_building_ids (demolish, ids);
  wm_proposal_set_dwelling_delta (demolish, &all);
  wm_proposal_set_name (demolish, "Block 12");
  wm_proposal_set_year (demolish, 2030);
  wm_proposal_set_building_ids (sale, ids);
  wm_proposal_set_dwelling_delta (sale, &sold);
  wm_proposal_set_name (sale, "Sale of 6 homes");
  wm_proposal_set_year (sale, 2027);
  /* Behind the history's back, as another program would write it. */
  scenario = wm_plan_get_active_scenario (plan);
  wm_scenario_add_proposal (scenario, demolish);
  wm_scenario_add_proposal (scenario, sale);
  g_assert_true (wm_project_file_save (plan, path, &error));
  g_assert_no_error (error);

  g_assert_cmpint (wm_test_run_cli (&out, &err, "indicators", path, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "warning"));
  g_assert_nonnull (strstr (err, "“Block 12” (2030) demolishes"));
  g_assert_nonnull (strstr (err, "after “Sale of 6 homes” (2027)"));
  g_assert_nonnull (strstr (out, "Plan"));
  again = wm_project_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (wm_scenario_get_proposals (
                      wm_plan_get_active_scenario (again))), ==, 2);
}

/* A project whose tenure is partly estimated from CBS figures and partly listed: the text
 * output says so in one line, the JSON report has the counts and each area's basis; the demo
 * (all stated) has no such line. */
static void
test_indicators_tenure (Fixture      *f,
                        gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "tenure.gpkg", NULL);
  g_autofree char *out = NULL, *err = NULL, *demo = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmGeometry) boundary = wm_test_square (100000, 450000, 100);
  g_autoptr(WmGeometry) fp1 = wm_test_square (100010, 450010, 5);
  g_autoptr(WmGeometry) fp2 = wm_test_square (100030, 450010, 5);
  g_autoptr(WmArea) area = wm_area_new ("BU01411600", "Boomplaats", boundary);
  g_autoptr(WmBuilding) estimated = wm_building_new ("0141100000000001", fp1);
  g_autoptr(WmBuilding) listed = wm_building_new ("0141100000000002", fp2);
  WmDwellingMix m1 = { { 3000, 0, 1210, 0, 0 } }, m2 = { { 790, 0, 0, 0, 0 } };
  WmAreaFigures figures;
  JsonObject *root, *tenure, *a;
  JsonArray *areas;

  wm_area_figures_init (&figures);
  figures.pct_corporation_rent = 40;
  figures.pct_other_rent = 20;
  figures.pct_owner = 40;
  figures.year = 2022;
  wm_area_set_figures (area, &figures);
  wm_plan_add_area (plan, area);
  wm_building_set_dwellings (estimated, &m1);
  wm_building_set_tenure_source (estimated, WM_TENURE_ESTIMATED);
  wm_building_set_dwellings (listed, &m2);
  wm_building_set_tenure_source (listed, WM_TENURE_LISTED);
  wm_plan_add_building (plan, estimated);
  wm_plan_add_building (plan, listed);
  g_assert_true (wm_project_file_save (plan, path, &error));
  g_assert_no_error (error);

  g_assert_cmpint (wm_test_run_cli (&out, &err, "indicators", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\nTenure estimated for 4,210 of 5,000 dwellings, from "
                                 "CBS figures 2022 per area; 790 from the corporation’s list."));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (wm_test_run_cli (&out, NULL, "indicators", path, "--json", NULL), ==, 0);
  root = parse_object (parser, out);
  tenure = json_object_get_object_member (root, "tenure");
  g_assert_nonnull (tenure);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (tenure, "dwellings"),
                                               "estimated"), ==, 4210);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (tenure, "dwellings"),
                                               "listed"), ==, 790);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (tenure, "dwellings"),
                                               "stated"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (tenure, "buildings"),
                                               "listed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (tenure, "cbs_year"), ==, 2022);
  g_assert_nonnull (strstr (json_object_get_string_member (tenure, "description"), "4,210"));
  areas = json_object_get_array_member (tenure, "areas");
  g_assert_cmpuint (json_array_get_length (areas), ==, 1);
  a = json_array_get_object_element (areas, 0);
  g_assert_cmpstr (json_object_get_string_member (a, "id"), ==, "BU01411600");
  g_assert_cmpstr (json_object_get_string_member (a, "basis"), ==, "area");
  g_assert_cmpint (json_object_get_int_member (a, "year"), ==, 2022);

  /* The demo states every segment: no tenure line, and "description" is null. */
  demo = g_build_filename (f->dir, "demo.gpkg", NULL);
  g_assert_cmpint (wm_test_run_cli (NULL, NULL, "new", demo, "--demo", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (wm_test_run_cli (&out, NULL, "indicators", demo, NULL), ==, 0);
  g_assert_null (strstr (out, "Tenure"));
  g_assert_null (strstr (out, "estimated"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (wm_test_run_cli (&out, NULL, "indicators", demo, "--json", NULL), ==, 0);
  root = parse_object (parser, out);
  tenure = json_object_get_object_member (root, "tenure");
  g_assert_true (json_object_get_null_member (tenure, "description"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (tenure, "dwellings"),
                                               "estimated"), ==, 0);
}

static void
test_errors (Fixture      *f,
             gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "p.gpkg", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.gpkg", NULL);
  g_autofree char *text = write_file (f, "notes.txt", "not a project\n");
  g_autofree char *bad = write_file (f, "bad.json",
                                     "{\n  \"proposals\": [\n    { \"kind\": \"demolish\" },,\n  ]\n}\n");
  g_autofree char *unknown = write_file (f, "unknown.json",
                                         "{ \"proposals\": [ { \"kind\": \"demolish\","
                                         " \"buildings\": [\"nope\"] } ] }");
  g_autofree char *good = write_file (f, "good.json", "{ \"proposals\": [] }");
  g_autofree char *castle = write_file (f, "castle.json",
                                        "{ \"proposals\": [ { \"kind\": \"new_build\","
                                        " \"dwellings\": { \"mid_rent\": 2 },"
                                        " \"dwelling_type\": \"castle\" } ] }");
  g_autofree char *saved = NULL, *after = NULL;
  gsize saved_len, after_len;
  struct
  {
    const char *args[6];
    const char *fragment;
  } cases[] = {
    { { "indicators", missing }, "missing.gpkg" },
    { { "indicators", text }, "notes.txt" },
    { { "indicators", path, "--scenario", "Nope" }, "Nope" },
    { { "apply", path, bad }, "bad.json:3:" },
    { { "apply", path, unknown }, "nope" },
    { { "apply", path, castle }, "dwelling_type" },
    { { "apply", path, missing }, "missing.gpkg" },
    { { "apply", path, good, "--scenario", "Nope" }, "Nope" },
    { { "apply", missing, good }, "missing.gpkg" },
    { { "frobnicate", path }, "unknown command" },
    { { "indicators", path, "--bogus" }, "unknown option" },
  };

  g_assert_cmpint (wm_test_run_cli (NULL, NULL, "new", path, NULL), ==, 0);
  g_assert_true (g_file_get_contents (path, &saved, &saved_len, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      const char *const *a = cases[i].args;
      int rc = wm_test_run_cli (&out, &err, a[0], a[1], a[2], a[3], a[4], a[5], NULL);

      if (rc == 0 || strstr (err, cases[i].fragment) == NULL)
        g_error ("case %u: exit %d, stderr “%s” lacks “%s”", i, rc, err, cases[i].fragment);
      g_assert_cmpstr (out, ==, "");
    }

  /* Nothing was written. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpuint (saved_len, ==, after_len);
  g_assert_true (memcmp (saved, after, saved_len) == 0);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/new-empty", Fixture, NULL, fixture_set_up, test_new_empty, fixture_tear_down);
  g_test_add ("/cli/demo-apply", Fixture, NULL, fixture_set_up, test_demo_apply,
              fixture_tear_down);
  g_test_add ("/cli/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/cli/indicators-tenure", Fixture, NULL, fixture_set_up, test_indicators_tenure,
              fixture_tear_down);
  g_test_add ("/cli/apply-inconsistent", Fixture, NULL, fixture_set_up, test_apply_inconsistent,
              fixture_tear_down);
  g_test_add ("/cli/inconsistent-file", Fixture, NULL, fixture_set_up, test_inconsistent_file,
              fixture_tear_down);

  return g_test_run ();
}
