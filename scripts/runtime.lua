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
for _, name in ipairs({ "dates", "judge", "model", "dsl", "evaluate" }) do
	M[name] = cc.module(name, M)
end
local dsl, model, evaluate = M.dsl, M.model, M.evaluate

local runtime = {}

local function run_chunk(chunk, strict)
	local P, api = dsl.collector(strict)
	local env = cc.new_env()
	for k, v in pairs(api) do env[k] = v end
	cc.set_env(chunk, env)
	cc.guard(chunk)
	return P
end

-- Load: run the chunk once with every declaration checked; returns META,
-- the plain-data description of the policy that C reads (steps, regimes, params).
function runtime.load(chunk)
	return dsl.compile(run_chunk(chunk, true))
end

-- Evaluate one case: a fresh run of the chunk, then its steps over the case.
function runtime.evaluate(chunk, meta, case, as_of, params, want_detail)
	local P = run_chunk(chunk, false)
	model.prepare(case)
	return evaluate.run(meta, P, case, as_of, params, want_detail)
end

return runtime
