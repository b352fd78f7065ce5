/* wm-targets.h: the project's targets as bands (editable, stored in the project file)
 *
 * A target is a band per indicator key: an optional minimum and an optional maximum, both
 * fractions 0..1. Keys that can have a band: share.<segment>, affordable_share,
 * new_build_affordable_share, diversity and coverage.<kind>. A preset fills the bands; any
 * edit of a band makes the targets "custom". A new project starts with the preset for a
 * priority neighbourhood, which is never "within" for a one-sided stock.
 */
#pragma once

#include "wm-plan.h"

G_BEGIN_DECLS

#define WM_TARGETS_DEFAULT_CLOSE_MARGIN 0.05

typedef enum
{
  WM_TARGET_PRESET_NEIGHBOURHOOD, /* social rent 30–50 %, new build at least 2/3 affordable */
  WM_TARGET_PRESET_NATIONAL,      /* at least 30 % social rent, 2/3 of new build affordable */
  WM_TARGET_PRESET_THIRDS,        /* 1/3 social rent, 1/3 mid-priced, 1/3 expensive */
  WM_TARGET_PRESET_CUSTOM,
  WM_N_TARGET_PRESETS
} WmTargetPreset;

/* "neighbourhood", "national", "thirds", "custom" (stored in the project file). */
const char *wm_target_preset_key (WmTargetPreset preset);
gboolean wm_target_preset_from_key (const char *key, WmTargetPreset *out_preset);
/* Translated name and the assumption it makes, for the screen. */
const char *wm_target_preset_label (WmTargetPreset preset);
const char *wm_target_preset_assumption (WmTargetPreset preset);

typedef enum
{
  WM_TARGET_VERDICT_NONE,             /* no band, or nothing to judge */
  WM_TARGET_VERDICT_BELOW_MINIMUM,
  WM_TARGET_VERDICT_CLOSE_TO_MINIMUM, /* below the minimum by no more than the close margin */
  WM_TARGET_VERDICT_WITHIN,
  WM_TARGET_VERDICT_CLOSE_TO_MAXIMUM, /* above the maximum by no more than the close margin */
  WM_TARGET_VERDICT_ABOVE_MAXIMUM,
} WmTargetVerdict;

/* "none", "below_minimum", "close_to_minimum", "within", "close_to_maximum",
 * "above_maximum". */
const char *wm_target_verdict_key (WmTargetVerdict verdict);
gboolean wm_target_verdict_is_below (WmTargetVerdict verdict);
gboolean wm_target_verdict_is_above (WmTargetVerdict verdict);

/* A band; NAN for a missing bound. */
typedef struct
{
  double min;
  double max;
} WmTargetBand;

/* "30–50 %", "at least 67 %", "at most 50 %" (@as_index: "0.60–1.00" for diversity). */
char *wm_target_band_format (const WmTargetBand *band, gboolean as_index);
/* "within 30–50 %" ("meets the minimum of 67 %", "within the maximum of 50 %" for a one-sided
 * band), "below the minimum of 30 %", "above the maximum of 50 %", "just below the minimum of
 * 30 %", "just above the maximum of 50 %"; NULL for NONE. */
char *wm_target_verdict_describe (WmTargetVerdict verdict, const WmTargetBand *band,
                                  gboolean as_index);

/* TRUE for keys that can have a band (see above). */
gboolean wm_target_key_is_valid (const char *key);
/* Translated name of the indicator of a target key, e.g. "Share of social rent". */
char *wm_target_key_label (const char *key);
/* Diversity is an index, the other keys are shares. */
gboolean wm_target_key_is_index (const char *key);

#define WM_TYPE_TARGETS (wm_targets_get_type ())
G_DECLARE_FINAL_TYPE (WmTargets, wm_targets, WM, TARGETS, GObject)

/* Targets of the neighbourhood preset. Properties: "preset" (WmTargetPreset), "close-margin"
 * (fraction) and "bands" (read-only, the keys with a band; notified on every band change). */
WmTargets *wm_targets_new (void);
/* The targets of @plan (transfer none). Editing them emits the plan's "changed" signal, so
 * the project is marked as modified. */
WmTargets *wm_targets_get_for_plan (WmPlan *plan);

WmTargetPreset wm_targets_get_preset (WmTargets *self);
/* Replaces every band by the preset's; CUSTOM keeps the bands and only marks them custom. */
void wm_targets_apply_preset (WmTargets *self, WmTargetPreset preset);

/* FALSE (and @out_band both NAN) when @key has no band. */
gboolean wm_targets_get_band (WmTargets *self, const char *key, WmTargetBand *out_band);
/* Sets or (NULL, or both bounds NAN) removes the band of @key and makes the preset custom
 * when that changes anything. The caller checks the band (wm_targets_check_band). */
void wm_targets_set_band (WmTargets *self, const char *key, const WmTargetBand *band);
/* FALSE with a translated message when @band is not a band for @key: unknown key, a bound
 * outside 0..1, or a minimum above the maximum. */
gboolean wm_targets_check_band (const char *key, const WmTargetBand *band, GError **error);
/* The keys with a band, sorted; free with g_strfreev. */
char **wm_targets_dup_keys (WmTargets *self);

double wm_targets_get_close_margin (WmTargets *self);
void wm_targets_set_close_margin (WmTargets *self, double fraction);

/* Where @value lies against the band of @key; NONE without a band or for a NaN value. */
WmTargetVerdict wm_targets_judge (WmTargets *self, const char *key, double value);

gboolean wm_targets_equal (WmTargets *a, WmTargets *b);
void wm_targets_copy_from (WmTargets *self, WmTargets *other);
WmTargets *wm_targets_copy (WmTargets *self);

/* Key/value rows for the project file's wijkmix_meta table: a NULL-terminated array
 * key0, value0, key1, value1, ... (keys start with "target."): target.preset,
 * target.close_margin, target.<key>.min and target.<key>.max for the bounds that are set. */
char **wm_targets_to_meta (WmTargets *self);
/* Applies all target rows of a file at once (@rows as from wm_targets_to_meta). Without any
 * row the targets stay as they are. Files written before bands existed
 * (target.social_rent_stock, target.affordable_new_build) have their values as minimums.
 * Rows that are not valid are ignored, and so is a band whose minimum is above its maximum;
 * returns the number of valid rows. */
guint wm_targets_load_meta (WmTargets *self, const char *const *rows);

G_END_DECLS
