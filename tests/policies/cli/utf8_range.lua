-- utf8.char past the code space.
-- expect: utf8_range.lua:6: bad argument #1 to 'char' (value out of range)
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	return { status = "pass", message = utf8.char(math.maxinteger) }
end }
