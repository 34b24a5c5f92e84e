--[[
dates.lua: spans of days and deadlines, for the evaluator and for policies.
A span is {lo = DAY, hi = DAY, prec = 0|1|2} (day, month, year precision);
DAY is a count of days since 1970-01-01. The arithmetic on bank holidays is
done in C (cc.wd_add), the words here.
]]
local cc = ...

local dates = {}

function dates.span(lo, hi, prec)
	return { lo = lo, hi = hi or lo, prec = prec or 0 }
end

-- The span of an event's date: the event itself, which carries lo, hi and
-- prec (spans are only ever read, so no copy is made).
function dates.of(e)
	return e
end

-- The day number of "YYYY-MM-DD" (an error for anything else).
function dates.day(text)
	local d = cc.parse_day(text)
	if not d then error("expected a YYYY-MM-DD date, got '" .. tostring(text) .. "'", 2) end
	return d
end

function dates.iso(day)
	return cc.iso(day)
end

-- "2019-05-16", or "2019-05-16/2019-06-14" (ISO 8601 interval) when imprecise.
-- The text is date.c's (cc.iso), the form every finding's due date takes.
function dates.iso_span(s)
	return cc.iso(s.lo, s.hi)
end

--[[
The words of a day are asked for again and again (the as-of date and the
trigger in every finding of a matter), so "15 May 2019" and "on 15 May
2019" are kept by day number once made: plain strings, at most MEMO of
each, dropped all at once when full (what is kept never changes what is
written). Only what cc.long accepted is kept, so a bad day is refused the
same way every time.
]]
local MEMO = 1024
local long_memo, on_memo, n_memo = {}, {}, 0

-- "15 May 2019": the words are engine/date.c's (cc.long), as in every report.
local function long(day)
	local w = long_memo[day]
	if w then return w end
	w = cc.long(day)
	if n_memo >= MEMO then long_memo, on_memo, n_memo = {}, {}, 0 end
	long_memo[day] = w
	n_memo = n_memo + 1
	return w
end
dates.long = long

-- How a date reads in a sentence: "on 15 May 2019", "in May 2019", "in 2002",
-- "between 29 January 2002 and 29 January 2003".
function dates.when(s)
	local lo = s.lo
	if lo == s.hi then
		local w = on_memo[lo]
		if w then return w end
		w = "on " .. long(lo)
		on_memo[lo] = w
		return w
	end
	if s.prec == 1 or s.prec == 2 then return "in " .. cc.long(lo, s.prec) end
	return "between " .. long(lo) .. " and " .. long(s.hi)
end

-- "15 May 2019" or "between ... and ..." without the preposition, for "by X".
function dates.by(s)
	if s.lo == s.hi then return long(s.lo) end
	return "a date between " .. long(s.lo) .. " and " .. long(s.hi)
end

-- Years the date helpers accept (engine.c checks the same in C): wider than
-- any career or deadline, and far from integer overflow.
local YEAR_MIN, YEAR_MAX = 1, 9999

function dates.add_months(day, n)
	if math.type(n) ~= "integer" then
		error("add_months expects a whole number of months, got " .. tostring(n), 2)
	end
	local y, m, d = cc.ymd(day)
	if n < -12 * YEAR_MAX or n > 12 * YEAR_MAX then
		error(string.format("date arithmetic out of range: %d months from %s", n, cc.iso(day)), 2)
	end
	local total = (y * 12 + (m - 1)) + n
	if total < 12 * YEAR_MIN or total >= 12 * (YEAR_MAX + 1) then
		error(string.format("date arithmetic out of range: %d months from %s is outside the years %d to %d",
			n, cc.iso(day), YEAR_MIN, YEAR_MAX), 2)
	end
	local ny, nm = total // 12, total % 12 + 1
	local dim = cc.days_in_month(ny, nm)
	if d > dim then d = dim end
	return cc.from_ymd(ny, nm, d)
end

-- Apply a deadline to one day. SPEC = {unit = "working_days"|"days"|"months"|"years", n = N}.
local function add(unit, day, n)
	if unit == "working_days" then
		local out = cc.wd_add(day, n)
		if not out then
			error(string.format("date %s is outside the working-day calendar (%s)",
				cc.iso(day), cc.calendar_range()), 0)
		end
		return out
	elseif unit == "working_days_beginning" then
		-- the N-th working day of the period that starts on DAY (DAY counts
		-- when it is a working day): N working days after the day before
		if n < 1 then return day end
		local out = cc.wd_add(day - 1, n)
		if not out then
			error(string.format("date %s is outside the working-day calendar (%s)",
				cc.iso(day), cc.calendar_range()), 0)
		end
		return out
	elseif unit == "days" then
		return day + n
	elseif unit == "months" then
		return dates.add_months(day, n)
	elseif unit == "years" then
		return dates.add_months(day, 12 * n)
	end
	error("unknown deadline unit '" .. tostring(unit) .. "'", 0)
end
dates.add = add

-- The due span for a trigger span: the deadline applied to both ends.
function dates.due(unit, n, t)
	local lo, hi = t.lo, t.hi
	local due_lo = add(unit, lo, n)
	return { lo = due_lo, hi = hi == lo and due_lo or add(unit, hi, n), prec = 0 }
end

local UNIT_WORDS = {
	working_days = { "working day", "working days" },
	days = { "day", "days" },
	months = { "month", "months" },
	years = { "year", "years" },
}

-- "5 working days", "28 days", "1 working day", "5 working days beginning with that day".
function dates.period(unit, n)
	if unit == "working_days_beginning" then
		return dates.period("working_days", n) .. " beginning with that day"
	end
	local w = UNIT_WORDS[unit]
	if not w then return tostring(n) .. " " .. tostring(unit) end
	return string.format("%d %s", n, n == 1 and w[1] or w[2])
end

-- "10-working-day", "28-day", "10-year": the period as an adjective.
function dates.period_adjective(unit, n)
	local w = UNIT_WORDS[unit == "working_days_beginning" and "working_days" or unit]
	if not w then return tostring(n) .. "-" .. tostring(unit) end
	return tostring(n) .. "-" .. w[1]:gsub(" ", "-")
end

--[[
How long after day A day B came, in the deadline's unit: working days for
working-day limits (each working day after A up to B), else calendar days.
Returns a count and its unit's words: 14, "14 working days".
]]
function dates.elapsed(unit, a, b)
	if (unit == "working_days" or unit == "working_days_beginning") and b - a <= 3660 then
		-- the working days in (A, B]: counted in C when both are in the calendar
		local k = b <= a and 0 or cc.wd_count(a, b)
		if not k then
			k = 0
			while true do
				local d = cc.wd_add(a, k + 1)
				if not d or d > b then break end
				k = k + 1
			end
		end
		if unit == "working_days_beginning" and cc.wd_add(a - 1, 1) == a then k = k + 1 end
		return k, dates.period("working_days", k)
	end
	return b - a, dates.period("days", b - a)
end

-- Bank holidays strictly after FROM and up to TO, as "3 June 2002 (Golden Jubilee)".
function dates.holidays_between(from, to)
	local out = {}
	for _, h in ipairs(cc.holidays_between(from, to)) do
		out[#out + 1] = dates.long(h.day) .. " (" .. h.name .. ")"
	end
	return out
end

return dates
