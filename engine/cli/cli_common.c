/*
** cli_common.c: option parsing, usage errors, policy resolution and caching,
** fixture walking, error printing, colour and did-you-mean for the casecheck
** verbs. Nothing here keeps state outside the structs the verbs pass in.
*/
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jansson.h>
#include "cli_common.h"

#ifndef CASECHECK_DATADIR
#define CASECHECK_DATADIR "/usr/local/share/casecheck"
#endif

#define CLI_WALK_DEPTH 32

/* ---- messages ---- */

static void cli_vmessage(const char *verb, const char *fmt, va_list ap)
{
	fflush(stdout);
	if (verb)
		fprintf(stderr, "casecheck %s: ", verb);
	else
		fputs("casecheck: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_usage_error(const char *verb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vmessage(verb, fmt, ap);
	va_end(ap);
	if (verb)
		fprintf(stderr, "see 'casecheck %s --help'\n", verb);
	else
		fputs("see 'casecheck --help'\n", stderr);
	return CLI_EXIT_INPUT;
}

void cli_errorf(const char *verb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vmessage(verb, fmt, ap);
	va_end(ap);
}

int cli_is_date(const char *s)
{
	int i, month, day;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (!isdigit((unsigned char)s[i])) {
			return 0;
		}
	}
	if (s[10] != '\0')
		return 0;
	month = (s[5] - '0') * 10 + (s[6] - '0');
	day = (s[8] - '0') * 10 + (s[9] - '0');
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* ---- options ---- */

void cli_parser_init(struct cli_parser *p, const char *verb, int argc, char **argv)
{
	p->verb = verb;
	p->argc = argc;
	p->argv = argv;
	p->next = 1;
	p->only_args = 0;
}

/* The long option names of OPTS, for did-you-mean (new array, free()). */
static const char **cli_option_names(const struct cli_option *opts, size_t *n)
{
	const char **v;
	size_t i, count = 0;

	for (i = 0; opts[i].name; i++)
		count++;
	v = malloc((count ? count : 1) * sizeof(*v));
	if (!v) {
		*n = 0;
		return NULL;
	}
	for (i = 0; i < count; i++)
		v[i] = opts[i].name;
	*n = count;
	return v;
}

static int cli_unknown_long(struct cli_parser *p, const struct cli_option *opts,
			    const char *name, size_t len)
{
	char *word = malloc(len + 1);
	const char **names;
	const char *hint = NULL;
	size_t n;
	int rc;

	if (!word)
		return cli_usage_error(p->verb, "out of memory");
	memcpy(word, name, len);
	word[len] = '\0';
	names = cli_option_names(opts, &n);
	if (names)
		hint = cli_did_you_mean(word, names, n);
	if (hint)
		rc = cli_usage_error(p->verb, "unknown option '--%s'; did you mean '--%s'?",
				     word, hint);
	else
		rc = cli_usage_error(p->verb, "unknown option '--%s'", word);
	free(names);
	free(word);
	return rc;
}

static int cli_parse_long(struct cli_parser *p, const struct cli_option *opts,
			  const char *arg, const char **value)
{
	const char *name = arg + 2;
	const char *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	size_t i;

	for (i = 0; opts[i].name; i++) {
		if (strlen(opts[i].name) != len || strncmp(opts[i].name, name, len) != 0)
			continue;
		if (opts[i].has_arg == CLI_NO_ARG) {
			if (eq) {
				cli_usage_error(p->verb, "option '--%s' takes no value",
						opts[i].name);
				return CLI_OPT_ERROR;
			}
			*value = NULL;
		} else if (eq) {
			*value = eq + 1;
		} else if (opts[i].has_arg == CLI_OPTIONAL_ARG) {
			*value = NULL;
		} else if (p->next < p->argc) {
			*value = p->argv[p->next++];
		} else {
			cli_usage_error(p->verb, "option '--%s' needs a value", opts[i].name);
			return CLI_OPT_ERROR;
		}
		return opts[i].id;
	}
	cli_unknown_long(p, opts, name, len);
	return CLI_OPT_ERROR;
}

static int cli_parse_short(struct cli_parser *p, const struct cli_option *opts,
			   const char *arg, const char **value)
{
	size_t i;

	for (i = 0; opts[i].name; i++) {
		if (opts[i].short_name == 0 || opts[i].short_name != arg[1])
			continue;
		if (opts[i].has_arg != CLI_REQUIRED_ARG) {
			if (arg[2] != '\0')
				break;
			*value = NULL;
		} else if (arg[2] != '\0') {
			*value = arg + 2;
		} else if (p->next < p->argc) {
			*value = p->argv[p->next++];
		} else {
			cli_usage_error(p->verb, "option '-%c' needs a value", arg[1]);
			return CLI_OPT_ERROR;
		}
		return opts[i].id;
	}
	cli_usage_error(p->verb, "unknown option '%s'", arg);
	return CLI_OPT_ERROR;
}

int cli_parser_next(struct cli_parser *p, const struct cli_option *opts, const char **value)
{
	const char *arg;

	*value = NULL;
	for (;;) {
		if (p->next >= p->argc)
			return CLI_OPT_END;
		arg = p->argv[p->next++];
		if (p->only_args || arg[0] != '-' || arg[1] == '\0') {
			*value = arg;
			return CLI_OPT_ARG;
		}
		if (strcmp(arg, "--") == 0) {
			p->only_args = 1;
			continue;
		}
		if (arg[1] == '-')
			return cli_parse_long(p, opts, arg, value);
		return cli_parse_short(p, opts, arg, value);
	}
}

/* ---- string lists ---- */

int cli_strv_push(struct cli_strv *sv, const char *s)
{
	char *copy;

	if (sv->n == sv->cap) {
		size_t cap = sv->cap ? sv->cap * 2 : 16;
		char **v = realloc(sv->v, cap * sizeof(*v));

		if (!v)
			return -1;
		sv->v = v;
		sv->cap = cap;
	}
	copy = strdup(s);
	if (!copy)
		return -1;
	sv->v[sv->n++] = copy;
	return 0;
}

void cli_strv_free(struct cli_strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

int cli_params_add(struct cli_params *params, const char *verb, const char *kv)
{
	const char *eq = strchr(kv, '=');
	char *key;
	int rc;

	if (!eq || eq == kv)
		return cli_usage_error(verb, "bad --param '%s': expected NAME=VALUE", kv);
	key = malloc((size_t)(eq - kv) + 1);
	if (!key)
		return cli_usage_error(verb, "out of memory");
	memcpy(key, kv, (size_t)(eq - kv));
	key[eq - kv] = '\0';
	rc = cli_strv_push(&params->keys, key);
	if (rc == 0)
		rc = cli_strv_push(&params->values, eq + 1);
	free(key);
	if (rc != 0)
		return cli_usage_error(verb, "out of memory");
	return 0;
}

void cli_params_free(struct cli_params *params)
{
	cli_strv_free(&params->keys);
	cli_strv_free(&params->values);
}

/* ---- errors ---- */

int cli_exit_for(const struct casecheck_error *err)
{
	return err->kind == CASECHECK_E_INPUT ? CLI_EXIT_INPUT : CLI_EXIT_POLICY;
}

void cli_print_error(FILE *fp, const struct casecheck_error *err)
{
	char buf[2048];

	casecheck_error_format(err, buf, sizeof(buf));
	if (fp == stderr)
		fflush(stdout);
	fprintf(fp, "%s\n", buf);
}

int cli_print_errors(FILE *fp, const struct casecheck_errors *errs)
{
	size_t i;
	int rc = 0, e;

	for (i = 0; i < errs->count; i++) {
		cli_print_error(fp, &errs->items[i]);
		e = cli_exit_for(&errs->items[i]);
		if (e > rc)
			rc = e;
	}
	return rc;
}

void cli_error_set(struct casecheck_error *err, enum casecheck_error_kind kind,
		   const char *source, const char *path, const char *fmt, ...)
{
	va_list ap;

	memset(err, 0, sizeof(*err));
	err->kind = kind;
	snprintf(err->source, sizeof(err->source), "%s", source ? source : "");
	snprintf(err->path, sizeof(err->path), "%s", path ? path : "");
	va_start(ap, fmt);
	vsnprintf(err->text, sizeof(err->text), fmt, ap);
	va_end(ap);
}

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

/* "DIR/NAME.lua" (new string), or NULL when out of memory. */
static char *cli_join_lua(const char *dir, size_t dirlen, const char *name)
{
	size_t n = dirlen + strlen(name) + 6;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "%.*s/%s.lua", (int)dirlen, dir, name);
	return s;
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

/* A fixture's policy name must stay under the policies directories. */
static int cli_name_ok(const char *name)
{
	const char *s;

	if (name[0] == '\0' || name[0] == '/')
		return 0;
	for (s = name; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("/._-", *s))
			return 0;
	return strstr(name, "..") == NULL;
}

/*
** Find NAME: sets *PATH and *CHUNK (new strings) and returns 0, or fills ERR
** and returns -1.
*/
static int cli_policy_resolve(const char *name, int from_fixture, char **path, char **chunk,
			      struct casecheck_error *err)
{
	const char *env = getenv("CASECHECK_PATH");
	const char *s, *end;
	char *exe_dir = NULL, *cand = NULL;
	const char *fixed[3];
	size_t i, n;

	*path = *chunk = NULL;
	if (!from_fixture && (cli_ends_with(name, ".lua") || cli_is_file(name))) {
		*path = strdup(name);
		*chunk = strdup(name);
		goto found;
	}
	if (!cli_name_ok(name)) {
		cli_error_set(err, CASECHECK_E_INPUT, NULL, NULL,
			      "bad policy name '%s': expected a name like 'england-wales/conduct'",
			      name);
		return -1;
	}
	for (s = env; s && *s; s = *end ? end + 1 : end) {
		end = strchr(s, ':');
		if (!end)
			end = s + strlen(s);
		if (end == s)
			continue;
		cand = cli_join_lua(s, (size_t)(end - s), name);
		if (cand && cli_is_file(cand))
			goto found_in_dir;
		free(cand);
		cand = NULL;
	}
	exe_dir = cli_exe_policies_dir();
	fixed[0] = "policies";
	fixed[1] = exe_dir;
	fixed[2] = CASECHECK_DATADIR "/policies";
	for (i = 0; i < 3; i++) {
		if (!fixed[i])
			continue;
		cand = cli_join_lua(fixed[i], strlen(fixed[i]), name);
		if (cand && cli_is_file(cand))
			goto found_in_dir;
		free(cand);
		cand = NULL;
	}
	cli_error_set(err, CASECHECK_E_INPUT, NULL, NULL,
		      "policy '%s' not found in CASECHECK_PATH, ./policies%s%s or %s/policies",
		      name, exe_dir ? ", " : "", exe_dir ? exe_dir : "", CASECHECK_DATADIR);
	free(exe_dir);
	return -1;

found_in_dir:
	free(exe_dir);
	*path = cand;
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

void cli_fixture_peek(const char *path, struct cli_fixture_peek *peek)
{
	json_error_t jerr;
	json_t *root, *v;

	memset(peek, 0, sizeof(*peek));
	root = json_load_file(path, 0, &jerr);
	if (!root)
		return;
	if (json_is_object(root)) {
		v = json_object_get(root, "policy");
		if (json_is_string(v))
			peek->policy = strdup(json_string_value(v));
		v = json_object_get(root, "title");
		if (json_is_string(v))
			peek->title = strdup(json_string_value(v));
		peek->has_expect = json_object_get(root, "expect") != NULL;
	}
	json_decref(root);
}

void cli_fixture_peek_free(struct cli_fixture_peek *peek)
{
	free(peek->policy);
	free(peek->title);
	memset(peek, 0, sizeof(*peek));
}

int cli_load_fixture(struct cli_policies *ps, struct cli_policy_entry *forced,
		     const char *path, struct cli_fixture_peek *peek_out,
		     struct casecheck_case **kase, struct cli_policy_entry **pe_out)
{
	struct cli_fixture_peek peek;
	struct casecheck_errors errs = { NULL, 0, 0 };
	struct casecheck_error err;
	struct cli_policy_entry *pe = forced;
	const struct casecheck_policy *policy = NULL;
	int rc = 0;

	*kase = NULL;
	*pe_out = NULL;
	memset(&peek, 0, sizeof(peek));
	if (peek_out)
		memset(peek_out, 0, sizeof(*peek_out));
	if (!pe || peek_out)
		cli_fixture_peek(path, &peek);
	if (!pe) {
		if (peek.policy) {
			pe = cli_policies_get(ps, peek.policy, 1, &err);
			if (!pe) {
				snprintf(err.source, sizeof(err.source), "%s", path);
				snprintf(err.path, sizeof(err.path), "/policy");
				cli_print_error(stderr, &err);
				rc = cli_exit_for(&err);
				goto out;
			}
		}
	}
	if (pe && !pe->policy) {
		rc = cli_policy_entry_report(pe);
		goto out;
	}
	if (pe)
		policy = pe->policy;
	*kase = casecheck_case_load_file(ps->engine, path, policy, &errs);
	if (!*kase) {
		rc = cli_print_errors(stderr, &errs);
		if (rc == 0) {
			cli_errorf(NULL, "%s: cannot load the fixture", path);
			rc = CLI_EXIT_INPUT;
		}
		goto out;
	}
	*pe_out = pe;
out:
	casecheck_errors_free(&errs);
	if (peek_out)
		*peek_out = peek;
	else
		cli_fixture_peek_free(&peek);
	return rc;
}

/* ---- colour ---- */

int cli_color_parse(const char *s, enum cli_color_mode *mode)
{
	if (!s || strcmp(s, "always") == 0)
		*mode = CLI_COLOR_ALWAYS;
	else if (strcmp(s, "never") == 0)
		*mode = CLI_COLOR_NEVER;
	else if (strcmp(s, "auto") == 0)
		*mode = CLI_COLOR_AUTO;
	else
		return -1;
	return 0;
}

int cli_color_enabled(enum cli_color_mode mode, FILE *fp)
{
	const char *no_color;

	if (mode != CLI_COLOR_AUTO)
		return mode == CLI_COLOR_ALWAYS;
	no_color = getenv("NO_COLOR");
	if (no_color && no_color[0])
		return 0;
	return isatty(fileno(fp));
}

/* ---- suggestions ---- */

size_t cli_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, cost, best;
	size_t *prev2, *prev, *cur, *rows, *t;

	rows = malloc(3 * (lb + 1) * sizeof(*rows));
	if (!rows)
		return la > lb ? la : lb;
	prev2 = rows;
	prev = rows + lb + 1;
	cur = rows + 2 * (lb + 1);
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			cost = a[i - 1] == b[j - 1] ? 0 : 1;
			best = prev[j - 1] + cost;
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]
			    && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	best = prev[lb];
	free(rows);
	return best;
}

const char *cli_did_you_mean(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t i, d, best_d = (size_t)-1, limit = strlen(word) / 3;

	if (limit < 2)
		limit = 2;
	for (i = 0; i < n; i++) {
		d = cli_edit_distance(word, cands[i]);
		if (d < best_d) {
			best_d = d;
			best = cands[i];
		}
	}
	if (best && best_d <= limit)
		return best;
	/* "conduct_matter" for "record.conduct_matter": a unique part of an id */
	best = NULL;
	if (strlen(word) >= 4) {
		for (i = 0; i < n; i++) {
			if (!strstr(cands[i], word))
				continue;
			if (best)
				return NULL;
			best = cands[i];
		}
	}
	return best;
}
