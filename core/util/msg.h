/* msg.h - an error message built in pieces: one failed append spoils it,
 * and setting it then reports out of memory instead. */
#ifndef STRATA_CORE_MSG_H
#define STRATA_CORE_MSG_H

#include "util/error.h"

typedef struct strata_msg {
    strata_buf b;
    int bad; /* an append failed */
} strata_msg;

void strata__msg_add(strata_msg *m, const char *fmt, ...) STRATA_PRINTF(2, 3);
/* Set err to the message (or to out of memory), free m, return code (or
 * STRATA_ERR_NOMEM). */
int strata__msg_set(strata_msg *m, strata_error *err, int code);

#endif
