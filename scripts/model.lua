--[[
model.lua: what a policy sees of a case. The C engine pushes the case as plain
tables (events in date order, matters with their awareness date); this adds
the indexes and the methods policies use: m:has_category, m:first, m:all,
case:party_of_force. Built once per evaluation, so nothing outlives a case.
]]
local model = {}

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

-- The first closing decision (conduct_closed) re the matter, or nil.
function Matter:closing()
	local l = self.by_type.conduct_closed
	return l and l[1] or nil
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

-- True when PID acts for the appropriate authority (a party of subject.force).
function Case:by_aa(pid)
	return self:party_of_force(pid, self.subject.force)
end

-- The events of TYPE in the whole case, in date order.
function Case:all(type)
	return self.by_type[type] or EMPTY
end

function Case:first(type, filter)
	return first_in(self.by_type[type], filter)
end

-- The subject's leaving event (dismissed, resigned, retired), the earliest, or nil.
function Case:leaving()
	local best
	for _, t in ipairs({ "dismissed", "resigned", "retired" }) do
		local e = self.by_type[t] and self.by_type[t][1]
		if e and (not best or e.lo < best.lo) then best = e end
	end
	return best
end

local function index_by_type(list)
	local by = {}
	for i = 1, #list do
		local e = list[i]
		local l = by[e.type]
		if not l then
			l = {}
			by[e.type] = l
		end
		l[#l + 1] = e
	end
	return by
end

-- Add indexes and methods to the case table the engine pushed.
function model.prepare(case)
	case.by_type = index_by_type(case.events)
	local matters = case.matters
	for i = 1, #matters do
		local m = matters[i]
		m.index = i
		m.by_type = index_by_type(m.events)
		local cats = {}
		local list = m.allegation.categories or EMPTY
		for k = 1, #list do cats[list[k]] = true end
		m.categories = cats
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
	return case
end

model.EMPTY = EMPTY
return model
