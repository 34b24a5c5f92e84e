-- string.format with an absurd width is a Lua error, not a buffer overrun.
-- expect: format_width.lua:6: invalid conversion
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	return { status = "pass", message = string.format("%999999999d", 1) }
end }
