/* steps.h - portable operations through the driver, judged by the
 * core's ensure semantics (steps.c); what the catalog areas build on. */
#ifndef STRATA_CF_STEPS_H
#define STRATA_CF_STEPS_H

#include "cf.h"
#include "sql/ensure.h"

/* sql parsed as the core parses a generic section for this driver (its
 * name rules and identifier limit applied), online set as the core sets
 * it for a table that existed before the migration.  Free with
 * cf_op_free. */
int cf_op_parse(cf *x, const char *check, const char *sql, int online,
                strata_op **out);
void cf_op_free(strata_op *op);

/* *out = the live catalog of table (one introspect call); free with
 * strata_abi_table_free(cf_host(), out). */
int cf_catalog(cf *x, strata_conn *c, const char *check, const char *table,
               strata_table *out);

/* *out = the core's decision for op against the live catalog. */
int cf_ensure(cf *x, strata_conn *c, const char *check, const strata_op *op,
              strata_ensure *out, char **why);

/* render op given t; *notsup = 1 when the driver has no form for it
 * (not a failure).  Free out with strata_abi_sql_list_free. */
int cf_render(cf *x, strata_conn *c, const char *check, const strata_op *op,
              const strata_table *t, strata_sql_list *out, int *notsup);

/* Run a rendered list as the runner does (foreign keys off around a
 * rebuild, guards, the locking alternative on STRATA_ERR_POLICY);
 * *rc = the first failing statement's status (its message in c). */
int cf_run_list(cf *x, strata_conn *c, const char *check,
                const strata_op *op, const strata_sql_list *l, int *rc);

/* One step of a scenario: apply sql (absent before, present after) or
 * expect the core to see drift (present with another definition). */
enum { CF_APPLY = 0, CF_DIFFERS = 1, CF_REFUSED = 2 };
typedef struct cf_step {
    int mode;         /* CF_APPLY, CF_DIFFERS, CF_REFUSED (must fail) */
    const char *sql;
} cf_step;

/* Run steps in order on c (online: the table existed before, as for
 * every operation but CREATE TABLE).  An operation render has no form
 * for is listed as not claimed and ends the scenario (later steps build
 * on it).  CF_PASS, CF_FAIL. */
int cf_steps(cf *x, strata_conn *c, const char *scenario,
             const cf_step *steps, size_t n);

#endif
