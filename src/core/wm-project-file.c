/* wm-project-file.c: the project file, a GeoPackage that GIS tools open directly */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "wm-checklist-state.h"
#include "wm-file-commit.h"
#include "wm-gpkg.h"
#include "wm-json-guard.h"
#include "wm-project-file.h"
#include "wm-proposal-factory.h"
#include "wm-sqlite-private.h"
#include "wm-targets.h"

G_DEFINE_QUARK (wm-project-file-error-quark, wm_project_file_error)

/* Layers of the polygon base map classes are named basemap_<class key>. */
#define BASEMAP_PREFIX "basemap_"

/* The address book (address key -> building id): an attributes table. Prefixed like our other
 * tables, since a plain "addresses" may well be another program's table in the same file. */
#define ADDRESSES_TABLE "wijkmix_addresses"

/* How long a writer or reader waits for another program's transaction before giving up. */
#define BUSY_TIMEOUT_MS 5000

/* ---------------------------------------------------------------------------------------------
 * Tables written row by row
 *
 * Proposals, scenarios, checklist entries and metadata are turned into rows of cells; each row
 * has a key and a digest of its cells. A handle remembers key -> (table, fid, digest) of what
 * the file holds, so the next write only touches rows whose digest changed.
 * ------------------------------------------------------------------------------------------ */

typedef enum
{
  T_PROPOSALS_POINT,
  T_PROPOSALS_LINE,
  T_PROPOSALS_POLYGON,
  T_PROPOSALS_MULTIPOLYGON,
  T_PROPOSALS_NONE,
  T_SCENARIOS,
  T_CHECKLIST,
  T_META,
  N_ROW_TABLES
} RowTable;

typedef enum
{
  GROUP_PROPOSALS,
  GROUP_SCENARIOS,
  GROUP_CHECKLIST,
  GROUP_META,
  N_GROUPS
} RowGroup;

/* One geometry type per layer (GeoPackage readers such as QGIS show a layer of mixed types
 * as several layers, and an empty GEOMETRY layer without a CRS), so proposals go to the layer
 * of their geometry's kind; those without geometry to an attributes table. */
static const struct
{
  const char *name;
  const char *geometry_type; /* NULL: attributes table, no geometry column */
  RowGroup group;
} row_tables[N_ROW_TABLES] = {
  [T_PROPOSALS_POINT] = { "proposals_point", "POINT", GROUP_PROPOSALS },
  [T_PROPOSALS_LINE] = { "proposals_line", "LINESTRING", GROUP_PROPOSALS },
  [T_PROPOSALS_POLYGON] = { "proposals_polygon", "POLYGON", GROUP_PROPOSALS },
  [T_PROPOSALS_MULTIPOLYGON] = { "proposals_multipolygon", "MULTIPOLYGON", GROUP_PROPOSALS },
  [T_PROPOSALS_NONE] = { "proposals_no_geometry", NULL, GROUP_PROPOSALS },
  [T_SCENARIOS] = { "wijkmix_scenarios", NULL, GROUP_SCENARIOS },
  [T_CHECKLIST] = { "wijkmix_checklist", NULL, GROUP_CHECKLIST },
  [T_META] = { "wijkmix_meta", NULL, GROUP_META },
};

/* Every table Wijkmix owns: dropped and written again by a complete write. "proposals" is the
 * version 2 layer of all proposals. */
static const char *const baseline_tables[] = {
  "areas", "buildings", "facilities",
  BASEMAP_PREFIX "road", BASEMAP_PREFIX "water", BASEMAP_PREFIX "green",
  BASEMAP_PREFIX "terrain", BASEMAP_PREFIX "building", BASEMAP_PREFIX "label",
  ADDRESSES_TABLE,
};
static const char *const other_own_tables[] = { "proposals", "wijkmix_schema" };

typedef enum
{
  CELL_NULL,
  CELL_INT,
  CELL_TEXT,
  CELL_BLOB,
  CELL_REAL,
} CellType;

typedef struct
{
  CellType type;
  gint64 value;
  double real;
  GBytes *data; /* text (without NUL) or blob */
} Cell;

#define DIGEST_LEN 32

typedef struct
{
  char *key;
  RowTable table;
  guint n_cells;
  Cell *cells;
  WmBounds bounds;
  guint8 digest[DIGEST_LEN];
  /* A proposal row whose digest came from its proposal's cache: its cells are only filled when
   * it is written (row_fill_cells). Owned by the snapshot, which outlives its rows. */
  gpointer lazy;
  const char *lazy_scenario;
  guint lazy_position;
  int srs_id;
} Row;

/* What the file holds for one key. */
typedef struct
{
  RowTable table;
  gint64 fid;
  guint8 digest[DIGEST_LEN];
} RowState;

static void
row_free (Row *row)
{
  for (guint i = 0; i < row->n_cells; i++)
    g_clear_pointer (&row->cells[i].data, g_bytes_unref);
  g_free (row->cells);
  g_free (row->key);
  g_free (row);
}

static Row *
row_new (RowTable table, char *key, guint n_cells)
{
  Row *row = g_new0 (Row, 1);

  row->table = table;
  row->key = key;
  row->n_cells = n_cells;
  row->cells = g_new0 (Cell, n_cells);
  row->bounds = wm_bounds_empty ();
  return row;
}

static void
cell_text (Row *row, guint i, const char *text)
{
  if (text == NULL)
    return;
  row->cells[i].type = CELL_TEXT;
  row->cells[i].data = g_bytes_new (text, strlen (text));
}

static void
cell_int (Row *row, guint i, gint64 value)
{
  row->cells[i].type = CELL_INT;
  row->cells[i].value = value;
}

static void
cell_real (Row *row, guint i, double value)
{
  row->cells[i].type = CELL_REAL;
  row->cells[i].real = value;
}

/* The digest encodes type and value of every cell, so the same values read back from the file
 * give the same digest (see digest_stmt). */
static void
digest_cell (GChecksum *checksum, CellType type, gint64 value, const void *data, gsize len)
{
  guint8 tag = type;
  guint64 le;

  g_checksum_update (checksum, &tag, 1);
  if (type == CELL_INT)
    {
      le = GUINT64_TO_LE ((guint64) value);
      g_checksum_update (checksum, (const guint8 *) &le, sizeof le);
    }
  else if (type == CELL_REAL)
    {
      /* The IEEE bits of @data, a double: SQLite keeps them exactly. */
      guint64 bits;

      memcpy (&bits, data, sizeof bits);
      le = GUINT64_TO_LE (bits);
      g_checksum_update (checksum, (const guint8 *) &le, sizeof le);
    }
  else if (type == CELL_TEXT || type == CELL_BLOB)
    {
      le = GUINT64_TO_LE ((guint64) len);
      g_checksum_update (checksum, (const guint8 *) &le, sizeof le);
      if (len > 0)
        g_checksum_update (checksum, data, len);
    }
}

static void
digest_finish (GChecksum *checksum, guint8 digest[DIGEST_LEN])
{
  gsize len = DIGEST_LEN;

  g_checksum_get_digest (checksum, digest, &len);
}

static void
row_digest (Row *row)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < row->n_cells; i++)
    {
      const Cell *cell = &row->cells[i];
      gsize len = 0;
      const void *data = cell->data != NULL ? g_bytes_get_data (cell->data, &len) : NULL;

      if (cell->type == CELL_REAL)
        digest_cell (checksum, CELL_REAL, 0, &cell->real, sizeof cell->real);
      else
        digest_cell (checksum, cell->type, cell->value, data, len);
    }
  digest_finish (checksum, row->digest);
}

/* Digest of columns @first .. @first + @n - 1 of the current row of @stmt. */
static void
digest_stmt (sqlite3_stmt *stmt, int first, guint n, guint8 digest[DIGEST_LEN])
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < n; i++)
    {
      int column = first + i;

      switch (sqlite3_column_type (stmt, column))
        {
        case SQLITE_INTEGER:
          digest_cell (checksum, CELL_INT, sqlite3_column_int64 (stmt, column), NULL, 0);
          break;
        case SQLITE_TEXT:
          {
            const void *text = sqlite3_column_text (stmt, column);
            digest_cell (checksum, CELL_TEXT, 0, text, sqlite3_column_bytes (stmt, column));
          }
          break;
        case SQLITE_BLOB:
          {
            const void *blob = sqlite3_column_blob (stmt, column);
            digest_cell (checksum, CELL_BLOB, 0, blob, sqlite3_column_bytes (stmt, column));
          }
          break;
        case SQLITE_FLOAT:
          {
            /* Ours only in REAL columns (return_share); elsewhere it differs from ours. */
            double d = sqlite3_column_double (stmt, column);
            digest_cell (checksum, CELL_REAL, 0, &d, sizeof d);
          }
          break;
        default:
          digest_cell (checksum, CELL_NULL, 0, NULL, 0);
          break;
        }
    }
  digest_finish (checksum, digest);
}

/* Column definitions and names of a row table (after fid and, for layers, geom); the number of
 * cells of its rows. Proposal rows carry the geometry as cell 0 in every table. */
static guint
row_table_columns (RowTable table, GString *definitions, GString *names)
{
  static const char *const proposal_columns[][2] = {
    { "proposal_id", "TEXT NOT NULL" }, { "scenario_id", "TEXT NOT NULL" },
    { "position", "INTEGER" },          { "kind", "TEXT NOT NULL" },
    { "name", "TEXT" },                 { "year", "INTEGER" },
    { "note", "TEXT" },                 { "building_ids", "TEXT" },
    { "facility_type", "TEXT" },        { "facility_id", "TEXT" },
    { "dwelling_type", "TEXT" },
  };
  static const char *const scenario_columns[][2] = {
    { "scenario_id", "TEXT NOT NULL" }, { "name", "TEXT" },
    { "position", "INTEGER NOT NULL" }, { "active", "BOOLEAN NOT NULL" },
  };
  static const char *const checklist_columns[][2] = {
    { "scenario_id", "TEXT NOT NULL" }, { "item_id", "TEXT NOT NULL" },
    { "status", "TEXT NOT NULL" },      { "reason", "TEXT" },
    { "owner", "TEXT" },                { "note", "TEXT" },
    { "target_year", "INTEGER" },
  };
  static const char *const meta_columns[][2] = {
    { "key", "TEXT NOT NULL UNIQUE" }, { "value", "TEXT" },
  };
  const char *const (*columns)[2];
  gboolean proposals = row_tables[table].group == GROUP_PROPOSALS;
  guint n;
  guint n_cells;

  switch (row_tables[table].group)
    {
    case GROUP_PROPOSALS:
      columns = proposal_columns;
      n = G_N_ELEMENTS (proposal_columns);
      break;
    case GROUP_SCENARIOS:
      columns = scenario_columns;
      n = G_N_ELEMENTS (scenario_columns);
      break;
    case GROUP_CHECKLIST:
      columns = checklist_columns;
      n = G_N_ELEMENTS (checklist_columns);
      break;
    case GROUP_META:
    default:
      columns = meta_columns;
      n = G_N_ELEMENTS (meta_columns);
      break;
    }

  for (guint i = 0; i < n; i++)
    {
      if (definitions != NULL)
        g_string_append_printf (definitions, "%s\"%s\" %s", i > 0 ? ", " : "", columns[i][0],
                                columns[i][1]);
      if (names != NULL)
        g_string_append_printf (names, "%s\"%s\"", i > 0 ? ", " : "", columns[i][0]);
    }
  n_cells = n;
  if (proposals)
    {
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        {
          if (definitions != NULL)
            g_string_append_printf (definitions, ", \"delta_%s\" INTEGER NOT NULL DEFAULT 0",
                                    wm_segment_key (s));
          if (names != NULL)
            g_string_append_printf (names, ", \"delta_%s\"", wm_segment_key (s));
        }
      /* Format 4, then 6 (NULL, as an older file's rows have it, reads as 0: not set). */
      if (definitions != NULL)
        g_string_append (definitions, ", \"return_share\" REAL NOT NULL DEFAULT 0"
                                      ", \"start_year\" INTEGER");
      if (names != NULL)
        g_string_append (names, ", \"return_share\", \"start_year\"");
      n_cells += 1 + WM_N_SEGMENTS + 2;
    }
  if (row_tables[table].group == GROUP_CHECKLIST && definitions != NULL)
    g_string_append (definitions, ", UNIQUE (scenario_id, item_id)");
  return n_cells;
}

/* The first cell bound to a column: proposals without geometry skip the geometry cell. */
static guint
row_table_first_cell (RowTable table)
{
  return row_tables[table].group == GROUP_PROPOSALS && row_tables[table].geometry_type == NULL;
}

/* ---------------------------------------------------------------------------------------------
 * Snapshots
 * ------------------------------------------------------------------------------------------ */

/* Immutable once made; shared by the snapshots taken while the proposal does not change. */
typedef struct
{
  gatomicrefcount ref_count;
  char *id;
  WmProposalKind kind;
  char *name;
  int year;
  int start_year;
  char *note;
  char **building_ids;
  WmFacilityType facility_type;
  char *facility_id;
  WmDwellingType dwelling_type;
  WmDwellingMix delta;
  double return_share;
  WmGeometry *geometry;
  /* Set by writers (under digest_lock): the digest of its row at one scenario and position, so
   * an unchanged proposal costs a lookup, not a blob and a hash, in every save. */
  gboolean digest_valid;
  char *digest_scenario;
  guint digest_position;
  guint8 digest[DIGEST_LEN];
} ProposalData;

static GMutex digest_lock;

typedef struct
{
  char *id;
  char *name;
  gboolean active;
  GPtrArray *proposals; /* ProposalData */
} ScenarioData;

typedef struct
{
  char *scenario_id;
  char *item_id;
  WmChecklistEntry *entry;
} ChecklistData;

struct _WmProjectSnapshot
{
  gatomicrefcount ref_count;
  int srs_id;
  WmPlanBaseline *baseline;
  char *name;
  char *description;
  char *attribution;
  gboolean illustrative;
  char **targets; /* key, value, ... */
  char *catalogue;
  GPtrArray *scenarios; /* ScenarioData */
  GPtrArray *checklist; /* ChecklistData */
};

G_DEFINE_BOXED_TYPE (WmProjectSnapshot, wm_project_snapshot, wm_project_snapshot_ref,
                     wm_project_snapshot_unref)

static void
proposal_data_unref (ProposalData *data)
{
  if (!g_atomic_ref_count_dec (&data->ref_count))
    return;
  g_free (data->id);
  g_free (data->name);
  g_free (data->note);
  g_strfreev (data->building_ids);
  g_free (data->facility_id);
  g_clear_pointer (&data->geometry, wm_geometry_unref);
  g_free (data->digest_scenario);
  g_free (data);
}

static void
scenario_data_free (ScenarioData *data)
{
  g_free (data->id);
  g_free (data->name);
  g_ptr_array_unref (data->proposals);
  g_free (data);
}

static void
checklist_data_free (ChecklistData *data)
{
  g_free (data->scenario_id);
  g_free (data->item_id);
  wm_checklist_entry_free (data->entry);
  g_free (data);
}

static G_DEFINE_QUARK (wm-project-snapshot-proposal, proposal_data)
static G_DEFINE_QUARK (wm-project-snapshot-watched, proposal_watched)

static void
proposal_notify_cb (GObject *proposal, GParamSpec *pspec, gpointer user_data)
{
  g_object_set_qdata (proposal, proposal_data_quark (), NULL);
}

/* The proposal's data, copied once and kept (as qdata, dropped by any property change) until it
 * changes: a snapshot of 20,000 unchanged proposals then only takes references. Main thread. */
static ProposalData *
proposal_data_get (WmProposal *proposal)
{
  ProposalData *p = g_object_get_qdata (G_OBJECT (proposal), proposal_data_quark ());
  WmGeometry *geometry;

  if (p != NULL)
    {
      g_atomic_ref_count_inc (&p->ref_count);
      return p;
    }

  p = g_new0 (ProposalData, 1);
  g_atomic_ref_count_init (&p->ref_count);
  geometry = wm_proposal_get_geometry (proposal);
  p->id = g_strdup (wm_proposal_get_id (proposal));
  p->kind = wm_proposal_get_kind (proposal);
  p->name = g_strdup (wm_proposal_get_name (proposal));
  p->year = wm_proposal_get_year (proposal);
  p->start_year = wm_proposal_get_start_year (proposal);
  p->note = g_strdup (wm_proposal_get_note (proposal));
  p->building_ids = g_strdupv ((char **) wm_proposal_get_building_ids (proposal));
  p->facility_type = wm_proposal_get_facility_type (proposal);
  p->facility_id = g_strdup (wm_proposal_get_facility_id (proposal));
  p->dwelling_type = wm_proposal_get_dwelling_type (proposal);
  p->delta = *wm_proposal_get_dwelling_delta (proposal);
  p->return_share = wm_proposal_get_return_share (proposal);
  /* Geometries are immutable and atomically refcounted. */
  p->geometry = geometry != NULL ? wm_geometry_ref (geometry) : NULL;

  if (g_object_get_qdata (G_OBJECT (proposal), proposal_watched_quark ()) == NULL)
    {
      g_signal_connect (proposal, "notify", G_CALLBACK (proposal_notify_cb), NULL);
      g_object_set_qdata (G_OBJECT (proposal), proposal_watched_quark (), GINT_TO_POINTER (1));
    }
  g_atomic_ref_count_inc (&p->ref_count);
  g_object_set_qdata_full (G_OBJECT (proposal), proposal_data_quark (), p,
                           (GDestroyNotify) proposal_data_unref);
  return p;
}

static void
snapshot_checklist_entry (const char *scenario_id, const char *item_id,
                          const WmChecklistEntry *entry, gpointer user_data)
{
  GPtrArray *checklist = user_data;
  ChecklistData *data = g_new0 (ChecklistData, 1);

  data->scenario_id = g_strdup (scenario_id);
  data->item_id = g_strdup (item_id);
  data->entry = wm_checklist_entry_copy (entry);
  g_ptr_array_add (checklist, data);
}

WmProjectSnapshot *
wm_project_snapshot_new (WmPlan *plan)
{
  WmProjectSnapshot *self;
  GListModel *scenarios;
  WmScenario *active;
  WmChecklistState *state;

  g_return_val_if_fail (WM_IS_PLAN (plan), NULL);

  self = g_new0 (WmProjectSnapshot, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->srs_id = wm_plan_get_srs_id (plan);
  /* Shared, not copied: this is what keeps a snapshot cheap at a million buildings. */
  self->baseline = wm_plan_baseline_ref (wm_plan_get_baseline (plan));
  self->name = g_strdup (wm_plan_get_name (plan));
  self->description = g_strdup (wm_plan_get_description (plan));
  self->attribution = g_strdup (wm_plan_get_attribution (plan));
  self->illustrative = wm_plan_get_illustrative (plan);
  self->targets = wm_targets_to_meta (wm_targets_get_for_plan (plan));

  state = wm_checklist_state_get_for_plan (plan);
  self->catalogue = g_strdup (wm_checklist_state_get_catalogue_json (state));
  self->checklist = g_ptr_array_new_with_free_func ((GDestroyNotify) checklist_data_free);
  wm_checklist_state_foreach (state, snapshot_checklist_entry, self->checklist);

  scenarios = wm_plan_get_scenarios (plan);
  active = wm_plan_get_active_scenario (plan);
  self->scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) scenario_data_free);
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr (WmScenario) scenario = g_list_model_get_item (scenarios, i);
      GListModel *proposals = wm_scenario_get_proposals (scenario);
      guint n = g_list_model_get_n_items (proposals);
      ScenarioData *data = g_new0 (ScenarioData, 1);

      data->id = g_strdup (wm_scenario_get_id (scenario));
      data->name = g_strdup (wm_scenario_get_name (scenario));
      data->active = scenario == active;
      data->proposals = g_ptr_array_new_full (n, (GDestroyNotify) proposal_data_unref);
      for (guint j = 0; j < n; j++)
        {
          g_autoptr (WmProposal) proposal = g_list_model_get_item (proposals, j);
          ProposalData *p = proposal_data_get (proposal);

          g_ptr_array_add (data->proposals, p);
        }
      g_ptr_array_add (self->scenarios, data);
    }

  return self;
}

WmProjectSnapshot *
wm_project_snapshot_ref (WmProjectSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wm_project_snapshot_unref (WmProjectSnapshot *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  wm_plan_baseline_unref (self->baseline);
  g_free (self->name);
  g_free (self->description);
  g_free (self->attribution);
  g_strfreev (self->targets);
  g_free (self->catalogue);
  g_ptr_array_unref (self->scenarios);
  g_ptr_array_unref (self->checklist);
  g_free (self);
}

static char *
building_ids_to_json (const char *const *ids)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    json_builder_add_string_value (builder, ids[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static RowTable
proposal_table (const WmGeometry *geometry)
{
  if (geometry == NULL)
    return T_PROPOSALS_NONE;
  switch (geometry->kind)
    {
    case WM_GEOMETRY_POINT:
      return T_PROPOSALS_POINT;
    case WM_GEOMETRY_LINESTRING:
      return T_PROPOSALS_LINE;
    case WM_GEOMETRY_POLYGON:
      return T_PROPOSALS_POLYGON;
    case WM_GEOMETRY_MULTIPOLYGON:
    default:
      return T_PROPOSALS_MULTIPOLYGON;
    }
}

/* Keys must be unique within a group; a repeated one gets the number of its repetition, in
 * the same order as loading sorts rows, so both sides agree. */
static char *
unique_key (GHashTable *seen, char *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));

  g_hash_table_replace (seen, g_strdup (key), GUINT_TO_POINTER (n + 1));
  if (n == 0)
    return key;
  else
    {
      char *unique = g_strdup_printf ("%s\x1f#%u", key, n);
      g_free (key);
      return unique;
    }
}

static char *
proposal_key (const char *scenario_id, const char *proposal_id)
{
  return g_strconcat (scenario_id != NULL ? scenario_id : "", "\x1f",
                      proposal_id != NULL ? proposal_id : "", NULL);
}

static Row *
meta_row (const char *key, const char *value)
{
  Row *row = row_new (T_META, g_strdup (key), 2);

  cell_text (row, 0, key);
  cell_text (row, 1, value);
  row_digest (row);
  return row;
}

/* Fills the cells of a proposal row made without them (see Row.lazy). */
static void
row_fill_cells (Row *row)
{
  ProposalData *p = row->lazy;
  g_autofree char *ids = NULL;

  if (p == NULL)
    return;
  row->lazy = NULL;
  /* Most proposals name no buildings; json-glib is slow for "[]". */
  ids = p->building_ids != NULL && p->building_ids[0] != NULL
          ? building_ids_to_json ((const char *const *) p->building_ids)
          : g_strdup ("[]");
  if (p->geometry != NULL)
    {
      row->cells[0].type = CELL_BLOB;
      row->cells[0].data = wm_gpkg_geometry_to_blob (p->geometry, row->srs_id);
    }
  cell_text (row, 1, p->id);
  cell_text (row, 2, row->lazy_scenario);
  cell_int (row, 3, row->lazy_position);
  cell_text (row, 4, wm_proposal_kind_key (p->kind));
  cell_text (row, 5, p->name);
  cell_int (row, 6, p->year);
  cell_text (row, 7, p->note);
  cell_text (row, 8, ids);
  /* Only facility proposals carry a type; NULL elsewhere reads back as the default. */
  if (p->kind == WM_PROPOSAL_ADD_FACILITY || p->facility_type != 0)
    cell_text (row, 9, wm_facility_type_key (p->facility_type));
  cell_text (row, 10, p->facility_id);
  /* NULL when unspecified. */
  cell_text (row, 11, wm_dwelling_type_key (p->dwelling_type));
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    cell_int (row, 12 + s, p->delta.counts[s]);
  cell_real (row, 12 + WM_N_SEGMENTS, p->return_share);
  cell_int (row, 13 + WM_N_SEGMENTS, p->start_year);
}

/* All rows of @snapshot by group, in plan order. Runs in the writer's thread. */
static void
snapshot_rows (WmProjectSnapshot *snapshot, GPtrArray *rows[N_GROUPS])
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *meta[][2] = {
    { "name", snapshot->name },
    { "description", snapshot->description },
    { "attribution", snapshot->attribution },
    { "illustrative", snapshot->illustrative ? "1" : "0" },
  };
  guint n_proposal_cells = row_table_columns (T_PROPOSALS_POINT, NULL, NULL);

  for (guint g = 0; g < N_GROUPS; g++)
    rows[g] = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  for (guint i = 0; i < snapshot->scenarios->len; i++)
    {
      ScenarioData *scenario = snapshot->scenarios->pdata[i];
      Row *row = row_new (T_SCENARIOS, g_strdup (scenario->id), 4);

      cell_text (row, 0, scenario->id);
      cell_text (row, 1, scenario->name);
      cell_int (row, 2, i);
      cell_int (row, 3, scenario->active);
      row_digest (row);
      g_ptr_array_add (rows[GROUP_SCENARIOS], row);

      for (guint j = 0; j < scenario->proposals->len; j++)
        {
          ProposalData *p = scenario->proposals->pdata[j];
          char *key = unique_key (seen, proposal_key (scenario->id, p->id));

          row = row_new (proposal_table (p->geometry), key, n_proposal_cells);
          row->lazy = p;
          row->lazy_scenario = scenario->id;
          row->lazy_position = j;
          row->srs_id = snapshot->srs_id;
          if (p->geometry != NULL)
            row->bounds = p->geometry->bounds;
          g_mutex_lock (&digest_lock);
          if (p->digest_valid && p->digest_position == j &&
              g_strcmp0 (p->digest_scenario, scenario->id) == 0)
            memcpy (row->digest, p->digest, DIGEST_LEN);
          else
            {
              row_fill_cells (row);
              row_digest (row);
              p->digest_valid = TRUE;
              p->digest_position = j;
              g_free (p->digest_scenario);
              p->digest_scenario = g_strdup (scenario->id);
              memcpy (p->digest, row->digest, DIGEST_LEN);
            }
          g_mutex_unlock (&digest_lock);
          g_ptr_array_add (rows[GROUP_PROPOSALS], row);
        }
    }

  for (guint i = 0; i < snapshot->checklist->len; i++)
    {
      ChecklistData *data = snapshot->checklist->pdata[i];
      Row *row = row_new (T_CHECKLIST, g_strconcat (data->scenario_id, "\x1f", data->item_id,
                                                    NULL), 7);

      cell_text (row, 0, data->scenario_id);
      cell_text (row, 1, data->item_id);
      cell_text (row, 2, wm_checklist_status_key (data->entry->status));
      cell_text (row, 3, data->entry->reason);
      cell_text (row, 4, data->entry->owner);
      cell_text (row, 5, data->entry->note);
      if (data->entry->target_year != 0)
        cell_int (row, 6, data->entry->target_year);
      row_digest (row);
      g_ptr_array_add (rows[GROUP_CHECKLIST], row);
    }

  for (guint i = 0; i < G_N_ELEMENTS (meta); i++)
    g_ptr_array_add (rows[GROUP_META], meta_row (meta[i][0], meta[i][1]));
  /* The project's housing targets (see wm-targets.h) and its own roadmap catalogue. */
  for (guint i = 0; snapshot->targets[i] != NULL && snapshot->targets[i + 1] != NULL; i += 2)
    g_ptr_array_add (rows[GROUP_META], meta_row (snapshot->targets[i], snapshot->targets[i + 1]));
  if (snapshot->catalogue != NULL)
    g_ptr_array_add (rows[GROUP_META], meta_row ("roadmap_catalogue", snapshot->catalogue));
}

/* ---------------------------------------------------------------------------------------------
 * Writing
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  sqlite3 *db;
  const char *path; /* the file being saved, for messages */
  int srs_id;
} SaveContext;

/* Says what went wrong in words a user can act on, from SQLite's code and the system's errno. */
static gboolean
save_fail (SaveContext *ctx, const char *what, GError **error)
{
  int rc = ctx->db != NULL ? sqlite3_errcode (ctx->db) & 0xff : SQLITE_ERROR;
  int sys = ctx->db != NULL ? sqlite3_system_errno (ctx->db) : 0;
  const char *message = ctx->db != NULL ? sqlite3_errmsg (ctx->db) : what;

  if (rc == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT || sys == EFBIG)
    g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_DISK_FULL,
                 _("Could not save “%s”: the disk is full"), ctx->path);
  else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_LOCKED,
                 _("Could not save “%s”: another program is using the file (it is locked)"),
                 ctx->path);
  else if (rc == SQLITE_READONLY || sys == EROFS || sys == EACCES || sys == EPERM)
    g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_READ_ONLY,
                 _("Could not save “%s”: the file is read-only"), ctx->path);
  else
    g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE,
                 _("Could not save “%s”: %s (%s)"), ctx->path, message, what);
  return FALSE;
}

static gboolean
save_exec (SaveContext *ctx, const char *sql, GError **error)
{
  if (sqlite3_exec (ctx->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return save_fail (ctx, sql, error);
  return TRUE;
}

static sqlite3_stmt *
save_prepare (SaveContext *ctx, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (ctx->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      save_fail (ctx, sql, error);
      return NULL;
    }
  return stmt;
}

/* Runs an insert and readies the statement for the next row. */
static gboolean
save_step (SaveContext *ctx, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return save_fail (ctx, sqlite3_sql (stmt), error);
  return TRUE;
}

static gboolean
table_exists (sqlite3 *db, const char *table, int *out_rc)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean found = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      found = rc == SQLITE_ROW;
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (out_rc != NULL)
    *out_rc = rc;
  return found;
}

static void
bind_text (sqlite3_stmt *stmt, int column, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static void
bind_geometry (SaveContext *ctx, sqlite3_stmt *stmt, int column, const WmGeometry *geometry,
               WmBounds *extent)
{
  g_autoptr (GBytes) blob = NULL;
  const guint8 *data;
  gsize len;

  if (geometry == NULL)
    {
      sqlite3_bind_null (stmt, column);
      return;
    }

  blob = wm_gpkg_geometry_to_blob (geometry, ctx->srs_id);
  data = g_bytes_get_data (blob, &len);
  sqlite3_bind_blob64 (stmt, column, data, len, SQLITE_TRANSIENT);
  wm_bounds_union (extent, &geometry->bounds);
}

/* Binds the cells of @row from its table's first cell to ?1 ..; returns the number bound. */
static int
bind_row (sqlite3_stmt *stmt, Row *row)
{
  guint first = row_table_first_cell (row->table);
  int column = 1;

  row_fill_cells (row);
  for (guint i = first; i < row->n_cells; i++, column++)
    {
      const Cell *cell = &row->cells[i];
      gsize len = 0;
      const void *data = cell->data != NULL ? g_bytes_get_data (cell->data, &len) : NULL;

      switch (cell->type)
        {
        case CELL_INT:
          sqlite3_bind_int64 (stmt, column, cell->value);
          break;
        case CELL_TEXT:
          sqlite3_bind_text64 (stmt, column, data != NULL ? data : "", len, SQLITE_TRANSIENT,
                               SQLITE_UTF8);
          break;
        case CELL_BLOB:
          sqlite3_bind_blob64 (stmt, column, data, len, SQLITE_TRANSIENT);
          break;
        case CELL_REAL:
          sqlite3_bind_double (stmt, column, cell->real);
          break;
        case CELL_NULL:
        default:
          sqlite3_bind_null (stmt, column);
          break;
        }
    }
  return column - 1;
}

static const char *
geometry_type_name (WmGeometryKind kind)
{
  switch (kind)
    {
    case WM_GEOMETRY_POINT:
      return "POINT";
    case WM_GEOMETRY_LINESTRING:
      return "LINESTRING";
    case WM_GEOMETRY_POLYGON:
      return "POLYGON";
    case WM_GEOMETRY_MULTIPOLYGON:
      return "MULTIPOLYGON";
    default:
      return "GEOMETRY";
    }
}

/* Tracks the geometry type of a layer: the common kind, 0 when empty, -1 when mixed. Polygons
 * and multipolygons together make a MULTIPOLYGON layer: its polygons are stored as multipolygons
 * of one part, marked in the layer's "polygon" column so they read back as polygons. */
static void
layer_kind_add (int *layer_kind, const WmGeometry *geometry)
{
  int kind;

  if (geometry == NULL || *layer_kind == -1)
    return;
  kind = geometry->kind;
  if (*layer_kind == 0)
    *layer_kind = kind;
  else if (*layer_kind != kind)
    {
      gboolean polygonal = (*layer_kind == WM_GEOMETRY_POLYGON ||
                            *layer_kind == WM_GEOMETRY_MULTIPOLYGON) &&
                           (kind == WM_GEOMETRY_POLYGON || kind == WM_GEOMETRY_MULTIPOLYGON);

      *layer_kind = polygonal ? WM_GEOMETRY_MULTIPOLYGON : -1;
    }
}

/* The geometry as stored in a layer of @layer_kind; *@out_promoted TRUE for a polygon made a
 * multipolygon. */
static WmGeometry *
layer_geometry (int layer_kind, WmGeometry *geometry, gboolean *out_promoted)
{
  *out_promoted = layer_kind == WM_GEOMETRY_MULTIPOLYGON && geometry->kind == WM_GEOMETRY_POLYGON;
  if (*out_promoted)
    return wm_geometry_to_multipolygon (geometry);
  return wm_geometry_ref (geometry);
}

/* Binds 1 or NULL for the "polygon" column. */
static void
bind_promoted (sqlite3_stmt *stmt, int column, gboolean promoted)
{
  if (promoted)
    sqlite3_bind_int (stmt, column, 1);
  else
    sqlite3_bind_null (stmt, column);
}

static const char *
layer_type_name (int layer_kind, const char *empty_type)
{
  if (layer_kind == 0)
    return empty_type;
  if (layer_kind < 0)
    return "GEOMETRY";
  return geometry_type_name (layer_kind);
}

/* Creates a feature table with an fid, a geometry column and @columns (SQL), and returns an
 * insert statement binding geom as ?1 and the @n_columns other columns as ?2 .. */
static sqlite3_stmt *
create_layer (SaveContext *ctx, const char *table, const char *type, const char *columns,
              const char *column_names, int n_columns, GError **error)
{
  g_autofree char *create = NULL;
  g_autoptr (GString) insert = g_string_new (NULL);

  create = g_strdup_printf ("CREATE TABLE \"%s\" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,"
                            " geom %s%s%s)",
                            table, type, columns[0] != '\0' ? ", " : "", columns);
  if (!save_exec (ctx, create, error))
    return NULL;

  g_string_printf (insert, "INSERT INTO \"%s\" (geom%s%s) VALUES (?1", table,
                   column_names[0] != '\0' ? ", " : "", column_names);
  for (int i = 0; i < n_columns; i++)
    g_string_append_printf (insert, ", ?%d", i + 2);
  g_string_append (insert, ")");

  return save_prepare (ctx, insert->str, error);
}

/* Appends "<prefix><segment key> INTEGER NOT NULL DEFAULT 0" for every segment. */
static void
append_segment_columns (GString *columns, GString *names, const char *prefix)
{
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    {
      g_string_append_printf (columns, ", \"%s%s\" INTEGER NOT NULL DEFAULT 0", prefix,
                              wm_segment_key (s));
      g_string_append_printf (names, ", \"%s%s\"", prefix, wm_segment_key (s));
    }
}

static void
bind_figure (sqlite3_stmt *stmt, int column, double value)
{
  if (isfinite (value))
    sqlite3_bind_double (stmt, column, value);
  else
    sqlite3_bind_null (stmt, column);
}

/* has_figures, figures_year and the six figures from @column on. */
static void
bind_figures (sqlite3_stmt *stmt, int column, WmArea *area)
{
  WmAreaFigures figures;
  gboolean has = wm_area_get_figures (area, &figures);

  sqlite3_bind_int (stmt, column, has);
  if (has && figures.year != 0)
    sqlite3_bind_int (stmt, column + 1, figures.year);
  else
    sqlite3_bind_null (stmt, column + 1);
  bind_figure (stmt, column + 2, figures.pct_corporation_rent);
  bind_figure (stmt, column + 3, figures.pct_other_rent);
  bind_figure (stmt, column + 4, figures.pct_owner);
  bind_figure (stmt, column + 5, figures.dwellings);
  bind_figure (stmt, column + 6, figures.mean_woz);
  bind_figure (stmt, column + 7, figures.inhabitants);
}

static gboolean
save_areas (SaveContext *ctx, WmPlanBaseline *baseline, GError **error)
{
  GPtrArray *areas = wm_plan_baseline_get_areas (baseline);
  WmBounds extent = wm_bounds_empty ();
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int kind = 0;
  gboolean ok = TRUE;

  for (guint i = 0; i < areas->len; i++)
    layer_kind_add (&kind, wm_area_get_boundary (areas->pdata[i]));

  /* Key figures: has_figures tells "none" from "all unavailable"; NULL is not available. */
  stmt = create_layer (ctx, "areas", layer_type_name (kind, "MULTIPOLYGON"),
                       "area_id TEXT NOT NULL, name TEXT, polygon BOOLEAN,"
                       " has_figures BOOLEAN DEFAULT 0, figures_year INTEGER,"
                       " pct_corporation_rent REAL, pct_other_rent REAL, pct_owner REAL,"
                       " dwellings REAL, mean_woz REAL, inhabitants REAL",
                       "area_id, name, polygon, has_figures, figures_year, pct_corporation_rent,"
                       " pct_other_rent, pct_owner, dwellings, mean_woz, inhabitants", 11, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; ok && i < areas->len; i++)
    {
      WmArea *area = areas->pdata[i];
      gboolean promoted;
      g_autoptr (WmGeometry) boundary = layer_geometry (kind, wm_area_get_boundary (area),
                                                        &promoted);

      bind_geometry (ctx, stmt, 1, boundary, &extent);
      bind_text (stmt, 2, wm_area_get_id (area));
      bind_text (stmt, 3, wm_area_get_name (area));
      bind_promoted (stmt, 4, promoted);
      bind_figures (stmt, 5, area);
      ok = save_step (ctx, stmt, error);
    }

  return ok && wm_gpkg_register_table (ctx->db, "areas", layer_type_name (kind, "MULTIPOLYGON"),
                                       ctx->srs_id, &extent, error);
}

static gboolean
save_buildings (SaveContext *ctx, WmPlanBaseline *baseline, GError **error)
{
  GPtrArray *buildings = wm_plan_baseline_get_buildings (baseline);
  g_autoptr (GString) columns = g_string_new ("building_id TEXT NOT NULL, area_id TEXT,"
                                              " year INTEGER, storeys INTEGER, use TEXT,"
                                              " tenure TEXT DEFAULT 'stated'");
  g_autoptr (GString) names = g_string_new ("building_id, area_id, year, storeys, use, tenure");
  WmBounds extent = wm_bounds_empty ();
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean ok = TRUE;

  append_segment_columns (columns, names, "dwellings_");
  /* Footprints are always multipolygons (see wm_building_new). */
  stmt = create_layer (ctx, "buildings", "MULTIPOLYGON", columns->str, names->str,
                       6 + WM_N_SEGMENTS, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; ok && i < buildings->len; i++)
    {
      WmBuilding *building = buildings->pdata[i];
      const WmDwellingMix *mix = wm_building_get_dwellings (building);

      bind_geometry (ctx, stmt, 1, wm_building_get_footprint (building), &extent);
      bind_text (stmt, 2, wm_building_get_id (building));
      bind_text (stmt, 3, wm_building_get_area_id (building));
      sqlite3_bind_int (stmt, 4, wm_building_get_year (building));
      sqlite3_bind_int (stmt, 5, wm_building_get_storeys (building));
      bind_text (stmt, 6, wm_building_get_use (building));
      sqlite3_bind_text (stmt, 7, wm_tenure_source_key (wm_building_get_tenure_source (building)),
                         -1, SQLITE_STATIC);
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        sqlite3_bind_int (stmt, 8 + s, mix->counts[s]);
      ok = save_step (ctx, stmt, error);
    }

  return ok && wm_gpkg_register_table (ctx->db, "buildings", "MULTIPOLYGON", ctx->srs_id, &extent,
                                       error);
}

static gboolean
save_facilities (SaveContext *ctx, WmPlanBaseline *baseline, GError **error)
{
  GPtrArray *facilities = wm_plan_baseline_get_facilities (baseline);
  WmBounds extent = wm_bounds_empty ();
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean ok = TRUE;

  stmt = create_layer (ctx, "facilities", "POINT",
                       "facility_id TEXT NOT NULL, type TEXT NOT NULL, name TEXT",
                       "facility_id, type, name", 3, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; ok && i < facilities->len; i++)
    {
      WmFacility *facility = facilities->pdata[i];
      WmPoint location = wm_facility_get_location (facility);
      g_autoptr (WmGeometry) point = wm_geometry_new_point (location.x, location.y);

      bind_geometry (ctx, stmt, 1, point, &extent);
      bind_text (stmt, 2, wm_facility_get_id (facility));
      bind_text (stmt, 3, wm_facility_type_key (wm_facility_get_facility_type (facility)));
      bind_text (stmt, 4, wm_facility_get_name (facility));
      ok = save_step (ctx, stmt, error);
    }

  return ok && wm_gpkg_register_table (ctx->db, "facilities", "POINT", ctx->srs_id, &extent,
                                       error);
}

static gboolean
save_basemap (SaveContext *ctx, WmPlanBaseline *baseline, GError **error)
{
  for (guint k = 0; k < WM_N_BASEMAP_CLASSES; k++)
    {
      GPtrArray *features = wm_plan_baseline_get_basemap_features (baseline, k);
      g_autofree char *table = g_strconcat (BASEMAP_PREFIX, wm_basemap_class_key (k), NULL);
      gboolean label = k == WM_BASEMAP_LABEL;
      const char *type;
      WmBounds extent = wm_bounds_empty ();
      g_autoptr (sqlite3_stmt) stmt = NULL;
      gboolean ok = TRUE;
      int kind = 0;

      for (guint i = 0; i < features->len; i++)
        layer_kind_add (&kind, ((WmBasemapFeature *) features->pdata[i])->geometry);
      type = layer_type_name (kind, label ? "POINT" : "MULTIPOLYGON");

      if (label)
        stmt = create_layer (ctx, table, type, "kind TEXT, text TEXT, angle REAL",
                             "kind, text, angle", 3, error);
      else
        stmt = create_layer (ctx, table, type, "kind TEXT, polygon BOOLEAN", "kind, polygon", 2,
                             error);
      if (stmt == NULL)
        return FALSE;

      for (guint i = 0; ok && i < features->len; i++)
        {
          WmBasemapFeature *feature = features->pdata[i];
          gboolean promoted;
          g_autoptr (WmGeometry) geometry = layer_geometry (kind, feature->geometry, &promoted);

          bind_geometry (ctx, stmt, 1, geometry, &extent);
          bind_text (stmt, 2, feature->kind);
          if (label)
            {
              bind_text (stmt, 3, feature->text);
              sqlite3_bind_double (stmt, 4, feature->angle);
            }
          else
            bind_promoted (stmt, 3, promoted);
          ok = save_step (ctx, stmt, error);
        }

      if (!ok || !wm_gpkg_register_table (ctx->db, table, type, ctx->srs_id, &extent, error))
        return FALSE;
    }

  return TRUE;
}

/* An attributes table in key order, so a reader builds its index without sorting. */
static gboolean
save_addresses (SaveContext *ctx, WmPlanBaseline *baseline, GError **error)
{
  WmAddressBook *book = wm_plan_baseline_get_addresses (baseline);
  guint n = wm_address_book_get_size (book);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean ok = TRUE;

  if (!save_exec (ctx, "CREATE TABLE \"" ADDRESSES_TABLE "\" (fid INTEGER PRIMARY KEY"
                       " AUTOINCREMENT NOT NULL, key TEXT NOT NULL UNIQUE,"
                       " building_id TEXT NOT NULL)", error))
    return FALSE;
  stmt = save_prepare (ctx, "INSERT INTO \"" ADDRESSES_TABLE "\" (key, building_id)"
                            " VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; ok && i < n; i++)
    {
      const char *key, *building_id;

      wm_address_book_get_entry (book, i, &key, &building_id);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, building_id, -1, SQLITE_STATIC);
      ok = save_step (ctx, stmt, error);
    }
  return ok && wm_gpkg_register_table (ctx->db, ADDRESSES_TABLE, NULL, ctx->srs_id, NULL, error);
}

/* Runs @sql with ?1 = @name only when @table exists (GDAL's and extension tables are
 * optional). */
static gboolean
exec_if_table (SaveContext *ctx, const char *table, const char *sql, const char *name,
               GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!table_exists (ctx->db, table, NULL))
    return TRUE;
  stmt = save_prepare (ctx, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  return save_step (ctx, stmt, error);
}

/* Drops one of our tables with what refers to it in the GeoPackage's own tables; what other
 * programs stored about it elsewhere (styles, metadata) refers to it by name and stays. */
static gboolean
drop_own_table (SaveContext *ctx, const char *table, GError **error)
{
  g_autofree char *drop = g_strdup_printf ("DROP TABLE IF EXISTS \"%s\";"
                                           " DROP TABLE IF EXISTS \"rtree_%s_geom\"",
                                           table, table);

  return save_exec (ctx, drop, error) &&
         exec_if_table (ctx, "gpkg_geometry_columns",
                        "DELETE FROM gpkg_geometry_columns WHERE table_name = ?1", table, error) &&
         exec_if_table (ctx, "gpkg_contents",
                        "DELETE FROM gpkg_contents WHERE table_name = ?1", table, error) &&
         exec_if_table (ctx, "gpkg_extensions",
                        "DELETE FROM gpkg_extensions WHERE table_name = ?1"
                        " AND extension_name = 'gpkg_rtree_index'", table, error) &&
         /* GDAL's cached feature count: NULL makes it count again. */
         exec_if_table (ctx, "gpkg_ogr_contents",
                        "UPDATE gpkg_ogr_contents SET feature_count = NULL"
                        " WHERE lower(table_name) = lower(?1)", table, error);
}

static gboolean
save_baseline (SaveContext *ctx, WmPlanBaseline *baseline, gboolean drop, GError **error)
{
  for (guint i = 0; drop && i < G_N_ELEMENTS (baseline_tables); i++)
    if (!drop_own_table (ctx, baseline_tables[i], error))
      return FALSE;

  return save_areas (ctx, baseline, error) &&
         save_buildings (ctx, baseline, error) &&
         save_facilities (ctx, baseline, error) &&
         save_basemap (ctx, baseline, error) &&
         save_addresses (ctx, baseline, error);
}

/* Statements of one row table, prepared on first use. */
typedef struct
{
  sqlite3_stmt *insert;
  sqlite3_stmt *update;
  sqlite3_stmt *delete;
  WmBounds extent;
  gboolean touched;
} TableStatements;

static void
table_statements_clear (TableStatements *statements)
{
  g_clear_pointer (&statements->insert, sqlite3_finalize);
  g_clear_pointer (&statements->update, sqlite3_finalize);
  g_clear_pointer (&statements->delete, sqlite3_finalize);
}

static char *
row_table_sql (RowTable table, gboolean update)
{
  g_autoptr (GString) names = g_string_new (NULL);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_auto (GStrv) split = NULL;
  gboolean geom = row_tables[table].geometry_type != NULL;
  guint n;

  row_table_columns (table, NULL, names);
  split = g_strsplit (names->str, ", ", -1);
  n = g_strv_length (split);
  if (update)
    {
      int column = 1;

      g_string_printf (sql, "UPDATE \"%s\" SET ", row_tables[table].name);
      if (geom)
        g_string_append_printf (sql, "geom = ?%d, ", column++);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (sql, "%s%s = ?%d", i > 0 ? ", " : "", split[i], column++);
      g_string_append_printf (sql, " WHERE fid = ?%d", column);
    }
  else
    {
      guint n_values = n + (geom ? 1 : 0);

      g_string_printf (sql, "INSERT INTO \"%s\" (%s%s) VALUES (", row_tables[table].name,
                       geom ? "geom, " : "", names->str);
      for (guint i = 0; i < n_values; i++)
        g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", i + 1);
      g_string_append (sql, ")");
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static gboolean
create_row_table (SaveContext *ctx, RowTable table, GError **error)
{
  g_autoptr (GString) definitions = g_string_new (NULL);
  g_autofree char *create = NULL;
  const char *type = row_tables[table].geometry_type;

  row_table_columns (table, definitions, NULL);
  create = g_strdup_printf ("CREATE TABLE \"%s\" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,"
                            "%s%s%s %s)",
                            row_tables[table].name, type != NULL ? " geom " : "",
                            type != NULL ? type : "", type != NULL ? "," : "", definitions->str);
  return save_exec (ctx, create, error);
}

typedef struct
{
  SaveContext *ctx;
  TableStatements statements[N_ROW_TABLES];
  /* Per group: key -> RowState, what the file holds after this write. */
  GHashTable *state[N_GROUPS];
  gboolean wrote;
} RowWriter;

static GHashTable *
row_state_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static sqlite3_stmt *
row_statement (RowWriter *writer, RowTable table, int which, GError **error)
{
  TableStatements *statements = &writer->statements[table];
  sqlite3_stmt **stmt = which == 0 ? &statements->insert
                        : which == 1 ? &statements->update : &statements->delete;

  if (*stmt == NULL)
    {
      g_autofree char *sql = NULL;

      if (which == 2)
        sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE fid = ?1", row_tables[table].name);
      else
        sql = row_table_sql (table, which == 1);
      *stmt = save_prepare (writer->ctx, sql, error);
    }
  return *stmt;
}

static gboolean
row_insert (RowWriter *writer, Row *row, gint64 *out_fid, GError **error)
{
  sqlite3_stmt *stmt = row_statement (writer, row->table, 0, error);

  if (stmt == NULL)
    return FALSE;
  bind_row (stmt, row);
  if (!save_step (writer->ctx, stmt, error))
    return FALSE;
  *out_fid = sqlite3_last_insert_rowid (writer->ctx->db);
  wm_bounds_union (&writer->statements[row->table].extent, &row->bounds);
  writer->statements[row->table].touched = TRUE;
  writer->wrote = TRUE;
  return TRUE;
}

static gboolean
row_update (RowWriter *writer, Row *row, gint64 fid, GError **error)
{
  sqlite3_stmt *stmt = row_statement (writer, row->table, 1, error);
  int n;

  if (stmt == NULL)
    return FALSE;
  n = bind_row (stmt, row);
  sqlite3_bind_int64 (stmt, n + 1, fid);
  if (!save_step (writer->ctx, stmt, error))
    return FALSE;
  wm_bounds_union (&writer->statements[row->table].extent, &row->bounds);
  writer->statements[row->table].touched = TRUE;
  writer->wrote = TRUE;
  return TRUE;
}

static gboolean
row_delete (RowWriter *writer, RowTable table, gint64 fid, GError **error)
{
  sqlite3_stmt *stmt = row_statement (writer, table, 2, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, fid);
  writer->statements[table].touched = TRUE;
  writer->wrote = TRUE;
  return save_step (writer->ctx, stmt, error);
}

/* Brings the rows of @group in the file from @old (NULL: the tables are new and empty) to
 * @rows, touching only rows that changed. */
static gboolean
write_group (RowWriter *writer, RowGroup group, GPtrArray *rows, GHashTable *old, GError **error)
{
  GHashTable *state = row_state_table_new ();
  GHashTableIter iter;
  gpointer key, value;

  writer->state[group] = state;
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      RowState *before = old != NULL ? g_hash_table_lookup (old, row->key) : NULL;
      RowState *after = g_new0 (RowState, 1);

      after->table = row->table;
      memcpy (after->digest, row->digest, DIGEST_LEN);
      g_hash_table_insert (state, g_strdup (row->key), after);

      if (before != NULL && before->table == row->table)
        {
          after->fid = before->fid;
          if (memcmp (before->digest, row->digest, DIGEST_LEN) != 0 &&
              !row_update (writer, row, before->fid, error))
            return FALSE;
          continue;
        }
      if (before != NULL && !row_delete (writer, before->table, before->fid, error))
        return FALSE;
      if (!row_insert (writer, row, &after->fid, error))
        return FALSE;
    }

  if (old == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RowState *before = value;

      if (!g_hash_table_contains (state, key) &&
          !row_delete (writer, before->table, before->fid, error))
        return FALSE;
    }
  return TRUE;
}

/* Widens the extent of changed layers and notes the change time (GeoPackage 1.3, 1.1.3.1). */
static gboolean
touch_contents (RowWriter *writer, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  for (guint t = 0; t < N_ROW_TABLES; t++)
    {
      TableStatements *statements = &writer->statements[t];

      if (!statements->touched)
        continue;
      if (stmt == NULL)
        stmt = save_prepare (writer->ctx,
                             "UPDATE gpkg_contents SET"
                             " last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now'),"
                             " min_x = CASE WHEN ?2 IS NULL THEN min_x WHEN min_x IS NULL THEN ?2"
                             "   ELSE min(min_x, ?2) END,"
                             " min_y = CASE WHEN ?3 IS NULL THEN min_y WHEN min_y IS NULL THEN ?3"
                             "   ELSE min(min_y, ?3) END,"
                             " max_x = CASE WHEN ?4 IS NULL THEN max_x WHEN max_x IS NULL THEN ?4"
                             "   ELSE max(max_x, ?4) END,"
                             " max_y = CASE WHEN ?5 IS NULL THEN max_y WHEN max_y IS NULL THEN ?5"
                             "   ELSE max(max_y, ?5) END"
                             " WHERE table_name = ?1",
                             error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_clear_bindings (stmt);
      sqlite3_bind_text (stmt, 1, row_tables[t].name, -1, SQLITE_STATIC);
      if (!wm_bounds_is_empty (&statements->extent))
        {
          sqlite3_bind_double (stmt, 2, statements->extent.min_x);
          sqlite3_bind_double (stmt, 3, statements->extent.min_y);
          sqlite3_bind_double (stmt, 4, statements->extent.max_x);
          sqlite3_bind_double (stmt, 5, statements->extent.max_y);
        }
      if (!save_step (writer->ctx, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
row_writer_clear (RowWriter *writer)
{
  for (guint t = 0; t < N_ROW_TABLES; t++)
    table_statements_clear (&writer->statements[t]);
  for (guint g = 0; g < N_GROUPS; g++)
    g_clear_pointer (&writer->state[g], g_hash_table_unref);
}

/* Creates the row tables (dropping earlier ones) and registers them with their extent. */
static gboolean
create_row_tables (SaveContext *ctx, GPtrArray *rows[N_GROUPS], gboolean drop, GError **error)
{
  for (guint i = 0; drop && i < G_N_ELEMENTS (other_own_tables); i++)
    if (!drop_own_table (ctx, other_own_tables[i], error))
      return FALSE;
  for (guint t = 0; t < N_ROW_TABLES; t++)
    {
      WmBounds extent = wm_bounds_empty ();
      GPtrArray *group = rows[row_tables[t].group];

      for (guint i = 0; i < group->len; i++)
        if (((Row *) group->pdata[i])->table == t)
          wm_bounds_union (&extent, &((Row *) group->pdata[i])->bounds);
      if ((drop && !drop_own_table (ctx, row_tables[t].name, error)) ||
          !create_row_table (ctx, t, error) ||
          !wm_gpkg_register_table (ctx->db, row_tables[t].name, row_tables[t].geometry_type,
                                   ctx->srs_id, &extent, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_schema_version (SaveContext *ctx, GError **error)
{
  g_autofree char *schema = g_strdup_printf ("CREATE TABLE wijkmix_schema (fid INTEGER PRIMARY"
                                             " KEY AUTOINCREMENT NOT NULL, version INTEGER NOT"
                                             " NULL); INSERT INTO wijkmix_schema (version)"
                                             " VALUES (%d)",
                                             WM_PROJECT_SCHEMA_VERSION);

  return save_exec (ctx, schema, error) &&
         wm_gpkg_register_table (ctx->db, "wijkmix_schema", NULL, 0, NULL, error);
}

/* ---------------------------------------------------------------------------------------------
 * The handle
 * ------------------------------------------------------------------------------------------ */

struct _WmProjectFile
{
  GObject parent_instance;

  char *path;
  /* Save As: the file whose foreign content the first write carries over (NULL: none). */
  char *save_as_from;
  gboolean save_as;
  /* What the file held when last read or written; valid is FALSE before. */
  gboolean valid;
  gboolean needs_full; /* read from an older format: the next write is complete */
  int upgrade_from;    /* or one migrated in place by the next write (migration_in_place) */
  dev_t dev;
  ino_t ino;
  guint32 counter; /* SQLite's file change counter (header offset 24) */
  WmPlanBaseline *baseline;
  GHashTable *state[N_GROUPS];
};

G_DEFINE_FINAL_TYPE (WmProjectFile, wm_project_file, G_TYPE_OBJECT)

static void
wm_project_file_forget (WmProjectFile *self)
{
  self->valid = FALSE;
  g_clear_pointer (&self->baseline, wm_plan_baseline_unref);
  for (guint g = 0; g < N_GROUPS; g++)
    g_clear_pointer (&self->state[g], g_hash_table_unref);
}

static void
wm_project_file_finalize (GObject *object)
{
  WmProjectFile *self = WM_PROJECT_FILE (object);

  wm_project_file_forget (self);
  g_free (self->path);
  g_free (self->save_as_from);

  G_OBJECT_CLASS (wm_project_file_parent_class)->finalize (object);
}

static void
wm_project_file_class_init (WmProjectFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_project_file_finalize;
}

static void
wm_project_file_init (WmProjectFile *self)
{
}

WmProjectFile *
wm_project_file_new (const char *path)
{
  WmProjectFile *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (WM_TYPE_PROJECT_FILE, NULL);
  self->path = g_strdup (path);
  return self;
}

WmProjectFile *
wm_project_file_new_save_as (WmProjectFile *from, const char *path)
{
  WmProjectFile *self;

  g_return_val_if_fail (from == NULL || WM_IS_PROJECT_FILE (from), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = wm_project_file_new (path);
  self->save_as = TRUE;
  if (from != NULL)
    self->save_as_from = g_strdup (from->path);
  return self;
}

const char *
wm_project_file_get_path (WmProjectFile *self)
{
  g_return_val_if_fail (WM_IS_PROJECT_FILE (self), NULL);

  return self->path;
}

/* The file a path finally names, following symbolic links (also dangling ones, so a save
 * through a link to a file that does not exist yet creates the target). */
static char *
resolve_path (const char *path)
{
  g_autofree char *current = NULL;

  if (g_path_is_absolute (path))
    current = g_strdup (path);
  else
    {
      g_autofree char *cwd = g_get_current_dir ();
      current = g_build_filename (cwd, path, NULL);
    }

  for (guint hops = 0; hops < 40; hops++)
    {
      g_autofree char *target = g_file_read_link (current, NULL);
      g_autofree char *dir = NULL;

      if (target == NULL)
        break;
      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_path_is_absolute (target) ? g_steal_pointer (&target)
                                            : g_build_filename (dir, target, NULL);
    }
  return g_steal_pointer (&current);
}

/* Removes what killed saves of @base left in @dir: ".<base>.XXXXXX" temporary files and their
 * journals. A save in progress holds an flock() on its temporary file, so only abandoned ones
 * are taken. */
static void
remove_leftovers (const char *dir, const char *base)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.", base);
  gsize prefix_len = strlen (prefix);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      gsize len = strlen (name);
      gboolean journal = g_str_has_suffix (name, "-journal");
      int fd;

      if (!g_str_has_prefix (name, prefix) ||
          len != prefix_len + 6 + (journal ? strlen ("-journal") : 0))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (journal)
        {
          /* A journal without its temporary file belongs to nobody. */
          g_autofree char *db = g_strndup (path, strlen (path) - strlen ("-journal"));

          if (!g_file_test (db, G_FILE_TEST_EXISTS))
            g_unlink (path);
          continue;
        }
      fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
      if (fd < 0)
        continue;
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          g_autofree char *journal_path = g_strconcat (path, "-journal", NULL);

          g_debug ("Removing %s, left by an interrupted save", path);
          g_unlink (journal_path);
          g_unlink (path);
        }
      close (fd);
    }
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Reads SQLite's file change counter through SQLite's own file handle: opening the file a
 * second time and closing it would drop the connection's POSIX locks. */
static gboolean
read_change_counter (sqlite3 *db, guint32 *out_counter)
{
  sqlite3_file *file = NULL;
  guint8 bytes[4];

  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      file == NULL || file->pMethods == NULL ||
      file->pMethods->xRead (file, bytes, sizeof bytes, 24) != SQLITE_OK)
    return FALSE;
  *out_counter = read_be32 (bytes);
  return TRUE;
}

/* Reads the change counter of a file none of our connections has open. */
static gboolean
read_file_counter (const char *path, guint32 *out_counter)
{
  guint8 header[28];
  gssize got;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    return FALSE;
  got = pread (fd, header, sizeof header, 0);
  close (fd);
  if (got != sizeof header)
    return FALSE;
  *out_counter = read_be32 (header + 24);
  return TRUE;
}

static void
remember_rows (WmProjectFile *self, RowWriter *writer, WmPlanBaseline *baseline)
{
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_clear_pointer (&self->state[g], g_hash_table_unref);
      self->state[g] = g_steal_pointer (&writer->state[g]);
    }
  g_clear_pointer (&self->baseline, wm_plan_baseline_unref);
  self->baseline = wm_plan_baseline_ref (baseline);
}

static gboolean
io_error (GError **error, int saved_errno, const char *path, const char *dir)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT || saved_errno == EFBIG)
    g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_DISK_FULL,
                 _("Could not save “%s”: the disk is full"), path);
  else if (dir != NULL && (saved_errno == EACCES || saved_errno == EROFS ||
                           saved_errno == EPERM))
    g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_READ_ONLY_FOLDER,
                 _("Could not save “%s”: the folder “%s” is read-only"), path, dir);
  else
    g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE,
                 _("Could not save “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Refuses when the file at @path is not the one last read or written, or was changed since.
 * With @db (holding a write lock on it) the counter is read through SQLite. */
static gboolean
check_unchanged (WmProjectFile *self, const char *path, sqlite3 *db, GError **error)
{
  GStatBuf st;
  guint32 counter = 0;
  gboolean same;

  if (!self->valid)
    return TRUE;
  same = g_stat (path, &st) == 0 && st.st_dev == self->dev && st.st_ino == self->ino;
  if (same)
    same = db != NULL ? read_change_counter (db, &counter) : read_file_counter (path, &counter);
  if (!same || counter != self->counter)
    {
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_CHANGED_ON_DISK,
                   _("Could not save “%s”: another program changed the file on disk since it "
                     "was opened; open it again to see the changes"),
                   path);
      return FALSE;
    }
  return TRUE;
}

static void
fsync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Copies @source into the empty database @db; a source that is not a database (or is gone)
 * has nothing of other programs to keep. */
static int
copy_source (sqlite3 *db, const char *source)
{
  g_autoptr (sqlite3) from = NULL;
  sqlite3_backup *backup;
  int step;

  if (sqlite3_open_v2 (source, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    return SQLITE_OK;
  sqlite3_busy_timeout (from, BUSY_TIMEOUT_MS);
  backup = sqlite3_backup_init (db, "main", from, "main");
  if (backup == NULL)
    return SQLITE_OK;
  step = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (step == SQLITE_BUSY || step == SQLITE_LOCKED)
    return step;
  /* Not a database: nothing of other programs to keep, and nothing was copied. */
  if (step != SQLITE_DONE)
    g_debug ("Not copying %s: %s", source, sqlite3_errstr (step));
  return SQLITE_OK;
}

static gboolean
write_all_rows (RowWriter *writer, GPtrArray *rows[N_GROUPS], GHashTable *old[N_GROUPS],
                GError **error)
{
  for (guint g = 0; g < N_GROUPS; g++)
    if (!write_group (writer, g, rows[g], old != NULL ? old[g] : NULL, error))
      return FALSE;
  return TRUE;
}

/* A complete file: written next to the target and renamed over it, so a crash leaves the old
 * or the new file. @source (may be NULL) is copied first, so what other programs stored in it
 * survives; our own tables are then dropped and written again. */
/* Ends the write transaction: a failure is rolled back, with a GeoPackage helper's words
 * turned into a message naming the file; success is committed (statements finished first). */
static gboolean
end_write_transaction (SaveContext *ctx, RowWriter *writer, gboolean ok, GError **error)
{
  if (!ok)
    {
      if (error != NULL && *error != NULL && (*error)->domain != WM_PROJECT_FILE_ERROR)
        {
          g_autoptr (GError) inner = g_steal_pointer (error);

          save_fail (ctx, inner->message, error);
        }
      sqlite3_exec (ctx->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  for (guint t = 0; t < N_ROW_TABLES; t++)
    table_statements_clear (&writer->statements[t]);
  if (!save_exec (ctx, "COMMIT", error))
    {
      sqlite3_exec (ctx->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_complete (WmProjectFile *self, WmProjectSnapshot *snapshot, const char *target,
                const char *source, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *temp_name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *temp_path = g_build_filename (dir, temp_name, NULL);
  g_autoptr (GError) local_error = NULL;
  GPtrArray *rows[N_GROUPS] = { NULL };
  RowWriter writer = { NULL };
  SaveContext ctx = { NULL, target, snapshot->srs_id };
  gboolean target_exists;
  GStatBuf st;
  GStatBuf written;
  guint32 counter = 0;
  int fd;
  int rc;

  remove_leftovers (dir, base);

  target_exists = g_stat (target, &st) == 0;
  /* rename() would replace a read-only file in a writable folder; a read-only file is kept. */
  if (target_exists && g_access (target, W_OK) != 0 && (errno == EACCES || errno == EROFS))
    {
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_READ_ONLY,
                   _("Could not save “%s”: the file is read-only"), target);
      return FALSE;
    }
  fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return io_error (error, errno, target, dir);
  /* Tells remove_leftovers() that this file is in use; released by close(). */
  if (flock (fd, LOCK_EX) != 0)
    g_debug ("Could not lock %s: %s", temp_path, g_strerror (errno));
  /* An existing file keeps its mode, owner and group; a new one follows the umask. */
  if (target_exists)
    {
      if (fchown (fd, st.st_uid, st.st_gid) != 0 && fchown (fd, (uid_t) -1, st.st_gid) != 0)
        g_debug ("Could not keep the owner of %s: %s", target, g_strerror (errno));
      if (fchmod (fd, st.st_mode & 07777) != 0)
        g_debug ("Could not keep the mode of %s: %s", target, g_strerror (errno));
    }
  else if (fchmod (fd, wm_file_commit_new_file_mode ()) != 0)
    g_debug ("Could not set the mode of %s: %s", temp_path, g_strerror (errno));

  rc = sqlite3_open_v2 (temp_path, &ctx.db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (ctx.db, FALSE);
      wm_gpkg_register_functions (ctx.db);
    }
  if (rc == SQLITE_OK && source != NULL)
    rc = copy_source (ctx.db, source);

  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    g_set_error (&local_error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_LOCKED,
                 _("Could not save “%s”: another program is using “%s” (it is locked)"), target,
                 source);
  else if (rc != SQLITE_OK)
    save_fail (&ctx, "open", &local_error);
  else
    {
      gboolean drop = source != NULL;

      snapshot_rows (snapshot, rows);
      writer.ctx = &ctx;
      /* DELETE journal and FULL sync: the file is complete and on disk once COMMIT returns,
       * and no -wal file has to travel with it. */
      if (save_exec (&ctx,
                     "PRAGMA page_size = 4096;"
                     "PRAGMA journal_mode = DELETE;"
                     "PRAGMA synchronous = FULL;"
                     "BEGIN",
                     &local_error))
        end_write_transaction (&ctx, &writer,
                               wm_gpkg_init_metadata (ctx.db, &local_error) &&
                               save_baseline (&ctx, snapshot->baseline, drop, &local_error) &&
                               create_row_tables (&ctx, rows, drop, &local_error) &&
                               write_all_rows (&writer, rows, NULL, &local_error) &&
                               save_schema_version (&ctx, &local_error),
                               &local_error);
    }

  for (guint t = 0; t < N_ROW_TABLES; t++)
    table_statements_clear (&writer.statements[t]);
  if (sqlite3_close (ctx.db) != SQLITE_OK && local_error == NULL)
    save_fail (&ctx, "close", &local_error);
  ctx.db = NULL;
  for (guint g = 0; g < N_GROUPS; g++)
    g_clear_pointer (&rows[g], g_ptr_array_unref);

  if (local_error == NULL && fsync (fd) != 0)
    io_error (&local_error, errno, target, NULL);
  if (local_error == NULL &&
      (!read_file_counter (temp_path, &counter) || g_stat (temp_path, &written) != 0))
    io_error (&local_error, errno, target, NULL);
  /* A migration of our own file: refuse if someone else wrote it since it was read. */
  if (local_error == NULL && !self->save_as && target_exists)
    check_unchanged (self, target, NULL, &local_error);
  if (local_error == NULL && g_rename (temp_path, target) != 0)
    io_error (&local_error, errno, target, dir);

  if (local_error != NULL)
    {
      g_autofree char *journal = g_strconcat (temp_path, "-journal", NULL);

      g_unlink (journal);
      g_unlink (temp_path);
      close (fd);
      row_writer_clear (&writer);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Make the rename itself durable. */
  fsync_dir (dir);
  close (fd);

  remember_rows (self, &writer, snapshot->baseline);
  self->valid = TRUE;
  self->needs_full = FALSE;
  self->upgrade_from = 0;
  self->save_as = FALSE;
  g_clear_pointer (&self->save_as_from, g_free);
  self->dev = written.st_dev;
  self->ino = written.st_ino;
  self->counter = counter;
  row_writer_clear (&writer);
  return TRUE;
}

/* Switches to the rollback journal unless another connection has the file open in WAL mode
 * (then it stays in WAL mode: asked at once, not after the busy timeout). */
static void
leave_wal (sqlite3 *db)
{
  sqlite3_busy_timeout (db, 0);
  sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
}

static gboolean
journal_is_wal (sqlite3 *db)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  return sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK &&
         sqlite3_step (stmt) == SQLITE_ROW &&
         g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
}

/* Only what changed, into the file itself in one transaction: the rollback journal keeps it
 * atomic, and the file keeps its inode, so links, mode, owner and group stay as they are. */
static gboolean upgrade_in_place (SaveContext *ctx, int from_version, GError **error);

static gboolean
write_changes (WmProjectFile *self, WmProjectSnapshot *snapshot, const char *target,
               GError **error)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autoptr (GError) local_error = NULL;
  GPtrArray *rows[N_GROUPS] = { NULL };
  RowWriter writer = { NULL };
  SaveContext ctx = { NULL, target, snapshot->srs_id };
  gboolean baseline_changed = snapshot->baseline != self->baseline;
  gboolean wal = FALSE;
  guint32 counter = 0;
  int rc;

  remove_leftovers (dir, base);

  /* SQLite would open a read-only file read-only without a word, and report a folder where
   * the journal cannot be created as "unable to open database file". */
  if (g_access (target, W_OK) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM)
        g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_READ_ONLY,
                     _("Could not save “%s”: the file is read-only"), target);
      else
        io_error (error, saved_errno, target, NULL);
      return FALSE;
    }
  if (g_access (dir, W_OK) != 0)
    return io_error (error, errno, target, dir);

  rc = sqlite3_open_v2 (target, &ctx.db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      save_fail (&ctx, "open", error);
      sqlite3_close (ctx.db);
      return FALSE;
    }
  sqlite3_extended_result_codes (ctx.db, FALSE);
  sqlite3_busy_timeout (ctx.db, BUSY_TIMEOUT_MS);
  /* A spatial index another program put on one of our layers updates itself through these. */
  wm_gpkg_register_functions (ctx.db);

  /* Back to rollback mode; that fails quietly while another program (QGIS) has the file
   * open in WAL mode, and the save then goes through the WAL. */
  leave_wal (ctx.db);
  wal = journal_is_wal (ctx.db);
  if (!save_exec (&ctx, "PRAGMA synchronous = FULL; BEGIN IMMEDIATE", &local_error) ||
      !check_unchanged (self, target, ctx.db, &local_error) ||
      !read_change_counter (ctx.db, &counter))
    {
      if (local_error == NULL)
        save_fail (&ctx, "change counter", &local_error);
      sqlite3_exec (ctx.db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (ctx.db);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  snapshot_rows (snapshot, rows);
  writer.ctx = &ctx;
  if (end_write_transaction (&ctx, &writer,
                             (self->upgrade_from == 0 ||
                              upgrade_in_place (&ctx, self->upgrade_from, &local_error)) &&
                             (!baseline_changed ||
                              save_baseline (&ctx, snapshot->baseline, TRUE, &local_error)) &&
                             write_all_rows (&writer, rows, self->state, &local_error) &&
                             touch_contents (&writer, &local_error),
                             &local_error))
    {
      /* SQLite adds one to the counter for each transaction that wrote, except in WAL mode,
       * where the file's counter only moves at checkpoints: read what it is now. */
      if (wal)
        {
          if (sqlite3_exec (ctx.db, "BEGIN; SELECT count(*) FROM sqlite_master",
                            NULL, NULL, NULL) == SQLITE_OK)
            read_change_counter (ctx.db, &counter);
          sqlite3_exec (ctx.db, "COMMIT", NULL, NULL, NULL);
        }
      else if (writer.wrote || baseline_changed || self->upgrade_from != 0)
        counter++;
    }

  for (guint t = 0; t < N_ROW_TABLES; t++)
    table_statements_clear (&writer.statements[t]);
  sqlite3_close (ctx.db);
  for (guint g = 0; g < N_GROUPS; g++)
    g_clear_pointer (&rows[g], g_ptr_array_unref);

  if (local_error != NULL)
    {
      row_writer_clear (&writer);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  remember_rows (self, &writer, snapshot->baseline);
  self->counter = counter;
  self->upgrade_from = 0;
  row_writer_clear (&writer);
  return TRUE;
}

gboolean
wm_project_file_write (WmProjectFile *self, WmProjectSnapshot *snapshot, GError **error)
{
  g_autofree char *target = NULL;
  g_autofree char *source = NULL;

  g_return_val_if_fail (WM_IS_PROJECT_FILE (self), FALSE);
  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Resolved at every write: the link may point elsewhere by now. */
  target = resolve_path (self->path);

  if (self->valid && !self->needs_full && !self->save_as &&
      g_file_test (target, G_FILE_TEST_EXISTS))
    return write_changes (self, snapshot, target, error);

  if (self->save_as)
    source = self->save_as_from != NULL ? resolve_path (self->save_as_from) : NULL;
  else if (g_file_test (target, G_FILE_TEST_EXISTS))
    /* A first write over an existing file, or a migration: keep what others stored in it. */
    source = g_strdup (target);
  return write_complete (self, snapshot, target, source, error);
}

gboolean
wm_project_file_save (WmPlan *plan, const char *path, GError **error)
{
  g_autoptr (WmProjectFile) file = NULL;
  g_autoptr (WmProjectSnapshot) snapshot = NULL;

  g_return_val_if_fail (WM_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = wm_project_file_new (path);
  snapshot = wm_project_snapshot_new (plan);
  return wm_project_file_write (file, snapshot, error);
}

/* ---------------------------------------------------------------------------------------------
 * Migrations
 *
 * Loading only ever reads the current schema. An older file is copied into an in-memory
 * database and brought up to date there, one version at a time; the file itself is not
 * touched. To change the schema:
 *   1. bump WM_PROJECT_SCHEMA_VERSION in wm-project-file.h and change the save code;
 *   2. write a static gboolean migrate_<n>_to_<n+1> (sqlite3 *db, GError **error) that turns a
 *      version n database into version n + 1 (ALTER TABLE, CREATE TABLE ... AS SELECT,
 *      UPDATE, ...), and add { n, migrate_<n>_to_<n+1> } to the table below;
 *   3. keep a version n fixture in tests/fixtures and a test that loads it.
 * ------------------------------------------------------------------------------------------ */

typedef gboolean (*WmMigrationFunc) (sqlite3 *db, GError **error);

typedef struct
{
  int from_version;
  WmMigrationFunc migrate;
} WmMigration;

/* Proposal cells added after format 3: return_share (4), start_year (6). */
#define N_CELLS_SINCE_3 2

static gboolean
table_has_column (sqlite3 *db, const char *table, const char *column)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(\"%s\")", table);
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while (!found && sqlite3_step (stmt) == SQLITE_ROW)
    found = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), column) == 0;
  sqlite3_finalize (stmt);
  return found;
}

/* 1 -> 2: proposals gain a dwelling type; existing ones stay unspecified (NULL). */
static gboolean
migrate_1_to_2 (sqlite3  *db,
                GError  **error)
{
  if (sqlite3_exec (db, "ALTER TABLE proposals ADD COLUMN dwelling_type TEXT",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error_literal (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID,
                           sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

static char *segment_columns (const char *prefix);

/* 2 -> 3: proposals move from the one "proposals" layer of mixed geometry types to a layer per
 * geometry kind (and a table for those without), keeping their fids. */
static gboolean
migrate_2_to_3 (sqlite3  *db,
                GError  **error)
{
  g_autofree char *segments = segment_columns ("delta_");
  g_autofree char *sql = g_strdup_printf ("SELECT fid, geom, proposal_id, scenario_id, position,"
                                          " kind, name, year, note, building_ids, facility_type,"
                                          " facility_id, dwelling_type%s FROM proposals"
                                          " ORDER BY fid",
                                          segments);
  SaveContext ctx = { db, "proposals", 0 };
  g_autoptr (sqlite3_stmt) select = NULL;
  sqlite3_stmt *insert[N_ROW_TABLES] = { NULL };
  /* The cells format 3 had; later ones get their defaults here. */
  guint n_cells = row_table_columns (T_PROPOSALS_POINT, NULL, NULL) - N_CELLS_SINCE_3;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  for (RowTable t = T_PROPOSALS_POINT; ok && t <= T_PROPOSALS_NONE; t++)
    {
      g_autofree char *values = row_table_sql (t, FALSE);
      g_auto (GStrv) halves = g_strsplit (values, " VALUES (", 2);
      g_autofree char *insert_sql = NULL;

      /* The same insert with the fid first, as ?100: "INSERT INTO t (fid, ...) VALUES (?100, ...". */
      insert_sql = g_strdup_printf ("INSERT INTO \"%s\" (fid, %s VALUES (?100, %s",
                                    row_tables[t].name, strchr (halves[0], '(') + 1, halves[1]);
      ok = create_row_table (&ctx, t, error) &&
           (insert[t] = save_prepare (&ctx, insert_sql, error)) != NULL;
    }
  if (ok)
    ok = (select = save_prepare (&ctx, sql, error)) != NULL;

  while (ok && (rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      RowTable t = T_PROPOSALS_NONE;
      sqlite3_stmt *stmt;
      int column = 1;

      if (sqlite3_column_type (select, 1) == SQLITE_BLOB)
        {
          g_autoptr (WmGeometry) geometry =
            wm_gpkg_geometry_from_blob (sqlite3_column_blob (select, 1),
                                        sqlite3_column_bytes (select, 1), NULL, NULL);

          /* One that does not decode is reported by the loader, in the polygon layer. */
          t = geometry != NULL ? proposal_table (geometry) : T_PROPOSALS_POLYGON;
        }
      else if (sqlite3_column_type (select, 1) != SQLITE_NULL)
        t = T_PROPOSALS_POLYGON;
      stmt = insert[t];
      sqlite3_bind_int64 (stmt, 100, sqlite3_column_int64 (select, 0));
      for (guint i = row_table_first_cell (t); i < n_cells; i++)
        sqlite3_bind_value (stmt, column++, sqlite3_column_value (select, 1 + i));
      sqlite3_bind_double (stmt, column++, WM_PROPOSAL_DEFAULT_RETURN_SHARE);
      sqlite3_bind_null (stmt, column++);
      ok = save_step (&ctx, stmt, error);
    }
  if (ok && rc != SQLITE_DONE)
    ok = save_fail (&ctx, "proposals", error);
  for (guint t = 0; t < N_ROW_TABLES; t++)
    g_clear_pointer (&insert[t], sqlite3_finalize);
  g_clear_pointer (&select, sqlite3_finalize);
  return ok && save_exec (&ctx, "DROP TABLE proposals", error);
}

/* 3 -> 4: proposals gain a return share (demolitions), the default for existing ones.
 * migrate_2_to_3 already makes its layers with the column. */
static gboolean
migrate_3_to_4 (sqlite3  *db,
                GError  **error)
{
  for (RowTable t = T_PROPOSALS_POINT; t <= T_PROPOSALS_NONE; t++)
    {
      g_autofree char *sql = NULL;

      if (!table_exists (db, row_tables[t].name, NULL) ||
          table_has_column (db, row_tables[t].name, "return_share"))
        continue;
      sql = g_strdup_printf ("ALTER TABLE \"%s\" ADD COLUMN \"return_share\" REAL NOT NULL"
                             " DEFAULT 0", row_tables[t].name);
      if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
        {
          g_set_error_literal (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID,
                               sqlite3_errmsg (db));
          return FALSE;
        }
    }
  return TRUE;
}

/* 4 -> 5: areas gain key figures (none for existing ones), buildings a tenure source
 * ("stated": what the file said), and the new base map class and the address book their
 * (empty) tables. The complete write that follows a migration makes them proper layers. */
static gboolean
migrate_4_to_5 (sqlite3  *db,
                GError  **error)
{
  static const char *const area_columns[] = {
    "has_figures BOOLEAN DEFAULT 0", "figures_year INTEGER",
    "pct_corporation_rent REAL", "pct_other_rent REAL", "pct_owner REAL", "dwellings REAL",
    "mean_woz REAL", "inhabitants REAL",
  };
  g_autoptr (GString) sql = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (area_columns); i++)
    {
      g_autofree char *name = g_strndup (area_columns[i], strcspn (area_columns[i], " "));

      if (!table_has_column (db, "areas", name))
        g_string_append_printf (sql, "ALTER TABLE areas ADD COLUMN %s;", area_columns[i]);
    }
  if (!table_has_column (db, "buildings", "tenure"))
    g_string_append (sql, "ALTER TABLE buildings ADD COLUMN tenure TEXT DEFAULT 'stated';");
  g_string_append (sql, "CREATE TABLE IF NOT EXISTS \"" BASEMAP_PREFIX "building\" (fid INTEGER"
                        " PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTIPOLYGON, kind TEXT,"
                        " polygon BOOLEAN);"
                        "CREATE TABLE IF NOT EXISTS \"" ADDRESSES_TABLE "\" (fid INTEGER"
                        " PRIMARY KEY AUTOINCREMENT NOT NULL, key TEXT NOT NULL UNIQUE,"
                        " building_id TEXT NOT NULL);");
  if (sqlite3_exec (db, sql->str, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error_literal (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID,
                           sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

/* 5 -> 6: proposals gain a start year; existing ones have none (NULL, read as 0: the works
 * start in the completion year). ALTER TABLE keeps every other column and row as it is. */
static gboolean
migrate_5_to_6 (sqlite3  *db,
                GError  **error)
{
  for (RowTable t = T_PROPOSALS_POINT; t <= T_PROPOSALS_NONE; t++)
    {
      g_autofree char *sql = NULL;

      if (!table_exists (db, row_tables[t].name, NULL) ||
          table_has_column (db, row_tables[t].name, "start_year"))
        continue;
      sql = g_strdup_printf ("ALTER TABLE \"%s\" ADD COLUMN \"start_year\" INTEGER",
                             row_tables[t].name);
      if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
        {
          g_set_error_literal (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID,
                               sqlite3_errmsg (db));
          return FALSE;
        }
    }
  return TRUE;
}

static const WmMigration migrations[] = {
  { 1, migrate_1_to_2 },
  { 2, migrate_2_to_3 },
  { 3, migrate_3_to_4 },
  { 4, migrate_4_to_5 },
  { 5, migrate_5_to_6 },
};

static WmMigrationFunc
find_migration (int from_version)
{
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    if (migrations[i].migrate != NULL && migrations[i].from_version == from_version)
      return migrations[i].migrate;
  return NULL;
}

/* Versions whose way to the current one only adds columns to our tables: the next write runs
 * those migrations on the file itself, in its transaction, and then writes the changed rows in
 * place, so what other programs added to our layers (columns, indexes, triggers) stays. A
 * complete write would drop our tables and make them anew. */
static gboolean
migration_in_place (int version)
{
  return version == 5;
}

static gboolean
upgrade_in_place (SaveContext *ctx, int from_version, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE wijkmix_schema SET version = %d",
                                          WM_PROJECT_SCHEMA_VERSION);
  g_autoptr (GError) local_error = NULL;

  for (int v = from_version; v < WM_PROJECT_SCHEMA_VERSION; v++)
    {
      WmMigrationFunc func = find_migration (v);

      if (func == NULL || !func (ctx->db, &local_error))
        return save_fail (ctx, local_error != NULL ? local_error->message : "migration",
                          error);
    }
  return save_exec (ctx, sql, error);
}

/* ---------------------------------------------------------------------------------------------
 * Loading
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  const char *name; /* for messages */
  sqlite3 *db;
  WmPlan *plan;
  int srs_id;
  /* Per group: key -> RowState of what the file holds, for the handle's next write. */
  GHashTable *state[N_GROUPS];
  /* The baseline as read, given to the plan in one step (load_baseline). */
  GPtrArray *areas, *buildings, *facilities, *basemap;
  WmAddressBook *addresses;
} LoadContext;

static void
record_row (LoadContext *ctx, RowGroup group, RowTable table, const char *key, gint64 fid,
            sqlite3_stmt *stmt, int first, guint n_cells)
{
  RowState *state = g_new0 (RowState, 1);

  state->table = table;
  state->fid = fid;
  digest_stmt (stmt, first, n_cells, state->digest);
  g_hash_table_replace (ctx->state[group], g_strdup (key), state);
}

/* Turns an SQLite failure into the matching project file error. */
static gboolean
load_sqlite_error (LoadContext *ctx, int rc, const char *what, GError **error)
{
  const char *message = ctx->db != NULL ? sqlite3_errmsg (ctx->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_NOT_SQLITE,
                   _("“%s” is not a GeoPackage or SQLite file"), ctx->name);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_IOERR:
    case SQLITE_FORMAT:
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), ctx->name, message);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_LOCKED,
                   _("“%s” cannot be read now: another program is writing it (it is locked)"),
                   ctx->name);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_NOT_FOUND,
                   _("“%s” cannot be opened: %s"), ctx->name, message);
      break;
    default:
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID,
                   _("“%s” is not a valid Wijkmix project (%s): %s"), ctx->name, what, message);
      break;
    }
  return FALSE;
}

static gboolean G_GNUC_PRINTF (5, 6)
invalid_row (LoadContext *ctx, const char *table, sqlite3_int64 fid, GError **error,
             const char *format, ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID,
               _("“%s” is not a valid Wijkmix project: table “%s”, row %lld: %s"), ctx->name,
               table, (long long) fid, problem);
  return FALSE;
}

static sqlite3_stmt *
load_prepare (LoadContext *ctx, const char *table, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (ctx->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      load_sqlite_error (ctx, rc, table, error);
      return NULL;
    }
  return stmt;
}

/* Text columns: NULL stays NULL. */
static const char *
column_text (sqlite3_stmt *stmt, int column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Reads the geometry in @column; NULL without error only when the cell is NULL and @nullable. */
static WmGeometry *
read_geometry (LoadContext *ctx, sqlite3_stmt *stmt, int column, const char *table,
               sqlite3_int64 fid, gboolean nullable, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  WmGeometry *geometry;
  int srs_id = 0;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      if (!nullable)
        invalid_row (ctx, table, fid, error, _("the geometry is missing"));
      return NULL;
    }
  if (sqlite3_column_type (stmt, column) != SQLITE_BLOB)
    {
      invalid_row (ctx, table, fid, error, _("the geometry is not a GeoPackage geometry"));
      return NULL;
    }

  geometry = wm_gpkg_geometry_from_blob (sqlite3_column_blob (stmt, column),
                                         sqlite3_column_bytes (stmt, column), &srs_id,
                                         &local_error);
  if (geometry == NULL)
    {
      invalid_row (ctx, table, fid, error, _("bad geometry: %s"), local_error->message);
      return NULL;
    }
  if (srs_id != ctx->srs_id)
    {
      wm_geometry_unref (geometry);
      invalid_row (ctx, table, fid, error,
                   _("the geometry is in spatial reference system %d instead of %d (RD New)"),
                   srs_id, ctx->srs_id);
      return NULL;
    }
  return geometry;
}

static gboolean
is_polygonal (const WmGeometry *geometry)
{
  return geometry->kind == WM_GEOMETRY_POLYGON || geometry->kind == WM_GEOMETRY_MULTIPOLYGON;
}

/* Reads WM_N_SEGMENTS integer columns from @first; NULL counts as 0. */
static void
read_mix (sqlite3_stmt *stmt, int first, WmDwellingMix *mix)
{
  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    mix->counts[s] = sqlite3_column_int (stmt, first + s);
}

/* Column lists of the segment columns, and a check that a table has no columns for
 * segments this version does not know. */
static char *
segment_columns (const char *prefix)
{
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint s = 0; s < WM_N_SEGMENTS; s++)
    g_string_append_printf (names, ", \"%s%s\"", prefix, wm_segment_key (s));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
check_segment_columns (LoadContext *ctx, const char *table, const char *prefix, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(\"%s\")", table);
  g_autoptr (sqlite3_stmt) stmt = load_prepare (ctx, table, sql, error);
  gsize prefix_len = strlen (prefix);
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *column = column_text (stmt, 1);
      WmSegment segment;

      if (column != NULL && g_str_has_prefix (column, prefix) &&
          !wm_segment_from_key (column + prefix_len, &segment))
        {
          g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID,
                       _("“%s” is not a valid Wijkmix project: table “%s” has a column for an "
                         "unknown housing segment “%s”"),
                       ctx->name, table, column + prefix_len);
          ok = FALSE;
        }
    }
  if (ok && rc != SQLITE_DONE)
    ok = load_sqlite_error (ctx, rc, table, error);
  return ok;
}

static gboolean
load_meta (LoadContext *ctx, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = load_prepare (ctx, "wijkmix_meta",
                                               "SELECT fid, key, value FROM wijkmix_meta"
                                               " ORDER BY fid",
                                               error);
  g_autoptr (GStrvBuilder) targets = g_strv_builder_new ();
  g_auto (GStrv) target_rows = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = column_text (stmt, 1);
      const char *value = column_text (stmt, 2);

      if (key != NULL)
        record_row (ctx, GROUP_META, T_META, key, sqlite3_column_int64 (stmt, 0), stmt, 1, 2);

      /* Setters only for stored values, so NULL stays the model's NULL. */
      if (value == NULL || key == NULL)
        continue;
      if (g_str_equal (key, "name"))
        wm_plan_set_name (ctx->plan, value);
      else if (g_str_equal (key, "description"))
        wm_plan_set_description (ctx->plan, value);
      else if (g_str_equal (key, "attribution"))
        wm_plan_set_attribution (ctx->plan, value);
      else if (g_str_equal (key, "illustrative"))
        wm_plan_set_illustrative (ctx->plan, g_str_equal (value, "1"));
      else if (g_str_has_prefix (key, "target."))
        {
          g_strv_builder_add (targets, key);
          g_strv_builder_add (targets, value);
        }
    }
  if (rc != SQLITE_DONE)
    return load_sqlite_error (ctx, rc, "wijkmix_meta", error);
  /* All at once: the rows together say whether the file has bands or older minimums. */
  target_rows = g_strv_builder_end (targets);
  wm_targets_load_meta (wm_targets_get_for_plan (ctx->plan), (const char *const *) target_rows);
  return TRUE;
}

/* TRUE when @table has @column (files of older formats lack some). */
static gboolean
has_column (LoadContext *ctx, const char *table, const char *column)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(\"%s\")", table);
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (ctx->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (g_strcmp0 (column_text (stmt, 1), column) == 0)
      return TRUE;
  return FALSE;
}

/* A polygon stored as a multipolygon of one part in a layer of both (see layer_geometry), back
 * as the polygon it was: the part's WKB follows the multipolygon's 9-byte header. */
static WmGeometry *
unpromote (WmGeometry *geometry, gboolean promoted)
{
  g_autoptr (GBytes) wkb = NULL;
  const guint8 *data;
  gsize len;
  WmGeometry *polygon;

  if (!promoted || geometry->kind != WM_GEOMETRY_MULTIPOLYGON || geometry->n_polygons != 1)
    return geometry;
  wkb = wm_geometry_to_wkb (geometry);
  data = g_bytes_get_data (wkb, &len);
  polygon = len > 9 ? wm_geometry_from_wkb (data + 9, len - 9, NULL, NULL) : NULL;
  if (polygon == NULL)
    return geometry;
  wm_geometry_unref (geometry);
  return polygon;
}

/* NULL (and anything but a finite number) is "not available". */
static double
column_figure (sqlite3_stmt *stmt, int column)
{
  double value;

  if (sqlite3_column_type (stmt, column) != SQLITE_FLOAT &&
      sqlite3_column_type (stmt, column) != SQLITE_INTEGER)
    return NAN;
  value = sqlite3_column_double (stmt, column);
  return isfinite (value) ? value : NAN;
}

static gboolean
load_areas (LoadContext *ctx, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT fid, geom, area_id, name, %s, has_figures,"
                                          " figures_year, pct_corporation_rent, pct_other_rent,"
                                          " pct_owner, dwellings, mean_woz, inhabitants"
                                          " FROM areas ORDER BY fid",
                                          has_column (ctx, "areas", "polygon") ? "polygon"
                                                                               : "NULL");
  g_autoptr (sqlite3_stmt) stmt = load_prepare (ctx, "areas", sql, error);
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_int64 fid = sqlite3_column_int64 (stmt, 0);
      g_autoptr (WmGeometry) boundary = NULL;
      g_autoptr (WmArea) area = NULL;
      const char *id = column_text (stmt, 2);

      boundary = read_geometry (ctx, stmt, 1, "areas", fid, FALSE, error);
      if (boundary != NULL)
        boundary = unpromote (boundary, sqlite3_column_int (stmt, 4) == 1);
      if (boundary == NULL)
        ok = FALSE;
      else if (!is_polygonal (boundary))
        ok = invalid_row (ctx, "areas", fid, error, _("the boundary is not a polygon"));
      else if (id == NULL)
        ok = invalid_row (ctx, "areas", fid, error, _("the area has no id"));
      else
        {
          area = wm_area_new (id, column_text (stmt, 3), boundary);
          if (sqlite3_column_int (stmt, 5) == 1)
            {
              WmAreaFigures figures;

              figures.year = sqlite3_column_int (stmt, 6);
              figures.pct_corporation_rent = column_figure (stmt, 7);
              figures.pct_other_rent = column_figure (stmt, 8);
              figures.pct_owner = column_figure (stmt, 9);
              figures.dwellings = column_figure (stmt, 10);
              figures.mean_woz = column_figure (stmt, 11);
              figures.inhabitants = column_figure (stmt, 12);
              wm_area_set_figures (area, &figures);
            }
          g_ptr_array_add (ctx->areas, g_steal_pointer (&area));
        }
    }
  if (ok && rc != SQLITE_DONE)
    ok = load_sqlite_error (ctx, rc, "areas", error);
  return ok;
}

static gboolean
load_buildings (LoadContext *ctx, GError **error)
{
  g_autofree char *segments = segment_columns ("dwellings_");
  g_autofree char *sql = g_strdup_printf ("SELECT fid, geom, building_id, area_id, year, storeys,"
                                          " use, tenure%s FROM buildings ORDER BY fid",
                                          segments);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (!check_segment_columns (ctx, "buildings", "dwellings_", error))
    return FALSE;
  stmt = load_prepare (ctx, "buildings", sql, error);
  if (stmt == NULL)
    return FALSE;

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_int64 fid = sqlite3_column_int64 (stmt, 0);
      g_autoptr (WmGeometry) footprint = NULL;
      g_autoptr (WmBuilding) building = NULL;
      const char *id = column_text (stmt, 2);
      const char *tenure_key = column_text (stmt, 7);
      WmTenureSource tenure;
      WmDwellingMix mix;

      read_mix (stmt, 8, &mix);
      footprint = read_geometry (ctx, stmt, 1, "buildings", fid, FALSE, error);
      if (footprint == NULL)
        {
          ok = FALSE;
          break;
        }
      if (!is_polygonal (footprint))
        {
          ok = invalid_row (ctx, "buildings", fid, error, _("the footprint is not a polygon"));
          break;
        }
      if (id == NULL)
        {
          ok = invalid_row (ctx, "buildings", fid, error, _("the building has no id"));
          break;
        }
      for (guint s = 0; ok && s < WM_N_SEGMENTS; s++)
        if (mix.counts[s] < 0)
          ok = invalid_row (ctx, "buildings", fid, error,
                            _("negative number of dwellings (%d) in segment “%s”"),
                            mix.counts[s], wm_segment_key (s));
      if (!ok)
        break;
      /* NULL: a row added elsewhere (QGIS writes NULL, not the column's default). */
      if (tenure_key == NULL)
        tenure = WM_TENURE_STATED;
      else if (!wm_tenure_source_from_key (tenure_key, &tenure))
        {
          ok = invalid_row (ctx, "buildings", fid, error, _("unknown tenure source “%s”"),
                            tenure_key);
          break;
        }

      /* No area id from the file: load_baseline sets it from the centroid anyway. */
      building = wm_building_new (id, footprint);
      wm_building_set_year (building, sqlite3_column_int (stmt, 4));
      wm_building_set_storeys (building, sqlite3_column_int (stmt, 5));
      if (column_text (stmt, 6) != NULL)
        wm_building_set_use (building, column_text (stmt, 6));
      wm_building_set_dwellings (building, &mix);
      wm_building_set_tenure_source (building, tenure);
      /* load_baseline sets the area from the centroid, whatever the file says. */
      g_ptr_array_add (ctx->buildings, g_steal_pointer (&building));
    }
  if (ok && rc != SQLITE_DONE)
    ok = load_sqlite_error (ctx, rc, "buildings", error);
  return ok;
}

static gboolean
load_facilities (LoadContext *ctx, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = load_prepare (ctx, "facilities",
                                               "SELECT fid, geom, facility_id, type, name"
                                               " FROM facilities ORDER BY fid",
                                               error);
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_int64 fid = sqlite3_column_int64 (stmt, 0);
      g_autoptr (WmGeometry) point = NULL;
      g_autoptr (WmFacility) facility = NULL;
      const char *id = column_text (stmt, 2);
      const char *type_key = column_text (stmt, 3);
      WmFacilityType type;

      point = read_geometry (ctx, stmt, 1, "facilities", fid, FALSE, error);
      if (point == NULL)
        ok = FALSE;
      else if (point->kind != WM_GEOMETRY_POINT)
        ok = invalid_row (ctx, "facilities", fid, error, _("the location is not a point"));
      else if (id == NULL)
        ok = invalid_row (ctx, "facilities", fid, error, _("the facility has no id"));
      else if (!wm_facility_type_from_key (type_key, &type))
        ok = invalid_row (ctx, "facilities", fid, error, _("unknown facility type “%s”"),
                          type_key != NULL ? type_key : "");
      else
        {
          facility = wm_facility_new (id, type, column_text (stmt, 4), point->points[0].x,
                                      point->points[0].y);
          g_ptr_array_add (ctx->facilities, g_steal_pointer (&facility));
        }
    }
  if (ok && rc != SQLITE_DONE)
    ok = load_sqlite_error (ctx, rc, "facilities", error);
  return ok;
}

static gboolean
load_basemap (LoadContext *ctx, GError **error)
{
  for (guint k = 0; k < WM_N_BASEMAP_CLASSES; k++)
    {
      g_autofree char *table = g_strconcat (BASEMAP_PREFIX, wm_basemap_class_key (k), NULL);
      gboolean label = k == WM_BASEMAP_LABEL;
      g_autofree char *sql = NULL;
      g_autoptr (sqlite3_stmt) stmt = NULL;
      gboolean ok = TRUE;
      int rc;

      /* Files written before context buildings were a class have no such layer. */
      if (k == WM_BASEMAP_BUILDING && !table_exists (ctx->db, table, NULL))
        continue;
      if (label)
        sql = g_strdup_printf ("SELECT fid, geom, kind, text, angle FROM \"%s\" ORDER BY fid",
                               table);
      else
        sql = g_strdup_printf ("SELECT fid, geom, kind, %s FROM \"%s\" ORDER BY fid",
                               has_column (ctx, table, "polygon") ? "polygon" : "NULL", table);
      stmt = load_prepare (ctx, table, sql, error);
      if (stmt == NULL)
        return FALSE;

      while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          sqlite3_int64 fid = sqlite3_column_int64 (stmt, 0);
          g_autoptr (WmGeometry) geometry = NULL;
          g_autoptr (WmBasemapFeature) feature = NULL;

          geometry = read_geometry (ctx, stmt, 1, table, fid, FALSE, error);
          if (geometry != NULL && !label)
            geometry = unpromote (geometry, sqlite3_column_int (stmt, 3) == 1);
          if (geometry == NULL)
            ok = FALSE;
          else if (label && geometry->kind != WM_GEOMETRY_POINT)
            ok = invalid_row (ctx, table, fid, error, _("a label must be a point"));
          else
            {
              feature = wm_basemap_feature_new (k, column_text (stmt, 2),
                                                label ? column_text (stmt, 3) : NULL,
                                                label ? sqlite3_column_double (stmt, 4) : 0.0,
                                                geometry);
              g_ptr_array_add (ctx->basemap, g_steal_pointer (&feature));
            }
        }
      if (ok && rc != SQLITE_DONE)
        ok = load_sqlite_error (ctx, rc, table, error);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_addresses (LoadContext *ctx, GError **error)
{
  g_autoptr (WmAddressBookBuilder) builder = wm_address_book_builder_new ();
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  /* Saved in key order, so in fid order they need no sort (the builder checks, and sorts
   * rows another program added); reading by fid is sequential, by the key index it is not. */
  stmt = load_prepare (ctx, ADDRESSES_TABLE, "SELECT fid, key, building_id FROM \""
                       ADDRESSES_TABLE "\" ORDER BY fid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = column_text (stmt, 1);
      const char *building_id = column_text (stmt, 2);

      if (key == NULL || building_id == NULL)
        return invalid_row (ctx, ADDRESSES_TABLE, sqlite3_column_int64 (stmt, 0), error,
                            _("an address without key or building"));
      wm_address_book_builder_add (builder, key, building_id);
    }
  if (rc != SQLITE_DONE)
    return load_sqlite_error (ctx, rc, ADDRESSES_TABLE, error);
  ctx->addresses = wm_address_book_builder_end (g_steal_pointer (&builder));
  return TRUE;
}

/* Areas of buildings by their centroids (through an index over the areas), then the whole
 * baseline into the plan at once. */
static gboolean
load_baseline (LoadContext *ctx, GError **error)
{
  g_autoptr (WmPlanBaseline) baseline = NULL;

  wm_plan_baseline_assign_area_ids (ctx->areas, ctx->buildings);
  baseline = wm_plan_baseline_new_from_arrays (ctx->areas, ctx->buildings, ctx->facilities,
                                               ctx->basemap, ctx->addresses);
  wm_plan_set_baseline (ctx->plan, baseline);
  return TRUE;
}

static GStrv
building_ids_from_json (const char *json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;
  JsonArray *array;

  /* A row written by another program can nest without end or hide a \u0000 in an id. */
  if (!wm_json_guard_load (parser, json, -1, "building_ids", error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("not a JSON array"));
      return NULL;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                               _("not an array of strings"));
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}

/* A proposal read from one of the proposal tables, before it is sorted into its scenario. */
typedef struct
{
  WmProposal *proposal;
  WmScenario *scenario;
  guint scenario_index;
  gint64 position;
  RowTable table;
  gint64 fid;
  char *key;
  guint8 digest[DIGEST_LEN];
} LoadedProposal;

static void
loaded_proposal_free (LoadedProposal *loaded)
{
  g_clear_object (&loaded->proposal);
  g_free (loaded->key);
  g_free (loaded);
}

/* Plan order: scenario, stored position (rows without one, e.g. added in QGIS, last), table,
 * fid. */
static int
loaded_proposal_compare (gconstpointer a, gconstpointer b)
{
  const LoadedProposal *x = *(LoadedProposal **) a;
  const LoadedProposal *y = *(LoadedProposal **) b;

  if (x->scenario_index != y->scenario_index)
    return x->scenario_index < y->scenario_index ? -1 : 1;
  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  if (x->table != y->table)
    return x->table < y->table ? -1 : 1;
  return x->fid < y->fid ? -1 : x->fid > y->fid;
}

/* Columns: fid, geom, proposal_id, scenario_id, position, kind, name, year, note, building_ids,
 * facility_type, facility_id, dwelling_type, delta_<segment>..., return_share, start_year */
static gboolean
load_proposal_row (LoadContext *ctx, sqlite3_stmt *stmt, RowTable table, GPtrArray *loaded,
                   GError **error)
{
  const char *layer = row_tables[table].name;
  sqlite3_int64 fid = sqlite3_column_int64 (stmt, 0);
  const char *id = column_text (stmt, 2);
  const char *scenario_id = column_text (stmt, 3);
  const char *kind_key = column_text (stmt, 5);
  const char *ids_json = column_text (stmt, 9);
  const char *facility_key = column_text (stmt, 10);
  const char *dwelling_type_key = column_text (stmt, 12);
  LoadedProposal *item;
  guint scenario_index = 0;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (WmGeometry) geometry = NULL;
  g_autoptr (WmProposal) proposal = NULL;
  g_auto (GStrv) building_ids = NULL;
  WmScenario *scenario = NULL;
  GListModel *scenarios = wm_plan_get_scenarios (ctx->plan);
  WmFacilityType facility_type = 0;
  WmDwellingType dwelling_type = WM_DWELLING_TYPE_UNSPECIFIED;
  WmProposalKind kind;
  WmDwellingMix delta;
  int share_column = 13 + WM_N_SEGMENTS;
  int start_column = share_column + 1;
  double return_share = WM_PROPOSAL_DEFAULT_RETURN_SHARE;
  gint64 start_year = 0;

  if (id == NULL)
    return invalid_row (ctx, layer, fid, error, _("the proposal has no id"));
  /* NULL (a GIS cleared it) reads as the default. */
  if (sqlite3_column_type (stmt, share_column) == SQLITE_FLOAT ||
      sqlite3_column_type (stmt, share_column) == SQLITE_INTEGER)
    return_share = sqlite3_column_double (stmt, share_column);
  else if (sqlite3_column_type (stmt, share_column) != SQLITE_NULL)
    return_share = NAN;
  if (!(return_share >= 0.0 && return_share <= 1.0))
    return invalid_row (ctx, layer, fid, error,
                        _("the return share must be a number from 0 to 1, not “%s”"),
                        column_text (stmt, share_column));
  /* NULL (not set, or a GIS cleared it) reads as 0; a year must be a whole number. */
  if (sqlite3_column_type (stmt, start_column) == SQLITE_INTEGER)
    start_year = sqlite3_column_int64 (stmt, start_column);
  else if (sqlite3_column_type (stmt, start_column) != SQLITE_NULL)
    start_year = -1;
  if (start_year != 0 && (start_year < WM_PROPOSAL_MIN_YEAR || start_year > WM_PROPOSAL_MAX_YEAR))
    return invalid_row (ctx, layer, fid, error,
                        _("the start year must be a year from %d to %d, not “%s”"),
                        WM_PROPOSAL_MIN_YEAR, WM_PROPOSAL_MAX_YEAR,
                        column_text (stmt, start_column));
  if (!wm_proposal_kind_from_key (kind_key, &kind))
    return invalid_row (ctx, layer, fid, error, _("unknown proposal kind “%s”"),
                        kind_key != NULL ? kind_key : "");
  if (facility_key != NULL && !wm_facility_type_from_key (facility_key, &facility_type))
    return invalid_row (ctx, layer, fid, error, _("unknown facility type “%s”"),
                        facility_key);
  if (!wm_dwelling_type_from_key (dwelling_type_key, &dwelling_type))
    return invalid_row (ctx, layer, fid, error, _("unknown dwelling type “%s”"),
                        dwelling_type_key);

  /* By id, not wm_plan_find_scenario(), which would also match names. */
  for (guint i = 0; scenario_id != NULL && i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr (WmScenario) candidate = g_list_model_get_item (scenarios, i);

      if (scenario == NULL && g_strcmp0 (wm_scenario_get_id (candidate), scenario_id) == 0)
        {
          scenario = candidate;
          scenario_index = i;
        }
    }
  if (scenario == NULL)
    return invalid_row (ctx, layer, fid, error, _("unknown scenario “%s”"),
                        scenario_id != NULL ? scenario_id : "");

  if (ids_json != NULL)
    {
      building_ids = building_ids_from_json (ids_json, &local_error);
      if (building_ids == NULL)
        return invalid_row (ctx, layer, fid, error, _("bad building_ids: %s"),
                            local_error->message);
    }

  geometry = read_geometry (ctx, stmt, 1, layer, fid, TRUE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  proposal = wm_proposal_new (id, kind);
  if (geometry != NULL)
    wm_proposal_set_geometry (proposal, geometry);
  if (building_ids != NULL && building_ids[0] != NULL)
    wm_proposal_set_building_ids (proposal, (const char *const *) building_ids);
  read_mix (stmt, 13, &delta);
  wm_proposal_set_dwelling_delta (proposal, &delta);
  if (facility_key != NULL)
    wm_proposal_set_facility_type (proposal, facility_type);
  if (column_text (stmt, 11) != NULL)
    wm_proposal_set_facility_id (proposal, column_text (stmt, 11));
  if (column_text (stmt, 6) != NULL)
    wm_proposal_set_name (proposal, column_text (stmt, 6));
  wm_proposal_set_year (proposal, sqlite3_column_int (stmt, 7));
  wm_proposal_set_start_year (proposal, (int) start_year);
  if (column_text (stmt, 8) != NULL)
    wm_proposal_set_note (proposal, column_text (stmt, 8));
  wm_proposal_set_dwelling_type (proposal, dwelling_type);
  wm_proposal_set_return_share (proposal, return_share);

  item = g_new0 (LoadedProposal, 1);
  item->proposal = g_steal_pointer (&proposal);
  item->scenario = scenario;
  item->scenario_index = scenario_index;
  item->position = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? G_MAXINT64
                                                                : sqlite3_column_int64 (stmt, 4);
  item->table = table;
  item->fid = fid;
  item->key = proposal_key (scenario_id, id);
  digest_stmt (stmt, 1, row_table_columns (table, NULL, NULL), item->digest);
  g_ptr_array_add (loaded, item);
  return TRUE;
}

static gboolean
load_scenarios (LoadContext *ctx, GError **error)
{
  g_autofree char *segments = segment_columns ("delta_");
  g_autofree char *sql = NULL;
  GListModel *scenarios = wm_plan_get_scenarios (ctx->plan);
  g_autoptr (WmScenario) placeholder = g_list_model_get_item (scenarios, 0);
  g_autoptr (WmScenario) active = NULL;
  g_autoptr (GPtrArray) loaded = NULL;
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean ok = TRUE;
  guint n_loaded = 0;
  int rc;

  stmt = load_prepare (ctx, "wijkmix_scenarios",
                       "SELECT fid, scenario_id, name, position, active FROM wijkmix_scenarios"
                       " ORDER BY position, fid",
                       error);
  if (stmt == NULL)
    return FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = column_text (stmt, 1);
      g_autoptr (WmScenario) scenario = NULL;

      if (id == NULL)
        {
          ok = invalid_row (ctx, "wijkmix_scenarios", sqlite3_column_int64 (stmt, 0), error,
                            _("the scenario has no id"));
          break;
        }
      record_row (ctx, GROUP_SCENARIOS, T_SCENARIOS, id, sqlite3_column_int64 (stmt, 0), stmt,
                  1, 4);
      scenario = wm_scenario_new (id, column_text (stmt, 2));
      wm_plan_add_scenario (ctx->plan, scenario);
      if (sqlite3_column_int (stmt, 4) != 0 && active == NULL)
        active = g_object_ref (scenario);
      n_loaded++;
    }
  if (ok && rc != SQLITE_DONE)
    ok = load_sqlite_error (ctx, rc, "wijkmix_scenarios", error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!ok)
    return FALSE;

  if (n_loaded == 0)
    {
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID,
                   _("“%s” is not a valid Wijkmix project: it has no scenarios"), ctx->name);
      return FALSE;
    }

  /* wm_plan_new() starts with a scenario of its own; swap it for the saved ones. */
  if (active == NULL)
    active = g_list_model_get_item (scenarios, 1);
  wm_plan_set_active_scenario (ctx->plan, active);
  wm_plan_remove_scenario (ctx->plan, placeholder);

  /* Proposals are only read now so that a row naming the placeholder's id still fails. */
  loaded = g_ptr_array_new_with_free_func ((GDestroyNotify) loaded_proposal_free);
  for (RowTable t = T_PROPOSALS_POINT; ok && t <= T_PROPOSALS_NONE; t++)
    {
      const char *layer = row_tables[t].name;

      /* A layer someone deleted in a GIS has no proposals. */
      if (!table_exists (ctx->db, layer, &rc))
        {
          if (rc != SQLITE_OK)
            ok = load_sqlite_error (ctx, rc, layer, error);
          continue;
        }
      if (!check_segment_columns (ctx, layer, "delta_", error))
        return FALSE;
      g_free (sql);
      sql = g_strdup_printf ("SELECT fid, %s, proposal_id, scenario_id, position, kind, name, year,"
                             " note, building_ids, facility_type, facility_id, dwelling_type%s,"
                             " return_share, start_year FROM \"%s\" ORDER BY fid",
                             row_tables[t].geometry_type != NULL ? "geom" : "NULL", segments,
                             layer);
      stmt = load_prepare (ctx, layer, sql, error);
      if (stmt == NULL)
        return FALSE;
      while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ok = load_proposal_row (ctx, stmt, t, loaded, error);
      if (ok && rc != SQLITE_DONE)
        ok = load_sqlite_error (ctx, rc, layer, error);
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  if (!ok)
    return FALSE;

  g_ptr_array_sort (loaded, loaded_proposal_compare);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < loaded->len; i++)
    {
      LoadedProposal *item = loaded->pdata[i];
      RowState *state = g_new0 (RowState, 1);

      item->key = unique_key (seen, item->key);
      state->table = item->table;
      state->fid = item->fid;
      memcpy (state->digest, item->digest, DIGEST_LEN);
      g_hash_table_replace (ctx->state[GROUP_PROPOSALS], g_strdup (item->key), state);
      wm_scenario_add_proposal (item->scenario, item->proposal);
    }
  return TRUE;
}

/* Checks the first bytes before SQLite sees the file: SQLite happily treats an empty file as
 * an empty database, and a cut-off file often passes until a missing page is read. */
static gboolean
check_header (const char *path, const char *name, GError **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  GStatBuf journal_st;
  gboolean hot_journal = g_stat (journal, &journal_st) == 0 && journal_st.st_size > 0;
  guint8 header[100];
  GStatBuf st;
  gssize got = 0;
  int saved_errno;
  int fd;

  if (g_stat (path, &st) != 0)
    {
      saved_errno = errno;
      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_NOT_FOUND,
                     _("“%s” does not exist"), name);
      else
        g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_NOT_FOUND,
                     _("“%s” cannot be opened: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_NOT_SQLITE,
                   _("“%s” is not a GeoPackage or SQLite file"), name);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_NOT_SQLITE,
                   _("“%s” is empty; it is not a GeoPackage or SQLite file"), name);
      return FALSE;
    }

  fd = g_open (path, O_RDONLY, 0);
  if (fd >= 0)
    {
      got = read (fd, header, sizeof header);
      close (fd);
    }
  if (fd < 0 || got < 0)
    {
      saved_errno = errno;
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_NOT_FOUND,
                   _("“%s” cannot be read: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  if (got < (gssize) sizeof magic || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_NOT_SQLITE,
                   _("“%s” is not a GeoPackage or SQLite file"), name);
      return FALSE;
    }
  if (got < (gssize) sizeof header)
    {
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_CORRUPT,
                   _("“%s” is damaged: the file is truncated"), name);
      return FALSE;
    }

  {
    /* Page size at 16 (1 means 65536), change counter at 24, page count at 28 (valid when
     * the counter equals the "version-valid-for" number at 92); all big endian. */
    guint32 page_size = (header[16] << 8) | header[17];
    guint32 counter = read_be32 (header + 24);
    guint32 n_pages = read_be32 (header + 28);
    guint32 valid_for = read_be32 (header + 92);

    if (page_size == 1)
      page_size = 65536;
    if (page_size < 512 || (page_size & (page_size - 1)) != 0)
      {
        g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_CORRUPT,
                     _("“%s” is damaged: invalid page size %u"), name, page_size);
        return FALSE;
      }
    /* A killed save's hot journal restores the file when SQLite opens it. */
    if (hot_journal)
      return TRUE;
    if (st.st_size % page_size != 0 ||
        (counter == valid_for && n_pages > 0 && (guint64) n_pages * page_size > (guint64) st.st_size))
      {
        g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_CORRUPT,
                     _("“%s” is damaged: the file is truncated"), name);
        return FALSE;
      }
  }

  return TRUE;
}

/* Runs a query returning one integer; @out_value is untouched when there is no row. */
static int
query_int (sqlite3 *db, const char *sql, int *out_value)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        *out_value = sqlite3_column_int (stmt, 0);
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  return rc;
}

static gboolean
check_integrity (LoadContext *ctx, GError **error)
{
  g_autofree char *problem = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (ctx->db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *result = column_text (stmt, 0);

          if (g_strcmp0 (result, "ok") != 0)
            problem = g_strdup (result != NULL ? result : "?");
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    return load_sqlite_error (ctx, rc, "PRAGMA quick_check", error);
  if (problem != NULL)
    {
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), ctx->name, problem);
      return FALSE;
    }
  return TRUE;
}

/* Reads the schema version, telling apart other SQLite files and newer projects. */
static gboolean
check_project (LoadContext *ctx, int *out_version, GError **error)
{
  int version = -1;
  int application_id = 0;
  int rc;

  if (!table_exists (ctx->db, "wijkmix_schema", &rc))
    {
      if (rc != SQLITE_OK)
        return load_sqlite_error (ctx, rc, "sqlite_master", error);
      rc = query_int (ctx->db, "PRAGMA application_id", &application_id);
      if (rc != SQLITE_OK)
        return load_sqlite_error (ctx, rc, "application_id", error);
      if (application_id == 0x47504B47 || table_exists (ctx->db, "gpkg_contents", &rc))
        g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_NOT_PROJECT,
                     _("“%s” is a GeoPackage but not a Wijkmix project"), ctx->name);
      else
        g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_NOT_PROJECT,
                     _("“%s” is an SQLite database but not a Wijkmix project"), ctx->name);
      return FALSE;
    }

  rc = query_int (ctx->db, "SELECT max(version) FROM wijkmix_schema", &version);
  if (rc != SQLITE_OK)
    return load_sqlite_error (ctx, rc, "wijkmix_schema", error);
  if (version > WM_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_NEWER_VERSION,
                   _("“%s” was made by a newer version of Wijkmix (project format %d; this "
                     "version reads up to format %d)"),
                   ctx->name, version, WM_PROJECT_SCHEMA_VERSION);
      return FALSE;
    }
  if (version < 1)
    {
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID,
                   _("“%s” is not a valid Wijkmix project: it has no valid format version"),
                   ctx->name);
      return FALSE;
    }

  *out_version = version;
  return TRUE;
}

/* Replaces ctx->db by an in-memory copy brought up to the current schema. */
static gboolean
migrate (LoadContext *ctx, int version, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  sqlite3 *memory = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &memory, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (memory, "main", ctx->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (memory);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          sqlite3_backup_finish (backup);
        }
    }
  if (rc != SQLITE_OK)
    {
      load_sqlite_error (ctx, rc, "migration", error);
      sqlite3_close (memory);
      return FALSE;
    }

  for (int v = version; v < WM_PROJECT_SCHEMA_VERSION; v++)
    {
      WmMigrationFunc func = find_migration (v);
      g_autofree char *sql = NULL;

      if (func == NULL)
        {
          g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID,
                       _("“%s” uses project format %d, which this version cannot convert"),
                       ctx->name, v);
          sqlite3_close (memory);
          return FALSE;
        }
      sql = g_strdup_printf ("UPDATE wijkmix_schema SET version = %d", v + 1);
      if (!func (memory, &local_error) ||
          sqlite3_exec (memory, sql, NULL, NULL, NULL) != SQLITE_OK)
        {
          g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID,
                       _("“%s” could not be converted from project format %d: %s"), ctx->name,
                       v, local_error != NULL ? local_error->message : sqlite3_errmsg (memory));
          sqlite3_close (memory);
          return FALSE;
        }
    }

  sqlite3_close (ctx->db);
  ctx->db = memory;
  return TRUE;
}

/* Files written before the checklist existed have no wijkmix_checklist table. */
static gboolean
load_checklist (LoadContext *ctx, GError **error)
{
  WmChecklistState *state = wm_checklist_state_get_for_plan (ctx->plan);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  stmt = load_prepare (ctx, "wijkmix_meta",
                       "SELECT value FROM wijkmix_meta WHERE key = 'roadmap_catalogue'", error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (GError) local_error = NULL;
      const char *catalogue = column_text (stmt, 0);

      /* It is parsed only when the checklist is shown; refuse now what would crash it then. */
      if (catalogue != NULL &&
          !wm_json_guard_check (catalogue, sqlite3_column_bytes (stmt, 0),
                                "wijkmix_meta.roadmap_catalogue", &local_error))
        {
          sqlite3_finalize (stmt);
          g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_INVALID,
                       _("“%s” is not a valid Wijkmix project: %s"), ctx->name,
                       local_error->message);
          return FALSE;
        }
      wm_checklist_state_set_catalogue_json (state, catalogue);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return load_sqlite_error (ctx, rc, "wijkmix_meta", error);

  if (!table_exists (ctx->db, "wijkmix_checklist", &rc))
    return rc == SQLITE_OK || load_sqlite_error (ctx, rc, "wijkmix_checklist", error);
  stmt = load_prepare (ctx, "wijkmix_checklist",
                       "SELECT fid, scenario_id, item_id, status, reason, owner, note, target_year"
                       " FROM wijkmix_checklist ORDER BY fid",
                       error);
  if (stmt == NULL)
    return FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WmChecklistEntry entry = { WM_CHECKLIST_STATUS_OPEN, NULL, NULL, NULL, 0 };
      const char *scenario_id = column_text (stmt, 1);
      const char *item_id = column_text (stmt, 2);
      g_autofree char *key = NULL;

      if (scenario_id == NULL || item_id == NULL ||
          !wm_checklist_status_from_key (column_text (stmt, 3), &entry.status))
        {
          ok = invalid_row (ctx, "wijkmix_checklist", sqlite3_column_int64 (stmt, 0), error,
                            _("the checklist entry has no scenario, item or valid status"));
          break;
        }
      key = g_strconcat (scenario_id, "\x1f", item_id, NULL);
      record_row (ctx, GROUP_CHECKLIST, T_CHECKLIST, key, sqlite3_column_int64 (stmt, 0), stmt,
                  1, 7);
      entry.reason = (char *) column_text (stmt, 4);
      entry.owner = (char *) column_text (stmt, 5);
      entry.note = (char *) column_text (stmt, 6);
      entry.target_year = sqlite3_column_int (stmt, 7);
      wm_checklist_state_set (state, scenario_id, item_id, &entry);
    }
  if (ok && rc != SQLITE_DONE)
    ok = load_sqlite_error (ctx, rc, "wijkmix_checklist", error);
  sqlite3_finalize (stmt);
  return ok;
}

/* Reads @path in one read transaction, so what is read and the change counter recorded with
 * it belong together. With @file, remembers what the file holds for its next write. */
static WmPlan *
load_file (const char *path, const char *name, WmProjectFile *file, GError **error)
{
  g_autoptr (WmPlan) plan = NULL;
  LoadContext ctx = { name, NULL, NULL, 0, { NULL } };
  guint32 counter = 0;
  GStatBuf st;
  gboolean ok;
  int version = 0;
  int rc;

  if (!check_header (path, name, error))
    return NULL;

  /* Read-write when allowed: only then can SQLite roll back what a killed save left in a hot
   * journal. Nothing is written. */
  rc = sqlite3_open_v2 (path, &ctx.db,
                        g_access (path, W_OK) == 0 ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY,
                        NULL);
  if (rc != SQLITE_OK)
    {
      load_sqlite_error (&ctx, rc, "open", error);
      sqlite3_close (ctx.db);
      return NULL;
    }
  sqlite3_extended_result_codes (ctx.db, FALSE);
  sqlite3_busy_timeout (ctx.db, BUSY_TIMEOUT_MS);
  /* QGIS leaves GeoPackages in WAL mode, where SQLite's change counter does not follow each
   * transaction; back in rollback mode (when nobody else has the file open) the counter read
   * below is the one the next write compares with. */
  if (file != NULL && g_access (path, W_OK) == 0)
    leave_wal (ctx.db);

  plan = wm_plan_new ();
  ctx.plan = plan;
  ctx.srs_id = wm_plan_get_srs_id (plan);
  for (guint g = 0; g < N_GROUPS; g++)
    ctx.state[g] = row_state_table_new ();
  ctx.areas = g_ptr_array_new_with_free_func (g_object_unref);
  ctx.buildings = g_ptr_array_new_with_free_func (g_object_unref);
  ctx.facilities = g_ptr_array_new_with_free_func (g_object_unref);
  ctx.basemap = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_basemap_feature_unref);

  rc = sqlite3_exec (ctx.db, "BEGIN", NULL, NULL, NULL);
  ok = (rc == SQLITE_OK || load_sqlite_error (&ctx, rc, "BEGIN", error)) &&
       check_integrity (&ctx, error) &&
       (read_change_counter (ctx.db, &counter) || load_sqlite_error (&ctx, SQLITE_IOERR,
                                                                     "header", error)) &&
       check_project (&ctx, &version, error) &&
       (version == WM_PROJECT_SCHEMA_VERSION || migrate (&ctx, version, error)) &&
       load_meta (&ctx, error) &&
       load_areas (&ctx, error) &&
       load_buildings (&ctx, error) &&
       load_facilities (&ctx, error) &&
       load_basemap (&ctx, error) &&
       load_addresses (&ctx, error) &&
       load_baseline (&ctx, error) &&
       load_scenarios (&ctx, error) &&
       load_checklist (&ctx, error);
  sqlite3_close (ctx.db);

  if (ok && file != NULL)
    {
      wm_project_file_forget (file);
      for (guint g = 0; g < N_GROUPS; g++)
        file->state[g] = g_steal_pointer (&ctx.state[g]);
      file->valid = g_stat (path, &st) == 0;
      file->dev = st.st_dev;
      file->ino = st.st_ino;
      file->counter = counter;
      /* An older format is written completely (with what others stored) the next time, or
       * brought up to date in the file itself where that only adds columns. */
      file->upgrade_from = version != WM_PROJECT_SCHEMA_VERSION && migration_in_place (version)
                             ? version : 0;
      file->needs_full = version != WM_PROJECT_SCHEMA_VERSION && file->upgrade_from == 0;
      /* Built here, in the reader's thread, so the first snapshot on the main thread finds it
       * ready; the plan is nobody else's yet. */
      file->baseline = wm_plan_baseline_ref (wm_plan_get_baseline (plan));
      /* Likewise the proposals' snapshot data (see proposal_data_get). */
      for (guint i = 0; i < g_list_model_get_n_items (wm_plan_get_scenarios (plan)); i++)
        {
          g_autoptr (WmScenario) scenario = g_list_model_get_item (wm_plan_get_scenarios (plan), i);
          GListModel *proposals = wm_scenario_get_proposals (scenario);

          for (guint j = 0; j < g_list_model_get_n_items (proposals); j++)
            {
              g_autoptr (WmProposal) proposal = g_list_model_get_item (proposals, j);

              proposal_data_unref (proposal_data_get (proposal));
            }
        }
    }
  for (guint g = 0; g < N_GROUPS; g++)
    g_clear_pointer (&ctx.state[g], g_hash_table_unref);
  g_clear_pointer (&ctx.areas, g_ptr_array_unref);
  g_clear_pointer (&ctx.buildings, g_ptr_array_unref);
  g_clear_pointer (&ctx.facilities, g_ptr_array_unref);
  g_clear_pointer (&ctx.basemap, g_ptr_array_unref);
  g_clear_pointer (&ctx.addresses, wm_address_book_unref);

  return ok ? g_steal_pointer (&plan) : NULL;
}

WmPlan *
wm_project_file_read (WmProjectFile *self, GError **error)
{
  g_autofree char *target = NULL;

  g_return_val_if_fail (WM_IS_PROJECT_FILE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  target = resolve_path (self->path);
  return load_file (target, target, self, error);
}

WmPlan *
wm_project_file_load (const char *path, GError **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The path as given, so a message says which file (a basename may be in many folders). */
  name = g_strdup (path);
  return load_file (path, name, NULL, error);
}

WmPlan *
wm_project_file_load_bytes (GBytes *bytes, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *temp_path = NULL;
  const guint8 *data;
  gsize len;
  WmPlan *plan;
  int fd;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* SQLite reads files, so the bytes go to a private temporary file for the duration. */
  fd = g_file_open_tmp ("wijkmix-XXXXXX.gpkg", &temp_path, &local_error);
  if (fd < 0)
    {
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE,
                   _("Could not write a temporary file: %s"), local_error->message);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &len);
  while (len > 0)
    {
      gssize written = write (fd, data, len);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          int saved_errno = errno;

          close (fd);
          g_unlink (temp_path);
          g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE,
                       _("Could not write a temporary file: %s"), g_strerror (saved_errno));
          return NULL;
        }
      data += written;
      len -= written;
    }
  close (fd);

  plan = load_file (temp_path, _("project data"), NULL, error);
  g_unlink (temp_path);
  return plan;
}
