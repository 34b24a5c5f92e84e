-- A long [set] is scanned byte by byte for every subject byte tried.
local s = ("a"):rep(1 << 20)
local set = "[" .. ("b"):rep(1 << 16) .. "]"
return s:find(set .. set .. set)
