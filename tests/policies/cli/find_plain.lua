-- A plain find is O(N x M) in C.
-- expect: find_plain.lua:8: instruction budget exceeded (50000000 instructions)
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	local s = ("a"):rep(4000000)
	local p = ("a"):rep(100000) .. "b"
	return { status = "pass", message = tostring(s:find(p, 1, true)) }
end }
