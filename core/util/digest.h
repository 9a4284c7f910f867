/* digest.h - the checksums other migration tools keep in their history
 * tables, computed over a file's bytes the way each tool does. */
#ifndef STRATA_CORE_DIGEST_H
#define STRATA_CORE_DIGEST_H

#include <stddef.h>
#include <stdint.h>

/* Lowercase hex of a digest (alg "md5", "sha256" or "sha384", as
 * OpenSSL names them) of n bytes of data into out (at least 97 bytes);
 * 0, or -1 when the digest failed. */
int strata__digest_hex(const char *alg, const void *data, size_t n,
                       char *out, size_t size);

/* Flyway's checksum: CRC-32 (IEEE) over the file's lines read as Java's
 * BufferedReader.readLine does (without their "\n", "\r" or "\r\n"), a
 * UTF-8 byte order mark at the start dropped; as the signed 32-bit int
 * flyway_schema_history.checksum stores. */
int32_t strata__flyway_crc32(const char *text, size_t n);

#endif
