/* wm-targets.c: the project's targets as bands (editable, stored in the project file) */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-enums.h"
#include "wm-facility.h"
#include "wm-segment.h"
#include "wm-targets.h"

struct _WmTargets
{
  GObject parent_instance;

  WmTargetPreset preset;
  double close_margin;
  GHashTable *bands; /* key -> WmTargetBand*, only bands with a bound */
};

G_DEFINE_FINAL_TYPE (WmTargets, wm_targets, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PRESET,
  PROP_CLOSE_MARGIN,
  PROP_BANDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Values are compared with a small tolerance, so that e.g. 2 of 3 meets a minimum of 2/3. */
#define EPSILON 1e-9

typedef struct
{
  const char *key;
  double min, max;
} PresetBand;

/* Thirds: mid-priced is mid-rent plus affordable owner-occupied, expensive is free-sector
 * rent plus expensive owner-occupied (the national agenda counts affordable owner-occupied
 * with mid-rent). With social rent and the affordable share (social plus mid-priced) each
 * about a third from the other end, the expensive third follows: 1 − affordable_share. */
static const PresetBand preset_bands[][3] = {
  [WM_TARGET_PRESET_NEIGHBOURHOOD] = { { "share.social_rent", 0.30, 0.50 },
                                       { "new_build_affordable_share", 2.0 / 3.0, NAN },
                                       { NULL } },
  [WM_TARGET_PRESET_NATIONAL] = { { "share.social_rent", 0.30, NAN },
                                  { "new_build_affordable_share", 2.0 / 3.0, NAN },
                                  { NULL } },
  [WM_TARGET_PRESET_THIRDS] = { { "share.social_rent", 0.28, 0.38 },
                                { "affordable_share", 0.62, 0.72 },
                                { NULL } },
  [WM_TARGET_PRESET_CUSTOM] = { { NULL } },
};

static const char *const preset_keys[] = {
  [WM_TARGET_PRESET_NEIGHBOURHOOD] = "neighbourhood",
  [WM_TARGET_PRESET_NATIONAL] = "national",
  [WM_TARGET_PRESET_THIRDS] = "thirds",
  [WM_TARGET_PRESET_CUSTOM] = "custom",
};

const char *
wm_target_preset_key (WmTargetPreset preset)
{
  g_return_val_if_fail ((guint) preset < WM_N_TARGET_PRESETS, NULL);
  return preset_keys[preset];
}

gboolean
wm_target_preset_from_key (const char     *key,
                           WmTargetPreset *out_preset)
{
  for (guint i = 0; key != NULL && i < WM_N_TARGET_PRESETS; i++)
    if (g_str_equal (key, preset_keys[i]))
      {
        if (out_preset != NULL)
          *out_preset = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wm_target_preset_label (WmTargetPreset preset)
{
  switch (preset)
    {
    case WM_TARGET_PRESET_NEIGHBOURHOOD:
      return _("Priority neighbourhood");
    case WM_TARGET_PRESET_NATIONAL:
      return _("National housing agenda");
    case WM_TARGET_PRESET_THIRDS:
      return _("One third each (Zoetermeer)");
    case WM_TARGET_PRESET_CUSTOM:
      return _("Custom");
    case WM_N_TARGET_PRESETS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
wm_target_preset_assumption (WmTargetPreset preset)
{
  switch (preset)
    {
    case WM_TARGET_PRESET_NEIGHBOURHOOD:
      return _("Assumption for a priority neighbourhood: social rent between 30 % and 50 %, and "
               "at least two thirds of new build affordable — edit to your local agreements.");
    case WM_TARGET_PRESET_NATIONAL:
      return _("Nationale Woon- en Bouwagenda: at least 30 % social rent, an aim for the whole "
               "municipality, and at least two thirds of new build affordable.");
    case WM_TARGET_PRESET_THIRDS:
      return _("Zoetermeer’s city-wide aim of one third each: social rent 28–38 %, social rent "
               "plus mid-priced 62–72 %, so the expensive third is 28–38 %.");
    case WM_TARGET_PRESET_CUSTOM:
      return _("Targets agreed for this project.");
    case WM_N_TARGET_PRESETS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
wm_target_verdict_key (WmTargetVerdict verdict)
{
  switch (verdict)
    {
    case WM_TARGET_VERDICT_BELOW_MINIMUM:
      return "below_minimum";
    case WM_TARGET_VERDICT_CLOSE_TO_MINIMUM:
      return "close_to_minimum";
    case WM_TARGET_VERDICT_WITHIN:
      return "within";
    case WM_TARGET_VERDICT_CLOSE_TO_MAXIMUM:
      return "close_to_maximum";
    case WM_TARGET_VERDICT_ABOVE_MAXIMUM:
      return "above_maximum";
    case WM_TARGET_VERDICT_NONE:
    default:
      return "none";
    }
}

gboolean
wm_target_verdict_is_below (WmTargetVerdict verdict)
{
  return verdict == WM_TARGET_VERDICT_BELOW_MINIMUM ||
         verdict == WM_TARGET_VERDICT_CLOSE_TO_MINIMUM;
}

gboolean
wm_target_verdict_is_above (WmTargetVerdict verdict)
{
  return verdict == WM_TARGET_VERDICT_ABOVE_MAXIMUM ||
         verdict == WM_TARGET_VERDICT_CLOSE_TO_MAXIMUM;
}

static char *
format_bound (double value,
              gboolean as_index)
{
  if (as_index)
    return g_strdup_printf ("%.2f", value);
  /* Translators: a percentage in a target band, e.g. "30 %" */
  return g_strdup_printf (_("%.0f %%"), 100.0 * value);
}

char *
wm_target_band_format (const WmTargetBand *band,
                       gboolean            as_index)
{
  g_autofree char *lo = NULL, *hi = NULL;

  g_return_val_if_fail (band != NULL, NULL);

  if (!isnan (band->min) && !isnan (band->max))
    {
      if (as_index)
        return g_strdup_printf ("%.2f–%.2f", band->min, band->max);
      /* Translators: a band of percentages, e.g. "30–50 %" */
      return g_strdup_printf (_("%.0f–%.0f %%"), 100.0 * band->min, 100.0 * band->max);
    }
  if (!isnan (band->min))
    {
      lo = format_bound (band->min, as_index);
      /* Translators: a band with only a minimum, e.g. "at least 30 %" */
      return g_strdup_printf (_("at least %s"), lo);
    }
  if (!isnan (band->max))
    {
      hi = format_bound (band->max, as_index);
      /* Translators: a band with only a maximum, e.g. "at most 50 %" */
      return g_strdup_printf (_("at most %s"), hi);
    }
  return g_strdup (_("no target"));
}

char *
wm_target_verdict_describe (WmTargetVerdict     verdict,
                            const WmTargetBand *band,
                            gboolean            as_index)
{
  g_autofree char *bound = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (band != NULL, NULL);

  switch (verdict)
    {
    case WM_TARGET_VERDICT_BELOW_MINIMUM:
      bound = format_bound (band->min, as_index);
      /* Translators: a target verdict, e.g. "below the minimum of 30 %" */
      return g_strdup_printf (_("below the minimum of %s"), bound);
    case WM_TARGET_VERDICT_CLOSE_TO_MINIMUM:
      bound = format_bound (band->min, as_index);
      return g_strdup_printf (_("just below the minimum of %s"), bound);
    case WM_TARGET_VERDICT_WITHIN:
      if (!isnan (band->min) && !isnan (band->max))
        {
          text = wm_target_band_format (band, as_index);
          /* Translators: a target verdict, e.g. "within 30–50 %" */
          return g_strdup_printf (_("within %s"), text);
        }
      if (!isnan (band->min))
        {
          bound = format_bound (band->min, as_index);
          /* Translators: a target verdict, e.g. "meets the minimum of 67 %" */
          return g_strdup_printf (_("meets the minimum of %s"), bound);
        }
      bound = format_bound (band->max, as_index);
      /* Translators: a target verdict, e.g. "within the maximum of 50 %" */
      return g_strdup_printf (_("within the maximum of %s"), bound);
    case WM_TARGET_VERDICT_CLOSE_TO_MAXIMUM:
      bound = format_bound (band->max, as_index);
      return g_strdup_printf (_("just above the maximum of %s"), bound);
    case WM_TARGET_VERDICT_ABOVE_MAXIMUM:
      bound = format_bound (band->max, as_index);
      /* Translators: a target verdict, e.g. "above the maximum of 50 %" */
      return g_strdup_printf (_("above the maximum of %s"), bound);
    case WM_TARGET_VERDICT_NONE:
    default:
      return NULL;
    }
}

gboolean
wm_target_key_is_valid (const char *key)
{
  if (key == NULL)
    return FALSE;
  if (g_str_has_prefix (key, "share."))
    return wm_segment_from_key (key + strlen ("share."), NULL);
  if (g_str_has_prefix (key, "coverage."))
    {
      const char *kind = key + strlen ("coverage.");

      if (*kind == '\0')
        return FALSE;
      for (const char *c = kind; *c != '\0'; c++)
        if (!g_ascii_islower (*c) && *c != '_')
          return FALSE;
      return TRUE;
    }
  return g_str_equal (key, "affordable_share") || g_str_equal (key, "new_build_affordable_share")
         || g_str_equal (key, "diversity");
}

char *
wm_target_key_label (const char *key)
{
  WmSegment segment;

  g_return_val_if_fail (key != NULL, NULL);

  if (g_str_has_prefix (key, "share.") && wm_segment_from_key (key + strlen ("share."), &segment))
    {
      g_autofree char *name =
        g_utf8_strdown (wm_segment_table_get_name (wm_segment_table_get_default (), segment), -1);

      /* Translators: the share of a housing segment, e.g. "Share of social rent" */
      return g_strdup_printf (_("Share of %s"), name);
    }
  if (g_str_equal (key, "affordable_share"))
    return g_strdup (_("Affordable share of the stock"));
  if (g_str_equal (key, "new_build_affordable_share"))
    return g_strdup (_("Affordable share of new build"));
  if (g_str_equal (key, "diversity"))
    return g_strdup (_("Diversity"));
  if (g_str_has_prefix (key, "coverage."))
    {
      const char *kind = key + strlen ("coverage.");
      const char *phrase = wm_coverage_kind_phrase (kind);

      /* Translators: a coverage target, e.g. "Dwellings near a meeting place" */
      return g_strdup_printf (_("Dwellings near %s"), phrase != NULL ? phrase : kind);
    }
  return g_strdup (key);
}

gboolean
wm_target_key_is_index (const char *key)
{
  return g_strcmp0 (key, "diversity") == 0;
}

/* --- the object -------------------------------------------------------------------------- */

static gboolean
same_bound (double a, double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static gboolean
bands_equal (GHashTable *a, GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const WmTargetBand *x = value, *y = g_hash_table_lookup (b, key);

      if (y == NULL || !same_bound (x->min, y->min) || !same_bound (x->max, y->max))
        return FALSE;
    }
  return TRUE;
}

static GHashTable *
bands_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
bands_put (GHashTable *bands, const char *key, double min, double max)
{
  WmTargetBand *band;

  if (isnan (min) && isnan (max))
    {
      g_hash_table_remove (bands, key);
      return;
    }
  band = g_new (WmTargetBand, 1);
  band->min = min;
  band->max = max;
  g_hash_table_insert (bands, g_strdup (key), band);
}

static GHashTable *
bands_for_preset (WmTargetPreset preset)
{
  GHashTable *bands = bands_new ();

  for (const PresetBand *p = preset_bands[preset]; p->key != NULL; p++)
    bands_put (bands, p->key, p->min, p->max);
  return bands;
}

/* Takes @bands. */
static void
replace_bands (WmTargets *self, GHashTable *bands)
{
  if (bands_equal (self->bands, bands))
    {
      g_hash_table_unref (bands);
      return;
    }
  g_hash_table_unref (self->bands);
  self->bands = bands;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BANDS]);
}

static void
set_preset (WmTargets *self, WmTargetPreset preset)
{
  if (self->preset == preset)
    return;
  self->preset = preset;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESET]);
}

WmTargets *
wm_targets_new (void)
{
  return g_object_new (WM_TYPE_TARGETS, NULL);
}

/* The plan owns its targets; this name stays for the callers. */
WmTargets *
wm_targets_get_for_plan (WmPlan *plan)
{
  return wm_plan_get_targets (plan);
}

WmTargetPreset
wm_targets_get_preset (WmTargets *self)
{
  g_return_val_if_fail (WM_IS_TARGETS (self), WM_TARGET_PRESET_CUSTOM);
  return self->preset;
}

void
wm_targets_apply_preset (WmTargets     *self,
                         WmTargetPreset preset)
{
  g_return_if_fail (WM_IS_TARGETS (self));
  g_return_if_fail ((guint) preset < WM_N_TARGET_PRESETS);

  g_object_freeze_notify (G_OBJECT (self));
  if (preset != WM_TARGET_PRESET_CUSTOM)
    replace_bands (self, bands_for_preset (preset));
  set_preset (self, preset);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
wm_targets_get_band (WmTargets    *self,
                     const char   *key,
                     WmTargetBand *out_band)
{
  const WmTargetBand *band;

  g_return_val_if_fail (WM_IS_TARGETS (self), FALSE);

  band = key != NULL ? g_hash_table_lookup (self->bands, key) : NULL;
  if (out_band != NULL)
    {
      out_band->min = band != NULL ? band->min : NAN;
      out_band->max = band != NULL ? band->max : NAN;
    }
  return band != NULL;
}

gboolean
wm_targets_check_band (const char         *key,
                       const WmTargetBand *band,
                       GError            **error)
{
  if (!wm_target_key_is_valid (key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” cannot have a target"), key != NULL ? key : "");
      return FALSE;
    }
  if (band == NULL)
    return TRUE;
  if ((!isnan (band->min) && !(band->min >= 0.0 && band->min <= 1.0)) ||
      (!isnan (band->max) && !(band->max >= 0.0 && band->max <= 1.0)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           wm_target_key_is_index (key)
                             ? _("A target for an index lies between 0 and 1")
                             : _("A target is a share between 0 % and 100 %"));
      return FALSE;
    }
  if (!isnan (band->min) && !isnan (band->max) && band->min > band->max)
    {
      g_autofree char *lo = format_bound (band->min, wm_target_key_is_index (key));
      g_autofree char *hi = format_bound (band->max, wm_target_key_is_index (key));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The minimum (%s) is above the maximum (%s)"), lo, hi);
      return FALSE;
    }
  return TRUE;
}

void
wm_targets_set_band (WmTargets          *self,
                     const char         *key,
                     const WmTargetBand *band)
{
  GHashTable *bands;
  GHashTableIter iter;
  gpointer k, v;

  g_return_if_fail (WM_IS_TARGETS (self));
  g_return_if_fail (wm_targets_check_band (key, band, NULL));

  bands = bands_new ();
  g_hash_table_iter_init (&iter, self->bands);
  while (g_hash_table_iter_next (&iter, &k, &v))
    bands_put (bands, k, ((WmTargetBand *) v)->min, ((WmTargetBand *) v)->max);
  bands_put (bands, key, band != NULL ? band->min : NAN, band != NULL ? band->max : NAN);
  if (bands_equal (bands, self->bands))
    {
      g_hash_table_unref (bands);
      return;
    }
  g_object_freeze_notify (G_OBJECT (self));
  replace_bands (self, bands);
  set_preset (self, WM_TARGET_PRESET_CUSTOM);
  g_object_thaw_notify (G_OBJECT (self));
}

static int
compare_strings (const void *a, const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

char **
wm_targets_dup_keys (WmTargets *self)
{
  g_autofree const char **keys = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (WM_IS_TARGETS (self), NULL);

  keys = (const char **) g_hash_table_get_keys_as_array (self->bands, &n);
  qsort (keys, n, sizeof *keys, compare_strings);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, keys[i]);
  return g_strv_builder_end (builder);
}

double
wm_targets_get_close_margin (WmTargets *self)
{
  g_return_val_if_fail (WM_IS_TARGETS (self), 0.0);
  return self->close_margin;
}

void
wm_targets_set_close_margin (WmTargets *self,
                             double     fraction)
{
  g_return_if_fail (WM_IS_TARGETS (self));
  g_return_if_fail (fraction >= 0.0 && fraction <= 1.0);

  if (self->close_margin == fraction)
    return;
  self->close_margin = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSE_MARGIN]);
}

WmTargetVerdict
wm_targets_judge (WmTargets  *self,
                  const char *key,
                  double      value)
{
  WmTargetBand band;

  g_return_val_if_fail (WM_IS_TARGETS (self), WM_TARGET_VERDICT_NONE);

  if (isnan (value) || !wm_targets_get_band (self, key, &band))
    return WM_TARGET_VERDICT_NONE;
  if (!isnan (band.min) && value < band.min - EPSILON)
    return value >= band.min - self->close_margin - EPSILON ? WM_TARGET_VERDICT_CLOSE_TO_MINIMUM
                                                            : WM_TARGET_VERDICT_BELOW_MINIMUM;
  if (!isnan (band.max) && value > band.max + EPSILON)
    return value <= band.max + self->close_margin + EPSILON ? WM_TARGET_VERDICT_CLOSE_TO_MAXIMUM
                                                            : WM_TARGET_VERDICT_ABOVE_MAXIMUM;
  return WM_TARGET_VERDICT_WITHIN;
}

gboolean
wm_targets_equal (WmTargets *a,
                  WmTargets *b)
{
  g_return_val_if_fail (WM_IS_TARGETS (a), FALSE);
  g_return_val_if_fail (WM_IS_TARGETS (b), FALSE);

  return a->preset == b->preset && a->close_margin == b->close_margin &&
         bands_equal (a->bands, b->bands);
}

static GHashTable *
bands_copy (GHashTable *bands)
{
  GHashTable *copy = bands_new ();
  GHashTableIter iter;
  gpointer k, v;

  g_hash_table_iter_init (&iter, bands);
  while (g_hash_table_iter_next (&iter, &k, &v))
    bands_put (copy, k, ((WmTargetBand *) v)->min, ((WmTargetBand *) v)->max);
  return copy;
}

void
wm_targets_copy_from (WmTargets *self,
                      WmTargets *other)
{
  g_return_if_fail (WM_IS_TARGETS (self));
  g_return_if_fail (WM_IS_TARGETS (other));

  g_object_freeze_notify (G_OBJECT (self));
  replace_bands (self, bands_copy (other->bands));
  set_preset (self, other->preset);
  wm_targets_set_close_margin (self, other->close_margin);
  g_object_thaw_notify (G_OBJECT (self));
}

WmTargets *
wm_targets_copy (WmTargets *self)
{
  WmTargets *copy;

  g_return_val_if_fail (WM_IS_TARGETS (self), NULL);

  copy = wm_targets_new ();
  wm_targets_copy_from (copy, self);
  return copy;
}

static void
add_number_row (GStrvBuilder *builder, const char *key, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_strv_builder_add (builder, key);
  /* Shortest round-trip representation, independent of the locale. */
  g_strv_builder_add (builder, g_ascii_dtostr (buf, sizeof buf, value));
}

char **
wm_targets_to_meta (WmTargets *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) keys = NULL;

  g_return_val_if_fail (WM_IS_TARGETS (self), NULL);

  g_strv_builder_add (builder, "target.preset");
  g_strv_builder_add (builder, preset_keys[self->preset]);
  add_number_row (builder, "target.close_margin", self->close_margin);
  keys = wm_targets_dup_keys (self);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const WmTargetBand *band = g_hash_table_lookup (self->bands, keys[i]);
      g_autofree char *min_key = g_strconcat ("target.", keys[i], ".min", NULL);
      g_autofree char *max_key = g_strconcat ("target.", keys[i], ".max", NULL);

      if (!isnan (band->min))
        add_number_row (builder, min_key, band->min);
      if (!isnan (band->max))
        add_number_row (builder, max_key, band->max);
    }
  return g_strv_builder_end (builder);
}

static gboolean
parse_fraction (const char *text, double *out_value)
{
  char *end = NULL;
  double v;

  if (text == NULL)
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v) || v < 0.0 || v > 1.0)
    return FALSE;
  *out_value = v;
  return TRUE;
}

guint
wm_targets_load_meta (WmTargets         *self,
                      const char *const *rows)
{
  g_autoptr (WmTargets) loaded = NULL;
  g_autoptr (GHashTable) bands = bands_new ();
  gboolean has_preset = FALSE;
  guint n_target_rows = 0, n_used = 0;
  WmTargetPreset preset = WM_TARGET_PRESET_CUSTOM;
  GHashTableIter iter;
  gpointer k, v;

  g_return_val_if_fail (WM_IS_TARGETS (self), 0);

  for (guint i = 0; rows != NULL && rows[i] != NULL && rows[i + 1] != NULL; i += 2)
    if (g_str_has_prefix (rows[i], "target."))
      {
        n_target_rows++;
        if (g_str_equal (rows[i], "target.preset"))
          has_preset = wm_target_preset_from_key (rows[i + 1], &preset);
      }
  if (n_target_rows == 0)
    return 0;

  loaded = wm_targets_new ();
  g_hash_table_remove_all (loaded->bands);
  if (has_preset)
    n_used++;
  for (guint i = 0; rows != NULL && rows[i] != NULL && rows[i + 1] != NULL; i += 2)
    {
      const char *key = rows[i];
      double value;

      if (!g_str_has_prefix (key, "target.") || !parse_fraction (rows[i + 1], &value))
        continue;
      key += strlen ("target.");
      if (g_str_equal (key, "close_margin"))
        {
          loaded->close_margin = value;
          n_used++;
          continue;
        }
      /* Before bands, a target was a minimum; a file with a preset row ignores these. */
      if (!has_preset && g_str_equal (key, "social_rent_stock"))
        key = "share.social_rent.min";
      else if (!has_preset && g_str_equal (key, "affordable_new_build"))
        key = "new_build_affordable_share.min";

      if (g_str_has_suffix (key, ".min") || g_str_has_suffix (key, ".max"))
        {
          g_autofree char *band_key = g_strndup (key, strlen (key) - 4);
          gboolean is_min = g_str_has_suffix (key, ".min");
          WmTargetBand band = { NAN, NAN }, *old;

          if (!wm_target_key_is_valid (band_key))
            continue;
          old = g_hash_table_lookup (bands, band_key);
          if (old != NULL)
            band = *old;
          if (is_min)
            band.min = value;
          else
            band.max = value;
          bands_put (bands, band_key, band.min, band.max);
          n_used++;
        }
    }

  g_hash_table_iter_init (&iter, bands);
  while (g_hash_table_iter_next (&iter, &k, &v))
    if (wm_targets_check_band (k, v, NULL))
      bands_put (loaded->bands, k, ((WmTargetBand *) v)->min, ((WmTargetBand *) v)->max);

  if (!has_preset)
    {
      /* An old file with the old defaults reads as the national agenda they came from. */
      g_autoptr (GHashTable) national = bands_for_preset (WM_TARGET_PRESET_NATIONAL);

      preset = bands_equal (national, loaded->bands) ? WM_TARGET_PRESET_NATIONAL
                                                     : WM_TARGET_PRESET_CUSTOM;
    }
  loaded->preset = preset;
  wm_targets_copy_from (self, loaded);
  return n_used;
}

/* --- GObject ----------------------------------------------------------------------------- */

static void
wm_targets_finalize (GObject *object)
{
  WmTargets *self = WM_TARGETS (object);

  g_clear_pointer (&self->bands, g_hash_table_unref);

  G_OBJECT_CLASS (wm_targets_parent_class)->finalize (object);
}

static void
wm_targets_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WmTargets *self = WM_TARGETS (object);

  switch (prop_id)
    {
    case PROP_PRESET:
      g_value_set_enum (value, self->preset);
      break;
    case PROP_CLOSE_MARGIN:
      g_value_set_double (value, self->close_margin);
      break;
    case PROP_BANDS:
      g_value_take_boxed (value, wm_targets_dup_keys (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_targets_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WmTargets *self = WM_TARGETS (object);

  switch (prop_id)
    {
    case PROP_PRESET:
      wm_targets_apply_preset (self, g_value_get_enum (value));
      break;
    case PROP_CLOSE_MARGIN:
      wm_targets_set_close_margin (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_targets_class_init (WmTargetsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = wm_targets_finalize;
  object_class->get_property = wm_targets_get_property;
  object_class->set_property = wm_targets_set_property;

  properties[PROP_PRESET] =
    g_param_spec_enum ("preset", NULL, NULL, WM_TYPE_TARGET_PRESET,
                       WM_TARGET_PRESET_NEIGHBOURHOOD, flags);
  properties[PROP_CLOSE_MARGIN] =
    g_param_spec_double ("close-margin", NULL, NULL, 0.0, 1.0, WM_TARGETS_DEFAULT_CLOSE_MARGIN,
                         flags);
  properties[PROP_BANDS] =
    g_param_spec_boxed ("bands", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_targets_init (WmTargets *self)
{
  self->preset = WM_TARGET_PRESET_NEIGHBOURHOOD;
  self->close_margin = WM_TARGETS_DEFAULT_CLOSE_MARGIN;
  self->bands = bands_for_preset (WM_TARGET_PRESET_NEIGHBOURHOOD);
}
