-- A due date that is neither text nor a span.
-- expect: result_due_type.lua:5: step 'a.b': check field 'due' must be a date ("YYYY-MM-DD" or "LO/HI") or a span {lo, hi}, got boolean
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", limit = { basis = "benchmark", source = "test" }, check = function()
	return { status = "pass", due = true }
end }
