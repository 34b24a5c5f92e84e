--[[
A worked example: the smallest useful policy. One duty: "when the
professional standards department learns of a matter, it must record it" (the
law's words), checked against a benchmark of 10 working days (the policy's
number: the law sets none, and every finding says so). Copy this file to
start a policy; docs/policy-guide.md walks through it line by line.
]]

policy {
	id = "example/record",
	title = "Example: recording conduct matters",
}

-- The law in force, by date. A matter is judged under the regime in force on
-- the day professional standards learned of it.
regime "2012" { from = "2012-11-22", to = "2020-01-31", title = "PCMR 2012" }
regime "2020" { from = "2020-02-01", title = "PCMR 2020" }

-- Who acts, and when a matter becomes known: the policy says so, not the
-- engine. The appropriate authority is any party of the subject's force;
-- professional standards is that force's psd party. A matter becomes known
-- when it is referred to professional standards, recorded by the
-- authority, or received by professional standards itself.
roles {
	aa = function(case, pid) return case:party_of_force(pid, case.subject.force) end,
	psd = function(case, pid)
		local p = pid and case.parties[pid]
		return p ~= nil and p.kind == "psd" and p.of == case.subject.force
	end,
}
awareness {
	{ type = { "psd_referral", "home_force_notified" }, to = "psd" },
	{ type = "conduct_recorded", by = "aa" },
	{ type = { "iopc_call_in", "iopc_initiative" } },
	{ type = "allegation_received", by = "psd" },
	unknown = "professional standards never knew of the matter, so the duty never arose",
}

-- Working days skip the bank holidays of England and Wales.
calendar "england-wales"

-- A deadline the law leaves to practice: a parameter, overridable with
-- --param record_days=15, and shown in every report.
param "record_days" { default = 10, unit = "working_days", doc = "awareness to recording" }

step "record.conduct_matter" {
	title = "The appropriate authority records a conduct matter",
	cite = {
		["2012"] = "Police Reform Act 2002 Sch 3 para 11; PCMR 2012 reg 7",
		["2020"] = "Police Reform Act 2002 Sch 3 para 11; PCMR 2020 reg 7",
	},
	-- Who the duty applies to: every matter with a real allegation.
	applies = function(m)
		return m:has_category_except("other"), "the allegation's only category is 'other'"
	end,
	duty = "statutory",                      -- the law says the authority must record it
	-- The law sets no number of days: the deadline is a benchmark, and every
	-- finding says so ("later than the 10-working-day benchmark (the law sets
	-- no time limit)").
	limit = { basis = "benchmark", source = "casecheck default (param record_days); the law sets no time limit" },
	from = "aware",                          -- the trigger: the awareness date
	within = working_days "record_days",     -- the deadline
	done_by = { type = "conduct_recorded", by = "aa" },  -- what satisfies it
	says = {
		trigger = "professional standards learned of the matter",
		done = "the conduct matter was recorded",
		missing = "no conduct matter was recorded",
		duty = "it had to be recorded",
	},
}
