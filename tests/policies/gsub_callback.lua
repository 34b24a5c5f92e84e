-- A gsub whose callback loops: the callback is Lua, so it is counted.
local s = ("a"):rep(10)
return s:gsub("a", function() while true do end end)
