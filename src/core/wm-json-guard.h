/* wm-json-guard.h: limits checked on JSON text before it reaches json-glib, and JSON output
 * that always parses
 *
 * json-glib's parser recurses once per level of nesting without a limit, so a document of
 * 80,000 nested arrays (160 KB) overflows the stack. Every JSON text the program reads (a
 * changes file, a roadmap catalogue, a segment table, the JSON stored in a project file) goes
 * through wm_json_guard_check() first, or through wm_json_guard_load(), which checks and then
 * parses. The checks are one pass over the text, without recursion and without allocation:
 *
 *  - at most WM_JSON_GUARD_MAX_SIZE bytes;
 *  - arrays and objects nested at most WM_JSON_GUARD_MAX_DEPTH levels;
 *  - no NUL byte, and no string holding a NUL character (the escape \u0000): json-glib
 *    hands strings out as C strings, so an id "a\u0000b" would silently become "a";
 *  - no half of a UTF-16 surrogate pair (\udc00 alone): json-glib turns it into invalid UTF-8.
 *
 * The limits are far above any real file (docs/changes-json.md). Errors name the source, the
 * line and column and the JSON path of the place: `changes.json:1:130: proposals[0].buildings:
 * nested deeper than 64 levels`.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The deepest real document, a changes file with a MultiPolygon, nests 7 levels. */
#define WM_JSON_GUARD_MAX_DEPTH 64
/* A changes file with 100,000 proposals or the building ids of 1,000,000 buildings is
 * about 20 MB; json-glib needs about ten times the text in memory. */
#define WM_JSON_GUARD_MAX_SIZE_MB 128
#define WM_JSON_GUARD_MAX_SIZE ((gsize) WM_JSON_GUARD_MAX_SIZE_MB * 1024 * 1024)

#define WM_JSON_GUARD_ERROR (wm_json_guard_error_quark ())
GQuark wm_json_guard_error_quark (void);
typedef enum
{
  WM_JSON_GUARD_ERROR_TOO_LARGE, /* larger than WM_JSON_GUARD_MAX_SIZE */
  WM_JSON_GUARD_ERROR_TOO_DEEP,  /* nested deeper than WM_JSON_GUARD_MAX_DEPTH */
  WM_JSON_GUARD_ERROR_NUL,       /* a NUL byte, or a string with \u0000 */
  WM_JSON_GUARD_ERROR_SURROGATE, /* a string with half a surrogate pair (\udc00) */
} WmJsonGuardError;

/* Checks @data (@length bytes, or up to its NUL when @length is -1). @source_name names the
 * text in messages (a file name; NULL: "JSON"). Does not check the syntax: that is
 * json-glib's job once the text is known to be safe to give it. */
gboolean wm_json_guard_check (const char *data, gssize length, const char *source_name,
                              GError **error);

/* wm_json_guard_check(), then json_parser_load_from_data(). json-glib's own syntax errors
 * keep JSON_PARSER_ERROR, with the source name in place of its "<data>". */
gboolean wm_json_guard_load (JsonParser *parser, const char *data, gssize length,
                             const char *source_name, GError **error);

/* @root as JSON text. json-glib 1.6 writes a double without a '.' by appending ".0", which
 * turns 1e+17 into the invalid `1e+17.0`; the text returned here is valid JSON and each
 * number parses back to the same double. */
char *wm_json_guard_to_data (JsonNode *root, gboolean pretty, gsize *length);

G_END_DECLS
