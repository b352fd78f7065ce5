/* wm-report-layout.c: pages of text, tables and drawings, laid out once and drawn many times */
#include "config.h"

#include <string.h>

#include <pango/pangocairo.h>

#include "wm-report-layout.h"

#define CELL_PAD_X 3.0
#define CELL_PAD_Y 1.8
#define SWATCH_SIZE 0.8 /* of the font size */

typedef enum
{
  ITEM_TEXT,
  ITEM_RECT,
  ITEM_LINE,
  ITEM_DRAWING,
  ITEM_LINK,
} ItemKind;

typedef struct
{
  ItemKind kind;
  double x, y, width, height; /* a line: from (x, y) to (width, height) */
  guint32 colour;
  double line_width;
  PangoLayout *layout;
  WmReportDrawFunc func;
  gpointer data;
  GDestroyNotify destroy;
  guint target_page;
} Item;

struct _WmReportLayout
{
  double page_width, page_height;
  double left, top, right, bottom;
  PangoFontMap *font_map;
  PangoContext *context;
  GPtrArray *pages; /* GPtrArray of Item* */
  guint current;
  double y;
  GArray *outline;  /* WmReportOutlineEntry */
  int last_section;
};

static void
item_free (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->layout);
  if (item->destroy != NULL)
    item->destroy (item->data);
  g_free (item);
}

static void
outline_entry_clear (gpointer data)
{
  WmReportOutlineEntry *entry = data;

  g_free (entry->title);
}

WmReportLayout *
wm_report_layout_new (double page_width,
                      double page_height,
                      double margin_left,
                      double margin_top,
                      double margin_right,
                      double margin_bottom)
{
  WmReportLayout *self = g_new0 (WmReportLayout, 1);
  cairo_font_options_t *options = cairo_font_options_create ();

  self->page_width = page_width;
  self->page_height = page_height;
  self->left = margin_left;
  self->top = margin_top;
  self->right = page_width - margin_right;
  self->bottom = page_height - margin_bottom;
  /* Our own font map: the layout may be made in a worker and drawn on the main thread. */
  self->font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  /* Unhinted metrics: the same line breaks on paper, in a PNG and in print. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->outline = g_array_new (FALSE, TRUE, sizeof (WmReportOutlineEntry));
  g_array_set_clear_func (self->outline, outline_entry_clear);
  self->last_section = -1;
  self->y = self->top;
  return self;
}

void
wm_report_layout_free (WmReportLayout *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->pages);
  g_array_unref (self->outline);
  g_object_unref (self->context);
  g_object_unref (self->font_map);
  g_free (self);
}

void
wm_report_layout_get_page_size (WmReportLayout *self,
                                double         *width,
                                double         *height)
{
  if (width != NULL)
    *width = self->page_width;
  if (height != NULL)
    *height = self->page_height;
}

guint
wm_report_layout_get_n_pages (WmReportLayout *self)
{
  return self->pages->len;
}

static void
set_colour (cairo_t *cr,
            guint32  colour)
{
  cairo_set_source_rgb (cr, ((colour >> 16) & 0xff) / 255.0, ((colour >> 8) & 0xff) / 255.0,
                        (colour & 0xff) / 255.0);
}

void
wm_report_layout_draw_page (WmReportLayout *self,
                            cairo_t        *cr,
                            guint           page)
{
  GPtrArray *items;

  g_return_if_fail (page < self->pages->len);
  items = g_ptr_array_index (self->pages, page);
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      cairo_save (cr);
      switch (item->kind)
        {
        case ITEM_TEXT:
          set_colour (cr, item->colour);
          cairo_move_to (cr, item->x, item->y);
          pango_cairo_show_layout (cr, item->layout);
          break;
        case ITEM_RECT:
          set_colour (cr, item->colour);
          cairo_rectangle (cr, item->x, item->y, item->width, item->height);
          cairo_fill (cr);
          break;
        case ITEM_LINE:
          set_colour (cr, item->colour);
          cairo_set_line_width (cr, item->line_width);
          cairo_move_to (cr, item->x, item->y);
          cairo_line_to (cr, item->width, item->height);
          cairo_stroke (cr);
          break;
        case ITEM_DRAWING:
          cairo_rectangle (cr, item->x, item->y, item->width, item->height);
          cairo_clip (cr);
          item->func (cr, item->x, item->y, item->width, item->height, item->data);
          break;
        case ITEM_LINK:
          {
            g_autofree char *attributes = NULL;
            char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
            char w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];

            /* cairo reads these with the C locale's decimal point. */
            attributes = g_strdup_printf ("rect=[%s %s %s %s] page=%u",
                                          g_ascii_formatd (x, sizeof x, "%.2f", item->x),
                                          g_ascii_formatd (y, sizeof y, "%.2f", item->y),
                                          g_ascii_formatd (w, sizeof w, "%.2f", item->width),
                                          g_ascii_formatd (h, sizeof h, "%.2f", item->height),
                                          item->target_page + 1);
            cairo_tag_begin (cr, CAIRO_TAG_LINK, attributes);
            cairo_tag_end (cr, CAIRO_TAG_LINK);
          }
          break;
        }
      cairo_restore (cr);
    }
}

double
wm_report_layout_get_left (WmReportLayout *self)
{
  return self->left;
}

double
wm_report_layout_get_width (WmReportLayout *self)
{
  return self->right - self->left;
}

double
wm_report_layout_get_top (WmReportLayout *self)
{
  return self->top;
}

double
wm_report_layout_get_bottom (WmReportLayout *self)
{
  return self->bottom;
}

double
wm_report_layout_get_y (WmReportLayout *self)
{
  return self->y;
}

void
wm_report_layout_set_y (WmReportLayout *self,
                        double          y)
{
  self->y = y;
}

void
wm_report_layout_add_space (WmReportLayout *self,
                            double          height)
{
  self->y += height;
}

guint
wm_report_layout_get_page (WmReportLayout *self)
{
  return self->current;
}

void
wm_report_layout_new_page (WmReportLayout *self)
{
  g_ptr_array_add (self->pages, g_ptr_array_new_with_free_func (item_free));
  self->current = self->pages->len - 1;
  self->y = self->top;
}

static GPtrArray *
current_items (WmReportLayout *self)
{
  if (self->pages->len == 0)
    wm_report_layout_new_page (self);
  return g_ptr_array_index (self->pages, self->current);
}

void
wm_report_layout_select_page (WmReportLayout *self,
                              guint           page)
{
  g_return_if_fail (page < self->pages->len);
  self->current = page;
}

gboolean
wm_report_layout_ensure_space (WmReportLayout *self,
                               double          height)
{
  if (self->pages->len > 0 && (self->y + height <= self->bottom || self->y <= self->top + 0.5))
    return FALSE;
  wm_report_layout_new_page (self);
  return TRUE;
}

static PangoLayout *
make_layout (WmReportLayout              *self,
             const char                  *text,
             gboolean                     markup,
             const PangoFontDescription  *font,
             WmReportAlign                align,
             double                       width)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      /* Figures (right-aligned) are never broken inside a number; text is, if it must. */
      pango_layout_set_wrap (layout, align == WM_REPORT_ALIGN_RIGHT ? PANGO_WRAP_WORD
                                                                    : PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align == WM_REPORT_ALIGN_RIGHT    ? PANGO_ALIGN_RIGHT
                                      : align == WM_REPORT_ALIGN_CENTER ? PANGO_ALIGN_CENTER
                                                                        : PANGO_ALIGN_LEFT);
  /* "30 %" never breaks before its sign (Dutch writes a space there, and so do the bands). */
  if (strstr (text, " %") != NULL)
    {
      g_autoptr(GString) kept = g_string_new (text);

      g_string_replace (kept, " %", "\u00a0%", 0);
      if (markup)
        pango_layout_set_markup (layout, kept->str, -1);
      else
        pango_layout_set_text (layout, kept->str, -1);
    }
  else if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static PangoLayout *
make_styled_layout (WmReportLayout          *self,
                    const char              *text,
                    gboolean                 markup,
                    const WmReportTextStyle *style,
                    double                   width)
{
  PangoFontDescription *font = pango_font_description_from_string (style->font);
  PangoLayout *layout = make_layout (self, text, markup, font, style->align, width);

  pango_font_description_free (font);
  return layout;
}

double
wm_report_layout_measure_text (WmReportLayout          *self,
                               const char              *text,
                               gboolean                 markup,
                               const WmReportTextStyle *style,
                               double                   width)
{
  g_autoptr(PangoLayout) layout = make_styled_layout (self, text, markup, style, width);

  return layout_height (layout);
}

double
wm_report_layout_measure_text_width (WmReportLayout          *self,
                                     const char              *text,
                                     gboolean                 markup,
                                     const WmReportTextStyle *style)
{
  g_autoptr(PangoLayout) layout = make_styled_layout (self, text, markup, style, -1);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static Item *
add_item (WmReportLayout *self,
          ItemKind        kind,
          double          x,
          double          y,
          double          width,
          double          height)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->x = x;
  item->y = y;
  item->width = width;
  item->height = height;
  g_ptr_array_add (current_items (self), item);
  return item;
}

static double
place_layout (WmReportLayout *self,
              PangoLayout    *layout,
              double          x,
              double          y,
              guint32         colour)
{
  double height = layout_height (layout);
  Item *item = add_item (self, ITEM_TEXT, x, y, 0, height);

  item->layout = layout;
  item->colour = colour;
  return height;
}

double
wm_report_layout_add_text (WmReportLayout          *self,
                           double                   x,
                           double                   y,
                           double                   width,
                           const char              *text,
                           gboolean                 markup,
                           const WmReportTextStyle *style)
{
  return place_layout (self, make_styled_layout (self, text, markup, style, width), x, y,
                       style->colour);
}

void
wm_report_layout_add_paragraph (WmReportLayout          *self,
                                const char              *text,
                                gboolean                 markup,
                                const WmReportTextStyle *style,
                                double                   space_after)
{
  PangoLayout *layout = make_styled_layout (self, text, markup, style,
                                            wm_report_layout_get_width (self));

  wm_report_layout_ensure_space (self, layout_height (layout));
  self->y += place_layout (self, layout, self->left, self->y, style->colour) + space_after;
}

void
wm_report_layout_add_heading (WmReportLayout *self,
                              int             level,
                              const char     *text,
                              double          keep_with)
{
  WmReportTextStyle style = {
    .font = level <= 1 ? "Sans Bold 15" : "Sans Bold 11",
    .colour = level <= 1 ? 0x1c3f6e : 0x222222,
  };
  PangoLayout *layout = make_styled_layout (self, text, FALSE, &style,
                                            wm_report_layout_get_width (self));
  double height = layout_height (layout);
  double before = level <= 1 ? 10.0 : 6.0;
  double after = level <= 1 ? 6.0 : 3.0;
  WmReportOutlineEntry entry = { 0 };

  if (self->pages->len > 0 && self->y > self->top + 0.5)
    self->y += before;
  wm_report_layout_ensure_space (self, height + after + keep_with);
  place_layout (self, layout, self->left, self->y, style.colour);
  entry.level = level;
  entry.title = g_strdup (text);
  entry.page = wm_report_layout_get_page (self);
  entry.y = self->y;
  entry.parent = level <= 1 ? -1 : self->last_section;
  g_array_append_val (self->outline, entry);
  if (level <= 1)
    {
      self->last_section = self->outline->len - 1;
      self->y += height + 2;
      wm_report_layout_add_line (self, self->left, self->y, self->right, self->y, 0.8,
                                 style.colour);
      self->y += after;
    }
  else
    self->y += height + after;
}

void
wm_report_layout_add_rect (WmReportLayout *self,
                           double          x,
                           double          y,
                           double          width,
                           double          height,
                           guint32         colour)
{
  add_item (self, ITEM_RECT, x, y, width, height)->colour = colour;
}

void
wm_report_layout_add_line (WmReportLayout *self,
                           double          x0,
                           double          y0,
                           double          x1,
                           double          y1,
                           double          line_width,
                           guint32         colour)
{
  Item *item = add_item (self, ITEM_LINE, x0, y0, x1, y1);

  item->line_width = line_width;
  item->colour = colour;
}

void
wm_report_layout_add_drawing (WmReportLayout   *self,
                              double            x,
                              double            y,
                              double            width,
                              double            height,
                              WmReportDrawFunc  func,
                              gpointer          user_data,
                              GDestroyNotify    destroy)
{
  Item *item = add_item (self, ITEM_DRAWING, x, y, width, height);

  item->func = func;
  item->data = user_data;
  item->destroy = destroy;
}

void
wm_report_layout_add_link (WmReportLayout *self,
                           double          x,
                           double          y,
                           double          width,
                           double          height,
                           guint           page)
{
  add_item (self, ITEM_LINK, x, y, width, height)->target_page = page;
}

/* Tables. The cells of a row are laid out together, so a row is measured once. */

typedef struct
{
  PangoFontDescription *regular, *bold;
  double *x, *widths; /* per column, from the table's left */
  double width;
} TableGeometry;

/* The widest word of a column's title in bold: a title is never broken inside a word. */
static double
widest_title_word (WmReportLayout             *self,
                   const char                 *title,
                   const PangoFontDescription *bold)
{
  g_auto(GStrv) words = g_strsplit_set (title != NULL ? title : "", " \n", -1);
  double widest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      PangoRectangle logical;

      if (*words[i] == '\0')
        continue;
      layout = make_layout (self, words[i], FALSE, bold, WM_REPORT_ALIGN_LEFT, -1);
      pango_layout_get_extents (layout, NULL, &logical);
      widest = MAX (widest, (double) logical.width / PANGO_SCALE);
    }
  return widest;
}

static void
table_geometry_init (WmReportLayout *self,
                     TableGeometry  *geometry,
                     WmReportTable  *table,
                     double          width)
{
  g_autofree double *minimum = g_new (double, table->n_columns);
  double sum = 0, x = 0, deficit = 0, slack = 0;

  geometry->regular = pango_font_description_from_string ("Sans");
  pango_font_description_set_size (geometry->regular, (int) (table->font_size * PANGO_SCALE));
  geometry->bold = pango_font_description_copy (geometry->regular);
  pango_font_description_set_weight (geometry->bold, PANGO_WEIGHT_BOLD);
  geometry->x = g_new (double, table->n_columns);
  geometry->widths = g_new (double, table->n_columns);
  geometry->width = width;
  for (guint c = 0; c < table->n_columns; c++)
    sum += table->weights[c];
  for (guint c = 0; c < table->n_columns; c++)
    {
      geometry->widths[c] = width * table->weights[c] / sum;
      minimum[c] = widest_title_word (self, table->titles[c], geometry->bold) + 2 * CELL_PAD_X + 1;
      if (geometry->widths[c] < minimum[c])
        deficit += minimum[c] - geometry->widths[c];
      else
        slack += geometry->widths[c] - minimum[c];
    }
  /* Columns too narrow for their title's words take from those with room to spare. */
  if (deficit > 0 && slack > 0)
    {
      double take = MIN (1.0, deficit / slack);

      for (guint c = 0; c < table->n_columns; c++)
        if (geometry->widths[c] < minimum[c])
          geometry->widths[c] = geometry->widths[c] + (minimum[c] - geometry->widths[c]) *
                                                        MIN (1.0, slack / deficit);
        else
          geometry->widths[c] -= (geometry->widths[c] - minimum[c]) * take;
    }
  for (guint c = 0; c < table->n_columns; c++)
    {
      geometry->x[c] = x;
      x += geometry->widths[c];
    }
}

static void
table_geometry_clear (TableGeometry *geometry)
{
  pango_font_description_free (geometry->regular);
  pango_font_description_free (geometry->bold);
  g_free (geometry->x);
  g_free (geometry->widths);
}

typedef struct
{
  PangoLayout **layouts; /* per cell, NULL for an empty one */
  double height;
  gboolean group, header;
  const WmReportRow *row;
} RowLayout;

static void
row_layout_clear (RowLayout *row,
                  guint      n)
{
  for (guint c = 0; c < n; c++)
    g_clear_object (&row->layouts[c]);
  g_free (row->layouts);
}

static void
layout_row (WmReportLayout    *self,
            WmReportTable     *table,
            TableGeometry     *geometry,
            const WmReportRow *row,
            gboolean           header,
            RowLayout         *out)
{
  guint n = row != NULL && row->group ? 1 : table->n_columns;
  double tallest = 0;

  out->layouts = g_new0 (PangoLayout *, table->n_columns);
  out->group = row != NULL && row->group;
  out->header = header;
  out->row = row;
  for (guint c = 0; c < n; c++)
    {
      const char *text = header ? table->titles[c] : row->cells[c].text;
      gboolean bold = header || row->cells[c].bold;
      gboolean markup = !header && row->cells[c].markup;
      double width = (out->group ? geometry->width : geometry->widths[c]) - 2 * CELL_PAD_X;
      WmReportAlign align = out->group ? WM_REPORT_ALIGN_LEFT : table->aligns[c];

      if (text == NULL || *text == '\0')
        continue;
      if (!header && row->cells[c].has_swatch)
        width -= table->font_size * (SWATCH_SIZE + 0.4);
      out->layouts[c] = make_layout (self, text, markup, bold ? geometry->bold : geometry->regular,
                                     align, MAX (width, 4.0));
      tallest = MAX (tallest, layout_height (out->layouts[c]));
    }
  if (tallest == 0)
    tallest = table->font_size * 1.2;
  out->height = tallest + 2 * CELL_PAD_Y;
}

/* Places a laid-out row; takes its layouts. */
static void
place_row (WmReportLayout *self,
           WmReportTable  *table,
           TableGeometry  *geometry,
           RowLayout      *row,
           double          x,
           double          y,
           guint           index)
{
  guint n = row->group ? 1 : table->n_columns;
  Item *rule;

  if (row->header)
    add_item (self, ITEM_RECT, x, y, geometry->width, row->height)->colour = 0xdde4ee;
  else if (row->group)
    add_item (self, ITEM_RECT, x, y, geometry->width, row->height)->colour = 0xeceff3;
  else if (table->zebra && index % 2 == 1)
    add_item (self, ITEM_RECT, x, y, geometry->width, row->height)->colour = 0xf6f7f9;
  for (guint c = 0; c < n; c++)
    {
      double cx = x + (row->group ? 0 : geometry->x[c]) + CELL_PAD_X;

      if (!row->header && !row->group && row->row->cells[c].has_swatch)
        {
          double s = table->font_size * SWATCH_SIZE;
          Item *swatch = add_item (self, ITEM_RECT, cx, y + CELL_PAD_Y + table->font_size * 0.3,
                                   s, s);

          swatch->colour = row->row->cells[c].swatch;
          cx += table->font_size * (SWATCH_SIZE + 0.4);
        }
      if (row->layouts[c] != NULL)
        place_layout (self, g_steal_pointer (&row->layouts[c]), cx, y + CELL_PAD_Y, 0x1a1a1a);
    }
  rule = add_item (self, ITEM_LINE, x, y + row->height, x + geometry->width, y + row->height);
  rule->colour = row->header ? 0x55657a : 0xd5d9df;
  rule->line_width = row->header ? 0.8 : 0.4;
}

double
wm_report_layout_measure_table (WmReportLayout *self,
                                WmReportTable  *table,
                                double          width)
{
  TableGeometry geometry;
  RowLayout row;
  double height;

  table_geometry_init (self, &geometry, table, width);
  layout_row (self, table, &geometry, NULL, TRUE, &row);
  height = row.height;
  row_layout_clear (&row, table->n_columns);
  for (guint r = 0; r < table->rows->len; r++)
    {
      layout_row (self, table, &geometry, g_ptr_array_index (table->rows, r), FALSE, &row);
      height += row.height;
      row_layout_clear (&row, table->n_columns);
    }
  table_geometry_clear (&geometry);
  return height;
}

double
wm_report_layout_add_table_at (WmReportLayout *self,
                               WmReportTable  *table,
                               double          x,
                               double          y,
                               double          width)
{
  TableGeometry geometry;
  RowLayout row;
  double top = y;

  table_geometry_init (self, &geometry, table, width);
  layout_row (self, table, &geometry, NULL, TRUE, &row);
  place_row (self, table, &geometry, &row, x, y, 0);
  y += row.height;
  row_layout_clear (&row, table->n_columns);
  for (guint r = 0; r < table->rows->len; r++)
    {
      layout_row (self, table, &geometry, g_ptr_array_index (table->rows, r), FALSE, &row);
      place_row (self, table, &geometry, &row, x, y, r);
      y += row.height;
      row_layout_clear (&row, table->n_columns);
    }
  table_geometry_clear (&geometry);
  return y - top;
}

void
wm_report_layout_add_table (WmReportLayout *self,
                            WmReportTable  *table,
                            double          space_after)
{
  TableGeometry geometry;
  RowLayout header, row, next = { 0 };
  double width = wm_report_layout_get_width (self);
  gboolean have_next = FALSE;
  guint striped = 0;

  table_geometry_init (self, &geometry, table, width);
  layout_row (self, table, &geometry, NULL, TRUE, &header);
  for (guint r = 0; r < table->rows->len; r++)
    {
      double need;
      gboolean at_top;

      if (have_next)
        row = next;
      else
        layout_row (self, table, &geometry, g_ptr_array_index (table->rows, r), FALSE, &row);
      have_next = FALSE;
      need = row.height;
      /* A group row keeps the first row of its group with it, and the last row of a table
       * does not go to a page of its own. */
      if ((row.group || r + 2 == table->rows->len) && r + 1 < table->rows->len)
        {
          layout_row (self, table, &geometry, g_ptr_array_index (table->rows, r + 1), FALSE,
                      &next);
          have_next = TRUE;
          need += next.height;
        }
      at_top = r == 0;
      if (at_top)
        need += header.height;
      if (wm_report_layout_ensure_space (self, need) || at_top)
        {
          RowLayout copy;

          /* The header again on every page the table reaches. */
          layout_row (self, table, &geometry, NULL, TRUE, &copy);
          place_row (self, table, &geometry, &copy, self->left, self->y, 0);
          self->y += copy.height;
          row_layout_clear (&copy, table->n_columns);
          striped = 0;
        }
      place_row (self, table, &geometry, &row, self->left, self->y, row.group ? 0 : striped++);
      if (row.group)
        striped = 0;
      self->y += row.height;
      row_layout_clear (&row, table->n_columns);
    }
  if (have_next)
    row_layout_clear (&next, table->n_columns);
  if (table->rows->len == 0)
    {
      wm_report_layout_ensure_space (self, header.height);
      place_row (self, table, &geometry, &header, self->left, self->y, 0);
      self->y += header.height;
    }
  row_layout_clear (&header, table->n_columns);
  table_geometry_clear (&geometry);
  self->y += space_after;
}

guint
wm_report_layout_get_n_outline (WmReportLayout *self)
{
  return self->outline->len;
}

const WmReportOutlineEntry *
wm_report_layout_get_outline (WmReportLayout *self,
                              guint           index)
{
  g_return_val_if_fail (index < self->outline->len, NULL);
  return &g_array_index (self->outline, WmReportOutlineEntry, index);
}
