/* test-plan.c: tests of the plan model objects */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-plan.h"
#include "wm-checklist-state.h"
#include "wm-targets.h"
#include "wm-enums.h"
#include "wm-indicator-engine.h"
#include "wm-project-file.h"
#include "wm-test-util.h"

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

typedef struct
{
  guint n_emissions;
  guint position, removed, added;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->n_emissions++;
  record->position = position;
  record->removed = removed;
  record->added = added;
}

static guint
watch_notify (gpointer    object,
              const char *property,
              guint      *count)
{
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  return g_signal_connect (object, signal, G_CALLBACK (notify_count_cb), count);
}

/* Keys ------------------------------------------------------------------ */

static void
test_keys (void)
{
  const char *facility_keys[] = {
    "community_centre", "shared_garden", "playground", "school", "library",
    "health_centre", "sports", "shop", "meeting_spot",
  };
  const char *proposal_keys[] = {
    "demolish", "new_build", "convert_tenure", "renovate", "transform",
    "split_merge", "add_facility", "remove_facility",
  };
  const char *class_keys[] = { "road", "water", "green", "terrain", "building", "label" };

  g_assert_cmpuint (G_N_ELEMENTS (facility_keys), ==, WM_N_FACILITY_TYPES);
  for (guint i = 0; i < WM_N_FACILITY_TYPES; i++)
    {
      WmFacilityType type = WM_N_FACILITY_TYPES;

      g_assert_cmpstr (wm_facility_type_key (i), ==, facility_keys[i]);
      g_assert_true (wm_facility_type_from_key (facility_keys[i], &type));
      g_assert_cmpint (type, ==, i);
      g_assert_nonnull (wm_facility_type_label (i));
      g_assert_cmpstr (wm_facility_type_label (i), !=, "");
    }
  g_assert_cmpstr (wm_facility_type_label (WM_FACILITY_SHARED_GARDEN), ==, "Shared garden");
  g_assert_false (wm_facility_type_from_key ("pub", NULL));
  g_assert_false (wm_facility_type_from_key (NULL, NULL));

  g_assert_cmpuint (G_N_ELEMENTS (proposal_keys), ==, WM_N_PROPOSAL_KINDS);
  for (guint i = 0; i < WM_N_PROPOSAL_KINDS; i++)
    {
      WmProposalKind kind = WM_N_PROPOSAL_KINDS;

      g_assert_cmpstr (wm_proposal_kind_key (i), ==, proposal_keys[i]);
      g_assert_true (wm_proposal_kind_from_key (proposal_keys[i], &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_nonnull (wm_proposal_kind_label (i));
      g_assert_cmpstr (wm_proposal_kind_label (i), !=, "");
    }
  g_assert_cmpstr (wm_proposal_kind_label (WM_PROPOSAL_NEW_BUILD), ==, "New build");
  g_assert_false (wm_proposal_kind_from_key ("Demolish", NULL));

  g_assert_cmpuint (G_N_ELEMENTS (class_keys), ==, WM_N_BASEMAP_CLASSES);
  for (guint i = 0; i < WM_N_BASEMAP_CLASSES; i++)
    {
      WmBasemapClass klass = WM_N_BASEMAP_CLASSES;

      g_assert_cmpstr (wm_basemap_class_key (i), ==, class_keys[i]);
      g_assert_true (wm_basemap_class_from_key (class_keys[i], &klass));
      g_assert_cmpint (klass, ==, i);
    }
  g_assert_false (wm_basemap_class_from_key ("buildings", NULL));
}

/* Area ------------------------------------------------------------------ */

static void
test_area (void)
{
  g_autoptr(WmGeometry) boundary = wm_test_square (0, 0, 100);
  g_autoptr(WmGeometry) other_boundary = wm_test_square (0, 0, 50);
  g_autoptr(WmArea) area = wm_area_new ("BU01", "Centrum", boundary);
  g_autoptr(WmArea) same = wm_area_new ("BU01", "Centrum", boundary);
  g_autoptr(WmArea) other_id = wm_area_new ("BU02", "Centrum", boundary);
  g_autoptr(WmArea) other_geom = wm_area_new ("BU01", "Centrum", other_boundary);
  g_autofree char *name = NULL;
  char buf[] = "Noord";
  guint notified = 0;

  g_assert_cmpstr (wm_area_get_id (area), ==, "BU01");
  g_assert_cmpstr (wm_area_get_name (area), ==, "Centrum");
  g_assert_true (wm_area_get_boundary (area) == boundary);
  g_assert_true (wm_area_equal (area, same));
  g_assert_false (wm_area_equal (area, other_id));
  g_assert_false (wm_area_equal (area, other_geom));

  watch_notify (area, "name", &notified);
  wm_area_set_name (area, "Centrum");
  g_assert_cmpuint (notified, ==, 0);
  wm_area_set_name (area, buf);
  g_assert_cmpuint (notified, ==, 1);
  /* The setter copies. */
  buf[0] = 'X';
  g_assert_cmpstr (wm_area_get_name (area), ==, "Noord");
  g_assert_false (wm_area_equal (area, same));
  g_object_get (area, "name", &name, NULL);
  g_assert_cmpstr (name, ==, "Noord");
  g_object_set (area, "name", "Zuid", NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_object_set (area, "name", "Zuid", NULL);
  g_assert_cmpuint (notified, ==, 2);
}

/* Building -------------------------------------------------------------- */

static WmBuilding *
make_building (const char *id)
{
  g_autoptr(WmGeometry) footprint = wm_test_square (10, 10, 10);
  WmBuilding *building = wm_building_new (id, footprint);
  WmDwellingMix mix = { { 4, 2, 0, 1, 3 } };

  wm_building_set_area_id (building, "BU01");
  wm_building_set_year (building, 1965);
  wm_building_set_storeys (building, 4);
  wm_building_set_dwellings (building, &mix);
  wm_building_set_use (building, "residential");

  return building;
}

static void
test_building (void)
{
  g_autoptr(WmGeometry) footprint = wm_test_square (10, 10, 10);
  g_autoptr(WmBuilding) plain = wm_building_new ("b1", footprint);
  g_autoptr(WmBuilding) a = make_building ("b1");
  WmDwellingMix mix = { { 4, 2, 0, 1, 3 } };
  WmDwellingMix more = { { 4, 2, 0, 1, 4 } };
  guint n_year = 0, n_storeys = 0, n_area = 0, n_use = 0, n_dwellings = 0;

  /* Footprints are stored as multipolygons, geometrically unchanged. */
  g_assert_cmpint (wm_building_get_footprint (plain)->kind, ==, WM_GEOMETRY_MULTIPOLYGON);
  g_assert_cmpuint (wm_building_get_footprint (plain)->n_polygons, ==, 1);
  g_assert_cmpfloat_with_epsilon (wm_geometry_area (wm_building_get_footprint (plain)), 100, 1e-9);
  g_assert_cmpstr (wm_building_get_id (plain), ==, "b1");
  g_assert_null (wm_building_get_area_id (plain));
  g_assert_cmpint (wm_building_get_year (plain), ==, 0);
  g_assert_cmpint (wm_building_get_storeys (plain), ==, 0);
  g_assert_cmpint (wm_building_get_n_dwellings (plain), ==, 0);
  g_assert_null (wm_building_get_use (plain));

  g_assert_cmpstr (wm_building_get_area_id (a), ==, "BU01");
  g_assert_cmpint (wm_building_get_year (a), ==, 1965);
  g_assert_cmpint (wm_building_get_storeys (a), ==, 4);
  g_assert_cmpint (wm_building_get_dwellings (a)->counts[WM_SEGMENT_OWNER_EXPENSIVE], ==, 3);
  g_assert_cmpint (wm_building_get_n_dwellings (a), ==, 10);
  g_assert_cmpstr (wm_building_get_use (a), ==, "residential");

  watch_notify (a, "year", &n_year);
  watch_notify (a, "storeys", &n_storeys);
  watch_notify (a, "area-id", &n_area);
  watch_notify (a, "use", &n_use);
  watch_notify (a, "n-dwellings", &n_dwellings);
  wm_building_set_year (a, 1965);
  wm_building_set_storeys (a, 4);
  wm_building_set_area_id (a, "BU01");
  wm_building_set_use (a, "residential");
  wm_building_set_dwellings (a, &mix);
  g_assert_cmpuint (n_year + n_storeys + n_area + n_use + n_dwellings, ==, 0);
  wm_building_set_year (a, 1966);
  wm_building_set_storeys (a, 5);
  wm_building_set_area_id (a, NULL);
  wm_building_set_use (a, "shop");
  wm_building_set_dwellings (a, &more);
  g_assert_cmpuint (n_year, ==, 1);
  g_assert_cmpuint (n_storeys, ==, 1);
  g_assert_cmpuint (n_area, ==, 1);
  g_assert_cmpuint (n_use, ==, 1);
  g_assert_cmpuint (n_dwellings, ==, 1);
  g_assert_cmpint (wm_building_get_n_dwellings (a), ==, 11);
}

static void
test_building_equal (void)
{
  WmDwellingMix other_mix = { { 4, 2, 0, 2, 3 } };
  g_autoptr(WmGeometry) other_footprint = wm_test_square (10, 10, 11);

  for (guint field = 0; field < 7; field++)
    {
      g_autoptr(WmBuilding) a = make_building ("b1");
      g_autoptr(WmBuilding) b = NULL;

      if (field == 1)
        {
          b = wm_building_new ("b1", other_footprint);
          wm_building_set_area_id (b, "BU01");
          wm_building_set_year (b, 1965);
          wm_building_set_storeys (b, 4);
          wm_building_set_dwellings (b, wm_building_get_dwellings (a));
          wm_building_set_use (b, "residential");
        }
      else
        {
          b = make_building (field == 0 ? "b2" : "b1");
        }

      g_assert_true (field == 0 || field == 1 || wm_building_equal (a, b));
      switch (field)
        {
        case 2: wm_building_set_area_id (b, "BU02"); break;
        case 3: wm_building_set_year (b, 1966); break;
        case 4: wm_building_set_storeys (b, 3); break;
        case 5: wm_building_set_dwellings (b, &other_mix); break;
        case 6: wm_building_set_use (b, NULL); break;
        default: break;
        }
      g_assert_false (wm_building_equal (a, b));
      g_assert_false (wm_building_equal (b, a));
    }
}

/* Facility -------------------------------------------------------------- */

static void
test_facility (void)
{
  g_autoptr(WmFacility) f = wm_facility_new ("f1", WM_FACILITY_LIBRARY, "Bieb", 5, 6);
  g_autoptr(WmFacility) same = wm_facility_new ("f1", WM_FACILITY_LIBRARY, "Bieb", 5, 6);
  g_autoptr(WmFacility) other_id = wm_facility_new ("f2", WM_FACILITY_LIBRARY, "Bieb", 5, 6);
  g_autoptr(WmFacility) other_type = wm_facility_new ("f1", WM_FACILITY_SCHOOL, "Bieb", 5, 6);
  g_autoptr(WmFacility) other_name = wm_facility_new ("f1", WM_FACILITY_LIBRARY, "B", 5, 6);
  g_autoptr(WmFacility) other_x = wm_facility_new ("f1", WM_FACILITY_LIBRARY, "Bieb", 5.5, 6);
  g_autoptr(WmFacility) other_y = wm_facility_new ("f1", WM_FACILITY_LIBRARY, "Bieb", 5, 7);
  WmPoint p;
  guint n_name = 0, n_x = 0, n_y = 0;

  g_assert_cmpstr (wm_facility_get_id (f), ==, "f1");
  g_assert_cmpint (wm_facility_get_facility_type (f), ==, WM_FACILITY_LIBRARY);
  g_assert_cmpstr (wm_facility_get_name (f), ==, "Bieb");
  p = wm_facility_get_location (f);
  g_assert_cmpfloat (p.x, ==, 5);
  g_assert_cmpfloat (p.y, ==, 6);

  g_assert_true (wm_facility_equal (f, same));
  g_assert_false (wm_facility_equal (f, other_id));
  g_assert_false (wm_facility_equal (f, other_type));
  g_assert_false (wm_facility_equal (f, other_name));
  g_assert_false (wm_facility_equal (f, other_x));
  g_assert_false (wm_facility_equal (f, other_y));

  watch_notify (f, "name", &n_name);
  watch_notify (f, "x", &n_x);
  watch_notify (f, "y", &n_y);
  wm_facility_set_name (f, "Bieb");
  wm_facility_set_location (f, 5, 6);
  g_assert_cmpuint (n_name + n_x + n_y, ==, 0);
  wm_facility_set_name (f, "Bibliotheek");
  wm_facility_set_location (f, 5, 8);
  g_assert_cmpuint (n_name, ==, 1);
  g_assert_cmpuint (n_x, ==, 0);
  g_assert_cmpuint (n_y, ==, 1);
  g_assert_cmpstr (wm_facility_get_name (f), ==, "Bibliotheek");
  g_assert_cmpfloat (wm_facility_get_location (f).y, ==, 8);
  g_assert_false (wm_facility_equal (f, same));
}

/* Base map -------------------------------------------------------------- */

static void
test_basemap (void)
{
  g_autoptr(WmGeometry) road = wm_test_square (0, 0, 10);
  g_autoptr(WmGeometry) water = wm_test_square (-20, 5, 5);
  g_autoptr(WmGeometry) label = wm_geometry_new_point (50, 60);
  g_autoptr(WmBasemapFeature) f1 =
    wm_basemap_feature_new (WM_BASEMAP_ROAD, "fietspad", NULL, 0, road);
  g_autoptr(WmBasemapFeature) f2 =
    wm_basemap_feature_new (WM_BASEMAP_WATER, "waterloop", NULL, 0, water);
  g_autoptr(WmBasemapFeature) f3 =
    wm_basemap_feature_new (WM_BASEMAP_LABEL, NULL, "Dorpsstraat", 30, label);
  g_autoptr(WmBasemapFeature) f3_same =
    wm_basemap_feature_new (WM_BASEMAP_LABEL, NULL, "Dorpsstraat", 30, label);
  g_autoptr(WmBasemapFeature) f3_text =
    wm_basemap_feature_new (WM_BASEMAP_LABEL, NULL, "Kerkstraat", 30, label);
  g_autoptr(WmBasemapFeature) f3_angle =
    wm_basemap_feature_new (WM_BASEMAP_LABEL, NULL, "Dorpsstraat", 31, label);
  g_autoptr(WmBasemapFeature) f3_class =
    wm_basemap_feature_new (WM_BASEMAP_GREEN, NULL, "Dorpsstraat", 30, label);
  g_autoptr(WmBasemapFeature) f3_kind =
    wm_basemap_feature_new (WM_BASEMAP_LABEL, "straat", "Dorpsstraat", 30, label);
  g_autoptr(WmBasemapFeature) f3_geom =
    wm_basemap_feature_new (WM_BASEMAP_LABEL, NULL, "Dorpsstraat", 30, road);
  g_autoptr(WmBasemap) basemap = wm_basemap_new ();
  WmBasemapFeature *ref;
  WmBounds bounds;

  g_assert_cmpint (f1->klass, ==, WM_BASEMAP_ROAD);
  g_assert_cmpstr (f1->kind, ==, "fietspad");
  g_assert_null (f1->text);
  g_assert_cmpstr (f3->text, ==, "Dorpsstraat");
  g_assert_cmpfloat (f3->angle, ==, 30);
  g_assert_true (f3->geometry == label);

  g_assert_true (wm_basemap_feature_equal (f3, f3_same));
  g_assert_false (wm_basemap_feature_equal (f3, f3_text));
  g_assert_false (wm_basemap_feature_equal (f3, f3_angle));
  g_assert_false (wm_basemap_feature_equal (f3, f3_class));
  g_assert_false (wm_basemap_feature_equal (f3, f3_kind));
  g_assert_false (wm_basemap_feature_equal (f3, f3_geom));

  ref = wm_basemap_feature_ref (f1);
  g_assert_true (ref == f1);
  wm_basemap_feature_unref (ref);
  g_assert_true (G_TYPE_IS_BOXED (WM_TYPE_BASEMAP_FEATURE));

  g_assert_cmpuint (wm_basemap_get_n_features (basemap), ==, 0);
  bounds = wm_basemap_get_bounds (basemap);
  g_assert_true (wm_bounds_is_empty (&bounds));

  wm_basemap_add (basemap, f1);
  wm_basemap_add (basemap, f2);
  wm_basemap_add (basemap, f3);
  wm_basemap_add (basemap, f3_same);
  g_assert_cmpuint (wm_basemap_get_n_features (basemap), ==, 4);
  g_assert_cmpuint (wm_basemap_get_features (basemap, WM_BASEMAP_ROAD)->len, ==, 1);
  g_assert_cmpuint (wm_basemap_get_features (basemap, WM_BASEMAP_WATER)->len, ==, 1);
  g_assert_cmpuint (wm_basemap_get_features (basemap, WM_BASEMAP_GREEN)->len, ==, 0);
  g_assert_cmpuint (wm_basemap_get_features (basemap, WM_BASEMAP_LABEL)->len, ==, 2);
  /* Insertion order. */
  g_assert_true (g_ptr_array_index (wm_basemap_get_features (basemap, WM_BASEMAP_LABEL), 0) == f3);
  g_assert_true (g_ptr_array_index (wm_basemap_get_features (basemap, WM_BASEMAP_LABEL), 1)
                 == f3_same);

  bounds = wm_basemap_get_bounds (basemap);
  g_assert_cmpfloat (bounds.min_x, ==, -20);
  g_assert_cmpfloat (bounds.min_y, ==, 0);
  g_assert_cmpfloat (bounds.max_x, ==, 50);
  g_assert_cmpfloat (bounds.max_y, ==, 60);
}

/* Proposal -------------------------------------------------------------- */

static WmProposal *
make_proposal (const char *id)
{
  g_autoptr(WmGeometry) footprint = wm_test_square (200, 200, 20);
  const char *ids[] = { "b1", "b2", NULL };
  WmDwellingMix delta = { { -10, 0, 5, 0, 5 } };
  WmProposal *proposal = wm_proposal_new (id, WM_PROPOSAL_NEW_BUILD);

  wm_proposal_set_geometry (proposal, footprint);
  wm_proposal_set_building_ids (proposal, ids);
  wm_proposal_set_dwelling_delta (proposal, &delta);
  wm_proposal_set_facility_type (proposal, WM_FACILITY_PLAYGROUND);
  wm_proposal_set_facility_id (proposal, "f1");
  wm_proposal_set_name (proposal, "Blok A");
  wm_proposal_set_year (proposal, 2027);
  wm_proposal_set_note (proposal, "met buurtkamer");

  return proposal;
}

static void
test_proposal (void)
{
  g_autoptr(WmProposal) plain = wm_proposal_new ("p1", WM_PROPOSAL_DEMOLISH);
  g_autoptr(WmProposal) p = make_proposal ("p2");
  g_autoptr(WmGeometry) footprint = wm_test_square (200, 200, 20);
  g_autoptr(WmGeometry) other = wm_test_square (200, 200, 21);
  const char *ids[] = { "b1", "b2", NULL };
  WmDwellingMix delta = { { -10, 0, 5, 0, 5 } };
  guint notified = 0;
  int year = 0;

  g_assert_cmpstr (wm_proposal_get_id (plain), ==, "p1");
  g_assert_cmpint (wm_proposal_get_kind (plain), ==, WM_PROPOSAL_DEMOLISH);
  g_assert_null (wm_proposal_get_geometry (plain));
  g_assert_nonnull (wm_proposal_get_building_ids (plain));
  g_assert_null (wm_proposal_get_building_ids (plain)[0]);
  g_assert_cmpint (wm_proposal_get_dwelling_delta (plain)->counts[0], ==, 0);
  g_assert_null (wm_proposal_get_facility_id (plain));
  g_assert_null (wm_proposal_get_name (plain));
  g_assert_cmpint (wm_proposal_get_year (plain), ==, 0);
  g_assert_null (wm_proposal_get_note (plain));

  g_assert_cmpint (wm_proposal_get_kind (p), ==, WM_PROPOSAL_NEW_BUILD);
  g_assert_true (wm_geometry_equal (wm_proposal_get_geometry (p), footprint));
  g_assert_true (g_strv_equal (wm_proposal_get_building_ids (p), ids));
  g_assert_cmpint (wm_proposal_get_dwelling_delta (p)->counts[WM_SEGMENT_SOCIAL_RENT], ==, -10);
  g_assert_cmpint (wm_proposal_get_facility_type (p), ==, WM_FACILITY_PLAYGROUND);
  g_assert_cmpstr (wm_proposal_get_facility_id (p), ==, "f1");
  g_assert_cmpstr (wm_proposal_get_name (p), ==, "Blok A");
  g_assert_cmpint (wm_proposal_get_year (p), ==, 2027);
  g_assert_cmpstr (wm_proposal_get_note (p), ==, "met buurtkamer");
  g_object_get (p, "year", &year, NULL);
  g_assert_cmpint (year, ==, 2027);

  /* The same values again: no notify at all. */
  g_signal_connect (p, "notify", G_CALLBACK (notify_count_cb), &notified);
  wm_proposal_set_geometry (p, footprint);
  wm_proposal_set_building_ids (p, ids);
  wm_proposal_set_dwelling_delta (p, &delta);
  wm_proposal_set_facility_type (p, WM_FACILITY_PLAYGROUND);
  wm_proposal_set_facility_id (p, "f1");
  wm_proposal_set_name (p, "Blok A");
  wm_proposal_set_year (p, 2027);
  wm_proposal_set_note (p, "met buurtkamer");
  g_object_set (p, "year", 2027, "name", "Blok A", NULL);
  g_assert_cmpuint (notified, ==, 0);

  /* Each change: exactly one notify. */
  wm_proposal_set_geometry (p, other);
  g_assert_cmpuint (notified, ==, 1);
  wm_proposal_set_geometry (p, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (wm_proposal_get_geometry (p));
  wm_proposal_set_building_ids (p, NULL);
  g_assert_cmpuint (notified, ==, 3);
  g_assert_null (wm_proposal_get_building_ids (p)[0]);
  wm_proposal_set_dwelling_delta (p, NULL);
  g_assert_cmpuint (notified, ==, 4);
  wm_proposal_set_facility_type (p, WM_FACILITY_SCHOOL);
  g_assert_cmpuint (notified, ==, 5);
  wm_proposal_set_facility_id (p, NULL);
  g_assert_cmpuint (notified, ==, 6);
  wm_proposal_set_name (p, "Blok B");
  g_assert_cmpuint (notified, ==, 7);
  wm_proposal_set_year (p, 2028);
  g_assert_cmpuint (notified, ==, 8);
  wm_proposal_set_note (p, "");
  g_assert_cmpuint (notified, ==, 9);
  g_object_set (p, "note", "x", NULL);
  g_assert_cmpuint (notified, ==, 10);
}

static void
test_proposal_equal (void)
{
  g_autoptr(WmGeometry) other_geometry = wm_test_square (200, 200, 21);
  const char *other_ids[] = { "b1", NULL };
  WmDwellingMix other_delta = { { -10, 0, 5, 0, 6 } };

  for (guint field = 0; field < 10; field++)
    {
      g_autoptr(WmProposal) a = make_proposal ("p1");
      g_autoptr(WmProposal) b = NULL;

      if (field == 0)
        b = make_proposal ("p2");
      else if (field == 1)
        {
          /* Same fields, other kind. */
          g_autoptr(WmProposal) tmp = make_proposal ("p1");

          b = wm_proposal_new ("p1", WM_PROPOSAL_DEMOLISH);
          wm_proposal_set_geometry (b, wm_proposal_get_geometry (tmp));
          wm_proposal_set_building_ids (b, wm_proposal_get_building_ids (tmp));
          wm_proposal_set_dwelling_delta (b, wm_proposal_get_dwelling_delta (tmp));
          wm_proposal_set_facility_type (b, wm_proposal_get_facility_type (tmp));
          wm_proposal_set_facility_id (b, wm_proposal_get_facility_id (tmp));
          wm_proposal_set_name (b, wm_proposal_get_name (tmp));
          wm_proposal_set_year (b, wm_proposal_get_year (tmp));
          wm_proposal_set_note (b, wm_proposal_get_note (tmp));
        }
      else
        {
          b = make_proposal ("p1");
          g_assert_true (wm_proposal_equal (a, b));
        }

      switch (field)
        {
        case 2: wm_proposal_set_geometry (b, other_geometry); break;
        case 3: wm_proposal_set_building_ids (b, other_ids); break;
        case 4: wm_proposal_set_dwelling_delta (b, &other_delta); break;
        case 5: wm_proposal_set_facility_type (b, WM_FACILITY_SHOP); break;
        case 6: wm_proposal_set_facility_id (b, "f2"); break;
        case 7: wm_proposal_set_name (b, NULL); break;
        case 8: wm_proposal_set_year (b, 2030); break;
        case 9: wm_proposal_set_note (b, "zonder"); break;
        default: break;
        }
      g_assert_false (wm_proposal_equal (a, b));
      g_assert_false (wm_proposal_equal (b, a));
    }

  /* A missing geometry differs from a present one, in both orders. */
  {
    g_autoptr(WmProposal) a = make_proposal ("p1");
    g_autoptr(WmProposal) b = make_proposal ("p1");

    wm_proposal_set_geometry (b, NULL);
    g_assert_false (wm_proposal_equal (a, b));
    g_assert_false (wm_proposal_equal (b, a));
    wm_proposal_set_geometry (a, NULL);
    g_assert_true (wm_proposal_equal (a, b));
  }
}

/* Scenario -------------------------------------------------------------- */

static void
test_scenario (void)
{
  g_autoptr(WmScenario) scenario = wm_scenario_new ("scenario-2", "Variant B");
  g_autoptr(WmProposal) p1 = wm_proposal_new ("p1", WM_PROPOSAL_DEMOLISH);
  g_autoptr(WmProposal) p2 = wm_proposal_new ("p2", WM_PROPOSAL_NEW_BUILD);
  g_autoptr(WmProposal) p3 = wm_proposal_new ("p3", WM_PROPOSAL_RENOVATE);
  g_autoptr(WmProposal) stranger = wm_proposal_new ("p9", WM_PROPOSAL_RENOVATE);
  g_autoptr(WmProposal) item = NULL;
  GListModel *proposals = wm_scenario_get_proposals (scenario);
  ItemsChanged record = { 0 };
  guint changed = 0, n_name = 0;

  g_assert_cmpstr (wm_scenario_get_id (scenario), ==, "scenario-2");
  g_assert_cmpstr (wm_scenario_get_name (scenario), ==, "Variant B");
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 0);
  g_assert_true (g_list_model_get_item_type (proposals) == WM_TYPE_PROPOSAL);

  g_signal_connect (scenario, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (proposals, "items-changed", G_CALLBACK (items_changed_cb), &record);
  watch_notify (scenario, "name", &n_name);

  wm_scenario_add_proposal (scenario, p1);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (record.n_emissions, ==, 1);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.added, ==, 1);
  wm_scenario_add_proposal (scenario, p2);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (record.position, ==, 1);
  wm_scenario_insert_proposal (scenario, 1, p3);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (record.n_emissions, ==, 3);
  g_assert_cmpuint (record.position, ==, 1);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 3);
  item = g_list_model_get_item (proposals, 1);
  g_assert_true (item == p3);
  g_clear_object (&item);
  item = g_list_model_get_item (proposals, 2);
  g_assert_true (item == p2);
  g_clear_object (&item);

  g_assert_true (wm_scenario_find_proposal (scenario, "p2") == p2);
  g_assert_true (wm_scenario_find_proposal (scenario, "p3") == p3);
  g_assert_null (wm_scenario_find_proposal (scenario, "p9"));
  g_assert_null (wm_scenario_find_proposal (scenario, NULL));

  /* Edits of a contained proposal are relayed, unchanged values are not. */
  wm_proposal_set_year (p2, 2026);
  g_assert_cmpuint (changed, ==, 4);
  wm_proposal_set_year (p2, 2026);
  g_assert_cmpuint (changed, ==, 4);
  wm_proposal_set_note (p3, "n");
  g_assert_cmpuint (changed, ==, 5);
  wm_proposal_set_year (stranger, 2026);
  g_assert_cmpuint (changed, ==, 5);

  g_assert_false (wm_scenario_remove_proposal (scenario, stranger));
  g_assert_cmpuint (changed, ==, 5);
  g_assert_cmpuint (record.n_emissions, ==, 3);

  g_assert_true (wm_scenario_remove_proposal (scenario, p3));
  g_assert_cmpuint (changed, ==, 6);
  g_assert_cmpuint (record.n_emissions, ==, 4);
  g_assert_cmpuint (record.position, ==, 1);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 2);
  g_assert_null (wm_scenario_find_proposal (scenario, "p3"));
  /* A removed proposal is no longer watched. */
  wm_proposal_set_year (p3, 2040);
  g_assert_cmpuint (changed, ==, 6);
  g_assert_false (wm_scenario_remove_proposal (scenario, p3));

  /* Renaming notifies and counts as a change; the same name does neither. */
  wm_scenario_set_name (scenario, "Variant B");
  g_assert_cmpuint (n_name, ==, 0);
  g_assert_cmpuint (changed, ==, 6);
  wm_scenario_set_name (scenario, "Variant C");
  g_assert_cmpuint (n_name, ==, 1);
  g_assert_cmpuint (changed, ==, 7);
  g_assert_cmpstr (wm_scenario_get_name (scenario), ==, "Variant C");
}

static void
test_scenario_lifetime (void)
{
  g_autoptr(WmProposal) proposal = wm_proposal_new ("p1", WM_PROPOSAL_DEMOLISH);
  WmScenario *scenario = wm_scenario_new ("s", "S");
  guint changed = 0;

  g_signal_connect (scenario, "changed", G_CALLBACK (count_cb), &changed);
  wm_scenario_add_proposal (scenario, proposal);
  g_assert_cmpuint (changed, ==, 1);
  g_object_unref (scenario);
  /* The proposal outlives the scenario: an edit must not reach the freed scenario. */
  wm_proposal_set_year (proposal, 2030);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (G_OBJECT (proposal)->ref_count, ==, 1);
}

static void
test_scenario_equal (void)
{
  g_autoptr(WmScenario) a = wm_scenario_new ("s1", "A");
  g_autoptr(WmScenario) b = wm_scenario_new ("s1", "A");
  g_autoptr(WmScenario) c = wm_scenario_new ("s2", "A");
  g_autoptr(WmProposal) pa = make_proposal ("p1");
  g_autoptr(WmProposal) pb = make_proposal ("p1");
  g_autoptr(WmProposal) pc = make_proposal ("p2");

  g_assert_true (wm_scenario_equal (a, b));
  g_assert_false (wm_scenario_equal (a, c));

  wm_scenario_add_proposal (a, pa);
  g_assert_false (wm_scenario_equal (a, b));
  wm_scenario_add_proposal (b, pb);
  g_assert_true (wm_scenario_equal (a, b));

  wm_proposal_set_year (pb, 2099);
  g_assert_false (wm_scenario_equal (a, b));
  wm_proposal_set_year (pb, wm_proposal_get_year (pa));
  g_assert_true (wm_scenario_equal (a, b));

  /* Order matters. */
  wm_scenario_add_proposal (a, pc);
  wm_scenario_insert_proposal (b, 0, pc);
  g_assert_false (wm_scenario_equal (a, b));

  wm_scenario_set_name (b, "B");
  g_assert_false (wm_scenario_equal (a, b));
}

/* Plan ------------------------------------------------------------------ */

static void
test_plan_new (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  GListModel *scenarios = wm_plan_get_scenarios (plan);
  g_autoptr(WmScenario) first = g_list_model_get_item (scenarios, 0);
  WmBounds bounds;
  WmDwellingMix mix;

  g_assert_null (wm_plan_get_name (plan));
  g_assert_null (wm_plan_get_description (plan));
  g_assert_null (wm_plan_get_attribution (plan));
  g_assert_false (wm_plan_get_illustrative (plan));
  g_assert_cmpint (wm_plan_get_srs_id (plan), ==, WM_SRS_RD_NEW);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_areas (plan)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_buildings (plan)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_facilities (plan)), ==, 0);
  g_assert_true (g_list_model_get_item_type (wm_plan_get_areas (plan)) == WM_TYPE_AREA);
  g_assert_true (g_list_model_get_item_type (wm_plan_get_buildings (plan)) == WM_TYPE_BUILDING);
  g_assert_true (g_list_model_get_item_type (wm_plan_get_facilities (plan)) == WM_TYPE_FACILITY);
  g_assert_true (g_list_model_get_item_type (scenarios) == WM_TYPE_SCENARIO);
  g_assert_true (WM_IS_BASEMAP (wm_plan_get_basemap (plan)));
  g_assert_cmpuint (wm_basemap_get_n_features (wm_plan_get_basemap (plan)), ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
  g_assert_cmpstr (wm_scenario_get_id (first), ==, "scenario-1");
  g_assert_cmpstr (wm_scenario_get_name (first), ==, "Plan");
  g_assert_true (wm_plan_get_active_scenario (plan) == first);
  g_assert_true (wm_plan_find_scenario (plan, "scenario-1") == first);
  g_assert_true (wm_plan_find_scenario (plan, "Plan") == first);
  g_assert_null (wm_plan_find_scenario (plan, "scenario-2"));

  bounds = wm_plan_get_bounds (plan);
  g_assert_true (wm_bounds_is_empty (&bounds));
  mix = wm_plan_get_baseline_dwellings (plan, NULL);
  g_assert_cmpint (mix.counts[0] + mix.counts[4], ==, 0);
}

static void
test_plan_properties (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autofree char *name = NULL;
  guint changed = 0, n_name = 0, n_description = 0, n_attribution = 0, n_illustrative = 0;

  g_signal_connect (plan, "changed", G_CALLBACK (count_cb), &changed);
  watch_notify (plan, "name", &n_name);
  watch_notify (plan, "description", &n_description);
  watch_notify (plan, "attribution", &n_attribution);
  watch_notify (plan, "illustrative", &n_illustrative);

  wm_plan_set_name (plan, NULL);
  wm_plan_set_description (plan, NULL);
  wm_plan_set_attribution (plan, NULL);
  wm_plan_set_illustrative (plan, FALSE);
  g_assert_cmpuint (changed + n_name + n_description + n_attribution + n_illustrative, ==, 0);

  wm_plan_set_name (plan, "Oosterpark");
  wm_plan_set_description (plan, "Herstructurering");
  wm_plan_set_attribution (plan, "BAG, Kadaster, CC0");
  wm_plan_set_illustrative (plan, TRUE);
  g_assert_cmpuint (n_name, ==, 1);
  g_assert_cmpuint (n_description, ==, 1);
  g_assert_cmpuint (n_attribution, ==, 1);
  g_assert_cmpuint (n_illustrative, ==, 1);
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpstr (wm_plan_get_name (plan), ==, "Oosterpark");
  g_assert_cmpstr (wm_plan_get_description (plan), ==, "Herstructurering");
  g_assert_cmpstr (wm_plan_get_attribution (plan), ==, "BAG, Kadaster, CC0");
  g_assert_true (wm_plan_get_illustrative (plan));

  /* Same values: nothing. */
  wm_plan_set_name (plan, "Oosterpark");
  wm_plan_set_description (plan, "Herstructurering");
  wm_plan_set_attribution (plan, "BAG, Kadaster, CC0");
  wm_plan_set_illustrative (plan, TRUE);
  g_object_set (plan, "name", "Oosterpark", NULL);
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpuint (n_name + n_description + n_attribution + n_illustrative, ==, 4);

  g_object_get (plan, "name", &name, NULL);
  g_assert_cmpstr (name, ==, "Oosterpark");
}

static void
test_plan_changed (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(WmGeometry) boundary = wm_test_square (0, 0, 100);
  g_autoptr(WmGeometry) footprint = wm_test_square (10, 10, 10);
  g_autoptr(WmArea) area = wm_area_new ("BU01", "Centrum", boundary);
  g_autoptr(WmBuilding) building = wm_building_new ("b1", footprint);
  g_autoptr(WmFacility) facility = wm_facility_new ("f1", WM_FACILITY_SCHOOL, "School", 1, 2);
  g_autoptr(WmScenario) scenario = wm_scenario_new ("scenario-2", "Variant");
  g_autoptr(WmProposal) proposal = wm_proposal_new ("p1", WM_PROPOSAL_DEMOLISH);
  g_autoptr(WmProposal) other = wm_proposal_new ("p2", WM_PROPOSAL_DEMOLISH);
  WmScenario *first = wm_plan_get_active_scenario (plan);
  ItemsChanged areas = { 0 }, buildings = { 0 }, facilities = { 0 }, scenarios = { 0 };
  guint changed = 0;

  g_signal_connect (plan, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (wm_plan_get_areas (plan), "items-changed",
                    G_CALLBACK (items_changed_cb), &areas);
  g_signal_connect (wm_plan_get_buildings (plan), "items-changed",
                    G_CALLBACK (items_changed_cb), &buildings);
  g_signal_connect (wm_plan_get_facilities (plan), "items-changed",
                    G_CALLBACK (items_changed_cb), &facilities);
  g_signal_connect (wm_plan_get_scenarios (plan), "items-changed",
                    G_CALLBACK (items_changed_cb), &scenarios);

  wm_plan_add_area (plan, area);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (areas.n_emissions, ==, 1);
  g_assert_cmpuint (areas.added, ==, 1);
  wm_plan_add_building (plan, building);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (buildings.n_emissions, ==, 1);
  wm_plan_add_facility (plan, facility);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (facilities.n_emissions, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_areas (plan)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_buildings (plan)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_facilities (plan)), ==, 1);

  wm_plan_add_scenario (plan, scenario);
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpuint (scenarios.n_emissions, ==, 1);
  g_assert_cmpuint (scenarios.position, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_scenarios (plan)), ==, 2);
  /* Adding does not make it active. */
  g_assert_true (wm_plan_get_active_scenario (plan) == first);

  /* Proposals in any scenario, active or not. */
  wm_scenario_add_proposal (first, proposal);
  g_assert_cmpuint (changed, ==, 5);
  wm_scenario_add_proposal (scenario, other);
  g_assert_cmpuint (changed, ==, 6);
  wm_proposal_set_year (proposal, 2028);
  g_assert_cmpuint (changed, ==, 7);
  wm_proposal_set_year (proposal, 2028);
  g_assert_cmpuint (changed, ==, 7);
  wm_proposal_set_name (other, "Sloop");
  g_assert_cmpuint (changed, ==, 8);
  wm_proposal_set_name (other, "Sloop");
  g_assert_cmpuint (changed, ==, 8);
  g_assert_true (wm_scenario_remove_proposal (first, proposal));
  g_assert_cmpuint (changed, ==, 9);
  wm_proposal_set_year (proposal, 2029);
  g_assert_cmpuint (changed, ==, 9);

  /* Switching scenario is a change of the plan; the same one again is not. */
  wm_plan_set_active_scenario (plan, first);
  g_assert_cmpuint (changed, ==, 9);
  wm_plan_set_active_scenario (plan, scenario);
  g_assert_cmpuint (changed, ==, 10);
  wm_plan_set_active_scenario (plan, first);
  g_assert_cmpuint (changed, ==, 11);

  g_assert_true (wm_plan_remove_scenario (plan, scenario));
  g_assert_cmpuint (changed, ==, 12);
  g_assert_cmpuint (scenarios.n_emissions, ==, 2);
  g_assert_cmpuint (scenarios.position, ==, 1);
  g_assert_cmpuint (scenarios.removed, ==, 1);
  /* A removed scenario's proposals no longer reach the plan. */
  wm_proposal_set_year (other, 2031);
  g_assert_cmpuint (changed, ==, 12);
  wm_scenario_set_name (scenario, "Weg");
  g_assert_cmpuint (changed, ==, 12);

  /* Base-map features are added straight to the base map, without a signal; edits to
   * baseline objects are not relayed either (they are fixed once loaded). */
  wm_area_set_name (area, "Centrum-Oost");
  g_assert_cmpuint (changed, ==, 12);
}

static void
test_plan_remove_scenario (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(WmScenario) first = g_object_ref (wm_plan_get_active_scenario (plan));
  g_autoptr(WmScenario) second = wm_scenario_new ("scenario-2", "B");
  g_autoptr(WmScenario) third = wm_scenario_new ("scenario-3", "C");
  g_autoptr(WmScenario) stranger = wm_scenario_new ("scenario-9", "X");
  guint changed = 0, n_active = 0;

  g_signal_connect (plan, "changed", G_CALLBACK (count_cb), &changed);
  watch_notify (plan, "active-scenario", &n_active);

  /* The last one cannot go. */
  g_assert_false (wm_plan_remove_scenario (plan, first));
  g_assert_cmpuint (changed, ==, 0);
  g_assert_true (wm_plan_get_active_scenario (plan) == first);

  wm_plan_add_scenario (plan, second);
  wm_plan_add_scenario (plan, third);
  g_assert_cmpuint (changed, ==, 2);

  /* Not in the plan. */
  g_assert_false (wm_plan_remove_scenario (plan, stranger));
  g_assert_cmpuint (changed, ==, 2);

  /* Removing an inactive one leaves the active one. */
  g_assert_true (wm_plan_remove_scenario (plan, second));
  g_assert_true (wm_plan_get_active_scenario (plan) == first);
  g_assert_cmpuint (n_active, ==, 0);
  g_assert_false (wm_plan_remove_scenario (plan, second));

  /* Removing the active one moves to the next... */
  wm_plan_add_scenario (plan, second); /* order: first, third, second */
  g_assert_true (wm_plan_remove_scenario (plan, first));
  g_assert_true (wm_plan_get_active_scenario (plan) == third);
  g_assert_cmpuint (n_active, ==, 1);

  /* ...or to the previous one at the end. */
  wm_plan_set_active_scenario (plan, second);
  g_assert_cmpuint (n_active, ==, 2);
  g_assert_true (wm_plan_remove_scenario (plan, second));
  g_assert_true (wm_plan_get_active_scenario (plan) == third);
  g_assert_cmpuint (n_active, ==, 3);

  g_assert_false (wm_plan_remove_scenario (plan, third));
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_scenarios (plan)), ==, 1);
  g_assert_true (wm_plan_find_scenario (plan, "scenario-3") == third);
  g_assert_null (wm_plan_find_scenario (plan, "scenario-1"));
}

static void
test_plan_find_scenario (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  /* A name equal to another's id: the id wins. */
  g_autoptr(WmScenario) tricky = wm_scenario_new ("scenario-2", "scenario-1");

  wm_plan_add_scenario (plan, tricky);
  g_assert_true (wm_plan_find_scenario (plan, "scenario-1") == wm_plan_get_active_scenario (plan));
  g_assert_true (wm_plan_find_scenario (plan, "scenario-2") == tricky);
  g_assert_null (wm_plan_find_scenario (plan, NULL));
}

static void
test_plan_find (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(WmGeometry) west = wm_test_square (0, 0, 100);
  g_autoptr(WmGeometry) east = wm_test_square (100, 0, 100);
  g_autoptr(WmArea) a1 = wm_area_new ("BU01", "West", west);
  g_autoptr(WmArea) a2 = wm_area_new ("BU02", "East", east);
  g_autoptr(WmGeometry) footprint = wm_test_square (10, 10, 10);
  g_autoptr(WmBuilding) building = wm_building_new ("b1", footprint);
  g_autoptr(WmFacility) facility = wm_facility_new ("f1", WM_FACILITY_SHOP, "Super", 1, 2);

  wm_plan_add_area (plan, a1);
  wm_plan_add_area (plan, a2);
  wm_plan_add_building (plan, building);
  wm_plan_add_facility (plan, facility);

  g_assert_true (wm_plan_find_area (plan, "BU01") == a1);
  g_assert_true (wm_plan_find_area (plan, "BU02") == a2);
  g_assert_null (wm_plan_find_area (plan, "BU03"));
  g_assert_null (wm_plan_find_area (plan, NULL));
  g_assert_true (wm_plan_find_building (plan, "b1") == building);
  g_assert_null (wm_plan_find_building (plan, "BU01"));
  g_assert_null (wm_plan_find_building (plan, NULL));
  g_assert_true (wm_plan_find_facility (plan, "f1") == facility);
  g_assert_null (wm_plan_find_facility (plan, "b1"));
  g_assert_null (wm_plan_find_facility (plan, NULL));
}

static void
test_plan_area_at (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  /* An L-shaped area whose bounds cover the notch, where a second area lies. */
  WmPoint l_shape[] = { { 0, 0 }, { 100, 0 }, { 100, 50 }, { 50, 50 }, { 50, 100 }, { 0, 100 } };
  g_autoptr(WmGeometry) l_geom = wm_geometry_new_polygon (l_shape, G_N_ELEMENTS (l_shape));
  g_autoptr(WmGeometry) notch = wm_test_square (50, 50, 50);
  g_autoptr(WmArea) l_area = wm_area_new ("L", "L", l_geom);
  g_autoptr(WmArea) n_area = wm_area_new ("N", "Notch", notch);

  g_assert_null (wm_plan_area_at (plan, 10, 10));

  wm_plan_add_area (plan, l_area);
  g_assert_true (wm_plan_area_at (plan, 10, 10) == l_area);
  g_assert_true (wm_plan_area_at (plan, 90, 10) == l_area);
  g_assert_true (wm_plan_area_at (plan, 10, 90) == l_area);
  g_assert_null (wm_plan_area_at (plan, 75, 75));
  g_assert_null (wm_plan_area_at (plan, -5, 10));
  g_assert_null (wm_plan_area_at (plan, 500, 500));

  wm_plan_add_area (plan, n_area);
  g_assert_true (wm_plan_area_at (plan, 75, 75) == n_area);
  g_assert_true (wm_plan_area_at (plan, 25, 25) == l_area);
}

static void
test_plan_building_area (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(WmGeometry) west = wm_test_square (0, 0, 100);
  g_autoptr(WmGeometry) east = wm_test_square (100, 0, 100);
  g_autoptr(WmArea) a1 = wm_area_new ("BU01", "West", west);
  g_autoptr(WmArea) a2 = wm_area_new ("BU02", "East", east);
  /* Mostly in the east although it starts in the west: the centroid decides. */
  g_autoptr(WmGeometry) straddle = wm_test_square (90, 10, 30);
  g_autoptr(WmGeometry) inside_west = wm_test_square (10, 10, 10);
  g_autoptr(WmGeometry) outside = wm_test_square (500, 500, 10);
  g_autoptr(WmBuilding) b1 = wm_building_new ("b1", straddle);
  g_autoptr(WmBuilding) b2 = wm_building_new ("b2", inside_west);
  g_autoptr(WmBuilding) b3 = wm_building_new ("b3", outside);
  g_autoptr(WmBuilding) b4 = wm_building_new ("b4", inside_west);
  WmDwellingMix mix1 = { { 1, 2, 3, 4, 5 } };
  WmDwellingMix mix2 = { { 10, 0, 0, 0, 1 } };
  WmDwellingMix mix4 = { { 100, 0, 0, 0, 0 } };
  WmDwellingMix sum;

  wm_plan_add_area (plan, a1);
  wm_plan_add_area (plan, a2);

  wm_building_set_dwellings (b1, &mix1);
  wm_building_set_dwellings (b2, &mix2);
  wm_building_set_dwellings (b4, &mix4);
  /* A stored area that disagrees with the centroid's is corrected, never trusted; one
   * outside every area has none, whatever it claimed. */
  wm_building_set_area_id (b4, "BU02");
  wm_building_set_area_id (b3, "BU01");

  wm_plan_add_building (plan, b1);
  wm_plan_add_building (plan, b2);
  wm_plan_add_building (plan, b3);
  wm_plan_add_building (plan, b4);
  g_assert_cmpstr (wm_building_get_area_id (b1), ==, "BU02");
  g_assert_cmpstr (wm_building_get_area_id (b2), ==, "BU01");
  g_assert_null (wm_building_get_area_id (b3));
  g_assert_cmpstr (wm_building_get_area_id (b4), ==, "BU01");

  sum = wm_plan_get_baseline_dwellings (plan, NULL);
  g_assert_cmpint (sum.counts[0], ==, 111);
  g_assert_cmpint (sum.counts[4], ==, 6);
  sum = wm_plan_get_baseline_dwellings (plan, "BU01");
  g_assert_cmpint (sum.counts[0], ==, 110);
  g_assert_cmpint (sum.counts[1], ==, 0);
  g_assert_cmpint (sum.counts[4], ==, 1);
  sum = wm_plan_get_baseline_dwellings (plan, "BU02");
  g_assert_cmpint (sum.counts[0], ==, 1);
  g_assert_cmpint (sum.counts[3], ==, 4);
  sum = wm_plan_get_baseline_dwellings (plan, "BU99");
  g_assert_cmpint (sum.counts[0], ==, 0);
}

/* The area of a scan over all areas in list order, as wm_plan_area_at did before the index. */
static WmArea *
area_at_brute_force (WmPlan *plan,
                     double  x,
                     double  y)
{
  GListModel *areas = wm_plan_get_areas (plan);

  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WmArea) area = g_list_model_get_item (areas, i);

      if (wm_geometry_contains_point (wm_area_get_boundary (area), x, y))
        return area;
    }
  return NULL;
}

/* A random city of irregular, partly overlapping and nested areas of every size (and gaps
 * between them): the index finds what the scan finds, for buildings and for free points. */
static void
test_plan_area_index_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261202);
  g_autoptr(WmPlan) plan = wm_plan_new ();
  GListModel *buildings;
  guint n_outside = 0, n_inside = 0;

  for (guint i = 0; i < 300; i++)
    {
      double cx = g_rand_double_range (rand, 0, 5000);
      double cy = g_rand_double_range (rand, 0, 3000);
      /* Mostly small, now and then one spanning much of the city. */
      double r = i % 50 == 0 ? g_rand_double_range (rand, 500, 2000)
                             : g_rand_double_range (rand, 20, 200);
      guint n_vertices = g_rand_int_range (rand, 3, 12);
      g_autofree WmPoint *ring = g_new (WmPoint, n_vertices);
      g_autoptr(WmGeometry) boundary = NULL;
      g_autoptr(WmArea) area = NULL;
      g_autofree char *id = g_strdup_printf ("area-%u", i);

      /* A star-shaped ring: concave, so bounding boxes alone would be wrong. */
      for (guint v = 0; v < n_vertices; v++)
        {
          double angle = 2 * G_PI * v / n_vertices;
          double rv = r * g_rand_double_range (rand, 0.3, 1.0);

          ring[v].x = cx + rv * cos (angle);
          ring[v].y = cy + rv * sin (angle);
        }
      boundary = wm_geometry_new_polygon (ring, n_vertices);
      area = wm_area_new (id, id, boundary);
      wm_plan_add_area (plan, area);
    }

  for (guint i = 0; i < 3000; i++)
    {
      double x = g_rand_double_range (rand, -200, 5200);
      double y = g_rand_double_range (rand, -200, 3200);
      g_autoptr(WmGeometry) footprint = wm_test_square (x, y, g_rand_double_range (rand, 4, 30));
      g_autofree char *id = g_strdup_printf ("b%u", i);
      g_autoptr(WmBuilding) building = wm_building_new (id, footprint);

      /* Every third building comes with a stored area id that is mostly wrong. */
      if (i % 3 == 0)
        wm_building_set_area_id (building, "area-7");
      wm_plan_add_building (plan, building);
    }

  buildings = wm_plan_get_buildings (plan);
  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr(WmBuilding) building = g_list_model_get_item (buildings, i);
      WmPoint c = wm_geometry_centroid (wm_building_get_footprint (building));
      WmArea *expected = area_at_brute_force (plan, c.x, c.y);

      g_assert_true (wm_plan_area_at (plan, c.x, c.y) == expected);
      if (expected == NULL)
        {
          g_assert_null (wm_building_get_area_id (building));
          n_outside++;
        }
      else
        {
          g_assert_cmpstr (wm_building_get_area_id (building), ==, wm_area_get_id (expected));
          n_inside++;
        }
    }
  /* Both cases occur, so neither half of the comparison is empty. */
  g_assert_cmpuint (n_outside, >, 100);
  g_assert_cmpuint (n_inside, >, 100);

  /* Points on vertices and box edges, and far away. */
  for (guint i = 0; i < g_list_model_get_n_items (wm_plan_get_areas (plan)); i++)
    {
      g_autoptr(WmArea) area = g_list_model_get_item (wm_plan_get_areas (plan), i);
      const WmBounds *b = &wm_area_get_boundary (area)->bounds;

      g_assert_true (wm_plan_area_at (plan, b->min_x, b->min_y) ==
                     area_at_brute_force (plan, b->min_x, b->min_y));
      g_assert_true (wm_plan_area_at (plan, b->max_x, b->max_y) ==
                     area_at_brute_force (plan, b->max_x, b->max_y));
    }
  g_assert_null (wm_plan_area_at (plan, 1e9, -1e9));
  g_assert_null (wm_plan_area_at (plan, NAN, 0));
}

static void
test_plan_bounds (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(WmGeometry) boundary = wm_test_square (0, 0, 100);
  g_autoptr(WmGeometry) footprint = wm_test_square (90, 90, 30);
  g_autoptr(WmGeometry) road = wm_test_square (-50, 10, 10);
  g_autoptr(WmGeometry) new_build = wm_test_square (10, -70, 10);
  g_autoptr(WmArea) area = wm_area_new ("a", "A", boundary);
  g_autoptr(WmBuilding) building = wm_building_new ("b", footprint);
  g_autoptr(WmFacility) facility = wm_facility_new ("f", WM_FACILITY_SPORTS, "Veld", 40, 300);
  g_autoptr(WmBasemapFeature) feature =
    wm_basemap_feature_new (WM_BASEMAP_ROAD, NULL, NULL, 0, road);
  g_autoptr(WmProposal) proposal = wm_proposal_new ("p", WM_PROPOSAL_NEW_BUILD);
  WmBounds b;

  wm_plan_add_area (plan, area);
  b = wm_plan_get_bounds (plan);
  g_assert_cmpfloat (b.min_x, ==, 0);
  g_assert_cmpfloat (b.max_x, ==, 100);

  wm_plan_add_building (plan, building);
  b = wm_plan_get_bounds (plan);
  g_assert_cmpfloat (b.max_x, ==, 120);
  g_assert_cmpfloat (b.max_y, ==, 120);

  wm_plan_add_facility (plan, facility);
  b = wm_plan_get_bounds (plan);
  g_assert_cmpfloat (b.max_y, ==, 300);

  wm_basemap_add (wm_plan_get_basemap (plan), feature);
  b = wm_plan_get_bounds (plan);
  g_assert_cmpfloat (b.min_x, ==, -50);

  wm_proposal_set_geometry (proposal, new_build);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), proposal);
  b = wm_plan_get_bounds (plan);
  g_assert_cmpfloat (b.min_x, ==, -50);
  g_assert_cmpfloat (b.min_y, ==, -70);
  g_assert_cmpfloat (b.max_x, ==, 120);
  g_assert_cmpfloat (b.max_y, ==, 300);
}

static void
test_plan_new_id (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(WmGeometry) geom = wm_test_square (0, 0, 10);
  g_autoptr(WmArea) area = wm_area_new ("cell-7", "Cell", geom);
  g_autoptr(WmBuilding) b1 = wm_building_new ("building-3", geom);
  g_autoptr(WmBuilding) b2 = wm_building_new ("building-x9", geom);
  g_autoptr(WmBuilding) b3 = wm_building_new ("buildings-40", geom);
  g_autoptr(WmBuilding) b4 = wm_building_new ("0363100012345678", geom);
  g_autoptr(WmFacility) facility = wm_facility_new ("facility-2", WM_FACILITY_SHOP, "S", 0, 0);
  g_autoptr(WmScenario) scenario = wm_scenario_new ("scenario-4", "D");
  g_autoptr(WmProposal) p1 = wm_proposal_new ("proposal-5", WM_PROPOSAL_DEMOLISH);
  g_autoptr(WmProposal) p2 = wm_proposal_new ("proposal-11", WM_PROPOSAL_DEMOLISH);
  g_autoptr(WmProposal) p3 = wm_proposal_new ("building-8", WM_PROPOSAL_DEMOLISH);
  g_autofree char *id = NULL;

#define CHECK_ID(prefix, expected) \
  G_STMT_START { \
    g_free (id); \
    id = wm_plan_new_id (plan, prefix); \
    g_assert_cmpstr (id, ==, expected); \
  } G_STMT_END

  CHECK_ID ("proposal", "proposal-1");
  CHECK_ID ("scenario", "scenario-2");
  CHECK_ID ("building", "building-1");

  wm_plan_add_area (plan, area);
  wm_plan_add_building (plan, b1);
  wm_plan_add_building (plan, b2);
  wm_plan_add_building (plan, b3);
  wm_plan_add_building (plan, b4);
  wm_plan_add_facility (plan, facility);
  wm_plan_add_scenario (plan, scenario);
  CHECK_ID ("cell", "cell-8");
  CHECK_ID ("building", "building-4");
  CHECK_ID ("facility", "facility-3");
  CHECK_ID ("scenario", "scenario-5");

  /* Proposals are searched in every scenario, and every prefix in every kind of id. */
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), p1);
  wm_scenario_add_proposal (scenario, p2);
  wm_scenario_add_proposal (scenario, p3);
  CHECK_ID ("proposal", "proposal-12");
  CHECK_ID ("building", "building-9");
  CHECK_ID ("area", "area-1");

#undef CHECK_ID
}

/* Plan equality --------------------------------------------------------- */

static WmPlan *
build_plan (void)
{
  WmPlan *plan = wm_plan_new ();
  g_autoptr(WmGeometry) boundary = wm_test_square (0, 0, 100);
  g_autoptr(WmGeometry) road = wm_test_square (0, -10, 100);
  g_autoptr(WmGeometry) label_point = wm_geometry_new_point (50, -5);
  g_autoptr(WmArea) area = wm_area_new ("BU01", "Centrum", boundary);
  g_autoptr(WmBuilding) building = make_building ("b1");
  g_autoptr(WmFacility) facility = wm_facility_new ("f1", WM_FACILITY_SCHOOL, "School", 1, 2);
  g_autoptr(WmBasemapFeature) road_feature =
    wm_basemap_feature_new (WM_BASEMAP_ROAD, "rijbaan", NULL, 0, road);
  g_autoptr(WmBasemapFeature) label =
    wm_basemap_feature_new (WM_BASEMAP_LABEL, NULL, "Dorpsstraat", 0, label_point);
  g_autoptr(WmScenario) scenario = wm_scenario_new ("scenario-2", "Variant");
  g_autoptr(WmProposal) p1 = make_proposal ("p1");
  g_autoptr(WmProposal) p2 = make_proposal ("p2");

  wm_plan_set_name (plan, "Oosterpark");
  wm_plan_set_description (plan, "Beschrijving");
  wm_plan_set_attribution (plan, "BAG");
  wm_plan_set_illustrative (plan, TRUE);
  wm_plan_add_area (plan, area);
  wm_plan_add_building (plan, building);
  wm_plan_add_facility (plan, facility);
  wm_basemap_add (wm_plan_get_basemap (plan), road_feature);
  wm_basemap_add (wm_plan_get_basemap (plan), label);
  wm_scenario_add_proposal (wm_plan_get_active_scenario (plan), p1);
  wm_plan_add_scenario (plan, scenario);
  wm_scenario_add_proposal (scenario, p2);

  return plan;
}

static gpointer
nth (GListModel *model,
     guint       i)
{
  /* The model keeps the item alive. */
  g_autoptr(GObject) item = g_list_model_get_item (model, i);

  return item;
}

static void
mutate (WmPlan *plan,
        guint   field)
{
  WmScenario *active = wm_plan_get_active_scenario (plan);
  WmScenario *second = nth (wm_plan_get_scenarios (plan), 1);

  switch (field)
    {
    case 0:
      wm_plan_set_name (plan, "Westpark");
      break;
    case 1:
      wm_plan_set_description (plan, NULL);
      break;
    case 2:
      wm_plan_set_attribution (plan, "BAG; BGT");
      break;
    case 3:
      wm_plan_set_illustrative (plan, FALSE);
      break;
    case 4:
      wm_area_set_name (nth (wm_plan_get_areas (plan), 0), "Anders");
      break;
    case 5:
      {
        g_autoptr(WmGeometry) geom = wm_test_square (500, 500, 5);
        g_autoptr(WmArea) area = wm_area_new ("BU02", "Extra", geom);

        wm_plan_add_area (plan, area);
      }
      break;
    case 6:
      wm_building_set_storeys (nth (wm_plan_get_buildings (plan), 0), 9);
      break;
    case 7:
      {
        g_autoptr(WmBuilding) building = make_building ("b2");

        wm_plan_add_building (plan, building);
      }
      break;
    case 8:
      wm_facility_set_location (nth (wm_plan_get_facilities (plan), 0), 1, 3);
      break;
    case 9:
      {
        g_autoptr(WmFacility) facility = wm_facility_new ("f2", WM_FACILITY_SHOP, NULL, 0, 0);

        wm_plan_add_facility (plan, facility);
      }
      break;
    case 10:
      {
        g_autoptr(WmGeometry) geom = wm_test_square (0, 0, 1);
        g_autoptr(WmBasemapFeature) feature =
          wm_basemap_feature_new (WM_BASEMAP_WATER, NULL, NULL, 0, geom);

        wm_basemap_add (wm_plan_get_basemap (plan), feature);
      }
      break;
    case 11:
      wm_scenario_set_name (second, "Anders");
      break;
    case 12:
      wm_proposal_set_year (nth (wm_scenario_get_proposals (active), 0), 2050);
      break;
    case 13:
      wm_proposal_set_note (nth (wm_scenario_get_proposals (second), 0), "other");
      break;
    case 14:
      {
        g_autoptr(WmProposal) proposal = make_proposal ("p3");

        wm_scenario_add_proposal (second, proposal);
      }
      break;
    case 15:
      wm_scenario_remove_proposal (active, nth (wm_scenario_get_proposals (active), 0));
      break;
    case 16:
      {
        g_autoptr(WmScenario) scenario = wm_scenario_new ("scenario-3", "Nog een");

        wm_plan_add_scenario (plan, scenario);
      }
      break;
    case 17:
      wm_plan_set_active_scenario (plan, second);
      break;
    default:
      g_assert_not_reached ();
    }
}

#define N_MUTATIONS 18

static void
test_plan_equal (void)
{
  g_autoptr(WmPlan) a = build_plan ();
  g_autoptr(WmPlan) b = build_plan ();
  g_autoptr(WmPlan) empty = wm_plan_new ();

  g_assert_true (wm_plan_equal (a, b));
  g_assert_true (wm_plan_equal (a, a));
  g_assert_false (wm_plan_equal (a, empty));

  for (guint field = 0; field < N_MUTATIONS; field++)
    {
      g_autoptr(WmPlan) x = build_plan ();
      g_autoptr(WmPlan) y = build_plan ();
      guint changed = 0;

      g_test_message ("mutation %u", field);
      g_assert_true (wm_plan_equal (x, y));
      /* Every mutation is also a change the plan reports, except edits of baseline
       * objects and the base map, which the plan does not watch. */
      g_signal_connect (y, "changed", G_CALLBACK (count_cb), &changed);
      mutate (y, field);
      g_assert_false (wm_plan_equal (x, y));
      g_assert_false (wm_plan_equal (y, x));
      if (field != 4 && field != 6 && field != 8 && field != 10)
        g_assert_cmpuint (changed, >, 0);
    }
}

/* The targets and the checklist entries are plan data: equal() sees them. */
static void
test_plan_equal_targets_and_checklist (void)
{
  g_autoptr (WmPlan) a = wm_plan_new ();
  g_autoptr (WmPlan) b = wm_plan_new ();
  WmChecklistEntry entry = { WM_CHECKLIST_STATUS_DONE, NULL, NULL, (char *) "agreed", 2027 };
  WmTargetBand band = { 0.25, 0.45 };

  g_assert_true (wm_plan_equal (a, b));
  wm_targets_set_band (wm_targets_get_for_plan (b), "share.social_rent", &band);
  g_assert_false (wm_plan_equal (a, b));
  g_assert_false (wm_plan_equal (b, a));
  wm_targets_set_band (wm_targets_get_for_plan (a), "share.social_rent", &band);
  g_assert_true (wm_plan_equal (a, b));
  /* The preset alone is plan data too. */
  wm_targets_apply_preset (wm_targets_get_for_plan (a), WM_TARGET_PRESET_CUSTOM);
  wm_targets_apply_preset (wm_targets_get_for_plan (b), WM_TARGET_PRESET_NATIONAL);
  g_assert_false (wm_plan_equal (a, b));
  wm_targets_apply_preset (wm_targets_get_for_plan (a), WM_TARGET_PRESET_NATIONAL);
  g_assert_true (wm_plan_equal (a, b));

  wm_checklist_state_set (wm_checklist_state_get_for_plan (a), "scenario-1", "vision-shared",
                          &entry);
  g_assert_false (wm_plan_equal (a, b));
  wm_checklist_state_set (wm_checklist_state_get_for_plan (b), "scenario-1", "vision-shared",
                          &entry);
  g_assert_true (wm_plan_equal (a, b));
}

/* Targets and checklist state are members of the plan: the same objects from both names,
 * there from the start (no lazily attached data), and their changes are the plan's. */
static void
test_plan_members (void)
{
  g_autoptr (WmPlan) plan = wm_plan_new ();
  WmChecklistEntry entry = { WM_CHECKLIST_STATUS_PLANNED, NULL, (char *) "wijkteam", NULL, 0 };
  WmTargets *targets = wm_plan_get_targets (plan);
  WmChecklistState *state = wm_plan_get_checklist_state (plan);
  guint changed = 0;

  g_assert_true (WM_IS_TARGETS (targets));
  g_assert_true (WM_IS_CHECKLIST_STATE (state));
  g_assert_true (wm_targets_get_for_plan (plan) == targets);
  g_assert_true (wm_checklist_state_get_for_plan (plan) == state);
  g_assert_null (g_object_get_data (G_OBJECT (plan), "wm-targets"));

  g_signal_connect (plan, "changed", G_CALLBACK (count_cb), &changed);
  wm_targets_set_close_margin (targets, 0.1);
  g_assert_cmpuint (changed, ==, 1);
  wm_checklist_state_set (state, "scenario-1", "vision-shared", &entry);
  g_assert_cmpuint (changed, >=, 2);

  /* The members live as long as the plan, and no longer signal it after. */
  g_object_ref (targets);
  g_clear_object (&plan);
  wm_targets_set_close_margin (targets, 0.2);
  g_object_unref (targets);
}

/* A scenario finds proposals by id and watches each object once, also when an object is in it
 * twice or two objects share an id; removing entries one by one keeps that right. */
static void
test_plan_scenario_tables (void)
{
  g_autoptr (WmScenario) scenario = wm_scenario_new ("s", "S");
  g_autoptr (WmProposal) p = wm_proposal_new ("p", WM_PROPOSAL_DEMOLISH);
  g_autoptr (WmProposal) q1 = wm_proposal_new ("q", WM_PROPOSAL_DEMOLISH);
  g_autoptr (WmProposal) q2 = wm_proposal_new ("q", WM_PROPOSAL_NEW_BUILD);
  guint changed = 0;

  g_signal_connect (scenario, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_null (wm_scenario_find_proposal (scenario, "p"));

  wm_scenario_add_proposal (scenario, p);
  wm_scenario_add_proposal (scenario, p);
  wm_scenario_add_proposal (scenario, q1);
  wm_scenario_insert_proposal (scenario, 0, q2);
  g_assert_true (wm_scenario_find_proposal (scenario, "p") == p);
  /* The first in the list wins, as a scan finds it. */
  g_assert_true (wm_scenario_find_proposal (scenario, "q") == q2);
  g_assert_null (wm_scenario_find_proposal (scenario, "r"));

  changed = 0;
  wm_proposal_set_name (p, "once");
  g_assert_cmpuint (changed, ==, 1);

  g_assert_true (wm_scenario_remove_proposal (scenario, q2));
  g_assert_true (wm_scenario_find_proposal (scenario, "q") == q1);
  g_assert_true (wm_scenario_remove_proposal (scenario, q1));
  g_assert_null (wm_scenario_find_proposal (scenario, "q"));
  g_assert_false (wm_scenario_remove_proposal (scenario, q1));

  g_assert_true (wm_scenario_remove_proposal (scenario, p));
  g_assert_true (wm_scenario_find_proposal (scenario, "p") == p);
  changed = 0;
  wm_proposal_set_name (p, "still watched");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (wm_scenario_remove_proposal (scenario, p));
  g_assert_null (wm_scenario_find_proposal (scenario, "p"));
  changed = 0;
  wm_proposal_set_name (p, "not watched");
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (wm_scenario_get_proposals (scenario)), ==, 0);
}

/* Enums are GTypes generated from the headers (glib-mkenums), under the names callers use. */
static void
test_plan_enum_types (void)
{
  g_autoptr (GEnumClass) status = g_type_class_ref (WM_TYPE_CHECKLIST_STATUS);
  g_autoptr (GEnumClass) kind = g_type_class_ref (WM_TYPE_PROPOSAL_KIND);
  g_autoptr (GEnumClass) dwelling = g_type_class_ref (WM_TYPE_DWELLING_TYPE);
  g_autoptr (GEnumClass) geometry = g_type_class_ref (WM_TYPE_GEOMETRY_KIND);
  g_autoptr (GEnumClass) file_error = g_type_class_ref (WM_TYPE_PROJECT_FILE_ERROR);

  g_assert_cmpstr (g_type_name (WM_TYPE_CHECKLIST_STATUS), ==, "WmChecklistStatus");
  g_assert_cmpstr (g_enum_get_value (status, WM_CHECKLIST_STATUS_DONE)->value_name, ==,
                   "WM_CHECKLIST_STATUS_DONE");
  g_assert_cmpstr (g_enum_get_value (kind, WM_PROPOSAL_DEMOLISH)->value_name, ==,
                   "WM_PROPOSAL_DEMOLISH");
  g_assert_nonnull (g_enum_get_value (dwelling, WM_DWELLING_TYPE_SENIOR));
  g_assert_cmpstr (g_enum_get_value (geometry, WM_GEOMETRY_POLYGON)->value_name, ==,
                   "WM_GEOMETRY_POLYGON");
  g_assert_cmpuint (file_error->n_values, >, 0);
  /* The file keys stay what they were, whatever the generated nicks. */
  g_assert_cmpstr (wm_checklist_status_key (WM_CHECKLIST_STATUS_NOT_APPLICABLE), ==,
                   "not_applicable");
}

/* Every part logs under one domain, set by the build: the core's warnings carry it. */
static void
test_plan_log_domain (void)
{
  g_assert_cmpstr (G_LOG_DOMAIN, ==, "Wijkmix");
  g_test_expect_message ("Wijkmix", G_LOG_LEVEL_CRITICAL, "*WM_IS_PLAN*");
  g_assert_null (wm_plan_get_targets (NULL));
  g_test_assert_expected_messages ();
}

/* Replacing the baseline --------------------------------------------------- */

static GPtrArray *
grid_areas (guint n_side, double size)
{
  GPtrArray *areas = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint r = 0; r < n_side; r++)
    for (guint c = 0; c < n_side; c++)
      {
        g_autoptr (WmGeometry) boundary = wm_test_square (c * size, r * size, size);
        g_autofree char *id = g_strdup_printf ("cell-%u-%u", r, c);

        g_ptr_array_add (areas, wm_area_new (id, NULL, boundary));
      }
  return areas;
}

/* The rule of wm_plan_add_building, by brute force: the first area containing the centroid. */
static const char *
scan_area (GPtrArray *areas, WmBuilding *building)
{
  WmPoint c = wm_geometry_centroid (wm_building_get_footprint (building));

  for (guint i = 0; i < areas->len; i++)
    if (wm_geometry_contains_point (wm_area_get_boundary (areas->pdata[i]), c.x, c.y))
      return wm_area_get_id (areas->pdata[i]);
  return NULL;
}

static void
test_plan_assign_area_ids (void)
{
  g_autoptr (GPtrArray) areas = grid_areas (8, 100);
  g_autoptr (GPtrArray) buildings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  g_autoptr (WmPlan) plan = wm_plan_new ();
  g_autoptr (WmGeometry) overlap = wm_test_square (50, 50, 200);
  g_autoptr (WmArea) big = wm_area_new ("big", NULL, overlap);
  WmBuilding *shared, *single;

  /* An area overlapping others, last: the earlier cells win where they overlap. */
  g_ptr_array_add (areas, g_object_ref (big));
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr (WmGeometry) footprint =
        wm_test_square (g_rand_double_range (rand, -50, 850), g_rand_double_range (rand, -50, 850),
                        g_rand_double_range (rand, 1, 30));
      g_autofree char *id = g_strdup_printf ("b-%u", i);
      WmBuilding *building = wm_building_new (id, footprint);

      if (i % 3 == 0)
        wm_building_set_area_id (building, "stale");
      g_ptr_array_add (buildings, building);
    }
  /* One is in a plan too (so shared), with a wrong area: it must be replaced by a copy. */
  shared = buildings->pdata[0];
  wm_plan_add_building (plan, shared);
  wm_building_set_area_id (shared, "stale");
  single = buildings->pdata[3];

  wm_plan_baseline_assign_area_ids (areas, buildings);
  for (guint i = 0; i < buildings->len; i++)
    g_assert_cmpstr (wm_building_get_area_id (buildings->pdata[i]), ==,
                     scan_area (areas, buildings->pdata[i]));
  g_assert_true (buildings->pdata[0] != shared);
  g_assert_cmpstr (wm_building_get_area_id (shared), ==, "stale");
  g_assert_cmpstr (wm_building_get_id (buildings->pdata[0]), ==, "b-0");
  g_assert_true (buildings->pdata[3] == single);

  /* No areas: every building outside. */
  {
    g_autoptr (GPtrArray) none = g_ptr_array_new ();

    wm_plan_baseline_assign_area_ids (none, buildings);
    for (guint i = 0; i < buildings->len; i++)
      g_assert_null (wm_building_get_area_id (buildings->pdata[i]));
  }
}

static WmPlanBaseline *
make_baseline (guint n_buildings, const char *prefix)
{
  g_autoptr (GPtrArray) areas = grid_areas (2, 100);
  g_autoptr (GPtrArray) buildings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) facilities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) features =
    g_ptr_array_new_with_free_func ((GDestroyNotify) wm_basemap_feature_unref);
  g_autoptr (GHashTable) addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            g_free);
  g_autoptr (WmAddressBook) book = NULL;
  g_autoptr (WmGeometry) water = wm_test_square (0, 0, 5);
  g_autoptr (WmGeometry) context = wm_test_square (150, 150, 5);

  for (guint i = 0; i < n_buildings; i++)
    {
      g_autoptr (WmGeometry) footprint = wm_test_square ((i % 19) * 10 + 1, (i / 19) * 10 + 1, 8);
      g_autofree char *id = g_strdup_printf ("%s-%u", prefix, i);
      WmBuilding *building = wm_building_new (id, footprint);
      WmDwellingMix mix = { { i % 5, 1, 0, 0, 0 } };

      wm_building_set_dwellings (building, &mix);
      wm_building_set_tenure_source (building, WM_TENURE_ESTIMATED);
      g_ptr_array_add (buildings, building);
      g_hash_table_insert (addresses, g_strdup_printf ("1000AA %u", i + 1), g_strdup (id));
    }
  g_ptr_array_add (facilities, wm_facility_new ("f-new", WM_FACILITY_SCHOOL, "School", 50, 50));
  g_ptr_array_add (features, wm_basemap_feature_new (WM_BASEMAP_WATER, "water", NULL, 0, water));
  g_ptr_array_add (features, wm_basemap_feature_new (WM_BASEMAP_BUILDING, "pand", NULL, 0,
                                                     context));
  book = wm_address_book_new_from_table (addresses);
  wm_plan_baseline_assign_area_ids (areas, buildings);
  return wm_plan_baseline_new_from_arrays (areas, buildings, facilities, features, book);
}

static void
engine_changed_cb (WmIndicatorEngine *engine,
                   guint             *count)
{
  (*count)++;
}

/* One import is one change: each list says so once, the plan once, the engine recomputes
 * once, and the plan has exactly the new baseline. */
static void
test_plan_set_baseline (void)
{
  g_autoptr (WmPlan) plan = wm_test_make_small_plan ("Replace");
  g_autoptr (WmIndicatorEngine) engine = wm_indicator_engine_new (plan, NULL);
  g_autoptr (WmPlanBaseline) baseline = make_baseline (200, "n");
  WmPlanBaseline *old = wm_plan_baseline_ref (wm_plan_get_baseline (plan));
  ItemsChanged areas = { 0 }, buildings = { 0 }, facilities = { 0 };
  guint changed = 0, replaced = 0, recomputed = 0;
  GPtrArray *new_buildings = wm_plan_baseline_get_buildings (baseline);

  g_signal_connect (wm_plan_get_areas (plan), "items-changed", G_CALLBACK (items_changed_cb),
                    &areas);
  g_signal_connect (wm_plan_get_buildings (plan), "items-changed", G_CALLBACK (items_changed_cb),
                    &buildings);
  g_signal_connect (wm_plan_get_facilities (plan), "items-changed",
                    G_CALLBACK (items_changed_cb), &facilities);
  g_signal_connect (plan, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (plan, "baseline-replaced", G_CALLBACK (count_cb), &replaced);
  g_signal_connect (engine, "changed", G_CALLBACK (engine_changed_cb), &recomputed);

  wm_plan_set_baseline (plan, baseline);

  g_assert_cmpuint (areas.n_emissions, ==, 1);
  g_assert_cmpuint (areas.removed, ==, 0);
  g_assert_cmpuint (areas.added, ==, 4);
  g_assert_cmpuint (buildings.n_emissions, ==, 1);
  g_assert_cmpuint (buildings.removed, ==, 1);
  g_assert_cmpuint (buildings.added, ==, 200);
  g_assert_cmpuint (facilities.n_emissions, ==, 1);
  g_assert_cmpuint (facilities.added, ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (replaced, ==, 1);
  g_assert_cmpuint (recomputed, ==, 1);
  g_assert_true (wm_plan_get_baseline (plan) == baseline);

  /* Lookups, the base map, the address book and the area index follow. */
  g_assert_null (wm_plan_find_facility (plan, "f-1"));
  g_assert_nonnull (wm_plan_find_facility (plan, "f-new"));
  g_assert_true (wm_plan_find_building (plan, "n-7") == new_buildings->pdata[7]);
  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_buildings (plan)), ==, 200);
  g_assert_cmpuint (wm_basemap_get_n_features (wm_plan_get_basemap (plan)), ==, 2);
  g_assert_cmpuint (wm_basemap_get_features (wm_plan_get_basemap (plan),
                                             WM_BASEMAP_BUILDING)->len, ==, 1);
  g_assert_cmpstr (wm_address_book_lookup (wm_plan_get_addresses (plan), "1000AA 8"), ==, "n-7");
  g_assert_cmpstr (wm_area_get_id (wm_plan_area_at (plan, 150, 150)), ==, "cell-1-1");
  g_assert_cmpstr (wm_building_get_area_id (new_buildings->pdata[0]), ==, "cell-0-0");
  g_assert_cmpint (wm_plan_get_baseline_dwellings (plan, NULL).counts[WM_SEGMENT_MID_RENT], ==,
                   200);

  /* An addition afterwards goes to a copy: the given baseline stays as it was. */
  wm_test_add_building (plan, "late", 5, 5, WM_SEGMENT_SOCIAL_RENT, 3);
  g_assert_cmpuint (wm_plan_baseline_get_buildings (baseline)->len, ==, 200);
  g_assert_cmpuint (wm_plan_baseline_get_buildings (wm_plan_get_baseline (plan))->len, ==, 201);

  /* And back: the old baseline again, equal to a plan made the same way. */
  wm_plan_set_baseline (plan, old);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (recomputed, ==, 3);
  {
    g_autoptr (WmPlan) fresh = wm_test_make_small_plan ("Replace");

    g_assert_true (wm_plan_equal (plan, fresh));
  }
  /* The same baseline again changes nothing. */
  wm_plan_set_baseline (plan, old);
  g_assert_cmpuint (changed, ==, 3);
  wm_plan_baseline_unref (old);
}

static void
test_plan_equal_addresses (void)
{
  g_autoptr (WmPlan) a = wm_plan_new ();
  g_autoptr (WmPlan) b = wm_plan_new ();
  g_autoptr (WmPlanBaseline) one = make_baseline (3, "x");
  g_autoptr (WmPlanBaseline) other = NULL;
  g_autoptr (WmAddressBookBuilder) builder = wm_address_book_builder_new ();
  g_autoptr (WmAddressBook) book = NULL;

  wm_plan_set_baseline (a, one);
  wm_plan_set_baseline (b, one);
  g_assert_true (wm_plan_equal (a, b));

  /* The same lists with one address more. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("1000AA %u", i + 1);
      g_autofree char *id = g_strdup_printf ("x-%u", i);

      wm_address_book_builder_add (builder, key, id);
    }
  wm_address_book_builder_add (builder, "1000AA 9", "x-0");
  book = wm_address_book_builder_end (g_steal_pointer (&builder));
  {
    GPtrArray *features = g_ptr_array_new ();

    for (guint k = 0; k < WM_N_BASEMAP_CLASSES; k++)
      {
        GPtrArray *of_class = wm_plan_baseline_get_basemap_features (one, k);

        for (guint i = 0; i < of_class->len; i++)
          g_ptr_array_add (features, of_class->pdata[i]);
      }
    other = wm_plan_baseline_new_from_arrays (wm_plan_baseline_get_areas (one),
                                              wm_plan_baseline_get_buildings (one),
                                              wm_plan_baseline_get_facilities (one), features,
                                              book);
    g_ptr_array_unref (features);
  }
  wm_plan_set_baseline (b, other);
  g_assert_false (wm_plan_equal (a, b));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan/keys", test_keys);
  g_test_add_func ("/plan/area", test_area);
  g_test_add_func ("/plan/building", test_building);
  g_test_add_func ("/plan/building-equal", test_building_equal);
  g_test_add_func ("/plan/facility", test_facility);
  g_test_add_func ("/plan/basemap", test_basemap);
  g_test_add_func ("/plan/proposal", test_proposal);
  g_test_add_func ("/plan/proposal-equal", test_proposal_equal);
  g_test_add_func ("/plan/scenario", test_scenario);
  g_test_add_func ("/plan/scenario-lifetime", test_scenario_lifetime);
  g_test_add_func ("/plan/scenario-equal", test_scenario_equal);
  g_test_add_func ("/plan/new", test_plan_new);
  g_test_add_func ("/plan/properties", test_plan_properties);
  g_test_add_func ("/plan/changed", test_plan_changed);
  g_test_add_func ("/plan/remove-scenario", test_plan_remove_scenario);
  g_test_add_func ("/plan/find-scenario", test_plan_find_scenario);
  g_test_add_func ("/plan/find", test_plan_find);
  g_test_add_func ("/plan/area-at", test_plan_area_at);
  g_test_add_func ("/plan/building-area", test_plan_building_area);
  g_test_add_func ("/plan/area-index-random", test_plan_area_index_random);
  g_test_add_func ("/plan/bounds", test_plan_bounds);
  g_test_add_func ("/plan/new-id", test_plan_new_id);
  g_test_add_func ("/plan/equal", test_plan_equal);
  g_test_add_func ("/plan/equal-targets-and-checklist", test_plan_equal_targets_and_checklist);
  g_test_add_func ("/plan/members", test_plan_members);
  g_test_add_func ("/plan/enum-types", test_plan_enum_types);
  g_test_add_func ("/plan/log-domain", test_plan_log_domain);
  g_test_add_func ("/plan/scenario-tables", test_plan_scenario_tables);
  g_test_add_func ("/plan/assign-area-ids", test_plan_assign_area_ids);
  g_test_add_func ("/plan/set-baseline", test_plan_set_baseline);
  g_test_add_func ("/plan/equal-addresses", test_plan_equal_addresses);

  return g_test_run ();
}
