/* wm-field-mapping.c: which field of a source plays which role, and the remembered choices */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wm-field-mapping.h"
#include "wm-json-guard.h"

/* A role is a short key; a field name is what GDAL reports (any UTF-8). Both are bounded so
 * that a hostile store or command line cannot make messages or files grow without end. */
#define MAX_ROLE_LENGTH 64
#define MAX_FIELD_LENGTH 1024
#define MAX_ROLES 64
/* The store keeps the most recently remembered sources; older ones are dropped. */
#define MAX_SOURCES 1000
#define STORE_NAME "field-mappings.json"
#define STORE_VERSION 1

struct _WmFieldMapping
{
  GHashTable *fields; /* role (char*) -> field name (char*) */
};

G_DEFINE_QUARK (wm-field-mapping-error-quark, wm_field_mapping_error)

static gboolean
role_is_valid (const char *role)
{
  gsize length = strlen (role);

  if (length == 0 || length > MAX_ROLE_LENGTH)
    return FALSE;
  for (const char *p = role; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
field_is_valid (const char *field)
{
  gsize length = strlen (field);

  if (length == 0 || length > MAX_FIELD_LENGTH || !g_utf8_validate (field, length, NULL))
    return FALSE;
  for (const char *p = field; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      return FALSE;
  return TRUE;
}

/* Checks a role and a field name the way every entry point does. */
static gboolean
check_entry (const char  *role,
             const char  *field,
             GError     **error)
{
  if (!role_is_valid (role))
    {
      /* The role is cut so that a 10 MB key makes a short message. */
      g_autofree char *shown = g_utf8_make_valid (role, MIN (strlen (role), MAX_ROLE_LENGTH));

      g_set_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID,
                   _("“%s” is not a role (letters, digits, “_” and “-”, at most %d)"), shown,
                   MAX_ROLE_LENGTH);
      return FALSE;
    }
  if (!field_is_valid (field))
    {
      g_set_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID,
                   _("the field name for role “%s” is empty, too long or not text"), role);
      return FALSE;
    }
  return TRUE;
}

WmFieldMapping *
wm_field_mapping_new (void)
{
  WmFieldMapping *self = g_new0 (WmFieldMapping, 1);

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

WmFieldMapping *
wm_field_mapping_copy (const WmFieldMapping *self)
{
  WmFieldMapping *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (self != NULL, NULL);

  copy = wm_field_mapping_new ();
  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->fields, g_strdup (key), g_strdup (value));
  return copy;
}

void
wm_field_mapping_free (WmFieldMapping *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->fields);
  g_free (self);
}

void
wm_field_mapping_set (WmFieldMapping *self,
                      const char     *role,
                      const char     *field)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (role != NULL);

  if (field == NULL)
    g_hash_table_remove (self->fields, role);
  else
    g_hash_table_insert (self->fields, g_strdup (role), g_strdup (field));
}

const char *
wm_field_mapping_get (const WmFieldMapping *self,
                      const char           *role)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (role != NULL, NULL);

  return g_hash_table_lookup (self->fields, role);
}

guint
wm_field_mapping_get_n_roles (const WmFieldMapping *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->fields);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

GPtrArray *
wm_field_mapping_get_roles (const WmFieldMapping *self)
{
  GPtrArray *roles;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  roles = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (roles, key);
  g_ptr_array_sort (roles, compare_strings);
  return roles;
}

gboolean
wm_field_mapping_equal (const WmFieldMapping *a,
                        const WmFieldMapping *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (g_hash_table_size (a->fields) != g_hash_table_size (b->fields))
    return FALSE;
  g_hash_table_iter_init (&iter, a->fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b->fields, key)) != 0)
      return FALSE;
  return TRUE;
}

gboolean
wm_field_mapping_parse_assignment (WmFieldMapping  *self,
                                   const char      *text,
                                   GError         **error)
{
  const char *equals;
  g_autofree char *role = NULL;
  g_autofree char *field = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  equals = strchr (text, '=');
  if (equals == NULL || equals == text || equals[1] == '\0')
    {
      g_set_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID,
                   _("a field assignment is ROLE=NAME, e.g. dwellings=aantal_woningen"));
      return FALSE;
    }
  /* Spaces around the role are a typing slip; the field name is taken as written, since GDAL
   * field names may hold spaces. */
  role = g_strstrip (g_strndup (text, equals - text));
  field = g_strdup (equals + 1);
  if (!check_entry (role, field, error))
    return FALSE;
  if (!g_hash_table_contains (self->fields, role) &&
      g_hash_table_size (self->fields) >= MAX_ROLES)
    {
      g_set_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID,
                   _("too many field assignments (at most %d)"), MAX_ROLES);
      return FALSE;
    }
  g_hash_table_insert (self->fields, g_steal_pointer (&role), g_steal_pointer (&field));
  return TRUE;
}

/* The field of @fields equal to @name ignoring case, or NULL. */
static const char *
find_field (const char *const *fields,
            const char        *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      g_autofree char *other = g_utf8_casefold (fields[i], -1);

      if (g_str_equal (folded, other))
        return fields[i];
    }
  return NULL;
}

char **
wm_field_mapping_resolve (WmFieldMapping     *self,
                          const WmFieldRole  *roles,
                          guint               n_roles,
                          const char *const  *fields,
                          GError            **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (roles != NULL || n_roles == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* First the user's choices, so that a candidate is never taken for a role the user set. */
  for (guint r = 0; r < n_roles; r++)
    {
      const char *set = g_hash_table_lookup (self->fields, roles[r].role);
      const char *found;

      if (set == NULL)
        continue;
      found = find_field (fields, set);
      if (found == NULL)
        {
          g_autofree char *list = fields != NULL && fields[0] != NULL
                                  ? g_strjoinv (", ", (char **) fields)
                                  : g_strdup (_("none"));

          g_set_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_NO_FIELD,
                       _("there is no field “%s” for role “%s” (fields: %s)"), set,
                       roles[r].role, list);
          return NULL;
        }
      /* The source's own spelling, so readers can look it up exactly. */
      if (!g_str_equal (found, set))
        g_hash_table_insert (self->fields, g_strdup (roles[r].role), g_strdup (found));
    }

  for (guint r = 0; r < n_roles; r++)
    {
      const char *found = NULL;

      if (g_hash_table_contains (self->fields, roles[r].role))
        continue;
      for (guint c = 0; roles[r].candidates != NULL && roles[r].candidates[c] != NULL; c++)
        {
          found = find_field (fields, roles[r].candidates[c]);
          if (found != NULL)
            break;
        }
      if (found != NULL)
        g_hash_table_insert (self->fields, g_strdup (roles[r].role), g_strdup (found));
      else if (roles[r].required)
        g_ptr_array_add (missing, g_strdup (roles[r].role));
    }

  g_ptr_array_add (missing, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&missing), FALSE);
}

static JsonNode *
mapping_to_node (const WmFieldMapping *self)
{
  g_autoptr(GPtrArray) roles = wm_field_mapping_get_roles (self);
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  /* Sorted, so the same mapping is always the same text. */
  for (guint i = 0; i < roles->len; i++)
    {
      const char *role = g_ptr_array_index (roles, i);

      json_object_set_string_member (object, role, g_hash_table_lookup (self->fields, role));
    }
  json_node_take_object (node, object);
  return node;
}

char *
wm_field_mapping_to_json (const WmFieldMapping *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  node = mapping_to_node (self);
  return wm_json_guard_to_data (node, FALSE, NULL);
}

static WmFieldMapping *
mapping_from_node (JsonNode    *node,
                   const char  *what,
                   GError     **error)
{
  g_autoptr(WmFieldMapping) mapping = wm_field_mapping_new ();
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID,
                   _("%s: a field mapping is a JSON object of role: field name"), what);
      return NULL;
    }
  object = json_node_get_object (node);
  if (json_object_get_size (object) > MAX_ROLES)
    {
      g_set_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID,
                   _("%s: too many roles (at most %d)"), what, MAX_ROLES);
      return NULL;
    }
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *role = l->data;
      JsonNode *value = json_object_get_member (object, role);
      g_autoptr(GError) local_error = NULL;

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          g_autofree char *shown = g_utf8_make_valid (role, MIN (strlen (role), MAX_ROLE_LENGTH));

          g_set_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID,
                       _("%s: the field for role “%s” is not a string"), what, shown);
          return NULL;
        }
      if (!check_entry (role, json_node_get_string (value), &local_error))
        {
          g_set_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID, "%s: %s",
                       what, local_error->message);
          return NULL;
        }
      g_hash_table_insert (mapping->fields, g_strdup (role),
                           g_strdup (json_node_get_string (value)));
    }
  return g_steal_pointer (&mapping);
}

WmFieldMapping *
wm_field_mapping_from_json (const char  *json,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (json != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!wm_json_guard_load (parser, json != NULL ? json : "", length, _("field mapping"),
                           &local_error))
    {
      g_set_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID, "%s",
                   local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID,
                   _("field mapping: empty text"));
      return NULL;
    }
  return mapping_from_node (json_parser_get_root (parser), _("field mapping"), error);
}

/* The remembered choices. */

static char *
store_path (const char *dir)
{
  if (dir != NULL)
    return g_build_filename (dir, STORE_NAME, NULL);
  return g_build_filename (g_get_user_data_dir (), "wijkmix", STORE_NAME, NULL);
}

/* The store's "sources" object, or NULL with @error set when the file is there but unusable;
 * NULL without error when there is no file. The store is a cache of the user's answers, so a
 * broken one costs a question, never an import. */
static JsonObject *
store_load (const char  *path,
            GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root, *sources, *version;
  JsonObject *object;

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!wm_json_guard_load (parser, data, length, path, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto invalid;
  object = json_node_get_object (root);
  version = json_object_get_member (object, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) != STORE_VERSION)
    goto invalid;
  sources = json_object_get_member (object, "sources");
  if (sources == NULL || !JSON_NODE_HOLDS_OBJECT (sources))
    goto invalid;
  return json_object_ref (json_node_get_object (sources));

invalid:
  g_set_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID,
               _("“%s” is not a store of field mappings (version %d)"), path, STORE_VERSION);
  return NULL;
}

WmFieldMapping *
wm_field_mapping_lookup (const char *dir,
                         const char *source_key)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) sources = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  WmFieldMapping *mapping;

  g_return_val_if_fail (source_key != NULL, NULL);

  path = store_path (dir);
  sources = store_load (path, &error);
  if (sources == NULL)
    {
      if (error != NULL)
        g_warning ("Ignoring the remembered field mappings: %s", error->message);
      return NULL;
    }
  node = json_object_get_member (sources, source_key);
  if (node == NULL)
    return NULL;
  mapping = mapping_from_node (node, path, &error);
  if (mapping == NULL)
    g_warning ("Ignoring the remembered field mapping of “%s”: %s", source_key, error->message);
  return mapping;
}

gboolean
wm_field_mapping_remember (const char            *dir,
                           const char            *source_key,
                           const WmFieldMapping  *mapping,
                           GError               **error)
{
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(JsonObject) sources = NULL;
  g_autoptr(JsonObject) kept = json_object_new ();
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GList) members = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gsize length;
  guint n, skip;

  g_return_val_if_fail (source_key != NULL, FALSE);
  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (source_key, -1, NULL))
    {
      g_set_error (error, WM_FIELD_MAPPING_ERROR, WM_FIELD_MAPPING_ERROR_INVALID,
                   _("the name of the source is not text"));
      return FALSE;
    }

  path = store_path (dir);
  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not make the folder “%s”: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  sources = store_load (path, &local_error);
  if (sources == NULL && local_error != NULL)
    g_warning ("Replacing the remembered field mappings: %s", local_error->message);

  /* The newest entry goes last; the oldest are dropped beyond MAX_SOURCES. Members are kept
   * in file order by json-glib. */
  if (sources != NULL)
    members = json_object_get_members (sources);
  n = 0;
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, source_key))
      n++;
  skip = n >= MAX_SOURCES ? n - (MAX_SOURCES - 1) : 0;
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *member;

      if (g_str_equal (l->data, source_key))
        continue;
      if (skip > 0)
        {
          skip--;
          continue;
        }
      member = json_object_get_member (sources, l->data);
      /* Entries that are not mappings are dropped rather than carried forward. */
      if (JSON_NODE_HOLDS_OBJECT (member))
        json_object_set_member (kept, l->data, json_node_copy (member));
    }
  json_object_set_member (kept, source_key, mapping_to_node (mapping));

  json_object_set_int_member (root, "version", STORE_VERSION);
  json_object_set_object_member (root, "sources", g_steal_pointer (&kept));
  json_node_take_object (node, g_steal_pointer (&root));
  text = wm_json_guard_to_data (node, TRUE, &length);
  /* Atomic: a crash leaves the old store or the new one, never half of one. */
  return g_file_set_contents_full (path, text, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   error);
}
