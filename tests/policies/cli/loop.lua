-- The simplest hang, inside a check function.
-- expect: loop.lua:6: instruction budget exceeded (50000000 instructions); --max-instructions raises it
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	while true do end
end }
