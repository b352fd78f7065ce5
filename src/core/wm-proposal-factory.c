/* wm-proposal-factory.c: valid proposals from user intent, validation and projected state */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-plan-check.h"
#include "wm-proposal-factory.h"

G_DEFINE_QUARK (wm-proposal-error-quark, wm_proposal_error)

/* ---------------------------------------------------------------------------------------------
 * Presets and dwelling types
 */

/* Weights per segment: social, mid-rent, private rent, owner affordable, owner expensive. */
static const WmMixPreset presets[] = {
  /* Zoetermeer's target: 1/3 social rent, 1/3 mid-priced, 1/3 expensive. */
  { "thirds", N_("1/3-1/3-1/3"), { 1, 1, 0, 0, 1 } },
  /* National agenda: 2/3 affordable, half of that social rent (sixths). */
  { "two-thirds-affordable", N_("2/3 affordable"), { 2, 1, 0, 1, 2 } },
  { "social-rent", N_("All social rent"), { 1, 0, 0, 0, 0 } },
  { "mid-rent", N_("All mid-rent"), { 0, 1, 0, 0, 0 } },
  { "owner-occupied", N_("All owner-occupied"), { 0, 0, 0, 0, 1 } },
};

guint
wm_mix_preset_get_n_presets (void)
{
  return G_N_ELEMENTS (presets);
}

const WmMixPreset *
wm_mix_preset_get (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (presets), NULL);

  return &presets[index];
}

const WmMixPreset *
wm_mix_preset_find (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (presets); i++)
    {
      if (g_str_equal (presets[i].id, id))
        return &presets[i];
    }

  return NULL;
}

const char *
wm_mix_preset_get_label (const WmMixPreset *preset)
{
  g_return_val_if_fail (preset != NULL, NULL);

  return _(preset->label);
}

WmDwellingMix
wm_mix_preset_split (const WmMixPreset *preset,
                     int                n_dwellings)
{
  WmDwellingMix mix = { { 0 } };
  guint64 remainders[WM_N_SEGMENTS];
  guint64 total_weight = 0;
  gint64 left;

  g_return_val_if_fail (preset != NULL, mix);
  g_return_val_if_fail (n_dwellings >= 0, mix);

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    total_weight += preset->weights[s];
  g_return_val_if_fail (total_weight > 0, mix);

  /* Integer arithmetic, so that equal shares never differ by rounding noise. */
  left = n_dwellings;
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      guint64 share = (guint64) n_dwellings * preset->weights[s];

      mix.counts[s] = (gint) (share / total_weight);
      remainders[s] = share % total_weight;
      left -= mix.counts[s];
    }

  /* Fewer than WM_N_SEGMENTS left over; each goes to the largest remainder not yet served. */
  while (left > 0)
    {
      guint best = 0;

      for (guint s = 1; s < WM_N_SEGMENTS; s++)
        {
          if (remainders[s] > remainders[best])
            best = s;
        }

      mix.counts[best]++;
      remainders[best] = 0;
      left--;
    }

  return mix;
}

/* The projected state is wm-projection.c's; validation reads it in the plan's order. */

static WmScenario *
resolve_scenario (WmPlan     *plan,
                  WmScenario *scenario)
{
  return scenario != NULL ? scenario : wm_plan_get_active_scenario (plan);
}

/* ---------------------------------------------------------------------------------------------
 * Geometry checks
 */

static double
cross (WmPoint o,
       WmPoint a,
       WmPoint b)
{
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

static gboolean
on_segment (WmPoint p,
            WmPoint a,
            WmPoint b)
{
  return MIN (a.x, b.x) <= p.x && p.x <= MAX (a.x, b.x) &&
         MIN (a.y, b.y) <= p.y && p.y <= MAX (a.y, b.y);
}

static int
sign (double v)
{
  return (v > 0) - (v < 0);
}

static gboolean
segments_intersect (WmPoint a,
                    WmPoint b,
                    WmPoint c,
                    WmPoint d)
{
  int d1 = sign (cross (c, d, a));
  int d2 = sign (cross (c, d, b));
  int d3 = sign (cross (a, b, c));
  int d4 = sign (cross (a, b, d));

  if (d1 * d2 < 0 && d3 * d4 < 0)
    return TRUE;

  return (d1 == 0 && on_segment (a, c, d)) || (d2 == 0 && on_segment (b, c, d)) ||
         (d3 == 0 && on_segment (c, a, b)) || (d4 == 0 && on_segment (d, a, b));
}

/* A ring crosses itself when two edges that are not neighbours touch. */
static gboolean
ring_is_simple (const WmPoint *points,
                guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      WmPoint a = points[i], b = points[(i + 1) % n];

      for (guint j = i + 2; j < n; j++)
        {
          if (i == 0 && j == n - 1)
            continue;
          if (segments_intersect (a, b, points[j], points[(j + 1) % n]))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_footprint (const WmGeometry  *geometry,
                 GError           **error)
{
  if (geometry == NULL ||
      (geometry->kind != WM_GEOMETRY_POLYGON && geometry->kind != WM_GEOMETRY_MULTIPOLYGON))
    {
      g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_GEOMETRY,
                           _("A new building needs a footprint drawn as a polygon"));
      return FALSE;
    }

  for (guint i = 0; i < geometry->n_points; i++)
    {
      if (!isfinite (geometry->points[i].x) || !isfinite (geometry->points[i].y))
        {
          g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_GEOMETRY,
                               _("The footprint has a point without valid coordinates"));
          return FALSE;
        }
    }

  for (guint r = 0; r < geometry->n_rings; r++)
    {
      guint start = geometry->ring_start[r];
      guint n = geometry->ring_start[r + 1] - start;

      if (n < 3 || !ring_is_simple (geometry->points + start, n))
        {
          g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_GEOMETRY,
                               _("The footprint crosses itself; draw its outline without "
                                 "crossing lines"));
          return FALSE;
        }
    }

  if (!(wm_geometry_area (geometry) > 0))
    {
      g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_GEOMETRY,
                           _("The footprint has no area"));
      return FALSE;
    }

  return TRUE;
}

gboolean
wm_proposal_factory_check_footprint (const WmGeometry  *geometry,
                                     GError           **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_footprint (geometry, error);
}

/* Rebuilds @geometry moved by (dx, dy), dropping repeated consecutive vertices when @dedupe. */
static WmGeometry *
rebuild_geometry (const WmGeometry *geometry,
                  double            dx,
                  double            dy,
                  gboolean          dedupe)
{
  g_autoptr(WmGeometryBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  WmGeometry *result;

  if (geometry->kind == WM_GEOMETRY_POINT)
    return wm_geometry_new_point (geometry->points[0].x + dx, geometry->points[0].y + dy);

  if (geometry->kind == WM_GEOMETRY_LINESTRING)
    {
      g_autofree WmPoint *points = g_new (WmPoint, MAX (geometry->n_points, 1));

      for (guint i = 0; i < geometry->n_points; i++)
        points[i] = (WmPoint) { geometry->points[i].x + dx, geometry->points[i].y + dy };
      return wm_geometry_new_linestring (points, geometry->n_points);
    }

  builder = wm_geometry_builder_new (geometry->kind);
  for (guint p = 0; p < geometry->n_polygons; p++)
    {
      wm_geometry_builder_begin_polygon (builder);
      for (guint r = geometry->polygon_start[p]; r < geometry->polygon_start[p + 1]; r++)
        {
          guint start = geometry->ring_start[r];
          guint end = geometry->ring_start[r + 1];

          wm_geometry_builder_begin_ring (builder);
          for (guint i = start; i < end; i++)
            {
              WmPoint pt = geometry->points[i];
              WmPoint prev = geometry->points[i > start ? i - 1 : end - 1];

              if (dedupe && end - start > 1 && pt.x == prev.x && pt.y == prev.y)
                continue;
              wm_geometry_builder_add_point (builder, pt.x + dx, pt.y + dy);
            }
        }
    }

  result = wm_geometry_builder_finish (builder, &error);
  /* Dropping duplicates may leave too few points; the caller then refuses the original. */
  if (result == NULL)
    g_debug ("Could not rebuild a geometry: %s", error->message);

  return result;
}

WmGeometry *
wm_proposal_factory_translate_geometry (const WmGeometry *geometry,
                                        double            dx,
                                        double            dy)
{
  if (geometry == NULL)
    return NULL;

  return rebuild_geometry (geometry, dx, dy, FALSE);
}

/* ---------------------------------------------------------------------------------------------
 * Validation
 */

static const char *
segment_name (WmSegment segment)
{
  return wm_segment_table_get_name (wm_segment_table_get_default (), segment);
}

static gboolean
check_year (int       year,
            GError  **error)
{
  if (year != 0 && (year < WM_PROPOSAL_MIN_YEAR || year > WM_PROPOSAL_MAX_YEAR))
    {
      g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_YEAR,
                   _("The year %d is not between %d and %d"), year, WM_PROPOSAL_MIN_YEAR,
                   WM_PROPOSAL_MAX_YEAR);
      return FALSE;
    }

  return TRUE;
}

/* The works cannot start after the completion; a start without a completion year is kept. */
gboolean
wm_proposal_factory_check_years (int      start,
                                 int      year,
                                 GError **error)
{
  if (start != 0 && (start < WM_PROPOSAL_MIN_YEAR || start > WM_PROPOSAL_MAX_YEAR))
    {
      g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_YEAR,
                   _("The start year %d is not between %d and %d"), start, WM_PROPOSAL_MIN_YEAR,
                   WM_PROPOSAL_MAX_YEAR);
      return FALSE;
    }
  if (start != 0 && year != 0 && start > year)
    {
      g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_YEAR,
                   _("The works cannot start in %d, after the completion in %d"), start, year);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_start_year (WmProposal  *proposal,
                  GError     **error)
{
  return wm_proposal_factory_check_years (wm_proposal_get_start_year (proposal),
                                          wm_proposal_get_year (proposal), error);
}

/* Counts of a new mix: none negative, some, not absurdly many. */
static gboolean
check_new_mix (const WmDwellingMix  *mix,
               GError              **error)
{
  gint64 total = 0;

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      if (mix->counts[s] < 0)
        {
          g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_NEGATIVE,
                       _("The number of %s dwellings cannot be negative (%d)"),
                       segment_name (s), mix->counts[s]);
          return FALSE;
        }
      total += mix->counts[s];
    }

  if (total == 0)
    {
      g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_EMPTY,
                           _("Enter at least one dwelling"));
      return FALSE;
    }

  if (total > WM_PROPOSAL_MAX_DWELLINGS)
    {
      g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_TOO_MANY,
                   _("%lld dwellings in one building is more than the limit of %d"),
                   (long long) total, WM_PROPOSAL_MAX_DWELLINGS);
      return FALSE;
    }

  return TRUE;
}

/* The single existing, not demolished building of a building proposal; its projected mix. */
static WmBuilding *
check_one_building (WmPlan         *plan,
                    WmScenario     *scenario,
                    guint           position,
                    WmProposal     *proposal,
                    WmDwellingMix  *out_mix,
                    GError        **error)
{
  const char *const *ids = wm_proposal_get_building_ids (proposal);
  WmBuilding *building;
  gboolean demolished;

  if (ids[0] == NULL || ids[1] != NULL)
    {
      g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                           _("Choose exactly one building"));
      return NULL;
    }

  building = wm_plan_find_building (plan, ids[0]);
  if (building == NULL)
    {
      g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_UNKNOWN_BUILDING,
                   _("There is no building %s"), ids[0]);
      return NULL;
    }

  *out_mix = wm_projected_building_dwellings_before (plan, scenario, proposal, position, ids[0],
                                                     &demolished);
  if (demolished)
    {
      g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_DEMOLISHED,
                   _("Building %s is demolished by an earlier proposal"), ids[0]);
      return NULL;
    }

  return building;
}

/* Projected + delta must stay >= 0 in every segment; @conversion picks the wording. */
static gboolean
check_enough (const char           *building_id,
              const WmDwellingMix  *projected,
              const WmDwellingMix  *delta,
              gboolean              conversion,
              GError              **error)
{
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      if (projected->counts[s] + delta->counts[s] >= 0)
        continue;

      if (conversion)
        g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_NOT_ENOUGH,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Building %s has %d %s dwelling; %d cannot be converted",
                                  "Building %s has %d %s dwellings; %d cannot be converted",
                                  projected->counts[s]),
                     building_id, projected->counts[s], segment_name (s), -delta->counts[s]);
      else
        g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_NOT_ENOUGH,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Building %s has %d %s dwelling; %d cannot be removed",
                                  "Building %s has %d %s dwellings; %d cannot be removed",
                                  projected->counts[s]),
                     building_id, projected->counts[s], segment_name (s), -delta->counts[s]);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_zero (const WmDwellingMix *mix)
{
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      if (mix->counts[s] != 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
validate_demolish (WmPlan      *plan,
                   WmScenario  *scenario,
                   guint        position,
                   WmProposal  *proposal,
                   GError     **error)
{
  const char *const *ids = wm_proposal_get_building_ids (proposal);
  const WmDwellingMix *delta = wm_proposal_get_dwelling_delta (proposal);
  WmDwellingMix lost = { { 0 } };

  if (ids[0] == NULL)
    {
      g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_EMPTY,
                           _("Choose at least one building to demolish"));
      return FALSE;
    }

  for (guint i = 0; ids[i] != NULL; i++)
    {
      WmDwellingMix mix;
      gboolean demolished;

      for (guint j = 0; j < i; j++)
        {
          if (g_str_equal (ids[i], ids[j]))
            {
              g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                           _("Building %s is chosen twice"), ids[i]);
              return FALSE;
            }
        }

      if (wm_plan_find_building (plan, ids[i]) == NULL)
        {
          g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_UNKNOWN_BUILDING,
                       _("There is no building %s"), ids[i]);
          return FALSE;
        }

      mix = wm_projected_building_dwellings_before (plan, scenario, proposal, position, ids[i],
                                                    &demolished);
      if (demolished)
        {
          g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_DEMOLISHED,
                       _("Building %s is already demolished by an earlier proposal"), ids[i]);
          return FALSE;
        }
      wm_dwelling_mix_add (&lost, &mix);
    }

  /* The delta only removes, and never more than the buildings hold. */
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      if (delta->counts[s] > 0 || lost.counts[s] + delta->counts[s] < 0)
        {
          g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                               _("The dwellings of the demolition do not match its buildings"));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
wm_proposal_factory_validate (WmPlan      *plan,
                              WmScenario  *scenario,
                              guint        position,
                              WmProposal  *proposal,
                              GError     **error)
{
  const WmDwellingMix *delta;
  const char *const *ids;
  WmDwellingMix projected = { { 0 } };
  WmBuilding *building;
  WmGeometry *geometry;
  gint64 sum = 0;

  g_return_val_if_fail (WM_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (scenario == NULL || WM_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  scenario = resolve_scenario (plan, scenario);
  delta = wm_proposal_get_dwelling_delta (proposal);
  ids = wm_proposal_get_building_ids (proposal);
  geometry = wm_proposal_get_geometry (proposal);
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    sum += delta->counts[s];

  if (!check_year (wm_proposal_get_year (proposal), error) ||
      !check_start_year (proposal, error))
    return FALSE;

  switch (wm_proposal_get_kind (proposal))
    {
    case WM_PROPOSAL_DEMOLISH:
      return validate_demolish (plan, scenario, position, proposal, error);

    case WM_PROPOSAL_NEW_BUILD:
      if (ids[0] != NULL)
        {
          g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                               _("A new build does not act on existing buildings"));
          return FALSE;
        }
      return check_footprint (geometry, error) && check_new_mix (delta, error);

    case WM_PROPOSAL_CONVERT_TENURE:
    case WM_PROPOSAL_RENOVATE:
      building = check_one_building (plan, scenario, position, proposal, &projected, error);
      if (building == NULL)
        return FALSE;
      if (sum != 0)
        {
          g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                               _("A conversion moves dwellings between segments; the number "
                                 "of dwellings stays the same"));
          return FALSE;
        }
      if (wm_proposal_get_kind (proposal) == WM_PROPOSAL_CONVERT_TENURE && is_zero (delta))
        {
          g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_EMPTY,
                               _("Enter how many dwellings change segment"));
          return FALSE;
        }
      return check_enough (ids[0], &projected, delta, TRUE, error);

    case WM_PROPOSAL_TRANSFORM:
      building = check_one_building (plan, scenario, position, proposal, &projected, error);
      if (building == NULL)
        return FALSE;
      if (wm_dwelling_mix_total (&projected) != 0)
        {
          g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_HAS_DWELLINGS,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "Building %s already has %d dwelling; only buildings "
                                    "without dwellings can be transformed",
                                    "Building %s already has %d dwellings; only buildings "
                                    "without dwellings can be transformed",
                                    wm_dwelling_mix_total (&projected)),
                       ids[0], wm_dwelling_mix_total (&projected));
          return FALSE;
        }
      return check_new_mix (delta, error);

    case WM_PROPOSAL_SPLIT_MERGE:
      building = check_one_building (plan, scenario, position, proposal, &projected, error);
      if (building == NULL)
        return FALSE;
      if (is_zero (delta))
        {
          g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_EMPTY,
                               _("Enter how many dwellings are added by splitting or removed "
                                 "by merging"));
          return FALSE;
        }
      if (!check_enough (ids[0], &projected, delta, FALSE, error))
        return FALSE;
      if ((gint64) wm_dwelling_mix_total (&projected) + sum > WM_PROPOSAL_MAX_DWELLINGS)
        {
          g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_TOO_MANY,
                       _("%lld dwellings in one building is more than the limit of %d"),
                       (long long) wm_dwelling_mix_total (&projected) + sum,
                       WM_PROPOSAL_MAX_DWELLINGS);
          return FALSE;
        }
      return TRUE;

    case WM_PROPOSAL_ADD_FACILITY:
      /* A point, or an area: a shared garden of 1 ha counts as green (docs/indicators.md). */
      if (geometry != NULL &&
          (geometry->kind == WM_GEOMETRY_POLYGON || geometry->kind == WM_GEOMETRY_MULTIPOLYGON))
        {
          if (!check_footprint (geometry, error))
            return FALSE;
        }
      else if (geometry == NULL || geometry->kind != WM_GEOMETRY_POINT ||
               !isfinite (geometry->points[0].x) || !isfinite (geometry->points[0].y))
        {
          g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_GEOMETRY,
                               _("A new facility needs a location on the map"));
          return FALSE;
        }
      if ((guint) wm_proposal_get_facility_type (proposal) >= WM_N_FACILITY_TYPES)
        {
          g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                               _("Unknown facility type"));
          return FALSE;
        }
      if (!is_zero (delta) || ids[0] != NULL)
        {
          g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                               _("A facility has no dwellings"));
          return FALSE;
        }
      return TRUE;

    case WM_PROPOSAL_REMOVE_FACILITY:
      {
        const char *facility_id = wm_proposal_get_facility_id (proposal);

        if (wm_plan_find_facility (plan, facility_id) == NULL)
          {
            g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_UNKNOWN_FACILITY,
                         _("There is no facility %s"), facility_id ? facility_id : "");
            return FALSE;
          }
        if (wm_projected_facility_removed_before (plan, scenario, proposal, position, facility_id))
          {
            g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_FACILITY_REMOVED,
                         _("Facility %s is already removed by an earlier proposal"),
                         facility_id);
            return FALSE;
          }
        if (!is_zero (delta) || ids[0] != NULL)
          {
            g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                                 _("A facility has no dwellings"));
            return FALSE;
          }
        return TRUE;
      }

    case WM_N_PROPOSAL_KINDS:
    default:
      break;
    }

  g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                       _("Unknown kind of proposal"));
  return FALSE;
}

/* ---------------------------------------------------------------------------------------------
 * Constructors
 */

WmProposal *
wm_proposal_factory_copy (WmProposal *proposal)
{
  WmProposal *copy;

  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), NULL);

  copy = wm_proposal_new (wm_proposal_get_id (proposal), wm_proposal_get_kind (proposal));
  wm_proposal_set_geometry (copy, wm_proposal_get_geometry (proposal));
  wm_proposal_set_building_ids (copy, wm_proposal_get_building_ids (proposal));
  wm_proposal_set_dwelling_delta (copy, wm_proposal_get_dwelling_delta (proposal));
  wm_proposal_set_facility_type (copy, wm_proposal_get_facility_type (proposal));
  wm_proposal_set_facility_id (copy, wm_proposal_get_facility_id (proposal));
  wm_proposal_set_name (copy, wm_proposal_get_name (proposal));
  wm_proposal_set_year (copy, wm_proposal_get_year (proposal));
  wm_proposal_set_start_year (copy, wm_proposal_get_start_year (proposal));
  wm_proposal_set_note (copy, wm_proposal_get_note (proposal));
  wm_proposal_set_dwelling_type (copy, wm_proposal_get_dwelling_type (proposal));
  wm_proposal_set_return_share (copy, wm_proposal_get_return_share (proposal));

  return copy;
}

static gint
positive_total (const WmDwellingMix *delta)
{
  gint total = 0;

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    total += MAX (delta->counts[s], 0);

  return total;
}

char *
wm_proposal_factory_describe (WmPlan     *plan,
                              WmProposal *proposal)
{
  const WmDwellingMix *delta;
  guint n_ids;
  gint total;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), NULL);

  delta = wm_proposal_get_dwelling_delta (proposal);
  n_ids = g_strv_length ((char **) wm_proposal_get_building_ids (proposal));
  total = wm_dwelling_mix_total (delta);

  switch (wm_proposal_get_kind (proposal))
    {
    case WM_PROPOSAL_DEMOLISH:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Demolish %u building",
                                           "Demolish %u buildings", n_ids), n_ids);
    case WM_PROPOSAL_NEW_BUILD:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "New build of %d dwelling",
                                           "New build of %d dwellings", total), total);
    case WM_PROPOSAL_CONVERT_TENURE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Convert %d dwelling",
                                           "Convert %d dwellings", positive_total (delta)),
                              positive_total (delta));
    case WM_PROPOSAL_RENOVATE:
      return g_strdup (_("Renovate building"));
    case WM_PROPOSAL_TRANSFORM:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Transform into %d dwelling",
                                           "Transform into %d dwellings", total), total);
    case WM_PROPOSAL_SPLIT_MERGE:
      if (total >= 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Split into %d more dwelling",
                                             "Split into %d more dwellings", total), total);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Merge into %d fewer dwelling",
                                           "Merge into %d fewer dwellings", -total), -total);
    case WM_PROPOSAL_ADD_FACILITY:
      {
        WmFacilityType type = wm_proposal_get_facility_type (proposal);

        return g_strdup_printf (_("Add %s"), (guint) type < WM_N_FACILITY_TYPES
                                               ? wm_facility_type_label (type) : "?");
      }
    case WM_PROPOSAL_REMOVE_FACILITY:
      {
        WmFacility *facility = wm_plan_find_facility (plan,
                                                      wm_proposal_get_facility_id (proposal));
        const char *what = NULL;

        if (facility != NULL)
          what = wm_facility_get_name (facility);
        if (facility != NULL && (what == NULL || *what == '\0'))
          what = wm_facility_type_label (wm_facility_get_facility_type (facility));
        if (what == NULL)
          what = wm_proposal_get_facility_id (proposal);
        return g_strdup_printf (_("Remove %s"), what ? what : "");
      }
    case WM_N_PROPOSAL_KINDS:
    default:
      break;
    }

  return g_strdup (wm_proposal_kind_label (wm_proposal_get_kind (proposal)));
}

/* Fresh id, default name and year; validated at the end of @scenario. */
static WmProposal *
finish (WmPlan      *plan,
        WmScenario  *scenario,
        WmProposal  *proposal_in,
        int          year,
        GError     **error)
{
  g_autoptr(WmProposal) proposal = proposal_in;

  wm_proposal_set_year (proposal, year);
  if (wm_proposal_get_name (proposal) == NULL)
    {
      g_autofree char *name = wm_proposal_factory_describe (plan, proposal);

      wm_proposal_set_name (proposal, name);
    }

  /* Its effect on the proposals after it first: an appended proposal with a year can come
   * before later ones in the plan's order (wm-plan-check.h). */
  if (!wm_plan_check_change (plan, scenario, NULL, proposal, WM_PROJECTED_ALL, error) ||
      !wm_proposal_factory_validate (plan, scenario, WM_PROJECTED_ALL, proposal, error))
    return NULL;

  return g_steal_pointer (&proposal);
}

static WmProposal *
new_proposal (WmPlan         *plan,
              WmProposalKind  kind)
{
  g_autofree char *id = wm_plan_new_id (plan, "proposal");

  return wm_proposal_new (id, kind);
}

static WmProposal *
one_building_proposal (WmPlan         *plan,
                       WmProposalKind  kind,
                       const char     *building_id)
{
  WmProposal *proposal = new_proposal (plan, kind);
  const char *ids[] = { building_id, NULL };

  if (building_id != NULL)
    wm_proposal_set_building_ids (proposal, ids);

  return proposal;
}

static gboolean
check_segments (WmSegment   from,
                WmSegment   to,
                GError    **error)
{
  if ((guint) from >= WM_N_SEGMENTS || (guint) to >= WM_N_SEGMENTS)
    {
      g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                           _("Unknown housing segment"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_count (int        n,
             gboolean   allow_zero,
             GError   **error)
{
  if (n < 0)
    {
      g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_NEGATIVE,
                   _("The number of dwellings cannot be negative (%d)"), n);
      return FALSE;
    }
  if (n == 0 && !allow_zero)
    {
      g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_EMPTY,
                           _("Enter at least one dwelling"));
      return FALSE;
    }
  if (n > WM_PROPOSAL_MAX_DWELLINGS)
    {
      g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_TOO_MANY,
                   _("%d dwellings in one building is more than the limit of %d"), n,
                   WM_PROPOSAL_MAX_DWELLINGS);
      return FALSE;
    }

  return TRUE;
}

WmProposal *
wm_proposal_factory_demolish (WmPlan             *plan,
                              WmScenario         *scenario,
                              const char *const  *building_ids,
                              int                 year,
                              GError            **error)
{
  WmProposal *proposal;
  WmDwellingMix lost = { { 0 } };

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  proposal = new_proposal (plan, WM_PROPOSAL_DEMOLISH);
  if (building_ids != NULL)
    wm_proposal_set_building_ids (proposal, building_ids);

  /* What the buildings have where the demolition takes effect, by its year: a later sale
   * does not count. Unknown, repeated and demolished buildings count nothing. */
  wm_proposal_set_year (proposal, year);
  for (guint i = 0; building_ids != NULL && building_ids[i] != NULL; i++)
    {
      WmDwellingMix mix;
      gboolean demolished, repeated = FALSE;

      for (guint j = 0; j < i; j++)
        repeated |= g_str_equal (building_ids[i], building_ids[j]);
      mix = wm_projected_building_dwellings_before (plan, scenario, proposal, WM_PROJECTED_ALL,
                                                    building_ids[i], &demolished);
      if (repeated || demolished)
        continue;
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        lost.counts[s] -= mix.counts[s];
    }
  wm_proposal_set_dwelling_delta (proposal, &lost);

  return finish (plan, scenario, proposal, year, error);
}

WmProposal *
wm_proposal_factory_new_build (WmPlan               *plan,
                               WmScenario           *scenario,
                               WmGeometry           *footprint,
                               const WmDwellingMix  *mix,
                               WmDwellingType        type,
                               int                   year,
                               GError              **error)
{
  g_autoptr(WmGeometry) cleaned = NULL;
  WmProposal *proposal;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (mix != NULL, NULL);
  g_return_val_if_fail ((guint) type < WM_N_DWELLING_TYPES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (footprint != NULL &&
      (footprint->kind == WM_GEOMETRY_POLYGON || footprint->kind == WM_GEOMETRY_MULTIPOLYGON))
    cleaned = rebuild_geometry (footprint, 0, 0, TRUE);
  if (cleaned == NULL && footprint != NULL)
    cleaned = wm_geometry_ref (footprint);

  proposal = new_proposal (plan, WM_PROPOSAL_NEW_BUILD);
  wm_proposal_set_geometry (proposal, cleaned);
  wm_proposal_set_dwelling_delta (proposal, mix);
  wm_proposal_set_dwelling_type (proposal, type);

  if (type != WM_DWELLING_TYPE_UNSPECIFIED)
    {
      gint total = wm_dwelling_mix_total (mix);
      /* The type's label is a heading ("Apartments"); in a name it is a plain noun. */
      g_autofree char *type_name = g_utf8_strdown (wm_dwelling_type_label (type), -1);
      g_autofree char *name = NULL;

      /* Translators: "New build: 24 apartments"; %s is a dwelling type in lower case. */
      name = g_strdup_printf (_("New build: %d %s"), total, type_name);
      wm_proposal_set_name (proposal, name);
    }

  return finish (plan, scenario, proposal, year, error);
}

WmProposal *
wm_proposal_factory_convert_tenure (WmPlan      *plan,
                                    WmScenario  *scenario,
                                    const char  *building_id,
                                    WmSegment    from,
                                    WmSegment    to,
                                    int          n,
                                    int          year,
                                    GError     **error)
{
  WmDwellingMix delta = { { 0 } };
  WmProposal *proposal;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_segments (from, to, error) || !check_count (n, FALSE, error))
    return NULL;
  if (from == to)
    {
      g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_SAME_SEGMENT,
                   _("The dwellings are already %s; choose another segment"),
                   segment_name (to));
      return NULL;
    }

  delta.counts[from] = -n;
  delta.counts[to] = n;
  proposal = one_building_proposal (plan, WM_PROPOSAL_CONVERT_TENURE, building_id);
  wm_proposal_set_dwelling_delta (proposal, &delta);

  return finish (plan, scenario, proposal, year, error);
}

WmProposal *
wm_proposal_factory_renovate (WmPlan      *plan,
                              WmScenario  *scenario,
                              const char  *building_id,
                              WmSegment    from,
                              WmSegment    to,
                              int          n,
                              const char  *quality_note,
                              int          year,
                              GError     **error)
{
  WmDwellingMix delta = { { 0 } };
  WmDwellingMix projected;
  WmProposal *proposal;
  gboolean demolished;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_segments (from, to, error) || !check_count (n, FALSE, error))
    return NULL;

  /* Without a segment change the delta is zero; the count is still checked. */
  projected = wm_projected_building_dwellings (plan, scenario, WM_PROJECTED_ALL, building_id,
                                               &demolished);
  if (wm_plan_find_building (plan, building_id) != NULL && !demolished &&
      n > projected.counts[from])
    {
      g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_NOT_ENOUGH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Building %s has %d %s dwelling; %d cannot be renovated",
                                "Building %s has %d %s dwellings; %d cannot be renovated",
                                projected.counts[from]),
                   building_id, projected.counts[from], segment_name (from), n);
      return NULL;
    }

  delta.counts[from] -= n;
  delta.counts[to] += n;
  proposal = one_building_proposal (plan, WM_PROPOSAL_RENOVATE, building_id);
  wm_proposal_set_dwelling_delta (proposal, &delta);
  if (quality_note != NULL && *quality_note != '\0')
    wm_proposal_set_note (proposal, quality_note);

  return finish (plan, scenario, proposal, year, error);
}

WmProposal *
wm_proposal_factory_transform (WmPlan               *plan,
                               WmScenario           *scenario,
                               const char           *building_id,
                               const WmDwellingMix  *mix,
                               int                   year,
                               GError              **error)
{
  WmProposal *proposal;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (mix != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  proposal = one_building_proposal (plan, WM_PROPOSAL_TRANSFORM, building_id);
  wm_proposal_set_dwelling_delta (proposal, mix);

  return finish (plan, scenario, proposal, year, error);
}

WmProposal *
wm_proposal_factory_split_merge (WmPlan      *plan,
                                 WmScenario  *scenario,
                                 const char  *building_id,
                                 WmSegment    segment,
                                 int          delta,
                                 int          year,
                                 GError     **error)
{
  WmDwellingMix mix = { { 0 } };
  WmProposal *proposal;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_segments (segment, segment, error))
    return NULL;
  if (delta < -WM_PROPOSAL_MAX_DWELLINGS || delta > WM_PROPOSAL_MAX_DWELLINGS)
    {
      g_set_error (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_TOO_MANY,
                   _("%d dwellings in one building is more than the limit of %d"), ABS (delta),
                   WM_PROPOSAL_MAX_DWELLINGS);
      return NULL;
    }

  mix.counts[segment] = delta;
  proposal = one_building_proposal (plan, WM_PROPOSAL_SPLIT_MERGE, building_id);
  wm_proposal_set_dwelling_delta (proposal, &mix);

  return finish (plan, scenario, proposal, year, error);
}

WmProposal *
wm_proposal_factory_add_facility (WmPlan          *plan,
                                  WmScenario      *scenario,
                                  WmFacilityType   type,
                                  double           x,
                                  double           y,
                                  const char      *name,
                                  int              year,
                                  GError         **error)
{
  g_autoptr(WmGeometry) point = NULL;
  WmProposal *proposal;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((guint) type >= WM_N_FACILITY_TYPES)
    {
      g_set_error_literal (error, WM_PROPOSAL_ERROR, WM_PROPOSAL_ERROR_INVALID,
                           _("Unknown facility type"));
      return NULL;
    }

  point = wm_geometry_new_point (x, y);
  proposal = new_proposal (plan, WM_PROPOSAL_ADD_FACILITY);
  wm_proposal_set_geometry (proposal, point);
  wm_proposal_set_facility_type (proposal, type);
  wm_proposal_set_name (proposal, name != NULL && *name != '\0' ? name
                                                                : wm_facility_type_label (type));

  return finish (plan, scenario, proposal, year, error);
}

WmProposal *
wm_proposal_factory_remove_facility (WmPlan      *plan,
                                     WmScenario  *scenario,
                                     const char  *facility_id,
                                     int          year,
                                     GError     **error)
{
  WmProposal *proposal;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  proposal = new_proposal (plan, WM_PROPOSAL_REMOVE_FACILITY);
  wm_proposal_set_facility_id (proposal, facility_id);

  return finish (plan, scenario, proposal, year, error);
}
