/* wm-gpkg.c: GeoPackage geometry blobs and metadata tables */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "wm-gpkg.h"

/* Flags byte of the blob header (GeoPackage 1.3, 2.1.3.1.1). */
#define GPKG_FLAG_LITTLE_ENDIAN 0x01
#define GPKG_FLAG_ENVELOPE_SHIFT 1
#define GPKG_FLAG_ENVELOPE_MASK 0x0e
#define GPKG_FLAG_EMPTY 0x10
#define GPKG_FLAG_EXTENDED 0x20

#define GPKG_HEADER_SIZE 8

static void
append_uint32_le (GByteArray *out, guint32 value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (out, (const guint8 *) &le, sizeof le);
}

static void
append_double_le (GByteArray *out, double value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  bits = GUINT64_TO_LE (bits);
  g_byte_array_append (out, (const guint8 *) &bits, sizeof bits);
}

GBytes *
wm_gpkg_geometry_to_blob (const WmGeometry *geometry, int srs_id)
{
  g_autoptr (GBytes) wkb = NULL;
  GByteArray *out;
  gboolean envelope;
  const guint8 *wkb_data;
  gsize wkb_len;

  g_return_val_if_fail (geometry != NULL, NULL);

  wkb = wm_geometry_to_wkb (geometry);
  g_return_val_if_fail (wkb != NULL, NULL);
  wkb_data = g_bytes_get_data (wkb, &wkb_len);

  /* A point's envelope is the point itself, so the spec lets us leave it out. */
  envelope = geometry->kind != WM_GEOMETRY_POINT;

  out = g_byte_array_sized_new (GPKG_HEADER_SIZE + (envelope ? 32 : 0) + wkb_len);
  g_byte_array_append (out, (const guint8 *) "GP", 2);
  g_byte_array_append (out, (const guint8[]) { 0 }, 1);
  g_byte_array_append (out,
                       (const guint8[]) { GPKG_FLAG_LITTLE_ENDIAN
                                          | ((envelope ? 1 : 0) << GPKG_FLAG_ENVELOPE_SHIFT) },
                       1);
  append_uint32_le (out, (guint32) srs_id);
  if (envelope)
    {
      /* Envelope order is min_x, max_x, min_y, max_y. */
      append_double_le (out, geometry->bounds.min_x);
      append_double_le (out, geometry->bounds.max_x);
      append_double_le (out, geometry->bounds.min_y);
      append_double_le (out, geometry->bounds.max_y);
    }
  g_byte_array_append (out, wkb_data, wkb_len);

  return g_byte_array_free_to_bytes (out);
}

WmGeometry *
wm_gpkg_geometry_from_blob (const guint8 *blob, gsize len, int *out_srs_id, GError **error)
{
  static const gsize envelope_sizes[] = { 0, 32, 48, 48, 64 };
  g_autoptr (WmGeometry) geometry = NULL;
  guint8 flags;
  guint envelope;
  guint32 srs;
  gsize offset;
  gsize consumed = 0;

  g_return_val_if_fail (blob != NULL || len == 0, NULL);

  if (len < GPKG_HEADER_SIZE || blob[0] != 'G' || blob[1] != 'P')
    {
      g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB,
                   _("Not a GeoPackage geometry (no “GP” header)"));
      return NULL;
    }
  if (blob[2] != 0)
    {
      g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_UNSUPPORTED,
                   _("Unsupported GeoPackage geometry version %u"), blob[2]);
      return NULL;
    }

  flags = blob[3];
  if (flags & GPKG_FLAG_EXTENDED)
    {
      g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_UNSUPPORTED,
                   _("Extended GeoPackage geometry types are not supported"));
      return NULL;
    }
  if (flags & GPKG_FLAG_EMPTY)
    {
      g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_DEGENERATE,
                   _("The geometry is empty"));
      return NULL;
    }

  envelope = (flags & GPKG_FLAG_ENVELOPE_MASK) >> GPKG_FLAG_ENVELOPE_SHIFT;
  if (envelope >= G_N_ELEMENTS (envelope_sizes))
    {
      g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB,
                   _("Invalid envelope type %u in a GeoPackage geometry"), envelope);
      return NULL;
    }

  memcpy (&srs, blob + 4, sizeof srs);
  srs = (flags & GPKG_FLAG_LITTLE_ENDIAN) ? GUINT32_FROM_LE (srs) : GUINT32_FROM_BE (srs);

  offset = GPKG_HEADER_SIZE + envelope_sizes[envelope];
  if (len <= offset)
    {
      g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB,
                   _("The GeoPackage geometry is truncated"));
      return NULL;
    }

  geometry = wm_geometry_from_wkb (blob + offset, len - offset, &consumed, error);
  if (geometry == NULL)
    return NULL;
  if (consumed != len - offset)
    {
      g_set_error (error, WM_GEOMETRY_ERROR, WM_GEOMETRY_ERROR_INVALID_WKB,
                   _("Unexpected data after the geometry"));
      return NULL;
    }

  if (out_srs_id != NULL)
    *out_srs_id = (int) (gint32) srs;
  return g_steal_pointer (&geometry);
}

/* Table definitions exactly as in GeoPackage 1.3, annex C; kept when they exist (a file that
 * other programs wrote to first, copied for a complete save). */
static const char metadata_sql[] =
  "CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys ("
  " srs_name TEXT NOT NULL,"
  " srs_id INTEGER PRIMARY KEY,"
  " organization TEXT NOT NULL,"
  " organization_coordsys_id INTEGER NOT NULL,"
  " definition TEXT NOT NULL,"
  " description TEXT);"
  "CREATE TABLE IF NOT EXISTS gpkg_contents ("
  " table_name TEXT NOT NULL PRIMARY KEY,"
  " data_type TEXT NOT NULL,"
  " identifier TEXT UNIQUE,"
  " description TEXT DEFAULT '',"
  " last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
  " min_x DOUBLE,"
  " min_y DOUBLE,"
  " max_x DOUBLE,"
  " max_y DOUBLE,"
  " srs_id INTEGER,"
  " CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));"
  "CREATE TABLE IF NOT EXISTS gpkg_geometry_columns ("
  " table_name TEXT NOT NULL,"
  " column_name TEXT NOT NULL,"
  " geometry_type_name TEXT NOT NULL,"
  " srs_id INTEGER NOT NULL,"
  " z TINYINT NOT NULL,"
  " m TINYINT NOT NULL,"
  " CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),"
  " CONSTRAINT uk_gc_table_name UNIQUE (table_name),"
  " CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),"
  " CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));"
  "INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES"
  " ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined',"
  "  'undefined cartesian coordinate reference system'),"
  " ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined',"
  "  'undefined geographic coordinate reference system'),"
  " ('WGS 84 geodetic', 4326, 'EPSG', 4326,"
  "  'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
  "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,"
  "AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,"
  "AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],"
  "AUTHORITY[\"EPSG\",\"4326\"]]',"
  "  'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid'),"
  " ('Amersfoort / RD New', 28992, 'EPSG', 28992,"
  "  'PROJCS[\"Amersfoort / RD New\",GEOGCS[\"Amersfoort\",DATUM[\"Amersfoort\","
  "SPHEROID[\"Bessel 1841\",6377397.155,299.1528128,AUTHORITY[\"EPSG\",\"7004\"]],"
  "AUTHORITY[\"EPSG\",\"6289\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],"
  "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],"
  "AUTHORITY[\"EPSG\",\"4289\"]],PROJECTION[\"Oblique_Stereographic\"],"
  "PARAMETER[\"latitude_of_origin\",52.1561605555556],"
  "PARAMETER[\"central_meridian\",5.38763888888889],PARAMETER[\"scale_factor\",0.9999079],"
  "PARAMETER[\"false_easting\",155000],PARAMETER[\"false_northing\",463000],"
  "UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],"
  "AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"28992\"]]',"
  "  'Dutch national grid (Rijksdriehoekstelsel), metres');"
  /* "GPKG" and GeoPackage 1.3.0, so GIS tools recognise the file. */
  "PRAGMA application_id = 1196444487;"
  "PRAGMA user_version = 10300;";

static gboolean
set_sqlite_error (sqlite3 *db, const char *what, GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

gboolean
wm_gpkg_init_metadata (sqlite3 *db, GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  if (sqlite3_exec (db, metadata_sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (db, _("Cannot create the GeoPackage tables"), error);
  return TRUE;
}

gboolean
wm_gpkg_register_table (sqlite3 *db, const char *table, const char *geometry_type, int srs_id,
                        const WmBounds *bounds, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean feature = geometry_type != NULL;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO gpkg_contents (table_name, data_type, identifier,"
                           " min_x, min_y, max_x, max_y, srs_id)"
                           " VALUES (?1, ?2, ?1, ?3, ?4, ?5, ?6, ?7)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, feature ? "features" : "attributes", -1, SQLITE_STATIC);
      if (bounds != NULL && !wm_bounds_is_empty (bounds))
        {
          sqlite3_bind_double (stmt, 3, bounds->min_x);
          sqlite3_bind_double (stmt, 4, bounds->min_y);
          sqlite3_bind_double (stmt, 5, bounds->max_x);
          sqlite3_bind_double (stmt, 6, bounds->max_y);
        }
      if (feature)
        sqlite3_bind_int (stmt, 7, srs_id);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      stmt = NULL;
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (db, _("Cannot register a table in the GeoPackage"), error);

  if (!feature)
    return TRUE;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO gpkg_geometry_columns"
                           " (table_name, column_name, geometry_type_name, srs_id, z, m)"
                           " VALUES (?1, 'geom', ?2, ?3, 0, 0)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, geometry_type, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, srs_id);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (db, _("Cannot register a geometry column in the GeoPackage"), error);
  return TRUE;
}

/* ST_MinX (geom) and friends: the bounds of a GeoPackage geometry blob, NULL for NULL, an empty
 * or a bad one. */
static void
geometry_bound (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  int which = GPOINTER_TO_INT (sqlite3_user_data (context));
  g_autoptr (WmGeometry) geometry = NULL;

  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB)
    {
      sqlite3_result_null (context);
      return;
    }
  geometry = wm_gpkg_geometry_from_blob (sqlite3_value_blob (argv[0]),
                                         sqlite3_value_bytes (argv[0]), NULL, NULL);
  if (geometry == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  switch (which)
    {
    case 0:
      sqlite3_result_double (context, geometry->bounds.min_x);
      break;
    case 1:
      sqlite3_result_double (context, geometry->bounds.max_x);
      break;
    case 2:
      sqlite3_result_double (context, geometry->bounds.min_y);
      break;
    default:
      sqlite3_result_double (context, geometry->bounds.max_y);
      break;
    }
}

static void
geometry_is_empty (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  const guint8 *blob;

  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB)
    {
      sqlite3_result_null (context);
      return;
    }
  blob = sqlite3_value_blob (argv[0]);
  /* The header's empty flag (GeoPackage 1.3, 2.1.3.1.1). */
  sqlite3_result_int (context, sqlite3_value_bytes (argv[0]) >= GPKG_HEADER_SIZE &&
                               (blob[3] & GPKG_FLAG_EMPTY) != 0);
}

gboolean
wm_gpkg_register_functions (sqlite3 *db)
{
  static const char *const bounds[] = { "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY" };
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;

  g_return_val_if_fail (db != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
    if (sqlite3_create_function (db, bounds[i], 1, flags, GINT_TO_POINTER (i), geometry_bound,
                                 NULL, NULL) != SQLITE_OK)
      return FALSE;
  return sqlite3_create_function (db, "ST_IsEmpty", 1, flags, NULL, geometry_is_empty, NULL,
                                  NULL) == SQLITE_OK;
}
