--[[
dsl.lua: the words a policy is written in: policy, regime, param, step,
event_type, and the deadlines working_days, days, months, years. Each run of
a policy chunk gets a fresh collector; at load time it checks every
declaration and names the policy's file:line for anything wrong.
]]
local cc = ...
local dsl = {}

local UNITS = { working_days = true, days = true, months = true, years = true, count = true }
-- Units that measure time: a param in one of them is a time limit.
local TIME_UNITS = { working_days = true, days = true, months = true, years = true }
local STEP_KEYS = {
	title = "string", per = "string", regimes = "table", cite = "any", why_not_in_force = "string",
	applies = "function", from = "any", within = "any", done_by = "table", before_close = "boolean",
	breach = "table", check = "function", says = "table", basis = "string", params = "table",
	duty = "any", limit = "table", vars = "table", lists = "table",
	in_force_from = "string", why_not_yet = "string", every = "table", in_force_to = "string",
	why_unsure = "string", cannot = "table",
}
-- The kinds of duty and where a time limit comes from (policy-guide.md).
local DUTY_KINDS = { statutory = true, power = true, guidance = true, practice = true }
local BASES = { statutory = true, guidance = true, benchmark = true }
local BREACH_SCOPES = { matter = true, case = true, matter_and_case = true }
local LIMIT_KEYS = { basis = "string", source = "string" }
-- already = true: an event before the trigger meets the duty too (says.already)
local DONE_BY_KEYS = { type = "any", by = "string", to = "string", where = "function", already = "boolean" }
local BREACH_KEYS = { type = "any", where = "function", says = "string", scope = "string" }
-- every = { period = ..., first = ..., ends = ..., chain = function } (recurring.lua)
local EVERY_KEYS = { period = "table", first = "table", ends = "any", chain = "function", gaps = "any" }
-- What a recurring duty's templates may use besides a step's (evaluate.lua, run_recurring),
-- and its two templates of its own: upcoming (nothing due yet), gap (unknown for a gap).
local RECUR_VARS = { "due_when", "ends_when", "start", "start_date", "done_when", "days_late_words", "settle",
	"trigger_when" }
local RECUR_SAYS = { upcoming = true, gap = true }
local SAYS_KEYS = { trigger = true, done = true, missing = true, duty = true, pass = true,
	late = true, fail = true, pending = true, unknown = true, closed = true, not_applicable = true,
	upcoming = true, gap = true, what = true, missed = true, already = true }
-- A listing duty (lists = {...}, scripts/listing.lua): its fields, which
-- earlier matters it must list, and the placeholders of its own sentences.
local LISTS_KEYS = { type = "any", field = "string", earlier = "string", by = "string", to = "string",
	where = "function", covers_all = "any", note = "table" }
local LISTS_EARLIER = { known_before = true, earlier_allegations = true }
local NOTE_KEYS = { type = "string", says = "string" }
local LISTS_VARS = { "what", "count" }
local LISTS_SAYS = {
	missed = { "what", "count", "missed", "notes", "event_when", "trigger_when", "due", "limit" },
	closed = { "what", "count", "close_when", "trigger_when", "due", "limit" },
}
local NOTE_VARS = { "matter", "event", "event_when" }

--[[
The placeholders a message template may use, by what the engine provides
(evaluate.lua fills exactly these). A template naming anything else fails
the load, so no "{name}" ever reaches a report literally.
]]
local PHRASE_VARS = { "trigger", "done", "missing", "duty" }
local COMMON_VARS = { "trigger_when", "as_of" }
local LIMIT_VARS = { "due", "period", "limit", "basis", "limit_source" }
local STATUS_VARS = {
	pass = { "done_when" }, late = { "done_when", "days_late_words", "elapsed" },
	fail = {}, pending = {}, unknown = { "settle" }, closed = { "close_when" }, not_applicable = {},
}
local BREACH_VARS = { "event", "event_when" }
dsl.TEMPLATE = { PHRASE_VARS = PHRASE_VARS, COMMON_VARS = COMMON_VARS, LIMIT_VARS = LIMIT_VARS,
	STATUS_VARS = STATUS_VARS, BREACH_VARS = BREACH_VARS }

-- Where the policy made the declaration being checked, put before a fault
-- as "policies/x.lua:12: ". Set on entry to each declaring function, so a
-- fault deep in the checks still names the policy's line, not this file's;
-- the text is only made for a fault.
local pos_src, pos_line

local function fail(msg, ...)
	local pos = pos_src and (pos_src .. ":" .. tostring(pos_line) .. ": ") or ""
	error(pos .. string.format(msg, ...), 0)
end

local function mark()
	pos_src, pos_line = cc.where(3)
end

-- The key of SET closest to WORD, or nil: engine/suggest.c's did-you-mean.
local function nearest(word, set)
	return cc.suggest(word, set)
end

-- The order faults are looked for in a table's keys: strings sorted, then
-- other keys by type name, so that the first fault reported is the same in
-- every run (evaluate.lua sorts a check's result by it too).
local function key_order(a, b)
	local ta, tb = type(a) == "string", type(b) == "string"
	if ta and tb then return a < b end
	if ta ~= tb then return ta end
	return type(a) < type(b)
end
dsl.key_order = key_order

-- The keys of T in key_order.
local function sorted_keys(t)
	local keys = {}
	for k in pairs(t) do keys[#keys + 1] = k end
	table.sort(keys, key_order)
	return keys
end

-- Whether every key of T is a string ALLOWED has, with a value of the type it
-- names: one pass in table order, no sort. Only a table that fails it is
-- walked again in key_order, so that the fault named is the same in every run.
local function keys_ok(t, allowed)
	for k, v in pairs(t) do
		local want = type(k) == "string" and allowed[k]
		if not want or (type(want) == "string" and want ~= "any" and type(v) ~= want) then return false end
	end
	return true
end

local function check_keys(t, allowed, what)
	if keys_ok(t, allowed) then return end
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

-- Whether T's keys are exactly 1..N (and each value of type WANT, when given):
-- the common case, checked without sorting the keys.
local function is_list_of(t, n, want)
	local count = 0
	for k, v in pairs(t) do
		if math.type(k) ~= "integer" or k < 1 or k > n or (want and type(v) ~= want) then return false end
		count = count + 1
	end
	return count == n
end
local NONE = {}

local function as_list(v)
	if type(v) == "table" then return v end
	return { v }
end

--[[
A load error ERR that calls or indexes an unknown global ("attempt to call a
nil value (global 'alll')"), with the nearest word of the language API
suggested. Any other error (a budget trip included) is returned as it is.
]]
function dsl.hint_word(err, api)
	if type(err) ~= "string" or #err > 4096 then return err end
	local name = err:match("nil value %(global '([%a_][%w_]*)'%)$")
	local hint = name and nearest(name, api)
	if not hint then return err end
	return err .. " (did you mean '" .. hint .. "'?)"
end

--[[
A new collector. STRICT checks declarations (load time); otherwise the chunk is
trusted to declare what it declared at load and is only collected (per case).
Returns the declarations table P and the API table to put in the policy's env.
]]
function dsl.collector(strict)
	local P = { regimes = {}, regime_list = {}, params = {}, param_list = {}, steps = {},
		step_list = {}, event_types = {}, tracks = {} }
	local api = {}

	function api.policy(t)
		if strict then
			mark()
			if type(t) ~= "table" then fail("policy expects a table, got %s", type(t)) end
			check_keys(t, { id = "string", title = "string", version = "string",
				summary = "string", jurisdiction = "string", regime_date = "function",
				track = "function", tracks = "table", links = "table", closing = "any",
				leaving = "any" }, "policy")
			for k, v in pairs(t.tracks or {}) do
				if type(k) ~= "string" or type(v) ~= "string" then
					fail("policy: 'tracks' maps track names to what puts a matter on them (strings)")
				end
			end
			if (t.track == nil) ~= (t.tracks == nil) then
				fail("policy: 'track' (a function) and 'tracks' (their descriptions) go together")
			end
			-- closing, leaving: the event types that close a matter (m:closing(),
			-- before_close) and that end the subject's service (case:leaving())
			for _, key in ipairs({ "closing", "leaving" }) do
				for _, ty in ipairs(as_list(t[key] or {})) do
					if type(ty) ~= "string" then fail("policy: '%s' must be an event type or a list of them", key) end
				end
			end
			if not t.id then fail("policy has no 'id'") end
			-- links: where the text of a cited law can be read (the HTML report links citations)
			for k, v in pairs(t.links or {}) do
				if type(k) ~= "string" or type(v) ~= "string" or not v:match("^https?://%S+$") then
					fail("policy links map a citation to an http(s) URL, got %s = %s", tostring(k), tostring(v))
				end
			end
			if not t.title then fail("policy '%s' has no 'title'", t.id) end
			if P.info then fail("policy is declared twice") end
		end
		P.info = t
		P.tracks = t.tracks or {}
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
	-- Due on the trigger's own day, and met whenever it was done before it
	-- ("not without consent first"): after the trigger is late.
	api.beforehand = { unit = "days", n = 0, before = true }
	-- "Within N working days beginning with D": D counts when it is a working day.
	api.working_days_beginning = deadline("working_days_beginning")

	--[[
	Predicate combinators for a step's applies: each predicate is
	function(m, ctx) -> ok, why, and so is what these return. all: every one
	holds (the first that fails gives its why); any: one holds (else the
	last one's why); not_(p, why): p does not hold (WHY when it does).
	]]
	local function predicates(name, list)
		if not strict then return end
		if type(list) ~= "table" then
			fail("%s expects a list of predicates { p1, p2, ... }, got %s%s", name, type(list),
				type(list) == "function" and (" (for one predicate write " .. name .. " { p })") or "")
		end
		local n = #list
		if n == 0 then fail("%s expects at least one predicate", name) end
		if is_list_of(list, n, "function") then return end
		for _, k in ipairs(sorted_keys(list)) do
			if math.type(k) ~= "integer" or k < 1 or k > n then
				fail("%s: unknown key '%s': it takes a list of predicates, not named fields", name, tostring(k))
			end
			if type(list[k]) ~= "function" then
				fail("%s: predicate %d must be a function(m, ctx) returning ok, why, got %s", name, k, type(list[k]))
			end
		end
	end

	function api.all(list)
		if strict then mark() end
		predicates("all", list)
		return function(m, ctx)
			for i = 1, #list do
				local ok, why, unsure = list[i](m, ctx)
				if not ok then return false, why, unsure end
			end
			return true
		end
	end

	function api.any(list)
		if strict then mark() end
		predicates("any", list)
		return function(m, ctx)
			local why, unsure
			for i = 1, #list do
				local ok, w, u = list[i](m, ctx)
				if ok then return true end
				why, unsure = w, u
			end
			return false, why, unsure
		end
	end

	function api.not_(p, why)
		if strict then
			mark()
			if type(p) ~= "function" then
				fail("not_ expects a predicate function(m, ctx) and the reason it gives when that holds, got %s", type(p))
			end
			if type(why) ~= "string" then
				fail("not_ needs a reason as its second argument: not_(p, \"why the step does not apply when p holds\")")
			end
		end
		return function(m, ctx)
			if p(m, ctx) then return false, why end
			return true
		end
	end

	--[[
	The earliest of several things: at most one deadline (the step's period)
	and any number of event types (the first event of one re the matter) or
	functions(m, ctx) -> event or span or nil. In 'within' the due date is the
	earliest of the period's and the others'; in every.ends the duty stops at
	the earliest that happened.
	]]
	function api.first_of(list)
		local r = { first_of = true, earliest = {} }
		if strict then
			mark()
			if type(list) ~= "table" or #list == 0 then
				fail("first_of expects a list { ... } of event types, deadlines or functions, got %s", type(list))
			end
			for _, k in ipairs(is_list_of(list, #list) and NONE or sorted_keys(list)) do
				if math.type(k) ~= "integer" or k < 1 or k > #list then
					fail("first_of: unknown key '%s': it takes a list, not named fields", tostring(k))
				end
			end
		end
		for i, v in ipairs(list) do
			if type(v) == "table" and v.unit then
				if strict and r.unit then fail("first_of takes at most one deadline (item %d is a second)", i) end
				r.unit, r.param, r.n = v.unit, v.param, v.n
			elseif type(v) == "string" or type(v) == "function" then
				r.earliest[#r.earliest + 1] = v
			elseif strict then
				fail("first_of: item %d must be an event type, a deadline such as days(28) or a function(m, ctx), got %s",
					i, type(v))
			end
		end
		return r
	end

	function api.event_type(name)
		return function(t)
			if strict then
				mark()
				check_keys(t, { fields = "table", doc = "string" }, "event_type '" .. name .. "'")
			end
			P.event_types[#P.event_types + 1] = { name = name, fields = t.fields or {} }
		end
	end

	--[[
	The parties a policy names in done_by (by, to) and awareness: ROLES maps
	a role name to function(case, party_id, matter) -> true when that party
	plays the role (the matter is nil in a per-case step). A done_by or
	awareness party that is not a role is a party id of the case.
	]]
	function api.roles(t)
		if strict then
			mark()
			if type(t) ~= "table" then fail("roles expects a table of role = function(case, party, matter), got %s", type(t)) end
			for k, v in pairs(t) do
				if type(k) ~= "string" or type(v) ~= "function" then
					fail("roles: '%s' must map a role name to a function(case, party, matter)", tostring(k))
				end
			end
			if P.roles then fail("roles are declared twice") end
		end
		P.roles = t
	end

	--[[
	When a matter becomes known to the body that must act on it (a step's
	from = "aware"): a list of rules { type = NAME or LIST, by = ROLE or
	PARTY, to = ROLE or PARTY }; the first event of the matter that one rule
	accepts makes it known. UNKNOWN is the sentence a step from "aware" gives
	when no event did.
	]]
	function api.awareness(t)
		if strict then
			mark()
			if type(t) ~= "table" then fail("awareness expects a table of rules, got %s", type(t)) end
			for k in pairs(t) do
				if k ~= "unknown" and math.type(k) ~= "integer" then
					fail("awareness: unknown key '%s' (expected a list of rules and 'unknown')", tostring(k))
				end
			end
			if t.unknown ~= nil and type(t.unknown) ~= "string" then fail("awareness: 'unknown' must be a sentence") end
			for i, r in ipairs(t) do
				if type(r) ~= "table" then fail("awareness[%d] must be { type = ..., by = ..., to = ... }", i) end
				check_keys(r, { type = "any", by = "string", to = "string" }, "awareness[" .. i .. "]")
				for _, ty in ipairs(as_list(r.type)) do
					if type(ty) ~= "string" then fail("awareness[%d]: 'type' must be an event type or a list of them", i) end
				end
				if r.type == nil then fail("awareness[%d] needs 'type'", i) end
			end
			if P.awareness then fail("awareness is declared twice") end
		end
		local rules = {}
		for i, r in ipairs(t) do
			local types = {}
			for _, ty in ipairs(as_list(r.type)) do types[ty] = true end
			rules[i] = { types = types, by = r.by, to = r.to }
		end
		P.awareness = { rules = rules, unknown = t.unknown }
	end

	--[[
	The holiday calendar working days skip: a name the engine finds as
	calendars/NAME.lua on the policy path (data: regular rules and one-off
	changes). Without one, working days are Monday to Friday.
	]]
	function api.calendar(name)
		if strict then
			mark()
			if type(name) ~= "string" or not name:match("^[%w_-]+$") then
				fail("calendar expects a calendar name like 'my-country', got %s", tostring(name))
			end
			if P.calendar then fail("calendar is declared twice") end
		end
		P.calendar = name
	end

	-- A did-you-mean suffix for WORD among the keys of SET, or "".
	local function hint_for(word, set)
		local hint = type(word) == "string" and nearest(word, set)
		return hint and (" (did you mean '" .. hint .. "'?)") or ""
	end

	-- Every key of a table by regime is a regime of the policy or "*".
	local function check_regime_keys(tbl, what, field)
		for k in pairs(tbl) do
			if k ~= "*" and not P.regimes[k] then
				fail("%s: '%s' names unknown regime '%s'%s", what, field, tostring(k), hint_for(k, P.regimes))
			end
		end
	end

	local function check_kind(v, what, where)
		if type(v) ~= "string" or not DUTY_KINDS[v] then
			fail("%s: unknown duty kind '%s'%s%s (expected statutory, power, guidance or practice)", what,
				tostring(v), where, hint_for(v, DUTY_KINDS))
		end
	end

	-- One time limit {basis, source}.
	local function check_limit(l, what, where)
		check_keys(l, LIMIT_KEYS, what .. " limit" .. where)
		if not BASES[l.basis] then
			fail("%s: unknown time-limit basis '%s'%s%s (expected statutory, guidance or benchmark)", what,
				tostring(l.basis), where, hint_for(l.basis, BASES))
		end
		if type(l.source) ~= "string" or not l.source:find("%S") then
			fail("%s: limit%s needs a 'source' saying where the time limit comes from", what, where)
		end
	end

	-- The limits of one regime: one {basis, source} or named alternatives.
	local function check_limit_set(v, what, where)
		if type(v) ~= "table" then
			fail("%s: limit%s must be {basis = ..., source = ...}", what, where)
		end
		if v.basis ~= nil or next(v) == nil then return check_limit(v, what, where) end
		for name, l in pairs(v) do
			if type(name) ~= "string" or type(l) ~= "table" then
				fail("%s: limit%s must be {basis = ..., source = ...} or alternatives {name = {basis = ..., source = ...}}",
					what, where)
			end
			check_limit(l, what, where .. " '" .. name .. "'")
		end
	end

	-- The placeholders in TEMPLATE that ALLOWED (a set) does not have. The
	-- same as gmatch("{(%a[%w_]*)}") (no placeholder holds a "{"), but only
	-- each "{" is tried, not every character of a sentence.
	local function check_template(template, allowed, what, key)
		local at = template:find("{", 1, true)
		while at do
			local name = template:match("^{(%a[%w_]*)}", at)
			at = template:find("{", at + 1, true)
			if name and not allowed[name] then
				local names = {}
				for k in pairs(allowed) do names[#names + 1] = k end
				table.sort(names)
				local hint = nearest(name, allowed)
				fail("%s: %s uses unknown placeholder {%s}%s; it can use {%s}", what,
					key:match("^why_") and ("'" .. key .. "'") or ("says." .. key), name,
					hint and (" (did you mean {" .. hint .. "}?)") or "", table.concat(names, "}, {"))
			end
		end
	end

	--[[
	The names of the lists given, as a set. Steps share a handful of
	combinations (a status's words with the common ones, the limit's...),
	so each set is made once per load, found by its lists' identities;
	callers pass the same tables (NONE for none), and the sets are only read.
	]]
	local set_memo = {}
	local function set_of(...)
		local node = set_memo
		for i = 1, select("#", ...) do
			local list = select(i, ...)
			local next_node = node[list]
			if not next_node then
				next_node = {}
				node[list] = next_node
			end
			node = next_node
		end
		local out = node[set_memo]
		if not out then
			out = {}
			for _, list in ipairs({ ... }) do
				for _, k in ipairs(list) do out[k] = true end
			end
			node[set_memo] = out
		end
		return out
	end
	local DONE_WHEN = { "done_when" }

	-- Every template of the step against what its statuses provide.
	local function check_says(id, t)
		local what = "step '" .. id .. "'"
		local extra = {}
		for i, v in ipairs(t.vars or {}) do
			if type(v) ~= "string" then fail("%s: vars[%d] must be a placeholder name", what, i) end
			extra[#extra + 1] = v
		end
		if t.every then
			for _, v in ipairs(RECUR_VARS) do extra[#extra + 1] = v end
		end
		local timed = t.within ~= nil or t.every ~= nil or (t.before_close == true and t.done_by ~= nil)
			or (t.check ~= nil and t.limit ~= nil)
		local limit_vars = timed and LIMIT_VARS or NONE
		local phrases = t.check and NONE or PHRASE_VARS
		if t.lists then
			-- a listing duty's sentences have the listing's words, not the phrases
			phrases = NONE
			for _, v in ipairs(LISTS_VARS) do extra[#extra + 1] = v end
		end
		if #extra == 0 then extra = NONE end
		local function group(name, g)
			for key, v in pairs(g) do
				if not STATUS_VARS[key] then
					fail("%s: says.%s: unknown status '%s'%s", what, name, tostring(key), hint_for(key, STATUS_VARS))
				end
				if type(v) ~= "string" then fail("%s: says.%s.%s must be a string", what, name, key) end
				check_template(v, set_of(COMMON_VARS, limit_vars, STATUS_VARS[key], extra), what, name .. "." .. key)
			end
		end
		for key, v in pairs(t.says or {}) do
			if t.lists and (LISTS_SAYS[key] or key == "what") then
				if type(v) ~= "string" then fail("%s: says.%s must be a string", what, key) end
				if LISTS_SAYS[key] then
					check_template(v, set_of(LISTS_SAYS[key]), what, key)
				elseif v:find("{", 1, true) and v:find("{%a[%w_]*}") then
					fail("%s: says.what is a phrase put into sentences, not a template: it cannot use placeholders", what)
				end
			elseif type(v) == "table" and t.check then
				-- a named group of templates a check chooses: ctx:deadline { says = "name" }
				group(key, v)
			elseif STATUS_VARS[key] or (t.every and RECUR_SAYS[key]) then
				if type(v) ~= "string" then fail("%s: says.%s must be a string", what, key) end
				check_template(v, set_of(phrases, COMMON_VARS, limit_vars, STATUS_VARS[key] or NONE, extra), what, key)
			elseif RECUR_SAYS[key] then
				fail("%s: says.%s belongs to a recurring duty ('every')", what, key)
			elseif key == "already" then
				if not (t.done_by and t.done_by.already) then
					fail("%s: says.already is the sentence for a duty met before its trigger; it needs done_by.already = true", what)
				end
				if type(v) ~= "string" then fail("%s: says.%s must be a string", what, key) end
				check_template(v, set_of(phrases, COMMON_VARS, DONE_WHEN, extra), what, key)
			elseif type(v) == "string" and v:find("{", 1, true) and v:find("{%a[%w_]*}") then
				fail("%s: says.%s is a phrase put into sentences, not a template: it cannot use placeholders", what, key)
			end
		end
		for i, b in ipairs(t.breach or {}) do
			if b.says then
				check_template(b.says, set_of(PHRASE_VARS, COMMON_VARS, BREACH_VARS, limit_vars),
					what, "breach " .. i)
			end
		end
	end

	-- Duty kind and time limit for every regime the step is in force under.
	local function check_duty_limit(id, t, in_force)
		local what = "step '" .. id .. "'"
		if t.duty == nil then
			fail("%s has no duty kind ('duty'): say whether it is statutory, power, guidance or practice", what)
		elseif type(t.duty) == "table" then
			check_regime_keys(t.duty, what, "duty")
			for k, v in pairs(t.duty) do check_kind(v, what, " for regime '" .. k .. "'") end
			for _, r in ipairs(in_force) do
				if t.duty[r] == nil and t.duty["*"] == nil then
					fail("%s has no duty kind for regime '%s'", what, r)
				end
			end
		else
			check_kind(t.duty, what, "")
		end
		-- a recurring duty, or one due by the closing decision, has a deadline too
		local has_deadline = t.within ~= nil or t.every ~= nil or (t.before_close == true and not t.check)
		if t.limit == nil then
			if has_deadline then
				fail("%s has a deadline but no 'limit': say where the time limit comes from (limit = { basis = \"statutory\"|\"guidance\"|\"benchmark\", source = \"...\" })", what)
			end
			return
		end
		if not has_deadline and not t.check then
			fail("%s declares a 'limit' but has no deadline ('within')", what)
		end
		local by_regime = t.limit.basis == nil
		if by_regime then
			-- a table by regime, unless every key is an alternative's name
			local any_regime = false
			for k in pairs(t.limit) do if k == "*" or P.regimes[k] then any_regime = true end end
			if not any_regime then by_regime = false end
		end
		local sets = {}
		if by_regime then
			check_regime_keys(t.limit, what, "limit")
			for k, v in pairs(t.limit) do check_limit_set(v, what, " for regime '" .. k .. "'") end
			for _, r in ipairs(in_force) do
				local v = t.limit[r] or t.limit["*"]
				if v == nil then fail("%s has no time limit ('limit') for regime '%s'", what, r) end
				sets[#sets + 1] = v
			end
		else
			check_limit_set(t.limit, what, "")
			sets[1] = t.limit
		end
		-- a statutory time limit is fixed by law: it cannot be a param
		local all_statutory, statutory = true, false
		for _, v in ipairs(sets) do
			local list = v.basis and { v } or {}
			if not v.basis then
				for _, l in pairs(v) do list[#list + 1] = l end
			end
			for _, l in ipairs(list) do
				if l.basis == "statutory" then statutory = true else all_statutory = false end
			end
			if has_deadline and not v.basis then
				fail("%s: a declarative deadline has one time limit per regime, not alternatives (a check function chooses among alternatives)", what)
			end
		end
		if has_deadline and statutory and type(t.within) == "table" and t.within.param then
			fail("%s: its time limit is statutory, so it cannot be the param '%s' (statutory limits are not overridable): write the number, e.g. %s(%d)",
				what, t.within.param, t.within.unit, P.params[t.within.param].default)
		end
		for _, k in ipairs({ "first", "period" }) do
			local v = t.every and t.every[k]
			if statutory and type(v) == "table" and v.param then
				fail("%s: its time limit is statutory, so every.%s cannot be the param '%s' (statutory limits are not overridable): write the number, e.g. %s(%d)",
					what, k, v.param, v.unit, P.params[v.param] and P.params[v.param].default or 1)
			end
		end
		if t.check and statutory and all_statutory then
			for _, name in ipairs(t.params or {}) do
				local p = P.params[name]
				if p and TIME_UNITS[p.unit] then
					fail("%s: its time limits are all statutory, so it cannot use the param '%s' (statutory limits are not overridable)",
						what, name)
				end
			end
		end
	end

	-- A per-step in-force date: the duty exists for triggers from that day on
	-- (and, with in_force_to, until that day).
	local function check_in_force_from(what, t)
		if t.in_force_from == nil and t.in_force_to == nil then
			for _, k in ipairs({ "why_not_yet", "why_unsure" }) do
				if t[k] ~= nil then fail("%s: '%s' goes with 'in_force_from' (the date the duty began)", what, k) end
			end
			return
		end
		for _, k in ipairs({ "in_force_from", "in_force_to" }) do
			if t[k] ~= nil and not cc.parse_day(t[k]) then
				fail("%s: '%s' must be a YYYY-MM-DD date, got '%s'", what, k, t[k])
			end
		end
		if t.in_force_from and t.in_force_to and cc.parse_day(t.in_force_to) < cc.parse_day(t.in_force_from) then
			fail("%s: 'in_force_to' (%s) is before 'in_force_from' (%s)", what, t.in_force_to, t.in_force_from)
		end
		if t.why_not_yet == nil then
			fail("%s: 'in_force_from' needs 'why_not_yet', the reason a matter before %s is not_applicable", what,
				t.in_force_from or t.in_force_to)
		end
		local allowed = { trigger = true, trigger_when = true, trigger_date = true }
		check_template(t.why_not_yet, allowed, what, "why_not_yet")
		if t.why_unsure then check_template(t.why_unsure, allowed, what, "why_unsure") end
		if t.per == "case" then fail("%s: 'in_force_from' is judged against a matter's trigger; a per = \"case\" step has none", what) end
	end

	-- A recurring duty (recurring.lua): its period, first occurrence and end.
	local function check_every(what, t)
		check_keys(t.every, EVERY_KEYS, what .. " every")
		local e = t.every
		for _, k in ipairs({ "first", "period" }) do
			local v = e[k]
			if v ~= nil and (type(v) ~= "table" or not v.unit or v.first_of) then
				fail("%s: every.%s must be a deadline such as months(6) or years \"param\"", what, k)
			end
			if v and v.n and v.n < 1 then fail("%s: every.%s must be %s(1) or more, got %s(%d)", what, k, v.unit, v.unit, v.n) end
		end
		if not e.period then fail("%s: every needs a 'period' (how often the duty recurs)", what) end
		if e.ends ~= nil and type(e.ends) ~= "string" and type(e.ends) ~= "function" and
			not (type(e.ends) == "table" and e.ends.first_of and not e.ends.unit) then
			fail("%s: every.ends must be an event type, \"leaving\", first_of { types... } or a function", what)
		end
		if e.chain then
			if t.done_by or t.from then
				fail("%s: a renewal chain (every.chain) is its own trigger and satisfaction: drop 'from' and 'done_by'", what)
			end
		elseif t.done_by == nil then
			fail("%s: a recurring duty needs 'done_by' (what satisfies each occurrence) or every.chain", what)
		elseif t.per == "case" then
			fail("%s: a schedule of occurrences runs from a matter's trigger; a per = \"case\" step needs every.chain", what)
		end
		if t.within ~= nil or t.check ~= nil or t.breach ~= nil then
			fail("%s: a recurring duty ('every') has no 'within', 'breach' or 'check': every.first and every.period are its deadlines", what)
		end
	end

	--[[
	cannot = { late = "why", ... }: the statuses the step can never produce,
	each with the reason. Coverage counts the step's other cells only, and a
	finding with a status the step declared impossible becomes an error, so
	the claim is checked by every evaluation.
	]]
	local CANNOT, CANNOT_LIST = {}, {}
	for _, name in ipairs(cc.statuses) do
		if name ~= "error" then CANNOT[name] = true; CANNOT_LIST[#CANNOT_LIST + 1] = name end
	end
	local function cannot_ok(c)
		for k, v in pairs(c) do
			if type(k) ~= "string" or not CANNOT[k] or type(v) ~= "string" or v == "" then return false end
		end
		return true
	end
	local function check_cannot(what, c)
		if cannot_ok(c) then return end
		for _, k in ipairs(sorted_keys(c)) do
			if type(k) ~= "string" or not CANNOT[k] then
				local hint = type(k) == "string" and nearest(k, CANNOT)
				fail("%s: cannot names '%s', which is not a status (expected %s)%s", what, tostring(k),
					table.concat(CANNOT_LIST, ", "), hint and (" (did you mean '" .. hint .. "'?)") or "")
			end
			if type(c[k]) ~= "string" or c[k] == "" then
				fail("%s: cannot.%s must be the reason the step can never be %s, as text", what, k, k)
			end
		end
	end

	-- A listing duty: what it needs and what it cannot be combined with.
	local function check_lists(what, t)
		local l = t.lists
		check_keys(l, LISTS_KEYS, what .. " lists")
		if t.check then fail("%s: a step has either 'lists' (a listing duty) or 'check', not both", what) end
		for _, k in ipairs({ "done_by", "breach", "before_close" }) do
			if t[k] ~= nil then
				fail("%s: a listing duty ('lists') is done by the listing event, before any closing decision; it cannot also have '%s'", what, k)
			end
		end
		if t.from == nil or t.within == nil then
			fail("%s: a listing duty ('lists') needs 'from' and 'within'", what)
		end
		if l.type == nil then fail("%s: lists needs a 'type' (the event types that list the earlier matters)", what) end
		if l.field == nil then fail("%s: lists needs a 'field' (the event field holding the list of allegation ids)", what) end
		if l.earlier == nil or not LISTS_EARLIER[l.earlier] then
			fail("%s: lists.earlier must be \"known_before\" or \"earlier_allegations\", got %s%s", what,
				l.earlier == nil and "nothing" or ("'" .. tostring(l.earlier) .. "'"),
				type(l.earlier) == "string" and hint_for(l.earlier, LISTS_EARLIER) or "")
		end
		for _, ty in ipairs(as_list(l.type)) do
			if type(ty) ~= "string" then fail("%s: lists.type must be an event type or a list of them", what) end
		end
		for _, ty in ipairs(as_list(l.covers_all or {})) do
			if type(ty) ~= "string" then fail("%s: lists.covers_all must be an event type or a list of them", what) end
		end
		if l.note then
			check_keys(l.note, NOTE_KEYS, what .. " lists.note")
			if not l.note.type or not l.note.says then fail("%s: lists.note needs a 'type' and 'says'", what) end
			check_template(l.note.says, set_of(NOTE_VARS), what, "lists.note")
		end
		local says = t.says or {}
		for _, k in ipairs({ "what", "missed", "closed" }) do
			if says[k] == nil then
				fail("%s: a listing duty needs says.%s (%s)", what, k, k == "what" and "the duty in a few words" or
					k == "missed" and "the sentence for a listing that left earlier matters out" or
					"the sentence for a matter closed with no listing")
			end
		end
	end

	local function check_step(id, t)
		local what = "step '" .. id .. "'"
		check_keys(t, STEP_KEYS, what)
		if t.cannot then check_cannot(what, t.cannot) end
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
			check_regime_keys(t.cite, what, "cite")
			for k, v in pairs(t.cite) do
				-- a citation that follows the track: {["*"] = ..., TRACK = ...}
				if type(v) == "table" then
					if type(v["*"]) ~= "string" then
						fail("%s: the citation for regime '%s' follows the track, so it needs [\"*\"] for matters on no declared track", what, k)
					end
					for tk, tv in pairs(v) do
						if tk ~= "*" and not P.tracks[tk] then
							fail("%s: citation for regime '%s' names unknown track '%s'%s (declare it in policy { tracks = ... })",
								what, k, tostring(tk), hint_for(tk, P.tracks))
						end
						if type(tv) ~= "string" then
							fail("%s: citation for regime '%s', track '%s' must be a string", what, k, tostring(tk))
						end
					end
				elseif type(v) ~= "string" then
					fail("%s: the citation for regime '%s' must be a string or a table by track", what, k)
				end
			end
			for _, r in ipairs(in_force) do
				if t.cite[r] == nil and t.cite["*"] == nil then
					fail("%s has no citation for regime '%s'", what, r)
				end
			end
		elseif type(t.cite) ~= "string" then
			fail("%s: 'cite' must be a string or a table of strings by regime", what)
		end
		if t.lists then check_lists(what, t) end
		if not t.check and not t.lists then
			if t.within == nil and not t.breach and not t.every and not (t.before_close and t.done_by) then
				fail("%s needs 'from', 'within' and 'done_by' (a deadline duty), 'breach' (a prohibition) or 'check'", what)
			end
			if t.before_close and t.within == nil and t.from ~= nil and not t.every then
				fail("%s: before_close without 'within' makes the closing decision the deadline, so it has no 'from'", what)
			end
			if t.within ~= nil and (t.from == nil or t.done_by == nil) then
				fail("%s: a deadline duty needs 'from', 'within' and 'done_by'", what)
			end
		end
		if t.done_by then
			check_keys(t.done_by, DONE_BY_KEYS, what .. " done_by")
			if not t.done_by.type then fail("%s: done_by needs a 'type'", what) end
		end
		if type(t.within) == "table" and t.within.first_of and not t.within.unit then
			fail("%s: first_of in 'within' needs one deadline among its items, such as first_of { days(28), ... }", what)
		end
		check_in_force_from(what, t)
		if t.every then check_every(what, t) end
		if t.within ~= nil and type(t.within) ~= "function" and (type(t.within) ~= "table" or not t.within.unit) then
			fail("%s: 'within' must be a deadline such as working_days \"param\" or days(28)", what)
		end
		for i, b in ipairs(t.breach or {}) do
			check_keys(b, BREACH_KEYS, what .. " breach " .. i)
			if not b.type then fail("%s: breach %d needs a 'type'", what, i) end
			if b.scope and not BREACH_SCOPES[b.scope] then
				fail("%s: breach %d 'scope' must be \"matter\", \"case\" or \"matter_and_case\"%s", what, i,
					hint_for(b.scope, BREACH_SCOPES))
			end
		end
		if t.breach and #t.breach == 0 then fail("%s: 'breach' must be a list of {type = ...}", what) end
		for k, v in pairs(t.says or {}) do
			if not (t.check and type(v) == "table" and type(k) == "string") and not SAYS_KEYS[k] then
				fail("unknown field '%s' in %s says%s", tostring(k), what, hint_for(k, SAYS_KEYS))
			end
		end
		for _, k in ipairs({ "what", "missed" }) do
			if not t.lists and (t.says or {})[k] ~= nil then
				fail("%s: says.%s is for a listing duty ('lists') only", what, k)
			end
		end
		check_duty_limit(id, t, in_force)
		check_says(id, t)
	end

	if not strict then
		-- Per case only the steps matter (their functions are new closures);
		-- everything else was recorded at load.
		local function noop() return noop end
		api.regime, api.param, api.event_type = noop, noop, noop
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

-- Whether a 'limit' table is keyed by regime (else: one regime-free set of alternatives).
local function by_regime_table(P, t)
	for k in pairs(t) do
		if k == "*" or P.regimes[k] then return true end
	end
	return false
end

--[[
Work out, once at load, what every evaluation needs and does not change: the
regimes in force per step, the citation per regime, the params a step uses.
]]
function dsl.compile(P)
	if not P.info then error("the policy never calls policy { id = ..., title = ... }", 0) end
	if #P.regime_list == 0 then error("the policy declares no regime", 0) end
	if #P.step_list == 0 then error("the policy declares no step", 0) end
	local tracks = {}
	for _, k in ipairs(sorted_keys(P.tracks)) do tracks[#tracks + 1] = { name = k, doc = P.tracks[k] } end
	local meta = { info = P.info, tracks = tracks, regimes = P.regimes, regime_list = P.regime_list,
		params = P.params, param_list = P.param_list, step_list = {}, event_types = P.event_types,
		calendar = P.calendar }
	local closing = P.info.closing
	for _, id in ipairs(P.step_list) do
		local t = P.steps[id]
		if t.from == "aware" and not P.awareness then
			error(string.format("%s:%d: step '%s' starts from \"aware\" but the policy declares no awareness { ... } rules",
				t.source or "?", t.line or 0, id), 0)
		end
		if t.before_close and not closing then
			error(string.format("%s:%d: step '%s' says before_close but the policy declares no closing event type (policy { closing = ... })",
				t.source or "?", t.line or 0, id), 0)
		end
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
		s.duty = type(t.duty) == "table" and t.duty or { ["*"] = t.duty }
		s.limit = {}
		if t.limit and (t.limit.basis or not by_regime_table(P, t.limit)) then
			s.limit["*"] = t.limit
		elseif t.limit then
			for k, v in pairs(t.limit) do s.limit[k] = v end
		end
		-- flat lists in a fixed order (the policy's regimes, then "*"), for C
		s.cite_list, s.duty_list, s.limit_list = {}, {}, {}
		local order = {}
		for _, r in ipairs(P.regime_list) do order[#order + 1] = r.id end
		order[#order + 1] = "*"
		for _, r in ipairs(order) do
			local c = s.cite[r]
			if type(c) == "string" then
				s.cite_list[#s.cite_list + 1] = { regime = r, text = c }
			elseif type(c) == "table" then
				s.cite_list[#s.cite_list + 1] = { regime = r, text = c["*"] }
				for _, tk in ipairs(sorted_keys(c)) do
					if tk ~= "*" then s.cite_list[#s.cite_list + 1] = { regime = r, track = tk, text = c[tk] } end
				end
			end
			if s.duty[r] then s.duty_list[#s.duty_list + 1] = { regime = r, kind = s.duty[r] } end
			local l = s.limit[r]
			if l and l.basis then
				s.limit_list[#s.limit_list + 1] = { regime = r, basis = l.basis, source = l.source }
			elseif l then
				for _, name in ipairs(sorted_keys(l)) do
					s.limit_list[#s.limit_list + 1] = { regime = r, name = name, basis = l[name].basis,
						source = l[name].source }
				end
			end
		end
		if type(t.within) == "table" then s.within = t.within end
		local used = {}
		local function use(name) if name and not used[name] then used[name] = true; s.params[#s.params + 1] = name end end
		if type(t.within) == "table" then use(t.within.param) end
		if t.every then
			use(t.every.first and t.every.first.param)
			use(t.every.period.param)
		end
		-- statuses the step can never produce, in the status order, for C and the evaluator
		s.cannot_list = {}
		if t.cannot then
			s.cannot = {}
			for _, name in ipairs(cc.statuses) do
				if t.cannot[name] then
					s.cannot[name] = t.cannot[name]
					s.cannot_list[#s.cannot_list + 1] = { status = name, why = t.cannot[name] }
				end
			end
		end
		if t.in_force_from then s.in_force_from = cc.parse_day(t.in_force_from) end
		if t.in_force_to then s.in_force_to = cc.parse_day(t.in_force_to) end
		for _, p in ipairs(t.params or {}) do use(p) end
		-- the event types the step names, for lint against the vocabulary
		s.event_types = {}
		local function name_type(ty) if type(ty) == "string" then s.event_types[#s.event_types + 1] = ty end end
		if type(t.from) == "string" and t.from ~= "allegation" and t.from ~= "aware" then name_type(t.from) end
		for _, ty in ipairs(as_list(t.done_by and t.done_by.type or {})) do name_type(ty) end
		for _, b in ipairs(t.breach or {}) do
			for _, ty in ipairs(as_list(b.type)) do name_type(ty) end
		end
		-- first_of { types... } in within and every.ends
		local ends = t.every and t.every.ends
		for _, f in ipairs({ type(t.within) == "table" and t.within.earliest or {},
			type(ends) == "table" and ends.earliest or { ends ~= "leaving" and ends or nil } }) do
			for _, ty in ipairs(f) do name_type(ty) end
		end
		if t.lists then
			for _, ty in ipairs(as_list(t.lists.type)) do name_type(ty) end
			for _, ty in ipairs(as_list(t.lists.covers_all or {})) do name_type(ty) end
			if t.lists.note then name_type(t.lists.note.type) end
		end
		meta.step_list[#meta.step_list + 1] = s
	end
	return meta
end

return dsl
