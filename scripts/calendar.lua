-- calendar.lua: the years whose bank holidays in England and Wales differ
-- from the regular rules (docs/case-format.md, "Dates and working days"),
-- as data: the engine computes the regular holidays in C and applies these.
-- To add an announced change, append an entry; no C changes. Each entry is
-- { move = { "FROM", "TO" }, why = ... } or { add = "DAY", why = ... }; WHY
-- becomes the holiday's name in explanations.

return {
	jurisdiction = "England and Wales",
	changes = {
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
