-- fn.lua: a step written as a check function, for 'explain' (tests/golden):
-- the deadline arithmetic is shown for it as for a declared step.
policy { id = "cli/fn", title = "A check-function step for the command-line tests" }

regime "2004" { from = "2004-04-01", title = "Police Reform Act 2002" }

roles { psd = function(case, pid)
	local p = pid and case.parties[pid]
	return p ~= nil and p.kind == "psd" and p.of == case.subject.force
end }
awareness { { type = { "psd_referral", "home_force_notified" }, to = "psd" },
	{ type = "allegation_received", by = "psd" } }
calendar "england-wales"

param "record_days" { default = 10, unit = "working_days", doc = "working days to record a conduct matter" }

step "record.by_function" {
	title = "The appropriate authority records a conduct matter (as a function)",
	cite = "PRA 2002 Sch 3 para 11",
	duty = "statutory",
	limit = { basis = "benchmark", source = "param record_days; the law sets no time limit" },
	params = { "record_days" },
	check = function(m, ctx)
		local due = ctx.dates.due("working_days", ctx:param("record_days"), m.aware)
		return ctx:deadline { trigger = m.aware_event or m.allegation, due = due,
			done = m:first("conduct_recorded"), says = {
				pass = "Recorded {done_when}, in time (due by {due}).",
				late = "Recorded {done_when}, {days_late_words} late (due by {due}).",
				fail = "Never recorded; due by {due}.",
				pending = "Not recorded yet; due by {due}.",
			} }
	end,
}
