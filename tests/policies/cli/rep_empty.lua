-- string.rep of nothing, math.maxinteger times (2^63 loops in Lua 5.4.4).
-- expect: rep_empty.lua:7: answered at once
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	local s = ("").rep("", math.maxinteger)
	error("answered at once" .. s)
end }
