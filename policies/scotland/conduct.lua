--[[
Scotland: handling a misconduct allegation against a constable of the Police
Service of Scotland below the rank of assistant chief constable.

The Police Service of Scotland (Conduct) Regulations 2014 (SSI 2014/68, in
force 1 April 2014): the deputy chief constable designated under reg 5 (or a
constable of chief inspector rank or above to whom the functions are
delegated) assesses the allegation (reg 10(2)), decides whether to
investigate it (reg 10(4)), reports a suspected offence to the prosecutor
(reg 9), and on the investigator's report decides whether there is a case to
answer (reg 14(1)); a senior constable may suspend (reg 8), and a suspension
must be reviewed within 4 weeks (reg 8(5)(b)); the investigator gives the
constable notice of the investigation (reg 11(1)). The only time limit the
Regulations set among these is the 4-week review; every other deadline is
casecheck's benchmark (a param), and says so. Which provisions were read, and
which are cited only at the number the Explanatory Note gives, is in
docs/law.md ("Scotland"). Written with the same engine as the England & Wales
policy: nothing in the engine was changed for it.
]]

policy {
	id = "scotland/conduct",
	title = "Scotland: handling misconduct allegations against constables",
	version = "1",
	jurisdiction = "Scotland",
	-- a matter is closed when the service stops dealing with it
	closing = "conduct_closed",
	leaving = { "dismissed", "resigned", "retired" },
	links = {
		["Police Service of Scotland (Conduct) Regulations 2014"] = "https://www.legislation.gov.uk/ssi/2014/68/contents/made",
	},
}

-- The Police Service acts through the deputy chief constable or a delegate
-- (reg 5): any party of the subject's force (its professional standards
-- department included) acts for it.
roles {
	service = function(case, pid)
		return case:party_of_force(pid, case.subject.force)
	end,
}

-- Working days skip Scotland's bank holidays (policies/scotland/calendar.lua).
calendar "scotland"

-- The 2013 Regulations (SSI 2013/60, in force 1 April 2013) governed the
-- year before. Only two of their provisions were read (regs 10 and 11): the
-- notice and the case-to-answer steps cite them; every other step says it
-- is not modelled under them rather than judge a 2013 matter by the 2014
-- rules. A matter's regime is the date its allegation was received: the 2014
-- Regulations' transitional rule (reg 4) was not read (docs/law.md).
regime "2013" { from = "2013-04-01", to = "2014-03-31",
	title = "Police Service of Scotland (Conduct) Regulations 2013 (SSI 2013/60)" }
regime "2014" { from = "2014-04-01",
	title = "Police Service of Scotland (Conduct) Regulations 2014 (SSI 2014/68)" }

-- The Regulations set no time limits for these steps: casecheck's benchmarks.
param "assess_days" { default = 10, unit = "working_days", doc = "allegation to the deputy chief constable's assessment (reg 10(2))" }
param "report_days" { default = 5, unit = "working_days", doc = "allegation of an offence to the report to the prosecutor (reg 9)" }
param "suspension_days" { default = 2, unit = "working_days", doc = "serious allegation to the suspension decision (reg 8)" }
param "investigate_days" { default = 10, unit = "working_days", doc = "assessment as misconduct or gross misconduct to the decision whether to investigate (reg 10(4))" }
param "notice_days" { default = 10, unit = "working_days", doc = "investigator's appointment to the notice of investigation (reg 11(1): as soon as reasonably practicable)" }
param "decision_days" { default = 15, unit = "working_days", doc = "investigator's report to the case-to-answer decision (reg 14(1): as soon as reasonably practicable)" }
param "resume_days" { default = 28, unit = "days", doc = "the prosecutor's decision not to proceed to the conduct decision" }

-- Allegations from which an offence may be inferred (reg 9): every category
-- of the case format that names an offence.
local OFFENCES = { "serious_sexual_offence", "sexual_offence", "serious_assault", "assault",
	"domestic_abuse", "coercive_control", "harassment", "stalking", "indecent_exposure",
	"serious_corruption", "relevant_offence", "death_or_serious_injury" }
-- Allegations serious enough that suspension must at least be considered.
local SERIOUS = { "serious_sexual_offence", "serious_assault", "serious_corruption",
	"death_or_serious_injury" }

local CONDUCT_REGS = "Police Service of Scotland (Conduct) Regulations 2014"
local REGS_2013 = "Police Service of Scotland (Conduct) Regulations 2013"

local function benchmark(param, law)
	return { basis = "benchmark", source = "casecheck default (param " .. param .. "); " .. law }
end

-- Why a step is not applied to a matter received under the 2013 Regulations.
local function not_modelled(what)
	return "the Police Service of Scotland (Conduct) Regulations 2013 (SSI 2013/60) governed allegations received from 1 April 2013 to 31 March 2014, and this policy models only the 2014 Regulations, " .. what
end

-- The first assessment of the matter as misconduct or gross misconduct.
local function misconduct_assessment(m)
	return m:first("severity_assessed", function(e)
		return e.outcome == "misconduct" or e.outcome == "gross_misconduct"
	end)
end

-- The prosecutor's report is not an event of the case format: declared here.
event_type "prosecutor_reported" {
	fields = { by = "party", re = "matter", to = "party" },
	doc = "the deputy chief constable reports a suspected offence by the constable to the appropriate prosecutor",
}

-- Nor is the review of a suspension (reg 8(5)(b)).
event_type "suspension_reviewed" {
	fields = { by = "party", re = "matter" },
	doc = "the deputy chief constable reviews a constable's suspension",
}

step "assess.allegation_assessed" {
	title = "The deputy chief constable (or a delegate) assesses the misconduct allegation",
	cite = CONDUCT_REGS .. ", regs 5 and 10(2)",
	duty = "statutory",
	limit = benchmark("assess_days", "reg 10 sets no time limit"),
	regimes = { "2014" },
	why_not_in_force = not_modelled("whose assessment duty (reg 10(2)) began on 1 April 2014"),
	basis = "A misconduct allegation (reg 2) that comes to the deputy chief constable's attention must be assessed as misconduct, gross misconduct or neither (reg 10(1) and (2)) before anything else can follow.",
	applies = function(m)
		return m:has_category_except("other"), "the allegation's only category is 'other'"
	end,
	from = "allegation",
	within = working_days "assess_days",
	done_by = { type = "severity_assessed", by = "service" },
	says = {
		trigger = "the allegation was received",
		done = "the allegation was assessed",
		missing = "no assessment of the allegation is on record",
		duty = "the deputy chief constable had to assess it",
	},
}

step "criminal.reported_to_prosecutor" {
	title = "A suspected offence is reported to the prosecutor",
	cite = CONDUCT_REGS .. ", reg 9",
	duty = "statutory",
	limit = benchmark("report_days", "the Regulations set no time limit"),
	regimes = { "2014" },
	why_not_in_force = not_modelled("whose reg 9 began on 1 April 2014"),
	basis = "Where a constable is suspected of an offence, the deputy chief constable must report it to the appropriate prosecutor, and proceedings under the Regulations may be suspended or postponed (reg 9, as the Explanatory Note describes it; its text was not read).",
	applies = function(m)
		return m:has_category(OFFENCES), "no category of the allegation names an offence"
	end,
	from = "allegation",
	within = working_days "report_days",
	done_by = { type = "prosecutor_reported", by = "service" },
	says = {
		trigger = "an allegation of an offence was received",
		done = "it was reported to the prosecutor",
		missing = "no report to the prosecutor is on record",
		duty = "it had to be reported to the prosecutor",
	},
}

step "suspension.considered" {
	title = "Suspension is considered for a serious allegation",
	cite = CONDUCT_REGS .. ", reg 8(1) to (3)",
	duty = "power",
	limit = benchmark("suspension_days", "reg 8 gives a power to suspend and sets no time"),
	regimes = { "2014" },
	why_not_in_force = not_modelled("whose power to suspend (reg 8) began on 1 April 2014"),
	basis = "Reg 8(1) lets a senior constable suspend a constable where an allegation suggests an offence, misconduct or gross misconduct, but only if a suspension condition is met (reg 8(2) and (3)); for the most serious allegations the power should at least be weighed at once.",
	applies = function(m)
		return m:has_category(SERIOUS), "the allegation is not in a serious category"
	end,
	from = "allegation",
	within = working_days "suspension_days",
	done_by = { type = "suspension_decision", by = "service" },
	says = {
		trigger = "a serious allegation was received",
		done = "a suspension decision was made",
		missing = "no suspension decision is on record",
		duty = "suspension had to be considered",
	},
}

-- Only the first review (reg 8(5)(b)(i)) is declared. The later ones are due
-- 4 weeks from the previous review (reg 8(5)(b)(ii)), not on a fixed cycle:
-- an `every` schedule counts each period from the previous due date, so it
-- would pass a review that came 4 weeks and more after the one before it
-- (suspended 9 January 2025, reviewed 20 January and 1 March: the law wants
-- the second by 17 February, a schedule by 6 March), and an `every` chain,
-- which counts from the previous review, never gives `pending`, so it would
-- call a suspension not yet due for review a `pass`.
step "suspension.reviewed" {
	title = "A suspension is reviewed within 4 weeks",
	cite = CONDUCT_REGS .. ", reg 8(5)(b)(i)",
	duty = "statutory",
	limit = { basis = "statutory", source = "reg 8(5)(b)(i): reviewed \"not more than 4 weeks from\" the date of the written notice of suspension" },
	regimes = { "2014" },
	why_not_in_force = not_modelled("whose 4-week review (reg 8(5)(b)) began on 1 April 2014"),
	basis = "A suspension has effect from the written notice of it (reg 8(4) and (5)(a)) and must be reviewed by the deputy chief constable not more than 4 weeks from that date (reg 8(5)(b)(i)), then not more than 4 weeks from the date of the previous review (reg 8(5)(b)(ii)), and whenever told that circumstances relevant to the suspension conditions may have changed (reg 8(5)(b)(iii)). The suspension decision's date stands for the notice's. Only the first review is checked: the later ones, each due 4 weeks from the review before it, and the reviews on changed circumstances are not. A suspension lifted within the 4 weeks needs none.",
	from = function(m)
		local e = m:first("suspension_decision", function(x) return x.decision == "suspended" end)
		if not e then return nil, "the constable was not suspended" end
		return e
	end,
	within = days(28),
	done_by = { type = { "suspension_reviewed", "restrictions_lifted" }, by = "service" },
	says = {
		trigger = "the constable was suspended",
		done = "the suspension was reviewed or lifted",
		missing = "no review of the suspension is on record",
		duty = "the deputy chief constable had to review it",
	},
}

step "investigate.decided" {
	title = "The deputy chief constable decides whether to investigate an allegation assessed as misconduct",
	cite = CONDUCT_REGS .. ", reg 10(4)",
	duty = "statutory",
	limit = benchmark("investigate_days", "reg 10 sets no time limit"),
	regimes = { "2014" },
	why_not_in_force = not_modelled("whose reg 10(4) began on 1 April 2014"),
	basis = "If the deputy chief constable assesses the conduct as misconduct or gross misconduct, the deputy chief constable must decide whether the allegation is to be investigated and either appoint an investigator or take no further action or improvement action (reg 10(4)). Closing the matter because the prosecutor will not proceed is not that decision. Proceedings may wait for the prosecutor (reg 9), which this step does not model: read a late or failed finding with criminal.reported_to_prosecutor.",
	from = function(m)
		local e = misconduct_assessment(m)
		if not e then return nil, "the allegation was not assessed as misconduct or gross misconduct" end
		return e
	end,
	within = working_days "investigate_days",
	done_by = { type = { "investigator_appointed", "management_action", "conduct_closed" }, by = "service",
		where = function(e) return e.type ~= "conduct_closed" or e.reason ~= "criminal_nfa" end },
	before_close = true,
	says = {
		trigger = "the allegation was assessed as misconduct or gross misconduct",
		done = "the deputy chief constable decided whether to investigate",
		missing = "no decision whether to investigate is on record",
		duty = "the deputy chief constable had to decide whether to investigate",
	},
}

step "notice.investigation_notice" {
	title = "The constable is given notice of the investigation",
	cite = {
		["2013"] = REGS_2013 .. ", reg 10(5)",
		["2014"] = CONDUCT_REGS .. ", reg 11(1)",
	},
	duty = "statutory",
	limit = benchmark("notice_days", "the Regulations say \"as soon as reasonably practicable\""),
	basis = "The investigator (appointed under reg 10(4)(a)) must, as soon as reasonably practicable following appointment, give the constable written notice of the investigation, with an initial assessment of whether the conduct would be misconduct or gross misconduct (reg 11(1)). Under the 2013 Regulations the investigating officer had, as soon as reasonably practicable after appointment, to prepare an investigation form informing the constable (reg 10(5)), which reg 11(1) of those Regulations speaks of as sent to the constable.",
	from = "investigator_appointed",
	within = working_days "notice_days",
	done_by = { type = "notice_served" },
	says = {
		trigger = "an investigator was appointed",
		done = "notice of the investigation was served",
		missing = "no notice of the investigation is on record",
		duty = "the constable had to be given notice",
	},
}

step "case_to_answer.decided" {
	title = "The deputy chief constable decides whether there is a case to answer",
	cite = {
		["2013"] = REGS_2013 .. ", reg 11(3)",
		["2014"] = CONDUCT_REGS .. ", reg 14(1)",
	},
	duty = "statutory",
	limit = {
		["2013"] = benchmark("decision_days", "reg 11(3) sets no time limit"),
		["2014"] = benchmark("decision_days", "reg 14(1) says \"as soon as reasonably practicable\""),
	},
	basis = "On receipt of the investigator's report the deputy chief constable must, as soon as reasonably practicable, determine whether the constable has a case to answer in respect of misconduct, gross misconduct or neither (reg 14(1)), and then refer it to a misconduct meeting (reg 14(2)) or hearing (reg 14(3)). Under the 2013 Regulations the deputy chief constable had to consider the investigating officer's report and determine whether the constable was required to attend a misconduct hearing (reg 11(3)).",
	from = "investigation_completed",
	within = working_days "decision_days",
	done_by = { type = "case_to_answer", by = "service" },
	says = {
		trigger = "the investigator's report was completed",
		done = "the case to answer was decided",
		missing = "no case-to-answer decision is on record",
		duty = "the deputy chief constable had to decide it",
	},
}

step "criminal_nfa.conduct_decided" {
	title = "A prosecutor's decision not to proceed does not end the conduct matter",
	cite = CONDUCT_REGS .. ", regs 9, 10(4) and 14(1)",
	duty = "practice",
	limit = benchmark("resume_days", "the Regulations set no time limit"),
	regimes = { "2014" },
	why_not_in_force = not_modelled("on which this practice step is built"),
	basis = "Misconduct proceedings may wait for the prosecutor (reg 9), but the prosecutor deciding not to proceed decides nothing about misconduct: the decision whether to investigate (reg 10(4)) or whether there is a case to answer (reg 14(1)) must still be made (the failure found in the handling of the Carrick allegations). No provision read says when.",
	from = "criminal_nfa",
	within = days "resume_days",
	done_by = { type = { "case_to_answer", "management_action" }, by = "service" },
	says = {
		trigger = "the prosecutor decided not to proceed",
		done = "the conduct matter was decided",
		missing = "the conduct matter was never decided",
		duty = "the conduct decision had to follow",
	},
}
