--[[
The two listing duties alone (tests/listing/run.sh): a policy with nothing
but a systems check that must find every matter known before, and an
assessment that must consider every earlier allegation, so that a case of
10,000 allegations measures the listing judgement, not the other steps.
]]

policy {
	id = "test/listing",
	title = "Test: listing duties",
	closing = "conduct_closed",
}

regime "all" { from = "1990-01-01", title = "every date" }

roles {
	aa = function(case, pid) return case:party_of_force(pid, case.subject.force) end,
	psd = function(case, pid)
		local p = pid and case.parties[pid]
		return p ~= nil and p.kind == "psd" and p.of == case.subject.force
	end,
}
awareness {
	{ type = "allegation_received", by = "psd" },
	unknown = "professional standards never knew of the matter",
}
calendar "england-wales"

param "check_days" { default = 5, unit = "working_days", doc = "awareness to systems check" }

local NOTE = { type = "record_unlinked", says = "the name was unlinked after {matter} ({event} {event_when})" }

step "history.checked" {
	title = "Earlier matters are found",
	cite = "test",
	duty = "practice",
	limit = { basis = "benchmark", source = "test" },
	from = "aware",
	within = working_days "check_days",
	lists = { type = "systems_checked", by = "aa", field = "found", earlier = "known_before", note = NOTE },
	says = {
		what = "a search of the history",
		missed = "The systems check {event_when} missed {missed}{notes}.",
		closed = "The matter was closed {close_when} without {what}.",
	},
}

step "pattern.assessed" {
	title = "Earlier allegations are assessed together",
	cite = "test",
	duty = "practice",
	limit = { basis = "benchmark", source = "test" },
	from = "aware",
	within = working_days "check_days",
	lists = { type = "cumulative_assessment", field = "considered", earlier = "earlier_allegations" },
	says = {
		what = "an assessment with the earlier allegations",
		missed = "Allegation number {count}: the assessment {event_when} missed {missed}.",
		closed = "The matter was closed {close_when} without {what}.",
	},
}
