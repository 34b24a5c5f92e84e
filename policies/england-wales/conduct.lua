--[[
England & Wales: handling an allegation against a police officer.

The 21 steps of the England & Wales procedure (docs/steps.md), under the five
regimes from 1999 to today, with the law behind each. Most duties are
declarative: when X happens, Y must follow within D, done by Z; the engine
works out pass, late, fail, pending, unknown and not_applicable. Every step
says what kind of duty it is (statutory, power, guidance, practice) and where
its time limit comes from: most are casecheck's benchmarks (params), because
the law sets no number of days; the statutory ones are written as numbers,
not params. The law behind each step is in docs/law.md; where the procedure is silent,
the reading is in docs/decisions.md.
]]

policy {
	id = "england-wales/conduct",
	title = "England & Wales: handling allegations against police officers",
	version = "1",
	jurisdiction = "England and Wales",
	-- a matter is closed by a decision to take no further action on it;
	-- the subject leaves the service by dismissal, resignation or retirement
	closing = "conduct_closed",
	leaving = { "dismissed", "resigned", "retired" },
	-- The regime of a matter is the one in force when the allegation was
	-- received by, or first came to the attention of, the appropriate
	-- authority (the chief officer: any party of the subject's force), as the
	-- transitional provisions of each set of regulations say; not when its
	-- professional standards department learned of it.
	regime_date = function(m, ctx)
		local c = ctx.case
		if c:is("aa", m.allegation.by) then return m.allegation end
		local best
		for _, ty in ipairs({ "home_force_notified", "psd_referral", "conduct_recorded" }) do
			for _, e in ipairs(m:all(ty)) do
				if (c:is("aa", e.by) or c:is("aa", e.to)) and (not best or e.lo < best.lo) then best = e end
			end
		end
		-- the IOPC acts on the force itself
		for _, ty in ipairs({ "iopc_call_in", "iopc_initiative" }) do
			local e = m:first(ty)
			if e and (not best or e.lo < best.lo) then best = e end
		end
		return best or m.allegation
	end,
	-- A matter recorded under Sch 3 is investigated under the Complaints and
	-- Misconduct Regulations; one handled outside Sch 3 under the Conduct
	-- Regulations. Citations of steps 6, 7, 8 and 19 follow the track.
	tracks = { sch3 = "recorded as a conduct matter under Police Reform Act 2002 Sch 3 (it has conduct_recorded)" },
	track = function(m)
		if m:has("conduct_recorded") then return "sch3" end
		return nil
	end,
	-- Where each cited law can be read (the HTML report links a citation that
	-- begins with one of these names; the longest name wins). Addresses from
	-- the law notes, on legislation.gov.uk.
	links = {
		["Police Reform Act 2002"] = "https://www.legislation.gov.uk/ukpga/2002/30",
		["Police Reform Act 2002, s.12"] = "https://www.legislation.gov.uk/ukpga/2002/30/section/12",
		["Police Reform Act 2002, s.21"] = "https://www.legislation.gov.uk/ukpga/2002/30/section/21",
		["Police Reform Act 2002, s.29"] = "https://www.legislation.gov.uk/ukpga/2002/30/section/29",
		["Police Reform Act 2002, Sch 3"] = "https://www.legislation.gov.uk/ukpga/2002/30/schedule/3",
		["Police Reform Act 2002, Sch 3 para 11"] = "https://www.legislation.gov.uk/ukpga/2011/13/schedule/14/crossheading/recording-etc-of-conduct-matters-in-other-cases",
		["Police Reform Act 2002, Sch 3 para 13"] = "https://www.legislation.gov.uk/ukpga/2002/30/schedule/3/paragraph/13",
		["Police Act 1996"] = "https://www.legislation.gov.uk/ukpga/1996/16",
		["Police Act 1996, s.88A"] = "https://www.legislation.gov.uk/ukpga/1996/16/part/4A",
		["Police Act 1996, s.88I"] = "https://www.legislation.gov.uk/ukpga/1996/16/part/4A",
		["Police (Conduct) Regulations 1999"] = "https://www.legislation.gov.uk/uksi/1999/730/made",
		["Police (Conduct) Regulations 2008"] = "https://www.legislation.gov.uk/uksi/2008/2864/made",
		["Police (Conduct) Regulations 2008, reg 10"] = "https://www.legislation.gov.uk/uksi/2008/2864/regulation/10/made",
		["Police (Conduct) Regulations 2012"] = "https://www.legislation.gov.uk/uksi/2012/2632/contents",
		["Police (Conduct) Regulations 2012, reg 10"] = "https://www.legislation.gov.uk/uksi/2012/2632/regulation/10/made",
		["Police (Conduct) Regulations 2012, reg 10A"] = "https://www.legislation.gov.uk/uksi/2014/3347/regulation/2/made",
		["Police (Conduct) Regulations 2012, reg 19"] = "https://www.legislation.gov.uk/uksi/2012/2632/regulation/19/made",
		["Police (Conduct) Regulations 2020"] = "https://www.legislation.gov.uk/uksi/2020/4/contents",
		["Police (Conduct) Regulations 2020, reg 11"] = "https://www.legislation.gov.uk/uksi/2020/4/regulation/11",
		["Police (Conduct) Regulations 2020, reg 15"] = "https://www.legislation.gov.uk/uksi/2020/4/regulation/15/made",
		["Police (Conduct) Regulations 2020, reg 19"] = "https://www.legislation.gov.uk/uksi/2020/4/regulation/19/2020-02-01",
		["Police (Conduct) Regulations 2020, reg 49"] = "https://www.legislation.gov.uk/uksi/2020/4/part/5",
		["Police Regulations 1995"] = "https://www.legislation.gov.uk/id/uksi/1995/215",
		["Police (Complaints and Misconduct) Regulations 2004, reg 5"] = "https://www.legislation.gov.uk/uksi/2004/643/regulation/5/made",
		["Police (Complaints and Misconduct) Regulations 2012"] = "https://www.legislation.gov.uk/uksi/2012/1204/contents/made",
		["Police (Complaints and Misconduct) Regulations 2020"] = "https://www.legislation.gov.uk/uksi/2020/2/contents",
		["Police (Complaints and Misconduct) Regulations 2020, reg 7"] = "https://www.legislation.gov.uk/uksi/2020/2/regulation/7",
		["Police (Complaints and Misconduct) Regulations 2020, reg 13"] = "https://www.legislation.gov.uk/uksi/2020/2/regulation/13/made",
		["Police (Complaints and Misconduct) Regulations 2020, reg 16"] = "https://www.legislation.gov.uk/uksi/2020/2/regulation/16",
		["Police Barred List and Police Advisory List Regulations 2017 (SI 2017/1135), reg 3"] = "https://www.legislation.gov.uk/uksi/2017/1135/regulation/3/made",
		["Police Barred List and Police Advisory List Regulations 2017 (SI 2017/1135), reg 12"] = "https://www.legislation.gov.uk/uksi/2017/1135/part/3/made",
	},
}

-- The parties steps name (done_by by/to, awareness): the appropriate
-- authority is the chief officer of the subject's force, for whom any party
-- of that force acts; its professional standards department is that force's
-- one psd party; the receiving force is the force of the party that first
-- received the allegation.
roles {
	aa = function(case, pid)
		return case:party_of_force(pid, case.subject.force)
	end,
	aa_psd = function(case, pid)
		local p = pid and case.parties[pid]
		return p ~= nil and p.kind == "psd" and p.of == case.subject.force
	end,
	receiving_force = function(case, pid, m)
		local f = m and case:force_of(m.allegation.by)
		return f ~= nil and case:party_of_force(pid, f)
	end,
}

-- When professional standards became aware of a matter (docs/steps.md,
-- Terms): the first of a referral or the home force's notice to the AA's
-- PSD, a recording by the AA, an IOPC call-in or own-initiative
-- investigation, or the allegation itself when the PSD received it.
awareness {
	{ type = { "psd_referral", "home_force_notified" }, to = "aa_psd" },
	{ type = "conduct_recorded", by = "aa" },
	{ type = { "iopc_call_in", "iopc_initiative" } },
	{ type = "allegation_received", by = "aa_psd" },
	unknown = "professional standards never knew of the matter, so the duty never arose (the failure lies with intake.route_to_psd or xforce.notify_home_force)",
}

-- Working days skip the bank holidays of England and Wales
-- (policies/calendars/england-wales.lua).
calendar "england-wales"

-- The body of law in force when a matter came to the appropriate authority's
-- attention (PCMR 2020 reg 2(2), PCR 2020 reg 3 and their forerunners: a
-- matter stays under the regime it began in).
regime "1999" { from = "1999-04-01", to = "2004-03-31",
	title = "Police Act 1996 Pt IV; Police (Conduct) Regulations 1999; Police Complaints Authority" }
regime "2004" { from = "2004-04-01", to = "2008-11-30",
	title = "Police Reform Act 2002 Pt 2 and Sch 3; PCMR 2004; Police (Conduct) Regulations 2004; IPCC" }
regime "2008" { from = "2008-12-01", to = "2012-11-21",
	title = "Police (Conduct) Regulations 2008; PCMR 2004 as amended; IPCC" }
regime "2012" { from = "2012-11-22", to = "2020-01-31",
	title = "Police (Conduct) Regulations 2012; PCMR 2012; IPCC, IOPC from 8 January 2018" }
regime "2020" { from = "2020-02-01",
	title = "Police (Conduct) Regulations 2020; PCMR 2020; PRA 2002 Sch 3 para 13A; IOPC" }

-- Deadlines the law leaves to practice: casecheck's benchmarks, overridable
-- per run. The law sets no number of days for any of them; the reports say
-- which values were used. Statutory time limits are written in the steps.
param "route_days" { default = 5, unit = "working_days", doc = "allegation to PSD referral (step 1)" }
param "notify_days" { default = 5, unit = "working_days", doc = "another force tells the home force's PSD (step 2)" }
param "record_days" { default = 10, unit = "working_days", doc = "awareness to recording (steps 3, 5)" }
param "severity_days" { default = 15, unit = "working_days", doc = "recording to severity assessment (step 6)" }
param "investigator_days" { default = 10, unit = "working_days", doc = "assessment to investigator (step 7)" }
param "notice_days" { default = 10, unit = "working_days", doc = "investigator to written notice (step 8)" }
param "suspension_days" { default = 2, unit = "working_days", doc = "awareness to suspension decision (step 9)" }
param "nfa_days" { default = 28, unit = "days", doc = "criminal NFA to conduct determination (step 11)" }
param "check_days" { default = 5, unit = "working_days", doc = "awareness to systems check (step 14)" }
param "pattern_threshold" { default = 2, unit = "count", doc = "earlier matters that make a pattern (step 15)" }
param "pattern_days" { default = 20, unit = "working_days", doc = "awareness to cumulative assessment (step 15)" }
param "probation_days" { default = 20, unit = "working_days", doc = "allegation to probation review (step 16)" }
param "vetting_days" { default = 20, unit = "working_days", doc = "awareness to vetting review (step 17)" }
param "vetting_renewal_years" { default = 10, unit = "years", doc = "vetting clearance renewal (step 18)" }
param "special_case_days" { default = 20, unit = "working_days", doc = "end of the criminal proceedings (latest plea or conviction) to special case (step 20)" }

local SERIOUS = { "serious_sexual_offence", "serious_assault", "serious_corruption",
	"abuse_of_position_sexual_purpose", "discrimination", "relevant_offence",
	"death_or_serious_injury" }
-- PCMR 2004 reg 5(1) and Sch 3 para 13(1)(a): no express sexual-purpose
-- category; its "serious arrestable offence" (PACE s.116) is what the
-- fixture vocabulary's relevant_offence stands for in this regime.
local SERIOUS_2004 = { "serious_sexual_offence", "serious_assault", "serious_corruption",
	"discrimination", "relevant_offence", "death_or_serious_injury" }
local RISK = { "serious_sexual_offence", "sexual_offence", "serious_assault", "assault",
	"domestic_abuse", "coercive_control", "stalking" }
local DETERMINATIONS = { "severity_assessed", "case_to_answer", "investigation_completed",
	"misconduct_meeting", "misconduct_hearing" }
local FROM_2008 = { "2008", "2012", "2020" }
local FROM_2004 = { "2004", "2008", "2012", "2020" }

-- Where the benchmark time limits come from: the policy, not the law.
local function benchmark(param)
	return { basis = "benchmark", source = "casecheck benchmark (param " .. param .. "); the law sets no time limit" }
end

-- Reasons are given when a string or a list holds some text.
local function has_reasons(r)
	if type(r) == "string" then return r:find("%S") ~= nil end
	if type(r) == "table" then
		for _, s in ipairs(r) do
			if type(s) == "string" and s:find("%S") then return true end
		end
	end
	return false
end

-- The first criminal outcome that leaves the conduct matter to be decided.
local function first_nfa(m)
	local nfa, acq = m:first("criminal_nfa"), m:first("acquitted")
	if nfa and acq then return (acq.lo < nfa.lo) and acq or nfa end
	return nfa or acq
end

local function is_determination(e)
	for _, t in ipairs(DETERMINATIONS) do
		if e.type == t then return true end
	end
	return false
end

--[[
Predicates for a step's applies (function(m, ctx) -> ok, why), combined
with all { ... }, any { ... } and not_(p, why).
]]
-- A conduct matter at all: the conduct of a person serving with the police
-- (PRA 2002 s.12), so not an allegation from before the subject joined.
local function serving(m, ctx)
	local joined = ctx.case.subject.joined
	if joined and m.allegation.hi < joined.lo then
		return false, "the allegation predates the subject joining the police, so it was not a conduct matter"
	end
	return true
end

-- Professional standards knew of the matter (WHY: what follows when it did not).
local function known(why)
	return function(m) return m.aware ~= nil, why end
end

local function received_by(role, why)
	return function(m, ctx) return ctx.case:is(role, m.allegation.by), why end
end

local function has(ty, why)
	return function(m) return m:has(ty), why end
end

local function some_category(m)
	return m:has_category_except("other"), "the allegation's only category is 'other'"
end

-- What explains an earlier matter a listing missed (steps 14 and 15): the
-- subject's name removed from the records after it.
local UNLINKED_NOTE = { type = "record_unlinked",
	says = "the subject's name had been removed from the records after {matter} ({event} {event_when})" }

step "intake.route_to_psd" {
	title = "The allegation reaches professional standards",
	cite = {
		["1999"] = "Police (Conduct) Regulations 1999 (SI 1999/730)",
		["2004"] = "Police Reform Act 2002, Sch 3",
		["2008"] = "Police Reform Act 2002, Sch 3",
		["2012"] = "Police Reform Act 2002, Sch 3 para 11(3) and (3A)",
		["2020"] = "Police Reform Act 2002, Sch 3 para 11(3) and (3A)",
	},
	-- The statutory duty (Sch 3 para 11) is the chief officer's, step 3;
	-- routing inside the force is how it is met, so this is practice in
	-- every regime (docs/law.md, step 1).
	duty = "practice",
	limit = benchmark("route_days"),
	basis = "Only the appropriate authority's professional standards department can assess, record and refer a conduct matter. Carrick 2002.",
	applies = all {
		serving,
		received_by("aa", "the allegation was not received by the subject's own force (see xforce.notify_home_force)"),
		not_(received_by "aa_psd", "the allegation was received by professional standards itself"),
	},
	from = "allegation",
	within = working_days "route_days",
	done_by = { type = "psd_referral", to = "aa_psd" },
	says = {
		trigger = "the allegation was received by the subject's own force",
		done = "it was referred to professional standards",
		missing = function(m)
			if m:has("management_action") then
				return "it was handled by line management only and never referred to professional standards"
			end
			return "it was never referred to professional standards"
		end,
		duty = "it should have reached professional standards",
	},
}

step "xforce.notify_home_force" {
	title = "Another force tells the employing force",
	cite = {
		["1999"] = "Police Act 1996",
		["*"] = "Police Reform Act 2002, s.29(1) (the appropriate authority)",
	},
	-- s.29(1) says who the appropriate authority is, not that another force
	-- must tell it; no notification duty was read (docs/law.md, step 2).
	duty = "practice",
	limit = benchmark("notify_days"),
	basis = "The force investigating the crime cannot record, assess or refer the conduct matter; only the home force can.",
	applies = all { serving, function(m, ctx)
		local f = ctx.case:force_of(m.allegation.by)
		if f == nil then return false, "the allegation was not received by a police force" end
		return f ~= ctx.case.subject.force, "the allegation was received by the subject's own force"
	end },
	from = "allegation",
	within = working_days "notify_days",
	done_by = { type = "home_force_notified", by = "receiving_force", to = "aa_psd" },
	says = {
		trigger = "the allegation was received by another force",
		done = "that force told the subject's professional standards department",
		missing = "that force never told the subject's professional standards department",
		duty = "the home force had to be told",
	},
}

step "record.conduct_matter" {
	title = "The appropriate authority records a conduct matter",
	regimes = FROM_2004,
	why_not_in_force = "no statutory duty to record before 1 April 2004",
	cite = {
		["1999"] = "Police Reform Act 2002, Sch 3, in force from 1 April 2004",
		["2004"] = "Police Reform Act 2002, Sch 3; Police (Complaints and Misconduct) Regulations 2004, reg 5(1)",
		["2008"] = "Police Reform Act 2002, Sch 3; Police (Complaints and Misconduct) Regulations 2004, reg 5(1) (as amended)",
		["2012"] = "Police Reform Act 2002, Sch 3 para 11(3A) and (3C) (as substituted by the Police Reform and Social Responsibility Act 2011, Sch 14 para 12); Police (Complaints and Misconduct) Regulations 2012, reg 7",
		["2020"] = "Police Reform Act 2002, Sch 3 para 11(3A) and (3C); Police (Complaints and Misconduct) Regulations 2020, reg 7(1) and (2)",
	},
	duty = "statutory",
	limit = benchmark("record_days"),
	applies = function(m, ctx)
		if not m:has_category_except("other") then return false, "the allegation's only category is 'other'" end
		-- Before 22 November 2012 only conduct that caused death or serious
		-- injury, adversely affected a member of the public (the allegation
		-- names a victim), or fell in a category of PCMR 2004 reg 5(1) had to
		-- be recorded.
		if ctx.regime == "2004" or ctx.regime == "2008" then
			if m.allegation.victim or m:has_category(SERIOUS_2004) then return true end
			return false, "before 22 November 2012 a conduct matter had to be recorded only if it caused death or serious injury, adversely affected a member of the public or fell in a category of PCMR 2004 reg 5(1); this allegation names no victim and none of those categories"
		end
		return true
	end,
	from = "aware",
	within = working_days "record_days",
	done_by = { type = "conduct_recorded", by = "aa" },
	says = {
		trigger = "professional standards learned of the matter",
		done = "the conduct matter was recorded",
		missing = "no conduct matter was recorded",
		duty = "the appropriate authority had to record it",
	},
}

step "refer.iopc_mandatory" {
	title = "Mandatory referral to the IOPC (IPCC)",
	regimes = FROM_2004,
	why_not_in_force = "no duty to refer to the IPCC before 1 April 2004",
	cite = {
		["1999"] = "Police Reform Act 2002, Sch 3 para 13, in force from 1 April 2004",
		["2004"] = "Police Reform Act 2002, Sch 3 para 13(1)(a), (b) and (4); Police (Complaints and Misconduct) Regulations 2004, reg 5(2) and (3)(a)",
		["2008"] = "Police Reform Act 2002, Sch 3 para 13(1)(a), (b) and (4); Police (Complaints and Misconduct) Regulations 2004, reg 5(2) and (3)(a) (as amended)",
		["2012"] = "Police Reform Act 2002, Sch 3 para 13(1) and (4); Police (Complaints and Misconduct) Regulations 2012, reg 7",
		["2020"] = "Police Reform Act 2002, Sch 3 para 13(1) and (4); Police (Complaints and Misconduct) Regulations 2020, reg 7",
	},
	duty = "statutory",
	limit = {
		["2004"] = { basis = "statutory", source = "PCMR 2004 reg 5(3)(a): by the end of the working day following the day the duty to refer became clear" },
		["2008"] = { basis = "statutory", source = "PCMR 2004 reg 5(3)(a) as amended: by the end of the working day following the day the duty to refer became clear" },
		["2012"] = { basis = "statutory", source = "PCMR 2012 reg 7: by the end of the day following (day type not read; read here as a working day)" },
		["2020"] = { basis = "statutory", source = "PCMR 2020 reg 7: by the end of the day following (day type not read; read here as a working day)" },
	},
	applies = function(m, ctx)
		if ctx.regime == "2004" then
			return m:has_category(SERIOUS_2004),
				"the allegation is not of a kind that had to be referred under PCMR 2004 reg 5(1) (no express sexual-purpose category then)"
		end
		return m:has_category(SERIOUS), "the allegation is not of a kind that must be referred"
	end,
	from = "aware",
	within = next_working_day,
	done_by = { type = "iopc_referred", by = "aa" },
	says = {
		trigger = "professional standards learned of a matter that must be referred",
		done = "it was referred to the IOPC",
		missing = "it was never referred to the IOPC",
		duty = "it had to be referred",
	},
}

step "iopc.call_in_referred" {
	title = "The appropriate authority refers a matter the IOPC calls in",
	regimes = FROM_2004,
	why_not_in_force = "the IPCC's powers began on 1 April 2004",
	cite = {
		["1999"] = "Police Reform Act 2002, Sch 3 para 13, in force from 1 April 2004",
		["2004"] = "Police Reform Act 2002, Sch 3 para 13(1)(c); Police (Complaints and Misconduct) Regulations 2004, reg 5(3)(b)",
		["2008"] = "Police Reform Act 2002, Sch 3 para 13(1)(c); Police (Complaints and Misconduct) Regulations 2004, reg 5(3)(b) (as amended)",
		["2012"] = "Police Reform Act 2002, Sch 3 para 13(1)(c); Police (Complaints and Misconduct) Regulations 2012, reg 7",
		["2020"] = "Police Reform Act 2002, Sch 3 para 13(1)(c); Police (Complaints and Misconduct) Regulations 2020, reg 7",
	},
	duty = "statutory",
	-- referred by the end of the working day following the notice (statute)
	limit = {
		["2004"] = { basis = "statutory", source = "PCMR 2004 reg 5(3)(b): by the end of the working day following the Commission's notice" },
		["2008"] = { basis = "statutory", source = "PCMR 2004 reg 5(3)(b) as amended: by the end of the working day following the Commission's notice" },
		["2012"] = { basis = "statutory", source = "PCMR 2012 reg 7: by the end of the day following the notice (day type not read; read here as a working day)" },
		["2020"] = { basis = "statutory", source = "PCMR 2020 reg 7: by the end of the day following the IOPC's notice (day type not read; read here as a working day)" },
	},
	applies = function(m)
		return m:has("iopc_call_in"), "the IOPC did not call the matter in"
	end,
	from = "iopc_call_in",
	within = next_working_day,
	done_by = { type = "iopc_referred", by = "aa" },
	says = {
		pass = "The IOPC called the matter in {trigger_when} and it was referred {done_when}, within {limit}.",
		late = "The IOPC called the matter in {trigger_when} but it was referred only {done_when}, {days_late_words} after {due}: later than {limit}.",
		fail = "The IOPC called the matter in {trigger_when} but it was never referred; {limit} ran to {due}.",
		pending = "The IOPC called the matter in {trigger_when}; it must be referred by {due} ({limit}).",
		unknown = "The IOPC called the matter in {trigger_when}; the record cannot settle whether it was referred by {due}: {settle}.",
	},
}

step "iopc.initiative_recorded" {
	title = "The appropriate authority records a matter the IOPC takes up on its own initiative",
	regimes = { "2020" },
	why_not_in_force = "the IOPC's power of initiative applies only from 1 February 2020",
	cite = { ["2020"] = "Police Reform Act 2002, Sch 3 para 13A(3) and (4)" },
	duty = "statutory",
	-- para 13A(4) says "must record" but sets no time
	limit = benchmark("record_days"),
	params = { "record_days" },
	from = function(m) return m:first("iopc_initiative"), "the IOPC did not use its power of initiative" end,
	within = working_days "record_days",
	-- a recording before the initiative already meets the duty
	done_by = { type = "conduct_recorded", by = "aa", already = true },
	says = {
		pass = "The IOPC used its power of initiative {trigger_when} and the matter was recorded {done_when}, by {due}: within {limit}.",
		late = "The IOPC used its power of initiative {trigger_when} but the matter was recorded only {done_when}, {elapsed} later and {days_late_words} after {due}: later than {limit}.",
		fail = "The IOPC used its power of initiative {trigger_when} but the matter was never recorded, as the law requires; {limit} ran to {due}.",
		pending = "The IOPC used its power of initiative {trigger_when}; the matter must be recorded, and {limit} runs to {due}.",
		unknown = "The IOPC used its power of initiative {trigger_when}; the record cannot settle whether the matter was recorded by {due}: {settle}.",
		already = "The IOPC used its power of initiative {trigger_when}; the matter had already been recorded {done_when}.",
	},
}

step "assess.severity" {
	title = "A severity assessment is made",
	regimes = FROM_2008,
	why_not_in_force = "no severity assessment duty before the Police (Conduct) Regulations 2008 (1 December 2008)",
	cite = {
		["1999"] = "Police (Conduct) Regulations 2008 (SI 2008/2864), in force from 1 December 2008",
		["2004"] = "Police (Conduct) Regulations 2008 (SI 2008/2864), in force from 1 December 2008",
		["2008"] = "Police (Conduct) Regulations 2008 (SI 2008/2864)",
		["2012"] = { ["*"] = "Police (Conduct) Regulations 2012, reg 12(1)",
			sch3 = "Police Reform Act 2002, Sch 3 para 19B(2) and (3)" },
		["2020"] = { ["*"] = "Police (Conduct) Regulations 2020, reg 14",
			sch3 = "Police (Complaints and Misconduct) Regulations 2020, reg 16" },
	},
	duty = "statutory",
	limit = benchmark("severity_days"),
	from = function(m)
		local e = m:first("conduct_recorded")
		if not e then return nil, "no conduct matter was recorded, so no assessment fell due (see record.conduct_matter)" end
		return e
	end,
	within = working_days "severity_days",
	done_by = { type = "severity_assessed" },
	before_close = true,
	says = {
		trigger = "the conduct matter was recorded",
		done = "its severity was assessed",
		missing = "its severity was never assessed",
		duty = "it had to be assessed",
	},
}

step "investigate.independent_investigator" {
	title = "An independent investigator is appointed",
	cite = {
		["1999"] = "Police (Conduct) Regulations 1999 (SI 1999/730)",
		["2004"] = "Police (Conduct) Regulations 2004 (SI 2004/645); Police Reform Act 2002, Sch 3 para 16",
		["2008"] = "Police (Conduct) Regulations 2008 (SI 2008/2864)",
		["2012"] = { ["*"] = "Police (Conduct) Regulations 2012, reg 13",
			sch3 = "Police (Complaints and Misconduct) Regulations 2012, reg 24" },
		["2020"] = { ["*"] = "Police (Conduct) Regulations 2020, reg 15(2) and (3)",
			sch3 = "Police (Complaints and Misconduct) Regulations 2020 (SI 2020/2)" },
	},
	duty = "statutory",
	limit = benchmark("investigator_days"),
	from = function(m)
		local all = m:all("severity_assessed")
		local last = all[#all]
		if not last then return nil, "no severity assessment was made" end
		if last.outcome ~= "misconduct" and last.outcome ~= "gross_misconduct" then
			return nil, "the latest severity assessment found " .. tostring(last.outcome):gsub("_", " ") ..
				", so no investigation was needed"
		end
		return last
	end,
	within = working_days "investigator_days",
	done_by = { type = "investigator_appointed", where = function(e) return e.in_line_management ~= true end },
	breach = { {
		type = "investigator_appointed",
		where = function(e) return e.in_line_management == true end,
		says = "The matter was assessed as misconduct {trigger_when} but the investigator appointed {event_when} worked in the subject's line management or was otherwise not independent; an independent investigator had to be appointed.",
	} },
	says = {
		trigger = "the matter was assessed as misconduct",
		done = "an independent investigator was appointed",
		missing = "no investigator was appointed",
		duty = "an independent investigator had to be appointed",
	},
}

step "notice.served" {
	title = "The officer is given written notice",
	cite = {
		["1999"] = "Police (Conduct) Regulations 1999 (SI 1999/730)",
		["2004"] = "Police (Conduct) Regulations 2004 (SI 2004/645)",
		["2008"] = "Police (Conduct) Regulations 2008 (SI 2008/2864)",
		["2012"] = { ["*"] = "Police (Conduct) Regulations 2012, reg 15",
			sch3 = "Police (Complaints and Misconduct) Regulations 2012, reg 16" },
		["2020"] = { ["*"] = "Police (Conduct) Regulations 2020, reg 17",
			sch3 = "Police (Complaints and Misconduct) Regulations 2020, reg 17" },
	},
	duty = "statutory",
	-- "as soon as reasonably practicable": no number of days in law
	limit = benchmark("notice_days"),
	from = function(m)
		local e = m:first("investigator_appointed")
		if not e then return nil, "no investigator was appointed" end
		return e
	end,
	within = working_days "notice_days",
	done_by = { type = { "notice_served", "notice_deferred" },
		where = function(e) return e.type == "notice_served" or has_reasons(e.reasons) end },
	says = {
		trigger = "an investigator was appointed",
		done = "the officer was given written notice (or it was deferred with reasons)",
		missing = "the officer was never given written notice, nor was it deferred with reasons",
		duty = "notice had to be served",
	},
}

step "risk.suspension_decision" {
	title = "A documented decision on suspension or restriction",
	cite = {
		["1999"] = "Police (Conduct) Regulations 1999 (SI 1999/730)",
		["2004"] = "Police (Conduct) Regulations 2004 (SI 2004/645)",
		["2008"] = "Police (Conduct) Regulations 2008, reg 10",
		["2012"] = "Police (Conduct) Regulations 2012, reg 10",
		["2020"] = "Police (Conduct) Regulations 2020, reg 11",
	},
	-- the regulations say the authority may suspend: a power, whose use
	-- (a documented decision with reasons) good practice expects
	duty = "power",
	limit = benchmark("suspension_days"),
	applies = function(m)
		return m:has_category(RISK) or m:has("arrested"),
			"the allegation is not of a kind that calls for a suspension decision (no sexual, violent or domestic-abuse category and no arrest)"
	end,
	from = "aware",
	within = working_days "suspension_days",
	done_by = { type = "suspension_decision", where = function(e) return has_reasons(e.reasons) end },
	breach = {
		{
			type = "suspension_decision",
			where = function(e, m)
				return not has_reasons(e.reasons) and
					not m:first("suspension_decision", function(x) return has_reasons(x.reasons) end)
			end,
			says = "Professional standards learned of the matter {trigger_when}; the suspension decision {event_when} gave no reasons; good practice is a decision documented with reasons, and {limit} ran to {due}.",
		},
		{
			type = "restrictions_lifted",
			where = function(e, m)
				local nfa = first_nfa(m)
				if not nfa or nfa.hi > e.lo then return false end
				for _, d in ipairs(m.events) do
					if is_determination(d) and d.lo >= nfa.lo and d.hi <= e.lo then return false end
				end
				return true
			end,
			says = "Restrictions on the subject were lifted {event_when}, after the criminal case was dropped but before the conduct matter was determined; a criminal NFA does not decide the risk the subject poses.",
		},
	},
	says = {
		trigger = "professional standards learned of the matter",
		done = "a decision on suspension was documented with reasons",
		missing = "no decision on suspension or restriction was documented",
		duty = "a decision with reasons should have been made",
	},
}

step "parallel.conduct_not_parked" {
	title = "The conduct case is not parked for the criminal case",
	cannot = { late = "a prohibition has no deadline: a pause without reasons fails whenever it happens",
		pending = "a prohibition has no deadline: nothing is ever due" },
	cite = {
		["1999"] = "Police (Conduct) Regulations 1999 (SI 1999/730)",
		["2004"] = "Police (Conduct) Regulations 2004 (SI 2004/645); Police (Complaints and Misconduct) Regulations 2004 (SI 2004/643)",
		["2008"] = "Police (Conduct) Regulations 2008 (SI 2008/2864); Police (Complaints and Misconduct) Regulations 2004 (SI 2004/643) (as amended)",
		["2012"] = "Police (Conduct) Regulations 2012, reg 9; Police (Complaints and Misconduct) Regulations 2012, regs 22 and 23",
		["2020"] = "Police (Conduct) Regulations 2020, reg 10; Police (Complaints and Misconduct) Regulations 2020, reg 40",
	},
	-- statutory in every regime; before 2008 believed, not read (docs/law.md, step 10)
	duty = "statutory",
	applies = function(m)
		return m:has("criminal_investigation_opened") and m:has("conduct_recorded"),
			"the matter did not have both a criminal investigation and a recorded conduct matter"
	end,
	from = "conduct_recorded",
	breach = { {
		type = "conduct_paused",
		where = function(e) return not has_reasons(e.reasons) end,
		says = "The conduct investigation was paused {event_when} without reasons saying how it would prejudice the criminal proceedings; only misconduct proceedings may wait for a criminal case.",
	} },
	says = {
		trigger = "a conduct matter was recorded alongside a criminal investigation",
		done = "the conduct investigation was not paused without reasons",
		pass = "A conduct matter was recorded {trigger_when} alongside a criminal investigation, and the conduct investigation was not paused without reasons.",
	},
}

step "nfa.conduct_determined" {
	title = "The conduct matter is decided on its own merits after a criminal NFA",
	cite = {
		["1999"] = "Police and Magistrates' Courts Act 1994",
		["2004"] = "Police (Conduct) Regulations 2004 (SI 2004/645)",
		["2008"] = "Police (Conduct) Regulations 2008 (SI 2008/2864)",
		["2012"] = "Police (Conduct) Regulations 2012, reg 19(1) and (2) (the nearest statutory duty); IOPC findings on Carrick (20 July 2023, 30 September 2024)",
		["2020"] = "Police (Conduct) Regulations 2020, reg 49(3) (a power; a duty only for an accelerated misconduct hearing); IOPC findings on Carrick (20 July 2023, 30 September 2024)",
	},
	-- No provision requires a decision within a time after a criminal NFA;
	-- what fails here is reasonable decision-making, as the IOPC found.
	duty = "practice",
	limit = benchmark("nfa_days"),
	basis = "A criminal NFA ends the criminal track only. IOPC findings on Carrick 2016, 2019 and 2021.",
	from = function(m)
		if not m.aware then
			return nil, "the appropriate authority never knew of the matter; the failure lies with intake.route_to_psd and xforce.notify_home_force"
		end
		local e = first_nfa(m)
		if not e then return nil, "there was no criminal NFA or acquittal" end
		return e
	end,
	within = days "nfa_days",
	done_by = { type = DETERMINATIONS },
	before_close = true,
	breach = { {
		type = "conduct_closed",
		where = function(e) return e.reason == "criminal_nfa" end,
		says = "The conduct matter was closed {event_when} because the criminal case was dropped; a criminal NFA does not decide a conduct matter, which should have been decided on its own merits; {limit} ran to {due}.",
	} },
	says = {
		trigger = "the criminal case ended without a conviction",
		done = "the conduct matter was determined",
		missing = "the conduct matter was never determined",
		duty = "a criminal NFA does not decide a conduct matter, which should have been decided on its own merits",
		closed = "The criminal case ended without a conviction {trigger_when} and the conduct matter was closed {close_when} without being determined; a criminal NFA does not decide a conduct matter, which should have been decided on its own merits; {limit} ran to {due}.",
	},
}

step "victim.contacted_before_close" {
	title = "The victim is heard before the matter is closed",
	cite = {
		["1999"] = "IOPC finding on Carrick 2021 (20 July 2023)",
		["*"] = "Police Reform Act 2002, s.21 (nearest provision); IOPC finding on Carrick 2021",
	},
	duty = "practice",
	limit = { basis = "benchmark", source = "before the closing decision (IOPC finding on Carrick 2021); no rule sets a time" },
	applies = function(m) return not not m.allegation.victim, "the allegation names no victim" end,
	-- due by the closing decision itself (not_applicable while there is none)
	before_close = true,
	done_by = { type = "victim_contacted" },
	says = {
		pass = "The victim was spoken to {done_when}, before the matter was closed {trigger_when}.",
		late = "The matter was closed {trigger_when} and the victim was spoken to only {done_when}, after the decision.",
		fail = "The matter was closed {trigger_when} without the victim ever being spoken to; good practice is to hear the victim before any closing decision.",
		pending = "The matter was closed {trigger_when}, the as-of date, and the record does not yet show the victim spoken to; good practice is to hear the victim before any closing decision.",
		unknown = "The matter was closed {trigger_when}; the record cannot settle whether the victim was heard first: {settle}.",
	},
}

step "records.subject_kept_linked" {
	title = "The subject's name stays on the record",
	cannot = { late = "a prohibition has no deadline: an unlinking fails, none passes",
		pending = "a prohibition has no deadline: nothing is ever due" },
	cite = {
		["1999"] = "Data Protection Act 1998; force records policy",
		["*"] = "Management of Police Information APP (College of Policing): retention, review and disposal",
	},
	duty = { ["1999"] = "practice", ["*"] = "guidance" },
	from = "allegation",
	breach = { {
		type = "record_unlinked",
		-- re this allegation, or about every allegation (no re) from its receipt on
		scope = "matter_and_case",
		says = "The subject's name was removed from the records {event_when}, so this allegation could not be found by later investigators; records must stay searchable while needed for a policing purpose.",
	} },
	says = {
		trigger = "the allegation was received",
		done = "the subject's name stayed linked to it on the record",
		pass = "The allegation was received {trigger_when} and the subject's name has stayed linked to it on the record.",
	},
}

step "history.prior_allegations_checked" {
	title = "Earlier allegations are found",
	cite = {
		["*"] = "Management of Police Information APP; Casey Review (2023); IOPC finding (20 July 2023)",
	},
	-- no provision requiring the search was read, only guidance and the IOPC's
	-- findings: practice (docs/law.md, step 14)
	duty = "practice",
	limit = benchmark("check_days"),
	applies = function(m)
		return m.aware ~= nil,
			"professional standards never knew of the matter, so no check fell due (see intake.route_to_psd and xforce.notify_home_force)"
	end,
	from = "aware",
	within = working_days "check_days",
	-- a check lists in 'found' every matter professional standards knew of
	-- before this one; a removal of the subject's name from the records
	-- explains why one could not be found
	lists = {
		type = "systems_checked", by = "aa", field = "found", earlier = "known_before",
		note = UNLINKED_NOTE,
	},
	says = {
		what = "a search of the systems for the subject's history",
		missed = "The systems check {event_when} missed {missed}, which professional standards already knew of{notes}.",
		closed = "The matter was closed {close_when} without {what}; it should have come before any closing decision, and {limit} ran to {due}.",
		pass = "Professional standards learned of the matter {trigger_when} and searched the subject's history {done_when}, finding every earlier matter it knew of, by {due}: within {limit}.",
		late = "Professional standards learned of the matter {trigger_when} but searched the subject's history only {done_when}, {elapsed} later and {days_late_words} after {due}: later than {limit}.",
		fail = "Professional standards learned of the matter {trigger_when} but never searched the subject's history; {limit} for {what} ran to {due}.",
		pending = "Professional standards learned of the matter {trigger_when}; {limit} for {what} runs to {due}.",
		unknown = "Professional standards learned of the matter {trigger_when}; the record cannot settle whether the subject's history was searched by {due}: {settle}.",
	},
}

step "pattern.cumulative_assessment" {
	title = "A pattern is assessed as a pattern",
	cite = {
		["1999"] = "IOPC and Metropolitan Police on the missed pattern (July 2023)",
		["2004"] = "IOPC and Metropolitan Police on the missed pattern (July 2023)",
		["2008"] = "IOPC and Metropolitan Police on the missed pattern (July 2023)",
		["2012"] = "Police (Conduct) Regulations 2012, reg 5(2) (a power)",
		["2020"] = "Police (Conduct) Regulations 2020 (SI 2020/4)",
	},
	-- PCR 2012 reg 5(2) "may be taken together": a power; no provision was
	-- read before 2012, and the 2020 one only believed (docs/law.md, step 15)
	duty = { ["1999"] = "practice", ["2004"] = "practice", ["2008"] = "practice", ["*"] = "power" },
	limit = benchmark("pattern_days"),
	params = { "pattern_threshold", "pattern_days" },
	applies = function(m, ctx)
		if not m.aware then
			return false, "professional standards never knew of the matter"
		end
		local n = m.index - 1
		local need = ctx:param("pattern_threshold")
		if n >= need then return true end
		if n == 0 then return false, "there is no earlier allegation in the case; a pattern needs " .. need end
		return false, string.format("there %s only %d earlier allegation%s in the case; a pattern needs %d",
			n == 1 and "is" or "are", n, n == 1 and "" or "s", need)
	end,
	from = "aware",
	within = working_days "pattern_days",
	-- an assessment lists in 'considered' every earlier allegation; a vetting
	-- review on adverse information weighs the whole record
	lists = {
		type = { "cumulative_assessment", "vetting_review" }, field = "considered", earlier = "earlier_allegations",
		where = function(e) return e.type == "cumulative_assessment" or e.trigger == "adverse_information" end,
		covers_all = "vetting_review", note = UNLINKED_NOTE,
	},
	says = {
		what = "an assessment of this matter with the earlier allegations",
		missed = "The cumulative assessment {event_when} missed {missed}, which professional standards already knew of{notes}.",
		closed = "The matter was closed {close_when} without {what}; it should have come before any closing decision, and {limit} ran to {due}.",
		pass = "This was allegation number {count}; it was assessed with every earlier one {done_when}, by {due}: within {limit}.",
		late = "This allegation was assessed with the earlier ones only {done_when}, {elapsed} after professional standards learned of it and {days_late_words} after {due}: later than {limit}.",
		fail = "Professional standards learned of the matter {trigger_when} with earlier allegations on record, but never assessed them together as a pattern; {limit} for {what} ran to {due}.",
		pending = "Professional standards learned of the matter {trigger_when}; {limit} for {what} runs to {due}.",
		unknown = "Professional standards learned of the matter {trigger_when}; the record cannot settle whether the pattern was assessed by {due}: {settle}.",
	},
}

step "probation.review" {
	title = "A probationer's future is considered",
	cite = {
		["1999"] = "Police Regulations 1995, reg 15 (to 31 March 2003); Police Regulations 2003, reg 13 (from 1 April 2003)",
		["*"] = "Police Regulations 2003, reg 13",
	},
	duty = "power",
	limit = benchmark("probation_days"),
	basis = "Carrick 2002: a probationer who 'could have been removed from the force'.",
	applies = all { serving, function(m, ctx)
		local s = ctx.case.subject
		if s.probationer then return true end
		if not s.probation_ends then return false, "the subject was not a probationer" end
		return s.probation_ends.hi > m.allegation.lo, "the subject's probation had ended before the allegation"
	end },
	from = "allegation",
	-- within the benchmark, and before the probation ends
	within = first_of { working_days "probation_days", function(_, ctx)
		local s = ctx.case.subject
		if not s.probationer then return s.probation_ends end
	end },
	done_by = { type = "probation_review" },
	says = {
		pass = "The allegation against the probationer was made {trigger_when} and discharge was considered {done_when}, by {due}: within {limit}.",
		late = "The allegation against the probationer was made {trigger_when} but discharge was considered only {done_when}, {days_late_words} after {due}: later than {limit}.",
		fail = "The allegation was made {trigger_when} while the subject was a probationer, but the power to discharge him was never considered; {limit} ran to {due}, before the probation ended.",
		pending = "The allegation was made {trigger_when} while the subject was a probationer; {limit} for considering discharge runs to {due}.",
		unknown = "The allegation was made {trigger_when} while the subject was a probationer; the record cannot settle whether discharge was considered by {due}: {settle}.",
	},
}

step "vetting.review_on_adverse" {
	title = "Vetting is reviewed on adverse information",
	cite = {
		["2020"] = "Vetting Code of Practice (College of Policing, Police Act 1996 s.39A); Police (Vetting) Regulations 2025 (SI 2025/502), from 14 May 2025",
		["*"] = "Vetting Code of Practice (College of Policing, Police Act 1996 s.39A)",
	},
	duty = "guidance",
	limit = benchmark("vetting_days"),
	in_force_from = "2017-10-01",
	why_not_yet = "the Vetting Code of Practice applies from 1 October 2017",
	applies = all { known "professional standards never knew of the matter", some_category },
	from = "aware",
	within = working_days "vetting_days",
	done_by = { type = "vetting_review", where = function(e) return e.trigger == "adverse_information" end },
	says = {
		trigger = "professional standards learned of adverse information",
		done = "the subject's vetting was reviewed",
		missing = "the subject's vetting was never reviewed",
		duty = "guidance expects vetting to be reviewed",
	},
}

step "vetting.renewal_on_time" {
	title = "Vetting is renewed on schedule",
	cannot = { pending = "a clearance not yet run out is a pass; only one that ran out unrenewed fails" },
	per = "case",
	cite = {
		["*"] = "Vetting Code of Practice; Vetting APP (College of Policing)",
	},
	duty = "guidance",
	limit = { basis = "guidance", source = "Vetting Code of Practice and Vetting APP: renewal every 10 years (param vetting_renewal_years); whether it bound a 2001 recruit in 2011 is unverified" },
	-- each clearance on record, and each review that cleared the subject,
	-- renews the last; the latest must not run out while the subject serves
	every = {
		period = years "vetting_renewal_years", ends = "leaving", gaps = "vetting_review",
		chain = function(c)
			local list = {}
			for _, v in ipairs(c.subject.vetting or {}) do
				list[#list + 1] = { lo = v.lo, hi = v.hi, prec = v.prec, label = v.level or "clearance" }
			end
			for _, e in ipairs(c:all("vetting_review")) do
				if e.outcome == "cleared" then
					list[#list + 1] = { lo = e.lo, hi = e.hi, prec = e.prec, label = "review '" .. e.id .. "'", id = e.id }
				end
			end
			return list
		end,
	},
	says = {
		not_applicable = "The subject has no vetting clearance on the record.",
		pass = "Every vetting clearance was renewed within {limit}; the current one runs to {due}.",
		late = "Vetting cleared {trigger_when} was due for renewal {due_when} but was renewed only {done_when}, {days_late_words} after the end of {limit}.",
		fail = "The subject's last vetting clearance ({start}, {start_date}) expired {due_when}, at the end of {limit}, and was never renewed while he served.",
		gap = "The subject's last vetting clearance on record ({start}, {start_date}) expired {due_when}; the record is silent on vetting reviews (listed in gaps), so a renewal may have happened.",
		unknown = "The vetting dates on record are too imprecise to settle whether every renewal came within {period}; exact clearance dates would settle it.",
	},
}

step "timeliness.progress_reports" {
	title = "Long investigations are reported",
	regimes = { "2020" },
	why_not_in_force = "the 12-month progress report duty applies to matters that reached the appropriate authority from 1 February 2020",
	cite = {
		["2020"] = { ["*"] = "Police (Conduct) Regulations 2020, reg 19(1) and (2)",
			sch3 = "Police (Complaints and Misconduct) Regulations 2020, reg 13(1) and (3)" },
		["*"] = "Police (Conduct) Regulations 2020, reg 19, in force from 1 February 2020",
	},
	duty = "statutory",
	limit = {
		["2020"] = { basis = "statutory", source = "PCR 2020 reg 19 and PCMR 2020 reg 13: 12 months after the matter came to attention, then every 6 months" },
	},
	applies = all { known "professional standards never knew of the matter",
		has("investigator_appointed", "no conduct investigation was started") },
	-- a report 12 months after the matter came to attention, then every 6
	-- months after that, until the investigation ends
	from = "aware",
	every = { first = months(12), period = months(6),
		ends = first_of { "conduct_closed", "investigation_completed" } },
	done_by = { type = "progress_report" },
	says = {
		not_applicable = "The investigation ended {ends_when}, within 12 months of professional standards learning of it.",
		upcoming = "The investigation is open; the first progress report is due {due_when}.",
		pass = "Every progress report due while the investigation was open was sent within the statutory time limits.",
		late = "A progress report was due {due_when}, when the investigation had been open 12 months or another 6 months, but came only {done_when}, {days_late_words} after the statutory time limit.",
		fail = "The investigation was still open {due_when} and no progress report was sent to the local policing body; the law required one then and every 6 months after.",
		unknown = "The investigation was open {due_when}; the record cannot settle whether a progress report was sent by then: {settle}.",
		pending = "The investigation is open; a progress report is due {due_when}.",
	},
}

step "fasttrack.special_case" {
	title = "A conviction leads to an accelerated hearing",
	regimes = FROM_2008,
	why_not_in_force = "special case hearings began with the Police (Conduct) Regulations 2008",
	cite = {
		["1999"] = "Police (Conduct) Regulations 2008 (SI 2008/2864), in force from 1 December 2008",
		["2004"] = "Police (Conduct) Regulations 2008 (SI 2008/2864), in force from 1 December 2008",
		["2008"] = "Police (Conduct) Regulations 2008 (SI 2008/2864)",
		["2012"] = "Police (Conduct) Regulations 2012 (SI 2012/2632)",
		["2020"] = "Police (Conduct) Regulations 2020, reg 49(1) and (2); Police Reform Act 2002, Sch 3 para 20A",
	},
	duty = "statutory",
	limit = benchmark("special_case_days"),
	basis = "Carrick was dismissed at an accelerated hearing on 17 January 2023.",
	-- The clock starts when the criminal proceedings on the matter end (the
	-- latest plea or conviction): misconduct proceedings may wait while they
	-- could prejudice criminal proceedings.
	from = function(m, ctx)
		local e
		for _, ty in ipairs({ "guilty_plea", "convicted" }) do
			for _, x in ipairs(m:all(ty)) do
				if not e or x.lo > e.lo then e = x end
			end
		end
		if not e then return nil, "there was no guilty plea or conviction" end
		local leave = ctx.case:leaving()
		if leave and leave.hi <= e.lo then return nil, "the subject had left the service before the plea or conviction" end
		return e
	end,
	within = working_days "special_case_days",
	done_by = { type = { "special_case_certified", "misconduct_hearing" } },
	says = {
		trigger = "the criminal proceedings ended with the subject's last guilty plea or conviction",
		done = "the case was certified for, or went to, an accelerated hearing",
		missing = "no accelerated hearing was certified or held",
		duty = "the special case procedure was to be started",
	},
}

local LISTS_FROM = "2017-12-15"

--[[
The two steps below are the policy's only check functions. Each is a duty
about the officer, not about one matter (per = "case"), and the language's
deadline shape (from, within, done_by) runs from a matter's trigger; the
advisory list's "under investigation when he left" also looks across every
matter of the case. The shared helper keeps the deadline arithmetic in
ctx:deadline, so the dates, gaps and messages are the engine's.
]]
-- The report to the College of Policing's list, LIST ("barred list" or
-- "advisory list"), of a subject who left by LEAVE: "within 5 working days
-- beginning with" the day, fixed by law; the lists began on 15 December 2017.
local function list_report(c, ctx, leave, list, what)
	if leave.hi < ctx.dates.day(LISTS_FROM) then
		return { status = "not_applicable", message = "The barred and advisory lists began on 15 December 2017." }
	end
	return ctx:deadline {
		trigger = leave, within = working_days_beginning(5), gap = ctx:gap(list),
		done = c:first(list, function(e) return e.hi >= leave.lo end),
		vars = { what = what, left = leave.type == "dismissed" and "was dismissed" or leave.type },
	}
end

local LIST_SAYS = {
	pass = "The subject {left} {trigger_when} and was reported to the College of Policing's {what} {done_when}, by {due}: within {limit}.",
	late = "The subject {left} {trigger_when} but was reported to the {what} only {done_when}, {days_late_words} after {due}: later than {limit}.",
	fail = "The subject {left} {trigger_when} but was never reported to the College of Policing's {what}; {limit} ran to {due}.",
	pending = "The subject {left} {trigger_when}; the report to the {what} is due by {due} ({limit}).",
	unknown = "The subject {left} {trigger_when}; the record cannot settle whether the {what} report was made by {due}: {settle}.",
}

step "lists.barred_reported" {
	title = "A dismissed officer is reported to the barred list",
	per = "case",
	cite = "Police Act 1996, s.88A(1); Police Barred List and Police Advisory List Regulations 2017 (SI 2017/1135), reg 3(1)",
	duty = "statutory",
	limit = { basis = "statutory", source = "SI 2017/1135 reg 3(1): before the end of 5 working days beginning with the date of the dismissal" },
	vars = { "what", "left" },
	check = function(c, ctx)
		local leave = c:first("dismissed")
		if not leave then return { status = "not_applicable", message = "The subject was not dismissed." } end
		return list_report(c, ctx, leave, "barred_list_reported", "barred list")
	end,
	says = LIST_SAYS,
}

step "lists.advisory_reported" {
	title = "An officer who resigns or retires under investigation is reported to the advisory list",
	per = "case",
	cite = "Police Act 1996, s.88I(1) and (2); Police Barred List and Police Advisory List Regulations 2017 (SI 2017/1135), reg 12(1)",
	duty = "statutory",
	limit = { basis = "statutory", source = "SI 2017/1135 reg 12(1): before the end of 5 working days beginning with the date of the resignation or retirement" },
	vars = { "what", "left" },
	check = function(c, ctx)
		if c:first("dismissed") then
			return { status = "not_applicable",
				message = "The subject was dismissed, so is reported to the barred list (lists.barred_reported), not the advisory list." }
		end
		local leave = c:leaving()
		if not leave then return { status = "not_applicable", message = "The subject has not left the service." } end
		local open = false
		for _, m in ipairs(c.matters) do
			local close = m:closing()
			if not close or close.lo > leave.hi then open = true end
		end
		if not open then
			return { status = "not_applicable", message = "No matter was open when the subject " .. leave.type .. "." }
		end
		return list_report(c, ctx, leave, "advisory_list_reported", "advisory list")
	end,
	says = LIST_SAYS,
}

--[[
Duties added after the first 21 steps (casecheck issue 7): the route decision
(is the allegation a complaint, a conduct matter or neither?) and the leavers'
restriction of 2015-2017. They follow the step syntax above, with the duty kind
(`duty`) and the basis of any time limit (`limit`) declared per step. The
readings are in docs/decisions.md ("Route decision", "Leavers").
]]

param "route_decision_days" { default = 10, unit = "working_days",
	doc = "awareness to the route decision (assess.route_decided); the law sets no time limit" }

-- A decision that there was no indication of misconduct or crime, on an
-- allegation whose category is itself such an indication (PRA 2002 s.12).
local function wrong_no_indication(e, m)
	return e.type == "route_decided" and e.outcome == "no_indication" and m:has_category_except("other")
end

step "assess.route_decided" {
	title = "The appropriate authority decides whether the allegation is a complaint, a conduct matter or neither",
	regimes = FROM_2004,
	why_not_in_force = "no statutory route decision before Part 2 of the Police Reform Act 2002 came into force (1 April 2004)",
	cite = {
		["1999"] = "Police Act 1996; Police (Conduct) Regulations 1999 (SI 1999/730)",
		["2004"] = "Police Reform Act 2002, s.12(1) and (2)",
		["2008"] = "Police Reform Act 2002, s.12(1) and (2)",
		["2012"] = "Police Reform Act 2002, s.12(1) and (2); Sch 3 para 11(3)",
		["2020"] = "Police Reform Act 2002, s.12(1), (1A) and (2); Sch 3 para 11(3)",
	},
	duty = "statutory",
	limit = { basis = "benchmark", source = "casecheck default (param route_decision_days); the law sets no time limit" },
	basis = "Every later duty depends on how the allegation is routed: a complaint, a recordable conduct matter, or neither. An allegation of an offence or of a breach of standards is itself an indication (PRA 2002 s.12); a criminal NFA does not remove it.",
	applies = all { serving,
		known "professional standards never knew of the matter, so no route decision fell due (see intake.route_to_psd and xforce.notify_home_force)" },
	from = "aware",
	within = working_days "route_decision_days",
	-- a recorded conduct matter is itself the record of a decision that it is one
	done_by = { type = { "route_decided", "conduct_recorded" }, by = "aa",
		where = function(e, m) return not wrong_no_indication(e, m) end },
	breach = { {
		type = "route_decided",
		where = function(e, m)
			return wrong_no_indication(e, m) and not m:first("conduct_recorded") and
				not m:first("route_decided", function(x) return x.outcome == "conduct_matter" or x.outcome == "complaint" end)
		end,
		says = "Professional standards learned of the matter {trigger_when} and decided {event_when} that it showed no indication of a criminal offence or of behaviour justifying disciplinary proceedings; but the allegation is itself such an indication (PRA 2002 s.12 asks only whether the officer may have done so, not whether it is proved), and it was never recorded as a conduct matter or complaint.",
	} },
	says = {
		trigger = "professional standards learned of the matter",
		done = "the appropriate authority decided whether it was a complaint, a conduct matter or neither",
		missing = "no decision on whether it was a complaint, a conduct matter or neither is on record",
		duty = "the appropriate authority had to decide whether it was a complaint, a conduct matter or neither",
	},
}

-- PCR 2012 reg 10A: inserted by SI 2014/3347 from 12 January 2015, revoked
-- from 15 December 2017 (proceedings against former officers replaced it).
local LEAVE_RULE_FROM, LEAVE_RULE_TO = "2015-01-12", "2017-12-14"

-- When the reg 10A restriction stopped for matter M: the earliest event that
-- ends it (reg 10A(3) and (4)), or nil; and whether a final written warning
-- on record leaves reg 10A(3)(b) open (its expiry is not modelled).
local function restriction_end(m, ctx)
	local ends
	local function take(e) if e and (not ends or e.lo < ends.lo) then ends = e end end
	local fww = ctx.case:first("misconduct_meeting", function(e) return e.outcome == "final_written_warning" end) or
		ctx.case:first("misconduct_hearing", function(e) return e.outcome == "final_written_warning" end)
	local open_fww
	for _, e in ipairs(m:all("severity_assessed")) do
		if e.outcome == "none" or e.outcome == "practice_requiring_improvement" then take(e)
		elseif e.outcome == "misconduct" then
			if fww and fww.lo < e.lo then open_fww = fww else take(e) end
		end
	end
	take(m:first("case_to_answer", function(e) return e.outcome == "no_case" or e.outcome == "misconduct" end))
	take(m:first("misconduct_meeting"))
	take(m:first("misconduct_hearing"))
	take(m:closing())
	return ends, open_fww
end

-- The subject's notice to resign or retire: the earlier of the two.
local function leaving_notice(c)
	local leave
	for _, t in ipairs({ "resigned", "retired" }) do
		local e = c:first(t)
		if e and (not leave or e.lo < leave.lo) then leave = e end
	end
	return leave
end

--[[
reg 10A(1): the restriction held while the matter was under investigation,
from the authority's awareness until it ended (reg 10A(3), (4)). Not
applicable when the notice came before or after; unsure (a third value)
when the dates, or a final written warning still perhaps in force, leave it
open. No notice or no awareness: the trigger ('from') says so.
]]
local function under_investigation(m, ctx)
	local leave = leaving_notice(ctx.case)
	if not leave or not m.aware then return true end
	local left = "the subject " .. leave.type .. " " .. ctx:when(leave)
	if leave.hi < m.aware.lo then return false, left .. ", before professional standards learned of the matter" end
	local ends, fww = restriction_end(m, ctx)
	if ends and ends.hi <= leave.lo then
		return false, left .. "; the restriction on resigning had already ended " .. ctx:when(ends) .. " ('" .. ends.id .. "')"
	end
	local unsure
	if leave.lo < m.aware.hi then
		unsure = "the dates do not settle whether the subject left after professional standards learned of the matter"
	elseif ends and ends.lo <= leave.hi then
		unsure = "the dates do not settle whether the restriction had ended ('" .. ends.id .. "') before the subject left"
	elseif fww then
		unsure = "the matter was assessed as misconduct and a final written warning ('" .. fww.id ..
			"') is on record; whether it was still in force (reg 10A(3)(b)) would settle it"
	end
	if unsure then return false, left .. " while the matter may have been under investigation; " .. unsure, true end
	return true
end

step "leavers.resignation_consented" {
	title = "An officer under investigation resigns or retires only with the appropriate authority's consent",
	regimes = { "2012" },
	why_not_in_force = "the consent rule (Police (Conduct) Regulations 2012 reg 10A) applied only to matters under the 2012 Regulations, from 12 January 2015 until it was revoked on 15 December 2017; no equivalent rule exists under the other regimes",
	cite = {
		["2012"] = "Police (Conduct) Regulations 2012, reg 10A (inserted by SI 2014/3347; removed by SI 2017/1134)",
		["*"] = "Police (Conduct) Regulations 2012, reg 10A, in force 12 January 2015 to 14 December 2017",
	},
	duty = "statutory",
	limit = { basis = "statutory", source = "PCR 2012 reg 10A: consent must be obtained before notice to resign or retire is given" },
	basis = "From 12 January 2015 to 14 December 2017 an officer whose conduct was being dealt with as possible misconduct or gross misconduct could not give notice to resign or retire without the appropriate authority's consent, given only for medical unfitness or exceptional circumstances.",
	-- reg 10A was in force from 12 January 2015 to 14 December 2017: judged by the notice's date
	in_force_from = LEAVE_RULE_FROM, in_force_to = LEAVE_RULE_TO,
	why_not_yet = "{trigger} {trigger_when}, outside the period in which the 2012 Regulations required consent (12 January 2015 to 14 December 2017)",
	why_unsure = "{trigger} {trigger_when} while the matter may have been under investigation; the leaving date {trigger_date} may fall outside 12 January 2015 to 14 December 2017; its exact date would settle it",
	from = function(m, ctx)
		if not m.aware then return nil, "professional standards never knew of the matter, so the 2012 Regulations never applied to it" end
		return leaving_notice(ctx.case), "the subject did not resign or retire"
	end,
	applies = under_investigation,
	-- consent had to come before the notice
	within = beforehand,
	done_by = { type = "leave_consented" },
	says = {
		trigger = function(_, ctx) return "the subject " .. leaving_notice(ctx.case).type end,
		pass = "{trigger} {trigger_when} while the matter was under investigation, with the appropriate authority's consent given {done_when}.",
		late = "{trigger} {trigger_when} while the matter was under investigation; the appropriate authority's consent came only {done_when}, after the notice, when it had to come first.",
		fail = "{trigger} {trigger_when} while the matter was under investigation, without the appropriate authority's consent; from 12 January 2015 to 14 December 2017 an officer in that position could give notice only with consent.",
		pending = "{trigger} {trigger_when}, the as-of date, while the matter was under investigation; the record does not yet show the appropriate authority's consent, which had to come first.",
		unknown = "{trigger} {trigger_when} while the matter was under investigation; the record cannot settle whether the appropriate authority consented first: {settle}.",
	},
}
