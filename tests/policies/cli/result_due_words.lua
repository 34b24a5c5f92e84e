-- A due date in words is refused, not printed as the finding's due date.
-- expect: result_due_words.lua:5: step 'a.b': check returned a bad due date 'next week': expected YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", limit = { basis = "benchmark", source = "test" }, check = function()
	return { status = "pass", due = "next week" }
end }
