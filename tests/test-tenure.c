/* test-tenure.c: estimating tenure from CBS figures, and reading a corporation's list */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-address-book.h"
#include "wm-core.h"
#include "wm-property-list.h"
#include "wm-plan.h"
#include "wm-segment.h"
#include "wm-tenure-estimate.h"
#include "wm-tenure-list.h"
#include "wm-test-util.h"

/* Figures of a buurt: percentages, dwellings, mean WOZ in EUR 1,000. */
static WmArea *
area_with (const char *id,
           double      x,
           double      corp,
           double      other,
           double      owner,
           double      dwellings,
           double      woz,
           int         year)
{
  g_autoptr(WmGeometry) boundary = wm_test_square (x, 0, 100);
  WmArea *area = wm_area_new (id, id, boundary);
  WmAreaFigures f;

  wm_area_figures_init (&f);
  f.pct_corporation_rent = corp;
  f.pct_other_rent = other;
  f.pct_owner = owner;
  f.dwellings = dwellings;
  f.mean_woz = woz;
  f.year = year;
  wm_area_set_figures (area, &f);
  return area;
}

static WmBuilding *
estimated (const char *id,
           const char *area_id,
           gint        n)
{
  g_autoptr(WmGeometry) footprint = wm_test_square (10, 10, 5);
  WmBuilding *b = wm_building_new (id, footprint);
  WmDwellingMix mix = { { 0, } };

  mix.counts[WM_SEGMENT_SOCIAL_RENT] = n; /* the importers' placeholder: only the total is data */
  wm_building_set_dwellings (b, &mix);
  wm_building_set_area_id (b, area_id);
  wm_building_set_tenure_source (b, WM_TENURE_ESTIMATED);
  return b;
}

static WmDwellingMix
sum_area (GPtrArray  *buildings,
          const char *area_id,
          int         source)
{
  WmDwellingMix sum = { { 0, } };

  for (guint i = 0; i < buildings->len; i++)
    {
      WmBuilding *b = g_ptr_array_index (buildings, i);

      if (g_strcmp0 (wm_building_get_area_id (b), area_id) == 0 &&
          (source < 0 || (int) wm_building_get_tenure_source (b) == source))
        wm_dwelling_mix_add (&sum, wm_building_get_dwellings (b));
    }
  return sum;
}

static gboolean
notes_contain (GPtrArray  *notes,
               const char *text)
{
  for (guint i = 0; i < notes->len; i++)
    if (strstr (g_ptr_array_index (notes, i), text) != NULL)
      return TRUE;
  return FALSE;
}

/* The expected affordable share: a log-normal with the area's mean and the data's spread. */
static double
affordable_share (double woz, double limit)
{
  WmSegmentTable *table = wm_segment_table_get_default ();
  double sd = wm_segment_table_get_tenure_defaults (table)->woz_log_sd;
  double mu = log (woz * 1000) - sd * sd / 2;

  return 0.5 * erfc (-(log (limit) - mu) / sd / G_SQRT2);
}

/* 30 % corporation, 20 % other landlords, 50 % owner-occupied over 7 buildings of 3..13
 * dwellings (56 in all): exact per-area totals by largest remainder, every building's split
 * within one dwelling of its proportional share. */
static void
test_estimate_largest_remainder (void)
{
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) buildings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(WmBuilding) held = NULL;
  WmSegmentTable *table = wm_segment_table_get_default ();
  const WmPriceLimits *limits = wm_segment_table_get_limits (table, 2024);
  double aff = affordable_share (380, limits->owner_affordable_max_price);
  double expected[WM_N_SEGMENTS] = { 0, };
  gint64 floor_sum = 0;
  WmDwellingMix total;
  const gint sizes[] = { 3, 13, 5, 11, 7, 9, 8 };
  gint n_all = 0;

  g_ptr_array_add (areas, area_with ("BU1", 0, 30, 20, 50, 56, 380, 2024));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *id = g_strdup_printf ("b%u", (guint) (G_N_ELEMENTS (sizes) - i));

      g_ptr_array_add (buildings, estimated (id, "BU1", sizes[i]));
      n_all += sizes[i];
    }
  /* A stated building is left alone and does not count. */
  {
    WmBuilding *b = estimated ("stated", "BU1", 4);

    wm_building_set_tenure_source (b, WM_TENURE_STATED);
    g_ptr_array_add (buildings, b);
  }

  /* Building 0 is held elsewhere too, as a plan's baseline object would be. */
  held = g_object_ref (g_ptr_array_index (buildings, 0));
  out = wm_tenure_estimate (areas, buildings, NULL, notes);
  g_assert_cmpuint (out->len, ==, buildings->len);
  g_assert_true (g_ptr_array_index (out, 7) == g_ptr_array_index (buildings, 7));
  /* A building held elsewhere is not changed (baseline objects are immutable): copied. */
  g_assert_true (g_ptr_array_index (out, 0) != held);
  g_assert_cmpint (wm_building_get_dwellings (held)->counts[0], ==, 3);
  /* One only the array holds is changed in place, not copied. */
  g_assert_true (g_ptr_array_index (out, 1) == g_ptr_array_index (buildings, 1));
  g_assert_cmpint (wm_building_get_tenure_source (g_ptr_array_index (out, 1)), ==,
                   WM_TENURE_ESTIMATED);

  expected[WM_SEGMENT_SOCIAL_RENT] = 0.30 * n_all;
  expected[WM_SEGMENT_PRIVATE_RENT] = 0.20 * n_all;
  expected[WM_SEGMENT_OWNER_AFFORDABLE] = 0.50 * aff * n_all;
  expected[WM_SEGMENT_OWNER_EXPENSIVE] = 0.50 * (1 - aff) * n_all;
  total = sum_area (out, "BU1", WM_TENURE_ESTIMATED);
  g_assert_cmpint (wm_dwelling_mix_total (&total), ==, n_all);
  for (guint k = 0; k < WM_N_SEGMENTS; k++)
    {
      g_assert_cmpfloat (fabs (total.counts[k] - expected[k]), <, 1.0);
      floor_sum += (gint64) floor (expected[k]);
    }
  g_assert_cmpint (total.counts[WM_SEGMENT_MID_RENT], ==, 0);
  /* Largest remainder: exactly the floors plus one unit for each of the largest fractions. */
  g_assert_cmpint (total.counts[WM_SEGMENT_SOCIAL_RENT], ==, 17);  /* 16.8 */
  g_assert_cmpint (total.counts[WM_SEGMENT_PRIVATE_RENT], ==, 11); /* 11.2 */

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      WmBuilding *b = g_ptr_array_index (out, i);

      /* Copied where held elsewhere, in place otherwise. */
      g_assert_true ((b != g_ptr_array_index (buildings, i)) == (i == 0));
      g_assert_cmpint (wm_building_get_tenure_source (b), ==, WM_TENURE_ESTIMATED);
      g_assert_cmpint (wm_building_get_n_dwellings (b), ==, sizes[i]);
      for (guint k = 0; k < WM_N_SEGMENTS; k++)
        g_assert_cmpfloat (fabs (wm_building_get_dwellings (b)->counts[k] -
                                 (double) sizes[i] * total.counts[k] / n_all), <, 1.0 + 1e-9);
    }
  g_assert_true (notes_contain (notes, "CBS figures 2024"));
  g_assert_true (notes_contain (notes, "log-normally"));

  /* Deterministic: the same input gives the same output, whatever the order of the list. */
  {
    g_autoptr(GPtrArray) reversed = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) again = NULL;

    for (guint i = buildings->len; i > 0; i--)
      g_ptr_array_add (reversed, g_object_ref (g_ptr_array_index (buildings, i - 1)));
    again = wm_tenure_estimate (areas, reversed, NULL, NULL);
    for (guint i = 0; i < again->len; i++)
      g_assert_true (wm_building_equal (g_ptr_array_index (again, i),
                                        g_ptr_array_index (out, out->len - 1 - i)));
  }
}

/* The WOZ split: a cheap buurt is mostly affordable, an expensive one mostly not; exactly as
 * the log-normal of data/segments.json says. */
static void
test_estimate_woz_split (void)
{
  WmSegmentTable *table = wm_segment_table_get_default ();
  double limit = wm_segment_table_get_limits (table, 2024)->owner_affordable_max_price;
  const double wozes[] = { 200, 405, 800 };

  g_assert_nonnull (wm_segment_table_get_tenure_defaults (table));
  for (guint w = 0; w < G_N_ELEMENTS (wozes); w++)
    {
      g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) buildings = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) out = NULL;
      WmDwellingMix total;
      double aff = affordable_share (wozes[w], limit);

      g_ptr_array_add (areas, area_with ("BU1", 0, 0, 0, 100, 1000, wozes[w], 2024));
      g_ptr_array_add (buildings, estimated ("b1", "BU1", 1000));
      out = wm_tenure_estimate (areas, buildings, table, NULL);
      total = sum_area (out, "BU1", -1);
      g_assert_cmpfloat (fabs (total.counts[WM_SEGMENT_OWNER_AFFORDABLE] - 1000 * aff), <, 1.0);
      g_assert_cmpint (total.counts[WM_SEGMENT_OWNER_AFFORDABLE] +
                       total.counts[WM_SEGMENT_OWNER_EXPENSIVE], ==, 1000);
      if (wozes[w] == 200)
        g_assert_cmpint (total.counts[WM_SEGMENT_OWNER_AFFORDABLE], >, 950);
      else if (wozes[w] == 800)
        g_assert_cmpint (total.counts[WM_SEGMENT_OWNER_AFFORDABLE], <, 50);
      else /* at the limit the mean lies above the median: a little under half affordable */
        g_assert_cmpint (total.counts[WM_SEGMENT_OWNER_AFFORDABLE], >, 450);
    }
}

/* Areas without figures take the plan's other areas (weighted by their dwellings), then the
 * national figures; buildings outside every area too; the notes say so. */
static void
test_estimate_fallbacks (void)
{
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) buildings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) out = NULL;
  WmDwellingMix mix;
  WmArea *blank;

  /* 100 % corporation with 300 dwellings, 100 % other landlords with 100: pooled 75/25. */
  g_ptr_array_add (areas, area_with ("BU1", 0, 100, 0, 0, 300, NAN, 2022));
  g_ptr_array_add (areas, area_with ("BU2", 200, 0, 100, 0, 100, NAN, 2022));
  /* All not available (CBS -99997 etc. became NAN on reading). */
  blank = area_with ("BU3", 400, NAN, NAN, NAN, NAN, NAN, 2022);
  g_ptr_array_add (areas, blank);
  g_ptr_array_add (buildings, estimated ("b3", "BU3", 8));
  g_ptr_array_add (buildings, estimated ("b0", NULL, 4));
  g_ptr_array_add (buildings, estimated ("b1", "BU1", 2));

  out = wm_tenure_estimate (areas, buildings, NULL, notes);
  mix = *wm_building_get_dwellings (g_ptr_array_index (out, 0));
  g_assert_cmpint (mix.counts[WM_SEGMENT_SOCIAL_RENT], ==, 6);
  g_assert_cmpint (mix.counts[WM_SEGMENT_PRIVATE_RENT], ==, 2);
  mix = *wm_building_get_dwellings (g_ptr_array_index (out, 1));
  g_assert_cmpint (mix.counts[WM_SEGMENT_SOCIAL_RENT], ==, 3);
  g_assert_cmpint (mix.counts[WM_SEGMENT_PRIVATE_RENT], ==, 1);
  g_assert_true (notes_contain (notes, "“BU3” has no CBS tenure figures"));
  g_assert_true (notes_contain (notes, "outside every area"));
  g_assert_true (notes_contain (notes, "plan’s other areas"));
  /* No WOZ anywhere, no owner-occupied: only the split note for the shares used. */

  /* No area has figures: the national figures of data/segments.json, with their source. */
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) national_notes = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) national = NULL;
    g_autoptr(WmGeometry) boundary = wm_test_square (0, 0, 100);
    const WmTenureDefaults *d =
      wm_segment_table_get_tenure_defaults (wm_segment_table_get_default ());
    double sum = d->national_pct_corporation_rent + d->national_pct_other_rent + d->national_pct_owner;
    WmDwellingMix total;

    g_ptr_array_add (none, wm_area_new ("BU9", "Zonder cijfers", boundary));
    g_ptr_array_set_size (buildings, 0);
    g_ptr_array_add (buildings, estimated ("n1", "BU9", 1000));
    national = wm_tenure_estimate (none, buildings, NULL, national_notes);
    total = sum_area (national, "BU9", -1);
    g_assert_cmpfloat (fabs (total.counts[WM_SEGMENT_SOCIAL_RENT] -
                             1000 * d->national_pct_corporation_rent / sum), <, 1.0);
    g_assert_cmpfloat (fabs (total.counts[WM_SEGMENT_PRIVATE_RENT] -
                             1000 * d->national_pct_other_rent / sum), <, 1.0);
    g_assert_true (notes_contain (national_notes, "“Zonder cijfers” has no CBS tenure figures"));
    g_assert_true (notes_contain (national_notes, "national figures"));
    g_assert_true (notes_contain (national_notes, "82900NED"));
  }

  /* A table without "tenure_estimate" and no figures anywhere: nothing can be estimated. */
  {
    static const char json[] =
      "{\"segments\": ["
      "{\"key\": \"social_rent\", \"name\": {\"en\": \"S\"}, \"description\": {\"en\": \"s\"}, \"colour\": \"#000000\", \"affordable\": true},"
      "{\"key\": \"mid_rent\", \"name\": {\"en\": \"M\"}, \"description\": {\"en\": \"m\"}, \"colour\": \"#000000\", \"affordable\": true},"
      "{\"key\": \"private_rent\", \"name\": {\"en\": \"P\"}, \"description\": {\"en\": \"p\"}, \"colour\": \"#000000\", \"affordable\": false},"
      "{\"key\": \"owner_affordable\", \"name\": {\"en\": \"A\"}, \"description\": {\"en\": \"a\"}, \"colour\": \"#000000\", \"affordable\": true},"
      "{\"key\": \"owner_expensive\", \"name\": {\"en\": \"E\"}, \"description\": {\"en\": \"e\"}, \"colour\": \"#000000\", \"affordable\": false}],"
      "\"limits\": [{\"year\": 2024, \"social_rent_max_rent\": 879.66, \"social_rent_max_points\": 147,"
      " \"mid_rent_max_rent\": 1123.13, \"mid_rent_max_points\": 186, \"owner_affordable_max_price\": 405000,"
      " \"social_income_limit_single\": 47699, \"social_income_limit_multi\": 52671}]}";
    g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
    g_autoptr(GError) error = NULL;
    g_autoptr(WmSegmentTable) bare = wm_segment_table_load_from_bytes (bytes, "bare.json", &error);
    g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) bare_notes = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) same = NULL;

    g_assert_no_error (error);
    g_assert_null (wm_segment_table_get_tenure_defaults (bare));
    same = wm_tenure_estimate (none, buildings, bare, bare_notes);
    g_assert_true (g_ptr_array_index (same, 0) == g_ptr_array_index (buildings, 0));
    g_assert_true (notes_contain (bare_notes, "Nothing to estimate"));
  }
}

/* A listed building is fixed: the area's totals implied by the shares are reduced by what it
 * lists, and the rest is spread over the estimated buildings. */
static void
test_estimate_listed_fixed (void)
{
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) buildings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  WmBuilding *listed;
  WmDwellingMix mix = { { 0, } }, estimated_sum, all;

  /* 50 % corporation, 50 % other landlords over 100 dwellings: 40 listed social, 60 estimated:
   * 10 social and 50 private remain for the estimated ones. */
  g_ptr_array_add (areas, area_with ("BU1", 0, 50, 50, 0, 100, NAN, 2024));
  listed = estimated ("corp", "BU1", 0);
  mix.counts[WM_SEGMENT_SOCIAL_RENT] = 40;
  wm_building_set_dwellings (listed, &mix);
  wm_building_set_tenure_source (listed, WM_TENURE_LISTED);
  g_ptr_array_add (buildings, listed);
  g_ptr_array_add (buildings, estimated ("e1", "BU1", 30));
  g_ptr_array_add (buildings, estimated ("e2", "BU1", 30));

  out = wm_tenure_estimate (areas, buildings, NULL, notes);
  g_assert_true (g_ptr_array_index (out, 0) == listed);
  g_assert_true (wm_dwelling_mix_equal (wm_building_get_dwellings (listed), &mix));
  estimated_sum = sum_area (out, "BU1", WM_TENURE_ESTIMATED);
  g_assert_cmpint (estimated_sum.counts[WM_SEGMENT_SOCIAL_RENT], ==, 10);
  g_assert_cmpint (estimated_sum.counts[WM_SEGMENT_PRIVATE_RENT], ==, 50);
  all = sum_area (out, "BU1", -1);
  g_assert_cmpint (all.counts[WM_SEGMENT_SOCIAL_RENT], ==, 50);
  g_assert_cmpint (all.counts[WM_SEGMENT_PRIVATE_RENT], ==, 50);
  /* Each estimated building gets half. */
  g_assert_cmpint (wm_building_get_dwellings (g_ptr_array_index (out, 1))->counts[0], ==, 5);
  g_assert_cmpint (wm_building_get_dwellings (g_ptr_array_index (out, 2))->counts[0], ==, 5);

  /* The list holds more social rent than the figures imply: the rest all private. */
  mix.counts[WM_SEGMENT_SOCIAL_RENT] = 70;
  {
    g_autoptr(WmBuilding) more = wm_building_copy (listed);
    g_autoptr(GPtrArray) again = NULL;

    wm_building_set_dwellings (more, &mix);
    g_ptr_array_index (buildings, 0) = g_object_ref (more);
    g_object_unref (listed);
    again = wm_tenure_estimate (areas, buildings, NULL, notes);
    estimated_sum = sum_area (again, "BU1", WM_TENURE_ESTIMATED);
    g_assert_cmpint (estimated_sum.counts[WM_SEGMENT_SOCIAL_RENT], ==, 0);
    g_assert_cmpint (estimated_sum.counts[WM_SEGMENT_PRIVATE_RENT], ==, 60);
    g_assert_true (notes_contain (notes, "holds more dwellings of a segment"));
  }
}

/* The summary and the sentence the UI, the report and the CLI show. */
static void
test_describe (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(WmArea) a1 = area_with ("BU1", 0, 40, 10, 50, 5000, 300, 2022);
  g_autoptr(WmGeometry) boundary = wm_test_square (200, 0, 100);
  g_autoptr(WmArea) a2 = wm_area_new ("BU2", "Zonder", boundary);
  g_autoptr(WmGeometry) fp1 = wm_test_square (10, 10, 5);
  g_autoptr(WmGeometry) fp2 = wm_test_square (30, 10, 5);
  g_autoptr(WmGeometry) fp3 = wm_test_square (210, 10, 5);
  g_autoptr(WmBuilding) b1 = wm_building_new ("b1", fp1);
  g_autoptr(WmBuilding) b2 = wm_building_new ("b2", fp2);
  g_autoptr(WmBuilding) b3 = wm_building_new ("b3", fp3);
  WmDwellingMix m1 = { { 4000, 0, 210, 0, 0 } }, m2 = { { 790, 0, 0, 0, 0 } };
  WmDwellingMix m3 = { { 10, 0, 0, 0, 0 } };
  g_autofree char *text = NULL;
  WmTenureSummary summary;
  WmTenureAreaSummary *s;

  wm_plan_add_area (plan, a1);
  wm_plan_add_area (plan, a2);
  g_assert_null (wm_tenure_describe (plan));

  wm_building_set_dwellings (b1, &m1);
  wm_building_set_tenure_source (b1, WM_TENURE_ESTIMATED);
  wm_building_set_dwellings (b2, &m2);
  wm_building_set_tenure_source (b2, WM_TENURE_LISTED);
  wm_building_set_dwellings (b3, &m3);
  wm_building_set_tenure_source (b3, WM_TENURE_ESTIMATED);
  wm_plan_add_building (plan, b1);
  wm_plan_add_building (plan, b2);
  wm_plan_add_building (plan, b3);

  g_assert_true (wm_tenure_summarise (plan, &summary));
  g_assert_cmpint (summary.dwellings[WM_TENURE_ESTIMATED], ==, 4220);
  g_assert_cmpint (summary.dwellings[WM_TENURE_LISTED], ==, 790);
  g_assert_cmpint (summary.dwellings[WM_TENURE_STATED], ==, 0);
  g_assert_cmpuint (summary.buildings[WM_TENURE_ESTIMATED], ==, 2);
  g_assert_cmpint (summary.year, ==, 2022);
  g_assert_cmpuint (summary.areas->len, ==, 2);
  s = g_ptr_array_index (summary.areas, 0);
  g_assert_cmpstr (s->area_id, ==, "BU1");
  g_assert_cmpint (s->basis, ==, WM_TENURE_BASIS_AREA);
  g_assert_cmpint (s->dwellings[WM_TENURE_LISTED], ==, 790);
  s = g_ptr_array_index (summary.areas, 1);
  g_assert_cmpint (s->basis, ==, WM_TENURE_BASIS_PLAN);
  g_assert_cmpint (s->dwellings[WM_TENURE_ESTIMATED], ==, 10);
  wm_tenure_summary_clear (&summary);

  text = wm_tenure_describe (plan);
  g_assert_cmpstr (text, ==,
                   "Tenure estimated for 4,220 of 5,010 dwellings, from CBS figures 2022 per "
                   "area; 790 from the corporation’s list. For 10 of them their area has no "
                   "figures: those of the other areas are used.");
}

/* Property list */

static WmTenureList *
list_new (const char *const *header,
          GError           **error)
{
  return wm_tenure_list_new ("lijst.csv", header, g_strv_length ((char **) header), 2024, NULL,
                             error);
}

static void
test_list_numbers (void)
{
  const struct { const char *text; double value; } good[] = {
    { "650", 650 }, { "€ 650", 650 }, { "€650,00", 650 }, { "1.234,50", 1234.5 },
    { "1,234.50", 1234.5 }, { "1.234", 1234 }, { "650.50", 650.5 }, { "879,66", 879.66 },
    { "EUR 1.123,13", 1123.13 }, { "650,-", 650 }, { "\xc2\xa0" "12", 12 }, { "1.234.567", 1234567 },
  };
  const char *bad[] = { "", "abc", "12 euro", "1,2,3", "€", "--5", "1e5", "0x10", ",", "." };
  double v;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (wm_tenure_list_parse_number (good[i].text, &v));
      g_assert_cmpfloat_with_epsilon (v, good[i].value, 1e-9);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (wm_tenure_list_parse_number (bad[i], &v));
}

static void
test_list_ids_and_addresses (void)
{
  const struct { const char *text; const char *key; } addresses[] = {
    { "Dorpsstraat 12A, 1234 AB Otterlo", "1234AB 12A" },
    { "Dorpsstraat 12, 1234AB Otterlo", "1234AB 12" },
    { "Dorpsstraat 12-2 1234 ab Otterlo", "1234AB 12-2" },
    { "Dorpsstraat 12 A, 1234 AB", "1234AB 12A" },
    { "Dorpsstraat 12A-II, 1234 AB Otterlo", "1234AB 12A-II" },
    { "Lange Nieuwstraat 3 bis, 3512 PN Utrecht", "3512PN 3-BIS" },
  };
  const char *ambiguous[] = {
    "Dorpsstraat, 1234 AB Otterlo",              /* no number */
    "Dorpsstraat 12, 1234 AB, 5678 CD Otterlo",  /* two postcodes */
    "Dorpsstraat 12",                            /* no postcode */
    "12345678",
  };
  g_autofree char *id = wm_tenure_list_parse_pand_id ("221100000307826");
  g_autofree char *id2 = wm_tenure_list_parse_pand_id ("NL.IMBAG.Pand.0221100000307826");

  g_assert_cmpstr (id, ==, "0221100000307826");
  g_assert_cmpstr (id2, ==, "0221100000307826");
  g_assert_null (wm_tenure_list_parse_pand_id ("02211000003078261"));
  g_assert_null (wm_tenure_list_parse_pand_id ("pand 12"));
  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autofree char *key = wm_tenure_list_parse_address (addresses[i].text);

      g_assert_cmpstr (key, ==, addresses[i].key);
    }
  for (guint i = 0; i < G_N_ELEMENTS (ambiguous); i++)
    {
      g_autofree char *key = wm_tenure_list_parse_address (ambiguous[i]);

      g_assert_null (key);
    }
}

/* Dwellings per segment by pand id, Dutch column names; rows of the same building add up. */
static void
test_list_per_segment (void)
{
  const char *header[] = { "BAG pand-id", "Sociale huur", "Middenhuur", "Vrije sector", NULL };
  const char *r1[] = { "0221100000307826", "12", "3", "", NULL };
  const char *r2[] = { "221100000307826", "1.000", "0", "2", NULL };
  const char *r3[] = { "", "", "", "", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTenureList) list = list_new (header, &error);
  const WmTenureListEntry *e;

  g_assert_no_error (error);
  g_assert_true (wm_tenure_list_add_row (list, 2, r1, 4, &error));
  g_assert_true (wm_tenure_list_add_row (list, 3, r2, 4, &error));
  g_assert_true (wm_tenure_list_add_row (list, 4, r3, 4, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wm_tenure_list_get_n_entries (list), ==, 1);
  e = wm_tenure_list_get_entry (list, 0);
  g_assert_cmpstr (e->building_id, ==, "0221100000307826");
  g_assert_null (e->address_key);
  g_assert_cmpuint (e->row, ==, 2);
  g_assert_cmpint (e->mix.counts[WM_SEGMENT_SOCIAL_RENT], ==, 1012);
  g_assert_cmpint (e->mix.counts[WM_SEGMENT_MID_RENT], ==, 3);
  g_assert_cmpint (e->mix.counts[WM_SEGMENT_PRIVATE_RENT], ==, 2);
}

/* One row per unit (VHE) with address columns and a rent: the rent limits of the year decide
 * the segment; an English header with a segment column works the same. */
static void
test_list_units_by_rent (void)
{
  const char *header[] = { "VHE", "Postcode", "Huisnummer", "Huisletter", "Toevoeging",
                           "Kale huur", NULL };
  const char *rows[][7] = {
    { "1001", "1234 ab", "12", "a", "", "€ 650,00", NULL },     /* social */
    { "1002", "1234AB", "12", "A", "", "879,66", NULL },        /* social: at the limit */
    { "1003", "1234AB", "12", "A", "", "€ 879,67", NULL },      /* mid */
    { "1004", "1234AB", "12", "A", "", "1.123,13", NULL },      /* mid */
    { "1005", "1234AB", "12", "A", "", "€ 1.450", NULL },       /* private */
    { "1006", "1234AB", "14", "", "2", "700", NULL },           /* another building */
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTenureList) list = list_new (header, &error);
  const WmTenureListEntry *e;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_assert_true (wm_tenure_list_add_row (list, i + 2, rows[i], 6, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (wm_tenure_list_get_n_entries (list), ==, 2);
  e = wm_tenure_list_get_entry (list, 0);
  g_assert_cmpstr (e->address_key, ==, "1234AB 12A");
  g_assert_cmpint (e->mix.counts[WM_SEGMENT_SOCIAL_RENT], ==, 2);
  g_assert_cmpint (e->mix.counts[WM_SEGMENT_MID_RENT], ==, 2);
  g_assert_cmpint (e->mix.counts[WM_SEGMENT_PRIVATE_RENT], ==, 1);
  e = wm_tenure_list_get_entry (list, 1);
  g_assert_cmpstr (e->address_key, ==, "1234AB 14-2");
  g_assert_cmpint (e->mix.counts[WM_SEGMENT_SOCIAL_RENT], ==, 1);

  {
    const char *en[] = { "Address", "Segment", "Units", NULL };
    const char *row[] = { "Dorpsstraat 12A, 1234 AB Otterlo", "Middenhuur", "3", NULL };
    const char *row2[] = { "Dorpsstraat 12A, 1234 AB Otterlo", "social_rent", "", NULL };
    g_autoptr(WmTenureList) english = list_new (en, &error);

    g_assert_no_error (error);
    g_assert_true (wm_tenure_list_add_row (english, 2, row, 3, &error));
    g_assert_true (wm_tenure_list_add_row (english, 3, row2, 3, &error));
    g_assert_no_error (error);
    e = wm_tenure_list_get_entry (english, 0);
    g_assert_cmpint (e->mix.counts[WM_SEGMENT_MID_RENT], ==, 3);
    g_assert_cmpint (e->mix.counts[WM_SEGMENT_SOCIAL_RENT], ==, 1);
  }
}

/* Bad headers and values: the message names the list, the row and the column. */
static void
test_list_errors (void)
{
  const char *no_building[] = { "Naam", "Sociale huur", NULL };
  const char *no_dwellings[] = { "pand_id", "Opmerking", NULL };
  const char *header[] = { "pand_id", "postcode", "huisnummer", "sociale huur", NULL };
  const struct { const char *row[5]; const char *message; } bad[] = {
    { { "12ab", "", "", "3", NULL }, "“lijst.csv”, row 7, column “pand_id”: “12ab” is not a BAG pand id" },
    { { "1", "", "", "drie", NULL }, "row 7, column “sociale huur”: “drie” is not a number" },
    { { "1", "", "", "-3", NULL }, "column “sociale huur”: -3 is not a number of dwellings" },
    { { "1", "", "", "2,5", NULL }, "2,5 is not a number of dwellings" },
    { { "1", "", "", "999999999", NULL }, "999999999 is not a number of dwellings" },
    { { "", "1234AB", "", "1", NULL }, "column “huisnummer”: the house number is missing" },
    { { "", "12345", "3", "1", NULL }, "is not a Dutch address" },
    { { "", "", "", "4", NULL }, "the row names no building" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTenureList) none = list_new (no_building, &error);
  g_autoptr(WmTenureList) list = NULL;
  g_autofree char *huge = g_strnfill (WM_TENURE_LIST_MAX_VALUE + 1, '1');
  const char *huge_row[] = { huge, "", "", "1", NULL };

  g_assert_null (none);
  g_assert_error (error, WM_TENURE_LIST_ERROR, WM_TENURE_LIST_ERROR_COLUMNS);
  g_assert_nonnull (strstr (error->message, "“lijst.csv”: no column names the building"));
  g_clear_error (&error);
  g_assert_null (list_new (no_dwellings, &error));
  g_assert_error (error, WM_TENURE_LIST_ERROR, WM_TENURE_LIST_ERROR_COLUMNS);
  g_clear_error (&error);

  list = list_new (header, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (wm_tenure_list_add_row (list, 7, bad[i].row, 4, &error));
      g_assert_error (error, WM_TENURE_LIST_ERROR, WM_TENURE_LIST_ERROR_VALUE);
      if (strstr (error->message, bad[i].message) == NULL)
        g_error ("“%s” does not contain “%s”", error->message, bad[i].message);
      g_clear_error (&error);
    }
  g_assert_false (wm_tenure_list_add_row (list, 9, huge_row, 4, &error));
  g_assert_nonnull (strstr (error->message, "row 9, column “pand_id”: the value is too long"));
  g_assert_cmpuint (wm_tenure_list_get_n_entries (list), ==, 0);
}

/* The list through GDAL (CSV and XLSX) and applied to buildings */

static GPtrArray *
read_list (const char *name,
           GError    **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "tenure", name, NULL);
  g_autoptr(WmOgrSource) source = wm_ogr_source_open (path, error);
  g_autoptr(WmImportResult) result = NULL;
  WmImportOptions options = WM_IMPORT_OPTIONS_INIT;

  if (source == NULL)
    return NULL;
  g_assert_true (wm_property_list_recognise (source, &options));
  result = wm_import_result_new (path);
  if (!wm_property_list_read (source, &options, result, NULL, NULL, NULL, error))
    return NULL;
  return g_ptr_array_ref (result->tenure_records);
}

static WmTenureRecord *
find_record (GPtrArray  *records,
             const char *id,
             const char *key)
{
  for (guint i = 0; i < records->len; i++)
    {
      WmTenureRecord *r = g_ptr_array_index (records, i);

      if ((id != NULL && g_strcmp0 (r->building_id, id) == 0) ||
          (key != NULL && g_strcmp0 (r->address_key, key) == 0))
        return r;
    }
  return NULL;
}

/* One row per VHE with a rent, by pand id and by address; the XLSX (pand ids as numbers
 * without their leading zero) reads the same. */
static void
test_list_read_files (void)
{
  const char *files[] = { "corporatie-vhe.csv", "corporatie-vhe.xlsx" };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = read_list (files[f], &error);
      WmTenureRecord *r;

      g_assert_no_error (error);
      g_assert_cmpuint (records->len, ==, 3);
      r = find_record (records, "0221100000307826", NULL);
      g_assert_nonnull (r);
      g_assert_cmpint (r->mix.counts[WM_SEGMENT_SOCIAL_RENT], ==, 2); /* 650, 879.66 */
      g_assert_cmpint (r->mix.counts[WM_SEGMENT_MID_RENT], ==, 1);    /* 1,050 */
      g_assert_cmpuint (r->row, ==, 2);
      r = find_record (records, NULL, "6731AB 12A");
      g_assert_nonnull (r);
      g_assert_cmpint (r->mix.counts[WM_SEGMENT_PRIVATE_RENT], ==, 1); /* 1.450,50 */
      g_assert_cmpint (r->mix.counts[WM_SEGMENT_SOCIAL_RENT], ==, 1);  /* 720 */
      r = find_record (records, NULL, "6731AB 14-2");
      g_assert_nonnull (r);
      g_assert_cmpint (wm_dwelling_mix_total (&r->mix), ==, 1);
    }
}

static WmBuilding *
bag_building (const char *id,
              gint        n)
{
  return estimated (id, "BU1", n);
}

/* By pand id and by address (through the address book); the BAG rest of a partly listed
 * building, more listed than BAG says, and a row that matches nothing. */
static void
test_list_apply (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = read_list ("corporatie-vhe.csv", &error);
  g_autoptr(GPtrArray) more = NULL;
  g_autoptr(GPtrArray) buildings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(WmAddressBook) book = NULL;
  const WmDwellingMix *m;

  g_assert_no_error (error);
  g_hash_table_insert (table, "6731AB 12A", "0221100000400001");
  g_hash_table_insert (table, "6731AB 14-2", "0221100000400002");
  g_hash_table_insert (table, "6731AC 3", "0221100000400003");
  book = wm_address_book_new_from_table (table);
  g_ptr_array_add (buildings, bag_building ("0221100000307826", 5));
  g_ptr_array_add (buildings, bag_building ("0221100000400001", 2));
  g_ptr_array_add (buildings, bag_building ("0221100000400002", 1));
  g_ptr_array_add (buildings, bag_building ("0221100000999999", 7));

  g_assert_true (wm_tenure_list_apply (records, buildings, book, &out, notes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 4);
  m = wm_building_get_dwellings (g_ptr_array_index (out, 0));
  g_assert_cmpint (wm_building_get_tenure_source (g_ptr_array_index (out, 0)), ==,
                   WM_TENURE_LISTED);
  g_assert_cmpint (m->counts[WM_SEGMENT_SOCIAL_RENT], ==, 2);
  g_assert_cmpint (m->counts[WM_SEGMENT_MID_RENT], ==, 1);
  /* BAG counts 5: the 2 not listed are not the corporation's. */
  g_assert_cmpint (wm_dwelling_mix_total (m), ==, 5);
  g_assert_cmpint (m->counts[WM_SEGMENT_PRIVATE_RENT] + m->counts[WM_SEGMENT_OWNER_AFFORDABLE] +
                   m->counts[WM_SEGMENT_OWNER_EXPENSIVE], ==, 2);
  g_assert_true (notes_contain (notes, "not the corporation’s"));
  m = wm_building_get_dwellings (g_ptr_array_index (out, 1));
  g_assert_cmpint (m->counts[WM_SEGMENT_PRIVATE_RENT], ==, 1);
  g_assert_cmpint (m->counts[WM_SEGMENT_SOCIAL_RENT], ==, 1);
  g_assert_cmpint (wm_building_get_tenure_source (g_ptr_array_index (out, 2)), ==,
                   WM_TENURE_LISTED);
  /* Not on the list: the same object. */
  g_assert_true (g_ptr_array_index (out, 3) == g_ptr_array_index (buildings, 3));
  /* The inputs are untouched. */
  g_assert_cmpint (wm_building_get_tenure_source (g_ptr_array_index (buildings, 0)), ==,
                   WM_TENURE_ESTIMATED);

  /* Per segment, by pand id (without its leading zero) and by one address column; BAG says
   * 30 where the list says 45: the list wins, with a note. */
  more = read_list ("corporatie-complexen.csv", &error);
  g_assert_no_error (error);
  g_ptr_array_add (buildings, bag_building ("0221100000307827", 30));
  g_ptr_array_add (buildings, bag_building ("0221100000400003", 10));
  g_clear_pointer (&out, g_ptr_array_unref);
  g_assert_true (wm_tenure_list_apply (more, buildings, book, &out, notes, &error));
  m = wm_building_get_dwellings (g_ptr_array_index (out, 4));
  g_assert_cmpint (m->counts[WM_SEGMENT_SOCIAL_RENT], ==, 40);
  g_assert_cmpint (m->counts[WM_SEGMENT_MID_RENT], ==, 5);
  g_assert_cmpint (wm_dwelling_mix_total (m), ==, 45);
  g_assert_true (notes_contain (notes, "45 dwellings in the list but 30 in BAG"));
  m = wm_building_get_dwellings (g_ptr_array_index (out, 5));
  g_assert_cmpint (m->counts[WM_SEGMENT_SOCIAL_RENT], ==, 8);
  g_assert_cmpint (m->counts[WM_SEGMENT_PRIVATE_RENT], ==, 2);

  /* A row naming no building of the plan fails the whole list, naming the row. */
  g_ptr_array_remove_index (buildings, 1);
  g_clear_pointer (&out, g_ptr_array_unref);
  g_assert_false (wm_tenure_list_apply (records, buildings, book, &out, notes, &error));
  g_assert_null (out);
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "row 5"));
  g_assert_nonnull (strstr (error->message, "6731AB 12A"));
  g_clear_error (&error);
  /* Without an address book addresses match nothing. */
  g_assert_false (wm_tenure_list_apply (records, buildings, NULL, &out, NULL, &error));
  g_assert_error (error, WM_IMPORT_ERROR, WM_IMPORT_ERROR_NOT_FOUND);
}

/* The list overrides the estimate: estimate, apply the list, estimate again; the listed
 * building holds what the list says and the area's other buildings take the rest. */
static void
test_list_overrides_estimate (void)
{
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) buildings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_tenure_record_free);
  g_autoptr(GError) error = NULL;
  WmTenureRecord *record = g_new0 (WmTenureRecord, 1);
  WmDwellingMix all;

  /* 60 % corporation, 40 % other landlords, 100 dwellings in two buildings. */
  g_ptr_array_add (areas, area_with ("BU1", 0, 60, 40, 0, 100, NAN, 2024));
  g_ptr_array_add (buildings, estimated ("0000000000000001", "BU1", 50));
  g_ptr_array_add (buildings, estimated ("0000000000000002", "BU1", 50));
  first = wm_tenure_estimate (areas, buildings, NULL, NULL);
  g_assert_cmpint (wm_building_get_dwellings (g_ptr_array_index (first, 0))->counts[0], ==, 30);

  /* The corporation owns all 50 of the first building, as social rent. */
  record->building_id = g_strdup ("0000000000000001");
  record->mix.counts[WM_SEGMENT_SOCIAL_RENT] = 50;
  record->row = 2;
  g_ptr_array_add (records, record);
  g_assert_true (wm_tenure_list_apply (records, first, NULL, &listed, NULL, &error));
  g_assert_no_error (error);
  second = wm_tenure_estimate (areas, listed, NULL, NULL);
  g_assert_cmpint (wm_building_get_dwellings (g_ptr_array_index (second, 0))->counts[0], ==, 50);
  g_assert_cmpint (wm_building_get_tenure_source (g_ptr_array_index (second, 0)), ==,
                   WM_TENURE_LISTED);
  /* The area still matches its figures: 60 social, 40 private. */
  all = sum_area (second, "BU1", -1);
  g_assert_cmpint (all.counts[WM_SEGMENT_SOCIAL_RENT], ==, 60);
  g_assert_cmpint (all.counts[WM_SEGMENT_PRIVATE_RENT], ==, 40);
  g_assert_cmpint (wm_building_get_dwellings (g_ptr_array_index (second, 1))->counts[0], ==, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();

  g_test_add_func ("/tenure/estimate/largest-remainder", test_estimate_largest_remainder);
  g_test_add_func ("/tenure/estimate/woz-split", test_estimate_woz_split);
  g_test_add_func ("/tenure/estimate/fallbacks", test_estimate_fallbacks);
  g_test_add_func ("/tenure/estimate/listed-fixed", test_estimate_listed_fixed);
  g_test_add_func ("/tenure/describe", test_describe);
  g_test_add_func ("/tenure/list/numbers", test_list_numbers);
  g_test_add_func ("/tenure/list/ids-and-addresses", test_list_ids_and_addresses);
  g_test_add_func ("/tenure/list/per-segment", test_list_per_segment);
  g_test_add_func ("/tenure/list/units-by-rent", test_list_units_by_rent);
  g_test_add_func ("/tenure/list/errors", test_list_errors);
  g_test_add_func ("/tenure/list/read-files", test_list_read_files);
  g_test_add_func ("/tenure/list/apply", test_list_apply);
  g_test_add_func ("/tenure/list/overrides-estimate", test_list_overrides_estimate);
  return g_test_run ();
}
