--[[
model.lua: what a policy sees of a case. The C engine pushes the case as plain
tables (engine/case_push.c: events in date order, matters with their events
and categories, the case's and each matter's events by type from the indexes
C built when the case was loaded); this adds the methods policies use:
m:has_category, m:first, m:all, case:party_of_force, case:is, m:closing,
case:leaving, the categories a matter's sources leave open, and each
matter's awareness date by the policy's own rules. Pushed once per
evaluation, so nothing outlives a case. Nothing here knows a policy's roles
or event types: the policy declares them (roles, awareness, policy
{ closing, leaving }).
]]
local cc = ...
-- Role functions are policy code: they run under the budgets (engine.c, l_cc_guard).
local guard = cc.guard
local model = {}

-- What this evaluation's policy declared: roles, closing and leaving types.
-- One case is evaluated at a time in a state, and model.prepare sets it for
-- each (a weak table keyed by case and matter would do the same, at a cost
-- in every garbage collection of the generational collector).
local current

-- Methods live in tables of their own, never reachable from a policy: a
-- metatable whose __index is itself would hand out m.__index, the shared
-- methods table, for a policy to rewrite for every later case and policy.
local Matter = {}
local MatterMeta = { __index = Matter, __metatable = false }

local Case = {}
local CaseMeta = { __index = Case, __metatable = false }

local function read_only(what)
	return function() error(what .. " is read-only", 2) end
end

local EMPTY = setmetatable({}, { __newindex = read_only("an empty list"), __metatable = false })

-- A read-only view of an engine table T (a module a policy may call): a
-- policy can read and call what is in it and change nothing.
function model.read_only(t, what)
	return setmetatable({}, { __index = t, __newindex = read_only(what), __metatable = false })
end

-- Every event of TYPE re the matter, in date order (a shared empty list when none).
function Matter:all(type)
	return self.by_type[type] or EMPTY
end

-- The first event of TYPE re the matter that FILTER (optional) accepts.
-- The first event of LIST (or nil) that FILTER (optional) accepts.
local function first_in(list, filter)
	if not list then return nil end
	if not filter then return list[1] end
	for i = 1, #list do
		if filter(list[i]) then return list[i] end
	end
	return nil
end

function Matter:first(type, filter)
	return first_in(self.by_type[type], filter)
end

function Matter:has(type)
	return self.by_type[type] ~= nil
end

-- True when the allegation has any of the given categories (a list or several names).
function Matter:has_category(...)
	local list = ...
	if type(list) ~= "table" then list = { ... } end
	local cats = self.categories
	for i = 1, #list do
		if cats[list[i]] then return true end
	end
	return false
end

-- True when the allegation has a category other than the ones given.
function Matter:has_category_except(...)
	local list = ...
	if type(list) ~= "table" then list = { ... } end
	local skip = {}
	for _, c in ipairs(list) do skip[c] = true end
	for c in pairs(self.categories) do
		if not skip[c] then return true end
	end
	return false
end

-- The earliest event re BY (a by_type index) of one of TYPES, or nil.
local function earliest(by, types)
	local best
	for i = 1, #types do
		local l = by[types[i]]
		local e = l and l[1]
		if e and (not best or e.lo < best.lo) then best = e end
	end
	return best
end

-- The first closing decision re the matter (the policy's 'closing' types), or nil.
function Matter:closing()
	return earliest(self.by_type, current.closing)
end

-- The force a party belongs to: itself if a force, else the force it is "of".
function Case:force_of(pid)
	local p = pid and self.parties[pid]
	if not p then return nil end
	if p.kind == "force" then return pid end
	local of = p.of and self.parties[p.of]
	if of and of.kind == "force" then return p.of end
	return nil
end

-- True when party PID is FORCE itself or a party "of" it.
function Case:party_of_force(pid, force)
	return pid ~= nil and force ~= nil and self:force_of(pid) == force
end

--[[
True when party PID is WANT: a role the policy declares (roles { ... }),
asked about matter M (nil for the whole case), or else a party id.
]]
function Case:is(want, pid, m)
	local f = current.roles[want]
	if f then return guard(f, self, pid, m) and true or false end
	return pid ~= nil and pid == want
end

-- The events of TYPE in the whole case, in date order.
function Case:all(type)
	return self.by_type[type] or EMPTY
end

function Case:first(type, filter)
	return first_in(self.by_type[type], filter)
end

-- The subject's leaving event (the policy's 'leaving' types), the earliest, or nil.
function Case:leaving()
	return earliest(self.by_type, current.leaving)
end

local function as_list(v)
	if v == nil then return EMPTY end
	if type(v) == "table" then return v end
	return { v }
end

-- True when event E of matter M is one an awareness rule accepts.
local function makes_aware(case, rules, e, m)
	for i = 1, #rules do
		local r = rules[i]
		if r.types[e.type] and (not r.by or case:is(r.by, e.by, m)) and
			(not r.to or case:is(r.to, e.to, m)) then
			return true
		end
	end
	return false
end

--[[
The awareness date of M: from the first of its events (date order) that a
rule accepts; its hi is the smallest hi of any such event (the earliest
reading), and it is day-precise when lo and hi meet.
]]
local function awareness(case, rules, m)
	local span, first
	local evs = m.events
	for i = 1, #evs do
		local e = evs[i]
		if makes_aware(case, rules, e, m) then
			if not first then
				first = e
				span = { lo = e.lo, hi = e.hi, prec = e.prec }
			elseif e.hi < span.hi then
				span.hi = e.hi
			end
		end
	end
	if span and span.lo == span.hi then span.prec = 0 end
	return span, first
end

-- Add the methods to the case table the engine pushed (its by_type lists,
-- each matter's index and categories come with it), with DECL (this run's
-- declarations: roles, awareness, policy { closing, leaving }).
function model.prepare(case, decl)
	local info = decl.info or EMPTY
	local d = { roles = decl.roles or EMPTY, closing = as_list(info.closing), leaving = as_list(info.leaving) }
	current = d
	local matters = case.matters
	for i = 1, #matters do
		local m = matters[i]
		local cats = m.categories
		-- categories the sources leave open: the evaluator asks whether a
		-- step would apply with them too (an unknown, not a not_applicable)
		local maybe = m.allegation.possible_categories
		if maybe and #maybe > 0 then
			local all, open = {}, {}
			for c in pairs(cats) do all[c] = true end
			for k = 1, #maybe do
				if not cats[maybe[k]] then all[maybe[k]] = true; open[#open + 1] = maybe[k] end
			end
			if #open > 0 then m.categories_possible, m.possible_list = all, open end
		end
		setmetatable(m, MatterMeta)
	end
	setmetatable(case, CaseMeta)
	-- after the methods: the policy's role functions may call them
	local aw = decl.awareness
	if aw then
		for i = 1, #matters do
			local m = matters[i]
			m.aware, m.aware_event = awareness(case, aw.rules, m)
		end
	end
	return case
end

model.EMPTY = EMPTY
return model
