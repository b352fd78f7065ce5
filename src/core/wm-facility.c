/* wm-facility.c: being written */
