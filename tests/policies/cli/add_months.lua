-- Date arithmetic past any calendar (a signed int overflow in C).
-- expect: add_months.lua:6: date arithmetic out of range: 240000000 months from 1970-01-01
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function(m, ctx)
	local d = ctx.dates.add_months(0, 240000000)
	return { status = "pass", message = ctx.dates.iso(d) }
end }
