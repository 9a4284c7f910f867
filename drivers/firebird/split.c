/* split.c - Firebird SQL text into statements: ';' ends one outside
 * quotes, comments and PSQL bodies (CREATE PROCEDURE/TRIGGER/FUNCTION/
 * PACKAGE, EXECUTE BLOCK: BEGIN ... END, CASE ... END nest).  isql's own
 * commands (SET TERM, SHOW, INPUT, ...) are refused: strata finds the
 * bodies' ends itself.  DDL is flagged to run alone, committed at once,
 * since Firebird's DML cannot use a table its own transaction created. */
#include <string.h>
#include <strings.h>

#include "fb.h"
#include "../common/conn.h"
#include "../common/stmts.h"

enum { TK_SPACE = 1, TK_COMMENT, TK_WORD, TK_STRING, TK_OTHER, TK_BAD };

static int is_word_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '_' || ch == '$' ||
           (unsigned char)ch >= 0x80;
}

static size_t lex(const char *s, size_t len, size_t i, int *kind)
{
    char ch = s[i];

    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' ||
        ch == '\v') {
        *kind = TK_SPACE;
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                           s[i] == '\r' || s[i] == '\f' || s[i] == '\v'))
            i++;
        return i;
    }
    if (ch == '-' && i + 1 < len && s[i + 1] == '-') {
        *kind = TK_COMMENT;
        while (i < len && s[i] != '\n')
            i++;
        return i;
    }
    if (ch == '/' && i + 1 < len && s[i + 1] == '*') {
        const char *e = NULL;

        *kind = TK_COMMENT;
        for (size_t k = i + 2; k + 1 < len; k++)
            if (s[k] == '*' && s[k + 1] == '/') {
                e = s + k + 2;
                break;
            }
        if (!e) {
            *kind = TK_BAD;
            return len;
        }
        return (size_t)(e - s);
    }
    if (ch == '\'' || ch == '"') {
        *kind = TK_STRING;
        for (i++; i < len; i++)
            if (s[i] == ch) {
                if (i + 1 < len && s[i + 1] == ch)
                    i++;
                else
                    return i + 1;
            }
        *kind = TK_BAD;
        return len;
    }
    if (is_word_char(ch)) {
        *kind = TK_WORD;
        while (i < len && is_word_char(s[i]))
            i++;
        return i;
    }
    *kind = TK_OTHER;
    return i + 1;
}

static int word_is(const char *s, size_t a, size_t b, const char *w)
{
    return b - a == strlen(w) && strncasecmp(s + a, w, b - a) == 0;
}

/* isql's commands, refused with what to do instead. */
static const char *client_command(const char *w1, const char *w2)
{
    static const char *const set_words[] = {
        "TERM", "AUTODDL", "NAMES", "SQL", "LIST", "ECHO", "BAIL", "COUNT",
        "STATS", "PLAN", "BLOB", "HEADING", "WARNINGS", "TIME", "WIDTH",
        NULL};
    static const char *const words[] = {"SHOW", "INPUT", "OUTPUT", "CONNECT",
                                        "QUIT", "EXIT", "EDIT", "SHELL",
                                        "HELP", NULL};

    for (int i = 0; words[i]; i++)
        if (strcasecmp(w1, words[i]) == 0)
            return words[i];
    if (strcasecmp(w1, "SET") == 0)
        for (int i = 0; set_words[i]; i++)
            if (strcasecmp(w2, set_words[i]) == 0)
                return set_words[i];
    return NULL;
}

typedef struct stmt_state {
    size_t start, last_end; /* first token's start, last token's end */
    int ntok;               /* words and symbols so far */
    char w[3][16];          /* its first three words, folded */
    int body;               /* a PSQL body statement */
    int as_seen;            /* the body's AS was read */
    int depth, opened;      /* BEGIN/CASE nesting; a BEGIN was seen */
} stmt_state;

static void note_word(stmt_state *t, const char *s, size_t a, size_t b,
                      int at)
{
    if (at < 3) {
        size_t n = b - a < 15 ? b - a : 15;

        for (size_t k = 0; k < n; k++) {
            char ch = s[a + k];

            t->w[at][k] =
                ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A') : ch;
        }
        t->w[at][n] = '\0';
    }
}

/* After the first words: does a PSQL body follow? */
static int body_kind(const stmt_state *t)
{
    static const char *const objs[] = {"PROCEDURE", "TRIGGER", "FUNCTION",
                                       "PACKAGE", NULL};
    const char *obj = NULL;

    if (strcmp(t->w[0], "EXECUTE") == 0 && strcmp(t->w[1], "BLOCK") == 0)
        return 1;
    if (strcmp(t->w[0], "CREATE") == 0 ||
             strcmp(t->w[0], "RECREATE") == 0 ||
             strcmp(t->w[0], "ALTER") == 0)
        obj = t->w[1];
    for (int i = 0; obj && objs[i]; i++)
        if (strcmp(obj, objs[i]) == 0)
            return 1;
    return 0;
}

static uint32_t stmt_flags(const stmt_state *t)
{
    static const char *const ddl[] = {"CREATE", "ALTER", "DROP", "RECREATE",
                                      "COMMENT", "DECLARE", NULL};

    for (int i = 0; ddl[i]; i++)
        if (strcmp(t->w[0], ddl[i]) == 0)
            return STRATA_STMT_NOTXN;
    if (strcmp(t->w[0], "SET") == 0 && (strcmp(t->w[1], "GENERATOR") == 0 ||
                                        strcmp(t->w[1], "STATISTICS") == 0))
        return STRATA_STMT_NOTXN;
    return 0;
}

/* A finished statement: refused when it is isql's, else added. */
static int add(strata_conn *c, drv_stmts *st, const stmt_state *t,
               strata_stmt_list *out)
{
    const char *cmd = client_command(t->w[0], t->w[1]);
    char *norm;

    if (cmd) {
        out->err_offset = t->start;
        return c->host->error(c, STRATA_ERR_PARSE, NULL,
                              "%s%s is a command of isql, not SQL: strata "
                              "finds the end of PSQL bodies itself and "
                              "commits DDL at once; remove it",
                              strcmp(t->w[0], "SET") == 0 ? "SET " : "",
                              cmd);
    }
    norm = drv_stmts_norm(fb_host, st->sql, t->start, t->last_end, lex,
                          TK_SPACE, TK_COMMENT);
    if (!norm)
        return drv_nomem(c);
    return drv_stmts_add(st, t->start, t->last_end, norm, stmt_flags(t));
}

int fb_split(strata_conn *c, const char *sql, size_t len,
             strata_stmt_list *out)
{
    drv_stmts st;
    stmt_state t;
    int go, kind, rc = drv_stmts_start(&st, fb_host, c, sql, len, out, &go);
    size_t e;

    if (rc != STRATA_OK || !go)
        return rc;
    memset(&t, 0, sizeof t);
    for (size_t i = 0; i < len && rc == STRATA_OK; i = e) {
        e = lex(sql, len, i, &kind);
        if (kind == TK_BAD) {
            rc = STRATA_ERR_PARSE;
            out->err_offset = i;
            c->host->error(c, rc, NULL, "unterminated quote or comment");
            break;
        }
        if (kind == TK_SPACE || kind == TK_COMMENT)
            continue;
        /* In a body, ';' ends statements inside it, from its AS on
         * (declarations first) until its outer BEGIN's END. */
        if (kind == TK_OTHER && sql[i] == ';' &&
            (!t.body || !t.as_seen || (t.opened && t.depth == 0))) {
            if (t.ntok > 0)
                rc = add(c, &st, &t, out);
            memset(&t, 0, sizeof t);
            continue;
        }
        if (t.ntok == 0)
            t.start = i;
        if (kind == TK_WORD) {
            /* CREATE OR ALTER x: x stands in for the second word */
            note_word(&t, sql, i, e, t.ntok == 3 && !strcmp(t.w[1], "OR")
                                          ? 1
                                          : t.ntok);
            if (t.ntok == 1 || t.ntok == 3)
                t.body = body_kind(&t);
            if (t.body && t.depth == 0 && word_is(sql, i, e, "AS"))
                t.as_seen = 1;
            if (t.body && (word_is(sql, i, e, "BEGIN") ||
                           word_is(sql, i, e, "CASE"))) {
                t.depth++;
                t.opened |= word_is(sql, i, e, "BEGIN");
            } else if (t.body && word_is(sql, i, e, "END") && t.depth > 0) {
                t.depth--;
            }
        }
        t.ntok++;
        t.last_end = e;
    }
    if (rc == STRATA_OK && t.ntok > 0)
        rc = add(c, &st, &t, out);
    return drv_stmts_finish(&st, rc, out);
}
