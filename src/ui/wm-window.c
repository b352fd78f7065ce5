/* wm-window.c: being written */
