/*
** cmd_check.c: 'casecheck check': lint policies and validate fixtures,
** printing every problem at once, then "N files checked, M with errors".
** Exit 0 when clean, 2 on bad fixtures, 3 on policy errors.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli_common.h"

enum check_opt { CHECK_HELP = 1 };

static const struct cli_option check_options[] = {
	{ "help", 'h', CLI_NO_ARG, CHECK_HELP },
	{ NULL, 0, CLI_NO_ARG, 0 }
};

static const char check_usage[] =
	"usage: casecheck check POLICY|FIXTURE|DIR...\n"
	"\n"
	"Lint policies and validate fixtures, printing every problem at once.\n"
	"A .lua file or a policy name ('" CASECHECK_DEFAULT_POLICY "') is loaded and\n"
	"linted; a .json file, or a directory searched for *.json, is validated as\n"
	"a fixture, with the policy it names when that policy resolves.\n"
	"\n"
	"  -h, --help   show this help\n"
	"\n"
	"Exit status: 0 no problems, 2 a bad fixture or usage, 3 a policy error.\n";

struct check_state {
	struct cli_policies ps;
	size_t checked, bad;
	int rc;
};

static int check_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int check_has_suffix(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

static void check_worse(struct check_state *st, int rc)
{
	if (rc > st->rc)
		st->rc = rc;
}

static void check_policy(struct check_state *st, const char *name)
{
	struct casecheck_error err;
	struct cli_policy_entry *pe;

	st->checked++;
	pe = cli_policies_get(&st->ps, name, 0, &err);
	if (!pe) {
		cli_errorf("check", "%s", err.text);
		check_worse(st, cli_exit_for(&err));
		st->bad++;
		return;
	}
	/* loading lints too: a policy with lint errors comes back without its policy */
	if (!pe->policy) {
		pe->reported = 0;
		check_worse(st, cli_policy_entry_report(pe));
		st->bad++;
	}
}

static void check_fixture(struct check_state *st, const char *path)
{
	struct casecheck_case *kase;
	struct cli_policy_entry *pe;
	int rc;

	st->checked++;
	/* the fixture's own policy, when it names one, must load: its event types count */
	rc = cli_load_fixture(&st->ps, NULL, path, NULL, &kase, &pe);
	if (rc != 0) {
		check_worse(st, rc);
		st->bad++;
	}
	casecheck_case_free(kase);
}

int cmd_check(int argc, char **argv)
{
	struct cli_parser p;
	struct cli_strv args = { NULL, 0, 0 }, files = { NULL, 0, 0 };
	struct casecheck_engine *engine = NULL;
	struct check_state st;
	const char *v;
	size_t i, j;
	int id, rc = 0;

	memset(&st, 0, sizeof(st));
	cli_parser_init(&p, "check", argc, argv);
	while ((id = cli_parser_next(&p, check_options, &v)) != CLI_OPT_END) {
		if (id == CLI_OPT_ERROR) {
			rc = CLI_EXIT_INPUT;
			goto out;
		}
		if (id == CHECK_HELP) {
			fputs(check_usage, stdout);
			goto out;
		}
		if (cli_strv_push(&args, v) != 0) {
			rc = cli_usage_error("check", "out of memory");
			goto out;
		}
	}
	if (args.n == 0) {
		rc = cli_usage_error("check", "nothing to check: give a policy or fixtures");
		goto out;
	}
	engine = cli_engine_new(NULL);
	if (!engine) {
		rc = CLI_EXIT_POLICY;
		goto out;
	}
	cli_policies_init(&st.ps, engine, NULL);
	for (i = 0; i < args.n; i++) {
		const char *a = args.v[i];

		if (check_is_dir(a) || check_has_suffix(a, ".json")) {
			files.n = 0;
			if (cli_collect_fixtures(a, &files) != 0) {
				check_worse(&st, CLI_EXIT_INPUT);
				if (!check_is_dir(a)) {
					st.checked++;
					st.bad++;
				}
			}
			for (j = 0; j < files.n; j++) {
				check_fixture(&st, files.v[j]);
				free(files.v[j]);
			}
			files.n = 0;
		} else {
			check_policy(&st, a);
		}
	}
	fflush(stderr);
	printf("%lu file%s checked, %lu with errors\n", (unsigned long)st.checked,
	       st.checked == 1 ? "" : "s", (unsigned long)st.bad);
	rc = st.rc;
out:
	cli_strv_free(&files);
	cli_strv_free(&args);
	cli_policies_free(&st.ps);
	if (engine)
		casecheck_engine_free(engine);
	return rc;
}
