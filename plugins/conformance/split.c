/* split.c - the splitter, offline, on the inputs every dialect must get
 * right (quotes, comments, offsets, NUL bytes, the length given), then
 * on its own dialect's tricky inputs where the suite knows them. */
#include <stdlib.h>
#include <string.h>

#include "abi/free.h"
#include "cf.h"

/* One input: how many statements, the text of one of them, or the
 * offset a refusal names (want < 0: STRATA_ERR_PARSE there). */
typedef struct split_case {
    const char *check;
    const char *sql;
    size_t len;        /* 0: strlen(sql) */
    int want;          /* statements; -1: a parse error */
    int which;         /* the statement whose text is compared */
    const char *text;  /* its text; NULL: not compared */
    size_t err_offset; /* want == -1: where the cause is */
    size_t offset;     /* which's offset (0: not compared) */
    uint32_t line;     /* which's line (0: not compared) */
} split_case;

static const split_case generic[] = {
    {"statements", "SELECT 1; SELECT 2", 0, 2, 1, "SELECT 2", 0, 10, 1},
    {"a ';' in a string", "SELECT 'a;b' AS x; SELECT 2", 0, 2, 0,
     "SELECT 'a;b' AS x", 0, 0, 0},
    {"a doubled quote", "SELECT 'it''s; here'; SELECT 2", 0, 2, 0,
     "SELECT 'it''s; here'", 0, 0, 0},
    {"a ';' in a quoted identifier", "SELECT 1 AS \"a;b\"; SELECT 2", 0, 2,
     1, "SELECT 2", 0, 0, 0},
    {"a ';' in comments",
     "-- one; two\nSELECT 1;\n/* three; */ SELECT 2; -- four;\n", 0, 2, 1,
     NULL, 0, 0, 3},
    {"offsets and lines", "SELECT 1;\n\n  SELECT 2;\n", 0, 2, 1, "SELECT 2",
     0, 13, 3},
    {"no terminator at the end", "SELECT 1;\nSELECT 2", 0, 2, 1, "SELECT 2",
     0, 0, 2},
    {"only the length given", "SELECT 1; SELECT 2; SELECT 3", 18, 2, 1,
     "SELECT 2", 0, 0, 0},
    {"empty input", "", 0, 0, 0, NULL, 0, 0, 0},
    {"blanks and comments only", "  -- nothing\n/* here */\n", 0, 0, 0, NULL,
     0, 0, 0},
    {"a NUL byte", "SELECT 1;\0SELECT 2", 18, -1, 0, NULL, 9, 0, 0},
    {"an unterminated string", "SELECT 1; SELECT 'abc", 0, -1, 0, NULL, 17,
     0, 0},
};

/* Bodies holding ';' and client commands, for the dialects the suite
 * knows; a new dialect adds its own here. */
typedef struct dialect_cases {
    const char *name;
    split_case cases[3];
} dialect_cases;

static const dialect_cases dialects[] = {
    {"sqlite",
     {{"a trigger body",
       "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1; "
       "DELETE FROM u; END; SELECT 3", 0, 2, 1, "SELECT 3", 0, 0, 0},
      {"an unterminated trigger body",
       "SELECT 1; CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1;", 0,
       -1, 0, NULL, 10, 0, 0}}},
    {"postgres",
     {{"a dollar-quoted body",
       "CREATE FUNCTION f() RETURNS int AS $f$ SELECT 1; SELECT 2 $f$ "
       "LANGUAGE sql; SELECT 3", 0, 2, 1, "SELECT 3", 0, 0, 0},
      {"a client command refused", "SELECT 1;\n\\i other.sql\n", 0, -1, 0,
       NULL, 10, 0, 0},
      {"nested comments", "/* a /* b; */ c; */ SELECT 1; SELECT 2", 0, 2,
       0, "SELECT 1", 0, 0, 0}}},
    {"mysql",
     {{"a body between DELIMITER lines",
       "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END//\n"
       "DELIMITER ;\nSELECT 3;", 0, 2, 1, "SELECT 3", 0, 0, 0},
      {"a DELIMITER without a delimiter", "SELECT 1;\nDELIMITER\n", 0, -1, 0,
       NULL, 10, 0, 0},
      {"a ';' in backticks", "SELECT 1 AS `a;b`; SELECT 2", 0, 2, 1,
       "SELECT 2", 0, 0, 0}}},
    {"firebird",
     {{"a PSQL body with declarations",
       "CREATE PROCEDURE p AS DECLARE VARIABLE v INTEGER; BEGIN v = 1; "
       "IF (v > 0) THEN BEGIN v = 2; END END; SELECT 3 FROM rdb$database",
       0, 2, 1, "SELECT 3 FROM rdb$database", 0, 0, 0},
      {"an isql command refused", "SELECT 1 FROM rdb$database;\nSET TERM ^ ;\n",
       0, -1, 0, NULL, 28, 0, 0},
      {"EXECUTE BLOCK with CASE",
       "EXECUTE BLOCK AS DECLARE x INTEGER; BEGIN x = CASE WHEN 1 = 1 THEN 1 "
       "END; END; SELECT 2 FROM rdb$database", 0, 2, 1,
       "SELECT 2 FROM rdb$database", 0, 0, 0}}},
};

static int one(cf *x, strata_conn *c, const split_case *k)
{
    strata_stmt_list l = {0};
    size_t len = k->len ? k->len : strlen(k->sql);
    int rc;

    c->errmsg[0] = '\0';
    rc = x->drv->split(c, k->sql, len, &l);
    if (k->want < 0) {
        if (rc != STRATA_ERR_PARSE)
            rc = cf_fail(x, k->check, "returned %s, not STRATA_ERR_PARSE",
                         cf_rc_name(rc));
        else if (!c->errmsg[0])
            rc = cf_fail(x, k->check, "STRATA_ERR_PARSE without a message");
        else if (l.err_offset != k->err_offset)
            rc = cf_fail(x, k->check, "err_offset %zu, not %zu (%s)",
                         l.err_offset, k->err_offset, c->errmsg);
        else
            rc = CF_PASS;
        goto done;
    }
    if (rc != STRATA_OK) {
        rc = cf_fail(x, k->check, "returned %s: %s", cf_rc_name(rc),
                     c->errmsg);
        goto done;
    }
    rc = CF_FAIL;
    if (l.count != (size_t)k->want) {
        cf_fail(x, k->check, "%zu statements, not %d", l.count, k->want);
        goto done;
    }
    for (size_t i = 0; i < l.count; i++)
        if (!l.items[i].sql || !l.items[i].norm) {
            cf_fail(x, k->check, "statement %zu has no %s", i + 1,
                    l.items[i].sql ? "norm" : "sql");
            goto done;
        }
    if (k->want) {
        const strata_stmt *s = &l.items[k->which];

        if (k->text && strcmp(s->sql, k->text) != 0) {
            cf_fail(x, k->check, "statement %d is '%s', not '%s'",
                    k->which + 1, s->sql, k->text);
            goto done;
        }
        if (k->offset && s->offset != k->offset) {
            cf_fail(x, k->check, "statement %d at offset %zu, not %zu",
                    k->which + 1, s->offset, k->offset);
            goto done;
        }
        if (k->line && s->line != k->line) {
            cf_fail(x, k->check, "statement %d on line %u, not %u",
                    k->which + 1, s->line, k->line);
            goto done;
        }
    }
    rc = CF_PASS;
done:
    strata_abi_stmt_list_free(cf_host(), &l);
    if (rc == CF_PASS)
        cf_ok(x, k->check);
    return rc;
}

int cf_area_split(cf *x)
{
    /* Offline: allocated, never connected, as `strata lint` uses it. */
    strata_conn *c = cf_conn_new(x);
    const dialect_cases *d = NULL;

    if (!c)
        return cf_fail(x, "setup", "out of memory");
    for (size_t i = 0; i < sizeof generic / sizeof generic[0]; i++)
        one(x, c, &generic[i]);
    for (size_t i = 0; i < sizeof dialects / sizeof dialects[0]; i++)
        if (strcmp(dialects[i].name, x->drv->name) == 0)
            d = &dialects[i];
    for (size_t i = 0; d && i < 3 && d->cases[i].check; i++)
        one(x, c, &d->cases[i]);
    if (!d)
        cf_unclaimed(x, "split: bodies and client commands (no cases for "
                        "this dialect in plugins/conformance/split.c)");
    cf_close(x, c); /* disconnect on a connection never connected */
    return x->area_failed ? CF_FAIL : CF_PASS;
}
