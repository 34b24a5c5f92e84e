-- A budget cannot be caught by pcall, nor by pcall inside a handler.
-- expect: pcall_catch.lua:5: instruction budget exceeded (50000000 instructions)
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
local function spin() while true do end end
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	local ok = pcall(spin)
	ok = xpcall(spin, function() return pcall(spin) end)
	return { status = ok and "pass" or "fail" }
end }
