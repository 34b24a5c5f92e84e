/*
** sandbox_env.c: what a policy may call. The allow-lists (each entry with its
** reason), fresh environments of copied functions for every run, a pcall and
** xpcall that re-raise budget trips, and wrappers that keep C library calls
** (pattern matching, table.move) inside the instruction budget.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include "sandbox_priv.h"

/* Registry key of the table of pristine allowed functions (sandbox_init). */
static const char sandbox_allow_key = 'a';

/*
** The allow-lists. A policy gets copies of exactly these; anything else,
** including what a later Lua adds or trusted code puts into the globals, is
** absent. Each entry says why a policy may have it.
*/
static const char *const sandbox_base_allow[] = {
	"assert",	/* checks with the policy's own message; no side effect */
	"error",	/* how a policy reports a broken invariant */
	"ipairs",	/* walk event lists in order */
	"next",		/* raw traversal of the policy's own tables */
	"pairs",	/* walk records; __pairs only on engine objects */
	"rawequal",	/* compare without metamethods; reads only */
	"rawlen",	/* length without metamethods; reads only */
	"select",	/* vararg helpers */
	"tonumber",	/* numbers out of fixture strings */
	"tostring",	/* build messages */
	"type",		/* inspect values */
	NULL
};
/*
** Left out of base on purpose: setmetatable and getmetatable (they reach or
** replace the metatables of engine objects; without setmetatable a policy's
** own tables never have one, so it has no use for either); rawset and
** rawget (step around engine objects' metamethods); load, loadstring,
** dofile, loadfile, require (code from strings, bytecode, files, native
** modules); collectgarbage ("stop" lets garbage eat the memory budget, and
** the GC is the engine's); print (the library never prints); _G and
** _VERSION (the trusted globals; nothing to learn). pcall and xpcall are our
** own (l_sandbox_pcall) so that a limit cannot be caught. io, os, package,
** debug and coroutine are never even opened.
*/

static const char *const sandbox_string_allow[] = {
	/* pure functions of their arguments; results are bounded by the memory cap */
	"byte", "char", "find", "format", "gmatch", "gsub", "len", "lower",
	"match", "rep", "reverse", "sub", "upper",
	/* binary packing: pure, bounded the same way */
	"pack", "packsize", "unpack",
	/* not "dump": bytecode is how a crafted chunk crashes the VM */
	NULL
};
/*
** find, match, gmatch and gsub backtrack in C, where the hook never fires:
** ("a"):rep(2000):find((".-"):rep(6) .. "b") would run for hours. They are
** wrapped (l_sandbox_pattern) so that a call whose worst case, the subject
** length to the power of one plus its backtracking quantifiers, exceeds
** what is left of the instruction budget is refused as a budget trip before
** it starts. That refuses some calls that would have been fast; policies
** match short strings with simple patterns, and the bound is what makes the
** budget a guarantee. NEEDSWORK: a matcher that counts its real steps
** (Wikimedia LuaSandbox's way) would refuse only what is really slow.
*/

static const char *const sandbox_table_allow[] = {
	/* work on tables the policy already holds; no hidden state */
	"concat", "insert", "pack", "remove", "sort", "unpack",
	/* "move" is added wrapped (l_sandbox_table_move): its C loop runs as long as asked */
	NULL
};

static const char *const sandbox_math_allow[] = {
	/* pure arithmetic and constants */
	"abs", "acos", "asin", "atan", "ceil", "cos", "exp", "floor", "fmod",
	"huge", "log", "max", "maxinteger", "min", "mininteger", "modf", "pi",
	"sin", "sqrt", "tan", "tointeger", "type", "ult",
	/*
	** not "random"/"randomseed": their state is shared by every copy, so one
	** case could steer the next, and an evaluation must be a pure function
	** of its input (DESIGN.md)
	*/
	NULL
};

static const char *const sandbox_utf8_allow[] = {
	/* pure decoding of fixture text (names, free text) */
	"char", "charpattern", "codepoint", "codes", "len", "offset",
	NULL
};

static const struct {
	const char *name;
	const char *const *allow;
} sandbox_libs[] = {
	{ LUA_STRLIBNAME, sandbox_string_allow },
	{ LUA_TABLIBNAME, sandbox_table_allow },
	{ LUA_MATHLIBNAME, sandbox_math_allow },
	{ LUA_UTF8LIBNAME, sandbox_utf8_allow },
};

/* Only these libraries are opened, for trusted code too (our linit.c). */
static const luaL_Reg sandbox_open_libs[] = {
	{ LUA_GNAME, luaopen_base },
	{ LUA_TABLIBNAME, luaopen_table },
	{ LUA_STRLIBNAME, luaopen_string },
	{ LUA_MATHLIBNAME, luaopen_math },
	{ LUA_UTF8LIBNAME, luaopen_utf8 },
	{ NULL, NULL }
};

/*
** A policy's pcall or xpcall failed: a budget trip or an out-of-memory is
** raised again, so that no policy can catch it; anything else is returned
** as (false, message) the way Lua's own pcall does.
*/
static int pcall_failed(lua_State *L, struct sandbox *sb, int status)
{
	sandbox_mem_trip(sb);
	if (sb->trip != SANDBOX_TRIP_NONE || status == LUA_ERRMEM)
		return lua_error(L);
	lua_pushboolean(L, 0);
	lua_insert(L, -2);
	return 2;
}

/*
** pcall for policies: like the real one, except that an error raised
** because a limit tripped (or memory ran out) is raised again: a policy must
** not be able to catch its budget (Wikimedia LuaSandbox).
*/
static int l_sandbox_pcall(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);
	int status;

	luaL_checkany(L, 1);
	status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
	if (status != LUA_OK)
		return pcall_failed(L, sb, status);
	lua_pushboolean(L, 1);
	lua_insert(L, 1);
	return lua_gettop(L);
}

/*
** The message handler a policy's xpcall really runs under: the policy's own
** handler (upvalue 1), unless a budget has tripped or memory ran out. A trip
** raised by the count hook reaches the handler while Lua still runs with hooks
** off (it is inside the hook), so a handler that loops would never be
** stopped: after a trip the error object goes through untouched.
*/
static int l_sandbox_xpcall_handler(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);

	if (sb->trip != SANDBOX_TRIP_NONE || sb->mem_pending)
		return 1;
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* xpcall for policies, with the same rule as l_sandbox_pcall. */
static int l_sandbox_xpcall(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);
	int n = lua_gettop(L);
	int status;

	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 2);
	lua_pushcclosure(L, l_sandbox_xpcall_handler, 1);
	lua_pushvalue(L, 1);
	lua_replace(L, 2);
	lua_replace(L, 1);	/* stack: guarded handler, f, args */
	status = lua_pcall(L, n - 2, LUA_MULTRET, 1);
	if (status != LUA_OK)
		return pcall_failed(L, sb, status);
	lua_pushboolean(L, 1);
	lua_replace(L, 1);
	return lua_gettop(L);
}

/*
** A C function would run past the instruction budget: trip it now, at the
** policy's place (the calling Lua function's file:line), and raise.
*/
static int trip_instructions_here(lua_State *L, struct sandbox *sb)
{
	lua_Debug ar;
	struct sandbox_pos pos = sb->last;
	int placed = sandbox_place(L, 1, &ar);

	if (placed)
		sandbox_pos_set(&pos, &ar, ar.currentline);
	sandbox_trip_set(sb, SANDBOX_TRIP_INSTRUCTIONS, &pos);
	return sandbox_trip_raise(L, sb, placed ? &ar : NULL);
}

/* What is left of the instruction budget, as a double. */
static double budget_left(const struct sandbox *sb)
{
	return sb->instr_used < sb->lim.instructions ?
	       (double)(sb->lim.instructions - sb->instr_used) : 0.0;
}

/*
** Before a C call of WORST steps at most: refuse it when it cannot fit what
** is left of the instruction budget, else charge COST of it (what the call
** costs at least, so that a loop of cheap-looking calls still ends).
*/
static void charge_before(lua_State *L, struct sandbox *sb, double worst, double cost)
{
	if (sb->trip != SANDBOX_TRIP_NONE || worst > budget_left(sb) || cost > budget_left(sb))
		trip_instructions_here(L, sb);
	sb->instr_used += (long)cost;
}

/*
** Work below this many instructions is too small to read the clock for: a
** run of such calls is held by the instruction budget, since each is charged.
*/
#define SANDBOX_CLOCK_WORK 1024.0

/*
** After a C call of up to WORK steps: the wall clock, so that no run of
** costly C calls outlives the time budget.
*/
static void check_clock(lua_State *L, struct sandbox *sb, double work)
{
	lua_Debug ar;
	struct sandbox_pos pos = sb->last;
	int placed;

	if (work < SANDBOX_CLOCK_WORK || !sandbox_deadline_passed(sb))
		return;
	placed = sandbox_place(L, 1, &ar);
	if (placed)
		sandbox_pos_set(&pos, &ar, ar.currentline);
	sandbox_trip_set(sb, SANDBOX_TRIP_TIME, &pos);
	sandbox_trip_raise(L, sb, placed ? &ar : NULL);
}

/*
** An upper bound on the steps of matching a pattern against N bytes. One
** attempt at one start position walks the pattern once (a [set] scans its
** members, a literal compares byte by byte): PLEN + 1 steps. Each
** backtracking quantifier ('*', '+', '-' or '?' after a class) and each %b
** (which scans ahead for its closing byte) may try every end position:
** a factor N + 1 each. An unanchored search tries every start: one more.
*/
static double pattern_worst_case(const char *pat, size_t plen, size_t n, int can_anchor)
{
	size_t i = 0;
	int k = 1;

	if (can_anchor && i < plen && pat[i] == '^') {
		i++;
		k = 0;
	}
	while (i < plen) {
		/* one single-character class: %x, [set], or a plain character */
		if (pat[i] == '%') {
			if (i + 1 < plen && pat[i + 1] == 'b') {
				k++;
				i += 4;
				continue;
			}
			i += 2;
		} else if (pat[i] == '[') {
			i++;
			if (i < plen && pat[i] == '^')
				i++;
			if (i < plen && pat[i] == ']')
				i++;	/* a leading ']' is a member */
			while (i < plen && pat[i] != ']')
				i += pat[i] == '%' ? 2 : 1;
			i++;
		} else {
			i++;
		}
		if (i < plen && (pat[i] == '*' || pat[i] == '+' || pat[i] == '-' || pat[i] == '?')) {
			k++;
			i++;
		}
	}
	return pow((double)n + 1.0, (double)k) * ((double)plen + 1.0);
}

/*
** Run the real C function (upvalue 1) in this very frame, on this call's
** arguments: its errors then name the policy's file:line and the function
** as the policy called it ("bad argument #1 to 'char'"), as without the
** wrapper. No library function a wrapper stands in for has upvalues.
*/
static int call_real(lua_State *L)
{
	lua_CFunction real = lua_tocfunction(L, lua_upvalueindex(1));

	return real(L);
}

/*
** string.find, match, gmatch and gsub: refuse a call whose worst case cannot
** fit in what is left of the instruction budget (see the allow-list note),
** charge the subject and pattern lengths, and read the clock after it.
** Upvalue 1 is the real function, upvalue 2 true for gmatch (where '^' is no
** anchor). find's plain search (argument 4) compares up to the pattern's
** length at every position of the subject.
*/
static int l_sandbox_pattern(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);
	size_t n = 0, plen = 0;
	const char *pat;
	double worst = 0.0;
	int nres;

	if (lua_type(L, 1) == LUA_TSTRING && lua_type(L, 2) == LUA_TSTRING) {
		lua_tolstring(L, 1, &n);
		pat = lua_tolstring(L, 2, &plen);
		if (lua_toboolean(L, 4) && lua_tointeger(L, lua_upvalueindex(2)) != 1)
			worst = ((double)n + 1.0) * ((double)plen + 1.0);
		else
			worst = pattern_worst_case(pat, plen, n,
						   lua_tointeger(L, lua_upvalueindex(2)) != 1);
		charge_before(L, sb, worst, (double)(n + plen));
	}
	nres = call_real(L);
	check_clock(L, sb, worst);
	return nres;
}

/*
** string.rep: Lua 5.4.4 loops N times even when each copy is empty
** (("").rep("", math.maxinteger) runs 2^63 empty copies). An empty result is
** answered here; otherwise the result's size, and so the loop, is bounded
** by the memory budget, and the clock is read after it.
*/
static int l_sandbox_rep(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);
	size_t l = 0, lsep = 0;
	lua_Integer n;
	int nres;

	luaL_checklstring(L, 1, &l);
	n = luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &lsep);
	if (n <= 0 || (l == 0 && (lsep == 0 || n == 1))) {
		lua_pushliteral(L, "");
		return 1;
	}
	nres = call_real(L);
	check_clock(L, sb, (double)n * (double)(l + lsep));
	return nres;
}

/*
** C loops over a range of a table (table.unpack, table.concat): charge one
** instruction per element of [i, j] first (arguments START and START+1,
** defaulting to 1 and #t), so that neither 2^62 nils nor a loop of big
** calls escapes the budget. Upvalue 1 is the real function.
*/
static int l_sandbox_range(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);
	int start = lua_tointeger(L, lua_upvalueindex(2)) == 2 ? 3 : 2;
	lua_Integer i, j;
	double work = 0.0;
	int nres;

	i = luaL_optinteger(L, start, 1);
	j = lua_isnoneornil(L, start + 1) ? (lua_Integer)luaL_len(L, 1) :
	    luaL_checkinteger(L, start + 1);
	if (j >= i) {
		work = (double)((lua_Unsigned)j - (lua_Unsigned)i) + 1.0;
		charge_before(L, sb, 0.0, work);
	}
	nres = call_real(L);
	check_clock(L, sb, work);
	return nres;
}

/*
** table.move runs its loop in C, where the hook never fires, for as many
** elements as asked (2^62 nils is a hang). Charge them to the instruction
** budget first. Upvalue 1 is the real table.move.
*/
static int l_sandbox_table_move(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);
	lua_Integer f = luaL_checkinteger(L, 2);
	lua_Integer e = luaL_checkinteger(L, 3);

	if (e >= f)
		charge_before(L, sb, 0.0, (double)((lua_Unsigned)e - (lua_Unsigned)f) + 1.0);
	return call_real(L);
}

/*
** C loops over a whole table (table.insert and table.remove shift up to #t
** elements, table.sort compares n log n times): charge that first, so that a
** loop of such calls on a big table cannot run for long between two hook
** calls. Upvalue 2 is 1 for sort.
*/
static int l_sandbox_sized(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);
	double n = lua_type(L, 1) == LUA_TTABLE ? (double)lua_rawlen(L, 1) : 0.0;
	int nres;

	if (lua_tointeger(L, lua_upvalueindex(2)) == 1)
		n *= log2(n + 2.0);
	charge_before(L, sb, 0.0, n + 1.0);
	nres = call_real(L);
	check_clock(L, sb, n);
	return nres;
}

/*
** Functions whose C work grows with a string argument (utf8.len, codepoint,
** offset, string.byte, reverse, upper, lower, format, char ...): charge the
** bytes of their string arguments / 4 (a byte of C work costs about a
** quarter of a VM instruction) and read the clock after. Upvalue 1 is the
** real function.
*/
static int l_sandbox_linear(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);
	int i, top = lua_gettop(L), nres;
	double bytes = (double)top;
	size_t len;

	for (i = 1; i <= top; i++)
		if (lua_type(L, i) == LUA_TSTRING) {
			lua_tolstring(L, i, &len);
			bytes += (double)len / 4.0;
		}
	charge_before(L, sb, 0.0, bytes);
	nres = call_real(L);
	check_clock(L, sb, bytes);
	return nres;
}

/* Copy the fields NAMES of table SRC into table DST (absolute indices). [-0, +0, m] */
static void copy_names(lua_State *L, int src, int dst, const char *const *names)
{
	for (; *names; names++) {
		if (lua_getfield(L, src, *names) == LUA_TNIL)
			lua_pop(L, 1);
		else
			lua_setfield(L, dst, *names);
	}
}

/* Copy every field of table SRC into table DST (absolute indices). [-0, +0, m] */
static void copy_all(lua_State *L, int src, int dst)
{
	lua_pushnil(L);
	while (lua_next(L, src)) {
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, dst);
	}
}

/*
** Replace the copies in table DST (absolute index) of the C library
** functions whose work a single call can make unbounded with their metered
** wrappers; SRC is the library table with the real functions. [-0, +0, m]
*/
static void wrap_lib(lua_State *L, const char *lib, int src, int dst)
{
	static const struct {
		const char *lib, *name;
		lua_CFunction wrapper;
		int flag;	/* upvalue 2: gmatch / where the range starts */
	} wrapped[] = {
		{ LUA_STRLIBNAME, "find", l_sandbox_pattern, 0 },
		{ LUA_STRLIBNAME, "match", l_sandbox_pattern, 0 },
		{ LUA_STRLIBNAME, "gmatch", l_sandbox_pattern, 1 },
		{ LUA_STRLIBNAME, "gsub", l_sandbox_pattern, 0 },
		{ LUA_STRLIBNAME, "rep", l_sandbox_rep, 0 },
		{ LUA_STRLIBNAME, "byte", l_sandbox_linear, 0 },
		{ LUA_STRLIBNAME, "char", l_sandbox_linear, 0 },
		{ LUA_STRLIBNAME, "format", l_sandbox_linear, 0 },
		{ LUA_STRLIBNAME, "lower", l_sandbox_linear, 0 },
		{ LUA_STRLIBNAME, "upper", l_sandbox_linear, 0 },
		{ LUA_STRLIBNAME, "reverse", l_sandbox_linear, 0 },
		{ LUA_STRLIBNAME, "pack", l_sandbox_linear, 0 },
		{ LUA_STRLIBNAME, "packsize", l_sandbox_linear, 0 },
		{ LUA_STRLIBNAME, "unpack", l_sandbox_linear, 0 },
		{ LUA_UTF8LIBNAME, "char", l_sandbox_linear, 0 },
		{ LUA_UTF8LIBNAME, "codepoint", l_sandbox_linear, 0 },
		{ LUA_UTF8LIBNAME, "len", l_sandbox_linear, 0 },
		{ LUA_UTF8LIBNAME, "offset", l_sandbox_linear, 0 },
		{ LUA_TABLIBNAME, "unpack", l_sandbox_range, 0 },
		{ LUA_TABLIBNAME, "concat", l_sandbox_range, 2 },
		{ LUA_TABLIBNAME, "move", l_sandbox_table_move, 0 },
		{ LUA_TABLIBNAME, "insert", l_sandbox_sized, 0 },
		{ LUA_TABLIBNAME, "remove", l_sandbox_sized, 0 },
		{ LUA_TABLIBNAME, "sort", l_sandbox_sized, 1 },
		{ LUA_GNAME, "tonumber", l_sandbox_linear, 0 },
		{ LUA_GNAME, "tostring", l_sandbox_linear, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(wrapped) / sizeof(wrapped[0]); i++) {
		if (strcmp(wrapped[i].lib, lib) != 0)
			continue;
		lua_getfield(L, src, wrapped[i].name);
		lua_pushinteger(L, wrapped[i].flag);
		lua_pushcclosure(L, wrapped[i].wrapper, 2);
		lua_setfield(L, dst, wrapped[i].name);
	}
}

/*
** Open the libraries and keep pristine copies of the allowed functions in
** the registry (so later changes to the trusted globals never reach a
** policy). Give strings a method table of the allowed string functions and
** hide the string metatable (Fennel, STYLE 1.7).   [-0, +0, e]
*/
int sandbox_init(lua_State *L)
{
	const luaL_Reg *lib;
	size_t i;
	int allow, src;

	luaL_checkversion(L);
	for (lib = sandbox_open_libs; lib->func; lib++) {
		luaL_requiref(L, lib->name, lib->func, 1);
		lua_pop(L, 1);
	}
	lua_newtable(L);
	allow = lua_gettop(L);
	lua_newtable(L);
	lua_pushglobaltable(L);
	copy_names(L, lua_gettop(L), lua_gettop(L) - 1, sandbox_base_allow);
	wrap_lib(L, LUA_GNAME, lua_gettop(L), lua_gettop(L) - 1);
	lua_pop(L, 1);
	/* next and rawlen see through a loaded policy's frozen tables, for trusted code too */
	lua_pushcfunction(L, sandbox_frozen_next);
	lua_setfield(L, -2, "next");
	lua_pushcfunction(L, sandbox_frozen_rawlen);
	lua_setfield(L, -2, "rawlen");
	lua_pushcfunction(L, sandbox_frozen_next);
	lua_setglobal(L, "next");
	lua_pushcfunction(L, sandbox_frozen_rawlen);
	lua_setglobal(L, "rawlen");
	lua_setfield(L, allow, "base");
	for (i = 0; i < sizeof(sandbox_libs) / sizeof(sandbox_libs[0]); i++) {
		lua_newtable(L);
		luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
		lua_getfield(L, -1, sandbox_libs[i].name);
		src = lua_gettop(L);
		copy_names(L, src, src - 2, sandbox_libs[i].allow);
		wrap_lib(L, sandbox_libs[i].name, src, src - 2);
		lua_pop(L, 2);
		lua_setfield(L, allow, sandbox_libs[i].name);
	}
	/* strings' methods: a private copy, so neither policies nor trusted code change it */
	lua_pushliteral(L, "");
	if (!lua_getmetatable(L, -1))
		return luaL_error(L, "string metatable missing");
	lua_newtable(L);
	lua_getfield(L, allow, LUA_STRLIBNAME);
	copy_all(L, lua_gettop(L), lua_gettop(L) - 1);
	lua_pop(L, 1);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);
	lua_pushvalue(L, allow);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &sandbox_allow_key);
	lua_settop(L, 0);
	return 0;
}

void sandbox_push_env(struct sandbox *sb)
{
	lua_State *L = sb->L;
	int env, allow;
	size_t i;

	luaL_checkstack(L, 6, "sandbox environment");
	lua_newtable(L);
	env = lua_gettop(L);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &sandbox_allow_key);
	allow = env + 1;
	lua_getfield(L, allow, "base");
	copy_all(L, allow + 1, env);
	lua_pop(L, 1);
	/* ours: they re-raise a budget trip (see l_sandbox_pcall) */
	lua_pushcfunction(L, l_sandbox_pcall);
	lua_setfield(L, env, "pcall");
	lua_pushcfunction(L, l_sandbox_xpcall);
	lua_setfield(L, env, "xpcall");
	/* fresh library tables: a policy may change its copy, never the next one */
	for (i = 0; i < sizeof(sandbox_libs) / sizeof(sandbox_libs[0]); i++) {
		lua_newtable(L);
		lua_getfield(L, allow, sandbox_libs[i].name);
		copy_all(L, allow + 2, allow + 1);
		lua_pop(L, 1);
		lua_setfield(L, env, sandbox_libs[i].name);
	}
	lua_pop(L, 1);	/* stack: env */
}

