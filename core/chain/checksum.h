/* checksum.h - the "v1:" checksum of a migration file (docs/design.md §2.5):
 * SHA-256 over what runs, so reformatting and comments do not count. */
#ifndef STRATA_CORE_CHECKSUM_H
#define STRATA_CORE_CHECKSUM_H

#include "util/error.h"
#include "chain/migration.h"

/* "v1:" + 64 hex digits + NUL */
#define STRATA_CHECKSUM_SIZE 68

/* Split section sec of r as dialect's splitter does (dialect NULL: a
 * generic section, standard SQL rules), filling out; errors name
 * file:line.  Supplied by the caller, which knows the drivers. */
typedef int (*strata_split_fn)(void *payload, const char *dialect,
                               const strata_revision *r,
                               const strata_section *sec,
                               strata_stmt_list *out, strata_error *err);

/* Checksum of r into out.  Input, in file order: the header keys except
 * "message", every directive, and each section's statements as its
 * dialect's splitter normalises them (a section scoped to several
 * dialects is lexed by the first one's splitter). */
int strata__checksum(char out[STRATA_CHECKSUM_SIZE], const strata_revision *r,
                     strata_split_fn split, void *payload, strata_error *err);

/* SHA-256 of n strings (each followed by a NUL byte) as 64 hex digits
 * and a NUL in out. */
int strata__sha256_hex(char out[65], const char *const *parts, size_t n);

#endif
