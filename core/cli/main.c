/* main.c - the strata command: parse, run, exit with docs/design.md §9.5's
 * code. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/complete.h"
#include "util/output.h"

int main(int argc, char **argv)
{
    strata_cli cli;
    strata_error err = {0};
    int code, no_color = 0;

    /* The shell completions' helper: its words are not options. */
    if (argc > 1 && strcmp(argv[1], "__complete") == 0) {
        code = strata__complete(argc - 2, argv + 2);
        strata__secrets_free();
        return code;
    }
    /* Before parsing: a parse error is painted, or not, too. */
    for (int i = 1; i < argc; i++)
        no_color |= strcmp(argv[i], "--no-color") == 0;
    strata__color_init(no_color);
    if (strata__cli_parse(&cli, argc, argv, &err) != STRATA_OK) {
        strata__errout("%s", err.msg ? err.msg : strata_strerror(err.code));
        code = strata__exit_code(err.code);
        for (int i = 1; i < argc; i++)
            if (strcmp(argv[i], "--json") == 0) {
                strata__cli_json_error(cli.verb ? cli.verb : "", err.code,
                                       &err);
                break;
            }
        strata__error_clear(&err);
        strata__cli_free(&cli);
        return code;
    }
    code = strata__cli_run(&cli);
    strata__cli_free(&cli);
    strata__secrets_free();
    return code;
}
