/* fuzz_url.c - libFuzzer target: a database URL through the URL reader
 * (core/util/url.c): scheme, password, every secret form, masking. */
#include "fuzz.h"

#include "util/url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *url = fz_cstr(data, size);
    char *scheme = strata__url_scheme(url);
    char *password = strata__url_password(url);
    char *masked = strata__url_mask(url);
    char **secrets = NULL;
    size_t n = 0;

    FZ_CHECK(masked != NULL);
    /* A scheme is letters, digits, '+', '.', '-', and starts the URL. */
    FZ_CHECK(!scheme || (scheme[0] && strncmp(url, scheme, strlen(scheme)) == 0 &&
                         url[strlen(scheme)] == ':'));
    FZ_CHECK(strata__url_secrets(url, &secrets, &n) == 0);
    FZ_CHECK(n == 0 || secrets != NULL);
    for (size_t i = 0; i < n; i++) {
        FZ_CHECK(secrets[i] != NULL);
        free(secrets[i]);
    }
    free(secrets);
    free(scheme);
    free(password);
    free(masked);
    free(url);
    return 0;
}
