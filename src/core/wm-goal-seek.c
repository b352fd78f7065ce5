/* wm-goal-seek.c: the dwelling mix with the fewest changes that meets every target band */
#include "config.h"

#include "wm-goal-seek.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (wm-goal-seek-error-quark, wm_goal_seek_error)

typedef enum
{
  BAND_SHARE,
  BAND_AFFORDABLE,
  BAND_NEW_BUILD_AFFORDABLE,
  BAND_DIVERSITY,
  BAND_CONSTANT, /* coverage: the dwellings of the new build stay where they are */
} BandKind;

typedef struct
{
  char *key;
  BandKind kind;
  WmSegment segment;
  WmTargetBand band;
  double constant;
} Band;

typedef struct
{
  WmTargets *targets;
  gboolean affordable[WM_N_SEGMENTS];
  /* The scope without the proposal: raw dwellings per segment (as the engine keeps them),
   * and the new build's dwellings and affordable dwellings. */
  gint64 base[WM_N_SEGMENTS];
  gint64 new_build;
  gint64 new_build_affordable;
  GArray *bands; /* Band */

  /* The search. */
  int n;
  int current[WM_N_SEGMENTS];
  int x[WM_N_SEGMENTS];
  int best[WM_N_SEGMENTS];
  double best_gap;
  int best_l1;
  guint64 n_evaluated;
  /* With no negative count in the scope the dwellings there are a constant, and each share
   * moves with one count only: then a partial mix bounds the gap from below. */
  gboolean bounded;
  gint64 n_scope;
  gint64 affordable_base;
  double *values;    /* per band, scratch */
  gboolean *defined;
} Search;

static void
band_clear (gpointer data)
{
  Band *band = data;

  g_free (band->key);
}

static gint64
clamp0 (gint64 v)
{
  return MAX (v, 0);
}

/* As the engine's fraction(): the same operations, so that a bound is met exactly when the
 * engine says it is. */
static double
fraction (gint64 part,
          gint64 whole)
{
  return whole > 0 ? (double) clamp0 (part) / (double) whole : 0.0;
}

/* The value of every band at mix @x; FALSE in @defined for a band with nothing to judge. */
static void
evaluate (const Search *s,
          const int    *x,
          double       *values,
          gboolean     *defined)
{
  gint64 clamped[WM_N_SEGMENTS];
  gint64 n = 0, affordable = 0, nb = s->new_build, nba = s->new_build_affordable;

  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    {
      clamped[g] = clamp0 (s->base[g] + x[g]);
      n += clamped[g];
      if (s->affordable[g])
        {
          affordable += clamped[g];
          nba += x[g];
        }
      nb += x[g];
    }

  for (guint i = 0; i < s->bands->len; i++)
    {
      const Band *band = &g_array_index (s->bands, Band, i);

      defined[i] = n > 0;
      switch (band->kind)
        {
        case BAND_SHARE:
          values[i] = fraction (clamped[band->segment], n);
          break;
        case BAND_AFFORDABLE:
          values[i] = fraction (affordable, n);
          break;
        case BAND_NEW_BUILD_AFFORDABLE:
          defined[i] = nb > 0;
          values[i] = fraction (nba, nb);
          break;
        case BAND_DIVERSITY:
          {
            double h = 0.0;

            for (guint g = 0; g < WM_N_SEGMENTS; g++)
              if (clamped[g] > 0)
                {
                  double p = (double) clamped[g] / (double) n;
                  h -= p * log (p);
                }
            values[i] = h > 0.0 ? h / log (WM_N_SEGMENTS) : 0.0;
          }
          break;
        case BAND_CONSTANT:
        default:
          values[i] = band->constant;
          break;
        }
    }
}

/* The tolerance of wm_targets_judge(): a value this close to a bound meets it. */
#define JUDGE_EPSILON 1e-9

/* The gap as wm_targets_judge() sees it (below or above the band, close or not), without its
 * look-up by key: this runs for every mix considered. */
static double
band_gap (const Band *band,
          double      value)
{
  if (!isnan (band->band.min) && value < band->band.min - JUDGE_EPSILON)
    return band->band.min - value;
  if (!isnan (band->band.max) && value > band->band.max + JUDGE_EPSILON)
    return value - band->band.max;
  return 0.0;
}

static double
total_gap (Search     *s,
           const int    *x)
{
  double *values = s->values;
  gboolean *defined = s->defined;
  double gap = 0.0;

  evaluate (s, x, values, defined);
  for (guint i = 0; i < s->bands->len; i++)
    if (defined[i])
      gap += band_gap (&g_array_index (s->bands, Band, i), values[i]);
  return gap;
}

static double
value_at (const Search *s,
          const Band   *band,
          gint64        count)
{
  switch (band->kind)
    {
    case BAND_SHARE:
      return fraction (s->base[band->segment] + count, s->n_scope);
    case BAND_AFFORDABLE:
      return fraction (s->affordable_base + count, s->n_scope);
    case BAND_NEW_BUILD_AFFORDABLE:
      return fraction (s->new_build_affordable + count, s->new_build + s->n);
    case BAND_DIVERSITY:
    case BAND_CONSTANT:
    default:
      return band->constant;
    }
}

/* The least gap of @band while its count lies in [@lo, @hi]: its value moves one way with the
 * count, so the least gap is at an end, or 0 when the ends lie on both sides of the band. */
static double
least_gap (const Search *s,
           const Band   *band,
           gint64        lo,
           gint64        hi)
{
  double value_hi = value_at (s, band, hi);
  double value_lo;

  if (!isnan (band->band.min) && value_hi < band->band.min - JUDGE_EPSILON)
    return band_gap (band, value_hi);
  value_lo = value_at (s, band, lo);
  if (!isnan (band->band.max) && value_lo > band->band.max + JUDGE_EPSILON)
    return band_gap (band, value_lo);
  return 0.0;
}

/* Normalised entropy of the counts, as the engine computes diversity. */
static double
entropy_of (const double *counts,
            double        n)
{
  double h = 0.0;

  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    if (counts[g] > 0)
      {
        double p = counts[g] / n;
        h -= p * log (p);
      }
  return h > 0.0 ? h / log (WM_N_SEGMENTS) : 0.0;
}

/* The least gap of a diversity band over the mixes that begin with x[0 .. @n_set - 1]. Entropy
 * is concave and Schur-concave: its largest value spreads @rest as evenly as it can over the
 * other segments (water filling, allowing fractions: at least the integer best), its smallest
 * puts all of @rest into one of them. A small slack keeps rounding from cutting the best mix. */
static double
diversity_gap_bound (const Search *s,
                     const Band   *band,
                     guint         n_set,
                     int           rest)
{
  double counts[WM_N_SEGMENTS];
  double n = (double) s->n_scope;

  if (s->n_scope <= 0)
    return 0.0;
  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    counts[g] = (double) s->base[g] + (g < n_set ? s->x[g] : 0);

  if (!isnan (band->band.min))
    {
      double filled[WM_N_SEGMENTS];
      double level, left = rest;
      guint n_low;

      /* Raise the lowest of the open segments together until @rest is used up. */
      memcpy (filled, counts, sizeof filled);
      while (left > 0.0)
        {
          double low = INFINITY, next = INFINITY;

          n_low = 0;
          for (guint g = n_set; g < WM_N_SEGMENTS; g++)
            low = MIN (low, filled[g]);
          for (guint g = n_set; g < WM_N_SEGMENTS; g++)
            if (filled[g] == low)
              n_low++;
            else
              next = MIN (next, filled[g]);
          level = MIN (next, low + left / n_low);
          for (guint g = n_set; g < WM_N_SEGMENTS; g++)
            if (filled[g] == low)
              filled[g] = level;
          left -= (level - low) * n_low;
          if (level < next)
            break;
        }
      if (entropy_of (filled, n) < band->band.min - JUDGE_EPSILON)
        return MAX (0.0, band->band.min - entropy_of (filled, n) - 1e-9);
    }
  if (!isnan (band->band.max))
    {
      double least = INFINITY;

      for (guint g = n_set; g < WM_N_SEGMENTS; g++)
        {
          double one[WM_N_SEGMENTS];

          memcpy (one, counts, sizeof one);
          one[g] += rest;
          least = MIN (least, entropy_of (one, n));
        }
      if (least > band->band.max + JUDGE_EPSILON)
        return MAX (0.0, least - band->band.max - 1e-9);
    }
  return 0.0;
}

/* A lower bound of the total gap of every mix that begins with x[0 .. @n_set - 1] and shares
 * @rest dwellings over the other segments. */
static double
gap_bound (const Search *s,
           guint         n_set,
           int           rest)
{
  gint64 affordable_set = 0;
  gboolean any_affordable = FALSE, any_other = FALSE;
  double bound = 0.0;

  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    if (g < n_set)
      affordable_set += s->affordable[g] ? s->x[g] : 0;
    else if (s->affordable[g])
      any_affordable = TRUE;
    else
      any_other = TRUE;

  for (guint i = 0; i < s->bands->len; i++)
    {
      const Band *band = &g_array_index (s->bands, Band, i);

      switch (band->kind)
        {
        case BAND_SHARE:
          if (s->n_scope <= 0)
            break;
          if (band->segment < n_set)
            bound += least_gap (s, band, s->x[band->segment], s->x[band->segment]);
          else
            bound += least_gap (s, band, 0, rest);
          break;
        case BAND_AFFORDABLE:
        case BAND_NEW_BUILD_AFFORDABLE:
          if (band->kind == BAND_AFFORDABLE ? s->n_scope <= 0 : s->new_build + s->n <= 0)
            break;
          bound += least_gap (s, band, affordable_set + (any_other ? 0 : rest),
                              affordable_set + (any_affordable ? rest : 0));
          break;
        case BAND_CONSTANT:
          if (s->n_scope > 0)
            bound += band_gap (band, band->constant);
          break;
        case BAND_DIVERSITY:
          bound += diversity_gap_bound (s, band, n_set, rest);
          break;
        default:
          break;
        }
    }
  return bound;
}

static void
consider (Search *s,
          int     l1)
{
  double gap = total_gap (s, s->x);

  s->n_evaluated++;
  /* Smallest total gap first, then fewest changes; on a tie the first one found stays. */
  if (gap < s->best_gap - 1e-12 || (gap <= s->best_gap + 1e-12 && l1 < s->best_l1))
    {
      s->best_gap = gap;
      s->best_l1 = l1;
      memcpy (s->best, s->x, sizeof s->best);
    }
}

/* Segment @g onwards share @rest dwellings; @l1 is the change so far. Each segment's count is
 * tried from the current one outwards, so that near mixes come first and the bound bites. */
static void
search (Search *s,
        guint   g,
        int     rest,
        int     l1)
{
  int d = s->current[g];
  int rest_current = 0;

  if (g == WM_N_SEGMENTS - 1)
    {
      s->x[g] = rest;
      consider (s, l1 + ABS (rest - d));
      return;
    }
  for (guint h = g + 1; h < WM_N_SEGMENTS; h++)
    rest_current += s->current[h];

  /* d, d + 1, d - 1, d + 2, d - 2, ... */
  for (int step = 0; step <= MAX (d, rest); step++)
    for (int k = 0; k < (step == 0 ? 1 : 2); k++)
      {
        int v = k == 0 ? d + step : d - step;
        int lb;

        if (v < 0 || v > rest)
          continue;
        /* What is moved so far, and at least what the later segments must still change. */
        lb = l1 + ABS (v - d) + ABS ((rest - v) - rest_current);
        if (s->best_gap == 0.0 && lb >= s->best_l1)
          continue;
        s->x[g] = v;
        if (s->bounded)
          {
            double lb_gap = gap_bound (s, g + 1, rest - v);

            /* Only a smaller gap, or as small a gap with fewer changes, can win. */
            if (lb_gap > s->best_gap + 1e-12 || (lb_gap >= s->best_gap - 1e-12 && lb >= s->best_l1))
              continue;
          }
        search (s, g + 1, rest - v, l1 + ABS (v - d));
      }
}

/* "27.5" with the interface's decimal separator, without a trailing ".0". */
static char *
format_decimal (double value,
                int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  GString *text;
  char *dot;

  g_ascii_formatd (buf, sizeof buf, decimals == 1 ? "%.1f" : "%.2f", value);
  text = g_string_new (buf);
  if (decimals == 1 && g_str_has_suffix (text->str, ".0"))
    g_string_truncate (text, text->len - 2);
  if (g_str_equal (text->str, "-0"))
    g_string_assign (text, "0");
  dot = strchr (text->str, '.');
  if (dot != NULL)
    {
      gsize at = dot - text->str;

      /* Translators: the decimal separator of numbers in messages ("," in Dutch) */
      g_string_erase (text, at, 1);
      g_string_insert (text, at, C_("decimal separator", "."));
    }
  return g_string_free (text, FALSE);
}

static char *
format_value (double   value,
              gboolean as_index)
{
  g_autofree char *number = NULL;

  if (as_index)
    return format_decimal (value, 2);
  number = format_decimal (100.0 * value, 1);
  /* Translators: a percentage, e.g. "27.5 %" */
  return g_strdup_printf (_("%s %%"), number);
}

static char *
describe_gap (const char        *key,
              const WmTargetBand *band,
              double             value,
              double             gap,
              gboolean           below)
{
  gboolean as_index = wm_target_key_is_index (key);
  g_autofree char *label = wm_target_key_label (key);
  g_autofree char *shown = format_value (value, as_index);
  g_autofree char *bound = format_value (below ? band->min : band->max, as_index);
  g_autofree char *by = as_index ? format_decimal (gap, 2) : format_decimal (100.0 * gap, 1);

  if (as_index)
    return below
      /* Translators: "Diversity (...): 0.52, 0.08 below the minimum of 0.60" */
      ? g_strdup_printf (_("%s: %s, %s below the minimum of %s"), label, shown, by, bound)
      : g_strdup_printf (_("%s: %s, %s above the maximum of %s"), label, shown, by, bound);
  return below
    /* Translators: "Share of social rent: 27.5 %, 2.5 points below the minimum of 30 %" */
    ? g_strdup_printf (_("%s: %s, %s points below the minimum of %s"), label, shown, by, bound)
    : g_strdup_printf (_("%s: %s, %s points above the maximum of %s"), label, shown, by, bound);
}

static gboolean
band_from_key (WmIndicatorEngine *engine,
               const char        *key,
               const char        *area_id,
               Band              *out)
{
  memset (out, 0, sizeof *out);
  if (g_str_has_prefix (key, "share.") && wm_segment_from_key (key + 6, &out->segment))
    out->kind = BAND_SHARE;
  else if (g_str_equal (key, "affordable_share"))
    out->kind = BAND_AFFORDABLE;
  else if (g_str_equal (key, "new_build_affordable_share"))
    out->kind = BAND_NEW_BUILD_AFFORDABLE;
  else if (g_str_equal (key, "diversity"))
    out->kind = BAND_DIVERSITY;
  else if (g_str_has_prefix (key, "coverage.") &&
           wm_indicator_engine_lookup (engine, key, area_id, WM_INDICATOR_PROJECTED,
                                       &out->constant))
    out->kind = BAND_CONSTANT;
  else
    return FALSE;
  out->key = g_strdup (key);
  return TRUE;
}

static gboolean
is_new_build (WmProposal *p)
{
  return wm_proposal_get_kind (p) == WM_PROPOSAL_NEW_BUILD ||
         wm_proposal_get_kind (p) == WM_PROPOSAL_TRANSFORM;
}

/* The proposals whose dwellings the engine counts in the area: those that move a segment's
 * raw count there (a new build with dwellings always does). */
static GHashTable *
proposals_in_area (WmIndicatorEngine *engine,
                   const char        *area_id)
{
  GHashTable *set = g_hash_table_new (NULL, NULL);

  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    {
      g_autofree char *key = g_strconcat ("dwellings.", wm_segment_key (g), NULL);
      g_autoptr(GArray) list = wm_indicator_engine_get_contributions (engine, key, area_id);

      for (guint i = 0; i < list->len; i++)
        g_hash_table_add (set, g_array_index (list, WmIndicatorContribution, i).proposal);
    }
  return set;
}

static gboolean
in_scenario (WmScenario *scenario,
             WmProposal *proposal)
{
  GListModel *list = wm_scenario_get_proposals (scenario);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WmProposal) p = g_list_model_get_item (list, i);

      if (p == proposal)
        return TRUE;
    }
  return FALSE;
}

WmGoalSeekResult *
wm_goal_seek_new_build (WmIndicatorEngine *engine,
                        WmProposal        *proposal,
                        const char        *area_id,
                        GError           **error)
{
  WmPlan *plan;
  WmScenario *scenario;
  const WmDwellingMix *delta;
  WmSegmentTable *table = wm_segment_table_get_default ();
  g_autoptr(GHashTable) in_area = NULL;
  g_auto(GStrv) keys = NULL;
  g_autoptr(GArray) bands = NULL;
  WmDwellingMix scope_mix;
  Search s = { 0 };
  g_autofree double *values_owned = NULL;
  g_autofree gboolean *defined_owned = NULL;
  WmGoalSeekResult *result;
  WmDwellingMix proposed;
  GListModel *list;
  const char *name;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (engine), NULL);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  plan = wm_indicator_engine_get_plan (engine);
  scenario = wm_indicator_engine_get_scenario (engine);
  name = wm_proposal_get_name (proposal) != NULL ? wm_proposal_get_name (proposal)
                                                 : wm_proposal_get_id (proposal);
  if (wm_proposal_get_kind (proposal) != WM_PROPOSAL_NEW_BUILD)
    {
      g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_UNSUPPORTED,
                   _("“%s” is not a new build: only the mix of a new build can be sought"),
                   name);
      return NULL;
    }
  if (!in_scenario (scenario, proposal))
    {
      g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_NOT_IN_SCENARIO,
                   _("New build “%s” is not in scenario “%s”"), name,
                   wm_scenario_get_name (scenario));
      return NULL;
    }
  if (area_id != NULL && wm_plan_find_area (plan, area_id) == NULL &&
      !g_str_equal (area_id, WM_INDICATOR_AREA_OUTSIDE))
    {
      g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_UNKNOWN_AREA,
                   _("The plan has no area “%s”"), area_id);
      return NULL;
    }
  delta = wm_proposal_get_dwelling_delta (proposal);
  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    {
      if (delta->counts[g] < 0)
        {
          g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_NEGATIVE,
                       _("New build “%s” has a negative number of dwellings"), name);
          return NULL;
        }
      s.current[g] = delta->counts[g];
    }
  s.n = wm_dwelling_mix_total (delta);
  if (s.n > WM_GOAL_SEEK_MAX_DWELLINGS)
    {
      g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_TOO_LARGE,
                   ngettext ("New build “%s” has %d dwellings: an exact search is limited to "
                             "%d dwelling",
                             "New build “%s” has %d dwellings: an exact search is limited to "
                             "%d dwellings", WM_GOAL_SEEK_MAX_DWELLINGS),
                   name, s.n, WM_GOAL_SEEK_MAX_DWELLINGS);
      return NULL;
    }

  if (area_id != NULL)
    {
      in_area = proposals_in_area (engine, area_id);
      if (s.n > 0 && !g_hash_table_contains (in_area, proposal))
        {
          WmArea *area = wm_plan_find_area (plan, area_id);

          g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_OUTSIDE_SCOPE,
                       _("New build “%s” lies outside area “%s”: its mix does not change the "
                         "area’s indicators"),
                       name, area != NULL ? wm_area_get_name (area) : area_id);
          return NULL;
        }
    }

  /* The scope without the proposal: the engine's counts minus what the proposal adds. */
  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    s.affordable[g] = wm_segment_table_is_affordable (table, g);
  wm_indicator_engine_get_mix (engine, area_id, WM_INDICATOR_PROJECTED, &scope_mix);
  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    s.base[g] = scope_mix.counts[g] - delta->counts[g];
  list = wm_scenario_get_proposals (scenario);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WmProposal) p = g_list_model_get_item (list, i);
      const WmDwellingMix *d = wm_proposal_get_dwelling_delta (p);

      if (p == proposal || !is_new_build (p) || (in_area != NULL && !g_hash_table_contains (in_area, p)))
        continue;
      for (guint g = 0; g < WM_N_SEGMENTS; g++)
        if (d->counts[g] > 0)
          {
            s.new_build += d->counts[g];
            if (s.affordable[g])
              s.new_build_affordable += d->counts[g];
          }
    }

  s.targets = wm_plan_get_targets (plan);
  keys = wm_targets_dup_keys (s.targets);
  bands = g_array_new (FALSE, FALSE, sizeof (Band));
  g_array_set_clear_func (bands, band_clear);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      Band band;

      if (!band_from_key (engine, keys[i], area_id, &band))
        continue;
      wm_targets_get_band (s.targets, keys[i], &band.band);
      g_array_append_val (bands, band);
    }
  s.bands = bands;
  s.values = g_new0 (double, bands->len + 1);
  s.defined = g_new0 (gboolean, bands->len + 1);
  values_owned = s.values;
  defined_owned = s.defined;

  /* The search's figures at the current mix must be the engine's: otherwise its answer
   * would not be what the panel shows after accepting it. */
  {
    double *values = s.values;
    gboolean *defined = s.defined;

    evaluate (&s, s.current, values, defined);
    for (guint i = 0; i < bands->len; i++)
      {
        const Band *band = &g_array_index (bands, Band, i);
        gboolean engine_defined =
          wm_indicator_engine_is_defined (engine, band->key, area_id, WM_INDICATOR_PROJECTED);
        double engine_value = wm_indicator_engine_get (engine, band->key, area_id,
                                                       WM_INDICATOR_PROJECTED);

        if (defined[i] != engine_defined || (defined[i] && fabs (values[i] - engine_value) > 1e-9))
          {
            g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_INCONSISTENT,
                         _("The targets cannot be sought for new build “%s”: “%s” comes out "
                           "differently than in the indicators"),
                         name, band->key);
            return NULL;
          }
      }
  }

  s.bounded = TRUE;
  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    {
      s.bounded &= s.base[g] >= 0;
      s.n_scope += s.base[g];
      if (s.affordable[g])
        s.affordable_base += s.base[g];
    }
  s.n_scope += s.n;

  /* The current mix first: when it fits, nothing else needs to change. */
  memcpy (s.x, s.current, sizeof s.x);
  s.best_gap = INFINITY;
  s.best_l1 = G_MAXINT;
  consider (&s, 0);
  if (s.best_gap > 0.0)
    search (&s, 0, s.n, 0);

  result = g_new0 (WmGoalSeekResult, 1);
  result->proposals = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (result->proposals, g_object_ref (proposal));
  result->current = g_array_new (FALSE, FALSE, sizeof (WmDwellingMix));
  result->proposed = g_array_new (FALSE, FALSE, sizeof (WmDwellingMix));
  g_array_append_vals (result->current, delta, 1);
  memcpy (proposed.counts, s.best, sizeof proposed.counts);
  g_array_append_val (result->proposed, proposed);
  result->area_id = g_strdup (area_id);
  result->n_changes = s.best_l1 / 2;
  result->n_evaluated = s.n_evaluated;
  result->bands = g_array_new (FALSE, FALSE, sizeof (WmGoalSeekBand));
  result->reached = TRUE;
  {
    double *values = s.values;
    gboolean *defined = s.defined;

    evaluate (&s, s.best, values, defined);
    for (guint i = 0; i < bands->len; i++)
      {
        const Band *band = &g_array_index (bands, Band, i);
        WmGoalSeekBand out = { 0 };

        if (!defined[i])
          continue;
        out.key = g_strdup (band->key);
        out.band = band->band;
        out.value = values[i];
        out.verdict = wm_targets_judge (s.targets, band->key, values[i]);
        out.gap = band_gap (band, values[i]);
        if (out.gap > 0.0)
          {
            result->reached = FALSE;
            result->total_gap += out.gap;
            out.description = describe_gap (band->key, &band->band, values[i], out.gap,
                                            wm_target_verdict_is_below (out.verdict));
          }
        g_array_append_val (result->bands, out);
      }
  }
  return result;
}

const WmDwellingMix *
wm_goal_seek_result_get_proposed (WmGoalSeekResult *result,
                                  WmProposal       *proposal)
{
  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < result->proposals->len; i++)
    if (g_ptr_array_index (result->proposals, i) == proposal)
      return &g_array_index (result->proposed, WmDwellingMix, i);
  return NULL;
}

void
wm_goal_seek_result_free (WmGoalSeekResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->proposals);
  g_array_unref (result->current);
  g_array_unref (result->proposed);
  for (guint i = 0; i < result->bands->len; i++)
    {
      WmGoalSeekBand *band = &g_array_index (result->bands, WmGoalSeekBand, i);

      g_free (band->key);
      g_free (band->description);
    }
  g_array_unref (result->bands);
  g_free (result->area_id);
  g_free (result);
}
