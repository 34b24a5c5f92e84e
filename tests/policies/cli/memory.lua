-- A table that grows until the memory budget refuses it.
-- expect: memory.lua:8: memory budget exceeded (16 MiB); --max-memory raises it
-- args: --max-memory 16
policy { id = "adversary", title = "An adversarial policy for tests/policies/run.sh" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.b" { title = "t", cite = "c", duty = "practice", check = function()
	local t = {}
	for i = 1, 1e9 do t[i] = { i } end
end }
