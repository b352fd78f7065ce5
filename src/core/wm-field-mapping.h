/* wm-field-mapping.h: which field of a source plays which role (dwelling count, year, use, ...)
 *
 * Importers declare their roles with the names they recognise; the user's choice (CLI
 * --field ROLE=NAME, the window's mapping page) wins, and is remembered per source in the
 * user's data folder, so the next import of the same source needs no questions.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A role an importer needs or can use. */
typedef struct
{
  const char *role;              /* stable key: "dwellings", "year", "use", "segment", ... */
  const char *label;             /* N_() text for the mapping page */
  const char *const *candidates; /* field names recognised for it, tried case-insensitively */
  gboolean required;
} WmFieldRole;

typedef struct _WmFieldMapping WmFieldMapping;

WmFieldMapping *wm_field_mapping_new (void);
WmFieldMapping *wm_field_mapping_copy (const WmFieldMapping *self);
void wm_field_mapping_free (WmFieldMapping *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmFieldMapping, wm_field_mapping_free)

void wm_field_mapping_set (WmFieldMapping *self, const char *role, const char *field);
/* The field for @role, or NULL. */
const char *wm_field_mapping_get (const WmFieldMapping *self, const char *role);
/* Roles that are set, sorted (free the array, not the strings). */
GPtrArray *wm_field_mapping_get_roles (const WmFieldMapping *self);
guint wm_field_mapping_get_n_roles (const WmFieldMapping *self);
/* Same roles with the same field names. */
gboolean wm_field_mapping_equal (const WmFieldMapping *a, const WmFieldMapping *b);

/* Parses "ROLE=NAME" (the CLI's --field): a role is letters, digits, "_" and "-" (at most 64),
 * a field name any text without control characters (at most 1024 bytes), at most 64 roles. */
gboolean wm_field_mapping_parse_assignment (WmFieldMapping *self, const char *text, GError **error);

/* For every role of @roles not set yet, the first of its candidates found among @fields
 * (case-insensitive); a set role of @roles naming a field that is not there is an error
 * (roles not in @roles are left alone: an importer may resolve one layer at a time). Set
 * fields are corrected to the source's spelling. Returns the required roles still unset
 * (NULL-terminated, free with g_strfreev), or NULL on error. */
char **wm_field_mapping_resolve (WmFieldMapping *self, const WmFieldRole *roles, guint n_roles,
                                 const char *const *fields, GError **error);

/* JSON object {"role": "field", ...}; the parser is hostile-input proof (fuzzed). */
char *wm_field_mapping_to_json (const WmFieldMapping *self);
WmFieldMapping *wm_field_mapping_from_json (const char *json, gssize length, GError **error);

/* Remembered choices: @source_key is e.g. the file's base name plus the layer name. @dir NULL:
 * the user's data folder (…/wijkmix/field-mappings.json). Lookup gives NULL when none; a
 * broken store is ignored with a warning (and replaced by the next remember). The store is
 * written atomically and keeps the 1,000 most recently remembered sources. */
WmFieldMapping *wm_field_mapping_lookup (const char *dir, const char *source_key);
gboolean wm_field_mapping_remember (const char *dir, const char *source_key,
                                    const WmFieldMapping *mapping, GError **error);

#define WM_FIELD_MAPPING_ERROR (wm_field_mapping_error_quark ())
GQuark wm_field_mapping_error_quark (void);
typedef enum
{
  WM_FIELD_MAPPING_ERROR_INVALID,   /* not ROLE=NAME, bad JSON, unknown role */
  WM_FIELD_MAPPING_ERROR_NO_FIELD,  /* a mapping names a field the source does not have */
} WmFieldMappingError;

G_END_DECLS
