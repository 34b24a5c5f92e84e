-- Two million done_by types, handed over only when evaluating a case (the
-- DSL's policy returns nothing at load and a no-op per case: a policy can tell).
-- expect: done_by_eval_only.lua:8: step 'a.b' names 2000000 event types and breaches when evaluating a case but 1 when loaded
local evaluating = policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" } ~= nil
regime "r" { from = "2000-01-01", title = "any" }
local types = { "conduct_recorded" }
if evaluating then for i = 1, 2000000 do types[i] = "t" end end
step "a.b" { title = "t", cite = "c", from = "allegation", within = days(10), done_by = { type = types } }
