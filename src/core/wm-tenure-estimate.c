/* wm-tenure-estimate.c: the segments of buildings whose tenure no register gives */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-tenure-estimate.h"

/* The three CBS tenure groups, in the order of their shares. */
enum
{
  GROUP_CORPORATION,
  GROUP_OTHER,
  GROUP_OWNER,
  N_GROUPS
};

const char *
wm_tenure_basis_key (WmTenureBasis basis)
{
  switch (basis)
    {
    case WM_TENURE_BASIS_AREA:
      return "area";
    case WM_TENURE_BASIS_PLAN:
      return "plan";
    case WM_TENURE_BASIS_NATIONAL:
      return "national";
    case WM_TENURE_BASIS_NONE:
    default:
      return "none";
    }
}

/* Shares of one area's figures: all three percentages there, none negative, some positive. */
static gboolean
figures_shares (const WmAreaFigures *f,
                double               shares[N_GROUPS])
{
  double p[N_GROUPS] = { f->pct_corporation_rent, f->pct_other_rent, f->pct_owner };
  double sum = 0;

  for (guint g = 0; g < N_GROUPS; g++)
    {
      if (!isfinite (p[g]) || p[g] < 0)
        return FALSE;
      sum += p[g];
    }
  if (sum <= 0)
    return FALSE;
  /* CBS leaves the dwellings of unknown ownership out: the known ones make up the whole. */
  for (guint g = 0; g < N_GROUPS; g++)
    shares[g] = p[g] / sum;
  return TRUE;
}

static gboolean
figures_woz (const WmAreaFigures *f)
{
  return isfinite (f->mean_woz) && f->mean_woz > 0;
}

/* The plan's figures pooled over the areas that have them: the fallback for the others. */
typedef struct
{
  gboolean has_shares;
  double shares[N_GROUPS];
  int shares_year;
  gboolean has_woz;
  double woz;
  const WmTenureDefaults *defaults; /* the table's, or NULL */
  double woz_log_sd;
  WmSegmentTable *segments;
} Basis;

typedef struct
{
  WmArea *area;
  WmAreaFigures figures;
  gboolean has_figures;
  gint64 building_dwellings; /* weight when CBS gives no dwelling count */
} AreaInfo;

static double
area_weight (const AreaInfo *info)
{
  if (info->has_figures && isfinite (info->figures.dwellings) && info->figures.dwellings > 0)
    return info->figures.dwellings;
  return (double) info->building_dwellings;
}

static void
basis_init (Basis          *basis,
            AreaInfo       *infos,
            guint           n_infos,
            WmSegmentTable *segments)
{
  double sum_w = 0, sum_woz_w = 0;
  double pooled[N_GROUPS] = { 0, };
  guint n_with = 0;

  memset (basis, 0, sizeof *basis);
  basis->segments = segments;
  basis->defaults = wm_segment_table_get_tenure_defaults (segments);
  /* The spread is a parameter of the method: a table without one takes the built-in one. */
  basis->woz_log_sd = basis->defaults != NULL
    ? basis->defaults->woz_log_sd
    : wm_segment_table_get_tenure_defaults (wm_segment_table_get_default ())->woz_log_sd;

  for (guint i = 0; i < n_infos; i++)
    {
      double s[N_GROUPS];
      double w = area_weight (&infos[i]);

      if (!infos[i].has_figures || !figures_shares (&infos[i].figures, s))
        continue;
      n_with++;
      sum_w += w;
      for (guint g = 0; g < N_GROUPS; g++)
        pooled[g] += w * s[g];
      basis->shares_year = MAX (basis->shares_year, infos[i].figures.year);
      if (figures_woz (&infos[i].figures))
        {
          basis->woz += w * infos[i].figures.mean_woz;
          sum_woz_w += w;
        }
    }
  if (n_with > 0 && sum_w <= 0)
    {
      /* No dwelling counts at all: every area weighs the same. */
      sum_w = 0;
      memset (pooled, 0, sizeof pooled);
      basis->woz = 0;
      sum_woz_w = 0;
      for (guint i = 0; i < n_infos; i++)
        {
          double s[N_GROUPS];

          if (!infos[i].has_figures || !figures_shares (&infos[i].figures, s))
            continue;
          sum_w += 1;
          for (guint g = 0; g < N_GROUPS; g++)
            pooled[g] += s[g];
          if (figures_woz (&infos[i].figures))
            {
              basis->woz += infos[i].figures.mean_woz;
              sum_woz_w += 1;
            }
        }
    }
  if (n_with > 0)
    {
      basis->has_shares = TRUE;
      for (guint g = 0; g < N_GROUPS; g++)
        basis->shares[g] = pooled[g] / sum_w;
    }
  if (sum_woz_w > 0)
    {
      basis->has_woz = TRUE;
      basis->woz /= sum_woz_w;
    }
}

/* What one area's (or the outside group's, @info NULL) estimate rests on. */
typedef struct
{
  WmTenureBasis basis;
  double shares[N_GROUPS];
  int year;
  WmTenureBasis woz_basis;
  double woz; /* EUR 1,000 */
} Resolved;

static void
resolve (const Basis    *basis,
         const AreaInfo *info,
         Resolved       *out)
{
  memset (out, 0, sizeof *out);
  out->basis = WM_TENURE_BASIS_NONE;
  out->woz_basis = WM_TENURE_BASIS_NONE;

  if (info != NULL && info->has_figures && figures_shares (&info->figures, out->shares))
    {
      out->basis = WM_TENURE_BASIS_AREA;
      out->year = info->figures.year;
    }
  else if (basis->has_shares)
    {
      out->basis = WM_TENURE_BASIS_PLAN;
      memcpy (out->shares, basis->shares, sizeof out->shares);
      out->year = basis->shares_year;
    }
  else if (basis->defaults != NULL)
    {
      WmAreaFigures national;

      wm_area_figures_init (&national);
      national.pct_corporation_rent = basis->defaults->national_pct_corporation_rent;
      national.pct_other_rent = basis->defaults->national_pct_other_rent;
      national.pct_owner = basis->defaults->national_pct_owner;
      if (figures_shares (&national, out->shares))
        {
          out->basis = WM_TENURE_BASIS_NATIONAL;
          out->year = basis->defaults->national_year;
        }
    }

  /* The WOZ value falls back the same way, independently of the shares. */
  if (info != NULL && info->has_figures && figures_woz (&info->figures))
    {
      out->woz_basis = WM_TENURE_BASIS_AREA;
      out->woz = info->figures.mean_woz;
    }
  else if (basis->has_woz)
    {
      out->woz_basis = WM_TENURE_BASIS_PLAN;
      out->woz = basis->woz;
    }
  else if (basis->defaults != NULL && basis->defaults->national_mean_woz > 0)
    {
      out->woz_basis = WM_TENURE_BASIS_NATIONAL;
      out->woz = basis->defaults->national_mean_woz;
    }
}

/* The limits of @year, else the first year the table has (figures older than its limits). */
static const WmPriceLimits *
limits_for (WmSegmentTable *segments,
            int             year)
{
  const WmPriceLimits *limits;

  if (year <= 0)
    return wm_segment_table_get_limits (segments, G_MAXINT);
  limits = wm_segment_table_get_limits (segments, year);
  for (int y = year + 1; limits == NULL && y <= 2200; y++)
    limits = wm_segment_table_get_limits (segments, y);
  return limits;
}

/* Share of owner-occupied dwellings below @limit (EUR) when their WOZ values are log-normal
 * with mean @mean (EUR) and log standard deviation @sd. */
static double
share_below (double mean,
             double limit,
             double sd)
{
  double mu = log (mean) - sd * sd / 2;
  double z = (log (limit) - mu) / sd;

  return 0.5 * erfc (-z / G_SQRT2);
}

/* Shares over the five segments for @r. */
static void
segment_shares (const Basis    *basis,
                const Resolved *r,
                double          out[WM_N_SEGMENTS],
                double         *affordable_out,
                int            *limit_year_out)
{
  const WmPriceLimits *limits = limits_for (basis->segments, r->year);
  double affordable = 0.5;

  if (limits != NULL && r->woz > 0)
    affordable = share_below (r->woz * 1000.0, limits->owner_affordable_max_price,
                              basis->woz_log_sd);
  *affordable_out = affordable;
  *limit_year_out = limits != NULL ? limits->year : 0;
  memset (out, 0, sizeof (double) * WM_N_SEGMENTS);
  out[WM_SEGMENT_SOCIAL_RENT] = r->shares[GROUP_CORPORATION];
  out[WM_SEGMENT_PRIVATE_RENT] = r->shares[GROUP_OTHER];
  out[WM_SEGMENT_OWNER_AFFORDABLE] = r->shares[GROUP_OWNER] * affordable;
  out[WM_SEGMENT_OWNER_EXPENSIVE] = r->shares[GROUP_OWNER] * (1 - affordable);
}

/* Splits @total over @n parts by @weights (not all zero): each part the floor of its quota,
 * the units left to the largest fractions (ties: the lower index). */
static void
largest_remainder (gint64        total,
                   const double *weights,
                   guint         n,
                   gint64       *out)
{
  double sum = 0, frac[WM_N_SEGMENTS];
  gint64 given = 0;

  g_assert (n <= WM_N_SEGMENTS);
  for (guint i = 0; i < n; i++)
    sum += weights[i];
  if (!(sum > 0))
    {
      memset (out, 0, sizeof (gint64) * n);
      out[0] = total;
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      double q = sum > 0 ? (double) total * weights[i] / sum : 0;

      out[i] = (gint64) floor (q);
      frac[i] = q - floor (q);
      given += out[i];
    }
  /* Rounding of doubles must not give more than the total. */
  for (guint i = n; given > total && i > 0; i--)
    while (out[i - 1] > 0 && given > total)
      out[i - 1]--, given--;
  while (given < total)
    {
      int best = -1;

      for (guint i = 0; i < n; i++)
        if (weights[i] > 0 && frac[i] >= 0 && (best < 0 || frac[i] > frac[best]))
          best = i;
      if (best < 0)
        {
          /* More units left than parts (only through rounding): another round. */
          for (guint i = 0; i < n; i++)
            frac[i] = 0;
          continue;
        }
      out[best]++;
      frac[best] = -1;
      given++;
    }
}

/* Exact integer version for handing an area's totals to its buildings: @n_b of the @remaining
 * dwellings whose segments are @left go to one building, each segment its quota
 * n_b * left_k / remaining rounded by largest remainder; never more than is left. */
static void
hand_out (gint64        n_b,
          gint64        remaining,
          const gint64 *left,
          gint64       *out)
{
  gint64 rem[WM_N_SEGMENTS];
  gint64 given = 0;
  gboolean used[WM_N_SEGMENTS] = { FALSE, };

  for (guint k = 0; k < WM_N_SEGMENTS; k++)
    {
      out[k] = n_b * left[k] / remaining;
      rem[k] = n_b * left[k] % remaining;
      given += out[k];
    }
  while (given < n_b)
    {
      int best = -1;

      for (guint k = 0; k < WM_N_SEGMENTS; k++)
        if (!used[k] && out[k] < left[k] && (best < 0 || rem[k] > rem[best]))
          best = k;
      g_assert (best >= 0);
      used[best] = TRUE;
      out[best]++;
      given++;
    }
}

typedef struct
{
  AreaInfo *info;        /* NULL: outside every area */
  GArray *estimated;     /* guint: indices into the buildings */
  gint64 n_estimated;
  gint64 listed[WM_N_SEGMENTS];
  gint64 n_listed;
} Group;

static int
compare_by_id (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GPtrArray *buildings = user_data;
  WmBuilding *x = g_ptr_array_index (buildings, *(const guint *) a);
  WmBuilding *y = g_ptr_array_index (buildings, *(const guint *) b);

  return g_strcmp0 (wm_building_get_id (x), wm_building_get_id (y));
}

static void
add_note (GPtrArray  *notes,
          char       *note)
{
  if (notes != NULL)
    g_ptr_array_add (notes, note);
  else
    g_free (note);
}

static const char *
area_label (const AreaInfo *info)
{
  const char *name = wm_area_get_name (info->area);

  return name != NULL && *name != '\0' ? name : wm_area_get_id (info->area);
}

/* Infos for @areas, with the dwellings of @buildings (any source) in each as weight. */
static AreaInfo *
area_infos (GPtrArray  *areas,
            GPtrArray  *buildings,
            GHashTable *index)
{
  AreaInfo *infos = g_new0 (AreaInfo, MAX (areas->len, 1));

  for (guint i = 0; i < areas->len; i++)
    {
      infos[i].area = g_ptr_array_index (areas, i);
      infos[i].has_figures = wm_area_get_figures (infos[i].area, &infos[i].figures);
      if (!g_hash_table_contains (index, wm_area_get_id (infos[i].area)))
        g_hash_table_insert (index, (gpointer) wm_area_get_id (infos[i].area),
                             GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; buildings != NULL && i < buildings->len; i++)
    {
      WmBuilding *b = g_ptr_array_index (buildings, i);
      const char *area_id = wm_building_get_area_id (b);
      guint at = area_id != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (index, area_id)) : 0;

      if (at > 0)
        infos[at - 1].building_dwellings += wm_building_get_n_dwellings (b);
    }
  return infos;
}

GPtrArray *
wm_tenure_estimate (GPtrArray      *areas,
                    GPtrArray      *buildings,
                    WmSegmentTable *segments,
                    GPtrArray      *notes_out)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree AreaInfo *infos = NULL;
  g_autofree Group *groups = NULL;
  GPtrArray *result;
  Basis basis;
  guint n_groups;
  gint64 n_by_basis[WM_TENURE_BASIS_NONE + 1] = { 0, };
  int area_year = 0, woz_limit_year = 0, limit_year_used = 0;
  gint64 woz_fallback = 0;
  gboolean any_split = FALSE;

  g_return_val_if_fail (areas != NULL, NULL);
  g_return_val_if_fail (buildings != NULL, NULL);

  if (segments == NULL)
    segments = wm_segment_table_get_default ();
  infos = area_infos (areas, buildings, index);
  basis_init (&basis, infos, areas->len, segments);

  /* One group per area, in the areas' order, and one for the buildings outside them all. */
  n_groups = areas->len + 1;
  groups = g_new0 (Group, n_groups);
  for (guint i = 0; i < n_groups; i++)
    {
      groups[i].info = i < areas->len ? &infos[i] : NULL;
      groups[i].estimated = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  for (guint i = 0; i < buildings->len; i++)
    {
      WmBuilding *b = g_ptr_array_index (buildings, i);
      const char *area_id = wm_building_get_area_id (b);
      guint at = area_id != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (index, area_id)) : 0;
      Group *group = &groups[at > 0 ? at - 1 : areas->len];
      gint n = wm_building_get_n_dwellings (b);

      if (n <= 0)
        continue;
      switch (wm_building_get_tenure_source (b))
        {
        case WM_TENURE_ESTIMATED:
          g_array_append_val (group->estimated, i);
          group->n_estimated += n;
          break;
        case WM_TENURE_LISTED:
          for (guint k = 0; k < WM_N_SEGMENTS; k++)
            group->listed[k] += wm_building_get_dwellings (b)->counts[k];
          group->n_listed += n;
          break;
        case WM_TENURE_STATED:
        default:
          break;
        }
    }

  result = g_ptr_array_copy (buildings, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (result, g_object_unref);

  for (guint gi = 0; gi < n_groups; gi++)
    {
      Group *group = &groups[gi];
      Resolved r;
      double shares[WM_N_SEGMENTS], weights[WM_N_SEGMENTS], affordable;
      gint64 totals[WM_N_SEGMENTS], left[WM_N_SEGMENTS], remaining;
      gint64 all;
      int limit_year;
      gboolean short_of = FALSE;

      if (group->n_estimated == 0)
        {
          g_array_unref (group->estimated);
          continue;
        }
      resolve (&basis, group->info, &r);
      n_by_basis[r.basis] += group->n_estimated;
      if (r.basis == WM_TENURE_BASIS_NONE)
        {
          g_array_unref (group->estimated);
          continue;
        }
      if (r.basis == WM_TENURE_BASIS_AREA)
        area_year = MAX (area_year, r.year);
      if (r.basis != WM_TENURE_BASIS_AREA && group->info != NULL)
        add_note (notes_out, g_strdup_printf (
          r.basis == WM_TENURE_BASIS_PLAN
            ? _("“%s” has no CBS tenure figures: its %d estimated dwellings "
                "take the figures of the plan’s other areas, weighted by their dwellings.")
            : _("“%s” has no CBS tenure figures: its %d estimated dwellings "
                "take the national figures."),
          area_label (group->info), (int) group->n_estimated));
      else if (group->info == NULL)
        add_note (notes_out, g_strdup_printf (
          r.basis == WM_TENURE_BASIS_PLAN
            ? _("%d estimated dwellings lie outside every area: they take "
                "the figures of the plan’s areas, weighted by their dwellings.")
            : _("%d estimated dwellings lie outside every area: they take "
                "the national figures."),
          (int) group->n_estimated));
      if (r.woz_basis != WM_TENURE_BASIS_AREA && r.woz_basis != WM_TENURE_BASIS_NONE &&
          r.basis == WM_TENURE_BASIS_AREA)
        woz_fallback += group->n_estimated;

      segment_shares (&basis, &r, shares, &affordable, &limit_year);
      any_split = TRUE;
      if (limit_year != 0 && r.year != 0 && limit_year != r.year)
        {
          woz_limit_year = r.year;
          limit_year_used = limit_year;
        }
      else if (limit_year_used == 0)
        limit_year_used = limit_year;

      /* What the shares imply for all the group's dwellings, less what the list states. */
      all = group->n_estimated + group->n_listed;
      for (guint k = 0; k < WM_N_SEGMENTS; k++)
        {
          weights[k] = shares[k] * (double) all - (double) group->listed[k];
          if (weights[k] < 0)
            {
              weights[k] = 0;
              short_of |= shares[k] > 0 || group->listed[k] > 0;
            }
        }
      {
        double sum = 0;

        for (guint k = 0; k < WM_N_SEGMENTS; k++)
          sum += weights[k];
        if (sum <= 0)
          memcpy (weights, shares, sizeof weights);
      }
      if (short_of && group->n_listed > 0)
        add_note (notes_out, group->info != NULL
          ? g_strdup_printf (_("In “%s” the property list holds more dwellings of a segment "
                               "than the figures suggest; the other dwellings take the "
                               "remaining shares."), area_label (group->info))
          : g_strdup (_("Outside the areas the property list holds more dwellings of a "
                        "segment than the figures suggest; the other dwellings take the "
                        "remaining shares.")));
      largest_remainder (group->n_estimated, weights, WM_N_SEGMENTS, totals);

      /* Hand the exact totals to the buildings, in id order. */
      g_array_sort_with_data (group->estimated, compare_by_id, buildings);
      memcpy (left, totals, sizeof left);
      remaining = group->n_estimated;
      for (guint j = 0; j < group->estimated->len; j++)
        {
          guint at = g_array_index (group->estimated, guint, j);
          WmBuilding *b = g_ptr_array_index (buildings, at);
          gint64 n_b = wm_building_get_n_dwellings (b);
          gint64 got[WM_N_SEGMENTS];
          WmDwellingMix mix = { { 0, } };
          WmBuilding *copy;

          hand_out (n_b, remaining, left, got);
          for (guint k = 0; k < WM_N_SEGMENTS; k++)
            {
              mix.counts[k] = (gint) got[k];
              left[k] -= got[k];
            }
          remaining -= n_b;
          /* Held by @buildings and @result only: no plan or snapshot can see the change. */
          if (G_OBJECT (b)->ref_count == 2)
            {
              wm_building_set_dwellings (b, &mix);
              wm_building_set_tenure_source (b, WM_TENURE_ESTIMATED);
              continue;
            }
          copy = wm_building_copy (b);
          wm_building_set_dwellings (copy, &mix);
          wm_building_set_tenure_source (copy, WM_TENURE_ESTIMATED);
          g_ptr_array_index (result, at) = copy;
          g_object_unref (b);
        }
      g_array_unref (group->estimated);
    }

  if (n_by_basis[WM_TENURE_BASIS_AREA] > 0)
    add_note (notes_out, area_year > 0
      ? g_strdup_printf (_("The tenure of %d dwellings is estimated from the "
                           "CBS figures %d of their area: only their number is data."),
                         (int) n_by_basis[WM_TENURE_BASIS_AREA], area_year)
      : g_strdup_printf (_("The tenure of %d dwellings is estimated from the "
                           "CBS figures of their area: only their number is data."),
                         (int) n_by_basis[WM_TENURE_BASIS_AREA]));
  if (n_by_basis[WM_TENURE_BASIS_NATIONAL] > 0 && basis.defaults != NULL)
    add_note (notes_out, g_strdup_printf (_("National figures: %s"),
                                          basis.defaults->national_source));
  if (n_by_basis[WM_TENURE_BASIS_NONE] > 0)
    add_note (notes_out, g_strdup_printf (
      _("Nothing to estimate the tenure of %d dwellings from (no CBS "
        "figures, no national figures): they stay as read, and their tenure is unknown."),
      (int) n_by_basis[WM_TENURE_BASIS_NONE]));
  if (any_split)
    add_note (notes_out, g_strdup_printf (
      _("Owner-occupied dwellings are split into affordable and expensive by assuming that "
        "their WOZ values spread log-normally around the area’s mean WOZ (spread %.2f, "
        "data/segments.json), against the affordable price limit of %d."),
      basis.woz_log_sd, limit_year_used));
  if (woz_limit_year != 0)
    add_note (notes_out, g_strdup_printf (
      _("There are no price limits for %d: those of %d are used."), woz_limit_year,
      limit_year_used));
  if (woz_fallback > 0)
    add_note (notes_out, g_strdup_printf (
      _("For %d dwellings the area has no mean WOZ value: that of the "
        "plan’s other areas (or the national one) is used."), (int) woz_fallback));
  return result;
}

gboolean
wm_tenure_shares_from_figures (const WmAreaFigures *figures,
                               WmSegmentTable      *segments,
                               double               shares[WM_N_SEGMENTS])
{
  AreaInfo info = { NULL, };
  Basis basis;
  Resolved r;
  double affordable;
  int limit_year;

  g_return_val_if_fail (figures != NULL, FALSE);

  if (segments == NULL)
    segments = wm_segment_table_get_default ();
  info.figures = *figures;
  info.has_figures = TRUE;
  basis_init (&basis, NULL, 0, segments);
  basis.defaults = NULL; /* only these figures: no fallback */
  resolve (&basis, &info, &r);
  if (r.basis != WM_TENURE_BASIS_AREA)
    return FALSE;
  segment_shares (&basis, &r, shares, &affordable, &limit_year);
  return TRUE;
}

gboolean
wm_tenure_national_figures (WmSegmentTable *segments,
                            WmAreaFigures  *out)
{
  const WmTenureDefaults *d;

  d = wm_segment_table_get_tenure_defaults (segments != NULL ? segments
                                                             : wm_segment_table_get_default ());
  wm_area_figures_init (out);
  if (d == NULL)
    return FALSE;
  out->pct_corporation_rent = d->national_pct_corporation_rent;
  out->pct_other_rent = d->national_pct_other_rent;
  out->pct_owner = d->national_pct_owner;
  out->mean_woz = d->national_mean_woz;
  out->year = d->national_year;
  return TRUE;
}

/* Summary */

static void
area_summary_free (WmTenureAreaSummary *s)
{
  g_free (s->area_id);
  g_free (s->area_name);
  g_free (s);
}

void
wm_tenure_summary_clear (WmTenureSummary *summary)
{
  g_clear_pointer (&summary->areas, g_ptr_array_unref);
  memset (summary, 0, sizeof *summary);
}

static GPtrArray *
list_to_array (GListModel *model)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (array, g_list_model_get_item (model, i));
  return array;
}

gboolean
wm_tenure_summarise (WmPlan          *plan,
                     WmTenureSummary *out)
{
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GPtrArray) buildings = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree AreaInfo *infos = NULL;
  WmTenureAreaSummary *outside;
  Basis basis;

  g_return_val_if_fail (WM_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  areas = list_to_array (wm_plan_get_areas (plan));
  buildings = list_to_array (wm_plan_get_buildings (plan));
  infos = area_infos (areas, buildings, index);
  basis_init (&basis, infos, areas->len, wm_segment_table_get_default ());

  out->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) area_summary_free);
  for (guint i = 0; i < areas->len; i++)
    {
      WmTenureAreaSummary *s = g_new0 (WmTenureAreaSummary, 1);

      s->area_id = g_strdup (wm_area_get_id (infos[i].area));
      s->area_name = g_strdup (wm_area_get_name (infos[i].area));
      g_ptr_array_add (out->areas, s);
    }
  outside = g_new0 (WmTenureAreaSummary, 1);

  for (guint i = 0; i < buildings->len; i++)
    {
      WmBuilding *b = g_ptr_array_index (buildings, i);
      const char *area_id = wm_building_get_area_id (b);
      guint at = area_id != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (index, area_id)) : 0;
      WmTenureAreaSummary *s = at > 0 ? g_ptr_array_index (out->areas, at - 1) : outside;
      WmTenureSource source = wm_building_get_tenure_source (b);
      gint n = wm_building_get_n_dwellings (b);

      if (n <= 0 || source > WM_TENURE_LISTED)
        continue;
      s->dwellings[source] += n;
      out->dwellings[source] += n;
      out->buildings[source]++;
    }

  for (guint i = 0; i <= areas->len; i++)
    {
      WmTenureAreaSummary *s = i < areas->len ? g_ptr_array_index (out->areas, i) : outside;
      Resolved r;

      resolve (&basis, i < areas->len ? &infos[i] : NULL, &r);
      s->basis = r.basis;
      s->year = r.year;
      if (r.basis == WM_TENURE_BASIS_AREA && s->dwellings[WM_TENURE_ESTIMATED] > 0)
        out->year = MAX (out->year, r.year);
    }
  if (outside->dwellings[0] + outside->dwellings[1] + outside->dwellings[2] > 0)
    g_ptr_array_add (out->areas, outside);
  else
    area_summary_free (outside);

  return out->dwellings[WM_TENURE_ESTIMATED] + out->dwellings[WM_TENURE_LISTED] > 0;
}

/* 4210 -> "4,210" (Dutch: "4.210"). */
static char *
format_count (gint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, n < 0 ? -n : n);
  const char *sep = C_("thousands separator", ",");
  GString *out = g_string_new (n < 0 ? "-" : "");
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
wm_tenure_describe (WmPlan *plan)
{
  WmTenureSummary summary;
  GString *text;
  gint64 total, by_basis[WM_TENURE_BASIS_NONE + 1] = { 0, };
  g_autofree char *n_total = NULL;
  g_autofree char *n_estimated = NULL;
  g_autofree char *n_listed = NULL;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);

  if (!wm_tenure_summarise (plan, &summary))
    {
      wm_tenure_summary_clear (&summary);
      return NULL;
    }
  for (guint i = 0; i < summary.areas->len; i++)
    {
      WmTenureAreaSummary *s = g_ptr_array_index (summary.areas, i);

      by_basis[s->basis] += s->dwellings[WM_TENURE_ESTIMATED];
    }
  total = summary.dwellings[0] + summary.dwellings[1] + summary.dwellings[2];
  n_total = format_count (total);
  n_estimated = format_count (summary.dwellings[WM_TENURE_ESTIMATED]);
  n_listed = format_count (summary.dwellings[WM_TENURE_LISTED]);
  text = g_string_new (NULL);

  if (summary.dwellings[WM_TENURE_ESTIMATED] > 0)
    {
      /* TRANSLATORS: "Tenure estimated for 4,210 of 5,000 dwellings" */
      g_string_append_printf (text, _("Tenure estimated for %s of %s dwellings"), n_estimated,
                              n_total);
      if (by_basis[WM_TENURE_BASIS_AREA] > 0 && summary.year > 0)
        g_string_append_printf (text, _(", from CBS figures %d per area"), summary.year);
      else if (by_basis[WM_TENURE_BASIS_AREA] > 0)
        g_string_append (text, _(", from CBS figures per area"));
      if (summary.dwellings[WM_TENURE_LISTED] > 0)
        /* TRANSLATORS: continues the sentence: "; 790 from the corporation's list" */
        g_string_append_printf (text, _("; %s from the corporation’s list"), n_listed);
      g_string_append (text, ".");
      if (by_basis[WM_TENURE_BASIS_PLAN] > 0)
        {
          g_autofree char *n = format_count (by_basis[WM_TENURE_BASIS_PLAN]);

          g_string_append_c (text, ' ');
          g_string_append_printf (text, _("For %s of them their area has no figures: those of "
                                          "the other areas are used."), n);
        }
      if (by_basis[WM_TENURE_BASIS_NATIONAL] > 0)
        {
          g_autofree char *n = format_count (by_basis[WM_TENURE_BASIS_NATIONAL]);

          g_string_append_c (text, ' ');
          g_string_append_printf (text, _("For %s of them there are no area figures: national "
                                          "figures are used."), n);
        }
      if (by_basis[WM_TENURE_BASIS_NONE] > 0)
        {
          g_autofree char *n = format_count (by_basis[WM_TENURE_BASIS_NONE]);

          g_string_append_c (text, ' ');
          g_string_append_printf (text, _("For %s of them there are no figures at all: their "
                                          "tenure is unknown."), n);
        }
    }
  else
    g_string_append_printf (text, _("Tenure of %s of %s dwellings from the corporation’s list."),
                            n_listed, n_total);

  wm_tenure_summary_clear (&summary);
  return g_string_free (text, FALSE);
}
