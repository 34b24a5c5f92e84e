-- A check result with a status of the wrong type.
-- expect: result_types.lua:5: step 'a.b': check field 'status' must be a string, got number
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	return { status = 1 }
end }
