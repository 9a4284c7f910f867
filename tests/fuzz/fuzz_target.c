/* fuzz_target.c - libFuzzer target: a target spec through the target
 * grammar (core/chain/target.c), resolved in one of two fixed graphs.
 * The input's first byte picks the graph, the direction and what is
 * applied; the next two pick version rows; the rest is the spec. */
#include "fuzz.h"

#include "chain/graph.h"
#include "chain/target.h"

/* A line with prefixes that collide (abc1, abc2, abd). */
static const char *const line_revs[] = {
    "-- revision: abc1\n",
    "-- revision: abc2\n-- revises: abc1\n",
    "-- revision: abd\n-- revises: abc2\n-- branch: main\n",
    "-- revision: e-4.x\n-- revises: abd\n",
};
/* Two bases, a branch point, a labelled branch, a merge, a dependency. */
static const char *const dag_revs[] = {
    "-- revision: r\n",
    "-- revision: s\n",
    "-- revision: x1\n-- revises: r\n-- branch: feat\n",
    "-- revision: y1\n-- revises: r\n",
    "-- revision: m\n-- revises: x1, y1\n",
    "-- revision: d\n-- revises: s\n-- depends: x1\n",
    "-- revision: z\n-- revises: m\n-- branch: tip\n",
};

typedef struct fixture {
    strata_revision *revs[8];
    size_t n;
    strata_graph *g;
} fixture;

static fixture graphs[2];

static void build(fixture *f, const char *const *texts, size_t n)
{
    strata_error err = {0, NULL};

    for (size_t i = 0; i < n; i++)
        FZ_CHECK(strata__migration_parse(&f->revs[i], "m.sql", texts[i],
                                         strlen(texts[i]), &err) ==
                 STRATA_OK);
    f->n = n;
    FZ_CHECK(strata__graph_build(&f->g, f->revs, n, &err) == STRATA_OK);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    build(&graphs[0], line_revs, sizeof line_revs / sizeof *line_revs);
    build(&graphs[1], dag_revs, sizeof dag_revs / sizeof *dag_revs);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const fixture *f;
    unsigned char applied[8] = {0}, *set = applied;
    const char *rows[2];
    strata_target t = {0, NULL, 0, 0, 0};
    strata_error err = {0, NULL};
    strata_direction dir;
    char *spec;
    int rc, mode;

    if (size < 3)
        return 0;
    f = &graphs[(data[0] >> 3) & 1];
    dir = (data[0] & 1) ? STRATA_DOWN : STRATA_UP;
    mode = (data[0] >> 1) & 3; /* 0: no database, 1: nothing applied,
                                * 2: one version row, 3: two */
    if (mode == 0) {
        set = NULL;
    } else if (mode > 1) {
        rows[0] = f->revs[data[1] % f->n]->id;
        rows[1] = f->revs[data[2] % f->n]->id;
        FZ_CHECK(strata__graph_applied(f->g, rows, (size_t)mode - 1, applied,
                                       &err) == STRATA_OK);
    }
    spec = fz_cstr(data + 3, size - 3);
    rc = strata__graph_resolve(f->g, spec, dir, set, &t, &err);
    if (rc == STRATA_OK) {
        FZ_CHECK(!t.is_base || t.nrevs == 0);
        for (size_t i = 0; i < t.nrevs; i++)
            FZ_CHECK(t.revs[i] < f->n && (i == 0 || t.revs[i - 1] < t.revs[i]));
        FZ_CHECK(!t.has_via || t.via < f->n);
    } else {
        FZ_CHECK(err.msg != NULL);
        FZ_CHECK(rc == STRATA_ERR_INVALID || rc == STRATA_ERR_NOTFOUND);
    }
    strata__target_free(&t);
    strata__error_clear(&err);
    free(spec);
    return 0;
}
