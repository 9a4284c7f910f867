/* fuzz_parser.c - libFuzzer target: one statement through the
 * portable-statement parser (core/sql/parser.c); an operation it reads
 * is written back as SQL (op.c), which must read back the same. */
#include "fuzz.h"

#include "sql/op.h"
#include "sql/parser.h"
#include "util/buf.h"

/* op as portable SQL; NULL when op_to_sql refuses (never for a parsed
 * operation: that aborts). */
static char *to_sql(const strata_op *op)
{
    strata_buf b = {NULL, 0, 0};

    FZ_CHECK(strata__op_to_sql(op, &b) == STRATA_OK);
    return strata__buf_take(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *sql = fz_cstr(data, size);
    strata_op *op = NULL, *again = NULL;
    strata_error err = {0, NULL};
    char *text, *text2;
    int rc = strata__parse_op(&op, "m.sql", sql, 1, 1, &err);

    if (rc != STRATA_OK) {
        if (rc != STRATA_ERR_PARSE)
            fprintf(stderr, "input: %s\nrc %d: %s\n", sql, rc,
                    err.msg ? err.msg : "(no message)");
        FZ_CHECK(rc == STRATA_ERR_PARSE && op == NULL);
        FZ_CHECK(fz_names_line(err.msg, "m.sql"));
        strata__error_clear(&err);
        free(sql);
        return 0;
    }
    FZ_CHECK(err.msg == NULL);
    if (!op) { /* raw SQL: not in the portable subset */
        free(sql);
        return 0;
    }
    (void)strata__op_check(op, &err);
    strata__error_clear(&err);
    /* The round trip: op_to_sql's text reads back into an equal
     * operation, whose text is the same. */
    text = to_sql(op);
    FZ_CHECK(text != NULL);
    rc = strata__parse_op(&again, "m.sql", text, 1, 1, &err);
    if (rc != STRATA_OK || !again)
        fprintf(stderr, "input: %s\nwritten back: %s\nread: %s\n", sql,
                text, err.msg ? err.msg : "(raw SQL)");
    FZ_CHECK(rc == STRATA_OK && again != NULL);
    text2 = to_sql(again);
    if (strcmp(text, text2) != 0)
        fprintf(stderr, "input: %s\nwritten back: %s\nthen: %s\n", sql, text,
                text2);
    FZ_CHECK(strcmp(text, text2) == 0);
    free(text);
    free(text2);
    strata__op_free(again);
    strata__op_free(op);
    free(sql);
    return 0;
}
