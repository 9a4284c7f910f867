/* fileio.h - creating the files and directories strata writes for the
 * user (strata.ini, migrations/, new migrations): never over an existing
 * file, never half-written, and undone when the command then refuses. */
#ifndef STRATA_CORE_FILEIO_H
#define STRATA_CORE_FILEIO_H

#include <stddef.h>

#include "util/error.h"

/* Create path holding len bytes of text.  An existing path is
 * STRATA_ERR_EXISTS (O_EXCL: not even a dangling link is followed); a
 * failed write removes the partial file (STRATA_ERR_CONFIG). */
int strata__file_create(const char *path, const char *text, size_t len,
                        strata_error *err);

/* Create directory path and its missing parents (0755).  An existing
 * directory is fine; anything else there is STRATA_ERR_EXISTS.
 * *created = the outermost directory this call made (malloc'd), NULL
 * when it made none: strata__dir_undo removes them again. */
int strata__dir_create(const char *path, char **created, strata_error *err);

/* Remove path and its parents up to created (from strata__dir_create),
 * as long as they are empty; frees created.  NULL created: nothing. */
void strata__dir_undo(const char *path, char *created);

#endif
