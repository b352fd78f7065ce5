/* wm-proposal-json.h: proposals to and from JSON (the changes format of docs/changes-json.md)
 *
 * Used by `wijkmix-cli apply` and the UI's proposals export and import. A document is
 * { "version": 1, "srs_id": 28992, "proposals": [ {...}, ... ] }; geometries are GeoJSON
 * geometry objects in project coordinates (RD New metres).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "wm-history.h"
#include "wm-plan.h"
#include "wm-proposal.h"

G_BEGIN_DECLS

#define WM_PROPOSAL_JSON_VERSION 1

#define WM_PROPOSAL_JSON_ERROR (wm_proposal_json_error_quark ())
GQuark wm_proposal_json_error_quark (void);
typedef enum
{
  WM_PROPOSAL_JSON_ERROR_SYNTAX,  /* not JSON; the message has source:line:column */
  WM_PROPOSAL_JSON_ERROR_INVALID, /* JSON, but not a valid changes document; names the member */
  WM_PROPOSAL_JSON_ERROR_UNKNOWN, /* names a building or facility the plan does not have */
} WmProposalJsonError;

/* One proposal as a JSON object node. */
JsonNode *wm_proposal_to_json (WmProposal *proposal);
/* @node: an object; @fallback_id: the id when the object has none; @where: the member path
 * for messages (e.g. "proposals[2]"). */
WmProposal *wm_proposal_from_json (JsonNode *node, const char *fallback_id, const char *where,
                                   GError **error);

/* A whole document with the proposals of @proposals (GListModel of WmProposal), pretty-printed. */
char *wm_proposals_to_json_data (GListModel *proposals, gsize *length);
/* Parses a document. Proposals without an "id" get "proposal-<n>" ids unused in @plan and in
 * the document. With @plan, named buildings and facilities must exist in it and ids must not
 * clash with its proposals. Returns a GPtrArray of WmProposal (free with g_ptr_array_unref). */
GPtrArray *wm_proposals_from_json_data (const char *data, gssize length, const char *source_name,
                                        WmPlan *plan, GError **error);
/* As above, but a proposal whose id the plan already has gets a new one (importing changes
 * exported from the same plan). */
GPtrArray *wm_proposals_import_json_data (const char *data, gssize length,
                                          const char *source_name, WmPlan *plan, GError **error);

/* Adds @proposals, read from @source_name (e.g. by wm_proposals_import_json_data()), to the end
 * of @scenario (NULL: active) through @history as one step "Import <file>", or none of them
 * when any does not fit (wm_history_add_proposals(), wm-plan-check.h). The message names the
 * file, the change's index and id and the problem: "changes.json: proposals[1] (proposal
 * “p2”): …". Errors are in the WM_PROPOSAL_ERROR domain. */
gboolean wm_proposals_json_add (WmHistory *history, WmScenario *scenario, GPtrArray *proposals,
                                const char *source_name, GError **error);

G_END_DECLS
