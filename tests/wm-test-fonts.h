/* wm-test-fonts.h: let go of the font caches at a drawing test's end, for the leak checker */
#pragma once

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "wm-area-drawing.h"

/* Pango keeps its font map for the thread's lifetime, the area labels their layouts, cairo
 * its font faces and fontconfig its configuration for the process's: dropped so that a leak
 * check sees only ours. FcFini() asserts when a cache is still referenced, so it runs only
 * for a leak check (CI runs with detect_leaks=0). */
static inline void
wm_test_release_fonts (void)
{
  const char *asan = g_getenv ("ASAN_OPTIONS");

  wm_area_drawing_drop_label_cache ();
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  if (asan != NULL && strstr (asan, "detect_leaks=1") != NULL)
    FcFini ();
}
