/*
** cli_load.c: finding and loading what the verbs work on: policy names
** resolved along CASECHECK_PATH and friends and loaded once per run,
** fixture directories walked in sorted order, and fixtures loaded with them.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jansson.h>
#include "cli_common.h"

#define CLI_WALK_DEPTH 32

/* ---- policies ---- */

void cli_policies_init(struct cli_policies *ps, struct casecheck_engine *engine,
		       const struct cli_params *params)
{
	memset(ps, 0, sizeof(*ps));
	ps->engine = engine;
	ps->params = params;
}

void cli_policies_free(struct cli_policies *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++) {
		if (ps->items[i]->policy)
			casecheck_policy_free(ps->items[i]->policy);
		free(ps->items[i]->path);
		free(ps->items[i]->chunk);
		casecheck_errors_free(&ps->items[i]->lint);
		free(ps->items[i]);
	}
	free(ps->items);
	memset(ps, 0, sizeof(*ps));
}

static int cli_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int cli_ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

/* The "policies" directory next to the binary's parent, or NULL. [new] */
static char *cli_exe_policies_dir(void)
{
	char buf[4096];
	ssize_t len = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash, *dir;
	int i;

	if (len <= 0)
		return NULL;
	buf[len] = '\0';
	for (i = 0; i < 2; i++) {
		slash = strrchr(buf, '/');
		if (!slash)
			return NULL;
		*slash = '\0';
	}
	dir = malloc(strlen(buf) + sizeof("/policies"));
	if (dir)
		sprintf(dir, "%s/policies", buf);
	return dir;
}

char *cli_policy_search_path(void)
{
	const char *env = getenv("CASECHECK_PATH");
	char *exe_dir = cli_exe_policies_dir(), *search;
	size_t n = (env ? strlen(env) : 0) + (exe_dir ? strlen(exe_dir) : 0) +
		   strlen(casecheck_policy_dir()) + sizeof("::policies::");

	search = malloc(n);
	if (search)
		snprintf(search, n, "%s:policies:%s:%s", env ? env : "", exe_dir ? exe_dir : "",
			 casecheck_policy_dir());
	free(exe_dir);
	return search;
}

/*
** Find NAME: sets *PATH and *CHUNK (new strings) and returns 0, or fills ERR
** and returns -1. A name is looked up by the library (casecheck_policy_find)
** along $CASECHECK_PATH, ./policies, the policies beside the build and the
** installed ones, in that order.
*/
static int cli_policy_resolve(const char *name, int from_fixture, char **path, char **chunk,
			      struct casecheck_error *err)
{
	char *search;
	size_t n;

	*path = *chunk = NULL;
	if (!from_fixture && (cli_ends_with(name, ".lua") || cli_is_file(name))) {
		*path = strdup(name);
		*chunk = strdup(name);
		goto found;
	}
	search = cli_policy_search_path();
	if (!search) {
		cli_error_set(err, CASECHECK_E_INTERNAL, NULL, NULL, "out of memory");
		return -1;
	}
	*path = casecheck_policy_find(name, search, err);
	free(search);
	if (!*path)
		return -1;
	n = strlen(name) + sizeof("policies/.lua");
	*chunk = malloc(n);
	if (*chunk)
		snprintf(*chunk, n, "policies/%s.lua", name);
found:
	if (!*path || !*chunk) {
		free(*path);
		free(*chunk);
		*path = *chunk = NULL;
		cli_error_set(err, CASECHECK_E_INTERNAL, NULL, NULL, "out of memory");
		return -1;
	}
	return 0;
}

/*
** Apply every --param to PE's policy. A name the policy does not have or a
** value out of range is the user's mistake, not the policy's: it is printed
** at once as a usage error (exit 2), the policy freed.
*/
static void cli_policy_apply_params(struct cli_policies *ps, struct cli_policy_entry *pe)
{
	size_t i;

	if (!ps->params)
		return;
	for (i = 0; i < ps->params->keys.n; i++) {
		if (casecheck_policy_set_param(pe->policy, ps->params->keys.v[i],
					       ps->params->values.v[i], &pe->err) != 0) {
			cli_diag_policy(ps->diag, pe, 1);
			cli_usage_error_to(cli_diag_fp(ps->diag), ps->params->verb, "bad --param: %s",
					   pe->err.text);
			cli_diag_policy(ps->diag, pe, 0);
			pe->err.kind = CASECHECK_E_INPUT;
			pe->reported = 1;
			casecheck_policy_free(pe->policy);
			pe->policy = NULL;
			return;
		}
	}
}

struct cli_policy_entry *cli_policies_get(struct cli_policies *ps, const char *name,
					  int from_fixture, struct casecheck_error *err)
{
	struct cli_policy_entry *pe = NULL, *it;
	char *path = NULL, *chunk = NULL;
	struct stat st;
	int has_id;
	size_t i;

	if (cli_policy_resolve(name, from_fixture, &path, &chunk, err) != 0)
		return NULL;
	/* a FIFO named x.lua must not hang the run (policies have memory budgets, no size limit) */
	if (cli_check_input_file(path, -1, err) != 0) {
		/* callers print the text alone, as for a name that does not resolve */
		char why[sizeof(err->text)];

		memcpy(why, err->text, sizeof(why));
		cli_error_set(err, CASECHECK_E_INPUT, NULL, NULL, "%.300s: %.300s", path, why);
		free(path);
		free(chunk);
		return NULL;
	}
	has_id = stat(path, &st) == 0;
	for (i = 0; i < ps->n; i++) {
		it = ps->items[i];
		if (has_id && it->has_id ? it->dev == (unsigned long long)st.st_dev &&
		    it->ino == (unsigned long long)st.st_ino : strcmp(it->path, path) == 0) {
			free(path);
			free(chunk);
			return ps->items[i];
		}
	}
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 4;
		struct cli_policy_entry **v = realloc(ps->items, cap * sizeof(*v));

		if (!v)
			goto nomem;
		ps->items = v;
		ps->cap = cap;
	}
	pe = calloc(1, sizeof(*pe));
	if (!pe)
		goto nomem;
	pe->path = path;
	pe->has_id = has_id;
	if (has_id) {
		pe->dev = (unsigned long long)st.st_dev;
		pe->ino = (unsigned long long)st.st_ino;
	}
	pe->chunk = chunk;
	pe->policy = casecheck_policy_load_file(ps->engine, path, chunk, &pe->err);
	if (pe->policy) {
		/* a mistyped event type would give a false FAIL or a silent N/A */
		casecheck_policy_lint(pe->policy, &pe->lint);
		if (pe->lint.count > 0) {
			pe->err = pe->lint.items[0];
			casecheck_policy_free(pe->policy);
			pe->policy = NULL;
		}
	}
	if (pe->policy)
		cli_policy_apply_params(ps, pe);
	ps->items[ps->n++] = pe;
	return pe;

nomem:
	free(path);
	free(chunk);
	cli_error_set(err, CASECHECK_E_INTERNAL, NULL, NULL, "out of memory");
	return NULL;
}

int cli_policy_same_file(const struct cli_policy_entry *a, const struct cli_policy_entry *b)
{
	if (a->has_id && b->has_id)
		return a->dev == b->dev && a->ino == b->ino;
	return a->has_id == b->has_id && strcmp(a->path, b->path) == 0;
}

/* Print PE's load error (or every lint error) to FP once. Returns its exit code. */
static int cli_policy_report_to(FILE *fp, struct cli_policy_entry *pe)
{
	if (!pe->reported) {
		if (pe->lint.count > 0)
			cli_print_errors(fp, &pe->lint);
		else
			cli_print_error(fp, &pe->err);
		pe->reported = 1;
	}
	return cli_exit_for(&pe->err);
}

int cli_policy_entry_report(struct cli_policy_entry *pe)
{
	return cli_policy_report_to(stderr, pe);
}

/* ---- fixtures ---- */

static const char *cli_file_kind(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISDIR(mode))
		return "a directory";
	return "not a file";
}

int cli_check_input_file(const char *path, double max_mib, struct casecheck_error *err)
{
	struct stat st;
	unsigned long long max;
	int fd;

	if (max_mib == 0)
		max_mib = CLI_MAX_FIXTURE_MIB;
	max = (unsigned long long)(max_mib * 1024 * 1024);
	/* O_NONBLOCK: opening a FIFO with no writer must not wait */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		cli_error_set(err, CASECHECK_E_INPUT, path, NULL, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		cli_error_set(err, CASECHECK_E_INPUT, path, NULL, "cannot stat: %s", strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	if (!S_ISREG(st.st_mode)) {
		cli_error_set(err, CASECHECK_E_INPUT, path, NULL,
			      "not a regular file (%s): casecheck reads only regular files",
			      cli_file_kind(st.st_mode));
		return -1;
	}
	if (max_mib > 0 && (unsigned long long)st.st_size > max) {
		cli_error_set(err, CASECHECK_E_INPUT, path, NULL,
			      "%llu bytes, over the fixture size limit of %llu bytes (%g MiB): "
			      "raise it with --max-fixture-size", (unsigned long long)st.st_size,
			      max, max_mib);
		return -1;
	}
	return 0;
}

static int cli_strcmp_p(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directories a walk has entered, by device and inode: each is walked once. */
struct cli_walk_seen {
	struct { unsigned long long dev, ino; } *v;
	size_t n, cap;
};

/* 1 when ST's directory was seen already; else records it and returns 0 (-1: no memory). */
static int cli_walk_seen(struct cli_walk_seen *seen, const struct stat *st)
{
	size_t i;

	for (i = 0; i < seen->n; i++)
		if (seen->v[i].dev == (unsigned long long)st->st_dev &&
		    seen->v[i].ino == (unsigned long long)st->st_ino)
			return 1;
	if (seen->n == seen->cap) {
		size_t cap = seen->cap ? seen->cap * 2 : 16;
		void *v = realloc(seen->v, cap * sizeof(*seen->v));

		if (!v)
			return -1;
		seen->v = v;
		seen->cap = cap;
	}
	seen->v[seen->n].dev = (unsigned long long)st->st_dev;
	seen->v[seen->n].ino = (unsigned long long)st->st_ino;
	seen->n++;
	return 0;
}

/* The names in DIR, except those starting with '.', sorted (into NAMES). */
static int cli_walk_names(const char *dir, struct cli_strv *names)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = 0;

	if (!d) {
		cli_errorf(NULL, "cannot read directory '%s': %s", dir, strerror(errno));
		return CLI_EXIT_INPUT;
	}
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.' && cli_strv_push(names, de->d_name) != 0)
			rc = CLI_EXIT_INPUT;
	closedir(d);
	if (names->n)
		qsort(names->v, names->n, sizeof(*names->v), cli_strcmp_p);
	return rc;
}

/*
** Walk DIR for *.json into OUT. Symbolic links are followed, but a directory
** already entered (a link to '.' or to a parent) is not entered again, and
** names are visited in sorted order, so which path names a directory reached
** twice does not depend on the file system's order.
*/
static int cli_walk(const char *dir, int depth, struct cli_walk_seen *seen,
		    struct cli_strv *out)
{
	struct cli_strv names = { NULL, 0, 0 };
	struct stat st;
	size_t dl = strlen(dir), n, i;
	char *child;
	int rc, e;

	if (depth > CLI_WALK_DEPTH) {
		cli_errorf(NULL, "'%s': directories nested too deep", dir);
		return CLI_EXIT_INPUT;
	}
	rc = cli_walk_names(dir, &names);
	for (i = 0; i < names.n; i++) {
		n = dl + strlen(names.v[i]) + 2;
		child = malloc(n);
		if (!child) {
			rc = CLI_EXIT_INPUT;
			break;
		}
		if (dl > 0 && dir[dl - 1] == '/')
			snprintf(child, n, "%s%s", dir, names.v[i]);
		else
			snprintf(child, n, "%s/%s", dir, names.v[i]);
		if (stat(child, &st) != 0) {
			free(child);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			e = cli_walk_seen(seen, &st);
			if (e == 0)
				e = cli_walk(child, depth + 1, seen, out);
			else
				e = e < 0 ? CLI_EXIT_INPUT : 0;
			if (e > rc)
				rc = e;
		} else if (cli_ends_with(names.v[i], ".json")) {
			/* the loader refuses what is not a regular file, naming it */
			if (cli_strv_push(out, child) != 0)
				rc = CLI_EXIT_INPUT;
		}
		free(child);
	}
	cli_strv_free(&names);
	return rc;
}

#define CLI_STDIN_PATH "/dev/stdin"

int cli_collect_fixtures(const char *arg, struct cli_strv *out)
{
	struct cli_walk_seen seen = { NULL, 0, 0 };
	struct stat st;
	size_t first = out->n, i;
	int rc;

	/* "-": one fixture from standard input, read when its turn comes */
	if (strcmp(arg, "-") == 0) {
		for (i = 0; i < out->n; i++)
			if (strcmp(out->v[i], "-") == 0) {
				cli_errorf(NULL, "'-' (standard input) given twice: it can be read only once");
				return CLI_EXIT_INPUT;
			}
		return cli_strv_push(out, arg) != 0 ? CLI_EXIT_INPUT : 0;
	}
	if (stat(arg, &st) != 0) {
		cli_errorf(NULL, "cannot open '%s': %s", arg, strerror(errno));
		return CLI_EXIT_INPUT;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (cli_strv_push(out, arg) != 0)
			return CLI_EXIT_INPUT;
		return 0;
	}
	rc = cli_walk_seen(&seen, &st) < 0 ? CLI_EXIT_INPUT : cli_walk(arg, 0, &seen, out);
	free(seen.v);
	qsort(out->v + first, out->n - first, sizeof(*out->v), cli_strcmp_p);
	return rc;
}

void cli_fixture_peek_free(struct cli_fixture_peek *peek)
{
	free(peek->policy);
	free(peek->title);
	memset(peek, 0, sizeof(*peek));
}

/* What the resolver saw: the fixture's policy name and whether it loaded. */
struct cli_resolve {
	struct cli_policies *ps;
	struct cli_policy_entry *pe;
	struct casecheck_error err;
	int asked, failed;
};

/* Called by the library with the fixture's "policy" field, before validation. */
static struct casecheck_policy *cli_resolve_policy(const char *name, void *ctx)
{
	struct cli_resolve *r = ctx;

	r->asked = 1;
	r->pe = cli_policies_get(r->ps, name, 1, &r->err);
	if (!r->pe) {
		r->failed = 1;
		return NULL;
	}
	return r->pe->policy;
}

static void cli_fill_peek(struct cli_fixture_peek *peek, const struct casecheck_case *kase)
{
	char *expect = casecheck_case_expect_json(kase);
	const char *s;

	s = casecheck_case_policy(kase);
	peek->policy = s ? strdup(s) : NULL;
	s = casecheck_case_title(kase);
	peek->title = s ? strdup(s) : NULL;
	peek->has_expect = expect != NULL;
	free(expect);
}

/* Keep ERR in PEEK (when not NULL) as why the fixture failed, unless one is kept already. */
static void cli_peek_error(struct cli_fixture_peek *peek, const struct casecheck_error *err)
{
	if (peek && !peek->has_error) {
		peek->error = *err;
		peek->has_error = 1;
	}
}

/* Print PE's load error once where PS's problems go, and keep it in PEEK. Its exit code. */
static int cli_peek_policy_error(struct cli_policies *ps, struct cli_fixture_peek *peek,
				 struct cli_policy_entry *pe)
{
	int rc;

	cli_peek_error(peek, &pe->err);
	cli_diag_policy(ps->diag, pe, 1);
	rc = cli_policy_report_to(cli_diag_fp(ps->diag), pe);
	cli_diag_policy(ps->diag, pe, 0);
	return rc;
}

int cli_load_fixture(struct cli_policies *ps, struct cli_policy_entry *forced,
		     const char *path, struct cli_fixture_peek *peek_out,
		     struct casecheck_case **kase, struct cli_policy_entry **pe_out)
{
	struct casecheck_errors errs = { NULL, 0, 0 };
	struct cli_resolve r;
	struct cli_policy_entry *pe = forced;
	FILE *out = cli_diag_fp(ps->diag);
	int rc = 0;

	*kase = NULL;
	*pe_out = NULL;
	memset(&r, 0, sizeof(r));
	r.ps = ps;
	if (peek_out)
		memset(peek_out, 0, sizeof(*peek_out));
	if (pe && !pe->policy)
		return cli_peek_policy_error(ps, peek_out, pe);
	if (strcmp(path, "-") == 0) {
		/* standard input: read as it comes (a pipe is not a regular file); errors name it so */
		path = CLI_STDIN_PATH;
	} else if (cli_check_input_file(path, ps->max_fixture_mib, &r.err) != 0) {
		cli_print_error(out, &r.err);
		cli_peek_error(peek_out, &r.err);
		return cli_exit_for(&r.err);
	}
	if (pe) {
		*kase = casecheck_case_load_file(ps->engine, path, pe->policy, &errs);
	} else {
		/* one parse: the library asks for the fixture's policy before validating */
		*kase = casecheck_case_load_file_resolve(ps->engine, path, cli_resolve_policy, &r,
							 NULL, &errs);
		pe = r.pe;
		if (r.failed) {
			snprintf(r.err.source, sizeof(r.err.source), "%s", path);
			snprintf(r.err.path, sizeof(r.err.path), "/policy");
			cli_print_error(out, &r.err);
			cli_peek_error(peek_out, &r.err);
			rc = cli_exit_for(&r.err);
		} else if (pe && !pe->policy) {
			rc = cli_peek_policy_error(ps, peek_out, pe);
		}
	}
	if (!*kase) {
		int e = cli_print_errors(out, &errs);

		if (errs.count > 0)
			cli_peek_error(peek_out, &errs.items[0]);
		if (e == 0 && rc == 0) {
			cli_error_set(&r.err, CASECHECK_E_INPUT, path, NULL, "cannot load the fixture");
			cli_print_error(out, &r.err);
			cli_peek_error(peek_out, &r.err);
			e = CLI_EXIT_INPUT;
		}
		if (e > rc)
			rc = e;
		goto out;
	}
	if (rc != 0) {
		casecheck_case_free(*kase);
		*kase = NULL;
		goto out;
	}
	if (peek_out) {
		cli_fill_peek(peek_out, *kase);
		peek_out->has_error = 0;
	}
	*pe_out = pe;
out:
	casecheck_errors_free(&errs);
	return rc;
}
