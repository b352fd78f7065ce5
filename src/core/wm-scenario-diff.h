/* wm-scenario-diff.h: what differs between two scenarios A and B of a plan
 *
 * Proposals are matched by what they do, never by their ids (a duplicated scenario gives its
 * copies new ids). Two proposals are the same change when they have the same kind and act on
 * the same buildings, geometry and facility (wm_proposal_same_change()); they are equal when
 * every other field (the dwellings per segment, the years, name, note, dwelling type, return
 * share, facility type) is equal too. The match is one of multisets: a proposal of B matches at
 * most one of A, so two equal proposals in A and one in B leave one only in A. Equal pairs are
 * taken first; the same changes left over pair up as changed, each proposal of A (in its
 * order) with the one of B that differs in the fewest fields (the first of those in B's
 * order); what is then left is only in A or only in B.
 *
 * The indicators that move most between A and B are taken from the rows of a comparison that
 * holds both (wm-scenario-comparison.h), ranked by wm_scenario_diff_move_size(). Plain data,
 * main thread.
 */
#pragma once

#include "wm-scenario-comparison.h"

G_BEGIN_DECLS

/* The fields of a proposal besides its id, kind and what it acts on. */
typedef enum /*< flags >*/
{
  WM_PROPOSAL_FIELD_NONE = 0,
  WM_PROPOSAL_FIELD_DWELLINGS = 1 << 0,     /* the dwellings per segment */
  WM_PROPOSAL_FIELD_YEAR = 1 << 1,          /* completion year */
  WM_PROPOSAL_FIELD_START_YEAR = 1 << 2,
  WM_PROPOSAL_FIELD_NAME = 1 << 3,
  WM_PROPOSAL_FIELD_NOTE = 1 << 4,
  WM_PROPOSAL_FIELD_DWELLING_TYPE = 1 << 5,
  WM_PROPOSAL_FIELD_RETURN_SHARE = 1 << 6,
  WM_PROPOSAL_FIELD_FACILITY_TYPE = 1 << 7,
} WmProposalFields;

/* Same kind, buildings, geometry and facility id (what the change acts on). */
gboolean wm_proposal_same_change (WmProposal *a, WmProposal *b);
/* The fields in which @a and @b differ (whatever their kinds and what they act on). */
WmProposalFields wm_proposal_diff_fields (WmProposal *a, WmProposal *b);
/* What changed from @a to @b in those @fields, translated, fields separated by "; ", e.g.
 * "dwellings: social rent 8 → 12, mid-rent 6 → 2; year 2029 → 2031". A name or note that
 * changed is said to have changed, without both texts. */
char *wm_proposal_describe_change (WmProposal *a, WmProposal *b, WmProposalFields fields);

typedef struct
{
  WmProposal *a;           /* a reference */
  WmProposal *b;           /* a reference */
  WmProposalFields fields; /* where they differ, never NONE */
} WmProposalPair;

typedef struct
{
  WmScenario *a;      /* a reference */
  WmScenario *b;      /* a reference */
  GPtrArray *only_a;  /* WmProposal (referenced), in A's order */
  GPtrArray *only_b;  /* WmProposal (referenced), in B's order */
  GArray *changed;    /* WmProposalPair, in A's order */
  guint n_equal;      /* pairs equal in every field but the id */
} WmScenarioDiff;

WmScenarioDiff *wm_scenario_diff_new (WmScenario *a, WmScenario *b);
void wm_scenario_diff_free (WmScenarioDiff *self);
/* TRUE when A and B make the same proposals (in whatever order). */
gboolean wm_scenario_diff_is_empty (const WmScenarioDiff *self);

/* How an indicator's differences are measured. */
typedef enum
{
  WM_INDICATOR_SCALE_COUNT, /* dwellings, residents, households: relative to A */
  WM_INDICATOR_SCALE_SHARE, /* share.*, *_share, coverage.*: fractions 0..1 */
  WM_INDICATOR_SCALE_INDEX, /* diversity, dissimilarity*: indices 0..1 */
} WmIndicatorScale;

WmIndicatorScale wm_indicator_key_scale (const char *key);

/* How far an indicator moves from @a to @b, on one scale for all keys: for shares and indices
 * the absolute difference in points (0.30 → 0.345 is 4.5), for counts the difference relative
 * to @a in percent (200 → 230 is 15; from 0 to anything else 100). NAN when either value is
 * NAN (a share of no dwellings cannot be measured against). */
double wm_scenario_diff_move_size (const char *key, double a, double b);

typedef struct
{
  const WmComparisonRow *row; /* borrowed from the comparison */
  double value_a;
  double value_b;
  double difference;          /* value_b - value_a */
  double size;                /* wm_scenario_diff_move_size(), > 0 */
} WmIndicatorMove;

/* The rows of @comparison that differ between its scenarios @index_a and @index_b (indices in
 * comparison->scenarios), largest move first (ties in the rows' order): an array of
 * WmIndicatorMove. Rows that do not move, or where either value is NAN, are left out. */
GArray *wm_scenario_diff_rank_indicators (const WmScenarioComparison *comparison, guint index_a,
                                          guint index_b);
/* The first @n of that ranking (fewer when fewer rows move). */
GArray *wm_scenario_diff_top_indicators (const WmScenarioComparison *comparison, guint index_a,
                                         guint index_b, guint n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmScenarioDiff, wm_scenario_diff_free)

G_END_DECLS
