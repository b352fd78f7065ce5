/* wm-proposal-list.h: the active scenario's changes, in order of year (side panel "Changes") */
#pragma once

#include <gtk/gtk.h>

#include "wm-map-tools.h"

G_BEGIN_DECLS

#define WM_TYPE_PROPOSAL_LIST (wm_proposal_list_get_type ())
G_DECLARE_FINAL_TYPE (WmProposalList, wm_proposal_list, WM, PROPOSAL_LIST, GtkWidget)

GtkWidget *wm_proposal_list_new (void);
/* Lists the proposals of the active scenario of @tools' plan; selecting a row selects the
 * proposal through @tools (highlighted on the map) and brings it into view when it is not
 * (wm_map_tools_show_proposal()); the row follows the map's selection. */
void wm_proposal_list_set_tools (WmProposalList *self, WmMapTools *tools);
/* The rows' model: the proposals sorted by year (no year last), then by list order. */
GListModel *wm_proposal_list_get_model (WmProposalList *self);
/* The row's years: "2029", or "2026–2029" from a start year before the completion; NULL
 * without a completion year. */
char *wm_proposal_list_format_years (WmProposal *proposal);
/* The row's dwellings text, e.g. "+40 / −24"; empty when nothing changes. */
char *wm_proposal_list_format_delta (WmProposal *proposal);

G_END_DECLS
