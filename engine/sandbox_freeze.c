/*
** sandbox_freeze.c: a policy instantiated once per load, its cases still
** isolated. After the policy's chunk has run (once, at load), every table
** it can reach is frozen in place (its contents move to a hidden store; the
** table keeps its identity, so every reference to it still works, but a
** write raises an error) and the value of every upvalue of its functions is
** recorded. Before each case the upvalues are put back. So nothing a case
** writes can reach the next: tables refuse the write, and locals the policy
** captured go back to what loading left in them. This replaces running the
** chunk again for every case, which cost more than judging half the steps.
*/
#include <string.h>
#include <lauxlib.h>
#include "sandbox_priv.h"

/* t[k] = v on a frozen table: the error names the policy's line. */
static int l_frozen_write(lua_State *L)
{
	luaL_where(L, 2);
	lua_pushliteral(L, "a policy's own tables are read-only while a case is evaluated "
			"(keep what a case needs in locals of the function that needs it)");
	lua_concat(L, 2);
	return lua_error(L);
}

/* The store of frozen table T (index IDX), pushed; 0 (nothing pushed) when T is not frozen. */
static int push_store(lua_State *L, int idx)
{
	if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx))
		return 0;
	lua_pushliteral(L, "__newindex");
	lua_rawget(L, -2);
	if (lua_tocfunction(L, -1) != l_frozen_write) {
		lua_pop(L, 2);
		return 0;
	}
	lua_pop(L, 1);
	lua_pushliteral(L, "__index");
	lua_rawget(L, -2);
	lua_remove(L, -2);
	return 1;
}

/* next(t, k), seeing through a frozen table to its contents.   [-0, +2|1, e] */
int sandbox_frozen_next(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 2);
	if (push_store(L, 1))
		lua_replace(L, 1);
	if (lua_next(L, 1))
		return 2;
	lua_pushnil(L);
	return 1;
}

/* rawlen(v), seeing through a frozen table to its contents.   [-0, +1, e] */
int sandbox_frozen_rawlen(lua_State *L)
{
	int t = lua_type(L, 1);

	luaL_argexpected(L, t == LUA_TTABLE || t == LUA_TSTRING, 1, "table or string");
	if (push_store(L, 1))
		lua_replace(L, 1);
	lua_pushinteger(L, (lua_Integer)lua_rawlen(L, 1));
	return 1;
}

/* __len of a frozen table. */
static int l_frozen_len(lua_State *L)
{
	return sandbox_frozen_rawlen(L);
}

/* __pairs of a frozen table: next over its contents. */
static int l_frozen_pairs(lua_State *L)
{
	lua_pushcfunction(L, sandbox_frozen_next);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/*
** Freeze table T (absolute index), which holds N entries: move its contents
** to a store made with room for them, clearing T as it goes (clearing a
** field is allowed while lua_next walks the table), so that every write
** reaches __newindex.   [-0, +0, m]
*/
static void freeze_table(lua_State *L, int t, int n)
{
	int store, narr = (int)lua_rawlen(L, t);

	if (narr > n)
		narr = n;
	lua_createtable(L, narr, n - narr);
	store = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, store);
		lua_pushvalue(L, -1);
		lua_pushnil(L);
		lua_rawset(L, t);
	}
	lua_createtable(L, 0, 5);
	lua_pushvalue(L, store);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, l_frozen_write);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, l_frozen_len);
	lua_setfield(L, -2, "__len");
	lua_pushcfunction(L, l_frozen_pairs);
	lua_setfield(L, -2, "__pairs");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, t);
	lua_pop(L, 1);	/* store */
}

/* Queue the value at the top (popped) on WORK when it is a table or a function. */
static void queue(lua_State *L, int work, lua_Integer *n)
{
	int t = lua_type(L, -1);

	if (t == LUA_TTABLE || t == LUA_TFUNCTION)
		lua_rawseti(L, work, ++*n);
	else
		lua_pop(L, 1);
}

/*
** cc.freeze(source, root...) -> snapshot. Walks everything reachable from
** the roots through tables (keys and values) and through the upvalues of
** Lua functions whose chunk is SOURCE ("@policies/x.lua"): the policy's
** own. Tables without a metatable are frozen (a table with one is the
** engine's, and guards itself); each upvalue of a policy function is
** recorded as (function, index, value) in the snapshot. Functions of other
** chunks (the engine's) and C functions are not entered: their state is
** the engine's. The walk is iterative, so a deep structure cannot overflow
** the C stack.   [-n, +1, m]
*/
int sandbox_freeze(lua_State *L)
{
	const char *source = luaL_checkstring(L, 1);
	int top = lua_gettop(L), seen, work, snap, i;
	lua_Integer n = 0, done = 0, ns = 0;
	lua_Debug ar;

	lua_newtable(L);
	seen = lua_gettop(L);
	lua_newtable(L);
	work = lua_gettop(L);
	lua_newtable(L);
	snap = lua_gettop(L);
	for (i = 2; i <= top; i++) {
		lua_pushvalue(L, i);
		queue(L, work, &n);
	}
	while (done < n) {
		int v;

		lua_rawgeti(L, work, ++done);
		v = lua_gettop(L);
		lua_pushvalue(L, v);
		if (lua_rawget(L, seen) != LUA_TNIL) {
			lua_settop(L, v - 1);
			continue;
		}
		lua_pop(L, 1);
		lua_pushvalue(L, v);
		lua_pushboolean(L, 1);
		lua_rawset(L, seen);
		if (lua_type(L, v) == LUA_TTABLE) {
			int entries = 0;

			if (lua_getmetatable(L, v)) {
				lua_settop(L, v - 1);
				continue;
			}
			luaL_checkstack(L, 4, "freeze");
			lua_pushnil(L);
			while (lua_next(L, v)) {
				entries++;
				lua_pushvalue(L, -2);
				queue(L, work, &n);
				queue(L, work, &n);
			}
			freeze_table(L, v, entries);
		} else if (!lua_iscfunction(L, v)) {
			const char *name;
			int k;

			lua_pushvalue(L, v);
			lua_getinfo(L, ">S", &ar);
			if (strcmp(ar.source, source) != 0) {
				lua_settop(L, v - 1);
				continue;
			}
			for (k = 1; (name = lua_getupvalue(L, v, k)) != NULL; k++) {
				lua_pushvalue(L, v);
				lua_rawseti(L, snap, ++ns);
				lua_pushinteger(L, k);
				lua_rawseti(L, snap, ++ns);
				lua_pushvalue(L, -1);
				lua_rawseti(L, snap, ++ns);
				queue(L, work, &n);
			}
		}
		lua_settop(L, v - 1);
	}
	/* an upvalue that was nil leaves a hole: the length is kept apart */
	lua_pushinteger(L, ns);
	lua_setfield(L, snap, "n");
	lua_pushvalue(L, snap);
	return 1;
}

/*
** cc.restore(snapshot, env, globals): put every recorded upvalue back, but
** where it held ENV (the policy's frozen environment: _ENV, or a local
** that took it) put GLOBALS, the case's own globals table.   [-3, +0, -]
*/
int sandbox_restore(lua_State *L)
{
	lua_Integer i, n;

	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_checktype(L, 2, LUA_TTABLE);
	luaL_checktype(L, 3, LUA_TTABLE);
	lua_getfield(L, 1, "n");
	n = lua_tointeger(L, -1);
	lua_pop(L, 1);
	for (i = 1; i + 2 <= n; i += 3) {
		int k;

		lua_rawgeti(L, 1, i + 1);
		k = (int)lua_tointeger(L, -1);
		lua_pop(L, 1);
		lua_rawgeti(L, 1, i);
		lua_rawgeti(L, 1, i + 2);
		if (lua_rawequal(L, -1, 2))
			lua_copy(L, 3, -1);
		lua_setupvalue(L, -2, k);
		lua_pop(L, 1);
	}
	return 0;
}
