/*
** check_sandbox.c: the policy sandbox against the adversarial policies in
** tests/policies/ (each must end in its named error, at its file:line),
** plus loading, isolation between environments and between sandboxes.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <check.h>
#include <lua.h>
#include <lauxlib.h>
#include "sandbox.h"

/* The checked fixture's sandbox: each test runs in its own forked child. */
static struct sandbox *sb;

/*
** Tests that expect an instruction or memory trip get a wall-clock budget
** they cannot reach even under valgrind or on a loaded machine: which
** budget trips must not depend on the machine's speed.
*/
#define NO_TIME_LIMIT 1e6

static void setup(void)
{
	struct sandbox_limits lim = { 0, 0, NO_TIME_LIMIT };
	struct casecheck_error err;

	sb = sandbox_new(&lim, &err);
	ck_assert_msg(sb != NULL, "sandbox_new: %s", err.text);
}

/* sandbox_free asserts that every byte came back: a leak aborts the test. */
static void teardown(void)
{
	sandbox_free(sb);
	sb = NULL;
}

/* Read tests/policies/NAME under $CASECHECK_ROOT (or "."); returns new, free(). */
static char *read_policy(const char *name, size_t *len)
{
	const char *root = getenv("CASECHECK_ROOT");
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/tests/policies/%s", root ? root : ".", name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open '%s'", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Load TEXT as a policy named CHUNK in a fresh env and run it. Returns sandbox_pcall's. */
static int run_text(struct sandbox *s, const char *text, size_t len, const char *chunk,
		    int nresults, struct casecheck_error *err)
{
	lua_State *L = sandbox_state(s);

	if (sandbox_load(s, text, len, chunk, err) != 0)
		return -2;
	sandbox_push_env(s);
	ck_assert_ptr_nonnull(lua_setupvalue(L, -2, 1));	/* _ENV */
	return sandbox_pcall(s, 0, nresults, err);
}

static int run_string(struct sandbox *s, const char *text, int nresults,
		      struct casecheck_error *err)
{
	return run_text(s, text, strlen(text), "policies/inline.lua", nresults, err);
}

/* Each adversarial policy and the error it must end in. */
static const struct adversary {
	const char *file;
	enum casecheck_error_kind kind;
	int line;
	const char *text;
} adversaries[] = {
	{ "setmetatable_g.lua", CASECHECK_E_POLICY, 2,
	  "attempt to call a nil value (global 'setmetatable')" },
	{ "string_metatable.lua", CASECHECK_E_POLICY, 2,
	  "attempt to call a nil value (global 'getmetatable')" },
	{ "dump_load.lua", CASECHECK_E_POLICY, 3,
	  "attempt to call a nil value (field 'dump')" },
	{ "bytecode_load.lua", CASECHECK_E_POLICY, 2,
	  "attempt to call a nil value (global 'load')" },
	{ "io_open.lua", CASECHECK_E_POLICY, 2,
	  "attempt to index a nil value (global 'io')" },
	{ "os_execute.lua", CASECHECK_E_POLICY, 2,
	  "attempt to index a nil value (global 'os')" },
	{ "require.lua", CASECHECK_E_POLICY, 2,
	  "attempt to call a nil value (global 'require')" },
	{ "debug_getinfo.lua", CASECHECK_E_POLICY, 2,
	  "attempt to index a nil value (global 'debug')" },
	{ "collectgarbage.lua", CASECHECK_E_POLICY, 2,
	  "attempt to call a nil value (global 'collectgarbage')" },
	{ "recursion.lua", CASECHECK_E_POLICY, 3, "stack overflow" },
	{ "pattern.lua", CASECHECK_E_BUDGET, 5, "instruction budget exceeded (50000000 instructions)" },
	{ "pattern_short.lua", CASECHECK_E_BUDGET, 4, "instruction budget exceeded (50000000 instructions)" },
	{ "memory_rep.lua", CASECHECK_E_MEMORY, 2, "memory budget exceeded (64 MiB)" },
	{ "memory_table.lua", CASECHECK_E_MEMORY, 3, "memory budget exceeded (64 MiB)" },
	{ "memory_pcall.lua", CASECHECK_E_MEMORY, 2, "memory budget exceeded (64 MiB)" },
	{ "loop.lua", CASECHECK_E_BUDGET, 2,
	  "instruction budget exceeded (50000000 instructions)" },
	{ "pcall_loop.lua", CASECHECK_E_BUDGET, 4,
	  "instruction budget exceeded (50000000 instructions)" },
	{ "xpcall_loop.lua", CASECHECK_E_BUDGET, 3,
	  "instruction budget exceeded (50000000 instructions)" },
	{ "table_move.lua", CASECHECK_E_BUDGET, 3,
	  "instruction budget exceeded (50000000 instructions)" },
	{ "xpcall_handler.lua", CASECHECK_E_BUDGET, 3,
	  "instruction budget exceeded (50000000 instructions)" },
	{ "xpcall_error_handler.lua", CASECHECK_E_BUDGET, 2,
	  "instruction budget exceeded (50000000 instructions)" },
	{ "pcall_error_handler_trip.lua", CASECHECK_E_BUDGET, 2,
	  "instruction budget exceeded (50000000 instructions)" },
	{ "rep_empty.lua", CASECHECK_E_POLICY, 3, "done at once: 0 bytes" },
	{ "pattern_balance.lua", CASECHECK_E_BUDGET, 3,
	  "instruction budget exceeded (50000000 instructions)" },
	{ "pattern_set.lua", CASECHECK_E_BUDGET, 4,
	  "instruction budget exceeded (50000000 instructions)" },
	{ "find_plain.lua", CASECHECK_E_BUDGET, 4,
	  "instruction budget exceeded (50000000 instructions)" },
	{ "unpack_range.lua", CASECHECK_E_BUDGET, 3,
	  "instruction budget exceeded (50000000 instructions)" },
	{ "gsub_callback.lua", CASECHECK_E_BUDGET, 3,
	  "instruction budget exceeded (50000000 instructions)" },
	{ "goto_loop.lua", CASECHECK_E_BUDGET, 3,
	  "instruction budget exceeded (50000000 instructions)" },
	{ "sort_loop.lua", CASECHECK_E_BUDGET, 6,
	  "instruction budget exceeded (50000000 instructions)" },
	{ "remove_loop.lua", CASECHECK_E_BUDGET, 5,
	  "instruction budget exceeded (50000000 instructions)" },
	{ "cheap_calls.lua", CASECHECK_E_BUDGET, 6,
	  "instruction budget exceeded (50000000 instructions)" },
};

START_TEST(test_adversary)
{
	const struct adversary *a = &adversaries[_i];
	struct casecheck_error err;
	char chunk[256];
	size_t len;
	char *text = read_policy(a->file, &len);

	snprintf(chunk, sizeof(chunk), "tests/policies/%s", a->file);
	ck_assert_int_eq(run_text(sb, text, len, chunk, 0, &err), -1);
	free(text);
	ck_assert_str_eq(err.text, a->text);
	ck_assert_int_eq(err.kind, a->kind);
	ck_assert_str_eq(err.source, chunk);
	ck_assert_int_eq(err.line, a->line);
	ck_assert_int_eq(lua_gettop(sandbox_state(sb)), 0);
}
END_TEST

START_TEST(test_binary_chunk_refused)
{
	lua_State *L = sandbox_state(sb);
	struct casecheck_error err;
	const char *bytes;
	size_t len;

	/* real bytecode, dumped by trusted code (which still has string.dump) */
	ck_assert_int_eq(luaL_dostring(L, "return string.dump(function() return 1 end)"), 0);
	bytes = lua_tolstring(L, -1, &len);
	ck_assert_int_eq(sandbox_load(sb, bytes, len, "policies/bin.lua", &err), -1);
	ck_assert_int_eq(err.kind, CASECHECK_E_POLICY);
	ck_assert_str_eq(err.source, "policies/bin.lua");
	ck_assert_int_eq(err.line, 0);
	ck_assert_str_eq(err.text, "binary chunk refused: policies must be lua source text");
	ck_assert_int_eq(lua_gettop(L), 1);
}
END_TEST

START_TEST(test_syntax_error)
{
	struct casecheck_error err;
	const char *text = "-- broken\nlocal x = = 1\n";

	ck_assert_int_eq(sandbox_load(sb, text, strlen(text), "policies/broken.lua", &err), -1);
	ck_assert_int_eq(err.kind, CASECHECK_E_POLICY);
	ck_assert_str_eq(err.source, "policies/broken.lua");
	ck_assert_int_eq(err.line, 2);
	ck_assert_str_eq(err.text, "unexpected symbol near '='");
	ck_assert_int_eq(lua_gettop(sandbox_state(sb)), 0);
}
END_TEST

START_TEST(test_long_chunk_name)
{
	struct casecheck_error err;
	char name[300];

	/* Lua's short_src truncates this; the error keeps the whole name */
	memset(name, 'd', sizeof(name));
	memcpy(name + sizeof(name) - 12, "/policy.lua", 12);
	ck_assert_int_eq(run_text(sb, "\n\nerror('boom')", 15, name, 0, &err), -1);
	ck_assert_str_eq(err.source, name);
	ck_assert_int_eq(err.line, 3);
	ck_assert_str_eq(err.text, "boom");
}
END_TEST

START_TEST(test_error_objects)
{
	struct casecheck_error err;

	ck_assert_int_eq(run_string(sb, "error({})", 0, &err), -1);
	ck_assert_int_eq(err.kind, CASECHECK_E_POLICY);
	ck_assert_str_eq(err.source, "policies/inline.lua");
	ck_assert_int_eq(err.line, 0);
	ck_assert_str_eq(err.text, "(error object is a table value)");

	ck_assert_int_eq(run_string(sb, "error('no place', 0)", 0, &err), -1);
	ck_assert_int_eq(err.line, 0);
	ck_assert_str_eq(err.text, "no place");

	ck_assert_int_eq(run_string(sb, "local function f()\n error('up', 2)\nend\nf()", 0,
				    &err), -1);
	ck_assert_int_eq(err.line, 4);
	ck_assert_str_eq(err.text, "up");

	ck_assert_int_eq(run_string(sb, "\nlocal s = ('x'):rep(-1, {})", 0, &err), -1);
	ck_assert_int_eq(err.line, 2);
	ck_assert_str_eq(err.text,
			 "bad argument #2 to 'rep' (string expected, got table)");
}
END_TEST

START_TEST(test_env_contents)
{
	lua_State *L = sandbox_state(sb);
	struct casecheck_error err;
	/* every name a policy must not see, and some it must */
	const char *probe =
		"local out = {}\n"
		"for _, k in ipairs{'_G', 'setmetatable', 'getmetatable', 'rawset', 'rawget',\n"
		"  'load', 'loadstring', 'dofile', 'loadfile', 'require', 'collectgarbage',\n"
		"  'print', 'io', 'os', 'package', 'debug', 'coroutine'} do\n"
		"  if _ENV[k] ~= nil then out[#out + 1] = k end\n"
		"end\n"
		"if string.dump or math.random or math.randomseed then out[#out + 1] = 'lib' end\n"
		"return table.concat(out, ' ')";

	ck_assert_int_eq(run_string(sb, probe, 1, &err), 0);
	ck_assert_str_eq(lua_tostring(L, -1), "");
	lua_pop(L, 1);

	ck_assert_int_eq(run_string(sb,
		"local ok, e = pcall(error, 'boom', 0)\n"
		"local ok2, a, b = pcall(function() return 1, 2 end)\n"
		"local ok3, h = xpcall(error, function(m) return 'handled ' .. m end, 'x', 0)\n"
		"return tostring(ok) .. e .. tostring(ok2) .. a .. b .. tostring(ok3) .. h ..\n"
		"  math.floor(2.5) .. utf8.char(72) .. ('%d'):format(7) .. select('#', 1, 2)\n"
		"  .. table.concat(table.move({1, 2}, 1, 2, 2), ',')",
		1, &err), 0);
	ck_assert_str_eq(lua_tostring(L, -1), "falseboomtrue12falsehandled x2H721,1,2");
	lua_pop(L, 1);
}
END_TEST

START_TEST(test_state_isolation)
{
	lua_State *L = sandbox_state(sb);
	struct casecheck_error err;

	ck_assert_int_eq(run_string(sb,
		"leaked = 42\nstring.upper = nil\nmath.pi = 3\ntable.insert = print\n"
		"return ('a'):upper()", 1, &err), 0);
	/* the env's copy changed, the string metatable's did not */
	ck_assert_str_eq(lua_tostring(L, -1), "A");
	lua_pop(L, 1);
	ck_assert_int_eq(run_string(sb,
		"return tostring(leaked) .. ' ' .. tostring(string.upper ~= nil) .. ' ' ..\n"
		"  tostring(math.pi > 3.14) .. ' ' .. tostring(table.insert ~= nil)", 1, &err), 0);
	ck_assert_str_eq(lua_tostring(L, -1), "nil true true true");
	lua_pop(L, 1);

	/* trusted code sees a hidden string metatable and untouched globals */
	ck_assert_int_eq(luaL_dostring(L, "return tostring(getmetatable('')) .. "
				       "tostring(leaked) .. type(string.upper)"), 0);
	ck_assert_str_eq(lua_tostring(L, -1), "falsenilfunction");
	lua_pop(L, 1);
}
END_TEST

START_TEST(test_trusted_caller)
{
	lua_State *L = sandbox_state(sb);
	struct casecheck_error err;
	const char *policy = "return function()\n  while true do end\nend";

	/* trusted code (normal globals, real pcall) calls a policy function */
	ck_assert_int_eq(luaL_loadstring(L,
		"local f = ...\n"
		"for i = 1, 3 do pcall(f) end\n"
		"return 'survived'"), 0);
	ck_assert_int_eq(run_text(sb, policy, strlen(policy), "policies/p.lua", 1, &err), 0);
	ck_assert_int_eq(sandbox_pcall(sb, 1, 1, &err), -1);
	ck_assert_int_eq(err.kind, CASECHECK_E_BUDGET);
	ck_assert_str_eq(err.source, "policies/p.lua");
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(lua_gettop(L), 0);

	/* until the next budget every call trips at once */
	ck_assert_int_eq(run_string(sb, "return 1", 1, &err), -1);
	ck_assert_int_eq(err.kind, CASECHECK_E_BUDGET);
	sandbox_reset_budget(sb);
	ck_assert_int_eq(sandbox_instructions_used(sb), 0);
	ck_assert_int_eq(run_string(sb, "local n = 0 for i = 1, 1e5 do n = n + i end return n",
				    1, &err), 0);
	ck_assert_int_eq(lua_tointeger(L, -1), 5000050000);
	ck_assert_int_ge(sandbox_instructions_used(sb), 100000);
	lua_pop(L, 1);
}
END_TEST

START_TEST(test_memory_trusted_catch)
{
	lua_State *L = sandbox_state(sb);
	struct casecheck_error err;
	const char *policy = "return function()\n  return ('x'):rep(1e9)\nend";

	/* trusted code's real pcall catches the error, but the trip stands */
	ck_assert_int_eq(luaL_loadstring(L,
		"local f = ...\n"
		"local ok = pcall(f)\n"
		"return 'survived'"), 0);
	ck_assert_int_eq(run_text(sb, policy, strlen(policy), "policies/p.lua", 1, &err), 0);
	ck_assert_int_eq(sandbox_pcall(sb, 1, 1, &err), -1);
	ck_assert_int_eq(err.kind, CASECHECK_E_MEMORY);
	ck_assert_str_eq(err.source, "policies/p.lua");
	ck_assert_int_eq(err.line, 2);
	ck_assert_str_eq(err.text, "memory budget exceeded (64 MiB)");
}
END_TEST

START_TEST(test_memory_recovered)
{
	struct sandbox_limits lim = { 8 << 20, 0, NO_TIME_LIMIT };
	struct casecheck_error err;
	struct sandbox *s = sandbox_new(&lim, &err);

	/* garbage near the cap: Lua's emergency collection frees it and retries */
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(run_string(s,
		"local t = {}\n"
		"for i = 1, 100 do t[1] = ('x'):rep(3 << 20); t[1] = nil end\n"
		"return 'done'", 1, &err), 0);
	ck_assert_str_eq(lua_tostring(sandbox_state(s), -1), "done");
	lua_pop(sandbox_state(s), 1);
	sandbox_free(s);
}
END_TEST

START_TEST(test_time_budget)
{
	struct sandbox_limits lim = { 0, 1000000000000L, 0.05 };
	struct casecheck_error err;
	struct sandbox *s = sandbox_new(&lim, &err);

	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(run_string(s, "local x = 0\nwhile true do x = x + 1 end", 0, &err), -1);
	ck_assert_int_eq(err.kind, CASECHECK_E_BUDGET);
	ck_assert_str_eq(err.source, "policies/inline.lua");
	ck_assert_int_eq(err.line, 2);
	ck_assert_str_eq(err.text, "time budget exceeded (0.05 s)");
	sandbox_free(s);
}
END_TEST

/*
** The watchdog: in guarded mode trusted code runs unhooked, so only the
** watchdog thread can end its endless loop, by arming the hook at the
** deadline. Whatever the machine's speed, the time budget is what trips.
*/
START_TEST(test_watchdog)
{
	struct sandbox_limits lim = { 0, 0, 0.2 };
	struct casecheck_error err;
	struct sandbox *s = sandbox_new(&lim, &err);
	lua_State *L;

	ck_assert_ptr_nonnull(s);
	L = sandbox_state(s);
	sandbox_set_guarded(s, 1);
	ck_assert_int_eq(luaL_loadstring(L, "local n = 0\nwhile true do n = n + 1 end"), 0);
	ck_assert_int_eq(sandbox_pcall(s, 0, 0, &err), -1);
	ck_assert_int_eq(err.kind, CASECHECK_E_BUDGET);
	ck_assert_str_eq(err.text, "time budget exceeded (0.2 s)");
	ck_assert_int_eq(lua_gettop(L), 0);

	/* a new budget: the same state runs again, and the trip is gone */
	sandbox_reset_budget(s);
	ck_assert_int_eq(luaL_dostring(L, "return 6 * 7"), 0);
	ck_assert_int_eq(lua_tointeger(L, -1), 42);
	lua_pop(L, 1);
	sandbox_free(s);
}
END_TEST

/* An endless loop of trusted code, which only the watchdog can end: 0 when it did. */
static int watchdog_ends_loop(struct sandbox *s)
{
	struct casecheck_error err;
	lua_State *L = sandbox_state(s);

	sandbox_reset_budget(s);
	if (luaL_loadstring(L, "local n = 0\nwhile true do n = n + 1 end") != 0)
		return -1;
	if (sandbox_pcall(s, 0, 0, &err) != -1 || err.kind != CASECHECK_E_BUDGET)
		return -1;
	return strcmp(err.text, "time budget exceeded (0.2 s)") == 0 ? 0 : -1;
}

/*
** Across fork(): the child has a watchdog of its own once fork_done has run
** (without one its loop would never end), the parent has its own again, and
** between prepare and done nothing runs (it would have no backstop).
*/
START_TEST(test_watchdog_after_fork)
{
	struct sandbox_limits lim = { 0, 0, 0.2 };
	struct casecheck_error err;
	struct sandbox *s = sandbox_new(&lim, &err);
	pid_t pid;
	int status;

	ck_assert_ptr_nonnull(s);
	sandbox_set_guarded(s, 1);
	sandbox_fork_prepare(s);
	ck_assert_int_eq(luaL_loadstring(sandbox_state(s), "return 1"), 0);
	ck_assert_int_eq(sandbox_pcall(s, 0, 0, &err), -1);
	ck_assert_int_eq(err.kind, CASECHECK_E_INTERNAL);
	ck_assert_str_eq(err.text, "the engine's watchdog thread is not running (after fork(), "
			 "casecheck_engine_fork_done must succeed first)");
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(sandbox_fork_done(s) == 0 && watchdog_ends_loop(s) == 0 ? 0 : 1);
	ck_assert_int_eq(sandbox_fork_done(s), 0);
	ck_assert_int_eq(watchdog_ends_loop(s), 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	sandbox_free(s);
}
END_TEST

START_TEST(test_two_sandboxes)
{
	struct sandbox_limits small = { 8 << 20, 100000, NO_TIME_LIMIT };
	struct sandbox_limits big = { 0, 0, NO_TIME_LIMIT };
	struct casecheck_error err;
	struct sandbox *a = sandbox_new(&small, &err);
	struct sandbox *b = sandbox_new(&big, &err);

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(sandbox_limits(a)->memory_bytes, 8 << 20);
	ck_assert_uint_eq(sandbox_limits(b)->memory_bytes, 64 << 20);
	ck_assert_int_eq(sandbox_limits(b)->instructions, 50000000);

	ck_assert_int_eq(luaL_dostring(sandbox_state(a), "shared = 1"), 0);
	ck_assert_int_eq(run_string(a, "while true do end", 0, &err), -1);
	ck_assert_str_eq(err.text, "instruction budget exceeded (100000 instructions)");
	ck_assert_int_eq(run_string(a, "local s = ('x'):rep(16 << 20)", 0, &err), -1);
	ck_assert_int_eq(err.kind, CASECHECK_E_BUDGET);	/* the first trip stays */

	/* b has its own budget, memory and globals */
	ck_assert_int_eq(run_string(b, "local s = ('x'):rep(16 << 20)\n"
				    "for i = 1, 200000 do end\nreturn #s", 1, &err), 0);
	ck_assert_int_eq(lua_tointeger(sandbox_state(b), -1), 16 << 20);
	lua_pop(sandbox_state(b), 1);
	ck_assert_int_eq(luaL_dostring(sandbox_state(b), "return shared"), 0);
	ck_assert(lua_isnil(sandbox_state(b), -1));
	lua_pop(sandbox_state(b), 1);

	sandbox_reset_budget(a);
	ck_assert_int_eq(run_string(a, "\nlocal s = ('x'):rep(16 << 20)", 0, &err), -1);
	ck_assert_int_eq(err.kind, CASECHECK_E_MEMORY);
	ck_assert_int_eq(err.line, 2);
	ck_assert_str_eq(err.text, "memory budget exceeded (8 MiB)");
	ck_assert_uint_le(sandbox_memory_used(a), 8 << 20);
	sandbox_free(a);
	sandbox_free(b);
}
END_TEST

START_TEST(test_bad_limits)
{
	struct sandbox_limits tiny = { 1000, 0, 0 };
	struct sandbox_limits negative = { 0, -5, 0 };
	struct casecheck_error err;

	ck_assert_ptr_null(sandbox_new(&tiny, &err));
	ck_assert_int_eq(err.kind, CASECHECK_E_MEMORY);
	ck_assert_str_eq(err.text, "memory budget too small for a lua state (1000 bytes)");
	ck_assert_ptr_null(sandbox_new(&negative, &err));
	ck_assert_int_eq(err.kind, CASECHECK_E_INPUT);
	ck_assert_str_eq(err.text, "negative instruction budget '-5'");
}
END_TEST

/* Found by check_main.c through the generated suites.h. */
Suite *sandbox_suite(void);

Suite *sandbox_suite(void)
{
	Suite *s = suite_create("sandbox");
	TCase *tc;

	/* generous: a loaded machine, sanitizers or valgrind slow them, never change them */
	tc = tcase_create("adversarial policies");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	/* burns its budget on purpose: minutes under valgrind, so skipped there (ASan covers it) */
	tcase_set_tags(tc, "timing");
	tcase_add_loop_test(tc, test_adversary, 0,
			    (int)(sizeof(adversaries) / sizeof(adversaries[0])));
	suite_add_tcase(s, tc);

	tc = tcase_create("loading and errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_binary_chunk_refused);
	tcase_add_test(tc, test_syntax_error);
	tcase_add_test(tc, test_long_chunk_name);
	tcase_add_test(tc, test_error_objects);
	suite_add_tcase(s, tc);

	tc = tcase_create("environments");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_env_contents);
	tcase_add_test(tc, test_state_isolation);
	suite_add_tcase(s, tc);

	tc = tcase_create("budgets");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	/* burns its budget on purpose: minutes under valgrind, so skipped there (ASan covers it) */
	tcase_set_tags(tc, "timing");
	tcase_add_test(tc, test_trusted_caller);
	tcase_add_test(tc, test_memory_trusted_catch);
	tcase_add_test(tc, test_memory_recovered);
	tcase_add_test(tc, test_time_budget);
	tcase_add_test(tc, test_watchdog);
	tcase_add_test(tc, test_watchdog_after_fork);
	tcase_add_test(tc, test_two_sandboxes);
	tcase_add_test(tc, test_bad_limits);
	suite_add_tcase(s, tc);
	return s;
}
