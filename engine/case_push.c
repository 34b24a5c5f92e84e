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
*/
#include <string.h>
#include <lauxlib.h>
#include "engine.h"

/* {lo =, hi =, prec =} for a span.   [-0, +1, m] */
static void push_span(lua_State *L, const struct date_span *s)
{
	lua_createtable(L, 0, 3);
	lua_pushinteger(L, s->lo);
	lua_setfield(L, -2, "lo");
	lua_pushinteger(L, s->hi);
	lua_setfield(L, -2, "hi");
	lua_pushinteger(L, s->prec);
	lua_setfield(L, -2, "prec");
}

/* A JSON scalar or array of scalars as Lua; objects and null push nil.   [-0, +1, m] */
static void push_value(lua_State *L, json_t *v)
{
	size_t i;

	switch (json_typeof(v)) {
	case JSON_STRING:
		lua_pushlstring(L, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		lua_pushinteger(L, (lua_Integer)json_integer_value(v));
		break;
	case JSON_REAL:
		lua_pushnumber(L, json_real_value(v));
		break;
	case JSON_TRUE:
		lua_pushboolean(L, 1);
		break;
	case JSON_FALSE:
		lua_pushboolean(L, 0);
		break;
	case JSON_ARRAY:
		luaL_checkstack(L, 4, "case too deep");
		lua_createtable(L, (int)json_array_size(v), 0);
		for (i = 0; i < json_array_size(v); i++) {
			push_value(L, json_array_get(v, i));
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		break;
	default:
		lua_pushnil(L);
		break;
	}
}

/* One event: its fields as written, plus lo, hi, prec and its file path.   [-0, +1, m] */
static void push_event(lua_State *L, const struct case_event *ev)
{
	const char *key;
	json_t *v;

	lua_createtable(L, 0, 12);
	json_object_foreach(ev->json, key, v) {
		if (strcmp(key, "note") == 0 || strcmp(key, "source") == 0)	/* free text no step reads */
			continue;
		push_value(L, v);
		lua_setfield(L, -2, key);
	}
	lua_pushinteger(L, ev->date.lo);
	lua_setfield(L, -2, "lo");
	lua_pushinteger(L, ev->date.hi);
	lua_setfield(L, -2, "hi");
	lua_pushinteger(L, ev->date.prec);
	lua_setfield(L, -2, "prec");
	lua_pushinteger(L, (lua_Integer)ev->file_index);
	lua_setfield(L, -2, "file_index");
}

/* The subject; of the vetting entries, only those on or before AS_OF, as with events. */
static void push_subject(lua_State *L, const struct case_file *cf, int as_of)
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
		push_span(L, &cf->joined);
		lua_setfield(L, -2, "joined");
	}
	if (cf->has_probation_ends) {
		push_span(L, &cf->probation_ends);
		lua_setfield(L, -2, "probation_ends");
	}
	lua_createtable(L, (int)cf->n_vetting, 0);
	for (i = 0; i < cf->n_vetting; i++) {
		if (cf->vetting[i].date.lo > as_of)
			continue;	/* a clearance after the as-of date had not happened */
		push_span(L, &cf->vetting[i].date);
		lua_pushstring(L, cf->vetting[i].level);
		lua_setfield(L, -2, "level");
		lua_rawseti(L, -2, (lua_Integer)++n);
	}
	lua_setfield(L, -2, "vetting");
}

static void push_parties(lua_State *L, const struct case_file *cf)
{
	size_t i;

	lua_createtable(L, 0, (int)cf->n_parties);
	for (i = 0; i < cf->n_parties; i++) {
		const struct case_party *p = &cf->parties[i];

		lua_createtable(L, 0, 4);
		lua_pushstring(L, p->id);
		lua_setfield(L, -2, "id");
		lua_pushstring(L, p->kind);
		lua_setfield(L, -2, "kind");
		if (p->name) {
			lua_pushstring(L, p->name);
			lua_setfield(L, -2, "name");
		}
		if (p->of) {
			lua_pushstring(L, p->of);
			lua_setfield(L, -2, "of");
		}
		lua_setfield(L, -2, p->id);
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
		lua_createtable(L, (int)k, 0);
		for (j = 0; j < k; j++) {
			lua_rawgeti(L, events_idx, (lua_Integer)l->v[j] + 1);
			lua_rawseti(L, -2, (lua_Integer)j + 1);
		}
		lua_setfield(L, -2, l->type);
	}
}

/* The allegation's categories (validated: an array of names) as a set.   [-0, +1, m] */
static void push_categories(lua_State *L, const struct case_event *allegation)
{
	json_t *list = json_object_get(allegation->json, "categories"), *c;
	size_t i;

	lua_createtable(L, 0, (int)json_array_size(list));
	json_array_foreach(list, i, c) {
		if (!json_is_string(c))
			continue;
		lua_pushboolean(L, 1);
		lua_setfield(L, -2, json_string_value(c));
	}
}

void case_push(lua_State *L, const struct case_file *cf, int as_of)
{
	size_t i, j, n_visible = 0, n_matters = 0;
	int events_idx;

	luaL_checkstack(L, 16, "case_push");
	/* events are sorted by their earliest day, so the visible ones are a prefix */
	while (n_visible < cf->n_events && cf->events[n_visible].date.lo <= as_of)
		n_visible++;

	lua_createtable(L, 0, 12);
	lua_pushstring(L, cf->id);
	lua_setfield(L, -2, "id");
	lua_pushstring(L, cf->source);
	lua_setfield(L, -2, "file");
	lua_pushinteger(L, as_of);
	lua_setfield(L, -2, "as_of");
	push_subject(L, cf, as_of);
	lua_setfield(L, -2, "subject");
	push_parties(L, cf);
	lua_setfield(L, -2, "parties");

	/*
	** gaps: a list in file order of { name = "type" or "type.field",
	** re = nil (the whole case) or a set of allegation ids }, so that a
	** message naming the first matching gap is the same in every run.
	*/
	lua_createtable(L, (int)cf->n_gaps, 0);
	for (i = 0; i < cf->n_gaps; i++) {
		lua_createtable(L, 0, 2);
		lua_pushstring(L, cf->gaps[i]);
		lua_setfield(L, -2, "name");
		if (cf->gap_re && cf->gap_re[i]) {
			size_t k;
			json_t *id;

			lua_createtable(L, 0, (int)json_array_size(cf->gap_re[i]));
			json_array_foreach(cf->gap_re[i], k, id) {
				lua_pushboolean(L, 1);
				lua_setfield(L, -2, json_string_value(id));
			}
			lua_setfield(L, -2, "re");
		}
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "gaps");

	lua_createtable(L, (int)n_visible, 0);
	events_idx = lua_gettop(L);
	for (i = 0; i < n_visible; i++) {
		push_event(L, &cf->events[i]);
		lua_rawseti(L, events_idx, (lua_Integer)i + 1);
	}

	lua_createtable(L, (int)cf->n_matters, 0);	/* stack: case, events, matters */
	for (i = 0; i < cf->n_matters; i++) {
		const struct case_matter *m = &cf->matters[i];
		size_t n = 0;

		if (m->allegation >= n_visible)
			continue;
		lua_createtable(L, 0, 8);
		lua_pushstring(L, cf->events[m->allegation].id);
		lua_setfield(L, -2, "id");
		lua_rawgeti(L, events_idx, (lua_Integer)m->allegation + 1);
		lua_setfield(L, -2, "allegation");
		lua_createtable(L, (int)m->n_events, 0);
		for (j = 0; j < m->n_events; j++) {
			if (m->events[j] >= n_visible)
				continue;
			lua_rawgeti(L, events_idx, (lua_Integer)m->events[j] + 1);
			lua_rawseti(L, -2, (lua_Integer)++n);
		}
		lua_setfield(L, -2, "events");
		push_by_type(L, m->by_type, m->n_types, n_visible, events_idx);
		lua_setfield(L, -2, "by_type");
		push_categories(L, &cf->events[m->allegation]);
		lua_setfield(L, -2, "categories");
		lua_pushinteger(L, (lua_Integer)++n_matters);
		lua_setfield(L, -2, "index");
		lua_rawseti(L, -2, (lua_Integer)n_matters);
	}
	lua_setfield(L, -3, "matters");
	push_by_type(L, cf->by_type, cf->n_types, n_visible, events_idx);
	lua_setfield(L, -3, "by_type");
	lua_setfield(L, -2, "events");
}
