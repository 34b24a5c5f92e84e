-- Deep recursion ends in Lua's own stack overflow, a normal error.
local function down(n)
	return 1 + down(n + 1)
end
return down(1)
