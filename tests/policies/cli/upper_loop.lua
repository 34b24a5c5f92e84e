-- Many cheap-looking calls that each scan 64 KiB in C.
-- expect: upper_loop.lua:8: instruction budget exceeded (50000000 instructions)
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	local s, n = ("a"):rep(1 << 16), 0
	while true do
		n = n + #s:upper()
	end
end }
