-- Coroutines are not opened: no yield across the engine.
-- expect: coroutine.lua:6: attempt to index a nil value (global 'coroutine')
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	local co = coroutine.wrap(function() while true do coroutine.yield() end end)
	return { status = "pass" }
end }
