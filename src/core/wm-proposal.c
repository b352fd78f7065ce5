/* wm-proposal.c: being written */
