/* fuzz_config.c - libFuzzer target: one strata.ini through the ini and
 * config reader (core/util/config.c), without and with "-e prod".  The
 * input goes to a file in a private folder: the reader takes a path. */
#include "fuzz.h"

#include <fcntl.h>
#include <unistd.h>

#include "util/config.h"
#include "util/output.h"

static char dir[] = "/tmp/strata-fuzz-config.XXXXXX";
static char path[sizeof dir + 16];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    FZ_CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/strata.ini", dir);
    /* What the environment could add is the same for every input; two
     * variables for ${VAR} to find. */
    unsetenv("STRATA_URL");
    unsetenv("DATABASE_URL");
    unsetenv("STRATA_DRIVER_PATH");
    setenv("FUZZ_DB", "postgres://u:pw@h/db", 1);
    setenv("FUZZ_EMPTY", "", 1);
    return 0;
}

static void load(const char *env)
{
    strata_config_flags f = STRATA_CONFIG_FLAGS_INIT;
    strata_config c;
    strata_error err = {0, NULL};
    int rc;

    f.config_path = path;
    f.env = env;
    rc = strata__config_load(&c, &f, &err);
    if (rc == STRATA_OK) {
        FZ_CHECK(c.url && c.migrations && c.base_dir);
        strata__config_free(&c);
    } else {
        FZ_CHECK(err.msg != NULL);
    }
    strata__error_clear(&err);
    /* Each load registers the URL's password: start again. */
    strata__secrets_free();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    FZ_CHECK(fd >= 0);
    FZ_CHECK(write(fd, data, size) == (ssize_t)size);
    close(fd);
    load(NULL);
    load("prod");
    return 0;
}
