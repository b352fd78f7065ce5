/* wm-print-operation.c: prints the workshop report or the poster, the same pages as the PDF */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-print-operation.h"

struct _WmPrintOperation
{
  GtkPrintOperation parent_instance;

  WmDocument *document;
  WmScenario *scenario; /* NULL: the active one */
  WmTileRenderer *base_renderer;
  WmReportKind kind;
  WmReport *reports[2]; /* by WmReportKind, made when first asked for */
  GtkWidget *poster_check; /* in the dialog's tab while it is shown */
};

G_DEFINE_FINAL_TYPE (WmPrintOperation, wm_print_operation, GTK_TYPE_PRINT_OPERATION)

GtkPageSetup *
wm_print_operation_new_page_setup (WmReportKind kind)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) paper = gtk_paper_size_new (kind == WM_REPORT_POSTER
                                                           ? GTK_PAPER_NAME_A3
                                                           : GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, kind == WM_REPORT_POSTER
                                             ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                             : GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

WmReport *
wm_print_operation_get_report (WmPrintOperation *self)
{
  g_return_val_if_fail (WM_IS_PRINT_OPERATION (self), NULL);
  if (self->reports[self->kind] == NULL)
    self->reports[self->kind] = wm_report_new (self->document, self->scenario, self->kind, NULL,
                                               self->base_renderer);
  return self->reports[self->kind];
}

void
wm_print_operation_set_kind (WmPrintOperation *self, WmReportKind kind)
{
  g_autoptr (GtkPageSetup) setup = NULL;

  g_return_if_fail (WM_IS_PRINT_OPERATION (self));
  g_return_if_fail (kind == WM_REPORT_WORKSHOP || kind == WM_REPORT_POSTER);
  self->kind = kind;
  setup = wm_print_operation_new_page_setup (kind);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  wm_print_operation_get_report (self);
}

WmReportKind
wm_print_operation_get_kind (WmPrintOperation *self)
{
  g_return_val_if_fail (WM_IS_PRINT_OPERATION (self), WM_REPORT_WORKSHOP);
  return self->kind;
}

static GtkWidget *
wm_print_operation_create_custom_widget (GtkPrintOperation *operation)
{
  WmPrintOperation *self = WM_PRINT_OPERATION (operation);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Print"));
  GtkWidget *report = gtk_check_button_new_with_mnemonic (
      _("The workshop _report: every page, A4 portrait"));
  GtkWidget *poster = gtk_check_button_new_with_mnemonic (
      _("The _poster: one page, A3 landscape"));
  GtkWidget *note = gtk_label_new (_("On other paper the pages are scaled to fit."));

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (poster), GTK_CHECK_BUTTON (report));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->kind == WM_REPORT_POSTER ? poster : report),
                               TRUE);
  gtk_box_append (GTK_BOX (box), report);
  gtk_box_append (GTK_BOX (box), poster);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_box_append (GTK_BOX (box), note);
  self->poster_check = poster;
  g_object_add_weak_pointer (G_OBJECT (poster), (gpointer *) &self->poster_check);
  return box;
}

static void
wm_print_operation_custom_widget_apply (GtkPrintOperation *operation, GtkWidget *widget)
{
  WmPrintOperation *self = WM_PRINT_OPERATION (operation);

  if (self->poster_check != NULL)
    wm_print_operation_set_kind (self,
                                 gtk_check_button_get_active (GTK_CHECK_BUTTON (self->poster_check))
                                     ? WM_REPORT_POSTER
                                     : WM_REPORT_WORKSHOP);
}

static void
wm_print_operation_begin_print (GtkPrintOperation *operation, GtkPrintContext *context)
{
  WmReport *report = wm_print_operation_get_report (WM_PRINT_OPERATION (operation));

  /* Lays the pages out (once). */
  gtk_print_operation_set_n_pages (operation, (int) wm_report_get_n_pages (report));
}

/* The pages have one orientation; the paper is the user's. */
static void
wm_print_operation_request_page_setup (GtkPrintOperation *operation, GtkPrintContext *context,
                                       int page_nr, GtkPageSetup *setup)
{
  WmPrintOperation *self = WM_PRINT_OPERATION (operation);

  gtk_page_setup_set_orientation (setup, self->kind == WM_REPORT_POSTER
                                             ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                             : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
wm_print_operation_draw_page (GtkPrintOperation *operation, GtkPrintContext *context, int page_nr)
{
  WmPrintOperation *self = WM_PRINT_OPERATION (operation);
  WmReport *report = wm_print_operation_get_report (self);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double paper_width = gtk_print_context_get_width (context);
  double paper_height = gtk_print_context_get_height (context);
  double page_width, page_height, scale;

  wm_report_get_page_size (report, &page_width, &page_height);
  if (page_width <= 0 || page_height <= 0)
    return;
  /* 1:1 on the report's own paper; scaled to fit and centred on any other. */
  scale = MIN (paper_width / page_width, paper_height / page_height);
  cairo_save (cr);
  cairo_translate (cr, (paper_width - page_width * scale) / 2,
                   (paper_height - page_height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, page_width, page_height);
  cairo_clip (cr);
  wm_report_draw_page (report, cr, (guint) page_nr);
  cairo_restore (cr);
}

static void
wm_print_operation_dispose (GObject *object)
{
  WmPrintOperation *self = WM_PRINT_OPERATION (object);

  if (self->poster_check != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->poster_check),
                                  (gpointer *) &self->poster_check);
  self->poster_check = NULL;
  g_clear_object (&self->document);
  g_clear_object (&self->scenario);
  g_clear_object (&self->base_renderer);
  for (guint i = 0; i < G_N_ELEMENTS (self->reports); i++)
    g_clear_pointer (&self->reports[i], wm_report_unref);
  G_OBJECT_CLASS (wm_print_operation_parent_class)->dispose (object);
}

static void
wm_print_operation_class_init (WmPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = wm_print_operation_dispose;
  operation_class->create_custom_widget = wm_print_operation_create_custom_widget;
  operation_class->custom_widget_apply = wm_print_operation_custom_widget_apply;
  operation_class->begin_print = wm_print_operation_begin_print;
  operation_class->request_page_setup = wm_print_operation_request_page_setup;
  operation_class->draw_page = wm_print_operation_draw_page;
}

static void
wm_print_operation_init (WmPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  /* The report's pages have their own margins: draw on the whole sheet, in points. */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_show_progress (operation, TRUE);
  gtk_print_operation_set_custom_tab_label (operation, _("Wijkmix"));
}

WmPrintOperation *
wm_print_operation_new (WmDocument *document, WmScenario *scenario, WmReportKind kind,
                        WmTileRenderer *base_renderer)
{
  WmPrintOperation *self;
  WmPlan *plan;
  g_autofree char *job_name = NULL;

  g_return_val_if_fail (WM_IS_DOCUMENT (document), NULL);

  self = g_object_new (WM_TYPE_PRINT_OPERATION, NULL);
  self->document = g_object_ref (document);
  self->scenario = scenario != NULL ? g_object_ref (scenario) : NULL;
  self->base_renderer = base_renderer != NULL ? g_object_ref (base_renderer) : NULL;
  plan = wm_document_get_plan (document);
  if (scenario == NULL)
    scenario = wm_plan_get_active_scenario (plan);
  job_name = g_strdup_printf ("%s - %s", wm_plan_get_name (plan), wm_scenario_get_name (scenario));
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), job_name);
  wm_print_operation_set_kind (self, kind);
  return self;
}
