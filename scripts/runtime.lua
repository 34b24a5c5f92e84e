--[[
runtime.lua: the engine's Lua entry point, called from C (engine/policy.c).
It loads a policy chunk into a fresh sandboxed environment holding the DSL,
checks its declarations once, and evaluates cases. The chunk runs once per
load; then its tables are frozen and its upvalues recorded (cc.freeze,
engine/sandbox_freeze.c), and each evaluation starts by putting the upvalues
back (cc.restore), so no state a policy keeps in its globals, upvalues or
tables can leak from one case to the next.
]]
local cc = ...
-- Each evaluation makes a burst of short-lived tables and strings; the
-- generational collector handles that pattern at a fraction of the cost of
-- the incremental one.
collectgarbage("generational")
local M = {}
for _, name in ipairs({ "dates", "judge", "recurring", "model", "dsl", "evaluate" }) do
	M[name] = cc.module(name, M)
end
local dsl, model, evaluate = M.dsl, M.model, M.evaluate

local runtime = {}

-- The globals a policy runs with: the sandbox's (cc.new_env) and the DSL's
-- words. The one list of them: tools/vocab.c prints it for .luacheckrc and
-- the LuaLS annotations (make docs). Returns P, the environment and the DSL.
local function policy_env(strict)
	local P, api = dsl.collector(strict)
	local env = cc.new_env()
	for k, v in pairs(api) do env[k] = v end
	return P, env, api
end
runtime.policy_env = policy_env

-- Run the policy's chunk once, at load, with every declaration checked.
local function run_chunk(chunk)
	local P, env, api = policy_env(true)
	cc.set_env(chunk, env)
	-- a misspelt word of the language gets a did-you-mean
	local ok, err = pcall(cc.guard, chunk)
	if not ok then error(dsl.hint_word(err, api), 0) end
	return P, env
end

-- Load: run the chunk once with every declaration checked; returns META,
-- the plain-data description of the policy that C reads (steps, regimes, params).
-- The declarations and the policy's environment wait in META.instance until
-- C has read META and calls runtime.instantiate.
function runtime.load(chunk)
	local P, env = run_chunk(chunk)
	local meta = dsl.compile(P)
	meta.instance = { decl = P, env = env }
	return meta
end

-- Freeze what the policy can reach (SOURCE: its chunk name with '@') and
-- record its upvalues: from here on its declarations serve every case.
-- A case still gets globals of its own, and its own copy of each library
-- table (string, math, ...) to change: small tables whose reads fall through
-- to the frozen ones.
function runtime.instantiate(meta, source)
	local inst = meta.instance
	local env = inst.env
	inst.snapshot = cc.freeze(source, inst.decl, env)
	local names = {}
	for k, v in pairs(env) do
		if type(v) == "table" then names[#names + 1] = k end
	end
	table.sort(names)
	inst.overlays = {}
	for i, k in ipairs(names) do inst.overlays[i] = { k, { __index = env[k], __metatable = false } } end
	inst.globals_meta = { __index = env, __metatable = false }
end

-- The case's own globals over the policy's frozen environment.
local function case_globals(inst)
	local g = {}
	local overlays = inst.overlays
	for i = 1, #overlays do
		local o = overlays[i]
		g[o[1]] = setmetatable({}, o[2])
	end
	return setmetatable(g, inst.globals_meta)
end

-- Evaluate one case: the policy's upvalues as loading left them, then its
-- steps over the case, handing the findings to EMIT (engine/result.c) a
-- matter at a time.
function runtime.evaluate(meta, case, as_of, params, want_detail, emit)
	local inst = meta.instance
	cc.restore(inst.snapshot, inst.env, case_globals(inst))
	model.prepare(case, inst.decl)
	evaluate.run(meta, inst.decl, case, as_of, params, want_detail, emit)
end

return runtime
