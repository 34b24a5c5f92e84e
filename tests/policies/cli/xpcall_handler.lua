-- A looping message handler after a budget trip (hooks are off in it).
-- expect: xpcall_handler.lua:5: instruction budget exceeded (50000000 instructions)
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
local function spin() while true do end end
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	return xpcall(spin, spin)
end }
