/* tabledef.h - SQLite CREATE TABLE and CREATE INDEX text cut into
 * segments (column definitions, table constraints) and clauses, with
 * byte spans into the text, so a table rebuild can edit a definition
 * and keep every part strata does not model exactly as it was written.
 * Hidden inside the driver. */
#ifndef STRATA_SQLITE_TABLEDEF_H
#define STRATA_SQLITE_TABLEDEF_H

#include <stddef.h>

#include "sqlite.h"

/* A byte range of some text; len 0 = absent (off still says where). */
typedef struct sq_span {
    size_t off;
    size_t len;
} sq_span;

/* Token kinds of sq_token(). */
enum {
    SQ_TK_EOF,   /* end of the range */
    SQ_TK_ID,    /* bare word: identifier or keyword */
    SQ_TK_QID,   /* "...", `...` or [...] */
    SQ_TK_STR,   /* '...' */
    SQ_TK_NUM,   /* numeric literal */
    SQ_TK_BLOB,  /* x'...' */
    SQ_TK_VAR,   /* ?1 :a @a $a */
    SQ_TK_LP,
    SQ_TK_RP,
    SQ_TK_COMMA,
    SQ_TK_DOT,
    SQ_TK_SEMI,
    SQ_TK_OP,    /* any other character or operator */
    SQ_TK_BAD    /* unterminated quote */
};

typedef struct sq_tok {
    int type;   /* SQ_TK_* */
    size_t off; /* first byte */
    size_t len; /* bytes */
} sq_tok;

/* The token of s at or after *pos, before end; comments and blanks are
 * skipped.  *pos moves past it. */
sq_tok sq_token(const char *s, size_t end, size_t *pos) SQ_HIDDEN;

/* Clause kinds.  The first four equal STRATA_CON_*. */
enum {
    SQ_CL_PRIMARY_KEY = 1,
    SQ_CL_UNIQUE = 2,
    SQ_CL_CHECK = 3,
    SQ_CL_FOREIGN_KEY = 4, /* REFERENCES (column) / FOREIGN KEY (table) */
    SQ_CL_NOT_NULL,
    SQ_CL_NULL,
    SQ_CL_DEFAULT,
    SQ_CL_COLLATE,
    SQ_CL_GENERATED,
    SQ_CL_OTHER            /* anything this parser does not know */
};

/* One column constraint, or one table constraint. */
typedef struct sq_clause {
    int kind;            /* SQ_CL_* */
    sq_span all;         /* the whole clause, its CONSTRAINT name too */
    sq_span name;        /* the name token after CONSTRAINT; len 0 none */
    sq_span expr;        /* CHECK, GENERATED: inside the parentheses;
                          * DEFAULT: the value as written */
    sq_span *cols;       /* table PK/UNIQUE/FK: column name tokens */
    size_t ncols;
    sq_span ref_table;   /* FK: the parent table token */
    sq_span *ref_cols;   /* FK: parent column tokens (may be none) */
    size_t nref_cols;
    sq_span on_delete;   /* FK: action words as written; len 0 none */
    sq_span on_update;
    int desc;            /* column PRIMARY KEY DESC */
    int autoincrement;   /* PRIMARY KEY ... AUTOINCREMENT */
} sq_clause;

/* One comma-separated part of the column list. */
typedef struct sq_tseg {
    const char *src;     /* the text every span below points into */
    sq_span pre;         /* blanks and comments before the first token */
    sq_span all;         /* first token to the end of the last */
    sq_span post;        /* comments after the last token (no trailing
                          * blanks); len 0 none */
    int column;          /* 1 column definition, 0 table constraint(s) */
    sq_span name;        /* column: the name token */
    sq_span type;        /* column: type as written; len 0 none (off is
                          * then just after the name) */
    sq_clause *clauses;  /* column constraints, or table constraints
                          * (SQLite lets several follow one comma) */
    size_t nclauses;
} sq_tseg;

/* A parsed CREATE TABLE. */
typedef struct sq_tdef {
    const char *sql;     /* borrowed */
    sq_tseg *segs;
    size_t nsegs;
    sq_span close;       /* blanks between the last part and ')' */
    sq_span tail;        /* after ')': WITHOUT ROWID, STRICT */
    int without_rowid;
} sq_tdef;

/* Parse sql (CREATE TABLE text as sqlite_schema keeps it).  Returns
 * STRATA_OK, STRATA_ERR_PARSE (not a CREATE TABLE with a column list)
 * or STRATA_ERR_NOMEM; free with sq_tdef_free either way. */
int sq_tdef_parse(const char *sql, sq_tdef *out) SQ_HIDDEN;
void sq_tdef_free(sq_tdef *d) SQ_HIDDEN;

/* Parse one column definition or table constraint standing alone in
 * text (no separators).  Same codes; free with sq_tseg_free. */
int sq_tseg_parse(const char *text, sq_tseg *out) SQ_HIDDEN;
void sq_tseg_free(sq_tseg *s) SQ_HIDDEN;

/* The identifier or string token sp of s, unquoted, in host memory
 * (NULL when out of memory). */
char *sq_unquote(const char *s, sq_span sp) SQ_HIDDEN;

/* 1 when token sp of s, unquoted, equals name ignoring ASCII case. */
int sq_tok_is(const char *s, sq_span sp, const char *name) SQ_HIDDEN;

/* Text of span sp of s, trimmed, in host memory. */
char *sq_span_dup(const char *s, sq_span sp) SQ_HIDDEN;

/* 1 when text mentions word as a whole identifier (bare, "quoted",
 * `quoted`, [quoted]) or as a whole string literal, ignoring ASCII
 * case; comments do not count. */
int sq_mentions(const char *text, const char *word) SQ_HIDDEN;
/* The same within span sp of s. */
int sq_mentions_span(const char *s, sq_span sp, const char *word)
    SQ_HIDDEN;

/* A constraint of a table, with its name: the one written, or the one
 * PostgreSQL derives (t_pkey, t_a_b_key, t_a_check, t_check, t_a_fkey),
 * made unique by a counter (t_check1) against every written name and
 * those derived before it, in text order -- as the core's parser does
 * (names compared exactly, as there). */
typedef struct sq_con {
    size_t seg;          /* index in the segment array */
    size_t clause;       /* index in that segment's clauses */
    int kind;            /* STRATA_CON_* */
    int column_level;    /* written inside a column definition */
    char *name;          /* host memory */
    int named;           /* written with CONSTRAINT name */
} sq_con;

/* The constraints of segs (PK, UNIQUE, CHECK, FOREIGN KEY), in text
 * order, named for table.  *out is host memory (free with
 * sq_cons_free); STRATA_OK or STRATA_ERR_NOMEM. */
int sq_constraints(const sq_tseg *segs, size_t nsegs, const char *table,
                   sq_con **out, size_t *n) SQ_HIDDEN;
void sq_cons_free(sq_con *cons, size_t n) SQ_HIDDEN;

/* Append to out the name PostgreSQL derives for a constraint of kind
 * on table over cols (a key's columns; a CHECK's one column, from
 * sq_check_column, or none), with counter appended to the label when
 * non-zero (t_check1): abi/name.h's, the one the core derives too. */
int sq_derive_name(int kind, const char *table, const char *const *cols,
                   size_t ncols, unsigned long counter,
                   strata_buf *out) SQ_HIDDEN;
/* *out (host memory) = the one column CHECK expression check references
 * (among cols, the table's, when ncols), which names it, or NULL
 * (abi/checkcol.h, with SQLite's case rule). */
int sq_check_column(const char *check, char *const *cols, size_t ncols,
                    char **out) SQ_HIDDEN;

/* A parsed CREATE INDEX: key spans (expression keys without their
 * wrapping parentheses, ASC/DESC dropped) and the WHERE predicate. */
typedef struct sq_idef {
    sq_span *keys;
    size_t nkeys;
    sq_span where;       /* len 0: not partial */
} sq_idef;

int sq_idef_parse(const char *sql, sq_idef *out) SQ_HIDDEN;
void sq_idef_free(sq_idef *d) SQ_HIDDEN;

#endif
