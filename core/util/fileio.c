/* fileio.c - exclusive creation of user files, removed when a write
 * fails so that no half-written migration is left for the next run; and
 * the directories they go in. */
#include "util/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* Make one directory; *made = 1 when this call made it. */
static int make_one(const char *path, int *made, strata_error *err)
{
    struct stat st;

    *made = 0;
    if (mkdir(path, 0755) == 0) {
        *made = 1;
        return STRATA_OK;
    }
    if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return STRATA_OK;
    if (errno == EEXIST)
        return strata__error_set(err, STRATA_ERR_EXISTS,
                                 "%s exists and is not a directory", path);
    return strata__error_set(err, STRATA_ERR_CONFIG,
                             "cannot create directory %s: %s", path,
                             strerror(errno));
}

int strata__dir_create(const char *path, char **created, strata_error *err)
{
    char *p = strdup(path);
    int rc = STRATA_OK, made;

    *created = NULL;
    STRATA_ALLOC_CHECK(p, err);
    /* Each parent, then path itself ("a/b/c": a, a/b, a/b/c). */
    for (char *s = p + 1;; s++) {
        if (*s && *s != '/')
            continue;
        if (s[-1] != '/') {
            char keep = *s;

            *s = '\0';
            rc = make_one(p, &made, err);
            if (rc == STRATA_OK && made && !*created &&
                !(*created = strdup(p)))
                rc = strata__nomem(err);
            *s = keep;
        }
        if (rc != STRATA_OK || !*s)
            break;
    }
    free(p);
    if (rc != STRATA_OK) {
        strata__dir_undo(path, *created);
        *created = NULL;
    }
    return rc;
}

void strata__dir_undo(const char *path, char *created)
{
    char *p = created ? strdup(path) : NULL;
    size_t n = p ? strlen(p) : 0;

    while (n > 1 && p[n - 1] == '/')
        p[--n] = '\0';
    /* From path up to created: each is one this run made. */
    while (p && rmdir(p) == 0 && strcmp(p, created) != 0) {
        char *slash = strrchr(p, '/');

        if (!slash || slash == p)
            break;
        *slash = '\0';
    }
    free(p);
    free(created);
}
