-- %b() over 200,000 open brackets: N^2 steps in C.
-- expect: pattern_balance.lua:7: instruction budget exceeded (50000000 instructions)
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	local s = ("("):rep(200000)
	return { status = "pass", message = tostring(s:find("%b()")) }
end }
