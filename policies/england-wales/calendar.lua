-- calendar.lua: the bank holidays of England and Wales as data. The engine
-- computes each regular holiday in C by a named rule; this file says which
-- rule held in which years ("regular") and lists the years that differ from
-- the rules ("changes"). To add an announced change, append an entry; no C
-- changes. A regular entry is { rule = NAME, from = YEAR, to = YEAR } (from
-- and to are optional). A change is { move = { "FROM", "TO" }, why = ... } or
-- { add = "DAY", why = ... }; WHY becomes the holiday's name in explanations.
--
-- History of the regular holidays:
--   Good Friday, Christmas Day: common-law holidays throughout.
--   Bank Holidays Act 1871: Easter Monday, Whit Monday, the first Monday in
--     August, Boxing Day (26 December; 27 December when the 26th is a Sunday,
--     Holidays Extension Act 1875). No substitute for Christmas Day.
--   1965-1970, by proclamation, a trial: the August holiday on the Monday
--     after the last Saturday in August (2 September 1968, 1 September 1969);
--     the spring holiday on the last Monday in May in 1967 and 1969-1970,
--     Whit Monday in 1965, 1966 and 1968 (Hansard, HC Deb 3 June 1965
--     c250W, gives 29 May and 28 August 1967, 3 June and 2 September 1968).
--   Banking and Financial Dealings Act 1971: the last Mondays in May and
--     August; the substitute days of today.
--   New Year's Day from 1974, Early May bank holiday from 1978 (proclaimed
--     every year since).
-- Not encoded: the bank holidays cancelled in wartime (1939-1945).

return {
	jurisdiction = "England and Wales",
	regular = {
		{ rule = "new_year", from = 1974 },
		{ rule = "good_friday" },
		{ rule = "easter_monday" },
		{ rule = "whit_monday", to = 1966 },
		{ rule = "spring", from = 1967, to = 1967 },
		{ rule = "whit_monday", from = 1968, to = 1968 },
		{ rule = "spring", from = 1969 },
		{ rule = "early_may", from = 1978 },
		{ rule = "august", to = 1964 },
		{ rule = "august_late", from = 1965, to = 1970 },
		{ rule = "summer", from = 1971 },
		{ rule = "christmas_1871", to = 1970 },
		{ rule = "christmas", from = 1971 },
	},
	changes = {
		{ add = "1911-06-22", why = "Coronation of King George V" },
		{ add = "1935-05-06", why = "Silver Jubilee of King George V" },
		{ add = "1937-05-12", why = "Coronation of King George VI" },
		{ add = "1945-05-08", why = "VE Day" },
		{ add = "1945-05-09", why = "VE Day (second day)" },
		{ add = "1945-08-15", why = "VJ Day" },
		{ add = "1945-08-16", why = "VJ Day (second day)" },
		{ add = "1953-06-02", why = "Coronation of Queen Elizabeth II" },
		{ add = "1968-03-15", why = "Bank holiday for the gold crisis" },
		{ add = "1973-11-14", why = "Wedding of Princess Anne" },
		{ move = { "1977-05-30", "1977-06-06" },
		  why = "Spring bank holiday (moved for the Silver Jubilee)" },
		{ add = "1977-06-07", why = "Silver Jubilee of Queen Elizabeth II" },
		{ add = "1981-07-29", why = "Royal wedding" },
		{ move = { "1995-05-01", "1995-05-08" },
		  why = "Early May bank holiday (moved for the 50th anniversary of VE Day)" },
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
