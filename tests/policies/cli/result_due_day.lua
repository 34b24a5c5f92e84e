-- A due date that is no day of the calendar: the reason is date.c's.
-- expect: result_due_day.lua:5: step 'a.b': check returned a bad due date '2019-02-30': day 30 is not in February
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", limit = { basis = "benchmark", source = "test" }, check = function()
	return { status = "pass", due = "2019-02-30" }
end }
