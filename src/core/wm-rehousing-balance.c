/* wm-rehousing-balance.c: households to rehouse against the homes the plan completes */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "wm-rehousing-balance.h"
#include "wm-timeline.h"

/* Adds @n to the year @year of @self, or to what came before the range (it still counts for
 * the totals: households that moved before the first year shown have moved); later years and
 * no year are left to the caller. */
typedef struct
{
  gint64 *moving;     /* per year of the range */
  gint64 *completed;
  gint64 moving_before, completed_before;
} Tally;

static void
tally_add (Tally                    *tally,
           const WmRehousingBalance *self,
           int                       year,
           gboolean                  completed,
           gint64                    n)
{
  if (year < self->first_year)
    {
      if (completed)
        tally->completed_before += n;
      else
        tally->moving_before += n;
    }
  else if (year <= self->last_year)
    {
      if (completed)
        tally->completed[year - self->first_year] += n;
      else
        tally->moving[year - self->first_year] += n;
    }
}

/* The social-rent homes a proposal completes: only what new build and transformation add (a
 * conversion to social rent moves a household that lives there already). */
static gint64
social_rent_completed (WmProposal *proposal)
{
  WmProposalKind kind = wm_proposal_get_kind (proposal);
  int n = wm_proposal_get_dwelling_delta (proposal)->counts[WM_SEGMENT_SOCIAL_RENT];

  if (kind != WM_PROPOSAL_NEW_BUILD && kind != WM_PROPOSAL_TRANSFORM)
    return 0;
  return MAX (n, 0);
}

WmRehousingBalance *
wm_rehousing_balance_new (WmIndicatorEngine *engine,
                          int                first_year,
                          int                last_year)
{
  WmRehousingBalance *self = g_new0 (WmRehousingBalance, 1);
  g_autoptr (GArray) moves = NULL;
  WmScenario *scenario;
  GListModel *proposals;
  Tally tally = { NULL };
  guint n_years;

  self->years = g_array_new (FALSE, TRUE, sizeof (WmRehousingYear));
  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (engine), self);

  scenario = wm_indicator_engine_get_scenario (engine);
  if (first_year == 0 && last_year == 0)
    wm_timeline_get_range (wm_indicator_engine_get_plan (engine), scenario, &first_year,
                           &last_year);
  if (first_year <= 0 || last_year < first_year)
    first_year = last_year = 0;
  self->first_year = first_year;
  self->last_year = last_year;
  n_years = first_year != 0 ? (guint) (last_year - first_year + 1) : 0;
  tally.moving = g_new0 (gint64, MAX (n_years, 1));
  tally.completed = g_new0 (gint64, MAX (n_years, 1));

  /* Who must move, per proposal in the plan's order whatever the engine's year: they move
   * when the works start. A proposal without a completion year is in no year (as in the
   * timeline), even with a start year. */
  moves = wm_indicator_engine_get_plan_contributions (engine, "households_to_rehouse", NULL);
  for (guint i = 0; moves != NULL && i < moves->len; i++)
    {
      const WmIndicatorContribution *c = &g_array_index (moves, WmIndicatorContribution, i);
      gint64 n = (gint64) llround (c->delta);

      if (wm_proposal_get_year (c->proposal) == 0)
        self->undated_moving += n;
      else if (n_years > 0)
        tally_add (&tally, self, wm_proposal_get_effective_start_year (c->proposal), FALSE, n);
    }

  /* The social-rent homes they can move into, in the year they are completed. */
  proposals = scenario != NULL ? wm_scenario_get_proposals (scenario) : NULL;
  for (guint i = 0; proposals != NULL && i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (WmProposal) p = g_list_model_get_item (proposals, i);
      gint64 n = social_rent_completed (p);

      if (n == 0)
        continue;
      if (wm_proposal_get_year (p) == 0)
        self->undated_completed += n;
      else if (n_years > 0)
        tally_add (&tally, self, wm_proposal_get_year (p), TRUE, n);
    }

  for (guint k = 0; k < n_years; k++)
    {
      WmRehousingYear y = { 0 };
      const WmRehousingYear *previous =
        k > 0 ? &g_array_index (self->years, WmRehousingYear, k - 1) : NULL;

      y.year = first_year + (int) k;
      y.moving = tally.moving[k];
      y.completed = tally.completed[k];
      y.moving_total = (previous != NULL ? previous->moving_total : tally.moving_before) + y.moving;
      y.completed_total =
        (previous != NULL ? previous->completed_total : tally.completed_before) + y.completed;
      y.shortfall = MAX (0, y.moving_total - y.completed_total);
      if (y.shortfall > 0)
        self->n_short_years++;
      /* The first year of the largest shortfall: where the need peaks first. */
      if (y.shortfall > self->largest_shortfall)
        {
          self->largest_shortfall = y.shortfall;
          self->largest_shortfall_year = y.year;
        }
      g_array_append_val (self->years, y);
    }

  g_free (tally.moving);
  g_free (tally.completed);
  return self;
}

void
wm_rehousing_balance_free (WmRehousingBalance *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->years);
  g_free (self);
}

const WmRehousingYear *
wm_rehousing_balance_get_year (const WmRehousingBalance *self,
                               int                       year)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->first_year == 0 || year < self->first_year || year > self->last_year ||
      (guint) (year - self->first_year) >= self->years->len)
    return NULL;
  return &g_array_index (self->years, WmRehousingYear, year - self->first_year);
}

/* For g_dngettext(): the plural form of a count of any size. */
static gulong
plural_n (gint64 n)
{
  return n > 0 && n <= G_MAXLONG ? (gulong) n : (n > 0 ? G_MAXLONG : 0);
}

char *
wm_rehousing_balance_describe_year (const WmRehousingBalance *self,
                                    int                       year)
{
  const WmRehousingYear *y;
  g_autofree char *moved = NULL;
  g_autofree char *completed = NULL;
  g_autofree char *needed = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  y = wm_rehousing_balance_get_year (self, year);
  if (y == NULL || y->shortfall <= 0)
    return NULL;

  moved = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: a part of "In 2027, 48 households must
                                         * have moved but only 12 social-rent homes are
                                         * completed: 36 other vacancies are needed". */
                                        "%lld household must have moved",
                                        "%lld households must have moved",
                                        plural_n (y->moving_total)),
                           (long long) y->moving_total);
  if (y->completed_total == 0)
    /* Translators: a part of "In 2027, 48 households must have moved but no social-rent homes
     * are completed yet: 48 other vacancies are needed". */
    completed = g_strdup (_("no social-rent homes are completed yet"));
  else
    completed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: a part of "In 2027, 48 households
                                               * must have moved but only 12 social-rent homes
                                               * are completed: …". */
                                              "only %lld social-rent home is completed",
                                              "only %lld social-rent homes are completed",
                                              plural_n (y->completed_total)),
                                 (long long) y->completed_total);
  needed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: the end of "In 2027, 48 households must
                                          * have moved but only 12 social-rent homes are
                                          * completed: 36 other vacancies are needed"; homes
                                          * that come free in the existing stock. */
                                         "%lld other vacancy is needed",
                                         "%lld other vacancies are needed",
                                         plural_n (y->shortfall)),
                            (long long) y->shortfall);
  /* Translators: %1$d is a year, then the three parts above: "In 2027, 48 households must have
   * moved but only 12 social-rent homes are completed: 36 other vacancies are needed". */
  return g_strdup_printf (_("In %1$d, %2$s but %3$s: %4$s"), y->year, moved, completed, needed);
}
