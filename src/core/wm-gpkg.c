/* wm-gpkg.c: being written */
