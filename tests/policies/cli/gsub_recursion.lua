-- Deep recursion through C: gsub callbacks that call gsub.
-- expect: C stack overflow
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
local function f(s) return (s:gsub(".", f)) end
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	return { status = "pass", message = f("aa") }
end }
