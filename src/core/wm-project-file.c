/* wm-project-file.c: the project file, a GeoPackage that GIS tools open directly */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "wm-checklist-state.h"
#include "wm-gpkg.h"
#include "wm-json-guard.h"
#include "wm-project-file.h"
#include "wm-targets.h"

G_DEFINE_QUARK (wm-project-file-error-quark, wm_project_file_error)

/* Layers of the polygon base map classes are named basemap_<class key>. */
#define BASEMAP_PREFIX "basemap_"

/* ---------------------------------------------------------------------------------------------
 * Saving
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  sqlite3 *db;
  int srs_id;
} SaveContext;

typedef struct
{
  SaveContext *ctx;
  sqlite3_stmt *stmt;
  gboolean ok;
  GError **error;
} ChecklistSave;

static gboolean
save_fail (SaveContext *ctx, const char *what, GError **error)
{
  g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE, "%s: %s", what,
               sqlite3_errmsg (ctx->db));
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

/* Tracks the geometry type of a layer: the common kind, 0 when empty, -1 when mixed. */
static void
layer_kind_add (int *layer_kind, const WmGeometry *geometry)
{
  if (geometry == NULL || *layer_kind == -1)
    return;
  if (*layer_kind == 0)
    *layer_kind = geometry->kind;
  else if (*layer_kind != (int) geometry->kind)
    *layer_kind = -1;
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

static gboolean
save_areas (SaveContext *ctx, WmPlan *plan, GError **error)
{
  GListModel *areas = wm_plan_get_areas (plan);
  guint n = g_list_model_get_n_items (areas);
  WmBounds extent = wm_bounds_empty ();
  sqlite3_stmt *stmt;
  int kind = 0;
  gboolean ok = TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (WmArea) area = g_list_model_get_item (areas, i);
      layer_kind_add (&kind, wm_area_get_boundary (area));
    }

  stmt = create_layer (ctx, "areas", layer_type_name (kind, "MULTIPOLYGON"),
                       "area_id TEXT NOT NULL, name TEXT", "area_id, name", 2, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; ok && i < n; i++)
    {
      g_autoptr (WmArea) area = g_list_model_get_item (areas, i);

      bind_geometry (ctx, stmt, 1, wm_area_get_boundary (area), &extent);
      bind_text (stmt, 2, wm_area_get_id (area));
      bind_text (stmt, 3, wm_area_get_name (area));
      ok = save_step (ctx, stmt, error);
    }
  sqlite3_finalize (stmt);

  return ok && wm_gpkg_register_table (ctx->db, "areas", layer_type_name (kind, "MULTIPOLYGON"),
                                       ctx->srs_id, &extent, error);
}

static gboolean
save_buildings (SaveContext *ctx, WmPlan *plan, GError **error)
{
  GListModel *buildings = wm_plan_get_buildings (plan);
  guint n = g_list_model_get_n_items (buildings);
  g_autoptr (GString) columns = g_string_new ("building_id TEXT NOT NULL, area_id TEXT,"
                                              " year INTEGER, storeys INTEGER, use TEXT");
  g_autoptr (GString) names = g_string_new ("building_id, area_id, year, storeys, use");
  WmBounds extent = wm_bounds_empty ();
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  append_segment_columns (columns, names, "dwellings_");
  /* Footprints are always multipolygons (see wm_building_new). */
  stmt = create_layer (ctx, "buildings", "MULTIPOLYGON", columns->str, names->str,
                       5 + WM_N_SEGMENTS, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; ok && i < n; i++)
    {
      g_autoptr (WmBuilding) building = g_list_model_get_item (buildings, i);
      const WmDwellingMix *mix = wm_building_get_dwellings (building);

      bind_geometry (ctx, stmt, 1, wm_building_get_footprint (building), &extent);
      bind_text (stmt, 2, wm_building_get_id (building));
      bind_text (stmt, 3, wm_building_get_area_id (building));
      sqlite3_bind_int (stmt, 4, wm_building_get_year (building));
      sqlite3_bind_int (stmt, 5, wm_building_get_storeys (building));
      bind_text (stmt, 6, wm_building_get_use (building));
      for (guint s = 0; s < WM_N_SEGMENTS; s++)
        sqlite3_bind_int (stmt, 7 + s, mix->counts[s]);
      ok = save_step (ctx, stmt, error);
    }
  sqlite3_finalize (stmt);

  return ok && wm_gpkg_register_table (ctx->db, "buildings", "MULTIPOLYGON", ctx->srs_id, &extent,
                                       error);
}

static gboolean
save_facilities (SaveContext *ctx, WmPlan *plan, GError **error)
{
  GListModel *facilities = wm_plan_get_facilities (plan);
  guint n = g_list_model_get_n_items (facilities);
  WmBounds extent = wm_bounds_empty ();
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  stmt = create_layer (ctx, "facilities", "POINT",
                       "facility_id TEXT NOT NULL, type TEXT NOT NULL, name TEXT",
                       "facility_id, type, name", 3, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; ok && i < n; i++)
    {
      g_autoptr (WmFacility) facility = g_list_model_get_item (facilities, i);
      WmPoint location = wm_facility_get_location (facility);
      g_autoptr (WmGeometry) point = wm_geometry_new_point (location.x, location.y);

      bind_geometry (ctx, stmt, 1, point, &extent);
      bind_text (stmt, 2, wm_facility_get_id (facility));
      bind_text (stmt, 3, wm_facility_type_key (wm_facility_get_facility_type (facility)));
      bind_text (stmt, 4, wm_facility_get_name (facility));
      ok = save_step (ctx, stmt, error);
    }
  sqlite3_finalize (stmt);

  return ok && wm_gpkg_register_table (ctx->db, "facilities", "POINT", ctx->srs_id, &extent,
                                       error);
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

static gboolean
save_proposals (SaveContext *ctx, WmPlan *plan, GError **error)
{
  GListModel *scenarios = wm_plan_get_scenarios (plan);
  WmScenario *active = wm_plan_get_active_scenario (plan);
  g_autoptr (GString) columns = g_string_new ("proposal_id TEXT NOT NULL,"
                                              " scenario_id TEXT NOT NULL,"
                                              " position INTEGER NOT NULL, kind TEXT NOT NULL,"
                                              " name TEXT, year INTEGER, note TEXT,"
                                              " building_ids TEXT, facility_type TEXT,"
                                              " facility_id TEXT, dwelling_type TEXT");
  g_autoptr (GString) names = g_string_new ("proposal_id, scenario_id, position, kind, name,"
                                            " year, note, building_ids, facility_type,"
                                            " facility_id, dwelling_type");
  WmBounds extent = wm_bounds_empty ();
  sqlite3_stmt *stmt;
  sqlite3_stmt *scenario_stmt;
  gboolean ok = TRUE;

  append_segment_columns (columns, names, "delta_");
  /* Proposals mix footprints, points and none at all. */
  stmt = create_layer (ctx, "proposals", "GEOMETRY", columns->str, names->str,
                       11 + WM_N_SEGMENTS, error);
  if (stmt == NULL)
    return FALSE;

  if (!save_exec (ctx,
                  "CREATE TABLE wijkmix_scenarios (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,"
                  " scenario_id TEXT NOT NULL, name TEXT, position INTEGER NOT NULL,"
                  " active BOOLEAN NOT NULL)",
                  error))
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  scenario_stmt = save_prepare (ctx,
                                "INSERT INTO wijkmix_scenarios (scenario_id, name, position, active)"
                                " VALUES (?1, ?2, ?3, ?4)",
                                error);
  if (scenario_stmt == NULL)
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }

  for (guint i = 0; ok && i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr (WmScenario) scenario = g_list_model_get_item (scenarios, i);
      GListModel *proposals = wm_scenario_get_proposals (scenario);

      bind_text (scenario_stmt, 1, wm_scenario_get_id (scenario));
      bind_text (scenario_stmt, 2, wm_scenario_get_name (scenario));
      sqlite3_bind_int (scenario_stmt, 3, i);
      sqlite3_bind_int (scenario_stmt, 4, scenario == active);
      ok = save_step (ctx, scenario_stmt, error);

      for (guint j = 0; ok && j < g_list_model_get_n_items (proposals); j++)
        {
          g_autoptr (WmProposal) proposal = g_list_model_get_item (proposals, j);
          const WmDwellingMix *delta = wm_proposal_get_dwelling_delta (proposal);
          g_autofree char *ids = building_ids_to_json (wm_proposal_get_building_ids (proposal));
          WmFacilityType facility_type = wm_proposal_get_facility_type (proposal);

          bind_geometry (ctx, stmt, 1, wm_proposal_get_geometry (proposal), &extent);
          bind_text (stmt, 2, wm_proposal_get_id (proposal));
          bind_text (stmt, 3, wm_scenario_get_id (scenario));
          sqlite3_bind_int (stmt, 4, j);
          bind_text (stmt, 5, wm_proposal_kind_key (wm_proposal_get_kind (proposal)));
          bind_text (stmt, 6, wm_proposal_get_name (proposal));
          sqlite3_bind_int (stmt, 7, wm_proposal_get_year (proposal));
          bind_text (stmt, 8, wm_proposal_get_note (proposal));
          bind_text (stmt, 9, ids);
          /* Only facility proposals carry a type; NULL elsewhere reads back as the default. */
          if (wm_proposal_get_kind (proposal) == WM_PROPOSAL_ADD_FACILITY || facility_type != 0)
            bind_text (stmt, 10, wm_facility_type_key (facility_type));
          else
            sqlite3_bind_null (stmt, 10);
          bind_text (stmt, 11, wm_proposal_get_facility_id (proposal));
          /* NULL when unspecified. */
          bind_text (stmt, 12, wm_dwelling_type_key (wm_proposal_get_dwelling_type (proposal)));
          for (guint s = 0; s < WM_N_SEGMENTS; s++)
            sqlite3_bind_int (stmt, 13 + s, delta->counts[s]);
          ok = save_step (ctx, stmt, error);
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (scenario_stmt);

  return ok &&
         wm_gpkg_register_table (ctx->db, "proposals", "GEOMETRY", ctx->srs_id, &extent, error) &&
         wm_gpkg_register_table (ctx->db, "wijkmix_scenarios", NULL, 0, NULL, error);
}

static gboolean
save_basemap (SaveContext *ctx, WmPlan *plan, GError **error)
{
  WmBasemap *basemap = wm_plan_get_basemap (plan);

  for (guint k = 0; k < WM_N_BASEMAP_CLASSES; k++)
    {
      GPtrArray *features = wm_basemap_get_features (basemap, k);
      g_autofree char *table = g_strconcat (BASEMAP_PREFIX, wm_basemap_class_key (k), NULL);
      gboolean label = k == WM_BASEMAP_LABEL;
      const char *type;
      WmBounds extent = wm_bounds_empty ();
      sqlite3_stmt *stmt;
      gboolean ok = TRUE;
      int kind = 0;

      for (guint i = 0; features != NULL && i < features->len; i++)
        layer_kind_add (&kind, ((WmBasemapFeature *) features->pdata[i])->geometry);
      type = layer_type_name (kind, label ? "POINT" : "MULTIPOLYGON");

      if (label)
        stmt = create_layer (ctx, table, type, "kind TEXT, text TEXT, angle REAL",
                             "kind, text, angle", 3, error);
      else
        stmt = create_layer (ctx, table, type, "kind TEXT", "kind", 1, error);
      if (stmt == NULL)
        return FALSE;

      for (guint i = 0; ok && features != NULL && i < features->len; i++)
        {
          WmBasemapFeature *feature = features->pdata[i];

          bind_geometry (ctx, stmt, 1, feature->geometry, &extent);
          bind_text (stmt, 2, feature->kind);
          if (label)
            {
              bind_text (stmt, 3, feature->text);
              sqlite3_bind_double (stmt, 4, feature->angle);
            }
          ok = save_step (ctx, stmt, error);
        }
      sqlite3_finalize (stmt);

      if (!ok || !wm_gpkg_register_table (ctx->db, table, type, ctx->srs_id, &extent, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_meta (SaveContext *ctx, WmPlan *plan, GError **error)
{
  const char *rows[][2] = {
    { "name", wm_plan_get_name (plan) },
    { "description", wm_plan_get_description (plan) },
    { "attribution", wm_plan_get_attribution (plan) },
    { "illustrative", wm_plan_get_illustrative (plan) ? "1" : "0" },
  };
  g_autofree char *schema = NULL;
  g_auto (GStrv) targets = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (!save_exec (ctx,
                  "CREATE TABLE wijkmix_meta (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,"
                  " key TEXT NOT NULL UNIQUE, value TEXT);"
                  "CREATE TABLE wijkmix_schema (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,"
                  " version INTEGER NOT NULL)",
                  error))
    return FALSE;

  stmt = save_prepare (ctx, "INSERT INTO wijkmix_meta (key, value) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (rows); i++)
    {
      bind_text (stmt, 1, rows[i][0]);
      bind_text (stmt, 2, rows[i][1]);
      ok = save_step (ctx, stmt, error);
    }
  /* The project's housing targets (see wm-targets.h). */
  targets = wm_targets_to_meta (wm_targets_get_for_plan (plan));
  for (guint i = 0; ok && targets[i] != NULL && targets[i + 1] != NULL; i += 2)
    {
      bind_text (stmt, 1, targets[i]);
      bind_text (stmt, 2, targets[i + 1]);
      ok = save_step (ctx, stmt, error);
    }
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  schema = g_strdup_printf ("INSERT INTO wijkmix_schema (version) VALUES (%d)",
                            WM_PROJECT_SCHEMA_VERSION);
  return save_exec (ctx, schema, error) &&
         wm_gpkg_register_table (ctx->db, "wijkmix_meta", NULL, 0, NULL, error) &&
         wm_gpkg_register_table (ctx->db, "wijkmix_schema", NULL, 0, NULL, error);
}

/* The roadmap checklist's user entries (wm-checklist-state.h), and the project's own roadmap
 * catalogue as a wijkmix_meta row. */
static void
save_checklist_entry (const char *scenario_id, const char *item_id,
                      const WmChecklistEntry *entry, gpointer user_data)
{
  ChecklistSave *save = user_data;

  if (!save->ok)
    return;
  bind_text (save->stmt, 1, scenario_id);
  bind_text (save->stmt, 2, item_id);
  bind_text (save->stmt, 3, wm_checklist_status_key (entry->status));
  bind_text (save->stmt, 4, entry->reason);
  bind_text (save->stmt, 5, entry->owner);
  bind_text (save->stmt, 6, entry->note);
  if (entry->target_year != 0)
    sqlite3_bind_int (save->stmt, 7, entry->target_year);
  else
    sqlite3_bind_null (save->stmt, 7);
  save->ok = save_step (save->ctx, save->stmt, save->error);
}

static gboolean
save_checklist (SaveContext *ctx, WmPlan *plan, GError **error)
{
  WmChecklistState *state = wm_checklist_state_get_for_plan (plan);
  const char *catalogue = wm_checklist_state_get_catalogue_json (state);
  ChecklistSave save = { ctx, NULL, TRUE, error };

  if (!save_exec (ctx,
                  "CREATE TABLE wijkmix_checklist (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,"
                  " scenario_id TEXT NOT NULL, item_id TEXT NOT NULL, status TEXT NOT NULL,"
                  " reason TEXT, owner TEXT, note TEXT, target_year INTEGER,"
                  " UNIQUE (scenario_id, item_id))",
                  error))
    return FALSE;

  save.stmt = save_prepare (ctx,
                            "INSERT INTO wijkmix_checklist (scenario_id, item_id, status, reason,"
                            " owner, note, target_year) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            error);
  if (save.stmt == NULL)
    return FALSE;
  wm_checklist_state_foreach (state, save_checklist_entry, &save);
  sqlite3_finalize (save.stmt);
  if (!save.ok)
    return FALSE;

  if (catalogue != NULL)
    {
      sqlite3_stmt *stmt = save_prepare (ctx, "INSERT INTO wijkmix_meta (key, value)"
                                         " VALUES ('roadmap_catalogue', ?1)", error);

      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, catalogue);
      save.ok = save_step (ctx, stmt, error);
      sqlite3_finalize (stmt);
      if (!save.ok)
        return FALSE;
    }
  return wm_gpkg_register_table (ctx->db, "wijkmix_checklist", NULL, 0, NULL, error);
}

static gboolean
save_database (sqlite3 *db, WmPlan *plan, GError **error)
{
  SaveContext ctx = { db, wm_plan_get_srs_id (plan) };

  /* DELETE journal and FULL sync: the file is complete and on disk once COMMIT returns,
   * and no -wal file has to travel with it. */
  if (!save_exec (&ctx,
                  "PRAGMA page_size = 4096;"
                  "PRAGMA journal_mode = DELETE;"
                  "PRAGMA synchronous = FULL;"
                  "BEGIN",
                  error))
    return FALSE;

  if (!wm_gpkg_init_metadata (db, error) ||
      !save_areas (&ctx, plan, error) ||
      !save_buildings (&ctx, plan, error) ||
      !save_facilities (&ctx, plan, error) ||
      !save_proposals (&ctx, plan, error) ||
      !save_basemap (&ctx, plan, error) ||
      !save_meta (&ctx, plan, error) ||
      !save_checklist (&ctx, plan, error) ||
      !save_exec (&ctx, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

static gboolean
fsync_path (const char *path, int flags)
{
  int fd = g_open (path, flags, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static void
remove_temp (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (journal);
  g_unlink (path);
}

gboolean
wm_project_file_save (WmPlan *plan, const char *path, GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_name = NULL;
  g_autofree char *temp_path = NULL;
  g_autoptr (GError) local_error = NULL;
  sqlite3 *db = NULL;
  GStatBuf target;
  mode_t mode = 0644;
  int saved_errno;
  int fd;
  int rc;

  g_return_val_if_fail (WM_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  /* Next to the target, so the final rename() stays on one file system and is atomic. */
  temp_name = g_strdup_printf (".%s.XXXXXX", base);
  temp_path = g_build_filename (dir, temp_name, NULL);

  fd = g_mkstemp (temp_path);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE,
                   _("Could not save “%s”: %s"), base, g_strerror (saved_errno));
      return FALSE;
    }
  /* Keep the permissions of the file being replaced; g_mkstemp() makes it private. */
  if (g_stat (path, &target) == 0)
    mode = target.st_mode & 07777;
  if (fchmod (fd, mode) != 0)
    g_debug ("Could not set the mode of %s: %s", temp_path, g_strerror (errno));
  close (fd);

  rc = sqlite3_open_v2 (temp_path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    g_set_error (&local_error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE, "%s",
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else
    save_database (db, plan, &local_error);

  if (sqlite3_close (db) != SQLITE_OK && local_error == NULL)
    g_set_error (&local_error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE, "%s",
                 sqlite3_errmsg (db));

  if (local_error == NULL && !fsync_path (temp_path, O_RDWR))
    {
      saved_errno = errno;
      g_set_error (&local_error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE, "%s",
                   g_strerror (saved_errno));
    }

  if (local_error == NULL && g_rename (temp_path, path) != 0)
    {
      saved_errno = errno;
      g_set_error (&local_error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE, "%s",
                   g_strerror (saved_errno));
    }

  if (local_error != NULL)
    {
      remove_temp (temp_path);
      g_set_error (error, WM_PROJECT_FILE_ERROR, WM_PROJECT_FILE_ERROR_WRITE,
                   _("Could not save “%s”: %s"), base, local_error->message);
      return FALSE;
    }

  /* Make the rename itself durable. */
  fsync_path (dir, O_RDONLY | O_DIRECTORY);
  return TRUE;
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

static const WmMigration migrations[] = {
  { 1, migrate_1_to_2 },
};

static WmMigrationFunc
find_migration (int from_version)
{
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    if (migrations[i].migrate != NULL && migrations[i].from_version == from_version)
      return migrations[i].migrate;
  return NULL;
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
} LoadContext;

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
  sqlite3_stmt *stmt = load_prepare (ctx, table, sql, error);
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
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
load_meta (LoadContext *ctx, GError **error)
{
  sqlite3_stmt *stmt = load_prepare (ctx, "wijkmix_meta",
                                     "SELECT key, value FROM wijkmix_meta ORDER BY fid", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = column_text (stmt, 0);
      const char *value = column_text (stmt, 1);

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
        wm_targets_set_meta (wm_targets_get_for_plan (ctx->plan), key, value);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return load_sqlite_error (ctx, rc, "wijkmix_meta", error);
  return TRUE;
}

static gboolean
load_areas (LoadContext *ctx, GError **error)
{
  sqlite3_stmt *stmt = load_prepare (ctx, "areas",
                                     "SELECT fid, geom, area_id, name FROM areas ORDER BY fid",
                                     error);
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
      if (boundary == NULL)
        ok = FALSE;
      else if (!is_polygonal (boundary))
        ok = invalid_row (ctx, "areas", fid, error, _("the boundary is not a polygon"));
      else if (id == NULL)
        ok = invalid_row (ctx, "areas", fid, error, _("the area has no id"));
      else
        {
          area = wm_area_new (id, column_text (stmt, 3), boundary);
          wm_plan_add_area (ctx->plan, area);
        }
    }
  if (ok && rc != SQLITE_DONE)
    ok = load_sqlite_error (ctx, rc, "areas", error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
load_buildings (LoadContext *ctx, GError **error)
{
  g_autofree char *segments = segment_columns ("dwellings_");
  g_autofree char *sql = g_strdup_printf ("SELECT fid, geom, building_id, area_id, year, storeys,"
                                          " use%s FROM buildings ORDER BY fid",
                                          segments);
  sqlite3_stmt *stmt;
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
      const char *area_id = column_text (stmt, 3);
      WmDwellingMix mix;

      read_mix (stmt, 7, &mix);
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

      building = wm_building_new (id, footprint);
      wm_building_set_area_id (building, area_id);
      wm_building_set_year (building, sqlite3_column_int (stmt, 4));
      wm_building_set_storeys (building, sqlite3_column_int (stmt, 5));
      if (column_text (stmt, 6) != NULL)
        wm_building_set_use (building, column_text (stmt, 6));
      wm_building_set_dwellings (building, &mix);
      wm_plan_add_building (ctx->plan, building);
      /* The plan assigns an area by centroid to buildings without one; keep what was saved. */
      if (area_id == NULL)
        wm_building_set_area_id (building, NULL);
    }
  if (ok && rc != SQLITE_DONE)
    ok = load_sqlite_error (ctx, rc, "buildings", error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
load_facilities (LoadContext *ctx, GError **error)
{
  sqlite3_stmt *stmt = load_prepare (ctx, "facilities",
                                     "SELECT fid, geom, facility_id, type, name FROM facilities"
                                     " ORDER BY fid",
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
          wm_plan_add_facility (ctx->plan, facility);
        }
    }
  if (ok && rc != SQLITE_DONE)
    ok = load_sqlite_error (ctx, rc, "facilities", error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
load_basemap (LoadContext *ctx, GError **error)
{
  WmBasemap *basemap = wm_plan_get_basemap (ctx->plan);

  for (guint k = 0; k < WM_N_BASEMAP_CLASSES; k++)
    {
      g_autofree char *table = g_strconcat (BASEMAP_PREFIX, wm_basemap_class_key (k), NULL);
      gboolean label = k == WM_BASEMAP_LABEL;
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;
      gboolean ok = TRUE;
      int rc;

      if (label)
        sql = g_strdup_printf ("SELECT fid, geom, kind, text, angle FROM \"%s\" ORDER BY fid",
                               table);
      else
        sql = g_strdup_printf ("SELECT fid, geom, kind FROM \"%s\" ORDER BY fid", table);
      stmt = load_prepare (ctx, table, sql, error);
      if (stmt == NULL)
        return FALSE;

      while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          sqlite3_int64 fid = sqlite3_column_int64 (stmt, 0);
          g_autoptr (WmGeometry) geometry = NULL;
          g_autoptr (WmBasemapFeature) feature = NULL;

          geometry = read_geometry (ctx, stmt, 1, table, fid, FALSE, error);
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
              wm_basemap_add (basemap, feature);
            }
        }
      if (ok && rc != SQLITE_DONE)
        ok = load_sqlite_error (ctx, rc, table, error);
      sqlite3_finalize (stmt);
      if (!ok)
        return FALSE;
    }
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

static gboolean
load_proposal_row (LoadContext *ctx, sqlite3_stmt *stmt, GError **error)
{
  sqlite3_int64 fid = sqlite3_column_int64 (stmt, 0);
  const char *id = column_text (stmt, 2);
  const char *scenario_id = column_text (stmt, 3);
  const char *kind_key = column_text (stmt, 4);
  const char *ids_json = column_text (stmt, 8);
  const char *facility_key = column_text (stmt, 9);
  const char *dwelling_type_key = column_text (stmt, 11);
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

  if (id == NULL)
    return invalid_row (ctx, "proposals", fid, error, _("the proposal has no id"));
  if (!wm_proposal_kind_from_key (kind_key, &kind))
    return invalid_row (ctx, "proposals", fid, error, _("unknown proposal kind “%s”"),
                        kind_key != NULL ? kind_key : "");
  if (facility_key != NULL && !wm_facility_type_from_key (facility_key, &facility_type))
    return invalid_row (ctx, "proposals", fid, error, _("unknown facility type “%s”"),
                        facility_key);
  if (!wm_dwelling_type_from_key (dwelling_type_key, &dwelling_type))
    return invalid_row (ctx, "proposals", fid, error, _("unknown dwelling type “%s”"),
                        dwelling_type_key);

  /* By id, not wm_plan_find_scenario(), which would also match names. */
  for (guint i = 0; scenario_id != NULL && i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr (WmScenario) candidate = g_list_model_get_item (scenarios, i);

      if (g_strcmp0 (wm_scenario_get_id (candidate), scenario_id) == 0)
        scenario = candidate;
    }
  if (scenario == NULL)
    return invalid_row (ctx, "proposals", fid, error, _("unknown scenario “%s”"),
                        scenario_id != NULL ? scenario_id : "");

  if (ids_json != NULL)
    {
      building_ids = building_ids_from_json (ids_json, &local_error);
      if (building_ids == NULL)
        return invalid_row (ctx, "proposals", fid, error, _("bad building_ids: %s"),
                            local_error->message);
    }

  geometry = read_geometry (ctx, stmt, 1, "proposals", fid, TRUE, &local_error);
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
  read_mix (stmt, 12, &delta);
  wm_proposal_set_dwelling_delta (proposal, &delta);
  if (facility_key != NULL)
    wm_proposal_set_facility_type (proposal, facility_type);
  if (column_text (stmt, 10) != NULL)
    wm_proposal_set_facility_id (proposal, column_text (stmt, 10));
  if (column_text (stmt, 5) != NULL)
    wm_proposal_set_name (proposal, column_text (stmt, 5));
  wm_proposal_set_year (proposal, sqlite3_column_int (stmt, 6));
  if (column_text (stmt, 7) != NULL)
    wm_proposal_set_note (proposal, column_text (stmt, 7));
  wm_proposal_set_dwelling_type (proposal, dwelling_type);

  wm_scenario_add_proposal (scenario, proposal);
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
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  guint n_loaded = 0;
  int rc;

  stmt = load_prepare (ctx, "wijkmix_scenarios",
                       "SELECT fid, scenario_id, name, active FROM wijkmix_scenarios"
                       " ORDER BY fid",
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
      scenario = wm_scenario_new (id, column_text (stmt, 2));
      wm_plan_add_scenario (ctx->plan, scenario);
      if (sqlite3_column_int (stmt, 3) != 0 && active == NULL)
        active = g_object_ref (scenario);
      n_loaded++;
    }
  if (ok && rc != SQLITE_DONE)
    ok = load_sqlite_error (ctx, rc, "wijkmix_scenarios", error);
  sqlite3_finalize (stmt);
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
  sql = g_strdup_printf ("SELECT fid, geom, proposal_id, scenario_id, kind, name, year, note,"
                         " building_ids, facility_type, facility_id, dwelling_type%s FROM proposals"
                         " ORDER BY fid",
                         segments);
  if (!check_segment_columns (ctx, "proposals", "delta_", error))
    return FALSE;
  stmt = load_prepare (ctx, "proposals", sql, error);
  if (stmt == NULL)
    return FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = load_proposal_row (ctx, stmt, error);
  if (ok && rc != SQLITE_DONE)
    ok = load_sqlite_error (ctx, rc, "proposals", error);
  sqlite3_finalize (stmt);
  return ok;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Checks the first bytes before SQLite sees the file: SQLite happily treats an empty file as
 * an empty database, and a cut-off file often passes until a missing page is read. */
static gboolean
check_header (const char *path, const char *name, GError **error)
{
  static const char magic[16] = "SQLite format 3";
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

static gboolean
table_exists (sqlite3 *db, const char *table, int *out_rc)
{
  sqlite3_stmt *stmt = NULL;
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
  sqlite3_finalize (stmt);
  *out_rc = rc;
  return found;
}

/* Runs a query returning one integer; @out_value is untouched when there is no row. */
static int
query_int (sqlite3 *db, const char *sql, int *out_value)
{
  sqlite3_stmt *stmt = NULL;
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
  sqlite3_finalize (stmt);
  return rc;
}

static gboolean
check_integrity (LoadContext *ctx, GError **error)
{
  g_autofree char *problem = NULL;
  sqlite3_stmt *stmt = NULL;
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
  sqlite3_finalize (stmt);

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

      if (scenario_id == NULL || item_id == NULL ||
          !wm_checklist_status_from_key (column_text (stmt, 3), &entry.status))
        {
          ok = invalid_row (ctx, "wijkmix_checklist", sqlite3_column_int64 (stmt, 0), error,
                            _("the checklist entry has no scenario, item or valid status"));
          break;
        }
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

static WmPlan *
load_file (const char *path, const char *name, GError **error)
{
  g_autoptr (WmPlan) plan = NULL;
  LoadContext ctx = { name, NULL, NULL, 0 };
  gboolean ok;
  int version = 0;
  int rc;

  if (!check_header (path, name, error))
    return NULL;

  rc = sqlite3_open_v2 (path, &ctx.db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      load_sqlite_error (&ctx, rc, "open", error);
      sqlite3_close (ctx.db);
      return NULL;
    }
  sqlite3_extended_result_codes (ctx.db, FALSE);

  plan = wm_plan_new ();
  ctx.plan = plan;
  ctx.srs_id = wm_plan_get_srs_id (plan);

  ok = check_integrity (&ctx, error) &&
       check_project (&ctx, &version, error) &&
       (version == WM_PROJECT_SCHEMA_VERSION || migrate (&ctx, version, error)) &&
       load_meta (&ctx, error) &&
       load_areas (&ctx, error) &&
       load_buildings (&ctx, error) &&
       load_facilities (&ctx, error) &&
       load_basemap (&ctx, error) &&
       load_scenarios (&ctx, error) &&
       load_checklist (&ctx, error);
  sqlite3_close (ctx.db);

  return ok ? g_steal_pointer (&plan) : NULL;
}

WmPlan *
wm_project_file_load (const char *path, GError **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_path_get_basename (path);
  return load_file (path, name, error);
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

  plan = load_file (temp_path, _("project data"), error);
  g_unlink (temp_path);
  return plan;
}
