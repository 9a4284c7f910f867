/* recorded.c - reading strata_history's rows about one revision: the
 * checksum that counts for it, and the direction of its stamp rows. */
#include "db/recorded.h"

#include <string.h>

#include "util/json.h"

static int is_row(const strata_history_row *r, const char *dir,
                  const char *outcome)
{
    return r->direction && r->outcome && strcmp(r->direction, dir) == 0 &&
           (!outcome || strcmp(r->outcome, outcome) == 0);
}

int strata__history_sets_checksum(const strata_history_row *r)
{
    return r->revision && r->checksum &&
           (is_row(r, "up", "applied") || is_row(r, "up", "empty") ||
            is_row(r, "stamp", "stamped") ||
            is_row(r, "checksum", "accepted") || is_row(r, "adopt", NULL));
}

const char *strata__history_recorded(const strata_history_row *rows,
                                     size_t n, const char *rev)
{
    const char *sum = NULL;

    for (size_t i = 0; i < n; i++)
        if (strata__history_sets_checksum(&rows[i]) &&
            strcmp(rows[i].revision, rev) == 0)
            sum = rows[i].checksum;
    return sum;
}

int strata__history_stamp_applied(const strata_history_row *r)
{
    json_t *doc;
    int applied;

    if (!is_row(r, "stamp", "stamped") || !r->detail)
        return 0;
    doc = json_loads(r->detail, JSON_DECODE_ANY, NULL);
    applied = json_is_true(json_object_get(doc, "applied"));
    json_decref(doc);
    return applied;
}

int strata__history_says_applied(const strata_history_row *rows, size_t n,
                                 const char *rev)
{
    int state = 0;

    for (size_t i = 0; i < n; i++) {
        const strata_history_row *r = &rows[i];
        int done;

        if (!r->revision || strcmp(r->revision, rev) != 0 || !r->outcome)
            continue;
        done = strcmp(r->outcome, "applied") == 0 ||
               strcmp(r->outcome, "empty") == 0;
        if (is_row(r, "up", NULL) && done)
            state = 1;
        else if (is_row(r, "down", NULL) && done)
            state = 0;
        else if (is_row(r, "stamp", "stamped"))
            state = strata__history_stamp_applied(r);
        else if (is_row(r, "adopt", "adopted"))
            state = 1;
    }
    return state;
}
