-- Many calls that each look cheap in instructions but do real work in C:
-- each charges what it scans, so the loop ends within the budget.
local s = ("a"):rep(1 << 16)
local n = 0
while true do
	n = n + #s:upper()
end
