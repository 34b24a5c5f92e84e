-- table.concat over a huge range of nils (a C loop).
-- expect: concat_huge.lua:6: instruction budget exceeded (50000000 instructions)
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	return { status = "pass", message = table.concat({}, ",", 1, math.maxinteger) }
end }
