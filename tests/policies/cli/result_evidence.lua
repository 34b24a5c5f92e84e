-- Evidence that is not a list of event ids.
-- expect: result_evidence.lua:5: step 'a.b': check evidence 2 must be an event id (a string), got table
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	return { status = "pass", evidence = { "a1", {} } }
end }
