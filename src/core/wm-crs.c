/* wm-crs.c: being written */
