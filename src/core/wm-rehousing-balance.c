/* wm-rehousing-balance.c: households to rehouse against the homes the plan completes
 * PLACEHOLDER: the start-year helper replaces this with the real count. */
#include "config.h"

#include "wm-rehousing-balance.h"

WmRehousingBalance *
wm_rehousing_balance_new (WmIndicatorEngine *engine,
                          int                first_year,
                          int                last_year)
{
  WmRehousingBalance *self = g_new0 (WmRehousingBalance, 1);

  self->first_year = first_year;
  self->last_year = last_year;
  self->years = g_array_new (FALSE, TRUE, sizeof (WmRehousingYear));
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
  if (year < self->first_year || year > self->last_year ||
      (guint) (year - self->first_year) >= self->years->len)
    return NULL;
  return &g_array_index (self->years, WmRehousingYear, year - self->first_year);
}

char *
wm_rehousing_balance_describe_year (const WmRehousingBalance *self,
                                    int                       year)
{
  return NULL;
}
