/* wm-area.c: being written */
