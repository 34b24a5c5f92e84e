--[[
dsl.lua: the words a policy is written in: policy, regime, param, step,
event_type, and the deadlines working_days, days, months, years. Each run of
a policy chunk gets a fresh collector; at load time it checks every
declaration and names the policy's file:line for anything wrong.
]]
local cc = ...
local dsl = {}

local UNITS = { working_days = true, days = true, months = true, years = true, count = true }
local STEP_KEYS = {
	title = "string", per = "string", regimes = "table", cite = "any", why_not_in_force = "string",
	applies = "function", from = "any", within = "any", done_by = "table", before_close = "boolean",
	breach = "table", check = "function", says = "table", basis = "string", params = "table",
}
local DONE_BY_KEYS = { type = "any", by = "string", to = "string", where = "function" }
local BREACH_KEYS = { type = "any", where = "function", says = "string", scope = "string" }
local SAYS_KEYS = { trigger = true, done = true, missing = true, duty = true, pass = true,
	late = true, fail = true, pending = true, unknown = true, closed = true, not_applicable = true }

-- Where the policy made the declaration being checked: "policies/x.lua:12: ".
-- Set on entry to each declaring function, so a fault deep in the checks
-- still names the policy's line, not this file's.
local pos = ""

local function fail(msg, ...)
	error(pos .. string.format(msg, ...), 0)
end

local function mark()
	local src, line = cc.where(3)
	pos = src and (src .. ":" .. tostring(line) .. ": ") or ""
end

local function nearest(word, set)
	local best, bestd
	for k in pairs(set) do
		local d = cc.distance(word, k)
		if d <= math.max(1, #word // 3) and (not bestd or d < bestd or (d == bestd and k < best)) then
			best, bestd = k, d
		end
	end
	return best
end

-- The keys of T in a fixed order (strings sorted, then other keys by type
-- name), so that the first fault reported is the same in every run.
local function sorted_keys(t)
	local keys = {}
	for k in pairs(t) do keys[#keys + 1] = k end
	table.sort(keys, function(a, b)
		local ta, tb = type(a) == "string", type(b) == "string"
		if ta and tb then return a < b end
		if ta ~= tb then return ta end
		return type(a) < type(b)
	end)
	return keys
end

local function check_keys(t, allowed, what)
	for _, k in ipairs(sorted_keys(t)) do
		local v = t[k]
		if type(k) ~= "string" or not allowed[k] then
			local hint = type(k) == "string" and nearest(k, allowed)
			fail("unknown field '%s' in %s%s", type(k) == "string" and k or ("(a " .. type(k) .. " key)"), what,
				hint and (" (did you mean '" .. hint .. "'?)") or "")
		end
		local want = allowed[k]
		if type(want) == "string" and want ~= "any" and type(v) ~= want then
			fail("field '%s' of %s must be a %s, got %s", k, what, want, type(v))
		end
	end
end

local function as_list(v)
	if type(v) == "table" then return v end
	return { v }
end

--[[
A new collector. STRICT checks declarations (load time); otherwise the chunk is
trusted to declare what it declared at load and is only collected (per case).
Returns the declarations table P and the API table to put in the policy's env.
]]
function dsl.collector(strict)
	local P = { regimes = {}, regime_list = {}, params = {}, param_list = {}, steps = {},
		step_list = {}, event_types = {} }
	local api = {}

	function api.policy(t)
		if strict then
			mark()
			if type(t) ~= "table" then fail("policy expects a table, got %s", type(t)) end
			check_keys(t, { id = "string", title = "string", version = "string",
				summary = "string", jurisdiction = "string" }, "policy")
			if not t.id then fail("policy has no 'id'") end
			if not t.title then fail("policy '%s' has no 'title'", t.id) end
			if P.info then fail("policy is declared twice") end
		end
		P.info = t
	end

	function api.regime(id)
		if strict and type(id) ~= "string" then fail("regime expects a name, got %s", type(id)) end
		return function(t)
			if strict then
				mark()
				check_keys(t, { from = "string", to = "string", title = "string" },
					"regime '" .. id .. "'")
				if P.regimes[id] then fail("regime '%s' is declared twice", id) end
				local lo = t.from and cc.parse_day(t.from)
				if not lo then fail("regime '%s' needs 'from' as a YYYY-MM-DD date", id) end
				if t.to and not cc.parse_day(t.to) then
					fail("regime '%s': 'to' must be a YYYY-MM-DD date", id)
				end
				if t.to and cc.parse_day(t.to) < lo then
					fail("regime '%s' ends (%s) before it begins (%s): no date falls in it", id, t.to, t.from)
				end
			end
			local r = { id = id, from = t.from, to = t.to, title = t.title or id,
				lo = cc.parse_day(t.from), hi = t.to and cc.parse_day(t.to) or nil }
			P.regimes[id] = r
			P.regime_list[#P.regime_list + 1] = r
		end
	end

	function api.param(name)
		if strict and type(name) ~= "string" then fail("param expects a name, got %s", type(name)) end
		return function(t)
			if strict then
				mark()
				check_keys(t, { default = "number", unit = "string", doc = "string" },
					"param '" .. name .. "'")
				if P.params[name] then fail("param '%s' is declared twice", name) end
				if math.type(t.default) ~= "integer" or t.default < 0 then
					fail("param '%s' needs a whole-number 'default' >= 0", name)
				end
				if t.unit and not UNITS[t.unit] then
					fail("param '%s': unknown unit '%s' (expected working_days, days, months, years or count)",
						name, t.unit)
				end
			end
			local p = { name = name, default = t.default, unit = t.unit or "count", doc = t.doc or "" }
			if strict then p.source, p.line = cc.where(2) end
			P.params[name] = p
			P.param_list[#P.param_list + 1] = p
		end
	end

	local function deadline(unit)
		return function(x)
			if strict then mark() end
			if strict and type(x) ~= "string" and math.type(x) ~= "integer" then
				fail("%s expects a param name or a whole number, got %s", unit, type(x))
			end
			if strict and type(x) == "string" and not P.params[x] then
				local hint = nearest(x, P.params)
				fail("%s: unknown param '%s'%s", unit, x,
					hint and (" (did you mean '" .. hint .. "'?)") or " (declare it with param before the step)")
			end
			return { unit = unit, param = type(x) == "string" and x or nil,
				n = type(x) ~= "string" and x or nil }
		end
	end
	api.working_days = deadline("working_days")
	api.days = deadline("days")
	api.months = deadline("months")
	api.years = deadline("years")
	-- "By the end of the working day after D": the first working day after D.
	api.next_working_day = { unit = "working_days", n = 1 }

	function api.event_type(name)
		return function(t)
			if strict then
				mark()
				check_keys(t, { fields = "table", doc = "string" }, "event_type '" .. name .. "'")
			end
			P.event_types[#P.event_types + 1] = { name = name, fields = t.fields or {} }
		end
	end

	local function check_step(id, t)
		local what = "step '" .. id .. "'"
		check_keys(t, STEP_KEYS, what)
		if not t.title then fail("%s has no 'title'", id) end
		if P.steps[id] then fail("step '%s' is declared twice", id) end
		if t.per and t.per ~= "matter" and t.per ~= "case" then
			fail("%s: 'per' must be \"matter\" or \"case\", got '%s'", what, t.per)
		end
		for _, r in ipairs(t.regimes or {}) do
			if not P.regimes[r] then
				local hint = nearest(r, P.regimes)
				fail("%s names unknown regime '%s'%s", what, r,
					hint and (" (did you mean '" .. hint .. "'?)") or "")
			end
		end
		local in_force = t.regimes or {}
		if not t.regimes then
			for _, r in ipairs(P.regime_list) do in_force[#in_force + 1] = r.id end
		end
		if t.cite == nil then fail("%s has no citation ('cite'): every finding must carry the law behind it", what) end
		if type(t.cite) == "table" then
			for _, r in ipairs(in_force) do
				if type(t.cite[r]) ~= "string" and type(t.cite["*"]) ~= "string" then
					fail("%s has no citation for regime '%s'", what, r)
				end
			end
		elseif type(t.cite) ~= "string" then
			fail("%s: 'cite' must be a string or a table of strings by regime", what)
		end
		if not t.check then
			if t.within == nil and not t.breach then
				fail("%s needs 'from', 'within' and 'done_by' (a deadline duty), 'breach' (a prohibition) or 'check'", what)
			end
			if t.within ~= nil and (t.from == nil or t.done_by == nil) then
				fail("%s: a deadline duty needs 'from', 'within' and 'done_by'", what)
			end
		end
		if t.done_by then
			check_keys(t.done_by, DONE_BY_KEYS, what .. " done_by")
			if not t.done_by.type then fail("%s: done_by needs a 'type'", what) end
		end
		if t.within ~= nil and type(t.within) ~= "function" and (type(t.within) ~= "table" or not t.within.unit) then
			fail("%s: 'within' must be a deadline such as working_days \"param\" or days(28)", what)
		end
		for i, b in ipairs(t.breach or {}) do
			check_keys(b, BREACH_KEYS, what .. " breach " .. i)
			if not b.type then fail("%s: breach %d needs a 'type'", what, i) end
			if b.scope and b.scope ~= "matter" and b.scope ~= "case" then
				fail("%s: breach %d 'scope' must be \"matter\" or \"case\"", what, i)
			end
		end
		if t.breach and #t.breach == 0 then fail("%s: 'breach' must be a list of {type = ...}", what) end
		if t.says then check_keys(t.says, SAYS_KEYS, what .. " says") end
	end

	if not strict then
		-- Per case only the steps matter (their functions are new closures);
		-- everything else was recorded at load.
		local function noop() return noop end
		api.policy, api.regime, api.param, api.event_type = noop, noop, noop, noop
	end

	-- A step id is a name, not data: longer than this it is a mistake (and
	-- its pattern check would cost more than a policy's whole budget).
	local MAX_ID = 100

	function api.step(id)
		if strict then mark() end
		if strict and type(id) == "string" and #id > MAX_ID then
			fail("step id is %d bytes long; an id like 'area.duty' has at most %d", #id, MAX_ID)
		end
		if strict and (type(id) ~= "string" or not id:match("^[a-z][a-z0-9_]*%.[a-z0-9_.]+$")) then
			fail("step id must look like 'area.duty' in lowercase, got %s", tostring(id))
		end
		return function(t)
			if strict then
				mark()
				if type(t) ~= "table" then fail("step '%s' expects a table, got %s", id, type(t)) end
				check_step(id, t)
				t.source, t.line = cc.where(2)
			end
			P.steps[id] = t
			P.step_list[#P.step_list + 1] = id
		end
	end

	return P, api
end

--[[
Work out, once at load, what every evaluation needs and does not change: the
regimes in force per step, the citation per regime, the params a step uses.
]]
function dsl.compile(P)
	if not P.info then error("the policy never calls policy { id = ..., title = ... }", 0) end
	if #P.regime_list == 0 then error("the policy declares no regime", 0) end
	if #P.step_list == 0 then error("the policy declares no step", 0) end
	local meta = { info = P.info, regimes = P.regimes, regime_list = P.regime_list,
		params = P.params, param_list = P.param_list, step_list = {}, event_types = P.event_types }
	for _, id in ipairs(P.step_list) do
		local t = P.steps[id]
		local s = { id = id, title = t.title, per_case = t.per == "case", source = t.source,
			line = t.line, basis = t.basis, in_force = {}, regimes = {}, cite = {}, params = {} }
		local list = t.regimes
		if not list then
			list = {}
			for _, r in ipairs(P.regime_list) do list[#list + 1] = r.id end
		end
		for _, r in ipairs(list) do
			s.in_force[r] = true
			s.regimes[#s.regimes + 1] = r
		end
		if type(t.cite) == "string" then
			s.cite["*"] = t.cite
		else
			for k, v in pairs(t.cite) do s.cite[k] = v end
		end
		local used = {}
		local function use(name) if name and not used[name] then used[name] = true; s.params[#s.params + 1] = name end end
		if type(t.within) == "table" then use(t.within.param) end
		for _, p in ipairs(t.params or {}) do use(p) end
		-- the event types the step names, for lint against the vocabulary
		s.event_types = {}
		local function name_type(ty) if type(ty) == "string" then s.event_types[#s.event_types + 1] = ty end end
		if type(t.from) == "string" and t.from ~= "allegation" and t.from ~= "aware" then name_type(t.from) end
		for _, ty in ipairs(as_list(t.done_by and t.done_by.type or {})) do name_type(ty) end
		for _, b in ipairs(t.breach or {}) do
			for _, ty in ipairs(as_list(b.type)) do name_type(ty) end
		end
		meta.step_list[#meta.step_list + 1] = s
	end
	return meta
end

return dsl
