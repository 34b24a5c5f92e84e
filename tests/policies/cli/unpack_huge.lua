-- table.unpack over a huge range (a C loop).
-- expect: unpack_huge.lua:6: instruction budget exceeded (50000000 instructions)
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	return { status = "pass", message = select("#", table.unpack({}, 1, 100000000)) }
end }
