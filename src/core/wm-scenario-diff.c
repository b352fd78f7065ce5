/* wm-scenario-diff.c: what differs between two scenarios A and B of a plan */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "wm-scenario-diff.h"

/* Proposals */

static gboolean
same_geometry (WmGeometry *a, WmGeometry *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return wm_geometry_equal (a, b);
}

gboolean
wm_proposal_same_change (WmProposal *a,
                         WmProposal *b)
{
  g_return_val_if_fail (WM_IS_PROPOSAL (a), FALSE);
  g_return_val_if_fail (WM_IS_PROPOSAL (b), FALSE);

  return wm_proposal_get_kind (a) == wm_proposal_get_kind (b)
         && g_strv_equal (wm_proposal_get_building_ids (a), wm_proposal_get_building_ids (b))
         && same_geometry (wm_proposal_get_geometry (a), wm_proposal_get_geometry (b))
         && g_strcmp0 (wm_proposal_get_facility_id (a), wm_proposal_get_facility_id (b)) == 0;
}

/* An empty note or name is no note or name. */
static gboolean
same_text (const char *a, const char *b)
{
  return g_strcmp0 (a != NULL && *a != '\0' ? a : NULL, b != NULL && *b != '\0' ? b : NULL) == 0;
}

WmProposalFields
wm_proposal_diff_fields (WmProposal *a,
                         WmProposal *b)
{
  WmProposalFields fields = WM_PROPOSAL_FIELD_NONE;

  g_return_val_if_fail (WM_IS_PROPOSAL (a), WM_PROPOSAL_FIELD_NONE);
  g_return_val_if_fail (WM_IS_PROPOSAL (b), WM_PROPOSAL_FIELD_NONE);

  if (!wm_dwelling_mix_equal (wm_proposal_get_dwelling_delta (a),
                              wm_proposal_get_dwelling_delta (b)))
    fields |= WM_PROPOSAL_FIELD_DWELLINGS;
  if (wm_proposal_get_year (a) != wm_proposal_get_year (b))
    fields |= WM_PROPOSAL_FIELD_YEAR;
  if (wm_proposal_get_start_year (a) != wm_proposal_get_start_year (b))
    fields |= WM_PROPOSAL_FIELD_START_YEAR;
  if (!same_text (wm_proposal_get_name (a), wm_proposal_get_name (b)))
    fields |= WM_PROPOSAL_FIELD_NAME;
  if (!same_text (wm_proposal_get_note (a), wm_proposal_get_note (b)))
    fields |= WM_PROPOSAL_FIELD_NOTE;
  if (wm_proposal_get_dwelling_type (a) != wm_proposal_get_dwelling_type (b))
    fields |= WM_PROPOSAL_FIELD_DWELLING_TYPE;
  if (wm_proposal_get_return_share (a) != wm_proposal_get_return_share (b))
    fields |= WM_PROPOSAL_FIELD_RETURN_SHARE;
  if (wm_proposal_get_facility_type (a) != wm_proposal_get_facility_type (b))
    fields |= WM_PROPOSAL_FIELD_FACILITY_TYPE;
  return fields;
}

static char *
describe_year (int year)
{
  /* Translators: a proposal without a completion year, in "year 2029 → no year" */
  return year > 0 ? g_strdup_printf ("%d", year) : g_strdup (_("no year"));
}

static const char *
dwelling_type_text (WmDwellingType type)
{
  /* Translators: a new build whose dwelling type is not given */
  return type == WM_DWELLING_TYPE_UNSPECIFIED ? _("unspecified") : wm_dwelling_type_label (type);
}

char *
wm_proposal_describe_change (WmProposal       *a,
                             WmProposal       *b,
                             WmProposalFields  fields)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (WM_IS_PROPOSAL (a), NULL);
  g_return_val_if_fail (WM_IS_PROPOSAL (b), NULL);

  if (fields & WM_PROPOSAL_FIELD_DWELLINGS)
    {
      const WmDwellingMix *da = wm_proposal_get_dwelling_delta (a);
      const WmDwellingMix *db = wm_proposal_get_dwelling_delta (b);
      g_autoptr (GString) segments = g_string_new (NULL);

      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        {
          if (da->counts[s] == db->counts[s])
            continue;
          if (segments->len > 0)
            g_string_append (segments, ", ");
          /* Translators: a segment's dwellings in A and in B, e.g. "social rent 8 → 12" */
          g_string_append_printf (segments, _("%s %d → %d"),
                                  wm_segment_table_get_name (wm_segment_table_get_default (), s),
                                  da->counts[s], db->counts[s]);
        }
      /* Translators: what changed in the dwellings of a proposal, e.g. "dwellings: social
       * rent 8 → 12, mid-rent 6 → 2" */
      g_ptr_array_add (parts, g_strdup_printf (_("dwellings: %s"), segments->str));
    }
  if (fields & WM_PROPOSAL_FIELD_YEAR)
    {
      g_autofree char *ya = describe_year (wm_proposal_get_year (a));
      g_autofree char *yb = describe_year (wm_proposal_get_year (b));

      /* Translators: the completion year in A and in B, e.g. "year 2029 → 2031" */
      g_ptr_array_add (parts, g_strdup_printf (_("year %s → %s"), ya, yb));
    }
  if (fields & WM_PROPOSAL_FIELD_START_YEAR)
    {
      g_autofree char *ya = describe_year (wm_proposal_get_start_year (a));
      g_autofree char *yb = describe_year (wm_proposal_get_start_year (b));

      /* Translators: the year the works start in A and in B, e.g. "start 2027 → 2028" */
      g_ptr_array_add (parts, g_strdup_printf (_("start %s → %s"), ya, yb));
    }
  if (fields & WM_PROPOSAL_FIELD_DWELLING_TYPE)
    /* Translators: the dwelling type in A and in B, e.g. "type Apartments → Houses" */
    g_ptr_array_add (parts, g_strdup_printf (_("type %s → %s"),
                                             dwelling_type_text (wm_proposal_get_dwelling_type (a)),
                                             dwelling_type_text (wm_proposal_get_dwelling_type (b))));
  if (fields & WM_PROPOSAL_FIELD_RETURN_SHARE)
    /* Translators: the share of rehoused households that return, in A and in B, e.g. "right
     * to return 30 % → 50 %" */
    g_ptr_array_add (parts, g_strdup_printf (_("right to return %.0f %% → %.0f %%"),
                                             100.0 * wm_proposal_get_return_share (a),
                                             100.0 * wm_proposal_get_return_share (b)));
  if (fields & WM_PROPOSAL_FIELD_FACILITY_TYPE)
    /* Translators: the facility placed in A and in B, e.g. "facility Playground → Shared
     * garden" */
    g_ptr_array_add (parts, g_strdup_printf (
                              _("facility %s → %s"),
                              wm_facility_type_label (wm_proposal_get_facility_type (a)),
                              wm_facility_type_label (wm_proposal_get_facility_type (b))));
  if (fields & WM_PROPOSAL_FIELD_NAME)
    {
      const char *na = wm_proposal_get_name (a), *nb = wm_proposal_get_name (b);

      /* Translators: a proposal's name in A and in B, e.g. "name “Block A” → “Block A2”" */
      g_ptr_array_add (parts, g_strdup_printf (_("name “%s” → “%s”"), na != NULL ? na : "",
                                               nb != NULL ? nb : ""));
    }
  if (fields & WM_PROPOSAL_FIELD_NOTE)
    g_ptr_array_add (parts, g_strdup (_("note changed")));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

/* Scenarios */

/* A hash of what a proposal acts on (wm_proposal_same_change()): equal changes hash equal. */
static guint
change_hash (WmProposal *proposal)
{
  const char *const *ids = wm_proposal_get_building_ids (proposal);
  WmGeometry *geometry = wm_proposal_get_geometry (proposal);
  const char *facility = wm_proposal_get_facility_id (proposal);
  guint hash = (guint) wm_proposal_get_kind (proposal) * 2654435761u;

  for (guint i = 0; ids[i] != NULL; i++)
    hash = hash * 31 + g_str_hash (ids[i]);
  if (facility != NULL)
    hash = hash * 31 + g_str_hash (facility);
  if (geometry != NULL)
    {
      /* + 0.0 makes -0.0 (equal to 0.0) hash as 0.0. */
      double x = geometry->bounds.min_x + 0.0, y = geometry->bounds.min_y + 0.0;

      hash = hash * 31 + geometry->kind;
      hash = hash * 31 + geometry->n_points;
      hash = hash * 31 + g_double_hash (&x);
      hash = hash * 31 + g_double_hash (&y);
    }
  return hash;
}

static guint
n_fields (WmProposalFields fields)
{
  guint n = 0;

  for (; fields != 0; fields &= fields - 1)
    n++;
  return n;
}

static void
clear_pair (gpointer data)
{
  WmProposalPair *pair = data;

  g_clear_object (&pair->a);
  g_clear_object (&pair->b);
}

WmScenarioDiff *
wm_scenario_diff_new (WmScenario *a,
                      WmScenario *b)
{
  GListModel *pa, *pb;
  guint na, nb;
  g_autoptr (GPtrArray) list_a = NULL, list_b = NULL;
  g_autofree gint *match_of_a = NULL; /* index in B, or -1 */
  g_autofree gboolean *b_taken = NULL;
  g_autoptr (GHashTable) buckets = NULL; /* change hash -> GArray of B indices, B's order */
  WmScenarioDiff *self;

  g_return_val_if_fail (WM_IS_SCENARIO (a), NULL);
  g_return_val_if_fail (WM_IS_SCENARIO (b), NULL);

  pa = wm_scenario_get_proposals (a);
  pb = wm_scenario_get_proposals (b);
  na = g_list_model_get_n_items (pa);
  nb = g_list_model_get_n_items (pb);
  list_a = g_ptr_array_new_full (na, g_object_unref);
  list_b = g_ptr_array_new_full (nb, g_object_unref);
  for (guint i = 0; i < na; i++)
    g_ptr_array_add (list_a, g_list_model_get_item (pa, i));
  for (guint i = 0; i < nb; i++)
    g_ptr_array_add (list_b, g_list_model_get_item (pb, i));

  self = g_new0 (WmScenarioDiff, 1);
  self->a = g_object_ref (a);
  self->b = g_object_ref (b);
  self->only_a = g_ptr_array_new_with_free_func (g_object_unref);
  self->only_b = g_ptr_array_new_with_free_func (g_object_unref);
  self->changed = g_array_new (FALSE, TRUE, sizeof (WmProposalPair));
  g_array_set_clear_func (self->changed, clear_pair);

  /* Only proposals acting on the same things can match: look among those alone. */
  buckets = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  for (guint j = 0; j < nb; j++)
    {
      guint hash = change_hash (g_ptr_array_index (list_b, j));
      GArray *bucket = g_hash_table_lookup (buckets, GUINT_TO_POINTER (hash));

      if (bucket == NULL)
        {
          bucket = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (buckets, GUINT_TO_POINTER (hash), bucket);
        }
      g_array_append_val (bucket, j);
    }
  match_of_a = g_new (gint, MAX (na, 1));
  b_taken = g_new0 (gboolean, MAX (nb, 1));
  for (guint i = 0; i < na; i++)
    match_of_a[i] = -1;

  /* Equal pairs first, so that an edit never hides an unchanged copy. */
  for (guint i = 0; i < na; i++)
    {
      WmProposal *p = g_ptr_array_index (list_a, i);
      GArray *bucket = g_hash_table_lookup (buckets, GUINT_TO_POINTER (change_hash (p)));

      for (guint k = 0; bucket != NULL && k < bucket->len; k++)
        {
          guint j = g_array_index (bucket, guint, k);
          WmProposal *q = g_ptr_array_index (list_b, j);

          if (!b_taken[j] && wm_proposal_same_change (p, q)
              && wm_proposal_diff_fields (p, q) == WM_PROPOSAL_FIELD_NONE)
            {
              match_of_a[i] = (gint) j;
              b_taken[j] = TRUE;
              self->n_equal++;
              break;
            }
        }
    }

  /* Then the same changes with other figures: the nearest one of B for each of A. */
  for (guint i = 0; i < na; i++)
    {
      WmProposal *p = g_ptr_array_index (list_a, i);
      GArray *bucket;
      gint best = -1;
      guint best_n = G_MAXUINT;
      WmProposalFields best_fields = WM_PROPOSAL_FIELD_NONE;

      if (match_of_a[i] >= 0)
        continue;
      bucket = g_hash_table_lookup (buckets, GUINT_TO_POINTER (change_hash (p)));
      for (guint k = 0; bucket != NULL && k < bucket->len; k++)
        {
          guint j = g_array_index (bucket, guint, k);
          WmProposal *q = g_ptr_array_index (list_b, j);
          WmProposalFields fields;

          if (b_taken[j] || !wm_proposal_same_change (p, q))
            continue;
          fields = wm_proposal_diff_fields (p, q);
          if (n_fields (fields) < best_n)
            {
              best = (gint) j;
              best_n = n_fields (fields);
              best_fields = fields;
            }
        }
      if (best >= 0)
        {
          WmProposalPair pair = { g_object_ref (p), g_object_ref (g_ptr_array_index (list_b, best)),
                                  best_fields };

          match_of_a[i] = best;
          b_taken[best] = TRUE;
          g_array_append_val (self->changed, pair);
        }
    }

  for (guint i = 0; i < na; i++)
    if (match_of_a[i] < 0)
      g_ptr_array_add (self->only_a, g_object_ref (g_ptr_array_index (list_a, i)));
  for (guint j = 0; j < nb; j++)
    if (!b_taken[j])
      g_ptr_array_add (self->only_b, g_object_ref (g_ptr_array_index (list_b, j)));
  return self;
}

void
wm_scenario_diff_free (WmScenarioDiff *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->only_a);
  g_ptr_array_unref (self->only_b);
  g_array_unref (self->changed);
  g_object_unref (self->a);
  g_object_unref (self->b);
  g_free (self);
}

gboolean
wm_scenario_diff_is_empty (const WmScenarioDiff *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->only_a->len == 0 && self->only_b->len == 0 && self->changed->len == 0;
}

/* Indicators */

WmIndicatorScale
wm_indicator_key_scale (const char *key)
{
  g_return_val_if_fail (key != NULL, WM_INDICATOR_SCALE_COUNT);

  if (g_str_has_prefix (key, "share.") || g_str_has_prefix (key, "coverage.")
      || g_str_has_suffix (key, "_share"))
    return WM_INDICATOR_SCALE_SHARE;
  if (g_str_equal (key, "diversity") || g_str_has_prefix (key, "dissimilarity"))
    return WM_INDICATOR_SCALE_INDEX;
  return WM_INDICATOR_SCALE_COUNT;
}

double
wm_scenario_diff_move_size (const char *key,
                            double      a,
                            double      b)
{
  g_return_val_if_fail (key != NULL, NAN);

  if (isnan (a) || isnan (b))
    return NAN;
  if (wm_indicator_key_scale (key) != WM_INDICATOR_SCALE_COUNT)
    return 100.0 * fabs (b - a);
  if (a == b)
    return 0.0;
  /* From nothing to something is a whole change, not an infinite one. */
  if (a == 0.0)
    return 100.0;
  return 100.0 * fabs (b - a) / fabs (a);
}

typedef struct
{
  WmIndicatorMove move;
  guint order;
} RankedMove;

static int
compare_moves (gconstpointer pa,
               gconstpointer pb)
{
  const RankedMove *a = pa, *b = pb;

  if (a->move.size != b->move.size)
    return a->move.size > b->move.size ? -1 : 1;
  return a->order < b->order ? -1 : a->order > b->order;
}

GArray *
wm_scenario_diff_rank_indicators (const WmScenarioComparison *comparison,
                                  guint                       index_a,
                                  guint                       index_b)
{
  g_autoptr (GArray) ranked = g_array_new (FALSE, FALSE, sizeof (RankedMove));
  GArray *moves;

  g_return_val_if_fail (comparison != NULL, NULL);
  g_return_val_if_fail (index_a < comparison->scenarios->len, NULL);
  g_return_val_if_fail (index_b < comparison->scenarios->len, NULL);

  for (guint r = 0; r < comparison->rows->len; r++)
    {
      const WmComparisonRow *row = &g_array_index (comparison->rows, WmComparisonRow, r);
      const WmComparisonCell *ca = &g_array_index (row->cells, WmComparisonCell, index_a);
      const WmComparisonCell *cb = &g_array_index (row->cells, WmComparisonCell, index_b);
      RankedMove entry = { { row, ca->value, cb->value, cb->value - ca->value, 0 }, r };

      entry.move.size = wm_scenario_diff_move_size (row->key, ca->value, cb->value);
      /* isnan first: NAN > 0 is false anyway, but say so. */
      if (isnan (entry.move.size) || !(entry.move.size > 0.0))
        continue;
      g_array_append_val (ranked, entry);
    }
  g_array_sort (ranked, compare_moves);
  moves = g_array_sized_new (FALSE, FALSE, sizeof (WmIndicatorMove), ranked->len);
  for (guint i = 0; i < ranked->len; i++)
    g_array_append_val (moves, g_array_index (ranked, RankedMove, i).move);
  return moves;
}

GArray *
wm_scenario_diff_top_indicators (const WmScenarioComparison *comparison,
                                 guint                       index_a,
                                 guint                       index_b,
                                 guint                       n)
{
  GArray *moves = wm_scenario_diff_rank_indicators (comparison, index_a, index_b);

  if (moves != NULL && moves->len > n)
    g_array_set_size (moves, n);
  return moves;
}
