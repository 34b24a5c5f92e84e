-- .luacheckrc: `luacheck -q --config .luacheckrc scripts policies` (make lint).
--
-- scripts/ is the engine's own Lua: trusted, standard Lua 5.4, but the engine
-- opens only base, string, table, math and utf8 (engine/sandbox.c,
-- sandbox_open_libs), so io, os, package, debug and coroutine are errors there.
-- policies/ runs in the sandbox: exactly the globals sandbox_push_env gives a
-- policy, plus the words of the DSL (scripts/dsl.lua). Keep the lists below in
-- step with sandbox_*_allow in engine/sandbox.c and the api table of dsl.lua.

-- Long lines: policies carry citations and messages as single string literals.
max_line_length = false
-- `self` unused in a method (Ctx.when, Matter:has ...) is not a fault.
self = false


stds.casecheck_policy = {
	read_globals = {
		-- sandbox_base_allow, plus pcall/xpcall (the sandbox's own versions)
		"assert", "error", "ipairs", "next", "pairs", "rawequal", "rawlen",
		"select", "tonumber", "tostring", "type", "pcall", "xpcall",
		-- sandbox_string_allow (no dump)
		string = { fields = {
			"byte", "char", "find", "format", "gmatch", "gsub", "len", "lower",
			"match", "rep", "reverse", "sub", "upper", "pack", "packsize", "unpack",
		} },
		-- sandbox_table_allow, plus move (wrapped)
		table = { fields = { "concat", "insert", "pack", "remove", "sort", "unpack", "move" } },
		-- sandbox_math_allow (no random, randomseed)
		math = { fields = {
			"abs", "acos", "asin", "atan", "ceil", "cos", "exp", "floor", "fmod",
			"huge", "log", "max", "maxinteger", "min", "mininteger", "modf", "pi",
			"sin", "sqrt", "tan", "tointeger", "type", "ult",
		} },
		-- sandbox_utf8_allow
		utf8 = { fields = { "char", "charpattern", "codepoint", "codes", "len", "offset" } },
		-- the DSL (scripts/dsl.lua, dsl.collector's api)
		"policy", "regime", "param", "step", "event_type", "roles", "awareness", "calendar",
		"working_days", "days", "months", "years", "next_working_day", "working_days_beginning",
		"all", "any", "not_", "first_of", "beforehand",
	},
}

files["scripts/"] = {
	std = "lua54",
	not_globals = { "io", "os", "package", "debug", "coroutine", "require" },
}

files["policies/"] = {
	std = "casecheck_policy",
}

-- The worked example is a policy too (luacheck examples/policies).
files["examples/policies/"] = {
	std = "casecheck_policy",
}

-- LuaLS annotations (---@meta): declarations only, never run; not linted.
exclude_files = { "scripts/meta/*.lua" }
