-- Error objects with __gc or __tostring need setmetatable, which is absent.
-- expect: metatable_gc.lua:6: attempt to call a nil value (global 'setmetatable')
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	error(setmetatable({}, { __gc = function() while true do end end, __tostring = function() return "x" end }))
end }
