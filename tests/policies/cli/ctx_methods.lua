-- Reaching the shared methods of ctx through ctx.__index.
-- expect: ctx_methods.lua:6: attempt to index a nil value (field '__index')
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function(m, ctx)
	ctx.__index.deadline = function() return { status = "pass" } end
	return { status = "pass" }
end }
