/* wm-segment.h: housing segments and their price limits
 *
 * The five segments have stable keys that are stored in project files. Their
 * names, colours and price limits per year are data: data/segments.json,
 * compiled into the core's resources and loaded with wm_segment_table_load().
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  WM_SEGMENT_SOCIAL_RENT,
  WM_SEGMENT_MID_RENT,
  WM_SEGMENT_PRIVATE_RENT,
  WM_SEGMENT_OWNER_AFFORDABLE,
  WM_SEGMENT_OWNER_EXPENSIVE,
  WM_N_SEGMENTS
} WmSegment;

/* Dwellings per segment. */
typedef struct
{
  gint counts[WM_N_SEGMENTS];
} WmDwellingMix;

const char *wm_segment_key (WmSegment segment);
/* Returns FALSE for an unknown key. */
gboolean wm_segment_from_key (const char *key, WmSegment *out_segment);

gint wm_dwelling_mix_total (const WmDwellingMix *mix);
void wm_dwelling_mix_add (WmDwellingMix *self, const WmDwellingMix *delta);
gboolean wm_dwelling_mix_equal (const WmDwellingMix *a, const WmDwellingMix *b);

/* One year's limits (EUR; points of the woningwaarderingsstelsel). */
typedef struct
{
  int year;
  double social_rent_max_rent;      /* per month */
  int social_rent_max_points;       /* below this many points */
  double mid_rent_max_rent;         /* per month */
  int mid_rent_max_points;          /* up to and including */
  double owner_affordable_max_price;
  double social_income_limit_single;
  double social_income_limit_multi;
} WmPriceLimits;

#define WM_TYPE_SEGMENT_TABLE (wm_segment_table_get_type ())
G_DECLARE_FINAL_TYPE (WmSegmentTable, wm_segment_table, WM, SEGMENT_TABLE, GObject)

/* The built-in table (resource /nl/wijkmix/core/segments.json); never fails for the shipped file. */
WmSegmentTable *wm_segment_table_get_default (void);
/* Loads a table from JSON; the error names the file and the problem. */
WmSegmentTable *wm_segment_table_load (GFile *file, GError **error);
WmSegmentTable *wm_segment_table_load_from_bytes (GBytes *json, const char *source_name, GError **error);

/* Name in the user's language (nl or en from the data, by the locale). */
const char *wm_segment_table_get_name (WmSegmentTable *self, WmSegment segment);
const char *wm_segment_table_get_description (WmSegmentTable *self, WmSegment segment);
/* "#rrggbb" from the data: a palette readable with colour-blindness. */
const char *wm_segment_table_get_colour (WmSegmentTable *self, WmSegment segment);
gboolean wm_segment_table_is_affordable (WmSegmentTable *self, WmSegment segment);
/* The limits of @year, or of the latest year before it; NULL when the table has none so early. */
const WmPriceLimits *wm_segment_table_get_limits (WmSegmentTable *self, int year);

/* What estimating unknown tenure from CBS key figures assumes (the table's "tenure_estimate";
 * see src/core/wm-tenure-estimate.h). */
typedef struct
{
  double woz_log_sd;              /* spread of ln(WOZ) of owner-occupied dwellings in an area */
  int national_year;              /* year of the national figures */
  double national_pct_corporation_rent; /* % of all Dutch dwellings, as WmAreaFigures */
  double national_pct_other_rent;
  double national_pct_owner;
  double national_mean_woz;       /* EUR 1,000 */
  const char *national_source;    /* where the national figures come from */
} WmTenureDefaults;

/* NULL when the table has no "tenure_estimate" (the built-in table has one). */
const WmTenureDefaults *wm_segment_table_get_tenure_defaults (WmSegmentTable *self);

#define WM_SEGMENT_ERROR (wm_segment_error_quark ())
GQuark wm_segment_error_quark (void);
typedef enum
{
  WM_SEGMENT_ERROR_INVALID,
} WmSegmentError;

G_END_DECLS
