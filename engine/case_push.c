/*
** case_push.c: a case as the Lua tables scripts/model.lua works on. Only what
** steps read is pushed (no notes, sources or expectations), once per
** evaluation; events after the as-of date are left out, so a case is judged
** as it stood on that date. The case's and each matter's events by type
** come from the indexes case_build.c made when the case was loaded: Lua
** does not index them again.
**
** The by-type tables are built here, whole, rather than lazily through an
** __index that calls into C: a case has a few dozen lists, the steps ask
** for most of them, and a table read is the cheapest thing a policy can do;
** a lazy view would also have to hold the case_file past its evaluation
** (a policy can keep a table, not a pointer that is freed under it).
**
** The keys C names (lo, hi, id, events ...) and the names of the events'
** fields (case_file.keys, numbered once at load) are pushed once per case
** onto the stack and set with lua_rawset from there: lua_setfield would
** look each up in Lua's string table again for every event (issue 10:
** case_push was 373 k instructions a case of 25 events, 60 % of it
** lua_setfield). Tables are made at their final size, so none grows while
** it is filled. The values come from the case's own copy (case_compact.c),
** not from the jansson tree, which a loaded case no longer holds.
*/
#include <string.h>
#include <lauxlib.h>
#include "engine.h"

/* The keys C sets on every event, span, party and matter, pushed once per case. */
enum key { K_LO, K_HI, K_PREC, K_FILE_INDEX, K_ID, K_KIND, K_NAME, K_OF, K_LEVEL, K_ALLEGATION,
	   K_EVENTS, K_BY_TYPE, K_CATEGORIES, K_INDEX, K_RE, K_COUNT };
static const char *const key_names[K_COUNT] = {
	"lo", "hi", "prec", "file_index", "id", "kind", "name", "of", "level", "allegation",
	"events", "by_type", "categories", "index", "re"
};

/* Where the keys are on the stack: key K at BASE + K, case_file.keys[I] at FIELDS + I. */
struct keys {
	int base, fields;
};

/* Push key K, ready for its value and lua_rawset(L, -3).   [-0, +1, -] */
static void push_key(lua_State *L, const struct keys *ks, enum key k)
{
	lua_pushvalue(L, ks->base + (int)k);
}

/* T[K] = V for the table at the top.   [-0, +0, m] */
static void set_int(lua_State *L, const struct keys *ks, enum key k, lua_Integer v)
{
	push_key(L, ks, k);
	lua_pushinteger(L, v);
	lua_rawset(L, -3);
}

static void set_str(lua_State *L, const struct keys *ks, enum key k, const char *v)
{
	push_key(L, ks, k);
	lua_pushstring(L, v);
	lua_rawset(L, -3);
}

/* T[K] = the value at the top, popped; T just below it.   [-1, +0, m] */
static void set_top(lua_State *L, const struct keys *ks, enum key k)
{
	push_key(L, ks, k);
	lua_insert(L, -2);
	lua_rawset(L, -3);
}

/* {lo =, hi =, prec =} for a span, with room for EXTRA more keys.   [-0, +1, m] */
static void push_span(lua_State *L, const struct keys *ks, const struct date_span *s, int extra)
{
	lua_createtable(L, 0, 3 + extra);
	set_int(L, ks, K_LO, s->lo);
	set_int(L, ks, K_HI, s->hi);
	set_int(L, ks, K_PREC, s->prec);
}

/* A field's value as Lua: a JSON scalar, or an array as a list; nil for an object or null.   [-0, +1, m] */
static void push_value(lua_State *L, const struct case_value *v)
{
	unsigned i;

	switch (v->type) {
	case CASE_V_STRING:
		lua_pushlstring(L, v->u.s, v->n);
		break;
	case CASE_V_INT:
		lua_pushinteger(L, (lua_Integer)v->u.i);
		break;
	case CASE_V_REAL:
		lua_pushnumber(L, v->u.d);
		break;
	case CASE_V_TRUE:
		lua_pushboolean(L, 1);
		break;
	case CASE_V_FALSE:
		lua_pushboolean(L, 0);
		break;
	case CASE_V_ARRAY:
		luaL_checkstack(L, 4, "case too deep");
		lua_createtable(L, (int)v->n, 0);
		for (i = 0; i < v->n; i++) {
			push_value(L, &v->u.items[i]);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		break;
	default:
		lua_pushnil(L);
		break;
	}
}

/* One event: its fields as written, plus lo, hi, prec and its file path.   [-0, +1, m] */
static void push_event(lua_State *L, const struct keys *ks, const struct case_event *ev)
{
	size_t i;

	lua_createtable(L, 0, (int)ev->n_fields + 4);
	for (i = 0; i < ev->n_fields; i++) {
		lua_pushvalue(L, ks->fields + ev->fields[i].key);
		push_value(L, &ev->fields[i]);
		lua_rawset(L, -3);
	}
	set_int(L, ks, K_LO, ev->date.lo);
	set_int(L, ks, K_HI, ev->date.hi);
	set_int(L, ks, K_PREC, ev->date.prec);
	set_int(L, ks, K_FILE_INDEX, (lua_Integer)ev->file_index);
}

/* The subject; of the vetting entries, only those on or before AS_OF, as with events. */
static void push_subject(lua_State *L, const struct keys *ks, const struct case_file *cf,
			 int as_of)
{
	size_t i, n = 0;

	lua_createtable(L, 0, 8);
	lua_pushstring(L, cf->subject_name);
	lua_setfield(L, -2, "name");
	lua_pushstring(L, cf->subject_rank);
	lua_setfield(L, -2, "rank");
	lua_pushstring(L, cf->subject_force);
	lua_setfield(L, -2, "force");
	lua_pushboolean(L, cf->probationer);
	lua_setfield(L, -2, "probationer");
	if (cf->has_joined) {
		push_span(L, ks, &cf->joined, 0);
		lua_setfield(L, -2, "joined");
	}
	if (cf->has_probation_ends) {
		push_span(L, ks, &cf->probation_ends, 0);
		lua_setfield(L, -2, "probation_ends");
	}
	lua_createtable(L, (int)cf->n_vetting, 0);
	for (i = 0; i < cf->n_vetting; i++) {
		if (cf->vetting[i].date.lo > as_of)
			continue;	/* a clearance after the as-of date had not happened */
		push_span(L, ks, &cf->vetting[i].date, 1);
		set_str(L, ks, K_LEVEL, cf->vetting[i].level);
		lua_rawseti(L, -2, (lua_Integer)++n);
	}
	lua_setfield(L, -2, "vetting");
}

static void push_parties(lua_State *L, const struct keys *ks, const struct case_file *cf)
{
	size_t i;

	lua_createtable(L, 0, (int)cf->n_parties);
	for (i = 0; i < cf->n_parties; i++) {
		const struct case_party *p = &cf->parties[i];

		lua_pushstring(L, p->id);
		lua_createtable(L, 0, 2 + (p->name != NULL) + (p->of != NULL));
		set_str(L, ks, K_ID, p->id);
		set_str(L, ks, K_KIND, p->kind);
		if (p->name)
			set_str(L, ks, K_NAME, p->name);
		if (p->of)
			set_str(L, ks, K_OF, p->of);
		lua_rawset(L, -3);
	}
}

/*
** { type = { event, ... } } from LISTS (N of them): each list's events with
** an index below N_VISIBLE (a prefix, lists being in date order), as the
** tables in the events list at EVENTS_IDX; a type with none has no key.
** [-0, +1, m]
*/
static void push_by_type(lua_State *L, const struct case_index_list *lists, size_t n,
			 size_t n_visible, int events_idx)
{
	size_t i, j, k;

	lua_createtable(L, 0, (int)n);
	for (i = 0; i < n; i++) {
		const struct case_index_list *l = &lists[i];

		for (k = 0; k < l->n && l->v[k] < n_visible; k++)
			;
		if (k == 0)
			continue;
		lua_pushstring(L, l->type);
		lua_createtable(L, (int)k, 0);
		for (j = 0; j < k; j++) {
			lua_rawgeti(L, events_idx, (lua_Integer)l->v[j] + 1);
			lua_rawseti(L, -2, (lua_Integer)j + 1);
		}
		lua_rawset(L, -3);
	}
}

/* The allegation's categories (validated: an array of names) as a set.   [-0, +1, m] */
static void push_categories(lua_State *L, const struct case_file *cf,
			    const struct case_event *allegation)
{
	const struct case_value *list = case_event_field(cf, allegation, "categories");
	unsigned i, n = list && list->type == CASE_V_ARRAY ? list->n : 0;

	lua_createtable(L, 0, (int)n);
	for (i = 0; i < n; i++) {
		const struct case_value *c = &list->u.items[i];

		if (c->type != CASE_V_STRING)
			continue;
		lua_pushlstring(L, c->u.s, c->n);
		lua_pushboolean(L, 1);
		lua_rawset(L, -3);
	}
}

void case_push(lua_State *L, const struct case_file *cf, int as_of)
{
	size_t i, j, n_visible = 0, n_matters = 0;
	int events_idx, k;
	struct keys keys, *ks = &keys;

	luaL_checkstack(L, K_COUNT + (int)cf->n_keys + 16, "case_push");
	/* events are sorted by their earliest day, so the visible ones are a prefix */
	while (n_visible < cf->n_events && cf->events[n_visible].date.lo <= as_of)
		n_visible++;

	ks->base = lua_gettop(L) + 1;
	for (k = 0; k < K_COUNT; k++)
		lua_pushstring(L, key_names[k]);
	ks->fields = lua_gettop(L) + 1;
	for (i = 0; i < cf->n_keys; i++)
		lua_pushstring(L, cf->keys[i]);

	lua_createtable(L, 0, 12);
	lua_pushstring(L, cf->id);
	lua_setfield(L, -2, "id");
	lua_pushstring(L, cf->source);
	lua_setfield(L, -2, "file");
	lua_pushinteger(L, as_of);
	lua_setfield(L, -2, "as_of");
	push_subject(L, ks, cf, as_of);
	lua_setfield(L, -2, "subject");
	push_parties(L, ks, cf);
	lua_setfield(L, -2, "parties");

	/*
	** gaps: a list in file order of { name = "type" or "type.field",
	** re = nil (the whole case) or a set of allegation ids }, so that a
	** message naming the first matching gap is the same in every run.
	*/
	lua_createtable(L, (int)cf->n_gaps, 0);
	for (i = 0; i < cf->n_gaps; i++) {
		const struct case_ids *re = &cf->gap_ids[i];

		lua_createtable(L, 0, 1 + (re->v != NULL));
		set_str(L, ks, K_NAME, cf->gaps[i]);
		if (re->v) {
			lua_createtable(L, 0, (int)re->n);
			for (j = 0; j < re->n; j++) {
				lua_pushstring(L, re->v[j]);
				lua_pushboolean(L, 1);
				lua_rawset(L, -3);
			}
			set_top(L, ks, K_RE);
		}
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "gaps");

	lua_createtable(L, (int)n_visible, 0);
	events_idx = lua_gettop(L);
	for (i = 0; i < n_visible; i++) {
		push_event(L, ks, &cf->events[i]);
		lua_rawseti(L, events_idx, (lua_Integer)i + 1);
	}

	lua_createtable(L, (int)cf->n_matters, 0);	/* stack: keys, case, events, matters */
	for (i = 0; i < cf->n_matters; i++) {
		const struct case_matter *m = &cf->matters[i];
		size_t n = 0;

		if (m->allegation >= n_visible)
			continue;
		/* 6 keys here, and room for what model.prepare adds (aware, ...) */
		lua_createtable(L, 0, 8);
		set_str(L, ks, K_ID, cf->events[m->allegation].id);
		push_key(L, ks, K_ALLEGATION);
		lua_rawgeti(L, events_idx, (lua_Integer)m->allegation + 1);
		lua_rawset(L, -3);
		lua_createtable(L, (int)m->n_events, 0);
		for (j = 0; j < m->n_events; j++) {
			if (m->events[j] >= n_visible)
				continue;
			lua_rawgeti(L, events_idx, (lua_Integer)m->events[j] + 1);
			lua_rawseti(L, -2, (lua_Integer)++n);
		}
		set_top(L, ks, K_EVENTS);
		push_by_type(L, m->by_type, m->n_types, n_visible, events_idx);
		set_top(L, ks, K_BY_TYPE);
		push_categories(L, cf, &cf->events[m->allegation]);
		set_top(L, ks, K_CATEGORIES);
		set_int(L, ks, K_INDEX, (lua_Integer)++n_matters);
		lua_rawseti(L, -2, (lua_Integer)n_matters);
	}
	lua_setfield(L, -3, "matters");
	push_by_type(L, cf->by_type, cf->n_types, n_visible, events_idx);
	lua_setfield(L, -3, "by_type");
	lua_setfield(L, -2, "events");
	/* drop the keys under the case */
	lua_replace(L, ks->base);
	lua_settop(L, ks->base);
}
