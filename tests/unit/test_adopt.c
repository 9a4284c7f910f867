/* test_adopt.c - the pure parts of history takeover: other tools'
 * checksums (standard CRC-32 / SHA-2 vectors through each tool's
 * rules), their version comparisons, and rows matched to revisions. */
#include "graph_fixture.h"

#include <sys/stat.h>
#include <unistd.h>

#include "chain/takeover.h"
#include "util/digest.h"

/* CRC-32 of "123456789" is 0xCBF43926 (the standard check value); Flyway
 * stores it as a signed int and reads lines without their endings, so
 * the line breaks and a byte order mark do not count. */
static void flyway_crc(void **state)
{
    static const char bom[] = "\xEF\xBB\xBF" "1234\r\n56789\r\n";

    (void)state;
    assert_int_equal(strata__flyway_crc32("123456789", 9), -873187034);
    assert_int_equal(strata__flyway_crc32("1234\n56789\n", 11), -873187034);
    assert_int_equal(strata__flyway_crc32("12\r34\r\n\n56789", 13),
                     -873187034);
    assert_int_equal(strata__flyway_crc32(bom, sizeof bom - 1), -873187034);
    assert_int_equal(strata__flyway_crc32("", 0), 0);
    /* A BOM elsewhere is text. */
    assert_int_not_equal(strata__flyway_crc32("1\xEF\xBB\xBF", 4),
                         strata__flyway_crc32("1", 1));
}

/* FIPS 180-2 vectors: sqlx keeps SHA-384 of the file, Drizzle and
 * Prisma SHA-256, byte for byte (no line-ending folding). */
static void sha_vectors(void **state)
{
    char out[100];

    (void)state;
    assert_int_equal(strata__tool_checksum(STRATA_SUM_SHA384, "abc", 3, out,
                                           sizeof out),
                     0);
    assert_string_equal(out, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1"
                             "631a8b605a43ff5bed8086072ba1e7cc2358baeca134c"
                             "825a7");
    assert_int_equal(strata__tool_checksum(STRATA_SUM_SHA256, "abc", 3, out,
                                           sizeof out),
                     0);
    assert_string_equal(out, "ba7816bf8f01cfea414140de5dae2223b00361a39617"
                             "7a9cb410ff61f20015ad");
    assert_int_equal(strata__tool_checksum(STRATA_SUM_FLYWAY_CRC32,
                                           "123456789", 9, out, sizeof out),
                     0);
    assert_string_equal(out, "-873187034");
    assert_int_equal(strata__tool_checksum(STRATA_SUM_OTHER, "x", 1, out,
                                           sizeof out),
                     -1);
}

static void key_compare(void **state)
{
    (void)state;
    assert_int_equal(strata__key_cmp(STRATA_KEY_NUMBER, "001", "1"), 0);
    assert_true(strata__key_cmp(STRATA_KEY_NUMBER, "10", "9") > 0);
    assert_true(strata__key_cmp(STRATA_KEY_NUMBER, "9", "10") < 0);
    assert_int_equal(strata__key_cmp(STRATA_KEY_NUMBER, "2017-09-03-210424",
                                     "20170903210424"),
                     0);
    assert_true(strata__key_cmp(STRATA_KEY_NUMBER, "20240101000000",
                                "20231231235959") > 0);
    assert_int_equal(strata__key_cmp(STRATA_KEY_DOTTED, "1.0", "1"), 0);
    assert_int_equal(strata__key_cmp(STRATA_KEY_DOTTED, "1_1", "1.1"), 0);
    assert_int_equal(strata__key_cmp(STRATA_KEY_DOTTED, "1.01", "1.1"), 0);
    assert_true(strata__key_cmp(STRATA_KEY_DOTTED, "1.10", "1.9") > 0);
    assert_true(strata__key_cmp(STRATA_KEY_DOTTED, "2", "1.9.9") > 0);
    assert_true(strata__key_cmp(STRATA_KEY_DOTTED, "1.2", "1.2.1") < 0);
    assert_int_equal(strata__key_cmp(STRATA_KEY_TEXT, "001", "001"), 0);
    assert_true(strata__key_cmp(STRATA_KEY_TEXT, "001", "1") != 0);
}

/* A linear chain r1..rn whose reader gave tool versions keys[i]. */
static void chain(fx *f, const char *const *keys, size_t n)
{
    char id[32], parent[32];

    for (size_t i = 0; i < n; i++) {
        strata_revision *r;

        snprintf(id, sizeof id, "r%zu", i + 1);
        snprintf(parent, sizeof parent, "r%zu", i);
        r = mkrev(id, i ? parent : NULL, NULL, NULL);
        r->tool_version = keys[i] ? xstrdup(keys[i]) : NULL;
        add(f, r);
    }
    build_ok(f);
}

static strata_foreign_row row(const char *key, int state)
{
    strata_foreign_row r = {0};

    r.key = (char *)key;
    r.state = state;
    return r;
}

static const strata_foreign_tool *tool(const char *name)
{
    const strata_foreign_tool *t = strata__foreign_tool(name);

    assert_non_null(t);
    return t;
}

/* Match n rows of tool name's table to f's revisions, into t. */
static void map(fx *f, const char *name, strata_foreign_row *rows, size_t n,
                strata_takeover *t)
{
    strata_foreign fr = {0};

    fr.tool = tool(name);
    fr.rows = rows;
    fr.nrows = n;
    assert_int_equal(strata__takeover_map(f->g, &fr, 1 << 20, t, &f->err),
                     STRATA_OK);
}

static int state(const strata_takeover *t, fx *f, const char *id)
{
    long i = strata__graph_find(f->g, id);

    assert_true(i >= 0);
    return t->revs[i].state;
}

/* golang-migrate keeps one row: everything up to it applied, and that
 * one dirty when the flag says so. */
static void golang_migrate_upto(void **state_)
{
    static const char *const keys[] = {"1", "2", "3", "4"};
    strata_foreign_row rows[1];
    strata_takeover t;
    fx f = {0};

    (void)state_;
    chain(&f, keys, 4);
    rows[0] = row("3", STRATA_FOREIGN_FAILED);
    rows[0].upto = 1;
    map(&f, "golang-migrate", rows, 1, &t);
    assert_int_equal(state(&t, &f, "r1"), STRATA_TAKE_APPLIED);
    assert_int_equal(state(&t, &f, "r2"), STRATA_TAKE_APPLIED);
    assert_int_equal(state(&t, &f, "r3"), STRATA_TAKE_FAILED);
    assert_int_equal(state(&t, &f, "r4"), STRATA_TAKE_NONE);
    assert_int_equal(t.norphans, 0);
    strata__takeover_free(&t);
    /* A version no file defines: reported. */
    rows[0] = row("7", STRATA_FOREIGN_APPLIED);
    rows[0].upto = 1;
    map(&f, "golang-migrate", rows, 1, &t);
    assert_int_equal(t.norphans, 1);
    assert_int_equal(state(&t, &f, "r4"), STRATA_TAKE_APPLIED);
    strata__takeover_free(&t);
    fx_free(&f);
}

/* Rows match by the tool's own comparison; a rolled back one is not
 * applied and a later row about the same migration wins. */
static void rows_by_key(void **state_)
{
    static const char *const keys[] = {"00001", "00002", "00003", NULL};
    strata_foreign_row rows[4];
    strata_takeover t;
    fx f = {0};

    (void)state_;
    chain(&f, keys, 4);
    rows[0] = row("1", STRATA_FOREIGN_APPLIED);
    rows[1] = row("2", STRATA_FOREIGN_REVERTED);
    rows[2] = row("3", STRATA_FOREIGN_APPLIED);
    rows[3] = row("9", STRATA_FOREIGN_REVERTED); /* gone: not reported */
    map(&f, "goose", rows, 4, &t);
    assert_int_equal(state(&t, &f, "r1"), STRATA_TAKE_APPLIED);
    assert_int_equal(state(&t, &f, "r2"), STRATA_TAKE_NONE);
    assert_int_equal(state(&t, &f, "r3"), STRATA_TAKE_APPLIED);
    assert_int_equal(state(&t, &f, "r4"), STRATA_TAKE_NONE); /* no key */
    assert_int_equal(t.norphans, 0);
    strata__takeover_free(&t);
    /* dbmate compares text: "1" is not "00001". */
    map(&f, "dbmate", rows, 4, &t);
    assert_int_equal(state(&t, &f, "r1"), STRATA_TAKE_NONE);
    assert_int_equal(t.norphans, 2);
    strata__takeover_free(&t);
    fx_free(&f);
}

/* Write text to dir/name, its path into path (size bytes). */
static void put_file(const char *dir, const char *name, const char *text,
                     char *path, size_t size)
{
    FILE *fp;

    snprintf(path, size, "%s/%s", dir, name);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* Flyway: a baseline stands for what is below it, a repeatable matches
 * by its description, and checksums are compared with the files. */
static void flyway_rows(void **state_)
{
    static const char *const keys[] = {"1", "1.1", "2", "Views"};
    char dir[] = "/tmp/strata-adopt-XXXXXX", path[64], name[32], now[16];
    strata_foreign_row rows[3];
    strata_takeover t;
    fx f = {0};

    (void)state_;
    assert_non_null(mkdtemp(dir));
    chain(&f, keys, 4);
    f.revs[3]->repeatable = 1;
    for (size_t i = 0; i < 4; i++) {
        snprintf(name, sizeof name, "f%zu.sql", i);
        put_file(dir, name, "123456789", path, sizeof path);
        free(f.revs[i]->path);
        f.revs[i]->path = xstrdup(path);
    }
    snprintf(now, sizeof now, "%d", (int)strata__flyway_crc32("123456789", 9));
    rows[0] = row("1.1", STRATA_FOREIGN_APPLIED);
    rows[0].upto = 2;
    rows[1] = row("2", STRATA_FOREIGN_APPLIED);
    rows[1].checksum = (char *)"12345";
    rows[2] = row("Views", STRATA_FOREIGN_APPLIED);
    rows[2].repeatable = 1;
    rows[2].checksum = now;
    map(&f, "flyway", rows, 3, &t);
    assert_int_equal(state(&t, &f, "r1"), STRATA_TAKE_APPLIED);
    assert_int_equal(state(&t, &f, "r2"), STRATA_TAKE_APPLIED);
    assert_true(t.revs[0].baseline && t.revs[1].baseline);
    assert_int_equal(t.revs[2].sums, STRATA_SUMS_DIFFER);
    assert_string_equal(t.revs[2].file_sum, now);
    assert_int_equal(state(&t, &f, "r4"), STRATA_TAKE_APPLIED);
    assert_int_equal(t.revs[3].sums, STRATA_SUMS_SAME);
    assert_int_equal(t.norphans, 0);
    strata__takeover_free(&t);
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/f%zu.sql", dir, i);
        unlink(path);
    }
    rmdir(dir);
    fx_free(&f);
}

/* Liquibase names a changeset by id and author. */
static void liquibase_keys(void **state_)
{
    static const char *const keys[] = {"alice:1", "db/a.sql::2::bob", "3"};
    strata_foreign_row rows[3];
    strata_takeover t;
    fx f = {0};

    (void)state_;
    chain(&f, keys, 3);
    rows[0] = row("1", STRATA_FOREIGN_APPLIED);
    rows[0].name = (char *)"alice";
    rows[0].script = (char *)"a.sql";
    rows[1] = row("2", STRATA_FOREIGN_APPLIED);
    rows[1].name = (char *)"bob";
    rows[1].script = (char *)"classpath:db/a.sql";
    rows[2] = row("3", STRATA_FOREIGN_FAILED);
    rows[2].name = (char *)"carol";
    rows[2].script = (char *)"a.sql";
    map(&f, "liquibase", rows, 3, &t);
    assert_int_equal(state(&t, &f, "r1"), STRATA_TAKE_APPLIED);
    assert_int_equal(state(&t, &f, "r2"), STRATA_TAKE_APPLIED);
    assert_int_equal(state(&t, &f, "r3"), STRATA_TAKE_FAILED);
    strata__takeover_free(&t);
    fx_free(&f);
}

/* popx counts a version applied when pop recorded its first 14 digits. */
static void popx_legacy(void **state_)
{
    static const char *const keys[] = {"20150100000001000000",
                                       "20150100000002000000"};
    strata_foreign_row rows[1];
    strata_takeover t;
    fx f = {0};

    (void)state_;
    chain(&f, keys, 2);
    rows[0] = row("20150100000001", STRATA_FOREIGN_APPLIED);
    map(&f, "popx", rows, 1, &t);
    assert_int_equal(state(&t, &f, "r1"), STRATA_TAKE_APPLIED);
    assert_int_equal(state(&t, &f, "r2"), STRATA_TAKE_NONE);
    strata__takeover_free(&t);
    fx_free(&f);
}

/* Drizzle's rows hold the journal's "when" of each file (its reader's
 * tool_version is the tag), and the latest row stands for every
 * earlier one. */
static void drizzle_journal(void **state_)
{
    static const char *const tags[] = {"0000_a", "0001_b", "0002_c",
                                       "0003_d", "0004_e"};
    static const char journal[] =
        "{\"version\":\"7\",\"dialect\":\"sqlite\",\"entries\":["
        "{\"idx\":0,\"when\":1699999999999,\"tag\":\"0000_a\"},"
        "{\"idx\":1,\"when\":1700000000000,\"tag\":\"0001_b\"},"
        "{\"idx\":2,\"when\":1700000000500,\"tag\":\"0002_c\"},"
        "{\"idx\":3,\"when\":1700000000900,\"tag\":\"0003_d\"}]}";
    char dir[] = "/tmp/strata-drizzle-XXXXXX", meta[64], path[96];
    strata_foreign_row rows[2];
    strata_takeover t;
    fx f = {0};

    (void)state_;
    assert_non_null(mkdtemp(dir));
    snprintf(meta, sizeof meta, "%s/meta", dir);
    assert_int_equal(mkdir(meta, 0700), 0);
    put_file(meta, "_journal.json", journal, path, sizeof path);
    chain(&f, tags, 5);
    for (size_t i = 0; i < 5; i++) {
        free(f.revs[i]->path);
        snprintf(path, sizeof path, "%s/%s.sql", dir, tags[i]);
        f.revs[i]->path = xstrdup(path);
    }
    rows[0] = row("1700000000000", STRATA_FOREIGN_APPLIED);
    rows[1] = row("1700000000500", STRATA_FOREIGN_APPLIED);
    rows[1].upto = 1;
    map(&f, "drizzle", rows, 2, &t);
    assert_int_equal(state(&t, &f, "r1"), STRATA_TAKE_APPLIED); /* earlier */
    assert_null(t.revs[0].row);
    assert_int_equal(state(&t, &f, "r2"), STRATA_TAKE_APPLIED);
    assert_ptr_equal(t.revs[1].row, &rows[0]); /* its own row kept */
    assert_int_equal(state(&t, &f, "r3"), STRATA_TAKE_APPLIED);
    assert_int_equal(state(&t, &f, "r4"), STRATA_TAKE_NONE);
    assert_int_equal(state(&t, &f, "r5"), STRATA_TAKE_NONE); /* unlisted */
    assert_int_equal(t.norphans, 0);
    strata__takeover_free(&t);
    snprintf(path, sizeof path, "%s/_journal.json", meta);
    unlink(path);
    rmdir(meta);
    rmdir(dir);
    fx_free(&f);
}

/* Prisma's checksum matches the file with LF or CRLF line endings. */
static void prisma_line_endings(void **state_)
{
    static const char *const keys[] = {"20240101_init"};
    char dir[] = "/tmp/strata-prisma-XXXXXX", path[80], lf[100];
    strata_foreign_row rows[1];
    strata_takeover t;
    fx f = {0};

    (void)state_;
    assert_non_null(mkdtemp(dir));
    put_file(dir, "migration.sql",
             "CREATE TABLE a (id int);\r\nCREATE TABLE b (id int);\r\n", path,
             sizeof path);
    chain(&f, keys, 1);
    free(f.revs[0]->path);
    f.revs[0]->path = xstrdup(dir); /* the folder: migration.sql in it */
    assert_int_equal(strata__digest_hex("sha256",
                                        "CREATE TABLE a (id int);\n"
                                        "CREATE TABLE b (id int);\n",
                                        50, lf, sizeof lf),
                     0);
    rows[0] = row("20240101_init", STRATA_FOREIGN_APPLIED);
    rows[0].checksum = lf;
    map(&f, "prisma", rows, 1, &t);
    assert_int_equal(t.revs[0].sums, STRATA_SUMS_SAME);
    strata__takeover_free(&t);
    /* Old Prisma versions wrote each byte without its leading zero. */
    assert_int_equal(strata__digest_hex("sha256",
                                        "CREATE TABLE a (id int);\r\n"
                                        "CREATE TABLE b (id int);\r\n",
                                        52, lf, sizeof lf),
                     0);
    {
        char *o = lf;
        for (const char *h = lf; h[0] && h[1]; h += 2) {
            if (h[0] != '0')
                *o++ = h[0];
            *o++ = h[1];
        }
        *o = '\0';
    }
    map(&f, "prisma", rows, 1, &t);
    assert_int_equal(t.revs[0].sums, STRATA_SUMS_SAME);
    strata__takeover_free(&t);
    rows[0].checksum = (char *)"00";
    map(&f, "prisma", rows, 1, &t);
    assert_int_equal(t.revs[0].sums, STRATA_SUMS_DIFFER);
    strata__takeover_free(&t);
    unlink(path);
    rmdir(dir);
    fx_free(&f);
}

static void booleans(void **state_)
{
    (void)state_;
    assert_true(strata__foreign_true("t"));
    assert_true(strata__foreign_true("TRUE"));
    assert_true(strata__foreign_true("1"));
    assert_false(strata__foreign_true("0"));
    assert_false(strata__foreign_true("f"));
    assert_false(strata__foreign_true(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(flyway_crc),
        cmocka_unit_test(sha_vectors),
        cmocka_unit_test(key_compare),
        cmocka_unit_test(golang_migrate_upto),
        cmocka_unit_test(rows_by_key),
        cmocka_unit_test(flyway_rows),
        cmocka_unit_test(liquibase_keys),
        cmocka_unit_test(popx_legacy),
        cmocka_unit_test(drizzle_journal),
        cmocka_unit_test(prisma_line_endings),
        cmocka_unit_test(booleans),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
