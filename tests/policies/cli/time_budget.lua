-- A hang with an instruction budget it cannot reach: the wall clock ends it.
-- expect: time_budget.lua:7: time budget exceeded (0.5 s); --max-seconds raises it
-- args: --max-instructions 1000000000000000 --max-seconds 0.5
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	while true do end
end }
