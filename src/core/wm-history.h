/* wm-history.h: undoable edits of a plan
 *
 * Every edit the UI makes goes through a WmHistory, which applies it to the plan as a
 * command that can be undone and redone, without limit. A new edit drops the redo list.
 * Commands hold the plan's own objects (scenarios, proposals), so undo restores the
 * exact previous state, objects and order included.
 *
 * Properties for the UI: "can-undo", "can-redo", "undo-label" ("Undo Demolish 2
 * buildings", NULL when there is nothing), "redo-label", and "modified": whether the
 * plan differs from the last wm_history_mark_saved() (also after undoing past that point).
 * Edits made to the plan behind the history's back are not tracked.
 */
#pragma once

#include "wm-plan.h"
#include "wm-targets.h"

G_BEGIN_DECLS

#define WM_TYPE_HISTORY (wm_history_get_type ())
G_DECLARE_FINAL_TYPE (WmHistory, wm_history, WM, HISTORY, GObject)

/* The history of a freshly loaded (so unmodified) @plan. */
WmHistory *wm_history_new (WmPlan *plan);
WmPlan *wm_history_get_plan (WmHistory *self);

gboolean wm_history_get_can_undo (WmHistory *self);
gboolean wm_history_get_can_redo (WmHistory *self);
/* Translated, e.g. "Undo Add Playground"; NULL when there is nothing to undo or redo. */
const char *wm_history_get_undo_label (WmHistory *self);
const char *wm_history_get_redo_label (WmHistory *self);
/* Returns FALSE when there is nothing to undo (redo), or while a group is open. */
gboolean wm_history_undo (WmHistory *self);
gboolean wm_history_redo (WmHistory *self);
/* Number of steps that can be undone (redone). */
guint wm_history_get_n_undo (WmHistory *self);
guint wm_history_get_n_redo (WmHistory *self);

gboolean wm_history_get_modified (WmHistory *self);
/* The plan as it is now was saved. */
void wm_history_mark_saved (WmHistory *self);
/* For a save that runs while editing goes on: the state the plan is in now, and later
 * "the plan as it was in @state was saved" (edits since then stay modified). */
guint64 wm_history_get_state (WmHistory *self);
void wm_history_mark_saved_at (WmHistory *self, guint64 state);

/* Edits between begin and end become one step labelled @label. Groups nest; the outer
 * label wins. An empty group leaves no step. */
void wm_history_begin_group (WmHistory *self, const char *label);
void wm_history_end_group (WmHistory *self);

/* Proposals. @scenario NULL: the active one. @position -1 appends. The proposal is
 * validated at its position (wm_proposal_factory_validate()); a refusal changes nothing. */
gboolean wm_history_add_proposal (WmHistory   *self,
                                  WmScenario  *scenario,
                                  WmProposal  *proposal,
                                  int          position,
                                  GError     **error);
/* Appends @proposals (WmProposal) to @scenario (NULL: active) as one step labelled @label, or
 * none of them: together they must keep the scenario consistent (wm_plan_check_append()), and
 * each is validated like wm_history_add_proposal(). On a refusal @out_index (may be NULL) is
 * the index in @proposals of the one refused, or G_MAXUINT when they break a proposal the
 * scenario has. */
gboolean wm_history_add_proposals (WmHistory   *self,
                                   WmScenario  *scenario,
                                   GPtrArray   *proposals,
                                   const char  *label,
                                   guint       *out_index,
                                   GError     **error);
/* Returns FALSE when the proposal is in no scenario of the plan, or when a later proposal
 * needs it (wm_plan_check_change()): wm_history_remove_proposal_full() says why. */
gboolean wm_history_remove_proposal (WmHistory  *self,
                                     WmProposal *proposal);
gboolean wm_history_remove_proposal_full (WmHistory   *self,
                                          WmProposal  *proposal,
                                          GError     **error);
/* Copies every field but id and kind from @values (e.g. an edited
 * wm_proposal_factory_copy()) onto @proposal, a proposal of the plan, as one step. @label
 * NULL: "Edit <name>". Refused with the reason when @values would be invalid there. */
gboolean wm_history_edit_proposal (WmHistory   *self,
                                   WmProposal  *proposal,
                                   WmProposal  *values,
                                   const char  *label,
                                   GError     **error);
/* One-field edits, each one step and validated like wm_history_edit_proposal(). */
gboolean wm_history_set_proposal_name (WmHistory   *self,
                                       WmProposal  *proposal,
                                       const char  *name,
                                       GError     **error);
gboolean wm_history_set_proposal_note (WmHistory   *self,
                                       WmProposal  *proposal,
                                       const char  *note,
                                       GError     **error);
gboolean wm_history_set_proposal_year (WmHistory   *self,
                                       WmProposal  *proposal,
                                       int          year,
                                       GError     **error);
/* Start and completion year together (wm_proposal_set_start_year(); 0: not set), one step:
 * moving both at once must not pass through a start after the completion. */
gboolean wm_history_set_proposal_years (WmHistory   *self,
                                        WmProposal  *proposal,
                                        int          start_year,
                                        int          year,
                                        GError     **error);
gboolean wm_history_set_proposal_dwelling_type (WmHistory       *self,
                                                WmProposal      *proposal,
                                                WmDwellingType   type,
                                                GError         **error);
/* Demolitions: share 0..1 of the rehoused households that return. */
gboolean wm_history_set_proposal_return_share (WmHistory   *self,
                                               WmProposal  *proposal,
                                               double       share,
                                               GError     **error);
gboolean wm_history_set_proposal_delta (WmHistory            *self,
                                        WmProposal           *proposal,
                                        const WmDwellingMix  *delta,
                                        GError              **error);
/* For a demolition the delta follows: minus the dwellings of the new buildings. */
gboolean wm_history_set_proposal_building_ids (WmHistory          *self,
                                               WmProposal         *proposal,
                                               const char *const  *building_ids,
                                               GError            **error);
gboolean wm_history_set_proposal_geometry (WmHistory   *self,
                                           WmProposal  *proposal,
                                           WmGeometry  *geometry,
                                           GError     **error);
/* Moves a proposal's geometry by (@dx, @dy): new build footprints, new facilities. */
gboolean wm_history_move_proposal (WmHistory   *self,
                                   WmProposal  *proposal,
                                   double       dx,
                                   double       dy,
                                   GError     **error);
/* Moves a baseline facility to (@x, @y) in @scenario (NULL: active): a facility-removal
 * and a new facility of the same type and name, appended as one step. */
gboolean wm_history_move_facility (WmHistory   *self,
                                   WmScenario  *scenario,
                                   const char  *facility_id,
                                   double       x,
                                   double       y,
                                   GError     **error);

/* Scenarios. A new scenario is appended; removing the last one returns FALSE. */
void wm_history_add_scenario (WmHistory  *self,
                              WmScenario *scenario,
                              gboolean    make_active);
gboolean wm_history_remove_scenario (WmHistory  *self,
                                     WmScenario *scenario);
void wm_history_rename_scenario (WmHistory  *self,
                                 WmScenario *scenario,
                                 const char *name);
void wm_history_set_active_scenario (WmHistory  *self,
                                     WmScenario *scenario);
/* Appends a copy of @source named @name (a new id) as one step: its proposals under new ids,
 * in the same order, and its checklist entries, so the copy starts where the original stands.
 * Undo removes the copy with its entries. Returns the copy (transfer none: the plan holds it),
 * or NULL with @error when a proposal cannot be copied (nothing is then changed). */
WmScenario *wm_history_duplicate_scenario (WmHistory   *self,
                                           WmScenario  *source,
                                           const char  *name,
                                           gboolean     make_active,
                                           GError     **error);

/* Replaces the plan's baseline by @baseline (wm_plan_set_baseline(): one "changed", one
 * recompute) as one step labelled @label, e.g. an import. Refused (FALSE, a WM_PROPOSAL_ERROR
 * naming the proposal and the building or facility, nothing changed) when a proposal of any
 * scenario names a building or facility the plan has and @baseline has not: the proposal
 * would lose what it acts on. References the plan already lacked do not block it, and
 * dwelling counts that no longer fit are left to wm_plan_check() (the plan then opens with
 * those problems reported, as a file from elsewhere would). */
gboolean wm_history_replace_baseline (WmHistory       *self,
                                      const char      *label,
                                      WmPlanBaseline  *baseline,
                                      GError         **error);
/* The same, with the plan's attribution after the step (the sources of the new data); undo
 * restores the old one. Still one "changed". */
gboolean wm_history_replace_baseline_full (WmHistory       *self,
                                           const char      *label,
                                           WmPlanBaseline  *baseline,
                                           const char      *attribution,
                                           GError         **error);

/* Plan fields. */
void wm_history_set_plan_name (WmHistory  *self,
                               const char *name);
void wm_history_set_plan_description (WmHistory  *self,
                                      const char *description);

/* The project's targets: the band of @key (fractions 0..1, NAN for no bound; both NAN
 * removes it), refused with a message for a bound outside 0..1 or a minimum above the
 * maximum. A band edit makes the preset "custom"; a preset replaces every band. */
gboolean wm_history_set_target_band (WmHistory  *self,
                                     const char *key,
                                     double      min,
                                     double      max,
                                     GError    **error);
void wm_history_set_target_preset (WmHistory     *self,
                                   WmTargetPreset preset);
gboolean wm_history_set_target_close_margin (WmHistory *self,
                                             double     margin,
                                             GError   **error);

G_END_DECLS
