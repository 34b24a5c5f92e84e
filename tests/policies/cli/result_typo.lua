-- A misspelt result field gets a suggestion.
-- expect: result_typo.lua:5: step 'a.b': check returned unknown field 'mesage' (did you mean 'message'?)
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	return { status = "pass", mesage = "x" }
end }
