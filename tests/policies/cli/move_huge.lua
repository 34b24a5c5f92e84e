-- table.move of 2^62 elements (a C loop).
-- expect: move_huge.lua:6: instruction budget exceeded (50000000 instructions)
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	return { status = "pass", message = #table.move({}, 1, 1 << 62, 1) }
end }
