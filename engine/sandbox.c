/*
** sandbox.c: the Lua state policies run in. A capped allocator, a count hook
** that enforces the instruction and wall-clock budget, a pcall/xpcall that
** cannot catch a budget trip, and per-run environments of copied functions.
** Design: STYLE.md 1.7 and 2.7 (Suricata, Redis, Wikimedia LuaSandbox).
*/
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include "error.h"
#include "sandbox.h"

#define SANDBOX_DEFAULT_MEMORY ((size_t)64 << 20)
#define SANDBOX_DEFAULT_INSTRUCTIONS 50000000L
#define SANDBOX_DEFAULT_SECONDS 2.0
/* Instructions between two hook calls: the clock is read this often. */
#define SANDBOX_HOOK_COUNT 1000
/* How many stack levels the message handler searches for the error's place. */
#define SANDBOX_MSG_LEVELS 16
/* Deadlines further than this (about 30 years) are as good as none. */
#define SANDBOX_MAX_SECONDS 1e9

enum sandbox_trip {
	SANDBOX_TRIP_NONE,
	SANDBOX_TRIP_MEMORY,
	SANDBOX_TRIP_INSTRUCTIONS,
	SANDBOX_TRIP_TIME
};

/* A place in Lua code: "policies/x.lua" and 12; line 0 when unknown. */
struct sandbox_pos {
	char source[512];
	int line;
};

struct sandbox {
	lua_State *L;		/* NULL while being built or closed: see sandbox_alloc */
	struct sandbox_limits lim;
	size_t alloc_bytes;	/* what Lua holds now, by Lua's own sizes */
	long instr_used;
	int hook_count;		/* the count the hook is armed with */
	struct timespec deadline;
	enum sandbox_trip trip;	/* sticky, first trip wins; sandbox_reset_budget clears it */
	int mem_pending;	/* a growth was refused and not yet granted on retry */
	void *refused_ptr;	/* that request, to recognise Lua's retry after its GC */
	size_t refused_osize, refused_nsize;
	struct sandbox_pos mem_pos;	/* where it was refused */
	struct sandbox_pos trip_pos;	/* where the trip happened */
	struct sandbox_pos last;	/* the last place the count hook saw */
	struct sandbox_pos call;	/* the function sandbox_pcall called, as a fallback */
	char msg_prefix[128];	/* "short_src:line: " the message handler matched */
	struct sandbox_pos msg_pos;	/* its full source name and line */
	int guarded;		/* count only inside sandbox_guard_enter/leave (see there) */
	int guard_depth;	/* how deep in guarded (policy) code we are */
};

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

/* The sandbox lives in the allocator's user data: no globals, no registry look-up. */
static struct sandbox *sandbox_of(lua_State *L)
{
	void *ud = NULL;

	lua_getallocf(L, &ud);
	return ud;
}

/* Record AR's place (needs "Sl") into POS, with the full source name. */
static void pos_set(struct sandbox_pos *pos, const lua_Debug *ar, int line)
{
	const char *src = ar->source;

	if (src && (src[0] == '@' || src[0] == '='))
		src++;
	else
		src = ar->short_src;	/* a string chunk: [string "..."] */
	/* the hook calls this every 1000 instructions: copy only on change */
	if (strcmp(pos->source, src) != 0)
		snprintf(pos->source, sizeof(pos->source), "%s", src);
	pos->line = line;
}

/* The innermost Lua function at or below LEVEL, filled with "Sl". */
static int lua_place(lua_State *L, int level, lua_Debug *ar)
{
	for (; level < SANDBOX_MSG_LEVELS && lua_getstack(L, level, ar); level++)
		if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
			return 1;
	return 0;
}

static void sandbox_hook(lua_State *L, lua_Debug *ar);

/*
** Set the sticky trip flag (the first trip wins) and re-arm the hook to run
** at every instruction, so that whatever catches the error (trusted code's
** pcall included) is stopped again at its next instruction (Redis).
*/
static void trip_set(struct sandbox *sb, enum sandbox_trip trip, const struct sandbox_pos *pos)
{
	if (sb->trip != SANDBOX_TRIP_NONE)
		return;
	sb->trip = trip;
	sb->trip_pos = *pos;
	sb->hook_count = 1;
	if (sb->L)
		lua_sethook(sb->L, sandbox_hook, LUA_MASKCOUNT, 1);
}

static void trip_text(const struct sandbox *sb, char *buf, size_t size)
{
	size_t mem = sb->lim.memory_bytes;

	switch (sb->trip) {
	case SANDBOX_TRIP_MEMORY:
		if (mem % ((size_t)1 << 20) == 0)
			snprintf(buf, size, "memory budget exceeded (%zu MiB)", mem >> 20);
		else if (mem % 1024 == 0)
			snprintf(buf, size, "memory budget exceeded (%zu KiB)", mem >> 10);
		else
			snprintf(buf, size, "memory budget exceeded (%zu bytes)", mem);
		break;
	case SANDBOX_TRIP_INSTRUCTIONS:
		snprintf(buf, size, "instruction budget exceeded (%ld instructions)",
			 sb->lim.instructions);
		break;
	case SANDBOX_TRIP_TIME:
		snprintf(buf, size, "time budget exceeded (%g s)", sb->lim.seconds);
		break;
	default:
		snprintf(buf, size, "no budget exceeded");
		break;
	}
}

/* Raise the trip's error at AR's place ("Sl"; NULL for none).   [-0, +1, v] */
static int trip_raise(lua_State *L, const struct sandbox *sb, const lua_Debug *ar)
{
	char what[96];

	trip_text(sb, what, sizeof(what));
	if (ar && ar->currentline > 0)
		lua_pushfstring(L, "%s:%d: %s", ar->short_src, ar->currentline, what);
	else
		lua_pushstring(L, what);
	return lua_error(L);
}

/*
** Growth past the budget is refused. Lua's core then runs an emergency
** collection and asks once more with the same arguments: if that is granted
** the refusal is forgotten (sandbox_alloc). Otherwise the refusal is
** pending, and becomes a memory trip as soon as anything sees it: the error
** reaching a pcall wrapper or sandbox_pcall, or the hook, re-armed here to
** run at the next instruction in case trusted code caught the error.
** (lauxlib's buffers, behind string.rep, concat, gsub..., raise at once
** without that retry.)
**
** The place: the request is for a new block (ptr == NULL). Only then do we walk
** the stack for the precise place: in Lua 5.4.6+ a stack reallocation runs
** with the frames' pointers turned into offsets, which lua_getinfo would
** misread; a new block is never part of that. Otherwise the count hook's
** last place stands in (stale by at most SANDBOX_HOOK_COUNT instructions).
*/
/*
** Arm the count hook as the budget wants it when nothing has tripped: always,
** or in guarded mode only while policy code runs. A trip keeps its count-1
** hook whatever happens, so that nothing can run on after it.
*/
static void hook_normal(struct sandbox *sb)
{
	if (!sb->L || sb->trip != SANDBOX_TRIP_NONE || sb->mem_pending)
		return;
	if (sb->guarded && sb->guard_depth == 0) {
		sb->hook_count = 0;
		lua_sethook(sb->L, NULL, 0, 0);
		return;
	}
	sb->hook_count = SANDBOX_HOOK_COUNT;
	lua_sethook(sb->L, sandbox_hook, LUA_MASKCOUNT, SANDBOX_HOOK_COUNT);
}

static void sandbox_refuse(struct sandbox *sb, void *ptr, size_t osize, size_t nsize)
{
	lua_Debug ar;

	if (sb->trip != SANDBOX_TRIP_NONE)
		return;
	sb->mem_pending = 1;
	sb->refused_ptr = ptr;
	sb->refused_osize = osize;
	sb->refused_nsize = nsize;
	sb->mem_pos = sb->last;
	if (!ptr && sb->L && lua_place(sb->L, 0, &ar))
		pos_set(&sb->mem_pos, &ar, ar.currentline);
	sb->hook_count = 1;
	if (sb->L)
		lua_sethook(sb->L, sandbox_hook, LUA_MASKCOUNT, 1);
}

/* A refused growth that was not granted on retry is a memory trip. */
static void mem_trip(struct sandbox *sb)
{
	if (sb->mem_pending) {
		sb->mem_pending = 0;
		trip_set(sb, SANDBOX_TRIP_MEMORY, &sb->mem_pos);
	}
}

/*
** The capped allocator (Suricata's LuaAlloc, with Lua 5.4's rules): ptr ==
** NULL means old size 0 (osize then encodes a type); growth is refused past
** the budget; shrinking and freeing always succeed.
*/
static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct sandbox *sb = ud;
	void *p;

	if (!ptr)
		osize = 0;
	if (nsize == 0) {
		free(ptr);
		sb->alloc_bytes -= osize;
		return NULL;
	}
	if (nsize > osize && nsize - osize > sb->lim.memory_bytes - sb->alloc_bytes) {
		sandbox_refuse(sb, ptr, osize, nsize);
		return NULL;
	}
	if (sb->mem_pending && ptr == sb->refused_ptr && osize == sb->refused_osize &&
	    nsize == sb->refused_nsize) {
		/* Lua's retry after an emergency collection: granted, so no trip */
		sb->mem_pending = 0;
		hook_normal(sb);
	}
	p = realloc(ptr, nsize);
	if (!p) {
		if (nsize > osize)
			return NULL;	/* malloc itself failed: Lua raises LUA_ERRMEM */
		/* Lua assumes shrinking never fails; the old block is big enough */
		p = ptr;
	}
	sb->alloc_bytes = sb->alloc_bytes - osize + nsize;
	return p;
}

static int timespec_passed(const struct timespec *now, const struct timespec *deadline)
{
	return now->tv_sec > deadline->tv_sec ||
	       (now->tv_sec == deadline->tv_sec && now->tv_nsec >= deadline->tv_nsec);
}

/*
** The count hook: every SANDBOX_HOOK_COUNT instructions while the budget
** holds, every instruction after a trip. It notes the place (for memory
** trips), charges the instructions and reads the monotonic clock.
** [-0, +0, v]
*/
static void sandbox_hook(lua_State *L, lua_Debug *ar)
{
	struct sandbox *sb = sandbox_of(L);
	struct timespec now;

	if (!lua_getinfo(L, "Sl", ar))
		return;
	pos_set(&sb->last, ar, ar->currentline);
	mem_trip(sb);
	if (sb->trip == SANDBOX_TRIP_NONE) {
		sb->instr_used += sb->hook_count;
		if (sb->instr_used >= sb->lim.instructions) {
			trip_set(sb, SANDBOX_TRIP_INSTRUCTIONS, &sb->last);
		} else {
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (!timespec_passed(&now, &sb->deadline))
				return;
			trip_set(sb, SANDBOX_TRIP_TIME, &sb->last);
		}
	}
	trip_raise(L, sb, ar);
}

/*
** A policy's pcall or xpcall failed: a budget trip or an out-of-memory is
** raised again, so that no policy can catch it; anything else is returned
** as (false, message) the way Lua's own pcall does.
*/
static int pcall_failed(lua_State *L, struct sandbox *sb, int status)
{
	mem_trip(sb);
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

/* xpcall for policies, with the same rule as l_sandbox_pcall. */
static int l_sandbox_xpcall(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);
	int n = lua_gettop(L);
	int status;

	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 1);
	lua_pushvalue(L, 2);
	lua_replace(L, 1);
	lua_replace(L, 2);	/* stack: handler, f, args */
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
	int placed = lua_place(L, 1, &ar);

	if (placed)
		pos_set(&pos, &ar, ar.currentline);
	trip_set(sb, SANDBOX_TRIP_INSTRUCTIONS, &pos);
	return trip_raise(L, sb, placed ? &ar : NULL);
}

/*
** The worst-case steps of matching a pattern of K backtracking quantifiers
** ('*', '+', '-' or '?' after a character class) against N bytes: N^(K+1).
*/
static double pattern_worst_case(const char *pat, size_t plen, size_t n)
{
	size_t i = 0;
	int k = 0;

	if (i < plen && pat[i] == '^')
		i++;
	while (i < plen) {
		/* one single-character class: %x, [set], or a plain character */
		if (pat[i] == '%') {
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
	return pow((double)n + 1.0, (double)k + 1.0);
}

/*
** string.find, match, gmatch and gsub: refuse a call whose worst case cannot
** fit in what is left of the instruction budget (see the allow-list note).
** Upvalue 1 is the real function; find's plain search (argument 4) is linear.
*/
static int l_sandbox_pattern(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);
	size_t n = 0, plen = 0;
	const char *pat;
	double left, worst;

	if (lua_type(L, 1) == LUA_TSTRING && lua_type(L, 2) == LUA_TSTRING && !lua_toboolean(L, 4)) {
		lua_tolstring(L, 1, &n);
		pat = lua_tolstring(L, 2, &plen);
		left = sb->instr_used < sb->lim.instructions ?
		       (double)(sb->lim.instructions - sb->instr_used) : 0.0;
		worst = pattern_worst_case(pat, plen, n);
		if (sb->trip != SANDBOX_TRIP_NONE || worst > left)
			return trip_instructions_here(L, sb);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
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
	lua_Unsigned n, left;

	if (e >= f) {
		n = (lua_Unsigned)e - (lua_Unsigned)f + 1u;
		left = sb->instr_used < sb->lim.instructions ?
		       (lua_Unsigned)(sb->lim.instructions - sb->instr_used) : 0;
		if (sb->trip != SANDBOX_TRIP_NONE || n > left)
			return trip_instructions_here(L, sb);
		sb->instr_used += (long)n;
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/*
** lua.c's msghandler: a non-string error object becomes text (__tostring,
** else its type). For a string, find the stack level whose "short_src:line: "
** begins it and keep that level's full source name, so that the caller gets
** the place without parsing a truncated name. No traceback.   [-0, +1, m]
*/
static int sandbox_msghandler(lua_State *L)
{
	struct sandbox *sb = sandbox_of(L);
	const char *msg = lua_tostring(L, 1);
	char prefix[sizeof(sb->msg_prefix)];
	lua_Debug ar;
	int level;
	size_t plen;

	sb->msg_prefix[0] = '\0';
	if (!msg) {
		if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
			return 1;
		lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
		return 1;
	}
	for (level = 1; level < SANDBOX_MSG_LEVELS && lua_getstack(L, level, &ar); level++) {
		if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
			continue;
		plen = (size_t)snprintf(prefix, sizeof(prefix), "%s:%d: ", ar.short_src,
					ar.currentline);
		if (plen < sizeof(prefix) && strncmp(msg, prefix, plen) == 0) {
			memcpy(sb->msg_prefix, prefix, plen + 1);
			pos_set(&sb->msg_pos, &ar, ar.currentline);
			break;
		}
	}
	lua_settop(L, 1);
	return 1;
}

/*
** Split "SOURCE:LINE: TEXT" (the first ":digits: " in MSG). Returns the
** length of SOURCE, or 0 when MSG has no such prefix.
*/
static size_t split_where(const char *msg, int *line, const char **text)
{
	const char *p, *q;

	for (p = strchr(msg, ':'); p; p = strchr(p + 1, ':')) {
		if (p == msg || !isdigit((unsigned char)p[1]))
			continue;
		for (q = p + 1; isdigit((unsigned char)*q); q++)
			;
		if (q[0] == ':' && q[1] == ' ') {
			*line = atoi(p + 1);
			*text = q + 2;
			return (size_t)(p - msg);
		}
	}
	return 0;
}

/*
** Fill ERR for a failed call or load whose error object is on top. Trip
** flags decide the kind; the message is only read for policy errors.
** WHERE names the chunk when nothing better is known.   [-0, +0, -]
*/
static void sandbox_error(struct sandbox *sb, int status, const struct sandbox_pos *where,
			  struct casecheck_error *err)
{
	const struct sandbox_pos *pos;
	const char *msg, *text;
	char what[96];
	char source[sizeof(sb->msg_pos.source)];
	size_t plen, slen;
	int line = 0;

	mem_trip(sb);
	if (sb->trip != SANDBOX_TRIP_NONE) {
		trip_text(sb, what, sizeof(what));
		pos = sb->trip_pos.source[0] ? &sb->trip_pos : where;
		error_setf(err, sb->trip == SANDBOX_TRIP_MEMORY ? CASECHECK_E_MEMORY :
			   CASECHECK_E_BUDGET, pos->source, NULL, pos->line, 0, "%s", what);
		return;
	}
	if (status == LUA_ERRMEM) {
		error_setf(err, CASECHECK_E_INTERNAL, where->source, NULL, 0, 0,
			   "out of memory");
		return;
	}
	msg = lua_tostring(sb->L, -1);
	if (!msg)
		msg = "(error object is not a string)";
	plen = strlen(sb->msg_prefix);
	if (plen && strncmp(msg, sb->msg_prefix, plen) == 0) {
		error_setf(err, CASECHECK_E_POLICY, sb->msg_pos.source, NULL,
			   sb->msg_pos.line, 0, "%s", msg + plen);
		return;
	}
	slen = split_where(msg, &line, &text);
	if (slen && slen < sizeof(source)) {
		memcpy(source, msg, slen);
		source[slen] = '\0';
		error_setf(err, CASECHECK_E_POLICY, source, NULL, line, 0, "%s", text);
		return;
	}
	error_setf(err, CASECHECK_E_POLICY, where->source, NULL, where->line, 0, "%s", msg);
}

/* nmap's fatal(): an error outside any pcall is a bug in the engine. */
static int sandbox_panic(lua_State *L)
{
	const char *msg = lua_tostring(L, -1);

	fprintf(stderr, "casecheck: unprotected lua error: %s\n",
		msg ? msg : "(error object is not a string)");
	fflush(stderr);
	abort();
	return 0;
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
** Open the libraries and keep pristine copies of the allowed functions in
** the registry (so later changes to the trusted globals never reach a
** policy). Give strings a method table of the allowed string functions and
** hide the string metatable (Fennel, STYLE 1.7).   [-0, +0, e]
*/
static int sandbox_init(lua_State *L)
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
	lua_pop(L, 1);
	lua_setfield(L, allow, "base");
	for (i = 0; i < sizeof(sandbox_libs) / sizeof(sandbox_libs[0]); i++) {
		lua_newtable(L);
		luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
		lua_getfield(L, -1, sandbox_libs[i].name);
		src = lua_gettop(L);
		copy_names(L, src, src - 2, sandbox_libs[i].allow);
		if (strcmp(sandbox_libs[i].name, LUA_TABLIBNAME) == 0) {
			lua_getfield(L, src, "move");
			lua_pushcclosure(L, l_sandbox_table_move, 1);
			lua_setfield(L, src - 2, "move");
		}
		if (strcmp(sandbox_libs[i].name, LUA_STRLIBNAME) == 0) {
			static const char *const matchers[] = { "find", "match", "gmatch", "gsub" };
			size_t m;

			for (m = 0; m < sizeof(matchers) / sizeof(matchers[0]); m++) {
				lua_getfield(L, src, matchers[m]);
				lua_pushcclosure(L, l_sandbox_pattern, 1);
				lua_setfield(L, src - 2, matchers[m]);
			}
		}
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

static void limits_default(struct sandbox_limits *lim)
{
	if (lim->memory_bytes == 0)
		lim->memory_bytes = SANDBOX_DEFAULT_MEMORY;
	if (lim->instructions == 0)
		lim->instructions = SANDBOX_DEFAULT_INSTRUCTIONS;
	if (lim->seconds == 0)
		lim->seconds = SANDBOX_DEFAULT_SECONDS;
}

struct sandbox *sandbox_new(const struct sandbox_limits *lim, struct casecheck_error *err)
{
	struct sandbox *sb = NULL;
	lua_State *L = NULL;
	int status;

	sb = calloc(1, sizeof(*sb));
	if (!sb) {
		error_setf(err, CASECHECK_E_INTERNAL, "", NULL, 0, 0, "out of memory");
		return NULL;
	}
	if (lim)
		sb->lim = *lim;
	if (sb->lim.instructions < 0) {
		error_setf(err, CASECHECK_E_INPUT, "", NULL, 0, 0,
			   "negative instruction budget '%ld'", sb->lim.instructions);
		goto out;
	}
	if (!(sb->lim.seconds >= 0)) {
		error_setf(err, CASECHECK_E_INPUT, "", NULL, 0, 0,
			   "invalid time budget '%g' (seconds must be positive)", sb->lim.seconds);
		goto out;
	}
	limits_default(&sb->lim);
	L = lua_newstate(sandbox_alloc, sb);
	if (!L) {
		error_setf(err, CASECHECK_E_MEMORY, "", NULL, 0, 0,
			   "memory budget too small for a lua state (%zu bytes)",
			   sb->lim.memory_bytes);
		goto out;
	}
	lua_atpanic(L, sandbox_panic);
	lua_pushcfunction(L, sandbox_init);
	status = lua_pcall(L, 0, 0, 0);
	if (status != LUA_OK) {
		if (status == LUA_ERRMEM || sb->mem_pending)
			error_setf(err, CASECHECK_E_MEMORY, "", NULL, 0, 0,
				   "memory budget too small for the lua libraries (%zu bytes)",
				   sb->lim.memory_bytes);
		else
			error_setf(err, CASECHECK_E_INTERNAL, "", NULL, 0, 0,
				   "cannot set up the lua state: %s",
				   lua_tostring(L, -1) ? lua_tostring(L, -1) : "unknown error");
		goto out;
	}
	sb->L = L;
	sandbox_reset_budget(sb);
	return sb;
out:
	if (L)
		lua_close(L);
	assert(sb->alloc_bytes == 0);
	free(sb);
	return NULL;
}

void sandbox_free(struct sandbox *sb)
{
	lua_State *L;

	if (!sb)
		return;
	L = sb->L;
	sb->L = NULL;	/* the allocator must not walk a closing state's stack */
	/* the hook stays armed: a finalizer cannot outrun the budget either */
	if (L)
		lua_close(L);
	assert(sb->alloc_bytes == 0);	/* every byte Lua took came back (Suricata) */
	free(sb);
}

lua_State *sandbox_state(struct sandbox *sb)
{
	return sb->L;
}

int sandbox_load(struct sandbox *sb, const char *buf, size_t len, const char *chunkname,
		 struct casecheck_error *err)
{
	char name[sizeof(sb->call.source) + 1];
	struct sandbox_pos where;
	int status;

	if ((size_t)snprintf(name, sizeof(name), "@%s", chunkname) >= sizeof(name)) {
		error_setf(err, CASECHECK_E_INPUT, "", NULL, 0, 0,
			   "chunk name too long '%.40s...'", chunkname);
		return -1;
	}
	/* mode "t" refuses it too; this says why in the policy author's terms */
	if (len > 0 && buf[0] == LUA_SIGNATURE[0]) {
		error_setf(err, CASECHECK_E_POLICY, chunkname, NULL, 0, 0,
			   "binary chunk refused: policies must be lua source text");
		return -1;
	}
	/* no Lua runs while compiling: a memory trip here belongs to this chunk */
	memset(&sb->last, 0, sizeof(sb->last));
	status = luaL_loadbufferx(sb->L, buf, len, name, "t");
	if (status == LUA_OK)
		return 0;
	snprintf(where.source, sizeof(where.source), "%s", chunkname);
	where.line = 0;
	sb->msg_prefix[0] = '\0';
	if (status == LUA_ERRSYNTAX) {
		const char *msg = lua_tostring(sb->L, -1);
		const char *text = msg;
		int line = 0;

		/* the message names the chunk by its short_src: keep the full name */
		if (msg && split_where(msg, &line, &text))
			error_setf(err, CASECHECK_E_POLICY, chunkname, NULL, line, 0, "%s", text);
		else
			error_setf(err, CASECHECK_E_POLICY, chunkname, NULL, 0, 0, "%s",
				   msg ? msg : "syntax error");
	} else {
		sandbox_error(sb, status, &where, err);
	}
	lua_pop(sb->L, 1);
	return -1;
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

void sandbox_reset_budget(struct sandbox *sb)
{
	struct timespec now;
	double secs = sb->lim.seconds;
	long whole;

	if (secs > SANDBOX_MAX_SECONDS)
		secs = SANDBOX_MAX_SECONDS;
	clock_gettime(CLOCK_MONOTONIC, &now);
	whole = (long)secs;
	sb->deadline.tv_sec = now.tv_sec + whole;
	sb->deadline.tv_nsec = now.tv_nsec + (long)((secs - (double)whole) * 1e9);
	if (sb->deadline.tv_nsec >= 1000000000L) {
		sb->deadline.tv_sec++;
		sb->deadline.tv_nsec -= 1000000000L;
	}
	sb->instr_used = 0;
	sb->trip = SANDBOX_TRIP_NONE;
	sb->mem_pending = 0;
	memset(&sb->trip_pos, 0, sizeof(sb->trip_pos));
	memset(&sb->last, 0, sizeof(sb->last));
	sb->guard_depth = 0;
	hook_normal(sb);
}

void sandbox_set_guarded(struct sandbox *sb, int on)
{
	sb->guarded = on;
	sb->guard_depth = 0;
	hook_normal(sb);
}

void sandbox_guard_enter(struct sandbox *sb)
{
	if (sb->guard_depth++ == 0)
		hook_normal(sb);
}

void sandbox_guard_leave(struct sandbox *sb)
{
	if (sb->guard_depth > 0 && --sb->guard_depth == 0)
		hook_normal(sb);
}

int sandbox_pcall(struct sandbox *sb, int nargs, int nresults, struct casecheck_error *err)
{
	lua_State *L = sb->L;
	lua_Debug ar;
	int base = lua_gettop(L) - nargs;	/* the function */
	int status;

	if (!lua_checkstack(L, 2)) {
		lua_settop(L, base - 1);
		error_setf(err, CASECHECK_E_INTERNAL, "", NULL, 0, 0, "lua stack exhausted");
		return -1;
	}
	memset(&sb->call, 0, sizeof(sb->call));
	lua_pushvalue(L, base);
	if (lua_getinfo(L, ">S", &ar))
		pos_set(&sb->call, &ar, 0);
	lua_pushcfunction(L, sandbox_msghandler);
	lua_insert(L, base);
	sb->msg_prefix[0] = '\0';
	status = lua_pcall(L, nargs, nresults, base);
	lua_remove(L, base);
	if (status == LUA_OK)
		return 0;
	sandbox_error(sb, status, &sb->call, err);
	lua_pop(L, 1);
	return -1;
}

const struct sandbox_limits *sandbox_limits(const struct sandbox *sb)
{
	return &sb->lim;
}

long sandbox_instructions_used(const struct sandbox *sb)
{
	return sb->instr_used;
}

size_t sandbox_memory_used(const struct sandbox *sb)
{
	return sb->alloc_bytes;
}
