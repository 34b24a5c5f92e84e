-- A loop made of goto.
-- expect: goto_loop.lua:7: instruction budget exceeded (50000000 instructions)
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	local n = 0
	::again:: n = n + 1
	goto again
end }
