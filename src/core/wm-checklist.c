/* wm-checklist.c: the roadmap checklist of one scenario */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wm-checklist-item-private.h"
#include "wm-checklist.h"
#include "wm-projection.h"
#include "wm-proposal-factory.h"

/* How many proposals or areas a reason names before it says "and N more". */
#define MAX_NAMED 3

struct _WmChecklist
{
  GObject parent_instance;

  WmIndicatorEngine *engine;
  WmPlan *plan;
  WmScenario *scenario;
  WmChecklistState *state;
  WmRoadmapCatalogue *catalogue;

  GPtrArray *items;     /* WmChecklistItem in catalogue order */
  GHashTable *by_id;    /* id -> WmChecklistItem, borrowed */
  GPtrArray *order;     /* borrowed items sorted by phase, then catalogue order */
  GListStore *listed;
};

G_DEFINE_FINAL_TYPE (WmChecklist, wm_checklist, G_TYPE_OBJECT)

enum { PROP_0, PROP_CATALOGUE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void evaluate (WmChecklist *self);

/* ---------------------------------------------------------------------------------------------
 * Catalogue of the plan
 * ------------------------------------------------------------------------------------------ */

WmRoadmapCatalogue *
wm_checklist_get_plan_catalogue (WmPlan  *plan,
                                 GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *source = NULL;
  WmRoadmapCatalogue *catalogue;
  const char *json;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  json = wm_checklist_state_get_catalogue_json (wm_checklist_state_get_for_plan (plan));
  if (json == NULL)
    return g_object_ref (wm_roadmap_catalogue_get_default ());

  source = g_strdup_printf (_("roadmap catalogue of “%s”"),
                            wm_plan_get_name (plan) != NULL ? wm_plan_get_name (plan) : "");
  bytes = g_bytes_new (json, strlen (json));
  catalogue = wm_roadmap_catalogue_load_from_bytes (bytes, source, &local_error);
  if (catalogue == NULL)
    g_set_error_literal (error, WM_CHECKLIST_ERROR, WM_CHECKLIST_ERROR_CATALOGUE,
                         local_error->message);
  return catalogue;
}

/* ---------------------------------------------------------------------------------------------
 * Trigger evaluation
 * ------------------------------------------------------------------------------------------ */

/* What one proposal does where it takes effect, after the proposals before it in the plan's
 * order (wm-projection.h). */
typedef struct
{
  int removed;    /* occupied dwellings it removes: households that have to move */
  gboolean mixed; /* the complex it leaves holds both rented and owner-occupied dwellings */
} ProposalFacts;

static int
positive_total (const WmDwellingMix *mix)
{
  int n = 0;

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    n += MAX (mix->counts[s], 0);
  return n;
}

static gboolean
mix_is_mixed_tenure (const WmDwellingMix *mix)
{
  int rent = MAX (mix->counts[WM_SEGMENT_SOCIAL_RENT], 0) +
             MAX (mix->counts[WM_SEGMENT_MID_RENT], 0) +
             MAX (mix->counts[WM_SEGMENT_PRIVATE_RENT], 0);
  int owner = MAX (mix->counts[WM_SEGMENT_OWNER_AFFORDABLE], 0) +
              MAX (mix->counts[WM_SEGMENT_OWNER_EXPENSIVE], 0);

  return rent > 0 && owner > 0;
}

/* The projected state of a baseline building in @table, from its baseline on first use; NULL
 * for an unknown building. */
static WmProjectedBuilding *
building_state (WmPlan *plan, GHashTable *table, const char *id)
{
  WmProjectedBuilding *state = g_hash_table_lookup (table, id);
  WmBuilding *building;

  if (state != NULL)
    return state;
  building = wm_plan_find_building (plan, id);
  if (building == NULL)
    return NULL;
  state = g_new0 (WmProjectedBuilding, 1);
  state->dwellings = *wm_building_get_dwellings (building);
  g_hash_table_insert (table, g_strdup (id), state);
  return state;
}

static gboolean
repeated_id (const char *const *ids, guint i)
{
  for (guint j = 0; j < i; j++)
    if (g_str_equal (ids[j], ids[i]))
      return TRUE;
  return FALSE;
}

/* ProposalFacts by list position of the scenario's proposals, in one walk in the plan's order
 * that applies the projection's rules to the buildings as it goes. */
static GArray *
proposal_facts (WmChecklist *self)
{
  GListModel *model = wm_scenario_get_proposals (self->scenario);
  g_autoptr (GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree guint *order = NULL;
  GArray *facts;
  guint n;

  order = wm_projection_order_positions (model, &n);
  facts = g_array_sized_new (FALSE, TRUE, sizeof (ProposalFacts), n);
  g_array_set_size (facts, n);
  for (guint k = 0; k < n; k++)
    {
      g_autoptr (WmProposal) proposal = g_list_model_get_item (model, order[k]);
      ProposalFacts *facts_k = &g_array_index (facts, ProposalFacts, order[k]);
      const char *const *ids = wm_proposal_get_building_ids (proposal);
      const WmDwellingMix *delta = wm_proposal_get_dwelling_delta (proposal);
      gboolean demolish = wm_proposal_get_kind (proposal) == WM_PROPOSAL_DEMOLISH;
      gboolean named = ids != NULL && ids[0] != NULL;
      gboolean gone = FALSE;
      WmDwellingMix complex = { { 0 } };

      /* Not yet completed at the engine's year: it does nothing yet. Those counted come first
       * in the plan's order, so the others change nothing before them. */
      if (!wm_indicator_engine_counts_proposal (self->engine, proposal))
        continue;
      for (guint i = 0; named && ids[i] != NULL; i++)
        {
          WmProjectedBuilding *state = building_state (self->plan, table, ids[i]);

          if (repeated_id (ids, i) || state == NULL)
            continue;
          if (state->demolished)
            {
              /* A change to a building demolished before it does nothing (the projection). */
              gone |= i == 0;
              continue;
            }
          if (demolish)
            facts_k->removed += positive_total (&state->dwellings);
          else
            wm_dwelling_mix_add (&complex, &state->dwellings);
        }

      if (demolish)
        {
          /* As the engine: a demolition naming buildings removes theirs, else its delta. */
          if (!named)
            facts_k->removed = MAX (0, -wm_dwelling_mix_total (delta));
        }
      else if (!gone)
        {
          /* Net dwellings removed (merging 4 into 2 moves 2 households), as
           * households_to_rehouse counts them; a conversion moves no one. */
          facts_k->removed = MAX (0, -wm_dwelling_mix_total (delta));
          wm_dwelling_mix_add (&complex, delta);
          facts_k->mixed = mix_is_mixed_tenure (&complex);
        }

      for (guint i = 0; named && ids[i] != NULL; i++)
        {
          WmProjectedBuilding *state = building_state (self->plan, table, ids[i]);

          if (state != NULL && !repeated_id (ids, i))
            wm_projection_apply_to_building (proposal, ids[i], &state->dwellings,
                                             &state->demolished);
        }
    }
  return facts;
}

/* Ratios of the dwellings (0..1): they say nothing where there are no dwellings. */
static gboolean
is_ratio_key (const char *key)
{
  return g_str_has_prefix (key, "share.") || g_str_has_prefix (key, "coverage.") ||
         g_str_has_suffix (key, "_share") || g_str_has_prefix (key, "diversity") ||
         g_str_has_prefix (key, "dissimilarity");
}

static char *
format_value (const char *key, double value)
{
  if (g_str_has_prefix (key, "share.") || g_str_has_prefix (key, "coverage.") ||
      g_str_has_suffix (key, "_share"))
    /* Written as the panel and the target verdicts write it ("56 %"). */
    return g_strdup_printf (_("%.0f %%"), value * 100.0);
  if (g_str_has_prefix (key, "diversity") || g_str_has_prefix (key, "dissimilarity"))
    return g_strdup_printf ("%.2f", value);
  return g_strdup_printf ("%.0f", value);
}

static gboolean
compare_holds (WmRoadmapCompare compare, double value, double baseline, double threshold)
{
  switch (compare)
    {
    case WM_ROADMAP_COMPARE_ABOVE:
      return value > threshold;
    case WM_ROADMAP_COMPARE_BELOW:
      return value < threshold;
    case WM_ROADMAP_COMPARE_CHANGE_ABOVE:
      return value - baseline > threshold;
    case WM_ROADMAP_COMPARE_CHANGE_BELOW:
      return value - baseline < threshold;
    case WM_ROADMAP_COMPARE_BELOW_TARGET:
    case WM_ROADMAP_COMPARE_ABOVE_TARGET:
    case WM_ROADMAP_COMPARE_OUTSIDE_TARGET:
    default:
      return FALSE;
    }
}

static gboolean
is_target_compare (WmRoadmapCompare compare)
{
  return compare == WM_ROADMAP_COMPARE_BELOW_TARGET || compare == WM_ROADMAP_COMPARE_ABOVE_TARGET
         || compare == WM_ROADMAP_COMPARE_OUTSIDE_TARGET;
}

/* Does the target verdict of @trigger's indicator hold (whole neighbourhood)? */
static gboolean
target_holds (WmChecklist *self, const WmRoadmapTrigger *trigger)
{
  WmTargetVerdict verdict;
  gboolean below, above;

  if (!wm_indicator_engine_get_target (self->engine, trigger->indicator, NULL, &verdict))
    return FALSE;
  below = wm_target_verdict_is_below (verdict);
  above = wm_target_verdict_is_above (verdict);
  switch (trigger->compare)
    {
    case WM_ROADMAP_COMPARE_BELOW_TARGET:
      return below;
    case WM_ROADMAP_COMPARE_ABOVE_TARGET:
      return above;
    case WM_ROADMAP_COMPARE_OUTSIDE_TARGET:
      return below || above;
    default:
      return FALSE;
    }
}

/* "Share of social rent is 100 %, above the maximum of 50 % (target 30–50 %)". */
static char *
target_text (WmChecklist *self, const WmRoadmapTrigger *trigger, double value)
{
  g_autofree char *label = wm_target_key_label (trigger->indicator);
  gboolean as_index = wm_target_key_is_index (trigger->indicator);
  /* Translators: a percentage, as in the target band */
  g_autofree char *v = as_index ? g_strdup_printf ("%.2f", value)
                                : g_strdup_printf (_("%.0f %%"), 100.0 * value);
  g_autofree char *verdict_text = NULL, *band_text = NULL;
  WmTargetBand band;
  WmTargetVerdict verdict;

  wm_indicator_engine_get_target (self->engine, trigger->indicator, &band, &verdict);
  verdict_text = wm_target_verdict_describe (verdict, &band, as_index);
  band_text = wm_target_band_format (&band, as_index);
  /* Translators: indicator, its value, the verdict ("above the maximum of 50 %"), the band */
  return g_strdup_printf (_("%s is %s, %s (target %s)"), label, v,
                          verdict_text != NULL ? verdict_text : "", band_text);
}

/* Does the condition hold in @area_id (NULL: the whole neighbourhood)? */
static gboolean
indicator_holds (WmChecklist *self, const WmRoadmapTrigger *trigger, const char *area_id,
                 double *out_value, double *out_baseline, double *out_threshold)
{
  gboolean is_change = trigger->compare == WM_ROADMAP_COMPARE_CHANGE_ABOVE ||
                       trigger->compare == WM_ROADMAP_COMPARE_CHANGE_BELOW;
  double value = wm_indicator_engine_get (self->engine, trigger->indicator, area_id,
                                          WM_INDICATOR_PROJECTED);
  double baseline = wm_indicator_engine_get (self->engine, trigger->indicator, area_id,
                                             WM_INDICATOR_BASELINE);
  double dwellings;

  *out_value = value;
  *out_baseline = baseline;
  *out_threshold = trigger->threshold;
  if (isnan (value) || isnan (baseline))
    return FALSE;

  /* A share or coverage of nothing says nothing: an empty plan triggers no alarms. Counts
   * (households to rehouse where everything is demolished) do. */
  dwellings = wm_indicator_engine_get (self->engine, "dwellings", area_id,
                                       WM_INDICATOR_PROJECTED);
  if (!is_change && is_ratio_key (trigger->indicator) && !(dwellings > 0))
    return FALSE;

  if (is_target_compare (trigger->compare))
    {
      WmTargetBand band;
      WmTargetVerdict verdict;

      /* The threshold is the bound the value is on the wrong side of. */
      wm_indicator_engine_get_target (self->engine, trigger->indicator, &band, &verdict);
      *out_threshold = wm_target_verdict_is_above (verdict) ||
                           trigger->compare == WM_ROADMAP_COMPARE_ABOVE_TARGET
                         ? band.max : band.min;
      return target_holds (self, trigger);
    }
  return compare_holds (trigger->compare, value, baseline, trigger->threshold);
}

/* Where an any_area condition holds. */
typedef struct
{
  const char *area_id;
  double value;
  double baseline;
} AreaHit;

/* Most striking first: highest for above, lowest for below, largest change. */
static int
area_hit_cmp (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const AreaHit *x = a, *y = b;
  double kx, ky;

  switch (*(const WmRoadmapCompare *) user_data)
    {
    case WM_ROADMAP_COMPARE_BELOW:
      kx = -x->value;
      ky = -y->value;
      break;
    case WM_ROADMAP_COMPARE_CHANGE_ABOVE:
      kx = x->value - x->baseline;
      ky = y->value - y->baseline;
      break;
    case WM_ROADMAP_COMPARE_CHANGE_BELOW:
      kx = x->baseline - x->value;
      ky = y->baseline - y->value;
      break;
    case WM_ROADMAP_COMPARE_ABOVE:
    case WM_ROADMAP_COMPARE_BELOW_TARGET:
    default:
      kx = x->value;
      ky = y->value;
      break;
    }
  return kx > ky ? -1 : kx < ky;
}

/* "56%", or for a change "from 10 to 4". */
static char *
value_piece (const WmRoadmapTrigger *trigger, double value, double baseline)
{
  g_autofree char *v = format_value (trigger->indicator, value);
  g_autofree char *b = NULL;

  if (trigger->compare != WM_ROADMAP_COMPARE_CHANGE_ABOVE &&
      trigger->compare != WM_ROADMAP_COMPARE_CHANGE_BELOW)
    return g_steal_pointer (&v);
  b = format_value (trigger->indicator, baseline);
  /* Translators: an indicator's change, e.g. “from 10 to 4”. */
  return g_strdup_printf (_("from %s to %s"), b, v);
}

/* @hits: NULL for the whole neighbourhood, else the areas where the condition holds. */
static char *
indicator_text (WmChecklist *self, const WmRoadmapTrigger *trigger, double value,
                double baseline, double threshold, GArray *hits)
{
  g_autofree char *label = wm_indicator_engine_get_label (self->engine, trigger->indicator);
  g_autofree char *v = format_value (trigger->indicator, value);
  g_autofree char *t = format_value (trigger->indicator, threshold);
  g_autoptr (GString) what = g_string_new (NULL);
  g_autofree char *quoted = NULL;
  const char *name = label != NULL ? label : trigger->indicator;

  /* “Share: Social rent: 45%” would read as three parts. */
  if (strchr (name, ':') != NULL && trigger->compare != WM_ROADMAP_COMPARE_BELOW_TARGET)
    name = quoted = g_strdup_printf ("“%s”", name);

  if (hits == NULL || hits->len == 0)
    {
      g_autofree char *piece = value_piece (trigger, value, baseline);

      g_string_append (what, piece);
    }
  else
    {
      g_autoptr (GArray) sorted = g_array_copy (hits);
      guint n_named = MIN (sorted->len, MAX_NAMED);

      g_array_sort_with_data (sorted, area_hit_cmp, (gpointer) &trigger->compare);
      for (guint i = 0; i < n_named; i++)
        {
          const AreaHit *hit = &g_array_index (sorted, AreaHit, i);
          WmArea *area = wm_plan_find_area (self->plan, hit->area_id);
          const char *area_name = area != NULL && wm_area_get_name (area) != NULL &&
                                  *wm_area_get_name (area) != '\0'
                                    ? wm_area_get_name (area) : hit->area_id;
          g_autofree char *piece = value_piece (trigger, hit->value, hit->baseline);

          if (i > 0)
            g_string_append (what, ", ");
          /* Translators: a value, then the area where it is, e.g. “56% in Vak C3”. */
          g_string_append_printf (what, _("%s in %s"), piece, area_name);
        }
      if (sorted->len > n_named)
        {
          g_autofree char *named = g_string_free (g_steal_pointer (&what), FALSE);
          guint more = sorted->len - n_named;

          what = g_string_new (NULL);
          /* Translators: the areas named so far, then how many more there are. */
          g_string_append_printf (what, g_dngettext (GETTEXT_PACKAGE, "%s and %u more area",
                                                     "%s and %u more areas", more),
                                  named, more);
        }
    }

  switch (trigger->compare)
    {
    case WM_ROADMAP_COMPARE_ABOVE:
      /* Translators: “Newcomer share: 56% in Vak C3 (above 20%)”. */
      return g_strdup_printf (_("%s: %s (above %s)"), name, what->str, t);
    case WM_ROADMAP_COMPARE_BELOW:
      return g_strdup_printf (_("%s: %s (below %s)"), name, what->str, t);
    case WM_ROADMAP_COMPARE_BELOW_TARGET:
    case WM_ROADMAP_COMPARE_ABOVE_TARGET:
    case WM_ROADMAP_COMPARE_OUTSIDE_TARGET:
      return target_text (self, trigger, value);
    case WM_ROADMAP_COMPARE_CHANGE_ABOVE:
    case WM_ROADMAP_COMPARE_CHANGE_BELOW:
    default:
      /* Translators: indicator and its change: “Affordable dwellings: from 120 to 100”. */
      return g_strdup_printf (_("%s: %s"), name, what->str);
    }
}

/* A proposal as a reason names it: its name, or a description when it has none. */
static char *
proposal_label (WmChecklist *self, WmProposal *proposal)
{
  const char *name = wm_proposal_get_name (proposal);

  if (name != NULL && *name != '\0')
    return g_strdup (name);
  return wm_proposal_factory_describe (self->plan, proposal);
}

/* “Follows from the change “New build: 24 apartments”: 31 households have to move”.
 * @matched: the proposals, @removed: the households they make move. */
static char *
proposal_text (WmChecklist *self, const WmRoadmapTrigger *trigger, GPtrArray *matched,
               int removed)
{
  g_autoptr (GString) names = g_string_new (NULL);
  guint n_named = MIN (matched->len, MAX_NAMED);
  g_autofree char *text = NULL;

  for (guint i = 0; i < n_named; i++)
    {
      g_autofree char *label = proposal_label (self, g_ptr_array_index (matched, i));

      if (i > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "“%s”", label);
    }
  if (matched->len == 1)
    /* Translators: %s is the name of a change in quotes, e.g. “New build: 24 apartments”. */
    text = g_strdup_printf (_("Follows from the change %s"), names->str);
  else if (matched->len <= MAX_NAMED)
    /* Translators: %s is a list of changes in quotes. */
    text = g_strdup_printf (_("Follows from the changes %s"), names->str);
  else
    {
      guint more = matched->len - n_named;

      text = g_strdup_printf (
        /* Translators: changes named in quotes, then how many more there are. */
        g_dngettext (GETTEXT_PACKAGE, "Follows from the changes %s and %u more",
                     "Follows from the changes %s and %u more", more),
        names->str, more);
    }

  if (trigger->removes_dwellings)
    {
      g_autofree char *moves = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%d household has to move", "%d households have to move",
                     removed),
        removed);

      /* Translators: why an item is there, then what it means for residents. */
      return g_strdup_printf (_("%s: %s"), text, moves);
    }
  if (trigger->mixed_tenure)
    return g_strdup_printf (_("%s: %s"), text,
                            _("rented and owner-occupied homes in one complex"));
  return g_steal_pointer (&text);
}

static void
evaluate_item (WmChecklist *self, WmChecklistItem *item, GArray *facts)
{
  const WmRoadmapTrigger *trigger =
    wm_roadmap_entry_get_trigger (wm_checklist_item_get_entry (item));
  g_autoptr (GStrvBuilder) proposal_ids = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) area_ids = g_strv_builder_new ();
  g_auto (GStrv) proposals = NULL;
  g_auto (GStrv) areas = NULL;
  g_autofree char *text = NULL;
  double value = NAN, baseline = NAN, threshold = NAN;
  gboolean active = FALSE;

  switch (trigger->kind)
    {
    case WM_ROADMAP_TRIGGER_ALWAYS:
      active = TRUE;
      text = g_strdup (_("Part of the approach in every plan"));
      break;

    case WM_ROADMAP_TRIGGER_PROPOSAL:
      {
        GListModel *model = wm_scenario_get_proposals (self->scenario);
        g_autoptr (GPtrArray) matched = g_ptr_array_new_with_free_func (g_object_unref);
        int removed = 0;

        for (guint i = 0; i < g_list_model_get_n_items (model); i++)
          {
            g_autoptr (WmProposal) proposal = g_list_model_get_item (model, i);
            const ProposalFacts *f = &g_array_index (facts, ProposalFacts, i);

            if (!(trigger->proposal_kinds & (1u << wm_proposal_get_kind (proposal))) ||
                !wm_indicator_engine_counts_proposal (self->engine, proposal))
              continue;
            if (trigger->mixed_tenure && !f->mixed)
              continue;
            if (trigger->removes_dwellings && f->removed <= 0)
              continue;
            g_strv_builder_add (proposal_ids, wm_proposal_get_id (proposal));
            g_ptr_array_add (matched, g_steal_pointer (&proposal));
            removed += f->removed;
            active = TRUE;
          }
        if (active)
          text = proposal_text (self, trigger, matched, removed);
      }
      break;

    case WM_ROADMAP_TRIGGER_INDICATOR:
      /* A plan without areas is one area: the whole neighbourhood. */
      if (trigger->any_area && g_list_model_get_n_items (wm_plan_get_areas (self->plan)) > 0)
        {
          GListModel *model = wm_plan_get_areas (self->plan);
          g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (AreaHit));

          for (guint i = 0; i < g_list_model_get_n_items (model); i++)
            {
              g_autoptr (WmArea) area = g_list_model_get_item (model, i);
              AreaHit hit = { wm_area_get_id (area), NAN, NAN };
              double t;

              if (indicator_holds (self, trigger, hit.area_id, &hit.value, &hit.baseline, &t))
                {
                  if (!active)
                    {
                      value = hit.value;
                      baseline = hit.baseline;
                      threshold = t;
                    }
                  g_strv_builder_add (area_ids, hit.area_id);
                  /* Areas stay in the plan (which holds them) for this evaluation. */
                  g_array_append_val (hits, hit);
                  active = TRUE;
                }
            }
          if (active)
            text = indicator_text (self, trigger, value, baseline, threshold, hits);
        }
      else
        {
          active = indicator_holds (self, trigger, NULL, &value, &baseline, &threshold);
          if (active)
            text = indicator_text (self, trigger, value, baseline, threshold, NULL);
        }
      areas = g_strv_builder_end (area_ids);
      break;

    default:
      g_assert_not_reached ();
    }

  if (!active)
    text = g_strdup (_("Trigger gone: nothing in this scenario calls for it any more"));
  proposals = g_strv_builder_end (proposal_ids);
  wm_checklist_item_update (item, active, (const char *const *) proposals,
                            (const char *const *) areas, value, baseline, threshold, text);
}

/* Splices only the part of the list that differs, so views keep their rows. */
static void
sync_listed (WmChecklist *self)
{
  g_autoptr (GPtrArray) wanted = g_ptr_array_new ();
  GListModel *model = G_LIST_MODEL (self->listed);
  guint n_old = g_list_model_get_n_items (model);
  guint start = 0, end_old, end_new;

  for (guint i = 0; i < self->order->len; i++)
    if (wm_checklist_item_get_listed (g_ptr_array_index (self->order, i)))
      g_ptr_array_add (wanted, g_ptr_array_index (self->order, i));

  while (start < n_old && start < wanted->len)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, start);

      if (item != g_ptr_array_index (wanted, start))
        break;
      start++;
    }
  end_old = n_old;
  end_new = wanted->len;
  while (end_old > start && end_new > start)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, end_old - 1);

      if (item != g_ptr_array_index (wanted, end_new - 1))
        break;
      end_old--;
      end_new--;
    }
  if (end_old > start || end_new > start)
    g_list_store_splice (self->listed, start, end_old - start,
                         wanted->pdata + start, end_new - start);
}

static void
evaluate (WmChecklist *self)
{
  g_autoptr (GArray) facts = proposal_facts (self);

  for (guint i = 0; i < self->items->len; i++)
    evaluate_item (self, g_ptr_array_index (self->items, i), facts);
  sync_listed (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---------------------------------------------------------------------------------------------
 * Signals from the model
 * ------------------------------------------------------------------------------------------ */

static void
scenario_changed_cb (WmScenario  *scenario,
                     WmChecklist *self)
{
  evaluate (self);
}

static void
set_scenario (WmChecklist *self, WmScenario *scenario)
{
  if (self->scenario == scenario)
    return;
  if (self->scenario != NULL)
    g_signal_handlers_disconnect_by_func (self->scenario, scenario_changed_cb, self);
  g_set_object (&self->scenario, scenario);
  g_signal_connect (scenario, "changed", G_CALLBACK (scenario_changed_cb), self);
  for (guint i = 0; i < self->items->len; i++)
    wm_checklist_item_set_scenario (g_ptr_array_index (self->items, i),
                                    wm_scenario_get_id (scenario));
}

static void
engine_changed_cb (WmIndicatorEngine *engine,
                   WmChecklist       *self)
{
  set_scenario (self, wm_indicator_engine_get_scenario (engine));
  evaluate (self);
}

static void
state_entry_changed_cb (WmChecklistState *state,
                        const char       *scenario_id,
                        const char       *item_id,
                        WmChecklist      *self)
{
  WmChecklistItem *item;

  if (g_strcmp0 (scenario_id, wm_scenario_get_id (self->scenario)) != 0)
    return;
  item = g_hash_table_lookup (self->by_id, item_id);
  if (item == NULL)
    return;
  wm_checklist_item_user_data_changed (item);
  /* An item can become orphaned (listed) or lose its last entry (unlisted). */
  sync_listed (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---------------------------------------------------------------------------------------------
 * Object
 * ------------------------------------------------------------------------------------------ */

static int
compare_order (gconstpointer a, gconstpointer b, gpointer user_data)
{
  WmChecklist *self = user_data;
  WmChecklistItem *ia = *(WmChecklistItem *const *) a;
  WmChecklistItem *ib = *(WmChecklistItem *const *) b;
  int pa = wm_roadmap_catalogue_get_phase_index (self->catalogue, wm_checklist_item_get_phase (ia));
  int pb = wm_roadmap_catalogue_get_phase_index (self->catalogue, wm_checklist_item_get_phase (ib));
  guint xa = 0, xb = 0;

  if (pa != pb)
    return pa < pb ? -1 : 1;
  g_ptr_array_find (self->items, ia, &xa);
  g_ptr_array_find (self->items, ib, &xb);
  return xa < xb ? -1 : xa > xb;
}

static void
build_items (WmChecklist *self)
{
  guint n = wm_roadmap_catalogue_get_n_entries (self->catalogue);

  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->order, 0);
  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < n; i++)
    {
      const WmRoadmapEntry *entry = wm_roadmap_catalogue_get_entry (self->catalogue, i);
      WmChecklistItem *item = wm_checklist_item_new (self->catalogue, entry, self->state,
                                                     wm_scenario_get_id (self->scenario));

      g_ptr_array_add (self->items, item);
      g_ptr_array_add (self->order, item);
      g_hash_table_insert (self->by_id, (gpointer) wm_roadmap_entry_get_id (entry), item);
    }
  g_ptr_array_sort_with_data (self->order, compare_order, self);
}

static void
wm_checklist_dispose (GObject *object)
{
  WmChecklist *self = WM_CHECKLIST (object);

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_func (self->engine, engine_changed_cb, self);
  if (self->scenario != NULL)
    g_signal_handlers_disconnect_by_func (self->scenario, scenario_changed_cb, self);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_func (self->state, state_entry_changed_cb, self);
  if (self->listed != NULL)
    g_list_store_remove_all (self->listed);
  g_clear_object (&self->engine);
  g_clear_object (&self->scenario);
  g_clear_object (&self->plan);
  g_clear_object (&self->state);

  G_OBJECT_CLASS (wm_checklist_parent_class)->dispose (object);
}

static void
wm_checklist_finalize (GObject *object)
{
  WmChecklist *self = WM_CHECKLIST (object);

  g_clear_object (&self->listed);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->catalogue);

  G_OBJECT_CLASS (wm_checklist_parent_class)->finalize (object);
}

static void
wm_checklist_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WmChecklist *self = WM_CHECKLIST (object);

  switch (prop_id)
    {
    case PROP_CATALOGUE:
      g_value_set_object (value, self->catalogue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_checklist_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WmChecklist *self = WM_CHECKLIST (object);

  switch (prop_id)
    {
    case PROP_CATALOGUE:
      wm_checklist_set_catalogue (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_checklist_class_init (WmChecklistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_checklist_dispose;
  object_class->finalize = wm_checklist_finalize;
  object_class->get_property = wm_checklist_get_property;
  object_class->set_property = wm_checklist_set_property;

  properties[PROP_CATALOGUE] =
    g_param_spec_object ("catalogue", NULL, NULL, WM_TYPE_ROADMAP_CATALOGUE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wm_checklist_init (WmChecklist *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->order = g_ptr_array_new ();
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->listed = g_list_store_new (WM_TYPE_CHECKLIST_ITEM);
}

WmChecklist *
wm_checklist_new (WmIndicatorEngine  *engine,
                  WmRoadmapCatalogue *catalogue)
{
  g_autoptr (WmRoadmapCatalogue) own = NULL;
  WmChecklist *self;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (engine), NULL);
  g_return_val_if_fail (catalogue == NULL || WM_IS_ROADMAP_CATALOGUE (catalogue), NULL);

  self = g_object_new (WM_TYPE_CHECKLIST, NULL);
  self->engine = g_object_ref (engine);
  self->plan = g_object_ref (wm_indicator_engine_get_plan (engine));
  self->state = g_object_ref (wm_checklist_state_get_for_plan (self->plan));
  set_scenario (self, wm_indicator_engine_get_scenario (engine));

  if (catalogue == NULL)
    {
      g_autoptr (GError) error = NULL;

      own = wm_checklist_get_plan_catalogue (self->plan, &error);
      if (own == NULL)
        {
          g_message ("%s", error->message);
          own = g_object_ref (wm_roadmap_catalogue_get_default ());
        }
      catalogue = own;
    }
  self->catalogue = g_object_ref (catalogue);
  build_items (self);

  g_signal_connect (engine, "changed", G_CALLBACK (engine_changed_cb), self);
  g_signal_connect (self->state, "entry-changed", G_CALLBACK (state_entry_changed_cb), self);
  evaluate (self);
  return self;
}

WmIndicatorEngine *
wm_checklist_get_engine (WmChecklist *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST (self), NULL);
  return self->engine;
}

WmPlan *
wm_checklist_get_plan (WmChecklist *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST (self), NULL);
  return self->plan;
}

WmScenario *
wm_checklist_get_scenario (WmChecklist *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST (self), NULL);
  return self->scenario;
}

WmRoadmapCatalogue *
wm_checklist_get_catalogue (WmChecklist *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST (self), NULL);
  return self->catalogue;
}

void
wm_checklist_set_catalogue (WmChecklist        *self,
                            WmRoadmapCatalogue *catalogue)
{
  g_return_if_fail (WM_IS_CHECKLIST (self));
  g_return_if_fail (WM_IS_ROADMAP_CATALOGUE (catalogue));

  if (self->catalogue == catalogue)
    return;
  /* Items point into the old catalogue: empty the list before they go. */
  g_list_store_remove_all (self->listed);
  g_set_object (&self->catalogue, catalogue);
  build_items (self);
  evaluate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOGUE]);
}

gboolean
wm_checklist_load_catalogue (WmChecklist *self,
                             GFile       *file,
                             gboolean     store_in_plan,
                             GError     **error)
{
  g_autoptr (WmRoadmapCatalogue) catalogue = NULL;

  g_return_val_if_fail (WM_IS_CHECKLIST (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  catalogue = wm_roadmap_catalogue_load (file, error);
  if (catalogue == NULL)
    return FALSE;
  if (store_in_plan)
    {
      GBytes *json = wm_roadmap_catalogue_get_json (catalogue);
      gsize len;
      const char *data = g_bytes_get_data (json, &len);
      g_autofree char *text = g_strndup (data, len);

      wm_checklist_state_set_catalogue_json (self->state, text);
    }
  wm_checklist_set_catalogue (self, catalogue);
  return TRUE;
}

void
wm_checklist_use_builtin_catalogue (WmChecklist *self)
{
  g_return_if_fail (WM_IS_CHECKLIST (self));

  wm_checklist_state_set_catalogue_json (self->state, NULL);
  wm_checklist_set_catalogue (self, wm_roadmap_catalogue_get_default ());
}

GListModel *
wm_checklist_get_items (WmChecklist *self)
{
  g_return_val_if_fail (WM_IS_CHECKLIST (self), NULL);
  return G_LIST_MODEL (self->listed);
}

WmChecklistItem *
wm_checklist_find_item (WmChecklist *self,
                        const char  *id)
{
  g_return_val_if_fail (WM_IS_CHECKLIST (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

double
wm_checklist_get_phase_progress (WmChecklist *self,
                                 const char  *phase,
                                 guint       *out_done,
                                 guint       *out_listed)
{
  guint done = 0, listed = 0;

  g_return_val_if_fail (WM_IS_CHECKLIST (self), 0.0);

  for (guint i = 0; i < self->order->len; i++)
    {
      WmChecklistItem *item = g_ptr_array_index (self->order, i);
      WmChecklistStatus status;

      if (g_strcmp0 (wm_checklist_item_get_phase (item), phase) != 0 ||
          !wm_checklist_item_get_listed (item))
        continue;
      listed++;
      status = wm_checklist_item_get_status (item);
      if (status == WM_CHECKLIST_STATUS_DONE || status == WM_CHECKLIST_STATUS_NOT_APPLICABLE)
        done++;
    }
  if (out_done != NULL)
    *out_done = done;
  if (out_listed != NULL)
    *out_listed = listed;
  return listed > 0 ? (double) done / listed : 0.0;
}

GPtrArray *
wm_checklist_filter (WmChecklist *self,
                     const char  *owner,
                     int          status)
{
  GListModel *model;
  GPtrArray *result;

  g_return_val_if_fail (WM_IS_CHECKLIST (self), NULL);

  model = G_LIST_MODEL (self->listed);
  result = g_ptr_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (WmChecklistItem) item = g_list_model_get_item (model, i);

      if (wm_checklist_item_matches (item, owner, status))
        g_ptr_array_add (result, item);
    }
  return result;
}

void
wm_checklist_refresh (WmChecklist *self)
{
  g_return_if_fail (WM_IS_CHECKLIST (self));
  evaluate (self);
}
