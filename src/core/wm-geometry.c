/* wm-geometry.c: being written */
