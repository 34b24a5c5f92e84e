-- Writing into the engine's shared empty list.
-- expect: empty_list.lua:6: an empty list is read-only
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function(m)
	m:all("no_such_type")[1] = "x"
	return { status = "pass" }
end }
