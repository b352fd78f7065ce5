/* wm-basemap-source.c: being written */
