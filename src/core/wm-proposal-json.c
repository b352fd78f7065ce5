/* wm-proposal-json.c: proposals to and from JSON (the changes format of docs/changes-json.md) */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-history.h"
#include "wm-json-guard.h"
#include "wm-proposal-json.h"

G_DEFINE_QUARK (wm-proposal-json-error-quark, wm_proposal_json_error)

/* ---------------------------------------------------------------------------------------------
 * Writing
 * ------------------------------------------------------------------------------------------ */

static void
add_ring (JsonBuilder      *builder,
          const WmGeometry *g,
          guint             ring,
          gboolean          closed)
{
  guint start = g->ring_start[ring], end = g->ring_start[ring + 1];

  json_builder_begin_array (builder);
  for (guint i = start; i < end + (closed && end > start ? 1 : 0); i++)
    {
      const WmPoint *p = &g->points[i < end ? i : start];

      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, p->x);
      json_builder_add_double_value (builder, p->y);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

static void
add_polygon (JsonBuilder      *builder,
             const WmGeometry *g,
             guint             polygon)
{
  json_builder_begin_array (builder);
  for (guint r = g->polygon_start[polygon]; r < g->polygon_start[polygon + 1]; r++)
    add_ring (builder, g, r, TRUE);
  json_builder_end_array (builder);
}

static void
add_geometry (JsonBuilder      *builder,
              const WmGeometry *g)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  switch (g->kind)
    {
    case WM_GEOMETRY_POINT:
      json_builder_add_string_value (builder, "Point");
      json_builder_set_member_name (builder, "coordinates");
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, g->points[0].x);
      json_builder_add_double_value (builder, g->points[0].y);
      json_builder_end_array (builder);
      break;
    case WM_GEOMETRY_LINESTRING:
      json_builder_add_string_value (builder, "LineString");
      json_builder_set_member_name (builder, "coordinates");
      add_ring (builder, g, 0, FALSE);
      break;
    case WM_GEOMETRY_POLYGON:
      json_builder_add_string_value (builder, "Polygon");
      json_builder_set_member_name (builder, "coordinates");
      add_polygon (builder, g, 0);
      break;
    case WM_GEOMETRY_MULTIPOLYGON:
    default:
      json_builder_add_string_value (builder, "MultiPolygon");
      json_builder_set_member_name (builder, "coordinates");
      json_builder_begin_array (builder);
      for (guint p = 0; p < g->n_polygons; p++)
        add_polygon (builder, g, p);
      json_builder_end_array (builder);
      break;
    }
  json_builder_end_object (builder);
}

JsonNode *
wm_proposal_to_json (WmProposal *proposal)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  WmProposalKind kind;
  const char *const *ids;
  const WmDwellingMix *delta;
  gboolean any = FALSE;

  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), NULL);

  kind = wm_proposal_get_kind (proposal);
  ids = wm_proposal_get_building_ids (proposal);
  delta = wm_proposal_get_dwelling_delta (proposal);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, wm_proposal_get_id (proposal));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, wm_proposal_kind_key (kind));
  if (wm_proposal_get_name (proposal) != NULL)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, wm_proposal_get_name (proposal));
    }
  if (wm_proposal_get_year (proposal) != 0)
    {
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, wm_proposal_get_year (proposal));
    }
  if (wm_proposal_get_start_year (proposal) != 0)
    {
      json_builder_set_member_name (builder, "start_year");
      json_builder_add_int_value (builder, wm_proposal_get_start_year (proposal));
    }
  if (wm_proposal_get_note (proposal) != NULL)
    {
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, wm_proposal_get_note (proposal));
    }
  if (ids != NULL && ids[0] != NULL)
    {
      json_builder_set_member_name (builder, "buildings");
      json_builder_begin_array (builder);
      for (guint i = 0; ids[i] != NULL; i++)
        json_builder_add_string_value (builder, ids[i]);
      json_builder_end_array (builder);
    }
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    any |= delta->counts[s] != 0;
  if (any)
    {
      json_builder_set_member_name (builder, "dwellings");
      json_builder_begin_object (builder);
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        if (delta->counts[s] != 0)
          {
            json_builder_set_member_name (builder, wm_segment_key (s));
            json_builder_add_int_value (builder, delta->counts[s]);
          }
      json_builder_end_object (builder);
    }
  if (wm_proposal_get_dwelling_type (proposal) != WM_DWELLING_TYPE_UNSPECIFIED)
    {
      json_builder_set_member_name (builder, "dwelling_type");
      json_builder_add_string_value (builder,
                                     wm_dwelling_type_key (wm_proposal_get_dwelling_type (proposal)));
    }
  if (wm_proposal_get_return_share (proposal) != WM_PROPOSAL_DEFAULT_RETURN_SHARE)
    {
      json_builder_set_member_name (builder, "return_share");
      json_builder_add_double_value (builder, wm_proposal_get_return_share (proposal));
    }
  if (kind == WM_PROPOSAL_ADD_FACILITY)
    {
      json_builder_set_member_name (builder, "facility_type");
      json_builder_add_string_value (builder,
                                     wm_facility_type_key (wm_proposal_get_facility_type (proposal)));
    }
  if (wm_proposal_get_facility_id (proposal) != NULL)
    {
      json_builder_set_member_name (builder, "facility_id");
      json_builder_add_string_value (builder, wm_proposal_get_facility_id (proposal));
    }
  if (wm_proposal_get_geometry (proposal) != NULL)
    {
      json_builder_set_member_name (builder, "geometry");
      add_geometry (builder, wm_proposal_get_geometry (proposal));
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
wm_proposals_to_json_data (GListModel *proposals,
                           gsize      *length)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_new ();
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (proposals), NULL);

  n = g_list_model_get_n_items (proposals);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WmProposal) proposal = g_list_model_get_item (proposals, i);

      json_array_add_element (array, wm_proposal_to_json (proposal));
    }
  json_object_set_int_member (object, "version", WM_PROPOSAL_JSON_VERSION);
  json_object_set_int_member (object, "srs_id", WM_SRS_RD_NEW);
  json_object_set_array_member (object, "proposals", array);
  json_node_take_object (root, object);

  /* Not json_generator_to_data(): it writes 1e17 as the invalid `1e+17.0`. */
  return wm_json_guard_to_data (root, TRUE, length);
}

/* ---------------------------------------------------------------------------------------------
 * Reading
 * ------------------------------------------------------------------------------------------ */

static gboolean
invalid (GError    **error,
         const char *where,
         const char *problem)
{
  g_set_error (error, WM_PROPOSAL_JSON_ERROR, WM_PROPOSAL_JSON_ERROR_INVALID, "%s: %s", where,
               problem);
  return FALSE;
}

/* Limits of the format (docs/changes-json.md); the proposal rules are stricter. */
#define MAX_YEAR 9999
#define MAX_DWELLING_CHANGE 10000000
/* The proposal rules' years (wm-proposal-factory.h): a start year is new, so no file has
 * anything else. */
#define MIN_START_YEAR 1900
#define MAX_START_YEAR 2200

static gboolean
out_of_range (GError    **error,
              const char *where,
              const char *id,
              gint64      min,
              gint64      max,
              gint64      value)
{
  g_autofree char *problem =
    g_strdup_printf (_("must be between %lld and %lld, not %lld (proposal “%s”)"),
                     (long long) min, (long long) max, (long long) value, id);

  return invalid (error, where, problem);
}

static gboolean
read_xy (JsonNode    *node,
         WmPoint     *out,
         const char  *where,
         GError     **error)
{
  JsonArray *a;
  JsonNode *x, *y;

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (a = json_node_get_array (node)) < 2)
    return invalid (error, where, _("a position must be an array [x, y]"));
  x = json_array_get_element (a, 0);
  y = json_array_get_element (a, 1);
  if (json_node_get_value_type (x) != G_TYPE_DOUBLE && json_node_get_value_type (x) != G_TYPE_INT64)
    return invalid (error, where, _("a coordinate must be a number"));
  if (json_node_get_value_type (y) != G_TYPE_DOUBLE && json_node_get_value_type (y) != G_TYPE_INT64)
    return invalid (error, where, _("a coordinate must be a number"));
  out->x = json_node_get_double (x);
  out->y = json_node_get_double (y);
  if (!isfinite (out->x) || !isfinite (out->y))
    return invalid (error, where, _("a coordinate must be a number"));
  return TRUE;
}

static gboolean
read_rings (WmGeometryBuilder *builder,
            JsonNode          *node,
            const char        *where,
            GError           **error)
{
  JsonArray *rings;

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (rings = json_node_get_array (node)) == 0)
    return invalid (error, where, _("a polygon must be an array of rings"));

  wm_geometry_builder_begin_polygon (builder);
  for (guint r = 0; r < json_array_get_length (rings); r++)
    {
      JsonNode *ring = json_array_get_element (rings, r);
      JsonArray *points;

      if (!JSON_NODE_HOLDS_ARRAY (ring))
        return invalid (error, where, _("a ring must be an array of positions"));
      points = json_node_get_array (ring);
      wm_geometry_builder_begin_ring (builder);
      for (guint i = 0; i < json_array_get_length (points); i++)
        {
          WmPoint p;

          if (!read_xy (json_array_get_element (points, i), &p, where, error))
            return FALSE;
          wm_geometry_builder_add_point (builder, p.x, p.y);
        }
    }
  return TRUE;
}

static WmGeometry *
read_geometry (JsonNode    *node,
               const char  *where,
               GError     **error)
{
  JsonObject *object;
  JsonNode *coordinates;
  const char *type;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, where, _("the geometry must be a GeoJSON geometry object"));
      return NULL;
    }
  object = json_node_get_object (node);
  type = json_object_get_string_member_with_default (object, "type", NULL);
  coordinates = json_object_get_member (object, "coordinates");
  if (type == NULL || coordinates == NULL)
    {
      invalid (error, where, _("the geometry needs “type” and “coordinates”"));
      return NULL;
    }

  if (g_str_equal (type, "Point"))
    {
      WmPoint p;

      if (!read_xy (coordinates, &p, where, error))
        return NULL;
      return wm_geometry_new_point (p.x, p.y);
    }
  if (g_str_equal (type, "LineString"))
    {
      g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (WmPoint));
      JsonArray *a;

      if (!JSON_NODE_HOLDS_ARRAY (coordinates) ||
          json_array_get_length (a = json_node_get_array (coordinates)) < 2)
        {
          invalid (error, where, _("a line needs at least two positions"));
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          WmPoint p;

          if (!read_xy (json_array_get_element (a, i), &p, where, error))
            return NULL;
          g_array_append_val (points, p);
        }
      return wm_geometry_new_linestring ((WmPoint *) points->data, points->len);
    }
  if (g_str_equal (type, "Polygon") || g_str_equal (type, "MultiPolygon"))
    {
      gboolean multi = g_str_equal (type, "MultiPolygon");
      g_autoptr(WmGeometryBuilder) builder =
        wm_geometry_builder_new (multi ? WM_GEOMETRY_MULTIPOLYGON : WM_GEOMETRY_POLYGON);
      g_autoptr(GError) local_error = NULL;
      WmGeometry *geometry;

      if (multi)
        {
          JsonArray *polygons;

          if (!JSON_NODE_HOLDS_ARRAY (coordinates))
            {
              invalid (error, where, _("a multipolygon must be an array of polygons"));
              return NULL;
            }
          polygons = json_node_get_array (coordinates);
          for (guint i = 0; i < json_array_get_length (polygons); i++)
            if (!read_rings (builder, json_array_get_element (polygons, i), where, error))
              return NULL;
        }
      else if (!read_rings (builder, coordinates, where, error))
        return NULL;

      geometry = wm_geometry_builder_finish (builder, &local_error);
      if (geometry == NULL)
        invalid (error, where, local_error->message);
      return geometry;
    }

  {
    g_autofree char *problem = g_strdup_printf (_("unsupported geometry type “%s”"), type);
    invalid (error, where, problem);
  }
  return NULL;
}

static const char *
string_member (JsonObject  *object,
               const char  *member,
               const char  *where,
               gboolean    *ok,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *path = g_strdup_printf ("%s.%s", where, member);

      *ok = invalid (error, path, _("must be a string"));
      return NULL;
    }
  return json_node_get_string (node);
}

static gboolean
is_integer (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

WmProposal *
wm_proposal_from_json (JsonNode    *node,
                       const char  *fallback_id,
                       const char  *where,
                       GError     **error)
{
  static const char *const members[] = {
    "id", "kind", "name", "year", "start_year", "note", "buildings", "dwellings", "dwelling_type",
    "facility_type", "facility_id", "geometry", "return_share",
  };
  g_autoptr(WmProposal) proposal = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *id, *kind_key, *name, *note, *dwelling_type, *facility_type, *facility_id;
  WmProposalKind kind;
  gboolean ok = TRUE;

  g_return_val_if_fail (node != NULL, NULL);

  if (where == NULL)
    where = "proposal";
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, where, _("a proposal must be an object"));
      return NULL;
    }
  object = json_node_get_object (node);

  /* Unknown members are refused, so that a misspelt one is not silently ignored. */
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        known |= g_str_equal (l->data, members[i]);
      if (!known)
        {
          g_autofree char *problem = g_strdup_printf (_("unknown member “%s”"),
                                                      (const char *) l->data);
          invalid (error, where, problem);
          return NULL;
        }
    }

  id = string_member (object, "id", where, &ok, error);
  kind_key = ok ? string_member (object, "kind", where, &ok, error) : NULL;
  name = ok ? string_member (object, "name", where, &ok, error) : NULL;
  note = ok ? string_member (object, "note", where, &ok, error) : NULL;
  dwelling_type = ok ? string_member (object, "dwelling_type", where, &ok, error) : NULL;
  facility_type = ok ? string_member (object, "facility_type", where, &ok, error) : NULL;
  facility_id = ok ? string_member (object, "facility_id", where, &ok, error) : NULL;
  if (!ok)
    return NULL;

  if (id == NULL)
    id = fallback_id;
  if (id == NULL || *id == '\0')
    {
      invalid (error, where, _("the proposal has no “id”"));
      return NULL;
    }
  if (kind_key == NULL)
    {
      invalid (error, where, _("the proposal has no “kind”"));
      return NULL;
    }
  if (!wm_proposal_kind_from_key (kind_key, &kind))
    {
      g_autofree char *problem = g_strdup_printf (_("unknown kind “%s”"), kind_key);
      invalid (error, where, problem);
      return NULL;
    }

  proposal = wm_proposal_new (id, kind);
  wm_proposal_set_name (proposal, name);
  wm_proposal_set_note (proposal, note);

  member = json_object_get_member (object, "year");
  if (member != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s.year", where);

      if (!is_integer (member))
        {
          invalid (error, path, _("must be a whole number (a year)"));
          return NULL;
        }
      if (json_node_get_int (member) < 0 || json_node_get_int (member) > MAX_YEAR)
        {
          out_of_range (error, path, id, 0, MAX_YEAR, json_node_get_int (member));
          return NULL;
        }
      wm_proposal_set_year (proposal, json_node_get_int (member));
    }

  member = json_object_get_member (object, "start_year");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      g_autofree char *path = g_strdup_printf ("%s.start_year", where);
      gint64 start;

      if (!is_integer (member))
        {
          g_autofree char *problem =
            g_strdup_printf (_("must be a whole number, the year the works start (proposal "
                               "“%s”)"), id);
          invalid (error, path, problem);
          return NULL;
        }
      start = json_node_get_int (member);
      /* 0 is "not set", as an absent member; otherwise a year the proposal rules accept. */
      if (start != 0 && (start < MIN_START_YEAR || start > MAX_START_YEAR))
        {
          out_of_range (error, path, id, MIN_START_YEAR, MAX_START_YEAR, start);
          return NULL;
        }
      if (start != 0 && wm_proposal_get_year (proposal) != 0 &&
          start > wm_proposal_get_year (proposal))
        {
          g_autofree char *problem =
            g_strdup_printf (_("the works cannot start in %d, after the completion in %d "
                               "(“year”) (proposal “%s”)"),
                             (int) start, wm_proposal_get_year (proposal), id);
          invalid (error, path, problem);
          return NULL;
        }
      wm_proposal_set_start_year (proposal, (int) start);
    }

  member = json_object_get_member (object, "return_share");
  if (member != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s.return_share", where);
      GType type = JSON_NODE_HOLDS_VALUE (member) ? json_node_get_value_type (member)
                                                  : G_TYPE_INVALID;
      double share;

      if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
        {
          g_autofree char *problem =
            g_strdup_printf (_("must be a number from 0 to 1, the share of rehoused households "
                               "that return (proposal “%s”)"), id);
          invalid (error, path, problem);
          return NULL;
        }
      share = json_node_get_double (member);
      if (!(share >= 0.0 && share <= 1.0))
        {
          g_autofree char *problem =
            g_strdup_printf (_("must be from 0 to 1, not %g (proposal “%s”)"), share, id);
          invalid (error, path, problem);
          return NULL;
        }
      wm_proposal_set_return_share (proposal, share);
    }

  member = json_object_get_member (object, "buildings");
  if (member != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) ids = NULL;
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          g_autofree char *path = g_strdup_printf ("%s.buildings", where);
          invalid (error, path, _("must be an array of building ids"));
          return NULL;
        }
      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (json_node_get_value_type (element) != G_TYPE_STRING)
            {
              g_autofree char *path = g_strdup_printf ("%s.buildings[%u]", where, i);
              invalid (error, path, _("must be a string"));
              return NULL;
            }
          g_strv_builder_add (builder, json_node_get_string (element));
        }
      ids = g_strv_builder_end (builder);
      wm_proposal_set_building_ids (proposal, (const char *const *) ids);
    }

  member = json_object_get_member (object, "dwellings");
  if (member != NULL)
    {
      g_autoptr(GList) segments = NULL;
      WmDwellingMix delta = { { 0 } };
      JsonObject *mix;

      if (!JSON_NODE_HOLDS_OBJECT (member))
        {
          g_autofree char *path = g_strdup_printf ("%s.dwellings", where);
          invalid (error, path, _("must be an object of segment keys and numbers"));
          return NULL;
        }
      mix = json_node_get_object (member);
      segments = json_object_get_members (mix);
      for (GList *l = segments; l != NULL; l = l->next)
        {
          g_autofree char *path = g_strdup_printf ("%s.dwellings.%s", where,
                                                   (const char *) l->data);
          JsonNode *count = json_object_get_member (mix, l->data);
          WmSegment segment;

          if (!wm_segment_from_key (l->data, &segment))
            {
              invalid (error, path, _("unknown housing segment"));
              return NULL;
            }
          if (!is_integer (count))
            {
              invalid (error, path, _("must be a whole number of dwellings"));
              return NULL;
            }
          if (json_node_get_int (count) < -MAX_DWELLING_CHANGE ||
              json_node_get_int (count) > MAX_DWELLING_CHANGE)
            {
              out_of_range (error, path, id, -MAX_DWELLING_CHANGE, MAX_DWELLING_CHANGE,
                            json_node_get_int (count));
              return NULL;
            }
          delta.counts[segment] = json_node_get_int (count);
        }
      wm_proposal_set_dwelling_delta (proposal, &delta);
    }

  if (dwelling_type != NULL)
    {
      WmDwellingType type;

      if (!wm_dwelling_type_from_key (dwelling_type, &type))
        {
          g_autofree char *path = g_strdup_printf ("%s.dwelling_type", where);
          g_autofree char *problem = g_strdup_printf (_("unknown dwelling type “%s”"),
                                                      dwelling_type);
          invalid (error, path, problem);
          return NULL;
        }
      wm_proposal_set_dwelling_type (proposal, type);
    }

  if (facility_type != NULL)
    {
      WmFacilityType type;

      if (!wm_facility_type_from_key (facility_type, &type))
        {
          g_autofree char *path = g_strdup_printf ("%s.facility_type", where);
          g_autofree char *problem = g_strdup_printf (_("unknown facility type “%s”"),
                                                      facility_type);
          invalid (error, path, problem);
          return NULL;
        }
      wm_proposal_set_facility_type (proposal, type);
    }
  else if (kind == WM_PROPOSAL_ADD_FACILITY)
    {
      invalid (error, where, _("a new facility needs a “facility_type”"));
      return NULL;
    }
  wm_proposal_set_facility_id (proposal, facility_id);
  if (kind == WM_PROPOSAL_REMOVE_FACILITY && facility_id == NULL)
    {
      invalid (error, where, _("removing a facility needs its “facility_id”"));
      return NULL;
    }

  member = json_object_get_member (object, "geometry");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      g_autofree char *path = g_strdup_printf ("%s.geometry", where);
      g_autoptr(WmGeometry) geometry = read_geometry (member, path, error);

      if (geometry == NULL)
        return NULL;
      wm_proposal_set_geometry (proposal, geometry);
    }
  if (kind == WM_PROPOSAL_ADD_FACILITY && wm_proposal_get_geometry (proposal) == NULL)
    {
      invalid (error, where, _("a new facility needs a point “geometry”"));
      return NULL;
    }

  return g_steal_pointer (&proposal);
}

static gboolean
plan_has_proposal (WmPlan     *plan,
                   const char *id)
{
  GListModel *scenarios = wm_plan_get_scenarios (plan);

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(WmScenario) scenario = g_list_model_get_item (scenarios, i);

      if (wm_scenario_find_proposal (scenario, id) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
unknown (GError    **error,
         const char *where,
         const char *problem)
{
  g_set_error (error, WM_PROPOSAL_JSON_ERROR, WM_PROPOSAL_JSON_ERROR_UNKNOWN, "%s: %s", where,
               problem);
  return FALSE;
}

static gboolean
check_against_plan (WmProposal  *proposal,
                    WmPlan      *plan,
                    const char  *where,
                    GError     **error)
{
  const char *const *ids = wm_proposal_get_building_ids (proposal);
  const char *facility_id = wm_proposal_get_facility_id (proposal);

  if (plan_has_proposal (plan, wm_proposal_get_id (proposal)))
    {
      g_autofree char *problem = g_strdup_printf (_("the project already has a proposal “%s”"),
                                                  wm_proposal_get_id (proposal));
      return invalid (error, where, problem);
    }
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (wm_plan_find_building (plan, ids[i]) == NULL)
      {
        g_autofree char *path = g_strdup_printf ("%s.buildings[%u]", where, i);
        g_autofree char *problem = g_strdup_printf (_("the project has no building “%s”"), ids[i]);
        return unknown (error, path, problem);
      }
  if (facility_id != NULL && wm_plan_find_facility (plan, facility_id) == NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s.facility_id", where);
      g_autofree char *problem = g_strdup_printf (_("the project has no facility “%s”"),
                                                  facility_id);
      return unknown (error, path, problem);
    }
  return TRUE;
}

/* json-glib names in-memory data "<data>"; the user knows the file. */
static void
syntax_error (GError    **error,
              const char *source_name,
              GError     *parse_error)
{
  const char *message = parse_error->message;

  if (g_str_has_prefix (message, "<data>"))
    message += strlen ("<data>");
  else if (source_name != NULL)
    {
      g_set_error (error, WM_PROPOSAL_JSON_ERROR, WM_PROPOSAL_JSON_ERROR_SYNTAX, "%s: %s",
                   source_name, message);
      return;
    }
  g_set_error (error, WM_PROPOSAL_JSON_ERROR, WM_PROPOSAL_JSON_ERROR_SYNTAX, "%s%s",
               source_name != NULL ? source_name : "", message);
}

static GPtrArray *
proposals_from_json_data (const char  *data,
                          gssize       length,
                          const char  *source_name,
                          WmPlan      *plan,
                          gboolean     renumber_clashes,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *root, *member;
  JsonObject *object;
  JsonArray *proposals;
  guint64 next_id = 1;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (plan == NULL || WM_IS_PLAN (plan), NULL);

  /* json-glib would recurse into any depth; the guard also refuses ids with \u0000. */
  if (!wm_json_guard_check (data, length, source_name, &parse_error))
    {
      g_set_error_literal (error, WM_PROPOSAL_JSON_ERROR, WM_PROPOSAL_JSON_ERROR_SYNTAX,
                           parse_error->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      syntax_error (error, source_name, parse_error);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, source_name != NULL ? source_name : "document",
               _("the document must be an object with a “proposals” array"));
      return NULL;
    }
  object = json_node_get_object (root);

  member = json_object_get_member (object, "version");
  if (member != NULL && (!is_integer (member) ||
                         json_node_get_int (member) > WM_PROPOSAL_JSON_VERSION ||
                         json_node_get_int (member) < 1))
    {
      invalid (error, "version", _("unsupported version of the changes format"));
      return NULL;
    }
  member = json_object_get_member (object, "srs_id");
  if (member != NULL && (!is_integer (member) ||
                         (plan != NULL && json_node_get_int (member) != wm_plan_get_srs_id (plan))))
    {
      invalid (error, "srs_id", _("coordinates must be in the project’s reference system "
                                  "(EPSG:28992, RD New)"));
      return NULL;
    }
  member = json_object_get_member (object, "proposals");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      invalid (error, "proposals", _("the document must have a “proposals” array"));
      return NULL;
    }
  proposals = json_node_get_array (member);

  g_autoptr(GHashTable) explicit_ids = g_hash_table_new (g_str_hash, g_str_equal);

  /* Importing a document into the plan it came from: its ids are taken, so they get new ones. */
  if (renumber_clashes && plan != NULL)
    for (guint i = 0; i < json_array_get_length (proposals); i++)
      {
        JsonNode *node = json_array_get_element (proposals, i);
        JsonNode *id;

        if (JSON_NODE_HOLDS_OBJECT (node) &&
            (id = json_object_get_member (json_node_get_object (node), "id")) != NULL &&
            json_node_get_value_type (id) == G_TYPE_STRING &&
            plan_has_proposal (plan, json_node_get_string (id)))
          json_object_remove_member (json_node_get_object (node), "id");
      }

  for (guint i = 0; i < json_array_get_length (proposals); i++)
    {
      JsonNode *node = json_array_get_element (proposals, i);
      JsonNode *id;

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          (id = json_object_get_member (json_node_get_object (node), "id")) != NULL &&
          json_node_get_value_type (id) == G_TYPE_STRING)
        g_hash_table_add (explicit_ids, (gpointer) json_node_get_string (id));
    }

  if (plan != NULL)
    {
      g_autofree char *first = wm_plan_new_id (plan, "proposal");

      next_id = g_ascii_strtoull (first + strlen ("proposal-"), NULL, 10);
    }

  for (guint i = 0; i < json_array_get_length (proposals); i++)
    {
      /* Messages name the file, as a syntax error does. */
      g_autofree char *where = source_name != NULL
                                 ? g_strdup_printf ("%s: proposals[%u]", source_name, i)
                                 : g_strdup_printf ("proposals[%u]", i);
      g_autofree char *fallback = NULL;
      JsonNode *node = json_array_get_element (proposals, i);
      WmProposal *proposal;

      /* A fresh id not used by the plan nor by this document. */
      do
        {
          g_free (fallback);
          fallback = g_strdup_printf ("proposal-%" G_GUINT64_FORMAT, next_id++);
        }
      while (g_hash_table_contains (explicit_ids, fallback) ||
             (plan != NULL && plan_has_proposal (plan, fallback)));

      proposal = wm_proposal_from_json (node, fallback, where, error);
      if (proposal == NULL)
        return NULL;
      g_ptr_array_add (result, proposal);

      if (g_hash_table_contains (seen, wm_proposal_get_id (proposal)))
        {
          g_autofree char *problem = g_strdup_printf (_("the id “%s” is used twice"),
                                                      wm_proposal_get_id (proposal));
          invalid (error, where, problem);
          return NULL;
        }
      g_hash_table_add (seen, (gpointer) wm_proposal_get_id (proposal));
      if (plan != NULL && !check_against_plan (proposal, plan, where, error))
        return NULL;
    }

  return g_steal_pointer (&result);
}

GPtrArray *
wm_proposals_from_json_data (const char  *data,
                             gssize       length,
                             const char  *source_name,
                             WmPlan      *plan,
                             GError     **error)
{
  return proposals_from_json_data (data, length, source_name, plan, FALSE, error);
}

GPtrArray *
wm_proposals_import_json_data (const char  *data,
                               gssize       length,
                               const char  *source_name,
                               WmPlan      *plan,
                               GError     **error)
{
  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  return proposals_from_json_data (data, length, source_name, plan, TRUE, error);
}

gboolean
wm_proposals_json_add (WmHistory   *history,
                       WmScenario  *scenario,
                       GPtrArray   *proposals,
                       const char  *source_name,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *label = NULL;
  const char *source;
  guint index;

  g_return_val_if_fail (WM_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (proposals != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  source = source_name != NULL ? source_name : "document";
  base = g_path_get_basename (source);
  label = g_strdup_printf (_("Import %s"), base);
  if (wm_history_add_proposals (history, scenario, proposals, label, &index, &local_error))
    return TRUE;

  if (index < proposals->len)
    g_set_error (error, local_error->domain, local_error->code,
                 /* Translators: "changes.json: proposals[1] (proposal “p2”): <problem>". */
                 _("%s: proposals[%u] (proposal “%s”): %s"), source, index,
                 wm_proposal_get_id (g_ptr_array_index (proposals, index)),
                 local_error->message);
  else
    g_set_error (error, local_error->domain, local_error->code,
                 /* Translators: the changes break a proposal the project has; %s: the file. */
                 _("%s: the changes do not fit the scenario: %s"), source, local_error->message);
  return FALSE;
}
