/* wm-tenure-estimate.h: the segments of buildings whose tenure no register gives
 *
 * BAG counts a building's dwellings but says nothing of who owns or rents them. A building
 * read with only a count is WM_TENURE_ESTIMATED; its split over the segments comes from its
 * area's CBS key figures: corporation rent -> social rent, other landlords -> private rent,
 * owner-occupied -> affordable or expensive owner-occupied by the share of a log-normal
 * spread of WOZ values around the area's mean WOZ that lies below the affordable price limit
 * (data/segments.json: "tenure_estimate" and the limits of the figures' year). Mid-rent is
 * never estimated: CBS does not count it. The rules are in docs/tenure-estimate.md.
 */
#pragma once

#include <glib.h>

#include "wm-area.h"
#include "wm-building.h"
#include "wm-plan.h"
#include "wm-segment.h"

G_BEGIN_DECLS

/* What an area's estimate rests on, in the order they are tried. */
typedef enum
{
  WM_TENURE_BASIS_AREA,     /* the area's own CBS figures */
  WM_TENURE_BASIS_PLAN,     /* dwelling-weighted figures of the plan's other areas with figures */
  WM_TENURE_BASIS_NATIONAL, /* the national figures of data/segments.json */
  WM_TENURE_BASIS_NONE,     /* nothing to estimate from (a table without national figures) */
} WmTenureBasis;

const char *wm_tenure_basis_key (WmTenureBasis basis); /* "area", "plan", "national", "none" */

/* Returns a new array (WmBuilding*, same order, references) in which every
 * WM_TENURE_ESTIMATED building with dwellings is replaced by a copy with estimated segments;
 * other buildings are the same objects. Per area (buildings outside every area form one
 * group), the area's total implied by its shares, less what LISTED buildings of the area
 * hold, is split over its estimated dwellings by largest remainder, exactly; then handed to
 * its estimated buildings in id order, each getting the largest-remainder share of what is
 * left. Adds notes (translated) on what was assumed to @notes_out (char*; may be NULL).
 * @segments NULL: the built-in table. A building that only @buildings holds (an import's,
 * about to go into a plan) is changed in place instead of copied, which halves the memory of
 * a city's import; @buildings then shows the change too. */
GPtrArray *wm_tenure_estimate (GPtrArray      *areas,
                               GPtrArray      *buildings,
                               WmSegmentTable *segments,
                               GPtrArray      *notes_out);

/* The five segment shares (summing to 1) that @figures imply, with the WOZ split as the
 * estimate makes it; FALSE when the figures give no tenure shares. @segments NULL: built-in. */
gboolean wm_tenure_shares_from_figures (const WmAreaFigures *figures, WmSegmentTable *segments,
                                        double shares[WM_N_SEGMENTS]);
/* The national figures of @segments' "tenure_estimate" (NULL: built-in); FALSE when none. */
gboolean wm_tenure_national_figures (WmSegmentTable *segments, WmAreaFigures *out);

/* One area's part of a summary. */
typedef struct
{
  char *area_id;       /* NULL: outside every area */
  char *area_name;     /* NULL outside */
  WmTenureBasis basis; /* what its estimated dwellings rest on */
  int year;            /* year of the figures used, 0 when unknown */
  gint64 dwellings[3]; /* by WmTenureSource: stated, estimated, listed */
} WmTenureAreaSummary;

typedef struct
{
  gint64 dwellings[3]; /* by WmTenureSource */
  guint buildings[3];  /* buildings with dwellings, by WmTenureSource */
  int year;            /* latest year of the CBS figures used, 0 when none */
  GPtrArray *areas;    /* WmTenureAreaSummary*: the plan's areas in order, then outside
                        * (only when buildings lie outside) */
} WmTenureSummary;

/* Fills @out (free with wm_tenure_summary_clear); FALSE when every dwelling is stated. */
gboolean wm_tenure_summarise (WmPlan *plan, WmTenureSummary *out);
void wm_tenure_summary_clear (WmTenureSummary *summary);

/* One or two translated sentences on what is estimated and from what, or NULL when every
 * dwelling is stated. */
char *wm_tenure_describe (WmPlan *plan);

G_END_DECLS
