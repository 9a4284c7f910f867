/* digest.c - other tools' file checksums: OpenSSL digests as hex, and
 * Flyway's line-wise CRC-32. */
#include "util/digest.h"

#include <openssl/evp.h>
#include <string.h>

int strata__digest_hex(const char *alg, const void *data, size_t n,
                       char *out, size_t size)
{
    static const char hex[] = "0123456789abcdef";
    const EVP_MD *md = EVP_get_digestbyname(alg);
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int len = 0;

    if (!md || EVP_Digest(data, n, d, &len, md, NULL) != 1 ||
        size < 2 * (size_t)len + 1)
        return -1;
    for (unsigned int i = 0; i < len; i++) {
        out[2 * i] = hex[d[i] >> 4];
        out[2 * i + 1] = hex[d[i] & 15];
    }
    out[2 * len] = '\0';
    return 0;
}

static uint32_t crc_update(uint32_t crc, const unsigned char *p, size_t n)
{
    /* Bitwise: the files are small and this needs no table. */
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc;
}

int32_t strata__flyway_crc32(const char *text, size_t n)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + n;
    uint32_t crc = 0xFFFFFFFFu;

    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        p += 3;
    while (p < end) {
        const unsigned char *eol = p;

        while (eol < end && *eol != '\n' && *eol != '\r')
            eol++;
        crc = crc_update(crc, p, (size_t)(eol - p));
        if (eol < end && *eol == '\r' && eol + 1 < end && eol[1] == '\n')
            eol++;
        p = eol + 1;
    }
    return (int32_t)(crc ^ 0xFFFFFFFFu);
}
