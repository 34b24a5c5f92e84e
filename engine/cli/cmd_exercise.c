/*
** cmd_exercise.c: `casecheck exercise serve SCENARIO...`: check every
** scenario file, then serve them to trainees in a browser until stopped
** (engine/exercise/, docs/exercise.md).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli_common.h"
#include "exercise/exercise.h"

#ifndef CASECHECK_DATADIR
#define CASECHECK_DATADIR "/usr/local/share/casecheck"
#endif

static const char exercise_usage[] =
	"usage: casecheck exercise serve [OPTIONS] SCENARIO...\n"
	"\n"
	"Serve training scenarios (files or directories of casecheck/scenario@1\n"
	"JSON, docs/exercise.md) on a local web page. Each trainee's finished run\n"
	"is saved as JSON in the results directory.\n"
	"\n"
	"options:\n"
	"  --bind ADDR            address to listen on (default 127.0.0.1)\n"
	"  --port N               port (default 8080; 0 picks a free one)\n"
	"  --results DIR          where finished runs go (default exercise-results)\n"
	"  --static DIR           the page's files (default: share/exercise beside the\n"
	"                         build, else the installed copy)\n"
	"  --threads N            worker threads, each with its own engine (default 4)\n"
	"  --max-connections N    connections at once (default 256)\n"
	"  --max-seconds S        time budget of each evaluation (default 2)\n"
	"  --max-instructions N   instruction budget of each evaluation (default 50000000)\n"
	"  --stop-after S         stop after S seconds (for tests; default: at SIGINT/SIGTERM)\n"
	"  -h, --help             this help\n";

enum {
	EX_HELP = 1, EX_BIND, EX_PORT, EX_RESULTS, EX_STATIC, EX_THREADS, EX_MAXCONN,
	EX_MAXSEC, EX_MAXINS, EX_STOP
};

static const struct cli_option exercise_options[] = {
	{ "help", 'h', CLI_NO_ARG, EX_HELP },
	{ "bind", 0, CLI_REQUIRED_ARG, EX_BIND },
	{ "port", 0, CLI_REQUIRED_ARG, EX_PORT },
	{ "results", 0, CLI_REQUIRED_ARG, EX_RESULTS },
	{ "static", 0, CLI_REQUIRED_ARG, EX_STATIC },
	{ "threads", 0, CLI_REQUIRED_ARG, EX_THREADS },
	{ "max-connections", 0, CLI_REQUIRED_ARG, EX_MAXCONN },
	{ "max-seconds", 0, CLI_REQUIRED_ARG, EX_MAXSEC },
	{ "max-instructions", 0, CLI_REQUIRED_ARG, EX_MAXINS },
	{ "stop-after", 0, CLI_REQUIRED_ARG, EX_STOP },
	{ NULL, 0, CLI_NO_ARG, 0 }
};

/* A whole number in [LO, HI] into *OUT, or a usage error. */
static int ex_number(const char *opt, const char *v, long lo, long hi, long *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < lo || n > hi)
		return cli_usage_error("exercise", "--%s: expected a whole number from %ld to %ld, got '%s'",
				       opt, lo, hi, v);
	*out = n;
	return 0;
}

static int ex_seconds(const char *opt, const char *v, double *out)
{
	char *end;
	double s = strtod(v, &end);

	if (end == v || *end || !(s > 0 && s <= 86400))
		return cli_usage_error("exercise", "--%s: expected seconds from 0 to 86400, got '%s'",
				       opt, v);
	*out = s;
	return 0;
}

static int ex_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* share/exercise beside the build (BIN/../share/exercise), else the installed one. [new] */
static char *ex_static_dir(void)
{
	char buf[4096];
	ssize_t len = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash, *dir;
	int i;

	if (len > 0) {
		buf[len] = '\0';
		for (i = 0; i < 2 && (slash = strrchr(buf, '/')); i++)
			*slash = '\0';
		dir = malloc(strlen(buf) + sizeof("/share/exercise"));
		if (dir) {
			sprintf(dir, "%s/share/exercise", buf);
			if (ex_is_dir(dir))
				return dir;
			free(dir);
		}
	}
	return strdup(CASECHECK_DATADIR "/exercise");
}

int cmd_exercise(int argc, char **argv)
{
	struct cli_parser p;
	struct exercise_options opts;
	struct cli_strv files = { NULL, 0, 0 };
	struct exercise_scenario *scenarios = NULL;
	struct casecheck_errors errs = { NULL, 0, 0 };
	struct casecheck_engine *engine = NULL;
	char *search = NULL, *static_dir = NULL;
	const char *v;
	size_t i, j, n = 0;
	long num;
	int id, rc = 0, saw_verb = 0;

	memset(&opts, 0, sizeof(opts));
	opts.bind = "127.0.0.1";
	opts.port = 8080;
	opts.results_dir = "exercise-results";
	opts.threads = 4;
	opts.max_connections = 256;
	opts.limits.seconds = 2;
	cli_parser_init(&p, "exercise", argc, argv);
	while ((id = cli_parser_next(&p, exercise_options, &v)) != CLI_OPT_END) {
		switch (id) {
		case CLI_OPT_ERROR:
			rc = CLI_EXIT_INPUT;
			goto out;
		case EX_HELP:
			fputs(exercise_usage, stdout);
			goto out;
		case EX_BIND:
			opts.bind = v;
			break;
		case EX_PORT:
			if ((rc = ex_number("port", v, 0, 65535, &num)))
				goto out;
			opts.port = (unsigned)num;
			break;
		case EX_RESULTS:
			opts.results_dir = v;
			break;
		case EX_STATIC:
			opts.static_dir = v;
			break;
		case EX_THREADS:
			if ((rc = ex_number("threads", v, 1, 64, &num)))
				goto out;
			opts.threads = (unsigned)num;
			break;
		case EX_MAXCONN:
			if ((rc = ex_number("max-connections", v, 1, 10000, &num)))
				goto out;
			opts.max_connections = (unsigned)num;
			break;
		case EX_MAXSEC:
			if ((rc = ex_seconds("max-seconds", v, &opts.limits.seconds)))
				goto out;
			break;
		case EX_MAXINS:
			if ((rc = ex_number("max-instructions", v, 1000, 2000000000L, &num)))
				goto out;
			opts.limits.instructions = num;
			break;
		case EX_STOP:
			if ((rc = ex_seconds("stop-after", v, &opts.seconds)))
				goto out;
			break;
		case CLI_OPT_ARG:
			if (!saw_verb) {
				if (strcmp(v, "serve") != 0) {
					rc = cli_usage_error("exercise", "unknown action '%s' (expected 'serve')", v);
					goto out;
				}
				saw_verb = 1;
			} else if ((rc = cli_collect_fixtures(v, &files))) {
				goto out;
			}
			break;
		}
	}
	if (!saw_verb || files.n == 0) {
		rc = cli_usage_error("exercise", "expected 'serve' and at least one scenario file");
		goto out;
	}
	if (!opts.static_dir) {
		static_dir = ex_static_dir();
		opts.static_dir = static_dir;
	}
	if (!opts.static_dir || !ex_is_dir(opts.static_dir)) {
		cli_errorf("exercise", "the page's files are not in '%s' (use --static DIR)",
			   opts.static_dir ? opts.static_dir : "?");
		rc = CLI_EXIT_INPUT;
		goto out;
	}
	if (mkdir(opts.results_dir, 0755) != 0 && errno != EEXIST) {
		cli_errorf("exercise", "cannot create the results directory '%s': %s",
			   opts.results_dir, strerror(errno));
		rc = CLI_EXIT_INPUT;
		goto out;
	}
	search = cli_policy_search_path();
	opts.search_path = search;
	engine = cli_engine_new(&opts.limits);
	scenarios = calloc(files.n, sizeof(*scenarios));
	if (!engine || !scenarios || !search) {
		rc = CLI_EXIT_POLICY;
		goto out;
	}
	/* every scenario checked before anyone is served: all problems at once */
	for (i = 0; i < files.n; i++) {
		if (exercise_scenario_load(&scenarios[n], files.v[i], engine, search, &errs) != 0) {
			exercise_scenario_free(&scenarios[n]);
			continue;
		}
		for (j = 0; j < n; j++)
			if (strcmp(scenarios[j].id, scenarios[n].id) == 0) {
				cli_errorf("exercise", "%s: scenario id '%s' is used by %s too",
					   files.v[i], scenarios[n].id, scenarios[j].file);
				rc = CLI_EXIT_INPUT;
			}
		n++;
	}
	if (errs.count || rc) {
		int e = cli_print_errors(stderr, &errs);

		rc = e > rc ? e : rc;
		goto out;
	}
	casecheck_engine_free(engine);	/* each worker thread makes its own */
	engine = NULL;
	rc = exercise_serve(scenarios, n, &opts);
out:
	for (i = 0; scenarios && i < n; i++)
		exercise_scenario_free(&scenarios[i]);
	free(scenarios);
	casecheck_errors_free(&errs);
	casecheck_engine_free(engine);
	cli_strv_free(&files);
	free(search);
	free(static_dir);
	return rc;
}
