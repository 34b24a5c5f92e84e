/*
** engine.h: the library's internal structures behind the opaque handles of
** casecheck.h, shared by engine.c (engine and Lua runtime), policy.c
** (loading and describing policies), case_push.c (a case as Lua tables) and
** result.c (evaluation and findings).
*/
#ifndef CASECHECK_ENGINE_H
#define CASECHECK_ENGINE_H

#include <lua.h>
#include "casecheck.h"
#include "case.h"
#include "strpool.h"
#include "strintern.h"

struct sandbox;
struct calendar;
struct vocab;

/*
** A calendar by the name policies choose it by ("" for none), built once:
** the public handle (casecheck_engine_calendar). engine_calendar.c.
*/
struct casecheck_calendar {
	char *name;
	struct calendar *cal;
	struct casecheck_calendar *next;
};

struct casecheck_engine {
	struct sandbox *sb;
	struct calendar *cal;		/* the calendar of the policy being run (not owned);
					   NULL until a policy runs or engine.c's engine_cal */
	struct casecheck_calendar *calendars;	/* every calendar added or chosen, owned */
	lua_State *L;
	int runtime_ref;		/* registry ref of the table scripts/runtime.lua returns */
	int want_detail;		/* build each finding's 'detail' (explain) */
	int want_hashes;		/* results carry the fixture's sha256 (default on) */
	struct casecheck_policy *policies;	/* every policy loaded, to free with the engine */
};

struct casecheck_policy {
	struct casecheck_engine *engine;
	struct casecheck_policy *next;
	char *chunkname;
	char sha256[65];		/* of its text, hashed on first use (casecheck_policy_sha256) */
	char *text;			/* its text until then (NULL once hashed); these two
					   are touched by that call and the free only, so the
					   CLI's -j reporter may make it from its own thread */
	size_t text_len;
	int meta_ref;			/* registry ref: its declarations (meta, with meta.instance) */
	char *id, *title;

	struct casecheck_step *steps;
	size_t n_steps;
	const char **cannot;		/* n_steps x CASECHECK_STATUS_COUNT: why a step never gives a status */
	struct casecheck_regime *regimes;
	size_t n_regimes;
	struct casecheck_param *params;
	size_t n_params;
	struct casecheck_track *tracks;
	size_t n_tracks;

	const char **link_keys, **link_urls;	/* policy { links = ... }, sorted by key */
	size_t n_links;
	struct vocab *vocab;		/* built-in vocabulary plus the policy's event types */
	struct calendar *cal;		/* its calendar "NAME" (owned by the engine) */
	struct strpool pool;		/* every string the metadata above points to */
	struct strintern *intern;	/* strings its findings repeat, shared with its results */
};

struct casecheck_case {
	struct case_file *cf;
	const struct vocab *vocab;	/* what it was validated with (its policy's); NULL: built-in */
};

/*
** The public handle around CF with the VOCABULARY it was validated with (result.c),
** for loaded and built cases alike. NULL passes through; out of memory frees CF
** and adds an error naming NAME to ERRS.
*/
struct casecheck_case *case_wrap(struct case_file *cf, const struct vocab *vocab,
				 const char *name, struct casecheck_errors *errs);

/* How many of the last per-case strings a result shares between findings. */
#define RESULT_RECENT 8

struct casecheck_result {
	char *case_id, *source, *sha256, *as_of;
	const struct calendar *cal;	/* its policy's calendar (owned by the engine) */
	struct casecheck_finding *findings;
	size_t n, cap;			/* findings, and room for (they arrive a matter at a time) */
	struct strpool pool;		/* the findings' per-case strings */
	struct strintern *intern;	/* their policy's constant strings (a reference) */
	const char *recent[RESULT_RECENT];	/* the last strings result.c shared (keep_shared) */
	size_t recent_len[RESULT_RECENT];
	unsigned recent_next;
	const char *const **evidence;	/* per finding, freed with the result */
	struct date_span *due;		/* per finding: its due date as days (findings[i].due
					   is its text); prec -1 when it has none */
};

/*
** The calendar NAME (NULL: Monday to Friday), built on first use and kept
** with the engine; NULL and ERR filled when there is no such calendar.
*/
struct calendar *engine_calendar(struct casecheck_engine *e, const char *name,
				 struct casecheck_error *err);

/* Push the case as the tables scripts/model.lua expects, without events after AS_OF. */
void case_push(lua_State *L, const struct case_file *cf, int as_of);	/* [-0, +1, m] */

/* cc.finding: a finding's slot number by field name (result.c's one list).   [-0, +1, m] */
void result_push_slots(lua_State *L);

#endif
