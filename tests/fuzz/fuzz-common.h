/* fuzz-common.h: set-up shared by the fuzz targets (libFuzzer, or fuzz-main.c's replay) */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "wm-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* A warning or critical is a bug the input found: abort, so the fuzzer keeps the input. */
static inline void
fuzz_set_up (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("LANGUAGE", "en", TRUE);
  wm_core_init ();
}
