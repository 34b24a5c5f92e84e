/*
** main.c: the casecheck command: dispatch to a verb (run, test, check,
** explain, steps), global --help and --version, and a did-you-mean for a
** mistyped verb. Each verb lives in its own cmd_VERB.c.
*/
#include <stdio.h>
#include <string.h>
#include "cli_common.h"
#include "cli_output.h"

struct main_verb {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct main_verb main_verbs[] = {
	{ "run", cmd_run, "evaluate fixtures and report the findings (text, json, junit, tap, html)" },
	{ "test", cmd_test, "compare findings with each fixture's \"expect\" block; --update, --coverage" },
	{ "check", cmd_check, "lint policies and validate fixtures" },
	{ "explain", cmd_explain, "show one step's finding in full, with the arithmetic" },
	{ "steps", cmd_steps, "list a policy's steps, regimes and parameters" },
	{ "exercise", cmd_exercise, "serve training scenarios to trainees in a browser" }
};

#define MAIN_N_VERBS (sizeof(main_verbs) / sizeof(main_verbs[0]))

static void main_usage(FILE *fp)
{
	size_t i;

	fputs("usage: casecheck [-V | --version] [-h | --help] VERB [ARGS]\n"
	      "\n"
	      "Check how police-misconduct cases were handled, step by step, against a\n"
	      "policy written in Lua.\n"
	      "\n"
	      "verbs:\n", fp);
	for (i = 0; i < MAIN_N_VERBS; i++)
		fprintf(fp, "  %-8s %s\n", main_verbs[i].name, main_verbs[i].summary);
	fputs("\n"
	      "'casecheck VERB --help' (or 'casecheck help VERB') describes a verb.\n"
	      "Exit status: 0 all good, 1 findings failed or expectations not met,\n"
	      "2 bad input or usage, 3 a policy error or a policy over its budget.\n", fp);
}

static const struct main_verb *main_find(const char *name)
{
	size_t i;

	for (i = 0; i < MAIN_N_VERBS; i++)
		if (strcmp(main_verbs[i].name, name) == 0)
			return &main_verbs[i];
	return NULL;
}

static int main_unknown(const char *name)
{
	const char *names[MAIN_N_VERBS + 1];
	const char *hint;
	size_t i;

	for (i = 0; i < MAIN_N_VERBS; i++)
		names[i] = main_verbs[i].name;
	names[MAIN_N_VERBS] = "help";
	hint = cli_did_you_mean(name, names, MAIN_N_VERBS + 1);
	if (hint)
		return cli_usage_error(NULL, "unknown command '%s'; did you mean '%s'?", name, hint);
	return cli_usage_error(NULL, "unknown command '%s'", name);
}

/* The options before a verb, with a did-you-mean ("--verison": "--version"). */
static int main_unknown_option(const char *a)
{
	static const char *const options[] = { "--version", "--help" };
	const char *hint = strncmp(a, "--", 2) == 0 ?
		cli_did_you_mean(a, options, sizeof(options) / sizeof(options[0])) : NULL;

	if (hint)
		return cli_usage_error(NULL, "unknown option '%s'; did you mean '%s'?", a, hint);
	return cli_usage_error(NULL, "unknown option '%s'; options come after the verb "
			       "('casecheck VERB --help')", a);
}

static int main_help(int argc, char **argv)
{
	const struct main_verb *verb;
	char help[] = "--help";
	char *args[3];

	if (argc < 2) {
		main_usage(stdout);
		return 0;
	}
	if (argc > 2)
		return cli_usage_error(NULL, "help takes one verb");
	verb = main_find(argv[1]);
	if (!verb)
		return main_unknown(argv[1]);
	args[0] = argv[1];
	args[1] = help;
	args[2] = NULL;
	return verb->fn(2, args);
}

int main(int argc, char **argv)
{
	const struct main_verb *verb;
	const char *a;

	if (cli_std_fds_open() != 0)
		return CLI_EXIT_INPUT;
	if (argc < 2) {
		main_usage(stderr);
		return CLI_EXIT_INPUT;
	}
	a = argv[1];
	if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0 || strcmp(a, "version") == 0) {
		printf("casecheck %s (Lua 5.4)\n", casecheck_version());
		return 0;
	}
	if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
		return main_help(1, argv + 1);
	if (strcmp(a, "help") == 0)
		return main_help(argc - 1, argv + 1);
	if (a[0] == '-' && a[1])
		return main_unknown_option(a);
	verb = main_find(a);
	if (!verb)
		return main_unknown(a);
	return verb->fn(argc - 1, argv + 1);
}
