-- tiny.lua: a two-step policy for the command-line tests (tests/check_cli.c,
-- tests/golden). Not law: just enough to give a pass, a fail and a citation.
policy { id = "cli/tiny", title = "Two steps for the command-line tests" }

regime "2004" { from = "2004-04-01", title = "Police Reform Act 2002" }

param "record_days" { default = 10, unit = "working_days", doc = "working days to record a conduct matter" }

step "record.conduct_matter" {
	title = "The appropriate authority records a conduct matter",
	cite = "PRA 2002 Sch 3 para 11",
	duty = "statutory",
	limit = { basis = "benchmark", source = "param record_days; the law sets no time limit" },
	from = "aware",
	within = working_days "record_days",
	done_by = { type = "conduct_recorded", by = "aa" },
}

step "refer.iopc_mandatory" {
	title = "The appropriate authority refers the matter to the IOPC",
	cite = { ["2004"] = "PRA 2002 Sch 3 para 13" },
	duty = "statutory",
	limit = { basis = "statutory", source = "PCMR 2004 reg 5(3)" },
	from = "aware",
	within = next_working_day,
	done_by = { type = "iopc_referred", by = "aa" },
}

-- Who the steps name, and when professional standards learned of a matter:
-- the policy's own rules (the engine knows no roles).
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
	unknown = "professional standards never knew of the matter, so the duty never arose (the failure lies with intake.route_to_psd or xforce.notify_home_force)",
}
calendar "england-wales"
