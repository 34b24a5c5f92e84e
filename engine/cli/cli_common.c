/*
** cli_common.c: option parsing, usage errors, string lists, error printing,
** colour and did-you-mean for the casecheck verbs (loading is in
** cli_load.c). Nothing here keeps state outside the structs passed in.
*/
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli_common.h"
#include "suggest.h"

/* ---- messages ---- */

static void cli_vmessage(FILE *fp, const char *verb, const char *fmt, va_list ap)
{
	if (fp == stderr)
		fflush(stdout);
	if (verb)
		fprintf(fp, "casecheck %s: ", verb);
	else
		fputs("casecheck: ", fp);
	vfprintf(fp, fmt, ap);
	fputc('\n', fp);
}

static int cli_vusage_error(FILE *fp, const char *verb, const char *fmt, va_list ap)
{
	cli_vmessage(fp, verb, fmt, ap);
	if (verb)
		fprintf(fp, "see 'casecheck %s --help'\n", verb);
	else
		fputs("see 'casecheck --help'\n", fp);
	return CLI_EXIT_INPUT;
}

int cli_usage_error(const char *verb, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = cli_vusage_error(stderr, verb, fmt, ap);
	va_end(ap);
	return rc;
}

int cli_usage_error_to(FILE *fp, const char *verb, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = cli_vusage_error(fp, verb, fmt, ap);
	va_end(ap);
	return rc;
}

void cli_errorf(const char *verb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vmessage(stderr, verb, fmt, ap);
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

	params->verb = verb;
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

/* The option that raises the budget ERR ran out of, or NULL. */
static const char *budget_option(const struct casecheck_error *err)
{
	if (err->kind == CASECHECK_E_MEMORY)
		return "--max-memory";
	if (err->kind == CASECHECK_E_BUDGET)
		return strncmp(err->text, "time", 4) == 0 ? "--max-seconds" : "--max-instructions";
	return NULL;
}

void cli_print_error(FILE *fp, const struct casecheck_error *err)
{
	const char *opt = budget_option(err);
	char buf[2048];

	casecheck_error_format(err, buf, sizeof(buf));
	if (fp == stderr)
		fflush(stdout);
	if (opt)
		fprintf(fp, "%s; %s raises it\n", buf, opt);
	else
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
	const char *no_color, *term;

	if (mode != CLI_COLOR_AUTO)
		return mode == CLI_COLOR_ALWAYS;
	no_color = getenv("NO_COLOR");
	if (no_color && no_color[0])
		return 0;
	term = getenv("TERM");
	if (term && strcmp(term, "dumb") == 0)	/* a terminal that shows escapes as text */
		return 0;
	return isatty(fileno(fp));
}

/* ---- suggestions ---- */

/*
** The library's did-you-mean (suggest.c), then, for ids, a unique part of
** one: "written_notice" for "notice.written_notice".
*/
const char *cli_did_you_mean(const char *word, const char *const *cands, size_t n)
{
	const char *best = suggest_best(word, cands, n);
	size_t i;

	if (best || strlen(word) < 4)
		return best;
	for (i = 0; i < n; i++) {
		if (!strstr(cands[i], word))
			continue;
		if (best)
			return NULL;
		best = cands[i];
	}
	return best;
}

void cli_buf_put(struct cli_buf *b, const void *p, size_t n)
{
	char *v;
	size_t cap;

	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		v = realloc(b->s, cap);
		if (!v) {
			b->oom = 1;
			return;
		}
		b->s = v;
		b->cap = cap;
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

int cli_limit_set(struct casecheck_limits *lim, double *fixture_mib, int id, const char *verb,
		  const char *v)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(v, &end);
	if (id == CLI_OPT_MAX_FIXTURE_SIZE) {
		if (errno || end == v || *end || !(d > 0) || d > 1e9)
			return cli_usage_error(verb, "bad --max-fixture-size '%s': expected a positive number", v);
		*fixture_mib = d;
		return 0;
	}
	if (errno || end == v || *end || !(d > 0) || d > 1e15)
		return cli_usage_error(verb, "bad budget '%s': expected a positive number", v);
	switch (id) {
	case CLI_OPT_MAX_MEMORY:
		lim->memory_bytes = (size_t)(d * 1024 * 1024);
		break;
	case CLI_OPT_MAX_INSTRUCTIONS:
		lim->instructions = (long)d;
		break;
	default:
		lim->seconds = d;
		break;
	}
	return 0;
}

struct casecheck_engine *cli_engine_new(const struct casecheck_limits *lim)
{
	struct casecheck_error err;
	struct casecheck_engine *engine = casecheck_engine_new(lim, &err);

	if (!engine)
		cli_print_error(stderr, &err);
	return engine;
}
