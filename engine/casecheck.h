/*
** casecheck.h: the public API of libcasecheck. Load a Lua policy, parse case
** fixtures, evaluate a case at an as-of date, and walk the findings or get
** them as JSON. Nothing here prints: every problem comes back as a
** struct casecheck_error. No global mutable state: each engine is
** independent, so an application may hold one engine per thread.
*/
#ifndef CASECHECK_H
#define CASECHECK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
** The library is built with -fvisibility=hidden: what is declared here, and
** nothing else, leaves libcasecheck.so (engine/libcasecheck.map says so too).
*/
#if defined(__GNUC__)
#pragma GCC visibility push(default)
#endif

#define CASECHECK_CASE_FORMAT "casecheck/case@1"
#define CASECHECK_REPORT_FORMAT "casecheck/report@1"

/* What kind of problem an error describes; the CLI maps it to an exit code. */
enum casecheck_error_kind {
	CASECHECK_E_INPUT = 1,	/* bad fixture, bad argument, unreadable file (exit 2) */
	CASECHECK_E_POLICY,	/* the policy raised an error or is malformed (exit 3) */
	CASECHECK_E_BUDGET,	/* the policy used up its instruction or time budget (exit 3) */
	CASECHECK_E_MEMORY,	/* the policy used up its memory budget (exit 3) */
	CASECHECK_E_INTERNAL	/* out of memory in C, or a bug (exit 3) */
};

/*
** One problem, in jansson's shape. Printed as "SOURCE:LINE:COL: TEXT" when
** LINE is known, else "SOURCE: PATH: TEXT", else "SOURCE: TEXT".
*/
struct casecheck_error {
	enum casecheck_error_kind kind;
	char source[512];	/* file or chunk name: "fixtures/a.json", "policies/x.lua" */
	char path[256];		/* JSON pointer into a fixture ("/events/3/date"), or "" */
	int line, column;	/* 1-based; 0 when unknown */
	char text[768];		/* lowercase, no final period, what is wrong first */
};

/* A list of errors; zero-initialise it. Free with casecheck_errors_free. */
struct casecheck_errors {
	struct casecheck_error *items;
	size_t count, cap;
};

void casecheck_errors_free(struct casecheck_errors *errs);

/* Format ERR as the CLI prints it. Returns the length (snprintf rules). */
int casecheck_error_format(const struct casecheck_error *err, char *buf, size_t size);

enum casecheck_status {
	CASECHECK_PASS = 0,		/* done, in time */
	CASECHECK_LATE,			/* done after the deadline */
	CASECHECK_FAIL,			/* not done and overdue, or something forbidden done */
	CASECHECK_PENDING,		/* not done, deadline after the as-of date */
	CASECHECK_NOT_APPLICABLE,	/* no trigger, or the law in force did not require it */
	CASECHECK_UNKNOWN,		/* the record cannot settle it (gap, imprecise date) */
	CASECHECK_ERROR,		/* the policy itself failed on this step */
	CASECHECK_STATUS_COUNT
};

/* "pass", "late", ... ; casecheck_status_parse returns -1 for an unknown name. */
const char *casecheck_status_name(enum casecheck_status status);
int casecheck_status_parse(const char *name);

/* One finding: a step, for one matter (or for the case), at one as-of date. */
struct casecheck_finding {
	const char *step;		/* step id, "record.conduct_matter" */
	const char *title;
	const char *re;			/* matter id (its allegation_received id); NULL per case */
	enum casecheck_status status;
	const char *regime;		/* regime that applied; NULL when none */
	const char *cite;		/* the law for that regime; NULL only with status error */
	const char *trigger;		/* id of the triggering event, or NULL */
	const char *const *evidence;	/* ids of events that satisfied or breached the duty */
	size_t n_evidence;
	const char *due;		/* "YYYY-MM-DD", or "LO/HI" when imprecise; NULL */
	const char *done;		/* date of the satisfying event as written; NULL */
	int has_days_late;
	long days_late;			/* calendar days after the due date (0 if in time) */
	const char *message;		/* one plain-English sentence */
	const char *detail;		/* for 'explain': the arithmetic, several lines; may be NULL */
	const char *duty;		/* kind of duty under the regime: "statutory", "power",
					   "guidance", "practice"; NULL when the step declares none
					   for the regime (not in force, or no regime) */
	const char *deadline_basis;	/* where the time limit comes from: "statutory",
					   "guidance", "benchmark"; NULL when there is no deadline
					   (the step has none, or the finding is not_applicable) */
	const char *deadline_source;	/* the source of that time limit; NULL with deadline_basis */
};

/* A step's duty kind under one regime ("*": every other regime). */
struct casecheck_duty {
	const char *regime, *kind;
};

/*
** A step's time limit under one regime ("*": every other regime). NAME is
** NULL, or names one of several alternatives the step's check chooses from.
*/
struct casecheck_limit {
	const char *regime, *name;
	const char *basis;		/* "statutory", "guidance", "benchmark" */
	const char *source;
};

/* A step of a policy, as declared. */
struct casecheck_step {
	const char *id, *title;
	int per_case;			/* 1: one finding per case; 0: one per matter */
	const char *const *regimes;	/* regime ids the step is in force under */
	size_t n_regimes;
	const char *const *cite_regimes;	/* cite_regimes[i] -> cites[i]; "*" for every regime */
	const char *const *cites;
	const char *const *cite_tracks;	/* cite_tracks[i]: the track cites[i] is for; NULL: any */
	size_t n_cites;
	const struct casecheck_duty *duties;	/* per regime, in the policy's order, then "*" */
	size_t n_duties;
	const struct casecheck_limit *limits;	/* per regime, as duties; none without a deadline */
	size_t n_limits;
	const char *const *params;	/* parameters the step uses */
	size_t n_params;
	const char *const *event_types;	/* event types its trigger, done_by and breach name */
	size_t n_event_types;
	const char *basis;		/* free text from the policy: why the duty exists; may be NULL */
	const char *source;		/* "policies/x.lua" */
	int line;			/* where the step is declared */
};

/* A track a policy may put a matter on (its citations can follow it). */
struct casecheck_track {
	const char *name, *doc;
};

struct casecheck_regime {
	const char *id, *title;
	const char *from, *to;		/* "YYYY-MM-DD"; to is NULL when open-ended */
};

struct casecheck_param {
	const char *name;
	const char *unit;		/* "working_days", "days", "years", "count" */
	const char *doc;
	long default_value, value;	/* value is what evaluations use now */
	const char *source;		/* where it is declared */
	int line;
};

/*
** Budgets for policy code; 0 in a field means the default. A policy cannot
** catch a budget error (its pcall and xpcall re-raise it; its error handlers
** do not run after one), and every C library function it may call is
** charged or refused by the size of its work before it starts.
**
** The wall-clock budget has a backstop: each engine owns one helper thread
** (a watchdog) that sleeps until the deadline of the call in flight and then
** makes the Lua state stop at its next instruction (lua_sethook, which Lua
** documents as safe to call asynchronously), whatever runs: policy code or
** the engine's own. The error is CASECHECK_E_BUDGET, "time budget exceeded".
** The thread is created by casecheck_engine_new, touches nothing but its own
** engine, and is joined by casecheck_engine_free; link with -pthread.
*/
struct casecheck_limits {
	size_t memory_bytes;	/* default 64 MiB for the whole Lua state */
	long instructions;	/* default 50 million per case evaluation */
	double seconds;		/* default 2 s wall clock per case evaluation */
};

struct casecheck_engine;
struct casecheck_policy;
struct casecheck_case;
struct casecheck_result;

/* A new engine; LIMITS may be NULL. Returns NULL and fills ERR on failure. */
struct casecheck_engine *casecheck_engine_new(const struct casecheck_limits *limits,
					      struct casecheck_error *err);
/* Build each finding's 'detail' (the arithmetic, for explain); off by default (costs time). */
void casecheck_engine_set_detail(struct casecheck_engine *engine, int on);
/*
** Whether results carry the fixture's sha256 (casecheck_result_sha256; NULL
** when off). On by default; a caller whose report does not show it saves the
** hashing, which costs more than validating the case.
*/
void casecheck_engine_set_hashes(struct casecheck_engine *engine, int on);
/* The budgets in force, with the defaults filled in. */
void casecheck_engine_limits(const struct casecheck_engine *engine, struct casecheck_limits *out);
/* Frees the engine and every policy still loaded in it. */
void casecheck_engine_free(struct casecheck_engine *engine);

/*
** Load a policy. CHUNKNAME is how errors name it ("policies/x.lua"); NULL
** means PATH. The policy belongs to ENGINE and lives until
** casecheck_policy_free or casecheck_engine_free.
*/
struct casecheck_policy *casecheck_policy_load_file(struct casecheck_engine *engine,
						    const char *path, const char *chunkname,
						    struct casecheck_error *err);
struct casecheck_policy *casecheck_policy_load_string(struct casecheck_engine *engine,
						      const char *text, size_t len,
						      const char *chunkname,
						      struct casecheck_error *err);
void casecheck_policy_free(struct casecheck_policy *policy);

/* The policy's declarations, valid while the policy lives. */
size_t casecheck_policy_step_count(const struct casecheck_policy *policy);
const struct casecheck_step *casecheck_policy_step(const struct casecheck_policy *policy, size_t i);
size_t casecheck_policy_regime_count(const struct casecheck_policy *policy);
const struct casecheck_regime *casecheck_policy_regime(const struct casecheck_policy *policy,
						       size_t i);
size_t casecheck_policy_param_count(const struct casecheck_policy *policy);
size_t casecheck_policy_track_count(const struct casecheck_policy *policy);
const struct casecheck_track *casecheck_policy_track(const struct casecheck_policy *policy,
						     size_t i);
const struct casecheck_param *casecheck_policy_param(const struct casecheck_policy *policy,
						     size_t i);
/* Lint problems beyond syntax (each with source and line), appended to ERRS. */
void casecheck_policy_lint(const struct casecheck_policy *policy, struct casecheck_errors *errs);

const char *casecheck_policy_id(const struct casecheck_policy *policy);
const char *casecheck_policy_title(const struct casecheck_policy *policy);
const char *casecheck_policy_sha256(const struct casecheck_policy *policy);
/*
** Where the text of a citation can be read: the URL of the longest name in the
** policy's 'links' table that begins CITE and ends there or before a character
** that is not a letter or digit ("PRA 2002 Sch 3 para 13" matches
** "PRA 2002 Sch 3 para 13(1)" but not "... para 13A"). *MATCHED gets the length
** of that name. NULL when the policy gives no link for it.
*/
const char *casecheck_policy_link(const struct casecheck_policy *policy, const char *cite,
				  size_t *matched);

/*
** Override parameter KEY (VALUE as on the command line: "7"). 0, or -1 and
** ERR (an input error) when KEY is not a parameter of POLICY (naming the
** nearest) or VALUE is not a whole number in the range of the parameter's
** unit: 0 to 2600 working_days, 3660 days, 1200 months, 100 years or
** 1000000 (count), which keeps every deadline inside the calendar.
*/
int casecheck_policy_set_param(struct casecheck_policy *policy, const char *key,
			       const char *value, struct casecheck_error *err);

/*
** Parse and validate a case. Every problem is appended to ERRS (which the
** caller frees); returns NULL when there was any. POLICY may be NULL; when
** given, the event types and fields it declares are accepted too.
*/
struct casecheck_case *casecheck_case_load_file(struct casecheck_engine *engine,
						const char *path,
						const struct casecheck_policy *policy,
						struct casecheck_errors *errs);
struct casecheck_case *casecheck_case_load_buffer(struct casecheck_engine *engine,
						  const char *buf, size_t len,
						  const char *name,
						  const struct casecheck_policy *policy,
						  struct casecheck_errors *errs);
void casecheck_case_free(struct casecheck_case *kase);

/*
** Load a case whose policy is named in the fixture itself: RESOLVE(NAME, CTX)
** is called with the fixture's "policy" field (when it has one) and returns
** the policy to validate with, or NULL for the built-in vocabulary. The file
** is parsed once. *POLICY (when not NULL) gets what RESOLVE returned.
*/
struct casecheck_case *casecheck_case_load_file_resolve(
	struct casecheck_engine *engine, const char *path,
	struct casecheck_policy *(*resolve)(const char *name, void *ctx), void *ctx,
	struct casecheck_policy **policy, struct casecheck_errors *errs);

const char *casecheck_case_id(const struct casecheck_case *kase);
const char *casecheck_case_policy(const struct casecheck_case *kase);	/* or NULL */
const char *casecheck_case_sha256(const struct casecheck_case *kase);
const char *casecheck_case_source(const struct casecheck_case *kase);	/* file name */
const char *casecheck_case_title(const struct casecheck_case *kase);
/* One event of a case, in date order, as the fixture wrote it. */
struct casecheck_event {
	const char *id, *type, *date;	/* date as written: "2019-05-16", "2019-05", "2019" */
	const char *by, *re;		/* NULL when absent */
};

size_t casecheck_case_event_count(const struct casecheck_case *kase);
/* Event I in date order into OUT (valid while KASE lives); 0, or -1 out of range. */
int casecheck_case_event(const struct casecheck_case *kase, size_t i, struct casecheck_event *out);

/* The date of matter RE's allegation as written ("2019-05", ...), or NULL. */
const char *casecheck_case_matter_date(const struct casecheck_case *kase, const char *re);
/* The fixture's "expect" block as JSON text (free()), or NULL when it has none. */
char *casecheck_case_expect_json(const struct casecheck_case *kase);

/*
** Evaluate KASE under POLICY as of AS_OF ("YYYY-MM-DD"; NULL = the case's
** as_of, else its last event's date). Returns NULL and fills ERR when the
** policy broke a budget or failed outside a step; a step that fails on its
** own gives a finding with status error instead.
*/
struct casecheck_result *casecheck_evaluate(struct casecheck_engine *engine,
					    struct casecheck_policy *policy,
					    const struct casecheck_case *kase,
					    const char *as_of,
					    struct casecheck_error *err);
size_t casecheck_result_count(const struct casecheck_result *result);
const struct casecheck_finding *casecheck_result_finding(const struct casecheck_result *result,
							 size_t i);
const char *casecheck_result_as_of(const struct casecheck_result *result);
/* What was evaluated: the case's id, file and sha256 (valid while RESULT lives). */
const char *casecheck_result_case_id(const struct casecheck_result *result);
const char *casecheck_result_source(const struct casecheck_result *result);
const char *casecheck_result_sha256(const struct casecheck_result *result);
/* The case entry of the JSON report, as a new NUL-terminated string (free()). */
char *casecheck_result_json(const struct casecheck_result *result);
void casecheck_result_free(struct casecheck_result *result);

const char *casecheck_version(void);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif
