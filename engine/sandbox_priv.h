/*
** sandbox_priv.h: what the two halves of the sandbox share: sandbox.c (the
** state, its allocator, the budget hook, errors) and sandbox_env.c (what a
** policy may call: the allow-lists, copied environments, and the wrappers
** that keep C library calls inside the budget).
*/
#ifndef CASECHECK_SANDBOX_PRIV_H
#define CASECHECK_SANDBOX_PRIV_H

#include <pthread.h>
#include <time.h>
#include <lua.h>
#include "sandbox.h"
#include "sandbox_pool.h"

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

/* The wall-clock backstop's state (sandbox_watchdog.c); all under MU. */
struct sandbox_watchdog {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;		/* on CLOCK_MONOTONIC */
	int started;			/* the thread runs (owner thread only) */
	int depth;			/* nested sandbox_pcall calls (owner thread only) */
	int quit;			/* the thread must end */
	int busy;			/* a call is in flight */
	unsigned long gen;		/* changes with every arm and disarm */
	unsigned long fired;		/* deadlines the watchdog had to enforce */
	struct timespec deadline;	/* of the call in flight */
	int waiting;			/* the thread waits: 0 no, 1 for a call, 2 until WAKE */
	struct timespec wake;		/* when it looks again, while WAITING is 2 */
	lua_State *L;
	lua_Hook hook;
};

struct sandbox {
	lua_State *L;		/* NULL while being built or closed: see sandbox_alloc */
	struct sandbox_limits lim;
	struct sandbox_pool pool;	/* Lua's small blocks (sandbox_pool.c) */
	size_t alloc_bytes;	/* what Lua holds now, by Lua's own sizes */
	size_t case_bytes;	/* of those, the engine's copy of the case (sandbox_case_end) */
	size_t case_from;	/* alloc_bytes when that copy began */
	int case_copying;	/* between sandbox_case_begin and sandbox_case_end */
	long instr_used;
	int hook_count;		/* the count the hook is armed with */
	struct timespec deadline;
	enum sandbox_trip trip;	/* sticky, first trip wins; sandbox_reset_budget clears it */
	int mem_pending;	/* a growth was refused and not yet granted on retry */
	int mem_refused;	/* the budget refused something since sandbox_reset_budget */
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
	struct sandbox_watchdog watchdog;
};

/* The sandbox that owns L (the allocator's user data). */
struct sandbox *sandbox_of(lua_State *L);

/* Record AR's source (without '@') and LINE as a place. */
void sandbox_pos_set(struct sandbox_pos *pos, const lua_Debug *ar, int line);

/* The innermost Lua function at or below LEVEL, filled with "Sl"; 0 if none. */
int sandbox_place(lua_State *L, int level, lua_Debug *ar);

/* Set the sticky trip (the first wins) and re-arm the hook at every instruction. */
void sandbox_trip_set(struct sandbox *sb, enum sandbox_trip trip, const struct sandbox_pos *pos);

/* Raise the trip's error at AR's place ("Sl"; NULL for none).   [-0, +1, v] */
int sandbox_trip_raise(lua_State *L, const struct sandbox *sb, const lua_Debug *ar);

/* A refused growth that was not granted on retry becomes a memory trip. */
void sandbox_mem_trip(struct sandbox *sb);

/*
** The watchdog (sandbox_watchdog.c): start its thread for SB's state with
** HOOK (0, or -1 when no thread can be made); stop and join it; arm it
** around a call with the current budget's deadline, disarm it after; move
** the deadline of the call in flight (sandbox_case_end); and how many times
** it had to fire (for tests).
*/
int sandbox_watchdog_start(struct sandbox *sb, lua_Hook hook);
void sandbox_watchdog_stop(struct sandbox *sb);
void sandbox_watchdog_arm(struct sandbox *sb);
void sandbox_watchdog_disarm(struct sandbox *sb);
int sandbox_watchdog_move_deadline(struct sandbox *sb, const struct timespec *to);
unsigned long sandbox_watchdog_fired(struct sandbox *sb);

/* True once the wall-clock deadline of the current budget has passed. */
int sandbox_deadline_passed(const struct sandbox *sb);

/*
** next and rawlen that see through a frozen table to its contents
** (sandbox_freeze.c): a policy's frozen tables iterate and measure as
** before. Both policies and the engine's scripts get these.
*/
int sandbox_frozen_next(lua_State *L);
int sandbox_frozen_rawlen(lua_State *L);

/* Open the allowed libraries and snapshot the allow-lists (sandbox_env.c).
** Run under lua_pcall.   [-0, +0, e] */
int sandbox_init(lua_State *L);

#endif
