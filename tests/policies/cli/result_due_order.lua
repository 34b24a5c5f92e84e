-- An imprecise due date must run forwards.
-- expect: result_due_order.lua:5: step 'a.b': check returned a bad due date '2019-06-14/2019-05-16': the second date is before the first
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", limit = { basis = "benchmark", source = "test" }, check = function()
	return { status = "pass", due = "2019-06-14/2019-05-16" }
end }
