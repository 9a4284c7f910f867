/* split_check.h - the promises every splitter's result keeps (driver.h,
 * strata_stmt_list), checked by the splitter targets alike. */
#ifndef STRATA_TEST_FUZZ_SPLIT_CHECK_H
#define STRATA_TEST_FUZZ_SPLIT_CHECK_H

#include "fuzz.h"

#include "strata/driver.h"

/* rc and l as split() left them on the size bytes of sql: on success,
 * statements in order, each inside the input, starting where it says,
 * on the line it says (messages quote file:line from it); on failure,
 * an empty list and a cause inside the input. */
static inline void fz_split_check(int rc, const char *sql, size_t size,
                                  const strata_stmt_list *l)
{
    size_t prev = 0;
    uint32_t line = 1;
    size_t counted = 0; /* newlines counted up to here */

    if (rc != STRATA_OK) {
        FZ_CHECK(l->count == 0 && l->items == NULL);
        FZ_CHECK(rc != STRATA_ERR_PARSE || l->err_offset <= size);
        return;
    }
    FZ_CHECK(l->count == 0 || l->items != NULL);
    for (size_t i = 0; i < l->count; i++) {
        const strata_stmt *s = &l->items[i];
        size_t n;

        FZ_CHECK(s->sql && s->norm);
        FZ_CHECK(s->offset < size && s->offset >= prev);
        n = strlen(s->sql);
        FZ_CHECK(n > 0 && n <= size - s->offset);
        for (; counted < s->offset; counted++)
            line += sql[counted] == '\n';
        FZ_CHECK(s->line == line);
        prev = s->offset + 1;
    }
}

#endif
