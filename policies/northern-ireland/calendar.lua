-- calendar.lua: the bank holidays of Northern Ireland as data, for policies
-- that say calendar "northern-ireland". No Northern Ireland conduct policy
-- exists yet: this directory holds the calendar alone, so that a policy
-- written later (or an embedder) can choose it. The engine computes each
-- regular holiday by a named rule (engine/calendar.c); this file says which
-- rules hold and lists the one-off changes. Its format is that of
-- policies/england-wales/calendar.lua.
--
-- Northern Ireland's working-day holidays as they stand (Banking and
-- Financial Dealings Act 1971, Schedule 1 para 3, and the annual Royal
-- Proclamations):
--   New Year's Day, at a weekend the next Monday (from 1974);
--   St Patrick's Day, 17 March, at a weekend the next Monday (the Act gives
--     18 March for a Sunday; a Saturday moves to Monday by proclamation);
--   Good Friday and Easter Monday;
--   the first Monday in May (early May, from 1978) and the last (spring);
--   the Battle of the Boyne, 12 July, at a weekend the next Monday (by
--     proclamation every year);
--   the last Monday in August (summer);
--   Christmas Day and Boxing Day, with substitutes as in England and Wales.
-- The rules apply to every year from the years given; the history before
-- 1971 (the Bank Holidays Acts) is not encoded, as no policy needs it. The
-- one-offs are the United Kingdom-wide ones since 1999, each proclaimed for
-- Northern Ireland too. tests/calendar/northern-ireland.txt checks every day
-- of 2000-2030 against the published lists.

return {
	jurisdiction = "Northern Ireland",
	regular = {
		{ rule = "new_year", from = 1974 },
		{ rule = "fixed", on = "03-17", name = "St Patrick's Day" },
		{ rule = "good_friday" },
		{ rule = "easter_monday" },
		{ rule = "early_may", from = 1978 },
		{ rule = "spring" },
		{ rule = "fixed", on = "07-12", name = "Battle of the Boyne (Orangemen's Day)" },
		{ rule = "summer" },
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
