/* wm-demo.c: being written */
