-- A 1 MB backtracking pattern against a 1 MB subject: the matcher's depth
-- limit stops it before any backtracking starts.
local s = ("a"):rep(1 << 20)
local p = (".-"):rep(1 << 19)
return s:find(p .. "b")
