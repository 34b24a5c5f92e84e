-- A check that overrides the finding's step id (was step == NULL in the API).
-- expect: result_step.lua:5: step 'a.b': check returned unknown field 'step'
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	return { status = "pass", step = 42 }
end }
