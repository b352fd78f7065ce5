/* wm-goal-seek.c: the dwelling mix with the fewest changes that meets every target band */
#include "config.h"

#include "wm-goal-seek.h"

#include "wm-plan-check.h"
#include "wm-proposal-factory.h"

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

/* One proposal of the problem. For a new build everything is chosen; a conversion keeps what it
 * takes out (@fixed, the negative part of its delta) and its number, and the search chooses
 * the destinations (@dest now, the positive part). */
typedef struct
{
  WmProposal *proposal;
  WmDwellingMix current; /* the delta */
  WmDwellingMix fixed;
  WmDwellingMix dest;
  int total;             /* of @dest */
  guint allowed;         /* segments (bits) the destinations may use */
  gboolean searched;     /* counts in the scope and moves dwellings: else it keeps its mix */
} Part;

struct _WmGoalSeekProblem
{
  gint ref_count;
  WmTargets *targets;    /* a copy: read by the worker only */
  gboolean conversions;
  gboolean affordable[WM_N_SEGMENTS];
  /* The scope without the searched choice: raw dwellings per segment (as the engine keeps
   * them), and the new build's dwellings and affordable dwellings. */
  gint64 base[WM_N_SEGMENTS];
  gint64 new_build;
  gint64 new_build_affordable;
  GArray *bands;         /* Band */
  GArray *parts;         /* Part */
  GPtrArray *proposals;  /* WmProposal, referenced, the parts' order */
  char *area_id;
  /* The combined question: the destinations now, their number, and per set of segments
   * (bits) how many dwellings may go into it at most (Hall's condition for the split). */
  int current[WM_N_SEGMENTS];
  int n;
  guint allowed;
  int cap[1 << WM_N_SEGMENTS];
};

typedef struct
{
  const WmGoalSeekProblem *p;
  gboolean affordable[WM_N_SEGMENTS];
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
  guint64 n_visited;
  GCancellable *cancellable;
  gboolean cancelled;
  /* With no negative count in the scope the dwellings there are a constant, and each share
   * moves with one count only: then a partial mix bounds the gap from below. */
  gboolean bounded;
  /* A new build's dwellings count for new_build_affordable_share; converted ones do not. */
  gboolean grows_new_build;
  guint allowed;
  const int *cap;
  /* Only several proposals can fail to split a mix; for one, the closed segments suffice. */
  gboolean check_split;
  gint64 n_scope;
  gint64 affordable_base;
  double *values;    /* per band, scratch */
  gboolean *defined;
} Search;

static gboolean
allowed_at (const Search *s,
            guint         g)
{
  return (s->allowed & (1u << g)) != 0;
}

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
        affordable += clamped[g];
      if (s->grows_new_build)
        {
          nba += s->affordable[g] ? x[g] : 0;
          nb += x[g];
        }
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
      if (!s->grows_new_build)
        return fraction (s->new_build_affordable, s->new_build);
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
            if (allowed_at (s, g))
              low = MIN (low, filled[g]);
          for (guint g = n_set; g < WM_N_SEGMENTS; g++)
            if (!allowed_at (s, g))
              continue;
            else if (filled[g] == low)
              n_low++;
            else
              next = MIN (next, filled[g]);
          if (n_low == 0)
            break;
          level = MIN (next, low + left / n_low);
          for (guint g = n_set; g < WM_N_SEGMENTS; g++)
            if (allowed_at (s, g) && filled[g] == low)
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

          if (!allowed_at (s, g))
            continue;
          memcpy (one, counts, sizeof one);
          one[g] += rest;
          least = MIN (least, entropy_of (one, n));
        }
      if (isfinite (least) && least > band->band.max + JUDGE_EPSILON)
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
    else if (!allowed_at (s, g))
      continue;
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
            bound += least_gap (s, band, 0, allowed_at (s, band->segment) ? rest : 0);
          break;
        case BAND_AFFORDABLE:
        case BAND_NEW_BUILD_AFFORDABLE:
          if (band->kind == BAND_AFFORDABLE
                ? s->n_scope <= 0
                : s->new_build + (s->grows_new_build ? s->n : 0) <= 0)
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

/* Whether the dwellings put into segments 0 .. @g can come from the proposals that may use
 * them: for every set of those segments that holds @g, at most what the proposals allowed into
 * any of them bring (Hall's condition; with all five segments set, also enough). */
static gboolean
fits_so_far (const Search *s,
             guint         g)
{
  guint top = 1u << g;

  for (guint rest = 0; rest < top; rest++)
    {
      guint set = rest | top;
      int sum = 0;

      for (guint h = 0; h <= g; h++)
        if (set & (1u << h))
          sum += s->x[h];
      if (sum > s->cap[set])
        return FALSE;
    }
  return TRUE;
}

static void
consider (Search *s,
          int     l1)
{
  double gap;

  if (s->check_split && !fits_so_far (s, WM_N_SEGMENTS - 1))
    return;
  gap = total_gap (s, s->x);

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

  if (s->cancelled)
    return;
  /* Checking now and then is cheap enough not to show; a cancel is seen within milliseconds. */
  if (s->cancellable != NULL && (++s->n_visited & 0xfff) == 0 &&
      g_cancellable_is_cancelled (s->cancellable))
    {
      s->cancelled = TRUE;
      return;
    }
  if (g == WM_N_SEGMENTS - 1)
    {
      if (rest > 0 && !allowed_at (s, g))
        return;
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

        if (v < 0 || v > rest || (v > 0 && !allowed_at (s, g)))
          continue;
        /* What is moved so far, and at least what the later segments must still change. */
        lb = l1 + ABS (v - d) + ABS ((rest - v) - rest_current);
        if (s->best_gap == 0.0 && lb >= s->best_l1)
          continue;
        s->x[g] = v;
        if (v > 0 && s->check_split && !fits_so_far (s, g))
          continue;
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

static const char *
proposal_name (WmProposal *p)
{
  return wm_proposal_get_name (p) != NULL ? wm_proposal_get_name (p) : wm_proposal_get_id (p);
}

static gboolean
check_area (WmPlan      *plan,
            const char  *area_id,
            GError     **error)
{
  if (area_id != NULL && wm_plan_find_area (plan, area_id) == NULL &&
      !g_str_equal (area_id, WM_INDICATOR_AREA_OUTSIDE))
    {
      g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_UNKNOWN_AREA,
                   _("The plan has no area “%s”"), area_id);
      return FALSE;
    }
  return TRUE;
}

static const char *
area_name (WmPlan     *plan,
           const char *area_id)
{
  WmArea *area = wm_plan_find_area (plan, area_id);

  return area != NULL ? wm_area_get_name (area) : area_id;
}

static gboolean
too_large (int          n,
           const char  *name,
           GError     **error)
{
  if (n <= WM_GOAL_SEEK_MAX_DWELLINGS)
    return FALSE;
  if (name != NULL)
    g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_TOO_LARGE,
                 ngettext ("New build “%s” has %d dwellings: an exact search is limited to "
                           "%d dwelling",
                           "New build “%s” has %d dwellings: an exact search is limited to "
                           "%d dwellings", WM_GOAL_SEEK_MAX_DWELLINGS),
                 name, n, WM_GOAL_SEEK_MAX_DWELLINGS);
  else
    g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_TOO_LARGE,
                 ngettext ("The conversions move %d dwellings: an exact search is limited to "
                           "%d dwelling",
                           "The conversions move %d dwellings: an exact search is limited to "
                           "%d dwellings", WM_GOAL_SEEK_MAX_DWELLINGS),
                 n, WM_GOAL_SEEK_MAX_DWELLINGS);
  return TRUE;
}

WmGoalSeekProblem *
wm_goal_seek_problem_ref (WmGoalSeekProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);
  g_atomic_int_inc (&problem->ref_count);
  return problem;
}

void
wm_goal_seek_problem_free (WmGoalSeekProblem *problem)
{
  if (problem == NULL || !g_atomic_int_dec_and_test (&problem->ref_count))
    return;
  g_clear_object (&problem->targets);
  g_clear_pointer (&problem->bands, g_array_unref);
  g_clear_pointer (&problem->parts, g_array_unref);
  g_clear_pointer (&problem->proposals, g_ptr_array_unref);
  g_free (problem->area_id);
  g_free (problem);
}

static void
search_init (Search                  *s,
             const WmGoalSeekProblem *p)
{
  memset (s, 0, sizeof *s);
  s->p = p;
  memcpy (s->affordable, p->affordable, sizeof s->affordable);
  memcpy (s->base, p->base, sizeof s->base);
  memcpy (s->current, p->current, sizeof s->current);
  s->new_build = p->new_build;
  s->new_build_affordable = p->new_build_affordable;
  s->bands = p->bands;
  s->n = p->n;
  s->grows_new_build = !p->conversions;
  s->allowed = p->allowed;
  s->cap = p->cap;
  for (guint i = 0, n_searched = 0; i < p->parts->len; i++)
    if (g_array_index (p->parts, Part, i).searched && ++n_searched > 1)
      s->check_split = TRUE;
  s->values = g_new0 (double, p->bands->len + 1);
  s->defined = g_new0 (gboolean, p->bands->len + 1);
  s->bounded = TRUE;
  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    {
      s->bounded &= s->base[g] >= 0;
      s->n_scope += s->base[g];
      if (s->affordable[g])
        s->affordable_base += s->base[g];
    }
  s->n_scope += s->n;
}

static void
search_clear (Search *s)
{
  g_free (s->values);
  g_free (s->defined);
}

/* The part of the problem everything else is made from: @parts filled in (proposal, mixes,
 * allowed segments, searched), the rest read from the engine. */
static WmGoalSeekProblem *
problem_new (WmIndicatorEngine  *engine,
             GArray             *parts,
             gboolean            conversions,
             const char         *area_id,
             GHashTable         *in_area,
             const char         *name,
             GError            **error)
{
  g_autoptr(WmGoalSeekProblem) p = g_new0 (WmGoalSeekProblem, 1);
  WmPlan *plan = wm_indicator_engine_get_plan (engine);
  WmScenario *scenario = wm_indicator_engine_get_scenario (engine);
  WmSegmentTable *table = wm_segment_table_get_default ();
  g_auto(GStrv) keys = NULL;
  WmDwellingMix scope_mix;
  GListModel *list;
  Search s;

  p->ref_count = 1;
  p->conversions = conversions;
  p->area_id = g_strdup (area_id);
  p->parts = g_array_ref (parts);
  p->proposals = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = &g_array_index (parts, Part, i);

      g_ptr_array_add (p->proposals, g_object_ref (part->proposal));
      if (!part->searched)
        continue;
      for (guint g = 0; g < WM_N_SEGMENTS; g++)
        p->current[g] += part->dest.counts[g];
      p->n += part->total;
      p->allowed |= part->allowed;
      for (guint set = 1; set < G_N_ELEMENTS (p->cap); set++)
        if (set & part->allowed)
          p->cap[set] += part->total;
    }

  /* The scope without the choice: the engine's counts minus the destinations now. */
  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    p->affordable[g] = wm_segment_table_is_affordable (table, g);
  wm_indicator_engine_get_mix (engine, area_id, WM_INDICATOR_PROJECTED, &scope_mix);
  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    p->base[g] = scope_mix.counts[g] - p->current[g];
  list = wm_scenario_get_proposals (scenario);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WmProposal) q = g_list_model_get_item (list, i);
      const WmDwellingMix *d = wm_proposal_get_dwelling_delta (q);
      gboolean chosen = FALSE;

      for (guint j = 0; j < parts->len && !conversions; j++)
        chosen |= g_array_index (parts, Part, j).proposal == q;
      if (chosen || !is_new_build (q) || !wm_indicator_engine_counts_proposal (engine, q) ||
          (in_area != NULL && !g_hash_table_contains (in_area, q)))
        continue;
      for (guint g = 0; g < WM_N_SEGMENTS; g++)
        if (d->counts[g] > 0)
          {
            p->new_build += d->counts[g];
            if (p->affordable[g])
              p->new_build_affordable += d->counts[g];
          }
    }

  p->targets = wm_targets_copy (wm_plan_get_targets (plan));
  keys = wm_targets_dup_keys (p->targets);
  p->bands = g_array_new (FALSE, FALSE, sizeof (Band));
  g_array_set_clear_func (p->bands, band_clear);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      Band band;

      if (!band_from_key (engine, keys[i], area_id, &band))
        continue;
      wm_targets_get_band (p->targets, keys[i], &band.band);
      g_array_append_val (p->bands, band);
    }

  /* The search's figures at the current mix must be the engine's: otherwise its answer
   * would not be what the panel shows after accepting it. */
  search_init (&s, p);
  evaluate (&s, s.current, s.values, s.defined);
  for (guint i = 0; i < p->bands->len; i++)
    {
      const Band *band = &g_array_index (p->bands, Band, i);
      gboolean engine_defined =
        wm_indicator_engine_is_defined (engine, band->key, area_id, WM_INDICATOR_PROJECTED);
      double engine_value = wm_indicator_engine_get (engine, band->key, area_id,
                                                     WM_INDICATOR_PROJECTED);

      if (s.defined[i] != engine_defined ||
          (s.defined[i] && fabs (s.values[i] - engine_value) > 1e-9))
        {
          if (name != NULL)
            g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_INCONSISTENT,
                         _("The targets cannot be sought for new build “%s”: “%s” comes out "
                           "differently than in the indicators"),
                         name, band->key);
          else
            g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_INCONSISTENT,
                         _("The targets cannot be sought for these conversions: “%s” comes "
                           "out differently than in the indicators"),
                         band->key);
          search_clear (&s);
          return NULL;
        }
    }
  search_clear (&s);
  return g_steal_pointer (&p);
}

WmGoalSeekProblem *
wm_goal_seek_problem_new_build (WmIndicatorEngine *engine,
                                WmProposal        *proposal,
                                const char        *area_id,
                                GError           **error)
{
  WmPlan *plan;
  WmScenario *scenario;
  const WmDwellingMix *delta;
  g_autoptr(GHashTable) in_area = NULL;
  g_autoptr(GArray) parts = NULL;
  Part part = { 0 };
  const char *name;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (engine), NULL);
  g_return_val_if_fail (WM_IS_PROPOSAL (proposal), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  plan = wm_indicator_engine_get_plan (engine);
  scenario = wm_indicator_engine_get_scenario (engine);
  name = proposal_name (proposal);
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
  if (!check_area (plan, area_id, error))
    return NULL;
  delta = wm_proposal_get_dwelling_delta (proposal);
  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    if (delta->counts[g] < 0)
      {
        g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_NEGATIVE,
                     _("New build “%s” has a negative number of dwellings"), name);
        return NULL;
      }
  part.proposal = proposal;
  part.current = *delta;
  part.dest = *delta;
  part.total = wm_dwelling_mix_total (delta);
  part.allowed = (1u << WM_N_SEGMENTS) - 1;
  part.searched = TRUE;
  if (too_large (part.total, name, error))
    return NULL;
  if (!wm_indicator_engine_counts_proposal (engine, proposal))
    {
      g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_NOT_COUNTED,
                   _("New build “%s” is completed after %d, the year the indicators show"),
                   name, wm_indicator_engine_get_year (engine));
      return NULL;
    }

  if (area_id != NULL)
    {
      in_area = proposals_in_area (engine, area_id);
      if (part.total > 0 && !g_hash_table_contains (in_area, proposal))
        {
          g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_OUTSIDE_SCOPE,
                       _("New build “%s” lies outside area “%s”: its mix does not change the "
                         "area’s indicators"),
                       name, area_name (plan, area_id));
          return NULL;
        }
    }

  parts = g_array_new (FALSE, FALSE, sizeof (Part));
  g_array_append_val (parts, part);
  return problem_new (engine, parts, FALSE, area_id, in_area, name, error);
}

static gboolean
is_conversion (WmProposal *p)
{
  return wm_proposal_get_kind (p) == WM_PROPOSAL_CONVERT_TENURE ||
         wm_proposal_get_kind (p) == WM_PROPOSAL_RENOVATE;
}

WmGoalSeekProblem *
wm_goal_seek_problem_conversions (WmIndicatorEngine  *engine,
                                  WmProposal        **proposals,
                                  guint               n,
                                  const char         *area_id,
                                  GError            **error)
{
  WmPlan *plan;
  WmScenario *scenario;
  g_autoptr(GHashTable) in_area = NULL;
  g_autoptr(GHashTable) buildings = NULL;
  g_autoptr(GArray) parts = NULL;
  guint n_searched = 0, n_outside = 0, n_uncounted = 0;
  int total = 0;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (engine), NULL);
  g_return_val_if_fail (proposals != NULL || n == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  plan = wm_indicator_engine_get_plan (engine);
  scenario = wm_indicator_engine_get_scenario (engine);
  if (n == 0)
    {
      g_set_error_literal (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_UNSUPPORTED,
                           _("There are no conversions to seek the targets for"));
      return NULL;
    }
  if (!check_area (plan, area_id, error))
    return NULL;
  if (area_id != NULL)
    in_area = proposals_in_area (engine, area_id);
  /* Which buildings are demolished in the plan (at the engine's year): a conversion there
   * changes the stock only until the demolition. */
  buildings = wm_projected_building_table_at_year (plan, scenario,
                                                   wm_indicator_engine_get_year (engine));

  parts = g_array_new (FALSE, FALSE, sizeof (Part));
  for (guint i = 0; i < n; i++)
    {
      WmProposal *proposal = proposals[i];
      const char *const *ids;
      const WmDwellingMix *delta;
      WmProjectedBuilding *building;
      Part part = { 0 };

      g_return_val_if_fail (WM_IS_PROPOSAL (proposal), NULL);
      if (!is_conversion (proposal))
        {
          g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_UNSUPPORTED,
                       _("“%s” is not a tenure conversion or renovation: only where converted "
                         "dwellings go can be sought"),
                       proposal_name (proposal));
          return NULL;
        }
      if (!in_scenario (scenario, proposal))
        {
          g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_NOT_IN_SCENARIO,
                       _("Conversion “%s” is not in scenario “%s”"), proposal_name (proposal),
                       wm_scenario_get_name (scenario));
          return NULL;
        }
      for (guint j = 0; j < i; j++)
        if (proposals[j] == proposal)
          {
            g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_UNSUPPORTED,
                         _("Conversion “%s” is named twice"), proposal_name (proposal));
            return NULL;
          }

      delta = wm_proposal_get_dwelling_delta (proposal);
      part.proposal = proposal;
      part.current = *delta;
      part.allowed = 0;
      for (guint g = 0; g < WM_N_SEGMENTS; g++)
        if (delta->counts[g] < 0)
          part.fixed.counts[g] = delta->counts[g];
        else
          {
            part.dest.counts[g] = delta->counts[g];
            part.total += delta->counts[g];
            /* Never back into a segment it takes dwellings from: that is no conversion. */
            part.allowed |= 1u << g;
          }

      ids = wm_proposal_get_building_ids (proposal);
      building = ids != NULL && ids[0] != NULL ? g_hash_table_lookup (buildings, ids[0]) : NULL;
      if (part.total == 0)
        {
          /* A renovation without a segment change: nothing to choose. */
        }
      else if (!wm_indicator_engine_counts_proposal (engine, proposal) || building == NULL ||
               building->demolished)
        n_uncounted++;
      else if (in_area != NULL && !g_hash_table_contains (in_area, proposal))
        n_outside++;
      else
        {
          part.searched = TRUE;
          n_searched++;
          total += part.total;
        }
      g_array_append_val (parts, part);
    }

  if (n_searched == 0)
    {
      if (n_outside > 0)
        g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_OUTSIDE_SCOPE,
                     ngettext ("The conversion lies outside area “%s”: where its dwellings go "
                               "does not change the area’s indicators",
                               "The conversions lie outside area “%s”: where their dwellings go "
                               "does not change the area’s indicators", n),
                     area_name (plan, area_id));
      else if (n_uncounted > 0)
        g_set_error_literal (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_NOT_COUNTED,
                             ngettext ("The conversion does not count in the indicators shown: "
                                       "its building is demolished, or it is completed later",
                                       "The conversions do not count in the indicators shown: "
                                       "their buildings are demolished, or they are completed "
                                       "later", n));
      else
        g_set_error_literal (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_UNSUPPORTED,
                             ngettext ("The conversion moves no dwellings between segments",
                                       "The conversions move no dwellings between segments",
                                       n));
      return NULL;
    }
  if (too_large (total, NULL, error))
    return NULL;
  return problem_new (engine, parts, TRUE, area_id, in_area, NULL, error);
}

WmProposal **
wm_goal_seek_problem_get_proposals (WmGoalSeekProblem *problem,
                                    guint             *n_proposals)
{
  g_return_val_if_fail (problem != NULL, NULL);
  if (n_proposals != NULL)
    *n_proposals = problem->proposals->len;
  return (WmProposal **) problem->proposals->pdata;
}

guint
wm_goal_seek_problem_get_n_dwellings (WmGoalSeekProblem *problem)
{
  g_return_val_if_fail (problem != NULL, 0);
  return problem->n;
}

gboolean
wm_goal_seek_problem_segment_allowed (WmGoalSeekProblem *problem,
                                      guint              index,
                                      WmSegment          segment)
{
  g_return_val_if_fail (problem != NULL, FALSE);
  g_return_val_if_fail (index < problem->parts->len, FALSE);
  return segment < WM_N_SEGMENTS &&
         (g_array_index (problem->parts, Part, index).allowed & (1u << segment)) != 0;
}

/* Splitting the combined destinations back over the proposals: a min-cost flow from the
 * proposals (each its number of dwellings) to the segments (each its share of @y), over the
 * segments each may use, where keeping a dwelling in a segment it goes to now costs 0 and any
 * other costs 1. So the split keeps as many current destinations as any split can. Small: at
 * most a few hundred units over (proposals + 5) nodes. */
typedef struct
{
  guint to;
  int cap;
  int cost;
  guint rev;
} Edge;

static void
add_edge (GArray **adj,
          guint    from,
          guint    to,
          int      cap,
          int      cost)
{
  Edge forward = { to, cap, cost, adj[to]->len };
  Edge back = { from, 0, -cost, adj[from]->len };

  g_array_append_val (adj[from], forward);
  g_array_append_val (adj[to], back);
}

static void
split (const WmGoalSeekProblem *p,
       const int               *y,
       WmDwellingMix           *out)
{
  guint n_parts = p->parts->len;
  guint n_nodes = n_parts + WM_N_SEGMENTS + 2;
  guint source = n_parts + WM_N_SEGMENTS, sink = source + 1;
  g_autofree GArray **adj = g_new0 (GArray *, n_nodes);
  g_autofree int *dist = g_new (int, n_nodes);
  g_autofree guint *prev_node = g_new (guint, n_nodes);
  g_autofree guint *prev_edge = g_new (guint, n_nodes);

  for (guint v = 0; v < n_nodes; v++)
    adj[v] = g_array_new (FALSE, FALSE, sizeof (Edge));
  for (guint i = 0; i < n_parts; i++)
    {
      const Part *part = &g_array_index (p->parts, Part, i);

      out[i] = part->current;
      if (!part->searched)
        continue;
      add_edge (adj, source, i, part->total, 0);
      for (guint g = 0; g < WM_N_SEGMENTS; g++)
        if (part->allowed & (1u << g))
          {
            if (part->dest.counts[g] > 0)
              add_edge (adj, i, n_parts + g, part->dest.counts[g], 0);
            add_edge (adj, i, n_parts + g, part->total, 1);
          }
    }
  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    add_edge (adj, n_parts + g, sink, y[g], 0);

  /* Successive shortest paths (Bellman-Ford: the residual edges have negative costs). */
  for (;;)
    {
      gboolean relaxed = TRUE;
      int push = G_MAXINT;

      for (guint v = 0; v < n_nodes; v++)
        dist[v] = G_MAXINT;
      dist[source] = 0;
      for (guint round = 0; round < n_nodes && relaxed; round++)
        {
          relaxed = FALSE;
          for (guint v = 0; v < n_nodes; v++)
            if (dist[v] != G_MAXINT)
              for (guint e = 0; e < adj[v]->len; e++)
                {
                  Edge *edge = &g_array_index (adj[v], Edge, e);

                  if (edge->cap > 0 && dist[v] + edge->cost < dist[edge->to])
                    {
                      dist[edge->to] = dist[v] + edge->cost;
                      prev_node[edge->to] = v;
                      prev_edge[edge->to] = e;
                      relaxed = TRUE;
                    }
                }
        }
      if (dist[sink] == G_MAXINT)
        break;
      for (guint v = sink; v != source; v = prev_node[v])
        push = MIN (push, g_array_index (adj[prev_node[v]], Edge, prev_edge[v]).cap);
      for (guint v = sink; v != source; v = prev_node[v])
        {
          Edge *edge = &g_array_index (adj[prev_node[v]], Edge, prev_edge[v]);

          edge->cap -= push;
          g_array_index (adj[v], Edge, edge->rev).cap += push;
        }
    }

  for (guint i = 0; i < n_parts; i++)
    {
      const Part *part = &g_array_index (p->parts, Part, i);

      if (!part->searched)
        continue;
      out[i] = part->fixed;
      /* What went through the edges to the segments: the back edges' capacity. */
      for (guint e = 0; e < adj[i]->len; e++)
        {
          Edge *edge = &g_array_index (adj[i], Edge, e);

          if (edge->to >= n_parts && edge->to < n_parts + WM_N_SEGMENTS && edge->cost >= 0)
            out[i].counts[edge->to - n_parts] += g_array_index (adj[edge->to], Edge, edge->rev).cap;
        }
    }
  for (guint v = 0; v < n_nodes; v++)
    g_array_unref (adj[v]);
}

/* The result for the combined destinations @x and the proposals' deltas @proposed. */
static WmGoalSeekResult *
make_result (const WmGoalSeekProblem *p,
             Search                  *s,
             const int               *x,
             const WmDwellingMix     *proposed)
{
  WmGoalSeekResult *result = g_new0 (WmGoalSeekResult, 1);
  int l1 = 0;

  result->proposals = g_ptr_array_ref (p->proposals);
  result->current = g_array_new (FALSE, FALSE, sizeof (WmDwellingMix));
  result->proposed = g_array_new (FALSE, FALSE, sizeof (WmDwellingMix));
  for (guint i = 0; i < p->parts->len; i++)
    g_array_append_val (result->current, g_array_index (p->parts, Part, i).current);
  g_array_append_vals (result->proposed, proposed, p->parts->len);
  for (guint g = 0; g < WM_N_SEGMENTS; g++)
    l1 += ABS (x[g] - p->current[g]);
  result->area_id = g_strdup (p->area_id);
  result->n_changes = l1 / 2;
  result->n_evaluated = s->n_evaluated;
  result->bands = g_array_new (FALSE, FALSE, sizeof (WmGoalSeekBand));
  result->reached = TRUE;

  evaluate (s, x, s->values, s->defined);
  for (guint i = 0; i < p->bands->len; i++)
    {
      const Band *band = &g_array_index (p->bands, Band, i);
      WmGoalSeekBand out = { 0 };

      if (!s->defined[i])
        continue;
      out.key = g_strdup (band->key);
      out.band = band->band;
      out.value = s->values[i];
      out.verdict = wm_targets_judge (p->targets, band->key, s->values[i]);
      out.gap = band_gap (band, s->values[i]);
      if (out.gap > 0.0)
        {
          result->reached = FALSE;
          result->total_gap += out.gap;
          out.description = describe_gap (band->key, &band->band, s->values[i], out.gap,
                                          wm_target_verdict_is_below (out.verdict));
        }
      g_array_append_val (result->bands, out);
    }
  return result;
}

WmGoalSeekResult *
wm_goal_seek_problem_solve (WmGoalSeekProblem  *problem,
                            GCancellable       *cancellable,
                            GError            **error)
{
  Search s;
  g_autofree WmDwellingMix *proposed = NULL;
  WmGoalSeekResult *result;

  g_return_val_if_fail (problem != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  search_init (&s, problem);
  s.cancellable = cancellable;
  /* The current mix first: when it fits, nothing else needs to change. */
  memcpy (s.x, s.current, sizeof s.x);
  s.best_gap = INFINITY;
  s.best_l1 = G_MAXINT;
  consider (&s, 0);
  if (s.best_gap > 0.0)
    search (&s, 0, s.n, 0);
  if (s.cancelled || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      if (s.cancelled)
        g_cancellable_set_error_if_cancelled (cancellable, error);
      search_clear (&s);
      return NULL;
    }

  proposed = g_new0 (WmDwellingMix, problem->parts->len);
  split (problem, s.best, proposed);
  result = make_result (problem, &s, s.best, proposed);
  search_clear (&s);
  return result;
}

WmGoalSeekResult *
wm_goal_seek_problem_judge (WmGoalSeekProblem    *problem,
                            const WmDwellingMix  *proposed,
                            GError              **error)
{
  int x[WM_N_SEGMENTS] = { 0 };
  WmGoalSeekResult *result;
  Search s;

  g_return_val_if_fail (problem != NULL, NULL);
  g_return_val_if_fail (proposed != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < problem->parts->len; i++)
    {
      const Part *part = &g_array_index (problem->parts, Part, i);
      const char *name = proposal_name (part->proposal);
      int total = 0;

      if (!part->searched)
        {
          if (!wm_dwelling_mix_equal (&proposed[i], &part->current))
            {
              g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_MIX,
                           _("“%s” does not change the indicators judged: its mix stays"),
                           name);
              return NULL;
            }
          continue;
        }
      for (guint g = 0; g < WM_N_SEGMENTS; g++)
        {
          int dest = proposed[i].counts[g] - part->fixed.counts[g];

          if (dest < 0 || (dest > 0 && !(part->allowed & (1u << g))))
            {
              g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_MIX,
                           problem->conversions
                             ? _("“%s” cannot put dwellings into a segment it takes them from, "
                                 "nor take out other dwellings")
                             : _("“%s” cannot have a negative number of dwellings"),
                           name);
              return NULL;
            }
          total += dest;
          x[g] += dest;
        }
      if (total != part->total)
        {
          g_set_error (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_MIX,
                       ngettext ("The mix of “%s” must hold %d dwelling, not %d",
                                 "The mix of “%s” must hold %d dwellings, not %d", part->total),
                       name, part->total, total);
          return NULL;
        }
    }

  search_init (&s, problem);
  s.n_evaluated = 1;
  result = make_result (problem, &s, x, proposed);
  search_clear (&s);
  return result;
}

WmGoalSeekResult *
wm_goal_seek_new_build (WmIndicatorEngine *engine,
                        WmProposal        *proposal,
                        const char        *area_id,
                        GError           **error)
{
  g_autoptr(WmGoalSeekProblem) problem = wm_goal_seek_problem_new_build (engine, proposal,
                                                                         area_id, error);

  return problem != NULL ? wm_goal_seek_problem_solve (problem, NULL, error) : NULL;
}

WmGoalSeekResult *
wm_goal_seek_conversions (WmIndicatorEngine  *engine,
                          WmProposal        **proposals,
                          guint               n,
                          const char         *area_id,
                          GError            **error)
{
  g_autoptr(WmGoalSeekProblem) problem = wm_goal_seek_problem_conversions (engine, proposals, n,
                                                                           area_id, error);

  return problem != NULL ? wm_goal_seek_problem_solve (problem, NULL, error) : NULL;
}

/* The scenario of @plan that holds @proposal, or NULL. */
static WmScenario *
scenario_of (WmPlan     *plan,
             WmProposal *proposal)
{
  GListModel *scenarios = wm_plan_get_scenarios (plan);

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(WmScenario) scenario = g_list_model_get_item (scenarios, i);

      if (in_scenario (scenario, proposal))
        return scenario; /* the plan keeps it */
    }
  return NULL;
}

gboolean
wm_goal_seek_result_apply (WmGoalSeekResult     *result,
                           WmHistory            *history,
                           const WmDwellingMix  *proposed,
                           GError              **error)
{
  WmPlan *plan;
  WmScenario *scenario = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) problems_before = NULL;
  g_autoptr(GPtrArray) problems_after = NULL;
  guint n_changed = 0, n_set = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (WM_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  plan = wm_history_get_plan (history);
  if (proposed == NULL)
    proposed = (const WmDwellingMix *) result->proposed->data;
  for (guint i = 0; i < result->proposals->len; i++)
    {
      WmProposal *p = g_ptr_array_index (result->proposals, i);

      if (wm_dwelling_mix_equal (wm_proposal_get_dwelling_delta (p), &proposed[i]))
        continue;
      n_changed++;
      if (scenario == NULL)
        scenario = scenario_of (plan, p);
    }
  if (n_changed == 0)
    return TRUE;
  if (scenario == NULL)
    {
      g_set_error_literal (error, WM_GOAL_SEEK_ERROR, WM_GOAL_SEEK_ERROR_NOT_IN_SCENARIO,
                           _("The changes are no longer in the plan"));
      return FALSE;
    }

  /* All or nothing: the mixes together must not break a proposal that was fine before (a
   * later conversion of the same building taking dwellings out of a segment moved here). */
  after = g_ptr_array_new_with_free_func (g_object_unref);
  {
    GListModel *list = wm_scenario_get_proposals (scenario);

    for (guint j = 0; j < g_list_model_get_n_items (list); j++)
      {
        g_autoptr(WmProposal) q = g_list_model_get_item (list, j);
        WmProposal *copy = wm_proposal_factory_copy (q);

        for (guint i = 0; i < result->proposals->len; i++)
          if (g_ptr_array_index (result->proposals, i) == q)
            wm_proposal_set_dwelling_delta (copy, &proposed[i]);
        g_ptr_array_add (after, copy);
      }
  }
  problems_before = wm_plan_check_scenario (plan, scenario);
  problems_after = wm_plan_check_proposals (plan, scenario, after);
  for (guint i = 0; i < problems_after->len; i++)
    {
      WmPlanProblem *problem = g_ptr_array_index (problems_after, i);
      gboolean known = FALSE;

      for (guint j = 0; j < problems_before->len; j++)
        known |= g_str_equal (wm_proposal_get_id (((WmPlanProblem *)
                                                     g_ptr_array_index (problems_before, j))
                                                    ->proposal),
                              wm_proposal_get_id (problem->proposal));
      if (!known)
        {
          g_set_error_literal (error, WM_PROPOSAL_ERROR, problem->code, problem->message);
          return FALSE;
        }
    }

  /* Translators: the undo step of accepting the mix goal seeking proposed */
  wm_history_begin_group (history, _("Reach the targets"));
  for (guint i = 0; i < result->proposals->len && ok; i++)
    {
      WmProposal *p = g_ptr_array_index (result->proposals, i);

      if (wm_dwelling_mix_equal (wm_proposal_get_dwelling_delta (p), &proposed[i]))
        continue;
      ok = wm_history_set_proposal_delta (history, p, &proposed[i], error);
      n_set += ok;
    }
  wm_history_end_group (history);
  if (!ok && n_set > 0)
    wm_history_undo (history);
  return ok;
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
