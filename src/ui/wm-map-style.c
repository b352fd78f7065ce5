/* wm-map-style.c: being written */
