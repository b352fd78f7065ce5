/* wm-overview-panel.c: being written */
