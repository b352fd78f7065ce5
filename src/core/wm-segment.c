/* wm-segment.c: being written */
