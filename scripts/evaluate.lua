--[[
evaluate.lua: runs a policy's steps over one case and returns the findings.
A declarative step (from, within, done_by, before_close, breach) is judged
here, so that every policy gets the same handling of working days, imprecise
dates, gaps and the as-of date; a step with a 'check' function decides for
itself, with the same helpers at hand (ctx:deadline).
]]
local cc, M = ...
local dates, judge, recurring = M.dates, M.judge, M.recurring
local NONE = M.model.EMPTY
-- Every call into policy code goes through guard: the instruction and time
-- budgets count there (engine.c, l_cc_guard), not in the engine's own code.
local guard = cc.guard
local evaluate = {}
local checked_result	-- below, with the fields a check may return

local type, tostring, concat, mtype = type, tostring, table.concat, math.type

--[[
A finding is a table with one array slot per field, which engine/result.c
reads with lua_rawgeti as soon as its matter is judged: slots cost less to
fill here and to read there than string keys. Their numbers are result.c's
(cc.finding), read once into these locals.
]]
local SLOT = cc.finding
local F_STEP, F_TITLE, F_RE, F_STATUS = SLOT.step, SLOT.title, SLOT.re, SLOT.status
local F_REGIME, F_CITE, F_DUTY, F_MESSAGE = SLOT.regime, SLOT.cite, SLOT.duty, SLOT.message
local F_TRIGGER, F_DUE, F_DONE, F_DAYS_LATE = SLOT.trigger, SLOT.due, SLOT.done, SLOT.days_late
local F_EVIDENCE, F_DETAIL = SLOT.evidence, SLOT.detail
local F_DEADLINE_BASIS, F_DEADLINE_SOURCE = SLOT.deadline_basis, SLOT.deadline_source

-- The sentence with its first letter in upper case.
local function cap(s)
	local b = s:byte(1)
	if b and b >= 97 and b <= 122 then return string.char(b - 32) .. s:sub(2) end
	return s
end

--[[
Message templates are compiled once into literal and placeholder parts: a
finding's sentence is then one table.concat, not a pattern substitution with
a callback per placeholder (this is the evaluator's hottest path). A
compiled template is { n = parts, lit = {literal or false...}, name =
{placeholder name or false...}, tag = {"{name}"...}, first = the leading
literal as written, or false }; a leading literal is kept in lit with its
first letter already in upper case, so that most sentences need no second
copy to be capitalised (fill, for a clause, uses FIRST). Templates are plain strings, so the
cache holds no policy state. It lives as long as the engine but is bounded
in bytes: a template is a policy's string, as big as it likes, and what one
case leaves here (at most CACHE_BYTES of templates and their parts) must not
be what makes a later case fail its memory budget.
]]
local CACHE_BYTES = 64 * 1024
local compiled, cached_bytes = {}, 0

local function compile(template)
	local c = compiled[template]
	if c then return c end
	local lit, name, tag, n = {}, {}, {}, 0
	local pos = 1
	while true do
		local s, e, var = template:find("{(%a[%w_]*)}", pos)
		if not s then
			if pos <= #template then n = n + 1; lit[n], name[n] = template:sub(pos), false end
			break
		end
		if s > pos then n = n + 1; lit[n], name[n] = template:sub(pos, s - 1), false end
		n = n + 1
		lit[n], name[n], tag[n] = false, var, template:sub(s, e)
		pos = e + 1
	end
	local first = n > 0 and lit[1]
	if first then lit[1] = cap(first) end
	c = { n = n, lit = lit, name = name, tag = tag, first = first }
	if cached_bytes + #template <= CACHE_BYTES then
		compiled[template] = c
		cached_bytes = cached_bytes + #template
	end
	return c
end

--[[
F memoised, for the strings a policy gives again and again. The cache keeps
strings of at most 200 bytes and is dropped whole when it holds 1,024, so
that what one case leaves here cannot fill a later case's memory budget.
]]
local function bounded_memo(f)
	local memo, n = {}, 0
	return function(s)
		local w = memo[s]
		if w then return w end
		w = f(s)
		if type(s) == "string" and #s <= 200 then
			if n >= 1024 then memo, n = {}, 0 end
			memo[s] = w
			n = n + 1
		end
		return w
	end
end

-- "Why." of a reason (a step that does not apply, a trigger that never came).
local sentence = bounded_memo(function(why) return cap(why) .. "." end)

-- Capitalised first placeholders ("the duty arose" -> "The duty arose"):
-- the same few phrases start most sentences.
local cap_memo = bounded_memo(cap)
local function cap_cached(v)
	local b = v:byte(1)
	if not b or b < 97 or b > 122 then return v end
	return cap_memo(v)
end

--[[
The parts of a sentence are gathered in one scratch list, reused: the values
in it are strings and numbers only, whose tostring calls nothing, so nothing
can call render again while the list is being filled. Anything else (a
value with a __tostring of the engine's, NOVALUE) goes the slow way, with a
list of its own.
]]
local scratch = {}
local NOVALUE = {}	-- a placeholder with no value for this finding (see declared_vars)

-- Compiled template C filled from VARS into a list of its own, FIRST (its
-- leading literal, capitalised or as written) in front.
local function fill_compiled(c, vars, first)
	local buf = {}
	for i = 1, c.n do
		local k = c.name[i]
		if k then
			local v = vars[k]
			if v == nil or v == NOVALUE then
				error("message template uses " .. c.tag[i] .. ", which has no value for this finding", 0)
			end
			buf[i] = tostring(v)
		else
			buf[i] = i == 1 and first or c.lit[i]
		end
	end
	return concat(buf, "", 1, c.n)
end

local function render_slow(c, vars)
	return cap(fill_compiled(c, vars, c.lit[1]))
end

-- Fill "{name}" placeholders from VARS. Loading checks a step's own
-- templates; one given at run time (ctx:deadline) that names what this
-- finding has no value for is an error, never "{name}" in a report.
local function render(template, vars)
	local c = compile(template)
	local n, lit, name, buf = c.n, c.lit, c.name, scratch
	local cap_late = false
	for i = 1, n do
		local k = name[i]
		if k then
			local v = vars[k]
			local tv = type(v)
			if tv ~= "string" then
				if v == nil then
					error("message template uses " .. c.tag[i] .. ", which has no value for this finding", 0)
				end
				if tv ~= "number" then return render_slow(c, vars) end
				v = tostring(v)
			end
			if i == 1 then
				-- an empty first value leaves the capital to what follows
				if v == "" then cap_late = true else v = cap_cached(v) end
			end
			buf[i] = v
		else
			buf[i] = lit[i]
		end
	end
	if cap_late then return cap(concat(buf, "", 1, n)) end
	return concat(buf, "", 1, n)
end

-- A clause's placeholders filled from VARS, as render fills a sentence's,
-- but not capitalised: it goes inside a sentence. Every placeholder must
-- have a value (loading checks the template against what its caller gives).
local function fill(template, vars)
	local c = compile(template)
	return fill_compiled(c, vars, c.first)
end

-- {limit} names the time limit with its basis ("the 10-working-day benchmark
-- (the law sets no time limit)"), so no sentence presents a benchmark as law.
local DEFAULT_SAYS = {
	pass = "{trigger} {trigger_when} and {done} {done_when}, by {due}: within {limit}.",
	late = "{trigger} {trigger_when} but {done} only {done_when}, {elapsed} later and {days_late_words} after {due}: later than {limit}.",
	fail = "{trigger} {trigger_when} but {missing}; {duty}, and {limit} ran to {due}.",
	pending = "{trigger} {trigger_when}; {duty}, and {limit} runs to {due}, still ahead on {as_of}.",
	unknown = "{trigger} {trigger_when}; {duty}, and {limit} ran to {due}; the record cannot settle whether that was done: {settle}.",
	closed = "{trigger} {trigger_when} but the matter was closed {close_when} first; {duty} before any closing decision, and within {limit}, which ran to {due}.",
}
-- For ctx:deadline in a check function, which has no phrases.
local CHECK_SAYS = {
	pass = "The duty arose {trigger_when} and was done {done_when}, by {due}.",
	late = "The duty arose {trigger_when} but was done only {done_when}, {days_late_words} after {due}.",
	fail = "The duty arose {trigger_when} and was never done; it was due by {due}.",
	pending = "The duty arose {trigger_when}; it is due by {due}.",
	unknown = "The duty arose {trigger_when}; the record cannot settle whether it was done by {due}: {settle}.",
}
local DEFAULT_PHRASES = {
	trigger = "the duty arose",
	done = "it was done",
	missing = "it was never done",
	duty = "it had to be done",
}

local function days_words(n)
	return n == 1 and "1 day" or (tostring(n) .. " days")
end

local function regime_at(meta, day)
	local list = meta.regime_list
	for i = 1, #list do
		local r = list[i]
		if day >= r.lo and (not r.hi or day <= r.hi) then return r end
	end
	return nil
end

-- The citation for a regime, on the matter's track when it follows the track.
local function cite_for(s, regime_id, track)
	local c = (regime_id and s.cite[regime_id]) or s.cite["*"]
	if type(c) == "table" then c = (track and c[track]) or c["*"] end
	return c
end

local function duty_for(s, regime_id)
	return (regime_id and s.duty[regime_id]) or s.duty["*"]
end

-- The time limits of a step under a regime: one {basis, source}, named
-- alternatives, or nil (no deadline).
local function limits_for(s, regime_id)
	return (regime_id and s.limit[regime_id]) or s.limit["*"]
end

-- The limit NAME chooses among SET (a lone limit needs no name).
local function pick_limit(s, set, name, regime_id)
	if not set then return nil end
	if set.basis then return set end
	if name == nil then return nil end
	local l = set[name]
	if not l then
		error("step '" .. s.id .. "' has no time limit named '" .. tostring(name) .. "' for regime '" ..
			tostring(regime_id) .. "'", 0)
	end
	return l
end

--[[
The time limit in words, for sentences: "the statutory time limit of 1
working day", "the 10-year period in guidance", "the 10-working-day benchmark
(the law sets no time limit)". UNIT and N may be nil (a check that gave only
a due date): then the words name the basis alone.
]]
local limit_cache, n_limit_cache = {}, 0

local function limit_words_uncached(lim, unit, n)
	local timed = unit and n
	if lim.basis == "statutory" then
		return timed and ("the statutory time limit of " .. dates.period(unit, n)) or "the statutory time limit"
	elseif lim.basis == "guidance" then
		return timed and ("the " .. dates.period_adjective(unit, n) .. " period in guidance") or "the period in guidance"
	end
	return (timed and ("the " .. dates.period_adjective(unit, n) .. " benchmark") or "casecheck's benchmark") ..
		" (the law sets no time limit)"
end

-- The words depend only on the basis, the unit and the number: cached (bounded,
-- plain strings, like the compiled templates) since every finding needs them.
local function limit_words(lim, unit, n)
	local key = lim.basis .. "\0" .. tostring(unit) .. "\0" .. tostring(n)
	local w = limit_cache[key]
	if w then return w end
	w = limit_words_uncached(lim, unit, n)
	if n_limit_cache < 4096 then
		limit_cache[key] = w
		n_limit_cache = n_limit_cache + 1
	end
	return w
end

--[[
A step's limit is judged with the same unit and number finding after
finding: its words and its period are kept beside the limit (a table of the
policy's compiled metadata, which lives as long as the policy), for the last
unit and number asked. Only plain strings are kept.
]]
local limit_memo = setmetatable({}, { __mode = "k" })

-- Put the limit's placeholders into VARS.
local function limit_vars(vars, lim, unit, n)
	if not lim then return end
	local c, nt = limit_memo[lim], mtype(n)	-- 10 and 10.0 are written apart
	if not c or c[1] ~= unit or c[2] ~= n or c[5] ~= nt then
		c = { unit, n, limit_words(lim, unit, n), (unit and n) and dates.period(unit, n) or nil, nt }
		limit_memo[lim] = c
	end
	vars.limit = c[3]
	vars.basis = lim.basis
	vars.limit_source = lim.source
	if c[4] then vars.period = c[4] end
end

-- "14 working days" (or "at least ...") between the trigger and the late event.
local function elapsed_words(unit, t, done)
	local _, words = dates.elapsed(unit, t.hi, done.lo)
	if t.lo ~= t.hi or done.lo ~= done.hi then return "at least " .. words end
	return words
end

local function describe(e)
	return e.type .. " '" .. e.id .. "'"
end

local function accepts(ctx, spec, e, m)
	-- roles are the policy's (roles { ... }); anything else is a party id
	if spec.by and not ctx.case:is(spec.by, e.by, m) then return false end
	if spec.to and not ctx.case:is(spec.to, e.to, m) then return false end
	if spec.where and not guard(spec.where, e, m, ctx) then return false end
	return true
end

-- The first event of type TY re M on or after span T that SPEC accepts.
local function first_of_type(ctx, spec, m, t, ty)
	local list = m:all(ty)
	for i = 1, #list do
		local e = list[i]
		if (not t or e.hi >= t.lo) and accepts(ctx, spec, e, m) then return e end
	end
	return nil
end

-- The earliest event re M of one of SPEC's types, on or after the trigger span T.
local function first_satisfying(ctx, spec, m, t)
	local types = spec.type
	if type(types) == "string" then return first_of_type(ctx, spec, m, t, types) end
	local best
	for i = 1, #types do
		local e = first_of_type(ctx, spec, m, t, types[i])
		if e and (not best or e.lo < best.lo) then best = e end
	end
	return best
end

--[[
The first gap, in file order, that covers one of TYPES (a name or a list) for
the matter being judged, or nil. A gap covers type T when it names T, or one
of T's fields ("suspension_decision.reasons": such events are on record but
not what that field held); and it covers the matter when it names no matters
(the whole case) or lists this one. With FIELDS_ONLY, only field gaps count.
]]
local function gapped(ctx, types, fields_only)
	local gaps = ctx.case.gaps
	if gaps[1] == nil then return nil end	-- most records list none
	if type(types) == "string" then types = { types } end
	local m = ctx.matter
	for _, g in ipairs(gaps) do
		if not g.re or (m and g.re[m.id]) then
			for i = 1, #types do
				local t = types[i]
				if (g.name == t and not fields_only) or
					(#g.name > #t and g.name:sub(1, #t + 1) == t .. ".") then
					return g.name
				end
			end
		end
	end
	return nil
end

-- The trigger of a step for a matter: a span, the event behind it, and words.
local function resolve_trigger(step, m, ctx)
	local from = step.from or "allegation"
	if from == "allegation" then
		return m.allegation, m.allegation
	elseif from == "aware" then
		if not m.aware then
			return nil, nil, ctx.unknown_aware
		end
		return m.aware, m.aware_event
	elseif type(from) == "string" then
		local e = m:all(from)[1]
		if not e then return nil, nil, "there is no " .. from .. " re the matter" end
		return e, e
	elseif type(from) == "function" then
		local r, why = guard(from, m, ctx)
		if r == nil then return nil, nil, why or "the step's trigger never happened" end
		if r.type then return r, r end
		return r, r.event
	end
	error("step has no usable 'from'", 0)
end

--[[
The law a finding of step S names before the step is judged, for a matter
(or the case) under REGIME on TRACK (both may be nil): { cite, duty }. A
matter under no regime, or under one the step is not in force in, still
gets a citation: the first (or last) regime's.
]]
local function law_for(s, regime, track)
	local rid = regime and regime.id
	if s.per_case then return { cite_for(s, rid, nil), duty_for(s, rid) } end
	if not regime then
		return { cite_for(s, nil, track) or cite_for(s, s.regimes[1], track), nil }
	end
	if not s.in_force[rid] then
		-- no duty under this regime, unless the policy names one for it
		return { cite_for(s, rid, track) or cite_for(s, s.regimes[#s.regimes], track), s.duty[rid] }
	end
	return { cite_for(s, rid, track), duty_for(s, rid) }
end

--[[
law_for of every step of META (by its place in meta.step_list) under
REGIME on TRACK. A step's citations and duties are in the policy's tables,
frozen (each lookup an __index into a hidden store) and never changed once
loaded, so each list is made once per policy and kept with its META.
]]
local law_memo = setmetatable({}, { __mode = "k" })	-- meta -> regime -> track -> list
local NO_KEY = {}	-- stands for a nil regime or track among the keys

local function laws_for(meta, regime, track)
	local by_regime = law_memo[meta]
	if not by_regime then
		by_regime = {}
		law_memo[meta] = by_regime
	end
	local by_track = by_regime[regime or NO_KEY]
	if not by_track then
		by_track = {}
		by_regime[regime or NO_KEY] = by_track
	end
	local list = by_track[track or NO_KEY]
	if not list then
		list = {}
		for si, s in ipairs(meta.step_list) do list[si] = law_for(s, regime, track) end
		by_track[track or NO_KEY] = list
	end
	return list
end

--[[
The policy's declaration of every step of META, by its place in
meta.step_list, each as a plain copy of its top-level fields: a finding
reads a dozen of them, and every read of a frozen table goes through an
__index into its hidden store. The copies hold the same values (functions
and frozen tables), are made once per policy and kept with its DECL, and
never reach policy code, so no policy can write into them.
]]
local plain_memo = setmetatable({}, { __mode = "k" })	-- decl -> list

local function plain_steps(meta, decl)
	local list = plain_memo[decl]
	if list then return list end
	list = {}
	for si, s in ipairs(meta.step_list) do
		local copy = {}
		for k, v in pairs(decl.steps[s.id]) do copy[k] = v end
		list[si] = copy
	end
	plain_memo[decl] = list
	return list
end

-- A finding of step S for matter M (nil: for the case) under REGIME, naming
-- LAW (from laws_for). The constructor's nils size the table's array for
-- result.c's sixteen slots, so that every field is then stored in place,
-- never by growing the table.
local function new_finding(s, m, status, regime, law)
	local f = { nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil }
	f[F_STEP], f[F_TITLE], f[F_STATUS], f[F_CITE], f[F_DUTY] = s.id, s.title, status, law[1], law[2]
	if m then f[F_RE] = m.id end
	if regime then f[F_REGIME] = regime.id end
	return f
end

-- The finding's deadline fields from the time limit LIM (nil: no deadline).
local function set_deadline(f, lim)
	if lim and f[F_STATUS] ~= "not_applicable" then
		f[F_DEADLINE_BASIS], f[F_DEADLINE_SOURCE] = lim.basis, lim.source
	else
		f[F_DEADLINE_BASIS], f[F_DEADLINE_SOURCE] = nil, nil
	end
end

local function add_evidence(f, id)
	local ev = f[F_EVIDENCE]
	if not ev then
		f[F_EVIDENCE] = { id }
	else
		ev[#ev + 1] = id
	end
end

local function settle_words(settle, gap, t, t_event, done, due, as_of)
	if settle == "gap" then
		return "the record is silent on " .. gap .. " (it is listed in gaps), so it may have happened"
	elseif settle == "done" then
		if done.lo ~= done.hi then
			return "the exact date of " .. describe(done) .. " (recorded only as " .. done.date .. ") would settle it"
		end
		return "the exact date of " .. (t_event and describe(t_event) or "the trigger") .. " would settle it"
	elseif settle == "as_of" then
		local what = (t.lo ~= t.hi and t_event) and ("the exact date of " .. describe(t_event))
			or "a more precise date"
		return "the deadline fell " .. dates.when(due) .. " and the case is judged on " ..
			dates.long(as_of) .. "; " .. what .. " would settle whether it had passed"
	end
	return "the dates are too imprecise"
end

-- 'explain''s line for a deadline: "10 working days after 2019-05-01 -> 2019-05-16",
-- or, counting the day itself, "5 working days beginning with 2023-01-17 -> 2023-01-23".
local function deadline_line(unit, n, t, due)
	if unit == "working_days_beginning" then
		return string.format("deadline: %s beginning with %s -> %s", dates.period("working_days", n),
			dates.iso_span(t), dates.iso_span(due))
	end
	return string.format("deadline: %s after %s -> %s", dates.period(unit, n), dates.iso_span(t),
		dates.iso_span(due))
end

--[[
A due span DUE brought forward by a `first_of` deadline's other items: the
first event re M of a named type, or what a function(m, ctx) returns (an
event, a span or nil). Each end of the span is the earliest of them.
]]
local function earliest_due(spec, due, m, ctx)
	local list = spec.earliest
	if not list then return due end
	for i = 1, #list do
		local x = list[i]
		if type(x) == "string" then
			x = m:first(x)
		else
			x = guard(x, m, ctx)
			if x ~= nil and (type(x) ~= "table" or math.type(x.lo) ~= "integer" or math.type(x.hi) ~= "integer") then
				error("a function in first_of must return an event, a span {lo, hi} or nil", 0)
			end
		end
		if x then due = { lo = math.min(due.lo, x.lo), hi = math.min(due.hi, x.hi), prec = 0 } end
	end
	return due
end

--[[
The four phrases of a step's sentences (says.trigger, done, missing, duty, or
the defaults), in that order. A phrase may be a function of the matter, run
for each finding; a step whose phrases are all text has them read once and
kept beside its says (the policy's frozen table).
]]
local PHRASE_KEYS = { "trigger", "done", "missing", "duty" }
local plain_phrases = setmetatable({}, { __mode = "k" })

local function phrases(says, m, ctx)
	local p = plain_phrases[says]
	if p then return p[1], p[2], p[3], p[4] end
	local v, any_fn = {}, false
	for i = 1, 4 do
		local key = PHRASE_KEYS[i]
		local x = says[key] or DEFAULT_PHRASES[key]
		if type(x) == "function" then
			any_fn = true
			x = guard(x, m, ctx)
		end
		v[i] = x
	end
	if not any_fn then plain_phrases[says] = v end
	return v[1], v[2], v[3], v[4]
end

--[[
The placeholder values of a declared finding, in one table filled anew for
each finding instead of a new table of 18 keys per finding: run_declared
never runs inside itself (the policy code it calls cannot reach it), and the
table never leaves this file. A value the finding has not got is NOVALUE
rather than nil, so that the table keeps its keys; render treats NOVALUE as
no value at all.
]]
local dvars = {}

local function declared_vars(trigger, done, missing, duty, trigger_when, as_of)
	local v = dvars
	v.trigger, v.done, v.missing, v.duty, v.trigger_when, v.as_of = trigger, done, missing, duty, trigger_when, as_of
	v.due, v.period, v.done_when, v.days_late_words, v.settle = NOVALUE, NOVALUE, NOVALUE, NOVALUE, NOVALUE
	v.close_when, v.event, v.event_when, v.elapsed = NOVALUE, NOVALUE, NOVALUE, NOVALUE
	v.limit, v.basis, v.limit_source = NOVALUE, NOVALUE, NOVALUE
	return v
end

-- ctx -> the evaluation's own state, out of the policy's reach (set with Ctx below).
local hidden

-- The events about the whole case (no `re`) of type TY, in the case's order:
-- listed once per evaluation, for breaches of scope "matter_and_case".
local function whole_of(ctx, ty)
	local h = hidden[ctx]
	local w = h.whole
	if not w then
		w = {}
		h.whole = w
	end
	local list = w[ty]
	if not list then
		list = {}
		local all = ctx.case:all(ty)
		for i = 1, #all do
			if all[i].re == nil then list[#list + 1] = all[i] end
		end
		w[ty] = list
	end
	return list
end

-- The case's order of events: by date (lo, then hi), then file order (case_build.c).
local function in_case_order(a, b)
	if a.lo ~= b.lo then return a.lo < b.lo end
	if a.hi ~= b.hi then return a.hi < b.hi end
	return a.file_index < b.file_index
end

local function no_events() return nil end

--[[
An iterator over the events of type TY that a breach of SCOPE can be for
matter M with trigger span T, in the case's order: those re M ("matter", the
default), every one ("case"), or those re M and those about the whole case
from the trigger's first day on ("matter_and_case"). The last merges M's own
list with a binary search into the whole case's, so a matter's cost does
not grow with the case's other matters. None when a gap covers a field of
TY: the record does not give what the breach may turn on, so no event of it
is conclusive (the gap makes the verdict unknown below); the gap covers the
type, so it is asked once, not per event.
]]
local function breach_events(ctx, scope, m, t, ty)
	if gapped(ctx, ty, true) then return no_events end
	if scope ~= "matter_and_case" then
		local list, i = scope == "case" and ctx.case:all(ty) or m:all(ty), 0
		return function()
			i = i + 1
			return list[i]
		end
	end
	local own, whole = m:all(ty), whole_of(ctx, ty)
	local lo, hi = 1, #whole + 1
	while lo < hi do
		local mid = (lo + hi) // 2
		if whole[mid].lo >= t.lo then hi = mid else lo = mid + 1 end
	end
	local i, j = 1, lo
	return function()
		local a, b = own[i], whole[j]
		if a and (not b or in_case_order(a, b)) then
			i = i + 1
			return a
		end
		if b then j = j + 1 end
		return b
	end
end

-- The first event of type TY that breach B forbids for matter M (trigger span T).
local function breached(ctx, b, ty, m, t)
	for e in breach_events(ctx, b.scope, m, t, ty) do
		if not b.where or guard(b.where, e, m, ctx) then return e end
	end
	return nil
end

-- The declarative duty: trigger, deadline, what satisfies it, what breaches it.
local function run_declared(s, step, m, ctx, f)
	-- before_close with no 'within': the closing decision is the deadline (and the trigger)
	local by_close = step.before_close and not step.within
	local t, t_event, why
	if by_close then
		t_event = m:closing()
		if t_event then t = t_event else why = "the matter has not been closed" end
	else
		t, t_event, why = resolve_trigger(step, m, ctx)
	end
	if not t then
		f[F_STATUS], f[F_MESSAGE] = "not_applicable", sentence(why)
		return f
	end
	f[F_TRIGGER] = t_event and t_event.id or nil
	local says = step.says or NONE
	local lim = (step.within or by_close) and limits_for(s, ctx.regime) or nil
	local p_trigger, p_done, p_missing, p_duty = phrases(says, m, ctx)
	local vars = declared_vars(p_trigger, p_done, p_missing, p_duty, dates.when(t), dates.long(ctx.as_of))

	-- Forbidden events fail the step whatever else happened.
	for _, b in ipairs(step.breach or NONE) do
		local bt, e = b.type, nil
		if type(bt) == "table" then
			for _, ty in ipairs(bt) do
				e = breached(ctx, b, ty, m, t)
				if e then break end
			end
		elseif bt ~= nil then
			e = breached(ctx, b, bt, m, t)
		end
		if e then
			f[F_STATUS] = "fail"
			add_evidence(f, e.id)
			vars.event_when = dates.when(e)
			vars.event = describe(e)
			if step.within then
				local unit, n = ctx:period_of(step.within)
				local due = earliest_due(step.within, dates.due(unit, n, t), m, ctx)
				f[F_DUE] = due
				vars.due = dates.by(due)
				limit_vars(vars, lim, unit, n)
				set_deadline(f, lim)
			end
			f[F_MESSAGE] = render(b.says or "{event} {event_when} is not allowed.", vars)
			return f
		end
	end

	if not step.within and not by_close then
		-- A prohibition with no deadline: nothing forbidden happened.
		local gap
		for _, b in ipairs(step.breach or NONE) do gap = gap or gapped(ctx, b.type) end
		if gap then
			f[F_STATUS] = "unknown"
			f[F_MESSAGE] = render(says.unknown or ("{trigger} {trigger_when}; the record is silent on " ..
				gap .. " (it is listed in gaps), so whether the duty was kept cannot be settled."), vars)
		else
			f[F_STATUS] = "pass"
			f[F_MESSAGE] = render(says.pass or "{trigger} {trigger_when} and {done}.", vars)
		end
		return f
	end

	-- done_by.already: what was done before the trigger meets the duty already
	-- (a matter recorded before the oversight body took it up need not be again)
	if step.done_by.already then
		local before = first_satisfying(ctx, step.done_by, m, nil)
		if before and before.hi <= t.lo then
			f[F_STATUS], f[F_DAYS_LATE], f[F_DONE] = "pass", 0, before.date
			add_evidence(f, before.id)
			vars.done_when = dates.when(before)
			f[F_MESSAGE] = render(says.already or says.pass or DEFAULT_SAYS.pass, vars)
			set_deadline(f, lim)
			return f
		end
	end

	local unit, n, due
	if by_close then
		due = dates.span(t.lo, t.hi, t.prec)	-- the finding's own span, not the trigger
	else
		unit, n = ctx:period_of(step.within)
		due = earliest_due(step.within, dates.due(unit, n, t), m, ctx)
	end
	vars.due = dates.by(due)
	limit_vars(vars, lim, unit, n)
	f[F_DUE] = due
	-- what is due by the closing decision (or beforehand) counts whenever it was done
	local done = first_satisfying(ctx, step.done_by, m, not (by_close or step.within.before) and t or nil)

	if step.before_close and not by_close then
		local close = m:closing()
		-- A closing decision with nothing done before it fails at once, unless
		-- the record is silent on what would have satisfied the duty (gaps).
		if close and (not done or done.lo > close.hi) and not (not done and gapped(ctx, step.done_by.type)) then
			f[F_STATUS] = "fail"
			add_evidence(f, close.id)
			vars.close_when = dates.when(close)
			f[F_MESSAGE] = render(says.closed or DEFAULT_SAYS.closed, vars)
			set_deadline(f, lim)
			return f
		end
	end

	local status, days_late, settle, gap = judge.deadline(due, done, ctx.as_of,
		(not done) and gapped(ctx, step.done_by.type) or nil)
	f[F_STATUS] = status
	if done then
		add_evidence(f, done.id)
		f[F_DONE] = done.date
		vars.done_when = dates.when(done)
	end
	if status == "late" then
		f[F_DAYS_LATE] = days_late
		vars.days_late_words = days_words(days_late)
		vars.elapsed = elapsed_words(unit or "days", t, done)
	elseif status == "pass" then
		f[F_DAYS_LATE] = 0
	elseif status == "unknown" then
		vars.settle = settle_words(settle, gap, t, t_event, done, due, ctx.as_of)
	end
	f[F_MESSAGE] = render(says[status] or DEFAULT_SAYS[status], vars)
	set_deadline(f, lim)
	if ctx.want_detail then
		local lines = {
			string.format("trigger: %s %s", t_event and describe(t_event) or "date", dates.iso_span(t)),
			by_close and "deadline: the closing decision itself" or
				(step.within.before and ("deadline: beforehand, by " .. dates.iso_span(due) .. " itself")) or
				deadline_line(unit, n, t, due),
		}
		if not by_close and due.hi < dates.due(unit, n, t).hi then
			lines[#lines + 1] = "  brought forward by the step's first_of -> " .. dates.iso_span(due)
		end
		if unit == "working_days" then
			local hol = dates.holidays_between(t.lo, due.hi)
			if #hol > 0 then
				lines[#lines + 1] = "  bank holidays skipped: " .. table.concat(hol, ", ")
			end
		end
		lines[#lines + 1] = done and ("satisfied by: " .. describe(done) .. " " .. done.date)
			or "satisfied by: nothing on the record"
		f[F_DETAIL] = table.concat(lines, "\n")
	end
	return f
end

-- The helpers a policy's functions get as CTX.
local Ctx = {}
local CtxMeta = { __index = Ctx, __metatable = false }	-- Ctx itself stays out of reach
-- What Ctx's methods need of the step being judged (its compiled metadata,
-- shared by every case, and its templates), kept out of the policy's reach:
-- a policy that could write into them would change later cases' citations.
hidden = setmetatable({}, { __mode = "k" })

-- The unit and number of days of a deadline spec, with the run's params.
function Ctx:period_of(spec)
	if type(spec) == "function" then spec = guard(spec, self.matter, self) end
	local n = spec.n
	if spec.param then n = self.params[spec.param] end
	return spec.unit, n
end

function Ctx:param(name)
	local v = self.params[name]
	if v == nil then error("unknown param '" .. tostring(name) .. "'", 2) end
	return v
end

--[[
'explain' for a check function's deadline: the arithmetic as far as ctx:deadline
can see it. With ARGS.within (a deadline spec, as a step's `within`) it is the
same as for a declared step; without it, the span from trigger to due date.
]]
local function deadline_detail(ctx, args, t, due)
	local e = args.trigger and args.trigger.type and args.trigger
	local lines = { "trigger: " .. (e and (describe(e) .. " ") or "") .. (t and dates.iso_span(t) or "not given") }
	local unit, n
	if args.within then unit, n = ctx:period_of(args.within) end
	if unit and t then
		lines[#lines + 1] = deadline_line(unit, n, t, due)
	elseif t then
		-- the check function's own arithmetic is not visible here: say what the dates amount to
		local wd
		for k = 0, 260 do
			if due.lo == t.lo + k then break end	-- no later working day can match
			if dates.add("working_days", t.lo, k) == due.lo then wd = k break end
		end
		lines[#lines + 1] = string.format("deadline: worked out by the step's check function -> %s, %s%d days after %s",
			dates.iso_span(due), wd and (dates.period("working_days", wd) .. " or ") or "", due.lo - t.lo,
			dates.iso_span(t))
	else
		lines[#lines + 1] = "deadline: worked out by the step's check function -> " .. dates.iso_span(due)
	end
	if t and (unit == "working_days" or not unit) then
		local hol = dates.holidays_between(t.lo, due.hi)
		if #hol > 0 then
			lines[#lines + 1] = (unit and "  bank holidays skipped: " or "  bank holidays in between: ") ..
				table.concat(hol, ", ")
		end
	end
	lines[#lines + 1] = args.done and ("satisfied by: " .. describe(args.done) .. " " .. args.done.date)
		or "satisfied by: nothing on the record"
	return table.concat(lines, "\n")
end

--[[
For check functions: judge a deadline the way declarative steps are judged.
ARGS: trigger (event or span), due (span), done (event or nil), gap (type or
nil), says (templates as in a step), and optionally within (the deadline spec
the due date came from, for 'explain'). Returns a finding-shaped table.
]]
function Ctx:deadline(args)
	local t = args.trigger
	if t and t.type then t = dates.of(t) end
	local unit, n
	if args.within then unit, n = self:period_of(args.within) end
	local due = args.due or (unit and t and dates.due(unit, n, t))
	if not due then error("ctx:deadline needs 'due' (a span) or 'within' and a 'trigger'", 2) end
	local status, days_late, settle, gap = judge.deadline(due, args.done, self.as_of,
		(not args.done) and args.gap or nil)
	local r = { status = status, due = due, evidence = nil, limit = args.limit,
		trigger = args.trigger and args.trigger.id or nil, done = nil, days_late = nil, message = nil }
	if args.done then
		r.done = args.done.date
		r.evidence = { args.done.id }
	end
	if status == "late" then r.days_late = days_late elseif status == "pass" then r.days_late = 0 end
	local vars = {}
	for k, v in pairs(args.vars or NONE) do vars[k] = v end
	vars.due = dates.by(due)
	vars.as_of = dates.long(self.as_of)
	vars.trigger_when = t and dates.when(t) or ""
	vars.done_when = args.done and dates.when(dates.of(args.done)) or ""
	vars.days_late_words = days_late and days_words(days_late) or ""
	if days_late and args.done and t then
		vars.elapsed = elapsed_words(unit or "days", t, dates.of(args.done))
	end
	local h = hidden[self]
	local set = limits_for(h.meta_step, self.regime)
	local lim = pick_limit(h.meta_step, set, args.limit, self.regime)
	limit_vars(vars, lim, unit, n)
	if status == "unknown" then
		vars.settle = settle_words(settle, gap, t or due, args.trigger and args.trigger.type and args.trigger,
			args.done, due, self.as_of)
	end
	local step_says = h.step and h.step.says
	local says = args.says or step_says or {}
	if type(says) == "string" then
		-- a named group of the step's own templates (checked at load)
		local g = step_says and step_says[says]
		if type(g) ~= "table" then
			error("step '" .. tostring(self.step) .. "' has no group of templates says." .. says, 2)
		end
		says = g
	end
	r.message = render(says[status] or CHECK_SAYS[status], vars)
	if self.want_detail then r.detail = deadline_detail(self, args, t, due) end
	return r
end

--[[
The words of the current step's time limit under the matter's regime, for
sentences a check builds itself: ctx:limit_words("years", 10) -> "the
10-year period in guidance". NAME chooses among named alternatives.
]]
function Ctx:limit_words(unit, n, name)
	local s = hidden[self].meta_step
	local lim = pick_limit(s, limits_for(s, self.regime), name, self.regime)
	if not lim then error("step '" .. tostring(self.step) .. "' declares no time limit for this regime", 2) end
	return limit_words(lim, unit, n)
end

-- The first gap that covers one of the given event types for the matter
-- being judged (see gapped), or nil.
function Ctx:gap(...)
	return gapped(self, { ... })
end

Ctx.dates = M.model.read_only(dates, "ctx.dates")	-- the engine's own module: shared by every case
Ctx.when = function(_, e) return dates.when(e.lo and e or dates.of(e)) end
Ctx.long = function(_, day) return dates.long(day) end

--[[
What a check function may return, field by field: the finding's own fields
(step, title, re, cite) are the engine's. A result is checked whole before
any of it is used, and a bad one is an error naming the step's file:line.
]]
local RESULT_FIELDS = {
	status = "string", message = "string", due = "span", done = "string",
	trigger = "string", evidence = "table", days_late = "number", regime = "string",
	detail = "string", cite = "string", limit = "string",
}
-- What a check may return: every status of the engine's one list (cc.statuses,
-- vocab.c) but error, which only the engine gives; and those names in words.
local RESULT_STATUS, RESULT_STATUS_WORDS = {}, {}
for _, name in ipairs(cc.statuses) do
	if name ~= "error" then
		RESULT_STATUS[name] = true
		RESULT_STATUS_WORDS[#RESULT_STATUS_WORDS + 1] = name
	end
end
-- A check's result copied into its finding, by slot: every field but the
-- regime (which brings its citation and duty, in run_step) and the limit
-- (the finding keeps the limit's basis and source, not its name).
local RESULT_SLOT = {}
for k in pairs(RESULT_FIELDS) do
	if k ~= "regime" then RESULT_SLOT[k] = SLOT[k] end
end
RESULT_STATUS_WORDS = table.concat(RESULT_STATUS_WORDS, ", ", 1, #RESULT_STATUS_WORDS - 1) ..
	" or " .. RESULT_STATUS_WORDS[#RESULT_STATUS_WORDS]
local MAX_RESULT_FIELDS, MAX_EVIDENCE = 16, 1000

local function result_error(s, fmt, ...)
	error(string.format("%s:%d: step '%s': check ", s.source or "?", s.line or 0, s.id) ..
		string.format(fmt, ...), 0)
end

--[[
The due date a check returns, read once: "YYYY-MM-DD" or "LO/HI" text (read
by date.c, cc.parse_interval), or a span {lo, hi[, prec]} of day numbers.
The finding gets its own copy, so nothing the policy keeps can change it
before the engine reads it; the engine writes the text.
]]
local DAY_MIN, DAY_MAX = cc.from_ymd(1, 1, 1), cc.from_ymd(9999, 12, 31)
local function checked_due(s, due)
	if type(due) == "string" then
		local lo, hi = cc.parse_interval(due)
		if not lo then result_error(s, "returned a bad due date '%s': %s", due, hi) end
		return dates.span(lo, hi, 0)
	end
	if type(due) ~= "table" then
		result_error(s, "field 'due' must be a date (\"YYYY-MM-DD\" or \"LO/HI\") or a span {lo, hi}, got %s", type(due))
	end
	local lo, hi, prec = due.lo, due.hi, due.prec
	if math.type(lo) ~= "integer" or math.type(hi) ~= "integer" then
		result_error(s, "returned a bad due span: lo and hi must be day numbers (whole numbers), got %s and %s",
			math.type(lo) or type(lo), math.type(hi) or type(hi))
	end
	if lo < DAY_MIN or hi > DAY_MAX then
		result_error(s, "returned a bad due span: days %d to %d are not all in the years 0001 to 9999", lo, hi)
	end
	if hi < lo then
		result_error(s, "returned a bad due span: hi (%s) is before lo (%s)", dates.iso(hi), dates.iso(lo))
	end
	if prec ~= nil and prec ~= 0 and prec ~= 1 and prec ~= 2 then
		result_error(s, "returned a bad due span: prec must be 0 (a day), 1 (a month) or 2 (a year), got %s",
			type(prec) == "number" and tostring(prec) or type(prec))
	end
	return dates.span(lo, hi, prec)
end

-- The nearest name in SET to WORD, or nil: engine/suggest.c's did-you-mean.
local function nearest_name(word, set)
	return cc.suggest(word, set)
end

checked_result = function(s, r)
	if type(r) ~= "table" then
		result_error(s, "must return a table with a 'status', got %s", type(r))
	end
	-- the fields counted and, as they come, checked: when each is a known
	-- name of the right type there is no fault to find
	local n, clean = 0, true
	for k, v in next, r do
		n = n + 1
		if n > MAX_RESULT_FIELDS then result_error(s, "returned more than %d fields", MAX_RESULT_FIELDS) end
		if clean then
			local want = RESULT_FIELDS[k]
			if not want or (want ~= "span" and type(v) ~= want) then clean = false end
		end
	end
	local keys = NONE
	if not clean then
		keys = {}
		for k in next, r do keys[#keys + 1] = k end
		-- names in order, then other keys by type: the same fault first in every run
		table.sort(keys, M.dsl.key_order)
	end
	for _, k in ipairs(keys) do
		if type(k) ~= "string" then result_error(s, "returned a field with a %s key", type(k)) end
		local want, v = RESULT_FIELDS[k], r[k]
		if not want then
			local hint = nearest_name(k, RESULT_FIELDS)
			result_error(s, "returned unknown field '%s'%s", k,
				hint and (" (did you mean '" .. hint .. "'?)") or
				" (a check returns status, message, due, done, trigger, evidence, days_late, regime, detail, cite, limit)")
		end
		if want ~= "span" and type(v) ~= want then
			result_error(s, "field '%s' must be a %s, got %s", k, want, type(v))
		end
	end
	if not r.status then result_error(s, "must return a table with a 'status'") end
	if not RESULT_STATUS[r.status] then
		result_error(s, "returned unknown status '%s' (expected %s)", r.status, RESULT_STATUS_WORDS)
	end
	if r.days_late and math.type(r.days_late) ~= "integer" then
		result_error(s, "field 'days_late' must be a whole number")
	end
	if r.regime and not s.in_force[r.regime] then
		result_error(s, "returned regime '%s', which the step is not in force under", r.regime)
	end
	local ev, due = r.evidence, r.due
	if due ~= nil then due = checked_due(s, due) end
	if ev then
		local len = rawlen(ev)
		if len > MAX_EVIDENCE then result_error(s, "returned more than %d evidence ids", MAX_EVIDENCE) end
		for k in next, ev do
			if math.type(k) ~= "integer" or k < 1 or k > len then
				result_error(s, "field 'evidence' must be a list of event ids")
			end
		end
		for i = 1, len do
			if type(ev[i]) ~= "string" then
				result_error(s, "evidence %d must be an event id (a string), got %s", i, type(ev[i]))
			end
		end
	end
	return r, due
end

-- The span at which a recurring duty stops (every.ends), or nil.
local function recurring_end(ends, m, ctx)
	local within = m or ctx.case
	if ends == nil then return nil end
	if ends == "leaving" then return ctx.case:leaving() end
	if type(ends) == "string" then return within:first(ends) end
	if type(ends) == "function" then return guard(ends, m or ctx.case, ctx) end
	local best
	for _, x in ipairs(ends.earliest) do
		if type(x) == "string" then x = within:first(x) else x = guard(x, m or ctx.case, ctx) end
		if x and (not best or x.lo < best.lo) then best = x end
	end
	return best
end

-- "15 January 2010", "2001": a span's date in words, without "on" or "in".
local function bare_when(span)
	return (dates.when(span):gsub("^%a+ ", ""))
end

--[[
A recurring duty (step.every; recurring.lua decides): a schedule of reports
from the trigger, or a chain of renewals. The step's says give a template per
status; `pass` is the whole duty kept, `upcoming` nothing due yet,
`not_applicable` the duty ended before its first occurrence (or, in a chain,
there is nothing to renew), `gap` an unknown that rests on a gap.
]]
local function run_recurring(s, step, m, ctx, f)
	local every, says = step.every, step.says or NONE
	local lim = limits_for(s, ctx.regime)
	local unit, n = ctx:period_of(every.period)
	local function next_due(x) return dates.due(unit, n, x) end
	local ends = recurring_end(every.ends, m, ctx)
	if ends and ends.type then ends = dates.of(ends) end
	local vars = { as_of = dates.long(ctx.as_of), trigger_when = "", done_when = "", due = "", due_when = "",
		days_late_words = "", settle = "", start = "", start_date = "", ends_when = ends and dates.when(ends) or "",
		limit = nil, basis = nil, limit_source = nil, period = nil }
	limit_vars(vars, lim, unit, n)
	local function say(key, fallback)
		local tpl = says[key] or says[fallback]
		if not tpl then error("step '" .. s.id .. "' has no message for '" .. key .. "' (says." .. key .. ")", 0) end
		f[F_MESSAGE] = render(tpl, vars)
	end
	local v, lines
	if ctx.want_detail then
		lines = { "recurs: every " .. dates.period(unit, n) ..
			(ends and (", until " .. dates.iso_span(ends)) or ", until the as-of date") }
	end
	if every.chain then
		local list = guard(every.chain, m or ctx.case, ctx)
		if type(list) ~= "table" then error("every.chain must return a list of spans or events", 0) end
		local copy = {}
		for i = 1, rawlen(list) do
			local x = list[i]
			if type(x) ~= "table" or math.type(x.lo) ~= "integer" or math.type(x.hi) ~= "integer" then
				error("every.chain must return a list of spans or events; item " .. i .. " is not one", 0)
			end
			copy[i] = { lo = x.lo, hi = x.hi, prec = x.prec, id = x.id, label = tostring(x.label or x.id or "") }
		end
		if #copy == 0 then
			say("not_applicable")
			return f
		end
		local until_day = ends and math.min(ends.lo, ctx.as_of) or ctx.as_of
		if lines then
			for _, x in ipairs(copy) do lines[#lines + 1] = "  entry: " .. x.label .. " " .. dates.iso_span(x) end
		end
		v = recurring.chain(copy, next_due, until_day, every.gaps and gapped(ctx, every.gaps) or nil)
		if v.last then
			vars.start, vars.start_date = v.last.label, bare_when(v.last)
			if v.status == "fail" then f[F_EVIDENCE] = { v.last.id } end
		end
		if v.after then vars.trigger_when = dates.when(v.after) end
	else
		local t, _, why = resolve_trigger(step, m, ctx)
		if not t then
			f[F_MESSAGE] = sentence(why)
			return f
		end
		vars.trigger_when = dates.when(t)
		local fu, fn = unit, n
		if every.first then fu, fn = ctx:period_of(every.first) end
		if lines then
			table.insert(lines, 1, "trigger: " .. dates.iso_span(t) .. "; first due " .. dates.period(fu, fn) .. " after")
		end
		local spec, done = step.done_by, {}
		local types = type(spec.type) == "table" and spec.type or { spec.type }
		for _, ty in ipairs(types) do
			for _, e in ipairs(m:all(ty)) do
				if accepts(ctx, spec, e, m) then done[#done + 1] = e end
			end
		end
		if #types > 1 then
			table.sort(done, function(a, b) return a.lo < b.lo or (a.lo == b.lo and a.id < b.id) end)
		end
		v = recurring.schedule(t, function(x) return dates.due(fu, fn, x) end, next_due, ends, ctx.as_of, done,
			gapped(ctx, spec.type))
		if v.ended then
			say("not_applicable")
			return f
		end
		if v.upcoming then
			f[F_STATUS], f[F_DUE] = "pending", v.upcoming
			vars.due, vars.due_when = dates.by(v.upcoming), dates.when(v.upcoming)
			say("upcoming", "pending")
			set_deadline(f, lim)
			if lines then f[F_DETAIL] = table.concat(lines, "\n") .. "\nnothing due yet; the first is due " .. dates.iso_span(f[F_DUE]) end
			return f
		end
		f[F_EVIDENCE] = v.evidence
	end
	f[F_STATUS] = v.status
	if v.due then
		f[F_DUE] = v.due
		vars.due, vars.due_when = dates.by(v.due), dates.when(v.due)
	end
	if v.done then
		vars.done_when = dates.when(dates.of(v.done))
		if every.chain then
			f[F_DONE], f[F_EVIDENCE] = dates.iso_span(v.done), { v.done.id }
		else
			f[F_DONE] = v.done.date
		end
	end
	if v.status == "late" then
		f[F_DAYS_LATE] = v.days_late
		vars.days_late_words = days_words(v.days_late)
	elseif v.status == "pass" and not every.chain then
		f[F_DAYS_LATE] = 0
	elseif v.status == "unknown" and v.settle then
		vars.settle = settle_words(v.settle, v.gap, v.due, nil, v.done, v.due, ctx.as_of)
	end
	if v.status == "unknown" and v.gap then say("gap", "unknown") else say(v.status) end
	set_deadline(f, lim)
	if lines then
		lines[#lines + 1] = "decided by: " .. (v.due and ("the occurrence due " .. dates.iso_span(v.due)) or "the dates") ..
			(v.done and ("; satisfied by " .. (v.done.id and ("'" .. v.done.id .. "' ") or "") .. dates.iso_span(v.done)) or "")
		f[F_DETAIL] = table.concat(lines, "\n")
	end
	return f
end

-- Listing duties (a step's 'lists'): scripts/listing.lua, with the helpers it shares.
local listing = cc.module("listing", M)({ render = render, fill = fill, resolve_trigger = resolve_trigger,
	gapped = gapped, accepts = accepts })

-- The finding of step S (STEP: its declaration, from plain_steps) for
-- matter M under REGIME. H is the evaluation's hidden state (hidden[ctx]),
-- LAW the step's entry of laws_for, REF the date that decided the regime.
local function run_step(s, step, m, ctx, h, regime, ref, law)
	local track = m and ctx.track or nil
	local f = new_finding(s, m, "not_applicable", regime, law)
	ctx.matter, ctx.regime, ctx.step = m, regime and regime.id or nil, s.id
	h.meta_step, h.step = s, step
	if m and not regime then
		f[F_MESSAGE] = "No regime of this policy was in force " .. dates.when(ref) .. "."
		return f
	end
	if m and not s.in_force[regime.id] then
		f[F_MESSAGE] = sentence(step.why_not_in_force or
			("the duty is not part of the " .. regime.id .. " regime (" .. regime.title .. ")"))
		return f
	end
	local unsure_in_force
	if (s.in_force_from or s.in_force_to) and m then
		-- the duty began (or ended) on a day of its own: judged against the
		-- trigger, when there is one; a trigger whose dates straddle the day
		-- leaves it unsure, when the step says so (why_unsure), once applies agrees
		local t, e = resolve_trigger(step, m, ctx)
		if t then
			local lo, hi = s.in_force_from, s.in_force_to
			local words = { trigger = (step.says or NONE).trigger or DEFAULT_PHRASES.trigger,
				trigger_when = dates.when(t), trigger_date = e and e.date or "" }
			if type(words.trigger) == "function" then words.trigger = guard(words.trigger, m, ctx) end
			if (lo and t.hi < lo) or (hi and t.lo > hi) then
				f[F_MESSAGE] = render(step.why_not_yet, words) .. "."
				return f
			end
			if step.why_unsure and ((lo and t.lo < lo) or (hi and t.hi > hi)) then
				unsure_in_force = render(step.why_unsure, words) .. "."
				f[F_TRIGGER] = e and e.id or nil
			end
		end
	end
	if step.applies then
		local ok, why, unsure = guard(step.applies, m, ctx)
		-- a third value: the record cannot settle whether the duty applies
		-- (the in-force date's doubt, if any, is named first)
		if not ok and unsure then
			f[F_STATUS], f[F_MESSAGE] = "unknown", unsure_in_force or sentence(why or "whether the step applies cannot be settled")
			if not unsure_in_force then
				local _, e = resolve_trigger(step, m, ctx)
				f[F_TRIGGER] = e and e.id or nil
			end
			set_deadline(f, pick_limit(s, limits_for(s, ctx.regime), nil, ctx.regime))
			return f
		end
		if not ok and m and m.categories_possible then
			-- would it apply were the allegation also of a category the sources leave open?
			local definite = m.categories
			m.categories = m.categories_possible
			local ok2, ran = pcall(guard, step.applies, m, ctx)
			m.categories = definite
			if not ok2 then error(ran, 0) end
			if ran then
				f[F_STATUS] = "unknown"
				f[F_MESSAGE] = "Whether this duty applies turns on how the allegation is categorised: " ..
					"the record leaves open whether it is also " .. table.concat(m.possible_list, " or ") ..
					" (possible_categories); without that, " .. (why or "the step does not apply") .. "."
				return f
			end
		end
		if not ok then
			f[F_MESSAGE] = sentence(why or "the step does not apply to this matter")
			f[F_TRIGGER] = nil
			return f
		end
	end
	if unsure_in_force then
		f[F_STATUS], f[F_MESSAGE] = "unknown", unsure_in_force
		set_deadline(f, pick_limit(s, limits_for(s, ctx.regime), nil, ctx.regime))
		return f
	end
	if step.check or step.lists then
		local r, due
		if step.lists then
			r = listing.judge(step, m, ctx, h)
			due = r.due
		else
			r, due = checked_result(s, guard(step.check, m or ctx.case, ctx))
		end
		for k, v in next, r do
			local slot = RESULT_SLOT[k]
			if slot then f[slot] = v end
		end
		if r.regime then
			-- the regime the check chose brings its duty, and its citation
			-- unless the check gives its own
			f[F_REGIME], f[F_DUTY] = r.regime, duty_for(s, r.regime)
			f[F_CITE] = r.cite or cite_for(s, r.regime, track)
		end
		f[F_DUE] = due
		if not f[F_MESSAGE] then f[F_MESSAGE] = f[F_STATUS] end
		local set = limits_for(s, f[F_REGIME])
		local lim = pick_limit(s, set, r.limit, f[F_REGIME])
		if f[F_STATUS] ~= "not_applicable" and f[F_STATUS] ~= "error" then
			if set and not lim then
				local names = {}
				for k in pairs(set) do names[#names + 1] = k end
				table.sort(names)
				error("step '" .. s.id .. "' has several time limits for regime '" .. tostring(f[F_REGIME]) ..
					"' (" .. table.concat(names, ", ") .. "): its check must name one (limit = \"" .. names[1] .. "\")", 0)
			elseif not set and f[F_DUE] then
				error("step '" .. s.id .. "' gave a due date but declares no time limit ('limit') for regime '" ..
					tostring(f[F_REGIME]) .. "'", 0)
			end
		end
		set_deadline(f, lim)
		return f
	end
	if step.every then return run_recurring(s, step, m, ctx, f) end
	return run_declared(s, step, m, ctx, f)
end

--[[
An event's `assumption` (what it takes beyond its sources, case format) is
shown in every finding that rests on it: the finding's trigger or evidence.
So a reader sees, beside the verdict, what the verdict assumes.
]]
local function show_assumptions(f, assumed, at)
	if f[F_STATUS] == "not_applicable" or f[F_STATUS] == "error" or not f[F_MESSAGE] then return end
	-- the finding's events that carry one, by their place in ASSUMED (AT:
	-- id -> place), so a finding costs its own events, not the case's
	local hits = {}
	if type(f[F_TRIGGER]) == "string" and at[f[F_TRIGGER]] then hits[1] = at[f[F_TRIGGER]] end
	for _, id in ipairs(type(f[F_EVIDENCE]) == "table" and f[F_EVIDENCE] or NONE) do
		if at[id] then hits[#hits + 1] = at[id] end
	end
	if #hits == 0 then return end
	table.sort(hits)	-- date order, as ASSUMED
	local seen, last = {}, nil
	for _, k in ipairs(hits) do
		local e = assumed[k]
		if k ~= last and not seen[e.assumption] then
			seen[e.assumption] = true
			f[F_MESSAGE] = f[F_MESSAGE] .. " Assumption ('" .. e.id .. "'): " .. e.assumption
		end
		last = k
	end
end

local STATUS = {}	-- every status (cc.statuses: vocab.c's one list)
for _, name in ipairs(cc.statuses) do STATUS[name] = true end

-- Why finding F of step S cannot stand, or nil: a status the engine does
-- not know, or one the policy declares the step cannot give.
local function status_fault(s, f)
	local st = f[F_STATUS]
	if not STATUS[st] then
		return "step '" .. s.id .. "' returned unknown status '" .. tostring(st) .. "'"
	end
	if s.cannot and s.cannot[st] then
		-- the policy said this cannot happen (cannot = {...}): its claim, checked
		return "step '" .. s.id .. "' gave '" .. st .. "', which it declares it cannot (" ..
			s.cannot[st] .. "): the policy is wrong here"
	end
	return nil
end

-- The 'error' finding of step S for matter M (nil: the case), which raised E.
local function error_finding(s, m, regime, e)
	-- an error object that is not text is named by its type: its
	-- tostring would be an address, different in every run
	local msg = (type(e) == "string" or type(e) == "number") and tostring(e)
		or ("(error object is a " .. type(e) .. " value)")
	-- an error names no regime and no citation; a duty only when the
	-- step is in force under the matter's regime
	local f = new_finding(s, m, "error", nil,
		{ nil, regime and s.in_force[regime.id] and duty_for(s, regime.id) or nil })
	f[F_MESSAGE] = msg
	return f
end

--[[
The steps J judges (per matter for matter J.m, or per case when J.m is nil)
from place FIRST in meta.step_list on, each finding appended to J.out, J.at
the place of the step being judged. judge_steps runs this under pcall; a
step that raises, or gives a status it cannot, stops it there. When the
case has events with an assumption it returns after each finding (its
step's place), for judge_steps to show them outside the pcall: an error
there is the engine's, never a finding.
]]
local function judge_steps_from(j, first)
	local steps, decls, laws, out, m, ctx, h = j.steps, j.decls, j.laws, j.out, j.m, j.ctx, j.h
	local per_case = m == nil
	for si = first, #steps do
		local s = steps[si]
		if s.per_case == per_case then
			j.at = si
			local f = run_step(s, decls[si], m, ctx, h, j.regime, j.ref, laws[si])
			local fault = status_fault(s, f)
			if fault then error(fault, 0) end
			out[#out + 1] = f
			if ctx.assumed[1] then return si end
		end
	end
	return nil
end

--[[
Every step J selects judged, in order, into J.out (judge_steps_from), under
one pcall until a step raises: that step becomes an 'error' finding and the
others still run, under a new pcall (one a matter, not one a step, when none
raises). A budget trip cannot be caught this way: the hook raises again at
the next instruction.
]]
local function judge_steps(j)
	local first = 1
	while first do
		local ok, at = pcall(judge_steps_from, j, first)
		if not ok then
			j.out[#j.out + 1] = error_finding(j.steps[j.at], j.m, j.regime, at)
			first = j.at + 1
		elseif at then
			show_assumptions(j.out[#j.out], j.ctx.assumed, j.h.assumed_at)
			first = at + 1
		else
			first = nil
		end
	end
end

--[[
The date that decides a matter's regime: the policy's regime_date(m, ctx)
when it declares one (an event or a span; nil falls back), else the
awareness date, else the allegation date.
]]
local function matter_date(info, m, ctx)
	if info.regime_date then
		local d = guard(info.regime_date, m, ctx)
		if d ~= nil then
			if type(d) ~= "table" or math.type(d.lo) ~= "integer" or math.type(d.hi) ~= "integer" then
				error("policy regime_date must return an event, a span {lo, hi} or nil", 0)
			end
			return d
		end
	end
	return m.aware or m.allegation
end

-- The matter's track (a name the policy declares in 'tracks'), or nil.
local function matter_track(info, meta, m, ctx)
	if not info.track then return nil end
	local t = guard(info.track, m, ctx)
	if t == nil then return nil end
	for _, k in ipairs(meta.tracks) do
		if k.name == t then return t end
	end
	error("policy track returned '" .. tostring(t) .. "', which is not one of its declared tracks", 0)
end

--[[
Evaluate DECL (this run's declarations) with META (from load) over CASE as of
the day AS_OF, with PARAMS (name -> number). The findings go to EMIT (a list
at a time, in order) as soon as each matter is judged, then the per-case
ones: what Lua holds stays one matter's worth however many the case has.
]]
function evaluate.run(meta, decl, case, as_of, params, want_detail, emit)
	local ctx = setmetatable({ case = case, as_of = as_of, params = params,
		want_detail = want_detail, unknown_aware = nil, matter = nil, regime = nil, step = nil, track = nil,
		assumed = nil }, CtxMeta)
	-- the events that carry an assumption, in date order (usually none), and
	-- each one's place in that list by its id
	local assumed, assumed_at = {}, {}
	for _, e in ipairs(case.events) do
		if e.assumption then
			assumed[#assumed + 1] = e
			assumed_at[e.id] = #assumed
		end
	end
	local h = { meta_step = nil, step = nil, assumed_at = assumed_at }
	hidden[ctx] = h
	ctx.assumed = assumed
	-- the policy's words for a matter no awareness rule made known
	ctx.unknown_aware = decl.awareness and decl.awareness.unknown or
		"no event made the matter known as the policy's awareness rules require, so the duty never arose"
	local matters = case.matters
	local info = decl.info or NONE
	-- what judge_steps needs; per matter, its matter, regime, laws and findings
	local j = { steps = meta.step_list, decls = plain_steps(meta, decl), ctx = ctx, h = h,
		m = nil, regime = nil, ref = nil, laws = nil, out = nil, at = nil }
	for mi = 1, #matters do
		local m = matters[mi]
		ctx.matter, ctx.regime, ctx.step, ctx.track = m, nil, nil, nil
		local ref = matter_date(info, m, ctx)
		local regime = regime_at(meta, ref.lo)
		ctx.regime = regime and regime.id or nil
		ctx.track = matter_track(info, meta, m, ctx)
		j.m, j.regime, j.ref, j.laws, j.out = m, regime, ref, laws_for(meta, regime, ctx.track), {}
		judge_steps(j)
		emit(j.out)
	end
	ctx.track = nil
	local case_regime = regime_at(meta, as_of)
	j.m, j.regime, j.ref, j.laws, j.out = nil, case_regime, nil, laws_for(meta, case_regime, nil), {}
	judge_steps(j)
	emit(j.out)
end

return evaluate
