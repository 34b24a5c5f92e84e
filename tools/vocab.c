/*
** tools/vocab.c: print, as JSON, what the engine itself says a case and a
** policy may use, so that the files editors and linters read are generated
** from it (tools/vocab_docs.py, `make docs`) and checked against it (`make
** check-docs`) instead of being kept by hand:
**
**   types        every built-in event type, its fields (the common ones
**                first), their kinds, which are required, enum values and
**                the line for people: casecheck_vocab_* (casecheck.h)
**   party_kinds  the kinds a party may have (vocab.c)
**   statuses     the finding statuses in enum order (casecheck_status_name)
**   declarable_kinds  the field kinds a policy's event_type may declare
**   globals      what a policy's environment holds: the sandbox's base
**                functions and library tables (engine/sandbox_env.c) and the
**                DSL's words (scripts/dsl.lua), read from the environment the
**                engine really builds (runtime.policy_env)
**
** Built by the Makefile against the static library; it reaches into the
** engine (engine.h) only for the Lua state that holds the environment.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <lua.h>
#include "casecheck.h"
#include "engine.h"
#include "vocab.h"

static json_t *string_list(const char *const *v)
{
	json_t *a = json_array();

	while (v && *v)
		json_array_append_new(a, json_string(*v++));
	return a;
}

static json_t *types_json(void)
{
	json_t *types = json_array();
	size_t i, j, n = casecheck_vocab_type_count(NULL);

	for (i = 0; i < n; i++) {
		struct casecheck_event_type_info t;
		json_t *o = json_object(), *fields = json_array();

		casecheck_vocab_type(NULL, i, &t);
		json_object_set_new(o, "name", json_string(t.name));
		json_object_set_new(o, "description", t.description ? json_string(t.description) : json_null());
		for (j = 0; j < t.n_fields; j++) {
			struct casecheck_field_info f;
			json_t *fo = json_object();

			casecheck_vocab_field(NULL, t.name, j, &f);
			json_object_set_new(fo, "name", json_string(f.name));
			json_object_set_new(fo, "type", json_string(f.type_name));
			json_object_set_new(fo, "required", json_boolean(f.required));
			json_object_set_new(fo, "common", json_boolean(f.common));
			if (f.values)
				json_object_set_new(fo, "values", string_list(f.values));
			json_object_set_new(fo, "description", json_string(f.description));
			json_array_append_new(fields, fo);
		}
		json_object_set_new(o, "fields", fields);
		json_array_append_new(types, o);
	}
	return types;
}

/* The field kinds a policy may declare (event_type "x" { fields = ... }), in enum order. */
static json_t *declarable_kinds(void)
{
	json_t *a = json_array();
	int k;

	for (k = VOCAB_STRING; k <= VOCAB_DATE; k++)
		if (vocab_kind_parse(vocab_kind_name((enum vocab_kind)k)) == k)
			json_array_append_new(a, json_string(vocab_kind_name((enum vocab_kind)k)));
	return a;
}

/* The string keys of the table at IDX, sorted (a JSON array). */
static json_t *sorted_keys(lua_State *L, int idx)
{
	json_t *a = json_array();

	lua_pushnil(L);
	while (lua_next(L, idx)) {
		if (lua_type(L, -2) == LUA_TSTRING)
			json_array_append_new(a, json_string(lua_tostring(L, -2)));
		lua_pop(L, 1);
	}
	return a;
}

static int by_string(const void *a, const void *b)
{
	return strcmp(json_string_value(*(json_t *const *)a), json_string_value(*(json_t *const *)b));
}

static json_t *sorted(json_t *a)
{
	size_t n = json_array_size(a), i;
	json_t **v = malloc((n ? n : 1) * sizeof(*v));
	json_t *out = json_array();

	for (i = 0; i < n; i++)
		v[i] = json_array_get(a, i);
	qsort(v, n, sizeof(*v), by_string);
	for (i = 0; i < n; i++)
		json_array_append(out, v[i]);
	free(v);
	json_decref(a);
	return out;
}

/* {base = [...], libs = {string = [...], ...}, dsl = [...]}, or NULL on failure. */
static json_t *globals_json(struct casecheck_engine *e)
{
	lua_State *L = e->L;
	json_t *g = json_object(), *base = json_array(), *libs = json_object(), *dsl, *names;
	int env, api;
	size_t i;

	lua_settop(L, 0);
	lua_rawgeti(L, LUA_REGISTRYINDEX, e->runtime_ref);
	lua_getfield(L, 1, "policy_env");
	lua_pushboolean(L, 1);
	if (lua_pcall(L, 1, 3, 0) != LUA_OK) {
		fprintf(stderr, "vocab: runtime.policy_env: %s\n", lua_tostring(L, -1));
		return NULL;
	}
	env = 3;
	api = 4;
	dsl = sorted(sorted_keys(L, api));
	names = sorted(sorted_keys(L, env));
	for (i = 0; i < json_array_size(names); i++) {
		const char *k = json_string_value(json_array_get(names, i));

		lua_getfield(L, api, k);
		if (!lua_isnil(L, -1)) {
			lua_pop(L, 1);
			continue;	/* a DSL word */
		}
		lua_pop(L, 1);
		lua_getfield(L, env, k);
		if (lua_istable(L, -1))
			json_object_set_new(libs, k, sorted(sorted_keys(L, lua_gettop(L))));
		else
			json_array_append_new(base, json_string(k));
		lua_pop(L, 1);
	}
	json_decref(names);
	lua_settop(L, 0);
	json_object_set_new(g, "base", base);
	json_object_set_new(g, "libs", libs);
	json_object_set_new(g, "dsl", dsl);
	return g;
}

int main(void)
{
	struct casecheck_error err;
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	json_t *out, *statuses, *globals;
	int i;

	if (!e) {
		fprintf(stderr, "vocab: no engine: %s\n", err.text);
		return 1;
	}
	globals = globals_json(e);
	if (!globals) {
		casecheck_engine_free(e);
		return 1;
	}
	statuses = json_array();
	for (i = 0; i < CASECHECK_STATUS_COUNT; i++)
		json_array_append_new(statuses, json_string(casecheck_status_name((enum casecheck_status)i)));
	out = json_object();
	json_object_set_new(out, "types", types_json());
	json_object_set_new(out, "party_kinds", string_list(vocab_party_kinds()));
	json_object_set_new(out, "statuses", statuses);
	json_object_set_new(out, "declarable_kinds", declarable_kinds());
	json_object_set_new(out, "globals", globals);
	json_dumpf(out, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(out);
	casecheck_engine_free(e);
	return fflush(stdout) == 0 ? 0 : 1;
}
