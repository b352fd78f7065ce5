/* wm-scenario.c: being written */
