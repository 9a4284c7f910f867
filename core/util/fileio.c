/* fileio.c - exclusive creation of user files, removed when a write
 * fails so that no half-written migration is left for the next run. */
#include "util/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int strata__file_create(const char *path, const char *text, size_t len,
                        strata_error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    size_t off = 0;

    if (fd < 0)
        return strata__error_set(err,
                                 errno == EEXIST ? STRATA_ERR_EXISTS
                                                 : STRATA_ERR_CONFIG,
                                 "cannot create %s: %s", path,
                                 errno == EEXIST ? "it already exists"
                                                 : strerror(errno));
    while (off < len) {
        ssize_t w = write(fd, text + off, len - off);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = w < 0 ? errno : EIO;

            close(fd);
            unlink(path);
            return strata__error_set(err, STRATA_ERR_CONFIG,
                                     "cannot write %s: %s", path,
                                     strerror(e));
        }
        off += (size_t)w;
    }
    if (close(fd) != 0) {
        int e = errno;

        unlink(path);
        return strata__error_set(err, STRATA_ERR_CONFIG,
                                 "cannot write %s: %s", path, strerror(e));
    }
    return STRATA_OK;
}
