/* test-report.c: the PDF workshop report and the poster, read back with poppler's tools */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib/gstdio.h>

#include "wm-area-drawing.h"
#include "wm-checklist-item.h"
#include "wm-checklist.h"
#include "wm-core.h"
#include "wm-demo.h"
#include "wm-document.h"
#include "wm-map-style.h"
#include "wm-proposal-factory.h"
#include "wm-render-format.h"
#include "wm-report-layout.h"
#include "wm-rehousing-balance.h"
#include "wm-report.h"
#include "wm-scenario-comparison.h"
#include "wm-test-util.h"
#include "wm-test-fonts.h"

#define AUTHOR "Fenna Facilitator"

/* The demo with a demolition of its largest social-rent building, a new build and a new
 * playground, so the report has changes and the checklist has items they trigger. */
static WmDocument *
make_demo_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmPlan) plan = wm_demo_load (&error);
  WmDocument *document;
  WmHistory *history;
  GListModel *buildings;
  WmBuilding *largest = NULL;
  WmBounds bounds;
  g_autoptr(WmGeometry) footprint = NULL;
  WmDwellingMix mix = { { 12, 10, 6, 8, 4 } };
  WmProposal *proposal;

  g_assert_no_error (error);
  document = wm_document_new (plan, NULL);
  history = wm_document_get_history (document);
  buildings = wm_plan_get_buildings (plan);
  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    {
      g_autoptr(WmBuilding) b = g_list_model_get_item (buildings, i);

      if (largest == NULL || wm_building_get_dwellings (b)->counts[WM_SEGMENT_SOCIAL_RENT] >
                               wm_building_get_dwellings (largest)->counts[WM_SEGMENT_SOCIAL_RENT])
        largest = b;
    }
  g_assert_nonnull (largest);
  g_assert_cmpint (wm_building_get_dwellings (largest)->counts[WM_SEGMENT_SOCIAL_RENT], >, 0);
  {
    const char *ids[] = { wm_building_get_id (largest), NULL };

    proposal = wm_proposal_factory_demolish (plan, NULL, ids, 2027, &error);
    g_assert_no_error (error);
    g_assert_true (wm_history_add_proposal (history, NULL, proposal, -1, &error));
    g_assert_no_error (error);
    g_object_unref (proposal);
  }
  bounds = wm_plan_get_bounds (plan);
  footprint = wm_test_square ((bounds.min_x + bounds.max_x) / 2, (bounds.min_y + bounds.max_y) / 2,
                              30);
  proposal = wm_proposal_factory_new_build (plan, NULL, footprint, &mix,
                                            WM_DWELLING_TYPE_APARTMENT, 2029, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (history, NULL, proposal, -1, &error));
  g_object_unref (proposal);
  proposal = wm_proposal_factory_add_facility (plan, NULL, WM_FACILITY_PLAYGROUND,
                                               (bounds.min_x + bounds.max_x) / 2 + 60,
                                               (bounds.min_y + bounds.max_y) / 2, NULL, 2028,
                                               &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (history, NULL, proposal, -1, &error));
  g_object_unref (proposal);
  return document;
}

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("wijkmix-report-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

/* Standard output of a poppler tool; fails the test when it fails. */
static char *
run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

/* pdftotext -raw keeps each cell's lines together (the order they were drawn); without any
 * white space, a word wrapped in a narrow column still matches. */
static char *
pdf_text_squeezed (const char *path,
                   int         first,
                   int         last)
{
  g_autofree char *f = g_strdup_printf ("%d", first);
  g_autofree char *l = g_strdup_printf ("%d", last);
  const char *argv[] = { "pdftotext", "-raw", "-f", f, "-l", l, path, "-", NULL };
  g_autofree char *text = run_tool (argv);
  GString *squeezed = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)) && *p != '\f')
      g_string_append_unichar (squeezed, g_utf8_get_char (p));
  return g_string_free (squeezed, FALSE);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-raw", path, "-", NULL };

  return run_tool (argv);
}

static void
assert_has_text (const char *squeezed_text,
                 const char *needle,
                 const char *what)
{
  g_autoptr(GString) n = g_string_new (NULL);

  for (const char *p = needle; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (n, g_utf8_get_char (p));
  if (strstr (squeezed_text, n->str) == NULL)
    g_error ("The PDF lacks %s “%s”", what, needle);
}

static char *
pdfinfo_field (const char *info,
               const char *field)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  g_autofree char *prefix = g_strconcat (field, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  return NULL;
}

/* The PDF holds binary streams: no strstr. */
static gboolean
bytes_contain (const char *bytes,
               gsize       n_bytes,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= n_bytes; i++)
    if (memcmp (bytes + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  int width, height;
  guchar *rgb;
} Image;

/* Page @page rendered by pdftoppm at @dpi (binary PPM). */
static Image
render_page (const char *pdf,
             int         page,
             int         dpi)
{
  g_autofree char *p = g_strdup_printf ("%d", page);
  g_autofree char *r = g_strdup_printf ("%d", dpi);
  const char *argv[] = { "pdftoppm", "-f", p, "-l", p, "-r", r, pdf, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gsize length;
  int status, maxval, offset = 0;
  Image image = { 0 };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* g_spawn_sync stops at no NUL: the length is what the header says plus the pixels. */
  g_assert_cmpint (sscanf (out, "P6 %d %d %d%n", &image.width, &image.height, &maxval, &offset),
                   ==, 3);
  g_assert_cmpint (maxval, ==, 255);
  length = (gsize) image.width * image.height * 3;
  image.rgb = g_memdup2 (out + offset + 1, length);
  return image;
}

static guint
count_colour (const Image *image,
              double       top,
              double       bottom,
              double       left,
              double       right,
              guint32      colour)
{
  int r = (colour >> 16) & 0xff, g = (colour >> 8) & 0xff, b = colour & 0xff;
  guint n = 0;

  for (int y = (int) (top * image->height); y < (int) (bottom * image->height); y++)
    for (int x = (int) (left * image->width); x < (int) (right * image->width); x++)
      {
        const guchar *px = image->rgb + ((gsize) y * image->width + x) * 3;

        if (ABS (px[0] - r) <= 10 && ABS (px[1] - g) <= 10 && ABS (px[2] - b) <= 10)
          n++;
      }
  return n;
}

static double
non_white_share (const Image *image,
                 double       top,
                 double       bottom,
                 double       left,
                 double       right)
{
  guint n = 0, all = 0;

  for (int y = (int) (top * image->height); y < (int) (bottom * image->height); y++)
    for (int x = (int) (left * image->width); x < (int) (right * image->width); x++)
      {
        const guchar *px = image->rgb + ((gsize) y * image->width + x) * 3;

        all++;
        if (px[0] < 240 || px[1] < 240 || px[2] < 240)
          n++;
      }
  return (double) n / all;
}

/* The segments with the most dwellings in the demo, whose colours the map must show. */
static void
assert_housing_colours (WmDocument  *document,
                        const Image *image,
                        double       top,
                        double       bottom,
                        double       left,
                        double       right)
{
  WmDwellingMix mix = wm_plan_get_baseline_dwellings (wm_document_get_plan (document), NULL);
  WmSegment first = 0;

  for (WmSegment s = 0; s < WM_N_SEGMENTS; s++)
    if (mix.counts[s] > mix.counts[first])
      first = s;
  g_assert_cmpint (mix.counts[first], >, 0);
  g_assert_cmpfloat (non_white_share (image, top, bottom, left, right), >, 0.3);
  if (count_colour (image, top, bottom, left, right, wm_map_style_get_segment_color (first)) < 100)
    g_error ("The map shows too little of the colour of %s (#%06x)", wm_segment_key (first),
             wm_map_style_get_segment_color (first));
}

static void
test_workshop_report (void)
{
  g_autoptr(WmDocument) document = make_demo_document ();
  g_autoptr(WmReport) report = wm_report_new (document, NULL, WM_REPORT_WORKSHOP, AUTHOR, NULL);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;
  const char *info_argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = NULL;
  g_autofree char *pages = NULL, *title = NULL, *author = NULL, *creator = NULL, *size = NULL;
  g_autofree char *subject = NULL, *text = NULL, *first_page = NULL, *created = NULL;
  g_autofree char *expected_pages = NULL;
  g_autofree char *bytes = NULL;
  WmPlan *plan = wm_document_get_plan (document);
  WmIndicatorEngine *engine = wm_document_get_engine (document);
  GListModel *items = wm_checklist_get_items (wm_document_get_checklist (document));
  const char *headings[] = { "Workshop report", "Map of the plan", "Changes", "Indicators",
                             "The whole neighbourhood", "Indicators per area", "Checklist",
                             "Assumptions", "Targets", "Household sizes", "Catchment distances",
                             "Estimated tenure", "Sources and attribution" };
  guint n_pages, n_active = 0;
  gsize n_bytes;
  Image image;

  g_assert_cmpint (wm_report_get_kind (report), ==, WM_REPORT_WORKSHOP);
  n_pages = wm_report_get_n_pages (report);
  g_assert_cmpuint (n_pages, >=, 5);
  g_assert_true (wm_report_write_pdf (report, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Only the report: no temporary file left beside it. */
  g_assert_cmpuint (count_entries (dir), ==, 1);

  info = run_tool (info_argv);
  pages = pdfinfo_field (info, "Pages");
  expected_pages = g_strdup_printf ("%u", n_pages);
  g_assert_cmpstr (pages, ==, expected_pages);
  title = pdfinfo_field (info, "Title");
  g_assert_nonnull (strstr (title, wm_plan_get_name (plan)));
  g_assert_nonnull (strstr (title, wm_scenario_get_name (wm_plan_get_active_scenario (plan))));
  author = pdfinfo_field (info, "Author");
  g_assert_cmpstr (author, ==, AUTHOR);
  creator = pdfinfo_field (info, "Creator");
  g_assert_true (g_str_has_prefix (creator, "Wijkmix"));
  subject = pdfinfo_field (info, "Subject");
  g_assert_cmpstr (subject, ==, "Workshop report of a neighbourhood plan");
  created = pdfinfo_field (info, "CreationDate");
  g_assert_nonnull (created);
  size = pdfinfo_field (info, "Page size");
  g_assert_true (g_str_has_prefix (size, "595.276 x 841.89") ||
                 g_str_has_prefix (size, "595.28 x 841.89"));

  /* Bookmarks and page labels are there. */
  g_assert_true (g_file_get_contents (path, &bytes, &n_bytes, NULL));
  g_assert_true (bytes_contain (bytes, n_bytes, "/Outlines"));
  g_assert_true (bytes_contain (bytes, n_bytes, "/PageLabels"));
  for (const char *const *b = (const char *const[]){ "Map of the plan", "Changes", "Indicators",
                                                     "Indicators per area", "Checklist",
                                                     "Assumptions", "Household sizes",
                                                     "Sources and attribution", NULL };
       *b != NULL; b++)
    {
      g_autofree char *entry = g_strdup_printf ("/Title (%s)", *b);

      if (!bytes_contain (bytes, n_bytes, entry))
        g_error ("No bookmark “%s”", *b);
    }
  /* The contents on the title page link to the sections. */
  g_assert_true (bytes_contain (bytes, n_bytes, "/Subtype /Link"));

  text = pdf_text_squeezed (path, 1, n_pages);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    assert_has_text (text, headings[i], "the heading");
  assert_has_text (text, AUTHOR, "the author");
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(WmChecklistItem) item = g_list_model_get_item (items, i);

      if (!wm_checklist_item_get_active (item))
        continue;
      assert_has_text (text, wm_checklist_item_get_title (item), "the checklist item");
      n_active++;
    }
  /* The demolition and the playground trigger items. */
  g_assert_cmpuint (n_active, >=, 3);
  for (int total = 1; total >= 0; total--)
    for (const char *const *k = wm_indicator_engine_get_keys (engine, total); *k != NULL; k++)
      {
        g_autofree char *label = wm_indicator_engine_get_label (engine, *k);

        assert_has_text (text, label, "the indicator");
      }
  /* Each planning area has its own table. */
  {
    GListModel *areas = wm_plan_get_areas (plan);

    for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
      {
        g_autoptr(WmArea) area = g_list_model_get_item (areas, i);

        assert_has_text (text, wm_area_get_name (area), "the area");
      }
  }
  /* The demo's figures are made up, and the report says so. */
  assert_has_text (text, "illustrative", "the note");
  first_page = pdf_text_squeezed (path, 1, 1);
  assert_has_text (first_page, "Page1of", "the page number");
  /* Every page says so in its footer, in case it is handed round on its own. */
  {
    g_autofree char *last = pdf_text_squeezed (path, n_pages, n_pages);
    g_autofree char *number = g_strdup_printf ("Page %u of %u", n_pages, n_pages);

    assert_has_text (last, "illustrative figures", "the footer");
    assert_has_text (last, number, "the page number");
  }

  /* Page 1: the map lies between the title block and the table under it. */
  image = render_page (path, 1, 72);
  g_assert_cmpint (ABS (image.width - 595), <=, 1);
  assert_housing_colours (document, &image, 0.30, 0.62, 0.12, 0.88);
  g_free (image.rgb);
  remove_dir (dir);
}

static void
test_poster (void)
{
  g_autoptr(WmDocument) document = make_demo_document ();
  g_autoptr(WmReport) report = wm_report_new (document, NULL, WM_REPORT_POSTER, AUTHOR, NULL);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "poster.pdf", NULL);
  g_autoptr(GError) error = NULL;
  const char *info_argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = NULL, *pages = NULL, *size = NULL, *text = NULL, *subject = NULL;
  GListModel *items = wm_checklist_get_items (wm_document_get_checklist (document));
  double width, height;
  gboolean found_open = FALSE;
  Image image;

  wm_report_get_page_size (report, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 1190.55, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.01);
  g_assert_cmpuint (wm_report_get_n_pages (report), ==, 1);
  g_assert_true (wm_report_write_pdf (report, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  info = run_tool (info_argv);
  pages = pdfinfo_field (info, "Pages");
  g_assert_cmpstr (pages, ==, "1");
  size = pdfinfo_field (info, "Page size");
  g_assert_true (g_str_has_prefix (size, "1190.55 x 841.89"));
  subject = pdfinfo_field (info, "Subject");
  g_assert_nonnull (strstr (subject, "Poster"));

  text = pdf_text_squeezed (path, 1, 1);
  assert_has_text (text, "Open checklist items", "the heading");
  assert_has_text (text, "Housing mix", "the heading");
  assert_has_text (text, "Key figures", "the heading");
  for (const char *const *k = (const char *const[]){ "share.social_rent", "affordable_share",
                                                     "new_build_affordable_share", "diversity",
                                                     "households_to_rehouse", NULL };
       *k != NULL; k++)
    {
      g_autofree char *label = wm_indicator_engine_get_label (wm_document_get_engine (document),
                                                              *k);

      assert_has_text (text, label, "the key figure");
    }
  /* The first open items are on it (as many as fit; the first surely). */
  for (guint i = 0; i < g_list_model_get_n_items (items) && !found_open; i++)
    {
      g_autoptr(WmChecklistItem) item = g_list_model_get_item (items, i);

      if (wm_checklist_item_get_status (item) != WM_CHECKLIST_STATUS_OPEN)
        continue;
      assert_has_text (text, wm_checklist_item_get_title (item), "the open item");
      found_open = TRUE;
    }
  g_assert_true (found_open);

  /* The map fills the left 60 % under the title. */
  image = render_page (path, 1, 36);
  assert_housing_colours (document, &image, 0.2, 0.85, 0.05, 0.6);
  g_free (image.rgb);
  remove_dir (dir);
}

static void
test_read_only_folder (void)
{
  g_autoptr(WmDocument) document = make_demo_document ();
  g_autoptr(WmReport) report = wm_report_new (document, NULL, WM_REPORT_WORKSHOP, AUTHOR, NULL);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  if (access (dir, W_OK) == 0)
    {
      /* root writes anyway: /proc is read-only for everyone. */
      g_clear_pointer (&path, g_free);
      path = g_strdup ("/proc/wijkmix-report.pdf");
    }
  g_assert_false (wm_report_write_pdf (report, path, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, path) == NULL)
    g_error ("The message does not name the file: %s", error->message);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpuint (count_entries (dir), ==, 0);
  remove_dir (dir);
}

typedef struct
{
  GCancellable *cancellable;
  guint calls;
  double last;
} Progress;

static void
cancel_after_two_pages (double   fraction,
                        gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpfloat (fraction, >, progress->last);
  progress->last = fraction;
  if (++progress->calls == 2)
    g_cancellable_cancel (progress->cancellable);
}

static void
test_cancel (void)
{
  g_autoptr(WmDocument) document = make_demo_document ();
  g_autoptr(WmReport) report = wm_report_new (document, NULL, WM_REPORT_WORKSHOP, AUTHOR, NULL);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Progress progress = { cancellable, 0, 0 };

  /* An earlier report stays as it was. */
  g_assert_true (g_file_set_contents (path, "earlier", -1, NULL));
  g_assert_false (wm_report_write_pdf (report, path, cancel_after_two_pages, &progress,
                                       cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, ==, 2);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* A new file is not made at all. */
  g_clear_error (&error);
  progress.calls = 0;
  progress.last = 0;
  g_cancellable_reset (cancellable);
  g_assert_false (wm_report_write_pdf (report, fresh, cancel_after_two_pages, &progress,
                                       cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* Not cancelled: progress reaches 1 after the last page. */
  g_clear_error (&error);
  progress.calls = 0;
  progress.last = 0;
  g_cancellable_reset (cancellable);
  progress.cancellable = NULL;
  g_assert_true (wm_report_write_pdf (report, fresh, cancel_after_two_pages, &progress, NULL,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, ==, wm_report_get_n_pages (report));
  g_assert_cmpfloat (progress.last, ==, 1.0);
  remove_dir (dir);
}

/* The same pages on any cairo_t: an image surface scaled as a print context is. */
static void
test_draw_on_image (void)
{
  g_autoptr(WmDocument) document = make_demo_document ();
  g_autoptr(WmReport) report = wm_report_new (document, NULL, WM_REPORT_WORKSHOP, AUTHOR, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1240, 1754);
  cairo_t *cr = cairo_create (surface);
  guint inked = 0;

  for (guint page = 0; page < wm_report_get_n_pages (report); page++)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, 1240 / 595.276, 1240 / 595.276);
      wm_report_draw_page (report, cr, page);
      cairo_restore (cr);
      cairo_surface_flush (surface);
      {
        const guchar *data = cairo_image_surface_get_data (surface);
        int stride = cairo_image_surface_get_stride (surface);
        guint dark = 0;

        for (int y = 0; y < 1754; y += 4)
          for (int x = 0; x < 1240; x += 4)
            if (data[y * stride + x * 4 + 1] < 128)
              dark++;
        if (dark > 200)
          inked++;
      }
    }
  g_assert_cmpuint (inked, ==, wm_report_get_n_pages (report));
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

typedef struct
{
  WmReport *report;
  const char *path;
  gboolean written;
  char *message;
} ThreadJob;

static gpointer
write_in_thread (gpointer data)
{
  ThreadJob *job = data;
  g_autoptr(GError) error = NULL;

  job->written = wm_report_write_pdf (job->report, job->path, NULL, NULL, NULL, &error);
  if (error != NULL)
    job->message = g_strdup (error->message);
  return NULL;
}

/* Made on the main thread, laid out and written in a worker while the plan changes. */
static void
test_worker_thread (void)
{
  g_autoptr(WmDocument) document = make_demo_document ();
  g_autoptr(WmReport) report = wm_report_new (document, NULL, WM_REPORT_WORKSHOP, AUTHOR, NULL);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  ThreadJob job = { report, path, FALSE, NULL };
  GThread *thread = g_thread_new ("report", write_in_thread, &job);
  WmPlan *plan = wm_document_get_plan (document);
  GListModel *proposals = wm_scenario_get_proposals (wm_plan_get_active_scenario (plan));

  /* The user goes on: the report shows the plan as it was when it was made. */
  wm_plan_set_name (plan, "Renamed while writing");
  while (g_list_model_get_n_items (proposals) > 0)
    g_assert_true (wm_history_undo (wm_document_get_history (document)));
  g_thread_join (thread);
  g_assert_cmpstr (job.message, ==, NULL);
  g_free (job.message);
  g_assert_true (job.written);
  text = pdf_text_squeezed (path, 1, 2);
  assert_has_text (text, "Otterlo", "the project as it was");
  assert_has_text (text, "New build", "the proposals as they were");
  g_assert_null (strstr (text, "Renamed"));
  remove_dir (dir);
}

/* The composer: a long table splits over pages, each page repeats the header, every row is
 * there once and in order, a group row never ends a page, nothing crosses the bottom. */
static void
test_layout_table_split (void)
{
  g_autoptr(WmReportLayout) layout = wm_report_layout_new (595.276, 841.89, 50, 48, 50, 58);
  g_autoptr(WmReportTable) table = wm_report_table_new (3, 8);
  WmReportTextStyle body = { "Sans 9", 0x000000, WM_REPORT_ALIGN_LEFT };
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "layout.pdf", NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_pages, next_row = 1;

  wm_report_table_set_column (table, 0, "Column A", 1, WM_REPORT_ALIGN_LEFT);
  wm_report_table_set_column (table, 1, "Column B", 3, WM_REPORT_ALIGN_LEFT);
  wm_report_table_set_column (table, 2, "Column C", 1, WM_REPORT_ALIGN_RIGHT);
  for (guint i = 1; i <= 300; i++)
    {
      guint r;

      if (i % 37 == 1)
        {
          g_autofree char *group = g_strdup_printf ("Group%u", i);

          wm_report_table_add_group_row (table, group);
        }
      r = wm_report_table_add_row (table);
      wm_report_table_set_cellf (table, r, 0, "row%03u", i);
      /* Some rows wrap onto several lines. */
      wm_report_table_set_cell (table, r, 1, i % 5 == 0 ? "a longer text that wraps over more "
                                                          "than one line in its narrow column "
                                                          "of the table, twice or more"
                                                        : "short");
      wm_report_table_set_cellf (table, r, 2, "%u", i * 7);
    }
  wm_report_layout_new_page (layout);
  wm_report_layout_add_heading (layout, 1, "Tables", 40);
  wm_report_layout_add_paragraph (layout, "Before the table.", FALSE, &body, 4);
  wm_report_layout_add_table (layout, table, 6);
  wm_report_layout_add_paragraph (layout, "After the table.", FALSE, &body, 0);
  g_assert_cmpfloat (wm_report_layout_get_y (layout), <=, wm_report_layout_get_bottom (layout));
  n_pages = wm_report_layout_get_n_pages (layout);
  g_assert_cmpuint (n_pages, >=, 4);
  g_assert_cmpuint (wm_report_layout_get_n_outline (layout), ==, 1);
  g_assert_cmpstr (wm_report_layout_get_outline (layout, 0)->title, ==, "Tables");

  surface = cairo_pdf_surface_create (path, 595.276, 841.89);
  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      wm_report_layout_draw_page (layout, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  for (guint page = 1; page <= n_pages; page++)
    {
      const char *argv[] = { "pdftotext", "-raw", "-f", NULL, "-l", NULL, path, "-", NULL };
      g_autofree char *number = g_strdup_printf ("%u", page);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;
      const char *last = NULL;

      argv[3] = argv[5] = number;
      text = run_tool (argv);
      if (strstr (text, "Column A") == NULL)
        g_error ("Page %u lacks the table's header", page);
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          guint row;

          if (sscanf (lines[i], "row%u", &row) == 1)
            {
              g_assert_cmpuint (row, ==, next_row);
              next_row++;
            }
          if (*g_strstrip (lines[i]) != '\0' && *lines[i] != '\f')
            last = lines[i];
        }
      /* pdftotext -raw gives the page in drawing order: a group row drawn last would end it. */
      g_assert_nonnull (last);
      g_assert_false (g_str_has_prefix (last, "Group"));
    }
  g_assert_cmpuint (next_row, ==, 301);
  remove_dir (dir);
}

/* A new project with nothing in it yet still gives a report and a poster. */
static void
test_empty_plan (void)
{
  g_autoptr(WmPlan) plan = wm_plan_new ();
  g_autoptr(WmDocument) document = wm_document_new (plan, NULL);
  g_autofree char *dir = make_dir ();

  for (WmReportKind kind = WM_REPORT_WORKSHOP; kind <= WM_REPORT_POSTER; kind++)
    {
      g_autoptr(WmReport) report = wm_report_new (document, NULL, kind, NULL, NULL);
      g_autofree char *path = g_build_filename (dir, kind == WM_REPORT_POSTER ? "poster.pdf"
                                                                               : "report.pdf",
                                                NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (wm_report_get_n_pages (report), >=, 1);
      g_assert_true (wm_report_write_pdf (report, path, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      text = pdf_text_squeezed (path, 1, 1);
      /* The user's name stands in for a missing author. */
      assert_has_text (text, g_strcmp0 (g_get_real_name (), "Unknown") != 0 &&
                               *g_get_real_name () != '\0' ? g_get_real_name ()
                                                           : g_get_user_name (),
                       "the user's name");
    }
  {
    g_autoptr(WmReport) report = wm_report_new (document, NULL, WM_REPORT_WORKSHOP, NULL, NULL);
    g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
    g_autofree char *text = pdf_text_squeezed (path, 1, wm_report_get_n_pages (report));

    assert_has_text (text, "This scenario has no proposals yet.", "the empty changes");
  }
  remove_dir (dir);
}

/* A scenario other than the active one: its own proposals, indicators and checklist. */
static void
test_other_scenario (void)
{
  g_autoptr(WmDocument) document = make_demo_document ();
  WmPlan *plan = wm_document_get_plan (document);
  g_autoptr(WmScenario) other = wm_scenario_new ("variant-b", "Variant B");
  g_autoptr(WmReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "variant.pdf", NULL);
  g_autofree char *text = NULL;
  WmBounds bounds = wm_plan_get_bounds (plan);
  WmProposal *proposal;

  wm_plan_add_scenario (plan, other);
  proposal = wm_proposal_factory_add_facility (plan, other, WM_FACILITY_SCHOOL,
                                               (bounds.min_x + bounds.max_x) / 2,
                                               (bounds.min_y + bounds.max_y) / 2 - 80,
                                               "School on the green", 2030, &error);
  g_assert_no_error (error);
  g_assert_true (wm_history_add_proposal (wm_document_get_history (document), other, proposal,
                                          -1, &error));
  g_object_unref (proposal);
  g_assert_true (wm_plan_get_active_scenario (plan) != other);

  report = wm_report_new (document, other, WM_REPORT_WORKSHOP, AUTHOR, NULL);
  g_assert_true (wm_report_write_pdf (report, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text_squeezed (path, 1, wm_report_get_n_pages (report));
  assert_has_text (text, "Scenario: Variant B", "the scenario");
  assert_has_text (text, "School on the green", "the variant's proposal");
  /* The active scenario's proposals are not in it. */
  g_assert_null (strstr (text, "Demolish1building"));
  remove_dir (dir);
}


/* Two scenarios: a comparison section with a map of each, the table of every indicator with
 * the best marked and the differences, the checklist and rehousing rows, and the key
 * indicators over the years; one scenario: none of it. */
static void
test_comparison (void)
{
  g_autoptr(WmDocument) document = make_demo_document ();
  WmPlan *plan = wm_document_get_plan (document);
  g_autoptr(WmScenario) other = wm_scenario_new ("variant-b", "Variant B");
  g_autoptr(WmReport) single = NULL, report = NULL;
  g_autoptr(WmScenarioComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "single.pdf", NULL);
  g_autofree char *both = g_build_filename (dir, "compared.pdf", NULL);
  g_autofree char *text = NULL, *single_text = NULL;
  const WmComparisonRow *row;
  guint n_single;

  g_assert_cmpuint (g_list_model_get_n_items (wm_plan_get_scenarios (plan)), ==, 1);
  single = wm_report_new (document, NULL, WM_REPORT_WORKSHOP, AUTHOR, NULL);
  g_assert_true (wm_report_write_pdf (single, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  n_single = wm_report_get_n_pages (single);
  single_text = pdf_text_squeezed (path, 1, n_single);
  g_assert_null (strstr (single_text, "Scenarioscompared"));
  /* The demo's proposals have years: the rehousing balance is there. */
  assert_has_text (single_text, "Rehousing", "the heading");
  assert_has_text (single_text, "must move when the works start", "the rehousing text");
  {
    g_autoptr(WmRehousingBalance) balance = wm_rehousing_balance_new (
      wm_document_get_engine (document), 0, 0);
    gboolean empty = TRUE;

    for (guint i = 0; i < balance->years->len; i++)
      {
        const WmRehousingYear *y = &g_array_index (balance->years, WmRehousingYear, i);

        empty &= y->moving == 0 && y->completed == 0;
      }
    if (empty)
      assert_has_text (single_text, "Nothing to rehouse", "the empty balance");
    else
      {
        assert_has_text (single_text, "Other vacancies needed", "the rehousing table");
        for (guint i = 0; i < balance->years->len; i++)
          {
            const WmRehousingYear *y = &g_array_index (balance->years, WmRehousingYear, i);
            g_autofree char *year = g_strdup_printf ("%d%lld%lld", y->year,
                                                     (long long) y->moving,
                                                     (long long) y->completed);

            assert_has_text (single_text, year, "a year of the rehousing table");
          }
      }
  }

  /* A second scenario that converts social rent away, so the two differ. */
  wm_plan_add_scenario (plan, other);
  {
    GListModel *buildings = wm_plan_get_buildings (plan);
    WmProposal *proposal = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (buildings) && proposal == NULL; i++)
      {
        g_autoptr(WmBuilding) b = g_list_model_get_item (buildings, i);

        if (wm_building_get_dwellings (b)->counts[WM_SEGMENT_SOCIAL_RENT] >= 6)
          proposal = wm_proposal_factory_convert_tenure (plan, other, wm_building_get_id (b),
                                                         WM_SEGMENT_SOCIAL_RENT,
                                                         WM_SEGMENT_OWNER_EXPENSIVE, 6, 2030,
                                                         &error);
      }
    g_assert_no_error (error);
    g_assert_nonnull (proposal);
    g_assert_true (wm_history_add_proposal (wm_document_get_history (document), other, proposal,
                                            -1, &error));
    g_assert_no_error (error);
    g_object_unref (proposal);
  }

  report = wm_report_new (document, NULL, WM_REPORT_WORKSHOP, AUTHOR, NULL);
  g_assert_true (wm_report_write_pdf (report, both, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wm_report_get_n_pages (report), >, n_single);
  text = pdf_text_squeezed (both, 1, wm_report_get_n_pages (report));
  for (const char *const *h = (const char *const[]){ "Scenarios compared", "Over the years",
                                                     "Checklist items called for",
                                                     "Households to rehouse", "Variant B",
                                                     NULL };
       *h != NULL; h++)
    assert_has_text (text, *h, "the comparison");
  {
    g_autofree char *bytes = NULL;
    gsize n_bytes;

    g_assert_true (g_file_get_contents (both, &bytes, &n_bytes, NULL));
    g_assert_true (bytes_contain (bytes, n_bytes, "/Title (Scenarios compared)"));
  }

  /* The table's figures are the comparison's. */
  comparison = wm_scenario_comparison_new (plan, NULL, 0, NULL);
  row = wm_scenario_comparison_find_row (comparison, "share.social_rent");
  g_assert_nonnull (row);
  for (guint i = 0; i < row->cells->len; i++)
    {
      const WmComparisonCell *cell = &g_array_index (row->cells, WmComparisonCell, i);
      g_autofree char *value = wm_render_format_percent (cell->value, 1);
      g_autofree char *points = g_strdup_printf ("%s%.1f pp", cell->difference > 0 ? "+" : "−",
                                                 fabs (100 * cell->difference));

      assert_has_text (text, value, "the scenario's share of social rent");
      if (fabs (cell->difference) >= 0.0005)
        assert_has_text (text, points, "the difference against now");
      if (cell->best)
        {
          g_autofree char *best = g_strdup_printf ("★ %s", value);

          assert_has_text (text, best, "the best of the row");
        }
    }
  /* Each scenario's households to rehouse. */
  for (guint i = 0; i < comparison->scenarios->len; i++)
    {
      WmComparisonScenario *entry = &g_array_index (comparison->scenarios,
                                                    WmComparisonScenario, i);
      g_autofree char *count = g_strdup_printf ("%lld", (long long) entry->households_to_rehouse);

      assert_has_text (text, count, "the households to rehouse");
    }
  /* WM_SCREENSHOT_DIR=DIR keeps the report to look at. */
  if (g_getenv ("WM_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *keep = g_build_filename (g_getenv ("WM_SCREENSHOT_DIR"),
                                                "report-compared.pdf", NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (both, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (keep, contents, length, NULL));
    }
  remove_dir (dir);
}

/* LANGUAGE=nl: Dutch headings and Dutch decimals, in a child started with that language. */
static void
test_dutch (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(WmDocument) document = make_demo_document ();
      g_autoptr(WmReport) report = wm_report_new (document, NULL, WM_REPORT_WORKSHOP, AUTHOR,
                                                  NULL);
      g_autofree char *dir = make_dir ();
      g_autofree char *path = g_build_filename (dir, "rapport.pdf", NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GRegex) dutch_percent = g_regex_new ("[0-9],[0-9](?: |\\x{a0})%", 0, 0, NULL);
      g_autoptr(GRegex) english_percent = g_regex_new ("[0-9]\\.[0-9]%", 0, 0, NULL);

      g_assert_cmpstr (wm_render_format_get_language (), ==, "nl");
      g_assert_true (wm_report_write_pdf (report, path, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      text = pdf_text (path);
      for (const char *const *h = (const char *const[]){ "Verslag van de werksessie", "Wijzigingen",
                                                         "Indicatoren per gebied", "Aannames",
                                                         "Huishoudgrootte",
                                                         "Bronnen en naamsvermelding", NULL };
           *h != NULL; h++)
        if (strstr (text, *h) == NULL)
          g_error ("The Dutch report lacks the heading “%s”", *h);
      g_assert_null (strstr (text, "Assumptions"));
      g_assert_true (g_regex_match_simple ("[0-9]{1,2} (januari|februari|maart|april|mei|juni|"
                                           "juli|augustus|september|oktober|november|december) "
                                           "[0-9]{4}",
                                           text, 0, 0));
      g_assert_true (g_regex_match (dutch_percent, text, 0, NULL));
      g_assert_false (g_regex_match (english_percent, text, 0, NULL));
      remove_dir (dir);
      return;
    }
  g_setenv ("LANGUAGE", "nl", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  wm_core_init ();
  g_test_add_func ("/report/workshop", test_workshop_report);
  g_test_add_func ("/report/poster", test_poster);
  g_test_add_func ("/report/read-only-folder", test_read_only_folder);
  g_test_add_func ("/report/cancel", test_cancel);
  g_test_add_func ("/report/draw-on-image", test_draw_on_image);
  g_test_add_func ("/report/worker-thread", test_worker_thread);
  g_test_add_func ("/report/layout-table-split", test_layout_table_split);
  g_test_add_func ("/report/empty-plan", test_empty_plan);
  g_test_add_func ("/report/other-scenario", test_other_scenario);
  g_test_add_func ("/report/dutch", test_dutch);
  g_test_add_func ("/report/comparison", test_comparison);
  status = g_test_run ();
  wm_test_release_fonts ();
  return status;
}
