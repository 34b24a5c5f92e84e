-- Several faults at once: which one is reported, and its did-you-mean, must
-- not depend on Lua's table order (hash seeds differ per process).
policy { id = "determinism", title = "Faults in every order" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", limit = { basis = "benchmark", source = "t" }, check = function() return { status = "pass" } end,
	tittle = 1, aplies = 2, chekc = 3, form = 4, within_ = 5, dones_by = 6, breech = 7, zzz = 8 }
