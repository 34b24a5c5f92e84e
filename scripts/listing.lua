--[[
listing.lua: listing duties, a step's `lists`. One event, on time and before
any closing decision, must list in one of its fields (a list of allegation
ids) every earlier matter of the case: a check or an assessment that leaves
one out does not count (policy-guide.md, "Listing duties").

Cost is linear in the case (n log n at worst): the earlier matters are a
prefix of one order of the case's matters, indexed once per case, so a
listing event costs the length of its own list, and a message names at most
NAMED matters and counts the rest, never the whole case per missed matter.
]]
local _, M = ...
local dates = M.dates

-- A message names this many missed matters and counts the others: enough for
-- a reader to find the first ones in the record, short enough to read.
local NAMED = 5

local function as_list(v)
	if type(v) == "table" then return v end
	return { v }
end

local function join(list)
	if #list <= 1 then return list[1] or "" end
	return table.concat(list, ", ", 1, #list - 1) .. " and " .. list[#list]
end

--[[
The per-case index (built at the first listing step of a case, kept with the
evaluation's hidden state): the matters professional standards knew of in
the order their awareness ended (ties: the case's order), so "known before
day D" is a prefix found by binary search; and for each order, a matter's
position in it by the matter's id. A listed id is then one lookup to an
integer: on a long case, following it to the matter's table and from there
to its position touched memory all over the heap, most of the time the
listing duties took at 10,000 matters.
]]
local function case_index(case)
	local known = {}
	for _, o in ipairs(case.matters) do
		if o.aware then known[#known + 1] = o end
	end
	table.sort(known, function(a, b)
		if a.aware.hi ~= b.aware.hi then return a.aware.hi < b.aware.hi end
		return a.index < b.index
	end)
	local known_at, case_at, seen = {}, {}, {}
	for i, o in ipairs(known) do known_at[o.id] = i end
	for i, o in ipairs(case.matters) do
		case_at[o.id] = o.index
		seen[i] = 0	-- an array, one slot per position (see count_missed)
	end
	return { known = known, known_at = known_at, case_at = case_at, notes = {}, seen = seen, stamp = 0,
		specs = {} }
end

-- How many of KNOWN have an awareness that ended before DAY.
local function known_before(known, day)
	local lo, hi = 0, #known
	while lo < hi do
		local mid = (lo + hi + 1) // 2
		if known[mid].aware.hi < day then lo = mid else hi = mid - 1 end
	end
	return lo
end

--[[
The earlier matters of M as a prefix: ORDER (a list of matters), K (its
length), AT (matter id -> position in ORDER) and SELF (whether M itself lies
in the prefix, so the count excludes it).
]]
local function earlier_of(idx, case, spec, m, t)
	if spec.earlier == "known_before" then
		local k = known_before(idx.known, t.lo)
		local r = idx.known_at[m.id]
		return idx.known, k, idx.known_at, r ~= nil and r <= k
	end
	-- "earlier_allegations": the matters before M in the case's order
	return case.matters, m.index - 1, idx.case_at, false
end

--[[
The note events of TYPE by matter, for `note`: the first event re each
matter, and the events re no matter (in date order, so the first on or after
a day is a binary search).
]]
local function note_index(case, ty)
	local by_re, whole = {}, {}
	local list = case:all(ty)
	for i = 1, #list do
		local e = list[i]
		if e.re == nil then
			whole[#whole + 1] = i
		elseif by_re[e.re] == nil then
			by_re[e.re] = i
		end
	end
	return { list = list, by_re = by_re, whole = whole }
end

-- The first note event re matter O, or re no matter on or after O's allegation.
local function note_for(ni, o)
	local a = ni.by_re[o.id]
	local whole, list, day = ni.whole, ni.list, o.allegation.lo
	local lo, hi = 1, #whole + 1
	while lo < hi do
		local mid = (lo + hi) // 2
		if list[whole[mid]].lo >= day then hi = mid else lo = mid + 1 end
	end
	local b = whole[lo]
	if a and b then return list[math.min(a, b)] end
	local p = a or b
	return p and list[p] or nil
end

return function(H)
	local render, fill, resolve_trigger, gapped, accepts = H.render, H.fill, H.resolve_trigger, H.gapped, H.accepts
	local listing = {}

	--[[
	How many of the earlier matters event E leaves out: the prefix's size
	less the distinct ids of E's list that name a matter in it. Distinct: a
	position counts once, marked in the case index's SEEN with this call's
	stamp, an array reused by every call (a fresh table per listing event
	was most of the cost, and garbage).
	]]
	local function count_missed(e, spec, m, pre)
		if pre.covers[e.type] then return 0 end
		local ids = e[spec.field]
		local k = pre.k
		local n = k - (pre.self and 1 or 0)
		if type(ids) ~= "table" then return n end
		local idx, at, self_id = pre.idx, pre.at, m.id
		local seen, stamp = idx.seen, idx.stamp + 1
		idx.stamp = stamp
		for i = 1, #ids do
			local id = ids[i]
			local r = at[id]
			if r and r <= k and id ~= self_id and seen[r] ~= stamp then
				seen[r] = stamp
				n = n - 1
			end
		end
		return n
	end

	-- The first NAMED matters of the prefix E does not list, in the case's
	-- order. The positions E lists are marked in SEEN, as count_missed does.
	local function first_missed(e, spec, m, pre)
		local ids, at, idx = e[spec.field], pre.at, pre.idx
		local seen, stamp = idx.seen, idx.stamp + 1
		idx.stamp = stamp
		if type(ids) == "table" then
			for i = 1, #ids do
				local r = at[ids[i]]
				if r then seen[r] = stamp end
			end
		end
		local out = {}
		for i = 1, pre.k do
			if seen[i] ~= stamp then
				local o = pre.order[i]
				if o ~= m then
					out[#out + 1] = o
					if #out == NAMED then break end
				end
			end
		end
		table.sort(out, function(a, b) return a.index < b.index end)
		return out
	end

	--[[
	Judge the listing duty of STEP for matter M: a finding-shaped result, as a
	check function returns (evaluate.lua's run_step completes it).
	]]
	function listing.judge(step, m, ctx, h)
		local spec, says = step.lists, step.says or {}
		local t, t_event = resolve_trigger(step, m, ctx)
		if not t then return { status = "not_applicable", message = "The duty never arose." } end
		local case = ctx.case
		local idx = h.listing
		if not idx or idx.case ~= case then
			idx = case_index(case)
			idx.case = case
			h.listing = idx
		end
		local order, k, at, self = earlier_of(idx, case, spec, m, t)
		-- the spec's types and covers_all, as a list and a set: once per case
		local sp = idx.specs[spec]
		if not sp then
			sp = { types = as_list(spec.type), covers = {} }
			for _, ty in ipairs(as_list(spec.covers_all or {})) do sp.covers[ty] = true end
			idx.specs[spec] = sp
		end
		local pre = { order = order, k = k, at = at, self = self, covers = sp.covers, idx = idx }
		local unit, n = ctx:period_of(step.within)
		local due = dates.due(unit, n, t)
		local close = m:closing()
		local types = sp.types
		local complete, partial, partial_missed
		for _, ty in ipairs(types) do
			local list = m:all(ty)
			for i = 1, #list do
				local e = list[i]
				if e.hi >= t.lo and (not close or e.lo <= close.hi) and accepts(ctx, spec, e, m) then
					local missed = count_missed(e, spec, m, pre)
					if missed == 0 then
						if not complete or e.lo < complete.lo then complete = e end
					elseif not partial or e.lo < partial.lo then
						partial, partial_missed = e, missed
					end
				end
			end
		end
		local vars = { what = says.what, count = m.index }
		local trigger = t_event or t
		if complete then
			return ctx:deadline { trigger = trigger, due = due, within = step.within, done = complete, vars = vars }
		end
		if partial and ctx.as_of > due.lo then
			local missed = first_missed(partial, spec, m, pre)
			local others = partial_missed - #missed
			local names, notes = {}, {}
			local ni
			if spec.note then
				ni = idx.notes[spec.note.type]
				if not ni then
					ni = note_index(case, spec.note.type)
					idx.notes[spec.note.type] = ni
				end
			end
			for _, o in ipairs(missed) do
				names[#names + 1] = "allegation '" .. o.id .. "' (" .. o.allegation.date .. ")"
				local u = ni and note_for(ni, o)
				if u then
					-- a clause inside the sentence: filled, not capitalised (its
					-- placeholders were checked at load)
					notes[#notes + 1] = fill(spec.note.says, { matter = o.id,
						event = u.type .. " '" .. u.id .. "'", event_when = dates.when(dates.of(u)) })
				end
			end
			if others > 0 then
				names[#names + 1] = others .. (others == 1 and " other" or " others")
			end
			local lim = ctx:limit_words(unit, n)
			local msg = render(says.missed, { what = says.what, count = m.index, missed = join(names),
				notes = #notes > 0 and ("; " .. join(notes)) or "", event_when = dates.when(dates.of(partial)),
				due = dates.by(due), limit = lim })
			return { status = "fail", message = msg, evidence = { partial.id }, due = due,
				trigger = t_event and t_event.id or nil }
		end
		local gap = gapped(ctx, types)
		if close and not gap then
			return { status = "fail", evidence = { close.id }, due = due,
				trigger = t_event and t_event.id or nil,
				message = render(says.closed, { what = says.what, count = m.index,
					close_when = dates.when(dates.of(close)), limit = ctx:limit_words(unit, n), due = dates.by(due) }) }
		end
		return ctx:deadline { trigger = trigger, due = due, within = step.within, done = nil, gap = gap, vars = vars }
	end

	return listing
end
