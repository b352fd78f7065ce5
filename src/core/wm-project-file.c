/* wm-project-file.c: being written */
