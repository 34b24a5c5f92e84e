--[[
runtime.lua: the engine's Lua entry point, called from C (engine/policy.c).
It loads a policy chunk into a fresh sandboxed environment holding the DSL,
checks its declarations once, and evaluates cases. Each evaluation runs the
chunk again in a new environment, so no state a policy keeps in its globals,
upvalues or tables can leak from one case to the next.
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

local function run_chunk(chunk, strict)
	local P, env, api = policy_env(strict)
	cc.set_env(chunk, env)
	if strict then
		-- at load, a misspelt word of the language gets a did-you-mean
		local ok, err = pcall(cc.guard, chunk)
		if not ok then error(dsl.hint_word(err, api), 0) end
	else
		cc.guard(chunk)
	end
	return P
end

--[[
The size of what the evaluator walks in a step's declaration outside the
budget (its own code runs unhooked, engine.c l_cc_guard): the event types
named in done_by, breach and lists, and the breach list. A policy can tell a load
from an evaluation and hand the evaluator two million names only then, so
an evaluation's declarations may be no bigger than the ones checked at load.
Only lengths are read here (rawlen), never the lists themselves.
]]
local function size_of(t)
	if type(t) ~= "table" then return 0 end
	local n = 0
	local d = t.done_by
	if type(d) == "table" and type(d.type) == "table" then n = n + rawlen(d.type) end
	local l = t.lists
	if type(l) == "table" and type(l.type) == "table" then n = n + rawlen(l.type) end
	if type(l) == "table" and type(l.covers_all) == "table" then n = n + rawlen(l.covers_all) end
	local b = t.breach
	if type(b) == "table" then
		local nb = rawlen(b)
		n = n + nb
		for i = 1, nb <= 4096 and nb or 0 do
			local bi = b[i]
			if type(bi) == "table" and type(bi.type) == "table" then n = n + rawlen(bi.type) end
		end
	end
	return n
end

local function check_sizes(meta, P)
	for _, s in ipairs(meta.step_list) do
		local n, was = size_of(P.steps[s.id]), meta.sizes[s.id]
		if n > was then
			error(string.format("%s:%d: step '%s' names %d event types and breaches when evaluating a case " ..
				"but %d when loaded: a policy must declare the same steps for every case",
				s.source or "?", s.line or 0, s.id, n, was), 0)
		end
	end
end

-- Load: run the chunk once with every declaration checked; returns META,
-- the plain-data description of the policy that C reads (steps, regimes, params).
function runtime.load(chunk)
	local P = run_chunk(chunk, true)
	local meta = dsl.compile(P)
	meta.sizes = {}
	for _, s in ipairs(meta.step_list) do meta.sizes[s.id] = size_of(P.steps[s.id]) end
	return meta
end

-- Evaluate one case: a fresh run of the chunk, then its steps over the case.
function runtime.evaluate(chunk, meta, case, as_of, params, want_detail)
	local P = run_chunk(chunk, false)
	check_sizes(meta, P)
	model.prepare(case, P)
	return evaluate.run(meta, P, case, as_of, params, want_detail)
end

return runtime
