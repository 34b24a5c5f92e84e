/*
** policy.c: loading a policy into an engine. The chunk is compiled once (text
** only), run once by scripts/runtime.lua with every declaration checked, and
** its declarations copied into C so that reports, 'steps' and 'check' read
** them without entering Lua.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include "engine.h"
#include "error.h"
#include "file_read.h"
#include "sandbox.h"
#include "sha256.h"
#include "suggest.h"
#include "vocab.h"

/* Keep a copy of S for the policy's lifetime; NULL for NULL or out of memory. */
static const char *keep(struct casecheck_policy *p, const char *s)
{
	return strpool_dup(&p->pool, s);
}

/* t[key] as a string kept by the policy, or NULL.   [-0, +0, m] */
static const char *field_string(struct casecheck_policy *p, lua_State *L, int t, const char *key)
{
	return strpool_field(&p->pool, L, t, key);
}

static lua_Integer field_integer(lua_State *L, int t, const char *key)
{
	lua_Integer v;

	lua_pushstring(L, key);
	lua_rawget(L, t);
	v = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
	lua_pop(L, 1);
	return v;
}

/* A Lua list of strings at t[key] into a kept array.   [-0, +0, m] */
static const char *const *field_list(struct casecheck_policy *p, lua_State *L, int t,
				     const char *key, size_t *n)
{
	const char **v;
	size_t i, len;

	*n = 0;
	lua_pushstring(L, key);
	lua_rawget(L, t);
	if (lua_type(L, -1) != LUA_TTABLE) {
		lua_pop(L, 1);
		return NULL;
	}
	len = lua_rawlen(L, -1);
	v = calloc(len + 1, sizeof(*v));
	if (v && strpool_own(&p->pool, v) == 0) {
		for (i = 0; i < len; i++) {
			lua_rawgeti(L, -1, (lua_Integer)i + 1);
			if (lua_type(L, -1) == LUA_TSTRING)
				v[(*n)++] = keep(p, lua_tostring(L, -1));
			lua_pop(L, 1);
		}
	} else {
		v = NULL;
	}
	lua_pop(L, 1);
	return v;
}

/*
** The list of tables at t[key] (compiled by dsl.lua in a fixed order) into a
** kept array of N structs of SIZE bytes; FILL copies one entry (at the top
** of the stack).   [-0, +0, m]
*/
static void *field_records(struct casecheck_policy *p, lua_State *L, int t, const char *key,
			   size_t size, size_t *n,
			   void (*fill)(struct casecheck_policy *, lua_State *, int, void *))
{
	char *v;
	size_t i, len;

	*n = 0;
	lua_pushstring(L, key);
	lua_rawget(L, t);
	if (lua_type(L, -1) != LUA_TTABLE) {
		lua_pop(L, 1);
		return NULL;
	}
	len = lua_rawlen(L, -1);
	v = calloc(len + 1, size);
	if (v && strpool_own(&p->pool, v) == 0) {
		for (i = 0; i < len; i++) {
			lua_rawgeti(L, -1, (lua_Integer)i + 1);
			if (lua_type(L, -1) == LUA_TTABLE)
				fill(p, L, lua_gettop(L), v + size * (*n)++);
			lua_pop(L, 1);
		}
	} else {
		v = NULL;
	}
	lua_pop(L, 1);
	return v;
}

static void fill_duty(struct casecheck_policy *p, lua_State *L, int t, void *out)
{
	struct casecheck_duty *d = out;

	d->regime = field_string(p, L, t, "regime");
	d->kind = field_string(p, L, t, "kind");
}

static void fill_limit(struct casecheck_policy *p, lua_State *L, int t, void *out)
{
	struct casecheck_limit *l = out;

	l->regime = field_string(p, L, t, "regime");
	l->name = field_string(p, L, t, "name");
	l->basis = field_string(p, L, t, "basis");
	l->source = field_string(p, L, t, "source");
}

struct cite_entry {
	const char *regime, *track, *text;
};

static void fill_cite(struct casecheck_policy *p, lua_State *L, int t, void *out)
{
	struct cite_entry *c = out;

	c->regime = field_string(p, L, t, "regime");
	c->track = field_string(p, L, t, "track");
	c->text = field_string(p, L, t, "text");
}

static void fill_track(struct casecheck_policy *p, lua_State *L, int t, void *out)
{
	struct casecheck_track *k = out;

	k->name = field_string(p, L, t, "name");
	k->doc = field_string(p, L, t, "doc");
}

/* Copy one step of meta.step_list (at the top of the stack).   [-0, +0, m] */
static void read_step(struct casecheck_policy *p, lua_State *L, struct casecheck_step *s)
{
	int t = lua_gettop(L);
	size_t n = 0, i;
	const char **regs, **cites, **tracks;
	struct cite_entry *ce;

	s->id = field_string(p, L, t, "id");
	s->title = field_string(p, L, t, "title");
	s->basis = field_string(p, L, t, "basis");
	s->source = field_string(p, L, t, "source");
	s->line = (int)field_integer(L, t, "line");
	lua_pushstring(L, "per_case");
	lua_rawget(L, t);
	s->per_case = lua_toboolean(L, -1);
	lua_pop(L, 1);
	s->regimes = field_list(p, L, t, "regimes", &s->n_regimes);
	s->params = field_list(p, L, t, "params", &s->n_params);
	s->event_types = field_list(p, L, t, "event_types", &s->n_event_types);

	s->duties = field_records(p, L, t, "duty_list", sizeof(struct casecheck_duty),
				  &s->n_duties, fill_duty);
	s->limits = field_records(p, L, t, "limit_list", sizeof(struct casecheck_limit),
				  &s->n_limits, fill_limit);

	/* cites, in the order of the policy's regimes, then "*" (dsl.compile) */
	ce = field_records(p, L, t, "cite_list", sizeof(*ce), &n, fill_cite);
	regs = calloc(n + 1, sizeof(*regs));
	cites = calloc(n + 1, sizeof(*cites));
	tracks = calloc(n + 1, sizeof(*tracks));
	if (!ce || !regs || !cites || !tracks)
		n = 0;
	for (i = 0; i < n; i++) {
		regs[i] = ce[i].regime;
		cites[i] = ce[i].text;
		tracks[i] = ce[i].track;
	}
	s->cite_regimes = regs;
	s->cites = cites;
	s->cite_tracks = tracks;
	s->n_cites = n;
}

/*
** The statuses step STEP (its meta at the top of the stack) declares it can
** never give (cannot = {...}): p->cannot[STEP * CASECHECK_STATUS_COUNT + st]
** is the reason, NULL for a status it can give.   [-0, +0, m]
*/
static void read_cannot(struct casecheck_policy *p, lua_State *L, size_t step)
{
	int t = lua_gettop(L);
	size_t i, len;

	lua_pushstring(L, "cannot_list");
	lua_rawget(L, t);
	len = lua_type(L, -1) == LUA_TTABLE ? lua_rawlen(L, -1) : 0;
	for (i = 0; i < len; i++) {
		lua_rawgeti(L, -1, (lua_Integer)i + 1);
		if (lua_type(L, -1) == LUA_TTABLE) {
			const char *name = field_string(p, L, lua_gettop(L), "status");
			int st = name ? casecheck_status_parse(name) : -1;

			if (st >= 0)
				p->cannot[step * CASECHECK_STATUS_COUNT + (size_t)st] =
					field_string(p, L, lua_gettop(L), "why");
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

static int link_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
** info.links (info at the top of the stack): citation name -> URL, copied as
** pairs sorted by name, so that nothing depends on Lua's table order.
** 0, or -1 when out of memory.   [-0, +0, m]
*/
static int read_links(struct casecheck_policy *p, lua_State *L)
{
	const char **pairs;
	size_t n = 0, i;

	if (lua_type(L, -1) != LUA_TTABLE)
		return 0;
	lua_pushstring(L, "links");
	lua_rawget(L, -2);
	if (lua_type(L, -1) != LUA_TTABLE) {
		lua_pop(L, 1);
		return 0;
	}
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		n++;
		lua_pop(L, 1);
	}
	pairs = calloc(2 * n + 2, sizeof(*pairs));
	p->link_keys = calloc(n + 1, sizeof(*p->link_keys));
	p->link_urls = calloc(n + 1, sizeof(*p->link_urls));
	if (!pairs || !p->link_keys || !p->link_urls) {
		free(pairs);
		lua_pop(L, 1);
		return -1;
	}
	n = 0;
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TSTRING) {
			pairs[2 * n] = keep(p, lua_tostring(L, -2));
			pairs[2 * n + 1] = keep(p, lua_tostring(L, -1));
			if (pairs[2 * n] && pairs[2 * n + 1])
				n++;
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	qsort(pairs, n, 2 * sizeof(*pairs), link_cmp);
	for (i = 0; i < n; i++) {
		p->link_keys[i] = pairs[2 * i];
		p->link_urls[i] = pairs[2 * i + 1];
	}
	p->n_links = n;
	free(pairs);
	return 0;
}

/*
** Copy the declarations (meta, argument 2) into the policy (argument 1, a
** light userdata). Raw access only; run under sandbox_pcall.   [-2, +0, m]
*/
static int read_meta(lua_State *L)
{
	struct casecheck_policy *p = lua_touserdata(L, 1);
	size_t i, n;

	lua_getfield(L, 2, "info");
	p->id = (char *)field_string(p, L, 3, "id");
	p->title = (char *)field_string(p, L, 3, "title");
	if (read_links(p, L) != 0)
		return luaL_error(L, "out of memory");
	lua_pop(L, 1);

	lua_getfield(L, 2, "regime_list");
	n = lua_rawlen(L, 3);
	p->regimes = calloc(n ? n : 1, sizeof(*p->regimes));
	if (!p->regimes)
		return luaL_error(L, "out of memory");
	for (i = 0; i < n; i++) {
		lua_rawgeti(L, 3, (lua_Integer)i + 1);
		p->regimes[i].id = field_string(p, L, 4, "id");
		p->regimes[i].title = field_string(p, L, 4, "title");
		p->regimes[i].from = field_string(p, L, 4, "from");
		p->regimes[i].to = field_string(p, L, 4, "to");
		lua_pop(L, 1);
	}
	p->n_regimes = n;
	lua_pop(L, 1);

	lua_getfield(L, 2, "param_list");
	n = lua_rawlen(L, 3);
	p->params = calloc(n ? n : 1, sizeof(*p->params));
	if (!p->params)
		return luaL_error(L, "out of memory");
	for (i = 0; i < n; i++) {
		lua_rawgeti(L, 3, (lua_Integer)i + 1);
		p->params[i].name = field_string(p, L, 4, "name");
		p->params[i].unit = field_string(p, L, 4, "unit");
		p->params[i].doc = field_string(p, L, 4, "doc");
		p->params[i].default_value = (long)field_integer(L, 4, "default");
		p->params[i].value = p->params[i].default_value;
		p->params[i].source = field_string(p, L, 4, "source");
		p->params[i].line = (int)field_integer(L, 4, "line");
		lua_pop(L, 1);
	}
	p->n_params = n;
	lua_pop(L, 1);

	p->tracks = field_records(p, L, 2, "tracks", sizeof(*p->tracks), &p->n_tracks, fill_track);

	lua_getfield(L, 2, "step_list");
	n = lua_rawlen(L, 3);
	p->steps = calloc(n ? n : 1, sizeof(*p->steps));
	if (!p->steps)
		return luaL_error(L, "out of memory");
	p->cannot = calloc((n ? n : 1) * CASECHECK_STATUS_COUNT, sizeof(*p->cannot));
	if (!p->cannot || strpool_own(&p->pool, (void *)p->cannot) != 0) {
		p->cannot = NULL;	/* strpool_own freed it */
		return luaL_error(L, "out of memory");
	}
	for (i = 0; i < n; i++) {
		lua_rawgeti(L, 3, (lua_Integer)i + 1);
		read_step(p, L, &p->steps[i]);
		read_cannot(p, L, i);
		lua_pop(L, 1);
	}
	p->n_steps = n;
	lua_pop(L, 1);

	/* event types the policy declares: accepted in its fixtures */
	lua_getfield(L, 2, "event_types");
	n = lua_type(L, 3) == LUA_TTABLE ? lua_rawlen(L, 3) : 0;
	for (i = 0; i < n; i++) {
		const char *name;

		lua_rawgeti(L, 3, (lua_Integer)i + 1);
		name = field_string(p, L, 4, "name");
		if (name && vocab_add_type(p->vocab, name) != 0)
			return luaL_error(L, "out of memory");
		lua_getfield(L, 4, "fields");
		if (name && lua_type(L, -1) == LUA_TTABLE) {
			lua_pushnil(L);
			while (lua_next(L, -2)) {
				int kind = lua_type(L, -1) == LUA_TSTRING ? vocab_kind_parse(lua_tostring(L, -1)) : -1;

				if (lua_type(L, -2) != LUA_TSTRING || kind < 0)
					return luaL_error(L, "event_type '%s': fields map names to kinds "
							  "(string, bool, party, matter, string_list, matter_list, reasons, date)",
							  name);
				if (vocab_add_field(p->vocab, name, lua_tostring(L, -2), (enum vocab_kind)kind) != 0)
					return luaL_error(L, "event_type '%s': cannot declare field '%s'",
							  name, lua_tostring(L, -2));
				lua_pop(L, 1);
			}
		}
		lua_pop(L, 2);
	}
	lua_pop(L, 1);
	return 0;
}

/*
** The calendar the policy chose (meta.calendar, checked by the DSL: a name
** or nil), into P->cal. Reads with raw access only.   [-0, +0, m]
*/
static int policy_calendar(struct casecheck_policy *p, struct casecheck_error *err)
{
	lua_State *L = p->engine->L;
	char name[128] = "";
	int has;

	lua_rawgeti(L, LUA_REGISTRYINDEX, p->meta_ref);
	lua_pushliteral(L, "calendar");
	has = lua_rawget(L, -2) == LUA_TSTRING;
	if (has)
		snprintf(name, sizeof(name), "%s", lua_tostring(L, -1));
	lua_pop(L, 2);
	p->cal = engine_calendar(p->engine, has ? name : NULL, err);
	if (!p->cal && err)
		snprintf(err->source, sizeof(err->source), "%s", p->chunkname);
	return p->cal ? 0 : -1;
}

/* Call runtime[NAME] pushed on the stack.   [-0, +1, -] */
static void push_runtime_fn(struct casecheck_engine *e, const char *name)
{
	lua_rawgeti(e->L, LUA_REGISTRYINDEX, e->runtime_ref);
	lua_getfield(e->L, -1, name);
	lua_remove(e->L, -2);
}

/*
** Load TEXT (LEN bytes). OWNED is TEXT when the caller hands its buffer
** over (a file read for the load): the policy keeps it for the hash
** instead of a copy, and frees it in any case; NULL to copy.
*/
static struct casecheck_policy *policy_load(struct casecheck_engine *e, const char *text,
					    size_t len, char *owned, const char *chunkname,
					    struct casecheck_error *err)
{
	struct casecheck_policy *p = calloc(1, sizeof(*p));
	lua_State *L = e->L;

	if (!p) {
		free(owned);
		error_setf(err, CASECHECK_E_INTERNAL, chunkname, NULL, 0, 0, "out of memory");
		return NULL;
	}
	p->engine = e;
	p->meta_ref = LUA_NOREF;
	if (owned) {
		p->text = owned;	/* freed with P from here on */
		p->text_len = len;
	}
	p->chunkname = strdup(chunkname ? chunkname : "policy");
	p->vocab = vocab_new();
	p->intern = strintern_new();
	p->next = e->policies;
	e->policies = p;
	if (!p->chunkname || !p->vocab || !p->intern) {
		error_setf(err, CASECHECK_E_INTERNAL, chunkname, NULL, 0, 0, "out of memory");
		goto fail;
	}
	/*
	** The sha256 is for the reports that show it: hashed when one asks
	** (casecheck_policy_sha256), not at every load; the text is kept till
	** then (a copy, unless the caller handed its buffer over above), or
	** hashed now if there is no memory to keep it.
	*/
	if (!owned && (p->text = malloc(len ? len : 1)) != NULL) {
		if (len)
			memcpy(p->text, text, len);
		p->text_len = len;
	} else if (!owned) {
		sha256_hex(text, len, p->sha256);
	}
	sandbox_reset_budget(e->sb);
	if (sandbox_load(e->sb, text, len, p->chunkname, err) != 0)
		goto fail;
	push_runtime_fn(e, "load");
	lua_insert(L, -2);
	if (sandbox_pcall(e->sb, 1, 1, err) != 0)
		goto fail;
	lua_pushvalue(L, -1);
	p->meta_ref = luaL_ref(L, LUA_REGISTRYINDEX);	/* stack: meta */
	lua_pushcfunction(L, read_meta);
	lua_insert(L, -2);
	lua_pushlightuserdata(L, p);
	lua_insert(L, -2);
	if (sandbox_pcall(e->sb, 2, 0, err) != 0)
		goto fail;
	if (policy_calendar(p, err) != 0)
		goto fail;
	/* only now, with META read raw above: freeze what the policy reaches */
	push_runtime_fn(e, "instantiate");
	lua_rawgeti(L, LUA_REGISTRYINDEX, p->meta_ref);
	lua_pushfstring(L, "@%s", p->chunkname);
	if (sandbox_pcall(e->sb, 2, 0, err) != 0)
		goto fail;
	return p;	/* ERR is the caller's and untouched: it may be uninitialised */
fail:
	if (err && err->source[0] == '\0')
		snprintf(err->source, sizeof(err->source), "%s", p->chunkname ? p->chunkname : "policy");
	casecheck_policy_free(p);
	return NULL;
}

struct casecheck_policy *casecheck_policy_load_string(struct casecheck_engine *e,
						      const char *text, size_t len,
						      const char *chunkname,
						      struct casecheck_error *err)
{
	return policy_load(e, text, len, NULL, chunkname, err);
}

/* Read a whole file; NULL and ERR filled when it cannot be read. */
static char *policy_read_file(const char *path, size_t *len, struct casecheck_error *err)
{
	enum file_read_fault fault;
	char *buf = file_read(path, len, &fault);

	if (!buf) {
		if (fault == FILE_READ_MEMORY)
			error_setf(err, CASECHECK_E_INTERNAL, path, NULL, 0, 0, "out of memory");
		else
			error_setf(err, CASECHECK_E_INPUT, path, NULL, 0, 0, "cannot %s: %s",
				   fault == FILE_READ_OPEN ? "open" : "read", strerror(errno));
	}
	return buf;
}

struct casecheck_policy *casecheck_policy_load_file(struct casecheck_engine *e,
						    const char *path, const char *chunkname,
						    struct casecheck_error *err)
{
	size_t len;
	char *text = policy_read_file(path, &len, err);
	struct casecheck_policy *p;

	if (!text)
		return NULL;
	p = policy_load(e, text, len, text, chunkname ? chunkname : path, err);	/* it frees TEXT */
	return p;
}

void casecheck_policy_free(struct casecheck_policy *p)
{
	struct casecheck_policy **pp;
	size_t i;

	if (!p)
		return;
	for (pp = &p->engine->policies; *pp; pp = &(*pp)->next)
		if (*pp == p) {
			*pp = p->next;
			break;
		}
	if (p->engine->L) {
		luaL_unref(p->engine->L, LUA_REGISTRYINDEX, p->meta_ref);
	}
	for (i = 0; i < p->n_steps; i++) {
		free((void *)p->steps[i].cite_regimes);
		free((void *)p->steps[i].cites);
		free((void *)p->steps[i].cite_tracks);
	}
	strpool_release(&p->pool);
	strintern_unref(p->intern);
	free(p->link_keys);
	free(p->link_urls);
	free(p->steps);
	free(p->regimes);
	free(p->params);
	vocab_free(p->vocab);
	free(p->chunkname);
	free(p->text);
	free(p);
}

const char *casecheck_policy_id(const struct casecheck_policy *p) { return p->id; }
const char *casecheck_policy_title(const struct casecheck_policy *p) { return p->title; }
/*
** Hashed on first use; P is const to the caller, whose policy this is (the
** API's one thread per engine), so filling in the hash here is no change it
** can see.
*/
const char *casecheck_policy_sha256(const struct casecheck_policy *p)
{
	struct casecheck_policy *mp = (struct casecheck_policy *)p;

	if (mp->text) {
		sha256_hex(mp->text, mp->text_len, mp->sha256);
		free(mp->text);
		mp->text = NULL;
	}
	return p->sha256;
}
size_t casecheck_policy_step_count(const struct casecheck_policy *p) { return p->n_steps; }

const char *casecheck_policy_link(const struct casecheck_policy *p, const char *cite,
				  size_t *matched)
{
	const char *url = NULL;
	size_t i, best = 0;

	for (i = 0; cite && i < p->n_links; i++) {
		size_t len = strlen(p->link_keys[i]);
		unsigned char next = (unsigned char)cite[len < strlen(cite) ? len : strlen(cite)];

		if (len > best && strncmp(cite, p->link_keys[i], len) == 0 &&
		    !(next >= '0' && next <= '9') && !(next >= 'a' && next <= 'z') &&
		    !(next >= 'A' && next <= 'Z')) {
			url = p->link_urls[i];
			best = len;
		}
	}
	if (matched)
		*matched = best;
	return url;
}
size_t casecheck_policy_regime_count(const struct casecheck_policy *p) { return p->n_regimes; }
size_t casecheck_policy_param_count(const struct casecheck_policy *p) { return p->n_params; }
size_t casecheck_policy_track_count(const struct casecheck_policy *p) { return p->n_tracks; }

const struct casecheck_track *casecheck_policy_track(const struct casecheck_policy *p, size_t i)
{
	return i < p->n_tracks ? &p->tracks[i] : NULL;
}

const struct casecheck_step *casecheck_policy_step(const struct casecheck_policy *p, size_t i)
{
	return i < p->n_steps ? &p->steps[i] : NULL;
}

const char *casecheck_policy_step_cannot(const struct casecheck_policy *p, size_t i,
					 enum casecheck_status status)
{
	if (i >= p->n_steps || (unsigned)status >= CASECHECK_STATUS_COUNT || !p->cannot)
		return NULL;
	return p->cannot[i * CASECHECK_STATUS_COUNT + (size_t)status];
}

const struct casecheck_regime *casecheck_policy_regime(const struct casecheck_policy *p, size_t i)
{
	return i < p->n_regimes ? &p->regimes[i] : NULL;
}

const struct casecheck_param *casecheck_policy_param(const struct casecheck_policy *p, size_t i)
{
	return i < p->n_params ? &p->params[i] : NULL;
}

/*
** The largest value a parameter of UNIT may take. Large enough for any
** real time limit, small enough that no date arithmetic overflows and a
** deadline from any date the engine accepts stays inside its working-day
** calendar (1970-2100): ten years of working days or days, a century.
*/
static long policy_param_max(const char *unit)
{
	static const struct { const char *unit; long max; } ranges[] = {
		{ "working_days", 2600 },
		{ "days", 3660 },
		{ "months", 1200 },
		{ "years", 100 },
		{ "count", 1000000 }
	};
	size_t i;

	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (unit && strcmp(unit, ranges[i].unit) == 0)
			return ranges[i].max;
	return 1000000;
}

int casecheck_policy_set_param(struct casecheck_policy *p, const char *key, const char *value,
			       struct casecheck_error *err)
{
	struct suggest sg;
	size_t i;
	char *end;
	long v, max;

	for (i = 0; i < p->n_params; i++) {
		if (strcmp(p->params[i].name, key) != 0)
			continue;
		max = policy_param_max(p->params[i].unit);
		errno = 0;
		v = strtol(value, &end, 10);
		if (errno || end == value || *end || v < 0 || v > max) {
			error_setf(err, CASECHECK_E_INPUT, p->chunkname, NULL, 0, 0,
				   "param '%s' (%s) must be a whole number from 0 to %ld, got '%s'",
				   key, p->params[i].unit ? p->params[i].unit : "count", max, value);
			return -1;
		}
		p->params[i].value = v;
		return 0;
	}
	suggest_init(&sg, key);
	for (i = 0; i < p->n_params; i++)
		suggest_consider(&sg, p->params[i].name);
	if (suggest_result(&sg))
		error_setf(err, CASECHECK_E_INPUT, p->chunkname, NULL, 0, 0,
			   "policy '%s' has no param '%s' (did you mean '%s'?)", p->id ? p->id : "?",
			   key, suggest_result(&sg));
	else
		error_setf(err, CASECHECK_E_INPUT, p->chunkname, NULL, 0, 0,
			   "policy '%s' has no param '%s'", p->id ? p->id : "?", key);
	return -1;
}

/*
** Lint beyond what loading checks (loading already refuses syntax errors,
** unknown keys, missing citations, duplicate ids and empty regimes): event
** types the vocabulary does not have, steps in force under no regime,
** parameters no step uses, regimes no step is in force under. Each names
** the file:line of the declaration.
*/
void casecheck_policy_lint(const struct casecheck_policy *p, struct casecheck_errors *errs)
{
	size_t i, j, k;

	for (j = 0; j < p->n_steps; j++) {
		const struct casecheck_step *s = &p->steps[j];

		for (k = 0; k < s->n_event_types; k++) {
			struct suggest sg;

			if (vocab_type(p->vocab, s->event_types[k]))
				continue;
			suggest_init(&sg, s->event_types[k]);
			for (i = 0; i < vocab_type_count(p->vocab); i++)
				suggest_consider(&sg, vocab_type_at(p->vocab, i)->name);
			if (suggest_result(&sg))
				errors_addf(errs, CASECHECK_E_POLICY, s->source, NULL, s->line, 0,
					    "step '%s' names unknown event type '%s' (did you mean '%s'?)",
					    s->id, s->event_types[k], suggest_result(&sg));
			else
				errors_addf(errs, CASECHECK_E_POLICY, s->source, NULL, s->line, 0,
					    "step '%s' names unknown event type '%s' (declare it with event_type; "
					    "case-format.md lists the built-in ones)", s->id, s->event_types[k]);
		}
		if (s->n_regimes == 0)
			errors_addf(errs, CASECHECK_E_POLICY, s->source, NULL, s->line, 0,
				    "step '%s' is in force under no regime, so it can never apply", s->id);
	}
	for (i = 0; i < p->n_params; i++) {
		int used = 0;

		for (j = 0; j < p->n_steps && !used; j++)
			for (k = 0; k < p->steps[j].n_params && !used; k++)
				used = strcmp(p->steps[j].params[k], p->params[i].name) == 0;
		if (!used)
			errors_addf(errs, CASECHECK_E_POLICY, p->params[i].source ? p->params[i].source : p->chunkname,
				    NULL, p->params[i].line, 0,
				    "param '%s' is declared but no step uses it (a check function should list it in 'params')",
				    p->params[i].name);
	}
	for (i = 0; i < p->n_regimes; i++) {
		int used = 0;

		for (j = 0; j < p->n_steps && !used; j++)
			for (k = 0; k < p->steps[j].n_regimes && !used; k++)
				used = strcmp(p->steps[j].regimes[k], p->regimes[i].id) == 0;
		if (!used)
			errors_addf(errs, CASECHECK_E_POLICY, p->chunkname, NULL, 0, 0,
				    "regime '%s' is declared but no step is in force under it", p->regimes[i].id);
	}
}
