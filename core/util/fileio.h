/* fileio.h - creating the files strata writes for the user (strata.ini,
 * new migrations): never over an existing file, never half-written. */
#ifndef STRATA_CORE_FILEIO_H
#define STRATA_CORE_FILEIO_H

#include <stddef.h>

#include "util/error.h"

/* Create path holding len bytes of text.  An existing path is
 * STRATA_ERR_EXISTS (O_EXCL: not even a dangling link is followed); a
 * failed write removes the partial file (STRATA_ERR_CONFIG). */
int strata__file_create(const char *path, const char *text, size_t len,
                        strata_error *err);

#endif
