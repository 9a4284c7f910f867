/* report.h - what upgrade/downgrade/stamp print: a line per migration
 * with its duration and an indented line per operation, or one JSON
 * document with --json (docs/design.md §9.4). */
#ifndef STRATA_CORE_REPORT_H
#define STRATA_CORE_REPORT_H

#include "util/error.h"
#include "chain/graph.h"
#include "chain/migration.h"

typedef struct strata_report strata_report;

/* command: "upgrade", "downgrade", "stamp"; json: print one document at
 * finish; verbose: full statements and live progress on stderr. */
strata_report *strata__report_new(const char *command, int json,
                                  int verbose);
void strata__report_free(strata_report *r);
/* 1 when the report is one JSON document (--json). */
int strata__report_json(const strata_report *r);

/* Text: the width of the revision column, the longest id the run will
 * report (before start), so that the columns of migration lines line
 * up. */
void strata__report_align(strata_report *r, size_t id_width);
void strata__report_start(strata_report *r, const char *url_masked,
                          const char *dialect, const char *target,
                          char *const *from, size_t nfrom, size_t nsteps);
void strata__report_step_begin(strata_report *r, const strata_revision *rev,
                               const char *direction);
/* One operation: its kind ("sql" for raw SQL, "add column", ...), the
 * statement, its line, the outcome word (docs/design.md §3.3) and the driver's
 * note (may be NULL). */
void strata__report_op(strata_report *r, const char *kind, const char *sql,
                       unsigned line, const char *outcome, const char *note);
/* A statement the driver rendered (shown with -v). */
void strata__report_sql(strata_report *r, const char *sql);
/* outcome: "applied", "failed", "empty on sqlite", "stamped", ...;
 * queries: catalog round trips the migration made (-v, --json). */
void strata__report_step_end(strata_report *r, const char *outcome,
                             long long ms, unsigned queries);
/* The step failed: its operations from the kept-th on that changed the
 * database are reported "rolled back" (the ones before it committed on
 * their own and stay), then step_end with outcome ("failed", or
 * "interrupted" after SIGINT/SIGTERM). */
void strata__report_step_failed(strata_report *r, const char *outcome,
                                size_t kept, long long ms, unsigned queries);
/* Print the summary (text) or the document (json); to = version rows.
 * A failure's summary names the failed migration and the next step. */
void strata__report_finish(strata_report *r, char *const *to, size_t nto,
                           int rc, const strata_error *err,
                           long long total_ms);

#endif
