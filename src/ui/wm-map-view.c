/* wm-map-view.c: being written */
