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

/*
** Version. CASECHECK_VERSION_NUM is MAJOR * 10000 + MINOR * 100 + PATCH, for
** "#if CASECHECK_VERSION_NUM >= 100" in an application; casecheck_version()
** says which library is loaded at run time.
**
** ABI policy. The shared library is libcasecheck.so.MAJOR.MINOR.PATCH with
** the soname libcasecheck.so.MAJOR. Within one MAJOR, a program built
** against an older header runs against a newer library: functions are only
** added, never removed or changed; enums only gain members at the end. A
** struct the library fills in for the caller (casecheck_finding,
** casecheck_open_duty, casecheck_event_type_info, ...) or that the caller
** fills in (casecheck_subject_spec, casecheck_party_spec, casecheck_limits)
** never changes size or layout within a MAJOR: new fields mean a new MAJOR
** and a new soname. Strings the library returns stay valid for as long as
** the object they came from (the case, result or policy) lives.
**
** Threads. Nothing in the library is global: objects of different engines
** may be used from different threads at once. One engine, with its
** policies, cases and results, is used by one thread at a time. Calls
** marked "any thread" below touch only static tables and may be made from
** any thread at any time.
*/
#define CASECHECK_VERSION_MAJOR 0
#define CASECHECK_VERSION_MINOR 1
#define CASECHECK_VERSION_PATCH 0
#define CASECHECK_VERSION_STRING "0.1.0"
#define CASECHECK_VERSION_NUM (CASECHECK_VERSION_MAJOR * 10000 + \
			       CASECHECK_VERSION_MINOR * 100 + CASECHECK_VERSION_PATCH)

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
	const char *step;		/* step id, "area.duty" */
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
	size_t memory_bytes;	/* default 64 MiB: what the Lua state holds beyond the
				   engine's own copy of the case being evaluated */
	long instructions;	/* default 50 million per case evaluation */
	double seconds;		/* default 2 s wall clock per case evaluation, from
				   when the engine's copy of the case is made */
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
** An engine across fork(). The child gets no copy of the engine's watchdog
** thread, and would get the thread's lock in whatever state it was at that
** instant (held: the child's first evaluation would wait for ever). So call
** casecheck_engine_fork_prepare just before fork(), which stops the thread,
** and casecheck_engine_fork_done just after it, in the parent and in the
** child, which starts one of their own. Between the two, nothing else may
** be called on the engine. fork_done returns 0, or -1 when no thread could
** be started: the engine must then not evaluate (the wall-clock budget
** would have no backstop), only be freed.
*/
void casecheck_engine_fork_prepare(struct casecheck_engine *engine);
int casecheck_engine_fork_done(struct casecheck_engine *engine);

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
/*
** Why step I can never give STATUS, as its policy declares (cannot = {...}),
** or NULL when it can (or I is out of range). Coverage counts only the
** statuses a step can give; evaluation turns a declared-impossible status
** into an error finding.
*/
const char *casecheck_policy_step_cannot(const struct casecheck_policy *policy, size_t i,
					 enum casecheck_status status);
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
/*
** The sha256 of the policy's text (64 hex digits), computed on the first
** call, not at load: the policy keeps a copy of its text until then.
*/
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

/* {========== building a case in memory ==========
**
** A training application builds a case from its parts instead of writing
** JSON: create it with its subject and parties, then add events one at a
** time, each built field by field. Every part is checked by the same
** validator that checks a fixture file, with the same messages and the same
** did-you-mean, so an error names the JSON path the part has in the
** fixture casecheck_case_json writes ("/events/3/catagories"), and SOURCE
** is the case's id. Text is stored as given, byte for byte: a note such as
** x","by":"LM"}]}// is just text.
**
** A built case is an ordinary case: evaluate it, read its events, copy it.
** Its sha256 is that of its compact JSON text (jansson's JSON_COMPACT, keys
** in the order added); a copy, or a loaded case once an event is added,
** is hashed the same way.
*/

/* The subject; NULL fields are left out (force is required). */
struct casecheck_subject_spec {
	const char *name, *rank;
	const char *force;		/* id of a party of kind "force" */
	const char *joined, *probation_ends;	/* dates: "YYYY-MM-DD", "YYYY-MM", "YYYY" */
	int probationer;		/* 1 yes, 0 no, -1 not said */
};

/* One party; NULL name and of are left out. */
struct casecheck_party_spec {
	const char *id;			/* the key events use: "F1-STANDARDS" */
	const char *kind;		/* "force", "psd", "line_manager", ... */
	const char *name;
	const char *of;			/* for a psd or line_manager: its force's id */
};

/*
** A new case with no events. POLICY (may be NULL) gives the vocabulary: the
** event types and fields it declares are accepted too, its id becomes the
** case's "policy", and it must outlive the case. Every problem goes to ERRS
** (which the caller frees): then NULL. Caller owns the case
** (casecheck_case_free). Same thread as ENGINE.
*/
struct casecheck_case *casecheck_case_new(struct casecheck_engine *engine,
					  const char *id, const char *title,
					  const struct casecheck_subject_spec *subject,
					  const struct casecheck_party_spec *parties,
					  size_t n_parties,
					  const struct casecheck_policy *policy,
					  struct casecheck_errors *errs);

/*
** An independent copy of KASE, to try out a "what if" without touching the
** original; it keeps KASE's vocabulary (and so needs KASE's policy alive).
** NULL and an error in ERRS when out of memory. Caller owns the copy.
*/
struct casecheck_case *casecheck_case_copy(const struct casecheck_case *kase,
					   struct casecheck_errors *errs);

/* The case as a casecheck/case@1 fixture, indented JSON (free()); NULL when out of memory. */
char *casecheck_case_json(const struct casecheck_case *kase);

/*
** An event being built; it belongs to the caller (casecheck_event_builder_free)
** and may be added to any number of cases. Nothing is checked until
** casecheck_case_add_event. Each call copies its strings. Returns NULL, or
** -1 from the setters, only when out of memory. No engine: any thread, one
** builder used by one thread at a time.
*/
struct casecheck_event_builder;

/* TYPE, ID and DATE are the event's type, id and date; NULL leaves one out. */
struct casecheck_event_builder *casecheck_event_builder_new(const char *type, const char *id,
							   const char *date);
/* Field FIELD as a string (party ids, allegation ids, enum values, dates and text). */
int casecheck_event_builder_set(struct casecheck_event_builder *ev, const char *field,
				const char *value);
/* Field FIELD as true (ON != 0) or false. */
int casecheck_event_builder_set_bool(struct casecheck_event_builder *ev, const char *field,
				     int on);
/* Append VALUE to list field FIELD (categories, found, considered, systems, reasons). */
int casecheck_event_builder_append(struct casecheck_event_builder *ev, const char *field,
				   const char *value);
/* Remove FIELD (0 also when it was not set). */
int casecheck_event_builder_unset(struct casecheck_event_builder *ev, const char *field);
void casecheck_event_builder_free(struct casecheck_event_builder *ev);

/*
** Add the event EV describes to KASE, checked against the case as the
** loader checks a fixture's events (its type, every field, party and
** allegation ids, a duplicate id). Returns 0; or -1, KASE unchanged and
** every problem appended to ERRS. Results evaluated before stay valid;
** strings from casecheck_case_event do not (ask again). Same thread as
** the case's engine.
*/
int casecheck_case_add_event(struct casecheck_case *kase,
			     const struct casecheck_event_builder *ev,
			     struct casecheck_errors *errs);

/* }========== */

/* {========== the vocabulary ==========
**
** The event types a case may hold, their fields, which are required, what
** value each takes and, for an enumeration, which values; each with a line
** for people, so that an application can build its menus from the library.
** POLICY may be NULL (the built-in vocabulary) or a policy, whose declared
** types and fields are included. Strings are static or the policy's. With
** a NULL policy: any thread; else the policy's engine's thread.
*/

/* What a field's value is; the order of the format's value kinds. */
enum casecheck_value_type {
	CASECHECK_VALUE_STRING,		/* any string */
	CASECHECK_VALUE_BOOL,		/* casecheck_event_builder_set_bool */
	CASECHECK_VALUE_PARTY,		/* a party id of the case */
	CASECHECK_VALUE_MATTER,		/* the id of an allegation_received event */
	CASECHECK_VALUE_ENUM,		/* one of 'values' */
	CASECHECK_VALUE_CATEGORIES,	/* a list of one or more of 'values', no repeats */
	CASECHECK_VALUE_MATTER_LIST,	/* a list of allegation ids (may be empty) */
	CASECHECK_VALUE_STRING_LIST,	/* a list of strings (may be empty) */
	CASECHECK_VALUE_REASONS,	/* a string, or a list of strings */
	CASECHECK_VALUE_DATE		/* "YYYY-MM-DD", "YYYY-MM" or "YYYY" */
};

struct casecheck_event_type_info {
	const char *name;		/* "allegation_received" */
	const char *description;	/* one line; NULL for a type a policy declares */
	size_t n_fields;		/* casecheck_vocab_field: 0 .. n_fields-1 */
};

struct casecheck_field_info {
	const char *name;		/* "to" */
	enum casecheck_value_type type;
	const char *type_name;		/* "party", "enum", ... */
	int required;
	int common;			/* 1 for id, date, type, note, source (every event has them) */
	const char *const *values;	/* ENUM and CATEGORIES: NULL-terminated; else NULL */
	const char *description;	/* one line, never NULL */
};

/* How many event types there are; they are in name order. */
size_t casecheck_vocab_type_count(const struct casecheck_policy *policy);
/* Type I into OUT: 0, or -1 out of range. */
int casecheck_vocab_type(const struct casecheck_policy *policy, size_t i,
			 struct casecheck_event_type_info *out);
/* The index of type NAME (and it into OUT, which may be NULL), or -1. */
long casecheck_vocab_type_find(const struct casecheck_policy *policy, const char *name,
			       struct casecheck_event_type_info *out);
/* Field J of type TYPE into OUT: the common fields first, then the type's own. 0, or -1. */
int casecheck_vocab_field(const struct casecheck_policy *policy, const char *type, size_t j,
			  struct casecheck_field_info *out);

/* }========== */

/* {========== what is open as of a date ========== */

/*
** A duty the evaluated case still owes: not yet done, and either pending
** (its deadline is after the as-of date) or overdue (status fail, nothing
** done yet: doing it now makes it late, not undone). Strings point into
** the result it came from.
*/
struct casecheck_open_duty {
	const char *step, *title;
	const char *re;			/* the matter (its allegation's id); NULL for the case */
	enum casecheck_status status;	/* CASECHECK_PENDING or CASECHECK_FAIL */
	const char *regime, *cite;	/* the law behind it */
	const char *due;		/* as the finding has it: "YYYY-MM-DD" or "LO/HI" */
	int due_lo, due_hi;		/* days since 1970-01-01; equal when the date is exact */
	int lo_year, lo_month, lo_day;	/* due_lo as a date */
	int hi_year, hi_month, hi_day;	/* due_hi as a date */
	int has_working_days_left;	/* 0 when a day lies outside the calendar */
	long working_days_left;		/* working days in (as-of, due_hi]; negative when overdue */
	long days_left;			/* calendar days from as-of to due_hi; negative when overdue */
	const char *duty;		/* "statutory", "power", "guidance", "practice"; NULL if the policy does not say */
	const char *deadline_basis;	/* "statutory", "guidance", "benchmark"; NULL if not said */
	const char *deadline_source;	/* where the time limit comes from; NULL if not said */
	const char *message;
};

/*
** The duties RESULT leaves open as of its as-of date, soonest due first
** (then by step and matter, so the order is the same on every run). *N
** gets the count. Returns a new array (free with free()) whose strings
** point into RESULT, so it must not outlive RESULT; NULL with ERR when out
** of memory (NULL with *N = 0 and no error is not possible: an empty list
** is a valid array). ENGINE supplies the working-day calendar: the
** result's engine, same thread.
*/
struct casecheck_open_duty *casecheck_open_duties(struct casecheck_engine *engine,
						  const struct casecheck_result *result,
						  size_t *n, struct casecheck_error *err);

/* }========== */

/* {========== working-day calendars ==========
**
** A calendar says which days are bank holidays, and so which are working
** days (Monday to Friday, not a holiday), for the years 1900 to 2200: what
** a deadline "within N working days" skips. A policy chooses one by name
** (calendar "NAME"). The library has every policies/NAME/calendar.lua of
** its source tree compiled in (docs/policy-guide.md, "Calendars"); an
** embedder may add its own, or its own version of one of those (a new
** one-off holiday, say), before loading a policy that names it. Calendars
** belong to the engine and live as long as it; same thread as the engine.
*/
struct casecheck_calendar;

/*
** Add calendar NAME (letters, digits and "-_.") to ENGINE from TEXT: Lua
** that returns a calendar file's table (docs/policy-guide.md, "Calendars"):
** which named rules hold in which years, and the one-off changes. A plain
** list of holidays is { jurisdiction = "...", regular = {}, changes = {
** { add = "2031-01-02", why = "..." }, ... } }. TEXT runs with no library,
** at most 8 MiB and ten million instructions. CHUNKNAME names it in errors
** (NULL: "calendar NAME"). Policies loaded afterwards that say calendar
** "NAME" use it instead of a compiled-in calendar of that name. Returns 0;
** or -1 and ERR (an input error) for a bad name or text, naming the line or
** the entry ("changes[3]"), or when NAME is already in use in ENGINE (a
** policy or casecheck_engine_calendar asked for it before).
*/
int casecheck_engine_add_calendar(struct casecheck_engine *engine, const char *name,
				  const char *text, size_t len, const char *chunkname,
				  struct casecheck_error *err);

/*
** Calendar NAME of ENGINE: one added, else the compiled-in one, built on
** first use. NULL and ERR when there is none (naming the nearest name).
*/
const struct casecheck_calendar *casecheck_engine_calendar(struct casecheck_engine *engine,
							   const char *name,
							   struct casecheck_error *err);

/*
** 1 when DATE ("YYYY-MM-DD") is a working day under CAL; 0 when it is a
** Saturday, a Sunday or a bank holiday, with *HOLIDAY (when not NULL) the
** holiday's name ("Easter Monday"; NULL at a weekend); -1 when DATE is not a
** day or lies outside the calendar's years.
*/
int casecheck_calendar_is_working_day(const struct casecheck_calendar *cal, const char *date,
				      const char **holiday);

/* }========== */

/* {========== finding a policy ========== */

/*
** Where installed policies live ("/usr/local/share/casecheck/policies"),
** as pkg-config's "policydir" says. Any thread.
*/
const char *casecheck_policy_dir(void);

/*
** The file of policy NAME ("ruritania/conduct"): NAME.lua in the first
** directory of SEARCH_PATH (directories separated by ':'; empty ones are
** skipped) that has it. NAME is letters, digits and "/._-", not absolute,
** without "..": a name from a fixture cannot leave the directories. Returns
** a new string (free()), or NULL with ERR ("policy 'x' not found in A, B").
** Reads the file system only. Any thread.
*/
char *casecheck_policy_find(const char *name, const char *search_path,
			    struct casecheck_error *err);

/* }========== */

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif
