/*
** sandbox.c: the Lua state policies run in: a capped allocator, a count hook
** that enforces the instruction and wall-clock budget (only around policy
** code in guarded mode), trips no policy can catch, and errors that name the
** policy's file:line. What a policy may call is in sandbox_env.c.
** Design: STYLE.md 1.7 and 2.7 (Suricata, Redis, Wikimedia LuaSandbox).
*/
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include "error.h"
#include "sandbox_priv.h"

/* The sandbox lives in the allocator's user data: no globals, no registry look-up. */
struct sandbox *sandbox_of(lua_State *L)
{
	void *ud = NULL;

	lua_getallocf(L, &ud);
	return ud;
}

/* Record AR's place (needs "Sl") into POS, with the full source name. */
void sandbox_pos_set(struct sandbox_pos *pos, const lua_Debug *ar, int line)
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
int sandbox_place(lua_State *L, int level, lua_Debug *ar)
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
void sandbox_trip_set(struct sandbox *sb, enum sandbox_trip trip, const struct sandbox_pos *pos)
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
int sandbox_trip_raise(lua_State *L, const struct sandbox *sb, const lua_Debug *ar)
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
	sb->mem_refused = 1;
	sb->refused_ptr = ptr;
	sb->refused_osize = osize;
	sb->refused_nsize = nsize;
	sb->mem_pos = sb->last;
	if (!ptr && sb->L && sandbox_place(sb->L, 0, &ar))
		sandbox_pos_set(&sb->mem_pos, &ar, ar.currentline);
	sb->hook_count = 1;
	if (sb->L)
		lua_sethook(sb->L, sandbox_hook, LUA_MASKCOUNT, 1);
}

/* A refused growth that was not granted on retry is a memory trip. */
void sandbox_mem_trip(struct sandbox *sb)
{
	if (sb->mem_pending) {
		sb->mem_pending = 0;
		sandbox_trip_set(sb, SANDBOX_TRIP_MEMORY, &sb->mem_pos);
	}
}

/*
** The capped allocator (Suricata's LuaAlloc, with Lua 5.4's rules): ptr ==
** NULL means old size 0 (osize then encodes a type); growth is refused past
** the budget; shrinking and freeing always succeed. The blocks come from the
** sandbox's pool (sandbox_pool.c: small ones by size class, the rest malloc).
*/
static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct sandbox *sb = ud;
	void *p;

	if (!ptr)
		osize = 0;
	/*
	** A refusal is forgiven only when Lua's retry of that very request is
	** granted. Any other growth first means the refusal already became an
	** error, however the retry went: make it the memory trip now, or a
	** later refusal and its granted retry (during the error's unwinding)
	** would erase it, and the case would end in a bare "out of memory".
	*/
	if (sb->mem_pending && nsize > osize &&
	    !(ptr == sb->refused_ptr && osize == sb->refused_osize && nsize == sb->refused_nsize))
		sandbox_mem_trip(sb);
	if (nsize == 0) {
		sandbox_pool_free(&sb->pool, ptr, osize);
		sb->alloc_bytes -= osize;
		return NULL;
	}
	if (nsize > osize && !sb->case_copying &&
	    nsize - osize > sb->lim.memory_bytes + sb->case_bytes - sb->alloc_bytes) {
		sandbox_refuse(sb, ptr, osize, nsize);
		return NULL;
	}
	if (sb->mem_pending && ptr == sb->refused_ptr && osize == sb->refused_osize &&
	    nsize == sb->refused_nsize) {
		/* Lua's retry after an emergency collection: granted, so no trip */
		sb->mem_pending = 0;
		hook_normal(sb);
	}
	p = sandbox_pool_realloc(&sb->pool, ptr, osize, nsize);
	if (!p)
		return NULL;	/* malloc itself failed: Lua raises LUA_ERRMEM (never on a shrink) */
	sb->alloc_bytes = sb->alloc_bytes - osize + nsize;
	return p;
}

static int timespec_passed(const struct timespec *now, const struct timespec *deadline)
{
	return now->tv_sec > deadline->tv_sec ||
	       (now->tv_sec == deadline->tv_sec && now->tv_nsec >= deadline->tv_nsec);
}

int sandbox_deadline_passed(const struct sandbox *sb)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return timespec_passed(&now, &sb->deadline);
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
	sandbox_pos_set(&sb->last, ar, ar->currentline);
	sandbox_mem_trip(sb);
	if (sb->trip == SANDBOX_TRIP_NONE) {
		sb->instr_used += sb->hook_count;
		if (sb->instr_used >= sb->lim.instructions) {
			sandbox_trip_set(sb, SANDBOX_TRIP_INSTRUCTIONS, &sb->last);
		} else {
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (!timespec_passed(&now, &sb->deadline))
				return;
			sandbox_trip_set(sb, SANDBOX_TRIP_TIME, &sb->last);
		}
	}
	sandbox_trip_raise(L, sb, ar);
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
			sandbox_pos_set(&sb->msg_pos, &ar, ar.currentline);
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

	sandbox_mem_trip(sb);
	/* Lua ran out of memory after the budget refused a request: the budget's error */
	if (sb->trip == SANDBOX_TRIP_NONE && status == LUA_ERRMEM && sb->mem_refused)
		sandbox_trip_set(sb, SANDBOX_TRIP_MEMORY, &sb->mem_pos);
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
	(void)L;	/* the library never prints: a debugger shows the message */
	abort();
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
	if (sandbox_watchdog_start(sb, sandbox_hook) != 0) {
		sb->L = NULL;
		error_setf(err, CASECHECK_E_INTERNAL, "", NULL, 0, 0,
			   "cannot start the sandbox's watchdog thread");
		goto out;
	}
	sandbox_reset_budget(sb);
	return sb;
out:
	if (L)
		lua_close(L);
	assert(sb->alloc_bytes == 0);
	sandbox_pool_release(&sb->pool);
	free(sb);
	return NULL;
}

void sandbox_free(struct sandbox *sb)
{
	lua_State *L;

	if (!sb)
		return;
	sandbox_watchdog_stop(sb);
	L = sb->L;
	sb->L = NULL;	/* the allocator must not walk a closing state's stack */
	/* the hook stays armed: a finalizer cannot outrun the budget either */
	if (L)
		lua_close(L);
	assert(sb->alloc_bytes == 0);	/* every byte Lua took came back (Suricata) */
	sandbox_pool_release(&sb->pool);
	free(sb);
}

void sandbox_fork_prepare(struct sandbox *sb)
{
	sandbox_watchdog_stop(sb);
}

int sandbox_fork_done(struct sandbox *sb)
{
	return sandbox_watchdog_start(sb, sandbox_hook);
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

/* The time budget's deadline, its seconds from now, in *OUT. */
static void deadline_from_now(const struct sandbox *sb, struct timespec *out)
{
	struct timespec now;
	double secs = sb->lim.seconds;
	long whole;

	if (secs > SANDBOX_MAX_SECONDS)
		secs = SANDBOX_MAX_SECONDS;
	clock_gettime(CLOCK_MONOTONIC, &now);
	whole = (long)secs;
	out->tv_sec = now.tv_sec + whole;
	out->tv_nsec = now.tv_nsec + (long)((secs - (double)whole) * 1e9);
	if (out->tv_nsec >= 1000000000L) {
		out->tv_sec++;
		out->tv_nsec -= 1000000000L;
	}
}

void sandbox_reset_budget(struct sandbox *sb)
{
	deadline_from_now(sb, &sb->deadline);
	sb->instr_used = 0;
	sb->case_bytes = 0;
	sb->trip = SANDBOX_TRIP_NONE;
	sb->mem_pending = 0;
	sb->mem_refused = 0;
	memset(&sb->trip_pos, 0, sizeof(sb->trip_pos));
	memset(&sb->last, 0, sizeof(sb->last));
	sb->guard_depth = 0;
	hook_normal(sb);
}

void sandbox_case_begin(struct sandbox *sb)
{
	lua_gc(sb->L, LUA_GCSTOP);
	sb->case_from = sb->alloc_bytes;
	sb->case_copying = 1;
}

void sandbox_case_end(struct sandbox *sb)
{
	struct timespec to;

	if (!sb->case_copying)
		return;
	sb->case_copying = 0;
	if (sb->alloc_bytes > sb->case_from)
		sb->case_bytes += sb->alloc_bytes - sb->case_from;
	lua_gc(sb->L, LUA_GCRESTART);
	/*
	** nor is the time the copy took: the budget's seconds start again now,
	** unless they ran out during the copy (then the trip stands: a case
	** that big needs a larger --max-seconds)
	*/
	deadline_from_now(sb, &to);
	sandbox_watchdog_move_deadline(sb, &to);
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
	if (!sb->watchdog.started) {
		/* no backstop for the time budget: between fork_prepare and fork_done, or done failed */
		lua_settop(L, base - 1);
		error_setf(err, CASECHECK_E_INTERNAL, "", NULL, 0, 0,
			   "the engine's watchdog thread is not running (after fork(), "
			   "casecheck_engine_fork_done must succeed first)");
		return -1;
	}
	memset(&sb->call, 0, sizeof(sb->call));
	lua_pushvalue(L, base);
	if (lua_getinfo(L, ">S", &ar))
		sandbox_pos_set(&sb->call, &ar, 0);
	lua_pushcfunction(L, sandbox_msghandler);
	lua_insert(L, base);
	sb->msg_prefix[0] = '\0';
	sandbox_watchdog_arm(sb);
	status = lua_pcall(L, nargs, nresults, base);
	sandbox_watchdog_disarm(sb);
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

