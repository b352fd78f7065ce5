/* wm-map-tools.h: the editing tools' input on the map: picking, boxes, polygons, crosshair
 *
 * A controller, not a widget: it adds its gestures to a WmMapView (in the capture phase
 * while a tool other than Select is active, so a box drag does not pan the map) and draws
 * what is in progress and the selection on its own WmSketchLayer above the map's layers.
 * What the gestures do is public (wm_map_tools_click_at() and friends, in the map view's
 * widget coordinates) so that tests and the keyboard crosshair drive the same code.
 */
#pragma once

#include "wm-history.h"
#include "wm-map-view.h"

G_BEGIN_DECLS

typedef enum
{
  WM_TOOL_SELECT,
  WM_TOOL_DEMOLISH,
  WM_TOOL_NEW_BUILD,
  WM_TOOL_CONVERT,
  WM_TOOL_RENOVATE,
  WM_TOOL_FACILITY,
  WM_N_TOOLS
} WmTool;

/* "select", "demolish", "new-build", "convert", "renovate", "facility": the win.tool state. */
const char *wm_tool_key (WmTool tool);
gboolean wm_tool_from_key (const char *key, WmTool *out_tool);
/* Translated name and the single-letter shortcut ("S", "D", …). */
const char *wm_tool_label (WmTool tool);
guint wm_tool_shortcut (WmTool tool);
const char *wm_tool_icon_name (WmTool tool);

typedef enum
{
  WM_SELECTION_NONE,
  WM_SELECTION_BUILDINGS, /* one or more baseline buildings */
  WM_SELECTION_FACILITY,  /* a baseline facility */
  WM_SELECTION_AREA,
  WM_SELECTION_PROPOSAL,
  WM_SELECTION_POINT,     /* a place on the map (facility tool) */
  WM_SELECTION_POLYGON,   /* a closed polygon (new-build tool) */
} WmSelectionKind;

#define WM_TYPE_MAP_TOOLS (wm_map_tools_get_type ())
G_DECLARE_FINAL_TYPE (WmMapTools, wm_map_tools, WM, MAP_TOOLS, GObject)

WmMapTools *wm_map_tools_new (WmMapView *view);
WmMapView *wm_map_tools_get_view (WmMapTools *self);
/* The history edits go through (and its plan); NULL detaches. Clears the selection. */
void wm_map_tools_set_history (WmMapTools *self, WmHistory *history);
WmHistory *wm_map_tools_get_history (WmMapTools *self);

/* Property "tool"; changing it clears the selection and any sketch. */
WmTool wm_map_tools_get_tool (WmMapTools *self);
void wm_map_tools_set_tool (WmMapTools *self, WmTool tool);

/* The selection; "selection-changed" is emitted when any of it changes. */
WmSelectionKind wm_map_tools_get_selection_kind (WmMapTools *self);
/* NULL-terminated; empty unless the kind is WM_SELECTION_BUILDINGS. */
const char *const *wm_map_tools_get_selected_buildings (WmMapTools *self);
const char *wm_map_tools_get_selected_id (WmMapTools *self); /* facility or area */
WmProposal *wm_map_tools_get_selected_proposal (WmMapTools *self);
/* The placed point (POINT) or the closed polygon (POLYGON), in RD metres. */
WmPoint wm_map_tools_get_selected_point (WmMapTools *self);
WmGeometry *wm_map_tools_get_selected_polygon (WmMapTools *self);
void wm_map_tools_select_proposal (WmMapTools *self, WmProposal *proposal);
/* Brings @proposal's shapes (footprint, buildings, facility) into view without moving the map
 * when they are visible already (wm_map_view_show_bounds()); TRUE when the map moved. */
gboolean wm_map_tools_show_proposal (WmMapTools *self, WmProposal *proposal);
void wm_map_tools_clear_selection (WmMapTools *self);
/* Vertices of the polygon being drawn (not closed yet). */
guint wm_map_tools_get_n_sketch_points (WmMapTools *self);

/* Extra highlight of plan objects (building, facility or proposal ids), e.g. the proposals
 * that triggered a checklist item; NULL clears. */
void wm_map_tools_set_highlight (WmMapTools *self, const char *const *ids);

/* Input, in the map view's widget coordinates. */
void wm_map_tools_click_at (WmMapTools *self, double x, double y);
void wm_map_tools_double_click_at (WmMapTools *self, double x, double y);
/* A box from (@x0, @y0) to (@x1, @y1): buildings inside are selected (demolish tool). */
void wm_map_tools_box_select (WmMapTools *self, double x0, double y0, double x1, double y1);
/* Moves the selected proposal or facility by a drag of (@dx, @dy) pixels (select tool). */
gboolean wm_map_tools_drag_selection (WmMapTools *self, double x0, double y0, double dx,
                                      double dy);
/* Closes the polygon being drawn (Enter, double-click); FALSE when it has < 3 points. */
gboolean wm_map_tools_finish_polygon (WmMapTools *self);
/* Escape: drops the sketch, then the selection. */
void wm_map_tools_cancel (WmMapTools *self);
/* Keyboard crosshair: shown at the centre on the first move; Enter places at it. */
void wm_map_tools_move_crosshair (WmMapTools *self, double dx, double dy);
gboolean wm_map_tools_get_crosshair (WmMapTools *self, double *x, double *y);
void wm_map_tools_activate_crosshair (WmMapTools *self);

/* Conversions between the view's widget coordinates and RD metres. */
gboolean wm_map_tools_widget_to_rd (WmMapTools *self, double x, double y, double *rx, double *ry);
gboolean wm_map_tools_rd_to_widget (WmMapTools *self, double rx, double ry, double *x, double *y);

/* A click of the Select tool on a facility symbol claims the view's "claim-click", so it does
 * not also select the area under it.
 * Signals: "selection-changed"; "facility-placed" (double x, double y) when the facility tool
 * is clicked at RD (x, y): the inspector places the facility of its chosen type there. */

G_END_DECLS
