--[[
judge.lua: the verdict of a deadline duty, with imprecise dates and gaps
(steps.md, "Imprecise dates"; case-format.md, "gaps"). Pure functions over
spans of days; no case, no policy.
]]
local judge = {}

--[[
Judge a duty due within the span DUE, done by the event (or span) DONE or not
at all, as of the day AS_OF. GAP names the event type the record is silent
about, if the verdict would rest on its absence. Returns STATUS, DAYS_LATE
(calendar days after the latest possible due date: the lateness that is
certain), and for an unknown what would settle it ("done", "as_of" or "gap")
and the gap. Multiple values, not a table: this runs for every finding.
]]
function judge.deadline(due, done, as_of, gap)
	if done then
		if done.hi <= due.lo then
			return "pass", 0
		elseif done.lo > due.hi then
			return "late", done.lo - due.hi
		end
		return "unknown", nil, "done"
	end
	local status
	if as_of > due.hi then
		status = "fail"
	elseif as_of <= due.lo then
		status = "pending"
	else
		return "unknown", nil, "as_of"
	end
	if gap then
		return "unknown", nil, "gap", gap
	end
	return status
end

return judge
