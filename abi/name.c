/* name.c - UTF-8-safe cuts of identifiers, PostgreSQL's makeObjectName
 * and the constraint names built on it (abi/name.h). */
#include "name.h"

#include <stdio.h>
#include <string.h>

/* Bytes of s to keep within n without cutting a UTF-8 sequence
 * (PostgreSQL's pg_mbcliplen); len is strlen(s). */
static size_t clip_utf8(const char *s, size_t n, size_t len)
{
    if (n >= len)
        return len;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

size_t strata_abi_clip(const char *s, size_t len, uint32_t max, int chars)
{
    size_t seen = 0;

    if (!max)
        return len;
    if (!chars)
        return clip_utf8(s, max, len);
    /* The byte where character max + 1 begins, if there is one. */
    for (size_t n = 0; n < len; n++)
        if (((unsigned char)s[n] & 0xC0) != 0x80 && seen++ == max)
            return n;
    return len;
}

size_t strata_abi_name_max(uint32_t ident_max)
{
    return ident_max && ident_max < STRATA_ABI_NAME_MAX ? ident_max
                                                        : STRATA_ABI_NAME_MAX;
}

int strata_abi_object_name(const strata_host *host, strata_buf *out,
                           const char *name1, const char *name2,
                           const char *label, size_t max)
{
    size_t n1 = strlen(name1), l1 = n1, n2 = name2 ? strlen(name2) : 0;
    size_t l2 = n2, over = strlen(label) + 1 + (name2 ? 1 : 0);
    size_t avail = max > over ? max - over : 0;

    while (n1 + n2 > avail) {
        if (n1 > n2)
            n1--;
        else
            n2--;
    }
    n1 = clip_utf8(name1, n1, l1);
    n2 = name2 ? clip_utf8(name2, n2, l2) : 0;
    if (host->buf_append(out, name1, n1) ||
        (name2 && (host->buf_append(out, "_", 1) ||
                   host->buf_append(out, name2, n2))) ||
        host->buf_printf(out, "_%s", label))
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

int strata_abi_constraint_name(const strata_host *host, strata_buf *out,
                               int kind, const char *table,
                               const char *const *cols, size_t ncols,
                               unsigned long counter, size_t max)
{
    const char *suffix = kind == STRATA_CON_PRIMARY_KEY ? "pkey"
                         : kind == STRATA_CON_UNIQUE    ? "key"
                         : kind == STRATA_CON_FOREIGN_KEY ? "fkey"
                                                          : "check";
    strata_buf name2 = {0};
    char label[32];
    int rc = STRATA_OK;

    /* PostgreSQL joins every key column (foreign keys too, since 12),
     * names a primary key after none, and a CHECK after the one column
     * its expression references (the caller's to find). */
    if (kind != STRATA_CON_PRIMARY_KEY &&
        (kind != STRATA_CON_CHECK || ncols == 1))
        for (size_t i = 0; rc == STRATA_OK && i < ncols; i++)
            rc = host->buf_printf(&name2, "%s%s", i ? "_" : "",
                                  cols[i] ? cols[i] : "");
    if (counter)
        snprintf(label, sizeof label, "%s%lu", suffix, counter);
    else
        snprintf(label, sizeof label, "%s", suffix);
    if (rc == STRATA_OK)
        rc = strata_abi_object_name(host, out, table ? table : "",
                                    name2.len ? name2.data : NULL, label,
                                    max);
    host->buf_free(&name2);
    return rc ? STRATA_ERR_NOMEM : STRATA_OK;
}
