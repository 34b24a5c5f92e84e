/*
** engine.c: an engine is one sandboxed Lua state, one working-day calendar
** and the engine's own Lua runtime (scripts/runtime.lua) loaded in that
** state. The runtime gets a private table of C functions ('cc', as nmap's
** NSE does), never globals, so policies cannot reach them.
*/
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include "engine.h"
#include "calendar.h"
#include "date.h"
#include "error.h"
#include "sandbox.h"
#include "scripts.h"
#include "suggest.h"
#include "vocab.h"

#define ENGINE_FIRST_YEAR CALENDAR_ENGINE_FIRST_YEAR
#define ENGINE_LAST_YEAR CALENDAR_ENGINE_LAST_YEAR

const char *casecheck_version(void)
{
	return CASECHECK_VERSION;
}

const char *casecheck_status_name(enum casecheck_status status)
{
	if ((int)status < 0 || status >= CASECHECK_STATUS_COUNT)
		return "?";
	return vocab_statuses()[status];	/* the one list, in enum order */
}

int casecheck_status_parse(const char *name)
{
	const char *const *names = vocab_statuses();
	int i;

	for (i = 0; i < CASECHECK_STATUS_COUNT; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

/*
** The dates the runtime's C helpers accept: years 1 to 9999, wider than any
** career and any deadline. Outside it the day arithmetic in date.c would
** overflow an int (add_months(0, 240000000) did), so a policy's date
** arithmetic that strays there is an error, raised where the policy called.
*/
#define ENGINE_DATE_YEAR_MIN 1
#define ENGINE_DATE_YEAR_MAX 9999
#define ENGINE_DATE_RANGE "0001-01-01 to 9999-12-31"

/* Argument ARG as a day inside the supported range.   [-0, +0, v] */
static int check_day(lua_State *L, int arg)
{
	lua_Integer day = luaL_checkinteger(L, arg);

	if (day < date_from_ymd(ENGINE_DATE_YEAR_MIN, 1, 1) ||
	    day > date_from_ymd(ENGINE_DATE_YEAR_MAX, 12, 31))
		return luaL_error(L, "date arithmetic out of range (day %I is outside "
				  ENGINE_DATE_RANGE ")", day);
	return (int)day;
}

/* Argument ARG as a year inside the supported range.   [-0, +0, v] */
static int check_year(lua_State *L, int arg)
{
	lua_Integer y = luaL_checkinteger(L, arg);

	if (y < ENGINE_DATE_YEAR_MIN || y > ENGINE_DATE_YEAR_MAX)
		return luaL_error(L, "date arithmetic out of range (year %I is outside "
				  ENGINE_DATE_RANGE ")", y);
	return (int)y;
}

/* Argument ARG as a whole number from LO to HI.   [-0, +0, v] */
static int check_int(lua_State *L, int arg, int lo, int hi)
{
	lua_Integer v = luaL_checkinteger(L, arg);

	luaL_argcheck(L, v >= lo && v <= hi, arg, "out of range");
	return (int)v;
}

static struct casecheck_engine *engine_of(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

/*
** cc.iso(day [, hi]) -> "YYYY-MM-DD", or "LO/HI" when HI is another day:
** date.c's form of a due date, the one the findings carry.   [-0, +1, m]
*/
static int l_cc_iso(lua_State *L)
{
	char buf[32];
	struct date_span s;

	s.lo = check_day(L, 1);
	s.hi = lua_isnoneornil(L, 2) ? s.lo : check_day(L, 2);
	s.prec = DATE_DAY;
	lua_pushlstring(L, buf, date_format_interval(&s, buf, sizeof(buf)));
	return 1;
}

/*
** cc.parse_interval(text) -> lo, hi; or nil and why: a due date as findings
** write it ("YYYY-MM-DD" or "LO/HI"), read by date.c.   [-0, +2, m]
*/
static int l_cc_parse_interval(lua_State *L)
{
	size_t len;
	const char *s = luaL_checklstring(L, 1, &len), *why;
	struct date_span span;

	if (date_parse_interval(s, len, &span, &why) != 0) {
		lua_pushnil(L);
		lua_pushstring(L, why);
		return 2;
	}
	lua_pushinteger(L, span.lo);
	lua_pushinteger(L, span.hi);
	return 2;
}

/*
** cc.long(day [, prec]) -> "15 May 2019", "May 2019" (prec 1) or "2019"
** (prec 2): date.c's words for a date, the one formatter of the engine.
** [-0, +1, m]
*/
static int l_cc_long(lua_State *L)
{
	struct date_span s;
	char buf[48];

	s.lo = s.hi = check_day(L, 1);
	s.prec = lua_isnoneornil(L, 2) ? DATE_DAY :
		 (enum date_precision)check_int(L, 2, DATE_DAY, DATE_YEAR);
	lua_pushlstring(L, buf, date_format_long(&s, buf, sizeof(buf)));
	return 1;
}

/* cc.ymd(day) -> y, m, d   [-0, +3, -] */
static int l_cc_ymd(lua_State *L)
{
	int y, m, d;

	date_to_ymd(check_day(L, 1), &y, &m, &d);
	lua_pushinteger(L, y);
	lua_pushinteger(L, m);
	lua_pushinteger(L, d);
	return 3;
}

/* cc.from_ymd(y, m, d) -> day   [-0, +1, -] */
static int l_cc_from_ymd(lua_State *L)
{
	lua_pushinteger(L, date_from_ymd(check_year(L, 1), check_int(L, 2, 1, 12),
					 check_int(L, 3, 1, 31)));
	return 1;
}

/* cc.days_in_month(y, m) -> n   [-0, +1, -] */
static int l_cc_days_in_month(lua_State *L)
{
	lua_pushinteger(L, date_days_in_month(check_year(L, 1), check_int(L, 2, 1, 12)));
	return 1;
}

/* cc.parse_day("YYYY-MM-DD") -> day, or nil for anything else   [-0, +1, -] */
static int l_cc_parse_day(lua_State *L)
{
	size_t len;
	const char *s = luaL_checklstring(L, 1, &len);
	struct date_span span;
	const char *why;

	if (date_parse(s, len, &span, &why) != 0 || span.prec != DATE_DAY) {
		lua_pushnil(L);
		return 1;
	}
	lua_pushinteger(L, span.lo);
	return 1;
}

/*
** The calendar working days are counted in: the running policy's, or before
** a policy runs, the engine's default (Monday to Friday), built on first use
** rather than by every casecheck_engine_new (a run whose policy names a
** calendar never needs it).   [-0, +0, e]
*/
static struct calendar *engine_cal(lua_State *L, struct casecheck_engine *e)
{
	if (!e->cal && !(e->cal = engine_calendar(e, NULL, NULL)))
		luaL_error(L, "out of memory");
	return e->cal;
}

/* cc.wd_add(day, n) -> the n-th working day after day, or nil outside the calendar   [-0, +1, m] */
static int l_cc_wd_add(lua_State *L)
{
	struct casecheck_engine *e = engine_of(L);
	int day = check_day(L, 1), out;
	lua_Integer n = luaL_checkinteger(L, 2);

	/* more working days than the calendar holds is outside it too */
	if (n < -4000000 || n > 4000000 ||
	    calendar_add_working_days(engine_cal(L, e), day, (int)n, &out) != 0) {
		lua_pushnil(L);
		return 1;
	}
	lua_pushinteger(L, out);
	return 1;
}

/*
** cc.wd_count(from, to) -> the working days in (from, to], or nil when either
** day is outside the calendar: what counting cc.wd_add(from, k) up to TO
** gives, in one step.   [-0, +1, -]
*/
static int l_cc_wd_count(lua_State *L)
{
	struct casecheck_engine *e = engine_of(L);
	int from = check_day(L, 1), to = check_day(L, 2), n;

	if (calendar_working_days_between(engine_cal(L, e), from, to, &n) != 0) {
		lua_pushnil(L);
		return 1;
	}
	lua_pushinteger(L, n);
	return 1;
}

/* cc.calendar_range() -> "1970 to 2100"   [-0, +1, m] */
static int l_cc_calendar_range(lua_State *L)
{
	const struct calendar *cal = engine_cal(L, engine_of(L));

	lua_pushfstring(L, "%d to %d", calendar_first_year(cal), calendar_last_year(cal));
	return 1;
}

/* cc.holidays_between(from, to) -> { {day =, name =}, ... }   [-0, +1, m] */
static int l_cc_holidays_between(lua_State *L)
{
	struct casecheck_engine *e = engine_of(L);
	int from = check_day(L, 1), to = check_day(L, 2);
	int days[32];
	const char *names[32];
	size_t n, i;

	n = calendar_holidays_between(engine_cal(L, e), from, to, days, names, 32);
	if (n > 32)
		n = 32;
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		lua_createtable(L, 0, 2);
		lua_pushinteger(L, days[i]);
		lua_setfield(L, -2, "day");
		lua_pushstring(L, names[i]);
		lua_setfield(L, -2, "name");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/*
** cc.suggest(word, set) -> the string key of SET closest to WORD by
** suggest.c's rule (the one did-you-mean of the engine), or nil. Ties go to
** the name first in byte order, so the answer never depends on the order a
** table is walked in.   [-0, +1, -]
*/
static int l_cc_suggest(lua_State *L)
{
	const char *word = luaL_checkstring(L, 1);
	const char *best = NULL;
	int best_score = 0;

	luaL_checktype(L, 2, LUA_TTABLE);
	lua_pushnil(L);
	while (lua_next(L, 2)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) == LUA_TSTRING) {
			const char *k = lua_tostring(L, -1);	/* kept alive by SET */
			struct suggest one;

			suggest_init(&one, word);
			suggest_consider(&one, k);
			if (suggest_result(&one) && (!best || one.score < best_score ||
						      (one.score == best_score && strcmp(k, best) < 0))) {
				best = k;
				best_score = one.score;
			}
		}
	}
	if (best)
		lua_pushstring(L, best);
	else
		lua_pushnil(L);
	return 1;
}

/*
** cc.where(level) -> source, line of the function LEVEL up the stack (0 is
** where itself), with the '@' of file chunks removed; nil when none.
** [-0, +2, m]
*/
static int l_cc_where(lua_State *L)
{
	lua_Debug ar;

	if (!lua_getstack(L, (int)luaL_checkinteger(L, 1), &ar) || !lua_getinfo(L, "Sl", &ar)) {
		lua_pushnil(L);
		return 1;
	}
	lua_pushstring(L, ar.source[0] == '@' ? ar.source + 1 : ar.short_src);
	lua_pushinteger(L, ar.currentline);
	return 2;
}

/* cc.new_env() -> a fresh sandboxed environment for a policy run   [-0, +1, m] */
static int l_cc_new_env(lua_State *L)
{
	sandbox_push_env(engine_of(L)->sb);
	return 1;
}

/*
** cc.guard(fn, ...) -> fn(...) under the instruction and time budgets. The
** engine runs in guarded mode (sandbox_set_guarded), so every call into
** policy code goes through here; the engine's own scripts run unhooked.
** [-(n), +r, e]
*/
static int l_cc_guard(lua_State *L)
{
	struct casecheck_engine *e = engine_of(L);

	luaL_checktype(L, 1, LUA_TFUNCTION);
	sandbox_guard_enter(e->sb);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	sandbox_guard_leave(e->sb);
	return lua_gettop(L);
}

/* cc.set_env(chunk, env): make ENV the _ENV of a policy's main chunk   [-0, +0, v] */
static int l_cc_set_env(lua_State *L)
{
	const char *name;

	luaL_checktype(L, 1, LUA_TFUNCTION);
	luaL_checktype(L, 2, LUA_TTABLE);
	name = lua_getupvalue(L, 1, 1);
	if (!name || strcmp(name, "_ENV") != 0)
		return luaL_error(L, "set_env: not a main chunk");
	lua_pop(L, 1);
	lua_pushvalue(L, 2);
	lua_setupvalue(L, 1, 1);
	return 0;
}

/*
** cc.module(name, M) -> what scripts/NAME.lua returns when called with
** (cc, M). The engine's own scripts are trusted and share the state's
** globals; they are compiled into the library (scripts_embed.c), as
** bytecode made at build time: only they may be loaded in "b" mode.
** [-0, +1, e]
*/
static int l_cc_module(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	const struct embedded_script *s;
	char path[128], chunk[130];

	snprintf(path, sizeof(path), "scripts/%s.lua", name);
	s = scripts_find(path);
	if (!s)
		return luaL_error(L, "no engine script '%s'", path);
	snprintf(chunk, sizeof(chunk), "@%s", path);
	if (luaL_loadbufferx(L, s->data, s->len, chunk, s->binary ? "b" : "t") != LUA_OK)
		return lua_error(L);
	lua_pushvalue(L, lua_upvalueindex(2));	/* cc */
	lua_pushvalue(L, 2);			/* M */
	lua_call(L, 2, 1);
	return 1;
}

static const luaL_Reg cc_funcs[] = {
	{ "iso", l_cc_iso },
	{ "long", l_cc_long },
	{ "ymd", l_cc_ymd },
	{ "from_ymd", l_cc_from_ymd },
	{ "days_in_month", l_cc_days_in_month },
	{ "parse_day", l_cc_parse_day },
	{ "parse_interval", l_cc_parse_interval },
	{ "wd_add", l_cc_wd_add },
	{ "wd_count", l_cc_wd_count },
	{ "calendar_range", l_cc_calendar_range },
	{ "holidays_between", l_cc_holidays_between },
	{ "suggest", l_cc_suggest },
	{ "where", l_cc_where },
	{ "new_env", l_cc_new_env },
	{ "set_env", l_cc_set_env },
	{ "guard", l_cc_guard },
	{ "freeze", sandbox_freeze },
	{ "restore", sandbox_restore },
	{ NULL, NULL }
};

/*
** Build 'cc' and run scripts/runtime.lua with it; called under
** sandbox_pcall so that a memory error cannot panic.   [-1, +1, e]
** Argument: the engine as a light userdata. Returns the runtime table.
*/
static int engine_boot(lua_State *L)
{
	const struct embedded_script *s = scripts_find("scripts/runtime.lua");
	int i;

	lua_createtable(L, 0, 16);		/* stack: engine, cc */
	lua_pushvalue(L, 1);
	luaL_setfuncs(L, cc_funcs, 1);
	lua_pushvalue(L, 1);
	lua_pushvalue(L, 2);
	lua_pushcclosure(L, l_cc_module, 2);
	lua_setfield(L, 2, "module");
	/* cc.statuses: the finding statuses in enum order (vocab.c's one list) */
	lua_newtable(L);
	for (i = 0; i < CASECHECK_STATUS_COUNT; i++) {
		lua_pushstring(L, vocab_statuses()[i]);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setfield(L, 2, "statuses");
	result_push_slots(L);
	lua_setfield(L, 2, "finding");
	if (!s)
		return luaL_error(L, "scripts/runtime.lua is not compiled in");
	if (luaL_loadbufferx(L, s->data, s->len, "@scripts/runtime.lua",
			     s->binary ? "b" : "t") != LUA_OK)
		return lua_error(L);
	lua_pushvalue(L, 2);
	lua_call(L, 1, 1);
	return 1;
}

struct casecheck_engine *casecheck_engine_new(const struct casecheck_limits *limits,
					      struct casecheck_error *err)
{
	struct casecheck_engine *e = calloc(1, sizeof(*e));
	struct sandbox_limits lim = { 0, 0, 0 };

	if (!e) {
		error_setf(err, CASECHECK_E_INTERNAL, "casecheck", NULL, 0, 0, "out of memory");
		return NULL;
	}
	e->runtime_ref = LUA_NOREF;
	e->want_hashes = 1;
	if (limits) {
		lim.memory_bytes = limits->memory_bytes;
		lim.instructions = limits->instructions;
		lim.seconds = limits->seconds;
	}
	e->sb = sandbox_new(&lim, err);
	if (!e->sb)
		goto fail;
	e->L = sandbox_state(e->sb);
	sandbox_set_guarded(e->sb, 1);
	lua_pushcfunction(e->L, engine_boot);
	lua_pushlightuserdata(e->L, e);
	if (sandbox_pcall(e->sb, 1, 1, err) != 0)
		goto fail;
	e->runtime_ref = luaL_ref(e->L, LUA_REGISTRYINDEX);
	return e;
fail:
	casecheck_engine_free(e);
	return NULL;
}

void casecheck_engine_free(struct casecheck_engine *e)
{
	if (!e)
		return;
	while (e->policies)
		casecheck_policy_free(e->policies);
	while (e->calendars) {
		struct casecheck_calendar *c = e->calendars;

		e->calendars = c->next;
		calendar_free(c->cal);
		free(c->name);
		free(c);
	}
	sandbox_free(e->sb);
	free(e);
}

void casecheck_engine_fork_prepare(struct casecheck_engine *e)
{
	sandbox_fork_prepare(e->sb);
}

int casecheck_engine_fork_done(struct casecheck_engine *e)
{
	return sandbox_fork_done(e->sb);
}

void casecheck_engine_limits(const struct casecheck_engine *e, struct casecheck_limits *out)
{
	const struct sandbox_limits *lim = sandbox_limits(e->sb);

	out->memory_bytes = lim->memory_bytes;
	out->instructions = lim->instructions;
	out->seconds = lim->seconds;
}

void casecheck_engine_set_hashes(struct casecheck_engine *e, int on)
{
	e->want_hashes = on;
}

void casecheck_engine_set_detail(struct casecheck_engine *e, int on)
{
	e->want_detail = on;
}
