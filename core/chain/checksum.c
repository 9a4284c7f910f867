/* checksum.c - SHA-256 (OpenSSL libcrypto) over a migration's header keys,
 * directives and normalised statements. */
#include "chain/checksum.h"

#include <openssl/evp.h>
#include <string.h>

#include "db/host.h"
#include "util/buf.h"

/* Lower-case hex of the first n bytes of d, NUL-terminated; a table,
 * not snprintf, which cost 12% of a no-op run at 10,000 revisions. */
static void hex(char *out, const unsigned char *d, unsigned n)
{
    static const char digits[] = "0123456789abcdef";

    for (unsigned i = 0; i < n; i++) {
        out[2 * i] = digits[d[i] >> 4];
        out[2 * i + 1] = digits[d[i] & 15];
    }
    out[2 * n] = '\0';
}

/* SHA-256 fetched once: EVP_sha256() in EVP_DigestInit_ex fetches the
 * implementation again on every call, a third of a checksum's cost.
 * Kept for the process's life. */
static const EVP_MD *sha256(void)
{
    static EVP_MD *fetched;

    if (!fetched)
        fetched = EVP_MD_fetch(NULL, "SHA256", NULL);
    return fetched ? fetched : EVP_sha256();
}

/* The digest of what was fed, as lower-case hex of its 32 bytes. */
static int digest_hex(char out[65], const strata_buf *b)
{
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned dlen = 0;

    if (EVP_Digest(b->len ? b->data : "", b->len, d, &dlen, sha256(),
                   NULL) != 1 ||
        dlen < 32)
        return STRATA_ERR;
    hex(out, d, 32);
    return STRATA_OK;
}

/* Feed one field followed by a separator no SQL text can contain, so
 * that moving text between fields changes the digest.  The fields are
 * gathered and digested in one call: the same bytes, fewer calls; so
 * feeding fails only when memory runs out. */
static int field(strata_buf *md, const char *s)
{
    int rc = strata__buf_puts(md, s);

    return rc == STRATA_OK ? strata__buf_append(md, "", 1) : rc;
}

/* A list as "a, b, c", one field. */
static int list_field(strata_buf *md, char *const *v, size_t n)
{
    int rc = STRATA_OK;

    for (size_t i = 0; i < n && rc == STRATA_OK; i++) {
        if (i)
            rc = strata__buf_puts(md, ", ");
        if (rc == STRATA_OK)
            rc = strata__buf_puts(md, v[i]);
    }
    if (rc != STRATA_OK)
        return rc;
    return strata__buf_append(md, "", 1);
}

static int hash_section(strata_buf *md, const strata_revision *r,
                        const strata_section *sec, strata_split_fn split,
                        void *payload, strata_error *err)
{
    strata_stmt_list l = {0};
    const char *dialect = sec->ndialects ? sec->dialects[0] : NULL;
    int rc;
    static const char *const kinds[] = {"+up", "+down", "+verify"};

    rc = field(md, kinds[sec->kind]);
    for (size_t i = 0; i < sec->ndialects && rc == STRATA_OK; i++)
        rc = field(md, sec->dialects[i]);
    if (rc == STRATA_OK)
        rc = field(md, "");
    if (rc != STRATA_OK)
        return strata__nomem(err);
    rc = split(payload, dialect, r, sec, &l, err);
    if (rc != STRATA_OK)
        return rc;
    for (size_t i = 0; i < l.count && rc == STRATA_OK; i++)
        rc = field(md, l.items[i].norm ? l.items[i].norm : l.items[i].sql);
    strata__stmt_list_free(&l);
    if (rc != STRATA_OK)
        return strata__nomem(err);
    return STRATA_OK;
}

int strata__checksum(char out[STRATA_CHECKSUM_SIZE], const strata_revision *r,
                     strata_split_fn split, void *payload, strata_error *err)
{
    strata_buf fed = {0}, *md = &fed;
    int rc = STRATA_OK;

    for (size_t i = 0; i < r->nkeys && rc == STRATA_OK; i++) {
        const char *key = r->keys[i].key;

        if (strcmp(key, "message") == 0)
            continue;
        rc = field(md, key);
        /* Lists hash as parsed, so "a,b" and "a, b" agree. */
        if (rc == STRATA_OK && strcmp(key, "revises") == 0 && r->nparents)
            rc = list_field(md, r->parents, r->nparents);
        else if (rc == STRATA_OK && strcmp(key, "depends") == 0)
            rc = list_field(md, r->depends, r->ndepends);
        else if (rc == STRATA_OK)
            rc = field(md, r->keys[i].value);
    }
    if (rc != STRATA_OK)
        rc = strata__nomem(err);
    for (size_t i = 0; i < r->nsections && rc == STRATA_OK; i++)
        rc = hash_section(md, r, &r->sections[i], split, payload, err);
    if (rc == STRATA_OK && digest_hex(out + 3, md) != STRATA_OK)
        rc = strata__error_set(err, STRATA_ERR, "SHA-256 failed");
    strata__buf_free(md);
    if (rc != STRATA_OK)
        return rc;
    memcpy(out, "v1:", 3);
    return STRATA_OK;
}

int strata__sha256_hex(char out[65], const char *const *parts, size_t n)
{
    strata_buf fed = {0};
    int rc = STRATA_OK;

    for (size_t i = 0; i < n && rc == STRATA_OK; i++)
        rc = field(&fed, parts[i]);
    if (rc == STRATA_OK)
        rc = digest_hex(out, &fed);
    strata__buf_free(&fed);
    return rc;
}
