-- A span's days must be whole day numbers (ctx.dates.day gives them).
-- expect: result_due_span.lua:5: step 'a.b': check returned a bad due span: lo and hi must be day numbers (whole numbers), got float and integer
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", limit = { basis = "benchmark", source = "test" }, check = function()
	return { status = "pass", due = { lo = 18000.5, hi = 18001 } }
end }
