/* evil.c - a planted driver for the trust tests: its constructor runs at
 * dlopen, before any check, and leaves a marker file; it also claims the
 * postgresql:// and mariadb:// aliases, to be picked if it is loaded. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "stub.h"

/* $STRATA_TEST_EVIL_MARKER, else ./evil-was-loaded. */
__attribute__((constructor)) static void evil_mark(void)
{
    const char *marker = getenv("STRATA_TEST_EVIL_MARKER");
    int fd = open(marker && *marker ? marker : "evil-was-loaded",
                  O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

    if (fd >= 0)
        close(fd);
}

static const char *const schemes[] = {"evil", "postgresql", "mariadb",
                                      NULL};

static const strata_driver table = {
    .struct_size = sizeof(strata_driver),
    .abi_major = STRATA_ABI_MAJOR,
    .abi_minor = STRATA_ABI_MINOR,
    .name = "evil",
    .version = "6.6.6",
    .schemes = schemes,
    .conn_size = sizeof(strata_conn),
    STUB_FUNCTIONS,
};

STUB_ENTRY(&table);
