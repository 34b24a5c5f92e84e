-- A policy runs once, at load; its cases share its declarations. A check
-- that declares a step while a case is evaluated (to hand the evaluator two
-- thousand done_by types, say, that loading never checked) is refused: the
-- declarations are frozen once loaded (engine/sandbox_freeze.c).
-- expect: declare_during_case.lua:10: a policy's own tables are read-only while a case is evaluated
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	local types = {}
	for i = 1, 2000 do types[i] = "t" end step "a.c" { title = "t", cite = "c", duty = "practice", limit = { basis = "benchmark", source = "t" }, from = "allegation", within = days(10), done_by = { type = types } }
	return { status = "pass" }
end }
