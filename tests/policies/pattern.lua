-- A 1 MB backtracking pattern against a 1 MB subject: the worst case of the
-- match cannot fit the instruction budget, so it is refused before it starts.
local s = ("a"):rep(1 << 20)
local p = (".-"):rep(1 << 19)
return s:find(p .. "b")
