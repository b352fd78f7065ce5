/* wm-basemap.c: being written */
