--[[
Scotland: handling a misconduct allegation against a constable of the Police
Service of Scotland below the rank of assistant chief constable.

The Police Service of Scotland (Conduct) Regulations 2014 (SSI 2014/68, in
force 1 April 2014): the deputy chief constable designated under reg 5 (or a
constable of chief inspector rank or above to whom the functions are
delegated) assesses the allegation, reports a suspected offence to the
prosecutor, decides on suspension, has the constable given notice of an
investigation and decides whether there is a case to answer. The
Regulations set no number of days for any of these: every deadline here is
casecheck's benchmark (a param), and says so. Which provisions were read,
and which are cited at the level of the instrument, is in docs/law.md
("Scotland"). Written with the same engine as the England & Wales policy:
nothing in the engine was changed for it.
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

regime "2014" { from = "2014-04-01",
	title = "Police Service of Scotland (Conduct) Regulations 2014 (SSI 2014/68)" }

-- The Regulations set no time limits for these steps: casecheck's benchmarks.
param "assess_days" { default = 10, unit = "working_days", doc = "allegation to the deputy chief constable's assessment (reg 10)" }
param "report_days" { default = 5, unit = "working_days", doc = "allegation of an offence to the report to the prosecutor (reg 9)" }
param "suspension_days" { default = 2, unit = "working_days", doc = "serious allegation to the suspension decision (reg 8)" }
param "notice_days" { default = 10, unit = "working_days", doc = "investigator's appointment to the notice of investigation (reg 11: as soon as reasonably practicable)" }
param "decision_days" { default = 15, unit = "working_days", doc = "investigator's report to the case-to-answer decision (reg 14)" }
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

local function benchmark(param, law)
	return { basis = "benchmark", source = "casecheck default (param " .. param .. "); " .. law }
end

-- The prosecutor's report is not an event of the case format: declared here.
event_type "prosecutor_reported" {
	fields = { by = "party", re = "matter", to = "party" },
	doc = "the deputy chief constable reports a suspected offence by the constable to the appropriate prosecutor",
}

step "assess.allegation_assessed" {
	title = "The deputy chief constable (or a delegate) assesses the misconduct allegation",
	cite = CONDUCT_REGS .. " regs 5 and 10",
	duty = "statutory",
	limit = benchmark("assess_days", "the Regulations set no time limit"),
	basis = "A misconduct allegation (reg 2) must be assessed as misconduct, gross misconduct or neither before anything else can follow.",
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
	cite = CONDUCT_REGS .. " reg 9",
	duty = "statutory",
	limit = benchmark("report_days", "the Regulations set no time limit"),
	basis = "Where an offence may have been committed, the deputy chief constable must report it to the appropriate prosecutor; misconduct proceedings may then wait for the prosecutor.",
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
	cite = CONDUCT_REGS .. " reg 8",
	duty = "power",
	limit = benchmark("suspension_days", "reg 8 gives a power to suspend and sets no time"),
	basis = "Reg 8 lets a senior constable suspend a constable suspected of misconduct or of an offence; for the most serious allegations the power should at least be weighed at once.",
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

step "notice.investigation_notice" {
	title = "The constable is given notice of the investigation",
	cite = CONDUCT_REGS .. " reg 11",
	duty = "statutory",
	limit = benchmark("notice_days", "reg 11 says \"as soon as reasonably practicable\""),
	basis = "Once an investigator is appointed (reg 10), the constable must be told of the investigation and of the initial assessment as soon as reasonably practicable.",
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
	cite = CONDUCT_REGS .. " reg 14",
	duty = "statutory",
	limit = benchmark("decision_days", "the Regulations set no time limit"),
	basis = "On the investigator's report the deputy chief constable decides whether there is a case to answer and refers it to a misconduct meeting (reg 14(2)) or hearing (reg 14(3)).",
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
	cite = CONDUCT_REGS .. " reg 9",
	duty = "practice",
	limit = benchmark("resume_days", "the Regulations set no time limit"),
	basis = "Misconduct proceedings may wait for the prosecutor (reg 9), but the prosecutor deciding not to proceed decides nothing about misconduct: the conduct decision must still be made (the failure found in the handling of the Carrick allegations).",
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
