/* seed_coerce.c - a seed value read by its column's live type: integers,
 * decimals, floats, booleans, dates and timestamps, each in one
 * canonical form, so a value from a file and the engine's spelling of
 * the same value compare equal (a second run changes nothing). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "run/seed/seed.h"
#include "util/buf.h"

/* The type's leading word, lowered ("character varying(20)" ->
 * "character"), and whether the rest says "with time zone". */
static void base_word(const char *type, char *out, size_t size)
{
    size_t n = 0;

    while (*type == ' ')
        type++;
    while (type[n] && (isalnum((unsigned char)type[n]) || type[n] == '_') &&
           n + 1 < size) {
        out[n] = (char)tolower((unsigned char)type[n]);
        n++;
    }
    out[n] = '\0';
}

static int word_in(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return 1;
    return 0;
}

static int has_word(const char *type, const char *word)
{
    size_t n = strlen(word);

    for (const char *p = type; *p; p++)
        if (strncasecmp(p, word, n) == 0)
            return 1;
    return 0;
}

strata_seed_kind strata__seed_kind(const char *type)
{
    static const char *const ints[] = {
        "int", "integer", "bigint", "smallint", "mediumint", "tinyint",
        "int2", "int4", "int8", "serial", "bigserial", "smallserial",
        "serial4", "serial8", "serial2", NULL};
    static const char *const decimals[] = {"numeric", "decimal", "dec",
                                           NULL};
    static const char *const floats[] = {"real", "double", "float",
                                         "float4", "float8", NULL};
    char w[32];

    if (!type)
        return STRATA_SEED_TEXT;
    base_word(type, w, sizeof w);
    if (strcmp(w, "bool") == 0 || strcmp(w, "boolean") == 0 ||
        strncasecmp(type, "tinyint(1)", 10) == 0)
        return STRATA_SEED_BOOL;
    if (word_in(w, ints))
        return STRATA_SEED_INT;
    if (word_in(w, decimals))
        return STRATA_SEED_DECIMAL;
    if (word_in(w, floats))
        return STRATA_SEED_FLOAT;
    if (strcmp(w, "date") == 0)
        return STRATA_SEED_DATE;
    if ((strcmp(w, "char") == 0 || strcmp(w, "character") == 0 ||
         strcmp(w, "nchar") == 0 || strcmp(w, "bpchar") == 0) &&
        !has_word(type, "varying"))
        return STRATA_SEED_CHAR;
    if (strcmp(w, "timestamptz") == 0 ||
        (strcmp(w, "timestamp") == 0 && has_word(type, "with time zone") &&
         !has_word(type, "without time zone")))
        return STRATA_SEED_TIMESTAMPTZ;
    if (strcmp(w, "timestamp") == 0 || strcmp(w, "datetime") == 0)
        return STRATA_SEED_TIMESTAMP;
    return STRATA_SEED_TEXT;
}

size_t strata__seed_maxlen(const char *type)
{
    static const char *const chars[] = {"char", "character", "varchar",
                                        "nchar", "nvarchar", "varchar2",
                                        NULL};
    const char *p;
    char w[32];

    if (!type)
        return 0;
    base_word(type, w, sizeof w);
    if (!word_in(w, chars) || !(p = strchr(type, '(')))
        return 0;
    return (size_t)strtoul(p + 1, NULL, 10);
}

const char *strata__seed_kind_name(strata_seed_kind k)
{
    switch (k) {
    case STRATA_SEED_INT:
        return "an integer";
    case STRATA_SEED_DECIMAL:
    case STRATA_SEED_FLOAT:
        return "a number";
    case STRATA_SEED_BOOL:
        return "a boolean (true/false, yes/no, on/off, 1/0)";
    case STRATA_SEED_DATE:
        return "a date (YYYY-MM-DD)";
    case STRATA_SEED_TIMESTAMP:
    case STRATA_SEED_TIMESTAMPTZ:
        return "a timestamp (YYYY-MM-DD[ HH:MM[:SS[.ffffff]]][Z|+HH:MM])";
    default:
        return "text";
    }
}

size_t strata__seed_chars(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static const char *trim(const char *v, size_t *len)
{
    size_t n = strlen(v);

    while (n && isspace((unsigned char)*v)) {
        v++;
        n--;
    }
    while (n && isspace((unsigned char)v[n - 1]))
        n--;
    *len = n;
    return v;
}

/* [+-]digits[.digits][e[+-]digits] with digits on one side of the
 * point at least; the parts found. */
typedef struct number {
    int neg;
    const char *ip, *fp; /* integer and fraction digits */
    size_t in, fn;
    long exp;
} number;

static int read_number(const char *v, size_t len, number *n)
{
    size_t i = 0;

    memset(n, 0, sizeof *n);
    if (i < len && (v[i] == '+' || v[i] == '-'))
        n->neg = v[i++] == '-';
    n->ip = v + i;
    while (i < len && isdigit((unsigned char)v[i]))
        i++, n->in++;
    if (i < len && v[i] == '.') {
        n->fp = v + ++i;
        while (i < len && isdigit((unsigned char)v[i]))
            i++, n->fn++;
    }
    if (!n->in && !n->fn)
        return 1;
    if (i < len && (v[i] == 'e' || v[i] == 'E')) {
        char *end;

        if (++i >= len)
            return 1;
        n->exp = strtol(v + i, &end, 10);
        if (end == v + i || (size_t)(end - v) != len || n->exp > 1000 ||
            n->exp < -1000)
            return 1;
        i = len;
    }
    return i != len;
}

/* A decimal in its shortest exact spelling: no '+', no leading zeros,
 * no trailing fraction zeros, "-0" as "0". */
static int decimal(const char *v, size_t len, strata_buf *out)
{
    strata_buf d = {0};
    number n;
    long point;
    size_t first, last;
    int rc = STRATA_OK;

    if (read_number(v, len, &n))
        return 1;
    /* All digits in one string, the point after `point` of them. */
    if (strata__buf_append(&d, n.ip, n.in) ||
        strata__buf_append(&d, n.fp ? n.fp : "", n.fn))
        goto nomem;
    point = (long)n.in + n.exp;
    while (point < 0) { /* 0.00ddd */
        if (strata__buf_append(&d, "0", 1))
            goto nomem;
        memmove(d.data + 1, d.data, d.len - 1);
        d.data[0] = '0';
        point++;
    }
    while ((size_t)point > d.len)
        if (strata__buf_append(&d, "0", 1))
            goto nomem;
    for (first = 0; first < (size_t)point && d.data[first] == '0'; first++)
        ;
    for (last = d.len; last > (size_t)point && d.data[last - 1] == '0';
         last--)
        ;
    {
        int zero = 1;

        for (size_t i = first; i < last; i++)
            zero &= d.data[i] == '0';
        if (zero) {
            rc = strata__buf_puts(out, "0");
        } else {
            if (n.neg)
                rc = strata__buf_puts(out, "-");
            if (!rc && first == (size_t)point)
                rc = strata__buf_puts(out, "0");
            if (!rc)
                rc = strata__buf_append(out, d.data + first,
                                        (size_t)point - first);
            if (!rc && last > (size_t)point)
                rc = strata__buf_printf(out, ".%.*s",
                                        (int)(last - (size_t)point),
                                        d.data + point);
        }
    }
    strata__buf_free(&d);
    return rc;
nomem:
    strata__buf_free(&d);
    return STRATA_ERR_NOMEM;
}

static int boolean(const char *v, size_t len, strata_buf *out)
{
    static const char *const yes[] = {"1", "t", "true", "y", "yes", "on"};
    static const char *const no[] = {"0", "f", "false", "n", "no", "off"};

    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        if (strlen(yes[i]) == len && strncasecmp(v, yes[i], len) == 0)
            return strata__buf_puts(out, "1");
        if (strlen(no[i]) == len && strncasecmp(v, no[i], len) == 0)
            return strata__buf_puts(out, "0");
    }
    return 1;
}

static int digits(const char *v, size_t n, int *out)
{
    *out = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)v[i]))
            return 1;
        *out = *out * 10 + (v[i] - '0');
    }
    return 0;
}

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

/* Days since 1970-01-01 (proleptic Gregorian), for offsets. */
static long days_from_civil(int y, int m, int d)
{
    long era;
    unsigned yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    long era;
    unsigned doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400) + (*m <= 2);
}

/* YYYY-MM-DD[(T| )HH:MM[:SS[.f{1,9}]]][ ][Z|(+|-)HH[[:]MM]]; with
 * date_only, the date alone. */
static int timestamp(const char *v, size_t len, int date_only, int tz,
                     strata_buf *out)
{
    int y, mo, d, h = 0, mi = 0, s = 0, oh = 0, om = 0, sign = 0;
    char frac[10] = "";
    size_t i = 10, fn = 0;
    long secs;

    if (len < 10 || v[4] != '-' || v[7] != '-' || digits(v, 4, &y) ||
        digits(v + 5, 2, &mo) || digits(v + 8, 2, &d) || mo < 1 || mo > 12 ||
        d < 1 || d > days_in(y, mo))
        return 1;
    if (date_only) {
        if (len != 10)
            return 1;
        return strata__buf_printf(out, "%04d-%02d-%02d", y, mo, d);
    }
    if (i < len && (v[i] == 'T' || v[i] == 't' || v[i] == ' ')) {
        i++;
        if (i + 5 > len || v[i + 2] != ':' || digits(v + i, 2, &h) ||
            digits(v + i + 3, 2, &mi) || h > 23 || mi > 59)
            return 1;
        i += 5;
        if (i < len && v[i] == ':') {
            if (i + 3 > len || digits(v + i + 1, 2, &s) || s > 59)
                return 1;
            i += 3;
            if (i < len && v[i] == '.') {
                for (i++; i < len && isdigit((unsigned char)v[i]); i++)
                    if (fn < 9)
                        frac[fn++] = v[i];
                if (!fn)
                    return 1;
            }
        }
    }
    if (i < len && v[i] == ' ')
        i++;
    if (i < len && (v[i] == 'Z' || v[i] == 'z')) {
        sign = 1;
        i++;
    } else if (i < len && (v[i] == '+' || v[i] == '-')) {
        sign = v[i++] == '-' ? -1 : 1;
        if (i + 2 > len || digits(v + i, 2, &oh) || oh > 15)
            return 1;
        i += 2;
        if (i < len && v[i] == ':')
            i++;
        if (i < len) {
            if (i + 2 > len || digits(v + i, 2, &om) || om > 59)
                return 1;
            i += 2;
        }
    }
    if (i != len)
        return 1;
    while (fn && frac[fn - 1] == '0')
        frac[--fn] = '\0';
    /* To UTC. */
    secs = (long)h * 3600 + mi * 60 + s - sign * (oh * 3600L + om * 60L);
    {
        long day = days_from_civil(y, mo, d) + (secs < 0 ? -1 : 0) +
                   (secs >= 86400 ? 1 : 0);

        secs = (secs % 86400 + 86400) % 86400;
        civil_from_days(day, &y, &mo, &d);
    }
    return strata__buf_printf(out, "%04d-%02d-%02d %02ld:%02ld:%02ld%s%s%s",
                              y, mo, d, secs / 3600, secs / 60 % 60,
                              secs % 60, fn ? "." : "", frac,
                              tz ? "+00" : "");
}

int strata__seed_coerce(strata_seed_kind k, const char *v, strata_buf *out)
{
    size_t len;
    const char *t = trim(v, &len);
    char num[64];
    number n;

    switch (k) {
    case STRATA_SEED_INT:
        if (read_number(t, len, &n) || n.fn || n.exp || !n.in ||
            (n.fp && n.fn == 0 && 0))
            return 1;
        if (n.fp) /* "3." */
            return 1;
        return decimal(t, len, out);
    case STRATA_SEED_DECIMAL:
        return decimal(t, len, out);
    case STRATA_SEED_FLOAT: {
        double d;

        if (read_number(t, len, &n))
            return 1;
        memcpy(num, t, len < sizeof num - 1 ? len : sizeof num - 1);
        num[len < sizeof num - 1 ? len : sizeof num - 1] = '\0';
        d = strtod(num, NULL);
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(num, sizeof num, "%.*g", prec, d);
            if (strtod(num, NULL) == d)
                break;
        }
        return strata__buf_puts(out, num);
    }
    case STRATA_SEED_BOOL:
        return boolean(t, len, out);
    case STRATA_SEED_DATE:
        /* An engine may answer a date as a midnight timestamp. */
        if (len > 10 && timestamp(t, 10, 1, 0, out) == 0)
            return strncmp(t + 10, " 00:00:00", len - 10) == 0 ? 0 : 1;
        return timestamp(t, len, 1, 0, out);
    case STRATA_SEED_TIMESTAMP:
    case STRATA_SEED_TIMESTAMPTZ:
        return timestamp(t, len, 0, k == STRATA_SEED_TIMESTAMPTZ, out);
    case STRATA_SEED_CHAR: /* PostgreSQL pads to n, MySQL strips */
        len = strlen(v);
        while (len && v[len - 1] == ' ')
            len--;
        return strata__buf_append(out, v, len);
    default:
        return strata__buf_puts(out, v);
    }
}
