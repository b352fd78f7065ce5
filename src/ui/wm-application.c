/* wm-application.c: being written */
