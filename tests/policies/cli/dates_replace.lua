-- Replacing a function of the engine's date module.
-- expect: dates_replace.lua:6: ctx.dates is read-only
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function(m, ctx)
	ctx.dates.add_months = function() return 0 end
	return { status = "pass" }
end }
