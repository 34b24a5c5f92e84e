--[[
evaluate.lua: runs a policy's steps over one case and returns the findings.
A declarative step (from, within, done_by, before_close, breach) is judged
here, so that every policy gets the same handling of working days, imprecise
dates, gaps and the as-of date; a step with a 'check' function decides for
itself, with the same helpers at hand (ctx:deadline).
]]
local cc, M = ...
local dates, judge = M.dates, M.judge
local NONE = M.model.EMPTY
-- Every call into policy code goes through guard: the instruction and time
-- budgets count there (engine.c, l_cc_guard), not in the engine's own code.
local guard = cc.guard
local evaluate = {}
local checked_result	-- below, with the fields a check may return

-- The sentence with its first letter in upper case.
local function cap(s)
	local b = s:byte(1)
	if b and b >= 97 and b <= 122 then return string.char(b - 32) .. s:sub(2) end
	return s
end

--[[
Message templates are compiled once into literal and placeholder parts: a
finding's sentence is then one table.concat, not a pattern substitution with
a callback per placeholder (this is the evaluator's hottest path). Templates
are plain strings, so the cache holds no policy state. It lives as long as
the engine but is bounded in bytes: a template is a policy's string, as big
as it likes, and what one case leaves here (at most CACHE_BYTES of templates
and their parts) must not be what makes a later case fail its memory budget.
]]
local CACHE_BYTES = 64 * 1024
local compiled, cached_bytes = {}, 0

local function compile(template)
	local parts = compiled[template]
	if parts then return parts end
	parts = {}
	local pos = 1
	while true do
		local s, e, name = template:find("{(%a[%w_]*)}", pos)
		if not s then
			if pos <= #template then parts[#parts + 1] = template:sub(pos) end
			break
		end
		if s > pos then parts[#parts + 1] = template:sub(pos, s - 1) end
		parts[#parts + 1] = { name, template:sub(s, e) }
		pos = e + 1
	end
	if cached_bytes + #template <= CACHE_BYTES then
		compiled[template] = parts
		cached_bytes = cached_bytes + #template
	end
	return parts
end

-- Fill "{name}" placeholders from VARS; an unknown name is left as is.
local function render(template, vars)
	local parts, buf = compile(template), {}
	for i = 1, #parts do
		local p = parts[i]
		if type(p) == "string" then
			buf[i] = p
		else
			local v = vars[p[1]]
			buf[i] = v == nil and p[2] or tostring(v)
		end
	end
	return cap(table.concat(buf))
end

local DEFAULT_SAYS = {
	pass = "{trigger} {trigger_when} and {done} {done_when}, in time (due by {due}, {period}).",
	late = "{trigger} {trigger_when} but {done} only {done_when}, {days_late_words} after the deadline of {due} ({period}).",
	fail = "{trigger} {trigger_when} but {missing}; {duty} by {due} ({period}).",
	pending = "{trigger} {trigger_when}; {duty} by {due} ({period}), a deadline still ahead on {as_of}.",
	unknown = "{trigger} {trigger_when}; {duty} by {due} ({period}), and the record cannot settle whether that was done: {settle}.",
	closed = "{trigger} {trigger_when} but the matter was closed {close_when} first; {duty} by {due} and before any closing decision.",
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

local function cite_for(s, regime_id)
	return (regime_id and s.cite[regime_id]) or s.cite["*"]
end

local function describe(e)
	return e.type .. " '" .. e.id .. "'"
end

-- The party predicates done_by may name.
local function party_matches(ctx, pid, want, m)
	local case = ctx.case
	if want == "aa" then
		return case:by_aa(pid)
	elseif want == "aa_psd" then
		return pid ~= nil and pid == case.aa_psd
	elseif want == "receiving_force" then
		local f = m and case:force_of(m.allegation.by)
		return f ~= nil and case:party_of_force(pid, f)
	end
	return pid == want
end

local function accepts(ctx, spec, e, m)
	if spec.by and not party_matches(ctx, e.by, spec.by, m) then return false end
	if spec.to and not party_matches(ctx, e.to, spec.to, m) then return false end
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

-- The first of TYPES (a name or a list) listed in the case's gaps, or nil.
local function gapped(ctx, types)
	local gaps = ctx.case.gaps
	if type(types) == "string" then return gaps[types] and types or nil end
	for i = 1, #types do
		if gaps[types[i]] then return types[i] end
	end
	return nil
end

-- The trigger of a step for a matter: a span, the event behind it, and words.
local function resolve_trigger(step, m, ctx)
	local from = step.from or "allegation"
	if from == "allegation" then
		return dates.of(m.allegation), m.allegation
	elseif from == "aware" then
		if not m.aware then
			return nil, nil, "professional standards never knew of the matter, so the duty never arose (the failure lies with intake.route_to_psd or xforce.notify_home_force)"
		end
		return m.aware, m.aware_event
	elseif type(from) == "string" then
		local e = m:all(from)[1]
		if not e then return nil, nil, "there is no " .. from .. " re the matter" end
		return dates.of(e), e
	elseif type(from) == "function" then
		local r, why = guard(from, m, ctx)
		if r == nil then return nil, nil, why or "the step's trigger never happened" end
		if r.type then return dates.of(r), r end
		return r, r.event
	end
	error("step has no usable 'from'", 0)
end

-- Every key a finding may get is in the constructor (nil or not), so that
-- the table is sized once and never rehashed as the step fills it in.
local function new_finding(s, m, status, regime)
	return {
		step = s.id, title = s.title, re = m and m.id or nil, status = status,
		regime = regime and regime.id or nil, cite = cite_for(s, regime and regime.id),
		evidence = nil, trigger = nil, due = nil, done = nil, days_late = nil,
		message = nil, detail = nil,
	}
end

local function add_evidence(f, id)
	local ev = f.evidence
	if not ev then
		f.evidence = { id }
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

-- The declarative duty: trigger, deadline, what satisfies it, what breaches it.
local function run_declared(_, step, m, ctx, f)
	local t, t_event, why = resolve_trigger(step, m, ctx)
	if not t then
		f.status, f.message = "not_applicable", cap(why) .. "."
		return f
	end
	f.trigger = t_event and t_event.id or nil
	local says = step.says or {}
	local function phrase(key)
		local v = says[key] or DEFAULT_PHRASES[key]
		if type(v) == "function" then v = guard(v, m, ctx) end
		return v
	end
	local vars = {
		trigger = phrase("trigger"),
		done = phrase("done"),
		missing = phrase("missing"),
		duty = phrase("duty"),
		trigger_when = dates.when(t),
		as_of = dates.long(ctx.as_of),
		due = nil, period = nil, done_when = nil, days_late_words = nil, settle = nil,
		close_when = nil, event = nil, event_when = nil,
	}

	-- Forbidden events fail the step whatever else happened.
	for _, b in ipairs(step.breach or NONE) do
		local within = b.scope == "case" and ctx.case or m
		for _, ty in ipairs(type(b.type) == "table" and b.type or { b.type }) do
			for _, e in ipairs(within:all(ty)) do
				if not b.where or guard(b.where, e, m, ctx) then
					f.status = "fail"
					add_evidence(f, e.id)
					vars.event_when = dates.when(dates.of(e))
					vars.event = describe(e)
					if step.within then
						local unit, n = ctx:period_of(step.within)
						local due = dates.due(unit, n, t)
						f.due = dates.iso_span(due)
						vars.due = dates.by(due)
					end
					f.message = render(b.says or "{event} {event_when} is not allowed.", vars)
					return f
				end
			end
		end
	end

	if not step.within then
		-- A prohibition with no deadline: nothing forbidden happened.
		local gap
		for _, b in ipairs(step.breach or NONE) do gap = gap or gapped(ctx, b.type) end
		if gap then
			f.status = "unknown"
			f.message = render(says.unknown or ("{trigger} {trigger_when}; the record is silent on " ..
				gap .. " (it is listed in gaps), so whether the duty was kept cannot be settled."), vars)
		else
			f.status = "pass"
			f.message = render(says.pass or "{trigger} {trigger_when} and {done}.", vars)
		end
		return f
	end

	local unit, n = ctx:period_of(step.within)
	local due = dates.due(unit, n, t)
	vars.due = dates.by(due)
	vars.period = dates.period(unit, n)
	f.due = dates.iso_span(due)
	local done = first_satisfying(ctx, step.done_by, m, t)

	if step.before_close then
		local close = m:closing()
		-- A closing decision with nothing done before it fails at once, unless
		-- the record is silent on what would have satisfied the duty (gaps).
		if close and (not done or done.lo > close.hi) and not (not done and gapped(ctx, step.done_by.type)) then
			f.status = "fail"
			add_evidence(f, close.id)
			vars.close_when = dates.when(dates.of(close))
			f.message = render(says.closed or DEFAULT_SAYS.closed, vars)
			return f
		end
	end

	local status, days_late, settle, gap = judge.deadline(due, done, ctx.as_of,
		(not done) and gapped(ctx, step.done_by.type) or nil)
	f.status = status
	if done then
		add_evidence(f, done.id)
		f.done = done.date
		vars.done_when = dates.when(dates.of(done))
	end
	if status == "late" then
		f.days_late = days_late
		vars.days_late_words = days_words(days_late)
	elseif status == "pass" then
		f.days_late = 0
	elseif status == "unknown" then
		vars.settle = settle_words(settle, gap, t, t_event, done, due, ctx.as_of)
	end
	f.message = render(says[status] or DEFAULT_SAYS[status], vars)
	if ctx.want_detail then
		local lines = {
			string.format("trigger: %s %s", t_event and describe(t_event) or "date", dates.iso_span(t)),
			string.format("deadline: %s after %s -> %s", dates.period(unit, n), dates.iso_span(t), f.due),
		}
		if unit == "working_days" then
			local hol = dates.holidays_between(t.lo, due.hi)
			if #hol > 0 then
				lines[#lines + 1] = "  bank holidays skipped: " .. table.concat(hol, ", ")
			end
		end
		lines[#lines + 1] = done and ("satisfied by: " .. describe(done) .. " " .. done.date)
			or "satisfied by: nothing on the record"
		f.detail = table.concat(lines, "\n")
	end
	return f
end

-- The helpers a policy's functions get as CTX.
local Ctx = {}
local CtxMeta = { __index = Ctx, __metatable = false }	-- Ctx itself stays out of reach

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
For check functions: judge a deadline the way declarative steps are judged.
ARGS: trigger (event or span), due (span), done (event or nil), gap (type or
nil), and says (templates as in a step). Returns a finding-shaped table.
]]
function Ctx:deadline(args)
	local t = args.trigger
	if t and t.type then t = dates.of(t) end
	local due = args.due
	local status, days_late, settle, gap = judge.deadline(due, args.done, self.as_of,
		(not args.done) and args.gap or nil)
	local r = { status = status, due = dates.iso_span(due), evidence = nil,
		trigger = args.trigger and args.trigger.id or nil, done = nil, days_late = nil, message = nil }
	if args.done then
		r.done = args.done.date
		r.evidence = { args.done.id }
	end
	if status == "late" then r.days_late = days_late elseif status == "pass" then r.days_late = 0 end
	local vars = {}
	for k, v in pairs(args.vars or {}) do vars[k] = v end
	vars.due = dates.by(due)
	vars.as_of = dates.long(self.as_of)
	vars.trigger_when = t and dates.when(t) or ""
	vars.done_when = args.done and dates.when(dates.of(args.done)) or ""
	vars.days_late_words = days_late and days_words(days_late) or ""
	if status == "unknown" then
		vars.settle = settle_words(settle, gap, t or due, args.trigger and args.trigger.type and args.trigger,
			args.done, due, self.as_of)
	end
	local says = args.says or {}
	r.message = render(says[status] or DEFAULT_SAYS[status] or "{settle}", vars)
	return r
end

-- The first of the given event types listed in the case's gaps, or nil.
function Ctx:gap(...)
	for _, ty in ipairs({ ... }) do
		if self.case.gaps[ty] then return ty end
	end
	return nil
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
	status = "string", message = "string", due = "string", done = "string",
	trigger = "string", evidence = "table", days_late = "number", regime = "string",
	detail = "string",
}
local RESULT_STATUS = { pass = true, late = true, fail = true, pending = true,
	not_applicable = true, unknown = true }
local MAX_RESULT_FIELDS, MAX_EVIDENCE = 16, 1000

local function result_error(s, fmt, ...)
	error(string.format("%s:%d: step '%s': check ", s.source or "?", s.line or 0, s.id) ..
		string.format(fmt, ...), 0)
end

-- The nearest name in SET to WORD (sorted, so the same every run), or nil.
local function nearest_name(word, set)
	local names = {}
	for k in pairs(set) do names[#names + 1] = k end
	table.sort(names)
	local best, bestd
	for _, k in ipairs(names) do
		local d = cc.distance(word, k)
		if d <= math.max(1, #word // 3) and (not bestd or d < bestd) then best, bestd = k, d end
	end
	return best
end

checked_result = function(s, r)
	if type(r) ~= "table" then
		result_error(s, "must return a table with a 'status', got %s", type(r))
	end
	local keys, n = {}, 0
	for k in next, r do
		n = n + 1
		if n > MAX_RESULT_FIELDS then result_error(s, "returned more than %d fields", MAX_RESULT_FIELDS) end
		keys[n] = k
	end
	-- names in order, then other keys by type: the same fault first in every run
	table.sort(keys, function(a, b)
		local sa, sb = type(a) == "string", type(b) == "string"
		if sa and sb then return a < b end
		if sa ~= sb then return sa end
		return type(a) < type(b)
	end)
	for _, k in ipairs(keys) do
		if type(k) ~= "string" then result_error(s, "returned a field with a %s key", type(k)) end
		local want, v = RESULT_FIELDS[k], r[k]
		if not want then
			local hint = nearest_name(k, RESULT_FIELDS)
			result_error(s, "returned unknown field '%s'%s", k,
				hint and (" (did you mean '" .. hint .. "'?)") or
				" (a check returns status, message, due, done, trigger, evidence, days_late, regime, detail)")
		end
		if type(v) ~= want then result_error(s, "field '%s' must be a %s, got %s", k, want, type(v)) end
	end
	if not r.status then result_error(s, "must return a table with a 'status'") end
	if not RESULT_STATUS[r.status] then
		result_error(s, "returned unknown status '%s' (expected pass, late, fail, pending, not_applicable or unknown)",
			r.status)
	end
	if r.days_late and math.type(r.days_late) ~= "integer" then
		result_error(s, "field 'days_late' must be a whole number")
	end
	if r.regime and not s.in_force[r.regime] then
		result_error(s, "returned regime '%s', which the step is not in force under", r.regime)
	end
	local ev = r.evidence
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
	return r
end

local function run_step(s, step, m, ctx, regime)
	local ref = m and (m.aware or m.allegation)
	local f = new_finding(s, m, "not_applicable", regime)
	ctx.matter, ctx.regime, ctx.step = m, regime and regime.id or nil, s.id
	if m and not regime then
		f.message = "No regime of this policy was in force " .. dates.when(ref) .. "."
		f.cite = cite_for(s, nil) or s.cite[s.regimes[1]]
		return f
	end
	if m and not s.in_force[regime.id] then
		f.message = cap(step.why_not_in_force or
			("the duty is not part of the " .. regime.id .. " regime (" .. regime.title .. ")")) .. "."
		f.cite = cite_for(s, regime.id) or s.cite[s.regimes[#s.regimes]]
		return f
	end
	if step.applies then
		local ok, why = guard(step.applies, m, ctx)
		if not ok then
			f.message = cap(why or "the step does not apply to this matter") .. "."
			return f
		end
	end
	if step.check then
		local r = checked_result(s, guard(step.check, m or ctx.case, ctx))
		for k, v in pairs(r) do
			if k == "regime" then
				f.regime = v
				f.cite = cite_for(s, v)
			else
				f[k] = v
			end
		end
		if not f.message then f.message = f.status end
		return f
	end
	return run_declared(s, step, m, ctx, f)
end

local STATUS = { pass = true, late = true, fail = true, pending = true,
	not_applicable = true, unknown = true, error = true }

-- One step for one matter (M nil: for the case), under pcall: a step that
-- raises becomes an 'error' finding and the others still run. A budget trip
-- cannot be caught this way: the hook raises again at the next instruction.
local function run_one(s, step, m, ctx, regime, out)
	local ok, f = pcall(run_step, s, step, m, ctx, regime)
	if ok and not STATUS[f.status] then
		ok, f = false, "step '" .. s.id .. "' returned unknown status '" .. tostring(f.status) .. "'"
	end
	if not ok then
		-- an error object that is not text is named by its type: its
		-- tostring would be an address, different in every run
		local msg = (type(f) == "string" or type(f) == "number") and tostring(f)
			or ("(error object is a " .. type(f) .. " value)")
		f = { step = s.id, title = s.title, re = m and m.id or nil, status = "error",
			message = msg }
	end
	out[#out + 1] = f
end

--[[
Evaluate DECL (this run's declarations) with META (from load) over CASE as of
the day AS_OF, with PARAMS (name -> number). Returns the list of findings.
]]
function evaluate.run(meta, decl, case, as_of, params, want_detail)
	local ctx = setmetatable({ case = case, as_of = as_of, params = params,
		want_detail = want_detail, matter = nil, regime = nil, step = nil }, CtxMeta)
	local out = {}
	local matters, steps = case.matters, meta.step_list
	for mi = 1, #matters do
		local m = matters[mi]
		-- the regime of a matter: in force on its awareness date, else its allegation's
		local regime = regime_at(meta, (m.aware or m.allegation).lo)
		for si = 1, #steps do
			local s = steps[si]
			if not s.per_case then run_one(s, decl.steps[s.id], m, ctx, regime, out) end
		end
	end
	local case_regime = regime_at(meta, as_of)
	for si = 1, #steps do
		local s = steps[si]
		if s.per_case then run_one(s, decl.steps[s.id], nil, ctx, case_regime, out) end
	end
	return out
end

return evaluate
