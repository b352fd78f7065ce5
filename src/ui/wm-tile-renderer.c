/* wm-tile-renderer.c: being written */
