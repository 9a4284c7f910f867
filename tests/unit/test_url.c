/* test_url.c - the scheme and password of database URLs, and masking:
 * no printed URL may carry its password. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/url.h"

/* fn(url) must give want, or nothing when want is NULL (what names the
 * part in the failure message). */
static void check(char *(*fn)(const char *), const char *what,
                  const char *url, const char *want)
{
    char *got = fn(url);

    if (!want) {
        if (got)
            fail_msg("'%s': %s '%s', expected none", url ? url : "(null)",
                     what, got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

#define check_scheme(url, want) check(strata__url_scheme, "scheme", url, want)
#define check_password(url, want)                                         \
    check(strata__url_password, "password", url, want)
#define check_mask(url, want) check(strata__url_mask, "mask", url, want)

static void test_url__scheme(void **state)
{
    (void)state;
    check_scheme("postgres://user@host:5432/db", "postgres");
    check_scheme("postgresql://host/db", "postgresql");
    check_scheme("mysql://root@127.0.0.1/app", "mysql");
    check_scheme("sqlite::memory:", "sqlite");
    check_scheme("sqlite:///x", "sqlite");
    check_scheme("sqlite:////abs/x.db", "sqlite");
    check_scheme("my+sql.x-y://h", "my+sql.x-y");
    check_scheme("A1:", "A1");
}

static void test_url__no_scheme(void **state)
{
    (void)state;
    check_scheme("no scheme here", NULL);
    check_scheme("dev.db", NULL);
    check_scheme("1abc:", NULL);
    check_scheme(":memory:", NULL);
    check_scheme("+x://h", NULL);
    check_scheme("post gres://h", NULL);
    check_scheme("", NULL);
    check_scheme(NULL, NULL);
}

static void test_url__password_from_userinfo(void **state)
{
    (void)state;
    check_password("postgres://app:s3cret@db:5432/app", "s3cret");
    check_password("postgres://:only-pw@db/app", "only-pw");
    /* percent-encoding is undone: this is what the server receives */
    check_password("postgres://app:p%40ss%2Fw%3aRd@db/app", "p@ss/w:Rd");
    check_password("mysql://root:%E2%82%AC@db/app", "\xe2\x82\xac");
    /* a '%' without two hex digits stays as written */
    check_password("postgres://app:50%@db/app", "50%");
    check_password("postgres://app:a%zzb%4@db/app", "a%zzb%4");
    /* a ':' after the first belongs to the password */
    check_password("postgres://app:a:b@db/app", "a:b");
    check_password("postgres://app:@db/app", "");
}

/* An unencoded '@' in the password: libpq ends the userinfo at the
 * first '@' and takes the rest for the host, the RFC and MySQL clients
 * at the last.  strata reads it as libpq does, calls it ambiguous (such
 * a URL is refused) and masks everything either reading could take for
 * the password (issue 13: the error printed the password's tail). */
static void test_url__at_sign_in_password(void **state)
{
    (void)state;
    check_password("postgres://app:p@ss@db:5432/app", "p");
    assert_true(strata__url_ambiguous("postgres://app:p@ss@db:5432/app"));
    check_mask("postgres://app:p@ss@db:5432/app",
               "postgres://app:***@db:5432/app");
    check_mask("mysql://root:@@@db/app", "mysql://root:***@db/app");
    assert_true(strata__url_ambiguous("mysql://root:@@@db/app"));
    /* one '@': no doubt; an '@' after the host is not the userinfo's */
    assert_false(strata__url_ambiguous("postgres://app:p%40ss@db/app"));
    assert_false(strata__url_ambiguous("postgres://app:pw@db?a=x@y"));
    assert_false(strata__url_ambiguous("postgres://app:pw@db/app?a=x@y"));
}

/* A '/' in the password: the authority ends at the first '/', so libpq
 * reads no password at all ("u" a host, "p" a port); the user meant
 * one.  Ambiguous, and masked up to the '@' (issue 13: nothing was). */
static void test_url__slash_in_password(void **state)
{
    (void)state;
    check_password("postgres://app:p/w@db/app", "p/w");
    assert_true(strata__url_ambiguous("postgres://app:p/w@db/app"));
    check_mask("postgres://app:p/w@db/app", "postgres://app:***@db/app");
    check_mask("mysql://root:a/b/c@db:3306/app?ssl-mode=REQUIRED",
               "mysql://root:***@db:3306/app?ssl-mode=REQUIRED");
    /* no ':' before the '/', or no '@' before the query: no password */
    assert_false(strata__url_ambiguous("postgres://db/app@x"));
    assert_false(strata__url_ambiguous("postgres://db:5432/app?a=b@c"));
    check_mask("postgres://db:5432/app?a=b@c", "postgres://db:5432/app?a=b@c");
}

/* libpq decodes the keys of the query too: ?%70assword= is a password;
 * sslpassword (the client key's) is a credential as well; every one of
 * them is masked. */
static void test_url__query_credentials(void **state)
{
    (void)state;
    check_password("postgres://db/app?%70assword=x&a=b", "x");
    check_mask("postgres://db/app?%70assword=x&a=b",
               "postgres://db/app?%70assword=***&a=b");
    check_mask("postgres://db/app?PASSWORD=x", "postgres://db/app?PASSWORD=x");
    check_mask("postgres://db/app?sslpassword=k&password=p&password=q",
               "postgres://db/app?sslpassword=***&password=***"
               "&password=***");
    check_mask("postgres://u:a@db/app?%73slpassword=b",
               "postgres://u:***@db/app?%73slpassword=***");
}

/* libpq reads the userinfo up to the first '@' before a '/', so an
 * unencoded '#' or '?' is part of the password it sends: it must be
 * found and masked, not taken for a fragment or a query. */
static void test_url__hash_or_question_mark_in_password(void **state)
{
    (void)state;
    check_password("postgres://app:t0p#s3cret@db/app", "t0p#s3cret");
    check_mask("postgres://app:t0p#s3cret@db/app",
               "postgres://app:***@db/app");
    check_password("postgres://app:wh?t@db/app?sslmode=require", "wh?t");
    check_mask("postgres://app:wh?t@db/app?password=x",
               "postgres://app:***@db/app?password=***");
    /* an '@' in a query value is not a userinfo's end */
    check_password("postgres://app:pw@db?application_name=a@b", "pw");
    check_mask("postgres://app:pw@db?application_name=a@b",
               "postgres://app:***@db?application_name=a@b");
}

static void test_url__password_from_query(void **state)
{
    (void)state;
    check_password("postgres://db/app?password=q-pw", "q-pw");
    check_password("postgres://db/app?sslmode=require&password=se%26cret"
                   "&application_name=x",
                   "se&cret");
    check_password("postgres://db/app?password=frag#section", "frag");
    /* userinfo wins over the query parameter */
    check_password("postgres://u:first@db/app?password=second", "first");
}

static void test_url__mask(void **state)
{
    (void)state;
    check_mask("postgres://app:s3cret@db:5432/app?sslmode=require",
               "postgres://app:***@db:5432/app?sslmode=require");
    check_mask("postgres://app:p%40ss@db/app", "postgres://app:***@db/app");
    check_mask("postgres://db/app?sslmode=require&password=x&a=b",
               "postgres://db/app?sslmode=require&password=***&a=b");
    check_mask("postgres://u:a@db/app?password=b",
               "postgres://u:***@db/app?password=***");
    check_mask("postgres://app:@db/app", "postgres://app:***@db/app");
}

static void test_url__no_password_unchanged(void **state)
{
    static const char *const urls[] = {
        "postgres://app@db:5432/app",
        "postgres://db/app?sslmode=require",
        "postgres://db/app?xpassword=not-a-password",
        "mysql://db/app",
        "sqlite:///x.db",
        "sqlite:////var/lib/app.db",
        "sqlite::memory:",
        "sqlite:///dir/u:p@x.db", /* '@' in a path, not an authority */
        "",
    };

    (void)state;
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        check_password(urls[i], NULL);
        check_mask(urls[i], urls[i]);
    }
    check_password(NULL, NULL);
    assert_null(strata__url_mask(NULL));
}

/* The userinfo and query searches are independent; when a malformed URL
 * makes them overlap or come out of order, the mask must still cover
 * both without reading outside the string (this used to corrupt the
 * heap). */
static void test_url__mask_overlapping_passwords(void **state)
{
    (void)state;
    check_mask("a:?password=z://u:p@h", "a:?password=***");
    check_mask("x:?password=a&b=y://u:p@h", "x:?password=***&b=y://u:***@h");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url__scheme),
        cmocka_unit_test(test_url__no_scheme),
        cmocka_unit_test(test_url__password_from_userinfo),
        cmocka_unit_test(test_url__at_sign_in_password),
        cmocka_unit_test(test_url__slash_in_password),
        cmocka_unit_test(test_url__query_credentials),
        cmocka_unit_test(test_url__hash_or_question_mark_in_password),
        cmocka_unit_test(test_url__password_from_query),
        cmocka_unit_test(test_url__mask),
        cmocka_unit_test(test_url__no_password_unchanged),
        cmocka_unit_test(test_url__mask_overlapping_passwords),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
