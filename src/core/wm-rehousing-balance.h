/* wm-rehousing-balance.h: households to rehouse against the homes the plan completes
 *
 * Rehousing capacity (schuifruimte): a household whose home is demolished or renovated away
 * must move when the works start, into a home of its segment. Per year of the plan this
 * counts the households that must move (the households_to_rehouse each proposal adds, in the
 * proposal's start year, wm_proposal_get_effective_start_year()) against the social-rent
 * dwellings the plan completes (new build and transformation, in the completion year). Where,
 * by the end of a year, more households have had to move than social-rent homes have been
 * completed, the difference must come from vacancies in the existing stock: that year is
 * short. Plain data, computed on the main thread from an engine. See docs/indicators.md.
 */
#pragma once

#include "wm-indicator-engine.h"

G_BEGIN_DECLS

typedef struct
{
  int year;
  gint64 moving;          /* households that must move in this year */
  gint64 completed;       /* social-rent dwellings completed in this year */
  gint64 moving_total;    /* ... up to and including this year */
  gint64 completed_total;
  gint64 shortfall;       /* MAX (0, moving_total - completed_total): other vacancies needed */
} WmRehousingYear;

typedef struct
{
  int first_year, last_year; /* 0, 0 without dated proposals */
  GArray *years;             /* WmRehousingYear, one per year first..last */
  /* Proposals without a year move households or complete homes in no year. */
  gint64 undated_moving;
  gint64 undated_completed;
  guint n_short_years;       /* years with shortfall > 0 */
  gint64 largest_shortfall;
  int largest_shortfall_year; /* 0 when no year is short */
} WmRehousingBalance;

/* The balance of @engine's scenario (every proposal, whatever the engine's year) over the
 * years @first_year..@last_year; 0, 0: the scenario's own range (wm_timeline_get_range()). */
WmRehousingBalance *wm_rehousing_balance_new (WmIndicatorEngine *engine, int first_year,
                                              int last_year);
void wm_rehousing_balance_free (WmRehousingBalance *self);
/* The year's entry, NULL outside the range. */
const WmRehousingYear *wm_rehousing_balance_get_year (const WmRehousingBalance *self, int year);
/* The warning for a short year in plain words, translated ("In 2027, 48 households must have
 * moved but only 12 social-rent homes are completed: 36 other vacancies are needed"); NULL
 * for a year that is not short. */
char *wm_rehousing_balance_describe_year (const WmRehousingBalance *self, int year);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmRehousingBalance, wm_rehousing_balance_free)

G_END_DECLS
