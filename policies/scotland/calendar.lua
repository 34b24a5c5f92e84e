-- calendar.lua: the bank holidays of Scotland as data, for policies that say
-- calendar "scotland". The engine computes each regular holiday by a named
-- rule (engine/calendar.c); this file says which rules hold and lists the
-- one-off changes. Its format is that of policies/england-wales/calendar.lua.
--
-- Scotland's working-day holidays as they stand (the dates a deadline in
-- "working days" skips):
--   New Year's Day and 2 January, a weekend day moving to the next weekday
--     free of the pair (rule new_year_pair);
--   Good Friday; no Easter Monday;
--   the first Monday in May (early May) and the last Monday in May (spring);
--   the first Monday in August (summer), not the last;
--   St Andrew's Day, 30 November, or the next Monday when it falls at a
--     weekend, from 2007 (St Andrew's Day Bank Holiday (Scotland) Act 2007,
--     in force from its Royal Assent on 15 January 2007; none before; rule
--     november_30);
--   Christmas Day and Boxing Day, with substitutes as in England and Wales.
-- The other rules apply to every year: the Scotland policy begins on 1 April
-- 2014, and the history before 1971 is not encoded. The one-offs are the
-- United Kingdom-wide ones since 1999, each proclaimed for Scotland too.
-- tests/calendar/scotland.txt checks every day of 2000-2030 against the
-- published lists.

return {
	jurisdiction = "Scotland",
	regular = {
		{ rule = "new_year_pair" },
		{ rule = "good_friday" },
		{ rule = "early_may" },
		{ rule = "spring" },
		{ rule = "august" },
		{ rule = "november_30", from = 2007 },
		{ rule = "christmas" },
	},
	changes = {
		{ add = "1999-12-31", why = "Millennium Eve" },
		{ move = { "2002-05-27", "2002-06-04" },
		  why = "Spring bank holiday (moved for the Golden Jubilee)" },
		{ add = "2002-06-03", why = "Golden Jubilee" },
		{ add = "2011-04-29", why = "Royal wedding" },
		{ move = { "2012-05-28", "2012-06-04" },
		  why = "Spring bank holiday (moved for the Diamond Jubilee)" },
		{ add = "2012-06-05", why = "Diamond Jubilee" },
		{ move = { "2020-05-04", "2020-05-08" },
		  why = "Early May bank holiday (moved for the 75th anniversary of VE Day)" },
		{ move = { "2022-05-30", "2022-06-02" },
		  why = "Spring bank holiday (moved for the Platinum Jubilee)" },
		{ add = "2022-06-03", why = "Platinum Jubilee" },
		{ add = "2022-09-19", why = "State funeral of Queen Elizabeth II" },
		{ add = "2023-05-08", why = "Coronation of King Charles III" },
	},
}
