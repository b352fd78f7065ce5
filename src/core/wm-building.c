/* wm-building.c: being written */
