-- Reaching the shared methods of matters through m.__index.
-- expect: matter_methods.lua:6: attempt to index a nil value (field '__index')
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function(m)
	m.__index.all = function() return {} end
	return { status = "pass" }
end }
