/* wm-plan.c: being written */
