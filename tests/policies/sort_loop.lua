-- Sorting a big table again and again: each sort is n log n compares in C
-- for one VM instruction; each is charged, so the loop ends in the budget.
local t = {}
for i = 1, 100000 do t[i] = i end
while true do
	table.sort(t)
end
