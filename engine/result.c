/*
** result.c: cases and evaluations behind the public API. A case is loaded
** with the policy's vocabulary; an evaluation pushes the case into the
** sandbox, runs scripts/runtime.lua's evaluate under a fresh budget and copies
** the findings out into C a matter at a time, as the evaluator hands them
** over, so Lua never holds more than one matter's findings, and nothing of
** the case stays in Lua afterwards.
*/
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include "engine.h"
#include "date.h"
#include "error.h"
#include "sandbox.h"
#include "vocab.h"

struct casecheck_case *case_wrap(struct case_file *cf, const struct vocab *vocab,
				 const char *name, struct casecheck_errors *errs)
{
	struct casecheck_case *c;

	if (!cf)
		return NULL;
	c = calloc(1, sizeof(*c));
	if (!c) {
		case_free(cf);
		errors_addf(errs, CASECHECK_E_INTERNAL, name, NULL, 0, 0, "out of memory");
		return NULL;
	}
	c->cf = cf;
	c->vocab = vocab;
	return c;
}

struct casecheck_case *casecheck_case_load_buffer(struct casecheck_engine *e,
						  const char *buf, size_t len,
						  const char *name,
						  const struct casecheck_policy *policy,
						  struct casecheck_errors *errs)
{
	(void)e;
	return case_wrap(case_load_buffer(buf, len, name, policy ? policy->vocab : NULL, errs),
			 policy ? policy->vocab : NULL, name, errs);
}

struct casecheck_case *casecheck_case_load_file(struct casecheck_engine *e, const char *path,
						const struct casecheck_policy *policy,
						struct casecheck_errors *errs)
{
	(void)e;
	return case_wrap(case_load_file(path, policy ? policy->vocab : NULL, errs),
			 policy ? policy->vocab : NULL, path, errs);
}

struct resolve_ctx {
	struct casecheck_policy *(*resolve)(const char *name, void *ctx);
	void *ctx;
	struct casecheck_policy *found;
};

static const struct vocab *resolve_vocab(const char *name, void *ctx)
{
	struct resolve_ctx *rc = ctx;

	rc->found = rc->resolve(name, rc->ctx);
	return rc->found ? rc->found->vocab : NULL;
}

struct casecheck_case *casecheck_case_load_file_resolve(
	struct casecheck_engine *e, const char *path,
	struct casecheck_policy *(*resolve)(const char *name, void *ctx), void *ctx,
	struct casecheck_policy **policy, struct casecheck_errors *errs)
{
	struct resolve_ctx rc = { resolve, ctx, NULL };
	struct case_file *cf;

	(void)e;
	cf = case_load_file_resolve(path, resolve_vocab, &rc, errs);
	if (policy)
		*policy = rc.found;
	return case_wrap(cf, rc.found ? rc.found->vocab : NULL, path, errs);
}

const char *casecheck_case_title(const struct casecheck_case *c) { return c->cf->title; }

size_t casecheck_case_event_count(const struct casecheck_case *c) { return c->cf->n_events; }

/* An event's "date" as written (validated: a string). */
static const char *event_date(const struct case_file *cf, const struct case_event *ev)
{
	const struct case_value *d = case_event_field(cf, ev, "date");

	return d && d->type == CASE_V_STRING ? d->u.s : NULL;
}

int casecheck_case_event(const struct casecheck_case *c, size_t i, struct casecheck_event *out)
{
	const struct case_event *ev;

	if (i >= c->cf->n_events)
		return -1;
	ev = &c->cf->events[i];
	out->id = ev->id;
	out->type = ev->type;
	out->date = event_date(c->cf, ev);
	out->by = ev->by;
	out->re = ev->re;
	return 0;
}

const char *casecheck_case_matter_date(const struct casecheck_case *c, const char *re)
{
	size_t k = re ? case_matter_index(c->cf, re) : CASE_NONE;

	if (k == CASE_NONE)
		return NULL;
	return event_date(c->cf, &c->cf->events[c->cf->matters[k].allegation]);
}

void casecheck_case_free(struct casecheck_case *c)
{
	if (!c)
		return;
	case_free(c->cf);
	free(c);
}

const char *casecheck_case_id(const struct casecheck_case *c) { return c->cf->id; }
const char *casecheck_case_policy(const struct casecheck_case *c) { return c->cf->policy; }
const char *casecheck_case_sha256(const struct casecheck_case *c) { return case_sha256(c->cf); }
const char *casecheck_case_source(const struct casecheck_case *c) { return c->cf->source; }

char *casecheck_case_expect_json(const struct casecheck_case *c)
{
	if (!c->cf->expect_text)
		return NULL;
	return strdup(c->cf->expect_text);
}

/* Keep a copy of S for the result's lifetime. */
static const char *keep(struct casecheck_result *r, const char *s)
{
	return strpool_dup(&r->pool, s);
}

/*
** A finding as scripts/evaluate.lua hands it over: a table with one array
** slot per field, read with lua_rawgeti, so no field costs a key string to
** hash and look up. This is the one list of the slots: evaluate.lua takes
** their numbers from cc.finding (result_push_slots) and never spells one,
** so the order here is free.
*/
#define FINDING_SLOTS(X) \
	X(STEP, "step") X(TITLE, "title") X(RE, "re") X(STATUS, "status") \
	X(REGIME, "regime") X(CITE, "cite") X(DUTY, "duty") X(MESSAGE, "message") \
	X(TRIGGER, "trigger") X(DUE, "due") X(DONE, "done") X(DAYS_LATE, "days_late") \
	X(EVIDENCE, "evidence") X(DETAIL, "detail") X(DEADLINE_BASIS, "deadline_basis") \
	X(DEADLINE_SOURCE, "deadline_source")

#define SLOT_ENUM(id, name) SLOT_##id,
enum finding_slot { SLOT_NONE, FINDING_SLOTS(SLOT_ENUM) SLOT_END };	/* Lua's 1 .. SLOT_END - 1 */
#undef SLOT_ENUM

void result_push_slots(lua_State *L)
{
#define SLOT_NAME(id, name) name,
	static const char *const names[] = { FINDING_SLOTS(SLOT_NAME) };
#undef SLOT_NAME
	int k;

	lua_createtable(L, 0, SLOT_END - 1);
	for (k = 1; k < SLOT_END; k++) {
		lua_pushinteger(L, k);
		lua_setfield(L, -2, names[k - 1]);
	}
}

/*
** A copy of S (LEN bytes) for the result, or the copy of an equal string
** among the last RESULT_RECENT kept this way: a matter's findings repeat its
** id, their triggers' and evidence's ids and their due dates, which would
** otherwise be kept once per finding.
*/
static const char *keep_shared(struct casecheck_result *r, const char *s, size_t len)
{
	const char *copy;
	size_t i;

	for (i = 0; i < RESULT_RECENT; i++)
		if (r->recent[i] && r->recent_len[i] == len && memcmp(r->recent[i], s, len) == 0)
			return r->recent[i];
	if (!(copy = keep(r, s)))
		return NULL;
	i = r->recent_next++ % RESULT_RECENT;
	r->recent[i] = copy;
	r->recent_len[i] = len;
	return copy;
}

/* How slot_string keeps a string for the result. */
enum keep_how {
	KEEP_SHARED,	/* through keep_shared: a matter's findings repeat its ids and dates */
	KEEP_CONST	/* the policy's shared copy: step id, title, citation ... */
};

/*
** While read_findings reads a finding, the list is at stack index 1, the
** finding at 2 and its slots above it: slot K at SLOT_AT(K), its type in
** TYPE[K].
*/
#define SLOT_AT(k) (2 + (k))

/*
** Slot K's string, if it holds one, kept as HOW says. A KEEP_CONST string
** every finding of the policy repeats is taken from the policy's shared
** table instead of copied, or copied into the result when that table will
** not hold it (a check's own, per-case text).   [-0, +0, m]
*/
static const char *slot_string(struct casecheck_result *r, lua_State *L, const int type[], int k,
			       enum keep_how how)
{
	const char *s, *v;
	size_t len;

	if (type[k] != LUA_TSTRING)
		return NULL;
	v = lua_tolstring(L, SLOT_AT(k), &len);
	if (how == KEEP_SHARED)
		return keep_shared(r, v, len);
	if (!(s = strintern_get(r->intern, v, len)))
		s = keep(r, v);
	return s;
}

/* Whole-number field KEY of the table on top; NONE when absent (-1: required). */
static lua_Integer span_field(lua_State *L, const char *key, lua_Integer none, int *ok)
{
	lua_Integer v = none;

	lua_pushstring(L, key);
	lua_rawget(L, -2);
	if (lua_isinteger(L, -1))
		v = lua_tointeger(L, -1);
	else if (!lua_isnil(L, -1) || none < 0)
		*ok = 0;
	lua_pop(L, 1);
	return v;
}

/*
** A finding's due date (at stack index IDX, of type TYPE): nil, or a span
** {lo, hi, prec} of day numbers, which the evaluator builds and checks (a
** check function's text is read there, once). Kept as numbers beside the
** text date.c writes for it.   [-0, +0, v]
*/
static void read_due(struct casecheck_result *r, lua_State *L, int idx, int type, size_t i)
{
	struct date_span *d = &r->due[i];
	lua_Integer lo, hi, prec;
	char buf[32];
	int ok = 1;

	d->lo = d->hi = 0;
	d->prec = (enum date_precision)-1;
	if (type == LUA_TNIL)
		return;
	if (type != LUA_TTABLE)
		luaL_error(L, "finding %d: its due date is a %s, not a span", (int)i + 1, luaL_typename(L, idx));
	lua_pushvalue(L, idx);
	lo = span_field(L, "lo", -1, &ok);
	hi = span_field(L, "hi", -1, &ok);
	prec = span_field(L, "prec", DATE_DAY, &ok);
	lua_pop(L, 1);
	/* the evaluator's own spans: anything else is a bug in the engine's Lua */
	if (!ok || lo > hi || lo < date_from_ymd(1, 1, 1) || hi > date_from_ymd(9999, 12, 31) ||
	    prec < DATE_DAY || prec > DATE_YEAR)
		luaL_error(L, "finding %d: its due date is not a span of days", (int)i + 1);
	d->lo = (int)lo;
	d->hi = (int)hi;
	d->prec = (enum date_precision)prec;
	date_format_interval(d, buf, sizeof(buf));
	if (!(r->findings[i].due = keep_shared(r, buf, strlen(buf))))
		luaL_error(L, "out of memory");
}

/* A finding's evidence (the list at stack index IDX): its ids, kept.   [-0, +0, m] */
static void read_evidence(struct casecheck_result *r, lua_State *L, int idx, size_t i)
{
	struct casecheck_finding *f = &r->findings[i];
	size_t k = lua_rawlen(L, idx), j;
	const char **ev = calloc(k + 1, sizeof(*ev));

	if (!ev)
		luaL_error(L, "out of memory");
	r->evidence[i] = ev;
	for (j = 0; j < k; j++) {
		if (lua_rawgeti(L, idx, (lua_Integer)j + 1) == LUA_TSTRING) {
			size_t len;
			const char *id = lua_tolstring(L, -1, &len);

			ev[f->n_evidence++] = keep_shared(r, id, len);
		}
		lua_pop(L, 1);
	}
	f->evidence = ev;
}

/*
** R's arrays of findings resized to room for CAP. Not zeroed: read_findings
** fills each slot as it reads it, so the pages of the room not yet used are
** never touched. -1: out of memory (what was there is kept).
*/
static int resize_findings(struct casecheck_result *r, size_t cap)
{
	void *f, *ev, *due;

	f = realloc(r->findings, cap * sizeof(*r->findings));
	if (f)
		r->findings = f;
	ev = realloc((void *)r->evidence, cap * sizeof(*r->evidence));
	if (ev)
		r->evidence = ev;
	due = realloc(r->due, cap * sizeof(*r->due));
	if (due)
		r->due = due;
	if (!f || !ev || !due)
		return -1;
	r->cap = cap;
	return 0;
}

/*
** How many findings evaluating CF under P gives: a finding per step for
** each matter, and one per per-case step. casecheck_evaluate makes room for
** them all at once, so that no finding is copied as the arrays grow.
*/
static size_t findings_expected(const struct casecheck_policy *p, const struct case_file *cf)
{
	size_t i, n = 0;

	for (i = 0; i < p->n_steps; i++)
		n += p->steps[i].per_case ? 1 : cf->n_matters;
	return n;
}

/* Room in R for MORE findings beyond r->n (beyond what was expected).   [-0, +0, v] */
static void reserve_findings(struct casecheck_result *r, lua_State *L, size_t more)
{
	size_t cap = r->cap ? r->cap : 32;

	if (r->n + more <= r->cap)
		return;
	while (cap < r->n + more)
		cap *= 2;
	if (resize_findings(r, cap) != 0)
		luaL_error(L, "out of memory");
}

/*
** Finding I from the table at stack index 2: its slots pushed at once, one
** call each, and read from the stack.   [-0, +SLOT_END - 1, m]
*/
static void read_finding(struct casecheck_result *r, lua_State *L, size_t i)
{
	struct casecheck_finding *f = &r->findings[i];
	int type[SLOT_END], k, st;

	for (k = 1; k < SLOT_END; k++)
		type[k] = lua_rawgeti(L, 2, k);
	f->step = slot_string(r, L, type, SLOT_STEP, KEEP_CONST);
	f->title = slot_string(r, L, type, SLOT_TITLE, KEEP_CONST);
	f->re = slot_string(r, L, type, SLOT_RE, KEEP_SHARED);
	/* the status is only parsed, not kept */
	st = type[SLOT_STATUS] == LUA_TSTRING ?
		casecheck_status_parse(lua_tostring(L, SLOT_AT(SLOT_STATUS))) : -1;
	f->status = st < 0 ? CASECHECK_ERROR : (enum casecheck_status)st;
	f->regime = slot_string(r, L, type, SLOT_REGIME, KEEP_CONST);
	f->cite = slot_string(r, L, type, SLOT_CITE, KEEP_CONST);
	f->trigger = slot_string(r, L, type, SLOT_TRIGGER, KEEP_SHARED);
	read_due(r, L, SLOT_AT(SLOT_DUE), type[SLOT_DUE], i);
	f->done = slot_string(r, L, type, SLOT_DONE, KEEP_SHARED);
	if (st < 0)
		f->message = keep(r, "the step returned an unknown status");
	else if (type[SLOT_MESSAGE] == LUA_TSTRING)
		f->message = keep(r, lua_tostring(L, SLOT_AT(SLOT_MESSAGE)));
	if (type[SLOT_DETAIL] == LUA_TSTRING)
		f->detail = keep(r, lua_tostring(L, SLOT_AT(SLOT_DETAIL)));
	f->duty = slot_string(r, L, type, SLOT_DUTY, KEEP_CONST);
	f->deadline_basis = slot_string(r, L, type, SLOT_DEADLINE_BASIS, KEEP_CONST);
	f->deadline_source = slot_string(r, L, type, SLOT_DEADLINE_SOURCE, KEEP_CONST);
	if (lua_isinteger(L, SLOT_AT(SLOT_DAYS_LATE))) {
		f->has_days_late = 1;
		f->days_late = (long)lua_tointeger(L, SLOT_AT(SLOT_DAYS_LATE));
	}
	if (type[SLOT_EVIDENCE] == LUA_TTABLE)
		read_evidence(r, L, SLOT_AT(SLOT_EVIDENCE), i);
}

/*
** Copy the findings list (argument 1) after R's findings so far: called by
** scripts/evaluate.lua once a matter is judged (and once for the per-case
** steps), so that Lua holds one matter's findings at a time, never the
** case's. R is the closure's upvalue. Raw access only, under sandbox_pcall
** (redis#11032).   [-1, +0, m]
*/
static int read_findings(lua_State *L)
{
	struct casecheck_result *r = lua_touserdata(L, lua_upvalueindex(1));
	size_t n = lua_rawlen(L, 1), base = r->n, i;

	luaL_checkstack(L, SLOT_END + 4, "findings");
	reserve_findings(r, L, n);
	for (i = base; i < base + n; i++) {
		memset(&r->findings[i], 0, sizeof(r->findings[i]));
		r->evidence[i] = NULL;
		r->n = i + 1;	/* from here on freed with the result */
		lua_settop(L, 1);
		if (lua_rawgeti(L, 1, (lua_Integer)(i - base) + 1) != LUA_TTABLE)	/* stack: list, finding */
			return luaL_error(L, "finding %d is not a table", (int)i + 1);
		read_finding(r, L, i);
	}
	return 0;
}

/*
** Push runtime.evaluate and its arguments, the last one read_findings over
** the result, then call it.   [-5, +0, m]
*/
static int push_evaluation(lua_State *L)
{
	struct casecheck_engine *e = lua_touserdata(L, 1);
	struct casecheck_policy *p = lua_touserdata(L, 2);
	const struct case_file *cf = lua_touserdata(L, 3);
	int as_of = (int)lua_tointeger(L, 4);
	struct casecheck_result *r = lua_touserdata(L, 5);
	size_t i;

	lua_rawgeti(L, LUA_REGISTRYINDEX, e->runtime_ref);
	lua_getfield(L, -1, "evaluate");
	lua_rawgeti(L, LUA_REGISTRYINDEX, p->meta_ref);
	sandbox_case_begin(e->sb);	/* the engine's copy: not the policy's memory */
	case_push(L, cf, as_of);
	sandbox_case_end(e->sb);
	lua_pushinteger(L, as_of);
	lua_createtable(L, 0, (int)p->n_params);
	for (i = 0; i < p->n_params; i++) {
		lua_pushinteger(L, p->params[i].value);
		lua_setfield(L, -2, p->params[i].name);
	}
	lua_pushboolean(L, e->want_detail);
	lua_pushlightuserdata(L, r);
	lua_pushcclosure(L, read_findings, 1);
	lua_call(L, 6, 0);
	return 0;
}

void casecheck_result_free(struct casecheck_result *r)
{
	size_t i;

	if (!r)
		return;
	strpool_release(&r->pool);
	strintern_unref(r->intern);
	if (r->evidence)
		for (i = 0; i < r->n; i++)
			free((void *)r->evidence[i]);
	free(r->evidence);
	free(r->due);
	free(r->findings);
	free(r->case_id);
	free(r->source);
	free(r->sha256);
	free(r->as_of);
	free(r);
}

struct casecheck_result *casecheck_evaluate(struct casecheck_engine *e,
					    struct casecheck_policy *p,
					    const struct casecheck_case *c,
					    const char *as_of_text,
					    struct casecheck_error *err)
{
	struct casecheck_result *r;
	lua_State *L = e->L;
	size_t expected;
	int as_of;
	char iso[16];

	if (as_of_text) {
		struct date_span span;
		const char *why;

		if (date_parse(as_of_text, strlen(as_of_text), &span, &why) != 0 || span.prec != DATE_DAY) {
			error_setf(err, CASECHECK_E_INPUT, "as-of", NULL, 0, 0,
				   "bad as-of date '%s' (expected YYYY-MM-DD)", as_of_text);
			return NULL;
		}
		as_of = span.lo;
	} else {
		as_of = case_default_as_of(c->cf);
	}
	date_format_iso(as_of, iso, sizeof(iso));
	r = calloc(1, sizeof(*r));
	if (!r || !(r->case_id = strdup(c->cf->id)) || !(r->source = strdup(c->cf->source)) ||
	    !(r->sha256 = strdup(e->want_hashes ? case_sha256(c->cf) : "")) ||
	    !(r->as_of = strdup(iso))) {
		casecheck_result_free(r);
		error_setf(err, CASECHECK_E_INTERNAL, c->cf->source, NULL, 0, 0, "out of memory");
		return NULL;
	}
	expected = findings_expected(p, c->cf);
	if (expected > 0 && resize_findings(r, expected) != 0) {
		casecheck_result_free(r);
		error_setf(err, CASECHECK_E_INTERNAL, c->cf->source, NULL, 0, 0, "out of memory");
		return NULL;
	}
	r->intern = strintern_ref(p->intern);
	sandbox_reset_budget(e->sb);
	e->cal = p->cal;	/* working days are the policy's */
	r->cal = p->cal;
	lua_pushcfunction(L, push_evaluation);
	lua_pushlightuserdata(L, e);
	lua_pushlightuserdata(L, p);
	lua_pushlightuserdata(L, c->cf);
	lua_pushinteger(L, as_of);
	lua_pushlightuserdata(L, r);
	if (sandbox_pcall(e->sb, 5, 0, err) != 0) {
		sandbox_case_end(e->sb);	/* case_push may have raised (out of memory) */
		goto fail;
	}
	return r;
fail:
	casecheck_result_free(r);
	return NULL;
}

size_t casecheck_result_count(const struct casecheck_result *r) { return r->n; }
const char *casecheck_result_as_of(const struct casecheck_result *r) { return r->as_of; }
const char *casecheck_result_case_id(const struct casecheck_result *r) { return r->case_id; }
const char *casecheck_result_source(const struct casecheck_result *r) { return r->source; }
const char *casecheck_result_sha256(const struct casecheck_result *r)
{
	return r->sha256[0] ? r->sha256 : NULL;
}

const struct casecheck_finding *casecheck_result_finding(const struct casecheck_result *r, size_t i)
{
	return i < r->n ? &r->findings[i] : NULL;
}

