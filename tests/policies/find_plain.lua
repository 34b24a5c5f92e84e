-- A plain find compares up to the pattern's length at every position.
local s = ("a"):rep(4000000)
local p = ("a"):rep(100000) .. "b"
return s:find(p, 1, true)
