-- Two million done_by types, handed over only when evaluating a case (the
-- DSL checks a declaration at load and only collects it per case: a policy can
-- tell, here by whether a malformed step id is refused).
-- expect: done_by_eval_only.lua:10: step 'a.b' names 2000000 event types and breaches when evaluating a case but 1 when loaded
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
local evaluating = pcall(step, 42)
regime "r" { from = "2000-01-01", title = "any" }
local types = { "conduct_recorded" }
if evaluating then for i = 1, 2000000 do types[i] = "t" end end
step "a.b" { title = "t", cite = "c", duty = "practice", limit = { basis = "benchmark", source = "t" }, from = "allegation", within = days(10), done_by = { type = types } }
