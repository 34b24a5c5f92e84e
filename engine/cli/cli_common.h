/*
** cli_common.h: what the casecheck verbs share: option parsing, usage errors,
** policy resolution and caching, fixture walking, error printing, colour and
** a did-you-mean helper (cli_common.c, cli_load.c). Written only against
** the public API (casecheck.h).
*/
#ifndef CLI_COMMON_H
#define CLI_COMMON_H

#include <stdio.h>
#include "casecheck.h"
#include "cli_diag.h"

/* Exit codes (DESIGN.md, "The command line"); a run exits with the worst. */
enum cli_exit {
	CLI_EXIT_OK = 0,	/* all good */
	CLI_EXIT_FINDINGS = 1,	/* a finding failed or was late; expectations not met */
	CLI_EXIT_INPUT = 2,	/* bad input or usage */
	CLI_EXIT_POLICY = 3	/* a policy error or a budget trip */
};

/* The verbs. ARGV[0] is the verb's name; each returns an exit code. */
int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_steps(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_exercise(int argc, char **argv);

/* ---- options ---- */

enum cli_has_arg {
	CLI_NO_ARG = 0,
	CLI_REQUIRED_ARG,
	CLI_OPTIONAL_ARG	/* only as "--name=value" */
};

/* One option of a verb; a table of them ends with a zeroed entry. */
struct cli_option {
	const char *name;	/* long name without "--" */
	char short_name;	/* 'o' for "-o", or 0 */
	enum cli_has_arg has_arg;
	int id;			/* returned by cli_parser_next; must be > 0 */
};

struct cli_parser {
	const char *verb;	/* for messages: "run" */
	int argc;
	char **argv;
	int next;		/* index of the next argument */
	int only_args;		/* after "--" */
};

#define CLI_OPT_ARG 0		/* a positional argument, in *value */
#define CLI_OPT_END (-1)	/* nothing left */
#define CLI_OPT_ERROR (-2)	/* a usage error, already printed */

/* Start parsing ARGV[1..ARGC-1] (ARGV[0] is the verb). */
void cli_parser_init(struct cli_parser *p, const char *verb, int argc, char **argv);
/*
** The next option's id with its value (NULL when none) in *VALUE, or
** CLI_OPT_ARG with a positional argument, CLI_OPT_END, or CLI_OPT_ERROR
** after printing a usage error. Options and arguments may be mixed.
*/
int cli_parser_next(struct cli_parser *p, const struct cli_option *opts, const char **value);

/*
** Print "casecheck VERB: MESSAGE" and "see 'casecheck VERB --help'" to
** stderr (VERB NULL: the global forms). Returns CLI_EXIT_INPUT.
*/
int cli_usage_error(const char *verb, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* cli_usage_error, printed to FP (stderr, or a fixture's capture: cli_diag.h). */
int cli_usage_error_to(FILE *fp, const char *verb, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Print "casecheck VERB: MESSAGE" to stderr (VERB may be NULL). */
void cli_errorf(const char *verb, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* 1 when S is a date "YYYY-MM-DD" with a plausible month and day. */
int cli_is_date(const char *s);

/* ---- string lists ---- */

struct cli_strv {
	char **v;
	size_t n, cap;
};

/* Append a copy of S. 0, or -1 when out of memory. */
int cli_strv_push(struct cli_strv *sv, const char *s);
void cli_strv_free(struct cli_strv *sv);

/* "--param K=V" pairs, in the order given. */
struct cli_params {
	struct cli_strv keys, values;
	const char *verb;	/* whose option they are: a bad one is its usage error */
};

/* Add "K=V"; on a malformed pair prints a usage error for VERB and returns 2. */
int cli_params_add(struct cli_params *params, const char *verb, const char *kv);
void cli_params_free(struct cli_params *params);

/* ---- errors ---- */

/* The exit code for an error of ERR's kind (2 for input, else 3). */
int cli_exit_for(const struct casecheck_error *err);
/* Print ERR as casecheck_error_format does, one line, to FP. */
void cli_print_error(FILE *fp, const struct casecheck_error *err);
/* Print every error of ERRS; returns the worst exit code among them (0 if none). */
int cli_print_errors(FILE *fp, const struct casecheck_errors *errs);
/* Fill ERR: kind, SOURCE (may be NULL), PATH (may be NULL) and the text. */
void cli_error_set(struct casecheck_error *err, enum casecheck_error_kind kind,
		   const char *source, const char *path, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 5, 6)))
#endif
	;

/* ---- policies ---- */

/* One policy of a run, loaded once and shared by every fixture that uses it. */
struct cli_policy_entry {
	char *path;			/* the file, as found */
	int has_id;			/* dev and ino are set: the cache key */
	unsigned long long dev, ino;
	char *chunk;			/* how errors name it: "policies/x.lua" or as given */
	struct casecheck_policy *policy;	/* NULL when it failed to load or lint */
	struct casecheck_error err;	/* why it failed (the first lint error) */
	struct casecheck_errors lint;	/* what 'check' rejects it for: every one */
	int reported;			/* err was printed already */
};

struct cli_policies {
	struct casecheck_engine *engine;	/* borrowed */
	const struct cli_params *params;	/* applied to every policy loaded; may be NULL */
	struct cli_policy_entry **items;
	size_t n, cap;
	double max_fixture_mib;		/* fixtures larger are refused; 0: CLI_MAX_FIXTURE_MIB */
	struct cli_diag *diag;		/* where loading problems go: NULL for stderr (cli_diag.h) */
};

/* The default fixture size limit, MiB: far above any real case file, far below memory. */
#define CLI_MAX_FIXTURE_MIB 16

void cli_policies_init(struct cli_policies *ps, struct casecheck_engine *engine,
		       const struct cli_params *params);
void cli_policies_free(struct cli_policies *ps);

/*
** Resolve NAME (a policy name, a .lua file or a path to an existing file; a
** fixture's name when FROM_FIXTURE, which is looked up by name only) and load
** it once. Returns the entry (whose policy is NULL and err set when it failed
** to load, has lint errors -- a policy 'check' rejects is evaluated by no
** verb -- or a --param did not apply), or NULL with ERR filled when NAME
** does not resolve.
*/
struct cli_policy_entry *cli_policies_get(struct cli_policies *ps, const char *name,
					  int from_fixture, struct casecheck_error *err);

/* 1 when A and B are the same policy file (by device and inode where both have them). */
int cli_policy_same_file(const struct cli_policy_entry *a, const struct cli_policy_entry *b);

/* Print the entry's load error (or every lint error) to stderr once. Returns its exit code. */
int cli_policy_entry_report(struct cli_policy_entry *pe);

/*
** Where policy names are looked up, for casecheck_policy_find: $CASECHECK_PATH,
** ./policies, the policies beside the build, the installed ones. New string
** (free()), or NULL when out of memory.
*/
char *cli_policy_search_path(void);

/* ---- fixtures ---- */

/*
** Append the fixtures ARG names to OUT: a file as is, a directory walked
** recursively for *.json (sorted by path; names starting with '.' skipped;
** links followed, but each directory, by device and inode, entered once).
** Prints problems to stderr; returns 0, or CLI_EXIT_INPUT.
*/
int cli_collect_fixtures(const char *arg, struct cli_strv *out);

/* What the CLI shows of a loaded fixture besides its findings. */
struct cli_fixture_peek {
	char *policy;		/* the "policy" member, or NULL */
	char *title;		/* the "title" member, or NULL */
	int has_expect;
	int has_error;		/* the fixture could not be loaded: ERROR says why */
	struct casecheck_error error;	/* the first error printed */
};

void cli_fixture_peek_free(struct cli_fixture_peek *peek);

/*
** Load the fixture at PATH with FORCED (from --policy) or the policy the
** fixture names. Prints every problem to stderr. On success sets *KASE and
** *PE and returns 0; a fixture that names no policy (and no FORCED) gives
** *PE NULL, which callers report. Else returns the exit code. PEEK, when not
** NULL, receives the fixture's top-level members, or the first error when
** it fails (free it in every case).
*/
int cli_load_fixture(struct cli_policies *ps, struct cli_policy_entry *forced,
		     const char *path, struct cli_fixture_peek *peek,
		     struct casecheck_case **kase, struct cli_policy_entry **pe);

/* ---- colour ---- */

enum cli_color_mode {
	CLI_COLOR_AUTO = 0,
	CLI_COLOR_NEVER,
	CLI_COLOR_ALWAYS
};

/* Parse "auto", "never", "always" (NULL: always). 0, or -1 when unknown. */
int cli_color_parse(const char *s, enum cli_color_mode *mode);
/* 1 when colour goes to FP: always, or auto with FP a terminal and no NO_COLOR. */
int cli_color_enabled(enum cli_color_mode mode, FILE *fp);

/* ---- suggestions ---- */

/* The candidate closest to WORD by the library's rule (suggest.h), or the one
** candidate WORD is a part of (4 characters or more); else NULL. */
const char *cli_did_you_mean(const char *word, const char *const *cands, size_t n);

/* A new engine with budgets LIM (NULL: defaults); prints why and returns NULL on failure. */
struct casecheck_engine *cli_engine_new(const struct casecheck_limits *lim);

/* ---- budgets for policy code ---- */

/* Option ids shared by the verbs that evaluate (kept apart from theirs). */
enum { CLI_OPT_MAX_MEMORY = 100, CLI_OPT_MAX_INSTRUCTIONS, CLI_OPT_MAX_SECONDS,
       CLI_OPT_MAX_FIXTURE_SIZE };

#define CLI_LIMIT_OPTIONS \
	{ "max-memory", 0, CLI_REQUIRED_ARG, CLI_OPT_MAX_MEMORY }, \
	{ "max-instructions", 0, CLI_REQUIRED_ARG, CLI_OPT_MAX_INSTRUCTIONS }, \
	{ "max-seconds", 0, CLI_REQUIRED_ARG, CLI_OPT_MAX_SECONDS }, \
	{ "max-fixture-size", 0, CLI_REQUIRED_ARG, CLI_OPT_MAX_FIXTURE_SIZE }

#define CLI_LIMIT_USAGE \
	"  --max-memory MIB  memory budget of the Lua state beyond the case (default 64)\n" \
	"  --max-instructions N  instruction budget per case (default 50000000)\n" \
	"  --max-seconds S   wall-clock budget per case (default 2)\n" \
	"  --max-fixture-size MIB  refuse larger fixture files unread (default 16)\n"

/*
** Set the budget option ID (one of CLI_OPT_MAX_*) from V: into LIM, or
** *FIXTURE_MIB for --max-fixture-size. Returns 0, or CLI_EXIT_INPUT after a
** usage error naming VERB.
*/
int cli_limit_set(struct casecheck_limits *lim, double *fixture_mib, int id, const char *verb,
		  const char *v);

/*
** 0 when PATH is a regular file of at most MAX_MIB (0: the default; < 0: no
** limit) MiB; else fills ERR (an input error naming PATH) and returns -1.
** Opens without blocking and reads nothing, so a FIFO or a device cannot
** hang the run.
*/
int cli_check_input_file(const char *path, double max_mib, struct casecheck_error *err);

/* ---- a growable byte string, NUL-terminated; OOM is sticky ---- */

struct cli_buf {
	char *s;
	size_t len, cap;
	int oom;
};

/* Append N bytes of P. On allocation failure sets b->oom and drops the rest. */
void cli_buf_put(struct cli_buf *b, const void *p, size_t n);

#endif
