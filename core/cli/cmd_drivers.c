/* cmd_drivers.c - drivers: every strata_<name>.so on the search path,
 * with its ABI, schemes and capabilities, or why it cannot load. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "db/host.h"
#include "util/json.h"
#include "util/output.h"

static const struct {
    uint64_t bit;
    const char *name;
} cap_names[] = {
    {STRATA_CAP_TRANSACTIONAL_DDL, "transactional-ddl"},
    {STRATA_CAP_SAVEPOINT, "savepoint"},
    {STRATA_CAP_ADVISORY_LOCK, "advisory-lock"},
    {STRATA_CAP_ONLINE_INDEX, "online-index"},
    {STRATA_CAP_NATIVE_CHECK, "native-check"},
    {STRATA_CAP_NATIVE_FK_ALTER, "native-fk-alter"},
    {STRATA_CAP_NEEDS_REBUILD, "needs-rebuild"},
    {STRATA_CAP_RUN_TRANSACTION, "run-transaction"},
};

static void print_entry(const strata_driver_entry *e)
{
    const strata_driver *d;
    strata_buf b = {0};

    if (!e->loaded) {
        strata__print("%-10s %s\n           error: %s\n", "(broken)",
                      e->file, e->error ? e->error : "cannot load");
        return;
    }
    d = &e->loaded->drv;
    strata__print("%-10s %s%s\n", d->name, e->file,
                  e->shadowed ? " (shadowed by an earlier directory)" : "");
    for (size_t i = 0; d->schemes && d->schemes[i]; i++)
        strata__buf_printf(&b, "%s%s://", i ? " " : "", d->schemes[i]);
    strata__print("           ABI %u.%u, version %s, schemes: %s\n",
                  d->abi_major, d->abi_minor, d->version ? d->version : "?",
                  b.data ? b.data : "");
    b.len = 0;
    for (size_t i = 0; i < sizeof cap_names / sizeof cap_names[0]; i++)
        if (d->caps & cap_names[i].bit)
            strata__buf_printf(&b, "%s%s", b.len ? " " : "",
                               cap_names[i].name);
    strata__print("           caps: %s\n", b.len ? b.data : "none");
    if (d->ident_max)
        strata__print("           names: at most %u %s, longer ones %s\n",
                      (unsigned)d->ident_max,
                      d->ident_flags & STRATA_IDENT_CHARS ? "characters"
                                                          : "bytes",
                      d->ident_flags & STRATA_IDENT_TRUNCATE ? "cut"
                                                             : "refused");
    else
        strata__print("           names: any length\n");
    strata__buf_free(&b);
}

/* One driver for --json: what the text shows, as members. */
static json_t *entry_json(const strata_driver_entry *e)
{
    const strata_driver *d = e->loaded ? &e->loaded->drv : NULL;
    json_t *o, *schemes = json_array(), *caps = json_array();
    char abi[16];
    int oom = !schemes || !caps;

    for (size_t i = 0; d && d->schemes && d->schemes[i] && !oom; i++)
        oom = json_array_append_new(schemes,
                                    strata__json_text(d->schemes[i])) != 0;
    for (size_t i = 0; d && i < sizeof cap_names / sizeof cap_names[0] &&
                       !oom;
         i++)
        if (d->caps & cap_names[i].bit)
            oom = json_array_append_new(caps,
                                        json_string(cap_names[i].name)) != 0;
    if (d)
        snprintf(abi, sizeof abi, "%u.%u", d->abi_major, d->abi_minor);
    o = oom ? NULL
            : json_pack("{s:o,s:o,s:b,s:b,s:o,s:o,s:o,s:o,s:o,s:I,s:o}",
                        "name", strata__json_text(d ? d->name : NULL),
                        "file", strata__json_text(e->file), "loaded",
                        d != NULL, "shadowed", e->shadowed, "error",
                        strata__json_text(d ? NULL
                                          : e->error ? e->error
                                                     : "cannot load"),
                        "abi", strata__json_text(d ? abi : NULL), "version",
                        strata__json_text(d ? d->version : NULL),
                        "schemes", schemes, "capabilities", caps,
                        "ident_max", (json_int_t)(d ? d->ident_max : 0),
                        "ident_unit",
                        strata__json_text(!d || !d->ident_max ? NULL
                                          : d->ident_flags &
                                                  STRATA_IDENT_CHARS
                                              ? "characters"
                                              : "bytes"));
    if (!o) {
        if (oom) {
            json_decref(schemes);
            json_decref(caps);
        }
        return NULL;
    }
    return o;
}

static int drivers_json(strata_ctx *x, const strata_driver_entry *all,
                        size_t n)
{
    json_t *list = json_array(), *dirs = json_array();
    int oom = !list || !dirs;

    for (size_t i = 0; i < x->dpath.ndirs && !oom; i++)
        oom = json_array_append_new(dirs,
                                    strata__json_text(x->dpath.dirs[i])) != 0;
    for (size_t i = 0; i < n && !oom; i++)
        oom = json_array_append_new(list, entry_json(&all[i])) != 0;
    if (oom) {
        json_decref(list);
        json_decref(dirs);
        return strata__nomem(&x->err);
    }
    return strata__ctx_print_json(
        x,
        json_pack("{s:s,s:o,s:o}", "command", "drivers", "searched", dirs,
                  "drivers", list),
        0);
}

int strata__cmd_drivers(strata_ctx *x)
{
    strata_driver_entry *all = NULL;
    size_t n = 0;
    int rc = strata__ctx_config(x);

    if (rc == STRATA_OK)
        rc = strata__loader_list(&all, &n, &x->dpath, &x->err);
    if (rc != STRATA_OK)
        return rc;
    if (x->cli->json) {
        rc = drivers_json(x, all, n);
        strata__loader_list_free(all, n);
        return rc;
    }
    strata__print("searched:");
    for (size_t i = 0; i < x->dpath.ndirs; i++)
        strata__print(" %s", x->dpath.dirs[i]);
    strata__print("\n");
    for (size_t i = 0; i < n; i++)
        print_entry(&all[i]);
    if (!n)
        strata__print("no drivers found\n");
    strata__loader_list_free(all, n);
    return STRATA_OK;
}
