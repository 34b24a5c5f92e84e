--[[
recurring.lua: the verdict of a recurring duty (a step's `every`), over spans
of days; evaluate.lua renders it. Two shapes (policy-guide.md, "Recurring
duties"):

  schedule: due a first time some period after the trigger, then every
            period after the previous due date, until the duty ends; each
            occurrence is met by the first satisfying event after the
            previous due date, and the worst occurrence decides.
  chain:    each entry of a chain (a clearance, a renewal) must be followed by
            the next within the period; the latest must not run out before
            the duty ends; the longest delay decides.

Pure functions: no case, no policy. The loops are bounded by the number of
occurrences before the as-of date and the length of the lists given, and a
period of less than one day is refused, so no declaration can make them spin.
]]
local _, M = ...
local judge = M.judge
local recurring = {}

local RANK = { pass = 1, pending = 2, unknown = 3, late = 4, fail = 5 }

local function refuse_empty(a, b)
	if b.lo <= a.lo then error("a recurring duty's period must be at least one day", 0) end
end

--[[
SCHEDULE. START: the trigger span; FIRST(span) and NEXT(span): the due span
that far after a span; ENDS: the span at which the duty stops, or nil;
AS_OF: the day judged; DONE: the satisfying events, in date order; GAP: the
gap that covers them, or nil. Returns a verdict:
  { ended = true } when the duty ended before its first occurrence;
  { upcoming = due } when nothing has fallen due yet;
  { status, due, done, days_late, settle, gap, evidence } for the worst
  occurrence (the earliest of the worst), EVIDENCE every event used.
]]
function recurring.schedule(start, first, next_due, ends, as_of, done, gap)
	local point = first(start)
	if ends and ends.hi < point.lo then return { ended = true } end
	local worst, prev, evidence, cursor = nil, nil, {}, 1
	while point.lo <= as_of and (not ends or point.lo < ends.lo) do
		local after = next_due(point)
		refuse_empty(point, after)
		-- events on or before the previous due date can never count again
		while done[cursor] and prev and done[cursor].lo <= prev.hi do cursor = cursor + 1 end
		local rep = done[cursor]
		if rep and rep.lo > after.hi then rep = nil end
		if rep then
			cursor = cursor + 1
			evidence[#evidence + 1] = rep.id
		end
		local status, days_late, settle, g = judge.deadline(point, rep, as_of, (not rep) and gap or nil)
		if not worst or RANK[status] > RANK[worst.status] then
			worst = { status = status, due = point, done = rep, days_late = days_late, settle = settle, gap = g }
		end
		prev, point = point, after
	end
	if not worst then return { upcoming = point } end
	worst.evidence = evidence
	return worst
end

--[[
CHAIN. LIST: spans with optional label and id, sorted here by start; NEXT(span):
the due span one period later; UNTIL: the day the duty stops (leaving or the
as-of date); GAP: the gap that covers renewals, or nil. Returns a verdict:
  { status = "fail"|"unknown", last, due, gap } when the latest ran out;
  { status = "late", after, due, done, days_late } for the longest delay;
  { status = "unknown" } when the dates cannot settle it;
  { status = "pass", due } with the latest's expiry.
]]
function recurring.chain(list, next_due, until_day, gap)
	table.sort(list, function(a, b) return a.lo < b.lo end)
	local worst_late, unsure
	for i = 1, #list - 1 do
		local due = next_due(list[i])
		refuse_empty(list[i], due)
		local nxt = list[i + 1]
		if nxt.lo > due.hi then
			local late = nxt.lo - due.hi
			if not worst_late or late > worst_late.days_late then
				worst_late = { status = "late", days_late = late, due = due, after = list[i], done = nxt }
			end
		elseif nxt.hi > due.lo then
			unsure = true
		end
	end
	local last = list[#list]
	local expiry = next_due(last)
	refuse_empty(last, expiry)
	if expiry.hi < until_day then
		return { status = gap and "unknown" or "fail", last = last, due = expiry, gap = gap }
	end
	if worst_late then return worst_late end
	if unsure or expiry.lo < until_day then return { status = "unknown" } end
	return { status = "pass", due = expiry }
end

return recurring
