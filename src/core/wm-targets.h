/* wm-targets.h: the project's housing targets (editable, stored in the project file)
 *
 * Defaults follow the Nationale Woon- en Bouwagenda: two thirds of new build affordable
 * (social rent, mid-rent, affordable owner-occupied) and 30% social rent of the stock.
 */
#pragma once

#include "wm-plan.h"

G_BEGIN_DECLS

#define WM_TARGETS_DEFAULT_AFFORDABLE_NEW_BUILD (2.0 / 3.0)
#define WM_TARGETS_DEFAULT_SOCIAL_RENT_STOCK 0.30
#define WM_TARGETS_DEFAULT_CLOSE_MARGIN 0.05

typedef enum
{
  WM_TARGET_STATUS_MET,    /* value >= target */
  WM_TARGET_STATUS_CLOSE,  /* below, but by no more than the close margin */
  WM_TARGET_STATUS_MISSED,
} WmTargetStatus;

/* "met", "close", "missed". */
const char *wm_target_status_key (WmTargetStatus status);
const char *wm_target_status_label (WmTargetStatus status);

#define WM_TYPE_TARGETS (wm_targets_get_type ())
G_DECLARE_FINAL_TYPE (WmTargets, wm_targets, WM, TARGETS, GObject)

/* Targets with the defaults. Properties: "affordable-new-build", "social-rent-stock",
 * "close-margin" (fractions 0..1). */
WmTargets *wm_targets_new (void);
/* The targets of @plan (transfer none), created with the defaults on first use. Editing them
 * emits the plan's "changed" signal, so the project is marked as modified. */
WmTargets *wm_targets_get_for_plan (WmPlan *plan);

double wm_targets_get_affordable_new_build (WmTargets *self);
void wm_targets_set_affordable_new_build (WmTargets *self, double fraction);
double wm_targets_get_social_rent_stock (WmTargets *self);
void wm_targets_set_social_rent_stock (WmTargets *self, double fraction);
double wm_targets_get_close_margin (WmTargets *self);
void wm_targets_set_close_margin (WmTargets *self, double fraction);

/* The editable targets by number, for generic editors and undo. */
typedef enum
{
  WM_TARGET_AFFORDABLE_NEW_BUILD,
  WM_TARGET_SOCIAL_RENT_STOCK,
  WM_TARGET_CLOSE_MARGIN,
  WM_N_TARGETS
} WmTarget;

/* Translated name of a target, e.g. "Social rent share of the stock". */
const char *wm_target_label (WmTarget target);
double wm_targets_get_target (WmTargets *self, WmTarget target);
void wm_targets_set_target (WmTargets *self, WmTarget target, double fraction);

WmTargetStatus wm_targets_evaluate (WmTargets *self, double value, double target);
gboolean wm_targets_equal (WmTargets *a, WmTargets *b);
void wm_targets_copy_from (WmTargets *self, WmTargets *other);

/* Key/value rows for the project file's wijkmix_meta table: a NULL-terminated array
 * key0, value0, key1, value1, ... (keys start with "target."). */
char **wm_targets_to_meta (WmTargets *self);
/* Applies one meta row; returns FALSE when @key is not a target key or @value is not a
 * fraction 0..1 (the row is then ignored). */
gboolean wm_targets_set_meta (WmTargets *self, const char *key, const char *value);

G_END_DECLS
