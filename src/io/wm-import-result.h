/* wm-import-result.h: what reading one source produced, as plain model objects
 *
 * Built by an importer in a worker thread, handed to the main thread and applied to a plan
 * by wm_import_apply() as one undoable step. Nothing in it is in a plan yet, so the worker may
 * create and change these objects freely.
 */
#pragma once

#include <glib.h>

#include "wm-area.h"
#include "wm-basemap.h"
#include "wm-building.h"
#include "wm-facility.h"
#include "wm-segment.h"

G_BEGIN_DECLS

/* One row of a corporation's property list: the dwellings it holds in one building. */
typedef struct
{
  char *building_id;   /* BAG pand id (16 digits), or NULL */
  char *address_key;   /* wm_address_key() of the row's address, or NULL */
  WmDwellingMix mix;   /* dwellings per segment the row states */
  guint row;           /* 1-based row in the list (what messages name) */
} WmTenureRecord;

void wm_tenure_record_free (WmTenureRecord *record);

typedef struct
{
  char *source;              /* the path read (what notes and messages name) */
  GPtrArray *areas;          /* WmArea* */
  GPtrArray *buildings;      /* WmBuilding*: tenure source WM_TENURE_ESTIMATED where the
                              * source gives a dwelling count but no segment */
  GPtrArray *facilities;     /* WmFacility* */
  GPtrArray *basemap;        /* WmBasemapFeature* */
  GPtrArray *tenure_records; /* WmTenureRecord* */
  GHashTable *addresses;     /* address key (char*) -> building id (char*), from BAG */
  GPtrArray *notes;          /* char*: what was read, skipped or assumed, for the user */
  char *attribution;         /* line for the plan's attribution ("BAG: Kadaster, CC0"), or NULL */
  gboolean clip_plan;        /* also clip what the plan already has to the areas (the first
                              * areas of a plan whose data came in before them: a drawn plan
                              * area) */
} WmImportResult;

WmImportResult *wm_import_result_new (const char *source);
void wm_import_result_free (WmImportResult *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmImportResult, wm_import_result_free)

void wm_import_result_add_note (WmImportResult *self, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Number of items of every kind together. */
guint wm_import_result_get_n_items (WmImportResult *self);

G_END_DECLS
