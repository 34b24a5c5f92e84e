/*
** sandbox.h: the Lua 5.4 state that policies run in: a capped allocator, an
** instruction and wall-clock budget that policy code cannot catch, and a
** fresh environment of copied, allow-listed functions for each policy load.
*/
#ifndef CASECHECK_SANDBOX_H
#define CASECHECK_SANDBOX_H

#include <stddef.h>
#include <lua.h>
#include "casecheck.h"

/* Budgets; 0 in a field means the default (64 MiB, 50 million, 2 s). */
struct sandbox_limits {
	size_t memory_bytes;	/* the whole lua_State, engine data included, but for
				   a case's own copy (sandbox_case_begin) */
	long instructions;	/* per budget (sandbox_reset_budget), counted per 1000 */
	double seconds;		/* wall clock per budget, monotonic */
};

struct sandbox;

/*
** A new state with only base, table, string, math and utf8 opened (as
** globals, for trusted engine code) and a first budget started. Returns
** NULL and fills ERR (CASECHECK_E_INPUT for a bad limit, CASECHECK_E_MEMORY
** when the budget cannot hold a state) on failure. LIM may be NULL.
*/
struct sandbox *sandbox_new(const struct sandbox_limits *lim, struct casecheck_error *err);

/* lua_close, then assert that every byte allocated was freed. NULL is fine. */
void sandbox_free(struct sandbox *sb);

/* The state; borrowed, valid until sandbox_free. One thread at a time. */
lua_State *sandbox_state(struct sandbox *sb);

/*
** Compile BUF (LEN bytes) as a text chunk named "@CHUNKNAME", so that its
** errors read "policies/x.lua:12: ...". A binary chunk is refused.
** [-0, +1, -] on success (the function); [-0, +0, -] and ERR filled
** (CASECHECK_E_POLICY with source and line, or CASECHECK_E_MEMORY) on
** failure; returns 0 or -1.
*/
int sandbox_load(struct sandbox *sb, const char *buf, size_t len, const char *chunkname,
		 struct casecheck_error *err);

/*
** Push a new policy environment: a plain table of COPIES of the allowed
** functions (see sandbox.c for the list and why), with fresh string,
** table, math and utf8 tables and no _G, so nothing one policy or case
** stores in it reaches the next. Add the policy DSL to it, then make it
** the chunk's _ENV with lua_setupvalue(L, fn, 1).   [-0, +1, m]
** 'm': call it where a memory error is caught (inside a pcall'd function),
** or the panic handler aborts the process.
*/
void sandbox_push_env(struct sandbox *sb);

/*
** Start a new budget: instructions to zero, the deadline to now plus the
** limit, and clear the sticky trip flags. Call once per case. After a trip
** every Lua instruction raises again until this is called.
*/
void sandbox_reset_budget(struct sandbox *sb);

/*
** Call the function below NARGS arguments, like lua_pcall, under a message
** handler that turns non-string errors into text. A budget trip cannot be
** caught by policy code (its pcall/xpcall re-raise it). Returns 0 with
** NRESULTS pushed:                               [-(nargs+1), +nresults, -]
** or -1 with nothing pushed and ERR filled:      [-(nargs+1), +0, -]
** with kind CASECHECK_E_POLICY (an error raised by Lua code),
** CASECHECK_E_BUDGET (instructions or time), CASECHECK_E_MEMORY (the
** memory cap) or CASECHECK_E_INTERNAL (malloc itself failed); source and
** line say where ("policies/x.lua", 12) when known, text is the message
** without its "file:line: " prefix. Kinds come from the sandbox's trip
** flags, never from message text.
*/
int sandbox_pcall(struct sandbox *sb, int nargs, int nresults, struct casecheck_error *err);

/*
** Guarded mode: the instruction and time budgets run only between
** sandbox_guard_enter and sandbox_guard_leave, around every call into policy
** code, so that the engine's own trusted scripts run without Lua's per-
** instruction hook cost (with a count hook, Lua 5.4 traces every
** instruction). Calls nest. An error that unwinds past a leave keeps the
** budget running until the next sandbox_reset_budget: the safe direction.
** The memory cap is always on. Off by default.
*/
void sandbox_set_guarded(struct sandbox *sb, int on);
void sandbox_guard_enter(struct sandbox *sb);
void sandbox_guard_leave(struct sandbox *sb);

/*
** A policy instantiated once per load (sandbox_freeze.c). sandbox_freeze
** is cc.freeze(source, root...) -> snapshot: every table reachable from the
** roots through tables and the upvalues of functions of chunk SOURCE
** ("@policies/x.lua") is made read-only in place, and each such upvalue's
** value is recorded. sandbox_restore is cc.restore(snapshot, env, globals):
** put the upvalues back before each case, with the case's own GLOBALS where
** one held ENV. Both are lua_CFunctions for trusted code.
*/
int sandbox_freeze(lua_State *L);
int sandbox_restore(lua_State *L);

/* The budget in use (defaults filled in), for reports; borrowed. */
const struct sandbox_limits *sandbox_limits(const struct sandbox *sb);

/* Instructions counted since the last sandbox_reset_budget (per 1000). */
long sandbox_instructions_used(const struct sandbox *sb);

/*
** The engine's own copy of a case (case_push), made between these two
** calls, is not charged to the memory and time budgets: they bound what the
** policy and the evaluation allocate and take beyond it (the time budget's
** seconds start again at sandbox_case_end), and the copy is bounded by the
** case itself (the fixture-size limit, or the embedder who built it).
** No policy code may run in between: only the Lua API on fresh tables. The
** collector is stopped meanwhile, so that what the copy takes is measured
** exactly, not net of earlier garbage collected on the way. The allowance
** lasts until the next sandbox_reset_budget. sandbox_case_end may be called
** again, or without a begin (after an error): it then does nothing.
*/
void sandbox_case_begin(struct sandbox *sb);
void sandbox_case_end(struct sandbox *sb);

/*
** Around fork(): stop the watchdog thread before it, start one after it (in
** the parent and in the child; 0, or -1 when none could be started). See
** casecheck_engine_fork_prepare.
*/
void sandbox_fork_prepare(struct sandbox *sb);
int sandbox_fork_done(struct sandbox *sb);

/* Bytes the state holds now. */
size_t sandbox_memory_used(const struct sandbox *sb);

#endif
