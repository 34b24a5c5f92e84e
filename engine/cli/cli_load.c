/*
** cli_load.c: finding and loading what the verbs work on: policy names
** resolved along CASECHECK_PATH and friends and loaded once per run,
** fixture directories walked in sorted order, and fixtures loaded with them.
*/
#include <dirent.h>
#include <errno.h>
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

/* Apply every --param to PE's policy; on failure frees the policy. */
static void cli_policy_apply_params(struct cli_policies *ps, struct cli_policy_entry *pe)
{
	size_t i;

	if (!ps->params)
		return;
	for (i = 0; i < ps->params->keys.n; i++) {
		if (casecheck_policy_set_param(pe->policy, ps->params->keys.v[i],
					       ps->params->values.v[i], &pe->err) != 0) {
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

int cli_policy_entry_report(struct cli_policy_entry *pe)
{
	if (!pe->reported) {
		cli_print_error(stderr, &pe->err);
		pe->reported = 1;
	}
	return cli_exit_for(&pe->err);
}

/* ---- fixtures ---- */

static int cli_strcmp_p(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk DIR for *.json into OUT (unsorted). Returns 0 or CLI_EXIT_INPUT. */
static int cli_walk(const char *dir, int depth, struct cli_strv *out)
{
	DIR *d;
	struct dirent *de;
	struct stat st;
	size_t dl = strlen(dir), n;
	char *child;
	int rc = 0, e;

	if (depth > CLI_WALK_DEPTH) {
		cli_errorf(NULL, "'%s': directories nested too deep", dir);
		return CLI_EXIT_INPUT;
	}
	d = opendir(dir);
	if (!d) {
		cli_errorf(NULL, "cannot read directory '%s': %s", dir, strerror(errno));
		return CLI_EXIT_INPUT;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		n = dl + strlen(de->d_name) + 2;
		child = malloc(n);
		if (!child) {
			rc = CLI_EXIT_INPUT;
			break;
		}
		if (dl > 0 && dir[dl - 1] == '/')
			snprintf(child, n, "%s%s", dir, de->d_name);
		else
			snprintf(child, n, "%s/%s", dir, de->d_name);
		if (stat(child, &st) != 0) {
			free(child);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			e = cli_walk(child, depth + 1, out);
			if (e > rc)
				rc = e;
		} else if (S_ISREG(st.st_mode) && cli_ends_with(de->d_name, ".json")) {
			if (cli_strv_push(out, child) != 0)
				rc = CLI_EXIT_INPUT;
		}
		free(child);
	}
	closedir(d);
	return rc;
}

int cli_collect_fixtures(const char *arg, struct cli_strv *out)
{
	struct stat st;
	size_t first = out->n;
	int rc;

	if (stat(arg, &st) != 0) {
		cli_errorf(NULL, "cannot open '%s': %s", arg, strerror(errno));
		return CLI_EXIT_INPUT;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (cli_strv_push(out, arg) != 0)
			return CLI_EXIT_INPUT;
		return 0;
	}
	rc = cli_walk(arg, 0, out);
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

int cli_load_fixture(struct cli_policies *ps, struct cli_policy_entry *forced,
		     const char *path, struct cli_fixture_peek *peek_out,
		     struct casecheck_case **kase, struct cli_policy_entry **pe_out)
{
	struct casecheck_errors errs = { NULL, 0, 0 };
	struct cli_resolve r;
	struct cli_policy_entry *pe = forced;
	int rc = 0;

	*kase = NULL;
	*pe_out = NULL;
	memset(&r, 0, sizeof(r));
	r.ps = ps;
	if (peek_out)
		memset(peek_out, 0, sizeof(*peek_out));
	if (pe && !pe->policy)
		return cli_policy_entry_report(pe);
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
			cli_print_error(stderr, &r.err);
			rc = cli_exit_for(&r.err);
		} else if (pe && !pe->policy) {
			rc = cli_policy_entry_report(pe);
		}
	}
	if (!*kase) {
		int e = cli_print_errors(stderr, &errs);

		if (e == 0 && rc == 0) {
			cli_errorf(NULL, "%s: cannot load the fixture", path);
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
	if (peek_out)
		cli_fill_peek(peek_out, *kase);
	*pe_out = pe;
out:
	casecheck_errors_free(&errs);
	return rc;
}
